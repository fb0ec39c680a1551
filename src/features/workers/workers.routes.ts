import type { FastifyInstance, FastifyReply } from 'fastify';
import { role, type Role } from '../../db/schema/index.js';
import { FormRefused, parseForm, StaleVersion } from '../../platform/forms.js';
import { idParam, pageParam, pagination } from '../../platform/params.js';
import { optionsFrom, roleLabels } from '../../platform/roles.js';
import { organisationsAndTeams } from '../teams/teams.service.js';
import { editWorkerForm, newWorkerForm } from './workers.forms.js';
import * as workers from './workers.service.js';

export default async function workersRoutes(app: FastifyInstance) {
  app.navigation.push({ href: '/admin/workers', text: 'Workers', roles: ['admin'] });
  const admin = { preHandler: app.requireRole('admin') };

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

  app.get('/admin/workers', admin, async (req, reply) => {
    const q = req.query as { q?: string; role?: string; inactive?: string; done?: string };
    const filter = {
      q: q.q?.trim().slice(0, 100) || undefined,
      role: (role.enumValues as readonly string[]).includes(q.role ?? '') ? (q.role as Role) : undefined,
      includeInactive: q.inactive === 'yes',
    };
    const page = pageParam(req.query);
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

  app.post('/admin/workers', admin, async (req, reply) => {
    const form = parseForm(newWorkerForm, req.body);
    if (!form.ok)
      return showForm(reply.code(400), 'workers/views/form.njk', {
        title: 'Add a worker',
        isNew: true,
        ...form,
        values: withoutPassword(form.values),
      });
    try {
      const worker = await workers.createWorker(req.ctx, form.data);
      return reply.redirect(`/admin/workers/${worker.id}?done=created`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return showForm(reply.code(400), 'workers/views/form.njk', {
        title: 'Add a worker',
        isNew: true,
        errors: { [err.field]: err.message },
        values: withoutPassword(form.data),
      });
    }
  });

  app.get('/admin/workers/:id', admin, async (req, reply) => {
    const { worker, hasRecords } = await workers.getWorker(req.ctx, idParam(req.params));
    const { organisations, teams } = await organisationsAndTeams(app.db);
    const done = (req.query as { done?: string }).done;
    return reply.page('workers/views/show.njk', {
      title: worker.name,
      shown: worker,
      hasRecords,
      workerOrganisation: organisations.find((o) => o.id === worker.organisationId)?.name,
      teamName: teams.find((t) => t.id === worker.teamId)?.name,
      flash: flashes[done ?? ''],
      error: (req.query as { error?: string }).error,
    });
  });

  app.get('/admin/workers/:id/edit', admin, async (req, reply) => {
    const { worker } = await workers.getWorker(req.ctx, idParam(req.params));
    return showForm(reply, 'workers/views/form.njk', {
      title: `Change ${worker.name}’s details`,
      id: worker.id,
      values: withoutPassword(worker),
    });
  });

  app.post('/admin/workers/:id', admin, async (req, reply) => {
    const id = idParam(req.params);
    const title = 'Change a worker’s details';
    const form = parseForm(editWorkerForm, req.body);
    if (!form.ok)
      return showForm(reply.code(400), 'workers/views/form.njk', {
        title,
        id,
        ...form,
        values: withoutPassword(form.values),
      });
    try {
      await workers.updateWorker(req.ctx, id, form.data);
      return reply.redirect(`/admin/workers/${id}?done=updated`, 303);
    } catch (err) {
      if (err instanceof StaleVersion) {
        // Keep what was typed, take the new version, and show what the other person saved.
        return showForm(reply.code(409), 'workers/views/form.njk', {
          title,
          id,
          errors: {
            name: 'Someone else changed these details while you were editing. Check their version below, then save again.',
          },
          values: { ...withoutPassword(form.data), version: err.current.version },
          theirs: err.current,
        });
      }
      if (!(err instanceof FormRefused)) throw err;
      return showForm(reply.code(400), 'workers/views/form.njk', {
        title,
        id,
        errors: { [err.field]: err.message },
        values: withoutPassword(form.data),
      });
    }
  });

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/workers/:id/${action}`, admin, async (req, reply) => {
      const id = idParam(req.params);
      try {
        await workers.setWorkerActive(req.ctx, id, active);
        return reply.redirect(`/admin/workers/${id}?done=${action}d`, 303);
      } catch (err) {
        if (!(err instanceof FormRefused)) throw err;
        return reply.redirect(`/admin/workers/${id}?error=self`, 303);
      }
    });
  }

  app.post('/admin/workers/:id/delete', admin, async (req, reply) => {
    const id = idParam(req.params);
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
