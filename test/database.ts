import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { Logger } from 'drizzle-orm/logger';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';

/**
 * Each test file gets its own database, made from a migrated template that the test
 * runner prepares once (scripts/test.ts): a PGlite dump, or a PostgreSQL template
 * database when TEST_DATABASE_URL is set. Without a template it migrates from scratch.
 */
export async function openTestDatabase(logger?: Logger): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = process.env.HEARTH_PGLITE_TEMPLATE;
    const loadDataDir = template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir, logger });
    if (!loadDataDir) await migrateDatabase(database);
    return { database, drop: () => database.close() };
  }
  const name = `hearth_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const template = process.env.HEARTH_PG_TEMPLATE;
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: 'unused', poolSize: 5, logger });
  if (!template) await migrateDatabase(database);
  return {
    database,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
