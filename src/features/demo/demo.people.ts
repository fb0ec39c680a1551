import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  aboutMe,
  conversationAmendments,
  conversations,
  localityPostcodes,
  networkMembers,
  people,
  teams,
  workers,
  type CommunicationNeed,
  type ConversationKind,
} from '../../db/schema/index.js';
import { amendConversation, recordConversation } from '../conversations/conversations.service.js';
import { networkRoles, relationships } from '../people/people.forms.js';
import {
  addNetworkMember,
  changeNamedWorker,
  registerPerson,
  saveAboutMe,
  setRestriction,
  updateIdentity,
} from '../people/people.service.js';
import type { DemoActors } from './demo.context.js';
import { demoNhsNumber, Random } from './random.js';
import { demoStaffFrom, staffEmails, type Staff, type StaffKey } from './staff.js';

/**
 * Demo people for demo mode: about 300 made-up people in Northbridge (NB1 to NB14) with
 * their "about me", networks, conversations, hand-offs and timelines, so that every page
 * has something real-looking to show and search has something to find.
 *
 * The demo is the same every time: all choices come from a seeded generator (never
 * Math.random), and every date is relative to `now`. The records' ids are the database's, as
 * for anything a worker records, so they differ from one load to the next. Text is put together
 * from the fragments below, in plain language and, for "about me", in the person's own
 * words. Phone numbers are in Ofcom's ranges for drama (01632 960xxx, 07700 900xxx), emails
 * are at example.com and NHS numbers are in the 999 range the NHS keeps for testing, so
 * nothing here can reach or describe a real person.
 */

// ---------------------------------------------------------------------------------------
// Names and backgrounds. Northbridge is a northern English city with people from
// everywhere. Family names written "male|female" take the form that fits (Polish -ski/-ska,
// Sikh Singh/Kaur, Bengali Uddin/Begum).

type Gender = 'f' | 'm' | 'x';

interface Background {
  weight: number;
  female: string[];
  male: string[];
  family: string[];
  /** First languages other than English; empty when English is everyone's first language. */
  languages: string[];
  /** How likely English is the first language of someone from this background. */
  englishFirst: number;
  /** Can be new to Northbridge (refugees, people who moved here recently). */
  newcomers: boolean;
  enjoys?: string;
}

const backgrounds: Record<string, Background> = {
  english: {
    weight: 34,
    female: [
      'Margaret',
      'Patricia',
      'Dorothy',
      'Joan',
      'Barbara',
      'Jean',
      'Sheila',
      'Brenda',
      'Pauline',
      'Susan',
      'Linda',
      'Karen',
      'Julie',
      'Sarah',
      'Emma',
      'Gemma',
      'Hannah',
      'Elizabeth',
      'Kathleen',
      'Irene',
      'Doreen',
      'Maureen',
      'Valerie',
      'Christine',
      'Janet',
      'Carol',
      'Lesley',
      'Chloe',
    ],
    male: [
      'John',
      'David',
      'Michael',
      'Peter',
      'Robert',
      'William',
      'Kenneth',
      'Geoffrey',
      'Brian',
      'Derek',
      'Roy',
      'Ronald',
      'Alan',
      'Keith',
      'Graham',
      'Stephen',
      'Paul',
      'Mark',
      'Andrew',
      'Gary',
      'Lee',
      'Craig',
      'Thomas',
      'Harry',
      'Edward',
      'George',
      'Frederick',
      'Anthony',
    ],
    family: [
      'Smith',
      'Smith',
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Wilson',
      'Walker',
      'Wright',
      'Robinson',
      'Thompson',
      'Hughes',
      'Green',
      'Hall',
      'Wood',
      'Harrison',
      'Clarke',
      'Jackson',
      'Holmes',
      'Barker',
      'Booth',
      'Hirst',
      'Armitage',
      'Sykes',
      'Ackroyd',
      'Fletcher',
      'Shaw',
      'Marsden',
      'Haigh',
      'Whitaker',
      'Smithson',
      'Goldsmith',
    ],
    languages: [],
    englishFirst: 1,
    newcomers: false,
  },
  scottish: {
    weight: 5,
    female: ['Fiona', 'Morag', 'Isla', 'Elspeth', 'Catriona', 'Moira', 'Agnes', 'Kirsty'],
    male: ['Alasdair', 'Hamish', 'Callum', 'Angus', 'Duncan', 'Iain', 'Fraser', 'Euan'],
    family: [
      'MacDonald',
      'Campbell',
      'Stewart',
      'Robertson',
      'MacLeod',
      'Murray',
      'Ross',
      'Sinclair',
      'McKenzie',
      'Smith',
    ],
    languages: ['Scottish Gaelic'],
    englishFirst: 0.97,
    newcomers: false,
    enjoys: 'Burns Night, every year, whatever happens.',
  },
  irish: {
    weight: 6,
    female: ['Siobhán', 'Bridget', 'Niamh', 'Aoife', 'Mary', 'Róisín', 'Eileen', 'Kathleen'],
    male: ['Seán', 'Patrick', 'Declan', 'Ciarán', 'Liam', 'Eoin', 'Brendan', 'Michael'],
    family: [
      'Murphy',
      "O'Brien",
      'Kelly',
      "O'Sullivan",
      'Byrne',
      'Doyle',
      'Walsh',
      'Ryan',
      "O'Connor",
      'McCarthy',
      'Brennan',
      'Smyth',
    ],
    languages: ['Irish'],
    englishFirst: 0.97,
    newcomers: false,
    enjoys: 'Mass at St Patrick’s and the chat afterwards.',
  },
  welsh: {
    weight: 4,
    female: ['Rhiannon', 'Gwendolen', 'Bethan', 'Ceri', 'Angharad', 'Megan', 'Nia', 'Eirlys'],
    male: ['Dafydd', 'Rhys', 'Gareth', 'Huw', 'Emrys', 'Owain', 'Iwan', 'Glyn'],
    family: [
      'Jones',
      'Williams',
      'Evans',
      'Davies',
      'Price',
      'Griffiths',
      'Pritchard',
      'Llewellyn',
      'Morgan',
      'Powell',
    ],
    languages: ['Welsh'],
    englishFirst: 0.8,
    newcomers: false,
    enjoys: 'Singing. Welsh hymns, mostly, and loudly.',
  },
  polish: {
    weight: 6,
    female: ['Agnieszka', 'Małgorzata', 'Katarzyna', 'Zofia', 'Halina', 'Krystyna', 'Ewa', 'Joanna'],
    male: ['Krzysztof', 'Tomasz', 'Paweł', 'Marek', 'Andrzej', 'Stanisław', 'Jan', 'Piotr'],
    family: [
      'Nowak',
      'Kowalski|Kowalska',
      'Wiśniewski|Wiśniewska',
      'Wójcik',
      'Kaczmarek',
      'Mazur',
      'Krawczyk',
      'Zając',
      'Król',
      'Lewandowski|Lewandowska',
    ],
    languages: ['Polish'],
    englishFirst: 0.05,
    newcomers: true,
    enjoys: 'The Polish Saturday club, and pierogi at Christmas.',
  },
  romanian: {
    weight: 3,
    female: ['Ioana', 'Elena', 'Maria', 'Andreea', 'Mihaela', 'Florentina'],
    male: ['Ion', 'Mihai', 'Andrei', 'Gheorghe', 'Ionuț', 'Vasile', 'Constantin'],
    family: ['Popescu', 'Ionescu', 'Popa', 'Stan', 'Dumitru', 'Munteanu', 'Lungu', 'Rusu'],
    languages: ['Romanian'],
    englishFirst: 0.05,
    newcomers: true,
    enjoys: 'Cooking sarmale for the whole family.',
  },
  roma: {
    weight: 2,
    female: ['Denisa', 'Esmeralda', 'Marcela', 'Lenka', 'Žaneta', 'Veronika'],
    male: ['Milan', 'Rudolf', 'Jozef', 'Ladislav', 'Marek', 'Dušan'],
    family: ['Horváth', 'Lakatoš', 'Gábor', 'Balog', 'Dunka', 'Kolompár'],
    languages: ['Romani', 'Slovak', 'Czech'],
    englishFirst: 0,
    newcomers: true,
    enjoys: 'Music. Everyone in my family plays something.',
  },
  nigerian: {
    weight: 5,
    female: ['Oluwaseun', 'Chiamaka', 'Ngozi', 'Folasade', 'Adaeze', 'Funmilayo', 'Blessing', 'Yetunde'],
    male: ['Chukwuemeka', 'Oluwadamilare', 'Adebayo', 'Olumide', 'Ikechukwu', 'Babatunde', 'Chinedu', 'Femi'],
    family: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Nwosu', 'Eze', 'Ogunleye', 'Obi', 'Oyelaran'],
    languages: ['Yoruba', 'Igbo'],
    englishFirst: 0.5,
    newcomers: true,
    enjoys: 'Cooking jollof rice for the whole family, and church on Sunday.',
  },
  ghanaian: {
    weight: 3,
    female: ['Akosua', 'Abena', 'Ama', 'Efua', 'Adwoa', 'Yaa'],
    male: ['Kwame', 'Kofi', 'Kwabena', 'Yaw', 'Kwaku', 'Kojo'],
    family: ['Mensah', 'Asante', 'Owusu', 'Boateng', 'Appiah', 'Osei', 'Amoah', 'Darko'],
    languages: ['Twi'],
    englishFirst: 0.5,
    newcomers: true,
    enjoys: 'Church on Sunday and the long lunch after.',
  },
  somali: {
    weight: 3,
    female: ['Hodan', 'Faadumo', 'Amina', 'Hawa', 'Sahra', 'Nasra'],
    male: ['Abdirahman', 'Mohamed', 'Abdullahi', 'Hassan', 'Yusuf', 'Ahmed'],
    family: ['Abdi', 'Farah', 'Hassan', 'Warsame', 'Ali', 'Omar', 'Jama', 'Egal'],
    languages: ['Somali'],
    englishFirst: 0.15,
    newcomers: true,
    enjoys: 'Tea and talk with the women from the community centre.',
  },
  pakistani: {
    weight: 8,
    female: ['Nusrat', 'Shabana', 'Rukhsana', 'Parveen', 'Nasreen', 'Samina', 'Ayesha', 'Zainab', 'Sadia'],
    male: ['Mohammed', 'Tariq', 'Imran', 'Khalid', 'Asif', 'Zahid', 'Javed', 'Arshad', 'Bilal'],
    family: ['Khan', 'Hussain', 'Ahmed', 'Akhtar', 'Iqbal', 'Shah', 'Mahmood', 'Butt', 'Rashid', 'Malik'],
    languages: ['Urdu', 'Punjabi', 'Pahari-Pothwari'],
    englishFirst: 0.4,
    newcomers: false,
    enjoys: 'Cooking for the whole family at Eid.',
  },
  bangladeshi: {
    weight: 4,
    female: ['Rahima', 'Shirin', 'Nazma', 'Taslima', 'Rokeya', 'Fahmida'],
    male: ['Abdul', 'Shahid', 'Mizanur', 'Anwar', 'Jamal', 'Rafiq'],
    family: ['Rahman', 'Chowdhury', 'Uddin|Begum', 'Miah|Begum', 'Islam', 'Hoque'],
    languages: ['Sylheti', 'Bengali'],
    englishFirst: 0.3,
    newcomers: false,
  },
  indian: {
    weight: 5,
    female: ['Sunita', 'Kamaljit', 'Harjit', 'Manjit', 'Lakshmi', 'Anjali', 'Meena'],
    male: ['Rajesh', 'Sanjay', 'Harbhajan', 'Gurdeep', 'Amrit', 'Vikram', 'Suresh', 'Jaswinder'],
    family: ['Patel', 'Singh|Kaur', 'Sharma', 'Gill', 'Sandhu', 'Mistry', 'Chauhan', 'Lal'],
    languages: ['Punjabi', 'Gujarati', 'Hindi'],
    englishFirst: 0.4,
    newcomers: false,
    enjoys: 'Old Hindi films with my grandchildren, who laugh at the songs.',
  },
  chinese: {
    weight: 3,
    female: ['Mei', 'Li Na', 'Xiu Ying', 'Hui', 'Lan', 'Yan'],
    male: ['Wei', 'Jian', 'Ming', 'Hao', 'Jun', 'Kwok-Wai'],
    family: ['Chen', 'Wong', 'Li', 'Zhang', 'Liu', 'Lam', 'Cheung', 'Huang', 'Ng'],
    languages: ['Cantonese', 'Mandarin'],
    englishFirst: 0.2,
    newcomers: true,
    enjoys: 'Mahjong with friends at the Chinese community centre.',
  },
  caribbean: {
    weight: 6,
    female: ['Beverley', 'Hyacinth', 'Marcia', 'Pearl', 'Claudette', 'Gloria', 'Yvonne', 'Sonia'],
    male: ['Delroy', 'Winston', 'Lloyd', 'Errol', 'Clive', 'Leroy', 'Desmond', 'Carlton'],
    family: [
      'Campbell',
      'Brown',
      'Williams',
      'Francis',
      'Thomas',
      'Reid',
      'Grant',
      'Clarke',
      'Bennett',
      'Gordon',
      'Smith',
    ],
    languages: [],
    englishFirst: 1,
    newcomers: false,
    enjoys: 'Dominoes at the club, and a proper Sunday dinner: rice and peas.',
  },
  kurdish: {
    weight: 2,
    female: ['Rojda', 'Shilan', 'Nazdar', 'Berivan', 'Hêvî'],
    male: ['Azad', 'Rebwar', 'Dilshad', 'Karwan', 'Shvan', 'Hemin'],
    family: ['Ahmed', 'Karim', 'Aziz', 'Mustafa', 'Qadir', 'Rasul'],
    languages: ['Kurdish (Sorani)', 'Kurdish (Kurmanji)'],
    englishFirst: 0,
    newcomers: true,
    enjoys: 'Newroz in the park every spring, with music and dancing.',
  },
  syrian: {
    weight: 1.5,
    female: ['Rania', 'Lina', 'Huda', 'Reem'],
    male: ['Omar', 'Khaled', 'Samir', 'Tarek'],
    family: ['Al-Hassan', 'Haddad', 'Khoury', 'Darwish'],
    languages: ['Arabic'],
    englishFirst: 0,
    newcomers: true,
    enjoys: 'Making coffee for visitors, the proper way.',
  },
  ukrainian: {
    weight: 1.5,
    female: ['Olena', 'Iryna', 'Natalia', 'Tetiana'],
    male: ['Oleksandr', 'Mykola', 'Andriy', 'Serhiy'],
    family: ['Shevchenko', 'Bondarenko', 'Kovalenko', 'Tkachenko'],
    languages: ['Ukrainian'],
    englishFirst: 0,
    newcomers: true,
    enjoys: 'Talking to my family at home every evening, whatever the news.',
  },
};

/** Names people go by that are not their legal given name: Margaret known as Peggy. */
const knownAs: Record<string, string[]> = {
  Margaret: ['Peggy', 'Maggie'],
  Elizabeth: ['Betty', 'Liz'],
  Patricia: ['Pat'],
  Dorothy: ['Dot'],
  Kathleen: ['Kath'],
  Christine: ['Chris'],
  Susan: ['Sue'],
  Barbara: ['Babs'],
  Valerie: ['Val'],
  William: ['Bill'],
  Robert: ['Bob'],
  Edward: ['Ted'],
  Kenneth: ['Ken'],
  Ronald: ['Ron'],
  Geoffrey: ['Geoff'],
  Michael: ['Mick'],
  Anthony: ['Tony'],
  Frederick: ['Fred'],
  Bridget: ['Bridie'],
  Patrick: ['Pat'],
  Elspeth: ['Elsie'],
  Alasdair: ['Ally'],
  Catriona: ['Cat'],
  Dafydd: ['Dai'],
  Gwendolen: ['Gwen'],
  Małgorzata: ['Gosia'],
  Agnieszka: ['Aga'],
  Katarzyna: ['Kasia'],
  Stanisław: ['Stan'],
  Krzysztof: ['Chris'],
  Oluwaseun: ['Seun'],
  Folasade: ['Sade'],
  Funmilayo: ['Funmi'],
  Chukwuemeka: ['Emeka'],
  Babatunde: ['Tunde'],
  Ikechukwu: ['Ike'],
  Oluwadamilare: ['Dami'],
  Mohammed: ['Mo'],
  Kwabena: ['Ben'],
  'Xiu Ying': ['Rose'],
  'Kwok-Wai': ['Peter'],
  Gheorghe: ['George'],
  Abdirahman: ['Abdi'],
  Claudette: ['Claudie'],
  Esmeralda: ['Esme'],
  Oleksandr: ['Sasha'],
};

