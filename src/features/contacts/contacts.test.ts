import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { withinTeamHours } from '../../config.js';
import type { Db } from '../../db/client.js';
import { auditEvents, contacts, conversations, handOffs, people, recordChanges } from '../../db/schema/index.js';
import {
  Agent,
  auditMark,
  attrs,
  errorSummary,
  figures,
  fingerprintTables,
  has,
  inputValue,
  newTeam,
  newWorker,
  oneTimeKeyOf,
  page as parse,
  signedIn,
  testPassword,
  texts,
  useTestApp,
} from '../../../test/helpers.js';
import {
  auditSince,
  dayParts,
  draftOf,
  formInputs,
  isoDay,
  newConversation,
  newPerson,
  personForm,
  postJson,
  restrict,
  shows,
  textareaValue,
} from '../../../test/people-factories.js';
import {
  contactForm,
  contactIdFrom,
  contactRow,
  contactsAbout,
  newContact,
  newFrontDoor,
  notificationsOf,
  type FrontDoor,
} from '../../../test/contact-factories.js';
import { ukToday } from '../../platform/forms.js';
import { escalateLongWaits, escalateUrgent } from './contacts.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const checked = (html: string, name: string, value: string) =>
  parse(html)(`input[name="${name}"][value="${value}"]`).is('[checked]');
const selected = (html: string, value: string) => parse(html)(`option[value="${value}"]`).is('[selected]');

/** A date as the pages show it ("29 November 2026"). */
const shownDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(new Date(iso));

/** The part of a page between two pieces of text (to the end when `to` is not found). */
function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  assert.ok(start >= 0, `the page has "${from}"`);
  const end = html.indexOf(to, start + from.length);
  return html.slice(start, end < 0 ? undefined : end);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The body rows of the table with this caption, as the text of each cell. */
function tableRows(html: string, caption: string): string[][] {
  const $ = parse(html);
  const table = $('table').filter((_, t) => squash($(t).children('caption').text()) === caption);
  assert.equal(table.length, 1, `a table captioned "${caption}"`);
  return table
    .find('tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .children('th, td')
        .toArray()
        .map((c) => squash($(c).text())),
    );
}

/** The contacts linked from a team page's waiting list, in order. */
function waitingIds(html: string): string[] {
  const $ = parse(html);
  const heading = $('h2').filter((_, h) => squash($(h).text()) === 'Waiting, urgent first, then oldest first');
  assert.equal(heading.length, 1, 'the page has the waiting list');
  return heading
    .nextUntil('h2', 'ol')
    .find('li > a[href^="/contacts/"]')
    .toArray()
    .map((a) => a.attribs.href.slice('/contacts/'.length));
}

/** The list item that links to this address, as HTML. */
function itemLinking(html: string, href: string): string {
  const $ = parse(html);
  const item = $(`a[href="${href}"]`).first().closest('li');
  assert.equal(item.length, 1, `the page links to ${href} from a list item`);
  return $.html(item);
}

/** Whether a page (or part of one) links to this address. */
const linksTo = (html: string, href: string) => attrs(html, 'a', 'href').includes(href);

/** The list item that links to a contact, on a team page. */
const listItem = (html: string, contactId: string) => itemLinking(html, `/contacts/${contactId}`);

/** Opens the contact form (as a person would, which also brings the CSRF token) and sends it. */
async function recordContact(agent: Agent, personId: string, form: Record<string, string | undefined>) {
  const page = await agent.get(`/people/${personId}/contacts/new`);
  assert.equal(page.statusCode, 200);
  return agent.post(`/people/${personId}/contacts`, form);
}

/** Records a contact and returns its stored row. */
async function recorded(agent: Agent, personId: string, form: Record<string, string | undefined> = {}) {
  const res = await recordContact(agent, personId, contactForm(form));
  assert.equal(
    res.statusCode,
    303,
    errorSummary(res.body)
      .map((e) => e.text)
      .join('; '),
  );
  // Resolved by connecting them: straight on to whom.
  const connecting = /^\/contacts\/([0-9a-f-]{36})\/connect\?done=saved$/.exec(String(res.headers.location));
  return (await contactRow(agent.app.db, connecting ? connecting[1] : contactIdFrom(res.headers.location)))!;
}

const personRow = (t: { db: Db }, id: string) =>
  t.db
    .select()
    .from(people)
    .where(eq(people.id, id))
    .then((r) => r[0]);

describe('where a contact goes', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  test('a person in a mapped postcode goes to that locality team, and the longest matching area wins', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const cases = [
      ['NB7 1AA', fd.north, 'NB'],
      ['NB3 4XY', fd.riverside, 'NB3'],
      ['NB3 9XY', fd.hillside, 'NB3 9'],
    ] as const;
    for (const [postcode, team, prefix] of cases) {
      const person = await newPerson(t.db, { postcode });
      const page = await agent.get(`/people/${person.id}/contacts/new`);
      assert.match(
        page.body,
        new RegExp(`It goes to <strong>${team.name}</strong>, the locality team for their postcode`),
        postcode,
      );
      const res = await agent.post(`/people/${person.id}/contacts`, contactForm());
      assert.equal(res.statusCode, 303, postcode);
      const c = await contactRow(t.db, contactIdFrom(res.headers.location));
      assert.equal(c?.personId, person.id);
      assert.equal(c?.outcome, 'passed');
      assert.equal(c?.passedToTeamId, team.id, `${postcode} goes to ${team.name}`);
      assert.equal(c?.passedToWorkerId, null);
      assert.equal(c?.routing, 'postcode');
      assert.equal(c?.routingReason, `${postcode} is in ${prefix}`);
      assert.equal(c?.urgency, 'none');
      assert.equal(c?.takenAt, null);
    }
  });

  test('an unmapped postcode or none goes to First Contact, where only First Contact decides the locality team, with a reason', async () => {
    const { agent: frontDoor, worker: frontDoorWorker } = await signedIn(t.app, t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
    });
    const unmapped = await newPerson(t.db, { postcode: 'ZZ1 1ZZ' });
    const none = await newPerson(t.db, { postcode: null });
    const ids: string[] = [];
    for (const [person, reason] of [
      [unmapped, 'ZZ1 1ZZ is not on the postcode map'],
      [none, 'No postcode known'],
    ] as const) {
      const page = await frontDoor.get(`/people/${person.id}/contacts/new`);
      assert.ok(texts(page.body, '.hearth-route')[0].includes(`${reason}: it goes to First Contact to decide`));
      assert.deepEqual(texts(page.body, '.hearth-route strong'), ['First Contact']);
      const c = await recorded(frontDoor, person.id);
      assert.equal(c.passedToTeamId, fd.firstContact.id);
      assert.equal(c.routing, 'first_contact');
      assert.equal(c.routingReason, reason);
      ids.push(c.id);
    }
    const id = ids[0];
    const url = `/contacts/${id}/route`;

    // A locality worker can read it but cannot decide where it goes.
    const { agent: local } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const seen = await local.get(`/contacts/${id}`);
    assert.equal(seen.statusCode, 200);
    assert.ok(!has(seen.body, `form[action="${url}"]`), 'no decision form for a locality worker');
    assert.equal((await local.post(url, { teamId: fd.north.id, reason: 'Lives by the park' })).statusCode, 403);
    assert.equal((await contactRow(t.db, id))?.passedToTeamId, fd.firstContact.id, 'nothing changed');

    // First Contact sees the form, with the locality teams to choose from.
    const page = await frontDoor.get(`/contacts/${id}`);
    assert.ok(has(page.body, `form[action="${url}"]`));
    for (const team of [fd.north, fd.riverside, fd.hillside])
      assert.ok(has(page.body, `option[value="${team.id}"]`), team.name);
    assert.ok(!has(page.body, `option[value="${fd.outOfHours.id}"]`), 'only locality teams');

    const before = await fingerprintTables(t.db);
    const noReason = await frontDoor.post(url, { teamId: fd.riverside.id, reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [{ field: 'reason', text: 'Say why this team' }]);
    const notLocality = await frontDoor.post(url, { teamId: fd.outOfHours.id, reason: 'Out of hours will know' });
    assert.equal(notLocality.statusCode, 400);
    assert.deepEqual(errorSummary(notLocality.body), [{ field: 'teamId', text: 'Select an active locality team' }]);
    assert.deepEqual(await fingerprintTables(t.db), before, 'a refused decision changes nothing');

    const mark = await auditMark(t.db);
    const decided = await frontDoor.post(url, {
      teamId: fd.riverside.id,
      reason: 'ZZ1 is the new estate by the river',
    });
    assert.equal(decided.statusCode, 303);
    assert.equal(decided.headers.location, `/contacts/${id}?done=routed`);
    const c = await contactRow(t.db, id);
    assert.equal(c?.passedToTeamId, fd.riverside.id);
    assert.equal(c?.routing, 'manual');
    assert.equal(c?.routingReason, 'Decided by First Contact: ZZ1 is the new estate by the river');
    const [decision] = (await auditSince(t.db, mark)).filter((a) => a.action === 'update' && a.entity === 'contact');
    assert.equal(decision.entityId, id);
    assert.equal(decision.personId, unmapped.id);
    assert.equal(decision.workerId, frontDoorWorker.id);
    assert.equal(decision.reason, 'ZZ1 is the new estate by the river');
    assert.deepEqual(decision.details, { passedToTeamId: fd.riverside.id });

    // Decided once: it is the locality team's now, not First Contact's to decide again.
    assert.equal((await frontDoor.post(url, { teamId: fd.north.id, reason: 'Changed my mind' })).statusCode, 403);
    assert.equal((await contactRow(t.db, id))?.passedToTeamId, fd.riverside.id);
    const { agent: riverside } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.riverside.id });
    assert.ok(
      waitingIds((await riverside.get(`/teams/${fd.riverside.id}`)).body).includes(id),
      'waiting in Riverside now',
    );
    assert.deepEqual(
      waitingIds((await riverside.get(`/teams/${fd.firstContact.id}`)).body),
      [ids[1]],
      'only the undecided one still waits at First Contact',
    );
  });

  test('another team can be chosen with a reason; without one the form explains, keeps everything typed and stores nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Olwen', postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    await agent.get(`${url}/new`);
    const typed = contactForm({
      channel: 'gp',
      contactName: 'Dr Okafor',
      contactRelationship: 'GP',
      contactReach: '01632 960 123',
      whatMattersNow: 'Staying in her own home with her cat',
      narrative:
        'Dr Okafor said Olwen is moving in with her daughter next week and wants to keep going to the lunch club.',
      teamChoice: 'other',
      teamId: fd.riverside.id,
      routingReason: '',
    });
    const partnerTeam = await newTeam(t.db, { kind: 'partner' });
    const before = await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']);
    const res = await agent.post(url, typed);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'routingReason', text: 'Say why it goes to this team rather than the one suggested' },
    ]);
    for (const k of ['reason', 'whatMattersNow', 'narrative', 'whatHappensNext'])
      assert.equal(textareaValue(res.body, k), typed[k], k);
    for (const k of ['contactName', 'contactRelationship', 'contactReach'])
      assert.equal(inputValue(res.body, k), typed[k], k);
    assert.ok(checked(res.body, 'channel', 'gp'), 'the channel stays chosen');
    assert.ok(checked(res.body, 'teamChoice', 'other'), '"another team" stays chosen');
    assert.ok(selected(res.body, fd.riverside.id), 'the team stays chosen');
    assert.deepEqual(
      await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']),
      before,
      'no contact and no conversation stored',
    );

    const noTeam = await agent.post(url, { ...typed, teamId: '', routingReason: 'She is moving' });
    assert.equal(noTeam.statusCode, 400);
    assert.deepEqual(errorSummary(noTeam.body), [{ field: 'teamId', text: 'Select the team to pass it to' }]);
    const toPartner = await agent.post(url, {
      ...typed,
      teamId: partnerTeam.id,
      routingReason: 'The housing association can help',
    });
    assert.equal(toPartner.statusCode, 400);
    assert.deepEqual(errorSummary(toPartner.body), [{ field: 'teamId', text: 'Select an active team to pass it to' }]);
    assert.equal(textareaValue(toPartner.body, 'narrative'), typed.narrative, 'kept when the service refuses it too');
    assert.deepEqual(await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']), before);
    assert.equal((await contactsAbout(t.db, person.id)).length, 0);

    const reason = 'She is moving in with her daughter in Riverside next week';
    const saved = await agent.post(url, { ...typed, routingReason: reason });
    assert.equal(saved.statusCode, 303);
    const c = await contactRow(t.db, contactIdFrom(saved.headers.location));
    assert.equal(c?.passedToTeamId, fd.riverside.id, 'not North, which the postcode suggests');
    assert.equal(c?.routing, 'manual');
    assert.equal(c?.routingReason, reason);
    assert.equal(c?.channel, 'gp');
    assert.equal(c?.contactName, 'Dr Okafor');
    assert.equal(c?.contactReach, '01632 960 123');
  });

  test("a known person's contact goes straight to their named worker, whoever took it, and waits on that worker's home page", async () => {
    const named = await newWorker(t.db, { role: 'practitioner', teamId: fd.riverside.id, name: 'Ngozi Adeyemi' });
    const person = await newPerson(t.db, {
      givenName: 'Doreen',
      postcode: 'NB7 1AA',
      namedWorkerId: named.id,
      teamId: fd.riverside.id,
    });
    const name = `Doreen ${person.familyName}`;
    const { agent: frontDoor } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const { agent: northWorker } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const ids: string[] = [];
    for (const agent of [frontDoor, northWorker]) {
      const page = await agent.get(`/people/${person.id}/contacts/new`);
      assert.match(
        page.body,
        /It goes straight to their named worker, <strong>Ngozi Adeyemi<\/strong> \(Riverside Locality\)/,
      );
      const c = await recorded(agent, person.id);
      assert.equal(c.passedToWorkerId, named.id);
      assert.equal(c.passedToTeamId, fd.riverside.id, "the named worker's team, not the postcode's");
      assert.equal(c.routing, 'named_worker');
      assert.equal(c.routingReason, null);
      ids.push(c.id);
    }
    const messages = await notificationsOf(t.db, named.id);
    assert.deepEqual(
      messages.map((n) => [n.message, n.link]).sort(),
      ids.map((id) => [`A new contact about ${name}, whose named worker you are`, `/contacts/${id}`]).sort(),
    );

    const agent = new Agent(t.app);
    await agent.signIn(named.email);
    let home = (await agent.get('/')).body;
    const waiting = between(home, 'Waiting for you', '</ul>');
    for (const id of ids)
      assert.ok(texts(waiting, `a[href="/contacts/${id}"]`).includes(`New contact about ${name}`), id);
    const { agent: colleague } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.riverside.id });
    assert.ok(
      !(await colleague.get('/')).body.includes('Waiting for you'),
      "on the named worker's home page, not the team's",
    );

    assert.equal(
      (await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id))).length,
      2,
      'each passed to their named worker: a hand-off each',
    );
    await agent.get(`/contacts/${ids[0]}`);
    const took = await agent.post(`/contacts/${ids[0]}/take`);
    assert.equal(took.statusCode, 303);
    assert.equal((await personRow(t, person.id)).namedWorkerId, named.id, 'still their named worker');
    assert.equal(
      (await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id))).length,
      2,
      'taking it is no further hand-off',
    );
    home = between((await agent.get('/')).body, 'Waiting for you', '</ul>');
    assert.ok(!linksTo(home, `/contacts/${ids[0]}`), 'taken: no longer waiting');
    assert.ok(linksTo(home, `/contacts/${ids[1]}`));
  });

  test('a contact about someone registered just now is about a person not known before; their next contact is not', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    await agent.get('/people/new?then=contact');
    const registered = await agent.post('/people', personForm({ postcode: 'NB3 4XY', then: 'contact' }));
    assert.equal(registered.statusCode, 303);
    const m = /^\/people\/([0-9a-f-]{36})\/contacts\/new$/.exec(String(registered.headers.location));
    assert.ok(m, 'registering at the front door goes on to the contact');
    const personId = m[1];

    const first = await recorded(agent, personId);
    assert.equal(first.personWasKnown, false);
    assert.match((await agent.get(`/contacts/${first.id}`)).body, /No, this was their first contact/);

    t.clock.advanceMinutes(5);
    const second = await recorded(agent, personId);
    assert.equal(second.personWasKnown, true);
    assert.doesNotMatch((await agent.get(`/contacts/${second.id}`)).body, /No, this was their first contact/);

    // A conversation on the record, without any contact, also means they were known.
    const talkedTo = await newPerson(t.db, { postcode: 'NB3 4XY' });
    const fresh = await newPerson(t.db, { postcode: 'NB3 4XY' });
    await newConversation(t.db, {
      personId: talkedTo.id,
      authorId: (await newWorker(t.db)).id,
      occurredAt: new Date(t.clock.time - DAY),
    });
    assert.equal((await recorded(agent, talkedTo.id)).personWasKnown, true);
    const withStory = await recorded(agent, fresh.id, { narrative: 'She told me about her new flat and the stairs.' });
    assert.equal(
      withStory.personWasKnown,
      false,
      'the conversation at the front door is part of this contact, not an earlier one',
    );
    assert.ok(withStory.conversationId);
  });
});

