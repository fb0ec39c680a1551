import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { workers, type Role, type Worker } from '../db/schema/index.js';
import { writeAudit, type AuditEntry } from './audit.js';
import { AccessDenied } from './errors.js';

/** What a service needs to know about who is asking: the access check and audit start here. */
export interface Ctx {
  db: Db;
  worker: Worker;
  requestId: string;
  now: Date;
  audit(entry: AuditEntry, db?: Db): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    worker: Worker | null;
    /** The service context of the signed-in worker; only after requireWorker. */
    ctx: Ctx;
  }
  interface FastifyInstance {
    requireWorker: preHandlerAsyncHookHandler;
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
}

/** A same-site path to return to after signing in; anything else goes home. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-/.?=&%]*$/.test(next) ? next : '/';
}

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorateRequest('worker', null);
    app.decorateRequest('ctx', null as unknown as Ctx);

    app.addHook('onRequest', async (req) => {
      if (req.sessionEnded) {
        await writeAudit(app.db, { workerId: req.sessionEnded.workerId, requestId: req.id }, {
          action: 'session_ended',
          entity: 'session',
          reason: req.sessionEnded.reason === 'idle' ? 'idle time-out' : 'session lifetime reached',
        });
      }
      const workerId = req.session.workerId;
      if (!workerId) return;
      const [worker] = await app.db.select().from(workers).where(eq(workers.id, workerId));
      if (!worker || !worker.active) {
        await req.session.regenerate();
        return;
      }
      req.worker = worker;
      req.ctx = {
        db: app.db,
        worker,
        requestId: req.id,
        now: app.clock(),
        audit: (entry, db) => writeAudit(db ?? app.db, { workerId: worker.id, requestId: req.id }, entry),
      };
    });

    async function requireWorker(req: FastifyRequest, reply: FastifyReply) {
      if (req.worker) return;
      if (req.method === 'GET' || req.method === 'HEAD') {
        const next = encodeURIComponent(req.url);
        return reply.redirect(`/sign-in?next=${next}`, 303);
      }
      reply.code(401);
      return reply.page('errors/signed-out.njk', { title: 'You have been signed out' });
    }
    app.decorate('requireWorker', requireWorker);

    app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.worker) return requireWorker(req, reply);
      if (!roles.includes(req.worker.role)) throw new AccessDenied();
    });
  },
  { name: 'auth', dependencies: ['sessions', 'database'] },
);
