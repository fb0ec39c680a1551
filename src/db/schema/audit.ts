import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only (triggers refuse UPDATE and DELETE) and hash-chained:
 * a BEFORE INSERT trigger takes a lock, numbers the row and sets `hash` over the row and
 * the previous row's hash (see migration 0002), so an edited or removed row is detectable.
 * No foreign keys: the trail outlives whatever it describes.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    workerId: uuid('worker_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    personId: uuid('person_id'),
    requestId: text('request_id'),
    reason: text('reason'),
    details: jsonb('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_worker_idx').on(t.workerId, t.id),
    index('audit_events_person_idx').on(t.personId, t.id),
    index('audit_events_occurred_idx').on(t.occurredAt),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
