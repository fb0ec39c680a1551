import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound } from '../../platform/errors.js';
import { FormRefused } from '../../platform/forms.js';
import { directoryEditors } from '../directory/directory.service.js';
import { feedBase } from './import.feed.js';
import * as repo from './import.repository.js';

/** Who may import: the directory's editors (administrators, who configure the resource directory). */
export const importers = directoryEditors;

function mustImport(ctx: Ctx) {
  if (!importers.includes(ctx.worker.role))
    throw new AccessDenied('Only directory editors can import into the directory');
}

export const REPORT_PAGE_SIZE = 50;
export const LIST_PAGE_SIZE = 25;

export async function listImports(ctx: Ctx, page: number) {
  mustImport(ctx);
  const [rows, total] = await Promise.all([
    repo.listImports(ctx.db, LIST_PAGE_SIZE, (page - 1) * LIST_PAGE_SIZE),
    repo.countImports(ctx.db),
  ]);
  return { rows, total };
}

export async function getImport(ctx: Ctx, id: string, page: number) {
  mustImport(ctx);
  const job = await repo.findImport(ctx.db, id);
  if (!job) throw new NotFound();
  const [issues, issueCount] = await Promise.all([
    repo.issuesOf(ctx.db, id, REPORT_PAGE_SIZE, (page - 1) * REPORT_PAGE_SIZE),
    repo.countIssues(ctx.db, id),
  ]);
  return { job, issues, issueCount };
}

/** An uploaded file, kept outside memory until it is read. */
export interface Upload {
  name: string;
  bytes: number;
  read(): Promise<Buffer>;
}

export const MAX_FILES = 30;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, refused when it is empty or not UTF-8. */
async function textOf(f: Upload): Promise<string> {
  let content: string;
  try {
    content = utf8.decode(await f.read());
  } catch {
    throw new FormRefused(
      'files',
      `${f.name} is not saved as UTF-8 text: save it as UTF-8 (in a spreadsheet, “CSV UTF-8”) and try again`,
    );
  }
  if (!content.trim()) throw new FormRefused('files', `${f.name} is empty`);
  return content;
}

/**
 * Queues an import of uploaded files: ORUK JSON (one or more documents) or ORUK CSV tables
 * (uploaded together). Files are checked enough to refuse what can never import; the records
 * themselves are checked by the job. Files are read one at a time (to check, then to store),
 * so only one is ever in memory.
 */
export async function startUpload(ctx: Ctx, uploads: Upload[], sourceName: string | null) {
  mustImport(ctx);
  const files = uploads.filter((u) => u.name || u.bytes).map((u) => ({ ...u, name: u.name.replace(/^.*[\\/]/, '') }));
  if (!files.length) throw new FormRefused('files', 'Select one or more files to import');
  if (files.length > MAX_FILES) throw new FormRefused('files', `Select ${MAX_FILES} files or fewer`);
  const names = new Set<string>();
  for (const f of files) {
    if (!/\.(json|csv)$/i.test(f.name))
      throw new FormRefused('files', `${f.name} must be a JSON file (.json) or a CSV file (.csv)`);
    if (!f.bytes) throw new FormRefused('files', `${f.name} is empty`);
    if (names.has(f.name.toLowerCase())) throw new FormRefused('files', `${f.name} was selected twice`);
    names.add(f.name.toLowerCase());
  }
  const csv = files.filter((f) => /\.csv$/i.test(f.name));
  if (csv.length && csv.length !== files.length)
    throw new FormRefused('files', 'Import CSV tables and JSON files separately');
  for (const f of files) {
    const content = await textOf(f);
    if (csv.length) continue;
    try {
      JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch {
      throw new FormRefused('files', `${f.name} is not valid JSON`);
    }
  }
  const label = sourceName?.trim() || files.map((f) => f.name).join(', ');
  const job = await repo.insertImport(
    ctx.db,
    {
      source: csv.length ? 'csv' : 'json',
      sourceName: label.slice(0, 500),
      requestedById: ctx.worker.id,
      requestedAt: ctx.now,
    },
    files.map((f) => ({ name: f.name, read: () => textOf(f) })),
  );
  await ctx.audit({
    action: 'create',
    entity: 'directory_import',
    entityId: job.id,
    details: {
      source: job.source,
      sourceName: job.sourceName,
      files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
    },
  });
  return job;
}

/** Queues an import from another directory's Open Referral UK API. */
export async function startFeed(ctx: Ctx, url: string) {
  mustImport(ctx);
  if (!url.trim()) throw new FormRefused('feedUrl', 'Enter the feed’s web address');
  const base = feedBase(url);
  if (!base.ok) throw new FormRefused('feedUrl', base.error);
  const job = await repo.insertImport(
    ctx.db,
    { source: 'feed', sourceName: base.base, requestedById: ctx.worker.id, requestedAt: ctx.now },
    [],
  );
  await ctx.audit({
    action: 'create',
    entity: 'directory_import',
    entityId: job.id,
    details: { source: 'feed', sourceName: base.base },
  });
  return job;
}
