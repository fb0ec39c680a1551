import { count, eq } from 'drizzle-orm';
import { teams, workers } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { contactWorkOf } from '../contacts/contacts.service.js';
import { workOf } from '../conversations/conversations.service.js';
import { personWriters } from '../people/people.access.js';
import { notificationsFor, peopleOf } from '../people/people.service.js';

/**
 * What each role's home page shows: messages, drafts, check backs due and the people the
 * worker sticks with. Later features (contacts, team around the person) add their lists.
 */
export async function homeFor(ctx: Ctx) {
  const team = ctx.worker.teamId
    ? (await ctx.db.select({ id: teams.id, name: teams.name, kind: teams.kind }).from(teams).where(eq(teams.id, ctx.worker.teamId)))[0] ?? null
    : null;
  const notifications = await notificationsFor(ctx.db, ctx.worker.id);
  if (ctx.worker.role === 'admin') {
    const [[activeWorkers], [activeTeams]] = await Promise.all([
      ctx.db.select({ n: count() }).from(workers).where(eq(workers.active, true)),
      ctx.db.select({ n: count() }).from(teams).where(eq(teams.active, true)),
    ]);
    return { team, notifications, admin: { activeWorkers: activeWorkers.n, activeTeams: activeTeams.n } };
  }
  if (!personWriters.includes(ctx.worker.role)) return { team, notifications };
  const [{ drafts, checkBacks }, myPeople, { contactsWaiting, contactCheckBacks }] = await Promise.all([workOf(ctx), peopleOf(ctx), contactWorkOf(ctx)]);
  return { team, notifications, drafts, checkBacks, myPeople, contactsWaiting, contactCheckBacks };
}