describe('resolved in the first conversation', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  test('information and advice given: a check back due this week is on the receiving worker’s home page until it is done', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const soon = await newPerson(t.db, { givenName: 'Glenys', postcode: 'NB3 4XY' });
    const later = await newPerson(t.db, { givenName: 'Idris', postcode: 'NB3 4XY' });
    const now = t.clock.now();
    const detail = 'Told her about the Tuesday falls-prevention class at the leisure centre';
    const c = await recorded(agent, soon.id, {
      outcome: 'resolved',
      resolutionKind: 'information_advice',
      resolutionDetail: detail,
      ...dayParts('checkBackOn', now, 3),
      narrative: 'Glenys rang to ask what she could do to stop falling. We talked about classes near her.',
      whatHappensNext: 'I will ring Glenys next week to see if she went.',
    });
    assert.equal(c.outcome, 'resolved');
    assert.equal(c.resolutionKind, 'information_advice');
    assert.equal(c.resolutionDetail, detail);
    assert.equal(c.checkBackOn, isoDay(now, 3));
    assert.equal(c.checkBackDoneAt, null);
    assert.equal(c.passedToTeamId, null, 'resolved: passed to no one');
    assert.equal(c.passedToWorkerId, null);
    assert.equal(c.routing, null);
    const page = (await agent.get(`/contacts/${c.id}`)).body;
    assert.ok(
      texts(page, 'p:has(> strong)').includes('Resolved in the first conversation: information and advice given.'),
    );
    assert.ok(texts(page, 'p > strong').includes('Resolved in the first conversation:'));
    assert.ok(page.includes(`Check back on ${shownDate(isoDay(now, 3))}`));

    const far = await recorded(agent, later.id, {
      outcome: 'resolved',
      resolutionKind: 'connected',
      resolutionDetail: 'Put him in touch with Age Cymru',
      ...dayParts('checkBackOn', now, 10),
    });
    assert.equal(far.resolutionKind, 'connected');

    const dueSection = (html: string) => between(html, 'Check backs due', 'People you are named worker for');
    let home = dueSection((await agent.get('/')).body);
    assert.ok(
      home.includes(
        `<strong>${shownDate(isoDay(now, 3))}</strong>: <a class="govuk-link" href="/contacts/${c.id}">Glenys ${soon.familyName}</a>. ${detail}`,
      ),
    );
    assert.equal(
      home.split(`Glenys ${soon.familyName}`).length - 1,
      2,
      'shown once (its link and the Done button’s hidden text), not twice',
    );
    assert.ok(has(home, `form[action="/contacts/${c.id}/check-back-done"]`));
    assert.ok(!shows(home, `Idris ${later.familyName}`), 'ten days away is not due this week');
    const { agent: colleague } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    assert.ok(!shows((await colleague.get('/')).body, soon.familyName), 'on the receiving worker’s home page only');
    assert.equal(
      (await colleague.post(`/contacts/${c.id}/check-back-done`)).statusCode,
      404,
      'not theirs to mark done',
    );

    const mark = await auditMark(t.db);
    await agent.get('/');
    const done = await agent.post(`/contacts/${c.id}/check-back-done`);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/?done=check-back');
    assert.equal((await contactRow(t.db, c.id))?.checkBackDoneAt?.getTime(), t.clock.time);
    const [audit] = (await auditSince(t.db, mark)).filter((a) => a.action === 'update');
    assert.equal(audit.entityId, c.id);
    assert.equal(audit.personId, soon.id);
    assert.equal(audit.workerId, worker.id);
    home = dueSection((await agent.get('/')).body);
    assert.ok(!shows(home, `Glenys ${soon.familyName}`), 'done: gone from the home page');
    assert.match(home, /No one is due a check back this week/);
    assert.equal((await agent.post(`/contacts/${c.id}/check-back-done`)).statusCode, 404, 'done once');

    // Seven days on, the other one is due.
    t.clock.advanceMinutes(7 * 24 * 60);
    await agent.signIn(worker.email);
    assert.ok(
      texts(dueSection((await agent.get('/')).body), `a[href="/contacts/${far.id}"]`).includes(
        `Idris ${later.familyName}`,
      ),
    );
  });

  test('resolving needs how and what; a crisis or a concern about abuse or neglect cannot be marked resolved', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB3 4XY' });
    const url = `/people/${person.id}/contacts`;
    await agent.get(`${url}/new`);
    const now = t.clock.now();
    const resolved = {
      outcome: 'resolved',
      resolutionKind: 'connected',
      resolutionDetail: 'Connected her to the Good Neighbours scheme',
    };
    const alwaysPassed = 'A crisis or a concern about abuse or neglect is always passed to the locality team';
    const cases: Array<{ form: Record<string, string | undefined>; expect: Array<[string, string]> }> = [
      {
        form: { outcome: 'resolved' },
        expect: [
          ['resolutionKind', 'Say how it was resolved'],
          ['resolutionDetail', 'Say what information was given'],
        ],
      },
      {
        form: { ...resolved, resolutionKind: 'information_advice', resolutionDetail: ' ' },
        expect: [['resolutionDetail', 'Say what information was given']],
      },
      { form: { ...resolved, urgency: 'crisis' }, expect: [['outcome', alwaysPassed]] },
      { form: { ...resolved, urgency: 'abuse_or_neglect' }, expect: [['outcome', alwaysPassed]] },
      {
        form: { ...resolved, ...dayParts('checkBackOn', now, -1) },
        expect: [['checkBackOn', 'The check back date must be today or in the future']],
      },
      {
        form: { ...resolved, 'checkBackOn-day': '31', 'checkBackOn-month': '2', 'checkBackOn-year': '2027' },
        expect: [['checkBackOn', 'The check back date must be a real date, like 27 3 1950']],
      },
    ];
    for (const c of cases) {
      const before = await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']);
      const form = contactForm({ narrative: 'We talked about her garden.', ...c.form });
      const res = await agent.post(url, form);
      assert.equal(res.statusCode, 400, JSON.stringify(c.form));
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        c.expect,
      );
      assert.equal(textareaValue(res.body, 'narrative'), form.narrative);
      assert.equal(textareaValue(res.body, 'reason'), form.reason);
      assert.ok(checked(res.body, 'outcome', 'resolved'));
      assert.deepEqual(await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']), before, 'nothing stored');
    }
    const c = await recorded(agent, person.id, resolved);
    assert.equal(c.resolutionKind, 'connected');
    assert.match(
      (await agent.get(`/contacts/${c.id}`)).body,
      /Resolved in the first conversation:<\/strong> connected to someone who can help\./,
    );
  });
});

describe('urgent contacts', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  /** Runs with the clock at a given instant, then puts it back. */
  async function at(iso: string, fn: () => Promise<void>) {
    const saved = t.clock.time;
    t.clock.time = new Date(iso).getTime();
    try {
      await fn();
    } finally {
      t.clock.time = saved;
    }
  }

  test('a crisis in the teams’ hours goes to the locality team at once, urgent, and its managers are told; so does a concern about abuse or neglect', async () => {
    // Thursday 26 November 2026, 10:00 in the UK.
    assert.ok(withinTeamHours(t.config.teamHours, t.clock.now()));
    const northManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.north.id });
    const riversideManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.riverside.id });
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });

    const person = await newPerson(t.db, { givenName: 'Menna', postcode: 'NB7 1AA' });
    const narrative = 'Her son said she has not eaten for three days and does not know where she is.';
    const crisis = await recorded(agent, person.id, { urgency: 'crisis', narrative });
    assert.equal(crisis.urgency, 'crisis');
    assert.equal(crisis.passedToTeamId, fd.north.id);
    assert.equal(crisis.routing, 'postcode');
    const [talk] = await t.db.select().from(conversations).where(eq(conversations.id, crisis.conversationId!));
    assert.equal(talk.kind, 'crisis', 'the front-door conversation is a crisis conversation');
    assert.equal(talk.narrative, narrative);
    assert.deepEqual(
      (await notificationsOf(t.db, northManager.id)).map((n) => [n.message, n.link]),
      [[`Urgent contact about Menna ${person.familyName} passed to North Locality`, `/contacts/${crisis.id}`]],
    );
    assert.match(
      (await agent.get(`/contacts/${crisis.id}`)).body,
      /<strong class="govuk-tag govuk-tag--red[^"]*">Crisis<\/strong>/,
    );

    const other = await newPerson(t.db, { givenName: 'Eifion', postcode: 'NB3 4XY' });
    const abuse = await recorded(agent, other.id, { urgency: 'abuse_or_neglect' });
    assert.equal(abuse.urgency, 'abuse_or_neglect');
    assert.equal(abuse.passedToTeamId, fd.riverside.id);
    assert.equal(abuse.outcome, 'passed');
    assert.deepEqual(
      (await notificationsOf(t.db, riversideManager.id)).map((n) => [n.message, n.link]),
      [[`Urgent contact about Eifion ${other.familyName} passed to Riverside Locality`, `/contacts/${abuse.id}`]],
    );
    assert.equal((await notificationsOf(t.db, northManager.id)).length, 1, "each team's managers hear about their own");
    assert.ok(
      texts((await agent.get(`/contacts/${abuse.id}`)).body, 'strong').includes('Concern about abuse or neglect'),
    );

    // Not urgent: no one is told.
    await recorded(agent, other.id);
    assert.equal((await notificationsOf(t.db, riversideManager.id)).length, 1);
  });

  test('outside the teams’ hours, in UK time, a crisis goes to Out of Hours; a contact that is not urgent still goes to its team', async () => {
    const outside = [
      ['2026-11-28T10:00:00Z', 'a Saturday morning'],
      ['2026-11-26T22:00:00Z', 'a Thursday at 22:00'],
      ['2026-07-02T16:30:00Z', 'a summer Thursday at 17:30 BST (16:30 UTC)'],
    ];
    for (const [iso, when] of outside) {
      await at(iso, async () => {
        assert.ok(!withinTeamHours(t.config.teamHours, t.clock.now()), when);
        const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
        const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
        const crisis = await recorded(agent, person.id, { urgency: 'crisis' });
        assert.equal(crisis.passedToTeamId, fd.outOfHours.id, when);
        assert.equal(crisis.routing, 'out_of_hours', when);
        assert.equal(crisis.routingReason, 'Urgent, outside North Locality’s hours (Mon-Fri 09:00-17:00)');
        assert.equal(crisis.receivedAt.getTime(), new Date(iso).getTime(), 'received by the injected clock');
        const calm = await recorded(agent, person.id);
        assert.equal(calm.passedToTeamId, fd.north.id, `${when}: not urgent, so it waits for its team`);
        assert.equal(calm.routing, 'postcode');
      });
    }
    // 08:30 UTC on a summer Thursday is 09:30 in the UK: the teams are working.
    await at('2026-07-02T08:30:00Z', async () => {
      const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
      const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
      const crisis = await recorded(agent, person.id, { urgency: 'crisis' });
      assert.equal(crisis.passedToTeamId, fd.north.id);
      assert.equal(crisis.routing, 'postcode');
    });
  });
});

