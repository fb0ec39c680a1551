import assert from 'node:assert/strict';
import { test } from 'node:test';
import { howLong, workingDaysBefore } from './durations.js';

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

test('working days before: Monday to Friday in UK time, the clock stopped over the weekend', () => {
  const before = (iso: string, days: number) => workingDaysBefore(new Date(iso), days).toISOString();
  assert.equal(
    before('2026-11-26T10:00:00.000Z', 1),
    '2026-11-25T10:00:00.000Z',
    'Thursday: Wednesday at the same time',
  );
  assert.equal(before('2026-11-26T10:00:00.000Z', 3), '2026-11-23T10:00:00.000Z', 'Thursday, 3 days: Monday');
  assert.equal(before('2026-11-30T10:00:00.000Z', 1), '2026-11-27T10:00:00.000Z', 'Monday: the Friday before');
  assert.equal(before('2026-11-30T10:00:00.000Z', 3), '2026-11-25T10:00:00.000Z', 'Monday, 3 days: Wednesday');
  // At the weekend no working time passes: from Saturday or Sunday it is as from midnight on Friday night.
  assert.equal(before('2026-11-28T15:00:00.000Z', 1), '2026-11-27T00:00:00.000Z', 'Saturday: the start of Friday');
  assert.equal(before('2026-11-29T23:59:00.000Z', 1), '2026-11-27T00:00:00.000Z', 'late Sunday: the same');
  assert.equal(before('2026-11-26T10:00:00.000Z', 0), '2026-11-26T10:00:00.000Z', 'none: now');
});

test('working days before, across the clocks changing: UK days, not 24-hour UTC days', () => {
  const before = (iso: string, days: number) => workingDaysBefore(new Date(iso), days).toISOString();
  // Summer time: UK midnight is 23:00 UTC. Saturday 1 August 2026, 10:00 BST: back to the start of Friday (UK).
  assert.equal(before('2026-08-01T09:00:00.000Z', 1), '2026-07-30T23:00:00.000Z');
  // The clocks went back on Sunday 25 October 2026: from Monday 26 October 10:00 GMT, one working day is Friday
  // 10:00 BST, 09:00 UTC (the weekend, an hour longer, does not count).
  assert.equal(before('2026-10-26T10:00:00.000Z', 1), '2026-10-23T09:00:00.000Z');
  // The clocks went forward on Sunday 29 March 2026: Monday 30 March 10:00 BST (09:00 UTC) to Friday 10:00 GMT.
  assert.equal(before('2026-03-30T09:00:00.000Z', 1), '2026-03-27T10:00:00.000Z');
});
