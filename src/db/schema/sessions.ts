import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
