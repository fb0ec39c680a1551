import type { Config } from '../../config.js';
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  contacts,
  conversations,
  handOffs,
  localityPostcodes,
  networkMembers,
  notifications,
  people,
  recordChanges,
  teams,
  workers,
  type ContactChannel,
} from '../../db/schema/index.js';
import { withinTeamHours } from '../../config.js';
import { howLong, workingDaysBefore } from '../../platform/durations.js';
import { ukTime, ukToday } from '../../platform/forms.js';
import { channelPlace } from '../contacts/contacts.forms.js';
import {
  chooseRoute,
  handOffReason,
  passedToName,
  passIsHandOff,
  type Route as ServiceRoute,
} from '../contacts/contacts.service.js';
import { demoNhsNumber, Random } from './random.js';
import { demoStaffFrom, type Staff, type StaffKey } from './staff.js';
// New people live where the demo people do.
import { districtWeights } from './demo.people.js';

/** The settings the demo's contacts are routed and escalated by, as the contacts service does. */
export type DemoSettings = Pick<Config, 'teamHours' | 'urgentEscalationMs' | 'waitingEscalationDays'>;

/**
 * Demo contacts for demo mode: about 250 contacts over the last four months, from every
 * channel, about the demo people and about some forty people who first became known through
 * the contact itself (most at the First Local drop-in, where two thirds of people had not
 * been in touch before). Some are resolved in the first conversation, with check backs done
 * and due; the rest were passed exactly as Hearth would pass them (to the named worker, by
 * postcode, to First Contact when the map does not say, or by hand with a reason), and most
 * were taken, with the taker's first conversation after it, so the front-door figures have
 * real numbers. Some still wait in the teams, and one urgent contact arrived forty minutes ago.
 * Where each one went, whether passing it was a hand-off, and when waits went to the managers
 * are decided by the contacts service's own rules (chooseRoute, passIsHandOff), at the time it
 * came in and with the teams' hours Hearth runs with; demo.rules.test.ts checks the result.
 *
 * Like the demo people, it is the same every time: every choice comes from a seeded
 * generator, ids included, and every date is relative to `now`. It is loaded after the demo
 * people, in the same transaction, and reads them back from the database.
 *
 * Unlike the demo people and teams around the person (demo.context.ts), contacts are still
 * written to their tables here rather than through the contacts service: the next step.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

type Who = 'person' | 'family' | 'professional';
type Outcome = 'resolved' | 'passed';
type Urgency = 'none' | 'crisis' | 'abuse_or_neglect';
type CallerKind =
  'gp' | 'ward' | 'ward12' | 'nurse' | 'ruth' | 'housing' | 'police' | 'pharmacy' | 'fire' | 'connector';

// ---------------------------------------------------------------------------------------
// What people got in touch about. Each scenario is one kind of contact, from one kind of
// caller, in plain words: why they got in touch, what matters, the front-door conversation,
// and either how it was resolved or what the worker who took it did first.

interface Scenario {
  key: string;
  outcome: Outcome;
  urgency?: Urgency;
  who: Who;
  /** The professionals who make this contact. */
  callers?: CallerKind[];
  /** Which family or friends make it, closest first (network relationships). */
  family?: string[];
  channels: ContactChannel[];
  ages: [number, number];
  /** Only about someone with a named worker: the words mention them. */
  named?: boolean;
  /** Only about someone Hearth does not know yet. */
  isNew?: boolean;
  /** Only about someone whose first language is not English. */
  language?: boolean;
  /** Only for the hand-written contacts below, never picked at random. */
  special?: boolean;
  reason: string[];
  matters: string[];
  /** The front-door conversation. */
  talk: string[];
  kind?: 'information_advice' | 'connected';
  detail?: string[];
  /** What happens next, before the routine words about who rings whom. */
  next: string[];
  /** The whole of "what happens next" (the hand-written contacts say it all themselves). */
  fullNext?: boolean;
  /** The check back, when it was done. */
  checkBack?: string[];
  /** The first conversation of the worker who took it: where, what happened, what happens next. */
  visit?: Array<[string, string, string]>;
  /** For a contact passed by hand, or decided by First Contact: why that team. */
  teamReason?: string;
}

