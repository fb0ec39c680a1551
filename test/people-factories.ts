// Factories and page helpers for the people and conversations tests: rows inserted straight
// into the tables (to set up a scene quickly), and helpers that read pages as a browser would.
import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import {
  auditEvents,
  conversations,
  drafts,
  personAccess,
  people,
  type Conversation,
  type NewPerson,
  type Person,
} from '../src/db/schema/index.js';
import { type Agent, newWorker } from './helpers.js';

let counter = 0;

/** A random NHS number that passes the modulus 11 check: ten digits, no spaces. */
export function validNhsNumber(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => randomInt(10));
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits.join('')}${check === 11 ? 0 : check}`;
  }
}

/** Ten digits whose check digit is wrong. */
export function invalidNhsNumber(): string {
  const good = validNhsNumber();
  return `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
}

/** "9434765919" -> "943 476 5919". */
export const spacedNhs = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;

/** A unique, pronounceable family name, so tests in one database do not find each other's people. */
export function uniqueFamilyName(base = ''): string {
  const letters = 'bcdfghjklmnprstvwz';
  const vowels = 'aeiou';
  let s = '';
  for (let i = 0; i < 3; i++) s += letters[randomInt(letters.length)] + vowels[randomInt(vowels.length)];
  let n = ++counter;
  let tail = '';
  do {
    tail += 'abcdefghijklmnopqrstuvwxyz'[n % 26];
    n = Math.floor(n / 26);
  } while (n > 0);
  const name = `${base}${s}${tail}`;
  return name[0].toUpperCase() + name.slice(1);
}

/**
 * A person inserted straight into the people table. `createdBy` defaults to a new worker;
 * anything else can be overridden.
 */
export async function newPerson(db: Db, overrides: Partial<NewPerson> = {}): Promise<Person> {
  const createdBy = overrides.createdBy ?? (await newWorker(db)).id;
  const [p] = await db
    .insert(people)
    .values({
      givenName: 'Alex',
      familyName: uniqueFamilyName(),
      dateOfBirth: randomDate(),
      ...overrides,
      createdBy,
    })
    .returning();
  return p;
}

/** Makes a person's record restricted, open to these workers and teams (and their named worker). */
export async function restrict(
  db: Db,
  personId: string,
  opts: { workerIds?: string[]; teamIds?: string[]; reason?: string } = {},
) {
  await db
    .update(people)
    .set({ restricted: true, restrictedReason: opts.reason ?? 'Works in adult social care' })
    .where(eq(people.id, personId));
  const rows = [
    ...(opts.workerIds ?? []).map((workerId) => ({ personId, workerId })),
    ...(opts.teamIds ?? []).map((teamId) => ({ personId, teamId })),
  ];
  if (rows.length) await db.insert(personAccess).values(rows);
}

/** A saved conversation inserted straight into the table. */
export async function newConversation(
  db: Db,
  opts: { personId: string; authorId: string } & Partial<typeof conversations.$inferInsert>,
): Promise<Conversation> {
  const [c] = await db
    .insert(conversations)
    .values({
      kind: 'listen_and_connect',
      occurredAt: new Date('2026-11-20T11:00:00Z'),
      narrative: `We talked about what a good day looks like. ${randomUUID()}`,
      whatHappensNext: 'I will ring you next week to see how the lunch club went.',
      ...opts,
    })
    .returning();
  return c;
}

/** The worker's draft for a person (of one kind, such as 'contact', when given), or null. */
export function draftOf(db: Db, workerId: string, personId: string, kind?: string) {
  return db
    .select()
    .from(drafts)
    .where(and(eq(drafts.workerId, workerId), eq(drafts.personId, personId), kind ? eq(drafts.kind, kind) : undefined))
    .then((r) => r[0] ?? null);
}

const givenNames = [
  'Alex',
  'Bronwen',
  'Chidi',
  'Dorota',
  'Eamon',
  'Farah',
  'Gwilym',
  'Hana',
  'Ifeoma',
  'Jasper',
  'Kiran',
  'Lowri',
  'Mehmet',
  'Niamh',
  'Oluwaseun',
  'Priya',
];

