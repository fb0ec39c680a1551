// What conversations add to the person's record: their timeline entries (one filter per kind),
// the latest conversation and check backs due on the person's page, and drafts and check backs
// on a worker's home page.
import { conversationKind, type ConversationKind } from '../../db/schema/index.js';
import { ukToday } from '../../platform/forms.js';
import type { RecordParts } from '../../platform/record.js';
import { personWriters } from '../people/people.access.js';
import { conversationKindLabels } from './conversations.forms.js';
import * as service from './conversations.service.js';

const isKind = (filter: string | undefined): filter is ConversationKind =>
  (conversationKind.enumValues as readonly string[]).includes(filter ?? '');

export function addToRecord(record: RecordParts) {
  record.timeline.push({
    order: 10,
    filters: Object.entries(conversationKindLabels).map(([value, text]) => ({ value, text })),
    template: 'conversations/views/_timeline-entry.njk',
    async entries(ctx, personId, filter, upto) {
      const talks = await service.conversationsOf(ctx.db, personId, isKind(filter) ? filter : undefined, upto);
      return talks.map((c) => ({ at: c.occurredAt, conversation: c, kindLabel: conversationKindLabels[c.kind] }));
    },
  });

  record.personPage.push(
    {
      column: 'main',
      order: 20,
      template: 'conversations/views/_person-latest.njk',
      async load(ctx, person) {
        const [latest] = await service.conversationsOf(ctx.db, person.id, undefined, 1);
        return { latest, kindLabel: latest && conversationKindLabels[latest.kind] };
      },
    },
    {
      column: 'main',
      order: 40,
      template: 'conversations/views/_person-due.njk',
      load: (ctx, person) => service.upcomingCheckBacks(ctx.db, person.id, ukToday(ctx.now)),
    },
  );

  record.home.push({
    roles: personWriters,
    order: 40,
    template: 'conversations/views/_home-drafts.njk',
    load: (ctx) => service.draftsOf(ctx),
  });

  record.checkBacks.push({
    async mine(ctx) {
      return (await service.checkBacksDue(ctx)).map(({ whatHappensNext, ...c }) => ({
        ...c,
        checkBackOn: c.checkBackOn!,
        href: `/people/${c.personId}`,
        note: whatHappensNext,
      }));
    },
    async overdueInTeam(ctx) {
      return (await service.overdueCheckBacksInTeam(ctx)).map(({ whatHappensNext, ...c }) => ({
        ...c,
        checkBackOn: c.checkBackOn!,
        href: `/conversations/${c.id}`,
        note: whatHappensNext,
      }));
    },
  });
}
