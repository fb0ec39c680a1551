import type { Db } from '../../db/client.js';
import type { Person } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, StaleVersion } from '../../platform/forms.js';
import { notify, teamManagersOf } from '../../platform/notifications.js';
import { personSections, type RecordParts, type TimelineKind } from '../../platform/record.js';
import { lookedAt } from '../audit-trail/audit-trail.service.js';
import { parseSearch } from './identity.js';
import { canOpen, mustFindPeople, personWriters, requirePerson } from './people.access.js';
import type { IdentityInput } from './people.forms.js';
import * as repo from './people.repository.js';

export { requirePerson } from './people.access.js';

type Summary = Awaited<ReturnType<typeof repo.search>>[number];

/** Restricted records the worker cannot open show only that they are restricted. */
async function maskRestricted<T extends Omit<Summary, 'score'>>(ctx: Ctx, rows: T[]) {
  const restricted = rows.filter((r) => r.restricted).map((r) => r.id);
  const openable = await repo.openableAmong(ctx.db, restricted, ctx.worker.id, ctx.worker.teamId, ctx.now);
  return rows.map((r) =>
    r.restricted && !openable.has(r.id) ? { id: r.id, masked: true as const } : { ...r, masked: false as const },
  );
}

export async function findPeople(ctx: Ctx, query: string) {
  mustFindPeople(ctx);
  const terms = parseSearch(query, ctx.now);
  // Phonetic keys and exact terms first: cheap even for common names. Trigrams, which cost
  // far more on a large record, only when those find too little to be sure.
  let rows = await repo.search(ctx.db, terms, 25);
  if (rows.length < 5 && terms.names.join(' ').length >= 3) rows = await repo.search(ctx.db, terms, 25, true);
  const results = await maskRestricted(ctx, rows);
  await ctx.audit({
    action: 'search',
    entity: 'person',
    details: {
      by: Object.entries({
        name: terms.names.length > 0,
        dateOfBirth: !!terms.dateOfBirth,
        nhsNumber: !!terms.nhsNumber,
        postcode: !!(terms.postcode || terms.postcodeDistrict),
      })
        .filter(([, used]) => used)
        .map(([k]) => k),
      results: results.map((r) => r.id),
    },
  });
  return { terms, results };
}

export class DuplicateNhsNumber extends Error {
  constructor(public existingId: string) {
    super('A person with this NHS number is already recorded');
  }
}

/**
 * Registers a person, unless they are already known. The same NHS number blocks it; likely
 * matches are returned (and nothing saved) until the worker confirms this is someone new.
 */
export async function registerPerson(ctx: Ctx, input: IdentityInput) {
  mustFindPeople(ctx);
  if (!personWriters.includes(ctx.worker.role)) throw new AccessDenied();
  if (input.nhsNumber) {
    const existing = await repo.findByNhsNumber(ctx.db, input.nhsNumber);
    if (existing) throw new DuplicateNhsNumber(existing.id);
  }
  if (!input.confirmedNew) {
    const matches = await repo.likelyDuplicates(ctx.db, input);
    if (matches.length) {
      await ctx.audit({
        action: 'search',
        entity: 'person',
        details: { duplicateCheck: true, results: matches.map((m) => m.id) },
      });
      return { saved: null, duplicates: await maskRestricted(ctx, matches) };
    }
  }
  const { version: _v, confirmedNew: _c, ...fields } = input;
  const saved = await ctx.db.transaction(async (tx) => {
    const person = await repo.insertPerson(tx, {
      ...fields,
      createdBy: ctx.worker.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await repo.insertRecordChange(tx, {
      personId: person.id,
      summary: 'Record created',
      changedBy: ctx.worker.id,
      createdAt: ctx.now,
    });
    await ctx.audit(
      {
        action: 'create',
        entity: 'person',
        entityId: person.id,
        personId: person.id,
        details: { confirmedNew: input.confirmedNew },
      },
      tx,
    );
    return person;
  });
  return { saved, duplicates: [] };
}

const fieldLabels: Record<string, string> = {
  givenName: 'first name',
  familyName: 'last name',
  preferredName: 'name they like to be called',
  pronouns: 'pronouns',
  dateOfBirth: 'date of birth',
  dateOfDeath: 'date of death',
  nhsNumber: 'NHS number',
  address: 'address',
  postcode: 'postcode',
  phone: 'phone',
  email: 'email',
  firstLanguage: 'first language',
  interpreterNeeded: 'interpreter',
  communicationNeeds: 'how to communicate with them',
  communicationNotes: 'how to communicate with them',
};

export async function updateIdentity(ctx: Ctx, id: string, input: IdentityInput) {
  const current = await requirePerson(ctx, id, 'write');
  if (input.nhsNumber && input.nhsNumber !== current.nhsNumber) {
    const existing = await repo.findByNhsNumber(ctx.db, input.nhsNumber);
    if (existing && existing.id !== id) throw new DuplicateNhsNumber(existing.id);
  }
  const { version, confirmedNew: _c, ...fields } = input;
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter(
    (k) => JSON.stringify(fields[k]) !== JSON.stringify(current[k]),
  );
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.updatePerson(tx, id, version, fields, ctx.now);
    if (!saved) throw new StaleVersion<Person>(current);
    if (changed.length) {
      const summary = `Changed ${[...new Set(changed.map((k) => fieldLabels[k]))].join(', ')}`;
      await repo.insertRecordChange(tx, {
        personId: id,
        summary,
        details: { fields: changed },
        changedBy: ctx.worker.id,
        createdAt: ctx.now,
      });
    }
    await ctx.audit(
      { action: 'update', entity: 'person', entityId: id, personId: id, details: { fields: changed } },
      tx,
    );
    return saved;
  });
}

