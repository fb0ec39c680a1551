import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Person } from '../../db/schema/index.js';
import { FormRefused, parseForm, partsOfDate, type FormErrors, ukToday } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { optionsFrom } from '../../platform/roles.js';
import { connectionsFrom } from '../connections/connections.service.js';
import { personWriters } from '../people/people.access.js';
import { personView } from '../people/people.view.js';
import {
  amendmentForm,
  conversationForm,
  conversationKindHints,
  conversationKindLabels,
  draftData,
  submissionKeyFor,
} from './conversations.forms.js';
import * as service from './conversations.service.js';
import { shareStateOf } from '../team-around-the-person/tap.service.js';
import { addToRecord } from './conversations.record.js';

const jargonForm = z.object({
  term: z.string().trim().min(1, 'Enter the word or acronym').max(60, 'The word must be 60 characters or fewer'),
  plainer: z
    .string()
    .trim()
    .min(1, 'Enter plainer words to use instead')
    .max(300, 'Plainer words must be 300 characters or fewer'),
});

const flashes: Record<string, string> = {
  saved: 'Conversation saved.',
  amended: 'Amendment saved. The original stays as it was.',
  shared: 'Shared with the team around the person.',
  unshared: 'No longer shared with the team around the person.',
};

export default async function conversationsRoutes(app: FastifyInstance) {
  addToRecord(app.record);
  app.navigation.push({ href: '/admin/plain-language', text: 'Plain language', roles: ['admin'] });
  const signedIn = { preHandler: app.requireWorker };
  app.resumable.push({
    path: /^\/people\/([0-9a-f-]{36})\/conversations(?:\/draft)?$/,
    async resume(ctx, match, fields) {
      await service.saveDraft(ctx, match[1], draftData(fields));
      return `/people/${match[1]}/conversations/new`;
    },
  });

  const formPage = (
    reply: FastifyReply,
    person: Person,
    values: Record<string, unknown>,
    extra: { errors?: FormErrors; draftSavedAt?: Date | null; flash?: string } = {},
  ) =>
    reply.page('conversations/views/new.njk', {
      title: 'Record a conversation',
      person: personView(person, reply.request.ctx.now),
      values,
      kindOptions: optionsFrom(conversationKindLabels, values.kind as string).map((o) => ({
        ...o,
        hint: { text: conversationKindHints[o.value] },
      })),
      submissionKey: submissionKeyFor(values),
      ...extra,
    });

  app.get('/people/:id/conversations/new', signedIn, async (req, reply) => {
    const { person, draft } = await service.newConversation(req.ctx, idParam(req.params));
    const today = ukToday(req.ctx.now);
    const values = draft ? draft.data : { ...partsOfDate('occurred', today) };
    return formPage(reply, person, values as Record<string, unknown>, { draftSavedAt: draft?.updatedAt ?? null });
  });

  // One form, three buttons: save the conversation, keep it as a draft, or throw the draft away.
  app.post('/people/:id/conversations', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const action = (req.body as { action?: string }).action;
    if (action === 'discard') {
      await service.discardDraft(req.ctx, id);
      return reply.redirect(`/people/${id}`, 303);
    }
    if (action === 'draft') {
      const { person } = await service.newConversation(req.ctx, id);
      const draft = await service.saveDraft(req.ctx, id, draftData(req.body));
      return formPage(reply, person, draft.data as Record<string, unknown>, {
        draftSavedAt: draft.updatedAt,
        flash: 'Draft saved. You can come back to it from your home page.',
      });
    }
    const form = parseForm(conversationForm(req.ctx.now), req.body);
    if (!form.ok) {
      // Keep what was typed as a draft too, so nothing is lost if they leave now.
      const draft = await service.saveDraft(req.ctx, id, draftData(req.body));
      const { person } = await service.newConversation(req.ctx, id);
      return formPage(reply.code(400), person, form.values, { errors: form.errors, draftSavedAt: draft.updatedAt });
    }
    const conversation = await service.recordConversation(req.ctx, id, form.data);
    return reply.redirect(`/conversations/${conversation.id}?done=saved`, 303);
  });

  // Autosave, from the page's script: JSON in, JSON out.
  app.post('/people/:id/conversations/draft', signedIn, async (req, reply) => {
    const draft = await service.saveDraft(req.ctx, idParam(req.params), draftData(req.body));
    return reply.header('cache-control', 'no-store').send({ savedAt: draft.updatedAt });
  });

  app.get('/conversations/:id', signedIn, async (req, reply) => {
    const found = await service.getConversation(req.ctx, idParam(req.params));
    const done = (req.query as { done?: string }).done;
    const connections = await connectionsFrom(
      req.ctx.db,
      { kind: 'conversation', id: found.conversation.id },
      ukToday(req.ctx.now),
    );
    return reply.page('conversations/views/show.njk', {
      title: conversationKindLabels[found.conversation.kind],
      ...found,
      connections,
      canConnect: personWriters.includes(req.ctx.worker.role),
      sharing: await shareStateOf(req.ctx, found.conversation.id, found.person),
      person: personView(found.person, req.ctx.now),
      kindLabel: conversationKindLabels[found.conversation.kind],
      flash: flashes[done ?? ''],
      // Saved for good: the page script forgets this browser's copy of the draft now, not before.
      draftFinished: done === 'saved',
    });
  });

  const amendPage = async (reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) => {
    const found = await service.conversationToAmend(reply.request.ctx, id);
    return reply.page('conversations/views/amend.njk', {
      title: 'Correct this conversation',
      ...found,
      person: personView(found.person, reply.request.ctx.now),
      kindLabel: conversationKindLabels[found.conversation.kind],
      values: {},
      ...extra,
    });
  };

  app.get('/conversations/:id/amend', signedIn, async (req, reply) => amendPage(reply, idParam(req.params)));

  app.post('/conversations/:id/amend', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(amendmentForm, req.body);
    if (!form.ok) return amendPage(reply.code(400), id, form);
    await service.amendConversation(req.ctx, id, form.data);
    return reply.redirect(`/conversations/${id}?done=amended`, 303);
  });

  // The jargon list for the page script's as-you-type hints. Not personal data.
  app.get('/plain-language/terms', signedIn, async (_req, reply) => {
    const terms = await service.jargonTerms(app.db);
    return reply
      .header('cache-control', 'private, max-age=300')
      .send(terms.map((t) => ({ term: t.term, plainer: t.plainer })));
  });

  const admin = { preHandler: app.requireRole('admin') };
  const jargonPage = async (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.page('conversations/views/plain-language.njk', {
      title: 'Plain language',
      terms: await service.jargonTerms(app.db),
      values: {},
      ...extra,
    });

  app.get('/admin/plain-language', admin, async (req, reply) =>
    jargonPage(reply, { flash: (req.query as { done?: string }).done ? 'Saved.' : undefined }),
  );

  app.post('/admin/plain-language', admin, async (req, reply) => {
    const form = parseForm(jargonForm, req.body);
    if (!form.ok) return jargonPage(reply.code(400), form);
    try {
      await service.addJargon(req.ctx, form.data.term, form.data.plainer);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return jargonPage(reply.code(400), { values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect('/admin/plain-language?done=1', 303);
  });

  app.post('/admin/plain-language/:id/remove', admin, async (req, reply) => {
    await service.removeJargon(req.ctx, idParam(req.params));
    return reply.redirect('/admin/plain-language?done=1', 303);
  });
}