describe('escalating urgent contacts nobody has taken', () => {
  // A describe of its own, so the app's minute timer never runs during it: escalation here is by the test clock alone.
  const t = useTestApp({ URGENT_ESCALATION_MINUTES: '15' });

  test('an urgent contact not taken within the set time is escalated once, to the team manager; one taken in time and one not urgent never are', async () => {
    const ms = t.config.urgentEscalationMs;
    assert.equal(ms, 15 * 60_000, 'configured');
    const fd = await newFrontDoor(t.db);
    const manager = await newWorker(t.db, { role: 'team_manager', teamId: fd.north.id });
    const otherManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.riverside.id });
    const { agent: frontDoor } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const { agent: member } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const waiting = await recorded(frontDoor, (await newPerson(t.db, { postcode: 'NB7 1AA' })).id, {
      urgency: 'crisis',
    });
    const takenInTime = await recorded(frontDoor, (await newPerson(t.db, { postcode: 'NB7 1AA' })).id, {
      urgency: 'abuse_or_neglect',
    });
    const notUrgent = await recorded(frontDoor, (await newPerson(t.db, { postcode: 'NB7 1AA' })).id);
    const escalations = async () =>
      (await notificationsOf(t.db, manager.id)).filter(
        (n) => n.message === 'An urgent contact has waited more than 15 minutes without anyone taking it',
      );

    t.clock.advanceMinutes(14);
    await member.get(`/contacts/${takenInTime.id}`);
    assert.equal((await member.post(`/contacts/${takenInTime.id}/take`)).statusCode, 303);
    assert.equal(await escalateUrgent(t.db, t.clock.now(), ms), 0, 'still within the time');

    t.clock.advanceMinutes(1);
    assert.equal(await escalateUrgent(t.db, t.clock.now(), ms), 0, 'exactly fifteen minutes is not more than fifteen');
    assert.equal((await contactRow(t.db, waiting.id))?.escalatedAt, null);

    t.clock.advanceMinutes(1);
    const escalatedAt = t.clock.time;
    assert.equal(await escalateUrgent(t.db, t.clock.now(), ms), 1);
    assert.equal((await contactRow(t.db, waiting.id))?.escalatedAt?.getTime(), escalatedAt);
    assert.equal((await contactRow(t.db, takenInTime.id))?.escalatedAt, null, 'taken in time');
    assert.equal((await contactRow(t.db, notUrgent.id))?.escalatedAt, null, 'not urgent');
    assert.deepEqual(
      (await escalations()).map((n) => n.link),
      [`/contacts/${waiting.id}`],
    );
    assert.equal((await notificationsOf(t.db, otherManager.id)).length, 0, "another team's manager is not told");

    // Again, an hour later, and on two instances at once: nothing more.
    t.clock.advanceMinutes(60);
    const twice = await Promise.all([escalateUrgent(t.db, t.clock.now(), ms), escalateUrgent(t.db, t.clock.now(), ms)]);
    assert.deepEqual(twice, [0, 0]);
    assert.equal((await contactRow(t.db, waiting.id))?.escalatedAt?.getTime(), escalatedAt, 'escalated once');
    assert.equal((await escalations()).length, 1);
    t.clock.advanceMinutes(7 * 24 * 60);
    assert.equal(await escalateUrgent(t.db, t.clock.now(), ms), 0, 'a contact that is not urgent is never escalated');

    // The manager sees it, and so does the team.
    const managerAgent = new Agent(t.app);
    await managerAgent.signIn(manager.email);
    assert.ok(
      shows(
        (await managerAgent.get('/')).body,
        `href="/contacts/${waiting.id}">An urgent contact has waited more than 15 minutes`,
      ),
    );
    const team = (await managerAgent.get(`/teams/${fd.north.id}`)).body;
    assert.ok(texts(listItem(team, waiting.id), '.govuk-tag').includes('Escalated'));
    assert.ok(!texts(listItem(team, notUrgent.id), '.govuk-tag').includes('Escalated'));
    assert.match((await managerAgent.get(`/contacts/${waiting.id}`)).body, /escalated to the team manager/);
  });

  test('two escalation runs at the same moment escalate a contact once', async () => {
    const ms = t.config.urgentEscalationMs;
    const fd2 = { team: await newTeam(t.db, { kind: 'locality' }) };
    const manager = await newWorker(t.db, { role: 'team_manager', teamId: fd2.team.id });
    const person = await newPerson(t.db);
    const c = await newContact(t.db, {
      personId: person.id,
      urgency: 'crisis',
      passedToTeamId: fd2.team.id,
      routing: 'manual',
      receivedAt: new Date(t.clock.time - ms - 60_000),
    });
    const runs = await Promise.all([escalateUrgent(t.db, t.clock.now(), ms), escalateUrgent(t.db, t.clock.now(), ms)]);
    assert.deepEqual(runs.sort(), [0, 1]);
    assert.notEqual((await contactRow(t.db, c.id))?.escalatedAt, null);
    assert.equal((await notificationsOf(t.db, manager.id)).length, 1);
  });
});

describe('long waits and overdue check backs', () => {
  // A describe of its own, so the app's minute timer never runs during it: escalation here is by the test clock alone.
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });
  const run = () => escalateLongWaits(t.db, t.clock.now(), t.config.waitingEscalationDays);
  /** Moves the test clock to a moment (it only goes forward). */
  const moveTo = (iso: string) => {
    const to = new Date(iso).getTime();
    assert.ok(to >= t.clock.time, `${iso} is not in the past`);
    t.clock.advanceMinutes((to - t.clock.time) / 60_000);
  };

  test('a contact that is not urgent and waits longer than 3 working days goes to the team manager once, with how long; the weekend does not count; the team page marks it', async () => {
    assert.equal(t.config.waitingEscalationDays, 3, 'the default');
    assert.equal(new Date(t.clock.time).toISOString(), '2026-11-26T10:00:00.000Z', 'a Thursday');
    const manager = await newWorker(t.db, { role: 'team_manager', teamId: fd.north.id });
    const otherManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.riverside.id });
    const { agent: frontDoor, worker: frontDoorWorker } = await signedIn(t.app, t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
    });
    const { agent: member, worker: memberWorker } = await signedIn(t.app, t.db, {
      role: 'practitioner',
      teamId: fd.north.id,
    });
    const person = () => newPerson(t.db, { postcode: 'NB7 1AA' });
    const waiting = await recorded(frontDoor, (await person()).id);
    const taken = await recorded(frontDoor, (await person()).id);
    const urgent = await recorded(frontDoor, (await person()).id, { urgency: 'crisis' });
    const passed = async (receivedAt: string) =>
      newContact(t.db, {
        personId: (await person()).id,
        receivedById: frontDoorWorker.id,
        passedToTeamId: fd.north.id,
        routing: 'postcode',
        receivedAt: new Date(receivedAt),
      });
    const friday = await passed('2026-11-27T16:00:00Z');
    const longWaits = async (workerId: string) =>
      (await notificationsOf(t.db, workerId)).filter((n) => /longer than 3 working days/.test(n.message));
    const team = async () => {
      await member.signIn(memberWorker.email);
      return (await member.get(`/teams/${fd.north.id}`)).body;
    };
    const marked = (html: string, id: string) => /Waiting longer than 3 working days/.test(listItem(html, id));

    await member.get(`/contacts/${taken.id}`);
    assert.equal((await member.post(`/contacts/${taken.id}/take`)).statusCode, 303);

    // Monday 11:00: four days on the calendar, two working days and an hour.
    moveTo('2026-11-30T11:00:00Z');
    assert.equal(await run(), 0, 'the weekend does not count');
    assert.ok(!marked(await team(), waiting.id));
    // Tuesday 10:00: exactly three working days is not longer than three.
    moveTo('2026-12-01T10:00:00Z');
    assert.equal(await run(), 0);
    assert.equal((await contactRow(t.db, waiting.id))?.waitingEscalatedAt, null);

    moveTo('2026-12-01T10:01:00Z');
    const escalatedAt = t.clock.time;
    // Twice at once, as two instances would: brought up once.
    assert.deepEqual((await Promise.all([run(), run()])).sort(), [0, 1]);
    assert.equal((await contactRow(t.db, waiting.id))?.waitingEscalatedAt?.getTime(), escalatedAt);
    for (const [c, why] of [
      [taken, 'taken'],
      [urgent, 'urgent: escalated its own way'],
      [friday, 'came in on Friday afternoon: a working day and a half'],
    ] as const) {
      assert.equal((await contactRow(t.db, c.id))?.waitingEscalatedAt, null, why);
    }
    assert.deepEqual(
      (await longWaits(manager.id)).map((n) => [n.message, n.link]),
      [
        [
          'A contact has waited 5 days (longer than 3 working days) without anyone taking it',
          `/contacts/${waiting.id}`,
        ],
      ],
    );
    assert.equal((await notificationsOf(t.db, otherManager.id)).length, 0, "another team's manager is not told");
    // Again, a week later: nothing more about it (the Friday one's turn has come).
    moveTo('2026-12-08T10:01:00Z');
    assert.equal(await run(), 1);
    assert.deepEqual(
      (await longWaits(manager.id)).map((n) => n.link).sort(),
      [`/contacts/${waiting.id}`, `/contacts/${friday.id}`].sort(),
    );

    const managerAgent = new Agent(t.app);
    await managerAgent.signIn(manager.email);
    const home = between((await managerAgent.get('/')).body, 'For your attention', '</ul>');
    assert.equal(home.split(`href="/contacts/${waiting.id}"`).length - 1, 1, 'on the manager’s home page once');
    assert.ok(
      home.includes(
        `href="/contacts/${waiting.id}">A contact has waited 5 days (longer than 3 working days) without anyone taking it</a>`,
      ),
    );

    const page = await team();
    assert.ok(marked(page, waiting.id));
    assert.ok(marked(page, friday.id));
    assert.ok(!marked(page, urgent.id), 'urgent contacts have their own marks');
    assert.match(
      (await managerAgent.get(`/contacts/${waiting.id}`)).body,
      /brought to the team manager as a long wait/,
    );
  });

  test('the team page marks a long wait as soon as it is one, counting working days', async () => {
    moveTo('2026-12-08T10:01:00Z');
    const team = await newTeam(t.db, { kind: 'locality' });
    const p = await newPerson(t.db);
    // Monday 8 December 10:01 now: three working days back is Wednesday 3 December 10:01.
    const before = await newContact(t.db, {
      personId: p.id,
      passedToTeamId: team.id,
      routing: 'manual',
      receivedAt: new Date('2026-12-03T10:00:00Z'),
    });
    const after = await newContact(t.db, {
      personId: p.id,
      passedToTeamId: team.id,
      routing: 'manual',
      receivedAt: new Date('2026-12-03T10:02:00Z'),
    });
    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: team.id });
    const page = (await agent.get(`/teams/${team.id}`)).body;
    assert.match(listItem(page, before.id), /Waiting longer than 3 working days/);
    assert.doesNotMatch(listItem(page, after.id), /Waiting longer than/);
  });

  test('check backs past their date show as overdue on the worker’s home page and their team manager’s', async () => {
    const today = ukToday(t.clock.now());
    const manager = await newWorker(t.db, { role: 'team_manager', teamId: fd.north.id, name: 'Nia Manager' });
    const fdManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.firstContact.id, name: 'Fran Manager' });
    const { agent: worker, worker: practitioner } = await signedIn(t.app, t.db, {
      role: 'practitioner',
      teamId: fd.north.id,
      name: 'Pryderi Practitioner',
    });
    const { agent: frontDoor, worker: frontDoorWorker } = await signedIn(t.app, t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
      name: 'Ffion Frontdoor',
    });
    const talked = await newPerson(t.db, { givenName: 'Tegwen' });
    const rang = await newPerson(t.db, { givenName: 'Iolo', postcode: 'NB7 1AA' });
    const hidden = await newPerson(t.db, { givenName: 'Cadi' });
    await restrict(t.db, hidden.id, { workerIds: [practitioner.id] });
    const dayAfter = (iso: string, n: number) => isoDay(new Date(`${iso}T12:00:00Z`), n);
    const talk = await newConversation(t.db, {
      personId: talked.id,
      authorId: practitioner.id,
      teamId: fd.north.id,
      occurredAt: t.clock.now(),
      checkBackOn: dayAfter(today, 2),
      whatHappensNext: 'I will ring Tegwen on Monday.',
    });
    await newConversation(t.db, {
      personId: hidden.id,
      authorId: practitioner.id,
      teamId: fd.north.id,
      occurredAt: t.clock.now(),
      checkBackOn: dayAfter(today, 2),
      whatHappensNext: 'Ring Cadi.',
    });
    const contact = await recorded(frontDoor, rang.id, {
      outcome: 'resolved',
      resolutionKind: 'information_advice',
      resolutionDetail: 'Told Iolo about the lunch club',
      ...dayParts('checkBackOn', t.clock.now(), 1),
    });
    const managerAgent = new Agent(t.app);
    await managerAgent.signIn(manager.email);
    const fdManagerAgent = new Agent(t.app);
    await fdManagerAgent.signIn(fdManager.email);
    const dueItem = async (agent: Agent, href: string) =>
      itemLinking(between((await agent.get('/')).body, 'Check backs due', 'Connections to follow up'), href);
    const teamSection = async (agent: Agent) => {
      const html = (await agent.get('/')).body;
      return html.includes('Overdue check backs in your team')
        ? between(html, 'Overdue check backs in your team', '</ul>')
        : '';
    };
    const overdue = /govuk-tag--red">Overdue</;

    // Not yet past their date.
    assert.doesNotMatch(await dueItem(worker, `/people/${talked.id}`), overdue);
    assert.doesNotMatch(await dueItem(frontDoor, `/contacts/${contact.id}`), overdue);
    assert.equal(await teamSection(managerAgent), '');
    assert.equal(await teamSection(fdManagerAgent), '');

    t.clock.advanceMinutes(3 * 24 * 60);
    await worker.signIn(practitioner.email);
    await frontDoor.signIn(frontDoorWorker.email);
    await managerAgent.signIn(manager.email);
    await fdManagerAgent.signIn(fdManager.email);
    assert.match(await dueItem(worker, `/people/${talked.id}`), overdue, 'the worker’s own conversation check back');
    assert.match(
      await dueItem(frontDoor, `/contacts/${contact.id}`),
      overdue,
      'the front-door worker’s contact check back',
    );

    const north = await teamSection(managerAgent);
    assert.match(itemLinking(north, `/conversations/${talk.id}`), overdue);
    assert.ok(
      shows(
        itemLinking(north, `/conversations/${talk.id}`),
        `Tegwen ${talked.familyName}</a>. I will ring Tegwen on Monday.`,
      ),
    );
    assert.match(itemLinking(north, `/conversations/${talk.id}`), /Pryderi Practitioner was to check back/);
    assert.ok(
      north.includes('a check back for a restricted record'),
      'a restricted record is not named to a manager not on its list',
    );
    assert.ok(!shows(north, 'Cadi') && !shows(north, 'Ring Cadi'));
    assert.ok(!north.includes(`/contacts/${contact.id}`), 'another team’s check back');
    const front = await teamSection(fdManagerAgent);
    assert.match(itemLinking(front, `/contacts/${contact.id}`), overdue);
    assert.match(itemLinking(front, `/contacts/${contact.id}`), /Ffion Frontdoor was to check back/);

    // Done: gone from both.
    await frontDoor.get('/');
    assert.equal((await frontDoor.post(`/contacts/${contact.id}/check-back-done`)).statusCode, 303);
    assert.equal(await teamSection(fdManagerAgent), '');
  });
});

