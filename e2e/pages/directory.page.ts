import type { Page } from 'playwright-core';

/** "Connect to a resource": the search of the directory, from a conversation or a contact. */
export class ConnectFindPage {
  constructor(private page: Page) {}

  caption = () => this.page.locator('.hearth-person-header .govuk-caption-m');
  words = () => this.page.getByLabel('What are you looking for?');
  postcode = () => this.page.getByLabel('Near this postcode (optional)');
  distance = () => this.page.getByLabel('How far from the postcode');
  searchButton = () => this.page.getByRole('button', { name: 'Search the directory' });
  resultsHeading = () => this.page.getByRole('heading', { level: 2, name: /resources? found/ });
  results = () => this.page.locator('ol.hearth-results > li');
  result = (name: string) => this.results().filter({ has: this.page.getByRole('link', { name, exact: true }) });
  errorSummary = () => this.page.locator('.govuk-error-summary');

  async waitForPage() {
    await this.page.waitForURL(/\/(conversations|contacts)\/[0-9a-f-]{36}\/connect$/);
    await this.words().waitFor();
  }

  /** Searches (a form sent by POST: the address stays the same) and waits for the results. */
  async search(words: string, opts: { postcode?: string; distance?: string } = {}) {
    await this.words().fill(words);
    if (opts.postcode !== undefined) await this.postcode().fill(opts.postcode);
    if (opts.distance) await this.distance().selectOption({ label: opts.distance });
    await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      this.searchButton().click(),
    ]);
    await this.resultsHeading().or(this.errorSummary()).waitFor();
  }

  /** Chooses a resource from the results: the connection form opens. */
  async choose(name: string) {
    await Promise.all([
      this.page.waitForURL(/\/connect\/[0-9a-f-]{36}$/),
      this.result(name).getByRole('link', { name, exact: true }).click(),
    ]);
  }
}

/** The connection: why, who will do what, when to follow up. */
export class ConnectionFormPage {
  constructor(private page: Page) {}

  resource = () => this.page.locator('#service');
  reason = () => this.page.getByLabel('Why this resource?');
  personWill = (name: string) => this.page.getByLabel(`What ${name} will do`);
  workerWill = () => this.page.getByLabel('What you will do');
  providerWill = () => this.page.getByLabel('What the resource will do');
  followUp = () => this.page.getByRole('group', { name: 'When to follow up' });
  saveButton = () => this.page.getByRole('button', { name: 'Save connection' });
  errorSummary = () => this.page.locator('.govuk-error-summary');

  /** Saves; the browser goes to the new connection's page. Returns its id. */
  async save(): Promise<string> {
    await Promise.all([this.page.waitForURL(/\/connections\/[0-9a-f-]{36}\?done=saved$/), this.saveButton().click()]);
    return /\/connections\/([0-9a-f-]{36})/.exec(this.page.url())![1];
  }
}

/** A connection's page, with "How did it go?". */
export class ConnectionPage {
  constructor(private page: Page) {}

  successBanner = () => this.page.locator('.govuk-notification-banner--success');
  /** The resource's name, with how the connection stands. */
  heading = () => this.page.locator('main h2#resource');
  details = () => this.page.locator('main .govuk-summary-list');
  /** The value beside a key of the summary list ("Why", "Follow up on"). */
  detail = (key: string) =>
    this.details()
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd');
  howItWent = () => this.page.getByRole('heading', { level: 2, name: 'How did it go?' });
  outcome = (label: string) => this.page.getByLabel(label, { exact: true });
  note = () => this.page.getByLabel('What happened');
  recordButton = () => this.page.getByRole('button', { name: 'Record how it went' });
  errorSummary = () => this.page.locator('.govuk-error-summary');
  /** What was recorded at the follow-up: the paragraphs under "How did it go?". */
  recorded = () => this.page.locator('main #how-did-it-go ~ p, main #how-did-it-go ~ .govuk-body');

  async record(label: string, note: string) {
    await this.outcome(label).check();
    await this.note().fill(note);
    await Promise.all([
      this.page.waitForURL(/\/connections\/[0-9a-f-]{36}\?done=followed-up$/),
      this.recordButton().click(),
    ]);
  }
}

/** The "Connections" list on a person's, conversation's or contact's page. */
export function connectionsList(page: Page) {
  return page.locator('ul.hearth-connections > li');
}
