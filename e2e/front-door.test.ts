// The seeds' First Local case study: a woman comes to the drop-in at her GP surgery, upset by a
// letter from her housing association about her bathroom floor. She is not known. The front-door
// worker registers her, records the conversation, arranges a home visit and contacts the housing
// association; the contact passes, with its story, to her locality team, where a worker takes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { checkAccessibility, openTab, useBrowser, useServer } from './harness.js';
import { ContactFormPage } from './pages/contacts.page.js';
import { runTag } from './pages/people.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const server = useServer();
const chromium = useBrowser();

/** Counts the pages the worker goes through (each full page load), as a busy worker would feel them. */
function countPages(page: Page) {
  const visited: string[] = [];
  page.on('load', () => visited.push(new URL(page.url()).pathname));
  return visited;
}

/** From "Take a contact" to her contact form: searched for, not known, registered. */
async function registerAtTheDropIn(page: Page, givenName: string, familyName: string, born = ['4', '7', '1951']) {
  await Promise.all([
    page.waitForURL('**/contacts/new'),
    page.getByRole('link', { name: 'Take a contact', exact: true }).first().click(),
  ]);
  await checkAccessibility(page);
  await page.getByLabel('Name, date of birth, NHS number or postcode').fill(`${givenName} ${familyName}`);
  await Promise.all([page.waitForURL('**/contacts/find'), page.getByRole('button', { name: 'Search' }).click()]);
  assert.match(await page.getByRole('heading', { level: 2, name: /found/ }).innerText(), /^0 people found/);
  await checkAccessibility(page);

  // Not known: register her, then straight on to the contact.
  await Promise.all([
    page.waitForURL('**/people/new?then=contact'),
    page.getByRole('link', { name: 'Register them' }).click(),
  ]);
  await page.getByLabel('First name').fill(givenName);
  await page.getByLabel('Last name').fill(familyName);
  await page.getByLabel('Day').first().fill(born[0]);
  await page.getByLabel('Month').first().fill(born[1]);
  await page.getByLabel('Year').first().fill(born[2]);
  await page.getByLabel('Postcode (optional)').fill('nb3 9zq');
  await checkAccessibility(page);
  await Promise.all([
    page.waitForURL(/\/people\/[0-9a-f-]{36}\/contacts\/new$/),
    page.getByRole('button', { name: 'Continue' }).click(),
  ]);
  await checkAccessibility(page);
}

/** Her story at the drop-in, as the worker types it. */
async function tellHerStory(page: Page) {
  await page.getByLabel('Drop-in (First Local)').check();
  await page
    .getByLabel('Why did they get in touch?')
    .fill('A letter from her housing association about her bathroom floor has upset her.');
  await page.getByLabel('What matters to them now (optional)').fill('“I just want to have a proper wash again.”');
  await page
    .getByLabel('The conversation you had (optional)')
    .fill(
      'Brenda came to the First Local drop-in at her GP surgery, upset by the letter.\n\nShe cannot use the bath, so she washes with a jug. Her daughter helps her.\n\n- I rang the housing association while she was here\n- A home visit is arranged for this afternoon',
    );
  await page.getByLabel('No', { exact: true }).check();
}

const visibleNow = async (questions: Locator[]) => Promise.all(questions.map((q) => q.isVisible()));

/** The first page's own fields, before any outcome's questions. */
const firstPageFields = [
  'channel',
  'contactName',
  'contactRelationship',
  'contactReach',
  'reason',
  'whatMattersNow',
  'narrative',
  'urgency',
  'outcome',
  'whatHappensNext',
];

