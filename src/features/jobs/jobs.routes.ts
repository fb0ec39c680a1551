import type { FastifyInstance } from 'fastify';
import * as service from './jobs.service.js';

export default async function jobsRoutes(app: FastifyInstance) {
  app.navigation.push({ href: '/admin/jobs', text: 'Background jobs', roles: ['admin'] });

  app.get('/admin/jobs', { preHandler: app.requireRole('admin') }, async (req, reply) => {
    const { recurring, queued } = await service.backgroundJobs(req.ctx);
    const title = (kind: string) => app.jobs.titleOf(kind);
    return reply.page('jobs/views/jobs.njk', {
      title: 'Background jobs',
      recurring: recurring.map((j) => ({ ...j, title: title(j.kind) })),
      queued: queued.map((j) => ({ ...j, title: title(j.kind) })),
      recentJobs: service.RECENT_JOBS,
    });
  });
}
