/**
 * Loads the benchmark's synthetic Northbridge: the demo organisations, teams, postcode map and
 * workers (not the 300 demo people), then people, conversations and contacts in bulk.
 * The loader is PostgreSQL COPY (pg-copy-streams) or PGlite's COPY FROM '/dev/blob'.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../src/db/client.js';
import {
  demoCentralTeams,
  demoLocalities,
  demoPartnerTeams,
  demoPassword,
  demoWorkers,
} from '../../src/features/demo/demo.seed.js';
import { hashPassword } from '../../src/features/workers/passwords.js';
import * as d from './data.js';
import { directoryTables } from './directory.js';

export interface Loader {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY text-format chunks into a table. */
  copy(table: string, columns: string[], chunks: Iterable<string>): Promise<void>;
}

/** A loader over an open Hearth database: node-postgres COPY FROM STDIN, or PGlite's COPY from a blob. */
export function loaderFor(database: Database): Loader {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'pglite') {
    const lite = client as PGlite;
    return {
      query: async (text, params) => (await lite.query(text, params as unknown[])).rows as never,
      copy: async (table, columns, chunks) => {
        for (const chunk of chunks)
          await lite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
      },
    };
  }
  const pool = client as pg.Pool;
  return {
    query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    copy: async (table, columns, chunks) => {
      const connection = await pool.connect();
      try {
        await pipeline(
          Readable.from(chunks),
          connection.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
        );
      } finally {
        connection.release();
      }
    },
  };
}

export interface TableLoad {
  table: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

const [localities, centralTeams, partnerTeams] = [demoLocalities, demoCentralTeams, demoPartnerTeams];
const councilName = 'Northbridge City Council';

export interface Organisation {
  teams: Map<string, string>;
  workers: Array<{ id: string; email: string; role: string; team: string }>;
  /** District number (1..14) -> locality team id. */
  localityOf: (district: number) => string;
}

export async function loadOrganisation(db: Loader): Promise<Organisation> {
  const passwordHash = await hashPassword(demoPassword);
  const orgs = new Map<string, string>();
  for (const [name, kind] of [
    [councilName, 'council'],
    ['Northbridge Homes', 'housing'],
    ['Northbridge Community Health NHS Trust', 'nhs'],
    ['Northbridge Voluntary Action', 'voluntary'],
  ]) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`,
      [name, kind],
    );
    orgs.set(name, row.id);
  }
  const teams = new Map<string, string>();
  const addTeam = async (name: string, kind: string, org: string) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO teams (organisation_id, name, kind) VALUES ($1, $2, $3) RETURNING id`,
      [orgs.get(org), name, kind],
    );
    teams.set(name, row.id);
  };
  for (const [name] of localities) await addTeam(name, 'locality', councilName);
  for (const [name, kind] of centralTeams) await addTeam(name, kind, councilName);
  for (const [name, org] of partnerTeams) await addTeam(name, 'partner', org);
  for (const [name, prefixes] of localities) {
    for (const prefix of prefixes)
      await db.query(`INSERT INTO locality_postcodes (prefix, team_id) VALUES ($1, $2)`, [prefix, teams.get(name)]);
  }
  const workers: Organisation['workers'] = [];
  for (const [i, w] of demoWorkers.entries()) {
    const org = w.organisation === 'council' ? councilName : w.organisation;
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO workers (name, email, role, job_title, phone, organisation_id, team_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        w.name,
        w.email,
        w.role,
        w.jobTitle,
        '01632 960' + String(100 + i),
        orgs.get(org),
        teams.get(w.team),
        passwordHash,
      ],
    );
    workers.push({ id: row.id, email: w.email, role: w.role, team: w.team });
  }
  const localityIds = localities.map(([name]) => teams.get(name)!);
  return { teams, workers, localityOf: (district) => localityIds[Math.floor((district - 1) / 2)] };
}

