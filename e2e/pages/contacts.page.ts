import type { Page } from 'playwright-core';

/** What a worker can do with a contact, as the form's radios say it. */
export const contactChoices = {
  resolved: 'Resolved now, in this conversation',
  stayed: 'I will stay with them',
  passed: 'Pass it on with its story',
} as const;

/** "Take a contact" for one person: who got in touch, their story, and what the worker will do with it. */
export class ContactFormPage {
  constructor(private page: Page) {}

  /** Resolved now, "I will stay with them", or pass it on (only passing it on needs where it goes). */
  choose = (what: keyof typeof contactChoices) => this.page.getByLabel(contactChoices[what], { exact: true }).check();
  /** Where it would go if passed on. */
  route = () => this.page.locator('.hearth-section').filter({ hasText: 'It goes to' });
  whatHappensNext = () => this.page.getByLabel('What happens next');

  async save() {
    await Promise.all([this.page.waitForURL(/\/contacts\/[0-9a-f-]{36}\?done=saved$/), this.page.getByRole('button', { name: 'Save contact' }).click()]);
  }
}