// ---------------------------------------------------------------------------------------
// Places. Each street sits in one postcode district and has a few postcodes, so neighbours
// share postcodes as they do in life.

const streets = [
  'Station Road',
  'Mill Lane',
  'Canal Row',
  'Victoria Street',
  'Albert Terrace',
  'Chapel Street',
  'Church Lane',
  'Park View',
  'Beech Grove',
  'Oak Avenue',
  'Moor Lane',
  'Hill Top Road',
  'Queen Street',
  "King's Road",
  'Water Lane',
  'Bridge Street',
  'Cross Lane',
  'Springfield Road',
  'Highfield Avenue',
  'Westbourne Road',
  'Orchard Way',
  'Laburnum Close',
  'Hawthorn Drive',
  'Rowan Court',
  'Elm Bank',
  'Cherry Tree Walk',
  'Heather Close',
  'Foundry Street',
  'Weavers Way',
  'Dyers Lane',
  'Coal Pit Lane',
  'Lister Street',
  'Peel Street',
  'Gladstone Road',
  'Wellington Street',
  'Nelson Street',
  'Cavendish Road',
  'Marlborough Avenue',
  'Belgrave Road',
  'Tennyson Place',
  'Wordsworth Drive',
  'Bronte Close',
  'Priestley Street',
  'Rosemount Avenue',
  'Fern Bank',
  'Holly Grove',
  'Ash Tree Road',
  'Greenside',
  'Ings Lane',
  'Dale View',
  'Fieldhead Road',
  'Northgate',
  'Southgate',
  'Eastfield Road',
  'Sandy Lane',
  'Tannery Yard',
];
const blocks = [
  'Linden Court',
  'Priestley House',
  'Riverside Court',
  'Sycamore House',
  'St Luke’s Court',
  'Weavers Court',
];
/**
 * Postcode districts, weighted: most demo people live where the demo practitioners' teams
 * are (North East NB3-4, South East NB7-8, West NB11-12), so most have a named worker.
 */
export const districtWeights: Array<[string, number]> = [
  ['NB1', 2.5],
  ['NB2', 2.5],
  ['NB3', 14],
  ['NB4', 13],
  ['NB5', 2.5],
  ['NB6', 2.5],
  ['NB7', 12],
  ['NB8', 11],
  ['NB9', 2.5],
  ['NB10', 2.5],
  ['NB11', 10],
  ['NB12', 9],
  ['NB13', 2.5],
  ['NB14', 2.5],
];
/** Letters used in the inward part of real postcodes (never C, I, K, M, O or V). */
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
const surgeries = [
  'Millbrook Surgery',
  'Canal Side Medical Practice',
  'Northbridge Health Centre',
  'Eastside Group Practice',
  'Highfield Surgery',
];

// ---------------------------------------------------------------------------------------
// Accessible information needs, with notes in the person's own voice.

interface CommunicationProfile {
  needs: CommunicationNeed[];
  notes: string[];
  /** How copies are sent and what format they take, used in "what happens next". */
  channel: string;
  format: string;
}

const communicationProfiles: Record<string, CommunicationProfile> = {
  deafBsl: {
    needs: ['bsl_interpreter', 'text_message_preferred', 'no_phone_calls'],
    notes: [
      'I’m Deaf and BSL is my first language. Book a BSL interpreter for anything important. Text me; I can’t use the phone.',
      'Deaf, BSL user. Please don’t ring. Text or email, and book an interpreter for visits. Don’t use my son to interpret.',
    ],
    channel: 'text',
    format: 'a copy',
  },
  hardOfHearing: {
    needs: ['lip_reading', 'hearing_loop'],
    notes: [
      'Face me when you speak; I lip-read. Don’t cover your mouth, and don’t sit with the window behind you.',
      'My hearing aids whistle in big rooms. Somewhere quiet, one person at a time, and look at me when you talk.',
    ],
    channel: 'post',
    format: 'a copy',
  },
  sightLoss: {
    needs: ['large_print', 'phone_preferred'],
    notes: [
      'I’ve macular degeneration. Letters in big print (bold, at least 16 point), or just ring me.',
      'I can’t read ordinary print any more. Ring me first, then send large print if you must write.',
    ],
    channel: 'post',
    format: 'a large print copy',
  },
  braille: {
    needs: ['braille', 'audio', 'email_preferred'],
    notes: [
      'I read Braille, and my screen reader reads emails to me. Please don’t send PDFs that are pictures of text.',
    ],
    channel: 'email',
    format: 'a Braille copy',
  },
  deafblind: {
    needs: ['deafblind_interpreter', 'hearing_loop'],
    notes: ['I’m deafblind. I use hands-on signing and need my communicator guide there; give us plenty of notice.'],
    channel: 'post',
    format: 'a Braille copy',
  },
  learningDisability: {
    needs: ['easy_read', 'plain_language'],
    notes: [
      'Use short words and pictures. Give me time to answer. My mum helps me with letters.',
      'Easy read, please. Say one thing at a time and check I’ve got it. I like to have it written down.',
    ],
    channel: 'post',
    format: 'an easy read copy',
  },
  memory: {
    needs: ['plain_language', 'help_reading_letters', 'letter_preferred'],
    notes: [
      'Write things down for me and leave it on the kitchen table. Ring my family as well, so they know.',
      'My memory isn’t good. One thing at a time, and write it down. Don’t rush me.',
    ],
    channel: 'post',
    format: 'a short written copy',
  },
  dyslexia: {
    needs: ['help_reading_letters', 'phone_preferred'],
    notes: ['I’m dyslexic. Ring me rather than write, and if you send a letter, tell me it’s coming.'],
    channel: 'post',
    format: 'a copy',
  },
  aphasia: {
    needs: ['plain_language', 'text_message_preferred'],
    notes: ['Since my stroke words come slowly. Ask one thing at a time and wait. Yes or no questions help.'],
    channel: 'text',
    format: 'a short written copy',
  },
  email: {
    needs: ['email_preferred'],
    notes: ['Email is best. I’m at work in the day and can’t take calls.'],
    channel: 'email',
    format: 'an email copy',
  },
  text: {
    needs: ['text_message_preferred'],
    notes: ['Text me first. I don’t answer numbers I don’t know.'],
    channel: 'text',
    format: 'a copy',
  },
};

// ---------------------------------------------------------------------------------------
// "About me", in the person's own words: general fragments by age, and each theme adds its own.

const aboutOlder = {
  matters: [
    'My independence. I don’t want to be a burden on anyone.',
    'Keeping my own front door. I like my routines: breakfast at eight, the news at one.',
    'My grandchildren. They keep me young.',
    'Being able to get to church on a Sunday.',
    'My cat, Smudge. Whatever happens, Smudge stays with me.',
    'Being treated like a grown-up, not a problem to be solved.',
    'My garden. I’ve grown sweet peas every year since I was married.',
    'My dog, Bess. She needs walking twice a day, and so do I.',
    'Seeing my friends at the club on a Thursday.',
    'That people ask me, not my family, when it’s about me.',
  ],
  strengths: [
    'I was a nurse for thirty-one years. I know when something’s wrong.',
    'I’m stubborn, in a good way. I don’t give up.',
    'I drove buses in Northbridge for thirty-five years, so I know every street.',
    'I can turn my hand to most things: plumbing, sewing, cakes.',
    'I brought up four children on my own. Not much frightens me.',
    'I’m a good listener. People tell me things.',
    'I worked at the mill from fifteen. I’m used to hard work.',
    'I ran a corner shop on {street} for twenty years; I know everyone.',
    'I’m organised. I keep every letter in a folder.',
    'I’ve a good sense of humour. You need it at my age.',
    'I taught at Northbridge Primary for thirty years.',
    'I was a seamstress. My hands aren’t what they were, but I can still thread a needle.',
  ],
  enjoys: [
    'Crosswords, and the racing on a Saturday.',
    'Gardening, especially my tomatoes.',
    'Watching Northbridge Town. Home and away, when I could.',
    'Baking for the coffee morning.',
    'Dominoes at the club.',
    'Knitting for my great-grandchildren.',
    'Old films on a Sunday afternoon.',
    'Feeding the birds and watching them from the kitchen window.',
    'Singing. I was in the Co-op choir for twenty years.',
    'The radio, anything with a quiz.',
    'A walk round the park and a cup of tea at the café.',
    'Cooking for whoever turns up.',
  ],
  hopes: [
    'To stay in my own home for as long as I can.',
    'To get to my granddaughter’s wedding in the summer.',
    'To get out into the garden again by spring.',
    'To see the sea once more. Scarborough, if I can.',
    'To feel less tired, and to laugh more.',
    'To get to the shops on my own.',
  ],
};

const aboutYounger = {
  matters: [
    'Having my own money and choosing what I spend it on.',
    'My kids. Everything I do is for them.',
    'Getting back to work. I miss having somewhere to be.',
    'My friends, and not being treated differently.',
    'Being near my mum.',
    'Having a routine that I choose.',
    'My faith and my community.',
  ],
  strengths: [
    'I’m good with computers and I can fix most phones.',
    'I’m kind. My friends say I’m the one they ring.',
    'I’m a good cook.',
    'I’m good at drawing, and I’m learning to paint.',
    'I speak three languages.',
    'I don’t give up. I’ve got through worse than this.',
    'I remember everyone’s birthday.',
  ],
  enjoys: [
    'Music, mostly old soul.',
    'Gaming with my friends online.',
    'Swimming at the leisure centre.',
    'Football, playing and watching.',
    'The cinema on cheap Tuesdays.',
    'Cooking food from home for my friends.',
    'Photography. I take pictures of old buildings.',
    'Walking by the canal.',
  ],
  hopes: [
    'To have my own flat.',
    'To get a job, even part-time.',
    'To finish my college course.',
    'To learn to drive.',
    'To see my family back home again.',
  ],
};

const aboutMeUpdates = [
  'Since we last wrote this, I’ve got more of my confidence back.',
  'Things have changed this year and I wanted this to say so.',
  'I’ve made new friends this year, and they matter to me now too.',
  'My health is not what it was. I want people to know I’m still the same person.',
];

// ---------------------------------------------------------------------------------------
// Themes: the kind of situation that brought someone to us, with fragments for each kind of
// conversation. Placeholders: {name} (what they like to be called), {he} {him} {his}
// {himself} {He} {His} (their pronouns), {was} {is} {has} (verbs that agree with them),
// {kin} {Kin} {kinName} (the closest person in their network), {resource} {resource2},
// {gp}, {street}, {district}, {lang}.

type ThemeKey =
  | 'falls'
  | 'lonely'
  | 'memory'
  | 'hospital'
  | 'learning'
  | 'mentalHealth'
  | 'physical'
  | 'newcomer'
  | 'housing'
  | 'longTerm'
  | 'hoarding'
  | 'carer';

interface Theme {
  ages: [number, number];
  weight: number;
  /** How the first conversation came about, with where it happened. */
  openings?: Array<[string, string]>;
  listen: string[];
  matters: string[];
  agreed: string[];
  resources: string[];
  crisis: string[];
  plan: { self: string[]; network: string[]; tech: string[]; paid: string[] };
  stock: string[];
  about: { strengths: string[]; enjoys: string[]; hopes: string[] };
}