/** Yields COPY chunks of `batch` rows, reporting progress as it goes. */
function* chunks(total: number, batch: number, row: (i: number) => string, progress: (done: number) => void) {
  for (let start = 0; start < total; start += batch) {
    const end = Math.min(total, start + batch);
    let text = '';
    for (let i = start; i < end; i++) text += row(i) + '\n';
    yield text;
    progress(end);
  }
}

// Quiet under the test runner (the query-plan test generates a tiny data set).
const quiet = Boolean(process.env.NODE_TEST_CONTEXT);

function progressLine(table: string, total: number, started: number) {
  let last = 0;
  return (done: number) => {
    const now = Date.now();
    // On a terminal, one line rewritten; in a log, a line every 5 seconds.
    const tty = process.stderr.isTTY;
    if (quiet) return;
    if (now - last < (tty ? 250 : 5_000) && done < total) return;
    last = now;
    const secs = (now - started) / 1000;
    const text = `  ${table.padEnd(14)} ${done.toLocaleString('en-GB').padStart(11)} / ${total.toLocaleString('en-GB')}  ${Math.round(done / Math.max(secs, 0.001)).toLocaleString('en-GB')} rows/s`;
    process.stderr.write(tty ? `\r${text}   ${done >= total ? '\n' : ''}` : `${text}\n`);
  };
}

async function timed(
  table: string,
  total: number,
  load: (progress: (done: number) => void) => Promise<void>,
): Promise<TableLoad> {
  const started = Date.now();
  await load(progressLine(table, total, started));
  const seconds = (Date.now() - started) / 1000;
  return { table, rows: total, seconds, rowsPerSecond: Math.round(total / seconds) };
}

const f = d.copyField;
const kinds = [
  'listen_and_connect',
  'listen_and_connect',
  'listen_and_connect',
  'listen_and_connect',
  'build_a_good_life',
  'build_a_good_life',
  'taking_stock',
  'taking_stock',
  'crisis',
  'carers_conversation',
];
const channels = [
  'phone',
  'phone',
  'phone',
  'email',
  'drop_in',
  'gp',
  'hospital',
  'family_or_friend',
  'professional',
  'self',
];

