import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryLanguages,
  directoryLocations,
  directoryOrganisations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
  directoryVacancies,
  postcodePoints,
  workers,
} from '../../db/schema/index.js';
import { Random } from './random.js';

/**
 * The demo city's directory: about two hundred community resources in Northbridge
 * (NB1-NB14), from walking and gardening groups, befriending, memory cafés and choirs to
 * advice, equipment, lunch clubs, home care and care homes with vacancies. A few are
 * deliberately out of date (checked two years ago, or never), a few are closed for now, one
 * is withdrawn. Needs and who each is for are two small plain-language taxonomies.
 *
 * Like the other demo data it is the same every time (a seeded generator, ids included) and
 * dates are relative to `now`. It loads only into an empty directory, in a few bulk inserts.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
const WEEKDAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const EVERY_DAY: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** District centres: the city centre (NB13) at 53.0, -1.5, the localities around it. */
export const demoDistrictCentres: Record<string, [number, number]> = {
  NB1: [53.041, -1.506],
  NB2: [53.032, -1.524],
  NB3: [53.027, -1.472],
  NB4: [53.036, -1.452],
  NB5: [53.003, -1.456],
  NB6: [52.992, -1.44],
  NB7: [52.975, -1.466],
  NB8: [52.965, -1.482],
  NB9: [52.968, -1.506],
  NB10: [52.957, -1.522],
  NB11: [53.006, -1.546],
  NB12: [52.99, -1.557],
  NB13: [53.0, -1.5],
  NB14: [53.008, -1.488],
};

/** What each district is called locally, for venues' names. */
const districtNames: Record<string, string> = {
  NB1: 'Highfield',
  NB2: 'Northgate',
  NB3: 'Riverside',
  NB4: 'Moorside',
  NB5: 'Eastside',
  NB6: 'Lockside',
  NB7: 'Southfield',
  NB8: 'Eastfield',
  NB9: 'Millbrook',
  NB10: 'Southgate',
  NB11: 'Westbourne',
  NB12: 'Westfield',
  NB13: 'City Centre',
  NB14: 'Victoria',
};
const districts = Object.keys(demoDistrictCentres);

// ---------------------------------------------------------------------------------------
// Needs and who it is for

const needTerms: Array<[string, string]> = [
  ['Getting out and about', 'Groups, activities and transport that get people out of the house'],
  ['Company and friendship', 'Befriending, social groups, someone to talk to'],
  ['Keeping active', 'Walking, exercise, movement for every ability'],
  ['Gardening and the outdoors', 'Growing things, allotments, green spaces'],
  ['Support for carers', 'Breaks, advice and company for people who look after someone'],
  ['Money and benefits', 'Benefit checks, debt advice, grants'],
  ['Housing and home repairs', 'Somewhere to live, repairs, staying safe at home'],
  ['Memory and dementia', 'Support for people living with memory loss and their families'],
  ['Mobility and equipment', 'Equipment, adaptations and getting around the home'],
  ['Food and meals', 'Lunch clubs, meals at home, food banks'],
  ['Personal care at home', 'Help with washing, dressing and daily living at home'],
  ['Care homes', 'Residential and nursing care'],
  ['Mental health and wellbeing', 'Peer support, talking, feeling better'],
  ['Advice and speaking up', 'Information, advice and advocacy'],
  ['Learning and skills', 'Classes, digital skills, English'],
  ['Health conditions', 'Groups and services for living with a condition'],
  ['Sight and hearing', 'Support for people with sight or hearing loss'],
  ['Volunteering and work', 'Ways to give time, and support into work'],
  ['Culture and language', 'Groups in people’s own languages and communities'],
];

const whoTerms: Array<[string, string]> = [
  ['Older people', ''],
  ['Carers', ''],
  ['People living with dementia', ''],
  ['Men', ''],
  ['Women', ''],
  ['Disabled people', ''],
  ['People with a learning disability', ''],
  ['People with mental health needs', ''],
  ['Refugees and people seeking asylum', ''],
  ['Young adults', ''],
  ['Everyone', ''],
];

type Need = (typeof needTerms)[number][0];

// ---------------------------------------------------------------------------------------
// Places

interface Venue {
  key: string;
  name: string;
  address1: string;
  district: string;
  access?: string;
}

const STEP_FREE = 'Step-free entrance, accessible toilet, hearing loop';

/** Named venues that the demo people's stories mention, and others. */
const namedVenues: Venue[] = [
  {
    key: 'eastside',
    name: 'Eastside Community Centre',
    address1: '12 Eastfield Road',
    district: 'NB5',
    access: STEP_FREE,
  },
  {
    key: 'library',
    name: 'Northbridge Central Library',
    address1: 'Library Square',
    district: 'NB13',
    access: 'Step-free entrance with automatic doors, lift to all floors, accessible toilet',
  },
  {
    key: 'leisure',
    name: 'Northbridge Leisure Centre',
    address1: 'Victoria Park Road',
    district: 'NB14',
    access: 'Step-free, changing places toilet, pool hoist',
  },
  {
    key: 'stlukes',
    name: 'St Luke’s Church Hall',
    address1: 'Church Lane',
    district: 'NB7',
    access: 'Ramp at the side door, accessible toilet',
  },
  {
    key: 'methodist',
    name: 'Northbridge Methodist Church',
    address1: '40 Chapel Street',
    district: 'NB13',
    access: 'Step-free entrance, hearing loop',
  },
  { key: 'riverside', name: 'Riverside Day Centre', address1: '3 Canal Row', district: 'NB3', access: STEP_FREE },
  {
    key: 'nva',
    name: 'Northbridge Voluntary Action',
    address1: '10 Market Street',
    district: 'NB13',
    access: 'Lift to the first floor',
  },
  {
    key: 'carers',
    name: 'Northbridge Carers’ Centre',
    address1: '22 Victoria Street',
    district: 'NB14',
    access: 'Step-free, quiet room',
  },
  {
    key: 'farm',
    name: 'Northbridge City Farm',
    address1: 'Moor Lane',
    district: 'NB11',
    access: 'Firm paths around the farm; some grass and slopes',
  },
  {
    key: 'allotments',
    name: 'Northbridge Community Allotments',
    address1: 'Ings Lane',
    district: 'NB4',
    access: 'Raised beds reachable from a wheelchair, accessible toilet in the shed',
  },
  {
    key: 'canal',
    name: 'Lock Keeper’s Cottage',
    address1: 'Towpath, Bridge Street',
    district: 'NB6',
    access: 'The towpath is flat and surfaced',
  },
  { key: 'college', name: 'Northbridge College', address1: 'College Road', district: 'NB13', access: STEP_FREE },
  { key: 'hospice', name: 'Northbridge Hospice', address1: 'Fieldhead Road', district: 'NB10', access: STEP_FREE },
  {
    key: 'victoriapark',
    name: 'Victoria Park bandstand',
    address1: 'Victoria Park',
    district: 'NB1',
    access: 'Flat tarmac paths',
  },
  {
    key: 'moorpark',
    name: 'Moor Park café',
    address1: 'Moor Park, Westbourne Road',
    district: 'NB12',
    access: 'Flat paths; accessible toilet in the café',
  },
  {
    key: 'cab',
    name: 'Citizens Advice Northbridge',
    address1: '5 Queen Street',
    district: 'NB13',
    access: 'Step-free, private rooms',
  },
  {
    key: 'mind',
    name: 'Northbridge Mind',
    address1: '18 Peel Street',
    district: 'NB14',
    access: 'Ground floor, step-free',
  },
  {
    key: 'townhall',
    name: 'Northbridge Town Hall',
    address1: 'Town Hall Square',
    district: 'NB13',
    access: 'Step-free entrance at the back, lift',
  },
  {
    key: 'equipment',
    name: 'Northbridge Independent Living Centre',
    address1: 'Foundry Street',
    district: 'NB8',
    access: 'Step-free; equipment to try in a demonstration flat',
  },
  {
    key: 'mosque',
    name: 'Westbourne Community Hub',
    address1: '7 Lister Street',
    district: 'NB11',
    access: 'Step-free, separate women’s room',
  },
  {
    key: 'polish',
    name: 'Polish Catholic Centre',
    address1: '2 Belgrave Road',
    district: 'NB2',
    access: 'Two steps at the entrance; ramp on request',
  },
  {
    key: 'shed',
    name: 'Northbridge Men’s Shed',
    address1: 'Unit 4, Tannery Yard',
    district: 'NB3',
    access: 'Step-free workshop, accessible toilet',
  },
  { key: 'foodbank', name: 'Northbridge Food Bank warehouse', address1: 'Coal Pit Lane', district: 'NB9' },
];

