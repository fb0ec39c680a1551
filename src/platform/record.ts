// The person's record, composed above the features: each feature declares, in its own folder,
// what it adds to the person's page, their timeline and a worker's home page (as features add
// their menu entries to `app.navigation`). The pages that show them know none of the features.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Person, Role } from '../db/schema/index.js';
import type { Ctx } from './auth.js';

/** One entry on the timeline; the kind's template shows it as `entry`. */
export interface TimelineEntry {
  at: Date;
  [field: string]: unknown;
}

/** A kind of thing on the person's timeline (conversations, contacts, connections, changes...). */
export interface TimelineKind {
  /** Where it comes in the "Show" filter and, for entries at the same moment, nothing else. */
  order: number;
  /** The filter choices that show only this kind: one for most kinds, one per conversation kind. */
  filters: Array<{ value: string; text: string }>;
  /** Renders one entry (`entry`); receives the page's other data too. */
  template: string;
  /**
   * The person's entries of this kind, newest first, at most `upto`; `filter` is one of this
   * kind's filter values, or undefined for everything. The caller has checked access.
   */
  entries(ctx: Ctx, personId: string, filter: string | undefined, upto: number): Promise<TimelineEntry[]>;
}

/** A section of the person's page. */
export interface PersonSection {
  /** The main column (what is happening) or the side column (who and how). */
  column: 'main' | 'side';
  order: number;
  /** Renders the section from `section` (what `load` returned) and the page's `person`, `canWrite`. */
  template: string;
  /** What the section shows; the caller has checked access to the person. */
  load(ctx: Ctx, person: Person): Promise<unknown>;
}

/** A list on a worker's home page, for the roles it is for. */
export interface HomeSection {
  roles: readonly Role[];
  order: number;
  /** Renders the section from `section` (what `load` returned) and the page's `today`, `worker`, `team`. */
  template: string;
  load(ctx: Ctx): Promise<unknown>;
}

/** Something a worker said they would check back on, for the home page's lists. */
export interface CheckBack {
  id: string;
  personId: string;
  givenName: string;
  preferredName: string | null;
  familyName: string;
  /** Restricted records are masked in a team's list (the worker's own are theirs to see). */
  restricted?: boolean;
  checkBackOn: string;
  /** Where the worker goes to do it. */
  href: string;
  note: string | null;
  /** Who was to do it (in a team's list). */
  workerName?: string | null;
  /** Where "Done" is sent, when it can be marked done from the list. */
  done?: string;
}

/** A kind of check back (after a conversation, after a contact...). */
export interface CheckBackSource {
  /** The worker's own, due this week or overdue. */
  mine(ctx: Ctx): Promise<CheckBack[]>;
  /** A team manager's team's, overdue (empty for anyone else). */
  overdueInTeam(ctx: Ctx): Promise<CheckBack[]>;
}

export interface RecordParts {
  timeline: TimelineKind[];
  personPage: PersonSection[];
  home: HomeSection[];
  checkBacks: CheckBackSource[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What features add to the person's page, the timeline and home pages. */
    record: RecordParts;
  }
}

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;

/** Each of these sections' data, loaded at once, in order. */
async function loadSections<S extends { order: number; template: string }>(
  sections: S[],
  load: (s: S) => Promise<unknown>,
) {
  const ordered = [...sections].sort(byOrder);
  const data = await Promise.all(ordered.map(load));
  return ordered.map((s, i) => ({ ...s, data: data[i] }));
}

/** The person's page sections, loaded at once, by column. */
export async function personSections(parts: RecordParts, ctx: Ctx, person: Person) {
  const sections = await loadSections(parts.personPage, (s) => s.load(ctx, person));
  return { main: sections.filter((s) => s.column === 'main'), side: sections.filter((s) => s.column === 'side') };
}

/** The home page's sections for this worker's role, loaded at once. */
export function homeSections(parts: RecordParts, ctx: Ctx) {
  return loadSections(
    parts.home.filter((s) => s.roles.includes(ctx.worker.role)),
    (s) => s.load(ctx),
  );
}

/** The filter choices of the timeline, in order ("Everything" first). */
export function timelineFilters(parts: RecordParts, selected: string | undefined) {
  return [
    { value: '', text: 'Everything', selected: !selected },
    ...[...parts.timeline]
      .sort(byOrder)
      .flatMap((k) => k.filters.map((f) => ({ ...f, selected: f.value === selected }))),
  ];
}

/** The kind a filter value belongs to, or undefined when it is none of them. */
export function timelineKindOf(parts: RecordParts, filter: string) {
  return parts.timeline.find((k) => k.filters.some((f) => f.value === filter));
}

export default fp(
  async function record(app: FastifyInstance) {
    app.decorate('record', { timeline: [], personPage: [], home: [], checkBacks: [] } as RecordParts);
  },
  { name: 'record' },
);