export async function generate(
  db: Loader,
  scale: d.Scale,
  now = new Date(),
): Promise<{ org: Organisation; loads: TableLoad[] }> {
  const counts = d.scales[scale];
  const org = await loadOrganisation(db);
  const admin = org.workers.find((w) => w.role === 'admin')!.id;
  const practitioners = org.workers.filter((w) => w.role === 'practitioner' || w.role === 'team_manager');
  const frontDoor = org.workers.filter((w) => w.role === 'front_door');
  const byTeam = new Map<string, string[]>();
  for (const w of org.workers)
    byTeam.set(org.teams.get(w.team)!, [...(byTeam.get(org.teams.get(w.team)!) ?? []), w.id]);
  const loads: TableLoad[] = [];

  // People
  const r = d.rng(20_240_601);
  const personIds: string[] = new Array(counts.people);
  const districts = new Uint8Array(counts.people);
  const nowIso = now.toISOString();
  loads.push(
    await timed('people', counts.people, (progress) =>
      db.copy(
        'people',
        [
          'id',
          'given_name',
          'family_name',
          'preferred_name',
          'date_of_birth',
          'nhs_number',
          'address',
          'postcode',
          'phone',
          'team_id',
          'named_worker_id',
          'created_by',
          'created_at',
          'updated_at',
        ],
        chunks(
          counts.people,
          5_000,
          (i) => {
            const id = randomUUID();
            personIds[i] = id;
            const given = d.givenName(r);
            const postcode = d.postcode(r);
            const district = Number(postcode.slice(2, postcode.indexOf(' ')));
            districts[i] = district;
            const team = r() < 0.4 ? org.localityOf(district) : null;
            const named = team && r() < 0.3 ? d.pick(r, byTeam.get(team) ?? [null]) : null;
            return [
              id,
              given,
              d.familyName(r),
              r() < 0.3 ? d.preferredName(given) : null,
              d.dateOfBirth(r),
              r() < 0.9 ? d.nhsNumber(i) : null,
              d.address(r),
              postcode,
              r() < 0.7 ? `07700 9${String(d.int(r, 0, 99_999)).padStart(5, '0')}` : null,
              team,
              named,
              admin,
              nowIso,
              nowIso,
            ]
              .map(f)
              .join('\t');
          },
          progress,
        ),
      ),
    ),
  );

  // Conversations: skewed, so a few people have years of notes and many have none.
  const rc = d.rng(7_001);
  const tenYears = 10 * 365 * 86_400_000;
  loads.push(
    await timed('conversations', counts.conversations, (progress) =>
      db.copy(
        'conversations',
        [
          'id',
          'person_id',
          'kind',
          'occurred_at',
          'place',
          'narrative',
          'what_matters',
          'agreed',
          'what_happens_next',
          'author_id',
          'team_id',
          'created_at',
        ],
        chunks(
          counts.conversations,
          5_000,
          () => {
            const person = personIds[Math.floor(Math.pow(rc(), 1.8) * counts.people)];
            const author = d.pick(rc, practitioners);
            const occurred = new Date(now.getTime() - Math.pow(rc(), 2) * tenYears - 3_600_000).toISOString();
            return [
              randomUUID(),
              person,
              d.pick(rc, kinds),
              occurred,
              rc() < 0.5 ? d.pick(rc, ['Their home', 'By phone', 'Day centre', 'Ward 7', 'Community café']) : null,
              d.narrative(rc),
              rc() < 0.4 ? 'Staying at home and seeing family.' : null,
              rc() < 0.3 ? 'To try the lunch club on Thursday.' : null,
              d.whatHappensNext(rc),
              author.id,
              org.teams.get(author.team),
              occurred,
            ]
              .map(f)
              .join('\t');
          },
          progress,
        ),
      ),
    ),
  );

  // Contacts: waiting or recent, across the teams; to the person's locality team.
  const rk = d.rng(31_337);
  const firstContact = org.teams.get('First Contact')!;
  loads.push(
    await timed('contacts', counts.contacts, (progress) =>
      db.copy(
        'contacts',
        [
          'id',
          'person_id',
          'channel',
          'reason',
          'what_matters_now',
          'urgency',
          'person_was_known',
          'outcome',
          'resolution_kind',
          'passed_to_team_id',
          'routing',
          'taken_by_id',
          'taken_at',
          'received_by_id',
          'received_team_id',
          'received_at',
          'created_at',
        ],
        chunks(
          counts.contacts,
          5_000,
          () => {
            const p = d.int(rk, 0, counts.people - 1);
            const received = new Date(now.getTime() - Math.pow(rk(), 1.5) * 60 * 86_400_000);
            const passed = rk() < 0.7;
            const team = passed ? org.localityOf(districts[p]) : null;
            const taken = passed && rk() < 0.45;
            const takenAt = taken
              ? new Date(Math.min(now.getTime(), received.getTime() + rk() * 10 * 86_400_000)).toISOString()
              : null;
            const urgency = rk() < 0.05 ? 'crisis' : rk() < 0.02 ? 'abuse_or_neglect' : 'none';
            return [
              randomUUID(),
              personIds[p],
              d.pick(rk, channels),
              d.pick(rk, d.contactReasons),
              rk() < 0.6 ? 'To stay safe at home' : null,
              urgency,
              rk() < 0.6,
              passed ? 'passed' : 'resolved',
              passed ? null : 'information_and_advice',
              team,
              passed ? 'postcode' : null,
              taken ? d.pick(rk, byTeam.get(team!) ?? [admin]) : null,
              takenAt,
              d.pick(rk, frontDoor).id,
              firstContact,
              received.toISOString(),
              received.toISOString(),
            ]
              .map(f)
              .join('\t');
          },
          progress,
        ),
      ),
    ),
  );

  // The directory, table by table (each refers only to those before it).
  for (const t of directoryTables(counts.services)) {
    loads.push(
      await timed(t.table.replace('directory_', ''), t.count, (progress) =>
        db.copy(t.table, t.columns, chunks(t.count, 5_000, t.rows, progress)),
      ),
    );
  }
  return { org, loads };
}