/** Streets for the generated venues: the demo people's streets, each in its own district. */
const streetsByDistrict: Record<string, string[]> = {
  NB1: ['Station Road', 'Hill Top Road', 'Highfield Avenue'],
  NB2: ['Mill Lane', 'Northgate', 'Gladstone Road'],
  NB3: ['Canal Row', 'Water Lane', 'Laburnum Close'],
  NB4: ['Victoria Street', 'Moor Lane', 'Rowan Court'],
  NB5: ['Albert Terrace', 'Eastfield Road', 'Elm Bank'],
  NB6: ['Chapel Street', 'Bridge Street', 'Cherry Tree Walk'],
  NB7: ['Church Lane', 'Cross Lane', 'Heather Close'],
  NB8: ['Park View', 'Springfield Road', 'Foundry Street'],
  NB9: ['Beech Grove', 'Weavers Way', 'Sandy Lane'],
  NB10: ['Oak Avenue', 'Dyers Lane', 'Southgate'],
  NB11: ['Moor Lane', 'Westbourne Road', 'Lister Street'],
  NB12: ['Queen Street', 'Orchard Way', 'Peel Street'],
  NB13: ['King’s Road', 'Market Street', 'Cavendish Road'],
  NB14: ['Water Lane', 'Tennyson Place', 'Bronte Close'],
};

const saints = [
  'St Mark’s',
  'St Anne’s',
  'St John’s',
  'St Mary’s',
  'St Paul’s',
  'Holy Trinity',
  'St Peter’s',
  'St Michael’s',
  'Christ Church',
  'St James’s',
  'St Andrew’s',
  'All Saints',
  'St Chad’s',
  'St Thomas’s',
];

