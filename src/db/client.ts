import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { Logger } from 'drizzle-orm/logger';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataFolder } from './data-folder-lock.js';
import * as schema from './schema/index.js';

/**
 * Both drivers expose the same query API; Hearth codes against node-postgres's. A
 * transaction is a Db too, so repositories take either.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof schema>;

/**
 * A query prepared once per database handle, for the few that run on nearly every request
 * (the session, the signed-in worker, the person): no query building each time, and
 * PostgreSQL parses it once per connection.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let q = prepared.get(db);
    if (!q) prepared.set(db, (q = build(db)));
    return q;
  };
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgresql';
  /**
   * Runs start-up work (migrations, the demo load) while holding a lock every Hearth instance
   * on this database takes for it, so instances starting together do it one at a time.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The advisory lock key for start-up work: any fixed number, the same in every instance. */
const startupLockKey = 7_305_011_843;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export const pgliteExtensions = { pg_trgm, fuzzystrmatch, unaccent };

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite's data folder; `memory://` keeps it in memory. */
  dataDir: string;
  /** A PGlite data folder dump to start from (tests load a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Sees every query Drizzle sends (the query-plan test and the benchmark record them). */
  logger?: Logger;
  /** Told when a PostgreSQL connection fails (a restart, a failover, a terminated backend). */
  onConnectionError?: (err: Error) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Many short queries at once: a query's own parallel workers only compete with the other
    // connections for the same cores (and cost a start-up each), so Hearth's queries run alone.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: '-c max_parallel_workers_per_gather=0',
    });
    // A lost connection (a server restart, a failover) must not crash the process: an 'error'
    // event with no listener does. The pool listens only on idle clients, so every client gets
    // a listener of its own; the query in flight fails (its request gets the error page), and
    // the pool drops the broken client and connects afresh for the next one.
    const lost = (err: Error) => opts.onConnectionError?.(err);
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    return {
      db: drizzlePg(pool, { schema, logger: opts.logger }),
      kind: 'postgresql',
      async exclusively(work) {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [startupLockKey]);
          return await work();
        } finally {
          // Ending the connection frees the lock even if the unlock cannot be sent.
          client.release(true);
        }
      },
      close: () => pool.end(),
    };
  }
  const inMemory = opts.dataDir.startsWith('memory://');
  const dataDir = inMemory ? opts.dataDir : path.join(opts.dataDir, 'pglite');
  if (!inMemory) mkdirSync(opts.dataDir, { recursive: true });
  // One process at a time: the lock is taken before PGlite opens the folder.
  const unlock = inMemory ? () => {} : lockDataFolder(opts.dataDir);
  try {
    const client = await PGlite.create({ dataDir, extensions: pgliteExtensions, loadDataDir: opts.loadDataDir });
    const db = drizzlePglite(client, { schema, logger: opts.logger }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      exclusively: (work) => work(),
      close: () => client.close().finally(unlock),
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgresql') await migratePg(database.db, { migrationsFolder });
  else await migratePglite(database.db as never, { migrationsFolder });
}
