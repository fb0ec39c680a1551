import type { FastifyInstance } from 'fastify';
import { homeFor } from './home.service.js';

export default async function homeRoutes(app: FastifyInstance) {
  app.navigation.push({ href: '/', text: 'Home', roles: ['front_door', 'practitioner', 'team_manager', 'quality', 'partner', 'admin'] });

  app.get('/', { preHandler: app.requireWorker }, async (req, reply) => {
    const home = await homeFor(req.ctx);
    return reply.page('home/views/home.njk', { title: 'Home', ...home, role: req.ctx.worker.role });
  });
}
