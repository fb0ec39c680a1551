/**
 * npm run bench -- [--scale small|national] [--pglite] [--duration s] [--warmup s] [--connections n] [--skip-generate]
 *
 * Generates synthetic data (wiping BENCH_DATABASE_URL, or a temporary PGlite folder with
 * --pglite), starts Hearth as its own process, signs in as a real worker through the real
 * form, drives each scenario with autocannon, and writes bench-results/<time>-<scale>-<db>.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase, openDatabase, pgliteExtensions, type Database, type Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';
import { demoPassword } from '../../src/features/demo/demo.seed.js';
import { runScenario, signIn, type Scenario, type ScenarioResult } from './client.js';
import * as d from './data.js';
import { generate, type Loader, type TableLoad } from './generate.js';
import { startHearth, type RunningServer } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    pglite: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    'skip-generate': { type: 'boolean', default: false },
    email: { type: 'string', default: 'practitioner@northbridge.example' },
  },
});
const scale = args.scale as d.Scale;
if (!(scale in d.scales)) throw new Error(`--scale must be one of ${Object.keys(d.scales).join(', ')}`);
const duration = Number(args.duration ?? (scale === 'small' ? 10 : 30));
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const usePglite = args.pglite;

const log = (s: string) => console.error(s);
const phases: Record<string, number> = {};
async function phase<T>(name: string, f: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`\n== ${name}`);
  try {
    return await f();
  } finally {
    phases[name] = Math.round((Date.now() - started) / 100) / 10;
    log(`   (${phases[name]} s)`);
  }
}

// ---------------------------------------------------------------- databases

interface Target {
  kind: 'postgresql' | 'pglite';
  loader: Loader;
  describe: string;
  driver: string;
  server: { databaseUrl?: string; dataDir?: string };
  close(): Promise<void>;
}

async function ensurePgDatabase(url: string) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      log(`   creating database ${name}`);
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await admin.end();
  }
}

async function postgresTarget(url: string, wipe: boolean): Promise<Target> {
  await ensurePgDatabase(url);
  if (wipe) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await c.end();
    const database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
    await migrateDatabase(database);
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const serverVersion = (await client.query('SHOW server_version')).rows[0].server_version as string;
  const loader: Loader = {
    query: async (text, params) => (await client.query(text, params as unknown[])).rows,
    copy: async (table, columns, chunks) => {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(chunks), stream);
    },
  };
  const pgVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules/pg/package.json'), 'utf8')) as { version: string }).version;
  return {
    kind: 'postgresql',
    loader,
    describe: `PostgreSQL ${serverVersion}`,
    driver: `node-postgres (pg ${pgVersion}), pool of 10 in Hearth`,
    server: { databaseUrl: url },
    close: () => client.end(),
  };
}

async function pgliteTarget(dataDir: string, wipe: boolean): Promise<Target> {
  const folder = path.join(dataDir, 'pglite');
  if (wipe) rmSync(folder, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: folder, extensions: pgliteExtensions });
  if (wipe) {
    const database: Database = { db: drizzlePglite(client, { schema }) as unknown as Db, kind: 'pglite', close: async () => {} };
    await migrateDatabase(database);
  }
  const [{ server_version }] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
  const pgliteVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  return {
    kind: 'pglite',
    loader: {
      query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
      copy: async (table, columns, chunks) => {
        for (const chunk of chunks) {
          await client.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
        }
      },
    },
    describe: `PGlite ${pgliteVersion} (PostgreSQL ${server_version}) in ${dataDir}`,
    driver: 'PGlite (in Hearth process, one connection)',
    server: { dataDir },
    close: () => client.close(),
  };
}

// ---------------------------------------------------------------- scenarios

const rotate = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length];
};

function ukToday(): { day: string; month: string; year: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  return { day: parts.day, month: parts.month, year: parts.year };
}

interface Inputs {
  people: Array<{ id: string; given_name: string; family_name: string; date_of_birth: string; nhs_number: string }>;
  timelinePeople: string[];
  teamId: string;
}

async function sampleInputs(db: Loader): Promise<Inputs> {
  const people = await db.query<Inputs['people'][number]>(
    `SELECT id, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, nhs_number
       FROM people WHERE nhs_number IS NOT NULL AND date_of_birth IS NOT NULL AND NOT restricted ORDER BY random() LIMIT 500`,
  );
  const timeline = await db.query<{ id: string }>(
    `SELECT p.id FROM (SELECT id FROM people ORDER BY random() LIMIT 5000) p
      WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.kind = 'listen_and_connect') LIMIT 300`,
  );
  const [team] = await db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'North East locality team'`);
  return { people, timelinePeople: timeline.map((r) => r.id), teamId: team.id };
}

function scenarios(inputs: Inputs): Scenario[] {
  const r = d.rng(99);
  const misspelt = inputs.people.map((p) => (r() < 0.6 ? `${p.given_name} ${d.misspell(r, p.family_name)}` : `${d.misspell(r, p.given_name)} ${p.family_name}`));
  const dobs = inputs.people.map((p) => `${p.date_of_birth.slice(8, 10)}/${p.date_of_birth.slice(5, 7)}/${p.date_of_birth.slice(0, 4)}`);
  const nhs = inputs.people.map((p) => `${p.nhs_number.slice(0, 3)} ${p.nhs_number.slice(3, 6)} ${p.nhs_number.slice(6)}`);
  const ids = inputs.people.map((p) => p.id);
  const today = ukToday();
  const kinds = ['listen_and_connect', 'build_a_good_life', 'taking_stock', 'carers_conversation'];
  const narratives = Array.from({ length: 50 }, () => d.narrative(r));
  let n = 0;
  const nextId = rotate(ids);
  const nextTimeline = rotate(inputs.timelinePeople);
  const search = (list: string[]) => {
    const next = rotate(list);
    return () => ({ method: 'POST' as const, path: '/people/search', form: { q: next() } });
  };
  return [
    { name: 'static page (baseline)', description: 'GET /accessibility signed in: full GOV.UK layout; only database work is the session lookup', ok: [200], next: () => ({ method: 'GET', path: '/accessibility' }) },
    { name: 'static page, no cookie', description: 'GET /accessibility with no session cookie (no session lookup; the page still makes a CSRF token)', ok: [200], signedIn: false, next: () => ({ method: 'GET', path: '/accessibility' }) },
    { name: 'find: misspelt name', description: 'POST /people/search with a misspelt real name (500 rotating)', ok: [200], next: search(misspelt) },
    { name: 'find: date of birth', description: 'POST /people/search with dd/mm/yyyy', ok: [200], next: search(dobs) },
    { name: 'find: NHS number', description: 'POST /people/search with "943 476 5919" form', ok: [200], next: search(nhs) },
    { name: "person's page", description: 'GET /people/:id (500 rotating)', ok: [200], next: () => ({ method: 'GET', path: `/people/${nextId()}` }) },
    { name: 'timeline by kind', description: 'GET /people/:id/timeline?kind=listen_and_connect', ok: [200], next: () => ({ method: 'GET', path: `/people/${nextTimeline()}/timeline?kind=listen_and_connect` }) },
    { name: "team's worklist", description: 'GET /teams/:id (North East locality team)', ok: [200], next: () => ({ method: 'GET', path: `/teams/${inputs.teamId}` }) },
    { name: 'directory search', description: 'not built yet (issue 5)', ok: [200], skipped: 'the directory (issue 5) does not exist yet', next: () => ({ method: 'GET', path: '/' }) },
    { name: 'ORUK /openreferral/services', description: 'not built yet (issue 5)', ok: [200], skipped: 'the directory (issue 5) does not exist yet', next: () => ({ method: 'GET', path: '/' }) },
    {
      name: 'record a conversation',
      description: 'POST /people/:id/conversations action=save (303 is success)',
      ok: [303],
      next: () => {
        n++;
        return {
          method: 'POST',
          path: `/people/${nextId()}/conversations`,
          form: {
            action: 'save',
            kind: kinds[n % kinds.length],
            'occurred-day': today.day,
            'occurred-month': today.month,
            'occurred-year': today.year,
            narrative: narratives[n % narratives.length],
            whatHappensNext: 'I will ring on Thursday to see how the first visit went.',
          },
        };
      },
    },
  ];
}

// ---------------------------------------------------------------- main

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printTable(results: ScenarioResult[], skipped: Array<{ name: string; reason: string }>) {
  const head = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'x baseline'];
  const rows = results.map((r) => [r.name, fmt(r.requestsPerSecond), fmt(r.latencyMs.p50, 1), fmt(r.latencyMs.p95, 1), fmt(r.latencyMs.p99, 1), String(r.errors), r.ratioToBaseline === undefined ? '' : fmt(r.ratioToBaseline, 2)]);
  for (const s of skipped) rows.push([s.name, 'skipped', '', '', '', '', s.reason]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main() {
  const started = Date.now();
  let target: Target;
  let tempDir: string | undefined;
  if (usePglite) {
    tempDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-'));
    target = await phase('prepare PGlite', () => pgliteTarget(tempDir!, !args['skip-generate']));
  } else {
    const url = process.env.BENCH_DATABASE_URL;
    if (!url) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may wipe (for example postgres://postgres@127.0.0.1:5432/hearth_bench), or pass --pglite.');
    target = await phase('wipe and migrate', () => postgresTarget(url, !args['skip-generate']));
  }
  log(`   ${target.describe}`);

  let loads: TableLoad[] = [];
  if (!args['skip-generate']) {
    const generated = await phase(`generate (${scale})`, () => generate(target.loader, scale));
    loads = generated.loads;
    await phase('analyze', () => target.loader.query('ANALYZE'));
  }
  const counts: Record<string, number> = {};
  for (const t of ['people', 'conversations', 'contacts', 'workers', 'teams', 'directory_services']) {
    counts[t] = Number((await target.loader.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0].n);
  }
  const inputs = await sampleInputs(target.loader);
  const [{ email }] = await target.loader.query<{ email: string }>(`SELECT email FROM workers WHERE lower(email) = lower($1)`, [args.email]);
  await target.close();

  const results: ScenarioResult[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  let server: RunningServer | undefined;
  let failure: unknown;
  try {
    server = await phase('start Hearth', () => startHearth(target.server));
    log(`   ${server.url}`);
    const session = await signIn(server.url, email, demoPassword);
    log(`   signed in as ${email}`);
    for (const s of scenarios(inputs)) {
      if (s.skipped) {
        skipped.push({ name: s.name, reason: s.skipped });
        continue;
      }
      const r = await phase(`scenario: ${s.name} (${warmup} s warm-up, ${duration} s, ${connections} connections)`, () =>
        runScenario(server!.url, session, s, { connections, warmup, duration }),
      );
      log(`   ${fmt(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, errors ${r.errors}`);
      results.push(r);
    }
  } catch (err) {
    failure = err;
  } finally {
    if (server) {
      await server.stop();
      const warnings = server.log().trim();
      if (warnings) log(`\n-- Hearth's log (warnings and errors):\n${warnings.split('\n').slice(-40).join('\n')}`);
    }
  }
  if (failure) throw failure;

  const baseline = results[0]?.requestsPerSecond ?? 0;
  for (const r of results) r.ratioToBaseline = baseline ? Math.round((r.requestsPerSecond / baseline) * 100) / 100 : undefined;

  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const out = path.join(root, 'bench-results', `${stamp}-${scale}-${target.kind}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  const report = {
    when: new Date().toISOString(),
    scale,
    rowCounts: counts,
    generation: loads,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemoryBytes: os.totalmem(), platform: `${os.platform()} ${os.release()}`, node: process.version },
    database: target.describe,
    driver: target.driver,
    load: { tool: 'autocannon 9', connections, warmupSeconds: warmup, durationSeconds: duration, signedInAs: email },
    latencyNote: 'p50/p95/p99 are exact percentiles of every response time in the measured run (autocannon response events); autocannonP97_5 is autocannon\'s own',
    baseline: results[0]?.name,
    scenarios: results,
    skipped,
    phasesSeconds: phases,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  if (tempDir && !process.env.BENCH_DATA_DIR) rmSync(tempDir, { recursive: true, force: true });

  console.log(`\nHearth benchmark: ${scale} scale, ${target.describe}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`);
  console.log(`rows: ${Object.entries(counts).map(([t, n]) => `${t} ${fmt(n)}`).join(', ')}`);
  for (const l of loads) console.log(`generated ${l.table}: ${fmt(l.rows)} rows in ${fmt(l.seconds, 1)} s (${fmt(l.rowsPerSecond)} rows/s)`);
  console.log('');
  printTable(results, skipped);
  console.log(`\nwritten ${path.relative(process.cwd(), out)} (${report.totalSeconds} s in all)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
