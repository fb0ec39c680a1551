// The idle time-out: the warning dialog, "Stay signed in", and being signed out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, openTab, useBrowser, useServer } from './harness.js';
import { Layout } from './pages/layout.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const chromium = useBrowser();
const minutes = (m: number) => Math.round(m * 60_000);

describe('the time-out warning, on a fake browser clock', () => {
  // The defaults: signed out after 30 minutes idle, warned 2 minutes before.
  const server = useServer();

  it('appears before the time-out; "Stay signed in" closes it and keeps the session', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      await page.clock.install();
      const signIn = new SignInPage(page);
      const layout = new Layout(page);
      await signIn.goto();
      await signIn.signIn('practitioner@northbridge.example');
      await checkAccessibility(page);

      const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
      assert.equal(await dialog.isVisible(), false, 'no warning at first');

      await page.clock.fastForward(minutes(27.5));
      assert.equal(await dialog.isVisible(), false, 'no warning 2.5 minutes before the time-out');

      await page.clock.fastForward(minutes(0.5) + 1_000);
      await dialog.waitFor();
      assert.ok(
        await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal')),
        'the warning is a modal dialog',
      );
      assert.match(await dialog.innerText(), /we will sign you out in 2 minutes/);
      const stay = dialog.getByRole('button', { name: 'Stay signed in' });
      assert.ok(await stay.isVisible());
      assert.ok(await dialog.getByRole('button', { name: 'Sign out' }).isVisible());
      await checkAccessibility(page);

      const [keepAlive] = await Promise.all([page.waitForResponse('**/session/keep-alive'), stay.click()]);
      assert.equal(keepAlive.status(), 200);
      await dialog.waitFor({ state: 'hidden' });

      // The countdown starts again from the full time-out.
      await page.clock.fastForward(minutes(27.5));
      assert.equal(await dialog.isVisible(), false, 'the warning waits for the full time-out again');

      // Escape does not dismiss it silently: it also keeps the session.
      await page.clock.fastForward(minutes(0.5) + 1_000);
      await dialog.waitFor();
      const [again] = await Promise.all([page.waitForResponse('**/session/keep-alive'), page.keyboard.press('Escape')]);
      assert.equal(again.status(), 200);
      await dialog.waitFor({ state: 'hidden' });

      // Still signed in: another page opens as this worker.
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/accessibility'),
        layout.footerLink('Accessibility statement').click(),
      ]);
      assert.ok(await layout.signOutButton().isVisible(), 'still signed in');
      await page.goto('/');
      assert.match(await layout.h1().innerText(), /Your work today/);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});

describe('the time-out, for real', () => {
  // Signed out after 6 seconds idle, warned 3 seconds before. The server decides by its own clock.
  const server = useServer({ IDLE_TIMEOUT_MINUTES: '0.1', TIMEOUT_WARNING_MINUTES: '0.05' });

  it('when no one answers the warning, signs the worker out and says why', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      const signIn = new SignInPage(page);
      const layout = new Layout(page);
      await signIn.goto();
      await signIn.signIn('practitioner@northbridge.example');
      await checkAccessibility(page);

      const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
      await dialog.waitFor({ timeout: 10_000 });
      assert.match(await dialog.innerText(), /we will sign you out in \d seconds?/);

      await page.waitForURL('**/sign-in?timedout=1', { timeout: 15_000 });
      await signIn.timedOutBanner().waitFor();
      assert.equal(await layout.signOutButton().count(), 0, 'signed out');
      await checkAccessibility(page);

      // The server ended the session too: home asks for a sign-in again.
      await page.goto('/');
      await page.waitForURL('**/sign-in?next=%2F');
      await signIn.heading().waitFor();
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
