import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormRefused, typedValues, type FormErrors } from '../../platform/forms.js';
import { idParams, pageQuery, pagination } from '../../platform/params.js';
import { IMPORT_JOB, importJob } from './import.jobs.js';
import * as service from './import.service.js';

/** What the upload form sent: its fields, and its files, each in a temporary file until stored. */
interface Received {
  fields: Record<string, string>;
  files: Array<{ name: string; bytes: number; path: string }>;
  /** Why the files are refused (too large): the rest of the form was read but nothing kept. */
  refused: string | null;
  dir: string | null;
}

const received = new WeakMap<FastifyRequest, Received>();

/** A form whose multipart body cannot be read (no boundary, a broken one, cut short): the 400 page. */
class UnreadableUpload extends Error {
  statusCode = 400;
  constructor() {
    super('the upload could not be read');
  }
}

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MB ? `${+(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

async function discard(got: Received | undefined) {
  if (got?.dir) await rm(got.dir, { recursive: true, force: true });
}

export default async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const limits = { file: app.config.importFileLimitBytes, upload: app.config.importUploadLimitBytes };
  // Multipart only for this plugin's routes. Files are never held whole in memory: each streams
  // to a temporary file (busboy stops a file at the per-file limit and drops the rest), and is
  // written to the database one at a time once the form's CSRF token has been checked.
  await app.register(multipart, {
    limits: { fileSize: limits.file, files: service.MAX_FILES, fields: 10, parts: service.MAX_FILES + 10 },
    throwFileSizeLimit: false,
  });

  /**
   * Reads the upload form before the CSRF check (which needs its token): fields onto the body,
   * files to a temporary folder, removed when the response is done.
   */
  async function receiveUpload(req: FastifyRequest, reply: FastifyReply) {
    if (!req.isMultipart()) return;
    // busboy reads an empty boundary as one, and finds no parts: a form without one cannot be read.
    if (!/;\s*boundary=(?:"[^"]+"|[^\s;"]+)/i.test(req.headers['content-type'] ?? '')) throw new UnreadableUpload();
    const got: Received = { fields: {}, files: [], refused: null, dir: null };
    received.set(req, got);
    reply.raw.once('close', () => void discard(got));
    let total = 0;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') got.fields[part.fieldname] ??= part.value;
          continue;
        }
        got.dir ??= await mkdtemp(path.join(tmpdir(), `hearth-upload-${process.pid}-`));
        const file = { name: part.filename, bytes: 0, path: path.join(got.dir, String(got.files.length)) };
        // Counted as it streams; past the limit for all files together, the rest is read and dropped.
        await pipeline(
          part.file,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              file.bytes += chunk.length;
              total += chunk.length;
              if (total > limits.upload)
                got.refused ??= `The selected files must be smaller than ${size(limits.upload)} in total`;
              if (!got.refused) yield chunk;
            }
          },
          createWriteStream(file.path),
        );
        if (part.file.truncated) got.refused ??= `${file.name} must be smaller than ${size(limits.file)}`;
        got.files.push(file);
      }
    } catch (err) {
      await discard(got);
      if ((err as NodeJS.ErrnoException).syscall) throw err; // the temporary folder, not the form
      const status = (err as { statusCode?: number }).statusCode ?? 0;
      throw status >= 400 && status < 500 ? err : new UnreadableUpload();
    }
    req.body = got.fields;
  }

  // Role before the upload is read: nobody else's upload is taken in at all.
  const editor = { onRequest: app.requireRole(...service.importers) };

  // Imports are queued jobs (insertImport queues one), run by whichever instance claims them first.
  app.jobs.handle(IMPORT_JOB, importJob(), { title: 'Import into the directory' });
  const kick = () => app.jobs.wake();

  const pageOnly = z.looseObject({ page: pageQuery });
  app.get('/directory/imports', { ...editor, schema: { querystring: pageOnly } }, async (req, reply) => {
    const page = req.query.page;
    const { rows, total } = await service.listImports(req.ctx, page);
    return reply.page('directory-import/views/list.njk', {
      title: 'Directory imports',
      rows,
      pagination: pagination(req.url, page, total, service.LIST_PAGE_SIZE),
    });
  });

  const newPage = (reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FormErrors) =>
    reply.page('directory-import/views/new.njk', {
      title: 'Import into the directory',
      values,
      errors,
      maxFiles: service.MAX_FILES,
      fileLimit: size(limits.file),
      uploadLimit: size(limits.upload),
    });

  app.get('/directory/imports/new', editor, async (_req, reply) => newPage(reply));

  app.post('/directory/imports/files', { ...editor, preValidation: receiveUpload }, async (req, reply) => {
    const got = received.get(req);
    const body = typedValues(req.body);
    const sourceName = typeof body.sourceName === 'string' ? body.sourceName : null;
    if (got?.refused) {
      await discard(got);
      return newPage(reply.code(413), { sourceName }, { files: got.refused });
    }
    try {
      const uploads = (got?.files ?? []).map((f) => ({ name: f.name, bytes: f.bytes, read: () => readFile(f.path) }));
      const job = await service.startUpload(req.ctx, uploads, sourceName).finally(() => discard(got));
      kick();
      return reply.redirect(`/directory/imports/${job.id}`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return newPage(reply.code(400), { sourceName }, { [err.field]: err.message });
    }
  });

  app.post('/directory/imports/feed', editor, async (req, reply) => {
    const feedUrl = String(typedValues(req.body).feedUrl ?? '');
    try {
      const job = await service.startFeed(req.ctx, feedUrl);
      kick();
      return reply.redirect(`/directory/imports/${job.id}`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return newPage(reply.code(400), { feedUrl }, { [err.field]: err.message });
    }
  });

  app.get(
    '/directory/imports/:id',
    { ...editor, schema: { params: idParams, querystring: pageOnly } },
    async (req, reply) => {
      const id = req.params.id;
      const page = req.query.page;
      const { job, issues, issueCount } = await service.getImport(req.ctx, id, page);
      const active = job.status === 'queued' || job.status === 'running';
      return reply.page('directory-import/views/show.njk', {
        title: 'Directory import',
        job,
        issues,
        issueCount,
        active,
        percent: job.totalRecords ? Math.min(100, Math.floor((job.processedRecords / job.totalRecords) * 100)) : null,
        pagination: pagination(req.url, page, issueCount, service.REPORT_PAGE_SIZE),
      });
    },
  );
}
