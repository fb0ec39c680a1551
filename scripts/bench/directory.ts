/**
 * The benchmark's directory: organisations and services in the Open Referral UK tables, each
 * service at a location with an address, coordinates, opening times and one or two needs, and
 * the postcode points "distance from a postcode" starts from. Deterministic, loaded by COPY.
 */
import { createHash } from 'node:crypto';
import * as d from './data.js';

// Deterministic UUIDs, so two runs at one scale load the same directory.
function uuid(kind: string, i: number): string {
  const h = createHash('sha1').update(`${kind}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const needs = [
  'Getting out and about',
  'Company and friendship',
  'Gardening',
  'Walking',
  'Carers',
  'Money and benefits',
  'Housing',
  'Memory and dementia',
  'Equipment and adaptations',
  'Food and lunch clubs',
  'Personal care at home',
  'Care homes',
  'Advocacy',
  'Mental health and wellbeing',
  'Learning and work',
  'Transport',
  'Music and arts',
  'Faith and culture',
];
const places = [
  'Riverside',
  'Northbridge',
  'Millfield',
  'Castle',
  "St Anne's",
  'Old Town',
  'Canal Side',
  'Highfield',
  'Abbey',
  'Moorland',
  'Westgate',
  'Priory',
  'Fernhill',
  'Brookside',
  'Meadow',
  'Victoria',
  'Station',
  'Grange',
  'Orchard',
  'Beacon',
];
const activities: Array<[string, number]> = [
  ['Walking Group', 3],
  ['Community Allotment', 2],
  ['Gardening Club', 2],
  ['Befriending Service', 4],
  ['Memory Café', 7],
  ['Dementia Choir', 7],
  ["Carers' Centre", 4],
  ['Advocacy Service', 12],
  ['Benefits Advice', 5],
  ['Equipment Loan Store', 8],
  ['Lunch Club', 9],
  ['Home Care', 10],
  ['Care Home', 11],
  ["Men's Shed", 0],
  ['Knit and Natter', 1],
  ['Chair Yoga', 13],
  ['Digital Skills Drop-in', 14],
  ['Community Transport', 15],
  ['Singing for the Brain', 16],
  ['Friendship Café', 1],
  ['Tenancy Support', 6],
  ['Wellbeing Hub', 13],
  ['Faith Lunch', 17],
  ['Art Group', 16],
];
const openers = [
  'A friendly group that meets every week.',
  'Run by local volunteers, open to everyone.',
  'Free to attend; tea and biscuits provided.',
  'Small groups, so everyone gets to know each other.',
  'Step-free access and a hearing loop.',
  'Come along on your own or with someone.',
  'Transport can sometimes be arranged.',
  'No need to book: just turn up.',
  'Please ring first so we can welcome you.',
  'Supported by Northbridge Voluntary Action.',
  'We can visit you at home first if that helps.',
  'Trained staff, checked and supervised.',
];
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface DirectoryRows {
  table: string;
  columns: string[];
  rows: (i: number) => string;
  count: number;
}

/** The directory's tables, in load order, for `services` services. */
export function directoryTables(services: number): DirectoryRows[] {
  const f = d.copyField;
  const r = d.rng(4_242);
  const organisations = Math.max(10, Math.floor(services / 8));
  const taxonomyId = uuid('taxonomy', 0);
  // Each service's facts, drawn once so every table agrees.
  const facts = Array.from({ length: services }, (_, i) => {
    const [activity, need] = d.pick(r, activities);
    const postcode = d.postcode(r);
    const district = Number(postcode.slice(2, postcode.indexOf(' ')));
    const angle = (district / 14) * 2 * Math.PI;
    const ring = 0.01 + (district % 5) * 0.012;
    const from = d.int(r, 8, 14);
    return {
      id: uuid('service', i),
      organisation: uuid('organisation', i % organisations),
      name: `${d.pick(r, places)} ${activity}`,
      description: `${d.pick(r, openers)} ${d.pick(r, openers)} ${d.narrative(r).split('. ').slice(0, 2).join('. ')}.`,
      need,
      secondNeed: r() < 0.5 ? d.int(r, 0, needs.length - 1) : null,
      postcode,
      latitude: 53 + Math.sin(angle) * ring + (r() - 0.5) * 0.01,
      longitude: -1.5 + Math.cos(angle) * ring * 1.6 + (r() - 0.5) * 0.016,
      ages: r() < 0.3 ? [18, null] : r() < 0.1 ? [8, 18] : r() < 0.2 ? [65, null] : [null, null],
      byday: days.filter(() => r() < 0.35).join(',') || 'WE',
      opens: `${String(from).padStart(2, '0')}:00`,
      closes: `${String(from + d.int(r, 2, 6)).padStart(2, '0')}:00`,
      checked: r() < 0.85 ? new Date(Date.now() - r() * 700 * 86_400_000).toISOString() : null,
    };
  });
  const districtPoints = Array.from({ length: 14 }, (_, k) => {
    const district = k + 1;
    const angle = (district / 14) * 2 * Math.PI;
    const ring = 0.01 + (district % 5) * 0.012;
    return [`NB${district}`, 53 + Math.sin(angle) * ring, -1.5 + Math.cos(angle) * ring * 1.6] as const;
  });
  const locationPostcodes = [...new Map(facts.map((s) => [s.postcode, s])).values()];
  // Every service has its main need; about half have a second.
  const attributes = facts.flatMap((s) => [
    [s.id, s.need] as const,
    ...(s.secondNeed !== null && s.secondNeed !== s.need ? [[s.id, s.secondNeed] as const] : []),
  ]);
  const row = (...v: Array<string | number | null>) => v.map(f).join('\t');
  return [
    {
      table: 'directory_organisations',
      columns: ['id', 'name', 'description', 'email', 'website'],
      count: organisations,
      rows: (i) =>
        row(
          uuid('organisation', i),
          `${places[i % places.length]} Community Trust ${i + 1}`,
          'A local charity.',
          `hello${i}@trust.example`,
          `https://trust${i}.example`,
        ),
    },
    {
      table: 'directory_taxonomies',
      columns: ['id', 'name', 'description'],
      count: 1,
      rows: () => row(taxonomyId, 'Hearth needs', 'What people look for help with'),
    },
    {
      table: 'directory_taxonomy_terms',
      columns: ['id', 'name', 'description', 'taxonomy_id'],
      count: needs.length,
      rows: (i) => row(uuid('term', i), needs[i], needs[i], taxonomyId),
    },
    {
      table: 'directory_services',
      columns: [
        'id',
        'organization_id',
        'name',
        'description',
        'email',
        'status',
        'minimum_age',
        'maximum_age',
        'last_modified',
        'checked_at',
        'origin',
      ],
      count: services,
      rows: (i) => {
        const s = facts[i];
        return row(
          s.id,
          s.organisation,
          s.name,
          s.description,
          `info${i}@service.example`,
          i % 97 === 0 ? 'temporarily closed' : 'active',
          s.ages[0],
          s.ages[1],
          s.checked ?? new Date().toISOString(),
          s.checked,
          'benchmark',
        );
      },
    },
    {
      table: 'directory_locations',
      columns: ['id', 'location_type', 'name', 'latitude', 'longitude'],
      count: services,
      rows: (i) => row(uuid('location', i), 'physical', facts[i].name, facts[i].latitude, facts[i].longitude),
    },
    {
      table: 'directory_addresses',
      columns: ['id', 'location_id', 'address_1', 'city', 'postal_code', 'country', 'address_type'],
      count: services,
      rows: (i) =>
        row(uuid('address', i), uuid('location', i), d.address(r), 'Northbridge', facts[i].postcode, 'GB', 'physical'),
    },
    {
      table: 'directory_service_at_locations',
      columns: ['id', 'service_id', 'location_id'],
      count: services,
      rows: (i) => row(uuid('service_at_location', i), facts[i].id, uuid('location', i)),
    },
    {
      table: 'directory_schedules',
      columns: ['id', 'service_at_location_id', 'freq', 'byday', 'opens_at', 'closes_at'],
      count: services,
      rows: (i) =>
        row(
          uuid('schedule', i),
          uuid('service_at_location', i),
          'WEEKLY',
          facts[i].byday,
          facts[i].opens,
          facts[i].closes,
        ),
    },
    {
      table: 'directory_attributes',
      columns: ['id', 'link_id', 'link_type', 'taxonomy_term_id'],
      count: attributes.length,
      rows: (i) => row(uuid('attribute', i), attributes[i][0], 'service', uuid('term', attributes[i][1])),
    },
    {
      table: 'postcode_points',
      columns: ['postcode', 'latitude', 'longitude'],
      count: districtPoints.length + locationPostcodes.length,
      rows: (i) =>
        i < districtPoints.length
          ? row(...districtPoints[i])
          : row(
              locationPostcodes[i - districtPoints.length].postcode,
              locationPostcodes[i - districtPoints.length].latitude,
              locationPostcodes[i - districtPoints.length].longitude,
            ),
    },
  ];
}
