import type { Page } from 'playwright-core';

/** What every page has: the header's service navigation with "Sign out", and the footer. */
export class Layout {
  constructor(private page: Page) {}

  h1 = () => this.page.locator('h1');
  navigation = () => this.page.getByRole('navigation', { name: 'Menu' });
  signOutButton = () => this.page.locator('header').getByRole('button', { name: /^Sign out/ });
  footerLink = (name: string) => this.page.locator('footer').getByRole('link', { name, exact: true });

  /** The text of each link in the service navigation, in order. */
  async navigationLinks(): Promise<string[]> {
    return (await this.navigation().getByRole('link').allInnerTexts()).map((t) => t.trim());
  }

  async signOut() {
    await this.signOutButton().click();
    await this.page.waitForURL('**/signed-out');
  }
}