const resolvedScenarios: Scenario[] = [
  {
    key: 'lunchClub',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'drop_in', 'self'],
    ages: [60, 100],
    kind: 'connected',
    reason: [
      'Lonely and wants to get out more: has hardly left the house since the winter.',
      'Wants to meet people: most of {his} friends have died or moved away.',
    ],
    matters: [
      '“I just want somebody to talk to who isn’t the telly.”',
      '“Having a reason to get dressed in the morning.”',
    ],
    talk: [
      '{name} told me {he} spends most days on {his} own and that Sunday afternoons are the worst. {He} used to go dancing and still loves company. {He} can walk to St Luke’s on a good day, and a neighbour drives past it on Tuesdays.',
      '{name} said straight out that {he} is lonely, which took some courage. {He} is fit and sharp and wants to be useful. We talked about what {he} used to enjoy: singing, a natter over a cup of tea, and the bingo.',
    ],
    detail: [
      'Told {him} about the Tuesday lunch club at St Luke’s and gave the number (01632 960041). Kofi from Community Connectors will meet {him} at the door the first time.',
      'Connected {him} to Good Neighbours Northbridge: they will ring on Wednesday and Friday mornings, and a volunteer will go with {him} to the coffee morning at the Eastside Community Centre.',
      'Gave {him} the details of the community choir at the library (Thursdays at 2pm) and the Tuesday lunch club at St Luke’s, and rang the lunch club with {him} to say {he} is coming.',
    ],
    next: ['{name} will try it this week and see how it feels.'],
    checkBack: [
      'Rang {name} as agreed. {He} went to the lunch club and sat with two people from {his} old street. {He} is going again next week and does not need anything else from us for now.',
      'Rang {name} back. {He} went once and did not enjoy it much: too noisy. {He} would rather try the choir, and has the details. Nothing else needed from us.',
    ],
  },
  {
    key: 'lonelyFamily',
    outcome: 'resolved',
    who: 'family',
    family: ['Daughter', 'Son', 'Other family', 'Grandchild'],
    channels: ['family_or_friend', 'phone', 'email'],
    ages: [65, 100],
    kind: 'connected',
    reason: [
      '{caller}, {name}’s {rel}, is worried {name} hardly sees anyone during the week.',
      '{caller} ({rel}) says {name} has stopped going out and sounds low on the phone.',
    ],
    matters: ['{name} has always liked company and a laugh; {callerFirst} says {he} would hate to be “a burden”.'],
    talk: [
      '{callerFirst} lives an hour away and rings {name} every evening, but worries about the days. {name} is steady enough to get out but has lost confidence since a friend died. {callerFirst} checked with {name} before getting in touch, and {name} is happy for us to help.',
    ],
    detail: [
      'Gave {callerFirst} the details of Good Neighbours Northbridge, who will ring {name} twice a week and can arrange a volunteer to walk with {him} to the Wednesday coffee morning at the Eastside Community Centre.',
      'Connected {name} to the Tuesday lunch club at St Luke’s: {callerFirst} will take {him} the first time, and the club’s driver can pick {him} up after that.',
    ],
    next: ['{callerFirst} will talk it over with {name} at the weekend.'],
    checkBack: [
      'Rang {callerFirst} back. {name} has been to the lunch club twice and has a lift arranged with another member. {callerFirst} said {name} sounded brighter on the phone.',
    ],
  },
  {
    key: 'bathBoard',
    outcome: 'resolved',
    who: 'person',
    channels: ['drop_in'],
    ages: [55, 100],
    kind: 'information_advice',
    reason: [
      'Finding it hard to get in and out of the bath; has been washing at the sink.',
      'Frightened of slipping in the bath since a near miss last month.',
    ],
    matters: [
      '“I want a proper wash without worrying I’ll fall.”',
      'Staying independent with washing, without anyone having to help.',
    ],
    talk: [
      '{name} has been washing at the sink for months because getting out of the bath frightens {him}. {He} lives alone and manages everything else. We looked at the bath board and seat we keep at the drop-in, and {he} tried sitting on the board.',
      '{name} saw our poster in the waiting room. {He} nearly slipped getting out of the bath last month and has not had a bath since, and does not want anyone helping {him} wash. We talked through what {he} can do, what is hard, and tried the bath seat we keep at the drop-in.',
    ],
    detail: [
      'Showed {him} the bath board and bath seat we keep at the drop-in and how to get them from the equipment service; gave the leaflet and the number for Care & Repair Northbridge for a grab rail.',
    ],
    next: [
      '{name} will ring the equipment service this week. If the board does not do the job, we will ask an occupational therapist to visit.',
    ],
    checkBack: [
      'Rang {name} back. The bath board came on Thursday and {he} has had {his} first proper bath in months. Care & Repair are fitting a grab rail next week.',
    ],
  },
  {
    key: 'bathPhone',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'self', 'email'],
    ages: [55, 100],
    kind: 'information_advice',
    reason: ['Cannot get in and out of the bath any more and wants to know what would help.'],
    matters: ['Being able to wash on {his} own.'],
    talk: [
      '{name} manages well at home except for the bath: {his} hips will not let {him} climb out. {He} has been having strip washes and misses a proper soak. {He} wanted to know whether there is anything short of a new bathroom.',
    ],
    detail: [
      'Explained how to get a bath board, a bath lift or grab rails from the equipment service, and what Care & Repair Northbridge can fit; gave both numbers and sent the leaflet.',
    ],
    next: ['{name} will ring the equipment service this week.'],
    checkBack: [
      'Rang {name}. The bath lift was fitted on Tuesday and {he} is delighted with it: “like being lowered into the sea”.',
    ],
  },
  {
    key: 'strengthBalance',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'drop_in', 'self'],
    ages: [65, 100],
    kind: 'connected',
    reason: [
      'Had a fall in the garden last month and has lost confidence going out.',
      'Feels unsteady on {his} feet and is worried about falling.',
    ],
    matters: ['“I want to feel steady enough to walk to the shops on my own.”'],
    talk: [
      '{name} fell in the garden a month ago. No bones broken, but {he} has not been further than the front gate since. {He} said it is the fright more than the bruises. {He} used to walk everywhere and wants to again.',
    ],
    detail: [
      'Booked {him} a place on the Strength and Balance class at Northbridge Leisure Centre (Thursdays at 11) while we talked, and told {him} about the community alarm service (01632 960052) in case {he} wants a pendant.',
    ],
    next: ['{name} will go to the class on Thursday; {his} neighbour will drive {him} the first time.'],
    checkBack: [
      'Rang {name}. {He} has been to two classes and says {his} legs feel stronger already. No more falls. {He} has decided against a pendant alarm for now.',
    ],
  },
  {
    key: 'alarm',
    outcome: 'resolved',
    who: 'family',
    family: ['Daughter', 'Son', 'Wife', 'Husband', 'Partner', 'Grandchild', 'Other family'],
    channels: ['family_or_friend', 'phone', 'email'],
    ages: [70, 100],
    kind: 'information_advice',
    reason: [
      '{caller} ({rel}) wants to know about a pendant alarm for {name}, who lives alone.',
      '{caller} ({rel}) asks how to get a key safe and an alarm for {name}.',
    ],
    matters: ['{name} wants to stay in {his} own home; {callerFirst} wants to know {he} can call for help.'],
    talk: [
      '{callerFirst} worries about {name} being on {his} own at night since a fall on the stairs last year. {name} knows about the call and agrees an alarm is a good idea, as long as it is not “one of those things round my neck that makes me look old”.',
    ],
    detail: [
      'Explained how the community alarm service works (a wrist or neck button, answered day and night), what it costs each week and how to apply; gave the number (01632 960052) and the key safe leaflet.',
    ],
    next: ['{callerFirst} will ring the alarm service with {name} this week.'],
    checkBack: [
      'Rang {callerFirst} back. The alarm was fitted on Monday and {name} chose the wrist one. The key safe is in too.',
    ],
  },
  {
    key: 'carersCentre',
    outcome: 'resolved',
    who: 'family',
    family: ['Wife', 'Husband', 'Partner', 'Daughter', 'Son'],
    channels: ['family_or_friend', 'phone', 'email', 'drop_in'],
    ages: [60, 100],
    kind: 'connected',
    reason: ['{caller} looks after {name} and is worn out; asks what help there is for carers.'],
    matters: ['{callerFirst} wants to keep caring for {name} at home, and to get one evening a week back.'],
    talk: [
      '{callerFirst} has looked after {name} for years and does almost everything: meals, tablets, getting {him} up. {callerFirst} has not had a night out in months and feels guilty even asking. We talked about what would make the biggest difference: a regular break, and someone to talk to who understands.',
    ],
    detail: [
      'Connected {callerFirst} to the Northbridge Carers’ Centre: rang them while {callerFirst} was still with me, and they will ring back on Thursday about a carer’s break and the Friday coffee morning.',
    ],
    next: [
      '{callerFirst} will wait for the Carers’ Centre to ring. If things get harder, {callerFirst} can ask us for a carer’s conversation.',
    ],
    checkBack: [
      'Rang {callerFirst}. The Carers’ Centre have been in touch and {callerFirst} went to the Friday coffee morning. A sitting service is being arranged for Thursday evenings.',
    ],
  },
  {
    key: 'money',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'drop_in', 'self', 'email'],
    ages: [18, 100],
    kind: 'connected',
    reason: [
      'Worried about money: behind on the gas bill and not sure what {he} can claim.',
      'Struggling with bills and has been keeping the heating off.',
    ],
    matters: ['“Keeping the heating on without lying awake worrying about it.”'],
    talk: [
      '{name} has been keeping the heating off to save money and is behind on the gas bill. {He} has never claimed anything and was embarrassed to ask. We went through what {he} gets now and what {he} spends.',
    ],
    detail: [
      'Booked {him} a benefits check with Citizens Advice Northbridge (Tuesday at 10, at the library) and gave the number for the energy company’s hardship fund.',
    ],
    next: ['{name} will go to the Citizens Advice appointment on Tuesday and take {his} letters.'],
    checkBack: [
      'Rang {name}: Citizens Advice found {he} could claim more and helped {him} apply. The gas company has agreed a payment plan and the heating is back on.',
    ],
  },
  {
    key: 'familyMoney',
    outcome: 'resolved',
    who: 'family',
    family: ['Parent', 'Partner', 'Wife', 'Husband', 'Sister', 'Brother'],
    channels: ['family_or_friend', 'phone', 'email'],
    ages: [18, 64],
    kind: 'connected',
    reason: ['{caller} ({rel}) asks what help there is with {name}’s bills while {he} is off work sick.'],
    matters: ['{name} wants to get back to work and not lose the flat in the meantime.'],
    talk: [
      '{name} has been off work for two months after an operation and the sick pay has run out. {callerFirst} has been helping with the rent but cannot keep it up. {name} was with {callerFirst} and agreed to us talking it through.',
    ],
    detail: [
      'Connected {name} to Citizens Advice Northbridge for a benefits check (they will ring on Monday) and gave the council’s number for help with rent and council tax.',
    ],
    next: ['{name} will wait for Citizens Advice to ring on Monday.'],
    checkBack: [
      'Rang {name}: Citizens Advice helped {him} claim, and the council have backdated help with the rent. {He} is hoping to go back to work part time next month.',
    ],
  },
  {
    key: 'memoryFamily',
    outcome: 'resolved',
    who: 'family',
    family: ['Daughter', 'Son', 'Wife', 'Husband', 'Partner', 'Other family'],
    channels: ['family_or_friend', 'phone', 'email', 'drop_in'],
    ages: [65, 100],
    kind: 'information_advice',
    reason: ['{caller} ({rel}) has noticed {name} is more forgetful and asks what to do.'],
    matters: ['{name} wants to stay at home and not be fussed over; {callerFirst} wants to know what is going on.'],
    talk: [
      '{callerFirst} has noticed {name} repeating questions and missing appointments, and found out-of-date food in the fridge. {name} says {he} is “just getting old”. {callerFirst} does not want to go behind {his} back.',
    ],
    detail: [
      'Suggested {callerFirst} and {name} ask {his} GP for a memory assessment together; told them about the memory café at the Eastside Community Centre (first and third Wednesday) and gave the Alzheimer’s Society helpline number.',
    ],
    next: ['{callerFirst} will book a GP appointment and go with {name}.'],
    checkBack: [
      'Rang {callerFirst}. The GP has referred {name} to the memory service, and they have been to the memory café once: {name} enjoyed the singing.',
    ],
  },
  {
    key: 'kitchen',
    outcome: 'resolved',
    who: 'person',
    channels: ['drop_in'],
    ages: [55, 100],
    kind: 'information_advice',
    reason: ['Cannot stand long enough in the kitchen to cook a meal.'],
    matters: ['“I want to cook my own dinner. I’m not having meals on wheels.”'],
    talk: [
      '{name} saw our poster in the surgery waiting room. {His} knees and back mean {he} cannot stand at the cooker for more than a few minutes, so {he} has been living on toast. We tried the perching stool and the kitchen trolley we keep at the drop-in.',
    ],
    detail: [
      'Showed {him} a perching stool and a kitchen trolley at the drop-in, and how to get them from the equipment service; {he} is ordering both.',
    ],
    next: ['{name} will ring the equipment service today.'],
    checkBack: [
      'Rang {name}. The stool and trolley arrived and {he} made a stew on Sunday for the first time in months.',
    ],
  },
  {
    key: 'relativeMobility',
    outcome: 'resolved',
    who: 'person',
    channels: ['drop_in'],
    ages: [40, 100],
    kind: 'information_advice',
    reason: [
      'Asking for {his} husband, who cannot manage the stairs, what equipment might help.',
      'Asking about a wheelchair and a ramp for when {his} mother visits.',
    ],
    matters: ['Keeping the family together at home.'],
    talk: [
      '{name} came to the drop-in after {his} GP appointment because of the poster in the waiting room. The worry was for someone else in the family, not {himself}: getting up and down the stairs and out of the front door. We looked at the equipment we keep at the drop-in and talked about what would suit their house.',
    ],
    detail: [
      'Explained the stair rails, half steps and portable ramps the equipment service lends, how to ask for an occupational therapist’s visit, and Care & Repair Northbridge’s number; gave the leaflets.',
    ],
    next: ['{name} will talk it over at home and ring the equipment service.'],
  },
  {
    key: 'blueBadge',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'email', 'drop_in', 'self'],
    ages: [18, 100],
    kind: 'information_advice',
    reason: ['Asking how to apply for a Blue Badge now {he} cannot walk far.'],
    matters: ['Getting to the shops and appointments without having to park miles away.'],
    talk: [
      '{name} can walk about fifty yards before {he} has to stop. {His} family drive {him} to appointments but cannot park near the door. {He} did not know whether {he} would qualify.',
    ],
    detail: [
      'Explained how to apply for a Blue Badge and what evidence to send; gave the council’s Blue Badge number and offered help filling in the form at the drop-in on Tuesdays.',
    ],
    next: ['{name} will apply online with {his} family’s help.'],
  },
  {
    key: 'transport',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'self', 'drop_in'],
    ages: [60, 100],
    kind: 'information_advice',
    reason: ['Cannot get to {his} hospital appointments since {he} stopped driving.'],
    matters: ['Not missing the eye clinic.'],
    talk: [
      '{name} stopped driving in the spring and has missed two appointments at the eye clinic because the buses do not line up. {He} does not want to keep asking the neighbours.',
    ],
    detail: [
      'Gave {him} the number for Northbridge Community Transport (dial-a-ride) and explained who can get NHS patient transport and how to book it.',
    ],
    next: ['{name} will book the dial-a-ride for the next appointment.'],
  },
  {
    key: 'shopping',
    outcome: 'resolved',
    who: 'family',
    family: ['Neighbour', 'Friend'],
    channels: ['family_or_friend', 'phone'],
    ages: [70, 100],
    kind: 'connected',
    reason: ['{caller} ({rel}) has been doing {name}’s shopping but is moving away, and asks who can help.'],
    matters: ['{name} likes to choose {his} own shopping.'],
    talk: [
      '{callerFirst} has done {name}’s shopping every Friday for two years and is moving to be near family next month. {name} is managing otherwise but cannot carry heavy bags.',
    ],
    detail: [
      'Connected {name} to Good Neighbours Northbridge’s shopping service: a volunteer will shop with {him} on Fridays. Also explained online delivery, which {callerFirst} will set up with {him} before leaving.',
    ],
    next: ['{callerFirst} will introduce {name} to the volunteer before moving.'],
    checkBack: [
      'Rang {name}. The Good Neighbours volunteer has been twice and they get on well; {he} still likes to choose {his} own tomatoes.',
    ],
  },
  {
    key: 'youngActivities',
    outcome: 'resolved',
    who: 'family',
    family: ['Parent', 'Sister', 'Brother'],
    channels: ['family_or_friend', 'email', 'phone'],
    ages: [18, 30],
    kind: 'connected',
    reason: ['{caller} ({rel}) says {name} has finished college and is at home all day with nothing to do.'],
    matters: ['{name} wants friends of {his} own age and a job, “a real one”.'],
    talk: [
      '{name} left college in the summer and misses {his} friends. {He} has a learning disability and is good with animals and with computers. {callerFirst} works part time and worries {name} is getting low.',
    ],
    detail: [
      'Connected them to the Friday Friends social club and the volunteering scheme at Northbridge City Farm; gave the farm volunteer coordinator’s number and the club’s dates.',
    ],
    next: ['{callerFirst} and {name} will visit the farm on Saturday.'],
    checkBack: [
      'Rang {callerFirst}. {name} now volunteers at the farm on Tuesdays and Thursdays and has been to Friday Friends twice.',
    ],
  },
  {
    key: 'lowMood',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'drop_in', 'self', 'email'],
    ages: [18, 64],
    kind: 'connected',
    reason: [
      'Feeling low since losing {his} job; not sleeping.',
      'Low and anxious, and finding it hard to leave the flat.',
    ],
    matters: ['“I want to feel like myself again.”'],
    talk: [
      '{name} said {he} has been low for a couple of months. {He} is not sleeping and has stopped seeing friends. I asked whether {he} feels safe: {he} does, and has family nearby. {He} wants something to do with other people, not just tablets.',
    ],
    detail: [
      'Told {him} about the peer support group at Northbridge Mind (Mondays at 6pm) and the Recovery College courses, and gave the number to refer {himself} for NHS talking therapy.',
    ],
    next: ['{name} will ring the talking therapy service today and try the Monday group.'],
    checkBack: [
      'Rang {name}. {He} has an assessment with the talking therapy service next week and went to the Monday group: “nobody made me talk, which helped.”',
    ],
  },
  {
    key: 'newcomer',
    outcome: 'resolved',
    who: 'person',
    channels: ['drop_in', 'self'],
    ages: [18, 70],
    language: true,
    kind: 'connected',
    reason: ['New to Northbridge and asking about English classes and meeting people.'],
    matters: ['“I want to speak English well enough to work again.”'],
    talk: [
      '{name} came to Northbridge this year.{viaInterpreter} {He} knows few people here yet and wants to learn English and find work. {He} was a {job} before {he} came here.',
    ],
    detail: [
      'Connected {him} to the English classes at Northbridge College (free; enrolment on Monday mornings) and the Saturday welcome group at the Eastside Community Centre, and wrote both down in {lang}.',
    ],
    next: ['{name} will go to enrolment on Monday.'],
    checkBack: [
      'Rang {name} with an interpreter. {He} has started the English classes and went to the welcome group, where {he} met two families from home.',
    ],
  },
  {
    key: 'damp',
    outcome: 'resolved',
    who: 'person',
    channels: ['phone', 'drop_in', 'self'],
    ages: [18, 100],
    kind: 'information_advice',
    reason: ['Black mould in the bedroom; the landlord has not replied.'],
    matters: ['A dry, warm home, for {his} chest.'],
    talk: [
      '{name} has reported the mould twice by phone but nothing has happened, and {his} chest is worse. {He} rents from a housing association and is worried about complaining.',
    ],
    detail: [
      'Explained how to report the damp in writing so there is a record; we drafted the letter together, and I gave the repairs line number and the Citizens Advice housing adviser’s number in case the landlord does not act.',
    ],
    next: ['{name} will post the letter today.'],
    checkBack: [
      'Rang {name}. The housing association came out within the week; the bedroom has been treated and a new extractor fan goes in next month.',
    ],
  },
  {
    key: 'hearing',
    outcome: 'resolved',
    who: 'person',
    channels: ['drop_in', 'phone', 'self'],
    ages: [65, 100],
    kind: 'information_advice',
    reason: ['Cannot hear the doorbell or the phone any more and has missed deliveries.'],
    matters: ['“Not missing my family’s calls.”'],
    talk: [
      '{name}’s hearing has got worse over the year. {He} has hearing aids but the batteries run out and {he} does not know where to get them. {He} has missed the doorbell several times.',
    ],
    detail: [
      'Explained where to get hearing aid batteries and repairs (the audiology drop-in at the library on Fridays) and told {him} about the sensory team’s free doorbell flasher and amplified phone; gave their number.',
    ],
    next: ['{name} will go to the library on Friday and ring the sensory team.'],
  },
  {
    key: 'poa',
    outcome: 'resolved',
    who: 'family',
    family: ['Daughter', 'Son', 'Wife', 'Husband', 'Partner', 'Other family'],
    channels: ['phone', 'email', 'family_or_friend'],
    ages: [65, 100],
    kind: 'information_advice',
    reason: ['{caller} ({rel}) asks about power of attorney for {name}.'],
    matters: ['{name} wants {callerFirst} to be able to help with money and decisions if {he} ever cannot.'],
    talk: [
      '{name} has talked with {callerFirst} about who should make decisions if {he} cannot, and wants it sorted while {he} can. Neither knew where to start.',
    ],
    detail: [
      'Explained what a Lasting Power of Attorney is, that {name} has to make it while {he} can decide for {himself}, and where to get the forms; suggested Age UK Northbridge, who help fill them in for free.',
    ],
    next: ['{callerFirst} will book an appointment with Age UK Northbridge for them both.'],
  },
  {
    key: 'careHomeFees',
    outcome: 'resolved',
    who: 'family',
    family: ['Daughter', 'Son', 'Other family'],
    channels: ['email', 'phone'],
    ages: [75, 100],
    kind: 'information_advice',
    reason: ['{caller} ({rel}) asks how care home fees work; the family are worried about {name} living alone.'],
    matters: ['{name} has said {he} wants to stay in {his} own home if at all possible.'],
    talk: [
      '{callerFirst} wanted to know what a care home would cost. As we talked, it came out that {name} has not been asked and wants to stay at home; {callerFirst} mostly wants {him} to be safe.',
    ],
    detail: [
      'Explained how care home fees and the financial assessment work and sent the factsheet; also explained what help at home is possible first, and that {name} can ask us for a conversation about it whenever {he} wants.',
    ],
    next: ['{callerFirst} will talk it over with {name} first.'],
  },
  {
    key: 'gpSocial',
    outcome: 'resolved',
    who: 'professional',
    callers: ['gp'],
    channels: ['gp'],
    ages: [50, 100],
    kind: 'connected',
    reason: [
      '{caller} ({role}, {org}) asked what is available for {name}, who comes to the surgery most weeks for company more than treatment.',
    ],
    matters: ['{name} told {callerShort} {he} would like “somewhere to go”.'],
    talk: [
      '{callerShort} said {name} lives alone, is managing at home, and comes in most weeks; the visits are more about company than anything medical. {name} knows about the call and is happy for us to suggest things.',
    ],
    detail: [
      'Connected {name} to Good Neighbours Northbridge and the Wednesday coffee morning; {callerShort} will give {name} the details at the next appointment, and Kofi from Community Connectors will ring {him}.',
    ],
    next: ['{callerShort} will talk it through with {name}.'],
    checkBack: [
      'Rang {name}. Kofi rang {him} and they went to the coffee morning together. {He} says {he} will keep going “for the biscuits and the gossip”.',
    ],
  },
  {
    key: 'gpYoungConnect',
    outcome: 'resolved',
    who: 'professional',
    callers: ['gp'],
    channels: ['gp'],
    ages: [18, 49],
    kind: 'connected',
    reason: [
      '{caller} ({role}, {org}) asks what there is for {name}, who is isolated since moving to Northbridge and is struggling with anxiety.',
    ],
    matters: ['{name} wants to meet people and get some structure back into the week.'],
    talk: [
      '{callerShort} said {name} moved here for a job that fell through, knows nobody, and has been coming in about panic attacks. {name} asked {callerShort} to get in touch.',
    ],
    detail: [
      'Connected {name} to the Recovery College (the “Managing anxiety” course starts on the 3rd) and the Saturday walking group by the canal; sent the details to {callerShort} and to {name} by email.',
    ],
    next: ['{name} will enrol on the course online.'],
  },
  {
    key: 'gpCarer',
    outcome: 'resolved',
    who: 'professional',
    callers: ['gp'],
    channels: ['gp'],
    ages: [60, 100],
    kind: 'connected',
    reason: ['{caller} ({role}, {org}) says {name} is caring for {his} partner and is exhausted.'],
    matters: ['{name} wants to keep caring, but needs some sleep.'],
    talk: [
      '{callerShort} said {name} came in about {his} own blood pressure and ended up talking about {his} partner, who has Parkinson’s and is up most nights. {name} does not want to be “handed over to social services”, but would like to talk to other carers.',
    ],
    detail: [
      'Connected {name} to the Northbridge Carers’ Centre, who will ring {him} this week about a carer’s break, and told {callerShort} how {name} can ask us for a carer’s conversation.',
    ],
    next: ['{callerShort} will let {name} know to expect the call.'],
  },
  {
    key: 'pharmacist',
    outcome: 'resolved',
    who: 'professional',
    callers: ['pharmacy'],
    channels: ['professional', 'phone'],
    ages: [65, 100],
    kind: 'information_advice',
    reason: ['{caller} ({role}, {org}) says {name} has been mixing up {his} tablets.'],
    matters: ['{name} wants to keep doing {his} own tablets.'],
    talk: [
      '{callerShort} noticed {name} collecting repeat prescriptions early and late, and {name} admitted {he} loses track of which day it is. {name} is happy for the pharmacy to help.',
    ],
    detail: [
      'Talked through the pharmacy’s weekly blister packs and the talking tablet reminder from the community alarm service; {callerShort} will set up blister packs with {name} this week.',
    ],
    next: ['{callerShort} will get back in touch if {name} is still struggling.'],
  },
  {
    key: 'fire',
    outcome: 'resolved',
    who: 'professional',
    callers: ['fire'],
    channels: ['professional', 'email'],
    ages: [65, 100],
    kind: 'connected',
    reason: ['{caller} ({role}, {org}) did a Safe and Well visit and asked us to connect {name} to local support.'],
    matters: ['{name} wants to stay put and “not be any trouble”.'],
    talk: [
      'The fire service fitted smoke alarms and noticed {name} is on {his} own most of the time and has trouble with the stairs. {name} agreed they could pass {his} details on. I rang {name} afterwards, who was happy to talk.',
    ],
    detail: [
      'Connected {name} to Good Neighbours Northbridge and sent Care & Repair Northbridge the details for a second stair rail, with {name}’s agreement.',
    ],
    next: ['Care & Repair will ring {name} to arrange a time.'],
    checkBack: [
      'Rang {name}. The second rail is in and a Good Neighbours volunteer rings on Wednesdays. {He} said thank you to the fire service, “for being nosy”.',
    ],
  },
  {
    key: 'housingMoney',
    outcome: 'resolved',
    who: 'professional',
    callers: ['housing'],
    channels: ['professional', 'email', 'phone'],
    ages: [18, 80],
    kind: 'connected',
    reason: ['{caller} ({role}, {org}) says {name} is behind with the rent and asks what support there is.'],
    matters: ['{name} wants to keep {his} home and sort the arrears out {himself}.'],
    talk: [
      '{callerShort} said {name} has always paid on time until this year, when {his} hours were cut. {name} has asked for help and is happy for us to be involved.',
    ],
    detail: [
      'Connected {name} to Citizens Advice Northbridge’s debt adviser (appointment booked for Thursday) and told {callerShort} about the council’s discretionary housing payments.',
    ],
    next: ['{callerShort} will hold off any action while {name} sees the adviser.'],
  },
  {
    key: 'connectorTransport',
    outcome: 'resolved',
    who: 'professional',
    callers: ['connector'],
    channels: ['professional', 'email'],
    ages: [60, 100],
    kind: 'information_advice',
    reason: [
      '{caller} ({role}) asks whether {name} can get transport to the lunch club now {he} cannot manage the bus.',
    ],
    matters: ['{name} does not want to give up the lunch club.'],
    talk: [
      '{callerShort} said the lunch club is the highlight of {name}’s week, but the bus stop is too far now. {name} is happy for us to help.',
    ],
    detail: [
      'Explained the community transport scheme and how to book a regular Tuesday pick-up; gave {callerShort} the number, and {callerShort} will book it with {name}.',
    ],
    next: ['{callerShort} will book the first pick-up.'],
  },
  {
    key: 'wardKeySafe',
    outcome: 'resolved',
    who: 'professional',
    callers: ['ward'],
    channels: ['hospital'],
    ages: [65, 100],
    kind: 'information_advice',
    reason: ['{caller} ({role}, {org}) asks how {name} can get a key safe fitted before going home on Friday.'],
    matters: ['Going home on Friday.'],
    talk: [
      '{callerShort} said {name} is going home on Friday with help from {his} family, who will need to get in if {he} cannot get to the door. Nothing else is needed.',
    ],
    detail: [
      'Explained how to order a key safe through the community alarm service and that Care & Repair can fit it within two days; gave both numbers to {callerShort} and to {name}’s family.',
    ],
    next: ['{callerShort} will sort the key safe with {name}’s family today.'],
  },
  {
    key: 'wardWheelchair',
    outcome: 'resolved',
    who: 'professional',
    callers: ['ward'],
    channels: ['hospital'],
    ages: [18, 100],
    kind: 'information_advice',
    reason: ['{caller} ({role}, {org}) asks where {name} can borrow a wheelchair for the first weeks at home.'],
    matters: ['Getting out and about while the leg heals.'],
    talk: [
      '{callerShort} said {name} is going home with a plaster cast and crutches and will manage in the house, but wants to get out for the first few weeks.',
    ],
    detail: [
      'Explained the British Red Cross short-term wheelchair loan at the Northbridge centre and how to book it; gave the number to {callerShort}, who will book it with {name} before discharge.',
    ],
    next: ['{callerShort} will book the loan today.'],
  },
  {
    key: 'oohReassure',
    outcome: 'resolved',
    who: 'person',
    channels: ['out_of_hours'],
    ages: [50, 100],
    kind: 'information_advice',
    reason: [
      'Rang the out of hours line on {weekday} night, worried the carers would not come in the morning; the night worker passed it on to us.',
    ],
    matters: ['Knowing who is coming and when.'],
    talk: [
      'I rang {name} back first thing. The agency had changed the rota and nobody had told {him}. I rang the agency, who confirmed the morning call, and rang {name} back to tell {him}.',
    ],
    detail: ['Rang the care agency, who confirmed the morning visit and will send {name} the new rota in large print.'],
    next: ['The agency will post the rota today.'],
  },
  {
    key: 'oohFamilyAdvice',
    outcome: 'resolved',
    who: 'family',
    family: ['Daughter', 'Son', 'Wife', 'Husband', 'Partner', 'Parent'],
    channels: ['out_of_hours'],
    ages: [18, 100],
    kind: 'information_advice',
    reason: [
      '{caller} ({rel}) rang the out of hours line on {weekday} evening to ask what to do if {name}’s carer cannot come at the weekend; the night worker passed it on to us.',
    ],
    matters: ['{name} wants the weekend to go on as normal.'],
    talk: [
      'I rang {callerFirst} back in the morning. The usual carer is on holiday and the agency had not said who would cover. I rang the agency, who have named a cover carer {name} has met before.',
    ],
    detail: [
      'Rang the agency, who confirmed the cover carer for the weekend; gave {callerFirst} the agency’s out of hours number for next time.',
    ],
    next: ['{callerFirst} will tell {name} who is coming.'],
  },
];

