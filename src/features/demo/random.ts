import { nhsCheckDigit } from '../people/identity.js';

/** A small seeded random generator (mulberry32): the demo makes the same choices on every run. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  between(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.float() * xs.length)];
  }
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    let r = this.float() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
  sample<T>(xs: readonly T[], k: number): T[] {
    return this.shuffle(xs).slice(0, k);
  }
  /** A version 4 UUID from this generator, so ids (and demo URLs) are the same every time. */
  uuid(): string {
    const b = Array.from({ length: 16 }, () => Math.floor(this.float() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** A valid, unused NHS number in the 999 range the NHS never issues. */
export function demoNhsNumber(rnd: Random, used: Set<string>): string {
  for (;;) {
    const digits = '999' + String(rnd.int(0, 999_999)).padStart(6, '0');
    const check = nhsCheckDigit(digits);
    if (check === null) continue;
    const n = digits + check;
    if (used.has(n)) continue;
    used.add(n);
    return n;
  }
}
