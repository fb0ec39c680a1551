import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { jobs, sessions } from '../db/schema/index.js';
import { anotherInstance, signedIn, useTestApp } from '../../test/helpers.js';
import { backoffMs, claimJob, JobFailure, settleJob, STALE_AFTER_MS } from './jobs.js';

describe('background jobs', () => {
  const t = useTestApp();
  const jobRow = async (id: number) => (await t.db.select().from(jobs).where(eq(jobs.id, id)))[0];
  const recurringRow = async (kind: string) => (await t.db.select().from(jobs).where(eq(jobs.kind, kind)))[0];
  /** Runs what is due, as the loop would, and says what became of the jobs of one kind (the regular tasks run too). */
  const runDue = async (kind: string) => (await t.app.jobs.runDue()).filter((r) => r.kind === kind);

  test('a recurring task runs once a period, however many instances look for due work', async () => {
    const other = await anotherInstance(t);
    try {
      let runs = 0;
      for (const app of [t.app, other])
        app.jobs.every('test-recurring', 10 * 60_000, async () => {
          runs++;
        });
      await Promise.all([t.app.jobs.runDue(), other.jobs.runDue(), t.app.jobs.runDue()]);
      assert.equal(runs, 1, 'the first run, once');
      t.clock.advanceMinutes(9);
      await Promise.all([t.app.jobs.runDue(), other.jobs.runDue()]);
      assert.equal(runs, 1, 'not again within the period');
      t.clock.advanceMinutes(1);
      await other.jobs.runDue();
      await t.app.jobs.runDue();
      assert.equal(runs, 2, 'once in the next period');
      const row = await recurringRow('test-recurring');
      assert.equal(row.status, 'queued');
      assert.equal(row.lastRunAt?.getTime(), t.clock.time);
      assert.equal(row.runAt.getTime(), t.clock.time + 10 * 60_000);
      assert.equal((await t.db.select().from(jobs).where(eq(jobs.kind, 'test-recurring'))).length, 1, 'one row');
    } finally {
      await other.close();
    }
  });

  test('a failing job is tried again after a growing wait, then marked failed; only its error type is kept', async () => {
    let tries = 0;
    t.app.jobs.handle('test-failing', async () => {
      tries++;
      throw Object.assign(new Error('could not reach Mary Smith at 12 High Street'), { code: 'ECONNREFUSED' });
    });
    const queued = await t.app.jobs.enqueue('test-failing', {}, { maxAttempts: 3 });
    const start = t.clock.time;
    assert.deepEqual(await runDue('test-failing'), [{ id: queued.id, kind: 'test-failing', outcome: 'retrying' }]);
    let row = await jobRow(queued.id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['queued', 1, 'Error ECONNREFUSED']);
    assert.equal(row.runAt.getTime(), start + backoffMs(1));
    assert.deepEqual(await runDue('test-failing'), [], 'not again before its wait is over');

    t.clock.time = row.runAt.getTime();
    assert.deepEqual(await runDue('test-failing'), [{ id: queued.id, kind: 'test-failing', outcome: 'retrying' }]);
    row = await jobRow(queued.id);
    assert.equal(row.runAt.getTime(), t.clock.time + backoffMs(2));
    assert.ok(backoffMs(2) > backoffMs(1), 'the wait grows');

    t.clock.time = row.runAt.getTime();
    assert.deepEqual(await runDue('test-failing'), [{ id: queued.id, kind: 'test-failing', outcome: 'failed' }]);
    row = await jobRow(queued.id);
    assert.deepEqual([row.status, row.attempts, row.claimedBy], ['failed', 3, null]);
    assert.equal(row.doneAt?.getTime(), t.clock.time);
    t.clock.advanceMinutes(24 * 60);
    await t.app.jobs.runDue();
    assert.equal(tries, 3, 'a failed job is not run again');
    assert.doesNotMatch(JSON.stringify(row), /Mary|High Street/, 'no personal data from the message');
  });

  test('a job whose instance stopped beating its heart is taken over; the old instance cannot settle it after', async () => {
    let runs = 0;
    t.app.jobs.handle('test-taken-over', async () => {
      runs++;
    });
    const queued = await t.app.jobs.enqueue('test-taken-over', {});
    const lost = await claimJob(t.db, ['test-taken-over'], 'an-instance-that-died', t.clock.now());
    assert.equal(lost?.id, queued.id);
    await t.app.jobs.runDue();
    assert.equal(runs, 0, 'left to its instance while its heartbeat is fresh');
    t.clock.time += STALE_AFTER_MS - 60_000;
    await t.app.jobs.runDue();
    assert.equal(runs, 0, 'still fresh');
    t.clock.time += 2 * 60_000;
    assert.deepEqual(await runDue('test-taken-over'), [{ id: queued.id, kind: 'test-taken-over', outcome: 'done' }]);
    assert.equal(runs, 1);
    const row = await jobRow(queued.id);
    assert.deepEqual([row.status, row.attempts, row.claimedBy], ['done', 2, null]);
    await settleJob(t.db, lost!, 'an-instance-that-died', t.clock.now(), { ok: false, error: 'late' });
    assert.equal((await jobRow(queued.id)).status, 'done', 'the instance that lost it changes nothing');

    // One that died on its last attempt is not run again: it failed, and says why.
    const last = await t.app.jobs.enqueue('test-taken-over', {}, { maxAttempts: 1 });
    await claimJob(t.db, ['test-taken-over'], 'an-instance-that-died', t.clock.now());
    t.clock.time += STALE_AFTER_MS + 60_000;
    await t.app.jobs.runDue();
    assert.equal(runs, 1);
    const failed = await jobRow(last.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.lastError ?? '', /stopped before it finished/);
  });

  test('queued jobs run in the order they are due, then the order they were queued; later ones wait', async () => {
    const order: string[] = [];
    t.app.jobs.handle<{ name: string }>('test-order', async ({ payload }) => {
      order.push(payload.name);
    });
    const now = t.clock.time;
    await t.app.jobs.enqueue('test-order', { name: 'later' }, { runAt: new Date(now + 2 * 60_000) });
    await t.app.jobs.enqueue('test-order', { name: 'first' });
    await t.app.jobs.enqueue('test-order', { name: 'second' });
    await t.app.jobs.enqueue('test-order', { name: 'earlier' }, { runAt: new Date(now - 60_000) });
    await t.app.jobs.runDue();
    assert.deepEqual(order, ['earlier', 'first', 'second']);
    t.clock.advanceMinutes(2);
    await t.app.jobs.runDue();
    assert.deepEqual(order, ['earlier', 'first', 'second', 'later']);
  });

  test('a job stopped because its instance is closing goes back on the queue, without counting as an attempt', async () => {
    let stop = true;
    t.app.jobs.handle('test-stopping', async () => (stop ? 'stopped' : undefined));
    const queued = await t.app.jobs.enqueue('test-stopping', {});
    assert.deepEqual(await runDue('test-stopping'), [{ id: queued.id, kind: 'test-stopping', outcome: 'stopped' }]);
    const row = await jobRow(queued.id);
    assert.deepEqual([row.status, row.attempts, row.claimedBy], ['queued', 0, null]);
    stop = false;
    await t.app.jobs.runDue();
    assert.equal((await jobRow(queued.id)).status, 'done');
  });

  test('the sessions sweep runs as a recurring task: expired sessions go, others stay', async () => {
    await t.app.jobs.runDue();
    const now = t.clock.now();
    await t.db.insert(sessions).values([
      { id: 'test-expired', data: {}, expiresAt: new Date(now.getTime() - 1000) },
      { id: 'test-current', data: {}, expiresAt: new Date(now.getTime() + 60 * 60_000) },
    ]);
    t.clock.advanceMinutes(10);
    await t.app.jobs.runDue();
    const left = (await t.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id);
    assert.ok(!left.includes('test-expired'));
    assert.ok(left.includes('test-current'));
  });

  test('administrators see the regular tasks and a failed job with its error; nobody else sees the page', async () => {
    t.app.jobs.handle(
      'test-admin-page',
      async () => {
        throw new JobFailure('The other directory did not answer');
      },
      { title: 'Fetch something for the test' },
    );
    await t.app.jobs.enqueue('test-admin-page', {}, { maxAttempts: 1 });
    await t.app.jobs.runDue();
    const admin = await signedIn(t.app, t.db, { role: 'admin' });
    const page = await admin.agent.get('/admin/jobs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Remove expired sessions/);
    assert.match(page.body, /Every 10 minutes/);
    const row = page.body.slice(page.body.indexOf('Fetch something for the test'));
    assert.match(row.slice(0, 800), /Failed/);
    assert.match(row.slice(0, 800), /1 of 1/);
    assert.match(row.slice(0, 800), /The other directory did not answer/);
    for (const role of ['practitioner', 'team_manager', 'front_door'] as const) {
      const { agent } = await signedIn(t.app, t.db, { role });
      assert.equal((await agent.get('/admin/jobs')).statusCode, 403, role);
    }
  });
});
