import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  connections,
  directoryAddresses,
  directoryAttributes,
  directoryLocations,
  directoryOrganisations,
  directorySchedules,
  directoryServiceAtLocations,
  directoryServices,
  directoryVacancies,
  localityPostcodes,
  type Worker,
} from '../../db/schema/index.js';
import {
  Agent,
  auditMark,
  attrs,
  errorSummary,
  fingerprintTables,
  inputValue,
  newTeam,
  page as parse,
  readText,
  signedIn,
  texts,
  useTestApp,
} from '../../../test/helpers.js';
import { auditSince, decodeHtml, formInputs, newPerson, shows, textareaValue } from '../../../test/people-factories.js';
import {
  newDirectoryOrganisation,
  newDirectoryService,
  newPostcodePoint,
  newTaxonomy,
  newTaxonomyTerm,
  newVacancy,
  setChecked,
  type ServiceSpec,
} from '../../../test/directory-factories.js';
import { clock, daysInWords, monthsBefore, openingTimesInWords, staleness } from './directory.service.js';

const DAY = 86_400_000;

/** A word no other test uses, so a search finds only this test's resources. */
const token = () =>
  `zq${randomBytes(4)
    .toString('hex')
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`;

/** The resources linked from a results list, in order. */
function resultIds(html: string): string[] {
  return attrs(html, 'ol.hearth-results:first li > h3 > a.govuk-link[href^="/directory/"]', 'href').map((href) =>
    href.slice('/directory/'.length),
  );
}

/** The text of one resource's list item in the results. */
function resultItem(html: string, id: string): string {
  const $ = parse(html);
  const item = $(`ol.hearth-results a[href="/directory/${id}"]`).closest('li');
  assert.equal(item.length, 1, `the results show ${id}`);
  return readText($.html(item));
}

/** A page's text, a space for every tag. */
const text = (html: string) => readText(html);

async function search(agent: Agent, params: Record<string, string>) {
  return agent.get(`/directory?${new URLSearchParams(params).toString()}`);
}

const service = (db: Db, id: string) =>
  db
    .select()
    .from(directoryServices)
    .where(eq(directoryServices.id, id))
    .then((r) => r[0]);

