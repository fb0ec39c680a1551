import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { concerns, handOffs } from '../../db/schema/index.js';
import { errorSummary, fingerprintTables, inputValue, newWorker, signedIn, useTestApp } from '../../../test/helpers.js';
import {
  contactForm,
  contactIdFrom,
  contactsAbout,
  newFrontDoor,
  notificationsOf,
  type FrontDoor,
} from '../../../test/contact-factories.js';
import {
  formInputs,
  newPerson,
  personForm,
  shows,
  textareaValue,
  uniqueFamilyName,
} from '../../../test/people-factories.js';
import { newPartner, tapScene } from '../../../test/tap-factories.js';

const concernIdFrom = (location: unknown) => {
  const m = /^\/concerns\/([0-9a-f-]{36})\?done=raised$/.exec(String(location));
  assert.ok(m, `redirected to the concern, not ${String(location)}`);
  return m[1];
};

const concernRow = (db: Parameters<typeof contactsAbout>[0], id: string) =>
  db
    .select()
    .from(concerns)
    .where(eq(concerns.id, id))
    .then((r) => r[0]);

function concernForm(overrides: Record<string, string> = {}) {
  return {
    about: 'someone_else',
    aboutName: '',
    'aboutDateOfBirth-day': '',
    'aboutDateOfBirth-month': '',
    'aboutDateOfBirth-year': '',
    aboutAddress: '',
    aboutReach: '',
    concern: `The rent has not been paid for two months and the curtains have been closed all week. ${randomUUID()}`,
    urgency: 'none',
    personKnows: 'yes',
    raiserReach: '01632 960 555',
    submissionKey: randomUUID(),
    ...overrides,
  };
}

