import type { Db } from '../../db/client.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { pointForPostcode, searchServices, type DirectoryQuery, type Weekday } from '../directory/directory.search.js';
import * as repo from './openreferral.repository.js';
import type {
  LocationRow,
  OrganisationRow,
  ServiceRow,
  TaxonomyRow,
  TaxonomyTermRow,
} from './openreferral.repository.js';
import { orukProblems } from './oruk.schemas.js';

// The directory as Open Referral UK (HSDS 3.0, UK profile) JSON, for the public read-only
// API under /openreferral and for the export. No personal data: the directory describes
// services, and Hearth's own fields (who checked or withdrew a record) are never included.
// Withdrawn services are never served: not by id, not in lists or counts, not exported.
//
// Properties with no value are left out rather than sent as null: the profile types them
// as strings (or numbers), and null is neither.

export type Json = Record<string, unknown>;

/** The object without its null and undefined properties. */
function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------
// One record each, with the profile's property names.

function serviceFields(s: ServiceRow): Json {
  return compact({
    id: s.id,
    organization_id: s.organizationId,
    name: s.name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    fees: s.fees,
    accreditations: s.accreditations,
    minimum_age: s.minimumAge,
    maximum_age: s.maximumAge,
    assured_date: s.assuredDate,
    assurer_email: s.assurerEmail,
    alert: s.alert,
    last_modified: s.lastModified.toISOString(),
  });
}

function organisationFields(o: OrganisationRow): Json {
  return compact({
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    logo: o.logo,
    uri: o.uri,
    parent_organization_id: o.parentOrganizationId,
  });
}

function locationFields(l: LocationRow): Json {
  return compact({
    id: l.id,
    location_type: l.locationType,
    name: l.name,
    description: l.description,
    latitude: l.latitude,
    longitude: l.longitude,
    external_identifier: l.externalIdentifier,
    external_identifier_type: l.externalIdentifierType,
  });
}

function taxonomyTermFields(t: TaxonomyTermRow): Json {
  return compact({
    id: t.id,
    name: t.name,
    description: t.description,
    parent_id: t.parentId,
    taxonomy: t.taxonomy,
    taxonomy_id: t.taxonomyId,
    term_uri: t.termUri,
    term: t.term,
  });
}

function taxonomyFields(t: TaxonomyRow): Json {
  return compact({ id: t.id, name: t.name, description: t.description, uri: t.uri, version: t.version });
}

type Related = Awaited<ReturnType<typeof repo.relatedToServices>>;
type Schedule = Related['schedules'][number];

