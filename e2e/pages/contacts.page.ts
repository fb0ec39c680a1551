import type { Page } from 'playwright-core';

/** What a worker can do with a contact, as the form's radios say it. */
export const contactChoices = {
  resolved: 'Resolved now, in this conversation',
  stayed: 'I will stay with them',
  passed: 'Pass it on with its story',
} as const;

/**
 * "Take a contact" for one person: who got in touch, their story, and what the worker will do with
 * it. With JavaScript, one page: each outcome's questions are revealed under it. Without, the
 * outcome's questions come on a second page.
 */
export class ContactFormPage {
  constructor(private page: Page) {}

  /** Resolved now, "I will stay with them", or pass it on (only passing it on needs where it goes). */
  choose = (what: keyof typeof contactChoices) => this.page.getByLabel(contactChoices[what], { exact: true }).check();
  /** Where it would go if passed on. */
  route = () => this.page.locator('.hearth-route');
  whatHappensNext = () => this.page.getByLabel('What happens next');
  /** The questions of "Resolved now": how, what was given, when to check back. */
  resolvedQuestions = () => [
    this.page.getByRole('group', { name: 'How was it resolved?' }),
    this.page.getByLabel('What information was given, or who they were connected to'),
    this.page.getByRole('group', { name: /^Check back with them on/ }),
  ];
  /** The questions of "Pass it on": where it goes. */
  passedQuestions = () => [this.route(), this.page.getByRole('group', { name: 'Where should it go?' })];
  /** Another team than the one suggested: which, and why. */
  anotherTeamQuestions = () => [this.page.getByLabel('Which team?'), this.page.getByLabel('Why this team?')];

  /** The fields a worker can see and fill in on the page now (radios and date parts counted once per question). */
  visibleFields = () =>
    this.page.locator('form[data-autosave]').evaluate((form) => {
      const names = new Set<string>();
      form.querySelectorAll<HTMLInputElement>('input:not([type="hidden"]), textarea, select').forEach((el) => {
        if (el.checkVisibility()) names.add(el.name.replace(/-(day|month|year)$/, ''));
      });
      return [...names];
    });

  async save() {
    await Promise.all([
      this.page.waitForURL(/\/contacts\/[0-9a-f-]{36}\?done=saved$/),
      this.page.getByRole('button', { name: 'Save contact' }).click(),
    ]);
  }

  /** Without JavaScript: on from the first page to the outcome's questions. */
  async continue() {
    await Promise.all([
      this.page.waitForURL(/\/people\/[0-9a-f-]{36}\/contacts$/),
      this.page.getByRole('button', { name: 'Continue' }).click(),
    ]);
  }
}
