import type { Db } from '../../db/client.js';
import type { Person, TapConsent } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, StaleVersion, ukToday } from '../../platform/forms.js';
import { jargonIn } from '../conversations/conversations.service.js';
import { personReaders, requirePerson } from '../people/people.access.js';
import { maskRestrictedPeople, networkOf, noteOnTimeline, sharedSummaryOf } from '../people/people.service.js';
import { clearNotificationsAbout, notifyWorker } from '../../platform/notifications.js';
import { requireExistingTeam, requireTeam, sharingAllows, type TeamAccess } from './tap.access.js';
import type {
  ActionInput,
  ConsentInput,
  MeetingInput,
  MeetingRecordInput,
  MemberInput,
  ProgressInput,
  SummaryInput,
} from './tap.forms.js';
import * as repo from './tap.repository.js';

const nameOf = (p: Pick<Person, 'givenName' | 'familyName' | 'preferredName'>) =>
  `${p.preferredName ?? p.givenName} ${p.familyName}`;
const teamLink = (personId: string) => `/people/${personId}/team`;

/** Every read by a partner is marked as such in the audit trail, so "who has looked" shows it. */
function audit(ctx: Ctx, a: TeamAccess, entry: Parameters<Ctx['audit']>[0], db?: Db) {
  return ctx.audit(
    {
      ...entry,
      personId: a.person.id,
      details: { ...(entry.details ?? {}), ...(a.asPartner ? { asPartner: true } : {}) },
    },
    db,
  );
}

/**
 * Whether a member may be told about the person by name: council staff always; a partner only
 * while sharing covers their organisation (a message naming the person is sharing too).
 */
function mayTell(a: TeamAccess, m: { workerRole: string | null; organisationId: string | null }) {
  return m.workerRole !== 'partner' || (!!m.organisationId && sharingAllows(a.consent, m.organisationId));
}

/** Tells each worker member (but the one acting, any left out, and partners sharing does not cover) something about the team. */
async function tellMembers(
  ctx: Ctx,
  a: TeamAccess,
  db: Db,
  tapId: string,
  message: string,
  link: string | null,
  except: string[] = [],
) {
  const everyone = await repo.members(db, tapId);
  for (const m of everyone) {
    if (m.workerId && m.workerId !== ctx.worker.id && !except.includes(m.workerId) && mayTell(a, m))
      await notifyWorker(db, m.workerId, message, link ?? '/', ctx.now);
  }
}

/** The agreement in force: the latest sharing record, unless it was withdrawn. */
const inForce = (consent: TapConsent | null) => (consent && !consent.withdrawnAt ? consent : null);

const isOverdue = (a: { status: string; dueOn: string }, today: string) => a.status === 'open' && a.dueOn < today;

/** The team page: who is in it, sharing, meetings, the plan and what is shared with the team. */
export async function teamPage(ctx: Ctx, personId: string) {
  const a = await requireTeam(ctx, personId, 'read');
  const today = ukToday(ctx.now);
  const summary = await sharedSummaryOf(ctx.db, personId);
  if (!a.tap) {
    await audit(ctx, a, { action: 'read', entity: 'tap', entityId: personId });
    return {
      ...a,
      summary,
      members: [],
      meetings: [],
      actions: [],
      shared: [],
      consentOrganisations: [],
      today,
      removed: [],
      teamSummary: null,
    };
  }
  const agreement = inForce(a.consent);
  const [allMembers, meetings, actions, shared, consentOrganisations, latest] = await Promise.all([
    repo.members(ctx.db, a.tap.id, { withRemoved: !a.asPartner }),
    repo.meetings(ctx.db, a.tap.id),
    repo.actions(ctx.db, a.tap.id),
    // Partners: only what was checked against the agreement in force.
    a.seesSharedConversations
      ? repo.sharedConversationsOf(ctx.db, personId, a.asPartner ? a.consent!.id : undefined)
      : [],
    repo.organisationsById(ctx.db, a.consent?.organisationIds ?? []),
    repo.latestSummary(ctx.db, a.tap.id),
  ]);
  const teamSummary =
    latest && (!a.asPartner || latest.consentId === agreement?.id)
      ? { ...latest, lookAgain: latest.consentId !== agreement?.id }
      : null;
  await audit(ctx, a, { action: 'read', entity: 'tap', entityId: a.tap.id });
  return {
    ...a,
    summary,
    teamSummary,
    canWriteSummary: !a.asPartner && !a.tap.closedAt && a.person.namedWorkerId === ctx.worker.id,
    members: allMembers.filter((m) => !m.removedAt),
    removed: allMembers.filter((m) => m.removedAt),
    meetings,
    nextMeeting: meetings.filter((m) => m.startsAt.getTime() >= ctx.now.getTime()).at(-1) ?? null,
    actions: actions.map((x) => ({ ...x, overdue: isOverdue(x, today) })),
    shared: shared.map((c) => ({ ...c, lookAgain: c.consentId !== agreement?.id })),
    consentOrganisations,
    reviewDue: !!agreement && agreement.reviewOn <= today,
    today,
  };
}

