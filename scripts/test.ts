// `npm test`: type check, lint, the service and route tests on PGlite (and on PostgreSQL
// when TEST_DATABASE_URL is set), then the browser tests when Chromium is found.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../src/db/client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';
const failures: string[] = [];

// The templates this run makes in the temporary folder, deleted when it ends, however it ends.
const temporary = new Set<string>();
function removeTemporary(p?: string) {
  for (const t of p ? [p] : [...temporary]) {
    rmSync(t, { recursive: true, force: true });
    temporary.delete(t);
  }
}
process.on('exit', () => removeTemporary());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    removeTemporary();
    process.exit(128 + constants.signals[signal]);
  });
}

function run(label: string, cmd: string, cmdArgs: string[], env: Record<string, string | undefined> = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

function findTests(dirs: string[], suffix: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(suffix)) out.push(path.relative(root, p));
    }
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return out.sort();
}

const nodeTest = (files: string[]) => [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  ...files,
];

async function pgliteTemplate(): Promise<string> {
  const file = path.join(tmpdir(), `hearth-test-template-${process.pid}.tar`);
  temporary.add(file);
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const dump = await (
    database as unknown as { db: { $client: { dumpDataDir(c: 'none'): Promise<Blob> } } }
  ).db.$client.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

async function postgresTemplate(url: string): Promise<string> {
  const name = `hearth_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), dataDir: 'unused' });
  await migrateDatabase(database);
  await database.close();
  await admin.end();
  return name;
}

async function dropPostgresTemplate(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
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

if (only === 'all') {
  run('Type check', 'npx', ['tsc', '--noEmit', '-p', '.']);
  run('Lint', 'npm', ['run', '--silent', 'lint']);
}

if (only !== 'e2e') {
  const files = findTests(['src', 'test', 'scripts'], '.test.ts');
  const template = await pgliteTemplate();
  run(`Service and route tests on PGlite (${files.length} files)`, process.execPath, nodeTest(files), {
    HEARTH_PGLITE_TEMPLATE: template,
    TEST_DATABASE_URL: '',
  });
  removeTemporary(template);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const pgTemplate = await postgresTemplate(url);
    run(`Service and route tests on PostgreSQL (${files.length} files)`, process.execPath, nodeTest(files), {
      HEARTH_PG_TEMPLATE: pgTemplate,
    });
    await dropPostgresTemplate(url, pgTemplate);
    // Hearth as its own process while PostgreSQL misbehaves: connections cut, instances racing.
    const faults = findTests(['test/faults'], '.fault.ts');
    run(`Fault tests on PostgreSQL (${faults.length} files)`, process.execPath, [
      ...nodeTest([]).filter((a) => a !== '--test-concurrency=2'),
      '--test-concurrency=1',
      ...faults,
    ]);
  } else {
    console.log('\nTEST_DATABASE_URL is not set: the tests ran on PGlite only. Set it to run them on PostgreSQL too.');
  }
}

if (only !== 'unit') {
  const chromium = findChromium();
  const files = findTests(['e2e'], '.test.ts');
  if (!chromium) {
    const message = 'Browser tests NOT run: Chromium was not found (install Debian’s chromium, or set CHROMIUM_PATH).';
    console.log(`\n${message}`);
    if (process.env.CI) failures.push('Browser tests (no Chromium in CI)');
  } else {
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    // The demo loaded once, into a data folder every test server starts from a copy of (e2e/harness.ts).
    // Should that fail, the servers load it themselves.
    const template = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-template-'));
    temporary.add(template);
    const prepared = run('Demo data template for the browser tests', process.execPath, [
      '--import',
      'tsx',
      'scripts/e2e-template.ts',
      template,
    ]);
    // One file at a time (each starts a server and a browser); options must come before the files.
    run(
      `Browser tests in ${chromium} (${files.length} files)`,
      process.execPath,
      [...nodeTest([]).filter((a) => a !== '--test-concurrency=2'), '--test-concurrency=1', ...files],
      {
        CHROMIUM_PATH: chromium,
        TEST_DATABASE_URL: '',
        HEARTH_E2E_DEMO_TEMPLATE: prepared ? template : '',
      },
    );
    removeTemporary(template);
  }
}

if (failures.length) {
  console.error(`\n✗ Failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\n✓ All checks passed');
