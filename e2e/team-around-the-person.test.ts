// The team around the person, end to end: a care manager sets up a team for a man whose home
// has become unsafe (the seeds' typical case), records his agreement to share, holds a meeting
// with him and agrees three actions; the housing officer signs in, sees only the people whose
// team he is in, and updates his action. Every page is checked with axe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, useBrowser, useServer, type Tab } from './harness.js';
import { FindPersonPage, personIdFrom, registerThroughSearch, runTag } from './pages/people.page.js';
import { signedInTab } from './pages/sign-in.page.js';
import { TeamPage } from './pages/team.page.js';

const server = useServer();
const chromium = useBrowser();
const tag = runTag();

async function signedIn(email: string): Promise<Tab> {
  const tab = await signedInTab(chromium.browser, server, email);
  await checkAccessibility(tab.page);
  return tab;
}

describe('team around the person', () => {
  it('a care manager sets up the team, records consent, holds a meeting with the person and agrees three actions; the housing officer sees only his people and updates his action', async () => {
    const care = await signedIn('aisha.begum@northbridge.example');
    const { page } = care;
    const team = new TeamPage(page);
    const family = `Hebden-${tag}`;
    try {
      const personId = await registerThroughSearch(
        page,
        {
          givenName: 'Walter',
          familyName: family,
          dateOfBirth: [3, 5, 1939],
          address: '9 Lock Street, Northbridge',
          postcode: 'NB3 2HL',
          communicationNeeds: ['Large print'],
        },
        checkAccessibility,
      );
      assert.equal(personIdFrom(page), personId);
      await page.getByRole('link', { name: 'Team around the person' }).click();
      await page.waitForURL(`**/people/${personId}/team`);
      await checkAccessibility(page);
      await team.setUp('Walter');
      await checkAccessibility(page);

      await page.goto(`/people/${personId}/team/members/new`);
      await checkAccessibility(page);
      await team.goto(personId);
      await team.addWorker('Jamal Hussain, Housing officer (Northbridge Homes, Tenancy support)');
      await team.addWorker('Ruth Evans, District nurse (Northbridge Community Health NHS Trust, District nursing)');
      await team.addPractitioner({
        name: 'Linda Mason',
        organisation: 'Northbridge Home Care',
        role: 'Home care coordinator',
        phone: '01632 960 777',
      });
      await checkAccessibility(page);
      assert.match(
        await page.locator('.hearth-network').innerText(),
        /Jamal Hussain[\s\S]*Ruth Evans[\s\S]*Linda Mason/,
      );
      // Contact details are one click away.
      await page.locator('.hearth-network summary', { hasText: 'Linda Mason' }).click();
      assert.match(await page.locator('.hearth-network').innerText(), /Phone: 01632 960 777/);
      await checkAccessibility(page);

      await page.getByRole('link', { name: 'Record what they agree to share' }).click();
      await checkAccessibility(page);
      // Sent empty: the error summary says what to fix.
      await page.getByRole('button', { name: 'Save sharing' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await checkAccessibility(page);
      await team.goto(personId);
      await team.recordConsent({
        what: 'Walter said: “The house, my legs and my tablets. Not my money.”',
        how: 'At home, in person, with the leaflet in large print',
      });
      assert.match(await team.successBanner().innerText(), /Sharing is recorded/);
      await checkAccessibility(page);

      await page.getByRole('link', { name: 'Arrange a team meeting' }).click();
      await checkAccessibility(page);
      await team.goto(personId);
      await team.arrangeMeeting({
        time: '10:30',
        place: 'Walter’s kitchen, 9 Lock Street',
        howTheyTakePart: 'In his own chair, an hour at most',
      });
      await checkAccessibility(page);
      await Promise.all([page.waitForURL(/\/record$/), page.getByRole('link', { name: 'Record the meeting' }).click()]);
      await checkAccessibility(page);
      await team.recordMeeting({
        name: 'Walter',
        personsWords: '“I don’t want a skip. I want to decide what goes.”',
        agencies:
          'Housing: the boiler check is overdue.\n\nDistrict nursing: dressings need a clear, lit chair.\n\nHome care: carers worry about the stairs.',
        decisions: 'Clear a path to the boiler first, with Walter deciding.',
      });
      assert.match(await page.locator('main').innerText(), /I want to decide what goes/);
      await checkAccessibility(page);

      await page.getByRole('link', { name: 'Add an action agreed at this meeting' }).click();
      await checkAccessibility(page);
      await team.addAction({
        what: 'Clear a path from the front door to the boiler, with Walter deciding what goes',
        owner: 'Jamal Hussain (Housing officer, Northbridge Homes)',
        days: 14,
        howWeKnow: 'The gas engineer can reach the boiler',
        another: true,
      });
      await team.addAction({
        what: 'Make the chair by the window clear and lit for dressings',
        owner: 'Ruth Evans (District nurse, Northbridge Community Health NHS Trust)',
        days: 7,
        howWeKnow: 'Dressings are done sitting down',
        another: true,
      });
      await team.addAction({
        what: 'Ring my son Paul on Sunday',
        owner: `Walter ${family}`,
        days: 5,
        howWeKnow: 'Paul knows how things are',
        another: false,
      });
      await checkAccessibility(page);
      assert.equal(
        await page.locator('ul.hearth-card-list').last().locator('li').count(),
        3,
        'three actions agreed at the meeting',
      );

      await team.goto(personId);
      await page.getByRole('link', { name: /The plan for Walter, in plain language/ }).click();
      await checkAccessibility(page);
      assert.match(await page.locator('main').innerText(), /What we will do[\s\S]*Ring my son Paul on Sunday/i);

      // The hub's view: Walter's team is counted, as a table behind each chart.
      await page.getByRole('link', { name: 'Teams around the person' }).click();
      await page.waitForURL('**/team-around-the-person');
      await checkAccessibility(page);
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(`Walter ${family}\\s+4`),
        'four agencies: council, housing, NHS, home care',
      );

      // Arthur's named worker (the demo's) adds to what his team knows, checked against his agreement.
      const named = await signedIn('practitioner@northbridge.example');
      try {
        const n = named.page;
        const find = new FindPersonPage(n);
        await find.goto();
        await find.search('Arthur Pemberton');
        await find
          .results()
          .getByRole('link', { name: /Arthur Pemberton/ })
          .first()
          .click();
        await n.getByRole('link', { name: 'Team around the person' }).click();
        await n.getByRole('link', { name: 'Change what the team knows' }).click();
        await checkAccessibility(n);
        assert.match(
          await n.locator('.govuk-inset-text').first().innerText(),
          /Tell them about the house and my legs\. Not about Joan/,
        );
        const box = n.getByLabel('What the team should know about Arthur');
        await box.fill(`${await box.inputValue()}\n\nHe likes to be called Arthur, not Mr Pemberton.`);
        // Not yet confirmed: refused, and the text is kept.
        await n.getByRole('button', { name: 'Save for the team' }).click();
        await n.locator('.govuk-error-summary').waitFor();
        await checkAccessibility(n);
        assert.match(await box.inputValue(), /not Mr Pemberton/);
        await n.getByLabel(/Yes, all of it is within what Arthur agreed to share/).check();
        await Promise.all([
          n.waitForURL(/\/team\?done=summary$/),
          n.getByRole('button', { name: 'Save for the team' }).click(),
        ]);
        await checkAccessibility(n);
        assert.deepEqual(named.errors, []);
      } finally {
        await named.close();
      }

      // The housing officer.
      const housing = await signedIn('housing@northbridge.example');
      try {
        const p = housing.page;
        const people = (await p.locator('#people-you-work-with + p + ul a').allInnerTexts())
          .map((s) => s.trim())
          .sort();
        assert.deepEqual(
          people,
          ['Arthur Pemberton', `Walter ${family}`],
          `only the people whose team he is in (Arthur is the demo’s): ${await p.locator('main').innerText()}`,
        );
        assert.equal((await p.goto(`/people/${personId}`))?.status(), 404, 'not the record itself');
        await checkAccessibility(p);
        assert.equal((await p.goto('/people'))?.status(), 404, 'no finding people');
        await p.goto('/');
        await p
          .locator('#people-you-work-with + p + ul')
          .getByRole('link', { name: `Walter ${family}` })
          .click();
        await p.waitForURL(`**/people/${personId}/team`);
        await checkAccessibility(p);
        assert.match(await p.locator('.hearth-needs').innerText(), /Large print/, 'how to communicate with Walter');
        await p.getByRole('link', { name: /Clear a path from the front door to the boiler/ }).click();
        await checkAccessibility(p);
        // Sent empty first: the error summary, and nothing lost.
        await p.getByRole('button', { name: 'Save progress' }).click();
        await p.locator('.govuk-error-summary').waitFor();
        await checkAccessibility(p);
        const housingTeam = new TeamPage(p);
        await housingTeam.updateProgress('Half the hall is clear. Walter kept the photo albums.', 'Still to do');
        assert.match(await p.locator('main').innerText(), /Jamal Hussain[\s\S]*Half the hall is clear/);
        await checkAccessibility(p);
        // Arthur's team (the demo's): what his named worker wrote for the team, and nothing about Joan,
        // which Arthur did not agree to share.
        await p.goto('/');
        await p.locator('#people-you-work-with + p + ul').getByRole('link', { name: 'Arthur Pemberton' }).click();
        await checkAccessibility(p);
        const arthurTeam = await p.locator('main').innerText();
        assert.match(arthurTeam, /1 overdue/);
        assert.match(arthurTeam, /What the team knows about Arthur[\s\S]*one box at a time[\s\S]*not Mr Pemberton/);
        assert.doesNotMatch(arthurTeam, /Joan/);
        assert.deepEqual(housing.errors, []);
      } finally {
        await housing.close();
      }
      assert.deepEqual(care.errors, []);
    } finally {
      await care.close();
    }
  });
});
