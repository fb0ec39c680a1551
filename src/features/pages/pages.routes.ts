import type { FastifyInstance } from 'fastify';

/** The pages every UK public-sector service links from its footer. */
export default async function pagesRoutes(app: FastifyInstance) {
  app.get('/accessibility', async (_req, reply) =>
    reply.page('pages/views/accessibility.njk', { title: 'Accessibility statement' }),
  );
  app.get('/privacy', async (_req, reply) => reply.page('pages/views/privacy.njk', { title: 'Privacy notice' }));
  app.get('/cookies', async (_req, reply) => reply.page('pages/views/cookies.njk', { title: 'Cookies' }));
}
