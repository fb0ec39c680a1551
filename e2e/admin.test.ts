// The administrator's pages: workers, teams, the postcode map and the audit trail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { checkAccessibility, openTab, useBrowser, useServer, type Tab } from './harness.js';
import { Layout } from './pages/layout.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const server = useServer();
const chromium = useBrowser();

/** A fresh browser context, signed in with a demo account, on its home page; no script errors allowed. */
async function signedInAs(email: string, fn: (page: Page, tab: Tab) => Promise<void>) {
  const tab = await openTab(chromium.browser, server);
  try {
    const signIn = new SignInPage(tab.page);
    await signIn.goto();
    await signIn.signIn(email);
    await fn(tab.page, tab);
    assert.deepEqual(tab.errors, []);
  } finally {
    await tab.close();
  }
}
/** As the demo administrator, Sam Okafor. */
const asAdmin = (fn: (page: Page, tab: Tab) => Promise<void>) => signedInAs('admin@northbridge.example', fn);

/** Follows a link or button that loads another page, and waits for it. */
async function go(page: Page, path: string, click: () => Promise<void>) {
  await Promise.all([page.waitForURL((u) => u.pathname === path), click()]);
}

const navLink = (page: Page, name: string) => new Layout(page).navigation().getByRole('link', { name, exact: true });
const workerCount = async (page: Page) =>
  Number(/^(\d+) workers?$/.exec(await page.locator('.govuk-table__caption').innerText())?.[1]);
const errorLinks = async (page: Page) =>
  (await page.locator('.govuk-error-summary__list a').allInnerTexts()).map((t) => t.trim());