/** Sets up the team: the person, their named worker and whoever sets it up are in it from the start. */
export async function startTeam(ctx: Ctx, personId: string) {
  const a = await requireTeam(ctx, personId, 'manage');
  if (a.tap?.closedAt) {
    const tap = a.tap;
    await ctx.db.transaction(async (tx) => {
      await repo.setClosed(tx, tap.id, null);
      await noteOnTimeline(tx, personId, 'Team around the person reopened', ctx.worker.id, ctx.now);
      await tellMembers(
        ctx,
        a,
        tx,
        tap.id,
        `${ctx.worker.name} reopened the team around ${nameOf(a.person)}`,
        teamLink(personId),
      );
      await audit(ctx, a, { action: 'update', entity: 'tap', entityId: tap.id, details: { reopened: true } }, tx);
    });
    return tap;
  }
  if (a.tap) return a.tap;
  const tap = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertTap(tx, { personId, createdBy: ctx.worker.id, createdAt: ctx.now });
    if (!created) return null;
    await repo.insertMember(tx, {
      tapId: created.id,
      kind: 'person',
      addedBy: ctx.worker.id,
      addedAt: ctx.now,
      part: 'At the centre of the team',
    });
    const workersIn = [...new Set([a.person.namedWorkerId, ctx.worker.id].filter((w): w is string => !!w))];
    for (const workerId of workersIn) {
      await repo.insertMember(tx, {
        tapId: created.id,
        kind: 'worker',
        workerId,
        addedBy: ctx.worker.id,
        addedAt: ctx.now,
        part: workerId === a.person.namedWorkerId ? 'Named worker' : null,
      });
      if (workerId !== ctx.worker.id)
        await notifyWorker(
          tx,
          workerId,
          `${ctx.worker.name} set up a team around ${nameOf(a.person)} and added you`,
          teamLink(personId),
          ctx.now,
        );
    }
    await noteOnTimeline(tx, personId, 'Team around the person set up', ctx.worker.id, ctx.now);
    await audit(ctx, a, { action: 'create', entity: 'tap', entityId: created.id }, tx);
    return created;
  });
  // Two people setting it up at once: the second finds the first's.
  return tap ?? (await repo.tapOf(ctx.db, personId))!;
}

/** The team's work is done: partners stop seeing the person at once; the record stays for reading. */
export async function closeTeam(ctx: Ctx, personId: string, reason: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const members = await repo.members(ctx.db, a.tap.id);
  await ctx.db.transaction(async (tx) => {
    await repo.setClosed(tx, a.tap.id, ctx.now);
    for (const m of members) {
      if (!m.workerId || m.workerId === ctx.worker.id) continue;
      if (m.workerRole === 'partner') {
        await clearNotificationsAbout(tx, m.workerId, teamLink(personId), ctx.now);
        await notifyWorker(
          tx,
          m.workerId,
          'A team around a person you worked with has closed. Thank you.',
          '/',
          ctx.now,
        );
      } else {
        await notifyWorker(
          tx,
          m.workerId,
          `${ctx.worker.name} closed the team around ${nameOf(a.person)}`,
          teamLink(personId),
          ctx.now,
        );
      }
    }
    await noteOnTimeline(tx, personId, 'Team around the person closed', ctx.worker.id, ctx.now);
    await audit(ctx, a, { action: 'update', entity: 'tap', entityId: a.tap.id, reason, details: { closed: true } }, tx);
  });
}

/** Who could join: workers with accounts, and the person's network. */
export async function memberChoices(ctx: Ctx, personId: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const [workers, network, current] = await Promise.all([
    repo.possibleMembers(ctx.db),
    networkOf(ctx.db, personId),
    repo.members(ctx.db, a.tap.id),
  ]);
  const inTeam = new Set(current.map((m) => m.workerId ?? m.networkMemberId).filter(Boolean));
  return {
    ...a,
    workers: workers.filter((w) => !inTeam.has(w.id)),
    network: network.filter((n) => !inTeam.has(n.id)),
    personIn: current.some((m) => m.kind === 'person'),
  };
}

