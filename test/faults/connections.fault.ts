// PostgreSQL cuts every connection every few seconds (as a restart or a failover does) while
// four workers save conversations. Hearth must stay up, fail only the requests in flight with
// its error page, keep every save it acknowledged exactly once, and keep the audit chain whole.
// HEARTH_FAULT_SECONDS sets how long the trial runs (20 s in the suite; the trial is 60).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq, inArray, like } from 'drizzle-orm';
import { auditEvents, conversations } from '../../src/db/schema/index.js';
import { verifyAuditChain } from '../../src/platform/audit.js';
import { startServer, type Server } from '../../e2e/harness.js';
import { newWorker, testPassword } from '../helpers.js';
import { newPerson } from '../people-factories.js';
import type { Database } from '../../src/db/client.js';
import { cutConnections, freshDatabase, HttpClient, openBeside } from './harness.js';

const seconds = Number(process.env.HEARTH_FAULT_SECONDS ?? 20);
const writers = 4;

let database: { url: string; drop(): Promise<void> };
let server: Server;
let beside: Database;

before(async () => {
  database = await freshDatabase();
  server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'false', NODE_ENV: 'development' });
  beside = await openBeside(database.url);
});

after(async () => {
  await server?.stop();
  await beside?.close();
  await database?.drop();
});

interface Attempt {
  key: string;
  narrative: string;
  outcome: 'saved' | 'error page' | 'other';
}

test(`Hearth survives PostgreSQL cutting its connections every 3 s for ${seconds} s under ${writers} writers`, async () => {
  const people = await Promise.all(
    Array.from({ length: writers }, async () => {
      const worker = await newWorker(beside.db);
      const person = await newPerson(beside.db, { createdBy: worker.id });
      const client = new HttpClient(server.url);
      await client.signIn(worker.email, testPassword);
      const form = await client.get(`/people/${person.id}/conversations/new`);
      assert.equal(form.status, 200);
      return { client, person };
    }),
  );

  const deadline = Date.now() + seconds * 1000;
  let cuts = 0;
  let cutConnectionsTotal = 0;
  const killer = (async () => {
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 3000));
      cutConnectionsTotal += await cutConnections(database.url);
      cuts++;
    }
  })();

  const today = new Date();
  const attempts: Attempt[] = [];
  let errorPagesSeen = 0;
  await Promise.all(
    people.map(async ({ client, person }, w) => {
      for (let n = 0; Date.now() < deadline; n++) {
        // One key per conversation: a retry after an error sends the same form again.
        const attempt: Attempt = {
          key: randomUUID(),
          narrative: `Fault trial ${w}-${n}: we talked about the garden and agreed what to try next.`,
          outcome: 'other',
        };
        attempts.push(attempt);
        for (let tries = 0; tries < 5 && attempt.outcome !== 'saved'; tries++) {
          let res;
          try {
            res = await client.post(`/people/${person.id}/conversations`, {
              submissionKey: attempt.key,
              kind: 'listen_and_connect',
              'occurred-day': String(today.getUTCDate()),
              'occurred-month': String(today.getUTCMonth() + 1),
              'occurred-year': String(today.getUTCFullYear()),
              narrative: attempt.narrative,
              whatHappensNext: 'I will ring on Friday.',
            });
          } catch (err) {
            assert.fail(`the server stopped answering: ${(err as Error).message}\n${server.output()}`);
          }
          if (res.status === 303 && /^\/conversations\/[0-9a-f-]{36}/.test(res.location ?? ''))
            attempt.outcome = 'saved';
          else if (res.status === 500 && res.body.includes('Sorry, there is a problem with Hearth')) {
            attempt.outcome = 'error page';
            errorPagesSeen++;
          } else assert.fail(`unexpected answer ${res.status}: ${res.body.slice(0, 300)}`);
        }
      }
    }),
  );
  await killer;

  assert.ok(server.running(), `the server exited:\n${server.output()}`);
  // The last cut may have just ended the pool's idle connections: Hearth reconnects at once.
  let health = 0;
  for (let i = 0; i < 20 && health !== 200; i++) {
    health = (await fetch(`${server.url}/healthz`)).status;
    if (health !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(health, 200, 'the server answers again once PostgreSQL is back');

  const saved = attempts.filter((a) => a.outcome === 'saved');
  const stored = await beside.db
    .select({ id: conversations.id, narrative: conversations.narrative })
    .from(conversations)
    .where(like(conversations.narrative, 'Fault trial %'));
  const storedCount = new Map<string, number>();
  for (const c of stored) storedCount.set(c.narrative, (storedCount.get(c.narrative) ?? 0) + 1);
  for (const a of saved)
    assert.equal(storedCount.get(a.narrative), 1, `an acknowledged save is stored once: ${a.narrative}`);
  for (const [narrative, n] of storedCount) assert.equal(n, 1, `no conversation is stored twice: ${narrative}`);

  // Nothing half-written: every stored conversation has its audit row.
  const audited = await beside.db
    .select({ entityId: auditEvents.entityId })
    .from(auditEvents)
    .where(
      inArray(
        auditEvents.entityId,
        stored.map((c) => c.id),
      ),
    );
  const auditedIds = new Set(audited.map((a) => a.entityId));
  for (const c of stored) assert.ok(auditedIds.has(c.id), `conversation ${c.id} has its audit row`);
  const chain = await verifyAuditChain(beside.db);
  assert.equal(chain.firstBreak, null, 'the audit chain verifies');
  const signIns = await beside.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(eq(auditEvents.action, 'sign_in'));
  assert.ok(signIns.length >= writers);

  const givenUp = attempts.filter((a) => a.outcome !== 'saved').length;
  console.log(
    `# ${seconds} s: ${cuts} cuts ending ${cutConnectionsTotal} connections; ${attempts.length} conversations tried, ${errorPagesSeen} error pages shown, ` +
      `${saved.length} acknowledged and stored once each, ${givenUp} given up after five error pages; ${stored.length} stored; audit chain of ${chain.rows} rows verifies`,
  );
  assert.ok(cuts >= 2 && cutConnectionsTotal > 0, 'connections were cut during the trial');
  assert.ok(saved.length > writers, 'writes were acknowledged during the trial');
});
