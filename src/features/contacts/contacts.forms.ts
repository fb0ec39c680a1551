import { z } from 'zod';
import { contactChannel, contactUrgency, type ContactChannel } from '../../db/schema/index.js';
import { dateFromParts, optionalText, ukToday } from '../../platform/forms.js';
import { submissionKeyField } from '../conversations/conversations.forms.js';

export const channelLabels: Record<ContactChannel, string> = {
  phone: 'Phone',
  email: 'Email',
  drop_in: 'Drop-in (First Local)',
  gp: 'GP surgery',
  hospital: 'Hospital ward',
  family_or_friend: 'Family or friend',
  professional: 'Another professional',
  self: 'The person themselves, in person',
  out_of_hours: 'Out of hours',
};

/** Where the front-door conversation happened, by how they got in touch. */
export const channelPlace: Record<ContactChannel, string> = {
  phone: 'By phone',
  email: 'By email',
  drop_in: 'First Local drop-in',
  gp: 'At the GP surgery',
  hospital: 'On the hospital ward',
  family_or_friend: 'Through family or a friend',
  professional: 'Through another professional',
  self: 'In person',
  out_of_hours: 'Out of hours',
};

export const urgencyLabels: Record<(typeof contactUrgency.enumValues)[number], string> = {
  none: 'No',
  crisis: 'Yes, a crisis: they are at risk now',
  abuse_or_neglect: 'Yes, a concern about abuse or neglect',
};

export const resolutionLabels = {
  information_advice: 'Information and advice given',
  connected: 'Connected to someone who can help',
} as const;

/** The fields a contact draft keeps. */
export const contactFields = [
  'channel',
  'contactName',
  'contactRelationship',
  'contactReach',
  'reason',
  'whatMattersNow',
  'urgency',
  'narrative',
  'whatHappensNext',
  'outcome',
  'resolutionKind',
  'resolutionDetail',
  'checkBackOn-day',
  'checkBackOn-month',
  'checkBackOn-year',
  'teamChoice',
  'teamId',
  'routingReason',
  'concern',
] as const;

/** The fields each outcome asks about: revealed under its radio, or, without JavaScript, on a page of their own. */
export const branchFields = {
  resolved: new Set<string>([
    'resolutionKind',
    'resolutionDetail',
    'checkBackOn-day',
    'checkBackOn-month',
    'checkBackOn-year',
  ]),
  passed: new Set<string>(['teamChoice', 'teamId', 'routingReason']),
} as const;

export function contactForm(now: Date) {
  return z
    .looseObject({
      channel: z.enum(contactChannel.enumValues, { message: 'Select how they got in touch' }),
      contactName: optionalText(200, 'Who got in touch'),
      contactRelationship: optionalText(100, 'How they know the person'),
      contactReach: optionalText(300, 'How to reach them'),
      reason: z
        .string()
        .trim()
        .min(1, 'Say why they got in touch')
        .max(5000, 'Why they got in touch must be 5,000 characters or fewer'),
      whatMattersNow: optionalText(5000, 'What matters to them now'),
      urgency: z.enum(contactUrgency.enumValues, { message: 'Say whether it is urgent' }),
      narrative: optionalText(50_000, 'The conversation'),
      whatHappensNext: z
        .string()
        .trim()
        .min(1, 'Say what happens next, so they know what to expect')
        .max(5000, 'What happens next must be 5,000 characters or fewer'),
      // Resolved now; stayed with (the worker becomes the named worker and keeps the work); or passed on.
      outcome: z.enum(['resolved', 'stayed', 'passed'], {
        message: 'Say whether it was resolved, you will stay with them, or it is being passed on',
      }),
      resolutionKind: z.enum(['information_advice', 'connected']).optional(),
      resolutionDetail: optionalText(5000, 'What was given or who they were connected to'),
      teamChoice: z.enum(['suggested', 'other']).optional(),
      teamId: z
        .union([z.literal(''), z.uuid()])
        .optional()
        .transform((v) => v || null),
      routingReason: optionalText(1000, 'Why this team'),
      /** A partner's concern the front door is taking as this contact. */
      concern: z.uuid().optional().catch(undefined),
      submissionKey: submissionKeyField,
    })
    .superRefine((v, c) => {
      if (v.outcome === 'resolved') {
        if (v.urgency !== 'none')
          c.addIssue({
            code: 'custom',
            path: ['outcome'],
            message: 'A crisis or a concern about abuse or neglect is always passed to the locality team',
          });
        if (!v.resolutionKind)
          c.addIssue({ code: 'custom', path: ['resolutionKind'], message: 'Say how it was resolved' });
        // Connected: who to is the connection made next, from the directory or not.
        if (!v.resolutionDetail && v.resolutionKind !== 'connected')
          c.addIssue({ code: 'custom', path: ['resolutionDetail'], message: 'Say what information was given' });
        const checkBack = dateFromParts(v, 'checkBackOn', 'The check back date');
        if (checkBack.error) c.addIssue({ code: 'custom', path: ['checkBackOn'], message: checkBack.error });
        else if (checkBack.iso && checkBack.iso < ukToday(now))
          c.addIssue({
            code: 'custom',
            path: ['checkBackOn'],
            message: 'The check back date must be today or in the future',
          });
      }
      if (v.outcome === 'passed' && v.teamChoice === 'other') {
        if (!v.teamId) c.addIssue({ code: 'custom', path: ['teamId'], message: 'Select the team to pass it to' });
        if (!v.routingReason)
          c.addIssue({
            code: 'custom',
            path: ['routingReason'],
            message: 'Say why it goes to this team rather than the one suggested',
          });
      }
    })
    .transform((v) => ({
      channel: v.channel,
      contactName: v.contactName,
      contactRelationship: v.contactRelationship,
      contactReach: v.contactReach,
      reason: v.reason,
      whatMattersNow: v.whatMattersNow,
      urgency: v.urgency,
      narrative: v.narrative,
      whatHappensNext: v.whatHappensNext,
      outcome: v.outcome,
      resolutionKind: v.outcome === 'resolved' ? v.resolutionKind! : null,
      resolutionDetail: v.outcome === 'resolved' ? v.resolutionDetail : null,
      checkBackOn: v.outcome === 'resolved' ? dateFromParts(v, 'checkBackOn', '').iso : null,
      manualTeamId: v.outcome === 'passed' && v.teamChoice === 'other' ? v.teamId : null,
      routingReason: v.outcome === 'passed' && v.teamChoice === 'other' ? v.routingReason : null,
      concernId: v.concern ?? null,
      submissionKey: v.submissionKey ?? null,
    }));
}

export type ContactInput = z.output<ReturnType<typeof contactForm>>;

export const routeDecisionForm = z.object({
  teamId: z.uuid({ message: 'Select the locality team' }),
  reason: z.string().trim().min(1, 'Say why this team').max(1000, 'The reason must be 1,000 characters or fewer'),
});
