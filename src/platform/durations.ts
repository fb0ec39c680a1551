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

const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  hourCycle: 'h23',
});

function ukDay(at: number) {
  const p = Object.fromEntries(ukParts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const utcMidnight = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  // UK midnight is UTC midnight, or an hour before it in summer time (the clocks change at 01:00 UTC, never at midnight).
  const summer = ukParts.formatToParts(new Date(utcMidnight)).find((x) => x.type === 'hour')?.value === '01';
  return { start: utcMidnight - (summer ? HOUR : 0), weekend: p.weekday === 'Sat' || p.weekday === 'Sun' };
}

/**
 * The moment `days` working days before `now`: a contact that came in before it has waited
 * longer than that. Working days are Monday to Friday in UK time and the clock stops over
 * the weekend (Friday 10:00 to Monday 10:00 is one working day). Bank holidays are not known
 * to Hearth, so they count: kept simple, a wait is at worst brought up a day early.
 */
export function workingDaysBefore(now: Date, days: number): Date {
  let left = days * DAY;
  let end = now.getTime();
  for (;;) {
    // The UK day that ends at `end` (or that `end` falls in); walk back one day at a time.
    const day = ukDay(end - 1);
    if (!day.weekend) {
      if (end - day.start >= left) return new Date(end - left);
      left -= end - day.start;
    }
    end = day.start;
  }
}
