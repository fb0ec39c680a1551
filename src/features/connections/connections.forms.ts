import { z } from 'zod';
import { connectionOutcome } from '../../db/schema/index.js';
import { dateFromParts, normalisePostcode, optionalText, ukToday } from '../../platform/forms.js';

export type ConnectionOutcome = (typeof connectionOutcome.enumValues)[number];

export const outcomeLabels: Record<ConnectionOutcome, string> = {
  helped: 'It helped',
  did_not_help: 'It did not help',
  did_not_happen: 'It did not happen',
};

/** How far from the postcode to look, in miles (the value) as the worker reads it. */
export const distanceLabels: Record<string, string> = {
  '1': 'Within 1 mile',
  '2': 'Within 2 miles',
  '5': 'Within 5 miles',
  '10': 'Within 10 miles',
};
export const defaultDistance = '2';
const METRES_PER_MILE = 1609.344;

/** Finding a resource for the person: words, and distance from a postcode (theirs, to start with). */
export const findResourceForm = z
  .object({
    words: optionalText(200, 'What you are looking for'),
    postcode: z
      .string()
      .trim()
      .optional()
      .transform((v, c) => {
        if (!v) return null;
        // A full postcode, or just its district ("NB2"), is enough to measure from.
        const district = v.toUpperCase().replace(/\s+/g, '');
        const postcode = normalisePostcode(v) ?? (/^[A-Z]{1,2}\d[A-Z\d]?$/.test(district) ? district : null);
        if (!postcode) {
          c.addIssue({
            code: 'custom',
            message: 'Enter a real postcode, like NB2 6QT, or the first part of one, like NB2',
          });
          return z.NEVER;
        }
        return postcode;
      }),
    distance: z
      .enum(Object.keys(distanceLabels) as [string, ...string[]], {
        message: 'Select how far from the postcode to look',
      })
      .default(defaultDistance),
  })
  .transform((v) => ({
    words: v.words,
    postcode: v.postcode,
    distance: v.distance,
    metres: Math.round(Number(v.distance) * METRES_PER_MILE),
  }))
  .refine((v) => v.words || v.postcode, {
    message: 'Enter what you are looking for, or a postcode to look near',
    path: ['words'],
  });

export type FindResourceInput = z.output<typeof findResourceForm>;

/**
 * The connection: why, who will do what (at least one of the three), and when to follow up.
 * An informal one (not in the directory) also says what or who it is, and may be suggested for
 * the directory.
 */
export function connectionForm(now: Date, informal = false) {
  return (
    z
      .looseObject({
        reason: z
          .string()
          .trim()
          .min(1, 'Say why you are connecting them to this resource')
          .max(2000, 'Why must be 2,000 characters or fewer'),
        personWill: optionalText(2000, 'What they will do'),
        workerWill: optionalText(2000, 'What you will do'),
        providerWill: optionalText(2000, 'What the resource will do'),
        informalName: optionalText(200, 'What or who it is'),
        informalDetail: optionalText(2000, 'What it is and how to reach it'),
        suggestForDirectory: z.string().optional(),
      })
      // Checked even when other fields are wrong, so every problem is listed at once.
      .superRefine(
        (v, c) => {
          const blank = (k: string) => !String(v[k] ?? '').trim();
          if (informal && blank('informalName'))
            c.addIssue({ code: 'custom', message: 'Say what or who they were connected to', path: ['informalName'] });
          if (blank('personWill') && blank('workerWill') && blank('providerWill')) {
            c.addIssue({
              code: 'custom',
              message: 'Say who will do what: them, you or the resource (at least one)',
              path: ['personWill'],
            });
          }
          const followUp = dateFromParts(v, 'followUpOn', 'The follow-up date');
          if (followUp.error) c.addIssue({ code: 'custom', message: followUp.error, path: ['followUpOn'] });
          else if (!followUp.iso)
            c.addIssue({ code: 'custom', message: 'Enter the date to follow up', path: ['followUpOn'] });
          else if (followUp.iso <= ukToday(now))
            c.addIssue({ code: 'custom', message: 'The follow-up date must be in the future', path: ['followUpOn'] });
        },
        { when: () => true },
      )
      .transform((v) => ({
        reason: v.reason,
        personWill: v.personWill,
        workerWill: v.workerWill,
        providerWill: v.providerWill,
        followUpOn: dateFromParts(v, 'followUpOn', 'The follow-up date').iso!,
        informal: informal
          ? { name: v.informalName!, detail: v.informalDetail, suggested: v.suggestForDirectory === 'yes' }
          : null,
      }))
  );
}

export type ConnectionInput = z.output<ReturnType<typeof connectionForm>>;

/** The fields of the connection form as typed, to show again. */
export const connectionFields = [
  'informalName',
  'informalDetail',
  'suggestForDirectory',
  'reason',
  'personWill',
  'workerWill',
  'providerWill',
  'followUpOn-day',
  'followUpOn-month',
  'followUpOn-year',
] as const;

/** "How did it go?": why is needed when it did not help or did not happen. */
export const followUpForm = z
  .object({
    outcome: z.enum(connectionOutcome.enumValues, { message: 'Select how it went' }),
    outcomeNote: optionalText(2000, 'What happened'),
  })
  .superRefine((v, c) => {
    if (v.outcome !== 'helped' && !v.outcomeNote) {
      c.addIssue({
        code: 'custom',
        message: v.outcome === 'did_not_help' ? 'Say why it did not help' : 'Say why it did not happen',
        path: ['outcomeNote'],
      });
    }
  });

export type FollowUpInput = z.output<typeof followUpForm>;
