import { z } from 'zod';
import {
  normalisePostcode,
  optionalEmail,
  optionalPhone,
  optionalText,
  type FormErrors,
  type FormResult,
} from '../../platform/forms.js';
import { weekdays, type Weekday } from './directory.search.js';

export type ServiceStatus = 'active' | 'temporarily closed' | 'inactive' | 'defunct';

/** ORUK's statuses in workers' words. */
export const statusLabels: Record<ServiceStatus, string> = {
  active: 'Running',
  'temporarily closed': 'Temporarily closed',
  inactive: 'Not running at the moment',
  defunct: 'Closed for good',
};

export const dayLabels: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export const milesOptions = [1, 2, 3, 5, 10, 20] as const;

// ---------------------------------------------------------------------------------------
// Searching (GET: what is searched for is not personal data)

export interface SearchInput {
  words: string;
  termId: string | null;
  localityId: string | null;
  postcode: string | null;
  miles: number;
  age: number | null;
  /** A day, or "now" for open now. */
  when: Weekday | 'now' | null;
  at: string | null;
}

/** Reads the search form; whatever cannot be read is an error message for that field, never a 500. */
export function parseSearch(query: Record<string, unknown>): {
  input: SearchInput;
  errors: FormErrors;
  searched: boolean;
} {
  const text = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).trim() : '');
  const errors: FormErrors = {};
  const uuid = (k: string) => {
    const v = text(k);
    return v && z.uuid().safeParse(v).success ? v : null;
  };
  const postcodeText = text('postcode');
  let postcode: string | null = null;
  if (postcodeText) {
    postcode =
      normalisePostcode(postcodeText) ??
      (/^[A-Z]{1,2}\d[A-Z\d]?$/i.test(postcodeText) ? postcodeText.toUpperCase() : null);
    if (!postcode) errors.postcode = 'Enter a postcode, like NB3 4XY, or a postcode district, like NB3';
  }
  const milesText = text('miles');
  const miles = milesText ? Number(milesText) : 2;
  if (!Number.isFinite(miles) || miles <= 0 || miles > 100) errors.miles = 'Choose how far, in miles';
  const ageText = text('age');
  let age: number | null = null;
  if (ageText) {
    if (!/^\d{1,3}$/.test(ageText) || Number(ageText) > 120) errors.age = 'Enter an age in whole years, like 68';
    else age = Number(ageText);
  }
  const whenText = text('when');
  const when =
    whenText === 'now' || (weekdays as readonly string[]).includes(whenText) ? (whenText as Weekday | 'now') : null;
  const atText = text('at');
  let at: string | null = null;
  if (atText) {
    at = clockTime(atText);
    if (!at) errors.at = 'Enter a time, like 10:30 or 2pm';
    else if (!when || when === 'now') errors.when = 'Choose a day to go with the time';
  }
  const input: SearchInput = {
    words: text('q').slice(0, 200),
    termId: uuid('need'),
    localityId: uuid('locality'),
    postcode,
    miles,
    age,
    when,
    at,
  };
  const searched = ['q', 'need', 'locality', 'postcode', 'age', 'when', 'at'].some((k) => text(k) !== '');
  return { input, errors, searched };
}

/** A time as people type it ("9", "9:30", "9.30", "2pm", "14:00") as HH:MM, or null. */
export function clockTime(input: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(input.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const half = m[3]?.toLowerCase();
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    if (half === 'pm' && hour !== 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
  } else if (hour > 23) {
    return null;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------
// Adding and changing a resource

export interface LocationInput {
  /** The location being changed; null for a new one. */
  id: string | null;
  name: string | null;
  address1: string;
  city: string;
  postcode: string;
  accessibility: string | null;
}

export interface OpeningTimesInput {
  days: Weekday[];
  opens: string;
  closes: string;
}

export interface ResourceInput {
  name: string;
  /** An existing organisation, or null with `newOrganisationName`. */
  organisationId: string | null;
  newOrganisationName: string | null;
  description: string;
  status: ServiceStatus;
  minimumAge: number | null;
  maximumAge: number | null;
  locations: LocationInput[];
  openingTimes: OpeningTimesInput[];
  termIds: string[];
  costOption: string | null;
  costAmount: number | null;
  fees: string | null;
  url: string | null;
  email: string | null;
  contactName: string | null;
  phone: string | null;
  version: number | null;
}

const optionalAge = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{1,3}$/.test(v) && Number(v) <= 120), `${label} must be a whole number of years, like 18`)
    .transform((v) => (v ? Number(v) : null));

/** Money as people type it: "3", "3.50", "£1,250.00". Blank is null. */
export function money(label: string, max = 100_000) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/^£/, '').replace(/,/g, '').trim() : ''))
    .refine((v) => v === '' || /^\d+(\.\d{1,2})?$/.test(v), `${label} must be an amount in pounds, like 3.50`)
    .refine((v) => v === '' || Number(v) < max, `${label} must be less than £${max.toLocaleString('en-GB')}`)
    .transform((v) => (v === '' ? null : Number(v)));
}

