import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/** Another live process holds the embedded database's data folder. */
export class DataFolderInUse extends Error {}

interface Holder {
  pid: number;
  host: string;
  /** Changes at every boot, so a lock left by a machine that restarted is known to be stale. */
  boot: string;
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): { text: string; holder: Partial<Holder> } | null {
  try {
    const text = readFileSync(file, 'utf8');
    try {
      return { text, holder: JSON.parse(text) as Partial<Holder> };
    } catch {
      return { text, holder: {} };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * PGlite is one process's database: a second process on the same folder runs happily and
 * loses writes. So the folder is locked by a file naming the holder's process; a lock whose
 * process is gone (or from before the machine restarted) is stale and taken over.
 * Returns the function that releases it.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = path.join(dataDir, 'hearth.lock');
  const me: Holder = { pid: process.pid, host: hostname(), boot: bootId() };
  const mine = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readHolder(file)?.text === mine) unlinkSync(file);
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const found = readHolder(file);
    if (!found) continue;
    const { pid, host, boot } = found.holder;
    if (host && host !== me.host) {
      throw new DataFolderInUse(
        `The data folder ${dataDir} is in use by Hearth on another machine (${host}, process ${pid}). ` +
          `Stop it first; if it has stopped for good, delete ${file}.`,
      );
    }
    const stale = typeof pid !== 'number' || (boot && me.boot && boot !== me.boot) || !isAlive(pid);
    if (!stale) {
      throw new DataFolderInUse(
        `The data folder ${dataDir} is in use by another Hearth (process ${pid}). The embedded database serves one process: ` +
          'stop the other one first, or run every instance on PostgreSQL (DATABASE_URL).',
      );
    }
    // Stale: remove it, unless another process has just taken it over.
    if (readHolder(file)?.text === found.text) {
      try {
        unlinkSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
  throw new DataFolderInUse(`Could not lock the data folder ${dataDir}: another process keeps taking it.`);
}