describe('the plain-English helpers', () => {
  test('opening times read as people say them', () => {
    assert.equal(clock('10:00:00'), '10am');
    assert.equal(clock('12:00:00'), '12 noon');
    assert.equal(clock('14:30:00'), '2:30pm');
    assert.equal(clock('00:00:00'), 'midnight');
    assert.equal(daysInWords(['TU', 'TH']), 'Tuesdays and Thursdays');
    assert.equal(daysInWords(['MO', 'TU', 'WE', 'TH', 'FR']), 'Mondays to Fridays');
    assert.equal(daysInWords(['MO', 'WE', 'FR', 'SA', 'SU']), 'Mondays, Wednesdays and Fridays to Sundays');
    assert.equal(daysInWords(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']), 'Every day');
    const schedules = [
      { freq: 'WEEKLY', byday: 'TU', opensAt: '10:00:00', closesAt: '12:00:00', description: null },
      { freq: 'WEEKLY', byday: 'TH', opensAt: '10:00:00', closesAt: '12:00:00', description: null },
      { freq: 'WEEKLY', byday: 'SA', opensAt: '09:30:00', closesAt: '13:00:00', description: null },
      { freq: 'MONTHLY', byday: '1MO', opensAt: '14:00:00', closesAt: '16:00:00', description: null },
      { freq: null, byday: null, opensAt: null, closesAt: null, description: 'Closed on bank holidays' },
    ];
    assert.deepEqual(openingTimesInWords(schedules), [
      'Tuesdays and Thursdays, 10am to 12 noon',
      'Saturdays, 9:30am to 1pm',
      'The first Monday of the month, 2pm to 4pm',
      'Closed on bank holidays',
    ]);
  });

  test('a record is possibly out of date after the configured months, in calendar months', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    assert.equal(staleness(null, now, 12), 'May be out of date — never checked');
    assert.equal(staleness(new Date('2026-01-01T00:00:00Z'), now, 12), null);
    assert.equal(staleness(new Date('2025-11-27T00:00:00Z'), now, 12), null);
    assert.equal(
      staleness(new Date('2025-09-20T00:00:00Z'), now, 12),
      'May be out of date — last checked 14 months ago',
    );
    assert.equal(staleness(new Date('2024-10-01T00:00:00Z'), now, 12), 'May be out of date — last checked 2 years ago');
    assert.equal(staleness(new Date('2026-04-01T00:00:00Z'), now, 6), 'May be out of date — last checked 7 months ago');
    assert.equal(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString(), '2026-02-28T12:00:00.000Z');
  });
});

describe('finding a resource', () => {
  const t = useTestApp();
  let agent: Agent;
  let admin: Worker;
  before(async () => {
    ({ agent } = await signedIn(t.app, t.db, { role: 'practitioner' }));
    ({ worker: admin } = await signedIn(t.app, t.db, { role: 'admin' }));
  });

  /** Runs `fn` with the clock moved on, as a practitioner who signs in then (sessions end when the clock jumps). */
  async function later(minutes: number, fn: (a: Agent) => Promise<void>) {
    t.clock.advanceMinutes(minutes);
    try {
      await fn((await signedIn(t.app, t.db, { role: 'practitioner' })).agent);
    } finally {
      t.clock.advanceMinutes(-minutes);
    }
  }

  test('by words: ranked by how well they match, each with its organisation and a short description', async () => {
    const w = token();
    const org = await newDirectoryOrganisation(t.db, { name: `Allotment Society ${w}` });
    const best = await newDirectoryService(t.db, {
      name: `${w} gardening group`,
      description: 'Growing vegetables together.',
      organisationId: org,
    });
    const mention = await newDirectoryService(t.db, {
      name: `Coffee morning ${w}`,
      description: `Tea and chat. Some of us talk about ${w} gardening.`,
    });
    const other = await newDirectoryService(t.db, {
      name: `${w} knitting circle`,
      description: 'Knitting and natter.',
    });
    const res = await search(agent, { q: `${w} gardening` });
    assert.equal(res.statusCode, 200);
    const ids = resultIds(res.body);
    assert.deepEqual(
      ids,
      [best.id, mention.id],
      'the gardening group, whose name matches, before the one that only mentions it; not the knitting circle',
    );
    assert.ok(!ids.includes(other.id));
    assert.match(resultItem(res.body, best.id), new RegExp(`Allotment Society ${w}`));
    assert.match(resultItem(res.body, best.id), /Growing vegetables together\./);
    assert.match(res.body, /2 resources found/);
    // A name with a typo still finds it.
    const typo = await search(agent, { q: `${w} gardning grop` });
    assert.ok(resultIds(typo.body).includes(best.id), 'a typo in the name');
  });

  test('by need: a taxonomy term, chosen from a list grouped by taxonomy', async () => {
    const w = token();
    const taxonomy = await newTaxonomy(t.db, { name: `Needs ${w}` });
    const company = await newTaxonomyTerm(t.db, { name: 'Company and friendship', taxonomyId: taxonomy });
    const money = await newTaxonomyTerm(t.db, { name: 'Money and benefits', taxonomyId: taxonomy });
    const club = await newDirectoryService(t.db, { name: `${w} lunch club`, termIds: [company] });
    const advice = await newDirectoryService(t.db, { name: `${w} benefits advice`, termIds: [money] });
    const page = await agent.get('/directory');
    assert.ok(attrs(page.body, 'select optgroup', 'label').includes(`Needs ${w}`));
    const res = await search(agent, { need: company, q: w });
    assert.deepEqual(resultIds(res.body), [club.id]);
    const byNeedOnly = await search(agent, { need: money });
    assert.ok(resultIds(byNeedOnly.body).includes(advice.id));
    assert.ok(!resultIds(byNeedOnly.body).includes(club.id));
    // Nothing searched yet: browse by need, with counts.
    assert.deepEqual(texts(page.body, `a[href="/directory?need=${money}"]`), ['Money and benefits']);
    assert.deepEqual(texts(page.body, `a[href="/directory?need=${money}"] + span.govuk-body-s`), ['(1)']);
  });

  test('by locality: the postcode districts the locality team covers, from the postcode map', async () => {
    const w = token();
    const north = await newTeam(t.db, { kind: 'locality', name: `North ${w}` });
    const south = await newTeam(t.db, { kind: 'locality', name: `South ${w}` });
    await t.db.insert(localityPostcodes).values([
      { prefix: 'LC1', teamId: north.id },
      { prefix: 'LC2', teamId: north.id },
      { prefix: 'LC3', teamId: south.id },
    ]);
    const inNorth = await newDirectoryService(t.db, { name: `${w} North group`, locations: [{ postcode: 'LC1 1AA' }] });
    const alsoNorth = await newDirectoryService(t.db, {
      name: `${w} Second north group`,
      locations: [{ postcode: 'LC2 4BB' }],
    });
    const inSouth = await newDirectoryService(t.db, { name: `${w} South group`, locations: [{ postcode: 'LC3 1AA' }] });
    const page = await agent.get('/directory');
    assert.match(decodeHtml(page.body), new RegExp(`North ${w} \\(LC1, LC2\\)`));
    const res = await search(agent, { q: w, locality: north.id });
    assert.deepEqual(resultIds(res.body).sort(), [inNorth.id, alsoNorth.id].sort());
    assert.match(
      resultItem(res.body, inNorth.id),
      new RegExp(`LC1 1AA \\(North ${w}\\)`),
      'where it is, with its locality',
    );
    const south2 = await search(agent, { q: w, locality: south.id });
    assert.deepEqual(resultIds(south2.body), [inSouth.id]);
    // A team given a whole area ("AR") covers the districts in it that no other team has by name.
    const area = await newTeam(t.db, { kind: 'locality', name: `Area ${w}` });
    const district = await newTeam(t.db, { kind: 'locality', name: `District ${w}` });
    await t.db.insert(localityPostcodes).values([
      { prefix: 'AR', teamId: area.id },
      { prefix: 'AR5', teamId: district.id },
    ]);
    const inArea = await newDirectoryService(t.db, { name: `${w} area group`, locations: [{ postcode: 'AR1 2CD' }] });
    const inDistrict = await newDirectoryService(t.db, {
      name: `${w} district group`,
      locations: [{ postcode: 'AR5 2CD' }],
    });
    assert.deepEqual(resultIds((await search(agent, { q: w, locality: area.id })).body), [inArea.id]);
    assert.deepEqual(resultIds((await search(agent, { q: w, locality: district.id })).body), [inDistrict.id]);
    const unknown = await search(agent, { q: w, locality: randomUUID() });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(errorSummary(unknown.body), [{ field: 'locality', text: 'Choose a locality from the list' }]);
  });

  test('by distance from a postcode: nearest first, with how far; an unknown postcode is a clear message', async () => {
    const w = token();
    // DS1 1AA at 53.5, -2.0; each 0.01 degree of latitude is about 0.69 miles.
    await newPostcodePoint(t.db, 'DS1 1AA', 53.5, -2.0);
    await newPostcodePoint(t.db, 'DS2', 53.6, -2.0);
    const at = (north: number) => ({ latitude: 53.5 + north, longitude: -2.0, postcode: 'DS1 9ZZ' });
    const near = await newDirectoryService(t.db, { name: `${w} near`, locations: [at(0.005)] });
    const middle = await newDirectoryService(t.db, { name: `${w} middle`, locations: [at(0.02)] });
    const far = await newDirectoryService(t.db, { name: `${w} far`, locations: [at(0.2)] });
    const nowhere = await newDirectoryService(t.db, { name: `${w} no place` });
    const res = await search(agent, { q: w, postcode: 'ds11aa', miles: '2' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      resultIds(res.body),
      [near.id, middle.id],
      'within 2 miles, nearest first; not the one 14 miles away, nor one with no place',
    );
    assert.match(resultItem(res.body, near.id), /0\.3 miles away/);
    assert.match(resultItem(res.body, middle.id), /1\.4 miles away/);
    const wider = await search(agent, { postcode: 'DS1 1AA', miles: '20', q: w });
    assert.deepEqual(resultIds(wider.body), [near.id, middle.id, far.id]);
    assert.ok(!resultIds(wider.body).includes(nowhere.id));
    // A postcode not known in full is placed at its district's centre.
    const district = await search(agent, { postcode: 'DS2 3XY', miles: '20', q: w });
    assert.deepEqual(resultIds(district.body), [middle.id, near.id, far.id], 'DS2 is 0.1 degrees north of DS1 1AA');
    const unknown = await search(agent, { postcode: 'ZZ9 9ZZ', q: w });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(errorSummary(unknown.body), [
      {
        field: 'postcode',
        text: 'Hearth does not know where ZZ9 9ZZ is. Check the postcode, or try its district (like NB3) or a locality',
      },
    ]);
    assert.equal(inputValue(unknown.body, 'postcode'), 'ZZ9 9ZZ', 'what was typed is kept');
    const nonsense = await search(agent, { postcode: 'not a postcode' });
    assert.deepEqual(errorSummary(nonsense.body), [
      { field: 'postcode', text: 'Enter a postcode, like NB3 4XY, or a postcode district, like NB3' },
    ]);
  });

  test('by who it is for: the age', async () => {
    const w = token();
    const older = await newDirectoryService(t.db, { name: `${w} over 60s`, minimumAge: 60 });
    const young = await newDirectoryService(t.db, { name: `${w} young adults`, minimumAge: 18, maximumAge: 25 });
    const anyone = await newDirectoryService(t.db, { name: `${w} everyone` });
    assert.deepEqual(resultIds((await search(agent, { q: w, age: '68' })).body).sort(), [older.id, anyone.id].sort());
    assert.deepEqual(resultIds((await search(agent, { q: w, age: '20' })).body).sort(), [young.id, anyone.id].sort());
    const bad = await search(agent, { q: w, age: 'sixty' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), [{ field: 'age', text: 'Enter an age in whole years, like 68' }]);
  });

  test('by when it is open: a day, a day and time, and "open now" in UK time from the clock', async () => {
    const w = token();
    // The test clock starts on Thursday 26 November 2026, 10:00 in the UK.
    const morning = await newDirectoryService(t.db, {
      name: `${w} Thursday morning`,
      schedules: [{ byday: 'TU,TH', opensAt: '09:00', closesAt: '12:00' }],
    });
    const afternoon = await newDirectoryService(t.db, {
      name: `${w} Thursday afternoon`,
      locations: [{ postcode: 'OP1 1AA', schedules: [{ byday: 'TH', opensAt: '13:00', closesAt: '15:00' }] }],
    });
    const monday = await newDirectoryService(t.db, {
      name: `${w} Monday`,
      schedules: [{ byday: 'MO', opensAt: '10:00', closesAt: '12:00' }],
    });
    const ids = async (params: Record<string, string>) =>
      resultIds((await search(agent, { q: w, ...params })).body).sort();
    assert.deepEqual(await ids({ when: 'TH' }), [morning.id, afternoon.id].sort());
    assert.deepEqual(await ids({ when: 'MO' }), [monday.id]);
    assert.deepEqual(await ids({ when: 'TH', at: '2pm' }), [afternoon.id]);
    assert.deepEqual(await ids({ when: 'TU', at: '11:30' }), [morning.id]);
    const now = await search(agent, { q: w, when: 'now' });
    assert.deepEqual(resultIds(now.body), [morning.id]);
    assert.match(now.body, /1 resource found, open now \(10:00\)/);
    await later(210, async (a) => {
      // 13:30
      assert.deepEqual(resultIds((await search(a, { q: w, when: 'now' })).body), [afternoon.id]);
    });
    const noDay = await search(agent, { q: w, at: '14:00' });
    assert.deepEqual(errorSummary(noDay.body), [{ field: 'when', text: 'Choose a day to go with the time' }]);
    const badTime = await search(agent, { q: w, when: 'TH', at: '25 o’clock' });
    assert.deepEqual(errorSummary(badTime.body), [{ field: 'at', text: 'Enter a time, like 10:30 or 2pm' }]);
  });

  test('each result says when it may be out of date, going by the clock, and when it is not running', async () => {
    const w = token();
    const now = t.clock.now();
    const recent = await newDirectoryService(t.db, { name: `${w} recent` });
    await setChecked(t.db, recent.id, new Date(now.getTime() - 11 * 30 * DAY), admin.id);
    const old = await newDirectoryService(t.db, { name: `${w} old` });
    await setChecked(t.db, old.id, monthsBefore(now, 14), admin.id);
    const never = await newDirectoryService(t.db, { name: `${w} never`, status: 'temporarily closed' });
    const res = await search(agent, { q: w });
    assert.doesNotMatch(resultItem(res.body, recent.id), /May be out of date/);
    assert.match(resultItem(res.body, old.id), /May be out of date — last checked 14 months ago/);
    assert.match(resultItem(res.body, never.id), /May be out of date — never checked/);
    assert.match(resultItem(res.body, never.id), /Temporarily closed/);
    // Two months on, the recent one has passed twelve months too.
    await later(70 * 24 * 60, async (a) => {
      const res2 = await search(a, { q: w });
      assert.match(resultItem(res2.body, recent.id), /May be out of date — last checked 13 months ago/);
      assert.match(resultItem(res2.body, old.id), /last checked 16 months ago/);
    });
  });

  test('results are paged', async () => {
    const w = token();
    for (let i = 0; i < 23; i++) await newDirectoryService(t.db, { name: `${w} group ${String(i).padStart(2, '0')}` });
    const first = await search(agent, { q: w });
    assert.equal(resultIds(first.body).length, 20);
    assert.match(first.body, /23 resources found/);
    assert.equal(parse(first.body)('.govuk-pagination').length, 1);
    const second = await search(agent, { q: w, page: '2' });
    assert.equal(resultIds(second.body).length, 3);
    assert.equal(new Set([...resultIds(first.body), ...resultIds(second.body)]).size, 23);
  });

  test('partners may use the directory (it holds no personal data); the navigation shows it to council roles', async () => {
    const { agent: partner } = await signedIn(t.app, t.db, { role: 'partner' });
    const res = await partner.get('/directory');
    assert.equal(res.statusCode, 200);
    assert.ok(!attrs(res.body, 'a.govuk-service-navigation__link', 'href').includes('/directory'));
    const home = await agent.get('/');
    assert.ok(attrs(home.body, 'a.govuk-service-navigation__link', 'href').includes('/directory'));
    assert.doesNotMatch(res.body, /Add a resource/, 'only editors are offered editing');
  });
});

describe('a resource’s page', () => {
  const t = useTestApp();
  let agent: Agent;
  let admin: Worker;
  before(async () => {
    ({ agent } = await signedIn(t.app, t.db, { role: 'practitioner' }));
    ({ worker: admin } = await signedIn(t.app, t.db, { role: 'admin', name: 'Sam Checker' }));
  });

  test('shows what it offers, who for, where and when, cost, how to get in touch, vacancies and who last checked it', async () => {
    const taxonomy = await newTaxonomy(t.db, { name: 'What would help' });
    const who = await newTaxonomy(t.db, { name: 'Who it is for' });
    const gardening = await newTaxonomyTerm(t.db, { name: 'Gardening and the outdoors', taxonomyId: taxonomy });
    const men = await newTaxonomyTerm(t.db, { name: 'Men', taxonomyId: who });
    const org = await newDirectoryOrganisation(t.db, { name: 'Northbridge Community Allotments' });
    const spec: ServiceSpec = {
      name: 'Green Fingers gardening group',
      description: 'Growing vegetables together.\n\nTools provided.',
      organisationId: org,
      minimumAge: 18,
      url: 'https://greenfingers.example.org',
      email: 'hello@greenfingers.example.org',
      locations: [
        {
          name: 'The allotments',
          address1: 'Ings Lane',
          city: 'Northbridge',
          postcode: 'NB4 7GF',
          accessibility: 'Raised beds',
        },
      ],
      schedules: [
        { byday: 'TU,TH', opensAt: '10:00', closesAt: '12:00' },
        { freq: 'MONTHLY', byday: '1SA', opensAt: '10:00', closesAt: '13:00' },
      ],
      termIds: [gardening, men],
      costOptions: [{ option: 'Free' }, { option: 'a year for your own plot', amount: 25 }],
      contacts: [{ name: 'Dave Hirst', title: 'Secretary', phones: ['01632 960123'] }],
      languages: [{ name: 'Polish', code: 'pl' }],
    };
    const made = await newDirectoryService(t.db, spec);
    await setChecked(t.db, made.id, new Date(t.clock.now().getTime() - 3 * DAY), admin.id);
    await newVacancy(t.db, made.id, {
      placesFree: 2,
      topUpWeekly: 45.5,
      updatedAt: new Date(t.clock.now().getTime() - 3 * DAY - 3600_000),
      updatedById: admin.id,
    });
    const res = await agent.get(`/directory/${made.id}`);
    assert.equal(res.statusCode, 200);
    const page = text(res.body);
    for (const expected of [
      'Northbridge Community Allotments Green Fingers gardening group',
      'Growing vegetables together. Tools provided.',
      'Ages 18 and over',
      'What would help Gardening and the outdoors',
      'Who it is for Men',
      'The allotments Ings Lane Northbridge NB4 7GF',
      'Access: Raised beds',
      'Tuesdays and Thursdays, 10am to 12 noon',
      'The first Saturday of the month, 10am to 1pm',
      'Free',
      '£25 a year for your own plot',
      'Dave Hirst, Secretary 01632 960123',
      'Email hello@greenfingers.example.org',
      'Website https://greenfingers.example.org',
      'Languages Polish',
      'Places free now 2',
      'Weekly top-up £45.50 a week',
      'Updated 3 days ago by Sam Checker',
      'Last checked 23 November 2026 (3 days ago) by Sam Checker',
    ]) {
      assert.ok(page.includes(expected), `the page shows "${expected}"`);
    }
    assert.doesNotMatch(page, /May be out of date/);
    assert.doesNotMatch(
      res.body,
      /Still correct|Change the details|Update vacancies/,
      'a practitioner is not offered editing',
    );
  });

  test('counts how often workers connected people to it and with what result, never who', async () => {
    const made = await newDirectoryService(t.db, { name: 'Counted lunch club' });
    const person = await newPerson(t.db, { givenName: 'Rosalind', familyName: 'Uniquename' });
    const base = {
      personId: person.id,
      serviceId: made.id,
      reason: 'She misses company',
      followUpOn: '2026-12-10',
      madeById: admin.id,
      madeAt: t.clock.now(),
    };
    await t.db
      .insert(connections)
      .values([
        { ...base, outcome: 'helped', followedUpAt: t.clock.now(), followedUpById: admin.id },
        { ...base, outcome: 'helped', followedUpAt: t.clock.now(), followedUpById: admin.id },
        { ...base, outcome: 'did_not_help', followedUpAt: t.clock.now(), followedUpById: admin.id },
        { ...base, outcome: 'did_not_happen', followedUpAt: t.clock.now(), followedUpById: admin.id },
        { ...base },
        { ...base },
        { ...base },
      ]);
    const res = await agent.get(`/directory/${made.id}`);
    const page = text(res.body);
    assert.ok(page.includes('Workers have connected 7 people to it.'));
    for (const line of ['It helped 2', 'It did not help 1', 'It did not happen 1', 'Waiting for follow-up 3'])
      assert.ok(page.includes(line), line);
    assert.doesNotMatch(res.body, /Rosalind|Uniquename|misses company/);
    const none = await agent.get(`/directory/${(await newDirectoryService(t.db)).id}`);
    assert.match(text(none.body), /No one has been connected to it through Hearth yet/);
  });

  test('a record not checked for the configured months says so; a changed setting changes when', async () => {
    const made = await newDirectoryService(t.db, { name: 'Rarely checked group' });
    await setChecked(t.db, made.id, monthsBefore(t.clock.now(), 8), admin.id);
    assert.doesNotMatch((await agent.get(`/directory/${made.id}`)).body, /May be out of date/);
    const strict = await (async () => {
      const { buildTestApp } = await import('../../../test/helpers.js');
      return buildTestApp({ DIRECTORY_CHECK_MONTHS: '6' });
    })();
    try {
      const m = await newDirectoryService(strict.db, { name: 'Rarely checked group' });
      await setChecked(strict.db, m.id, monthsBefore(strict.clock.now(), 8));
      const { agent: a } = await signedIn(strict.app, strict.db, { role: 'practitioner' });
      assert.match(
        decodeHtml((await a.get(`/directory/${m.id}`)).body),
        /May be out of date — last checked 8 months ago/,
      );
    } finally {
      await strict.close();
    }
  });

  test('an unknown or malformed id is not found', async () => {
    assert.equal((await agent.get(`/directory/${randomUUID()}`)).statusCode, 404);
    assert.equal((await agent.get('/directory/not-an-id')).statusCode, 404);
  });
});

/** The add form as a browser sends it: a gardening group with one place and one row of opening times. */
function resourceForm(
  overrides: Record<string, string | string[] | undefined> = {},
): Record<string, string | string[] | undefined> {
  return {
    name: 'Moorside gardening club',
    organisationId: 'new',
    newOrganisationName: 'Moorside Allotments Association',
    description: 'Vegetable growing on the Moorside allotments, with tea in the shed.',
    status: 'active',
    minimumAge: '',
    maximumAge: '',
    'location-0-name': 'Moorside allotments',
    'location-0-address1': 'Ings Lane',
    'location-0-city': 'Northbridge',
    'location-0-postcode': 'nb4 7gf',
    'location-0-accessibility': 'Raised beds',
    'times-0-days': ['TU', 'TH'],
    'times-0-opens': '10am',
    'times-0-closes': '12:00',
    costOption: 'Free',
    costAmount: '',
    fees: '',
    url: 'www.moorside-allotments.example.org',
    email: '',
    contactName: 'Plot secretary',
    phone: '01632 960555',
    action: 'save',
    ...overrides,
  };
}

describe('editing the directory', () => {
  const t = useTestApp();
  let editor: Agent;
  let editorWorker: Worker;
  let practitioner: Agent;
  let needs: { company: string; gardening: string };
  before(async () => {
    ({ agent: editor, worker: editorWorker } = await signedIn(t.app, t.db, { role: 'admin', name: 'Edna Editor' }));
    ({ agent: practitioner } = await signedIn(t.app, t.db, { role: 'practitioner' }));
    const taxonomy = await newTaxonomy(t.db, { name: 'What would help' });
    needs = {
      company: await newTaxonomyTerm(t.db, { name: 'Company and friendship', taxonomyId: taxonomy }),
      gardening: await newTaxonomyTerm(t.db, { name: 'Gardening and the outdoors', taxonomyId: taxonomy }),
    };
    await newPostcodePoint(t.db, 'NB4 7GF', 53.0372, -1.4498);
    await newPostcodePoint(t.db, 'NB5', 53.003, -1.456);
  });

  test('an editor adds a resource: stored whole, with the point of its postcode, checked today, audited', async () => {
    const w = token();
    assert.equal((await editor.get('/directory/new')).statusCode, 200);
    const mark = await auditMark(t.db);
    const res = await editor.post(
      '/directory',
      resourceForm({ name: `${w} gardening club`, needs: [needs.gardening, needs.company], minimumAge: '18' }),
    );
    assert.equal(
      res.statusCode,
      303,
      errorSummary(res.body)
        .map((e) => e.text)
        .join('; '),
    );
    const id = /\/directory\/([0-9a-f-]{36})\?done=added/.exec(res.headers.location as string)![1];
    const s = await service(t.db, id);
    assert.equal(s.name, `${w} gardening club`);
    assert.equal(s.url, 'https://www.moorside-allotments.example.org');
    assert.equal(s.minimumAge, 18);
    assert.equal(s.checkedById, editorWorker.id);
    assert.equal(s.checkedAt?.getTime(), t.clock.now().getTime());
    const [org] = await t.db
      .select()
      .from(directoryOrganisations)
      .where(eq(directoryOrganisations.id, s.organizationId!));
    assert.equal(org.name, 'Moorside Allotments Association');
    const [sal] = await t.db
      .select()
      .from(directoryServiceAtLocations)
      .where(eq(directoryServiceAtLocations.serviceId, id));
    const [loc] = await t.db.select().from(directoryLocations).where(eq(directoryLocations.id, sal.locationId));
    assert.deepEqual([loc.name, loc.latitude, loc.longitude], ['Moorside allotments', 53.0372, -1.4498]);
    const [addr] = await t.db.select().from(directoryAddresses).where(eq(directoryAddresses.locationId, loc.id));
    assert.equal(addr.postalCode, 'NB4 7GF');
    const schedules = await t.db.select().from(directorySchedules).where(eq(directorySchedules.serviceId, id));
    assert.deepEqual(
      schedules.map((x) => [x.byday, x.opensAt, x.closesAt]),
      [['TU,TH', '10:00:00', '12:00:00']],
    );
    const attrs = await t.db.select().from(directoryAttributes).where(eq(directoryAttributes.linkId, id));
    assert.deepEqual(attrs.map((a) => a.taxonomyTermId).sort(), [needs.gardening, needs.company].sort());
    const audit = await auditSince(t.db, mark);
    assert.deepEqual(
      audit.map((a) => [a.action, a.entity, a.entityId === id || a.entityId === org.id]),
      [
        ['create', 'directory_organisation', true],
        ['create', 'directory_service', true],
      ],
    );
    // Workers find it: by words, by need, by distance from a nearby postcode.
    const page = text((await practitioner.get(`/directory/${id}`)).body);
    assert.ok(page.includes('Tuesdays and Thursdays, 10am to 12 noon'));
    assert.ok(page.includes('Plot secretary 01632 960555'));
    assert.ok(
      resultIds(
        (await search(practitioner, { q: w, need: needs.gardening, postcode: 'NB4 7GF', miles: '1' })).body,
      ).includes(id),
    );
  });

  test('a form with mistakes stores nothing, says what to fix in the order of the form, and keeps what was typed', async () => {
    const before = await fingerprintTables(t.db);
    const res = await editor.post(
      '/directory',
      resourceForm({
        name: '',
        organisationId: 'new',
        newOrganisationName: '',
        description: 'Kept description',
        minimumAge: '65',
        maximumAge: '18',
        'location-0-postcode': 'NB4',
        'location-0-city': '',
        'times-0-days': undefined,
        'times-0-opens': '2pm',
        'times-0-closes': '1pm',
        costAmount: 'lots',
        url: 'not a website',
        email: 'nobody-at-example',
        phone: 'ring me',
        needs: [randomUUID()],
      }),
    );
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      errorSummary(res.body).map((e) => e.field),
      [
        'name',
        'newOrganisationName',
        'maximumAge',
        'location-0-city',
        'location-0-postcode',
        'times-0-days',
        'times-0-closes',
        'costAmount',
        'url',
        'email',
        'phone',
      ],
    );
    const messages = Object.fromEntries(errorSummary(res.body).map((e) => [e.field, e.text]));
    assert.equal(messages.name, 'Enter the name of the resource');
    assert.equal(messages['location-0-postcode'], 'Enter a real postcode, like NB3 4XY');
    assert.equal(messages['times-0-closes'], 'It must close after it opens');
    assert.equal(messages.costAmount, 'Amount must be an amount in pounds, like 3.50');
    assert.equal(textareaValue(res.body, 'description'), 'Kept description');
    assert.equal(inputValue(res.body, 'location-0-address1'), 'Ings Lane');
    assert.equal(inputValue(res.body, 'times-0-opens'), '2pm');
    assert.equal(inputValue(res.body, 'url'), 'not a website');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    // A valid form naming a need that does not exist is refused too.
    const unknownNeed = await editor.post('/directory', resourceForm({ needs: [randomUUID()] }));
    assert.equal(unknownNeed.statusCode, 400);
    assert.deepEqual(errorSummary(unknownNeed.body), [{ field: 'needs', text: 'Choose needs from the list' }]);
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
  });

  test('"Add another place" and "Add more opening times" give another row without saving anything', async () => {
    const before = await fingerprintTables(t.db);
    const res = await editor.post('/directory', resourceForm({ action: 'add-location' }));
    assert.equal(res.statusCode, 200);
    assert.equal(inputValue(res.body, 'location-0-address1'), 'Ings Lane');
    assert.equal(inputValue(res.body, 'location-1-address1'), '');
    const times = await editor.post('/directory', resourceForm({ action: 'add-times' }));
    assert.equal(inputValue(times.body, 'times-1-opens'), '');
    assert.deepEqual(await fingerprintTables(t.db), before);
  });

  test('an editor changes a resource: places kept, removed and added; a stale save is refused with both versions shown', async () => {
    const w = token();
    const org = await newDirectoryOrganisation(t.db, { name: `Original Org ${w}` });
    const made = await newDirectoryService(t.db, {
      name: `${w} walking group`,
      description: 'Walks.',
      organisationId: org,
      locations: [
        { name: 'Library', address1: '1 Library Square', postcode: 'NB5 1AA' },
        { name: 'Park', address1: 'Park Gates', postcode: 'NB5 2BB' },
      ],
      schedules: [{ byday: 'MO', opensAt: '10:00', closesAt: '11:00' }, { description: 'Not on bank holidays' }],
      termIds: [needs.company],
    });
    const form = await editor.get(`/directory/${made.id}/edit`);
    assert.equal(form.statusCode, 200);
    const fields = formInputs(form.body, `/directory/${made.id}`);
    assert.equal(fields.version, '1');
    assert.deepEqual(fields['times-0-days'], 'MO');
    const libraryIndex = fields['location-0-name'] === 'Library' ? 0 : 1;
    const parkIndex = 1 - libraryIndex;
    // Someone else opens the same form.
    const { agent: other } = await signedIn(t.app, t.db, { role: 'admin', name: 'Otto Other' });
    const theirFields = formInputs((await other.get(`/directory/${made.id}/edit`)).body, `/directory/${made.id}`);
    const mine = {
      ...fields,
      organisationId: org,
      name: `${w} walking group (Mondays)`,
      [`location-${parkIndex}-name`]: '',
      [`location-${parkIndex}-address1`]: '',
      [`location-${parkIndex}-city`]: '',
      [`location-${parkIndex}-postcode`]: '',
      [`location-${parkIndex}-accessibility`]: '',
      'location-2-name': 'Canal',
      'location-2-address1': 'Towpath',
      'location-2-city': 'Northbridge',
      'location-2-postcode': 'NB5 3CC',
      'times-0-closes': '11:30',
      needs: needs.gardening,
    };
    const saved = await editor.post(`/directory/${made.id}`, mine);
    assert.equal(
      saved.statusCode,
      303,
      errorSummary(saved.body)
        .map((e) => e.text)
        .join('; '),
    );
    const s = await service(t.db, made.id);
    assert.equal(s.name, `${w} walking group (Mondays)`);
    assert.equal(s.version, 2);
    const sals = await t.db
      .select()
      .from(directoryServiceAtLocations)
      .where(eq(directoryServiceAtLocations.serviceId, made.id));
    assert.equal(sals.length, 2);
    assert.ok(
      sals.some((x) => x.locationId === made.locationIds[libraryIndex]),
      'the library kept, in place',
    );
    assert.ok(!sals.some((x) => x.locationId === made.locationIds[parkIndex]), 'the park removed');
    const [parkLeft] = await t.db
      .select()
      .from(directoryLocations)
      .where(eq(directoryLocations.id, made.locationIds[parkIndex]));
    assert.equal(parkLeft, undefined, 'a place no other resource uses is deleted with it');
    const page = text((await practitioner.get(`/directory/${made.id}`)).body);
    assert.ok(page.includes('Mondays, 10am to 11:30am'));
    assert.ok(page.includes('Not on bank holidays'), 'a schedule the form does not edit stays');
    assert.ok(page.includes('Canal Towpath Northbridge NB5 3CC'));
    assert.ok(!page.includes('Hearth does not know where this place is'), 'NB5 3CC is placed at its district’s centre');
    const unplaced = await newDirectoryService(t.db, {
      locations: [{ address1: '9 Nowhere Lane', postcode: 'ZX9 9ZZ' }],
    });
    assert.ok(
      text((await editor.get(`/directory/${unplaced.id}`)).body).includes(
        'ZX9 9ZZ Hearth does not know where this place is',
      ),
      'editors are told of a place with no point',
    );
    assert.ok(
      !text((await practitioner.get(`/directory/${unplaced.id}`)).body).includes('Hearth does not know where'),
      'workers are not troubled with it',
    );
    assert.ok(page.includes('Gardening and the outdoors') && !page.includes('Company and friendship'));
    // The other editor's save, from the form they opened at version 1, is refused.
    const before = await fingerprintTables(t.db);
    const stale = await other.post(`/directory/${made.id}`, {
      ...theirFields,
      organisationId: org,
      description: 'Otto’s description',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(errorSummary(stale.body)[0].text, /Someone else changed this resource while you were editing it/);
    assert.ok(shows(stale.body, `Their version, saved`));
    assert.ok(shows(stale.body, `${w} walking group (Mondays)`), 'their version is shown');
    assert.equal(textareaValue(stale.body, 'description'), 'Otto’s description', 'and what was typed');
    assert.equal(inputValue(stale.body, 'version'), '2', 'saving again overwrites knowingly');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
  });

  test('"Still correct" records the check, by whom, audited; the out-of-date list is worked through', async () => {
    const w = token();
    const never = await newDirectoryService(t.db, { name: `${w} never checked` });
    const old = await newDirectoryService(t.db, { name: `${w} checked long ago` });
    await setChecked(t.db, old.id, monthsBefore(t.clock.now(), 20), editorWorker.id);
    const fresh = await newDirectoryService(t.db, { name: `${w} checked last month` });
    await setChecked(t.db, fresh.id, monthsBefore(t.clock.now(), 1), editorWorker.id);
    const list = await editor.get('/directory/out-of-date');
    assert.equal(list.statusCode, 200);
    const order = [never.id, old.id, fresh.id].map((id) => list.body.indexOf(`href="/directory/${id}"`));
    assert.ok(order[0] >= 0 && order[1] > order[0], 'never checked first, then the oldest');
    assert.equal(order[2], -1, 'a recently checked one is not listed');
    const mark = await auditMark(t.db);
    const res = await editor.post(`/directory/${old.id}/check`, { from: 'out-of-date' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/directory/out-of-date?done=checked');
    const s = await service(t.db, old.id);
    assert.equal(s.checkedAt?.getTime(), t.clock.now().getTime());
    assert.equal(s.checkedById, editorWorker.id);
    assert.deepEqual(
      (await auditSince(t.db, mark)).map((a) => [a.action, a.entity, a.entityId]),
      [['verify', 'directory_service', old.id]],
    );
    assert.equal((await editor.get('/directory/out-of-date')).body.indexOf(`href="/directory/${old.id}"`), -1);
    const page = text((await practitioner.get(`/directory/${old.id}`)).body);
    assert.ok(page.includes('Last checked 26 November 2026 (just now) by Edna Editor'));
  });

  test('withdrawing needs a reason, hides it from every search, and its page shows why; reinstating brings it back', async () => {
    const w = token();
    const made = await newDirectoryService(t.db, { name: `${w} coffee morning` });
    const page = await editor.get(`/directory/${made.id}/withdraw`);
    assert.equal(page.statusCode, 200);
    const noReason = await editor.post(`/directory/${made.id}/withdraw`, { reason: ' ', version: '1' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(errorSummary(noReason.body)[0].field, 'reason');
    assert.equal((await service(t.db, made.id)).withdrawnAt, null);
    const mark = await auditMark(t.db);
    const res = await editor.post(`/directory/${made.id}/withdraw`, {
      reason: 'The chapel closed in August',
      version: '1',
    });
    assert.equal(res.statusCode, 303);
    const s = await service(t.db, made.id);
    assert.equal(s.withdrawnReason, 'The chapel closed in August');
    assert.equal(s.withdrawnById, editorWorker.id);
    const audit = await auditSince(t.db, mark);
    assert.deepEqual(
      audit.map((a) => [a.action, a.entity, a.reason]),
      [['deactivate', 'directory_service', 'The chapel closed in August']],
    );
    assert.deepEqual(resultIds((await search(practitioner, { q: w })).body), [], 'gone from search');
    const shown = text((await practitioner.get(`/directory/${made.id}`)).body);
    assert.ok(
      shown.includes('Withdrawn on 26 November 2026 by Edna Editor because: The chapel closed in August'),
      'workers still see it, for history',
    );
    assert.doesNotMatch(shown, /Reinstate it/);
    // Changing a withdrawn resource is refused; reinstating brings it back.
    assert.equal((await editor.get(`/directory/${made.id}/edit`)).statusCode, 303);
    assert.equal((await editor.post(`/directory/${made.id}/reinstate`)).statusCode, 303);
    assert.deepEqual(resultIds((await search(practitioner, { q: w })).body), [made.id]);
    assert.equal((await service(t.db, made.id)).withdrawnAt, null);
  });

  test('vacancies: listed by places free for every worker; editors update them, validated, audited, never over someone else’s newer update', async () => {
    const w = token();
    const home = (name: string) => newDirectoryService(t.db, { name: `${w} ${name}` });
    const a = await home('Beech Grove Care Home');
    const b = await home('Highfield House');
    const c = await home('Rosemount Lodge');
    const hourAgo = new Date(t.clock.now().getTime() - 3600_000);
    await newVacancy(t.db, a.id, { placesFree: 1, topUpWeekly: 45, updatedAt: hourAgo, updatedById: editorWorker.id });
    await newVacancy(t.db, b.id, { placesFree: 0, updatedAt: hourAgo, updatedById: editorWorker.id });
    await newVacancy(t.db, c.id, {
      placesFree: 4,
      topUpWeekly: 120.5,
      updatedAt: new Date(t.clock.now().getTime() - 3 * DAY),
      updatedById: editorWorker.id,
    });
    const list = await practitioner.get('/directory/vacancies');
    assert.equal(list.statusCode, 200);
    const positions = [c.id, a.id, b.id].map((id) => list.body.indexOf(`href="/directory/${id}"`));
    assert.ok(
      positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])),
      'most places free first; full ones last',
    );
    const listed = text(list.body);
    assert.ok(
      listed.includes(`${w} Rosemount Lodge May be out of date — never checked 4 £120.50 3 days ago by Edna Editor`),
      'each home with places free, top-up, when and by whom, and whether it may be out of date',
    );
    assert.equal(parse(list.body)('[name="placesFree"]').length, 0, 'practitioners do not get the form');
    // An editor updates from the list: a bad number is refused against that home's row, nothing stored.
    const editorList = await editor.get('/directory/vacancies');
    const fields = formInputs(editorList.body, `/directory/${a.id}/vacancies`);
    const before = await fingerprintTables(t.db);
    const bad = await editor.post(`/directory/${a.id}/vacancies`, {
      ...fields,
      placesFree: '1.5',
      topUpWeekly: '£12.345',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), [
      {
        field: `placesFree-${a.id}`,
        text: `${w} Beech Grove Care Home: Places free must be a whole number, 0 or more, like 2`,
      },
      {
        field: `topUpWeekly-${a.id}`,
        text: `${w} Beech Grove Care Home: Weekly top-up must be an amount in pounds, like 3.50`,
      },
    ]);
    assert.equal(inputValue(bad.body.slice(bad.body.indexOf(`id="placesFree-${a.id}"`) - 300), 'placesFree'), '1.5');
    assert.deepEqual(await fingerprintTables(t.db), before);
    const mark = await auditMark(t.db);
    const ok = await editor.post(`/directory/${a.id}/vacancies`, { ...fields, placesFree: '3', topUpWeekly: '£1,050' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/directory/vacancies?done=vacancies');
    const [row] = await t.db.select().from(directoryVacancies).where(eq(directoryVacancies.serviceId, a.id));
    assert.deepEqual(
      [row.placesFree, row.topUpWeekly, row.updatedById, row.updatedAt.getTime()],
      [3, 1050, editorWorker.id, t.clock.now().getTime()],
    );
    assert.deepEqual(
      (await auditSince(t.db, mark)).map((x) => [x.action, x.entity, x.entityId]),
      [['update', 'directory_vacancies', a.id]],
    );
    // The same stale form again (it saw the update of an hour ago): refused, with what is there now.
    const stale = await editor.post(`/directory/${a.id}/vacancies`, { ...fields, placesFree: '0' });
    assert.equal(stale.statusCode, 409);
    assert.match(
      errorSummary(stale.body)[0].text,
      /Beech Grove Care Home: Edna Editor updated this just now: 3 places free, top-up £1,050 a week\. Check, then save again\./,
    );
    assert.equal(
      (await t.db.select().from(directoryVacancies).where(eq(directoryVacancies.serviceId, a.id)))[0].placesFree,
      3,
    );
    // From the resource page: a home with none recorded yet.
    const d = await home('Orchard House');
    const resourcePage = await editor.get(`/directory/${d.id}`);
    assert.match(resourcePage.body, /Record vacancies/);
    const first = await editor.post(`/directory/${d.id}/vacancies`, {
      ...formInputs(resourcePage.body, `/directory/${d.id}/vacancies`),
      placesFree: '2',
      topUpWeekly: '',
    });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `/directory/${d.id}?done=vacancies#vacancies`);
    const after = text((await practitioner.get(`/directory/${d.id}`)).body);
    assert.ok(after.includes('Places free now 2'));
    assert.ok(after.includes('Weekly top-up None'));
  });

  test('nobody but an editor can add, change, check, withdraw or update vacancies', async () => {
    const made = await newDirectoryService(t.db, { name: 'Protected resource' });
    const agents: Agent[] = [];
    for (const role of ['front_door', 'practitioner', 'team_manager', 'quality', 'partner'] as const)
      agents.push((await signedIn(t.app, t.db, { role })).agent);
    const before = await fingerprintTables(t.db);
    for (const agent of agents) {
      const role = texts((await agent.get('/')).body, '.hearth-signed-in')[0]
        ?.split(', ')
        .pop();
      for (const url of [
        '/directory/new',
        `/directory/${made.id}/edit`,
        `/directory/${made.id}/withdraw`,
        '/directory/out-of-date',
      ]) {
        assert.equal((await agent.get(url)).statusCode, 403, `${role} GET ${url}`);
      }
      const posts: Array<[string, Record<string, string | string[] | undefined>]> = [
        ['/directory', resourceForm()],
        [`/directory/${made.id}`, resourceForm({ version: '1' })],
        [`/directory/${made.id}/check`, {}],
        [`/directory/${made.id}/withdraw`, { reason: 'No', version: '1' }],
        [`/directory/${made.id}/reinstate`, {}],
        [`/directory/${made.id}/vacancies`, { placesFree: '3' }],
      ];
      for (const [url, form] of posts)
        assert.equal((await agent.post(url, form)).statusCode, 403, `${role} POST ${url}`);
      assert.doesNotMatch(
        (await agent.get(`/directory/${made.id}`)).body,
        /Still correct|Change the details|Withdraw it/,
      );
    }
    assert.deepEqual(await fingerprintTables(t.db), before);
    // Signed out: pages go to sign in, forms are refused.
    const stranger = new Agent(t.app);
    const page = await stranger.get(`/directory/${made.id}`);
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, `/sign-in?next=${encodeURIComponent(`/directory/${made.id}`)}`);
    assert.equal(
      (await stranger.get('/directory?q=garden')).headers.location,
      `/sign-in?next=${encodeURIComponent('/directory?q=garden')}`,
    );
    await stranger.get('/sign-in');
    assert.equal((await stranger.post(`/directory/${made.id}/check`)).statusCode, 401);
    assert.deepEqual(await fingerprintTables(t.db), before);
  });
});
