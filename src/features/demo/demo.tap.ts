import { and, asc, eq, gte, inArray, isNotNull, isNull, like, lt, notExists, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  networkMembers,
  notifications,
  organisations,
  people,
  recordChanges,
  tapActions,
  tapActionUpdates,
  tapConsents,
  tapMeetings,
  tapMembers,
  taps,
  tapSummaries,
  workers,
} from '../../db/schema/index.js';
import { ukTime, ukToday } from '../../platform/forms.js';

/**
 * Demo teams around the person. Arthur Pemberton is the seeds' typical case: an older man
 * whose home has become unsafe, with housing, district nursing, home care and a care manager
 * around the table, a recorded meeting, and a plan part done (one action overdue). Two more
 * teams show a lawful reason for sharing and a team just set up. Dates are relative to `now`.
 */
export async function seedDemoTaps(db: Db, now: Date): Promise<{ taps: number }> {
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

  // Arthur's team, set up five weeks ago by his care manager.
  const [tap] = await db
    .insert(taps)
    .values({ personId: arthur.id, createdBy: aisha.id, createdAt: at(-35, '09:30') })
    .returning();
  const susan = (
    await db
      .select()
      .from(networkMembers)
      .where(and(eq(networkMembers.personId, arthur.id), eq(networkMembers.name, 'Susan Clarke')))
  )[0];
  const member = async (m: Omit<typeof tapMembers.$inferInsert, 'tapId' | 'addedBy'>) =>
    (
      await db
        .insert(tapMembers)
        .values({ ...m, tapId: tap.id, addedBy: aisha.id })
        .returning()
    )[0];
  const mArthur = await member({ kind: 'person', part: 'At the centre of the team', addedAt: at(-35, '09:30') });
  await member({ kind: 'worker', workerId: tom.id, part: 'Named worker', addedAt: at(-35, '09:30') });
  const mAisha = await member({
    kind: 'worker',
    workerId: aisha.id,
    part: 'Care manager: arranges and reviews his home care',
    addedAt: at(-35, '09:30'),
  });
  const mJamal = await member({
    kind: 'worker',
    workerId: jamal.id,
    part: 'Housing officer: the gas safety check and the tenancy',
    addedAt: at(-35, '09:40'),
  });
  const mRuth = await member({
    kind: 'worker',
    workerId: ruth.id,
    part: 'District nurse: the leg ulcer dressings twice a week',
    addedAt: at(-35, '09:45'),
  });
  const mCare = await member({
    kind: 'practitioner',
    name: 'Linda Mason',
    organisation: 'Northbridge Home Care',
    role: 'Home care coordinator',
    phone: '01632 960 777',
    email: 'linda.mason@homecare.example',
    part: 'Home care: four visits a day',
    addedAt: at(-35, '09:50'),
  });
  if (susan)
    await member({
      kind: 'network',
      networkMemberId: susan.id,
      part: 'Arthur’s daughter; joins by phone',
      addedAt: at(-33, '11:00'),
    });

  const [agreement] = await db
    .insert(tapConsents)
    .values({
      tapId: tap.id,
      basis: 'consent',
      sharesConversations: true,
      organisationIds: orgIds,
      whatMayBeShared:
        'Arthur said: “Tell them about the house and my legs. Not about Joan, and nothing to Susan about money.”',
      agreedOn: day(-34),
      howAgreed: 'At home, in person, with the form in large print. Susan was on speaker phone.',
      reviewOn: day(150),
      recordedBy: aisha.id,
      recordedAt: at(-34, '15:00'),
    })
    .returning();
  // What the team is told, by his named worker, within what he agreed: the house and his legs.
  // His conversations so far are about Joan too, so none is shared with the team.
  await db.insert(tapSummaries).values({
    tapId: tap.id,
    consentId: agreement.id,
    writtenBy: tom.id,
    writtenAt: at(-34, '16:00'),
    text: 'Arthur has lived at 14 Canal Row for 52 years and wants to stay. He wants to decide what leaves the house, one box at a time: “That you’ll send a skip and take the lot” is his worry.\n\nHis legs: the district nurse dresses his leg ulcer twice a week. He needs a clear chair by the window and a good light.\n\nKnock loudly and wait: he is slow to the door, and he reads large print.',
  });

  const [first] = await db
    .insert(tapMeetings)
    .values({
      tapId: tap.id,
      startsAt: at(-21, '10:30'),
      place: 'Arthur’s back room, 14 Canal Row',
      online: 'Susan joins by phone',
      invitedMemberIds: [mArthur.id, mAisha.id, mJamal.id, mRuth.id, mCare.id],
      personAttends: 'in_person',
      howTheyTakePart: 'In his own chair, with tea. Short: an hour at most. Face him when speaking.',
      familyAttend: 'Susan by phone from Leeds',
      arrangedBy: aisha.id,
      arrangedAt: at(-30, '14:00'),
      personsWords:
        '“I know what it looks like. Joan did the sorting; I just stopped throwing things away.”\n\n“I don’t want a skip. I want to decide what goes.”',
      agenciesBrought:
        'Housing (Jamal): the gas engineer could not reach the boiler; the annual check is overdue and the back door is blocked.\n\nDistrict nursing (Ruth): dressings twice a week; she needs a clear chair and a light.\n\nHome care (Linda): four visits a day; carers worry about the stairs.\n\nCare manager (Aisha): whether the care still fits, and what Arthur wants from it.',
      decisions:
        'Start with a path from the front door to the boiler and the back door, one box at a time, with Arthur deciding.\n\nSusan will be told how things are, with Arthur there.',
      recordedBy: aisha.id,
      recordedAt: at(-21, '15:00'),
      version: 2,
    })
    .returning();
  await db.insert(tapMeetings).values({
    tapId: tap.id,
    startsAt: at(14, '10:30'),
    place: 'Arthur’s back room, 14 Canal Row',
    online: 'Susan joins by phone',
    invitedMemberIds: [mArthur.id, mAisha.id, mJamal.id, mRuth.id, mCare.id],
    personAttends: 'in_person',
    howTheyTakePart: 'As last time: his chair, tea, an hour at most.',
    familyAttend: 'Susan by phone',
    arrangedBy: aisha.id,
    arrangedAt: at(-20, '09:00'),
  });

  const action = async (a: Omit<typeof tapActions.$inferInsert, 'tapId' | 'createdBy'>) =>
    (
      await db
        .insert(tapActions)
        .values({ ...a, tapId: tap.id, createdBy: aisha.id, meetingId: first.id, createdAt: at(-21, '15:10') })
        .returning()
    )[0];
  const path = await action({
    what: 'Clear a path from the front door to the boiler, one box at a time, with Arthur deciding what goes',
    ownerMemberId: mJamal.id,
    dueOn: day(-3),
    howWeKnow: 'The gas engineer can reach the boiler and the check is done',
  });
  const ring = await action({
    what: 'Ring Susan together on Sunday and tell her how things are',
    ownerMemberId: mArthur.id,
    dueOn: day(-14),
    howWeKnow: 'Susan knows, and Arthur felt it went all right',
  });
  await action({
    what: 'Make the chair by the window clear and lit for dressings',
    ownerMemberId: mRuth.id,
    dueOn: day(7),
    howWeKnow: 'Dressings are done in the chair, not standing',
  });
  await action({
    what: 'Review whether four visits a day still fit what Arthur wants',
    ownerMemberId: mAisha.id,
    dueOn: day(10),
    howWeKnow: 'Arthur says the visits help, and the times suit him',
  });
  await db
    .update(tapActions)
    .set({ status: 'done', completedOn: day(-15), version: 2 })
    .where(eq(tapActions.id, ring.id));
  await db.insert(tapActionUpdates).values([
    {
      actionId: ring.id,
      note: 'Rang Susan with Arthur on Sunday. She cried, then said she would visit at Christmas. Arthur said: “That went better than I thought.”',
      status: 'done',
      workerId: tom.id,
      createdAt: at(-15, '16:00'),
    },
    {
      actionId: path.id,
      note: 'Half the hall is clear. Arthur kept the Gazettes with his work in and let the carrier bags go.',
      status: 'open',
      workerId: jamal.id,
      createdAt: at(-8, '12:00'),
    },
  ]);
  await db.insert(notifications).values([
    {
      workerId: jamal.id,
      message: 'Aisha Begum added you to the team around Arthur Pemberton',
      link: `/people/${arthur.id}/team`,
      createdAt: at(-35, '09:40'),
    },
    {
      workerId: ruth.id,
      message: 'You are invited to a meeting of the team around Arthur Pemberton',
      link: `/people/${arthur.id}/team`,
      createdAt: at(-20, '09:00'),
    },
  ]);

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
    const [t] = await db
      .insert(taps)
      .values({ personId: p.id, createdBy: p.namedWorkerId!, createdAt: at(p.daysAgo, '10:00') })
      .returning();
    const added = { tapId: t.id, addedBy: p.namedWorkerId!, addedAt: at(p.daysAgo, '10:00') };
    await db.insert(tapMembers).values([
      { ...added, kind: 'person', part: 'At the centre of the team' },
      { ...added, kind: 'worker', workerId: p.namedWorkerId!, part: 'Named worker' },
      { ...added, kind: 'worker', workerId: lawful ? kofi.id : ruth.id },
    ]);
    if (lawful) {
      const [m] = await db
        .select({ id: tapMembers.id })
        .from(tapMembers)
        .where(and(eq(tapMembers.tapId, t.id), eq(tapMembers.workerId, kofi.id)));
      await db.insert(tapConsents).values({
        tapId: t.id,
        basis: 'lawful_reason',
        sharesConversations: false,
        organisationIds: [kofi.organisationId],
        whatMayBeShared: 'How to reach them and the plan for the home only',
        lawfulReason: 'A risk of serious harm: the home has no heating and it is winter',
        decidedBy: 'Grace Mensah, team manager',
        agreedOn: day(-120),
        reviewOn: day(-5),
        recordedBy: grace.id,
        recordedAt: at(-120, '11:00'),
      });
      await db.insert(tapActions).values([
        {
          tapId: t.id,
          what: 'Go with them to the warm space at the community centre on Tuesdays',
          ownerMemberId: m.id,
          dueOn: day(-90),
          howWeKnow: 'They go on their own',
          status: 'done',
          completedOn: day(-95),
          createdBy: p.namedWorkerId!,
          createdAt: at(-120, '11:30'),
        },
        {
          tapId: t.id,
          what: 'Apply for the boiler grant together',
          ownerMemberId: m.id,
          dueOn: day(-30),
          howWeKnow: 'The grant is agreed',
          status: 'done',
          completedOn: day(-20),
          createdBy: p.namedWorkerId!,
          createdAt: at(-120, '11:30'),
        },
      ]);
    }
  }
  return { taps: 1 + others.length };
}
