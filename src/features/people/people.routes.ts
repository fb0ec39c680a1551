import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Person } from '../../db/schema/index.js';
import { parseForm, partsOfDate, typedValues, type FormErrors } from '../../platform/forms.js';
import { carriedId, idParams, pageQuery, previousNext, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
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
  searchForm,
} from './people.forms.js';
import { personReaders } from './people.access.js';
import * as people from './people.service.js';
import { addToRecord } from './people.record.js';
import { personView } from './people.view.js';

const needOptions = (selected: string[] = []) =>
  Object.entries(communicationNeedLabels).map(([value, text]) => ({ value, text, checked: selected.includes(value) }));

export default async function peopleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', app.requireWorker);
  app.navigation.push({ href: '/people', text: 'Find a person', roles: personReaders });
  app.navigation.push({ href: '/hand-offs', text: 'Hand-offs', roles: ['team_manager'] });
  addToRecord(app.record);

  // Finding a person. The search is sent by POST so what was typed stays out of URLs and logs.
  app.get('/people', async (req, reply) => {
    people.mustFindPeopleRoute(req.ctx);
    return reply.page('people/views/find.njk', { title: 'Find a person' });
  });

  app.post('/people/search', async (req, reply) => {
    people.mustFindPeopleRoute(req.ctx);
    const { q } = searchForm.parse(req.body ?? {});
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
  const newQuery = { schema: { querystring: z.object({ then: queryText, concern: z.unknown().optional() }) } };
  app.get('/people/new', newQuery, async (req, reply) => {
    people.mustRegisterRoute(req.ctx);
    const query = req.query;
    const then = query.then === 'contact' ? 'contact' : undefined;
    // Taking a partner's concern: carried through to the contact form.
    const concern = then && query.concern ? carriedId(query.concern) : undefined;
    return identityPage(reply, { title: 'Register a new person', values: { then, concern } });
  });

  app.post('/people', async (req, reply) => {
    people.mustRegisterRoute(req.ctx);
    const title = 'Register a new person';
    const form = parseForm(identityForm(req.ctx.now), req.body);
    if (!form.ok) return identityPage(reply.code(400), { title, ...form });
    try {
      const { saved, duplicates } = await people.registerPerson(req.ctx, form.data);
      if (saved) {
        const body = form.values;
        const concern = body.concern ? `?concern=${carriedId(body.concern)}` : '';
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
          values: form.values,
          errors: { nhsNumber: 'A person with this NHS number is already recorded' },
          id: undefined,
          duplicateOf: err.existingId,
        } as never);
      }
      throw err;
    }
  });

  const personSchema = { params: idParams, querystring: z.object({ done: queryText }) };
  app.get('/people/:id', { schema: personSchema }, async (req, reply) => {
    const page = await people.personPage(req.ctx, app.record, req.params.id);
    const done = req.query.done;
    return reply.page('people/views/person.njk', {
      ...page,
      title: personView(page.person, req.ctx.now).displayName,
      person: personView(page.person, req.ctx.now),
      flash: done ? flashes[done] : undefined,
    });
  });

  const withId = { schema: { params: idParams } };
  app.get('/people/:id/edit', withId, async (req, reply) => {
    const person = await people.personForPage(req.ctx, req.params.id, 'write');
    return identityPage(reply, { title: 'Change their details', id: person.id, values: identityValues(person) });
  });

  app.post('/people/:id', withId, async (req, reply) => {
    const id = req.params.id;
    const title = 'Change their details';
    await people.personForPage(req.ctx, id, 'write');
    try {
      return await submitForm(reply, {
        schema: identityForm(req.ctx.now),
        body: req.body,
        show: (reply, { theirs, ...view }) =>
          identityPage(reply, {
            title,
            id,
            ...view,
            ...(theirs ? { theirs: personView(theirs as Person, req.ctx.now) as never } : {}),
          }),
        save: (data) => people.updateIdentity(req.ctx, id, data),
        then: `/people/${id}?done=updated`,
        stale: {
          field: 'givenName',
          message:
            'Someone else changed these details while you were editing. Check their version below, then save again.',
          keepTyped: true,
        },
      });
    } catch (err) {
      if (!(err instanceof people.DuplicateNhsNumber)) throw err;
      return identityPage(reply.code(409), {
        title,
        id,
        values: typedValues(req.body),
        errors: { nhsNumber: 'Another person already has this NHS number' },
      });
    }
  });

  // About me
  app.get('/people/:id/about-me', withId, async (req, reply) => {
    const id = req.params.id;
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

  app.post('/people/:id/about-me', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: aboutMeForm,
      body: req.body,
      show: async (reply, view) => {
        const person = await people.personForPage(req.ctx, id, 'write');
        return reply.page('people/views/about-me-form.njk', {
          title: 'About me',
          person: personView(person, req.ctx.now),
          ...view,
        });
      },
      save: (data) => people.saveAboutMe(req.ctx, id, data),
      then: `/people/${id}?done=about-me`,
      stale: {
        field: 'whatMatters',
        message:
          'Someone else saved “about me” while you were writing. Their version is shown; yours is kept below. Check both, then save again.',
        keepTyped: true,
      },
    });
  });

  app.get('/people/:id/about-me/history', withId, async (req, reply) => {
    const { person, versions } = await people.aboutMeHistory(req.ctx, req.params.id);
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
  const linkedQuery = { params: idParams, querystring: z.object({ linked: z.unknown().optional() }) };
  app.get('/people/:id/network/new', { schema: linkedQuery }, async (req, reply) => {
    const id = req.params.id;
    const linkedId = req.query.linked;
    const linked = linkedId ? await people.personForPage(req.ctx, carriedId(linkedId)) : null;
    return networkPage(reply, id, {
      values: linked ? { linkedPersonId: linked.id, name: personView(linked, req.ctx.now).displayName } : {},
      linked: linked && personView(linked, req.ctx.now),
    });
  });

  app.post('/people/:id/network/find', withId, async (req, reply) => {
    const id = req.params.id;
    const { q } = searchForm.parse(req.body ?? {});
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

  app.post('/people/:id/network', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: networkForm,
      body: req.body,
      show: (reply, view) => networkPage(reply, id, { ...view }),
      save: (data) => people.addNetworkMember(req.ctx, id, data),
      then: `/people/${id}?done=network`,
    });
  });

  const memberParams = { params: idParams.extend({ memberId: z.uuid() }) };
  app.post('/people/:id/network/:memberId/remove', { schema: memberParams }, async (req, reply) => {
    const id = req.params.id;
    await people.removeNetworkMember(req.ctx, id, req.params.memberId);
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

  app.get('/people/:id/named-worker', withId, async (req, reply) => namedWorkerPage(reply, req.params.id));

  app.post('/people/:id/named-worker', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: namedWorkerForm,
      body: req.body,
      show: (reply, { values, errors }) => namedWorkerPage(reply, id, { values, errors }),
      save: (data) => people.changeNamedWorker(req.ctx, id, data.workerId, data.reason),
      then: `/people/${id}?done=named-worker`,
      stale: {
        field: 'workerId',
        message: 'Someone else changed this record just now. Check the named worker, then try again.',
      },
    });
  });

  app.get('/hand-offs', async (req, reply) => {
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
  const timelineSchema = { params: idParams, querystring: z.object({ kind: queryText, page: pageQuery }) };
  app.get('/people/:id/timeline', { schema: timelineSchema }, async (req, reply) => {
    const id = req.params.id;
    const kind = req.query.kind;
    const filter = kind && timelineKindOf(app.record, kind) ? kind : undefined;
    const page = req.query.page;
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

  const viewersSchema = { params: idParams, querystring: z.object({ page: pageQuery }) };
  app.get('/people/:id/viewers', { schema: viewersSchema }, async (req, reply) => {
    const id = req.params.id;
    const page = req.query.page;
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
  app.post('/people/:id/open', withId, async (req, reply) => {
    const id = req.params.id;
    await people.mustFindPersonRoute(req.ctx, id);
    return submitForm(reply, {
      schema: openReasonForm,
      body: req.body,
      show: (reply, view) =>
        reply.page('errors/restricted.njk', { title: 'This record is restricted', personId: id, ...view }),
      save: (data) => people.openRestricted(req.ctx, id, data.reason),
      then: `/people/${id}`,
    });
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

  app.get('/people/:id/restriction', withId, async (req, reply) => restrictionPage(reply, req.params.id));

  app.post('/people/:id/restriction', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: restrictionForm,
      body: req.body,
      show: (reply, view) => restrictionPage(reply, id, { ...view }),
      save: (data) => people.setRestriction(req.ctx, id, data),
      then: `/people/${id}?done=restriction`,
    });
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
