import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FormRefused, type FormErrors } from '../../platform/forms.js';
import { idParam, pageParam, pagination } from '../../platform/params.js';
import { runNextImport } from './import.jobs.js';
import { requeueImport } from './import.repository.js';
import * as service from './import.service.js';

/** Largest file an editor may upload; a directory of 20,000 services is about 40 MB of JSON. */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** How often each instance looks for queued imports (and imports whose instance stopped). */
const POLL_MS = 10_000;

interface UploadedPart {
  filename: string;
  data: Buffer;
}

export default async function importRoutes(app: FastifyInstance) {
  // Multipart only for this plugin's routes; fields (with the CSRF token) and files land on
  // the body, which the CSRF check then reads as for any other form.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_FILE_BYTES, files: 30, fields: 10, parts: 40 },
    async onFile(part: MultipartFile) {
      (part as unknown as { value: UploadedPart }).value = { filename: part.filename, data: await part.toBuffer() };
    },
  });

  // Role before the upload is read: nobody else's upload is taken in at all.
  const editor = { onRequest: app.requireRole(...service.importers) };

  // The job runner: on every instance, claiming one import at a time. Tests run jobs directly.
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  const drain = async () => {
    while (!stopping.signal.aborted) {
      const result = await runNextImport(app.db, { now: app.clock, signal: stopping.signal });
      if (!result) return;
      // Stopped between batches because the app is closing: let the next instance carry on now.
      if (result.status === 'stopped') await requeueImport(app.db, result.importId);
    }
  };
  const kick = () => {
    if (running || app.config.env === 'test') return;
    running = drain()
      .catch((err: Error) => app.log.error({ err: { type: err.name } }, 'directory import failed'))
      .finally(() => {
        running = null;
      });
  };
  if (app.config.env !== 'test') {
    const timer = setInterval(kick, POLL_MS);
    timer.unref();
    app.addHook('onReady', async () => kick());
    app.addHook('onClose', async () => {
      clearInterval(timer);
      stopping.abort();
      await running;
    });
  }

  app.get('/directory/imports', editor, async (req, reply) => {
    const page = pageParam(req.query);
    const { rows, total } = await service.listImports(req.ctx, page);
    return reply.page('directory/views/import-list.njk', {
      title: 'Directory imports',
      rows,
      pagination: pagination(req.url, page, total, service.LIST_PAGE_SIZE),
    });
  });

  const newPage = (reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FormErrors) =>
    reply.page('directory/views/import-new.njk', { title: 'Import into the directory', values, errors });

  app.get('/directory/imports/new', editor, async (_req, reply) => newPage(reply));

  app.post('/directory/imports/files', editor, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parts = ([] as unknown[]).concat(body.files ?? []);
    const uploads = parts.map((p) => (p && typeof p === 'object' && 'data' in p ? { name: (p as UploadedPart).filename, content: (p as UploadedPart).data } : { name: '', content: Buffer.alloc(0) }));
    const sourceName = typeof body.sourceName === 'string' ? body.sourceName : null;
    try {
      const job = await service.startUpload(req.ctx, uploads, sourceName);
      kick();
      return reply.redirect(`/directory/imports/${job.id}`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return newPage(reply.code(400), { sourceName }, { [err.field]: err.message });
    }
  });

  app.post('/directory/imports/feed', editor, async (req, reply) => {
    const feedUrl = String((req.body as { feedUrl?: unknown } | undefined)?.feedUrl ?? '');
    try {
      const job = await service.startFeed(req.ctx, feedUrl);
      kick();
      return reply.redirect(`/directory/imports/${job.id}`, 303);
    } catch (err) {
      if (!(err instanceof FormRefused)) throw err;
      return newPage(reply.code(400), { feedUrl }, { [err.field]: err.message });
    }
  });

  app.get('/directory/imports/:id', editor, async (req, reply) => {
    const id = idParam(req.params);
    const page = pageParam(req.query);
    const { job, issues, issueCount } = await service.getImport(req.ctx, id, page);
    const active = job.status === 'queued' || job.status === 'running';
    return reply.page('directory/views/import-show.njk', {
      title: 'Directory import',
      job,
      issues,
      issueCount,
      active,
      percent: job.totalRecords ? Math.min(100, Math.floor((job.processedRecords / job.totalRecords) * 100)) : null,
      pagination: pagination(req.url, page, issueCount, service.REPORT_PAGE_SIZE),
    });
  });
}
