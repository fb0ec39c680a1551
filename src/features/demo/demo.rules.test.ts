import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asc, sql } from 'drizzle-orm';
import { loadConfig, withinTeamHours } from '../../config.js';
import type { Db } from '../../db/client.js';
import {
  aboutMe,
  contacts,
  conversations,
  handOffs,
  networkMembers,
  people,
  recordChanges,
  tapMembers,
  taps,
  teams,
  workers,
} from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { workingDaysBefore } from '../../platform/durations.js';
import { ukToday } from '../../platform/forms.js';
import { openTestDatabase } from '../../../test/database.js';
import { passIsHandOff, routeFor } from '../contacts/contacts.service.js';
import { demoRequestId } from './demo.context.js';
import { seedDemoData } from './demo.seed.js';

/**
 * The demo is what people judge Hearth by, so it keeps Hearth's own rules: it is loaded as
 * `npm start` loads it, at different times of day and week, and every contact, hand-off and
 * timeline entry is checked against what the services would have recorded (with the services'
 * own rule functions where they have them).
 */

const config = loadConfig({
  NODE_ENV: 'test',
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DEMO_DATA: 'false',
  LOG_LEVEL: 'silent',
});
const MINUTE = 60_000;

const clocks: Array<[string, string]> = [
  ['a weekday morning', '2026-11-26T10:00:00Z'],
  // The urgent contact "forty minutes ago" came in at 17:50, after the teams' hours.
  ['a weekday evening', '2026-12-07T18:30:00Z'],
  ['a summer Saturday', '2026-07-18T11:00:00Z'],
];

const ukClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const when = (d: Date) => ukClock.format(d);
const namedWorkerChange = /^(?:Hand-off: )?(.+) is now the named worker$/;
/** A name's given part: without a title, and without the family name. */
const givenPart = (name: string) =>
  name
    .replace(/^(Dr|PC|PCSO|Mr|Mrs|Ms|Miss) /, '')
    .split(' ')
    .slice(0, -1)
    .join(' ');

