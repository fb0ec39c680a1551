import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Tokens from '@fastify/csrf';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditEvents, organisations, sessions, signInFailures } from '../../db/schema/index.js';
import {
  Agent,
  anotherInstance,
  has,
  inputValue,
  newWorker,
  page as parse,
  testPassword,
  useTestApp,
} from '../../../test/helpers.js';

describe('signing in and out', () => {
  const t = useTestApp();

  test('a worker signs in, sees their home page, and signs out', async () => {
    const worker = await newWorker(t.db, { role: 'practitioner' });
    const agent = new Agent(t.app);
    const signIn = await agent.signIn(worker.email);
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/');
    const home = await agent.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Your work today/);
    assert.match(home.body, new RegExp(worker.name));

    const out = await agent.post('/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal((await agent.get('/')).statusCode, 303, 'signed out: home redirects to sign in');

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.workerId, worker.id));
    assert.deepEqual(
      events.map((e) => e.action),
      ['sign_in', 'sign_out'],
    );
  });

  test('signing out, and the time-out, tell the browser to forget what Hearth kept in it', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    const plain = await agent.get('/sign-in');
    assert.doesNotMatch(plain.body, /data-hearth-signed-out/, 'an ordinary sign-in page leaves the browser alone');
    await agent.signIn(worker.email);
    const out = await agent.post('/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers['clear-site-data'], '"storage"');
    // ... and the page script clears Hearth's keys too, on the pages a signed-out worker lands on.
    for (const url of ['/signed-out', '/sign-in?timedout=1']) {
      const marker = parse((await agent.get(url)).body)('div[data-hearth-signed-out]');
      assert.equal(marker.length, 1, url);
      assert.ok(marker.is('[hidden]') && marker.contents().length === 0, url);
    }
  });

  test('the session cookie is HttpOnly and SameSite, made only at sign-in, and a session from before is not kept', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    await agent.post('/sign-in', { email: worker.email, password: 'wrong password!' });
    assert.equal(
      agent.cookies.get('hearth_session'),
      undefined,
      'a visitor, even one who failed to sign in, has no session',
    );
    // A timed-out session is kept to say why on the sign-in page; signing in replaces it.
    await agent.signIn(worker.email);
    t.clock.advanceMinutes(31);
    await agent.get('/sign-in');
    const before = agent.cookies.get('hearth_session');
    assert.ok(before, 'the ended session says why');
    const res = await agent.post('/sign-in', { email: worker.email, password: testPassword });
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /hearth_session=/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.doesNotMatch(cookie, /Secure/, 'not Secure outside production');
    assert.notEqual(agent.cookies.get('hearth_session'), before);
  });

  test('a wrong password, an unknown email and a deactivated account all get the same answer', async () => {
    const worker = await newWorker(t.db);
    const inactive = await newWorker(t.db, { active: false });
    const answers = [];
    for (const [email, password] of [
      [worker.email, 'not the password'],
      ['nobody@test.example', testPassword],
      [inactive.email, testPassword],
    ]) {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const res = await agent.post('/sign-in', { email, password });
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Enter a correct email address and password/);
      assert.ok(has(res.body, '.govuk-error-summary'));
      assert.doesNotMatch(res.body, new RegExp(password), 'the password is never shown again');
      assert.equal((await agent.get('/')).statusCode, 303, 'not signed in');
      answers.push(res.body.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, ''));
    }
    assert.equal(answers[0], answers[1].replace('nobody@test.example', worker.email));
    const failed = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'sign_in_failed'), eq(auditEvents.workerId, worker.id)));
    assert.equal(failed.length, 1, 'the failed sign-in is audited against the account tried');
  });

  test('a blank form is explained field by field and keeps the email typed', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in', { email: 'someone@test.example', password: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter your password/);
    assert.equal(inputValue(res.body, 'email'), 'someone@test.example');
  });

  test('a form without a CSRF token, or with a forged one, is refused and changes nothing', async () => {
    const worker = await newWorker(t.db);
    for (const csrf of [null, 'forged-token']) {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const res = await agent.post('/sign-in', { email: worker.email, password: testPassword }, { csrf });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /This form has expired/);
      assert.equal((await agent.get('/')).statusCode, 303, 'not signed in');
    }
    const signIns = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workerId, worker.id), eq(auditEvents.action, 'sign_in')));
    assert.equal(signIns.length, 0);
  });

  test('a token from another session does not work', async () => {
    const worker = await newWorker(t.db);
    const other = new Agent(t.app);
    await other.get('/sign-in');
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.post(
      '/sign-in',
      { email: worker.email, password: testPassword },
      { csrf: other.csrfToken },
    );
    assert.equal(res.statusCode, 403);
  });

  test('after sign-in the worker goes back to the page they asked for, never to another site', async () => {
    const worker = await newWorker(t.db, { role: 'admin' });
    const agent = new Agent(t.app);
    const asked = await agent.get('/admin/workers');
    assert.equal(asked.headers.location, '/sign-in?next=%2Fadmin%2Fworkers');
    await agent.get('/sign-in?next=%2Fadmin%2Fworkers');
    const res = await agent.post('/sign-in', { email: worker.email, password: testPassword, next: '/admin/workers' });
    assert.equal(res.headers.location, '/admin/workers');

    const other = new Agent(t.app);
    await other.get('/sign-in');
    const evil = await other.post('/sign-in', { email: worker.email, password: testPassword, next: '//evil.example/' });
    assert.equal(evil.headers.location, '/');
  });
});

