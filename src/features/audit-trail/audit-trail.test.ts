import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import { verifyAuditChain, writeAudit } from '../../platform/audit.js';
import {
  attrs,
  auditMark,
  errorSummary,
  has,
  inputValue,
  newWorker,
  signedIn,
  useTestApp,
} from '../../../test/helpers.js';

/** An audit row at a given time (the trigger keeps an occurred_at it is given), marked so a page can be searched for it. */
async function auditAt(db: Db, at: string, workerId: string, marker: string) {
  await db.execute(sql`
    INSERT INTO audit_events (id, occurred_at, worker_id, action, entity, entity_id, prev_hash, hash)
    VALUES (0, ${at}::timestamptz, ${workerId}, 'read', 'probe', ${marker}, '', '')`);
}

/** The markers of probe rows shown on an audit page, in the order shown. */
function markersOn(html: string): string[] {
  return [...html.matchAll(/probe (m[\w-]+x)/g)].map((m) => m[1]);
}

/** Every message in an error and its causes (drizzle wraps the database's error). */
function messages(err: unknown): string {
  const out: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    out.push(String(e.message));
  return out.join(' / ');
}

const range = (from: [number, number, number] | null, to: [number, number, number] | null) => {
  const q = new URLSearchParams();
  if (from)
    for (const [k, v] of [
      ['day', from[0]],
      ['month', from[1]],
      ['year', from[2]],
    ] as const)
      q.set(`from-${k}`, String(v));
  if (to)
    for (const [k, v] of [
      ['day', to[0]],
      ['month', to[1]],
      ['year', to[2]],
    ] as const)
      q.set(`to-${k}`, String(v));
  return q.toString();
};

