import type { Page } from 'playwright-core';

/** What the conversation form takes; the kind is its radio's label. */
export interface ConversationDetails {
  kind: string;
  place?: string;
  participants?: string;
  narrative: string;
  whatMatters?: string;
  agreed?: string;
  whatHappensNext: string;
}

/** "Record a conversation": the form, its autosave status, and the browser copy offered back. */
export class ConversationFormPage {
  constructor(private page: Page) {}

  caption = () => this.page.locator('.hearth-person-header .govuk-caption-m');
  kinds = () => this.page.getByRole('group', { name: 'What kind of conversation was it?' });
  kind = (label: string) => this.kinds().getByLabel(label, { exact: true });
  place = () => this.page.getByLabel('Where (optional)');
  participants = () => this.page.getByLabel('Who took part (optional)');
  narrative = () => this.page.getByLabel('The conversation', { exact: true });
  whatMatters = () => this.page.getByLabel('What matters to them (optional)');
  agreed = () => this.page.getByLabel('What was agreed (optional)');
  whatHappensNext = () => this.page.getByLabel('What happens next', { exact: true });
  /** "Draft saved at 14:02.", or that it could not be saved; filled in by the page script. */
  autosaveStatus = () => this.page.locator('.hearth-autosave-status');
  /** The as-you-type plain-language hints. */
  plainLanguageHints = () => this.page.locator('.hearth-plain-language');
  /** Shown when a draft was found on the server ("Your draft, last saved ..."). */
  draftNotice = () => this.page.locator('.govuk-inset-text').filter({ hasText: 'Your draft, last saved' });
  /** Offered when this browser kept text newer than the server's draft. */
  putBackButton = () => this.page.getByRole('button', { name: 'Put back what I typed' });
  saveButton = () => this.page.getByRole('button', { name: 'Save conversation' });
  saveDraftButton = () => this.page.getByRole('button', { name: 'Save draft' });
  errorSummary = () => this.page.locator('.govuk-error-summary');

  async waitForForm() {
    await this.page.waitForURL(/\/people\/[0-9a-f-]{36}\/conversations(\/new)?$/);
    await this.kinds().waitFor();
  }

  /** Fills every field given, in the order a worker would. */
  async fill(c: ConversationDetails) {
    await this.kind(c.kind).check();
    if (c.place) await this.place().fill(c.place);
    if (c.participants) await this.participants().fill(c.participants);
    await this.narrative().fill(c.narrative);
    if (c.whatMatters) await this.whatMatters().fill(c.whatMatters);
    if (c.agreed) await this.agreed().fill(c.agreed);
    await this.whatHappensNext().fill(c.whatHappensNext);
  }

  /** Saves for good; the browser goes to the conversation's page. Returns its id. */
  async save(): Promise<string> {
    await Promise.all([this.page.waitForURL(/\/conversations\/[0-9a-f-]{36}\?done=saved$/), this.saveButton().click()]);
    return conversationIdFrom(this.page);
  }
}

/** A saved conversation, with its corrections. */
export class ConversationPage {
  constructor(private page: Page) {}

  caption = () => this.page.locator('.hearth-person-header .govuk-caption-m');
  successBanner = () => this.page.locator('.govuk-notification-banner--success');
  body = () => this.page.locator('main .govuk-grid-column-two-thirds');
  /** The plain-language warning ("this record uses words ... may not understand"). */
  plainLanguageWarning = () => this.page.locator('.govuk-warning-text').filter({ hasText: 'Plain language' });
  correctionsHeading = () => this.page.getByRole('heading', { level: 2, name: 'Corrections' });
  corrections = () => this.body().locator('.govuk-inset-text');
  addCorrection = () => this.page.getByRole('link', { name: 'Add a correction' });

  /** A part of the record as rendered ("The conversation", "What happens next"): its paragraphs and bullet lists. */
  async section(heading: string): Promise<{ paragraphs: string[]; bullets: string[][] }> {
    return this.body().evaluate((root, heading) => {
      const h = Array.from(root.querySelectorAll('h2')).find((e) => e.textContent?.trim() === heading);
      const out = { paragraphs: [] as string[], bullets: [] as string[][] };
      // Up to the next heading, or the links under the record.
      for (
        let el = h?.nextElementSibling;
        el && el.tagName !== 'H2' && !el.querySelector('a');
        el = el.nextElementSibling
      ) {
        if (el.tagName === 'P') out.paragraphs.push((el as HTMLElement).innerText.trim());
        if (el.tagName === 'UL') out.bullets.push(Array.from(el.querySelectorAll('li'), (li) => li.innerText.trim()));
      }
      return out;
    }, heading);
  }
}

/** "Correct this conversation". */
export class AmendPage {
  constructor(private page: Page) {}

  caption = () => this.page.locator('.hearth-person-header .govuk-caption-m');
  original = () => this.page.locator('details.govuk-details');
  reason = () => this.page.getByLabel('Why does it need correcting?');
  correction = () => this.page.getByLabel('The correction', { exact: true });
  saveButton = () => this.page.getByRole('button', { name: 'Save correction' });
  errorSummary = () => this.page.locator('.govuk-error-summary');
}

export function conversationIdFrom(page: Page): string {
  const m = /\/conversations\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not a conversation's page: ${page.url()}`);
  return m[1];
}