export async function addMember(ctx: Ctx, personId: string, input: MemberInput) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const current = await repo.members(ctx.db, a.tap.id);
  let name = input.name ?? '';
  if (input.kind === 'worker') {
    const w = await repo.findWorker(ctx.db, input.workerId!);
    if (!w || !w.active || w.role === 'admin' || w.role === 'quality')
      throw new FormRefused('workerId', 'Select an active worker from the list');
    if (current.some((m) => m.workerId === w.id)) throw new FormRefused('workerId', `${w.name} is already in the team`);
    name = w.name;
  } else if (input.kind === 'network') {
    const n = await repo.networkMember(ctx.db, personId, input.networkMemberId!);
    if (!n) throw new FormRefused('networkMemberId', 'Select someone from their network');
    if (current.some((m) => m.networkMemberId === n.id))
      throw new FormRefused('networkMemberId', `${n.name} is already in the team`);
    name = n.name;
  } else if (input.kind === 'person') {
    if (current.some((m) => m.kind === 'person'))
      throw new FormRefused('kind', `${nameOf(a.person)} is already in the team`);
    name = nameOf(a.person);
  }
  return ctx.db.transaction(async (tx) => {
    const member = await repo.insertMember(tx, { ...input, tapId: a.tap.id, addedBy: ctx.worker.id, addedAt: ctx.now });
    if (input.workerId && input.workerId !== ctx.worker.id) {
      const added = await repo.findWorker(tx, input.workerId);
      if (added && mayTell(a, { workerRole: added.role, organisationId: added.organisationId })) {
        await notifyWorker(
          tx,
          input.workerId,
          `${ctx.worker.name} added you to the team around ${nameOf(a.person)}`,
          teamLink(personId),
          ctx.now,
        );
      } else {
        await notifyWorker(
          tx,
          input.workerId,
          `${ctx.worker.name} added you to a team around a person. You will see who, and their plan, once sharing with your organisation is agreed.`,
          '/',
          ctx.now,
        );
      }
    }
    await tellMembers(
      ctx,
      a,
      tx,
      a.tap.id,
      `${name} joined the team around ${nameOf(a.person)}`,
      teamLink(personId),
      input.workerId ? [input.workerId] : [],
    );
    await noteOnTimeline(tx, personId, `${name} joined the team around the person`, ctx.worker.id, ctx.now);
    await audit(
      ctx,
      a,
      { action: 'create', entity: 'tap_member', entityId: member.id, details: { kind: input.kind } },
      tx,
    );
    return member;
  });
}

/** Someone leaves the team. A partner who leaves loses access at once: the check reads membership on every request. */
export async function removeMember(ctx: Ctx, personId: string, memberId: string, reason: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const member = (await repo.members(ctx.db, a.tap.id)).find((m) => m.id === memberId);
  if (!member) throw new NotFound();
  if (member.kind === 'person')
    throw new FormRefused('reason', `${nameOf(a.person)} is at the centre of their team and stays in it`);
  await ctx.db.transaction(async (tx) => {
    const removed = await repo.removeMember(tx, a.tap.id, memberId, ctx.worker.id, ctx.now);
    if (!removed) throw new NotFound();
    // No name and no link: once out of the team, they are no longer told about the person,
    // and earlier messages naming them leave their home page.
    if (member.workerId && member.workerId !== ctx.worker.id) {
      await clearNotificationsAbout(tx, member.workerId, teamLink(personId), ctx.now);
      await notifyWorker(
        tx,
        member.workerId,
        `${ctx.worker.name} took you out of a team around a person you worked with`,
        '/',
        ctx.now,
      );
    }
    await tellMembers(
      ctx,
      a,
      tx,
      a.tap.id,
      `${member.name} left the team around ${nameOf(a.person)}`,
      teamLink(personId),
    );
    await noteOnTimeline(tx, personId, `${member.name} left the team around the person`, ctx.worker.id, ctx.now);
    await audit(ctx, a, { action: 'delete', entity: 'tap_member', entityId: memberId, reason }, tx);
  });
}

// Sharing

export async function consentChoices(ctx: Ctx, personId: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const [organisations, history, members] = await Promise.all([
    repo.allOrganisations(ctx.db),
    repo.consentHistory(ctx.db, a.tap.id),
    repo.members(ctx.db, a.tap.id),
  ]);
  const inTeam = new Set(members.map((m) => m.organisationId).filter(Boolean));
  await audit(ctx, a, { action: 'read', entity: 'tap_consent', entityId: a.tap.id });
  return { ...a, organisations: organisations.map((o) => ({ ...o, inTeam: inTeam.has(o.id) })), history };
}

