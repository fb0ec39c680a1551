import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';

export const organisationKind = pgEnum('organisation_kind', ['council', 'nhs', 'housing', 'voluntary']);

export const teamKind = pgEnum('team_kind', [
  'locality',
  'first_contact',
  'hospital',
  'out_of_hours',
  'preparation_for_adulthood',
  'partner',
  'other',
]);

export const role = pgEnum('role', ['front_door', 'practitioner', 'team_manager', 'quality', 'partner', 'admin']);

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: organisationKind('kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    kind: teamKind('kind').notNull(),
    email: text('email'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('teams_organisation_name_key').on(t.organisationId, sql`lower(${t.name})`)],
);

/**
 * The postcode-to-locality map. A prefix is a postcode area ("LS"), district ("LS6")
 * or sector ("LS6 2"); the longest matching prefix wins.
 */
export const localityPostcodes = pgTable(
  'locality_postcodes',
  {
    prefix: text('prefix').primaryKey(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('locality_postcodes_team_idx').on(t.teamId)],
);

export const workers = pgTable(
  'workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    jobTitle: text('job_title'),
    phone: text('phone'),
    role: role('role').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    teamId: uuid('team_id').references(() => teams.id),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('workers_email_key').on(sql`lower(${t.email})`),
    index('workers_team_idx').on(t.teamId),
    index('workers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Worker = typeof workers.$inferSelect;
export type Role = (typeof role.enumValues)[number];
export type TeamKind = (typeof teamKind.enumValues)[number];
export type OrganisationKind = (typeof organisationKind.enumValues)[number];
