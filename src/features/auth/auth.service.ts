import type { Db } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import { recordSignIn, verifyCredentials } from '../workers/workers.service.js';

/**
 * Checks a sign-in and audits it either way. The caller learns only the worker or null:
 * the same answer whether the account is missing, inactive or the password is wrong.
 */
export async function signIn(db: Db, requestId: string, email: string, password: string, now: Date) {
  const { worker, attemptedWorkerId } = await verifyCredentials(db, email, password);
  if (!worker) {
    // The typed email is not kept: it may be someone's personal address typed by mistake.
    await writeAudit(db, { workerId: attemptedWorkerId, requestId }, { action: 'sign_in_failed', entity: 'session' });
    return null;
  }
  await recordSignIn(db, worker.id, now);
  await writeAudit(db, { workerId: worker.id, requestId }, { action: 'sign_in', entity: 'session' });
  return worker;
}

export function signOut(db: Db, requestId: string, workerId: string) {
  return writeAudit(db, { workerId, requestId }, { action: 'sign_out', entity: 'session' });
}
