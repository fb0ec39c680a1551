// Cleaning one imported record, field by field. Real feeds are dirty: every value is checked
// against what the tables hold (and ORUK's formats), and anything that cannot be stored
// honestly is left out or corrected, with a line in the report saying which and why.
// Pure functions: no database here (links to records elsewhere are checked when writing).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryFundings,
  directoryLanguages,
  directoryLocations,
  directoryOrganisationIdentifiers,
  directoryOrganisations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
} from '../../db/schema/index.js';
import { normalisePostcode } from '../../platform/forms.js';

export type Raw = Record<string, unknown>;
export type RecordKind = 'service' | 'organization' | 'taxonomy' | 'taxonomy_term';

/** One line of the report. `entity` is what it is about (a service, an address, a file, ...). */
export interface Issue {
  entity: string;
  recordId: string | null;
  recordName: string | null;
  outcome: 'skipped' | 'cleaned';
  message: string;
}

/** A top-level record as it came from the source, before cleaning. */
export interface RawRecord {
  kind: RecordKind;
  raw: Raw;
}

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
export type ServiceRow = Insert<typeof directoryServices>;
export type OrganisationRow = Insert<typeof directoryOrganisations>;
export type LocationRow = Insert<typeof directoryLocations>;
export type TermRow = Insert<typeof directoryTaxonomyTerms>;
export type TaxonomyRow = Insert<typeof directoryTaxonomies>;

/** Collections a service carries; only those the source gave are replaced when it is written. */
export const serviceCollections = [
  'schedules',
  'service_areas',
  'service_at_locations',
  'languages',
  'funding',
  'cost_options',
  'contacts',
  'attributes',
] as const;
export type ServiceCollection = (typeof serviceCollections)[number];

export interface CleanOrganisation {
  row: OrganisationRow;
  /** Null when the source said nothing about identifiers: those stored are then kept. */
  identifiers: Insert<typeof directoryOrganisationIdentifiers>[] | null;
}

export interface CleanLocation {
  row: LocationRow;
  addresses: Insert<typeof directoryAddresses>[] | null;
  accessibility: Insert<typeof directoryAccessibility>[] | null;
}

/** An attribute with the term it points at, when the source gave the term itself. */
export interface CleanAttribute {
  row: Insert<typeof directoryAttributes>;
  term: TermRow | null;
}

export interface CleanService {
  row: ServiceRow;
  organisation: CleanOrganisation | null;
  locations: CleanLocation[];
  serviceAtLocations: Insert<typeof directoryServiceAtLocations>[];
  schedules: Insert<typeof directorySchedules>[];
  serviceAreas: Insert<typeof directoryServiceAreas>[];
  costOptions: Insert<typeof directoryCostOptions>[];
  languages: Insert<typeof directoryLanguages>[];
  fundings: Insert<typeof directoryFundings>[];
  contacts: Insert<typeof directoryContacts>[];
  phones: Insert<typeof directoryPhones>[];
  attributes: CleanAttribute[];
  collections: Set<ServiceCollection>;
}

/** A cleaned record: what to write, or why it was left out; and the report lines either way. */
export interface CleanRecord {
  kind: RecordKind;
  id: string | null;
  name: string | null;
  skipped: string | null;
  service?: CleanService;
  organisation?: CleanOrganisation;
  taxonomy?: TaxonomyRow;
  term?: TermRow;
  issues: Issue[];
}

/** State kept across one import: which ids it has seen, so a repeated one is reported. */
export class ImportState {
  readonly seen = new Map<string, Set<string>>();
  /** CSV holds every value as text: numbers written as text are then not worth a report line. */
  constructor(
    public readonly origin: string,
    public readonly allText = false,
  ) {}
  /** True the first time an id is seen for an entity. */
  first(entity: string, id: string): boolean {
    let ids = this.seen.get(entity);
    if (!ids) this.seen.set(entity, (ids = new Set()));
    if (ids.has(id)) return false;
    ids.add(id);
    return true;
  }
}

// ---------------------------------------------------------------------------------------
// Ids

const HEARTH_IMPORT_NAMESPACE = '6f1c1d0e-3b9a-5c6e-9d7a-4a1e8b2c0f11';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace = HEARTH_IMPORT_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The UUID for an id as the source gave it. Older ORUK versions used whole numbers or other
 * text: they become a UUID made from the source, the kind of record and the old id, so
 * importing the same source again finds the same record.
 */
export function mapId(origin: string, entity: string, value: string | number): { id: string; mapped: boolean } {
  const text = String(value).trim();
  if (uuidPattern.test(text)) return { id: text.toLowerCase(), mapped: false };
  return { id: uuidV5(`${origin}\n${entity}\n${text}`), mapped: true };
}

// ---------------------------------------------------------------------------------------
// Field cleaners

const emailSchema = z.email();
const quoted = (v: unknown) => JSON.stringify(typeof v === 'string' && v.length > 60 ? `${v.slice(0, 57)}...` : v);

/** Cleans the fields of one record, collecting report lines against it. */
export class Cleaner {
  readonly issues: Issue[] = [];
  /** Ids that were not UUIDs, reported once per record. */
  private readonly mapped: string[] = [];

  constructor(
    readonly state: ImportState,
    readonly recordEntity: string,
    public recordId: string | null,
    public recordName: string | null,
  ) {}

  note(entity: string, id: string | null, outcome: Issue['outcome'], message: string) {
    this.issues.push({ entity, recordId: id ?? this.recordId, recordName: this.recordName, outcome, message });
  }

  /** Report lines for ids turned into UUIDs, one per record. */
  finish() {
    if (this.mapped.length) {
      this.note(
        this.recordEntity,
        this.recordId,
        'cleaned',
        `ids that are not UUIDs were replaced by UUIDs made from this source and the old id, so importing again updates the same records: ${this.mapped.join(', ')}`,
      );
    }
    return this.issues;
  }

