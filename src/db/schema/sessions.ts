import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workers } from './organisations.js';

/** Server-side sessions: the cookie holds only a signed random id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    workerId: uuid('worker_id').references(() => workers.id, { onDelete: 'cascade' }),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt), index('sessions_worker_idx').on(t.workerId)],
);

/**
 * Failed sign-ins, counted in the database so every instance sees the same count and a
 * restart does not reset it. The account is a hash of the typed email (it may be a password
 * typed into the wrong box); the address is the client's.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    account: text('account').notNull(),
    address: text('address').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sign_in_failures_account_idx').on(t.account, t.failedAt),
    index('sign_in_failures_address_idx').on(t.address, t.failedAt),
  ],
);
