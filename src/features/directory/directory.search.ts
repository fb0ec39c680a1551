import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { normalisePostcode } from '../../platform/forms.js';

// One search for the directory, used by workers' pages, connections and the public ORUK
// API. Every filter is a semi-join on an indexed column (attributes by term, addresses by
// postcode district, services' tsvector and name trigrams) or, for distance, a join with the
// locations found through their latitude and longitude index, so the planner can start from
// whichever filter is most selective.

export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];

export interface DirectoryQuery {
  /** Words, in any order; matched against name and description, and names with typos. */
  words?: string;
  /** Needs: services with any of these taxonomy terms (or their direct children). */
  termIds?: string[];
  /** Services with any term from this taxonomy. */
  taxonomyId?: string;
  /** Postcode districts ("NB3"), e.g. those a locality covers. */
  districts?: string[];
  /** Within `metres` of a point (a postcode's, see pointForPostcode). */
  near?: { latitude: number; longitude: number; metres: number };
  /** Who it is for: services whose age range includes this age. */
  age?: number;
  /** ORUK API: services whose minimum age is at least this. */
  minimumAge?: number;
  /** ORUK API: services whose maximum age is at most this. */
  maximumAge?: number;
  /**
   * Open on a weekday (weekly, or monthly on some one of it), or on a date (YYYY-MM-DD, which
   * also honours monthly ordinals and valid_from/valid_to); with `from`, open at that time
   * (opens at or before it, closes after it); with `to`, still open until then.
   */
  open?: { day?: Weekday; date?: string; from?: string; to?: string };
}

export interface DirectoryHit {
  id: string;
  name: string;
  description: string | null;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  organizationId: string | null;
  organizationName: string | null;
  checkedAt: Date | null;
  lastModified: Date;
  /** Metres to the nearest of its locations, when searching near a point. */
  distanceMetres: number | null;
}

// Control characters (a NUL above all) are refused by PostgreSQL's text functions: they are never words.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const wordsOf = (q: DirectoryQuery) => q.words?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();

// Distance in metres between a location row `l` and a point, on a flat map around the point:
// within the few miles searched it is within a fraction of a per cent of the great-circle
// distance, and costs a few multiplications per location instead of a dozen trigonometric calls.
export function metresFrom(latitude: number, longitude: number): SQL {
  const perDegree = 111_195; // metres in a degree of latitude (the Earth's mean radius)
  const perDegreeOfLongitude = perDegree * Math.cos((latitude * Math.PI) / 180);
  return sql`sqrt((l.latitude - ${latitude}) * (l.latitude - ${latitude}) * ${perDegree ** 2}::float8
    + (l.longitude - ${longitude}) * (l.longitude - ${longitude}) * ${perDegreeOfLongitude ** 2}::float8)`;
}

/** A latitude/longitude box around the point, so the locations index does the first cut. */
function boxAround(near: NonNullable<DirectoryQuery['near']>): SQL {
  const dLat = near.metres / 111_320;
  const dLon = near.metres / (111_320 * Math.max(Math.cos((near.latitude * Math.PI) / 180), 0.01));
  return sql`l.latitude BETWEEN ${near.latitude - dLat} AND ${near.latitude + dLat} AND l.longitude BETWEEN ${near.longitude - dLon} AND ${near.longitude + dLon}`;
}

// A schedule's days as tokens: "MO", or with an ordinal for monthly ones, "1TH" (first Thursday), "-1FR" (last Friday).
const dayTokens = sql`regexp_split_to_array(upper(regexp_replace(sc.byday, '[[:space:]]', '', 'g')), ',')`;
const weekly = sql`coalesce(upper(sc.freq), 'WEEKLY') = 'WEEKLY'`;
// A schedule with no days given is taken as every day it says it opens.
const everyDay = sql`coalesce(sc.byday, '') = ''`;

/** Meets on this weekday at all: weekly on it, or monthly on some one of it ("1TH" for Thursdays). */
function onWeekday(day: Weekday): SQL {
  return sql`(${everyDay} OR EXISTS (SELECT 1 FROM unnest(${dayTokens}) tok WHERE tok ~ ${`^(-?[0-9]+)?${day}$`}))`;
}

