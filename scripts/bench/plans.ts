/**
 * Query plans of the benchmark's scenarios: send each scenario's request once to an
 * in-process Hearth whose database logs every query, then EXPLAIN each query. The plan test
 * runs this with sequential scans disabled (any "Seq Scan" left means no index can serve the
 * query); the benchmark records each plan's shape on its data.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Logger } from 'drizzle-orm/logger';
import type { Database } from '../../src/db/client.js';
import { csrfFrom, type Req, type Scenario } from './client.js';

/** Tables bounded by the size of the organisation, not by people or records: reading them whole is fine. */
export const referenceTables = new Set([
  'teams',
  'organisations',
  'locality_postcodes',
  'jargon_terms',
  'directory_taxonomies',
  'directory_taxonomy_terms',
]);

export class QueryCapture implements Logger {
  queries: Array<{ sql: string; params: unknown[] }> = [];
  logQuery(sql: string, params: unknown[]) {
    this.queries.push({ sql, params });
  }
  take() {
    const q = this.queries;
    this.queries = [];
    return q;
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

export interface QueryPlan {
  sql: string;
  /** Node types nested with their tables and indexes, e.g. "Limit > Index Scan on people using people_pkey". */
  shape: string;
  /** Tables read whole by a sequential scan (reference tables excepted). */
  fullScans: string[];
}

function describe(node: PlanNode): string {
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const children = node.Plans?.map(describe) ?? [];
  return `${node['Node Type']}${on}${using}${children.length ? ` > (${children.join(', ')})` : ''}`;
}

function seqScans(node: PlanNode): string[] {
  const own =
    node['Node Type'] === 'Seq Scan' && node['Relation Name'] && !referenceTables.has(node['Relation Name'])
      ? [node['Relation Name']]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

type RawClient = { query(text: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }> };

/** EXPLAIN one query with its parameters; with `noSeqScan`, as if sequential scans did not exist. */
export async function explain(
  database: Database,
  sql: string,
  params: unknown[],
  noSeqScan: boolean,
): Promise<QueryPlan> {
  const client = (
    database.db as unknown as { $client: RawClient & { connect?: () => Promise<RawClient & { release(): void }> } }
  ).$client;
  // One connection for SET and EXPLAIN (a pool would hand them different ones).
  const connection = client.connect ? await client.connect() : client;
  try {
    await connection.query(`SET enable_seqscan = ${noSeqScan ? 'off' : 'on'}`);
    const { rows } = await connection.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const raw = rows[0]!['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    return { sql, shape: describe(plan[0]!.Plan), fullScans: [...new Set(seqScans(plan[0]!.Plan))] };
  } finally {
    await connection.query('RESET enable_seqscan');
    if ('release' in connection) connection.release();
  }
}

function cookieOf(res: LightMyRequestResponse, name: string): string | undefined {
  const c = res.cookies.find((x) => x.name === name);
  return c ? `${c.name}=${c.value}` : undefined;
}

/** Signs in through the real form (its token goes with the CSRF cookie: no session before signing in), in-process. */
export async function signInInProcess(app: FastifyInstance, email: string, password: string) {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const signedIn = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: cookieOf(page, 'hearth_csrf')! },
    payload: { email, password, _csrf: csrfFrom(page.body) },
  });
  const cookie = cookieOf(signedIn, 'hearth_session');
  if (signedIn.statusCode !== 303 || !cookie) throw new Error(`signing in as ${email}: ${signedIn.statusCode}`);
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  return { cookie, csrf: csrfFrom(home.body) };
}

async function send(app: FastifyInstance, session: { cookie: string; csrf: string }, s: Scenario, r: Req) {
  const headers: Record<string, string> = s.signedIn === false ? {} : { cookie: session.cookie };
  const res = await app.inject({
    method: r.method,
    url: r.path,
    headers,
    payload: r.form ? { ...r.form, _csrf: session.csrf } : undefined,
  });
  if (!s.ok.includes(res.statusCode))
    throw new Error(`${s.name}: ${r.method} ${r.path} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
}

/** Each scenario's queries (from one request), explained. Queries repeated within a scenario are explained once. */
export async function scenarioPlans(
  app: FastifyInstance,
  database: Database,
  capture: QueryCapture,
  session: { cookie: string; csrf: string },
  list: Scenario[],
  noSeqScan: boolean,
): Promise<Array<{ scenario: string; plans: QueryPlan[] }>> {
  const out: Array<{ scenario: string; plans: QueryPlan[] }> = [];
  for (const s of list) {
    if (s.skipped) continue;
    capture.take();
    await send(app, session, s, s.next());
    const queries = capture.take().filter((q) => /^\s*(select|with|update|delete|insert)/i.test(q.sql));
    const seen = new Set<string>();
    const plans: QueryPlan[] = [];
    for (const q of queries) {
      if (seen.has(q.sql)) continue;
      seen.add(q.sql);
      plans.push(await explain(database, q.sql, q.params, noSeqScan));
    }
    out.push({ scenario: s.name, plans });
  }
  return out;
}
