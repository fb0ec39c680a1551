import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { role, type Role } from '../../db/schema/index.js';
import { FormRefused } from '../../platform/forms.js';
import { idParams, pageQuery, pagination, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { optionsFrom, roleLabels } from '../../platform/roles.js';
import { organisationsAndTeams } from '../teams/teams.service.js';
import { editWorkerForm, newWorkerForm } from './workers.forms.js';
import * as workers from './workers.service.js';

export default async function workersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.navigation.push({ href: '/admin/workers', text: 'Workers', roles: ['admin'] });
  const admin = { preHandler: app.requireRole('admin') };
  const adminWithId = { ...admin, schema: { params: idParams } };

  async function showForm(reply: FastifyReply, template: string, data: Record<string, unknown>) {
    const { organisations, teams } = await organisationsAndTeams(app.db);
    const values = (data.values ?? {}) as Record<string, string>;
    return reply.page(template, {
      ...data,
      roleOptions: optionsFrom(roleLabels, values.role),
      organisationOptions: [
        { value: '', text: 'Select an organisation' },
        ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId })),
      ],
      teamOptions: [
        { value: '', text: 'No team' },
        ...teams.map((t) => ({
          value: t.id,
          text: `${t.name} (${t.organisationName})`,
          selected: t.id === values.teamId,
        })),
      ],
    });
  }

  const listQuery = z.looseObject({
    q: queryText,
    role: queryText,
    inactive: queryText,
    done: queryText,
    page: pageQuery,
  });
  app.get('/admin/workers', { ...admin, schema: { querystring: listQuery } }, async (req, reply) => {
    const q = req.query;
    const filter = {
      q: q.q?.trim().slice(0, 100) || undefined,
      role: (role.enumValues as readonly string[]).includes(q.role ?? '') ? (q.role as Role) : undefined,
      includeInactive: q.inactive === 'yes',
    };
    const page = q.page;
    const { rows, total } = await workers.listWorkers(req.ctx, filter, page);
    return reply.page('workers/views/list.njk', {
      title: 'Workers',
      rows,
      total,
      filter,
      roleOptions: [{ value: '', text: 'Any role' }, ...optionsFrom(roleLabels, filter.role)],
      pagination: pagination(req.url, page, total),
      flash: q.done === 'deleted' ? 'Account deleted.' : undefined,
    });
  });

  app.get('/admin/workers/new', admin, async (_req, reply) =>
    showForm(reply, 'workers/views/form.njk', { title: 'Add a worker', values: {}, isNew: true }),
  );

  app.post('/admin/workers', admin, async (req, reply) =>
    submitForm(reply, {
      schema: newWorkerForm,
      body: req.body,
      show: (reply, { values, errors }) =>
        showForm(reply, 'workers/views/form.njk', {
          title: 'Add a worker',
          isNew: true,
          errors,
          values: withoutPassword(values),
        }),
      save: (data) => workers.createWorker(req.ctx, data),
      then: (worker) => `/admin/workers/${worker.id}?done=created`,
    }),
  );

  const shownQuery = z.object({ done: queryText, error: queryText });
  app.get(
    '/admin/workers/:id',
    { ...admin, schema: { params: idParams, querystring: shownQuery } },
    async (req, reply) => {
      const { worker, hasRecords } = await workers.getWorker(req.ctx, req.params.id);
      const { organisations, teams } = await organisationsAndTeams(app.db);
      const done = req.query.done;
      return reply.page('workers/views/show.njk', {
        title: worker.name,
        shown: worker,
        hasRecords,
        workerOrganisation: organisations.find((o) => o.id === worker.organisationId)?.name,
        teamName: teams.find((t) => t.id === worker.teamId)?.name,
        flash: flashes[done ?? ''],
        error: req.query.error,
      });
    },
  );

  app.get('/admin/workers/:id/edit', adminWithId, async (req, reply) => {
    const { worker } = await workers.getWorker(req.ctx, req.params.id);
    return showForm(reply, 'workers/views/form.njk', {
      title: `Change ${worker.name}’s details`,
      id: worker.id,
      values: withoutPassword(worker),
    });
  });

  app.post('/admin/workers/:id', adminWithId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: editWorkerForm,
      body: req.body,
      // A stale save keeps what was typed, takes the new version, and shows what the other person saved.
      show: (reply, { values, errors, theirs }) =>
        showForm(reply, 'workers/views/form.njk', {
          title: 'Change a worker’s details',
          id,
          errors,
          values: withoutPassword(values),
          ...(theirs ? { theirs } : {}),
        }),
      save: (data) => workers.updateWorker(req.ctx, id, data),
      then: `/admin/workers/${id}?done=updated`,
      stale: {
        field: 'name',
        message:
          'Someone else changed these details while you were editing. Check their version below, then save again.',
      },
    });
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/workers/:id/${action}`, adminWithId, async (req, reply) => {
      const id = req.params.id;
      try {
        await workers.setWorkerActive(req.ctx, id, active);
        return reply.redirect(`/admin/workers/${id}?done=${action}d`, 303);
      } catch (err) {
        if (!(err instanceof FormRefused)) throw err;
        return reply.redirect(`/admin/workers/${id}?error=self`, 303);
      }
    });
  }

  app.post('/admin/workers/:id/delete', adminWithId, async (req, reply) => {
    const id = req.params.id;
    try {
      await workers.deleteWorker(req.ctx, id);
      return reply.redirect('/admin/workers?done=deleted', 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return reply.redirect(`/admin/workers/${id}?error=has-records`, 303);
    }
  });
}

const flashes: Record<string, string> = {
  created: 'Worker added. Give them their email address and password in person or by phone, not in one email.',
  updated: 'Details saved.',
  deactivated: 'Account deactivated. They have been signed out and cannot sign in.',
  reactivated: 'Account reactivated. They can sign in again.',
};

/** Passwords are never sent back to the page. */
function withoutPassword<T extends object>(values: T) {
  const copy = { ...values } as Record<string, unknown>;
  delete copy.password;
  delete copy.passwordHash;
  return copy;
}