const themes: Record<ThemeKey, Theme> = {
  falls: {
    ages: [68, 100],
    weight: 3,
    listen: [
      '{name} has fallen twice since the winter: once in the bathroom and once on the stairs. The second time {he} did not ring anyone and got {himself} up after about an hour. {He} said: "I don’t want a fuss. I just want to feel steady on my feet again."',
      'Getting in and out of the bath has become the hardest part of {name}’s week. For now {he} washes at the sink and misses a proper soak. The stairs are manageable on a good day, holding the rail and resting halfway.',
      '{name} has stopped going out since a fall on the pavement outside the post office. {He} said it was not the bruises but the fright: "I keep thinking, what if I go down and nobody sees?"',
    ],
    matters: [
      'Staying in my own home, on my own terms.',
      'Being able to have a proper wash without worrying about falling.',
      'Getting to the shops on my own again.',
    ],
    agreed: [
      'I will ask Care & Repair Northbridge about a second stair rail and grab rails by the bath',
      '{name} will try the bath board and shower seat at the First Local drop-in before we order anything',
      '{name} will try the Strength and Balance class at Northbridge Leisure Centre on Thursdays',
      'We will look at a pendant alarm together, so {he} can call for help after a fall',
      '{kinName} will come to the home visit, because {name} wants {kinName} there',
    ],
    resources: [
      'the Strength and Balance class at Northbridge Leisure Centre',
      'Care & Repair Northbridge',
      'the Thursday walking group from the library',
    ],
    crisis: [
      '{name}’s neighbour heard {him} calling and found {him} on the landing. The paramedics checked {him} over, and {he} did not want to go to hospital. I went round the same afternoon.\n\n{He} {was} shaken and sore, but clear: {he} wants to stay at home. We agreed help every morning for two weeks while {he} gets {his} confidence back.',
      '{name} fell in the kitchen on Sunday night and could not reach the phone. {Kin} found {him} in the morning. At the hospital they found no break, and the ward rang us because {name} asked to go straight home.\n\nI met {him} on the ward. {He} said: "I’m not going into a home. Help me get home and stay there." We planned the first few days together.',
    ],
    plan: {
      self: [
        '{name} will make {his} own breakfast and lunch, and keep doing the exercises from the class',
        '{name} will keep the phone in {his} pocket, not on the side',
      ],
      network: [
        '{kinName} will do the big shop on Fridays and ring every evening',
        'the neighbour next door has a key and will check the curtains are open by ten',
      ],
      tech: [
        'a pendant alarm linked to the community alarm service',
        'a key safe by the front door, so help can get in',
      ],
      paid: [
        'help with a shower three mornings a week, from a small local agency {name} chose, paid through a personal budget',
        'none for now: the rails and the alarm are enough',
      ],
    },
    stock: [
      '{name} has not fallen since the rails went in, and goes to the Thursday class most weeks. {He} said: "I’m slower, but I’m still me." The morning help is still right, a little later in the day if possible.',
      'It has been a harder year, with two more falls and one night in hospital. {name} still wants to stay at home, and {kin} agrees. We looked again at the stairs, and {he} has agreed to try a stairlift.',
    ],
    about: {
      strengths: [
        'I’m careful, and I know my limits.',
        'I do my exercises every morning, even when I don’t feel like it.',
      ],
      enjoys: ['Sitting in the garden with the radio on.', 'My walk to the corner shop for the paper.'],
      hopes: ['To feel steady enough to walk to the shops on my own.', 'To have a proper bath again.'],
    },
  },
  lonely: {
    ages: [60, 100],
    weight: 3,
    listen: [
      'Since {his} partner died, {name} has spent most days at home. {He} said the worst part is Sunday afternoons: "The telly talks, but it doesn’t listen." {His} family live a long way off and {he} does not want to worry them.',
      '{name} has not been out of the house for three weeks except to the corner shop. {He} used to sing in a choir and go dancing, and talked about it with real joy. {He} would like to get back to something like that, but does not want to walk into a room of strangers on {his} own.',
      '{name} told me {he} {is} lonely, straight out, which took courage. {His} friends from work have mostly died or moved away. {He} {is} fit and sharp and wants to be useful: "I’m not ready to sit in a chair and wait."',
    ],
    matters: [
      'Having someone to talk to.',
      'Getting out of the house more than once a week.',
      'Being useful to somebody.',
    ],
    agreed: [
      '{name} will try the Tuesday lunch club at St Luke’s; Kofi from Community Connectors will meet {him} there the first time',
      'Good Neighbours Northbridge will ring for a chat on Wednesday and Friday mornings',
      'I will find out about the community choir that meets at the library',
      '{name} will think about volunteering at the Eastside Community Centre café',
    ],
    resources: [
      'the Tuesday lunch club at St Luke’s',
      'Good Neighbours Northbridge',
      'Northbridge Men’s Shed',
      'the community choir at the library',
      'the Wednesday coffee morning at the Eastside Community Centre',
    ],
    crisis: [
      '{Kin} rang: {name} had not answered the phone for two days. The police checked on {him} and found {him} in bed, not eating and very low. I went round the same day.\n\n{name} said {he} had "just given up for a bit". We talked for a long time. {He} agreed to let the GP visit tomorrow, and for me to call in every day this week.',
    ],
    plan: {
      self: ['{name} will go to the lunch club on Tuesdays and the coffee morning on Wednesdays'],
      network: [
        '{kinName} will ring on Sunday afternoons, the hardest time',
        'Maureen from the lunch club will give {him} a lift',
      ],
      tech: ['a tablet from the library’s lending scheme, for video calls with the grandchildren'],
      paid: ['none: {name} does not need it and does not want it'],
    },
    stock: [
      'A year on, {name} goes to {resource} every week and has made a friend who gives {him} a lift. {He} stopped the befriending calls: "I’ve got enough people ringing me now."',
      '{name} said this year has been better than the last. {resource} did not suit {him}, but {resource2} did, and {he} now helps set up the chairs.',
    ],
    about: {
      strengths: [
        'I can talk to anyone. Sit me next to a stranger on the bus and we’ll be friends by the next stop.',
        'I’ve a lot of life in me yet.',
      ],
      enjoys: ['Dancing, when my knees let me.', 'A good natter over a cup of tea.'],
      hopes: ['To have a reason to get dressed up again.', 'To make one or two new friends.'],
    },
  },
  memory: {
    ages: [68, 100],
    weight: 2.5,
    listen: [
      '{Kin} came with {name}. {name} has been forgetting to eat and twice left the gas on. {name} knows {his} memory is going and said so plainly: "I know what’s happening. I want to decide things while I still can."',
      '{name} was told {he} has Alzheimer’s in the spring. {He} still manages most things with lists on the fridge, and {kinName} pops in every day. The worry is the evenings, when {name} gets muddled and frightened, and the nights.',
    ],
    matters: [
      'Staying in my own home with my own things around me.',
      'That my family don’t wear themselves out looking after me.',
      'Being asked, not told.',
    ],
    agreed: [
      'We will talk about a Lasting Power of Attorney with {kinName} next time, while {name} can choose who {he} trusts',
      '{name} will try the memory café at the Eastside Community Centre on the first Monday of the month',
      'I will ask about a gas safety valve and a clock that shows the day and date',
      'I will send {kinName} the details of the Northbridge Carers’ Centre',
    ],
    resources: [
      'the memory café at the Eastside Community Centre',
      'Singing for the Brain at the Methodist church',
      'the Riverside day centre',
    ],
    crisis: [
      '{Kin} rang First Contact in the morning: {name} had gone out at 3am looking for the bus to work, and a police officer brought {him} home. {name} was upset and embarrassed. I went the same day.\n\nWe agreed help at night for a fortnight while we work out what helps, and {kinName} will stay over at the weekend. {name} said: "I don’t want to be locked in. But I don’t want to get lost either."',
    ],
    plan: {
      self: ['{name} will keep doing {his} own breakfast and the garden, with the day written on the whiteboard'],
      network: [
        '{kinName} and the family will share the evenings on a rota',
        'a neighbour will walk with {him} to the memory café',
      ],
      tech: ['a door sensor that rings {kinName} at night if the front door opens', 'a clock showing the day and date'],
      paid: [
        'a day at the Riverside day centre on Tuesdays and Thursdays, which {name} chose after a visit',
        'a carer in the evening to help with tea and tablets',
      ],
    },
    stock: [
      '{name}’s memory is worse than last year, but life is still working: {he} {is} at home, goes to the day centre twice a week and still does the garden. {kinName} is tired, and we agreed {kinName} should have a carer’s conversation too.',
    ],
    about: {
      strengths: [
        'I brought up a family and ran a house. I can still do more than people think.',
        'I’m good company, even if I tell the same story twice.',
      ],
      enjoys: ['Music from when I was young. I know all the words.', 'Pottering in the garden.'],
      hopes: ['To stay at home, with my family close.', 'To keep doing my own garden.'],
    },
  },
  hospital: {
    ages: [62, 100],
    weight: 2,
    openings: [
      [
        'I met {name} on Ward 12 at Northbridge General Hospital, three days after {he} was admitted with a chest infection.',
        'Northbridge General Hospital, Ward 12',
      ],
      [
        'The ward rang the Hospital team because {name} was nearly ready to go home and was worried about how {he} would manage.',
        'Northbridge General Hospital, Ward 7',
      ],
    ],
    listen: [
      '{name} was keen to get home: "I’ll get better quicker in my own bed." We talked about what home is like: the stairs, the bathroom, who is around. {He} lives alone, and {kinName} lives twenty minutes away.',
      '{name} has been in hospital for nearly three weeks after a fall and a broken wrist, and is bored and fed up. The ward had talked about a care home for a while; {name} does not want that, and there is no reason {he} cannot go home with the right help.',
    ],
    matters: ['Going home. Not to a home: my home.', 'Getting my strength back.', 'Being back with my cat.'],
    agreed: [
      'I will stay with {name} when {he} goes home, until {he} feels back in control, so {he} does not have to explain everything again',
      'Reablement workers will help with getting up and washed for up to six weeks, with the aim of {name} doing it {himself}',
      '{kinName} will get some shopping in and put the heating on the day before',
      'I will be there when {name} gets home',
    ],
    resources: [
      'the Home from Hospital service at Northbridge Voluntary Action',
      'the Strength and Balance class at Northbridge Leisure Centre',
      'the Tuesday lunch club at St Luke’s',
    ],
    crisis: [
      '{name} was back in hospital after a week at home: breathless, frightened and convinced {he} had failed. I went to see {him} on the ward the same day.\n\nWe talked about what went wrong. The nights were the hardest, and {he} had not wanted to ring anyone. {He} still wants to be at home. This time we will start with more help and step it down.',
    ],
    plan: {
      self: ['{name} will get {himself} up and dressed, at {his} own pace'],
      network: ['{kinName} will visit on Wednesdays and Sundays'],
      tech: ['a pendant alarm and a key safe'],
      paid: ['help with a shower three mornings a week, from the agency {name} chose'],
    },
    stock: [
      '{name} has been home for a year and has not been back in hospital. The reablement help finished after five weeks; {he} needed less help than anyone expected.',
    ],
    about: {
      strengths: ['I’m determined. They said I’d not walk again and I did.', 'I get on with things.'],
      enjoys: ['My own chair, my own telly, my own tea.', 'Sunday dinner with the family.'],
      hopes: ['To get home and stay home.', 'To walk to the end of the road and back by the summer.'],
    },
  },
  learning: {
    ages: [18, 45],
    weight: 3,
    openings: [
      [
        '{name} came to the First Local drop-in with {kin}. {He} had the easy read leaflet in {his} hand and had circled "talk about your future".',
        'First Local drop-in, Northbridge Health Centre',
      ],
      ['The Preparation for Adulthood team introduced me to {name}, who leaves college this summer.', 'At home'],
    ],
    listen: [
      '{name} lives with {his} mum and wants {his} own place one day. {He} talked about what a good day looks like: getting the bus on {his} own, seeing friends, doing a job where {he} {is} useful. {He} {is} brilliant with animals and helps at the city farm on Saturdays.',
      '{name} leaves college in the summer and is worried about having nothing to do. {He} said: "I don’t want to sit at home all day watching telly." {He} loves cooking and wants to work in a café.',
    ],
    matters: ['Having my own money.', 'Seeing my friends.', 'Getting a job with animals.', 'Doing things myself.'],
    agreed: [
      '{name} will try travel training with the council, so {he} can get the bus to town on {his} own',
      'I will ask the Northbridge Community Café about a work placement',
      'I will make an easy read copy of this conversation for {name}',
      '{name} will go to the Friday Friends social club with Chloe, {his} friend from college',
    ],
    resources: [
      'travel training',
      'the Northbridge Community Café',
      'the Friday Friends social club',
      'Northbridge City Farm',
    ],
    crisis: [
      '{Kin} rang: {name}’s mum has been taken into hospital, and {name} is at home on {his} own and frightened. I went round straight away.\n\n{name} told me what {he} needed: to know what is happening to Mum, someone to stay tonight, and the cat fed. We sorted all three. {name} said: "I can do more than people think. I just need to know what’s happening."',
    ],
    plan: {
      self: ['{name} will get the bus to the café on {his} own, three days a week'],
      network: ['Mum will help with money on Sunday evenings', 'Chloe and the Friday Friends group'],
      tech: ['a phone app that shows the next bus and texts home when {he} arrives'],
      paid: ['a personal assistant, chosen by {name}, for eight hours a week, paid by a direct payment'],
    },
    stock: [
      '{name} has been at the café for a year and now works two paid shifts. {He} wants to look at living in {his} own flat with support, and we agreed to start that conversation properly.',
    ],
    about: {
      strengths: ['I’m good with animals. Dogs trust me.', 'I’m kind. I help people.', 'I’m a good cook.'],
      enjoys: ['Cooking, bowling and the farm on Saturdays.', 'Music and dancing at Friday Friends.'],
      hopes: ['My own flat.', 'A job in a café.'],
    },
  },
  mentalHealth: {
    ages: [19, 64],
    weight: 3,
    openings: [
      ['{name} rang First Contact late in the afternoon. {He} said {he} did not know who else to ring.', 'By phone'],
      ['{name}’s GP at {gp} asked if we could meet {him}, and {name} agreed.', 'Café at the Eastside Community Centre'],
    ],
    listen: [
      '{name} has not worked since the spring and is behind with the rent. {He} said: "I’m not after a miracle. I just want to stop drowning." {He} {is} sleeping badly and has stopped opening the post. We opened the letters together; two were urgent, the rest could wait.',
      '{name} has lived with depression for years and knows the signs. This time it came on after {his} job ended. {He} {is} managing, just, and wanted to talk before it got worse: "This is me asking early, like they told me to."',
      '{name} has been using the night shelter on and off. {He} {is} clear and thoughtful about what would help: somewhere settled to live first, then everything else.',
    ],
    matters: ['Keeping my flat.', 'Being taken seriously.', 'Getting back to work when I’m ready.', 'Seeing my kids.'],
    agreed: [
      '{name} will go to the debt advice drop-in at Citizens Advice Northbridge on Monday; I will go with {him} the first time',
      'I will ask the Recovery College about their course on living with anxiety',
      '{name} will try the Saturday walking group by the canal',
      'We will ring the landlord together to explain and agree a plan for the rent',
    ],
    resources: [
      'the Recovery College',
      'Citizens Advice Northbridge',
      'the Saturday walking group by the canal',
      'the peer support group at Northbridge Mind',
    ],
    crisis: [
      '{name} rang First Contact and said {he} did not feel safe tonight. I stayed on the phone while a colleague contacted the mental health crisis team, who saw {him} within two hours.\n\nThe next morning I went round. {name} was exhausted but glad {he} had rung. We agreed I would ring every day this week, and {he} wrote down who to ring at night.',
    ],
    plan: {
      self: ['{name} will keep to the routine that helps: up by nine, a walk every day, the group on Saturday'],
      network: ['{kinName} will ring on Sunday evenings', 'a friend from the walking group'],
      tech: ['a budgeting app, set up with the Citizens Advice adviser'],
      paid: ['eight weeks of help from a community support worker to get the flat straight, then stop'],
    },
    stock: [
      '{name} said: "A year ago I couldn’t open a letter." The rent is paid up and {he} started part-time work in the autumn. {He} does not want anything from us at the moment, and knows how to get back in touch.',
    ],
    about: {
      strengths: [
        'I’m honest, even when it’s hard.',
        'I don’t give up. I’ve got through worse than this.',
        'I’m good at fixing things; bikes, mostly.',
      ],
      enjoys: ['Walking by the canal early in the morning.', 'Music. It gets me through.'],
      hopes: ['To feel like myself again.', 'To pay off what I owe and breathe again.', 'To see more of my kids.'],
    },
  },
  physical: {
    ages: [25, 75],
    weight: 2,
    listen: [
      'Since {his} stroke last year, {name}’s left side is weaker and {he} tires quickly. {He} was a joiner and wants to get back to some kind of work. {He} gets frustrated when people talk to {kin} instead of {him}.',
      '{name} has MS and uses a wheelchair outside the house. The flat is getting harder: {he} cannot reach the kitchen cupboards and the bathroom door is too narrow. {He} works from home three days a week and does not want to lose that.',
      '{name} has had arthritis for years and it has got much worse this winter. Getting dressed takes an hour. {He} {is} the one who holds the family together and hates asking for help.',
    ],
    matters: [
      'Getting back to work, even part-time.',
      'Doing the school run.',
      'Not being talked over.',
      'Looking after myself.',
    ],
    agreed: [
      'An occupational therapist will visit to look at the kitchen and bathroom',
      'I will ask Care & Repair Northbridge about widening the bathroom door',
      '{name} will ask the job centre about Access to Work',
      '{name} will try the stroke club at the Eastside Community Centre',
    ],
    resources: [
      'the stroke club at the Eastside Community Centre',
      'Access to Work',
      'Care & Repair Northbridge',
      'wheelchair basketball at Northbridge Leisure Centre',
    ],
    crisis: [
      'The person who helps {name} most every day was taken into hospital on Monday, and {name} rang us from home in a panic. I went round within the hour.\n\nWe worked out together what {he} can do alone and what {he} cannot: getting out of bed, and the evening meal. Help is in place for mornings and evenings until the family can sort something out.',
    ],
    plan: {
      self: ['{name} will do {his} own lunches now the kitchen is lower, and keep going to the stroke club'],
      network: ['{kinName} will help in the mornings on weekdays before work'],
      tech: ['a video doorbell and smart plugs {he} controls from {his} phone'],
      paid: ['a personal assistant for two hours each morning, chosen and employed by {name} with a direct payment'],
    },
    stock: [
      'The kitchen was lowered in the spring and {name} does {his} own cooking again. {He} went back to work two days a week. {He} wanted the personal assistant’s hours to fit work better, and we agreed that today.',
    ],
    about: {
      strengths: ['I’m a problem solver. Give me a tricky job and I’ll find a way.', 'I’m patient. I’ve had to be.'],
      enjoys: ['Watching the rugby with my mates.', 'Reading; crime novels mostly.'],
      hopes: ['To work again.', 'To go on holiday with the family.'],
    },
  },
  newcomer: {
    ages: [19, 78],
    weight: 4,
    openings: [
      [
        '{name} came to the drop-in at the Eastside Community Centre because a neighbour told {him} we are there on Wednesdays.',
        'Eastside Community Centre',
      ],
    ],
    listen: [
      '{name} came to Northbridge {months} months ago.{viaInterpreter} {He} has a bad back and cannot get up the stairs to the flat without pain, but {his} bigger worry is feeling alone: "Everyone is kind, but I don’t know anyone."',
      '{name} has lived in Northbridge for {months} months and is still not registered with a GP.{viaInterpreter} {He} has diabetes and has run out of tablets twice. {He} was a teacher at home, and finds it hard to ask for help with things {he} used to do for others.',
    ],
    matters: ['Feeling safe.', 'My children being happy here.', 'Being able to speak for myself.'],
    agreed: [
      'I will help {name} register with {gp} today, before {he} leaves',
      '{name} will try the English classes at Northbridge College, which have a crèche',
      '{name} will go to the Saturday welcome group at the Eastside Community Centre, where some people speak {lang}',
      'I will find out about the {lang}-speaking social group at the library',
    ],
    resources: [
      'the English classes at Northbridge College',
      'the Saturday welcome group at the Eastside Community Centre',
      'Northbridge City of Sanctuary',
      'the {lang}-speaking group at the library',
    ],
    crisis: [
      '{name} came to the drop-in in tears: {his} housing support was ending and a letter said {he} must leave the hostel in seven days. I went to see {him} with an interpreter the same afternoon.\n\nWe rang the housing team together and got the date moved while a flat is found. {name} said the worst part was not understanding the letter.',
    ],
    plan: {
      self: ['{name} will go to English classes three mornings a week'],
      network: ['the welcome group, and {his} neighbour who speaks {lang}'],
      tech: ['a translation app on {his} phone, set up together'],
      paid: ['none needed'],
    },
    stock: [
      '{name}’s English has come on so much that we did most of today without the interpreter, which {he} was proud of. {He} volunteers at the welcome group now, helping people who have just arrived.',
    ],
    about: {
      strengths: ['I was a teacher at home. I know how to learn.', 'I am strong. I have started again before.'],
      enjoys: ['Cooking food from home for my neighbours.', 'Walking in the park with my children.'],
      hopes: ['To work again.', 'To speak English well enough to go to the doctor on my own.'],
    },
  },
  housing: {
    ages: [30, 90],
    weight: 1.5,
    openings: [
      [
        '{name} came to the First Local drop-in with a letter from {his} housing association demanding repairs to the bathroom floor. {He} was upset and did not know how to deal with it.',
        'First Local drop-in, Northbridge Health Centre',
      ],
    ],
    listen: [
      'Listening, I learned that {name} has been ill for some months and it is affecting {his} eyesight. {He} has been climbing in and out of the bath with help from {kinName}, who then pours water over {him} with a jug. The letter had made {him} feel {he} was in trouble for something {he} could not help.',
      'The letter said the tenancy was at risk if the floor was not put right. {name} had been too frightened to ring them. Since {his} operation {he} cannot step over the side of the bath, and the floor has been soaked again and again.',
    ],
    matters: ['Not being frightened of opening the post.', 'Being able to wash properly.', 'Keeping my home.'],
    agreed: [
      'I rang the housing association there and then to explain {name}’s health and ask them to stop the letters while we sort it out',
      'I will ask for a shower head that fits the bath taps, as a quick fix for now',
      'An occupational therapist will look at the bathroom, to see how it can be adapted',
      'The housing association will look at replacing the bathroom floor themselves',
    ],
    resources: [
      'the housing association’s adaptations team',
      'Care & Repair Northbridge',
      'Citizens Advice Northbridge',
    ],
    crisis: [
      'The housing association sent another letter by mistake. {name} rang me in a state, sure {he} was about to lose the house. I rang them straight away; they apologised and have put in writing that the tenancy is safe.',
    ],
    plan: {
      self: ['{name} will manage {his} own washing with the new shower'],
      network: ['{kinName} will help on bad days'],
      tech: ['a shower seat and a grab rail'],
      paid: ['none: with the adaptations {name} does not need help to wash'],
    },
    stock: [
      'The walk-in shower was fitted in the spring. {name} said: "I can wash on my own, in my own time. You don’t know what that means." The housing association has not written again.',
    ],
    about: {
      strengths: ['I’ve kept this house spotless for thirty years.', 'I’m a fighter.'],
      enjoys: ['My programmes in the afternoon.', 'Having the grandchildren round.'],
      hopes: ['To concentrate on getting better, not on letters.', 'To stay in this house.'],
    },
  },
  longTerm: {
    ages: [55, 100],
    weight: 2,
    listen: [
      '{name} has COPD and gets breathless on the stairs and in the cold. {He} has been in hospital three times this year and does not want to go back: "If it’s my time, I want to be in my own bed."',
      '{name} has heart failure. {He} {is} tired most of the time but sharp, funny and clear about what {he} wants: to stay at home, to see {his} grandchildren, and to be comfortable.',
    ],
    matters: ['Being at home, comfortable, with my family.', 'Not going back into hospital.', 'Being able to breathe.'],
    agreed: [
      'The district nurse and I will write a plan for bad days, so {name} is not taken into hospital when {he} does not want to be',
      'I will ask the GP to visit to talk about what {name} wants towards the end of life, when {he} {is} ready',
      '{name} will try the Breathe Easy group at the Methodist church',
      'We will look at moving {his} bed downstairs with {kinName}',
    ],
    resources: [
      'the Breathe Easy group at the Methodist church',
      'Northbridge Hospice’s day service',
      'the district nurses',
    ],
    crisis: [
      '{name} was very breathless overnight and {kin} rang 999. The paramedics were able to treat {him} at home, which is what {name} wanted. I went round in the morning.\n\n{name} said: "That’s how I want it, every time, if it can be." We added more help in the mornings for the next fortnight.',
    ],
    plan: {
      self: ['{name} will decide each day what {he} has the energy for'],
      network: ['{kinName} will stay over two nights a week'],
      tech: ['a pendant alarm, and video calls with the GP practice instead of the trip in'],
      paid: ['help with getting washed each morning, and a sitting service one evening a week so {kinName} can rest'],
    },
    stock: [
      '{name} has had a steadier year than {he} expected, with one short stay in hospital. {He} wants things to carry on as they are.',
    ],
    about: {
      strengths: ['I know my own mind.', 'I’ve a wicked sense of humour, even now.'],
      enjoys: ['The racing on the telly.', 'My grandchildren’s visits, and their noise.'],
      hopes: ['To be comfortable, at home, with my family around me.', 'To see one more summer in the garden.'],
    },
  },
  hoarding: {
    ages: [60, 92],
    weight: 0.4,
    openings: [
      [
        'Jamal Hussain, a housing officer at Northbridge Homes, was worried about {name} after a repairs visit, and asked {him} whether we could talk. {name} agreed.',
        'At home',
      ],
    ],
    listen: [
      'The hall and the front room are stacked with newspapers, bags and boxes, and the back door cannot be opened. {name} was embarrassed and said: "I know what it looks like." {He} keeps things because throwing them away feels like losing another bit of {his} life.',
    ],
    matters: ['My things. Don’t take them away from me.', 'Not being told what to do in my own home.'],
    agreed: [
      'We will clear a path to the back door together, a box at a time; {name} decides what goes',
      'I will ask the fire service for a free Safe and Well visit and smoke alarms',
      'Jamal will book the boiler service once there is a way through',
    ],
    resources: ['the fire service’s Safe and Well visit', 'the peer support group at Northbridge Mind'],
    crisis: [
      'A pan caught fire in the kitchen. {name} put it out {himself}, but the fire service came and were worried about the way out. I went round the next day, and {name} agreed that the back door has to come first.',
    ],
    plan: {
      self: ['{name} will clear one box a week with me, and decides what is kept'],
      network: ['{kinName} will come on the first Saturday of the month'],
      tech: ['linked smoke alarms from the fire service'],
      paid: ['none for now'],
    },
    stock: [
      'A year on, the back door opens and {name} sleeps upstairs again. {He} said: "It’s still my house. It’s just a bit safer."',
    ],
    about: {
      strengths: ['I’ve a good memory. Ask me anything about Northbridge.', 'I can mend anything.'],
      enjoys: ['Collecting old maps.', 'Car boot sales on a Sunday.'],
      hopes: ['To have people round again without being ashamed.'],
    },
  },
  // Carers are made alongside the person they care for; this theme is not drawn at random.
  carer: {
    ages: [20, 95],
    weight: 0,
    openings: [
      [
        '{name} rang First Contact after {caredName}’s worker suggested {he} talk to us about {himself}, not just about {caredName}.',
        'By phone',
      ],
      [
        'I met {name} at home, after a visit to {caredName}. I asked how {he} was, not just how {caredName} was, and {he} cried.',
        'At home',
      ],
      [
        '{name} came to the carers’ coffee morning at the Northbridge Carers’ Centre, and asked to talk on {his} own.',
        'Northbridge Carers’ Centre',
      ],
    ],
    listen: [
      '{name} has looked after {cared} for {careYears} years. {He} {is} up most nights and has not had a full day to {himself} since last summer. {He} said: "I love {caredName}. But I’m not me any more, I’m just the carer."',
      '{name} works full time and looks after {cared} in the evenings and at weekends. {He} {is} worried about what happens if {he} {is} ill: nobody else knows the routine, the tablets, or how to settle {caredName} when things go wrong.',
    ],
    matters: [
      'A night’s sleep.',
      'Time to be me, not just a carer.',
      'Knowing {caredName} is all right if something happens to me.',
    ],
    agreed: [
      '{name} will meet the Northbridge Carers’ Centre to talk about a break and what is on',
      'We wrote down an emergency plan together: who to ring, the routine and the tablets, in case {name} is ill',
      'I will ask about a carer’s break, so {name} can go away for a weekend',
      '{name} will try the carers’ coffee morning on Fridays',
    ],
    resources: ['the Northbridge Carers’ Centre', 'the carers’ coffee morning on Fridays', 'a carer’s break'],
    crisis: [
      '{name} rang in tears: {he} had not slept for three nights and said {he} could not carry on like this. I went round that afternoon.\n\nWe arranged help at night for {caredName} for a week, so {name} could sleep, and talked about what needs to change for the long run.',
    ],
    plan: {
      self: ['{name} will keep Thursday evenings for {himself}: swimming, then tea with a friend'],
      network: ['{name}’s sister will cover one weekend a month'],
      tech: ['a bed sensor for {caredName}, so {name} does not have to listen out all night'],
      paid: ['a sitting service on Thursday evenings, and a week’s break twice a year, from a carer’s budget'],
    },
    stock: [
      '{name} had two weekends away this year and said it was "like getting my breath back". Caring is still hard, but {he} has a life of {his} own alongside it.',
    ],
    about: {
      strengths: ['I’m organised: tablets, appointments, the lot.', 'I’m patient, most of the time.'],
      enjoys: ['Swimming, when I get the chance.', 'Reading in the bath, with the door locked.'],
      hopes: ['A weekend away.', 'To have a life of my own alongside caring.'],
    },
  },
};