describe('taking a contact', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  test('a worker in the receiving team takes it and becomes the named worker; a worker outside the team cannot', async () => {
    const { agent: frontDoor } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Aled', postcode: 'NB7 1AA' });
    const c = await recorded(frontDoor, person.id);
    const url = `/contacts/${c.id}/take`;

    const { agent: outsider } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.riverside.id });
    const seen = await outsider.get(`/contacts/${c.id}`);
    assert.equal(seen.statusCode, 200, 'anyone may read it');
    assert.ok(!has(seen.body, `form[action="${url}"]`), 'no take button outside the team');
    const { agent: quality } = await signedIn(t.app, t.db, { role: 'quality', teamId: fd.north.id });
    await quality.get(`/contacts/${c.id}`);
    const before = await fingerprintTables(t.db);
    assert.equal((await outsider.post(url)).statusCode, 403);
    assert.equal((await frontDoor.post(url)).statusCode, 403, 'not the front door either, once it is passed');
    assert.equal((await quality.post(url)).statusCode, 403, 'quality reads, does not take');
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing changed');

    const taker = await newWorker(t.db, { role: 'practitioner', teamId: fd.north.id, name: 'Tomos Rhys' });
    const { agent: colleague } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const agent = new Agent(t.app);
    await agent.signIn(taker.email);
    const page = await agent.get(`/contacts/${c.id}`);
    assert.ok(page.body.includes(`action="${url}"`));
    const took = await agent.post(url);
    assert.equal(took.statusCode, 303);
    assert.equal(took.headers.location, `/contacts/${c.id}?done=taken`);
    const row = await contactRow(t.db, c.id);
    assert.equal(row?.takenById, taker.id);
    assert.equal(row?.takenAt?.getTime(), t.clock.time);
    const p = await personRow(t, person.id);
    assert.equal(p.namedWorkerId, taker.id);
    assert.equal(p.teamId, fd.north.id);
    const changes = await t.db.select().from(recordChanges).where(eq(recordChanges.personId, person.id));
    assert.deepEqual(changes.map((ch) => ch.summary).sort(), [
      'Hand-off: passed to North Locality',
      'Tomos Rhys is now the named worker',
    ]);
    assert.equal(
      (await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id))).length,
      1,
      'passing it on was the hand-off; a first named worker is not another',
    );
    assert.match((await agent.get(`/contacts/${c.id}`)).body, /Taken by Tomos Rhys,/);

    await colleague.get(`/contacts/${c.id}`);
    const late = await colleague.post(url);
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Someone else took this contact first: Tomos Rhys/);
  });

  test('two workers of the team take it at the same moment: one gets it, the other is told who did', async () => {
    const { agent: frontDoor } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB3 4XY' });
    const c = await recorded(frontDoor, person.id);
    const url = `/contacts/${c.id}/take`;
    const [a, b] = await Promise.all([
      newWorker(t.db, { role: 'practitioner', teamId: fd.riverside.id, name: 'Rhiannon Price' }),
      newWorker(t.db, { role: 'team_manager', teamId: fd.riverside.id, name: 'Gareth Lloyd' }),
    ]);
    const agents = [new Agent(t.app), new Agent(t.app)];
    await agents[0].signIn(a.email);
    await agents[1].signIn(b.email);
    for (const agent of agents) assert.equal((await agent.get(`/contacts/${c.id}`)).statusCode, 200);

    const mark = await auditMark(t.db);
    const results = await Promise.all(agents.map((agent) => agent.post(url)));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
    const winner = results[0].statusCode === 303 ? a : b;
    const loser = results[0].statusCode === 303 ? results[1] : results[0];
    assert.match(loser.body, new RegExp(`Someone else took this contact first: ${winner.name}`));
    const row = await contactRow(t.db, c.id);
    assert.equal(row?.takenById, winner.id, 'one taker');
    assert.equal((await personRow(t, person.id)).namedWorkerId, winner.id);
    const takes = (await auditSince(t.db, mark)).filter((e) => e.action === 'update' && e.entity === 'contact');
    assert.equal(takes.length, 1);
    assert.equal(takes[0].workerId, winner.id);
    const changes = await t.db.select().from(recordChanges).where(eq(recordChanges.personId, person.id));
    assert.deepEqual(
      changes.map((ch) => ch.summary).sort(),
      ['Hand-off: passed to Riverside Locality', `${winner.name} is now the named worker`].sort(),
      'the hand-off when it was passed on, and one named worker set',
    );
  });

  test('passing someone whose named worker is in another team to a new team is one hand-off, counted when it was passed, and not again when it is taken', async () => {
    const saved = t.clock.time;
    // A day that is not today by the machine's clock: the hand-off is dated by the app's clock.
    t.clock.time = new Date('2026-10-14T10:00:00Z').getTime();
    try {
      const previous = await newWorker(t.db, { role: 'practitioner', teamId: fd.riverside.id });
      const person = await newPerson(t.db, {
        postcode: 'NB3 4XY',
        namedWorkerId: previous.id,
        teamId: fd.riverside.id,
      });
      const { agent: frontDoor, worker: frontDoorWorker } = await signedIn(t.app, t.db, {
        role: 'front_door',
        teamId: fd.firstContact.id,
      });
      const c = await recorded(frontDoor, person.id, {
        teamChoice: 'other',
        teamId: fd.north.id,
        routingReason: 'She has moved to her son’s in the north',
      });
      assert.equal(c.routing, 'manual');
      assert.equal(c.passedToWorkerId, null);
      const passedAt = t.clock.time;
      t.clock.advanceMinutes(90);
      const { agent, worker } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
      await agent.get(`/contacts/${c.id}`);
      assert.equal((await agent.post(`/contacts/${c.id}/take`)).statusCode, 303);
      assert.equal((await personRow(t, person.id)).namedWorkerId, worker.id, 'the taker is their named worker now');
      const rows = await t.db.select().from(handOffs).where(eq(handOffs.personId, person.id));
      assert.equal(rows.length, 1, 'one hand-off: the pass, not the take as well');
      const [h] = rows;
      assert.equal(h.fromWorkerId, frontDoorWorker.id);
      assert.equal(h.fromTeamId, fd.firstContact.id);
      assert.equal(h.toWorkerId, null, 'to the team: nobody in it had taken her on yet');
      assert.equal(h.toTeamId, fd.north.id);
      assert.equal(h.reason, 'Contact passed on: She has moved to her son’s in the north');
      assert.equal(h.createdAt.getTime(), passedAt);
      const report = await agent.get(
        '/front-door?from-day=14&from-month=10&from-year=2026&to-day=14&to-month=10&to-year=2026',
      );
      assert.equal(report.statusCode, 200);
      assert.deepEqual(tableRows(report.body, '1 hand-offs'), [['North Locality', '1']]);
    } finally {
      t.clock.time = saved;
    }
  });
});