const passedScenarios: Scenario[] = [
  {
    key: 'notCoping',
    outcome: 'passed',
    who: 'family',
    family: ['Daughter', 'Son', 'Other family', 'Grandchild', 'Neighbour'],
    channels: ['family_or_friend', 'phone', 'email'],
    ages: [70, 100],
    reason: [
      '{caller} ({rel}) says {name} is not coping at home: not eating properly, and the house is getting on top of {him}.',
    ],
    matters: ['{name} wants to stay at home and does not want “strangers traipsing in and out”.'],
    talk: [
      '{callerFirst} visited at the weekend and found the fridge nearly empty and the post unopened. {name} had said {he} was fine. {callerFirst} cannot be there every day and is worried things will get worse over the winter. {name} knows {callerFirst} was getting in touch.',
    ],
    next: ['Passed on so someone can visit {name} at home and talk with {him} about what would help.'],
    visit: [
      [
        'At home',
        'Visited {name} at home; {callerFirst} joined us on speakerphone. {name} admitted the last month had been hard: {he} has been tired, stopped cooking and let the post pile up. We agreed a shopping delivery every Friday, set up with {callerFirst}, lunch at the St Luke’s club on Tuesdays, and that I will ring on Mondays for the next few weeks.',
        'I will ring you on Monday mornings for the next few weeks. Ring me on {takerPhone} if you need me sooner.',
      ],
      [
        'At home',
        'Visited {name}. The kitchen was bare and {he} had lost weight, but {he} was sharp and funny and clear that {he} is not going anywhere. It turned out {he} stopped cooking when the cooker broke in the summer. A new cooker is ordered through Care & Repair’s small grants, and a Good Neighbours volunteer will shop with {him} on Fridays.',
        'I will call in when the cooker is fitted.',
      ],
    ],
  },
  {
    key: 'stairs',
    outcome: 'passed',
    who: 'person',
    channels: ['phone', 'drop_in', 'self'],
    ages: [60, 100],
    reason: ['Can no longer manage the stairs safely; sleeping in the chair downstairs.'],
    matters: ['“I want to sleep in my own bed, in my own house.”'],
    talk: [
      '{name} has been sleeping in {his} armchair for three weeks because the stairs are too much since {his} knee got worse. {He} has lived in the house forty years and wants to stay.',
    ],
    next: [
      'Passed on for a home visit with the occupational therapist about a second rail, a stairlift or a bed downstairs.',
    ],
    visit: [
      [
        'At home',
        'Visited {name} with the occupational therapist. We tried the stairs together. A second rail will help on good days; {name} would rather have a stairlift than move {his} bed downstairs, and was clear about it. The OT has asked Care & Repair about the stairlift and the rail goes in next week.',
        'I will ring you when Care & Repair give us a date for the stairlift.',
      ],
    ],
  },
  {
    key: 'steps',
    outcome: 'passed',
    who: 'person',
    channels: ['drop_in'],
    ages: [60, 100],
    reason: ['Cannot get out of the house: three steps at the front door and {he} uses a walking frame.'],
    matters: ['“I miss the market. I want to get out on my own again.”'],
    talk: [
      '{name} came to the drop-in with {his} neighbour, who drove. {He} has not been out alone since the autumn because of the three steps at the front door. {He} misses the market and the library.',
    ],
    next: ['Passed on for a home visit with the occupational therapist about a rail or a ramp.'],
    visit: [
      [
        'At home',
        'Visited {name} with the occupational therapist. We looked at the steps together: a rail on both sides and a half step will do it, and {name} tried the steps with the OT holding the frame. Care & Repair will fit the rails. {name} wants to get the bus to the market again, so we talked about travel training.',
        'I will ring you when the rails are in, and we will try the bus together.',
      ],
    ],
  },
  {
    key: 'homeFromHospital',
    outcome: 'passed',
    who: 'professional',
    callers: ['ward'],
    channels: ['hospital'],
    ages: [60, 100],
    reason: [
      '{caller} ({role}, {org}) says {name} is nearly ready to go home after a fall and wants to go home, not to a care home.',
    ],
    matters: ['“Home. I want to go home.”'],
    talk: [
      '{callerShort} said {name} is walking with a frame and managing the toilet with one person to help. {He} lives alone in a house with the bathroom upstairs. {name} asked the ward to get in touch with us.',
    ],
    next: ['Passed on so someone can meet {name} on the ward and plan going home with {him}.'],
    visit: [
      [
        'Northbridge General Hospital',
        'Met {name} on the ward. {He} was clear: {he} wants to go home and knows the stairs will be hard for a while. We agreed a commode and a bed downstairs for now, a key safe, and someone calling in each morning for the first fortnight. {He} asked that {his} family hear the plan from us, not from the ward.',
        'I will be there the afternoon you get home, and ring your family today.',
      ],
    ],
  },
  {
    key: 'strokeHome',
    outcome: 'passed',
    who: 'professional',
    callers: ['ward'],
    channels: ['hospital'],
    ages: [35, 80],
    reason: [
      '{caller} ({role}, {org}) says {name} is recovering from a stroke and wants to go home, but {his} flat is up two flights of stairs.',
    ],
    matters: ['{name} wants {his} own flat back, not a care home and not a relative’s spare room.'],
    talk: [
      '{callerShort} said {name} is walking short distances with a stick and {his} speech is slower, but {he} is clear about what {he} wants. The lift in {his} block is often broken.',
    ],
    next: ['Passed on so someone can meet {name} on the ward before any plans are made.'],
    visit: [
      [
        'Northbridge General Hospital',
        'Met {name} on the ward with the ward occupational therapist. {His} speech is slower but {he} was very clear: {he} wants {his} own flat. We talked about what would make it possible: a few weeks of help at home now, and a move to a ground-floor flat in the longer term.',
        'I will ring the housing association with you tomorrow about a ground-floor flat.',
      ],
    ],
  },
  {
    key: 'carerStrain',
    outcome: 'passed',
    who: 'family',
    family: ['Wife', 'Husband', 'Partner', 'Daughter', 'Son'],
    channels: ['family_or_friend', 'phone', 'drop_in', 'email'],
    ages: [60, 100],
    reason: ['{caller} cares for {name} and cannot carry on without some help at night.'],
    matters: [
      '{name} wants to stay at home with {callerFirst}; {callerFirst} wants to keep caring, but needs to sleep.',
    ],
    talk: [
      '{callerFirst} has been up three or four times a night for months and is exhausted. {name} gets frightened in the dark and calls out. {callerFirst} was close to tears and said it felt like failing to ask.',
    ],
    next: ['Passed on for a conversation with {name} about the nights, and a carer’s conversation with {callerFirst}.'],
    visit: [
      [
        'At home',
        'Visited {name} and {callerFirst} at home, and talked with each of them on their own for part of the time. {callerFirst} has been up most nights and is exhausted; {name} had not realised how much. We agreed a night sitter twice a week to start, a carer’s conversation for {callerFirst} next week, and a break for {callerFirst} in the spring.',
        'I will come back next week for the carer’s conversation with {callerFirst}.',
      ],
    ],
  },
  {
    key: 'memorySafety',
    outcome: 'passed',
    who: 'family',
    family: ['Daughter', 'Son', 'Wife', 'Husband', 'Partner', 'Other family'],
    channels: ['family_or_friend', 'phone', 'out_of_hours'],
    ages: [70, 100],
    reason: [
      '{caller} ({rel}) is worried: {name} left the gas on twice this week and went out one night looking for the bus to work.',
    ],
    matters: ['{name} wants to stay in {his} own home with {his} own things around {him}.'],
    talk: [
      '{callerFirst} said {name} has been more muddled since the summer. A neighbour brought {him} home at midnight on Tuesday. {name} laughs it off but was frightened. {callerFirst} lives nearby and calls in daily, but cannot be there at night.',
    ],
    next: ['Passed on for a visit to {name} and {callerFirst} together.'],
    visit: [
      [
        'At home',
        'Visited {name} with {callerFirst}. {name} knows {his} memory is going and said: “I don’t want to be locked in, but I don’t want to get lost either.” We agreed a cooker that turns itself off, a door sensor that rings {callerFirst} at night, and a place at the memory café. {name} chose all three.',
        'I will ring you once the sensor is fitted, and come with you to the memory café the first time.',
      ],
    ],
  },
  {
    key: 'ldMumIll',
    outcome: 'passed',
    who: 'family',
    family: ['Sister', 'Brother', 'Other family', 'Parent'],
    channels: ['family_or_friend', 'phone', 'email'],
    ages: [18, 40],
    reason: [
      '{caller} ({rel}) says {name}’s mum, who supports {him} at home, has gone into hospital, and {name} is on {his} own and frightened.',
    ],
    matters: ['{name} wants to stay at home and to know what is happening to Mum.'],
    talk: [
      '{name} has a learning disability and lives with {his} mum, who was taken into hospital last night. {callerFirst} stayed with {name} last night but has to go home to work. {name} manages a lot {himself} but has never been on {his} own overnight.',
    ],
    next: ['Passed on so someone can see {name} today.'],
    visit: [
      [
        'At home',
        'Visited {name} at home. {He} told me what {he} needs: to know what is happening to Mum, someone to stay at night, and help with the bus to the day service. We sorted all three. {name} said: “I can do more than people think.”',
        'I will ring you every evening until Mum is home, and take you to visit her on Saturday.',
      ],
    ],
  },
  {
    key: 'housingWorry',
    outcome: 'passed',
    who: 'person',
    channels: ['phone', 'drop_in', 'self'],
    ages: [25, 64],
    reason: ['Has been told to leave {his} flat in four weeks and is not sleeping.'],
    matters: ['“Somewhere to live where I can see my kids.”'],
    talk: [
      '{name} has a notice from the landlord, who is selling. {He} has depression and has not been able to face the forms. {He} was calm but said the last week has been the worst for a long time. I asked whether {he} is safe: {he} is, and is seeing {his} children at the weekend.',
    ],
    next: ['Passed on so someone can help {name} with the housing team and stay with {him} through the move.'],
    visit: [
      [
        'Eastside Community Centre',
        'Met {name} at the community centre café, which {he} chose. We rang the housing options team together and got an appointment for Thursday; I will go with {him}. {He} has agreed to see {his} GP about sleep, and we talked about what has helped before: walking, and {his} brother.',
        'I will meet you at the housing office on Thursday at 10.',
      ],
    ],
  },
  {
    key: 'msHelp',
    outcome: 'passed',
    who: 'person',
    channels: ['self', 'phone', 'email'],
    ages: [25, 64],
    reason: ['Wants to talk about help at home now {his} MS has got worse.'],
    matters: ['“I want to keep working, and not become my partner’s patient.”'],
    talk: [
      '{name} has MS and has managed with {his} partner’s help, but the last relapse has left {him} unable to cook or shower safely. {He} wants to keep working from home three days a week.',
    ],
    next: ['Passed on for a conversation at home about what would help.'],
    visit: [
      [
        'At home',
        'Visited {name} and {his} partner. We started with what {name} wants: to keep working and to stay a couple, not carer and patient. We agreed to look at a direct payment so {name} can employ a personal assistant for the mornings, an Access to Work assessment, and a shower seat now.',
        'I will bring the direct payment information on Tuesday and go through it with you.',
      ],
    ],
  },
  {
    key: 'gpSelfNeglect',
    outcome: 'passed',
    who: 'professional',
    callers: ['gp'],
    channels: ['gp'],
    ages: [60, 100],
    reason: [
      '{caller} ({role}, {org}) is worried about {name}’s weight loss and the state of the house; {name} has agreed to a visit.',
    ],
    matters: ['{name} told {callerShort} {he} does not want to be “put in a home”.'],
    talk: [
      '{callerShort} visited {name} at home and found it cold, with little food in. {name} lost {his} partner last year and has not been out much since. {He} was wary but agreed to us visiting.',
    ],
    next: ['Passed on for a visit at home.'],
    visit: [
      [
        'At home',
        'Visited {name} at home. The house was cold and there was little food in. {name} was wary at first, then talked about {his} partner and how nothing has seemed worth doing since. We agreed to get the boiler looked at, a weekly shop with a Good Neighbours volunteer, and that I will call again on Friday.',
        'I will call in on Friday afternoon.',
      ],
    ],
  },
  {
    key: 'gpYoung',
    outcome: 'passed',
    who: 'professional',
    callers: ['gp'],
    channels: ['gp', 'email'],
    ages: [18, 60],
    reason: ['{caller} ({role}, {org}) is worried about {name}, whose mum, {his} main support, died last month.'],
    matters: ['{name} wants to stay in the family home.'],
    talk: [
      '{callerShort} said {name} has a learning disability and lived with {his} mum all {his} life. {He} is managing with help from a neighbour but is not eating well and has stopped going to the day service. {name} asked {callerShort} to get in touch.',
    ],
    next: ['Passed on for a visit at home.'],
    visit: [
      [
        'At home',
        'Visited {name} with {his} neighbour, who has been a great help. {name} talked about {his} mum and showed me photos. {He} wants to stay in the house. We agreed help with shopping and cooking twice a week, getting back to the day service on Mondays, and a bereavement group {he} can go to with the neighbour.',
        'I will come back on Thursday with the shopping list we made.',
      ],
    ],
  },
  {
    key: 'hoarding',
    outcome: 'passed',
    who: 'professional',
    callers: ['housing'],
    channels: ['professional', 'email', 'phone'],
    ages: [40, 90],
    reason: [
      '{caller} ({role}, {org}) says the flat is so full the fire service are worried about the way out; {name} has agreed to talk with us.',
    ],
    matters: ['{name} wants to keep {his} home, and to be the one who decides what goes.'],
    talk: [
      '{callerShort} said the tenancy is not at risk yet, and wants it to stay that way. {name} is embarrassed and has stopped letting people in, but trusts {callerShort}.',
    ],
    next: ['Passed on for a visit with {callerShort}.'],
    visit: [
      [
        'At home',
        'Visited {name} at home with {callerShort}. We talked about the flat and what matters to {name} about the things in it; a lot was {his} mother’s. {name} agreed that the way to the back door has to be clear first, and chose where to start. We will clear one box a week together, and {name} decides what is kept.',
        'I will come on Tuesday mornings to clear a box together.',
      ],
    ],
  },
  {
    key: 'nurseWashing',
    outcome: 'passed',
    who: 'professional',
    callers: ['nurse'],
    channels: ['professional', 'phone'],
    ages: [65, 100],
    reason: [
      '{caller} ({role}) says {name}’s legs are not healing because {he} cannot wash and dress properly, and asks for help in the mornings.',
    ],
    matters: ['{name} wants help, but only from someone who will let {him} do what {he} can.'],
    talk: [
      '{callerShort} dresses {name}’s leg ulcers twice a week. {name} manages most things but cannot reach {his} feet and has been sleeping in {his} clothes. {name} agreed to {callerShort} getting in touch.',
    ],
    next: ['Passed on for a visit at home.'],
    visit: [
      [
        'At home',
        'Visited {name} while {callerShort} was there. {name} wants help, but only in the mornings and only from someone who will let {him} do what {he} can. We agreed help with washing and dressing three mornings a week to start, and a long-handled sponge and sock aid from the equipment service.',
        'I will ring you after the first week of morning help.',
      ],
    ],
  },
  {
    key: 'police',
    outcome: 'passed',
    who: 'professional',
    callers: ['police'],
    channels: ['professional', 'out_of_hours', 'email'],
    ages: [65, 100],
    reason: [
      '{caller} ({role}) found {name} at the bus station at 2am in {his} nightclothes, looking for the bus to work, and took {him} home.',
    ],
    matters: ['{name} wants to stay at home.'],
    talk: [
      '{callerShort} said {name} was calm and friendly, and once home knew where {he} was. {callerShort} left {him} with a neighbour until family arrived.',
    ],
    next: ['Passed on for a visit to {name} and the family.'],
    visit: [
      [
        'At home',
        'Visited {name} and {his} family. {name} was embarrassed about the night but laughed about it too. {He} wants to stay at home. We agreed a door sensor that rings the family at night, help to get to bed in the evenings for now, and a referral to the memory service through {his} GP.',
        'I will ring you once the door sensor is in.',
      ],
    ],
  },
  {
    key: 'oohFall',
    outcome: 'passed',
    who: 'family',
    family: ['Daughter', 'Son', 'Wife', 'Husband', 'Partner', 'Neighbour'],
    channels: ['out_of_hours'],
    ages: [65, 100],
    reason: [
      '{caller} ({rel}) rang the out of hours line on {weekday} night: {name} fell getting up in the night; the paramedics checked {him} over and left {him} at home.',
    ],
    matters: ['{name} is adamant {he} wants to stay at home.'],
    talk: [
      'I rang {callerFirst} back in the morning. {name} is bruised and shaken but not hurt. {callerFirst} stayed the night but has to go back to work tomorrow.',
    ],
    next: ['{callerFirst} is staying until the morning after.'],
    visit: [
      [
        'At home',
        'Visited {name}, still sore but in good spirits. {He} had got up to the toilet in the dark and tripped on the rug. The rug is gone, there is a night light, and {he} agreed to try a pendant alarm for a month. {callerFirst} will ring each evening this week.',
        'I will ring you on Monday to see how the week went.',
      ],
    ],
  },
  {
    key: 'emailFar',
    outcome: 'passed',
    who: 'family',
    family: ['Daughter', 'Son', 'Other family', 'Grandchild'],
    channels: ['email'],
    ages: [70, 100],
    reason: [
      '{caller} ({rel}) emailed from abroad: {name} sounded muddled on the phone and {callerFirst} asks for someone to visit.',
    ],
    matters: ['{callerFirst} says {name} is fiercely independent and will not want a fuss.'],
    talk: [
      'Rang {callerFirst} after the email. {name} usually rings every Sunday and has missed two, and on Wednesday did not seem to know what day it was. There is no family nearby.',
    ],
    next: ['Passed on for a visit, and replied to {callerFirst} by email.'],
    visit: [
      [
        'At home',
        'Visited {name}, who was pleased to have company and talked about {callerFirst} a lot. {He} had a chest infection, which explained the muddle; the GP has seen {him} since and {he} is much brighter. We agreed a neighbour will look in daily until {he} is well, and I emailed {callerFirst} with {name}’s agreement.',
        'I will ring you next week, and email {callerFirst} after.',
      ],
    ],
  },
  // About someone with a named worker: the contact goes straight to them.
  {
    key: 'namedUpdate',
    outcome: 'passed',
    who: 'family',
    family: [
      'Daughter',
      'Son',
      'Wife',
      'Husband',
      'Partner',
      'Parent',
      'Sister',
      'Brother',
      'Other family',
      'Neighbour',
    ],
    channels: ['family_or_friend', 'phone', 'email', 'out_of_hours'],
    ages: [18, 100],
    named: true,
    reason: [
      '{caller} ({rel}) says {name} has been more unsettled since the weekend and wants {worker} to know.',
      '{caller} ({rel}) is worried {name} is not eating since the new tablets started.',
    ],
    matters: ['{name} wants things back to how they were a month ago.'],
    talk: [
      '{callerFirst} said {name} has been sleeping badly, ringing at odd hours and worrying about {his} tablets. Nothing has happened, but {callerFirst} has a feeling something is not right.',
    ],
    next: ['Passed to {worker}, who knows {name}.'],
    visit: [
      [
        'At home',
        'Rang {callerFirst} back, then visited {name}. {He} has been more unsettled since the weekend: sleeping badly and worried about {his} tablets, which had been changed without anyone explaining why. I rang the GP surgery with {him}, and the pharmacist will go through the new tablets on Thursday.',
        'I will ring you on Friday to see how the week has gone.',
      ],
      [
        'By phone',
        'Rang {name} and {callerFirst}. Things had settled since {callerFirst} got in touch: a bad few days with a cold, not a change in how {name} is. We agreed {callerFirst} will tell me straight away if it happens again.',
        'Ring me on {takerPhone} if things change.',
      ],
    ],
  },
  {
    key: 'namedLateCalls',
    outcome: 'passed',
    who: 'person',
    channels: ['phone', 'email', 'self'],
    ages: [50, 100],
    named: true,
    reason: ['Wants to speak to {worker}: the morning help keeps coming late and {he} misses breakfast.'],
    matters: ['“I want to know when they’re coming. I’ve been waiting in my dressing gown till eleven.”'],
    talk: [
      '{name} was cross but polite. The morning calls have been coming after ten for two weeks and {he} cannot take {his} tablets until {he} has eaten.',
    ],
    next: ['Passed to {worker}, {his} named worker.'],
    visit: [
      [
        'By phone',
        'Rang {name} back. The morning calls have been coming after ten, and {he} waits for breakfast because {he} needs help with {his} tablets first. I rang the agency while {he} held on, and they have agreed a fixed time of 8.30.',
        'I will ring you next week to check the calls are on time.',
      ],
    ],
  },
  {
    key: 'namedLetter',
    outcome: 'passed',
    who: 'person',
    channels: ['phone', 'drop_in', 'self'],
    ages: [18, 100],
    named: true,
    reason: ['Asked for {worker} to ring back about a letter {he} does not understand.'],
    matters: ['Not getting into trouble over the letter.'],
    talk: [
      '{name} was worried about a letter from the council that talks about “a change in circumstances”. {He} would rather go through it with {worker}, whom {he} knows.',
    ],
    next: ['Passed to {worker}, {his} named worker.'],
    visit: [
      [
        'At home',
        'Called in to go through the letter with {name}. It was about a change to {his} council tax discount, not a bill. We filled in the form together and {name} posted it on the way to the shop.',
        'Nothing more needed. Ring me on {takerPhone} if another letter comes.',
      ],
    ],
  },
  {
    key: 'namedDayCentre',
    outcome: 'passed',
    who: 'person',
    channels: ['drop_in', 'phone', 'email'],
    ages: [18, 100],
    named: true,
    reason: ['Wants to talk to {worker} about doing more in the week now {he} is feeling better.'],
    matters: ['“I want to be busy again.”'],
    talk: [
      '{name} is feeling much better than in the spring and wants more to do: {he} mentioned volunteering and the Tuesday group. {He} asked for {worker} by name.',
    ],
    next: ['Passed to {worker}, {his} named worker.'],
    visit: [
      [
        'Eastside Community Centre',
        'Met {name} at the community centre, where {he} wanted to see what is on. We looked at the volunteering board together and {he} signed up for the café rota on Wednesdays. {He} is going to try it for a month.',
        'I will ring you after your first month on the rota.',
      ],
    ],
  },
  {
    key: 'namedProfessional',
    outcome: 'passed',
    who: 'professional',
    callers: ['gp', 'nurse', 'pharmacy'],
    channels: ['gp', 'professional', 'email', 'phone'],
    ages: [18, 100],
    named: true,
    reason: ['{caller} ({role}, {org}) says {name} has missed two appointments and did not answer the door.'],
    matters: ['{callerShort} says {name} has always said {he} wants to be left to get on with things.'],
    talk: [
      '{callerShort} is not worried about anything urgent, but it is not like {name} to miss appointments, and {callerShort} knows {worker} is {his} named worker.',
    ],
    next: ['Passed to {worker}, who knows {name}.'],
    visit: [
      [
        'At home',
        'Called round to see {name}. {He} had missed the appointments because {he} has been low and not opening the post. We talked for a long time; {he} agreed I can let {callerShort} know {he} is all right, and we rebooked together.',
        'I will come with you to the next appointment.',
      ],
    ],
  },
  {
    key: 'namedAdmitted',
    outcome: 'passed',
    who: 'professional',
    callers: ['ward'],
    channels: ['hospital'],
    ages: [18, 100],
    named: true,
    reason: ['{caller} ({role}, {org}) says {name} was admitted last night after a fall and wants {worker} to know.'],
    matters: ['{name} wants to go home as soon as the doctors agree.'],
    talk: ['{callerShort} said {name} has no broken bones but is sore and shaken, and asked for {worker} by name.'],
    next: ['Passed to {worker}, {his} named worker.'],
    visit: [
      [
        'Northbridge General Hospital',
        'Saw {name} on the ward. No bones broken; {he} is sore and wants to go home as soon as the doctors agree. We talked through what would make home safer: a key safe and an earlier morning call for a fortnight.',
        'I will see you on the ward again on Thursday and be there when you get home.',
      ],
    ],
  },
];

