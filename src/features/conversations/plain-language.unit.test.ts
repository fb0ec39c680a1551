import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJargon } from './plain-language.js';

const terms = [
  { term: 'NFA', plainer: 'say what was decided' },
  { term: 'OT', plainer: 'occupational therapist' },
  { term: 'service user', plainer: 'the person’s name' },
  { term: 'package of care', plainer: 'the support they get' },
];

test('points out acronyms in capitals and phrases in any case, as whole words', () => {
  const found = findJargon(
    { narrative: 'Spoke to the Service User. NFA.', next: 'OT to visit about the package of care' },
    terms,
  );
  assert.deepEqual(
    found.map((f) => [f.term, f.field]),
    [
      ['NFA', 'narrative'],
      ['OT', 'next'],
      ['service user', 'narrative'],
      ['package of care', 'next'],
    ],
  );
});

test('does not flag ordinary words that contain the letters', () => {
  assert.deepEqual(
    findJargon({ narrative: 'We talked about her garden; not today, another time. Otto came.' }, terms),
    [],
  );
  assert.deepEqual(findJargon({ narrative: 'nfa in lower case is not the acronym' }, terms), []);
});