export async function recordConsent(ctx: Ctx, personId: string, input: ConsentInput) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const known = await repo.organisationsById(ctx.db, input.organisationIds);
  if (known.length !== input.organisationIds.length)
    throw new FormRefused('organisationIds', 'Select organisations from the list');
  const partners = (await repo.members(ctx.db, a.tap.id)).filter((m) => m.workerRole === 'partner' && m.workerId);
  const leftOut = partners.filter((m) => !input.organisationIds.includes(m.organisationId!));
  const newlyCovered = partners.filter((m) => input.organisationIds.includes(m.organisationId!) && !mayTell(a, m));
  // The latest record is the one that counts: never let two share a time.
  const recordedAt = new Date(Math.max(ctx.now.getTime(), (a.consent?.recordedAt.getTime() ?? 0) + 1));
  return ctx.db.transaction(async (tx) => {
    const consent = await repo.insertConsent(tx, { ...input, tapId: a.tap.id, recordedBy: ctx.worker.id, recordedAt });
    // Partners whose organisation this no longer covers stop seeing the person, messages included;
    // those it covers for the first time are told who the person is.
    for (const m of leftOut) await clearNotificationsAbout(tx, m.workerId!, teamLink(personId), ctx.now);
    for (const m of newlyCovered)
      await notifyWorker(
        tx,
        m.workerId!,
        `You are in the team around ${nameOf(a.person)}: sharing with your organisation is agreed`,
        teamLink(personId),
        ctx.now,
      );
    await noteOnTimeline(
      tx,
      personId,
      input.basis === 'consent'
        ? 'Agreed to share with the team around the person'
        : 'Sharing with the team around the person for a lawful reason',
      ctx.worker.id,
      ctx.now,
    );
    // What was shared under the earlier agreement stays hidden from partners until the named
    // worker has checked it against this one.
    const named = a.person.namedWorkerId;
    if (
      named &&
      (await repo.sharedConversationsOf(tx, personId)).length + ((await repo.latestSummary(tx, a.tap.id)) ? 1 : 0) > 0
    ) {
      await notifyWorker(
        tx,
        named,
        `What ${nameOf(a.person)} agrees to share with their team has changed: look again at what the team sees`,
        teamLink(personId),
        ctx.now,
      );
    }
    await audit(
      ctx,
      a,
      {
        action: 'create',
        entity: 'tap_consent',
        entityId: consent.id,
        reason: input.lawfulReason,
        details: {
          basis: input.basis,
          organisations: input.organisationIds.length,
          conversations: input.sharesConversations,
        },
      },
      tx,
    );
    return consent;
  });
}

/** Withdrawn: partners lose access on their next request, and are told without the person's name. */
export async function withdrawConsent(ctx: Ctx, personId: string, consentId: string, reason: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const named = a.person.namedWorkerId ? (await sharedSummaryOf(ctx.db, personId))?.namedWorker : null;
  const partners = (await repo.members(ctx.db, a.tap.id)).filter((m) => m.workerRole === 'partner' && m.workerId);
  await ctx.db.transaction(async (tx) => {
    const withdrawn = await repo.withdrawConsent(tx, a.tap.id, consentId, ctx.worker.id, reason, ctx.now);
    if (!withdrawn) throw new NotFound();
    for (const p of partners) {
      await clearNotificationsAbout(tx, p.workerId!, teamLink(personId), ctx.now);
      await notifyWorker(
        tx,
        p.workerId!,
        `Information about someone whose team you are in is no longer shared with you.${named ? ` ${named.name} can tell you more.` : ''}`,
        '/',
        ctx.now,
      );
    }
    await noteOnTimeline(tx, personId, 'Sharing with the team around the person withdrawn', ctx.worker.id, ctx.now);
    await audit(
      ctx,
      a,
      { action: 'update', entity: 'tap_consent', entityId: consentId, reason, details: { withdrawn: true } },
      tx,
    );
  });
}

// Meetings

export async function meetingChoices(ctx: Ctx, personId: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  return { ...a, members: await repo.members(ctx.db, a.tap.id) };
}

