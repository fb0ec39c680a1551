import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents, sessions } from '../../db/schema/index.js';
import { Agent, newWorker, testPassword, useTestApp } from '../../../test/helpers.js';

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

  test('the session cookie is HttpOnly and SameSite, and its id changes at sign-in', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    await agent.post('/sign-in', { email: worker.email, password: 'wrong password!' });
    const before = agent.cookies.get('hearth_session');
    const res = await agent.post('/sign-in', { email: worker.email, password: testPassword });
    const cookie = String(res.headers['set-cookie']);
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
      assert.match(res.body, /govuk-error-summary/);
      assert.doesNotMatch(res.body, new RegExp(password), 'the password is never shown again');
      assert.equal((await agent.get('/')).statusCode, 303, 'not signed in');
      answers.push(res.body.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, ''));
    }
    assert.equal(answers[0], answers[1].replace('nobody@test.example', worker.email));
    const failed = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'sign_in_failed'), eq(auditEvents.workerId, worker.id)));
    assert.equal(failed.length, 1, 'the failed sign-in is audited against the account tried');
  });

  test('a blank form is explained field by field and keeps the email typed', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in', { email: 'someone@test.example', password: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter your password/);
    assert.match(res.body, /value="someone@test.example"/);
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
    const signIns = await t.db.select().from(auditEvents).where(and(eq(auditEvents.workerId, worker.id), eq(auditEvents.action, 'sign_in')));
    assert.equal(signIns.length, 0);
  });

  test('a token from another session does not work', async () => {
    const worker = await newWorker(t.db);
    const other = new Agent(t.app);
    await other.get('/sign-in');
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in', { email: worker.email, password: testPassword }, { csrf: other.csrfToken });
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
    const ended = await t.db.select().from(auditEvents).where(and(eq(auditEvents.workerId, worker.id), eq(auditEvents.action, 'session_ended')));
    assert.equal(ended.length, 1);
  });

  test('the time-out warning is on every signed-in page, with the settings it counts down from', async () => {
    const worker = await newWorker(t.db);
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    const res = await agent.get('/');
    assert.match(res.body, /id="timeout-warning"/);
    assert.match(res.body, /data-idle-ms="1800000"/);
    assert.match(res.body, /data-warning-ms="120000"/);
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
      for (let i = 0; i < 4; i++) codes.push((await agent.post('/sign-in', { email, password: 'wrong password' })).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const last = await agent.post('/sign-in', { email, password: email === worker.email ? testPassword : 'x' });
      assert.equal(last.statusCode, 429, 'even the right password waits');
      assert.match(last.body, /Too many attempts/);
    }
  });
});
