const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** How long, as people say it: "40 minutes", "5 hours", "10 days" (never "244.9 hours"). */
export function howLong(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return count(Math.floor(ms / MINUTE), 'minute');
  if (ms < 2 * DAY) return count(Math.floor(ms / HOUR), 'hour');
  return count(Math.floor(ms / DAY), 'day');
}
