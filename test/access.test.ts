// The access matrix: every route the app registers, for a signed-out visitor and for every role.
// The list of routes is read from the app itself, so a new route without an entry here fails.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  directoryImports,
  directoryOrganisations,
  directoryServices,
  type Role,
  type Team,
  type Worker,
} from '../src/db/schema/index.js';
import { newDirectoryService, newTaxonomy, newTaxonomyTerm } from './directory-factories.js';
import { Agent, fingerprintTables, newTeam, newWorker, signedIn, snapshotTables, useTestApp } from './helpers.js';
import { tapScene, type TapScene } from './tap-factories.js';
import { notifications } from '../src/db/schema/index.js';

type Method = 'GET' | 'HEAD' | 'POST';

/**
 * How each route may be reached.
 * - public: anyone, signed in or not.
 * - worker: any signed-in worker; the feature decides further by role and relationship.
 * - admin: administrators only.
 * - editor: directory editors only (administrators), outside /admin because the pages are the directory's own.
 */
type Access = 'public' | 'worker' | 'admin' | 'editor';

/** One entry per route (GET stands for HEAD too). Add new routes here. */
const matrix: Record<string, Access> = {
  // Platform and the pages every service links to
  'GET /healthz': 'public',
  'GET /assets/*': 'public',
  'GET /public/*': 'public',
  'GET /accessibility': 'public',
  'GET /privacy': 'public',
  'GET /cookies': 'public',
  // Signing in and out
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'public',
  'GET /signed-out': 'public',
  'POST /session/keep-alive': 'worker',
  'GET /': 'worker',
  // People and conversations
  'GET /people': 'worker',
  'POST /people/search': 'worker',
  'GET /people/new': 'worker',
  'POST /people': 'worker',
  'GET /people/:id': 'worker',
  'POST /people/:id': 'worker',
  'GET /people/:id/edit': 'worker',
  'GET /people/:id/about-me': 'worker',
  'POST /people/:id/about-me': 'worker',
  'GET /people/:id/about-me/history': 'worker',
  'GET /people/:id/network/new': 'worker',
  'POST /people/:id/network': 'worker',
  'POST /people/:id/network/find': 'worker',
  'POST /people/:id/network/:memberId/remove': 'worker',
  'GET /people/:id/named-worker': 'worker',
  'POST /people/:id/named-worker': 'worker',
  'GET /people/:id/timeline': 'worker',
  'GET /people/:id/viewers': 'worker',
  'POST /people/:id/open': 'worker',
  'GET /people/:id/restriction': 'worker',
  'POST /people/:id/restriction': 'worker',
  'GET /people/:id/conversations/new': 'worker',
  'POST /people/:id/conversations': 'worker',
  'POST /people/:id/conversations/draft': 'worker',
  'GET /conversations/:id': 'worker',
  'GET /conversations/:id/amend': 'worker',
  'POST /conversations/:id/amend': 'worker',
  'GET /hand-offs': 'worker',
  'GET /contacts/new': 'worker',
  'POST /contacts/find': 'worker',
  'GET /people/:id/contacts/new': 'worker',
  'POST /people/:id/contacts': 'worker',
  'POST /people/:id/contacts/draft': 'worker',
  'GET /contacts/:id': 'worker',
  'POST /contacts/:id/take': 'worker',
  'POST /contacts/:id/route': 'worker',
  'POST /contacts/:id/check-back-done': 'worker',
  // Connecting a person to a resource, and its follow-up
  'GET /conversations/:id/connect': 'worker',
  'POST /conversations/:id/connect': 'worker',
  'GET /conversations/:id/connect/:serviceId': 'worker',
  'POST /conversations/:id/connect/:serviceId': 'worker',
  'GET /contacts/:id/connect': 'worker',
  'POST /contacts/:id/connect': 'worker',
  'GET /contacts/:id/connect/:serviceId': 'worker',
  'POST /contacts/:id/connect/:serviceId': 'worker',
  'GET /conversations/:id/connect/informal': 'worker',
  'POST /conversations/:id/connect/informal': 'worker',
  'GET /contacts/:id/connect/informal': 'worker',
  'POST /contacts/:id/connect/informal': 'worker',
  // Partners' concerns, and the front door taking them
  'GET /concerns/new': 'worker',
  'POST /concerns': 'worker',
  'GET /concerns': 'worker',
  'GET /concerns/:id': 'worker',
  'GET /connections/:id': 'worker',
  'POST /connections/:id/follow-up': 'worker',
  // The directory as workers use it, and its editors
  'GET /directory': 'worker',
  'GET /directory/vacancies': 'worker',
  'GET /directory/:id': 'worker',
  'GET /directory/out-of-date': 'editor',
  'GET /directory/suggestions': 'editor',
  'POST /directory/suggestions/:id/set-aside': 'editor',
  'GET /directory/new': 'editor',
  'POST /directory': 'editor',
  'GET /directory/:id/edit': 'editor',
  'POST /directory/:id': 'editor',
  'POST /directory/:id/check': 'editor',
  'GET /directory/:id/withdraw': 'editor',
  'POST /directory/:id/withdraw': 'editor',
  'POST /directory/:id/reinstate': 'editor',
  'POST /directory/:id/vacancies': 'editor',
  // The directory as an Open Referral UK API, and its export
  'GET /openreferral': 'public',
  'GET /openreferral/services': 'public',
  'GET /openreferral/services/:id': 'public',
  'GET /openreferral/service_at_locations': 'public',
  'GET /openreferral/service_at_locations/:id': 'public',
  'GET /openreferral/taxonomies': 'public',
  'GET /openreferral/taxonomies/:id': 'public',
  'GET /openreferral/taxonomy_terms': 'public',
  'GET /openreferral/taxonomy_terms/:id': 'public',
  'GET /directory/export.json': 'editor',
  // Importing into the directory (background jobs and their reports)
  'GET /directory/imports': 'editor',
  'GET /directory/imports/new': 'editor',
  'POST /directory/imports/files': 'editor',
  'POST /directory/imports/feed': 'editor',
  'GET /directory/imports/:id': 'editor',
  'GET /teams': 'worker',
  'GET /teams/:id': 'worker',
  'GET /front-door': 'worker',
  'GET /plain-language/terms': 'worker',
  'POST /notifications/:id/read': 'worker',
  // Team around the person
  'GET /people/:id/team': 'worker',
  'POST /people/:id/team': 'worker',
  'POST /people/:id/team/close': 'worker',
  'GET /people/:id/team/members/new': 'worker',
  'POST /people/:id/team/members': 'worker',
  'GET /people/:id/team/members/:memberId/remove': 'worker',
  'POST /people/:id/team/members/:memberId/remove': 'worker',
  'GET /people/:id/team/sharing': 'worker',
  'POST /people/:id/team/sharing': 'worker',
  'POST /people/:id/team/sharing/:consentId/withdraw': 'worker',
  'GET /people/:id/team/summary': 'worker',
  'POST /people/:id/team/summary': 'worker',
  'GET /people/:id/team/meetings/new': 'worker',
  'POST /people/:id/team/meetings': 'worker',
  'GET /people/:id/team/meetings/:meetingId': 'worker',
  'GET /people/:id/team/meetings/:meetingId/record': 'worker',
  'POST /people/:id/team/meetings/:meetingId/record': 'worker',
  'GET /people/:id/team/actions/new': 'worker',
  'POST /people/:id/team/actions': 'worker',
  'GET /people/:id/team/actions/:actionId': 'worker',
  'POST /people/:id/team/actions/:actionId/progress': 'worker',
  'POST /people/:id/team/actions/:actionId/owner': 'worker',
  'GET /people/:id/team/plan': 'worker',
  'GET /people/:id/team/plan/download': 'worker',
  'GET /people/:id/team/conversations/:conversationId': 'worker',
  'GET /conversations/:id/share': 'worker',
  'POST /conversations/:id/share': 'worker',
  'GET /team-around-the-person': 'worker',
  // Administration
  'GET /admin/workers': 'admin',
  'POST /admin/workers': 'admin',
  'GET /admin/workers/new': 'admin',
  'GET /admin/workers/:id': 'admin',
  'POST /admin/workers/:id': 'admin',
  'GET /admin/workers/:id/edit': 'admin',
  'POST /admin/workers/:id/deactivate': 'admin',
  'POST /admin/workers/:id/reactivate': 'admin',
  'POST /admin/workers/:id/delete': 'admin',
  'GET /admin/teams': 'admin',
  'POST /admin/teams': 'admin',
  'GET /admin/teams/new': 'admin',
  'POST /admin/teams/:id': 'admin',
  'GET /admin/teams/:id/edit': 'admin',
  'POST /admin/teams/:id/deactivate': 'admin',
  'POST /admin/teams/:id/reactivate': 'admin',
  'POST /admin/organisations': 'admin',
  'GET /admin/postcode-map': 'admin',
  'POST /admin/postcode-map': 'admin',
  'POST /admin/postcode-map/remove': 'admin',
  'GET /admin/audit': 'admin',
  'GET /admin/jobs': 'admin',
  'POST /admin/audit/verify': 'admin',
  'GET /admin/plain-language': 'admin',
  'POST /admin/plain-language': 'admin',
  'POST /admin/plain-language/:id/remove': 'admin',
};

