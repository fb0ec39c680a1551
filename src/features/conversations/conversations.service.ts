import type { Db } from '../../db/client.js';
import type { ConversationKind } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, ukToday } from '../../platform/forms.js';
import { saveOnce } from '../../platform/submission-keys.js';
import { requirePerson } from '../people/people.access.js';
import type { ConversationInput } from './conversations.forms.js';
import * as repo from './conversations.repository.js';
import { findJargon } from './plain-language.js';

const DRAFT = 'conversation';

/** The form for a new conversation, with the worker's draft for this person if there is one. */
export async function newConversation(ctx: Ctx, personId: string) {
  const person = await requirePerson(ctx, personId, 'write');
  const draft = await repo.findDraft(ctx.db, ctx.worker.id, personId, DRAFT);
  if (draft) await ctx.audit({ action: 'read', entity: 'draft', entityId: draft.id, personId });
  return { person, draft };
}

/** Keeps what has been typed so far. Called by autosave and by the "Save draft" button. */
export async function saveDraft(ctx: Ctx, personId: string, data: Record<string, string>) {
  await requirePerson(ctx, personId, 'write');
  const draft = await repo.upsertDraft(ctx.db, ctx.worker.id, personId, DRAFT, data, ctx.now);
  await ctx.audit({
    action: 'update',
    entity: 'draft',
    entityId: draft.id,
    personId,
    details: { fields: Object.keys(data).length },
  });
  return draft;
}

export async function discardDraft(ctx: Ctx, personId: string) {
  await requirePerson(ctx, personId, 'write');
  await repo.deleteDraft(ctx.db, ctx.worker.id, personId, DRAFT);
  await ctx.audit({ action: 'delete', entity: 'draft', personId });
}

/**
 * Saves a conversation for good (it can only be amended after this) and clears the draft. The
 * same form sent again (same submission key) gets the conversation its first send saved.
 */
export async function recordConversation(ctx: Ctx, personId: string, input: ConversationInput) {
  await requirePerson(ctx, personId, 'write');
  return saveOnce(input.submissionKey, {
    find: (key) => repo.findBySubmissionKey(ctx.db, key),
    mine: (c) => c.authorId === ctx.worker.id && c.personId === personId,
    save: (submissionKey) =>
      ctx.db.transaction(async (tx) => {
        const conversation = await addConversation(ctx, personId, { ...input, submissionKey }, tx);
        await repo.deleteDraft(tx, ctx.worker.id, personId, DRAFT);
        return conversation;
      }),
  });
}

/**
 * Saves a conversation inside a larger change's transaction (a contact at the front door).
 * The calling service has already checked write access to the person: checking again here,
 * outside the transaction, would wait on it.
 */
export async function addConversation(ctx: Ctx, personId: string, input: ConversationInput, db: Db) {
  const conversation = await repo.insertConversation(db, {
    ...input,
    personId,
    authorId: ctx.worker.id,
    teamId: ctx.worker.teamId,
    createdAt: ctx.now,
  });
  await ctx.audit(
    { action: 'create', entity: 'conversation', entityId: conversation.id, personId, details: { kind: input.kind } },
    db,
  );
  return conversation;
}

/** A conversation with its amendments and any jargon in it; the person's access check first. */
export async function getConversation(ctx: Ctx, id: string) {
  const found = await repo.findConversation(ctx.db, id);
  if (!found) throw new NotFound();
  const person = await requirePerson(ctx, found.conversation.personId);
  const [amendments, terms] = await Promise.all([repo.amendments(ctx.db, id), repo.jargon(ctx.db)]);
  const c = found.conversation;
  const jargon = findJargon(
    {
      narrative: c.narrative,
      whatMatters: c.whatMatters,
      agreed: c.agreed,
      whatHappensNext: c.whatHappensNext,
      ...Object.fromEntries(amendments.map((a) => [`amendment-${a.id}`, a.correction])),
    },
    terms,
  );
  await ctx.audit({ action: 'read', entity: 'conversation', entityId: id, personId: person.id });
  return { ...found, person, amendments, jargon };
}

/** The conversation for the correction form: only for those who may change the person's record. */
export async function conversationToAmend(ctx: Ctx, id: string) {
  const found = await repo.findConversation(ctx.db, id);
  if (!found) throw new NotFound();
  await requirePerson(ctx, found.conversation.personId, 'write');
  return getConversation(ctx, id);
}

