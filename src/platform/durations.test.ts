import assert from 'node:assert/strict';
import { test } from 'node:test';
import { howLong } from './durations.js';

test('waits are written as people say them', () => {
  const min = 60_000;
  const hour = 60 * min;
  assert.equal(howLong(20_000), 'less than a minute');
  assert.equal(howLong(min), '1 minute');
  assert.equal(howLong(40 * min + 59_000), '40 minutes');
  assert.equal(howLong(hour), '1 hour');
  assert.equal(howLong(5.9 * hour), '5 hours');
  assert.equal(howLong(47 * hour), '47 hours');
  assert.equal(howLong(48 * hour), '2 days');
  assert.equal(howLong(244.9 * hour), '10 days');
  assert.equal(howLong(Number.NaN), 'less than a minute');
});
