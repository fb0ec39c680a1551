// `npm test`: type check, lint, the unit tests (pure functions, no database), the service and route
// tests on PGlite (and on PostgreSQL with the fault tests when TEST_DATABASE_URL is set), then the
// browser tests when Chromium is found. Each tier prints its time, and a table of them ends the run.
//   npm test -- people teams   only the test files whose path contains one of the words, in every tier
//   npm test -- --unit         only the unit tier; --db only the database tiers; --e2e only the browser tests
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../src/db/client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
const words = argv.filter((a) => !a.startsWith('--')).map((w) => w.toLowerCase());
const known = ['--unit', '--db', '--e2e'];
const unknown = [...flags].filter((f) => !known.includes(f));
if (unknown.length) {
  console.error(
    `Unknown option ${unknown.join(', ')}: the options are ${known.join(', ')}, and words to match test files.`,
  );
  process.exit(2);
}
// No tier named: every tier.
const tiers = known.some((f) => flags.has(f)) ? flags : new Set(known);

interface Result {
  tier: string;
  files: number | null;
  seconds: number;
  outcome: 'passed' | 'failed' | 'skipped';
}
const results: Result[] = [];

// The templates this run makes, deleted when it ends, however it ends: temporary files and folders,
// and PostgreSQL template databases (those need a connection, so the signal handlers wait for them).
const temporary = new Set<string>();
const databases = new Map<string, string>();
function removeTemporary(p?: string) {
  for (const t of p ? [p] : [...temporary]) {
    rmSync(t, { recursive: true, force: true });
    temporary.delete(t);
  }
}
process.on('exit', () => removeTemporary());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, async () => {
    removeTemporary();
    await Promise.allSettled([...databases].map(([name, url]) => dropPostgresTemplate(url, name)));
    process.exit(128 + constants.signals[signal]);
  });
}

const seconds = (since: number) => (performance.now() - since) / 1000;

