import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import {
  aboutMe,
  auditEvents,
  handOffs,
  networkMembers,
  notifications,
  people,
  personAccess,
  recordChanges,
  restrictedOpenings,
} from '../../db/schema/index.js';
import {
  type Agent,
  auditMark,
  errorSummary,
  fingerprintTables,
  attrs,
  inputValue,
  newTeam,
  page as parse,
  signedIn,
  texts,
  useTestApp,
} from '../../../test/helpers.js';
import {
  auditSince,
  conversationForm,
  dayParts,
  formInputs,
  invalidNhsNumber,
  newConversation,
  newPerson,
  personForm,
  postJson,
  restrict,
  resultsHtml,
  shows,
  spacedNhs,
  textareaValue,
  uniqueFamilyName,
  validNhsNumber,
} from '../../../test/people-factories.js';

const idFrom = (location: unknown) => {
  const m = /^\/people\/([0-9a-f-]{36})/.exec(String(location));
  assert.ok(m, `redirected to a person's page, not ${String(location)}`);
  return m[1];
};

describe('registering a person', () => {
  const t = useTestApp();

  test('a form with mistakes is explained field by field, keeps what was typed and stores nothing', async () => {
    const { agent } = await signedIn(t.app, t.db);
    await agent.get('/people/new');
    const badNhs = invalidNhsNumber();
    const cases: Array<{ form: Record<string, string>; expect: Array<[string, string]> }> = [
      {
        form: { givenName: '', familyName: ' ' },
        expect: [
          ['givenName', 'Enter their first name'],
          ['familyName', 'Enter their last name'],
        ],
      },
      {
        form: {
          givenName: '',
          postcode: 'NB3',
          'dateOfBirth-day': '31',
          'dateOfBirth-month': '2',
          'dateOfBirth-year': '1950',
        },
        expect: [
          ['givenName', 'Enter their first name'],
          ['postcode', 'Enter a real postcode, like NB3 4XY'],
          ['dateOfBirth', 'Date of birth must be a real date, like 27 3 1950'],
        ],
      },
      {
        form: { nhsNumber: spacedNhs(badNhs) },
        expect: [['nhsNumber', 'Enter a valid NHS number: 10 digits, like 943 476 5919']],
      },
      {
        form: { nhsNumber: '123456789' },
        expect: [['nhsNumber', 'Enter a valid NHS number: 10 digits, like 943 476 5919']],
      },
      { form: { postcode: 'NOT A POSTCODE' }, expect: [['postcode', 'Enter a real postcode, like NB3 4XY']] },
      {
        form: dayParts('dateOfBirth', t.clock.now(), 1),
        expect: [['dateOfBirth', 'Date of birth must be today or in the past']],
      },
      {
        form: { 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1950' },
        expect: [['dateOfBirth', 'Date of birth must be a real date, like 27 3 1950']],
      },
    ];
    for (const c of cases) {
      const before = await fingerprintTables(t.db);
      const form = personForm({ familyName: 'Kowalczyk', ...c.form });
      const res = await agent.post('/people', form);
      assert.equal(res.statusCode, 400, JSON.stringify(c.form));
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        c.expect,
      );
      for (const [k, v] of Object.entries(c.form))
        if (v.trim()) assert.equal(inputValue(res.body, k), v, `${k} is shown again as typed`);
      assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    }
  });

  test('the NHS number and postcode are stored normalised, typed with or without spaces', async () => {
    const { agent } = await signedIn(t.app, t.db);
    for (const [typedNhs, typedPostcode] of [
      ['spaced', 'nb3  4xy'],
      ['plain', 'NB34XY'],
      ['dashed', ' nb3 4XY '],
    ]) {
      const nhs = validNhsNumber();
      const typed =
        typedNhs === 'spaced' ? spacedNhs(nhs) : typedNhs === 'dashed' ? spacedNhs(nhs).replaceAll(' ', '-') : nhs;
      await agent.get('/people/new');
      const res = await agent.post('/people', personForm({ nhsNumber: typed, postcode: typedPostcode }));
      assert.equal(res.statusCode, 303, typed);
      const [p] = await t.db
        .select()
        .from(people)
        .where(eq(people.id, idFrom(res.headers.location)));
      assert.equal(p.nhsNumber, nhs);
      assert.equal(p.postcode, 'NB3 4XY');
      const page = await agent.get(res.headers.location as string);
      assert.match(page.body, new RegExp(`NHS number ${spacedNhs(nhs)}`), 'shown in threes and fours');
    }
  });

  test('registering writes the person, a "record created" change and a create audit row with the person id', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    await agent.get('/people/new');
    const mark = await auditMark(t.db);
    const form = personForm();
    const res = await agent.post('/people', form);
    assert.equal(res.statusCode, 303);
    const id = idFrom(res.headers.location);
    const [p] = await t.db.select().from(people).where(eq(people.id, id));
    assert.equal(p.familyName, form.familyName);
    assert.equal(p.createdBy, worker.id);
    assert.equal(p.version, 1);
    const audit = (await auditSince(t.db, mark)).filter((a) => a.action === 'create');
    assert.equal(audit.length, 1);
    assert.equal(audit[0].entity, 'person');
    assert.equal(audit[0].personId, id);
    assert.equal(audit[0].entityId, id);
    assert.equal(audit[0].workerId, worker.id);
    const changes = await t.db.select().from(recordChanges).where(eq(recordChanges.personId, id));
    assert.deepEqual(
      changes.map((c) => c.summary),
      ['Record created'],
    );
  });

  test('the same NHS number blocks a second record, links to the existing one and stores nothing', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const nhs = validNhsNumber();
    const existing = await newPerson(t.db, { nhsNumber: nhs, createdBy: worker.id });
    await agent.get('/people/new');
    const before = await fingerprintTables(t.db);
    const res = await agent.post('/people', personForm({ nhsNumber: spacedNhs(nhs) }));
    assert.equal(res.statusCode, 409);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'nhsNumber', text: 'A person with this NHS number is already recorded' },
    ]);
    assert.ok(attrs(res.body, 'a', 'href').includes(`/people/${existing.id}`), 'links to the existing record');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    // Even "this is someone new" does not get past the same NHS number.
    const again = await agent.post('/people', personForm({ nhsNumber: nhs, confirmedNew: 'yes' }));
    assert.equal(again.statusCode, 409);
    assert.equal((await t.db.select().from(people).where(eq(people.nhsNumber, nhs))).length, 1);
  });

  test('a similar name with the same date of birth asks "Is this the same person?" and stores nothing until confirmed', async () => {
    const { agent } = await signedIn(t.app, t.db);
    const family = uniqueFamilyName();
    const existing = await newPerson(t.db, {
      givenName: 'Margaret',
      familyName: family,
      dateOfBirth: '1950-03-12',
      postcode: 'NB3 4XY',
    });
    await agent.get('/people/new');
    const before = await fingerprintTables(t.db);
    const form = personForm({
      givenName: 'Margret',
      familyName: family,
      'dateOfBirth-day': '12',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '1950',
    });
    const res = await agent.post('/people', form);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Is this the same person\?/);
    assert.ok(attrs(res.body, 'a', 'href').includes(`/people/${existing.id}`), 'the likely match is shown');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored yet');

    // "None of these is them": the page's own form carries what was typed, with confirmedNew=yes.
    const carried = formInputs(res.body, '/people');
    assert.equal(carried.confirmedNew, 'yes');
    assert.equal(carried.givenName, 'Margret');
    const confirmed = await agent.post('/people', carried);
    assert.equal(confirmed.statusCode, 303);
    const id = idFrom(confirmed.headers.location);
    assert.notEqual(id, existing.id);
    const [p] = await t.db.select().from(people).where(eq(people.id, id));
    assert.equal(p.givenName, 'Margret');
    assert.equal(p.dateOfBirth, '1950-03-12');
    const [created] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.personId, id), eq(auditEvents.action, 'create')));
    assert.deepEqual(created.details, { confirmedNew: true });
  });

  test('the same name at the same postcode asks too; an unrelated person with the same date of birth does not', async () => {
    const { agent } = await signedIn(t.app, t.db);
    const family = uniqueFamilyName();
    const existing = await newPerson(t.db, {
      givenName: 'Tomasz',
      familyName: family,
      dateOfBirth: null,
      postcode: 'NB1 2AA',
    });
    await agent.get('/people/new');
    const before = await fingerprintTables(t.db);
    const res = await agent.post(
      '/people',
      personForm({
        givenName: 'Tomasz',
        familyName: family,
        postcode: 'nb1 2aa',
        'dateOfBirth-day': '',
        'dateOfBirth-month': '',
        'dateOfBirth-year': '',
      }),
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Is this the same person\?/);
    assert.ok(attrs(res.body, 'a', 'href').includes(`/people/${existing.id}`));
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');

    // Same date of birth, different name: no question, registered at once.
    const other = await newPerson(t.db, {
      givenName: 'Margaret',
      familyName: uniqueFamilyName(),
      dateOfBirth: '1944-08-09',
    });
    const unrelated = await agent.post(
      '/people',
      personForm({
        givenName: 'Zainab',
        familyName: uniqueFamilyName(),
        'dateOfBirth-day': '9',
        'dateOfBirth-month': '8',
        'dateOfBirth-year': '1944',
      }),
    );
    assert.equal(unrelated.statusCode, 303);
    assert.notEqual(idFrom(unrelated.headers.location), other.id);
  });
});

