/**
 * The benchmark's scenarios: what each sends, with inputs sampled from the generated data.
 * The benchmark drives them over HTTP; the query-plan test sends each once in-process.
 */
import { randomUUID } from 'node:crypto';
import type { Scenario } from './client.js';
import * as d from './data.js';
import type { Loader } from './generate.js';

const rotate = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length];
};

function ukToday(): { day: string; month: string; year: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.day, month: parts.month, year: parts.year };
}

export interface Inputs {
  people: Array<{ id: string; given_name: string; family_name: string; date_of_birth: string; nhs_number: string }>;
  timelinePeople: string[];
  teamId: string;
  /** Postcodes of places in the directory, to search near. */
  postcodes: string[];
  /** How many pages the ORUK services list has at its default size. */
  servicePages: number;
}

export async function sampleInputs(db: Loader): Promise<Inputs> {
  const people = await db.query<Inputs['people'][number]>(
    `SELECT id, given_name, family_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, nhs_number
       FROM people WHERE nhs_number IS NOT NULL AND date_of_birth IS NOT NULL AND NOT restricted ORDER BY random() LIMIT 500`,
  );
  const timeline = await db.query<{ id: string }>(
    `SELECT p.id FROM (SELECT id FROM people ORDER BY random() LIMIT 5000) p
      WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.person_id = p.id AND c.kind = 'listen_and_connect') LIMIT 300`,
  );
  const [team] = await db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'North East locality team'`);
  const postcodes = await db.query<{ postal_code: string }>(
    `SELECT DISTINCT postal_code FROM directory_addresses ORDER BY postal_code LIMIT 200`,
  );
  const [{ n }] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM directory_services WHERE withdrawn_at IS NULL`,
  );
  return {
    people,
    timelinePeople: timeline.map((r) => r.id),
    teamId: team.id,
    postcodes: postcodes.map((p) => p.postal_code),
    servicePages: Math.max(1, Math.ceil(Number(n) / 50)),
  };
}

export function scenarios(inputs: Inputs): Scenario[] {
  const r = d.rng(99);
  const misspelt = inputs.people.map((p) =>
    r() < 0.6 ? `${p.given_name} ${d.misspell(r, p.family_name)}` : `${d.misspell(r, p.given_name)} ${p.family_name}`,
  );
  const dobs = inputs.people.map(
    (p) => `${p.date_of_birth.slice(8, 10)}/${p.date_of_birth.slice(5, 7)}/${p.date_of_birth.slice(0, 4)}`,
  );
  const nhs = inputs.people.map(
    (p) => `${p.nhs_number.slice(0, 3)} ${p.nhs_number.slice(3, 6)} ${p.nhs_number.slice(6)}`,
  );
  const ids = inputs.people.map((p) => p.id);
  const today = ukToday();
  const kinds = ['listen_and_connect', 'build_a_good_life', 'taking_stock', 'carers_conversation'];
  const narratives = Array.from({ length: 50 }, () => d.narrative(r));
  let n = 0;
  const nextId = rotate(ids);
  const nextTimeline = rotate(inputs.timelinePeople);
  const nextWords = rotate([
    'walking group',
    'gardening',
    'lunch club',
    'memory café',
    'befriending',
    'advocacy',
    'benefits advice',
    'choir',
    'care home',
    'yoga',
    'carers',
    'transport',
  ]);
  const nextPostcode = rotate(inputs.postcodes);
  const nextServicePage = rotate(Array.from({ length: Math.min(100, inputs.servicePages) }, (_, i) => i + 1));
  const search = (list: string[]) => {
    const next = rotate(list);
    return () => ({ method: 'POST' as const, path: '/people/search', form: { q: next() } });
  };
  return [
    {
      name: 'static page (baseline)',
      description: 'GET /accessibility signed in: full GOV.UK layout; only database work is the session lookup',
      ok: [200],
      next: () => ({ method: 'GET', path: '/accessibility' }),
    },
    {
      name: 'static page, no cookie',
      description:
        'GET /accessibility with no session cookie: no database work at all (visitors get no session; their CSRF secret is in a cookie)',
      ok: [200],
      signedIn: false,
      next: () => ({ method: 'GET', path: '/accessibility' }),
    },
    {
      name: 'find: misspelt name',
      description: 'POST /people/search with a misspelt real name (500 rotating)',
      ok: [200],
      next: search(misspelt),
    },
    { name: 'find: date of birth', description: 'POST /people/search with dd/mm/yyyy', ok: [200], next: search(dobs) },
    {
      name: 'find: NHS number',
      description: 'POST /people/search with "943 476 5919" form',
      ok: [200],
      next: search(nhs),
    },
    {
      name: "person's page",
      description: 'GET /people/:id (500 rotating)',
      ok: [200],
      next: () => ({ method: 'GET', path: `/people/${nextId()}` }),
    },
    {
      name: 'timeline by kind',
      description: 'GET /people/:id/timeline?kind=listen_and_connect',
      ok: [200],
      next: () => ({ method: 'GET', path: `/people/${nextTimeline()}/timeline?kind=listen_and_connect` }),
    },
    {
      name: "team's worklist",
      description: 'GET /teams/:id (North East locality team)',
      ok: [200],
      next: () => ({ method: 'GET', path: `/teams/${inputs.teamId}` }),
    },
    {
      name: 'directory search',
      description:
        'GET /directory?q=<words>&postcode=<postcode>&miles=2 (words and distance; 200 postcodes, 12 phrases rotating)',
      ok: [200],
      next: () => ({
        method: 'GET',
        path: `/directory?${new URLSearchParams({ q: nextWords(), postcode: nextPostcode(), miles: '2' })}`,
      }),
    },
    {
      name: 'ORUK /openreferral/services',
      description: 'GET /openreferral/services?page=N (no sign-in; pages rotating through the first 100)',
      ok: [200],
      signedIn: false,
      next: () => ({ method: 'GET', path: `/openreferral/services?page=${nextServicePage()}` }),
    },
    {
      name: 'record a conversation',
      description: 'POST /people/:id/conversations action=save (303 is success)',
      ok: [303],
      next: () => {
        n++;
        return {
          method: 'POST',
          path: `/people/${nextId()}/conversations`,
          form: {
            action: 'save',
            kind: kinds[n % kinds.length],
            'occurred-day': today.day,
            'occurred-month': today.month,
            'occurred-year': today.year,
            narrative: narratives[n % narratives.length],
            whatHappensNext: 'I will ring on Thursday to see how the first visit went.',
            // Each form a browser is shown carries its own one-time key.
            submissionKey: randomUUID(),
          },
        };
      },
    },
  ];
}
