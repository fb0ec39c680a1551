import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, gt, sql } from 'drizzle-orm';
import { auditEvents, sessions, workers, type Worker } from '../../db/schema/index.js';
import {
  Agent,
  auditMark,
  auditRowsAbout,
  countRows,
  attrs,
  errorSummary,
  inputValue,
  newTeam,
  newWorker,
  page as parse,
  signedIn,
  testPassword,
  texts,
  useTestApp,
} from '../../../test/helpers.js';

/** A password distinctive enough to search pages for. */
const typedPassword = 'Marmalade-Lighthouse-Violin-42';

function workerRow(db: Parameters<typeof newWorker>[0], id: string) {
  return db
    .select()
    .from(workers)
    .where(eq(workers.id, id))
    .then((r) => r[0] ?? null);
}

async function sessionCount(db: Parameters<typeof newWorker>[0], workerId: string) {
  return (await db.select().from(sessions).where(eq(sessions.workerId, workerId))).length;
}

/** The edit form as the page would send it: the worker's current details, with some changed. */
function editForm(w: Worker, changes: Record<string, string> = {}) {
  return {
    name: w.name,
    email: w.email,
    jobTitle: w.jobTitle ?? '',
    phone: w.phone ?? '',
    role: w.role,
    organisationId: w.organisationId,
    teamId: w.teamId ?? '',
    password: '',
    version: String(w.version),
    ...changes,
  };
}

describe('the list of workers', () => {
  const t = useTestApp();

  test('shows active workers, filters by name or email and by role, and includes deactivated accounts only when asked', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const tag = `Quillon${randomUUID().slice(0, 6)}`;
    const alpha = await newWorker(t.db, { name: `${tag} Alpha`, role: 'practitioner' });
    const bravo = await newWorker(t.db, { name: `Bravo ${tag}`, role: 'quality' });
    const byEmail = await newWorker(t.db, { name: 'Charlie Someone', role: 'practitioner' });
    await t.db
      .update(workers)
      .set({ email: `${tag.toLowerCase()}.charlie@test.example` })
      .where(eq(workers.id, byEmail.id));
    const gone = await newWorker(t.db, { name: `${tag} Delta`, role: 'practitioner', active: false });
    const other = await newWorker(t.db, { name: 'Unrelated Person' });

    const all = await agent.get(`/admin/workers?q=${tag}`);
    assert.equal(all.statusCode, 200);
    for (const w of [alpha, bravo, byEmail])
      assert.ok(all.body.includes(`/admin/workers/${w.id}"`), `${w.name} is listed`);
    assert.ok(!all.body.includes(gone.id), 'a deactivated account is not listed by default');
    assert.ok(!all.body.includes(other.id), 'a worker who does not match is not listed');
    assert.match(all.body, /3 workers/);

    const lower = await agent.get(`/admin/workers?q=${tag.toLowerCase()}`);
    assert.match(lower.body, /3 workers/, 'the search ignores case');

    const quality = await agent.get(`/admin/workers?q=${tag}&role=quality`);
    assert.ok(quality.body.includes(bravo.id));
    assert.ok(!quality.body.includes(alpha.id));
    assert.match(quality.body, /1 worker\b/);

    const withInactive = await agent.get(`/admin/workers?q=${tag}&inactive=yes`);
    for (const w of [alpha, bravo, byEmail, gone]) assert.ok(withInactive.body.includes(w.id), `${w.name} is listed`);
    assert.match(withInactive.body, /4 workers/);
    assert.match(withInactive.body, /Deactivated/);

    const wildcard = await agent.get('/admin/workers?q=%25');
    assert.match(wildcard.body, /No workers match/, 'a % typed in the search is a character, not a wildcard');

    const unknownRole = await agent.get(`/admin/workers?q=${tag}&role=wizard`);
    assert.match(unknownRole.body, /3 workers/, 'an unknown role is ignored, not an error');

    const listed = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workerId, admin.id), eq(auditEvents.entity, 'worker_list')));
    assert.equal(listed.length, 6, 'every look at the list is audited');
    assert.ok(listed.every((e) => e.action === 'read'));
  });

  test('pages through long lists, 50 at a time', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const tag = `Paginor${randomUUID().slice(0, 6)}`;
    const team = await newTeam(t.db);
    for (let i = 0; i < 53; i++)
      await newWorker(t.db, { name: `${tag} ${String(i).padStart(2, '0')}`, teamId: team.id });
    const first = await agent.get(`/admin/workers?q=${tag}`);
    assert.match(first.body, /53 workers/);
    const listed = (html: string) => texts(html, 'tbody a').filter((name) => name.startsWith(`${tag} `));
    assert.equal(listed(first.body).length, 50);
    assert.ok(attrs(first.body, '.govuk-pagination a', 'href').includes(`/admin/workers?q=${tag}&page=2`));
    const second = await agent.get(`/admin/workers?q=${tag}&page=2`);
    assert.deepEqual(listed(second.body), [`${tag} 50`, `${tag} 51`, `${tag} 52`]);
  });
});