describe('the front door', () => {
  it('First Local: an unknown woman at the drop-in is registered, her story recorded, and passed to her locality team, who take it', async () => {
    const familyName = `Wilkinson${runTag().toLowerCase()}`;
    const frontDoor = await openTab(chromium.browser, server);
    let contactUrl = '';
    let pagesTaken: number | undefined;
    try {
      const page = frontDoor.page;
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn('frontdoor@northbridge.example');
      const visited = countPages(page);

      await registerAtTheDropIn(page, 'Brenda', familyName);

      // The contact and the conversation at the drop-in.
      await tellHerStory(page);
      const form = new ContactFormPage(page);
      assert.deepEqual(await form.visibleFields(), firstPageFields, 'no outcome chosen: none of their questions');
      // Each outcome shows only its own questions, revealed under it.
      await form.choose('resolved');
      assert.deepEqual(await visibleNow(form.resolvedQuestions()), [true, true, true]);
      assert.deepEqual(await visibleNow(form.passedQuestions()), [false, false]);
      await checkAccessibility(page);
      await form.choose('stayed');
      assert.deepEqual(await visibleNow([...form.resolvedQuestions(), ...form.passedQuestions()]), [
        false,
        false,
        false,
        false,
        false,
      ]);
      await form.choose('passed');
      assert.deepEqual(await visibleNow(form.passedQuestions()), [true, true]);
      assert.deepEqual(await visibleNow(form.resolvedQuestions()), [false, false, false]);
      assert.deepEqual(await visibleNow(form.anotherTeamQuestions()), [false, false]);
      await page.getByLabel('Another team', { exact: true }).check();
      assert.deepEqual(await visibleNow(form.anotherTeamQuestions()), [true, true]);
      await checkAccessibility(page);
      await page.getByLabel('As above', { exact: true }).check();
      assert.deepEqual(await visibleNow(form.anotherTeamQuestions()), [false, false]);
      // Passing it on as suggested: one question more than the first page's own (before, all 16 were shown at once).
      assert.deepEqual(await form.visibleFields(), [...firstPageFields.slice(0, -1), 'teamChoice', 'whatHappensNext']);
      assert.equal(await page.locator('input[type="radio"][aria-expanded]').count(), 0, 'no aria-expanded on a radio');
      assert.match(await form.route().innerText(), /North East locality team/);
      await form
        .whatHappensNext()
        .fill(
          'Someone from the North East team will visit you at home this afternoon. I have told your housing association about the floor.',
        );
      await checkAccessibility(page);
      await form.save();
      assert.match(await page.locator('main').innerText(), /Passed to North East locality team/);
      assert.match(await page.locator('main').innerText(), /No, this was their first contact/);
      await checkAccessibility(page);
      contactUrl = new URL(page.url()).pathname;
      pagesTaken = visited.length;
      // Take a contact, the search, registering, the contact form, the saved contact: five pages.
      assert.deepEqual(
        visited.map((p) => p.replace(/[0-9a-f-]{36}/, ':id')),
        ['/contacts/new', '/contacts/find', '/people/new', '/people/:id/contacts/new', '/contacts/:id'],
      );
      assert.deepEqual(frontDoor.errors, []);
    } finally {
      await frontDoor.close();
    }
    assert.equal(pagesTaken, 5);

    // In the North East team, Tom sees her waiting, reads her story without asking again, and takes it.
    const team = await openTab(chromium.browser, server);
    try {
      const page = team.page;
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn('practitioner@northbridge.example');
      await Promise.all([
        page.waitForURL(/\/teams\/[0-9a-f-]{36}$/),
        page.getByRole('link', { name: 'Your team’s work' }).click(),
      ]);
      const waiting = page.locator('ol.hearth-results > li').filter({ hasText: `Brenda ${familyName}` });
      assert.match(await waiting.innerText(), /Waiting .*Drop-in \(First Local\)/s);
      await checkAccessibility(page);
      await Promise.all([page.waitForURL((u) => u.pathname === contactUrl), waiting.getByRole('link').first().click()]);
      await Promise.all([
        page.waitForURL(/\/conversations\//),
        page.getByRole('link', { name: 'Read the conversation' }).click(),
      ]);
      assert.match(await page.locator('main').innerText(), /washes with a jug/);
      await checkAccessibility(page);
      await page.goBack();
      await Promise.all([
        page.waitForURL(/\?done=taken$/),
        page.getByRole('button', { name: 'Take this contact' }).click(),
      ]);
      assert.match(await page.locator('main').innerText(), /Taken by Tom Davies/);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(/\/people\/[0-9a-f-]{36}$/),
        page.getByRole('link', { name: /^Back to Brenda/ }).click(),
      ]);
      assert.match(await page.locator('main').innerText(), /Named worker\s+Tom Davies/);
      // Front door to locality team was a change of worker: counted once, not again when Tom took it.
      assert.match(await page.locator('main').innerText(), /1 hand-off so far/);
      assert.deepEqual(team.errors, []);
    } finally {
      await team.close();
    }

    // Grace, North East's manager, sees it among the team's hand-offs: to the team, before Tom took her on.
    const manager = await openTab(chromium.browser, server);
    try {
      const page = manager.page;
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn('manager@northbridge.example');
      await Promise.all([
        page.waitForURL('**/hand-offs'),
        page.getByRole('link', { name: 'Hand-offs', exact: true }).first().click(),
      ]);
      const row = page
        .getByRole('table', { name: 'Hand-offs, newest first' })
        .getByRole('row')
        .filter({ hasText: `Brenda ${familyName}` });
      assert.match(await row.innerText(), /Priya Shah to North East locality team \(the team\)/);
      await checkAccessibility(page);
      assert.deepEqual(manager.errors, []);
    } finally {
      await manager.close();
    }
  });

  it('First Local without JavaScript: what will happen first, then only where it goes, on a short second page', async () => {
    // Not Brenda above: someone else, so not offered as the same person.
    const familyName = `Pritchard${runTag().toLowerCase()}`;
    const tab = await openTab(chromium.browser, server, { javaScriptEnabled: false });
    try {
      const page = tab.page;
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn('frontdoor@northbridge.example');
      const visited = countPages(page);
      await registerAtTheDropIn(page, 'Bronwen', familyName, ['22', '11', '1948']);
      assert.equal(
        await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')),
        false,
        'the page scripts did not run',
      );

      // The first page: the contact, the conversation and what will happen, without any outcome's questions.
      await tellHerStory(page);
      const form = new ContactFormPage(page);
      await form.choose('passed');
      await form
        .whatHappensNext()
        .fill(
          'Someone from the North East team will visit you at home this afternoon. I have told your housing association about the floor.',
        );
      assert.deepEqual(await form.visibleFields(), firstPageFields);
      assert.deepEqual(await visibleNow([...form.resolvedQuestions(), ...form.passedQuestions()]), [
        false,
        false,
        false,
        false,
        false,
      ]);
      assert.equal(
        await page.getByRole('button', { name: 'Save contact' }).count(),
        0,
        'it continues to the second page',
      );
      await checkAccessibility(page);
      await form.continue();

      // The second page: only where it goes, with the first page's answers to check.
      assert.deepEqual(
        await form.visibleFields(),
        ['teamChoice', 'teamId', 'routingReason'],
        'another team’s questions show under it, as GOV.UK’s reveals do without JavaScript',
      );
      assert.match(await form.route().innerText(), /North East locality team/);
      assert.deepEqual(await Promise.all(form.resolvedQuestions().map((q) => q.count())), [0, 0, 0]);
      const main = await page.locator('main').innerText();
      assert.match(main, /Pass it on with its story/);
      assert.match(main, /Why they got in touch\s+A letter from her housing association/);
      assert.match(main, /What happens next\s+Someone from the North East team/);
      await checkAccessibility(page);
      await form.save();
      // Take a contact, the search, registering, the contact form, where it goes, the saved contact: six pages.
      assert.deepEqual(
        visited.map((p) => p.replace(/[0-9a-f-]{36}/, ':id')),
        [
          '/contacts/new',
          '/contacts/find',
          '/people/new',
          '/people/:id/contacts/new',
          '/people/:id/contacts',
          '/contacts/:id',
        ],
      );
      assert.match(await page.locator('main').innerText(), /Passed to North East locality team/);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(/\/conversations\//),
        page.getByRole('link', { name: 'Read the conversation' }).click(),
      ]);
      assert.match(
        await page.locator('main').innerText(),
        /washes with a jug/,
        'her story, typed on the first page, is on her record',
      );
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });

  it('“I will stay with them”: the front-door worker becomes the named worker and keeps the work, and nothing waits in a team', async () => {
    const familyName = `Morgan${runTag().toLowerCase()}`;
    const tab = await openTab(chromium.browser, server);
    try {
      const page = tab.page;
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn('frontdoor@northbridge.example');
      await Promise.all([
        page.waitForURL('**/contacts/new'),
        page.getByRole('link', { name: 'Take a contact', exact: true }).first().click(),
      ]);
      await page.getByLabel('Name, date of birth, NHS number or postcode').fill(`Gwen ${familyName}`);
      await Promise.all([page.waitForURL('**/contacts/find'), page.getByRole('button', { name: 'Search' }).click()]);
      await Promise.all([
        page.waitForURL('**/people/new?then=contact'),
        page.getByRole('link', { name: 'Register them' }).click(),
      ]);
      await page.getByLabel('First name').fill('Gwen');
      await page.getByLabel('Last name').fill(familyName);
      await page.getByLabel('Day').first().fill('19');
      await page.getByLabel('Month').first().fill('3');
      await page.getByLabel('Year').first().fill('1944');
      await page.getByLabel('Postcode (optional)').fill('nb3 9zq');
      await Promise.all([
        page.waitForURL(/\/people\/[0-9a-f-]{36}\/contacts\/new$/),
        page.getByRole('button', { name: 'Continue' }).click(),
      ]);

      await page.getByLabel('Phone', { exact: true }).check();
      await page
        .getByLabel('Why did they get in touch?')
        .fill('Gwen rang: since her husband died she has stopped going to the chapel choir and feels alone.');
      await page.getByLabel('No', { exact: true }).check();
      const form = new ContactFormPage(page);
      await form.choose('stayed');
      await form
        .whatHappensNext()
        .fill('I will ring you on Thursday morning and we will talk about the choir and who could go with you.');
      await checkAccessibility(page);
      await form.save();
      assert.match(await page.locator('main').innerText(), /Priya Shah stayed with Gwen as their named worker/);
      assert.equal(await page.getByRole('button', { name: 'Take this contact' }).count(), 0, 'nobody else takes it');
      await checkAccessibility(page);

      await Promise.all([
        page.waitForURL(/\/people\/[0-9a-f-]{36}$/),
        page.getByRole('link', { name: /^Back to Gwen/ }).click(),
      ]);
      const main = await page.locator('main').innerText();
      assert.match(main, /Named worker\s+Priya Shah/);
      assert.match(main, /0 hand-offs so far/);
      assert.match(main, /Priya Shah stayed with them as their named worker/);
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });

  it('shows the front door’s figures and every team’s queue as tables with charts', async () => {
    const tab = await openTab(chromium.browser, server);
    try {
      const page = tab.page;
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn('frontdoor@northbridge.example');
      await Promise.all([
        page.waitForURL('**/front-door'),
        page.getByRole('link', { name: 'Front door', exact: true }).click(),
      ]);
      assert.ok(await page.getByRole('table', { name: 'Contacts by how they got in touch' }).isVisible());
      assert.match(
        await page.getByRole('table', { name: 'Contacts by how they got in touch' }).innerText(),
        /Drop-in \(First Local\)/,
      );
      assert.ok(await page.getByRole('table', { name: /Time from contact to first conversation/ }).isVisible());
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL('**/teams'),
        page.getByRole('link', { name: 'Teams’ work', exact: true }).click(),
      ]);
      assert.match(await page.getByRole('table', { name: 'Waiting now' }).innerText(), /North East locality team/);
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