// ---------------------------------------------------------------------------------------
// Hand-written contacts: the urgent ones, the ones First Contact had to decide, and the ones
// passed by hand with a reason.

const specials: Record<string, Scenario> = {
  crisisWaiting: {
    key: 'crisisWaiting',
    special: true,
    outcome: 'passed',
    urgency: 'crisis',
    who: 'family',
    family: ['Daughter', 'Son', 'Other family', 'Grandchild', 'Wife', 'Husband', 'Partner'],
    channels: ['family_or_friend'],
    ages: [65, 100],
    reason: [
      '{caller} ({rel}) rang: the neighbour found {name} on the kitchen floor this morning. {He} is not hurt but is cold and muddled, and the morning carer did not come.',
    ],
    matters: [
      '{name} wants to stay at home, and wants {callerFirst} there. {callerFirst} is on the way but is two hours away.',
    ],
    talk: [
      '{callerFirst} was calm but frightened. The neighbour, who has a key, is with {name} now and has put the heating on and made tea. {name} did not want an ambulance, and the neighbour says {he} is talking sense but keeps asking what day it is. The care agency say the morning carer went off sick and the call was missed. I asked the neighbour to stay until someone from the team gets there, and rang the GP surgery, who will visit this afternoon.',
    ],
    next: [
      'Passed as urgent to {worker}, {name}’s named worker, and the {team}. Someone will ring {callerFirst} within the hour and go round today. If {name} gets worse before then, ring 999.',
    ],
    fullNext: true,
  },
  crisisWaitingLate: {
    key: 'crisisWaitingLate',
    special: true,
    outcome: 'passed',
    urgency: 'crisis',
    who: 'family',
    family: ['Daughter', 'Son', 'Other family', 'Grandchild', 'Wife', 'Husband', 'Partner'],
    channels: ['family_or_friend'],
    ages: [65, 100],
    reason: [
      '{caller} ({rel}) rang: the carer found {name} on the kitchen floor. {He} is not hurt but is cold and muddled, and an earlier call was missed.',
    ],
    matters: [
      '{name} wants to stay at home, and wants {callerFirst} there. {callerFirst} is on the way but is two hours away.',
    ],
    talk: [
      '{callerFirst} was calm but frightened. The carer is with {name} now and has put the heating on and made tea. {name} did not want an ambulance, and the carer says {he} is talking sense but keeps asking what day it is. The care agency say an earlier call was missed when a carer went off sick. I asked the carer to stay until someone from the Out of Hours team gets there, and rang NHS 111, who will ring {callerFirst} back.',
    ],
    next: [
      'Passed as urgent to the Out of Hours team, because it came in outside the teams’ hours. Someone will ring {callerFirst} within the hour and go round. {worker}, {name}’s named worker, will have it on the record. If {name} gets worse before then, ring 999.',
    ],
    fullNext: true,
  },
  crisisLate: {
    key: 'crisisLate',
    special: true,
    outcome: 'passed',
    urgency: 'crisis',
    who: 'family',
    family: ['Wife', 'Husband', 'Partner', 'Daughter', 'Son'],
    channels: ['phone'],
    ages: [70, 95],
    reason: [
      '{caller} ({rel}) rang just after the office closed: {name} has been confused and agitated since the afternoon, does not know where {he} is, and tried to leave the house to “go home”.',
    ],
    matters: [
      '{name} wants to be at home and to feel safe; {callerFirst} wants to keep {him} at home tonight, not in hospital.',
    ],
    talk: [
      '{callerFirst} was frightened. {name} has a water infection and started antibiotics yesterday, and since lunchtime has not known the house. {callerFirst} has locked the front door and is sitting with {him}; there is no one else nearby tonight. {name} has not fallen, has no fever and is drinking. It was after the locality team’s hours, so I passed it to the Out of Hours team and stayed on the line until they had it.',
    ],
    next: [
      'Passed as urgent to the Out of Hours team, because it came in after the teams’ hours. Someone will ring {callerFirst} within the hour and go round tonight. If {name} gets worse or leaves the house, ring 999.',
    ],
    fullNext: true,
    visit: [
      [
        'By phone, then at home',
        'Rang {callerFirst}, then went round. {name} was calmer by the time I got there and had let {callerFirst} make tea. We rang the out-of-hours GP together, who expects the antibiotics to help and will ring in the morning. We agreed a night sitter tonight so {callerFirst} can sleep, and that the locality team will take it on in the morning.',
        'The locality team will ring you tomorrow morning. Tonight, ring the Out of Hours team on 01632 960199, or 999 if {name} leaves the house.',
      ],
    ],
  },
  crisisTaken: {
    key: 'crisisTaken',
    special: true,
    outcome: 'passed',
    urgency: 'crisis',
    who: 'person',
    channels: ['phone'],
    ages: [18, 100],
    reason: [
      'Rang in tears: has not slept for three nights, the evening call has stopped, and says {he} cannot go on like this.',
    ],
    matters: ['“I just need someone to come. I can’t do another night like this.”'],
    talk: [
      '{name} was crying and out of breath. The evening call stopped last week after a change of staff at the agency and nobody told {him}; {he} has been sleeping in the chair because {he} cannot get to bed alone. I asked whether {he} was safe right now: {he} is, and {his} neighbour is coming round. I stayed on the line until the neighbour arrived.',
    ],
    next: ['Passed as urgent to {worker}, {name}’s named worker, who will ring back within the hour.'],
    fullNext: true,
    visit: [
      [
        'By phone, then at home',
        'I rang within the hour and went round straight after. {name} was exhausted and embarrassed about “making a fuss”. The evening call was stopped by mistake when the agency changed staff. I rang the agency from {his} kitchen and the evening call starts again tonight; the manager came round to apologise. We agreed I will ring every evening this week, and {name} wrote down who to ring at night.',
        'I will ring you every evening this week at 7. At night, ring the Out of Hours team on 01632 960199.',
      ],
    ],
  },
  crisisGp: {
    key: 'crisisGp',
    special: true,
    outcome: 'passed',
    urgency: 'crisis',
    who: 'professional',
    callers: ['gp'],
    channels: ['gp'],
    ages: [76, 92],
    reason: [
      '{caller} ({role}, {org}) rang: {name}’s partner, who cares for {him}, collapsed in the waiting room and has gone to hospital by ambulance. {name} has dementia and is at the surgery on {his} own.',
    ],
    matters: ['{name} keeps asking for {his} partner and wants to go home.'],
    talk: [
      '{callerShort} said {name} is calm while someone sits with {him} but gets upset when left. There is a daughter in Manchester but the surgery cannot reach her. {name} was not known to us: I registered {him} from the surgery’s details.',
    ],
    next: [
      'Passed as urgent to the {team}. Someone will go to the surgery as soon as they can; {callerShort} will keep {name} in the quiet room with a receptionist until then.',
    ],
    fullNext: true,
    visit: [
      [
        'At the surgery, then at home',
        'Met {name} at the surgery and took {him} home. We found {his} daughter’s number on the fridge and rang her: she is driving over tonight. {name}’s partner is being kept in hospital. I stayed until a carer from the agency arrived for the evening, and arranged for someone to stay overnight until {his} daughter gets here.',
        'I will come back tomorrow morning to meet your daughter, and ring the hospital about your partner.',
      ],
    ],
  },
  abuse: {
    key: 'abuse',
    special: true,
    outcome: 'passed',
    urgency: 'abuse_or_neglect',
    who: 'professional',
    callers: ['ruth'],
    channels: ['professional'],
    ages: [70, 100],
    reason: [
      '{caller} ({role}) is worried about {name}: bruises on {his} arms that {he} will not explain, and {he} said {his} grandson “looks after” {his} bank card and there is never any money for food.',
    ],
    matters: [
      '{name} said quietly to {callerShort} that {he} just wants things to be calm, and does not want {his} grandson in trouble.',
    ],
    talk: [
      '{callerShort} visited this morning to dress {name}’s leg. {name} flinched when {callerShort} touched {his} arm, and there were bruises of different ages. The fridge was nearly empty. The grandson lives with {name} and was in the next room. {callerShort} did not raise it with him, and {name} has said before that {he} trusts {worker}.',
    ],
    next: [
      'Passed as urgent to {worker}, {name}’s named worker, as a concern about abuse or neglect. {callerShort} will not raise it with the grandson. {worker} will ring {callerShort} back today.',
    ],
    fullNext: true,
    visit: [
      [
        'At home',
        'Visited {name} on my own in the afternoon, when the grandson was out. We talked for a long time. {name} said the grandson lost his job in the summer and has “borrowed” {his} pension every week since, and that the bruises were from when he grabbed {him} to get the card. {He} does not want the police, but does want the money to stop and the grandson to stay in {his} life. We agreed: the bank told today, with {name} on the phone, and the pension paid into a new account only {name} can use; a food shop today; and I will talk with my manager about a safeguarding enquiry, which {name} agreed to.',
        'I will ring you tomorrow morning and come back on Friday. Ring me on {takerPhone}, or 999 if you feel unsafe.',
      ],
    ],
  },
  outOfArea: {
    key: 'outOfArea',
    special: true,
    outcome: 'passed',
    who: 'person',
    channels: ['phone'],
    ages: [66, 88],
    reason: [
      'Needs help getting washed and dressed since coming home from hospital; lives at Moorside Cottages, Lowmoor.',
    ],
    matters: ['“I want to manage at home. I don’t want to go back into hospital.”'],
    talk: [
      '{name} came home from Northbridge General a week ago after a chest infection and is managing with {his} neighbour’s help, but cannot get into the shower and has not been dressed properly since. {He} was not sure which council is {his}: the post says Northbridge, but Kirkby collect the bins.',
    ],
    next: [
      'First Contact will check which council is responsible and ring {name} by the end of tomorrow. {His} neighbour will help in the mornings until then.',
    ],
    fullNext: true,
  },
  noFixedAddress: {
    key: 'noFixedAddress',
    special: true,
    outcome: 'passed',
    who: 'person',
    channels: ['drop_in'],
    ages: [35, 60],
    reason: ['Sleeping on friends’ sofas since {his} tenancy ended; has an ulcer on {his} leg that is not healing.'],
    matters: ['“Somewhere of my own, and for my leg to heal.”'],
    talk: [
      '{name} came to the drop-in because the practice nurse told {him} about it. {He} lost {his} flat in the spring after falling behind with the rent while {he} was ill, and has stayed with different friends since, mostly on the east side of the city. {He} has no postcode to give. The nurse dresses {his} leg twice a week.',
    ],
    next: [
      'First Contact will decide which team works with {name} and ring {him} by Friday. I gave {him} the housing options number and the time of the Tuesday drop-in at the Eastside Community Centre.',
    ],
    fullNext: true,
  },
  decidedSister: {
    key: 'decidedSister',
    special: true,
    outcome: 'passed',
    who: 'person',
    channels: ['self'],
    ages: [40, 70],
    reason: [
      'Left hospital last week with nowhere to live that {he} can get around in; staying with {his} sister for now.',
    ],
    matters: ['“A place of my own that I can get around in.”'],
    talk: [
      '{name} came into the council offices with {his} sister. {He} had a below-knee amputation in the summer and uses a wheelchair, and {his} old flat was up three flights of stairs. {He} is staying with {his} sister on {street} for a few weeks but does not want that recorded as {his} address because it is not permanent.',
    ],
    next: ['First Contact will decide which team works with {name}. I will ring {him} at {his} sister’s tomorrow.'],
    fullNext: true,
    teamReason: 'staying with {his} sister on {street} (NB7) until a flat is found; the South East team covers that',
    visit: [
      [
        'At {his} sister’s house',
        'Visited {name} at {his} sister’s. We talked about what a home has to have for {him}: level access, room to turn the chair, and near the bus. I rang the housing options team with {him}; {he} is on the accessible housing list with priority. The occupational therapist will see {him} at {his} sister’s next week about a bath seat and a commode.',
        'I will ring you on Monday with news from the housing team.',
      ],
    ],
  },
  decidedQuay: {
    key: 'decidedQuay',
    special: true,
    outcome: 'passed',
    who: 'person',
    channels: ['phone'],
    ages: [60, 85],
    reason: [
      'Struggling with the stairs and the shopping since {his} hip operation; moved to Riverside Quay in the spring.',
    ],
    matters: ['“I want to stay independent. I only moved here to be nearer my grandchildren.”'],
    talk: [
      '{name} moved into the new flats at Riverside Quay this spring and had {his} hip replaced in the summer. The lift has been broken for three weeks and {he} is on the second floor, so {he} has not been out. {His} grandchildren do some shopping.',
    ],
    next: [
      'First Contact will check which team covers Riverside Quay and ring {him} tomorrow. I have reported the lift to the managing agent.',
    ],
    fullNext: true,
    teamReason:
      'Riverside Quay is on the Northbridge side of the boundary although its postcode is NB15; the North East team covers the streets next to it',
    visit: [
      [
        'At home',
        'Visited {name} at Riverside Quay. The lift works again. {name} is walking well with one stick but is nervous on the ramp to the car park. We agreed a rail on the ramp (the managing agent will fit it), a shopping trolley, and the Strength and Balance class, which {his} granddaughter will take {him} to.',
        'I will ring you in two weeks to see how the class is going.',
      ],
    ],
  },
  manualHospital: {
    key: 'manualHospital',
    special: true,
    outcome: 'passed',
    who: 'professional',
    callers: ['ward12'],
    channels: ['hospital'],
    ages: [70, 92],
    reason: [
      '{caller} ({role}, {org}) says {name} was admitted after a fall at home and will be on the ward for at least another week; {he} lives alone and is worried about going home.',
    ],
    matters: ['{name} wants to go home, but “not until I can get to the toilet on my own”.'],
    talk: [
      '{callerShort} said {name} is improving with the physiotherapists and is clear about what {he} wants. {He} has never needed help before. A nephew visits.',
    ],
    next: [
      'Passed to the Hospital team, who will see {name} on the ward this week and stay with {him} until {he} is settled at home.',
    ],
    fullNext: true,
    teamReason:
      'Still on Ward 12 and not ready to go home; the Hospital team will work with {him} on the ward and stay with {him} until {he} is settled at home',
    visit: [
      [
        'Northbridge General Hospital',
        'Met {name} on Ward 12. {He} is walking with a frame and was pleased to tell me so. We talked about home: a bungalow, a cat, a nephew who visits on Sundays. {name} wants to go home when {he} can manage the toilet alone, and agreed to a few weeks of help in the mornings and a pendant alarm while {he} gets {his} strength back.',
        'I will see you on the ward again on Thursday, and be at your home the day you go back.',
      ],
    ],
  },
  manualMoving: {
    key: 'manualMoving',
    special: true,
    outcome: 'passed',
    who: 'family',
    family: ['Son'],
    channels: ['family_or_friend'],
    ages: [75, 92],
    reason: [
      '{caller} ({rel}) says {name} is moving in with {callerFirst} on {street} at the end of the month, because {he} can no longer manage alone.',
    ],
    matters: ['{name} wants to be near {his} grandchildren and “not a burden”.'],
    talk: [
      '{callerFirst} and the family have talked it through with {name}, who wants to move. {name} has Parkinson’s and needs help getting up and with meals. {callerFirst} works from home and can help in the day, but not with everything.',
    ],
    next: [
      'Passed to the South East team, who cover where {name} will live, so the same worker can meet {him} before the move and stay with {him} after.',
    ],
    fullNext: true,
    teamReason:
      'Moving in with {his} son on {street} (NB8) at the end of the month; the South East team covers where {he} will live',
    visit: [
      [
        'By video call',
        'Met {name} and {callerFirst} on a video call before the move. {name} will have the downstairs front room and is looking forward to it, nervous about leaving {his} neighbours. We agreed help in the mornings to get up and washed once {he} has moved, the Parkinson’s group at the Methodist church, and a carer’s conversation for {callerFirst} next month.',
        'I will visit the week after you move, and ring {callerFirst} before then.',
      ],
    ],
  },
  manualDayCentre: {
    key: 'manualDayCentre',
    special: true,
    outcome: 'passed',
    who: 'family',
    family: ['Daughter'],
    channels: ['email'],
    ages: [70, 90],
    reason: [
      '{caller} ({rel}) emailed: {name} spends weekdays at {callerFirst}’s house in NB11 and goes to the day centre there, and needs more help with {his} memory.',
    ],
    matters: ['{name} loves the day centre and wants to keep going.'],
    talk: [
      'Rang {callerFirst} after the email. {name} lives in {his} own flat at weekends but is at {callerFirst}’s from Monday to Friday. The day centre is round the corner from {callerFirst}’s. The family would like one worker who knows both places.',
    ],
    next: ['Passed to the West team, who know the day centre.'],
    fullNext: true,
    teamReason:
      'Spends weekdays at {his} daughter’s in NB11, where {his} day centre is; the family asked for the West team, who know the day centre',
    visit: [
      [
        'At the day centre',
        'Met {name} at the day centre with {callerFirst}. {name} was in the middle of a quiz and very much at home. We talked about the weekends in {his} own flat, which {he} wants to keep. We agreed a weekend check-in call, a clock that shows the day, and that I will talk with the day centre about an extra day.',
        'I will ring {callerFirst} next week about the extra day.',
      ],
    ],
  },
  bathroomLetter: {
    key: 'bathroomLetter',
    special: true,
    outcome: 'passed',
    who: 'person',
    channels: ['drop_in'],
    ages: [45, 70],
    isNew: true,
    reason: ['Distressed by a letter from {his} housing association demanding repairs to {his} bathroom floor.'],
    matters: [
      '“I can’t use the bath. My daughter pours water over me with a jug. I just want to be able to wash and not be frightened of that letter.”',
    ],
    talk: [
      '{name} came to the drop-in holding a letter from {his} housing association demanding work to the bathroom floor. {He} was upset and did not know what to do. As we talked, {he} told me {he} is having treatment for a brain tumour that is affecting {his} eyesight, and that {he} cannot get in and out of the bath: {his} daughter helps {him} and pours water over {him} with a jug. I rang the housing association while {name} was with me, explained {his} illness, and asked them to stop the letters and fit a shower head to the bath taps for now. They agreed.',
    ],
    next: [
      'I will visit you at home this afternoon to look at the bathroom. The housing association will not send any more letters while we work on this. Passed to your locality team, so one worker stays with you from now on and you will not have to tell your story again.',
    ],
    fullNext: true,
    visit: [
      [
        'At home',
        'Visited {name} at home with {his} daughter. The shower head is on and {name} has had a proper wash sitting on a bath board. We talked about what matters: getting through treatment without worrying about the house. The housing association rang while I was there and confirmed in writing that the floor will be done with {name}’s agreement, at no cost to {him}, and that they will look at a level-access shower.',
        'I will ring you on Friday, and come with the occupational therapist when the housing association’s surveyor visits.',
      ],
    ],
  },
};