export async function arrangeMeeting(ctx: Ctx, personId: string, input: MeetingInput) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const members = await repo.members(ctx.db, a.tap.id);
  const invited = members.filter((m) => input.invitedMemberIds.includes(m.id));
  if (invited.length !== input.invitedMemberIds.length)
    throw new FormRefused('invitedMemberIds', 'Select people from the team');
  if (!invited.length) throw new FormRefused('invitedMemberIds', 'Select who is invited');
  const { arrangedAt: _a, ...fields } = input;
  return ctx.db.transaction(async (tx) => {
    const meeting = await repo.insertMeeting(tx, {
      ...fields,
      tapId: a.tap.id,
      arrangedBy: ctx.worker.id,
      arrangedAt: ctx.now,
    });
    for (const m of invited) {
      if (m.workerId && m.workerId !== ctx.worker.id && mayTell(a, m))
        await notifyWorker(
          tx,
          m.workerId,
          `You are invited to a meeting of the team around ${nameOf(a.person)}`,
          `${teamLink(personId)}/meetings/${meeting.id}`,
          ctx.now,
        );
    }
    await audit(
      ctx,
      a,
      { action: 'create', entity: 'tap_meeting', entityId: meeting.id, details: { invited: invited.length } },
      tx,
    );
    return meeting;
  });
}

/** A meeting, and the plan as it stood: the meeting starts by reviewing it. */
export async function meetingPage(ctx: Ctx, personId: string, meetingId: string) {
  const a = await requireExistingTeam(ctx, personId, 'read');
  const meeting = await repo.meeting(ctx.db, a.tap.id, meetingId);
  if (!meeting) throw new NotFound();
  const today = ukToday(ctx.now);
  const [members, actions, jargon] = await Promise.all([
    repo.members(ctx.db, a.tap.id, { withRemoved: true }),
    repo.actions(ctx.db, a.tap.id),
    // Pointed out to those who write the record, not to partners reading it.
    a.canManage
      ? jargonIn(ctx.db, {
          personsWords: meeting.personsWords,
          agenciesBrought: meeting.agenciesBrought,
          decisions: meeting.decisions,
          planReview: meeting.planReview,
        })
      : [],
  ]);
  await audit(ctx, a, { action: 'read', entity: 'tap_meeting', entityId: meetingId });
  return {
    ...a,
    meeting,
    jargon,
    invited: members.filter((m) => meeting.invitedMemberIds.includes(m.id)),
    members: members.filter((m) => !m.removedAt),
    // Actions agreed before this meeting: what it reviews.
    toReview: actions
      .filter((x) => x.meetingId !== meetingId && x.createdAt.getTime() < (meeting.recordedAt ?? ctx.now).getTime())
      .map((x) => ({ ...x, overdue: isOverdue(x, today) })),
    agreed: actions.filter((x) => x.meetingId === meetingId).map((x) => ({ ...x, overdue: isOverdue(x, today) })),
  };
}

export async function recordMeeting(ctx: Ctx, personId: string, meetingId: string, input: MeetingRecordInput) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const meeting = await repo.meeting(ctx.db, a.tap.id, meetingId);
  if (!meeting) throw new NotFound();
  const earlier = (await repo.actions(ctx.db, a.tap.id)).filter(
    (x) => x.meetingId !== meetingId && x.createdAt.getTime() < ctx.now.getTime(),
  );
  if (earlier.length && !input.planReview)
    throw new FormRefused('planReview', 'Write how the plan went: the meeting starts by reviewing it');
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.recordMeeting(tx, a.tap.id, meetingId, input.version, {
      planReview: input.planReview,
      personsWords: input.personsWords,
      agenciesBrought: input.agenciesBrought,
      decisions: input.decisions,
      recordedBy: ctx.worker.id,
      recordedAt: meeting.recordedAt ?? ctx.now,
    });
    if (!saved) throw new StaleVersion(meeting);
    if (!meeting.recordedAt) await noteOnTimeline(tx, personId, 'Team around the person met', ctx.worker.id, ctx.now);
    await audit(
      ctx,
      a,
      {
        action: meeting.recordedAt ? 'update' : 'create',
        entity: 'tap_meeting_record',
        entityId: meetingId,
        details: { version: saved.version },
      },
      tx,
    );
    return saved;
  });
}

// The action plan

export async function actionChoices(ctx: Ctx, personId: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const [members, meetings] = await Promise.all([repo.members(ctx.db, a.tap.id), repo.meetings(ctx.db, a.tap.id)]);
  return { ...a, members, meetings };
}

