import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { load, type CheerioAPI } from 'cheerio';
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { Database, Db } from '../src/db/client.js';
import {
  auditEvents,
  localityPostcodes,
  organisations,
  teams,
  workers,
  type Role,
  type TeamKind,
  type Worker,
} from '../src/db/schema/index.js';
import { hashPassword } from '../src/features/workers/passwords.js';
import { openTestDatabase } from './database.js';

export const testPassword = 'correct horse battery staple';

/** A clock tests can move: `clock.advance(minutes)`. */
export class TestClock {
  constructor(public time = new Date('2026-11-26T10:00:00Z').getTime()) {}
  now = () => new Date(this.time);
  advanceMinutes(m: number) {
    this.time += m * 60_000;
  }
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  database: Database;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

/** The real app over a fresh database of its own. Close it when done. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    SIGN_IN_ATTEMPTS_PER_15_MINUTES: '1000',
    ...env,
  });
  const { database, drop } = await openTestDatabase();
  const clock = new TestClock();
  const app = await buildApp(config, { database, clock: clock.now, logger: false });
  await app.ready();
  const close = async () => {
    await app.close();
    await drop();
  };
  return { app, db: database.db, database, config, clock, close };
}

/**
 * Another instance of Hearth over the same database and clock as `t`, as behind a load
 * balancer (or after a restart, once the first is closed). Close it before `t`.
 */
export async function anotherInstance(t: TestApp): Promise<FastifyInstance> {
  const app = await buildApp(t.config, { database: t.database, clock: t.clock.now, logger: false });
  await app.ready();
  return app;
}

/**
 * For a describe block: one app for all its tests, built before them and closed after.
 * The returned object is filled in when the suite starts.
 */
export function useTestApp(env: Record<string, string> = {}): TestApp {
  const holder = {} as TestApp;
  before(async () => {
    Object.assign(holder, await buildTestApp(env));
  });
  after(() => holder.close());
  return holder;
}

let counter = 0;
const unique = () => `${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;
let passwordHash: Promise<string> | undefined;

export async function newOrganisation(db: Db, kind: 'council' | 'nhs' | 'housing' | 'voluntary' = 'council') {
  const [o] = await db
    .insert(organisations)
    .values({ name: `Organisation ${unique()}`, kind })
    .returning();
  return o;
}

export async function newTeam(db: Db, opts: { kind?: TeamKind; organisationId?: string; name?: string } = {}) {
  const organisationId = opts.organisationId ?? (await newOrganisation(db)).id;
  const [team] = await db
    .insert(teams)
    .values({ name: opts.name ?? `Team ${unique()}`, kind: opts.kind ?? 'locality', organisationId })
    .returning();
  return team;
}

/** A worker who can sign in with `testPassword`. */
export async function newWorker(
  db: Db,
  opts: { role?: Role; teamId?: string | null; active?: boolean; name?: string; organisationId?: string } = {},
): Promise<Worker> {
  const team = opts.teamId === undefined ? await newTeam(db) : null;
  passwordHash ??= hashPassword(testPassword);
  const [w] = await db
    .insert(workers)
    .values({
      name: opts.name ?? `Worker ${unique()}`,
      email: `worker-${unique()}@test.example`,
      role: opts.role ?? 'practitioner',
      organisationId: opts.organisationId ?? team?.organisationId ?? (await newOrganisation(db)).id,
      teamId: opts.teamId === undefined ? team!.id : opts.teamId,
      passwordHash: await passwordHash,
      active: opts.active ?? true,
    })
    .returning();
  return w;
}

type Form = Record<string, string | string[] | undefined>;

/**
 * A browser-like client over app.inject: keeps cookies (the session's, and before signing in
 * the CSRF cookie), and posts forms with the real CSRF token it read from the last page, as a
 * browser would.
 */
export class Agent {
  cookies = new Map<string, string>();
  csrfToken: string | null = null;
  /** `address` is the client's address (the default is 127.0.0.1); `headers` go with every request. */
  constructor(
    public app: FastifyInstance,
    private opts: { address?: string; headers?: Record<string, string> } = {},
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0)
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrfToken = token[1];
    return res;
  }

  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.opts.address,
        headers: { cookie: this.cookieHeader, ...this.opts.headers, ...headers },
      }),
    );
  }

  /** Posts a form. Without a token yet, it first opens a page to get one, as a person would. */
  async post(url: string, form: Form = {}, opts: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    if (opts.csrf === undefined && !this.csrfToken) await this.get('/sign-in');
    const token = opts.csrf === undefined ? this.csrfToken : opts.csrf;
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) body.append(k, item);
    if (token !== null && token !== undefined) body.append('_csrf', token);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.opts.address,
        payload: body.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader,
          ...this.opts.headers,
          ...opts.headers,
        },
      }),
    );
  }

  /** Signs in and, like a browser, follows the redirect (which also brings the new session's CSRF token). */
  async signIn(email: string, password = testPassword) {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.statusCode === 303) await this.get(res.headers.location as string);
    return res;
  }
}

/** Signs in a new worker of the given role; returns the worker and their agent. */
export async function signedIn(app: FastifyInstance, db: Db, opts: Parameters<typeof newWorker>[1] = {}) {
  const worker = await newWorker(db, opts);
  const agent = new Agent(app);
  const res = await agent.signIn(worker.email);
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  return { worker, agent };
}

/** Every row of the tables administration changes: compare before and after a request that must change nothing. */
export async function snapshotTables(db: Db) {
  const [w, t, p, o] = await Promise.all([
    db.select().from(workers).orderBy(asc(workers.id)),
    db.select().from(teams).orderBy(asc(teams.id)),
    db.select().from(localityPostcodes).orderBy(asc(localityPostcodes.prefix)),
    db.select().from(organisations).orderBy(asc(organisations.id)),
  ]);
  return { workers: w, teams: t, locality_postcodes: p, organisations: o };
}

/** Row counts of the same tables. */
export async function countRows(db: Db) {
  const s = await snapshotTables(db);
  return Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, rows.length])) as Record<keyof typeof s, number>;
}

/** The audit rows about one thing (by entity id), oldest first. */
export function auditRowsAbout(db: Db, entityId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(asc(auditEvents.id));
}

/** The highest audit row id so far (0 when empty): rows written after it are `id > mark`. */
export async function auditMark(db: Db): Promise<number> {
  const r = await db.execute(sql`SELECT coalesce(max(id), 0)::bigint AS id FROM audit_events`);
  return Number((r.rows[0] as { id: string | number }).id);
}

/** A page's HTML parsed, to assert on with selectors: `page(res.body)('h1').text()`. */
export function page(html: string): CheerioAPI {
  return load(html);
}

const asPage = (html: string | CheerioAPI) => (typeof html === 'string' ? load(html) : html);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether a page has an element the selector finds. */
export function has(html: string | CheerioAPI, selector: string): boolean {
  return asPage(html)(selector).length > 0;
}

/** The text of each element the selector finds, its white space collapsed as a browser shows it. */
export function texts(html: string | CheerioAPI, selector: string): string[] {
  const $ = asPage(html);
  return $(selector)
    .toArray()
    .map((el) => squash($(el).text()));
}

/**
 * The text of the first element the selector finds as a reader meets it, a space for every tag
 * (so cells `<td>a</td><td>b</td>` read "a b"), white space collapsed; '' when there is none.
 */
export function readText(html: string | CheerioAPI, selector = 'body'): string {
  const $ = asPage(html);
  const pieces: string[] = [];
  const walk = (el: ReturnType<CheerioAPI>) =>
    el.contents().each((_, node) => {
      if (node.type === 'text') pieces.push(node.data);
      else if (node.type === 'tag') walk($(node));
    });
  walk($(selector).first());
  return squash(pieces.join(' '));
}

/** An attribute of each element the selector finds (the elements without it left out): hrefs, values, actions. */
export function attrs(html: string | CheerioAPI, selector: string, name: string): string[] {
  const $ = asPage(html);
  return $(selector)
    .toArray()
    .map((el) => $(el).attr(name))
    .filter((v) => v !== undefined);
}

/** The figures a page shows (`<span class="hearth-figure__number">3</span> waiting`), by what each counts. */
export function figures(html: string | CheerioAPI): Record<string, string> {
  const $ = asPage(html);
  return Object.fromEntries(
    $('.hearth-figure')
      .toArray()
      .map((p) => {
        const number = squash($(p).find('.hearth-figure__number').text());
        const label = squash($(p).clone().find('.hearth-figure__number').remove().end().text());
        return [label, number];
      }),
  );
}

/** The GOV.UK error summary on a page: each message with the field it links to (empty when there is none). */
export function errorSummary(html: string | CheerioAPI): Array<{ field: string; text: string }> {
  const $ = asPage(html);
  return $('.govuk-error-summary__list a')
    .toArray()
    .map((a) => ({ field: ($(a).attr('href') ?? '').replace(/^#/, ''), text: $(a).text().trim() }));
}

/** The value of the first input with this name on a page, trimmed, or null. */
export function inputValue(html: string | CheerioAPI, name: string): string | null {
  const $ = asPage(html);
  const input = $('input')
    .filter((_, el) => $(el).attr('name') === name)
    .first();
  return input.length ? (input.attr('value') ?? '').trim() : null;
}

/**
 * A fingerprint of every table in the database (row count and a hash of the rows), except
 * the ones that change on every request: compare before and after requests that must change nothing.
 */
export async function fingerprintTables(db: Db, except: string[] = ['sessions', 'audit_events']) {
  const tables = await db.execute(
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows as Array<{ name: string }>) {
    if (except.includes(name)) continue;
    const r = await db.execute(
      sql`SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${sql.identifier(name)} t`,
    );
    const { n, h } = r.rows[0] as { n: number; h: string };
    out[name] = `${n} rows ${h}`;
  }
  return out;
}

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A form's one-time submission key as its pages carry it: on the form at `${url}/new`, new each
 * time it is shown, the same when the form comes back refused (`refused(key)` is the form with
 * something missing), and new again when the draft that kept it is opened. Returns the key.
 */
export async function oneTimeKeyOf(
  agent: Agent,
  url: string,
  refused: (key: string) => Record<string, string | undefined>,
): Promise<string> {
  const key = inputValue((await agent.get(`${url}/new`)).body, 'submissionKey');
  assert.match(key ?? '', uuidV4, 'the form carries a one-time key');
  assert.notEqual(
    inputValue((await agent.get(`${url}/new`)).body, 'submissionKey'),
    key,
    'each form shown has its own',
  );
  const back = await agent.post(url, refused(key!));
  assert.equal(back.statusCode, 400);
  assert.equal(inputValue(back.body, 'submissionKey'), key, 'shown again with something missing: the same key');
  const resumed = await agent.get(`${url}/new`);
  assert.match(resumed.body, /Your draft, last saved/);
  assert.match(inputValue(resumed.body, 'submissionKey') ?? '', uuidV4);
  assert.notEqual(
    inputValue(resumed.body, 'submissionKey'),
    key,
    'the draft, opened again, is a new form with a new key',
  );
  return key!;
}
