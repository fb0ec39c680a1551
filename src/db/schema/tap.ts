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
import { workers } from './organisations.js';
import { networkMembers, people } from './people.js';

/**
 * The team around the person: the practitioners from every agency working with a person,
 * the person and the people they choose, their meetings and their shared action plan.
 * One per person; a closed team keeps its history.
 */
export const taps = pgTable(
  'taps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('taps_person_key').on(t.personId)],
);

/**
 * Who is in the team: a worker with an account (council or partner), a practitioner without
 * one, the person themselves, or someone from their network they chose. Removed members stay,
 * marked removed, so the history of who was in the team is kept.
 */
export const tapMemberKind = pgEnum('tap_member_kind', ['worker', 'practitioner', 'person', 'network']);

export const tapMembers = pgTable(
  'tap_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tapId: uuid('tap_id')
      .notNull()
      .references(() => taps.id),
    kind: tapMemberKind('kind').notNull(),
    workerId: uuid('worker_id').references(() => workers.id),
    networkMemberId: uuid('network_member_id').references(() => networkMembers.id),
    /** For practitioners without an account: who they are and how to reach them. */
    name: text('name'),
    organisation: text('organisation'),
    role: text('role'),
    phone: text('phone'),
    email: text('email'),
    /** What they bring to the team, in a few words ("keeps the boiler safe"). */
    part: text('part'),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => workers.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => workers.id),
  },
  (t) => [
    index('tap_members_tap_idx').on(t.tapId),
    // A partner's access is found by this: the teams they are in now.
    index('tap_members_worker_idx')
      .on(t.workerId)
      .where(sql`${t.removedAt} IS NULL`),
    uniqueIndex('tap_members_worker_once_key')
      .on(t.tapId, t.workerId)
      .where(sql`${t.removedAt} IS NULL AND ${t.workerId} IS NOT NULL`),
  ],
);

export const sharingBasis = pgEnum('sharing_basis', ['consent', 'lawful_reason']);

/**
 * The person's agreement to share with partners (what, with which organisations, when and
 * how, when to check again), or the lawful reason for sharing without it and who decided.
 * Withdrawn consent stops sharing at once; the record stays.
 */
export const tapConsents = pgTable(
  'tap_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tapId: uuid('tap_id')
      .notNull()
      .references(() => taps.id),
    basis: sharingBasis('basis').notNull(),
    whatMayBeShared: text('what_may_be_shared').notNull(),
    organisationIds: uuid('organisation_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Whether conversations the named worker marks as shared may be seen by partners. */
    sharesConversations: boolean('shares_conversations').notNull().default(false),
    agreedOn: date('agreed_on').notNull(),
    howAgreed: text('how_agreed'),
    lawfulReason: text('lawful_reason'),
    decidedBy: text('decided_by'),
    reviewOn: date('review_on').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => workers.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => workers.id),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [index('tap_consents_tap_idx').on(t.tapId, t.recordedAt)],
);

/** A team meeting: arranged first, then recorded in narrative. */
export const tapMeetings = pgTable(
  'tap_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tapId: uuid('tap_id')
      .notNull()
      .references(() => taps.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    online: text('online'),
    invitedMemberIds: uuid('invited_member_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Whether the person and their family come, and how they want to take part. */
    personAttends: text('person_attends').notNull(),
    howTheyTakePart: text('how_they_take_part'),
    familyAttend: text('family_attend'),
    arrangedBy: uuid('arranged_by')
      .notNull()
      .references(() => workers.id),
    arrangedAt: timestamp('arranged_at', { withTimezone: true }).notNull().defaultNow(),
    personsWords: text('persons_words'),
    agenciesBrought: text('agencies_brought'),
    decisions: text('decisions'),
    planReview: text('plan_review'),
    recordedBy: uuid('recorded_by').references(() => workers.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('tap_meetings_tap_idx').on(t.tapId, t.startsAt)],
);

export const tapActionStatus = pgEnum('tap_action_status', ['open', 'done', 'stopped']);

/** One action in the plan: what, who (a member), by when, and how we will know it worked. */
export const tapActions = pgTable(
  'tap_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tapId: uuid('tap_id')
      .notNull()
      .references(() => taps.id),
    meetingId: uuid('meeting_id').references(() => tapMeetings.id),
    what: text('what').notNull(),
    ownerMemberId: uuid('owner_member_id')
      .notNull()
      .references(() => tapMembers.id),
    dueOn: date('due_on').notNull(),
    howWeKnow: text('how_we_know').notNull(),
    status: tapActionStatus('status').notNull().default('open'),
    completedOn: date('completed_on'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('tap_actions_tap_idx').on(t.tapId, t.dueOn),
    index('tap_actions_owner_idx')
      .on(t.ownerMemberId, t.dueOn)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** Progress on an action, by a member: never edited, so the story of the action is kept. */
export const tapActionUpdates = pgTable(
  'tap_action_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => tapActions.id),
    note: text('note').notNull(),
    status: tapActionStatus('status').notNull(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tap_action_updates_action_idx').on(t.actionId, t.createdAt)],
);

/**
 * Conversations the named worker has shared with the team around the person. Conversations
 * themselves are never changed after saving, so the mark lives here; unsharing removes the row
 * (and is audited).
 */
export const sharedConversations = pgTable('shared_conversations', {
  conversationId: uuid('conversation_id')
    .primaryKey()
    .references(() => conversations.id),
  sharedBy: uuid('shared_by')
    .notNull()
    .references(() => workers.id),
  sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The agreement the named worker checked it against: partners see it only while that
   * agreement is the one in force (a new agreement asks the named worker to look again).
   */
  consentId: uuid('consent_id').references(() => tapConsents.id),
});

/**
 * What the team is told about the person, written by their named worker for sharing (never the
 * whole "about me"), checked against the agreement in force. Never changed: a new version is a
 * new row, so what partners were shown is kept. No row: partners see nothing of it.
 */
export const tapSummaries = pgTable(
  'tap_summaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tapId: uuid('tap_id')
      .notNull()
      .references(() => taps.id),
    text: text('text').notNull(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => tapConsents.id),
    writtenBy: uuid('written_by')
      .notNull()
      .references(() => workers.id),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tap_summaries_tap_idx').on(t.tapId, t.writtenAt)],
);

export type Tap = typeof taps.$inferSelect;
export type TapMember = typeof tapMembers.$inferSelect;
export type TapConsent = typeof tapConsents.$inferSelect;
export type TapSummary = typeof tapSummaries.$inferSelect;
export type TapMeeting = typeof tapMeetings.$inferSelect;
export type TapAction = typeof tapActions.$inferSelect;
export type TapActionStatus = (typeof tapActionStatus.enumValues)[number];
