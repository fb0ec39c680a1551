import type { Browser, Page } from 'playwright-core';
import { demoPassword, openTab, type Server, type Tab } from '../harness.js';

/** The sign-in page. */
export class SignInPage {
  constructor(private page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Sign in to Hearth' });
  email = () => this.page.getByLabel('Email address');
  password = () => this.page.getByLabel('Password', { exact: true });
  errorSummary = () => this.page.locator('.govuk-error-summary');
  timedOutBanner = () =>
    this.page
      .locator('.govuk-notification-banner')
      .filter({ hasText: 'You were signed out because you had not used Hearth for a while' });

  async goto(path = '/sign-in') {
    await this.page.goto(path);
    await this.heading().waitFor();
  }

  /** Fills in the form and sends it, without waiting for the outcome. */
  async submit(email: string, password: string) {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** Signs in and waits until the browser has left the sign-in page. */
  async signIn(email: string, password = demoPassword) {
    await this.submit(email, password);
    await this.page.waitForURL((u) => u.pathname !== '/sign-in');
  }
}

/** A fresh tab (no cookies), signed in with a demo account. */
export async function signedInTab(browser: Browser, server: Server, email: string): Promise<Tab> {
  const tab = await openTab(browser, server);
  const signIn = new SignInPage(tab.page);
  await signIn.goto();
  await signIn.signIn(email);
  return tab;
}
