import type { Db } from '../../db/client.js';
import type { Ctx } from '../../platform/auth.js';
import { NotFound, RestrictedRecord } from '../../platform/errors.js';
import { FormRefused, ukToday } from '../../platform/forms.js';
import { contactSummary } from '../contacts/contacts.service.js';
import { conversationSummary } from '../conversations/conversations.service.js';
import { mustFindPeople, personWriters, requirePerson } from '../people/people.access.js';
import { maskRestrictedPeople } from '../people/people.service.js';
import type { ConnectionInput, ConnectionOutcome, FindResourceInput, FollowUpInput } from './connections.forms.js';
import * as repo from './connections.repository.js';
import { mustEditDirectory } from '../directory/directory.service.js';
import { pointForPostcode, searchServices } from '../directory/directory.search.js';

/** Where a connection is made from: a saved conversation, or a contact. */
export type Source = { kind: 'conversation' | 'contact'; id: string };

/** A withdrawn resource: kept for the history of connections, never chosen for a new one. */
export class Withdrawn extends Error {
  constructor() {
    super('This resource has been withdrawn from the directory');
  }
}

/** Someone else recorded how it went first; theirs stands. */
export class AlreadyFollowedUp extends Error {
  constructor() {
    super('already followed up');
  }
}

/** The conversation or contact, and its person, if this worker may add to their record. */
async function startFrom(ctx: Ctx, source: Source) {
  mustFindPeople(ctx);
  const found =
    source.kind === 'conversation'
      ? await conversationSummary(ctx.db, source.id)
      : await contactSummary(ctx.db, source.id);
  if (!found) throw new NotFound();
  const person = await requirePerson(ctx, found.personId, 'write');
  const at = 'occurredAt' in found ? found.occurredAt : found.receivedAt;
  return { person, source: { ...source, at, href: `/${source.kind}s/${source.id}` } };
}

/** The search page, before anything is searched for. */
export function startConnecting(ctx: Ctx, source: Source) {
  return startFrom(ctx, source);
}

/** Whether a resource may be out of date: not confirmed as still correct within the configured months. */
function outOfDate(ctx: Ctx, checkedAt: Date | null, lastModified: Date) {
  const since = new Date(ctx.now);
  since.setUTCMonth(since.getUTCMonth() - ctx.config.directoryCheckMonths);
  return (checkedAt ?? lastModified).getTime() < since.getTime();
}

/** Resources for the person: by words, and by distance from a postcode (theirs, to start with). */
export async function findResources(ctx: Ctx, source: Source, input: FindResourceInput, limit = 20) {
  const started = await startFrom(ctx, source);
  let near: { latitude: number; longitude: number; metres: number } | undefined;
  if (input.postcode) {
    const point = await pointForPostcode(ctx.db, input.postcode);
    if (!point)
      throw new FormRefused(
        'postcode',
        `We do not know where ${input.postcode} is. Try the first part of the postcode, or leave it blank`,
      );
    near = { ...point, metres: input.metres };
  }
  const { total, rows } = await searchServices(ctx.db, { words: input.words ?? undefined, near }, { limit, offset: 0 });
  return {
    ...started,
    total,
    results: rows.map((r) => ({ ...r, outOfDate: outOfDate(ctx, r.checkedAt, r.lastModified) })),
  };
}

/** The connection form for a chosen resource, which must still be listed. */
export async function startConnection(ctx: Ctx, source: Source, serviceId: string) {
  const started = await startFrom(ctx, source);
  const service = await repo.findService(ctx.db, serviceId);
  if (!service) throw new NotFound();
  if (service.withdrawnAt) throw new Withdrawn();
  return { ...started, service };
}

/** Connects the person to the resource, from the conversation or contact. */
export async function connect(ctx: Ctx, source: Source, serviceId: string, input: ConnectionInput) {
  const { person } = await startConnection(ctx, source, serviceId);
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.insertIfListed(tx, { ...newConnection(ctx, person.id, source, input), serviceId });
    // Withdrawn between showing the form and saving it.
    if (!saved) throw new Withdrawn();
    await ctx.audit(
      {
        action: 'create',
        entity: 'connection',
        entityId: saved.id,
        personId: person.id,
        details: { serviceId, from: source.kind, sourceId: source.id },
      },
      tx,
    );
    return saved;
  });
}

const newConnection = (ctx: Ctx, personId: string, source: Source, input: ConnectionInput) => ({
  personId,
  conversationId: source.kind === 'conversation' ? source.id : null,
  contactId: source.kind === 'contact' ? source.id : null,
  reason: input.reason,
  personWill: input.personWill,
  workerWill: input.workerWill,
  providerWill: input.providerWill,
  followUpOn: input.followUpOn,
  madeById: ctx.worker.id,
  madeAt: ctx.now,
});

/**
 * Connects the person to something that is not in the directory (a neighbour's garden, a
 * friend's offer), with the same follow-up; the worker may suggest it for the directory.
 */
export async function connectInformally(
  ctx: Ctx,
  source: Source,
  input: ConnectionInput & { informal: NonNullable<ConnectionInput['informal']> },
) {
  const { person } = await startFrom(ctx, source);
  return ctx.db.transaction(async (tx) => {
    const saved = await repo.insertInformal(tx, {
      ...newConnection(ctx, person.id, source, input),
      informalName: input.informal.name,
      informalDetail: input.informal.detail,
      suggestedForDirectory: input.informal.suggested,
    });
    await ctx.audit(
      {
        action: 'create',
        entity: 'connection',
        entityId: saved.id,
        personId: person.id,
        details: { informal: true, suggested: input.informal.suggested, from: source.kind, sourceId: source.id },
      },
      tx,
    );
    return saved;
  });
}