describe('adding a worker', () => {
  const t = useTestApp();

  async function setUp() {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const team = await newTeam(t.db);
    const form = {
      name: 'Priya Raman',
      email: `Priya.Raman.${randomUUID().slice(0, 8)}@Test.Example`,
      jobTitle: 'Social worker',
      phone: '0113 496 0000',
      role: 'practitioner',
      organisationId: team.organisationId,
      teamId: team.id,
      password: typedPassword,
    };
    await agent.get('/admin/workers/new');
    return { admin, agent, team, form };
  }

  test('the form offers every role, organisation and team', async () => {
    const { agent, team } = await setUp();
    const page = await agent.get('/admin/workers/new');
    assert.equal(page.statusCode, 200);
    assert.deepEqual(attrs(page.body, 'input[name="role"]', 'value').sort(), [
      'admin',
      'front_door',
      'partner',
      'practitioner',
      'quality',
      'team_manager',
    ]);
    assert.ok(attrs(page.body, 'select[name="organisationId"] option', 'value').includes(team.organisationId));
    assert.ok(attrs(page.body, 'select[name="teamId"] option', 'value').includes(team.id));
  });

  test('a blank form is explained field by field, in a GOV.UK error summary, and stores nothing', async () => {
    const { agent } = await setUp();
    const before = await countRows(t.db);
    const mark = await auditMark(t.db);
    // What a browser sends for an untouched form: empty text boxes and selects, no radio.
    const res = await agent.post('/admin/workers', {
      name: '',
      email: '',
      jobTitle: '',
      phone: '',
      organisationId: '',
      teamId: '',
      password: '',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(parse(res.body)('.govuk-error-summary').length, 1);
    assert.match(parse(res.body)('title').text(), /^Error: /);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'name', text: 'Enter the worker’s full name' },
      { field: 'email', text: 'Enter an email address' },
      { field: 'role', text: 'Select a role' },
      { field: 'organisationId', text: 'Select an organisation' },
      { field: 'password', text: 'Password must be 12 characters or more' },
    ]);
    assert.deepEqual(await countRows(t.db), before);
    assert.equal(
      (
        await t.db
          .select()
          .from(auditEvents)
          .where(and(gt(auditEvents.id, mark), eq(auditEvents.action, 'create')))
      ).length,
      0,
    );
  });

  test('each required field, left out, is named in the summary and nothing is stored', async () => {
    const { agent, form } = await setUp();
    const before = await countRows(t.db);
    const expected: Record<string, string> = {
      name: 'Enter the worker’s full name',
      email: 'Enter an email address',
      role: 'Select a role',
      organisationId: 'Select an organisation',
      password: 'Password must be 12 characters or more',
    };
    for (const [field, message] of Object.entries(expected)) {
      const res = await agent.post('/admin/workers', { ...form, [field]: '' });
      assert.equal(res.statusCode, 400, field);
      assert.deepEqual(errorSummary(res.body), [{ field, text: message }]);
      assert.ok(!res.body.includes(typedPassword), 'the password is never sent back');
    }
    // A tampered form with no fields at all is refused the same way.
    const bare = await agent.post('/admin/workers', {});
    assert.equal(bare.statusCode, 400);
    assert.deepEqual(
      errorSummary(bare.body).map((e) => e.field),
      ['name', 'email', 'role', 'organisationId', 'password'],
    );
    assert.deepEqual(await countRows(t.db), before);
  });

  test('a bad email or a short password is refused, keeping what was typed but never the password', async () => {
    const { agent, form } = await setUp();
    const before = await countRows(t.db);

    const badEmail = await agent.post('/admin/workers', { ...form, email: 'priya at example' });
    assert.equal(badEmail.statusCode, 400);
    assert.deepEqual(errorSummary(badEmail.body), [
      { field: 'email', text: 'Enter an email address in the correct format, like name@example.org' },
    ]);
    assert.equal(inputValue(badEmail.body, 'email'), 'priya at example');
    assert.equal(inputValue(badEmail.body, 'name'), 'Priya Raman');
    assert.equal(inputValue(badEmail.body, 'jobTitle'), 'Social worker');
    assert.deepEqual(attrs(badEmail.body, 'input[name="role"][checked]', 'value'), ['practitioner']);
    assert.ok(!badEmail.body.includes(typedPassword));

    const eleven = 'abcdefghijk';
    const short = await agent.post('/admin/workers', { ...form, password: eleven });
    assert.equal(short.statusCode, 400);
    assert.deepEqual(errorSummary(short.body), [{ field: 'password', text: 'Password must be 12 characters or more' }]);
    assert.ok(!short.body.includes(eleven), 'not even a refused password is sent back');
    assert.equal(inputValue(short.body, 'password'), '', 'the password box is empty');

    assert.deepEqual(await countRows(t.db), before);
  });

  test('an email already used by another worker is refused, whatever its case', async () => {
    const { agent, form } = await setUp();
    const existing = await newWorker(t.db);
    await t.db
      .update(workers)
      .set({ email: `Mixed.Case.${existing.id.slice(0, 8)}@Test.Example` })
      .where(eq(workers.id, existing.id));
    const before = await countRows(t.db);
    for (const email of [
      `mixed.case.${existing.id.slice(0, 8)}@test.example`,
      `MIXED.CASE.${existing.id.slice(0, 8)}@TEST.EXAMPLE`,
    ]) {
      const res = await agent.post('/admin/workers', { ...form, email });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorSummary(res.body), [
        { field: 'email', text: 'Another worker already uses this email address' },
      ]);
      assert.ok(!res.body.includes(typedPassword), 'the password is never sent back');
    }
    assert.deepEqual(await countRows(t.db), before);
  });

  test('an organisation or team that does not exist is refused with a message, not an error', async () => {
    const { agent, form } = await setUp();
    const before = await countRows(t.db);
    const noOrganisation = await agent.post('/admin/workers', { ...form, organisationId: randomUUID() });
    assert.equal(noOrganisation.statusCode, 400);
    assert.deepEqual(
      errorSummary(noOrganisation.body).map((e) => e.field),
      ['organisationId'],
    );
    const noTeam = await agent.post('/admin/workers', { ...form, teamId: randomUUID() });
    assert.equal(noTeam.statusCode, 400);
    assert.deepEqual(
      errorSummary(noTeam.body).map((e) => e.field),
      ['teamId'],
    );
    const malformed = await agent.post('/admin/workers', { ...form, teamId: 'abc' });
    assert.equal(malformed.statusCode, 400);
    assert.deepEqual(errorSummary(malformed.body), [{ field: 'teamId', text: 'Select a team' }]);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('an administrator signed out while typing is shown what they typed, but never the password', async () => {
    const { agent, form } = await setUp();
    const before = await countRows(t.db);
    t.clock.advanceMinutes(31);
    try {
      const res = await agent.post('/admin/workers', { ...form, jobTitle: 'Community support worker, nights' });
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /You have been signed out/);
      assert.ok(!res.body.includes(typedPassword), 'the password is not on the page');
    } finally {
      t.clock.advanceMinutes(-31);
    }
    assert.deepEqual(await countRows(t.db), before);
  });

  test('a new worker is stored with a hashed password, audited, and can sign in', async () => {
    const { admin, agent, form, team } = await setUp();
    const res = await agent.post('/admin/workers', form);
    assert.equal(res.statusCode, 303);
    const id = /^\/admin\/workers\/([0-9a-f-]{36})\?done=created$/.exec(res.headers.location as string)?.[1];
    assert.ok(id, `redirected to the new worker: ${res.headers.location}`);

    const page = await agent.get(res.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Worker added/);
    assert.match(page.body, /Priya Raman/);
    assert.ok(!page.body.includes(typedPassword));

    const row = await workerRow(t.db, id);
    assert.ok(row);
    assert.equal(row.email, form.email.toLowerCase(), 'emails are kept in lower case');
    assert.equal(row.role, 'practitioner');
    assert.equal(row.teamId, team.id);
    assert.equal(row.jobTitle, 'Social worker');
    assert.equal(row.active, true);
    assert.equal(row.version, 1);
    assert.match(row.passwordHash, /^\$argon2id\$/);
    assert.ok(!row.passwordHash.includes(typedPassword));

    const audit = await auditRowsAbout(t.db, id);
    assert.deepEqual(
      audit.map((e) => [e.action, e.entity, e.entityId, e.workerId]),
      [
        ['create', 'worker', id, admin.id],
        ['read', 'worker', id, admin.id],
      ],
    );
    assert.ok(!JSON.stringify(audit).includes(typedPassword), 'the audit trail never holds a password');

    const newcomer = new Agent(t.app);
    const signIn = await newcomer.signIn(form.email, typedPassword);
    assert.equal(signIn.statusCode, 303);
    const home = await newcomer.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Priya Raman/);
  });

  test('a password of exactly 12 characters is enough, and optional fields may be left blank', async () => {
    const { agent, form } = await setUp();
    const res = await agent.post('/admin/workers', {
      ...form,
      password: 'twelve chars',
      jobTitle: '',
      phone: '',
      teamId: '',
    });
    assert.equal(res.statusCode, 303);
    const id = /\/admin\/workers\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1];
    const row = await workerRow(t.db, id);
    assert.equal(row?.jobTitle, null);
    assert.equal(row?.phone, null);
    assert.equal(row?.teamId, null);
    assert.equal((await new Agent(t.app).signIn(form.email, 'twelve chars')).statusCode, 303);
  });
});