/** Everything the person's page shows at a glance: theirs, and what each feature adds. */
export async function personPage(ctx: Ctx, parts: RecordParts, id: string) {
  const person = await requirePerson(ctx, id);
  // Everything on the page at once, the audit row with it: the access check has passed.
  const [aboutMe, network, caresFor, namedWorker, team, handOffCount, sections] = await Promise.all([
    repo.currentAboutMe(ctx.db, id),
    repo.network(ctx.db, id),
    repo.networksIncluding(ctx.db, id),
    person.namedWorkerId ? repo.findWorker(ctx.db, person.namedWorkerId) : null,
    repo.findTeamName(ctx.db, person.teamId),
    repo.countHandOffs(ctx.db, id),
    personSections(parts, ctx, person),
    ctx.audit({ action: 'read', entity: 'person', entityId: id, personId: id }),
  ]);
  return {
    ...{ person, aboutMe, network, caresFor, namedWorker, team, handOffCount, sections },
    canWrite: personWriters.includes(ctx.worker.role),
  };
}

/** The person alone, for pages about them that show the header (no separate audit: the caller audits what it shows). */
export function personForPage(ctx: Ctx, id: string, need: 'read' | 'write' = 'read') {
  return requirePerson(ctx, id, need);
}

export async function saveAboutMe(
  ctx: Ctx,
  id: string,
  input: {
    whatMatters: string;
    strengths: string;
    enjoys: string;
    hopes: string;
    inTheirWords: boolean;
    version: number;
  },
) {
  await requirePerson(ctx, id, 'write');
  const current = await repo.currentAboutMe(ctx.db, id);
  if ((current?.version ?? 0) !== input.version) throw new StaleVersion(current);
  const { version, ...text } = input;
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertAboutMe(tx, {
        personId: id,
        version: version + 1,
        ...text,
        writtenBy: ctx.worker.id,
        writtenAt: ctx.now,
      });
      await repo.insertRecordChange(tx, {
        personId: id,
        summary: 'Updated “about me”',
        changedBy: ctx.worker.id,
        createdAt: ctx.now,
      });
      await ctx.audit(
        { action: 'update', entity: 'about_me', entityId: id, personId: id, details: { version: version + 1 } },
        tx,
      );
    });
  } catch (err) {
    // Two saves of the same version at once: the second is stale (read after the failed transaction has ended).
    if (/about_me_person_version_key|duplicate key/.test(String((err as Error).cause ?? err)))
      throw new StaleVersion(await repo.currentAboutMe(ctx.db, id));
    throw err;
  }
}

export async function aboutMeHistory(ctx: Ctx, id: string) {
  const person = await requirePerson(ctx, id);
  const versions = await repo.aboutMeHistory(ctx.db, id);
  await ctx.audit({ action: 'read', entity: 'about_me_history', entityId: id, personId: id });
  return { person, versions };
}

