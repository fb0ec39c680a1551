import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { demoPassword } from '../../src/features/demo/demo.seed.js';
import { openTestDatabase } from '../../test/database.js';
import { generate, loaderFor } from './generate.js';
import { QueryCapture, scenarioPlans, signInInProcess } from './plans.js';
import { sampleInputs, scenarios } from './scenarios.js';

// Not a timing: every query the benchmark's scenarios send must be answerable from an index.
// With sequential scans disabled, PostgreSQL still plans one only where no index can serve.
describe("the benchmark scenarios' queries use indexes", () => {
  const capture = new QueryCapture();
  let database: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;

  before(async () => {
    ({ database, drop } = await openTestDatabase(capture));
    const loader = loaderFor(database);
    await generate(loader, 'tiny');
    await loader.query('ANALYZE');
    const config = loadConfig({
      NODE_ENV: 'test',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(config, { database, logger: false });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await drop?.();
  });

  test('no scenario falls back to a full scan of a table that grows with the record', async () => {
    const session = await signInInProcess(app, 'practitioner@northbridge.example', demoPassword);
    const list = scenarios(await sampleInputs(loaderFor(database)));
    const results = await scenarioPlans(app, database, capture, session, list, true);
    assert.equal(results.length, list.filter((s) => !s.skipped).length);
    for (const r of results) {
      // A visitor's page is the one that needs no database at all: no session is stored for visitors.
      if (r.scenario === 'static page, no cookie') assert.deepEqual(r.plans, [], `${r.scenario}: no queries`);
      else assert.ok(r.plans.length > 0, `${r.scenario}: no queries were seen, so nothing was checked`);
    }
    const offenders = results.flatMap((r) =>
      r.plans
        .filter((p) => p.fullScans.length)
        .map((p) => `${r.scenario}: ${p.fullScans.join(', ')} in\n  ${p.sql}\n  ${p.shape}`),
    );
    if (process.env.SHOW_PLANS)
      for (const r of results)
        for (const p of r.plans) console.log(`${r.scenario}\n  ${p.sql.slice(0, 160)}\n  ${p.shape}`);
    assert.deepEqual(offenders, []);
  });
});