export async function addAction(ctx: Ctx, personId: string, input: ActionInput) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const members = await repo.members(ctx.db, a.tap.id);
  const owner = members.find((m) => m.id === input.ownerMemberId);
  if (!owner) throw new FormRefused('ownerMemberId', 'Select someone in the team');
  if (input.meetingId && !(await repo.meeting(ctx.db, a.tap.id, input.meetingId)))
    throw new FormRefused('meetingId', 'Select a meeting of this team');
  return ctx.db.transaction(async (tx) => {
    const action = await repo.insertAction(tx, {
      ...input,
      tapId: a.tap.id,
      createdBy: ctx.worker.id,
      createdAt: ctx.now,
    });
    if (owner.workerId && owner.workerId !== ctx.worker.id && mayTell(a, owner)) {
      await notifyWorker(
        tx,
        owner.workerId,
        `A new action for you in the plan around ${nameOf(a.person)}: ${input.what.slice(0, 80)}`,
        `${teamLink(personId)}/actions/${action.id}`,
        ctx.now,
      );
    }
    await audit(ctx, a, { action: 'create', entity: 'tap_action', entityId: action.id }, tx);
    return action;
  });
}

export async function actionPage(ctx: Ctx, personId: string, actionId: string) {
  const a = await requireExistingTeam(ctx, personId, 'read');
  const action = await repo.action(ctx.db, a.tap.id, actionId);
  if (!action) throw new NotFound();
  const [updates, members] = await Promise.all([
    repo.actionUpdates(ctx.db, actionId),
    a.canManage ? repo.members(ctx.db, a.tap.id) : [],
  ]);
  await audit(ctx, a, { action: 'read', entity: 'tap_action', entityId: actionId });
  // Members with accounts update progress; council staff who may read but not write do not.
  const canUpdate =
    a.asPartner ||
    ((!!a.membership || a.canManage) && ['front_door', 'practitioner', 'team_manager'].includes(ctx.worker.role));
  return { ...a, action: { ...action, overdue: isOverdue(action, ukToday(ctx.now)) }, updates, canUpdate, members };
}

/** A member says how an action is going. Stale saves are refused, never overwritten. */
export async function updateProgress(ctx: Ctx, personId: string, actionId: string, input: ProgressInput) {
  const a = await requireExistingTeam(ctx, personId, 'update');
  const action = await repo.action(ctx.db, a.tap.id, actionId);
  if (!action) throw new NotFound();
  const owner = (await repo.members(ctx.db, a.tap.id)).find((m) => m.id === action.ownerMemberId);
  return ctx.db.transaction(async (tx) => {
    const completedOn = input.status === 'done' ? (action.completedOn ?? ukToday(ctx.now)) : null;
    const saved = await repo.updateActionStatus(tx, actionId, input.version, input.status, completedOn);
    if (!saved) throw new StaleVersion(action);
    await repo.insertActionUpdate(tx, {
      actionId,
      note: input.note,
      status: input.status,
      workerId: ctx.worker.id,
      createdAt: ctx.now,
    });
    if (owner?.workerId && owner.workerId !== ctx.worker.id && mayTell(a, owner)) {
      await notifyWorker(
        tx,
        owner.workerId,
        `${ctx.worker.name} updated your action in the plan around ${nameOf(a.person)}`,
        `${teamLink(personId)}/actions/${actionId}`,
        ctx.now,
      );
    }
    await audit(
      ctx,
      a,
      { action: 'update', entity: 'tap_action', entityId: actionId, details: { status: input.status } },
      tx,
    );
    return saved;
  });
}

/** Someone else takes an action on (its owner left the team, say); the change is kept in its progress. */
export async function changeOwner(
  ctx: Ctx,
  personId: string,
  actionId: string,
  input: { ownerMemberId: string; version: number },
) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  const action = await repo.action(ctx.db, a.tap.id, actionId);
  if (!action) throw new NotFound();
  const owner = (await repo.members(ctx.db, a.tap.id)).find((m) => m.id === input.ownerMemberId);
  if (!owner) throw new FormRefused('ownerMemberId', 'Select someone in the team');
  if (owner.id === action.ownerMemberId)
    throw new FormRefused('ownerMemberId', `${owner.name} already has this action`);
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.changeActionOwner(tx, actionId, input.version, owner.id);
    if (!saved) throw new StaleVersion(action);
    await repo.insertActionUpdate(tx, {
      actionId,
      note: `${owner.name} takes this on from ${action.ownerName}.`,
      status: action.status,
      workerId: ctx.worker.id,
      createdAt: ctx.now,
    });
    if (owner.workerId && owner.workerId !== ctx.worker.id && mayTell(a, owner)) {
      await notifyWorker(
        tx,
        owner.workerId,
        `An action in the plan around ${nameOf(a.person)} is now yours: ${action.what.slice(0, 80)}`,
        `${teamLink(personId)}/actions/${actionId}`,
        ctx.now,
      );
    }
    await audit(
      ctx,
      a,
      { action: 'update', entity: 'tap_action', entityId: actionId, details: { owner: owner.id } },
      tx,
    );
    return saved;
  });
}

