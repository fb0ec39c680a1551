import { withinTeamHours } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Contact, Person, Team } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { howLong, workingDaysBefore } from '../../platform/durations.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, StaleVersion, ukToday } from '../../platform/forms.js';
import { saveOnce } from '../../platform/submission-keys.js';
import {
  addConversation,
  discardDraftOf,
  draftOf,
  jargonIn,
  saveDraftOf,
} from '../conversations/conversations.service.js';
import { mustFindPeople, personWriters, requirePerson } from '../people/people.access.js';
import {
  assignNamedWorker,
  handOffsBetween,
  maskRestrictedPeople,
  namedWorkerOf,
  nextNamedWorker,
  recordHandOff,
} from '../people/people.service.js';
import { notifyTeamManagers, notifyWorker } from '../../platform/notifications.js';
import { centralTeam, localityForPostcode, teamById, teamsForContacts } from '../teams/teams.service.js';
import { channelPlace, type ContactInput } from './contacts.forms.js';
import * as repo from './contacts.repository.js';

const DRAFT = 'contact';

export interface Route {
  teamId: string | null;
  teamName: string | null;
  workerId: string | null;
  workerName: string | null;
  routing: 'named_worker' | 'postcode' | 'manual' | 'first_contact' | 'out_of_hours';
  reason: string | null;
}

const nameOf = (p: Pick<Person, 'givenName' | 'familyName' | 'preferredName'>) =>
  `${p.preferredName ?? p.givenName} ${p.familyName}`;

/** What routing a contact depends on, looked up by routeFor (or known already, as the demo data knows it). */
export interface RouteFacts {
  /** Urgent, and outside the teams' hours. */
  urgentOutOfHours: boolean;
  teamHoursLabel: string;
  postcode: string | null;
  locality: { teamId: string; teamName: string; prefix: string } | null;
  /** Their named worker, when they have one who is active. */
  named: { id: string; name: string; teamId: string | null; teamName: string | null } | null;
  outOfHours: { id: string; name: string } | null;
  firstContact: { id: string; name: string } | null;
}

/**
 * Where a contact goes. Urgent outside the teams' hours: Out of Hours. A person with a named
 * worker: straight to them. Otherwise the locality team that covers their postcode, or, when
 * the map does not cover it, First Contact to decide.
 */
export function chooseRoute(f: RouteFacts): Route {
  if (f.urgentOutOfHours && f.outOfHours) {
    return {
      teamId: f.outOfHours.id,
      teamName: f.outOfHours.name,
      workerId: null,
      workerName: null,
      routing: 'out_of_hours',
      reason: `Urgent, outside ${f.locality?.teamName ?? 'the locality team'}’s hours (${f.teamHoursLabel})`,
    };
  }
  if (f.named)
    return {
      teamId: f.named.teamId,
      teamName: f.named.teamName,
      workerId: f.named.id,
      workerName: f.named.name,
      routing: 'named_worker',
      reason: null,
    };
  if (f.locality)
    return {
      teamId: f.locality.teamId,
      teamName: f.locality.teamName,
      workerId: null,
      workerName: null,
      routing: 'postcode',
      reason: `${f.postcode} is in ${f.locality.prefix}`,
    };
  return {
    teamId: f.firstContact?.id ?? null,
    teamName: f.firstContact?.name ?? null,
    workerId: null,
    workerName: null,
    routing: 'first_contact',
    reason: f.postcode ? `${f.postcode} is not on the postcode map` : 'No postcode known',
  };
}

/** A team chosen instead of the one suggested: an active team of the council's own, not a partner's or "other". */
export function manualRoute(
  team: Pick<Team, 'id' | 'name' | 'active' | 'kind'> | null | undefined,
  reason: string | null,
): Route {
  if (!team || !team.active || team.kind === 'partner' || team.kind === 'other')
    throw new FormRefused('teamId', 'Select an active team to pass it to');
  return { teamId: team.id, teamName: team.name, workerId: null, workerName: null, routing: 'manual', reason };
}

/** A crisis and a concern about abuse or neglect are both urgent: Out of Hours takes them outside the teams' hours. */
export const isUrgent = (urgency: ContactInput['urgency']) => urgency !== 'none';

