// One way to run background work: recurring tasks (sweeps, escalations) and queued work
// (directory imports) are rows in `jobs`, claimed with FOR UPDATE SKIP LOCKED, so any number of
// instances share them and each due job runs on one of them. Libraries made for this (pg-boss,
// graphile-worker) need a node-postgres pool and LISTEN, and run on the database's clock: they
// cannot run on PGlite, nor on the app's clock that tests move.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { jobs, type Job } from '../db/schema/index.js';

/** A job whose heartbeat is older than this is taken to have lost its instance, and is claimed again. */
export const STALE_AFTER_MS = 5 * 60_000;
/** How often a running job says its instance is alive. */
export const HEARTBEAT_MS = 60_000;
/** How often each instance looks for due work outside tests. */
export const POLL_MS = 5_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Wait before the next attempt after `attempts` failures: 30 s, doubling, at most an hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);

export interface JobContext<P> {
  db: Db;
  payload: P;
  jobId: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** After this attempt fails, the job is marked failed (recurring tasks: 0, they are never given up). */
  maxAttempts: number;
  now: () => Date;
  /** Aborted when the instance is closing: stop at a safe point and return 'stopped'. */
  signal: AbortSignal;
  log: FastifyBaseLogger;
}

/** Returns 'stopped' when it stopped early because the instance is closing: the job goes back on the queue. */
export type JobHandler<P = Record<string, never>> = (ctx: JobContext<P>) => Promise<void | 'stopped'>;

/** A failure whose message is plain English with no personal data, shown to administrators as it is. */
export class JobFailure extends Error {
  name = 'JobFailure';
}

/** What is kept of an error: its type and code (messages can hold personal data), or a JobFailure's words. */
export function describeError(err: unknown): string {
  if (err instanceof JobFailure) return err.message.slice(0, 500);
  const e = err as { name?: string; code?: unknown };
  return [e?.name ?? 'Error', typeof e?.code === 'string' ? e.code : null].filter(Boolean).join(' ');
}

export type JobOutcome = 'done' | 'retrying' | 'failed' | 'stopped';
export interface JobRun {
  id: number;
  kind: string;
  outcome: JobOutcome;
}

/** Queues a piece of work. Takes a transaction too, so work is queued with the rows it points at. */
export async function enqueueJob(
  db: Db,
  kind: string,
  payload: Record<string, unknown>,
  opts: { now: Date; runAt?: Date; maxAttempts?: number },
): Promise<Job> {
  const [row] = await db
    .insert(jobs)
    .values({
      kind,
      payload,
      runAt: opts.runAt ?? opts.now,
      maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      createdAt: opts.now,
    })
    .returning();
  return row;
}

/** Makes sure a recurring task has its row (first run now); a changed period applies from its next run. */
export async function scheduleRecurring(db: Db, kind: string, everyMs: number, now: Date) {
  await db
    .insert(jobs)
    .values({ kind, everyMs, runAt: now, createdAt: now, maxAttempts: 0 })
    .onConflictDoUpdate({ target: jobs.kind, targetWhere: isNotNull(jobs.everyMs), set: { everyMs } });
}

/**
 * Claims the next due job of these kinds: queued and due, or running with a stale heartbeat
 * (its instance died). Any number of instances may call this at once; each job goes to one.
 */
