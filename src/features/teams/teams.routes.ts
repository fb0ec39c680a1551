import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Team } from '../../db/schema/index.js';
import { FormRefused, parseForm, StaleVersion, type FormErrors } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
import { optionsFrom, organisationKindLabels, teamKindLabels } from '../../platform/roles.js';
import { editTeamForm, normalisePrefix, organisationForm, postcodeAreaForm, teamForm } from './teams.forms.js';
import * as service from './teams.service.js';

export default async function teamsRoutes(app: FastifyInstance) {
  app.navigation.push({ href: '/admin/teams', text: 'Teams', roles: ['admin'] });
  app.navigation.push({ href: '/admin/postcode-map', text: 'Postcode map', roles: ['admin'] });
  const admin = { preHandler: app.requireRole('admin') };

  async function showTeamForm(
    reply: FastifyReply,
    data: { title: string; id?: string; values: Record<string, unknown>; errors?: FormErrors; theirs?: Team },
  ) {
    const { organisations } = await service.organisationsAndTeams(app.db);
    return reply.page('teams/views/team-form.njk', {
      ...data,
      kindOptions: optionsFrom(teamKindLabels, data.values.kind as string),
      organisationOptions: [
        { value: '', text: 'Select an organisation' },
        ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === data.values.organisationId })),
      ],
    });
  }

  async function showTeams(reply: FastifyReply, includeInactive: boolean, extra: Record<string, unknown> = {}) {
    const { organisations, teams } = await service.listTeams(reply.request.ctx, includeInactive);
    return reply.page('teams/views/teams.njk', {
      title: 'Teams and organisations',
      organisations: organisations.map((o) => ({
        ...o,
        kindLabel: organisationKindLabels[o.kind],
        teams: teams.filter((t) => t.organisationId === o.id),
      })),
      teamKindLabels,
      includeInactive,
      organisationKindOptions: optionsFrom(organisationKindLabels),
      ...extra,
    });
  }

  app.get('/admin/teams', admin, async (req, reply) => {
    const q = req.query as { inactive?: string; done?: string };
    return showTeams(reply, q.inactive === 'yes', {
      flash: q.done === 'organisation' ? 'Organisation added.' : undefined,
    });
  });

  app.post('/admin/organisations', admin, async (req, reply) => {
    const form = parseForm(organisationForm, req.body);
    const fail = (errors: FormErrors, values: Record<string, unknown>) =>
      showTeams(reply.code(400), false, {
        orgErrors: errors,
        orgValues: values,
        organisationKindOptions: optionsFrom(organisationKindLabels, values.kind as string),
      });
    if (!form.ok) return fail(form.errors, form.values);
    try {
      await service.createOrganisation(req.ctx, form.data);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return fail({ [err.field]: err.message }, form.data);
    }
    return reply.redirect('/admin/teams?done=organisation', 303);
  });

  app.get('/admin/teams/new', admin, async (_req, reply) => showTeamForm(reply, { title: 'Add a team', values: {} }));

  app.post('/admin/teams', admin, async (req, reply) => {
    const form = parseForm(teamForm, req.body);
    if (!form.ok) return showTeamForm(reply.code(400), { title: 'Add a team', ...form });
    try {
      await service.createTeam(req.ctx, form.data);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return showTeamForm(reply.code(400), {
        title: 'Add a team',
        values: form.data,
        errors: { [err.field]: err.message },
      });
    }
    return reply.redirect('/admin/teams', 303);
  });

  app.get('/admin/teams/:id/edit', admin, async (req, reply) => {
    const team = await service.getTeam(req.ctx, idParam(req.params));
    return showTeamForm(reply, { title: `Change ${team.name}`, id: team.id, values: team });
  });

  app.post('/admin/teams/:id', admin, async (req, reply) => {
    const id = idParam(req.params);
    const title = 'Change a team';
    const form = parseForm(editTeamForm, req.body);
    if (!form.ok) return showTeamForm(reply.code(400), { title, id, ...form });
    try {
      await service.updateTeam(req.ctx, id, form.data);
    } catch (err) {
      if (err instanceof StaleVersion) {
        const theirs = err.current as Team;
        return showTeamForm(reply.code(409), {
          title,
          id,
          values: { ...form.data, version: theirs.version },
          theirs,
          errors: {
            name: 'Someone else changed this team while you were editing. Check their version below, then save again.',
          },
        });
      }
      if (!(err instanceof FormRefused)) throw err;
      return showTeamForm(reply.code(400), { title, id, values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect('/admin/teams', 303);
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/teams/:id/${action}`, admin, async (req, reply) => {
      await service.setTeamActive(req.ctx, idParam(req.params), active);
      return reply.redirect('/admin/teams?inactive=yes', 303);
    });
  }

  async function showMap(reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const { areas, localityTeams } = await service.postcodeMap(reply.request.ctx);
    const values = (extra.values ?? {}) as Record<string, string>;
    return reply.page('teams/views/postcode-map.njk', {
      title: 'Postcode map',
      areas,
      teamOptions: [
        { value: '', text: 'Select a locality team' },
        ...localityTeams.map((t) => ({ value: t.id, text: t.name, selected: t.id === values.teamId })),
      ],
      ...extra,
    });
  }

  app.get('/admin/postcode-map', admin, async (req, reply) => {
    const done = (req.query as { done?: string }).done;
    return showMap(reply, {
      flash:
        done === 'saved'
          ? 'Postcode map saved.'
          : done === 'removed'
            ? 'Postcode area removed from the map.'
            : undefined,
    });
  });

  app.post('/admin/postcode-map', admin, async (req, reply) => {
    const form = parseForm(postcodeAreaForm, req.body);
    if (!form.ok) return showMap(reply.code(400), form);
    try {
      await service.mapPostcodeArea(req.ctx, form.data.prefix, form.data.teamId);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return showMap(reply.code(400), { values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect('/admin/postcode-map?done=saved', 303);
  });

  app.post('/admin/postcode-map/remove', admin, async (req, reply) => {
    const prefix = normalisePrefix(String((req.body as { prefix?: unknown }).prefix ?? ''));
    if (!prefix) return showMap(reply.code(400), { errors: { prefix: 'Choose a postcode area to remove' } });
    await service.unmapPostcodeArea(req.ctx, prefix);
    return reply.redirect('/admin/postcode-map?done=removed', 303);
  });
}
