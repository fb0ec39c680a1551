// What Hearth keeps in the browser (security test, issue 12 point 7): the page script keeps a
// copy of a draft in localStorage as a backstop. The copy goes only when Hearth confirms the
// save, and every Hearth key goes when the worker signs out or times out; the server's draft is
// the one that survives, so what was typed is sent to it first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkAccessibility, demoPassword, openTab, useBrowser, useServer } from './harness.js';
import { ConversationFormPage, ConversationPage, type ConversationDetails } from './pages/conversations.page.js';
import { Layout } from './pages/layout.page.js';
import { PersonPage, registerThroughSearch, runTag } from './pages/people.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const chromium = useBrowser();
const tag = runTag();
const practitioner = 'practitioner@northbridge.example';
const minutes = (m: number) => Math.round(m * 60_000);

const conversation: ConversationDetails = {
  kind: 'Listen and connect',
  narrative:
    'Ruth told me she has been lonely since her sister moved away. She used to sing in the chapel choir and would like to again.',
  whatHappensNext: 'I will ask the choir leader about a lift and ring Ruth on Friday.',
};

/** Every Hearth key in the browser's localStorage and sessionStorage. */
const hearthKeys = (page: Page) =>
  page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((s) => Object.keys(s).filter((k) => k.startsWith('hearth-'))),
  );
/** The browser's copy of a conversation draft, or null. */
const browserCopy = (page: Page, personId: string) =>
  page.evaluate((key) => localStorage.getItem(key), `hearth-draft:/people/${personId}/conversations/draft`);

/** Signs in, registers someone new and opens "Record a conversation" for them; returns their id. */
async function startConversation(page: Page, givenName: string, familyName: string): Promise<string> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(practitioner);
  const personId = await registerThroughSearch(
    page,
    { givenName, familyName: `${familyName}-${tag}`, dateOfBirth: [4, 2, 1941] },
    checkAccessibility,
  );
  await checkAccessibility(page);
  await Promise.all([page.waitForURL('**/conversations/new'), new PersonPage(page).recordConversation().click()]);
  await new ConversationFormPage(page).waitForForm();
  await checkAccessibility(page);
  return personId;
}

