import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import {
  auditEvents,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryImportFiles,
  directoryImportIssues,
  directoryImports,
  directoryLanguages,
  directoryLocations,
  directoryPhones,
  directorySchedules,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomyTerms,
  type Worker,
} from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { Agent, auditMark, errorSummary, inputValue, signedIn, useTestApp } from '../../../test/helpers.js';
import { mapId } from './import.clean.js';
import { claimJob } from '../../platform/jobs.js';
import { IMPORT_JOB, runNextImport, uploadOrigin } from './import.jobs.js';
import { fullServices } from '../openreferral/openreferral.service.js';
import { orukProblems } from '../openreferral/oruk.schemas.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => ({
  name: path.basename(name),
  content: readFileSync(path.join(here, 'fixtures', name), 'utf8'),
});
const csvFolder = path.join(here, 'fixtures/oruk/csv');
const csvFiles = () => readdirSync(csvFolder).map((f) => fixture(`oruk/csv/${f}`));

/** A multipart form, as a browser sends one with files. */
function multipart(files: Array<{ name: string; content: string | Buffer }>, fields: Record<string, string>) {
  const boundary = `----hearth${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  agent: Agent,
  files: Array<{ name: string; content: string | Buffer }>,
  fields: Record<string, string> = {},
) {
  await agent.get('/directory/imports/new');
  const { payload, contentType } = multipart(files, { _csrf: agent.csrfToken ?? '', ...fields });
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return agent.app.inject({
    method: 'POST',
    url: '/directory/imports/files',
    payload,
    headers: { 'content-type': contentType, cookie },
  });
}

const importIdFrom = (location: unknown) => /\/directory\/imports\/([0-9a-f-]{36})$/.exec(String(location))![1];

async function jobOf(db: Db, id: string) {
  const [row] = await db.select().from(directoryImports).where(eq(directoryImports.id, id));
  return row;
}

async function reportOf(db: Db, id: string) {
  const rows = await db
    .select()
    .from(directoryImportIssues)
    .where(eq(directoryImportIssues.importId, id))
    .orderBy(asc(directoryImportIssues.seq));
  return rows.map((r) => `${r.outcome} ${r.entity} ${r.recordId ?? '-'}: ${r.message}`);
}

const counts = (j: typeof directoryImports.$inferSelect) => ({
  status: j.status,
  total: j.totalRecords,
  processed: j.processedRecords,
  created: j.createdRecords,
  updated: j.updatedRecords,
  skipped: j.skippedRecords,
  cleaned: j.cleanedRecords,
});

async function rowCount(db: Db, table: Parameters<ReturnType<Db['select']>['from']>[0]) {
  const [r] = await db.select({ n: count() }).from(table);
  return r.n;
}

/** Where `actual` differs from what `expected` says (arrays matched by id): every field the source gave must come back. */
function differences(expected: unknown, actual: unknown, at = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at} is missing`];
    return expected.flatMap((e, i) => {
      const id = (e as { id?: string }).id;
      const match = id ? actual.find((a) => (a as { id?: string }).id === id) : actual[i];
      return match === undefined ? [`${at}[${id ?? i}] is missing`] : differences(e, match, `${at}[${id ?? i}]`);
    });
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return [`${at} is missing`];
    return Object.entries(expected).flatMap(([k, v]) =>
      differences(v, (actual as Record<string, unknown>)[k], `${at}.${k}`),
    );
  }
  return expected === actual ? [] : [`${at}: ${JSON.stringify(expected)} came back as ${JSON.stringify(actual)}`];
}

const json = (name: string) => JSON.parse(fixture(name).content) as Record<string, unknown>;

