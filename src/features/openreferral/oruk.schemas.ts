import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// The Open Referral UK profile's JSON Schemas, compiled with a validator. The files are
// verbatim copies kept in ./oruk-schema (see its README). openapi.json refers to them by
// their published addresses, so each is loaded under that address and every $ref resolves
// to the copy here: nothing is fetched.
//
// The schemas are Frictionless-flavoured: they carry keywords JSON Schema does not know
// ("core", "constraints", "datapackage_metadata", "example", ...). Ajv's strict mode would
// refuse them, so it is off; the formats the profile uses (uuid, uri, email, date-time) are
// still checked, through ajv-formats.

// CommonJS modules: imported from ES modules, their default is the module, which carries the class as `default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export const orukSchemaFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oruk-schema');

/** Where openapi.json says the schemas are published; each copy is registered under this address. */
const published = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';

const files = [
  'openapi.json',
  'taxonomy.json',
  'taxonomy_term.json',
  'compiled/service.json',
  'compiled/service_list.json',
  'compiled/service_at_location.json',
  'compiled/service_at_location_list.json',
  'compiled/service_package.json',
  'compiled/service_at_location_package.json',
  'compiled/organization.json',
  'compiled/organization_list.json',
] as const;

/** The schema of a 200 response in openapi.json, by its path. */
const response = (route: string) =>
  `${published}openapi.json#/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`;

/** Every schema Hearth validates against, by a short name. */
export const orukSchemas = {
  /** A fully nested service: GET /services/{id}, and each service in the export. */
  service: `${published}compiled/service.json`,
  /** A service with its one-to-one fields: each item of GET /services. */
  service_list: `${published}compiled/service_list.json`,
  /** A fully nested service at a location: GET /service_at_locations/{id} (see openreferral.service.ts). */
  service_at_location: `${published}compiled/service_at_location.json`,
  /** Each item of GET /service_at_locations. */
  service_at_location_list: `${published}compiled/service_at_location_list.json`,
  service_package: `${published}compiled/service_package.json`,
  service_at_location_package: `${published}compiled/service_at_location_package.json`,
  organization: `${published}compiled/organization.json`,
  organization_list: `${published}compiled/organization_list.json`,
  taxonomy: `${published}taxonomy.json`,
  taxonomy_term: `${published}taxonomy_term.json`,
  /** The responses as openapi.json describes them: the list routes' Page wrapper around their items. */
  api_info: response('/'),
  services_page: response('/services'),
  service_at_locations_page: response('/service_at_locations'),
  taxonomies_page: response('/taxonomies'),
  taxonomy_terms_page: response('/taxonomy_terms'),
} as const;

export type OrukSchemaName = keyof typeof orukSchemas;

let ajv: InstanceType<typeof Ajv2020> | undefined;
const compiled = new Map<OrukSchemaName, ValidateFunction>();

function validator() {
  if (ajv) return ajv;
  // openapi.json names JSON Schema 2020-12 as its dialect.
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of files) {
    const schema = JSON.parse(readFileSync(path.join(orukSchemaFolder, file), 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: published + file });
  }
  return ajv;
}

/** The compiled validator for one of the profile's schemas (compiled once, on first use). */
export function orukValidator(name: OrukSchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = validator().getSchema(orukSchemas[name]);
    if (!validate) throw new Error(`Open Referral UK schema not found: ${name}`);
    compiled.set(name, validate);
  }
  return validate;
}

/** What is wrong with `data` against a schema, one line each ("/contacts/0/id must match format \"uuid\""); empty when it is valid. */
export function orukProblems(name: OrukSchemaName, data: unknown): string[] {
  const validate = orukValidator(name);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  return `${e.instancePath || '(the whole object)'} ${e.message ?? 'is not valid'}`;
}
