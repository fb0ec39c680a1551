import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalisePostcode, ukToday } from '../../platform/forms.js';
import { NotFound } from '../../platform/errors.js';
import { weekdays, type Weekday } from '../directory/directory.search.js';
import * as service from './openreferral.service.js';
import { BadParameter, type PageRequest, type ServiceFilters } from './openreferral.service.js';

// The directory as an Open Referral UK API: read-only, public (no sign-in, no personal
// data, no cookies), JSON only, readable from any web page (CORS). The routes, query
// parameters and paging are those of the profile's openapi.json. A parameter that cannot
// be used is answered 400 naming it, never ignored and never an error page.

/** Where the profile is described, and its OpenAPI file (as published, and as copied in ./oruk-schema). */
export const apiInfo = {
  version: '3.0',
  profile: 'https://github.com/openreferral/uk-profile',
  openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json',
} as const;

/** Most items a page may hold; a larger per_page is given this many. */
export const mostPerPage = 100;
const defaultPerPage = 50;

/** The query string as sent: each parameter once or several times. Its values are checked below, each named. */
const queryString = z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional());
type Query = z.output<typeof queryString>;

/** One value of a parameter, trimmed; absent when not given or empty. */
function one(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new BadParameter(name, `${name} was given more than once: give it once`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function wholeNumber(query: Query, name: string): number | undefined {
  const value = one(query, name);
  if (value === undefined) return undefined;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) throw new BadParameter(name, `${name} must be a whole number, 1 or more`);
  return n;
}

function pageRequest(query: Query): PageRequest {
  return {
    page: wholeNumber(query, 'page') ?? 1,
    perPage: Math.min(wholeNumber(query, 'per_page') ?? defaultPerPage, mostPerPage),
  };
}

const uuid = z.uuid();

function uuidParameter(name: string, value: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success)
    throw new BadParameter(name, `${name} must be an id (a UUID such as 2f1b7c9e-3a4d-4e5f-8a6b-7c8d9e0f1a2b)`);
  return parsed.data.toLowerCase();
}

function age(query: Query, name: string): number | undefined {
  const value = one(query, name);
  if (value === undefined) return undefined;
  const n = /^\d{1,3}(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 150)) throw new BadParameter(name, `${name} must be an age in years, from 0 to 150`);
  return n;
}

const dayNames: Record<string, Weekday> = {
  MONDAY: 'MO',
  TUESDAY: 'TU',
  WEDNESDAY: 'WE',
  THURSDAY: 'TH',
  FRIDAY: 'FR',
  SATURDAY: 'SA',
  SUNDAY: 'SU',
};

function day(query: Query): Weekday | undefined {
  const value = one(query, 'day')?.toUpperCase();
  if (value === undefined) return undefined;
  const found = (weekdays as readonly string[]).includes(value) ? (value as Weekday) : dayNames[value];
  if (!found)
    throw new BadParameter(
      'day',
      'day must be a day of the week: MO, TU, WE, TH, FR, SA or SU (or its name, such as Monday)',
    );
  return found;
}

function time(query: Query, name: string): string | undefined {
  const value = one(query, name);
  if (value === undefined) return undefined;
  const m = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(value);
  if (!m) throw new BadParameter(name, `${name} must be a time of day on the 24-hour clock, HH:MM, such as 09:30`);
  return `${m[1]!.padStart(2, '0')}:${m[2]}${m[3] ? `:${m[3]}` : ''}`;
}

function postcode(query: Query): string | undefined {
  const value = one(query, 'postcode');
  if (value === undefined) return undefined;
  const full = normalisePostcode(value);
  if (full) return full;
  const district = value.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d[A-Z\d]?$/.test(district)) return district;
  throw new BadParameter(
    'postcode',
    'postcode must be a UK postcode, such as NB3 4XY, or a postcode district, such as NB3',
  );
}

function proximity(query: Query): number | undefined {
  const value = one(query, 'proximity');
  if (value === undefined) return undefined;
  const n = /^\d{1,7}(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n > 0 && n <= 1_000_000))
    throw new BadParameter('proximity', 'proximity must be a distance in metres, more than 0 and at most 1000000');
  return n;
}