/** Where a contact about this person goes now (chooseRoute, from the teams and postcode map as they are). */
export async function routeFor(ctx: Ctx, person: Person, urgent: boolean): Promise<Route> {
  const urgentOutOfHours = urgent && !withinTeamHours(ctx.config.teamHours, ctx.now);
  const [locality, outOfHours, named, firstContact] = await Promise.all([
    person.postcode ? localityForPostcode(ctx.db, person.postcode) : null,
    urgentOutOfHours ? centralTeam(ctx.db, 'out_of_hours') : null,
    namedWorkerOf(ctx.db, person),
    centralTeam(ctx.db, 'first_contact'),
  ]);
  return chooseRoute({
    urgentOutOfHours,
    teamHoursLabel: ctx.config.teamHours.label,
    postcode: person.postcode,
    locality,
    named,
    outOfHours,
    firstContact,
  });
}

/** The contact form for a person: their draft if there is one, and where it would go. */
export async function startContact(ctx: Ctx, personId: string) {
  const person = await requirePerson(ctx, personId, 'write');
  const [draft, route, teams] = await Promise.all([
    draftOf(ctx, personId, DRAFT),
    routeFor(ctx, person, false),
    teamsForContacts(ctx.db),
  ]);
  return { person, draft, route, teams };
}

export async function saveContactDraft(ctx: Ctx, personId: string, data: Record<string, string>) {
  await requirePerson(ctx, personId, 'write');
  return saveDraftOf(ctx, personId, DRAFT, data);
}

export async function discardContactDraft(ctx: Ctx, personId: string) {
  await requirePerson(ctx, personId, 'write');
  await discardDraftOf(ctx, personId, DRAFT);
}

/**
 * Records a contact, with the front-door conversation when one was had, and sends it where it
 * goes: resolved there and then, stayed with (the worker becomes their named worker and keeps
 * the work), or passed with its story, which is a hand-off. Urgent contacts tell the managers.
 * The same form sent again (same submission key) gets the contact its first send saved.
 * `within` runs in the contact's transaction (a partner's concern taken with it).
 */
export async function recordContact(
  ctx: Ctx,
  personId: string,
  input: ContactInput,
  within?: (tx: Db, contact: Contact) => Promise<void>,
) {
  const person = await requirePerson(ctx, personId, 'write');
  return saveOnce<{ contact: Contact; route: Route | null }>(input.submissionKey, {
    find: async (key) => {
      const contact = await repo.findBySubmissionKey(ctx.db, key);
      return contact && { contact, route: null };
    },
    mine: ({ contact }) => contact.receivedById === ctx.worker.id && contact.personId === personId,
    save: (submissionKey) => saveContact(ctx, person, { ...input, submissionKey }, { within }),
  });
}

/**
 * A partner practitioner's concern about someone in their team around the person (the caller
 * has checked that): a contact from them, passed on like any other, with `within` run in the
 * same transaction. What happens next says who will be in touch with the partner.
 */
export async function passPartnerConcern(
  ctx: Ctx,
  person: Person,
  concern: { reason: string; urgency: ContactInput['urgency']; raiserReach: string; organisationName: string },
  within: (tx: Db, contact: Contact) => Promise<void>,
) {
  const route = await routeFor(ctx, person, isUrgent(concern.urgency));
  const input: ContactInput = {
    channel: 'professional',
    contactName: ctx.worker.name,
    contactRelationship: [ctx.worker.jobTitle, concern.organisationName].filter(Boolean).join(', '),
    contactReach: concern.raiserReach,
    reason: concern.reason,
    whatMattersNow: null,
    urgency: concern.urgency,
    narrative: null,
    whatHappensNext: `Passed to ${passedToName(route)}, who will be in touch with ${ctx.worker.name} (${concern.raiserReach}) if they need to know more.`,
    outcome: 'passed',
    resolutionKind: null,
    resolutionDetail: null,
    checkBackOn: null,
    manualTeamId: null,
    routingReason: null,
    concernId: null,
    submissionKey: null,
  };
  return saveContact(ctx, person, input, { within, route });
}

