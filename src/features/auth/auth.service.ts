import { createHmac } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Worker } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { recordSignIn, verifyCredentials } from '../workers/workers.service.js';
import * as repo from './auth.repository.js';

/** Failed sign-ins are counted over this window. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/**
 * One account from anywhere (guessing spread over many addresses), or one address for any
 * account (one password sprayed over many accounts), may fail this many times the limit for an
 * account from one address. One office's shared address does not lock everyone out.
 */
const WIDER_LIMIT = 5;

export type SignInResult =
  { status: 'signed-in'; worker: Worker } | { status: 'wrong-details' } | { status: 'too-many-attempts' };

type SignInConfig = Pick<Config, 'sessionSecret' | 'signInAttemptsPer15Minutes'>;

/**
 * The account as a keyed hash of the typed email: what was typed may be a password in the
 * wrong box, or someone's personal address.
 */
function keyOf(config: SignInConfig, email: string, address: string): repo.SignInKey {
  const account = createHmac('sha256', config.sessionSecret).update(email.trim().toLowerCase()).digest('base64url');
  return { account, address };
}

function tooMany(f: repo.FailureCounts, limit: number) {
  return f.pair >= limit || f.account >= limit * WIDER_LIMIT || f.address >= limit * WIDER_LIMIT;
}

/**
 * Checks a sign-in and audits it either way. The caller learns only the worker, wrong details
 * (the same answer whether the account is missing, inactive or the password is wrong), or too
 * many failures in the last 15 minutes. Only failures count, in the database, so every instance
 * sees the same count and a restart does not reset it.
 */
export async function signIn(
  db: Db,
  config: SignInConfig,
  requestId: string,
  attempt: { email: string; password: string; address: string },
  now: Date,
): Promise<SignInResult> {
  const key = keyOf(config, attempt.email, attempt.address);
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const limit = config.signInAttemptsPer15Minutes;
  // Refused before the password is checked, and neither counted nor written.
  if (tooMany(await repo.countFailures(db, key, since), limit)) return { status: 'too-many-attempts' };
  // Counted as a failure until the password proves right, then counted again: of a burst of
  // simultaneous guesses each sees the ones before it, so no more than the limit get through.
  const pending = await repo.addFailure(db, key, now);
  if (tooMany(await repo.countFailures(db, key, since, pending), limit)) {
    await repo.removeFailure(db, pending);
    return { status: 'too-many-attempts' };
  }

  const { worker, attemptedWorkerId } = await verifyCredentials(db, attempt.email, attempt.password);
  if (!worker) {
    // The typed email is not kept: it may be someone's personal address typed by mistake.
    await writeAudit(db, { workerId: attemptedWorkerId, requestId }, { action: 'sign_in_failed', entity: 'session' });
    return { status: 'wrong-details' };
  }
  // A success counts for nothing, and clears this account's earlier slips from this address.
  await repo.clearFailures(db, key);
  await recordSignIn(db, worker.id, now);
  await writeAudit(db, { workerId: worker.id, requestId }, { action: 'sign_in', entity: 'session' });
  return { status: 'signed-in', worker };
}

/** Failures older than the window count for nothing: the background sweep removes them. */
export function forgetOldSignInFailures(db: Db, now: Date) {
  return repo.deleteFailuresBefore(db, new Date(now.getTime() - FAILURE_WINDOW_MS));
}

export function signOut(db: Db, requestId: string, workerId: string) {
  return writeAudit(db, { workerId, requestId }, { action: 'sign_out', entity: 'session' });
}
