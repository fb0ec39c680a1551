import { z } from 'zod';
import {
  dateFromParts,
  formList,
  optionalEmail,
  optionalPhone,
  optionalText,
  ukTime,
  ukToday,
} from '../../platform/forms.js';

const required = (max: number, missing: string, label: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);

// A blank choice (a select's "Select someone") is no choice.
const list = formList.transform((v) => v.filter(Boolean));

const uuidList = list.pipe(z.array(z.uuid({ message: 'Choose from the list' })));

export const memberKindLabels = {
  worker: 'A worker with a Hearth account (council or partner)',
  practitioner: 'A practitioner without an account',
  person: 'The person themselves',
  network: 'Someone from their network (family, friend, carer)',
} as const;

/** Adding someone to the team: which kind of member decides which other fields are needed. */
export const memberForm = z
  .looseObject({
    kind: z.enum(['worker', 'practitioner', 'person', 'network'], { message: 'Select who you are adding' }),
    workerId: z.string().optional(),
    networkMemberId: z.string().optional(),
    name: optionalText(200, 'Name'),
    organisation: optionalText(200, 'Organisation'),
    role: optionalText(200, 'Role'),
    phone: optionalPhone,
    email: optionalEmail('name@organisation.example'),
    part: optionalText(500, 'What they bring'),
  })
  .superRefine((v, c) => {
    const uuid = z.uuid();
    if (v.kind === 'worker' && !uuid.safeParse(v.workerId).success)
      c.addIssue({ code: 'custom', path: ['workerId'], message: 'Select the worker' });
    if (v.kind === 'network' && !uuid.safeParse(v.networkMemberId).success)
      c.addIssue({ code: 'custom', path: ['networkMemberId'], message: 'Select someone from their network' });
    if (v.kind === 'practitioner') {
      if (!v.name) c.addIssue({ code: 'custom', path: ['name'], message: 'Enter the practitioner’s name' });
      if (!v.organisation) c.addIssue({ code: 'custom', path: ['organisation'], message: 'Enter their organisation' });
      if (!v.role) c.addIssue({ code: 'custom', path: ['role'], message: 'Enter their role, like district nurse' });
      if (!v.phone && !v.email)
        c.addIssue({
          code: 'custom',
          path: ['phone'],
          message: 'Enter a phone number or email address, so the team can reach them',
        });
    }
  })
  .transform((v) => ({
    kind: v.kind,
    workerId: v.kind === 'worker' ? v.workerId! : null,
    networkMemberId: v.kind === 'network' ? v.networkMemberId! : null,
    name: v.kind === 'practitioner' ? v.name : null,
    organisation: v.kind === 'practitioner' ? v.organisation : null,
    role: v.kind === 'practitioner' ? v.role : null,
    phone: v.kind === 'practitioner' ? v.phone : null,
    email: v.kind === 'practitioner' ? v.email : null,
    part: v.part,
  }));
export type MemberInput = z.output<typeof memberForm>;

export const removeMemberForm = z.object({
  reason: required(500, 'Say why they are leaving the team', 'The reason'),
});

export const basisLabels = {
  consent: 'They agreed to share',
  lawful_reason: 'Sharing without their agreement, for a lawful reason',
} as const;

/** Midnight (as UTC) of today's date in London, for "not in the future" checks on typed dates. */
const londonToday = (now: Date) => new Date(`${ukToday(now)}T00:00:00Z`);

