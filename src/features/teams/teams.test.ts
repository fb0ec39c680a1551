import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, gt } from 'drizzle-orm';
import { auditEvents, localityPostcodes, organisations, teams, type Team } from '../../db/schema/index.js';
import {
  auditMark,
  auditRowsAbout,
  countRows,
  errorSummary,
  has,
  inputValue,
  newOrganisation,
  newTeam,
  attrs,
  page,
  signedIn,
  snapshotTables,
  texts,
  useTestApp,
} from '../../../test/helpers.js';
import { localityForPostcode } from './teams.service.js';

type Db = ReturnType<typeof useTestApp>['db'];

const teamRow = (db: Db, id: string) =>
  db
    .select()
    .from(teams)
    .where(eq(teams.id, id))
    .then((r) => r[0] ?? null);
const areaRow = (db: Db, prefix: string) =>
  db
    .select()
    .from(localityPostcodes)
    .where(eq(localityPostcodes.prefix, prefix))
    .then((r) => r[0] ?? null);

function teamForm(team: Team, changes: Record<string, string> = {}) {
  return {
    name: team.name,
    kind: team.kind,
    organisationId: team.organisationId,
    email: team.email ?? '',
    phone: team.phone ?? '',
    version: String(team.version),
    ...changes,
  };
}

