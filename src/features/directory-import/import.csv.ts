// ORUK's CSV tables, uploaded together, joined back into ORUK JSON records so that one
// cleaning path serves every source. Each table file is optional; a collection is replaced
// for the services in the upload only when its table was uploaded.
import { parse } from 'csv-parse/sync';
import type { Issue, Raw, RawRecord } from './import.clean.js';

/** Table names ORUK has used (and spreadsheets get called), to the one Hearth reads. */
const tableNames: Record<string, string> = {
  services: 'services',
  service: 'services',
  organizations: 'organizations',
  organization: 'organizations',
  organisations: 'organizations',
  organisation: 'organizations',
  organization_identifiers: 'organization_identifiers',
  organization_identifier: 'organization_identifiers',
  locations: 'locations',
  location: 'locations',
  addresses: 'addresses',
  address: 'addresses',
  physical_addresses: 'addresses',
  physical_address: 'addresses',
  accessibility: 'accessibility',
  accessibility_for_disabilities: 'accessibility',
  service_at_locations: 'service_at_locations',
  service_at_location: 'service_at_locations',
  schedules: 'schedules',
  schedule: 'schedules',
  regular_schedules: 'schedules',
  regular_schedule: 'schedules',
  phones: 'phones',
  phone: 'phones',
  contacts: 'contacts',
  contact: 'contacts',
  cost_options: 'cost_options',
  cost_option: 'cost_options',
  service_areas: 'service_areas',
  service_area: 'service_areas',
  languages: 'languages',
  language: 'languages',
  funding: 'funding',
  fundings: 'funding',
  taxonomies: 'taxonomies',
  taxonomy: 'taxonomies',
  taxonomy_terms: 'taxonomy_terms',
  taxonomy_term: 'taxonomy_terms',
  attributes: 'attributes',
  attribute: 'attributes',
  service_taxonomy: 'attributes',
  service_taxonomys: 'attributes',
};

/** Tables of ORUK that Hearth does not keep: said so in the report rather than dropped silently. */
const notKept: Record<string, string> = {
  programs: 'programmes',
  required_documents: 'required documents',
  meta_table_descriptions: 'table descriptions',
  metadata: 'change history',
  holiday_schedules: 'holiday schedules',
  reviews: 'reviews',
  eligibility: 'eligibility text',
  eligibilitys: 'eligibility text',
};

export class UnreadableImport extends Error {}

export interface UploadedFile {
  name: string;
  content: string;
}

const baseName = (name: string) => name.replace(/^.*[\\/]/, '').toLowerCase();
const tableOf = (name: string) =>
  baseName(name)
    .replace(/\.csv$/, '')
    .replace(/[\s-]+/g, '_');
/** Join keys: ids as text, UUIDs in lower case. */
const key = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim().toLowerCase());

function readTable(file: UploadedFile): Raw[] {
  // Spreadsheet exports end lines every which way ("\r\r\n" in ORUK's own examples).
  const rows = parse(file.content.replace(/\r*\n|\r/g, '\n'), {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  // A CSV cannot tell an empty cell from no value: empty cells are simply absent.
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== '')));
}

const fileIssue = (name: string, outcome: Issue['outcome'], message: string): Issue => ({
  entity: 'file',
  recordId: null,
  recordName: name,
  outcome,
  message,
});
const rowIssue = (entity: string, row: Raw, message: string): Issue => ({
  entity,
  recordId: row.id === undefined ? null : String(row.id),
  recordName: null,
  outcome: 'skipped',
  message,
});

/**
 * The records in a set of ORUK CSV tables, vocabularies and organisations first, and report
 * lines for files and rows that could not be placed. Throws UnreadableImport when there is
 * nothing at all to import.
 */
