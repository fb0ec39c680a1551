// No wrong door, and connections that are followed up: a housing officer raises a concern about
// a man in his team (it goes straight to his named worker) and one about a woman the
// council may not know (it waits for the front door, who take it as a contact, resolve it by
// connecting her to a neighbour's offer that is not in the directory, and suggest it for the
// directory, whose editor sets it aside). Every page is checked with axe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, useBrowser, useServer, type Tab } from './harness.js';
import { ContactFormPage } from './pages/contacts.page.js';
import { runTag } from './pages/people.page.js';
import { signedInTab } from './pages/sign-in.page.js';

const server = useServer();
const chromium = useBrowser();
const tag = runTag();

const signedIn = (email: string) => signedInTab(chromium.browser, server, email);

const main = (tab: Tab) => tab.page.locator('main').innerText();

describe('partners and the front door', () => {
  it('a housing officer raises two concerns; the care manager and the front door take them; the front door connects her to a neighbour’s offer and suggests it for the directory', async () => {
    const woman = `Edna Marsh${tag.toLowerCase()}`;
    const housing = await signedIn('housing@northbridge.example');
    try {
      const { page } = housing;
      await checkAccessibility(page);
      // About Arthur, whose team he is in: straight to Arthur's named worker.
      await Promise.all([
        page.waitForURL('**/concerns/new'),
        page.getByRole('link', { name: 'Raise a concern' }).first().click(),
      ]);
      await checkAccessibility(page);
      await page.getByLabel('Arthur Pemberton').check();
      await page
        .getByLabel('What is your concern?')
        .fill(`The gas engineer could not get in again today; Arthur says he is cold at night. ${tag}`);
      await page.getByRole('group', { name: 'Is it urgent?' }).getByLabel('No', { exact: true }).check();
      await page.getByLabel('Yes, they know I am telling you').check();
      await Promise.all([
        page.waitForURL(/\/concerns\/[0-9a-f-]{36}\?done=raised$/),
        page.getByRole('button', { name: 'Send concern' }).click(),
      ]);
      assert.match(await main(housing), /Concern sent\.[\s\S]*Passed to Tom Davies/);
      await checkAccessibility(page);

      // About someone else: nothing missing is let through, then it waits for the front door.
      await page.goto('/concerns/new');
      await page.getByLabel('Someone else').check();
      await page.getByRole('button', { name: 'Send concern' }).click();
      assert.match(
        await page.locator('.govuk-error-summary').innerText(),
        /Give their name[\s\S]*Say what your concern is[\s\S]*Say whether they know/,
      );
      await checkAccessibility(page);
      await page.getByLabel('Their name').fill(woman);
      await page.getByLabel('Their address or postcode (optional)').fill('3 Wharf Street, NB3 9ZQ');
      await page
        .getByLabel('What is your concern?')
        .fill('Her neighbour says she has stopped going out since her husband died, and her garden has gone wild.');
      await page.getByRole('group', { name: 'Is it urgent?' }).getByLabel('No', { exact: true }).check();
      await page
        .getByRole('group', { name: 'Do they know you are telling us?' })
        .getByLabel('No', { exact: true })
        .check();
      await Promise.all([
        page.waitForURL(/\/concerns\/[0-9a-f-]{36}\?done=raised$/),
        page.getByRole('button', { name: 'Send concern' }).click(),
      ]);
      assert.match(await main(housing), /Waiting for the council’s front door/);
      assert.deepEqual(housing.errors, []);
    } finally {
      await housing.close();
    }

    // Tom, Arthur's named worker, has it as a contact from Jamal.
    const care = await signedIn('practitioner@northbridge.example');
    try {
      const { page } = care;
      await Promise.all([
        page.waitForURL(/\/contacts\/[0-9a-f-]{36}/),
        page
          .getByRole('link', { name: /new contact about Arthur Pemberton/ })
          .first()
          .click(),
      ]);
      assert.match(await main(care), new RegExp(`Jamal Hussain[\\s\\S]*cold at night\\. ${tag}`));
      await checkAccessibility(page);
      assert.deepEqual(care.errors, []);
    } finally {
      await care.close();
    }

    // The front door: finds no record of her, registers her, and takes it as a contact.
    const frontDoor = await signedIn('frontdoor@northbridge.example');
    try {
      const { page } = frontDoor;
      await Promise.all([
        page.waitForURL('**/concerns'),
        page.getByRole('link', { name: 'Concerns from partners' }).first().click(),
      ]);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(/\/concerns\/[0-9a-f-]{36}$/),
        page.getByRole('link', { name: woman }).click(),
      ]);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(/\/contacts\/new\?concern=/),
        page.getByRole('link', { name: 'Take it as a contact' }).click(),
      ]);
      assert.match(await page.getByRole('heading', { level: 2, name: /found/ }).innerText(), /^0 people found/);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(/\/people\/new\?then=contact&concern=/),
        page.getByRole('link', { name: 'Register them' }).click(),
      ]);
      await page.getByLabel('First name').fill('Edna');
      await page.getByLabel('Last name').fill(woman.slice('Edna '.length));
      await page.getByLabel('Postcode (optional)').fill('NB3 9ZQ');
      await Promise.all([
        page.waitForURL(/\/people\/[0-9a-f-]{36}\/contacts\/new\?concern=/),
        page.getByRole('button', { name: 'Continue' }).click(),
      ]);
      // The form starts from what Jamal told us.
      assert.equal(
        await page.getByLabel('Why did they get in touch?').inputValue(),
        'Her neighbour says she has stopped going out since her husband died, and her garden has gone wild.',
      );
      assert.equal(await page.getByLabel('Another professional').isChecked(), true);
      await checkAccessibility(page);
      const form = new ContactFormPage(page);
      await form.choose('resolved');
      await page.getByLabel('Connected to someone who can help').check();
      await form
        .whatHappensNext()
        .fill('Mrs Okoro next door will show you her allotment on Saturday. I will ring you the week after.');
      await Promise.all([
        page.waitForURL(/\/contacts\/[0-9a-f-]{36}\/connect\?done=saved$/),
        page.getByRole('button', { name: 'Save contact' }).click(),
      ]);
      assert.match(await main(frontDoor), /Contact saved\. Now say who you connected them to/);
      await checkAccessibility(page);

      // Not in the directory: a neighbour's offer, with the same follow-up, suggested for it.
      await Promise.all([
        page.waitForURL(/\/connect\/informal$/),
        page.getByRole('link', { name: 'connect them to something not in the directory' }).click(),
      ]);
      await checkAccessibility(page);
      await page.getByLabel('What or who is it?').fill(`Mrs Okoro’s allotment ${tag}`);
      await page
        .getByLabel('What it is and how to reach it (optional)')
        .fill('Next door at number 5; she grows vegetables and would welcome company.');
      await page.getByLabel('Suggest it for the directory').check();
      await page
        .getByLabel('Why this?')
        .fill('Edna loved her garden; she says she misses having something to look after.');
      await page.getByLabel('What Edna will do').fill('Go round on Saturday morning.');
      await Promise.all([
        page.waitForURL(/\/connections\/[0-9a-f-]{36}\?done=saved$/),
        page.getByRole('button', { name: 'Save connection' }).click(),
      ]);
      assert.match(
        await main(frontDoor),
        new RegExp(`Mrs Okoro’s allotment ${tag}, not in the directory \\(suggested for it\\)`),
      );
      assert.match(await main(frontDoor), /Follow-up not due yet/);
      await checkAccessibility(page);
      assert.deepEqual(frontDoor.errors, []);
    } finally {
      await frontDoor.close();
    }

    // The directory's editor sees what it is and who suggested it, not whom it was for.
    const admin = await signedIn('admin@northbridge.example');
    try {
      const { page } = admin;
      await page.goto('/directory');
      await Promise.all([
        page.waitForURL('**/directory/suggestions'),
        page.getByRole('link', { name: 'Suggested by workers' }).click(),
      ]);
      const row = page.getByRole('row').filter({ hasText: `Mrs Okoro’s allotment ${tag}` });
      assert.match(await row.innerText(), /Priya Shah/);
      assert.doesNotMatch(await main(admin), /Edna/);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL('**/directory/suggestions?done=set-aside'),
        row.getByRole('button', { name: /Set aside/ }).click(),
      ]);
      assert.doesNotMatch(await main(admin), new RegExp(`Mrs Okoro’s allotment ${tag}`));
      await checkAccessibility(page);
      assert.deepEqual(admin.errors, []);
    } finally {
      await admin.close();
    }
  });
});
