import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { connections, directoryServices, people, postcodePoints, type Person } from '../../db/schema/index.js';
import {
  Agent,
  auditMark,
  attrs,
  errorSummary,
  fingerprintTables,
  has,
  inputValue,
  newWorker,
  page as parse,
  signedIn,
  texts,
  useTestApp,
} from '../../../test/helpers.js';

/** Whether a page links to this address. */
const linksTo = (html: string, href: string) => attrs(html, 'a', 'href').includes(href);
import { contactForm as frontDoorContact, newContact } from '../../../test/contact-factories.js';
import { newDirectoryOrganisation, newDirectoryService } from '../../../test/directory-factories.js';
import {
  auditSince,
  dayParts,
  isoDay,
  newConversation,
  newPerson,
  restrict,
  shows,
  textareaValue,
  uniqueFamilyName,
} from '../../../test/people-factories.js';

// Where the people in these tests live, and the resources around them.
const home = { postcode: 'NB2 6QT', latitude: 53.8, longitude: -1.55 };
const metresPerDegree = 111_320;

async function placePostcodes(db: Db) {
  await db
    .insert(postcodePoints)
    .values([
      { postcode: home.postcode, latitude: home.latitude, longitude: home.longitude },
      { postcode: 'NB2', latitude: home.latitude + 0.002, longitude: home.longitude },
      // A postcode the directory has no point for is "NB9 9ZZ".
    ])
    .onConflictDoNothing();
}

/** A resource with one location, `metresNorth` of the people's home. */
async function newResource(
  db: Db,
  opts: {
    name: string;
    description?: string;
    metresNorth?: number;
    withdrawn?: boolean;
    organisation?: string;
    status?: 'temporarily closed';
  },
) {
  const organisationId = opts.organisation ? await newDirectoryOrganisation(db, { name: opts.organisation }) : null;
  const latitude = home.latitude + (opts.metresNorth ?? 500) / metresPerDegree;
  const made = await newDirectoryService(db, {
    name: opts.name,
    description: opts.description ?? null,
    organisationId,
    withdrawn: opts.withdrawn,
    status: opts.status,
    locations: [{ name: opts.name, latitude, longitude: home.longitude }],
  });
  return made.id;
}

/** A word no other test uses, so each test finds only its own resources. */
const word = () => uniqueFamilyName().toLowerCase();

function connectionForm(now: Date, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    reason: 'Ray lights up talking about his allotment; he misses being outdoors with other people.',
    personWill: 'Go along on Tuesday morning with his neighbour.',
    workerWill: 'Ring the organiser to say he is coming.',
    providerWill: '',
    ...dayParts('followUpOn', now, 14),
    ...overrides,
  };
}

const connectionIdFrom = (location: unknown) => {
  const m = /^\/connections\/([0-9a-f-]{36})\?done=saved$/.exec(String(location));
  assert.ok(m, `redirected to the connection, not ${String(location)}`);
  return m[1];
};

const connectionRows = (db: Db, personId: string) =>
  db.select().from(connections).where(eq(connections.personId, personId));
const connectionRow = (db: Db, id: string) =>
  db
    .select()
    .from(connections)
    .where(eq(connections.id, id))
    .then((r) => r[0]);

/** The links to resources in the search results, in order. */
const resultLinks = (html: string, base: string) =>
  attrs(html, 'a', 'href')
    .filter((href) => /^[0-9a-f-]{36}$/.test(href.slice(base.length + 1)) && href.startsWith(`${base}/`))
    .map((href) => href.slice(base.length + 1));