describe('teams', () => {
  const t = useTestApp();

  test('a blank team form is explained field by field and stores nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get('/admin/teams/new');
    const before = await countRows(t.db);
    const res = await agent.post('/admin/teams', { name: '', organisationId: '', email: '', phone: '' });
    assert.equal(res.statusCode, 400);
    assert.equal(page(res.body)('.govuk-error-summary').length, 1);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'name', text: 'Enter the team’s name' },
      { field: 'kind', text: 'Select what kind of team it is' },
      { field: 'organisationId', text: 'Select an organisation' },
    ]);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('a bad email, an over-long phone number or an unknown organisation is refused, keeping what was typed', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const organisation = await newOrganisation(t.db);
    await agent.get('/admin/teams/new');
    const before = await countRows(t.db);
    const form = {
      name: 'Riverside Locality',
      kind: 'locality',
      organisationId: organisation.id,
      email: '',
      phone: '',
    };

    const badEmail = await agent.post('/admin/teams', { ...form, email: 'riverside at example' });
    assert.equal(badEmail.statusCode, 400);
    assert.deepEqual(errorSummary(badEmail.body), [
      { field: 'email', text: 'Enter an email address in the correct format, like team@example.org' },
    ]);
    assert.equal(inputValue(badEmail.body, 'name'), 'Riverside Locality');
    assert.equal(inputValue(badEmail.body, 'email'), 'riverside at example');

    const longPhone = await agent.post('/admin/teams', { ...form, phone: '0'.repeat(41) });
    assert.equal(longPhone.statusCode, 400);
    assert.deepEqual(errorSummary(longPhone.body), [
      { field: 'phone', text: 'Phone number must be 40 characters or fewer' },
    ]);

    const badKind = await agent.post('/admin/teams', { ...form, kind: 'space_station' });
    assert.equal(badKind.statusCode, 400);
    assert.deepEqual(errorSummary(badKind.body), [{ field: 'kind', text: 'Select what kind of team it is' }]);

    const unknown = await agent.post('/admin/teams', { ...form, organisationId: randomUUID() });
    assert.equal(unknown.statusCode, 400, 'an organisation that does not exist is a message, not an error');
    assert.deepEqual(errorSummary(unknown.body), [{ field: 'organisationId', text: 'Select an organisation' }]);

    assert.deepEqual(await countRows(t.db), before);
  });

  test('a team is added and audited; the same name in the same organisation is refused in any case, but another organisation may use it', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const organisation = await newOrganisation(t.db);
    const other = await newOrganisation(t.db);
    await agent.get('/admin/teams/new');
    const res = await agent.post('/admin/teams', {
      name: 'Hillside Locality',
      kind: 'locality',
      organisationId: organisation.id,
      email: 'Hillside@Test.Example',
      phone: '0113 496 0002',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/teams');
    const [team] = await t.db.select().from(teams).where(eq(teams.organisationId, organisation.id));
    assert.equal(team.name, 'Hillside Locality');
    assert.equal(team.kind, 'locality');
    assert.equal(team.email, 'Hillside@Test.Example');
    assert.equal(team.active, true);
    assert.equal(team.version, 1);
    const list = await agent.get('/admin/teams');
    assert.match(list.body, /Hillside Locality/);
    assert.deepEqual(texts(list.body, `a[href="/admin/teams/${team.id}/edit"]`), ['Change Hillside Locality']);

    assert.deepEqual(
      (await auditRowsAbout(t.db, team.id)).map((e) => [e.action, e.entity, e.workerId]),
      [['create', 'team', admin.id]],
    );

    const before = await countRows(t.db);
    for (const name of ['Hillside Locality', 'HILLSIDE locality', '  hillside locality  ']) {
      const dup = await agent.post('/admin/teams', {
        name,
        kind: 'hospital',
        organisationId: organisation.id,
        email: '',
        phone: '',
      });
      assert.equal(dup.statusCode, 400, name);
      assert.deepEqual(errorSummary(dup.body), [
        { field: 'name', text: 'This organisation already has a team with this name' },
      ]);
    }
    assert.deepEqual(await countRows(t.db), before);

    const elsewhere = await agent.post('/admin/teams', {
      name: 'Hillside Locality',
      kind: 'locality',
      organisationId: other.id,
      email: '',
      phone: '',
    });
    assert.equal(elsewhere.statusCode, 303);
    assert.equal((await t.db.select().from(teams).where(eq(teams.organisationId, other.id))).length, 1);
  });

  test('a team is changed with a new version and audited; its own name is not a duplicate of itself', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { name: 'Old Team Name' });
    const form = await agent.get(`/admin/teams/${team.id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.equal(inputValue(form.body, 'name'), 'Old Team Name');
    assert.equal(inputValue(form.body, 'version'), '1');

    const res = await agent.post(
      `/admin/teams/${team.id}`,
      teamForm(team, { name: 'New Team Name', phone: '0113 496 0003' }),
    );
    assert.equal(res.statusCode, 303);
    const saved = await teamRow(t.db, team.id);
    assert.equal(saved?.name, 'New Team Name');
    assert.equal(saved?.phone, '0113 496 0003');
    assert.equal(saved?.version, 2);

    const sameName = await agent.post(`/admin/teams/${team.id}`, teamForm(saved!, { name: 'NEW TEAM NAME' }));
    assert.equal(sameName.statusCode, 303, 'changing only the case of its own name is allowed');

    const rows = (await auditRowsAbout(t.db, team.id)).map((e) => [e.action, e.entity, e.workerId]);
    assert.deepEqual(rows, [
      ['update', 'team', admin.id],
      ['update', 'team', admin.id],
    ]);
  });

  test('renaming a team to another team’s name in its organisation is refused and changes nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const first = await newTeam(t.db, { name: 'First Team' });
    const second = await newTeam(t.db, { name: 'Second Team', organisationId: first.organisationId });
    await agent.get(`/admin/teams/${second.id}/edit`);
    const res = await agent.post(`/admin/teams/${second.id}`, teamForm(second, { name: 'first team' }));
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'name', text: 'This organisation already has a team with this name' },
    ]);
    assert.deepEqual(await teamRow(t.db, second.id), second);
  });

  test('a stale version is refused with 409, both versions are shown and nothing is overwritten', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { agent: other } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { name: 'Contested Team' });
    await agent.get(`/admin/teams/${team.id}/edit`);
    await other.get(`/admin/teams/${team.id}/edit`);
    assert.equal(
      (
        await other.post(
          `/admin/teams/${team.id}`,
          teamForm(team, { name: 'Their Team Name', email: 'theirs@test.example' }),
        )
      ).statusCode,
      303,
    );
    const saved = await teamRow(t.db, team.id);

    const mark = await auditMark(t.db);
    const stale = await agent.post(`/admin/teams/${team.id}`, teamForm(team, { name: 'My Team Name' }));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this team while you were editing/);
    assert.match(stale.body, /Their version/);
    assert.match(stale.body, /Their Team Name/);
    assert.match(stale.body, /theirs@test.example/);
    assert.equal(inputValue(stale.body, 'name'), 'My Team Name');
    assert.equal(inputValue(stale.body, 'version'), '2');
    assert.deepEqual(await teamRow(t.db, team.id), saved, 'nothing was overwritten');
    assert.equal(
      (await t.db.select().from(auditEvents).where(gt(auditEvents.id, mark))).length,
      0,
      'a refused save is not audited as a change',
    );

    const again = await agent.post(`/admin/teams/${team.id}`, teamForm(saved!, { name: 'My Team Name' }));
    assert.equal(again.statusCode, 303);
    assert.equal((await teamRow(t.db, team.id))?.name, 'My Team Name');
  });

  test('a team is deactivated and reactivated, audited, and hidden from the list unless asked for', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { name: `Fading Team ${randomUUID().slice(0, 6)}` });
    await agent.get('/admin/teams');
    const res = await agent.post(`/admin/teams/${team.id}/deactivate`);
    assert.equal(res.statusCode, 303);
    assert.equal((await teamRow(t.db, team.id))?.active, false);
    assert.ok(!(await agent.get('/admin/teams')).body.includes(team.name), 'hidden by default');
    const all = await agent.get('/admin/teams?inactive=yes');
    assert.ok(all.body.includes(team.name));
    assert.deepEqual(texts(all.body, `form[action="/admin/teams/${team.id}/reactivate"] button`), [
      `Reactivate ${team.name}`,
    ]);
    const newWorkerForm = await agent.get('/admin/workers/new');
    assert.ok(!newWorkerForm.body.includes(team.id), 'a deactivated team is not offered for new workers');

    assert.equal((await agent.post(`/admin/teams/${team.id}/reactivate`)).statusCode, 303);
    assert.equal((await teamRow(t.db, team.id))?.active, true);
    assert.deepEqual(
      (await auditRowsAbout(t.db, team.id)).map((e) => [e.action, e.entity, e.workerId]),
      [
        ['deactivate', 'team', admin.id],
        ['reactivate', 'team', admin.id],
      ],
    );
  });

  test('an unknown or malformed team id is not found and changes nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db);
    await agent.get('/admin/teams');
    const before = await snapshotTables(t.db);
    for (const id of [randomUUID(), 'abc']) {
      assert.equal((await agent.get(`/admin/teams/${id}/edit`)).statusCode, 404);
      assert.equal((await agent.post(`/admin/teams/${id}`, teamForm(team))).statusCode, 404);
      assert.equal((await agent.post(`/admin/teams/${id}/deactivate`)).statusCode, 404);
      assert.equal((await agent.post(`/admin/teams/${id}/reactivate`)).statusCode, 404);
    }
    assert.deepEqual(await snapshotTables(t.db), before);
  });
});

describe('organisations', () => {
  const t = useTestApp();

  test('an organisation is validated, added, audited, and a duplicate name refused in any case', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get('/admin/teams');
    const before = await countRows(t.db);
    const blank = await agent.post('/admin/organisations', { name: '' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(errorSummary(blank.body), [
      { field: 'name', text: 'Enter the organisation’s name' },
      { field: 'kind', text: 'Select what kind of organisation it is' },
    ]);
    const badKind = await agent.post('/admin/organisations', { name: 'Typed Name Kept', kind: 'pirate' });
    assert.equal(badKind.statusCode, 400);
    assert.equal(inputValue(badKind.body, 'name'), 'Typed Name Kept');
    assert.deepEqual(await countRows(t.db), before);

    const name = `Riverside Housing ${randomUUID().slice(0, 6)}`;
    const res = await agent.post('/admin/organisations', { name, kind: 'housing' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/teams?done=organisation');
    const page = await agent.get(res.headers.location as string);
    assert.match(page.body, /Organisation added/);
    assert.ok(page.body.includes(name));
    const [org] = await t.db.select().from(organisations).where(eq(organisations.name, name));
    assert.equal(org.kind, 'housing');
    assert.deepEqual(
      (await auditRowsAbout(t.db, org.id)).map((e) => [e.action, e.entity, e.workerId]),
      [['create', 'organisation', admin.id]],
    );

    const after = await countRows(t.db);
    const dup = await agent.post('/admin/organisations', { name: name.toUpperCase(), kind: 'council' });
    assert.equal(dup.statusCode, 400);
    assert.deepEqual(errorSummary(dup.body), [
      { field: 'name', text: 'There is already an organisation with this name' },
    ]);
    assert.deepEqual(await countRows(t.db), after);
  });
});

describe('the postcode map', () => {
  const t = useTestApp();

  test('an area is normalised ("ls6 2" is saved as "LS6 2"), shown on the map and audited', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { kind: 'locality', name: 'Headingley Locality' });
    const page = await agent.get('/admin/postcode-map');
    assert.ok(
      attrs(page.body, 'select[name="teamId"] option', 'value').includes(team.id),
      'active locality teams are offered',
    );
    const res = await agent.post('/admin/postcode-map', { prefix: ' ls6   2 ', teamId: team.id });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/postcode-map?done=saved');
    assert.equal((await areaRow(t.db, 'LS6 2'))?.teamId, team.id);
    assert.equal(await areaRow(t.db, 'ls6 2'), null);
    const map = await agent.get(res.headers.location as string);
    assert.match(map.body, /Postcode map saved/);
    assert.match(map.body, /LS6 2/);
    assert.match(map.body, /Headingley Locality/);
    const [created] = await auditRowsAbout(t.db, 'LS6 2');
    assert.equal(created.action, 'create');
    assert.equal(created.entity, 'postcode_area');
    assert.equal(created.workerId, admin.id);
    assert.deepEqual(created.details, { teamId: team.id, previousTeamId: null });
  });

  test('areas that are not a postcode area, district or sector are refused and nothing is stored', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { kind: 'locality' });
    await agent.get('/admin/postcode-map');
    const before = await snapshotTables(t.db);
    for (const prefix of ['123', 'LS6 2AB', 'LS6 2A', '6LS', 'LS6 22', 'LS 6', 'ABC1', 'LS6-2']) {
      const res = await agent.post('/admin/postcode-map', { prefix, teamId: team.id });
      assert.equal(res.statusCode, 400, prefix);
      assert.deepEqual(errorSummary(res.body), [
        {
          field: 'prefix',
          text: 'Enter a postcode area, district or sector in the correct format, like LS, LS6 or LS6 2',
        },
      ]);
    }
    const blank = await agent.post('/admin/postcode-map', { prefix: '', teamId: '' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(errorSummary(blank.body), [
      { field: 'prefix', text: 'Enter a postcode area, district or sector, like LS, LS6 or LS6 2' },
      { field: 'teamId', text: 'Select the locality team that covers it' },
    ]);
    assert.deepEqual(await snapshotTables(t.db), before);
  });

  test('only an active locality team can cover an area', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const central = await newTeam(t.db, { kind: 'first_contact' });
    const closed = await newTeam(t.db, { kind: 'locality' });
    await t.db.update(teams).set({ active: false }).where(eq(teams.id, closed.id));
    const page = await agent.get('/admin/postcode-map');
    assert.ok(!has(page.body, `[value="${central.id}"]`), 'a central team is not offered');
    assert.ok(!has(page.body, `[value="${closed.id}"]`), 'a deactivated team is not offered');
    const before = await snapshotTables(t.db);
    for (const teamId of [central.id, closed.id, randomUUID()]) {
      const res = await agent.post('/admin/postcode-map', { prefix: 'WF1', teamId });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorSummary(res.body), [{ field: 'teamId', text: 'Select an active locality team' }]);
      assert.equal(inputValue(res.body, 'prefix'), 'WF1');
    }
    assert.deepEqual(await snapshotTables(t.db), before);
    assert.equal((await auditRowsAbout(t.db, 'WF1')).length, 0);
  });

  test('an area moves to another team, and the move is audited with the team it came from', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const from = await newTeam(t.db, { kind: 'locality' });
    const to = await newTeam(t.db, { kind: 'locality' });
    await agent.get('/admin/postcode-map');
    assert.equal((await agent.post('/admin/postcode-map', { prefix: 'BD7', teamId: from.id })).statusCode, 303);
    assert.equal((await agent.post('/admin/postcode-map', { prefix: 'bd7', teamId: to.id })).statusCode, 303);
    assert.equal((await areaRow(t.db, 'BD7'))?.teamId, to.id);
    assert.equal((await t.db.select().from(localityPostcodes).where(eq(localityPostcodes.prefix, 'BD7'))).length, 1);
    const rows = await auditRowsAbout(t.db, 'BD7');
    assert.deepEqual(
      rows.map((e) => [e.action, e.workerId, e.details]),
      [
        ['create', admin.id, { teamId: from.id, previousTeamId: null }],
        ['update', admin.id, { teamId: to.id, previousTeamId: from.id }],
      ],
    );
  });

  test('an area is removed from the map and the removal audited; an area not on the map is not found', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { kind: 'locality' });
    await agent.get('/admin/postcode-map');
    await agent.post('/admin/postcode-map', { prefix: 'HX1 4', teamId: team.id });
    const map = await agent.get('/admin/postcode-map');
    assert.ok(
      attrs(map.body, 'form input[type="hidden"][name="prefix"]', 'value').includes('HX1 4'),
      'each area has its own remove button',
    );

    const res = await agent.post('/admin/postcode-map/remove', { prefix: 'hx1 4' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/postcode-map?done=removed');
    assert.match((await agent.get(res.headers.location as string)).body, /Postcode area removed from the map/);
    assert.equal(await areaRow(t.db, 'HX1 4'), null);
    const removal = (await auditRowsAbout(t.db, 'HX1 4')).filter((e) => e.action === 'delete');
    assert.deepEqual(
      removal.map((e) => [e.entity, e.workerId, e.details]),
      [['postcode_area', admin.id, { teamId: team.id }]],
    );

    const before = await snapshotTables(t.db);
    assert.equal(
      (await agent.post('/admin/postcode-map/remove', { prefix: 'HX1 4' })).statusCode,
      404,
      'already removed',
    );
    const blank = await agent.post('/admin/postcode-map/remove', { prefix: 'not a prefix' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(errorSummary(blank.body), [{ field: 'prefix', text: 'Choose a postcode area to remove' }]);
    assert.deepEqual(await snapshotTables(t.db), before);
  });

  test('a deactivated team stays on the map, marked as deactivated', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { kind: 'locality', name: 'Closing Locality' });
    await agent.get('/admin/postcode-map');
    await agent.post('/admin/postcode-map', { prefix: 'HD2', teamId: team.id });
    await agent.post(`/admin/teams/${team.id}/deactivate`);
    const map = await agent.get('/admin/postcode-map');
    assert.match(map.body, /Closing Locality \(deactivated\)/);
  });
});

describe('finding the locality team for a postcode', () => {
  const t = useTestApp();

  test('the longest matching prefix wins: sector over district over area', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const area = 'QA';
    const [areaTeam, districtTeam, sectorTeam, innerTeam] = await Promise.all(
      [1, 2, 3, 4].map(() => newTeam(t.db, { kind: 'locality' })),
    );
    await agent.get('/admin/postcode-map');
    for (const [prefix, team] of [
      [area, areaTeam],
      [`${area}6`, districtTeam],
      [`${area}6 2`, sectorTeam],
      [`${area}1A`, innerTeam],
    ] as const) {
      assert.equal((await agent.post('/admin/postcode-map', { prefix, teamId: team.id })).statusCode, 303, prefix);
    }
    const teamFor = async (postcode: string) => (await localityForPostcode(t.db, postcode))?.teamId ?? null;

    assert.equal(await teamFor(`${area}6 2AB`), sectorTeam.id, 'the sector');
    assert.equal(await teamFor(`${area.toLowerCase()}62ab`), sectorTeam.id, 'typed in lower case without a space');
    assert.equal(await teamFor(`  ${area}6   2AB `), sectorTeam.id, 'with extra spaces');
    assert.equal(await teamFor(`${area}6 3AB`), districtTeam.id, 'another sector of the district');
    assert.equal(await teamFor(`${area}7 1AA`), areaTeam.id, 'another district of the area');
    assert.equal(await teamFor(`${area}16 2AB`), areaTeam.id, `${area}16 is not in district ${area}6`);
    assert.equal(await teamFor(`${area}1A 1BB`), innerTeam.id, 'a district with a letter');
    const found = await localityForPostcode(t.db, `${area}6 2AB`);
    assert.deepEqual(found, { prefix: `${area}6 2`, teamId: sectorTeam.id, teamName: sectorTeam.name });
  });

  test('a deactivated team is skipped for the next longest match', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const area = 'QB';
    const districtTeam = await newTeam(t.db, { kind: 'locality' });
    const sectorTeam = await newTeam(t.db, { kind: 'locality' });
    await agent.get('/admin/postcode-map');
    await agent.post('/admin/postcode-map', { prefix: `${area}9`, teamId: districtTeam.id });
    await agent.post('/admin/postcode-map', { prefix: `${area}9 4`, teamId: sectorTeam.id });
    assert.equal((await localityForPostcode(t.db, `${area}9 4XY`))?.teamId, sectorTeam.id);
    await agent.post(`/admin/teams/${sectorTeam.id}/deactivate`);
    assert.equal((await localityForPostcode(t.db, `${area}9 4XY`))?.teamId, districtTeam.id);
    await agent.post(`/admin/teams/${districtTeam.id}/deactivate`);
    assert.equal(await localityForPostcode(t.db, `${area}9 4XY`), null, 'no active team covers it');
  });

  test('an unmapped or invalid postcode has no locality', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { kind: 'locality' });
    const area = 'QC';
    await agent.get('/admin/postcode-map');
    await agent.post('/admin/postcode-map', { prefix: `${area}3`, teamId: team.id });
    assert.equal((await localityForPostcode(t.db, `${area}3 1AA`))?.teamId, team.id, 'the map works');
    for (const postcode of [
      `${area}4 1AA`,
      'XZ1 1AA',
      '',
      'not a postcode',
      '123 456',
      `${area}3`,
      `${area}3 1`,
      `${area}3 1AAA`,
    ]) {
      assert.equal(await localityForPostcode(t.db, postcode), null, JSON.stringify(postcode));
    }
  });

  test('an area removed from the map no longer decides', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db, { kind: 'locality' });
    const area = 'QD';
    await agent.get('/admin/postcode-map');
    await agent.post('/admin/postcode-map', { prefix: `${area}5 5`, teamId: team.id });
    assert.equal((await localityForPostcode(t.db, `${area}5 5ZZ`))?.teamId, team.id);
    await agent.post('/admin/postcode-map/remove', { prefix: `${area}5 5` });
    assert.equal(await localityForPostcode(t.db, `${area}5 5ZZ`), null);
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, 'postcode_area'), eq(auditEvents.entityId, `${area}5 5`)));
    assert.deepEqual(
      rows.map((e) => e.action),
      ['create', 'delete'],
    );
  });
});
