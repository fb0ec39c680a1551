import { and, asc, count, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { metresFrom } from '../directory/directory.search.js';
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryFundings,
  directoryLanguages,
  directoryLocations,
  directoryOrganisationIdentifiers,
  directoryOrganisations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
} from '../../db/schema/index.js';

// Queries for the Open Referral UK API and the export. Everything related to a set of
// services is read with one query per table for all of them (never one per service), and
// withdrawn services are never read: each query that starts from services says so.

const listed = isNull(directoryServices.withdrawnAt);

export type ServiceRow = typeof directoryServices.$inferSelect;
export type OrganisationRow = typeof directoryOrganisations.$inferSelect;
export type LocationRow = typeof directoryLocations.$inferSelect;
export type TaxonomyRow = typeof directoryTaxonomies.$inferSelect;
export type TaxonomyTermRow = typeof directoryTaxonomyTerms.$inferSelect;

/** Listed (not withdrawn) services with these ids, each with its organisation. */
export async function servicesWithOrganisations(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ service: directoryServices, organisation: directoryOrganisations })
    .from(directoryServices)
    .leftJoin(directoryOrganisations, eq(directoryOrganisations.id, directoryServices.organizationId))
    .where(and(inArray(directoryServices.id, ids), listed));
}

/** Everything a fully nested service needs, for many services at once: a fixed number of queries. */
export async function relatedToServices(db: Db, serviceIds: string[]) {
  const salIds = db
    .select({ id: directoryServiceAtLocations.id })
    .from(directoryServiceAtLocations)
    .where(inArray(directoryServiceAtLocations.serviceId, serviceIds));
  const contactIds = db
    .select({ id: directoryContacts.id })
    .from(directoryContacts)
    .where(inArray(directoryContacts.serviceId, serviceIds));
  const [serviceAtLocations, schedules, serviceAreas, languages, fundings, costOptions, contacts, phones] =
    await Promise.all([
      db
        .select()
        .from(directoryServiceAtLocations)
        .where(inArray(directoryServiceAtLocations.serviceId, serviceIds))
        .orderBy(asc(directoryServiceAtLocations.id)),
      db
        .select()
        .from(directorySchedules)
        .where(
          or(
            inArray(directorySchedules.serviceId, serviceIds),
            inArray(directorySchedules.serviceAtLocationId, salIds),
          ),
        )
        .orderBy(asc(directorySchedules.id)),
      db
        .select()
        .from(directoryServiceAreas)
        .where(inArray(directoryServiceAreas.serviceId, serviceIds))
        .orderBy(asc(directoryServiceAreas.id)),
      db
        .select()
        .from(directoryLanguages)
        .where(
          or(
            inArray(directoryLanguages.serviceId, serviceIds),
            inArray(
              directoryLanguages.phoneId,
              db
                .select({ id: directoryPhones.id })
                .from(directoryPhones)
                .where(inArray(directoryPhones.contactId, contactIds)),
            ),
          ),
        )
        .orderBy(asc(directoryLanguages.id)),
      db
        .select()
        .from(directoryFundings)
        .where(inArray(directoryFundings.serviceId, serviceIds))
        .orderBy(asc(directoryFundings.id)),
      db
        .select()
        .from(directoryCostOptions)
        .where(inArray(directoryCostOptions.serviceId, serviceIds))
        .orderBy(asc(directoryCostOptions.id)),
      db
        .select()
        .from(directoryContacts)
        .where(inArray(directoryContacts.serviceId, serviceIds))
        .orderBy(asc(directoryContacts.id)),
      db
        .select()
        .from(directoryPhones)
        .where(inArray(directoryPhones.contactId, contactIds))
        .orderBy(asc(directoryPhones.id)),
    ]);
  return { serviceAtLocations, schedules, serviceAreas, languages, fundings, costOptions, contacts, phones };
}

/** Locations with their addresses and accessibility: three queries for any number. */
export async function locationsWithDetails(db: Db, locationIds: string[]) {
  if (!locationIds.length) return { locations: [], addresses: [], accessibility: [] };
  const [locations, addresses, accessibility] = await Promise.all([
    db.select().from(directoryLocations).where(inArray(directoryLocations.id, locationIds)),
    db
      .select()
      .from(directoryAddresses)
      .where(inArray(directoryAddresses.locationId, locationIds))
      .orderBy(asc(directoryAddresses.id)),
    db
      .select()
      .from(directoryAccessibility)
      .where(inArray(directoryAccessibility.locationId, locationIds))
      .orderBy(asc(directoryAccessibility.id)),
  ]);
  return { locations, addresses, accessibility };
}

/** Locations' own fields only. */
export async function locationsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(directoryLocations).where(inArray(directoryLocations.id, ids));
}

export async function organisationIdentifiers(db: Db, organisationIds: string[]) {
  if (!organisationIds.length) return [];
  return db
    .select()
    .from(directoryOrganisationIdentifiers)
    .where(inArray(directoryOrganisationIdentifiers.organizationId, organisationIds))
    .orderBy(asc(directoryOrganisationIdentifiers.id));
}