/** How a first conversation might come about, for themes without their own openings. */
const openings: Array<[string, string]> = [
  [
    '{name}’s GP at {gp} suggested {he} come to the First Local drop-in at Northbridge Health Centre. {He} came in on a Tuesday morning and we talked in the quiet room.',
    'First Local drop-in, Northbridge Health Centre',
  ],
  ['{name} rang First Contact {himself}, after seeing a First Local poster in the chemist’s on {street}.', 'By phone'],
  [
    '{Kin} rang First Contact, worried about {name}. I asked whether {name} knew and was happy to talk to us; {kinName} passed the phone over and {name} said yes. I visited the next day.',
    'At home',
  ],
  [
    'Ruth Evans, the district nurse, asked us to get in touch, with {name}’s agreement, after a visit to dress {his} leg.',
    'At home',
  ],
  [
    '{name} came to the drop-in at the Eastside Community Centre, because a friend had told {him} we are there on Wednesdays.',
    'Eastside Community Centre',
  ],
];

/** Later "listen and connect" conversations: checking back. With where, and whether anything new was agreed. */
const checkIns: Array<[string, string, boolean]> = [
  [
    'I rang {name} as we agreed. {He} tried {resource} and said: "It was better than I thought it would be." {He} wants to keep going, and does not need anything else from us for now.',
    'By phone',
    false,
  ],
  [
    'I called in to see how things were going. Not everything has worked: {resource} was not for {him}, and {he} said so. We talked about what else might suit {him}, and {he} chose {resource2} to try next.',
    'At home',
    true,
  ],
  [
    '{name} rang me about a letter about {his} council tax. We went through it together: it was a reminder, not a bill. While we talked, {he} told me {resource} had been good.',
    'By phone',
    false,
  ],
  [
    'I visited with Kofi Boateng from Community Connectors, who knows what is on in {district}. {name} chose two things to try, and Kofi will go with {him} to the first.',
    'At home',
    true,
  ],
  [
    'A quick check back by phone. {name} said things are steady. {He} has not needed anything from us, and that is good news.',
    'By phone',
    false,
  ],
  [
    '{name} came back to the drop-in to tell us how things had gone, and brought a card for the team. We talked about what is still not right, and agreed what to try next.',
    'First Local drop-in, Northbridge Health Centre',
    true,
  ],
];

const talkedAbout = [
  'what a good day looks like for {name}',
  'who is around {him}: family, friends, neighbours',
  'what {he} has tried already',
  'what worries {him} most',
  'what {he} would like to be doing in a year',
  'what {he} does not want',
];

const strengthsIntro = [
  'We talked about what {name} is good at.',
  'I asked {name} what {he} is proud of.',
  'We talked about {name}’s life, not just the problem.',
];

/** A handful of records use jargon on purpose, so the plain-language warning has something to show. */
const jargonParagraphs = [
  'Discussed at the MDT on Thursday. Everyone agreed {he} can go home with the right help.',
  'Current package of care is four calls a day; to be looked at again once {name} is settled.',
  'NFA from us once the rails are in, unless {name} gets back in touch.',
  'MDT agreed a package of care to start on discharge.',
  'Closing: NFA. {name} knows how to contact us.',
  'Package of care reduced to two calls a day at {name}’s request.',
];

const next = {
  listen: [
    'I will ring you on {day} to see how you got on.',
    'I will send you the details of {resource} by {channel} today, and ring you on {day}.',
    'I will come and see you on {day} at 2pm, as you asked.',
    'If you need anything before then, ring me on {workerPhone}. Otherwise I will ring you on {day}.',
  ],
  crisis: [
    'I will ring you every morning this week, and come round on {day}.',
    'I will ring you tomorrow morning, and come round on {day} to see how the first few days have gone.',
  ],
  /** A crisis always has a next step, with or without a date. */
  crisisOpen: [
    'I will ring you every morning this week. If things get worse at night, ring the Out of Hours team on 01632 960199; they will have this record.',
  ],
  build: [
    'I will write this plan up and bring {format} round on {day}, so you can check it before anything is booked.',
    'I will send the plan to the team today, and ring you on {day} to tell you when the support can start.',
  ],
  stock: [
    'I will send you {format} of what we said, and ring you on {day} about the change we agreed.',
    'I will ring you on {day} to check the new times suit you.',
  ],
  carers: [
    'I will send you the Carers’ Centre details by {channel} today, and ring you on {day} to see if you have booked a break.',
    'I will bring the emergency plan round on {day} for you to check, and give a copy to {caredName}’s GP if you agree.',
  ],
  /** When nothing more is planned: no date to promise. */
  open: [
    'You know how to reach me: ring me on {workerPhone}, or drop in to First Local on a Tuesday. Otherwise we will take stock together next year.',
    'There is nothing more for me to do for now. If anything changes, ring me on {workerPhone}; you will not have to tell your story again.',
    'I will send you {format} of this conversation. Ring me on {workerPhone} whenever you want to talk.',
  ],
};

const stockPlaces = ['At home', 'By video call', 'Café at the Eastside Community Centre'];

const takingStockAgreed = [
  'things stay as they are: {name} is happy with how life is working',
  'the morning help moves to half past nine, which suits {him} better',
  '{name} will carry on with {resource}',
  'we will take stock again in a year, or sooner if {name} asks',
  '{name} will try {resource2} as well',
];

const amendmentsPool: Array<[string, string]> = [
  ['I wrote the wrong day for the lunch club', 'The lunch club at St Luke’s is on Tuesdays, not Thursdays as I wrote.'],
  [
    '{name} read {his} copy and asked for a change',
    '{name} did not say {he} "can’t cope". {He} said {he} {is} "tired of coping on my own". {His} words matter, so I have corrected them here.',
  ],
  [
    'Added after speaking to the district nurse',
    'Ruth Evans, the district nurse, changes the dressing on Mondays and Thursdays, so visits should avoid those mornings.',
  ],
  ['Wrong GP practice', '{name} is registered with {gp}, not the practice I wrote.'],
  ['Misheard on the phone', '{kinName} visits on Sundays, not Saturdays.'],
];

