import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FormErrors } from '../../platform/forms.js';
import { idParams, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom } from '../../platform/roles.js';
import { submissionKeyFor } from '../conversations/conversations.forms.js';
import { urgencyLabels } from '../contacts/contacts.forms.js';
import { concernFields, concernForm, personKnowsLabels } from './concerns.forms.js';
import * as service from './concerns.service.js';
import { addToRecord } from './concerns.record.js';

/** The error summary lists problems in the order of the page: the name's check runs after the rest. */
const pageOrder = [...new Set(concernFields.map((f) => f.replace(/-(day|month|year)$/, '')))];
const inPageOrder = (errors: FormErrors) =>
  Object.fromEntries(Object.entries(errors).sort(([a], [b]) => pageOrder.indexOf(a) - pageOrder.indexOf(b)));

export default async function concernsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', app.requireWorker);
  addToRecord(app.record);
  app.navigation.push({ href: '/concerns/new', text: 'Raise a concern', roles: ['partner'] });
  app.navigation.push({ href: '/concerns', text: 'Concerns from partners', roles: ['front_door'] });

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

  app.get('/concerns/new', async (_req, reply) => formPage(reply, {}));

  app.post('/concerns', async (req, reply) => {
    const typed = (values: Record<string, unknown>) =>
      Object.fromEntries([...concernFields, 'submissionKey'].map((k) => [k, values[k]]));
    return submitForm(reply, {
      schema: concernForm(req.ctx.now),
      body: req.body,
      show: (reply, { values, errors }) => formPage(reply, typed(values), inPageOrder(errors)),
      save: (data) => service.raiseConcern(req.ctx, data),
      then: (raised) => `/concerns/${raised.id}?done=raised`,
      keepTyped: true,
    });
  });

  app.get('/concerns', async (req, reply) => {
    return reply.page('concerns/views/list.njk', {
      title: 'Concerns from partners',
      rows: await service.waitingConcerns(req.ctx),
      now: req.ctx.now.getTime(),
    });
  });

  const concernSchema = { schema: { params: idParams, querystring: z.object({ done: queryText }) } };
  app.get('/concerns/:id', concernSchema, async (req, reply) => {
    const found = await service.concernPage(req.ctx, req.params.id);
    const done = req.query.done;
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
