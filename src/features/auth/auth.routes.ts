import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Worker } from '../../db/schema/index.js';
import { makeCtx, safeNext } from '../../platform/auth.js';
import { renderError } from '../../platform/error-pages.js';
import { parseForm } from '../../platform/forms.js';
import { signInForm } from './auth.forms.js';
import { forgetOldSignInFailures, signIn, signOut } from './auth.service.js';

const wrongDetails = 'Enter a correct email address and password';

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const signInQuery = z.object({ next: z.unknown().optional(), timedout: z.unknown().optional() });
  app.get('/sign-in', { schema: { querystring: signInQuery } }, async (req, reply) => {
    if (req.worker) return reply.redirect('/', 303);
    const query = req.query;
    const endedBecause = req.session.endedBecause ?? (query.timedout ? 'idle' : undefined);
    return reply.page('auth/views/sign-in.njk', { title: 'Sign in', next: safeNext(query.next), endedBecause });
  });

  app.post('/sign-in', async (req, reply) => {
    const form = parseForm(signInForm, req.body);
    const next = safeNext(form.values.next);
    if (!form.ok) {
      reply.code(400);
      return reply.page('auth/views/sign-in.njk', {
        title: 'Sign in',
        errors: form.errors,
        values: { email: form.values.email },
        next,
      });
    }
    const result = await signIn(app.db, app.config, req.id, { ...form.data, address: req.ip }, app.clock());
    if (result.status === 'too-many-attempts') {
      req.log.warn('sign-in refused: too many failed attempts');
      return renderError(req, reply, 429);
    }
    if (result.status === 'wrong-details') {
      reply.code(401);
      return reply.page('auth/views/sign-in.njk', {
        title: 'Sign in',
        errors: { email: wrongDetails },
        values: { email: form.data.email },
        next,
      });
    }
    const { worker } = result;
    // A new session id at sign-in, so a session id planted before cannot be used after.
    await req.session.regenerate();
    const now = app.clock().getTime();
    req.session.workerId = worker.id;
    req.session.signedInAt = now;
    req.session.lastSeenAt = now;
    const resumed = await resumeKeptForm(app, form.values, worker, req.id);
    return reply.redirect(resumed ?? next, 303);
  });

  // Failures older than the window are removed in the background, by one instance each time.
  app.jobs.every(
    'sweep-sign-in-failures',
    10 * 60_000,
    async ({ db, now }) => {
      await forgetOldSignInFailures(db, now());
    },
    { title: 'Forget failed sign-ins older than 15 minutes' },
  );

  app.post('/sign-out', async (req, reply) => {
    if (req.worker) await signOut(app.db, req.id, req.worker.id);
    await req.session.destroy();
    // The browser forgets what Hearth kept in it (drafts' backstop copies): the server's draft is the one that survives.
    reply.header('clear-site-data', '"storage"');
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', async (_req, reply) =>
    reply.page('auth/views/signed-out.njk', { title: 'You have signed out' }),
  );

  // The time-out warning's "Stay signed in": the sessions plugin has already renewed the session.
  app.post('/session/keep-alive', { preHandler: app.requireWorker }, async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ idleTimeoutMs: app.config.idleTimeoutMs }),
  );
}

/** Text typed before the session ended, carried through the sign-in page, handed back to its feature. */
async function resumeKeptForm(app: FastifyInstance, body: Record<string, unknown>, worker: Worker, requestId: string) {
  const path = typeof body.resume === 'string' ? body.resume : '';
  const target = app.resumable.find((r) => r.path.test(path));
  if (!target) return null;
  const fields = Object.fromEntries(
    Object.entries(body)
      .filter((e): e is [string, string] => e[0].startsWith('keep.') && typeof e[1] === 'string')
      .map(([k, v]) => [k.slice(5), v]),
  );
  try {
    return await target.resume(makeCtx(app, worker, requestId), path.match(target.path)!, fields);
  } catch {
    // No access to that person any more: the text is not kept, and they go home.
    return null;
  }
}