describe('the idle time-out and session lifetime', () => {
  const t = useTestApp({ IDLE_TIMEOUT_MINUTES: '30', TIMEOUT_WARNING_MINUTES: '2', SESSION_MAX_HOURS: '2' });

  test('a session idle for longer than the time-out ends, and the worker is told why', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    t.clock.advanceMinutes(29);
    assert.equal((await agent.get('/')).statusCode, 200, 'still signed in after 29 minutes');
    t.clock.advanceMinutes(29);
    assert.equal((await agent.get('/')).statusCode, 200, 'activity renewed the session');
    t.clock.advanceMinutes(31);
    const res = await agent.get('/');
    assert.equal(res.statusCode, 303);
    const page = await agent.get(res.headers.location as string);
    assert.match(page.body, /You were signed out because you had not used Hearth for a while/);
    const ended = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workerId, worker.id), eq(auditEvents.action, 'session_ended')));
    assert.equal(ended.length, 1);
  });

  test('the time-out warning is on every signed-in page, with the settings it counts down from', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    const res = await agent.get('/');
    const warning = parse(res.body)('#timeout-warning');
    assert.equal(warning.length, 1);
    assert.equal(warning.attr('data-idle-ms'), '1800000');
    assert.equal(warning.attr('data-warning-ms'), '120000');
  });

  test('"Stay signed in" renews the session', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    await agent.get('/');
    t.clock.advanceMinutes(28);
    const keep = await agent.post('/session/keep-alive', {}, { headers: { accept: 'application/json' } });
    assert.equal(keep.statusCode, 200);
    t.clock.advanceMinutes(28);
    assert.equal((await agent.get('/')).statusCode, 200);
  });

  test('no session outlives its absolute lifetime, however busy', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    for (let i = 0; i < 4; i++) {
      t.clock.advanceMinutes(25);
      assert.equal((await agent.get('/')).statusCode, 200);
    }
    t.clock.advanceMinutes(25); // 125 minutes after signing in, with a lifetime of 120
    const res = await agent.get('/');
    assert.equal(res.statusCode, 303);
    assert.match((await agent.get(res.headers.location as string)).body, /reached its time limit/);
  });

  test('sessions are kept in the database, not in the process', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    const rows = await t.db.select().from(sessions).where(eq(sessions.workerId, worker.id));
    assert.equal(rows.length, 1);
    await agent.post('/sign-out');
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.workerId, worker.id))).length, 0);
  });
});

describe('rate limiting', () => {
  const t = useTestApp({ SIGN_IN_ATTEMPTS_PER_15_MINUTES: '3' });
  test('repeated failed sign-ins are slowed, and the answer is the same for accounts that do not exist', async () => {
    const worker = await newWorker(t.db);
    for (const email of [worker.email, 'nobody@test.example']) {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await agent.post('/sign-in', { email, password: 'wrong password' })).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const last = await agent.post('/sign-in', { email, password: email === worker.email ? testPassword : 'x' });
      assert.equal(last.statusCode, 429, 'even the right password waits');
      assert.match(last.body, /Too many attempts/);
    }
  });
});

