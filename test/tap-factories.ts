// A team around the person, built as the care manager would build it: through the real
// pages and forms (sign-in, CSRF and all), for the team-around-the-person and access tests.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/client.js';
import type { Person, Worker } from '../src/db/schema/index.js';
import { type Agent, newOrganisation, newTeam, signedIn } from './helpers.js';
import { dayParts, newConversation, newPerson } from './people-factories.js';

/** A partner practitioner in an organisation of their own (housing, NHS, voluntary). */
export async function newPartner(app: FastifyInstance, db: Db, kind: 'housing' | 'nhs' | 'voluntary' = 'housing') {
  const organisation = await newOrganisation(db, kind);
  const team = await newTeam(db, { kind: 'partner', organisationId: organisation.id });
  const { worker, agent } = await signedIn(app, db, {
    role: 'partner',
    teamId: team.id,
    organisationId: organisation.id,
  });
  return { worker, agent, organisation };
}

/** The id a "done" redirect points to: /people/:id/team/<what>/<id>?done=... */
export function idFrom(location: unknown, what: 'meetings' | 'actions'): string {
  const m = new RegExp(`/team/${what}/([0-9a-f-]{36})`).exec(String(location));
  assert.ok(m, `redirected to the new ${what.slice(0, -1)}, not ${String(location)}`);
  return m[1];
}

export function consentForm(now: Date, organisationIds: string[], overrides: Record<string, string | string[]> = {}) {
  return {
    basis: 'consent',
    whatMayBeShared: 'Everything about the house and my health. Not about my daughter.',
    sharesConversations: 'yes',
    organisationIds,
    howAgreed: 'In person at home, with his daughter on speaker phone',
    ...dayParts('agreedOn', now),
    ...dayParts('reviewOn', now, 180),
    ...overrides,
  };
}

export function actionFormFor(now: Date, ownerMemberId: string, overrides: Record<string, string> = {}) {
  return {
    what: 'Clear a path from the front door to the boiler, with Arthur deciding what goes',
    ownerMemberId,
    howWeKnow: 'The gas engineer can reach the boiler',
    ...dayParts('dueOn', now, 14),
    meetingId: '',
    ...overrides,
  };
}

/** The members listed on the team page, by name: their member ids from the "take out" links. */
export async function memberIds(agent: Agent, personId: string): Promise<Map<string, string>> {
  const page = await agent.get(`/people/${personId}/team`);
  assert.equal(page.statusCode, 200);
  const ids = new Map<string, string>();
  for (const m of page.body.matchAll(
    /href="\/people\/[0-9a-f-]{36}\/team\/members\/([0-9a-f-]{36})\/remove">Take out of the team<span class="govuk-visually-hidden">: ([^<]+)<\/span>/g,
  ))
    ids.set(m[2], m[1]);
  return ids;
}

export interface TapScene {
  person: Person;
  namedWorker: Worker;
  manager: Agent;
  partner: { worker: Worker; agent: Agent; organisation: { id: string } };
  partnerMemberId: string;
  meetingId: string;
  actionId: string;
  sharedConversationId: string;
  unsharedConversationId: string;
  consentId: string;
}

/**
 * A person, their named worker (a care manager) who sets up the team, a housing officer in
 * it with sharing agreed for their organisation, a meeting, an action the housing officer
 * owns, and two conversations: one shared with the team and one not.
 */
export async function tapScene(app: FastifyInstance, db: Db, now: Date): Promise<TapScene> {
  const { worker: namedWorker, agent: manager } = await signedIn(app, db, { role: 'practitioner' });
  const person = await newPerson(db, {
    givenName: 'Arthur',
    namedWorkerId: namedWorker.id,
    teamId: namedWorker.teamId,
    communicationNeeds: ['large_print'],
    communicationNotes: 'Knock loudly and wait',
  });
  const partner = await newPartner(app, db, 'housing');
  const base = `/people/${person.id}/team`;
  assert.equal((await manager.post(base)).statusCode, 303);
  await manager.get(`${base}/members/new`);
  const added = await manager.post(`${base}/members`, {
    kind: 'worker',
    workerId: partner.worker.id,
    part: 'Keeps the home safe',
  });
  assert.equal(added.statusCode, 303, added.body.slice(0, 500));
  const partnerMemberId = (await memberIds(manager, person.id)).get(partner.worker.name)!;
  assert.ok(partnerMemberId);
  const consented = await manager.post(`${base}/sharing`, consentForm(now, [partner.organisation.id]));
  assert.equal(consented.statusCode, 303, consented.body.slice(0, 2000));
  const consentId = /\/sharing\/([0-9a-f-]{36})\/withdraw/.exec((await manager.get(`${base}/sharing`)).body)![1];
  const arranged = await manager.post(`${base}/meetings`, {
    ...dayParts('startsOn', now, 3),
    startsTime: '10:30',
    place: 'Arthur’s home, 14 Canal Row',
    invitedMemberIds: partnerMemberId,
    personAttends: 'in_person',
    howTheyTakePart: 'In his back room, with tea',
  });
  assert.equal(arranged.statusCode, 303, arranged.body.slice(0, 2000));
  const meetingId = idFrom(arranged.headers.location, 'meetings');
  const action = await manager.post(`${base}/actions`, actionFormFor(now, partnerMemberId, { meetingId }));
  assert.equal(action.statusCode, 303, action.body.slice(0, 2000));
  const actionId = /\/actions\/([0-9a-f-]{36})/.exec((await manager.get(`${base}/meetings/${meetingId}`)).body)![1];
  const shared = await newConversation(db, {
    personId: person.id,
    authorId: namedWorker.id,
    narrative: 'SHARED: Arthur showed me the boiler cupboard.',
  });
  const unshared = await newConversation(db, {
    personId: person.id,
    authorId: namedWorker.id,
    narrative: 'PRIVATE: Arthur talked about Joan.',
  });
  await manager.get(`/conversations/${shared.id}`);
  assert.equal(
    (await manager.post(`/conversations/${shared.id}/share`, { shared: 'yes', withinAgreement: 'yes' })).statusCode,
    303,
  );
  return {
    person,
    namedWorker,
    manager,
    partner,
    partnerMemberId,
    meetingId,
    actionId,
    sharedConversationId: shared.id,
    unsharedConversationId: unshared.id,
    consentId,
  };
}
