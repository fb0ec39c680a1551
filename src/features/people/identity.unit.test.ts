import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDate, formatNhsNumber, normaliseNhsNumber, parseSearch } from './identity.js';

test('NHS numbers pass the modulus 11 check with or without spaces', () => {
  assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919');
  assert.equal(normaliseNhsNumber('9434765919'), '9434765919');
  assert.equal(normaliseNhsNumber('943-476-5919'), '9434765919');
  assert.equal(normaliseNhsNumber('9434765918'), null, 'wrong check digit');
  assert.equal(normaliseNhsNumber('1234567890'), null, 'check digit would be 10');
  assert.equal(normaliseNhsNumber('943476591'), null, 'nine digits');
  assert.equal(normaliseNhsNumber('94347659190'), null, 'eleven digits');
  assert.equal(normaliseNhsNumber('abc4765919'), null);
  assert.equal(formatNhsNumber('9434765919'), '943 476 5919');
});

test('dates of birth in the usual UK forms', () => {
  const today = new Date('2026-11-26T00:00:00Z');
  for (const typed of [
    '12/03/1950',
    '12/3/1950',
    '12-03-1950',
    '12.03.1950',
    '12 March 1950',
    '12 Mar 1950',
    '12th March 1950',
    '1950-03-12',
    '12/3/50',
  ]) {
    assert.equal(findDate(typed, today)?.iso, '1950-03-12', typed);
  }
  assert.equal(findDate('3/4/05', today)?.iso, '2005-04-03');
  assert.equal(findDate('31/02/1950', today), null, 'not a real date');
  assert.equal(findDate('John Smith', today), null);
});

test('one search box: names, date of birth, NHS number and postcode, in any mix', () => {
  const today = new Date('2026-11-26T00:00:00Z');
  assert.deepEqual(parseSearch('Smith John 12/3/1950 nb3 4xy', today), {
    names: ['smith', 'john'],
    dateOfBirth: '1950-03-12',
    postcode: 'NB3 4XY',
  });
  assert.deepEqual(parseSearch('943 476 5919', today), { names: [], nhsNumber: '9434765919' });
  assert.deepEqual(parseSearch('Okafor NB3', today), { names: ['okafor'], postcodeDistrict: 'NB3' });
  assert.deepEqual(parseSearch("Siobhan O'Neill-Murphy", today), { names: ['siobhan', "o'neill-murphy"] });
  assert.deepEqual(parseSearch('  ', today), { names: [] });
});

test('parsing a search: what is taken out of the names, and what is left in them', () => {
  const today = new Date('2026-11-26T00:00:00Z');
  assert.deepEqual(
    parseSearch('nb34xy', today),
    { names: [], postcode: 'NB3 4XY' },
    'a postcode typed without its space',
  );
  assert.deepEqual(
    parseSearch('Ana 9434765919 12 March 1950', today),
    { names: ['ana'], nhsNumber: '9434765919', dateOfBirth: '1950-03-12' },
    'an NHS number and a date of birth together',
  );
  assert.deepEqual(parseSearch('9434765918', today), { names: [] }, 'a wrong check digit is not an NHS number');
  assert.deepEqual(parseSearch('Jones, Mary', today), { names: ['jones', 'mary'] }, 'a comma between names');
  assert.deepEqual(parseSearch('a b c d e f g', today).names, ['a', 'b', 'c', 'd', 'e'], 'five names at most');
  assert.deepEqual(parseSearch('Ｓｍｉｔｈ', today).names, ['smith'], 'full-width letters as plain ones');
  assert.equal(
    parseSearch(`${'x'.repeat(198)} 12/3/1950`, today).dateOfBirth,
    undefined,
    'only the first 200 characters',
  );
});
