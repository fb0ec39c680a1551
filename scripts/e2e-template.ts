// The browser tests' demo template: `tsx scripts/e2e-template.ts <folder>` makes <folder> a
// PGlite data folder with the migrations run and the demo loaded, as `src/server.ts` does with
// DEMO_DATA=true. `npm test` makes it once per run; each test server then starts from a copy of it
// (e2e/harness.ts, HEARTH_E2E_DEMO_TEMPLATE) instead of creating a database and loading the demo.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedDemoData } from '../src/features/demo/demo.seed.js';

const folder = process.argv[2];
if (!folder) {
  console.error('Usage: tsx scripts/e2e-template.ts <folder>');
  process.exit(2);
}
const dataDir = path.resolve(folder);
if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
  console.error(`${dataDir} is not empty: the template is made in a new or empty folder.`);
  process.exit(2);
}

// The settings the harness starts servers with (no ORGANISATION_NAME: the default organisation).
const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'true', SESSION_SECRET: randomBytes(32).toString('hex') });
const started = Date.now();
const database = await openDatabase({ dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  if (!(await seedDemoData(database.db, config.organisationName, new Date(), config)))
    throw new Error(`the database in ${dataDir} was not empty`);
} finally {
  await database.close();
}
console.log(`Demo data template ready in ${dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
