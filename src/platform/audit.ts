import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'session_ended'
  | 'read'
  | 'search'
  | 'create'
  | 'update'
  | 'deactivate'
  | 'reactivate'
  | 'delete'
  | 'export'
  | 'verify'
  | 'open_restricted'
  | 'amend';

export interface AuditEntry {
  action: AuditAction;
  /** What was read or changed: 'person', 'worker', 'team', 'audit_trail', ... */
  entity: string;
  entityId?: string | null;
  /** The person the record concerns, so their "who has looked at this" page can find it. */
  personId?: string | null;
  reason?: string | null;
  /** Never personal data: ids, counts, names of fields changed. */
  details?: Record<string, unknown> | null;
}

export interface Actor {
  workerId: string | null;
  requestId: string | null;
}

/**
 * Appends one row to the audit trail; pass a transaction to make it part of a change.
 * Outside a transaction, rows from concurrent requests are written together (see AuditBatch),
 * and the promise resolves once this row is committed.
 */
export async function writeAudit(db: Db, actor: Actor, e: AuditEntry): Promise<void> {
  if (db instanceof PgTransaction) return insertAuditRows(db as unknown as Db, [{ actor, e }]);
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = new AuditBatch(db)));
  return batch.add({ actor, e });
}

export interface AuditRow {
  actor: Actor;
  e: AuditEntry;
}

/** Appends many rows in one statement, in list order, inside the caller's transaction (a bulk load's). */
export function insertAuditRows(db: Db, rows: AuditRow[]): Promise<void> {
  // id, strand, prev_hash and hash are set by the chain trigger (migration 0011), row by row in list order.
  const values = rows.map(
    ({ actor, e }) => sql`(0, ${actor.workerId}, ${e.action}, ${e.entity}, ${e.entityId ?? null}, ${e.personId ?? null},
      ${actor.requestId}, ${e.reason ?? null}, ${e.details ? JSON.stringify(e.details) : null}::jsonb, '', '')`,
  );
  return db
    .execute(
      sql`INSERT INTO audit_events (id, worker_id, action, entity, entity_id, person_id, request_id, reason, details, prev_hash, hash)
      VALUES ${sql.join(values, sql`, `)}`,
    )
    .then(() => undefined);
}

/**
 * Group commit for the audit trail. The chain trigger lets one transaction extend a strand
 * of the chain at a time and holds its lock until commit, so one row per commit caps audited
 * requests at one disk flush per strand. Rows that arrive while a write is in flight wait and
 * go in the next write together: one lock, one flush, many rows, and each request still
 * answers only after its row is durable.
 */
class AuditBatch {
  private waiting: Array<AuditRow & { done: () => void; failed: (err: unknown) => void }> = [];
  private writing = false;

  constructor(private db: Db) {}

  add(row: AuditRow): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ ...row, done, failed });
      if (!this.writing) void this.write();
    });
  }

  private async write() {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, 200);
      try {
        await insertAuditRows(this.db, batch);
        batch.forEach((r) => r.done());
      } catch {
        // One bad row must not lose the others: write each on its own and report each.
        for (const r of batch) await insertAuditRows(this.db, [r]).then(r.done, r.failed);
      }
    }
    this.writing = false;
  }
}

const batches = new WeakMap<Db, AuditBatch>();

export interface ChainBreak {
  id: number;
  problem: string;
}

/**
 * Recomputes every row's hash in order, strand by strand. Returns the first row whose hash
 * or link does not match, or null when the chain is whole.
 */
export async function verifyAuditChain(db: Db): Promise<{ rows: number; firstBreak: ChainBreak | null }> {
  const result = await db.execute(sql`
    WITH chain AS (
      SELECT id, hash, prev_hash,
             lag(hash) OVER strand AS previous,
             lag(id) OVER strand AS previous_id,
             audit_row_hash(prev_hash, e) AS expected
      FROM audit_events e
      WINDOW strand AS (PARTITION BY strand ORDER BY id)
    )
    SELECT (SELECT count(*) FROM audit_events)::int AS rows, b.id, b.problem FROM (
      SELECT id,
        CASE
          WHEN hash <> expected THEN 'its contents do not match its hash (the row was altered)'
          WHEN prev_hash <> coalesce(previous, 'genesis') THEN 'it does not follow on from row ' || coalesce(previous_id::text, '(none)') || ' (a row before it was altered or removed)'
        END AS problem
      FROM chain
    ) b
    RIGHT JOIN (SELECT 1) one ON b.problem IS NOT NULL
    ORDER BY b.id NULLS LAST
    LIMIT 1`);
  const row = result.rows[0] as { rows: number; id: string | number | null; problem: string | null };
  return { rows: Number(row.rows), firstBreak: row.id == null ? null : { id: Number(row.id), problem: row.problem! } };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Audits one action by the signed-in worker in this request: one line in every feature. */
    audit(entry: AuditEntry, db?: Db): Promise<void>;
  }
}

export default fp(
  async function auditPlugin(app: FastifyInstance) {
    app.decorateRequest('audit', function audit(this: FastifyRequest, entry: AuditEntry, db?: Db) {
      return writeAudit(db ?? app.db, { workerId: this.worker?.id ?? null, requestId: this.id }, entry);
    });
  },
  { name: 'audit', dependencies: ['database'] },
);