export function consentForm(now: Date) {
  return z
    .looseObject({
      basis: z.enum(['consent', 'lawful_reason'], {
        message: 'Select whether they agreed, or the lawful reason for sharing',
      }),
      whatMayBeShared: required(5000, 'Write what may be shared, in their words where you can', 'What may be shared'),
      sharesConversations: z.enum(['yes', 'no'], {
        message: 'Select whether conversations the named worker marks as shared can be seen',
      }),
      organisationIds: uuidList.refine((l) => l.length > 0, 'Select the organisations it may be shared with'),
      howAgreed: optionalText(2000, 'How they agreed'),
      lawfulReason: optionalText(2000, 'The lawful reason'),
      decidedBy: optionalText(200, 'Who decided'),
    })
    .superRefine(
      (v, c) => {
        const agreed = dateFromParts(
          v,
          'agreedOn',
          v.basis === 'lawful_reason' ? 'The date of the decision' : 'The date they agreed',
          { notFuture: londonToday(now) },
        );
        if (agreed.error) c.addIssue({ code: 'custom', path: ['agreedOn'], message: agreed.error });
        else if (!agreed.iso)
          c.addIssue({
            code: 'custom',
            path: ['agreedOn'],
            message: v.basis === 'lawful_reason' ? 'Enter the date of the decision' : 'Enter the date they agreed',
          });
        const review = dateFromParts(v, 'reviewOn', 'The date to check again');
        if (review.error) c.addIssue({ code: 'custom', path: ['reviewOn'], message: review.error });
        else if (!review.iso)
          c.addIssue({ code: 'custom', path: ['reviewOn'], message: 'Enter when to check this again' });
        else if (review.iso <= ukToday(now))
          c.addIssue({ code: 'custom', path: ['reviewOn'], message: 'The date to check again must be in the future' });
        if (v.basis === 'consent' && !v.howAgreed)
          c.addIssue({
            code: 'custom',
            path: ['howAgreed'],
            message: 'Say how they agreed: in person, by phone, in writing, with whose help',
          });
        if (v.basis === 'lawful_reason') {
          if (!v.lawfulReason)
            c.addIssue({
              code: 'custom',
              path: ['lawfulReason'],
              message: 'Write the lawful reason, for example a risk of serious harm',
            });
          if (!v.decidedBy)
            c.addIssue({ code: 'custom', path: ['decidedBy'], message: 'Enter who decided, and their role' });
        }
      },
      { when: () => true },
    )
    .transform((v) => ({
      basis: v.basis,
      whatMayBeShared: v.whatMayBeShared,
      sharesConversations: v.sharesConversations === 'yes',
      organisationIds: [...new Set(v.organisationIds)],
      agreedOn: dateFromParts(v, 'agreedOn', '').iso!,
      reviewOn: dateFromParts(v, 'reviewOn', '').iso!,
      howAgreed: v.basis === 'consent' ? v.howAgreed : null,
      lawfulReason: v.basis === 'lawful_reason' ? v.lawfulReason : null,
      decidedBy: v.basis === 'lawful_reason' ? v.decidedBy : null,
    }));
}
export type ConsentInput = z.output<ReturnType<typeof consentForm>>;

export const withdrawForm = z.object({
  reason: required(2000, 'Say what they said, or why sharing stops', 'The reason'),
});

export const attendanceLabels = {
  in_person: 'Yes, in the room',
  remote: 'Yes, online or by phone',
  views: 'No, but they will send their views (through someone, or written down)',
  no: 'No',
} as const;

