// Messages on a worker's home page ("For your attention"): any feature may leave one, inside its
// own transaction, and the worker marks it done.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/client.js';
import { notifications, workers } from '../db/schema/index.js';
import { NotFound } from './errors.js';
import { idParams } from './params.js';

type Message = Pick<typeof notifications.$inferInsert, 'workerId' | 'message' | 'link' | 'createdAt'>;

/** Messages for several workers at once (nothing is written for none). */
export function notify(db: Db, rows: Message[]) {
  return rows.length ? db.insert(notifications).values(rows) : Promise.resolve();
}

/** A message on a worker's home page, left at `at` (the service's clock; the database's if not given). */
export function notifyWorker(db: Db, workerId: string, message: string, link: string, at?: Date) {
  return notify(db, [{ workerId, message, link, createdAt: at }]);
}

/** The active team managers of these teams. */
export function teamManagersOf(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: workers.id })
    .from(workers)
    .where(and(inArray(workers.teamId, teamIds), eq(workers.role, 'team_manager'), eq(workers.active, true)));
}

/** A message on the home page of each active team manager of these teams. */
export async function notifyTeamManagers(db: Db, teamIds: string[], message: string, link: string, at?: Date) {
  const managers = await teamManagersOf(db, teamIds);
  await notify(
    db,
    managers.map((m) => ({ workerId: m.id, message, link, createdAt: at })),
  );
}

/** A worker's unread messages, newest first. */
export function notificationsFor(db: Db, workerId: string, limit = 10) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.workerId, workerId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Takes messages about a person off a worker's home page, once they may no longer see that person. */
export function clearNotificationsAbout(db: Db, workerId: string, linkPrefix: string, now: Date) {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.workerId, workerId),
        isNull(notifications.readAt),
        sql`starts_with(${notifications.link}, ${linkPrefix})`,
      ),
    );
}

export default fp(
  async function notificationRoutes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    // A platform plugin (not encapsulated): the sign-in check is on this route alone.
    const options = { preHandler: app.requireWorker, schema: { params: idParams } };
    app.post('/notifications/:id/read', options, async (req, reply) => {
      const [marked] = await app.db
        .update(notifications)
        .set({ readAt: req.ctx.now })
        .where(and(eq(notifications.id, req.params.id), eq(notifications.workerId, req.ctx.worker.id)))
        .returning({ id: notifications.id });
      if (!marked) throw new NotFound();
      return reply.redirect('/', 303);
    });
  },
  { name: 'notifications', dependencies: ['auth'] },
);
