import { withinTeamHours } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused } from '../../platform/forms.js';
import { saveOnce } from '../../platform/submission-keys.js';
import { passPartnerConcern } from '../contacts/contacts.service.js';
import { mustFindPeople, personWriters } from '../people/people.access.js';
import { findPerson } from '../people/people.repository.js';
import { notifyTeamManagers } from '../../platform/notifications.js';
import { requireTeam } from '../team-around-the-person/tap.access.js';
import { homeWorkOf } from '../team-around-the-person/tap.service.js';
import { centralTeam } from '../teams/teams.service.js';
import type { ConcernInput } from './concerns.forms.js';
import * as repo from './concerns.repository.js';

/**
 * Partners raise concerns; there is no wrong door. About someone in one of their teams around
 * the person, it is taken at once as a contact and passed on (to the named worker, the locality
 * team, or Out of Hours) like any other. About anyone else, it waits for the front door with the
 * partner's contact details, and the front door takes it as a contact.
 */

function mustBePartner(ctx: Ctx) {
  if (ctx.worker.role !== 'partner')
    throw new AccessDenied('Partner practitioners raise concerns here; council staff take a contact');
}

const nameOf = (p: { givenName: string; familyName: string; preferredName: string | null }) =>
  `${p.preferredName ?? p.givenName} ${p.familyName}`;

/** The form: the people in the partner's teams whose sharing allows it, and how to reach them. */
export async function startConcern(ctx: Ctx) {
  mustBePartner(ctx);
  const { teamsIn } = await homeWorkOf(ctx);
  return {
    people: teamsIn.map((t) => ({ id: t.personId, name: nameOf(t) })),
    raiserReach: [ctx.worker.phone, ctx.worker.email].filter(Boolean).join(', '),
  };
}

export async function raiseConcern(ctx: Ctx, input: ConcernInput) {
  mustBePartner(ctx);
  return saveOnce(input.submissionKey, {
    find: (key) => repo.findBySubmissionKey(ctx.db, key),
    mine: (c) => c.raisedById === ctx.worker.id,
    save: (submissionKey) =>
      input.personId
        ? aboutTeamMember(ctx, input.personId, { ...input, submissionKey })
        : forFrontDoor(ctx, { ...input, submissionKey }),
  });
}

const concernRow = (ctx: Ctx, input: ConcernInput) => ({
  raisedById: ctx.worker.id,
  raisedAt: ctx.now,
  raiserReach: input.raiserReach,
  aboutDateOfBirth: input.aboutDateOfBirth,
  aboutAddress: input.aboutAddress,
  aboutReach: input.aboutReach,
  concern: input.concern,
  urgency: input.urgency,
  personKnows: input.personKnows,
  submissionKey: input.submissionKey,
});

async function aboutTeamMember(ctx: Ctx, personId: string, input: ConcernInput) {
  try {
    await requireTeam(ctx, personId, 'update');
  } catch (err) {
    if (err instanceof NotFound)
      throw new FormRefused(
        'about',
        'You are not in their team now, or they no longer share with your organisation: choose “Someone else” and give their name',
      );
    throw err;
  }
  const person = (await findPerson(ctx.db, personId))!;
  const organisationName = await repo.organisationName(ctx.db, ctx.worker.organisationId);
  let raised!: Awaited<ReturnType<typeof repo.insertConcern>>;
  await passPartnerConcern(
    ctx,
    person,
    { reason: input.concern, urgency: input.urgency, raiserReach: input.raiserReach, organisationName },
    async (tx, contact) => {
      raised = await repo.insertConcern(tx, {
        ...concernRow(ctx, input),
        personId,
        aboutName: nameOf(person),
        contactId: contact.id,
      });
      await ctx.audit(
        {
          action: 'create',
          entity: 'concern',
          entityId: raised.id,
          personId,
          details: { contactId: contact.id, urgency: input.urgency },
        },
        tx,
      );
    },
  );
  return raised;
}

async function forFrontDoor(ctx: Ctx, input: ConcernInput) {
  // Urgent outside the teams' hours: Out of Hours' managers hear of it, as for a contact.
  const urgent = input.urgency !== 'none';
  const team =
    (urgent && !withinTeamHours(ctx.config.teamHours, ctx.now) && (await centralTeam(ctx.db, 'out_of_hours'))) ||
    (await centralTeam(ctx.db, 'first_contact'));
  return ctx.db.transaction(async (tx) => {
    const raised = await repo.insertConcern(tx, { ...concernRow(ctx, input), aboutName: input.aboutName! });
    await ctx.audit(
      { action: 'create', entity: 'concern', entityId: raised.id, details: { urgency: input.urgency } },
      tx,
    );
    if (team)
      await notifyTeamManagers(
        tx,
        [team.id],
        `${urgent ? 'Urgent: a' : 'A'} concern from ${ctx.worker.name} about ${raised.aboutName}`,
        `/concerns/${raised.id}`,
      );
    return raised;
  });
}

/** A concern: to the partner who raised it (what became of it), and to council staff. */
export async function concernPage(ctx: Ctx, id: string) {
  if (ctx.worker.role !== 'partner') mustFindPeople(ctx);
  const found = await repo.findConcern(ctx.db, id);
  // Another partner's concern does not exist, as far as this one can tell.
  if (!found || (ctx.worker.role === 'partner' && found.concern.raisedById !== ctx.worker.id)) throw new NotFound();
  await ctx.audit({ action: 'read', entity: 'concern', entityId: id, personId: found.concern.personId ?? undefined });
  return { ...found, canTake: !found.concern.contactId && personWriters.includes(ctx.worker.role) };
}

/** Concerns waiting for the front door, urgent first. */
export async function waitingConcerns(ctx: Ctx) {
  mustFindPeople(ctx);
  return repo.waiting(ctx.db, 100);
}

/** For a partner's home page. */
export async function concernsRaised(ctx: Ctx) {
  return ctx.worker.role === 'partner' ? repo.raisedBy(ctx.db, ctx.worker.id, 10) : [];
}

/** A waiting concern, for the front door to take as a contact: what the contact form starts from. */
export async function concernToTake(ctx: Ctx, id: string) {
  const found = await concernPage(ctx, id);
  if (!found.canTake) return null;
  const c = found.concern;
  return {
    id: c.id,
    aboutName: c.aboutName,
    aboutDateOfBirth: c.aboutDateOfBirth,
    contactValues: {
      channel: 'professional',
      contactName: found.raiserName,
      contactRelationship: [found.raiserJobTitle, found.raiserOrganisation].filter(Boolean).join(', '),
      contactReach: c.raiserReach,
      reason: c.concern,
      urgency: c.urgency,
      concern: c.id,
    },
  };
}

/** In the contact's transaction: the concern is taken with it, once. Someone else first: nothing is saved. */
export function takeWithContact(concernId: string) {
  return async (tx: Db, contact: { id: string }) => {
    if (!(await repo.linkContact(tx, concernId, contact.id)))
      throw new FormRefused('concern', 'Someone else has already taken this concern as a contact. Nothing was saved.');
  };
}
