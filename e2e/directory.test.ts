// Connecting a person to a resource: a practitioner finds a gardening group near a man who
// loves being outdoors, connects him to it from their conversation, and records that it
// helped. The man is registered here, with a name made for this run; the gardening group is
// the demo directory's (Green Fingers, on the allotments in Moorside, NB4).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAccessibility, openTab, useBrowser, useServer } from './harness.js';
import { ConversationFormPage, ConversationPage } from './pages/conversations.page.js';
import { ConnectFindPage, ConnectionFormPage, ConnectionPage, connectionsList } from './pages/directory.page.js';
import { PersonPage, registerThroughSearch, runTag } from './pages/people.page.js';
import { SignInPage } from './pages/sign-in.page.js';

const chromium = useBrowser();
const tag = runTag();
const practitioner = 'practitioner@northbridge.example';
const group = 'Green Fingers gardening group';

describe('connecting a person to a resource', () => {
  const server = useServer();

  it('finds a gardening group near a man who loves being outdoors, connects him to it from the conversation, and records that it helped', async () => {
    const tab = await openTab(chromium.browser, server);
    const { page } = tab;
    try {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(practitioner);
      await checkAccessibility(page);

      // Ray, who lives in Moorside.
      const familyName = `Thackeray-${tag}`;
      const personId = await registerThroughSearch(
        page,
        { givenName: 'Raymond', preferredName: 'Ray', familyName, dateOfBirth: [14, 6, 1951], postcode: 'NB4 2RT' },
        checkAccessibility,
      );
      await checkAccessibility(page);

      // The conversation.
      await Promise.all([page.waitForURL('**/conversations/new'), new PersonPage(page).recordConversation().click()]);
      const form = new ConversationFormPage(page);
      await form.waitForForm();
      await form.fill({
        kind: 'Listen and connect',
        place: 'At home',
        narrative:
          'Ray has been low since his wife died in the spring. He spent forty years as a groundsman and says he is only himself when he is outdoors with his hands in the soil. His own garden is too small now to keep him busy.',
        whatMatters: '“Being outside, doing something useful, with a few people to talk to.”',
        whatHappensNext: 'I will find a gardening group near Ray and we will decide together if he would like to go.',
      });
      await checkAccessibility(page);
      const conversationId = await form.save();
      const conversation = new ConversationPage(page);
      await checkAccessibility(page);

      // From the conversation: find a gardening group near him. His postcode is already there.
      await Promise.all([
        page.waitForURL(`**/conversations/${conversationId}/connect`),
        page.getByRole('button', { name: 'Connect to a resource' }).click(),
      ]);
      const find = new ConnectFindPage(page);
      await find.waitForPage();
      assert.equal(await find.postcode().inputValue(), 'NB4 2RT');
      await checkAccessibility(page);
      await find.search('gardening', { distance: 'Within 2 miles' });
      assert.equal(new URL(page.url()).search, '', 'what was searched for is not in the address');
      assert.match(await find.result(group).innerText(), /Northbridge Community Allotments/);
      assert.match(await find.result(group).innerText(), /\d+(\.\d)? miles away/);
      await checkAccessibility(page);

      // Choose it; say why, and who will do what.
      await find.choose(group);
      const connect = new ConnectionFormPage(page);
      assert.equal(await connect.resource().innerText(), group);
      await checkAccessibility(page);
      await connect.saveButton().click();
      await connect.errorSummary().waitFor();
      assert.deepEqual(await connect.errorSummary().getByRole('link').allInnerTexts(), [
        'Say why you are connecting them to this resource',
        'Say who will do what: them, you or the resource (at least one)',
      ]);
      assert.match(await page.title(), /^Error: /);
      await checkAccessibility(page);
      const reason = 'Outdoors, busy with his hands, with other men who like the same: what Ray said matters to him.';
      await connect.reason().fill(reason);
      await connect.personWill('Ray').fill('Go along on Tuesday morning to see what it is like.');
      await connect.workerWill().fill('Ring Dave, the allotment secretary, so someone is looking out for Ray.');
      const connectionId = await connect.save();

      const connection = new ConnectionPage(page);
      assert.match(await connection.successBanner().innerText(), /Connection saved\./);
      assert.match(await connection.heading().innerText(), new RegExp(`^${group}\\s+Follow-up not due yet$`));
      assert.equal((await connection.detail('Why').innerText()).trim(), reason);
      await checkAccessibility(page);

      // The conversation and his page show it.
      await page.goto(`/conversations/${conversationId}`);
      assert.match(await connectionsList(page).first().innerText(), new RegExp(`^${group}\\s+Follow-up not due yet`));
      assert.ok(await conversation.body().isVisible());
      await checkAccessibility(page);

      // He went, and it helped: recorded now, before the follow-up date, from his page.
      await page.goto(`/people/${personId}`);
      await checkAccessibility(page);
      await Promise.all([
        page.waitForURL(`**/connections/${connectionId}`),
        connectionsList(page).getByRole('link', { name: group }).click(),
      ]);
      await connection.howItWent().waitFor();
      await checkAccessibility(page);
      await connection.recordButton().click();
      await connection.errorSummary().waitFor();
      assert.deepEqual(await connection.errorSummary().getByRole('link').allInnerTexts(), ['Select how it went']);
      await checkAccessibility(page);
      const note =
        'Ray has been every Tuesday for a month. He has his own bed for leeks and says Dave’s brews are terrible.';
      await connection.record('It helped', note);
      assert.match(await connection.successBanner().innerText(), /Follow-up recorded\./);
      assert.match(await connection.heading().innerText(), new RegExp(`^${group}\\s+Helped$`));
      const recorded = (await connection.recorded().allInnerTexts()).join('\n');
      assert.match(recorded, /It helped\. Recorded by Tom Davies, /);
      assert.ok(recorded.includes(note));
      await checkAccessibility(page);

      await page.goto(`/people/${personId}`);
      assert.match(
        await connectionsList(page).first().innerText(),
        new RegExp(`^${group}\\s+Helped\\s+Connected .* by Tom Davies\\. Followed up .* by Tom Davies\\.$`),
      );
      await checkAccessibility(page);
      assert.deepEqual(tab.errors, []);
    } finally {
      await tab.close();
    }
  });
});
