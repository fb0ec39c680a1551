import type { Person, Tap, TapConsent, TapMember } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { requirePerson } from '../people/people.access.js';
import { sharedSummaryOf } from '../people/people.service.js';
import * as repo from './tap.repository.js';

/**
 * What a worker may do with a person's team around the person:
 * - read: council staff who may read the person's record; partner practitioners in the team
 *   while sharing allows;
 * - update: add progress to actions (any member who can write, partners included);
 * - manage: set up the team, its members, sharing, meetings and the plan (council staff who
 *   may change the record).
 */
export type Need = 'read' | 'update' | 'manage';

export interface TeamAccess {
  person: Person;
  tap: Tap | null;
  /** A partner practitioner, seeing only what is shared. */
  asPartner: boolean;
  membership: TapMember | null;
  consent: TapConsent | null;
  canManage: boolean;
  /** Whether conversations marked as shared may be shown to this worker. */
  seesSharedConversations: boolean;
}

/** Sharing with this organisation stands: the latest record is not withdrawn and names it. */
export function sharingAllows(consent: TapConsent | null, organisationId: string) {
  return !!consent && !consent.withdrawnAt && consent.organisationIds.includes(organisationId);
}

/**
 * The access check every team-around-the-person service runs first. A partner practitioner
 * who is not in the person's team now, or whose organisation sharing does not (or no longer)
 * cover, gets "not found", exactly as for someone who does not exist.
 */
export async function requireTeam(ctx: Ctx, personId: string, need: Need): Promise<TeamAccess> {
  if (ctx.worker.role === 'partner') {
    const tap = await repo.tapOf(ctx.db, personId);
    if (!tap || tap.closedAt) throw new NotFound();
    const [membership, consent] = await Promise.all([
      repo.activeMembership(ctx.db, tap.id, ctx.worker.id),
      repo.currentConsent(ctx.db, tap.id),
    ]);
    if (!membership || !sharingAllows(consent, ctx.worker.organisationId)) throw new NotFound();
    const shared = await sharedSummaryOf(ctx.db, personId);
    if (!shared) throw new NotFound();
    if (need === 'manage')
      throw new AccessDenied('The team’s named worker or care manager sets up the team, its meetings and its plan');
    return {
      person: shared.person,
      tap,
      asPartner: true,
      membership,
      consent,
      canManage: false,
      seesSharedConversations: !!consent?.sharesConversations,
    };
  }
  const person = await requirePerson(ctx, personId, need === 'read' ? 'read' : 'write');
  const tap = await repo.tapOf(ctx.db, personId);
  const [membership, consent] = tap
    ? await Promise.all([repo.activeMembership(ctx.db, tap.id, ctx.worker.id), repo.currentConsent(ctx.db, tap.id)])
    : [null, null];
  return {
    person,
    tap,
    asPartner: false,
    membership,
    consent,
    canManage: need !== 'read' || ['front_door', 'practitioner', 'team_manager'].includes(ctx.worker.role),
    seesSharedConversations: true,
  };
}

/** The same, for pages about a team that must exist. */
export async function requireExistingTeam(ctx: Ctx, personId: string, need: Need): Promise<TeamAccess & { tap: Tap }> {
  const access = await requireTeam(ctx, personId, need);
  if (!access.tap) throw new NotFound();
  // A closed team keeps its record for reading; nothing in it changes until it is reopened.
  if (need !== 'read' && access.tap.closedAt)
    throw new AccessDenied('This team around the person is closed. Reopen it from its page to change anything.');
  return access as TeamAccess & { tap: Tap };
}
