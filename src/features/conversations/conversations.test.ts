import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { conversationAmendments, conversations, drafts, jargonTerms } from '../../db/schema/index.js';
import { saveOnce } from '../../platform/submission-keys.js';
import {
  Agent,
  attrs,
  auditMark,
  errorSummary,
  fingerprintTables,
  inputValue,
  oneTimeKeyOf,
  signedIn,
  testPassword,
  texts,
  useTestApp,
} from '../../../test/helpers.js';
import {
  auditSince,
  conversationForm,
  dayParts,
  draftOf,
  formInputs,
  isoDay,
  newConversation,
  newPerson,
  postJson,
  shows,
  textareaValue,
} from '../../../test/people-factories.js';
import { findBySubmissionKey, insertConversation } from './conversations.repository.js';

const conversationIdFrom = (location: unknown) => {
  const m = /^\/conversations\/([0-9a-f-]{36})\?done=saved$/.exec(String(location));
  assert.ok(m, `redirected to the saved conversation, not ${String(location)}`);
  return m[1];
};

/** The database's own refusal, wrapped by the driver. */
const refused = (err: unknown) =>
  /cannot be changed or deleted once saved/.test(
    `${(err as Error).message} ${String((err as { cause?: unknown }).cause)}`,
  );

const checked = (html: string, name: string, value: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"[^>]*checked`).test(html);

describe('recording a conversation', () => {
  const t = useTestApp();

  test('a conversation with something missing is explained, keeps everything typed, and is not saved', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Hywel' });
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const now = t.clock.now();
    const cases: Array<{ form: Record<string, string>; expect: Array<[string, string]> }> = [
      {
        form: {
          kind: '',
          'occurred-day': '',
          'occurred-month': '',
          'occurred-year': '',
          narrative: '',
          whatHappensNext: ' ',
        },
        expect: [
          ['kind', 'Select what kind of conversation it was'],
          ['narrative', 'Write what was said: the conversation in your own words and theirs'],
          ['whatHappensNext', 'Write what happens next, so they know what to expect'],
          ['occurred', 'Enter the date of the conversation'],
        ],
      },
      { form: { kind: 'not_a_kind' }, expect: [['kind', 'Select what kind of conversation it was']] },
      {
        form: { 'occurred-day': '31', 'occurred-month': '2', 'occurred-year': '2026' },
        expect: [['occurred', 'The date of the conversation must be a real date, like 27 3 1950']],
      },
      {
        form: dayParts('occurred', now, 1),
        expect: [['occurred', 'The date of the conversation must be today or in the past']],
      },
      { form: { occurredTime: '23:30' }, expect: [['occurredTime', 'The conversation cannot be in the future']] },
      { form: { occurredTime: 'teatime' }, expect: [['occurredTime', 'Enter the time like 14:30 or 2:30pm']] },
      {
        form: dayParts('checkBackOn', now, -1),
        expect: [['checkBackOn', 'The check back date must be today or in the future']],
      },
    ];
    for (const c of cases) {
      const form = conversationForm(now, c.form);
      const res = await agent.post(url, form);
      assert.equal(res.statusCode, 400, JSON.stringify(c.form));
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        c.expect,
      );
      // Everything typed is on the page again.
      for (const k of ['narrative', 'whatMatters', 'agreed', 'whatHappensNext', 'participants'])
        assert.equal(textareaValue(res.body, k), form[k as keyof typeof form], k);
      for (const k of [
        'place',
        'occurredTime',
        'occurred-day',
        'occurred-month',
        'occurred-year',
        'checkBackOn-day',
        'checkBackOn-month',
        'checkBackOn-year',
      ]) {
        assert.equal(inputValue(res.body, k), form[k as keyof typeof form], k);
      }
      if (form.kind === 'listen_and_connect')
        assert.ok(checked(res.body, 'kind', 'listen_and_connect'), 'the kind chosen stays chosen');
      // ... and kept on the server as a draft, in case they leave now.
      const draft = await draftOf(t.db, worker.id, person.id);
      assert.equal((draft?.data as Record<string, string>).narrative, form.narrative || undefined);
    }
    assert.equal(
      (await t.db.select().from(conversations).where(eq(conversations.personId, person.id))).length,
      0,
      'no conversation saved',
    );
  });

  test('in summer time, just after midnight, a conversation earlier today is not "in the future"', async () => {
    const saved = t.clock.time;
    try {
      t.clock.time = new Date('2026-07-15T23:30:00Z').getTime(); // 00:30 on 16 July in London
      const { agent } = await signedIn(t.app, t.db);
      const person = await newPerson(t.db);
      await agent.get(`/people/${person.id}/conversations/new`);
      const today = { 'occurred-day': '16', 'occurred-month': '7', 'occurred-year': '2026' };
      const ok = await agent.post(
        `/people/${person.id}/conversations`,
        conversationForm(t.clock.now(), { ...today, occurredTime: '00:10' }),
      );
      assert.equal(
        ok.statusCode,
        303,
        errorSummary(ok.body)
          .map((e) => e.text)
          .join('; '),
      );
      const [c] = await t.db.select().from(conversations).where(eq(conversations.personId, person.id));
      assert.equal(c.occurredAt.toISOString(), '2026-07-15T23:10:00.000Z', '00:10 British Summer Time');
      const tomorrow = await agent.post(
        `/people/${person.id}/conversations`,
        conversationForm(t.clock.now(), { 'occurred-day': '17', 'occurred-month': '7', 'occurred-year': '2026' }),
      );
      assert.equal(tomorrow.statusCode, 400);
      assert.deepEqual(errorSummary(tomorrow.body), [
        { field: 'occurred', text: 'The date of the conversation must be today or in the past' },
      ]);
      const later = await agent.post(
        `/people/${person.id}/conversations`,
        conversationForm(t.clock.now(), { ...today, occurredTime: '01:15' }),
      );
      assert.equal(later.statusCode, 400);
      assert.deepEqual(errorSummary(later.body), [
        { field: 'occurredTime', text: 'The conversation cannot be in the future' },
      ]);
    } finally {
      t.clock.time = saved;
    }
  });

  test('saving stores the conversation as typed, deletes the draft and shows it', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Lowri' });
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const now = t.clock.now();
    await agent.post(url, conversationForm(now, { action: 'draft', narrative: 'Half written' }));
    assert.ok(await draftOf(t.db, worker.id, person.id), 'a draft to start with');

    const form = conversationForm(now, {
      kind: 'carers_conversation',
      occurredTime: '9:15am',
      narrative: 'Lowri cares for her mum every evening.\n\n- She is tired\n- She wants one evening off a week',
      ...dayParts('checkBackOn', now, 14),
    });
    const mark = await auditMark(t.db);
    const res = await agent.post(url, form);
    assert.equal(res.statusCode, 303);
    const id = conversationIdFrom(res.headers.location);
    const [c] = await t.db.select().from(conversations).where(eq(conversations.id, id));
    assert.equal(c.personId, person.id);
    assert.equal(c.authorId, worker.id);
    assert.equal(c.teamId, worker.teamId);
    assert.equal(c.kind, 'carers_conversation');
    assert.equal(c.narrative, form.narrative);
    assert.equal(c.whatMatters, form.whatMatters);
    assert.equal(c.agreed, form.agreed);
    assert.equal(c.whatHappensNext, form.whatHappensNext);
    assert.equal(c.place, 'At home');
    assert.equal(c.participants, form.participants);
    assert.equal(c.checkBackOn, isoDay(now, 14));
    assert.equal(c.occurredAt.toISOString(), '2026-11-26T09:15:00.000Z', 'a November morning in London is GMT');
    assert.equal(await draftOf(t.db, worker.id, person.id), null, 'the draft is gone');
    const [created] = (await auditSince(t.db, mark)).filter((a) => a.action === 'create');
    assert.equal(created.entity, 'conversation');
    assert.equal(created.entityId, id);
    assert.equal(created.personId, person.id);

    const page = await agent.get(res.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Carer’s conversation/);
    assert.match(page.body, /Lowri cares for her mum every evening\./);
    assert.ok(texts(page.body, 'ul > li').includes('She wants one evening off a week'), 'bullet lists are lists');
    assert.ok(shows(page.body, form.whatHappensNext));
    assert.match(page.body, new RegExp(`Recorded by ${worker.name}`));
    assert.doesNotMatch(page.body, /Plain language: this record uses words/, 'no jargon, no warning');
    const personPage = await agent.get(`/people/${person.id}`);
    assert.ok(
      texts(personPage.body, `a[href="/conversations/${id}"]`).includes('Carer’s conversation'),
      'the latest conversation on their page',
    );
    const timeline = await agent.get(`/people/${person.id}/timeline?kind=carers_conversation`);
    assert.ok(attrs(timeline.body, 'a', 'href').includes(`/conversations/${id}`));
    const otherKind = await agent.get(`/people/${person.id}/timeline?kind=crisis`);
    assert.ok(!attrs(otherKind.body, 'a', 'href').includes(`/conversations/${id}`), 'filtered by kind');
  });

  test('the same form sent again (same submission key) saves one conversation, and both sends go to it', async () => {
    const { agent } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    const url = `/people/${person.id}/conversations`;
    const ofPerson = () => t.db.select().from(conversations).where(eq(conversations.personId, person.id));
    const key = await oneTimeKeyOf(agent, url, (k) => ({
      ...conversationForm(t.clock.now(), { submissionKey: k }),
      narrative: '',
    }));
    const form = conversationForm(t.clock.now(), { submissionKey: key });

    const mark = await auditMark(t.db);
    const first = await agent.post(url, form);
    assert.equal(first.statusCode, 303);
    // The response was lost, and the worker sends the form again.
    const again = await agent.post(url, form);
    assert.equal(again.statusCode, 303);
    assert.equal(
      again.headers.location,
      first.headers.location,
      'the second send goes to the conversation the first saved',
    );
    const saved = await ofPerson();
    assert.deepEqual(
      saved.map((c) => c.id),
      [conversationIdFrom(first.headers.location)],
    );
    assert.equal(saved[0].submissionKey, key);
    assert.equal(
      (await auditSince(t.db, mark)).filter((a) => a.action === 'create').length,
      1,
      'one conversation created',
    );

    // Sent twice at the same moment: still one.
    const key2 = randomUUID();
    const both = await Promise.all(
      [1, 2].map(() =>
        agent.post(url, conversationForm(t.clock.now(), { narrative: 'Pressed twice', submissionKey: key2 })),
      ),
    );
    assert.deepEqual(
      both.map((r) => r.statusCode),
      [303, 303],
    );
    assert.equal(both[0].headers.location, both[1].headers.location);
    assert.equal((await ofPerson()).length, 2);

    // Another form, another key: another conversation.
    const other = await agent.post(
      url,
      conversationForm(t.clock.now(), { narrative: 'A second visit', submissionKey: randomUUID() }),
    );
    assert.equal(other.statusCode, 303);
    assert.ok(![first, both[0]].some((r) => r.headers.location === other.headers.location));
    // A page opened before forms had keys still saves, as before.
    assert.equal(
      (await agent.post(url, conversationForm(t.clock.now(), { narrative: 'From an old page' }))).statusCode,
      303,
    );
    assert.equal((await ofPerson()).length, 4);
  });

  test('two sends at the same moment: the database refuses the later, which then returns the earlier (on either database)', async () => {
    // PGlite takes one request at a time, so the race is set up by hand: the later send's first look finds nothing.
    const { worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    const key = randomUUID();
    const earlier = await newConversation(t.db, { personId: person.id, authorId: worker.id, submissionKey: key });
    let looks = 0;
    const result = await saveOnce(key, {
      find: async (k) => (looks++ === 0 ? null : findBySubmissionKey(t.db, k)),
      mine: (c) => c.authorId === worker.id,
      save: (submissionKey) =>
        insertConversation(t.db, {
          personId: person.id,
          authorId: worker.id,
          kind: 'crisis',
          occurredAt: t.clock.now(),
          narrative: 'Later',
          whatHappensNext: 'Ring',
          submissionKey,
        }),
    });
    assert.equal(result.id, earlier.id);
    assert.equal(looks, 2);
    assert.equal((await t.db.select().from(conversations).where(eq(conversations.personId, person.id))).length, 1);
  });

  test('a submission key already on another worker’s conversation does not reveal it: the form saves on its own', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const { agent: colleague, worker: other } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const key = randomUUID();
    const first = await agent.post(
      url,
      conversationForm(t.clock.now(), { narrative: 'Only for the first worker', submissionKey: key }),
    );
    assert.equal(first.statusCode, 303);
    await colleague.get(`${url}/new`);
    for (const narrative of ['The colleague’s own words', 'And again']) {
      const res = await colleague.post(url, conversationForm(t.clock.now(), { narrative, submissionKey: key }));
      assert.equal(res.statusCode, 303);
      assert.notEqual(res.headers.location, first.headers.location, 'not sent to the first worker’s conversation');
      const [c] = await t.db
        .select()
        .from(conversations)
        .where(eq(conversations.id, conversationIdFrom(res.headers.location)));
      assert.equal(c.authorId, other.id);
      assert.equal(c.narrative, narrative);
      assert.equal(c.submissionKey, null);
    }
    const [original] = await t.db.select().from(conversations).where(eq(conversations.submissionKey, key));
    assert.equal(original.authorId, worker.id);
    assert.equal(original.narrative, 'Only for the first worker');
    // The same worker's key on a form about someone else is not that conversation either.
    const someoneElse = await newPerson(t.db);
    await agent.get(`/people/${someoneElse.id}/conversations/new`);
    const elsewhere = await agent.post(
      `/people/${someoneElse.id}/conversations`,
      conversationForm(t.clock.now(), { submissionKey: key }),
    );
    assert.equal(elsewhere.statusCode, 303);
    const [c] = await t.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationIdFrom(elsewhere.headers.location)));
    assert.equal(c.personId, someoneElse.id);
  });

  test('the database refuses to change or delete a saved conversation or amendment', async () => {
    const { worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { createdBy: worker.id });
    const c = await newConversation(t.db, {
      personId: person.id,
      authorId: worker.id,
      narrative: 'The original words',
    });
    const [a] = await t.db
      .insert(conversationAmendments)
      .values({ conversationId: c.id, reason: 'Typo', correction: 'Fixed', authorId: worker.id })
      .returning();
    await assert.rejects(
      t.db.execute(sql`UPDATE conversations SET narrative = 'rewritten' WHERE id = ${c.id}`),
      refused,
    );
    await assert.rejects(t.db.execute(sql`DELETE FROM conversations WHERE id = ${c.id}`), refused);
    await assert.rejects(
      t.db.execute(sql`UPDATE conversation_amendments SET correction = 'rewritten' WHERE id = ${a.id}`),
      refused,
    );
    await assert.rejects(t.db.execute(sql`DELETE FROM conversation_amendments WHERE id = ${a.id}`), refused);
    const [still] = await t.db.select().from(conversations).where(eq(conversations.id, c.id));
    assert.equal(still.narrative, 'The original words');
    assert.equal(
      (await t.db.select().from(conversationAmendments).where(eq(conversationAmendments.id, a.id)))[0].correction,
      'Fixed',
    );
  });

  test('an amendment needs a reason, is shown with the original, and the original stays as it was', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { name: 'Ceri Corrector' });
    const person = await newPerson(t.db, { createdBy: worker.id });
    const c = await newConversation(t.db, {
      personId: person.id,
      authorId: worker.id,
      narrative: 'We met at the library on Tuesday.',
    });
    const url = `/conversations/${c.id}/amend`;
    const form = await agent.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /We met at the library on Tuesday\./, 'the original is shown while correcting');

    const before = await fingerprintTables(t.db);
    const noReason = await agent.post(url, { reason: '', correction: 'It was Wednesday, not Tuesday.' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [{ field: 'reason', text: 'Say why the record needs correcting' }]);
    assert.equal(
      textareaValue(noReason.body, 'correction'),
      'It was Wednesday, not Tuesday.',
      'the correction typed is kept',
    );
    const noCorrection = await agent.post(url, { reason: 'Wrong day', correction: '' });
    assert.equal(noCorrection.statusCode, 400);
    assert.deepEqual(errorSummary(noCorrection.body), [{ field: 'correction', text: 'Write the correction' }]);
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');

    const mark = await auditMark(t.db);
    const saved = await agent.post(url, {
      reason: 'I wrote the wrong day',
      correction: 'It was Wednesday, not Tuesday.',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/conversations/${c.id}?done=amended`);
    const [original] = await t.db.select().from(conversations).where(eq(conversations.id, c.id));
    assert.deepEqual(original, c, 'the original row is unchanged');
    const amendments = await t.db
      .select()
      .from(conversationAmendments)
      .where(eq(conversationAmendments.conversationId, c.id));
    assert.equal(amendments.length, 1);
    assert.equal(amendments[0].reason, 'I wrote the wrong day');
    assert.equal(amendments[0].authorId, worker.id);
    const [audit] = (await auditSince(t.db, mark)).filter((a) => a.action === 'amend');
    assert.equal(audit.reason, 'I wrote the wrong day');
    assert.equal(audit.personId, person.id);

    const page = await agent.get(saved.headers.location as string);
    assert.match(page.body, /We met at the library on Tuesday\./, 'the original is still shown');
    assert.match(page.body, /Corrections/);
    assert.match(page.body, /Ceri Corrector, .*Why: I wrote the wrong day/);
    assert.match(page.body, /It was Wednesday, not Tuesday\./);
    assert.ok(
      page.body.indexOf('We met at the library') < page.body.indexOf('It was Wednesday'),
      'the correction follows the original',
    );
    const timeline = await agent.get(`/people/${person.id}/timeline`);
    assert.ok(texts(timeline.body, 'p').some((p) => p.endsWith('1 amendment')));
  });

  test('jargon is pointed out on the saved conversation, with plainer words, and never stops it being saved', async () => {
    const { agent } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Gwen' });
    await agent.get(`/people/${person.id}/conversations/new`);
    const res = await agent.post(
      `/people/${person.id}/conversations`,
      conversationForm(t.clock.now(), {
        narrative: 'Discussed at the MDT. The package of care stays as it is.',
        whatHappensNext: 'NFA.',
      }),
    );
    assert.equal(res.statusCode, 303, 'saved despite the jargon');
    const id = conversationIdFrom(res.headers.location);
    assert.equal((await t.db.select().from(conversations).where(eq(conversations.id, id))).length, 1);
    const page = await agent.get(res.headers.location as string);
    assert.match(page.body, /Plain language: this record uses words Gwen may not understand/);
    for (const text of [
      '“NFA”: say what was decided and why, for example "no further support from us because ..."',
      '“MDT”: meeting of the people who support them (say who was there)',
      '“package of care”: the support they get (say what it is)',
    ]) {
      assert.ok(shows(page.body, text), text);
    }
    assert.ok(!shows(page.body, '“LD”'), 'only the jargon used');
    assert.match(page.body, /The conversation is saved/);
  });
});

describe('the plain-language list', () => {
  const t = useTestApp();

  test('an administrator adds and removes words; the warning follows the list', async () => {
    const { agent: admin } = await signedIn(t.app, t.db, { role: 'admin' });
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { createdBy: worker.id });
    const c = await newConversation(t.db, {
      personId: person.id,
      authorId: worker.id,
      narrative: 'She has a good telecare plan.',
    });
    assert.doesNotMatch((await agent.get(`/conversations/${c.id}`)).body, /Plain language: this record uses words/);

    const list = await admin.get('/admin/plain-language');
    assert.equal(list.statusCode, 200);
    assert.ok(shows(list.body, 'package of care'));
    const blank = await admin.post('/admin/plain-language', { term: '', plainer: '' });
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(
      errorSummary(blank.body).map((e) => e.text),
      ['Enter the word or acronym', 'Enter plainer words to use instead'],
    );
    const added = await admin.post('/admin/plain-language', {
      term: 'telecare',
      plainer: 'equipment that calls for help (say what it is)',
    });
    assert.equal(added.statusCode, 303);
    const duplicate = await admin.post('/admin/plain-language', { term: 'Telecare', plainer: 'again' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /That word is already on the list/);
    const [row] = await t.db.select().from(jargonTerms).where(eq(jargonTerms.term, 'telecare'));
    assert.ok(row);

    const warned = await agent.get(`/conversations/${c.id}`);
    assert.ok(shows(warned.body, '“telecare”: equipment that calls for help (say what it is)'));
    const terms = await agent.get('/plain-language/terms');
    assert.ok(
      (JSON.parse(terms.body) as Array<{ term: string }>).some((x) => x.term === 'telecare'),
      'the page script gets the list too',
    );

    await admin.get('/admin/plain-language');
    const removed = await admin.post(`/admin/plain-language/${row.id}/remove`);
    assert.equal(removed.statusCode, 303);
    assert.equal((await t.db.select().from(jargonTerms).where(eq(jargonTerms.id, row.id))).length, 0);
    assert.doesNotMatch((await agent.get(`/conversations/${c.id}`)).body, /telecare”/);
    assert.equal(
      (await admin.post(`/admin/plain-language/${row.id}/remove`)).statusCode,
      404,
      'removing twice finds nothing',
    );
  });

  test('no one else can change the list', async () => {
    const [nfa] = await t.db.select().from(jargonTerms).where(eq(jargonTerms.term, 'NFA'));
    for (const role of ['practitioner', 'team_manager', 'front_door', 'quality', 'partner'] as const) {
      const { agent } = await signedIn(t.app, t.db, { role });
      await agent.get('/');
      const before = await fingerprintTables(t.db);
      assert.equal((await agent.get('/admin/plain-language')).statusCode, 403, role);
      assert.equal(
        (await agent.post('/admin/plain-language', { term: 'synergy', plainer: 'working together' })).statusCode,
        403,
        role,
      );
      assert.equal((await agent.post(`/admin/plain-language/${nfa.id}/remove`)).statusCode, 403, role);
      assert.deepEqual(await fingerprintTables(t.db), before, `${role}: nothing changed`);
    }
  });
});

describe('drafts', () => {
  const t = useTestApp({ IDLE_TIMEOUT_MINUTES: '30' });

  test('"Save draft" keeps the text on the server; it is on the home page and fills the form again', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Aled', preferredName: 'Al' });
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const narrative = 'Al said the stairs are the hardest part of his day, "especially at night".';
    const res = await agent.post(url, { kind: 'crisis', narrative, whatHappensNext: '', action: 'draft' });
    assert.equal(res.statusCode, 200, 'a draft needs nothing filled in');
    assert.match(res.body, /Draft saved/);
    assert.equal(textareaValue(res.body, 'narrative'), narrative);
    const draft = await draftOf(t.db, worker.id, person.id);
    assert.deepEqual(draft?.data, { kind: 'crisis', narrative });
    assert.equal(
      (await t.db.select().from(conversations).where(eq(conversations.personId, person.id))).length,
      0,
      'not a saved conversation',
    );

    const home = await agent.get('/');
    assert.match(
      home.body,
      new RegExp(`href="/people/${person.id}/conversations/new">Conversation with Al ${person.familyName}</a>`),
    );
    const form = await agent.get(`${url}/new`);
    assert.equal(textareaValue(form.body, 'narrative'), narrative);
    assert.ok(checked(form.body, 'kind', 'crisis'));
    assert.match(form.body, /Your draft, last saved/);

    // Deleting the draft.
    const discard = await agent.post(url, { action: 'discard' });
    assert.equal(discard.statusCode, 303);
    assert.equal(await draftOf(t.db, worker.id, person.id), null);
    assert.doesNotMatch((await agent.get('/')).body, /Conversation with Al/);
  });

  test('the autosave endpoint takes JSON with the CSRF token in a header', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db);
    const page = await agent.get(`/people/${person.id}/conversations/new`);
    const [token] = attrs(page.body, '[data-csrf]', 'data-csrf');
    assert.ok(token, 'the form carries the token for its script');
    const url = `/people/${person.id}/conversations/draft`;

    const refused = await postJson(agent, url, { narrative: 'Typed without a token' }, null);
    assert.equal(refused.statusCode, 403);
    const forged = await postJson(agent, url, { narrative: 'Typed with a forged token' }, 'forged');
    assert.equal(forged.statusCode, 403);
    assert.equal(await draftOf(t.db, worker.id, person.id), null, 'nothing kept without a real token');

    const res = await postJson(
      agent,
      url,
      { narrative: 'First words', whatHappensNext: 'Ring on Friday', notAField: 'ignored', _csrf: undefined },
      token,
    );
    assert.equal(res.statusCode, 200);
    const { savedAt } = JSON.parse(res.body) as { savedAt: string };
    assert.equal(new Date(savedAt).getTime(), t.clock.now().getTime());
    assert.deepEqual((await draftOf(t.db, worker.id, person.id))?.data, {
      narrative: 'First words',
      whatHappensNext: 'Ring on Friday',
    });
    t.clock.advanceMinutes(1);
    const again = await postJson(agent, url, { narrative: 'First words, and more' }, token);
    assert.equal(again.statusCode, 200);
    const rows = await t.db.select().from(drafts).where(eq(drafts.workerId, worker.id));
    assert.equal(rows.length, 1, 'one draft per person, updated');
    assert.deepEqual(rows[0].data, { narrative: 'First words, and more' });
    assert.equal(
      textareaValue((await agent.get(`/people/${person.id}/conversations/new`)).body, 'narrative'),
      'First words, and more',
    );
  });

  test('a draft survives the session timing out, signing out and a new session', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Bethan' });
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const narrative = 'Bethan wants to get back to swimming on Saturdays.';
    assert.equal((await agent.post(url, { kind: 'build_a_good_life', narrative, action: 'draft' })).statusCode, 200);

    t.clock.advanceMinutes(31);
    const timedOut = await agent.get('/');
    assert.equal(timedOut.statusCode, 303, 'the session has timed out');
    await agent.signIn(worker.email);
    const home = await agent.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, new RegExp(`Conversation with Bethan ${person.familyName}`));
    assert.equal(textareaValue((await agent.get(`${url}/new`)).body, 'narrative'), narrative);

    await agent.post('/sign-out');
    assert.equal((await agent.get('/')).statusCode, 303, 'signed out');
    const elsewhere = new Agent(t.app);
    await elsewhere.signIn(worker.email);
    assert.match(
      (await elsewhere.get('/')).body,
      new RegExp(`Conversation with Bethan ${person.familyName}`),
      'a new session, as from another browser',
    );
    const form = await elsewhere.get(`${url}/new`);
    assert.equal(textareaValue(form.body, 'narrative'), narrative);
    assert.ok(checked(form.body, 'kind', 'build_a_good_life'));

    // Drafts are the worker's own.
    const { agent: colleague } = await signedIn(t.app, t.db);
    assert.doesNotMatch((await colleague.get('/')).body, /Conversation with Bethan/);
    assert.notEqual(textareaValue((await colleague.get(`${url}/new`)).body, 'narrative'), narrative);
  });

  test('without JavaScript, a conversation sent after the session timed out is carried through signing in and kept as a draft', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, { givenName: 'Emrys' });
    const url = `/people/${person.id}/conversations`;
    await agent.get(`${url}/new`);
    const oldToken = agent.csrfToken;
    const form = conversationForm(t.clock.now(), {
      kind: 'taking_stock',
      narrative: "Emrys said life is working: he's back at the allotment & sees his brother <every> week.",
      whatHappensNext: 'Take stock again next November.',
    });

    t.clock.advanceMinutes(31);
    const before = await fingerprintTables(t.db, ['sessions', 'audit_events']);
    const res = await agent.post(url, form);
    assert.equal(res.statusCode, 401);
    assert.notEqual(agent.csrfToken, oldToken, 'the old token no longer counts; the page brings a new one');
    assert.match(res.body, /You have been signed out/);
    assert.match(res.body, /Nothing you typed is lost/);
    assert.equal(textareaValue(res.body, 'copy-narrative'), form.narrative, 'their text is shown');
    assert.deepEqual(
      await fingerprintTables(t.db, ['sessions', 'audit_events']),
      before,
      'nothing saved while signed out',
    );

    const carried = formInputs(res.body, '/sign-in');
    assert.equal(carried.resume, url);
    assert.equal(carried['keep.narrative'], form.narrative);
    assert.equal(carried['keep.whatHappensNext'], form.whatHappensNext);
    assert.equal(carried['keep.kind'], 'taking_stock');
    const signIn = await agent.post('/sign-in', { ...carried, email: worker.email, password: testPassword });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, `${url}/new`);

    const draft = await draftOf(t.db, worker.id, person.id);
    assert.equal((draft?.data as Record<string, string>).narrative, form.narrative);
    assert.equal(
      (await t.db.select().from(conversations).where(eq(conversations.personId, person.id))).length,
      0,
      'kept as a draft to check, not saved',
    );
    const page = await agent.get(signIn.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.equal(textareaValue(page.body, 'narrative'), form.narrative);
    assert.equal(textareaValue(page.body, 'whatHappensNext'), form.whatHappensNext);
    assert.equal(inputValue(page.body, 'place'), form.place);
    assert.ok(checked(page.body, 'kind', 'taking_stock'));

    // Finishing it from the draft saves it.
    const saved = await agent.post(url, { ...formInputs(page.body, url), action: 'save' });
    assert.equal(saved.statusCode, 303);
    const [c] = await t.db.select().from(conversations).where(eq(conversations.personId, person.id));
    assert.equal(c.narrative, form.narrative);
    assert.equal(await draftOf(t.db, worker.id, person.id), null);
  });
});

describe('check backs', () => {
  const t = useTestApp();

  test('a check back due within a week is on the author’s home page until there is a later conversation', async () => {
    const { agent, worker } = await signedIn(t.app, t.db);
    const soon = await newPerson(t.db, { givenName: 'Nerys' });
    const later = await newPerson(t.db, { givenName: 'Owain' });
    const now = t.clock.now();
    await agent.get('/');
    const first = await agent.post(
      `/people/${soon.id}/conversations`,
      conversationForm(now, {
        ...dayParts('checkBackOn', now, 3),
        whatHappensNext: 'I will ring Nerys about the day centre.',
      }),
    );
    assert.equal(first.statusCode, 303);
    const farOff = await agent.post(
      `/people/${later.id}/conversations`,
      conversationForm(now, { ...dayParts('checkBackOn', now, 10) }),
    );
    assert.equal(farOff.statusCode, 303);

    let home = await agent.get('/');
    const dueDate = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London',
    }).format(new Date(isoDay(now, 3)));
    assert.match(
      home.body,
      new RegExp(
        `<strong>${dueDate}</strong>: <a class="govuk-link" href="/people/${soon.id}">Nerys ${soon.familyName}</a>`,
      ),
    );
    assert.match(home.body, /I will ring Nerys about the day centre\./);
    assert.ok(!shows(home.body, `Owain ${later.familyName}`), 'ten days away is not due this week');
    const { agent: colleague } = await signedIn(t.app, t.db);
    assert.ok(!shows((await colleague.get('/')).body, soon.familyName), 'on the author’s home page, not everyone’s');
    const personPage = await agent.get(`/people/${soon.id}`);
    assert.match(personPage.body, new RegExp(`Check back ${dueDate}`), 'due on the person’s page');

    // Two days later the worker has the conversation: the check back is done.
    t.clock.advanceMinutes(2 * 24 * 60);
    await agent.signIn(worker.email);
    await agent.get(`/people/${soon.id}/conversations/new`);
    const done = await agent.post(
      `/people/${soon.id}/conversations`,
      conversationForm(t.clock.now(), { whatHappensNext: 'Nothing more for now; Nerys will call if she needs us.' }),
    );
    assert.equal(done.statusCode, 303);
    home = await agent.get('/');
    assert.ok(!shows(home.body, `Nerys ${soon.familyName}`), 'done once they have talked again');
    assert.match(home.body, /No one is due a check back this week/);
  });
});
