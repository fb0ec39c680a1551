import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { teams, workers } from './organisations.js';

/** The standard accessible information categories (NHS Accessible Information Standard). */
export const communicationNeed = pgEnum('communication_need', [
  'large_print',
  'easy_read',
  'bsl_interpreter',
  'deafblind_interpreter',
  'braille',
  'audio',
  'hearing_loop',
  'lip_reading',
  'help_reading_letters',
  'plain_language',
  'email_preferred',
  'phone_preferred',
  'text_message_preferred',
  'letter_preferred',
  'no_phone_calls',
]);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    preferredName: text('preferred_name'),
    pronouns: text('pronouns'),
    dateOfBirth: date('date_of_birth'),
    /** Ten digits, no spaces; checked with the modulus 11 rule before it is stored. */
    nhsNumber: text('nhs_number'),
    address: text('address'),
    /** Upper case with one space: "NB3 4XY". */
    postcode: text('postcode'),
    phone: text('phone'),
    email: text('email'),
    firstLanguage: text('first_language'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    dateOfDeath: date('date_of_death'),
    communicationNeeds: communicationNeed('communication_needs')
      .array()
      .notNull()
      .default(sql`'{}'`),
    communicationNotes: text('communication_notes'),
    namedWorkerId: uuid('named_worker_id').references(() => workers.id),
    teamId: uuid('team_id').references(() => teams.id),
    /** Restricted records are open only to the named worker and the access list. */
    restricted: boolean('restricted').notNull().default(false),
    restrictedReason: text('restricted_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => workers.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Search keys, kept by the database: phonetic codes for each name, and one lower-case
    // string of every name for trigram matching.
    givenKey: text('given_key').generatedAlwaysAs(sql`dmetaphone(given_name)`),
    familyKey: text('family_key').generatedAlwaysAs(sql`dmetaphone(family_name)`),
    preferredKey: text('preferred_key').generatedAlwaysAs(sql`dmetaphone(coalesce(preferred_name, ''))`),
    searchName: text('search_name').generatedAlwaysAs(
      sql`lower(given_name || ' ' || family_name || coalesce(' ' || preferred_name, ''))`,
    ),
  },
  (t) => [
    uniqueIndex('people_nhs_number_key').on(t.nhsNumber),
    index('people_given_key_idx').on(t.givenKey, t.familyKey),
    index('people_family_key_idx').on(t.familyKey, t.givenKey),
    index('people_preferred_key_idx').on(t.preferredKey),
    index('people_search_name_trgm_idx').using('gin', sql`${t.searchName} gin_trgm_ops`),
    // A typo in one name, the other found by its phonetic key: the two indexes' matches are intersected.
    index('people_given_name_trgm_idx').using('gin', sql`lower(${t.givenName}) gin_trgm_ops`),
    index('people_family_name_trgm_idx').using('gin', sql`lower(${t.familyName}) gin_trgm_ops`),
    index('people_date_of_birth_idx').on(t.dateOfBirth),
    index('people_postcode_idx').on(t.postcode),
    index('people_postcode_district_idx').on(sql`split_part(${t.postcode}, ' ', 1)`),
    index('people_named_worker_idx').on(t.namedWorkerId),
    index('people_team_idx').on(t.teamId),
    check('people_nhs_number_format', sql`${t.nhsNumber} ~ '^[0-9]{10}$'`),
  ],
);

/** Who may open a restricted record, besides the named worker: named workers or whole teams. */
export const personAccess = pgTable(
  'person_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    workerId: uuid('worker_id').references(() => workers.id),
    teamId: uuid('team_id').references(() => teams.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_access_person_idx').on(t.personId),
    check('person_access_one_of', sql`(${t.workerId} IS NULL) <> (${t.teamId} IS NULL)`),
  ],
);

/** A worker without access who opened a restricted record, giving a reason: open to them for a while. */
export const restrictedOpenings = pgTable(
  'restricted_openings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    reason: text('reason').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('restricted_openings_lookup_idx').on(t.personId, t.workerId, t.expiresAt)],
);

/** "About me", in the person's words. Each save is a new version; the latest is current. */
export const aboutMe = pgTable(
  'about_me',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    version: integer('version').notNull(),
    whatMatters: text('what_matters').notNull().default(''),
    strengths: text('strengths').notNull().default(''),
    enjoys: text('enjoys').notNull().default(''),
    hopes: text('hopes').notNull().default(''),
    inTheirWords: boolean('in_their_words').notNull().default(true),
    writtenBy: uuid('written_by')
      .notNull()
      .references(() => workers.id),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('about_me_person_version_key').on(t.personId, t.version)],
);

/** The significant people in a person's life. Removed members stay, marked removed. */
export const networkMembers = pgTable(
  'network_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** When the member has a record of their own in Hearth (a carer, say). */
    linkedPersonId: uuid('linked_person_id').references(() => people.id),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'`),
    phone: text('phone'),
    email: text('email'),
    notes: text('notes'),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => workers.id),
  },
  (t) => [index('network_members_person_idx').on(t.personId), index('network_members_linked_idx').on(t.linkedPersonId)],
);

/** A change of named worker: counted, never hidden. */
export const handOffs = pgTable(
  'hand_offs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    fromWorkerId: uuid('from_worker_id').references(() => workers.id),
    /** Null when passed to a team before anyone in it has taken the person on (the front door passing to a locality team). */
    toWorkerId: uuid('to_worker_id').references(() => workers.id),
    fromTeamId: uuid('from_team_id').references(() => teams.id),
    toTeamId: uuid('to_team_id').references(() => teams.id),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hand_offs_person_idx').on(t.personId, t.createdAt),
    index('hand_offs_to_team_idx').on(t.toTeamId, t.createdAt),
    index('hand_offs_from_team_idx').on(t.fromTeamId, t.createdAt),
  ],
);

/** Changes to a person's record, for their timeline: which fields, never the old values' text. */
export const recordChanges = pgTable(
  'record_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    summary: text('summary').notNull(),
    details: jsonb('details'),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => workers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('record_changes_person_idx').on(t.personId, t.createdAt)],
);

/** Messages to a worker's home page (a restricted record opened, a hand-off to them, ...). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    message: text('message').notNull(),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_worker_idx').on(t.workerId, t.createdAt)],
);

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
export type CommunicationNeed = (typeof communicationNeed.enumValues)[number];