/** A random date of birth between 1925 and 1990 (days 1 to 28). */
export function randomDate(): string {
  return `${1925 + randomInt(66)}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
}

/** The registration form as a browser sends it: a random name and date of birth unless given. */
export function personForm(overrides: Record<string, string | string[] | undefined> = {}) {
  const [y, m, d] = randomDate().split('-');
  return {
    givenName: givenNames[randomInt(givenNames.length)],
    familyName: uniqueFamilyName(),
    preferredName: '',
    pronouns: '',
    'dateOfBirth-day': String(Number(d)),
    'dateOfBirth-month': String(Number(m)),
    'dateOfBirth-year': y,
    nhsNumber: '',
    address: '',
    postcode: '',
    phone: '',
    email: '',
    firstLanguage: '',
    interpreterNeeded: 'no',
    communicationNotes: '',
    ...overrides,
  };
}

/** The date parts of a day, `days` after the given time. */
export function dayParts(prefix: string, now: Date, days = 0): Record<string, string> {
  const d = new Date(now.getTime() + days * 86_400_000);
  return {
    [`${prefix}-day`]: String(d.getUTCDate()),
    [`${prefix}-month`]: String(d.getUTCMonth() + 1),
    [`${prefix}-year`]: String(d.getUTCFullYear()),
  };
}

/** The ISO date `days` after the given time. */
export const isoDay = (now: Date, days = 0) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The conversation form as a browser sends it, dated today by the given clock. */
export function conversationForm(now: Date, overrides: Record<string, string | undefined> = {}) {
  return {
    kind: 'listen_and_connect',
    ...dayParts('occurred', now),
    occurredTime: '',
    place: 'At home',
    participants: 'Margaret and her daughter Ada',
    narrative: `Margaret told me about her garden and how she misses the lunch club since her fall. ${randomUUID()}`,
    whatMatters: 'Getting back to the lunch club on Thursdays',
    agreed: 'Ada will drive her on Thursday',
    whatHappensNext: 'I will ring Margaret on Friday to hear how it went.',
    'checkBackOn-day': '',
    'checkBackOn-month': '',
    'checkBackOn-year': '',
    action: 'save',
    ...overrides,
  };
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#34;': '"',
  '&#38;': '&',
  '&#60;': '<',
  '&#62;': '>',
};
export const decodeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#34|#38|#60|#62);/g, (m) => entities[m]);
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Whether text appears on a page, allowing for HTML escaping. */
export function shows(html: string, text: string): boolean {
  return html.includes(text) || html.includes(escapeHtml(text)) || decodeHtml(html).includes(text);
}

/** The inputs of the form posting to `action` (the first such form), as a browser would send them (no _csrf: the Agent adds it). */
export function formInputs(html: string, action: string): Record<string, string | string[]> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string | string[]> = {};
  const add = (k: string, v: string) => {
    const had = out[k];
    out[k] = had === undefined ? v : ([] as string[]).concat(had, v);
  };
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="(checkbox|radio)"/.test(m[0]) && !/\bchecked\b/.test(m[0])) continue;
    add(decodeHtml(name), decodeHtml(/\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(decodeHtml(m[1]), decodeHtml(m[2]).replace(/^\n/, ''));
  return out;
}

/** The text of the textarea with this name on a page, or null. */
export function textareaValue(html: string, name: string): string | null {
  const m = new RegExp(`<textarea\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m ? decodeHtml(m[1]).replace(/^\n/, '') : null;
}

/** The people linked from the search results list, in order. */
export function resultIds(html: string): string[] {
  const start = html.indexOf('hearth-results');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf('</ol>', start));
  return [...list.matchAll(/<li class="hearth-results__item">\s*<a [^>]*href="\/people\/([0-9a-f-]{36})"/g)].map(
    (m) => m[1],
  );
}

/** The results list of a search page, or '' when there is none. */
export function resultsHtml(html: string): string {
  const start = html.indexOf('<ol class="govuk-list hearth-results">');
  return start < 0 ? '' : html.slice(start, html.indexOf('</ol>', start));
}

/** Posts JSON as the page script does: the CSRF token in the x-csrf-token header. */
export function postJson(agent: Agent, url: string, body: unknown, csrf: string | null = agent.csrfToken) {
  return agent.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
  });
}

/** Audit rows written after `mark` (see auditMark), oldest first. */
export function auditSince(db: Db, mark: number) {
  return db.select().from(auditEvents).where(gt(auditEvents.id, mark)).orderBy(asc(auditEvents.id));
}
