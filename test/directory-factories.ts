// Factories for the directory's tests: Open Referral UK records inserted straight into the
// tables. One function per kind of record; `newDirectoryService` builds a service with
// whatever related records the test asks for (locations with addresses, schedules,
// taxonomy terms, cost options, contacts with phones, ...). Ids are fresh UUIDs; every
// function returns the ids it made so tests can ask for them.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
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
  directoryVacancies,
  postcodePoints,
} from '../src/db/schema/index.js';

export async function newDirectoryOrganisation(
  db: Db,
  opts: {
    name?: string;
    description?: string;
    email?: string | null;
    website?: string | null;
    identifiers?: Array<{ scheme?: string; type: string; identifier: string }>;
  } = {},
) {
  const id = randomUUID();
  await db.insert(directoryOrganisations).values({
    id,
    name: opts.name ?? `Organisation ${id.slice(0, 8)}`,
    description: opts.description ?? '',
    email: opts.email ?? null,
    website: opts.website ?? null,
  });
  for (const i of opts.identifiers ?? []) {
    await db.insert(directoryOrganisationIdentifiers).values({
      id: randomUUID(),
      organizationId: id,
      identifierScheme: i.scheme ?? null,
      identifierType: i.type,
      identifier: i.identifier,
    });
  }
  return id;
}

export async function newTaxonomy(
  db: Db,
  opts: { name?: string; description?: string; uri?: string | null; version?: string | null } = {},
) {
  const id = randomUUID();
  await db.insert(directoryTaxonomies).values({
    id,
    name: opts.name ?? `Taxonomy ${id.slice(0, 8)}`,
    description: opts.description ?? '',
    uri: opts.uri ?? null,
    version: opts.version ?? null,
  });
  return id;
}

export async function newTaxonomyTerm(
  db: Db,
  opts: {
    name?: string;
    description?: string;
    taxonomyId?: string | null;
    parentId?: string | null;
    termUri?: string | null;
  } = {},
) {
  const id = randomUUID();
  await db.insert(directoryTaxonomyTerms).values({
    id,
    name: opts.name ?? `Term ${id.slice(0, 8)}`,
    description: opts.description ?? '',
    taxonomyId: opts.taxonomyId ?? null,
    parentId: opts.parentId ?? null,
    termUri: opts.termUri ?? null,
  });
  return id;
}

/** Where a postcode or a postcode district is, for searches by distance. */
export async function newPostcodePoint(db: Db, postcode: string, latitude: number, longitude: number) {
  await db.insert(postcodePoints).values({ postcode, latitude, longitude });
}

export interface ScheduleSpec {
  freq?: 'WEEKLY' | 'MONTHLY';
  /** iCalendar days, e.g. "TU,TH". */
  byday?: string;
  opensAt?: string;
  closesAt?: string;
  description?: string;
}

export interface LocationSpec {
  name?: string;
  latitude?: number | null;
  longitude?: number | null;
  address1?: string;
  city?: string;
  postcode?: string;
  /** A line about getting in and around, as a location's accessibility. */
  accessibility?: string;
  /** Schedules kept against the service at this location (rather than the service). */
  schedules?: ScheduleSpec[];
}

export interface ServiceSpec {
  name?: string;
  description?: string | null;
  organisationId?: string | null;
  status?: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  url?: string | null;
  email?: string | null;
  minimumAge?: number | null;
  maximumAge?: number | null;
  withdrawn?: boolean;
  /** Each place becomes a location with one address, and a service at that location. */
  locations?: LocationSpec[];
  /** Schedules kept against the service itself. */
  schedules?: ScheduleSpec[];
  /** Taxonomy terms attached to the service (ORUK attributes). */
  termIds?: string[];
  costOptions?: Array<{ option?: string; amount?: number | null; amountDescription?: string }>;
  contacts?: Array<{ name?: string; title?: string; phones?: string[] }>;
  languages?: Array<{ name: string; code: string }>;
  serviceAreas?: Array<{ name: string; extent?: string }>;
  funding?: string[];
}

export interface MadeService {
  id: string;
  locationIds: string[];
  serviceAtLocationIds: string[];
  contactIds: string[];
  phoneIds: string[];
}

const schedule = (s: ScheduleSpec) => ({
  id: randomUUID(),
  freq: s.freq ?? 'WEEKLY',
  interval: 1,
  byday: s.byday ?? null,
  opensAt: s.opensAt ?? null,
  closesAt: s.closesAt ?? null,
  description: s.description ?? null,
});

