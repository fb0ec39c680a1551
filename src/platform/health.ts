import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const startedAt = Date.now();

/** GET /healthz for load balancers: 200 when the database answers, 503 when it does not. */
export default fp(
  async function health(app: FastifyInstance) {
    app.get('/healthz', async (_req, reply) => {
      const body = { database: app.dbKind, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
      try {
        await app.db.execute(sql`select 1`);
        return reply.header('cache-control', 'no-store').send({ status: 'ok', ...body });
      } catch {
        return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable', ...body });
      }
    });
  },
  { name: 'health', dependencies: ['database'] },
);