// ---------------------------------------------------------------------------------------
// Who gets in touch on behalf of someone: professionals by kind. Phone numbers are in
// Ofcom's range for drama; the demo partners are looked up by email.

interface Caller {
  name: string;
  short: string;
  role: string;
  org: string;
  reach: string;
}

const professionals: Record<CallerKind, Caller[]> = {
  gp: [
    {
      name: 'Dr Anita Rao',
      short: 'Dr Rao',
      role: 'GP',
      org: 'Millbrook Surgery',
      reach: '01632 960011 (the surgery; ask for Dr Rao’s secretary)',
    },
    {
      name: 'Dr James Whitfield',
      short: 'Dr Whitfield',
      role: 'GP',
      org: 'Canal Side Medical Practice',
      reach: '01632 960012',
    },
    {
      name: 'Claire Dobson',
      short: 'Claire',
      role: 'practice nurse',
      org: 'Northbridge Health Centre',
      reach: '01632 960013',
    },
    {
      name: 'Yusuf Patel',
      short: 'Yusuf',
      role: 'social prescriber',
      org: 'Eastside Group Practice',
      reach: '01632 960014, or yusuf.patel@example.org',
    },
    { name: 'Dr Helen Okoro', short: 'Dr Okoro', role: 'GP', org: 'Highfield Surgery', reach: '01632 960015' },
  ],
  ward: [
    {
      name: 'Joy Adeyemi',
      short: 'Joy',
      role: 'ward sister',
      org: 'Ward 7, Northbridge General Hospital',
      reach: '01632 960021 (Ward 7)',
    },
    {
      name: 'Gareth Bradshaw',
      short: 'Gareth',
      role: 'discharge coordinator',
      org: 'Northbridge General Hospital',
      reach: '01632 960022',
    },
    {
      name: 'Sean Gallagher',
      short: 'Sean',
      role: 'staff nurse',
      org: 'Acute Medical Unit, Northbridge General Hospital',
      reach: '01632 960024',
    },
  ],
  ward12: [
    {
      name: 'Priti Mehta',
      short: 'Priti',
      role: 'occupational therapist',
      org: 'Ward 12, Northbridge General Hospital',
      reach: '01632 960023 (Ward 12)',
    },
  ],
  nurse: [
    {
      name: 'Olivia Grant',
      short: 'Olivia',
      role: 'district nurse',
      org: 'Northbridge Community Health NHS Trust',
      reach: '01632 960031',
    },
  ],
  ruth: [],
  housing: [
    {
      name: 'Karen Lister',
      short: 'Karen',
      role: 'tenancy support officer',
      org: 'Pennine Housing Association',
      reach: '01632 960032',
    },
  ],
  police: [
    {
      name: 'PC Laura Gibbs',
      short: 'PC Gibbs',
      role: 'police officer',
      org: 'Northbridge neighbourhood policing team',
      reach: '101, quoting PC Gibbs, collar number 4471',
    },
    {
      name: 'PCSO Adam Fairclough',
      short: 'Adam',
      role: 'police community support officer',
      org: 'Northbridge neighbourhood policing team',
      reach: '101, quoting PCSO Fairclough',
    },
  ],
  pharmacy: [
    { name: 'Anne Marsh', short: 'Anne', role: 'pharmacist', org: 'Station Road Pharmacy', reach: '01632 960034' },
    { name: 'Raj Mistry', short: 'Raj', role: 'pharmacist', org: 'Highfield Pharmacy', reach: '01632 960036' },
  ],
  fire: [
    {
      name: 'Dave Kerr',
      short: 'Dave',
      role: 'Safe and Well officer',
      org: 'Northbridge Fire and Rescue Service',
      reach: '01632 960035',
    },
  ],
  connector: [],
};

/** The demo partners, who also get in touch about people they know. */
const partnerCallers: Array<{ email: string; kinds: CallerKind[]; short: string; role: string; org: string }> = [
  {
    email: 'nurse@northbridge.example',
    kinds: ['nurse', 'ruth'],
    short: 'Ruth',
    role: 'district nurse',
    org: 'Northbridge Community Health NHS Trust',
  },
  {
    email: 'housing@northbridge.example',
    kinds: ['housing'],
    short: 'Jamal',
    role: 'housing officer',
    org: 'Northbridge Homes',
  },
  {
    email: 'community@northbridge.example',
    kinds: ['connector'],
    short: 'Kofi',
    role: 'community support worker',
    org: 'Community Connectors, Northbridge Voluntary Action',
  },
];

// ---------------------------------------------------------------------------------------
// New people: names from many backgrounds, as in the demo people, with the languages that go
// with them. Family names written "male|female" take the form that fits.

interface NameSet {
  weight: number;
  f: string[];
  m: string[];
  family: string[];
  languages: string[];
  /** Some of them are new to the country (for the English classes). */
  newcomers?: boolean;
}

const nameSets: NameSet[] = [
  {
    weight: 30,
    f: [
      'Janet',
      'Lorraine',
      'Denise',
      'Wendy',
      'Gillian',
      'Beryl',
      'Mavis',
      'Eileen',
      'Shirley',
      'Amy',
      'Rachel',
      'Dawn',
      'Tracey',
    ],
    m: ['Trevor', 'Malcolm', 'Colin', 'Norman', 'Dennis', 'Stuart', 'Neil', 'Dean', 'Ryan', 'Kevin', 'Barry', 'Terry'],
    family: [
      'Hepworth',
      'Crossley',
      'Greenwood',
      'Sutcliffe',
      'Pickles',
      'Ramsden',
      'Lockwood',
      'Brook',
      'Holroyd',
      'Firth',
      'Atkinson',
      'Bentley',
      'Priestley',
      'Rhodes',
    ],
    languages: [],
  },
  {
    weight: 8,
    f: ['Bushra', 'Farzana', 'Tahira', 'Naseem', 'Shazia'],
    m: ['Shafiq', 'Rizwan', 'Nadeem', 'Ghulam', 'Waqar'],
    family: ['Qureshi', 'Bashir', 'Anwar', 'Raza', 'Siddiqui'],
    languages: ['Urdu', 'Punjabi'],
  },
  {
    weight: 5,
    f: ['Merle', 'Ivy', 'Norma', 'Icilda'],
    m: ['Everton', 'Neville', 'Cecil', 'Aston'],
    family: ['Johnson', 'Lewis', 'Henry', 'Walters', 'McKenzie'],
    languages: [],
  },
  {
    weight: 5,
    f: ['Bożena', 'Danuta', 'Grażyna', 'Iwona'],
    m: ['Zbigniew', 'Wojciech', 'Jerzy', 'Dariusz'],
    family: ['Nowicki|Nowicka', 'Wróbel', 'Jankowski|Jankowska', 'Pawlak'],
    languages: ['Polish'],
    newcomers: true,
  },
  {
    weight: 5,
    f: ['Nora', 'Theresa', 'Maeve', 'Philomena'],
    m: ['Kieran', 'Gerard', 'Francis', 'Dermot'],
    family: ['Doherty', 'Quinn', 'Fitzgerald', 'Gallagher', 'Keane'],
    languages: [],
  },
  {
    weight: 4,
    f: ['Rehana', 'Momtaz', 'Salma'],
    m: ['Harun', 'Faruk', 'Mujibur'],
    family: ['Ali', 'Miah|Begum', 'Ahmed', 'Uddin|Khatun'],
    languages: ['Sylheti', 'Bengali'],
  },
  {
    weight: 3,
    f: ['Fadumo', 'Ubah', 'Ifrah'],
    m: ['Ismail', 'Abdikadir', 'Mahad'],
    family: ['Yusuf', 'Mohamud', 'Nur'],
    languages: ['Somali'],
    newcomers: true,
  },
  {
    weight: 3,
    f: ['Olena', 'Tetiana', 'Nataliia'],
    m: ['Oleksandr', 'Mykola', 'Serhii'],
    family: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko'],
    languages: ['Ukrainian'],
    newcomers: true,
  },
  {
    weight: 3,
    f: ['Rania', 'Huda', 'Lama'],
    m: ['Khaled', 'Omar', 'Bassam'],
    family: ['Al-Hassan', 'Haddad', 'Khalil'],
    languages: ['Arabic'],
    newcomers: true,
  },
  {
    weight: 4,
    f: ['Kiran', 'Jaspreet', 'Harpreet', 'Hansa'],
    m: ['Balwinder', 'Paramjit', 'Kishore', 'Dilip'],
    family: ['Singh|Kaur', 'Dhillon', 'Parmar', 'Solanki'],
    languages: ['Punjabi', 'Gujarati'],
  },
  {
    weight: 2,
    f: ['Ling', 'Mei Ling', 'Siu Wah'],
    m: ['Kin', 'Wing', 'Chi Keung'],
    family: ['Chan', 'Leung', 'Ho', 'Yip'],
    languages: ['Cantonese'],
  },
  {
    weight: 3,
    f: ['Abena', 'Chioma', 'Folake'],
    m: ['Kwesi', 'Emeka', 'Tunde'],
    family: ['Asante', 'Okeke', 'Adebayo', 'Mensah'],
    languages: ['Twi', 'Igbo', 'Yoruba'],
  },
];

/** First names for family members who get in touch about someone new. */
const callerFirstNames = {
  f: ['Sarah', 'Claire', 'Nicola', 'Joanne', 'Michelle', 'Lisa', 'Amina', 'Samina', 'Kasia', 'Sharon', 'Emma', 'Julie'],
  m: ['Paul', 'Mark', 'Gary', 'Imran', 'Darren', 'Tomasz', 'Anthony', 'Richard', 'Adeel', 'Sean', 'Wayne', 'Chris'],
};

const jobs = ['teacher', 'nurse', 'bookkeeper', 'bus driver', 'tailor', 'engineer', 'pharmacist', 'cook'];
const weekdays = ['Friday', 'Saturday', 'Sunday'];

// ---------------------------------------------------------------------------------------
// How many of each, and when.

/** Contacts by channel: the phone most, then the drop-in. */
const channelTargets: Record<ContactChannel, number> = {
  phone: 80,
  drop_in: 38,
  gp: 27,
  hospital: 22,
  family_or_friend: 22,
  professional: 20,
  email: 17,
  self: 13,
  out_of_hours: 11,
};
const RESOLVED = 100;
/** How likely each channel is to be resolved there and then (relative). */
const resolvedPropensity: Record<ContactChannel, number> = {
  phone: 1,
  email: 1,
  drop_in: 2.2,
  self: 1.2,
  family_or_friend: 0.8,
  gp: 0.45,
  professional: 0.35,
  hospital: 0.12,
  out_of_hours: 0.3,
};

/** Contacts still waiting in the teams, received 1 to 10 days ago. */
const waitingPlan: Array<{
  team: string;
  named?: StaffKey;
  channel: ContactChannel;
  days: number;
  newPerson?: boolean;
}> = [
  { team: 'North East locality team', named: 'tom', channel: 'family_or_friend', days: 1.2 },
  { team: 'North East locality team', named: 'tom', channel: 'phone', days: 4.1 },
  { team: 'North East locality team', named: 'aisha', channel: 'email', days: 2.3 },
  { team: 'North East locality team', channel: 'drop_in', days: 6.2, newPerson: true },
  { team: 'North East locality team', channel: 'phone', days: 8.4, newPerson: true },
  { team: 'North East locality team', channel: 'gp', days: 9.6, newPerson: true },
  { team: 'North East locality team', channel: 'phone', days: 3.3 },
  { team: 'South East locality team', named: 'daniel', channel: 'phone', days: 2.6 },
  { team: 'South East locality team', channel: 'hospital', days: 5.3, newPerson: true },
  { team: 'West locality team', named: 'siobhan', channel: 'professional', days: 1.6 },
  { team: 'West locality team', channel: 'phone', days: 7.2, newPerson: true },
  { team: 'North locality team', channel: 'phone', days: 3.7 },
  { team: 'North locality team', channel: 'gp', days: 9.1 },
  { team: 'East locality team', channel: 'email', days: 4.4 },
  { team: 'South locality team', channel: 'out_of_hours', days: 1.4 },
  { team: 'South locality team', channel: 'family_or_friend', days: 6.8 },
  { team: 'Central locality team', channel: 'self', days: 2.9 },
  { team: 'Hospital team', named: 'fatima', channel: 'hospital', days: 1.9 },
];

/** Check backs on resolved contacts: done, due this week on the front door's home pages, overdue, and later. */
const checkBackPlan: Array<{
  kind: 'done' | 'due' | 'overdue' | 'later';
  receiver?: StaffKey;
  dropIn?: boolean;
  n: number;
}> = [
  { kind: 'due', receiver: 'priya', n: 5 },
  { kind: 'overdue', receiver: 'priya', n: 2 },
  { kind: 'due', receiver: 'marcus', dropIn: true, n: 2 },
  { kind: 'overdue', receiver: 'marcus', dropIn: true, n: 1 },
  { kind: 'later', n: 5 },
  { kind: 'done', n: 20 },
];

/** New people among the other contacts: two thirds at the drop-in, a few elsewhere. */
const NEW_AT_DROP_IN = 25;
const NEW_ELSEWHERE = 6;

// ---------------------------------------------------------------------------------------
// Staff, looked up by email as the demo people do.

/** Who in each team takes what is passed to it, and how often. Teams without demo workers take nothing. */
const takers: Record<string, Array<[StaffKey, number]>> = {
  'North East locality team': [
    ['aisha', 5],
    ['tom', 4],
    ['grace', 1],
  ],
  'South East locality team': [
    ['daniel', 4],
    ['wei', 1],
  ],
  'West locality team': [['siobhan', 1]],
  'Hospital team': [['fatima', 1]],
  'Out of Hours': [['sunita', 1]],
};

/** Where the front-door conversation happened, as the contacts form records it. */

// ---------------------------------------------------------------------------------------
// The people contacts are about, as the engine sees them: who they are, and a timeline to
// keep consistent (their conversations, the contacts already made, when they had a named
// worker from).

interface Person {
  id: string;
  given: string;
  family: string;
  preferred: string | null;
  gender: 'f' | 'm';
  age: number | null;
  postcode: string | null;
  address: string | null;
  createdAt: number;
  named: Staff | null;
  /** When the current named worker became the named worker. */
  allocatedAt: number;
  teamId: string | null;
  isNew: boolean;
  eligible: boolean;
  firstLanguage: string | null;
  interpreter: boolean;
  /** When each of their conversations happened, already recorded or added here. */
  convs: number[];
  /** No conversation may be added after this: their last one set a check back the demo people rely on. */
  block: number;
  /** Spans in which no other conversation may fall (from a contact to the first conversation after it). */
  windows: Array<[number, number]>;
  contacts: number[];
  /** No new contact before this: an earlier one is still waiting, or has just been dealt with. */
  busyUntil: number;
  network: Array<{ name: string; relationship: string; phone: string | null; at: number }>;
  /** An existing record that got a named worker from a contact here. */
  becameNamed?: boolean;
  version: number;
  updatedAt: number;
  row?: typeof people.$inferInsert;
}

/** Where a contact was passed, as the contacts service routes it, with the demo worker it went to. */
type Route = ServiceRoute & { worker: Staff | null };

type CheckBackKind = 'done' | 'due' | 'overdue' | 'later';

interface Slot {
  at: number;
  channel: ContactChannel;
  outcome: Outcome;
  /** Passed and not taken yet. */
  waiting: boolean;
  newPerson: boolean;
  /** Waiting: the team it waits in, and the named worker it went to. */
  team?: string;
  named?: StaffKey;
  checkBack?: CheckBackKind;
  receiver?: StaffKey;
  special?: string;
  /** For choosing another time if nobody fits this one. */
  days: [number, number];
}

interface Output {
  people: Array<typeof people.$inferInsert>;
  changes: Array<typeof recordChanges.$inferInsert>;
  conversations: Array<typeof conversations.$inferInsert>;
  contacts: Array<typeof contacts.$inferInsert>;
  notifications: Array<typeof notifications.$inferInsert>;
  handOffs: Array<typeof handOffs.$inferInsert>;
  namedUpdates: Person[];
}

