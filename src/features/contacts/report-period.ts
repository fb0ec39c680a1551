import { dateFromParts, ukTime, ukToday } from '../../platform/forms.js';

/**
 * The period a report covers, from the query string's three-box dates; by default the last
 * 90 days. Both dates are whole UK days, the "to" date included.
 */
export function reportPeriod(
  query: Record<string, string>,
  now: Date,
): { ok: true; from: Date; to: Date; fromIso: string; toIso: string } | { ok: false; errors: Record<string, string> } {
  const from = dateFromParts(query, 'from', 'The start date');
  const to = dateFromParts(query, 'to', 'The end date');
  const errors: Record<string, string> = {};
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  const toIso = to.iso ?? ukToday(now);
  const fromIso = from.iso ?? new Date(new Date(toIso).getTime() - 89 * 86_400_000).toISOString().slice(0, 10);
  if (!errors.from && !errors.to && fromIso > toIso) errors.to = 'The end date must be on or after the start date';
  if (Object.keys(errors).length) return { ok: false, errors };
  const dayAfter = new Date(new Date(`${toIso}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  return { ok: true, from: ukTime(fromIso), to: ukTime(dayAfter), fromIso, toIso };
}
