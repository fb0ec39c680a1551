import type { Ctx } from '../../platform/auth.js';
import { concernsRaised } from '../concerns/concerns.service.js';
import { contactWorkOf, overdueContactCheckBacksInTeam } from '../contacts/contacts.service.js';
import { overdueCheckBacksInTeam, workOf } from '../conversations/conversations.service.js';
import { personWriters } from '../people/people.access.js';
import { maskRestrictedPeople, notificationsFor, peopleOf } from '../people/people.service.js';
import { homeWorkOf } from '../team-around-the-person/tap.service.js';
import { activeTeamCount, teamById } from '../teams/teams.service.js';
import { activeWorkerCount } from '../workers/workers.service.js';

/**
 * What each role's home page shows: messages, drafts, check backs due and the people the
 * worker sticks with. Later features (contacts, team around the person) add their lists.
 */
export async function homeFor(ctx: Ctx) {
  const [team, notifications] = await Promise.all([
    ctx.worker.teamId ? teamById(ctx.db, ctx.worker.teamId) : null,
    notificationsFor(ctx.db, ctx.worker.id),
  ]);
  if (ctx.worker.role === 'admin') {
    const [activeWorkers, activeTeams] = await Promise.all([activeWorkerCount(ctx.db), activeTeamCount(ctx.db)]);
    return { team, notifications, admin: { activeWorkers, activeTeams } };
  }
  if (ctx.worker.role === 'partner') {
    const [work, raised] = await Promise.all([homeWorkOf(ctx), concernsRaised(ctx)]);
    return { team, notifications, ...work, concernsRaised: raised };
  }
  if (!personWriters.includes(ctx.worker.role)) return { team, notifications };
  const [{ drafts, checkBacks }, myPeople, { contactsWaiting, contactCheckBacks }, { overdueActions }, teamCheckBacks] =
    await Promise.all([workOf(ctx), peopleOf(ctx), contactWorkOf(ctx), homeWorkOf(ctx), overdueInTeam(ctx)]);
  return {
    team,
    notifications,
    drafts,
    checkBacks,
    myPeople,
    contactsWaiting,
    contactCheckBacks,
    overdueActions,
    teamCheckBacks,
  };
}

/** A team manager's view of the check backs their team has let pass (empty for anyone else), oldest first. */
async function overdueInTeam(ctx: Ctx) {
  const [talks, contacts] = await Promise.all([overdueCheckBacksInTeam(ctx), overdueContactCheckBacksInTeam(ctx)]);
  const rows = [
    ...talks.map(({ whatHappensNext, ...c }) => ({ ...c, href: `/conversations/${c.id}`, note: whatHappensNext })),
    ...contacts.map(({ resolutionDetail, ...c }) => ({ ...c, href: `/contacts/${c.id}`, note: resolutionDetail })),
  ].sort((a, b) => String(a.checkBackOn).localeCompare(String(b.checkBackOn)));
  return maskRestrictedPeople(ctx, rows);
}