/** The plan in plain language, for the person: printed, or downloaded. */
export async function planForPerson(ctx: Ctx, personId: string, how: 'page' | 'download') {
  const a = await requireExistingTeam(ctx, personId, 'read');
  const [members, actions, meetings] = await Promise.all([
    repo.members(ctx.db, a.tap.id),
    repo.actions(ctx.db, a.tap.id),
    repo.meetings(ctx.db, a.tap.id),
  ]);
  await audit(ctx, a, { action: how === 'download' ? 'export' : 'read', entity: 'tap_plan', entityId: a.tap.id });
  const upcoming = meetings.filter((m) => m.startsAt.getTime() >= ctx.now.getTime()).at(-1) ?? null;
  return { ...a, members, actions: actions.filter((x) => x.status !== 'stopped'), nextMeeting: upcoming };
}

// Conversations shared with the team

export async function sharedConversation(ctx: Ctx, personId: string, conversationId: string) {
  const a = await requireExistingTeam(ctx, personId, 'read');
  const agreement = inForce(a.consent);
  if (!a.seesSharedConversations || !agreement) throw new NotFound();
  // Everyone reads it here as partners do: only while it is checked against the agreement in force.
  const found = await repo.sharedConversation(ctx.db, personId, conversationId, agreement.id);
  if (!found) throw new NotFound();
  const amendments = await repo.amendmentsOf(ctx.db, conversationId);
  await audit(ctx, a, {
    action: 'read',
    entity: 'conversation',
    entityId: conversationId,
    details: { sharedWithTeam: true },
  });
  return { ...a, ...found, amendments };
}

/**
 * Whether a conversation is shared with the team, under which agreement, and whether this
 * worker may change that (the named worker, who checks it against the agreement's words).
 */
export async function shareStateOf(ctx: Ctx, conversationId: string, person: Pick<Person, 'id' | 'namedWorkerId'>) {
  const [shared, tap] = await Promise.all([repo.isShared(ctx.db, conversationId), repo.tapOf(ctx.db, person.id)]);
  const agreement = tap ? inForce(await repo.currentConsent(ctx.db, tap.id)) : null;
  return {
    shared: !!shared,
    hasTeam: !!tap,
    canShare: person.namedWorkerId === ctx.worker.id,
    agreement,
    lookAgain: !!shared && shared.consentId !== agreement?.id,
  };
}

/** Only the named worker marks a conversation as shared with the team, or stops sharing it. */
export async function mustShare(ctx: Ctx, conversationId: string) {
  const found = await repo.findConversation(ctx.db, conversationId);
  if (!found) throw new NotFound();
  const person = await requirePerson(ctx, found.personId, 'write');
  if (person.namedWorkerId !== ctx.worker.id)
    throw new AccessDenied('Only their named worker can share a conversation with the team');
  return person;
}

/** The page where the named worker shares a conversation: the conversation beside the agreement's words. */
export async function shareChoices(ctx: Ctx, conversationId: string) {
  const person = await mustShare(ctx, conversationId);
  const [conversation, sharing] = await Promise.all([
    repo.conversationToShare(ctx.db, conversationId),
    shareStateOf(ctx, conversationId, person),
  ]);
  await ctx.audit({ action: 'read', entity: 'conversation', entityId: conversationId, personId: person.id });
  return { person, conversation: conversation!, ...sharing };
}

/** Sharing (or sharing again) needs the named worker's word that it is within the agreement in force. */
export async function setShared(ctx: Ctx, conversationId: string, shared: boolean, withinAgreement: boolean) {
  const person = await mustShare(ctx, conversationId);
  const tap = await repo.tapOf(ctx.db, person.id);
  const agreement = tap ? inForce(await repo.currentConsent(ctx.db, tap.id)) : null;
  if (shared && !agreement)
    throw new FormRefused('withinAgreement', 'Record what they agree to share with the team first');
  if (shared && !agreement!.sharesConversations)
    throw new FormRefused('withinAgreement', 'They have not agreed to share conversations with the team');
  if (shared && !withinAgreement)
    throw new FormRefused('withinAgreement', 'Confirm that this conversation is within what they agreed to share');
  await ctx.db.transaction(async (tx) => {
    if (shared) await repo.share(tx, conversationId, ctx.worker.id, ctx.now, agreement!.id);
    else await repo.unshare(tx, conversationId);
    await ctx.audit(
      {
        action: 'update',
        entity: 'conversation_share',
        entityId: conversationId,
        personId: person.id,
        details: { shared, ...(shared ? { consentId: agreement!.id } : {}) },
      },
      tx,
    );
  });
}

