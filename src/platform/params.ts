import { z } from 'zod';
import { NotFound } from './errors.js';

const uuid = z.uuid();

/** An id from the URL: anything that is not a well-formed id is simply not found. */
export function idParam(params: unknown, name = 'id'): string {
  const value = (params as Record<string, unknown>)[name];
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

/** A page number from the query string, 1 or more. */
export function pageParam(query: unknown): number {
  const n = Number((query as Record<string, unknown>).page);
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : 1;
}

/** GOV.UK pagination items for a list, keeping the other query parameters. */
export function pagination(url: string, page: number, total: number, size = 50) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages === 1) return null;
  const u = new URL(url, 'http://x');
  const href = (n: number) => {
    u.searchParams.set('page', String(n));
    return `${u.pathname}?${u.searchParams.toString()}`;
  };
  const items = [];
  for (let n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n++)
    items.push({ number: n, href: href(n), current: n === page });
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
  };
}

/** GOV.UK "previous / next" pagination, for lists that know only whether another page follows. */
export function previousNext(page: number, hasNext: boolean, href: (n: number) => string) {
  if (page === 1 && !hasNext) return null;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: hasNext ? { href: href(page + 1) } : undefined,
  };
}
