// Control characters in what is typed (security test, issue 12 point 4). PostgreSQL refuses
// NUL in text and jsonb, so a NUL pasted into any field used to give a server error and lose
// the text. The platform takes NUL and the other control characters (but tab, line feed and
// carriage return) out of every form, JSON body and query string, once, before any route.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  aboutMe,
  conversationAmendments,
  conversations,
  jargonTerms,
  networkMembers,
  people,
  workers,
} from '../src/db/schema/index.js';
import { withoutControlCharacters } from '../src/platform/forms.js';
import { errorSummary, inputValue, newTeam, newWorker, signedIn, testPassword, Agent, useTestApp } from './helpers.js';
import {
  conversationForm,
  draftOf,
  newConversation,
  newPerson,
  personForm,
  postJson,
  textareaValue,
} from './people-factories.js';

const nul = '\u0000';

describe('control characters are taken out of what is typed', () => {
  test('NUL, the other C0 control characters and DEL go; tab, line feed, carriage return and everything else stay', () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f';
    assert.equal(withoutControlCharacters(`a${controls}b`), 'a\t\n\rb');
    assert.equal(
      withoutControlCharacters('Siân’s café, “quoted”, 😊 and \u0080\u00a0'),
      'Siân’s café, “quoted”, 😊 and \u0080\u00a0',
    );
    // Forms and JSON bodies: every string, however deep; anything else as it was.
    assert.deepEqual(
      withoutControlCharacters({ a: `x${nul}y`, list: [`1${nul}`, 2, null], deep: { b: `\u001b[31mred` }, flag: true }),
      {
        a: 'xy',
        list: ['1', 2, null],
        deep: { b: '[31mred' },
        flag: true,
      },
    );
    // Form bodies and query strings are objects without a prototype: they keep that shape.
    const form = Object.assign(Object.create(null) as Record<string, unknown>, { name: `Ann${nul}` });
    assert.equal(withoutControlCharacters(form), form);
    assert.equal(form.name, 'Ann');
    // Bytes (an uploaded file) are not text: left exactly as they were.
    const file = Buffer.from(`PK${nul}\u0003`);
    assert.equal(withoutControlCharacters({ file }).file, file);
    assert.deepEqual([...file], [0x50, 0x4b, 0, 3]);
  });
});

