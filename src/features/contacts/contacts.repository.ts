import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { contacts, conversations, people, teams, workers } from '../../db/schema/index.js';

export function insertContact(db: Db, c: typeof contacts.$inferInsert) {
  return db
    .insert(contacts)
    .values(c)
    .returning()
    .then((r) => r[0]);
}

export function findBySubmissionKey(db: Db, key: string) {
  return db
    .select()
    .from(contacts)
    .where(eq(contacts.submissionKey, key))
    .then((r) => r[0] ?? null);
}

const takenBy = alias(workers, 'taken_by');
const receivedBy = alias(workers, 'received_by');
const passedToWorker = alias(workers, 'passed_to_worker');

export function findContact(db: Db, id: string) {
  return db
    .select({
      contact: contacts,
      teamName: teams.name,
      takenByName: takenBy.name,
      receivedByName: receivedBy.name,
      passedToWorkerName: passedToWorker.name,
    })
    .from(contacts)
    .leftJoin(teams, eq(teams.id, contacts.passedToTeamId))
    .leftJoin(takenBy, eq(takenBy.id, contacts.takenById))
    .leftJoin(passedToWorker, eq(passedToWorker.id, contacts.passedToWorkerId))
    .innerJoin(receivedBy, eq(receivedBy.id, contacts.receivedById))
    .where(eq(contacts.id, id))
    .then((r) => r[0] ?? null);
}

