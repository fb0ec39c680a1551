import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * queued: waiting for its time (a recurring task between runs too); running: claimed by an instance;
 * done: finished (queued work only); failed: gave up after its last attempt (queued work only).
 */
export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'failed']);

/**
 * Background work, claimed with FOR UPDATE SKIP LOCKED so any number of instances share it and
 * each due job runs once. A recurring task is one row per kind (every_ms set) that is run and
 * then scheduled again; queued work is a row per piece of work. Payloads point at a feature's
 * own rows and never hold personal data.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    /** How often a recurring task runs; null for queued work. */
    everyMs: integer('every_ms'),
    status: jobStatus('status').notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** Attempts so far (for a recurring task: failures in a row). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    claimedBy: text('claimed_by'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    /** The error type and code, or a plain-English reason the job gave: never personal data. */
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('jobs_recurring_idx')
      .on(t.kind)
      .where(sql`${t.everyMs} IS NOT NULL`),
    index('jobs_due_idx')
      .on(t.runAt, t.id)
      .where(sql`${t.status} = 'queued'`),
    index('jobs_running_idx')
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
    index('jobs_recent_idx')
      .on(t.createdAt)
      .where(sql`${t.everyMs} IS NULL`),
  ],
);

export type Job = typeof jobs.$inferSelect;
