import './node-version.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataFolderInUse } from './db/data-folder-lock.js';
import { demoPassword, demoWorkers, seedDemoData } from './features/demo/demo.seed.js';
import { roleLabels } from './platform/roles.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const { demoData, organisationName } = config;
let demoLoaded = false;
const app = await buildApp(config, {
  afterMigrations: async (db) => {
    if (demoData) demoLoaded = await seedDemoData(db, organisationName, new Date(), config);
  },
}).catch((err: unknown) => {
  if (!(err instanceof DataFolderInUse)) throw err;
  console.error(err.message);
  process.exit(1);
});
if (demoLoaded) app.log.info('demo data loaded');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'stopping');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ port: config.port, host: config.host });
const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
const port = (app.server.address() as { port: number }).port;
const lines = [
  `Hearth is running at http://${shownHost}:${port} on ${app.dbKind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}.`,
];
if (config.demoData) {
  lines.push('', `Demo accounts (password for all: ${demoPassword}):`);
  const seen = new Set<string>();
  for (const w of demoWorkers) {
    if (seen.has(w.role)) continue;
    seen.add(w.role);
    lines.push(`  ${roleLabels[w.role].padEnd(34)} ${w.email}`);
  }
}
console.log(`\n${lines.join('\n')}\n`);