/** Takes a waiting contact, if no one has yet: the first to ask gets it. */
export function take(db: Db, id: string, workerId: string, now: Date) {
  return db
    .update(contacts)
    .set({ takenById: workerId, takenAt: now, version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.id, id), eq(contacts.outcome, 'passed'), isNull(contacts.takenAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function reroute(db: Db, id: string, teamId: string, reason: string) {
  return (
    db
      .update(contacts)
      .set({ passedToTeamId: teamId, routing: 'manual', routingReason: reason, version: sql`${contacts.version} + 1` })
      // Still waiting for First Contact to decide: two decisions at once, one wins.
      .where(and(eq(contacts.id, id), eq(contacts.routing, 'first_contact'), isNull(contacts.takenAt)))
      .returning()
      .then((r) => r[0] ?? null)
  );
}

const listColumns = {
  id: contacts.id,
  personId: contacts.personId,
  channel: contacts.channel,
  reason: contacts.reason,
  urgency: contacts.urgency,
  receivedAt: contacts.receivedAt,
  takenAt: contacts.takenAt,
  escalatedAt: contacts.escalatedAt,
  routing: contacts.routing,
  passedToWorkerId: contacts.passedToWorkerId,
  takenByName: takenBy.name,
  givenName: people.givenName,
  familyName: people.familyName,
  preferredName: people.preferredName,
  dateOfBirth: people.dateOfBirth,
  postcode: people.postcode,
  restricted: people.restricted,
  namedWorkerId: people.namedWorkerId,
};

export const TEAM_PAGE_SIZE = 50;

/** A page of a team's waiting work (urgent first, then oldest first), and on the first page what was taken lately. */
export async function teamWork(db: Db, teamId: string, since: Date, page: number) {
  const [waiting, taken] = await Promise.all([
    db
      .select(listColumns)
      .from(contacts)
      .innerJoin(people, eq(people.id, contacts.personId))
      .leftJoin(takenBy, eq(takenBy.id, contacts.takenById))
      .where(and(eq(contacts.passedToTeamId, teamId), eq(contacts.outcome, 'passed'), isNull(contacts.takenAt)))
      .orderBy(sql`${contacts.urgency} = 'none'`, asc(contacts.receivedAt), asc(contacts.id))
      .limit(TEAM_PAGE_SIZE)
      .offset((page - 1) * TEAM_PAGE_SIZE),
    page > 1
      ? []
      : db
          .select(listColumns)
          .from(contacts)
          .innerJoin(people, eq(people.id, contacts.personId))
          .leftJoin(takenBy, eq(takenBy.id, contacts.takenById))
          .where(and(eq(contacts.passedToTeamId, teamId), isNotNull(contacts.takenAt), gte(contacts.takenAt, since)))
          .orderBy(desc(contacts.takenAt))
          .limit(25),
  ]);
  return { waiting, taken };
}

/** Contacts passed straight to a worker (the person's named worker) and not yet taken. */
export function waitingFor(db: Db, workerId: string) {
  return db
    .select(listColumns)
    .from(contacts)
    .innerJoin(people, eq(people.id, contacts.personId))
    .leftJoin(takenBy, eq(takenBy.id, contacts.takenById))
    .where(and(eq(contacts.passedToWorkerId, workerId), isNull(contacts.takenAt)))
    .orderBy(asc(contacts.receivedAt))
    .limit(100);
}

export function forPerson(db: Db, personId: string, limit: number) {
  return db
    .select({
      ...listColumns,
      teamName: teams.name,
      receivedByName: receivedBy.name,
      outcome: contacts.outcome,
      whatHappensNext: contacts.whatHappensNext,
    })
    .from(contacts)
    .innerJoin(people, eq(people.id, contacts.personId))
    .leftJoin(takenBy, eq(takenBy.id, contacts.takenById))
    .leftJoin(teams, eq(teams.id, contacts.passedToTeamId))
    .innerJoin(receivedBy, eq(receivedBy.id, contacts.receivedById))
    .where(eq(contacts.personId, personId))
    .orderBy(desc(contacts.receivedAt))
    .limit(limit);
}

export function checkBacksDue(db: Db, workerId: string, by: string) {
  return db
    .select({
      id: contacts.id,
      personId: contacts.personId,
      checkBackOn: contacts.checkBackOn,
      resolutionDetail: contacts.resolutionDetail,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
    })
    .from(contacts)
    .innerJoin(people, eq(people.id, contacts.personId))
    .where(
      and(
        eq(contacts.receivedById, workerId),
        isNotNull(contacts.checkBackOn),
        isNull(contacts.checkBackDoneAt),
        lte(contacts.checkBackOn, by),
      ),
    )
    .orderBy(asc(contacts.checkBackOn))
    .limit(50);
}

/** Contacts' check backs past their date, not done, recorded by a team's workers other than one (the manager, who has their own list). */
export function overdueCheckBacksInTeam(db: Db, teamId: string, exceptWorkerId: string, today: string) {
  return db
    .select({
      id: contacts.id,
      personId: contacts.personId,
      checkBackOn: contacts.checkBackOn,
      resolutionDetail: contacts.resolutionDetail,
      workerName: receivedBy.name,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
      restricted: people.restricted,
    })
    .from(contacts)
    .innerJoin(receivedBy, eq(receivedBy.id, contacts.receivedById))
    .innerJoin(people, eq(people.id, contacts.personId))
    .where(
      and(
        eq(receivedBy.teamId, teamId),
        ne(receivedBy.id, exceptWorkerId),
        isNotNull(contacts.checkBackOn),
        isNull(contacts.checkBackDoneAt),
        lt(contacts.checkBackOn, today),
      ),
    )
    .orderBy(asc(contacts.checkBackOn))
    .limit(50);
}

export function markCheckBackDone(db: Db, id: string, workerId: string, now: Date) {
  return db
    .update(contacts)
    .set({ checkBackDoneAt: now })
    .where(
      and(
        eq(contacts.id, id),
        eq(contacts.receivedById, workerId),
        isNotNull(contacts.checkBackOn),
        isNull(contacts.checkBackDoneAt),
      ),
    )
    .returning()
    .then((r) => r[0] ?? null);
}

/** Whether Hearth already knew the person: an earlier contact or conversation. */
export async function knownBefore(db: Db, personId: string, before: Date) {
  const [c] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.personId, personId), lt(contacts.receivedAt, before)));
  if (c.n > 0) return true;
  const [v] = await db
    .select({ n: count() })
    .from(conversations)
    .where(and(eq(conversations.personId, personId), lt(conversations.occurredAt, before)));
  return v.n > 0;
}

/**
 * Urgent contacts still not taken after the allowed time, marked escalated in one statement
 * (so two instances never escalate the same one twice).
 */
export function escalateOverdue(db: Db, now: Date, cutoff: Date) {
  return db
    .update(contacts)
    .set({ escalatedAt: now })
    .where(
      and(
        ne(contacts.urgency, 'none'),
        eq(contacts.outcome, 'passed'),
        isNull(contacts.takenAt),
        isNull(contacts.escalatedAt),
        lt(contacts.receivedAt, cutoff),
      ),
    )
    .returning({
      id: contacts.id,
      teamId: contacts.passedToTeamId,
      personId: contacts.personId,
      urgency: contacts.urgency,
    });
}

/**
 * Contacts that are not urgent, still not taken, that came in before the cutoff, marked in one
 * statement (so two instances never bring the same one to the manager twice).
 */
export function escalateLongWaiting(db: Db, now: Date, cutoff: Date) {
  return db
    .update(contacts)
    .set({ waitingEscalatedAt: now })
    .where(
      and(
        eq(contacts.urgency, 'none'),
        eq(contacts.outcome, 'passed'),
        isNull(contacts.takenAt),
        isNull(contacts.waitingEscalatedAt),
        lt(contacts.receivedAt, cutoff),
      ),
    )
    .returning({ id: contacts.id, teamId: contacts.passedToTeamId, receivedAt: contacts.receivedAt });
}