describe('a NUL typed into a field: no server error, and the text is kept', () => {
  const t = useTestApp();

  test('signing in: the email address, before anyone is signed in', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const wrong = await agent.post('/sign-in', { email: `${worker.email}${nul}`, password: `wrong${nul}` });
    assert.equal(wrong.statusCode, 401);
    assert.equal(inputValue(wrong.body, 'email'), worker.email, 'shown back without the NUL');
    const right = await agent.post('/sign-in', { email: worker.email.replace('@', `${nul}@`), password: testPassword });
    assert.equal(right.statusCode, 303);
  });

  test('registering a person', async () => {
    const { agent } = await signedIn(t.app, t.db);
    await agent.get('/people/new');
    const form = personForm({
      givenName: `Ann${nul}ie`,
      communicationNotes: `Speaks slowly${nul}, likes notes written down`,
    });
    const res = await agent.post('/people', form);
    assert.equal(
      res.statusCode,
      303,
      errorSummary(res.body)
        .map((e) => e.text)
        .join('; '),
    );
    const [person] = await t.db.select().from(people).where(eq(people.familyName, form.familyName));
    assert.equal(person.givenName, 'Annie');
    assert.equal(person.communicationNotes, 'Speaks slowly, likes notes written down');
  });

  test('a conversation: saved, shown back with its errors, kept as a draft by the button and by autosave', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const now = t.clock.now();

    // Autosave: JSON from the page script.
    const auto = await postJson(agent, `${url}/draft`, {
      narrative: `Typed${nul} so far`,
      whatHappensNext: `Ring her${nul}`,
    });
    assert.equal(auto.statusCode, 200, auto.body);
    assert.deepEqual((await draftOf(t.db, worker.id, person.id))?.data, {
      narrative: 'Typed so far',
      whatHappensNext: 'Ring her',
    });

    // "Save draft".
    const draft = await agent.post(url, conversationForm(now, { action: 'draft', narrative: `Half${nul} written` }));
    assert.equal(draft.statusCode, 200);
    assert.equal(textareaValue(draft.body, 'narrative'), 'Half written');
    assert.equal(
      ((await draftOf(t.db, worker.id, person.id))?.data as Record<string, string>).narrative,
      'Half written',
    );

    // Something else wrong: the form is shown again with the text, which is kept as a draft too.
    const refused = await agent.post(url, conversationForm(now, { kind: '', narrative: `Nearly${nul} done` }));
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [{ field: 'kind', text: 'Select what kind of conversation it was' }]);
    assert.equal(textareaValue(refused.body, 'narrative'), 'Nearly done');
    assert.equal(
      ((await draftOf(t.db, worker.id, person.id))?.data as Record<string, string>).narrative,
      'Nearly done',
    );

    // Saved for good.
    const form = conversationForm(now, {
      narrative: `She wants to get back to the lunch club.${nul}\n\n- Thursdays\r\n- with Ada`,
      whatHappensNext: `I will ring${nul}\tFriday`,
    });
    const saved = await agent.post(url, form);
    assert.equal(saved.statusCode, 303);
    const [c] = await t.db.select().from(conversations).where(eq(conversations.personId, person.id));
    assert.equal(c.narrative, 'She wants to get back to the lunch club.\n\n- Thursdays\r\n- with Ada');
    assert.equal(c.whatHappensNext, 'I will ring\tFriday');
    assert.equal(await draftOf(t.db, worker.id, person.id), null, 'the draft is gone once the conversation is saved');
  });

  test('a correction to a conversation', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    const conversation = await newConversation(t.db, { personId: person.id, authorId: worker.id });
    const url = `/conversations/${conversation.id}/amend`;
    await agent.get(url);
    const res = await agent.post(url, {
      reason: `Wrong${nul} day`,
      correction: `It was on Tuesday${nul}, not Monday.`,
    });
    assert.equal(
      res.statusCode,
      303,
      errorSummary(res.body)
        .map((e) => e.text)
        .join('; '),
    );
    const [a] = await t.db
      .select()
      .from(conversationAmendments)
      .where(eq(conversationAmendments.conversationId, conversation.id));
    assert.deepEqual([a.reason, a.correction], ['Wrong day', 'It was on Tuesday, not Monday.']);
  });

  test('"about me" and the network', async () => {
    const { agent } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    await agent.get(`/people/${person.id}/about-me`);
    const about = await agent.post(`/people/${person.id}/about-me`, {
      whatMatters: `My garden${nul}`,
      strengths: '',
      enjoys: '',
      hopes: '',
      inTheirWords: 'yes',
      version: '0',
    });
    assert.equal(
      about.statusCode,
      303,
      errorSummary(about.body)
        .map((e) => e.text)
        .join('; '),
    );
    const [v1] = await t.db.select().from(aboutMe).where(eq(aboutMe.personId, person.id));
    assert.equal(v1.whatMatters, 'My garden');

    const network = await agent.post(`/people/${person.id}/network`, {
      name: `Beth${nul}an`,
      relationship: 'Sister',
      notes: `Visits${nul} on Sundays`,
    });
    assert.equal(
      network.statusCode,
      303,
      errorSummary(network.body)
        .map((e) => e.text)
        .join('; '),
    );
    const [member] = await t.db.select().from(networkMembers).where(eq(networkMembers.personId, person.id));
    assert.deepEqual([member.name, member.notes], ['Bethan', 'Visits on Sundays']);
  });

  test('administration: a worker’s name and a jargon term', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db);
    await agent.get('/admin/workers/new');
    const email = `nul.${Date.now()}@test.example`;
    const worker = await agent.post('/admin/workers', {
      name: `Priya${nul} Raman`,
      email,
      jobTitle: `Social${nul} worker`,
      phone: '',
      role: 'practitioner',
      organisationId: team.organisationId,
      teamId: team.id,
      password: 'a long enough password',
    });
    assert.equal(
      worker.statusCode,
      303,
      errorSummary(worker.body)
        .map((e) => e.text)
        .join('; '),
    );
    const [w] = await t.db.select().from(workers).where(eq(workers.email, email));
    assert.deepEqual([w.name, w.jobTitle], ['Priya Raman', 'Social worker']);

    await agent.get('/admin/plain-language');
    const term = `NF${nul}A-${Date.now()}`;
    const jargon = await agent.post('/admin/plain-language', { term, plainer: `Say what was decided${nul} and why` });
    assert.equal(
      jargon.statusCode,
      303,
      errorSummary(jargon.body)
        .map((e) => e.text)
        .join('; '),
    );
    const [j] = await t.db
      .select()
      .from(jargonTerms)
      .where(eq(jargonTerms.term, term.replace(nul, '')));
    assert.equal(j.plainer, 'Say what was decided and why');
  });

  test('query strings: a NUL in a search is taken out too', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    for (const url of [
      `/directory?q=lunch${encodeURIComponent(nul)}club`,
      `/admin/workers?q=Priya${encodeURIComponent(nul)}`,
      `/openreferral/services?search=lunch${encodeURIComponent(nul)}`,
    ]) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
    }
  });
});
