import type { FastifyInstance, FastifyReply } from 'fastify';
import { FormRefused, parseForm, type FormErrors } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { optionsFrom } from '../../platform/roles.js';
import { submissionKeyFor } from '../conversations/conversations.forms.js';
import { urgencyLabels } from '../contacts/contacts.forms.js';
import { concernFields, concernForm, personKnowsLabels } from './concerns.forms.js';
import * as service from './concerns.service.js';
import { addToRecord } from './concerns.record.js';

/** The error summary lists problems in the order of the page: the name's check runs after the rest. */
const pageOrder = [
  'about',
  'aboutName',
  'aboutDateOfBirth',
  'aboutAddress',
  'aboutReach',
  'concern',
  'urgency',
  'personKnows',
  'raiserReach',
];
const inPageOrder = (errors: FormErrors) =>
  Object.fromEntries(Object.entries(errors).sort(([a], [b]) => pageOrder.indexOf(a) - pageOrder.indexOf(b)));

export default async function concernsRoutes(app: FastifyInstance) {
  addToRecord(app.record);
  app.navigation.push({ href: '/concerns/new', text: 'Raise a concern', roles: ['partner'] });
  app.navigation.push({ href: '/concerns', text: 'Concerns from partners', roles: ['front_door'] });
  const signedIn = { preHandler: app.requireWorker };

  const formPage = async (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) => {
    const started = await service.startConcern(reply.request.ctx);
    return reply.page('concerns/views/new.njk', {
      title: 'Raise a concern',
      values: { raiserReach: started.raiserReach, ...values },
      aboutOptions: [
        ...started.people.map((p) => ({ value: p.id, text: p.name, checked: values.about === p.id })),
        ...(started.people.length ? [{ divider: 'or' }] : []),
        {
          value: 'someone_else',
          text: 'Someone else',
          checked: values.about === 'someone_else' || (!started.people.length && !values.about),
        },
      ],
      urgencyOptions: optionsFrom(urgencyLabels, (values.urgency as string) ?? 'none'),
      personKnowsOptions: optionsFrom(personKnowsLabels, values.personKnows as string),
      submissionKey: submissionKeyFor(values),
      errors,
    });
  };

  app.get('/concerns/new', signedIn, async (_req, reply) => formPage(reply, {}));

  app.post('/concerns', signedIn, async (req, reply) => {
    const form = parseForm(concernForm(req.ctx.now), req.body);
    const typed = () =>
      Object.fromEntries([...concernFields, 'submissionKey'].map((k) => [k, (req.body as Record<string, unknown>)[k]]));
    if (!form.ok) return formPage(reply.code(400), typed(), inPageOrder(form.errors));
    try {
      const raised = await service.raiseConcern(req.ctx, form.data);
      return reply.redirect(`/concerns/${raised.id}?done=raised`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return formPage(reply.code(400), typed(), { [err.field]: err.message });
    }
  });

  app.get('/concerns', signedIn, async (req, reply) => {
    return reply.page('concerns/views/list.njk', {
      title: 'Concerns from partners',
      rows: await service.waitingConcerns(req.ctx),
      now: req.ctx.now.getTime(),
    });
  });

  app.get('/concerns/:id', signedIn, async (req, reply) => {
    const found = await service.concernPage(req.ctx, idParam(req.params));
    const done = (req.query as { done?: string }).done;
    return reply.page('concerns/views/show.njk', {
      title: `Concern about ${found.concern.aboutName}`,
      ...found,
      asPartner: req.ctx.worker.role === 'partner',
      urgencyLabels,
      personKnowsLabels,
      flash: done === 'raised' ? 'Concern sent.' : undefined,
    });
  });
}