function scheduleFields(s: Schedule): Json {
  return compact({
    id: s.id,
    service_id: s.serviceId,
    service_at_location_id: s.serviceAtLocationId,
    valid_from: s.validFrom,
    valid_to: s.validTo,
    dtstart: s.dtstart,
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    bymonthday: s.bymonthday,
    description: s.description,
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    schedule_link: s.scheduleLink,
    attending_type: s.attendingType,
    notes: s.notes,
  });
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Fully nested services

export interface FullServicesOptions {
  /** Leave out each service's service_at_locations (for a service nested in a service at a location). */
  withoutLocations?: boolean;
}

/**
 * Full Open Referral UK services for these ids: each a fully nested service as the
 * profile's compiled service.json describes it (organisation with its identifiers,
 * schedules, service areas, services at locations with their location, addresses and
 * accessibility, languages, funding, cost options, contacts, attributes with their
 * taxonomy terms), in the order of `ids`. Ids of withdrawn or unknown services are left
 * out. Beyond the profile, each contact carries its `phones` (each with its languages),
 * each language its HSDS name, code and note, and each service at a location the
 * schedules kept against it: the schema allows extra properties, and HSDS 3.0 has them.
 *
 * However many ids, it reads with a fixed number of queries (about fifteen, one per
 * table); pass a few hundred ids at a time.
 */
export async function fullServices(db: Db, ids: string[], opts: FullServicesOptions = {}): Promise<Json[]> {
  if (!ids.length) return [];
  const found = await repo.servicesWithOrganisations(db, ids);
  if (!found.length) return [];
  const serviceIds = found.map((f) => f.service.id);
  const organisationIds = [...new Set(found.flatMap((f) => (f.organisation ? [f.organisation.id] : [])))];

  const related = await repo.relatedToServices(db, serviceIds);
  const locationIds = [...new Set(related.serviceAtLocations.map((sal) => sal.locationId))];
  const [places, identifiers] = await Promise.all([
    repo.locationsWithDetails(db, locationIds),
    repo.organisationIdentifiers(db, organisationIds),
  ]);
  const attributes = await repo.attributesOf(db, [
    ...serviceIds,
    ...organisationIds,
    ...locationIds,
    ...related.contacts.map((c) => c.id),
    ...identifiers.map((i) => i.id),
  ]);

  const attributesByLink = groupBy(attributes, (a) => a.attribute.linkId);
  const attributesFor = (id: string) =>
    (attributesByLink.get(id) ?? []).map(({ attribute: a, term }) =>
      compact({
        id: a.id,
        link_id: a.linkId,
        link_type: a.linkType,
        taxonomy_term_id: a.taxonomyTermId,
        taxonomy_term: taxonomyTermFields(term),
      }),
    );

  const identifiersByOrganisation = groupBy(identifiers, (i) => i.organizationId);
  const organisation = (o: OrganisationRow): Json => ({
    ...organisationFields(o),
    organization_identifiers: (identifiersByOrganisation.get(o.id) ?? []).map((i) => ({
      ...compact({
        id: i.id,
        organization_id: i.organizationId,
        identifier_scheme: i.identifierScheme,
        identifier_type: i.identifierType,
        identifier: i.identifier,
      }),
      attributes: attributesFor(i.id),
    })),
    attributes: attributesFor(o.id),
  });

  const addressesByLocation = groupBy(places.addresses, (a) => a.locationId);
  const accessibilityByLocation = groupBy(places.accessibility, (a) => a.locationId);
  const locations = new Map(
    places.locations.map((l) => [
      l.id,
      {
        ...locationFields(l),
        addresses: (addressesByLocation.get(l.id) ?? []).map((a) =>
          compact({
            id: a.id,
            location_id: a.locationId,
            attention: a.attention,
            address_1: a.address1,
            city: a.city,
            region: a.region,
            state_province: a.stateProvince,
            postal_code: a.postalCode,
            country: a.country,
            address_type: a.addressType,
          }),
        ),
        accessibility: (accessibilityByLocation.get(l.id) ?? []).map((a) =>
          compact({ id: a.id, location_id: a.locationId, description: a.description, details: a.details, url: a.url }),
        ),
        attributes: attributesFor(l.id),
      },
    ]),
  );

  // A schedule kept against the service goes with the service; one kept only against a
  // service at a location goes with that (as in HSDS 3.0).
  const schedulesByService = groupBy(related.schedules, (s) => s.serviceId);
  const schedulesBySal = groupBy(related.schedules, (s) => (s.serviceId ? null : s.serviceAtLocationId));
  const languagesByService = groupBy(related.languages, (l) => l.serviceId);
  const languagesByPhone = groupBy(related.languages, (l) => l.phoneId);
  const language = (l: Related['languages'][number]) =>
    compact({ id: l.id, service_id: l.serviceId, phone_id: l.phoneId, name: l.name, code: l.code, note: l.note });
  const phonesByContact = groupBy(related.phones, (p) => p.contactId);
  const salsByService = groupBy(related.serviceAtLocations, (s) => s.serviceId);
  const areasByService = groupBy(related.serviceAreas, (a) => a.serviceId);
  const fundingByService = groupBy(related.fundings, (f) => f.serviceId);
  const costsByService = groupBy(related.costOptions, (c) => c.serviceId);
  const contactsByService = groupBy(related.contacts, (c) => c.serviceId);

  const byId = new Map(
    found.map(({ service: s, organisation: o }) => {
      const full: Json = {
        ...serviceFields(s),
        schedules: (schedulesByService.get(s.id) ?? []).map(scheduleFields),
        service_areas: (areasByService.get(s.id) ?? []).map((a) =>
          compact({
            id: a.id,
            service_id: a.serviceId,
            name: a.name,
            extent: a.extent,
            extent_type: a.extentType,
            uri: a.uri,
            service_area: a.serviceArea,
          }),
        ),
        ...(opts.withoutLocations
          ? {}
          : {
              service_at_locations: (salsByService.get(s.id) ?? []).flatMap((sal) => {
                const location = locations.get(sal.locationId);
                if (!location) return [];
                const schedules = (schedulesBySal.get(sal.id) ?? []).map(scheduleFields);
                return [
                  {
                    id: sal.id,
                    service_id: sal.serviceId,
                    location_id: sal.locationId,
                    location,
                    ...(schedules.length ? { schedules } : {}),
                  },
                ];
              }),
            }),
        languages: (languagesByService.get(s.id) ?? []).map(language),
        ...(o ? { organization: organisation(o) } : {}),
        funding: (fundingByService.get(s.id) ?? []).map((f) =>
          compact({ id: f.id, service_id: f.serviceId, source: f.source }),
        ),
        cost_options: (costsByService.get(s.id) ?? []).map((c) =>
          compact({
            id: c.id,
            service_id: c.serviceId,
            valid_from: c.validFrom,
            valid_to: c.validTo,
            option: c.option,
            amount: c.amount === null ? null : Number(c.amount),
            amount_description: c.amountDescription,
          }),
        ),
        contacts: (contactsByService.get(s.id) ?? []).map((c) => ({
          ...compact({ id: c.id, service_id: c.serviceId, name: c.name, title: c.title }),
          phones: (phonesByContact.get(c.id) ?? []).map((p) => ({
            ...compact({ id: p.id, contact_id: p.contactId, number: p.number, description: p.description }),
            languages: (languagesByPhone.get(p.id) ?? []).map(language),
          })),
          attributes: attributesFor(c.id),
        })),
        attributes: attributesFor(s.id),
      };
      return [s.id, full];
    }),
  );
  return ids.flatMap((id) => {
    const s = byId.get(id);
    return s ? [s] : [];
  });
}

/** GET /services/{id}: a fully nested service. */
export async function fullService(db: Db, id: string): Promise<Json> {
  const [service] = await fullServices(db, [id]);
  if (!service) throw new NotFound('No service with this id');
  return service;
}

/**
 * GET /service_at_locations/{id}: the service at the location, fully nested: its location
 * with addresses and accessibility, and its service (as in the profile's compiled
 * service_at_location.json and its example; openapi.json names compiled/service.json for
 * this route, which the profile's own example does not follow).
 */
export async function fullServiceAtLocation(db: Db, id: string): Promise<Json> {
  const sal = await repo.serviceAtLocation(db, id);
  if (!sal) throw new NotFound('No service at a location with this id');
  const [service] = await fullServices(db, [sal.serviceId]);
  const nested = (service?.service_at_locations as Json[] | undefined)?.find((s) => s.id === id);
  if (!service || !nested) throw new NotFound('No service at a location with this id');
  const { service_at_locations: _omitted, ...withoutLocations } = service;
  return { ...nested, service: withoutLocations };
}

// ---------------------------------------------------------------------------------------
// Pages

export interface PageRequest {
  /** 1 or more. */
  page: number;
  perPage: number;
}

/** The profile's Page wrapper. */
export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

function page<T>(p: PageRequest, total: number, contents: T[]): Page<T> {
  const totalPages = Math.ceil(total / p.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: p.page,
    size: contents.length,
    first_page: p.page === 1,
    last_page: p.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const window = (p: PageRequest) => ({ limit: p.perPage, offset: (p.page - 1) * p.perPage });

/** A service with its one-to-one fields (compiled service_list.json). */
function listedService({ service, organisation }: { service: ServiceRow; organisation: OrganisationRow | null }): Json {
  return { ...serviceFields(service), ...(organisation ? { organization: organisationFields(organisation) } : {}) };
}

/** GET /services: a page of services matching the query, best first. */
export async function servicesPage(db: Db, query: DirectoryQuery, p: PageRequest): Promise<Page<Json>> {
  const { total, rows } = await searchServices(db, query, window(p));
  const found = new Map(
    (
      await repo.servicesWithOrganisations(
        db,
        rows.map((r) => r.id),
      )
    ).map((f) => [f.service.id, f]),
  );
  const contents = rows.flatMap((r) => {
    const f = found.get(r.id);
    return f ? [listedService(f)] : [];
  });
  return page(p, total, contents);
}

/** No more matches than this are paged through as services at locations; a directory has far fewer. */
const mostServicesMatched = 100_000;

const hasFilter = (q: DirectoryQuery) =>
  Boolean(
    q.words?.trim() ||
    q.termIds?.length ||
    q.taxonomyId ||
    q.districts?.length ||
    q.near ||
    q.age !== undefined ||
    q.minimumAge !== undefined ||
    q.maximumAge !== undefined ||
    q.open,
  );

/** GET /service_at_locations: a page of services at locations whose service matches the query (and, near a point, whose location is near). */
export async function serviceAtLocationsPage(db: Db, query: DirectoryQuery, p: PageRequest): Promise<Page<Json>> {
  const { limit, offset } = window(p);
  let result: repo.SalPage;
  if (hasFilter(query)) {
    const matched = await searchServices(db, query, { limit: mostServicesMatched, offset: 0 });
    result = await repo.pageServiceAtLocationsOf(
      db,
      matched.rows.map((r) => r.id),
      query.near,
      limit,
      offset,
    );
  } else {
    result = await repo.pageAllServiceAtLocations(db, limit, offset);
  }
  const [services, locations] = await Promise.all([
    repo.servicesWithOrganisations(db, [...new Set(result.rows.map((r) => r.serviceId))]),
    repo.locationsByIds(db, [...new Set(result.rows.map((r) => r.locationId))]),
  ]);
  const serviceById = new Map(services.map((f) => [f.service.id, f]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const contents = result.rows.flatMap((r) => {
    const service = serviceById.get(r.serviceId);
    const location = locationById.get(r.locationId);
    if (!service || !location) return [];
    return [
      {
        id: r.id,
        service_id: r.serviceId,
        location_id: r.locationId,
        location: locationFields(location),
        service: listedService(service),
      },
    ];
  });
  return page(p, result.total, contents);
}

export async function taxonomiesPage(db: Db, p: PageRequest): Promise<Page<Json>> {
  const { limit, offset } = window(p);
  const { total, rows } = await repo.pageTaxonomies(db, limit, offset);
  return page(p, total, rows.map(taxonomyFields));
}

/** GET /taxonomies/{id}: the taxonomy with its terms. */
export async function taxonomy(db: Db, id: string): Promise<Json> {
  const found = await repo.taxonomyWithTerms(db, id);
  if (!found) throw new NotFound('No taxonomy with this id');
  return { ...taxonomyFields(found.taxonomy), taxonomy_terms: found.terms.map(taxonomyTermFields) };
}

export async function taxonomyTermsPage(db: Db, p: PageRequest): Promise<Page<Json>> {
  const { limit, offset } = window(p);
  const { total, rows } = await repo.pageTaxonomyTerms(db, limit, offset);
  return page(p, total, rows.map(taxonomyTermFields));
}

export async function taxonomyTerm(db: Db, id: string): Promise<Json> {
  const term = await repo.taxonomyTerm(db, id);
  if (!term) throw new NotFound('No taxonomy term with this id');
  return taxonomyTermFields(term);
}

// ---------------------------------------------------------------------------------------
// Query parameters into a search

export interface ServiceFilters {
  search?: string;
  taxonomyTermIds?: string[];
  taxonomyId?: string;
  minimumAge?: number;
  maximumAge?: number;
  day?: Weekday;
  startTime?: string;
  endTime?: string;
  /** A full postcode or a district, upper case. */
  postcode?: string;
  proximityMetres?: number;
}

/** Thrown when a query parameter cannot be used; the API answers 400 naming it. */
export class BadParameter extends Error {
  statusCode = 400;
  constructor(
    public parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The search for the API's filters. A postcode with a proximity means "within that many
 * metres of the postcode"; a postcode alone means "with an address in its postcode
 * district" (Hearth keeps no service-area shapes to test a postcode against).
 */
export async function directoryQuery(db: Db, f: ServiceFilters): Promise<DirectoryQuery> {
  const q: DirectoryQuery = {};
  if (f.search) q.words = f.search;
  if (f.taxonomyTermIds?.length) q.termIds = f.taxonomyTermIds;
  if (f.taxonomyId) q.taxonomyId = f.taxonomyId;
  if (f.minimumAge !== undefined) q.minimumAge = f.minimumAge;
  if (f.maximumAge !== undefined) q.maximumAge = f.maximumAge;
  if (f.day || f.startTime || f.endTime)
    q.open = compact({ day: f.day, from: f.startTime, to: f.endTime }) as DirectoryQuery['open'];
  if (f.proximityMetres !== undefined) {
    if (!f.postcode)
      throw new BadParameter('proximity', 'proximity needs a postcode to measure from: give postcode as well');
    const point = await pointForPostcode(db, f.postcode);
    if (!point) throw new BadParameter('postcode', `postcode ${f.postcode} is not one whose location is known here`);
    q.near = { ...point, metres: f.proximityMetres };
  } else if (f.postcode) {
    q.districts = [f.postcode.split(' ')[0]!];
  }
  return q;
}

// ---------------------------------------------------------------------------------------
// Export

/** Thrown when a service would be exported as something the profile's schema refuses. */
export class InvalidExport extends Error {
  constructor(
    public serviceId: string,
    public problems: string[],
  ) {
    super(
      `Service ${serviceId} does not validate against the Open Referral UK schema: ${problems.slice(0, 5).join('; ')}`,
    );
  }
}

/**
 * Every listed (not withdrawn) service, fully nested, in batches: walks the directory by id
 * so memory stays flat however large it is. Each service is checked against the
 * profile's compiled service.json; one that fails stops the export with InvalidExport
 * rather than publishing invalid data.
 */
export async function* exportServices(
  db: Db,
  opts: { batchSize?: number; validate?: boolean } = {},
): AsyncGenerator<Json[]> {
  const batchSize = opts.batchSize ?? 200;
  let after: string | null = null;
  for (;;) {
    const ids = await repo.listedServiceIdsAfter(db, after, batchSize);
    if (!ids.length) return;
    const services = await fullServices(db, ids);
    if (opts.validate !== false) {
      for (const s of services) {
        const problems = orukProblems('service', s);
        if (problems.length) throw new InvalidExport(s.id as string, problems);
      }
    }
    yield services;
    after = ids[ids.length - 1]!;
  }
}

/** The whole directory as one ORUK JSON array of fully nested services, as text in pieces (for streaming). */
export async function* exportJson(db: Db, opts: { batchSize?: number } = {}): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of exportServices(db, opts)) {
    for (const s of batch) {
      yield (first ? '\n' : ',\n') + JSON.stringify(s);
      first = false;
    }
  }
  yield first ? ']\n' : '\n]\n';
}

/**
 * The export for a directory editor (an administrator): the access check, the audit entry,
 * then the whole directory as text in pieces.
 */
export async function exportDirectory(ctx: Ctx): Promise<AsyncGenerator<string>> {
  if (ctx.worker.role !== 'admin') throw new AccessDenied();
  await ctx.audit({ action: 'export', entity: 'directory', details: { format: 'Open Referral UK JSON' } });
  return exportJson(ctx.db);
}
