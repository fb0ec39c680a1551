import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  connections,
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryLanguages,
  directoryLocations,
  directoryOrganisations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
  directoryVacancies,
  workers,
} from '../../db/schema/index.js';
import type { LocationInput, OpeningTimesInput, ResourceInput } from './directory.forms.js';

export type ServiceRow = typeof directoryServices.$inferSelect;

const checkedBy = alias(workers, 'checked_by');
const withdrawnBy = alias(workers, 'withdrawn_by');

/** A service with its organisation and who last checked or withdrew it. */
export function findService(db: Db, id: string) {
  return db
    .select({
      service: directoryServices,
      organisation: directoryOrganisations,
      checkedByName: checkedBy.name,
      withdrawnByName: withdrawnBy.name,
    })
    .from(directoryServices)
    .leftJoin(directoryOrganisations, eq(directoryOrganisations.id, directoryServices.organizationId))
    .leftJoin(checkedBy, eq(checkedBy.id, directoryServices.checkedById))
    .leftJoin(withdrawnBy, eq(withdrawnBy.id, directoryServices.withdrawnById))
    .where(eq(directoryServices.id, id))
    .then((r) => r[0] ?? null);
}

/** Everything a resource's page shows besides the service row itself. */
export async function serviceParts(db: Db, id: string) {
  const sals = await db.select().from(directoryServiceAtLocations).where(eq(directoryServiceAtLocations.serviceId, id));
  const locationIds = sals.map((s) => s.locationId);
  const salIds = sals.map((s) => s.id);
  const [locations, addresses, accessibility, schedules, contacts, costs, languages, areas, terms, vacancy] =
    await Promise.all([
      locationIds.length ? db.select().from(directoryLocations).where(inArray(directoryLocations.id, locationIds)) : [],
      locationIds.length
        ? db.select().from(directoryAddresses).where(inArray(directoryAddresses.locationId, locationIds))
        : [],
      locationIds.length
        ? db.select().from(directoryAccessibility).where(inArray(directoryAccessibility.locationId, locationIds))
        : [],
      db
        .select()
        .from(directorySchedules)
        .where(
          salIds.length
            ? or(eq(directorySchedules.serviceId, id), inArray(directorySchedules.serviceAtLocationId, salIds))
            : eq(directorySchedules.serviceId, id),
        )
        .orderBy(asc(directorySchedules.opensAt)),
      db
        .select()
        .from(directoryContacts)
        .where(eq(directoryContacts.serviceId, id))
        .orderBy(asc(directoryContacts.name)),
      db
        .select()
        .from(directoryCostOptions)
        .where(eq(directoryCostOptions.serviceId, id))
        .orderBy(asc(directoryCostOptions.amount)),
      db
        .select()
        .from(directoryLanguages)
        .where(eq(directoryLanguages.serviceId, id))
        .orderBy(asc(directoryLanguages.name)),
      db.select().from(directoryServiceAreas).where(eq(directoryServiceAreas.serviceId, id)),
      db
        .select({
          id: directoryTaxonomyTerms.id,
          name: directoryTaxonomyTerms.name,
          taxonomyName: sql<string | null>`coalesce(${directoryTaxonomies.name}, ${directoryTaxonomyTerms.taxonomy})`,
        })
        .from(directoryAttributes)
        .innerJoin(directoryTaxonomyTerms, eq(directoryTaxonomyTerms.id, directoryAttributes.taxonomyTermId))
        .leftJoin(directoryTaxonomies, eq(directoryTaxonomies.id, directoryTaxonomyTerms.taxonomyId))
        .where(eq(directoryAttributes.linkId, id))
        .orderBy(asc(directoryTaxonomies.name), asc(directoryTaxonomyTerms.name)),
      findVacancy(db, id),
    ]);
  const contactIds = contacts.map((c) => c.id);
  const phones = contactIds.length
    ? await db.select().from(directoryPhones).where(inArray(directoryPhones.contactId, contactIds))
    : [];
  return {
    locations: sals
      .map((sal) => ({
        salId: sal.id,
        location: locations.find((l) => l.id === sal.locationId)!,
        addresses: addresses.filter((a) => a.locationId === sal.locationId),
        accessibility: accessibility.filter((a) => a.locationId === sal.locationId),
      }))
      .filter((l) => l.location)
      .sort((a, b) => (a.location.name ?? '').localeCompare(b.location.name ?? '')),
    schedules,
    contacts: contacts.map((c) => ({ ...c, phones: phones.filter((p) => p.contactId === c.id) })),
    costs,
    languages,
    areas,
    terms,
    vacancy,
  };
}
export type ServiceParts = Awaited<ReturnType<typeof serviceParts>>;

