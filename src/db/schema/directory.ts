import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { workers } from './organisations.js';

// The directory follows the Open Referral UK profile (HSDS 3.0): tables and column names
// are ORUK's, so import, export and the public API map one to one. Ids are ORUK's UUIDs.
// Hearth adds what workers need and ORUK lacks: when a record was last checked and by
// whom, withdrawal (kept for history, never served), and care home vacancies.

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const serviceStatus = pgEnum('directory_service_status', [
  'active',
  'inactive',
  'defunct',
  'temporarily closed',
]);
export const locationType = pgEnum('directory_location_type', ['physical', 'postal', 'virtual']);

export const directoryOrganisations = pgTable('directory_organisations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  email: text('email'),
  website: text('website'),
  logo: text('logo'),
  uri: text('uri'),
  parentOrganizationId: uuid('parent_organization_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const directoryOrganisationIdentifiers = pgTable(
  'directory_organisation_identifiers',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => directoryOrganisations.id, { onDelete: 'cascade' }),
    identifierScheme: text('identifier_scheme'),
    identifierType: text('identifier_type').notNull(),
    identifier: text('identifier').notNull(),
  },
  (t) => [index('directory_organisation_identifiers_organisation').on(t.organizationId)],
);

export const directoryServices = pgTable(
  'directory_services',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').references(() => directoryOrganisations.id),
    name: text('name').notNull(),
    description: text('description'),
    url: text('url'),
    email: text('email'),
    status: serviceStatus('status').notNull().default('active'),
    fees: text('fees'),
    accreditations: text('accreditations'),
    minimumAge: integer('minimum_age'),
    maximumAge: integer('maximum_age'),
    assuredDate: date('assured_date'),
    assurerEmail: text('assurer_email'),
    alert: text('alert'),
    lastModified: timestamp('last_modified', { withTimezone: true }).notNull().defaultNow(),
    /** When a worker last confirmed the record is still correct, and who. */
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkedById: uuid('checked_by_id').references(() => workers.id),
    /** Withdrawn resources stay for the history of connections, and are never served. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnById: uuid('withdrawn_by_id').references(() => workers.id),
    withdrawnReason: text('withdrawn_reason'),
    /** Where the record came from: "hearth" when written here, otherwise the import's source. */
    origin: text('origin').notNull().default('hearth'),
    version: integer('version').notNull().default(1),
    searchText: tsvector('search_text').generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')`,
    ),
  },
  (t) => [
    index('directory_services_search').using('gin', t.searchText),
    index('directory_services_name').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('directory_services_organisation').on(t.organizationId),
    index('directory_services_listed')
      .on(t.name, t.id)
      .where(sql`withdrawn_at IS NULL`),
    index('directory_services_checked')
      .on(t.checkedAt)
      .where(sql`withdrawn_at IS NULL`),
  ],
);

export const directoryLocations = pgTable(
  'directory_locations',
  {
    id: uuid('id').primaryKey(),
    locationType: locationType('location_type').notNull().default('physical'),
    name: text('name'),
    description: text('description'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    externalIdentifier: text('external_identifier'),
    externalIdentifierType: text('external_identifier_type'),
  },
  (t) => [index('directory_locations_position').on(t.latitude, t.longitude)],
);

export const directoryAddresses = pgTable(
  'directory_addresses',
  {
    id: uuid('id').primaryKey(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => directoryLocations.id, { onDelete: 'cascade' }),
    attention: text('attention'),
    address1: text('address_1').notNull(),
    city: text('city').notNull(),
    region: text('region'),
    stateProvince: text('state_province').notNull().default(''),
    /** Upper case with one space when it is a UK postcode. */
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull().default('GB'),
    addressType: locationType('address_type').notNull().default('physical'),
    /** The outward code ("NB3"), which is what the locality map is keyed on. */
    postcodeDistrict: text('postcode_district').generatedAlwaysAs(sql`upper(split_part(trim(postal_code), ' ', 1))`),
  },
  (t) => [
    index('directory_addresses_location').on(t.locationId),
    index('directory_addresses_district').on(t.postcodeDistrict),
  ],
);

export const directoryAccessibility = pgTable(
  'directory_accessibility',
  {
    id: uuid('id').primaryKey(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => directoryLocations.id, { onDelete: 'cascade' }),
    description: text('description'),
    details: text('details'),
    url: text('url'),
  },
  (t) => [index('directory_accessibility_location').on(t.locationId)],
);

export const directoryServiceAtLocations = pgTable(
  'directory_service_at_locations',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => directoryServices.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id')
      .notNull()
      .references(() => directoryLocations.id),
  },
  (t) => [
    index('directory_service_at_locations_service').on(t.serviceId),
    index('directory_service_at_locations_location').on(t.locationId),
  ],
);

export const directoryTaxonomies = pgTable('directory_taxonomies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  uri: text('uri'),
  version: text('version'),
});

export const directoryTaxonomyTerms = pgTable(
  'directory_taxonomy_terms',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id'),
    /** ORUK's free-text taxonomy name, kept for feeds that give no taxonomy_id. */
    taxonomy: text('taxonomy'),
    taxonomyId: uuid('taxonomy_id').references(() => directoryTaxonomies.id),
    termUri: text('term_uri'),
    term: text('term'),
  },
  (t) => [
    index('directory_taxonomy_terms_taxonomy').on(t.taxonomyId, t.name),
    index('directory_taxonomy_terms_name').on(t.name),
  ],
);