  /**
   * An id: a UUID as given, or one made from an older id. A part with no id gets one made from
   * its parent's id and its place, so the same feed gives the same ids each time.
   */
  id(raw: Raw, entity: string, fallback?: { parent: string; index: number }): string | null {
    const v = raw.id;
    if ((typeof v === 'string' && v.trim()) || (typeof v === 'number' && Number.isFinite(v))) {
      const { id, mapped } = mapId(this.state.origin, entity, v as string | number);
      if (mapped) this.mapped.push(`${entity.replace(/_/g, ' ')} ${String(v).trim()}`);
      return id;
    }
    if (!fallback) return null;
    return uuidV5(`${fallback.parent}\n${entity}\n${fallback.index}`);
  }

  /** A reference to another record's id (organization_id, location_id, ...). */
  ref(raw: Raw, field: string, entity: string): string | null {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.note(entity, null, 'cleaned', `${field} ${quoted(v)} is not an id: left out`);
      return null;
    }
    const { id, mapped } = mapId(this.state.origin, entity, v);
    if (mapped) this.mapped.push(`${field} ${String(v).trim()}`);
    return id;
  }

  /** Free text. Numbers become text; whitespace alone is nothing; anything else is left out. */
  text(raw: Raw, field: string, entity: string, id: string | null): string | null {
    const v = raw[field];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v !== 'string') {
      this.note(entity, id, 'cleaned', `${field} is not text: left out`);
      return null;
    }
    return v.trim() ? v : null;
  }

  /** A web address: it must be http or https. A bare "www.example.org" is given https://. */
  url(raw: Raw, field: string, entity: string, id: string | null): string | null {
    const v = raw[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not a web address: left out`);
      return null;
    }
    const s = v.trim();
    if (!s) {
      this.note(entity, id, 'cleaned', `${field} was empty: left out`);
      return null;
    }
    if (isWebAddress(s)) return s;
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(s) && isWebAddress(`https://${s}`)) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(s)} had no https://: stored as "https://${s}"`);
      return `https://${s}`;
    }
    this.note(entity, id, 'cleaned', `${field} ${quoted(s)} is not a web address: left out`);
    return null;
  }

  email(raw: Raw, field: string, entity: string, id: string | null): string | null {
    const v = raw[field];
    if (v === undefined || v === null) return null;
    const s = typeof v === 'string' ? v.trim().replace(/^mailto:/i, '') : '';
    if (typeof v === 'string' && !s) {
      this.note(entity, id, 'cleaned', `${field} was empty: left out`);
      return null;
    }
    if (!emailSchema.safeParse(s).success) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not an email address: left out`);
      return null;
    }
    if (s !== v) this.note(entity, id, 'cleaned', `${field} ${quoted(v)} stored as "${s}"`);
    return s;
  }

  /** A whole number within bounds; "18" becomes 18. */
  int(raw: Raw, field: string, entity: string, id: string | null, min: number, max: number): number | null {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return null;
    let n: number | null = null;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(v)) n = Number(v);
    if (n === null || !Number.isInteger(n)) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not a whole number: left out`);
      return null;
    }
    if (n < min || n > max) {
      this.note(entity, id, 'cleaned', `${field} ${n} is not between ${min} and ${max}: left out`);
      return null;
    }
    if (typeof v === 'string' && !this.state.allText)
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} was text: stored as the number ${n}`);
    return n;
  }

  /** A number (amounts, coordinates); "£5.50" becomes 5.5. */
  number(raw: Raw, field: string, entity: string, id: string | null, min: number, max: number): number | null {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return null;
    let n: number | null = null;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string') {
      const s = v.trim().replace(/^£\s*/, '').replace(/,/g, '');
      if (/^-?\d+(\.\d+)?$/.test(s)) n = Number(s);
    }
    if (n === null || !Number.isFinite(n)) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not a number: left out`);
      return null;
    }
    if (n < min || n > max) {
      this.note(entity, id, 'cleaned', `${field} ${n} is not between ${min} and ${max}: left out`);
      return null;
    }
    if (typeof v === 'string' && (!this.state.allText || String(n) !== v.trim()))
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} was text: stored as the number ${n}`);
    return n;
  }

  /** A real calendar date, YYYY-MM-DD; UK "31/01/2025" and full timestamps are read too. */
  date(raw: Raw, field: string, entity: string, id: string | null): string | null {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return null;
    const s = typeof v === 'string' ? v.trim() : '';
    let iso: string | null = null;
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s)))
      iso = realDate(+m[1], +m[2], +m[3]);
    else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) iso = realDate(+m[3], +m[2], +m[1]);
    if (!iso) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not a real date: left out`);
      return null;
    }
    if (iso !== s) this.note(entity, id, 'cleaned', `${field} ${quoted(v)} stored as ${iso}`);
    return iso;
  }

  /** A date and time (last_modified). */
  timestamp(raw: Raw, field: string, entity: string, id: string | null): Date | null {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return null;
    const t = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.trim()) ? new Date(v.trim()) : null;
    if (
      !t ||
      Number.isNaN(t.getTime()) ||
      !realDate(+v.toString().slice(0, 4), +v.toString().slice(5, 7), +v.toString().slice(8, 10))
    ) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not a date and time: left out`);
      return null;
    }
    return t;
  }

  /** A time of day as HH:MM:SS; "9am", "9:30 pm", "0900" and "17.30" are read too. */
  time(raw: Raw, field: string, entity: string, id: string | null): string | null {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return null;
    const given = typeof v === 'string' ? v : String(v);
    const t = normaliseTime(given);
    if (!t) {
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} is not a time of day: left out`);
      return null;
    }
    // "10:00" and "10:00:00" are the same time; anything else read differently is reported.
    if (t !== given && `${given}:00` !== t)
      this.note(entity, id, 'cleaned', `${field} ${quoted(v)} stored as ${t.slice(0, 5)}`);
    return t;
  }

  /** One of a fixed list, read without regard to case, spaces or underscores. */
  choice<T extends string>(
    raw: Raw,
    field: string,
    entity: string,
    id: string | null,
    allowed: readonly T[],
    synonyms: Record<string, T> = {},
  ): { value: T | null; given: unknown } {
    const v = raw[field];
    if (v === undefined || v === null || v === '') return { value: null, given: v };
    const key = String(v).trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
    const found = allowed.find((a) => a === key) ?? synonyms[key];
    if (found && found !== v) this.note(entity, id, 'cleaned', `${field} ${quoted(v)} stored as "${found}"`);
    return { value: found ?? null, given: v };
  }

  /** An array of objects under one of several names (newer first); anything else is reported. */
  list(raw: Raw, fields: string[], entity: string, id: string | null): Raw[] | null {
    for (const field of fields) {
      const v = raw[field];
      if (v === undefined || v === null) continue;
      if (!Array.isArray(v)) {
        this.note(entity, id, 'cleaned', `${field} is not a list: left out`);
        return [];
      }
      const items = v.filter((x): x is Raw => !!x && typeof x === 'object' && !Array.isArray(x));
      if (items.length !== v.length)
        this.note(entity, id, 'cleaned', `${field}: ${v.length - items.length} item(s) that are not records left out`);
      return items;
    }
    return null;
  }

  /** The first time an id is seen in this import; later copies are reported and left out. */
  firstSeen(entity: string, id: string, label: string): boolean {
    if (this.state.first(entity, id)) return true;
    this.note(entity, id, 'skipped', `${label} with the same id appears earlier in the import: this copy left out`);
    return false;
  }
}