interface Gen {
  rnd: Random;
  ids: Random;
  now: number;
  settings: DemoSettings;
  staff: Record<StaffKey, Staff>;
  managers: Map<string, Staff[]>;
  teamByName: Map<string, { id: string; name: string }>;
  teamName: Map<string, string>;
  prefixes: Map<string, string>;
  teamPrefixes: Map<string, string[]>;
  firstContact: { id: string; name: string };
  outOfHours: { id: string; name: string } | null;
  persons: Person[];
  streets: Map<string, Array<{ street: string; postcode: string }>>;
  partners: Map<CallerKind, Caller[]>;
  usedPhones: Set<string>;
  usedNhs: Set<string>;
  usedNames: Set<string>;
  out: Output;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const called = (p: { preferred: string | null; given: string }) => p.preferred ?? p.given;
const nameOf = (p: Person) => `${called(p)} ${p.family}`;
const fill = (text: string, v: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => v[key] ?? whole);
const bullets = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');

/** A weekday and date as people say it: "Tuesday 14 May". */
function spoken(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/London',
  });
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Loads the demo contacts into a database that has the demo workers, teams, postcode map and people. */
export async function seedDemoContacts(
  db: Db,
  now: Date,
  settings: DemoSettings,
): Promise<{ contacts: number; contactPeople: number }> {
  const [workerRows, teamRows, mapRows, personRows, convRows, allocRows, netRows] = await Promise.all([
    db
      .select({
        id: workers.id,
        email: workers.email,
        name: workers.name,
        jobTitle: workers.jobTitle,
        phone: workers.phone,
        teamId: workers.teamId,
        role: workers.role,
      })
      .from(workers),
    db.select({ id: teams.id, name: teams.name, kind: teams.kind }).from(teams),
    db.select().from(localityPostcodes).orderBy(asc(localityPostcodes.prefix)),
    db
      .select({
        id: people.id,
        givenName: people.givenName,
        familyName: people.familyName,
        preferredName: people.preferredName,
        pronouns: people.pronouns,
        dateOfBirth: people.dateOfBirth,
        nhsNumber: people.nhsNumber,
        address: people.address,
        postcode: people.postcode,
        phone: people.phone,
        firstLanguage: people.firstLanguage,
        interpreterNeeded: people.interpreterNeeded,
        dateOfDeath: people.dateOfDeath,
        namedWorkerId: people.namedWorkerId,
        teamId: people.teamId,
        restricted: people.restricted,
        version: people.version,
        createdAt: people.createdAt,
        updatedAt: people.updatedAt,
      })
      .from(people)
      // In the order they were recorded: their ids are the database's, different on every load.
      .orderBy(asc(people.createdAt), asc(people.familyName), asc(people.givenName), asc(people.dateOfBirth)),
    db
      .select({
        personId: conversations.personId,
        occurredAt: conversations.occurredAt,
        checkBackOn: conversations.checkBackOn,
        narrative: conversations.narrative,
      })
      .from(conversations)
      .orderBy(asc(conversations.personId), asc(conversations.occurredAt)),
    db
      .select({ personId: recordChanges.personId, createdAt: recordChanges.createdAt })
      .from(recordChanges)
      .where(like(recordChanges.summary, '%is now the named worker')),
    db
      .select({
        personId: networkMembers.personId,
        name: networkMembers.name,
        relationship: networkMembers.relationship,
        phone: networkMembers.phone,
        createdAt: networkMembers.createdAt,
      })
      .from(networkMembers)
      .where(isNull(networkMembers.removedAt))
      .orderBy(asc(networkMembers.personId), asc(networkMembers.createdAt), asc(networkMembers.name)),
  ]);

  const staff = demoStaffFrom(workerRows);
  const managers = new Map<string, Staff[]>();
  for (const s of Object.values(staff)) {
    if (s.role === 'team_manager' && s.teamId) managers.set(s.teamId, [...(managers.get(s.teamId) ?? []), s]);
  }
  const partners = new Map<CallerKind, Caller[]>();
  for (const p of partnerCallers) {
    const w = workerRows.find((r) => r.email === p.email);
    if (!w) continue;
    for (const kind of p.kinds)
      partners.set(kind, [
        ...(partners.get(kind) ?? []),
        { name: w.name, short: p.short, role: p.role, org: p.org, reach: w.phone ?? '' },
      ]);
  }
  const firstContact = teamRows.find((t) => t.kind === 'first_contact');
  if (!firstContact) throw new Error('The demo First Contact team is missing: load the demo teams first');
  const outOfHours = teamRows.find((t) => t.kind === 'out_of_hours');

  const g: Gen = {
    rnd: new Random(0xc0de5),
    ids: new Random(0x7a1c),
    now: now.getTime(),
    settings,
    staff,
    managers,
    teamByName: new Map(teamRows.map((t) => [t.name, { id: t.id, name: t.name }])),
    teamName: new Map(teamRows.map((t) => [t.id, t.name])),
    prefixes: new Map(mapRows.map((r) => [r.prefix, r.teamId])),
    teamPrefixes: new Map(),
    firstContact: { id: firstContact.id, name: firstContact.name },
    outOfHours: outOfHours ? { id: outOfHours.id, name: outOfHours.name } : null,
    persons: [],
    streets: new Map(),
    partners,
    usedPhones: new Set([...workerRows, ...personRows, ...netRows].map((r) => r.phone).filter((x): x is string => !!x)),
    usedNhs: new Set(personRows.map((r) => r.nhsNumber).filter((x): x is string => !!x)),
    usedNames: new Set(personRows.map((r) => `${r.givenName} ${r.familyName}`)),
    out: {
      people: [],
      changes: [],
      conversations: [],
      contacts: [],
      notifications: [],
      handOffs: [],
      namedUpdates: [],
    },
  };
  for (const r of mapRows) g.teamPrefixes.set(r.teamId, [...(g.teamPrefixes.get(r.teamId) ?? []), r.prefix]);

  // Streets and their postcodes, from the demo people's addresses: new people are their neighbours.
  for (const r of personRows) {
    if (!r.address || !r.postcode) continue;
    const parts = r.address.split(', ');
    const street = parts[parts.length - 2]?.replace(/^\d+\s+/, '');
    const district = r.postcode.split(' ')[0];
    const list = g.streets.get(district) ?? [];
    if (street && !list.some((s) => s.street === street && s.postcode === r.postcode))
      list.push({ street, postcode: r.postcode });
    g.streets.set(district, list);
  }

  const convsOf = new Map<string, Array<{ at: number; checkBack: boolean; text: string }>>();
  for (const c of convRows) {
    const list = convsOf.get(c.personId) ?? [];
    list.push({ at: new Date(c.occurredAt).getTime(), checkBack: c.checkBackOn !== null, text: c.narrative });
    convsOf.set(c.personId, list);
  }
  const allocatedAt = new Map<string, number>();
  for (const r of allocRows)
    allocatedAt.set(r.personId, Math.max(allocatedAt.get(r.personId) ?? 0, new Date(r.createdAt).getTime()));
  const networkOf = new Map<string, Person['network']>();
  for (const m of netRows)
    networkOf.set(m.personId, [
      ...(networkOf.get(m.personId) ?? []),
      { name: m.name, relationship: m.relationship, phone: m.phone, at: new Date(m.createdAt).getTime() },
    ]);
  const staffById = new Map(Object.values(staff).map((s) => [s.id, s]));

  for (const r of personRows) {
    const convs = (convsOf.get(r.id) ?? []).sort((a, b) => a.at - b.at);
    const text = convs.map((c) => c.text).join(' ');
    const she = (text.match(/\b(she|her|herself)\b/gi) ?? []).length;
    const he = (text.match(/\b(he|him|his|himself)\b/gi) ?? []).length;
    const gender = r.pronouns === 'she/her' ? 'f' : r.pronouns === 'he/him' ? 'm' : she > he ? 'f' : 'm';
    const latest = convs.at(-1);
    const named = r.namedWorkerId ? (staffById.get(r.namedWorkerId) ?? null) : null;
    const createdAt = new Date(r.createdAt).getTime();
    g.persons.push({
      id: r.id,
      given: r.givenName,
      family: r.familyName,
      preferred: r.preferredName,
      gender,
      age: r.dateOfBirth
        ? Math.floor((g.now - new Date(`${r.dateOfBirth}T00:00:00Z`).getTime()) / (365.25 * DAY))
        : null,
      postcode: r.postcode,
      address: r.address,
      createdAt,
      named,
      allocatedAt: allocatedAt.get(r.id) ?? createdAt,
      teamId: r.teamId,
      isNew: false,
      // Not the restricted records, the people who have died, Arthur (whose story is written by
      // hand), anyone whose pronouns the words below do not fit, or anyone with a named worker
      // outside the demo staff.
      eligible:
        !r.restricted &&
        !r.dateOfDeath &&
        r.pronouns !== 'they/them' &&
        (!r.namedWorkerId || !!named) &&
        !(r.givenName === 'Arthur' && r.familyName === 'Pemberton') &&
        (she > 0 || he > 0 || !!r.pronouns),
      firstLanguage: r.firstLanguage,
      interpreter: r.interpreterNeeded,
      convs: convs.map((c) => c.at),
      block: latest?.checkBack ? latest.at : Infinity,
      windows: [],
      contacts: [],
      busyUntil: 0,
      network: networkOf.get(r.id) ?? [],
      version: r.version,
      updatedAt: new Date(r.updatedAt).getTime(),
    });
  }

  buildDemoContacts(g);
  const { out } = g;

  for (const part of chunks(out.people, 100)) await db.insert(people).values(part);
  for (const part of chunks(out.conversations, 150)) await db.insert(conversations).values(part);
  for (const part of chunks(out.contacts, 150)) await db.insert(contacts).values(part);
  for (const part of chunks(out.changes, 300)) await db.insert(recordChanges).values(part);
  for (const part of chunks(out.handOffs, 300)) await db.insert(handOffs).values(part);
  if (out.notifications.length) await db.insert(notifications).values(out.notifications);
  for (const p of out.namedUpdates) {
    await db
      .update(people)
      .set({
        namedWorkerId: p.named!.id,
        teamId: p.named!.teamId,
        version: p.version,
        updatedAt: new Date(p.updatedAt),
      })
      .where(and(eq(people.id, p.id), isNull(people.namedWorkerId)));
  }
  const contactPeople = new Set(out.contacts.map((c) => c.personId)).size;
  return { contacts: out.contacts.length, contactPeople };
}

// ---------------------------------------------------------------------------------------
// The plan: which contacts, when, from which channel, resolved or passed, new or known.

/** Districts whose locality teams have demo workers to take what is passed to them. */
const takenDistricts: Array<[string, number]> = [
  ['NB3', 3],
  ['NB4', 3],
  ['NB7', 2],
  ['NB8', 2],
  ['NB11', 2],
  ['NB12', 1],
];

interface SpecialPlan {
  special: string;
  channel: ContactChannel;
  /** Days ago; 0 means forty minutes ago. */
  days: number;
  /** Just after the teams' hours that day. */
  afterHours?: boolean;
  waiting?: boolean;
  receiver: StaffKey;
}

const specialPlan: SpecialPlan[] = [
  { special: 'crisisWaiting', channel: 'family_or_friend', days: 0, waiting: true, receiver: 'priya' },
  { special: 'crisisTaken', channel: 'phone', days: 74, receiver: 'priya' },
  { special: 'crisisLate', channel: 'phone', days: 9, afterHours: true, receiver: 'priya' },
  { special: 'crisisGp', channel: 'gp', days: 19, receiver: 'priya' },
  { special: 'abuse', channel: 'professional', days: 33, receiver: 'priya' },
  { special: 'outOfArea', channel: 'phone', days: 3, waiting: true, receiver: 'priya' },
  { special: 'noFixedAddress', channel: 'drop_in', days: 6, waiting: true, receiver: 'marcus' },
  { special: 'decidedSister', channel: 'self', days: 48, receiver: 'priya' },
  { special: 'decidedQuay', channel: 'phone', days: 81, receiver: 'marcus' },
  { special: 'manualHospital', channel: 'hospital', days: 27, receiver: 'priya' },
  { special: 'manualMoving', channel: 'family_or_friend', days: 62, receiver: 'priya' },
  { special: 'manualDayCentre', channel: 'email', days: 95, receiver: 'marcus' },
  { special: 'bathroomLetter', channel: 'drop_in', days: 15, receiver: 'marcus' },
];

function buildDemoContacts(g: Gen) {
  const { rnd } = g;
  const slots: Slot[] = [];

  for (const s of specialPlan) {
    const at =
      s.days === 0
        ? g.now - 40 * MINUTE
        : s.afterHours
          ? afterHours(g, s.days)
          : workTime(g, s.days + rnd.between(-2, 2));
    slots.push({
      at,
      channel: s.channel,
      outcome: 'passed',
      waiting: !!s.waiting,
      newPerson: false,
      special: s.special,
      receiver: s.receiver,
      days: [s.days, s.days],
    });
  }
  for (const w of waitingPlan) {
    slots.push({
      at: workTime(g, w.days),
      channel: w.channel,
      outcome: 'passed',
      waiting: true,
      newPerson: !!w.newPerson,
      team: w.team,
      named: w.named,
      days: [w.days, w.days],
    });
  }

  // The rest, channel by channel: what is left of each channel's share.
  const pool: ContactChannel[] = [];
  for (const [channel, target] of Object.entries(channelTargets) as Array<[ContactChannel, number]>) {
    const used = slots.filter((s) => s.channel === channel).length;
    for (let i = 0; i < target - used; i++) pool.push(channel);
  }
  const general: Slot[] = rnd
    .shuffle(pool)
    .map((channel) => ({ at: 0, channel, outcome: 'passed', waiting: false, newPerson: false, days: [1.5, 120] }));
  // Resolved there and then: a weighted draw without replacement, so the drop-in resolves most.
  const keyed = general
    .map((s) => ({ s, key: Math.pow(rnd.float(), 1 / resolvedPropensity[s.channel]) }))
    .sort((a, b) => b.key - a.key);
  for (const { s } of keyed.slice(0, RESOLVED)) {
    s.outcome = 'resolved';
    s.days = [0.2, 120];
  }
  const resolved = general.filter((s) => s.outcome === 'resolved');
  for (const plan of checkBackPlan) {
    const fits = resolved.filter(
      (s) => !s.checkBack && (plan.dropIn ? s.channel === 'drop_in' : plan.receiver ? s.channel !== 'drop_in' : true),
    );
    for (const s of fits.slice(0, plan.n)) {
      s.checkBack = plan.kind;
      s.receiver = plan.receiver;
      s.days =
        plan.kind === 'done' ? [13, 120] : plan.kind === 'due' ? [4, 18] : plan.kind === 'overdue' ? [9, 25] : [2, 16];
    }
  }
  // New people: most of them at the drop-in, resolved there; a few passed, and a few elsewhere.
  const dropIn = general.filter((s) => s.channel === 'drop_in');
  const dropInNew = [
    ...dropIn.filter((s) => s.outcome === 'resolved' && !s.checkBack).slice(0, NEW_AT_DROP_IN - 4),
    ...dropIn.filter((s) => s.outcome === 'passed').slice(0, 3),
    ...dropIn.filter((s) => s.checkBack === 'due').slice(0, 1),
  ];
  for (const s of dropInNew) s.newPerson = true;
  const elsewhere = general.filter(
    (s) =>
      s.channel !== 'drop_in' &&
      !s.checkBack &&
      ['phone', 'family_or_friend', 'email', 'self', 'gp', 'hospital'].includes(s.channel),
  );
  for (const s of [
    ...elsewhere.filter((s) => s.outcome === 'resolved').slice(0, NEW_ELSEWHERE / 2),
    ...elsewhere.filter((s) => s.outcome === 'passed').slice(0, NEW_ELSEWHERE / 2),
  ])
    s.newPerson = true;
  for (const s of general) s.at = workTime(g, rnd.between(s.days[0], s.days[1]));
  slots.push(...general);

  // The hand-written and waiting contacts choose their people first; then the rest, in time
  // order, so that a named worker given by one contact is the named worker for the next.
  slots.sort((a, b) => Number(!(a.special || a.team)) - Number(!(b.special || b.team)) || a.at - b.at);
  // A contact nobody fits, even at other times, is left out: the demo is a little smaller, never wrong.
  for (const slot of slots) {
    let done = place(g, slot);
    for (let attempt = 0; !done && !slot.special && !slot.team && attempt < 6; attempt++) {
      slot.at = workTime(g, rnd.between(slot.days[0], slot.days[1]));
      done = place(g, slot);
    }
  }

  // Whether Hearth knew the person: an earlier conversation or contact, as the contacts form works it out.
  const byPerson = new Map(g.persons.map((p) => [p.id, p]));
  for (const c of g.out.contacts) {
    const p = byPerson.get(c.personId)!;
    const at = c.receivedAt.getTime();
    c.personWasKnown = p.convs.some((x) => x < at) || p.contacts.some((x) => x < at);
  }
  g.out.namedUpdates = g.persons.filter((p) => p.becameNamed);
}

const ukClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** The minute of the day in UK time, as the teams' hours are. */
function ukMinute(t: number): number {
  const [h, m] = ukClock.format(new Date(t)).split(':').map(Number);
  return h * 60 + m;
}
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const addDays = (iso: string, n: number) => isoDay(Date.parse(`${iso}T12:00:00Z`) + n * DAY);
const teamDay = (g: Gen, iso: string) => g.settings.teamHours.days.includes(new Date(`${iso}T12:00:00Z`).getUTCDay());
function nextTeamDay(g: Gen, iso: string): string {
  let day = addDays(iso, 1);
  while (!teamDay(g, day)) day = addDays(day, 1);
  return day;
}

/** A time in the teams' hours (UK time) `days` before now, and never in the future. */
function workTime(g: Gen, days: number): number {
  const { startMinute, endMinute } = g.settings.teamHours;
  const hours = Math.max(1, Math.floor((endMinute - startMinute) / 60));
  const minute = Math.min(endMinute - 1, startMinute + 60 * g.rnd.int(0, hours - 1) + g.rnd.int(0, 59));
  let day = ukToday(new Date(g.now - days * DAY));
  // Outside the teams' days: a Saturday's contact came the day before, a Sunday's the day after.
  if (!teamDay(g, day)) day = teamDay(g, addDays(day, -1)) ? addDays(day, -1) : nextTeamDay(g, day);
  const at = ukTime(day, hhmm(minute)).getTime();
  const latest = g.now - 30 * MINUTE;
  return at > latest ? latest - g.rnd.int(0, 90) * MINUTE : at;
}

/** A time after the teams' hours, on a working day about `days` before now. */
function afterHours(g: Gen, days: number): number {
  let day = ukToday(new Date(g.now - days * DAY));
  if (!teamDay(g, day)) day = nextTeamDay(g, day);
  return ukTime(day, hhmm(Math.min(24 * 60 - 1, g.settings.teamHours.endMinute + g.rnd.int(20, 50)))).getTime();
}

/** A weekday between `lo` and `hi` days after `from`, as a date. */
function weekdayBetween(g: Gen, from: number, lo: number, hi: number): string {
  const days = Array.from({ length: hi - lo + 1 }, (_, i) => from + (lo + i) * DAY).filter(
    (ms) => ![0, 6].includes(new Date(ms).getUTCDay()),
  );
  return isoDay(days.length ? g.rnd.pick(days) : from + lo * DAY);
}

/** The next moment in the teams' hours at or after `t`. */
function working(g: Gen, t: number): number {
  if (withinTeamHours(g.settings.teamHours, new Date(t))) return t;
  const { startMinute } = g.settings.teamHours;
  const today = ukToday(new Date(t));
  if (teamDay(g, today) && ukMinute(t) < startMinute)
    return ukTime(today, hhmm(startMinute + g.rnd.int(0, 60))).getTime();
  return ukTime(nextTeamDay(g, today), hhmm(startMinute + g.rnd.int(0, 90))).getTime();
}

/**
 * When a contact nobody has taken goes to the team managers, as the contacts service's checks
 * (run every minute) send it: urgent ones after the allowed time, others after the working days
 * allowed. Null if it was taken, or `until` came, first.
 */
function escalation(g: Gen, receivedAt: number, urgent: boolean, until: number): number | null {
  const { urgentEscalationMs, waitingEscalationDays } = g.settings;
  if (urgent) {
    const at = receivedAt + urgentEscalationMs + MINUTE;
    return at <= until ? at : null;
  }
  const waitedTooLong = (t: number) => workingDaysBefore(new Date(t), waitingEscalationDays).getTime() > receivedAt;
  if (until - receivedAt <= waitingEscalationDays * DAY || !waitedTooLong(until)) return null;
  // The first whole minute at which it has waited longer than the working days allowed.
  let lo = receivedAt;
  let hi = until;
  while (hi - lo > MINUTE) {
    const mid = Math.floor((lo + hi) / 2);
    if (waitedTooLong(mid)) hi = mid;
    else lo = mid;
  }
  const at = Math.ceil(hi / MINUTE) * MINUTE;
  return at < until ? at : null;
}

// ---------------------------------------------------------------------------------------
// Routing: the contacts service's rule (chooseRoute), with what was known when the contact came in.

function localityFor(g: Gen, postcode: string | null): { teamId: string; teamName: string; prefix: string } | null {
  if (!postcode) return null;
  const [outward, inward] = postcode.split(' ');
  const area = outward.match(/^[A-Z]+/)?.[0] ?? outward;
  for (const prefix of [`${outward} ${inward?.[0] ?? ''}`, outward, area]) {
    const teamId = g.prefixes.get(prefix);
    if (teamId) return { teamId, teamName: g.teamName.get(teamId)!, prefix };
  }
  return null;
}

/** Where a contact about them at `at` goes: their named worker is the one they had then. */
function routeFor(g: Gen, p: Person, at: number, urgent: boolean): Route {
  const named = p.named && p.allocatedAt < at ? p.named : null;
  const route = chooseRoute({
    urgentOutOfHours: urgent && !withinTeamHours(g.settings.teamHours, new Date(at)),
    teamHoursLabel: g.settings.teamHours.label,
    postcode: p.postcode,
    locality: localityFor(g, p.postcode),
    named: named && {
      id: named.id,
      name: named.name,
      teamId: named.teamId,
      teamName: g.teamName.get(named.teamId ?? '') ?? null,
    },
    outOfHours: g.outOfHours,
    firstContact: g.firstContact,
  });
  return { ...route, worker: route.workerId ? named : null };
}

function teamRoute(g: Gen, teamName: string, routing: Route['routing'], reason: string): Route {
  const team = g.teamByName.get(teamName)!;
  return { routing, teamId: team.id, teamName: team.name, workerId: null, workerName: null, worker: null, reason };
}

/** Who takes a contact passed to a team; null when the team has no demo workers. */
function takerFor(g: Gen, route: Route): Staff | null {
  if (route.worker) return route.worker;
  const options = takers[route.teamName ?? ''];
  return options ? g.staff[g.rnd.weighted(options)] : null;
}

function receiverFor(g: Gen, slot: Slot): Staff {
  const key: StaffKey =
    slot.receiver ??
    (slot.channel === 'drop_in'
      ? g.rnd.weighted<StaffKey>([
          ['marcus', 8],
          ['priya', 1],
          ['aisha', 0.5],
          ['tom', 0.5],
        ])
      : slot.channel === 'hospital'
        ? g.rnd.weighted<StaffKey>([
            ['priya', 5],
            ['marcus', 2],
            ['fatima', 3],
          ])
        : g.rnd.weighted<StaffKey>([
            ['priya', 6],
            ['marcus', 2.5],
            ['tom', 0.4],
            ['aisha', 0.4],
            ['daniel', 0.4],
            ['siobhan', 0.4],
            ['grace', 0.2],
            ['wei', 0.1],
          ]));
  // Anyone can take a contact; what is passed on is mostly passed on by the front door.
  if (slot.outcome === 'passed' && g.staff[key].role !== 'front_door')
    return g.staff[slot.channel === 'drop_in' ? 'marcus' : 'priya'];
  return g.staff[key];
}

