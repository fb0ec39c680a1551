import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  draftData,
  FormRefused,
  parseForm,
  partsOfDate,
  StaleVersion,
  typedValues,
  type FormErrors,
  ukToday,
} from '../../platform/forms.js';
import { carriedId, idParams, pageQuery, pagination, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom } from '../../platform/roles.js';
import { personReaders, personWriters } from '../people/people.access.js';
import { findPeople, mustFindPeopleRoute, mustRegisterRoute } from '../people/people.service.js';
import { connectionsFrom } from '../connections/connections.service.js';
import { personView } from '../people/people.view.js';
import { submissionKeyFor } from '../conversations/conversations.forms.js';
import {
  branchFields,
  channelLabels,
  contactFields,
  contactForm,
  resolutionLabels,
  routeDecisionForm,
  urgencyLabels,
} from './contacts.forms.js';
import { concernToTake, takeWithContact } from '../concerns/concerns.service.js';
import * as service from './contacts.service.js';
import { reportPeriod } from './report-period.js';
import { addToRecord } from './contacts.record.js';

export default async function contactsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', app.requireWorker);
  addToRecord(app.record);
  app.navigation.push({ href: '/contacts/new', text: 'Take a contact', roles: personWriters });
  app.navigation.push({ href: '/teams', text: 'Teams’ work', roles: personReaders });
  app.navigation.push({ href: '/front-door', text: 'Front door', roles: ['front_door', 'team_manager', 'quality'] });
  const withId = { schema: { params: idParams } };
  const contactDraftData = (body: unknown) => draftData(body, contactFields);

  // Urgent contacts nobody has taken, and long waits, are brought to the team manager: every minute, by one instance.
  app.jobs.every(
    'escalate-urgent-contacts',
    60_000,
    async ({ db, now }) => {
      await service.escalateUrgent(db, now(), app.config.urgentEscalationMs);
    },
    { title: 'Bring urgent contacts nobody has taken to the team manager' },
  );
  app.jobs.every(
    'escalate-long-waits',
    60_000,
    async ({ db, now }) => {
      await service.escalateLongWaits(db, now(), app.config.waitingEscalationDays);
    },
    { title: 'Bring contacts that have waited too long to the team manager' },
  );

  app.resumable.push({
    path: /^\/people\/([0-9a-f-]{36})\/contacts(?:\/draft)?$/,
    async resume(ctx, match, fields) {
      await service.saveContactDraft(ctx, match[1], contactDraftData(fields));
      return `/people/${match[1]}/contacts/new`;
    },
  });

  // Step 1: find the person; register them only if they are not known.
  // ?concern=: a partner's concern, taken as a contact: the search starts from their name and date of birth.
  const concernQuery = z.object({ concern: z.unknown().optional() });
  app.get('/contacts/new', { schema: { querystring: concernQuery } }, async (req, reply) => {
    mustRegisterRoute(req.ctx);
    const concernId = req.query.concern;
    if (!concernId) return reply.page('contacts/views/start.njk', { title: 'Take a contact' });
    const concern = await concernToTake(req.ctx, carriedId(concernId));
    if (!concern) return reply.redirect(`/concerns/${concernId}`, 303);
    const born = concern.aboutDateOfBirth ? concern.aboutDateOfBirth.split('-').reverse().map(Number).join('/') : '';
    return startPage(reply, [concern.aboutName, born].filter(Boolean).join(' '), concern);
  });

  app.post('/contacts/find', async (req, reply) => {
    mustRegisterRoute(req.ctx);
    const body = typedValues(req.body);
    const concern = typeof body.concern === 'string' ? await concernToTake(req.ctx, carriedId(body.concern)) : null;
    return startPage(reply, String(body.q ?? '').trim(), concern);
  });

  const startPage = async (reply: FastifyReply, q: string, concern: Awaited<ReturnType<typeof concernToTake>>) => {
    const data = { title: 'Take a contact', q, concern };
    if (!q)
      return reply.code(400).page('contacts/views/start.njk', {
        ...data,
        errors: { q: 'Enter a name, date of birth, NHS number or postcode' },
      });
    const { results } = await findPeople(reply.request.ctx, q);
    return reply.page('contacts/views/start.njk', {
      ...data,
      searched: true,
      results: results.map((r) => (r.masked ? r : personView(r, reply.request.ctx.now))),
    });
  };

  // Step 2: the contact, its conversation and where it goes: on one page with JavaScript (each
  // outcome's questions revealed under it); without, the outcome's questions on a page of their own.
  type Started = Awaited<ReturnType<typeof service.startContact>>;
  type PageExtra = { errors?: FormErrors; draftSavedAt?: Date | null; flash?: string };
  const pageData = ({ person, route, teams }: Started, values: Record<string, unknown>, reply: FastifyReply) => ({
    title: 'Take a contact',
    person: personView(person, reply.request.ctx.now),
    values,
    route,
    channelOptions: optionsFrom(channelLabels, values.channel as string),
    urgencyOptions: optionsFrom(urgencyLabels, (values.urgency as string) ?? 'none'),
    resolutionOptions: optionsFrom(resolutionLabels, values.resolutionKind as string),
    teamOptions: [
      { value: '', text: 'Select a team' },
      ...teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === values.teamId })),
    ],
    submissionKey: submissionKeyFor(values),
  });
  const formPage = (reply: FastifyReply, started: Started, values: Record<string, unknown>, extra: PageExtra = {}) =>
    reply.page('contacts/views/new.njk', { ...pageData(started, values, reply), ...extra });
  /** The second page, without JavaScript: the chosen outcome's questions, the rest carried in hidden fields. */
  const branchPage = (
    reply: FastifyReply,
    started: Started,
    values: Record<string, unknown>,
    extra: PageExtra = {},
  ) => {
    const outcome = values.outcome === 'resolved' ? 'resolved' : 'passed';
    return reply.page('contacts/views/branch.njk', {
      ...pageData(started, values, reply),
      title: outcome === 'resolved' ? 'Take a contact: resolved now' : 'Take a contact: pass it on',
      carried: contactFields.filter((f) => !branchFields[outcome].has(f)),
      channelLabels,
      urgencyLabels,
      ...extra,
    });
  };
  /** Which page a form came from: "first" and "second" only without JavaScript; none, the one page with it. */
  const stepOf = (body: Record<string, unknown>) => {
    const step = body.step;
    return step === 'first' || step === 'second' ? step : 'one';
  };

  const newContact = { params: idParams, querystring: concernQuery };
  app.get('/people/:id/contacts/new', { schema: newContact }, async (req, reply) => {
    const started = await service.startContact(req.ctx, req.params.id);
    const draft = (started.draft?.data as Record<string, unknown>) ?? {};
    // A partner's concern: who got in touch, why and how urgent, as they told it.
    const concernId = req.query.concern;
    const concern = concernId ? await concernToTake(req.ctx, carriedId(concernId)) : null;
    return formPage(
      reply,
      started,
      { ...draft, ...concern?.contactValues },
      { draftSavedAt: started.draft?.updatedAt ?? null },
    );
  });

  app.post('/people/:id/contacts', withId, async (req, reply) => {
    const id = req.params.id;
    const body = typedValues(req.body);
    const action = body.action;
    const step = stepOf(body);
    if (action === 'discard') {
      await service.discardContactDraft(req.ctx, id);
      return reply.redirect(`/people/${id}`, 303);
    }
    if (action === 'draft') {
      const draft = await service.saveContactDraft(req.ctx, id, contactDraftData(body));
      const page = step === 'second' ? branchPage : formPage;
      return page(
        reply,
        await service.startContact(req.ctx, id),
        step === 'second' ? body : (draft.data as Record<string, unknown>),
        { draftSavedAt: draft.updatedAt, flash: 'Draft saved. You can come back to it from your home page.' },
      );
    }
    if (action === 'change') {
      // Back from the second page to the first, with everything typed on both.
      await service.saveContactDraft(req.ctx, id, contactDraftData(body));
      return formPage(reply, await service.startContact(req.ctx, id), body);
    }
    const form = parseForm(contactForm(req.ctx.now), body);
    if (step === 'first' && (body.outcome === 'resolved' || body.outcome === 'passed')) {
      // The first page without JavaScript: its own answers checked, then the outcome's questions.
      const errors = form.ok ? {} : firstPageErrors(form.errors);
      const draft = await service.saveContactDraft(req.ctx, id, contactDraftData(body));
      const started = await service.startContact(req.ctx, id);
      if (Object.keys(errors).length)
        return formPage(reply.code(400), started, body, { errors, draftSavedAt: draft.updatedAt });
      return branchPage(reply, started, body);
    }
    // The second page shows its own questions' problems; any other is the first page's to show.
    const refused = async (errors: FormErrors, extra: PageExtra = {}) => {
      const started = await service.startContact(req.ctx, id);
      if (step !== 'second') return formPage(reply.code(400), started, body, { errors, ...extra });
      if (Object.keys(errors).every((f) => allBranchFields.has(f)))
        return branchPage(reply.code(400), started, body, { errors, ...extra });
      return formPage(reply.code(400), started, body, { errors: firstPageErrors(errors), ...extra });
    };
    if (!form.ok) {
      const draft = await service.saveContactDraft(req.ctx, id, contactDraftData(body));
      return refused(form.errors, { draftSavedAt: draft.updatedAt });
    }
    try {
      const { contact } = await service.recordContact(
        req.ctx,
        id,
        form.data,
        form.data.concernId ? takeWithContact(form.data.concernId) : undefined,
      );
      // Connected to someone who can help: on to whom, from the directory or not, with its follow-up.
      if (contact.resolutionKind === 'connected')
        return reply.redirect(`/contacts/${contact.id}/connect?done=saved`, 303);
      return reply.redirect(`/contacts/${contact.id}?done=saved`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return refused({ [err.field]: err.message });
    }
  });

  app.post('/people/:id/contacts/draft', withId, async (req, reply) => {
    const draft = await service.saveContactDraft(req.ctx, req.params.id, contactDraftData(req.body));
    return reply.header('cache-control', 'no-store').send({ savedAt: draft.updatedAt });
  });

  const contactPage = async (reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) => {
    const found = await service.getContact(reply.request.ctx, id);
    const connections = await connectionsFrom(
      reply.request.ctx.db,
      { kind: 'contact', id },
      ukToday(reply.request.ctx.now),
    );
    return reply.page('contacts/views/show.njk', {
      title: 'Contact',
      ...found,
      connections,
      canConnect: personWriters.includes(reply.request.ctx.worker.role),
      person: personView(found.person, reply.request.ctx.now),
      channelLabels,
      urgencyLabels,
      resolutionLabels,
      localityOptions: [
        { value: '', text: 'Select a locality team' },
        ...found.teams.filter((t) => t.kind === 'locality').map((t) => ({ value: t.id, text: t.name })),
      ],
      values: {},
      ...extra,
    });
  };

  app.get(
    '/contacts/:id',
    { schema: { params: idParams, querystring: z.object({ done: queryText }) } },
    async (req, reply) => {
      const done = req.query.done;
      // Saved for good: the page script forgets this browser's copy of the draft now, not before.
      return contactPage(reply, req.params.id, {
        flash: done ? contactFlashes[done] : undefined,
        draftFinished: done === 'saved',
      });
    },
  );

  app.post('/contacts/:id/take', withId, async (req, reply) => {
    const id = req.params.id;
    try {
      await service.takeContact(req.ctx, id);
    } catch (err) {
      if (err instanceof service.AlreadyTaken)
        return contactPage(reply.code(409), id, { alreadyTaken: { byName: err.byName, at: err.at } });
      if (err instanceof StaleVersion)
        return contactPage(reply.code(409), id, {
          errors: { take: 'Someone changed their record at the same moment. Nothing was changed: try again.' },
        });
      throw err;
    }
    return reply.redirect(`/contacts/${id}?done=taken`, 303);
  });

  app.post('/contacts/:id/route', withId, async (req, reply) => {
    const id = req.params.id;
    try {
      return await submitForm(reply, {
        schema: routeDecisionForm,
        body: req.body,
        show: (reply, view) => contactPage(reply, id, { ...view }),
        save: (data) => service.decideRoute(req.ctx, id, data.teamId, data.reason),
        then: `/contacts/${id}?done=routed`,
      });
    } catch (err) {
      if (!(err instanceof service.AlreadyTaken)) throw err;
      return contactPage(reply.code(409), id, { alreadyTaken: { byName: err.byName, at: err.at } });
    }
  });

  app.post('/contacts/:id/check-back-done', withId, async (req, reply) => {
    await service.checkBackDone(req.ctx, req.params.id);
    return reply.redirect('/?done=check-back', 303);
  });

  // Teams' work, in the open.
  app.get('/teams', async (req, reply) => {
    const teams = await service.waitingEverywhere(req.ctx);
    return reply.page('contacts/views/teams.njk', { title: 'Teams’ work', teams, myTeamId: req.ctx.worker.teamId });
  });

  const teamSchema = { params: idParams, querystring: z.looseObject({ page: pageQuery }) };
  app.get('/teams/:id', { schema: teamSchema }, async (req, reply) => {
    const page = await service.teamPage(req.ctx, req.params.id, req.query.page);
    const show = <T extends { masked: boolean }>(rows: T[]) =>
      rows.map((r) => ({ ...r, person: r.masked ? null : personView(r as never, req.ctx.now) }));
    return reply.page('contacts/views/team.njk', {
      title: page.team.name,
      ...page,
      waiting: show(page.waiting),
      taken: show(page.taken),
      pagination: pagination(req.url, page.page, page.summary.waiting, page.pageSize),
      channelLabels,
      now: req.ctx.now,
    });
  });

  // The period's date boxes as typed (a repeated one as its values joined, as a query string gives them).
  const periodQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]).transform(String));
  app.get('/front-door', { schema: { querystring: periodQuery } }, async (req, reply) => {
    mustFindPeopleRoute(req.ctx);
    const period = reportPeriod(req.query, req.ctx.now);
    if (!period.ok)
      return reply
        .code(400)
        .page('contacts/views/report.njk', { title: 'Front door', errors: period.errors, values: req.query });
    const report = await service.frontDoorReport(req.ctx, period.from, period.to);
    const values = { ...partsOfDate('from', period.fromIso), ...partsOfDate('to', period.toIso) };
    return reply.page('contacts/views/report.njk', { title: 'Front door', ...report, period, values, channelLabels });
  });
}

/** Every field either outcome asks about, as errors name them (a date by its prefix). */
const allBranchFields = new Set<string>([...branchFields.resolved, ...branchFields.passed, 'checkBackOn']);
/** The problems the first page shows, without JavaScript: not its outcome's questions, which come next. */
const firstPageErrors = (errors: FormErrors): FormErrors =>
  Object.fromEntries(Object.entries(errors).filter(([f]) => !allBranchFields.has(f)));

const contactFlashes: Record<string, string> = {
  saved: 'Contact saved.',
  taken: 'You have taken this contact. You are now their named worker.',
  routed: 'Decision recorded. The contact has gone to the team.',
};