describe('failed sign-ins, counted in the database', () => {
  const t = useTestApp({ SIGN_IN_ATTEMPTS_PER_15_MINUTES: '3' });
  // Each client comes from an address of its own (TEST-NET-3), unless given one.
  let last = 0;
  const newAddress = () => `203.0.113.${++last}`;
  const client = (address = newAddress(), app: FastifyInstance = t.app) => new Agent(app, { address });

  async function attempts(agent: Agent, email: string, password: string, times = 1) {
    const codes = [];
    for (let i = 0; i < times; i++) codes.push((await agent.post('/sign-in', { email, password })).statusCode);
    return codes;
  }
  const failuresCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(signInFailures))[0].n;

  test('only failures count: more correct sign-ins than the limit all work', async () => {
    const worker = await newWorker(t.db);
    const address = newAddress();
    for (let i = 1; i <= 11; i++)
      assert.equal((await client(address).signIn(worker.email)).statusCode, 303, `sign-in ${i}`);
  });

  test('a success clears the failures of that account from that address', async () => {
    const worker = await newWorker(t.db);
    const address = newAddress();
    assert.deepEqual(await attempts(client(address), worker.email, 'wrong password', 2), [401, 401]);
    assert.equal((await client(address).signIn(worker.email)).statusCode, 303);
    assert.deepEqual(await attempts(client(address), worker.email, 'wrong password', 4), [401, 401, 401, 429]);
  });

  test('one account from many addresses, or one address trying many accounts, is stopped at five times the limit', async () => {
    // Guessing one account's password from many addresses.
    const guessed = await newWorker(t.db);
    for (let i = 0; i < 5; i++)
      assert.deepEqual(await attempts(client(), guessed.email, 'wrong password', 3), [401, 401, 401]);
    assert.equal((await client().signIn(guessed.email)).statusCode, 429, 'from anywhere, even with the right password');
    // Trying one password on many accounts from one address (the accounts need not exist).
    const sprayer = newAddress();
    for (let i = 0; i < 15; i++)
      assert.deepEqual(await attempts(client(sprayer), `nobody-${i}@test.example`, 'Summer2026!'), [401]);
    const sprayed = await newWorker(t.db);
    assert.equal((await client(sprayer).signIn(sprayed.email)).statusCode, 429, 'from that address, any account');
    assert.equal((await client().signIn(sprayed.email)).statusCode, 303, 'from elsewhere, the account works');
  });

  test('of a burst of simultaneous guesses at two instances, no more than the limit are tried', async () => {
    const worker = await newWorker(t.db);
    const address = newAddress();
    const other = await anotherInstance(t);
    const agents = [client(address, t.app), client(address, other)];
    await Promise.all(agents.map((a) => a.get('/sign-in')));
    let codes: number[];
    try {
      codes = await Promise.all(
        Array.from(
          { length: 12 },
          async (_, i) =>
            (await agents[i % 2].post('/sign-in', { email: worker.email, password: 'wrong password' })).statusCode,
        ),
      );
    } finally {
      await other.close();
    }
    // Each counts the others' attempts as failures until they are checked, so on a busy
    // database all may be refused: never more than the limit tried.
    const tried = codes.filter((c) => c === 401).length;
    assert.ok(tried <= 3, `${tried} tried`);
    assert.equal(codes.filter((c) => c === 429).length, 12 - tried);
  });

  test('a refused attempt checks no password and is not counted', async () => {
    const worker = await newWorker(t.db);
    const agent = client();
    const before = await failuresCount();
    assert.deepEqual(await attempts(agent, worker.email, 'wrong password', 3), [401, 401, 401]);
    const failures = await failuresCount();
    assert.equal(failures, before + 3, 'each failure is in the database');
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.workerId, worker.id));
    const refused = await agent.post('/sign-in', { email: worker.email, password: testPassword });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Too many attempts/);
    assert.deepEqual(await attempts(agent, worker.email, 'wrong password', 3), [429, 429, 429]);
    assert.equal(await failuresCount(), failures, 'no failure is added');
    assert.deepEqual(
      await t.db.select().from(auditEvents).where(eq(auditEvents.workerId, worker.id)),
      audited,
      'no sign-in is audited',
    );
  });

  test('15 minutes after the failures the account is free, and the sweep removes them', async () => {
    const worker = await newWorker(t.db);
    const address = newAddress();
    assert.deepEqual(await attempts(client(address), worker.email, 'wrong password', 4), [401, 401, 401, 429]);
    t.clock.advanceMinutes(14);
    assert.equal((await client(address).signIn(worker.email)).statusCode, 429, 'still refused after 14 minutes');
    t.clock.advanceMinutes(2);
    assert.equal((await client(address).signIn(worker.email)).statusCode, 303, 'free after 16 minutes');
    assert.deepEqual(await attempts(client(), 'nobody@test.example', 'wrong password'), [401]);
    t.clock.advanceMinutes(16);
    await t.app.jobs.runDue(); // the sweep, a regular background task
    assert.equal(await failuresCount(), 0, 'every failure is older than 15 minutes');
  });

  test('failures are counted across instances sharing the database, and after a restart', async () => {
    const worker = await newWorker(t.db);
    const address = newAddress();
    const other = await anotherInstance(t);
    try {
      assert.deepEqual(await attempts(client(address, t.app), worker.email, 'wrong password'), [401]);
      assert.deepEqual(await attempts(client(address, other), worker.email, 'wrong password'), [401]);
      assert.deepEqual(await attempts(client(address, t.app), worker.email, 'wrong password'), [401]);
      assert.equal(
        (await client(address, other).signIn(worker.email)).statusCode,
        429,
        'the other instance counts all three',
      );
    } finally {
      await other.close();
    }

    const restarted = await newWorker(t.db);
    const before = await anotherInstance(t);
    try {
      assert.deepEqual(await attempts(client(address, before), restarted.email, 'wrong password', 3), [401, 401, 401]);
    } finally {
      await before.close();
    }
    const after = await anotherInstance(t);
    try {
      assert.equal((await client(address, after).signIn(restarted.email)).statusCode, 429, 'a restart forgets nothing');
    } finally {
      await after.close();
    }
  });
});

