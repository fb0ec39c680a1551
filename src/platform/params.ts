import { z } from 'zod';
import { NotFound } from './errors.js';

/** A path's id: anything that is not a well-formed id is simply not found (see error-pages). */
export const idParams = z.object({ id: z.uuid() });

/** An id carried in a form or query string rather than the path: as in a path, a malformed one is not found. */
export function carriedId(value: unknown): string {
  const parsed = idParams.shape.id.safeParse(value);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

/** A page number from the query string, 1 or more; anything else is the first page. */
export const pageQuery = z.coerce.number().int().min(1).max(99_999).catch(1);

/** A word from the query string (a flash message's key, a filter); anything but one word is none. */
export const queryText = z.string().optional().catch(undefined);

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