describe('administration', () => {
  it('lists workers and adds one: an empty form is refused with every problem listed, a full one is saved', () =>
    asAdmin(async (page) => {
      const layout = new Layout(page);
      await go(page, '/admin/workers', () => navLink(page, 'Workers').click());
      assert.equal(await layout.h1().innerText(), 'Workers');
      const before = await workerCount(page);
      assert.ok(before >= 14, `the demo workers are listed (${before})`);
      assert.ok(await page.getByRole('link', { name: 'Tom Davies' }).isVisible());
      await checkAccessibility(page);

      await go(page, '/admin/workers/new', () => page.getByRole('button', { name: 'Add a worker' }).click());
      assert.equal(await layout.h1().innerText(), 'Add a worker');
      await checkAccessibility(page);

      // Sent empty: refused, with every problem in the summary and beside its field.
      await go(page, '/admin/workers', () => page.getByRole('button', { name: 'Add worker' }).click());
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.title(), /^Error: /);
      assert.deepEqual(await errorLinks(page), [
        'Enter the worker’s full name',
        'Enter an email address',
        'Select a role',
        'Select an organisation',
        'Password must be 12 characters or more',
      ]);
      // Focus moves to the summary once GOV.UK Frontend's script has run.
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), undefined, {
        timeout: 5000,
      });
      assert.equal(
        await page.locator('.govuk-error-message').count(),
        5,
        'each field with a problem shows its message',
      );
      await checkAccessibility(page);

      await page.getByLabel('Full name').fill('Nia Roberts');
      await page.getByLabel('Email address').fill('Nia.Roberts@northbridge.example');
      await page.getByLabel('Job title (optional)').fill('Social worker');
      await page.getByLabel('Practitioner', { exact: true }).check();
      await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Northbridge City Council' });
      await page
        .getByLabel('Team', { exact: true })
        .selectOption({ label: 'West locality team (Northbridge City Council)' });
      await page.getByLabel('Password', { exact: true }).fill('kettle lantern orchard pebble');
      await page.getByRole('button', { name: 'Add worker' }).click();
      await page.waitForURL(/\/admin\/workers\/[0-9a-f-]{36}\?done=created$/);
      assert.equal(await layout.h1().innerText(), 'Nia Roberts');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Worker added/);
      const details = await page.locator('.govuk-summary-list').innerText();
      for (const text of [
        'nia.roberts@northbridge.example',
        'Practitioner',
        'Social worker',
        'West locality team',
        'Never',
      ])
        assert.ok(details.includes(text), `shows ${text}`);
      await checkAccessibility(page);

      await go(page, '/admin/workers', () => page.getByRole('link', { name: 'All workers' }).click());
      assert.equal(await workerCount(page), before + 1, 'the empty form added no one; the full one added one');
      assert.ok(await page.getByRole('link', { name: 'Nia Roberts' }).isVisible());
    }));

  it('lists teams and organisations', () =>
    asAdmin(async (page) => {
      const layout = new Layout(page);
      await go(page, '/admin/teams', () => navLink(page, 'Teams').click());
      assert.equal(await layout.h1().innerText(), 'Teams and organisations');
      for (const org of ['Northbridge City Council', 'Northbridge Homes'])
        assert.ok(await page.getByRole('heading', { name: org }).isVisible());
      const row = page.getByRole('row').filter({ hasText: 'North East locality team' });
      assert.match(await row.innerText(), /Locality team/);
      await checkAccessibility(page);
    }));

  it('adds a postcode area to the map', () =>
    asAdmin(async (page) => {
      const layout = new Layout(page);
      await go(page, '/admin/postcode-map', () => navLink(page, 'Postcode map').click());
      assert.equal(await layout.h1().innerText(), 'Postcode map');
      assert.ok(await page.getByRole('cell', { name: 'NB14', exact: true }).isVisible(), 'the demo map is listed');
      assert.equal(await page.getByRole('cell', { name: 'NB15', exact: true }).count(), 0);
      await checkAccessibility(page);

      await page.getByLabel('Postcode area, district or sector').fill('nb15');
      await go(page, '/admin/postcode-map', () => page.getByRole('button', { name: 'Save' }).click());
      await page.locator('.govuk-error-summary').waitFor();
      assert.deepEqual(await errorLinks(page), ['Select the locality team that covers it']);
      assert.equal(
        await page.getByLabel('Postcode area, district or sector').inputValue(),
        'nb15',
        'what was typed is kept',
      );
      await checkAccessibility(page);

      await page.getByLabel('Locality team').selectOption({ label: 'Central locality team' });
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL('**/admin/postcode-map?done=saved');
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Postcode map saved/);
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'NB15', exact: true }) });
      assert.match(await row.innerText(), /Central locality team/);
      await checkAccessibility(page);
    }));

  it('shows your own sign-in in the audit trail, and checks nothing has been altered', () =>
    asAdmin(async (page) => {
      const layout = new Layout(page);
      await go(page, '/admin/audit', () => navLink(page, 'Audit trail').click());
      assert.equal(await layout.h1().innerText(), 'Audit trail');
      const signIns = page
        .locator('tbody tr')
        .filter({ has: page.getByRole('cell', { name: 'sign in', exact: true }) });
      const newest = await signIns.first().locator('td').allInnerTexts();
      assert.equal(newest[1].trim(), 'Sam Okafor', 'the newest sign-in is mine');
      assert.equal(newest[3].trim(), 'session');
      await checkAccessibility(page);

      await go(page, '/admin/audit/verify', () =>
        page.getByRole('button', { name: 'Check nothing has been altered' }).click(),
      );
      assert.equal(await layout.h1().innerText(), 'Audit trail check');
      assert.match(await page.locator('.govuk-inset-text').innerText(), /^All \d+ rows check out/);
      assert.equal(await page.locator('.govuk-warning-text').count(), 0);
      await checkAccessibility(page);
    }));

  it('refuses the admin pages to other roles, with an accessible page', () =>
    signedInAs('practitioner@northbridge.example', async (page) => {
      const res = await page.goto('/admin/workers');
      assert.equal(res?.status(), 403);
      assert.equal(await new Layout(page).h1().innerText(), 'You do not have access to this page');
      await checkAccessibility(page);
    }));
});
