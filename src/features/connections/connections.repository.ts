import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { connections, directoryOrganisations, directoryServices, people, workers } from '../../db/schema/index.js';
import type { ConnectionOutcome } from './connections.forms.js';

export type NewConnection = typeof connections.$inferInsert;

const madeBy = alias(workers, 'made_by');
const followedUpBy = alias(workers, 'followed_up_by');

/** The resource a connection is to: enough to show and to refuse a withdrawn one. */
export function findService(db: Db, id: string) {
  return db
    .select({
      id: directoryServices.id,
      name: directoryServices.name,
      description: directoryServices.description,
      status: directoryServices.status,
      withdrawnAt: directoryServices.withdrawnAt,
      organizationName: directoryOrganisations.name,
    })
    .from(directoryServices)
    .leftJoin(directoryOrganisations, eq(directoryOrganisations.id, directoryServices.organizationId))
    .where(eq(directoryServices.id, id))
    .then((r) => r[0] ?? null);
}

/**
 * Inserts the connection only while its resource is listed: the resource's row is locked
 * for the insert, so a withdrawal at the same moment waits, or wins and nothing is stored.
 */
export async function insertIfListed(db: Db, row: NewConnection & { serviceId: string }) {
  const listed = await db
    .select({ id: directoryServices.id })
    .from(directoryServices)
    .where(and(eq(directoryServices.id, row.serviceId), isNull(directoryServices.withdrawnAt)))
    .for('share');
  if (!listed.length) return null;
  return db
    .insert(connections)
    .values(row)
    .returning()
    .then((r) => r[0]);
}

/** What the person was connected to: the resource's name, or the informal connection's. */
const connectedTo = sql<string>`coalesce(${directoryServices.name}, ${connections.informalName})`;

export function insertInformal(db: Db, row: NewConnection & { informalName: string }) {
  return db
    .insert(connections)
    .values(row)
    .returning()
    .then((r) => r[0]);
}

const listColumns = {
  id: connections.id,
  personId: connections.personId,
  serviceId: connections.serviceId,
  serviceName: connectedTo,
  informalDetail: connections.informalDetail,
  suggestedForDirectory: connections.suggestedForDirectory,
  serviceWithdrawnAt: directoryServices.withdrawnAt,
  conversationId: connections.conversationId,
  contactId: connections.contactId,
  reason: connections.reason,
  followUpOn: connections.followUpOn,
  madeAt: connections.madeAt,
  madeByName: madeBy.name,
  outcome: connections.outcome,
  outcomeNote: connections.outcomeNote,
  followedUpAt: connections.followedUpAt,
  followedUpByName: followedUpBy.name,
};

function list(db: Db) {
  return db
    .select(listColumns)
    .from(connections)
    .leftJoin(directoryServices, eq(directoryServices.id, connections.serviceId))
    .innerJoin(madeBy, eq(madeBy.id, connections.madeById))
    .leftJoin(followedUpBy, eq(followedUpBy.id, connections.followedUpById));
}

export type ConnectionRow = Awaited<ReturnType<typeof forPerson>>[number];

/** A person's connections, newest first. */
export function forPerson(db: Db, personId: string, limit: number) {
  return list(db)
    .where(eq(connections.personId, personId))
    .orderBy(desc(connections.madeAt), desc(connections.id))
    .limit(limit);
}

/** The connections made from one conversation or one contact, oldest first. */
export function fromSource(db: Db, source: { conversationId: string } | { contactId: string }) {
  const where =
    'conversationId' in source
      ? eq(connections.conversationId, source.conversationId)
      : eq(connections.contactId, source.contactId);
  return list(db).where(where).orderBy(asc(connections.madeAt), asc(connections.id));
}

