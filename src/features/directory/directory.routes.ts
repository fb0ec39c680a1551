import type { FastifyInstance, FastifyReply } from 'fastify';
import { FormRefused, parseForm, StaleVersion, type FormErrors } from '../../platform/forms.js';
import { idParam, pageParam, pagination } from '../../platform/params.js';
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

export default async function directoryRoutes(app: FastifyInstance) {
  app.navigation.push({
    href: '/directory',
    text: 'Directory',
    roles: ['front_door', 'practitioner', 'team_manager', 'quality', 'admin'],
  });
  // The directory holds no personal data: every signed-in worker, partners too, may use it.
  const signedIn = { preHandler: app.requireWorker };
  const editor = { preHandler: app.requireRole(...service.directoryEditors) };

  const common = { statusLabels, formatMoney: service.formatMoney };

  // Finding a resource: one GET form (what is searched for is not personal data).
  app.get('/directory', signedIn, async (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const { input, errors, searched } = parseSearch(query);
    const page = pageParam(query);
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

  app.get('/directory/vacancies', signedIn, async (req, reply) => {
    const done = (req.query as { done?: string }).done;
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

  app.get('/directory/out-of-date', editor, async (req, reply) => {
    const page = pageParam(req.query);
    const { rows, total } = await service.outOfDateResources(req.ctx, page);
    const done = (req.query as { done?: string }).done;
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
  app.get('/directory/suggestions', editor, async (req, reply) => {
    const done = (req.query as { done?: string }).done;
    return reply.page('directory/views/suggestions.njk', {
      title: 'Suggested for the directory',
      rows: await directorySuggestions(req.ctx),
      flash: done === 'set-aside' ? 'Set aside: it will not be added to the directory.' : undefined,
    });
  });

  app.post('/directory/suggestions/:id/set-aside', editor, async (req, reply) => {
    await handleSuggestion(req.ctx, idParam(req.params), false);
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
  app.get('/directory/new', editor, async (req, reply) => {
    const from = (req.query as { suggestion?: string }).suggestion;
    const suggested = from ? await directorySuggestion(req.ctx, idParam({ id: from })) : null;
    const values = suggested
      ? { name: suggested.informalName, description: suggested.informalDetail, suggestion: suggested.id }
      : {};
    return formPage(reply, { title: 'Add a resource', values: { status: 'active', ...values } });
  });

  app.post('/directory', editor, async (req, reply) => {
    const action = (req.body as { action?: string }).action;
    const title = 'Add a resource';
    if (action === 'add-location' || action === 'add-times')
      return formPage(reply, {
        title,
        values: req.body as Record<string, unknown>,
        add: action === 'add-location' ? 'location' : 'times',
      });
    const form = parseResourceForm(req.body);
    if (!form.ok) return formPage(reply.code(400), { title, values: form.values, errors: form.errors });
    try {
      const saved = await service.createResource(req.ctx, form.data);
      const suggestion = (req.body as { suggestion?: string }).suggestion;
      if (suggestion) await handleSuggestion(req.ctx, idParam({ id: suggestion }), true);
      return reply.redirect(`/directory/${saved.id}?done=added`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return formPage(reply.code(400), {
        title,
        values: req.body as Record<string, unknown>,
        errors: { [err.field]: err.message },
      });
    }
  });

  app.get('/directory/:id', signedIn, async (req, reply) => {
    const done = (req.query as { done?: string }).done;
    return resourcePage(reply, idParam(req.params), { flash: done ? flashes[done] : undefined });
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

  app.get('/directory/:id/edit', editor, async (req, reply) => {
    const r = await service.getResource(req.ctx, idParam(req.params));
    if (r.service.withdrawnAt) return reply.redirect(`/directory/${r.service.id}`, 303);
    return formPage(reply, { title: `Change ${r.service.name}`, id: r.service.id, values: service.formValuesOf(r) });
  });

  app.post('/directory/:id', editor, async (req, reply) => {
    const id = idParam(req.params);
    const title = 'Change a resource';
    const action = (req.body as { action?: string }).action;
    if (action === 'add-location' || action === 'add-times')
      return formPage(reply, {
        title,
        id,
        values: req.body as Record<string, unknown>,
        add: action === 'add-location' ? 'location' : 'times',
      });
    const form = parseResourceForm(req.body);
    if (!form.ok) return formPage(reply.code(400), { title, id, values: form.values, errors: form.errors });
    try {
      await service.updateResource(req.ctx, id, form.data);
    } catch (err) {
      if (err instanceof StaleVersion) {
        const theirs = err.current as service.Resource;
        return formPage(reply.code(409), {
          title,
          id,
          values: { ...(req.body as Record<string, unknown>), version: String(theirs.service.version) },
          theirs,
          errors: {
            name: 'Someone else changed this resource while you were editing it. Their version is shown below: check it, then save yours again if it is still right.',
          },
        });
      }
      if (!(err instanceof FormRefused)) throw err;
      return formPage(reply.code(400), {
        title,
        id,
        values: req.body as Record<string, unknown>,
        errors: { [err.field]: err.message },
      });
    }
    return reply.redirect(`/directory/${id}?done=saved`, 303);
  });

  app.post('/directory/:id/check', editor, async (req, reply) => {
    const id = idParam(req.params);
    await service.checkResource(req.ctx, id);
    const from = (req.body as { from?: string }).from;
    return reply.redirect(
      from === 'out-of-date' ? '/directory/out-of-date?done=checked' : `/directory/${id}?done=checked`,
      303,
    );
  });

  app.get('/directory/:id/withdraw', editor, async (req, reply) => {
    const r = await service.getResource(req.ctx, idParam(req.params));
    if (r.service.withdrawnAt) return reply.redirect(`/directory/${r.service.id}`, 303);
    return reply.page('directory/views/withdraw.njk', {
      title: `Withdraw ${r.service.name}`,
      r,
      values: { version: r.service.version },
    });
  });

  app.post('/directory/:id/withdraw', editor, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(withdrawForm, req.body);
    const again = async (errors: FormErrors, values: Record<string, unknown>) => {
      const r = await service.getResource(req.ctx, id);
      return reply
        .code(400)
        .page('directory/views/withdraw.njk', { title: `Withdraw ${r.service.name}`, r, values, errors });
    };
    if (!form.ok) return again(form.errors, form.values);
    try {
      await service.withdrawResource(req.ctx, id, form.data.version, form.data.reason);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return again({ [err.field]: err.message }, form.data);
    }
    return reply.redirect(`/directory/${id}?done=withdrawn`, 303);
  });

  app.post('/directory/:id/reinstate', editor, async (req, reply) => {
    const id = idParam(req.params);
    await service.reinstateResource(req.ctx, id);
    return reply.redirect(`/directory/${id}?done=reinstated`, 303);
  });

  app.post('/directory/:id/vacancies', editor, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(vacancyForm, req.body);
    const fromList = (req.body as { from?: string }).from === 'list';
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
      return again(
        409,
        { placesFree: message },
        { ...(req.body as Record<string, unknown>), _csrf: undefined, seen: c.updatedAt.toISOString() },
      );
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
