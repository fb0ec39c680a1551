// Reading another directory's ORUK API: page through /services, and fetch /services/{id}
// for the full record when the list gives one-to-one fields only (as ORUK's lists may).
import type { Issue, Raw, RawRecord } from './import.clean.js';

/** A feed that cannot be read at all: the import fails with this reason. */
export class FeedFailure extends Error {}

export interface FeedOptions {
  fetch?: typeof fetch;
  /** Per request. */
  timeoutMs?: number;
  perPage?: number;
  /** Largest response read, in bytes. */
  maxBytes?: number;
  signal?: AbortSignal;
}

/**
 * The API's base address from what an editor typed: http(s) only, no user name or password,
 * without a trailing "/services". Returns an error message for the form otherwise.
 */
export function feedBase(input: string): { ok: true; base: string } | { ok: false; error: string } {
  const s = input.trim();
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return {
      ok: false,
      error: 'Enter the feed’s web address in full, starting https://, like https://directory.example.org/api',
    };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, error: 'The feed’s web address must start with https:// or http://' };
  if (u.username || u.password)
    return { ok: false, error: 'The feed’s web address must not contain a user name or password' };
  if (u.search || u.hash)
    return {
      ok: false,
      error: 'Enter the feed’s address without anything after a ? or #, like https://directory.example.org/api',
    };
  const path = u.pathname.replace(/\/+$/, '').replace(/\/services$/, '');
  return { ok: true, base: `${u.origin}${path}` };
}

/** Where a feed's records come from, for their origin and for ids made from older ones. */
export const feedOrigin = (base: string) => `feed ${base}`;

const collectionKeys = [
  'schedules',
  'service_at_locations',
  'contacts',
  'languages',
  'cost_options',
  'service_areas',
  'funding',
  'attributes',
  'regular_schedules',
  'service_taxonomys',
  'fundings',
  'eligibilitys',
];
/** List items with no collections at all are one-to-one summaries: the full record is fetched. */
const isSummary = (o: Raw) => !collectionKeys.some((k) => k in o);

async function readLimited(res: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new FeedFailure(`${url} sent more than ${Math.round(maxBytes / 1_000_000)} MB`);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FeedFailure(`${url} sent more than ${Math.round(maxBytes / 1_000_000)} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const seconds = (ms: number) => {
  const n = Math.max(1, Math.round(ms / 1000));
  return `${n} second${n === 1 ? '' : 's'}`;
};

/** GETs JSON, with a time limit; a failure says plainly what went wrong and where. */
export async function getJson(
  url: string,
  opts: FeedOptions,
): Promise<{ ok: true; body: unknown } | { ok: false; status: number | null; why: string }> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, { headers: { accept: 'application/json' }, signal, redirect: 'follow' });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || timeout.aborted)
      return { ok: false, status: null, why: `${url} did not answer within ${seconds(opts.timeoutMs ?? 30_000)}` };
    return { ok: false, status: null, why: `${url} could not be reached (${e.cause?.code ?? e.message})` };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, status: res.status, why: `${url} answered ${res.status} ${res.statusText}`.trim() };
  }
  let text: string;
  try {
    text = await readLimited(res, opts.maxBytes ?? 50_000_000, url);
  } catch (err) {
    if (err instanceof FeedFailure) return { ok: false, status: res.status, why: err.message };
    if (timeout.aborted)
      return {
        ok: false,
        status: null,
        why: `${url} did not finish answering within ${seconds(opts.timeoutMs ?? 30_000)}`,
      };
    throw err;
  }
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, status: res.status, why: `${url} did not send JSON` };
  }
}

export interface FeedPage {
  records: RawRecord[];
  issues: Issue[];
  /** From the first page's total_items, when the feed says. */
  total: number | null;
}

/** Runs `fn` over items, a few at a time, keeping their order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * The feed's services, a page at a time. Taxonomies come first when the feed serves them
 * (ORUK level 2; a feed without them is fine). The first `skip` services are given as listed,
 * without fetching their full records: a resumed import has already stored them.
 */
export async function* feedRecords(base: string, opts: FeedOptions & { skip?: number } = {}): AsyncGenerator<FeedPage> {
  const perPage = opts.perPage ?? 100;
  const maxPages = 100_000;

  // Taxonomies, with their terms when the feed nests them.
  const taxonomies: RawRecord[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const got = await getJson(`${base}/taxonomies?page=${page}&per_page=${perPage}`, opts);
    if (!got.ok) break;
    const body = got.body as Raw;
    const contents = Array.isArray(body) ? body : Array.isArray(body?.contents) ? (body.contents as unknown[]) : [];
    for (const t of contents)
      if (t && typeof t === 'object' && !Array.isArray(t)) taxonomies.push({ kind: 'taxonomy', raw: t as Raw });
    if (
      Array.isArray(body) ||
      body.last_page === true ||
      !contents.length ||
      (typeof body.total_pages === 'number' && page >= body.total_pages)
    )
      break;
  }
  let seen = 0;
  let total: number | null = null;
  if (taxonomies.length) yield { records: taxonomies, issues: [], total: null };

  for (let page = 1; page <= maxPages; page++) {
    const url = `${base}/services?page=${page}&per_page=${perPage}`;
    const got = await getJson(url, opts);
    if (!got.ok) throw new FeedFailure(got.why);
    const body = got.body as Raw;
    const list = Array.isArray(body) ? body : Array.isArray(body?.contents) ? (body.contents as unknown[]) : null;
    if (!list) throw new FeedFailure(`${url} is not an Open Referral list of services (it has no "contents")`);
    if (page === 1)
      total = typeof body.total_items === 'number' ? body.total_items : Array.isArray(body) ? list.length : null;
    const issues: Issue[] = [];
    const items = list.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Raw) : null));
    const records = await mapLimited(items, 4, async (item): Promise<RawRecord | null> => {
      const index = seen++;
      if (!item) {
        issues.push({
          entity: 'service',
          recordId: null,
          recordName: null,
          outcome: 'skipped',
          message: `item ${index + 1} of the feed is not a record: not imported`,
        });
        return null;
      }
      if (index < (opts.skip ?? 0) || !isSummary(item) || item.id === undefined || item.id === null || item.id === '')
        return { kind: 'service', raw: item };
      const full = await getJson(`${base}/services/${encodeURIComponent(String(item.id))}`, opts);
      if (full.ok && full.body && typeof full.body === 'object' && !Array.isArray(full.body))
        return { kind: 'service', raw: full.body as Raw };
      issues.push({
        entity: 'service',
        recordId: String(item.id),
        recordName: typeof item.name === 'string' ? item.name : null,
        outcome: 'skipped',
        message: `the full record could not be fetched (${full.ok ? 'it is not a record' : full.why}): not imported`,
      });
      return null;
    });
    yield { records: records.filter((r): r is RawRecord => r !== null), issues, total };
    if (
      Array.isArray(body) ||
      body.last_page === true ||
      !list.length ||
      (typeof body.total_pages === 'number' && page >= body.total_pages)
    )
      break;
  }
}
