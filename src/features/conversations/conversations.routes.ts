import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Person } from '../../db/schema/index.js';
import { draftData, partsOfDate, typedValues, type FormErrors, ukToday } from '../../platform/forms.js';
import { idParams, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom } from '../../platform/roles.js';
import { connectionsFrom } from '../connections/connections.service.js';
import { personWriters } from '../people/people.access.js';
import { personView } from '../people/people.view.js';
import {
  amendmentForm,
  conversationForm,
  conversationKindHints,
  conversationFields,
  conversationKindLabels,
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

export default async function conversationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', app.requireWorker);
  addToRecord(app.record);
  app.navigation.push({ href: '/admin/plain-language', text: 'Plain language', roles: ['admin'] });
  const withId = { schema: { params: idParams } };
  app.resumable.push({
    path: /^\/people\/([0-9a-f-]{36})\/conversations(?:\/draft)?$/,
    async resume(ctx, match, fields) {
      await service.saveDraft(ctx, match[1], draftData(fields, conversationFields));
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

  app.get('/people/:id/conversations/new', withId, async (req, reply) => {
    const { person, draft } = await service.newConversation(req.ctx, req.params.id);
    const today = ukToday(req.ctx.now);
    const values = draft ? draft.data : { ...partsOfDate('occurred', today) };
    return formPage(reply, person, values as Record<string, unknown>, { draftSavedAt: draft?.updatedAt ?? null });
  });

  // One form, three buttons: save the conversation, keep it as a draft, or throw the draft away.
  app.post('/people/:id/conversations', withId, async (req, reply) => {
    const id = req.params.id;
    const { action } = typedValues(req.body);
    if (action === 'discard') {
      await service.discardDraft(req.ctx, id);
      return reply.redirect(`/people/${id}`, 303);
    }
    if (action === 'draft') {
      const { person } = await service.newConversation(req.ctx, id);
      const draft = await service.saveDraft(req.ctx, id, draftData(req.body, conversationFields));
      return formPage(reply, person, draft.data as Record<string, unknown>, {
        draftSavedAt: draft.updatedAt,
        flash: 'Draft saved. You can come back to it from your home page.',
      });
    }
    return submitForm(reply, {
      schema: conversationForm(req.ctx.now),
      body: req.body,
      // Keep what was typed as a draft too, so nothing is lost if they leave now.
      show: async (reply, { values, errors }) => {
        const draft = await service.saveDraft(req.ctx, id, draftData(req.body, conversationFields));
        const { person } = await service.newConversation(req.ctx, id);
        return formPage(reply, person, values, { errors, draftSavedAt: draft.updatedAt });
      },
      save: (data) => service.recordConversation(req.ctx, id, data),
      then: (conversation) => `/conversations/${conversation.id}?done=saved`,
    });
  });

  // Autosave, from the page's script: JSON in, JSON out.
  app.post('/people/:id/conversations/draft', withId, async (req, reply) => {
    const draft = await service.saveDraft(req.ctx, req.params.id, draftData(req.body, conversationFields));
    return reply.header('cache-control', 'no-store').send({ savedAt: draft.updatedAt });
  });

  const doneQuery = z.object({ done: queryText });
  app.get('/conversations/:id', { schema: { params: idParams, querystring: doneQuery } }, async (req, reply) => {
    const found = await service.getConversation(req.ctx, req.params.id);
    const done = req.query.done;
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

  app.get('/conversations/:id/amend', withId, async (req, reply) => amendPage(reply, req.params.id));

  app.post('/conversations/:id/amend', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: amendmentForm,
      body: req.body,
      show: (reply, view) => amendPage(reply, id, { ...view }),
      save: (data) => service.amendConversation(req.ctx, id, data),
      then: `/conversations/${id}?done=amended`,
    });
  });

  // The jargon list for the page script's as-you-type hints. Not personal data.
  app.get('/plain-language/terms', async (_req, reply) => {
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

  app.get('/admin/plain-language', { ...admin, schema: { querystring: doneQuery } }, async (req, reply) =>
    jargonPage(reply, { flash: req.query.done ? 'Saved.' : undefined }),
  );

  app.post('/admin/plain-language', admin, async (req, reply) =>
    submitForm(reply, {
      schema: jargonForm,
      body: req.body,
      show: (reply, view) => jargonPage(reply, { ...view }),
      save: (data) => service.addJargon(req.ctx, data.term, data.plainer),
      then: '/admin/plain-language?done=1',
    }),
  );

  app.post('/admin/plain-language/:id/remove', { ...admin, schema: { params: idParams } }, async (req, reply) => {
    await service.removeJargon(req.ctx, req.params.id);
    return reply.redirect('/admin/plain-language?done=1', 303);
  });
}
