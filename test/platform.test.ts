// The platform: health check, error pages, limits, security headers and configuration.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { FormRefused, StaleVersion } from '../src/platform/forms.js';
import { submitForm } from '../src/platform/submit.js';
import { openTestDatabase } from './database.js';
import { newContact } from './contact-factories.js';
import { Agent, countRows, errorSummary, signedIn, TestClock, useTestApp } from './helpers.js';
import { newConversation, newPerson } from './people-factories.js';

const expectedKind = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

/** Text that only a stack trace or a raw error would put on a page. */
function assertNoInternals(body: string, what: string) {
  assert.doesNotMatch(body, /\n\s+at [\w.<>]+ \(|\bat .*\.(ts|js|mjs|cjs):\d+/, `${what}: no stack trace`);
  assert.doesNotMatch(body, /node_modules|\/src\/|\.ts:\d+/, `${what}: no file names`);
  assert.doesNotMatch(body, /Failed query|insert into|select .* from|params:/i, `${what}: no SQL`);
  assert.doesNotMatch(body, /_csrf\\*"\s*:|sessionId|\bErr(or)?: /, `${what}: no secrets or raw errors`);
}

/** The Content-Security-Policy as a map of directive to sources. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = res.headers['content-security-policy'];
  assert.equal(typeof header, 'string', 'a Content-Security-Policy header');
  return new Map(
    (header as string).split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as [string, string[]];
    }),
  );
}

function assertSecureHtml(res: LightMyRequestResponse, what: string) {
  assert.match(String(res.headers['content-type']), /^text\/html/, `${what}: HTML`);
  const policy = csp(res);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  assert.ok(scripts, `${what}: scripts are restricted`);
  assert.ok(!scripts.includes("'unsafe-inline'"), `${what}: no 'unsafe-inline' in script-src`);
  assert.ok(!scripts.includes("'unsafe-eval'"), `${what}: no 'unsafe-eval' in script-src`);
  assert.ok(!scripts.includes('*'), `${what}: no wildcard script source`);
  assert.deepEqual(policy.get('default-src'), ["'self'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  // Every inline script on the page is allowed by its hash, so nothing else inline can run.
  for (const m of res.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const hash = `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`;
    assert.ok(scripts.includes(hash), `${what}: the inline script is allowed by its hash`);
  }
}

function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

describe('the health check', () => {
  const t = useTestApp();

  test('GET /healthz answers ok with the kind of database, and is never cached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = JSON.parse(res.body);
    assert.equal(body.status, 'ok');
    assert.equal(body.database, expectedKind);
    assert.equal(typeof body.uptimeSeconds, 'number');
    assert.ok(body.uptimeSeconds >= 0);
    assert.equal(res.headers['set-cookie'], undefined, 'a load balancer gets no session');
  });
});

describe('when the database cannot be reached', () => {
  let app: FastifyInstance;
  let database: Database;
  let drop: () => Promise<void>;
  let agent: Agent;
  const clock = new TestClock();

  before(async () => {
    ({ database, drop } = await openTestDatabase());
    app = await buildApp(testConfig(), { database, clock: clock.now, logger: false });
    await app.ready();
    ({ agent } = await signedIn(app, database.db, { role: 'admin' }));
    // Now the database goes away.
    await database.close();
  });

  after(async () => {
    await app.close();
    database.close = async () => {}; // already closed
    await drop();
  });

  test('/healthz answers 503 "unavailable"', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 503);
    const body = JSON.parse(res.body);
    assert.equal(body.status, 'unavailable');
    assert.equal(body.database, expectedKind);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('pages show the friendly error page: no query, no session data, no stack trace', async () => {
    // A visitor's pages need no database (no session is stored for them); signing in does.
    for (const url of ['/sign-in', '/accessibility'])
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url);
    const visitor = new Agent(app);
    for (const [who, get, urls] of [
      [
        'a visitor signing in',
        (url: string) => visitor.post(url, { email: 'someone@test.example', password: 'a password' }),
        ['/sign-in'],
      ],
      ['a signed-in worker', (url: string) => agent.get(url), ['/', '/admin/workers', '/sign-in', '/no-such-page']],
    ] as const) {
      for (const url of urls) {
        const res = await get(url);
        assert.ok(res.statusCode >= 500, `${who} ${url}: ${res.statusCode}`);
        assert.match(res.body, /Sorry, there is a problem with Hearth/, `${who} ${url}: the error page`);
        assertNoInternals(res.body, `${who} ${url}`);
        assertSecureHtml(res, `${who} ${url}`);
        for (const id of agent.cookies.values())
          assert.ok(!res.body.includes(id.split('.')[0]), 'the session id is not shown');
      }
    }
  });

  test('Hearth does not start when its PostgreSQL server cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const config = testConfig({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/hearth` });
    await assert.rejects(buildApp(config, { logger: false }), (err: Error) => {
      const chain: string[] = [];
      for (let e = err as (Error & { code?: string; cause?: unknown }) | undefined; e; e = e.cause as typeof e)
        chain.push(`${e.code} ${e.message}`);
      assert.match(chain.join(' / '), /ECONNREFUSED/);
      return true;
    });
  });
});

describe('errors, limits and headers', () => {
  const t = useTestApp({ BODY_LIMIT_KB: '4' });

  test('an unknown address gives the "Page not found" page, signed in or not, with no stack trace', async () => {
    const { agent } = await signedIn(t.app, t.db);
    for (const [who, a] of [
      ['signed out', new Agent(t.app)],
      ['signed in', agent],
    ] as const) {
      for (const url of ['/no-such-page', '/admin/nothing/here', '/people/x/y/z/w', '/public/no-such-file.js']) {
        const res = await a.get(url);
        assert.equal(res.statusCode, 404, `${who} ${url}`);
        assert.match(res.body, /Page not found/);
        assertNoInternals(res.body, `${who} ${url}`);
        assertSecureHtml(res, `${who} ${url}`);
      }
    }
    const json = await t.app.inject({ method: 'GET', url: '/no-such-api', headers: { accept: 'application/json' } });
    assert.equal(json.statusCode, 404);
    assert.deepEqual(JSON.parse(json.body), { error: 'Page not found', statusCode: 404 });
  });

  test('a body over BODY_LIMIT_KB is refused with 413 and nothing is stored', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get('/admin/teams');
    const before = await countRows(t.db);
    const res = await agent.post('/admin/organisations', { name: 'x'.repeat(5 * 1024), kind: 'council' });
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /What you sent is too large/);
    assertNoInternals(res.body, '413');
    assertSecureHtml(res, '413');
    assert.deepEqual(await countRows(t.db), before);
    // Under the limit, the same form is read (and here refused for its own reasons).
    const fits = await agent.post('/admin/organisations', { name: 'x'.repeat(3 * 1024), kind: 'council' });
    assert.equal(fits.statusCode, 400);
    assert.deepEqual(errorSummary(fits.body), [{ field: 'name', text: 'Name must be 200 characters or fewer' }]);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('a malformed body is refused with 400 or 403 and nothing is stored', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get('/admin/teams');
    const token = agent.csrfToken!;
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const send = (payload: string, contentType: string) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/organisations',
        payload,
        headers: { 'content-type': contentType, cookie },
      });
    const before = await countRows(t.db);
    const cases: Array<[string, string, string, number[]]> = [
      ['broken JSON', '{"name": "Broken', 'application/json', [400]],
      ['plain text', `_csrf=${token}&name=Plain&kind=council`, 'text/plain', [400, 403]],
      [
        'two CSRF tokens',
        `_csrf=${encodeURIComponent(token)}&_csrf=${encodeURIComponent(token)}&name=Twice&kind=council`,
        'application/x-www-form-urlencoded',
        [400, 403],
      ],
      [
        'a field sent twice',
        `_csrf=${encodeURIComponent(token)}&name=One&name=Two&kind=council`,
        'application/x-www-form-urlencoded',
        [400],
      ],
      [
        'a kind that is not offered',
        `_csrf=${encodeURIComponent(token)}&name=Odd&kind=council&kind=nhs`,
        'application/x-www-form-urlencoded',
        [400],
      ],
    ];
    for (const [what, payload, type, codes] of cases) {
      const res = await send(payload, type);
      assert.ok(codes.includes(res.statusCode), `${what}: ${res.statusCode}`);
      assertNoInternals(res.body, what);
      assertSecureHtml(res, what);
    }
    const multipart = await send(
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nMulti\r\n--x--\r\n',
      'multipart/form-data; boundary=x',
    );
    assert.equal(multipart.statusCode, 415, 'a kind of body Hearth does not read is refused');
    assertNoInternals(multipart.body, 'multipart');
    assert.deepEqual(await countRows(t.db), before);
  });

  test('every HTML page has a strict Content Security Policy and X-Content-Type-Options', async () => {
    const { agent: admin } = await signedIn(t.app, t.db, { role: 'admin' });
    const { agent: practitioner } = await signedIn(t.app, t.db, { role: 'practitioner' });
    const visitor = new Agent(t.app);
    const pages: Array<[Agent, string, number]> = [
      [visitor, '/sign-in', 200],
      [visitor, '/accessibility', 200],
      [visitor, '/privacy', 200],
      [visitor, '/cookies', 200],
      [visitor, '/signed-out', 200],
      [visitor, '/nowhere', 404],
      [practitioner, '/', 200],
      [practitioner, '/admin/workers', 403],
      [admin, '/', 200],
      [admin, '/admin/workers', 200],
      [admin, '/admin/workers/new', 200],
      [admin, '/admin/teams', 200],
      [admin, '/admin/postcode-map', 200],
      [admin, '/admin/audit', 200],
      [admin, '/admin/audit?from-day=31&from-month=2&from-year=2026', 400],
    ];
    for (const [agent, url, status] of pages) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, status, url);
      assertSecureHtml(res, url);
    }
    // Forms answered with a page: a refused form, an expired form, a signed-out form.
    assertSecureHtml(await admin.post('/admin/organisations', { name: '' }), 'refused form');
    const expired = await admin.post('/admin/organisations', { name: 'x', kind: 'council' }, { csrf: 'forged' });
    assert.equal(expired.statusCode, 403);
    assertNoInternals(expired.body, 'expired form');
    assertSecureHtml(expired, 'expired form');
    const stranger = new Agent(t.app);
    await stranger.get('/sign-in');
    const signedOut = await stranger.post('/admin/organisations', { name: 'x', kind: 'council' });
    assert.equal(signedOut.statusCode, 401);
    assertSecureHtml(signedOut, 'signed-out form');
    // Scripts and styles are files, sent with their own type so a browser never guesses.
    const script = await visitor.get('/public/hearth.js');
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
  });

  test('error pages (400, 403, 404, 413) carry no stack trace or internal detail', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner' });
    const checks: Array<[string, LightMyRequestResponse, number]> = [
      ['404', await agent.get('/nope'), 404],
      ['403', await agent.get('/admin/audit'), 403],
      [
        '400',
        await agent.app.inject({
          method: 'POST',
          url: '/sign-in',
          payload: '{',
          headers: { 'content-type': 'application/json' },
        }),
        400,
      ],
      ['413', await agent.post('/sign-in', { email: 'x'.repeat(6000), password: 'y' }), 413],
    ];
    for (const [what, res, status] of checks) {
      assert.equal(res.statusCode, status, what);
      assertNoInternals(res.body, what);
      assertSecureHtml(res, what);
    }
  });
});

describe('caching', () => {
  const t = useTestApp();

  test('pages with personal data, and error pages, are never cached; static files keep their own caching', async () => {
    const { worker, agent } = await signedIn(t.app, t.db, { role: 'practitioner' });
    const { agent: admin } = await signedIn(t.app, t.db, { role: 'admin' });
    const person = await newPerson(t.db);
    const conversation = await newConversation(t.db, { personId: person.id, authorId: worker.id });
    const contact = await newContact(t.db, { personId: person.id });
    const pages: Array<[Agent, string, number]> = [
      [agent, `/people/${person.id}`, 200],
      [agent, `/conversations/${conversation.id}`, 200],
      [agent, `/contacts/${contact.id}`, 200],
      [agent, `/teams/${worker.teamId}`, 200],
      [admin, '/admin/audit', 200],
      [agent, '/admin/audit', 403],
      [agent, '/no-such-page', 404],
      [new Agent(t.app), '/sign-in', 200],
    ];
    for (const [a, url, status] of pages) {
      const res = await a.get(url);
      assert.equal(res.statusCode, status, url);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
    // A route that chose its own caching keeps it.
    assert.equal((await agent.get('/plain-language/terms')).headers['cache-control'], 'private, max-age=300');
    for (const url of ['/public/hearth.js', '/assets/images/favicon.svg']) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['cache-control']), /^public, max-age=\d+$/, url);
    }
  });
});

describe('configuration', () => {
  const secret = 'a'.repeat(40);
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-config-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  function refused(env: Record<string, string>, ...expected: RegExp[]) {
    assert.throws(
      () => loadConfig({ DATA_DIR: dataDir, ...env }),
      (err: Error) => {
        assert.ok(err instanceof ConfigError, 'a ConfigError');
        assert.match(err.message, /^Hearth cannot start: some settings are not valid\./);
        for (const e of expected) assert.match(err.message, e);
        return true;
      },
    );
  }

  test('bad settings are refused, each named with what is wrong', () => {
    refused({ PORT: 'abc', SESSION_SECRET: secret }, /^\s+PORT: /m);
    refused({ PORT: '70000', SESSION_SECRET: secret }, /^\s+PORT: /m);
    refused({ IDLE_TIMEOUT_MINUTES: '-1', SESSION_SECRET: secret }, /^\s+IDLE_TIMEOUT_MINUTES: /m);
    refused({ IDLE_TIMEOUT_MINUTES: 'soon', SESSION_SECRET: secret }, /^\s+IDLE_TIMEOUT_MINUTES: /m);
    refused(
      { DATABASE_URL: 'mysql://x', SESSION_SECRET: secret },
      /DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//,
    );
    refused({ SESSION_SECRET: 'too short' }, /SESSION_SECRET: must be at least 32 characters/);
    refused({ NODE_ENV: 'staging', SESSION_SECRET: secret }, /^\s+NODE_ENV: /m);
    refused({ DEMO_DATA: 'yes', SESSION_SECRET: secret }, /^\s+DEMO_DATA: /m);
    refused({ BODY_LIMIT_KB: '0', SESSION_SECRET: secret }, /^\s+BODY_LIMIT_KB: /m);
    refused({ LOG_LEVEL: 'loud', SESSION_SECRET: secret }, /^\s+LOG_LEVEL: /m);
    refused({ IMPORT_FILE_LIMIT_MB: 'big', SESSION_SECRET: secret }, /^\s+IMPORT_FILE_LIMIT_MB: /m);
    refused(
      { IMPORT_FILE_LIMIT_MB: '300', SESSION_SECRET: secret },
      /IMPORT_UPLOAD_LIMIT_MB: must be at least IMPORT_FILE_LIMIT_MB/,
    );
  });

  test('the time-out warning must come before the time-out', () => {
    const message = /TIMEOUT_WARNING_MINUTES: must be less than IDLE_TIMEOUT_MINUTES/;
    refused({ IDLE_TIMEOUT_MINUTES: '30', TIMEOUT_WARNING_MINUTES: '30', SESSION_SECRET: secret }, message);
    refused({ IDLE_TIMEOUT_MINUTES: '10', TIMEOUT_WARNING_MINUTES: '15', SESSION_SECRET: secret }, message);
    refused({ IDLE_TIMEOUT_MINUTES: '1', SESSION_SECRET: secret }, message); // the default warning is 2 minutes
    const ok = loadConfig({
      DATA_DIR: dataDir,
      IDLE_TIMEOUT_MINUTES: '10',
      TIMEOUT_WARNING_MINUTES: '9',
      SESSION_SECRET: secret,
    });
    assert.equal(ok.idleTimeoutMs, 10 * 60_000);
    assert.equal(ok.timeoutWarningMs, 9 * 60_000);
  });

  test('production refuses to start without a session secret, with demo data, or without PostgreSQL', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: secret,
      DATABASE_URL: 'postgres://hearth@db.internal:5432/hearth',
    };
    refused({ ...production, SESSION_SECRET: '' }, /SESSION_SECRET/);
    refused(
      { NODE_ENV: 'production', DATABASE_URL: production.DATABASE_URL },
      /SESSION_SECRET: required in production/,
    );
    refused({ ...production, DEMO_DATA: 'true' }, /DEMO_DATA: demo data cannot be switched on in production/);
    refused({ NODE_ENV: 'production', SESSION_SECRET: secret }, /DATABASE_URL: required in production/);
    refused(
      { NODE_ENV: 'production', DEMO_DATA: 'true' },
      /SESSION_SECRET: required/,
      /DEMO_DATA: demo data cannot/,
      /DATABASE_URL: required/,
    );
    assert.ok(!existsSync(path.join(dataDir, 'session-secret')), 'a refused production start writes nothing');
  });

  test('a good production configuration is accepted as given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: secret,
      DATABASE_URL: 'postgresql://hearth@db.internal:5432/hearth',
      DATA_DIR: dataDir,
      PORT: '8080',
      HOST: '0.0.0.0',
      IDLE_TIMEOUT_MINUTES: '20',
      TIMEOUT_WARNING_MINUTES: '3',
      BODY_LIMIT_KB: '256',
      TRUST_PROXY: 'true',
      ORGANISATION_NAME: 'Riverside Council',
    });
    assert.equal(config.env, 'production');
    assert.equal(config.sessionSecret, secret);
    assert.equal(config.databaseUrl, 'postgresql://hearth@db.internal:5432/hearth');
    assert.equal(config.demoData, false, 'demo data is off in production unless asked for (and it cannot be)');
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.idleTimeoutMs, 20 * 60_000);
    assert.equal(config.timeoutWarningMs, 3 * 60_000);
    assert.equal(config.bodyLimitBytes, 256 * 1024);
    assert.equal(config.trustProxy, true);
    assert.equal(config.organisationName, 'Riverside Council');
    assert.ok(!existsSync(path.join(dataDir, 'session-secret')), 'production never writes a secret of its own');
  });

  test('outside production, a session secret is made once, kept privately in the data folder and reused', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    assert.equal(first.env, 'development');
    assert.equal(first.demoData, true, 'demo data is on by default for trying Hearth');
    assert.equal(first.databaseUrl, undefined, 'embedded PGlite');
    assert.match(first.sessionSecret, /^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'session-secret');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(loadConfig({ DATA_DIR: dataDir }).sessionSecret, first.sessionSecret);
  });
});

describe('submitting a form', () => {
  // One form, on a bare Fastify: the helper needs nothing of Hearth's but a reply.
  const form = z.object({ name: z.string().trim().min(1, 'Enter a name'), version: z.coerce.number() });
  const app = Fastify();
  const saved: string[] = [];
  app.post('/things', async (req, reply) =>
    submitForm(reply, {
      schema: form,
      body: req.body,
      show: (reply, view) => reply.send(view),
      save: async (data) => {
        if (data.name === 'taken') throw new FormRefused('name', 'That name is taken');
        if (data.version < 2) throw new StaleVersion({ name: 'Theirs', version: 2 });
        saved.push(data.name);
        return { id: 'thing-1' };
      },
      then: (thing) => `/things/${thing.id}`,
      keepTyped: true,
      stale: { field: 'name', message: 'Someone else saved first' },
    }),
  );
  after(() => app.close());
  const post = (payload: Record<string, string>) => app.inject({ method: 'POST', url: '/things', payload });

  test('not valid: shown again with what was typed and what to fix (400)', async () => {
    const res = await post({ name: '  ', version: '2' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { values: { name: '  ', version: '2' }, errors: { name: 'Enter a name' } });
  });

  test('refused by the service: shown again with its message on the field (400)', async () => {
    const res = await post({ name: 'taken', version: '2' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json(), { values: { name: 'taken', version: '2' }, errors: { name: 'That name is taken' } });
  });

  test('someone else saved first: both versions, with theirs to save over (409)', async () => {
    const res = await post({ name: ' Mine ', version: '1' });
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      values: { name: 'Mine', version: 2 },
      theirs: { name: 'Theirs', version: 2 },
      errors: { name: 'Someone else saved first' },
    });
  });

  test('saved: on to where it goes (303), and nothing saved by the others', async () => {
    const res = await post({ name: 'Fine', version: '2' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/things/thing-1');
    assert.deepEqual(saved, ['Fine']);
  });
});

describe("a route's params", () => {
  const t = useTestApp();

  test('a malformed id is "Page not found", after the sign-in and role checks as before', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'practitioner' });
    for (const url of ['/conversations/not-an-id', '/people/123/about-me', '/directory/x%27']) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/);
      assertNoInternals(res.body, url);
    }
    // Signed out, the sign-in page still comes first; without the role, the refusal.
    const out = await new Agent(t.app).get('/conversations/not-an-id');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, `/sign-in?next=${encodeURIComponent('/conversations/not-an-id')}`);
    assert.equal((await agent.get('/admin/teams/not-an-id/edit')).statusCode, 403);
  });
});
