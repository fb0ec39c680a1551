import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sessions } from '../db/schema/index.js';
import { preparedQuery, type Db } from '../db/client.js';
import { cookieName, cookieOptions } from './cookies.js';

declare module 'fastify' {
  interface Session {
    workerId?: string;
    signedInAt?: number;
    lastSeenAt?: number;
    /** Set when the last session ended by the idle time-out or its lifetime, for the sign-in page. */
    endedBecause?: 'idle' | 'lifetime';
  }
}

type StoredSession = Record<string, unknown> & { workerId?: string; lastSeenAt?: number; signedInAt?: number };
type Callback = (err?: unknown, session?: StoredSession | null) => void;

const sessionById = preparedQuery((db) =>
  db
    .select({ data: sessions.data })
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('session_by_id'),
);

/** Sessions live in the database, so any number of Hearth instances can share them. */
class DatabaseStore {
  constructor(
    private db: Db,
    private idleMs: number,
    private maxMs: number,
    private now: () => Date,
  ) {}

  private expiry(s: StoredSession): Date {
    const now = this.now().getTime();
    if (!s.workerId) return new Date(now + this.idleMs);
    return new Date(Math.min((s.lastSeenAt ?? now) + this.idleMs, (s.signedInAt ?? now) + this.maxMs));
  }

  set(id: string, session: StoredSession, cb: Callback) {
    const data = JSON.parse(JSON.stringify(session)) as StoredSession;
    const row = { id, workerId: data.workerId ?? null, data, expiresAt: this.expiry(data), updatedAt: this.now() };
    this.db
      .insert(sessions)
      .values(row)
      .onConflictDoUpdate({
        target: sessions.id,
        set: { workerId: row.workerId, data, expiresAt: row.expiresAt, updatedAt: row.updatedAt },
      })
      .then(() => cb(), cb);
  }

  get(id: string, cb: Callback) {
    sessionById(this.db)
      .execute({ id })
      .then((rows) => cb(null, (rows[0]?.data as StoredSession) ?? null), cb);
  }

  destroy(id: string, cb: Callback) {
    this.db
      .delete(sessions)
      .where(eq(sessions.id, id))
      .then(() => cb(), cb);
  }
}

export default fp(
  async function sessionsPlugin(app: FastifyInstance) {
    const { config } = app;
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret: config.sessionSecret,
      cookieName: cookieName(config, 'hearth_session'),
      store: new DatabaseStore(app.db, config.idleTimeoutMs, config.sessionMaxMs, app.clock) as never,
      // A session is stored only once something is put in it (signing in, or the reason the
      // last one ended), so visitors and failed sign-ins write nothing.
      saveUninitialized: false,
      rolling: false,
      // The server enforces the idle time-out and lifetime, whatever the browser keeps.
      cookie: cookieOptions(config),
    });

    const touchEveryMs = Math.min(60_000, config.idleTimeoutMs / 10);
    // Enforce the idle time-out and the absolute lifetime on the server, whatever the browser does.
    app.addHook('onRequest', async (req) => {
      const s = req.session;
      // Stylesheets, scripts and icons are not activity: they must not move the time-out.
      if (!s.workerId || req.url.startsWith('/public/') || req.url.startsWith('/assets/')) return;
      const now = app.clock().getTime();
      const idle = now - (s.lastSeenAt ?? 0) > config.idleTimeoutMs;
      const tooOld = now - (s.signedInAt ?? 0) > config.sessionMaxMs;
      if (idle || tooOld) {
        const workerId = s.workerId;
        await s.regenerate();
        req.session.endedBecause = idle ? 'idle' : 'lifetime';
        req.sessionEnded = { workerId, reason: idle ? 'idle' : 'lifetime' };
        return;
      }
      // Write the session back now and then (a tenth of the time-out, at most a minute), not on every request.
      if (now - (s.lastSeenAt ?? 0) > touchEveryMs || req.url === '/session/keep-alive') s.lastSeenAt = now;
    });

    // Expired sessions are removed in the background, by one instance each time.
    app.jobs.every(
      'sweep-sessions',
      10 * 60_000,
      async ({ db, now }) => {
        await db.delete(sessions).where(lt(sessions.expiresAt, now()));
      },
      { title: 'Remove expired sessions' },
    );
  },
  { name: 'sessions', dependencies: ['database', 'jobs'] },
);

/** Signs a worker out everywhere (used when an account is deactivated). */
export async function endSessionsOf(db: Db, workerId: string) {
  await db.delete(sessions).where(eq(sessions.workerId, workerId));
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionEnded?: { workerId: string; reason: 'idle' | 'lifetime' };
  }
}
