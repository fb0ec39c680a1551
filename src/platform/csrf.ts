import { createHmac } from 'node:crypto';
import { Signer } from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { cookieName, cookieOptions } from './cookies.js';
import { InvalidCsrfToken } from './errors.js';

declare module 'fastify' {
  interface Session {
    /**
     * The secret a signed-in worker's CSRF tokens are made from (named as @fastify/csrf-protection
     * named it, so forms open in sessions from before still send).
     */
    _csrf?: string;
  }
  interface FastifyReply {
    /** A CSRF token for the forms on this page. */
    csrfToken(): string;
  }
}

const tokens = Tokens();
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sentToken(req: FastifyRequest): string | undefined {
  const field = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
  return typeof field === 'string' ? field : undefined;
}

/**
 * CSRF protection on every state-changing request: the token goes in the form field `_csrf`
 * or the `x-csrf-token` header. Never switched off.
 *
 * A signed-in worker's token is tied to their server-side session. Before sign-in there is no
 * session (one for every visitor would let anyone drive database writes), so the forms shown
 * then (signing in, and signing in again with kept text) use a signed double-submit cookie
 * holding the secret. That cookie never stands in for a signed-in worker's session: a cookie
 * planted in their browser (its secret known to whoever planted it) cannot forge their forms.
 */
export default fp(
  async function csrf(app: FastifyInstance) {
    const name = cookieName(app.config, 'hearth_csrf');
    const options = cookieOptions(app.config);
    // A key of its own, so no other signed value (a session cookie) passes for this one.
    const signer = new Signer(createHmac('sha256', app.config.sessionSecret).update('hearth csrf cookie').digest());

    function cookieSecret(req: FastifyRequest): string | undefined {
      const raw = req.cookies[name];
      const unsigned = raw ? signer.unsign(raw) : null;
      return unsigned?.valid ? (unsigned.value ?? undefined) : undefined;
    }

    // By the time pages render and forms are checked, the sessions and auth hooks have ended
    // any timed-out session or deactivated worker's session: a workerId means signed in now.
    const signedIn = (req: FastifyRequest) => Boolean(req.session?.workerId);

    app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
      const req = this.request;
      if (signedIn(req)) {
        const secret = (req.session._csrf ??= tokens.secretSync());
        return tokens.create(secret);
      }
      let secret = cookieSecret(req);
      if (!secret) {
        secret = tokens.secretSync();
        this.setCookie(name, signer.sign(secret), options);
      }
      return tokens.create(secret);
    });

    app.addHook('preHandler', async (req) => {
      if (safeMethods.has(req.method)) return;
      const secret = signedIn(req) ? req.session._csrf : cookieSecret(req);
      const token = sentToken(req);
      if (!secret || !token || !tokens.verify(secret, token)) throw new InvalidCsrfToken();
    });
  },
  { name: 'csrf', dependencies: ['sessions'] },
);
