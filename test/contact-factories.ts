// Factories for the front-door tests: the teams a front door needs (First Contact, Out of
// Hours, locality teams with their postcode areas), contacts inserted straight into the table,
// and the contact form as a browser sends it.
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import {
  contacts,
  localityPostcodes,
  notifications,
  type Contact,
  type Team,
  type TeamKind,
} from '../src/db/schema/index.js';
import { newOrganisation, newTeam, newWorker } from './helpers.js';

export interface FrontDoor {
  firstContact: Team;
  outOfHours: Team;
  /** Covers the postcode area "NB" (so "NB7 1AA"). */
  north: Team;
  /** Covers the district "NB3" (so "NB3 4XY"), inside north's area. */
  riverside: Team;
  /** Covers the sector "NB3 9" (so "NB3 9XY"), inside riverside's district. */
  hillside: Team;
}

/**
 * The teams of one council's front door. Call once per database: the postcode areas are
 * unique, and First Contact and Out of Hours are found as the only active team of their kind.
 */
export async function newFrontDoor(db: Db): Promise<FrontDoor> {
  const organisationId = (await newOrganisation(db)).id;
  const team = (name: string, kind: TeamKind) => newTeam(db, { organisationId, name, kind });
  const firstContact = await team('First Contact', 'first_contact');
  const outOfHours = await team('Out of Hours', 'out_of_hours');
  const north = await team('North Locality', 'locality');
  const riverside = await team('Riverside Locality', 'locality');
  const hillside = await team('Hillside Locality', 'locality');
  await db.insert(localityPostcodes).values([
    { prefix: 'NB', teamId: north.id },
    { prefix: 'NB3', teamId: riverside.id },
    { prefix: 'NB3 9', teamId: hillside.id },
  ]);
  return { firstContact, outOfHours, north, riverside, hillside };
}

/** The contact form as a browser sends it: a phone call passed on as suggested, unless overridden. */
export function contactForm(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    channel: 'phone',
    contactName: '',
    contactRelationship: '',
    contactReach: '',
    reason: `Her daughter rang: she has had two falls this week and is frightened to go out. ${randomUUID()}`,
    whatMattersNow: '',
    narrative: '',
    urgency: 'none',
    outcome: 'passed',
    // An unchecked radio is not sent at all.
    resolutionKind: undefined,
    resolutionDetail: '',
    'checkBackOn-day': '',
    'checkBackOn-month': '',
    'checkBackOn-year': '',
    teamChoice: 'suggested',
    teamId: '',
    routingReason: '',
    whatHappensNext: 'The locality team will ring her within two days.',
    action: 'save',
    ...overrides,
  };
}

/** A contact inserted straight into the table (to set a scene at chosen times). */
export async function newContact(
  db: Db,
  opts: { personId: string; receivedById?: string } & Partial<typeof contacts.$inferInsert>,
): Promise<Contact> {
  const receivedById = opts.receivedById ?? (await newWorker(db, { role: 'front_door' })).id;
  const [c] = await db
    .insert(contacts)
    .values({
      channel: 'phone',
      reason: `Asked about help at home. ${randomUUID()}`,
      urgency: 'none',
      personWasKnown: true,
      outcome: 'passed',
      receivedAt: new Date('2026-11-26T09:00:00Z'),
      ...opts,
      receivedById,
    })
    .returning();
  return c;
}

export function contactRow(db: Db, id: string) {
  return db
    .select()
    .from(contacts)
    .where(eq(contacts.id, id))
    .then((r) => r[0] ?? null);
}

export function contactsAbout(db: Db, personId: string) {
  return db.select().from(contacts).where(eq(contacts.personId, personId)).orderBy(desc(contacts.receivedAt));
}

/** A worker's messages, newest first. */
export function notificationsOf(db: Db, workerId: string) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.workerId, workerId))
    .orderBy(desc(notifications.createdAt));
}

/** The contact id a form redirected to. */
export function contactIdFrom(location: unknown, done = 'saved'): string {
  const m = new RegExp(`^/contacts/([0-9a-f-]{36})\\?done=${done}$`).exec(String(location));
  if (!m) throw new Error(`redirected to the contact, not ${String(location)}`);
  return m[1];
}
