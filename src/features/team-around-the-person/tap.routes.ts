import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TapMeeting } from '../../db/schema/index.js';
import { typedValues, type FormErrors } from '../../platform/forms.js';
import { idParams, queryText } from '../../platform/params.js';
import { submitForm } from '../../platform/submit.js';
import { conversationKindLabels } from '../conversations/conversations.forms.js';
import { personReaders } from '../people/people.access.js';
import { personView } from '../people/people.view.js';
import { plainTextPlan } from './tap.plan.js';
import {
  actionForm,
  attendanceLabels,
  basisLabels,
  closeForm,
  consentForm,
  meetingForm,
  meetingRecordForm,
  memberForm,
  ownerForm,
  memberKindLabels,
  progressForm,
  removeMemberForm,
  shareForm,
  statusLabels,
  summaryForm,
  withdrawForm,
} from './tap.forms.js';
import * as tap from './tap.service.js';
import { addToRecord } from './tap.record.js';

type Values = Record<string, unknown>;
const doneQuery = z.object({ done: queryText });
const asList = (v: unknown) => ([] as string[]).concat((v as string[] | string | undefined) ?? []);

export default async function tapRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', app.requireWorker);
  addToRecord(app.record);
  app.navigation.push({ href: '/team-around-the-person', text: 'Teams around the person', roles: personReaders });
  const base = (id: string) => `/people/${id}/team`;
  const withId = { schema: { params: idParams } };
  const withIds = (name: string) => ({ schema: { params: idParams.extend({ [name]: z.uuid() }) } });
  /** Pages for managing the team, reached by someone who may not. */
  const forbidden = (reply: FastifyReply) =>
    reply.code(403).page('errors/forbidden.njk', { title: 'You do not have access to this page' });

  const teamView = (reply: FastifyReply, page: Awaited<ReturnType<typeof tap.teamPage>>, extra: Values) =>
    reply.page('team-around-the-person/views/team.njk', {
      ...page,
      title: `Team around ${personView(page.person, reply.request.ctx.now).displayName}`,
      person: personView(page.person, reply.request.ctx.now),
      now: reply.request.ctx.now,
      kindLabels: conversationKindLabels,
      statusLabels,
      attendanceLabels,
      ...extra,
    });

  app.get('/people/:id/team', { schema: { params: idParams, querystring: doneQuery } }, async (req, reply) => {
    const page = await tap.teamPage(req.ctx, req.params.id);
    const done = req.query.done;
    return teamView(reply, page, { flash: done ? flashes[done] : undefined });
  });

  app.post('/people/:id/team', withId, async (req, reply) => {
    const id = req.params.id;
    await tap.startTeam(req.ctx, id);
    return reply.redirect(`${base(id)}?done=started`, 303);
  });

  app.post('/people/:id/team/close', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: closeForm,
      body: req.body,
      show: async (reply, { errors }) => {
        const page = await tap.teamPage(req.ctx, id);
        if (!page.canManage) return forbidden(reply);
        return teamView(reply, page, { errors });
      },
      save: (data) => tap.closeTeam(req.ctx, id, data.reason),
      then: `${base(id)}?done=closed`,
    });
  });

  // Members
  const memberPage = async (reply: FastifyReply, id: string, extra: { values?: Values; errors?: FormErrors } = {}) => {
    const c = await tap.memberChoices(reply.request.ctx, id);
    const values = extra.values ?? {};
    return reply.page('team-around-the-person/views/member-form.njk', {
      title: 'Add someone to the team',
      person: personView(c.person, reply.request.ctx.now),
      values,
      errors: extra.errors,
      kindOptions: (Object.keys(memberKindLabels) as Array<keyof typeof memberKindLabels>)
        .filter((k) => (k !== 'person' || !c.personIn) && (k !== 'network' || c.network.length > 0))
        .map((value) => ({ value, text: memberKindLabels[value], checked: values.kind === value })),
      workerOptions: [
        { value: '', text: 'Select a worker' },
        ...c.workers.map((w) => ({
          value: w.id,
          text: `${w.name}, ${w.jobTitle ?? 'worker'} (${w.organisationName}${w.teamName ? `, ${w.teamName}` : ''})`,
          selected: w.id === values.workerId,
        })),
      ],
      networkOptions: [
        { value: '', text: 'Select someone' },
        ...c.network.map((n) => ({
          value: n.id,
          text: `${n.name} (${n.relationship.toLowerCase()})`,
          selected: n.id === values.networkMemberId,
        })),
      ],
    });
  };

  app.get('/people/:id/team/members/new', withId, async (req, reply) => memberPage(reply, req.params.id));

  app.post('/people/:id/team/members', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: memberForm,
      body: req.body,
      show: (reply, { values, errors }) => memberPage(reply, id, { values, errors }),
      save: (data) => tap.addMember(req.ctx, id, data),
      then: `${base(id)}?done=member`,
      keepTyped: true,
    });
  });

  const removePage = async (
    reply: FastifyReply,
    id: string,
    memberId: string,
    extra: { values?: Values; errors?: FormErrors } = {},
  ) => {
    const page = await tap.teamPage(reply.request.ctx, id);
    if (!page.canManage) return forbidden(reply);
    const member = page.members.find((m) => m.id === memberId && m.kind !== 'person');
    if (!member) return reply.code(404).page('errors/not-found.njk', { title: 'Page not found' });
    return reply.page('team-around-the-person/views/member-remove.njk', {
      title: `Take ${member.name} out of the team`,
      person: personView(page.person, reply.request.ctx.now),
      member,
      values: extra.values ?? {},
      errors: extra.errors,
    });
  };

  app.get('/people/:id/team/members/:memberId/remove', withIds('memberId'), async (req, reply) =>
    removePage(reply, req.params.id, req.params.memberId),
  );

  app.post('/people/:id/team/members/:memberId/remove', withIds('memberId'), async (req, reply) => {
    const { id, memberId } = req.params;
    return submitForm(reply, {
      schema: removeMemberForm,
      body: req.body,
      show: (reply, { values, errors }) => removePage(reply, id, memberId, { values, errors }),
      save: (data) => tap.removeMember(req.ctx, id, memberId, data.reason),
      then: `${base(id)}?done=member-removed`,
    });
  });

  // Sharing
  const sharingPage = async (
    reply: FastifyReply,
    id: string,
    extra: { values?: Values; errors?: FormErrors; withdrawErrors?: FormErrors } = {},
  ) => {
    const c = await tap.consentChoices(reply.request.ctx, id);
    const values = extra.values ?? {
      organisationIds: c.organisations.filter((o) => o.inTeam && o.kind !== 'council').map((o) => o.id),
      sharesConversations: 'yes',
    };
    const chosen = asList(values.organisationIds);
    return reply.page('team-around-the-person/views/sharing.njk', {
      title: 'Sharing with the team',
      person: personView(c.person, reply.request.ctx.now),
      consent: c.consent,
      history: c.history,
      organisationNames: Object.fromEntries(c.organisations.map((o) => [o.id, o.name])),
      values,
      errors: extra.errors,
      withdrawErrors: extra.withdrawErrors,
      basisOptions: (Object.keys(basisLabels) as Array<keyof typeof basisLabels>).map((value) => ({
        value,
        text: basisLabels[value],
        checked: values.basis === value,
      })),
      organisationOptions: c.organisations.map((o) => ({
        value: o.id,
        text: o.name,
        hint: o.inTeam ? { text: 'Someone from here is in the team' } : undefined,
        checked: chosen.includes(o.id),
      })),
    });
  };

  app.get('/people/:id/team/sharing', withId, async (req, reply) => sharingPage(reply, req.params.id));

  app.post('/people/:id/team/sharing', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: consentForm(req.ctx.now),
      body: req.body,
      show: (reply, { values, errors }) => sharingPage(reply, id, { values, errors }),
      save: (data) => tap.recordConsent(req.ctx, id, data),
      then: `${base(id)}?done=sharing`,
      keepTyped: true,
    });
  });

  app.post('/people/:id/team/sharing/:consentId/withdraw', withIds('consentId'), async (req, reply) => {
    const { id, consentId } = req.params;
    return submitForm(reply, {
      schema: withdrawForm,
      body: req.body,
      show: (reply, { errors }) => sharingPage(reply, id, { withdrawErrors: errors, values: { withdrawReason: '' } }),
      save: (data) => tap.withdrawConsent(req.ctx, id, consentId, data.reason),
      then: `${base(id)}?done=withdrawn`,
    });
  });

  // Meetings
  const meetingFormPage = async (
    reply: FastifyReply,
    id: string,
    extra: { values?: Values; errors?: FormErrors } = {},
  ) => {
    const c = await tap.meetingChoices(reply.request.ctx, id);
    const values = extra.values ?? { invitedMemberIds: c.members.map((m) => m.id) };
    const invited = asList(values.invitedMemberIds);
    return reply.page('team-around-the-person/views/meeting-form.njk', {
      title: 'Arrange a team meeting',
      person: personView(c.person, reply.request.ctx.now),
      values,
      errors: extra.errors,
      memberOptions: c.members.map((m) => ({
        value: m.id,
        text: m.name,
        hint: { text: [m.role, m.organisation].filter(Boolean).join(', ') || undefined },
        checked: invited.includes(m.id),
      })),
      attendanceOptions: (Object.keys(attendanceLabels) as Array<keyof typeof attendanceLabels>).map((value) => ({
        value,
        text: attendanceLabels[value],
        checked: values.personAttends === value,
      })),
    });
  };

  app.get('/people/:id/team/meetings/new', withId, async (req, reply) => meetingFormPage(reply, req.params.id));

  app.post('/people/:id/team/meetings', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: meetingForm(req.ctx.now),
      body: req.body,
      show: (reply, { values, errors }) => meetingFormPage(reply, id, { values, errors }),
      save: (data) => tap.arrangeMeeting(req.ctx, id, data),
      then: (meeting) => `${base(id)}/meetings/${meeting.id}?done=arranged`,
      keepTyped: true,
    });
  });

  const meetingSchema = { params: idParams.extend({ meetingId: z.uuid() }), querystring: doneQuery };
  app.get('/people/:id/team/meetings/:meetingId', { schema: meetingSchema }, async (req, reply) => {
    const page = await tap.meetingPage(req.ctx, req.params.id, req.params.meetingId);
    const done = req.query.done;
    return reply.page('team-around-the-person/views/meeting.njk', {
      ...page,
      title: 'Team meeting',
      person: personView(page.person, req.ctx.now),
      attendanceLabels,
      statusLabels,
      flash: done ? flashes[done] : undefined,
    });
  });

  const recordPage = async (
    reply: FastifyReply,
    id: string,
    meetingId: string,
    extra: { values?: Values; errors?: FormErrors; theirs?: TapMeeting } = {},
  ) => {
    const ctx = reply.request.ctx;
    const page = await tap.meetingPage(ctx, id, meetingId);
    if (!page.canManage) return forbidden(reply);
    return reply.page('team-around-the-person/views/meeting-record.njk', {
      ...page,
      title: 'Record the meeting',
      person: personView(page.person, ctx.now),
      statusLabels,
      values: extra.values ?? { ...page.meeting },
      errors: extra.errors,
      theirs: extra.theirs,
    });
  };

  app.get('/people/:id/team/meetings/:meetingId/record', withIds('meetingId'), async (req, reply) =>
    recordPage(reply, req.params.id, req.params.meetingId),
  );

  app.post('/people/:id/team/meetings/:meetingId/record', withIds('meetingId'), async (req, reply) => {
    const { id, meetingId } = req.params;
    return submitForm(reply, {
      schema: meetingRecordForm,
      body: req.body,
      show: (reply, { values, errors, theirs }) =>
        recordPage(reply, id, meetingId, { values, errors, theirs: theirs as TapMeeting | undefined }),
      save: (data) => tap.recordMeeting(req.ctx, id, meetingId, data),
      then: `${base(id)}/meetings/${meetingId}?done=recorded`,
      keepTyped: true,
      stale: {
        field: 'personsWords',
        message:
          'Someone else saved this meeting while you were writing. Their version is shown; yours is kept below. Check both, then save again.',
        keepTyped: true,
      },
    });
  });

  // The action plan
  const actionFormPage = async (
    reply: FastifyReply,
    id: string,
    extra: { values?: Values; errors?: FormErrors } = {},
  ) => {
    const c = await tap.actionChoices(reply.request.ctx, id);
    const values = extra.values ?? { meetingId: meetingQuery.parse(reply.request.query ?? {}).meeting ?? '' };
    return reply.page('team-around-the-person/views/action-form.njk', {
      title: 'Add an action to the plan',
      person: personView(c.person, reply.request.ctx.now),
      values,
      errors: extra.errors,
      ownerOptions: [
        { value: '', text: 'Select who will do it' },
        ...c.members.map((m) => ({
          value: m.id,
          text: `${m.name}${m.role ? ` (${m.role}${m.organisation ? `, ${m.organisation}` : ''})` : ''}`,
          selected: m.id === values.ownerMemberId,
        })),
      ],
      meetingOptions: [
        { value: '', text: 'Not agreed at a meeting' },
        ...c.meetings.map((m) => ({
          value: m.id,
          text: `Meeting on ${m.startsAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })}`,
          selected: m.id === values.meetingId,
        })),
      ],
    });
  };

  app.get('/people/:id/team/actions/new', withId, async (req, reply) => actionFormPage(reply, req.params.id));

  app.post('/people/:id/team/actions', withId, async (req, reply) => {
    const id = req.params.id;
    const another = typedValues(req.body).another === 'yes';
    return submitForm(reply, {
      schema: actionForm(req.ctx.now),
      body: req.body,
      show: (reply, { values, errors }) => actionFormPage(reply, id, { values, errors }),
      save: async (data) => {
        await tap.addAction(req.ctx, id, data);
        return data.meetingId;
      },
      then: (meetingId) =>
        another
          ? `${base(id)}/actions/new?meeting=${meetingId ?? ''}&done=action`
          : meetingId
            ? `${base(id)}/meetings/${meetingId}?done=action`
            : `${base(id)}?done=action`,
      keepTyped: true,
    });
  });

  const actionPageOf = async (
    reply: FastifyReply,
    id: string,
    actionId: string,
    extra: { values?: Values; errors?: FormErrors; stale?: boolean; ownerErrors?: FormErrors } = {},
  ) => {
    const page = await tap.actionPage(reply.request.ctx, id, actionId);
    const values = extra.values ?? { status: page.action.status, version: page.action.version };
    const ownerOptions = [
      { value: '', text: 'Select who will do it now' },
      ...page.members
        .filter((m) => m.id !== page.action.ownerMemberId)
        .map((m) => ({
          value: m.id,
          text: `${m.name}${m.role ? ` (${m.role}${m.organisation ? `, ${m.organisation}` : ''})` : ''}`,
        })),
    ];
    const done = doneQuery.parse(reply.request.query ?? {}).done;
    return reply.page('team-around-the-person/views/action.njk', {
      ...page,
      title: 'Action',
      person: personView(page.person, reply.request.ctx.now),
      statusLabels,
      values,
      errors: extra.errors ?? extra.ownerErrors,
      ownerErrors: extra.ownerErrors,
      ownerOptions,
      stale: extra.stale,
      statusOptions: (Object.keys(statusLabels) as Array<keyof typeof statusLabels>).map((value) => ({
        value,
        text: statusLabels[value],
        checked: values.status === value,
      })),
      flash: done ? flashes[done] : undefined,
    });
  };

  app.get('/people/:id/team/actions/:actionId', withIds('actionId'), async (req, reply) =>
    actionPageOf(reply, req.params.id, req.params.actionId),
  );

  app.post('/people/:id/team/actions/:actionId/progress', withIds('actionId'), async (req, reply) => {
    const { id, actionId } = req.params;
    return submitForm(reply, {
      schema: progressForm,
      body: req.body,
      show: (reply, { values, errors }) =>
        actionPageOf(reply, id, actionId, { values, errors, stale: reply.statusCode === 409 || undefined }),
      save: (data) => tap.updateProgress(req.ctx, id, actionId, data),
      then: `${base(id)}/actions/${actionId}?done=progress`,
      stale: {
        field: 'note',
        message:
          'Someone else updated this action while you were writing. Their update is shown above; yours is kept below. Check it, then save again.',
        keepTyped: true,
      },
    });
  });

  app.post('/people/:id/team/actions/:actionId/owner', withIds('actionId'), async (req, reply) => {
    const { id, actionId } = req.params;
    return submitForm(reply, {
      schema: ownerForm,
      body: req.body,
      show: (reply, { errors }) => actionPageOf(reply, id, actionId, { ownerErrors: errors }),
      save: (data) => tap.changeOwner(req.ctx, id, actionId, data),
      then: `${base(id)}/actions/${actionId}?done=owner`,
      stale: {
        field: 'ownerMemberId',
        message: 'Someone else changed this action just now. Check it, then try again.',
      },
    });
  });

  // The plan for the person, in plain language
  app.get('/people/:id/team/plan', withId, async (req, reply) => {
    const plan = await tap.planForPerson(req.ctx, req.params.id, 'page');
    return reply.page('team-around-the-person/views/plan.njk', {
      ...plan,
      title: 'Our plan',
      person: personView(plan.person, req.ctx.now),
    });
  });

  app.get('/people/:id/team/plan/download', withId, async (req, reply) => {
    const plan = await tap.planForPerson(req.ctx, req.params.id, 'download');
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', 'attachment; filename="our-plan.txt"')
      .header('cache-control', 'no-store')
      .send(plainTextPlan({ ...plan, person: personView(plan.person, req.ctx.now) }, req.ctx.now));
  });

  // Conversations shared with the team
  app.get('/people/:id/team/conversations/:conversationId', withIds('conversationId'), async (req, reply) => {
    const found = await tap.sharedConversation(req.ctx, req.params.id, req.params.conversationId);
    return reply.page('team-around-the-person/views/conversation.njk', {
      ...found,
      title: conversationKindLabels[found.conversation.kind],
      person: personView(found.person, req.ctx.now),
      kindLabel: conversationKindLabels[found.conversation.kind],
    });
  });

  // Sharing a conversation: the named worker reads it beside what the person agreed to share.
  const sharePage = async (reply: FastifyReply, conversationId: string, extra: { errors?: FormErrors } = {}) => {
    const c = await tap.shareChoices(reply.request.ctx, conversationId);
    return reply.page('team-around-the-person/views/share.njk', {
      ...c,
      ...extra,
      title: `Share with the team: ${conversationKindLabels[c.conversation.kind]}`,
      person: personView(c.person, reply.request.ctx.now),
      kindLabel: conversationKindLabels[c.conversation.kind],
    });
  };

  app.get('/conversations/:id/share', withId, async (req, reply) => sharePage(reply, req.params.id));

  app.post('/conversations/:id/share', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: shareForm,
      body: req.body,
      show: (reply, { errors }) => sharePage(reply, id, { errors }),
      save: async (data) => {
        const shared = data.shared === 'yes';
        await tap.setShared(req.ctx, id, shared, data.withinAgreement === 'yes');
        return shared;
      },
      then: (shared) => `/conversations/${id}?done=${shared ? 'shared' : 'unshared'}`,
    });
  });

  // What the team is told about the person, written by their named worker for sharing.
  const summaryPage = async (
    reply: FastifyReply,
    id: string,
    extra: { values?: Values; errors?: FormErrors; theirs?: unknown } = {},
  ) => {
    const c = await tap.summaryChoices(reply.request.ctx, id);
    return reply.page('team-around-the-person/views/summary.njk', {
      ...c,
      values: extra.values ?? { text: c.latest?.text ?? '', basedOn: c.latest?.id ?? '' },
      errors: extra.errors,
      theirs: extra.theirs,
      title: `What the team knows about ${personView(c.person, reply.request.ctx.now).displayName}`,
      person: personView(c.person, reply.request.ctx.now),
    });
  };

  app.get('/people/:id/team/summary', withId, async (req, reply) => summaryPage(reply, req.params.id));

  app.post('/people/:id/team/summary', withId, async (req, reply) => {
    const id = req.params.id;
    return submitForm(reply, {
      schema: summaryForm,
      body: req.body,
      show: (reply, view) => summaryPage(reply, id, view),
      save: (data) => tap.writeSummary(req.ctx, id, data),
      then: `${base(id)}?done=summary`,
      stale: {
        field: 'text',
        message:
          'Someone else saved this while you were writing. Their version is shown; yours is kept below. Check both, then save again.',
        keepTyped: true,
        carried: (theirs) => ({ basedOn: (theirs as { id: string } | null)?.id ?? '' }),
      },
    });
  });

  // The hub's view
  app.get('/team-around-the-person', async (req, reply) => {
    const hub = await tap.hubView(req.ctx);
    return reply.page('team-around-the-person/views/hub.njk', { ...hub, title: 'Teams around the person' });
  });
}

const meetingQuery = z.object({ meeting: queryText });

const flashes: Record<string, string> = {
  closed: 'The team is closed. Partners in it no longer see anything about this person.',
  started: 'The team is set up. Record what they agree to share, then add the people working with them.',
  member: 'Added to the team. They have been told on their home page.',
  'member-removed': 'Taken out of the team. If they are a partner, they can no longer see anything about this person.',
  sharing: 'Sharing is recorded.',
  withdrawn: 'Sharing has stopped. Partners in the team can no longer see anything about this person.',
  arranged: 'Meeting arranged. Invited members have been told on their home page.',
  recorded: 'The meeting is recorded.',
  action: 'Action added to the plan.',
  progress: 'Progress saved.',
  owner: 'The action has a new owner. They have been told on their home page.',
  summary: 'Saved. Partners in the team see it while it is within what the person agreed to share.',
};