/**
 * Hours from each contact to the first conversation with the person after it (not the
 * front-door conversation itself: see contacts.first_conversation_at), by the team it was passed to.
 */
export function timeToFirstConversation(db: Db, from: Date, to: Date, teamId?: string) {
  return db
    .select({
      teamId: contacts.passedToTeamId,
      teamName: teams.name,
      contacts: sql<number>`count(*)::int`,
      reached: sql<number>`count(${contacts.firstConversationAt})::int`,
      medianHours: sql<
        number | null
      >`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${contacts.firstConversationAt} - ${contacts.receivedAt})) / 3600)::numeric, 1)::float`,
    })
    .from(contacts)
    .innerJoin(teams, eq(teams.id, contacts.passedToTeamId))
    .where(
      and(
        eq(contacts.outcome, 'passed'),
        gte(contacts.receivedAt, from),
        lt(contacts.receivedAt, to),
        teamId ? eq(contacts.passedToTeamId, teamId) : undefined,
      ),
    )
    .groupBy(contacts.passedToTeamId, teams.name)
    .orderBy(asc(teams.name));
}

export function waitingSummary(db: Db, teamId: string, now: Date) {
  return db
    .select({
      waiting: sql<number>`count(*)::int`,
      urgent: sql<number>`count(*) FILTER (WHERE ${contacts.urgency} <> 'none')::int`,
      oldest: sql<Date | null>`min(${contacts.receivedAt})`.mapWith(contacts.receivedAt),
      medianWaitHours: sql<
        number | null
      >`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${now}::timestamptz - ${contacts.receivedAt})) / 3600)::numeric, 1)::float`,
    })
    .from(contacts)
    .where(and(eq(contacts.passedToTeamId, teamId), eq(contacts.outcome, 'passed'), isNull(contacts.takenAt)))
    .then((r) => r[0]);
}

/** Waiting in every team: the managers' view. */
export function waitingByTeam(db: Db, now: Date) {
  return db
    .select({
      teamId: teams.id,
      teamName: teams.name,
      waiting: sql<number>`count(${contacts.id})::int`,
      urgent: sql<number>`count(${contacts.id}) FILTER (WHERE ${contacts.urgency} <> 'none')::int`,
      oldest: sql<Date | null>`min(${contacts.receivedAt})`.mapWith(contacts.receivedAt),
      longestWaitHours: sql<
        number | null
      >`round((extract(epoch FROM ${now}::timestamptz - min(${contacts.receivedAt})) / 3600)::numeric, 1)::float`,
    })
    .from(teams)
    .leftJoin(
      contacts,
      and(eq(contacts.passedToTeamId, teams.id), eq(contacts.outcome, 'passed'), isNull(contacts.takenAt)),
    )
    .where(
      and(
        eq(teams.active, true),
        or(
          eq(teams.kind, 'locality'),
          eq(teams.kind, 'first_contact'),
          eq(teams.kind, 'out_of_hours'),
          eq(teams.kind, 'hospital'),
        ),
      ),
    )
    .groupBy(teams.id, teams.name)
    .orderBy(asc(teams.name));
}

export function report(db: Db, from: Date, to: Date, today: string) {
  const inPeriod = and(gte(contacts.receivedAt, from), lt(contacts.receivedAt, to));
  return Promise.all([
    db
      .select({
        channel: contacts.channel,
        n: sql<number>`count(*)::int`,
        notKnown: sql<number>`count(*) FILTER (WHERE NOT ${contacts.personWasKnown})::int`,
      })
      .from(contacts)
      .where(inPeriod)
      .groupBy(contacts.channel),
    db
      .select({
        total: sql<number>`count(*)::int`,
        resolved: sql<number>`count(*) FILTER (WHERE ${contacts.outcome} = 'resolved')::int`,
        notKnown: sql<number>`count(*) FILTER (WHERE NOT ${contacts.personWasKnown})::int`,
        urgent: sql<number>`count(*) FILTER (WHERE ${contacts.urgency} <> 'none')::int`,
        checkBacksSet: sql<number>`count(${contacts.checkBackOn})::int`,
        checkBacksDone: sql<number>`count(${contacts.checkBackDoneAt})::int`,
        checkBacksDue: sql<number>`count(*) FILTER (WHERE ${contacts.checkBackOn} <= ${today} AND ${contacts.checkBackDoneAt} IS NULL)::int`,
      })
      .from(contacts)
      .where(inPeriod)
      .then((r) => r[0]),
  ]);
}