describe('hand-offs at the front door: every change of the worker a person deals with is counted, once', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  const handOffsOf = (personId: string) =>
    t.db
      .select()
      .from(handOffs)
      .where(eq(handOffs.personId, personId))
      .then((rows) => rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()));
  /** What the person's page says: "N hand-off(s) so far". */
  const countOnPage = async (agent: Agent, personId: string) =>
    /(\d+) hand-offs? so far/.exec((await agent.get(`/people/${personId}`)).body)?.[1];
  /** The rows about this person on a team manager's hand-offs page. */
  const onHandOffsPage = async (manager: Agent, familyName: string) => {
    const res = await manager.get('/hand-offs');
    assert.equal(res.statusCode, 200);
    return res.body.includes('Hand-offs, newest first')
      ? tableRows(res.body, 'Hand-offs, newest first').filter((r) => r[1].includes(familyName))
      : [];
  };
  const frontDoorWorker = async (name: string) => {
    const worker = await newWorker(t.db, { role: 'front_door', teamId: fd.firstContact.id, name });
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    return { worker, agent };
  };

  test('passing a person from First Contact to a locality team is one hand-off, on their page, their timeline and both managers’ hand-offs; taking it is not a second; resolving is none', async () => {
    const { worker: priya, agent: frontDoor } = await frontDoorWorker('Priya Shah');
    const { agent: northManager } = await signedIn(t.app, t.db, { role: 'team_manager', teamId: fd.north.id });
    const { agent: firstContactManager } = await signedIn(t.app, t.db, {
      role: 'team_manager',
      teamId: fd.firstContact.id,
    });
    const person = await newPerson(t.db, { givenName: 'Aled', postcode: 'NB7 1AA' });

    // Resolved there and then: no hand-off.
    const resolved = await recorded(frontDoor, person.id, {
      outcome: 'resolved',
      resolutionKind: 'information_advice',
      resolutionDetail: 'Gave the number for the Good Neighbours scheme',
    });
    assert.equal(resolved.outcome, 'resolved');
    assert.equal((await handOffsOf(person.id)).length, 0, 'a contact resolved at the front door is no hand-off');
    assert.equal(await countOnPage(frontDoor, person.id), '0');

    t.clock.advanceMinutes(5);
    const c = await recorded(frontDoor, person.id);
    assert.equal(c.passedToTeamId, fd.north.id);
    let rows = await handOffsOf(person.id);
    assert.equal(rows.length, 1, 'passed on: one hand-off');
    assert.deepEqual(
      [
        rows[0].fromWorkerId,
        rows[0].fromTeamId,
        rows[0].toWorkerId,
        rows[0].toTeamId,
        rows[0].recordedBy,
        rows[0].createdAt.getTime(),
      ],
      [priya.id, fd.firstContact.id, null, fd.north.id, priya.id, t.clock.time],
    );
    assert.equal(rows[0].reason, 'Contact passed to the locality team for their postcode (NB7 1AA is in NB)');
    assert.equal(await countOnPage(frontDoor, person.id), '1');
    const timeline = (await frontDoor.get(`/people/${person.id}/timeline`)).body;
    assert.match(timeline, /Hand-off: passed to North Locality/);
    assert.ok(shows(timeline, 'Reason: Contact passed to the locality team for their postcode (NB7 1AA is in NB)'));
    // Into North and out of First Contact: both managers see it, "to" the team, as nobody in it has taken him on yet.
    for (const manager of [northManager, firstContactManager]) {
      const shown = await onHandOffsPage(manager, person.familyName);
      assert.deepEqual(
        shown.map((r) => [r[2], r[4]]),
        [['Priya Shah to North Locality (the team)', '1']],
      );
    }

    // Someone in North takes it and becomes his named worker: not a second hand-off.
    t.clock.advanceMinutes(30);
    const { agent: taker, worker: tomos } = await signedIn(t.app, t.db, {
      role: 'practitioner',
      teamId: fd.north.id,
      name: 'Tomos Rhys',
    });
    await taker.get(`/contacts/${c.id}`);
    assert.equal((await taker.post(`/contacts/${c.id}/take`)).statusCode, 303);
    assert.equal((await personRow(t, person.id)).namedWorkerId, tomos.id);
    rows = await handOffsOf(person.id);
    assert.equal(rows.length, 1, 'taking it is not a second hand-off');
    assert.equal(await countOnPage(taker, person.id), '1');
    assert.equal((await onHandOffsPage(northManager, person.familyName)).length, 1);
    assert.match((await taker.get(`/people/${person.id}/timeline`)).body, /Tomos Rhys is now the named worker/);
  });

  test('passing straight to their named worker is one hand-off, and their taking it is none; a named worker passing a contact to themselves is none', async () => {
    const { agent: frontDoor, worker: marcus } = await frontDoorWorker('Marcus Bell');
    const named = await newWorker(t.db, { role: 'practitioner', teamId: fd.riverside.id, name: 'Ngozi Adeyemi' });
    const { agent: riversideManager } = await signedIn(t.app, t.db, { role: 'team_manager', teamId: fd.riverside.id });
    const person = await newPerson(t.db, {
      givenName: 'Doreen',
      postcode: 'NB7 1AA',
      namedWorkerId: named.id,
      teamId: fd.riverside.id,
    });

    const c = await recorded(frontDoor, person.id);
    assert.equal(c.passedToWorkerId, named.id);
    const rows = await handOffsOf(person.id);
    assert.deepEqual(
      rows.map((h) => [h.fromWorkerId, h.fromTeamId, h.toWorkerId, h.toTeamId, h.reason]),
      [[marcus.id, fd.firstContact.id, named.id, fd.riverside.id, 'Contact passed to their named worker']],
    );
    assert.equal(await countOnPage(frontDoor, person.id), '1');
    assert.match(
      (await frontDoor.get(`/people/${person.id}/timeline`)).body,
      /Hand-off: passed to Ngozi Adeyemi \(Riverside Locality\)/,
    );
    assert.deepEqual(
      (await onHandOffsPage(riversideManager, person.familyName)).map((r) => r[2]),
      ['Marcus Bell to Ngozi Adeyemi'],
    );

    const ngozi = new Agent(t.app);
    await ngozi.signIn(named.email);
    await ngozi.get(`/contacts/${c.id}`);
    assert.equal((await ngozi.post(`/contacts/${c.id}/take`)).statusCode, 303);
    assert.equal((await handOffsOf(person.id)).length, 1, 'their own named worker taking it is no second hand-off');

    // Ngozi takes a contact about Doreen herself and passes it on as suggested: to herself, no change of worker.
    t.clock.advanceMinutes(5);
    const own = await recorded(ngozi, person.id);
    assert.equal(own.passedToWorkerId, named.id);
    assert.equal((await handOffsOf(person.id)).length, 1);
    assert.equal(await countOnPage(ngozi, person.id), '1');
  });

  test('a contact First Contact has to decide on is one hand-off, counted when they decide; one a colleague in First Contact takes instead is one too', async () => {
    const { agent: frontDoor, worker: priya } = await frontDoorWorker('Priya Shah');
    const { agent: hillsideManager } = await signedIn(t.app, t.db, { role: 'team_manager', teamId: fd.hillside.id });
    const person = await newPerson(t.db, { givenName: 'Bryn', postcode: null });
    const c = await recorded(frontDoor, person.id);
    assert.equal(c.routing, 'first_contact');
    assert.equal((await handOffsOf(person.id)).length, 0, 'still with First Contact, deciding where it goes');

    t.clock.advanceMinutes(20);
    await frontDoor.get(`/contacts/${c.id}`);
    assert.equal(
      (
        await frontDoor.post(`/contacts/${c.id}/route`, {
          teamId: fd.hillside.id,
          reason: 'Hillside covers the new flats',
        })
      ).statusCode,
      303,
    );
    const rows = await handOffsOf(person.id);
    assert.deepEqual(
      rows.map((h) => [h.fromWorkerId, h.fromTeamId, h.toWorkerId, h.toTeamId, h.reason, h.createdAt.getTime()]),
      [
        [
          priya.id,
          fd.firstContact.id,
          null,
          fd.hillside.id,
          'Contact passed on by First Contact: Hillside covers the new flats',
          t.clock.time,
        ],
      ],
    );
    assert.deepEqual(
      (await onHandOffsPage(hillsideManager, person.familyName)).map((r) => r[2]),
      ['Priya Shah to Hillside Locality (the team)'],
    );
    // Deciding again (a second decision that lost the race) changes nothing and counts nothing.
    assert.equal(
      (await frontDoor.post(`/contacts/${c.id}/route`, { teamId: fd.north.id, reason: 'Or the north' })).statusCode,
      403,
    );
    const { agent: taker } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.hillside.id });
    await taker.get(`/contacts/${c.id}`);
    assert.equal((await taker.post(`/contacts/${c.id}/take`)).statusCode, 303);
    assert.equal((await handOffsOf(person.id)).length, 1, 'taking it is not a second');

    // A colleague in First Contact takes one waiting for a decision: a change of worker, counted when taken.
    const other = await newPerson(t.db, { givenName: 'Eira', postcode: 'ZZ1 1ZZ' });
    const waiting = await recorded(frontDoor, other.id);
    const { agent: colleague, worker: colleagueWorker } = await signedIn(t.app, t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
    });
    await colleague.get(`/contacts/${waiting.id}`);
    assert.equal((await colleague.post(`/contacts/${waiting.id}/take`)).statusCode, 303);
    assert.deepEqual(
      (await handOffsOf(other.id)).map((h) => [h.fromWorkerId, h.toWorkerId, h.toTeamId]),
      [[priya.id, colleagueWorker.id, fd.firstContact.id]],
    );
    assert.equal((await personRow(t, other.id)).namedWorkerId, colleagueWorker.id);
  });

  test('“I will stay with them”: the front-door worker becomes the named worker, nothing waits in any queue, and it is a hand-off only when someone else was their named worker', async () => {
    const { worker: priya, agent: frontDoor } = await frontDoorWorker('Priya Shah');
    const { agent: northWorker } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const { agent: firstContactManager, worker: manager } = await signedIn(t.app, t.db, {
      role: 'team_manager',
      teamId: fd.firstContact.id,
    });
    const person = await newPerson(t.db, { givenName: 'Glenys', postcode: 'NB7 1AA' });
    const form = await frontDoor.get(`/people/${person.id}/contacts/new`);
    assert.match(
      form.body,
      /<input class="govuk-radios__input" id="outcome-2" name="outcome" type="radio" value="stayed"[^>]*>\s*<label[^>]*>\s*I will stay with them\s*<\/label>/,
    );
    const waitingBefore = tableRows((await northWorker.get('/teams')).body, 'Waiting now');

    const c = await recorded(frontDoor, person.id, { outcome: 'stayed' });
    assert.deepEqual(
      [c.outcome, c.passedToTeamId, c.passedToWorkerId, c.routing, c.takenAt],
      ['stayed', null, null, null, null],
    );
    const p = await personRow(t, person.id);
    assert.equal(p.namedWorkerId, priya.id, 'she is Glenys’s named worker now');
    assert.equal(p.teamId, fd.firstContact.id);
    assert.equal((await handOffsOf(person.id)).length, 0, 'no one else was her named worker: no hand-off');
    // Nothing waits, in any team's queue or on anyone's home page.
    assert.deepEqual(tableRows((await northWorker.get('/teams')).body, 'Waiting now'), waitingBefore);
    assert.ok(!(await northWorker.get(`/teams/${fd.north.id}`)).body.includes(`/contacts/${c.id}`));
    assert.ok(!(await frontDoor.get('/')).body.includes('Waiting for you'));
    // The contact and her page say so; nobody can take it.
    const shown = await northWorker.get(`/contacts/${c.id}`);
    assert.match(shown.body, /Priya Shah stayed with Glenys as their named worker/);
    assert.ok(!shown.body.includes(`/contacts/${c.id}/take`));
    const page = (await northWorker.get(`/people/${person.id}`)).body;
    assert.ok(texts(page, 'strong').includes('Priya Shah'));
    assert.match(page, /Priya Shah stayed with them as their named worker/);
    assert.match(page, /0 hand-offs so far/);
    const timeline = (await northWorker.get(`/people/${person.id}/timeline`)).body;
    assert.match(timeline, /Priya Shah stayed with them as their named worker/);
    assert.match(timeline, /Priya Shah is now the named worker/);
    assert.doesNotMatch(timeline, /Hand-off/);

    // Staying with someone whose named worker is another worker: a real change of worker, one hand-off.
    const ngozi = await newWorker(t.db, { role: 'practitioner', teamId: fd.riverside.id, name: 'Ngozi Adeyemi' });
    const { agent: riversideManager } = await signedIn(t.app, t.db, { role: 'team_manager', teamId: fd.riverside.id });
    const known = await newPerson(t.db, {
      givenName: 'Doreen',
      postcode: 'NB3 4XY',
      namedWorkerId: ngozi.id,
      teamId: fd.riverside.id,
    });
    t.clock.advanceMinutes(10);
    const stayed = await recorded(frontDoor, known.id, { outcome: 'stayed' });
    assert.equal(stayed.passedToWorkerId, null);
    assert.equal((await personRow(t, known.id)).namedWorkerId, priya.id);
    const rows = await handOffsOf(known.id);
    assert.deepEqual(
      rows.map((h) => [h.fromWorkerId, h.fromTeamId, h.toWorkerId, h.toTeamId, h.reason, h.createdAt.getTime()]),
      [[ngozi.id, fd.riverside.id, priya.id, fd.firstContact.id, 'Stayed with them after their contact', t.clock.time]],
    );
    assert.equal(await countOnPage(frontDoor, known.id), '1');
    assert.match(
      (await frontDoor.get(`/people/${known.id}/timeline`)).body,
      /Hand-off: Priya Shah is now the named worker/,
    );
    assert.deepEqual(
      (await onHandOffsPage(riversideManager, known.familyName)).map((r) => r[2]),
      ['Ngozi Adeyemi to Priya Shah'],
    );
    assert.deepEqual(
      (await onHandOffsPage(firstContactManager, known.familyName)).map((r) => r[2]),
      ['Ngozi Adeyemi to Priya Shah'],
    );

    // Staying again with someone whose named worker she already is changes nothing; an urgent one tells her team's managers.
    t.clock.advanceMinutes(10);
    const changesBefore = (await t.db.select().from(recordChanges).where(eq(recordChanges.personId, person.id))).length;
    const again = await recorded(frontDoor, person.id, { outcome: 'stayed', urgency: 'crisis' });
    assert.equal(again.outcome, 'stayed');
    assert.equal((await personRow(t, person.id)).namedWorkerId, priya.id);
    assert.equal((await handOffsOf(person.id)).length, 0);
    assert.equal(
      (await t.db.select().from(recordChanges).where(eq(recordChanges.personId, person.id))).length,
      changesBefore,
      'no change of named worker',
    );
    assert.ok(
      (await notificationsOf(t.db, manager.id)).some(
        (n) =>
          n.message === `Urgent contact about Glenys ${person.familyName}: Priya Shah is staying with them` &&
          n.link === `/contacts/${again.id}`,
      ),
    );
  });
});