export function recordsFromCsv(files: UploadedFile[]): { records: RawRecord[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const tables = new Map<string, Raw[]>();
  const chosen = new Map<string, string>();
  // The plural (ORUK 3.0) name first, so "schedules.csv" wins over an older "schedule.csv".
  const ordered = [...files].sort(
    (a, b) =>
      Number(tableNames[tableOf(a.name)] !== tableOf(a.name)) - Number(tableNames[tableOf(b.name)] !== tableOf(b.name)),
  );
  for (const file of ordered) {
    const name = tableOf(file.name);
    const table = tableNames[name];
    if (!table) {
      issues.push(
        fileIssue(
          file.name,
          'skipped',
          notKept[name]
            ? `not imported: Hearth does not keep ${notKept[name]}`
            : 'not imported: it is not one of the Open Referral UK tables',
        ),
      );
      continue;
    }
    if (chosen.has(table)) {
      issues.push(fileIssue(file.name, 'skipped', `not imported: ${chosen.get(table)} holds the same table`));
      continue;
    }
    try {
      tables.set(table, readTable(file));
      chosen.set(table, baseName(file.name));
    } catch (err) {
      const why = `could not be read as CSV (${(err as Error).message.split('\n')[0]})`;
      if (table === 'services') throw new UnreadableImport(`${baseName(file.name)} ${why}`);
      issues.push(fileIssue(file.name, 'skipped', `not imported: ${why}`));
    }
  }
  const has = (t: string) => tables.has(t);
  const rows = (t: string) => tables.get(t) ?? [];
  if (!['services', 'organizations', 'taxonomies', 'taxonomy_terms'].some(has)) {
    throw new UnreadableImport(
      'None of the files is a table of services, organisations or taxonomies (services.csv, organizations.csv, taxonomies.csv or taxonomy_terms.csv)',
    );
  }

  // Group child rows by the id of what they belong to.
  const byKey = (t: string, field: string) => {
    const m = new Map<string, Raw[]>();
    for (const r of rows(t)) {
      const k = key(r[field]);
      if (!k) continue;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  };
  const used = new Set<Raw>();
  const take = (m: Map<string, Raw[]>, k: string) => {
    const list = m.get(key(k)) ?? [];
    list.forEach((r) => used.add(r));
    return list.map((r) => ({ ...r }));
  };

  const identifiers = byKey('organization_identifiers', 'organization_id');
  const organisations: RawRecord[] = rows('organizations').map((r) => {
    const org: Raw = { ...r };
    if (has('organization_identifiers')) org.organization_identifiers = take(identifiers, String(r.id));
    return { kind: 'organization', raw: org };
  });

  const addresses = byKey('addresses', 'location_id');
  const accessibility = byKey('accessibility', 'location_id');
  const locations = new Map<string, Raw>();
  for (const r of rows('locations')) {
    const loc: Raw = { ...r };
    if (has('addresses')) loc.addresses = take(addresses, String(r.id));
    if (has('accessibility')) loc.accessibility = take(accessibility, String(r.id));
    if (!locations.has(key(r.id))) locations.set(key(r.id), loc);
  }

  const serviceIds = new Set(rows('services').map((r) => key(r.id)));
  const salsByService = byKey('service_at_locations', 'service_id');
  const serviceOfSal = new Map(rows('service_at_locations').map((r) => [key(r.id), key(r.service_id)]));
  const contactsByService = byKey('contacts', 'service_id');
  const serviceOfContact = new Map(rows('contacts').map((r) => [key(r.id), key(r.service_id)]));
  const phonesByContact = byKey('phones', 'contact_id');
  const serviceOfPhone = new Map(
    rows('phones').map((r) => [key(r.id), serviceOfContact.get(key(r.contact_id)) ?? key(r.service_id)]),
  );
  // Schedules, languages and phones can reach their service through what they belong to.
  const schedules = new Map<string, Raw[]>();
  for (const r of rows('schedules')) {
    const s = key(r.service_id) || serviceOfSal.get(key(r.service_at_location_id)) || '';
    if (s) schedules.set(s, [...(schedules.get(s) ?? []), r]);
  }
  const languages = new Map<string, Raw[]>();
  for (const r of rows('languages')) {
    const s = key(r.service_id) || serviceOfPhone.get(key(r.phone_id)) || '';
    if (s) languages.set(s, [...(languages.get(s) ?? []), r]);
  }
  const servicePhones = new Map<string, Raw[]>();
  for (const r of rows('phones'))
    if (!serviceOfContact.has(key(r.contact_id)) && key(r.service_id))
      servicePhones.set(key(r.service_id), [...(servicePhones.get(key(r.service_id)) ?? []), r]);
  const costOptions = byKey('cost_options', 'service_id');
  const areas = byKey('service_areas', 'service_id');
  const funding = byKey('funding', 'service_id');
  const attributes = byKey('attributes', 'link_id');

  const services: RawRecord[] = rows('services').map((r) => {
    const s: Raw = { ...r };
    const id = String(r.id ?? '');
    if (has('service_at_locations')) {
      s.service_at_locations = take(salsByService, id).map((sal) => {
        const loc = locations.get(key(sal.location_id));
        return loc ? { id: sal.id, location: loc } : { id: sal.id, location_id: sal.location_id };
      });
    }
    if (has('schedules')) s.schedules = take(schedules, id);
    if (has('contacts')) {
      s.contacts = take(contactsByService, id).map((c) => {
        const contact: Raw = { ...c, phones: take(phonesByContact, String(c.id)) };
        const own = take(attributes, String(c.id));
        if (own.length) contact.attributes = own;
        return contact;
      });
    }
    if (has('phones') && servicePhones.has(key(id))) s.phones = take(servicePhones, id);
    if (has('languages')) s.languages = take(languages, id);
    if (has('cost_options')) s.cost_options = take(costOptions, id);
    if (has('service_areas')) s.service_areas = take(areas, id);
    if (has('funding')) s.funding = take(funding, id);
    if (has('attributes')) s.attributes = take(attributes, id);
    return { kind: 'service', raw: s };
  });

  // Rows that belong to nothing in the upload are reported, not silently dropped.
  const orphans: Array<[string, string, string]> = [
    ['service_at_locations', 'service_at_location', 'service_id'],
    ['schedules', 'schedule', 'service_id'],
    ['contacts', 'contact', 'service_id'],
    ['phones', 'phone', 'contact_id'],
    ['languages', 'language', 'service_id'],
    ['cost_options', 'cost_option', 'service_id'],
    ['service_areas', 'service_area', 'service_id'],
    ['funding', 'funding', 'service_id'],
    ['attributes', 'attribute', 'link_id'],
    ['organization_identifiers', 'organization_identifier', 'organization_id'],
    ['addresses', 'address', 'location_id'],
    ['accessibility', 'accessibility', 'location_id'],
  ];
  for (const [table, entity, field] of orphans) {
    for (const r of rows(table)) {
      if (used.has(r)) continue;
      const target = r[field] ?? r.service_at_location_id ?? r.phone_id;
      const what = table === 'attributes' ? 'a service or contact' : field.replace(/_id$/, '').replace(/_/g, ' ');
      issues.push(
        rowIssue(
          entity,
          r,
          target
            ? `${field} ${String(target)} is not ${what.startsWith('a ') ? what : `a ${what}`} in this import: left out`
            : `${entity.replace(/_/g, ' ')} belongs to no service: left out`,
        ),
      );
    }
  }
  const linked = new Set(
    rows('service_at_locations')
      .filter((r) => serviceIds.has(key(r.service_id)))
      .map((r) => key(r.location_id)),
  );
  for (const [k, loc] of locations)
    if (!linked.has(k))
      issues.push(rowIssue('location', loc, 'location is not linked to any service in this import: left out'));

  const taxonomies: RawRecord[] = rows('taxonomies').map((r) => ({ kind: 'taxonomy', raw: r }));
  const terms: RawRecord[] = rows('taxonomy_terms').map((r) => ({ kind: 'taxonomy_term', raw: r }));
  return { records: [...taxonomies, ...terms, ...organisations, ...services], issues };
}

/** Whether a set of uploaded files is CSV tables (else JSON). */
export const isCsvUpload = (files: UploadedFile[]) => files.every((f) => /\.csv$/i.test(f.name));
