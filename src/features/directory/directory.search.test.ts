import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { Db } from '../../db/client.js';
import {
  directoryAddresses,
  directoryAttributes,
  directoryLocations,
  directoryOrganisations,
  directorySchedules,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
  postcodePoints,
} from '../../db/schema/index.js';
import { useTestApp } from '../../../test/helpers.js';
import { pointForPostcode, searchServices, type DirectoryQuery } from './directory.search.js';

// A small city: the centre at 53.000, -1.500; 0.009 degrees of latitude is about a kilometre.
interface Place {
  name: string;
  description: string;
  latitude: number;
  postcode: string;
  ages?: [number | null, number | null];
  opens?: { byday: string; opensAt: string; closesAt: string; freq?: string; validTo?: string };
  terms?: string[];
  withdrawn?: boolean;
}

async function addService(db: Db, organisationId: string, p: Place) {
  const id = randomUUID();
  await db.insert(directoryServices).values({
    id,
    organizationId: organisationId,
    name: p.name,
    description: p.description,
    minimumAge: p.ages?.[0] ?? null,
    maximumAge: p.ages?.[1] ?? null,
    withdrawnAt: p.withdrawn ? new Date() : null,
  });
  const locationId = randomUUID();
  await db.insert(directoryLocations).values({ id: locationId, name: p.name, latitude: p.latitude, longitude: -1.5 });
  await db
    .insert(directoryAddresses)
    .values({ id: randomUUID(), locationId, address1: '1 High Street', city: 'Northbridge', postalCode: p.postcode });
  const salId = randomUUID();
  await db.insert(directoryServiceAtLocations).values({ id: salId, serviceId: id, locationId });
  if (p.opens)
    await db
      .insert(directorySchedules)
      .values({ id: randomUUID(), serviceAtLocationId: salId, freq: 'WEEKLY', ...p.opens });
  for (const termId of p.terms ?? [])
    await db.insert(directoryAttributes).values({ id: randomUUID(), linkId: id, taxonomyTermId: termId });
  return id;
}