describe("the receiving team's work, in the open", () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  test('the team page lists what waits, urgent first then oldest first, with how long, and who took what in the last 30 days', async () => {
    const frontDoor = await newWorker(t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const takers = await Promise.all(
      ['Bethan Morgan', 'Dafydd Evans', 'Ceri Hughes'].map((name) =>
        newWorker(t.db, { role: 'practitioner', teamId: fd.north.id, name }),
      ),
    );
    const ago = (ms: number) => new Date(t.clock.time - ms);
    const person = (givenName: string) => newPerson(t.db, { givenName, postcode: 'NB7 1AA' });
    const passed = (p: { id: string }, opts: Partial<typeof contacts.$inferInsert>) =>
      newContact(t.db, {
        personId: p.id,
        receivedById: frontDoor.id,
        passedToTeamId: fd.north.id,
        routing: 'postcode',
        ...opts,
      });
    const older = await passed(await person('Anwen'), {
      receivedAt: ago(5 * HOUR),
      reason: 'Needs help with shopping since her husband died',
    });
    const newer = await passed(await person('Bryn'), { receivedAt: ago(3 * HOUR) });
    const urgent = await passed(await person('Carys'), { receivedAt: ago(2 * HOUR), urgency: 'crisis' });
    await passed(await person('Dilys'), { receivedAt: ago(10 * HOUR), passedToTeamId: fd.riverside.id });
    await newContact(t.db, {
      personId: (await person('Emlyn')).id,
      outcome: 'resolved',
      resolutionKind: 'information_advice',
      receivedAt: ago(HOUR),
    });
    const recent = await passed(await person('Ffion'), {
      receivedAt: ago(3 * DAY),
      takenById: takers[0].id,
      takenAt: ago(2 * DAY),
    });
    const longWait = await passed(await person('Gethin'), {
      receivedAt: ago(35 * DAY),
      takenById: takers[1].id,
      takenAt: ago(DAY),
    });
    const longAgo = await passed(await person('Heledd'), {
      receivedAt: ago(45 * DAY),
      takenById: takers[2].id,
      takenAt: ago(40 * DAY),
    });

    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const page = (await agent.get(`/teams/${fd.north.id}`)).body;
    assert.deepEqual(waitingIds(page), [urgent.id, older.id, newer.id]);
    const entry = (id: string) => listItem(page, id);
    assert.match(texts(entry(older.id), 'li > a')[0], /^Anwen /);
    assert.match(texts(entry(older.id), 'li > a + p')[0], /^Waiting 5 hours, since/);
    assert.match(entry(older.id), /Needs help with shopping since her husband died/);
    assert.match(entry(newer.id), /Waiting 3 hours, since/);
    assert.match(entry(urgent.id), /Waiting 2 hours, since/);
    assert.ok(texts(entry(urgent.id), '.govuk-tag').includes('Crisis'));
    assert.ok(!texts(entry(older.id), '.govuk-tag').includes('Crisis'));
    const shown = figures(page);
    assert.equal(shown.waiting, '3');
    assert.equal(shown.urgent, '1');
    assert.equal(shown['longest wait'], '5 hours');

    const taken = tableRows(page, 'Who took what');
    assert.deepEqual(
      taken.map((r) => [r[0].split(' ')[0], r[3]]),
      [
        ['Gethin', 'Dafydd Evans'],
        ['Ffion', 'Bethan Morgan'],
      ],
      'taken in the last 30 days (however long ago the contact came in), newest first',
    );
    assert.ok(!linksTo(page, `/contacts/${longAgo.id}`), 'taken 40 days ago');
    assert.ok(linksTo(page, `/contacts/${recent.id}`) && linksTo(page, `/contacts/${longWait.id}`));

    // Every team's waiting, on one page.
    const teams = tableRows((await agent.get('/teams')).body, 'Waiting now');
    const row = (name: string) => teams.find((r) => r[0].startsWith(name));
    assert.deepEqual(row('North Locality'), ['North Locality Your team', '3', '1', '5 hours']);
    assert.deepEqual(row('Riverside Locality'), ['Riverside Locality', '1', '0', '10 hours']);
    assert.deepEqual(row('First Contact'), ['First Contact', '0', '0', '–']);
    assert.deepEqual(row('Out of Hours'), ['Out of Hours', '0', '0', '–']);
  });

  test('a long worklist comes fifty at a time, in the same order, with how many in all', async () => {
    const team = await newTeam(t.db, { kind: 'locality' });
    const frontDoor = await newWorker(t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const waiting = [];
    for (let i = 0; i < 53; i++) {
      const p = await newPerson(t.db, { givenName: `Wait${i}` });
      waiting.push(
        await newContact(t.db, {
          personId: p.id,
          receivedById: frontDoor.id,
          passedToTeamId: team.id,
          routing: 'manual',
          receivedAt: new Date(t.clock.time - (100 - i) * HOUR),
        }),
      );
    }
    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: team.id });
    const first = (await agent.get(`/teams/${team.id}`)).body;
    assert.deepEqual(
      waitingIds(first),
      waiting.slice(0, 50).map((c) => c.id),
    );
    assert.match(first, /Showing 1 to 50 of 53/);
    assert.ok(attrs(first, '.govuk-pagination a', 'href').includes(`/teams/${team.id}?page=2`));
    const second = await agent.get(`/teams/${team.id}?page=2`);
    assert.equal(second.statusCode, 200);
    assert.deepEqual(
      waitingIds(second.body),
      waiting.slice(50).map((c) => c.id),
    );
    assert.match(second.body, /Showing 51 to 53 of 53/);
    assert.doesNotMatch(second.body, /Taken in the last 30 days/, 'what was taken is on the first page only');
    assert.match((await agent.get(`/teams/${team.id}?page=9`)).body, /There is nothing more waiting/);
  });

  test('the contact shows its reason, what matters and the conversation at the front door, and is on the person’s timeline', async () => {
    const frontDoorWorker = await newWorker(t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
      name: 'Siân Bevan',
    });
    const frontDoor = new Agent(t.app);
    await frontDoor.signIn(frontDoorWorker.email);
    const person = await newPerson(t.db, { givenName: 'Rhodri', postcode: 'NB7 1AA' });
    const form = {
      contactName: 'Ada',
      contactRelationship: 'daughter',
      reason: 'Ada rang because her dad has stopped going out since his stroke.',
      whatMattersNow: 'Getting back to the bowls club on Saturdays',
      narrative:
        'Ada said Rhodri sits by the window all day. He told me on the phone he misses the bowls club & his friends there.',
      whatHappensNext: 'The North team will ring Rhodri this week.',
    };
    const c = await recorded(frontDoor, person.id, form);
    assert.ok(c.conversationId, 'the narrative is a conversation on the record');
    const [talk] = await t.db.select().from(conversations).where(eq(conversations.id, c.conversationId));
    assert.equal(talk.personId, person.id);
    assert.equal(talk.kind, 'listen_and_connect');
    assert.equal(talk.narrative, form.narrative);
    assert.equal(talk.whatMatters, form.whatMattersNow);
    assert.equal(talk.whatHappensNext, form.whatHappensNext);
    assert.equal(talk.participants, 'Ada (daughter)');
    assert.equal(talk.place, 'By phone');
    assert.equal(talk.authorId, frontDoorWorker.id);
    assert.equal(talk.occurredAt.getTime(), t.clock.time);

    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const page = await agent.get(`/contacts/${c.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(shows(page.body, form.reason));
    assert.ok(shows(page.body, form.whatMattersNow));
    assert.ok(
      texts(page.body, `a.govuk-link[href="/conversations/${c.conversationId}"]`).includes('Read the conversation'),
    );
    assert.ok(texts(page.body, 'p:has(> strong)').includes('Passed to North Locality (NB7 1AA is in NB).'));
    assert.ok(texts(page.body, 'p > strong').includes('North Locality'));
    const conversation = await agent.get(`/conversations/${c.conversationId}`);
    assert.equal(conversation.statusCode, 200);
    assert.ok(shows(conversation.body, form.narrative), 'the team reads the story; the person does not tell it again');

    const timeline = (await agent.get(`/people/${person.id}/timeline`)).body;
    assert.ok(texts(timeline, `a[href="/contacts/${c.id}"]`).includes('Contact'));
    assert.ok(linksTo(timeline, `/conversations/${c.conversationId}`));
    assert.ok(shows(timeline, `Recorded by Siân Bevan. ${form.reason}`));
    assert.match(timeline, /Passed to North Locality, waiting/);
    const contactsOnly = (await agent.get(`/people/${person.id}/timeline?kind=contacts`)).body;
    assert.ok(linksTo(contactsOnly, `/contacts/${c.id}`));
    assert.ok(!linksTo(contactsOnly, `/conversations/${c.conversationId}`));
  });
});

describe('the front door’s figures', () => {
  const t = useTestApp();

  test('contacts by channel, the share resolved and not known before, time to first conversation by team, hand-offs and check backs, for a chosen period', async () => {
    const fd = await newFrontDoor(t.db);
    const frontDoor = await newWorker(t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const practitioner = await newWorker(t.db, { role: 'practitioner', teamId: fd.north.id });
    const at = (iso: string) => new Date(iso);
    const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);
    const contact = async (opts: Partial<typeof contacts.$inferInsert> & { talkAfterHours?: number[] }) => {
      const { talkAfterHours = [], ...fields } = opts;
      const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
      const c = await newContact(t.db, { personId: person.id, receivedById: frontDoor.id, ...fields });
      for (const h of talkAfterHours)
        await newConversation(t.db, {
          personId: person.id,
          authorId: practitioner.id,
          occurredAt: plus(c.receivedAt, h),
        });
      return { c, person };
    };
    const passed = (teamId: string) => ({
      outcome: 'passed' as const,
      passedToTeamId: teamId,
      routing: 'postcode' as const,
    });
    const resolved = {
      outcome: 'resolved' as const,
      resolutionKind: 'information_advice',
      resolutionDetail: 'Gave the number for the Good Neighbours scheme',
    };

    // In the period, 1 to 31 October 2026 (British Summer Time until the 25th).
    await contact({
      channel: 'phone',
      ...resolved,
      personWasKnown: true,
      receivedAt: at('2026-09-30T23:30:00Z'),
      checkBackOn: '2026-10-10',
      checkBackDoneAt: at('2026-10-10T11:00:00Z'),
    }); // 00:30 on 1 October in the UK
    await contact({
      channel: 'phone',
      ...resolved,
      personWasKnown: false,
      receivedAt: at('2026-10-02T10:00:00Z'),
      checkBackOn: '2026-10-20',
    });
    {
      // The conversation at the front door is not the first conversation after the contact
      // (here tied to the contact after both were saved).
      const { c, person } = await contact({
        channel: 'phone',
        ...passed(fd.north.id),
        personWasKnown: false,
        receivedAt: at('2026-10-05T09:00:00Z'),
        talkAfterHours: [5],
      });
      const frontDoorTalk = await newConversation(t.db, {
        personId: person.id,
        authorId: frontDoor.id,
        occurredAt: c.receivedAt,
      });
      await t.db.update(contacts).set({ conversationId: frontDoorTalk.id }).where(eq(contacts.id, c.id));
    }
    {
      // Conversations on record before the contact is saved (as a bulk load or the demo saves them) count too.
      const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
      const receivedAt = at('2026-10-06T09:00:00Z');
      await newConversation(t.db, { personId: person.id, authorId: practitioner.id, occurredAt: plus(receivedAt, 3) });
      await newConversation(t.db, {
        personId: person.id,
        authorId: practitioner.id,
        occurredAt: plus(receivedAt, -30),
      });
      await newContact(t.db, {
        personId: person.id,
        receivedById: frontDoor.id,
        channel: 'email',
        ...passed(fd.north.id),
        personWasKnown: false,
        receivedAt,
      });
    }
    await contact({
      channel: 'drop_in',
      ...passed(fd.north.id),
      personWasKnown: false,
      receivedAt: at('2026-10-07T09:00:00Z'),
      talkAfterHours: [20, 7],
    });
    await contact({
      channel: 'drop_in',
      ...passed(fd.north.id),
      personWasKnown: false,
      urgency: 'crisis',
      receivedAt: at('2026-10-08T09:00:00Z'),
    });
    await contact({
      channel: 'gp',
      ...passed(fd.riverside.id),
      personWasKnown: true,
      receivedAt: at('2026-10-12T09:00:00Z'),
      talkAfterHours: [10],
    });
    await contact({
      channel: 'drop_in',
      ...resolved,
      personWasKnown: false,
      receivedAt: at('2026-10-31T23:30:00Z'),
      checkBackOn: '2026-12-05',
    });
    // Outside it: 23:30 on 30 September in the UK, and 00:30 on 1 November.
    await contact({
      channel: 'hospital',
      ...resolved,
      personWasKnown: false,
      receivedAt: at('2026-09-30T22:30:00Z'),
      checkBackOn: '2026-10-01',
    });
    await contact({
      channel: 'hospital',
      ...passed(fd.north.id),
      personWasKnown: true,
      urgency: 'crisis',
      receivedAt: at('2026-11-01T00:30:00Z'),
      talkAfterHours: [1],
    });
    // Hand-offs: two into North and one into Riverside in the period, one into North after it.
    const someone = await newPerson(t.db);
    const handOff = (toTeamId: string, createdAt: string) =>
      t.db.insert(handOffs).values({
        personId: someone.id,
        fromWorkerId: frontDoor.id,
        toWorkerId: practitioner.id,
        toTeamId,
        reason: 'Moved house',
        recordedBy: frontDoor.id,
        createdAt: at(createdAt),
      });
    await handOff(fd.north.id, '2026-10-03T12:00:00Z');
    await handOff(fd.north.id, '2026-10-15T12:00:00Z');
    await handOff(fd.riverside.id, '2026-10-20T12:00:00Z');
    await handOff(fd.north.id, '2026-11-02T12:00:00Z');

    const { agent } = await signedIn(t.app, t.db, { role: 'team_manager', teamId: fd.north.id });
    const res = await agent.get(
      '/front-door?from-day=1&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026',
    );
    assert.equal(res.statusCode, 200);
    const page = res.body;
    assert.match(page, /From 1 October 2026 to 31 October 2026\./);
    assert.equal(inputValue(page, 'from-day'), '1');
    assert.equal(inputValue(page, 'to-month'), '10');
    const figure = (text: string) => figures(page)[text];
    assert.equal(figure('contacts'), '8');
    assert.equal(figure('resolved in the first conversation'), '38%', '3 of 8');
    assert.equal(figure('about people not known before'), '75%', '6 of 8');
    assert.equal(figure('urgent'), '1');
    assert.deepEqual(
      tableRows(page, 'Contacts by how they got in touch')
        .map((r) => r.slice(0, 2))
        .sort(),
      [
        ['Drop-in (First Local)', '3'],
        ['Email', '1'],
        ['GP surgery', '1'],
        ['Phone', '3'],
      ],
    );
    assert.deepEqual(
      tableRows(page, 'Time from contact to first conversation, by team').map((r) => r.slice(0, 4)),
      [
        ['North Locality', '4', '3', '5 hours'],
        ['Riverside Locality', '1', '1', '10 hours'],
      ],
    );
    assert.deepEqual(tableRows(page, '3 hand-offs'), [
      ['North Locality', '2'],
      ['Riverside Locality', '1'],
    ]);
    assert.match(page, /3 set, 1 done, 1 due and not yet done\./);
    // Waiting now, whatever the period: five in North (the oldest since 5 October, 09:00), one in Riverside.
    const waiting = tableRows(page, 'Waiting now');
    assert.deepEqual(
      waiting.find((r) => r[0] === 'North Locality'),
      ['North Locality', '5', '52 days'],
    );
    assert.deepEqual(waiting.find((r) => r[0] === 'Riverside Locality')?.slice(0, 2), ['Riverside Locality', '1']);
    assert.deepEqual(
      waiting.find((r) => r[0] === 'First Contact'),
      ['First Contact', '0', '–'],
    );

    // One day only: the first of October, in UK time.
    const oneDay = (
      await agent.get('/front-door?from-day=1&from-month=10&from-year=2026&to-day=1&to-month=10&to-year=2026')
    ).body;
    assert.equal(figures(oneDay).contacts, '1');
    assert.equal(figures(oneDay)['resolved in the first conversation'], '100%');
    assert.deepEqual(tableRows(oneDay, '0 hand-offs'), []);
  });

  test('a period that is not a real one is explained, with no figures', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door' });
    const cases: Array<[string, Array<[string, string]>]> = [
      ['from-day=31&from-month=2&from-year=2026', [['from', 'The start date must be a real date, like 27 3 1950']]],
      [
        'from-day=1&from-month=10&from-year=2026&to-day=30&to-month=9&to-year=2026',
        [['to', 'The end date must be on or after the start date']],
      ],
      ['to-day=1&to-month=&to-year=2026', [['to', 'The end date must include a day, month and year']]],
    ];
    for (const [query, expect] of cases) {
      const res = await agent.get(`/front-door?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        expect,
      );
      assert.doesNotMatch(res.body, /hearth-figure__number/, 'no figures');
      assert.doesNotMatch(res.body, /hand-offs/);
    }
    const fine = await agent.get('/front-door');
    assert.equal(fine.statusCode, 200, 'no dates: the last 90 days');
    assert.match(fine.body, /hearth-figure__number/);
  });
});