/** `route`: where it goes, when the caller has just worked it out; `within`: run in the contact's transaction. */
async function saveContact(
  ctx: Ctx,
  person: Person,
  input: ContactInput,
  opts: { within?: (tx: Db, contact: Contact) => Promise<void>; route?: Route } = {},
) {
  const personId = person.id;
  const urgent = isUrgent(input.urgency);
  let route: Route | null = null;
  if (input.outcome === 'passed') {
    if (input.manualTeamId) {
      route = manualRoute(await teamById(ctx.db, input.manualTeamId), input.routingReason);
    } else {
      route = opts.route ?? (await routeFor(ctx, person, urgent));
    }
    if (!route.teamId && !route.workerId)
      throw new FormRefused('teamChoice', 'There is no team to pass it to: choose one');
  }
  const staying = input.outcome === 'stayed' ? await stayingWorker(ctx, person) : null;
  const personWasKnown = await repo.knownBefore(ctx.db, personId, ctx.now);

  const contact = await ctx.db.transaction(async (tx) => {
    const conversation = input.narrative
      ? await addConversation(
          ctx,
          personId,
          {
            kind: urgent ? 'crisis' : 'listen_and_connect',
            occurredAt: ctx.now,
            place: channelPlace[input.channel],
            participants: input.contactName
              ? `${input.contactName}${input.contactRelationship ? ` (${input.contactRelationship})` : ''}`
              : null,
            narrative: input.narrative,
            whatMatters: input.whatMattersNow,
            agreed: input.resolutionDetail,
            whatHappensNext: input.whatHappensNext,
            // The contact carries the check back (with its own "Done"): on the conversation too, it would show twice.
            checkBackOn: null,
            // ... and the submission key: the two are saved together or not at all.
            submissionKey: null,
          },
          tx,
        )
      : null;
    const saved = await repo.insertContact(tx, {
      personId,
      channel: input.channel,
      contactName: input.contactName,
      contactRelationship: input.contactRelationship,
      contactReach: input.contactReach,
      reason: input.reason,
      whatMattersNow: input.whatMattersNow,
      urgency: input.urgency,
      personWasKnown,
      conversationId: conversation?.id ?? null,
      outcome: input.outcome,
      resolutionKind: input.resolutionKind,
      resolutionDetail: input.resolutionDetail,
      checkBackOn: input.checkBackOn,
      whatHappensNext: input.whatHappensNext,
      passedToTeamId: route?.teamId ?? null,
      passedToWorkerId: route?.workerId ?? null,
      routing: route?.routing ?? null,
      routingReason: route?.reason ?? null,
      receivedById: ctx.worker.id,
      receivedTeamId: ctx.worker.teamId,
      receivedAt: ctx.now,
      submissionKey: input.submissionKey,
    });
    await discardDraftOf(ctx, personId, DRAFT, tx);
    const link = `/contacts/${saved.id}`;
    if (route?.workerId && route.workerId !== ctx.worker.id) {
      await notifyWorker(
        tx,
        route.workerId,
        `${urgent ? 'Urgent: a' : 'A'} new contact about ${nameOf(person)}, whose named worker you are`,
        link,
      );
    }
    if (urgent && route?.teamId) {
      await notifyTeamManagers(
        tx,
        [route.teamId],
        `Urgent contact about ${nameOf(person)} passed to ${route.teamName}`,
        link,
      );
    }
    await ctx.audit(
      {
        action: 'create',
        entity: 'contact',
        entityId: saved.id,
        personId,
        details: { outcome: input.outcome, routing: route?.routing ?? null, urgency: input.urgency },
      },
      tx,
    );
    // Passed on: a change of the worker they deal with, counted now (and not again when it is
    // taken). A partner raising a concern was never the council worker they deal with: no hand-off.
    if (
      route &&
      ctx.worker.role !== 'partner' &&
      passIsHandOff({ routing: route.routing, passedToWorkerId: route.workerId, receivedById: ctx.worker.id })
    ) {
      await recordHandOff(
        ctx,
        personId,
        {
          fromWorkerId: ctx.worker.id,
          fromTeamId: ctx.worker.teamId,
          toWorkerId: route.workerId,
          toTeamId: route.teamId,
          reason: handOffReason(route),
          summary: `passed to ${passedToName(route)}`,
        },
        tx,
      );
    }
    // Stayed with: the worker is their named worker now (a hand-off only if someone else was).
    if (staying) {
      try {
        await assignNamedWorker(ctx, person, staying, 'Stayed with them after their contact', tx);
      } catch (err) {
        if (err instanceof StaleVersion)
          throw new FormRefused(
            'outcome',
            'Someone changed their record at the same moment. Nothing was saved: send it again.',
          );
        throw err;
      }
    }
    if (urgent && input.outcome === 'stayed' && ctx.worker.teamId) {
      await notifyTeamManagers(
        tx,
        [ctx.worker.teamId],
        `Urgent contact about ${nameOf(person)}: ${ctx.worker.name} is staying with them`,
        link,
      );
    }
    if (opts.within) await opts.within(tx, saved);
    return saved;
  });
  return { contact, route };
}