describe('browsing the audit trail', () => {
  const t = useTestApp();

  test('by worker: only what that worker did, newest first, with their name', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const one = await newWorker(t.db, { name: 'Wendy Watched' });
    const two = await newWorker(t.db, { name: 'Other Worker' });
    const actor = (w: { id: string }) => ({ workerId: w.id, requestId: randomUUID() });
    await writeAudit(t.db, actor(one), { action: 'read', entity: 'probe', entityId: 'm-one-1x' });
    await writeAudit(t.db, actor(two), { action: 'read', entity: 'probe', entityId: 'm-two-1x' });
    await writeAudit(t.db, actor(one), { action: 'update', entity: 'probe', entityId: 'm-one-2x' });

    const res = await agent.get(`/admin/audit?worker=${one.id}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(markersOn(res.body), ['m-one-2x', 'm-one-1x']);
    assert.match(res.body, /Wendy Watched/);
    assert.ok(!res.body.includes('Other Worker'));
    assert.match(res.body, /Show everyone/);

    const unfiltered = await agent.get('/admin/audit');
    assert.deepEqual(markersOn(unfiltered.body), ['m-one-2x', 'm-two-1x', 'm-one-1x'], 'everyone, newest first');
  });

  test('by person: only rows about that person', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const worker = await newWorker(t.db);
    const person = randomUUID();
    const otherPerson = randomUUID();
    const actor = { workerId: worker.id, requestId: randomUUID() };
    await writeAudit(t.db, actor, { action: 'read', entity: 'probe', entityId: 'm-p1x', personId: person });
    await writeAudit(t.db, actor, { action: 'read', entity: 'probe', entityId: 'm-p2x', personId: otherPerson });
    await writeAudit(t.db, actor, {
      action: 'read',
      entity: 'probe',
      entityId: 'm-p3x',
      personId: person,
      reason: 'Safeguarding check',
    });
    const res = await agent.get(`/admin/audit?person=${person}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(markersOn(res.body), ['m-p3x', 'm-p1x']);
    assert.match(res.body, /Safeguarding check/);
    assert.ok(!res.body.includes(otherPerson));
  });

  test('a worker or person id that is not an id is explained, and nothing is shown', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const bad = await agent.get('/admin/audit?worker=abc');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), [{ field: 'worker', text: 'Choose a worker from the workers pages' }]);
    assert.ok(!has(bad.body, '.govuk-table'));
    const badPerson = await agent.get('/admin/audit?person=..%2F..%2Fetc');
    assert.equal(badPerson.statusCode, 400);
    assert.deepEqual(errorSummary(badPerson.body), [{ field: 'person', text: 'Choose a person from their record' }]);
    assert.ok(!has(badPerson.body, '.govuk-table'));
  });

  test('by date range, typed in three boxes: the to date is included to the end of its day', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const worker = await newWorker(t.db);
    // March 2025: UK time is UTC.
    await auditAt(t.db, '2025-02-28T23:59:00Z', worker.id, 'm-feb28x');
    await auditAt(t.db, '2025-03-01T00:00:00Z', worker.id, 'm-mar1x');
    await auditAt(t.db, '2025-03-02T23:59:00Z', worker.id, 'm-mar2x');
    await auditAt(t.db, '2025-03-03T00:00:00Z', worker.id, 'm-mar3x');
    const w = `worker=${worker.id}`;

    const both = await agent.get(`/admin/audit?${w}&${range([1, 3, 2025], [2, 3, 2025])}`);
    assert.equal(both.statusCode, 200);
    assert.deepEqual(markersOn(both.body), ['m-mar2x', 'm-mar1x']);
    assert.equal(inputValue(both.body, 'from-day'), '1', 'the dates typed are shown again');
    assert.equal(inputValue(both.body, 'to-year'), '2025');

    assert.deepEqual(
      markersOn((await agent.get(`/admin/audit?${w}&${range([2, 3, 2025], null)}`)).body),
      ['m-mar3x', 'm-mar2x'],
      'from only',
    );
    assert.deepEqual(
      markersOn((await agent.get(`/admin/audit?${w}&${range(null, [28, 2, 2025])}`)).body),
      ['m-feb28x'],
      'to only',
    );
    assert.deepEqual(
      markersOn((await agent.get(`/admin/audit?${w}&${range([1, 1, 2024], [31, 12, 2024])}`)).body),
      [],
      'nothing then',
    );
    assert.match((await agent.get(`/admin/audit?${w}&${range([1, 1, 2024], [31, 12, 2024])}`)).body, /Nothing matches/);
  });

  test('dates are days in the UK: in summer time a day starts at 11pm UTC the evening before', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const worker = await newWorker(t.db);
    await auditAt(t.db, '2025-07-01T22:30:00Z', worker.id, 'm-jul1-late-x'); // 11:30pm on 1 July, UK time
    await auditAt(t.db, '2025-07-01T23:30:00Z', worker.id, 'm-jul2-early-x'); // 12:30am on 2 July, UK time
    await auditAt(t.db, '2025-07-02T22:59:00Z', worker.id, 'm-jul2-late-x'); // 11:59pm on 2 July, UK time
    await auditAt(t.db, '2025-07-02T23:30:00Z', worker.id, 'm-jul3-early-x'); // 12:30am on 3 July, UK time
    const res = await agent.get(`/admin/audit?worker=${worker.id}&${range([2, 7, 2025], [2, 7, 2025])}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(markersOn(res.body), ['m-jul2-late-x', 'm-jul2-early-x']);
    assert.match(res.body, /2 July 2025, (12|0):30[\s\u202f]?am/i, 'the page shows the same day the filter chose');
    // The day the clocks go back is 25 hours long, and all of it is included.
    await auditAt(t.db, '2025-10-25T23:00:00Z', worker.id, 'm-oct26-start-x'); // 12:00am BST on 26 October
    await auditAt(t.db, '2025-10-26T23:59:00Z', worker.id, 'm-oct26-end-x'); // 11:59pm GMT on 26 October
    await auditAt(t.db, '2025-10-27T00:00:00Z', worker.id, 'm-oct27-x');
    const long = await agent.get(`/admin/audit?worker=${worker.id}&${range([26, 10, 2025], [26, 10, 2025])}`);
    assert.deepEqual(markersOn(long.body), ['m-oct26-end-x', 'm-oct26-start-x']);
  });

  test('a date that does not exist, or is half typed, is explained and shows no rows', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const worker = await newWorker(t.db);
    await auditAt(t.db, '2026-02-20T12:00:00Z', worker.id, 'm-feb20x');
    const cases: Array<[string, Array<{ field: string; text: string }>]> = [
      [
        'from-day=31&from-month=2&from-year=2026',
        [{ field: 'from', text: 'The from date must be a real date, like 27 3 2026' }],
      ],
      ['to-day=29&to-month=2&to-year=2025', [{ field: 'to', text: 'The to date must be a real date, like 27 3 2026' }]],
      [
        'from-day=1&from-month=13&from-year=2026',
        [{ field: 'from', text: 'The from date must be a real date, like 27 3 2026' }],
      ],
      ['from-month=2&from-year=2026', [{ field: 'from', text: 'The from date must be a real date, like 27 3 2026' }]],
      [
        'from-day=a&from-month=b&from-year=c',
        [{ field: 'from', text: 'The from date must be a real date, like 27 3 2026' }],
      ],
      [
        'from-day=1.5&from-month=2&from-year=2026',
        [{ field: 'from', text: 'The from date must be a real date, like 27 3 2026' }],
      ],
      [
        'from-day=0&from-month=1&from-year=2026&to-day=32&to-month=1&to-year=2026',
        [
          { field: 'from', text: 'The from date must be a real date, like 27 3 2026' },
          { field: 'to', text: 'The to date must be a real date, like 27 3 2026' },
        ],
      ],
    ];
    for (const [query, expected] of cases) {
      const res = await agent.get(`/admin/audit?worker=${worker.id}&${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.deepEqual(errorSummary(res.body), expected, query);
      assert.deepEqual(markersOn(res.body), [], 'no rows are shown');
      assert.ok(!has(res.body, '.govuk-table'));
    }
    const kept = await agent.get(`/admin/audit?worker=${worker.id}&from-day=31&from-month=2&from-year=2026`);
    assert.equal(inputValue(kept.body, 'from-day'), '31', 'what was typed is shown again');
    assert.ok(has(kept.body, 'input.govuk-input--error'));
    // 29 February in a leap year is a real date.
    const leap = await agent.get(`/admin/audit?worker=${worker.id}&${range([29, 2, 2028], null)}`);
    assert.equal(leap.statusCode, 200);
  });

  test('pages of 50, newest first, keeping the filter', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const worker = await newWorker(t.db);
    for (let i = 1; i <= 60; i++)
      await writeAudit(
        t.db,
        { workerId: worker.id, requestId: null },
        { action: 'read', entity: 'probe', entityId: `m${i}x` },
      );
    const first = await agent.get(`/admin/audit?worker=${worker.id}`);
    const newest = Array.from({ length: 50 }, (_, i) => `m${60 - i}x`);
    assert.deepEqual(markersOn(first.body), newest);
    assert.deepEqual(
      attrs(first.body, '.govuk-pagination__next a', 'href'),
      [`/admin/audit?worker=${worker.id}&page=2`],
      'a next link that keeps the filter',
    );
    assert.ok(!has(first.body, '.govuk-pagination__prev'));

    const second = await agent.get(`/admin/audit?worker=${worker.id}&page=2`);
    assert.deepEqual(
      markersOn(second.body),
      Array.from({ length: 10 }, (_, i) => `m${10 - i}x`),
    );
    assert.ok(has(second.body, '.govuk-pagination__prev'));
    assert.ok(!has(second.body, '.govuk-pagination__next'));

    const beyond = await agent.get(`/admin/audit?worker=${worker.id}&page=3`);
    assert.equal(beyond.statusCode, 200);
    assert.deepEqual(markersOn(beyond.body), []);
    const nonsense = await agent.get(`/admin/audit?worker=${worker.id}&page=-4`);
    assert.deepEqual(markersOn(nonsense.body), newest, 'a page that is not a page number is the first');
  });

  test('browsing is itself audited, with the filter used', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const worker = await newWorker(t.db);
    const person = randomUUID();
    const mark = await auditMark(t.db);
    await agent.get(`/admin/audit?worker=${worker.id}&${range([1, 3, 2025], [2, 3, 2025])}`);
    await agent.get(`/admin/audit?person=${person}&page=2`);
    const rows = await t.db.select().from(auditEvents).where(gt(auditEvents.id, mark)).orderBy(asc(auditEvents.id));
    assert.deepEqual(
      rows.map((e) => [e.action, e.entity, e.workerId]),
      [
        ['read', 'audit_trail', admin.id],
        ['read', 'audit_trail', admin.id],
      ],
    );
    const first = rows[0].details as { workerId: string; from: string; to: string; page: number };
    assert.equal(first.workerId, worker.id);
    assert.equal(first.page, 1);
    assert.equal(new Date(first.from).toISOString(), '2025-03-01T00:00:00.000Z');
    assert.equal(new Date(first.to).toISOString(), '2025-03-03T00:00:00.000Z');
    assert.equal(rows[1].personId, person, 'looking up a person’s audit trail shows on their record');
    assert.equal((rows[1].details as { page: number }).page, 2);
  });

  test('checking the chain: an untouched trail checks out, and the check is audited', async () => {
    const { worker: admin, agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const page = await agent.get('/admin/audit');
    assert.ok(has(page.body, 'form[action="/admin/audit/verify"]'));
    const [{ n }] = (await t.db.execute(sql`SELECT count(*)::int AS n FROM audit_events`)).rows as Array<{ n: number }>;
    const res = await agent.post('/admin/audit/verify');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`All ${n} rows check out`));
    assert.doesNotMatch(res.body, /The audit trail has been altered/);
    const [verified] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'verify'), eq(auditEvents.workerId, admin.id)));
    assert.equal(verified.entity, 'audit_trail');
    assert.deepEqual(verified.details, { rows: Number(n), intact: true });
    assert.deepEqual(await verifyAuditChain(t.db), { rows: Number(n) + 1, firstBreak: null });
  });

  test('many requests auditing at once: every row is written, in one unbroken chain, and a bad row fails alone', async () => {
    const worker = await newWorker(t.db);
    const actor = { workerId: worker.id, requestId: randomUUID() };
    const writes = Array.from({ length: 60 }, (_, i) =>
      writeAudit(t.db, actor, { action: 'read', entity: 'probe', entityId: `m-burst-${i}` }),
    );
    // A row the table refuses (entity is required) among them.
    const bad = assert.rejects(
      writeAudit(t.db, actor, { action: 'read', entity: null as unknown as string, entityId: 'm-burst-bad' }),
      (err) => /entity/.test(messages(err)),
    );
    const more = Array.from({ length: 20 }, (_, i) =>
      writeAudit(t.db, actor, { action: 'read', entity: 'probe', entityId: `m-burst-late-${i}` }),
    );
    await Promise.all([...writes, bad, ...more]);
    const written = (
      await t.db.execute(sql`SELECT entity_id FROM audit_events WHERE entity_id LIKE 'm-burst-%' ORDER BY id`)
    ).rows.map((r) => r.entity_id);
    assert.equal(written.length, 80);
    assert.deepEqual(
      written.slice(0, 60),
      Array.from({ length: 60 }, (_, i) => `m-burst-${i}`),
      'rows keep the order they were audited in',
    );
    assert.equal((await verifyAuditChain(t.db)).firstBreak, null);
  });

  test('the database itself refuses to change or remove audit rows', async () => {
    const worker = await newWorker(t.db);
    await writeAudit(
      t.db,
      { workerId: worker.id, requestId: null },
      { action: 'read', entity: 'probe', entityId: 'm-keep-x' },
    );
    const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, 'm-keep-x'));
    await assert.rejects(
      t.db.execute(sql`UPDATE audit_events SET reason = 'covering tracks' WHERE id = ${row.id}`),
      (err) => {
        assert.match(messages(err), /append-only: UPDATE is not allowed/);
        return true;
      },
    );
    await assert.rejects(t.db.update(auditEvents).set({ workerId: null }).where(eq(auditEvents.id, row.id)), (err) => {
      assert.match(messages(err), /append-only/);
      return true;
    });
    await assert.rejects(t.db.execute(sql`DELETE FROM audit_events WHERE id = ${row.id}`), (err) => {
      assert.match(messages(err), /append-only: DELETE is not allowed/);
      return true;
    });
    await assert.rejects(t.db.execute(sql`TRUNCATE audit_events`), (err) => {
      assert.match(messages(err), /append-only: TRUNCATE is not allowed/);
      return true;
    });
    const [after] = await t.db.select().from(auditEvents).where(eq(auditEvents.id, row.id));
    assert.deepEqual(after, row, 'the row is as it was');
    assert.equal((await verifyAuditChain(t.db)).firstBreak, null);
  });
});