describe('changing a worker’s details', () => {
  const t = useTestApp();

  test('the edit form shows the current details and version, and never a password', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const target = await newWorker(t.db, { name: 'Edith Form' });
    const page = await agent.get(`/admin/workers/${target.id}/edit`);
    assert.equal(page.statusCode, 200);
    assert.equal(inputValue(page.body, 'name'), 'Edith Form');
    assert.equal(inputValue(page.body, 'email'), target.email);
    assert.equal(inputValue(page.body, 'version'), '1');
    assert.equal(inputValue(page.body, 'password'), '');
    assert.ok(!page.body.includes(target.passwordHash));
  });

  test('a change of details is saved, versioned and audited, and leaves the worker signed in', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: target, agent: targetAgent } = await signedIn(t.app, t.db, { role: 'practitioner' });
    await agent.get(`/admin/workers/${target.id}/edit`);
    const res = await agent.post(
      `/admin/workers/${target.id}`,
      editForm(target, { jobTitle: 'Occupational therapist', phone: '0113 496 0001' }),
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/workers/${target.id}?done=updated`);
    const row = await workerRow(t.db, target.id);
    assert.equal(row?.jobTitle, 'Occupational therapist');
    assert.equal(row?.version, 2);
    assert.equal(row?.passwordHash, target.passwordHash, 'a blank password keeps the current one');
    assert.equal((await targetAgent.get('/')).statusCode, 200, 'still signed in');

    const update = (await auditRowsAbout(t.db, target.id)).filter((e) => e.action === 'update');
    assert.equal(update.length, 1);
    assert.equal(update[0].entity, 'worker');
    assert.equal(update[0].workerId, admin.id);
    assert.deepEqual((update[0].details as { changed: string[] }).changed.sort(), ['jobTitle', 'phone']);
  });

  test('changing a worker’s role ends their sessions', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: target, agent: targetAgent } = await signedIn(t.app, t.db, { role: 'practitioner' });
    assert.equal(await sessionCount(t.db, target.id), 1);
    await agent.get(`/admin/workers/${target.id}/edit`);
    const res = await agent.post(`/admin/workers/${target.id}`, editForm(target, { role: 'team_manager' }));
    assert.equal(res.statusCode, 303);
    assert.equal((await workerRow(t.db, target.id))?.role, 'team_manager');
    assert.equal(await sessionCount(t.db, target.id), 0);
    const after = await targetAgent.get('/');
    assert.equal(after.statusCode, 303);
    assert.match(after.headers.location as string, /^\/sign-in/);
    const [update] = (await auditRowsAbout(t.db, target.id)).filter((e) => e.action === 'update');
    assert.equal(update.workerId, admin.id);
    assert.deepEqual((update.details as { changed: string[] }).changed, ['role']);
    assert.equal((await agent.get('/admin/workers')).statusCode, 200, 'the administrator stays signed in');
  });

  test('setting a new password ends their sessions; the old password stops working and the new one works', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: target, agent: targetAgent } = await signedIn(t.app, t.db);
    await agent.get(`/admin/workers/${target.id}/edit`);
    const res = await agent.post(`/admin/workers/${target.id}`, editForm(target, { password: typedPassword }));
    assert.equal(res.statusCode, 303);
    assert.ok(!(await agent.get(res.headers.location as string)).body.includes(typedPassword));
    assert.equal((await targetAgent.get('/')).statusCode, 303, 'signed out at once');
    assert.equal(
      (await new Agent(t.app).signIn(target.email, testPassword)).statusCode,
      401,
      'the old password no longer works',
    );
    assert.equal(
      (await new Agent(t.app).signIn(target.email, typedPassword)).statusCode,
      303,
      'the new password works',
    );
    const [update] = (await auditRowsAbout(t.db, target.id)).filter((e) => e.action === 'update');
    assert.deepEqual((update.details as { changed: string[] }).changed, ['password']);
    assert.ok(!JSON.stringify(update).includes(typedPassword));
  });

  test('a short new password is refused and changes nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const target = await newWorker(t.db);
    await agent.get(`/admin/workers/${target.id}/edit`);
    const res = await agent.post(
      `/admin/workers/${target.id}`,
      editForm(target, { password: 'short', name: 'Changed Name' }),
    );
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [{ field: 'password', text: 'Password must be 12 characters or more' }]);
    assert.deepEqual(await workerRow(t.db, target.id), target);
  });

  test('a bad email, or one another worker uses, is refused and changes nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const target = await newWorker(t.db);
    const other = await newWorker(t.db);
    await agent.get(`/admin/workers/${target.id}/edit`);
    const bad = await agent.post(`/admin/workers/${target.id}`, editForm(target, { email: 'nope' }));
    assert.equal(bad.statusCode, 400);
    assert.equal(errorSummary(bad.body)[0]?.field, 'email');
    const taken = await agent.post(
      `/admin/workers/${target.id}`,
      editForm(target, { email: other.email.toUpperCase(), password: typedPassword }),
    );
    assert.equal(taken.statusCode, 400);
    assert.deepEqual(errorSummary(taken.body), [
      { field: 'email', text: 'Another worker already uses this email address' },
    ]);
    assert.ok(!taken.body.includes(typedPassword));
    assert.deepEqual(await workerRow(t.db, target.id), target);
    // Their own email, in another case, is not "taken".
    const own = await agent.post(
      `/admin/workers/${target.id}`,
      editForm(target, { email: target.email.toUpperCase() }),
    );
    assert.equal(own.statusCode, 303);
  });

  test('a stale version is refused with 409, shows both versions and overwrites nothing', async () => {
    const { worker: mine, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: theirAdmin, agent: otherAdmin } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: target, agent: targetAgent } = await signedIn(t.app, t.db, { name: 'Original Name' });

    const form = await agent.get(`/admin/workers/${target.id}/edit`);
    assert.equal(inputValue(form.body, 'version'), '1');

    await otherAdmin.get(`/admin/workers/${target.id}/edit`);
    const theirs = await otherAdmin.post(
      `/admin/workers/${target.id}`,
      editForm(target, { name: 'Their Saved Name', jobTitle: 'Their job title' }),
    );
    assert.equal(theirs.statusCode, 303);
    const saved = await workerRow(t.db, target.id);
    assert.equal(saved?.version, 2);

    const mark = await auditMark(t.db);
    const stale = await agent.post(
      `/admin/workers/${target.id}`,
      editForm(target, { name: 'My Typed Name', role: 'quality', password: typedPassword }),
    );
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed these details while you were editing/);
    assert.match(stale.body, /Their version/);
    assert.match(stale.body, /Their Saved Name/, 'their version is shown');
    assert.match(stale.body, /Their job title/);
    assert.equal(inputValue(stale.body, 'name'), 'My Typed Name', 'what I typed is kept');
    assert.equal(inputValue(stale.body, 'version'), '2', 'the form now carries their version');
    assert.ok(!stale.body.includes(typedPassword), 'the password is never sent back');

    assert.deepEqual(await workerRow(t.db, target.id), saved, 'nothing was overwritten');
    assert.equal(
      (await targetAgent.get('/')).statusCode,
      200,
      'a refused change of role and password signs no one out',
    );
    const written = await t.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, mark), eq(auditEvents.action, 'update')));
    assert.equal(written.length, 0, 'a refused save is not audited as an update');

    // Saving again, now on their version, works.
    const again = await agent.post(`/admin/workers/${target.id}`, { ...editForm(saved!, { name: 'My Typed Name' }) });
    assert.equal(again.statusCode, 303);
    const final = await workerRow(t.db, target.id);
    assert.equal(final?.name, 'My Typed Name');
    assert.equal(final?.jobTitle, 'Their job title');
    assert.equal(final?.version, 3);
    const updates = (await auditRowsAbout(t.db, target.id)).filter((e) => e.action === 'update');
    assert.deepEqual(
      updates.map((e) => e.workerId),
      [theirAdmin.id, mine.id],
    );
  });

  test('an administrator cannot remove their own administrator role', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get(`/admin/workers/${admin.id}/edit`);
    const mark = await auditMark(t.db);
    const before = await workerRow(t.db, admin.id);
    const res = await agent.post(`/admin/workers/${admin.id}`, editForm(admin, { role: 'practitioner' }));
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [
      { field: 'role', text: 'You cannot remove your own administrator role: ask another administrator' },
    ]);
    assert.deepEqual(await workerRow(t.db, admin.id), before);
    assert.equal(before?.role, 'admin');
    assert.equal((await agent.get('/admin/workers')).statusCode, 200, 'still an administrator, still signed in');
    assert.equal(
      (
        await t.db
          .select()
          .from(auditEvents)
          .where(and(gt(auditEvents.id, mark), eq(auditEvents.action, 'update')))
      ).length,
      0,
    );

    // Another administrator can.
    const { agent: other } = await signedIn(t.app, t.db, { role: 'admin' });
    await other.get(`/admin/workers/${admin.id}/edit`);
    const current = (await workerRow(t.db, admin.id))!;
    assert.equal(
      (await other.post(`/admin/workers/${admin.id}`, editForm(current, { role: 'practitioner' }))).statusCode,
      303,
    );
    assert.equal((await workerRow(t.db, admin.id))?.role, 'practitioner');
    assert.equal((await agent.get('/admin/workers')).statusCode, 303, 'their sessions ended with the change of role');
  });

  test('a worker that does not exist is not found', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const ghost = await newWorker(t.db);
    await agent.get('/admin/workers');
    const before = await countRows(t.db);
    const id = randomUUID();
    assert.equal((await agent.get(`/admin/workers/${id}`)).statusCode, 404);
    assert.equal((await agent.get(`/admin/workers/${id}/edit`)).statusCode, 404);
    assert.equal((await agent.post(`/admin/workers/${id}`, editForm({ ...ghost, id }))).statusCode, 404);
    assert.deepEqual(await countRows(t.db), before);
  });
});

describe('deactivating, reactivating and deleting accounts', () => {
  const t = useTestApp();

  test('a deactivated worker is signed out at once and cannot sign in; reactivated, they can', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: target, agent: targetAgent } = await signedIn(t.app, t.db);
    const page = await agent.get(`/admin/workers/${target.id}`);
    assert.deepEqual(texts(page.body, `form[action="/admin/workers/${target.id}/deactivate"] button`), [
      'Deactivate account',
    ]);

    const res = await agent.post(`/admin/workers/${target.id}/deactivate`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/workers/${target.id}?done=deactivated`);
    const shown = await agent.get(res.headers.location as string);
    assert.match(shown.body, /Account deactivated/);
    assert.deepEqual(texts(shown.body, `form[action="/admin/workers/${target.id}/reactivate"] button`), [
      'Reactivate account',
    ]);

    assert.equal((await workerRow(t.db, target.id))?.active, false);
    assert.equal(await sessionCount(t.db, target.id), 0);
    assert.equal((await targetAgent.get('/')).statusCode, 303, 'signed out at once');
    const keepAlive = await targetAgent.post('/session/keep-alive', {}, { headers: { accept: 'application/json' } });
    assert.ok([401, 403].includes(keepAlive.statusCode), `"Stay signed in" is refused: ${keepAlive.statusCode}`);
    assert.equal((await new Agent(t.app).signIn(target.email)).statusCode, 401, 'cannot sign in');

    const listed = await agent.get(`/admin/workers?q=${encodeURIComponent(target.name)}`);
    assert.ok(!listed.body.includes(target.id), 'no longer in the list of active workers');

    const back = await agent.post(`/admin/workers/${target.id}/reactivate`);
    assert.equal(back.statusCode, 303);
    assert.match((await agent.get(back.headers.location as string)).body, /Account reactivated/);
    assert.equal((await workerRow(t.db, target.id))?.active, true);
    assert.equal((await new Agent(t.app).signIn(target.email)).statusCode, 303, 'can sign in again');

    const changes = (await auditRowsAbout(t.db, target.id)).filter((e) => e.action !== 'read');
    assert.deepEqual(
      changes.map((e) => [e.action, e.entity, e.workerId]),
      [
        ['deactivate', 'worker', admin.id],
        ['reactivate', 'worker', admin.id],
      ],
    );
  });

  test('an administrator cannot deactivate their own account', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const page = await agent.get(`/admin/workers/${admin.id}`);
    assert.ok(!page.body.includes(`/admin/workers/${admin.id}/deactivate`), 'no button offered');
    const mark = await auditMark(t.db);
    const res = await agent.post(`/admin/workers/${admin.id}/deactivate`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/workers/${admin.id}?error=self`);
    const shown = await agent.get(res.headers.location as string);
    assert.equal(shown.statusCode, 200, 'still signed in');
    assert.match(shown.body, /You cannot deactivate your own account/);
    assert.equal((await workerRow(t.db, admin.id))?.active, true);
    assert.equal(await sessionCount(t.db, admin.id), 1);
    assert.equal(
      (
        await t.db
          .select()
          .from(auditEvents)
          .where(and(gt(auditEvents.id, mark), eq(auditEvents.action, 'deactivate')))
      ).length,
      0,
    );
  });

  test('an account that has never been used can be deleted, and the deletion is audited', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const unused = await newWorker(t.db, { name: 'Added By Mistake' });
    const page = await agent.get(`/admin/workers/${unused.id}`);
    assert.match(page.body, /never been used/);
    assert.deepEqual(texts(page.body, `form[action="/admin/workers/${unused.id}/delete"] button`), ['Delete account']);
    const res = await agent.post(`/admin/workers/${unused.id}/delete`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/workers?done=deleted');
    const list = await agent.get(res.headers.location as string);
    assert.match(list.body, /Account deleted/);
    assert.equal(await workerRow(t.db, unused.id), null);
    const deleted = (await auditRowsAbout(t.db, unused.id)).filter((e) => e.action === 'delete');
    assert.deepEqual(
      deleted.map((e) => [e.entity, e.workerId]),
      [['worker', admin.id]],
    );
    assert.equal((await agent.get(`/admin/workers/${unused.id}`)).statusCode, 404);
  });

  test('an account that has signed in cannot be deleted, and stays', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const { worker: used } = await signedIn(t.app, t.db);
    const page = await agent.get(`/admin/workers/${used.id}`);
    assert.ok(!page.body.includes(`/admin/workers/${used.id}/delete`), 'no delete button is offered');
    assert.match(page.body, /can be deactivated but never deleted/);
    const before = await countRows(t.db);
    const res = await agent.post(`/admin/workers/${used.id}/delete`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/workers/${used.id}?error=has-records`);
    assert.match((await agent.get(res.headers.location as string)).body, /cannot be deleted. Deactivate it instead/);
    assert.ok(await workerRow(t.db, used.id), 'the account is still there');
    assert.deepEqual(await countRows(t.db), before);
    assert.equal((await auditRowsAbout(t.db, used.id)).filter((e) => e.action === 'delete').length, 0);
  });

  test('deactivating, reactivating or deleting an unknown worker is not found and changes nothing', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get('/admin/workers');
    const before = await countRows(t.db);
    for (const action of ['deactivate', 'reactivate', 'delete']) {
      assert.equal((await agent.post(`/admin/workers/${randomUUID()}/${action}`)).statusCode, 404, action);
      assert.equal((await agent.post(`/admin/workers/not-an-id/${action}`)).statusCode, 404, action);
    }
    assert.deepEqual(await countRows(t.db), before);
  });

  test('every audit row written by administration names the administrator and the request', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const mark = await auditMark(t.db);
    const target = await newWorker(t.db);
    await agent.get(`/admin/workers/${target.id}`);
    await agent.post(`/admin/workers/${target.id}/deactivate`);
    await agent.post(`/admin/workers/${target.id}/reactivate`);
    const rows = await t.db.select().from(auditEvents).where(gt(auditEvents.id, mark));
    assert.ok(rows.length >= 3);
    assert.ok(rows.every((e) => e.workerId === admin.id));
    assert.ok(rows.every((e) => typeof e.requestId === 'string' && e.requestId.length > 0));
    assert.equal(new Set(rows.map((e) => e.requestId)).size, rows.length, 'one request, one row here');
    const raw = await t.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE id > ${mark} AND hash <> '' AND prev_hash <> ''`,
    );
    assert.equal(Number((raw.rows[0] as { n: number }).n), rows.length, 'each row is chained');
  });
});
