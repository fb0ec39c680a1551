import type { FastifyInstance } from 'fastify';
import { ukToday } from '../../platform/forms.js';
import { followUpsDue } from '../connections/connections.service.js';
import { homeFor } from './home.service.js';

export default async function homeRoutes(app: FastifyInstance) {
  app.navigation.push({
    href: '/',
    text: 'Home',
    roles: ['front_door', 'practitioner', 'team_manager', 'quality', 'partner', 'admin'],
  });

  app.get('/', { preHandler: app.requireWorker }, async (req, reply) => {
    const [home, followUps] = await Promise.all([homeFor(req.ctx), followUpsDue(req.ctx)]);
    return reply.page('home/views/home.njk', {
      title: 'Home',
      ...home,
      followUps,
      today: ukToday(req.ctx.now),
      role: req.ctx.worker.role,
    });
  });
}
