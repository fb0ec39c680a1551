import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../db/client.js';
import { auditEvents, directoryServices } from '../../db/schema/index.js';
import {
  newDirectoryOrganisation,
  newDirectoryService,
  newPostcodePoint,
  newTaxonomy,
  newTaxonomyTerm,
  type MadeService,
} from '../../../test/directory-factories.js';
import { auditMark, signedIn, useTestApp } from '../../../test/helpers.js';
import { mostPerPage } from './openreferral.routes.js';
import { exportJson, exportServices, fullServices, InvalidExport, type Json } from './openreferral.service.js';
import { orukProblems, type OrukSchemaName } from './oruk.schemas.js';

// The public Open Referral UK API and the export, over a small directory in a made-up
// city: the centre (postcode district NB1) at 53.000, -1.500, where 0.009 degrees of
// latitude is about a kilometre. Every response is checked against the profile's schemas.

const pageKeys = ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'];

/** Any null, anywhere in a response: the API leaves out what has no value instead. */
function nullsIn(value: unknown, path = ''): string[] {
  if (value === null) return [path || '(root)'];
  if (Array.isArray(value)) return value.flatMap((v, i) => nullsIn(v, `${path}/${i}`));
  if (typeof value === 'object') return Object.entries(value as Json).flatMap(([k, v]) => nullsIn(v, `${path}/${k}`));
  return [];
}

