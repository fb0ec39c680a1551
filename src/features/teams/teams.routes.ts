import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Team } from '../../db/schema/index.js';
import { parseForm, type FormErrors } from '../../platform/forms.js';
import { idParams, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom, organisationKindLabels, teamKindLabels } from '../../platform/roles.js';
import { editTeamForm, normalisePrefix, organisationForm, postcodeAreaForm, teamForm } from './teams.forms.js';
import * as service from './teams.service.js';

export default async function teamsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.navigation.push({ href: '/admin/teams', text: 'Teams', roles: ['admin'] });
  app.navigation.push({ href: '/admin/postcode-map', text: 'Postcode map', roles: ['admin'] });
  const admin = { preHandler: app.requireRole('admin') };
  const adminWithId = { ...admin, schema: { params: idParams } };
  const flashQuery = { querystring: z.object({ done: queryText, inactive: queryText }) };

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

  app.get('/admin/teams', { ...admin, schema: flashQuery }, async (req, reply) => {
    const q = req.query;
    return showTeams(reply, q.inactive === 'yes', {
      flash: q.done === 'organisation' ? 'Organisation added.' : undefined,
    });
  });

  app.post('/admin/organisations', admin, async (req, reply) =>
    submitForm(reply, {
      schema: organisationForm,
      body: req.body,
      show: (reply, { values, errors }) =>
        showTeams(reply, false, {
          orgErrors: errors,
          orgValues: values,
          organisationKindOptions: optionsFrom(organisationKindLabels, values.kind as string),
        }),
      save: (data) => service.createOrganisation(req.ctx, data),
      then: '/admin/teams?done=organisation',
    }),
  );

  app.get('/admin/teams/new', admin, async (_req, reply) => showTeamForm(reply, { title: 'Add a team', values: {} }));

  app.post('/admin/teams', admin, async (req, reply) =>
    submitForm(reply, {
      schema: teamForm,
      body: req.body,
      show: (reply, { values, errors }) => showTeamForm(reply, { title: 'Add a team', values, errors }),
      save: (data) => service.createTeam(req.ctx, data),
      then: '/admin/teams',
    }),
  );

  app.get('/admin/teams/:id/edit', adminWithId, async (req, reply) => {
    const team = await service.getTeam(req.ctx, req.params.id);
    return showTeamForm(reply, { title: `Change ${team.name}`, id: team.id, values: team });
  });

  app.post('/admin/teams/:id', adminWithId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: editTeamForm,
      body: req.body,
      show: (reply, view) => showTeamForm(reply, { title: 'Change a team', id, ...view, theirs: view.theirs as Team }),
      save: (data) => service.updateTeam(req.ctx, id, data),
      then: '/admin/teams',
      stale: {
        field: 'name',
        message: 'Someone else changed this team while you were editing. Check their version below, then save again.',
      },
    });
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/teams/:id/${action}`, adminWithId, async (req, reply) => {
      await service.setTeamActive(req.ctx, req.params.id, active);
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

  app.get('/admin/postcode-map', { ...admin, schema: flashQuery }, async (req, reply) => {
    const done = req.query.done;
    return showMap(reply, {
      flash:
        done === 'saved'
          ? 'Postcode map saved.'
          : done === 'removed'
            ? 'Postcode area removed from the map.'
            : undefined,
    });
  });

  app.post('/admin/postcode-map', admin, async (req, reply) =>
    submitForm(reply, {
      schema: postcodeAreaForm,
      body: req.body,
      show: (reply, view) => showMap(reply, { ...view }),
      save: (data) => service.mapPostcodeArea(req.ctx, data.prefix, data.teamId),
      then: '/admin/postcode-map?done=saved',
    }),
  );

  app.post('/admin/postcode-map/remove', admin, async (req, reply) => {
    const form = parseForm(z.looseObject({ prefix: z.string().catch('') }), req.body);
    const prefix = form.ok ? normalisePrefix(form.data.prefix) : null;
    if (!prefix) return showMap(reply.code(400), { errors: { prefix: 'Choose a postcode area to remove' } });
    await service.unmapPostcodeArea(req.ctx, prefix);
    return reply.redirect('/admin/postcode-map?done=removed', 303);
  });
}
