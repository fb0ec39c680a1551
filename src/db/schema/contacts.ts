import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { conversations } from './conversations.js';
import { teams, workers } from './organisations.js';
import { people } from './people.js';

export const contactChannel = pgEnum('contact_channel', [
  'phone',
  'email',
  'drop_in',
  'gp',
  'hospital',
  'family_or_friend',
  'professional',
  'self',
  'out_of_hours',
]);

export const contactUrgency = pgEnum('contact_urgency', ['none', 'crisis', 'abuse_or_neglect']);

/** What became of a contact: resolved there and then, or passed with its story to a team or named worker. */
export const contactOutcome = pgEnum('contact_outcome', ['resolved', 'passed', 'stayed']);

/** How the receiving team was chosen. */
export const contactRouting = pgEnum('contact_routing', [
  'named_worker',
  'postcode',
  'manual',
  'first_contact',
  'out_of_hours',
]);

/**
 * How someone first reached us, and what happened. A contact is resolved in the first
 * conversation or passed, with its story, to a team (or straight to the person's named worker).
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    channel: contactChannel('channel').notNull(),
    contactName: text('contact_name'),
    contactRelationship: text('contact_relationship'),
    contactReach: text('contact_reach'),
    reason: text('reason').notNull(),
    whatMattersNow: text('what_matters_now'),
    urgency: contactUrgency('urgency').notNull().default('none'),
    /** Whether Hearth knew the person before this contact (for the "not known before" share). */
    personWasKnown: boolean('person_was_known').notNull(),
    /** The conversation at the front door, in the person's story. */
    conversationId: uuid('conversation_id').references(() => conversations.id),
    outcome: contactOutcome('outcome').notNull(),
    resolutionKind: text('resolution_kind'),
    resolutionDetail: text('resolution_detail'),
    checkBackOn: date('check_back_on'),
    checkBackDoneAt: timestamp('check_back_done_at', { withTimezone: true }),
    passedToTeamId: uuid('passed_to_team_id').references(() => teams.id),
    passedToWorkerId: uuid('passed_to_worker_id').references(() => workers.id),
    routing: contactRouting('routing'),
    routingReason: text('routing_reason'),
    takenById: uuid('taken_by_id').references(() => workers.id),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    receivedById: uuid('received_by_id')
      .notNull()
      .references(() => workers.id),
    receivedTeamId: uuid('received_team_id').references(() => teams.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /**
     * When the first conversation with the person after this contact took place (not the
     * front-door conversation itself). Kept by triggers on conversations and contacts
     * (migrations 0010, 0015), so a team's "time to first conversation" is one aggregate.
     */
    firstConversationAt: timestamp('first_conversation_at', { withTimezone: true }),
    /** What happens next, as the person was told: kept on the contact whether or not a conversation was recorded with it. */
    whatHappensNext: text('what_happens_next'),
    /** When a contact that is not urgent, still waiting, was brought to the team manager (after WAITING_ESCALATION_DAYS). */
    waitingEscalatedAt: timestamp('waiting_escalated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    /** The form's one-time key: a repeated submit (after a lost response) finds this contact instead of saving twice. */
    submissionKey: uuid('submission_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_submission_key_idx').on(t.submissionKey),
    index('contacts_person_idx').on(t.personId, t.receivedAt),
    // A team's queue in the order it is worked (urgent first, then oldest), so a page of it is
    // read from the index alone; the urgency itself last, so the waiting figures are too.
    index('contacts_team_queue_idx')
      .on(t.passedToTeamId, sql`(${t.urgency} = 'none')`, t.receivedAt, t.id, t.urgency)
      .where(sql`${t.outcome} = 'passed' AND ${t.takenAt} IS NULL`),
    // A team's time from contact to first conversation, from the index alone.
    index('contacts_team_passed_idx')
      .on(t.passedToTeamId, t.receivedAt, t.firstConversationAt)
      .where(sql`${t.outcome} = 'passed'`),
    index('contacts_team_taken_idx')
      .on(t.passedToTeamId, t.takenAt)
      .where(sql`${t.takenAt} IS NOT NULL`),
    index('contacts_team_idx').on(t.passedToTeamId, t.receivedAt),
    index('contacts_worker_waiting_idx')
      .on(t.passedToWorkerId)
      .where(sql`${t.takenAt} IS NULL`),
    index('contacts_received_idx').on(t.receivedAt),
    index('contacts_long_waiting_idx')
      .on(t.receivedAt)
      .where(
        sql`${t.outcome} = 'passed' AND ${t.urgency} = 'none' AND ${t.takenAt} IS NULL AND ${t.waitingEscalatedAt} IS NULL`,
      ),
    index('contacts_urgent_waiting_idx')
      .on(t.receivedAt)
      .where(sql`${t.urgency} <> 'none' AND ${t.takenAt} IS NULL AND ${t.escalatedAt} IS NULL`),
    index('contacts_check_back_idx')
      .on(t.receivedById, t.checkBackOn)
      .where(sql`${t.checkBackOn} IS NOT NULL AND ${t.checkBackDoneAt} IS NULL`),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type ContactChannel = (typeof contactChannel.enumValues)[number];

/** Whether the person knows a partner has raised a concern about them. */
export const concernPersonKnows = pgEnum('concern_person_knows', ['yes', 'no', 'not_able']);

/**
 * A partner practitioner's worry about someone, with the partner's own contact details. About
 * someone in one of their teams around the person (person_id): taken at once as a contact and
 * passed on like any other. About anyone else: it waits for the front door, which finds or
 * registers the person and takes it as a contact (contact_id). No wrong door.
 */
export const concerns = pgTable(
  'concerns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    raisedById: uuid('raised_by_id')
      .notNull()
      .references(() => workers.id),
    personId: uuid('person_id').references(() => people.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    /** How the partner can be reached about it. */
    raiserReach: text('raiser_reach').notNull(),
    aboutName: text('about_name').notNull(),
    aboutDateOfBirth: date('about_date_of_birth'),
    aboutAddress: text('about_address'),
    aboutReach: text('about_reach'),
    concern: text('concern').notNull(),
    urgency: contactUrgency('urgency').notNull().default('none'),
    personKnows: concernPersonKnows('person_knows').notNull(),
    /** The contact the front door took from it. */
    contactId: uuid('contact_id').references(() => contacts.id),
    submissionKey: uuid('submission_key'),
  },
  (t) => [
    uniqueIndex('concerns_submission_key_idx').on(t.submissionKey),
    index('concerns_waiting_idx')
      .on(t.raisedAt)
      .where(sql`${t.contactId} IS NULL`),
    index('concerns_raised_by_idx').on(t.raisedById, t.raisedAt),
    uniqueIndex('concerns_contact_idx').on(t.contactId),
  ],
);

export type Concern = typeof concerns.$inferSelect;