/** "I will stay with them": the worker who becomes the named worker, or null when they already are. */
async function stayingWorker(ctx: Ctx, person: Person) {
  if (person.namedWorkerId === ctx.worker.id) return null;
  try {
    return await nextNamedWorker(ctx, person, ctx.worker.id);
  } catch (err) {
    if (err instanceof FormRefused)
      throw new FormRefused('outcome', 'You cannot be their named worker: pass it on instead');
    throw err;
  }
}

/**
 * Whether passing a contact on was counted as a hand-off when it was passed: not while it waits
 * for First Contact to decide where it goes (counted when they decide), nor when a named worker
 * passed a contact they took to themselves. Resolved and stayed-with contacts are never passed.
 */
export function passIsHandOff(c: {
  routing: Route['routing'] | null;
  passedToWorkerId: string | null;
  receivedById: string;
}) {
  return c.routing !== null && c.routing !== 'first_contact' && c.passedToWorkerId !== c.receivedById;
}

export function handOffReason(route: Route) {
  if (route.routing === 'named_worker') return 'Contact passed to their named worker';
  if (route.routing === 'postcode') return `Contact passed to the locality team for their postcode (${route.reason})`;
  return `Contact passed on: ${route.reason ?? 'no reason given'}`;
}

export const passedToName = (route: Route) =>
  route.workerName
    ? `${route.workerName}${route.teamName ? ` (${route.teamName})` : ''}`
    : (route.teamName ?? 'another team');

/** A contact with its story; the person's access check first. */
export async function getContact(ctx: Ctx, id: string) {
  mustFindPeople(ctx);
  const found = await repo.findContact(ctx.db, id);
  if (!found) throw new NotFound();
  const person = await requirePerson(ctx, found.contact.personId);
  await ctx.audit({ action: 'read', entity: 'contact', entityId: id, personId: person.id });
  const decide = canDecide(ctx, found.contact);
  const c = found.contact;
  const [jargon, teams] = await Promise.all([
    jargonIn(ctx.db, {
      reason: c.reason,
      whatMattersNow: c.whatMattersNow,
      resolutionDetail: c.resolutionDetail,
      whatHappensNext: c.whatHappensNext,
    }),
    // First Contact deciding where it goes chooses from the teams a contact can be passed to.
    decide ? teamsForContacts(ctx.db) : [],
  ]);
  return { ...found, person, canTake: canTake(ctx, c), canDecide: decide, teams, jargon };
}

function canTake(
  ctx: Ctx,
  c: { outcome: string; takenAt: Date | null; passedToTeamId: string | null; passedToWorkerId: string | null },
) {
  if (c.outcome !== 'passed' || c.takenAt || !personWriters.includes(ctx.worker.role)) return false;
  return c.passedToWorkerId === ctx.worker.id || (c.passedToTeamId !== null && c.passedToTeamId === ctx.worker.teamId);
}

function canDecide(ctx: Ctx, c: { routing: string | null; takenAt: Date | null; passedToTeamId: string | null }) {
  return (
    c.routing === 'first_contact' &&
    !c.takenAt &&
    c.passedToTeamId !== null &&
    c.passedToTeamId === ctx.worker.teamId &&
    personWriters.includes(ctx.worker.role)
  );
}

export class AlreadyTaken extends Error {
  constructor(
    public byName: string | null,
    public at: Date | null,
  ) {
    super('already taken');
  }
}

/**
 * A worker in the receiving team takes the contact and becomes the person's named worker.
 * Two at once: one gets it, the other is told who did.
 */