describe('drafts, and nothing lost', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });
  const contactDraft = (workerId: string, personId: string) => draftOf(t.db, workerId, personId, 'contact');

  test('"Save draft" keeps what was typed, lists it on the home page and fills the form again; saving the contact clears it', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Marian', postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    await agent.get(`${url}/new`);
    const typed = contactForm({
      channel: 'drop_in',
      reason: 'Came to the drop-in upset by a letter from her housing association about her bathroom floor',
      narrative: 'Marian washes with a jug because she cannot use the bath. Her daughter helps on Sundays.',
      whatHappensNext: '',
      action: 'draft',
    });
    const res = await agent.post(url, typed);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Draft saved/);
    assert.equal(textareaValue(res.body, 'narrative'), typed.narrative);
    const draft = await contactDraft(worker.id, person.id);
    assert.deepEqual(draft?.data, {
      channel: 'drop_in',
      reason: typed.reason,
      narrative: typed.narrative,
      urgency: 'none',
      outcome: 'passed',
      teamChoice: 'suggested',
    });
    assert.equal((await contactsAbout(t.db, person.id)).length, 0, 'a draft is not a contact');

    const home = (await agent.get('/')).body;
    assert.ok(texts(home, `a.govuk-link[href="${url}/new"]`).includes(`Contact about Marian ${person.familyName}`));
    const form = (await agent.get(`${url}/new`)).body;
    assert.equal(textareaValue(form, 'narrative'), typed.narrative);
    assert.equal(textareaValue(form, 'reason'), typed.reason);
    assert.ok(checked(form, 'channel', 'drop_in'));
    assert.match(form, /Your draft, last saved/);

    const saved = await agent.post(url, {
      ...typed,
      whatHappensNext: 'A home visit today; I will ring the housing association.',
      action: 'save',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(await contactDraft(worker.id, person.id), null);
    assert.ok(!(await agent.get('/')).body.includes(`Contact about Marian ${person.familyName}`));
  });

  test('the autosave takes JSON with the CSRF token in a header', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const page = await agent.get(`/people/${person.id}/contacts/new`);
    const [token] = attrs(page.body, '[data-csrf]', 'data-csrf');
    assert.ok(token);
    assert.ok(page.body.includes(`data-autosave="/people/${person.id}/contacts/draft"`));
    const url = `/people/${person.id}/contacts/draft`;
    assert.equal((await postJson(agent, url, { reason: 'Typed without a token' }, null)).statusCode, 403);
    assert.equal((await postJson(agent, url, { reason: 'Typed with a forged token' }, 'forged')).statusCode, 403);
    assert.equal(await contactDraft(worker.id, person.id), null);

    const res = await postJson(
      agent,
      url,
      { reason: 'Her neighbour rang', narrative: 'First words', notAField: 'ignored' },
      token,
    );
    assert.equal(res.statusCode, 200);
    assert.equal(new Date((JSON.parse(res.body) as { savedAt: string }).savedAt).getTime(), t.clock.time);
    assert.deepEqual((await contactDraft(worker.id, person.id))?.data, {
      reason: 'Her neighbour rang',
      narrative: 'First words',
    });
    const form = (await agent.get(`/people/${person.id}/contacts/new`)).body;
    assert.equal(textareaValue(form, 'narrative'), 'First words');
    // The contact draft is not the conversation draft.
    assert.equal(textareaValue((await agent.get(`/people/${person.id}/conversations/new`)).body, 'narrative'), '');

    const discard = await agent.post(`/people/${person.id}/contacts`, { action: 'discard' });
    assert.equal(discard.statusCode, 303);
    assert.equal(await contactDraft(worker.id, person.id), null, 'deleted when asked');
  });

  test('a contact with answers missing is explained, keeps everything typed and stores no contact', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    await agent.get(`${url}/new`);
    const typed = contactForm({
      channel: undefined,
      outcome: undefined,
      reason: ' ',
      whatHappensNext: '',
      contactName: 'Mr Patel',
      narrative: 'Mr Patel from next door said the curtains have been closed for two days.',
    });
    const before = await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']);
    const res = await agent.post(url, typed);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      errorSummary(res.body).map((e) => [e.field, e.text]),
      [
        ['channel', 'Select how they got in touch'],
        ['reason', 'Say why they got in touch'],
        ['whatHappensNext', 'Say what happens next, so they know what to expect'],
        ['outcome', 'Say whether it was resolved, you will stay with them, or it is being passed on'],
      ],
    );
    assert.equal(inputValue(res.body, 'contactName'), 'Mr Patel');
    assert.equal(textareaValue(res.body, 'narrative'), typed.narrative);
    assert.deepEqual(
      await fingerprintTables(t.db, ['sessions', 'audit_events', 'drafts']),
      before,
      'no contact, no conversation',
    );
    assert.equal(
      ((await contactDraft(worker.id, person.id))?.data as Record<string, string> | undefined)?.narrative,
      typed.narrative,
      'kept as a draft in case they leave now',
    );
  });

  test('the same form sent again (same submission key) saves one contact and one conversation, and both sends go to it', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    const formWith = (key: string) =>
      contactForm({ narrative: 'She said the stairs frighten her at night.', submissionKey: key });
    const key = await oneTimeKeyOf(agent, url, (k) => ({ ...formWith(k), reason: '' }));
    const typed = formWith(key);

    const mark = await auditMark(t.db);
    const first = await agent.post(url, typed);
    assert.equal(first.statusCode, 303);
    const again = await agent.post(url, typed);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, first.headers.location, 'the second send goes to the contact the first saved');
    const saved = await contactsAbout(t.db, person.id);
    assert.deepEqual(
      saved.map((c) => c.id),
      [contactIdFrom(first.headers.location)],
    );
    assert.equal(saved[0].submissionKey, key);
    const talks = await t.db.select().from(conversations).where(eq(conversations.personId, person.id));
    assert.deepEqual(
      talks.map((c) => c.id),
      [saved[0].conversationId],
      'one front-door conversation',
    );
    assert.deepEqual(
      (await auditSince(t.db, mark))
        .filter((a) => a.action === 'create')
        .map((a) => a.entity)
        .sort(),
      ['contact', 'conversation'],
    );

    // Sent twice at the same moment: still one, with one conversation.
    const key2 = randomUUID();
    const both = await Promise.all(
      [1, 2].map(() => agent.post(url, contactForm({ narrative: 'Pressed twice', submissionKey: key2 }))),
    );
    assert.deepEqual(
      both.map((r) => r.statusCode),
      [303, 303],
    );
    assert.equal(both[0].headers.location, both[1].headers.location);
    assert.equal((await contactsAbout(t.db, person.id)).length, 2);
    assert.equal((await t.db.select().from(conversations).where(eq(conversations.personId, person.id))).length, 2);

    // Another form, another key: another contact. A page opened before forms had keys saves as before.
    const other = await agent.post(url, contactForm({ submissionKey: randomUUID() }));
    assert.equal(other.statusCode, 303);
    assert.ok(![first, both[0]].some((r) => r.headers.location === other.headers.location));
    assert.equal((await agent.post(url, contactForm())).statusCode, 303);
    assert.equal((await contactsAbout(t.db, person.id)).length, 4);
  });

  test('a submission key already on another worker’s contact does not reveal it: the form saves on its own', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const { agent: colleague, worker: other } = await signedIn(t.app, t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
    });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    const key = randomUUID();
    const first = await recordContact(
      agent,
      person.id,
      contactForm({ reason: 'Only for the first worker', submissionKey: key }),
    );
    assert.equal(first.statusCode, 303);
    await colleague.get(`${url}/new`);
    for (const reason of ['The colleague’s own contact', 'And again']) {
      const res = await colleague.post(url, contactForm({ reason, submissionKey: key }));
      assert.equal(res.statusCode, 303);
      assert.notEqual(res.headers.location, first.headers.location, 'not sent to the first worker’s contact');
      const c = await contactRow(t.db, contactIdFrom(res.headers.location));
      assert.equal(c?.receivedById, other.id);
      assert.equal(c?.reason, reason);
      assert.equal(c?.submissionKey, null);
    }
    const [original] = await t.db.select().from(contacts).where(eq(contacts.submissionKey, key));
    assert.equal(original.receivedById, worker.id);
    assert.equal(original.reason, 'Only for the first worker');
    assert.equal((await contactsAbout(t.db, person.id)).length, 3);
  });

  test('without JavaScript, a contact sent after the session timed out is carried through signing in and kept as a draft', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Nia', postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    await agent.get(`${url}/new`);
    const typed = contactForm({
      channel: 'family_or_friend',
      reason: "Nia's son is worried she's not coping since her fall <and> has stopped answering the phone.",
      narrative: 'Her son said she is sleeping downstairs in the chair & will not let anyone help.',
      whatMattersNow: 'Staying in her own home',
    });

    t.clock.advanceMinutes(31);
    const before = await fingerprintTables(t.db, ['sessions', 'audit_events']);
    const res = await agent.post(url, typed);
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Nothing you typed is lost/);
    assert.equal(textareaValue(res.body, 'copy-narrative'), typed.narrative);
    assert.deepEqual(
      await fingerprintTables(t.db, ['sessions', 'audit_events']),
      before,
      'nothing saved while signed out',
    );

    const carried = formInputs(res.body, '/sign-in');
    assert.equal(carried.resume, url);
    assert.equal(carried['keep.reason'], typed.reason);
    assert.equal(carried['keep.narrative'], typed.narrative);
    assert.equal(carried['keep.channel'], 'family_or_friend');
    const signIn = await agent.post('/sign-in', { ...carried, email: worker.email, password: testPassword });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, `${url}/new`);
    assert.equal(
      ((await contactDraft(worker.id, person.id))?.data as Record<string, string> | undefined)?.narrative,
      typed.narrative,
    );
    assert.equal((await contactsAbout(t.db, person.id)).length, 0, 'kept as a draft to check, not saved');

    const page = await agent.get(signIn.headers.location as string);
    assert.equal(textareaValue(page.body, 'reason'), typed.reason);
    assert.equal(textareaValue(page.body, 'narrative'), typed.narrative);
    assert.equal(textareaValue(page.body, 'whatMattersNow'), typed.whatMattersNow);
    assert.ok(checked(page.body, 'channel', 'family_or_friend'));
    assert.ok(checked(page.body, 'outcome', 'passed'));

    // Without JavaScript, passing it on asks where it goes on a second page.
    const second = await agent.post(url, { ...formInputs(page.body, url), action: 'save' });
    assert.equal(second.statusCode, 200);
    const saved = await agent.post(url, { ...formInputs(second.body, url), action: 'save' });
    assert.equal(saved.statusCode, 303);
    const [c] = await contactsAbout(t.db, person.id);
    assert.equal(c.reason, typed.reason);
    assert.equal(c.passedToTeamId, fd.north.id);
    assert.equal(await contactDraft(worker.id, person.id), null);
  });

  test('what happens next is kept on the contact, with or without a conversation, and shown on the contact, the person’s page and the timeline', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Maureen', postcode: 'NB7 1AA' });
    const promise = 'Someone from the North team will ring you within the hour & stay with you until it’s sorted.';
    const c = await recorded(agent, person.id, { urgency: 'crisis', narrative: '', whatHappensNext: promise });
    assert.equal(c.conversationId, null, 'no conversation was recorded');
    assert.equal(c.whatHappensNext, promise, 'kept on the contact');

    const { agent: north } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const contactPage = (await north.get(`/contacts/${c.id}`)).body;
    assert.ok(shows(between(contactPage, '>What happens next</h2>', '</main>'), promise), 'on the contact');
    const personPage = (await north.get(`/people/${person.id}`)).body;
    const latestContact = between(personPage, 'Latest contact', '>Due</h2>');
    assert.ok(linksTo(latestContact, `/contacts/${c.id}`));
    assert.ok(shows(latestContact, promise), 'on the person’s page');
    const timeline = (await north.get(`/people/${person.id}/timeline`)).body;
    assert.ok(shows(listItem(timeline, c.id), `What happens next: ${promise}`), 'on the timeline');

    // With a conversation, the contact keeps it too.
    const talked = await recorded(agent, person.id, {
      narrative: 'Maureen told me about her week.',
      whatHappensNext: 'I will post you the leaflet today.',
    });
    assert.ok(talked.conversationId);
    assert.equal(talked.whatHappensNext, 'I will post you the leaflet today.');

    // A contact made before it was kept shows none: nothing is made up.
    const earlier = await newPerson(t.db, { givenName: 'Olwen', postcode: 'NB7 1AA' });
    const old = await newContact(t.db, { personId: earlier.id, passedToTeamId: fd.north.id, routing: 'postcode' });
    assert.equal(old.whatHappensNext, null);
    assert.doesNotMatch(
      between((await north.get(`/people/${earlier.id}`)).body, 'Latest contact', '>Due</h2>'),
      /What happens next/,
    );
    assert.doesNotMatch(
      listItem((await north.get(`/people/${earlier.id}/timeline`)).body, old.id),
      /What happens next/,
    );
    assert.doesNotMatch((await north.get(`/contacts/${old.id}`)).body, /What happens next/);
  });
});