/** Hand-offs into each worker's list, with the reasons people give. Keys are staff keys below. */
const handOffReasons: Record<string, Array<{ from: StaffKey; reason: string; recordedBy: StaffKey }>> = {
  tom: [
    {
      from: 'aisha',
      reason:
        'Aisha’s list was too full after two colleagues left. Tom took over and met {name} with Aisha first, so {he} did not have to start again.',
      recordedBy: 'grace',
    },
    {
      from: 'daniel',
      reason:
        '{name} moved from NB7 to be near family in {district}, so the North East team took over. Daniel came to the first visit.',
      recordedBy: 'grace',
    },
    {
      from: 'fatima',
      reason:
        'Home from hospital and settled. Fatima stayed with {name} for six weeks, then introduced Tom as {his} local worker.',
      recordedBy: 'fatima',
    },
    {
      from: 'grace',
      reason: 'Grace held {name}’s record while the team was short. Tom now has room.',
      recordedBy: 'grace',
    },
  ],
  aisha: [
    { from: 'tom', reason: '{name} asked for a woman worker.', recordedBy: 'grace' },
    {
      from: 'fatima',
      reason:
        'Home from hospital and settled. Fatima stayed with {name} until {he} felt back in control, then introduced Aisha.',
      recordedBy: 'fatima',
    },
    {
      from: 'grace',
      reason: 'Grace held {name}’s record while the team was short. Aisha now has room.',
      recordedBy: 'grace',
    },
  ],
  daniel: [
    {
      from: 'siobhan',
      reason: '{name} moved into sheltered housing in {district}, in the South East team’s area.',
      recordedBy: 'wei',
    },
    { from: 'wei', reason: 'Wei held {name}’s record while Daniel was on leave.', recordedBy: 'wei' },
    {
      from: 'fatima',
      reason: 'Home from hospital. Fatima and Daniel visited together before Fatima stepped back.',
      recordedBy: 'daniel',
    },
  ],
  siobhan: [
    { from: 'daniel', reason: '{name} moved to {district} to be nearer {his} family.', recordedBy: 'siobhan' },
    {
      from: 'fatima',
      reason: 'Home from hospital and settled; Fatima introduced Siobhan as {his} local worker.',
      recordedBy: 'siobhan',
    },
  ],
  grace: [
    {
      from: 'tom',
      reason:
        '{name}’s family made a complaint about Tom. Grace is the named worker while it is looked into, so it is handled fairly.',
      recordedBy: 'grace',
    },
  ],
};

// ---------------------------------------------------------------------------------------
// Staff. The demo workers are looked up by email; keys name them in the lists above.

/** Named workers by postcode district. */
const localityWorkers: Record<string, StaffKey[]> = {
  NB3: ['tom', 'grace', 'aisha'],
  NB4: ['tom', 'grace', 'aisha'],
  NB7: ['daniel', 'wei'],
  NB8: ['daniel', 'wei'],
  NB11: ['siobhan'],
  NB12: ['siobhan'],
};
/**
 * How many people each worker holds. Tom has 20 (a few more with carers) so his home page is
 * full; the others hold more than is healthy, so that most demo people have a named worker.
 */
const caseloads: Partial<Record<StaffKey, number>> = {
  tom: 20,
  grace: 10,
  aisha: 55,
  daniel: 52,
  wei: 10,
  siobhan: 50,
  fatima: 25,
};
/** The team manager who records allocations and hand-offs in each team, where there is one. */
const managerOf: Partial<Record<StaffKey, StaffKey>> = {
  tom: 'grace',
  aisha: 'grace',
  grace: 'grace',
  daniel: 'wei',
  wei: 'wei',
};
/** Check backs falling due this week, and overdue, on each worker's home page. */
const checkBackQuota: Partial<Record<StaffKey, { due: number; overdue: number }>> = {
  tom: { due: 4, overdue: 3 },
  aisha: { due: 2, overdue: 1 },
  daniel: { due: 2, overdue: 1 },
  siobhan: { due: 2, overdue: 1 },
  fatima: { due: 1, overdue: 1 },
  grace: { due: 1, overdue: 0 },
};

const PEOPLE = 266;
const CARERS = 30;
const HAND_OFFS = 20;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------
// The plan for each person, built in memory first, then recorded through the services in the order it happened.

interface Member {
  given: string;
  family: string;
  gender: Gender;
  relationship: string;
  roles: string[];
  phone: string | null;
  notes: string | null;
  /** The member's own record, when they are a carer with a record in Hearth. */
  linked?: Plan;
}

interface Plan {
  id: string;
  bg: Background;
  gender: Gender;
  given: string;
  family: string;
  preferred: string | null;
  pronouns: string | null;
  age: number;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  district: string;
  street: string;
  address: string;
  postcode: string;
  phone: string | null;
  email: string | null;
  firstLanguage: string | null;
  otherLanguage: string | null;
  interpreter: boolean;
  comms: CommunicationProfile | null;
  commNotes: string | null;
  theme: ThemeKey;
  resource: string;
  resource2: string;
  gp: string;
  members: Member[];
  conversations: number;
  deceased: boolean;
  restrictedReason: string | null;
  /** Named workers, oldest first; the last is the current one. */
  workers: Array<{ staff: Staff; reason: string; recordedBy: Staff }>;
  checkBack: 'due' | 'overdue' | null;
  frontDoorFirst: boolean;
  /** For a carer: the person they care for and how that person's network lists them. */
  caresFor?: { plan: Plan; member: Member };
  hasAboutMe: boolean;
  /** How many days ago their first conversation was, when their story fixes it. */
  firstDaysAgo?: number;
  /** Worked out once everyone has a named worker: when each conversation happened, and of what kind. */
  dates: Date[];
  kinds: ConversationKind[];
  death: Date | null;
}

type PersonRow = typeof people.$inferInsert;
type ConversationRow = typeof conversations.$inferInsert;

/** Changes to a record that are not rows of their own: who holds it, who may open it, a death. */
type Step =
  | { what: 'named worker'; personId: string; at: Date; by: Staff; worker: Staff; reason: string }
  | { what: 'restricted'; personId: string; at: Date; by: Staff; reason: string }
  | { what: 'died'; personId: string; at: Date; by: Staff; dateOfDeath: string };

/** The story, worked out in memory: what each worker recorded, and when. Ids here are the plan's own. */
interface Output {
  people: PersonRow[];
  aboutMe: Array<typeof aboutMe.$inferInsert>;
  network: Array<typeof networkMembers.$inferInsert>;
  conversations: ConversationRow[];
  amendments: Array<typeof conversationAmendments.$inferInsert>;
  steps: Step[];
}

/**
 * Loads the demo people into a database that has the demo workers and teams: every record,
 * conversation, network member, "about me", named worker and restriction is made through the
 * people and conversations services, by the worker the story names, at the time it says, in
 * the order it happened (so a carer's record exists before another's network links to it).
 */
export async function seedDemoPeople(
  db: Db,
  now: Date,
  actors: DemoActors,
): Promise<{ people: number; conversations: number }> {
  const staffRows = await db
    .select({
      id: workers.id,
      email: workers.email,
      name: workers.name,
      jobTitle: workers.jobTitle,
      phone: workers.phone,
      teamId: workers.teamId,
      role: workers.role,
    })
    .from(workers)
    .where(inArray(workers.email, Object.values(staffEmails)));
  const staff = demoStaffFrom(staffRows);
  const localityTeam = new Map((await db.select().from(localityPostcodes)).map((r) => [r.prefix, r.teamId]));
  const [northEast] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(inArray(teams.name, ['North East locality team']));

  const out = buildDemoPeople(now, staff, localityTeam);
  // The plan's ids stand for the records the services make; this maps one to the other.
  const saved = new Map<string, string>();
  const idOf = (planId: string) => {
    const id = saved.get(planId);
    if (!id) throw new Error(`The demo refers to ${planId} before it was recorded`);
    return id;
  };
  const identityOf = new Map(out.people.map((p) => [p.id!, p]));
  const identity = (p: PersonRow) => ({
    givenName: p.givenName,
    familyName: p.familyName,
    preferredName: p.preferredName ?? null,
    pronouns: p.pronouns ?? null,
    dateOfBirth: p.dateOfBirth ?? null,
    dateOfDeath: p.dateOfDeath ?? null,
    nhsNumber: p.nhsNumber ?? null,
    address: p.address ?? null,
    postcode: p.postcode ?? null,
    phone: p.phone ?? null,
    email: p.email ?? null,
    firstLanguage: p.firstLanguage ?? null,
    interpreterNeeded: p.interpreterNeeded ?? false,
    communicationNeeds: p.communicationNeeds ?? [],
    communicationNotes: p.communicationNotes ?? null,
  });

  // Everything in the order it happened; at the same moment, a record before what is added to it.
  const events: Array<{ at: Date; order: number; run: () => Promise<unknown> }> = [];
  const on = (at: Date, order: number, run: () => Promise<unknown>) => events.push({ at, order, run });
  for (const p of out.people)
    on(p.createdAt!, 0, async () => {
      const { saved: person } = await registerPerson(actors.as(p.createdBy!, p.createdAt!), {
        ...identity(p),
        version: 0,
        confirmedNew: true,
      });
      saved.set(p.id!, person!.id);
    });
  for (const s of out.steps) {
    const ctx = () => actors.as(s.by.id, s.at);
    if (s.what === 'named worker') on(s.at, 1, () => changeNamedWorker(ctx(), idOf(s.personId), s.worker.id, s.reason));
    else if (s.what === 'restricted')
      on(s.at, 1, () =>
        setRestriction(ctx(), idOf(s.personId), {
          restricted: true,
          reason: s.reason,
          workerIds: [],
          teamIds: northEast ? [northEast.id] : [],
        }),
      );
    else
      on(s.at, 1, async () => {
        const id = idOf(s.personId);
        const [{ version }] = await db.select({ version: people.version }).from(people).where(eq(people.id, id));
        const p = identityOf.get(s.personId)!;
        await updateIdentity(ctx(), id, { ...identity(p), dateOfDeath: s.dateOfDeath, version, confirmedNew: false });
      });
  }
  for (const m of out.network)
    on(m.createdAt!, 2, () =>
      addNetworkMember(actors.as(m.addedBy!, m.createdAt!), idOf(m.personId), {
        name: m.name,
        relationship: m.relationship,
        roles: m.roles ?? [],
        phone: m.phone ?? null,
        email: m.email ?? null,
        notes: m.notes ?? null,
        linkedPersonId: m.linkedPersonId ? idOf(m.linkedPersonId) : null,
      }),
    );
  for (const a of out.aboutMe)
    on(a.writtenAt!, 2, () =>
      saveAboutMe(actors.as(a.writtenBy!, a.writtenAt!), idOf(a.personId), {
        whatMatters: a.whatMatters ?? '',
        strengths: a.strengths ?? '',
        enjoys: a.enjoys ?? '',
        hopes: a.hopes ?? '',
        inTheirWords: a.inTheirWords ?? true,
        version: a.version - 1,
      }),
    );
  for (const c of out.conversations)
    on(c.createdAt!, 3, async () => {
      const v = await recordConversation(actors.as(c.authorId, c.createdAt!), idOf(c.personId), {
        kind: c.kind,
        occurredAt: c.occurredAt,
        place: c.place ?? null,
        participants: c.participants ?? null,
        narrative: c.narrative,
        whatMatters: c.whatMatters ?? null,
        agreed: c.agreed ?? null,
        whatHappensNext: c.whatHappensNext ?? null,
        checkBackOn: c.checkBackOn ?? null,
        submissionKey: null,
      });
      saved.set(c.id!, v.id);
    });
  for (const a of out.amendments)
    on(a.createdAt!, 4, () =>
      amendConversation(actors.as(a.authorId, a.createdAt!), idOf(a.conversationId), {
        reason: a.reason,
        correction: a.correction,
      }),
    );
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  // One at a time, as the story happened: each step may depend on the one before.
  for (const e of events) await e.run();
  return { people: out.people.length, conversations: out.conversations.length };
}

/** Everything the workers record, worked out in memory from the staff and teams already loaded: no database needed. */
export function buildDemoPeople(now: Date, staff: Record<StaffKey, Staff>, localityTeam: Map<string, string>): Output {
  const rnd = new Random(0x4ea47);
  // Ids come from their own generator, so changing a text list does not change every id.
  const ids = new Random(0x1d5);
  const pools = numberPools(rnd);
  const usedNhs = new Set<string>();
  const g: Gen = { rnd, ids, now, staff, localityTeam, pools, usedNhs, streetPostcodes: new Map() };

  const plans: Plan[] = [];
  plans.push(arthur(g));
  plans.push(...restrictedPeople(g));
  for (let i = 0; i < PEOPLE; i++) plans.push(makePerson(g));
  plans.push(...makeCarers(g, plans));
  assignWorkers(g, plans);
  addHandOffs(g, plans);
  assignCheckBacks(plans);

  // Dates first, for everyone: a carer's dates follow the person they care for, and the
  // link between them is added to the network when the carer's own record was made.
  for (const p of plans) planDates(g, p);
  const out: Output = {
    people: [],
    aboutMe: [],
    network: [],
    conversations: [],
    amendments: [],
    steps: [],
  };
  for (const p of plans) writePerson(g, p, out);
  addJargonAndAmendments(g, plans, out);
  checkNetworkVocabulary(out);
  return out;
}

interface Gen {
  rnd: Random;
  ids: Random;
  now: Date;
  staff: Record<StaffKey, Staff>;
  localityTeam: Map<string, string>;
  pools: { landline: string[]; mobile: string[] };
  usedNhs: Set<string>;
  streetPostcodes: Map<string, string[]>;
}

// ---------------------------------------------------------------------------------------
// Identity.

/** Drama phone numbers, shuffled, each used once (the demo workers have 01632 960100 to 960199). */
function numberPools(rnd: Random) {
  const landline = rnd.sample(
    Array.from({ length: 800 }, (_, i) => `01632 960${String(200 + i)}`),
    800,
  );
  const mobile = rnd.sample(
    Array.from({ length: 1000 }, (_, i) => `07700 900${String(i).padStart(3, '0')}`),
    1000,
  );
  return { landline, mobile };
}

const nhsNumber = (g: Gen) => demoNhsNumber(g.rnd, g.usedNhs);

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dateOfBirth(g: Gen, age: number): string {
  const d = new Date(g.now);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  return isoDay(new Date(d.getTime() - g.rnd.int(1, 364) * DAY));
}

function postcodeFor(g: Gen, district: string): string {
  return `${district} ${g.rnd.int(1, 9)}${g.rnd.pick([...inwardLetters])}${g.rnd.pick([...inwardLetters])}`;
}

/** Streets in a district: every fourteenth street, each with its own three postcodes. */
function homeIn(g: Gen, district: string, older: boolean) {
  const n = Number(district.slice(2)) - 1;
  const street = g.rnd.pick(streets.filter((_, i) => i % 14 === n));
  if (!g.streetPostcodes.has(street))
    g.streetPostcodes.set(street, [postcodeFor(g, district), postcodeFor(g, district), postcodeFor(g, district)]);
  const postcode = g.rnd.pick(g.streetPostcodes.get(street)!);
  const address = g.rnd.chance(older ? 0.25 : 0.3)
    ? `Flat ${g.rnd.int(1, 40)}, ${g.rnd.pick(blocks)}, ${street}, Northbridge`
    : `${g.rnd.int(1, 180)} ${street}, Northbridge`;
  return { district, street, postcode, address };
}

function familyName(g: Gen, bg: Background, gender: Gender): string {
  const f = g.rnd.pick(bg.family);
  const [male, female] = f.split('|');
  return gender === 'f' && female ? female : gender === 'x' ? g.rnd.pick([male, female ?? male]) : male;
}

/** A given name from their background, other than the names in `taken`: the people in one family each have their own. */
function givenName(g: Gen, bg: Background, gender: Gender, taken: readonly string[] = []): string {
  const names = gender === 'f' ? bg.female : gender === 'm' ? bg.male : g.rnd.pick([bg.female, bg.male]);
  const free = names.filter((n) => !taken.includes(n));
  return g.rnd.pick(free.length ? free : names);
}

function pickAge(g: Gen): number {
  // Mostly older people, as in adult social care: half over 75.
  const [lo, hi] = g.rnd.weighted<[number, number]>([
    [[18, 29], 8],
    [[30, 49], 13],
    [[50, 64], 15],
    [[65, 79], 28],
    [[80, 89], 26],
    [[90, 100], 10],
  ]);
  return g.rnd.int(lo, hi);
}

