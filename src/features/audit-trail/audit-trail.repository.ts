import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, workers } from '../../db/schema/index.js';

export interface AuditFilter {
  workerId?: string;
  personId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** Newest first; one row more than asked for tells whether there is a next page. */
export function listEvents(db: Db, f: AuditFilter, limit: number, offset: number) {
  const conditions: SQL[] = [];
  if (f.workerId) conditions.push(eq(auditEvents.workerId, f.workerId));
  if (f.personId) conditions.push(eq(auditEvents.personId, f.personId));
  if (f.from) conditions.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) conditions.push(lt(auditEvents.occurredAt, f.to));
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      workerId: auditEvents.workerId,
      workerName: workers.name,
      action: auditEvents.action,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      personId: auditEvents.personId,
      requestId: auditEvents.requestId,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(workers, eq(workers.id, auditEvents.workerId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1)
    .offset(offset);
}