describe('directory search', () => {
  const t = useTestApp();
  const ids: Record<string, string> = {};
  const taxonomyId = randomUUID();
  const outdoors = randomUUID();
  const gardening = randomUUID();
  const company = randomUUID();

  before(async () => {
    const [org] = await t.db
      .insert(directoryOrganisations)
      .values({ id: randomUUID(), name: 'Northbridge Voluntary Action' })
      .returning();
    await t.db
      .insert(directoryTaxonomies)
      .values({ id: taxonomyId, name: 'Needs', description: 'What people look for' });
    await t.db.insert(directoryTaxonomyTerms).values([
      { id: outdoors, name: 'Getting out and about', taxonomyId },
      { id: gardening, name: 'Gardening', parentId: outdoors, taxonomyId },
      { id: company, name: 'Company', taxonomyId },
    ]);
    await t.db.insert(postcodePoints).values([
      { postcode: 'NB1', latitude: 53.0, longitude: -1.5 },
      { postcode: 'NB1 2AB', latitude: 53.001, longitude: -1.5 },
    ]);
    const places: Record<string, Place> = {
      allotments: {
        name: 'Green Fingers Community Allotments',
        description: 'Gardening together outdoors, tools provided, tea after.',
        latitude: 53.0045,
        postcode: 'NB1 4QT',
        opens: { byday: 'TU,TH', opensAt: '10:00', closesAt: '12:00' },
        terms: [gardening],
      },
      walks: {
        name: 'Walking for Health',
        description: 'Short, friendly walks in the park, at your own pace.',
        latitude: 53.018,
        postcode: 'NB2 1AA',
        opens: { byday: 'MO', opensAt: '09:30', closesAt: '11:00' },
        terms: [outdoors],
      },
      cafe: {
        name: 'Memory Café',
        description: 'A friendly café for people living with dementia and the people who care for them.',
        latitude: 53.09,
        postcode: 'NB9 9ZZ',
        ages: [50, null],
        terms: [company],
      },
      youth: {
        name: 'Young Carers Club',
        description: 'Time off for young carers, with games and trips.',
        latitude: 53.001,
        postcode: 'NB1 3CD',
        ages: [8, 18],
        terms: [company],
      },
      dropIn: {
        name: 'Carers Drop-in',
        description: 'Monthly drop-in for carers, first Thursday and last Friday.',
        ages: [16, null],
        latitude: 53.2,
        postcode: 'NB14 1AA',
        opens: { byday: '1TH, -1FR', opensAt: '13:00', closesAt: '15:00', freq: 'MONTHLY' },
      },
      ended: {
        name: 'Summer Strolls',
        description: 'Strolls by the river that ran until the summer.',
        ages: [16, null],
        latitude: 53.2,
        postcode: 'NB14 1AB',
        opens: { byday: 'TH', opensAt: '13:00', closesAt: '15:00', validTo: '2026-09-30' },
      },
      closed: {
        name: 'Old Gardening Club',
        description: 'Gardening outdoors.',
        latitude: 53.0,
        postcode: 'NB1 1AA',
        withdrawn: true,
        terms: [gardening],
      },
    };
    for (const [key, p] of Object.entries(places)) ids[key] = await addService(t.db, org!.id, p);
  });

  const names = async (q: DirectoryQuery, limit = 20) =>
    (await searchServices(t.db, q, { limit, offset: 0 })).rows.map((r) => r.name);

  test('words match names and descriptions, stemmed, best first; withdrawn resources never appear', async () => {
    assert.deepEqual(await names({ words: 'gardening' }), ['Green Fingers Community Allotments']);
    assert.deepEqual(await names({ words: 'walk' }), ['Walking for Health']);
    assert.deepEqual((await names({ words: 'friendly' })).sort(), ['Memory Café', 'Walking for Health']);
  });

  test('control characters in the words are spaces, not a database error', async () => {
    assert.deepEqual(await names({ words: 'garden\u0000ing' }), []);
    assert.deepEqual(await names({ words: 'walk\u0000' }), ['Walking for Health']);
  });

  test('a misspelt name still finds the resource', async () => {
    assert.deepEqual(await names({ words: 'alotments' }), ['Green Fingers Community Allotments']);
  });

  test('a need finds resources with that term or a narrower one', async () => {
    assert.deepEqual((await names({ termIds: [outdoors] })).sort(), [
      'Green Fingers Community Allotments',
      'Walking for Health',
    ]);
    assert.deepEqual(await names({ termIds: [gardening] }), ['Green Fingers Community Allotments']);
    assert.equal((await names({ taxonomyId })).length, 4);
  });

  test('distance from a postcode: nearest first, with the distance, and nothing beyond the radius', async () => {
    const point = await pointForPostcode(t.db, 'nb1 2ab');
    assert.deepEqual(point, { latitude: 53.001, longitude: -1.5 });
    const { rows } = await searchServices(t.db, { near: { ...point!, metres: 3000 } }, { limit: 10, offset: 0 });
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Young Carers Club', 'Green Fingers Community Allotments', 'Walking for Health'],
    );
    assert.ok(Math.abs(rows[1]!.distanceMetres! - 389) < 5, `about 390 m, got ${rows[1]!.distanceMetres}`);
  });

  test('a postcode we have no point for falls back to its district, and nonsense gets nothing', async () => {
    assert.deepEqual(await pointForPostcode(t.db, 'NB1 9XX'), { latitude: 53.0, longitude: -1.5 });
    assert.equal(await pointForPostcode(t.db, 'NB7 1AA'), null);
    assert.equal(await pointForPostcode(t.db, 'not a postcode'), null);
  });

  test('locality by postcode districts', async () => {
    assert.deepEqual((await names({ districts: ['nb1'] })).sort(), [
      'Green Fingers Community Allotments',
      'Young Carers Club',
    ]);
  });

  test('who it is for: age within the range; the ORUK minimum and maximum age filters', async () => {
    assert.deepEqual((await names({ age: 12 })).sort(), [
      'Green Fingers Community Allotments',
      'Walking for Health',
      'Young Carers Club',
    ]);
    assert.ok(!(await names({ age: 30 })).includes('Young Carers Club'));
    assert.deepEqual(await names({ minimumAge: 18 }), ['Memory Café']);
    assert.deepEqual(await names({ maximumAge: 18 }), ['Young Carers Club']);
  });

  test('open on a day, and at a time', async () => {
    assert.deepEqual(await names({ open: { day: 'TU' } }), ['Green Fingers Community Allotments']);
    assert.deepEqual(await names({ open: { day: 'TH', from: '11:30' } }), ['Green Fingers Community Allotments']);
    assert.deepEqual(await names({ open: { day: 'TH', from: '12:00' } }), []);
    assert.deepEqual(await names({ open: { day: 'MO', from: '09:30', to: '11:00' } }), ['Walking for Health']);
  });

  test('monthly schedules: on their weekday when searching by day, and only on their week of the month for a date', async () => {
    assert.deepEqual(await names({ open: { day: 'TH' } }), [
      'Carers Drop-in',
      'Green Fingers Community Allotments',
      'Summer Strolls',
    ]);
    assert.deepEqual(await names({ open: { day: 'FR' } }), ['Carers Drop-in']);
    // November 2026: the 5th is its first Thursday, the 26th its fourth, the 27th its last Friday.
    assert.deepEqual(await names({ open: { date: '2026-11-05', from: '14:00' } }), ['Carers Drop-in']);
    assert.deepEqual(
      await names({ open: { date: '2026-11-26', from: '14:00' } }),
      [],
      'not the fourth Thursday; and the summer strolls have ended',
    );
    assert.deepEqual(await names({ open: { date: '2026-11-27', from: '14:00' } }), ['Carers Drop-in']);
    assert.deepEqual(await names({ open: { date: '2026-11-20', from: '14:00' } }), []);
    assert.deepEqual(
      await names({ open: { date: '2026-09-24', from: '14:00' } }),
      ['Summer Strolls'],
      'before it ended',
    );
    assert.deepEqual(await names({ open: { date: '2026-11-26', from: '11:00' } }), [
      'Green Fingers Community Allotments',
    ]);
  });

  test('filters combine, and paging reports the total even past the end', async () => {
    assert.deepEqual(await names({ words: 'friendly', termIds: [outdoors] }), ['Walking for Health']);
    const first = await searchServices(t.db, {}, { limit: 2, offset: 0 });
    assert.equal(first.total, 6);
    assert.equal(first.rows.length, 2);
    const past = await searchServices(t.db, {}, { limit: 2, offset: 10 });
    assert.deepEqual(past, { total: 6, rows: [] });
    assert.equal((await searchServices(t.db, { words: 'gardening' }, { limit: 1, offset: 5 })).total, 1);
  });
});
