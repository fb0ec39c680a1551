import { z } from 'zod';
import { concernPersonKnows, contactUrgency } from '../../db/schema/index.js';
import { dateFromParts, optionalText } from '../../platform/forms.js';
import { submissionKeyField } from '../conversations/conversations.forms.js';

export const personKnowsLabels: Record<(typeof concernPersonKnows.enumValues)[number], string> = {
  yes: 'Yes, they know I am telling you',
  no: 'No',
  not_able: 'They cannot understand or agree to it now',
};

/** The fields of the form as typed, to show again. */
export const concernFields = [
  'about',
  'aboutName',
  'aboutDateOfBirth-day',
  'aboutDateOfBirth-month',
  'aboutDateOfBirth-year',
  'aboutAddress',
  'aboutReach',
  'concern',
  'urgency',
  'personKnows',
  'raiserReach',
] as const;

/**
 * A partner's concern: about someone in one of their teams around the person (their id), or
 * someone else (name needed; date of birth, address and how to reach them if known); what it
 * is, how urgent, whether the person knows, and how to reach the partner.
 */
export function concernForm(now: Date) {
  return z
    .looseObject({
      about: z.union([z.literal('someone_else'), z.uuid()], { message: 'Say who it is about' }),
      aboutName: optionalText(200, 'Their name'),
      aboutAddress: optionalText(500, 'Their address or postcode'),
      aboutReach: optionalText(300, 'How to reach them'),
      concern: z
        .string()
        .trim()
        .min(1, 'Say what your concern is')
        .max(5000, 'Your concern must be 5,000 characters or fewer'),
      urgency: z.enum(contactUrgency.enumValues, { message: 'Say whether it is urgent' }),
      personKnows: z.enum(concernPersonKnows.enumValues, { message: 'Say whether they know you are telling us' }),
      raiserReach: z
        .string()
        .trim()
        .min(1, 'Say how we can reach you')
        .max(300, 'How to reach you must be 300 characters or fewer'),
      submissionKey: submissionKeyField,
    })
    .superRefine(
      (v, c) => {
        if (v.about !== 'someone_else') return;
        if (!String(v.aboutName ?? '').trim())
          c.addIssue({
            code: 'custom',
            path: ['aboutName'],
            message: 'Give their name, so the front door can find them',
          });
        const born = dateFromParts(v, 'aboutDateOfBirth', 'Their date of birth', { notFuture: now });
        if (born.error) c.addIssue({ code: 'custom', path: ['aboutDateOfBirth'], message: born.error });
      },
      { when: () => true },
    )
    .transform((v) => {
      const someoneElse = v.about === 'someone_else';
      return {
        personId: someoneElse ? null : v.about,
        aboutName: someoneElse ? v.aboutName! : null,
        aboutDateOfBirth: someoneElse ? dateFromParts(v, 'aboutDateOfBirth', '').iso : null,
        aboutAddress: someoneElse ? v.aboutAddress : null,
        aboutReach: someoneElse ? v.aboutReach : null,
        concern: v.concern,
        urgency: v.urgency,
        personKnows: v.personKnows,
        raiserReach: v.raiserReach,
        submissionKey: v.submissionKey ?? null,
      };
    });
}

export type ConcernInput = z.output<ReturnType<typeof concernForm>>;