function pickTheme(g: Gen, age: number, bg: Background): ThemeKey {
  const options = (Object.entries(themes) as Array<[ThemeKey, Theme]>).filter(
    ([key, t]) => t.weight > 0 && age >= t.ages[0] && age <= t.ages[1] && (key !== 'newcomer' || bg.newcomers),
  );
  return g.rnd.weighted(options.map(([key, t]) => [key, t.weight] as const));
}

function pickCommunication(g: Gen, age: number, theme: ThemeKey): keyof typeof communicationProfiles | null {
  if (theme === 'learning' && g.rnd.chance(0.75)) return 'learningDisability';
  if (theme === 'memory' && g.rnd.chance(0.5)) return 'memory';
  if (g.rnd.chance(0.025)) return 'deafBsl';
  if (age >= 75 && g.rnd.chance(0.25))
    return g.rnd.weighted([
      ['hardOfHearing', 5],
      ['sightLoss', 5],
      ['deafblind', 0.5],
      ['braille', 0.5],
    ] as const);
  if (theme === 'physical' && g.rnd.chance(0.2)) return 'aphasia';
  if (age < 65 && g.rnd.chance(0.12))
    return g.rnd.weighted([
      ['dyslexia', 2],
      ['email', 2],
      ['text', 2],
      ['braille', 0.5],
    ] as const);
  return null;
}

function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

interface IdentityOverrides {
  given?: string;
  family?: string;
  gender?: Gender;
  bgKey?: string;
  age?: number;
  district?: string;
  theme?: ThemeKey;
  preferred?: string | null;
}

/** One person: who they are, where they live, how to talk with them, who is in their life. */
function makePerson(g: Gen, o: IdentityOverrides = {}): Plan {
  const { rnd } = g;
  const bgKey = o.bgKey ?? rnd.weighted(Object.entries(backgrounds).map(([k, b]) => [k, b.weight] as const));
  const bg = backgrounds[bgKey];
  const age = o.age ?? pickAge(g);
  const gender: Gender = o.gender ?? (age < 50 && rnd.chance(0.03) ? 'x' : rnd.chance(0.57) ? 'f' : 'm');
  const given = o.given ?? givenName(g, bg, gender);
  const family = o.family ?? familyName(g, bg, gender);
  const preferred =
    o.preferred !== undefined ? o.preferred : knownAs[given] && rnd.chance(0.6) ? rnd.pick(knownAs[given]) : null;
  const theme = o.theme ?? pickTheme(g, age, bg);
  const home = homeIn(g, o.district ?? rnd.weighted(districtWeights), age >= 65);

  // Languages: younger people from families who came here are more likely to have English first.
  const englishFirst = Math.min(1, bg.englishFirst + (age < 40 && bg.languages.length ? 0.4 : 0));
  const otherLanguage = bg.languages.length ? rnd.pick(bg.languages) : null;
  let firstLanguage: string | null =
    otherLanguage && (theme === 'newcomer' || !rnd.chance(englishFirst))
      ? otherLanguage
      : rnd.chance(0.4)
        ? 'English'
        : null;
  let interpreter =
    firstLanguage !== null &&
    firstLanguage !== 'English' &&
    rnd.chance(theme === 'newcomer' ? 0.8 : age >= 60 ? 0.55 : 0.2);

  const commKey = pickCommunication(g, age, theme);
  const comms = commKey ? communicationProfiles[commKey] : null;
  if (commKey === 'deafBsl') {
    firstLanguage = 'British Sign Language';
    interpreter = true;
  }
  const needsMobile = comms?.needs.includes('text_message_preferred') || age < 60;
  const phone = rnd.chance(0.85)
    ? ((needsMobile || rnd.chance(0.2) ? g.pools.mobile.pop() : g.pools.landline.pop()) ?? null)
    : null;
  const email =
    comms?.needs.includes('email_preferred') || rnd.chance(age < 65 ? 0.12 : 0.03)
      ? `${asciiName(preferred ?? given)}.${asciiName(family)}@example.com`
      : null;

  const resources = themes[theme].resources;
  const [resource, resource2] = rnd.sample(resources, 2);
  const plan: Plan = {
    id: g.ids.uuid(),
    bg,
    gender,
    given,
    family,
    preferred,
    pronouns: gender === 'x' ? 'they/them' : rnd.chance(0.15) ? (gender === 'f' ? 'she/her' : 'he/him') : null,
    age,
    dateOfBirth: rnd.chance(0.97) ? dateOfBirth(g, age) : null,
    nhsNumber: rnd.chance(0.88) ? nhsNumber(g) : null,
    ...home,
    phone,
    email,
    firstLanguage,
    otherLanguage:
      firstLanguage !== 'English' && firstLanguage !== 'British Sign Language' ? firstLanguage : otherLanguage,
    interpreter,
    comms,
    commNotes: comms ? rnd.pick(comms.notes) : null,
    theme,
    resource,
    resource2: resource2 ?? resource,
    gp: rnd.pick(surgeries),
    members: [],
    conversations: rnd.weighted([
      [1, 15],
      [2, 22],
      [3, 22],
      [4, 15],
      [5, 10],
      [6, 7],
      [7, 5],
      [8, 4],
    ] as const),
    deceased: false,
    restrictedReason: null,
    workers: [],
    checkBack: null,
    frontDoorFirst: rnd.chance(0.3) && theme !== 'hospital',
    hasAboutMe: rnd.chance(0.87),
    dates: [],
    kinds: [],
    death: null,
  };
  plan.deceased = age >= 80 && ['longTerm', 'hospital', 'memory'].includes(theme) && rnd.chance(0.12);
  plan.members = makeNetwork(g, plan);
  return plan;
}

function member(
  g: Gen,
  bg: Background,
  relationship: string,
  gender: Gender,
  family: string | null,
  roles: string[],
  notes: string | null,
  taken: readonly string[],
): Member {
  return {
    given: givenName(g, bg, gender, taken),
    family: family ?? familyName(g, bg, gender),
    gender,
    relationship,
    roles,
    phone: g.rnd.chance(0.85) ? (g.pools.mobile.pop() ?? g.pools.landline.pop() ?? null) : null,
    notes,
  };
}

const familyNotes = [
  'Rings every evening.',
  'Lives in Leeds; visits at weekends.',
  'Has a key.',
  'Does the shopping on Fridays.',
  'Works nights; best to text.',
  'Lives abroad; calls on Sundays.',
  null,
  null,
];
const friendNotes = [
  'Has a key.',
  'Goes to the lunch club too.',
  'Known each other since school.',
  'Checks the curtains are open every morning.',
  null,
];

/** The given names a new member of someone's network must not share: theirs, and their network's. */
function namesAround(p: Pick<Plan, 'given' | 'preferred'>, members: Member[]): string[] {
  return [p.given, ...(p.preferred ? [p.preferred] : []), ...members.map((m) => m.given)];
}

/** Family, friends and neighbours; the closest first. */
function makeNetwork(g: Gen, p: Plan): Member[] {
  const { rnd } = g;
  const ms: Member[] = [];
  const other = () => backgrounds[rnd.weighted(Object.entries(backgrounds).map(([k, b]) => [k, b.weight] as const))];
  const childBg = p.bg.languages.length && rnd.chance(0.2) ? backgrounds.english : p.bg;
  const sexOf = (): Gender => (rnd.chance(0.5) ? 'f' : 'm');
  const add = (
    bg: Background,
    relationship: string,
    gender: Gender,
    family: string | null,
    roles: string[],
    notes: string | null,
  ) => ms.push(member(g, bg, relationship, gender, family, roles, notes, namesAround(p, ms)));
  if (p.age >= 40 && rnd.chance(p.age >= 80 ? 0.3 : 0.5)) {
    const gender: Gender = rnd.chance(0.92) ? (p.gender === 'f' ? 'm' : 'f') : p.gender === 'x' ? sexOf() : p.gender;
    const relationship = rnd.chance(0.15) ? 'Partner' : gender === 'f' ? 'Wife' : 'Husband';
    add(p.bg, relationship, gender, rnd.chance(0.8) ? p.family : null, rnd.chance(0.7) ? ['Next of kin'] : [], null);
  }
  if (p.age >= 45) {
    const children = rnd.weighted([
      [0, 15],
      [1, 30],
      [2, 35],
      [3, 20],
    ] as const);
    for (let i = 0; i < children; i++) {
      const gender = sexOf();
      const roles: string[] = [];
      if (i === 0 && ms.length === 0) roles.push('Next of kin');
      if (i === 0 && rnd.chance(0.4)) roles.push('Emergency contact');
      if (i === 0 && p.age >= 70 && rnd.chance(0.18)) roles.push('Lasting power of attorney (health and welfare)');
      if (i === 0 && p.age >= 70 && rnd.chance(0.15)) roles.push('Lasting power of attorney (property and finance)');
      add(
        childBg,
        gender === 'f' ? 'Daughter' : 'Son',
        gender,
        rnd.chance(0.6) ? p.family : null,
        roles,
        rnd.pick(familyNotes),
      );
    }
    if (p.age >= 75 && rnd.chance(0.15))
      add(childBg, 'Grandchild', sexOf(), null, [], 'Visits after college on Wednesdays.');
  } else {
    if (rnd.chance(0.75)) {
      const gender = sexOf();
      add(p.bg, 'Parent', gender, rnd.chance(0.8) ? p.family : null, ['Next of kin'], rnd.pick(familyNotes));
    }
    if (rnd.chance(0.4)) {
      const gender = sexOf();
      add(p.bg, gender === 'f' ? 'Sister' : 'Brother', gender, p.family, [], rnd.pick(familyNotes));
    }
    if (p.theme === 'learning' && rnd.chance(0.4))
      ms.push({
        given: 'Jo',
        family: 'Barnes',
        gender: 'f',
        relationship: 'Advocate',
        roles: ['Advocate'],
        phone: '01632 960150',
        notes: 'Northbridge Advocacy. Comes to meetings if {name} wants.',
      });
  }
  if (rnd.chance(0.35)) add(other(), 'Friend', sexOf(), null, [], rnd.pick(friendNotes));
  if (rnd.chance(p.age >= 65 ? 0.35 : 0.15))
    add(other(), 'Neighbour', sexOf(), null, rnd.chance(0.4) ? ['Emergency contact'] : [], rnd.pick(friendNotes));
  if (p.age >= 65 && rnd.chance(0.05)) add(p.bg, 'Other family', sexOf(), p.family, [], 'Nephew; helps with forms.');
  return ms;
}

// ---------------------------------------------------------------------------------------
// The people written by hand: the seeds' typical case, and two restricted records.

function arthur(g: Gen): Plan {
  const p = makePerson(g, {
    given: 'Arthur',
    family: 'Pemberton',
    gender: 'm',
    bgKey: 'english',
    age: 84,
    district: 'NB3',
    theme: 'hoarding',
    preferred: null,
  });
  p.address = '14 Canal Row, Northbridge';
  p.street = 'Canal Row';
  p.postcode = 'NB3 2HJ';
  p.phone = g.pools.landline.pop() ?? null;
  p.email = null;
  p.firstLanguage = 'English';
  p.interpreter = false;
  p.comms = communicationProfiles.hardOfHearing;
  p.commNotes = 'Face me when you speak; I lip-read a bit. Knock loudly: I don’t always hear the bell.';
  p.members = [
    {
      given: 'Susan',
      family: 'Clarke',
      gender: 'f',
      relationship: 'Daughter',
      roles: ['Next of kin', 'Emergency contact'],
      phone: g.pools.mobile.pop() ?? null,
      notes: 'Lives in Leeds; rings on Sundays. Arthur does not want her "upset".',
    },
    {
      given: 'Pat',
      family: 'Doyle',
      gender: 'f',
      relationship: 'Neighbour',
      roles: [],
      phone: null,
      notes: 'Next door at number 16. Takes in his parcels.',
    },
  ];
  // His first visit, then a check-in since: his team around him was set up a week after the
  // first (five weeks ago, in demo.tap.ts), so his record is older than all of it.
  p.conversations = 2;
  p.firstDaysAgo = 42;
  p.deceased = false;
  p.frontDoorFirst = false;
  p.hasAboutMe = true;
  return p;
}

function restrictedPeople(g: Gen): Plan[] {
  const staffMember = makePerson(g, {
    given: 'Claire',
    family: 'Whitfield',
    gender: 'f',
    bgKey: 'english',
    age: 47,
    district: 'NB4',
    theme: 'mentalHealth',
    preferred: null,
  });
  staffMember.restrictedReason =
    'Works for the council, in the First Contact team. Only the North East locality team should see this record.';
  const other = makePerson(g, {
    given: 'Joanne',
    family: 'Fairley',
    gender: 'f',
    bgKey: 'english',
    age: 39,
    district: 'NB3',
    theme: 'mentalHealth',
    preferred: 'Jo',
  });
  other.restrictedReason =
    'Her former partner works for the council. She asked that only the team she knows can see her record.';
  for (const p of [staffMember, other]) {
    // Her first conversation is with her named worker, not with colleagues at First Contact.
    p.frontDoorFirst = false;
    p.deceased = false;
    p.conversations = Math.max(p.conversations, 3);
  }
  return [staffMember, other];
}

// ---------------------------------------------------------------------------------------
// Carers: people in Hearth who care for someone else in Hearth, linked both ways.

const reverseRelationship = (rel: string, cared: Gender): string => {
  if (rel === 'Husband' || rel === 'Wife') return cared === 'f' ? 'Wife' : cared === 'm' ? 'Husband' : 'Partner';
  if (rel === 'Daughter' || rel === 'Son') return 'Parent';
  if (rel === 'Parent') return cared === 'f' ? 'Daughter' : cared === 'm' ? 'Son' : 'Other family';
  if (rel === 'Sister' || rel === 'Brother')
    return cared === 'f' ? 'Sister' : cared === 'm' ? 'Brother' : 'Other family';
  if (rel === 'Grandchild') return 'Other family';
  return rel;
};

function makeCarers(g: Gen, plans: Plan[]): Plan[] {
  const { rnd } = g;
  const careThemes: ThemeKey[] = ['memory', 'falls', 'physical', 'learning', 'longTerm', 'hospital'];
  const candidates = plans.filter(
    (p) => careThemes.includes(p.theme) && !p.deceased && !p.restrictedReason && p.given !== 'Arthur',
  );
  const carers: Plan[] = [];
  for (const cared of rnd.sample(candidates, CARERS)) {
    // The carer is whoever is closest: a spouse, a child, a parent; otherwise a neighbour.
    let m =
      cared.members.find((x) => ['Husband', 'Wife', 'Partner'].includes(x.relationship)) ??
      cared.members.find((x) => ['Daughter', 'Son', 'Parent'].includes(x.relationship)) ??
      cared.members.find((x) => ['Sister', 'Brother', 'Friend', 'Neighbour'].includes(x.relationship));
    if (!m) {
      m = member(
        g,
        cared.bg,
        'Neighbour',
        rnd.chance(0.5) ? 'f' : 'm',
        null,
        [],
        null,
        namesAround(cared, cared.members),
      );
      cared.members.push(m);
    }
    const age = ['Husband', 'Wife', 'Partner'].includes(m.relationship)
      ? Math.min(98, Math.max(20, cared.age + rnd.int(-5, 5)))
      : m.relationship === 'Parent'
        ? Math.min(90, cared.age + rnd.int(22, 34))
        : ['Daughter', 'Son'].includes(m.relationship)
          ? Math.max(25, cared.age - rnd.int(24, 36))
          : rnd.int(35, 75);
    const livesWith =
      ['Husband', 'Wife', 'Partner'].includes(m.relationship) || (m.relationship === 'Parent' && rnd.chance(0.7));
    const bgKey = Object.keys(backgrounds).find((k) => backgrounds[k] === cared.bg)!;
    const carer = makePerson(g, {
      given: m.given,
      family: m.family,
      gender: m.gender,
      bgKey,
      age,
      district: livesWith ? cared.district : undefined,
      theme: 'carer',
      preferred: null,
    });
    if (livesWith) {
      carer.address = cared.address;
      carer.postcode = cared.postcode;
      carer.street = cared.street;
    }
    carer.phone = m.phone ?? carer.phone;
    carer.deceased = false;
    carer.conversations = rnd.weighted([
      [1, 40],
      [2, 35],
      [3, 25],
    ] as const);
    carer.members = [
      {
        given: cared.given,
        family: cared.family,
        gender: cared.gender,
        relationship: reverseRelationship(m.relationship, cared.gender),
        roles: [],
        phone: cared.phone,
        notes: null,
        linked: cared,
      },
      // Their friends and neighbours, other than one who shares a name with the person they care for.
      ...carer.members.filter(
        (x) =>
          (x.relationship === 'Friend' || x.relationship === 'Neighbour') && !namesAround(cared, []).includes(x.given),
      ),
    ];
    m.linked = carer;
    m.roles = ['Unpaid carer', ...m.roles.filter((r) => r !== 'Unpaid carer')];
    carer.caresFor = { plan: cared, member: m };
    carers.push(carer);
  }
  return carers;
}

