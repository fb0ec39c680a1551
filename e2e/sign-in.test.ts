// Signing in and out as each role, a failed sign-in, and the pages anyone can open.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, openTab, useBrowser, useServer } from './harness.js';
import { Layout } from './pages/layout.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const server = useServer();
const chromium = useBrowser();

const adminOnly = ['Workers', 'Teams', 'Postcode map', 'Audit trail'];

const roles = [
  { email: 'admin@northbridge.example', label: 'Administrator', admin: true },
  { email: 'frontdoor@northbridge.example', label: 'Front-door worker', admin: false },
  { email: 'practitioner@northbridge.example', label: 'Practitioner', admin: false },
  { email: 'manager@northbridge.example', label: 'Team manager', admin: false },
  { email: 'quality@northbridge.example', label: 'Quality and practice development', admin: false },
  { email: 'housing@northbridge.example', label: 'Partner practitioner', admin: false },
];

describe('signing in and out', () => {
  for (const role of roles) {
    it(`as ${role.label}: sign in, see the home page and menu for the role, sign out`, async () => {
      const tab = await openTab(chromium.browser, server);
      const { page } = tab;
      try {
        const signIn = new SignInPage(page);
        const layout = new Layout(page);

        await page.goto('/');
        await page.waitForURL('**/sign-in?next=%2F');
        await signIn.heading().waitFor();
        await checkAccessibility(page);

        await signIn.signIn(role.email);
        assert.equal(new URL(page.url()).pathname, '/');
        const h1 = layout.h1();
        assert.match(await h1.innerText(), /Your work today/);
        assert.match(await h1.locator('.govuk-caption-l').innerText(), new RegExp(`^${role.label}`));
        await checkAccessibility(page);

        // Features add their own entries; these are the ones that must or must not be there.
        const links = await layout.navigationLinks();
        assert.equal(links[0], 'Home');
        for (const item of adminOnly) {
          assert.equal(
            links.includes(item),
            role.admin,
            `${role.label} ${role.admin ? 'sees' : 'does not see'} ${item} (menu: ${links.join(', ')})`,
          );
        }
        assert.ok(await layout.signOutButton().isVisible(), 'the header has a Sign out button');

        await layout.signOut();
        assert.equal(await layout.h1().innerText(), 'You have signed out');
        assert.equal(await layout.signOutButton().count(), 0, 'no Sign out button once signed out');
        await checkAccessibility(page);

        await page.goto('/');
        await page.waitForURL('**/sign-in?next=%2F');
        await signIn.heading().waitFor();
        assert.deepEqual(tab.errors, []);
      } finally {
        await tab.close();
      }
    });
  }

  it('a wrong password shows the error summary, keeps the email and signs no one in', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.submit('practitioner@northbridge.example', 'not-the-password');
      await signIn.errorSummary().waitFor();

      assert.match(await page.title(), /^Error: Sign in/);
      const summary = signIn.errorSummary();
      assert.equal(await summary.getByRole('heading').innerText(), 'There is a problem');
      const link = summary.getByRole('link', { name: 'Enter a correct email address and password' });
      assert.equal(await link.getAttribute('href'), '#email');
      // GOV.UK Frontend moves focus to the summary so screen readers announce it, once its script has run.
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), undefined, {
        timeout: 5000,
      });
      assert.match(await page.locator('#email-error').innerText(), /Enter a correct email address and password/);
      assert.equal(await signIn.email().inputValue(), 'practitioner@northbridge.example');
      assert.equal(await signIn.password().inputValue(), '', 'the password is never sent back');
      await checkAccessibility(page);

      // The summary's link takes you to the field.
      await link.click();
      assert.ok(
        await signIn.email().evaluate((el) => el === document.activeElement),
        'the link focuses the email field',
      );

      await page.goto('/');
      await page.waitForURL('**/sign-in?next=%2F');
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});

describe('pages anyone can open', () => {
  it('the footer pages and the page-not-found page, signed out', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      const layout = new Layout(page);
      await page.goto('/sign-in');
      for (const [link, path, heading] of [
        ['Accessibility statement', '/accessibility', /Accessibility statement/],
        ['Privacy notice', '/privacy', /Privacy notice/],
        ['Cookies', '/cookies', /^Cookies$/],
      ] as const) {
        await Promise.all([page.waitForURL((u) => u.pathname === path), layout.footerLink(link).click()]);
        assert.match(await layout.h1().innerText(), heading);
        await checkAccessibility(page);
      }

      const res = await page.goto('/no-such-page');
      assert.equal(res?.status(), 404);
      assert.equal(await layout.h1().innerText(), 'Page not found');
      assert.match(await page.title(), /^Page not found/);
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