export async function claimJob(db: Db, kinds: string[], instance: string, now: Date): Promise<Job | null> {
  if (!kinds.length) return null;
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  // Queued work that died on its last attempt is not run again: it failed.
  await db
    .update(jobs)
    .set({
      status: 'failed',
      claimedBy: null,
      doneAt: now,
      lastError: 'The instance running it stopped before it finished, on its last attempt',
    })
    .where(
      sql`${jobs.status} = 'running' AND ${jobs.heartbeatAt} < ${staleBefore} AND ${jobs.everyMs} IS NULL
        AND ${jobs.attempts} >= ${jobs.maxAttempts} AND ${jobs.kind} IN (${kindList})`,
    );
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      claimedBy: instance,
      heartbeatAt: now,
      startedAt: now,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(
      sql`${jobs.id} = (
        SELECT id FROM jobs
        WHERE kind IN (${kindList})
          AND ((status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND heartbeat_at < ${staleBefore}))
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
  return row ?? null;
}

/** Updates only a job this instance still holds: one taken over after a stale heartbeat is left to its new instance. */
const heldBy = (job: Job, instance: string) => and(eq(jobs.id, job.id), eq(jobs.claimedBy, instance));

export async function heartbeatJob(db: Db, job: Job, instance: string, now: Date) {
  await db.update(jobs).set({ heartbeatAt: now }).where(heldBy(job, instance));
}

/** Records how a claimed job ended, and schedules what comes next. */
export async function settleJob(
  db: Db,
  job: Job,
  instance: string,
  now: Date,
  result: { ok: true } | { ok: false; error: string } | { stopped: true },
): Promise<JobOutcome> {
  const at = now.getTime();
  const held = heldBy(job, instance);
  if ('stopped' in result) {
    // Stopped because the instance is closing: not a failed attempt, and due at once elsewhere.
    await db
      .update(jobs)
      .set({ status: 'queued', claimedBy: null, runAt: now, attempts: sql`greatest(${jobs.attempts} - 1, 0)` })
      .where(held);
    return 'stopped';
  }
  if (job.everyMs !== null) {
    // A recurring task runs again next period; after a failure, sooner if its back-off is shorter.
    const failed = !result.ok;
    const next = failed ? Math.min(job.everyMs, backoffMs(job.attempts)) : job.everyMs;
    await db
      .update(jobs)
      .set({
        status: 'queued',
        claimedBy: null,
        runAt: new Date(at + next),
        lastRunAt: now,
        attempts: failed ? job.attempts : 0,
        ...(failed ? { lastError: result.error } : {}),
      })
      .where(held);
    return failed ? 'retrying' : 'done';
  }
  if (result.ok) {
    await db.update(jobs).set({ status: 'done', claimedBy: null, doneAt: now, lastRunAt: now }).where(held);
    return 'done';
  }
  if (job.attempts >= job.maxAttempts) {
    await db
      .update(jobs)
      .set({ status: 'failed', claimedBy: null, doneAt: now, lastRunAt: now, lastError: result.error })
      .where(held);
    return 'failed';
  }
  await db
    .update(jobs)
    .set({
      status: 'queued',
      claimedBy: null,
      runAt: new Date(at + backoffMs(job.attempts)),
      lastRunAt: now,
      lastError: result.error,
    })
    .where(held);
  return 'retrying';
}

interface Registered {
  handler: JobHandler<never>;
  everyMs: number | null;
  /** What it does, in plain English, for the administrators' page. */
  title: string;
}

export interface RunOptions {
  db: Db;
  instance: string;
  now: () => Date;
  signal: AbortSignal;
  log: FastifyBaseLogger;
}

/**
 * Claims one due job of the kinds given and runs it, beating its heart while it runs. A handler's
 * error is recorded on the job (type and code only) and logged; it never escapes. Null when nothing is due.
 */
export async function runNextJob(
  handlers: ReadonlyMap<string, JobHandler<never>>,
  opts: RunOptions,
): Promise<JobRun | null> {
  const { db, instance, now, log } = opts;
  const job = await claimJob(db, [...handlers.keys()], instance, now());
  if (!job) return null;
  const handler = handlers.get(job.kind)!;
  const beat = setInterval(() => void heartbeatJob(db, job, instance, now()).catch(() => {}), HEARTBEAT_MS);
  beat.unref();
  let result: Parameters<typeof settleJob>[4];
  try {
    const ended = await handler({
      db,
      payload: job.payload as never,
      jobId: job.id,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      now,
      signal: opts.signal,
      log,
    });
    result = ended === 'stopped' ? { stopped: true } : { ok: true };
  } catch (err) {
    const error = describeError(err);
    log.error(
      { err: { type: (err as Error)?.name, code: (err as { code?: unknown })?.code }, job: job.kind },
      'job failed',
    );
    result = { ok: false, error };
  } finally {
    clearInterval(beat);
  }
  return { id: job.id, kind: job.kind, outcome: await settleJob(db, job, instance, now(), result) };
}

/** The job runner an app has: what each kind of job runs, and the loop that runs them. */
export class JobRunner {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private handlers = new Map<string, Registered>();
  private scheduled = new Set<string>();
  private closing = new AbortController();
  private running: Promise<unknown> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private app: FastifyInstance) {}

  /** A recurring task: runs once every `everyMs` across all instances (the first time at once). */
  every(kind: string, everyMs: number, handler: JobHandler, opts: { title?: string } = {}) {
    this.register(kind, { handler: handler as JobHandler<never>, everyMs, title: opts.title ?? kind });
  }

  /** What runs queued work of this kind. */
  handle<P>(kind: string, handler: JobHandler<P>, opts: { title?: string } = {}) {
    this.register(kind, { handler: handler as JobHandler<never>, everyMs: null, title: opts.title ?? kind });
  }

  /** What each kind of job does, in plain English. */
  titleOf(kind: string) {
    return this.handlers.get(kind)?.title ?? kind;
  }

  private register(kind: string, r: Registered) {
    if (this.handlers.has(kind)) throw new Error(`job ${kind} is registered twice`);
    this.handlers.set(kind, r);
  }

  /** Queues work (on this app's database; use enqueueJob to queue inside a transaction), and looks for it soon. */
  async enqueue(kind: string, payload: Record<string, unknown>, opts: { runAt?: Date; maxAttempts?: number } = {}) {
    const row = await enqueueJob(this.app.db, kind, payload, { now: this.app.clock(), ...opts });
    this.wake();
    return row;
  }

  /**
   * Claims and runs, one at a time, every job due at the app's clock, until none is left.
   * The loop calls this outside tests; tests call it themselves.
   */
  async runDue(): Promise<JobRun[]> {
    const { db } = this.app;
    for (const [kind, r] of this.handlers)
      if (r.everyMs !== null && !this.scheduled.has(kind)) {
        await scheduleRecurring(db, kind, r.everyMs, this.app.clock());
        this.scheduled.add(kind);
      }
    const handlers = new Map([...this.handlers].map(([kind, r]) => [kind, r.handler]));
    const runs: JobRun[] = [];
    const opts = { db, instance: this.instance, now: this.app.clock, signal: this.closing.signal, log: this.app.log };
    while (!this.closing.signal.aborted) {
      const run = await runNextJob(handlers, opts);
      if (!run) break;
      runs.push(run);
      // A stopped job is due again at once: it is for another instance (or this one's next look) to take.
      if (run.outcome === 'stopped') break;
    }
    return runs;
  }

  /** Looks for due work now, unless this instance is already working or the loop is off (tests). */
  wake() {
    if (!this.timer || this.running || this.closing.signal.aborted) return;
    this.running = this.runDue()
      .catch((err: Error) =>
        this.app.log.error(
          { err: { type: err.name, code: (err as { code?: unknown }).code } },
          'background jobs failed',
        ),
      )
      .finally(() => {
        this.running = null;
      });
  }

  start() {
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Stops the loop and waits for the job in hand, which stops at its next safe point. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.closing.abort();
    await this.running;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}

/** Recent queued work and every recurring task, for the administrators' page. */
export async function jobsOverview(db: Db, recent = 50) {
  const [recurring, queued] = await Promise.all([
    db.select().from(jobs).where(isNotNull(jobs.everyMs)).orderBy(jobs.kind),
    db
      .select()
      .from(jobs)
      .where(sql`${jobs.everyMs} IS NULL`)
      .orderBy(sql`${jobs.createdAt} DESC, ${jobs.id} DESC`)
      .limit(recent),
  ]);
  return { recurring, queued };
}

/** Finished work older than this is removed by the runner's own sweep; failed work stays to be seen. */
export const KEEP_DONE_MS = 30 * 24 * 60 * 60_000;

export default fp(
  async function jobsPlugin(app: FastifyInstance) {
    const runner = new JobRunner(app);
    app.decorate('jobs', runner);
    runner.every(
      'forget-finished-jobs',
      24 * 60 * 60_000,
      async ({ db, now }) => {
        await db
          .delete(jobs)
          .where(and(eq(jobs.status, 'done'), lt(jobs.doneAt, new Date(now().getTime() - KEEP_DONE_MS))));
      },
      { title: 'Remove background jobs finished more than 30 days ago' },
    );
    // Tests run due work themselves with runDue, at their own clock: no timer.
    if (app.config.env !== 'test') app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => runner.stop());
  },
  { name: 'jobs', dependencies: ['database'] },
);
