import type { Ctx } from '../../platform/auth.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { AccessDenied } from '../../platform/errors.js';
import { describeAuditEvent } from './audit-trail.labels.js';
import * as repo from './audit-trail.repository.js';

export type { AuditFilter } from './audit-trail.repository.js';

function mustAdminister(ctx: Ctx) {
  if (ctx.worker.role !== 'admin') throw new AccessDenied();
}

export async function browse(ctx: Ctx, filter: repo.AuditFilter, page: number, pageSize = 50) {
  mustAdminister(ctx);
  const rows = await repo.listEvents(ctx.db, filter, pageSize, (page - 1) * pageSize);
  await ctx.audit({
    action: 'read',
    entity: 'audit_trail',
    personId: filter.personId ?? null,
    details: { workerId: filter.workerId ?? null, from: filter.from ?? null, to: filter.to ?? null, page },
  });
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}

export async function verify(ctx: Ctx) {
  mustAdminister(ctx);
  const result = await verifyAuditChain(ctx.db);
  await ctx.audit({
    action: 'verify',
    entity: 'audit_trail',
    details: { rows: result.rows, intact: !result.firstBreak },
  });
  return result;
}

/** Who has looked at or changed a person's record. The caller has already checked access to the person. */
export async function lookedAt(ctx: Ctx, personId: string, page: number, pageSize = 50) {
  const rows = await repo.listEvents(ctx.db, { personId }, pageSize, (page - 1) * pageSize);
  await ctx.audit({ action: 'read', entity: 'person_audit', entityId: personId, personId });
  return {
    rows: rows.slice(0, pageSize).map((r) => ({ ...r, what: describeAuditEvent(r.action, r.entity) })),
    hasNext: rows.length > pageSize,
  };
}
