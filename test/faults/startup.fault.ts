// Three Hearth processes started at once on a new, empty database (as a deployment with three
// instances does): migrations and the demo load happen once, under a lock, and all three start.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { count } from 'drizzle-orm';
import { organisations, workers } from '../../src/db/schema/index.js';
import { demoWorkers } from '../../src/features/demo/demo.seed.js';
import { startServer, type Server } from '../../e2e/harness.js';
import { freshDatabase, openBeside } from './harness.js';

const cleanUp: Array<() => Promise<void>> = [];
after(async () => {
  for (const step of cleanUp.reverse()) await step();
});

test('three instances starting together on a new database all start, and load the demo once', async () => {
  const database = await freshDatabase();
  cleanUp.push(database.drop);
  const started = await Promise.allSettled(
    [1, 2, 3].map(() => startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', NODE_ENV: 'development' })),
  );
  const servers = started
    .filter((s): s is PromiseFulfilledResult<Server> => s.status === 'fulfilled')
    .map((s) => s.value);
  cleanUp.push(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });
  const failures = started
    .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    .map((s) => String(s.reason).slice(0, 600));
  assert.deepEqual(failures, [], 'every instance starts');

  for (const server of servers) assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  const beside = await openBeside(database.url);
  try {
    const [orgs] = await beside.db.select({ n: count() }).from(organisations);
    const [staff] = await beside.db.select({ n: count() }).from(workers);
    assert.equal(orgs.n, 4, 'the demo council and its three partners, once');
    assert.equal(staff.n, demoWorkers.length, 'the demo workers, once');
  } finally {
    await beside.close();
  }
});
