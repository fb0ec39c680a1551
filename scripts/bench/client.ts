/** Signing in through the real form, and driving one scenario with autocannon. */
import autocannon from 'autocannon';
import { cpuUse, sampleCpu, type CpuUse } from './cpu.js';

/**
 * Hearth runs with NODE_ENV=production, so its session cookie is Secure. As behind a load
 * balancer that ends TLS, it trusts the proxy and every request says it came over https.
 */
export const proxyHeaders = { 'x-forwarded-proto': 'https' };

export interface Session {
  cookie: string;
  csrf: string;
}

/** The cookie a response sets (with its __Host- prefix in production), as `name=value`. */
function cookieSet(res: Response, name: string): string | null {
  for (const c of res.headers.getSetCookie()) {
    const m = new RegExp(`^((?:__Host-)?${name}=[^;]+)`).exec(c);
    if (m) return m[1];
  }
  return null;
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

/**
 * GET /sign-in, POST /sign-in with its CSRF token and cookie (there is no session before
 * signing in), then read the new session's token from GET /.
 */
export async function signIn(url: string, email: string, password: string): Promise<Session> {
  const page = await fetch(`${url}/sign-in`, { headers: proxyHeaders });
  const csrfCookie = cookieSet(page, 'hearth_csrf');
  if (!page.ok || !csrfCookie)
    throw new Error(`GET /sign-in: ${page.status}, cookie ${csrfCookie ? 'set' : 'missing'}`);
  const body = new URLSearchParams({ email, password, _csrf: csrfFrom(await page.text()) });
  const res = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...proxyHeaders, cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  const cookie = cookieSet(res, 'hearth_session');
  if (res.status !== 303 || !cookie)
    throw new Error(`POST /sign-in: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const home = await fetch(`${url}/`, { headers: { ...proxyHeaders, cookie }, redirect: 'manual' });
  if (home.status !== 200) throw new Error(`GET / after signing in: ${home.status}`);
  return { cookie, csrf: csrfFrom(await home.text()) };
}

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  /** Form fields (sent url-encoded). */
  form?: Record<string, string>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Next request to send; called for every request, so scenarios rotate through their inputs. */
  next: () => Req;
  /** Statuses that count as success (others are errors). */
  ok: number[];
  /** Send the session cookie (false for the no-cookie page). */
  signedIn?: boolean;
  skipped?: string;
}

export interface ScenarioResult {
  name: string;
  description: string;
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  successesPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number; autocannonP97_5: number };
  errors: number;
  /** Responses with a status not counted as success, by status. */
  unexpectedStatuses: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  ratioToBaseline?: number;
  /** Where the CPU went while it ran (see cpu.ts). */
  cpu?: CpuUse;
  /** Its queries' plans on the generated data (from one request after the run). */
  plans?: Array<{ sql: string; shape: string }>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function toRequest(session: Session, s: Scenario, r: Req) {
  const headers: Record<string, string> = { ...proxyHeaders };
  if (s.signedIn !== false) headers.cookie = session.cookie;
  if (r.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  return {
    method: r.method,
    path: r.path,
    headers,
    body: r.form ? new URLSearchParams({ ...r.form, _csrf: session.csrf }).toString() : undefined,
  };
}

/** One request, to check a scenario answers as expected before loading it. */
export async function probe(url: string, session: Session, s: Scenario): Promise<void> {
  const r = toRequest(session, s, s.next());
  const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body, redirect: 'manual' });
  const text = await res.text();
  if (!s.ok.includes(res.status)) {
    throw new Error(
      `${s.name}: ${r.method} ${r.path} answered ${res.status}, expected ${s.ok.join('/')}: ${text.replace(/\s+/g, ' ').slice(0, 400)}`,
    );
  }
}

function cannon(
  url: string,
  session: Session,
  s: Scenario,
  connections: number,
  duration: number,
  onResponse?: (status: number, ms: number) => void,
) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 30,
        requests: [{ setupRequest: () => toRequest(session, s, s.next()) } as never],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

export async function runScenario(
  url: string,
  session: Session,
  s: Scenario,
  opts: { connections: number; warmup: number; duration: number; hearthPid?: number },
): Promise<ScenarioResult> {
  await probe(url, session, s);
  if (opts.warmup > 0) await cannon(url, session, s, opts.connections, opts.warmup);
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let successes = 0;
  const cpuBefore = opts.hearthPid ? sampleCpu(opts.hearthPid) : null;
  const started = process.hrtime.bigint();
  const result = await cannon(url, session, s, opts.connections, opts.duration, (status, ms) => {
    latencies.push(ms);
    if (s.ok.includes(status)) successes++;
    else unexpected[status] = (unexpected[status] ?? 0) + 1;
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = cpuUse(cpuBefore, opts.hearthPid ? sampleCpu(opts.hearthPid) : null, latencies.length);
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  const round = (n: number) => Math.round(n * 100) / 100;
  const unexpectedCount = Object.values(unexpected).reduce((a, b) => a + b, 0);
  return {
    name: s.name,
    description: s.description,
    requests: latencies.length,
    durationSeconds: round(seconds),
    requestsPerSecond: round(latencies.length / opts.duration),
    successesPerSecond: round(successes / opts.duration),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      mean: round(mean),
      max: round(latencies[latencies.length - 1] ?? 0),
      autocannonP97_5: result.latency.p97_5,
    },
    errors: unexpectedCount + result.errors + result.timeouts,
    unexpectedStatuses: unexpected,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    cpu,
  };
}
