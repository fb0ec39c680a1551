// Imports run as queued jobs on the platform's job runner (platform/jobs.ts): a job row points at
// the import, whose own rows hold its files, progress and report. A job works in batches: each
// batch's records, counts and report lines are written in one transaction, so the counts are
// always what was stored, and a job whose instance dies is picked up where it stopped.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import { describeError, runNextJob, type JobHandler } from '../../platform/jobs.js';
import {
  cleanRecord,
  ImportState,
  recordsFromJson,
  type CleanRecord,
  type Issue,
  type RawRecord,
} from './import.clean.js';
import { isCsvUpload, recordsFromCsv, UnreadableImport } from './import.csv.js';
import { FeedFailure, feedOrigin, feedRecords, type FeedOptions } from './import.feed.js';
import * as repo from './import.repository.js';

/** The kind of job that runs an import; its payload is `{ importId }`. */
export const IMPORT_JOB = repo.IMPORT_JOB;

export interface RunOptions {
  now?: () => Date;
  batchSize?: number;
  /** Stops between batches, leaving the job to be claimed again (as when an instance stops). */
  signal?: AbortSignal;
  /** Called after each batch is committed. */
  onBatch?: (progress: { importId: string; processed: number }) => void;
  feed?: FeedOptions;
}

export interface RunResult {
  importId: string;
  status: 'finished' | 'failed' | 'stopped';
}

/** Where an upload's records come from: the name the editor gave, or the files'. */
export const uploadOrigin = (source: string) => `upload ${source}`;

/**
 * What the job runner runs for an import job. Stopped between batches (the instance is closing),
 * the import waits again and the job goes back on the queue for the next instance. An error the
 * import cannot report itself (the database gone) is retried by the runner; on the last attempt
 * the import is marked failed, so its page does not wait for ever.
 */
export function importJob(opts: RunOptions = {}, seen?: (r: RunResult) => void): JobHandler<{ importId: string }> {
  return async (ctx) => {
    let result: RunResult | null;
    try {
      result = await runImportById(ctx.db, ctx.payload.importId, { ...opts, now: ctx.now, signal: ctx.signal });
    } catch (err) {
      if (ctx.attempt >= ctx.maxAttempts) {
        const why =
          `Hearth could not finish the import (${describeError(err)}). ` +
          'What was stored before this is kept; the report shows it.';
        await auditFinished(ctx.db, await repo.finishImport(ctx.db, ctx.payload.importId, ctx.now(), why));
      }
      throw err;
    }
    if (result) seen?.(result);
    if (result?.status !== 'stopped') return;
    await repo.requeueImport(ctx.db, result.importId);
    return 'stopped';
  };
}

/**
 * Claims the next import job, as the job runner does, and runs it with these options (tests set
 * the batch size, stop part-way, or shorten a feed's time-out). Null when no import is due.
 */
export async function runNextImport(
  db: Db,
  opts: RunOptions & { instance?: string; log?: FastifyBaseLogger } = {},
): Promise<RunResult | null> {
  const now = opts.now ?? (() => new Date());
  let result: RunResult | null = null;
  const handler = importJob(opts, (r) => (result = r));
  const run = await runNextJob(new Map([[IMPORT_JOB, handler as JobHandler<never>]]), {
    db,
    instance: opts.instance ?? 'runNextImport',
    now,
    signal: opts.signal ?? new AbortController().signal,
    log: opts.log ?? silentLog,
  });
  if (!run) return null;
  return result;
}

const silentLog = { error() {}, warn() {}, info() {}, debug() {} } as unknown as FastifyBaseLogger;

/** Starts (or resumes) one import; null when it has already finished or failed. */
async function runImportById(db: Db, importId: string, opts: RunOptions): Promise<RunResult | null> {
  const now = opts.now ?? (() => new Date());
  const job = await repo.startImport(db, importId, now());
  if (!job) return null;
  return runImport(db, job, opts);
}

