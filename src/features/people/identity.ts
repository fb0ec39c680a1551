/** NHS numbers, dates of birth and postcodes as people type them. */

/** The modulus 11 check digit for the first nine digits of an NHS number; null when it would be 10 (never issued). */
export function nhsCheckDigit(nineDigits: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : check;
}

/** "943 476 5919" -> "9434765919" when the modulus 11 check digit is right; otherwise null. */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return nhsCheckDigit(digits) === Number(digits[9]) ? digits : null;
}

/** "9434765919" -> "943 476 5919", as NHS numbers are shown. */
export function formatNhsNumber(n: string | null | undefined): string {
  return n ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : '';
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A real calendar date as YYYY-MM-DD, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** Two-digit years of birth are in the past: "3/4/52" is 1952, "3/4/05" is 2005. */
function fullYear(y: string, today: Date): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  const thisYear = today.getUTCFullYear() % 100;
  return n > thisYear ? 1900 + n : 2000 + n;
}

/**
 * Finds a date in the usual UK forms: 12/03/1950, 12/3/50, 12-03-1950, 12.03.1950,
 * 12 March 1950, 12 Mar 1950, 1950-03-12. Returns the ISO date and the text it came from.
 */
export function findDate(text: string, today = new Date()): { iso: string; match: string } | null {
  let m = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/.exec(text);
  if (m) {
    const iso = isoDate(fullYear(m[3], today), Number(m[2]), Number(m[1]));
    if (iso) return { iso, match: m[0] };
  }
  m = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(text);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return { iso, match: m[0] };
  }
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4}|\d{2})\b/i.exec(text);
  if (m) {
    const month = months.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
    if (month > 0 && months.some((name) => m![2].toLowerCase().startsWith(name))) {
      const iso = isoDate(fullYear(m[3], today), month, Number(m[1]));
      if (iso) return { iso, match: m[0] };
    }
  }
  return null;
}

/** Postcodes: upper case with one space before the inward code ("nb3 4xy" -> "NB3 4XY"). */
export { normalisePostcode } from '../../platform/forms.js';

export interface SearchTerms {
  nhsNumber?: string;
  dateOfBirth?: string;
  postcode?: string;
  /** The outward part alone ("NB3"), when only that was typed. */
  postcodeDistrict?: string;
  /** Name words, lower case, in the order typed. */
  names: string[];
}

/** Splits what was typed into the one search box into what it holds. */
export function parseSearch(input: string, today = new Date()): SearchTerms {
  let rest = ` ${input.normalize('NFKC').slice(0, 200)} `;
  const terms: SearchTerms = { names: [] };

  const nhs = /(?<!\d)(\d{3}[\s-]?\d{3}[\s-]?\d{4})(?!\d)/.exec(rest);
  if (nhs) {
    const n = normaliseNhsNumber(nhs[1]);
    if (n) {
      terms.nhsNumber = n;
      rest = rest.replace(nhs[1], ' ');
    }
  }
  const date = findDate(rest, today);
  if (date) {
    terms.dateOfBirth = date.iso;
    rest = rest.replace(date.match, ' ');
  }
  const postcode = /\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})\b/.exec(rest);
  if (postcode) {
    terms.postcode = `${postcode[1]} ${postcode[2]}`.toUpperCase();
    rest = rest.replace(postcode[0], ' ');
  } else {
    const district = /\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\b/.exec(rest);
    if (district && /\d/.test(district[1])) {
      terms.postcodeDistrict = district[1].toUpperCase();
      rest = rest.replace(district[0], ' ');
    }
  }
  terms.names = rest
    .toLowerCase()
    .split(/[\s,]+/)
    .map((w) => w.replace(/[^\p{L}'-]/gu, ''))
    .filter((w) => w.length > 0)
    .slice(0, 5);
  return terms;
}