/** The attributes (taxonomy terms) attached to any of these records, each with its term. */
export async function attributesOf(db: Db, linkIds: string[]) {
  if (!linkIds.length) return [];
  return db
    .select({ attribute: directoryAttributes, term: directoryTaxonomyTerms })
    .from(directoryAttributes)
    .innerJoin(directoryTaxonomyTerms, eq(directoryTaxonomyTerms.id, directoryAttributes.taxonomyTermId))
    .where(inArray(directoryAttributes.linkId, linkIds))
    .orderBy(asc(directoryAttributes.id));
}

/** One service at a location, if its service is listed. */
export async function serviceAtLocation(db: Db, id: string) {
  const [row] = await db
    .select({
      id: directoryServiceAtLocations.id,
      serviceId: directoryServiceAtLocations.serviceId,
      locationId: directoryServiceAtLocations.locationId,
    })
    .from(directoryServiceAtLocations)
    .innerJoin(directoryServices, eq(directoryServices.id, directoryServiceAtLocations.serviceId))
    .where(and(eq(directoryServiceAtLocations.id, id), listed));
  return row ?? null;
}

export interface SalPage {
  total: number;
  rows: Array<{ id: string; serviceId: string; locationId: string }>;
}

/** Services at locations of every listed service, by service name. */
export async function pageAllServiceAtLocations(db: Db, limit: number, offset: number): Promise<SalPage> {
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: directoryServiceAtLocations.id,
        serviceId: directoryServiceAtLocations.serviceId,
        locationId: directoryServiceAtLocations.locationId,
      })
      .from(directoryServiceAtLocations)
      .innerJoin(directoryServices, eq(directoryServices.id, directoryServiceAtLocations.serviceId))
      .where(listed)
      .orderBy(asc(directoryServices.name), asc(directoryServices.id), asc(directoryServiceAtLocations.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(directoryServiceAtLocations)
      .innerJoin(directoryServices, eq(directoryServices.id, directoryServiceAtLocations.serviceId))
      .where(listed),
  ]);
  return { total: Number(n), rows };
}

/**
 * Services at locations of the given services, in the order the services are given (a
 * search's ranking). Near a point, only the locations within that distance count.
 */
export async function pageServiceAtLocationsOf(
  db: Db,
  serviceIds: string[],
  near: { latitude: number; longitude: number; metres: number } | undefined,
  limit: number,
  offset: number,
): Promise<SalPage> {
  if (!serviceIds.length) return { total: 0, rows: [] };
  // One array parameter rather than one parameter per id: a search can match thousands.
  const ids = `{${serviceIds.join(',')}}`;
  let distance: SQL = sql`NULL::float8`;
  let within: SQL = sql`true`;
  if (near) {
    // The search's own measure, so a place is in range here exactly when the search found it so.
    distance = metresFrom(near.latitude, near.longitude);
    within = sql`${distance} <= ${near.metres}`;
  }
  const result = await db.execute(sql`
    SELECT sal.id, sal.service_id, sal.location_id, count(*) OVER () AS total
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS hit(service_id, rank)
    JOIN directory_service_at_locations sal ON sal.service_id = hit.service_id
    JOIN directory_locations l ON l.id = sal.location_id
    WHERE ${within}
    ORDER BY hit.rank, ${distance} ASC NULLS LAST, sal.id
    LIMIT ${limit} OFFSET ${offset}`);
  const rows = result.rows as Array<{ id: string; service_id: string; location_id: string; total: unknown }>;
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && offset > 0) {
    const counted = await db.execute(sql`
      SELECT count(*) AS n FROM directory_service_at_locations sal JOIN directory_locations l ON l.id = sal.location_id
      WHERE sal.service_id = ANY(${ids}::uuid[]) AND ${within}`);
    total = Number((counted.rows[0] as { n: unknown }).n);
  }
  return { total, rows: rows.map((r) => ({ id: r.id, serviceId: r.service_id, locationId: r.location_id })) };
}

export async function pageTaxonomies(db: Db, limit: number, offset: number) {
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(directoryTaxonomies)
      .orderBy(asc(directoryTaxonomies.name), asc(directoryTaxonomies.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(directoryTaxonomies),
  ]);
  return { total: Number(n), rows };
}

export async function taxonomyWithTerms(db: Db, id: string) {
  const [[taxonomy], terms] = await Promise.all([
    db.select().from(directoryTaxonomies).where(eq(directoryTaxonomies.id, id)),
    db
      .select()
      .from(directoryTaxonomyTerms)
      .where(eq(directoryTaxonomyTerms.taxonomyId, id))
      .orderBy(asc(directoryTaxonomyTerms.name), asc(directoryTaxonomyTerms.id)),
  ]);
  return taxonomy ? { taxonomy, terms } : null;
}

export async function pageTaxonomyTerms(db: Db, limit: number, offset: number) {
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(directoryTaxonomyTerms)
      .orderBy(asc(directoryTaxonomyTerms.name), asc(directoryTaxonomyTerms.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(directoryTaxonomyTerms),
  ]);
  return { total: Number(n), rows };
}

export async function taxonomyTerm(db: Db, id: string) {
  const [row] = await db.select().from(directoryTaxonomyTerms).where(eq(directoryTaxonomyTerms.id, id));
  return row ?? null;
}

/** The next ids of listed services after `afterId`, in id order: the export walks the directory with these. */
export async function listedServiceIdsAfter(db: Db, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(afterId ? and(listed, gt(directoryServices.id, afterId)) : listed)
    .orderBy(asc(directoryServices.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