/** One connection, everything about it. */
export function findConnection(db: Db, id: string) {
  return db
    .select({
      ...listColumns,
      personWill: connections.personWill,
      workerWill: connections.workerWill,
      providerWill: connections.providerWill,
      madeById: connections.madeById,
      organizationName: directoryOrganisations.name,
    })
    .from(connections)
    .leftJoin(directoryServices, eq(directoryServices.id, connections.serviceId))
    .leftJoin(directoryOrganisations, eq(directoryOrganisations.id, directoryServices.organizationId))
    .innerJoin(madeBy, eq(madeBy.id, connections.madeById))
    .leftJoin(followedUpBy, eq(followedUpBy.id, connections.followedUpById))
    .where(eq(connections.id, id))
    .then((r) => r[0] ?? null);
}

/** Just whose it is, for the access check before anything else is read. */
export function personOf(db: Db, id: string) {
  return db
    .select({ personId: connections.personId })
    .from(connections)
    .where(eq(connections.id, id))
    .then((r) => r[0]?.personId ?? null);
}

/** Records what came of it, once: a second answer (two workers at once) finds it already done. */
export function recordOutcome(
  db: Db,
  id: string,
  input: { outcome: ConnectionOutcome; outcomeNote: string | null },
  workerId: string,
  now: Date,
) {
  return db
    .update(connections)
    .set({ outcome: input.outcome, outcomeNote: input.outcomeNote, followedUpById: workerId, followedUpAt: now })
    .where(and(eq(connections.id, id), isNull(connections.outcome)))
    .returning()
    .then((r) => r[0] ?? null);
}

/**
 * Follow-ups due by a date and not yet recorded, for a worker's home page: those they made,
 * and those for people they are named worker for. Oldest first.
 */
export function dueFor(db: Db, workerId: string, by: string) {
  return db
    .select({
      id: connections.id,
      personId: connections.personId,
      followUpOn: connections.followUpOn,
      serviceName: connectedTo,
      madeById: connections.madeById,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
      restricted: people.restricted,
    })
    .from(connections)
    .innerJoin(people, eq(people.id, connections.personId))
    .leftJoin(directoryServices, eq(directoryServices.id, connections.serviceId))
    .where(
      and(
        isNull(connections.outcome),
        lte(connections.followUpOn, by),
        or(eq(connections.madeById, workerId), eq(people.namedWorkerId, workerId)),
      ),
    )
    .orderBy(asc(connections.followUpOn), asc(connections.madeAt))
    .limit(50);
}

/**
 * Informal connections suggested for the directory and not yet decided, oldest first, for its
 * editors: what it is and who suggested it, never the person or why.
 */
export function suggestions(db: Db, limit: number) {
  return db
    .select({
      id: connections.id,
      informalName: connections.informalName,
      informalDetail: connections.informalDetail,
      madeAt: connections.madeAt,
      madeByName: madeBy.name,
    })
    .from(connections)
    .innerJoin(madeBy, eq(madeBy.id, connections.madeById))
    .where(and(eq(connections.suggestedForDirectory, true), isNull(connections.suggestionHandledAt)))
    .orderBy(asc(connections.madeAt), asc(connections.id))
    .limit(limit);
}

/** Whether the id is of a connection suggested for the directory, decided or not. */
export function isSuggestion(db: Db, id: string) {
  return db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.id, id), eq(connections.suggestedForDirectory, true)))
    .then((r) => r.length > 0);
}

/** One suggestion not yet decided, or null. */
export function suggestion(db: Db, id: string) {
  return db
    .select({ id: connections.id, informalName: connections.informalName, informalDetail: connections.informalDetail })
    .from(connections)
    .where(
      and(eq(connections.id, id), eq(connections.suggestedForDirectory, true), isNull(connections.suggestionHandledAt)),
    )
    .then((r) => r[0] ?? null);
}

/** Marks a suggestion decided (added to the directory, or not for it), once. */
export function handleSuggestion(db: Db, id: string, now: Date) {
  return db
    .update(connections)
    .set({ suggestionHandledAt: now })
    .where(
      and(eq(connections.id, id), eq(connections.suggestedForDirectory, true), isNull(connections.suggestionHandledAt)),
    )
    .returning({ id: connections.id })
    .then((r) => r[0] ?? null);
}
