import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TapMeeting } from '../../db/schema/index.js';
import { FormRefused, parseForm, StaleVersion, type FormErrors } from '../../platform/forms.js';
import { idParam } from '../../platform/params.js';
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
const asList = (v: unknown) => ([] as string[]).concat((v as string[] | string | undefined) ?? []);

export default async function tapRoutes(app: FastifyInstance) {
  addToRecord(app.record);
  app.navigation.push({ href: '/team-around-the-person', text: 'Teams around the person', roles: personReaders });
  const signedIn = { preHandler: app.requireWorker };
  const base = (id: string) => `/people/${id}/team`;

  app.get('/people/:id/team', signedIn, async (req, reply) => {
    const page = await tap.teamPage(req.ctx, idParam(req.params));
    const done = (req.query as { done?: string }).done;
    return reply.page('team-around-the-person/views/team.njk', {
      ...page,
      title: `Team around ${personView(page.person, req.ctx.now).displayName}`,
      person: personView(page.person, req.ctx.now),
      now: req.ctx.now,
      kindLabels: conversationKindLabels,
      statusLabels,
      attendanceLabels,
      flash: done ? flashes[done] : undefined,
    });
  });

  app.post('/people/:id/team', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    await tap.startTeam(req.ctx, id);
    return reply.redirect(`${base(id)}?done=started`, 303);
  });

  app.post('/people/:id/team/close', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(closeForm, req.body);
    if (!form.ok) {
      const page = await tap.teamPage(req.ctx, id);
      if (!page.canManage)
        return reply.code(403).page('errors/forbidden.njk', { title: 'You do not have access to this page' });
      return reply.code(400).page('team-around-the-person/views/team.njk', {
        ...page,
        title: `Team around ${personView(page.person, req.ctx.now).displayName}`,
        person: personView(page.person, req.ctx.now),
        now: req.ctx.now,
        kindLabels: conversationKindLabels,
        statusLabels,
        attendanceLabels,
        errors: form.errors,
      });
    }
    await tap.closeTeam(req.ctx, id, form.data.reason);
    return reply.redirect(`${base(id)}?done=closed`, 303);
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

  app.get('/people/:id/team/members/new', signedIn, async (req, reply) => memberPage(reply, idParam(req.params)));

  app.post('/people/:id/team/members', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(memberForm, req.body);
    if (!form.ok) return memberPage(reply.code(400), id, form);
    try {
      await tap.addMember(req.ctx, id, form.data);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return memberPage(reply.code(400), id, { values: req.body as Values, errors: { [err.field]: err.message } });
    }
    return reply.redirect(`${base(id)}?done=member`, 303);
  });

  const removePage = async (
    reply: FastifyReply,
    id: string,
    memberId: string,
    extra: { values?: Values; errors?: FormErrors } = {},
  ) => {
    const page = await tap.teamPage(reply.request.ctx, id);
    if (!page.canManage)
      return reply.code(403).page('errors/forbidden.njk', { title: 'You do not have access to this page' });
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

  app.get('/people/:id/team/members/:memberId/remove', signedIn, async (req, reply) =>
    removePage(reply, idParam(req.params), idParam(req.params, 'memberId')),
  );

  app.post('/people/:id/team/members/:memberId/remove', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const memberId = idParam(req.params, 'memberId');
    const form = parseForm(removeMemberForm, req.body);
    if (!form.ok) return removePage(reply.code(400), id, memberId, form);
    try {
      await tap.removeMember(req.ctx, id, memberId, form.data.reason);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return removePage(reply.code(400), id, memberId, { values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect(`${base(id)}?done=member-removed`, 303);
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

  app.get('/people/:id/team/sharing', signedIn, async (req, reply) => sharingPage(reply, idParam(req.params)));

  app.post('/people/:id/team/sharing', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(consentForm(req.ctx.now), req.body);
    if (!form.ok) return sharingPage(reply.code(400), id, form);
    try {
      await tap.recordConsent(req.ctx, id, form.data);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return sharingPage(reply.code(400), id, { values: req.body as Values, errors: { [err.field]: err.message } });
    }
    return reply.redirect(`${base(id)}?done=sharing`, 303);
  });

  app.post('/people/:id/team/sharing/:consentId/withdraw', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const consentId = idParam(req.params, 'consentId');
    const form = parseForm(withdrawForm, req.body);
    if (!form.ok)
      return sharingPage(reply.code(400), id, { withdrawErrors: form.errors, values: { withdrawReason: '' } });
    await tap.withdrawConsent(req.ctx, id, consentId, form.data.reason);
    return reply.redirect(`${base(id)}?done=withdrawn`, 303);
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

  app.get('/people/:id/team/meetings/new', signedIn, async (req, reply) => meetingFormPage(reply, idParam(req.params)));

  app.post('/people/:id/team/meetings', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(meetingForm(req.ctx.now), req.body);
    if (!form.ok) return meetingFormPage(reply.code(400), id, form);
    try {
      const meeting = await tap.arrangeMeeting(req.ctx, id, form.data);
      return reply.redirect(`${base(id)}/meetings/${meeting.id}?done=arranged`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return meetingFormPage(reply.code(400), id, { values: req.body as Values, errors: { [err.field]: err.message } });
    }
  });

  app.get('/people/:id/team/meetings/:meetingId', signedIn, async (req, reply) => {
    const page = await tap.meetingPage(req.ctx, idParam(req.params), idParam(req.params, 'meetingId'));
    const done = (req.query as { done?: string }).done;
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
    if (!page.canManage)
      return reply.code(403).page('errors/forbidden.njk', { title: 'You do not have access to this page' });
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

  app.get('/people/:id/team/meetings/:meetingId/record', signedIn, async (req, reply) =>
    recordPage(reply, idParam(req.params), idParam(req.params, 'meetingId')),
  );

  app.post('/people/:id/team/meetings/:meetingId/record', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const meetingId = idParam(req.params, 'meetingId');
    const form = parseForm(meetingRecordForm, req.body);
    if (!form.ok) return recordPage(reply.code(400), id, meetingId, form);
    try {
      await tap.recordMeeting(req.ctx, id, meetingId, form.data);
    } catch (err) {
      if (err instanceof StaleVersion) {
        const theirs = err.current as TapMeeting;
        return recordPage(reply.code(409), id, meetingId, {
          values: { ...(req.body as Values), version: theirs.version },
          theirs,
          errors: {
            personsWords:
              'Someone else saved this meeting while you were writing. Their version is shown; yours is kept below. Check both, then save again.',
          },
        });
      }
      if (!(err instanceof FormRefused)) throw err;
      return recordPage(reply.code(400), id, meetingId, {
        values: req.body as Values,
        errors: { [err.field]: err.message },
      });
    }
    return reply.redirect(`${base(id)}/meetings/${meetingId}?done=recorded`, 303);
  });

  // The action plan
  const actionFormPage = async (
    reply: FastifyReply,
    id: string,
    extra: { values?: Values; errors?: FormErrors } = {},
  ) => {
    const c = await tap.actionChoices(reply.request.ctx, id);
    const values = extra.values ?? { meetingId: (reply.request.query as { meeting?: string }).meeting ?? '' };
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

  app.get('/people/:id/team/actions/new', signedIn, async (req, reply) => actionFormPage(reply, idParam(req.params)));

  app.post('/people/:id/team/actions', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(actionForm(req.ctx.now), req.body);
    if (!form.ok) return actionFormPage(reply.code(400), id, form);
    try {
      await tap.addAction(req.ctx, id, form.data);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return actionFormPage(reply.code(400), id, { values: req.body as Values, errors: { [err.field]: err.message } });
    }
    const another = (req.body as { another?: string }).another === 'yes';
    if (another) return reply.redirect(`${base(id)}/actions/new?meeting=${form.data.meetingId ?? ''}&done=action`, 303);
    return reply.redirect(
      form.data.meetingId ? `${base(id)}/meetings/${form.data.meetingId}?done=action` : `${base(id)}?done=action`,
      303,
    );
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
    const done = (reply.request.query as { done?: string }).done;
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

  app.get('/people/:id/team/actions/:actionId', signedIn, async (req, reply) =>
    actionPageOf(reply, idParam(req.params), idParam(req.params, 'actionId')),
  );

  app.post('/people/:id/team/actions/:actionId/progress', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const actionId = idParam(req.params, 'actionId');
    const form = parseForm(progressForm, req.body);
    if (!form.ok) return actionPageOf(reply.code(400), id, actionId, form);
    try {
      await tap.updateProgress(req.ctx, id, actionId, form.data);
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err;
      const theirs = err.current as { version: number };
      return actionPageOf(reply.code(409), id, actionId, {
        values: { ...(req.body as Values), version: theirs.version },
        stale: true,
        errors: {
          note: 'Someone else updated this action while you were writing. Their update is shown above; yours is kept below. Check it, then save again.',
        },
      });
    }
    return reply.redirect(`${base(id)}/actions/${actionId}?done=progress`, 303);
  });

  app.post('/people/:id/team/actions/:actionId/owner', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const actionId = idParam(req.params, 'actionId');
    const form = parseForm(ownerForm, req.body);
    if (!form.ok) return actionPageOf(reply.code(400), id, actionId, { ownerErrors: form.errors });
    try {
      await tap.changeOwner(req.ctx, id, actionId, form.data);
    } catch (err) {
      if (err instanceof StaleVersion)
        return actionPageOf(reply.code(409), id, actionId, {
          ownerErrors: { ownerMemberId: 'Someone else changed this action just now. Check it, then try again.' },
        });
      if (!(err instanceof FormRefused)) throw err;
      return actionPageOf(reply.code(400), id, actionId, { ownerErrors: { [err.field]: err.message } });
    }
    return reply.redirect(`${base(id)}/actions/${actionId}?done=owner`, 303);
  });

  // The plan for the person, in plain language
  app.get('/people/:id/team/plan', signedIn, async (req, reply) => {
    const plan = await tap.planForPerson(req.ctx, idParam(req.params), 'page');
    return reply.page('team-around-the-person/views/plan.njk', {
      ...plan,
      title: 'Our plan',
      person: personView(plan.person, req.ctx.now),
    });
  });

  app.get('/people/:id/team/plan/download', signedIn, async (req, reply) => {
    const plan = await tap.planForPerson(req.ctx, idParam(req.params), 'download');
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', 'attachment; filename="our-plan.txt"')
      .header('cache-control', 'no-store')
      .send(plainTextPlan({ ...plan, person: personView(plan.person, req.ctx.now) }, req.ctx.now));
  });

  // Conversations shared with the team
  app.get('/people/:id/team/conversations/:conversationId', signedIn, async (req, reply) => {
    const found = await tap.sharedConversation(req.ctx, idParam(req.params), idParam(req.params, 'conversationId'));
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

  app.get('/conversations/:id/share', signedIn, async (req, reply) => sharePage(reply, idParam(req.params)));

  app.post('/conversations/:id/share', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(shareForm, req.body);
    if (!form.ok) return sharePage(reply.code(400), id, { errors: form.errors });
    const shared = form.data.shared === 'yes';
    try {
      await tap.setShared(req.ctx, id, shared, form.data.withinAgreement === 'yes');
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return sharePage(reply.code(400), id, { errors: { [err.field]: err.message } });
    }
    return reply.redirect(`/conversations/${id}?done=${shared ? 'shared' : 'unshared'}`, 303);
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

  app.get('/people/:id/team/summary', signedIn, async (req, reply) => summaryPage(reply, idParam(req.params)));

  app.post('/people/:id/team/summary', signedIn, async (req, reply) => {
    const id = idParam(req.params);
    const form = parseForm(summaryForm, req.body);
    if (!form.ok) return summaryPage(reply.code(400), id, { values: form.values, errors: form.errors });
    try {
      await tap.writeSummary(req.ctx, id, form.data);
    } catch (err) {
      if (err instanceof StaleVersion) {
        const theirs = err.current as { id: string } | null;
        return summaryPage(reply.code(409), id, {
          values: { ...(req.body as Values), basedOn: theirs?.id ?? '' },
          theirs,
          errors: {
            text: 'Someone else saved this while you were writing. Their version is shown; yours is kept below. Check both, then save again.',
          },
        });
      }
      if (!(err instanceof FormRefused)) throw err;
      return summaryPage(reply.code(400), id, { values: form.data, errors: { [err.field]: err.message } });
    }
    return reply.redirect(`${base(id)}?done=summary`, 303);
  });

  // The hub's view
  app.get('/team-around-the-person', signedIn, async (req, reply) => {
    const hub = await tap.hubView(req.ctx);
    return reply.page('team-around-the-person/views/hub.njk', { ...hub, title: 'Teams around the person' });
  });
}

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
