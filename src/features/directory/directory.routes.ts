import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormRefused, parseForm, typedValues, type FormErrors } from '../../platform/forms.js';
import { carriedId, idParams, pageQuery, pagination, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom } from '../../platform/roles.js';
import {
  dayLabels,
  milesOptions,
  parseResourceForm,
  parseSearch,
  slotCounts,
  statusLabels,
  vacancyForm,
  withdrawForm,
} from './directory.forms.js';
import { weekdays } from './directory.search.js';
import { directorySuggestion, directorySuggestions, handleSuggestion } from '../connections/connections.service.js';
import * as service from './directory.service.js';

export default async function directoryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.navigation.push({
    href: '/directory',
    text: 'Directory',
    roles: ['front_door', 'practitioner', 'team_manager', 'quality', 'admin'],
  });
  // The directory holds no personal data: every signed-in worker, partners too, may use it.
  app.addHook('preHandler', app.requireWorker);
  const editor = { preHandler: app.requireRole(...service.directoryEditors) };
  const editorWithId = { ...editor, schema: { params: idParams } };
  const doneQuery = z.object({ done: queryText });

  const common = { statusLabels, formatMoney: service.formatMoney };

  // Finding a resource: one GET form (what is searched for is not personal data).
  app.get('/directory', { schema: { querystring: z.looseObject({ page: pageQuery }) } }, async (req, reply) => {
    const query = req.query;
    const { input, errors, searched } = parseSearch(query);
    const page = query.page;
    const choices = await service.searchChoices(req.ctx);
    const data: Record<string, unknown> = {
      ...common,
      title: 'Find a resource',
      values: query,
      input,
      searched,
      needGroups: choices.taxonomies.map((t) => ({
        label: t.name,
        options: t.terms.map((x) => ({ value: x.id, text: x.name, selected: x.id === input.termId })),
      })),
      localityOptions: [
        { value: '', text: 'Anywhere' },
        ...choices.localities.map((l) => ({
          value: l.id,
          text: `${l.name} (${l.prefixes.join(', ')})`,
          selected: l.id === input.localityId,
        })),
      ],
      milesOptions: milesOptions.map((m) => ({
        value: String(m),
        text: `${m} mile${m === 1 ? '' : 's'}`,
        selected: m === input.miles,
      })),
      whenOptions: [
        { value: '', text: 'Any time', selected: !input.when },
        { value: 'now', text: 'Open now', selected: input.when === 'now' },
        ...weekdays.map((d) => ({ value: d, text: `Open on ${dayLabels[d]}`, selected: input.when === d })),
      ],
      canEdit: service.canEditDirectory(req.ctx),
    };
    if (Object.keys(errors).length) return reply.code(400).page('directory/views/search.njk', { ...data, errors });
    if (!searched)
      return reply.page('directory/views/search.njk', { ...data, browse: await service.browseByNeed(req.ctx) });
    try {
      const found = await service.findResources(req.ctx, input, page);
      return reply.page('directory/views/search.njk', {
        ...data,
        ...found,
        page,
        pagination: pagination(req.url, page, found.total, service.PAGE_SIZE),
      });
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return reply.code(400).page('directory/views/search.njk', { ...data, errors: { [err.field]: err.message } });
    }
  });

  app.get('/directory/vacancies', { schema: { querystring: doneQuery } }, async (req, reply) => {
    const done = req.query.done;
    return vacanciesPage(reply, { flash: done === 'vacancies' ? 'Vacancies updated.' : undefined });
  });

  async function vacanciesPage(reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const rows = await service.vacancies(reply.request.ctx);
    return reply.page('directory/views/vacancies.njk', {
      ...common,
      title: 'Care home vacancies',
      free: rows.filter((r) => r.placesFree > 0),
      full: rows.filter((r) => r.placesFree === 0),
      canEdit: service.canEditDirectory(reply.request.ctx),
      values: {},
      ...extra,
    });
  }

  const outOfDateQuery = z.looseObject({ page: pageQuery, done: queryText });
  app.get('/directory/out-of-date', { ...editor, schema: { querystring: outOfDateQuery } }, async (req, reply) => {
    const page = req.query.page;
    const { rows, total } = await service.outOfDateResources(req.ctx, page);
    const done = req.query.done;
    return reply.page('directory/views/out-of-date.njk', {
      ...common,
      title: 'Resources that may be out of date',
      rows,
      total,
      months: req.ctx.config.directoryCheckMonths,
      pagination: pagination(req.url, page, total, 50),
      flash: done === 'checked' ? 'Marked as still correct.' : undefined,
    });
  });

  // What workers connected people to outside the directory and suggested for it.
  app.get('/directory/suggestions', { ...editor, schema: { querystring: doneQuery } }, async (req, reply) => {
    const done = req.query.done;
    return reply.page('directory/views/suggestions.njk', {
      title: 'Suggested for the directory',
      rows: await directorySuggestions(req.ctx),
      flash: done === 'set-aside' ? 'Set aside: it will not be added to the directory.' : undefined,
    });
  });

  app.post('/directory/suggestions/:id/set-aside', editorWithId, async (req, reply) => {
    await handleSuggestion(req.ctx, req.params.id, false);
    return reply.redirect('/directory/suggestions?done=set-aside', 303);
  });

  // Adding and changing a resource
  async function formPage(
    reply: FastifyReply,
    data: {
      title: string;
      id?: string;
      values: Record<string, unknown>;
      errors?: FormErrors;
      theirs?: service.Resource;
      add?: 'location' | 'times';
    },
  ) {
    const { organisations, taxonomies } = await service.resourceFormChoices(reply.request.ctx);
    const v = data.values;
    const slots = slotCounts(v, data.add);
    const chosen = new Set(Array.isArray(v.needs) ? v.needs.map(String) : v.needs ? [String(v.needs)] : []);
    const orgChoice = String(v.organisationId ?? '');
    return reply.page('directory/views/form.njk', {
      ...common,
      ...data,
      locationSlots: [...Array(slots.locations).keys()],
      timeSlots: [...Array(slots.times).keys()].map((i) => {
        const days = v[`times-${i}-days`];
        const picked = new Set(Array.isArray(days) ? days.map(String) : days ? [String(days)] : []);
        return { i, dayItems: weekdays.map((d) => ({ value: d, text: dayLabels[d], checked: picked.has(d) })) };
      }),
      organisationOptions: [
        { value: '', text: 'Choose an organisation' },
        { value: 'new', text: 'A new organisation (give its name below)', selected: orgChoice === 'new' },
        ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === orgChoice })),
      ],
      statusItems: optionsFrom(statusLabels, String(v.status ?? 'active')),
      taxonomies: taxonomies.map((t) => ({
        ...t,
        items: t.terms.map((x) => ({
          value: x.id,
          text: x.name,
          hint: x.description ? { text: x.description } : undefined,
          checked: chosen.has(x.id),
        })),
      })),
      theirsTimes: data.theirs ? data.theirs.openingTimes : [],
    });
  }

  // A resource suggested by a worker who connected someone to it informally: its name and detail to start from.
  const suggestionQuery = z.object({ suggestion: z.unknown().optional() });
  app.get('/directory/new', { ...editor, schema: { querystring: suggestionQuery } }, async (req, reply) => {
    const from = req.query.suggestion;
    const suggested = from ? await directorySuggestion(req.ctx, carriedId(from)) : null;
    const values = suggested
      ? { name: suggested.informalName, description: suggested.informalDetail, suggestion: suggested.id }
      : {};
    return formPage(reply, { title: 'Add a resource', values: { status: 'active', ...values } });
  });

  app.post('/directory', editor, async (req, reply) => {
    const typed = typedValues(req.body);
    const title = 'Add a resource';
    if (typed.action === 'add-location' || typed.action === 'add-times')
      return formPage(reply, { title, values: typed, add: typed.action === 'add-location' ? 'location' : 'times' });
    return submitForm(reply, {
      schema: parseResourceForm,
      body: req.body,
      show: (reply, { values, errors }) => formPage(reply, { title, values, errors }),
      save: async (data) => {
        const saved = await service.createResource(req.ctx, data);
        if (typed.suggestion) await handleSuggestion(req.ctx, carriedId(typed.suggestion), true);
        return saved;
      },
      then: (saved) => `/directory/${saved.id}?done=added`,
      keepTyped: true,
    });
  });

  app.get('/directory/:id', { schema: { params: idParams, querystring: doneQuery } }, async (req, reply) => {
    const done = req.query.done;
    return resourcePage(reply, req.params.id, { flash: done ? flashes[done] : undefined });
  });

  async function resourcePage(reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) {
    const r = await service.getResource(reply.request.ctx, id);
    const now = reply.request.ctx.now;
    return reply.page('directory/views/show.njk', {
      ...common,
      title: r.service.name,
      r,
      vacancy: r.vacancy && {
        ...r.vacancy,
        seen: r.vacancy.updatedAt.toISOString(),
        updatedAgo: service.timeAgo(r.vacancy.updatedAt, now),
        topUp: r.vacancy.topUpWeekly ? service.formatMoney(r.vacancy.topUpWeekly) : null,
      },
      checkedAgo: r.service.checkedAt ? service.timeAgo(r.service.checkedAt, now) : null,
      values: r.vacancy
        ? {
            placesFree: String(r.vacancy.placesFree),
            topUpWeekly: r.vacancy.topUpWeekly ?? '',
            notes: r.vacancy.notes ?? '',
          }
        : {},
      ...extra,
    });
  }

  app.get('/directory/:id/edit', editorWithId, async (req, reply) => {
    const r = await service.getResource(req.ctx, req.params.id);
    if (r.service.withdrawnAt) return reply.redirect(`/directory/${r.service.id}`, 303);
    return formPage(reply, { title: `Change ${r.service.name}`, id: r.service.id, values: service.formValuesOf(r) });
  });

  app.post('/directory/:id', editorWithId, async (req, reply) => {
    const id = req.params.id;
    const title = 'Change a resource';
    const typed = typedValues(req.body);
    if (typed.action === 'add-location' || typed.action === 'add-times')
      return formPage(reply, { title, id, values: typed, add: typed.action === 'add-location' ? 'location' : 'times' });
    return submitForm(reply, {
      schema: parseResourceForm,
      body: req.body,
      show: (reply, { values, errors, theirs }) =>
        formPage(reply, { title, id, values, errors, theirs: theirs as service.Resource | undefined }),
      save: (data) => service.updateResource(req.ctx, id, data),
      then: `/directory/${id}?done=saved`,
      keepTyped: true,
      stale: {
        field: 'name',
        message:
          'Someone else changed this resource while you were editing it. Their version is shown below: check it, then save yours again if it is still right.',
        keepTyped: true,
        carried: (theirs) => ({ version: String((theirs as service.Resource).service.version) }),
      },
    });
  });

  app.post('/directory/:id/check', editorWithId, async (req, reply) => {
    const id = req.params.id;
    await service.checkResource(req.ctx, id);
    const { from } = typedValues(req.body);
    return reply.redirect(
      from === 'out-of-date' ? '/directory/out-of-date?done=checked' : `/directory/${id}?done=checked`,
      303,
    );
  });

  app.get('/directory/:id/withdraw', editorWithId, async (req, reply) => {
    const r = await service.getResource(req.ctx, req.params.id);
    if (r.service.withdrawnAt) return reply.redirect(`/directory/${r.service.id}`, 303);
    return reply.page('directory/views/withdraw.njk', {
      title: `Withdraw ${r.service.name}`,
      r,
      values: { version: r.service.version },
    });
  });

  app.post('/directory/:id/withdraw', editorWithId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: withdrawForm,
      body: req.body,
      show: async (reply, { values, errors }) => {
        const r = await service.getResource(req.ctx, id);
        return reply.page('directory/views/withdraw.njk', { title: `Withdraw ${r.service.name}`, r, values, errors });
      },
      save: (data) => service.withdrawResource(req.ctx, id, data.version, data.reason),
      then: `/directory/${id}?done=withdrawn`,
    });
  });

  app.post('/directory/:id/reinstate', editorWithId, async (req, reply) => {
    const id = req.params.id;
    await service.reinstateResource(req.ctx, id);
    return reply.redirect(`/directory/${id}?done=reinstated`, 303);
  });

  app.post('/directory/:id/vacancies', editorWithId, async (req, reply) => {
    const id = req.params.id;
    const form = parseForm(vacancyForm, req.body);
    const fromList = form.values.from === 'list';
    const again = async (
      status: number,
      errors: FormErrors,
      values: Record<string, unknown>,
      extra: Record<string, unknown> = {},
    ) => {
      // On the list, each home's fields are named after it, so the error summary points at the right row and names the home.
      if (fromList) {
        const { service: home } = await service.getResource(req.ctx, id);
        const keyed = Object.fromEntries(Object.entries(errors).map(([k, m]) => [`${k}-${id}`, `${home.name}: ${m}`]));
        return vacanciesPage(reply.code(status), { errors: keyed, errorId: id, values: { [id]: values }, ...extra });
      }
      return resourcePage(reply.code(status), id, { errors, values, ...extra });
    };
    if (!form.ok) return again(400, form.errors, form.values);
    try {
      await service.updateVacancies(req.ctx, id, form.data);
    } catch (err) {
      if (!(err instanceof service.VacancyChanged)) throw err;
      const c = err.current;
      const message = `${c.updatedByName} updated this ${service.timeAgo(c.updatedAt, req.ctx.now)}: ${c.placesFree} place${c.placesFree === 1 ? '' : 's'} free${c.topUpWeekly !== null ? `, top-up ${service.formatMoney(c.topUpWeekly)} a week` : ''}. Check, then save again.`;
      return again(409, { placesFree: message }, { ...form.values, seen: c.updatedAt.toISOString() });
    }
    return reply.redirect(
      fromList ? '/directory/vacancies?done=vacancies' : `/directory/${id}?done=vacancies#vacancies`,
      303,
    );
  });
}

const flashes: Record<string, string> = {
  added: 'Resource added.',
  saved: 'Resource saved.',
  checked: 'Marked as still correct today.',
  withdrawn: 'Resource withdrawn. It no longer appears in searches.',
  reinstated: 'Resource reinstated. It appears in searches again.',
  vacancies: 'Vacancies updated.',
};