export async function addNetworkMember(
  ctx: Ctx,
  id: string,
  input: {
    name: string;
    relationship: string;
    roles: string[];
    phone: string | null;
    email: string | null;
    notes: string | null;
    linkedPersonId: string | null;
  },
) {
  await requirePerson(ctx, id, 'write');
  if (input.linkedPersonId) {
    if (input.linkedPersonId === id) throw new FormRefused('linkedPersonId', 'A person cannot be in their own network');
    await requirePerson(ctx, input.linkedPersonId);
  }
  return ctx.db.transaction(async (tx) => {
    const member = await repo.insertNetworkMember(tx, {
      ...input,
      personId: id,
      addedBy: ctx.worker.id,
      createdAt: ctx.now,
    });
    await repo.insertRecordChange(tx, {
      personId: id,
      summary: `Added ${input.relationship.toLowerCase()} to their network`,
      changedBy: ctx.worker.id,
      createdAt: ctx.now,
    });
    await ctx.audit({ action: 'create', entity: 'network_member', entityId: member.id, personId: id }, tx);
    return member;
  });
}

export async function removeNetworkMember(ctx: Ctx, id: string, memberId: string) {
  await requirePerson(ctx, id, 'write');
  await ctx.db.transaction(async (tx) => {
    const removed = await repo.removeNetworkMember(tx, id, memberId, ctx.worker.id, ctx.now);
    if (!removed) throw new NotFound();
    await repo.insertRecordChange(tx, {
      personId: id,
      summary: `Removed ${removed.relationship.toLowerCase()} from their network`,
      changedBy: ctx.worker.id,
    });
    await ctx.audit({ action: 'delete', entity: 'network_member', entityId: memberId, personId: id }, tx);
  });
}

export async function namedWorkerChoices(ctx: Ctx, id: string) {
  const person = await requirePerson(ctx, id, 'write');
  return { person, workers: await repo.possibleNamedWorkers(ctx.db) };
}

/**
 * Sets the named worker. The first is simply recorded; any change after that is a hand-off,
 * with its reason, counted on the person's page and in the team's hand-offs.
 */
export async function changeNamedWorker(ctx: Ctx, id: string, workerId: string, reason: string) {
  const person = await requirePerson(ctx, id, 'write');
  const next = await nextNamedWorker(ctx, person, workerId);
  await ctx.db.transaction((tx) => assignNamedWorker(ctx, person, next, reason, tx));
}

/** The worker who would become named worker, if they can be. */
export async function nextNamedWorker(ctx: Ctx, person: Person, workerId: string) {
  if (person.namedWorkerId === workerId) throw new FormRefused('workerId', 'They are already the named worker');
  const candidates = await repo.possibleNamedWorkers(ctx.db);
  const next = candidates.find((w) => w.id === workerId);
  if (!next) throw new FormRefused('workerId', 'Select an active worker who can be a named worker');
  return next;
}

/**
 * Makes the change inside the caller's transaction (taking a contact does it with the take).
 * A change from another named worker is a hand-off, unless `handOffCounted`: the caller has
 * already counted this change of worker (a contact passed on is counted when it is passed, and
 * taking it is not counted again). The caller has checked write access to the person.
 */
export async function assignNamedWorker(
  ctx: Ctx,
  person: Person,
  next: { id: string; name: string; teamId: string | null },
  reason: string,
  tx: Db,
  opts: { handOffCounted?: boolean } = {},
) {
  const id = person.id;
  const saved = await repo.updatePerson(
    tx,
    id,
    person.version,
    { namedWorkerId: next.id, teamId: next.teamId },
    ctx.now,
  );
  if (!saved) throw new StaleVersion<Person>(person);
  const handOff = !!person.namedWorkerId && !opts.handOffCounted;
  if (handOff) {
    await repo.insertHandOff(tx, {
      personId: id,
      fromWorkerId: person.namedWorkerId,
      toWorkerId: next.id,
      fromTeamId: person.teamId,
      toTeamId: next.teamId,
      reason,
      recordedBy: ctx.worker.id,
      createdAt: ctx.now,
    });
  }
  await repo.insertRecordChange(tx, {
    personId: id,
    summary: handOff ? `Hand-off: ${next.name} is now the named worker` : `${next.name} is now the named worker`,
    details: { reason },
    changedBy: ctx.worker.id,
    createdAt: ctx.now,
  });
  if (next.id !== ctx.worker.id) {
    await notify(tx, [
      {
        workerId: next.id,
        message: `You are now the named worker for ${person.preferredName ?? person.givenName} ${person.familyName}`,
        link: `/people/${id}`,
        createdAt: ctx.now,
      },
    ]);
  }
  await ctx.audit(
    {
      action: 'update',
      entity: 'named_worker',
      entityId: id,
      personId: id,
      reason,
      details: { from: person.namedWorkerId, to: next.id },
    },
    tx,
  );
}

/**
 * A hand-off that is not (yet) a change of named worker: a contact passed on from the front door
 * to a team before anyone in it takes the person on (`toWorkerId` null), or to their named worker.
 * Counted on the person's page and in both teams' hand-offs, with a line on their timeline.
 * Inside the caller's transaction; the caller has checked write access to the person.
 */
