import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { conversationKind, type ConversationKind } from '../../db/schema/index.js';
import { dateFromParts, optionalText, ukToday, ukTime } from '../../platform/forms.js';

export const conversationKindLabels: Record<ConversationKind, string> = {
  listen_and_connect: 'Listen and connect',
  crisis: 'Crisis: work intensively',
  build_a_good_life: 'Build a good life',
  taking_stock: 'Taking stock',
  carers_conversation: 'Carer’s conversation',
};

export const conversationKindHints: Record<ConversationKind, string> = {
  listen_and_connect: 'Conversation 1: understand what matters and connect them to what helps',
  crisis: 'Conversation 2: when they are at risk now and need intensive support',
  build_a_good_life: 'Conversation 3: plan long-term support, only when nothing else will do',
  taking_stock: 'At least yearly: is life working for them?',
  carers_conversation: 'With someone who cares for another person',
};

/** The fields of a conversation as typed; also what a draft holds. */
export const conversationFields = [
  'kind',
  'occurred-day',
  'occurred-month',
  'occurred-year',
  'occurredTime',
  'place',
  'participants',
  'narrative',
  'whatMatters',
  'agreed',
  'whatHappensNext',
  'checkBackOn-day',
  'checkBackOn-month',
  'checkBackOn-year',
] as const;

/**
 * The form's one-time key, so a form sent twice (the first response was lost) saves once.
 * Optional, for pages opened before it existed; anything that is not a key is ignored.
 */
export const submissionKeyField = z.uuid().optional().catch(undefined);

/** The key for a form shown again: the one it was sent with, or a fresh one. */
export const submissionKeyFor = (values: Record<string, unknown>): string =>
  submissionKeyField.parse(values.submissionKey) ?? randomUUID();

// The fields alone, built once (a zod object schema costs more to build than to parse with);
// the date rules, which depend on now, are added per request.
const fieldsForm = z.looseObject({
  kind: z.enum(conversationKind.enumValues, { message: 'Select what kind of conversation it was' }),
  occurredTime: z
    .string()
    .trim()
    .optional()
    .transform((v, c) => {
      if (!v) return null;
      const m = /^(\d{1,2})[:.](\d{2})\s*(am|pm)?$/i.exec(v);
      let h = m ? Number(m[1]) : NaN;
      if (m?.[3]) h = (h % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
      if (!m || h > 23 || Number(m[2]) > 59) {
        c.addIssue({ code: 'custom', message: 'Enter the time like 14:30 or 2:30pm' });
        return z.NEVER;
      }
      return `${String(h).padStart(2, '0')}:${m[2]}`;
    }),
  place: optionalText(200, 'Where it happened'),
  participants: optionalText(1000, 'Who took part'),
  narrative: z
    .string()
    .trim()
    .min(1, 'Write what was said: the conversation in your own words and theirs')
    .max(50_000, 'The conversation must be 50,000 characters or fewer'),
  whatMatters: optionalText(10_000, 'What matters to them'),
  agreed: optionalText(10_000, 'What was agreed'),
  whatHappensNext: z
    .string()
    .trim()
    .min(1, 'Write what happens next, so they know what to expect')
    .max(10_000, 'What happens next must be 10,000 characters or fewer'),
  submissionKey: submissionKeyField,
});

export function conversationForm(now: Date) {
  return (
    fieldsForm
      // The dates are checked even when other fields are wrong, so every problem is listed at once.
      .superRefine(
        (v, c) => {
          const occurred = dateFromParts(v, 'occurred', 'The date of the conversation', {
            notFuture: londonToday(now),
          });
          if (occurred.error) c.addIssue({ code: 'custom', message: occurred.error, path: ['occurred'] });
          else if (!occurred.iso)
            c.addIssue({ code: 'custom', message: 'Enter the date of the conversation', path: ['occurred'] });
          const checkBack = dateFromParts(v, 'checkBackOn', 'The check back date');
          if (checkBack.error) c.addIssue({ code: 'custom', message: checkBack.error, path: ['checkBackOn'] });
          else if (checkBack.iso && checkBack.iso < ukToday(now)) {
            c.addIssue({
              code: 'custom',
              message: 'The check back date must be today or in the future',
              path: ['checkBackOn'],
            });
          }
        },
        { when: () => true },
      )
      .transform((v, c) => {
        const occurred = dateFromParts(v, 'occurred', 'The date of the conversation');
        const checkBack = dateFromParts(v, 'checkBackOn', 'The check back date');
        // Times are UK local, stored as an instant. With no time given: now if it was today, else midday.
        const today = ukToday(now);
        const occurredAt = !occurred.iso
          ? null
          : v.occurredTime
            ? ukTime(occurred.iso, v.occurredTime)
            : occurred.iso === today
              ? now
              : ukTime(occurred.iso, '12:00');
        if (occurredAt && occurredAt.getTime() > now.getTime() + 60_000)
          c.addIssue({ code: 'custom', message: 'The conversation cannot be in the future', path: ['occurredTime'] });
        return {
          kind: v.kind,
          occurredAt: occurredAt!,
          place: v.place,
          participants: v.participants,
          narrative: v.narrative,
          whatMatters: v.whatMatters,
          agreed: v.agreed,
          whatHappensNext: v.whatHappensNext,
          checkBackOn: checkBack.iso,
          submissionKey: v.submissionKey ?? null,
        };
      })
  );
}

/** Midnight (as UTC) of today's date in London: typed dates up to today are not in the future, in summer time too. */
function londonToday(now: Date): Date {
  return new Date(`${ukToday(now)}T00:00:00Z`);
}

export type ConversationInput = z.output<ReturnType<typeof conversationForm>>;

export const amendmentForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the record needs correcting')
    .max(2000, 'The reason must be 2,000 characters or fewer'),
  correction: z
    .string()
    .trim()
    .min(1, 'Write the correction')
    .max(20_000, 'The correction must be 20,000 characters or fewer'),
});
