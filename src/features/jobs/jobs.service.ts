import type { Job } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied } from '../../platform/errors.js';
import { jobsOverview } from '../../platform/jobs.js';

/** Queued work shown on the page: the most recent this many. */
export const RECENT_JOBS = 50;

export type JobState = 'waiting' | 'running' | 'retrying' | 'done' | 'failed';

/** How a job stands, in the page's words: a queued job that has failed before is waiting to try again. */
export function stateOf(job: Job): JobState {
  if (job.status === 'queued') return job.attempts > 0 && job.lastError ? 'retrying' : 'waiting';
  return job.status === 'running' ? 'running' : job.status;
}

/** Background work for administrators: every recurring task, and recent queued work. No personal data is in it. */
export async function backgroundJobs(ctx: Ctx) {
  if (ctx.worker.role !== 'admin') throw new AccessDenied();
  const { recurring, queued } = await jobsOverview(ctx.db, RECENT_JOBS);
  return {
    recurring: recurring.map((j) => ({ ...j, state: stateOf(j) })),
    queued: queued.map((j) => ({ ...j, state: stateOf(j) })),
  };
}