// ---------------------------------------------------------------------------------------
// Named workers, hand-offs and check backs.

function assignWorkers(g: Gen, plans: Plan[]) {
  const { rnd, staff } = g;
  const held = new Map<StaffKey, number>();
  const room = (key: StaffKey, extra = 0) => (held.get(key) ?? 0) < (caseloads[key] ?? 0) + extra;
  const give = (p: Plan, key: StaffKey, reason: string) => {
    held.set(key, (held.get(key) ?? 0) + 1);
    const s = staff[key];
    p.workers = [{ staff: s, reason, recordedBy: staff[managerOf[key] ?? key] }];
  };
  for (const p of plans) {
    if (isArthur(p)) {
      give(p, 'tom', 'Lives in NB3, the North East team’s area');
      continue;
    }
    if (p.restrictedReason) {
      give(p, p.given === 'Claire' ? 'aisha' : 'tom', 'Lives in the North East team’s area');
      continue;
    }
    // A carer usually has the same worker as the person they care for: one story for the family.
    const caredWorker = p.caresFor?.plan.workers.at(-1)?.staff;
    if (caredWorker && room(caredWorker.key, 3) && rnd.chance(0.6)) {
      give(p, caredWorker.key, `Also the named worker for ${p.caresFor!.plan.preferred ?? p.caresFor!.plan.given}`);
      continue;
    }
    // In hospital, the Hospital team worker often sticks with them until they are settled at home.
    if (p.theme === 'hospital' && room('fatima') && rnd.chance(localityWorkers[p.district] ? 0.45 : 0.9)) {
      give(p, 'fatima', 'Met on the ward; Fatima stays with them until they are settled at home');
      continue;
    }
    const options = localityWorkers[p.district]?.filter((key) => room(key));
    if (options?.length && rnd.chance(0.96)) {
      const key = options[0] === 'tom' && rnd.chance(0.55) ? 'tom' : rnd.pick(options);
      give(p, key, `Lives in ${p.district}, the ${teamWord(key)} area`);
      continue;
    }
    // No named worker yet: the locality team holds the record, and First Contact has talked with them once or twice.
    p.conversations = Math.min(p.conversations, 2);
    p.frontDoorFirst = true;
  }
}

function teamWord(key: StaffKey): string {
  return ['tom', 'aisha', 'grace'].includes(key)
    ? 'North East team’s'
    : ['daniel', 'wei'].includes(key)
      ? 'South East team’s'
      : key === 'siobhan'
        ? 'West team’s'
        : 'team’s';
}

/** About twenty people have had a change of named worker (a few, two): counted, never hidden. */
function addHandOffs(g: Gen, plans: Plan[]) {
  const { rnd, staff } = g;
  const eligible = plans.filter(
    (p) =>
      p.workers.length === 1 &&
      handOffReasons[p.workers[0].staff.key] &&
      p.conversations >= 3 &&
      !p.caresFor &&
      !p.restrictedReason &&
      p.given !== 'Arthur',
  );
  for (const p of rnd.sample(eligible, HAND_OFFS)) {
    const current = p.workers[0];
    const first = rnd.pick(handOffReasons[current.staff.key]);
    const chain = [
      {
        staff: staff[first.from],
        reason: `Lives in ${p.district}`,
        recordedBy: staff[managerOf[first.from] ?? first.from],
      },
      { staff: current.staff, reason: first.reason, recordedBy: staff[first.recordedBy] },
    ];
    // A few people have been handed on twice.
    const earlier = handOffReasons[first.from]?.filter((h) => h.from !== current.staff.key);
    if (earlier?.length && p.conversations >= 4 && rnd.chance(0.3)) {
      const h = rnd.pick(earlier);
      chain.unshift({
        staff: staff[h.from],
        reason: `Lives in ${p.district}`,
        recordedBy: staff[managerOf[h.from] ?? h.from],
      });
      chain[1] = { ...chain[1], reason: h.reason, recordedBy: staff[h.recordedBy] };
    }
    p.workers = chain;
    p.frontDoorFirst = false;
  }
}

function assignCheckBacks(plans: Plan[]) {
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const p of plans) {
    const key = p.workers.at(-1)?.staff.key;
    if (!key || p.deceased || p.caresFor) continue;
    const quota = checkBackQuota[key];
    if (!quota) continue;
    if (isArthur(p) || (counts.get(`${key}:due`) ?? 0) < quota.due) {
      p.checkBack = 'due';
      bump(`${key}:due`);
    } else if ((counts.get(`${key}:overdue`) ?? 0) < quota.overdue) {
      p.checkBack = 'overdue';
      bump(`${key}:overdue`);
    }
    if (p.checkBack) p.frontDoorFirst = false;
  }
}

// ---------------------------------------------------------------------------------------
// Writing it out: dates, conversations, "about me", network and timeline rows.

type Vars = Record<string, string>;

function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

function pronounVars(gender: Gender): Vars {
  const v =
    gender === 'f'
      ? { he: 'she', him: 'her', his: 'her', himself: 'herself', was: 'was', is: 'is', has: 'has' }
      : gender === 'm'
        ? { he: 'he', him: 'him', his: 'his', himself: 'himself', was: 'was', is: 'is', has: 'has' }
        : { he: 'they', him: 'them', his: 'their', himself: 'themself', was: 'were', is: 'are', has: 'have' };
  return { ...v, He: cap(v.he), His: cap(v.his) };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const called = (p: { preferred?: string | null; given: string }) => p.preferred ?? p.given;

/** A weekday and date as people say it: "Tuesday 14 May". */
function spoken(d: Date): string {
  return d.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/London' });
}

/** A time in working hours on the day `daysAgo` before now. */
function workingTime(g: Gen, daysAgo: number): Date {
  const d = new Date(g.now.getTime() - daysAgo * DAY);
  d.setUTCHours(g.rnd.int(9, 15), g.rnd.pick([0, 15, 30, 45]), 0, 0);
  return d;
}

/** How someone describes a relation in speech: "mum", not "parent". */
function relationWord(relationship: string, gender: Gender): string {
  if (relationship === 'Parent') return gender === 'f' ? 'mum' : gender === 'm' ? 'dad' : 'parent';
  if (relationship === 'Grandchild')
    return gender === 'f' ? 'granddaughter' : gender === 'm' ? 'grandson' : 'grandchild';
  if (relationship === 'Other family') return 'relative';
  return relationship.toLowerCase();
}

/** The closest person in someone's network: family first. */
const closest = (p: Plan) =>
  p.members.find((m) => !['Friend', 'Neighbour', 'Advocate'].includes(m.relationship)) ?? p.members[0];

function personVars(g: Gen, p: Plan): Vars {
  const kin = closest(p);
  const his = pronounVars(p.gender).his;
  const kinText = kin ? `${his} ${relationWord(kin.relationship, kin.gender)} ${kin.given}` : 'a neighbour';
  const lang = p.otherLanguage ?? 'their own language';
  const cared = p.caresFor;
  return {
    ...pronounVars(p.gender),
    name: called(p),
    kin: kinText,
    Kin: cap(kinText),
    kinName: kin?.given ?? 'the neighbour',
    resource: fill(p.resource, { lang }),
    resource2: fill(p.resource2, { lang }),
    gp: p.gp,
    street: p.street,
    district: p.district,
    lang,
    months: String(g.rnd.int(4, 30)),
    viaInterpreter: p.interpreter ? ` We talked through a ${lang} interpreter.` : '',
    channel: p.comms?.channel ?? (p.email ? 'email' : 'post'),
    format: p.comms?.format ?? 'a copy',
    caredName: cared ? called(cared.plan) : '',
    cared: cared
      ? `${his} ${relationWord(reverseRelationship(cared.member.relationship, cared.plan.gender), cared.plan.gender)} ${called(cared.plan)}`
      : '',
    careYears: String(g.rnd.int(2, 12)),
  };
}

/** The dates of a person's conversations: within the last 18 months, in order, at least a day apart. */
function planDates(g: Gen, p: Plan) {
  const { rnd } = g;
  const n = p.conversations;
  let oldest = rnd.int(Math.min(500, 6 + (n - 1) * 30), 540);
  let newest = rnd.int(1, Math.max(1, oldest - 10 * (n - 1)));
  if (p.caresFor) {
    // A carer's first conversation comes after the person they care for was first in touch.
    const caredDaysAgo = Math.floor((g.now.getTime() - p.caresFor.plan.dates[0].getTime()) / DAY);
    oldest = caredDaysAgo <= 2 ? 1 : caredDaysAgo - rnd.int(1, Math.min(90, caredDaysAgo - 1));
    newest = rnd.int(1, oldest);
  }
  if (p.deceased) {
    const deathDaysAgo = rnd.int(20, 300);
    p.death = new Date(g.now.getTime() - deathDaysAgo * DAY);
    newest = deathDaysAgo + rnd.int(3, 30);
  }
  if (p.checkBack === 'due') newest = rnd.int(2, 12);
  if (p.checkBack === 'overdue') newest = rnd.int(18, 35);
  if (p.firstDaysAgo) oldest = p.firstDaysAgo;
  // Room for every conversation, unless they are a carer who only just came to us.
  oldest = Math.max(oldest, p.caresFor ? newest : Math.min(540, newest + 7 * (n - 1)));
  const days = new Set<number>([oldest, newest]);
  const count = Math.min(n, oldest - newest + 1);
  while (days.size < count) days.add(rnd.int(newest, oldest));
  const ordered = count === 1 ? [newest] : [...days].sort((a, b) => b - a);
  p.dates = ordered.map((d) => workingTime(g, d));
  p.kinds = isArthur(p) ? p.dates.map((): ConversationKind => 'listen_and_connect') : conversationKinds(g, p, p.dates);
}

/** What kind each conversation was: a first conversation, then check backs, crises, plans and a yearly taking stock. */
function conversationKinds(g: Gen, p: Plan, dates: Date[]): ConversationKind[] {
  const { rnd } = g;
  const kinds: ConversationKind[] = [];
  let lastStock = dates[0].getTime();
  let crises = 0;
  let builds = 0;
  dates.forEach((d, i) => {
    if (i === 0) return kinds.push(p.theme === 'carer' ? 'carers_conversation' : 'listen_and_connect');
    if (d.getTime() - lastStock > 300 * DAY && rnd.chance(0.9)) {
      lastStock = d.getTime();
      return kinds.push('taking_stock');
    }
    if (p.theme === 'carer') return kinds.push('carers_conversation');
    if (crises === 0 && rnd.chance(0.14)) {
      crises++;
      return kinds.push('crisis');
    }
    if (builds < 2 && i >= 1 && rnd.chance(0.25)) {
      builds++;
      return kinds.push('build_a_good_life');
    }
    return kinds.push('listen_and_connect');
  });
  return kinds;
}

function writePerson(g: Gen, p: Plan, out: Output) {
  const { rnd, ids, staff, now } = g;
  const theme = themes[p.theme];
  const { dates, kinds, death } = p;
  const vars = personVars(g, p);

  // Who held the record when: hand-offs fall between conversations.
  const current = p.workers.at(-1);
  const spans: Array<{ staff: Staff; from: Date; reason: string; recordedBy: Staff }> = [];
  if (current) {
    const firstAuthorIsFrontDoor = p.frontDoorFirst && dates.length > 1;
    // Allocated after First Contact's conversation, or just before the named worker's first.
    const allocatedAt = firstAuthorIsFrontDoor
      ? between(g, dates[0], dates[1])
      : new Date(dates[0].getTime() - 10 * 60_000);
    // Every hand-off falls between two conversations; with too few conversations, fewer hand-offs.
    if (p.workers.length > dates.length) p.workers = p.workers.slice(-dates.length);
    const k = p.workers.length;
    const positions = k > 1 ? rnd.sample(range(1, dates.length - 1), k - 1).sort((a, b) => a - b) : [];
    p.workers.forEach((w, i) => {
      const from = i === 0 ? allocatedAt : between(g, dates[positions[i - 1] - 1], dates[positions[i - 1]]);
      spans.push({ ...w, from });
    });
  }
  const frontDoor = rnd.pick([staff.priya, staff.marcus]);
  const authorAt = (d: Date): Staff => {
    const holding = [...spans].reverse().find((s) => s.from.getTime() <= d.getTime());
    if (holding) return holding.staff;
    if (p.caresFor) return p.caresFor.plan.workers.at(-1)?.staff ?? frontDoor;
    return frontDoor;
  };
  const n = dates.length;
  const registeredBy = authorAt(dates[0]);
  const createdAt = new Date(dates[0].getTime() - 20 * 60_000);

  // --- conversations
  const convIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = dates[i];
    const kind = kinds[i];
    const author = authorAt(at);
    const last = i === n - 1;
    const nextAt = last ? null : dates[i + 1];
    let checkBack: string | null = null;
    // Arthur's first visit ends with the next one, a week on.
    let promised: Date | null =
      isArthur(p) && i === 0
        ? new Date(at.getTime() + 7 * DAY)
        : nextAt && nextAt.getTime() - at.getTime() <= 42 * DAY
          ? nextAt
          : null;
    if (!last && promised && rnd.chance(0.45)) checkBack = isoDay(promised);
    if (last && !death) {
      if (p.checkBack === 'due') promised = new Date(now.getTime() + rnd.int(0, 6) * DAY);
      else if (p.checkBack === 'overdue') promised = new Date(now.getTime() - rnd.int(1, 10) * DAY);
      else {
        const later = new Date(at.getTime() + rnd.int(10, 42) * DAY);
        promised = later.getTime() >= now.getTime() + 8 * DAY ? later : null;
      }
      if (promised) checkBack = isoDay(promised);
    }
    const v: Vars = { ...vars, day: promised ? spoken(promised) : '', workerPhone: author.phone };
    const text = isArthur(p)
      ? i === 0
        ? arthurConversation(promised ?? now)
        : arthurCheckIn(promised ?? now)
      : conversationText(g, p, theme, kind, i, v, !!promised);
    const id = ids.uuid();
    convIds.push(id);
    out.conversations.push({
      id,
      personId: p.id,
      kind,
      occurredAt: at,
      place: text.place,
      participants: participants(p, author, kind, text, vars),
      narrative: text.narrative,
      whatMatters: text.whatMatters,
      agreed: text.agreed,
      whatHappensNext: text.next,
      checkBackOn: checkBack,
      authorId: author.id,
      teamId: author.teamId,
      createdAt: recorded(g, at),
    });
  }

  // --- the record's own changes, made through the people service (which puts them on the timeline)
  for (const s of spans) {
    // The first is an allocation; every later one is a hand-off, which the service counts.
    out.steps.push({
      what: 'named worker',
      personId: p.id,
      at: s.from,
      by: s.recordedBy,
      worker: s.staff,
      reason: fill(s.reason, vars),
    });
  }
  if (p.restrictedReason)
    out.steps.push({
      what: 'restricted',
      personId: p.id,
      at: new Date(createdAt.getTime() + 60 * 60_000),
      by: current!.staff,
      reason: p.restrictedReason,
    });
  if (death)
    out.steps.push({
      what: 'died',
      personId: p.id,
      at: new Date(death.getTime() + 2 * DAY),
      by: current?.staff ?? registeredBy,
      dateOfDeath: isoDay(death),
    });

  // --- network: added at the first conversation; a linked carer when their own record was made
  for (const m of p.members) {
    const linkedAt =
      m.linked && m.linked.dates[0] > dates[0]
        ? new Date(m.linked.dates[0].getTime() - 10 * 60_000)
        : new Date(dates[0].getTime() + 40 * 60_000);
    const by = authorAt(linkedAt);
    out.network.push({
      id: ids.uuid(),
      personId: p.id,
      linkedPersonId: m.linked?.id ?? null,
      name: `${m.given} ${m.family}`,
      relationship: m.relationship,
      roles: m.roles,
      phone: m.phone,
      email: null,
      notes: m.notes ? fill(m.notes, vars) : null,
      addedBy: by.id,
      createdAt: clampPast(g, linkedAt),
    });
  }

  // --- about me, in their words
  if (p.hasAboutMe) {
    const at = new Date(dates[Math.min(1, n - 1)].getTime() + 2 * 60 * 60_000);
    const by = authorAt(at);
    const first = isArthur(p) ? arthurAboutMe() : aboutMeText(g, p, theme, vars);
    out.aboutMe.push({
      id: ids.uuid(),
      personId: p.id,
      version: 1,
      ...first,
      inTheirWords: !(p.theme === 'memory' && rnd.chance(0.35)),
      writtenBy: by.id,
      writtenAt: clampPast(g, at),
    });
    if (n >= 3 && rnd.chance(0.3)) {
      const at2 = new Date(dates[n - 1].getTime() + 3 * 60 * 60_000);
      const by2 = authorAt(at2);
      const young = p.age < 60;
      out.aboutMe.push({
        id: ids.uuid(),
        personId: p.id,
        version: 2,
        whatMatters: `${first.whatMatters}\n\n${rnd.pick(aboutMeUpdates)}`,
        strengths: first.strengths,
        enjoys: first.enjoys,
        hopes: fill(rnd.pick([...theme.about.hopes, ...(young ? aboutYounger.hopes : aboutOlder.hopes)]), vars),
        inTheirWords: true,
        writtenBy: by2.id,
        writtenAt: clampPast(g, at2),
      });
    }
  }

  out.people.push({
    id: p.id,
    givenName: p.given,
    familyName: p.family,
    preferredName: p.preferred,
    pronouns: p.pronouns,
    dateOfBirth: p.dateOfBirth,
    nhsNumber: p.nhsNumber,
    address: p.address,
    postcode: p.postcode,
    phone: p.phone,
    email: p.email,
    firstLanguage: p.firstLanguage,
    interpreterNeeded: p.interpreter,
    // Their death is recorded later, as a change to the record.
    dateOfDeath: null,
    communicationNeeds: p.comms?.needs ?? [],
    communicationNotes: p.commNotes,
    createdBy: registeredBy.id,
    createdAt,
  });
}