describe('directory imports', () => {
  const t = useTestApp();
  let admin: { worker: Worker; agent: Agent };
  const run = (opts: Parameters<typeof runNextImport>[1] = {}) => runNextImport(t.db, { now: t.clock.now, ...opts });
  /** Uploads files and runs the import they queue, through the app's job runner. */
  const importFiles = async (files: Array<{ name: string; content: string }>, fields: Record<string, string> = {}) => {
    const res = await upload(admin.agent, files, fields);
    assert.equal(res.statusCode, 303, res.body);
    const id = importIdFrom(res.headers.location);
    const runs = await t.app.jobs.runDue();
    assert.deepEqual(
      runs.filter((r) => r.kind === IMPORT_JOB).map((r) => r.outcome),
      ['done'],
    );
    const job = await jobOf(t.db, id);
    assert.equal(job.status, 'finished');
    return { id, job, report: await reportOf(t.db, id) };
  };

  before(async () => {
    admin = await signedIn(t.app, t.db, { role: 'admin' });
  });

  test('the import pages, and a form that cannot be imported is refused with a clear message and stores nothing', async () => {
    assert.equal((await admin.agent.get('/directory/imports')).statusCode, 200);
    const form = await admin.agent.get('/directory/imports/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    const before = await rowCount(t.db, directoryImports);
    const refusals: Array<[Array<{ name: string; content: string | Buffer }>, string]> = [
      [[], 'Select one or more files to import'],
      [[{ name: 'notes.txt', content: 'hello' }], 'notes.txt must be a JSON file (.json) or a CSV file (.csv)'],
      [[{ name: 'services.json', content: '  \n' }], 'services.json is empty'],
      [[{ name: 'services.json', content: '{"id": ' }], 'services.json is not valid JSON'],
      [
        [
          { name: 'services.csv', content: 'id,name\n1,A' },
          { name: 'more.json', content: '{}' },
        ],
        'Import CSV tables and JSON files separately',
      ],
      [
        [{ name: 'services.csv', content: Buffer.from('id,name\n1,Caf\xe9 club', 'latin1') }],
        'services.csv is not saved as UTF-8 text: save it as UTF-8 (in a spreadsheet, “CSV UTF-8”) and try again',
      ],
    ];
    for (const [files, message] of refusals) {
      const res = await upload(admin.agent, files);
      assert.equal(res.statusCode, 400, message);
      assert.deepEqual(errorSummary(res.body), [{ field: 'files', text: message }]);
    }
    // A browser sends an empty part when no file was chosen.
    const none = await upload(admin.agent, [{ name: '', content: '' }]);
    assert.deepEqual(errorSummary(none.body), [{ field: 'files', text: 'Select one or more files to import' }]);
    const feeds: Array<[string, string]> = [
      ['', 'Enter the feed’s web address'],
      [
        'directory.example.org',
        'Enter the feed’s web address in full, starting https://, like https://directory.example.org/api',
      ],
      ['ftp://directory.example.org/api', 'The feed’s web address must start with https:// or http://'],
      [
        'https://someone:secret@directory.example.org/api',
        'The feed’s web address must not contain a user name or password',
      ],
      [
        'https://directory.example.org/api?key=1',
        'Enter the feed’s address without anything after a ? or #, like https://directory.example.org/api',
      ],
    ];
    for (const [feedUrl, message] of feeds) {
      const res = await admin.agent.post('/directory/imports/feed', { feedUrl });
      assert.equal(res.statusCode, 400, message);
      assert.deepEqual(errorSummary(res.body), [{ field: 'feedUrl', text: message }]);
      assert.ok(
        feedUrl === '' || res.body.includes(`value="${feedUrl.replace(/&/g, '&amp;')}"`),
        'what was typed is shown again',
      );
    }
    assert.equal(await rowCount(t.db, directoryImports), before);
    // Someone who is not a directory editor cannot even send a file.
    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner' });
    const refused = await upload(agent, [fixture('oruk/service_full.json')]);
    assert.equal(refused.statusCode, 403);
    assert.equal(await rowCount(t.db, directoryImports), before);
  });

  test('the shared example service imports whole; the page shows progress and the report; the import is audited', async () => {
    const mark = await auditMark(t.db);
    const res = await upload(admin.agent, [fixture('oruk/service_full.json')]);
    const id = importIdFrom(res.headers.location);
    const queued = await admin.agent.get(`/directory/imports/${id}`);
    assert.match(
      queued.body,
      /<meta http-equiv="refresh" content="5">/,
      'the page refreshes itself while the import waits or runs',
    );
    assert.match(queued.body, /Waiting to start/);
    assert.deepEqual(await run(), { importId: id, status: 'finished' });
    assert.deepEqual(counts(await jobOf(t.db, id)), {
      status: 'finished',
      total: 1,
      processed: 1,
      created: 1,
      updated: 0,
      skipped: 0,
      cleaned: 1,
    });
    assert.deepEqual(await reportOf(t.db, id), [
      'cleaned location 3a19ff88-4620-4d17-9830-ac1d859eb5d5: latitude 100 is not between -90 and 90: left out',
      'cleaned location 3a19ff88-4620-4d17-9830-ac1d859eb5d5: longitude left out too: a position needs both',
      'cleaned attribute ae58cc39-8b70-4ab1-8aea-786882e5ac8e: link_type "link_type" stored as "service", the kind of record it is on',
    ]);
    const page = await admin.agent.get(`/directory/imports/${id}`);
    assert.doesNotMatch(page.body, /http-equiv="refresh"/, 'a finished import stops refreshing');
    assert.match(page.body, /Finished/);
    assert.match(page.body, /latitude 100 is not between -90 and 90: left out/);
    const list = await admin.agent.get('/directory/imports');
    assert.match(list.body, new RegExp(`/directory/imports/${id}`));

    const [service] = await t.db
      .select()
      .from(directoryServices)
      .where(eq(directoryServices.id, 'ac148810-d857-441c-9679-408f346de14b'));
    assert.equal(service.name, 'Community Counselling');
    assert.equal(service.minimumAge, 12);
    assert.equal(service.organizationId, 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610');
    assert.equal(service.origin, uploadOrigin('service_full.json'));
    assert.equal(service.checkedAt, null, 'an import is not a worker checking the record');
    const [loc] = await t.db
      .select()
      .from(directoryLocations)
      .where(eq(directoryLocations.id, '3a19ff88-4620-4d17-9830-ac1d859eb5d5'));
    assert.equal(loc.latitude, null);

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), sql`${auditEvents.id} > ${mark}`))
      .orderBy(asc(auditEvents.id));
    assert.deepEqual(
      audit.map((a) => [a.action, a.workerId, a.entity]),
      [
        ['create', admin.worker.id, 'directory_import'],
        ['update', admin.worker.id, 'directory_import'],
      ],
    );
    assert.deepEqual(audit[0].details, {
      source: 'json',
      sourceName: 'service_full.json',
      files: [{ name: 'service_full.json', bytes: Buffer.byteLength(fixture('oruk/service_full.json').content) }],
    });
    assert.deepEqual(audit[1].details, {
      outcome: 'finished',
      source: 'json',
      sourceName: 'service_full.json',
      total: 1,
      processed: 1,
      created: 1,
      updated: 0,
      skipped: 0,
      cleaned: 1,
      failure: null,
    });
  });

  test('round trip: the imported example exports as ORUK JSON that validates and keeps every value the source gave', async () => {
    const expected = json('oruk/service_full.json');
    const [exported] = await fullServices(t.db, [expected.id as string]);
    assert.deepEqual(orukProblems('service', exported), []);
    // What the report says was cleaned: the impossible latitude (and so the position) and the attribute's link_type.
    const sal = (expected.service_at_locations as Array<{ location: Record<string, unknown> }>)[0];
    delete sal.location.latitude;
    delete sal.location.longitude;
    (expected.attributes as Array<Record<string, unknown>>)[0].link_type = 'service';
    // ORUK 3.0's example repeats the accessibility description as "accessibility", a field the profile's table does not have.
    delete (sal.location.accessibility as Array<Record<string, unknown>>)[0].accessibility;
    assert.deepEqual(differences(expected, exported), []);
  });

  test('a list, and an organisation with its services, import; the same records again are updated, never added twice', async () => {
    const services = await rowCount(t.db, directoryServices);
    const list = await importFiles([fixture('oruk/service_list.json')]);
    assert.deepEqual(counts(list.job), {
      status: 'finished',
      total: 1,
      processed: 1,
      created: 0,
      updated: 1,
      skipped: 0,
      cleaned: 0,
    });
    assert.deepEqual(list.report, []);
    const org = await importFiles([fixture('oruk/organization_full.json')]);
    assert.deepEqual(counts(org.job), {
      status: 'finished',
      total: 2,
      processed: 2,
      created: 0,
      updated: 2,
      skipped: 0,
      cleaned: 1,
    });
    assert.equal(await rowCount(t.db, directoryServices), services);
    // A list gives one-to-one fields only: what it does not mention (the service's locations) is kept.
    assert.equal(
      (
        await t.db
          .select()
          .from(directoryServiceAtLocations)
          .where(eq(directoryServiceAtLocations.serviceId, 'ac148810-d857-441c-9679-408f346de14b'))
      ).length,
      1,
    );
    const [exported] = await fullServices(t.db, ['ac148810-d857-441c-9679-408f346de14b']);
    assert.deepEqual(orukProblems('service', exported), []);
  });

  test('the ORUK CSV tables, uploaded together, import and export as valid ORUK JSON', async () => {
    const { job, report } = await importFiles(csvFiles(), { sourceName: 'ORUK examples (CSV)' });
    assert.deepEqual(counts(job), {
      status: 'finished',
      total: 4,
      processed: 4,
      created: 1,
      updated: 3,
      skipped: 0,
      cleaned: 2,
    });
    assert.deepEqual(report, [
      'skipped file -: not imported: addresses.csv holds the same table',
      'skipped file -: not imported: Hearth does not keep table descriptions',
      'skipped file -: not imported: Hearth does not keep programmes',
      'skipped file -: not imported: Hearth does not keep required documents',
      'skipped file -: not imported: schedules.csv holds the same table',
      'skipped file -: not imported: taxonomies.csv holds the same table',
      'skipped attribute ae58cc39-8b70-4ab1-8aea-786882e5ac8e: link_id f28dd44b-0c4d-479f-8e90-4c52219a8b3c is not a service or contact in this import: left out',
      'cleaned taxonomy_term 3f7b145d-84af-42d7-8fae-eaca714b02b2: taxonomy_id 07ff6aee-a219-438c-b694-d2fcb6c5373b is not a taxonomy in this import or in Hearth: the term is kept without it',
      'cleaned location 3a19ff88-4620-4d17-9830-ac1d859eb5d5: latitude 100 is not between -90 and 90: left out',
      'cleaned location 3a19ff88-4620-4d17-9830-ac1d859eb5d5: longitude left out too: a position needs both',
      'cleaned address 74706e55-df26-4b84-80fe-ecc30b5befb4: address_2 "MyVillage" added to address_1 (ORUK 3.0 has one address line)',
      'cleaned phone 1554f2e2-a373-45db-a3fa-9fc48a61c15e: number "\\"+44 1234 234567\\"" stored as "+44 1234 234567"',
    ]);
    const [phone] = await t.db
      .select()
      .from(directoryPhones)
      .where(eq(directoryPhones.id, '1554f2e2-a373-45db-a3fa-9fc48a61c15e'));
    assert.equal(phone.number, '+44 1234 234567');
    assert.equal(phone.contactId, '1e7efce3-639b-4880-940c-b95cd30cdb50');
    const [language] = await t.db
      .select()
      .from(directoryLanguages)
      .where(eq(directoryLanguages.id, '2989d3ed-c547-48f8-8f9d-432d81c7892e'));
    assert.equal(language.phoneId, phone.id);
    const [schedule] = await t.db
      .select()
      .from(directorySchedules)
      .where(eq(directorySchedules.id, '48102e86-bb50-41c4-8f1e-e269368c41d1'));
    assert.deepEqual(
      [schedule.serviceAtLocationId, schedule.byday, schedule.opensAt, schedule.interval],
      ['e94c9f38-1e8f-4564-91d4-d53501ab1765', 'TH,FR', '10:00:00', 1],
    );
    const [address] = await t.db
      .select()
      .from(directoryAddresses)
      .where(eq(directoryAddresses.id, '74706e55-df26-4b84-80fe-ecc30b5befb4'));
    assert.equal(address.address1, '1-30 Main Street, MyVillage');
    const [term] = await t.db
      .select()
      .from(directoryTaxonomyTerms)
      .where(eq(directoryTaxonomyTerms.id, '3f7b145d-84af-42d7-8fae-eaca714b02b2'));
    assert.equal(term.taxonomyId, null);
    // The service's own attribute came from the JSON import; the CSV's attribute links to nothing, so the service has none now.
    assert.equal(
      (
        await t.db
          .select()
          .from(directoryAttributes)
          .where(eq(directoryAttributes.linkId, 'ac148810-d857-441c-9679-408f346de14b'))
      ).length,
      0,
    );
    const [exported] = await fullServices(t.db, ['ac148810-d857-441c-9679-408f346de14b']);
    assert.deepEqual(orukProblems('service', exported), []);
    const services = csvFiles().find((f) => f.name === 'services.csv')!;
    assert.equal(exported.name, 'Community Counselling');
    assert.equal(exported.last_modified, '2023-03-15T10:30:45.123Z');
    assert.ok(services.content.includes(String(exported.accreditations)));
  });

  test('a dirty feed: what is valid is imported, the rest left out or cleaned, with an exact report', async () => {
    const { id, job, report } = await importFiles([fixture('dirty-feed.json')]);
    assert.deepEqual(counts(job), {
      status: 'finished',
      total: 9,
      processed: 9,
      created: 6,
      updated: 0,
      skipped: 3,
      cleaned: 5,
    });
    const old = (entity: string, n: number) => mapId(uploadOrigin('dirty-feed.json'), entity, n).id;
    assert.deepEqual(report, [
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d02: minimum_age "18" was text: stored as the number 18',
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d02: maximum_age "abc" is not a whole number: left out',
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d02: url was empty: left out',
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d02: email was empty: left out',
      'cleaned schedule 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d21: freq "weekly" stored as "WEEKLY"',
      'cleaned schedule 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d21: byday "Monday, Thursday" stored as "MO,TH"',
      'cleaned schedule 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d21: opens_at "9am" stored as 09:00',
      'cleaned schedule 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d21: closes_at "17.30" stored as 17:30',
      'cleaned location 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d41: latitude "53.4808" was text: stored as the number 53.4808',
      'cleaned address 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d51: postal_code "nb3 4xy" stored as "NB3 4XY"',
      'skipped address 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d52: address has no city: address left out',
      'skipped service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d03: service has no name: not imported',
      'skipped service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d02: a service with the same id appears earlier in the import: this copy not imported',
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d04: status "open" stored as "active"',
      'skipped service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d05: status "maybe" is not one of active, inactive, defunct or temporarily closed: not imported',
      `cleaned eligibility ${old('eligibility', 1)}: eligibility "adults" left out: ORUK 3.0 keeps only ages`,
      `cleaned schedule ${old('schedule', 11)}: closes_at "2pm" stored as 14:00`,
      `cleaned service ${old('service', 42)}: ids that are not UUIDs were replaced by UUIDs made from this source and the old id, so importing again updates the same records: service 42, eligibility 1, service at location 8, location 9, address 10, schedule 11, language 5, funding 6, contact 3, phone 4, taxonomy term 99, attribute 7`,
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d06: url "not a web address" is not a web address: left out',
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d06: email "advice@" is not an email address: left out',
      'cleaned service 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d06: assured_date "2024-13-45" is not a real date: left out',
      'cleaned cost_option 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d61: amount "£0.00" was text: stored as the number 0',
      'cleaned location 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d72: latitude 100 is not between -90 and 90: left out',
      'cleaned location 0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d72: longitude left out too: a position needs both',
    ]);
    // What was stored is what the report says.
    const [walk] = await t.db
      .select()
      .from(directoryServices)
      .where(eq(directoryServices.id, '0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d02'));
    assert.deepEqual(
      [walk.name, walk.minimumAge, walk.maximumAge, walk.url, walk.email],
      ['Riverside Walking Group', 18, null, null, null],
    );
    const [walkTimes] = await t.db.select().from(directorySchedules).where(eq(directorySchedules.serviceId, walk.id));
    assert.deepEqual(
      [walkTimes.freq, walkTimes.byday, walkTimes.opensAt, walkTimes.closesAt],
      ['WEEKLY', 'MO,TH', '09:00:00', '17:30:00'],
    );
    const walkAddresses = await t.db
      .select()
      .from(directoryAddresses)
      .where(eq(directoryAddresses.locationId, '0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d41'));
    assert.deepEqual(
      walkAddresses.map((a) => [a.postalCode, a.postcodeDistrict]),
      [['NB3 4XY', 'NB3']],
    );
    const stored = await t.db
      .select({ name: directoryServices.name, status: directoryServices.status })
      .from(directoryServices)
      .where(eq(directoryServices.origin, uploadOrigin('dirty-feed.json')))
      .orderBy(asc(directoryServices.name));
    assert.deepEqual(stored, [
      { name: 'Allotment Friends', status: 'active' },
      { name: 'Benefits Advice Drop-in', status: 'active' },
      { name: 'Community Choir', status: 'active' },
      { name: 'Dementia Café', status: 'active' },
      { name: "Northbridge Carers' Centre", status: 'active' },
      { name: 'Riverside Walking Group', status: 'active' },
    ]);
    // The older shape, mapped: eligibility ages, a weekday schedule at the location, the taxonomy term, the phone.
    const [allotment] = await fullServices(t.db, [old('service', 42)]);
    assert.deepEqual(orukProblems('service', allotment), []);
    assert.equal(allotment.minimum_age, 18);
    const allotmentSchedules = await t.db
      .select()
      .from(directorySchedules)
      .where(eq(directorySchedules.serviceId, old('service', 42)));
    assert.deepEqual(
      allotmentSchedules.map((s) => [s.serviceAtLocationId, s.freq, s.byday, s.opensAt, s.closesAt]),
      [[old('service_at_location', 8), 'WEEKLY', 'TU', '10:00:00', '14:00:00']],
    );
    const [gardening] = await t.db
      .select()
      .from(directoryTaxonomyTerms)
      .where(eq(directoryTaxonomyTerms.id, old('taxonomy_term', 99)));
    assert.deepEqual([gardening.name, gardening.taxonomy], ['Gardening', 'Hearth needs']);
    const [phone] = await t.db
      .select()
      .from(directoryPhones)
      .where(eq(directoryPhones.id, old('phone', 4)));
    assert.equal(phone.contactId, old('contact', 3));
    const [english] = await t.db
      .select()
      .from(directoryLanguages)
      .where(eq(directoryLanguages.id, old('language', 5)));
    assert.equal(english.name, 'English');

    // The page shows the report, a page at a time.
    const page = await admin.agent.get(`/directory/imports/${id}`);
    assert.match(page.body, /24 things left out or cleaned/);
    assert.match(page.body, /service has no name: not imported/);
  });

  test('importing the same feed again updates every record in place: nothing is added twice, and changes land', async () => {
    const services = await rowCount(t.db, directoryServices);
    const schedules = await rowCount(t.db, directorySchedules);
    const contacts = await rowCount(t.db, directoryContacts);
    const locations = await rowCount(t.db, directoryLocations);
    const [before] = await t.db
      .select()
      .from(directoryServices)
      .where(eq(directoryServices.id, '0b3f1c52-4d1e-4c55-9f0e-2f6a4b7c8d01'));
    const feed = json('dirty-feed.json');
    const contents = feed.contents as Array<Record<string, unknown>>;
    contents[0].description = 'Advice, breaks and a listening ear for unpaid carers, now on Saturdays too.';
    const again = await importFiles([{ name: 'dirty-feed.json', content: JSON.stringify(feed) }]);
    assert.deepEqual(counts(again.job), {
      status: 'finished',
      total: 9,
      processed: 9,
      created: 0,
      updated: 6,
      skipped: 3,
      cleaned: 5,
    });
    assert.deepEqual(
      [
        await rowCount(t.db, directoryServices),
        await rowCount(t.db, directorySchedules),
        await rowCount(t.db, directoryContacts),
        await rowCount(t.db, directoryLocations),
      ],
      [services, schedules, contacts, locations],
    );
    const [after] = await t.db.select().from(directoryServices).where(eq(directoryServices.id, before.id));
    assert.equal(after.description, 'Advice, breaks and a listening ear for unpaid carers, now on Saturdays too.');
    assert.equal(after.version, before.version + 1, 'an editor holding the old version is told it changed');
  });

  test('one record the database refuses is left out and reported; the rest of its batch is stored', async () => {
    const doc = [
      { id: '5a1d7c1e-0000-4000-8000-000000000001', name: 'Befriending by phone', status: 'active' },
      { id: '5a1d7c1e-0000-4000-8000-000000000002', name: 'Broken\u0000record', status: 'active' },
      { id: '5a1d7c1e-0000-4000-8000-000000000003', name: 'Men\u2019s shed', status: 'active' },
    ];
    const { job, report } = await importFiles([{ name: 'refused.json', content: JSON.stringify(doc) }]);
    assert.deepEqual(counts(job), {
      status: 'finished',
      total: 3,
      processed: 3,
      created: 2,
      updated: 0,
      skipped: 1,
      cleaned: 0,
    });
    assert.equal(report.length, 1);
    assert.match(
      report[0],
      /^skipped service 5a1d7c1e-0000-4000-8000-000000000002: service could not be stored \(the database refused it: .+\): not imported$/,
    );
    const names = await t.db
      .select({ name: directoryServices.name })
      .from(directoryServices)
      .where(eq(directoryServices.origin, uploadOrigin('refused.json')))
      .orderBy(asc(directoryServices.name));
    assert.deepEqual(
      names.map((n) => n.name),
      ['Befriending by phone', 'Men’s shed'],
    );
  });

  test('an import stopped part-way waits again; one whose instance died is claimed once its heartbeat is old; it finishes without duplicates', async () => {
    const doc = Array.from({ length: 5 }, (_, i) => ({
      id: `7e1f0000-0000-4000-8000-00000000000${i}`,
      name: `Lunch club ${i + 1}`,
      status: 'active',
    }));
    const res = await upload(admin.agent, [{ name: 'lunch-clubs.json', content: JSON.stringify(doc) }]);
    const id = importIdFrom(res.headers.location);
    const stop = new AbortController();
    // Stopped between batches (its instance is closing): it waits for the next instance.
    const first = await run({ batchSize: 2, signal: stop.signal, onBatch: () => stop.abort() });
    assert.deepEqual(first, { importId: id, status: 'stopped' });
    assert.deepEqual(counts(await jobOf(t.db, id)), {
      status: 'queued',
      total: 5,
      processed: 2,
      created: 2,
      updated: 0,
      skipped: 0,
      cleaned: 0,
    });
    // Claimed by an instance that then died, it is left until its heartbeat is old.
    assert.ok(await claimJob(t.db, [IMPORT_JOB], 'an-instance-that-died', t.clock.now()));
    assert.equal(await run(), null, 'a running job with a fresh heartbeat is left to its instance');
    t.clock.advanceMinutes(6);
    assert.deepEqual(await run({ batchSize: 2 }), { importId: id, status: 'finished' });
    assert.deepEqual(counts(await jobOf(t.db, id)), {
      status: 'finished',
      total: 5,
      processed: 5,
      created: 5,
      updated: 0,
      skipped: 0,
      cleaned: 0,
    });
    const names = await t.db
      .select({ name: directoryServices.name })
      .from(directoryServices)
      .where(eq(directoryServices.origin, uploadOrigin('lunch-clubs.json')))
      .orderBy(asc(directoryServices.name));
    assert.deepEqual(
      names.map((n) => n.name),
      ['Lunch club 1', 'Lunch club 2', 'Lunch club 3', 'Lunch club 4', 'Lunch club 5'],
    );
  });

  test('CSV files with no table of services, organisations or taxonomies fail the import and say why', async () => {
    const res = await upload(admin.agent, [fixture('oruk/csv/programs.csv')]);
    const id = importIdFrom(res.headers.location);
    assert.deepEqual(await run(), { importId: id, status: 'failed' });
    const job = await jobOf(t.db, id);
    assert.equal(
      job.failure,
      'None of the files is a table of services, organisations or taxonomies (services.csv, organizations.csv, taxonomies.csv or taxonomy_terms.csv)',
    );
    assert.deepEqual(counts(job), {
      status: 'failed',
      total: null,
      processed: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      cleaned: 0,
    });
  });

  describe('from a feed URL', () => {
    let server: Server;
    let base = '';
    /** What the local feed serves; a test changes it. */
    let routes: Record<string, () => { status: number; body?: unknown } | null> = {};
    const summary = (s: Record<string, unknown>) => ({ id: s.id, name: s.name, status: s.status });
    const full = (n: number) => ({
      id: `9c0e0000-0000-4000-8000-00000000000${n}`,
      name: `Garden group ${n}`,
      status: 'active',
      schedules: [
        {
          id: `9c0e0000-0000-4000-8000-00000000010${n}`,
          freq: 'WEEKLY',
          byday: 'WE',
          opens_at: '10:00',
          closes_at: '12:00',
        },
      ],
    });
    const page = (items: unknown[], n: number, pages: number, total: number) => ({
      total_items: total,
      total_pages: pages,
      page_number: n,
      size: items.length,
      first_page: n === 1,
      last_page: n === pages,
      empty: false,
      contents: items,
    });

    before(async () => {
      server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const route =
          routes[`${url.pathname}${url.searchParams.has('page') ? `?page=${url.searchParams.get('page')}` : ''}`];
        const answer = route?.() ?? { status: 404, body: { message: 'not found' } };
        if (answer.status === 0) return; // never answers
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body ?? {}));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    test('pages through the services, fetching each full record, and reports one that will not load', async () => {
      routes = {
        '/api/services?page=1': () => ({ status: 200, body: page([summary(full(1)), summary(full(2))], 1, 2, 4) }),
        '/api/services?page=2': () => ({ status: 200, body: page([summary(full(3)), summary(full(4))], 2, 2, 4) }),
        '/api/services/9c0e0000-0000-4000-8000-000000000001': () => ({ status: 200, body: full(1) }),
        '/api/services/9c0e0000-0000-4000-8000-000000000002': () => ({ status: 200, body: full(2) }),
        '/api/services/9c0e0000-0000-4000-8000-000000000003': () => ({ status: 200, body: full(3) }),
        '/api/services/9c0e0000-0000-4000-8000-000000000004': () => ({ status: 500, body: {} }),
      };
      const res = await admin.agent.post('/directory/imports/feed', { feedUrl: `${base}/services/` });
      assert.equal(res.statusCode, 303);
      const id = importIdFrom(res.headers.location);
      assert.deepEqual(await run(), { importId: id, status: 'finished' });
      const job = await jobOf(t.db, id);
      assert.equal(job.sourceName, base, 'the feed is kept as its base address');
      assert.deepEqual(counts(job), {
        status: 'finished',
        total: 4,
        processed: 4,
        created: 3,
        updated: 0,
        skipped: 1,
        cleaned: 0,
      });
      assert.deepEqual(await reportOf(t.db, id), [
        `skipped service 9c0e0000-0000-4000-8000-000000000004: the full record could not be fetched (${base}/services/9c0e0000-0000-4000-8000-000000000004 answered 500 Internal Server Error): not imported`,
      ]);
      const schedules = await t.db
        .select()
        .from(directorySchedules)
        .where(eq(directorySchedules.serviceId, '9c0e0000-0000-4000-8000-000000000003'));
      assert.deepEqual(
        schedules.map((s) => [s.byday, s.opensAt]),
        [['WE', '10:00:00']],
      );
      const [stored] = await t.db
        .select()
        .from(directoryServices)
        .where(eq(directoryServices.id, '9c0e0000-0000-4000-8000-000000000001'));
      assert.equal(stored.origin, `feed ${base}`);
    });

    test('a feed that fails part-way fails the import with a clear reason, keeping and counting what it had read', async () => {
      routes = {
        '/api/services?page=1': () => ({ status: 200, body: page([full(5), full(6)], 1, 3, 6) }),
        '/api/services?page=2': () => ({ status: 503, body: {} }),
      };
      const res = await admin.agent.post('/directory/imports/feed', { feedUrl: base });
      const id = importIdFrom(res.headers.location);
      assert.deepEqual(await run(), { importId: id, status: 'failed' });
      const job = await jobOf(t.db, id);
      assert.equal(job.failure, `${base}/services?page=2&per_page=100 answered 503 Service Unavailable`);
      assert.deepEqual(counts(job), {
        status: 'failed',
        total: 6,
        processed: 2,
        created: 2,
        updated: 0,
        skipped: 0,
        cleaned: 0,
      });
      const shown = await admin.agent.get(`/directory/imports/${id}`);
      assert.match(shown.body, /The import stopped: /);
    });

    test('a feed that does not answer in time, or is not there, fails the import and says why', async () => {
      routes = { '/api/services?page=1': () => ({ status: 0 }) };
      let res = await admin.agent.post('/directory/imports/feed', { feedUrl: base });
      let id = importIdFrom(res.headers.location);
      assert.deepEqual(await run({ feed: { timeoutMs: 1000 } }), { importId: id, status: 'failed' });
      assert.equal(
        (await jobOf(t.db, id)).failure,
        `${base}/services?page=1&per_page=100 did not answer within 1 second`,
      );

      routes = {};
      res = await admin.agent.post('/directory/imports/feed', { feedUrl: base });
      id = importIdFrom(res.headers.location);
      assert.deepEqual(await run(), { importId: id, status: 'failed' });
      assert.equal((await jobOf(t.db, id)).failure, `${base}/services?page=1&per_page=100 answered 404 Not Found`);
      assert.deepEqual(counts(await jobOf(t.db, id)), {
        status: 'failed',
        total: null,
        processed: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        cleaned: 0,
      });
    });
  });
});

