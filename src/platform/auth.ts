import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { preparedQuery, type Db } from '../db/client.js';
import { workers, type Role, type Worker } from '../db/schema/index.js';
import { writeAudit, type AuditEntry } from './audit.js';
import { AccessDenied } from './errors.js';

const workerById = preparedQuery((db) =>
  db
    .select()
    .from(workers)
    .where(eq(workers.id, sql.placeholder('id')))
    .prepare('worker_by_id'),
);

/** What a service needs to know about who is asking: the access check and audit start here. */
export interface Ctx {
  db: Db;
  config: Config;
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
    /** Forms whose typed text is carried through signing in again (see keptForm). */
    resumable: Resumable[];
  }
}

/**
 * A form that can be picked up after signing in again: when it is sent after the session
 * has ended, what was typed is carried through the sign-in page and handed to `resume`
 * (which keeps it as a draft) instead of being lost. Returns where to go next.
 */
export interface Resumable {
  path: RegExp;
  resume(ctx: Ctx, match: RegExpMatchArray, fields: Record<string, string>): Promise<string>;
}

const publicForms = new Set(['/sign-in', '/sign-out']);

/** The text fields of a refused form, to show again and carry through signing in. */
export function keptForm(
  req: FastifyRequest,
  resumable: Resumable[],
): { resume: string | null; fields: Array<[string, string]> } | null {
  const path = req.url.split('?')[0];
  // Forms for people not signed in (signing in itself) have nothing to keep.
  if (req.method !== 'POST' || !req.body || typeof req.body !== 'object' || publicForms.has(path)) return null;
  const fields = Object.entries(req.body as Record<string, unknown>).filter(
    // Never a password: it would be shown on the page and carried in hidden fields.
    (e): e is [string, string] =>
      typeof e[1] === 'string' &&
      e[1].trim() !== '' &&
      !['_csrf', 'action', 'version'].includes(e[0]) &&
      !/password/i.test(e[0]),
  );
  if (!fields.some(([, v]) => v.length > 20)) return null;
  return { resume: resumable.some((r) => r.path.test(path)) ? path : null, fields };
}

/** The service context for a worker in a request. */
export function makeCtx(app: FastifyInstance, worker: Worker, requestId: string): Ctx {
  return {
    db: app.db,
    config: app.config,
    worker,
    requestId,
    now: app.clock(),
    audit: (entry, db) => writeAudit(db ?? app.db, { workerId: worker.id, requestId }, entry),
  };
}

/** A same-site path to return to after signing in; anything else goes home. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-/.?=&%]*$/.test(next) ? next : '/';
}

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorate('resumable', [] as Resumable[]);
    app.decorateRequest('worker', null);
    app.decorateRequest('ctx', null as unknown as Ctx);

    app.addHook('onRequest', async (req) => {
      if (req.sessionEnded) {
        await writeAudit(
          app.db,
          { workerId: req.sessionEnded.workerId, requestId: req.id },
          {
            action: 'session_ended',
            entity: 'session',
            reason: req.sessionEnded.reason === 'idle' ? 'idle time-out' : 'session lifetime reached',
          },
        );
      }
      const workerId = req.session.workerId;
      if (!workerId) return;
      const [worker] = await workerById(app.db).execute({ id: workerId });
      if (!worker || !worker.active) {
        await req.session.regenerate();
        return;
      }
      req.worker = worker;
      req.ctx = makeCtx(app, worker, req.id);
    });

    async function requireWorker(req: FastifyRequest, reply: FastifyReply) {
      if (req.worker) return;
      if (req.method === 'GET' || req.method === 'HEAD') {
        const next = encodeURIComponent(req.url);
        return reply.redirect(`/sign-in?next=${next}`, 303);
      }
      reply.code(401);
      return reply.page('errors/signed-out.njk', {
        title: 'You have been signed out',
        kept: keptForm(req, app.resumable),
      });
    }
    app.decorate('requireWorker', requireWorker);

    app.decorate('requireRole', (...roles: Role[]) => async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.worker) return requireWorker(req, reply);
      if (!roles.includes(req.worker.role)) throw new AccessDenied();
    });
  },
  { name: 'auth', dependencies: ['sessions', 'database'] },
);
