import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { conversations } from './conversations.js';
import { directoryServices } from './directory.js';
import { workers } from './organisations.js';
import { people } from './people.js';

/** What came of a connection, recorded at its follow-up. */
export const connectionOutcome = pgEnum('connection_outcome', ['helped', 'did_not_help', 'did_not_happen']);

/**
 * A person connected to a resource in the directory, or to something informal that is not in it
 * (a neighbour's garden, a friend's offer), from a conversation or a contact: which, why, who
 * will do what, and a follow-up that records whether it helped.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The resource in the directory; null for an informal connection. */
    serviceId: uuid('service_id').references(() => directoryServices.id),
    /** An informal connection: what or who it is, and how to reach it. */
    informalName: text('informal_name'),
    informalDetail: text('informal_detail'),
    /** The worker thinks the informal connection belongs in the directory; the directory editors decide. */
    suggestedForDirectory: boolean('suggested_for_directory').notNull().default(false),
    suggestionHandledAt: timestamp('suggestion_handled_at', { withTimezone: true }),
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
    index('connections_due')
      .on(t.madeById, t.followUpOn)
      .where(sql`outcome IS NULL`),
    index('connections_suggested')
      .on(t.madeAt)
      .where(sql`suggested_for_directory AND suggestion_handled_at IS NULL`),
    check('connections_resource_or_informal', sql`(${t.serviceId} IS NULL) = (${t.informalName} IS NOT NULL)`),
  ],
);