function isWebAddress(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

function realDate(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2200) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** "9am" -> "09:00:00", "17.30" -> "17:30:00", "0900" -> "09:00:00"; null when it is not a time. */
export function normaliseTime(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === 'noon' || s === 'midday') return '12:00:00';
  if (s === 'midnight') return '00:00:00';
  let h: number;
  let m: number;
  let sec = 0;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{1,2})(?:[:.](\d{2}))?(?:[:.](\d{2}))? ?([ap])\.?m\.?$/.exec(s))) {
    h = Number(r[1]);
    m = Number(r[2] ?? 0);
    sec = Number(r[3] ?? 0);
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (r[4] === 'p' ? 12 : 0);
  } else if ((r = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:z|[+-]\d{2}:?\d{2})?$/.exec(s))) {
    h = Number(r[1]);
    m = Number(r[2]);
    sec = Number(r[3] ?? 0);
  } else if ((r = /^(\d{2})(\d{2})$/.exec(s))) {
    h = Number(r[1]);
    m = Number(r[2]);
  } else return null;
  if (h > 23 || m > 59 || sec > 59) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(sec)}`;
}

// ---------------------------------------------------------------------------------------
// Records

const statuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
const statusSynonyms: Record<string, (typeof statuses)[number]> = {
  open: 'active',
  live: 'active',
  available: 'active',
  closed: 'inactive',
  'temporarily unavailable': 'temporarily closed',
  suspended: 'temporarily closed',
  'permanently closed': 'defunct',
  ceased: 'defunct',
};
const locationTypes = ['physical', 'postal', 'virtual'] as const;
const frequencies = ['WEEKLY', 'MONTHLY'] as const;
const days: Record<string, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
  mon: 'MO',
  tue: 'TU',
  tues: 'TU',
  wed: 'WE',
  thu: 'TH',
  thur: 'TH',
  thurs: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
  '1': 'MO',
  '2': 'TU',
  '3': 'WE',
  '4': 'TH',
  '5': 'FR',
  '6': 'SA',
  '7': 'SU',
};
const countryNames: Record<string, string> = {
  uk: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
};

/** Cleans one top-level record. Never throws on bad data: it reports instead. */
export function cleanRecord(state: ImportState, rec: RawRecord): CleanRecord {
  switch (rec.kind) {
    case 'service':
      return cleanServiceRecord(state, rec.raw);
    case 'organization': {
      const c = new Cleaner(state, 'organization', rawIdText(rec.raw), nameOf(rec.raw));
      const org = organisation(c, rec.raw, true);
      return finishRecord(
        c,
        'organization',
        org?.row.id ?? null,
        org ? null : (c.issues.at(-1)?.message ?? 'not imported'),
        { organisation: org ?? undefined },
      );
    }
    case 'taxonomy': {
      const c = new Cleaner(state, 'taxonomy', rawIdText(rec.raw), nameOf(rec.raw));
      const t = taxonomy(c, rec.raw);
      return finishRecord(c, 'taxonomy', t?.id ?? null, t ? null : (c.issues.at(-1)?.message ?? 'not imported'), {
        taxonomy: t ?? undefined,
      });
    }
    case 'taxonomy_term': {
      const c = new Cleaner(state, 'taxonomy_term', rawIdText(rec.raw), nameOf(rec.raw));
      const t = term(c, rec.raw, true);
      return finishRecord(c, 'taxonomy_term', t?.id ?? null, t ? null : (c.issues.at(-1)?.message ?? 'not imported'), {
        term: t ?? undefined,
      });
    }
  }
}

function finishRecord(
  c: Cleaner,
  kind: RecordKind,
  id: string | null,
  skipped: string | null,
  parts: Partial<CleanRecord>,
): CleanRecord {
  const issues = c.finish();
  return { kind, id, name: c.recordName, skipped, issues, ...parts };
}

const rawIdText = (raw: Raw) => (raw.id === undefined || raw.id === null ? null : String(raw.id));
const nameOf = (raw: Raw) => (typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : null);

function cleanServiceRecord(state: ImportState, raw: Raw): CleanRecord {
  const c = new Cleaner(state, 'service', rawIdText(raw), nameOf(raw));
  const skip = (message: string) => {
    c.note('service', c.recordId, 'skipped', message);
    return finishRecord(c, 'service', null, message, {});
  };
  const id = c.id(raw, 'service');
  if (!id) return skip('service has no id: not imported (without one it could not be updated by the next import)');
  c.recordId = id;
  if (!c.recordName) return skip('service has no name: not imported');
  if (!state.first('service', id))
    return skip('a service with the same id appears earlier in the import: this copy not imported');

  const statusGiven = raw.status;
  const { value: status } = c.choice(raw, 'status', 'service', id, statuses, statusSynonyms);
  if (!status && statusGiven !== undefined && statusGiven !== null && statusGiven !== '') {
    return skip(
      `status ${quoted(statusGiven)} is not one of active, inactive, defunct or temporarily closed: not imported`,
    );
  }
  if (!status) c.note('service', id, 'cleaned', 'status is missing: stored as "active"');

  let minimumAge = c.int(raw, 'minimum_age', 'service', id, 0, 150);
  let maximumAge = c.int(raw, 'maximum_age', 'service', id, 0, 150);
  // ORUK before 3.0: ages and who it is for lived in "eligibilitys".
  for (const e of c.list(raw, ['eligibilitys', 'eligibilities'], 'service', id) ?? []) {
    minimumAge ??= c.int(e, 'minimum_age', 'eligibility', null, 0, 150);
    maximumAge ??= c.int(e, 'maximum_age', 'eligibility', null, 0, 150);
    const text = c.text(e, 'eligibility', 'eligibility', null);
    if (text)
      c.note(
        'eligibility',
        c.id(e, 'eligibility'),
        'cleaned',
        `eligibility ${quoted(text)} left out: ORUK 3.0 keeps only ages`,
      );
  }
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) {
    c.note('service', id, 'cleaned', `minimum_age ${minimumAge} is above maximum_age ${maximumAge}: both left out`);
    minimumAge = maximumAge = null;
  }

  const org =
    raw.organization && typeof raw.organization === 'object' && !Array.isArray(raw.organization)
      ? organisation(c, raw.organization as Raw, false)
      : null;
  const row: ServiceRow = {
    id,
    organizationId: org?.row.id ?? c.ref(raw, 'organization_id', 'organization'),
    name: c.recordName,
    description: c.text(raw, 'description', 'service', id),
    url: c.url(raw, 'url', 'service', id),
    email: c.email(raw, 'email', 'service', id),
    status: status ?? 'active',
    fees: c.text(raw, 'fees', 'service', id) ?? c.text(raw, 'fees_description', 'service', id),
    accreditations: c.text(raw, 'accreditations', 'service', id),
    minimumAge,
    maximumAge,
    assuredDate: c.date(raw, 'assured_date', 'service', id),
    assurerEmail: c.email(raw, 'assurer_email', 'service', id),
    alert: c.text(raw, 'alert', 'service', id),
    lastModified: c.timestamp(raw, 'last_modified', 'service', id) ?? undefined,
  };

  const s: CleanService = {
    row,
    organisation: org,
    locations: [],
    serviceAtLocations: [],
    schedules: [],
    serviceAreas: [],
    costOptions: [],
    languages: [],
    fundings: [],
    contacts: [],
    phones: [],
    attributes: [],
    collections: new Set(),
  };
  const has = (name: ServiceCollection, list: Raw[] | null) => {
    if (list) s.collections.add(name);
    return list ?? [];
  };

  // Schedules: ORUK 3.0 "schedules", and "regular_schedules" (weekday, opens_at, closes_at) before it.
  const schedules = c.list(raw, ['schedules'], 'service', id);
  const regular = c.list(raw, ['regular_schedules'], 'service', id);
  if (schedules || regular) s.collections.add('schedules');
  [...(schedules ?? []), ...(regular ?? [])].forEach((r, i) => {
    const sc = schedule(c, r, { parent: id, index: i }, id, null);
    if (sc) s.schedules.push(sc);
  });
  if (c.list(raw, ['holiday_schedules'], 'service', id)?.length)
    c.note('service', id, 'cleaned', 'holiday_schedules left out: ORUK 3.0 has no holiday schedules');

  has('service_areas', c.list(raw, ['service_areas'], 'service', id)).forEach((r, i) => {
    const aid = c.id(r, 'service_area', { parent: id, index: i })!;
    if (!c.firstSeen('service_area', aid, 'A service area')) return;
    s.serviceAreas.push({
      id: aid,
      serviceId: id,
      name: c.text(r, 'name', 'service_area', aid),
      extent: c.text(r, 'extent', 'service_area', aid),
      extentType: c.text(r, 'extent_type', 'service_area', aid),
      uri: c.text(r, 'uri', 'service_area', aid),
      serviceArea: c.text(r, 'service_area', 'service_area', aid),
    });
  });

  has('service_at_locations', c.list(raw, ['service_at_locations'], 'service', id)).forEach((r, i) => {
    const salId = c.id(r, 'service_at_location', { parent: id, index: i })!;
    if (!c.firstSeen('service_at_location', salId, 'A service at a location')) return;
    const loc =
      r.location && typeof r.location === 'object' && !Array.isArray(r.location)
        ? location(c, r.location as Raw, { parent: salId, index: 0 })
        : null;
    const locationId = loc?.row.id ?? c.ref(r, 'location_id', 'location');
    if (!locationId) {
      c.note(
        'service_at_location',
        salId,
        'skipped',
        'service at a location with no location (or one that could not be imported): left out',
      );
      return;
    }
    if (loc) s.locations.push(loc);
    s.serviceAtLocations.push({ id: salId, serviceId: id, locationId });
    const salSchedules = [
      ...(c.list(r, ['schedules'], 'service_at_location', salId) ?? []),
      ...(c.list(r, ['regular_schedules'], 'service_at_location', salId) ?? []),
    ];
    if (salSchedules.length) s.collections.add('schedules');
    salSchedules.forEach((x, j) => {
      const sc = schedule(c, x, { parent: salId, index: j }, id, salId);
      if (sc) s.schedules.push(sc);
    });
  });

  has('languages', c.list(raw, ['languages'], 'service', id)).forEach((r, i) => {
    const lang = language(c, r, { parent: id, index: i }, id, null);
    if (lang) s.languages.push(lang);
  });

  has('funding', c.list(raw, ['funding', 'fundings'], 'service', id)).forEach((r, i) => {
    const fid = c.id(r, 'funding', { parent: id, index: i })!;
    if (!c.firstSeen('funding', fid, 'A funding record')) return;
    s.fundings.push({ id: fid, serviceId: id, source: c.text(r, 'source', 'funding', fid) });
  });

  has('cost_options', c.list(raw, ['cost_options'], 'service', id)).forEach((r, i) => {
    const oid = c.id(r, 'cost_option', { parent: id, index: i })!;
    if (!c.firstSeen('cost_option', oid, 'A cost option')) return;
    s.costOptions.push({
      id: oid,
      serviceId: id,
      validFrom: c.date(r, 'valid_from', 'cost_option', oid),
      validTo: c.date(r, 'valid_to', 'cost_option', oid),
      option: c.text(r, 'option', 'cost_option', oid),
      amount: c.number(r, 'amount', 'cost_option', oid, 0, 9_999_999_999),
      amountDescription: c.text(r, 'amount_description', 'cost_option', oid),
    });
  });

  has('contacts', c.list(raw, ['contacts'], 'service', id)).forEach((r, i) => {
    const cid = c.id(r, 'contact', { parent: id, index: i })!;
    if (!c.firstSeen('contact', cid, 'A contact')) return;
    s.contacts.push({
      id: cid,
      serviceId: id,
      name: c.text(r, 'name', 'contact', cid),
      title: c.text(r, 'title', 'contact', cid),
    });
    (c.list(r, ['phones'], 'contact', cid) ?? []).forEach((p, j) => phone(c, s, p, { parent: cid, index: j }, cid, id));
    attributes(c, s, r, cid, 'contact');
  });
  // Phones for the service as a whole (HSDS 3.0) have no contact in ORUK's tables: they are kept under an unnamed contact.
  const servicePhones = c.list(raw, ['phones'], 'service', id);
  if (servicePhones?.length) {
    const cid = uuidV5(`${id}\nservice phones`);
    s.collections.add('contacts');
    s.contacts.push({ id: cid, serviceId: id, name: null, title: null });
    servicePhones.forEach((p, j) => phone(c, s, p, { parent: cid, index: j }, cid, id));
    c.note(
      'phone',
      null,
      'cleaned',
      `${servicePhones.length} phone number(s) for the service as a whole kept under a contact with no name (ORUK 3.0 keeps phones with contacts)`,
    );
  }

  // Taxonomy terms: ORUK 3.0 "attributes", and "service_taxonomys" before it.
  const attrs = c.list(raw, ['attributes'], 'service', id);
  const old = c.list(raw, ['service_taxonomys', 'service_taxonomies'], 'service', id);
  if (attrs || old) s.collections.add('attributes');
  attributes(c, s, raw, id, 'service');
  (old ?? []).forEach((r, i) => {
    const t = r.taxonomy && typeof r.taxonomy === 'object' ? (r.taxonomy as Raw) : null;
    if (!t) return;
    const oldTerm: Raw = {
      id: t.id,
      name: t.name,
      description: t.description ?? '',
      parent_id: t.parent ?? t.parent_id,
      taxonomy: t.vocabulary ?? t.taxonomy,
      term_uri: t.term_uri,
    };
    const termRow = term(c, oldTerm, false);
    if (!termRow) return;
    const aid = c.id(r, 'attribute', { parent: id, index: i })!;
    if (!c.firstSeen('attribute', aid, 'A taxonomy link')) return;
    s.attributes.push({ row: { id: aid, linkId: id, linkType: 'service', taxonomyTermId: termRow.id }, term: termRow });
  });

  return finishRecord(c, 'service', id, null, { service: s });
}

function organisation(c: Cleaner, raw: Raw, topLevel: boolean): CleanOrganisation | null {
  const id = c.id(raw, 'organization');
  const name = nameOf(raw);
  if (!id || !name) {
    const why = `organisation ${!id ? 'has no id' : 'has no name'}: ${topLevel ? 'not imported' : 'left out'}`;
    c.note('organization', id ?? rawIdText(raw), 'skipped', why);
    return null;
  }
  if (topLevel) {
    c.recordId = id;
    if (!c.state.first('organization', id)) {
      c.note(
        'organization',
        id,
        'skipped',
        'an organisation with the same id appears earlier in the import: this copy not imported',
      );
      return null;
    }
  }
  const row: OrganisationRow = {
    id,
    name,
    description: c.text(raw, 'description', 'organization', id) ?? '',
    email: c.email(raw, 'email', 'organization', id),
    website: c.url(raw, 'website', 'organization', id) ?? c.url(raw, 'url', 'organization', id),
    logo: c.text(raw, 'logo', 'organization', id),
    uri: c.url(raw, 'uri', 'organization', id),
    parentOrganizationId: c.ref(raw, 'parent_organization_id', 'organization'),
  };
  const list = c.list(raw, ['organization_identifiers'], 'organization', id);
  const identifiers = list
    ? list.flatMap((r, i) => {
        const iid = c.id(r, 'organization_identifier', { parent: id, index: i })!;
        const type = c.text(r, 'identifier_type', 'organization_identifier', iid);
        const identifier = c.text(r, 'identifier', 'organization_identifier', iid);
        if (!type || !identifier) {
          c.note(
            'organization_identifier',
            iid,
            'skipped',
            `organisation identifier has no ${!type ? 'identifier_type' : 'identifier'}: left out`,
          );
          return [];
        }
        if (!c.firstSeen('organization_identifier', iid, 'An organisation identifier')) return [];
        return [
          {
            id: iid,
            organizationId: id,
            identifierScheme: c.text(r, 'identifier_scheme', 'organization_identifier', iid),
            identifierType: type,
            identifier,
          },
        ];
      })
    : null;
  return { row, identifiers };
}

function location(c: Cleaner, raw: Raw, fallback: { parent: string; index: number }): CleanLocation | null {
  const id = c.id(raw, 'location', fallback)!;
  const type = c.choice(raw, 'location_type', 'location', id, locationTypes);
  if (type.given !== undefined && type.given !== null && type.given !== '' && !type.value) {
    c.note(
      'location',
      id,
      'cleaned',
      `location_type ${quoted(type.given)} is not physical, postal or virtual: stored as "physical"`,
    );
  }
  const locationType = type.value ?? 'physical';
  const row: LocationRow = {
    id,
    locationType,
    name: c.text(raw, 'name', 'location', id),
    description: c.text(raw, 'description', 'location', id),
    latitude: c.number(raw, 'latitude', 'location', id, -90, 90),
    longitude: c.number(raw, 'longitude', 'location', id, -180, 180),
    externalIdentifier: c.text(raw, 'external_identifier', 'location', id),
    externalIdentifierType: c.text(raw, 'external_identifier_type', 'location', id),
  };
  if ((row.latitude === null) !== (row.longitude === null)) {
    c.note(
      'location',
      id,
      'cleaned',
      `${row.latitude === null ? 'longitude' : 'latitude'} left out too: a position needs both`,
    );
    row.latitude = row.longitude = null;
  }
  // Addresses: ORUK 3.0 "addresses"; before it "physical_addresses" and "postal_addresses".
  const now = c.list(raw, ['addresses'], 'location', id);
  const physical = c.list(raw, ['physical_addresses'], 'location', id);
  const postal = c.list(raw, ['postal_addresses'], 'location', id);
  const addresses =
    now || physical || postal
      ? [
          ...(now ?? []).map((a) => [a, null] as const),
          ...(physical ?? []).map((a) => [a, 'physical'] as const),
          ...(postal ?? []).map((a) => [a, 'postal'] as const),
        ].flatMap(([a, kind], i) => {
          const r = address(c, a, { parent: id, index: i }, id, kind ?? locationType);
          return r ? [r] : [];
        })
      : null;
  const access = c.list(raw, ['accessibility', 'accessibility_for_disabilities'], 'location', id);
  const accessibility = access
    ? access.flatMap((a, i) => {
        const aid = c.id(a, 'accessibility', { parent: id, index: i })!;
        if (!c.firstSeen('accessibility', aid, 'An accessibility record')) return [];
        // ORUK 3.0 examples repeat the description as "accessibility"; before 3.0 it was the only field.
        const description =
          c.text(a, 'description', 'accessibility', aid) ?? c.text(a, 'accessibility', 'accessibility', aid);
        return [
          {
            id: aid,
            locationId: id,
            description,
            details: c.text(a, 'details', 'accessibility', aid),
            url: c.url(a, 'url', 'accessibility', aid),
          },
        ];
      })
    : null;
  return { row, addresses, accessibility };
}

function address(
  c: Cleaner,
  raw: Raw,
  fallback: { parent: string; index: number },
  locationId: string,
  defaultType: string,
) {
  const id = c.id(raw, 'address', fallback)!;
  const line1 = c.text(raw, 'address_1', 'address', id);
  const city = c.text(raw, 'city', 'address', id);
  const postcode = c.text(raw, 'postal_code', 'address', id);
  const missing = [!line1 && 'address_1', !city && 'city', !postcode && 'postal_code'].filter(Boolean);
  if (missing.length) {
    c.note('address', id, 'skipped', `address has no ${missing.join(' or ')}: address left out`);
    return null;
  }
  if (!c.firstSeen('address', id, 'An address')) return null;
  let country = 'GB';
  const givenCountry = c.text(raw, 'country', 'address', id)?.trim();
  if (givenCountry) {
    if (/^[A-Za-z]{2}$/.test(givenCountry)) country = givenCountry.toUpperCase();
    else if (countryNames[givenCountry.toLowerCase()]) {
      country = countryNames[givenCountry.toLowerCase()];
      c.note('address', id, 'cleaned', `country ${quoted(givenCountry)} stored as "${country}"`);
    } else
      c.note(
        'address',
        id,
        'cleaned',
        `country ${quoted(givenCountry)} is not a two-letter country code: stored as "GB"`,
      );
  }
  let postalCode = postcode!.trim();
  if (country === 'GB') {
    const uk = normalisePostcode(postalCode);
    if (uk && uk !== postcode) c.note('address', id, 'cleaned', `postal_code ${quoted(postcode)} stored as "${uk}"`);
    else if (!uk)
      c.note(
        'address',
        id,
        'cleaned',
        `postal_code ${quoted(postcode)} does not look like a UK postcode: kept as given`,
      );
    postalCode = uk ?? postalCode;
  }
  let line = line1!;
  const line2 = c.text(raw, 'address_2', 'address', id);
  if (line2) {
    line = `${line1}, ${line2}`;
    c.note('address', id, 'cleaned', `address_2 ${quoted(line2)} added to address_1 (ORUK 3.0 has one address line)`);
  }
  const type = c.choice(raw, 'address_type', 'address', id, locationTypes);
  return {
    id,
    locationId,
    attention: c.text(raw, 'attention', 'address', id),
    address1: line,
    city: city!,
    region: c.text(raw, 'region', 'address', id),
    stateProvince: c.text(raw, 'state_province', 'address', id) ?? '',
    postalCode,
    country,
    addressType: (type.value ?? defaultType) as (typeof locationTypes)[number],
  };
}

function schedule(
  c: Cleaner,
  raw: Raw,
  fallback: { parent: string; index: number },
  serviceId: string,
  salId: string | null,
) {
  const id = c.id(raw, 'schedule', fallback)!;
  if (!c.firstSeen('schedule', id, 'A schedule')) return null;
  let byday = c.text(raw, 'byday', 'schedule', id);
  let freq: string | null = null;
  if (raw.freq !== undefined && raw.freq !== null && raw.freq !== '') {
    const given = String(raw.freq).trim().toUpperCase();
    freq = (frequencies as readonly string[]).includes(given) ? given : null;
    if (!freq) c.note('schedule', id, 'cleaned', `freq ${quoted(raw.freq)} is not WEEKLY or MONTHLY: left out`);
    else if (freq !== raw.freq) c.note('schedule', id, 'cleaned', `freq ${quoted(raw.freq)} stored as "${freq}"`);
  }
  let interval = c.int(raw, 'interval', 'schedule', id, 1, 1000);
  // Before ORUK 3.0 a regular schedule named one weekday.
  if (raw.weekday !== undefined && raw.weekday !== null && raw.weekday !== '' && !byday) {
    const day = days[String(raw.weekday).trim().toLowerCase()];
    if (day) {
      byday = day;
      freq ??= 'WEEKLY';
      interval ??= 1;
    } else c.note('schedule', id, 'cleaned', `weekday ${quoted(raw.weekday)} is not a day of the week: left out`);
  }
  if (byday) {
    const parts = byday.split(/[\s,]+/).filter(Boolean);
    const codes = parts.map((p) =>
      /^[+-]?\d?(MO|TU|WE|TH|FR|SA|SU)$/i.test(p) ? p.toUpperCase() : days[p.toLowerCase()],
    );
    if (codes.some((x) => !x)) {
      c.note('schedule', id, 'cleaned', `byday ${quoted(byday)} is not a list of days like "MO,TU": left out`);
      byday = null;
    } else {
      const joined = codes.join(',');
      if (joined !== byday) c.note('schedule', id, 'cleaned', `byday ${quoted(byday)} stored as "${joined}"`);
      byday = joined;
    }
  }
  let bymonthday = c.text(raw, 'bymonthday', 'schedule', id);
  if (bymonthday && !/^\s*-?\d{1,2}(\s*,\s*-?\d{1,2})*\s*$/.test(bymonthday)) {
    c.note('schedule', id, 'cleaned', `bymonthday ${quoted(bymonthday)} is not a list of days of the month: left out`);
    bymonthday = null;
  }
  return {
    id,
    serviceId,
    serviceAtLocationId: salId ?? c.ref(raw, 'service_at_location_id', 'service_at_location'),
    validFrom: c.date(raw, 'valid_from', 'schedule', id),
    validTo: c.date(raw, 'valid_to', 'schedule', id),
    dtstart: c.date(raw, 'dtstart', 'schedule', id),
    freq,
    interval,
    byday,
    bymonthday,
    description: c.text(raw, 'description', 'schedule', id),
    opensAt: c.time(raw, 'opens_at', 'schedule', id),
    closesAt: c.time(raw, 'closes_at', 'schedule', id),
    scheduleLink: c.url(raw, 'schedule_link', 'schedule', id),
    attendingType: c.text(raw, 'attending_type', 'schedule', id),
    notes: c.text(raw, 'notes', 'schedule', id),
  };
}

function language(
  c: Cleaner,
  raw: Raw,
  fallback: { parent: string; index: number },
  serviceId: string | null,
  phoneId: string | null,
) {
  const id = c.id(raw, 'language', fallback)!;
  if (!c.firstSeen('language', id, 'A language')) return null;
  return {
    id,
    serviceId,
    phoneId: phoneId ?? c.ref(raw, 'phone_id', 'phone'),
    // Before ORUK 3.0 the language's name was in "language".
    name: c.text(raw, 'name', 'language', id) ?? c.text(raw, 'language', 'language', id),
    code: c.text(raw, 'code', 'language', id),
    note: c.text(raw, 'note', 'language', id),
  };
}

function phone(
  c: Cleaner,
  s: CleanService,
  raw: Raw,
  fallback: { parent: string; index: number },
  contactId: string,
  serviceId: string,
) {
  const id = c.id(raw, 'phone', fallback)!;
  const given = c.text(raw, 'number', 'phone', id);
  // Spreadsheets often leave numbers in quotes ("\"+44 1234 234567\"").
  const number =
    given
      ?.trim()
      .replace(/^["']+|["']+$/g, '')
      .trim() || null;
  if (!number || !/\d/.test(number)) {
    c.note(
      'phone',
      id,
      'skipped',
      given ? `phone number ${quoted(given)} has no digits: left out` : 'phone has no number: left out',
    );
    return;
  }
  if (!c.firstSeen('phone', id, 'A phone')) return;
  if (number !== given) c.note('phone', id, 'cleaned', `number ${quoted(given)} stored as "${number}"`);
  s.phones.push({ id, contactId, number, description: c.text(raw, 'description', 'phone', id) });
  (c.list(raw, ['languages'], 'phone', id) ?? []).forEach((l, i) => {
    const lang = language(c, l, { parent: id, index: i }, serviceId, id);
    if (lang) {
      s.collections.add('languages');
      s.languages.push(lang);
    }
  });
}

/** The attributes (taxonomy terms) on any record, kept against that record's id. */
function attributes(c: Cleaner, s: CleanService, raw: Raw, linkId: string, linkType: string) {
  (c.list(raw, ['attributes'], linkType, linkId) ?? []).forEach((r, i) => {
    const aid = c.id(r, 'attribute', { parent: linkId, index: i })!;
    const nested =
      r.taxonomy_term && typeof r.taxonomy_term === 'object' ? term(c, r.taxonomy_term as Raw, false) : null;
    const termId = nested?.id ?? c.ref(r, 'taxonomy_term_id', 'taxonomy_term');
    if (!termId) {
      c.note('attribute', aid, 'skipped', 'attribute has no taxonomy term: left out');
      return;
    }
    if (!c.firstSeen('attribute', aid, 'An attribute')) return;
    const given = typeof r.link_type === 'string' ? r.link_type : null;
    if (given && given !== linkType)
      c.note(
        'attribute',
        aid,
        'cleaned',
        `link_type ${quoted(given)} stored as "${linkType}", the kind of record it is on`,
      );
    s.attributes.push({ row: { id: aid, linkId, linkType, taxonomyTermId: termId }, term: nested });
  });
}

function term(c: Cleaner, raw: Raw, topLevel: boolean): TermRow | null {
  const id = c.id(raw, 'taxonomy_term');
  const name = nameOf(raw);
  if (!id || !name) {
    c.note(
      'taxonomy_term',
      id ?? rawIdText(raw),
      'skipped',
      `taxonomy term ${!id ? 'has no id' : 'has no name'}: ${topLevel ? 'not imported' : 'left out'}`,
    );
    return null;
  }
  if (topLevel) {
    c.recordId = id;
    if (!c.state.first('taxonomy_term', id)) {
      c.note(
        'taxonomy_term',
        id,
        'skipped',
        'a taxonomy term with the same id appears earlier in the import: this copy not imported',
      );
      return null;
    }
  }
  return {
    id,
    name,
    description: c.text(raw, 'description', 'taxonomy_term', id) ?? '',
    parentId: c.ref(raw, 'parent_id', 'taxonomy_term'),
    taxonomy: c.text(raw, 'taxonomy', 'taxonomy_term', id),
    taxonomyId: c.ref(raw, 'taxonomy_id', 'taxonomy'),
    termUri: c.url(raw, 'term_uri', 'taxonomy_term', id),
    term: c.text(raw, 'term', 'taxonomy_term', id),
  };
}

function taxonomy(c: Cleaner, raw: Raw): TaxonomyRow | null {
  const id = c.id(raw, 'taxonomy');
  const name = nameOf(raw);
  if (!id || !name) {
    c.note('taxonomy', id ?? rawIdText(raw), 'skipped', `taxonomy ${!id ? 'has no id' : 'has no name'}: not imported`);
    return null;
  }
  c.recordId = id;
  if (!c.state.first('taxonomy', id)) {
    c.note(
      'taxonomy',
      id,
      'skipped',
      'a taxonomy with the same id appears earlier in the import: this copy not imported',
    );
    return null;
  }
  return {
    id,
    name,
    description: c.text(raw, 'description', 'taxonomy', id) ?? '',
    uri: c.url(raw, 'uri', 'taxonomy', id),
    version: c.text(raw, 'version', 'taxonomy', id),
  };
}

// ---------------------------------------------------------------------------------------
// Reading ORUK JSON of any shape into top-level records

/** What an ORUK object is, from the fields it has. */
function kindOf(o: Raw): RecordKind | 'service_at_location' {
  if (Array.isArray(o.services)) return 'organization';
  if (o.service && typeof o.service === 'object' && o.location) return 'service_at_location';
  if (Array.isArray(o.taxonomy_terms) || ('version' in o && !('status' in o) && !('term' in o))) return 'taxonomy';
  if (
    'status' in o ||
    'service_at_locations' in o ||
    'schedules' in o ||
    'regular_schedules' in o ||
    'organization' in o ||
    'organization_id' in o
  )
    return 'service';
  if ('organization_identifiers' in o || 'website' in o || 'logo' in o) return 'organization';
  if ('term' in o || 'taxonomy_id' in o || 'parent_id' in o || 'term_uri' in o) return 'taxonomy_term';
  return 'service';
}

/**
 * Every top-level record in a parsed ORUK JSON document: a service, an organisation with its
 * services, a taxonomy with its terms, a list (array or page with "contents") or a package
 * ({ services: [...] , organizations: [...], ... }). Vocabularies come first, then
 * organisations, then services, so what a record points at is written before it.
 */
export function recordsFromJson(doc: unknown): { records: RawRecord[]; problems: string[] } {
  const out: Record<RecordKind, RawRecord[]> = { taxonomy: [], taxonomy_term: [], organization: [], service: [] };
  const problems: string[] = [];
  const visit = (o: unknown, hint?: RecordKind) => {
    if (Array.isArray(o)) return o.forEach((x) => visit(x, hint));
    if (!o || typeof o !== 'object') {
      problems.push(`a value that is not a record (${o === null ? 'null' : typeof o}) was left out`);
      return;
    }
    const r = o as Raw;
    if (
      Array.isArray(r.contents) &&
      ('total_items' in r || 'page_number' in r || 'total_pages' in r || Object.keys(r).length === 1)
    )
      return visit(r.contents, hint);
    const packaged = (['taxonomies', 'taxonomy_terms', 'organizations', 'services'] as const).filter((k) =>
      Array.isArray(r[k]),
    );
    if (packaged.length && !('id' in r)) {
      const kinds: Record<string, RecordKind> = {
        taxonomies: 'taxonomy',
        taxonomy_terms: 'taxonomy_term',
        organizations: 'organization',
        services: 'service',
      };
      packaged.forEach((k) => visit(r[k], kinds[k]));
      return;
    }
    // Containers are recognised by what they contain; otherwise the list they are in says what they are.
    const detected = kindOf(r);
    const container =
      detected === 'service_at_location' ||
      (detected === 'organization' && Array.isArray(r.services)) ||
      (detected === 'taxonomy' && Array.isArray(r.taxonomy_terms));
    const k = container ? detected : (hint ?? detected);
    if (k === 'service_at_location') {
      const service = { ...(r.service as Raw) };
      service.service_at_locations = [{ id: r.id, location: r.location }];
      out.service.push({ kind: 'service', raw: service });
    } else if (k === 'organization') {
      const { services, ...org } = r;
      out.organization.push({ kind: 'organization', raw: org });
      if (Array.isArray(services)) {
        for (const s of services) {
          if (s && typeof s === 'object' && !Array.isArray(s))
            out.service.push({ kind: 'service', raw: { organization_id: r.id, ...(s as Raw) } });
          else problems.push('a service that is not a record was left out');
        }
      }
    } else if (k === 'taxonomy') {
      const { taxonomy_terms: terms, ...tax } = r;
      out.taxonomy.push({ kind: 'taxonomy', raw: tax });
      if (Array.isArray(terms))
        for (const t of terms)
          if (t && typeof t === 'object')
            out.taxonomy_term.push({ kind: 'taxonomy_term', raw: { taxonomy_id: r.id, ...(t as Raw) } });
    } else {
      out[k].push({ kind: k, raw: r });
    }
  };
  visit(doc);
  return { records: [...out.taxonomy, ...out.taxonomy_term, ...out.organization, ...out.service], problems };
}
