import { count, eq } from 'drizzle-orm';
import { teams, workers } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';

/**
 * What each role's home page shows. The lists are filled by the features that own the
 * work (contacts, drafts, check backs, team around the person); for now each starts empty.
 */
export async function homeFor(ctx: Ctx) {
  const team = ctx.worker.teamId
    ? (await ctx.db.select({ id: teams.id, name: teams.name, kind: teams.kind }).from(teams).where(eq(teams.id, ctx.worker.teamId)))[0] ?? null
    : null;
  if (ctx.worker.role !== 'admin') return { team, admin: null };
  const [[activeWorkers], [activeTeams]] = await Promise.all([
    ctx.db.select({ n: count() }).from(workers).where(eq(workers.active, true)),
    ctx.db.select({ n: count() }).from(teams).where(eq(teams.active, true)),
  ]);
  return { team, admin: { activeWorkers: activeWorkers.n, activeTeams: activeTeams.n } };
}