export async function recordHandOff(
  ctx: Ctx,
  personId: string,
  h: {
    fromWorkerId: string | null;
    fromTeamId: string | null;
    toWorkerId: string | null;
    toTeamId: string | null;
    reason: string;
    summary: string;
  },
  tx: Db,
) {
  await repo.insertHandOff(tx, {
    personId,
    fromWorkerId: h.fromWorkerId,
    fromTeamId: h.fromTeamId,
    toWorkerId: h.toWorkerId,
    toTeamId: h.toTeamId,
    reason: h.reason,
    recordedBy: ctx.worker.id,
    createdAt: ctx.now,
  });
  await repo.insertRecordChange(tx, {
    personId,
    summary: `Hand-off: ${h.summary}`,
    details: { reason: h.reason },
    changedBy: ctx.worker.id,
    createdAt: ctx.now,
  });
}

/** Hand-offs into and out of the manager's team over the last year. */
export async function teamHandOffs(ctx: Ctx) {
  if (ctx.worker.role !== 'team_manager' || !ctx.worker.teamId) throw new AccessDenied();
  const since = new Date(ctx.now.getTime() - 365 * 86_400_000);
  const [rows, team] = await Promise.all([
    repo.teamHandOffs(ctx.db, ctx.worker.teamId, since),
    repo.findTeamName(ctx.db, ctx.worker.teamId),
  ]);
  await ctx.audit({
    action: 'read',
    entity: 'team_hand_offs',
    entityId: ctx.worker.teamId,
    details: { rows: rows.length },
  });
  return { team, rows: await maskRestrictedPeople(ctx, rows) };
}

/** Opens a restricted record with a reason: recorded, and the team managers are told. */
export async function openRestricted(ctx: Ctx, id: string, reason: string) {
  mustFindPeople(ctx);
  const person = await repo.findPerson(ctx.db, id);
  if (!person) throw new NotFound();
  if (!person.restricted || (await canOpen(ctx, person))) return;
  const accessTeams = (await repo.accessList(ctx.db, id)).map((a) => a.teamId).filter((t): t is string => !!t);
  const managers = await teamManagersOf(ctx.db, [
    ...new Set([person.teamId, ...accessTeams].filter((t): t is string => !!t)),
  ]);
  await ctx.db.transaction(async (tx) => {
    await repo.insertOpening(tx, {
      personId: id,
      workerId: ctx.worker.id,
      reason,
      expiresAt: new Date(ctx.now.getTime() + 8 * 3_600_000),
    });
    await notify(
      tx,
      managers
        .filter((m) => m.id !== ctx.worker.id)
        .map((m) => ({
          workerId: m.id,
          message: `${ctx.worker.name} opened a restricted record. Their reason: “${reason}”`,
          link: `/people/${id}/viewers`,
        })),
    );
    await ctx.audit({ action: 'open_restricted', entity: 'person', entityId: id, personId: id, reason }, tx);
  });
}

/** Restricting a record: its named worker or a team manager decides who else may open it. */
export async function restriction(ctx: Ctx, id: string) {
  const person = await requirePerson(ctx, id, 'write');
  if (ctx.worker.role !== 'team_manager' && person.namedWorkerId !== ctx.worker.id)
    throw new AccessDenied('Only the named worker or a team manager can restrict a record');
  const [list, workers] = await Promise.all([repo.accessList(ctx.db, id), repo.possibleNamedWorkers(ctx.db)]);
  return { person, list, workers };
}

export async function setRestriction(
  ctx: Ctx,
  id: string,
  input: { restricted: boolean; reason: string | null; workerIds: string[]; teamIds: string[] },
) {
  const { person } = await restriction(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const saved = await repo.updatePerson(
      tx,
      id,
      person.version,
      { restricted: input.restricted, restrictedReason: input.restricted ? input.reason : null },
      ctx.now,
    );
    if (!saved) throw new StaleVersion<Person>(person);
    await repo.replaceAccessList(
      tx,
      id,
      input.restricted
        ? [...input.workerIds.map((workerId) => ({ workerId })), ...input.teamIds.map((teamId) => ({ teamId }))]
        : [],
      ctx.now,
    );
    await repo.insertRecordChange(tx, {
      personId: id,
      summary: input.restricted ? 'Record restricted' : 'Restriction removed',
      changedBy: ctx.worker.id,
      createdAt: ctx.now,
    });
    await ctx.audit(
      {
        action: 'update',
        entity: 'restriction',
        entityId: id,
        personId: id,
        reason: input.reason,
        details: { restricted: input.restricted, workers: input.workerIds.length, teams: input.teamIds.length },
      },
      tx,
    );
  });
}