const time = z
  .string()
  .trim()
  .optional()
  .transform((v, c) => {
    // "14:30", "2.30pm" or "2pm": minutes may be left out only with am or pm.
    const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(v ?? '');
    let h = m ? Number(m[1]) : NaN;
    if (m?.[3]) h = h > 12 || h === 0 ? NaN : (h % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
    if (!m || (!m[2] && !m[3]) || !(h <= 23) || Number(m[2] ?? 0) > 59) {
      c.addIssue({
        code: 'custom',
        message: v ? 'Enter the time like 14:30 or 2:30pm' : 'Enter the time the meeting starts',
      });
      return z.NEVER;
    }
    return `${String(h).padStart(2, '0')}:${m[2] ?? '00'}`;
  });

export function meetingForm(now: Date) {
  return z
    .looseObject({
      startsTime: time,
      place: required(300, 'Enter where the meeting is, or “online”', 'Where'),
      online: optionalText(500, 'How to join online'),
      invitedMemberIds: uuidList,
      personAttends: z.enum(['in_person', 'remote', 'views', 'no'], {
        message: 'Select whether the person will take part',
      }),
      howTheyTakePart: optionalText(2000, 'How they want to take part'),
      familyAttend: optionalText(2000, 'Family and carers'),
    })
    .superRefine(
      (v, c) => {
        const on = dateFromParts(v, 'startsOn', 'The date of the meeting');
        if (on.error) c.addIssue({ code: 'custom', path: ['startsOn'], message: on.error });
        else if (!on.iso) c.addIssue({ code: 'custom', path: ['startsOn'], message: 'Enter the date of the meeting' });
      },
      { when: () => true },
    )
    .transform((v) => ({
      startsAt: ukTime(dateFromParts(v, 'startsOn', '').iso!, v.startsTime),
      place: v.place,
      online: v.online,
      invitedMemberIds: [...new Set(v.invitedMemberIds)],
      personAttends: v.personAttends,
      howTheyTakePart: v.howTheyTakePart,
      familyAttend: v.familyAttend,
      arrangedAt: now,
    }));
}
export type MeetingInput = z.output<ReturnType<typeof meetingForm>>;

/** The meeting in narrative: the plan reviewed first, the person's words, each agency, what was decided. */
export const meetingRecordForm = z.looseObject({
  planReview: optionalText(20_000, 'How the plan went'),
  personsWords: required(
    20_000,
    'Write what the person said, in their words (or that they chose not to take part)',
    'What the person said',
  ),
  agenciesBrought: required(20_000, 'Write what each agency brought to the meeting', 'What each agency brought'),
  decisions: required(20_000, 'Write what was decided', 'What was decided'),
  version: z.coerce.number().int().min(1),
});
export type MeetingRecordInput = z.output<typeof meetingRecordForm>;

export function actionForm(now: Date) {
  return z
    .looseObject({
      what: required(2000, 'Write what will be done', 'What will be done'),
      ownerMemberId: z.uuid({ message: 'Select who will do it' }),
      howWeKnow: required(2000, 'Write how we will know it worked', 'How we will know it worked'),
      meetingId: z
        .string()
        .optional()
        .transform((v) => v || null)
        .pipe(z.uuid().nullable()),
    })
    .superRefine(
      (v, c) => {
        const due = dateFromParts(v, 'dueOn', 'The date it is due by');
        if (due.error) c.addIssue({ code: 'custom', path: ['dueOn'], message: due.error });
        else if (!due.iso) c.addIssue({ code: 'custom', path: ['dueOn'], message: 'Enter when it will be done by' });
        else if (due.iso < ukToday(now))
          c.addIssue({
            code: 'custom',
            path: ['dueOn'],
            message: 'The date it is due by must be today or in the future',
          });
      },
      { when: () => true },
    )
    .transform((v) => ({
      what: v.what,
      ownerMemberId: v.ownerMemberId,
      howWeKnow: v.howWeKnow,
      meetingId: v.meetingId,
      dueOn: dateFromParts(v, 'dueOn', '').iso!,
    }));
}
export type ActionInput = z.output<ReturnType<typeof actionForm>>;

export const statusLabels = { open: 'Still to do', done: 'Done', stopped: 'Stopped: no longer needed' } as const;

export const progressForm = z.object({
  note: required(5000, 'Write what has happened', 'What has happened'),
  status: z.enum(['open', 'done', 'stopped'], { message: 'Select where the action is now' }),
  version: z.coerce.number().int().min(1),
});
export type ProgressInput = z.output<typeof progressForm>;

export const shareForm = z.object({ shared: z.enum(['yes', 'no']), withinAgreement: z.literal('yes').optional() });

/** What the team is told about the person; `basedOn` is the version the writer saw (blank for the first). */
export const summaryForm = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'Write what the team should know')
    .max(5000, 'What the team should know must be 5,000 characters or fewer'),
  withinAgreement: z.literal('yes', { message: 'Confirm that this is within what they agreed to share' }),
  basedOn: z
    .string()
    .optional()
    .transform((v) => v || null),
});
export type SummaryInput = z.output<typeof summaryForm>;

export const ownerForm = z.object({
  ownerMemberId: z.uuid({ message: 'Select who will do it now' }),
  version: z.coerce.number().int().min(1),
});

export const closeForm = z.object({
  reason: required(2000, 'Say why the team is closing: what has changed for them', 'The reason'),
});
