import type { Page } from 'playwright-core';

/** A date as GOV.UK's three boxes inside a fieldset with this legend. */
export async function fillDate(page: Page, legend: string | RegExp, [d, m, y]: [number, number, number]) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(d));
  await group.getByLabel('Month').fill(String(m));
  await group.getByLabel('Year').fill(String(y));
}

/** Today plus `days`, as the UK calendar has it: [day, month, year]. */
export function ukDay(days = 0): [number, number, number] {
  const iso = new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const [y, m, d] = iso.split('-').map(Number);
  return [d, m, y];
}

/** The team around the person: its page and the forms reached from it. */
export class TeamPage {
  constructor(private page: Page) {}

  heading = () => this.page.locator('h1');
  successBanner = () => this.page.locator('.govuk-notification-banner--success');
  members = () => this.page.locator('.hearth-network > li');
  plan = () => this.page.locator('#plan + * , #plan ~ ul.hearth-card-list').first();
  actions = () => this.page.locator('ul.hearth-card-list').first().locator('li');

  async goto(personId: string) {
    await this.page.goto(`/people/${personId}/team`);
  }

  async setUp(name: string) {
    await Promise.all([
      this.page.waitForURL(/\/team\?done=started$/),
      this.page.getByRole('button', { name: `Set up a team around ${name}` }).click(),
    ]);
  }

  private async send(button: string, to: RegExp) {
    await Promise.all([this.page.waitForURL(to), this.page.getByRole('button', { name: button, exact: true }).click()]);
  }

  async addWorker(option: string) {
    await this.page.getByRole('link', { name: 'Add someone to the team' }).click();
    await this.page.getByLabel('A worker with a Hearth account (council or partner)').check();
    await this.page.getByLabel('Worker', { exact: true }).selectOption({ label: option });
    await this.send('Add to the team', /\/team\?done=member$/);
  }

  async addPractitioner(p: { name: string; organisation: string; role: string; phone: string }) {
    await this.page.getByRole('link', { name: 'Add someone to the team' }).click();
    await this.page.getByLabel('A practitioner without an account').check();
    await this.page.getByLabel('Name', { exact: true }).fill(p.name);
    await this.page.getByLabel('Organisation', { exact: true }).fill(p.organisation);
    await this.page.getByLabel('Role', { exact: true }).fill(p.role);
    await this.page.getByLabel('Phone number', { exact: true }).fill(p.phone);
    await this.send('Add to the team', /\/team\?done=member$/);
  }

  async recordConsent(c: { what: string; how: string }) {
    await this.page.getByRole('link', { name: 'Record what they agree to share' }).click();
    await this.page.getByLabel('They agreed to share').check();
    await this.page.getByLabel('If they agreed: how did they agree?').fill(c.how);
    await this.page.getByLabel('What may be shared').fill(c.what);
    await fillDate(this.page, /^When did they agree/, ukDay());
    await fillDate(this.page, /^When should we check this again/, ukDay(180));
    await this.send('Save sharing', /\/team\?done=sharing$/);
  }

  async arrangeMeeting(m: { time: string; place: string; howTheyTakePart: string }) {
    await this.page.getByRole('link', { name: 'Arrange a team meeting' }).click();
    await fillDate(this.page, /^Date/, ukDay());
    await this.page.getByLabel('Time it starts').fill(m.time);
    await this.page.getByLabel('Where', { exact: true }).fill(m.place);
    await this.page.getByLabel('Yes, in the room').check();
    await this.page.getByLabel('How do they want to take part? (optional)').fill(m.howTheyTakePart);
    await this.send('Arrange the meeting', /\/team\/meetings\/[0-9a-f-]{36}\?done=arranged$/);
  }

  /** On the "Record the meeting" page. */
  async recordMeeting(r: { name: string; personsWords: string; agencies: string; decisions: string }) {
    await this.page.getByLabel(`What ${r.name} said`, { exact: true }).fill(r.personsWords);
    await this.page.getByLabel('What each agency brought').fill(r.agencies);
    await this.page.getByLabel('What was decided').fill(r.decisions);
    await this.send('Save the record of the meeting', /\?done=recorded$/);
  }

  /** From the meeting page: an action agreed there. */
  async addAction(a: { what: string; owner: string; days: number; howWeKnow: string; another: boolean }) {
    await this.page.getByLabel('What will be done').fill(a.what);
    await this.page.getByLabel('Who will do it').selectOption({ label: a.owner });
    await fillDate(this.page, /^By when/, ukDay(a.days));
    await this.page.getByLabel('How we will know it worked').fill(a.howWeKnow);
    if (a.another) await this.page.getByLabel('Add another action after this one').check();
    await this.send('Add to the plan', a.another ? /\/actions\/new\?/ : /\/meetings\/[0-9a-f-]{36}\?done=action$/);
  }

  async updateProgress(note: string, status: 'Still to do' | 'Done') {
    await this.page.getByLabel('What has happened').fill(note);
    await this.page.getByLabel(status, { exact: true }).check();
    await this.send('Save progress', /\?done=progress$/);
  }
}
