// What connections to resources add to the person's record: their timeline entries, the latest
// few on the person's page, and the follow-ups due on a worker's home page.
import { ukToday } from '../../platform/forms.js';
import type { RecordParts } from '../../platform/record.js';
import { personWriters } from '../people/people.access.js';
import * as service from './connections.service.js';

export function addToRecord(record: RecordParts) {
  record.timeline.push({
    order: 30,
    filters: [{ value: 'connections', text: 'Connections to resources' }],
    template: 'connections/views/_timeline-entry.njk',
    async entries(ctx, personId, _filter, upto) {
      const links = await service.connectionsOf(ctx.db, personId, upto, ukToday(ctx.now));
      return links.map((c) => ({ at: c.madeAt, connection: c }));
    },
  });

  record.personPage.push({
    column: 'main',
    order: 50,
    template: 'connections/views/_person-connections.njk',
    async load(ctx, person) {
      // The latest few; the timeline has them all.
      const connections = await service.connectionsOf(ctx.db, person.id, 6, ukToday(ctx.now));
      return { connections: connections.slice(0, 5), more: connections.length > 5 };
    },
  });

  record.home.push({
    roles: personWriters,
    order: 60,
    template: 'connections/views/_home-follow-ups.njk',
    load: (ctx) => service.followUpsDue(ctx),
  });
}
