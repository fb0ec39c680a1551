import type { Db } from '../../db/client.js';
import type { Team } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, StaleVersion, normalisePostcode } from '../../platform/forms.js';
import * as repo from './teams.repository.js';
import type { EditTeamInput, TeamInput } from './teams.forms.js';

function mustAdminister(ctx: Ctx) {
  if (ctx.worker.role !== 'admin') throw new AccessDenied();
}

/** Organisations and active teams, for choosing in forms. Not personal data. */
export async function organisationsAndTeams(db: Db) {
  const [organisations, teams] = await Promise.all([repo.listOrganisations(db), repo.listTeams(db, false)]);
  return { organisations, teams };
}

/** For forms that choose them: refuses an organisation or team that does not exist (a stale or tampered form). */
export async function refuseUnknownOrganisationOrTeam(db: Db, organisationId: string, teamId?: string | null) {
  if (!(await repo.findOrganisation(db, organisationId)))
    throw new FormRefused('organisationId', 'Select an organisation');
  if (teamId && !(await repo.findTeam(db, teamId))) throw new FormRefused('teamId', 'Select a team');
}

export async function listTeams(ctx: Ctx, includeInactive: boolean) {
  mustAdminister(ctx);
  const [organisations, teams] = await Promise.all([
    repo.listOrganisations(ctx.db),
    repo.listTeams(ctx.db, includeInactive),
  ]);
  return { organisations, teams };
}

export async function getTeam(ctx: Ctx, id: string) {
  mustAdminister(ctx);
  const team = await repo.findTeam(ctx.db, id);
  if (!team) throw new NotFound();
  return team;
}

async function refuseTakenName(db: Db, input: TeamInput, exceptId?: string) {
  const existing = await repo.findTeamByName(db, input.organisationId, input.name);
  if (existing && existing.id !== exceptId)
    throw new FormRefused('name', 'This organisation already has a team with this name');
}

export async function createTeam(ctx: Ctx, input: TeamInput) {
  mustAdminister(ctx);
  await refuseUnknownOrganisationOrTeam(ctx.db, input.organisationId);
  await refuseTakenName(ctx.db, input);
  return ctx.db.transaction(async (tx) => {
    const team = await repo.insertTeam(tx, input);
    await ctx.audit({ action: 'create', entity: 'team', entityId: team.id }, tx);
    return team;
  });
}

export async function updateTeam(ctx: Ctx, id: string, input: EditTeamInput) {
  const current = await getTeam(ctx, id);
  await refuseUnknownOrganisationOrTeam(ctx.db, input.organisationId);
  await refuseTakenName(ctx.db, input, id);
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.updateTeam(tx, id, version, changes, ctx.now);
    if (!saved) throw new StaleVersion<Team>(current);
    await ctx.audit({ action: 'update', entity: 'team', entityId: id }, tx);
    return saved;
  });
}

export async function setTeamActive(ctx: Ctx, id: string, active: boolean) {
  const current = await getTeam(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await repo.updateTeam(tx, id, current.version, { active }, ctx.now);
    await ctx.audit({ action: active ? 'reactivate' : 'deactivate', entity: 'team', entityId: id }, tx);
  });
}

export async function createOrganisation(
  ctx: Ctx,
  input: { name: string; kind: 'council' | 'nhs' | 'housing' | 'voluntary' },
) {
  mustAdminister(ctx);
  const existing = (await repo.listOrganisations(ctx.db)).find(
    (o) => o.name.toLowerCase() === input.name.toLowerCase(),
  );
  if (existing) throw new FormRefused('name', 'There is already an organisation with this name');
  return ctx.db.transaction(async (tx) => {
    const organisation = await repo.insertOrganisation(tx, input);
    await ctx.audit({ action: 'create', entity: 'organisation', entityId: organisation.id }, tx);
    return organisation;
  });
}

export async function postcodeMap(ctx: Ctx) {
  mustAdminister(ctx);
  const [areas, teams] = await Promise.all([repo.listPostcodeMap(ctx.db), repo.listTeams(ctx.db, false)]);
  return { areas, localityTeams: teams.filter((t) => t.kind === 'locality') };
}

export async function mapPostcodeArea(ctx: Ctx, prefix: string, teamId: string) {
  mustAdminister(ctx);
  const team = await repo.findTeam(ctx.db, teamId);
  if (!team || !team.active || team.kind !== 'locality')
    throw new FormRefused('teamId', 'Select an active locality team');
  const previous = await repo.findPrefix(ctx.db, prefix);
  await ctx.db.transaction(async (tx) => {
    await repo.upsertPrefix(tx, prefix, teamId);
    await ctx.audit(
      {
        action: previous ? 'update' : 'create',
        entity: 'postcode_area',
        entityId: prefix,
        details: { teamId, previousTeamId: previous?.teamId ?? null },
      },
      tx,
    );
  });
  return { team, previousTeamId: previous?.teamId ?? null };
}

export async function unmapPostcodeArea(ctx: Ctx, prefix: string) {
  mustAdminister(ctx);
  await ctx.db.transaction(async (tx) => {
    const removed = await repo.deletePrefix(tx, prefix);
    if (!removed) throw new NotFound();
    await ctx.audit(
      { action: 'delete', entity: 'postcode_area', entityId: prefix, details: { teamId: removed.teamId } },
      tx,
    );
  });
}

/**
 * The locality team that covers a postcode, by the longest matching area in the map;
 * null when the map does not cover it (the front door then decides).
 */
export async function localityForPostcode(db: Db, postcode: string) {
  const normalised = normalisePostcode(postcode);
  if (!normalised) return null;
  const [outward, inward] = normalised.split(' ');
  const area = outward.match(/^[A-Z]+/)![0];
  return repo.teamForPostcode(db, [`${outward} ${inward[0]}`, outward, area]);
}

/** The active team of a central kind (First Contact, Out of Hours), if there is one. */
export function centralTeam(db: Db, kind: 'first_contact' | 'out_of_hours') {
  return repo.findActiveTeamOfKind(db, kind);
}

/** A team by id, for showing its name and kind. Not personal data. */
export function teamById(db: Db, id: string) {
  return repo.findTeam(db, id);
}

/** Teams a contact can be passed to: active locality and central teams. */
export async function teamsForContacts(db: Db) {
  const teams = await repo.listTeams(db, false);
  return teams.filter((t) => t.kind !== 'partner' && t.kind !== 'other');
}

/** For the administrator's home page. */
export function activeTeamCount(db: Db) {
  return repo.countActiveTeams(db);
}

/**
 * The active locality teams with the postcode areas each covers, for finding things by
 * locality (the directory). Not personal data.
 */
export async function localityAreas(db: Db) {
  const [teams, areas] = await Promise.all([repo.listTeams(db, false), repo.listPostcodeMap(db)]);
  return teams
    .filter((t) => t.kind === 'locality')
    .map((t) => ({ id: t.id, name: t.name, prefixes: areas.filter((a) => a.teamId === t.id).map((a) => a.prefix) }));
}
