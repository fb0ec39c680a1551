import { and, asc, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { enqueueJob } from '../../platform/jobs.js';
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryFundings,
  directoryImportFiles,
  directoryImportIssues,
  directoryImports,
  directoryLanguages,
  directoryLocations,
  directoryOrganisationIdentifiers,
  directoryOrganisations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
  workers,
} from '../../db/schema/index.js';
import type {
  CleanLocation,
  CleanOrganisation,
  CleanRecord,
  Issue,
  ServiceCollection,
  TermRow,
} from './import.clean.js';

export type ImportRow = typeof directoryImports.$inferSelect;

// ---------------------------------------------------------------------------------------
// Import jobs

/** The kind of job that runs an import (platform/jobs.ts); its payload is `{ importId }`. */
export const IMPORT_JOB = 'directory-import';

/**
 * The import, its files and the job that will run it, together; each file is read as it is
 * written, so one at a time is in memory.
 */
export async function insertImport(
  db: Db,
  values: typeof directoryImports.$inferInsert & { requestedAt: Date },
  files: Array<{ name: string; read: () => Promise<string> }>,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(directoryImports).values(values).returning();
    for (const f of files)
      await tx.insert(directoryImportFiles).values({ importId: row.id, name: f.name, content: await f.read() });
    await enqueueJob(tx, IMPORT_JOB, { importId: row.id }, { now: values.requestedAt });
    return row;
  });
}

export function listImports(db: Db, limit: number, offset: number) {
  return db
    .select({ ...getTableColumns(directoryImports), requestedByName: workers.name })
    .from(directoryImports)
    .innerJoin(workers, eq(workers.id, directoryImports.requestedById))
    .orderBy(desc(directoryImports.requestedAt), desc(directoryImports.id))
    .limit(limit)
    .offset(offset);
}

export async function countImports(db: Db) {
  const [r] = await db.select({ n: count() }).from(directoryImports);
  return r.n;
}

export async function findImport(db: Db, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(directoryImports), requestedByName: workers.name })
    .from(directoryImports)
    .innerJoin(workers, eq(workers.id, directoryImports.requestedById))
    .where(eq(directoryImports.id, id));
  return row ?? null;
}

export function issuesOf(db: Db, importId: string, limit: number, offset: number) {
  return db
    .select()
    .from(directoryImportIssues)
    .where(eq(directoryImportIssues.importId, importId))
    .orderBy(asc(directoryImportIssues.seq))
    .limit(limit)
    .offset(offset);
}

export async function countIssues(db: Db, importId: string) {
  const [r] = await db
    .select({ n: count() })
    .from(directoryImportIssues)
    .where(eq(directoryImportIssues.importId, importId));
  return r.n;
}

export function filesOf(db: Db, importId: string) {
  return db
    .select({ name: directoryImportFiles.name, content: directoryImportFiles.content })
    .from(directoryImportFiles)
    .where(eq(directoryImportFiles.importId, importId))
    .orderBy(asc(directoryImportFiles.name));
}

/**
 * Marks an import running (again, when it is resumed) for the job that runs it; null when it has
 * already finished or failed.
 */
