import { z } from 'zod';
import { communicationNeed } from '../../db/schema/index.js';
import {
  dateFromParts,
  formList as list,
  normalisePostcode,
  optionalEmail,
  optionalPhone,
  optionalText as optional,
} from '../../platform/forms.js';
import { normaliseNhsNumber } from './identity.js';

export const communicationNeedLabels: Record<(typeof communicationNeed.enumValues)[number], string> = {
  large_print: 'Large print',
  easy_read: 'Easy read',
  bsl_interpreter: 'British Sign Language interpreter',
  deafblind_interpreter: 'Deafblind interpreter (hands-on signing)',
  braille: 'Braille',
  audio: 'Audio recording',
  hearing_loop: 'Hearing loop',
  lip_reading: 'Needs to see your face to lip-read',
  help_reading_letters: 'Someone to help read letters',
  plain_language: 'Plain language, one thing at a time',
  email_preferred: 'Prefers email',
  phone_preferred: 'Prefers a phone call',
  text_message_preferred: 'Prefers text messages',
  letter_preferred: 'Prefers letters',
  no_phone_calls: 'Cannot use the phone',
};

/** The person's identity and how to communicate with them, as typed. */
export function identityForm(today: Date) {
  return (
    z
      .looseObject({
        givenName: z
          .string()
          .trim()
          .min(1, 'Enter their first name')
          .max(100, 'First name must be 100 characters or fewer'),
        familyName: z
          .string()
          .trim()
          .min(1, 'Enter their last name')
          .max(100, 'Last name must be 100 characters or fewer'),
        preferredName: optional(100, 'The name they like to be called'),
        pronouns: optional(40, 'Pronouns'),
        nhsNumber: z
          .string()
          .trim()
          .optional()
          .transform((v, c) => {
            if (!v) return null;
            const n = normaliseNhsNumber(v);
            if (!n) {
              c.addIssue({ code: 'custom', message: 'Enter a valid NHS number: 10 digits, like 943 476 5919' });
              return z.NEVER;
            }
            return n;
          }),
        address: optional(500, 'Address'),
        postcode: z
          .string()
          .trim()
          .optional()
          .transform((v, c) => {
            if (!v) return null;
            const p = normalisePostcode(v);
            if (!p) {
              c.addIssue({ code: 'custom', message: 'Enter a real postcode, like NB3 4XY' });
              return z.NEVER;
            }
            return p;
          }),
        phone: optionalPhone,
        email: optionalEmail(),
        firstLanguage: optional(60, 'First language'),
        interpreterNeeded: z
          .enum(['yes', 'no'])
          .optional()
          .transform((v) => v === 'yes'),
        communicationNeeds: list.pipe(
          z.array(z.enum(communicationNeed.enumValues, { message: 'Choose from the list' })),
        ),
        communicationNotes: optional(2000, 'Other ways to communicate with them'),
      })
      // The dates are checked even when other fields are wrong, so every problem is listed at once.
      .superRefine(
        (v, c) => {
          const dob = dateFromParts(v, 'dateOfBirth', 'Date of birth', { notFuture: today });
          if (dob.error) c.addIssue({ code: 'custom', message: dob.error, path: ['dateOfBirth'] });
          const death = dateFromParts(v, 'dateOfDeath', 'Date of death', { notFuture: today });
          if (death.error) c.addIssue({ code: 'custom', message: death.error, path: ['dateOfDeath'] });
          if (dob.iso && death.iso && death.iso < dob.iso)
            c.addIssue({
              code: 'custom',
              message: 'Date of death must be after their date of birth',
              path: ['dateOfDeath'],
            });
        },
        { when: () => true },
      )
      .transform((v) => {
        const dob = dateFromParts(v, 'dateOfBirth', 'Date of birth');
        const death = dateFromParts(v, 'dateOfDeath', 'Date of death');
        return {
          givenName: v.givenName,
          familyName: v.familyName,
          preferredName: v.preferredName,
          pronouns: v.pronouns,
          dateOfBirth: dob.iso,
          dateOfDeath: death.iso,
          nhsNumber: v.nhsNumber,
          address: v.address,
          postcode: v.postcode,
          phone: v.phone,
          email: v.email,
          firstLanguage: v.firstLanguage,
          interpreterNeeded: v.interpreterNeeded,
          communicationNeeds: v.communicationNeeds,
          communicationNotes: v.communicationNotes,
          version: Number(v.version) || 0,
          confirmedNew: v.confirmedNew === 'yes',
        };
      })
  );
}

export type IdentityInput = z.output<ReturnType<typeof identityForm>>;

const aboutText = (label: string) =>
  z
    .string()
    .trim()
    .max(10_000, `${label} must be 10,000 characters or fewer`)
    .optional()
    .transform((v) => v ?? '');

export const aboutMeForm = z
  .object({
    whatMatters: aboutText('What matters to them'),
    strengths: aboutText('Their strengths'),
    enjoys: aboutText('What they enjoy and are good at'),
    hopes: aboutText('Their hopes'),
    inTheirWords: z
      .enum(['yes', 'no'], { message: 'Say whether this is in their own words' })
      .transform((v) => v === 'yes'),
    version: z.coerce.number().int().min(0),
  })
  .refine((v) => v.whatMatters || v.strengths || v.enjoys || v.hopes, {
    message: 'Write at least one part of “about me”',
    path: ['whatMatters'],
  });

export const relationships = [
  'Partner',
  'Husband',
  'Wife',
  'Daughter',
  'Son',
  'Parent',
  'Sister',
  'Brother',
  'Grandchild',
  'Other family',
  'Friend',
  'Neighbour',
  'Advocate',
  'Other',
];
export const networkRoles = [
  'Unpaid carer',
  'Lasting power of attorney (health and welfare)',
  'Lasting power of attorney (property and finance)',
  'Deputy',
  'Next of kin',
  'Emergency contact',
  'Advocate',
];

/** The search box: what was typed, trimmed; blank is for the page to refuse. */
export const searchForm = z.looseObject({
  q: z
    .unknown()
    .optional()
    .transform((v) => String(v ?? '').trim()),
});

export const networkForm = z.object({
  name: z.string().trim().min(1, 'Enter their name').max(200, 'Name must be 200 characters or fewer'),
  relationship: z.enum(relationships as [string, ...string[]], { message: 'Select how they know the person' }),
  roles: list.pipe(z.array(z.enum(networkRoles as [string, ...string[]], { message: 'Choose from the list' }))),
  phone: optionalPhone,
  email: optionalEmail(),
  notes: optional(2000, 'Notes'),
  linkedPersonId: z
    .union([z.literal(''), z.uuid()])
    .optional()
    .transform((v) => v || null),
});

export const namedWorkerForm = z.object({
  workerId: z.uuid({ message: 'Select the new named worker' }),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the named worker is changing')
    .max(2000, 'Reason must be 2,000 characters or fewer'),
});

export const openReasonForm = z.object({
  reason: z
    .string()
    .trim()
    .min(10, 'Give a reason of at least 10 characters: it is recorded and the team manager is told')
    .max(2000, 'Reason must be 2,000 characters or fewer'),
});

export const restrictionForm = z
  .object({
    restricted: z
      .enum(['yes', 'no'], { message: 'Say whether the record is restricted' })
      .transform((v) => v === 'yes'),
    reason: optional(1000, 'Reason'),
    workerIds: list.pipe(z.array(z.uuid())),
    teamIds: list.pipe(z.array(z.uuid())),
  })
  .refine((v) => !v.restricted || v.reason, { message: 'Say why the record is restricted', path: ['reason'] });
