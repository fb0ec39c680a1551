import { and, asc, eq, gte, inArray, isNotNull, isNull, like, lt, notExists, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { networkMembers, organisations, people, recordChanges, tapMembers, workers } from '../../db/schema/index.js';
import { ukTime, ukToday } from '../../platform/forms.js';
import {
  addAction,
  addMember,
  arrangeMeeting,
  recordConsent,
  recordMeeting,
  startTeam,
  updateProgress,
  writeSummary,
} from '../team-around-the-person/tap.service.js';
import type { DemoActors } from './demo.context.js';

/**
 * Demo teams around the person. Arthur Pemberton is the seeds' typical case: an older man
 * whose home has become unsafe, with housing, district nursing, home care and a care manager
 * around the table, a recorded meeting, and a plan part done (one action overdue). Two more
 * teams show a lawful reason for sharing and a team just set up. Dates are relative to `now`.
 * Each team is set up, joined, agreed, met and worked through the team around the person
 * service, by the worker the story names, at the time it says.
 */
export async function seedDemoTaps(db: Db, now: Date, actors: DemoActors): Promise<{ taps: number }> {
  const byEmail = new Map(
    (
      await db.select({ id: workers.id, email: workers.email, organisationId: workers.organisationId }).from(workers)
    ).map((w) => [w.email, w]),
  );
  const w = (email: string) => {
    const found = byEmail.get(email);
    if (!found) throw new Error(`Demo worker ${email} is missing: load the demo workers first`);
    return found;
  };
  const tom = w('practitioner@northbridge.example');
  const aisha = w('aisha.begum@northbridge.example');
  const grace = w('manager@northbridge.example');
  const jamal = w('housing@northbridge.example');
  const ruth = w('nurse@northbridge.example');
  const kofi = w('community@northbridge.example');
  const day = (n: number) => ukToday(now, n);
  const at = (n: number, hhmm: string) => ukTime(day(n), hhmm);

  const [arthur] = await db
    .select()
    .from(people)
    .where(and(eq(people.givenName, 'Arthur'), eq(people.familyName, 'Pemberton')));
  if (!arthur) return { taps: 0 };
  const orgIds = (await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations))
    .filter((o) => o.kind !== 'council')
    .map((o) => o.id);

  // Arthur's team, set up five weeks ago by his care manager: he, his named worker and she are in it from the start.
  const asAisha = (n: number, hhmm: string) => actors.as(aisha.id, at(n, hhmm));
  const tap = await startTeam(asAisha(-35, '09:30'), arthur.id);
  const susan = (
    await db
      .select()
      .from(networkMembers)
      .where(and(eq(networkMembers.personId, arthur.id), eq(networkMembers.name, 'Susan Clarke')))
  )[0];
  const joins = { networkMemberId: null, name: null, organisation: null, role: null, phone: null, email: null };
  const worker = (workerId: string, part: string | null) => ({ ...joins, kind: 'worker' as const, workerId, part });
  const mJamal = await addMember(
    asAisha(-35, '09:40'),
    arthur.id,
    worker(jamal.id, 'Housing officer: the gas safety check and the tenancy'),
  );
  const mRuth = await addMember(
    asAisha(-35, '09:45'),
    arthur.id,
    worker(ruth.id, 'District nurse: the leg ulcer dressings twice a week'),
  );
  const mCare = await addMember(asAisha(-35, '09:50'), arthur.id, {
    ...joins,
    kind: 'practitioner',
    workerId: null,
    name: 'Linda Mason',
    organisation: 'Northbridge Home Care',
    role: 'Home care coordinator',
    phone: '01632 960 777',
    email: 'linda.mason@homecare.example',
    part: 'Home care: four visits a day',
  });
  if (susan)
    await addMember(asAisha(-33, '11:00'), arthur.id, {
      ...joins,
      kind: 'network',
      workerId: null,
      networkMemberId: susan.id,
      part: 'Arthur’s daughter; joins by phone',
    });
  const members = await db.select().from(tapMembers).where(eq(tapMembers.tapId, tap.id));
  const mArthur = members.find((m) => m.kind === 'person')!;
  const mAisha = members.find((m) => m.workerId === aisha.id)!;

  await recordConsent(asAisha(-34, '15:00'), arthur.id, {
    basis: 'consent',
    sharesConversations: true,
    organisationIds: orgIds,
    whatMayBeShared:
      'Arthur said: “Tell them about the house and my legs. Not about Joan, and nothing to Susan about money.”',
    agreedOn: day(-34),
    howAgreed: 'At home, in person, with the form in large print. Susan was on speaker phone.',
    reviewOn: day(150),
    lawfulReason: null,
    decidedBy: null,
  });
  // What the team is told, by his named worker, within what he agreed: the house and his legs.
  // His conversations so far are about Joan too, so none is shared with the team.
  await writeSummary(actors.as(tom.id, at(-34, '16:00')), arthur.id, {
    text: 'Arthur has lived at 14 Canal Row for 52 years and wants to stay. He wants to decide what leaves the house, one box at a time: “That you’ll send a skip and take the lot” is his worry.\n\nHis legs: the district nurse dresses his leg ulcer twice a week. He needs a clear chair by the window and a good light.\n\nKnock loudly and wait: he is slow to the door, and he reads large print.',
    withinAgreement: 'yes',
    basedOn: null,
  });

  const invitedMemberIds = [mArthur.id, mAisha.id, mJamal.id, mRuth.id, mCare.id];
  const first = await arrangeMeeting(asAisha(-30, '14:00'), arthur.id, {
    startsAt: at(-21, '10:30'),
    place: 'Arthur’s back room, 14 Canal Row',
    online: 'Susan joins by phone',
    invitedMemberIds,
    personAttends: 'in_person',
    howTheyTakePart: 'In his own chair, with tea. Short: an hour at most. Face him when speaking.',
    familyAttend: 'Susan by phone from Leeds',
    arrangedAt: at(-30, '14:00'),
  });
  await recordMeeting(asAisha(-21, '15:00'), arthur.id, first.id, {
    planReview: null,
    personsWords:
      '“I know what it looks like. Joan did the sorting; I just stopped throwing things away.”\n\n“I don’t want a skip. I want to decide what goes.”',
    agenciesBrought:
      'Housing (Jamal): the gas engineer could not reach the boiler; the annual check is overdue and the back door is blocked.\n\nDistrict nursing (Ruth): dressings twice a week; she needs a clear chair and a light.\n\nHome care (Linda): four visits a day; carers worry about the stairs.\n\nCare manager (Aisha): whether the care still fits, and what Arthur wants from it.',
    decisions:
      'Start with a path from the front door to the boiler and the back door, one box at a time, with Arthur deciding.\n\nSusan will be told how things are, with Arthur there.',
    version: first.version,
  });
  await arrangeMeeting(asAisha(-20, '09:00'), arthur.id, {
    startsAt: at(14, '10:30'),
    place: 'Arthur’s back room, 14 Canal Row',
    online: 'Susan joins by phone',
    invitedMemberIds,
    personAttends: 'in_person',
    howTheyTakePart: 'As last time: his chair, tea, an hour at most.',
    familyAttend: 'Susan by phone',
    arrangedAt: at(-20, '09:00'),
  });

  // The plan agreed at the meeting; the dates it is due by were in the future when it was agreed.
  const action = (what: string, ownerMemberId: string, dueOn: string, howWeKnow: string) =>
    addAction(asAisha(-21, '15:10'), arthur.id, { what, ownerMemberId, dueOn, howWeKnow, meetingId: first.id });
  const path = await action(
    'Clear a path from the front door to the boiler, one box at a time, with Arthur deciding what goes',
    mJamal.id,
    day(-3),
    'The gas engineer can reach the boiler and the check is done',
  );
  const ring = await action(
    'Ring Susan together on Sunday and tell her how things are',
    mArthur.id,
    day(-14),
    'Susan knows, and Arthur felt it went all right',
  );
  await action(
    'Make the chair by the window clear and lit for dressings',
    mRuth.id,
    day(7),
    'Dressings are done in the chair, not standing',
  );
  await action(
    'Review whether four visits a day still fit what Arthur wants',
    mAisha.id,
    day(10),
    'Arthur says the visits help, and the times suit him',
  );
  await updateProgress(actors.as(tom.id, at(-15, '16:00')), arthur.id, ring.id, {
    note: 'Rang Susan with Arthur on Sunday. She cried, then said she would visit at Christmas. Arthur said: “That went better than I thought.”',
    status: 'done',
    version: ring.version,
  });
  await updateProgress(actors.as(jamal.id, at(-8, '12:00')), arthur.id, path.id, {
    note: 'Half the hall is clear. Arthur kept the Gazettes with his work in and let the carrier bags go.',
    status: 'open',
    version: path.version,
  });

  // Two more: one shared for a lawful reason, one just set up. Chosen from Tom's and Aisha's people, the same every time,
  // among those who already had them as named worker when their team was set up.
  const others: Array<{ id: string; namedWorkerId: string | null; daysAgo: number }> = [];
  for (const daysAgo of [-120, -6]) {
    const since = at(daysAgo, '10:00');
    const [p] = await db
      .select({ id: people.id, namedWorkerId: people.namedWorkerId })
      .from(people)
      .where(
        and(
          inArray(people.namedWorkerId, [tom.id, aisha.id]),
          notInArray(people.id, [arthur.id, ...others.map((o) => o.id)]),
          eq(people.restricted, false),
          isNull(people.dateOfDeath),
          isNotNull(people.dateOfBirth),
          lt(people.createdAt, since),
          notExists(
            db
              .select({ id: recordChanges.id })
              .from(recordChanges)
              .where(
                and(
                  eq(recordChanges.personId, people.id),
                  like(recordChanges.summary, '%is now the named worker'),
                  gte(recordChanges.createdAt, since),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(people.familyName), asc(people.givenName))
      .limit(1);
    if (p) others.push({ ...p, daysAgo });
  }
  for (const p of others) {
    const lawful = p.daysAgo === -120;
    const named = (hhmm: string) => actors.as(p.namedWorkerId!, at(p.daysAgo, hhmm));
    await startTeam(named('10:00'), p.id);
    const partner = lawful ? kofi : ruth;
    const m = await addMember(named('10:00'), p.id, worker(partner.id, null));
    if (lawful) {
      await recordConsent(actors.as(grace.id, at(-120, '11:00')), p.id, {
        basis: 'lawful_reason',
        sharesConversations: false,
        organisationIds: [kofi.organisationId],
        whatMayBeShared: 'How to reach them and the plan for the home only',
        lawfulReason: 'A risk of serious harm: the home has no heating and it is winter',
        decidedBy: 'Grace Mensah, team manager',
        agreedOn: day(-120),
        reviewOn: day(-5),
        howAgreed: null,
      });
      const plan = [
        {
          what: 'Go with them to the warm space at the community centre on Tuesdays',
          dueOn: day(-90),
          howWeKnow: 'They go on their own',
          done: -95,
          note: 'They went on their own this Tuesday, and again on Thursday.',
        },
        {
          what: 'Apply for the boiler grant together',
          dueOn: day(-30),
          howWeKnow: 'The grant is agreed',
          done: -20,
          note: 'The grant is agreed and the new boiler is in.',
        },
      ];
      for (const x of plan) {
        const a = await addAction(named('11:30'), p.id, {
          what: x.what,
          ownerMemberId: m.id,
          dueOn: x.dueOn,
          howWeKnow: x.howWeKnow,
          meetingId: null,
        });
        // Done by the community support worker who went with them, on the day it was done.
        await updateProgress(actors.as(kofi.id, at(x.done, '14:00')), p.id, a.id, {
          note: x.note,
          status: 'done',
          version: a.version,
        });
      }
    }
  }
  return { taps: 1 + others.length };
}
