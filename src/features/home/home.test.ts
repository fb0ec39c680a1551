import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Agent, attrs, newWorker, useTestApp } from '../../../test/helpers.js';

describe('home pages', () => {
  const t = useTestApp();

  test('the quality lead’s home page shows nothing that Hearth does not compute (no file audit status without file audits)', async () => {
    const worker = await newWorker(t.db, { role: 'quality' });
    const agent = new Agent(t.app);
    await agent.signIn(worker.email);
    const home = await agent.get('/');
    assert.equal(home.statusCode, 200);
    assert.doesNotMatch(home.body, /file audit/i);
    assert.ok(attrs(home.body, 'a', 'href').includes('/people'));
    assert.ok(attrs(home.body, 'a', 'href').includes('/front-door'));
  });
});
