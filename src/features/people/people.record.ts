// What the people feature itself adds to the record: changes to the record on the timeline, and
// on a worker's home page the way to find someone and the people they are named worker for.
import type { RecordParts } from '../../platform/record.js';
import { personWriters } from './people.access.js';
import * as repo from './people.repository.js';

export function addToRecord(record: RecordParts) {
  record.timeline.push({
    order: 90,
    filters: [{ value: 'changes', text: 'Changes to the record' }],
    template: 'people/views/_timeline-change.njk',
    async entries(ctx, personId, _filter, upto) {
      return (await repo.recordChangesOf(ctx.db, personId, upto)).map((c) => ({ at: c.createdAt, change: c }));
    },
  });
  record.home.push(
    { roles: personWriters, order: 10, template: 'people/views/_home-find.njk', load: async () => null },
    {
      roles: personWriters,
      order: 90,
      template: 'people/views/_home-my-people.njk',
      load: (ctx) => repo.peopleOf(ctx.db, ctx.worker.id),
    },
  );
}
