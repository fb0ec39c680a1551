// Finding a person and registering someone new: the duplicate check, search with typos, and
// who has looked at a record. The people are registered here, with names made for this run,
// so the journeys do not depend on the demo people.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, openTab, useBrowser, useServer, type Tab } from './harness.js';
import {
  FindPersonPage,
  PersonPage,
  RegisterPersonPage,
  personIdFrom,
  registerThroughSearch,
  runTag,
  testNhsNumber,
  type PersonDetails,
} from './pages/people.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const server = useServer();
const chromium = useBrowser();
const tag = runTag();

async function signedIn(email = 'practitioner@northbridge.example'): Promise<Tab> {
  const tab = await openTab(chromium.browser, server);
  const signIn = new SignInPage(tab.page);
  await signIn.goto();
  await checkAccessibility(tab.page);
  await signIn.signIn(email);
  await checkAccessibility(tab.page);
  return tab;
}

describe('registering a person', () => {
  it('registers someone new, then a different man of the same name and date of birth at the same postcode after "Is this the same person?"', async () => {
    const tab = await signedIn();
    const { page } = tab;
    try {
      const find = new FindPersonPage(page);
      const register = new RegisterPersonPage(page);
      const person = new PersonPage(page);

      const first: PersonDetails = {
        givenName: 'Kwame',
        familyName: `Asante-${tag}`,
        pronouns: 'he/him',
        dateOfBirth: [14, 2, 1958],
        address: 'Flat 3, Alder Court, Wensley Road, Northbridge',
        postcode: 'nb3 4xy',
        phone: '01632 960 123',
        communicationNeeds: ['Large print'],
        communicationNotes: 'Reads best in 16-point type. Knock loudly: he does not always hear the bell.',
      };
      const firstId = await registerThroughSearch(page, first, checkAccessibility);
      assert.match(await person.successBanner().innerText(), /Person registered\./);
      assert.equal((await person.heading().innerText()).trim(), `Kwame Asante-${tag} (he/him)`);
      assert.match(
        await person.details().innerText(),
        /Born 14 February 1958 \(age \d+\)\. Postcode NB3 4XY\./,
        'the postcode is normalised',
      );
      const banner = person.needsBanner();
      assert.ok(await banner.isVisible(), 'the communication needs are flagged at the top of the page');
      assert.equal(await banner.getByRole('heading').innerText(), 'How to communicate with Kwame');
      assert.deepEqual(await banner.locator('li').allInnerTexts(), ['Large print', first.communicationNotes]);
      await checkAccessibility(page);

      // A second man: same first and last name, same date of birth, a flat in the same block.
      // Hearth cannot tell them apart from these, so it asks before saving anything.
      const second: PersonDetails = {
        givenName: 'Kwame',
        familyName: `Asante-${tag}`,
        dateOfBirth: [14, 2, 1958],
        nhsNumber: testNhsNumber(),
        address: 'Flat 12, Alder Court, Wensley Road, Northbridge',
        postcode: 'NB3 4XY',
        communicationNeeds: ['British Sign Language interpreter', 'Prefers text messages'],
        communicationNotes: 'Deaf since birth. Text first to arrange a visit.',
      };
      await find.goto();
      await checkAccessibility(page);
      await find.search(`Kwame Asante-${tag} 14/2/1958`);
      assert.equal((await find.resultIds())[0], firstId, 'the search finds the first Kwame first');
      assert.equal(
        await find
          .results()
          .filter({ hasText: `Asante-${tag}` })
          .count(),
        1,
        'and no other Kwame Asante',
      );
      await checkAccessibility(page);
      await Promise.all([page.waitForURL('**/people/new'), find.registerLink().click()]);
      await checkAccessibility(page);
      await register.fill(second);
      await register.submit();
      await register.duplicatesHeading().waitFor();
      assert.match(await page.title(), /^Is this the same person\?/);
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(`similar name and the same date of birth or postcode as Kwame Asante-${tag}`),
      );
      assert.equal(await register.duplicates().count(), 1, 'the first Kwame is listed');
      const listed = register.duplicates().first();
      assert.equal(await listed.getByRole('link').getAttribute('href'), `/people/${firstId}`);
      assert.match(await listed.innerText(), /Born 14 February 1958 \(age \d+\) · Flat 3 · NB3 4XY/);
      await checkAccessibility(page);

      // He is not the first Kwame: register him anyway. What was typed is carried through.
      const secondId = await register.confirmNewPerson();
      assert.notEqual(secondId, firstId, 'a second record');
      assert.match(await person.successBanner().innerText(), /Person registered\./);
      assert.match(
        await person.details().innerText(),
        new RegExp(`NHS number ${second.nhsNumber}\\. Postcode NB3 4XY\\.`),
      );
      assert.equal(await person.needsBanner().getByRole('heading').innerText(), 'How to communicate with Kwame');
      assert.deepEqual(await person.needsBanner().locator('li').allInnerTexts(), [
        'British Sign Language interpreter',
        'Prefers text messages',
        second.communicationNotes,
      ]);
      assert.match(
        await person.column('Named worker').innerText(),
        /Flat 12, Alder Court, Wensley Road, Northbridge, NB3 4XY/,
      );
      await checkAccessibility(page);

      // Both are now found, told apart by the NHS number, and the first is unchanged.
      await find.goto();
      await checkAccessibility(page);
      await find.search(`Kwame Asante-${tag}`);
      assert.deepEqual(
        (await find.resultIds()).slice(0, 2).sort(),
        [firstId, secondId].sort(),
        'both Kwames come first',
      );
      assert.match(await find.result(secondId).innerText(), new RegExp(`NHS ${second.nhsNumber}`));
      await checkAccessibility(page);
      await Promise.all([page.waitForURL(`**/people/${firstId}`), find.result(firstId).getByRole('link').click()]);
      assert.equal(personIdFrom(page), firstId);
      assert.deepEqual(await person.needsBanner().locator('li').allInnerTexts(), [
        'Large print',
        first.communicationNotes,
      ]);
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});

describe('finding a person', () => {
  it('finds them despite typos, by date of birth, and by the name they like to be called', async () => {
    const tab = await signedIn();
    const { page } = tab;
    try {
      const find = new FindPersonPage(page);
      const person = new PersonPage(page);
      const familyName = `Okonkwo-${tag}`;
      const id = await registerThroughSearch(
        page,
        {
          givenName: 'Margaret',
          familyName,
          preferredName: 'Peggy',
          dateOfBirth: [12, 3, 1944],
          postcode: 'NB7 2LP',
          communicationNeeds: ['Easy read'],
        },
        checkAccessibility,
      );
      await checkAccessibility(page);

      // Typos in both names.
      await find.goto();
      await checkAccessibility(page);
      await find.search(`Margret Okonkow-${tag}`);
      assert.equal((await find.resultIds())[0], id, 'the closest match comes first');
      const found = find.result(id);
      assert.match(
        await found.innerText(),
        new RegExp(
          `^Peggy ${familyName} \\(legal name Margaret ${familyName}\\)\\s+Born 12 March 1944 \\(age \\d+\\) · NB7 2LP`,
        ),
      );
      await checkAccessibility(page);

      // Open their page from the results.
      await Promise.all([
        page.waitForURL(`**/people/${id}`),
        found.getByRole('link', { name: `Peggy ${familyName}` }).click(),
      ]);
      assert.equal((await person.heading().innerText()).trim(), `Peggy ${familyName}`);
      assert.match(
        await person.details().innerText(),
        new RegExp(`^Legal name Margaret ${familyName}\\. Born 12 March 1944`),
      );
      assert.deepEqual(await person.needsBanner().locator('li').allInnerTexts(), ['Easy read']);
      await checkAccessibility(page);

      // By date of birth alone, as usually written in the UK.
      await find.goto();
      await checkAccessibility(page);
      await find.search('12/03/1944');
      assert.ok((await find.resultIds()).includes(id), 'found by date of birth');
      for (const text of await find.results().allInnerTexts()) {
        if (!text.startsWith('Restricted record'))
          assert.match(text, /Born 12 March 1944/, 'everyone found was born that day');
      }
      await checkAccessibility(page);

      // By the name she likes to be called, and with first and last name swapped.
      for (const q of [
        `Peggy ${familyName}`,
        `${familyName} Margaret`,
        `peggy okonkwo-${tag.toLowerCase()} 12 March 1944`,
      ]) {
        await find.goto();
        await checkAccessibility(page);
        await find.search(q);
        assert.equal((await find.resultIds())[0], id, `"${q}" finds her first`);
        await checkAccessibility(page);
      }
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});

describe('who has looked at a record', () => {
  it('lists your own views and changes, and another worker’s view', async () => {
    const tab = await signedIn();
    const { page } = tab;
    try {
      const person = new PersonPage(page);
      const id = await registerThroughSearch(
        page,
        { givenName: 'Olwen', familyName: `Pryce-${tag}`, dateOfBirth: [2, 9, 1937] },
        checkAccessibility,
      );
      await checkAccessibility(page);

      // A colleague in the same team opens the record too.
      const colleague = await signedIn('aisha.begum@northbridge.example');
      try {
        await new PersonPage(colleague.page).goto(id);
        await checkAccessibility(colleague.page);
        assert.deepEqual(colleague.errors, []);
      } finally {
        await colleague.close();
      }

      await person.goto(id);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(`**/people/${id}/viewers`),
        page.getByRole('link', { name: 'Who has looked at this record' }).click(),
      ]);
      assert.match(
        await page.locator('.hearth-person-header .govuk-caption-m').innerText(),
        /Who has looked at this record/,
      );
      const rows = await person.viewerRows();
      const what = rows.map(([, who, action]) => `${who}: ${action}`);
      // Newest first: Tom opening the page again, Aisha's look, Tom's look after registering, the registration.
      assert.deepEqual(what.slice(0, 4), [
        'Tom Davies: Looked at the record',
        'Aisha Begum: Looked at the record',
        'Tom Davies: Looked at the record',
        'Tom Davies: Created the record',
      ]);
      assert.equal(rows.length, 4, 'nothing else');
      for (const [when] of rows) assert.match(when, /\d{1,2} \w+ \d{4}/);
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