describe('uploads that cannot be read, or are too large', () => {
  // Small limits, so the tests send kilobytes: 64 KB a file, 96 KB in all.
  const t = useTestApp({ IMPORT_FILE_LIMIT_MB: String(64 / 1024), IMPORT_UPLOAD_LIMIT_MB: String(96 / 1024) });
  let admin: { worker: Worker; agent: Agent };
  before(async () => {
    admin = await signedIn(t.app, t.db, { role: 'admin' });
  });

  /** What an upload could have left behind: import rows, stored files, temporary files. */
  const stored = async () => ({
    imports: await rowCount(t.db, directoryImports),
    files: await rowCount(t.db, directoryImportFiles),
    temporary: readdirSync(tmpdir()).filter((d) => d.startsWith(`hearth-upload-${process.pid}-`)).length,
  });

  async function send(payload: Buffer | string, contentType: string) {
    await admin.agent.get('/directory/imports/new');
    const cookie = [...admin.agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return t.app.inject({
      method: 'POST',
      url: '/directory/imports/files',
      payload,
      headers: { 'content-type': contentType, cookie },
    });
  }

  test('a body with no boundary, a broken boundary or cut short gets the "problem with what was sent" page and stores nothing', async () => {
    const before = await stored();
    await admin.agent.get('/directory/imports/new');
    const good = multipart([fixture('oruk/service_full.json')], { _csrf: admin.agent.csrfToken! });
    const boundary = /boundary=(.*)$/.exec(good.contentType)![1];
    const body = good.payload.toString();
    const cases: Array<[string, string, string]> = [
      ['no boundary', body, 'multipart/form-data'],
      ['an empty boundary', body, 'multipart/form-data; boundary='],
      ['a boundary that is not in the body', body, 'multipart/form-data; boundary=not-the-one'],
      ['a broken closing boundary', body.replace(`--${boundary}--`, `--${boundary.slice(0, -3)}--`), good.contentType],
      ['a body cut short in the file', body.slice(0, body.length - 2000), good.contentType],
      ['a body cut short in the headers', body.slice(0, body.indexOf('filename=') + 5), good.contentType],
    ];
    for (const [what, payload, contentType] of cases) {
      const res = await send(payload, contentType);
      assert.equal(res.statusCode, 400, what);
      assert.match(res.body, /There is a problem with what was sent/, what);
      assert.match(res.body, /nothing was saved/, what);
      assert.doesNotMatch(res.body, /Sorry, there is a problem with Hearth/, what);
      assert.deepEqual(await stored(), before, `${what}: nothing stored`);
    }
  });

  test('a file over the limit for one file, or files over the limit together, are refused with a clear message and nothing is stored', async () => {
    const form = await admin.agent.get('/directory/imports/new');
    assert.match(form.body, /Up to 30 files, each smaller than 64 KB and 96 KB in total/, 'the form says the limits');
    const before = await stored();
    const big = { name: 'big.json', content: JSON.stringify({ id: 'x', name: 'y'.repeat(65 * 1024) }) };
    const half = (name: string) => ({ name, content: JSON.stringify({ id: name, name: 'z'.repeat(50 * 1024) }) });
    const refusals: Array<[Array<{ name: string; content: string }>, string]> = [
      [[big], 'big.json must be smaller than 64 KB'],
      [
        [fixture('oruk/service_full.json'), big, fixture('oruk/service_list.json')],
        'big.json must be smaller than 64 KB',
      ],
      [[half('one.json'), half('two.json')], 'The selected files must be smaller than 96 KB in total'],
    ];
    for (const [files, message] of refusals) {
      const res = await upload(admin.agent, files, { sourceName: 'Riverside directory' });
      assert.equal(res.statusCode, 413, message);
      assert.deepEqual(errorSummary(res.body), [{ field: 'files', text: message }]);
      assert.equal(inputValue(res.body, 'sourceName'), 'Riverside directory', 'what was typed is shown again');
      assert.deepEqual(await stored(), before, `${message}: nothing stored`);
    }

    // Under the limits, files are stored as sent, one row each, and the import runs.
    const files = [fixture('oruk/service_full.json'), half('three.json')];
    const res = await upload(admin.agent, files);
    assert.equal(res.statusCode, 303, res.body);
    const id = importIdFrom(res.headers.location);
    const rows = await t.db
      .select()
      .from(directoryImportFiles)
      .where(eq(directoryImportFiles.importId, id))
      .orderBy(asc(directoryImportFiles.name));
    assert.deepEqual(
      rows.map((r) => [r.name, r.content]),
      [...files].sort((a, b) => a.name.localeCompare(b.name)).map((f) => [f.name, f.content]),
    );
    assert.equal((await stored()).temporary, 0, 'no temporary files left');
    assert.equal((await runNextImport(t.db, { now: t.clock.now }))?.status, 'finished');
  });
});
