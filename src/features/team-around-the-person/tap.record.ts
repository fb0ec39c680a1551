// What the team around the person adds: the way to it from the person's page, and on a worker's
// home page their overdue actions (and, for a partner, the people whose team they are in).
import type { RecordParts } from '../../platform/record.js';
import { personWriters } from '../people/people.access.js';
import { homeWorkOf } from './tap.service.js';

export function addToRecord(record: RecordParts) {
  record.personPage.push({
    column: 'side',
    order: 10,
    template: 'team-around-the-person/views/_person-team.njk',
    load: async () => null,
  });
  record.home.push({
    roles: [...personWriters, 'partner'],
    order: 30,
    template: 'team-around-the-person/views/_home-work.njk',
    load: homeWorkOf,
  });
}
