import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Person } from '../../db/schema/index.js';
import { FormRefused, parseForm, partsOfDate, StaleVersion, type FormErrors } from '../../platform/forms.js';
import { idParam, pageParam, previousNext } from '../../platform/params.js';
import { timelineFilters, timelineKindOf } from '../../platform/record.js';
import {
  aboutMeForm,
  communicationNeedLabels,
  identityForm,
  namedWorkerForm,
  networkForm,
  networkRoles,
  openReasonForm,
  relationships,
  restrictionForm,
} from './people.forms.js';
import { personReaders } from './people.access.js';
import * as people from './people.service.js';
import { addToRecord } from './people.record.js';
import { personView } from './people.view.js';

const needOptions = (selected: string[] = []) =>
  Object.entries(communicationNeedLabels).map(([value, text]) => ({ value, text, checked: selected.includes(value) }));

export default async function peopleRoutes(app: FastifyInstance) {
  app.navigation.push({ href: '/people', text: 'Find a person', roles: personReaders });
  app.navigation.push({ href: '/hand-offs', text: 'Hand-offs', roles: ['team_manager'] });
  addToRecord(app.record);
  const signedIn = { preHandler: app.requireWorker };

  // Finding a person. The search is sent by POST so what was typed stays out of URLs and logs.
  app.get('/people', signedIn, async (req, reply) => {
    people.mustFindPeopleRoute(req.ctx);
    return reply.page('people/views/find.njk', { title: 'Find a person' });
  });

  app.post('/people/search', signedIn, async (req, reply) => {
    people.mustFindPeopleRoute(req.ctx);
    const q = String((req.body as { q?: unknown }).q ?? '').trim();
    if (!q)
      return reply.code(400).page('people/views/find.njk', {
        title: 'Find a person',
        errors: { q: 'Enter a name, date of birth, NHS number or postcode' },
      });
    const { results } = await people.findPeople(req.ctx, q);
    return reply.page('people/views/find.njk', {
      title: 'Find a person',
      q,
      searched: true,
      results: results.map((r) => (r.masked ? r : personView(r, req.ctx.now))),
    });
  });

  // Registering someone new, after checking they are not already known.
  const identityPage = (
    reply: FastifyReply,
    data: { title: string; values: Record<string, unknown>; errors?: FormErrors; id?: string; theirs?: Person },
  ) =>
    reply.page('people/views/identity-form.njk', {
      ...data,
      needOptions: needOptions(
        ([] as string[]).concat((data.values.communicationNeeds as string[] | string | undefined) ?? []),
      ),
    });

  // ?then=contact: registering someone at the front door, then taking their contact.
  app.get('/people/new', signedIn, async (req, reply) => {
    people.mustRegisterRoute(req.ctx);
    const query = req.query as { then?: string; concern?: string };
    const then = query.then === 'contact' ? 'contact' : undefined;
    // Taking a partner's concern: carried through to the contact form.
    const concern = then && query.concern ? idParam({ id: query.concern }) : undefined;
    return identityPage(reply, { title: 'Register a new person', values: { then, concern } });
  });

  app.post('/people', signedIn, async (req, reply) => {
    people.mustRegisterRoute(req.ctx);
    const title = 'Register a new person';
    const form = parseForm(identityForm(req.ctx.now), req.body);
    if (!form.ok) return identityPage(reply.code(400), { title, ...form });
    try {
      const { saved, duplicates } = await people.registerPerson(req.ctx, form.data);
      if (saved) {
        const body = req.body as { then?: string; concern?: string };
        const concern = body.concern ? `?concern=${idParam({ id: body.concern })}` : '';
        const then =
          body.then === 'contact'
            ? `/people/${saved.id}/contacts/new${concern}`
            : `/people/${saved.id}?done=registered`;
        return reply.redirect(then, 303);
      }
      return reply.page('people/views/duplicates.njk', {
        title: 'Is this the same person?',
        values: req.body,
        duplicates: duplicates.map((d) => (d.masked ? d : personView(d, req.ctx.now))),
      });
    } catch (err) {
      if (err instanceof people.DuplicateNhsNumber) {
        return identityPage(reply.code(409), {
          title,
          values: req.body as Record<string, unknown>,
          errors: { nhsNumber: 'A person with this NHS number is already recorded' },
          id: undefined,
          duplicateOf: err.existingId,
        } as never);
      }
      throw err;
    }
  });

  app.get('/people/:id', signedIn, async (req, reply) => {
    const page = await people.personPage(req.ctx, app.record, idParam(req.params));
    const done = (req.query as { done?: string }).done;
    return reply.page('people/views/person.njk', {
      ...page,
      title: personView(page.person, req.ctx.now).displayName,
      person: personView(page.person, req.ctx.now),
      flash: done ? flashes[done] : undefined,
    });
  });

  app.get('/people/:id/edit', signedIn, async (req, reply) => {
    const person = await people.personForPage(req.ctx, idParam(req.params), 'write');
    return identityPage(reply, { title: 'Change their details', id: person.id, values: identityValues(person) });
  });

  app.post('/people/:id', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const title = 'Change their details';
    await people.personForPage(req.ctx, id, 'write');
    const form = parseForm(identityForm(req.ctx.now), req.body);
    if (!form.ok) return identityPage(reply.code(400), { title, id, ...form });
    try {
      await people.updateIdentity(req.ctx, id, form.data);
      return reply.redirect(`/people/${id}?done=updated`, 303);
    } catch (err) {
      if (err instanceof StaleVersion) {
        const theirs = err.current as Person;
        return identityPage(reply.code(409), {
          title,
          id,
          values: { ...(req.body as Record<string, unknown>), version: theirs.version },
          theirs: personView(theirs, req.ctx.now) as never,
          errors: {
            givenName:
              'Someone else changed these details while you were editing. Check their version below, then save again.',
          },
        });
      }
      if (err instanceof people.DuplicateNhsNumber) {
        return identityPage(reply.code(409), {
          title,
          id,
          values: req.body as Record<string, unknown>,
          errors: { nhsNumber: 'Another person already has this NHS number' },
        });
      }
      throw err;
    }
  });

  // About me
  app.get('/people/:id/about-me', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    await people.personForPage(req.ctx, id, 'write');
    const { person, versions } = await people.aboutMeHistory(req.ctx, id);
    return reply.page('people/views/about-me-form.njk', {
      title: 'About me',
      person: personView(person, req.ctx.now),
      values: versions[0]
        ? { ...versions[0], inTheirWords: versions[0].inTheirWords ? 'yes' : 'no' }
        : { version: 0, inTheirWords: 'yes' },
    });
  });

  app.post('/people/:id/about-me', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(aboutMeForm, req.body);
    const show = async (code: number, extra: Record<string, unknown>) => {
      const person = await people.personForPage(req.ctx, id, 'write');
      return reply.code(code).page('people/views/about-me-form.njk', {
        title: 'About me',
        person: personView(person, req.ctx.now),
        ...extra,
      });
    };
    if (!form.ok) return show(400, form);
    try {
      await people.saveAboutMe(req.ctx, id, form.data);
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err;
      const theirs = err.current as { version: number } | null;
      return show(409, {
        values: { ...(req.body as Record<string, unknown>), version: theirs?.version ?? 0 },
        theirs,
        errors: {
          whatMatters:
            'Someone else saved “about me” while you were writing. Their version is shown; yours is kept below. Check both, then save again.',
        },
      });
    }
    return reply.redirect(`/people/${id}?done=about-me`, 303);
  });

  app.get('/people/:id/about-me/history', signedIn, async (req, reply) => {
    const { person, versions } = await people.aboutMeHistory(req.ctx, idParam(req.params));
    return reply.page('people/views/about-me-history.njk', {
      title: 'Earlier versions of “about me”',
      person: personView(person, req.ctx.now),
      versions,
    });
  });

  // Network
  const networkPage = async (reply: FastifyReply, id: string, extra: Record<string, unknown>) => {
    const person = await people.personForPage(reply.request.ctx, id, 'write');
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const roles = ([] as string[]).concat((values.roles as string[] | string | undefined) ?? []);
    return reply.page('people/views/network-form.njk', {
      title: 'Add someone to their network',
      person: personView(person, reply.request.ctx.now),
      relationshipOptions: [
        { value: '', text: 'Select' },
        ...relationships.map((r) => ({ value: r, text: r, selected: r === values.relationship })),
      ],
      roleOptions: networkRoles.map((r) => ({ value: r, text: r, checked: roles.includes(r) })),
      ...extra,
    });
  };

  // ?linked= carries the record of someone found below, so the network entry links to it.
  app.get('/people/:id/network/new', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const linkedId = (req.query as { linked?: string }).linked;
    const linked = linkedId ? await people.personForPage(req.ctx, idParam({ id: linkedId })) : null;
    return networkPage(reply, id, {
      values: linked ? { linkedPersonId: linked.id, name: personView(linked, req.ctx.now).displayName } : {},
      linked: linked && personView(linked, req.ctx.now),
    });
  });

  app.post('/people/:id/network/find', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const q = String((req.body as { q?: unknown }).q ?? '').trim();
    if (!q)
      return networkPage(reply.code(400), id, {
        values: {},
        errors: { q: 'Enter a name, date of birth, NHS number or postcode' },
      });
    const { results } = await people.findPeople(req.ctx, q);
    return networkPage(reply, id, {
      values: {},
      q,
      results: results.filter((r) => r.id !== id).map((r) => (r.masked ? r : personView(r, req.ctx.now))),
    });
  });

  app.post('/people/:id/network', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(networkForm, req.body);
    if (!form.ok) return networkPage(reply.code(400), id, form);
    try {
      await people.addNetworkMember(req.ctx, id, form.data);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return networkPage(reply.code(400), id, { values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect(`/people/${id}?done=network`, 303);
  });

  app.post('/people/:id/network/:memberId/remove', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    await people.removeNetworkMember(req.ctx, id, idParam(req.params, 'memberId'));
    return reply.redirect(`/people/${id}?done=network-removed`, 303);
  });

  // Named worker and hand-offs
  const namedWorkerPage = async (reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) => {
    const { person, workers } = await people.namedWorkerChoices(reply.request.ctx, id);
    const values = (extra.values ?? {}) as Record<string, string>;
    return reply.page('people/views/named-worker.njk', {
      title: person.namedWorkerId ? 'Change the named worker' : 'Choose a named worker',
      person: personView(person, reply.request.ctx.now),
      isHandOff: Boolean(person.namedWorkerId),
      workerOptions: [
        { value: '', text: 'Select a worker' },
        ...workers
          .filter((w) => w.id !== person.namedWorkerId)
          .map((w) => ({
            value: w.id,
            text: `${w.name}${w.teamName ? ` (${w.teamName})` : ''}`,
            selected: w.id === values.workerId,
          })),
      ],
      me: reply.request.ctx.worker.id,
      ...extra,
    });
  };

  app.get('/people/:id/named-worker', signedIn, async (req, reply) => namedWorkerPage(reply, idParam(req.params)));

  app.post('/people/:id/named-worker', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(namedWorkerForm, req.body);
    if (!form.ok) return namedWorkerPage(reply.code(400), id, form);
    try {
      await people.changeNamedWorker(req.ctx, id, form.data.workerId, form.data.reason);
    } catch (err) {
      if (err instanceof StaleVersion)
        return namedWorkerPage(reply.code(409), id, {
          values: form.data,
          errors: { workerId: 'Someone else changed this record just now. Check the named worker, then try again.' },
        });
      if (!(err instanceof FormRefused)) throw err;
      return namedWorkerPage(reply.code(400), id, { values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect(`/people/${id}?done=named-worker`, 303);
  });

  app.get('/hand-offs', signedIn, async (req, reply) => {
    const { team, rows } = await people.teamHandOffs(req.ctx);
    return reply.page('people/views/hand-offs.njk', {
      title: 'Hand-offs in your team',
      team,
      rows: rows.map((r) =>
        r.masked
          ? r
          : {
              ...r,
              person: personView(
                { ...r, id: r.personId, dateOfBirth: null, dateOfDeath: null, nhsNumber: null, postcode: null },
                req.ctx.now,
              ),
            },
      ),
    });
  });

  // Timeline and who has looked
  app.get('/people/:id/timeline', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const kind = String((req.query as { kind?: string }).kind ?? '');
    const filter = timelineKindOf(app.record, kind) ? kind : undefined;
    const page = pageParam(req.query);
    const { person, entries, hasNext } = await people.timeline(req.ctx, app.record.timeline, id, filter, page);
    const href = (n: number) => `/people/${id}/timeline?${filter ? `kind=${filter}&` : ''}page=${n}`;
    return reply.page('people/views/timeline.njk', {
      title: 'Timeline',
      person: personView(person, req.ctx.now),
      entries,
      filterOptions: timelineFilters(app.record, filter),
      pagination: previousNext(page, hasNext, href),
    });
  });

  app.get('/people/:id/viewers', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const page = pageParam(req.query);
    const { person, rows, hasNext } = await people.whoLooked(req.ctx, id, page);
    const href = (n: number) => `/people/${id}/viewers?page=${n}`;
    return reply.page('people/views/viewers.njk', {
      title: 'Who has looked at this record',
      person: personView(person, req.ctx.now),
      rows,
      pagination: previousNext(page, hasNext, href),
    });
  });

  // Restricted records
  app.post('/people/:id/open', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    await people.mustFindPersonRoute(req.ctx, id);
    const form = parseForm(openReasonForm, req.body);
    if (!form.ok)
      return reply
        .code(400)
        .page('errors/restricted.njk', { title: 'This record is restricted', personId: id, ...form });
    await people.openRestricted(req.ctx, id, form.data.reason);
    return reply.redirect(`/people/${id}`, 303);
  });

  const restrictionPage = async (reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) => {
    const { person, list, workers } = await people.restriction(reply.request.ctx, id);
    const chosen = new Set(list.map((l) => l.workerId ?? l.teamId));
    const teams = new Map(workers.filter((w) => w.teamId).map((w) => [w.teamId!, w.teamName!]));
    return reply.page('people/views/restriction.njk', {
      title: 'Restrict this record',
      person: personView(person, reply.request.ctx.now),
      values: { restricted: person.restricted ? 'yes' : 'no', reason: person.restrictedReason },
      workerOptions: workers.map((w) => ({
        value: w.id,
        text: `${w.name}${w.teamName ? ` (${w.teamName})` : ''}`,
        checked: chosen.has(w.id),
      })),
      teamOptions: [...teams].map(([value, text]) => ({ value, text, checked: chosen.has(value) })),
      ...extra,
    });
  };

  app.get('/people/:id/restriction', signedIn, async (req, reply) => restrictionPage(reply, idParam(req.params)));

  app.post('/people/:id/restriction', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(restrictionForm, req.body);
    if (!form.ok) return restrictionPage(reply.code(400), id, form);
    await people.setRestriction(req.ctx, id, form.data);
    return reply.redirect(`/people/${id}?done=restriction`, 303);
  });
}

const flashes: Record<string, string> = {
  registered: 'Person registered.',
  updated: 'Their details are saved.',
  'about-me': '“About me” is saved. The earlier version is kept.',
  network: 'Added to their network.',
  'network-removed': 'Removed from their network.',
  'named-worker': 'Named worker saved.',
  restriction: 'Restriction saved.',
  conversation: 'Conversation saved.',
};

/** A stored person as the identity form's values. */
function identityValues(p: Person) {
  return {
    ...p,
    interpreterNeeded: p.interpreterNeeded ? 'yes' : 'no',
    ...partsOfDate('dateOfBirth', p.dateOfBirth),
    ...partsOfDate('dateOfDeath', p.dateOfDeath),
  };
}