// ---------------------------------------------------------------------------------------
// Placing one contact: who it is about, what it says, what became of it.

interface Times {
  takenAt: number | null;
  visitAt: number | null;
  checkBackOn: string | null;
  doneAt: number | null;
  decidedTeam?: string;
  /** The worker who takes it, when it is not left to chance. */
  taker?: StaffKey;
}

function place(g: Gen, slot: Slot): boolean {
  if (slot.special) return placeSpecial(g, slot);
  const receiver = receiverFor(g, slot);
  const scenarios = (slot.outcome === 'resolved' ? resolvedScenarios : passedScenarios).filter((s) =>
    s.channels.includes(slot.channel),
  );

  if (slot.newPerson) {
    const options = scenarios.filter((s) => !s.named);
    if (!options.length) return false;
    const s = g.rnd.pick(options);
    const district = slot.team
      ? g.rnd.pick(g.teamPrefixes.get(g.teamByName.get(slot.team)!.id)!)
      : slot.outcome === 'passed'
        ? g.rnd.weighted(takenDistricts)
        : g.rnd.weighted(districtWeights);
    const p = newPerson(g, slot.at, receiver, { ages: s.ages, district, language: s.language });
    const route = slot.outcome === 'passed' ? routeFor(g, p, slot.at, isUrgent(s)) : null;
    const times = timesFor(g, slot, route, s);
    if (!times) return false;
    write(g, slot, p, s, route, receiver, times);
    return true;
  }

  const candidates = g.rnd.shuffle(
    g.persons.filter((p) => p.eligible && p.createdAt + 30 * MINUTE < slot.at && p.busyUntil <= slot.at),
  );
  // Mostly people with no contact yet; now and then someone who got in touch before (often someone new).
  if (g.rnd.chance(0.12))
    candidates.sort((a, b) => Number(b.isNew) - Number(a.isNew) || b.contacts.length - a.contacts.length);
  else candidates.sort((a, b) => a.contacts.length - b.contacts.length);
  for (const p of candidates.slice(0, 80)) {
    // None of the scenarios drawn here is urgent (the urgent ones are written by hand, below).
    const route = slot.outcome === 'passed' ? routeFor(g, p, slot.at, false) : null;
    if (route) {
      // Before their named worker was given (or before a hand-off), who held them then is not
      // known here: pass only what came after.
      if (p.named && p.allocatedAt >= slot.at) continue;
      if (slot.waiting) {
        if (
          slot.named ? route.worker?.key !== slot.named : route.routing !== 'postcode' || route.teamName !== slot.team
        )
          continue;
      } else if (!route.worker && !(route.routing === 'postcode' && takers[route.teamName ?? ''])) continue;
    }
    let options = scenarios.filter(
      (s) =>
        !s.isNew &&
        (!s.named || route?.routing === 'named_worker') &&
        (!s.language || (p.firstLanguage && p.firstLanguage !== 'English')),
    );
    const ageFits = options.filter((s) => p.age === null || (p.age >= s.ages[0] && p.age <= s.ages[1]));
    if (ageFits.length) options = ageFits;
    else options = options.filter((s) => s.ages[0] <= 18 && s.ages[1] >= 100);
    if (!options.length) continue;
    const s = g.rnd.weighted(options.map((o) => [o, o.named ? 2 : 1] as const));
    const times = timesFor(g, slot, route, s);
    if (!times || !fits(g, p, slot, times)) continue;
    write(g, slot, p, s, route, receiver, times);
    return true;
  }
  // A team's queue with nobody known to fill it: someone new.
  if (slot.waiting && !slot.named && !slot.newPerson) {
    slot.newPerson = true;
    return place(g, slot);
  }
  return false;
}

function timesFor(g: Gen, slot: Slot, route: Route | null, s: Scenario): Times | null {
  const { rnd } = g;
  const t: Times = { takenAt: null, visitAt: null, checkBackOn: null, doneAt: null };
  if (slot.outcome === 'resolved') {
    if (slot.checkBack === 'done') {
      const maxDays = Math.floor((g.now - slot.at) / DAY) - 2;
      if (maxDays < 7) return null;
      t.checkBackOn = weekdayBetween(g, slot.at, 7, Math.min(21, maxDays));
      const d = new Date(`${t.checkBackOn}T00:00:00Z`);
      d.setUTCHours(rnd.int(9, 15), rnd.int(0, 59));
      t.doneAt = Math.min(d.getTime(), g.now - 2 * HOUR);
    } else if (slot.checkBack === 'due') t.checkBackOn = weekdayBetween(g, g.now, 0, 6);
    else if (slot.checkBack === 'overdue') t.checkBackOn = weekdayBetween(g, g.now, -6, -1);
    else if (slot.checkBack === 'later') t.checkBackOn = weekdayBetween(g, g.now, 9, 21);
    return t;
  }
  if (slot.waiting || !route) return t;
  if (isUrgent(s)) {
    t.takenAt = slot.at + rnd.int(15, 40) * MINUTE;
    t.visitAt = t.takenAt + rnd.int(30, 120) * MINUTE;
  } else if (route.routing === 'named_worker') {
    t.takenAt = working(
      g,
      slot.at +
        rnd.weighted<number>([
          [rnd.between(0.3, 4) * HOUR, 6],
          [rnd.between(4, 24) * HOUR, 3],
          [rnd.between(1, 2) * DAY, 1],
        ]),
    );
    t.visitAt = working(
      g,
      t.takenAt +
        rnd.weighted<number>([
          [rnd.between(1, 5) * HOUR, 5],
          [rnd.between(5, 30) * HOUR, 4],
          [rnd.between(1.5, 3) * DAY, 1],
        ]),
    );
  } else {
    t.takenAt = working(
      g,
      slot.at +
        rnd.weighted<number>([
          [rnd.between(1, 6) * HOUR, 4],
          [rnd.between(6, 30) * HOUR, 4],
          [rnd.between(1.5, 4) * DAY, 2],
        ]),
    );
    t.visitAt = working(
      g,
      t.takenAt +
        rnd.weighted<number>([
          [rnd.between(2, 6) * HOUR, 4],
          [rnd.between(6, 48) * HOUR, 4],
          [rnd.between(2, 3) * DAY, 2],
        ]),
    );
  }
  const latest = g.now - 15 * MINUTE;
  if (t.visitAt > latest) {
    if (latest - slot.at < HOUR) return null;
    t.takenAt = slot.at + (latest - slot.at) * rnd.between(0.15, 0.35);
    t.visitAt = slot.at + (latest - slot.at) * rnd.between(0.6, 0.95);
  }
  return t;
}

/** Whether a contact at this time, with these conversations, fits what is already in the person's story. */
function fits(g: Gen, p: Person, slot: Slot, t: Times): boolean {
  if (p.contacts.some((c) => Math.abs(c - slot.at) < 2 * DAY)) return false;
  const added = [slot.at, t.visitAt, t.doneAt ? t.doneAt - 5 * MINUTE : null].filter((x): x is number => x !== null);
  for (const x of added) {
    if (x >= p.block || x >= g.now || x <= p.createdAt) return false;
    if (p.windows.some(([a, b]) => x > a && x < b)) return false;
  }
  const window = windowOf(slot, t);
  if (window && p.convs.some((x) => x > window[0] && x < window[1])) return false;
  return true;
}

/** The span in which nothing else may happen: to the first conversation after the contact, or for good while it waits. */
function windowOf(slot: Slot, t: Times): [number, number] | null {
  if (slot.outcome === 'passed') return [slot.at, t.visitAt ?? Infinity];
  if (slot.checkBack && slot.checkBack !== 'done') return [slot.at, Infinity];
  return null;
}

// ---------------------------------------------------------------------------------------
// Someone new, registered by the contact itself.

interface NewPersonOptions {
  ages: [number, number];
  district?: string;
  /** A postcode and address outside the map, or none at all. */
  place?: { postcode: string | null; address: string | null };
  language?: boolean;
  gender?: 'f' | 'm';
}

function newPerson(g: Gen, at: number, receiver: Staff, o: NewPersonOptions): Person {
  const { rnd } = g;
  const sets = o.language ? nameSets.filter((s) => s.newcomers) : nameSets;
  const set = rnd.weighted(sets.map((s) => [s, s.weight] as const));
  const gender = o.gender ?? (rnd.chance(0.57) ? 'f' : 'm');
  let given = '';
  let family = '';
  for (let i = 0; i < 50; i++) {
    given = rnd.pick(gender === 'f' ? set.f : set.m);
    const [male, female] = rnd.pick(set.family).split('|');
    family = gender === 'f' && female ? female : male;
    if (!g.usedNames.has(`${given} ${family}`)) break;
  }
  g.usedNames.add(`${given} ${family}`);
  const age = pickAge(g, o.ages);

  const { postcode, address } = o.place ?? homeIn(g, o.district ?? rnd.weighted(districtWeights));
  const language = set.languages.length ? rnd.pick(set.languages) : null;
  const firstLanguage =
    language && (o.language || rnd.chance(age >= 60 ? 0.6 : 0.25)) ? language : rnd.chance(0.35) ? 'English' : null;
  const interpreter =
    firstLanguage !== null && firstLanguage !== 'English' && rnd.chance(o.language ? 0.85 : age >= 60 ? 0.5 : 0.15);
  const phone = rnd.chance(0.8) ? unusedPhone(g, age < 60 || rnd.chance(0.3) ? 'mobile' : 'landline') : null;
  const createdAt = at - rnd.int(6, 15) * MINUTE;
  const dob = new Date(g.now);
  dob.setUTCFullYear(dob.getUTCFullYear() - age);
  const p: Person = {
    id: g.ids.uuid(),
    given,
    family,
    preferred: null,
    gender,
    age,
    postcode,
    address,
    createdAt,
    named: null,
    allocatedAt: Infinity,
    teamId: null,
    isNew: true,
    eligible: true,
    firstLanguage,
    interpreter,
    convs: [],
    block: Infinity,
    windows: [],
    contacts: [],
    busyUntil: 0,
    network: [],
    version: 1,
    updatedAt: createdAt,
  };
  p.row = {
    id: p.id,
    givenName: given,
    familyName: family,
    dateOfBirth: rnd.chance(0.95) ? isoDay(dob.getTime() - rnd.int(1, 364) * DAY) : null,
    // Not everyone knows their NHS number at a drop-in.
    nhsNumber: rnd.chance(0.55) ? nhsNumber(g) : null,
    address,
    postcode,
    phone,
    firstLanguage,
    interpreterNeeded: interpreter,
    communicationNeeds: age >= 80 && rnd.chance(0.2) ? ['large_print'] : [],
    createdBy: receiver.id,
    createdAt: new Date(createdAt),
    updatedAt: new Date(createdAt),
  };
  g.persons.push(p);
  g.out.people.push(p.row);
  g.out.changes.push({
    id: g.ids.uuid(),
    personId: p.id,
    summary: 'Record created',
    changedBy: receiver.id,
    createdAt: new Date(createdAt),
  });
  return p;
}

/** A home on a street where demo people already live, sharing their postcodes as neighbours do. */
function homeIn(g: Gen, district: string): { postcode: string; address: string } {
  const { rnd } = g;
  const home = rnd.pick(g.streets.get(district) ?? [{ street: 'Station Road', postcode: `${district} 1AB` }]);
  const address = rnd.chance(0.25)
    ? `Flat ${rnd.int(1, 30)}, ${rnd.pick(['Linden Court', 'Sycamore House', 'Weavers Court'])}, ${home.street}, Northbridge`
    : `${rnd.int(1, 180)} ${home.street}, Northbridge`;
  return { postcode: home.postcode, address };
}

/** An age in the range, mostly older people, as in adult social care. */
function pickAge(g: Gen, [lo, hi]: [number, number]): number {
  const bands: Array<readonly [readonly [number, number], number]> = [
    [[18, 29], 8],
    [[30, 49], 13],
    [[50, 64], 15],
    [[65, 79], 28],
    [[80, 89], 26],
    [[90, 100], 5],
  ];
  const fitting = bands
    .map(([[a, b], w]) => [[Math.max(a, lo), Math.min(b, hi)], w] as const)
    .filter(([[a, b]]) => a <= b);
  const [a, b] = g.rnd.weighted(fitting);
  return g.rnd.int(a, b);
}

/** A drama number (Ofcom's ranges) nobody in the demo has yet. */
function unusedPhone(g: Gen, kind: 'mobile' | 'landline'): string | null {
  for (let i = 0; i < 200; i++) {
    const n =
      kind === 'mobile'
        ? `07700 900${String(g.rnd.int(0, 999)).padStart(3, '0')}`
        : `01632 960${String(g.rnd.int(200, 999))}`;
    if (!g.usedPhones.has(n)) {
      g.usedPhones.add(n);
      return n;
    }
  }
  return null;
}

const nhsNumber = (g: Gen) => demoNhsNumber(g.rnd, g.usedNhs);

// ---------------------------------------------------------------------------------------
// Who got in touch, and how to reach them.

interface Contactor {
  contactName: string | null;
  contactRelationship: string | null;
  contactReach: string | null;
  vars: Record<string, string>;
}

const femaleRelations = ['Daughter', 'Wife', 'Sister'];
const maleRelations = ['Son', 'Husband', 'Brother'];

/** A name's given part: without a title such as "Dr", and without the family name. */
const givenPart = (name: string) =>
  name
    .replace(/^(Dr|PC|PCSO) /, '')
    .split(' ')
    .slice(0, -1)
    .join(' ');

/** Whoever gets in touch has a name of their own: not the person's, nor one of their network's. */
function otherThan<T>(options: readonly T[], taken: string[], given: (o: T) => string): T[] {
  const free = options.filter((o) => !taken.includes(given(o)));
  return free.length ? free : [...options];
}

function contactorFor(g: Gen, s: Scenario, p: Person, channel: ContactChannel, at: number): Contactor {
  const { rnd } = g;
  if (s.who === 'person') return { contactName: null, contactRelationship: null, contactReach: null, vars: {} };
  const own = [p.given, ...(p.preferred ? [p.preferred] : [])];
  if (s.who === 'professional') {
    const pool = (s.callers ?? []).flatMap((k) => [...professionals[k], ...(g.partners.get(k) ?? [])]);
    const c = rnd.pick(otherThan(pool, own, (x) => givenPart(x.name)));
    return {
      contactName: c.name,
      contactRelationship: `${cap(c.role)}, ${c.org}`,
      contactReach: c.reach,
      vars: { caller: c.name, callerShort: c.short, callerFirst: c.short, role: c.role, org: c.org },
    };
  }
  // Family, friends and neighbours: someone from their network if they have the right one.
  const wanted = s.family ?? ['Daughter', 'Son'];
  const known = p.network.filter((m) => m.at < at && wanted.includes(m.relationship));
  known.sort((a, b) => wanted.indexOf(a.relationship) - wanted.indexOf(b.relationship));
  let name: string;
  let relationship: string;
  let phone: string | null;
  let rel: string;
  if (known.length && rnd.chance(0.9)) {
    const m = rnd.chance(0.7) ? known[0] : rnd.pick(known);
    name = m.name;
    relationship = m.relationship;
    phone = m.phone;
    rel = relationship === 'Other family' ? 'relative' : relationship.toLowerCase();
  } else {
    const age = p.age ?? 70;
    const plausible = wanted.filter(
      (r) =>
        !((r === 'Daughter' || r === 'Son') && age < 40) &&
        !(r === 'Parent' && age >= 60) &&
        !(r === 'Grandchild' && age < 65),
    );
    relationship = rnd.pick(plausible.length ? plausible : wanted);
    const gender = femaleRelations.includes(relationship)
      ? 'f'
      : maleRelations.includes(relationship)
        ? 'm'
        : rnd.chance(0.6)
          ? 'f'
          : 'm';
    const sameFamily =
      !['Neighbour', 'Friend'].includes(relationship) && !(relationship === 'Daughter' && rnd.chance(0.4));
    const familyName = sameFamily ? p.family : rnd.pick(rnd.pick(nameSets).family).split('|')[0];
    name = `${rnd.pick(otherThan(callerFirstNames[gender], [...own, ...p.network.map((m) => givenPart(m.name))], (n) => n))} ${familyName}`;
    phone = unusedPhone(g, 'mobile');
    rel =
      relationship === 'Parent'
        ? gender === 'f'
          ? 'mum'
          : 'dad'
        : relationship === 'Other family'
          ? gender === 'f'
            ? 'niece'
            : 'nephew'
          : relationship.toLowerCase();
    if (relationship === 'Other family') relationship = cap(rel);
    if (relationship === 'Parent') relationship = cap(rel);
  }
  const first = name.split(' ')[0];
  const email = `${first
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()}.${name
    .split(' ')
    .slice(1)
    .join('')
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()}@example.com`;
  const reach =
    channel === 'email'
      ? `${email}${phone ? `, or ${phone}` : ''}`
      : phone
        ? `${phone}${rnd.chance(0.3) ? rnd.pick(['; best after 5pm', '; works nights, so text first', '; any time']) : ''}`
        : email;
  return {
    contactName: name,
    contactRelationship: relationship === 'Other family' ? 'Relative' : relationship,
    contactReach: reach,
    vars: { caller: name, callerFirst: first, callerShort: first, rel },
  };
}

