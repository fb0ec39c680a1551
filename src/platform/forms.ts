import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';

export type FormErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, unknown> }
  | { ok: false; errors: FormErrors; values: Record<string, unknown> };

/**
 * Validates a submitted form. On failure, returns one message per field (the first),
 * in the order of the form; either way, the values as typed so the page can show them again.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const values = typedValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** A form's fields as typed, without its CSRF token: to show them again. */
export function typedValues(body: unknown): Record<string, unknown> {
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return values;
}

// NUL and the other C0 control characters (but tab, line feed and carriage return), and DEL.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Typed text without control characters: PostgreSQL refuses NUL in text and jsonb, and none
 * of them belong in a record. Every string in a form, JSON body or query string, however deep,
 * is cleaned in place (so an object keeps its shape); anything else is left as it was.
 */
export function withoutControlCharacters<T>(value: T): T {
  if (typeof value === 'string') return value.replace(controlCharacters, '') as T;
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = withoutControlCharacters(item)));
  } else if (value && typeof value === 'object' && isPlainRecord(value)) {
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = withoutControlCharacters(fields[key]);
  }
  return value;
}

/** A parsed body's or query's object: a plain one, or one without Object's methods as the form parsers make; never a Buffer or other class. */
function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Cleans every form, JSON body and query string once, before validation and any route, so a
 * pasted NUL is taken out instead of failing the save. Uploaded files are left untouched.
 */
export const controlCharacterFilter = fp(
  async function controlCharacterFilter(app: FastifyInstance) {
    app.addHook('preValidation', async (req) => {
      withoutControlCharacters(req.query);
      if (/^multipart\//i.test(req.headers['content-type'] ?? '')) return;
      req.body = withoutControlCharacters(req.body);
    });
  },
  { name: 'control-characters' },
);

/** Postcodes: upper case with one space before the inward code ("ls6 2ab" -> "LS6 2AB"). */
export function normalisePostcode(input: string): string | null {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Thrown by a service when a valid form still cannot be saved; `field` points the error summary at the input. */
export class FormRefused extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Someone else saved first: the page shows their version beside what was typed, and nothing is overwritten. */
export class StaleVersion<T> extends Error {
  constructor(public current: T) {
    super('changed by someone else');
  }
}

/**
 * A date typed into GOV.UK's three boxes (`prefix-day`, `prefix-month`, `prefix-year`).
 * All blank gives null; anything else must be a real date.
 */
export function dateFromParts(
  values: Record<string, unknown>,
  prefix: string,
  label: string,
  opts: { notFuture?: Date } = {},
): { iso: string | null; error?: string } {
  const part = (k: string) => String(values[`${prefix}-${k}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return { iso: null };
  if (!d || !m || !y) return { iso: null, error: `${label} must include a day, month and year` };
  const [day, month, year] = [Number(d), Number(m), Number(y)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    !/^\d{4}$/.test(y) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return { iso: null, error: `${label} must be a real date, like 27 3 1950` };
  }
  if (year < 1880) return { iso: null, error: `${label} must be after 1880` };
  if (opts.notFuture && date.getTime() > opts.notFuture.getTime())
    return { iso: null, error: `${label} must be today or in the past` };
  return { iso: date.toISOString().slice(0, 10) };
}

/** The three boxes' values for a stored ISO date, to show it again in a form. */
export function partsOfDate(prefix: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.slice(0, 10).split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y };
}

// Made once: toLocaleDateString with options builds a new formatter on every call.
const ukDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in the UK as YYYY-MM-DD (not UTC's, which is yesterday's just after midnight in summer). */
export function ukToday(now: Date, plusDays = 0): string {
  return ukDate.format(new Date(now.getTime() + plusDays * 86_400_000));
}

/** An optional free-text field, trimmed, at most `max` characters; blank is null. */
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => v || null);

/** A field that may be sent once, several times or not at all (checkboxes), as a list. */
export const formList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** A draft holds whatever was typed, valid or not: only the form's own fields, only text. */
export function draftData(body: unknown, fields: readonly string[]): Record<string, string> {
  const src = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of fields) if (typeof src[k] === 'string' && src[k]) out[k] = (src[k] as string).slice(0, 60_000);
  return out;
}

/** An optional UK phone number as typed (digits, spaces, brackets, +, -); blank is null. */
export const optionalPhone = z
  .string()
  .trim()
  .max(30, 'Phone number must be 30 characters or fewer')
  .regex(/^[\d\s()+-]*$/, 'Enter a phone number using numbers, like 01632 960 001')
  .optional()
  .transform((v) => v || null);

/** An optional email address; blank is null. */
export function optionalEmail(example = 'name@example.com') {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.email({ message: `Enter an email address in the correct format, like ${example}` }).nullable());
}

/** A UK wall-clock time on a date, as an instant (allowing for British Summer Time); by default the day's start. */
export function ukTime(isoDate: string, hhmm = '00:00'): Date {
  const guess = new Date(`${isoDate}T${hhmm}:00Z`);
  const london = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/London' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (london.getTime() - utc.getTime()));
}
