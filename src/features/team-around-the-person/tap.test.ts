import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, notifications, tapActions, tapActionUpdates, tapConsents } from '../../db/schema/index.js';
import {
  attrs,
  auditMark,
  errorSummary,
  fingerprintTables,
  has,
  inputValue,
  page as parse,
  signedIn,
  texts,
  useTestApp,
} from '../../../test/helpers.js';
import {
  auditSince,
  dayParts,
  formInputs,
  newConversation,
  newPerson,
  shows,
  textareaValue,
} from '../../../test/people-factories.js';
import { actionFormFor, consentForm, idFrom, memberIds, newPartner, tapScene } from '../../../test/tap-factories.js';
import { plainTextPlan } from './tap.plan.js';

const messagesFor = (t: { db: import('../../db/client.js').Db }, workerId: string) =>
  t.db
    .select({ message: notifications.message, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.workerId, workerId));

describe('setting up a team around the person', () => {
  const t = useTestApp();

  test('the named worker sets up the team: the person and the named worker are in it, and sharing is flagged as not yet agreed', async () => {
    const { worker, agent } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Dilys', namedWorkerId: worker.id });
    const before = await agent.get(`/people/${person.id}/team`);
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /No team around Dilys yet/);
    const started = await agent.post(`/people/${person.id}/team`);
    assert.equal(started.statusCode, 303);
    const page = await agent.get(`/people/${person.id}/team?done=started`);
    assert.match(page.body, /The team is set up/);
    assert.match(page.body, /Nothing is shared with partners yet/);
    assert.ok(shows(page.body, worker.name), 'the named worker is in the team');
    assert.match(page.body, /The person/);
    // Setting it up twice finds the same team.
    assert.equal((await agent.post(`/people/${person.id}/team`)).statusCode, 303);
    const count = await t.db.execute(sql`SELECT count(*)::int AS n FROM taps WHERE person_id = ${person.id}`);
    assert.equal((count.rows[0] as { n: number }).n, 1);
  });

  test('members of every kind; each one’s role and contact details are on the team page; members are told when someone joins or leaves', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const { manager, partner } = scene;
    // Added before sharing was agreed: told without the person's name, then by name once sharing covers them.
    const told = await messagesFor(t, partner.worker.id);
    assert.ok(
      told.some((n) => /added you to a team around a person\. You will see who/.test(n.message) && n.link === '/'),
      'told they were added, without the name',
    );
    assert.ok(
      told.some(
        (n) =>
          n.message ===
            `You are in the team around Arthur ${scene.person.familyName}: sharing with your organisation is agreed` &&
          n.link === base,
      ),
      'then told who, once sharing covers them',
    );
    assert.ok(!told.some((n) => /added you to the team around/.test(n.message)), 'never named before sharing');

    // A practitioner without an account needs a name, organisation, role and a way to reach them.
    const missing = await manager.post(`${base}/members`, { kind: 'practitioner', name: 'Dr Okoro' });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(
      errorSummary(missing.body).map((e) => e.field),
      ['organisation', 'role', 'phone'],
    );
    assert.equal(inputValue(missing.body, 'name'), 'Dr Okoro', 'what was typed is kept');
    const gp = await manager.post(`${base}/members`, {
      kind: 'practitioner',
      name: 'Dr Okoro',
      organisation: 'Canal Row Surgery',
      role: 'GP',
      phone: '01632 960 555',
    });
    assert.equal(gp.statusCode, 303);

    // Someone from the person's network, chosen by them.
    const page = await manager.get(`${base}/members/new`);
    assert.ok(!has(page.body, '[value="network"]'), 'no network to choose from yet');
    await t.db.execute(
      sql`INSERT INTO network_members (person_id, name, relationship, phone, added_by) VALUES (${scene.person.id}, 'Susan Clarke', 'Daughter', '07700 900 123', ${scene.namedWorker.id})`,
    );
    const withNetwork = await manager.get(`${base}/members/new`);
    const offered = parse(withNetwork.body);
    const networkId = offered('option')
      .filter((_, o) => offered(o).text() === 'Susan Clarke (daughter)')
      .attr('value');
    assert.ok(networkId, 'Susan is offered');
    assert.equal(
      (await manager.post(`${base}/members`, { kind: 'network', networkMemberId: networkId })).statusCode,
      303,
    );
    // The same worker twice is refused, with the reason, and nothing changes.
    const twice = await manager.post(`${base}/members`, { kind: 'worker', workerId: partner.worker.id });
    assert.equal(twice.statusCode, 400);
    assert.match(errorSummary(twice.body)[0].text, /is already in the team/);

    const team = await manager.get(base);
    for (const text of [
      'Dr Okoro',
      'GP',
      'Canal Row Surgery',
      '01632 960 555',
      'No Hearth account',
      'Susan Clarke',
      'Daughter',
      '07700 900 123',
      partner.worker.name,
      'Keeps the home safe',
    ]) {
      assert.ok(shows(team.body, text), `${text} is on the team page`);
    }
    assert.ok(
      (await messagesFor(t, partner.worker.id)).some(
        (n) => n.message === 'Dr Okoro joined the team around Arthur ' + scene.person.familyName,
      ),
      'the partner is told the GP joined',
    );

    // The GP leaves: a reason is needed, and the history keeps them.
    const gpId = (await memberIds(manager, scene.person.id)).get('Dr Okoro')!;
    const noReason = await manager.post(`${base}/members/${gpId}/remove`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(errorSummary(noReason.body)[0].field, 'reason');
    assert.equal(
      (await manager.post(`${base}/members/${gpId}/remove`, { reason: 'Arthur moved to another surgery' })).statusCode,
      303,
    );
    const after = await manager.get(base);
    assert.match(after.body, /Who has left \(1\)/);
    assert.ok(
      (await messagesFor(t, partner.worker.id)).some((n) => /^Dr Okoro left the team around Arthur/.test(n.message)),
    );
  });

  test('a partner cannot set up a team, add members, record sharing, meetings or actions, even in a team they are in; nothing changes', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const { agent } = scene.partner;
    const before = await fingerprintTables(t.db, ['sessions', 'audit_events', 'notifications']);
    const attempts: Array<[string, Record<string, string | string[]>]> = [
      [base, {}],
      [`${base}/members`, { kind: 'practitioner', name: 'X', organisation: 'Y', role: 'Z', phone: '01632 960 000' }],
      [`${base}/members/${scene.partnerMemberId}/remove`, { reason: 'leaving' }],
      [`${base}/sharing`, consentForm(t.clock.now(), [scene.partner.organisation.id])],
      [`${base}/sharing/${scene.consentId}/withdraw`, { reason: 'no' }],
      [
        `${base}/meetings`,
        {
          ...dayParts('startsOn', t.clock.now(), 2),
          startsTime: '10:00',
          place: 'Hub',
          invitedMemberIds: scene.partnerMemberId,
          personAttends: 'no',
        },
      ],
      [
        `${base}/meetings/${scene.meetingId}/record`,
        { personsWords: 'x', agenciesBrought: 'y', decisions: 'z', version: '1' },
      ],
      [`${base}/actions`, actionFormFor(t.clock.now(), scene.partnerMemberId)],
      [`/conversations/${scene.unsharedConversationId}/share`, { shared: 'yes' }],
    ];
    for (const [url, form] of attempts) {
      const res = await agent.post(url, form);
      assert.ok([403, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
    }
    for (const url of [
      `${base}/members/new`,
      `${base}/sharing`,
      `${base}/meetings/new`,
      `${base}/actions/new`,
      `${base}/meetings/${scene.meetingId}/record`,
      `${base}/members/${scene.partnerMemberId}/remove`,
    ]) {
      const res = await agent.get(url);
      assert.ok([403, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
    }
    assert.deepEqual(await fingerprintTables(t.db, ['sessions', 'audit_events', 'notifications']), before);
  });
});

describe('closing a team', () => {
  const t = useTestApp();

  test('closing needs a reason; partners lose access at once; the record stays to read; nothing changes until it is reopened', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const noReason = await scene.manager.post(`${base}/close`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(errorSummary(noReason.body)[0].field, 'reason');
    assert.equal((await scene.partner.agent.get(base)).statusCode, 200, 'not closed yet');
    assert.equal(
      (await scene.manager.post(`${base}/close`, { reason: 'The home is safe and Arthur is managing' })).statusCode,
      303,
    );
    assert.equal((await scene.partner.agent.get(base)).statusCode, 404);
    assert.ok(!(await scene.partner.agent.get('/')).body.includes(scene.person.familyName));
    const page = await scene.manager.get(base);
    assert.match(page.body, /This team closed on/);
    assert.ok(!page.body.includes('Add someone to the team'), 'nothing to change');
    assert.equal(
      (await scene.manager.post(`${base}/actions`, actionFormFor(t.clock.now(), scene.partnerMemberId))).statusCode,
      403,
    );
    assert.match(
      (await scene.manager.get(`${base}/meetings/${scene.meetingId}`)).body,
      /Arthur’s home, 14 Canal Row/,
      'the record stays',
    );
    assert.equal((await scene.manager.post(base)).statusCode, 303, 'reopened');
    assert.equal(
      (await scene.partner.agent.get(base)).statusCode,
      200,
      'sharing still stands, so the partner sees it again',
    );
    const timeline = await scene.manager.get(`/people/${scene.person.id}/timeline?kind=changes`);
    assert.match(timeline.body, /Team around the person closed/);
    assert.match(timeline.body, /Team around the person reopened/);
  });
});

describe('sharing with partners', () => {
  const t = useTestApp();

  test('sharing needs what, with whom, when and how (or the lawful reason and who decided); a refused form keeps what was typed and saves nothing', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team/sharing`;
    const now = t.clock.now();
    const rows = async () => (await t.db.select().from(tapConsents)).length;
    const count = await rows();
    const empty = await scene.manager.post(base, { basis: '', whatMayBeShared: '' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(
      errorSummary(empty.body).map((e) => e.field),
      ['basis', 'whatMayBeShared', 'sharesConversations', 'organisationIds', 'agreedOn', 'reviewOn'],
    );
    const lawful = await scene.manager.post(
      base,
      consentForm(now, [scene.partner.organisation.id], {
        basis: 'lawful_reason',
        howAgreed: '',
        ...dayParts('reviewOn', now, -1),
      }),
    );
    assert.equal(lawful.statusCode, 400);
    assert.deepEqual(
      errorSummary(lawful.body).map((e) => e.text),
      [
        'The date to check again must be in the future',
        'Write the lawful reason, for example a risk of serious harm',
        'Enter who decided, and their role',
      ],
    );
    assert.equal(
      textareaValue(lawful.body, 'whatMayBeShared'),
      'Everything about the house and my health. Not about my daughter.',
    );
    const future = await scene.manager.post(
      base,
      consentForm(now, [scene.partner.organisation.id], { ...dayParts('agreedOn', now, 2) }),
    );
    assert.equal(errorSummary(future.body)[0].text, 'The date they agreed must be today or in the past');
    assert.equal(await rows(), count);
    const decided = await scene.manager.post(
      base,
      consentForm(now, [scene.partner.organisation.id], {
        basis: 'lawful_reason',
        lawfulReason: 'Risk of serious harm: fire risk in the hall',
        decidedBy: 'Grace Mensah, team manager',
      }),
    );
    assert.equal(decided.statusCode, 303);
    const page = await scene.manager.get(`/people/${scene.person.id}/team`);
    assert.match(
      page.body,
      /for a lawful reason: Risk of serious harm: fire risk in the hall\. Decided by Grace Mensah, team manager/,
    );
  });

  test('withdrawing consent stops sharing at once: the partner gets nothing, by any route, and is told without the person’s name', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const { agent, worker } = scene.partner;
    const urls = [
      base,
      `${base}/meetings/${scene.meetingId}`,
      `${base}/actions/${scene.actionId}`,
      `${base}/plan`,
      `${base}/plan/download`,
      `${base}/conversations/${scene.sharedConversationId}`,
    ];
    for (const url of urls) assert.equal((await agent.get(url)).statusCode, 200, url);
    assert.ok(
      attrs((await agent.get('/')).body, 'a', 'href').includes(base),
      'the person is on the partner’s home page',
    );

    const noReason = await scene.manager.post(`${base}/sharing/${scene.consentId}/withdraw`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(errorSummary(noReason.body)[0].field, 'reason');
    assert.equal(
      (
        await scene.manager.post(`${base}/sharing/${scene.consentId}/withdraw`, {
          reason: 'Arthur said: “I don’t want the housing knowing my business”',
        })
      ).statusCode,
      303,
    );

    for (const url of urls) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes(scene.person.familyName), `nothing about the person at ${url}`);
    }
    const progress = await agent.post(`${base}/actions/${scene.actionId}/progress`, {
      note: 'Done it',
      status: 'done',
      version: '1',
    });
    assert.equal(progress.statusCode, 404);
    const home = await agent.get('/');
    assert.ok(!home.body.includes(scene.person.familyName), 'gone from the home page');
    const told = (await messagesFor(t, worker.id)).find((n) => /no longer shared with you/.test(n.message));
    assert.ok(told && !told.message.includes(scene.person.familyName), 'told, without the name');
    assert.ok(told.message.includes(scene.namedWorker.name), 'and who can tell them more');
    const manager = await scene.manager.get(base);
    assert.match(manager.body, /Sharing was withdrawn/);
    const timeline = await scene.manager.get(`/people/${scene.person.id}/timeline?kind=changes`);
    for (const line of [
      'Team around the person set up',
      `${scene.partner.worker.name} joined the team around the person`,
      'Agreed to share with the team around the person',
      'Sharing with the team around the person withdrawn',
    ]) {
      assert.ok(shows(timeline.body, line), `on the timeline: ${line}`);
    }
    // The record stays: the database refuses to delete it.
    await assert.rejects(t.db.delete(tapConsents).where(eq(tapConsents.id, scene.consentId)), (err: Error) =>
      /cannot be deleted/.test(`${err.message} ${String(err.cause)}`),
    );
    // Sharing agreed again opens the team to them again.
    assert.equal(
      (await scene.manager.post(`${base}/sharing`, consentForm(t.clock.now(), [scene.partner.organisation.id])))
        .statusCode,
      303,
    );
    assert.equal((await agent.get(base)).statusCode, 200);
  });

  test('the sharing form starts with the partner organisations already in the team ticked', async () => {
    const { worker, agent } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { namedWorkerId: worker.id });
    const housing = await newPartner(t.app, t.db, 'housing');
    const base = `/people/${person.id}/team`;
    await agent.post(base);
    await agent.get(`${base}/members/new`);
    assert.equal(
      (await agent.post(`${base}/members`, { kind: 'worker', workerId: housing.worker.id })).statusCode,
      303,
    );
    const page = await agent.get(`${base}/sharing`);
    const form = formInputs(page.body, `${base}/sharing`);
    assert.deepEqual(form.organisationIds, housing.organisation.id);
    const sent = await agent.post(`${base}/sharing`, {
      ...form,
      basis: 'consent',
      whatMayBeShared: 'All of it',
      howAgreed: 'In person',
      ...dayParts('agreedOn', t.clock.now()),
      ...dayParts('reviewOn', t.clock.now(), 90),
    });
    assert.equal(
      sent.statusCode,
      303,
      errorSummary(sent.body)
        .map((e) => e.text)
        .join('; '),
    );
    assert.equal((await housing.agent.get(base)).statusCode, 200);
    assert.ok(texts((await housing.agent.get('/')).body, `a[href="${base}"]`).includes(`Alex ${person.familyName}`));
  });

  test('sharing covers only the organisations named: a partner from another organisation in the team sees nothing', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const nurse = await newPartner(t.app, t.db, 'nhs');
    assert.equal(
      (await scene.manager.post(`${base}/members`, { kind: 'worker', workerId: nurse.worker.id })).statusCode,
      303,
    );
    assert.equal((await nurse.agent.get(base)).statusCode, 404, 'in the team, but their organisation is not covered');
    // In a second team where sharing does cover them: their home page lists that person only.
    const other = await tapScene(t.app, t.db, t.clock.now());
    const otherBase = `/people/${other.person.id}/team`;
    assert.equal(
      (await other.manager.post(`${otherBase}/members`, { kind: 'worker', workerId: nurse.worker.id })).statusCode,
      303,
    );
    assert.equal(
      (await other.manager.post(`${otherBase}/sharing`, consentForm(t.clock.now(), [nurse.organisation.id])))
        .statusCode,
      303,
    );
    const home = await nurse.agent.get('/');
    assert.ok(
      texts(home.body, `a[href="${otherBase}"]`).includes(`Arthur ${other.person.familyName}`),
      'the person sharing covers',
    );
    assert.ok(!attrs(home.body, 'a', 'href').includes(base), 'not the person it does not');
    assert.equal(
      (
        await scene.manager.post(
          `${base}/sharing`,
          consentForm(t.clock.now(), [scene.partner.organisation.id, nurse.organisation.id], {
            sharesConversations: 'no',
          }),
        )
      ).statusCode,
      303,
    );
    const page = await nurse.agent.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /has not agreed to share conversations with your organisation/);
    assert.equal(
      (await nurse.agent.get(`${base}/conversations/${scene.sharedConversationId}`)).statusCode,
      404,
      'conversations are not shared under this agreement',
    );
  });

  test('removing a partner from the team removes their access at once', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    assert.equal((await scene.partner.agent.get(base)).statusCode, 200);
    assert.equal(
      (await scene.manager.post(`${base}/members/${scene.partnerMemberId}/remove`, { reason: 'The tenancy ended' }))
        .statusCode,
      303,
    );
    for (const url of [
      base,
      `${base}/actions/${scene.actionId}`,
      `${base}/meetings/${scene.meetingId}`,
      `${base}/plan`,
    ]) {
      assert.equal((await scene.partner.agent.get(url)).statusCode, 404, url);
    }
    const told = (await messagesFor(t, scene.partner.worker.id)).find((n) => /took you out of a team/.test(n.message));
    assert.ok(told && !told.message.includes(scene.person.familyName) && told.link === '/');
  });
});

describe('what a partner sees', () => {
  const t = useTestApp();

  test('the person’s summary, how to communicate with them, the team, meetings, actions and shared conversations; never the record, unshared conversations or who has looked', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const { agent } = scene.partner;
    const base = `/people/${scene.person.id}/team`;
    const mark = await auditMark(t.db);
    const page = await agent.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /How to communicate with Arthur/);
    assert.match(page.body, /Large print/);
    assert.match(page.body, /Knock loudly and wait/);
    assert.match(page.body, /Clear a path from the front door to the boiler/);
    assert.ok(!attrs(page.body, 'a', 'href').includes(`/people/${scene.person.id}`), 'no link to the record itself');
    assert.ok(!page.body.includes('Take out of the team'), 'no managing');
    await t.db.execute(
      sql`INSERT INTO conversation_amendments (conversation_id, reason, correction, author_id) VALUES (${scene.sharedConversationId}, 'Wrong room', 'It was the under-stairs cupboard.', ${scene.namedWorker.id})`,
    );
    const shared = await agent.get(`${base}/conversations/${scene.sharedConversationId}`);
    assert.match(shared.body, /SHARED: Arthur showed me the boiler cupboard/);
    assert.match(
      shared.body,
      /Why: Wrong room[\s\S]*It was the under-stairs cupboard/,
      'corrections are shown with it',
    );
    for (const url of [
      `${base}/conversations/${scene.unsharedConversationId}`,
      `/conversations/${scene.sharedConversationId}`,
      `/conversations/${scene.unsharedConversationId}`,
      `/people/${scene.person.id}`,
      `/people/${scene.person.id}/timeline`,
      `/people/${scene.person.id}/viewers`,
      `/people/${scene.person.id}/about-me/history`,
      '/people',
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /PRIVATE|SHARED/);
    }
    assert.equal((await agent.post('/people/search', { q: scene.person.familyName })).statusCode, 404);
    // Every partner read is audited, marked as a partner's, with the person.
    const rows = (await auditSince(t.db, mark)).filter(
      (r) => r.workerId === scene.partner.worker.id && r.action === 'read',
    );
    assert.deepEqual(
      rows.map((r) => [r.entity, r.personId, (r.details as { asPartner?: boolean }).asPartner]),
      [
        ['tap', scene.person.id, true],
        ['conversation', scene.person.id, true],
      ],
    );
    // And the named worker sees them on "who has looked".
    const viewers = await scene.manager.get(`/people/${scene.person.id}/viewers`);
    assert.ok(shows(viewers.body, scene.partner.worker.name));
  });

  test('a partner in one team gets nothing about another person by changing the id in the URL', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const other = await tapScene(t.app, t.db, t.clock.now());
    const { agent } = scene.partner;
    const theirs = `/people/${other.person.id}/team`;
    const mine = `/people/${scene.person.id}/team`;
    for (const url of [
      theirs,
      `${theirs}/plan`,
      `${theirs}/meetings/${other.meetingId}`,
      `${theirs}/actions/${other.actionId}`,
      `${mine}/meetings/${other.meetingId}`,
      `${mine}/actions/${other.actionId}`,
      `${mine}/conversations/${other.sharedConversationId}`,
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes(other.person.familyName));
    }
    const progress = await agent.post(`${mine}/actions/${other.actionId}/progress`, {
      note: 'x',
      status: 'done',
      version: '1',
    });
    assert.equal(progress.statusCode, 404);
  });
});

describe('meetings and the action plan', () => {
  const t = useTestApp();

  test('arranging a meeting needs when, where, who and whether the person takes part; invited members are told', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const empty = await scene.manager.post(`${base}/meetings`, { place: '', startsTime: '25:00' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(
      errorSummary(empty.body).map((e) => e.field),
      ['startsTime', 'place', 'personAttends', 'startsOn'],
    );
    assert.ok(
      (await messagesFor(t, scene.partner.worker.id)).some(
        (n) =>
          /invited to a meeting of the team around Arthur/.test(n.message) &&
          n.link === `${base}/meetings/${scene.meetingId}`,
      ),
    );
    const page = await scene.partner.agent.get(`${base}/meetings/${scene.meetingId}`);
    assert.match(page.body, /Yes, in the room\. In his back room, with tea/);
    assert.match(page.body, /This is the team’s first plan/);
  });

  test('recording a meeting: the person’s words, each agency, decisions; the next meeting must start by reviewing the plan; a stale save keeps both versions', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const record = `${base}/meetings/${scene.meetingId}/record`;
    const empty = await scene.manager.post(record, { version: '1' });
    assert.deepEqual(
      errorSummary(empty.body).map((e) => e.field),
      ['personsWords', 'agenciesBrought', 'decisions'],
    );
    const form = {
      personsWords: '“I know what it looks like. Joan did the sorting.”',
      agenciesBrought: 'Housing: the boiler must be reachable.\n\nHome care: four visits a day.',
      decisions: 'Clear the hall first.',
      version: '1',
    };
    assert.equal((await scene.manager.post(record, form)).statusCode, 303);
    const shown = await scene.partner.agent.get(`${base}/meetings/${scene.meetingId}`);
    assert.ok(shows(shown.body, 'Joan did the sorting'));
    // Someone else saves from the same version: refused, both kept.
    const stale = await scene.manager.post(record, { ...form, decisions: 'Clear the stairs first.', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /The version saved by someone else/);
    assert.equal(textareaValue(stale.body, 'decisions'), 'Clear the stairs first.');

    // A second meeting, after an action was agreed: it starts by reviewing the plan.
    t.clock.advanceMinutes(60 * 24 * 7);
    await scene.manager.signIn(scene.namedWorker.email);
    const next = await scene.manager.post(`${base}/meetings`, {
      ...dayParts('startsOn', t.clock.now(), 1),
      startsTime: '2pm',
      place: 'The hub',
      invitedMemberIds: scene.partnerMemberId,
      personAttends: 'views',
      howTheyTakePart: 'Susan will bring his views',
    });
    const nextId = idFrom(next.headers.location, 'meetings');
    const recordPage = await scene.manager.get(`${base}/meetings/${nextId}/record`);
    assert.match(recordPage.body, /Start by reviewing the plan/);
    assert.ok(shows(recordPage.body, 'Clear a path from the front door to the boiler'));
    const noReview = await scene.manager.post(`${base}/meetings/${nextId}/record`, { ...form, version: '1' });
    assert.equal(noReview.statusCode, 400);
    assert.equal(errorSummary(noReview.body)[0].field, 'planReview');
    assert.equal(textareaValue(noReview.body, 'personsWords'), form.personsWords, 'what was typed is kept');
    assert.equal(
      (
        await scene.manager.post(`${base}/meetings/${nextId}/record`, {
          ...form,
          planReview: 'The path is half clear.',
          version: '1',
        })
      ).statusCode,
      303,
    );
  });

  test('an action needs what, who (a member of this team), by when and how we will know; the owner is told', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const now = t.clock.now();
    const empty = await scene.manager.post(`${base}/actions`, { what: '', ownerMemberId: '', howWeKnow: '' });
    assert.deepEqual(
      errorSummary(empty.body).map((e) => e.field),
      ['what', 'ownerMemberId', 'howWeKnow', 'dueOn'],
    );
    const past = await scene.manager.post(
      `${base}/actions`,
      actionFormFor(now, scene.partnerMemberId, dayParts('dueOn', now, -1)),
    );
    assert.equal(errorSummary(past.body)[0].text, 'The date it is due by must be today or in the future');
    const other = await tapScene(t.app, t.db, now);
    const elsewhere = await scene.manager.post(`${base}/actions`, actionFormFor(now, other.partnerMemberId));
    assert.equal(elsewhere.statusCode, 400, 'an owner from another team is refused');
    assert.equal(errorSummary(elsewhere.body)[0].text, 'Select someone in the team');
    assert.ok(
      (await messagesFor(t, scene.partner.worker.id)).some((n) =>
        /A new action for you in the plan around Arthur/.test(n.message),
      ),
    );
  });

  test('members update progress; a stale update is refused and kept; overdue actions show on the owner’s home page and the team page, by the injected clock', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const { agent } = scene.partner;
    const url = `${base}/actions/${scene.actionId}`;
    assert.doesNotMatch((await agent.get('/')).body, /Overdue actions/);
    t.clock.advanceMinutes(60 * 24 * 15);
    // A fortnight on: everyone signs in again.
    await agent.signIn(scene.partner.worker.email);
    await scene.manager.signIn(scene.namedWorker.email);
    const home = await agent.get('/');
    assert.match(home.body, /Overdue actions/);
    assert.ok(attrs(home.body, 'a', 'href').includes(url), 'the overdue action links from the home page');
    assert.match((await scene.manager.get(base)).body, /1 overdue/);
    assert.ok(texts((await agent.get(url)).body, '.govuk-tag--red').some((tag) => tag.startsWith('Overdue')));

    const empty = await agent.post(`${url}/progress`, { note: '', status: 'open', version: '1' });
    assert.equal(errorSummary(empty.body)[0].field, 'note');
    assert.equal(
      (
        await agent.post(`${url}/progress`, {
          note: 'Half the hall is clear. Arthur chose what went.',
          status: 'open',
          version: '1',
        })
      ).statusCode,
      303,
    );
    const stale = await scene.manager.post(`${url}/progress`, {
      note: 'The engineer got to the boiler.',
      status: 'done',
      version: '1',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(textareaValue(stale.body, 'note'), 'The engineer got to the boiler.');
    assert.match(stale.body, /Half the hall is clear/);
    assert.equal(
      (
        await scene.manager.post(`${url}/progress`, {
          note: 'The engineer got to the boiler.',
          status: 'done',
          version: '2',
        })
      ).statusCode,
      303,
    );
    const [saved] = await t.db.select().from(tapActions).where(eq(tapActions.id, scene.actionId));
    assert.equal(saved.status, 'done');
    assert.equal(saved.completedOn, t.clock.now().toISOString().slice(0, 10));
    assert.doesNotMatch((await agent.get('/')).body, /Overdue actions/, 'done actions are not overdue');
    assert.ok((await messagesFor(t, scene.partner.worker.id)).some((n) => /updated your action/.test(n.message)));
    await assert.rejects(
      t.db.update(tapActionUpdates).set({ note: 'changed' }).where(eq(tapActionUpdates.actionId, scene.actionId)),
      (err: Error) => /cannot be changed or deleted/.test(`${err.message} ${String(err.cause)}`),
    );
  });

  test('when an owner leaves, their action is given to someone else: recorded in its progress, the new owner told, a stale change refused', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const nurse = await newPartner(t.app, t.db, 'nhs');
    assert.equal(
      (await scene.manager.post(`${base}/members`, { kind: 'worker', workerId: nurse.worker.id })).statusCode,
      303,
    );
    const nurseMember = (await memberIds(scene.manager, scene.person.id)).get(nurse.worker.name)!;
    assert.equal(
      (
        await scene.manager.post(
          `${base}/sharing`,
          consentForm(t.clock.now(), [scene.partner.organisation.id, nurse.organisation.id]),
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await scene.manager.post(`${base}/members/${scene.partnerMemberId}/remove`, {
          reason: 'Moved to another patch',
        })
      ).statusCode,
      303,
    );
    const url = `${base}/actions/${scene.actionId}`;
    const page = await scene.manager.get(url);
    assert.match(page.body, /no longer in the team/);
    const empty = await scene.manager.post(`${url}/owner`, { ownerMemberId: '', version: '1' });
    assert.equal(empty.statusCode, 400);
    assert.equal(errorSummary(empty.body)[0].text, 'Select who will do it now');
    assert.equal(
      (await scene.manager.post(`${url}/owner`, { ownerMemberId: nurseMember, version: '1' })).statusCode,
      303,
    );
    const namedMember = (await memberIds(scene.manager, scene.person.id)).get(scene.namedWorker.name)!;
    const stale = await scene.manager.post(`${url}/owner`, { ownerMemberId: namedMember, version: '1' });
    assert.equal(stale.statusCode, 409);
    const after = await scene.manager.get(url);
    assert.ok(shows(after.body, `${nurse.worker.name} takes this on from ${scene.partner.worker.name}.`));
    assert.ok((await messagesFor(t, nurse.worker.id)).some((n) => /is now yours/.test(n.message)));
    assert.equal(
      (await scene.partner.agent.post(`${url}/owner`, { ownerMemberId: nurseMember, version: '2' })).statusCode,
      404,
      'the partner who left gets nothing',
    );
  });

  test('the plan for the person: a printable page and a plain text download, audited as an export', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const page = await scene.manager.get(`${base}/plan`);
    assert.match(page.body, /this is your plan/);
    assert.ok(shows(page.body, 'Arthur’s home, 14 Canal Row'), 'the next meeting');
    const mark = await auditMark(t.db);
    const download = await scene.partner.agent.get(`${base}/plan/download`);
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-type']), /^text\/plain/);
    assert.match(String(download.headers['content-disposition']), /attachment/);
    assert.match(download.body, /WHAT WE WILL DO\n\n- Clear a path from the front door to the boiler/);
    assert.match(download.body, /How we will know it worked: The gas engineer can reach the boiler/);
    assert.ok(download.body.includes(scene.partner.worker.name));
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(sql`${auditEvents.id} > ${mark}`, eq(auditEvents.entity, 'tap_plan')));
    assert.equal(rows[0].action, 'export');
  });

  test('the plain text plan lists open work first, then what is done, then the next meeting', () => {
    const text = plainTextPlan(
      {
        person: { displayName: 'Arthur Pemberton', knownAs: null, givenName: 'Arthur' },
        members: [
          {
            name: 'Jamal Hussain',
            role: 'Housing officer',
            organisation: 'Northbridge Homes',
            phone: '01632 960105',
            email: null,
            kind: 'worker',
          },
          { name: 'Arthur Pemberton', role: null, organisation: null, phone: null, email: null, kind: 'person' },
        ],
        actions: [
          {
            what: 'Ring Susan',
            ownerName: 'Arthur',
            dueOn: '2026-12-01',
            howWeKnow: 'Susan knows',
            status: 'open',
            completedOn: null,
          },
          {
            what: 'Gas check',
            ownerName: 'Jamal Hussain',
            dueOn: '2026-11-20',
            howWeKnow: 'Certificate',
            status: 'done',
            completedOn: '2026-11-19',
          },
        ],
        nextMeeting: null,
      },
      new Date('2026-11-26T10:00:00Z'),
    );
    assert.ok(text.indexOf('Ring Susan') < text.indexOf('WHAT HAS BEEN DONE'));
    assert.match(text, /- Gas check \(Jamal Hussain, 19 November 2026\)/);
    assert.match(text, /NEXT MEETING\n\nNot arranged yet\./);
    assert.match(text, /- Jamal Hussain, Housing officer, Northbridge Homes\n {2}Phone: 01632 960105/);
    assert.ok(!text.includes('- Arthur Pemberton'), 'the person is not listed as a member of their own team');
  });
});

describe('conversations shared with the team', () => {
  const t = useTestApp();

  test('only the named worker marks a conversation as shared, or stops sharing it; each change is audited', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const { agent: colleague } = await signedIn(t.app, t.db, { role: 'practitioner' });
    const url = `/conversations/${scene.unsharedConversationId}`;
    const seen = await colleague.get(url);
    assert.match(seen.body, /Not shared with the team/);
    assert.doesNotMatch(seen.body, /Share with the team/, 'no button for someone who is not the named worker');
    assert.equal((await colleague.post(`${url}/share`, { shared: 'yes' })).statusCode, 403);
    const named = await scene.manager.get(url);
    assert.match(named.body, /Share with the team/);
    // The share page shows the agreement's words beside the conversation, and needs the named worker's word.
    const sharePage = await scene.manager.get(`${url}/share`);
    assert.ok(shows(sharePage.body, 'Everything about the house and my health. Not about my daughter.'));
    assert.match(sharePage.body, /PRIVATE: Arthur talked about Joan/);
    const unconfirmed = await scene.manager.post(`${url}/share`, { shared: 'yes' });
    assert.equal(unconfirmed.statusCode, 400);
    assert.deepEqual(
      errorSummary(unconfirmed.body).map((e) => e.text),
      ['Confirm that this conversation is within what they agreed to share'],
    );
    assert.equal(
      (await scene.partner.agent.get(`/people/${scene.person.id}/team/conversations/${scene.unsharedConversationId}`))
        .statusCode,
      404,
      'nothing shared',
    );
    const mark = await auditMark(t.db);
    assert.equal((await scene.manager.post(`${url}/share`, { shared: 'yes', withinAgreement: 'yes' })).statusCode, 303);
    assert.equal(
      (await scene.partner.agent.get(`/people/${scene.person.id}/team/conversations/${scene.unsharedConversationId}`))
        .statusCode,
      200,
    );
    assert.equal((await scene.manager.post(`${url}/share`, { shared: 'no' })).statusCode, 303);
    assert.equal(
      (await scene.partner.agent.get(`/people/${scene.person.id}/team/conversations/${scene.unsharedConversationId}`))
        .statusCode,
      404,
    );
    const rows = (await auditSince(t.db, mark)).filter((r) => r.entity === 'conversation_share');
    assert.deepEqual(
      rows.map((r) => (r.details as { shared: boolean }).shared),
      [true, false],
    );
  });

  test('a conversation of a person with no team shows nothing about sharing', async () => {
    const { worker, agent } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { namedWorkerId: worker.id });
    const c = await newConversation(t.db, { personId: person.id, authorId: worker.id });
    assert.doesNotMatch((await agent.get(`/conversations/${c.id}`)).body, /Team around the person/);
  });
});

describe('the hub’s view', () => {
  const t = useTestApp();

  test('active teams, agencies in each, actions done on time and how long people have had a team, as tables; not for partners', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    assert.equal(
      (
        await scene.manager.post(`${base}/members`, {
          kind: 'practitioner',
          name: 'Pat Lee',
          organisation: 'Canal Row Surgery',
          role: 'GP',
          email: 'pat@surgery.example',
        })
      ).statusCode,
      303,
    );
    t.clock.advanceMinutes(60 * 24 * 40);
    await scene.partner.agent.signIn(scene.partner.worker.email);
    await scene.partner.agent.get(`${base}/actions/${scene.actionId}`);
    await scene.partner.agent.post(`${base}/actions/${scene.actionId}/progress`, {
      note: 'Done, late',
      status: 'done',
      version: '1',
    });
    const { agent } = await signedIn(t.app, t.db, { role: 'team_manager' });
    const hub = await agent.get('/team-around-the-person');
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, /How many agencies are around the table/);
    assert.match(hub.body, /How long people have had a team/);
    const row = new RegExp(
      `${scene.person.familyName}</a></td>[\\s\\S]*?>3</td>[\\s\\S]*?Canal Row Surgery[\\s\\S]*?>0 of 1</td>[\\s\\S]*?>0</td>[\\s\\S]*?>40 days</td>`,
    );
    assert.match(hub.body, row, 'three agencies (council, housing, the surgery), one action done late, 40 days');
    assert.match(
      hub.body,
      /<th scope="row" class="govuk-table__header">1 to 3 months<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">[1-9]/,
    );
    assert.equal((await scene.partner.agent.get('/team-around-the-person')).statusCode, 403);
  });
});

describe('sharing stays within what the person agreed', () => {
  const t = useTestApp();

  /** Everything a partner can open about the person, as text. */
  async function whatThePartnerSees(scene: Awaited<ReturnType<typeof tapScene>>) {
    const { agent } = scene.partner;
    const base = `/people/${scene.person.id}/team`;
    const pages = [
      base,
      `${base}/plan`,
      `${base}/plan/download`,
      `${base}/meetings/${scene.meetingId}`,
      `${base}/actions/${scene.actionId}`,
      `${base}/conversations/${scene.sharedConversationId}`,
      `${base}/conversations/${scene.unsharedConversationId}`,
      `${base}/summary`,
      `${base}/sharing`,
      `/people/${scene.person.id}`,
      `/people/${scene.person.id}/timeline`,
      `/conversations/${scene.sharedConversationId}/share`,
      '/',
    ];
    const seen: Record<string, { status: number; body: string }> = {};
    for (const url of pages) {
      const res = await agent.get(url);
      seen[url] = { status: res.statusCode, body: res.body };
    }
    return seen;
  }

  test('nothing outside the agreement reaches a partner on any route: not "about me", not the agreement’s own words, not an unshared conversation', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const aboutMe = await scene.manager.post(`/people/${scene.person.id}/about-me`, {
      whatMatters: 'Joan and I came here in 1973. The garden was hers.',
      inTheirWords: 'yes',
      version: '0',
    });
    assert.equal(aboutMe.statusCode, 303);
    const seen = await whatThePartnerSees(scene);
    for (const [url, { body }] of Object.entries(seen)) {
      for (const secret of [
        '1973',
        'The garden was hers',
        'PRIVATE',
        'Not about my daughter',
        'daughter on speaker phone',
      ]) {
        assert.ok(!shows(body, secret), `${url} shows "${secret}"`);
      }
    }
    // What the team may see still reaches them.
    assert.equal(seen[`/people/${scene.person.id}/team`].status, 200);
    assert.match(
      seen[`/people/${scene.person.id}/team/conversations/${scene.sharedConversationId}`].body,
      /SHARED: Arthur showed me the boiler cupboard/,
    );
    assert.match(seen[`/people/${scene.person.id}/team`].body, /Nothing has been written for the team yet/);
    assert.equal(seen[`/people/${scene.person.id}/team/summary`].status, 403, 'partners do not write it');
  });

  test('the named worker writes what the team knows, checked against the agreement; partners see that and nothing of "about me"', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const { agent: colleague } = await signedIn(t.app, t.db, { role: 'practitioner' });
    assert.equal((await colleague.get(`${base}/summary`)).statusCode, 403, 'only the named worker writes it');

    const form = await scene.manager.get(`${base}/summary`);
    assert.equal(form.statusCode, 200);
    assert.ok(
      shows(form.body, 'Everything about the house and my health. Not about my daughter.'),
      'the agreement’s words beside the box',
    );
    const text = 'Arthur wants to decide what leaves the house. He needs a clear chair for his dressings.';
    const before = await fingerprintTables(t.db);
    const unconfirmed = await scene.manager.post(`${base}/summary`, { text, basedOn: '' });
    assert.equal(unconfirmed.statusCode, 400);
    assert.deepEqual(
      errorSummary(unconfirmed.body).map((e) => e.text),
      ['Confirm that this is within what they agreed to share'],
    );
    assert.ok(shows(unconfirmed.body, text), 'what was typed is kept');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing saved');

    assert.equal(
      (await scene.manager.post(`${base}/summary`, { text, basedOn: '', withinAgreement: 'yes' })).statusCode,
      303,
    );
    const partnerPage = await scene.partner.agent.get(base);
    assert.ok(shows(partnerPage.body, text));
    // A second writer who saw the first version is refused when someone saved in between, keeping both.
    const stale = await scene.manager.post(`${base}/summary`, {
      text: 'A newer version',
      basedOn: '',
      withinAgreement: 'yes',
    });
    assert.equal(stale.statusCode, 409);
    assert.ok(shows(stale.body, text) && shows(stale.body, 'A newer version'));
  });

  test('a new agreement hides what was shared under the old one until the named worker looks again, and tells them', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const base = `/people/${scene.person.id}/team`;
    const text = 'Arthur wants to decide what leaves the house.';
    await scene.manager.get(`${base}/summary`);
    assert.equal(
      (await scene.manager.post(`${base}/summary`, { text, basedOn: '', withinAgreement: 'yes' })).statusCode,
      303,
    );
    const sharedUrl = `${base}/conversations/${scene.sharedConversationId}`;
    assert.equal((await scene.partner.agent.get(sharedUrl)).statusCode, 200);

    t.clock.advanceMinutes(5);
    await scene.manager.get(`${base}/sharing`);
    const changed = await scene.manager.post(
      `${base}/sharing`,
      consentForm(t.clock.now(), [scene.partner.organisation.id], { whatMayBeShared: 'Only the house now.' }),
    );
    assert.equal(changed.statusCode, 303);
    assert.equal(
      (await scene.partner.agent.get(sharedUrl)).statusCode,
      404,
      'the conversation waits for the named worker',
    );
    const partnerPage = await scene.partner.agent.get(base);
    assert.ok(!shows(partnerPage.body, text), 'so does the summary');
    assert.doesNotMatch(partnerPage.body, /boiler cupboard/);
    const told = await t.db.select().from(notifications).where(eq(notifications.workerId, scene.namedWorker.id));
    assert.ok(
      told.some((n) => /has changed: look again at what the team sees/.test(n.message)),
      'the named worker is asked to look again',
    );
    const namedView = await scene.manager.get(base);
    assert.match(namedView.body, /Not shown to partners/);

    // Checked against the new words and shared again: partners see it once more.
    const sharePage = await scene.manager.get(`/conversations/${scene.sharedConversationId}/share`);
    assert.ok(shows(sharePage.body, 'Only the house now.'));
    assert.equal(
      (
        await scene.manager.post(`/conversations/${scene.sharedConversationId}/share`, {
          shared: 'yes',
          withinAgreement: 'yes',
        })
      ).statusCode,
      303,
    );
    assert.equal((await scene.partner.agent.get(sharedUrl)).statusCode, 200);
  });
});
