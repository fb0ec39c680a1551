import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { localityPostcodes, organisations, teams, workers } from '../../db/schema/index.js';

export type NewTeam = typeof teams.$inferInsert;
export type NewOrganisation = typeof organisations.$inferInsert;

export function listOrganisations(db: Db) {
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

export function findOrganisation(db: Db, id: string) {
  return db
    .select()
    .from(organisations)
    .where(eq(organisations.id, id))
    .then((r) => r[0] ?? null);
}

export function insertOrganisation(db: Db, o: NewOrganisation) {
  return db
    .insert(organisations)
    .values(o)
    .returning()
    .then((r) => r[0]);
}

/** Every team with its organisation, how many active workers it has and how many postcode areas it covers. */
export function listTeams(db: Db, includeInactive: boolean) {
  const members = db
    .select({ teamId: workers.teamId, n: count().as('n') })
    .from(workers)
    .where(eq(workers.active, true))
    .groupBy(workers.teamId)
    .as('members');
  const areas = db
    .select({ teamId: localityPostcodes.teamId, n: count().as('areas_n') })
    .from(localityPostcodes)
    .groupBy(localityPostcodes.teamId)
    .as('areas');
  return db
    .select({
      id: teams.id,
      name: teams.name,
      kind: teams.kind,
      active: teams.active,
      organisationId: teams.organisationId,
      organisationName: organisations.name,
      workers: sql<number>`coalesce(${members.n}, 0)::int`,
      postcodeAreas: sql<number>`coalesce(${areas.n}, 0)::int`,
    })
    .from(teams)
    .innerJoin(organisations, eq(organisations.id, teams.organisationId))
    .leftJoin(members, eq(members.teamId, teams.id))
    .leftJoin(areas, eq(areas.teamId, teams.id))
    .where(includeInactive ? undefined : eq(teams.active, true))
    .orderBy(asc(organisations.name), asc(teams.name));
}

export function findTeam(db: Db, id: string) {
  return db
    .select()
    .from(teams)
    .where(eq(teams.id, id))
    .then((r) => r[0] ?? null);
}

export function findTeamByName(db: Db, organisationId: string, name: string) {
  return db
    .select()
    .from(teams)
    .where(and(eq(teams.organisationId, organisationId), sql`lower(${teams.name}) = ${name.toLowerCase()}`))
    .then((r) => r[0] ?? null);
}

export function insertTeam(db: Db, t: NewTeam) {
  return db
    .insert(teams)
    .values(t)
    .returning()
    .then((r) => r[0]);
}

export function updateTeam(db: Db, id: string, version: number, changes: Partial<NewTeam>, now: Date) {
  return db
    .update(teams)
    .set({ ...changes, version: sql`${teams.version} + 1`, updatedAt: now })
    .where(and(eq(teams.id, id), eq(teams.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function listPostcodeMap(db: Db) {
  return db
    .select({ prefix: localityPostcodes.prefix, teamId: teams.id, teamName: teams.name, teamActive: teams.active })
    .from(localityPostcodes)
    .innerJoin(teams, eq(teams.id, localityPostcodes.teamId))
    .orderBy(asc(localityPostcodes.prefix));
}

export function findPrefix(db: Db, prefix: string) {
  return db
    .select()
    .from(localityPostcodes)
    .where(eq(localityPostcodes.prefix, prefix))
    .then((r) => r[0] ?? null);
}

export function upsertPrefix(db: Db, prefix: string, teamId: string) {
  return db
    .insert(localityPostcodes)
    .values({ prefix, teamId })
    .onConflictDoUpdate({ target: localityPostcodes.prefix, set: { teamId } });
}

export function deletePrefix(db: Db, prefix: string) {
  return db
    .delete(localityPostcodes)
    .where(eq(localityPostcodes.prefix, prefix))
    .returning()
    .then((r) => r[0] ?? null);
}

/** The team whose prefix is the longest match for a postcode ("LS6 2AB" tries "LS6 2", "LS6", "LS"). */
export function teamForPostcode(db: Db, candidates: string[]) {
  return db
    .select({ prefix: localityPostcodes.prefix, teamId: teams.id, teamName: teams.name })
    .from(localityPostcodes)
    .innerJoin(teams, eq(teams.id, localityPostcodes.teamId))
    .where(and(inArray(localityPostcodes.prefix, candidates), eq(teams.active, true)))
    .orderBy(sql`length(${localityPostcodes.prefix}) DESC`)
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function findActiveTeamOfKind(db: Db, kind: 'first_contact' | 'out_of_hours') {
  return db
    .select()
    .from(teams)
    .where(and(eq(teams.kind, kind), eq(teams.active, true)))
    .orderBy(asc(teams.createdAt))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function countActiveTeams(db: Db) {
  return db
    .select({ n: count() })
    .from(teams)
    .where(eq(teams.active, true))
    .then((r) => r[0].n);
}
