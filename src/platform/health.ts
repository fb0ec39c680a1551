import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const startedAt = Date.now();

/** GET /healthz for load balancers: 200 when the database answers, 503 when it does not. */
export default fp(
  async function health(app: FastifyInstance) {
    app.get('/healthz', async (_req, reply) => {
      const body = { database: app.dbKind, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
      // Twice: after a database restart the first try may meet a connection that has just been
      // ended (the pool then replaces it), which says nothing about the database now.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await app.db.execute(sql`select 1`);
          return reply.header('cache-control', 'no-store').send({ status: 'ok', ...body });
        } catch {
          // tried again, then reported below
        }
      }
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .send({ status: 'unavailable', ...body });
    });
  },
  { name: 'health', dependencies: ['database'] },
);