export async function amendConversation(ctx: Ctx, id: string, input: { reason: string; correction: string }) {
  const found = await repo.findConversation(ctx.db, id);
  if (!found) throw new NotFound();
  await requirePerson(ctx, found.conversation.personId, 'write');
  return ctx.db.transaction(async (tx) => {
    const amendment = await repo.insertAmendment(tx, {
      conversationId: id,
      ...input,
      authorId: ctx.worker.id,
      createdAt: ctx.now,
    });
    await ctx.audit(
      {
        action: 'amend',
        entity: 'conversation',
        entityId: id,
        personId: found.conversation.personId,
        reason: input.reason,
      },
      tx,
    );
    return amendment;
  });
}

/** Drafts of other kinds of record (a contact, say), for the features that own them; they check access first. */
export function draftOf(ctx: Ctx, personId: string, kind: string) {
  return repo.findDraft(ctx.db, ctx.worker.id, personId, kind);
}

export async function saveDraftOf(ctx: Ctx, personId: string, kind: string, data: Record<string, string>) {
  const draft = await repo.upsertDraft(ctx.db, ctx.worker.id, personId, kind, data, ctx.now);
  await ctx.audit({
    action: 'update',
    entity: 'draft',
    entityId: draft.id,
    personId,
    details: { kind, fields: Object.keys(data).length },
  });
  return draft;
}

export function discardDraftOf(ctx: Ctx, personId: string, kind: string, db: Db = ctx.db) {
  return repo.deleteDraft(db, ctx.worker.id, personId, kind);
}

/** What a conversation is and whose, for features that start from it (a connection); they check access to the person. */
export async function conversationSummary(db: Db, id: string) {
  const found = await repo.findConversation(db, id);
  return (
    found && {
      id,
      personId: found.conversation.personId,
      kind: found.conversation.kind,
      occurredAt: found.conversation.occurredAt,
    }
  );
}

/** For the person's page and timeline, after the people service's access check. */
export function conversationsOf(
  db: Db,
  personId: string,
  kind: ConversationKind | undefined,
  limit: number,
  offset = 0,
) {
  return repo.forPerson(db, personId, kind, limit, offset);
}

export function upcomingCheckBacks(db: Db, personId: string, today: string) {
  return repo.upcomingForPerson(db, personId, today);
}

/** For the worker's home page: their unfinished drafts (conversations and contacts). */
export function draftsOf(ctx: Ctx) {
  return repo.draftsOf(ctx.db, ctx.worker.id);
}

/** For the worker's home page: the check backs they set that are due within a week. */
export function checkBacksDue(ctx: Ctx) {
  return repo.checkBacksDue(ctx.db, ctx.worker.id, ukToday(ctx.now, 7));
}

/** For a team manager's home page: check backs in their team that are past their date. */
export function overdueCheckBacksInTeam(ctx: Ctx) {
  if (ctx.worker.role !== 'team_manager' || !ctx.worker.teamId) return Promise.resolve([]);
  return repo.overdueCheckBacksInTeam(ctx.db, ctx.worker.teamId, ctx.worker.id, ukToday(ctx.now));
}

export function jargonTerms(db: Db) {
  return repo.jargon(db);
}

/** The jargon in a saved record's fields (a contact, a team meeting), for the warning on its page. */
export async function jargonIn(db: Db, fields: Record<string, string | null | undefined>) {
  return findJargon(fields, await repo.jargon(db));
}

function mustAdminister(ctx: Ctx) {
  if (ctx.worker.role !== 'admin') throw new AccessDenied();
}

export async function addJargon(ctx: Ctx, term: string, plainer: string) {
  mustAdminister(ctx);
  const saved = await repo.insertJargon(ctx.db, term, plainer);
  if (!saved) throw new FormRefused('term', 'That word is already on the list');
  await ctx.audit({ action: 'create', entity: 'jargon_term', entityId: saved.id });
}

export async function removeJargon(ctx: Ctx, id: string) {
  mustAdminister(ctx);
  const removed = await repo.deleteJargon(ctx.db, id);
  if (!removed) throw new NotFound();
  await ctx.audit({ action: 'delete', entity: 'jargon_term', entityId: id });
}
