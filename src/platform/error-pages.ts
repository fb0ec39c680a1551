// The error pages: every error a request meets is answered with a page that says what to do
// next (or JSON for API clients), never a stack trace.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { keptForm } from './auth.js';
import { AccessDenied, NotFound, InvalidCsrfToken, RestrictedRecord } from './errors.js';

const pages: Record<number, { template: string; title: string }> = {
  400: { template: 'errors/bad-request.njk', title: 'There is a problem with what was sent' },
  403: { template: 'errors/forbidden.njk', title: 'You do not have access to this page' },
  404: { template: 'errors/not-found.njk', title: 'Page not found' },
  413: { template: 'errors/too-large.njk', title: 'What you sent is too large' },
  429: { template: 'errors/too-many.njk', title: 'Too many attempts' },
  500: { template: 'errors/server-error.njk', title: 'Sorry, there is a problem with Hearth' },
};

function wantsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return !accept.includes('application/json') || accept.includes('text/html');
}

export async function renderError(req: FastifyRequest, reply: FastifyReply, status: number, detail?: string) {
  const page = pages[status] ?? pages[status >= 500 ? 500 : 400];
  reply.code(status);
  if (!wantsHtml(req) || !reply.page) return reply.send({ error: page.title, statusCode: status });
  return reply.page(page.template, { title: page.title, detail });
}

/** A request whose params or query string failed their schema: not found, through the error handler. */
async function notFoundWhenInvalid(req: FastifyRequest) {
  if (req.validationError) throw new NotFound();
}

/** Friendly error pages: no stack traces, no personal data. */
export default fp(
  async function errors(app: FastifyInstance) {
    app.setNotFoundHandler((req, reply) => renderError(req, reply, 404));

    // A route's params and query string are checked by their schemas, but a bad id is answered only
    // after the signed-in, CSRF and role checks (route hooks run last), as it was when routes checked
    // ids themselves: someone signed out is still sent to sign in, someone without the role refused.
    app.addHook('onRoute', (route) => {
      if (!route.schema?.params && !route.schema?.querystring) return;
      route.attachValidation = true;
      const hooks = [route.preHandler ?? []].flat();
      if (!hooks.includes(notFoundWhenInvalid)) route.preHandler = [...hooks, notFoundWhenInvalid];
    });

    type Failure = Error & { statusCode?: number; code?: string; validation?: unknown; validationContext?: string };
    app.setErrorHandler((error: Failure, req, reply) => {
      let status = error.statusCode ?? 500;
      if (status < 400 || status > 599) status = 500;
      // A path or query string its route's schema refuses: nothing there to find.
      if (error.validation && ['params', 'querystring'].includes(error.validationContext ?? '')) status = 404;
      let detail: string | undefined;
      if (error instanceof InvalidCsrfToken) {
        req.log.warn('form refused: missing or invalid CSRF token');
        // Signed out while typing (the session ended): show what was typed and carry it through signing in.
        const kept = !req.worker ? keptForm(req, app.resumable) : null;
        if (kept) return reply.code(401).page('errors/signed-out.njk', { title: 'You have been signed out', kept });
        status = 403;
        detail = 'csrf';
      } else if (status === 429) {
        req.log.warn('rate limit reached');
      } else if (status >= 500) {
        // Messages can hold personal data (a failed query lists its parameters): the log gets
        // the error's name, its code and where it happened, never its message.
        const cause = (error as { cause?: { code?: string } }).cause;
        const where = (error.stack ?? '')
          .split('\n')
          .filter((l) => l.trimStart().startsWith('at '))
          .join('\n');
        req.log.error({ err: { type: error.name, code: error.code ?? cause?.code, stack: where } }, 'request failed');
        // A failed request saves no session changes. Otherwise, when the database is down, saving
        // the session fails again on the error page, and Fastify's fallback sends the raw error:
        // the failed query with its parameters (session id, CSRF secret).
        (req as { session: unknown }).session = null;
      } else {
        req.log.info({ code: error.code, status }, 'request refused');
      }
      if (error instanceof RestrictedRecord) {
        return reply
          .code(403)
          .page('errors/restricted.njk', { title: 'This record is restricted', personId: error.personId });
      }
      if (error instanceof AccessDenied || error instanceof NotFound) detail = error.message;
      return renderError(req, reply, status, detail);
    });
  },
  { name: 'errors' },
);
