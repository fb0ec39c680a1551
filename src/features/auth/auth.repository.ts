import { and, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { signInFailures } from '../../db/schema/index.js';

/** Who is signing in: a keyed hash of the typed email, and the client's address. */
export interface SignInKey {
  account: string;
  address: string;
}

export interface FailureCounts {
  /** This account from this address. */
  pair: number;
  /** This account from anywhere. */
  account: number;
  /** This address, for any account. */
  address: number;
}

/** Failures since `since`, leaving out the row `exceptId` (an attempt's own). */
export async function countFailures(db: Db, key: SignInKey, since: Date, exceptId = 0): Promise<FailureCounts> {
  const forAccount = eq(signInFailures.account, key.account);
  const fromAddress = eq(signInFailures.address, key.address);
  const [row] = await db
    .select({
      pair: sql<number>`count(*) filter (where ${and(forAccount, fromAddress)})::int`,
      account: sql<number>`count(*) filter (where ${forAccount})::int`,
      address: sql<number>`count(*) filter (where ${fromAddress})::int`,
    })
    .from(signInFailures)
    .where(and(or(forAccount, fromAddress), gt(signInFailures.failedAt, since), ne(signInFailures.id, exceptId)));
  return row;
}

export async function addFailure(db: Db, key: SignInKey, at: Date): Promise<number> {
  const [row] = await db
    .insert(signInFailures)
    .values({ ...key, failedAt: at })
    .returning({ id: signInFailures.id });
  return row.id;
}

export async function removeFailure(db: Db, id: number) {
  await db.delete(signInFailures).where(eq(signInFailures.id, id));
}

/** Every failure of this account from this address. */
export async function clearFailures(db: Db, key: SignInKey) {
  await db
    .delete(signInFailures)
    .where(and(eq(signInFailures.account, key.account), eq(signInFailures.address, key.address)));
}

export async function deleteFailuresBefore(db: Db, before: Date) {
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, before));
}