/**
 * The person's story, newest first: every kind of entry the features add (see platform/record),
 * or only the kind a filter value belongs to.
 */
export async function timeline(
  ctx: Ctx,
  kinds: TimelineKind[],
  id: string,
  filter: string | undefined,
  page: number,
  pageSize = 25,
) {
  const person = await requirePerson(ctx, id);
  const upto = page * pageSize + 1;
  const shown = filter ? kinds.filter((k) => k.filters.some((f) => f.value === filter)) : kinds;
  const lists = await Promise.all(
    shown.map(async (k) => (await k.entries(ctx, id, filter, upto)).map((e) => ({ ...e, template: k.template }))),
  );
  const entries = lists.flat().sort((a, b) => b.at.getTime() - a.at.getTime());
  await ctx.audit({
    action: 'read',
    entity: 'timeline',
    entityId: id,
    personId: id,
    details: { filter: filter ?? 'all', page },
  });
  return {
    person,
    entries: entries.slice((page - 1) * pageSize, page * pageSize),
    hasNext: entries.length > page * pageSize,
  };
}

/** Route guards for pages that show no person yet. */
export function mustFindPeopleRoute(ctx: Ctx) {
  mustFindPeople(ctx);
}

/** The person exists and this worker may look for people (a restricted record is found, not opened). */
export async function mustFindPersonRoute(ctx: Ctx, id: string) {
  mustFindPeople(ctx);
  if (!(await repo.findPerson(ctx.db, id))) throw new NotFound();
}

export function mustRegisterRoute(ctx: Ctx) {
  mustFindPeople(ctx);
  if (!personWriters.includes(ctx.worker.role)) throw new AccessDenied();
}

/** Every view and change of the person's record, from the audit trail. */
export async function whoLooked(ctx: Ctx, id: string, page: number) {
  const person = await requirePerson(ctx, id);
  return { person, ...(await lookedAt(ctx, id, page)) };
}

/** The person's named worker, if they are still active, with their team. */
export async function namedWorkerOf(db: Db, person: Pick<Person, 'namedWorkerId'>) {
  if (!person.namedWorkerId) return null;
  const worker = await repo.findWorker(db, person.namedWorkerId);
  if (!worker || !worker.active) return null;
  const team = await repo.findTeamName(db, worker.teamId);
  return { ...worker, teamName: team?.name ?? null };
}

/** How many hand-offs there were in a period, by the team they came into. */
export function handOffsBetween(db: Db, from: Date, to: Date) {
  return repo.handOffsBetween(db, from, to);
}

/**
 * Lists that mention people (a team's contacts, say): rows about a restricted record this
 * worker cannot open keep their own fields but lose the person's name and details.
 */
export async function maskRestrictedPeople<
  T extends { personId: string; restricted: boolean; givenName: string; familyName: string },
>(ctx: Ctx, rows: T[]) {
  const restricted = [...new Set(rows.filter((r) => r.restricted).map((r) => r.personId))];
  const openable = await repo.openableAmong(ctx.db, restricted, ctx.worker.id, ctx.worker.teamId, ctx.now);
  return rows.map((r) =>
    r.restricted && !openable.has(r.personId)
      ? {
          ...r,
          masked: true as const,
          givenName: '',
          familyName: '',
          preferredName: null,
          dateOfBirth: null,
          postcode: null,
          reason: '',
        }
      : { ...r, masked: false as const },
  );
}

/**
 * What a team around the person starts from (for a partner practitioner in the person's team,
 * while sharing allows): the person and their named worker. Never "about me": what partners
 * are told of it is the team summary the named worker writes for sharing.
 * Not audited here: the caller audits what it shows.
 */
export async function sharedSummaryOf(db: Db, id: string) {
  const person = await repo.findPerson(db, id);
  if (!person) return null;
  const namedWorker = person.namedWorkerId ? await repo.findWorker(db, person.namedWorkerId) : null;
  return { person, namedWorker };
}

/** The person's network now, for choosing who joins their team; the caller has checked access. */
export function networkOf(db: Db, id: string) {
  return repo.network(db, id);
}

/** A line on the person's timeline for a change another feature made (their team, say), inside its transaction. */
export function noteOnTimeline(db: Db, personId: string, summary: string, changedBy: string, at: Date) {
  return repo.insertRecordChange(db, { personId, summary, changedBy, createdAt: at });
}