/** A web address; "www.example.org" is taken to mean https://www.example.org. */
const optionalUrl = z
  .string()
  .trim()
  .max(500, 'Website must be 500 characters or fewer')
  .optional()
  .transform((v) => (v ? (/^https?:\/\//i.test(v) ? v : `https://${v}`) : null))
  .refine((v) => {
    if (!v) return true;
    try {
      const u = new URL(v);
      return /^https?:$/.test(u.protocol) && u.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'Enter a website address, like www.example.org');

const scalarFields = z.object({
  name: z.string().trim().min(1, 'Enter the name of the resource').max(200, 'Name must be 200 characters or fewer'),
  organisationId: z.string().trim().optional(),
  newOrganisationName: optionalText(200, 'The organisation’s name'),
  description: z
    .string()
    .trim()
    .min(1, 'Say what it offers, in a sentence or two')
    .max(5000, 'What it offers must be 5,000 characters or fewer'),
  status: z.enum(['active', 'temporarily closed', 'inactive', 'defunct'], { message: 'Choose whether it is running' }),
  minimumAge: optionalAge('Youngest age'),
  maximumAge: optionalAge('Oldest age'),
  costOption: optionalText(300, 'Cost'),
  costAmount: money('Amount'),
  fees: optionalText(1000, 'Fees'),
  url: optionalUrl,
  email: optionalEmail('info@example.org'),
  contactName: optionalText(200, 'Contact name'),
  phone: optionalPhone,
  version: z
    .string()
    .optional()
    .transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null)),
});

/** The order of the form, so the error summary lists problems as they appear on the page. */
const fieldOrder = [
  'name',
  'organisationId',
  'newOrganisationName',
  'description',
  'status',
  'minimumAge',
  'maximumAge',
];
const laterFields = ['needs', 'costOption', 'costAmount', 'fees', 'url', 'email', 'contactName', 'phone'];

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/** How many location and opening-times rows the form holds (at least one of each, for typing into). */
export function slotCounts(values: Record<string, unknown>, add?: 'location' | 'times') {
  const count = (prefix: string) => {
    let n = 0;
    for (const k of Object.keys(values)) {
      const m = new RegExp(`^${prefix}-(\\d+)-`).exec(k);
      if (m && Number(m[1]) < 20) n = Math.max(n, Number(m[1]) + 1);
    }
    return n;
  };
  return {
    locations: Math.max(1, count('location') + (add === 'location' ? 1 : 0)),
    times: Math.max(1, count('times') + (add === 'times' ? 1 : 0)),
  };
}

/**
 * The resource form: fixed fields through zod, then each location and each row of opening
 * times. A row left wholly blank is no row (for a location already saved: it is removed).
 */
export function parseResourceForm(body: unknown): FormResult<ResourceInput> {
  const values = (body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {}) as Record<
    string,
    unknown
  >;
  delete values._csrf;
  delete values.action;
  const errors: FormErrors = {};
  const scalars = scalarFields.safeParse(values);
  if (!scalars.success) for (const issue of scalars.error.issues) errors[String(issue.path[0])] ??= issue.message;

  const orgChoice = str(values.organisationId);
  let organisationId: string | null = null;
  if (orgChoice === 'new') {
    if (!str(values.newOrganisationName)) errors.newOrganisationName = 'Enter the name of the new organisation';
  } else if (orgChoice && z.uuid().safeParse(orgChoice).success) {
    organisationId = orgChoice;
  } else {
    errors.organisationId = 'Choose the organisation that runs it, or add a new one';
  }
  // Checked whatever else is wrong, so every mistake is shown at once.
  const [youngest, oldest] = [str(values.minimumAge), str(values.maximumAge)];
  if (!errors.minimumAge && !errors.maximumAge && youngest && oldest && Number(youngest) > Number(oldest)) {
    errors.maximumAge = 'Oldest age must be the same as or more than the youngest age';
  }
  if (!errors.costAmount && str(values.costAmount) && !str(values.costOption))
    errors.costOption = 'Say what the amount is for, like “per session”';

  const slots = slotCounts(values);
  const locations: LocationInput[] = [];
  const locationErrors: FormErrors = {};
  for (let i = 0; i < slots.locations; i++) {
    const f = (k: string) => str(values[`location-${i}-${k}`]);
    const idText = f('id');
    const id = idText && z.uuid().safeParse(idText).success ? idText : null;
    if (!f('name') && !f('address1') && !f('city') && !f('postcode') && !f('accessibility')) continue;
    const at = (k: string) => `location-${i}-${k}`;
    if (f('name').length > 200) locationErrors[at('name')] = 'Place name must be 200 characters or fewer';
    if (!f('address1')) locationErrors[at('address1')] = 'Enter the first line of the address';
    else if (f('address1').length > 200) locationErrors[at('address1')] = 'Address must be 200 characters or fewer';
    if (!f('city')) locationErrors[at('city')] = 'Enter the town or city';
    else if (f('city').length > 100) locationErrors[at('city')] = 'Town or city must be 100 characters or fewer';
    const postcode = normalisePostcode(f('postcode'));
    if (!f('postcode')) locationErrors[at('postcode')] = 'Enter the postcode';
    else if (!postcode) locationErrors[at('postcode')] = 'Enter a real postcode, like NB3 4XY';
    if (f('accessibility').length > 1000)
      locationErrors[at('accessibility')] = 'Access must be 1,000 characters or fewer';
    locations.push({
      id,
      name: f('name') || null,
      address1: f('address1'),
      city: f('city'),
      postcode: postcode ?? '',
      accessibility: f('accessibility') || null,
    });
  }

  const openingTimes: OpeningTimesInput[] = [];
  const timeErrors: FormErrors = {};
  for (let i = 0; i < slots.times; i++) {
    const days = list(values[`times-${i}-days`]).filter((d): d is Weekday =>
      (weekdays as readonly string[]).includes(d),
    );
    const opensText = str(values[`times-${i}-opens`]);
    const closesText = str(values[`times-${i}-closes`]);
    if (!days.length && !opensText && !closesText) continue;
    const at = (k: string) => `times-${i}-${k}`;
    if (!days.length) timeErrors[at('days')] = 'Choose the days it is open at these times';
    const opens = clockTime(opensText);
    const closes = clockTime(closesText);
    if (!opensText) timeErrors[at('opens')] = 'Enter when it opens, like 10:00';
    else if (!opens) timeErrors[at('opens')] = 'Enter when it opens as a time, like 10:00 or 2pm';
    if (!closesText) timeErrors[at('closes')] = 'Enter when it closes, like 12:00';
    else if (!closes) timeErrors[at('closes')] = 'Enter when it closes as a time, like 12:00 or 4pm';
    else if (opens && closes <= opens) timeErrors[at('closes')] = 'It must close after it opens';
    openingTimes.push({ days: weekdays.filter((d) => days.includes(d)), opens: opens ?? '', closes: closes ?? '' });
  }

  const termIds = list(values.needs).filter((id) => z.uuid().safeParse(id).success);

  const ordered: FormErrors = {};
  for (const k of fieldOrder) if (errors[k]) ordered[k] = errors[k];
  Object.assign(ordered, locationErrors, timeErrors);
  for (const k of laterFields) if (errors[k]) ordered[k] = errors[k];
  for (const k of Object.keys(errors)) ordered[k] ??= errors[k];
  if (!scalars.success || Object.keys(ordered).length) return { ok: false, errors: ordered, values };

  const d = scalars.data;
  return {
    ok: true,
    values,
    data: {
      name: d.name,
      organisationId,
      newOrganisationName: organisationId ? null : d.newOrganisationName,
      description: d.description,
      status: d.status,
      minimumAge: d.minimumAge,
      maximumAge: d.maximumAge,
      locations,
      openingTimes,
      termIds: [...new Set(termIds)],
      costOption: d.costOption,
      costAmount: d.costAmount,
      fees: d.fees,
      url: d.url,
      email: d.email,
      contactName: d.contactName,
      phone: d.phone,
      version: d.version,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Withdrawing, vacancies

export const withdrawForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why it is being withdrawn, like “The group stopped meeting in March”')
    .max(1000, 'Reason must be 1,000 characters or fewer'),
  version: z.coerce.number().int().positive(),
});

export const vacancyForm = z.object({
  placesFree: z
    .string()
    .trim()
    .min(1, 'Enter how many places are free now, 0 if none')
    .regex(/^\d+$/, 'Places free must be a whole number, 0 or more, like 2')
    .refine((v) => Number(v) <= 10_000, 'Places free must be 10,000 or fewer')
    .transform(Number),
  topUpWeekly: money('Weekly top-up', 10_000),
  notes: optionalText(500, 'Notes'),
  /** When the vacancies were last updated, as the editor saw them: someone else's newer update is not overwritten unseen. */
  seen: z.string().optional(),
  from: z.enum(['resource', 'list']).optional(),
});
export type VacancyInput = z.output<typeof vacancyForm>;