async function runImport(db: Db, job: repo.ImportRow, opts: RunOptions): Promise<RunResult> {
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? 500;
  // A resumed job skips what it already stored, but cleans it again to know which ids it has seen.
  const resumeAt = job.processedRecords;
  const origin = job.source === 'feed' ? feedOrigin(job.sourceName) : uploadOrigin(job.sourceName);
  const state = new ImportState(origin, job.source === 'csv');
  let position = 0;
  let pending: RawRecord[] = [];
  let pendingIssues: Issue[] = [];
  let pendingFailed = 0;

  const flush = async () => {
    const records = pending;
    const failed = pendingFailed;
    const loose = pendingIssues;
    pending = [];
    pendingIssues = [];
    pendingFailed = 0;
    const cleaned = records.map((r) => cleanRecord(state, r));
    await writeBatch(db, job.id, cleaned, loose, failed, origin, now());
    opts.onBatch?.({ importId: job.id, processed: position });
  };
  /** Takes records in order; those before the resume point only rebuild what was seen. */
  const take = async (records: RawRecord[]) => {
    for (const r of records) {
      if (position++ < resumeAt) {
        cleanRecord(state, r);
        continue;
      }
      pending.push(r);
      if (pending.length >= batchSize) {
        if (opts.signal?.aborted) return false;
        await flush();
      }
    }
    return true;
  };

  // While this instance works (a slow feed can take minutes over one page), the job runner beats
  // the job's heart, so no other instance takes it over.
  try {
    if (job.source === 'feed') {
      let totalSet = job.totalRecords !== null;
      for await (const page of feedRecords(job.sourceName, { ...opts.feed, signal: opts.signal, skip: resumeAt })) {
        if (opts.signal?.aborted) return { importId: job.id, status: 'stopped' };
        if (!totalSet && page.total !== null) {
          await repo.setTotal(db, job.id, page.total, now());
          totalSet = true;
        }
        if (!(await take(page.records))) return { importId: job.id, status: 'stopped' };
        // Services whose full record would not load are counted as read and left out. (A
        // resumed import lists what it already stored without loading it, so none of those.)
        pendingIssues.push(...page.issues);
        pendingFailed += page.issues.length;
        position += page.issues.length;
      }
    } else {
      const files = await repo.filesOf(db, job.id);
      const { records, issues } = readUpload(files);
      if (job.totalRecords === null) await repo.setTotal(db, job.id, records.length, now());
      // Report lines about the files themselves come first, once.
      if (resumeAt === 0) pendingIssues.push(...issues);
      if (!(await take(records))) return { importId: job.id, status: 'stopped' };
    }
    if (opts.signal?.aborted) return { importId: job.id, status: 'stopped' };
    if (pending.length || pendingIssues.length || pendingFailed) await flush();
    const done = await repo.finishImport(db, job.id, now(), null);
    await auditFinished(db, done);
    return { importId: job.id, status: 'finished' };
  } catch (err) {
    if (opts.signal?.aborted) return { importId: job.id, status: 'stopped' };
    // What was read before a feed broke off is still stored and counted.
    if (err instanceof FeedFailure && (pending.length || pendingIssues.length || pendingFailed))
      await flush().catch(() => {});
    const reason =
      err instanceof FeedFailure || err instanceof UnreadableImport
        ? err.message
        : `Hearth could not finish the import (${(err as Error).name}${(err as { code?: string }).code ? ` ${(err as { code?: string }).code}` : ''}). What was stored before this is kept; the report shows it.`;
    const done = await repo.finishImport(db, job.id, now(), reason);
    await auditFinished(db, done);
    return { importId: job.id, status: 'failed' };
  }
}

