import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { writeAudit } from '../src/platform/audit.js';

// The command as an administrator runs it, against a real data folder (PGlite) or server.
function verify(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

test('npm run audit:verify passes on a fresh database and names the row altered by hand', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-audit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const url = process.env.TEST_DATABASE_URL || undefined;
  // On PostgreSQL the test database is shared with nothing else: make our own.
  let databaseUrl: string | undefined;
  if (url) {
    const admin = await openDatabase({ databaseUrl: url, dataDir: dir });
    const name = `hearth_audit_verify_${process.pid}`;
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name}`));
    await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
    t.after(async () => {
      const a = await openDatabase({ databaseUrl: url, dataDir: dir });
      await a.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await a.close();
    });
    await admin.close();
    const u = new URL(url);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }
  const env = { DATA_DIR: dir, DATABASE_URL: databaseUrl ?? '', NODE_ENV: 'development' };
  if (!databaseUrl) delete (env as Record<string, string>).DATABASE_URL;

  const database = await openDatabase({ databaseUrl, dataDir: dir });
  await migrateDatabase(database);
  for (let i = 0; i < 5; i++) {
    await writeAudit(
      database.db,
      { workerId: null, requestId: `r${i}` },
      { action: 'read', entity: 'test', entityId: String(i) },
    );
  }
  await database.close();

  const fresh = verify(env);
  assert.equal(fresh.status, 0, fresh.stderr);
  assert.match(fresh.stdout, /Audit trail intact: 5 rows checked/);

  const again = await openDatabase({ databaseUrl, dataDir: dir });
  await again.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
  await again.db.execute(sql`UPDATE audit_events SET entity_id = 'altered' WHERE id = 3`);
  await again.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
  await again.close();

  const broken = verify(env);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /BROKEN at row 3: its contents do not match its hash/);
});
