import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, organisations, teams, workers, type Role } from '../../db/schema/index.js';

export type NewWorker = typeof workers.$inferInsert;

export function findByEmail(db: Db, email: string) {
  return db
    .select()
    .from(workers)
    .where(sql`lower(${workers.email}) = ${email.trim().toLowerCase()}`)
    .then((r) => r[0] ?? null);
}

export function findById(db: Db, id: string) {
  return db
    .select()
    .from(workers)
    .where(eq(workers.id, id))
    .then((r) => r[0] ?? null);
}

export interface WorkerFilter {
  q?: string;
  role?: Role;
  teamId?: string;
  includeInactive?: boolean;
}

export async function list(db: Db, f: WorkerFilter, limit: number, offset: number) {
  const conditions: SQL[] = [];
  if (!f.includeInactive) conditions.push(eq(workers.active, true));
  if (f.role) conditions.push(eq(workers.role, f.role));
  if (f.teamId) conditions.push(eq(workers.teamId, f.teamId));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    conditions.push(or(ilike(workers.name, like), ilike(workers.email, like))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: workers.id,
        name: workers.name,
        email: workers.email,
        role: workers.role,
        active: workers.active,
        teamName: teams.name,
        organisationName: organisations.name,
        lastSignedInAt: workers.lastSignedInAt,
      })
      .from(workers)
      .leftJoin(teams, eq(teams.id, workers.teamId))
      .innerJoin(organisations, eq(organisations.id, workers.organisationId))
      .where(where)
      .orderBy(asc(workers.name), asc(workers.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(workers).where(where),
  ]);
  return { rows, total };
}

export function insert(db: Db, w: NewWorker) {
  return db
    .insert(workers)
    .values(w)
    .returning()
    .then((r) => r[0]);
}

/** Updates only if the version still matches; returns null when someone else saved first. */
export function update(db: Db, id: string, version: number, changes: Partial<NewWorker>, now: Date) {
  return db
    .update(workers)
    .set({ ...changes, version: sql`${workers.version} + 1`, updatedAt: now })
    .where(and(eq(workers.id, id), eq(workers.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** Not an edit of the worker's details, so the version stays. */
export function setLastSignedIn(db: Db, id: string, now: Date) {
  return db.update(workers).set({ lastSignedInAt: now }).where(eq(workers.id, id));
}

/** Whether the worker has done anything recorded in the audit trail (signed in, read, wrote). */
export async function hasRecords(db: Db, id: string): Promise<boolean> {
  const r = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.workerId, id)).limit(1);
  return r.length > 0;
}

export function remove(db: Db, id: string) {
  return db.delete(workers).where(eq(workers.id, id));
}

export function countActive(db: Db) {
  return db
    .select({ n: count() })
    .from(workers)
    .where(eq(workers.active, true))
    .then((r) => r[0].n);
}
