import type { Ctx } from '../../platform/auth.js';
import { contactWorkOf } from '../contacts/contacts.service.js';
import { workOf } from '../conversations/conversations.service.js';
import { personWriters } from '../people/people.access.js';
import { notificationsFor, peopleOf } from '../people/people.service.js';
import { homeWorkOf } from '../team-around-the-person/tap.service.js';
import { activeTeamCount, teamById } from '../teams/teams.service.js';
import { activeWorkerCount } from '../workers/workers.service.js';

/**
 * What each role's home page shows: messages, drafts, check backs due and the people the
 * worker sticks with. Later features (contacts, team around the person) add their lists.
 */
export async function homeFor(ctx: Ctx) {
  const [team, notifications] = await Promise.all([ctx.worker.teamId ? teamById(ctx.db, ctx.worker.teamId) : null, notificationsFor(ctx.db, ctx.worker.id)]);
  if (ctx.worker.role === 'admin') {
    const [activeWorkers, activeTeams] = await Promise.all([activeWorkerCount(ctx.db), activeTeamCount(ctx.db)]);
    return { team, notifications, admin: { activeWorkers, activeTeams } };
  }
  if (ctx.worker.role === 'partner') return { team, notifications, ...(await homeWorkOf(ctx)) };
  if (!personWriters.includes(ctx.worker.role)) return { team, notifications };
  const [{ drafts, checkBacks }, myPeople, { contactsWaiting, contactCheckBacks }, { overdueActions }] = await Promise.all([workOf(ctx), peopleOf(ctx), contactWorkOf(ctx), homeWorkOf(ctx)]);
  return { team, notifications, drafts, checkBacks, myPeople, contactsWaiting, contactCheckBacks, overdueActions };
}