/** ORUK attributes: a taxonomy term attached to a service, location, organisation, ... */
export const directoryAttributes = pgTable(
  'directory_attributes',
  {
    id: uuid('id').primaryKey(),
    linkId: uuid('link_id').notNull(),
    linkType: text('link_type').notNull().default('service'),
    taxonomyTermId: uuid('taxonomy_term_id')
      .notNull()
      .references(() => directoryTaxonomyTerms.id),
  },
  (t) => [
    index('directory_attributes_link').on(t.linkId),
    index('directory_attributes_term').on(t.taxonomyTermId, t.linkId),
  ],
);

export const directoryContacts = pgTable(
  'directory_contacts',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' }),
    name: text('name'),
    title: text('title'),
  },
  (t) => [index('directory_contacts_service').on(t.serviceId)],
);

export const directoryPhones = pgTable(
  'directory_phones',
  {
    id: uuid('id').primaryKey(),
    contactId: uuid('contact_id').references(() => directoryContacts.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    description: text('description'),
  },
  (t) => [index('directory_phones_contact').on(t.contactId)],
);

export const directorySchedules = pgTable(
  'directory_schedules',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' }),
    serviceAtLocationId: uuid('service_at_location_id').references(() => directoryServiceAtLocations.id, {
      onDelete: 'cascade',
    }),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    dtstart: date('dtstart'),
    freq: text('freq'),
    interval: integer('interval'),
    /** iCalendar days, e.g. "MO,WE,FR". */
    byday: text('byday'),
    bymonthday: text('bymonthday'),
    description: text('description'),
    opensAt: time('opens_at'),
    closesAt: time('closes_at'),
    scheduleLink: text('schedule_link'),
    attendingType: text('attending_type'),
    notes: text('notes'),
  },
  (t) => [
    index('directory_schedules_service').on(t.serviceId),
    index('directory_schedules_service_at_location').on(t.serviceAtLocationId),
  ],
);

export const directoryServiceAreas = pgTable(
  'directory_service_areas',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' }),
    name: text('name'),
    extent: text('extent'),
    extentType: text('extent_type'),
    uri: text('uri'),
    serviceArea: text('service_area'),
  },
  (t) => [index('directory_service_areas_service').on(t.serviceId)],
);

export const directoryCostOptions = pgTable(
  'directory_cost_options',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    option: text('option'),
    amount: numeric('amount', { precision: 12, scale: 2, mode: 'number' }),
    amountDescription: text('amount_description'),
  },
  (t) => [index('directory_cost_options_service').on(t.serviceId)],
);

export const directoryLanguages = pgTable(
  'directory_languages',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' }),
    phoneId: uuid('phone_id').references(() => directoryPhones.id, { onDelete: 'cascade' }),
    /** HSDS 3.0 fields the UK profile leaves out; without them a language says nothing. */
    name: text('name'),
    code: text('code'),
    note: text('note'),
  },
  (t) => [index('directory_languages_service').on(t.serviceId)],
);

export const directoryFundings = pgTable(
  'directory_fundings',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').references(() => directoryServices.id, { onDelete: 'cascade' }),
    source: text('source'),
  },
  (t) => [index('directory_fundings_service').on(t.serviceId)],
);

/** Care homes and similar: places free now and top-up fees, with when they were last updated. */
export const directoryVacancies = pgTable('directory_vacancies', {
  serviceId: uuid('service_id')
    .primaryKey()
    .references(() => directoryServices.id, { onDelete: 'cascade' }),
  placesFree: integer('places_free').notNull(),
  /** Weekly top-up a family or third party pays above the council's rate, in pounds. */
  topUpWeekly: numeric('top_up_weekly', { precision: 10, scale: 2, mode: 'number' }),
  notes: text('notes'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedById: uuid('updated_by_id')
    .notNull()
    .references(() => workers.id),
});

/**
 * Where a postcode (full, "NB3 4XY", or a district, "NB3") is, for "distance from a
 * postcode". Loaded from the ONS postcode directory in production; the demo loads its own.
 */
export const postcodePoints = pgTable('postcode_points', {
  postcode: text('postcode').primaryKey(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
});

export const importStatus = pgEnum('directory_import_status', ['queued', 'running', 'finished', 'failed']);
export const importSource = pgEnum('directory_import_source', ['json', 'csv', 'feed']);

/** An import runs as a background job; any instance may claim it (FOR UPDATE SKIP LOCKED). */
export const directoryImports = pgTable(
  'directory_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: importSource('source').notNull(),
    /** The file name(s) or the feed's URL, as the editor gave them. */
    sourceName: text('source_name').notNull(),
    status: importStatus('status').notNull().default('queued'),
    totalRecords: integer('total_records'),
    processedRecords: integer('processed_records').notNull().default(0),
    createdRecords: integer('created_records').notNull().default(0),
    updatedRecords: integer('updated_records').notNull().default(0),
    skippedRecords: integer('skipped_records').notNull().default(0),
    cleanedRecords: integer('cleaned_records').notNull().default(0),
    /** Why a job failed as a whole (a feed that cannot be reached); record problems go in the report. */
    failure: text('failure'),
    requestedById: uuid('requested_by_id')
      .notNull()
      .references(() => workers.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** Refreshed while a job runs; a job whose heartbeat stops is claimed again. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('directory_imports_queue').on(t.status, t.requestedAt)],
);

/** Uploaded files waiting for (or kept after) their import. */
export const directoryImportFiles = pgTable(
  'directory_import_files',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => directoryImports.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    content: text('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.name] })],
);

export const importOutcome = pgEnum('directory_import_outcome', ['skipped', 'cleaned']);

/** The per-record report: what was left out or cleaned, and why. */
export const directoryImportIssues = pgTable(
  'directory_import_issues',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => directoryImports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id'),
    recordName: text('record_name'),
    outcome: importOutcome('outcome').notNull(),
    message: text('message').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);