for (const [label, iso] of clocks) {
  describe(`the demo loaded on ${label}`, () => {
    const now = new Date(iso);
    let db: Db;
    let drop: () => Promise<void>;
    let person: Map<string, typeof people.$inferSelect>;
    let worker: Map<string, typeof workers.$inferSelect>;
    let workerByName: Map<string, typeof workers.$inferSelect>;
    let team: Map<string, typeof teams.$inferSelect>;
    let contactRows: Array<typeof contacts.$inferSelect>;
    let handOffRows: Array<typeof handOffs.$inferSelect>;
    let changeRows: Array<typeof recordChanges.$inferSelect>;
    const nameOf = (id: string) => {
      const p = person.get(id)!;
      return `${p.givenName} ${p.familyName}`;
    };
    const described = (c: typeof contacts.$inferSelect) =>
      `${c.urgency === 'none' ? 'contact' : `${c.urgency} contact`} about ${nameOf(c.personId)} on ${when(c.receivedAt)}, ${c.routing ?? c.outcome} to ${
        c.passedToWorkerId
          ? worker.get(c.passedToWorkerId)!.name
          : c.passedToTeamId
            ? team.get(c.passedToTeamId)!.name
            : 'nobody'
      }`;
    /** Their named worker at a moment, from the "is now the named worker" lines on their timeline. */
    const namedWorkerAt = (personId: string, at: Date) => {
      const last = changeRows
        .filter((r) => r.personId === personId && r.createdAt <= at && namedWorkerChange.test(r.summary))
        .at(-1);
      return last ? (workerByName.get(namedWorkerChange.exec(last.summary)![1]) ?? null) : null;
    };
    const decidedByFirstContact = (c: typeof contacts.$inferSelect) =>
      c.routing === 'manual' && !!c.routingReason?.startsWith('Decided by First Contact: ');

    before(async () => {
      const opened = await openTestDatabase();
      db = opened.database.db;
      drop = opened.drop;
      assert.equal(await seedDemoData(db, config.organisationName, now, config), true);
      person = new Map((await db.select().from(people)).map((p) => [p.id, p]));
      const workerRows = await db.select().from(workers);
      worker = new Map(workerRows.map((w) => [w.id, w]));
      workerByName = new Map(workerRows.map((w) => [w.name, w]));
      team = new Map((await db.select().from(teams)).map((t) => [t.id, t]));
      contactRows = await db.select().from(contacts).orderBy(asc(contacts.receivedAt));
      handOffRows = await db.select().from(handOffs).orderBy(asc(handOffs.createdAt));
      changeRows = await db.select().from(recordChanges).orderBy(asc(recordChanges.createdAt));
    });
    after(() => drop());

    test('every urgent contact passed on outside the teams’ hours went to Out of Hours', () => {
      const urgentLate = contactRows.filter(
        (c) =>
          c.outcome === 'passed' &&
          c.urgency !== 'none' &&
          c.routing !== 'manual' &&
          !withinTeamHours(config.teamHours, c.receivedAt),
      );
      assert.deepEqual(urgentLate.filter((c) => c.routing !== 'out_of_hours').map(described), []);
    });

    test('the demo has a crisis that came in after the teams’ hours and went to Out of Hours', () => {
      const outOfHours = contactRows.filter(
        (c) => c.urgency !== 'none' && c.routing === 'out_of_hours' && !withinTeamHours(config.teamHours, c.receivedAt),
      );
      assert.ok(outOfHours.length > 0, 'at least one');
    });

    test('every contact passed on went where the contacts service sends it, with the named worker they had then', async () => {
      const wrong: string[] = [];
      for (const c of contactRows.filter((x) => x.outcome === 'passed')) {
        const named = namedWorkerAt(c.personId, c.receivedAt);
        const route = await routeFor(
          { db, config, now: c.receivedAt } as Ctx,
          { ...person.get(c.personId)!, namedWorkerId: named?.id ?? null },
          c.urgency !== 'none',
        );
        if (decidedByFirstContact(c)) {
          if (route.routing !== 'first_contact')
            wrong.push(
              `${described(c)}: First Contact decided it, but it would have gone ${route.routing} to ${route.workerName ?? route.teamName}`,
            );
        } else if (c.routing === 'manual') {
          const to = team.get(c.passedToTeamId ?? '');
          if (!c.routingReason || !to?.active || to.kind === 'partner' || to.kind === 'other')
            wrong.push(`${described(c)}: passed by hand needs a reason and a team contacts go to`);
        } else {
          const got = {
            routing: c.routing,
            teamId: c.passedToTeamId,
            workerId: c.passedToWorkerId,
            reason: c.routingReason,
          };
          const want = { routing: route.routing, teamId: route.teamId, workerId: route.workerId, reason: route.reason };
          if (JSON.stringify(got) !== JSON.stringify(want))
            wrong.push(
              `${described(c)}: the service sends it ${route.routing} to ${route.workerName ?? route.teamName} (${route.reason ?? 'no reason'})`,
            );
        }
      }
      assert.deepEqual(wrong, []);
    });

    test('a contact passed on is counted as a hand-off once, when it was passed, and is on the timeline', () => {
      const wrong: string[] = [];
      for (const c of contactRows.filter((x) => x.outcome === 'passed')) {
        const theirs = handOffRows.filter((h) => h.personId === c.personId);
        const atReceipt = theirs.filter((h) => h.createdAt.getTime() === c.receivedAt.getTime());
        if (decidedByFirstContact(c)) {
          const decided = theirs.filter(
            (h) =>
              h.reason.startsWith('Contact passed on by First Contact: ') &&
              h.createdAt >= c.receivedAt &&
              h.createdAt <= (c.takenAt ?? now),
          );
          if (decided.length !== 1 || atReceipt.length !== 0)
            wrong.push(
              `${described(c)}: ${decided.length} hand-offs when First Contact decided, ${atReceipt.length} when it came in`,
            );
        } else if (passIsHandOff(c)) {
          const h = atReceipt[0];
          if (atReceipt.length !== 1) wrong.push(`${described(c)}: ${atReceipt.length} hand-offs when it was passed`);
          else if (
            h.fromWorkerId !== c.receivedById ||
            h.toTeamId !== c.passedToTeamId ||
            h.toWorkerId !== c.passedToWorkerId
          )
            wrong.push(`${described(c)}: the hand-off is not from who took it to where it went`);
        } else if (atReceipt.length !== 0) wrong.push(`${described(c)}: not a hand-off, but counted as one`);
      }
      for (const h of handOffRows) {
        if (
          !changeRows.some(
            (r) =>
              r.personId === h.personId &&
              r.createdAt.getTime() === h.createdAt.getTime() &&
              r.summary.startsWith('Hand-off: '),
          )
        ) {
          wrong.push(`hand-off for ${nameOf(h.personId)} on ${when(h.createdAt)} is not on their timeline`);
        }
      }
      assert.deepEqual(wrong, []);
    });

    test('a contact taken was taken after it came in, by whoever it was passed to, who became the named worker', () => {
      const wrong: string[] = [];
      for (const c of contactRows.filter((x) => x.takenAt)) {
        const taker = worker.get(c.takenById ?? '');
        if (c.outcome !== 'passed' || !taker) wrong.push(`${described(c)}: taken, but not passed on or by nobody`);
        else if (c.takenAt! < c.receivedAt || c.takenAt! > now)
          wrong.push(`${described(c)}: taken on ${when(c.takenAt!)}`);
        else if (taker.id !== c.passedToWorkerId && taker.teamId !== c.passedToTeamId)
          wrong.push(`${described(c)}: taken by ${taker.name}, who is not in that team`);
        else if (namedWorkerAt(c.personId, c.takenAt!)?.id !== taker.id)
          wrong.push(`${described(c)}: ${taker.name} took it but is not their named worker`);
      }
      assert.deepEqual(wrong, []);
    });

    test('urgent contacts not taken within the hour, and others waiting longer than three working days, went to the managers', () => {
      const wrong: string[] = [];
      for (const c of contactRows.filter((x) => x.outcome === 'passed')) {
        const until = c.takenAt ?? now;
        if (c.urgency !== 'none') {
          const due = c.receivedAt.getTime() + config.urgentEscalationMs;
          if (c.escalatedAt ? c.escalatedAt.getTime() < due || c.escalatedAt > until : until.getTime() > due + MINUTE)
            wrong.push(`${described(c)}: escalated ${c.escalatedAt ? when(c.escalatedAt) : 'never'}`);
        } else {
          const waitedTooLong =
            c.receivedAt < workingDaysBefore(new Date(until.getTime() - MINUTE), config.waitingEscalationDays);
          const tooEarly =
            c.waitingEscalatedAt &&
            c.receivedAt >= workingDaysBefore(c.waitingEscalatedAt, config.waitingEscalationDays);
          if (tooEarly || (c.waitingEscalatedAt ? c.waitingEscalatedAt > until : waitedTooLong))
            wrong.push(
              `${described(c)}: long wait escalated ${c.waitingEscalatedAt ? when(c.waitingEscalatedAt) : 'never'}`,
            );
        }
      }
      assert.deepEqual(wrong, []);
    });

    test('contacts are recorded as the contact form and service record them', async () => {
      const wrong: string[] = [];
      const front = new Map((await db.select().from(conversations)).map((v) => [v.id, v]));
      for (const c of contactRows) {
        const earlier =
          contactRows.some((x) => x.personId === c.personId && x.receivedAt < c.receivedAt) ||
          [...front.values()].some((v) => v.personId === c.personId && v.occurredAt < c.receivedAt);
        if (!c.reason.trim() || !c.whatHappensNext?.trim())
          wrong.push(`${described(c)}: no reason or no "what happens next"`);
        if (c.personWasKnown !== earlier)
          wrong.push(`${described(c)}: known before is ${c.personWasKnown}, but ${earlier}`);
        if (c.outcome === 'resolved') {
          if (c.urgency !== 'none' || !c.resolutionKind || !c.resolutionDetail || c.routing || c.passedToTeamId)
            wrong.push(`${described(c)}: resolved, but urgent, passed, or without what was done`);
          if (c.checkBackOn && c.checkBackOn < ukToday(c.receivedAt))
            wrong.push(`${described(c)}: check back on ${c.checkBackOn}, before it came in`);
          if (c.checkBackDoneAt && (c.checkBackDoneAt < c.receivedAt || c.checkBackDoneAt > now || !c.checkBackOn))
            wrong.push(`${described(c)}: check back done on ${when(c.checkBackDoneAt)}`);
        } else if (!c.passedToTeamId || !c.routing) wrong.push(`${described(c)}: passed to no team`);
        if (c.conversationId) {
          const v = front.get(c.conversationId);
          if (
            !v ||
            v.occurredAt.getTime() !== c.receivedAt.getTime() ||
            v.kind !== (c.urgency === 'none' ? 'listen_and_connect' : 'crisis') ||
            v.whatHappensNext !== c.whatHappensNext ||
            v.checkBackOn
          ) {
            wrong.push(`${described(c)}: the front-door conversation is not the one the service records with it`);
          }
        }
      }
      assert.deepEqual(wrong, []);
    });

    test('everyone’s named worker is the last one on their timeline, in a team contacts go to', () => {
      const wrong: string[] = [];
      for (const p of person.values()) {
        const named = namedWorkerAt(p.id, now);
        if ((named?.id ?? null) !== p.namedWorkerId)
          wrong.push(
            `${nameOf(p.id)}: named worker ${p.namedWorkerId ? worker.get(p.namedWorkerId)!.name : 'none'}, timeline says ${named?.name ?? 'none'}`,
          );
        const theirTeam = p.namedWorkerId ? team.get(worker.get(p.namedWorkerId)!.teamId ?? '') : null;
        if (p.namedWorkerId && (!theirTeam?.active || theirTeam.kind === 'partner' || p.teamId !== theirTeam.id))
          wrong.push(`${nameOf(p.id)}: the named worker’s team is not theirs, or not one contacts go to`);
      }
      assert.deepEqual(wrong, []);
    });

    test('a team around the person starts with the named worker they had then', async () => {
      const wrong: string[] = [];
      const members = await db
        .select({ personId: taps.personId, workerId: tapMembers.workerId, addedAt: tapMembers.addedAt })
        .from(tapMembers)
        .innerJoin(taps, sql`${taps.id} = ${tapMembers.tapId}`)
        .where(sql`${tapMembers.part} = 'Named worker'`);
      for (const m of members) {
        if (namedWorkerAt(m.personId, m.addedAt)?.id !== m.workerId)
          wrong.push(
            `${nameOf(m.personId)}: ${worker.get(m.workerId!)!.name} joined their team as named worker on ${when(m.addedAt)}, but was not`,
          );
      }
      assert.deepEqual(wrong, []);
    });

    test('every record was created, once, before anything about the person happened', async () => {
      const created = changeRows.filter((r) => r.summary === 'Record created');
      const wrongCreated = [...person.values()].filter(
        (p) =>
          created.filter((r) => r.personId === p.id && r.createdAt.getTime() === p.createdAt.getTime()).length !== 1 ||
          created.filter((r) => r.personId === p.id).length !== 1,
      );
      assert.deepEqual(
        wrongCreated.map((p) => `${nameOf(p.id)}: no single "Record created" when the record was created`),
        [],
      );

      const events = sql`
        SELECT person_id, 'conversation' AS what, occurred_at AS at FROM conversations
        UNION ALL SELECT person_id, 'conversation written up', created_at FROM conversations
        UNION ALL SELECT v.person_id, 'amendment', a.created_at FROM conversation_amendments a JOIN conversations v ON v.id = a.conversation_id
        UNION ALL SELECT person_id, 'contact', received_at FROM contacts
        UNION ALL SELECT person_id, 'hand-off', created_at FROM hand_offs
        UNION ALL SELECT person_id, 'timeline: ' || summary, created_at FROM record_changes
        UNION ALL SELECT person_id, 'network: ' || relationship, created_at FROM network_members
        UNION ALL SELECT person_id, 'about me', written_at FROM about_me
        UNION ALL SELECT person_id, 'restricted access', created_at FROM person_access
        UNION ALL SELECT person_id, 'team around the person', created_at FROM taps
        UNION ALL SELECT t.person_id, 'joined their team: ' || coalesce(m.part, m.kind::text), m.added_at FROM tap_members m JOIN taps t ON t.id = m.tap_id
        UNION ALL SELECT t.person_id, 'meeting arranged', m.arranged_at FROM tap_meetings m JOIN taps t ON t.id = m.tap_id
        UNION ALL SELECT t.person_id, 'meeting', m.starts_at FROM tap_meetings m JOIN taps t ON t.id = m.tap_id
        UNION ALL SELECT t.person_id, 'sharing agreed', c.recorded_at FROM tap_consents c JOIN taps t ON t.id = c.tap_id
        UNION ALL SELECT t.person_id, 'team summary', s.written_at FROM tap_summaries s JOIN taps t ON t.id = s.tap_id
        UNION ALL SELECT t.person_id, 'action', a.created_at FROM tap_actions a JOIN taps t ON t.id = a.tap_id
        UNION ALL SELECT t.person_id, 'action update', u.created_at FROM tap_action_updates u JOIN tap_actions a ON a.id = u.action_id JOIN taps t ON t.id = a.tap_id
        UNION ALL SELECT person_id, 'connection', made_at FROM connections
        UNION ALL SELECT person_id, 'concern', raised_at FROM concerns WHERE person_id IS NOT NULL
        UNION ALL SELECT person_id, 'audit: ' || action || ' ' || entity, occurred_at FROM audit_events WHERE person_id IS NOT NULL`;
      const early = await db.execute(sql`
        SELECT p.given_name || ' ' || p.family_name AS who, e.what, to_char(e.at AT TIME ZONE 'Europe/London', 'DD Mon YYYY HH24:MI') AS at,
               to_char(p.created_at AT TIME ZONE 'Europe/London', 'DD Mon YYYY HH24:MI') AS created
        FROM (${events}) e JOIN people p ON p.id = e.person_id
        WHERE e.at < p.created_at ORDER BY p.family_name, e.at`);
      assert.deepEqual(
        early.rows.map((r) => `${r.who}: ${r.what} on ${r.at}, record created ${r.created}`),
        [],
      );
    });

    test('nothing happened after now, except what is planned', async () => {
      // The audit trail and the plain-language terms are written by the database's own clock.
      const columns = await db.execute(sql`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'timestamp with time zone'
          AND table_name NOT IN ('audit_events', 'jargon_terms') AND column_name NOT IN ('expires_at', 'starts_at')`);
      const late: string[] = [];
      for (const { table_name: t, column_name: c } of columns.rows as Array<{
        table_name: string;
        column_name: string;
      }>) {
        const rows = await db.execute(
          sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)} WHERE ${sql.identifier(c)} > ${now.toISOString()}::timestamptz`,
        );
        const n = Number((rows.rows[0] as { n: number }).n);
        if (n > 0) late.push(`${t}.${c}: ${n}`);
      }
      const today = ukToday(now);
      const datesLate = await db.execute(sql`
        SELECT 'date of death' AS what FROM people WHERE date_of_death > ${today}::date
        UNION ALL SELECT 'action completed' FROM tap_actions WHERE completed_on > ${today}::date
        UNION ALL SELECT 'sharing agreed' FROM tap_consents WHERE agreed_on > ${today}::date`);
      assert.deepEqual([...late, ...datesLate.rows.map((r) => `${r.what} after today`)], []);
    });

    test('what workers recorded is in the audit trail, written by whoever recorded it', async () => {
      const audited = sql`SELECT entity, entity_id, person_id, worker_id FROM audit_events
        WHERE action = 'create' AND request_id = ${demoRequestId}`;
      const missing = await db.execute(sql`
        SELECT 'network_member' AS what, m.id::text, m.person_id, m.added_by FROM network_members m
        UNION ALL SELECT 'tap_action', a.id::text, t.person_id, a.created_by FROM tap_actions a JOIN taps t ON t.id = a.tap_id
        EXCEPT ${audited}`);
      assert.deepEqual(
        missing.rows.map((r) => `${nameOf(String(r.person_id))}: ${String(r.what)} ${String(r.id)}`),
        [],
      );
      // The front door's conversations are still written with their contacts (demo.contacts.ts): the
      // others, recorded through the conversations service, each have their row, by their author.
      const rows = await db.execute(sql`
        SELECT (SELECT (details->>'conversations')::int FROM audit_events WHERE entity = 'demo_data') AS recorded,
               count(*)::int AS audited,
               count(*) FILTER (WHERE v.author_id IS DISTINCT FROM a.worker_id OR v.person_id IS DISTINCT FROM a.person_id)::int AS wrong
        FROM (${audited}) a LEFT JOIN conversations v ON v.id::text = a.entity_id
        WHERE a.entity = 'conversation'`);
      const { recorded, audited: n, wrong } = rows.rows[0] as { recorded: number; audited: number; wrong: number };
      assert.ok(recorded > 500, `${recorded} conversations recorded through the service`);
      assert.deepEqual({ audited: n, wrong }, { audited: recorded, wrong: 0 });
      const [{ versions }] = (
        await db.execute(
          sql`SELECT count(*)::int AS versions FROM audit_events WHERE entity = 'about_me' AND request_id = ${demoRequestId}`,
        )
      ).rows as Array<{ versions: number }>;
      assert.equal(versions, (await db.select().from(aboutMe)).length, 'one audit row for each version of "about me"');
    });

    test('the people around a person have names of their own', async () => {
      const wrong: string[] = [];
      const ownNames = (id: string) => {
        const p = person.get(id)!;
        return [p.givenName, p.preferredName].filter((n): n is string => !!n);
      };
      for (const c of contactRows.filter((x) => x.contactName)) {
        if (ownNames(c.personId).includes(givenPart(c.contactName!)))
          wrong.push(`${described(c)}: from ${c.contactName} (${c.contactRelationship})`);
      }
      const network = await db.select().from(networkMembers);
      for (const p of person.values()) {
        const theirs = network.filter((m) => m.personId === p.id);
        const given = theirs.map((m) => givenPart(m.name));
        for (const m of theirs) {
          if (ownNames(p.id).includes(givenPart(m.name)))
            wrong.push(`${nameOf(p.id)}: their ${m.relationship.toLowerCase()} is ${m.name}`);
          else if (given.filter((g) => g === givenPart(m.name)).length > 1)
            wrong.push(`${nameOf(p.id)}: two people in their network are called ${givenPart(m.name)}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  });
}