describe('connecting a person to a resource', () => {
  const t = useTestApp();
  before(() => placePostcodes(t.db));

  /** A practitioner, a person living at `home`, and a conversation the practitioner had with them. */
  async function scene(personOverrides: Partial<Person> = {}) {
    const { agent, worker } = await signedIn(t.app, t.db);
    const person = await newPerson(t.db, {
      givenName: 'Raymond',
      preferredName: 'Ray',
      postcode: home.postcode,
      ...personOverrides,
    });
    const conversation = await newConversation(t.db, { personId: person.id, authorId: worker.id });
    return { agent, worker, person, conversation };
  }

  /** Connects through the pages, as a browser would; returns the new connection's id. */
  async function connectThroughPages(agent: Agent, from: string, serviceId: string, form: Record<string, string>) {
    const page = await agent.get(`${from}/connect/${serviceId}`);
    assert.equal(page.statusCode, 200);
    const res = await agent.post(`${from}/connect/${serviceId}`, form);
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return connectionIdFrom(res.headers.location);
  }

  test('from a conversation: finds resources near them by words, and the connection shows on the connection, the conversation, their page and timeline', async () => {
    const { agent, worker, person, conversation } = await scene();
    const w = word();
    const near = await newResource(t.db, {
      name: `Ashfield ${w} gardening group`,
      description: 'Growing vegetables together on the allotments, every Tuesday.',
      metresNorth: 800,
      organisation: 'Ashfield Allotments Society',
    });
    const further = await newResource(t.db, {
      name: `Beckside ${w} gardening club`,
      description: 'A gardening club in the park.',
      metresNorth: 2500,
    });
    const far = await newResource(t.db, {
      name: `Far ${w} gardening group`,
      description: 'Gardening, a long way off.',
      metresNorth: 30_000,
    });
    const other = await newResource(t.db, {
      name: `Ashfield ${w} knitting circle`,
      description: 'Knitting and a cup of tea.',
      metresNorth: 300,
    });
    const from = `/conversations/${conversation.id}`;

    // The conversation offers it.
    const talk = await agent.get(from);
    assert.equal(talk.statusCode, 200);
    assert.ok(linksTo(talk.body, `${from}/connect`), 'a "Connect to a resource" button');
    assert.ok(shows(talk.body, 'No connections to resources from this conversation.'));

    // The search starts from their postcode, and is sent by POST so the postcode stays out of the address.
    const start = await agent.get(`${from}/connect`);
    assert.equal(start.statusCode, 200);
    assert.equal(inputValue(start.body, 'postcode'), home.postcode);
    assert.ok(attrs(start.body, `form[action="${from}/connect"]`, 'method').includes('post'));

    const within2 = await agent.post(`${from}/connect`, {
      words: `${w} gardening`,
      postcode: home.postcode,
      distance: '2',
    });
    assert.equal(within2.statusCode, 200);
    const found = resultLinks(within2.body, `${from}/connect`);
    assert.deepEqual(
      found.filter((id) => [near, further, far, other].includes(id)).sort(),
      [near, further].sort(),
      'gardening within 2 miles; not the one 30 km away, nor the knitting circle',
    );
    assert.ok(shows(within2.body, '0.5 miles away') && shows(within2.body, 'Ashfield Allotments Society'));
    const within1 = await agent.post(`${from}/connect`, {
      words: `${w} gardening`,
      postcode: home.postcode,
      distance: '1',
    });
    assert.deepEqual(resultLinks(within1.body, `${from}/connect`), [near]);
    // Words alone search everywhere; a district alone lists what is near, nearest first.
    const anywhere = await agent.post(`${from}/connect`, { words: `${w} gardening`, postcode: '', distance: '2' });
    assert.deepEqual(
      resultLinks(anywhere.body, `${from}/connect`)
        .filter((id) => [near, further, far].includes(id))
        .sort(),
      [near, further, far].sort(),
    );
    const nearby = await agent.post(`${from}/connect`, { words: '', postcode: 'nb2', distance: '1' });
    const nearbyIds = resultLinks(nearby.body, `${from}/connect`);
    assert.ok(
      nearbyIds.indexOf(other) >= 0 && nearbyIds.indexOf(other) < nearbyIds.indexOf(near),
      'the knitting circle, 300 m away, before the gardening group, 800 m away',
    );
    assert.ok(!nearbyIds.includes(further) && !nearbyIds.includes(far));

    // Choosing one: the form, following up in two weeks unless changed.
    const chosen = await agent.get(`${from}/connect/${near}`);
    assert.equal(chosen.statusCode, 200);
    assert.ok(shows(chosen.body, `Ashfield ${w} gardening group`));
    const inTwoWeeks = dayParts('followUpOn', t.clock.now(), 14);
    for (const [k, v] of Object.entries(inTwoWeeks)) assert.equal(inputValue(chosen.body, k), v, k);

    const mark = await auditMark(t.db);
    const form = connectionForm(t.clock.now());
    const res = await agent.post(`${from}/connect/${near}`, form);
    assert.equal(res.statusCode, 303);
    const id = connectionIdFrom(res.headers.location);
    const row = await connectionRow(t.db, id);
    assert.deepEqual(
      {
        personId: row.personId,
        serviceId: row.serviceId,
        conversationId: row.conversationId,
        contactId: row.contactId,
        reason: row.reason,
        personWill: row.personWill,
        workerWill: row.workerWill,
        providerWill: row.providerWill,
        followUpOn: row.followUpOn,
        madeById: row.madeById,
        madeAt: row.madeAt,
        outcome: row.outcome,
      },
      {
        personId: person.id,
        serviceId: near,
        conversationId: conversation.id,
        contactId: null,
        reason: form.reason,
        personWill: form.personWill,
        workerWill: form.workerWill,
        providerWill: null,
        followUpOn: isoDay(t.clock.now(), 14),
        madeById: worker.id,
        madeAt: t.clock.now(),
        outcome: null,
      },
    );
    const audit = await auditSince(t.db, mark);
    assert.deepEqual(
      audit
        .filter((a) => a.entity === 'connection')
        .map((a) => [a.action, a.entityId, a.personId, a.workerId, (a.details as { serviceId: string }).serviceId]),
      [['create', id, person.id, worker.id, near]],
    );

    // The connection's page.
    const page = await agent.get(`/connections/${id}?done=saved`);
    assert.equal(page.statusCode, 200);
    for (const text of [
      'Connection saved.',
      `Ashfield ${w} gardening group`,
      form.reason,
      form.personWill,
      form.workerWill,
      'Follow-up not due yet',
      worker.name,
      'How did it go?',
    ])
      assert.ok(shows(page.body, text), text);
    assert.ok(linksTo(page.body, from), 'links to the conversation it came from');
    assert.ok(has(page.body, `form[action="/connections/${id}/follow-up"]`), 'the follow-up can be recorded early');

    // The conversation, their page and their timeline show it.
    const after = await agent.get(from);
    assert.ok(linksTo(after.body, `/connections/${id}`) && shows(after.body, `Ashfield ${w} gardening group`));
    const personPage = await agent.get(`/people/${person.id}`);
    assert.ok(linksTo(personPage.body, `/connections/${id}`));
    assert.ok(
      shows(
        personPage.body,
        `Connected ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(t.clock.now())} by ${worker.name}`,
      ),
    );
    assert.ok(shows(personPage.body, 'Follow-up not due yet'));
    const timeline = await agent.get(`/people/${person.id}/timeline`);
    assert.ok(linksTo(timeline.body, `/connections/${id}`) && shows(timeline.body, `Why: ${form.reason}`));
    assert.ok(linksTo(timeline.body, `/conversations/${conversation.id}`), 'with the conversation');
    const onlyConnections = await agent.get(`/people/${person.id}/timeline?kind=connections`);
    assert.ok(linksTo(onlyConnections.body, `/connections/${id}`));
    assert.ok(!linksTo(onlyConnections.body, `/conversations/${conversation.id}`), 'the filter shows connections only');
  });

  test('from a contact: the same, shown on the contact page', async () => {
    const { agent, worker, person } = await scene();
    const contact = await newContact(t.db, {
      personId: person.id,
      receivedById: worker.id,
      outcome: 'resolved',
      resolutionKind: 'connected',
      receivedAt: new Date(t.clock.now().getTime() - 3_600_000),
    });
    const w = word();
    const group = await newResource(t.db, {
      name: `${w} befriending`,
      description: 'A weekly phone call from a volunteer.',
    });
    const from = `/contacts/${contact.id}`;
    const page = await agent.get(from);
    assert.equal(page.statusCode, 200);
    assert.ok(linksTo(page.body, `${from}/connect`));
    const search = await agent.post(`${from}/connect`, {
      words: `${w} befriending`,
      postcode: home.postcode,
      distance: '5',
    });
    assert.deepEqual(resultLinks(search.body, `${from}/connect`), [group]);
    const id = await connectThroughPages(
      agent,
      from,
      group,
      connectionForm(t.clock.now(), {
        personWill: '',
        workerWill: '',
        providerWill: 'A volunteer will ring him on Monday.',
      }),
    );
    const row = await connectionRow(t.db, id);
    assert.equal(row.contactId, contact.id);
    assert.equal(row.conversationId, null);
    assert.equal(row.providerWill, 'A volunteer will ring him on Monday.');
    const after = await agent.get(from);
    assert.ok(linksTo(after.body, `/connections/${id}`) && shows(after.body, `${w} befriending`));
    const shown = await agent.get(`/connections/${id}`);
    assert.ok(linksTo(shown.body, from), 'links to the contact it came from');
  });

  test('the search explains what is wrong and keeps what was typed', async () => {
    const { agent, conversation } = await scene();
    const url = `/conversations/${conversation.id}/connect`;
    const cases: Array<[Record<string, string>, Array<[string, string]>]> = [
      [
        { words: ' ', postcode: '', distance: '2' },
        [['words', 'Enter what you are looking for, or a postcode to look near']],
      ],
      [
        { words: 'walking', postcode: 'not a postcode', distance: '2' },
        [['postcode', 'Enter a real postcode, like NB2 6QT, or the first part of one, like NB2']],
      ],
      [
        { words: 'walking', postcode: 'NB9 9ZZ', distance: '2' },
        [['postcode', 'We do not know where NB9 9ZZ is. Try the first part of the postcode, or leave it blank']],
      ],
      [
        { words: 'walking', postcode: home.postcode, distance: '500' },
        [['distance', 'Select how far from the postcode to look']],
      ],
    ];
    for (const [form, expected] of cases) {
      const res = await agent.post(url, form);
      assert.equal(res.statusCode, 400, JSON.stringify(form));
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        expected,
      );
      assert.equal(inputValue(res.body, 'words'), form.words.trim());
      assert.equal(inputValue(res.body, 'postcode'), form.postcode);
    }
  });

  test('a connection with something missing or wrong is explained, keeps what was typed, and stores nothing', async () => {
    const { agent, person, conversation } = await scene();
    const group = await newResource(t.db, { name: `${word()} walking group` });
    const url = `/conversations/${conversation.id}/connect/${group}`;
    await agent.get(url);
    const now = t.clock.now();
    const cases: Array<[Record<string, string>, Array<[string, string]>]> = [
      [
        {
          reason: ' ',
          personWill: '',
          workerWill: ' ',
          providerWill: '',
          'followUpOn-day': '',
          'followUpOn-month': '',
          'followUpOn-year': '',
        },
        [
          ['reason', 'Say why you are connecting them to this resource'],
          ['personWill', 'Say who will do what: them, you or the resource (at least one)'],
          ['followUpOn', 'Enter the date to follow up'],
        ],
      ],
      [dayParts('followUpOn', now, 0), [['followUpOn', 'The follow-up date must be in the future']]],
      [dayParts('followUpOn', now, -3), [['followUpOn', 'The follow-up date must be in the future']]],
      [
        { 'followUpOn-day': '31', 'followUpOn-month': '2', 'followUpOn-year': '2027' },
        [['followUpOn', 'The follow-up date must be a real date, like 27 3 1950']],
      ],
      [
        { 'followUpOn-day': '3', 'followUpOn-month': '', 'followUpOn-year': '2027' },
        [['followUpOn', 'The follow-up date must include a day, month and year']],
      ],
      [{ reason: 'x'.repeat(2001) }, [['reason', 'Why must be 2,000 characters or fewer']]],
    ];
    const before = await fingerprintTables(t.db);
    for (const [overrides, expected] of cases) {
      const form = connectionForm(now, overrides);
      const res = await agent.post(url, form);
      assert.equal(res.statusCode, 400, JSON.stringify(overrides));
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        expected,
      );
      assert.match(parse(res.body)('title').text(), /^Error: /);
      for (const k of ['reason', 'personWill', 'workerWill', 'providerWill'] as const)
        assert.equal(textareaValue(res.body, k), form[k], k);
      for (const k of ['followUpOn-day', 'followUpOn-month', 'followUpOn-year'] as const)
        assert.equal(inputValue(res.body, k), form[k], k);
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
    assert.equal((await connectionRows(t.db, person.id)).length, 0);
  });

  test('withdrawn resources cannot be chosen: not listed, not by their address, and not when withdrawn while the form is open', async () => {
    const { agent, person, conversation } = await scene();
    const w = word();
    const listed = await newResource(t.db, { name: `${w} lunch club` });
    const withdrawn = await newResource(t.db, { name: `${w} lunch club at the old hall`, withdrawn: true });
    const from = `/conversations/${conversation.id}`;
    const closed = await newResource(t.db, { name: `${w} lunch club in the chapel`, status: 'temporarily closed' });
    const search = await agent.post(`${from}/connect`, { words: `${w} lunch club`, postcode: '', distance: '2' });
    assert.deepEqual(resultLinks(search.body, `${from}/connect`).sort(), [listed, closed].sort());
    assert.ok(shows(search.body, 'Temporarily closed'), 'a resource closed for now is listed, and says so');
    // It can still be chosen (it may reopen by the time they go), with a warning to check first.
    assert.ok(
      shows(
        (await agent.get(`${from}/connect/${closed}`)).body,
        'The directory says this resource is temporarily closed. Check with them before Ray goes.',
      ),
    );

    const before = await fingerprintTables(t.db);
    const byAddress = await agent.get(`${from}/connect/${withdrawn}`);
    assert.equal(byAddress.statusCode, 409);
    assert.deepEqual(
      errorSummary(byAddress.body).map((e) => e.text),
      ['That resource has been withdrawn from the directory, so no one can be connected to it. Choose another.'],
    );
    const posted = await agent.post(`${from}/connect/${withdrawn}`, connectionForm(t.clock.now()));
    assert.equal(posted.statusCode, 409);
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');

    // Open the form, then the resource is withdrawn before it is sent.
    await agent.get(`${from}/connect/${listed}`);
    await t.db
      .update(directoryServices)
      .set({ withdrawnAt: t.clock.now(), withdrawnReason: 'Closed' })
      .where(eq(directoryServices.id, listed));
    const late = await agent.post(`${from}/connect/${listed}`, connectionForm(t.clock.now()));
    assert.equal(late.statusCode, 409);
    assert.equal((await connectionRows(t.db, person.id)).length, 0);

    // A resource that does not exist is simply not found.
    assert.equal((await agent.get(`${from}/connect/${randomUUID()}`)).statusCode, 404);
    assert.equal((await agent.post(`${from}/connect/${randomUUID()}`, connectionForm(t.clock.now()))).statusCode, 404);
  });

  /** Signs in again: moving the clock days on ends every session. */
  async function again(email: string) {
    const agent = new Agent(t.app);
    assert.equal((await agent.signIn(email)).statusCode, 303);
    return agent;
  }
  const days = (n: number) => t.clock.advanceMinutes(n * 24 * 60);

  test('follow-ups show on the home page of the worker who made them and of the named worker, from the day they are due until recorded', async () => {
    const saved = t.clock.time;
    try {
      const { agent, worker, person, conversation } = await scene();
      const named = await newWorker(t.db);
      await t.db.update(people).set({ namedWorkerId: named.id }).where(eq(people.id, person.id));
      const bystander = await newWorker(t.db, { teamId: worker.teamId });
      const w = word();
      const group = await newResource(t.db, { name: `${w} men’s shed` });
      const id = await connectThroughPages(
        agent,
        `/conversations/${conversation.id}`,
        group,
        connectionForm(t.clock.now()),
      );
      const listed = (body: string) => linksTo(body, `/connections/${id}`);
      const homes = async () => {
        const out: Record<string, string> = {};
        for (const [who, email] of [
          ['maker', worker.email],
          ['named', named.email],
          ['bystander', bystander.email],
        ])
          out[who] = (await (await again(email)).get('/')).body;
        return out;
      };

      let pages = await homes();
      assert.ok(
        !listed(pages.maker) && !listed(pages.named) && !listed(pages.bystander),
        'not due yet: on no one’s home page',
      );
      assert.ok(shows(pages.maker, 'No connections are due a follow-up.'));
      days(13);
      pages = await homes();
      assert.ok(!listed(pages.maker) && !listed(pages.named), 'the day before: not yet');

      days(1);
      pages = await homes();
      assert.ok(
        listed(pages.maker) && listed(pages.named),
        'due today: on the home page of whoever made it and of the named worker',
      );
      assert.ok(!listed(pages.bystander), 'not on anyone else’s');
      assert.ok(shows(pages.maker, `how did Ray ${person.familyName} get on with ${w} men’s shed?`));
      assert.ok(!texts(pages.maker, '.govuk-tag--red').some((tag) => tag.startsWith('Overdue')));
      const maker = await again(worker.email);
      assert.ok(shows((await maker.get(`/connections/${id}`)).body, 'Follow-up due today'));
      assert.ok(shows((await maker.get(`/people/${person.id}`)).body, 'Follow-up due today'));

      days(3);
      pages = await homes();
      assert.ok(listed(pages.maker) && listed(pages.named));
      assert.ok(texts(pages.maker, '.govuk-tag--red').some((tag) => tag.startsWith('Overdue')));
      const late = await again(named.email);
      assert.ok(shows((await late.get(`/connections/${id}`)).body, 'Follow-up overdue'));
      assert.ok(shows((await late.get(`/people/${person.id}`)).body, 'Follow-up overdue'));

      // Recorded by the named worker: gone from both home pages.
      assert.equal(
        (await late.post(`/connections/${id}/follow-up`, { outcome: 'helped', outcomeNote: '' })).statusCode,
        303,
      );
      pages = await homes();
      assert.ok(!listed(pages.maker) && !listed(pages.named));
    } finally {
      t.clock.time = saved;
    }
  });

  test('how did it go: helped, did not help or did not happen and why; recorded once, audited, and shown', async () => {
    const { agent, person, conversation } = await scene();
    const w = word();
    const group = await newResource(t.db, { name: `${w} dementia café` });
    const id = await connectThroughPages(
      agent,
      `/conversations/${conversation.id}`,
      group,
      connectionForm(t.clock.now()),
    );
    const url = `/connections/${id}/follow-up`;

    const before = await fingerprintTables(t.db);
    const cases: Array<[Record<string, string>, Array<[string, string]>]> = [
      [{ outcomeNote: 'He went twice.' }, [['outcome', 'Select how it went']]],
      [{ outcome: 'sort_of', outcomeNote: '' }, [['outcome', 'Select how it went']]],
      [{ outcome: 'did_not_happen', outcomeNote: ' ' }, [['outcomeNote', 'Say why it did not happen']]],
      [{ outcome: 'did_not_help', outcomeNote: '' }, [['outcomeNote', 'Say why it did not help']]],
      [
        { outcome: 'helped', outcomeNote: 'y'.repeat(2001) },
        [['outcomeNote', 'What happened must be 2,000 characters or fewer']],
      ],
    ];
    for (const [form, expected] of cases) {
      const res = await agent.post(url, form);
      assert.equal(res.statusCode, 400, JSON.stringify(form));
      assert.deepEqual(
        errorSummary(res.body).map((e) => [e.field, e.text]),
        expected,
      );
      assert.equal(textareaValue(res.body, 'outcomeNote'), form.outcomeNote);
      if (form.outcome === 'did_not_help')
        assert.match(
          res.body,
          /<input[^>]*name="outcome"[^>]*value="did_not_help"[^>]*checked/,
          'the choice stays chosen',
        );
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');

    // Someone else who may write to the person's record records it, before the follow-up date.
    const colleague = await signedIn(t.app, t.db);
    const mark = await auditMark(t.db);
    const note = 'The bus did not come, and he did not want to walk in the rain. He wants to try again in the spring.';
    const res = await colleague.agent.post(url, { outcome: 'did_not_happen', outcomeNote: note });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/connections/${id}?done=followed-up`);
    const row = await connectionRow(t.db, id);
    assert.deepEqual(
      [row.outcome, row.outcomeNote, row.followedUpById, row.followedUpAt],
      ['did_not_happen', note, colleague.worker.id, t.clock.now()],
    );
    const audit = (await auditSince(t.db, mark)).filter((a) => a.entity === 'connection');
    assert.deepEqual(
      audit.map((a) => [a.action, a.entityId, a.personId, a.workerId, (a.details as { outcome: string }).outcome]),
      [['update', id, person.id, colleague.worker.id, 'did_not_happen']],
    );

    // Shown on the connection (no form any more), their page and timeline.
    const page = await agent.get(`/connections/${id}`);
    for (const text of ['It did not happen.', `Recorded by ${colleague.worker.name}`, note, 'Did not happen'])
      assert.ok(shows(page.body, text), text);
    assert.ok(!has(page.body, `form[action="${url}"]`));
    assert.ok(shows((await agent.get(`/people/${person.id}`)).body, 'Did not happen'));
    assert.ok(
      shows(
        (await agent.get(`/people/${person.id}/timeline`)).body,
        `by ${colleague.worker.name}: ${note.slice(0, 40)}`,
      ),
    );

    // Once only: a second answer is refused, and the first stands.
    const second = await agent.post(url, { outcome: 'helped', outcomeNote: '' });
    assert.equal(second.statusCode, 409);
    assert.ok(shows(second.body, 'Someone else recorded how it went first'));
    assert.equal((await connectionRow(t.db, id)).outcome, 'did_not_happen');
    assert.equal((await connectionRow(t.db, id)).followedUpById, colleague.worker.id);
  });

  test('access: partners find nothing, quality reads but cannot connect or follow up, restricted records show nothing of their connections', async () => {
    const { agent, worker, person, conversation } = await scene();
    const contact = await newContact(t.db, { personId: person.id });
    const group = await newResource(t.db, { name: `${word()} choir` });
    const id = await connectThroughPages(
      agent,
      `/conversations/${conversation.id}`,
      group,
      connectionForm(t.clock.now()),
    );
    const secret = 'Ray lights up talking about his allotment';

    const writes: Array<[string, Record<string, string>]> = [
      [`/conversations/${conversation.id}/connect`, { words: 'choir', postcode: '', distance: '2' }],
      [`/conversations/${conversation.id}/connect/${group}`, connectionForm(t.clock.now())],
      [`/contacts/${contact.id}/connect`, { words: 'choir', postcode: '', distance: '2' }],
      [`/contacts/${contact.id}/connect/${group}`, connectionForm(t.clock.now())],
      [`/connections/${id}/follow-up`, { outcome: 'helped', outcomeNote: '' }],
      [
        `/contacts/${contact.id}/connect/informal`,
        connectionForm(t.clock.now(), { informalName: 'A neighbour’s garden' }),
      ],
    ];
    const reads = [
      `/conversations/${conversation.id}/connect`,
      `/conversations/${conversation.id}/connect/${group}`,
      `/contacts/${contact.id}/connect`,
      `/contacts/${contact.id}/connect/${group}`,
      `/contacts/${contact.id}/connect/informal`,
    ];
    const partner = await signedIn(t.app, t.db, { role: 'partner' });
    const quality = await signedIn(t.app, t.db, { role: 'quality' });
    const before = await fingerprintTables(t.db);

    // Partners: not found, whatever they try.
    for (const url of [...reads, `/connections/${id}`])
      assert.equal((await partner.agent.get(url)).statusCode, 404, `partner GET ${url}`);
    for (const [url, form] of writes)
      assert.equal((await partner.agent.post(url, form)).statusCode, 404, `partner POST ${url}`);
    assert.ok(!(await partner.agent.get('/')).body.includes(`/connections/${id}`));

    // Quality: reads the connection, but does not connect or record.
    for (const url of reads) assert.equal((await quality.agent.get(url)).statusCode, 403, `quality GET ${url}`);
    for (const [url, form] of writes)
      assert.equal((await quality.agent.post(url, form)).statusCode, 403, `quality POST ${url}`);
    const read = await quality.agent.get(`/connections/${id}`);
    assert.equal(read.statusCode, 200);
    assert.ok(shows(read.body, secret));
    assert.ok(!has(read.body, `form[action="/connections/${id}/follow-up"]`), 'no follow-up form');
    assert.ok(
      !(await quality.agent.get(`/conversations/${conversation.id}`)).body.includes(
        `href="/conversations/${conversation.id}/connect"`,
      ),
      'no connect button',
    );

    // Signed out: sent to sign in, or refused.
    const stranger = new Agent(t.app);
    assert.equal((await stranger.get(`/connections/${id}`)).statusCode, 303);
    await stranger.get('/sign-in');
    for (const [url, form] of writes)
      assert.equal((await stranger.post(url, form)).statusCode, 401, `signed out POST ${url}`);
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing changed');

    // Restricted: only those on the list see the connection; to anyone else it does not exist.
    const listedWorker = await signedIn(t.app, t.db);
    await restrict(t.db, person.id, { workerIds: [listedWorker.worker.id] });
    const outsider = await signedIn(t.app, t.db);
    const hidden = await outsider.agent.get(`/connections/${id}`);
    assert.equal(hidden.statusCode, 404);
    assert.ok(!shows(hidden.body, secret) && !hidden.body.includes(person.id));
    const refused = await outsider.agent.post(`/connections/${id}/follow-up`, { outcome: 'helped', outcomeNote: '' });
    assert.equal(refused.statusCode, 404);
    for (const url of reads) {
      const res = await outsider.agent.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.ok(
        shows(res.body, 'This record is restricted') && !shows(res.body, secret) && !shows(res.body, 'choir'),
        url,
      );
    }
    assert.equal((await outsider.agent.post(writes[1][0], writes[1][1])).statusCode, 403);
    assert.equal((await connectionRow(t.db, id)).outcome, null);
    assert.equal((await connectionRows(t.db, person.id)).length, 1);
    const allowed = await listedWorker.agent.get(`/connections/${id}`);
    assert.equal(allowed.statusCode, 200);
    assert.ok(shows(allowed.body, secret));

    // Their follow-up on the home page of someone who can no longer open the record: no name, no resource.
    const saved = t.clock.time;
    try {
      days(15);
      const maker = await again(worker.email);
      const homePage = await maker.get('/');
      assert.ok(shows(homePage.body, 'a connection for a restricted record'));
      assert.ok(!shows(homePage.body, person.familyName));
      assert.ok(!homePage.body.includes(`/connections/${id}`));
    } finally {
      t.clock.time = saved;
    }
  });

  test('counts: the resource’s page counts the connections made to it and how they went, naming no one', async () => {
    const { agent, worker, person, conversation } = await scene();
    const group = await newResource(t.db, { name: `${word()} walking football` });
    const others = await Promise.all([
      newPerson(t.db, { givenName: 'Desmond', postcode: home.postcode }),
      newPerson(t.db, { givenName: 'Winston', postcode: home.postcode }),
    ]);
    const talks = [
      conversation,
      ...(await Promise.all(others.map((p) => newConversation(t.db, { personId: p.id, authorId: worker.id })))),
    ];
    const ids = [];
    for (const c of talks)
      ids.push(await connectThroughPages(agent, `/conversations/${c.id}`, group, connectionForm(t.clock.now())));
    assert.equal(
      (await agent.post(`/connections/${ids[0]}/follow-up`, { outcome: 'helped', outcomeNote: '' })).statusCode,
      303,
    );
    assert.equal(
      (
        await agent.post(`/connections/${ids[1]}/follow-up`, {
          outcome: 'did_not_happen',
          outcomeNote: 'His knee is bad again.',
        })
      ).statusCode,
      303,
    );

    const page = await agent.get(`/directory/${group}`);
    assert.equal(page.statusCode, 200);
    assert.ok(shows(page.body, 'Workers have connected 3 people to it.'));
    const $ = parse(page.body);
    const counts = Object.fromEntries(
      $('.govuk-summary-list__row')
        .toArray()
        .map((row) => [
          $(row).children('.govuk-summary-list__key').text().trim(),
          $(row).children('.govuk-summary-list__value').text().trim(),
        ]),
    );
    assert.deepEqual(
      {
        helped: counts['It helped'],
        didNotHelp: counts['It did not help'],
        didNotHappen: counts['It did not happen'],
        waiting: counts['Waiting for follow-up'],
      },
      { helped: '1', didNotHelp: '0', didNotHappen: '1', waiting: '1' },
    );
    for (const p of [person, ...others]) assert.ok(!shows(page.body, p.familyName), 'counts only: no one named');
    assert.ok(!shows(page.body, 'His knee is bad again.'));
  });

  test('something not in the directory: a named informal connection from a contact, with the same follow-up, shown wherever connections are', async () => {
    const { agent, worker, person } = await scene();
    const contact = await newContact(t.db, {
      personId: person.id,
      receivedById: worker.id,
      outcome: 'resolved',
      resolutionKind: 'connected',
      receivedAt: new Date(t.clock.now().getTime() - 3_600_000),
    });
    const from = `/contacts/${contact.id}`;
    const search = await agent.get(`${from}/connect`);
    assert.ok(
      linksTo(search.body, `${from}/connect/informal`),
      'the search page offers something not in the directory',
    );
    const page = await agent.get(`${from}/connect/informal`);
    assert.equal(page.statusCode, 200);
    assert.ok(shows(page.body, 'What or who is it?') && shows(page.body, 'Suggest it for the directory'));

    const mark = await auditMark(t.db);
    const name = `Mrs ${uniqueFamilyName()}’s allotment next door`;
    const res = await agent.post(
      `${from}/connect/informal`,
      connectionForm(t.clock.now(), {
        informalName: name,
        informalDetail: 'She is there most mornings and would welcome a hand.',
        providerWill: 'Show him the raised beds.',
      }),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const id = connectionIdFrom(res.headers.location);
    const row = await connectionRow(t.db, id);
    assert.deepEqual(
      {
        serviceId: row.serviceId,
        informalName: row.informalName,
        informalDetail: row.informalDetail,
        suggested: row.suggestedForDirectory,
        contactId: row.contactId,
        followUpOn: row.followUpOn,
        madeById: row.madeById,
      },
      {
        serviceId: null,
        informalName: name,
        informalDetail: 'She is there most mornings and would welcome a hand.',
        suggested: false,
        contactId: contact.id,
        followUpOn: isoDay(t.clock.now(), 14),
        madeById: worker.id,
      },
    );
    assert.deepEqual(
      (await auditSince(t.db, mark))
        .filter((a) => a.entity === 'connection')
        .map((a) => [a.action, a.entityId, a.personId]),
      [['create', id, person.id]],
    );

    const shown = await agent.get(`/connections/${id}`);
    for (const text of [
      name,
      'not in the directory',
      'She is there most mornings',
      'Show him the raised beds.',
      'How did it go?',
    ])
      assert.ok(shows(shown.body, text), text);
    assert.ok(
      !attrs(shown.body, 'a', 'href').some((href) => href.startsWith('/directory/')),
      'no link to a directory page it does not have',
    );
    for (const url of [from, `/people/${person.id}`, `/people/${person.id}/timeline`])
      assert.ok(linksTo((await agent.get(url)).body, `/connections/${id}`), url);

    // The same follow-up: on the home page when due, and recorded once.
    const saved = t.clock.time;
    try {
      days(14);
      const home = await (await again(worker.email)).get('/');
      assert.ok(linksTo(home.body, `/connections/${id}`) && shows(home.body, name));
      assert.equal(
        (await (await again(worker.email)).post(`/connections/${id}/follow-up`, { outcome: 'helped', outcomeNote: '' }))
          .statusCode,
        303,
      );
      assert.equal((await connectionRow(t.db, id)).outcome, 'helped');
    } finally {
      t.clock.time = saved;
    }
  });

  test('a contact resolved by connecting them goes straight on to whom: the directory, or something not in it', async () => {
    const { agent, person } = await scene();
    const saved = await agent.post(
      `/people/${person.id}/contacts`,
      frontDoorContact({
        outcome: 'resolved',
        resolutionKind: 'connected',
        resolutionDetail: '',
        whatHappensNext: 'Ray will go to the allotment on Tuesday; I will ring him after.',
      }),
    );
    assert.equal(
      saved.statusCode,
      303,
      errorSummary(saved.body)
        .map((e) => e.text)
        .join('; '),
    );
    const m = /^\/contacts\/([0-9a-f-]{36})\/connect\?done=saved$/.exec(String(saved.headers.location));
    assert.ok(m, `on to connecting, not ${String(saved.headers.location)}`);
    const page = await agent.get(String(saved.headers.location));
    assert.equal(page.statusCode, 200);
    assert.ok(shows(page.body, 'Contact saved. Now say who you connected them to'));
    assert.ok(
      page.body.includes(`data-hearth-finished-draft="/people/${person.id}/contacts/draft"`),
      'the browser’s copy of the draft can go: the contact is saved',
    );
    assert.ok(linksTo(page.body, `/contacts/${m[1]}/connect/informal`));
    // Information and advice still says what was given.
    const advice = await agent.post(
      `/people/${person.id}/contacts`,
      frontDoorContact({ outcome: 'resolved', resolutionKind: 'information_advice', resolutionDetail: '' }),
    );
    assert.equal(advice.statusCode, 400);
    assert.deepEqual(
      errorSummary(advice.body).map((e) => e.text),
      ['Say what information was given'],
    );
  });

  test('an informal connection without its name is explained, keeps what was typed, and stores nothing', async () => {
    const { agent, person, conversation } = await scene();
    const before = await fingerprintTables(t.db);
    const res = await agent.post(
      `/conversations/${conversation.id}/connect/informal`,
      connectionForm(t.clock.now(), {
        informalName: '  ',
        informalDetail: 'Tuesdays at the church hall',
        suggestForDirectory: 'yes',
        personWill: '',
        workerWill: '',
        providerWill: '',
      }),
    );
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      errorSummary(res.body).map((e) => e.field),
      ['informalName', 'personWill'],
    );
    assert.ok(shows(res.body, 'Say what or who they were connected to'));
    assert.ok(
      res.body.includes('Tuesdays at the church hall') && has(res.body, 'input[value="yes"][checked]'),
      'what was typed is kept',
    );
    assert.deepEqual(await fingerprintTables(t.db), before);
    assert.equal((await connectionRows(t.db, person.id)).length, 0);
  });

  test('suggested for the directory: its editors see what it is and who suggested it, never whom it was for, and add it or set it aside', async () => {
    const { agent, worker, person, conversation } = await scene();
    const from = `/conversations/${conversation.id}/connect/informal`;
    const added = `${uniqueFamilyName()} Tuesday lunch club`;
    const setAside = `${uniqueFamilyName()}’s spare bike`;
    const secret = 'Ray lights up talking about his allotment';
    const one = connectionIdFrom(
      (
        await agent.post(
          from,
          connectionForm(t.clock.now(), {
            informalName: added,
            informalDetail: 'St Anne’s hall, Tuesdays at noon, £3',
            suggestForDirectory: 'yes',
          }),
        )
      ).headers.location,
    );
    const two = connectionIdFrom(
      (await agent.post(from, connectionForm(t.clock.now(), { informalName: setAside, suggestForDirectory: 'yes' })))
        .headers.location,
    );
    assert.ok(shows((await agent.get(`/connections/${one}`)).body, 'suggested for it'));

    // Only the directory's editors see the suggestions.
    assert.equal((await agent.get('/directory/suggestions')).statusCode, 403);
    assert.equal((await agent.post(`/directory/suggestions/${one}/set-aside`, {})).statusCode, 403);
    const editor = await signedIn(t.app, t.db, { role: 'admin' });
    const mark = await auditMark(t.db);
    assert.ok(linksTo((await editor.agent.get('/directory')).body, '/directory/suggestions'));
    const list = await editor.agent.get('/directory/suggestions');
    assert.equal(list.statusCode, 200);
    for (const text of [added, 'St Anne’s hall, Tuesdays at noon, £3', setAside, worker.name])
      assert.ok(shows(list.body, text), text);
    for (const text of [person.familyName, secret]) assert.ok(!shows(list.body, text), `not ${text}`);

    // Added: the resource form starts from it, and once saved the suggestion has gone from the list.
    const form = await editor.agent.get(`/directory/new?suggestion=${one}`);
    assert.equal(inputValue(form.body, 'name'), added);
    assert.ok(shows(form.body, 'St Anne’s hall, Tuesdays at noon, £3'));
    const saved = await editor.agent.post('/directory', {
      suggestion: one,
      name: added,
      description: 'A hot lunch and company, Tuesdays at noon.',
      status: 'active',
      organisationId: 'new',
      newOrganisationName: `${added} committee`,
    });
    assert.equal(
      saved.statusCode,
      303,
      errorSummary(saved.body)
        .map((e) => e.text)
        .join('; '),
    );
    // Set aside: gone too, and a second editor's click changes nothing.
    assert.equal((await editor.agent.post(`/directory/suggestions/${two}/set-aside`, {})).statusCode, 303);
    assert.equal((await editor.agent.post(`/directory/suggestions/${two}/set-aside`, {})).statusCode, 303);
    const after = await editor.agent.get('/directory/suggestions');
    assert.ok(!shows(after.body, added) && !shows(after.body, setAside));
    assert.ok(
      (await connectionRow(t.db, one)).suggestionHandledAt && (await connectionRow(t.db, two)).suggestionHandledAt,
    );
    const decided = (await auditSince(t.db, mark)).filter(
      (a) => a.entity === 'directory_suggestion' && [one, two].includes(a.entityId!),
    );
    assert.deepEqual(
      decided.map((a) => [a.entityId, (a.details as { added: boolean }).added]).sort(),
      [
        [one, true],
        [two, false],
      ].sort(),
    );
    // The connections themselves are untouched: still Ray's, with their follow-up.
    assert.equal((await connectionRow(t.db, one)).outcome, null);
  });

  test('tampered ids: another conversation’s, a contact’s id as a conversation’s, ids that are not ids', async () => {
    const { agent, person, conversation } = await scene();
    const group = await newResource(t.db, { name: `${word()} swimming` });
    const contact = await newContact(t.db, { personId: person.id });
    const before = await fingerprintTables(t.db);
    const form = connectionForm(t.clock.now());
    for (const url of [
      `/conversations/${contact.id}/connect/${group}`,
      `/contacts/${conversation.id}/connect/${group}`,
      `/conversations/${conversation.id}/connect/${conversation.id}`,
      `/conversations/${randomUUID()}/connect/${group}`,
      `/conversations/not-an-id/connect/${group}`,
      `/conversations/${conversation.id}/connect/1'%20OR%20'1'%3D'1`,
    ]) {
      assert.equal((await agent.get(url)).statusCode, 404, `GET ${url}`);
      assert.equal((await agent.post(url, form)).statusCode, 404, `POST ${url}`);
    }
    for (const url of [`/connections/${conversation.id}`, `/connections/${randomUUID()}`, '/connections/abc']) {
      assert.equal((await agent.get(url)).statusCode, 404, url);
      assert.equal((await agent.post(`${url}/follow-up`, { outcome: 'helped' })).statusCode, 404, url);
    }
    assert.deepEqual(await fingerprintTables(t.db), before, 'nothing stored');
  });
});