export function findVacancy(db: Db, serviceId: string) {
  return db
    .select({ vacancy: directoryVacancies, updatedByName: workers.name })
    .from(directoryVacancies)
    .innerJoin(workers, eq(workers.id, directoryVacancies.updatedById))
    .where(eq(directoryVacancies.serviceId, serviceId))
    .then((r) => (r[0] ? { ...r[0].vacancy, updatedByName: r[0].updatedByName } : null));
}

/** How often workers have connected people to a resource, and with what result: counts only. */
export async function connectionCounts(db: Db, serviceId: string) {
  const [row] = await db
    .select({
      made: sql<number>`count(*)::int`,
      helped: sql<number>`count(*) FILTER (WHERE ${connections.outcome} = 'helped')::int`,
      didNotHelp: sql<number>`count(*) FILTER (WHERE ${connections.outcome} = 'did_not_help')::int`,
      didNotHappen: sql<number>`count(*) FILTER (WHERE ${connections.outcome} = 'did_not_happen')::int`,
      awaiting: sql<number>`count(*) FILTER (WHERE ${connections.outcome} IS NULL)::int`,
    })
    .from(connections)
    .where(eq(connections.serviceId, serviceId));
  return row;
}

export function listOrganisations(db: Db) {
  return db
    .select({ id: directoryOrganisations.id, name: directoryOrganisations.name })
    .from(directoryOrganisations)
    .orderBy(asc(directoryOrganisations.name));
}

export function findOrganisation(db: Db, id: string) {
  return db
    .select()
    .from(directoryOrganisations)
    .where(eq(directoryOrganisations.id, id))
    .then((r) => r[0] ?? null);
}

export function findOrganisationByName(db: Db, name: string) {
  return db
    .select()
    .from(directoryOrganisations)
    .where(sql`lower(${directoryOrganisations.name}) = ${name.toLowerCase()}`)
    .limit(1)
    .then((r) => r[0] ?? null);
}

/**
 * Taxonomies small enough to choose from as checkboxes (a council's own list of needs, not a
 * national taxonomy of thousands), with their terms.
 */
export async function choosableTaxonomies(db: Db, maxTerms = 80) {
  const rows = await db.execute(sql`
    SELECT x.id AS taxonomy_id, x.name AS taxonomy_name, t.id, t.name, t.description
    FROM directory_taxonomies x
    JOIN directory_taxonomy_terms t ON t.taxonomy_id = x.id
    WHERE (SELECT count(*) FROM directory_taxonomy_terms c WHERE c.taxonomy_id = x.id) <= ${maxTerms}
    ORDER BY x.name, t.name`);
  const out: Array<{ id: string; name: string; terms: Array<{ id: string; name: string; description: string }> }> = [];
  for (const r of rows.rows as Array<{
    taxonomy_id: string;
    taxonomy_name: string;
    id: string;
    name: string;
    description: string;
  }>) {
    let group = out.find((g) => g.id === r.taxonomy_id);
    if (!group) out.push((group = { id: r.taxonomy_id, name: r.taxonomy_name, terms: [] }));
    group.terms.push({ id: r.id, name: r.name, description: r.description });
  }
  return out;
}