/** Informal connections workers suggested for the directory, for its editors to add or set aside. */
export async function directorySuggestions(ctx: Ctx) {
  mustEditDirectory(ctx);
  return repo.suggestions(ctx.db, 100);
}

/** One suggestion, to prefill a new resource from it. */
export async function directorySuggestion(ctx: Ctx, id: string) {
  mustEditDirectory(ctx);
  const found = await repo.suggestion(ctx.db, id);
  if (!found) throw new NotFound();
  return found;
}

/** The editors have decided: added to the directory, or not for it. Decided already (by another editor): theirs stands. */
export async function handleSuggestion(ctx: Ctx, id: string, added: boolean) {
  mustEditDirectory(ctx);
  await ctx.db.transaction(async (tx) => {
    if (await repo.handleSuggestion(tx, id, ctx.now))
      await ctx.audit({ action: 'update', entity: 'directory_suggestion', entityId: id, details: { added } }, tx);
    else if (!(await repo.isSuggestion(tx, id))) throw new NotFound();
  });
}

/**
 * The person of a connection, if this worker may see it (or change it). A record they cannot
 * open is "not found" here: a connection's address says nothing about whose it is.
 */
async function requireConnectionPerson(ctx: Ctx, id: string, need: 'read' | 'write') {
  mustFindPeople(ctx);
  const personId = await repo.personOf(ctx.db, id);
  if (!personId) throw new NotFound();
  try {
    return await requirePerson(ctx, personId, need);
  } catch (err) {
    if (err instanceof RestrictedRecord) throw new NotFound();
    throw err;
  }
}

/** A connection: which resource, why, who will do what, and how it went. */
export async function getConnection(ctx: Ctx, id: string) {
  const person = await requireConnectionPerson(ctx, id, 'read');
  const connection = (await repo.findConnection(ctx.db, id))!;
  await ctx.audit({ action: 'read', entity: 'connection', entityId: id, personId: person.id });
  const today = ukToday(ctx.now);
  return {
    person,
    connection: { ...connection, status: followUpStatus(connection, today) },
    canFollowUp: !connection.outcome && personWriters.includes(ctx.worker.role),
  };
}

/** "How did it go?": recorded once, by anyone who may write to the person's record. */
export async function recordFollowUp(ctx: Ctx, id: string, input: FollowUpInput) {
  const person = await requireConnectionPerson(ctx, id, 'write');
  await ctx.db.transaction(async (tx) => {
    const saved = await repo.recordOutcome(tx, id, input, ctx.worker.id, ctx.now);
    if (!saved) throw new AlreadyFollowedUp();
    await ctx.audit(
      {
        action: 'update',
        entity: 'connection',
        entityId: id,
        personId: person.id,
        details: { outcome: input.outcome },
      },
      tx,
    );
  });
}

const outcomeTags: Record<ConnectionOutcome, { text: string; classes: string }> = {
  helped: { text: 'Helped', classes: 'govuk-tag--green' },
  did_not_help: { text: 'Did not help', classes: 'govuk-tag--orange' },
  did_not_happen: { text: 'Did not happen', classes: 'govuk-tag--grey' },
};

/** How a connection stands: its outcome, or whether its follow-up is due or overdue. */
export function followUpStatus(c: { outcome: ConnectionOutcome | null; followUpOn: string }, today: string) {
  if (c.outcome) return { ...outcomeTags[c.outcome], due: false };
  if (c.followUpOn < today) return { text: 'Follow-up overdue', classes: 'govuk-tag--red', due: true };
  if (c.followUpOn === today) return { text: 'Follow-up due today', classes: 'govuk-tag--yellow', due: true };
  return { text: 'Follow-up not due yet', classes: 'govuk-tag--blue', due: false };
}

const withStatus = (today: string) => (c: repo.ConnectionRow) => ({ ...c, status: followUpStatus(c, today) });

/** For the person's page and timeline, after the people service's access check. */
export async function connectionsOf(db: Db, personId: string, limit: number, today: string) {
  return (await repo.forPerson(db, personId, limit)).map(withStatus(today));
}

/** For a conversation's or contact's page, after that feature's access check to the person. */
export async function connectionsFrom(db: Db, source: Source, today: string) {
  const rows = await repo.fromSource(
    db,
    source.kind === 'conversation' ? { conversationId: source.id } : { contactId: source.id },
  );
  return rows.map(withStatus(today));
}

/**
 * For the worker's home page: follow-ups due today or overdue, for the connections they made
 * and for the people they are named worker for (the one who sticks with the person, so a
 * follow-up is not lost when whoever made it has moved on). Restricted records they can no
 * longer open show no name.
 */
export async function followUpsDue(ctx: Ctx) {
  if (!personWriters.includes(ctx.worker.role)) return [];
  const rows = await repo.dueFor(ctx.db, ctx.worker.id, ukToday(ctx.now));
  const masked = await maskRestrictedPeople(ctx, rows);
  return masked.map((r) =>
    r.masked ? { id: r.id, personId: r.personId, followUpOn: r.followUpOn, masked: true as const } : r,
  );
}
