import { randomInt } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

/** What the register form takes. Dates are [day, month, year]; needs are the checkboxes' labels. */
export interface PersonDetails {
  givenName: string;
  familyName: string;
  preferredName?: string;
  pronouns?: string;
  dateOfBirth?: [number, number, number];
  nhsNumber?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  firstLanguage?: string;
  interpreterNeeded?: boolean;
  communicationNeeds?: string[];
  communicationNotes?: string;
}

/**
 * A made-up family-name part for this run ("Dabiri", "Kelomu"), so the people a journey
 * registers are its own whatever the demo data holds.
 */
export function runTag(): string {
  const c = 'bdfgklmnprstvz';
  const v = 'aeiou';
  let tag = '';
  for (let i = 0; i < 3; i++) tag += c[randomInt(c.length)] + v[randomInt(v.length)];
  return tag[0].toUpperCase() + tag.slice(1);
}

/** A valid NHS number (modulus 11) in the 999 range kept for testing, different each call. */
export function testNhsNumber(): string {
  for (;;) {
    const digits = `999${String(randomInt(1_000_000)).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}${check}`;
  }
}

/** "Find a person": one search box, results as links to each person's page. */
export class FindPersonPage {
  constructor(private page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Find a person' });
  searchBox = () => this.page.getByLabel('Name, date of birth, NHS number or postcode');
  resultsHeading = () => this.page.getByRole('heading', { level: 2, name: /found/ });
  results = () => this.page.locator('ol.hearth-results > li');
  /** The result that links to this person's record. */
  result = (personId: string) => this.results().filter({ has: this.page.locator(`a[href="/people/${personId}"]`) });
  registerLink = () => this.page.getByRole('link', { name: 'Register a new person' });

  async goto() {
    await this.page.goto('/people');
    await this.heading().waitFor();
  }

  async search(q: string) {
    await this.searchBox().fill(q);
    await Promise.all([
      this.page.waitForURL((u) => u.pathname === '/people/search'),
      this.page.getByRole('button', { name: 'Search', exact: true }).click(),
    ]);
    await this.resultsHeading().waitFor();
  }

  /** The ids of the people found, in rank order. */
  async resultIds(): Promise<string[]> {
    const hrefs = await this.results()
      .locator('a[href^="/people/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    return hrefs.map((h) => h.replace('/people/', ''));
  }
}

/** "Register a new person", and "Is this the same person?" when someone similar is known. */
export class RegisterPersonPage {
  constructor(private page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Register a new person' });
  duplicatesHeading = () => this.page.getByRole('heading', { level: 1, name: 'Is this the same person?' });
  duplicates = () => this.page.locator('ul.hearth-results > li');
  registerNewButton = () => this.page.getByRole('button', { name: 'Register a new person' });
  errorSummary = () => this.page.locator('.govuk-error-summary');

  async goto() {
    await this.page.goto('/people/new');
    await this.heading().waitFor();
  }

  async fill(p: PersonDetails) {
    const page = this.page;
    await page.getByLabel('First name', { exact: true }).fill(p.givenName);
    await page.getByLabel('Last name', { exact: true }).fill(p.familyName);
    if (p.preferredName)
      await page.getByLabel('The name they like to be called (optional)', { exact: true }).fill(p.preferredName);
    if (p.pronouns) await page.getByLabel('Pronouns (optional)', { exact: true }).fill(p.pronouns);
    if (p.dateOfBirth) {
      const dob = page.getByRole('group', { name: /^Date of birth/ });
      await dob.getByLabel('Day').fill(String(p.dateOfBirth[0]));
      await dob.getByLabel('Month').fill(String(p.dateOfBirth[1]));
      await dob.getByLabel('Year').fill(String(p.dateOfBirth[2]));
    }
    if (p.nhsNumber) await page.getByLabel('NHS number (optional)', { exact: true }).fill(p.nhsNumber);
    if (p.address) await page.getByLabel('Address (optional)', { exact: true }).fill(p.address);
    if (p.postcode) await page.getByLabel('Postcode (optional)', { exact: true }).fill(p.postcode);
    if (p.phone) await page.getByLabel('Phone number (optional)', { exact: true }).fill(p.phone);
    if (p.firstLanguage) await page.getByLabel('First language (optional)', { exact: true }).fill(p.firstLanguage);
    if (p.interpreterNeeded !== undefined) {
      await page
        .getByRole('group', { name: 'Do they need an interpreter?' })
        .getByLabel(p.interpreterNeeded ? 'Yes' : 'No')
        .check();
    }
    const needs = page.getByRole('group', { name: 'Information and communication needs' });
    for (const need of p.communicationNeeds ?? []) await needs.getByLabel(need, { exact: true }).check();
    if (p.communicationNotes)
      await page
        .getByLabel('Anything else about how to communicate with them (optional)', { exact: true })
        .fill(p.communicationNotes);
  }

  /** Sends the form; the browser then shows the person's page or "Is this the same person?". */
  async submit() {
    await Promise.all([
      this.page.waitForURL((u) => u.pathname !== '/people/new'),
      this.page.getByRole('button', { name: 'Continue' }).click(),
    ]);
  }

  /** On "Is this the same person?": none of them is this person. Waits for the new person's page. */
  async confirmNewPerson(): Promise<string> {
    await Promise.all([
      this.page.waitForURL(/\/people\/[0-9a-f-]{36}\?done=registered$/),
      this.registerNewButton().click(),
    ]);
    return personIdFrom(this.page);
  }
}

/** A person's page and the pages about them that share its header. */
export class PersonPage {
  constructor(private page: Page) {}

  heading = () => this.page.locator('.hearth-person-header h1');
  /** The details line under the name: legal name, date of birth, NHS number, postcode. */
  details = () => this.page.locator('.hearth-person-header > p.govuk-body');
  /** The accessible information needs, flagged at the top of every page about them. */
  needsBanner = () => this.page.getByRole('region', { name: /^How to communicate with / });
  successBanner = () => this.page.locator('.govuk-notification-banner--success');
  recordConversation = () => this.page.getByRole('button', { name: 'Record a conversation' });
  /** The column of the page with this heading ("Named worker" is in the one with their record and address). */
  column = (heading: string): Locator =>
    this.page
      .locator('.govuk-grid-column-one-third, .govuk-grid-column-two-thirds')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: heading }) });

  async goto(id: string) {
    await this.page.goto(`/people/${id}`);
    await this.heading().waitFor();
  }

  /** The rows of "Who has looked at this record" as [when, who, what, reason]. */
  async viewerRows(): Promise<string[][]> {
    return this.page
      .getByRole('table')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td, th'), (c) => (c as HTMLElement).innerText.trim())),
      );
  }
}

/** The id in /people/:id... */
export function personIdFrom(page: Page): string {
  const m = /\/people\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not a person's page: ${page.url()}`);
  return m[1];
}

/**
 * The way a worker registers someone: Find a person, search for them first, then
 * "Register a new person" from the results, fill in the form, continue. Each page is handed to
 * `check` (the accessibility check). Returns the new person's id, on their page.
 */
export async function registerThroughSearch(
  page: Page,
  p: PersonDetails,
  check: (page: Page) => Promise<void>,
): Promise<string> {
  const find = new FindPersonPage(page);
  const register = new RegisterPersonPage(page);
  await find.goto();
  await check(page);
  const [d, m, y] = p.dateOfBirth ?? [];
  await find.search(`${p.givenName} ${p.familyName}${p.dateOfBirth ? ` ${d}/${m}/${y}` : ''}`);
  await check(page);
  await Promise.all([page.waitForURL('**/people/new'), find.registerLink().click()]);
  await register.heading().waitFor();
  await check(page);
  await register.fill(p);
  await register.submit();
  await page.waitForURL(/\/people\/[0-9a-f-]{36}\?done=registered$/);
  return personIdFrom(page);
}
