/**
 * Synthetic data for the benchmark: names with a realistic skew, dates of birth, Northbridge
 * postcodes, valid unique NHS numbers and conversation narratives built from varied fragments.
 * Deterministic (seeded), so two runs at one scale load the same data.
 */

/** `tiny` is for the query-plan test: enough rows for every path, loaded in seconds. */
export type Scale = 'tiny' | 'small' | 'national';

export const scales: Record<Scale, { people: number; conversations: number; contacts: number; services: number }> = {
  tiny: { people: 3_000, conversations: 12_000, contacts: 500, services: 300 },
  small: { people: 20_000, conversations: 100_000, contacts: 3_000, services: 2_000 },
  national: { people: 1_000_000, conversations: 5_000_000, contacts: 30_000, services: 20_000 },
};

/** mulberry32: small, fast, seeded. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = () => number;

export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** A Zipf-like chooser: the first names in the list are much commoner than the last. */
export function zipf<T>(list: readonly T[], exponent = 1, offset = 3) {
  const cumulative: number[] = [];
  let total = 0;
  list.forEach((_, i) => {
    total += 1 / Math.pow(i + offset, exponent);
    cumulative.push(total);
  });
  return (r: Rand): T => {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}

// Roughly in order of how common they are in England and Wales, with names from many backgrounds mixed in.
const givenNames =
  `Margaret Mary John David Susan Patricia Michael Elizabeth Peter Robert James Christine Barbara William Linda
Jean Brian Anne Paul Sandra Joan Richard Stephen Janet Dorothy Alan Pauline Kenneth Valerie Jacqueline Sheila Carol Maureen
Anthony Kathleen Christopher Brenda Mark Jennifer Andrew Gillian Irene Thomas George Sarah Helen Julie Karen Doris Ronald Eileen
Keith Ann Joyce Derek Raymond Gordon Marion Sylvia Jessica Emily Olivia Sophie Daniel Matthew Joseph Samuel Jack Harry Oliver
Charlotte Amelia Grace Chloe Lucy Ellie Hannah Rebecca Laura Emma Rachel Claire Nicola Lisa Tracey Dawn Kevin Gary Ian Neil Lee
Mohammed Muhammad Ahmed Ali Hassan Hussain Omar Yusuf Ibrahim Bilal Imran Tariq Farooq Fatima Aisha Ayesha Zainab Maryam Khadija
Amina Nasreen Shazia Rukhsana Priya Sunita Anita Rajesh Sanjay Vijay Ravi Arjun Deepak Amit Harpreet Gurpreet Manjit Jaswinder Sukhdev
Kulwinder Baljit Parminder Wei Li Ming Jun Mei Xin Hui Yan Hao Ling Krzysztof Piotr Tomasz Katarzyna Agnieszka Magdalena Anna Marek
Pawel Andrzej Ewa Joanna Adebayo Oluwaseun Chinedu Emeka Ngozi Chioma Adaeze Funmilayo Kwame Kofi Ama Abena Yaw Akua Precious
Blessing Comfort Mercy Grace Sean Siobhan Ciara Niamh Aoife Padraig Declan Bridget Eamon Dermot Gareth Rhys Dylan Cerys Sian Bethan
Ffion Owen Morgan Hamish Callum Fraser Ailsa Morag Isla Iain Giuseppe Maria Giovanni Francesca Luca Sofia Marco Elena Andreas Dimitri
Nikos Eleni Stavros Mehmet Ayse Emine Mustafa Zeynep Ozan Leon Lukas Jonas Mateusz Jakub Viktor Ivan Olga Svetlana Natalia Irina
Dmitri Alexei Tatiana Yulia Kemal Abdul Abdullah Rashid Shahid Nadia Samira Layla Yasmin Leila Rania Hamza Zara Ibrahima Mamadou
Fatoumata Aminata Moussa Esi Delroy Winston Clive Leroy Marcia Beverley Paulette Desmond Errol Hyacinth Lorna Janice`.split(
    /\s+/,
  );

const familyNames =
  `Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker White
Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker
Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson
Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman
Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker
Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds
Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose
Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh
Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird
Gardner Shah Dean Lane Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren
Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers
O'Neill Griffin Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rahman Uddin Islam Miah
Akhtar Mahmood Iqbal Qureshi Chaudhry Malik Butt Sharma Kumar Gupta Mistry Joshi Desai Chauhan Sandhu Sidhu Dhillon Bains Chen Wang
Zhang Liu Wong Li Nguyen Tran Kowalski Nowak Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Okafor Okonkwo Adeyemi
Adebayo Mensah Boateng Owusu Asante Osei Mwangi Kamau Ochieng Murphy Kelly O'Sullivan Walsh Byrne Ryan Doherty McLaughlin Gallagher
Rossi Russo Esposito Bianchi Romano Papadopoulos Georgiou Yilmaz Kaya Demir Celik Santos Ferreira Silva Pereira Costa Oliveira
Schmidt Muller Fischer Weber Ivanov Petrov Popescu Horvath Novak Kovac Mohammed Hassan Abdi Farah Warsame Diallo Traore Campbell
Gayle Bailey Reid Brown Francis Forbes Thompson Grant`.split(/\s+/);

export const givenName = zipf(givenNames, 1.05, 4);
export const familyName = zipf(familyNames, 0.95, 6);

const preferredFor: Record<string, string> = {
  Margaret: 'Peggy',
  Elizabeth: 'Betty',
  William: 'Bill',
  Robert: 'Bob',
  Michael: 'Mick',
  Patricia: 'Pat',
  Susan: 'Sue',
  Christopher: 'Chris',
  Anthony: 'Tony',
  Kenneth: 'Ken',
  Richard: 'Dick',
  Jacqueline: 'Jackie',
  Katarzyna: 'Kasia',
  Mohammed: 'Mo',
  Oluwaseun: 'Seun',
  Kathleen: 'Kath',
  Dorothy: 'Dot',
  Raymond: 'Ray',
  Valerie: 'Val',
  Gillian: 'Jill',
  Alexei: 'Sasha',
  Giuseppe: 'Joe',
  Krzysztof: 'Chris',
  Jennifer: 'Jenny',
  Rebecca: 'Becky',
  Samuel: 'Sam',
  Daniel: 'Dan',
};
export const preferredName = (given: string) => preferredFor[given] ?? null;

const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
/** NB1..NB14 with varied inward codes; the central districts are busier. */
export function postcode(r: Rand): string {
  const district = 1 + Math.floor(Math.pow(r(), 1.2) * 14);
  return `NB${district} ${int(r, 0, 9)}${pick(r, inwardLetters.split(''))}${pick(r, inwardLetters.split(''))}`;
}

const streets =
  `Mill Church Station Victoria Park Queen's King's Albert Highfield Manor Chapel Orchard Meadow Willow Oak Ash Beech
Elm Birch Cedar Holly Hawthorn Rowan Springfield Westfield Grange Windsor York Lancaster Beacon Canal Bridge Market Castle Priory
Abbey Hillside Riverside Brook Fernhill Moorland Heath Cherry Lime Chestnut Sycamore Poplar Larch Laburnum Primrose Foxglove`.split(
    /\s+/,
  );
const streetKinds = [
  'Road',
  'Street',
  'Lane',
  'Avenue',
  'Close',
  'Crescent',
  'Drive',
  'Way',
  'Grove',
  'Terrace',
  'Gardens',
  'Court',
];
export function address(r: Rand): string {
  const flat = r() < 0.18 ? `Flat ${int(r, 1, 40)}, ` : '';
  return `${flat}${int(r, 1, 240)} ${pick(r, streets)} ${pick(r, streetKinds)}, Northbridge`;
}

/** Social care is mostly older people: about 60% born 1920-1960, the rest 1960-2006. */
export function dateOfBirth(r: Rand): string {
  const year = r() < 0.6 ? int(r, 1920, 1959) : int(r, 1960, 2006);
  const month = int(r, 1, 12);
  const day = int(r, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nhsCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

/**
 * The i-th unique valid NHS number. Each i owns a block of 7 nine-digit bases spread over
 * the range by a multiplier coprime to it, so numbers are unique and look unordered; the
 * first base in the block with a valid check digit (not 10) is used.
 */
export function nhsNumber(i: number): string {
  const blocks = 85_000_000; // 595,000,000 bases / 7
  const block = (i * 48_271) % blocks;
  for (let j = 0; j < 7; j++) {
    const nine = String(400_000_000 + block * 7 + j);
    const check = nhsCheckDigit(nine);
    if (check !== 10) return nine + check;
  }
  throw new Error(`no valid NHS number in block ${block}`);
}

/** A misspelling of a name as someone might type it: two letters swapped, one dropped, doubled or sounded out. */
export function misspell(r: Rand, name: string): string {
  const n = name.toLowerCase();
  const sounded = n.replace(/ph/, 'f').replace(/ck/, 'k').replace(/ie$/, 'y').replace(/ey$/, 'y');
  if (sounded !== n && r() < 0.5) return sounded;
  if (n.length < 4) return n + n[n.length - 1];
  const at = int(r, 1, n.length - 2);
  switch (int(r, 0, 2)) {
    case 0:
      return n.slice(0, at) + n[at + 1] + n[at] + n.slice(at + 2);
    case 1:
      return n.slice(0, at) + n.slice(at + 1);
    default:
      return n.slice(0, at) + n[at] + n.slice(at);
  }
}

// Conversation narratives: sentences built from fragments, joined into paragraphs.
const relatives = [
  'daughter',
  'son',
  'husband',
  'wife',
  'partner',
  'neighbour',
  'sister',
  'brother',
  'niece',
  'grandson',
  'friend from church',
  'carer',
];
const places = [
  'at home',
  'in the kitchen',
  'at the day centre',
  'on the ward',
  'at the library',
  'by phone',
  'at the GP surgery',
  'at the community café',
  'in the garden',
];
const activities = [
  'going to the allotment',
  'seeing the grandchildren',
  'walking the dog',
  'singing in the choir',
  'the bowls club',
  'cooking for the family',
  'reading the paper',
  'watching the football',
  'going to the mosque on Fridays',
  'the knitting group',
  'fishing at the reservoir',
  'gardening',
  'the lunch club',
  'playing dominoes',
];
const worries = [
  'getting up the stairs',
  'managing the bills',
  'feeling lonely since the winter',
  'a fall last month',
  'the bath',
  'remembering tablets',
  'the cold in the back bedroom',
  'getting to appointments',
  'being a burden',
  'eating properly',
  'the noise from next door',
  'sleeping at night',
];
const helps = [
  'a grab rail by the front door',
  'a key safe',
  'the befriending scheme',
  'a pendant alarm',
  'community transport',
  'the carers centre',
  'a pharmacy delivery',
  'a perching stool',
  'the local lunch club',
  'benefits advice from Citizens Advice',
  'a referral to the falls team',
  'a bath lift assessment',
];
const openers = [
  (r: Rand) => `I met them ${pick(r, places)} and we talked for about ${int(r, 20, 90)} minutes.`,
  (r: Rand) => `Their ${pick(r, relatives)} was there for part of the conversation and added a lot.`,
  (_r: Rand) => `We started with what a good day looks like for them now.`,
  (r: Rand) =>
    `They called back after the message I left ${pick(r, ['on Monday', 'yesterday', 'last week', 'this morning'])}.`,
];
const middles = [
  (r: Rand) => `They told me what matters most is ${pick(r, activities)}, and they want to keep doing it.`,
  (r: Rand) =>
    `The main worry is ${pick(r, worries)}; they said "${pick(r, ['I just want to stay in my own home', 'I do not want a fuss', 'I used to manage fine', 'I am not ready to give up yet', 'I miss having someone to talk to'])}".`,
  (r: Rand) =>
    `Their ${pick(r, relatives)} helps ${pick(r, ['with shopping', 'on Sundays', 'most evenings', 'with the medication', 'when they can'])} but ${pick(r, ['works full time', 'lives an hour away', 'has their own health problems', 'is finding it hard'])}.`,
  (r: Rand) =>
    `We talked about ${pick(r, helps)} and they were ${pick(r, ['keen', 'unsure at first', 'happy to try it', 'not interested for now'])}.`,
  (r: Rand) => `They have been ${pick(r, activities)} less since ${pick(r, worries)} started to get in the way.`,
  (r: Rand) =>
    `I noticed ${pick(r, ['the house was warm and tidy', 'post piling up by the door', 'they moved carefully with a stick', 'they were cheerful and chatty', 'they seemed tired today'])}.`,
  (r: Rand) =>
    `They are good at ${pick(r, ['keeping in touch with people', 'knowing what they need', 'organising their week', 'making people laugh', 'cooking'])}, which is a real strength.`,
  (r: Rand) => `We agreed that ${pick(r, helps)} might make ${pick(r, worries)} easier.`,
];
const closers = [
  (r: Rand) => `I will ring them on ${pick(r, ['Tuesday', 'Thursday', 'Friday', 'Monday'])} to see how it went.`,
  (_r: Rand) => `They know how to reach me and the team if anything changes.`,
  (r: Rand) => `I have passed on the details of ${pick(r, helps)} and will check back in ${int(r, 1, 6)} weeks.`,
  (_r: Rand) => `Nothing more is needed from us for now; they were clear about that and I agree.`,
];

export function narrative(r: Rand): string {
  const target = 500 + Math.floor(Math.pow(r(), 1.6) * 2500);
  const paragraphs: string[] = [];
  let length = 0;
  let paragraph: string[] = [pick(r, openers)(r)];
  while (length + paragraph.join(' ').length < target) {
    paragraph.push(pick(r, middles)(r));
    if (paragraph.length >= int(r, 3, 6)) {
      length += paragraph.join(' ').length + 2;
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  paragraph.push(pick(r, closers)(r));
  paragraphs.push(paragraph.join(' '));
  return paragraphs.join('\n\n');
}

export function whatHappensNext(r: Rand): string {
  return pick(r, closers)(r);
}

export const contactReasons = [
  'Daughter worried after a fall at home',
  'Struggling with stairs and bathing',
  'Discharge from hospital next week',
  'Carer is unwell and cannot continue',
  'Neighbour concerned they are not eating',
  'Asking about help with shopping and meals',
  'Feeling isolated since bereavement',
  'GP asks for a review of support at home',
  'Wants information about day opportunities',
  'Worried about money and bills',
  'Housing officer reports the flat is very cold',
  'Memory getting worse; family asking what help there is',
];

/** Formats one COPY text-format field. */
export function copyField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}