// What the team is told about the person

/** The summary form: only the named worker writes it, against the agreement in force. */
export async function summaryChoices(ctx: Ctx, personId: string) {
  const a = await requireExistingTeam(ctx, personId, 'manage');
  if (a.person.namedWorkerId !== ctx.worker.id)
    throw new AccessDenied('Only their named worker writes what the team is told about them');
  const agreement = inForce(a.consent);
  const latest = await repo.latestSummary(ctx.db, a.tap.id);
  await audit(ctx, a, { action: 'read', entity: 'tap_summary', entityId: a.tap.id });
  return { ...a, agreement, latest };
}

export async function writeSummary(ctx: Ctx, personId: string, input: SummaryInput) {
  const { tap, agreement, latest, ...a } = await summaryChoices(ctx, personId);
  if (!agreement) throw new FormRefused('text', 'Record what they agree to share with the team first');
  if ((latest?.id ?? '') !== (input.basedOn ?? '')) throw new StaleVersion(latest);
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.insertSummary(tx, {
      tapId: tap.id,
      text: input.text,
      consentId: agreement.id,
      writtenBy: ctx.worker.id,
      writtenAt: ctx.now,
    });
    await audit(
      ctx,
      { ...a, tap },
      { action: 'create', entity: 'tap_summary', entityId: saved.id, details: { consentId: agreement.id } },
      tx,
    );
    return saved;
  });
}

// Home pages and the hub's view

/** For a worker's home page: actions they own that are overdue, and (for partners) the people whose team they are in. */
export async function homeWorkOf(ctx: Ctx) {
  const today = ukToday(ctx.now);
  const [overdue, teams] = await Promise.all([
    repo.overdueOwnedBy(ctx.db, ctx.worker.id, today),
    repo.teamsOf(ctx.db, ctx.worker.id),
  ]);
  if (ctx.worker.role !== 'partner') return { overdueActions: overdue, teamsIn: teams };
  // A partner sees only the people sharing allows now.
  const consents = new Map(
    (
      await repo.currentConsents(
        ctx.db,
        teams.map((t) => t.tapId),
      )
    ).map((c) => [c.tapId, c]),
  );
  const allowed = new Set(
    teams.filter((t) => sharingAllows(consents.get(t.tapId) ?? null, ctx.worker.organisationId)).map((t) => t.personId),
  );
  return {
    overdueActions: overdue.filter((o) => allowed.has(o.personId)),
    teamsIn: teams.filter((t) => allowed.has(t.personId)),
  };
}

/** The hub's view: teams open now, agencies in each, actions done on time, and how long people have had a team. */
export async function hubView(ctx: Ctx) {
  if (!personReaders.includes(ctx.worker.role)) throw new AccessDenied();
  const today = ukToday(ctx.now);
  const rows = await repo.hubTeams(ctx.db, today);
  const masked = await maskRestrictedPeople(ctx, rows);
  const days = (d: Date) => Math.floor((ctx.now.getTime() - d.getTime()) / 86_400_000);
  const teams = masked.map((r) => ({ ...r, days: days(r.createdAt) }));
  const bands: Array<[string, number, number]> = [
    ['Under a month', 0, 30],
    ['1 to 3 months', 30, 91],
    ['3 to 6 months', 91, 182],
    ['6 months to a year', 182, 365],
    ['A year or more', 365, Infinity],
  ];
  const agencyCounts = new Map<number, number>();
  for (const t of teams) agencyCounts.set(t.agencies, (agencyCounts.get(t.agencies) ?? 0) + 1);
  const done = teams.reduce((s, t) => s + t.done, 0);
  const onTime = teams.reduce((s, t) => s + t.doneOnTime, 0);
  await ctx.audit({
    action: 'read',
    entity: 'tap_hub',
    details: { teams: teams.length, people: teams.filter((t) => !t.masked).map((t) => t.personId) },
  });
  return {
    teams,
    totals: {
      teams: teams.length,
      done,
      onTime,
      overdue: teams.reduce((s, t) => s + t.overdue, 0),
      open: teams.reduce((s, t) => s + t.open, 0),
    },
    byAgencies: [...agencyCounts].sort((x, y) => x[0] - y[0]).map(([agencies, n]) => ({ agencies, n })),
    byLength: bands.map(([label, from, to]) => ({
      label,
      n: teams.filter((t) => t.days >= from && t.days < to).length,
    })),
  };
}