export function termsExist(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as string[]);
  return db
    .select({ id: directoryTaxonomyTerms.id })
    .from(directoryTaxonomyTerms)
    .where(inArray(directoryTaxonomyTerms.id, ids))
    .then((r) => r.map((x) => x.id));
}

export function insertOrganisation(db: Db, name: string) {
  return db
    .insert(directoryOrganisations)
    .values({ id: randomUUID(), name })
    .returning()
    .then((r) => r[0]);
}

type ServiceFields = Pick<
  ResourceInput,
  'name' | 'description' | 'status' | 'minimumAge' | 'maximumAge' | 'fees' | 'url' | 'email'
> & { organizationId: string };

export function insertService(db: Db, fields: ServiceFields, by: string, now: Date) {
  return db
    .insert(directoryServices)
    .values({ id: randomUUID(), ...fields, lastModified: now, checkedAt: now, checkedById: by })
    .returning()
    .then((r) => r[0]);
}

/** Changes a service if it is still at `version`; null when someone saved first. Saving it whole counts as checking it. */
export function updateService(db: Db, id: string, version: number, fields: ServiceFields, by: string, now: Date) {
  return db
    .update(directoryServices)
    .set({
      ...fields,
      lastModified: now,
      checkedAt: now,
      checkedById: by,
      version: sql`${directoryServices.version} + 1`,
    })
    .where(
      and(eq(directoryServices.id, id), eq(directoryServices.version, version), isNull(directoryServices.withdrawnAt)),
    )
    .returning()
    .then((r) => r[0] ?? null);
}

/**
 * Locations: those kept are changed in place; new ones are added; those no longer listed are
 * unlinked (and deleted when no other service uses them).
 */
export async function replaceLocations(
  db: Db,
  serviceId: string,
  wanted: LocationInput[],
  points: Map<string, { latitude: number; longitude: number }>,
) {
  const current = await db
    .select()
    .from(directoryServiceAtLocations)
    .where(eq(directoryServiceAtLocations.serviceId, serviceId));
  const keep = new Set(
    wanted.map((l) => l.id).filter((id): id is string => !!id && current.some((c) => c.locationId === id)),
  );
  const gone = current.filter((c) => !keep.has(c.locationId));
  if (gone.length) {
    await db.delete(directoryServiceAtLocations).where(
      inArray(
        directoryServiceAtLocations.id,
        gone.map((g) => g.id),
      ),
    );
    await db.execute(sql`DELETE FROM directory_locations l WHERE l.id IN (${sql.join(
      gone.map((g) => sql`${g.locationId}::uuid`),
      sql`, `,
    )})
      AND NOT EXISTS (SELECT 1 FROM directory_service_at_locations s WHERE s.location_id = l.id)`);
  }
  for (const l of wanted) {
    const point = points.get(l.postcode) ?? null;
    const fields = { name: l.name, latitude: point?.latitude ?? null, longitude: point?.longitude ?? null };
    let locationId: string;
    if (l.id && keep.has(l.id)) {
      locationId = l.id;
      await db.update(directoryLocations).set(fields).where(eq(directoryLocations.id, locationId));
      await db.delete(directoryAddresses).where(eq(directoryAddresses.locationId, locationId));
      await db.delete(directoryAccessibility).where(eq(directoryAccessibility.locationId, locationId));
    } else {
      locationId = randomUUID();
      await db.insert(directoryLocations).values({ id: locationId, locationType: 'physical', ...fields });
      await db.insert(directoryServiceAtLocations).values({ id: randomUUID(), serviceId, locationId });
    }
    await db.insert(directoryAddresses).values({
      id: randomUUID(),
      locationId,
      address1: l.address1,
      city: l.city,
      postalCode: l.postcode,
      country: 'GB',
    });
    if (l.accessibility)
      await db.insert(directoryAccessibility).values({ id: randomUUID(), locationId, description: l.accessibility });
  }
}