describe('the browser copy of a draft', () => {
  // Signed out after the default 30 idle minutes: nothing here waits for the time-out for real.
  const server = useServer();

  it('is kept when the server refuses the save, and goes when Hearth confirms it', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      const form = new ConversationFormPage(page);
      const personId = await startConversation(page, 'Ruth', 'Pryce');
      await form.fill({ ...conversation, whatHappensNext: '' });
      await form
        .autosaveStatus()
        .filter({ hasText: /^Draft saved at \d\d:\d\d\.$/ })
        .waitFor();
      assert.equal(
        JSON.parse((await browserCopy(page, personId)) ?? '{}').narrative,
        conversation.narrative,
        'a copy in the browser as it is typed',
      );

      // "What happens next" is missing: the form comes back with the error, and the copy stays.
      await Promise.all([page.waitForURL(`**/people/${personId}/conversations`), form.saveButton().click()]);
      await form.errorSummary().waitFor();
      assert.match(await form.errorSummary().innerText(), /Write what happens next/);
      assert.equal(await form.narrative().inputValue(), conversation.narrative, 'shown back as typed');
      assert.equal(
        JSON.parse((await browserCopy(page, personId)) ?? '{}').narrative,
        conversation.narrative,
        'the browser copy is kept',
      );
      assert.equal(await form.putBackButton().count(), 0, 'nothing to put back: the page shows what was typed');
      await checkAccessibility(page);

      // Saved: Hearth's page for the conversation tells the script to forget the copy.
      await form.whatHappensNext().fill(conversation.whatHappensNext);
      await form.save();
      assert.match(await new ConversationPage(page).successBanner().innerText(), /Conversation saved\./);
      assert.equal(await browserCopy(page, personId), null, 'the browser copy is gone once the save is confirmed');
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });

  it('is cleared, with every Hearth key, when the worker signs out; what was typed is on the server', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      const form = new ConversationFormPage(page);
      const personId = await startConversation(page, 'Gwen', 'Lloyd');
      await form.fill(conversation);
      await form
        .autosaveStatus()
        .filter({ hasText: /^Draft saved at \d\d:\d\d\.$/ })
        .waitFor();
      await page.evaluate(() => sessionStorage.setItem('hearth-example', 'any Hearth key, in either storage'));
      assert.ok((await hearthKeys(page)).includes(`hearth-draft:/people/${personId}/conversations/draft`));

      // A last sentence, and straight away "Sign out", before the autosave would send it.
      const last = ' She asked me to come with her the first time.';
      await form.narrative().press('Control+End');
      await form.narrative().pressSequentially(last);
      await new Layout(page).signOut();
      assert.deepEqual(await hearthKeys(page), [], 'no Hearth key left in the browser');
      await checkAccessibility(page);

      // Signing in again: the server's draft has everything, the last sentence too.
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(practitioner);
      await page.goto(`/people/${personId}/conversations/new`);
      await form.draftNotice().waitFor();
      assert.equal(await form.narrative().inputValue(), conversation.narrative + last);
      assert.equal(await form.putBackButton().count(), 0, 'nothing kept in the browser to put back');
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });

  it('is cleared at the time-out, after what the server had not got is carried through signing in again', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page, context } = tab;
    try {
      // The browser's clock is one the test moves on; the session ends as if by the server's
      // time-out, by losing its cookies.
      await page.clock.install();
      const form = new ConversationFormPage(page);
      const personId = await startConversation(page, 'Nesta', 'Beynon');
      await form.fill(conversation);
      await form
        .autosaveStatus()
        .filter({ hasText: /^Draft saved at \d\d:\d\d\.$/ })
        .waitFor();

      await context.clearCookies();
      const more = ' Her nephew can drive her on Sundays.';
      await form.narrative().press('Control+End');
      await form.narrative().pressSequentially(more);
      await form
        .autosaveStatus()
        .filter({ hasText: /could not be saved to Hearth just now/ })
        .waitFor();
      assert.equal(
        JSON.parse((await browserCopy(page, personId)) ?? '{}').narrative,
        conversation.narrative + more,
        'kept in the browser meanwhile',
      );

      // The time-out: the script sends the form as a draft; Hearth keeps the text through signing in.
      await Promise.all([
        page.waitForURL(`**/people/${personId}/conversations`),
        page.clock.fastForward(minutes(30) + 1_000),
      ]);
      await page.getByRole('heading', { level: 1, name: 'You have been signed out' }).waitFor();
      assert.deepEqual(await hearthKeys(page), [], 'no Hearth key left in the browser');
      await checkAccessibility(page);
      await page.getByLabel('Email address').fill(practitioner);
      await page.getByLabel('Password', { exact: true }).fill(demoPassword);
      await Promise.all([
        page.waitForURL(`**/people/${personId}/conversations/new`),
        page.getByRole('button', { name: 'Sign in and keep my text' }).click(),
      ]);
      await form.draftNotice().waitFor();
      assert.equal(await form.narrative().inputValue(), conversation.narrative + more);
      await checkAccessibility(page);

      // Nothing unsent (on any page): the time-out goes to the sign-in page, which clears the browser too.
      await page.evaluate(() => localStorage.setItem('hearth-draft:/elsewhere', '{"narrative":"kept in the browser"}'));
      await page.goto('/');
      await context.clearCookies();
      await Promise.all([page.waitForURL('**/sign-in?timedout=1'), page.clock.fastForward(minutes(30) + 1_000)]);
      await new SignInPage(page).timedOutBanner().waitFor();
      assert.deepEqual(await hearthKeys(page), [], 'no Hearth key left in the browser');
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
