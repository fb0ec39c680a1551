import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Db } from '../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: Database['kind'];
  }
}

/** Exposes the already-opened database; whoever opened it closes it. */
export default fp(
  async function database(app: FastifyInstance, opts: { database: Database }) {
    app.decorate('db', opts.database.db);
    app.decorate('dbKind', opts.database.kind);
  },
  { name: 'database' },
);