/** Real addresses behind the public routes with ids, filled in once there is a record of each kind. */
const publicExamples: Record<string, string[]> = {};

/** A real file behind each static route. */
const staticFiles: Record<string, string[]> = {
  '/assets/*': ['/assets/manifest.json', '/assets/images/favicon.svg'],
  '/public/*': ['/public/favicon.svg', '/public/hearth.js'],
};

const roles: Role[] = ['front_door', 'practitioner', 'team_manager', 'quality', 'partner', 'admin'];

interface Route {
  method: Method;
  path: string;
}

/**
 * The routes the app registered, read from `app.printRoutes()`: a radix tree whose lines
 * are path fragments, each under its parent, with the methods of any route ending there.
 */
function registeredRoutes(app: FastifyInstance): Route[] {
  const out: Route[] = [];
  const stack: string[] = [];
  let lines = 0;
  for (const line of app.printRoutes().split('\n')) {
    const m = /^((?:[│ ] {3})*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack.push(path);
    if (!m[3]) continue;
    lines++;
    for (const method of m[3].split(', ')) out.push({ method: method as Method, path });
  }
  assert.ok(lines > 10, 'the route tree was read');
  return out;
}

const key = (r: Route) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.path}`;
const hasParams = (path: string) => path.includes('/:');

/** Fills a route's parameters: with the given ids where they are known, else with a value. */
function fill(path: string, value: (name: string) => string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => value(name));
}

function inject(agent: Agent, method: Method, url: string, form: Record<string, string> = {}) {
  if (method === 'GET') return agent.get(url);
  if (method === 'HEAD') {
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return agent.app.inject({ method: 'HEAD', url, headers: { cookie } });
  }
  return agent.post(url, form);
}

const describeRes = (r: LightMyRequestResponse) => `${r.statusCode} ${r.headers.location ?? ''}`;

describe('the access matrix', () => {
  const t = useTestApp();
  let routes: Route[] = [];
  const agents = {} as Record<Role, { worker: Worker; agent: Agent }>;
  let target: Worker;
  let team: Team;
  let resourceId: string;
  let importId: string;

  before(async () => {
    routes = registeredRoutes(t.app);
    for (const role of roles) agents[role] = await signedIn(t.app, t.db, { role });
    team = await newTeam(t.db, { kind: 'locality', name: 'Matrix Locality' });
    target = await newWorker(t.db, { teamId: team.id, name: 'Matrix Target' });
    for (const { agent } of Object.values(agents)) await agent.get('/');
    const [org] = await t.db
      .insert(directoryOrganisations)
      .values({ id: randomUUID(), name: 'Matrix Directory Organisation' })
      .returning();
    const [resource] = await t.db
      .insert(directoryServices)
      .values({ id: randomUUID(), name: 'Matrix Resource', organizationId: org.id })
      .returning();
    resourceId = resource.id;
    const [job] = await t.db
      .insert(directoryImports)
      .values({ source: 'feed', sourceName: 'https://matrix.example.org/api', requestedById: target.id })
      .returning();
    importId = job.id;
    const taxonomyId = await newTaxonomy(t.db, { name: 'Matrix Taxonomy' });
    const termId = await newTaxonomyTerm(t.db, { name: 'Matrix Term', taxonomyId });
    const listed = await newDirectoryService(t.db, {
      name: 'Matrix Listed',
      termIds: [termId],
      locations: [{ name: 'Matrix Hall' }],
    });
    publicExamples['/openreferral/services/:id'] = [`/openreferral/services/${listed.id}`];
    publicExamples['/openreferral/service_at_locations/:id'] = [
      `/openreferral/service_at_locations/${listed.serviceAtLocationIds[0]}`,
    ];
    publicExamples['/openreferral/taxonomies/:id'] = [`/openreferral/taxonomies/${taxonomyId}`];
    publicExamples['/openreferral/taxonomy_terms/:id'] = [`/openreferral/taxonomy_terms/${termId}`];
  });

  /** For each admin form, one that would change something if it were let through. */
  function formFor(path: string): Record<string, string> {
    const forms: Record<string, Record<string, string>> = {
      '/admin/workers': {
        name: 'Let Through',
        email: `let-through-${randomUUID().slice(0, 8)}@test.example`,
        role: 'admin',
        organisationId: team.organisationId,
        teamId: team.id,
        password: 'a perfectly good password',
      },
      '/admin/workers/:id': {
        name: 'Changed By Someone Not Allowed',
        email: target.email,
        role: 'admin',
        organisationId: target.organisationId,
        teamId: target.teamId ?? '',
        password: 'a perfectly good password',
        version: String(target.version),
      },
      '/admin/teams': { name: 'Let Through Team', kind: 'locality', organisationId: team.organisationId },
      '/admin/teams/:id': {
        name: 'Renamed Team',
        kind: 'locality',
        organisationId: team.organisationId,
        version: String(team.version),
      },
      '/admin/organisations': { name: 'Let Through Organisation', kind: 'council' },
      '/admin/postcode-map': { prefix: 'ZZ9', teamId: team.id },
      '/admin/postcode-map/remove': { prefix: 'ZZ9' },
      '/admin/plain-language': { term: 'LTT', plain: 'let through term', meaning: 'let through term' },
      '/directory': {
        name: 'Let Through Resource',
        organisationId: 'new',
        newOrganisationName: 'Let Through',
        description: 'Let through',
        status: 'active',
      },
      '/directory/:id': {
        name: 'Let Through Resource',
        organisationId: 'new',
        newOrganisationName: 'Let Through',
        description: 'Let through',
        status: 'active',
        version: '1',
      },
      '/directory/:id/withdraw': { reason: 'Let through', version: '1' },
      '/directory/:id/vacancies': { placesFree: '3' },
    };
    return forms[path] ?? {};
  }

  /** Real ids for the admin routes, so a refusal is about the role and not a missing record. */
  const realIds = (path: string) =>
    fill(path, () =>
      path.startsWith('/admin/workers') ? target.id : path.startsWith('/admin/teams') ? team.id : randomUUID(),
    );

  test('every route the app registers has an entry in the matrix, and every entry is a route', () => {
    assert.ok(routes.length > 0);
    for (const r of routes)
      assert.ok(
        t.app.hasRoute({ method: r.method, url: r.path }),
        `the route list was read correctly: ${r.method} ${r.path}`,
      );
    const registered = new Set(routes.map(key));
    const missing = [...registered].filter((k) => !(k in matrix));
    assert.deepEqual(missing, [], 'routes with no entry in the access matrix (test/access.test.ts): add them');
    const stale = Object.keys(matrix).filter((k) => !registered.has(k));
    assert.deepEqual(stale, [], 'entries in the access matrix for routes that no longer exist');
    for (const r of routes)
      if (r.method === 'GET')
        assert.ok(
          routes.some((h) => h.method === 'HEAD' && h.path === r.path),
          `HEAD ${r.path}`,
        );
    for (const path of Object.keys(staticFiles)) assert.ok(registered.has(`GET ${path}`));
  });

  test('public pages answer 200 to everyone, signed in or not', async () => {
    const visitors: Array<[string, Agent]> = [
      ['signed out', new Agent(t.app)],
      ...roles.map((r) => [r, agents[r].agent] as [string, Agent]),
    ];
    const pages = routes
      .filter((r) => r.method !== 'POST' && matrix[key(r)] === 'public')
      .flatMap((r) => staticFiles[r.path] ?? publicExamples[r.path] ?? [r.path]);
    assert.ok(pages.length >= 9);
    for (const [who, agent] of visitors) {
      for (const url of pages) {
        for (const method of ['GET', 'HEAD'] as const) {
          const res = await inject(agent, method, url);
          if (url === '/sign-in' && who !== 'signed out') {
            // Someone already signed in is taken to their home page instead.
            assert.equal(res.statusCode, 303, `${who} ${method} ${url}`);
            assert.equal(res.headers.location, '/');
          } else {
            assert.equal(res.statusCode, 200, `${who} ${method} ${url}: ${describeRes(res)}`);
          }
        }
      }
    }
    const health = await new Agent(t.app).get('/healthz');
    assert.equal(JSON.parse(health.body).status, 'ok');
  });

  test('signed out: every protected page redirects to sign in, and every form is refused and changes nothing', async () => {
    const before = await fingerprintTables(t.db);
    const protectedRoutes = routes.filter((r) => matrix[key(r)] !== 'public');
    assert.ok(protectedRoutes.length > 20);
    for (const r of protectedRoutes) {
      const url = realIds(r.path);
      if (r.method === 'POST') {
        // A visitor with no session at all, and one who has opened the sign-in page (so holds a valid token).
        const stranger = new Agent(t.app);
        const noSession = await stranger.post(url, formFor(r.path), { csrf: null });
        assert.ok([401, 403].includes(noSession.statusCode), `POST ${url} with no session: ${describeRes(noSession)}`);
        assert.ok(
          !noSession.body.includes(formFor('/admin/workers').password),
          'a password typed is never shown again',
        );
        const visitor = new Agent(t.app);
        await visitor.get('/sign-in');
        const res = await visitor.post(url, formFor(r.path));
        assert.equal(res.statusCode, 401, `POST ${url} signed out: ${describeRes(res)}`);
        assert.match(res.body, /You have been signed out/);
        assert.ok(!res.body.includes(formFor('/admin/workers').password), 'a password typed is never shown again');
      } else {
        const res = await inject(new Agent(t.app), r.method, url);
        assert.equal(res.statusCode, 303, `${r.method} ${url}: ${describeRes(res)}`);
        assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
      }
    }
    assert.deepEqual(await fingerprintTables(t.db), before);
  });

  test('every role but administrator gets 403 on every /admin page and form, sees no data, and changes nothing', async () => {
    const adminRoutes = routes.filter((r) => matrix[key(r)] === 'admin');
    assert.ok(
      adminRoutes.every((r) => r.path.startsWith('/admin/')),
      'administration lives under /admin',
    );
    assert.ok(
      routes.filter((r) => r.path.startsWith('/admin/')).every((r) => matrix[key(r)] === 'admin'),
      'everything under /admin is for administrators',
    );
    const tables = await snapshotTables(t.db);
    const everything = await fingerprintTables(t.db);
    for (const role of roles.filter((r) => r !== 'admin')) {
      const { agent } = agents[role];
      for (const r of adminRoutes) {
        const url = realIds(r.path);
        const res = await inject(agent, r.method, url, formFor(r.path));
        assert.equal(res.statusCode, 403, `${role} ${r.method} ${url}: ${describeRes(res)}`);
        if (r.method === 'HEAD') continue;
        assert.match(
          res.body,
          /You do not have access to this page/,
          `${role} ${r.method} ${url}: refused for the role`,
        );
        assert.doesNotMatch(
          res.body,
          /This form has expired/,
          'the CSRF token was valid: the refusal is about the role',
        );
        assert.ok(!res.body.includes(target.email) && !res.body.includes('Matrix Target'), 'no data on the page');
      }
    }
    assert.deepEqual(await snapshotTables(t.db), tables);
    assert.deepEqual(await fingerprintTables(t.db), everything);
  });

  test('administrators reach every /admin page and form', async () => {
    const { agent } = agents.admin;
    for (const r of routes.filter((x) => matrix[key(x)] === 'admin' && x.method !== 'POST')) {
      const url = realIds(r.path);
      const res = await inject(agent, r.method, url);
      assert.equal(
        res.statusCode,
        hasParams(r.path) && !/^\/admin\/(workers|teams)\//.test(r.path) ? 404 : 200,
        `admin ${r.method} ${url}: ${describeRes(res)}`,
      );
    }
    // Forms: let through (whatever the form then says), each on a record of its own.
    for (const r of routes.filter((x) => matrix[key(x)] === 'admin' && x.method === 'POST')) {
      const own = await newWorker(t.db, { teamId: team.id });
      const ownTeam = await newTeam(t.db, { organisationId: team.organisationId });
      const url = fill(r.path, () =>
        r.path.startsWith('/admin/workers') ? own.id : r.path.startsWith('/admin/teams') ? ownTeam.id : randomUUID(),
      );
      const form = {
        ...formFor(r.path),
        ...(r.path === '/admin/workers/:id' ? { email: own.email, version: '1', role: own.role } : {}),
        ...(r.path === '/admin/teams/:id' ? { version: '1' } : {}),
      };
      const res = await agent.post(url, form);
      assert.ok(res.statusCode < 500 && ![401, 403].includes(res.statusCode), `admin POST ${url}: ${describeRes(res)}`);
    }
  });

  test("only directory editors reach the directory's editing pages and forms: everyone else gets 403 and changes nothing", async () => {
    const editorRoutes = routes.filter((r) => matrix[key(r)] === 'editor');
    assert.ok(editorRoutes.length >= 9);
    const withResource = (path: string) =>
      fill(path, () => (path.startsWith('/directory/imports/') ? importId : resourceId));
    const everything = await fingerprintTables(t.db);
    for (const role of roles.filter((r) => r !== 'admin')) {
      for (const r of editorRoutes) {
        const res = await inject(agents[role].agent, r.method, withResource(r.path), formFor(r.path));
        assert.equal(res.statusCode, 403, `${role} ${r.method} ${r.path}: ${describeRes(res)}`);
        if (r.method !== 'HEAD')
          assert.doesNotMatch(
            res.body,
            /This form has expired/,
            'the CSRF token was valid: the refusal is about the role',
          );
      }
    }
    assert.deepEqual(await fingerprintTables(t.db), everything);
    const { agent } = agents.admin;
    for (const r of editorRoutes.filter((x) => x.method === 'GET')) {
      const res = await agent.get(withResource(r.path));
      assert.equal(res.statusCode, 200, `admin GET ${r.path}: ${describeRes(res)}`);
    }
    for (const r of editorRoutes.filter((x) => x.method === 'POST')) {
      const res = await agent.post(withResource(r.path), formFor(r.path));
      assert.ok(
        res.statusCode < 500 && ![401, 403].includes(res.statusCode),
        `admin POST ${r.path}: ${describeRes(res)}`,
      );
    }
  });

  test('every signed-in worker reaches their home page and "Stay signed in", and signs out', async () => {
    for (const role of roles) {
      const { agent, worker } = agents[role];
      const home = await agent.get('/');
      assert.equal(home.statusCode, 200, role);
      assert.ok(home.body.includes(worker.name));
      assert.equal(
        (await agent.post('/session/keep-alive', {}, { headers: { accept: 'application/json' } })).statusCode,
        200,
        role,
      );
      // Signing out uses an agent of its own, so the others stay signed in.
      const { agent: leaving } = await signedIn(t.app, t.db, { role });
      const out = await leaving.post('/sign-out');
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/signed-out');
      assert.equal((await leaving.get('/')).statusCode, 303);
    }
  });

  test('the other signed-in pages answer every role without an error', async () => {
    const pages = routes.filter((r) => matrix[key(r)] === 'worker' && r.method === 'GET' && !hasParams(r.path));
    assert.ok(pages.length >= 2);
    for (const role of roles) {
      for (const r of pages) {
        const res = await agents[role].agent.get(r.path);
        // A feature may refuse a role (403, or 404 where even the page's existence is not for them).
        assert.ok([200, 403, 404].includes(res.statusCode), `${role} GET ${r.path}: ${describeRes(res)}`);
        assert.doesNotMatch(res.body, /Sorry, there is a problem with Hearth/);
      }
    }
  });

  test('an id changed in a URL is not found: never an error, never data', async () => {
    const everything = await fingerprintTables(t.db);
    const withIds = routes.filter((r) => hasParams(r.path) && r.method !== 'HEAD');
    assert.ok(withIds.length > 10);
    const uuids = [() => randomUUID(), () => '00000000-0000-0000-0000-000000000000'];
    const malformed = [
      () => 'abc',
      () => '..%2F',
      () => "1'%20OR%20'1'%3D'1",
      () => 'x'.repeat(90),
      () => randomUUID().toUpperCase() + 'z',
    ];
    const tampered = [...uuids, ...malformed];
    for (const role of roles) {
      const { agent } = agents[role];
      for (const r of withIds) {
        const access = matrix[key(r)];
        for (const value of tampered) {
          const url = fill(r.path, value);
          const res = await inject(agent, r.method, url, formFor(r.path));
          // Someone without the role is refused whatever the id; a path that is not a path at all is simply not found.
          const allowed =
            (access === 'admin' || access === 'editor') && role !== 'admin' && uuids.includes(value)
              ? [403]
              : [403, 404];
          assert.ok(
            allowed.includes(res.statusCode),
            `${role} ${r.method} ${url}: ${describeRes(res)}, expected ${allowed.join(' or ')}`,
          );
          assert.ok(!res.body.includes(target.email), 'no data on the page');
          assert.doesNotMatch(res.body, /\bat .*\.(ts|js):\d+/, 'no stack trace');
        }
      }
    }
    // An absurdly long id is refused before any route sees it.
    const long = await agents.admin.agent.get(`/admin/workers/${'x'.repeat(300)}`);
    assert.equal(long.statusCode, 414);
    assert.doesNotMatch(long.body, /\bat .*\.(ts|js):\d+/, 'no stack trace');
    // A path that climbs out of its folder finds nothing either.
    for (const url of [
      '/public/../package.json',
      '/assets/..%2F..%2Fpackage.json',
      '/public/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await agents.admin.agent.get(url);
      assert.equal(res.statusCode, 404, `${url}: ${describeRes(res)}`);
      assert.doesNotMatch(res.body, /"name": "hearth"/);
    }
    assert.deepEqual(await fingerprintTables(t.db), everything);
  });
});

describe('a partner practitioner, on every route, with the ids of someone outside their teams', () => {
  const t = useTestApp();
  let routes: Route[] = [];
  let mine: TapScene;
  let theirs: TapScene;
  let theirNotification: string;

  before(async () => {
    routes = registeredRoutes(t.app);
    mine = await tapScene(t.app, t.db, t.clock.now());
    theirs = await tapScene(t.app, t.db, t.clock.now());
    const [n] = await t.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.workerId, theirs.partner.worker.id))
      .limit(1);
    theirNotification = n.id;
  });

  /** Their ids, for each parameter name; `ownPerson` keeps the partner's own person with the other ids. */
  const theirIds = (path: string, ownPerson: boolean) =>
    fill(path, (name) => {
      if (name === 'id') {
        if (path.startsWith('/people/')) return ownPerson ? mine.person.id : theirs.person.id;
        if (path.startsWith('/conversations/')) return theirs.unsharedConversationId;
        if (path.startsWith('/notifications/')) return theirNotification;
        if (path.startsWith('/teams/')) return theirs.namedWorker.teamId!;
        if (path.startsWith('/admin/workers')) return theirs.namedWorker.id;
        return theirs.person.id;
      }
      return (
        (
          {
            memberId: theirs.partnerMemberId,
            consentId: theirs.consentId,
            meetingId: theirs.meetingId,
            actionId: theirs.actionId,
            conversationId: theirs.sharedConversationId,
          } as Record<string, string>
        )[name] ?? theirs.person.id
      );
    });

  /** A form full of the other person's ids and name, in every field a form might take them from. */
  const theirForm = () => ({
    q: theirs.person.familyName,
    personId: theirs.person.id,
    workerId: theirs.partner.worker.id,
    ownerMemberId: theirs.partnerMemberId,
    memberId: theirs.partnerMemberId,
    meetingId: theirs.meetingId,
    conversationId: theirs.unsharedConversationId,
    networkMemberId: theirs.partnerMemberId,
    invitedMemberIds: theirs.partnerMemberId,
    organisationIds: mine.partner.organisation.id,
    kind: 'worker',
    note: 'Tampered with',
    status: 'done',
    version: '1',
    reason: 'Tampered with',
    shared: 'yes',
  });

  const leaks = (body: string) =>
    [theirs.person.familyName, 'PRIVATE: Arthur', 'SHARED: Arthur', theirs.partner.worker.name].filter((s) =>
      body.includes(s),
    );

  test('they reach their own person’s team (so the refusals below are about the ids)', async () => {
    const { agent } = mine.partner;
    for (const url of [
      `/people/${mine.person.id}/team`,
      `/people/${mine.person.id}/team/actions/${mine.actionId}`,
      `/people/${mine.person.id}/team/conversations/${mine.sharedConversationId}`,
    ]) {
      assert.equal((await agent.get(url)).statusCode, 200, url);
    }
  });

  test('every route with an id: theirs, or theirs under the partner’s own person, gets 403 or 404, nothing about them, and changes nothing', async () => {
    const { agent } = mine.partner;
    const everything = await fingerprintTables(t.db);
    const withIds = routes.filter((r) => hasParams(r.path) && r.method !== 'HEAD' && matrix[key(r)] !== 'public');
    assert.ok(withIds.length > 30);
    for (const r of withIds) {
      for (const ownPerson of [false, true]) {
        const url = theirIds(r.path, ownPerson);
        // Their meeting, action or conversation under the partner's own person's team.
        if (ownPerson && !(r.path.startsWith('/people/:id/') && (r.path.match(/:/g) ?? []).length > 1)) continue;
        const res = await inject(agent, r.method, url, theirForm());
        assert.ok([403, 404].includes(res.statusCode), `partner ${r.method} ${url}: ${describeRes(res)}`);
        assert.deepEqual(leaks(res.body), [], `partner ${r.method} ${url}: nothing about them`);
      }
    }
    assert.deepEqual(await fingerprintTables(t.db), everything);
  });

  test('every page and form without an id shows nothing about them, whatever the form names; nothing changes', async () => {
    const { agent } = mine.partner;
    const everything = await fingerprintTables(t.db);
    for (const r of routes.filter((x) => !hasParams(x.path) && x.method !== 'HEAD' && matrix[key(x)] === 'worker')) {
      if (r.path === '/session/keep-alive') continue;
      const res = await inject(agent, r.method, r.path, theirForm());
      assert.ok(res.statusCode < 500, `partner ${r.method} ${r.path}: ${describeRes(res)}`);
      assert.deepEqual(leaks(res.body), [], `partner ${r.method} ${r.path}: nothing about them`);
    }
    assert.deepEqual(await fingerprintTables(t.db), everything);
  });
});
