import type { Db } from '../../db/client.js';
import type { Worker } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, StaleVersion } from '../../platform/forms.js';
import { endSessionsOf } from '../../platform/sessions.js';
import { refuseUnknownOrganisationOrTeam } from '../teams/teams.service.js';
import { checkPassword, hashPassword } from './passwords.js';
import * as repo from './workers.repository.js';
import type { EditWorkerInput, NewWorkerInput } from './workers.forms.js';

export type { WorkerFilter } from './workers.repository.js';

function mustAdminister(ctx: Ctx) {
  if (ctx.worker.role !== 'admin') throw new AccessDenied();
}

/** Sign-in: the active worker with this email and password, or null. Reveals nothing else. */
export async function verifyCredentials(db: Db, email: string, password: string) {
  const worker = await repo.findByEmail(db, email);
  const ok = await checkPassword(worker?.active ? worker.passwordHash : null, password);
  return { worker: ok ? worker : null, attemptedWorkerId: worker?.id ?? null };
}

export function recordSignIn(db: Db, id: string, now: Date) {
  return repo.setLastSignedIn(db, id, now);
}

export async function listWorkers(ctx: Ctx, filter: repo.WorkerFilter, page: number, pageSize = 50) {
  mustAdminister(ctx);
  const result = await repo.list(ctx.db, filter, pageSize, (page - 1) * pageSize);
  await ctx.audit({ action: 'read', entity: 'worker_list', details: { results: result.rows.length } });
  return result;
}

export async function getWorker(ctx: Ctx, id: string) {
  mustAdminister(ctx);
  const worker = await repo.findById(ctx.db, id);
  if (!worker) throw new NotFound();
  await ctx.audit({ action: 'read', entity: 'worker', entityId: id });
  return { worker, hasRecords: await repo.hasRecords(ctx.db, id) };
}

async function refuseTakenEmail(db: Db, email: string, exceptId?: string) {
  const existing = await repo.findByEmail(db, email);
  if (existing && existing.id !== exceptId)
    throw new FormRefused('email', 'Another worker already uses this email address');
}

export async function createWorker(ctx: Ctx, input: NewWorkerInput) {
  mustAdminister(ctx);
  await refuseTakenEmail(ctx.db, input.email);
  await refuseUnknownOrganisationOrTeam(ctx.db, input.organisationId, input.teamId);
  const { password, ...fields } = input;
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const worker = await repo.insert(tx, { ...fields, passwordHash });
    await ctx.audit({ action: 'create', entity: 'worker', entityId: worker.id, details: { role: worker.role } }, tx);
    return worker;
  });
}

export async function updateWorker(ctx: Ctx, id: string, input: EditWorkerInput) {
  mustAdminister(ctx);
  const current = await repo.findById(ctx.db, id);
  if (!current) throw new NotFound();
  await refuseTakenEmail(ctx.db, input.email, id);
  await refuseUnknownOrganisationOrTeam(ctx.db, input.organisationId, input.teamId);
  if (id === ctx.worker.id && input.role !== 'admin') {
    throw new FormRefused('role', 'You cannot remove your own administrator role: ask another administrator');
  }
  const { version, password, ...fields } = input;
  const changes = { ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.update(tx, id, version, changes, ctx.now);
    if (!saved) throw new StaleVersion(current);
    const changed = Object.keys(fields).filter(
      (k) => String(fields[k as keyof typeof fields]) !== String(current[k as keyof Worker]),
    );
    if (password) changed.push('password');
    await ctx.audit({ action: 'update', entity: 'worker', entityId: id, details: { changed } }, tx);
    if (password || fields.role !== current.role) await endSessionsOf(tx, id);
    return saved;
  });
}

export async function setWorkerActive(ctx: Ctx, id: string, active: boolean) {
  mustAdminister(ctx);
  if (id === ctx.worker.id) throw new FormRefused('active', 'You cannot deactivate your own account');
  const current = await repo.findById(ctx.db, id);
  if (!current) throw new NotFound();
  await ctx.db.transaction(async (tx) => {
    await repo.update(tx, id, current.version, { active }, ctx.now);
    await ctx.audit({ action: active ? 'reactivate' : 'deactivate', entity: 'worker', entityId: id }, tx);
    if (!active) await endSessionsOf(tx, id);
  });
}

/** Only an account that has never been used can be deleted; anyone who has worked here is deactivated instead. */
export async function deleteWorker(ctx: Ctx, id: string) {
  mustAdminister(ctx);
  const current = await repo.findById(ctx.db, id);
  if (!current) throw new NotFound();
  if (await repo.hasRecords(ctx.db, id)) {
    throw new FormRefused(
      'delete',
      'This worker has used Hearth, so their account cannot be deleted. Deactivate it instead.',
    );
  }
  await ctx.db.transaction(async (tx) => {
    await repo.remove(tx, id);
    await ctx.audit({ action: 'delete', entity: 'worker', entityId: id }, tx);
  });
}

/** For the administrator's home page. */
export function activeWorkerCount(db: Db) {
  return repo.countActive(db);
}