describe('visitors and the CSRF cookie', () => {
  const t = useTestApp();

  test('visiting the sign-in page, missing pages and static files, and failing to sign in, store no session', async () => {
    const worker = await newWorker(t.db);
    // A client that keeps no cookies, as a script hammering Hearth would.
    for (let i = 0; i < 40; i++) {
      for (const url of ['/sign-in', '/no-such-page', '/public/hearth.js', '/accessibility', '/signed-out']) {
        assert.ok((await t.app.inject({ method: 'GET', url })).statusCode < 500, url);
      }
    }
    // A browser that keeps them.
    const visitor = new Agent(t.app);
    for (let i = 0; i < 10; i++) {
      await visitor.get('/sign-in');
      await visitor.get('/no-such-page');
      assert.equal(
        (await visitor.post('/sign-in', { email: worker.email, password: 'wrong password' })).statusCode,
        401,
      );
      assert.equal((await visitor.post('/sign-in', { email: '', password: '' })).statusCode, 400);
    }
    assert.equal(visitor.cookies.get('hearth_session'), undefined, 'no session cookie');
    assert.deepEqual(await t.db.select().from(sessions), [], 'no session rows');

    assert.equal((await visitor.signIn(worker.email)).statusCode, 303, 'signing in makes one');
    assert.equal((await t.db.select().from(sessions)).length, 1);
  });

  test('before signing in, the form carries a token tied to a signed HttpOnly, SameSite cookie', async () => {
    const worker = await newWorker(t.db);
    const visitor = new Agent(t.app);
    const page = await visitor.get('/sign-in');
    const cookie = String(page.headers['set-cookie']);
    assert.match(cookie, /^hearth_csrf=[^;]+/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.doesNotMatch(
      cookie,
      /Secure|Domain|Expires|Max-Age/i,
      'not Secure outside production; ends with the browser',
    );
    assert.equal(
      (await visitor.get('/sign-in')).headers['set-cookie'],
      undefined,
      'the cookie is kept, not made again',
    );

    const form = (token: string, cookieHeader?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/sign-in',
        payload: new URLSearchParams({ email: worker.email, password: testPassword, _csrf: token }).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookieHeader ? { cookie: cookieHeader } : {}),
        },
      });
    assert.equal((await form(visitor.csrfToken!)).statusCode, 403, 'the token without its cookie');
    // A cookie Hearth did not sign, with a token made for the secret in it.
    const secret = 'a-secret-of-my-own';
    const forged = Tokens().create(secret);
    for (const planted of [secret, `${secret}.bm90LWEtc2lnbmF0dXJl`]) {
      assert.equal((await form(forged, `hearth_csrf=${planted}`)).statusCode, 403, `cookie ${planted}`);
    }
    assert.equal(
      (await visitor.post('/sign-in', { email: worker.email, password: testPassword })).statusCode,
      303,
      'the token with its cookie',
    );
  });

  test("a signed-in worker's forms take only their session's token, never one tied to the visitor cookie", async () => {
    const worker = await newWorker(t.db, { role: 'admin' });
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const ownVisitorToken = agent.csrfToken!;
    await agent.signIn(worker.email);
    const sessionToken = agent.csrfToken!;
    const count = async () => (await t.db.select().from(organisations)).length;
    const before = await count();
    const send = (csrf: string) =>
      agent.post('/admin/organisations', { name: 'Planted Trust', kind: 'voluntary' }, { csrf });

    assert.equal((await send(ownVisitorToken)).statusCode, 403, 'the token from their own sign-in page');
    // Someone who can plant a cookie in the worker's browser gets a cookie and its token from the sign-in page.
    const attacker = new Agent(t.app);
    await attacker.get('/sign-in');
    agent.cookies.set('hearth_csrf', attacker.cookies.get('hearth_csrf')!);
    assert.equal((await send(attacker.csrfToken!)).statusCode, 403, 'a planted cookie and its token');
    assert.equal(await count(), before, 'nothing is stored');

    assert.equal((await send(sessionToken)).statusCode, 303, "the session's token works");
    assert.equal(await count(), before + 1);
  });
});