export async function startImport(db: Db, importId: string, now: Date): Promise<ImportRow | null> {
  const [row] = await db
    .update(directoryImports)
    .set({ status: 'running', startedAt: sql`coalesce(${directoryImports.startedAt}, ${now})`, heartbeatAt: now })
    .where(and(eq(directoryImports.id, importId), inArray(directoryImports.status, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

/** The report quotes what the source sent: without the bytes PostgreSQL's text cannot hold. */
const printable = (s: string) => s.replaceAll('\u0000', '\uFFFD');

export interface Progress {
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  cleaned: number;
}

/** Adds a batch's counts and report lines, and beats the heart. Part of the batch's transaction. */
export async function recordProgress(tx: Db, importId: string, add: Progress, issues: Issue[], now: Date) {
  if (issues.length) {
    const [{ next }] = (
      await tx.execute(
        sql`SELECT coalesce(max(seq), 0)::int AS next FROM directory_import_issues WHERE import_id = ${importId}`,
      )
    ).rows as Array<{ next: number }>;
    await insertAll(
      tx,
      directoryImportIssues,
      issues.map((i, n) => ({
        importId,
        seq: Number(next) + n + 1,
        entity: i.entity,
        recordId: i.recordId === null ? null : printable(i.recordId).slice(0, 200),
        recordName: i.recordName === null ? null : printable(i.recordName).slice(0, 300),
        outcome: i.outcome,
        message: printable(i.message),
      })),
    );
  }
  await tx
    .update(directoryImports)
    .set({
      processedRecords: sql`${directoryImports.processedRecords} + ${add.processed}`,
      createdRecords: sql`${directoryImports.createdRecords} + ${add.created}`,
      updatedRecords: sql`${directoryImports.updatedRecords} + ${add.updated}`,
      skippedRecords: sql`${directoryImports.skippedRecords} + ${add.skipped}`,
      cleanedRecords: sql`${directoryImports.cleanedRecords} + ${add.cleaned}`,
      heartbeatAt: now,
    })
    .where(eq(directoryImports.id, importId));
}

export async function setTotal(db: Db, importId: string, total: number, now: Date) {
  await db
    .update(directoryImports)
    .set({ totalRecords: total, heartbeatAt: now })
    .where(eq(directoryImports.id, importId));
}

export async function finishImport(db: Db, importId: string, now: Date, failure: string | null) {
  const [row] = await db
    .update(directoryImports)
    .set({ status: failure ? 'failed' : 'finished', failure, finishedAt: now, heartbeatAt: now })
    .where(eq(directoryImports.id, importId))
    .returning();
  return row;
}

export async function requeueImport(db: Db, importId: string) {
  await db
    .update(directoryImports)
    .set({ status: 'queued' })
    .where(and(eq(directoryImports.id, importId), eq(directoryImports.status, 'running')));
}

// ---------------------------------------------------------------------------------------
// Writing cleaned records: multi-row upserts, a batch at a time

/** Rows per statement, keeping under PostgreSQL's 65,535 parameters. */
async function insertAll<T extends PgTable>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
  conflict?: { target: SQL | unknown; set: Record<string, SQL> },
) {
  const per = Math.max(1, Math.floor(30_000 / Object.keys(getTableColumns(table)).length));
  for (let i = 0; i < rows.length; i += per) {
    const q = tx.insert(table).values(rows.slice(i, i + per));
    await (conflict ? q.onConflictDoUpdate({ target: conflict.target as never, set: conflict.set }) : q);
  }
}

/** `SET col = excluded.col` for every column but the key (and any left alone). */
function excludedSet(table: PgTable, except: string[] = []) {
  const cols = getTableColumns(table);
  // Generated columns (a postcode's district, the search text) are the database's to set.
  return Object.fromEntries(
    Object.entries(cols)
      .filter(([k, c]) => k !== 'id' && !except.includes(k) && !(c as { generated?: unknown }).generated)
      .map(([k, c]) => [k, sql.raw(`excluded."${c.name}"`)]),
  );
}

async function upsertReturning<T extends PgTable & { id: unknown }>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
  set: Record<string, SQL>,
) {
  const inserted = new Map<string, boolean>();
  const per = Math.max(1, Math.floor(30_000 / Object.keys(getTableColumns(table)).length));
  for (let i = 0; i < rows.length; i += per) {
    const out = (await tx
      .insert(table)
      .values(rows.slice(i, i + per))
      .onConflictDoUpdate({ target: table.id as never, set })
      .returning({ id: table.id as never, inserted: sql<boolean>`(xmax = 0)` })) as Array<{
      id: string;
      inserted: boolean;
    }>;
    for (const r of out) inserted.set(r.id, r.inserted);
  }
  return inserted;
}

const lastById = <T extends { id?: string | null }>(rows: T[]) => [
  ...new Map(rows.map((r) => [r.id as string, r])).values(),
];

async function existing(db: Db, table: PgTable & { id: unknown }, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = (await db
      .select({ id: table.id as never })
      .from(table)
      .where(inArray(table.id as never, ids.slice(i, i + 5000)))) as Array<{ id: string }>;
    rows.forEach((r) => found.add(r.id));
  }
  return found;
}

const note = (rec: CleanRecord, entity: string, id: string | null, outcome: Issue['outcome'], message: string) =>
  rec.issues.push({ entity, recordId: id, recordName: rec.name, outcome, message });

/**
 * Checks what cleaned records point at (organisations, taxonomies, terms, locations) exists
 * in the batch or already in Hearth; a link to nothing is dropped and reported, rather than
 * failing the write. Run once per batch, before writing.
 */
export async function resolveLinks(db: Db, recs: CleanRecord[]) {
  const live = recs.filter((r) => !r.skipped);
  const orgIds = new Set<string>();
  const taxIds = new Set<string>();
  const termIds = new Set<string>();
  const locIds = new Set<string>();
  for (const r of live) {
    if (r.organisation) orgIds.add(r.organisation.row.id);
    if (r.taxonomy) taxIds.add(r.taxonomy.id!);
    if (r.term) termIds.add(r.term.id!);
    if (r.service) {
      if (r.service.organisation) orgIds.add(r.service.organisation.row.id);
      r.service.locations.forEach((l) => locIds.add(l.row.id));
      r.service.attributes.forEach((a) => a.term && termIds.add(a.term.id!));
    }
  }
  const wanted = { org: new Set<string>(), tax: new Set<string>(), term: new Set<string>(), loc: new Set<string>() };
  const terms = (r: CleanRecord) => [
    ...(r.term ? [r.term] : []),
    ...(r.service?.attributes.flatMap((a) => (a.term ? [a.term] : [])) ?? []),
  ];
  for (const r of live) {
    for (const t of terms(r)) if (t.taxonomyId && !taxIds.has(t.taxonomyId)) wanted.tax.add(t.taxonomyId);
    if (r.service) {
      const s = r.service;
      if (s.row.organizationId && !orgIds.has(s.row.organizationId)) wanted.org.add(s.row.organizationId);
      s.attributes.forEach((a) => !termIds.has(a.row.taxonomyTermId) && wanted.term.add(a.row.taxonomyTermId));
      s.serviceAtLocations.forEach((x) => !locIds.has(x.locationId) && wanted.loc.add(x.locationId));
    }
  }
  const [orgs, taxes, termsFound, locs] = await Promise.all([
    existing(db, directoryOrganisations, [...wanted.org]),
    existing(db, directoryTaxonomies, [...wanted.tax]),
    existing(db, directoryTaxonomyTerms, [...wanted.term]),
    existing(db, directoryLocations, [...wanted.loc]),
  ]);
  const known = {
    org: (id: string) => orgIds.has(id) || orgs.has(id),
    tax: (id: string) => taxIds.has(id) || taxes.has(id),
    term: (id: string) => termIds.has(id) || termsFound.has(id),
    loc: (id: string) => locIds.has(id) || locs.has(id),
  };
  for (const r of live) {
    for (const t of terms(r)) {
      if (t.taxonomyId && !known.tax(t.taxonomyId)) {
        note(
          r,
          'taxonomy_term',
          t.id!,
          'cleaned',
          `taxonomy_id ${t.taxonomyId} is not a taxonomy in this import or in Hearth: the term is kept without it`,
        );
        t.taxonomyId = null;
      }
    }
    const s = r.service;
    if (!s) continue;
    if (s.row.organizationId && !known.org(s.row.organizationId)) {
      note(
        r,
        'service',
        s.row.id,
        'cleaned',
        `organization_id ${s.row.organizationId} is not an organisation in this import or in Hearth: the service is kept without it`,
      );
      s.row.organizationId = null;
    }
    s.attributes = s.attributes.filter((a) => {
      if (known.term(a.row.taxonomyTermId)) return true;
      note(
        r,
        'attribute',
        a.row.id,
        'skipped',
        `taxonomy_term_id ${a.row.taxonomyTermId} is not a taxonomy term in this import or in Hearth: left out`,
      );
      return false;
    });
    s.serviceAtLocations = s.serviceAtLocations.filter((x) => {
      if (known.loc(x.locationId)) return true;
      note(
        r,
        'service_at_location',
        x.id,
        'skipped',
        `location_id ${x.locationId} is not a location in this import or in Hearth: left out`,
      );
      return false;
    });
    const sals = new Set(s.serviceAtLocations.map((x) => x.id));
    for (const sc of s.schedules) {
      if (sc.serviceAtLocationId && !sals.has(sc.serviceAtLocationId)) {
        note(
          r,
          'schedule',
          sc.id,
          'cleaned',
          `service_at_location_id ${sc.serviceAtLocationId} is not one of this service's locations: the schedule is kept for the service as a whole`,
        );
        sc.serviceAtLocationId = null;
      }
    }
    const phones = new Set(s.phones.map((p) => p.id));
    for (const l of s.languages) {
      if (l.phoneId && !phones.has(l.phoneId)) {
        note(
          r,
          'language',
          l.id,
          'cleaned',
          `phone_id ${l.phoneId} is not one of this service's phones: the language is kept for the service`,
        );
        l.phoneId = null;
      }
    }
  }
}

/**
 * Writes cleaned records: multi-row upserts by id, vocabularies and organisations first; each
 * service's collections that the source gave are replaced. Returns, for each record written,
 * whether it was new. Call inside a transaction.
 */
export async function writeRecords(tx: Db, recs: CleanRecord[], origin: string): Promise<Map<CleanRecord, boolean>> {
  const live = recs.filter((r) => !r.skipped);
  const services = live.flatMap((r) => (r.service ? [r.service] : []));
  const taxonomies = lastById(live.flatMap((r) => (r.taxonomy ? [r.taxonomy] : [])));
  const terms = lastById<TermRow>([
    ...services.flatMap((s) => s.attributes.flatMap((a) => (a.term ? [a.term] : []))),
    ...live.flatMap((r) => (r.term ? [r.term] : [])),
  ]);
  const orgs = lastById<CleanOrganisation['row']>(
    [
      ...services.flatMap((s) => (s.organisation ? [s.organisation] : [])),
      ...live.flatMap((r) => (r.organisation ? [r.organisation] : [])),
    ].map((o) => o.row),
  );
  const orgParts = [
    ...services.flatMap((s) => (s.organisation ? [s.organisation] : [])),
    ...live.flatMap((r) => (r.organisation ? [r.organisation] : [])),
  ];
  const locations = services.flatMap((s) => s.locations);

  const newTaxonomies = await upsertReturning(tx, directoryTaxonomies, taxonomies, excludedSet(directoryTaxonomies));
  const newTerms = await upsertReturning(tx, directoryTaxonomyTerms, terms, excludedSet(directoryTaxonomyTerms));
  const newOrgs = await upsertReturning(tx, directoryOrganisations, orgs, {
    ...excludedSet(directoryOrganisations),
    updatedAt: sql`now()`,
  });
  await replaceChildren(
    tx,
    orgParts,
    (o) => o.row.id,
    (o) => o.identifiers,
    directoryOrganisationIdentifiers,
    directoryOrganisationIdentifiers.organizationId,
  );

  await insertAll(tx, directoryLocations, lastById(locations.map((l) => l.row)), {
    target: directoryLocations.id,
    set: excludedSet(directoryLocations),
  });
  await replaceChildren(
    tx,
    locations,
    (l) => l.row.id,
    (l) => l.addresses,
    directoryAddresses,
    directoryAddresses.locationId,
  );
  await replaceChildren(
    tx,
    locations,
    (l) => l.row.id,
    (l: CleanLocation) => l.accessibility,
    directoryAccessibility,
    directoryAccessibility.locationId,
  );

  const serviceRows = services.map((s) => ({ ...s.row, origin }));
  const newServices = await upsertReturning(tx, directoryServices, serviceRows, {
    ...excludedSet(directoryServices, [
      'checkedAt',
      'checkedById',
      'withdrawnAt',
      'withdrawnById',
      'withdrawnReason',
      'version',
      'searchText',
    ]),
    version: sql`${directoryServices.version} + 1`,
  });

  // Each service's collections, replaced when the source gave them.
  const withCollection = (c: ServiceCollection) => services.filter((s) => s.collections.has(c)).map((s) => s.row.id);
  const drop = async (c: ServiceCollection, table: PgTable, column: Parameters<typeof inArray>[0]) => {
    const ids = withCollection(c);
    for (let i = 0; i < ids.length; i += 5000) await tx.delete(table).where(inArray(column, ids.slice(i, i + 5000)));
  };
  const attributeOwners = withCollection('attributes');
  const contactOwners = withCollection('contacts');
  for (let i = 0; i < contactOwners.length; i += 5000) {
    const slice = contactOwners.slice(i, i + 5000);
    await tx
      .delete(directoryAttributes)
      .where(
        inArray(
          directoryAttributes.linkId,
          tx
            .select({ id: directoryContacts.id })
            .from(directoryContacts)
            .where(inArray(directoryContacts.serviceId, slice)),
        ),
      );
  }
  for (let i = 0; i < attributeOwners.length; i += 5000)
    await tx.delete(directoryAttributes).where(inArray(directoryAttributes.linkId, attributeOwners.slice(i, i + 5000)));
  await drop('contacts', directoryContacts, directoryContacts.serviceId);
  await drop('service_at_locations', directoryServiceAtLocations, directoryServiceAtLocations.serviceId);
  await drop('schedules', directorySchedules, directorySchedules.serviceId);
  await drop('service_areas', directoryServiceAreas, directoryServiceAreas.serviceId);
  await drop('cost_options', directoryCostOptions, directoryCostOptions.serviceId);
  await drop('languages', directoryLanguages, directoryLanguages.serviceId);
  await drop('funding', directoryFundings, directoryFundings.serviceId);

  // A part whose id another service of Hearth's already uses moves to this one: the source says so.
  const parts = <T extends PgTable & { id: unknown }>(table: T, rows: T['$inferInsert'][]) =>
    insertAll(tx, table, rows, { target: table.id, set: excludedSet(table) });
  await parts(
    directoryContacts,
    services.flatMap((s) => s.contacts),
  );
  await parts(
    directoryPhones,
    services.flatMap((s) => s.phones),
  );
  await parts(
    directoryServiceAtLocations,
    services.flatMap((s) => s.serviceAtLocations),
  );
  await parts(
    directorySchedules,
    services.flatMap((s) => s.schedules),
  );
  await parts(
    directoryServiceAreas,
    services.flatMap((s) => s.serviceAreas),
  );
  await parts(
    directoryCostOptions,
    services.flatMap((s) => s.costOptions),
  );
  await parts(
    directoryLanguages,
    services.flatMap((s) => s.languages),
  );
  await parts(
    directoryFundings,
    services.flatMap((s) => s.fundings),
  );
  await parts(
    directoryAttributes,
    services.flatMap((s) => s.attributes.map((a) => a.row)),
  );

  const isNew = new Map<CleanRecord, boolean>();
  for (const r of live) {
    const id = r.id!;
    const map =
      r.kind === 'service'
        ? newServices
        : r.kind === 'organization'
          ? newOrgs
          : r.kind === 'taxonomy'
            ? newTaxonomies
            : newTerms;
    isNew.set(r, map.get(id) ?? false);
  }
  return isNew;
}

async function replaceChildren<P, T extends PgTable & { id: unknown }>(
  tx: Db,
  parents: P[],
  idOf: (p: P) => string,
  childrenOf: (p: P) => T['$inferInsert'][] | null,
  table: T,
  parentColumn: Parameters<typeof inArray>[0],
) {
  const given = parents.filter((p) => childrenOf(p) !== null);
  const ids = [...new Set(given.map(idOf))];
  for (let i = 0; i < ids.length; i += 5000)
    await tx.delete(table).where(inArray(parentColumn, ids.slice(i, i + 5000)));
  // A parent given twice in a batch (a location shared by two services) keeps its last set.
  const last = new Map(given.map((p) => [idOf(p), childrenOf(p)!]));
  await insertAll(tx, table, lastById([...last.values()].flat() as Array<T['$inferInsert'] & { id?: string }>), {
    target: table.id,
    set: excludedSet(table),
  });
}