/** Writes a few rows in one transaction (so one connection, one strand of the chain) and returns their ids, in order. */
async function someRows(db: Db, n: number) {
  const worker = await newWorker(db);
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++)
      await writeAudit(
        tx,
        { workerId: worker.id, requestId: randomUUID() },
        { action: 'read', entity: 'probe', entityId: `m-chain-${i}x` },
      );
  });
  const rows = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.workerId, worker.id), eq(auditEvents.entity, 'probe')))
    .orderBy(asc(auditEvents.id));
  return rows.map((r) => r.id);
}

/** What only someone with the database owner's rights could do: switch off the guard, change the table, switch it on. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
  }
}

describe('the audit chain in strands', () => {
  const t = useTestApp();

  test('transactions on several connections at once each extend their own strand, and the chain checks out', async () => {
    const worker = await newWorker(t.db);
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await writeAudit(
            tx,
            { workerId: worker.id, requestId: randomUUID() },
            { action: 'read', entity: 'probe', entityId: `m-strand-${i}x` },
          );
          // Held open a moment, so the others run on other connections meanwhile (where there are others).
          await tx.execute(sql`SELECT pg_sleep(0.05)`);
          const [{ pid }] = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)).rows as Array<{ pid: number }>;
          return { marker: `m-strand-${i}x`, strand: Number(pid) % 8 };
        }),
      ),
    );
    const rows = await t.db
      .select({ entityId: auditEvents.entityId, strand: auditEvents.strand })
      .from(auditEvents)
      .where(eq(auditEvents.workerId, worker.id));
    assert.deepEqual(
      rows.map((r) => `${r.entityId}:${r.strand}`).sort(),
      written.map((w) => `${w.marker}:${w.strand}`).sort(),
      'each row is in its connection’s strand',
    );
    assert.equal((await verifyAuditChain(t.db)).firstBreak, null);
  });
});

describe('the audit chain, when a row is altered behind Hearth’s back', () => {
  const t = useTestApp();

  test('the check names the altered row', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    const ids = await someRows(t.db, 5);
    const middle = ids[2];
    await tamper(t.db, sql`UPDATE audit_events SET reason = 'nothing to see here' WHERE id = ${middle}`);
    // The guard is back on.
    await assert.rejects(t.db.execute(sql`UPDATE audit_events SET reason = 'again' WHERE id = ${middle}`));

    assert.deepEqual((await verifyAuditChain(t.db)).firstBreak, {
      id: middle,
      problem: 'its contents do not match its hash (the row was altered)',
    });
    await agent.get('/admin/audit');
    const res = await agent.post('/admin/audit/verify');
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      new RegExp(`The audit trail has been altered. Row ${middle} is the first that does not check out`),
    );
    assert.match(res.body, /the row was altered/);
    assert.doesNotMatch(res.body, /rows check out/);
    const [verified] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'verify'));
    assert.equal((verified.details as { intact: boolean }).intact, false, 'the failed check is itself recorded');
  });
});

describe('the audit chain, when a row is removed behind Hearth’s back', () => {
  const t = useTestApp();

  test('verifyAuditChain names the row after the gap', async () => {
    const ids = await someRows(t.db, 5);
    assert.equal((await verifyAuditChain(t.db)).firstBreak, null, 'intact to begin with');
    const before = (await verifyAuditChain(t.db)).rows;
    await tamper(t.db, sql`DELETE FROM audit_events WHERE id = ${ids[2]}`);
    const result = await verifyAuditChain(t.db);
    assert.equal(result.rows, before - 1);
    assert.equal(result.firstBreak?.id, ids[3]);
    assert.equal(
      result.firstBreak?.problem,
      `it does not follow on from row ${ids[1]} (a row before it was altered or removed)`,
    );

    const { agent } = await signedIn(t.app, t.db, { role: 'admin' });
    await agent.get('/admin/audit');
    const page = await agent.post('/admin/audit/verify');
    assert.match(
      page.body,
      new RegExp(`Row ${ids[3]} is the first that does not check out: it does not follow on from row ${ids[1]}`),
    );
  });
});
