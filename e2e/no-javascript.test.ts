// Every page works without JavaScript: the scripts only enhance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, openTab, useBrowser, useServer } from './harness.js';
import { Layout } from './pages/layout.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const server = useServer();
const chromium = useBrowser();

describe('without JavaScript', () => {
  it('signs in, shows the home page and signs out', async () => {
    const tab = await openTab(chromium.browser, server, { javaScriptEnabled: false });
    const { page } = tab;
    try {
      const signIn = new SignInPage(page);
      const layout = new Layout(page);
      await page.goto('/');
      await page.waitForURL('**/sign-in?next=%2F');
      assert.equal(
        await page.evaluate(() => document.body.classList.contains('js-enabled')),
        false,
        'the page scripts did not run',
      );
      await checkAccessibility(page);

      // A failed attempt is shown by the server alone, too.
      await signIn.submit('manager@northbridge.example', 'not-the-password');
      await signIn.errorSummary().waitFor();
      assert.equal(await signIn.email().inputValue(), 'manager@northbridge.example');
      await checkAccessibility(page);

      await signIn.signIn('manager@northbridge.example');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.match(await layout.h1().innerText(), /Team manager[\s\S]*Your work today/);
      assert.equal((await layout.navigationLinks())[0], 'Home');
      // The time-out warning needs the script; without it the dialog stays closed and out of the way.
      assert.equal(await page.getByRole('dialog').count(), 0);
      await checkAccessibility(page);

      await layout.signOut();
      assert.equal(await layout.h1().innerText(), 'You have signed out');
      await checkAccessibility(page);

      await page.goto('/');
      await page.waitForURL('**/sign-in?next=%2F');
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