describe('partners raising a concern', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });

  test('about someone in their team: a contact from them, passed straight to the named worker, who is told; the partner sees what became of it; no hand-off', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const { agent, worker } = scene.partner;
    const home = await agent.get('/');
    assert.ok(home.body.includes('href="/concerns/new"'), 'the partner can raise a concern from their home page');
    const form = await agent.get('/concerns/new');
    assert.equal(form.statusCode, 200);
    assert.ok(
      form.body.includes(`value="${scene.person.id}"`) && shows(form.body, 'Someone else'),
      'the people in their teams, and anyone else',
    );
    assert.equal(
      inputValue(form.body, 'raiserReach'),
      [worker.phone, worker.email].filter(Boolean).join(', '),
      'how to reach them, filled in',
    );

    const sent = concernForm({
      about: scene.person.id,
      concern: 'Arthur has had no heating since Monday and says he is managing. He is not.',
      raiserReach: '07700 900 123',
    });
    const res = await agent.post('/concerns', sent);
    assert.equal(
      res.statusCode,
      303,
      errorSummary(res.body)
        .map((e) => e.text)
        .join('; '),
    );
    const id = concernIdFrom(res.headers.location);
    const [contact] = await contactsAbout(t.db, scene.person.id);
    assert.deepEqual(
      {
        channel: contact.channel,
        contactName: contact.contactName,
        contactReach: contact.contactReach,
        reason: contact.reason,
        outcome: contact.outcome,
        routing: contact.routing,
        to: contact.passedToWorkerId,
        receivedBy: contact.receivedById,
      },
      {
        channel: 'professional',
        contactName: worker.name,
        contactReach: '07700 900 123',
        reason: sent.concern,
        outcome: 'passed',
        routing: 'named_worker',
        to: scene.namedWorker.id,
        receivedBy: worker.id,
      },
    );
    assert.match(
      contact.whatHappensNext ?? '',
      new RegExp(`Passed to ${scene.namedWorker.name}.*in touch with ${worker.name} \\(07700 900 123\\)`),
    );
    assert.equal((await concernRow(t.db, id)).contactId, contact.id);
    assert.ok(
      (await notificationsOf(t.db, scene.namedWorker.id)).some((n) => n.link === `/contacts/${contact.id}`),
      'the named worker is told',
    );
    assert.equal(
      (await t.db.select().from(handOffs).where(eq(handOffs.personId, scene.person.id))).length,
      0,
      'the person still deals with the same worker: no hand-off',
    );

    // The partner sees where it went; the named worker reads it as a contact.
    const page = await agent.get(`/concerns/${id}?done=raised`);
    assert.equal(page.statusCode, 200);
    assert.ok(shows(page.body, 'Concern sent.') && shows(page.body, `Passed to ${scene.namedWorker.name}`));
    assert.ok(!page.body.includes(`/contacts/${contact.id}`), 'no link to a contact page the partner cannot open');
    assert.equal((await agent.get(`/contacts/${contact.id}`)).statusCode, 404);
    const named = await scene.manager.get(`/contacts/${contact.id}`);
    assert.equal(named.statusCode, 200);
    assert.ok(shows(named.body, 'Arthur has had no heating since Monday') && shows(named.body, worker.name));

    // Sent twice (a lost response): one concern, one contact.
    const again = await agent.post('/concerns', sent);
    assert.equal(concernIdFrom(again.headers.location), id);
    assert.equal((await contactsAbout(t.db, scene.person.id)).length, 1);
  });

  test('about someone else: it waits for the front door with the partner’s details; First Contact’s managers are told, and Out of Hours’ when urgent out of hours', async () => {
    const { agent, worker, organisation } = await newPartner(t.app, t.db);
    const firstContactManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.firstContact.id });
    const outOfHoursManager = await newWorker(t.db, { role: 'team_manager', teamId: fd.outOfHours.id });
    const name = `Doreen ${uniqueFamilyName()}`;
    const res = await agent.post(
      '/concerns',
      concernForm({
        aboutName: name,
        'aboutDateOfBirth-day': '3',
        'aboutDateOfBirth-month': '2',
        'aboutDateOfBirth-year': '1941',
        aboutAddress: '7 Mill Lane, NB3 4XY',
        personKnows: 'no',
      }),
    );
    assert.equal(
      res.statusCode,
      303,
      errorSummary(res.body)
        .map((e) => e.text)
        .join('; '),
    );
    const id = concernIdFrom(res.headers.location);
    const row = await concernRow(t.db, id);
    assert.deepEqual(
      {
        aboutName: row.aboutName,
        born: row.aboutDateOfBirth,
        personId: row.personId,
        contactId: row.contactId,
        raisedBy: row.raisedById,
      },
      { aboutName: name, born: '1941-02-03', personId: null, contactId: null, raisedBy: worker.id },
    );
    assert.ok(
      (await notificationsOf(t.db, firstContactManager.id)).some(
        (n) => n.link === `/concerns/${id}` && n.message.includes(name),
      ),
    );
    assert.ok(!(await notificationsOf(t.db, outOfHoursManager.id)).some((n) => n.link === `/concerns/${id}`));

    const shown = await agent.get(`/concerns/${id}`);
    assert.ok(shows(shown.body, 'Waiting for the council’s front door'));
    assert.ok(shows((await agent.get('/')).body, 'Waiting for the front door'), 'on the partner’s home page');

    // The front door sees it, with how to reach the partner.
    const frontDoor = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const list = await frontDoor.agent.get('/concerns');
    assert.equal(list.statusCode, 200);
    assert.ok(
      list.body.includes(`href="/concerns/${id}"`) && shows(list.body, name) && shows(list.body, organisation.name),
    );
    const page = await frontDoor.agent.get(`/concerns/${id}`);
    for (const text of [
      name,
      '7 Mill Lane, NB3 4XY',
      '01632 960 555',
      worker.name,
      'The rent has not been paid',
      '3 February 1941',
    ])
      assert.ok(shows(page.body, text), text);
    assert.ok(page.body.includes(`href="/contacts/new?concern=${id}"`), 'Take it as a contact');

    // Urgent at 9 pm: Out of Hours' managers hear of it.
    const saved = t.clock.time;
    try {
      t.clock.time = new Date('2026-11-26T21:00:00Z').getTime();
      const late = await newPartner(t.app, t.db);
      const urgent = await late.agent.post(
        '/concerns',
        concernForm({ aboutName: `Len ${uniqueFamilyName()}`, urgency: 'crisis' }),
      );
      const urgentId = concernIdFrom(urgent.headers.location);
      assert.ok(
        (await notificationsOf(t.db, outOfHoursManager.id)).some(
          (n) => n.link === `/concerns/${urgentId}` && n.message.startsWith('Urgent'),
        ),
      );
    } finally {
      t.clock.time = saved;
    }
  });

  test('the front door takes it as a contact: the search starts from the name and date of birth, the form from the partner’s words; once taken, it is no longer waiting', async () => {
    const partner = await newPartner(t.app, t.db);
    const family = uniqueFamilyName();
    const known = await newPerson(t.db, {
      givenName: 'Doreen',
      familyName: family,
      dateOfBirth: '1941-02-03',
      postcode: 'NB3 4XY',
    });
    const id = concernIdFrom(
      (
        await partner.agent.post(
          '/concerns',
          concernForm({
            aboutName: `Doreen ${family}`,
            'aboutDateOfBirth-day': '3',
            'aboutDateOfBirth-month': '2',
            'aboutDateOfBirth-year': '1941',
            urgency: 'crisis',
          }),
        )
      ).headers.location,
    );
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });

    const start = await agent.get(`/contacts/new?concern=${id}`);
    assert.equal(start.statusCode, 200);
    assert.equal(inputValue(start.body, 'q'), `Doreen ${family} 3/2/1941`);
    assert.ok(shows(start.body, `the concern about Doreen ${family}`) && shows(start.body, partner.worker.name));
    const take = `/people/${known.id}/contacts/new?concern=${id}`;
    assert.ok(
      start.body.includes(`href="${take.replace('&', '&amp;')}"`),
      'she is found, and taking her contact carries the concern',
    );
    assert.ok(
      start.body.includes(`href="/people/new?then=contact&amp;concern=${id}"`),
      'registering someone new carries it too',
    );

    const form = await agent.get(take);
    assert.equal(form.statusCode, 200);
    // As sent with JavaScript, on one page (without it, the "step" field asks for a second page).
    const { step, ...prefilled } = formInputs(form.body, `/people/${known.id}/contacts`);
    assert.equal(step, 'first');
    assert.deepEqual(
      {
        channel: prefilled.channel,
        contactName: prefilled.contactName,
        contactReach: prefilled.contactReach,
        urgency: prefilled.urgency,
        concern: prefilled.concern,
      },
      {
        channel: 'professional',
        contactName: partner.worker.name,
        contactReach: '01632 960 555',
        urgency: 'crisis',
        concern: id,
      },
    );
    assert.match(textareaValue(form.body, 'reason') ?? '', /The rent has not been paid/);

    const saved = await agent.post(
      `/people/${known.id}/contacts`,
      contactForm({
        ...(prefilled as Record<string, string>),
        reason: textareaValue(form.body, 'reason')!,
        urgency: 'crisis',
        outcome: 'passed',
        teamChoice: 'suggested',
        whatHappensNext: 'Someone from North will visit Doreen today.',
      }),
    );
    assert.equal(
      saved.statusCode,
      303,
      errorSummary(saved.body)
        .map((e) => e.text)
        .join('; '),
    );
    const contactId = contactIdFrom(saved.headers.location);
    assert.equal((await concernRow(t.db, id)).contactId, contactId);
    assert.ok(!(await agent.get('/concerns')).body.includes(`/concerns/${id}"`), 'no longer waiting');
    assert.ok(
      shows((await partner.agent.get(`/concerns/${id}`)).body, 'Passed to'),
      'the partner sees it was taken and where it went',
    );

    // Someone else taking it a moment later: refused, nothing saved, and told why.
    const other = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const before = await contactsAbout(t.db, known.id);
    const late = await other.agent.post(
      `/people/${known.id}/contacts`,
      contactForm({
        ...(prefilled as Record<string, string>),
        reason: 'Taking it too',
        outcome: 'passed',
        teamChoice: 'suggested',
        whatHappensNext: 'A visit today.',
        submissionKey: randomUUID(),
      }),
    );
    assert.equal(late.statusCode, 400);
    assert.ok(shows(late.body, 'Someone else has already taken this concern as a contact'));
    assert.equal((await contactsAbout(t.db, known.id)).length, before.length);
    // Once taken, "Take it as a contact" leads back to the concern.
    assert.equal((await other.agent.get(`/contacts/new?concern=${id}`)).headers.location, `/concerns/${id}`);

    // Someone new: registered, then the contact form with the concern.
    const newcomer = concernIdFrom(
      (await partner.agent.post('/concerns', concernForm({ aboutName: `Len ${uniqueFamilyName()}` }))).headers.location,
    );
    await agent.get(`/people/new?then=contact&concern=${newcomer}`);
    const registered = await agent.post('/people', personForm({ then: 'contact', concern: newcomer }));
    assert.equal(
      registered.statusCode,
      303,
      errorSummary(registered.body)
        .map((e) => e.text)
        .join('; ') || registered.body.slice(0, 3000),
    );
    assert.match(
      String(registered.headers.location),
      new RegExp(`^/people/[0-9a-f-]{36}/contacts/new\\?concern=${newcomer}$`),
    );
  });

  test('what is missing or wrong is explained, what was typed is kept, and nothing is stored', async () => {
    const { agent } = await newPartner(t.app, t.db);
    const before = await fingerprintTables(t.db);
    const blank = await agent.post('/concerns', {
      about: '',
      concern: ' ',
      urgency: '',
      personKnows: '',
      raiserReach: '',
      aboutAddress: '12 High Street',
    });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(
      errorSummary(blank.body).map((e) => e.field),
      ['about', 'concern', 'urgency', 'personKnows', 'raiserReach'],
    );
    assert.ok(blank.body.includes('12 High Street'));
    const noName = await agent.post(
      '/concerns',
      concernForm({
        aboutName: '',
        'aboutDateOfBirth-day': '31',
        'aboutDateOfBirth-month': '2',
        'aboutDateOfBirth-year': '1950',
      }),
    );
    assert.equal(noName.statusCode, 400);
    assert.deepEqual(
      errorSummary(noName.body).map((e) => e.text),
      ['Give their name, so the front door can find them', 'Their date of birth must be a real date, like 27 3 1950'],
    );
    assert.ok(noName.body.includes('The rent has not been paid'));
    assert.deepEqual(await fingerprintTables(t.db), before);
  });

  test('access: only partners raise concerns; a partner outside the team, or whose sharing was withdrawn, is refused the person; no one sees another partner’s concern', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const outsider = await newPartner(t.app, t.db);
    const council = await signedIn(t.app, t.db, { role: 'practitioner' });
    const before = await fingerprintTables(t.db);

    assert.equal((await council.agent.get('/concerns/new')).statusCode, 403);
    assert.equal((await council.agent.post('/concerns', concernForm({ aboutName: 'Anyone' }))).statusCode, 403);
    const notInTeam = await outsider.agent.post('/concerns', concernForm({ about: scene.person.id }));
    assert.equal(notInTeam.statusCode, 400);
    assert.ok(shows(notInTeam.body, 'choose “Someone else” and give their name'));
    assert.ok(!(await outsider.agent.get('/concerns/new')).body.includes(scene.person.id));
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');

    // Sharing withdrawn: no longer offered, and refused.
    assert.equal(
      (
        await scene.manager.post(`/people/${scene.person.id}/team/sharing/${scene.consentId}/withdraw`, {
          reason: 'Arthur asked us to stop',
        })
      ).statusCode,
      303,
    );
    assert.ok(!(await scene.partner.agent.get('/concerns/new')).body.includes(scene.person.id));
    assert.equal(
      (await scene.partner.agent.post('/concerns', concernForm({ about: scene.person.id }))).statusCode,
      400,
    );
    assert.equal((await contactsAbout(t.db, scene.person.id)).length, 0);

    // Another partner's concern does not exist for them; partners do not see the front door's list.
    const raised = concernIdFrom(
      (await scene.partner.agent.post('/concerns', concernForm({ aboutName: `Iris ${uniqueFamilyName()}` }))).headers
        .location,
    );
    assert.equal((await outsider.agent.get(`/concerns/${raised}`)).statusCode, 404);
    assert.equal((await outsider.agent.get('/concerns')).statusCode, 404);
    assert.equal((await outsider.agent.get(`/concerns/${randomUUID()}`)).statusCode, 404);
    assert.equal((await council.agent.get(`/concerns/${raised}`)).statusCode, 200);
  });
});