export async function takeContact(ctx: Ctx, id: string) {
  const { contact, person } = await getContact(ctx, id);
  if (!canTake(ctx, contact)) {
    if (contact.takenAt) {
      const again = await repo.findContact(ctx.db, id);
      throw new AlreadyTaken(again?.takenByName ?? null, contact.takenAt);
    }
    throw new AccessDenied('Only the team or worker it was passed to can take this contact');
  }
  const next = person.namedWorkerId !== ctx.worker.id ? await nextNamedWorker(ctx, person, ctx.worker.id) : null;
  // Passing it on was counted as a hand-off when it was passed (or when First Contact decided
  // where it goes): taking it is not counted again, whoever was named worker before. Taken
  // straight from First Contact's queue by someone other than the worker who took the contact,
  // it is a change of worker now.
  const counted = passIsHandOff(contact);
  const changeNow = !counted && contact.receivedById !== ctx.worker.id;
  const why = 'Took the contact passed to the team';
  // Taking and becoming named worker happen together, or not at all.
  const taken = await ctx.db.transaction(async (tx) => {
    const row = await repo.take(tx, id, ctx.worker.id, ctx.now);
    if (!row) return null;
    await ctx.audit(
      { action: 'update', entity: 'contact', entityId: id, personId: person.id, details: { taken: true } },
      tx,
    );
    if (changeNow) {
      const from = { fromWorkerId: contact.receivedById, fromTeamId: contact.receivedTeamId };
      await recordHandOff(
        ctx,
        person.id,
        {
          ...from,
          toWorkerId: ctx.worker.id,
          toTeamId: ctx.worker.teamId,
          reason: why,
          summary: `${ctx.worker.name} took the contact`,
        },
        tx,
      );
    }
    if (next) await assignNamedWorker(ctx, person, next, why, tx, { handOffCounted: counted || changeNow });
    return row;
  });
  if (!taken) {
    const again = await repo.findContact(ctx.db, id);
    throw new AlreadyTaken(again?.takenByName ?? null, again?.contact.takenAt ?? null);
  }
  return taken;
}

/** First Contact decides which locality team a contact goes to when the postcode map does not say. */
export async function decideRoute(ctx: Ctx, id: string, teamId: string, reason: string) {
  const { contact, person } = await getContact(ctx, id);
  if (!canDecide(ctx, contact)) throw new AccessDenied('Only First Contact can decide where this contact goes');
  const team = await teamById(ctx.db, teamId);
  if (!team || !team.active || team.kind !== 'locality')
    throw new FormRefused('teamId', 'Select an active locality team');
  await ctx.db.transaction(async (tx) => {
    const saved = await repo.reroute(tx, id, teamId, `Decided by First Contact: ${reason}`);
    if (!saved) throw new AlreadyTaken(null, null);
    await ctx.audit(
      {
        action: 'update',
        entity: 'contact',
        entityId: id,
        personId: person.id,
        reason,
        details: { passedToTeamId: teamId },
      },
      tx,
    );
    // Passed on now: the hand-off from the worker who took the contact is counted with the decision.
    const from = { fromWorkerId: contact.receivedById, fromTeamId: contact.receivedTeamId };
    await recordHandOff(
      ctx,
      person.id,
      {
        ...from,
        toWorkerId: null,
        toTeamId: teamId,
        reason: `Contact passed on by First Contact: ${reason}`,
        summary: `passed to ${team.name}`,
      },
      tx,
    );
  });
  if (contact.urgency !== 'none')
    await notifyTeamManagers(
      ctx.db,
      [teamId],
      `Urgent contact about ${nameOf(person)} passed to ${team.name}`,
      `/contacts/${id}`,
    );
}

export async function checkBackDone(ctx: Ctx, id: string) {
  mustFindPeople(ctx);
  const found = await repo.findContact(ctx.db, id);
  if (!found) throw new NotFound();
  await requirePerson(ctx, found.contact.personId, 'write');
  const done = await repo.markCheckBackDone(ctx.db, id, ctx.worker.id, ctx.now);
  if (!done) throw new NotFound();
  await ctx.audit({
    action: 'update',
    entity: 'contact',
    entityId: id,
    personId: done.personId,
    details: { checkBackDone: true },
  });
}

/** A team's page: what waits, oldest first with urgent at the top, how long, and who took what. */
export async function teamPage(ctx: Ctx, teamId: string, page = 1) {
  mustFindPeople(ctx);
  const team = await teamById(ctx.db, teamId);
  if (!team || team.kind === 'partner') throw new NotFound();
  const since = new Date(ctx.now.getTime() - 30 * 86_400_000);
  const [work, summary, reach] = await Promise.all([
    repo.teamWork(ctx.db, teamId, since, page),
    repo.waitingSummary(ctx.db, teamId, ctx.now),
    repo.timeToFirstConversation(ctx.db, new Date(ctx.now.getTime() - 90 * 86_400_000), ctx.now, teamId),
  ]);
  const [masked, taken] = await Promise.all([
    maskRestrictedPeople(ctx, work.waiting),
    maskRestrictedPeople(ctx, work.taken),
  ]);
  // Marked as the managers are told (escalateLongWaits); urgent contacts have their own marks.
  const tooLong = workingDaysBefore(ctx.now, ctx.config.waitingEscalationDays);
  const waiting = masked.map((c) => ({ ...c, waitedTooLong: c.urgency === 'none' && c.receivedAt < tooLong }));
  await ctx.audit({
    action: 'read',
    entity: 'team_contacts',
    entityId: teamId,
    details: { page, waiting: waiting.length, taken: taken.length },
  });
  return {
    ...{ team, waiting, taken, summary, page, pageSize: repo.TEAM_PAGE_SIZE, reach: reach[0] ?? null },
    longWait: workingDays(ctx.config.waitingEscalationDays),
    canTake: team.id === ctx.worker.teamId && personWriters.includes(ctx.worker.role),
  };
}