/** Meets on this date (YYYY-MM-DD): on its weekday ("TH"), or monthly on its place in the month ("4TH", "-1TH") or its day of the month. */
function onDate(date: string): SQL {
  const d = new Date(`${date}T12:00:00Z`);
  const day = weekdays[(d.getUTCDay() + 6) % 7]!;
  const dayOfMonth = d.getUTCDate();
  const nth = `${Math.ceil(dayOfMonth / 7)}${day}`;
  const last =
    new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() - dayOfMonth < 7 ? `-1${day}` : nth;
  return sql`(sc.valid_from IS NULL OR sc.valid_from <= ${date}::date) AND (sc.valid_to IS NULL OR sc.valid_to >= ${date}::date) AND (
    (${weekly} AND ${everyDay}) OR ${day} = ANY(${dayTokens})
    OR (upper(sc.freq) = 'MONTHLY' AND (${nth} = ANY(${dayTokens}) OR ${last} = ANY(${dayTokens})
      OR ${String(dayOfMonth)} = ANY(string_to_array(regexp_replace(coalesce(sc.bymonthday, ''), '[[:space:]]', '', 'g'), ',')))))`;
}

/** With `typos`, words match names by trigram word similarity instead of the full-text index. */
function conditions(q: DirectoryQuery, typos = false): SQL[] {
  const where: SQL[] = [sql`s.withdrawn_at IS NULL`];
  const words = wordsOf(q);
  if (words)
    where.push(
      typos ? sql`lower(${words}) <% lower(s.name)` : sql`s.search_text @@ websearch_to_tsquery('english', ${words})`,
    );
  if (q.termIds?.length) {
    const ids = sql.join(
      q.termIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    where.push(
      sql`s.id IN (SELECT a.link_id FROM directory_attributes a WHERE a.taxonomy_term_id IN (SELECT t.id FROM directory_taxonomy_terms t WHERE t.id IN (${ids}) OR t.parent_id IN (${ids})))`,
    );
  }
  if (q.taxonomyId) {
    where.push(
      sql`s.id IN (SELECT a.link_id FROM directory_attributes a JOIN directory_taxonomy_terms t ON t.id = a.taxonomy_term_id WHERE t.taxonomy_id = ${q.taxonomyId}::uuid)`,
    );
  }
  if (q.districts?.length) {
    const districts = sql.join(
      q.districts.map((d) => sql`${d.toUpperCase()}`),
      sql`, `,
    );
    where.push(
      sql`s.id IN (SELECT sal.service_id FROM directory_service_at_locations sal JOIN directory_addresses ad ON ad.location_id = sal.location_id WHERE ad.postcode_district IN (${districts}))`,
    );
  }
  if (q.age !== undefined) {
    where.push(
      sql`(s.minimum_age IS NULL OR s.minimum_age <= ${q.age}) AND (s.maximum_age IS NULL OR s.maximum_age >= ${q.age})`,
    );
  }
  if (q.minimumAge !== undefined) where.push(sql`s.minimum_age >= ${q.minimumAge}`);
  if (q.maximumAge !== undefined) where.push(sql`s.maximum_age <= ${q.maximumAge}`);
  if (q.open && (q.open.day || q.open.date || q.open.from || q.open.to)) {
    const { from, to } = q.open;
    const when: SQL[] = [];
    if (q.open.date) when.push(onDate(q.open.date));
    else if (q.open.day) when.push(onWeekday(q.open.day));
    if (from) when.push(sql`sc.opens_at <= ${from}::time AND sc.closes_at > ${from}::time`);
    if (to) when.push(sql`sc.closes_at >= ${to}::time`);
    where.push(
      sql`s.id IN (SELECT coalesce(sc.service_id, sal.service_id) FROM directory_schedules sc LEFT JOIN directory_service_at_locations sal ON sal.id = sc.service_at_location_id WHERE ${sql.join(when, sql` AND `)})`,
    );
  }
  return where;
}

/**
 * A page of services matching the query, best first, and how many match in all. Words go
 * through the full-text index; only when they find nothing are names tried for typos (trigram
 * word similarity is costly on every row, and a correctly spelt search never needs it).
 */
export async function searchServices(
  db: Db,
  q: DirectoryQuery,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: DirectoryHit[] }> {
  const found = await searchPage(db, q, page, false);
  return found.total === 0 && wordsOf(q) ? searchPage(db, q, page, true) : found;
}

async function searchPage(db: Db, q: DirectoryQuery, page: { limit: number; offset: number }, typos: boolean) {
  const words = wordsOf(q);
  const filters = conditions(q, typos);
  const where = sql.join(filters, sql` AND `);
  // Near a point: the services with a location in range, each with its nearest, found from the
  // locations index in one pass and joined (not a distance sub-query per matching service).
  // With other filters too, only their services' places are measured: words alone usually
  // match far fewer services than a few miles hold.
  const matching =
    filters.length > 1 ? sql`AND sal.service_id IN (SELECT s.id FROM directory_services s WHERE ${where})` : sql``;
  const metres = q.near && metresFrom(q.near.latitude, q.near.longitude);
  const from = q.near
    ? sql`directory_services s JOIN (
        SELECT sal.service_id, min(${metres}) AS metres
        FROM directory_locations l JOIN directory_service_at_locations sal ON sal.location_id = l.id
        WHERE ${boxAround(q.near)} AND ${metres} <= ${q.near.metres} ${matching}
        GROUP BY sal.service_id) near ON near.service_id = s.id`
    : sql`directory_services s`;
  const distance = q.near ? sql`near.metres` : sql`NULL::float8`;
  const rank = !words
    ? sql`0`
    : typos
      ? sql`word_similarity(lower(${words}), lower(s.name))`
      : sql`ts_rank(s.search_text, websearch_to_tsquery('english', ${words}))`;
  const order = (rank: SQL, distance: SQL) =>
    words
      ? sql`${rank} DESC, ${distance} ASC NULLS LAST, s.name, s.id`
      : q.near
        ? sql`${distance} ASC NULLS LAST, s.name, s.id`
        : sql`s.name, s.id`;
  const count = () =>
    db
      .execute(sql`SELECT count(*) AS n FROM ${from} WHERE ${where}`)
      .then((r) => Number((r.rows[0] as { n: unknown }).n));
  // The page's ids first (a plain list from the name index alone), then the details of those only.
  const list = (withCount: boolean) =>
    db.execute(sql`
      SELECT s.id, s.name, s.description, s.status, s.organization_id, o.name AS organization_name,
             s.checked_at, s.last_modified, hit.distance_metres, hit.total
      FROM (
        SELECT s.id, ${distance} AS distance_metres, ${rank} AS rank, ${withCount ? sql`count(*) OVER ()` : sql`NULL::bigint`} AS total
        FROM ${from}
        WHERE ${where}
        ORDER BY ${order(rank, distance)}
        LIMIT ${page.limit} OFFSET ${page.offset}
      ) hit
      JOIN directory_services s ON s.id = hit.id
      LEFT JOIN directory_organisations o ON o.id = s.organization_id
      ORDER BY ${order(sql`hit.rank`, sql`hit.distance_metres`)}`);
  let result, total: number;
  if (words || q.near) {
    // Ranked by words or distance, every match is found and ordered anyway: count them on the way.
    result = await list(true);
    const first = result.rows[0] as { total?: unknown } | undefined;
    total = first ? Number(first.total) : page.offset > 0 ? await count() : 0;
  } else {
    // A plain list is read in name order from an index, a page at a time: the count is its own query.
    [result, total] = await Promise.all([list(false), count()]);
  }
  return {
    total,
    rows: (result.rows as Array<Record<string, unknown>>).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      description: (r.description as string | null) ?? null,
      status: r.status as DirectoryHit['status'],
      organizationId: (r.organization_id as string | null) ?? null,
      organizationName: (r.organization_name as string | null) ?? null,
      checkedAt: r.checked_at ? new Date(r.checked_at as string) : null,
      lastModified: new Date(r.last_modified as string),
      distanceMetres: r.distance_metres === null || r.distance_metres === undefined ? null : Number(r.distance_metres),
    })),
  };
}

/** Where a postcode is: the full postcode if known, otherwise its district's centre. */
export async function pointForPostcode(db: Db, input: string): Promise<{ latitude: number; longitude: number } | null> {
  const trimmed = input.trim().toUpperCase().replace(/\s+/g, ' ');
  const full = normalisePostcode(trimmed);
  const district = (full ?? trimmed).split(' ')[0]!;
  if (!/^[A-Z]{1,2}\d[A-Z\d]?$/.test(district)) return null;
  const result = await db.execute(
    sql`SELECT latitude, longitude FROM postcode_points WHERE postcode IN (${full ?? district}, ${district}) ORDER BY length(postcode) DESC LIMIT 1`,
  );
  const row = result.rows[0] as { latitude: number; longitude: number } | undefined;
  return row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : null;
}
