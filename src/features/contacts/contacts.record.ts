// What contacts add to the person's record: their timeline entries, the latest contact on the
// person's page, and on a worker's home page the contacts waiting for them and their check backs.
import type { RecordParts } from '../../platform/record.js';
import { personWriters } from '../people/people.access.js';
import * as service from './contacts.service.js';

export function addToRecord(record: RecordParts) {
  record.timeline.push({
    order: 20,
    filters: [{ value: 'contacts', text: 'Contacts' }],
    template: 'contacts/views/_timeline-entry.njk',
    async entries(ctx, personId, _filter, upto) {
      return (await service.contactsOf(ctx.db, personId, upto)).map((c) => ({ at: c.receivedAt, contact: c }));
    },
  });

  record.personPage.push({
    column: 'main',
    order: 30,
    template: 'contacts/views/_person-latest.njk',
    // What the latest contact told them happens next, which may have no conversation to carry it.
    load: async (ctx, person) => (await service.contactsOf(ctx.db, person.id, 1))[0] ?? null,
  });

  record.home.push({
    roles: personWriters,
    order: 20,
    template: 'contacts/views/_home-waiting.njk',
    load: (ctx) => service.contactsWaitingFor(ctx),
  });

  record.checkBacks.push({
    async mine(ctx) {
      return (await service.contactCheckBacksDue(ctx)).map(({ resolutionDetail, ...c }) => ({
        ...c,
        checkBackOn: c.checkBackOn!,
        href: `/contacts/${c.id}`,
        note: resolutionDetail,
        done: `/contacts/${c.id}/check-back-done`,
      }));
    },
    async overdueInTeam(ctx) {
      return (await service.overdueContactCheckBacksInTeam(ctx)).map(({ resolutionDetail, ...c }) => ({
        ...c,
        checkBackOn: c.checkBackOn!,
        href: `/contacts/${c.id}`,
        note: resolutionDetail,
      }));
    },
  });
}
