import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanRecord, ImportState, mapId, normaliseTime, recordsFromJson, uuidV5 } from './import.clean.js';

describe('cleaning imported directory records', () => {
  test('times of day as feeds write them become HH:MM:SS; what is not a time is refused', () => {
    const cases: Array<[string, string | null]> = [
      ['9am', '09:00:00'],
      ['9 AM', '09:00:00'],
      ['12am', '00:00:00'],
      ['12pm', '12:00:00'],
      ['9:30pm', '21:30:00'],
      ['9.30 p.m.', '21:30:00'],
      ['09:00', '09:00:00'],
      ['17.30', '17:30:00'],
      ['0900', '09:00:00'],
      ['10:00:00', '10:00:00'],
      ['10:00:00Z', '10:00:00'],
      ['noon', '12:00:00'],
      ['25:00', null],
      ['13pm', null],
      ['9', null],
      ['morning', null],
      ['', null],
    ];
    for (const [given, expected] of cases) assert.equal(normaliseTime(given), expected, given);
  });

  test('ids that are not UUIDs map to the same UUID every time, per source and kind of record; UUIDs are kept', () => {
    assert.deepEqual(
      mapId('feed https://a.example/api', 'service', 42),
      mapId('feed https://a.example/api', 'service', '42'),
    );
    assert.equal(mapId('feed https://a.example/api', 'service', 42).mapped, true);
    assert.notEqual(
      mapId('feed https://a.example/api', 'service', 42).id,
      mapId('feed https://b.example/api', 'service', 42).id,
    );
    assert.notEqual(
      mapId('feed https://a.example/api', 'service', 42).id,
      mapId('feed https://a.example/api', 'location', 42).id,
    );
    assert.deepEqual(mapId('x', 'service', 'AC148810-D857-441C-9679-408F346DE14B'), {
      id: 'ac148810-d857-441c-9679-408f346de14b',
      mapped: false,
    });
    // RFC 4122's own example: "python.org" in the DNS namespace.
    assert.equal(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  test('UK postcodes are normalised; a GB address whose postcode is not one is kept and reported; other countries are left alone', () => {
    const clean = (addresses: unknown[]) =>
      cleanRecord(new ImportState('test'), {
        kind: 'service',
        raw: {
          id: 'b9a1e7a0-0000-4000-8000-000000000001',
          name: 'A',
          status: 'active',
          service_at_locations: [{ id: 1, location: { id: 2, addresses } }],
        },
      });
    const r = clean([
      { id: 1, address_1: '1 High St', city: 'Northbridge', postal_code: ' nb3  4xy ' },
      { id: 2, address_1: '2 High St', city: 'Northbridge', postal_code: 'NB3', country: 'United Kingdom' },
      { id: 3, address_1: '3 Main St', city: 'MyCity', postal_code: 'ABC 1234', country: 'us' },
    ]);
    assert.deepEqual(
      r.service!.locations[0].addresses!.map((a) => [a.postalCode, a.country]),
      [
        ['NB3 4XY', 'GB'],
        ['NB3', 'GB'],
        ['ABC 1234', 'US'],
      ],
    );
    assert.deepEqual(
      r.issues.filter((i) => i.entity === 'address').map((i) => i.message),
      [
        'postal_code " nb3  4xy " stored as "NB3 4XY"',
        'country "United Kingdom" stored as "GB"',
        'postal_code "NB3" does not look like a UK postcode: kept as given',
      ],
    );
  });

  test('ORUK JSON of any shape gives its records, vocabularies and organisations before services', () => {
    const service = { id: 's', name: 'S', status: 'active' };
    const kinds = (doc: unknown) => recordsFromJson(doc).records.map((r) => r.kind);
    assert.deepEqual(kinds(service), ['service']);
    assert.deepEqual(kinds([service, service]), ['service', 'service']);
    assert.deepEqual(kinds({ total_items: 1, contents: [service] }), ['service']);
    assert.deepEqual(kinds({ services: [service], organizations: [{ id: 'o', name: 'O', description: '' }] }), [
      'organization',
      'service',
    ]);
    assert.deepEqual(kinds({ id: 'o', name: 'O', description: '', services: [service] }), ['organization', 'service']);
    assert.deepEqual(
      kinds({
        id: 't',
        name: 'T',
        description: '',
        version: '1',
        taxonomy_terms: [{ id: 'x', name: 'X', description: '' }],
      }),
      ['taxonomy', 'taxonomy_term'],
    );
    assert.deepEqual(kinds({ id: 'sal', service, location: { id: 'l', location_type: 'physical' } }), ['service']);
    assert.deepEqual(recordsFromJson([service, 'nonsense']).problems, [
      'a value that is not a record (string) was left out',
    ]);
  });
});
