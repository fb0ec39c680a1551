import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Role } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused, StaleVersion, ukToday } from '../../platform/forms.js';
import { localityAreas } from '../teams/teams.service.js';
import type { ResourceInput, SearchInput, VacancyInput } from './directory.forms.js';
import * as repo from './directory.repository.js';
import { pointForPostcode, searchServices, weekdays, type DirectoryQuery, type Weekday } from './directory.search.js';

/** Who may add, change, check and withdraw resources, and update vacancies. */
export const directoryEditors: readonly Role[] = ['admin'];

export const canEditDirectory = (ctx: Ctx) => directoryEditors.includes(ctx.worker.role);

export function mustEditDirectory(ctx: Ctx) {
  if (!canEditDirectory(ctx)) throw new AccessDenied('Only directory editors can change the directory');
}

// ---------------------------------------------------------------------------------------
// Dates in workers' words

const MONTH_MS = 30.44 * 86_400_000;

/** The instant `months` calendar months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Whole calendar months from `then` to `now`. */
function wholeMonths(then: Date, now: Date): number {
  let months = (now.getUTCFullYear() - then.getUTCFullYear()) * 12 + now.getUTCMonth() - then.getUTCMonth();
  if (monthsBefore(now, months) < then) months--;
  return Math.max(0, months);
}

/** "May be out of date" when a record has not been checked for the configured months; null when it is recent enough. */
export function staleness(checkedAt: Date | null, now: Date, months: number): string | null {
  if (!checkedAt) return 'May be out of date — never checked';
  if (checkedAt >= monthsBefore(now, months)) return null;
  const m = wholeMonths(checkedAt, now);
  const ago = m >= 24 ? `${Math.floor(m / 12)} years ago` : `${m} months ago`;
  return `May be out of date — last checked ${ago}`;
}

/** "3 days ago", "2 hours ago", "just now". */
export function timeAgo(then: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 14) return plural(days, 'day');
  if (days < 60) return plural(Math.floor(days / 7), 'week');
  return plural(Math.max(2, Math.floor((now.getTime() - then.getTime()) / MONTH_MS)), 'month');
}

const dayPlural: Record<Weekday, string> = {
  MO: 'Mondays',
  TU: 'Tuesdays',
  WE: 'Wednesdays',
  TH: 'Thursdays',
  FR: 'Fridays',
  SA: 'Saturdays',
  SU: 'Sundays',
};
const dayOne: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const ordinals: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '5': 'fifth',
  '-1': 'last',
};

