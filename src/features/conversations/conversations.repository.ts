import { and, asc, desc, eq, gte, isNotNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  conversationAmendments,
  conversations,
  drafts,
  jargonTerms,
  people,
  workers,
  type ConversationKind,
} from '../../db/schema/index.js';

export function insertConversation(db: Db, c: typeof conversations.$inferInsert) {
  return db
    .insert(conversations)
    .values(c)
    .returning()
    .then((r) => r[0]);
}

export function findBySubmissionKey(db: Db, key: string) {
  return db
    .select()
    .from(conversations)
    .where(eq(conversations.submissionKey, key))
    .then((r) => r[0] ?? null);
}

export function findConversation(db: Db, id: string) {
  return db
    .select({ conversation: conversations, authorName: workers.name, authorJobTitle: workers.jobTitle })
    .from(conversations)
    .innerJoin(workers, eq(workers.id, conversations.authorId))
    .where(eq(conversations.id, id))
    .then((r) => r[0] ?? null);
}

/** A conversation's corrections, oldest first: the team around the person reads them with a shared conversation too. */
export function amendments(db: Db, conversationId: string) {
  return db
    .select({
      id: conversationAmendments.id,
      reason: conversationAmendments.reason,
      correction: conversationAmendments.correction,
      createdAt: conversationAmendments.createdAt,
      authorName: workers.name,
    })
    .from(conversationAmendments)
    .innerJoin(workers, eq(workers.id, conversationAmendments.authorId))
    .where(eq(conversationAmendments.conversationId, conversationId))
    .orderBy(asc(conversationAmendments.createdAt));
}

export function insertAmendment(db: Db, a: typeof conversationAmendments.$inferInsert) {
  return db
    .insert(conversationAmendments)
    .values(a)
    .returning()
    .then((r) => r[0]);
}

/** A person's conversations, newest first, optionally of one kind, with how many amendments each has. */
export function forPerson(db: Db, personId: string, kind: ConversationKind | undefined, limit: number, offset: number) {
  return db
    .select({
      id: conversations.id,
      kind: conversations.kind,
      occurredAt: conversations.occurredAt,
      place: conversations.place,
      whatHappensNext: conversations.whatHappensNext,
      checkBackOn: conversations.checkBackOn,
      authorName: workers.name,
      amendments: sql<number>`(SELECT count(*)::int FROM conversation_amendments a WHERE a.conversation_id = ${conversations.id})`,
    })
    .from(conversations)
    .innerJoin(workers, eq(workers.id, conversations.authorId))
    .where(
      kind
        ? and(eq(conversations.personId, personId), eq(conversations.kind, kind))
        : eq(conversations.personId, personId),
    )
    .orderBy(desc(conversations.occurredAt))
    .limit(limit)
    .offset(offset);
}

export function upsertDraft(
  db: Db,
  workerId: string,
  personId: string,
  kind: string,
  data: Record<string, string>,
  now: Date,
) {
  return db
    .insert(drafts)
    .values({ workerId, personId, kind, data, updatedAt: now, createdAt: now })
    .onConflictDoUpdate({ target: [drafts.workerId, drafts.kind, drafts.personId], set: { data, updatedAt: now } })
    .returning()
    .then((r) => r[0]);
}

export function findDraft(db: Db, workerId: string, personId: string, kind: string) {
  return db
    .select()
    .from(drafts)
    .where(and(eq(drafts.workerId, workerId), eq(drafts.personId, personId), eq(drafts.kind, kind)))
    .then((r) => r[0] ?? null);
}

export function deleteDraft(db: Db, workerId: string, personId: string, kind: string) {
  return db
    .delete(drafts)
    .where(and(eq(drafts.workerId, workerId), eq(drafts.personId, personId), eq(drafts.kind, kind)));
}

/** A worker's unfinished drafts, for their home page. */
export function draftsOf(db: Db, workerId: string) {
  return db
    .select({
      id: drafts.id,
      kind: drafts.kind,
      personId: drafts.personId,
      updatedAt: drafts.updatedAt,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
    })
    .from(drafts)
    .leftJoin(people, eq(people.id, drafts.personId))
    .where(eq(drafts.workerId, workerId))
    .orderBy(desc(drafts.updatedAt))
    .limit(50);
}

/** Check backs the worker set that are due by a date and not yet done (no conversation with the person since), oldest first. */
export function checkBacksDue(db: Db, workerId: string, by: string) {
  return db
    .select({
      id: conversations.id,
      personId: conversations.personId,
      checkBackOn: conversations.checkBackOn,
      whatHappensNext: conversations.whatHappensNext,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
    })
    .from(conversations)
    .innerJoin(people, eq(people.id, conversations.personId))
    .where(
      and(
        eq(conversations.authorId, workerId),
        isNotNull(conversations.checkBackOn),
        lte(conversations.checkBackOn, by),
        sql`NOT EXISTS (SELECT 1 FROM conversations later WHERE later.person_id = ${conversations.personId} AND later.occurred_at > ${conversations.occurredAt})`,
      ),
    )
    .orderBy(asc(conversations.checkBackOn))
    .limit(50);
}

/** Check backs past their date, not yet followed by a conversation, of a team's workers other than one (the manager, who has their own list). */
export function overdueCheckBacksInTeam(db: Db, teamId: string, exceptWorkerId: string, today: string) {
  return db
    .select({
      id: conversations.id,
      personId: conversations.personId,
      checkBackOn: conversations.checkBackOn,
      whatHappensNext: conversations.whatHappensNext,
      workerName: workers.name,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
      restricted: people.restricted,
    })
    .from(conversations)
    .innerJoin(workers, eq(workers.id, conversations.authorId))
    .innerJoin(people, eq(people.id, conversations.personId))
    .where(
      and(
        eq(workers.teamId, teamId),
        ne(workers.id, exceptWorkerId),
        isNotNull(conversations.checkBackOn),
        lt(conversations.checkBackOn, today),
        sql`NOT EXISTS (SELECT 1 FROM conversations later WHERE later.person_id = ${conversations.personId} AND later.occurred_at > ${conversations.occurredAt})`,
      ),
    )
    .orderBy(asc(conversations.checkBackOn))
    .limit(50);
}

/** Check backs still ahead for a person. */
export function upcomingForPerson(db: Db, personId: string, from: string) {
  return db
    .select({
      id: conversations.id,
      checkBackOn: conversations.checkBackOn,
      whatHappensNext: conversations.whatHappensNext,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.personId, personId),
        isNotNull(conversations.checkBackOn),
        gte(conversations.checkBackOn, from),
      ),
    )
    .orderBy(asc(conversations.checkBackOn))
    .limit(5);
}

export function jargon(db: Db) {
  return db
    .select()
    .from(jargonTerms)
    .orderBy(asc(sql`lower(${jargonTerms.term})`));
}

export function insertJargon(db: Db, term: string, plainer: string) {
  return db
    .insert(jargonTerms)
    .values({ term, plainer })
    .onConflictDoNothing()
    .returning()
    .then((r) => r[0] ?? null);
}

export function deleteJargon(db: Db, id: string) {
  return db
    .delete(jargonTerms)
    .where(eq(jargonTerms.id, id))
    .returning()
    .then((r) => r[0] ?? null);
}
