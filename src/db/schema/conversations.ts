import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { teams, workers } from './organisations.js';
import { people } from './people.js';

export const conversationKind = pgEnum('conversation_kind', [
  'listen_and_connect',
  'crisis',
  'build_a_good_life',
  'taking_stock',
  'carers_conversation',
]);

/**
 * A conversation, in narrative. Never edited or deleted once saved (triggers refuse it);
 * corrections are amendments with a reason.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    kind: conversationKind('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    place: text('place'),
    participants: text('participants'),
    narrative: text('narrative').notNull(),
    whatMatters: text('what_matters'),
    agreed: text('agreed'),
    whatHappensNext: text('what_happens_next').notNull(),
    checkBackOn: date('check_back_on'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => workers.id),
    teamId: uuid('team_id').references(() => teams.id),
    /** The form's one-time key: a repeated submit (after a lost response) finds this conversation instead of saving twice. */
    submissionKey: uuid('submission_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_submission_key_idx').on(t.submissionKey),
    index('conversations_person_idx').on(t.personId, t.occurredAt),
    index('conversations_person_kind_idx').on(t.personId, t.kind, t.occurredAt),
    index('conversations_author_idx').on(t.authorId, t.createdAt),
    index('conversations_check_back_idx')
      .on(t.authorId, t.checkBackOn)
      .where(sql`${t.checkBackOn} IS NOT NULL`),
  ],
);

export const conversationAmendments = pgTable(
  'conversation_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    reason: text('reason').notNull(),
    correction: text('correction').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversation_amendments_conversation_idx').on(t.conversationId, t.createdAt)],
);

/** Text being typed, kept on the server so a time-out or a closed browser loses nothing. */
export const drafts = pgTable(
  'drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id),
    /** What the draft will become: 'conversation', later 'contact', ... */
    kind: text('kind').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('drafts_worker_idx').on(t.workerId, t.updatedAt),
    uniqueIndex('drafts_worker_person_kind_key').on(t.workerId, t.kind, t.personId),
  ],
);

/** Jargon and acronyms Hearth points out, with plainer words. Kept as data; administrators edit it. */
export const jargonTerms = pgTable(
  'jargon_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    term: text('term').notNull(),
    plainer: text('plainer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jargon_terms_term_key').on(sql`lower(${t.term})`)],
);

export type Conversation = typeof conversations.$inferSelect;
export type ConversationKind = (typeof conversationKind.enumValues)[number];
export type Draft = typeof drafts.$inferSelect;
