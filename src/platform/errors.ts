// What services throw when a request cannot go on; the error pages (error-pages.ts) show them.

/** Thrown by services when the worker has no reason to see or do something. */
export class AccessDenied extends Error {
  statusCode = 403;
  constructor(message = 'You do not have access to this page') {
    super(message);
  }
}

/** Thrown when something does not exist, or exists but must not be revealed. */
export class NotFound extends Error {
  statusCode = 404;
  constructor(message = 'Page not found') {
    super(message);
  }
}

/** A state-changing request without a valid CSRF token (see platform/csrf). */
export class InvalidCsrfToken extends Error {
  statusCode = 403;
  constructor() {
    super('Missing or invalid CSRF token');
  }
}

/**
 * A restricted record found by someone not on its access list: they see only that it is
 * restricted, and may open it by giving a reason.
 */
export class RestrictedRecord extends Error {
  statusCode = 403;
  constructor(public personId: string) {
    super('This record is restricted');
  }
}