describe('the Open Referral UK API', () => {
  const t = useTestApp();
  let db: Db;
  const terms = {} as Record<'outdoors' | 'gardening' | 'company' | 'careHome', string>;
  let needs: string;
  let serviceTypes: string;
  const s = {} as Record<'allotments' | 'walking' | 'cafe' | 'careHome' | 'withdrawn', MadeService>;
  let listedIds: string[];

  /** A GET as a stranger would send it: no cookie, asking for JSON. */
  async function get(url: string): Promise<LightMyRequestResponse> {
    const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
    assert.equal(res.headers['set-cookie'], undefined, `${url} sets no cookie`);
    assert.equal(res.headers['access-control-allow-origin'], '*', `${url} may be read from any web page`);
    assert.match(String(res.headers['content-type']), /^application\/json/, `${url} answers JSON`);
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  /** A 200 response, validated against the profile's schema for it, with no nulls. */
  async function valid(url: string, schema: OrukSchemaName): Promise<Json> {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    const body = res.json() as Json;
    assert.deepEqual(orukProblems(schema, body), [], `${url} validates against ${schema}`);
    assert.deepEqual(nullsIn(body), [], `${url} sends no nulls`);
    return body;
  }

  /** A list response: validated, with every paging field present and consistent. */
  async function page(url: string, schema: OrukSchemaName, itemSchema: OrukSchemaName) {
    const body = await valid(url, schema);
    assert.deepEqual(Object.keys(body).sort(), [...pageKeys].sort(), `${url}: the paging fields`);
    const contents = body.contents as Json[];
    for (const item of contents)
      assert.deepEqual(orukProblems(itemSchema, item), [], `${url}: each item validates against ${itemSchema}`);
    assert.equal(body.size, contents.length);
    assert.equal(body.empty, contents.length === 0);
    assert.equal(body.first_page, body.page_number === 1);
    assert.equal(body.last_page, (body.page_number as number) >= (body.total_pages as number));
    return body as Json & { contents: Json[]; total_items: number; total_pages: number; page_number: number };
  }

  const names = (contents: Json[]) => contents.map((c) => c.name as string);
  const serviceNames = async (query: string) =>
    names((await page(`/openreferral/services?${query}`, 'services_page', 'service_list')).contents).sort();

  async function badParameter(url: string, parameter: string) {
    const res = await get(url);
    assert.equal(res.statusCode, 400, `${url}: ${res.statusCode} ${res.body}`);
    const body = res.json() as { parameter: string; message: string };
    assert.equal(body.parameter, parameter, `${url} names ${parameter}`);
    assert.ok(body.message.includes(parameter), `${url}: the message says which parameter: ${body.message}`);
  }

  before(async () => {
    db = t.db;
    await newPostcodePoint(db, 'NB1', 53.0, -1.5);
    await newPostcodePoint(db, 'NB1 2AB', 53.001, -1.5);
    needs = await newTaxonomy(db, {
      name: 'Needs',
      description: 'What people look for',
      uri: 'https://example.org/needs',
      version: '1',
    });
    serviceTypes = await newTaxonomy(db, { name: 'Service types' });
    terms.outdoors = await newTaxonomyTerm(db, { name: 'Getting out and about', taxonomyId: needs });
    terms.gardening = await newTaxonomyTerm(db, {
      name: 'Gardening',
      taxonomyId: needs,
      parentId: terms.outdoors,
      termUri: 'https://example.org/needs/gardening',
    });
    terms.company = await newTaxonomyTerm(db, { name: 'Company', taxonomyId: needs });
    terms.careHome = await newTaxonomyTerm(db, { name: 'Care home', taxonomyId: serviceTypes });
    const org = await newDirectoryOrganisation(db, {
      name: 'Northbridge Voluntary Action',
      description: 'Supports community groups',
      email: 'hello@nva.example.org',
      website: 'https://nva.example.org',
      identifiers: [{ scheme: 'GB-CHC', type: 'Charity number', identifier: '1234567' }],
    });
    s.allotments = await newDirectoryService(db, {
      name: 'Green Fingers Community Allotments',
      description: 'Gardening together outdoors, tools provided, tea after.',
      organisationId: org,
      url: 'https://greenfingers.example.org',
      email: 'grow@greenfingers.example.org',
      minimumAge: 18,
      locations: [
        {
          name: 'Allotments, Mill Lane',
          latitude: 53.0045,
          longitude: -1.5,
          postcode: 'NB1 4QT',
          accessibility: 'Level paths and a raised bed',
          schedules: [{ byday: 'TU,TH', opensAt: '10:00', closesAt: '12:00' }],
        },
      ],
      termIds: [terms.gardening],
      costOptions: [
        { option: 'Everyone', amount: 0, amountDescription: 'Free' },
        { option: 'Plot', amount: 12.5, amountDescription: 'a year' },
      ],
      contacts: [{ name: 'Ann Grower', title: 'Organiser', phones: ['01632 960 001', '07700 900 001'] }],
      languages: [{ name: 'English', code: 'en' }],
      serviceAreas: [{ name: 'Northbridge' }],
      funding: ['Northbridge Council small grants'],
    });
    s.walking = await newDirectoryService(db, {
      name: 'Riverside Walking Group',
      description: 'Short walks by the river for older people.',
      organisationId: org,
      minimumAge: 50,
      maximumAge: 90,
      locations: [{ name: 'The boathouse', latitude: 53.09, longitude: -1.5, postcode: 'NB7 1AA' }],
      schedules: [{ byday: 'MO', opensAt: '09:00', closesAt: '11:00' }],
      termIds: [terms.outdoors],
    });
    s.cafe = await newDirectoryService(db, {
      name: 'Friendship Café',
      description: 'Tea, cake and company on Saturday afternoons.',
      organisationId: org,
      minimumAge: 65,
      maximumAge: 120,
      locations: [
        { name: 'Church hall', latitude: 53.0009, longitude: -1.5, postcode: 'NB1 3CD' },
        { name: 'Library', latitude: 53.2, longitude: -1.5, postcode: 'NB9 9ZZ' },
      ],
      schedules: [{ byday: 'SA', opensAt: '14:00', closesAt: '16:00' }],
      termIds: [terms.company],
    });
    s.careHome = await newDirectoryService(db, { name: 'Oakwood Care Home', termIds: [terms.careHome] });
    s.withdrawn = await newDirectoryService(db, {
      name: 'Withdrawn Lunch Club',
      description: 'Lunch and company, Mondays. Tea after gardening.',
      organisationId: org,
      minimumAge: 65,
      withdrawn: true,
      locations: [{ name: 'Old hall', latitude: 53.0001, longitude: -1.5, postcode: 'NB1 2AB' }],
      schedules: [{ byday: 'MO,SA', opensAt: '09:00', closesAt: '17:00' }],
      termIds: [terms.company, terms.gardening, terms.careHome],
    });
    listedIds = [s.allotments.id, s.walking.id, s.cafe.id, s.careHome.id];
  });

  test('/ says which version and profile it serves, and where its OpenAPI description is', async () => {
    for (const url of ['/openreferral', '/openreferral/']) {
      const body = await valid(url, 'api_info');
      assert.equal(body.version, '3.0');
      assert.match(body.profile as string, /^https:\/\//);
      assert.match(body.openapi_url as string, /openapi\.json$/);
    }
  });

  test('/services lists every service that is not withdrawn, with its one-to-one fields, by name', async () => {
    const body = await page('/openreferral/services', 'services_page', 'service_list');
    assert.deepEqual(names(body.contents), [
      'Friendship Café',
      'Green Fingers Community Allotments',
      'Oakwood Care Home',
      'Riverside Walking Group',
    ]);
    assert.equal(body.total_items, 4);
    assert.equal(body.total_pages, 1);
    assert.equal(body.page_number, 1);
    assert.equal(body.first_page, true);
    assert.equal(body.last_page, true);
    const allotments = body.contents.find((c) => c.id === s.allotments.id)!;
    assert.equal(allotments.url, 'https://greenfingers.example.org');
    assert.equal(allotments.minimum_age, 18);
    assert.equal((allotments.organization as Json).name, 'Northbridge Voluntary Action');
    assert.ok(!('maximum_age' in allotments), 'what has no value is left out');
    assert.ok(!('schedules' in allotments) && !('contacts' in allotments), 'a list has one-to-one fields only');
    const careHome = body.contents.find((c) => c.id === s.careHome.id)!;
    assert.ok(!('organization' in careHome) && !('organization_id' in careHome) && !('description' in careHome));
  });

  test('pages: per_page, page, a page beyond the end, and per_page capped', async () => {
    const first = await page('/openreferral/services?per_page=3', 'services_page', 'service_list');
    assert.deepEqual(
      [first.size, first.total_items, first.total_pages, first.first_page, first.last_page, first.empty],
      [3, 4, 2, true, false, false],
    );
    const second = await page('/openreferral/services?per_page=3&page=2', 'services_page', 'service_list');
    assert.deepEqual([second.size, second.page_number, second.first_page, second.last_page], [1, 2, false, true]);
    assert.deepEqual(
      names([...first.contents, ...second.contents]),
      names((await page('/openreferral/services', 'services_page', 'service_list')).contents),
    );
    const beyond = await page('/openreferral/services?per_page=3&page=9', 'services_page', 'service_list');
    assert.deepEqual(
      [beyond.size, beyond.total_items, beyond.total_pages, beyond.page_number, beyond.empty, beyond.last_page],
      [0, 4, 2, 9, true, true],
    );
    for (const url of [
      '/openreferral/service_at_locations?per_page=3&page=9',
      '/openreferral/taxonomies?page=5',
      '/openreferral/taxonomy_terms?per_page=2&page=3',
    ]) {
      const schema = url.includes('service_at')
        ? 'service_at_locations_page'
        : url.includes('terms')
          ? 'taxonomy_terms_page'
          : 'taxonomies_page';
      const item = url.includes('service_at')
        ? 'service_at_location_list'
        : url.includes('terms')
          ? 'taxonomy_term'
          : 'taxonomy';
      const p = await page(url, schema, item);
      assert.ok(p.empty && p.total_items > 0, `${url}: past the end, empty, still counting`);
    }
    const terms2 = await page('/openreferral/taxonomy_terms?per_page=2&page=2', 'taxonomy_terms_page', 'taxonomy_term');
    assert.deepEqual([terms2.size, terms2.total_items, terms2.total_pages, terms2.last_page], [2, 4, 2, true]);
  });

  test('/services/{id}: a fully nested service that validates against compiled service.json', async () => {
    const full = await valid(`/openreferral/services/${s.allotments.id}`, 'service');
    assert.equal(full.name, 'Green Fingers Community Allotments');
    const org = full.organization as Json;
    assert.equal(org.name, 'Northbridge Voluntary Action');
    assert.deepEqual(
      (org.organization_identifiers as Json[]).map((i) => i.identifier),
      ['1234567'],
    );
    const [sal] = full.service_at_locations as Json[];
    assert.equal(sal.id, s.allotments.serviceAtLocationIds[0]);
    const location = sal.location as Json;
    assert.equal(location.latitude, 53.0045);
    assert.deepEqual(
      (location.addresses as Json[]).map((a) => [a.address_1, a.postal_code, a.country]),
      [['1 High Street', 'NB1 4QT', 'GB']],
    );
    assert.deepEqual(
      (location.accessibility as Json[]).map((a) => a.description),
      ['Level paths and a raised bed'],
    );
    assert.deepEqual(
      (sal.schedules as Json[]).map((x) => [x.byday, x.opens_at, x.closes_at]),
      [['TU,TH', '10:00:00', '12:00:00']],
      'schedules kept at the location travel with it',
    );
    assert.deepEqual((full.cost_options as Json[]).map((c) => [c.option, c.amount]).sort(), [
      ['Everyone', 0],
      ['Plot', 12.5],
    ]);
    const [contact] = full.contacts as Json[];
    assert.equal(contact.name, 'Ann Grower');
    assert.deepEqual(
      (contact.phones as Json[]).map((p) => p.number).sort(),
      ['01632 960 001', '07700 900 001'],
      'phones go with their contact',
    );
    assert.deepEqual(
      (full.languages as Json[]).map((l) => l.code),
      ['en'],
    );
    assert.deepEqual(
      (full.service_areas as Json[]).map((a) => a.name),
      ['Northbridge'],
    );
    assert.deepEqual(
      (full.funding as Json[]).map((f) => f.source),
      ['Northbridge Council small grants'],
    );
    const [attribute] = full.attributes as Json[];
    assert.equal(attribute.taxonomy_term_id, terms.gardening);
    assert.deepEqual(attribute.taxonomy_term, {
      id: terms.gardening,
      name: 'Gardening',
      description: '',
      parent_id: terms.outdoors,
      taxonomy_id: needs,
      term_uri: 'https://example.org/needs/gardening',
    });
    // Hearth's own fields are not part of the profile and never leave.
    for (const key of [
      'checked_at',
      'checked_by_id',
      'withdrawn_at',
      'withdrawn_reason',
      'origin',
      'version',
      'search_text',
    ])
      assert.ok(!(key in full), key);

    const walking = await valid(`/openreferral/services/${s.walking.id}`, 'service');
    assert.deepEqual(
      (walking.schedules as Json[]).map((x) => [x.byday, x.opens_at]),
      [['MO', '09:00:00']],
    );
    const careHome = await valid(`/openreferral/services/${s.careHome.id}`, 'service');
    assert.deepEqual(careHome.service_at_locations, []);
    assert.ok(!('organization' in careHome));
    await valid(`/openreferral/services/${s.cafe.id}`, 'service');
  });

  test('unknown and withdrawn ids are not found, as JSON', async () => {
    const missing = [
      `/openreferral/services/${randomUUID()}`,
      `/openreferral/services/${s.withdrawn.id}`,
      '/openreferral/services/abc',
      `/openreferral/service_at_locations/${randomUUID()}`,
      `/openreferral/service_at_locations/${s.withdrawn.serviceAtLocationIds[0]}`,
      `/openreferral/service_at_locations/${s.allotments.id}`,
      `/openreferral/taxonomies/${randomUUID()}`,
      `/openreferral/taxonomies/${terms.gardening}`,
      `/openreferral/taxonomy_terms/${randomUUID()}`,
      `/openreferral/taxonomy_terms/${needs}`,
      '/openreferral/taxonomy_terms/%27%20OR%20%271%27%3D%271',
      '/openreferral/organizations',
    ];
    for (const url of missing) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal((res.json() as { statusCode: number }).statusCode, 404);
      assert.doesNotMatch(res.body, /Withdrawn Lunch Club/);
    }
    // HTML is never sent, even to a browser.
    const browser = await t.app.inject({
      method: 'GET',
      url: `/openreferral/services/${s.withdrawn.id}`,
      headers: { accept: 'text/html' },
    });
    assert.equal(browser.statusCode, 404);
    assert.match(String(browser.headers['content-type']), /^application\/json/);
  });

  test('search: words, with empty results when nothing matches', async () => {
    assert.deepEqual(await serviceNames('search=allotments'), ['Green Fingers Community Allotments']);
    assert.deepEqual(
      await serviceNames('search=tea'),
      ['Friendship Café', 'Green Fingers Community Allotments'],
      'not the withdrawn lunch club',
    );
    const none = await page('/openreferral/services?search=trampolining', 'services_page', 'service_list');
    assert.deepEqual(
      [none.total_items, none.total_pages, none.size, none.empty, none.first_page, none.last_page],
      [0, 0, 0, true, true, true],
    );
    const noneAt = await page(
      '/openreferral/service_at_locations?search=trampolining',
      'service_at_locations_page',
      'service_at_location_list',
    );
    assert.deepEqual([noneAt.total_items, noneAt.empty], [0, true]);
  });

  test("taxonomy_term_id (with the term's children) and taxonomy_id", async () => {
    assert.deepEqual(await serviceNames(`taxonomy_term_id=${terms.outdoors}`), [
      'Green Fingers Community Allotments',
      'Riverside Walking Group',
    ]);
    assert.deepEqual(await serviceNames(`taxonomy_term_id=${terms.gardening}`), ['Green Fingers Community Allotments']);
    assert.deepEqual(await serviceNames(`taxonomy_term_id=${terms.company}`), ['Friendship Café']);
    assert.deepEqual(await serviceNames(`taxonomy_term_id=${terms.company},${terms.careHome}`), [
      'Friendship Café',
      'Oakwood Care Home',
    ]);
    assert.deepEqual(await serviceNames(`taxonomy_id=${needs}`), [
      'Friendship Café',
      'Green Fingers Community Allotments',
      'Riverside Walking Group',
    ]);
    assert.deepEqual(await serviceNames(`taxonomy_id=${serviceTypes}`), ['Oakwood Care Home']);
    assert.deepEqual(await serviceNames(`taxonomy_term_id=${randomUUID()}`), []);
  });

  test('minimum_age and maximum_age', async () => {
    assert.deepEqual(await serviceNames('minimum_age=50'), ['Friendship Café', 'Riverside Walking Group']);
    assert.deepEqual(await serviceNames('minimum_age=18'), [
      'Friendship Café',
      'Green Fingers Community Allotments',
      'Riverside Walking Group',
    ]);
    assert.deepEqual(await serviceNames('maximum_age=100'), ['Riverside Walking Group']);
    assert.deepEqual(await serviceNames('minimum_age=60&maximum_age=120'), ['Friendship Café']);
  });

  test('day, start_time and end_time: open then', async () => {
    assert.deepEqual(await serviceNames('day=SA'), ['Friendship Café']);
    assert.deepEqual(await serviceNames('day=saturday'), ['Friendship Café']);
    assert.deepEqual(
      await serviceNames('day=TU&start_time=10:30'),
      ['Green Fingers Community Allotments'],
      'a schedule kept at the location counts',
    );
    assert.deepEqual(await serviceNames('day=TU&start_time=13:00'), []);
    assert.deepEqual(await serviceNames('day=MO&start_time=09:30&end_time=11:00'), ['Riverside Walking Group']);
    assert.deepEqual(await serviceNames('day=MO&start_time=09:30&end_time=12:00'), []);
    assert.deepEqual(await serviceNames('day=SU'), []);
    const at = await page(
      '/openreferral/service_at_locations?day=SA&start_time=15:00',
      'service_at_locations_page',
      'service_at_location_list',
    );
    assert.deepEqual(at.contents.map((c) => (c.location as Json).name).sort(), ['Church hall', 'Library']);
  });

  test('postcode and proximity: services near a postcode; a postcode alone means its district', async () => {
    assert.deepEqual(await serviceNames('postcode=NB1%202AB&proximity=1000'), [
      'Friendship Café',
      'Green Fingers Community Allotments',
    ]);
    assert.deepEqual(await serviceNames('postcode=nb12ab&proximity=100'), ['Friendship Café']);
    assert.deepEqual(await serviceNames('postcode=NB1&proximity=20000'), [
      'Friendship Café',
      'Green Fingers Community Allotments',
      'Riverside Walking Group',
    ]);
    assert.deepEqual(
      await serviceNames('postcode=NB1%209ZZ'),
      ['Friendship Café', 'Green Fingers Community Allotments'],
      'the district NB1',
    );
    // Services at locations: only the locations near the postcode, nearest first.
    const near = await page(
      '/openreferral/service_at_locations?postcode=NB1%202AB&proximity=1000',
      'service_at_locations_page',
      'service_at_location_list',
    );
    assert.equal(near.total_items, 2);
    assert.deepEqual(
      near.contents.map((c) => (c.location as Json).name),
      ['Church hall', 'Allotments, Mill Lane'],
    );
    assert.deepEqual(
      near.contents.map((c) => c.id),
      [s.cafe.serviceAtLocationIds[0], s.allotments.serviceAtLocationIds[0]],
    );
    // And combined with the other filters.
    assert.deepEqual(
      await serviceNames(`postcode=NB1%202AB&proximity=1000&taxonomy_term_id=${terms.outdoors}&day=TH`),
      ['Green Fingers Community Allotments'],
    );
    const combined = await page(
      `/openreferral/service_at_locations?search=tea&postcode=NB1&proximity=1000&minimum_age=60&taxonomy_id=${needs}&day=SA&start_time=14:30&end_time=16:00&per_page=1`,
      'service_at_locations_page',
      'service_at_location_list',
    );
    assert.deepEqual([combined.total_items, combined.contents[0]?.id], [1, s.cafe.serviceAtLocationIds[0]]);
  });

  test('bad parameters are refused with 400, naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=1&page=2', 'page'],
      ['per_page=abc', 'per_page'],
      ['per_page=0', 'per_page'],
      ['day=XX', 'day'],
      ['start_time=25:00', 'start_time'],
      ['start_time=9am', 'start_time'],
      ['end_time=12:60', 'end_time'],
      ['minimum_age=old', 'minimum_age'],
      ['maximum_age=-3', 'maximum_age'],
      ['taxonomy_term_id=gardening', 'taxonomy_term_id'],
      [`taxonomy_term_id=${terms.gardening},x`, 'taxonomy_term_id'],
      ['taxonomy_id=1', 'taxonomy_id'],
      ['postcode=hello', 'postcode'],
      ['postcode=NB1&proximity=far', 'proximity'],
      ['postcode=NB1&proximity=0', 'proximity'],
      ['proximity=1000', 'proximity'],
      ['postcode=ZZ9%209ZZ&proximity=1000', 'postcode'],
      [`search=${'a'.repeat(201)}`, 'search'],
    ];
    for (const [query, parameter] of cases) {
      await badParameter(`/openreferral/services?${query}`, parameter);
      await badParameter(`/openreferral/service_at_locations?${query}`, parameter);
    }
    // Control characters are taken out of every query string (as from forms), so a NUL searches as if it were not there.
    const withNul = await t.app.inject({ method: 'GET', url: '/openreferral/services?search=Green%00%20Fingers' });
    const plain = await t.app.inject({ method: 'GET', url: '/openreferral/services?search=Green%20Fingers' });
    assert.equal(withNul.statusCode, 200);
    assert.ok(JSON.parse(plain.body).total_items > 0);
    assert.deepEqual(JSON.parse(withNul.body), JSON.parse(plain.body));
    for (const list of ['taxonomies', 'taxonomy_terms']) {
      await badParameter(`/openreferral/${list}?page=0`, 'page');
      await badParameter(`/openreferral/${list}?per_page=x`, 'per_page');
    }
  });

  test('/service_at_locations: each service at each location; {id} fully nested', async () => {
    const all = await page(
      '/openreferral/service_at_locations',
      'service_at_locations_page',
      'service_at_location_list',
    );
    assert.equal(
      all.total_items,
      4,
      'the café twice, the allotments and the walk once, the care home has no location, nothing withdrawn',
    );
    assert.deepEqual(
      all.contents.map((c) => (c.service as Json).name),
      ['Friendship Café', 'Friendship Café', 'Green Fingers Community Allotments', 'Riverside Walking Group'],
    );
    const first = all.contents.find((c) => c.id === s.allotments.serviceAtLocationIds[0])!;
    assert.deepEqual(
      [first.service_id, first.location_id, (first.location as Json).latitude],
      [s.allotments.id, s.allotments.locationIds[0], 53.0045],
    );
    assert.equal(((first.service as Json).organization as Json).name, 'Northbridge Voluntary Action');

    const full = await valid(
      `/openreferral/service_at_locations/${s.allotments.serviceAtLocationIds[0]}`,
      'service_at_location',
    );
    assert.deepEqual(
      [full.id, full.service_id, full.location_id],
      [s.allotments.serviceAtLocationIds[0], s.allotments.id, s.allotments.locationIds[0]],
    );
    assert.deepEqual(
      ((full.location as Json).addresses as Json[]).map((a) => a.postal_code),
      ['NB1 4QT'],
    );
    const service = full.service as Json;
    assert.deepEqual(orukProblems('service', service), [], 'its service is a full service too');
    assert.equal(((service.contacts as Json[])[0]!.phones as Json[]).length, 2);
    assert.ok(!('service_at_locations' in service));
    assert.deepEqual(
      (full.schedules as Json[]).map((x) => x.byday),
      ['TU,TH'],
    );
  });

  test('/taxonomies and /taxonomy_terms', async () => {
    const taxonomies = await page('/openreferral/taxonomies', 'taxonomies_page', 'taxonomy');
    assert.deepEqual(names(taxonomies.contents), ['Needs', 'Service types']);
    assert.deepEqual(taxonomies.contents[0], {
      id: needs,
      name: 'Needs',
      description: 'What people look for',
      uri: 'https://example.org/needs',
      version: '1',
    });
    const one = await valid(`/openreferral/taxonomies/${needs}`, 'taxonomy');
    assert.deepEqual(names(one.taxonomy_terms as Json[]), ['Company', 'Gardening', 'Getting out and about']);
    const all = await page('/openreferral/taxonomy_terms', 'taxonomy_terms_page', 'taxonomy_term');
    assert.deepEqual(names(all.contents), ['Care home', 'Company', 'Gardening', 'Getting out and about']);
    const term = await valid(`/openreferral/taxonomy_terms/${terms.gardening}`, 'taxonomy_term');
    assert.deepEqual([term.name, term.parent_id, term.taxonomy_id], ['Gardening', terms.outdoors, needs]);
  });

  test('nested data for many services is read in the same number of queries as for one', async () => {
    const client = (db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
    const original = client.query;
    let queries = 0;
    client.query = function (this: unknown, ...args: unknown[]) {
      queries++;
      return original.apply(this, args);
    };
    try {
      await fullServices(db, [s.allotments.id]);
      const forOne = queries;
      queries = 0;
      const four = await fullServices(db, [...listedIds, s.withdrawn.id]);
      assert.ok(forOne >= 10 && forOne <= 16, `one query per table: ${forOne}`);
      assert.equal(queries, forOne, `${forOne} queries for one service, ${queries} for four`);
      assert.deepEqual(
        four.map((x) => x.id),
        listedIds,
        'in the order asked for, without the withdrawn one',
      );
    } finally {
      client.query = original;
    }
  });

  test('a signed-in worker reads the same API, and it still sets no cookie', async () => {
    const { agent } = await signedIn(t.app, db, { role: 'practitioner' });
    const res = await agent.get('/openreferral/services');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal((res.json() as Json).total_items, 4);
  });

  test('the export: every service not withdrawn, fully nested, each valid against compiled service.json', async () => {
    let text = '';
    for await (const piece of exportJson(db, { batchSize: 3 })) text += piece;
    const exported = JSON.parse(text) as Json[];
    assert.deepEqual(exported.map((x) => x.id).sort(), [...listedIds].sort());
    for (const service of exported) assert.deepEqual(orukProblems('service', service), [], `${service.name as string}`);
    assert.deepEqual(
      exported.find((x) => x.id === s.allotments.id),
      await fullServices(db, [s.allotments.id]).then((r) => r[0]),
    );

    // Batches walk the directory by id, each batch at most the size asked for.
    const batches: Json[][] = [];
    for await (const batch of exportServices(db, { batchSize: 2 })) batches.push(batch);
    assert.deepEqual(
      batches.map((b) => b.length),
      [2, 2],
    );

    // An administrator downloads it; the download is audited; nobody else may.
    const mark = await auditMark(db);
    const { agent: admin, worker } = await signedIn(t.app, db, { role: 'admin' });
    const res = await admin.get('/directory/export.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="directory-2026-11-26\.json"$/);
    assert.deepEqual((res.json() as Json[]).map((x) => x.id).sort(), [...listedIds].sort());
    const audit = (await db.select().from(auditEvents).where(eq(auditEvents.workerId, worker.id))).filter(
      (a) => a.id > mark && a.action === 'export',
    );
    assert.deepEqual(
      audit.map((a) => a.entity),
      ['directory'],
    );
    const { agent: practitioner } = await signedIn(t.app, db, { role: 'practitioner' });
    assert.equal((await practitioner.get('/directory/export.json')).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/directory/export.json' })).statusCode, 303);
  });

  test('the export refuses to publish a service the schema would refuse', async () => {
    const bad = await newDirectoryService(db, { name: 'Broken link', url: 'www.not-a-full-address' });
    try {
      await assert.rejects(
        async () => {
          for await (const batch of exportServices(db)) void batch;
        },
        (err: unknown) =>
          err instanceof InvalidExport && err.serviceId === bad.id && err.problems.some((p) => p.startsWith('/url')),
      );
    } finally {
      await db.delete(directoryServices).where(eq(directoryServices.id, bad.id));
    }
  });

  test(`per_page is capped at ${mostPerPage}`, async () => {
    await db.insert(directoryServices).values(
      Array.from({ length: mostPerPage + 1 }, (_, i) => ({
        id: randomUUID(),
        name: `Zz filler ${String(i).padStart(3, '0')}`,
      })),
    );
    const capped = await page(`/openreferral/services?per_page=${mostPerPage * 5}`, 'services_page', 'service_list');
    assert.deepEqual(
      [capped.size, capped.total_items, capped.total_pages, capped.last_page],
      [mostPerPage, mostPerPage + 5, 2, false],
    );
    const defaulted = await page('/openreferral/services', 'services_page', 'service_list');
    assert.deepEqual([defaulted.contents.length, defaulted.total_pages], [50, 3], 'fifty to a page unless asked');
  });
});

describe("the profile's schemas, as compiled here", () => {
  const example = (name: string) =>
    JSON.parse(readFileSync(new URL(`../directory-import/fixtures/oruk/${name}`, import.meta.url), 'utf8')) as Json;
  const service = { id: randomUUID(), name: 'A service', status: 'active' };

  test("the profile's own examples validate", () => {
    assert.deepEqual(orukProblems('service', example('service_full.json')), []);
    assert.deepEqual(orukProblems('services_page', example('service_list.json')), []);
    assert.deepEqual(orukProblems('organization', example('organization_full.json')), []);
  });

  test("formats, required properties, types and enumerations are checked; the profile's extra keywords are not schema", () => {
    assert.deepEqual(orukProblems('service', service), []);
    assert.deepEqual(orukProblems('service', { ...service, id: 'not-an-id' }), ['/id must match format "uuid"']);
    assert.deepEqual(orukProblems('service', { ...service, url: 'www.example.org' }), ['/url must match format "uri"']);
    assert.deepEqual(orukProblems('service', { ...service, email: 'someone at example.org' }), [
      '/email must match format "email"',
    ]);
    assert.deepEqual(orukProblems('service', { ...service, last_modified: '26/11/2026' }), [
      '/last_modified must match format "date-time"',
    ]);
    assert.deepEqual(orukProblems('service', { ...service, status: 'open' }), [
      '/status must be equal to one of the allowed values',
    ]);
    assert.deepEqual(orukProblems('service', { ...service, minimum_age: '18' }), ['/minimum_age must be number']);
    assert.deepEqual(orukProblems('service', { id: service.id, status: 'active' }), [
      "(the whole object) must have required property 'name'",
    ]);
    assert.deepEqual(
      orukProblems('service', { ...service, contacts: [{ id: randomUUID(), phones: [{ number: '01632 960 001' }] }] }),
      [],
      'extra properties are allowed',
    );
    assert.deepEqual(orukProblems('service', { ...service, schedules: [{ id: randomUUID(), freq: 'DAILY' }] }), [
      '/schedules/0/freq must be equal to one of the allowed values',
    ]);
    assert.deepEqual(
      orukProblems('taxonomy', {
        id: randomUUID(),
        name: 'Needs',
        description: '',
        taxonomy_terms: [{ id: 'x', name: 'Gardening', description: '' }],
      }),
      ['/taxonomy_terms/0/id must match format "uuid"'],
    );
    assert.deepEqual(orukProblems('services_page', { total_items: 'many', contents: [{ id: service.id }] }), [
      '/total_items must be integer',
      "/contents/0 must have required property 'name'",
      "/contents/0 must have required property 'status'",
    ]);
  });
});