/** Weekly opening times are the service's; other schedules (imported "first Monday of the month") are left alone. */
export async function replaceOpeningTimes(db: Db, serviceId: string, times: OpeningTimesInput[]) {
  await db.execute(sql`DELETE FROM directory_schedules WHERE byday IS NOT NULL AND byday <> '' AND opens_at IS NOT NULL AND (service_id = ${serviceId}
    OR service_at_location_id IN (SELECT id FROM directory_service_at_locations WHERE service_id = ${serviceId}))`);
  if (times.length) {
    await db.insert(directorySchedules).values(
      times.map((t) => ({
        id: randomUUID(),
        serviceId,
        freq: 'WEEKLY',
        interval: 1,
        byday: t.days.join(','),
        opensAt: `${t.opens}:00`,
        closesAt: `${t.closes}:00`,
      })),
    );
  }
}

/** The needs chosen from the taxonomies shown on the form; terms from other taxonomies (imported) stay. */
export async function replaceTerms(db: Db, serviceId: string, shownTermIds: string[], chosen: string[]) {
  if (shownTermIds.length) {
    await db
      .delete(directoryAttributes)
      .where(and(eq(directoryAttributes.linkId, serviceId), inArray(directoryAttributes.taxonomyTermId, shownTermIds)));
  }
  if (chosen.length) {
    await db
      .insert(directoryAttributes)
      .values(
        chosen.map((taxonomyTermId) => ({ id: randomUUID(), linkId: serviceId, linkType: 'service', taxonomyTermId })),
      );
  }
}

/** The form edits the first cost option and the first contact with its first phone; any others (imported) stay. */
export async function replaceCostAndContact(
  db: Db,
  serviceId: string,
  input: Pick<ResourceInput, 'costOption' | 'costAmount' | 'contactName' | 'phone'>,
) {
  const [cost] = await db
    .select()
    .from(directoryCostOptions)
    .where(eq(directoryCostOptions.serviceId, serviceId))
    .orderBy(asc(directoryCostOptions.amount))
    .limit(1);
  if (input.costOption) {
    const fields = { option: input.costOption, amount: input.costAmount };
    if (cost) await db.update(directoryCostOptions).set(fields).where(eq(directoryCostOptions.id, cost.id));
    else await db.insert(directoryCostOptions).values({ id: randomUUID(), serviceId, ...fields });
  } else if (cost) {
    await db.delete(directoryCostOptions).where(eq(directoryCostOptions.id, cost.id));
  }
  const [contact] = await db
    .select()
    .from(directoryContacts)
    .where(eq(directoryContacts.serviceId, serviceId))
    .orderBy(asc(directoryContacts.name))
    .limit(1);
  if (!input.contactName && !input.phone) {
    if (contact) await db.delete(directoryContacts).where(eq(directoryContacts.id, contact.id));
    return;
  }
  const contactId = contact?.id ?? randomUUID();
  if (contact)
    await db.update(directoryContacts).set({ name: input.contactName }).where(eq(directoryContacts.id, contactId));
  else await db.insert(directoryContacts).values({ id: contactId, serviceId, name: input.contactName });
  const [phone] = await db.select().from(directoryPhones).where(eq(directoryPhones.contactId, contactId)).limit(1);
  if (input.phone) {
    if (phone) await db.update(directoryPhones).set({ number: input.phone }).where(eq(directoryPhones.id, phone.id));
    else await db.insert(directoryPhones).values({ id: randomUUID(), contactId, number: input.phone });
  } else if (phone) {
    await db.delete(directoryPhones).where(eq(directoryPhones.id, phone.id));
  }
}

