import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection on every state-changing request: the token is tied to the server-side
 * session and sent in the form field `_csrf` or the `x-csrf-token` header. Never switched off.
 */
export default fp(
  async function csrf(app: FastifyInstance) {
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/session',
      getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
    });
    app.addHook('preHandler', (req, reply, done) => {
      if (safeMethods.has(req.method)) return done();
      app.csrfProtection(req, reply, done);
    });
  },
  { name: 'csrf', dependencies: ['sessions'] },
);