describe('who may see and do what at the front door', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  test('partners get "not found" and administrators "no access" on every front-door page and form; quality reads but does not record', async () => {
    const frontDoor = await newWorker(t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'ZZ1 1ZZ' });
    const waiting = await newContact(t.db, {
      personId: person.id,
      receivedById: frontDoor.id,
      passedToTeamId: fd.firstContact.id,
      routing: 'first_contact',
    });
    const resolved = await newContact(t.db, {
      personId: person.id,
      receivedById: frontDoor.id,
      outcome: 'resolved',
      resolutionKind: 'connected',
      checkBackOn: isoDay(t.clock.now(), 1),
    });
    const reads: Array<[string, string]> = [
      ['GET', `/contacts/${waiting.id}`],
      ['GET', '/teams'],
      ['GET', `/teams/${fd.firstContact.id}`],
      ['GET', '/front-door'],
    ];
    const writes: Array<[string, string, Record<string, string>?]> = [
      ['GET', '/contacts/new'],
      ['POST', '/contacts/find', { q: person.familyName }],
      ['GET', `/people/${person.id}/contacts/new`],
      ['POST', `/people/${person.id}/contacts`, contactForm() as Record<string, string>],
      ['POST', `/people/${person.id}/contacts`, { action: 'draft', reason: 'Just a draft about the letter she got' }],
      ['POST', `/people/${person.id}/contacts`, { action: 'discard' }],
      ['POST', `/people/${person.id}/contacts/draft`, { reason: 'Autosaved words about the letter' }],
      ['POST', `/contacts/${waiting.id}/take`],
      ['POST', `/contacts/${waiting.id}/route`, { teamId: fd.north.id, reason: 'The north team knows her' }],
      ['POST', `/contacts/${resolved.id}/check-back-done`],
    ];
    const send = (agent: Agent, [method, url, form]: [string, string, Record<string, string>?]) =>
      method === 'GET' ? agent.get(url) : agent.post(url, form ?? {});

    for (const [role, status] of [
      ['partner', 404],
      ['admin', 403],
    ] as const) {
      const team = role === 'partner' ? await newTeam(t.db, { kind: 'partner' }) : null;
      const { agent } = await signedIn(t.app, t.db, { role, teamId: team?.id ?? null });
      const before = await fingerprintTables(t.db);
      for (const r of [...reads, ...writes]) {
        await agent.get('/');
        const res = await send(agent, r);
        assert.equal(res.statusCode, status, `${role}: ${r[0]} ${r[1]}`);
        assert.ok(!shows(res.body, person.familyName), `${role}: ${r[1]} shows nothing of the person`);
      }
      assert.deepEqual(await fingerprintTables(t.db), before, `${role} changed nothing`);
    }

    const { agent: quality } = await signedIn(t.app, t.db, { role: 'quality', teamId: fd.firstContact.id });
    for (const r of reads) assert.equal((await send(quality, r)).statusCode, 200, `quality: ${r[0]} ${r[1]}`);
    const before = await fingerprintTables(t.db);
    for (const r of writes) {
      await quality.get('/');
      assert.equal((await send(quality, r)).statusCode, 403, `quality: ${r[0]} ${r[1]}`);
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'quality changed nothing');
  });

  test('a contact that does not exist is not found', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const id = randomUUID();
    assert.equal((await agent.get(`/contacts/${id}`)).statusCode, 404);
    assert.equal((await agent.get('/contacts/not-a-contact')).statusCode, 404);
    assert.equal((await agent.get(`/teams/${id}`)).statusCode, 404);
    await agent.get('/');
    for (const url of [`/contacts/${id}/take`, `/contacts/${id}/check-back-done`])
      assert.equal((await agent.post(url)).statusCode, 404, url);
    assert.equal(
      (await agent.post(`/contacts/${id}/route`, { teamId: fd.north.id, reason: 'A reason' })).statusCode,
      404,
    );
    assert.equal((await agent.get(`/people/${id}/contacts/new`)).statusCode, 404);
  });

  test('a restricted person’s contact shows as "Restricted record" to anyone not on the list, and cannot be opened', async () => {
    const person = await newPerson(t.db, { givenName: 'Sioned', postcode: 'NB7 1AA' });
    await restrict(t.db, person.id, { teamIds: [fd.riverside.id] });
    const c = await newContact(t.db, {
      personId: person.id,
      passedToTeamId: fd.north.id,
      routing: 'postcode',
      reason: 'Her partner rang about the bruises',
    });
    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.north.id });
    const team = (await agent.get(`/teams/${fd.north.id}`)).body;
    assert.ok(texts(team, `a[href="/contacts/${c.id}"]`).includes('Restricted record'));
    assert.ok(!shows(team, person.familyName));
    assert.ok(!shows(team, 'bruises'));

    const mark = await auditMark(t.db);
    const page = await agent.get(`/contacts/${c.id}`);
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /This record is restricted/);
    assert.ok(!shows(page.body, person.familyName));
    assert.ok(!shows(page.body, 'bruises'));
    assert.equal((await auditSince(t.db, mark)).filter((a) => a.entity === 'contact').length, 0, 'no contact read');
    assert.equal((await agent.post(`/contacts/${c.id}/take`)).statusCode, 403);
    assert.equal((await contactRow(t.db, c.id))?.takenAt, null);

    const { agent: onList } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.riverside.id });
    assert.ok(shows((await onList.get(`/teams/${fd.north.id}`)).body, `Sioned ${person.familyName}`));
    const opened = await onList.get(`/contacts/${c.id}`);
    assert.equal(opened.statusCode, 200);
    assert.ok(shows(opened.body, 'Her partner rang about the bruises'));
  });

  test('creating, reading, taking and deciding are in the audit trail, with the person', async () => {
    const { agent: frontDoor, worker: frontDoorWorker } = await signedIn(t.app, t.db, {
      role: 'front_door',
      teamId: fd.firstContact.id,
    });
    const person = await newPerson(t.db, { postcode: 'ZZ9 9ZZ' });
    let mark = await auditMark(t.db);
    const c = await recorded(frontDoor, person.id, { narrative: 'He rang about his hearing aid and the lunch club.' });
    const created = (await auditSince(t.db, mark)).filter((a) => a.action === 'create');
    assert.deepEqual(
      created.map((a) => [a.entity, a.entityId, a.personId, a.workerId]),
      [
        ['conversation', c.conversationId, person.id, frontDoorWorker.id],
        ['contact', c.id, person.id, frontDoorWorker.id],
      ],
    );
    assert.deepEqual(created[1].details, { outcome: 'passed', routing: 'first_contact', urgency: 'none' });

    mark = await auditMark(t.db);
    await frontDoor.get(`/contacts/${c.id}`);
    const read = await auditSince(t.db, mark);
    assert.deepEqual(
      read.map((a) => [a.action, a.entity, a.entityId, a.personId]),
      [['read', 'contact', c.id, person.id]],
    );

    mark = await auditMark(t.db);
    assert.equal(
      (
        await frontDoor.post(`/contacts/${c.id}/route`, {
          teamId: fd.hillside.id,
          reason: 'Hillside covers the new flats',
        })
      ).statusCode,
      303,
    );
    const decided = (await auditSince(t.db, mark)).filter((a) => a.action === 'update');
    assert.deepEqual(
      decided.map((a) => [a.entity, a.entityId, a.personId, a.reason]),
      [['contact', c.id, person.id, 'Hillside covers the new flats']],
    );

    const { agent, worker } = await signedIn(t.app, t.db, { role: 'practitioner', teamId: fd.hillside.id });
    await agent.get(`/contacts/${c.id}`);
    mark = await auditMark(t.db);
    assert.equal((await agent.post(`/contacts/${c.id}/take`)).statusCode, 303);
    const taken = await auditSince(t.db, mark);
    assert.deepEqual(
      taken.map((a) => [a.action, a.entity, a.entityId, a.personId, a.workerId]),
      [
        ['read', 'contact', c.id, person.id, worker.id],
        ['update', 'contact', c.id, person.id, worker.id],
        ['update', 'named_worker', person.id, person.id, worker.id],
      ],
    );
    assert.deepEqual(taken[1].details, { taken: true });
    const all = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.personId, person.id), eq(auditEvents.entity, 'contact')));
    assert.ok(
      all.every((a) => a.entityId === c.id && a.requestId),
      'each with the request it came from',
    );
  });
});