const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);

/** A moment between two conversations (for allocations and hand-offs). */
function between(g: Gen, a: Date, b: Date): Date {
  const gap = b.getTime() - a.getTime();
  return new Date(a.getTime() + Math.floor(gap * (0.2 + 0.6 * g.rnd.float())));
}

/** Conversations are written up the same day, a few hours later, and never in the future. */
function recorded(g: Gen, at: Date): Date {
  return clampPast(g, new Date(at.getTime() + g.rnd.int(1, 5) * 60 * 60_000 + g.rnd.int(0, 59) * 60_000));
}

function clampPast(g: Gen, d: Date): Date {
  const latest = g.now.getTime() - 60_000;
  return d.getTime() > latest ? new Date(latest) : d;
}

/** Who took part: the person, the family member the words mention, any interpreter, the worker. */
function participants(p: Plan, author: Staff, kind: ConversationKind, text: ConversationText, v: Vars): string {
  const lines = [`${p.given} ${p.family}${p.preferred ? ` (known as ${p.preferred})` : ''}`];
  const kin = closest(p);
  const mentioned =
    text.narrative.includes(v.kin) ||
    text.narrative.includes(v.Kin) ||
    kind === 'build_a_good_life' ||
    kind === 'taking_stock';
  if (kin && kind !== 'carers_conversation' && !text.withoutFamily && mentioned)
    lines.push(`${kin.given} ${kin.family}, ${relationWord(kin.relationship, kin.gender)}`);
  if (p.interpreter)
    lines.push(p.firstLanguage === 'British Sign Language' ? 'A BSL interpreter' : `A ${v.lang} interpreter, by phone`);
  if (text.extraParticipant) lines.push(text.extraParticipant);
  lines.push(`${author.name}, ${author.jobTitle}`);
  return bullets(lines);
}

interface ConversationText {
  place: string;
  narrative: string;
  whatMatters: string | null;
  agreed: string | null;
  next: string;
  extraParticipant: string | null;
  /** The family were talked about, not there. */
  withoutFamily?: boolean;
}

function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

/** One conversation's words, from the theme's fragments and the person's own details. */
function conversationText(
  g: Gen,
  p: Plan,
  theme: Theme,
  kind: ConversationKind,
  i: number,
  v: Vars,
  hasDate: boolean,
): ConversationText {
  const { rnd } = g;
  const f = (t: string) => fill(t, v);
  const nextLine = (pool: string[]) => f(hasDate ? rnd.pick(pool) : rnd.pick(next.open));
  const agreed = () => bullets(rnd.sample(theme.agreed, rnd.int(2, 3)).map((a) => cap(f(a))));
  const matters = () => f(rnd.pick(theme.matters));
  let extraParticipant: string | null = null;

  if (kind === 'listen_and_connect' && i === 0) {
    const [opening, place] = rnd.pick(theme.openings ?? openings);
    if (/Jamal Hussain/.test(opening)) extraParticipant = 'Jamal Hussain, Housing officer, Northbridge Homes';
    const strengths = `${f(rnd.pick(strengthsIntro))} ${cap(v.he)} said: "${f(rnd.pick(p.age < 60 ? aboutYounger.strengths : aboutOlder.strengths))}"`;
    const topics = rnd.chance(0.4) ? `\n\nWe talked about:\n\n${bullets(rnd.sample(talkedAbout, 3).map(f))}` : '';
    return {
      place,
      narrative: `${f(opening)}\n\n${f(rnd.pick(theme.listen))}\n\n${strengths}${topics}`,
      whatMatters: matters(),
      agreed: agreed(),
      next: nextLine(p.theme === 'carer' ? next.carers : next.listen),
      extraParticipant,
    };
  }
  if (kind === 'carers_conversation') {
    if (i === 0) {
      const [opening, place] = rnd.pick(theme.openings!);
      return {
        place,
        narrative: `${f(opening)}\n\n${f(rnd.pick(theme.listen))}`,
        whatMatters: matters(),
        agreed: agreed(),
        next: nextLine(next.carers),
        extraParticipant,
      };
    }
    const [text, place, newPlans] = rnd.pick(checkIns);
    return {
      place,
      narrative: f(text),
      whatMatters: matters(),
      agreed: newPlans ? agreed() : null,
      next: nextLine(next.carers),
      extraParticipant,
    };
  }
  if (kind === 'crisis') {
    const narrative = f(rnd.pick(theme.crisis));
    const place = /on the ward/.test(narrative)
      ? 'Northbridge General Hospital'
      : /\brang\b/.test(narrative)
        ? 'By phone, then at home'
        : 'At home';
    return {
      place,
      narrative,
      whatMatters: matters(),
      agreed: null,
      next: f(rnd.pick(hasDate ? next.crisis : next.crisisOpen)),
      extraParticipant,
    };
  }
  if (kind === 'build_a_good_life') {
    const plan = theme.plan;
    const narrative = [
      f(
        `We met to plan support for the longer term, because short-term help and what is around {name} in the community are not enough on their own. We started with what {name} will do, then what family, friends and neighbours will do, what technology can help with, and only then what paid support is needed.`,
      ),
      bullets([
        cap(f(rnd.pick(plan.self))),
        `Family, friends and community: ${f(rnd.pick(plan.network))}`,
        `Technology: ${f(rnd.pick(plan.tech))}`,
        `Paid support: ${f(rnd.pick(plan.paid))}`,
      ]),
      f(
        rnd.pick([
          '{name} read the plan back and changed two things. It is {his} plan.',
          '{name} said it was the first time anyone had asked what {he} would do, not what {he} cannot do.',
          '{Kin} was there for the second half, and agreed {his} part.',
        ]),
      ),
    ].join('\n\n');
    return {
      place: 'At home',
      narrative,
      whatMatters: matters(),
      agreed: null,
      next: nextLine(next.build),
      extraParticipant,
    };
  }
  if (kind === 'taking_stock') {
    const narrative = `${f('We took stock of how life is going, a year on from when we first met.')}\n\n${f(rnd.pick(theme.stock))}`;
    const stockAgreed = bullets(rnd.sample(takingStockAgreed, 2).map((a) => cap(f(a))));
    return {
      place: rnd.pick(stockPlaces),
      narrative,
      whatMatters: matters(),
      agreed: stockAgreed,
      next: nextLine(next.stock),
      extraParticipant,
    };
  }
  // A later "listen and connect": checking back on what was agreed.
  const [text, place, newPlans] = rnd.pick(checkIns);
  return {
    place,
    narrative: f(text),
    whatMatters: rnd.chance(0.5) ? matters() : null,
    agreed: newPlans ? agreed() : null,
    next: nextLine(next.listen),
    extraParticipant,
  };
}

function aboutMeText(g: Gen, p: Plan, theme: Theme, v: Vars) {
  const { rnd } = g;
  const pool = p.age < 60 ? aboutYounger : aboutOlder;
  const two = (a: string[], b: string[]) => [rnd.pick(a), rnd.pick(b)].filter((s, i, all) => all.indexOf(s) === i);
  const kin = p.members.find((m) => !['Friend', 'Neighbour', 'Advocate'].includes(m.relationship));
  const family =
    kin && rnd.chance(0.5)
      ? ` My ${kin.relationship === 'Other family' ? 'nephew' : kin.relationship.toLowerCase()} ${kin.given} means the world to me.`
      : '';
  const enjoys = two(theme.about.enjoys, pool.enjoys);
  if (p.bg.enjoys && rnd.chance(0.35)) enjoys.push(p.bg.enjoys);
  const f = (s: string) => fill(s, v);
  return {
    whatMatters: f(`${rnd.pick(theme.matters)} ${rnd.pick(pool.matters)}${family}`),
    strengths: f(two(theme.about.strengths, pool.strengths).join(' ')),
    enjoys: f(enjoys.join(' ')),
    hopes: f(two(theme.about.hopes, pool.hopes).join(' ')),
  };
}

/** A few conversations with jargon in (for the plain-language warning), and a few corrections. */
function addJargonAndAmendments(g: Gen, plans: Plan[], out: Output) {
  const { rnd, ids } = g;
  const byPerson = new Map(plans.map((p) => [p.id, p]));
  const candidates = out.conversations.filter(
    (c) => c.kind !== 'carers_conversation' && byPerson.get(c.personId)!.given !== 'Arthur',
  );
  for (const [i, c] of rnd.sample(candidates, jargonParagraphs.length).entries()) {
    const p = byPerson.get(c.personId)!;
    c.narrative = `${c.narrative}\n\n${fill(jargonParagraphs[i], { ...pronounVars(p.gender), name: called(p) })}`;
  }
  for (const c of rnd.sample(candidates, 9)) {
    const p = byPerson.get(c.personId)!;
    const [reason, correction] = rnd.pick(amendmentsPool);
    const v = personVars(g, p);
    out.amendments.push({
      id: ids.uuid(),
      conversationId: c.id!,
      reason: fill(reason, v),
      correction: fill(correction, v),
      authorId: c.authorId,
      createdAt: clampPast(g, new Date((c.createdAt as Date).getTime() + rnd.int(1, 5) * DAY)),
    });
  }
}

/** The network lists use the same words as the app's forms; a typo here would show on screen. */
function checkNetworkVocabulary(out: Output) {
  for (const m of out.network) {
    if (!relationships.includes(m.relationship))
      throw new Error(`Unknown relationship "${m.relationship}" in demo data`);
    for (const r of m.roles ?? [])
      if (!networkRoles.includes(r)) throw new Error(`Unknown network role "${r}" in demo data`);
  }
}

// ---------------------------------------------------------------------------------------
// Arthur Pemberton: the seeds' typical case for the team around the person. An older man
// whose home has become unsafe, a housing officer's concern, a daughter who does not know.

const isArthur = (p: Pick<Plan, 'given' | 'family'>) => p.given === 'Arthur' && p.family === 'Pemberton';

function arthurConversation(visit: Date): ConversationText {
  return {
    place: 'At home, 14 Canal Row',
    extraParticipant: 'Jamal Hussain, Housing officer, Northbridge Homes',
    withoutFamily: true,
    narrative: [
      'Jamal Hussain, the housing officer from Northbridge Homes, rang me after a gas safety visit. He was worried: the engineer could not reach the boiler, and the hall and stairs are stacked with newspapers, boxes and carrier bags. Jamal had talked to Arthur first, and Arthur agreed I could visit.',
      'Arthur let us in and made tea in the back room, which is the one room that is clear. He was embarrassed at first and said: "I know what it looks like." He has lived at 14 Canal Row for 52 years. His wife Joan died four years ago, and he said the papers started then: "Joan did the sorting. I just stopped throwing things away."',
      'He sleeps in the armchair downstairs because he cannot get up the stairs past the boxes. He has not had a bath for some months and washes at the kitchen sink. The back door cannot be opened, so there is only one way out if there is a fire.',
      'Arthur is sharp, funny and proud of managing on his own. He was a printer at the Northbridge Gazette for forty years and knows the history of every house on Canal Row. He still walks to the paper shop every morning and does the crossword in pen.',
      'We talked about:',
      bullets([
        'what he wants to keep: Joan’s things, his printing books, the Gazettes with his work in',
        'what worries Jamal: the boiler, the back door, the stairs',
        'what worries Arthur: "That you’ll send a skip and take the lot."',
      ]),
      'His daughter Susan lives in Leeds and rings on Sundays. Arthur has not told her how things are and does not want her "upset". He agreed I can talk to her if he is there.',
    ].join('\n\n'),
    whatMatters: 'Joan’s things. This house. Not being told what to do in my own home.',
    agreed: bullets([
      'We will clear a path to the back door together, one box at a time, and Arthur decides what goes',
      'I will ask the fire service for a free Safe and Well visit and smoke alarms',
      'Jamal will book the boiler service again once there is a way through',
      'Arthur will think about ringing Susan with me on Sunday',
    ]),
    next: `I will come back on ${spoken(visit)} at 10am, as you asked, and we will start with the boxes by the back door. Nothing leaves the house without your say-so.`,
  };
}

function arthurCheckIn(visit: Date): ConversationText {
  return {
    place: 'At home, 14 Canal Row',
    extraParticipant: null,
    withoutFamily: true,
    narrative: [
      'Called in to see how the clearing is going. Half the hall is clear: Arthur kept the Gazettes with his work in and let the carrier bags go, a box at a time, as he chose. He showed me the way through to the boiler with some pride: "Joan would have had it done in a day, mind."',
      'Ruth does his dressings in the chair by the window now, which is clear and has a good light. He says his legs are less sore.',
      'He rang Susan with me, and she is coming at Christmas. He wants the back room cleared by then "so there is somewhere for her to sit".',
    ].join('\n\n'),
    whatMatters: 'Getting the house right for Christmas, when Susan comes. Deciding for himself what goes.',
    agreed: bullets([
      'Arthur will choose three more boxes from the hall to go before my next visit',
      'I will ask Jamal when the gas engineer can come back, now the boiler can be reached',
      'We will look at the back room together next time',
    ]),
    next: `I will come on ${spoken(visit)} at 10am to see the next boxes and talk about the back room.`,
  };
}

function arthurAboutMe() {
  return {
    whatMatters:
      'This house. Joan and I came here in 1973 and everything in it means something.\n\nBeing left to do things my own way.',
    strengths:
      'I’ve a good memory: ask me anything about Northbridge. I was a printer at the Gazette for forty years. I walk to the paper shop every morning, rain or shine.',
    enjoys: 'The crossword, in pen. Brass band music. Talking about the old days with anyone who’ll listen.',
    hopes:
      'To sleep in my own bed upstairs again. To have Susan and the grandchildren round for Christmas, like we used to.',
  };
}