function districtVenues(): Venue[] {
  const out: Venue[] = [];
  districts.forEach((d, i) => {
    const [s1, s2, s3] = streetsByDistrict[d];
    out.push({
      key: `centre-${d}`,
      name: `${districtNames[d]} Community Centre`,
      address1: `${10 + i * 3} ${s1}`,
      district: d,
      access: STEP_FREE,
    });
    out.push({
      key: `church-${d}`,
      name: `${saints[i]} Church Hall`,
      address1: s2,
      district: d,
      access: i % 3 === 0 ? 'Two steps at the front; ramp at the side door' : 'Step-free, accessible toilet',
    });
    if (d !== 'NB13')
      out.push({
        key: `library-${d}`,
        name: `${districtNames[d]} Library`,
        address1: `${2 + i} ${s3}`,
        district: d,
        access: 'Step-free, accessible toilet',
      });
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Resources

interface Spec {
  name: string;
  org?: string;
  description: string;
  needs: Need[];
  who?: string[];
  /** Venue keys; none means no fixed place (visits at home, phone, online). */
  at?: string[];
  times?: Array<[Day[], string, string]>;
  /** "1TU" style days for monthly meetings. */
  monthly?: [string, string, string];
  timesNote?: string;
  cost?: [string, number | null];
  fees?: string;
  minAge?: number;
  maxAge?: number;
  contact?: string;
  email?: boolean;
  url?: boolean;
  languages?: Array<[string, string]>;
  status?: 'active' | 'temporarily closed' | 'inactive';
  alert?: string;
  checked?: 'old' | 'never';
  withdrawn?: string;
  areas?: string;
  vacancy?: { places: number; topUp: number | null; notes?: string };
}

const OLDER = ['Older people'];

/** The resources the demo people's stories name, and the backbone of the city's support. */
const namedResources: Spec[] = [
  // Gardening and the outdoors
  {
    name: 'Green Fingers gardening group',
    org: 'Northbridge Community Allotments',
    description:
      'A friendly group who grow vegetables, fruit and flowers together on the community allotments. No experience needed: come for an hour or the whole morning, work at your own pace, and stop for a brew in the shed. Tools, gloves and seeds provided. Many members are men who have retired, or who are on their own, and like being outdoors and busy with their hands.',
    needs: ['Gardening and the outdoors', 'Getting out and about', 'Company and friendship', 'Keeping active'],
    who: ['Everyone', 'Men', 'Older people'],
    at: ['allotments'],
    times: [[['TU', 'SA'], '10:00', '13:00']],
    cost: ['Free', 0],
    contact: 'Dave Hirst, allotment secretary',
    email: true,
    url: true,
  },
  {
    name: 'Northbridge City Farm volunteers',
    org: 'Northbridge City Farm',
    description:
      'Help look after the animals, the vegetable beds and the orchard. Volunteers of every ability are welcome, with a supported session on Wednesdays for people who would like someone alongside them.',
    needs: ['Gardening and the outdoors', 'Volunteering and work', 'Getting out and about'],
    who: ['Everyone', 'People with a learning disability'],
    at: ['farm'],
    times: [[['WE', 'TH', 'SA'], '09:30', '15:30']],
    cost: ['Free', 0],
    fees: 'Lunch in the farm café £4',
    minAge: 16,
    url: true,
  },
  {
    name: 'Westbourne Growing Together',
    org: 'Westbourne Community Hub',
    description:
      'A community garden behind the hub: raised beds, herbs and vegetables from many countries, and cooking what is grown. Women’s sessions on Mondays.',
    needs: ['Gardening and the outdoors', 'Culture and language', 'Food and meals'],
    who: ['Everyone', 'Women'],
    at: ['mosque'],
    times: [
      [['MO'], '10:00', '12:00'],
      [['TH'], '13:00', '15:00'],
    ],
    cost: ['Free', 0],
    languages: [
      ['English', 'en'],
      ['Urdu', 'ur'],
      ['Punjabi', 'pa'],
    ],
  },
  {
    name: 'Friends of Moor Park gardening mornings',
    org: 'Friends of Moor Park',
    description:
      'Weeding, planting and litter-picking in the park with a cheerful group, then tea in the café. Jobs for every ability, including sitting ones.',
    needs: ['Gardening and the outdoors', 'Keeping active', 'Company and friendship'],
    who: ['Everyone'],
    at: ['moorpark'],
    monthly: ['1SA', '10:00', '12:00'],
    cost: ['Free', 0],
    checked: 'old',
  },
  // Walking
  {
    name: 'Thursday walking group from the library',
    org: 'Walking for Health Northbridge',
    description:
      'A gentle, led walk of about an hour from the Central Library, along the river and back, at the pace of the slowest walker. Coffee afterwards for those who want it.',
    needs: ['Keeping active', 'Getting out and about', 'Company and friendship'],
    who: ['Everyone', 'Older people'],
    at: ['library'],
    times: [[['TH'], '10:30', '11:30']],
    cost: ['Free', 0],
    contact: 'Walk leader',
  },
  {
    name: 'Saturday walking group by the canal',
    org: 'Walking for Health Northbridge',
    description:
      'An early walk along the canal towpath, about 3 miles, flat all the way. A good start to the weekend, especially for people who find weekends long.',
    needs: ['Keeping active', 'Getting out and about', 'Mental health and wellbeing'],
    who: ['Everyone'],
    at: ['canal'],
    times: [[['SA'], '08:30', '10:00']],
    cost: ['Free', 0],
  },
  // Befriending and company
  {
    name: 'Good Neighbours Northbridge',
    org: 'Good Neighbours Northbridge',
    description:
      'A volunteer calls round for a cup of tea and a chat once a week, and can help with small jobs: changing a light bulb, a lift to the shops, posting a letter. Volunteers are matched on shared interests.',
    needs: ['Company and friendship', 'Getting out and about'],
    who: OLDER,
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    contact: 'Befriending coordinator',
    email: true,
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Chatterbox telephone befriending',
    org: 'Good Neighbours Northbridge',
    description:
      'A regular phone call from the same friendly volunteer, at a time that suits. For people who cannot get out, or would rather talk on the phone.',
    needs: ['Company and friendship', 'Mental health and wellbeing'],
    who: OLDER,
    times: [[EVERY_DAY, '10:00', '18:00']],
    cost: ['Free', 0],
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Home from Hospital',
    org: 'Northbridge Voluntary Action',
    description:
      'Practical help for up to six weeks after a stay in hospital: someone there when you get home, the heating on and food in, lifts to appointments, and a weekly visit while confidence returns.',
    needs: ['Company and friendship', 'Food and meals', 'Getting out and about'],
    who: ['Older people', 'Disabled people'],
    at: ['nva'],
    times: [[WEEKDAYS, '08:30', '18:00']],
    cost: ['Free', 0],
    contact: 'Home from Hospital team',
    email: true,
  },
  {
    name: 'Northbridge Men’s Shed',
    org: 'Northbridge Men’s Shed',
    description:
      'A workshop where men (and anyone else) make and mend things together: woodwork, bike repairs, fixing things for the community. As the saying goes, men talk shoulder to shoulder.',
    needs: ['Company and friendship', 'Mental health and wellbeing', 'Volunteering and work'],
    who: ['Men', 'Older people'],
    at: ['shed'],
    times: [[['MO', 'WE', 'FR'], '10:00', '15:00']],
    cost: ['Per session, towards the tea and wood', 2],
  },
  {
    name: 'Wednesday coffee morning at the Eastside Community Centre',
    org: 'Eastside Community Association',
    description:
      'Coffee, cake, newspapers and a chat. Dominoes and cards for those who want them. Everyone welcome; many come on their own.',
    needs: ['Company and friendship', 'Getting out and about'],
    who: ['Everyone'],
    at: ['eastside'],
    times: [[['WE'], '10:00', '12:00']],
    cost: ['For coffee and cake', 1.5],
  },
  {
    name: 'Friday Friends social club',
    org: 'Northbridge Mencap',
    description:
      'A Friday evening social club for adults with a learning disability: discos, quizzes, outings and a meal out once a month.',
    needs: ['Company and friendship', 'Getting out and about'],
    who: ['People with a learning disability', 'Young adults'],
    at: ['centre-NB13'],
    times: [[['FR'], '18:00', '21:00']],
    cost: ['A session', 3],
    minAge: 18,
  },
  {
    name: 'Northbridge Community Café',
    org: 'Northbridge Voluntary Action',
    description:
      'A pay-as-you-feel café run by volunteers, many of whom have learning disabilities or are getting back into work. Good food, a warm place to sit, and training for volunteers.',
    needs: ['Food and meals', 'Volunteering and work', 'Company and friendship'],
    who: ['Everyone'],
    at: ['nva'],
    times: [[['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '09:00', '15:00']],
    cost: ['Pay as you feel', null],
  },
  // Memory and dementia
  {
    name: 'Memory café at the Eastside Community Centre',
    org: 'Northbridge Memory Support',
    description:
      'A relaxed afternoon for people living with memory loss and the people who care for them: tea, music, reminiscence and a chance to talk to others who understand. A dementia adviser is there every time.',
    needs: ['Memory and dementia', 'Support for carers', 'Company and friendship'],
    who: ['People living with dementia', 'Carers'],
    at: ['eastside'],
    times: [[['TU'], '14:00', '16:00']],
    cost: ['Free', 0],
    contact: 'Dementia adviser',
  },
  {
    name: 'Singing for the Brain',
    org: 'Northbridge Memory Support',
    description:
      'Singing familiar songs together, with warm-ups and a cup of tea. Singing helps memory, mood and confidence, and it is great fun. People come with a partner, friend or carer.',
    needs: ['Memory and dementia', 'Company and friendship', 'Support for carers'],
    who: ['People living with dementia', 'Carers'],
    at: ['methodist'],
    times: [[['TH'], '13:30', '15:00']],
    cost: ['A session, carers free', 2],
  },
  {
    name: 'Remember When dementia choir',
    org: 'Northbridge Memory Support',
    description:
      'A choir for people living with dementia and their families, performing twice a year. No auditions and no need to read music.',
    needs: ['Memory and dementia', 'Company and friendship'],
    who: ['People living with dementia', 'Carers'],
    at: ['church-NB11'],
    times: [[['MO'], '14:00', '15:30']],
    cost: ['Free', 0],
  },
  {
    name: 'Dementia advice service',
    org: 'Northbridge Memory Support',
    description:
      'Dementia advisers help people with a diagnosis, and their families, understand what is happening, plan ahead and find support. Home visits, phone and drop-ins.',
    needs: ['Memory and dementia', 'Advice and speaking up', 'Support for carers'],
    who: ['People living with dementia', 'Carers'],
    at: ['nva'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    email: true,
    url: true,
  },
  {
    name: 'Riverside Day Centre',
    org: 'Northbridge Day Opportunities',
    description:
      'Day care for older people, including people living with dementia: activities, a hot lunch, a bath if wanted, and transport there and back. A break for carers.',
    needs: ['Memory and dementia', 'Company and friendship', 'Support for carers', 'Food and meals'],
    who: ['Older people', 'People living with dementia'],
    at: ['riverside'],
    times: [[WEEKDAYS, '09:30', '15:30']],
    cost: ['A day, including lunch; transport extra', 38],
    fees: 'Transport £4 each way. Free for people whose support the council arranges',
    minAge: 60,
  },
  // Carers
  {
    name: 'Northbridge Carers’ Centre',
    org: 'Northbridge Carers’ Centre',
    description:
      'Information, advice and support for anyone who looks after a family member or friend: carers’ assessments, a carer’s emergency card, breaks, training and someone to talk to.',
    needs: ['Support for carers', 'Advice and speaking up', 'Money and benefits'],
    who: ['Carers'],
    at: ['carers'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    contact: 'Carers’ support worker',
    email: true,
    url: true,
  },
  {
    name: 'Carers’ coffee morning',
    org: 'Northbridge Carers’ Centre',
    description: 'A relaxed coffee morning for carers on Fridays: time for yourself, with people who understand.',
    needs: ['Support for carers', 'Company and friendship'],
    who: ['Carers'],
    at: ['carers'],
    times: [[['FR'], '10:00', '12:00']],
    cost: ['Free', 0],
  },
  {
    name: 'Carer’s break service',
    org: 'Northbridge Carers’ Centre',
    description:
      'A trained sitter stays with the person you look after for up to four hours a week, so you can have time for yourself.',
    needs: ['Support for carers', 'Personal care at home'],
    who: ['Carers'],
    times: [[EVERY_DAY, '08:00', '20:00']],
    cost: ['Free for up to four hours a week', 0],
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Young carers’ group',
    org: 'Northbridge Carers’ Centre',
    description: 'Fun, friendship and a break for young carers aged 8 to 18, with trips in the holidays.',
    needs: ['Support for carers', 'Company and friendship'],
    who: ['Carers', 'Young adults'],
    at: ['centre-NB14'],
    times: [[['WE'], '16:30', '18:30']],
    cost: ['Free', 0],
    minAge: 8,
    maxAge: 18,
  },
  // Advice, advocacy, money
  {
    name: 'Citizens Advice Northbridge',
    org: 'Citizens Advice Northbridge',
    description:
      'Free, confidential advice on benefits, debt, housing, work and consumer problems. Drop in, ring the advice line, or ask for a home visit if you cannot get out.',
    needs: ['Money and benefits', 'Advice and speaking up', 'Housing and home repairs'],
    who: ['Everyone'],
    at: ['cab'],
    times: [
      [['MO', 'TU', 'TH', 'FR'], '09:30', '16:00'],
      [['WE'], '13:00', '19:00'],
    ],
    cost: ['Free', 0],
    email: true,
    url: true,
    languages: [
      ['English', 'en'],
      ['Polish', 'pl'],
      ['Urdu', 'ur'],
    ],
  },
  {
    name: 'Pension Credit and benefit checks at the library',
    org: 'Citizens Advice Northbridge',
    description:
      'Bring your letters: an adviser checks you are getting every benefit you are entitled to, including Pension Credit and Attendance Allowance, and helps fill in the forms.',
    needs: ['Money and benefits'],
    who: OLDER,
    at: ['library-NB8', 'library-NB11'],
    times: [[['TU'], '10:00', '13:00']],
    cost: ['Free', 0],
  },
  {
    name: 'Council welfare rights team',
    org: 'Northbridge City Council',
    description:
      'Specialist help with benefit appeals and tribunals, and with claims for people with complex needs. Referrals from workers or by phone.',
    needs: ['Money and benefits', 'Advice and speaking up'],
    who: ['Everyone'],
    at: ['townhall'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    email: true,
  },
  {
    name: 'Northbridge Advocacy',
    org: 'Northbridge Advocacy',
    description:
      'Independent advocates help people say what they want and make sure they are heard in decisions about their care, including Care Act advocacy and independent mental capacity advocates (IMCAs).',
    needs: ['Advice and speaking up'],
    who: ['Disabled people', 'Older people', 'People with a learning disability', 'People with mental health needs'],
    at: ['nva'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    email: true,
    url: true,
    contact: 'Referrals',
  },
  {
    name: 'Speak Up self-advocacy group',
    org: 'Northbridge Advocacy',
    description:
      'A group run by and for people with a learning disability: speaking up together about what matters, from buses to health checks.',
    needs: ['Advice and speaking up', 'Company and friendship'],
    who: ['People with a learning disability'],
    at: ['centre-NB13'],
    monthly: ['2TH', '13:00', '15:00'],
    cost: ['Free', 0],
    minAge: 16,
  },
  {
    name: 'NHS complaints advocacy',
    org: 'Northbridge Advocacy',
    description: 'Free, independent help to make a complaint about an NHS service.',
    needs: ['Advice and speaking up', 'Health conditions'],
    who: ['Everyone'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    checked: 'never',
  },
  // Equipment, adaptations, housing, safety
  {
    name: 'Northbridge Community Equipment Service',
    org: 'Northbridge City Council',
    description:
      'Loans equipment that helps people stay safe and independent at home: bath seats, raised toilet seats, walking frames, hospital beds, hoists. Delivered and fitted, usually within a week; urgent items the next working day.',
    needs: ['Mobility and equipment'],
    who: ['Disabled people', 'Older people'],
    at: ['equipment'],
    times: [[WEEKDAYS, '08:30', '17:00']],
    cost: ['Free on loan', 0],
    contact: 'Equipment service',
  },
  {
    name: 'Independent Living Centre',
    org: 'Northbridge City Council',
    description:
      'Try equipment before you buy it, in a demonstration flat, with an occupational therapist on hand to advise. No referral needed.',
    needs: ['Mobility and equipment', 'Advice and speaking up'],
    who: ['Disabled people', 'Older people', 'Carers'],
    at: ['equipment'],
    times: [[['TU', 'TH'], '10:00', '16:00']],
    cost: ['Free', 0],
  },
  {
    name: 'Care & Repair Northbridge',
    org: 'Care & Repair Northbridge',
    description:
      'Handyperson service for older and disabled people: grab rails, key safes, small repairs, and help to arrange bigger adaptations and grants. Free for small jobs; larger jobs at cost.',
    needs: ['Housing and home repairs', 'Mobility and equipment'],
    who: ['Older people', 'Disabled people'],
    times: [[WEEKDAYS, '08:30', '16:30']],
    cost: ['Labour free for jobs under an hour; materials at cost', 0],
    areas: 'The whole of Northbridge',
    email: true,
  },
  {
    name: 'Disabled Facilities Grants',
    org: 'Northbridge City Council',
    description:
      'Grants for adaptations such as level-access showers, stairlifts and ramps, after an assessment by an occupational therapist. Means-tested.',
    needs: ['Housing and home repairs', 'Mobility and equipment', 'Money and benefits'],
    who: ['Disabled people'],
    at: ['townhall'],
    cost: ['Means-tested grant up to £30,000', null],
  },
  {
    name: 'Community alarm and telecare',
    org: 'Northbridge City Council',
    description:
      'A pendant alarm or wrist button linked to a 24-hour response centre, plus sensors for falls, smoke and the door at night. A responder can visit day and night.',
    needs: ['Mobility and equipment', 'Housing and home repairs'],
    who: ['Older people', 'Disabled people', 'People living with dementia'],
    times: [[EVERY_DAY, '00:00', '23:59']],
    cost: ['A week', 4.75],
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Safe and Well visits',
    org: 'Northbridge Fire and Rescue Service',
    description:
      'Firefighters visit at home to fit free smoke alarms and talk about staying safe: falls, cold homes, scams and fire.',
    needs: ['Housing and home repairs'],
    who: ['Older people', 'Disabled people'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Housing options and advice',
    org: 'Northbridge City Council',
    description:
      'Help if you are homeless or about to be, or your home no longer suits you: moving, sheltered and extra care housing, and keeping your tenancy.',
    needs: ['Housing and home repairs', 'Advice and speaking up'],
    who: ['Everyone'],
    at: ['townhall'],
    times: [[WEEKDAYS, '09:00', '16:30']],
    cost: ['Free', 0],
  },
  {
    name: 'Sight loss support',
    org: 'Northbridge Sight Support',
    description: 'Advice, equipment to try, talking books and a monthly social group for people losing their sight.',
    needs: ['Sight and hearing', 'Mobility and equipment', 'Company and friendship'],
    who: ['Disabled people', 'Older people'],
    at: ['library'],
    monthly: ['1WE', '10:00', '12:00'],
    cost: ['Free', 0],
  },
  {
    name: 'Hearing aid drop-in',
    org: 'Northbridge Sight Support',
    description: 'New tubing, batteries and small repairs for NHS hearing aids, by trained volunteers.',
    needs: ['Sight and hearing'],
    who: ['Everyone'],
    at: ['library-NB3', 'library-NB7'],
    monthly: ['3MO', '10:00', '12:00'],
    cost: ['Free', 0],
    checked: 'old',
  },
  // Health and being active
  {
    name: 'Strength and Balance class',
    org: 'Northbridge Leisure Centre',
    description:
      'A 12-week exercise class that builds strength and balance and cuts the risk of falls, led by a qualified postural stability instructor. Chairs available throughout.',
    needs: ['Keeping active', 'Health conditions', 'Mobility and equipment'],
    who: OLDER,
    at: ['leisure'],
    times: [[['MO', 'TH'], '11:00', '12:00']],
    cost: ['A session', 3],
    minAge: 60,
  },
  {
    name: 'Stroke club',
    org: 'Northbridge Stroke Club',
    description:
      'A social club for people who have had a stroke, and their families: speech practice, exercise, speakers and friendship.',
    needs: ['Health conditions', 'Company and friendship'],
    who: ['Disabled people', 'Carers'],
    at: ['eastside'],
    times: [[['MO'], '13:30', '15:30']],
    cost: ['A session', 1],
  },
  {
    name: 'Breathe Easy group',
    org: 'Breathe Easy Northbridge',
    description:
      'Support group for people living with a lung condition, such as COPD, and their carers. Gentle exercise, singing for lung health and talks.',
    needs: ['Health conditions', 'Company and friendship'],
    who: ['Everyone'],
    at: ['methodist'],
    monthly: ['2TU', '14:00', '16:00'],
    cost: ['Free', 0],
  },
  {
    name: 'Parkinson’s support group',
    org: 'Northbridge Parkinson’s Group',
    description: 'Monthly meetings with speakers and exercise for people living with Parkinson’s and their families.',
    needs: ['Health conditions', 'Support for carers'],
    who: ['Everyone'],
    at: ['church-NB9'],
    monthly: ['3WE', '14:00', '16:00'],
    cost: ['Free', 0],
    checked: 'old',
  },
  {
    name: 'Wheelchair basketball',
    org: 'Northbridge Leisure Centre',
    description: 'Mixed-ability wheelchair basketball, chairs provided. Beginners very welcome.',
    needs: ['Keeping active', 'Company and friendship'],
    who: ['Disabled people', 'Young adults'],
    at: ['leisure'],
    times: [[['TU'], '18:30', '20:00']],
    cost: ['A session', 2.5],
    minAge: 14,
  },
  {
    name: 'Over-60s swimming',
    org: 'Northbridge Leisure Centre',
    description: 'Quiet swimming sessions for over-60s with a pool hoist and helpers on hand.',
    needs: ['Keeping active'],
    who: OLDER,
    at: ['leisure'],
    times: [[['WE', 'FR'], '09:00', '10:30']],
    cost: ['A swim', 2.2],
    minAge: 60,
    status: 'temporarily closed',
    alert: 'The pool is closed for repairs until the spring.',
  },
  {
    name: 'Northbridge Hospice day service',
    org: 'Northbridge Hospice',
    description:
      'A day a week at the hospice for people living with a life-limiting illness: symptom support, therapies, company and a good lunch.',
    needs: ['Health conditions', 'Company and friendship', 'Support for carers'],
    who: ['Everyone'],
    at: ['hospice'],
    times: [[['TU', 'WE', 'TH'], '10:00', '15:00']],
    cost: ['Free', 0],
  },
  {
    name: 'Bereavement support group',
    org: 'Northbridge Hospice',
    description:
      'For anyone who has lost someone close: a gentle group that meets fortnightly, with one-to-one support available too.',
    needs: ['Mental health and wellbeing', 'Company and friendship'],
    who: ['Everyone'],
    at: ['hospice'],
    times: [[['MO'], '18:00', '19:30']],
    cost: ['Free', 0],
  },
  // Mental health
  {
    name: 'Peer support group at Northbridge Mind',
    org: 'Northbridge Mind',
    description:
      'Meet others who have been through hard times with their mental health. Led by people with lived experience. Drop in; no referral needed.',
    needs: ['Mental health and wellbeing', 'Company and friendship'],
    who: ['People with mental health needs'],
    at: ['mind'],
    times: [
      [['TU'], '18:00', '20:00'],
      [['SA'], '11:00', '13:00'],
    ],
    cost: ['Free', 0],
    minAge: 18,
    url: true,
  },
  {
    name: 'Recovery College',
    org: 'Northbridge Mind',
    description:
      'Free courses about mental health and recovery, co-written and taught by people with lived experience and professionals: managing anxiety, sleep, hearing voices, building confidence.',
    needs: ['Mental health and wellbeing', 'Learning and skills'],
    who: ['People with mental health needs', 'Carers'],
    at: ['college'],
    times: [[['MO', 'WE'], '10:00', '12:30']],
    cost: ['Free', 0],
    minAge: 18,
    url: true,
  },
  {
    name: 'Talking therapies',
    org: 'Northbridge NHS Talking Therapies',
    description: 'Free NHS talking therapy for anxiety and depression. You can refer yourself online or by phone.',
    needs: ['Mental health and wellbeing'],
    who: ['Everyone'],
    times: [[WEEKDAYS, '08:00', '20:00']],
    cost: ['Free', 0],
    minAge: 16,
    url: true,
    areas: 'The whole of Northbridge',
  },
  // Learning, language, culture
  {
    name: 'English classes for speakers of other languages',
    org: 'Northbridge College',
    description: 'Free English classes from beginner to advanced, with a crèche. Enrol any time.',
    needs: ['Learning and skills', 'Culture and language'],
    who: ['Refugees and people seeking asylum', 'Everyone'],
    at: ['college'],
    times: [[['MO', 'TU', 'WE', 'TH'], '09:30', '12:00']],
    cost: ['Free', 0],
    minAge: 16,
  },
  {
    name: 'Saturday welcome group',
    org: 'Northbridge City of Sanctuary',
    description:
      'A warm welcome, lunch, English practice and advice for people new to Northbridge, including people seeking asylum and refugees.',
    needs: ['Culture and language', 'Company and friendship', 'Food and meals'],
    who: ['Refugees and people seeking asylum'],
    at: ['eastside'],
    times: [[['SA'], '11:00', '14:00']],
    cost: ['Free', 0],
    languages: [
      ['English', 'en'],
      ['Arabic', 'ar'],
      ['Tigrinya', 'ti'],
      ['Farsi', 'fa'],
    ],
  },
  {
    name: 'Urdu-speaking women’s group',
    org: 'Westbourne Community Hub',
    description:
      'A weekly group for women to meet, talk and learn together in Urdu and Punjabi: health talks, crafts and trips.',
    needs: ['Culture and language', 'Company and friendship'],
    who: ['Women'],
    at: ['mosque'],
    times: [[['WE'], '10:30', '12:30']],
    cost: ['Free', 0],
    languages: [
      ['Urdu', 'ur'],
      ['Punjabi', 'pa'],
    ],
  },
  {
    name: 'Polish seniors’ club',
    org: 'Polish Catholic Centre',
    description: 'Klub seniora: coffee, cards, Polish newspapers and a hot lunch on Thursdays.',
    needs: ['Culture and language', 'Company and friendship', 'Food and meals'],
    who: OLDER,
    at: ['polish'],
    times: [[['TH'], '11:00', '14:00']],
    cost: ['Lunch', 4],
    languages: [['Polish', 'pl']],
    checked: 'never',
  },
  {
    name: 'Caribbean elders’ lunch club',
    org: 'Northbridge African Caribbean Association',
    description: 'Home-cooked Caribbean food, dominoes, music and good company every Wednesday.',
    needs: ['Food and meals', 'Culture and language', 'Company and friendship'],
    who: OLDER,
    at: ['centre-NB8'],
    times: [[['WE'], '12:00', '15:00']],
    cost: ['Lunch', 4.5],
  },
  {
    name: 'Chinese elders’ group',
    org: 'Northbridge Chinese Association',
    description: 'Tai chi, mahjong, lunch and advice in Cantonese and Mandarin.',
    needs: ['Culture and language', 'Keeping active', 'Company and friendship'],
    who: OLDER,
    at: ['centre-NB13'],
    times: [[['FR'], '10:00', '14:00']],
    cost: ['Lunch', 3.5],
    languages: [
      ['Cantonese', 'yue'],
      ['Mandarin', 'zh'],
    ],
  },
  {
    name: 'Community choir at the library',
    org: 'Northbridge Sings',
    description:
      'A friendly choir for anyone who likes to sing: pop, folk and musicals. No auditions, no need to read music.',
    needs: ['Company and friendship', 'Mental health and wellbeing'],
    who: ['Everyone'],
    at: ['library'],
    times: [[['TU'], '19:00', '20:30']],
    cost: ['A session', 3],
  },
  // Food
  {
    name: 'Tuesday lunch club at St Luke’s',
    org: 'St Luke’s Church',
    description:
      'A two-course home-cooked lunch, then bingo or a quiz. Transport can be arranged for people who cannot get there alone.',
    needs: ['Food and meals', 'Company and friendship', 'Getting out and about'],
    who: OLDER,
    at: ['stlukes'],
    times: [[['TU'], '12:00', '14:00']],
    cost: ['Lunch', 4],
    fees: 'Transport £2 each way',
  },
  {
    name: 'Northbridge Food Bank',
    org: 'Northbridge Food Bank',
    description:
      'Three days of emergency food, with a referral from a worker, GP, Citizens Advice or the council. Deliveries for people who cannot get out.',
    needs: ['Food and meals', 'Money and benefits'],
    who: ['Everyone'],
    at: ['foodbank', 'centre-NB5', 'church-NB12'],
    times: [
      [['MO', 'WE', 'FR'], '11:00', '14:00'],
      [['SA'], '10:00', '12:00'],
    ],
    cost: ['Free', 0],
  },
  {
    name: 'Meals at home',
    org: 'Northbridge Meals',
    description:
      'Hot or frozen meals delivered to the door, with a friendly check on how you are. Special diets and cultural meals available.',
    needs: ['Food and meals', 'Personal care at home'],
    who: ['Older people', 'Disabled people'],
    times: [[EVERY_DAY, '11:00', '14:00']],
    cost: ['A hot meal and pudding', 6.2],
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Shopping service',
    org: 'Good Neighbours Northbridge',
    description:
      'A volunteer does your weekly shop from your list, or takes you to the supermarket and helps you round.',
    needs: ['Food and meals', 'Getting out and about'],
    who: OLDER,
    times: [[['TU', 'TH'], '09:00', '13:00']],
    cost: ['Free; you pay for the shopping', 0],
    areas: 'The whole of Northbridge',
  },
  // Getting about
  {
    name: 'Dial-a-Ride community transport',
    org: 'Northbridge Community Transport',
    description:
      'Door-to-door minibus for people who cannot use ordinary buses: shopping, appointments, clubs and visiting friends. Book a day ahead.',
    needs: ['Getting out and about', 'Mobility and equipment'],
    who: ['Older people', 'Disabled people'],
    times: [[['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '08:00', '18:00']],
    cost: ['A single journey in the city', 3],
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Travel training',
    org: 'Northbridge City Council',
    description:
      'One-to-one help to learn a route on the bus or train until you can do it on your own, for people with a learning disability or who have lost confidence.',
    needs: ['Getting out and about', 'Learning and skills'],
    who: ['People with a learning disability', 'Young adults', 'Disabled people'],
    times: [[WEEKDAYS, '09:00', '17:00']],
    cost: ['Free', 0],
    minAge: 14,
    areas: 'The whole of Northbridge',
  },
  {
    name: 'Volunteer Centre Northbridge',
    org: 'Northbridge Voluntary Action',
    description:
      'Find volunteering that suits you, from an hour a month to a regular role, with support to get started.',
    needs: ['Volunteering and work', 'Company and friendship'],
    who: ['Everyone'],
    at: ['nva'],
    times: [[['TU', 'WE', 'TH'], '10:00', '16:00']],
    cost: ['Free', 0],
    url: true,
  },
  // Withdrawn, kept for history
  {
    name: 'Mill Lane chapel coffee morning',
    org: 'Mill Lane Chapel',
    description: 'A Thursday coffee morning in the chapel schoolroom.',
    needs: ['Company and friendship'],
    who: ['Everyone'],
    at: ['church-NB2'],
    times: [[['TH'], '10:00', '12:00']],
    cost: ['For coffee', 1],
    withdrawn:
      'The chapel closed in the summer and the coffee morning stopped. Members were told about the Highfield Library coffee morning.',
  },
];

// ---------------------------------------------------------------------------------------
// Families of resources spread over the districts, so every locality has its share.

const careHomes: Array<[string, string, string, number, number | null]> = [
  [
    'Beech Grove Care Home',
    'NB9',
    'Residential care for 40 older people, with a garden room and a hairdresser.',
    2,
    45,
  ],
  ['Highfield House', 'NB1', 'A family-run care home for 28 older people in a Victorian house with gardens.', 0, 80],
  ['Rosemount Lodge', 'NB12', 'Residential and dementia care for 55 people, with a secure sensory garden.', 3, 120],
  ['The Laurels', 'NB4', 'Residential care for 32 older people; short stays for a break too.', 1, null],
  [
    'Oak Lodge Nursing Home',
    'NB10',
    'Nursing care for 60 people, including end-of-life care, with nurses on duty day and night.',
    4,
    150,
  ],
  ['Moorview Care Home', 'NB11', 'Residential and dementia care for 48 people, overlooking Moor Park.', 0, 65],
  [
    'Riverside Court Care Home',
    'NB3',
    'Modern care home for 70 people: residential, dementia and nursing floors.',
    5,
    175,
  ],
  ['St Anne’s Nursing Home', 'NB7', 'Nursing care for 45 people run by a charity; chapel and quiet garden.', 1, 30],
  ['Willow Bank', 'NB8', 'Care home for 22 younger adults with physical disabilities.', 0, null],
  ['Fieldhead House', 'NB10', 'Residential care for 36 older people close to the shops.', 2, 0],
  ['Springfield Manor', 'NB2', 'Residential and nursing care for 64 people, en-suite rooms.', 3, 210],
  ['Hawthorn House', 'NB6', 'Small dementia care home for 18 people with a homely feel.', 1, 95],
  ['Dale View Care Home', 'NB5', 'Residential care for 40 older people; day care places too.', 0, 40],
  ['Cherry Tree Lodge', 'NB14', 'Short stays for 12 people, for a break or after hospital.', 2, null],
  ['Ashgrove Nursing Home', 'NB13', 'Nursing and dementia nursing care for 50 people in the city centre.', 0, 130],
  ['Orchard House', 'NB11', 'Residential care for 30 older people, with a Polish-speaking team.', 1, 55],
];

const extraCare: Array<[string, string, string, number]> = [
  [
    'Linden Court extra care housing',
    'NB4',
    'Your own flat with a care team on site day and night, a restaurant and activities.',
    2,
  ],
  [
    'Weavers Court extra care housing',
    'NB8',
    'Flats for rent and shared ownership, with care on site around the clock.',
    0,
  ],
];

const homeCare: Array<[string, string]> = [
  [
    'Brightside Home Care',
    'Personal care at home: getting up, washing and dressing, meals and medicines, from 15 minutes to live-in.',
  ],
  ['Canal Side Care', 'Home care across the east of the city, specialising in dementia and end-of-life care.'],
  ['Kindly Care at Home', 'Small, local home care agency: the same two or three carers every visit.'],
  ['Moorside Homecare', 'Personal care and companionship, including evening and night sitting.'],
  ['Cornerstone Care', 'Home care for adults with learning disabilities and autism, including supported living.'],
  ['Heritage Home Support', 'Home care with carers who speak Urdu, Punjabi, Bengali and Polish.'],
  [
    'Fern Bank Home Care',
    'Care at home after hospital, short-term help to get back on your feet, and longer-term personal care.',
  ],
  ['Willow Homecare', 'Personal care, shopping and cleaning for older people in the west of the city.'],
  ['Oakleaf Care Services', 'Live-in care and complex care, with nurses overseeing care plans.'],
  ['Millstone Care', 'Home care for people of all ages with physical disabilities.'],
  ['Beacon Homecare', 'Personal care in the south of the city; weekend and bank holiday visits.'],
  ['Northbridge Shared Lives', 'Support and short breaks with a Shared Lives carer in their family home.'],
  [
    'Evergreen Companions',
    'Companionship, sitting and help with getting out, for people who do not need personal care.',
  ],
  ['Hearthside Home Help', 'Cleaning, laundry and shopping help for people who want to stay independent.'],
];

/** A short family description for each generated kind, by district. */
interface Family {
  kind: string;
  count: number;
  make(d: string, i: number, rnd: Random): Spec;
}

const families: Family[] = [
  {
    kind: 'walk',
    count: 8,
    make: (d, _i, rnd) => ({
      name: `${districtNames[d]} health walk`,
      org: 'Walking for Health Northbridge',
      description: `A short, gentle walk of 30 to 60 minutes around ${districtNames[d]}, led by trained volunteers, with a cuppa at the end. Good for anyone getting back on their feet or wanting company on a walk.`,
      needs: ['Keeping active', 'Getting out and about', 'Company and friendship'],
      who: ['Everyone', 'Older people'],
      at: [`library-${d}`],
      times: [[[rnd.pick(['MO', 'TU', 'WE', 'FR'] as Day[])], '10:00', '11:00']],
      cost: ['Free', 0],
    }),
  },
  {
    kind: 'lunch',
    count: 14,
    make: (d, _i, rnd) => ({
      name: `${districtNames[d]} lunch club`,
      org: rnd.pick([
        'Northbridge Older People’s Forum',
        'Good Neighbours Northbridge',
        `${districtNames[d]} Community Association`,
      ]),
      description: `A hot two-course lunch with good company, every week at the ${districtNames[d]} Community Centre. Special diets catered for; ring ahead the first time.`,
      needs: ['Food and meals', 'Company and friendship', 'Getting out and about'],
      who: OLDER,
      at: [`centre-${d}`],
      times: [[[rnd.pick(WEEKDAYS)], '12:00', '14:00']],
      cost: ['Lunch', rnd.pick([3.5, 4, 4.5, 5])],
      minAge: rnd.chance(0.5) ? 55 : undefined,
    }),
  },
  {
    kind: 'coffee',
    count: 14,
    make: (d, _i, rnd) => ({
      name: `Coffee morning at ${saints[districts.indexOf(d)]}, ${districtNames[d]}`,
      org: `${saints[districts.indexOf(d)]} Church`,
      description:
        'Tea, coffee, homemade cake and a chat. A warm place to meet neighbours; people come on their own and leave with friends.',
      needs: ['Company and friendship', 'Getting out and about'],
      who: ['Everyone'],
      at: [`church-${d}`],
      times: [[[rnd.pick(['TU', 'WE', 'TH', 'SA'] as Day[])], '10:00', '12:00']],
      cost: ['Donation', null],
    }),
  },
  {
    kind: 'chair',
    count: 14,
    make: (d, _i, rnd) => ({
      name: `Chair-based exercise, ${districtNames[d]}`,
      org: 'Northbridge Leisure Centre',
      description:
        'Seated exercise to music for strength, balance and flexibility. Suitable for people who use a wheelchair or cannot stand for long.',
      needs: ['Keeping active', 'Mobility and equipment', 'Health conditions'],
      who: ['Older people', 'Disabled people'],
      at: [`centre-${d}`],
      times: [[[rnd.pick(WEEKDAYS)], rnd.pick(['10:00', '11:00', '14:00']), rnd.pick(['11:45', '15:00'])]],
      cost: ['A session', rnd.pick([2, 2.5, 3])],
    }),
  },
  {
    kind: 'digital',
    count: 10,
    make: (d) => ({
      name: `Get online drop-in, ${districtNames[d]} Library`,
      org: 'Northbridge Libraries',
      description:
        'Help with phones, tablets and computers from patient volunteers: video calls with family, ordering prescriptions, online shopping, staying safe from scams. Tablets to borrow.',
      needs: ['Learning and skills', 'Getting out and about'],
      who: ['Everyone', 'Older people'],
      at: [`library-${d}`],
      times: [[['FR'], '14:00', '16:00']],
      cost: ['Free', 0],
    }),
  },
  {
    kind: 'craft',
    count: 12,
    make: (d, _i, rnd) => ({
      name: `${rnd.pick(['Knit and natter', 'Craft club', 'Art for wellbeing', 'Reading group'])}, ${districtNames[d]}`,
      org: rnd.pick(['Northbridge Libraries', `${districtNames[d]} Community Association`]),
      description:
        'A relaxed group for making, reading and talking. Materials provided; bring a project if you have one.',
      needs: ['Company and friendship', 'Mental health and wellbeing', 'Learning and skills'],
      who: ['Everyone'],
      at: [rnd.chance(0.5) ? `library-${d}` : `centre-${d}`],
      times: [[[rnd.pick(WEEKDAYS)], '13:30', '15:30']],
      cost: ['Free', 0],
    }),
  },
  {
    kind: 'befriend',
    count: 7,
    make: (d) => ({
      name: `${districtNames[d]} befriending scheme`,
      org: 'Good Neighbours Northbridge',
      description: `Local volunteers who live in and around ${districtNames[d]} visit people at home for company, and go with them to local groups until they feel settled.`,
      needs: ['Company and friendship', 'Getting out and about'],
      who: OLDER,
      times: [[WEEKDAYS, '09:00', '17:00']],
      cost: ['Free', 0],
      areas: `${districtNames[d]} (${d})`,
    }),
  },
  {
    kind: 'carers',
    count: 7,
    make: (d) => ({
      name: `Carers’ drop-in, ${districtNames[d]}`,
      org: 'Northbridge Carers’ Centre',
      description:
        'A carers’ support worker is at the library to talk, give advice and help with a carer’s emergency card.',
      needs: ['Support for carers', 'Advice and speaking up'],
      who: ['Carers'],
      at: [`library-${d}`],
      monthly: ['1TH', '10:00', '12:00'],
      cost: ['Free', 0],
    }),
  },
  {
    kind: 'tea-dance',
    count: 10,
    make: (d, _i, rnd) => ({
      name: `${rnd.pick(['Tea dance', 'Bowls and boccia', 'Bingo and tea'])} at ${districtNames[d]} Community Centre`,
      org: `${districtNames[d]} Community Association`,
      description:
        'An afternoon of gentle activity, music and tea with the same friendly faces each week. Come on your own or bring a friend.',
      needs: ['Getting out and about', 'Company and friendship', 'Keeping active'],
      who: OLDER,
      at: [`centre-${d}`],
      times: [[[rnd.pick(WEEKDAYS)], '14:00', '16:00']],
      cost: ['A session', rnd.pick([1.5, 2, 3])],
      checked: rnd.chance(0.15) ? 'old' : undefined,
    }),
  },
  {
    kind: 'memory',
    count: 6,
    make: (d) => ({
      name: `${districtNames[d]} memory café`,
      org: 'Northbridge Memory Support',
      description:
        'A monthly café for people living with memory loss and their families: music, activities, tea and support from a dementia adviser.',
      needs: ['Memory and dementia', 'Support for carers', 'Company and friendship'],
      who: ['People living with dementia', 'Carers'],
      at: [`church-${d}`],
      monthly: ['2FR', '14:00', '16:00'],
      cost: ['Free', 0],
    }),
  },
];

// ---------------------------------------------------------------------------------------

interface Seed {
  rnd: Random;
  now: Date;
  adminId: string;
}

const phone = (rnd: Random) => `01632 960${String(rnd.int(200, 999))}`;
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/’/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Loads the demo directory into an empty directory. Returns how many resources were loaded (0 if there were some already). */
export async function seedDemoDirectory(db: Db, now = new Date()): Promise<{ resources: number }> {
  const [{ n }] = await db.select({ n: count() }).from(directoryServices);
  if (n > 0) return { resources: 0 };
  const [admin] = await db
    .select({ id: workers.id })
    .from(workers)
    .where(eq(workers.email, 'admin@northbridge.example'));
  if (!admin) throw new Error('The demo administrator is missing: load the demo workers first');
  const seed: Seed = { rnd: new Random(0xd1ec7), now, adminId: admin.id };
  const { rnd } = seed;

  // Taxonomies
  const needsTaxonomy = rnd.uuid();
  const whoTaxonomy = rnd.uuid();
  const taxonomies = [
    {
      id: needsTaxonomy,
      name: 'What would help',
      description: 'Hearth’s plain-language list of needs, for finding community resources',
      version: '1',
    },
    { id: whoTaxonomy, name: 'Who it is for', description: 'Who a resource is meant for, beyond age', version: '1' },
  ];
  const terms = [
    ...needTerms.map(([name, description]) => ({
      id: rnd.uuid(),
      name,
      description,
      taxonomyId: needsTaxonomy,
      taxonomy: 'What would help',
    })),
    ...whoTerms.map(([name, description]) => ({
      id: rnd.uuid(),
      name,
      description,
      taxonomyId: whoTaxonomy,
      taxonomy: 'Who it is for',
    })),
  ];
  const needId = (name: string) => terms.find((t) => t.taxonomyId === needsTaxonomy && t.name === name)!.id;
  const whoId = (name: string) => terms.find((t) => t.taxonomyId === whoTaxonomy && t.name === name)!.id;

  // Venues: a postcode near the district's centre, and that postcode's point.
  const venues = [...namedVenues, ...districtVenues()];
  const points = new Map<string, [number, number]>(Object.entries(demoDistrictCentres));
  const venueRows = new Map<string, { locationId: string; postcode: string; venue: Venue; lat: number; lon: number }>();
  const inward = 'ABDEFGHJLNPQRSTUWXYZ';
  for (const v of venues) {
    let postcode: string;
    do postcode = `${v.district} ${rnd.int(1, 9)}${rnd.pick([...inward])}${rnd.pick([...inward])}`;
    while (points.has(postcode));
    const [clat, clon] = demoDistrictCentres[v.district];
    const lat = Number((clat + rnd.between(-0.006, 0.006)).toFixed(5));
    const lon = Number((clon + rnd.between(-0.009, 0.009)).toFixed(5));
    points.set(postcode, [lat, lon]);
    venueRows.set(v.key, { locationId: rnd.uuid(), postcode, venue: v, lat, lon });
  }
  // The allotments are fixed: the journey of finding a gardening group near someone starts here.
  const allotments = venueRows.get('allotments')!;
  points.delete(allotments.postcode);
  allotments.postcode = 'NB4 7GF';
  allotments.lat = 53.0372;
  allotments.lon = -1.4498;
  points.set(allotments.postcode, [allotments.lat, allotments.lon]);

  // Every resource, named then generated.
  const specs: Spec[] = [...namedResources];
  for (const f of families) {
    const chosen = rnd.sample(districts, Math.min(f.count, districts.length));
    chosen.forEach((d, i) => specs.push(f.make(d, i, rnd)));
  }
  careHomes.forEach(([name, , description, places, topUp]) =>
    specs.push({
      name,
      org: name,
      description: `${description} Rated good by the Care Quality Commission.`,
      needs: ['Care homes'],
      who: description.includes('younger')
        ? ['Disabled people']
        : description.includes('dementia')
          ? ['Older people', 'People living with dementia']
          : OLDER,
      at: [`care-${slug(name)}`],
      timesNote: 'Visiting any time; please avoid mealtimes',
      fees: 'The council’s rate, plus any weekly top-up shown under vacancies',
      minAge: description.includes('younger') ? 18 : 65,
      maxAge: description.includes('younger') ? 64 : undefined,
      contact: 'Home manager',
      email: true,
      vacancy: {
        places,
        topUp,
        notes:
          places > 0 && rnd.chance(0.4)
            ? rnd.pick([
                'One ground-floor room with en-suite',
                'Shared room only',
                'A room for a short stay free from next Monday',
                'Room overlooking the garden',
              ])
            : undefined,
      },
      checked: name === 'Willow Bank' ? 'old' : undefined,
    }),
  );
  extraCare.forEach(([name, , description, places]) =>
    specs.push({
      name,
      org: 'Northbridge Homes',
      description,
      needs: ['Housing and home repairs', 'Personal care at home'],
      who: OLDER,
      at: [`care-${slug(name)}`],
      minAge: 55,
      fees: 'Rent and service charge; care charged separately',
      vacancy: { places, topUp: null, notes: places ? 'One-bedroom flats' : undefined },
    }),
  );
  homeCare.forEach(([name, description], i) =>
    specs.push({
      name,
      org: name,
      description: `${description} Registered with the Care Quality Commission.`,
      needs: ['Personal care at home'],
      who:
        i === 4
          ? ['People with a learning disability']
          : i === 9
            ? ['Disabled people']
            : ['Older people', 'Disabled people'],
      times: [[EVERY_DAY, '07:00', '22:00']],
      cost: ['An hour, private rate', rnd.pick([24, 25.5, 26, 27.5, 28])],
      fees: 'Care the council arranges is charged according to a financial assessment',
      minAge: 18,
      contact: 'Care coordinator',
      email: true,
      url: rnd.chance(0.6),
      areas:
        i % 3 === 0
          ? 'The whole of Northbridge'
          : rnd.pick([
              'North and North East Northbridge',
              'East and South East Northbridge',
              'South and West Northbridge',
              'The city centre',
            ]),
      checked: i === 7 ? 'never' : i === 11 ? 'old' : undefined,
      status: i === 12 ? 'inactive' : undefined,
      alert: i === 12 ? 'Not taking new people until further notice.' : undefined,
    }),
  );
  // Care homes and extra care schemes are their own venues.
  for (const s of specs) {
    const key = s.at?.[0];
    if (key?.startsWith('care-') && !venueRows.has(key)) {
      const d = [...careHomes, ...extraCare].find(([name]) => `care-${slug(name)}` === key)![1];
      let postcode: string;
      do postcode = `${d} ${rnd.int(1, 9)}${rnd.pick([...inward])}${rnd.pick([...inward])}`;
      while (points.has(postcode));
      const [clat, clon] = demoDistrictCentres[d];
      const lat = Number((clat + rnd.between(-0.006, 0.006)).toFixed(5));
      const lon = Number((clon + rnd.between(-0.009, 0.009)).toFixed(5));
      points.set(postcode, [lat, lon]);
      const street = rnd.pick(streetsByDistrict[d]);
      venueRows.set(key, {
        locationId: rnd.uuid(),
        postcode,
        lat,
        lon,
        venue: {
          key,
          name: s.name,
          address1: `${rnd.int(2, 120)} ${street}`,
          district: d,
          access: 'Step-free throughout, lift, assisted bathrooms',
        },
      });
    }
  }

  // Organisations, one per name.
  const orgIds = new Map<string, string>();
  const orgRows: Array<typeof directoryOrganisations.$inferInsert> = [];
  for (const s of specs) {
    const name = s.org ?? s.name;
    if (orgIds.has(name)) continue;
    const id = rnd.uuid();
    orgIds.set(name, id);
    orgRows.push({ id, name, description: '', website: `https://${slug(name)}.example.org`, updatedAt: now });
  }

  // Rows for every table, then one insert each.
  const services: Array<typeof directoryServices.$inferInsert> = [];
  const sals: Array<typeof directoryServiceAtLocations.$inferInsert> = [];
  const schedules: Array<typeof directorySchedules.$inferInsert> = [];
  const attributes: Array<typeof directoryAttributes.$inferInsert> = [];
  const costs: Array<typeof directoryCostOptions.$inferInsert> = [];
  const contacts: Array<typeof directoryContacts.$inferInsert> = [];
  const phones: Array<typeof directoryPhones.$inferInsert> = [];
  const languages: Array<typeof directoryLanguages.$inferInsert> = [];
  const areas: Array<typeof directoryServiceAreas.$inferInsert> = [];
  const vacancies: Array<typeof directoryVacancies.$inferInsert> = [];
  const usedVenues = new Set<string>();

  for (const s of specs) {
    const id = rnd.uuid();
    const checkedAt =
      s.checked === 'never'
        ? null
        : s.checked === 'old'
          ? new Date(now.getTime() - rnd.int(430, 800) * DAY)
          : new Date(now.getTime() - rnd.int(3, 300) * DAY - rnd.int(0, 8) * HOUR);
    services.push({
      id,
      organizationId: orgIds.get(s.org ?? s.name)!,
      name: s.name,
      description: s.description,
      url: s.url ? `https://${slug(s.org ?? s.name)}.example.org/${slug(s.name)}` : null,
      email: s.email ? `${slug(s.name).slice(0, 24)}@${slug(s.org ?? s.name).slice(0, 30)}.example.org` : null,
      status: s.status ?? 'active',
      fees: s.fees ?? null,
      minimumAge: s.minAge ?? null,
      maximumAge: s.maxAge ?? null,
      alert: s.alert ?? null,
      lastModified: checkedAt ?? new Date(now.getTime() - rnd.int(400, 900) * DAY),
      checkedAt,
      checkedById: checkedAt ? seed.adminId : null,
      withdrawnAt: s.withdrawn ? new Date(now.getTime() - rnd.int(60, 120) * DAY) : null,
      withdrawnById: s.withdrawn ? seed.adminId : null,
      withdrawnReason: s.withdrawn ?? null,
    });
    for (const at of s.at ?? []) {
      // The city centre's library is the Central Library.
      const key = at === 'library-NB13' ? 'library' : at;
      const v = venueRows.get(key);
      if (!v) throw new Error(`Demo directory: no venue ${key}`);
      usedVenues.add(key);
      const salId = rnd.uuid();
      sals.push({ id: salId, serviceId: id, locationId: v.locationId });
    }
    for (const [days, opens, closes] of s.times ?? []) {
      schedules.push({
        id: rnd.uuid(),
        serviceId: id,
        freq: 'WEEKLY',
        interval: 1,
        byday: days.join(','),
        opensAt: `${opens}:00`,
        closesAt: `${closes}:00`,
      });
    }
    if (s.monthly) {
      const [byday, opens, closes] = s.monthly;
      schedules.push({
        id: rnd.uuid(),
        serviceId: id,
        freq: 'MONTHLY',
        interval: 1,
        byday,
        opensAt: `${opens}:00`,
        closesAt: `${closes}:00`,
      });
    }
    if (s.timesNote) schedules.push({ id: rnd.uuid(), serviceId: id, description: s.timesNote });
    for (const need of s.needs)
      attributes.push({ id: rnd.uuid(), linkId: id, linkType: 'service', taxonomyTermId: needId(need) });
    for (const who of s.who ?? [])
      attributes.push({ id: rnd.uuid(), linkId: id, linkType: 'service', taxonomyTermId: whoId(who) });
    if (s.cost) costs.push({ id: rnd.uuid(), serviceId: id, option: s.cost[0], amount: s.cost[1] });
    const contactId = rnd.uuid();
    contacts.push({ id: contactId, serviceId: id, name: s.contact ?? null });
    phones.push({ id: rnd.uuid(), contactId, number: phone(rnd) });
    for (const [name, code] of s.languages ?? []) languages.push({ id: rnd.uuid(), serviceId: id, name, code });
    if (s.areas) areas.push({ id: rnd.uuid(), serviceId: id, name: s.areas });
    if (s.vacancy) {
      vacancies.push({
        serviceId: id,
        placesFree: s.vacancy.places,
        topUpWeekly: s.vacancy.topUp,
        notes: s.vacancy.notes ?? null,
        updatedAt: new Date(now.getTime() - rnd.pick([2, 5, 20, 30, 50, 75, 120, 240, 400]) * HOUR),
        updatedById: seed.adminId,
      });
    }
  }

  const locations = [...usedVenues].map((k) => venueRows.get(k)!);
  await db.insert(directoryTaxonomies).values(taxonomies);
  await db.insert(directoryTaxonomyTerms).values(terms);
  await db.insert(directoryOrganisations).values(orgRows);
  await db.insert(directoryServices).values(services);
  await db.insert(directoryLocations).values(
    locations.map((l) => ({
      id: l.locationId,
      locationType: 'physical' as const,
      name: l.venue.name,
      latitude: l.lat,
      longitude: l.lon,
    })),
  );
  await db.insert(directoryAddresses).values(
    locations.map((l) => ({
      id: rnd.uuid(),
      locationId: l.locationId,
      address1: l.venue.address1,
      city: 'Northbridge',
      postalCode: l.postcode,
      country: 'GB',
    })),
  );
  const access = locations.filter((l) => l.venue.access);
  if (access.length)
    await db
      .insert(directoryAccessibility)
      .values(access.map((l) => ({ id: rnd.uuid(), locationId: l.locationId, description: l.venue.access! })));
  await db.insert(directoryServiceAtLocations).values(sals);
  await db.insert(directorySchedules).values(schedules);
  await db.insert(directoryAttributes).values(attributes);
  await db.insert(directoryCostOptions).values(costs);
  await db.insert(directoryContacts).values(contacts);
  await db.insert(directoryPhones).values(phones);
  if (languages.length) await db.insert(directoryLanguages).values(languages);
  if (areas.length) await db.insert(directoryServiceAreas).values(areas);
  await db.insert(directoryVacancies).values(vacancies);
  await db
    .insert(postcodePoints)
    .values([...points].map(([postcode, [latitude, longitude]]) => ({ postcode, latitude, longitude })))
    .onConflictDoNothing();
  return { resources: services.length };
}