/** Waiting across every team, for managers and the front door. */
export async function waitingEverywhere(ctx: Ctx) {
  mustFindPeople(ctx);
  return repo.waitingByTeam(ctx.db, ctx.now);
}

/** The front door's figures for a period. */
export async function frontDoorReport(ctx: Ctx, from: Date, to: Date) {
  mustFindPeople(ctx);
  const today = ukToday(ctx.now);
  const [[byChannel, totals], reach, handOffs, waiting] = await Promise.all([
    repo.report(ctx.db, from, to, today),
    repo.timeToFirstConversation(ctx.db, from, to),
    handOffsBetween(ctx.db, from, to),
    repo.waitingByTeam(ctx.db, ctx.now),
  ]);
  await ctx.audit({ action: 'read', entity: 'front_door_report', details: { from, to } });
  return { byChannel, totals, reach, handOffs, waiting };
}

/** For the worker's home page: contacts passed to them that they have not taken yet. */
export async function contactsWaitingFor(ctx: Ctx) {
  return maskRestrictedPeople(ctx, await repo.waitingFor(ctx.db, ctx.worker.id));
}

/** For the worker's home page: the check backs they set on contacts, due within a week. */
export function contactCheckBacksDue(ctx: Ctx) {
  return repo.checkBacksDue(ctx.db, ctx.worker.id, ukToday(ctx.now, 7));
}

/** For a team manager's home page: contacts' check backs in their team that are past their date. */
export function overdueContactCheckBacksInTeam(ctx: Ctx) {
  if (ctx.worker.role !== 'team_manager' || !ctx.worker.teamId) return Promise.resolve([]);
  return repo.overdueCheckBacksInTeam(ctx.db, ctx.worker.teamId, ctx.worker.id, ukToday(ctx.now));
}

/** What a contact is and whose, for features that start from it (a connection); they check access to the person. */
export async function contactSummary(db: Db, id: string) {
  const found = await repo.findContact(db, id);
  return (
    found && {
      id,
      personId: found.contact.personId,
      receivedAt: found.contact.receivedAt,
      reason: found.contact.reason,
    }
  );
}

/** For the person's timeline, after the people service's access check. */
export function contactsOf(db: Db, personId: string, limit: number) {
  return repo.forPerson(db, personId, limit);
}

/**
 * Urgent contacts not taken in time go to the team managers. Run every minute by the
 * contacts plugin; safe to run on several instances at once.
 */
export async function escalateUrgent(db: Db, now: Date, afterMs: number) {
  const escalated = await repo.escalateOverdue(db, now, new Date(now.getTime() - afterMs));
  for (const c of escalated) {
    if (c.teamId) {
      await notifyTeamManagers(
        db,
        [c.teamId],
        `An urgent contact has waited more than ${Math.round(afterMs / 60_000)} minutes without anyone taking it`,
        `/contacts/${c.id}`,
      );
    }
  }
  return escalated.length;
}

/**
 * Contacts that are not urgent but still wait after `days` working days go to the team
 * managers, with how long they have waited: waits are challenged, not only shown. Run with
 * escalateUrgent; safe to run on several instances at once.
 */
export async function escalateLongWaits(db: Db, now: Date, days: number) {
  const escalated = await repo.escalateLongWaiting(db, now, workingDaysBefore(now, days));
  for (const c of escalated) {
    if (c.teamId) {
      await notifyTeamManagers(
        db,
        [c.teamId],
        `A contact has waited ${howLong(now.getTime() - c.receivedAt.getTime())} (longer than ${workingDays(days)}) without anyone taking it`,
        `/contacts/${c.id}`,
      );
    }
  }
  return escalated.length;
}

const workingDays = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;
