import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseForm, ukTime } from '../../platform/forms.js';
import { pageQuery, previousNext } from '../../platform/params.js';
import { browse, verify } from './audit-trail.service.js';

/** A date typed as three GOV.UK date input boxes; all blank means no date. */
const dateParts = (prefix: string, label: string) =>
  z
    .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
    .transform((p, c) => {
      if (!p.day && !p.month && !p.year) return undefined;
      const [d, m, y] = [Number(p.day), Number(p.month), Number(p.year)];
      const date = new Date(Date.UTC(y, m - 1, d));
      if (
        !Number.isInteger(d) ||
        !Number.isInteger(m) ||
        !Number.isInteger(y) ||
        y < 2000 ||
        date.getUTCDate() !== d ||
        date.getUTCMonth() !== m - 1
      ) {
        c.addIssue({ code: 'custom', message: `${label} must be a real date, like 27 3 2026`, path: [prefix] });
        return z.NEVER;
      }
      return date;
    });

/** The instant a UK day starts, for a date typed as a UK date (given as UTC midnight), `plusDays` later. */
const startOfUkDay = (date: Date, plusDays = 0) =>
  ukTime(new Date(date.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10));

const filterForm = z
  .object({
    worker: z.union([z.literal(''), z.uuid({ message: 'Choose a worker from the workers pages' })]).optional(),
    person: z.union([z.literal(''), z.uuid({ message: 'Choose a person from their record' })]).optional(),
    'from-day': z.string().optional(),
    'from-month': z.string().optional(),
    'from-year': z.string().optional(),
    'to-day': z.string().optional(),
    'to-month': z.string().optional(),
    'to-year': z.string().optional(),
    page: z.string().optional(),
  })
  .transform((q, c) => {
    const from = dateParts('from', 'The from date').safeParse({
      day: q['from-day'],
      month: q['from-month'],
      year: q['from-year'],
    });
    const to = dateParts('to', 'The to date').safeParse({ day: q['to-day'], month: q['to-month'], year: q['to-year'] });
    for (const r of [from, to])
      if (!r.success) for (const i of r.error.issues) c.addIssue({ code: 'custom', message: i.message, path: i.path });
    if (!from.success || !to.success) return z.NEVER;
    return {
      workerId: q.worker || undefined,
      personId: q.person || undefined,
      from: from.data && startOfUkDay(from.data),
      // The to date is inclusive: up to the end of that day.
      to: to.data && startOfUkDay(to.data, 1),
    };
  });

export default async function auditTrailRoutes(app: FastifyInstance) {
  app.navigation.push({ href: '/admin/audit', text: 'Audit trail', roles: ['admin'] });
  const admin = { preHandler: app.requireRole('admin') };

  app.get('/admin/audit', admin, async (req, reply) => {
    const form = parseForm(filterForm, req.query);
    const values = form.values;
    if (!form.ok) {
      return reply
        .code(400)
        .page('audit-trail/views/browse.njk', { title: 'Audit trail', errors: form.errors, values, rows: [] });
    }
    const page = pageQuery.parse(values.page);
    const { rows, hasNext } = await browse(req.ctx, form.data, page);
    const u = new URL(req.url, 'http://x');
    const href = (n: number) => (u.searchParams.set('page', String(n)), `${u.pathname}?${u.searchParams}`);
    return reply.page('audit-trail/views/browse.njk', {
      title: 'Audit trail',
      values,
      rows,
      filtered: Boolean(form.data.workerId || form.data.personId || form.data.from || form.data.to),
      pagination: previousNext(page, hasNext, href),
    });
  });

  app.post('/admin/audit/verify', admin, async (req, reply) => {
    const result = await verify(req.ctx);
    return reply.page('audit-trail/views/verify.njk', { title: 'Audit trail check', result });
  });
}
