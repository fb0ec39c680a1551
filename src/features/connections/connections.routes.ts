import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormRefused, parseForm, partsOfDate, ukToday, type FormErrors } from '../../platform/forms.js';
import { idParams, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom } from '../../platform/roles.js';
import { personView } from '../people/people.view.js';
import {
  connectionFields,
  connectionForm,
  defaultDistance,
  distanceLabels,
  findResourceForm,
  followUpForm,
  outcomeLabels,
} from './connections.forms.js';
import * as service from './connections.service.js';
import { addToRecord } from './connections.record.js';

const sourceLabels = { conversation: 'the conversation', contact: 'the contact' } as const;
const withdrawnMessage =
  'That resource has been withdrawn from the directory, so no one can be connected to it. Choose another.';

/**
 * Connecting a person to a resource, from a saved conversation or a contact: find the
 * resource (the search is sent by POST, so the person's postcode stays out of addresses),
 * choose it, say why and who will do what, and when to follow up. Then, at the follow-up,
 * how it went.
 */
export default async function connectionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', app.requireWorker);
  addToRecord(app.record);
  const withId = { schema: { params: idParams } };
  const withService = { schema: { params: idParams.extend({ serviceId: z.uuid() }) } };

  for (const kind of ['conversation', 'contact'] as const) {
    const base = `/${kind}s/:id/connect`;
    const sourceOf = (params: { id: string }): service.Source => ({ kind, id: params.id });
    /** What was typed into the connection form, to show again. */
    const typedConnection = (values: Record<string, unknown>) =>
      Object.fromEntries(connectionFields.map((k) => [k, values[k]]));

    type Started = Awaited<ReturnType<typeof service.startConnecting>>;
    const findPage = (
      reply: FastifyReply,
      started: Started,
      values: Record<string, unknown>,
      extra: Record<string, unknown> = {},
    ) =>
      reply.page('connections/views/find.njk', {
        title: 'Connect to a resource',
        person: personView(started.person, reply.request.ctx.now),
        source: { ...started.source, label: sourceLabels[kind] },
        values,
        distanceOptions: optionsFrom(distanceLabels, String(values.distance ?? defaultDistance)),
        ...extra,
      });

    app.get(base, { schema: { params: idParams, querystring: z.object({ done: queryText }) } }, async (req, reply) => {
      const started = await service.startConnecting(req.ctx, sourceOf(req.params));
      // Straight on from a contact resolved by connecting them: it is saved (the browser's draft copy can go); now to whom.
      const saved = kind === 'contact' && req.query.done === 'saved';
      const extra = saved
        ? {
            flash:
              'Contact saved. Now say who you connected them to: find it in the directory, or record something that is not in it.',
            finishedDraft: `/people/${started.person.id}/contacts/draft`,
          }
        : {};
      return findPage(reply, started, { postcode: started.person.postcode ?? '', distance: defaultDistance }, extra);
    });

    app.post(base, withId, async (req, reply) => {
      const source = sourceOf(req.params);
      const form = parseForm(findResourceForm, req.body);
      if (!form.ok)
        return findPage(reply.code(400), await service.startConnecting(req.ctx, source), form.values, {
          errors: form.errors,
        });
      const typed = form.values;
      try {
        const found = await service.findResources(req.ctx, source, form.data);
        return findPage(reply, found, typed, { searched: true, total: found.total, results: found.results });
      } catch (err) {
        if (!(err instanceof FormRefused)) throw err;
        return findPage(reply.code(400), await service.startConnecting(req.ctx, source), typed, {
          errors: { [err.field]: err.message },
        });
      }
    });

    // A resource chosen from the directory, or (with no service) an informal connection.
    type Chosen = Started & { service?: Awaited<ReturnType<typeof service.startConnection>>['service'] };
    const formPage = (reply: FastifyReply, chosen: Chosen, values: Record<string, unknown>, errors?: FormErrors) =>
      reply.page('connections/views/new.njk', {
        title: chosen.service ? `Connect to ${chosen.service.name}` : 'Connect to something not in the directory',
        person: personView(chosen.person, reply.request.ctx.now),
        source: { ...chosen.source, label: sourceLabels[kind] },
        service: chosen.service,
        action: `/${kind}s/${chosen.source.id}/connect/${chosen.service?.id ?? 'informal'}`,
        values,
        errors,
      });

    app.get(`${base}/informal`, withId, async (req, reply) => {
      const started = await service.startConnecting(req.ctx, sourceOf(req.params));
      return formPage(reply, started, partsOfDate('followUpOn', ukToday(req.ctx.now, 14)));
    });

    app.post(`${base}/informal`, withId, async (req, reply) => {
      const source = sourceOf(req.params);
      return submitForm(reply, {
        schema: connectionForm(req.ctx.now, true),
        body: req.body,
        show: async (reply, { values, errors }) =>
          formPage(reply, await service.startConnecting(req.ctx, source), typedConnection(values), errors),
        save: (data) => service.connectInformally(req.ctx, source, { ...data, informal: data.informal! }),
        then: (saved) => `/connections/${saved.id}?done=saved`,
        keepTyped: true,
      });
    });

    /** A withdrawn resource: back to finding another, with why. */
    const withdrawn = async (reply: FastifyReply, source: service.Source) =>
      findPage(
        reply.code(409),
        await service.startConnecting(reply.request.ctx, source),
        { distance: defaultDistance },
        { errors: { words: withdrawnMessage } },
      );

    app.get(`${base}/:serviceId`, withService, async (req, reply) => {
      const source = sourceOf(req.params);
      try {
        const chosen = await service.startConnection(req.ctx, source, req.params.serviceId);
        return formPage(reply, chosen, partsOfDate('followUpOn', ukToday(req.ctx.now, 14)));
      } catch (err) {
        if (err instanceof service.Withdrawn) return withdrawn(reply, source);
        throw err;
      }
    });

    app.post(`${base}/:serviceId`, withService, async (req, reply) => {
      const source = sourceOf(req.params);
      const serviceId = req.params.serviceId;
      try {
        return await submitForm(reply, {
          schema: connectionForm(req.ctx.now),
          body: req.body,
          show: async (reply, { values, errors }) =>
            formPage(reply, await service.startConnection(req.ctx, source, serviceId), typedConnection(values), errors),
          save: (data) => service.connect(req.ctx, source, serviceId, data),
          then: (saved) => `/connections/${saved.id}?done=saved`,
          keepTyped: true,
        });
      } catch (err) {
        if (err instanceof service.Withdrawn) return withdrawn(reply, source);
        throw err;
      }
    });
  }

  const connectionPage = async (reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) => {
    const found = await service.getConnection(reply.request.ctx, id);
    const values = (extra.values as Record<string, unknown> | undefined) ?? {};
    return reply.page('connections/views/show.njk', {
      title: `Connection to ${found.connection.serviceName}`,
      ...found,
      person: personView(found.person, reply.request.ctx.now),
      outcomeLabels,
      outcomeOptions: optionsFrom(outcomeLabels, values.outcome as string),
      values,
      ...extra,
    });
  };

  app.get(
    '/connections/:id',
    { schema: { params: idParams, querystring: z.object({ done: queryText }) } },
    async (req, reply) => {
      const done = req.query.done;
      return connectionPage(reply, req.params.id, {
        flash: done === 'saved' ? 'Connection saved.' : done === 'followed-up' ? 'Follow-up recorded.' : undefined,
      });
    },
  );

  app.post('/connections/:id/follow-up', withId, async (req, reply) => {
    const id = req.params.id;
    try {
      return await submitForm(reply, {
        schema: followUpForm,
        body: req.body,
        show: (reply, { values, errors }) => connectionPage(reply, id, { values, errors }),
        save: (data) => service.recordFollowUp(req.ctx, id, data),
        then: `/connections/${id}?done=followed-up`,
      });
    } catch (err) {
      if (!(err instanceof service.AlreadyFollowedUp)) throw err;
      return connectionPage(reply.code(409), id, { alreadyFollowedUp: true });
    }
  });
}