/** The records in uploaded files: CSV tables together, or JSON documents one by one. */
export function readUpload(files: Array<{ name: string; content: string }>): { records: RawRecord[]; issues: Issue[] } {
  if (isCsvUpload(files)) return recordsFromCsv(files);
  const records: RawRecord[] = [];
  const issues: Issue[] = [];
  for (const f of files) {
    let doc: unknown;
    try {
      doc = JSON.parse(f.content.replace(/^\uFEFF/, ''));
    } catch (err) {
      if (files.length === 1) throw new UnreadableImport(`${f.name} is not valid JSON (${(err as Error).message})`);
      issues.push({
        entity: 'file',
        recordId: null,
        recordName: f.name,
        outcome: 'skipped',
        message: `not imported: it is not valid JSON (${(err as Error).message})`,
      });
      continue;
    }
    const found = recordsFromJson(doc);
    records.push(...found.records);
    issues.push(
      ...found.problems.map((p): Issue => ({
        entity: 'file',
        recordId: null,
        recordName: f.name,
        outcome: 'skipped',
        message: p,
      })),
    );
  }
  // Vocabularies and organisations before the services that point at them, across files too.
  const order = { taxonomy: 0, taxonomy_term: 1, organization: 2, service: 3 };
  return {
    records: records
      .map((r, i) => [r, i] as const)
      .sort((a, b) => order[a[0].kind] - order[b[0].kind] || a[1] - b[1])
      .map(([r]) => r),
    issues,
  };
}

/**
 * Writes one batch in one transaction, with its counts and report lines. If the batch cannot
 * be written whole (a value the database still refuses), each record is written on its own,
 * so one bad record is reported as skipped and never takes the others with it.
 */
async function writeBatch(
  db: Db,
  importId: string,
  cleaned: CleanRecord[],
  loose: Issue[],
  failed: number,
  origin: string,
  now: Date,
) {
  await repo.resolveLinks(db, cleaned);
  const tally = (written: Map<CleanRecord, boolean>, recs: CleanRecord[]) => {
    const p: repo.Progress = { processed: recs.length, created: 0, updated: 0, skipped: 0, cleaned: 0 };
    for (const r of recs) {
      if (!written.has(r)) p.skipped++;
      else {
        if (written.get(r)) p.created++;
        else p.updated++;
        if (r.issues.length) p.cleaned++;
      }
    }
    return p;
  };
  try {
    await db.transaction(async (tx) => {
      const written = await repo.writeRecords(tx, cleaned, origin);
      const p = tally(written, cleaned);
      p.processed += failed;
      p.skipped += failed;
      await repo.recordProgress(tx, importId, p, [...loose, ...cleaned.flatMap((r) => r.issues)], now);
    });
    return;
  } catch {
    // Fall through: one record at a time.
  }
  await db.transaction(async (tx) => {
    await repo.recordProgress(
      tx,
      importId,
      { processed: failed, created: 0, updated: 0, skipped: failed, cleaned: 0 },
      loose,
      now,
    );
  });
  for (const rec of cleaned) {
    try {
      await db.transaction(async (tx) => {
        const written = await repo.writeRecords(tx, [rec], origin);
        await repo.recordProgress(tx, importId, tally(written, [rec]), rec.issues, now);
      });
    } catch (err) {
      const e = err as Error & { cause?: Error & { code?: string; detail?: string } };
      const why = e.cause?.message ?? e.message.split('\n')[0];
      const kind = rec.kind.replace(/_/g, ' ');
      const issue: Issue = {
        entity: rec.kind,
        recordId: rec.id,
        recordName: rec.name,
        outcome: 'skipped',
        message: `${kind} could not be stored (the database refused it: ${why.slice(0, 200)}): not imported`,
      };
      await db.transaction(async (tx) => {
        await repo.recordProgress(
          tx,
          importId,
          { processed: 1, created: 0, updated: 0, skipped: 1, cleaned: 0 },
          [...rec.issues.filter((i) => i.outcome === 'skipped' && i.entity === rec.kind), issue],
          now,
        );
      });
    }
  }
}

async function auditFinished(db: Db, job: repo.ImportRow) {
  await writeAudit(
    db,
    { workerId: job.requestedById, requestId: null },
    {
      action: 'update',
      entity: 'directory_import',
      entityId: job.id,
      details: {
        outcome: job.status,
        source: job.source,
        sourceName: job.sourceName,
        total: job.totalRecords,
        processed: job.processedRecords,
        created: job.createdRecords,
        updated: job.updatedRecords,
        skipped: job.skippedRecords,
        cleaned: job.cleanedRecords,
        failure: job.failure,
      },
    },
  );
}