function run(label: string, cmd: string, cmdArgs: string[], env: Record<string, string | undefined> = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/**
 * One tier: `body` prepares what it needs, runs and says whether it passed. Its time is printed
 * when it ends and kept for the table. A tier that throws (a template it could not make) has failed,
 * and the run goes on to the next.
 */
async function tier(name: string, files: number | null, body: () => boolean | Promise<boolean>) {
  const started = performance.now();
  let passed = false;
  try {
    passed = await body();
  } catch (err) {
    console.error(`\n${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const s = seconds(started);
  results.push({ tier: name, files, seconds: s, outcome: passed ? 'passed' : 'failed' });
  console.log(`${passed ? '✓' : '✗'} ${name}: ${passed ? 'passed' : 'FAILED'} in ${s.toFixed(1)} s`);
}

function skipped(name: string, why: string) {
  results.push({ tier: name, files: 0, seconds: 0, outcome: 'skipped' });
  console.log(`\n– ${name}: skipped, ${why}`);
}

function findTests(dirs: string[], suffix: string, except?: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(suffix) && !(except && p.endsWith(except))) out.push(path.relative(root, p));
    }
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  const matching = (f: string) => words.length === 0 || words.some((w) => f.toLowerCase().includes(w));
  return out.filter(matching).sort();
}

const nodeTest = (files: string[], concurrency = 2) => [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  '--test-reporter=spec',
  ...files,
];

async function pgliteTemplate(): Promise<string> {
  const file = path.join(tmpdir(), `hearth-test-template-${process.pid}.tar`);
  temporary.add(file);
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(database);
    const dump = await (
      database as unknown as { db: { $client: { dumpDataDir(c: 'none'): Promise<Blob> } } }
    ).db.$client.dumpDataDir('none');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  return file;
}

async function postgresTemplate(url: string, name: string) {
  databases.set(name, url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), dataDir: 'unused' });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
}

async function dropPostgresTemplate(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    databases.delete(name);
  } finally {
    await admin.end();
  }
}

export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

if (words.length) {
  console.log(
    `Only the test files whose path contains ${words.map((w) => `“${w}”`).join(' or ')}: no type check, no lint.`,
  );
} else if (tiers.size === known.length) {
  await tier('Type check', null, () => run('Type check', 'npx', ['tsc', '--noEmit', '-p', '.']));
  await tier('Lint', null, () => run('Lint', 'npm', ['run', '--silent', 'lint']));
}

// Pure functions: no database, no server, so they run first and fail fast.
if (tiers.has('--unit')) {
  const files = findTests(['src', 'test', 'scripts'], '.unit.test.ts');
  const name = 'Unit tests';
  if (!files.length) skipped(name, words.length ? 'no unit test file matches' : 'there are none');
  else
    await tier(name, files.length, () =>
      run(`${name} (${files.length} files)`, process.execPath, nodeTest(files), { TEST_DATABASE_URL: '' }),
    );
}

if (tiers.has('--db')) {
  const files = findTests(['src', 'test', 'scripts'], '.test.ts', '.unit.test.ts');
  const url = process.env.TEST_DATABASE_URL;
  if (!files.length) skipped('Service and route tests', 'no service or route test file matches');
  else {
    await tier('Service and route tests on PGlite', files.length, async () => {
      const template = await pgliteTemplate();
      try {
        return run(`Service and route tests on PGlite (${files.length} files)`, process.execPath, nodeTest(files), {
          HEARTH_PGLITE_TEMPLATE: template,
          TEST_DATABASE_URL: '',
        });
      } finally {
        removeTemporary(template);
      }
    });
    if (url)
      await tier('Service and route tests on PostgreSQL', files.length, async () => {
        const template = `hearth_test_template_${process.pid}`;
        try {
          await postgresTemplate(url, template);
          return run(
            `Service and route tests on PostgreSQL (${files.length} files)`,
            process.execPath,
            nodeTest(files),
            {
              HEARTH_PG_TEMPLATE: template,
            },
          );
        } finally {
          await dropPostgresTemplate(url, template);
        }
      });
  }
  if (url) {
    // Hearth as its own process while PostgreSQL misbehaves: connections cut, instances racing.
    const faults = findTests(['test/faults'], '.fault.ts');
    if (!faults.length) skipped('Fault tests on PostgreSQL', 'no fault test file matches');
    else
      await tier('Fault tests on PostgreSQL', faults.length, () =>
        run(`Fault tests on PostgreSQL (${faults.length} files)`, process.execPath, nodeTest(faults, 1)),
      );
  } else {
    console.log('\nTEST_DATABASE_URL is not set: the tests ran on PGlite only. Set it to run them on PostgreSQL too.');
  }
}

if (tiers.has('--e2e')) {
  const chromium = findChromium();
  const files = findTests(['e2e'], '.test.ts');
  const name = 'Browser tests';
  if (!files.length) skipped(name, 'no browser test file matches');
  else if (!chromium) {
    console.log('\nBrowser tests NOT run: Chromium was not found (install Debian’s chromium, or set CHROMIUM_PATH).');
    if (process.env.CI) results.push({ tier: `${name} (no Chromium in CI)`, files: 0, seconds: 0, outcome: 'failed' });
    else skipped(name, 'no Chromium');
  } else
    await tier(name, files.length, () => {
      mkdirSync(path.join(root, 'test-results'), { recursive: true });
      // The demo loaded once, into a data folder every test server starts from a copy of (e2e/harness.ts).
      // Should that fail, the servers load it themselves.
      const template = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-template-'));
      temporary.add(template);
      try {
        const prepared = run('Demo data template for the browser tests', process.execPath, [
          '--import',
          'tsx',
          'scripts/e2e-template.ts',
          template,
        ]);
        // One file at a time (each starts a server and a browser); options must come before the files.
        return run(`Browser tests in ${chromium} (${files.length} files)`, process.execPath, nodeTest(files, 1), {
          CHROMIUM_PATH: chromium,
          TEST_DATABASE_URL: '',
          HEARTH_E2E_DEMO_TEMPLATE: prepared ? template : '',
        });
      } finally {
        removeTemporary(template);
      }
    });
}

const ran = results.filter((r) => r.outcome !== 'skipped');
if (!ran.length) {
  console.error(`\n✗ No test file matches ${words.join(' or ')}: nothing was run.`);
  process.exit(1);
}
console.log('\nTier                                         Files  Seconds  Result');
for (const r of results)
  console.log(
    `${r.tier.padEnd(44)} ${String(r.files ?? '').padStart(5)} ${r.seconds.toFixed(1).padStart(8)}  ${r.outcome}`,
  );
// The whole run, templates and start-up included.
console.log(`${'Total'.padEnd(44)} ${''.padStart(5)} ${seconds(0).toFixed(1).padStart(8)}`);

const failures = results.filter((r) => r.outcome === 'failed').map((r) => r.tier);
if (failures.length) {
  console.error(`\n✗ Failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(words.length ? '\n✓ The matching tests passed' : '\n✓ All checks passed');
