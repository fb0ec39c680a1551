import { sql } from 'drizzle-orm';
import { date, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { conversations } from './conversations.js';
import { directoryServices } from './directory.js';
import { workers } from './organisations.js';
import { people } from './people.js';

/** What came of a connection, recorded at its follow-up. */
export const connectionOutcome = pgEnum('connection_outcome', ['helped', 'did_not_help', 'did_not_happen']);

/**
 * A person connected to a resource in the directory, from a conversation or a contact:
 * which, why, who will do what, and a follow-up that records whether it helped.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => directoryServices.id),
    conversationId: uuid('conversation_id').references(() => conversations.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    reason: text('reason').notNull(),
    personWill: text('person_will'),
    workerWill: text('worker_will'),
    providerWill: text('provider_will'),
    followUpOn: date('follow_up_on').notNull(),
    madeById: uuid('made_by_id')
      .notNull()
      .references(() => workers.id),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull(),
    outcome: connectionOutcome('outcome'),
    outcomeNote: text('outcome_note'),
    followedUpById: uuid('followed_up_by_id').references(() => workers.id),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
  },
  (t) => [
    index('connections_person').on(t.personId, t.madeAt),
    index('connections_service').on(t.serviceId, t.outcome),
    index('connections_conversation').on(t.conversationId),
    index('connections_contact').on(t.contactId),
    index('connections_due').on(t.madeById, t.followUpOn).where(sql`outcome IS NULL`),
  ],
);