describe("a person's page and changes to their record", () => {
  const t = useTestApp();

  test('their details are changed with a version; a stale save is refused with both versions shown and overwrites nothing', async () => {
    const { agent: first, worker: firstWorker } = await signedIn(t.app, t.db);
    const { agent: second } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Ruth', postcode: 'NB3 4XY' });
    const edit1 = await first.get(`/people/${person.id}/edit`);
    const edit2 = await second.get(`/people/${person.id}/edit`);
    assert.equal(inputValue(edit1.body, 'version'), '1');
    const form1 = formInputs(edit1.body, `/people/${person.id}`);
    const form2 = formInputs(edit2.body, `/people/${person.id}`);
    assert.equal(form1.givenName, 'Ruth');

    const mark = await auditMark(t.db);
    const saved = await first.post(`/people/${person.id}`, { ...form1, postcode: 'nb9 9zz', phone: '01632 960 001' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/people/${person.id}?done=updated`);
    let [p] = await t.db.select().from(people).where(eq(people.id, person.id));
    assert.equal(p.version, 2);
    assert.equal(p.postcode, 'NB9 9ZZ');
    assert.equal(p.phone, '01632 960 001');
    const [update] = (await auditSince(t.db, mark)).filter((a) => a.action === 'update');
    assert.equal(update.personId, person.id);
    assert.deepEqual(update.details, { fields: ['postcode', 'phone'] });

    // The second worker still has version 1 open.
    const before = await fingerprintTables(t.db);
    const stale = await second.post(`/people/${person.id}`, { ...form2, givenName: 'Ruthie', postcode: 'NB1 1AA' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed these details while you were editing/);
    assert.match(stale.body, /Their version/);
    assert.ok(shows(stale.body, 'NB9 9ZZ'), 'their version is shown');
    assert.equal(inputValue(stale.body, 'givenName'), 'Ruthie', 'what this worker typed is kept');
    assert.equal(inputValue(stale.body, 'postcode'), 'NB1 1AA');
    assert.equal(inputValue(stale.body, 'version'), '2', 'saving again now builds on their version');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing overwritten');
    [p] = await t.db.select().from(people).where(eq(people.id, person.id));
    assert.equal(p.givenName, 'Ruth');

    // The change is on the timeline, with who made it.
    const timeline = await first.get(`/people/${person.id}/timeline`);
    assert.equal(timeline.statusCode, 200);
    assert.match(timeline.body, /Changed postcode, phone/);
    assert.ok(shows(timeline.body, `By ${firstWorker.name}`));
    const changes = await t.db.select().from(recordChanges).where(eq(recordChanges.personId, person.id));
    assert.deepEqual(
      changes.map((c) => c.summary),
      ['Changed postcode, phone'],
    );
    const onlyChanges = await first.get(`/people/${person.id}/timeline?kind=changes`);
    assert.match(onlyChanges.body, /Changed postcode, phone/);
    const onlyCrisis = await first.get(`/people/${person.id}/timeline?kind=crisis`);
    assert.doesNotMatch(onlyCrisis.body, /Changed postcode/, 'the filter by kind leaves changes out');
  });

  test('"about me" keeps every version with who and when; a stale save is refused with both versions shown', async () => {
    const { agent: first, worker: w1 } = await signedIn(t.app, t.db, { name: 'Siobhan Aboutme-One' });
    const { agent: second, worker: w2 } = await signedIn(t.app, t.db, { name: 'Kwame Aboutme-Two' });
    const person = await newPerson(t.db, { givenName: 'Edna' });
    const url = `/people/${person.id}/about-me`;

    const empty = await first.post(url, {
      whatMatters: '',
      strengths: '',
      enjoys: '',
      hopes: '',
      inTheirWords: 'yes',
      version: '0',
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { field: 'whatMatters', text: 'Write at least one part of “about me”' },
    ]);

    const form = await first.get(url);
    assert.equal(inputValue(form.body, 'version'), '0');
    const v1 = await first.post(url, {
      whatMatters: 'My garden and my cat, Bramble',
      strengths: 'I know everyone on the street',
      enjoys: '',
      hopes: '',
      inTheirWords: 'yes',
      version: '0',
    });
    assert.equal(v1.statusCode, 303);
    // The second worker opens the form now, on version 1; the first saves again meanwhile.
    const open2 = await second.get(url);
    assert.equal(inputValue(open2.body, 'version'), '1');
    assert.equal(
      textareaValue(open2.body, 'whatMatters'),
      'My garden and my cat, Bramble',
      'the form starts from the current version',
    );
    const v2 = await first.post(url, {
      whatMatters: 'My garden, Bramble, and seeing my grandson',
      strengths: 'I know everyone on the street',
      enjoys: 'Baking',
      hopes: '',
      inTheirWords: 'yes',
      version: '1',
    });
    assert.equal(v2.statusCode, 303);

    const before = await fingerprintTables(t.db);
    const stale = await second.post(url, {
      ...formInputs(open2.body, url),
      whatMatters: 'Getting back to chapel on Sundays',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else saved “about me” while you were writing/);
    assert.ok(shows(stale.body, 'My garden, Bramble, and seeing my grandson'), 'their version is shown');
    assert.ok(shows(stale.body, `The version saved by ${w1.name}`));
    assert.equal(
      textareaValue(stale.body, 'whatMatters'),
      'Getting back to chapel on Sundays',
      'this worker’s text is kept',
    );
    assert.equal(inputValue(stale.body, 'version'), '2');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing overwritten');

    // Now building on version 2, the second worker saves version 3.
    const v3 = await second.post(url, formInputs(stale.body, url));
    assert.equal(v3.statusCode, 303);

    const versions = await t.db.select().from(aboutMe).where(eq(aboutMe.personId, person.id)).orderBy(aboutMe.version);
    assert.deepEqual(
      versions.map((v) => [v.version, v.whatMatters, v.writtenBy]),
      [
        [1, 'My garden and my cat, Bramble', w1.id],
        [2, 'My garden, Bramble, and seeing my grandson', w1.id],
        [3, 'Getting back to chapel on Sundays', w2.id],
      ],
    );
    const page = await first.get(`/people/${person.id}`);
    assert.ok(shows(page.body, 'Getting back to chapel on Sundays'), 'the person’s page shows the current version');
    assert.ok(!shows(page.body, 'My garden, Bramble'), 'and not an old one');
    assert.ok(attrs(page.body, 'a', 'href').includes(`/people/${person.id}/about-me/history`));
    const history = await first.get(`/people/${person.id}/about-me/history`);
    assert.equal(history.statusCode, 200);
    for (const text of [
      'My garden and my cat, Bramble',
      'My garden, Bramble, and seeing my grandson',
      'Getting back to chapel on Sundays',
      `Written by ${w1.name}`,
      `Written by ${w2.name}`,
    ]) {
      assert.ok(shows(history.body, text), text);
    }
    assert.match(history.body, /Version 3 \(current\)/);
    // The database keeps the history whatever the app does.
    await assert.rejects(
      t.db.execute(sql`UPDATE about_me SET what_matters = 'changed' WHERE person_id = ${person.id}`),
    );
    await assert.rejects(t.db.execute(sql`DELETE FROM about_me WHERE person_id = ${person.id}`));
    assert.equal((await t.db.select().from(aboutMe).where(eq(aboutMe.personId, person.id))).length, 3);
  });

  test('network members are added with roles, linked to their own record both ways, and removed without being lost', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Winifred' });
    const carer = await newPerson(t.db, { givenName: 'Adaeze' });
    const url = `/people/${person.id}/network`;

    const form = await agent.get(`/people/${person.id}/network/new?linked=${carer.id}`);
    assert.equal(form.statusCode, 200);
    assert.equal(inputValue(form.body, 'linkedPersonId'), carer.id);
    const before = await fingerprintTables(t.db);
    const bad = await agent.post(url, { name: '', relationship: '', linkedPersonId: carer.id });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      errorSummary(bad.body).map((e) => e.text),
      ['Enter their name', 'Select how they know the person'],
    );
    const self = await agent.post(url, { name: 'Herself', relationship: 'Other', linkedPersonId: person.id });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /A person cannot be in their own network/);
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');

    const added = await agent.post(url, {
      name: `Adaeze ${carer.familyName}`,
      relationship: 'Daughter',
      roles: ['Unpaid carer', 'Lasting power of attorney (health and welfare)'],
      phone: '01632 960 002',
      linkedPersonId: carer.id,
    });
    assert.equal(added.statusCode, 303);
    const neighbour = await agent.post(url, {
      name: 'Mr Pritchard next door',
      relationship: 'Neighbour',
      roles: 'Emergency contact',
    });
    assert.equal(neighbour.statusCode, 303);

    const members = await t.db
      .select()
      .from(networkMembers)
      .where(eq(networkMembers.personId, person.id))
      .orderBy(networkMembers.createdAt);
    assert.equal(members.length, 2);
    const carerRow = members.find((m) => m.linkedPersonId === carer.id)!;
    assert.deepEqual(carerRow.roles, ['Unpaid carer', 'Lasting power of attorney (health and welfare)']);
    assert.equal(carerRow.addedBy, worker.id);

    const page = await agent.get(`/people/${person.id}`);
    assert.match(
      page.body,
      new RegExp(`<a class="govuk-link" href="/people/${carer.id}">Adaeze ${carer.familyName}</a>`),
      'linked to the carer’s record',
    );
    assert.match(page.body, /daughter \(unpaid carer, lasting power of attorney \(health and welfare\)\)/);
    assert.match(page.body, /Mr Pritchard next door/);
    const carerPage = await agent.get(`/people/${carer.id}`);
    assert.match(carerPage.body, /In the network of:/);
    assert.match(
      carerPage.body,
      new RegExp(`href="/people/${person.id}">Winifred ${person.familyName}</a> \\(daughter, unpaid carer`),
      'and back again from the carer’s record',
    );

    // Removing: kept in the table, marked removed, no longer shown.
    const neighbourRow = members.find((m) => m.name === 'Mr Pritchard next door')!;
    const removed = await agent.post(`${url}/${neighbourRow.id}/remove`);
    assert.equal(removed.statusCode, 303);
    const [kept] = await t.db.select().from(networkMembers).where(eq(networkMembers.id, neighbourRow.id));
    assert.ok(kept, 'the row is kept');
    assert.ok(kept.removedAt instanceof Date);
    assert.equal(kept.removedBy, worker.id);
    const after = await agent.get(`/people/${person.id}`);
    assert.doesNotMatch(after.body, /Mr Pritchard next door/);
    assert.match(after.body, new RegExp(`Adaeze ${carer.familyName}`), 'the others stay');
    const timeline = await agent.get(`/people/${person.id}/timeline`);
    assert.match(timeline.body, /Added daughter to their network/);
    assert.match(timeline.body, /Removed neighbour from their network/);
    // Removing twice finds nothing.
    assert.equal((await agent.post(`${url}/${neighbourRow.id}/remove`)).statusCode, 404);
  });

  test('the first named worker is not a hand-off; a change is, with a reason, counted and told to the new worker and the team manager', async () => {
    const teamA = await newTeam(t.db, { name: `North locality ${randomUUID().slice(0, 6)}` });
    const teamB = await newTeam(t.db, { name: `South locality ${randomUUID().slice(0, 6)}` });
    const { agent, worker: first } = await signedIn(t.app, t.db, { teamId: teamA.id, name: 'Gareth Firstnamed' });
    const { agent: nextAgent, worker: next } = await signedIn(t.app, t.db, {
      teamId: teamB.id,
      name: 'Yasmin Nextnamed',
    });
    const { agent: managerA } = await signedIn(t.app, t.db, { role: 'team_manager', teamId: teamA.id });
    const { agent: otherManager } = await signedIn(t.app, t.db, { role: 'team_manager' });
    const { agent: colleague } = await signedIn(t.app, t.db, { teamId: teamA.id });
    const { agent: quality } = await signedIn(t.app, t.db, { role: 'quality' });
    const person = await newPerson(t.db, { givenName: 'Florence' });
    const url = `/people/${person.id}/named-worker`;

    const choose = await agent.get(url);
    assert.match(choose.body, /Choose a named worker/);
    assert.doesNotMatch(choose.body, /This is a hand-off/);
    const firstChoice = await agent.post(url, { workerId: first.id, reason: 'I met Florence at the drop-in' });
    assert.equal(firstChoice.statusCode, 303);
    let [p] = await t.db.select().from(people).where(eq(people.id, person.id));
    assert.equal(p.namedWorkerId, first.id);
    assert.equal(p.teamId, teamA.id);
    assert.equal(
      (await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id))).length,
      0,
      'the first choice is not a hand-off',
    );
    assert.match((await agent.get(`/people/${person.id}`)).body, /0 hand-offs so far/);

    const change = await agent.get(url);
    assert.match(change.body, /Change the named worker/);
    assert.match(change.body, /This is a hand-off/);
    const noReason = await agent.post(url, { workerId: next.id, reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [{ field: 'reason', text: 'Say why the named worker is changing' }]);
    const same = await agent.post(url, { workerId: first.id, reason: 'No change really' });
    assert.equal(same.statusCode, 400);
    assert.match(same.body, /They are already the named worker/);
    assert.equal((await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id))).length, 0);

    const handOff = await agent.post(url, { workerId: next.id, reason: 'Florence has moved to the south of the town' });
    assert.equal(handOff.statusCode, 303);
    [p] = await t.db.select().from(people).where(eq(people.id, person.id));
    assert.equal(p.namedWorkerId, next.id);
    assert.equal(p.teamId, teamB.id);
    const rows = await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id));
    assert.equal(rows.length, 1);
    assert.deepEqual(
      [rows[0].fromWorkerId, rows[0].toWorkerId, rows[0].fromTeamId, rows[0].toTeamId, rows[0].reason],
      [first.id, next.id, teamA.id, teamB.id, 'Florence has moved to the south of the town'],
    );
    const page = await agent.get(`/people/${person.id}`);
    assert.match(page.body, /1 hand-off so far/);
    assert.match(page.body, /Yasmin Nextnamed/);
    const timeline = await agent.get(`/people/${person.id}/timeline`);
    assert.match(timeline.body, /Hand-off: Yasmin Nextnamed is now the named worker/);
    assert.match(timeline.body, /Reason: Florence has moved to the south of the town/);

    // The new named worker is told on their home page; the worker who chose themselves was not.
    const home = await nextAgent.get('/');
    assert.ok(shows(home.body, `You are now the named worker for Florence ${person.familyName}`));
    assert.ok(attrs(home.body, 'a', 'href').includes(`/people/${person.id}`));
    assert.equal((await t.db.select().from(notifications).where(eq(notifications.workerId, first.id))).length, 0);

    // The team manager sees the hand-offs into and out of their team; other teams' managers do not see this one.
    const handOffsPage = await managerA.get('/hand-offs');
    assert.equal(handOffsPage.statusCode, 200);
    assert.ok(shows(handOffsPage.body, `Florence ${person.familyName}`));
    assert.match(handOffsPage.body, /Florence has moved to the south of the town/);
    assert.match(handOffsPage.body, /Gareth Firstnamed to Yasmin Nextnamed/);
    const elsewhere = await otherManager.get('/hand-offs');
    assert.equal(elsewhere.statusCode, 200);
    assert.ok(!shows(elsewhere.body, person.familyName));
    for (const other of [colleague, quality, nextAgent]) {
      const res = await other.get('/hand-offs');
      assert.equal(res.statusCode, 403);
      assert.ok(!shows(res.body, person.familyName));
    }
  });
});

describe('how to communicate with them, on every page about them', () => {
  const t = useTestApp();

  test('communication needs are on the person page, the timeline, the conversation form and the conversation page', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    await agent.get('/people/new');
    const registered = await agent.post(
      '/people',
      personForm({
        givenName: 'Dilys',
        communicationNeeds: ['bsl_interpreter', 'large_print'],
        communicationNotes: 'Face me when you speak: I lip-read',
        firstLanguage: 'British Sign Language',
        interpreterNeeded: 'yes',
      }),
    );
    assert.equal(registered.statusCode, 303);
    const id = idFrom(registered.headers.location);
    const [p] = await t.db.select().from(people).where(eq(people.id, id));
    assert.deepEqual(p.communicationNeeds, ['bsl_interpreter', 'large_print']);
    const conversation = await newConversation(t.db, { personId: id, authorId: worker.id });
    for (const url of [
      `/people/${id}`,
      `/people/${id}/timeline`,
      `/people/${id}/conversations/new`,
      `/conversations/${conversation.id}`,
      `/people/${id}/viewers`,
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /How to communicate with Dilys/, url);
      for (const text of [
        'British Sign Language interpreter',
        'Large print',
        'Face me when you speak: I lip-read',
        'Needs an interpreter (British Sign Language)',
      ]) {
        assert.ok(shows(res.body, text), `${url}: ${text}`);
      }
    }
    // Someone without needs has no banner.
    const plain = await newPerson(t.db);
    assert.doesNotMatch((await agent.get(`/people/${plain.id}`)).body, /How to communicate with/);
  });
});

describe('restricted records', () => {
  const t = useTestApp();

  async function scene() {
    const team = await newTeam(t.db);
    const listedTeam = await newTeam(t.db);
    const named = await signedIn(t.app, t.db, { teamId: team.id });
    const manager = await signedIn(t.app, t.db, { role: 'team_manager', teamId: team.id });
    const listedWorker = await signedIn(t.app, t.db);
    const teamMember = await signedIn(t.app, t.db, { teamId: listedTeam.id });
    const outsider = await signedIn(t.app, t.db, { name: 'Olwen Outsider' });
    const outsiderManager = await signedIn(t.app, t.db, { role: 'team_manager', teamId: outsider.worker.teamId });
    const postcode = `NB${10 + Math.floor(Math.random() * 80)} ${1 + Math.floor(Math.random() * 9)}QR`;
    const person = await newPerson(t.db, {
      givenName: 'Imelda',
      dateOfBirth: '1961-07-04',
      nhsNumber: validNhsNumber(),
      postcode,
      namedWorkerId: named.worker.id,
      teamId: team.id,
    });
    return { team, listedTeam, named, manager, listedWorker, teamMember, outsider, outsiderManager, person };
  }

  test('the named worker restricts the record; the access list opens it without a reason, anyone else finds only "Restricted record"', async () => {
    const s = await scene();
    const restrictUrl = `/people/${s.person.id}/restriction`;
    assert.equal(
      (await s.outsider.agent.get(restrictUrl)).statusCode,
      403,
      'only the named worker or a team manager restricts',
    );
    const form = await s.named.agent.get(restrictUrl);
    assert.equal(form.statusCode, 200);
    const noReason = await s.named.agent.post(restrictUrl, { restricted: 'yes', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [{ field: 'reason', text: 'Say why the record is restricted' }]);
    const saved = await s.named.agent.post(restrictUrl, {
      restricted: 'yes',
      reason: 'Imelda works in our contact centre',
      workerIds: [s.listedWorker.worker.id],
      teamIds: [s.listedTeam.id],
    });
    assert.equal(saved.statusCode, 303);
    const [p] = await t.db.select().from(people).where(eq(people.id, s.person.id));
    assert.equal(p.restricted, true);
    assert.equal((await t.db.select().from(personAccess).where(eq(personAccess.personId, s.person.id))).length, 2);

    // On the list: the named worker, a listed worker, a member of a listed team. No reason asked.
    for (const who of [s.named, s.listedWorker, s.teamMember]) {
      const page = await who.agent.get(`/people/${s.person.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(shows(page.body, `Imelda ${s.person.familyName}`));
      assert.match(page.body, /Restricted/);
      const found = await who.agent.post('/people/search', { q: s.person.postcode! });
      assert.ok(shows(resultsHtml(found.body), s.person.familyName), 'found by name in search');
    }
    assert.equal(
      (await t.db.select().from(restrictedOpenings).where(eq(restrictedOpenings.personId, s.person.id))).length,
      0,
    );

    // Off the list: search shows that a record exists and nothing about who it is.
    await s.outsider.agent.get('/people');
    for (const q of [s.person.postcode!, `Imelda ${s.person.familyName}`, s.person.nhsNumber!, '4/7/1961']) {
      const found = await s.outsider.agent.post('/people/search', { q });
      assert.equal(found.statusCode, 200);
      const results = resultsHtml(found.body);
      assert.deepEqual(texts(results, `a[href="/people/${s.person.id}"]`), ['Restricted record'], q);
      for (const secret of [
        s.person.familyName,
        'Imelda',
        '4 July 1961',
        s.person.nhsNumber!,
        spacedNhs(s.person.nhsNumber!),
        '1961',
      ]) {
        assert.ok(!results.includes(secret), `${q}: ${secret} is not in the results`);
      }
    }
    const byPostcode = await s.outsider.agent.post('/people/search', { q: s.person.postcode! });
    for (const secret of [s.person.familyName, 'Imelda', '4 July 1961', spacedNhs(s.person.nhsNumber!)]) {
      assert.ok(!byPostcode.body.includes(secret), `${secret} is nowhere on the page`);
    }
  });

  test('anyone else must give a reason of 10 characters or more to open it; it is audited and the team manager is told', async () => {
    const s = await scene();
    await restrict(t.db, s.person.id, { teamIds: [s.listedTeam.id] });
    const { agent } = s.outsider;
    const page = await agent.get(`/people/${s.person.id}`);
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /This record is restricted/);
    assert.match(page.body, /Why do you need to open this record\?/);
    assert.equal(parse(page.body)(`form[action="/people/${s.person.id}/open"]`).length, 1);
    for (const secret of [s.person.familyName, 'Imelda', '4 July 1961']) assert.ok(!page.body.includes(secret), secret);
    for (const sub of ['timeline', 'viewers', 'about-me/history', 'conversations/new', 'edit']) {
      const res = await agent.get(`/people/${s.person.id}/${sub}`);
      assert.equal(res.statusCode, 403, sub);
      assert.ok(!res.body.includes(s.person.familyName), sub);
    }

    const before = await fingerprintTables(t.db);
    const mark = await auditMark(t.db);
    const short = await agent.post(`/people/${s.person.id}/open`, { reason: 'need it' });
    assert.equal(short.statusCode, 400);
    assert.deepEqual(errorSummary(short.body), [
      { field: 'reason', text: 'Give a reason of at least 10 characters: it is recorded and the team manager is told' },
    ]);
    assert.equal(textareaValue(short.body, 'reason'), 'need it');
    assert.deepEqual(await fingerprintTables(t.db), before, 'not opened');
    assert.equal((await auditSince(t.db, mark)).filter((a) => a.action === 'open_restricted').length, 0);
    assert.equal((await agent.get(`/people/${s.person.id}`)).statusCode, 403, 'still restricted');

    const reason = 'Imelda rang the front door asking for help today';
    const opened = await agent.post(`/people/${s.person.id}/open`, { reason });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, `/people/${s.person.id}`);
    const now = await agent.get(`/people/${s.person.id}`);
    assert.equal(now.statusCode, 200);
    assert.ok(shows(now.body, `Imelda ${s.person.familyName}`));
    const [audit] = (await auditSince(t.db, mark)).filter((a) => a.action === 'open_restricted');
    assert.equal(audit.personId, s.person.id);
    assert.equal(audit.workerId, s.outsider.worker.id);
    assert.equal(audit.reason, reason);

    // The manager of the person's team is told, with the reason; the outsider's own manager is not.
    const told = await t.db.select().from(notifications).where(eq(notifications.workerId, s.manager.worker.id));
    assert.equal(told.length, 1);
    assert.ok(told[0].message.includes(reason));
    assert.ok(told[0].message.includes('Olwen Outsider'));
    const managerHome = await s.manager.agent.get('/');
    assert.ok(shows(managerHome.body, `Olwen Outsider opened a restricted record. Their reason: “${reason}”`));
    assert.equal(
      (await t.db.select().from(notifications).where(eq(notifications.workerId, s.outsiderManager.worker.id))).length,
      0,
    );
    // The reason shows on the record's "who has looked" page.
    const viewers = await s.named.agent.get(`/people/${s.person.id}/viewers`);
    assert.ok(shows(viewers.body, reason));
    assert.ok(shows(viewers.body, 'Opened, giving a reason, the record'));
  });

  test("a restricted person's conversations are protected the same way", async () => {
    const s = await scene();
    await restrict(t.db, s.person.id);
    const conversation = await newConversation(t.db, {
      personId: s.person.id,
      authorId: s.named.worker.id,
      narrative: 'Imelda spoke about her divorce and her job here.',
    });
    const ownPage = await s.named.agent.get(`/conversations/${conversation.id}`);
    assert.equal(ownPage.statusCode, 200);
    assert.match(ownPage.body, /Imelda spoke about her divorce/);

    const { agent } = s.outsider;
    const mark = await auditMark(t.db);
    for (const url of [`/conversations/${conversation.id}`, `/conversations/${conversation.id}/amend`]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.match(res.body, /This record is restricted/);
      assert.ok(!res.body.includes('divorce'), 'nothing of the conversation');
      assert.ok(!res.body.includes(s.person.familyName));
    }
    const before = await fingerprintTables(t.db);
    const amend = await agent.post(`/conversations/${conversation.id}/amend`, {
      reason: 'Wrong date',
      correction: 'It was Tuesday',
    });
    assert.equal(amend.statusCode, 403);
    const draft = await agent.post(`/people/${s.person.id}/conversations`, {
      ...conversationForm(t.clock.now()),
      action: 'draft',
    });
    assert.equal(draft.statusCode, 403);
    const json = await postJson(agent, `/people/${s.person.id}/conversations/draft`, {
      narrative: 'Trying to write a draft here',
    });
    assert.equal(json.statusCode, 403);
    const save = await agent.post(`/people/${s.person.id}/conversations`, conversationForm(t.clock.now()));
    assert.equal(save.statusCode, 403);
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    assert.equal(
      (await auditSince(t.db, mark)).filter((a) => a.entity === 'conversation' && a.action === 'read').length,
      0,
      'no read happened',
    );

    await agent.post(`/people/${s.person.id}/open`, { reason: 'Covering for the named worker today' });
    const afterOpening = await agent.get(`/conversations/${conversation.id}`);
    assert.equal(afterOpening.statusCode, 200);
    assert.match(afterOpening.body, /Imelda spoke about her divorce/);
  });
});

interface Route {
  method: 'GET' | 'POST' | 'JSON';
  url: string;
  form?: Record<string, string | string[]>;
}

const send = (agent: Agent, r: Route, empty = false) =>
  r.method === 'GET'
    ? agent.get(r.url)
    : r.method === 'JSON'
      ? postJson(agent, r.url, empty ? {} : r.form)
      : agent.post(r.url, empty ? {} : r.form);

describe('who can reach people and conversations', () => {
  const t = useTestApp();

  /** Every people and conversation route, with a valid body for each form. */
  async function routes() {
    const { worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Bartholomew', namedWorkerId: worker.id, createdBy: worker.id });
    const conversation = await newConversation(t.db, { personId: person.id, authorId: worker.id });
    const [member] = await t.db
      .insert(networkMembers)
      .values({ personId: person.id, name: 'Cedric the neighbour', relationship: 'Neighbour', addedBy: worker.id })
      .returning();
    const now = t.clock.now();
    const p = `/people/${person.id}`;
    const c = `/conversations/${conversation.id}`;
    const reads: Route[] = [
      { method: 'GET', url: '/people' },
      { method: 'POST', url: '/people/search', form: { q: person.familyName } },
      { method: 'GET', url: p },
      { method: 'GET', url: `${p}/about-me/history` },
      { method: 'GET', url: `${p}/timeline` },
      { method: 'GET', url: `${p}/viewers` },
      { method: 'GET', url: c },
    ];
    const writes: Route[] = [
      { method: 'GET', url: '/people/new' },
      { method: 'POST', url: '/people', form: personForm() },
      { method: 'GET', url: `${p}/edit` },
      { method: 'POST', url: p, form: personForm({ givenName: 'Bart', familyName: person.familyName, version: '1' }) },
      { method: 'GET', url: `${p}/about-me` },
      {
        method: 'POST',
        url: `${p}/about-me`,
        form: { whatMatters: 'His allotment', inTheirWords: 'yes', version: '0' },
      },
      { method: 'GET', url: `${p}/network/new` },
      { method: 'POST', url: `${p}/network`, form: { name: 'Someone new', relationship: 'Friend' } },
      { method: 'POST', url: `${p}/network/${member.id}/remove`, form: {} },
      { method: 'GET', url: `${p}/named-worker` },
      { method: 'POST', url: `${p}/named-worker`, form: { workerId: worker.id, reason: 'Taking him on' } },
      { method: 'GET', url: `${p}/restriction` },
      { method: 'POST', url: `${p}/restriction`, form: { restricted: 'yes', reason: 'Public figure' } },
      { method: 'GET', url: `${p}/conversations/new` },
      { method: 'POST', url: `${p}/conversations`, form: conversationForm(now) },
      { method: 'POST', url: `${p}/conversations`, form: { ...conversationForm(now), action: 'draft' } },
      { method: 'POST', url: `${p}/conversations`, form: { action: 'discard' } },
      { method: 'JSON', url: `${p}/conversations/draft`, form: { narrative: 'Autosaved text of the conversation' } },
      { method: 'GET', url: `${c}/amend` },
      { method: 'POST', url: `${c}/amend`, form: { reason: 'Wrong place', correction: 'It was at the library' } },
    ];
    // Opening a restricted record is a read with a reason.
    const open: Route = { method: 'POST', url: `${p}/open`, form: { reason: 'Checking something for a colleague' } };
    return { worker, person, conversation, member, reads, writes, open };
  }

  test('a partner practitioner gets "not found" and an administrator "no access" on every route, and nothing is stored', async () => {
    const { reads, writes, open, person } = await routes();
    const partner = await signedIn(t.app, t.db, { role: 'partner' });
    const admin = await signedIn(t.app, t.db, { role: 'admin' });
    const before = await fingerprintTables(t.db);
    for (const [who, status] of [
      [partner, 404],
      [admin, 403],
    ] as const) {
      await who.agent.get('/');
      assert.ok(who.agent.csrfToken, 'a real CSRF token from a page');
      for (const r of [...reads, ...writes, open]) {
        for (const empty of r.method === 'GET' ? [false] : [false, true]) {
          const res = await send(who.agent, r, empty);
          assert.equal(
            res.statusCode,
            status,
            `${who.worker.role} ${r.method} ${r.url}${empty ? ' (empty form)' : ''}`,
          );
          assert.ok(!res.body.includes(person.familyName), `${r.method} ${r.url}: no data on the page`);
        }
      }
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.personId, person.id)));
    assert.deepEqual(
      rows.filter((r) => [partner.worker.id, admin.worker.id].includes(r.workerId!)),
      [],
      'no reads or changes audited against the person',
    );
  });

  test('quality can read every page but gets "no access" on every change', async () => {
    const { reads, writes, person } = await routes();
    const quality = await signedIn(t.app, t.db, { role: 'quality' });
    for (const r of reads) {
      const res = await send(quality.agent, r);
      assert.equal(res.statusCode, 200, `${r.method} ${r.url}`);
      if (r.url !== '/people') assert.ok(shows(res.body, person.familyName), `${r.url} shows the person`);
    }
    const before = await fingerprintTables(t.db);
    for (const r of writes) {
      const res = await send(quality.agent, r);
      assert.equal(res.statusCode, 403, `${r.method} ${r.url}`);
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    // The person's page offers quality no ways to change it.
    const page = await quality.agent.get(`/people/${person.id}`);
    assert.doesNotMatch(page.body, /Record a conversation|Change their details|Add someone to their network/);
  });

  test('a worker who changes an id in a URL to one that does not exist, or is not an id, gets "not found" and changes nothing', async () => {
    const { reads, writes, open, person, conversation, member } = await routes();
    const { agent } = await signedIn(t.app, t.db);
    await agent.get('/');
    const before = await fingerprintTables(t.db);
    const ids = [person.id, conversation.id, member.id];
    for (const bad of [randomUUID(), 'not-an-id', '12345', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g']) {
      for (const r of [...reads, ...writes, open]) {
        if (!ids.some((id) => r.url.includes(id))) continue;
        for (const id of ids.filter((i) => r.url.includes(i))) {
          const url = r.url.replace(id, encodeURIComponent(bad));
          for (const empty of r.method === 'GET' ? [false] : [false, true]) {
            const res = await send(agent, { ...r, url }, empty);
            assert.equal(res.statusCode, 404, `${r.method} ${url}${empty ? ' (empty form)' : ''}`);
          }
        }
      }
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
  });

  test("a network member can only be removed through their own person's record", async () => {
    const { worker } = await signedIn(t.app, t.db);
    const { agent } = await signedIn(t.app, t.db);
    const a = await newPerson(t.db, { createdBy: worker.id });
    const b = await newPerson(t.db, { createdBy: worker.id });
    const [member] = await t.db
      .insert(networkMembers)
      .values({ personId: b.id, name: 'Dafydd the friend', relationship: 'Friend', addedBy: worker.id })
      .returning();
    await agent.get('/');
    const res = await agent.post(`/people/${a.id}/network/${member.id}/remove`);
    assert.equal(res.statusCode, 404);
    const [still] = await t.db.select().from(networkMembers).where(eq(networkMembers.id, member.id));
    assert.equal(still.removedAt, null);
  });
});

describe('every view and change of a person is audited and listed on "who has looked"', () => {
  const t = useTestApp();

  test('views of the page, a conversation, the timeline and "who has looked", and each change, write an audit row with the person id', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { name: 'Rhiannon Auditwatcher' });
    const { agent: other, worker: otherWorker } = await signedIn(t.app, t.db, { name: 'Idris Secondviewer' });
    const person = await newPerson(t.db, { createdBy: worker.id });
    const conversation = await newConversation(t.db, { personId: person.id, authorId: worker.id });
    const expectations: Array<[string, () => Promise<unknown>, string, string]> = [
      ['person page', () => agent.get(`/people/${person.id}`), 'read', 'person'],
      ['conversation', () => agent.get(`/conversations/${conversation.id}`), 'read', 'conversation'],
      ['timeline', () => agent.get(`/people/${person.id}/timeline`), 'read', 'timeline'],
      ['who has looked', () => agent.get(`/people/${person.id}/viewers`), 'read', 'person_audit'],
      ['about me history', () => agent.get(`/people/${person.id}/about-me/history`), 'read', 'about_me_history'],
      [
        'details changed',
        () =>
          agent.post(
            `/people/${person.id}`,
            personForm({
              givenName: person.givenName,
              familyName: person.familyName,
              phone: '01632 960 003',
              version: '1',
            }),
          ),
        'update',
        'person',
      ],
      [
        'about me',
        () =>
          agent.post(`/people/${person.id}/about-me`, {
            whatMatters: 'Football on a Saturday',
            inTheirWords: 'yes',
            version: '0',
          }),
        'update',
        'about_me',
      ],
      [
        'network added',
        () => agent.post(`/people/${person.id}/network`, { name: 'Bethan', relationship: 'Sister' }),
        'create',
        'network_member',
      ],
      [
        'named worker',
        () => agent.post(`/people/${person.id}/named-worker`, { workerId: worker.id, reason: 'I know him' }),
        'update',
        'named_worker',
      ],
      [
        'conversation recorded',
        () => agent.post(`/people/${person.id}/conversations`, conversationForm(t.clock.now())),
        'create',
        'conversation',
      ],
      [
        'amendment',
        () =>
          agent.post(`/conversations/${conversation.id}/amend`, {
            reason: 'Wrong place',
            correction: 'At the library',
          }),
        'amend',
        'conversation',
      ],
      ['another worker views', () => other.get(`/people/${person.id}`), 'read', 'person'],
    ];
    for (const [what, act, action, entity] of expectations) {
      const mark = await auditMark(t.db);
      const res = (await act()) as { statusCode: number };
      assert.ok([200, 303].includes(res.statusCode), `${what}: ${res.statusCode}`);
      const rows = await auditSince(t.db, mark);
      const row = rows.find((r) => r.action === action && r.entity === entity);
      assert.ok(
        row,
        `${what}: an audit row ${action} ${entity} (got ${rows.map((r) => `${r.action} ${r.entity}`).join(', ')})`,
      );
      assert.equal(row.personId, person.id, what);
      assert.ok(row.requestId, `${what}: from which request`);
    }

    const viewers = await agent.get(`/people/${person.id}/viewers`);
    assert.equal(viewers.statusCode, 200);
    // In plain words: the person may read this page.
    for (const text of [
      'Looked at the record',
      'Looked at a conversation',
      'Looked at the timeline',
      'Looked at who has looked at this record',
      'Changed their details',
      'Changed “About me”',
      'Added someone in their network',
      'Added a conversation',
      'Corrected a conversation',
      'Wrong place',
      worker.name,
      otherWorker.name,
    ]) {
      assert.ok(shows(viewers.body, text), text);
    }
    assert.doesNotMatch(viewers.body, /read person|person_audit|network member/);
    // Only this person's events: someone else's record is not listed.
    const stranger = await newPerson(t.db, { createdBy: worker.id });
    await other.get(`/people/${stranger.id}`);
    const [{ n }] = (
      await t.db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE person_id = ${person.id}`)
    ).rows as Array<{ n: number }>;
    const listed = parse((await agent.get(`/people/${person.id}/viewers`)).body)('table tbody tr').length;
    assert.equal(listed, n, 'every audit row about the person, one table row each');
  });
});
