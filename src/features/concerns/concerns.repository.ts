import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { concerns, contacts, organisations, teams, workers } from '../../db/schema/index.js';

export type NewConcern = typeof concerns.$inferInsert;

const passedToWorker = alias(workers, 'passed_to_worker');
const takenBy = alias(workers, 'taken_by');

export function insertConcern(db: Db, row: NewConcern) {
  return db
    .insert(concerns)
    .values(row)
    .returning()
    .then((r) => r[0]);
}

export function findBySubmissionKey(db: Db, key: string) {
  return db
    .select()
    .from(concerns)
    .where(eq(concerns.submissionKey, key))
    .then((r) => r[0] ?? null);
}

/** Who raised it: their name, job, organisation and team. */
const raiserColumns = {
  raiserName: workers.name,
  raiserJobTitle: workers.jobTitle,
  raiserOrganisation: organisations.name,
};

/** One concern, with who raised it and what became of it. */
export function findConcern(db: Db, id: string) {
  return db
    .select({
      concern: concerns,
      ...raiserColumns,
      passedToTeamName: teams.name,
      passedToWorkerName: passedToWorker.name,
      takenByName: takenBy.name,
      takenAt: contacts.takenAt,
      contactReceivedAt: contacts.receivedAt,
    })
    .from(concerns)
    .innerJoin(workers, eq(workers.id, concerns.raisedById))
    .innerJoin(organisations, eq(organisations.id, workers.organisationId))
    .leftJoin(contacts, eq(contacts.id, concerns.contactId))
    .leftJoin(teams, eq(teams.id, contacts.passedToTeamId))
    .leftJoin(passedToWorker, eq(passedToWorker.id, contacts.passedToWorkerId))
    .leftJoin(takenBy, eq(takenBy.id, contacts.takenById))
    .where(eq(concerns.id, id))
    .then((r) => r[0] ?? null);
}

/** Concerns waiting for the front door: urgent first, then oldest. */
export function waiting(db: Db, limit: number) {
  return db
    .select({
      id: concerns.id,
      aboutName: concerns.aboutName,
      urgency: concerns.urgency,
      raisedAt: concerns.raisedAt,
      ...raiserColumns,
    })
    .from(concerns)
    .innerJoin(workers, eq(workers.id, concerns.raisedById))
    .innerJoin(organisations, eq(organisations.id, workers.organisationId))
    .where(isNull(concerns.contactId))
    .orderBy(sql`${concerns.urgency} = 'none'`, asc(concerns.raisedAt), asc(concerns.id))
    .limit(limit);
}

/** The concerns a partner raised, newest first. */
export function raisedBy(db: Db, workerId: string, limit: number) {
  return db
    .select({
      id: concerns.id,
      aboutName: concerns.aboutName,
      raisedAt: concerns.raisedAt,
      contactId: concerns.contactId,
    })
    .from(concerns)
    .where(eq(concerns.raisedById, workerId))
    .orderBy(desc(concerns.raisedAt), desc(concerns.id))
    .limit(limit);
}

/** Links the contact the front door took from it, once: null when someone else took it first. */
export function linkContact(db: Db, id: string, contactId: string) {
  return db
    .update(concerns)
    .set({ contactId })
    .where(and(eq(concerns.id, id), isNull(concerns.contactId)))
    .returning({ id: concerns.id })
    .then((r) => r[0] ?? null);
}

export function organisationName(db: Db, id: string) {
  return db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id))
    .then((r) => r[0]?.name ?? '');
}
