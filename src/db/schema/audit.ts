import { bigint, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail. Append-only (triggers refuse UPDATE and DELETE) and hash-chained:
 * a BEFORE INSERT trigger takes its strand's lock, numbers the row and sets `hash` over the
 * row and the previous row's hash in the same strand (migrations 0002 and 0011), so an
 * edited or removed row is detectable. Eight strands let eight transactions commit at once.
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
    /** Which of the chain's strands the row extends (set by the trigger). */
    strand: smallint('strand').notNull().default(0),
  },
  (t) => [
    index('audit_events_worker_idx').on(t.workerId, t.id),
    index('audit_events_person_idx').on(t.personId, t.id),
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_strand_idx').on(t.strand, t.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
