import type { Ctx } from '../../platform/auth.js';
import { notificationsFor } from '../../platform/notifications.js';
import { homeSections, type CheckBackSource, type RecordParts } from '../../platform/record.js';
import { maskRestrictedPeople } from '../people/people.service.js';
import { activeTeamCount, teamById } from '../teams/teams.service.js';
import { activeWorkerCount } from '../workers/workers.service.js';

/** A worker's home page: their messages, and each feature's lists for their role (see platform/record). */
export async function homeFor(ctx: Ctx, parts: RecordParts) {
  const [team, notifications, sections] = await Promise.all([
    ctx.worker.teamId ? teamById(ctx.db, ctx.worker.teamId) : null,
    notificationsFor(ctx.db, ctx.worker.id),
    homeSections(parts, ctx),
  ]);
  return { team, notifications, sections };
}

/** What an administrator keeps running: how many workers and teams are active. */
export async function runningHearth(ctx: Ctx) {
  const [activeWorkers, activeTeams] = await Promise.all([activeWorkerCount(ctx.db), activeTeamCount(ctx.db)]);
  return { activeWorkers, activeTeams };
}

const byDate = <T extends { checkBackOn: string }>(rows: T[]) =>
  rows.sort((a, b) => a.checkBackOn.localeCompare(b.checkBackOn));

/** The worker's own check backs of every kind, due this week or overdue, soonest first. */
export async function checkBacksDue(ctx: Ctx, sources: CheckBackSource[]) {
  return byDate((await Promise.all(sources.map((s) => s.mine(ctx)))).flat());
}

/** A team manager's view of the check backs their team has let pass (empty for anyone else), oldest first. */
export async function overdueInTeam(ctx: Ctx, sources: CheckBackSource[]) {
  const rows = byDate((await Promise.all(sources.map((s) => s.overdueInTeam(ctx)))).flat());
  return maskRestrictedPeople(
    ctx,
    rows.map((r) => ({ ...r, restricted: !!r.restricted })),
  );
}
