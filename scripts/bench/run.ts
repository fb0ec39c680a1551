/**
 * npm run bench -- [--scale small|national] [--pglite] [--duration s] [--warmup s] [--connections n] [--skip-generate | --generate-only]
 *
 * Generates synthetic data (wiping BENCH_DATABASE_URL, or a temporary PGlite folder with
 * --pglite), starts Hearth as its own process, signs in as a real worker through the real
 * form, drives each scenario with autocannon, and writes bench-results/<time>-<scale>-<db>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { demoPassword } from '../../src/features/demo/demo.seed.js';
import { runScenario, signIn, type ScenarioResult } from './client.js';
import * as d from './data.js';
import { generate, loaderFor, type Loader, type TableLoad } from './generate.js';
import { QueryCapture, scenarioPlans, signInInProcess } from './plans.js';
import { sampleInputs, scenarios, type Inputs } from './scenarios.js';
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
    'generate-only': { type: 'boolean', default: false },
    email: { type: 'string', default: 'practitioner@northbridge.example' },
    // For finding out why: only the baseline and the scenarios whose names contain one of these (comma-separated).
    only: { type: 'string' },
    // For finding out why: Hearth run with --cpu-prof, its profile written to bench-results/profiles/.
    profile: { type: 'boolean', default: false },
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
  database: Database;
  loader: Loader;
  describe: string;
  driver: string;
  server: { databaseUrl?: string; dataDir?: string };
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
  }
  const database = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), poolSize: 2 });
  // Kept data gets any migrations added since (before Hearth starts: an index on a million rows takes a while).
  await migrateDatabase(database);
  const loader = loaderFor(database);
  const [{ server_version }] = await loader.query<{ server_version: string }>('SHOW server_version');
  return {
    kind: 'postgresql',
    database,
    loader,
    describe: `PostgreSQL ${server_version}`,
    driver: `node-postgres (pg ${packageVersion('pg')}), pool of 10 in Hearth`,
    server: { databaseUrl: url },
  };
}

async function pgliteTarget(dataDir: string, wipe: boolean): Promise<Target> {
  if (wipe) rmSync(path.join(dataDir, 'pglite'), { recursive: true, force: true });
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  const loader = loaderFor(database);
  const [{ server_version }] = await loader.query<{ server_version: string }>('SHOW server_version');
  return {
    kind: 'pglite',
    database,
    loader,
    describe: `PGlite ${packageVersion('@electric-sql/pglite')} (PostgreSQL ${server_version}) in ${dataDir}`,
    driver: 'PGlite (in Hearth process, one connection)',
    server: { dataDir },
  };
}

const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

// ---------------------------------------------------------------- scenarios

// ---------------------------------------------------------------- query plans

/** Each scenario's queries, explained on the generated data, from one request in-process. */
async function recordPlans(server: Target['server'], inputs: Inputs, email: string) {
  const capture = new QueryCapture();
  const database = await openDatabase({
    databaseUrl: server.databaseUrl,
    dataDir: server.dataDir ?? os.tmpdir(),
    logger: capture,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp(config, { database, logger: false });
  try {
    await app.ready();
    const session = await signInInProcess(app, email, demoPassword);
    const explained = await scenarioPlans(app, database, capture, session, scenarios(inputs), false);
    return new Map(
      explained.map((e) => [
        e.scenario,
        e.plans.map(({ sql, shape }) => ({ sql: sql.replace(/\s+/g, ' ').slice(0, 200), shape })),
      ]),
    );
  } finally {
    await app.close();
    await database.close();
  }
}

// ---------------------------------------------------------------- main

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printTable(results: ScenarioResult[], skipped: Array<{ name: string; reason: string }>) {
  const head = [
    'scenario',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'cpu ms/req: Hearth',
    'PostgreSQL',
    'x baseline',
  ];
  const rows = results.map((r) => [
    ...[
      r.name,
      fmt(r.requestsPerSecond),
      fmt(r.latencyMs.p50, 1),
      fmt(r.latencyMs.p95, 1),
      fmt(r.latencyMs.p99, 1),
      String(r.errors),
    ],
    ...[r.cpu ? fmt(r.cpu.hearthMs, 1) : '', r.cpu ? fmt(r.cpu.postgresMs, 1) : ''],
    r.ratioToBaseline === undefined ? '' : fmt(r.ratioToBaseline, 2),
  ]);
  for (const s of skipped) rows.push([s.name, 'skipped', '', '', '', '', '', '', s.reason]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === head.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
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
    if (!url)
      throw new Error(
        'Set BENCH_DATABASE_URL to a PostgreSQL database the benchmark may wipe (for example postgres://postgres@127.0.0.1:5432/hearth_bench), or pass --pglite.',
      );
    target = await phase(args['skip-generate'] ? 'migrate' : 'wipe and migrate', () =>
      postgresTarget(url, !args['skip-generate']),
    );
  }
  log(`   ${target.describe}`);

  let loads: TableLoad[] = [];
  if (!args['skip-generate']) {
    const generated = await phase(`generate (${scale})`, () => generate(target.loader, scale));
    loads = generated.loads;
    // As autovacuum would have by now on a live database: statistics, and the visibility map
    // that lets a count read an index alone.
    await phase('vacuum and analyze', () => target.loader.query('VACUUM ANALYZE'));
    if (args['generate-only']) {
      log(`\ngenerated (${scale}); run again with --skip-generate to measure. Phases: ${JSON.stringify(phases)}`);
      await target.database.close();
      return;
    }
  }
  const counts: Record<string, number> = {};
  for (const t of ['people', 'conversations', 'contacts', 'workers', 'teams', 'directory_services']) {
    counts[t] = Number((await target.loader.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0].n);
  }
  const inputs = await sampleInputs(target.loader);
  const [{ email }] = await target.loader.query<{ email: string }>(
    `SELECT email FROM workers WHERE lower(email) = lower($1)`,
    [args.email],
  );
  await target.database.close();

  const results: ScenarioResult[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  let server: RunningServer | undefined;
  let failure: unknown;
  try {
    server = await phase('start Hearth', () =>
      startHearth(target.server, args.profile ? path.join(root, 'bench-results', 'profiles') : undefined),
    );
    log(`   ${server.url}`);
    const session = await signIn(server.url, email, demoPassword);
    log(`   signed in as ${email}`);
    const only = args.only?.split(',').map((o) => o.trim().toLowerCase());
    for (const [i, s] of scenarios(inputs).entries()) {
      // The baseline (first) always runs: every ratio is to it.
      if (only && i > 0 && !only.some((o) => s.name.toLowerCase().includes(o))) continue;
      if (s.skipped) {
        skipped.push({ name: s.name, reason: s.skipped });
        continue;
      }
      const r = await phase(
        `scenario: ${s.name} (${warmup} s warm-up, ${duration} s, ${connections} connections)`,
        () => runScenario(server!.url, session, s, { connections, warmup, duration, hearthPid: server!.child.pid }),
      );
      log(
        `   ${fmt(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, errors ${r.errors}`,
      );
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
  const plans = await phase('query plans', () => recordPlans(target.server, inputs, email));
  for (const r of results) r.plans = plans.get(r.name);

  const baseline = results[0]?.requestsPerSecond ?? 0;
  for (const r of results)
    r.ratioToBaseline = baseline ? Math.round((r.requestsPerSecond / baseline) * 100) / 100 : undefined;

  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const out = path.join(root, 'bench-results', `${stamp}-${scale}-${target.kind}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  const report = {
    when: new Date().toISOString(),
    scale,
    rowCounts: counts,
    generation: loads,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    database: target.describe,
    driver: target.driver,
    load: { tool: 'autocannon 9', connections, warmupSeconds: warmup, durationSeconds: duration, signedInAs: email },
    latencyNote:
      "p50/p95/p99 are exact percentiles of every response time in the measured run (autocannon response events); autocannonP97_5 is autocannon's own",
    baseline: results[0]?.name,
    scenarios: results,
    skipped,
    phasesSeconds: phases,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  if (tempDir && !process.env.BENCH_DATA_DIR) rmSync(tempDir, { recursive: true, force: true });

  console.log(
    `\nHearth benchmark: ${scale} scale, ${target.describe}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`,
  );
  console.log(
    `rows: ${Object.entries(counts)
      .map(([t, n]) => `${t} ${fmt(n)}`)
      .join(', ')}`,
  );
  for (const l of loads)
    console.log(`generated ${l.table}: ${fmt(l.rows)} rows in ${fmt(l.seconds, 1)} s (${fmt(l.rowsPerSecond)} rows/s)`);
  console.log('');
  printTable(results, skipped);
  console.log(`\nwritten ${path.relative(process.cwd(), out)} (${report.totalSeconds} s in all)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