describe('in production', () => {
  // The database is the test's own; DATABASE_URL only satisfies production's settings check.
  const t = useTestApp({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://hearth@db.invalid:5432/hearth',
    TRUST_PROXY: 'true',
  });

  test('the session and CSRF cookies are __Host- cookies: Secure, for path / and no domain', async () => {
    const worker = await newWorker(t.db);
    // As behind a load balancer that ends TLS.
    const agent = new Agent(t.app, { headers: { 'x-forwarded-proto': 'https' } });
    const cookiesOf = (res: { headers: Record<string, unknown> }) =>
      ([] as string[]).concat((res.headers['set-cookie'] as string | string[]) ?? []);
    const assertHostCookie = (cookie: string | undefined, name: string) => {
      assert.ok(cookie, name);
      assert.match(cookie, new RegExp(`^__Host-${name}=[^;]+`));
      for (const attribute of [/; Path=\/(;|$)/, /; Secure(;|$)/, /; HttpOnly(;|$)/, /; SameSite=Lax(;|$)/])
        assert.match(cookie, attribute, name);
      assert.doesNotMatch(cookie, /Domain=/i, name);
    };

    const page = await agent.get('/sign-in');
    assertHostCookie(
      cookiesOf(page).find((c) => c.includes('hearth_csrf=')),
      'hearth_csrf',
    );
    assert.ok(!cookiesOf(page).some((c) => c.includes('hearth_session')), 'no session before signing in');
    const res = await agent.post('/sign-in', { email: worker.email, password: testPassword });
    assert.equal(res.statusCode, 303);
    assertHostCookie(
      cookiesOf(res).find((c) => c.includes('hearth_session=')),
      'hearth_session',
    );
    assert.equal((await agent.get('/')).statusCode, 200, 'signed in with the __Host- cookie');
  });
});