/** A service with the related records the spec asks for; nothing else. */
export async function newDirectoryService(db: Db, spec: ServiceSpec = {}): Promise<MadeService> {
  const id = randomUUID();
  await db.insert(directoryServices).values({
    id,
    organizationId: spec.organisationId ?? null,
    name: spec.name ?? `Service ${id.slice(0, 8)}`,
    description: spec.description ?? null,
    status: spec.status ?? 'active',
    url: spec.url ?? null,
    email: spec.email ?? null,
    minimumAge: spec.minimumAge ?? null,
    maximumAge: spec.maximumAge ?? null,
    withdrawnAt: spec.withdrawn ? new Date() : null,
    withdrawnReason: spec.withdrawn ? 'Closed down' : null,
  });
  const made: MadeService = { id, locationIds: [], serviceAtLocationIds: [], contactIds: [], phoneIds: [] };
  for (const place of spec.locations ?? []) {
    const locationId = randomUUID();
    await db.insert(directoryLocations).values({
      id: locationId,
      name: place.name ?? null,
      latitude: place.latitude ?? null,
      longitude: place.longitude ?? null,
    });
    await db.insert(directoryAddresses).values({
      id: randomUUID(),
      locationId,
      address1: place.address1 ?? '1 High Street',
      city: place.city ?? 'Northbridge',
      postalCode: place.postcode ?? 'NB1 1AA',
    });
    if (place.accessibility)
      await db
        .insert(directoryAccessibility)
        .values({ id: randomUUID(), locationId, description: place.accessibility });
    const salId = randomUUID();
    await db.insert(directoryServiceAtLocations).values({ id: salId, serviceId: id, locationId });
    for (const s of place.schedules ?? [])
      await db.insert(directorySchedules).values({ ...schedule(s), serviceAtLocationId: salId });
    made.locationIds.push(locationId);
    made.serviceAtLocationIds.push(salId);
  }
  for (const s of spec.schedules ?? []) await db.insert(directorySchedules).values({ ...schedule(s), serviceId: id });
  for (const termId of spec.termIds ?? [])
    await db
      .insert(directoryAttributes)
      .values({ id: randomUUID(), linkId: id, linkType: 'service', taxonomyTermId: termId });
  for (const c of spec.costOptions ?? []) {
    await db.insert(directoryCostOptions).values({
      id: randomUUID(),
      serviceId: id,
      option: c.option ?? null,
      amount: c.amount ?? null,
      amountDescription: c.amountDescription ?? null,
    });
  }
  for (const c of spec.contacts ?? []) {
    const contactId = randomUUID();
    await db
      .insert(directoryContacts)
      .values({ id: contactId, serviceId: id, name: c.name ?? null, title: c.title ?? null });
    made.contactIds.push(contactId);
    for (const number of c.phones ?? []) {
      const phoneId = randomUUID();
      await db.insert(directoryPhones).values({ id: phoneId, contactId, number });
      made.phoneIds.push(phoneId);
    }
  }
  for (const l of spec.languages ?? [])
    await db.insert(directoryLanguages).values({ id: randomUUID(), serviceId: id, name: l.name, code: l.code });
  for (const a of spec.serviceAreas ?? [])
    await db
      .insert(directoryServiceAreas)
      .values({ id: randomUUID(), serviceId: id, name: a.name, extent: a.extent ?? null });
  for (const source of spec.funding ?? [])
    await db.insert(directoryFundings).values({ id: randomUUID(), serviceId: id, source });
  return made;
}

// ---------------------------------------------------------------------------------------
// For the directory pages' tests (directory.test.ts): when a record was last checked, and
// care home vacancies.

/** Sets when a service was last checked ("still correct") and by whom; null for never. */
export async function setChecked(db: Db, serviceId: string, at: Date | null, byId: string | null = null) {
  await db
    .update(directoryServices)
    .set({ checkedAt: at, checkedById: at ? byId : null })
    .where(eq(directoryServices.id, serviceId));
}

/** Places free and the weekly top-up at a care home, updated at `updatedAt` by a worker. */
export async function newVacancy(
  db: Db,
  serviceId: string,
  v: { placesFree: number; topUpWeekly?: number | null; updatedAt: Date; updatedById: string; notes?: string | null },
) {
  await db.insert(directoryVacancies).values({
    serviceId,
    placesFree: v.placesFree,
    topUpWeekly: v.topUpWeekly ?? null,
    notes: v.notes ?? null,
    updatedAt: v.updatedAt,
    updatedById: v.updatedById,
  });
}
