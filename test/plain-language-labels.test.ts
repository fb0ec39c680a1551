// The plain-language check: Hearth's own words pass it (every template's text, and the labels,
// hints, titles and messages in the features' forms and routes, against the starting list the
// migrations install), and it points out jargon in contacts and team meetings as in conversations.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { jargonTerms } from '../src/db/schema/index.js';
import { findJargon, type JargonTerm } from '../src/features/conversations/plain-language.js';
import { newContact } from './contact-factories.js';
import { openTestDatabase } from './database.js';
import { signedIn, useTestApp } from './helpers.js';
import { newPerson, shows } from './people-factories.js';
import { tapScene } from './tap-factories.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, test) : test(name) ? [p] : [];
  });
}

/** What a template shows: the text between tags, and the sentences in its macro calls ("text: ..."). */
function templateText(source: string): string[] {
  const withoutComments = source.replace(/\{#[\s\S]*?#\}/g, ' ');
  const literals: string[] = [];
  for (const block of withoutComments.match(/\{[{%][\s\S]*?[%}]\}/g) ?? []) {
    for (const m of block.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)) literals.push(m[1] ?? m[2]);
  }
  const between = withoutComments
    .replace(/\{[{%][\s\S]*?[%}]\}/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;/g, ' ');
  // Words a person reads: a sentence, or a label starting with a capital; not class names or values compared in code.
  return [between, ...literals.filter((l) => /\s/.test(l.trim()) || /^[A-Z]/.test(l))];
}

/** The sentences in TypeScript that reach the screen: labels, hints, titles and messages. */
function codeText(source: string): string[] {
  return [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`([^`$]*)`/g)]
    .map((m) => m[1] ?? m[2])
    .filter((s) => /^[A-Z][a-z]/.test(s) && /\s/.test(s));
}

let terms: JargonTerm[];
let close: () => Promise<void>;
before(async () => {
  const { database, drop } = await openTestDatabase();
  close = drop;
  terms = await database.db.select({ term: jargonTerms.term, plainer: jargonTerms.plainer }).from(jargonTerms);
});
after(() => close());

test('the starting list holds at least 80 terms, the deficit words among them', () => {
  assert.ok(terms.length >= 80, `${terms.length} terms`);
  const said =
    'She is suffering from arthritis, vulnerable, refused meds, lacks insight, non-compliant, a frequent flyer at A&E; toileting; package of care; placement; service user; challenging behaviour; reviewed.';
  const found = findJargon({ said }, terms).map((f) => f.term.toLowerCase());
  for (const t of [
    'suffering from',
    'vulnerable',
    'refused',
    'lacks insight',
    'non-compliant',
    'frequent flyer',
    'toileting',
    'a&e',
    'meds',
    'package of care',
    'placement',
    'service user',
    'challenging behaviour',
    'reviewed',
  ]) {
    assert.ok(found.includes(t), `"${t}" is pointed out`);
  }
});

test('the check finds jargon in a template’s text and in its macro calls', () => {
  const found = findJargon(
    {
      t: templateText(
        '<p>The elderly</p>{{ govukButton({ text: "She refused", classes: "govuk-button--refused" }) }}',
      ).join('\n'),
    },
    terms,
  );
  assert.deepEqual(found.map((f) => f.term).sort(), ['refused', 'the elderly', 'elderly'].sort());
});

test('no template uses words Hearth asks workers not to use', () => {
  const found = filesUnder(src, (n) => n.endsWith('.njk')).flatMap((file) =>
    findJargon(
      Object.fromEntries(
        templateText(readFileSync(file, 'utf8')).map((t, i) => [`${path.relative(src, file)} #${i}`, t]),
      ),
      terms,
    ).map((j) => `${j.field}: "${j.term}"`),
  );
  assert.deepEqual(found, []);
});

test('no label, hint, title or message in the features’ code uses them either', () => {
  const files = filesUnder(path.join(src, 'features'), (n) => /\.(forms|routes|service|labels)\.ts$/.test(n)).concat(
    filesUnder(path.join(src, 'platform'), (n) => n.endsWith('.ts')),
  );
  const found = files.flatMap((file) =>
    findJargon(
      Object.fromEntries(codeText(readFileSync(file, 'utf8')).map((t, i) => [`${path.relative(src, file)} #${i}`, t])),
      terms,
    ).map((j) => `${j.field}: "${j.term}" in "${codeText(readFileSync(file, 'utf8'))[Number(j.field.split('#')[1])]}"`),
  );
  assert.deepEqual(found, []);
});

describe('jargon in the record is pointed out wherever workers write', () => {
  const t = useTestApp();

  test('a contact’s page points out jargon in why they got in touch, what matters now and how it was resolved', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door' });
    const person = await newPerson(t.db, { createdBy: worker.id });
    const contact = await newContact(t.db, {
      personId: person.id,
      receivedById: worker.id,
      reason: 'Daughter rang: her mum is suffering from arthritis and refused meds.',
      whatMattersNow: 'Getting to the shops.',
    });
    const page = await agent.get(`/contacts/${contact.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Plain language: this record uses words/);
    for (const term of ['suffering from', 'refused', 'meds']) assert.ok(shows(page.body, `“${term}”`), term);
    const plain = await newContact(t.db, {
      personId: person.id,
      receivedById: worker.id,
      reason: 'Her daughter asked about a lunch club near home.',
    });
    assert.doesNotMatch((await agent.get(`/contacts/${plain.id}`)).body, /Plain language: this record uses words/);
  });

  test('a team meeting’s record points out jargon to the council staff who write it, not to partners', async () => {
    const scene = await tapScene(t.app, t.db, t.clock.now());
    const record = `/people/${scene.person.id}/team/meetings/${scene.meetingId}/record`;
    await scene.manager.get(record);
    const saved = await scene.manager.post(record, {
      personsWords: '“Leave my things be.”',
      agenciesBrought: 'Home care: the package of care is four visits.',
      decisions: 'Clear the hall first.',
      version: '1',
    });
    assert.equal(saved.statusCode, 303);
    const meeting = `/people/${scene.person.id}/team/meetings/${scene.meetingId}`;
    assert.ok(shows((await scene.manager.get(meeting)).body, '“package of care”'));
    assert.doesNotMatch((await scene.partner.agent.get(meeting)).body, /Plain language: this record uses words/);
  });
});