function varsFor(g: Gen, p: Person, extra: Record<string, string>): Record<string, string> {
  const f = p.gender === 'f';
  const lang = p.firstLanguage && p.firstLanguage !== 'English' ? p.firstLanguage : 'their own language';
  return {
    name: called(p),
    full: `${p.given} ${p.family}`,
    he: f ? 'she' : 'he',
    him: f ? 'her' : 'him',
    his: f ? 'her' : 'his',
    himself: f ? 'herself' : 'himself',
    He: f ? 'She' : 'He',
    His: f ? 'Her' : 'His',
    lang,
    viaInterpreter: p.interpreter ? ` We talked through a ${lang} interpreter on the phone.` : '',
    job: g.rnd.pick(jobs),
    weekday: g.rnd.pick(weekdays),
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------
// Writing a contact and the conversations that go with it.

function write(
  g: Gen,
  slot: Slot,
  p: Person,
  s: Scenario,
  route: Route | null,
  receiver: Staff,
  t: Times,
  extra: Record<string, string> = {},
) {
  const { rnd, ids, out } = g;
  const contactor = contactorFor(g, s, p, slot.channel, slot.at);
  const taker = route && t.takenAt !== null ? (t.taker ? g.staff[t.taker] : takerFor(g, route)) : null;
  const v = varsFor(g, p, {
    worker: route?.worker?.name ?? p.named?.name ?? 'their named worker',
    workerFirst: (route?.worker?.name ?? p.named?.name ?? 'their named worker').split(' ')[0],
    team: route?.teamName ?? 'locality team',
    workerPhone: receiver.phone,
    takerPhone: taker?.phone ?? receiver.phone,
    ...contactor.vars,
    ...extra,
  });
  const f = (text: string) => fill(text, v);
  const urgency = s.urgency ?? 'none';
  const urgent = urgency !== 'none';
  const matters = f(rnd.pick(s.matters));

  let whatHappensNext = f(rnd.pick(s.next));
  if (!s.fullNext) {
    if (slot.outcome === 'resolved') whatHappensNext += ` ${f(resolvedTail(g, s, slot, t))}`;
    else if (route) whatHappensNext += ` ${f(passedTail(route, s.who))}`;
  }
  const detail = slot.outcome === 'resolved' ? f(rnd.pick(s.detail ?? ['Gave information and advice.'])) : null;

  // The front-door conversation: always when resolved; usually when passed, less often when a professional passed it on.
  const hasTalk =
    slot.outcome === 'resolved' ||
    urgent ||
    !!s.special ||
    rnd.chance(s.who === 'professional' ? 0.5 : s.who === 'family' && slot.channel === 'email' ? 0.5 : 0.9);
  let conversationId: string | null = null;
  if (hasTalk) {
    conversationId = ids.uuid();
    out.conversations.push({
      id: conversationId,
      personId: p.id,
      kind: urgent ? 'crisis' : 'listen_and_connect',
      occurredAt: new Date(slot.at),
      place: channelPlace[slot.channel],
      participants: contactor.contactName
        ? `${contactor.contactName}${contactor.contactRelationship ? ` (${contactor.contactRelationship})` : ''}`
        : null,
      narrative: f(rnd.pick(s.talk)),
      whatMatters: matters,
      agreed: detail,
      whatHappensNext,
      // The check back belongs to the contact, as the app records it; the conversation has none.
      checkBackOn: null,
      authorId: receiver.id,
      teamId: receiver.teamId,
      createdAt: new Date(slot.at),
    });
    p.convs.push(slot.at);
  }

  let version = 1;
  let routing: Route['routing'] | null = route?.routing ?? null;
  let routingReason = route?.reason ?? null;
  let teamId = route?.teamId ?? null;
  if (t.decidedTeam && s.teamReason) {
    // First Contact decided where it goes: recorded as a manual choice with the decision.
    const team = g.teamByName.get(t.decidedTeam)!;
    teamId = team.id;
    routing = 'manual';
    routingReason = `Decided by First Contact: ${f(s.teamReason)}`;
    version++;
  }
  if (t.takenAt !== null) version++;
  const escalatedAt = slot.outcome === 'passed' ? escalation(g, slot.at, urgent, t.takenAt ?? g.now) : null;
  const contactId = ids.uuid();
  out.contacts.push({
    id: contactId,
    personId: p.id,
    channel: slot.channel,
    contactName: contactor.contactName,
    contactRelationship: contactor.contactRelationship,
    contactReach: contactor.contactReach,
    reason: f(rnd.pick(s.reason)),
    whatMattersNow: matters,
    urgency,
    personWasKnown: false,
    conversationId,
    outcome: slot.outcome,
    resolutionKind: slot.outcome === 'resolved' ? (s.kind ?? 'information_advice') : null,
    resolutionDetail: detail,
    checkBackOn: t.checkBackOn,
    checkBackDoneAt: t.doneAt !== null ? new Date(t.doneAt) : null,
    whatHappensNext,
    passedToTeamId: teamId,
    passedToWorkerId: route?.worker?.id ?? null,
    routing,
    routingReason,
    takenById: taker && t.takenAt !== null ? taker.id : null,
    takenAt: t.takenAt !== null ? new Date(t.takenAt) : null,
    escalatedAt: urgent && escalatedAt !== null ? new Date(escalatedAt) : null,
    waitingEscalatedAt: !urgent && escalatedAt !== null ? new Date(escalatedAt) : null,
    receivedById: receiver.id,
    receivedTeamId: receiver.teamId,
    receivedAt: new Date(slot.at),
    version,
    createdAt: new Date(slot.at),
  });

  // Passed on: a hand-off from the worker who took the contact, as the contacts service records
  // it: when it is passed, or when First Contact decides where it goes (not while it waits for
  // them), and not again when it is taken. (No generator draws here, so the rest stays the same.)
  const decided = !!(t.decidedTeam && s.teamReason && teamId);
  if (
    route &&
    (decided || passIsHandOff({ routing: route.routing, passedToWorkerId: route.workerId, receivedById: receiver.id }))
  ) {
    const at = decided ? Math.min(slot.at + 90 * MINUTE, (t.takenAt ?? g.now) - 10 * MINUTE) : slot.at;
    const reason = decided ? `Contact passed on by First Contact: ${f(s.teamReason!)}` : handOffReason(route);
    const to = decided ? g.teamName.get(teamId!)! : passedToName(route);
    out.handOffs.push({
      personId: p.id,
      fromWorkerId: receiver.id,
      fromTeamId: receiver.teamId,
      toWorkerId: decided ? null : route.workerId,
      toTeamId: teamId,
      reason,
      recordedBy: receiver.id,
      createdAt: new Date(at),
    });
    out.changes.push({
      personId: p.id,
      summary: `Hand-off: passed to ${to}`,
      details: { reason },
      changedBy: receiver.id,
      createdAt: new Date(at),
    });
  }

  // The check back, done: a short call, recorded as a conversation.
  if (t.doneAt !== null) {
    const at = t.doneAt - 5 * MINUTE;
    const generic = s.who === 'family' ? genericFamilyCheckBack : genericCheckBack;
    out.conversations.push({
      id: ids.uuid(),
      personId: p.id,
      kind: 'listen_and_connect',
      occurredAt: new Date(at),
      place: 'By phone',
      participants: bullets([
        personLine(p),
        ...(s.who === 'family' && contactor.contactName ? [`${contactor.contactName}, ${v.rel}`] : []),
        `${receiver.name}, ${receiver.jobTitle}`,
      ]),
      narrative: f(rnd.pick(s.checkBack ?? generic)),
      whatMatters: null,
      agreed: null,
      whatHappensNext: f('Nothing more planned for now. If anything changes, ring me on {workerPhone}.'),
      checkBackOn: null,
      authorId: receiver.id,
      teamId: receiver.teamId,
      createdAt: new Date(Math.min(at + rnd.int(5, 40) * MINUTE, g.now - MINUTE)),
    });
    p.convs.push(at);
  }

  // Taken: the taker's first conversation, and the taker becomes the named worker.
  if (taker && t.takenAt !== null && t.visitAt !== null) {
    const [place, narrative, next] = rnd.pick(
      s.visit ?? [
        [
          'By phone',
          'Rang {name} to introduce myself and talk about what happens next. {He} was glad someone had rung back so quickly.',
          'I will ring you next week.',
        ],
      ],
    );
    const mentionsCaller = s.who !== 'person' && contactor.contactName && narrative.includes('{callerFirst}');
    const mentionsProfessional =
      s.who === 'professional' && contactor.contactName && narrative.includes('{callerShort}');
    out.conversations.push({
      id: ids.uuid(),
      personId: p.id,
      kind: urgent ? 'crisis' : 'listen_and_connect',
      occurredAt: new Date(t.visitAt),
      place: f(place),
      participants: bullets([
        personLine(p),
        ...((mentionsCaller || mentionsProfessional) && contactor.contactName
          ? [`${contactor.contactName}, ${s.who === 'professional' ? v.role : v.rel}`]
          : []),
        ...(p.interpreter ? [`A ${v.lang} interpreter, by phone`] : []),
        `${taker.name}, ${taker.jobTitle}`,
      ]),
      narrative: f(narrative),
      whatMatters: matters,
      agreed: null,
      whatHappensNext: fill(next, { ...v, takerPhone: taker.phone }),
      checkBackOn: null,
      authorId: taker.id,
      teamId: taker.teamId,
      createdAt: new Date(Math.min(t.visitAt + rnd.int(60, 240) * MINUTE, g.now - MINUTE)),
    });
    p.convs.push(t.visitAt);
    if (!p.named || p.named.id !== taker.id) {
      p.named = taker;
      p.allocatedAt = t.takenAt;
      p.teamId = taker.teamId;
      p.version++;
      p.updatedAt = Math.max(p.updatedAt, t.takenAt);
      if (p.row) {
        p.row.namedWorkerId = taker.id;
        p.row.teamId = taker.teamId;
        p.row.version = p.version;
        p.row.updatedAt = new Date(p.updatedAt);
      } else p.becameNamed = true;
      out.changes.push({
        id: ids.uuid(),
        personId: p.id,
        summary: `${taker.name} is now the named worker`,
        details: { reason: 'Took the contact passed to the team' },
        changedBy: taker.id,
        createdAt: new Date(t.takenAt),
      });
    }
  }

  // Still waiting: the named worker is told, urgent ones reach the team's managers, and so does
  // a wait that went on too long (with the words the contacts service's checks use).
  if (slot.waiting && route) {
    const link = `/contacts/${contactId}`;
    const managers = g.managers.get(teamId ?? '') ?? [];
    if (route.worker && route.worker.id !== receiver.id) {
      out.notifications.push({
        id: ids.uuid(),
        workerId: route.worker.id,
        message: `${urgent ? 'Urgent: a' : 'A'} new contact about ${nameOf(p)}, whose named worker you are`,
        link,
        createdAt: new Date(slot.at),
      });
    }
    if (urgent) {
      for (const m of managers) {
        out.notifications.push({
          id: ids.uuid(),
          workerId: m.id,
          message: `Urgent contact about ${nameOf(p)} passed to ${route.teamName}`,
          link,
          createdAt: new Date(slot.at),
        });
      }
    }
    if (escalatedAt !== null) {
      const days = g.settings.waitingEscalationDays;
      const message = urgent
        ? `An urgent contact has waited more than ${Math.round(g.settings.urgentEscalationMs / MINUTE)} minutes without anyone taking it`
        : `A contact has waited ${howLong(escalatedAt - slot.at)} (longer than ${days} working day${days === 1 ? '' : 's'}) without anyone taking it`;
      for (const m of managers)
        out.notifications.push({ id: ids.uuid(), workerId: m.id, message, link, createdAt: new Date(escalatedAt) });
    }
  }

  const window = windowOf(slot, t);
  if (window) p.windows.push(window);
  p.contacts.push(slot.at);
  p.busyUntil = window && window[1] === Infinity ? Infinity : Math.max(slot.at, t.takenAt ?? 0) + DAY;
}

const personLine = (p: Person) => `${p.given} ${p.family}${p.preferred ? ` (known as ${p.preferred})` : ''}`;

const genericCheckBack = [
  'Rang {name} back as agreed. Things are going well and {he} does not need anything else from us for now.',
  'Rang {name} as agreed. {He} has done what we talked about and said it has made a difference. Nothing else needed for now.',
];
const genericFamilyCheckBack = [
  'Rang {callerFirst} back as agreed. Things are better for {name}, and neither of them needs anything else from us for now.',
];

function resolvedTail(g: Gen, s: Scenario, slot: Slot, t: Times): string {
  if (t.checkBackOn) {
    const day = spoken(t.checkBackOn);
    if (s.who === 'family') return `I will ring {callerFirst} on ${day} to see how it went.`;
    if (s.who === 'professional') return `I will ring {name} on ${day} to see how it went.`;
    return `I will ring you on ${day} to see how you got on.`;
  }
  if (s.who === 'family') return 'If anything changes, {callerFirst} can ring me on {workerPhone}.';
  if (s.who === 'professional') return 'If anything changes, {callerShort} or {name} can ring me on {workerPhone}.';
  return slot.channel === 'drop_in'
    ? g.rnd.pick([
        'Nothing more from us for now. You know where we are: come back to the drop-in, or ring {workerPhone}.',
        'If anything changes, come back to the drop-in or ring {workerPhone}; you will not have to tell your story again.',
      ])
    : 'If anything changes, ring me on {workerPhone}; you will not have to tell your story again.';
}

function passedTail(route: Route, who: Who): string {
  if (route.routing === 'named_worker') {
    if (who === 'person')
      return '{worker}, your named worker, will ring you back by the end of tomorrow. You will not have to tell your story again.';
    if (who === 'family')
      return '{workerFirst} will ring {callerFirst} back by the end of tomorrow, and talk with {name} too.';
    return '{workerFirst} will ring {callerShort} back by the end of tomorrow.';
  }
  if (route.routing === 'first_contact')
    return 'First Contact will decide which team works with {name} and ring back by the end of tomorrow.';
  if (who === 'person')
    return 'Someone from the {team} will ring you within two working days to arrange a visit. They will have this record, so you will not have to tell your story again.';
  if (who === 'family')
    return 'Someone from the {team} will ring {callerFirst} and {name} within two working days. They will have this record, so nobody has to tell the story again.';
  return 'Someone from the {team} will ring {callerShort} and {name} within two working days.';
}

// ---------------------------------------------------------------------------------------
// The hand-written contacts.

const isUrgent = (s: Scenario) => (s.urgency ?? 'none') !== 'none';

const emptyTimes = (): Times => ({ takenAt: null, visitAt: null, checkBackOn: null, doneAt: null });

/**
 * The locality team takes someone on from Out of Hours in the morning, as changing the named
 * worker on their record does: a hand-off, counted, on their timeline.
 */
function handBack(g: Gen, p: Person, next: Staff, at: number) {
  const from = p.named!;
  const reason = 'Back to the locality team after the Out of Hours team’s visit, so one worker stays with them';
  g.out.handOffs.push({
    id: g.ids.uuid(),
    personId: p.id,
    fromWorkerId: from.id,
    toWorkerId: next.id,
    fromTeamId: from.teamId,
    toTeamId: next.teamId,
    reason,
    recordedBy: next.id,
    createdAt: new Date(at),
  });
  g.out.changes.push({
    id: g.ids.uuid(),
    personId: p.id,
    summary: `Hand-off: ${next.name} is now the named worker`,
    details: { reason },
    changedBy: next.id,
    createdAt: new Date(at),
  });
  p.named = next;
  p.allocatedAt = at;
  p.teamId = next.teamId;
  p.version++;
  p.updatedAt = at;
  p.row!.namedWorkerId = next.id;
  p.row!.teamId = next.teamId;
  p.row!.version = p.version;
  p.row!.updatedAt = new Date(at);
  p.busyUntil = Math.max(p.busyUntil, at + DAY);
}

function streetIn(g: Gen, district: string): string {
  return g.rnd.pick(g.streets.get(district) ?? [{ street: 'Station Road', postcode: '' }]).street;
}

function placeSpecial(g: Gen, slot: Slot): boolean {
  const { rnd } = g;
  const s = specials[slot.special!];
  const receiver = g.staff[slot.receiver!];
  const t = emptyTimes();
  const later = (from: number, lo: number, hi: number) =>
    Math.min(working(g, from + rnd.between(lo, hi)), g.now - 20 * MINUTE);
  const fresh = (o: Omit<NewPersonOptions, 'ages'> = {}) => newPerson(g, slot.at, receiver, { ages: s.ages, ...o });

  /**
   * Someone already known, with a named worker, whose story has room for this contact, and whom
   * the contacts service sends it as the words say (`routing`).
   */
  const known = (want: (p: Person) => boolean, scenario = s, routing: Route['routing'] = 'named_worker'): boolean => {
    const options = rnd.shuffle(
      g.persons.filter(
        (p) =>
          p.eligible &&
          !p.isNew &&
          p.named &&
          p.allocatedAt < slot.at &&
          want(p) &&
          p.contacts.length === 0 &&
          p.age !== null &&
          p.age >= scenario.ages[0] &&
          p.age <= scenario.ages[1],
      ),
    );
    for (const p of options) {
      const route = routeFor(g, p, slot.at, isUrgent(scenario));
      if (route.routing !== routing) continue;
      const times = slot.waiting ? emptyTimes() : timesFor(g, slot, route, scenario);
      if (!times || !fits(g, p, slot, times)) continue;
      write(g, slot, p, scenario, route, receiver, times);
      return true;
    }
    return false;
  };

  switch (slot.special) {
    case 'crisisWaiting': {
      // Forty minutes ago: after the teams' hours it went to Out of Hours, and says so.
      const late = !withinTeamHours(g.settings.teamHours, new Date(slot.at));
      const [scenario, routing] = late
        ? [specials.crisisWaitingLate, 'out_of_hours' as const]
        : [s, 'named_worker' as const];
      const northEast = g.teamByName.get('North East locality team')!.id;
      return (
        known((p) => p.named!.key === 'tom', scenario, routing) ||
        known((p) => p.named!.teamId === northEast, scenario, routing)
      );
    }
    case 'crisisTaken':
    case 'abuse':
      return known(() => true);
    case 'crisisGp': {
      // Not taken within the time allowed, so it went to the managers, and was taken soon after.
      const p = fresh({ district: 'NB4' });
      t.takenAt = slot.at + g.settings.urgentEscalationMs + 12 * MINUTE;
      t.visitAt = t.takenAt + 35 * MINUTE;
      t.taker = 'aisha';
      write(g, slot, p, s, routeFor(g, p, slot.at, true), receiver, t);
      return true;
    }
    case 'crisisLate': {
      // Just after the teams' hours: Out of Hours takes it that evening, and the locality team in the morning.
      if (withinTeamHours(g.settings.teamHours, new Date(slot.at))) return false;
      const p = fresh({ district: rnd.pick(['NB3', 'NB4']) });
      const route = routeFor(g, p, slot.at, true);
      const morning = working(g, slot.at + 12 * HOUR);
      if (route.routing !== 'out_of_hours' || morning > g.now - HOUR) return false;
      t.takenAt = slot.at + rnd.int(15, 30) * MINUTE;
      t.visitAt = t.takenAt + rnd.int(30, 60) * MINUTE;
      t.taker = 'sunita';
      write(g, slot, p, s, route, receiver, t);
      handBack(g, p, g.staff[rnd.weighted(takers[localityFor(g, p.postcode)!.teamName])], morning);
      return true;
    }
    case 'outOfArea': {
      const p = fresh({ place: { postcode: 'NB15 2AA', address: '3 Moorside Cottages, Moor End Lane, Lowmoor' } });
      write(g, slot, p, s, routeFor(g, p, slot.at, isUrgent(s)), receiver, t);
      return true;
    }
    case 'noFixedAddress': {
      const p = fresh({ place: { postcode: null, address: null } });
      write(g, slot, p, s, routeFor(g, p, slot.at, isUrgent(s)), receiver, t);
      return true;
    }
    case 'decidedSister':
    case 'decidedQuay': {
      const sister = slot.special === 'decidedSister';
      const p = fresh({
        place: sister
          ? { postcode: null, address: null }
          : { postcode: 'NB15 4XT', address: '14 Riverside Quay, Canal Road, Northbridge' },
      });
      t.decidedTeam = sister ? 'South East locality team' : 'North East locality team';
      t.takenAt = later(slot.at, 20 * HOUR, 30 * HOUR);
      t.visitAt = later(t.takenAt, 3 * HOUR, 2 * DAY);
      t.taker = sister ? 'daniel' : 'tom';
      write(g, slot, p, s, routeFor(g, p, slot.at, isUrgent(s)), receiver, t, { street: streetIn(g, 'NB7') });
      return true;
    }
    case 'manualHospital':
    case 'manualMoving':
    case 'manualDayCentre': {
      const [district, team, taker]: [string, string, StaffKey] =
        slot.special === 'manualHospital'
          ? ['NB9', 'Hospital team', 'fatima']
          : slot.special === 'manualMoving'
            ? ['NB1', 'South East locality team', 'daniel']
            : ['NB13', 'West locality team', 'siobhan'];
      const p = fresh({ district });
      const extra = { street: streetIn(g, 'NB8') };
      const route = teamRoute(g, team, 'manual', fill(s.teamReason!, varsFor(g, p, extra)));
      t.takenAt = later(slot.at, 2 * HOUR, 30 * HOUR);
      t.visitAt = later(t.takenAt, 2 * HOUR, 2 * DAY);
      t.taker = taker;
      write(g, slot, p, s, route, receiver, t, extra);
      return true;
    }
    case 'bathroomLetter': {
      const p = fresh({ district: rnd.pick(['NB3', 'NB4']), gender: 'f' });
      t.takenAt = slot.at + 50 * MINUTE;
      t.visitAt = Math.min(slot.at + 3 * HOUR, g.now - 20 * MINUTE);
      t.taker = 'aisha';
      write(g, slot, p, s, routeFor(g, p, slot.at, isUrgent(s)), receiver, t);
      return true;
    }
  }
  return false;
}
