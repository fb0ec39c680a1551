// `npm run audit:verify`: checks the audit trail's hash chain. Exits 0 when every row
// checks out, 1 naming the first row that does not, 2 when it cannot check at all.
// On embedded PGlite, stop Hearth first: only one process can open its data folder.
import { ConfigError, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { verifyAuditChain } from '../src/platform/audit.js';

try {
  const config = loadConfig({ ...process.env, DEMO_DATA: 'false' });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const { rows, firstBreak } = await verifyAuditChain(database.db);
    if (firstBreak) {
      console.error(`Audit trail BROKEN at row ${firstBreak.id}: ${firstBreak.problem}. ${rows} rows checked.`);
      process.exitCode = 1;
    } else {
      console.log(`Audit trail intact: ${rows} rows checked.`);
    }
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(
    err instanceof ConfigError ? err.message : `Could not check the audit trail: ${(err as Error).message}`,
  );
  process.exitCode = 2;
}
