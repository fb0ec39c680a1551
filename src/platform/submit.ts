import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { FormRefused, parseForm, StaleVersion, type FormErrors, type FormResult } from './forms.js';

/** What a form page is shown again with: what was typed (or saved), what to fix, and someone else's version. */
export interface FormView {
  values: Record<string, unknown>;
  errors: FormErrors;
  /** The version someone else saved first (a stale save only). */
  theirs?: unknown;
}

export interface Submission<T, R> {
  /** The form's schema, or a parser of its own for a form a schema cannot hold (rows added as typed). */
  schema: z.ZodType<T> | ((body: unknown) => FormResult<T>);
  body: unknown;
  /** Shows the form again; the reply already carries the status (400, or 409 for a stale save). */
  show: (reply: FastifyReply, view: FormView) => unknown;
  /** Saves the valid form; a service refuses with FormRefused, or StaleVersion when someone saved first. */
  save: (data: T) => Promise<R>;
  /** Where to go once saved (303). */
  then: string | ((saved: R) => string);
  /** After a refusal, show what was typed rather than the cleaned values (trimmed, normalised). */
  keepTyped?: boolean;
  /**
   * A stale save: the field the message points at. The page keeps what was typed (or the cleaned
   * values), with their version number, so saving again is a choice made having seen theirs.
   * Without it a StaleVersion is not expected, and fails the request.
   */
  stale?: {
    field: string;
    message: string;
    keepTyped?: boolean;
    /** What of their version the form carries when shown again; by default its version number (none saved: 0). */
    carried?: (theirs: unknown) => Record<string, unknown>;
  };
}

/**
 * One way to submit a form: parse it; shown again with what was typed and what to fix (400);
 * refused by the service (400, on the field); stale (409, with both versions); or saved, then on (303).
 */
export async function submitForm<T, R>(reply: FastifyReply, s: Submission<T, R>) {
  const form = typeof s.schema === 'function' ? s.schema(s.body) : parseForm(s.schema, s.body);
  if (!form.ok) return s.show(reply.code(400), { values: form.values, errors: form.errors });
  let saved: R;
  try {
    saved = await s.save(form.data);
  } catch (err) {
    if (err instanceof StaleVersion && s.stale) {
      const theirs = err.current as { version?: number } | null | undefined;
      const kept = (s.stale.keepTyped ? form.values : form.data) as Record<string, unknown>;
      // A service that names no current version leaves the form as it was.
      const carried = s.stale.carried ?? (() => ({ version: theirs?.version ?? 0 }));
      const values = theirs === undefined ? kept : { ...kept, ...carried(theirs) };
      return s.show(reply.code(409), { values, theirs, errors: { [s.stale.field]: s.stale.message } });
    }
    if (!(err instanceof FormRefused)) throw err;
    const values = (s.keepTyped ? form.values : form.data) as Record<string, unknown>;
    return s.show(reply.code(400), { values, errors: { [err.field]: err.message } });
  }
  return reply.redirect(typeof s.then === 'function' ? s.then(saved) : s.then, 303);
}
