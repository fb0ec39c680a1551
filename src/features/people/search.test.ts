import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents, type Person, type Worker } from '../../db/schema/index.js';
import { type Agent, attrs, auditMark, errorSummary, signedIn, useTestApp } from '../../../test/helpers.js';
import {
  auditSince,
  newPerson,
  resultIds,
  resultsHtml,
  shows,
  spacedNhs,
  validNhsNumber,
} from '../../../test/people-factories.js';

describe('finding a person', () => {
  const t = useTestApp();
  let agent: Agent;
  let worker: Worker;
  const p = {} as Record<
    'margaret' | 'mary' | 'margaretOther' | 'smith' | 'smithOther' | 'postcodeNeighbour' | 'okafor',
    Person
  >;
  const nhs = validNhsNumber();

  before(async () => {
    ({ agent, worker } = await signedIn(t.app, t.db));
    const by = { createdBy: worker.id };
    p.margaret = await newPerson(t.db, {
      ...by,
      givenName: 'Margaret',
      familyName: 'Okonkwo',
      preferredName: 'Peggy',
      dateOfBirth: '1950-03-12',
      nhsNumber: nhs,
      postcode: 'NB3 4XY',
    });
    p.margaretOther = await newPerson(t.db, {
      ...by,
      givenName: 'Margaret',
      familyName: 'Okonkwo',
      dateOfBirth: '1972-10-01',
      postcode: 'NB7 1AB',
    });
    p.mary = await newPerson(t.db, {
      ...by,
      givenName: 'Mary',
      familyName: 'Okonkwo',
      dateOfBirth: '1948-05-30',
      postcode: 'NB3 4XY',
    });
    p.okafor = await newPerson(t.db, { ...by, givenName: 'Margaret', familyName: 'Okafor', dateOfBirth: '1955-01-20' });
    p.smith = await newPerson(t.db, {
      ...by,
      givenName: 'Geraint',
      familyName: 'Smith',
      dateOfBirth: '1939-12-25',
      postcode: 'NB5 6CD',
    });
    p.smithOther = await newPerson(t.db, { ...by, givenName: 'Ffion', familyName: 'Smith', dateOfBirth: '1988-06-15' });
    p.postcodeNeighbour = await newPerson(t.db, {
      ...by,
      givenName: 'Olusegun',
      familyName: 'Adeyemi',
      dateOfBirth: '1950-03-12',
      postcode: 'NB5 6CD',
    });
    // Plenty of people who should not turn up.
    for (const [g, f] of [
      ['Bernard', 'Jenkins'],
      ['Anwen', 'Price'],
      ['Tadeusz', 'Nowak'],
      ['Aisha', 'Rahman'],
      ['Callum', 'MacLeod'],
      ['Sunita', 'Patel'],
    ]) {
      await newPerson(t.db, { ...by, givenName: g, familyName: f, dateOfBirth: '1960-01-01', postcode: 'NB9 9ZZ' });
    }
  });

  async function search(q: string) {
    await agent.get('/people');
    const res = await agent.post('/people/search', { q });
    assert.equal(res.statusCode, 200, q);
    return { res, ids: resultIds(res.body) };
  }

  test('a misspelt name finds them', async () => {
    for (const q of ['Margret Okonkow', 'margaret okonkow', 'Margaret Okonkwoo']) {
      const { ids } = await search(q);
      assert.ok(ids.includes(p.margaret.id), q);
      assert.ok(!ids.includes(p.smith.id), `${q}: not Smith`);
    }
    const { ids } = await search('Smyth');
    assert.ok(ids.includes(p.smith.id) && ids.includes(p.smithOther.id), 'Smyth finds the Smiths');
    assert.ok(!ids.includes(p.margaret.id));
    const typo = await search('Geraint Smiht');
    assert.equal(typo.ids[0], p.smith.id, 'a typed-over pair of letters');
  });

  test('first and last name the wrong way round, and the name they like to be called, find them', async () => {
    const swapped = await search('Okonkwo Margaret');
    assert.ok(swapped.ids.includes(p.margaret.id));
    assert.ok(swapped.ids.includes(p.margaretOther.id));
    const known = await search('Peggy Okonkwo');
    assert.equal(known.ids[0], p.margaret.id, 'the name they like to be called');
    assert.notEqual(known.ids.indexOf(p.margaretOther.id), 0, 'the other Margaret Okonkwo, if shown, comes after');
    assert.match(known.res.body, /Peggy Okonkwo/);
    assert.match(known.res.body, /legal name Margaret Okonkwo/);
  });

  test('a date of birth in the usual UK forms finds them', async () => {
    for (const q of ['12/03/1950', '12 March 1950', '12-3-50', '12.03.1950', '1950-03-12', '12th Mar 1950']) {
      const { ids } = await search(q);
      assert.deepEqual(new Set(ids), new Set([p.margaret.id, p.postcodeNeighbour.id]), q);
    }
  });

  test('an NHS number, with or without spaces, finds exactly them', async () => {
    for (const q of [spacedNhs(nhs), nhs, spacedNhs(nhs).replaceAll(' ', '-')]) {
      const { ids } = await search(q);
      assert.deepEqual(ids, [p.margaret.id], q);
    }
  });

  test('a postcode, however typed, finds the people who live there', async () => {
    for (const q of ['NB3 4XY', 'nb3 4xy', 'NB34XY']) {
      const { ids } = await search(q);
      assert.deepEqual(new Set(ids), new Set([p.margaret.id, p.mary.id]), q);
    }
  });

  test('a mix narrows and ranks: the exact match comes first', async () => {
    const byName = await search('Margaret Okonkwo');
    assert.ok([p.margaret.id, p.margaretOther.id].includes(byName.ids[0]), 'an exact name first');
    assert.ok(byName.ids.indexOf(p.mary.id) > 1, 'Mary Okonkwo after the Margarets');
    assert.ok(
      !byName.ids.includes(p.okafor.id) || byName.ids.indexOf(p.okafor.id) > 1,
      'Okafor, if at all, after them',
    );

    const withDate = await search('Margaret Okonkwo 12/03/1950');
    assert.equal(withDate.ids[0], p.margaret.id, 'name and date of birth: that Margaret first');
    const otherDate = await search('Okonkwo Margaret 1/10/1972');
    assert.equal(otherDate.ids[0], p.margaretOther.id, 'the other Margaret first by her date of birth');
    const withPostcode = await search('Okonkwo NB3 4XY');
    assert.deepEqual(
      withPostcode.ids.slice(0, 2).sort(),
      [p.margaret.id, p.mary.id].sort(),
      'name and postcode: the two at that address first',
    );
    const misspeltWithDate = await search('Margret Okonkow 12-3-50');
    assert.equal(misspeltWithDate.ids[0], p.margaret.id);
  });

  test('results show just enough to tell people apart', async () => {
    const { res } = await search('Okonkwo');
    const results = resultsHtml(res.body);
    assert.match(results, /Born 12 March 1950 \(age 76\)/);
    assert.match(results, /NB3 4XY/);
    assert.ok(shows(results, `NHS ${spacedNhs(nhs)}`));
    const none = await search('Zebedee Quixotic');
    assert.deepEqual(none.ids, []);
    assert.match(none.res.body, /No one matches/);
  });

  test('every search is audited, without what was typed; the search is sent by POST so it stays out of URLs', async () => {
    const queries = ['Margret Okonkow', '12/03/1950', spacedNhs(nhs), 'nb3 4xy', 'Okonkwo NB3 4XY'];
    for (const q of queries) {
      const mark = await auditMark(t.db);
      const { ids } = await search(q);
      const rows = (await auditSince(t.db, mark)).filter((r) => r.action === 'search');
      assert.equal(rows.length, 1, q);
      assert.equal(rows[0].workerId, worker.id);
      assert.equal(rows[0].entity, 'person');
      const details = rows[0].details as { by: string[]; results: string[] };
      assert.deepEqual(details.results, ids, 'which people were shown');
      // Only which kinds of term were used and who was shown: never the words themselves.
      assert.deepEqual(Object.keys(details).sort(), ['by', 'results']);
      assert.ok(
        details.by.every((b) => ['name', 'dateOfBirth', 'nhsNumber', 'postcode'].includes(b)),
        JSON.stringify(details.by),
      );
      assert.equal(rows[0].reason, null);
      assert.equal(rows[0].entityId, null);
    }
    const byWhat = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workerId, worker.id), eq(auditEvents.action, 'search')));
    assert.ok(byWhat.some((r) => (r.details as { by: string[] }).by.includes('nhsNumber')));

    const page = await agent.get('/people');
    assert.deepEqual(attrs(page.body, 'form[action="/people/search"]', 'method'), ['post'], 'the search form posts');
    const { res } = await search('Okonkwo');
    assert.equal(res.headers.location, undefined, 'no redirect to a URL with the query');
    const mark = await auditMark(t.db);
    const viaUrl = await agent.get('/people/search?q=Okonkwo');
    assert.equal(viaUrl.statusCode, 404, 'there is no search by URL');
    assert.equal((await auditSince(t.db, mark)).filter((r) => r.action === 'search').length, 0);
  });

  test('an empty search asks for something to search for and audits nothing', async () => {
    await agent.get('/people');
    const mark = await auditMark(t.db);
    const res = await agent.post('/people/search', { q: '   ' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'q', text: 'Enter a name, date of birth, NHS number or postcode' },
    ]);
    assert.equal((await auditSince(t.db, mark)).length, 0);
  });
});
