import type { FastifyInstance, FastifyReply } from 'fastify';
import { FormRefused, parseForm, partsOfDate, ukToday, type FormErrors } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
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
export default async function connectionsRoutes(app: FastifyInstance) {
  addToRecord(app.record);
  const signedIn = { preHandler: app.requireWorker };

  for (const kind of ['conversation', 'contact'] as const) {
    const base = `/${kind}s/:id/connect`;
    const sourceOf = (params: unknown): service.Source => ({ kind, id: idParam(params) });

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

    app.get(base, signedIn, async (req, reply) => {
      const started = await service.startConnecting(req.ctx, sourceOf(req.params));
      // Straight on from a contact resolved by connecting them: it is saved (the browser's draft copy can go); now to whom.
      const saved = kind === 'contact' && (req.query as { done?: string }).done === 'saved';
      const extra = saved
        ? {
            flash:
              'Contact saved. Now say who you connected them to: find it in the directory, or record something that is not in it.',
            finishedDraft: `/people/${started.person.id}/contacts/draft`,
          }
        : {};
      return findPage(reply, started, { postcode: started.person.postcode ?? '', distance: defaultDistance }, extra);
    });

    app.post(base, signedIn, async (req, reply) => {
      const source = sourceOf(req.params);
      const form = parseForm(findResourceForm, req.body);
      if (!form.ok)
        return findPage(reply.code(400), await service.startConnecting(req.ctx, source), form.values, {
          errors: form.errors,
        });
      const typed = req.body as Record<string, unknown>;
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

    app.get(`${base}/informal`, signedIn, async (req, reply) => {
      const started = await service.startConnecting(req.ctx, sourceOf(req.params));
      return formPage(reply, started, partsOfDate('followUpOn', ukToday(req.ctx.now, 14)));
    });

    app.post(`${base}/informal`, signedIn, async (req, reply) => {
      const source = sourceOf(req.params);
      const form = parseForm(connectionForm(req.ctx.now, true), req.body);
      if (!form.ok) {
        const typed = Object.fromEntries(connectionFields.map((k) => [k, form.values[k]]));
        return formPage(reply.code(400), await service.startConnecting(req.ctx, source), typed, form.errors);
      }
      const saved = await service.connectInformally(req.ctx, source, { ...form.data, informal: form.data.informal! });
      return reply.redirect(`/connections/${saved.id}?done=saved`, 303);
    });

    /** A withdrawn resource: back to finding another, with why. */
    const withdrawn = async (reply: FastifyReply, source: service.Source) =>
      findPage(
        reply.code(409),
        await service.startConnecting(reply.request.ctx, source),
        { distance: defaultDistance },
        { errors: { words: withdrawnMessage } },
      );

    app.get(`${base}/:serviceId`, signedIn, async (req, reply) => {
      const source = sourceOf(req.params);
      try {
        const chosen = await service.startConnection(req.ctx, source, idParam(req.params, 'serviceId'));
        return formPage(reply, chosen, partsOfDate('followUpOn', ukToday(req.ctx.now, 14)));
      } catch (err) {
        if (err instanceof service.Withdrawn) return withdrawn(reply, source);
        throw err;
      }
    });

    app.post(`${base}/:serviceId`, signedIn, async (req, reply) => {
      const source = sourceOf(req.params);
      const serviceId = idParam(req.params, 'serviceId');
      const form = parseForm(connectionForm(req.ctx.now), req.body);
      try {
        if (!form.ok) {
          const typed = Object.fromEntries(connectionFields.map((k) => [k, form.values[k]]));
          return formPage(
            reply.code(400),
            await service.startConnection(req.ctx, source, serviceId),
            typed,
            form.errors,
          );
        }
        const saved = await service.connect(req.ctx, source, serviceId, form.data);
        return reply.redirect(`/connections/${saved.id}?done=saved`, 303);
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

  app.get('/connections/:id', signedIn, async (req, reply) => {
    const done = (req.query as { done?: string }).done;
    return connectionPage(reply, idParam(req.params), {
      flash: done === 'saved' ? 'Connection saved.' : done === 'followed-up' ? 'Follow-up recorded.' : undefined,
    });
  });

  app.post('/connections/:id/follow-up', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(followUpForm, req.body);
    if (!form.ok) return connectionPage(reply.code(400), id, { values: form.values, errors: form.errors });
    try {
      await service.recordFollowUp(req.ctx, id, form.data);
    } catch (err) {
      if (err instanceof service.AlreadyFollowedUp)
        return connectionPage(reply.code(409), id, { alreadyFollowedUp: true });
      throw err;
    }
    return reply.redirect(`/connections/${id}?done=followed-up`, 303);
  });
}
