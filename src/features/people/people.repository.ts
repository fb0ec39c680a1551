import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { preparedQuery, type Db } from '../../db/client.js';
import {
  aboutMe,
  handOffs,
  networkMembers,
  people,
  personAccess,
  recordChanges,
  restrictedOpenings,
  teams,
  workers,
  type NewPerson,
} from '../../db/schema/index.js';
import type { SearchTerms } from './identity.js';

export function insertPerson(db: Db, p: NewPerson) {
  return db
    .insert(people)
    .values(p)
    .returning()
    .then((r) => r[0]);
}

const personById = preparedQuery((db) =>
  db
    .select()
    .from(people)
    .where(eq(people.id, sql.placeholder('id')))
    .prepare('person_by_id'),
);

export function findPerson(db: Db, id: string) {
  return personById(db)
    .execute({ id })
    .then((r) => r[0] ?? null);
}

export function findByNhsNumber(db: Db, nhsNumber: string) {
  return db
    .select()
    .from(people)
    .where(eq(people.nhsNumber, nhsNumber))
    .then((r) => r[0] ?? null);
}

export function updatePerson(db: Db, id: string, version: number, changes: Partial<NewPerson>, now: Date) {
  return db
    .update(people)
    .set({ ...changes, version: sql`${people.version} + 1`, updatedAt: now })
    .where(and(eq(people.id, id), eq(people.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

/** Columns shown in search results and duplicate checks: just enough to tell people apart. */
const summaryColumns = {
  id: people.id,
  givenName: people.givenName,
  familyName: people.familyName,
  preferredName: people.preferredName,
  dateOfBirth: people.dateOfBirth,
  dateOfDeath: people.dateOfDeath,
  postcode: people.postcode,
  address: people.address,
  nhsNumber: people.nhsNumber,
  restricted: people.restricted,
  namedWorkerId: people.namedWorkerId,
  teamName: teams.name,
};

const dm = (word: string) => sql`dmetaphone(${word})`;

/**
 * Finding a person. Each kind of term narrows through its own index (NHS number, date of
 * birth, postcode, phonetic name keys, and with `typos` trigrams); the candidates are then
 * ranked together.
 */
export function search(db: Db, t: SearchTerms, limit: number, typos = false) {
  const name = t.names.join(' ');
  const branches: SQL[] = [];
  if (t.nhsNumber) branches.push(sql`SELECT id FROM people WHERE nhs_number = ${t.nhsNumber}`);
  if (t.dateOfBirth) branches.push(sql`SELECT id FROM people WHERE date_of_birth = ${t.dateOfBirth}`);
  if (t.postcode) branches.push(sql`SELECT id FROM people WHERE postcode = ${t.postcode}`);
  if (t.postcodeDistrict && !t.postcode && t.names.length === 0 && !t.dateOfBirth) {
    branches.push(sql`SELECT id FROM people WHERE split_part(postcode, ' ', 1) = ${t.postcodeDistrict} LIMIT 500`);
  }
  if (t.names.length >= 2) {
    // First and last words as given and family name, either way round; or the name they like to be called.
    const [a, b] = [t.names[0], t.names[t.names.length - 1]];
    branches.push(sql`(SELECT id FROM people WHERE (given_key = ${dm(a)} AND family_key = ${dm(b)})
      OR (given_key = ${dm(b)} AND family_key = ${dm(a)})
      OR (preferred_key = ${dm(a)} AND family_key = ${dm(b)}) LIMIT 1000)`);
  } else if (t.names.length === 1) {
    const a = t.names[0];
    branches.push(
      sql`(SELECT id FROM people WHERE family_key = ${dm(a)} OR given_key = ${dm(a)} OR preferred_key = ${dm(a)} LIMIT 1000)`,
    );
  }
  if (typos && t.names.length >= 2) {
    // A typo the phonetic keys miss in one name ("Margaret Smiht"): the other name by its key,
    // this one by trigram similarity (through its own index), either way round.
    const [a, b] = [t.names[0], t.names[t.names.length - 1]];
    branches.push(sql`(SELECT id FROM people WHERE (given_key = ${dm(a)} AND lower(family_name) % ${b})
      OR (family_key = ${dm(b)} AND lower(given_name) % ${a})
      OR (given_key = ${dm(b)} AND lower(family_name) % ${a})
      OR (family_key = ${dm(a)} AND lower(given_name) % ${b})
      OR (preferred_key = ${dm(a)} AND lower(family_name) % ${b}) LIMIT 1000)`);
  } else if (typos && name.length >= 3) {
    // One name with a typo the phonetic keys miss ("Smiht"), through the trigram index.
    branches.push(sql`(SELECT id FROM people WHERE search_name % ${name} LIMIT 500)`);
  }
  if (branches.length === 0) return Promise.resolve([]);

  const nameScore = name
    ? sql`greatest(similarity(${people.searchName}, ${name}), word_similarity(${name}, ${people.searchName}))`
    : sql`0`;
  const score = sql<number>`(
      ${t.nhsNumber ? sql`CASE WHEN ${people.nhsNumber} = ${t.nhsNumber} THEN 100 ELSE 0 END` : sql`0`}
    + ${t.dateOfBirth ? sql`CASE WHEN ${people.dateOfBirth} = ${t.dateOfBirth} THEN 40 ELSE 0 END` : sql`0`}
    + ${t.postcode ? sql`CASE WHEN ${people.postcode} = ${t.postcode} THEN 25 ELSE 0 END` : t.postcodeDistrict ? sql`CASE WHEN split_part(${people.postcode}, ' ', 1) = ${t.postcodeDistrict} THEN 15 ELSE 0 END` : sql`0`}
    + 50 * ${nameScore})`;
  const candidates = sql.join(branches, sql` UNION `);
  const ranked = (d: Db) =>
    d
      .select({ ...summaryColumns, score })
      .from(people)
      .leftJoin(teams, eq(teams.id, people.teamId))
      .where(sql`${people.id} IN (${candidates})`)
      .orderBy(desc(score), asc(people.familyName), asc(people.givenName))
      .limit(limit);
  if (!(typos && t.names.length >= 2)) return ranked(db);
  // A typo in one name is matched with % (through that name's trigram index) at similarity 0.2
  // rather than pg_trgm's default 0.3, set for this query alone: so "Mary" still turns up for "Margaret".
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL pg_trgm.similarity_threshold = 0.2`);
    return ranked(tx);
  });
}

/**
 * Likely duplicates of a person about to be registered: a similar name with the same date
 * of birth, or the same name at the same postcode.
 */
export function likelyDuplicates(
  db: Db,
  p: { givenName: string; familyName: string; dateOfBirth: string | null; postcode: string | null },
) {
  const name = `${p.givenName} ${p.familyName}`.toLowerCase();
  const conditions: SQL[] = [];
  if (p.dateOfBirth) {
    conditions.push(sql`(${people.dateOfBirth} = ${p.dateOfBirth} AND (similarity(${people.searchName}, ${name}) > 0.3
      OR ${people.familyKey} = ${dm(p.familyName)} OR ${people.givenKey} = ${dm(p.familyName)}))`);
  }
  if (p.postcode) {
    conditions.push(sql`(${people.postcode} = ${p.postcode} AND ((${people.givenKey} = ${dm(p.givenName)} AND ${people.familyKey} = ${dm(p.familyName)})
      OR similarity(${people.searchName}, ${name}) > 0.6))`);
  }
  if (conditions.length === 0) return Promise.resolve([]);
  return db
    .select(summaryColumns)
    .from(people)
    .leftJoin(teams, eq(teams.id, people.teamId))
    .where(or(...conditions))
    .orderBy(asc(people.familyName))
    .limit(20);
}

export async function isOnAccessList(db: Db, personId: string, workerId: string, teamId: string | null) {
  const rows = await db
    .select({ id: personAccess.id })
    .from(personAccess)
    .where(
      and(
        eq(personAccess.personId, personId),
        teamId
          ? or(eq(personAccess.workerId, workerId), eq(personAccess.teamId, teamId))
          : eq(personAccess.workerId, workerId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export function accessList(db: Db, personId: string) {
  return db
    .select({
      id: personAccess.id,
      workerId: personAccess.workerId,
      workerName: workers.name,
      teamId: personAccess.teamId,
      teamName: teams.name,
    })
    .from(personAccess)
    .leftJoin(workers, eq(workers.id, personAccess.workerId))
    .leftJoin(teams, eq(teams.id, personAccess.teamId))
    .where(eq(personAccess.personId, personId));
}

export function replaceAccessList(
  db: Db,
  personId: string,
  entries: Array<{ workerId?: string; teamId?: string }>,
  now: Date,
) {
  return db.transaction(async (tx) => {
    await tx.delete(personAccess).where(eq(personAccess.personId, personId));
    if (entries.length)
      await tx
        .insert(personAccess)
        .values(
          entries.map((e) => ({ personId, workerId: e.workerId ?? null, teamId: e.teamId ?? null, createdAt: now })),
        );
  });
}

export async function hasOpening(db: Db, personId: string, workerId: string, now: Date) {
  const rows = await db
    .select({ id: restrictedOpenings.id })
    .from(restrictedOpenings)
    .where(
      and(
        eq(restrictedOpenings.personId, personId),
        eq(restrictedOpenings.workerId, workerId),
        gt(restrictedOpenings.expiresAt, now),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Of these restricted people, those this worker may open (named worker, access list, or opened with a reason). */
export async function openableAmong(
  db: Db,
  personIds: string[],
  workerId: string,
  teamId: string | null,
  now: Date,
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        inArray(people.id, personIds),
        or(
          eq(people.namedWorkerId, workerId),
          sql`EXISTS (SELECT 1 FROM person_access a WHERE a.person_id = ${people.id} AND (a.worker_id = ${workerId}${teamId ? sql` OR a.team_id = ${teamId}` : sql``}))`,
          sql`EXISTS (SELECT 1 FROM restricted_openings o WHERE o.person_id = ${people.id} AND o.worker_id = ${workerId} AND o.expires_at > ${now})`,
        ),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export function insertOpening(db: Db, o: typeof restrictedOpenings.$inferInsert) {
  return db.insert(restrictedOpenings).values(o);
}

export function currentAboutMe(db: Db, personId: string) {
  return db
    .select({ ...aboutMeColumns })
    .from(aboutMe)
    .leftJoin(workers, eq(workers.id, aboutMe.writtenBy))
    .where(eq(aboutMe.personId, personId))
    .orderBy(desc(aboutMe.version))
    .limit(1)
    .then((r) => r[0] ?? null);
}

const aboutMeColumns = {
  version: aboutMe.version,
  whatMatters: aboutMe.whatMatters,
  strengths: aboutMe.strengths,
  enjoys: aboutMe.enjoys,
  hopes: aboutMe.hopes,
  inTheirWords: aboutMe.inTheirWords,
  writtenAt: aboutMe.writtenAt,
  writtenByName: workers.name,
};

export function aboutMeHistory(db: Db, personId: string) {
  return db
    .select(aboutMeColumns)
    .from(aboutMe)
    .leftJoin(workers, eq(workers.id, aboutMe.writtenBy))
    .where(eq(aboutMe.personId, personId))
    .orderBy(desc(aboutMe.version));
}

export function insertAboutMe(db: Db, a: typeof aboutMe.$inferInsert) {
  return db
    .insert(aboutMe)
    .values(a)
    .returning()
    .then((r) => r[0]);
}

export function network(db: Db, personId: string) {
  return db
    .select()
    .from(networkMembers)
    .where(and(eq(networkMembers.personId, personId), isNull(networkMembers.removedAt)))
    .orderBy(asc(networkMembers.createdAt));
}

/** People whose network includes this person (whom they care for, say). */
export function networksIncluding(db: Db, linkedPersonId: string) {
  return db
    .select({
      personId: networkMembers.personId,
      relationship: networkMembers.relationship,
      roles: networkMembers.roles,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
    })
    .from(networkMembers)
    .innerJoin(people, eq(people.id, networkMembers.personId))
    .where(and(eq(networkMembers.linkedPersonId, linkedPersonId), isNull(networkMembers.removedAt)));
}

export function insertNetworkMember(db: Db, m: typeof networkMembers.$inferInsert) {
  return db
    .insert(networkMembers)
    .values(m)
    .returning()
    .then((r) => r[0]);
}

export function removeNetworkMember(db: Db, personId: string, memberId: string, by: string, now: Date) {
  return db
    .update(networkMembers)
    .set({ removedAt: now, removedBy: by })
    .where(
      and(eq(networkMembers.id, memberId), eq(networkMembers.personId, personId), isNull(networkMembers.removedAt)),
    )
    .returning()
    .then((r) => r[0] ?? null);
}

export function insertHandOff(db: Db, h: typeof handOffs.$inferInsert) {
  return db.insert(handOffs).values(h);
}

export function countHandOffs(db: Db, personId: string) {
  return db
    .select({ n: count() })
    .from(handOffs)
    .where(eq(handOffs.personId, personId))
    .then((r) => r[0].n);
}

/**
 * Hand-offs into or out of a team, newest first, with each person's total. One passed to a team
 * before anyone in it took the person on has no "to" worker: it names the team.
 */
export function teamHandOffs(db: Db, teamId: string, since: Date) {
  const fromWorker = alias(workers, 'from_worker');
  const fromTeam = alias(teams, 'from_team');
  return db
    .select({
      id: handOffs.id,
      personId: handOffs.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      preferredName: people.preferredName,
      restricted: people.restricted,
      fromWorkerName: fromWorker.name,
      fromTeamName: fromTeam.name,
      toWorkerName: workers.name,
      toTeamName: teams.name,
      reason: handOffs.reason,
      createdAt: handOffs.createdAt,
      totalForPerson: sql<number>`(SELECT count(*)::int FROM hand_offs h2 WHERE h2.person_id = ${handOffs.personId})`,
    })
    .from(handOffs)
    .innerJoin(people, eq(people.id, handOffs.personId))
    .leftJoin(workers, eq(workers.id, handOffs.toWorkerId))
    .leftJoin(teams, eq(teams.id, handOffs.toTeamId))
    .leftJoin(fromWorker, eq(fromWorker.id, handOffs.fromWorkerId))
    .leftJoin(fromTeam, eq(fromTeam.id, handOffs.fromTeamId))
    .where(and(or(eq(handOffs.toTeamId, teamId), eq(handOffs.fromTeamId, teamId)), gt(handOffs.createdAt, since)))
    .orderBy(desc(handOffs.createdAt))
    .limit(200);
}

export function insertRecordChange(db: Db, c: typeof recordChanges.$inferInsert) {
  return db.insert(recordChanges).values(c);
}

export function findWorker(db: Db, id: string) {
  return db
    .select({
      id: workers.id,
      name: workers.name,
      teamId: workers.teamId,
      role: workers.role,
      active: workers.active,
      phone: workers.phone,
      email: workers.email,
      jobTitle: workers.jobTitle,
    })
    .from(workers)
    .where(eq(workers.id, id))
    .then((r) => r[0] ?? null);
}

export function findTeamName(db: Db, id: string | null) {
  if (!id) return Promise.resolve(null);
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.id, id))
    .then((r) => r[0] ?? null);
}

/** Workers who can be a named worker: active council practitioners, managers and front-door workers. */
export function possibleNamedWorkers(db: Db) {
  return db
    .select({ id: workers.id, name: workers.name, teamId: workers.teamId, teamName: teams.name })
    .from(workers)
    .leftJoin(teams, eq(teams.id, workers.teamId))
    .where(and(eq(workers.active, true), inArray(workers.role, ['practitioner', 'team_manager', 'front_door'])))
    .orderBy(asc(workers.name));
}

/** People a worker is named worker for. */
export function peopleOf(db: Db, workerId: string, limit = 50) {
  return db
    .select(summaryColumns)
    .from(people)
    .leftJoin(teams, eq(teams.id, people.teamId))
    .where(eq(people.namedWorkerId, workerId))
    .orderBy(asc(people.familyName), asc(people.givenName))
    .limit(limit);
}

export function recordChangesOf(db: Db, personId: string, limit: number) {
  return db
    .select({
      id: recordChanges.id,
      summary: recordChanges.summary,
      details: recordChanges.details,
      createdAt: recordChanges.createdAt,
      byName: workers.name,
    })
    .from(recordChanges)
    .innerJoin(workers, eq(workers.id, recordChanges.changedBy))
    .where(eq(recordChanges.personId, personId))
    .orderBy(desc(recordChanges.createdAt))
    .limit(limit);
}

export function handOffsBetween(db: Db, from: Date, to: Date) {
  return db
    .select({ teamId: handOffs.toTeamId, teamName: teams.name, n: sql<number>`count(*)::int` })
    .from(handOffs)
    .leftJoin(teams, eq(teams.id, handOffs.toTeamId))
    .where(and(gte(handOffs.createdAt, from), lt(handOffs.createdAt, to)))
    .groupBy(handOffs.toTeamId, teams.name)
    .orderBy(asc(teams.name));
}

/** Marks as read a worker's messages whose link starts with a path (a person's pages they can no longer open). */