/** "10am", "10:30am", "12 noon", "midnight". */
export function clock(t: string | null): string {
  if (!t) return '';
  const [h, m] = t.split(':').map(Number);
  if (h === 12 && m === 0) return '12 noon';
  if (h === 0 && m === 0) return 'midnight';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

/** Days as people say them: "Tuesdays and Thursdays", "Mondays to Fridays", "Every day". */
export function daysInWords(days: Weekday[]): string {
  const sorted = weekdays.filter((d) => days.includes(d));
  if (sorted.length === 7) return 'Every day';
  const runs: Weekday[][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && weekdays.indexOf(d) === weekdays.indexOf(last[last.length - 1]) + 1) last.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((r) =>
    r.length >= 3 ? [`${dayPlural[r[0]]} to ${dayPlural[r[r.length - 1]]}`] : r.map((d) => dayPlural[d]),
  );
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

interface ScheduleLike {
  freq: string | null;
  byday: string | null;
  opensAt: string | null;
  closesAt: string | null;
  description: string | null;
  notes?: string | null;
}

/** Opening times in plain English, one line per pattern: "Tuesdays and Thursdays, 10am to 12 noon". */
export function openingTimesInWords(schedules: ScheduleLike[]): string[] {
  const lines: string[] = [];
  const weekly = new Map<string, Set<Weekday>>();
  for (const s of schedules) {
    const hours = s.opensAt && s.closesAt ? `${clock(s.opensAt)} to ${clock(s.closesAt)}` : '';
    const codes = (s.byday ?? '')
      .toUpperCase()
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    const monthly = codes.map((c) => /^(-?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(c)).filter((m): m is RegExpExecArray => !!m);
    if (monthly.length && monthly.length === codes.length) {
      const which = monthly.map((m) => `${ordinals[m[1]] ?? m[1]} ${dayOne[m[2] as Weekday]}`).join(' and ');
      lines.push(`The ${which} of the month${hours ? `, ${hours}` : ''}`);
    } else if (codes.length && codes.every((c) => (weekdays as readonly string[]).includes(c))) {
      const key = hours;
      const set = weekly.get(key) ?? new Set<Weekday>();
      codes.forEach((c) => set.add(c as Weekday));
      weekly.set(key, set);
    } else if (s.description) {
      lines.push(s.description);
      continue;
    } else if (hours) {
      lines.push(`Every day, ${hours}`);
    }
    if (s.description && (codes.length || hours)) lines.push(s.description);
  }
  const patterns = [...weekly].map(([hours, days]) => ({
    hours,
    days: [...days],
    first: Math.min(...[...days].map((d) => weekdays.indexOf(d))),
  }));
  patterns.sort((a, b) => a.first - b.first || a.hours.localeCompare(b.hours));
  return [...patterns.map((p) => `${daysInWords(p.days)}${p.hours ? `, ${p.hours}` : ''}`), ...lines];
}

/** The day and time now in the UK, for "open now". */
export function ukDayAndTime(now: Date): { day: Weekday; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const)[
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday)
  ];
  return { day, time: `${parts.hour}:${parts.minute}` };
}

export const formatMoney = (n: number | null) =>
  n === null
    ? null
    : `£${n.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 })}`;

// ---------------------------------------------------------------------------------------
// Finding resources

export const PAGE_SIZE = 20;

/** The postcode districts a locality team covers, from the teams' postcode map. */
async function districtsOf(db: Db, localityId: string): Promise<{ name: string; districts: string[] } | null> {
  const localities = await localityAreas(db);
  const team = localities.find((l) => l.id === localityId);
  if (!team) return null;
  const district = /^[A-Z]{1,2}\d[A-Z\d]?$/;
  const districts = new Set<string>();
  for (const prefix of team.prefixes) {
    // A sector ("NB3 9") is searched as its district: a little wider, never narrower.
    if (district.test(prefix.split(' ')[0])) districts.add(prefix.split(' ')[0]);
  }
  // A whole area ("NB") covers the districts in it that no team has been given by name.
  const areas = team.prefixes.filter((p) => /^[A-Z]{1,2}$/.test(p));
  if (areas.length) {
    const named = new Set(localities.flatMap((l) => l.prefixes).filter((p) => district.test(p)));
    const found = await db.execute(
      sql`SELECT DISTINCT postcode_district AS d FROM directory_addresses WHERE substring(postcode_district FROM '^[A-Z]+') IN (${sql.join(
        areas.map((a) => sql`${a}`),
        sql`, `,
      )})`,
    );
    for (const { d } of found.rows as Array<{ d: string }>) if (!named.has(d)) districts.add(d);
  }
  return { name: team.name, districts: [...districts] };
}

/** What the search form offers: needs grouped by taxonomy, and the locality teams. */
export async function searchChoices(ctx: Ctx) {
  const [taxonomies, localities] = await Promise.all([repo.choosableTaxonomies(ctx.db), localityAreas(ctx.db)]);
  return { taxonomies, localities: localities.filter((l) => l.prefixes.length) };
}

const METRES_PER_MILE = 1609.344;

/**
 * A page of resources for a search. A postcode Hearth does not know is a message for the
 * postcode field, not an empty list.
 */
export async function findResources(ctx: Ctx, input: SearchInput, page: number) {
  const query: DirectoryQuery = {};
  if (input.words) query.words = input.words;
  if (input.termId) query.termIds = [input.termId];
  if (input.age !== null) query.age = input.age;
  let localityName: string | null = null;
  if (input.localityId) {
    const locality = await districtsOf(ctx.db, input.localityId);
    if (!locality) throw new FormRefused('locality', 'Choose a locality from the list');
    localityName = locality.name;
    // A locality with no districts finds nothing, rather than everything.
    query.districts = locality.districts.length ? locality.districts : ['-'];
  }
  if (input.postcode) {
    const point = await pointForPostcode(ctx.db, input.postcode);
    if (!point)
      throw new FormRefused(
        'postcode',
        `Hearth does not know where ${input.postcode} is. Check the postcode, or try its district (like NB3) or a locality`,
      );
    query.near = { ...point, metres: input.miles * METRES_PER_MILE };
  }
  let openNow: { day: Weekday; time: string } | null = null;
  if (input.when === 'now') {
    openNow = ukDayAndTime(ctx.now);
    query.open = { date: ukToday(ctx.now), from: openNow.time };
  } else if (input.when) {
    query.open = { day: input.when, ...(input.at ? { from: input.at } : {}) };
  }
  const { total, rows } = await searchServices(ctx.db, query, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const details = await listDetails(
    ctx.db,
    rows.map((r) => r.id),
  );
  const months = ctx.config.directoryCheckMonths;
  return {
    total,
    localityName,
    openNow,
    results: rows.map((r) => ({
      ...r,
      ...details(r.id),
      stale: staleness(r.checkedAt, ctx.now, months),
      miles: r.distanceMetres === null ? null : r.distanceMetres / METRES_PER_MILE,
    })),
  };
}

/** For a list of resources: where each is (with its locality), when it is open, and places free. */
async function listDetails(db: Db, ids: string[]) {
  const [{ places, vacancies, schedules }, localities] = await Promise.all([
    repo.whereWhenAndVacancies(db, ids),
    localityAreas(db),
  ]);
  // The longest matching area of the postcode map, as for contacts ("NB3 9", then "NB3", then "NB").
  const localityOf = (postcode: string) => {
    const [outward, inward = ''] = postcode.split(' ');
    for (const prefix of [`${outward} ${inward.slice(0, 1)}`, outward, outward.replace(/\d.*$/, '')]) {
      const found = localities.find((l) => l.prefixes.includes(prefix));
      if (found) return found.name;
    }
    return null;
  };
  return (id: string) => {
    const place = places.get(id);
    return {
      where: place ? { ...place, locality: localityOf(place.postalCode) } : null,
      when: openingTimesInWords(schedules.get(id) ?? []),
      placesFree: vacancies.get(id) ?? null,
    };
  };
}

/** Needs with how many resources have each, to browse when nothing has been searched for yet. */
export async function browseByNeed(ctx: Ctx) {
  const terms = await repo.termsInUse(ctx.db);
  const groups: Array<{ name: string; terms: typeof terms }> = [];
  for (const t of terms) {
    let g = groups.find((x) => x.name === t.taxonomy_name);
    if (!g) groups.push((g = { name: t.taxonomy_name, terms: [] }));
    g.terms.push(t);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------
// One resource

/** A resource's page: everything about it, and counts of the connections workers made to it. */
export async function getResource(ctx: Ctx, id: string) {
  const found = await repo.findService(ctx.db, id);
  if (!found) throw new NotFound();
  const [parts, connections] = await Promise.all([repo.serviceParts(ctx.db, id), repo.connectionCounts(ctx.db, id)]);
  return {
    ...found,
    ...parts,
    connections,
    openingTimes: openingTimesInWords(parts.schedules),
    termGroups: groupTerms(parts.terms),
    stale: found.service.withdrawnAt
      ? null
      : staleness(found.service.checkedAt, ctx.now, ctx.config.directoryCheckMonths),
    canEdit: canEditDirectory(ctx),
  };
}
function groupTerms(terms: Array<{ name: string; taxonomyName: string | null }>) {
  const groups: Array<{ name: string; terms: string[] }> = [];
  for (const t of terms) {
    const name = t.taxonomyName ?? 'Other';
    let g = groups.find((x) => x.name === name);
    if (!g) groups.push((g = { name, terms: [] }));
    g.terms.push(t.name);
  }
  return groups;
}

export type Resource = Awaited<ReturnType<typeof getResource>>;

/** The choices the resource form offers. */
export async function resourceFormChoices(ctx: Ctx) {
  mustEditDirectory(ctx);
  const [organisations, taxonomies] = await Promise.all([
    repo.listOrganisations(ctx.db),
    repo.choosableTaxonomies(ctx.db),
  ]);
  return { organisations, taxonomies };
}

/** A saved resource as the form's fields, to change it. */
export function formValuesOf(r: Resource): Record<string, unknown> {
  const s = r.service;
  const values: Record<string, unknown> = {
    name: s.name,
    organisationId: s.organizationId ?? '',
    description: s.description ?? '',
    status: s.status,
    minimumAge: s.minimumAge ?? '',
    maximumAge: s.maximumAge ?? '',
    fees: s.fees ?? '',
    url: s.url ?? '',
    email: s.email ?? '',
    version: String(s.version),
    needs: r.terms.map((t) => t.id),
    costOption: r.costs[0]?.option ?? '',
    costAmount: r.costs[0]?.amount ?? '',
    contactName: r.contacts[0]?.name ?? '',
    phone: r.contacts[0]?.phones[0]?.number ?? '',
  };
  r.locations.forEach((l, i) => {
    const a = l.addresses[0];
    Object.assign(values, {
      [`location-${i}-id`]: l.location.id,
      [`location-${i}-name`]: l.location.name ?? '',
      [`location-${i}-address1`]: a?.address1 ?? '',
      [`location-${i}-city`]: a?.city ?? '',
      [`location-${i}-postcode`]: a?.postalCode ?? '',
      [`location-${i}-accessibility`]: l.accessibility
        .map((x) => x.description)
        .filter(Boolean)
        .join('. '),
    });
  });
  r.schedules
    .filter(
      (sc) =>
        sc.byday &&
        sc.opensAt &&
        sc.byday.split(',').every((d) => (weekdays as readonly string[]).includes(d.trim().toUpperCase())),
    )
    .forEach((sc, i) => {
      Object.assign(values, {
        [`times-${i}-days`]: sc.byday!.split(',').map((d) => d.trim().toUpperCase()),
        [`times-${i}-opens`]: sc.opensAt!.slice(0, 5),
        [`times-${i}-closes`]: sc.closesAt?.slice(0, 5) ?? '',
      });
    });
  return values;
}

async function organisationFor(ctx: Ctx, db: Db, input: ResourceInput): Promise<{ id: string; created: boolean }> {
  if (input.organisationId) {
    if (!(await repo.findOrganisation(db, input.organisationId)))
      throw new FormRefused('organisationId', 'Choose the organisation that runs it, or add a new one');
    return { id: input.organisationId, created: false };
  }
  const existing = await repo.findOrganisationByName(db, input.newOrganisationName!);
  if (existing) return { id: existing.id, created: false };
  const org = await repo.insertOrganisation(db, input.newOrganisationName!);
  await ctx.audit({ action: 'create', entity: 'directory_organisation', entityId: org.id }, db);
  return { id: org.id, created: true };
}

async function refuseUnknownTerms(db: Db, termIds: string[]) {
  const known = await repo.termsExist(db, termIds);
  if (known.length !== termIds.length) throw new FormRefused('needs', 'Choose needs from the list');
}

async function writeParts(tx: Db, serviceId: string, input: ResourceInput) {
  const points = new Map<string, { latitude: number; longitude: number }>();
  for (const l of input.locations) {
    // The full postcode's point when Hearth has it, else its district's centre.
    const p = await pointForPostcode(tx, l.postcode);
    if (p) points.set(l.postcode, p);
  }
  await repo.replaceLocations(tx, serviceId, input.locations, points);
  await repo.replaceOpeningTimes(tx, serviceId, input.openingTimes);
  const shown = (await repo.choosableTaxonomies(tx)).flatMap((t) => t.terms.map((x) => x.id));
  await repo.replaceTerms(tx, serviceId, shown, input.termIds);
  await repo.replaceCostAndContact(tx, serviceId, input);
}

const serviceFields = (input: ResourceInput, organizationId: string) => ({
  name: input.name,
  description: input.description,
  status: input.status,
  minimumAge: input.minimumAge,
  maximumAge: input.maximumAge,
  fees: input.fees,
  url: input.url,
  email: input.email,
  organizationId,
});

export async function createResource(ctx: Ctx, input: ResourceInput) {
  mustEditDirectory(ctx);
  await refuseUnknownTerms(ctx.db, input.termIds);
  if (input.organisationId && !(await repo.findOrganisation(ctx.db, input.organisationId)))
    throw new FormRefused('organisationId', 'Choose the organisation that runs it, or add a new one');
  return ctx.db.transaction(async (tx) => {
    const org = await organisationFor(ctx, tx, input);
    const service = await repo.insertService(tx, serviceFields(input, org.id), ctx.worker.id, ctx.now);
    await writeParts(tx, service.id, input);
    await ctx.audit(
      {
        action: 'create',
        entity: 'directory_service',
        entityId: service.id,
        details: { locations: input.locations.length, needs: input.termIds.length },
      },
      tx,
    );
    return service;
  });
}

/** Changes a resource; someone else's save since the form was opened is refused with their version. */
export async function updateResource(ctx: Ctx, id: string, input: ResourceInput) {
  mustEditDirectory(ctx);
  const current = await getResource(ctx, id);
  if (current.service.withdrawnAt)
    throw new FormRefused('name', 'This resource has been withdrawn: reinstate it before changing it');
  if (input.version === null) throw new StaleVersion(current);
  await refuseUnknownTerms(ctx.db, input.termIds);
  if (input.organisationId && !(await repo.findOrganisation(ctx.db, input.organisationId)))
    throw new FormRefused('organisationId', 'Choose the organisation that runs it, or add a new one');
  const version = input.version;
  const saved = await ctx.db.transaction(async (tx) => {
    const org = await organisationFor(ctx, tx, input);
    const service = await repo.updateService(tx, id, version, serviceFields(input, org.id), ctx.worker.id, ctx.now);
    if (!service) return null;
    await writeParts(tx, id, input);
    const changed = (
      ['name', 'description', 'status', 'minimumAge', 'maximumAge', 'fees', 'url', 'email'] as const
    ).filter((k) => (current.service[k] ?? null) !== (input[k] ?? null));
    if (org.id !== current.service.organizationId) changed.push('organisation' as never);
    await ctx.audit(
      { action: 'update', entity: 'directory_service', entityId: id, details: { changed, version: service.version } },
      tx,
    );
    return service;
  });
  if (!saved) throw new StaleVersion(await getResource(ctx, id));
  return saved;
}

/** "Still correct": the record was checked today, by this editor. */
export async function checkResource(ctx: Ctx, id: string) {
  mustEditDirectory(ctx);
  const done = await ctx.db.transaction(async (tx) => {
    const row = await repo.markChecked(tx, id, ctx.worker.id, ctx.now);
    if (row)
      await ctx.audit(
        { action: 'verify', entity: 'directory_service', entityId: id, details: { stillCorrect: true } },
        tx,
      );
    return row;
  });
  if (!done) throw new NotFound();
  return done;
}

export async function withdrawResource(ctx: Ctx, id: string, version: number, reason: string) {
  mustEditDirectory(ctx);
  const current = await repo.findService(ctx.db, id);
  if (!current) throw new NotFound();
  if (current.service.withdrawnAt) throw new FormRefused('reason', 'This resource has already been withdrawn');
  const done = await ctx.db.transaction(async (tx) => {
    const row = await repo.withdraw(tx, id, version, reason, ctx.worker.id, ctx.now);
    if (row) await ctx.audit({ action: 'deactivate', entity: 'directory_service', entityId: id, reason }, tx);
    return row;
  });
  if (!done)
    throw new FormRefused(
      'reason',
      'Someone changed this resource since you opened this page. Look at it again before withdrawing it.',
    );
  return done;
}

export async function reinstateResource(ctx: Ctx, id: string) {
  mustEditDirectory(ctx);
  const done = await ctx.db.transaction(async (tx) => {
    const row = await repo.reinstate(tx, id, ctx.now);
    if (row) await ctx.audit({ action: 'reactivate', entity: 'directory_service', entityId: id }, tx);
    return row;
  });
  if (!done) throw new NotFound();
  return done;
}

export class VacancyChanged extends Error {
  constructor(public current: NonNullable<Awaited<ReturnType<typeof repo.findVacancy>>>) {
    super('vacancies changed');
  }
}

/** Places free and the weekly top-up, now. A newer update by someone else is shown, not overwritten. */
export async function updateVacancies(ctx: Ctx, id: string, input: VacancyInput) {
  mustEditDirectory(ctx);
  const found = await repo.findService(ctx.db, id);
  if (!found || found.service.withdrawnAt) throw new NotFound();
  const seen = input.seen && !Number.isNaN(Date.parse(input.seen)) ? new Date(input.seen) : null;
  const saved = await ctx.db.transaction(async (tx) => {
    const row = await repo.saveVacancy(
      tx,
      id,
      { placesFree: input.placesFree, topUpWeekly: input.topUpWeekly, notes: input.notes },
      seen,
      ctx.worker.id,
      ctx.now,
    );
    if (row)
      await ctx.audit(
        {
          action: 'update',
          entity: 'directory_vacancies',
          entityId: id,
          details: { placesFree: input.placesFree, topUpWeekly: input.topUpWeekly },
        },
        tx,
      );
    return row;
  });
  if (!saved) {
    const current = await repo.findVacancy(ctx.db, id);
    if (current) throw new VacancyChanged(current);
    throw new NotFound();
  }
  return saved;
}

/** Care homes and similar: places free now, top-ups, and when each was last updated. */
export async function vacancies(ctx: Ctx) {
  const rows = await repo.listVacancies(ctx.db);
  const details = await listDetails(
    ctx.db,
    rows.map((r) => r.serviceId),
  );
  return rows.map((r) => ({
    ...r,
    where: details(r.serviceId).where,
    updatedAgo: timeAgo(r.updatedAt, ctx.now),
    // No top-up and a top-up of nothing read the same.
    topUp: r.topUpWeekly ? formatMoney(r.topUpWeekly) : null,
    stale: staleness(r.checkedAt, ctx.now, ctx.config.directoryCheckMonths),
  }));
}

/** Resources that may be out of date, never checked first, for editors to work through. */
export async function outOfDateResources(ctx: Ctx, page: number) {
  mustEditDirectory(ctx);
  const cutoff = monthsBefore(ctx.now, ctx.config.directoryCheckMonths);
  const { rows, total } = await repo.outOfDate(ctx.db, cutoff, { limit: 50, offset: (page - 1) * 50 });
  return {
    total,
    rows: rows.map((r) => ({ ...r, stale: staleness(r.checkedAt, ctx.now, ctx.config.directoryCheckMonths) })),
  };
}