export function markChecked(db: Db, id: string, by: string, now: Date) {
  return db
    .update(directoryServices)
    .set({ checkedAt: now, checkedById: by })
    .where(and(eq(directoryServices.id, id), isNull(directoryServices.withdrawnAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function withdraw(db: Db, id: string, version: number, reason: string, by: string, now: Date) {
  return db
    .update(directoryServices)
    .set({
      withdrawnAt: now,
      withdrawnById: by,
      withdrawnReason: reason,
      version: sql`${directoryServices.version} + 1`,
      lastModified: now,
    })
    .where(
      and(eq(directoryServices.id, id), eq(directoryServices.version, version), isNull(directoryServices.withdrawnAt)),
    )
    .returning()
    .then((r) => r[0] ?? null);
}

export function reinstate(db: Db, id: string, now: Date) {
  return db
    .update(directoryServices)
    .set({
      withdrawnAt: null,
      withdrawnById: null,
      withdrawnReason: null,
      version: sql`${directoryServices.version} + 1`,
      lastModified: now,
    })
    .where(and(eq(directoryServices.id, id), isNotNull(directoryServices.withdrawnAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

/**
 * Sets places free and the top-up. When `seen` is given (the update the editor was looking at),
 * a newer update by someone else is not overwritten: null is returned.
 */
export async function saveVacancy(
  db: Db,
  serviceId: string,
  v: { placesFree: number; topUpWeekly: number | null; notes: string | null },
  seen: Date | null,
  by: string,
  now: Date,
) {
  const values = { ...v, updatedAt: now, updatedById: by };
  if (seen) {
    return db
      .update(directoryVacancies)
      .set(values)
      .where(
        and(
          eq(directoryVacancies.serviceId, serviceId),
          sql`date_trunc('milliseconds', ${directoryVacancies.updatedAt}) = ${seen.toISOString()}::timestamptz`,
        ),
      )
      .returning()
      .then((r) => r[0] ?? null);
  }
  return db
    .insert(directoryVacancies)
    .values({ serviceId, ...values })
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

/** Care homes and similar, with places free, most first; withdrawn ones never. */
export function listVacancies(db: Db) {
  return db
    .select({
      serviceId: directoryServices.id,
      name: directoryServices.name,
      status: directoryServices.status,
      checkedAt: directoryServices.checkedAt,
      organisationName: directoryOrganisations.name,
      placesFree: directoryVacancies.placesFree,
      topUpWeekly: directoryVacancies.topUpWeekly,
      notes: directoryVacancies.notes,
      updatedAt: directoryVacancies.updatedAt,
      updatedByName: workers.name,
    })
    .from(directoryVacancies)
    .innerJoin(directoryServices, eq(directoryServices.id, directoryVacancies.serviceId))
    .leftJoin(directoryOrganisations, eq(directoryOrganisations.id, directoryServices.organizationId))
    .innerJoin(workers, eq(workers.id, directoryVacancies.updatedById))
    .where(isNull(directoryServices.withdrawnAt))
    .orderBy(desc(directoryVacancies.placesFree), asc(directoryServices.name));
}

/** Resources not checked since `before` (never checked first, then the oldest), for editors to work through. */
export async function outOfDate(db: Db, before: Date, page: { limit: number; offset: number }) {
  const where = and(
    isNull(directoryServices.withdrawnAt),
    or(isNull(directoryServices.checkedAt), lt(directoryServices.checkedAt, before)),
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: directoryServices.id,
        name: directoryServices.name,
        status: directoryServices.status,
        version: directoryServices.version,
        checkedAt: directoryServices.checkedAt,
        origin: directoryServices.origin,
        organisationName: directoryOrganisations.name,
        checkedByName: checkedBy.name,
        // Editors ring to check: the first number given.
        phone: sql<
          string | null
        >`(SELECT p.number FROM directory_contacts c JOIN directory_phones p ON p.contact_id = c.id WHERE c.service_id = ${directoryServices.id} ORDER BY c.name, p.number LIMIT 1)`,
        email: directoryServices.email,
      })
      .from(directoryServices)
      .leftJoin(directoryOrganisations, eq(directoryOrganisations.id, directoryServices.organizationId))
      .leftJoin(checkedBy, eq(checkedBy.id, directoryServices.checkedById))
      .where(where)
      .orderBy(sql`${directoryServices.checkedAt} ASC NULLS FIRST`, asc(directoryServices.name))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(directoryServices)
      .where(where),
  ]);
  return { rows, total: n };
}

/** For lists of resources: where each is (its first address), when it is open, and its places free if it records them. */
export async function whereWhenAndVacancies(db: Db, ids: string[]) {
  type Schedule = typeof directorySchedules.$inferSelect;
  if (!ids.length)
    return {
      places: new Map<
        string,
        { name: string | null; address1: string; city: string; postalCode: string; count: number }
      >(),
      vacancies: new Map<string, number>(),
      schedules: new Map<string, Schedule[]>(),
    };
  const [addresses, vacancies, schedules] = await Promise.all([
    db.execute(sql`
      SELECT DISTINCT ON (sal.service_id) sal.service_id, l.name, a.address_1, a.city, a.postal_code,
             count(*) OVER (PARTITION BY sal.service_id) AS n
      FROM directory_service_at_locations sal
      JOIN directory_locations l ON l.id = sal.location_id
      JOIN directory_addresses a ON a.location_id = sal.location_id
      WHERE sal.service_id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      ORDER BY sal.service_id, a.address_1`),
    db
      .select({ serviceId: directoryVacancies.serviceId, placesFree: directoryVacancies.placesFree })
      .from(directoryVacancies)
      .where(inArray(directoryVacancies.serviceId, ids)),
    // A service's own schedules, and its places' schedules: two index lookups (as one OR, the
    // planner reads every schedule). By opening time, those without one last.
    Promise.all([
      db
        .select({ schedule: directorySchedules, salServiceId: sql<string | null>`NULL::uuid` })
        .from(directorySchedules)
        .where(inArray(directorySchedules.serviceId, ids)),
      db
        .select({ schedule: directorySchedules, salServiceId: directoryServiceAtLocations.serviceId })
        .from(directoryServiceAtLocations)
        .innerJoin(directorySchedules, eq(directorySchedules.serviceAtLocationId, directoryServiceAtLocations.id))
        .where(
          and(
            inArray(directoryServiceAtLocations.serviceId, ids),
            or(isNull(directorySchedules.serviceId), notInArray(directorySchedules.serviceId, ids)),
          ),
        ),
    ]).then(([own, atPlaces]) =>
      [...own, ...atPlaces].sort((a, b) => (a.schedule.opensAt ?? '99').localeCompare(b.schedule.opensAt ?? '99')),
    ),
  ]);
  const byService = new Map<string, Schedule[]>();
  for (const { schedule, salServiceId } of schedules) {
    const id = schedule.serviceId ?? salServiceId!;
    byService.set(id, [...(byService.get(id) ?? []), schedule]);
  }
  return {
    schedules: byService,
    places: new Map(
      (
        addresses.rows as Array<{
          service_id: string;
          name: string | null;
          address_1: string;
          city: string;
          postal_code: string;
          n: string | number;
        }>
      ).map((r) => [
        r.service_id,
        { name: r.name, address1: r.address_1, city: r.city, postalCode: r.postal_code, count: Number(r.n) },
      ]),
    ),
    vacancies: new Map(vacancies.map((v) => [v.serviceId, v.placesFree])),
  };
}

/** Terms with how many listed resources have each, for browsing by need. */
export function termsInUse(db: Db) {
  return db
    .execute(
      sql`
    SELECT t.id, t.name, coalesce(x.name, t.taxonomy, 'Other') AS taxonomy_name, count(DISTINCT s.id)::int AS n
    FROM directory_taxonomy_terms t
    LEFT JOIN directory_taxonomies x ON x.id = t.taxonomy_id
    JOIN directory_attributes a ON a.taxonomy_term_id = t.id
    JOIN directory_services s ON s.id = a.link_id AND s.withdrawn_at IS NULL
    GROUP BY t.id, t.name, x.name, t.taxonomy
    ORDER BY taxonomy_name, t.name
    LIMIT 500`,
    )
    .then((r) => r.rows as Array<{ id: string; name: string; taxonomy_name: string; n: number }>);
}
