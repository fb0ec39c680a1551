// The embedded database's data folder serves one process: a second Hearth (or audit:verify)
// on the same folder is refused with a clear message, and a lock left by a dead process is
// taken over. PGlite only: the PostgreSQL run of the suite skips it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from './client.js';
import { DataFolderInUse, lockDataFolder } from './data-folder-lock.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folders: string[] = [];
const newFolder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-lock-'));
  folders.push(dir);
  return dir;
};
after(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A process id that no longer runs. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe('the embedded data folder', { skip: process.env.TEST_DATABASE_URL ? 'PGlite only' : false }, () => {
  // One folder for the first three tests: creating a PGlite database takes several seconds.
  const dir = newFolder();
  let held: Database;
  before(async () => {
    held = await openDatabase({ dataDir: dir });
  });

  test('a second opening of a folder in use is refused', async () => {
    await assert.rejects(openDatabase({ dataDir: dir }), (err: Error) => {
      assert.ok(err instanceof DataFolderInUse);
      assert.match(err.message, new RegExp(`in use by another Hearth \\(process ${process.pid}\\)`));
      assert.match(err.message, /DATABASE_URL/);
      return true;
    });
  });

  test('another Hearth process, and audit:verify, refuse a folder in use with a clear message', () => {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dir,
      PORT: '0',
      DEMO_DATA: 'false',
      SESSION_SECRET: 'x'.repeat(40),
    };
    const server = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(server.status, 1, server.stdout + server.stderr);
    assert.match(server.stderr, /is in use by another Hearth/);
    assert.doesNotMatch(server.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace');
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(verify.status, 2, verify.stdout + verify.stderr);
    assert.match(verify.stderr, /is in use by another Hearth/);
  });

  test('closing releases the folder, and it opens again', async () => {
    await held.close();
    assert.equal(existsSync(path.join(dir, 'hearth.lock')), false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  test('a lock left by a process that has gone, or from before the machine restarted, is taken over', () => {
    const dir = newFolder();
    const lockFile = path.join(dir, 'hearth.lock');
    const stale = [
      JSON.stringify({ pid: deadPid(), host: hostname(), boot: '' }),
      // A live process id, but recorded before a restart: another process now has that number.
      JSON.stringify({ pid: process.ppid, host: hostname(), boot: 'an-earlier-boot' }),
      'not json',
    ];
    for (const lock of stale) {
      writeFileSync(lockFile, lock);
      const release = lockDataFolder(dir);
      assert.equal(JSON.parse(readFileSync(lockFile, 'utf8')).pid, process.pid);
      release();
      assert.equal(existsSync(lockFile), false);
    }
  });

  test('a lock held from another machine is refused, naming it', () => {
    const dir = newFolder();
    writeFileSync(path.join(dir, 'hearth.lock'), JSON.stringify({ pid: 4242, host: 'another-machine', boot: 'x' }));
    assert.throws(() => lockDataFolder(dir), /in use by Hearth on another machine \(another-machine, process 4242\)/);
  });
});
