import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Thrown by services when the worker has no reason to see or do something. */
export class AccessDenied extends Error {
  statusCode = 403;
  constructor(message = 'You do not have access to this page') {
    super(message);
  }
}

/** Thrown when something does not exist, or exists but must not be revealed. */
export class NotFound extends Error {
  statusCode = 404;
  constructor(message = 'Page not found') {
    super(message);
  }
}

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

/** Friendly error pages: no stack traces, no personal data. */
export default fp(
  async function errors(app: FastifyInstance) {
    app.setNotFoundHandler((req, reply) => renderError(req, reply, 404));

    app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
      let status = error.statusCode ?? 500;
      if (status < 400 || status > 599) status = 500;
      let detail: string | undefined;
      if (error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN') {
        status = 403;
        detail = 'csrf';
        req.log.warn({ code: error.code }, 'form refused: missing or invalid CSRF token');
      } else if (status === 429) {
        req.log.warn('rate limit reached');
      } else if (status >= 500) {
        // The message may hold data; the log gets the error's name, code and stack only.
        req.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
      } else {
        req.log.info({ code: error.code, status }, 'request refused');
      }
      if (error instanceof AccessDenied || error instanceof NotFound) detail = error.message;
      return renderError(req, reply, status, detail);
    });
  },
  { name: 'errors' },
);
