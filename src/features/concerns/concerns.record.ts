// What partners' concerns add to a partner's home page: raising one, and those they raised.
import type { RecordParts } from '../../platform/record.js';
import { concernsRaised } from './concerns.service.js';

export function addToRecord(record: RecordParts) {
  record.home.push({
    roles: ['partner'],
    order: 50,
    template: 'concerns/views/_home-concerns.njk',
    load: concernsRaised,
  });
}