function filters(query: Query): ServiceFilters {
  const search = one(query, 'search');
  if (search && search.length > 200) throw new BadParameter('search', 'search must be at most 200 characters');
  // eslint-disable-next-line no-control-regex -- control characters are what is refused (PostgreSQL refuses a NUL in text)
  if (search && /[\u0000-\u001f\u007f]/.test(search))
    throw new BadParameter('search', 'search must be words, without control characters');
  const termIds = one(query, 'taxonomy_term_id');
  const taxonomyId = one(query, 'taxonomy_id');
  return {
    search,
    // Several terms may be given, separated by commas: services with any of them.
    taxonomyTermIds: termIds ? termIds.split(',').map((id) => uuidParameter('taxonomy_term_id', id.trim())) : undefined,
    taxonomyId: taxonomyId ? uuidParameter('taxonomy_id', taxonomyId) : undefined,
    minimumAge: age(query, 'minimum_age'),
    maximumAge: age(query, 'maximum_age'),
    day: day(query),
    startTime: time(query, 'start_time'),
    endTime: time(query, 'end_time'),
    postcode: postcode(query),
    proximityMetres: proximity(query),
  };
}

/** The path's id, as sent: checked by pathId, which names what was not found. */
const withId = { schema: { params: z.object({ id: z.string() }) } };
const withQuery = { schema: { querystring: queryString } };

/** An id in the path: anything that is not a well-formed id is simply not found. */
function pathId(id: string, what: string): string {
  const parsed = uuid.safeParse(id);
  if (!parsed.success) throw new NotFound(`No ${what} with this id`);
  return parsed.data.toLowerCase();
}

async function api(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', async (_req, reply) => {
    // A public API: any web page may read it, and it sets no cookies.
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });

  // Answers in JSON whatever went wrong, and never with the app's HTML pages.
  const fail = (
    reply: FastifyReply,
    statusCode: number,
    error: string,
    message: string,
    extra: Record<string, string> = {},
  ) => reply.code(statusCode).send({ statusCode, error, message, ...extra });
  app.setNotFoundHandler((_req, reply) =>
    fail(reply, 404, 'Not Found', 'There is nothing at this address in the Open Referral UK API'),
  );
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof BadParameter)
      return fail(reply, 400, 'Bad Request', error.message, { parameter: error.parameter });
    if (error instanceof NotFound) return fail(reply, 404, 'Not Found', error.message);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status < 500)
      return fail(reply, status, STATUS_CODES[status] ?? 'Bad Request', 'The request could not be understood');
    // The error's name, code and where it happened; never its message (a failed query lists its parameters).
    const where = (error.stack ?? '')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .join('\n');
    req.log.error({ err: { type: error.name, code: error.code, stack: where } }, 'request failed');
    return fail(reply, 500, 'Internal Server Error', 'Sorry, there is a problem with the directory');
  });

  const db = app.db;
  app.get('/', async () => apiInfo);

  app.get('/services', withQuery, async (req) => {
    const query = req.query;
    const p = pageRequest(query);
    return service.servicesPage(db, await service.directoryQuery(db, filters(query)), p);
  });
  app.get('/services/:id', withId, async (req) => service.fullService(db, pathId(req.params.id, 'service')));

  app.get('/service_at_locations', withQuery, async (req) => {
    const query = req.query;
    const p = pageRequest(query);
    return service.serviceAtLocationsPage(db, await service.directoryQuery(db, filters(query)), p);
  });
  app.get('/service_at_locations/:id', withId, async (req) =>
    service.fullServiceAtLocation(db, pathId(req.params.id, 'service at a location')),
  );

  app.get('/taxonomies', withQuery, async (req) => service.taxonomiesPage(db, pageRequest(req.query)));
  app.get('/taxonomies/:id', withId, async (req) => service.taxonomy(db, pathId(req.params.id, 'taxonomy')));

  app.get('/taxonomy_terms', withQuery, async (req) => service.taxonomyTermsPage(db, pageRequest(req.query)));
  app.get('/taxonomy_terms/:id', withId, async (req) =>
    service.taxonomyTerm(db, pathId(req.params.id, 'taxonomy term')),
  );
}

export default async function openReferralRoutes(app: FastifyInstance) {
  await app.register(api, { prefix: '/openreferral' });

  // The whole directory as one file of ORUK JSON, for directory editors (administrators).
  app.get('/directory/export.json', { preHandler: app.requireRole('admin') }, async (req, reply) => {
    const pieces = await service.exportDirectory(req.ctx);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="directory-${ukToday(req.ctx.now)}.json"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(pieces));
  });
}
