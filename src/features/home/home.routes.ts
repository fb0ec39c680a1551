import type { FastifyInstance } from 'fastify';
import { ukToday } from '../../platform/forms.js';
import { personWriters } from '../people/people.access.js';
import { checkBacksDue, homeFor, overdueInTeam, runningHearth } from './home.service.js';

export default async function homeRoutes(app: FastifyInstance) {
  app.navigation.push({
    href: '/',
    text: 'Home',
    roles: ['front_door', 'practitioner', 'team_manager', 'quality', 'partner', 'admin'],
  });

  // The home page's own sections; features add theirs (and their check backs) in their folders.
  const { checkBacks } = app.record;
  app.record.home.push(
    { roles: ['admin'], order: 10, template: 'home/views/_admin.njk', load: runningHearth },
    { roles: ['quality'], order: 10, template: 'home/views/_quality.njk', load: async () => null },
    {
      roles: personWriters,
      order: 50,
      template: 'home/views/_check-backs.njk',
      load: (ctx) => checkBacksDue(ctx, checkBacks),
    },
    {
      roles: ['team_manager'],
      order: 55,
      template: 'home/views/_team-check-backs.njk',
      load: (ctx) => overdueInTeam(ctx, checkBacks),
    },
  );

  app.addHook('preHandler', app.requireWorker);
  app.get('/', async (req, reply) => {
    return reply.page('home/views/home.njk', {
      title: 'Home',
      ...(await homeFor(req.ctx, app.record)),
      today: ukToday(req.ctx.now),
    });
  });
}
