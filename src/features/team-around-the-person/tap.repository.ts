import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  conversations,
  networkMembers,
  organisations,
  people,
  sharedConversations,
  tapSummaries,
  tapActions,
  tapActionUpdates,
  tapConsents,
  tapMeetings,
  tapMembers,
  taps,
  teams,
  workers,
  type TapActionStatus,
} from '../../db/schema/index.js';

export function tapOf(db: Db, personId: string) {
  return db
    .select()
    .from(taps)
    .where(eq(taps.personId, personId))
    .then((r) => r[0] ?? null);
}

export function insertTap(db: Db, t: typeof taps.$inferInsert) {
  return db
    .insert(taps)
    .values(t)
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function setClosed(db: Db, tapId: string, closedAt: Date | null) {
  return db
    .update(taps)
    .set({ closedAt })
    .where(eq(taps.id, tapId))
    .returning()
    .then((r) => r[0] ?? null);
}

/** The worker's place in a team, if they are in it now. */
export function activeMembership(db: Db, tapId: string, workerId: string) {
  return db
    .select()
    .from(tapMembers)
    .where(and(eq(tapMembers.tapId, tapId), eq(tapMembers.workerId, workerId), isNull(tapMembers.removedAt)))
    .then((r) => r[0] ?? null);
}

/** Everyone in the team now (or ever, with removed), with what the page shows of each. */
export function members(db: Db, tapId: string, opts: { withRemoved?: boolean } = {}) {
  return db
    .select({
      id: tapMembers.id,
      kind: tapMembers.kind,
      workerId: tapMembers.workerId,
      networkMemberId: tapMembers.networkMemberId,
      name: sql<string>`coalesce(${workers.name}, ${networkMembers.name}, ${tapMembers.name}, ${people.givenName} || ' ' || ${people.familyName})`,
      organisation: sql<string | null>`coalesce(${organisations.name}, ${tapMembers.organisation})`,
      organisationId: workers.organisationId,
      teamName: teams.name,
      role: sql<string | null>`coalesce(${workers.jobTitle}, ${networkMembers.relationship}, ${tapMembers.role})`,
      workerRole: workers.role,
      phone: sql<string | null>`coalesce(${workers.phone}, ${networkMembers.phone}, ${tapMembers.phone})`,
      email: sql<string | null>`coalesce(${workers.email}, ${networkMembers.email}, ${tapMembers.email})`,
      part: tapMembers.part,
      addedAt: tapMembers.addedAt,
      removedAt: tapMembers.removedAt,
    })
    .from(tapMembers)
    .innerJoin(taps, eq(taps.id, tapMembers.tapId))
    .leftJoin(workers, eq(workers.id, tapMembers.workerId))
    .leftJoin(organisations, eq(organisations.id, workers.organisationId))
    .leftJoin(teams, eq(teams.id, workers.teamId))
    .leftJoin(networkMembers, eq(networkMembers.id, tapMembers.networkMemberId))
    .leftJoin(people, and(eq(tapMembers.kind, 'person'), eq(people.id, taps.personId)))
    .where(
      opts.withRemoved ? eq(tapMembers.tapId, tapId) : and(eq(tapMembers.tapId, tapId), isNull(tapMembers.removedAt)),
    )
    .orderBy(
      sql`CASE ${tapMembers.kind} WHEN 'person' THEN 0 WHEN 'network' THEN 1 ELSE 2 END`,
      asc(tapMembers.addedAt),
    );
}

export function insertMember(db: Db, m: typeof tapMembers.$inferInsert) {
  return db
    .insert(tapMembers)
    .values(m)
    .returning()
    .then((r) => r[0]);
}

export function removeMember(db: Db, tapId: string, memberId: string, by: string, now: Date) {
  return db
    .update(tapMembers)
    .set({ removedAt: now, removedBy: by })
    .where(and(eq(tapMembers.id, memberId), eq(tapMembers.tapId, tapId), isNull(tapMembers.removedAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** The most recent sharing record; sharing is allowed only while it stands (not withdrawn). */
export function currentConsent(db: Db, tapId: string) {
  return db
    .select()
    .from(tapConsents)
    .where(eq(tapConsents.tapId, tapId))
    .orderBy(desc(tapConsents.recordedAt))
    .limit(1)
    .then((r) => r[0] ?? null);
}

/** The most recent sharing record of each of these teams, in one query (a partner's home page lists all theirs). */
export function currentConsents(db: Db, tapIds: string[]) {
  if (!tapIds.length) return Promise.resolve([]);
  return db
    .selectDistinctOn([tapConsents.tapId])
    .from(tapConsents)
    .where(inArray(tapConsents.tapId, tapIds))
    .orderBy(tapConsents.tapId, desc(tapConsents.recordedAt));
}

export function consentHistory(db: Db, tapId: string) {
  return db
    .select({ consent: tapConsents, recordedByName: workers.name })
    .from(tapConsents)
    .innerJoin(workers, eq(workers.id, tapConsents.recordedBy))
    .where(eq(tapConsents.tapId, tapId))
    .orderBy(desc(tapConsents.recordedAt));
}

export function insertConsent(db: Db, c: typeof tapConsents.$inferInsert) {
  return db
    .insert(tapConsents)
    .values(c)
    .returning()
    .then((r) => r[0]);
}

export function withdrawConsent(db: Db, tapId: string, consentId: string, by: string, reason: string, now: Date) {
  return db
    .update(tapConsents)
    .set({ withdrawnAt: now, withdrawnBy: by, withdrawnReason: reason })
    .where(and(eq(tapConsents.id, consentId), eq(tapConsents.tapId, tapId), isNull(tapConsents.withdrawnAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function organisationsById(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .orderBy(asc(organisations.name));
}

export function allOrganisations(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

/** Active workers who can join a team: council staff and partner practitioners, with their organisation. */
export function possibleMembers(db: Db) {
  return db
    .select({
      id: workers.id,
      name: workers.name,
      jobTitle: workers.jobTitle,
      organisationName: organisations.name,
      teamName: teams.name,
    })
    .from(workers)
    .innerJoin(organisations, eq(organisations.id, workers.organisationId))
    .leftJoin(teams, eq(teams.id, workers.teamId))
    .where(
      and(eq(workers.active, true), inArray(workers.role, ['practitioner', 'team_manager', 'front_door', 'partner'])),
    )
    .orderBy(asc(organisations.name), asc(workers.name));
}

export function findWorker(db: Db, id: string) {
  return db
    .select({
      id: workers.id,
      name: workers.name,
      active: workers.active,
      role: workers.role,
      organisationId: workers.organisationId,
    })
    .from(workers)
    .where(eq(workers.id, id))
    .then((r) => r[0] ?? null);
}

export function networkMember(db: Db, personId: string, id: string) {
  return db
    .select()
    .from(networkMembers)
    .where(and(eq(networkMembers.id, id), eq(networkMembers.personId, personId), isNull(networkMembers.removedAt)))
    .then((r) => r[0] ?? null);
}

// Meetings

export function meetings(db: Db, tapId: string) {
  return db.select().from(tapMeetings).where(eq(tapMeetings.tapId, tapId)).orderBy(desc(tapMeetings.startsAt));
}

export function meeting(db: Db, tapId: string, id: string) {
  return db
    .select()
    .from(tapMeetings)
    .where(and(eq(tapMeetings.id, id), eq(tapMeetings.tapId, tapId)))
    .then((r) => r[0] ?? null);
}

export function insertMeeting(db: Db, m: typeof tapMeetings.$inferInsert) {
  return db
    .insert(tapMeetings)
    .values(m)
    .returning()
    .then((r) => r[0]);
}

export function recordMeeting(
  db: Db,
  tapId: string,
  id: string,
  version: number,
  changes: Partial<typeof tapMeetings.$inferInsert>,
) {
  return db
    .update(tapMeetings)
    .set({ ...changes, version: sql`${tapMeetings.version} + 1` })
    .where(and(eq(tapMeetings.id, id), eq(tapMeetings.tapId, tapId), eq(tapMeetings.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

// Actions

const actionColumns = {
  id: tapActions.id,
  tapId: tapActions.tapId,
  meetingId: tapActions.meetingId,
  what: tapActions.what,
  ownerMemberId: tapActions.ownerMemberId,
  ownerWorkerId: tapMembers.workerId,
  ownerName: sql<string>`coalesce(${workers.name}, ${networkMembers.name}, ${tapMembers.name}, ${people.preferredName}, ${people.givenName})`,
  ownerOrganisation: sql<string | null>`coalesce(${organisations.name}, ${tapMembers.organisation})`,
  ownerRemoved: sql<boolean>`${tapMembers.removedAt} IS NOT NULL`,
  dueOn: tapActions.dueOn,
  howWeKnow: tapActions.howWeKnow,
  status: tapActions.status,
  completedOn: tapActions.completedOn,
  createdAt: tapActions.createdAt,
  version: tapActions.version,
};

function actionsQuery(db: Db) {
  return db
    .select(actionColumns)
    .from(tapActions)
    .innerJoin(tapMembers, eq(tapMembers.id, tapActions.ownerMemberId))
    .innerJoin(taps, eq(taps.id, tapActions.tapId))
    .leftJoin(workers, eq(workers.id, tapMembers.workerId))
    .leftJoin(organisations, eq(organisations.id, workers.organisationId))
    .leftJoin(networkMembers, eq(networkMembers.id, tapMembers.networkMemberId))
    .leftJoin(people, eq(people.id, taps.personId));
}

/** The plan: open actions first, soonest due first; then done and stopped ones. */
export function actions(db: Db, tapId: string) {
  return actionsQuery(db)
    .where(eq(tapActions.tapId, tapId))
    .orderBy(
      sql`CASE ${tapActions.status} WHEN 'open' THEN 0 ELSE 1 END`,
      asc(tapActions.dueOn),
      asc(tapActions.createdAt),
    );
}

export function action(db: Db, tapId: string, id: string) {
  return actionsQuery(db)
    .where(and(eq(tapActions.id, id), eq(tapActions.tapId, tapId)))
    .then((r) => r[0] ?? null);
}

export function insertAction(db: Db, a: typeof tapActions.$inferInsert) {
  return db
    .insert(tapActions)
    .values(a)
    .returning()
    .then((r) => r[0]);
}

export function updateActionStatus(
  db: Db,
  id: string,
  version: number,
  status: TapActionStatus,
  completedOn: string | null,
) {
  return db
    .update(tapActions)
    .set({ status, completedOn, version: sql`${tapActions.version} + 1` })
    .where(and(eq(tapActions.id, id), eq(tapActions.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function changeActionOwner(db: Db, id: string, version: number, ownerMemberId: string) {
  return db
    .update(tapActions)
    .set({ ownerMemberId, version: sql`${tapActions.version} + 1` })
    .where(and(eq(tapActions.id, id), eq(tapActions.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function insertActionUpdate(db: Db, u: typeof tapActionUpdates.$inferInsert) {
  return db
    .insert(tapActionUpdates)
    .values(u)
    .returning()
    .then((r) => r[0]);
}

export function actionUpdates(db: Db, actionId: string) {
  return db
    .select({
      id: tapActionUpdates.id,
      note: tapActionUpdates.note,
      status: tapActionUpdates.status,
      createdAt: tapActionUpdates.createdAt,
      byName: workers.name,
    })
    .from(tapActionUpdates)
    .innerJoin(workers, eq(workers.id, tapActionUpdates.workerId))
    .where(eq(tapActionUpdates.actionId, actionId))
    .orderBy(asc(tapActionUpdates.createdAt));
}

/** Open actions a worker owns, due before a date, with whose plan they are in. */
export function overdueOwnedBy(db: Db, workerId: string, today: string) {
  return db
    .select({
      id: tapActions.id,
      what: tapActions.what,
      dueOn: tapActions.dueOn,
      personId: taps.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
    })
    .from(tapActions)
    .innerJoin(tapMembers, eq(tapMembers.id, tapActions.ownerMemberId))
    .innerJoin(taps, eq(taps.id, tapActions.tapId))
    .innerJoin(people, eq(people.id, taps.personId))
    .where(
      and(
        eq(tapMembers.workerId, workerId),
        isNull(tapMembers.removedAt),
        eq(tapActions.status, 'open'),
        lt(tapActions.dueOn, today),
        isNull(taps.closedAt),
      ),
    )
    .orderBy(asc(tapActions.dueOn))
    .limit(50);
}

/** The teams a worker is in now, with the person, for their home page; whether sharing allows is checked by the caller. */
export function teamsOf(db: Db, workerId: string) {
  return db
    .select({
      tapId: taps.id,
      personId: taps.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
      postcode: people.postcode,
    })
    .from(tapMembers)
    .innerJoin(taps, eq(taps.id, tapMembers.tapId))
    .innerJoin(people, eq(people.id, taps.personId))
    .where(and(eq(tapMembers.workerId, workerId), isNull(tapMembers.removedAt), isNull(taps.closedAt)))
    .orderBy(asc(people.familyName), asc(people.givenName))
    .limit(100);
}

// Shared conversations

export function findConversation(db: Db, id: string) {
  return db
    .select({ id: conversations.id, personId: conversations.personId })
    .from(conversations)
    .where(eq(conversations.id, id))
    .then((r) => r[0] ?? null);
}

export function conversationToShare(db: Db, id: string) {
  return db
    .select({
      id: conversations.id,
      kind: conversations.kind,
      occurredAt: conversations.occurredAt,
      narrative: conversations.narrative,
      whatMatters: conversations.whatMatters,
      agreed: conversations.agreed,
      whatHappensNext: conversations.whatHappensNext,
    })
    .from(conversations)
    .where(eq(conversations.id, id))
    .then((r) => r[0] ?? null);
}

export function isShared(db: Db, conversationId: string) {
  return db
    .select()
    .from(sharedConversations)
    .where(eq(sharedConversations.conversationId, conversationId))
    .then((r) => r[0] ?? null);
}

/** Shares it, or confirms it again, as checked against this agreement. */
export function share(db: Db, conversationId: string, by: string, now: Date, consentId: string) {
  return db
    .insert(sharedConversations)
    .values({ conversationId, sharedBy: by, sharedAt: now, consentId })
    .onConflictDoUpdate({ target: sharedConversations.conversationId, set: { sharedBy: by, sharedAt: now, consentId } })
    .returning()
    .then((r) => r[0] ?? null);
}

export function unshare(db: Db, conversationId: string) {
  return db
    .delete(sharedConversations)
    .where(eq(sharedConversations.conversationId, conversationId))
    .returning()
    .then((r) => r[0] ?? null);
}

/**
 * The person's conversations shared with the team; with `underConsent`, only those checked
 * against that agreement (what partners may see).
 */
export function sharedConversationsOf(db: Db, personId: string, underConsent?: string) {
  return db
    .select({
      id: conversations.id,
      kind: conversations.kind,
      occurredAt: conversations.occurredAt,
      whatHappensNext: conversations.whatHappensNext,
      authorName: workers.name,
      sharedAt: sharedConversations.sharedAt,
      consentId: sharedConversations.consentId,
    })
    .from(sharedConversations)
    .innerJoin(conversations, eq(conversations.id, sharedConversations.conversationId))
    .innerJoin(workers, eq(workers.id, conversations.authorId))
    .where(
      and(
        eq(conversations.personId, personId),
        underConsent ? eq(sharedConversations.consentId, underConsent) : undefined,
      ),
    )
    .orderBy(desc(conversations.occurredAt))
    .limit(100);
}

/** One conversation shared with the team under this agreement. */
export function sharedConversation(db: Db, personId: string, id: string, underConsent: string) {
  return db
    .select({ conversation: conversations, authorName: workers.name, authorJobTitle: workers.jobTitle })
    .from(sharedConversations)
    .innerJoin(conversations, eq(conversations.id, sharedConversations.conversationId))
    .innerJoin(workers, eq(workers.id, conversations.authorId))
    .where(
      and(
        eq(conversations.id, id),
        eq(conversations.personId, personId),
        eq(sharedConversations.consentId, underConsent),
      ),
    )
    .then((r) => r[0] ?? null);
}

// What the team is told about the person

export function latestSummary(db: Db, tapId: string) {
  return db
    .select({ summary: tapSummaries, writtenByName: workers.name })
    .from(tapSummaries)
    .innerJoin(workers, eq(workers.id, tapSummaries.writtenBy))
    .where(eq(tapSummaries.tapId, tapId))
    .orderBy(desc(tapSummaries.writtenAt))
    .limit(1)
    .then((r) => (r[0] ? { ...r[0].summary, writtenByName: r[0].writtenByName } : null));
}

export function insertSummary(db: Db, values: typeof tapSummaries.$inferInsert) {
  return db
    .insert(tapSummaries)
    .values(values)
    .returning()
    .then((r) => r[0]);
}

/** Corrections to a shared conversation: shown with it, so the team reads what the record now says. */
export { amendments as amendmentsOf } from '../conversations/conversations.repository.js';

// The hub's view

/** Every team still open, with its person, how many agencies, and its actions' counts. */
export async function hubTeams(db: Db, today: string) {
  const r = await db.execute(sql`
    SELECT t.id, t.person_id, t.created_at, p.given_name, p.family_name, p.preferred_name, p.restricted,
      (SELECT count(DISTINCT coalesce(w.organisation_id::text, lower(m.organisation)))::int
         FROM tap_members m LEFT JOIN workers w ON w.id = m.worker_id
        WHERE m.tap_id = t.id AND m.removed_at IS NULL AND m.kind IN ('worker', 'practitioner')) AS agencies,
      (SELECT string_agg(DISTINCT coalesce(o.name, m.organisation), ', ')
         FROM tap_members m LEFT JOIN workers w ON w.id = m.worker_id LEFT JOIN organisations o ON o.id = w.organisation_id
        WHERE m.tap_id = t.id AND m.removed_at IS NULL AND m.kind IN ('worker', 'practitioner')) AS agency_names,
      (SELECT count(*)::int FROM tap_actions a WHERE a.tap_id = t.id AND a.status = 'done') AS done,
      (SELECT count(*)::int FROM tap_actions a WHERE a.tap_id = t.id AND a.status = 'done' AND a.completed_on <= a.due_on) AS done_on_time,
      (SELECT count(*)::int FROM tap_actions a WHERE a.tap_id = t.id AND a.status = 'open' AND a.due_on < ${today}) AS overdue,
      (SELECT count(*)::int FROM tap_actions a WHERE a.tap_id = t.id AND a.status = 'open') AS open
    FROM taps t JOIN people p ON p.id = t.person_id
    WHERE t.closed_at IS NULL
    ORDER BY t.created_at`);
  return (r.rows as Array<Record<string, unknown>>).map((x) => ({
    id: String(x.id),
    personId: String(x.person_id),
    createdAt: new Date(x.created_at as string),
    givenName: String(x.given_name),
    familyName: String(x.family_name),
    preferredName: (x.preferred_name as string | null) ?? null,
    restricted: Boolean(x.restricted),
    agencies: Number(x.agencies),
    agencyNames: (x.agency_names as string | null) ?? '',
    done: Number(x.done),
    doneOnTime: Number(x.done_on_time),
    overdue: Number(x.overdue),
    open: Number(x.open),
  }));
}
