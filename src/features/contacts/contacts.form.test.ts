// The contact form, light enough for a drop-in chat: with JavaScript, one page where only the chosen
// outcome's questions are revealed; without it, the outcome first and its questions on a second page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { conversations } from '../../db/schema/index.js';
import {
  attrs,
  errorSummary,
  inputValue,
  page as parse,
  signedIn,
  texts,
  useTestApp,
  type Agent,
} from '../../../test/helpers.js';
import {
  dayParts,
  draftOf,
  formInputs,
  isoDay,
  newPerson,
  shows,
  textareaValue,
} from '../../../test/people-factories.js';
import {
  contactForm,
  contactIdFrom,
  contactRow,
  contactsAbout,
  newFrontDoor,
  type FrontDoor,
} from '../../../test/contact-factories.js';

const checked = (html: string, name: string, value: string) =>
  parse(html)(`input[name="${name}"][value="${value}"]`).is('[checked]');
const selected = (html: string, value: string) => parse(html)(`option[value="${value}"]`).is('[selected]');

/** The controls a person can fill in (not hidden fields), by name, in the order of the page. */
function controls(html: string): string[] {
  return [...new Set(attrs(html, 'input:not([type="hidden"]), textarea, select', 'name'))];
}

/** The hidden fields of a page, by name. */
function hiddenFields(html: string): Record<string, string> {
  const $ = parse(html);
  const out: Record<string, string> = {};
  for (const input of $('input[type="hidden"][name]').toArray())
    if (input.attribs.name !== '_csrf') out[input.attribs.name] = input.attribs.value ?? '';
  return out;
}

/** The contact form split into what shows without JavaScript and each outcome's reveal (hidden without it). */
function firstPage(html: string) {
  const $ = parse(html);
  assert.deepEqual(
    $('#conditional-outcome, #outcome-2, #conditional-outcome-3, [name="whatHappensNext"]')
      .toArray()
      .map((el) => el.attribs.id),
    ['conditional-outcome', 'outcome-2', 'conditional-outcome-3', 'whatHappensNext'],
    'each outcome with questions has its reveal, under its radio',
  );
  const resolved = $.html($('#conditional-outcome'));
  const passed = $.html($('#conditional-outcome-3'));
  $('#conditional-outcome, #conditional-outcome-3').remove();
  return { withoutJs: $.html(), resolved, passed };
}

const resolvedControls = [
  'resolutionKind',
  'resolutionDetail',
  'checkBackOn-day',
  'checkBackOn-month',
  'checkBackOn-year',
];
const passedControls = ['teamChoice', 'teamId', 'routingReason'];

describe('the contact form: only what applies', () => {
  const t = useTestApp();
  let fd: FrontDoor;
  before(async () => {
    fd = await newFrontDoor(t.db);
  });
  const contactDraft = async (workerId: string, personId: string) =>
    ((await draftOf(t.db, workerId, personId, 'contact'))?.data as Record<string, string> | undefined) ?? null;

  /** The first page as a browser without JavaScript sends it: its own fields (hidden ones too), with the answers typed. */
  async function firstPageSent(agent: Agent, personId: string, typed: Record<string, string>) {
    const url = `/people/${personId}/contacts`;
    const page = await agent.get(`${url}/new`);
    assert.equal(page.statusCode, 200);
    return agent.post(url, { ...formInputs(page.body, url), teamId: '', ...typed, action: 'save' });
  }

  const drop = {
    channel: 'drop_in',
    contactName: 'Carol',
    contactRelationship: 'Daughter',
    contactReach: '07700 900123',
    reason: 'A letter from her housing association about her bathroom floor has upset her.',
    whatMattersNow: '“I just want to have a proper wash again.”',
    narrative:
      'Brenda came to the drop-in at her GP surgery.\n\nShe washes with a jug because she cannot use the bath.',
    urgency: 'none',
    whatHappensNext: 'I will ring the housing association today.',
  };

  test('the first page asks what will happen; each outcome’s questions sit only in its reveal, which shows without JavaScript only on a second page', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const html = (await agent.get(`/people/${person.id}/contacts/new`)).body;
    const { withoutJs, resolved, passed } = firstPage(html);

    assert.deepEqual(controls(withoutJs), [
      'channel',
      'contactName',
      'contactRelationship',
      'contactReach',
      'reason',
      'whatMattersNow',
      'narrative',
      'urgency',
      'outcome',
      'whatHappensNext',
    ]);
    assert.deepEqual(controls(resolved), resolvedControls);
    assert.deepEqual(controls(passed), passedControls);
    assert.equal(
      parse(html)('.govuk-form-group.hearth-branches input[name="outcome"]').length,
      3,
      'the outcomes the stylesheet hides the reveals of, without JavaScript',
    );
    assert.deepEqual(
      attrs(withoutJs, 'input[type="hidden"][name="step"][data-hearth-without-js]', 'value'),
      ['first'],
      'tells the server to ask the questions next (the page script takes it away)',
    );
    // GOV.UK's reveal markup, without its script (which would mark each radio aria-expanded).
    const $ = parse(html);
    const outcomes = $('input[name="outcome"]').first().closest('.govuk-radios');
    assert.equal(outcomes.attr('class'), 'govuk-radios');
    assert.equal(outcomes.attr('data-hearth-reveal'), '');
    assert.ok(!$.html(outcomes).includes('data-module="govuk-radios"'));
    assert.ok(!html.includes('aria-expanded'));
    const controlled = (name: string, value: string) =>
      $(`input[name="${name}"][value="${value}"]`).attr('data-aria-controls');
    assert.equal(controlled('outcome', 'resolved'), 'conditional-outcome');
    assert.equal(controlled('outcome', 'passed'), 'conditional-outcome-3');
    assert.equal(
      outcomes.find('#conditional-outcome').attr('class'),
      'govuk-radios__conditional govuk-radios__conditional--hidden',
      'hidden until chosen',
    );
    assert.equal(
      parse(passed)('input[name="teamChoice"][value="other"]').attr('data-aria-controls'),
      'conditional-teamChoice-2',
      'another team’s questions are revealed under it too',
    );
    assert.ok(texts(passed, '.hearth-route')[0].startsWith('It goes to North Locality'));
    assert.deepEqual(texts(passed, '.hearth-route strong'), ['North Locality']);
  });

  test('without JavaScript, “resolved now” brings a second page asking only how, with the first page’s answers carried and shown; it then saves them all', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Brenda', postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;

    const second = await firstPageSent(agent, person.id, { ...drop, outcome: 'resolved' });
    assert.equal(
      second.statusCode,
      200,
      errorSummary(second.body)
        .map((e) => e.text)
        .join('; '),
    );
    assert.deepEqual(errorSummary(second.body), []);
    assert.ok(texts(second.body, 'h2.govuk-heading-m').includes('Resolved now, in this conversation'));
    assert.deepEqual(controls(second.body), resolvedControls, 'only how it was resolved');
    const carried = hiddenFields(second.body);
    for (const [k, v] of Object.entries({ ...drop, outcome: 'resolved', step: 'second' }))
      assert.equal(carried[k], v, k);
    assert.equal(carried.teamChoice, 'suggested', 'the other outcome’s answers are kept too');
    for (const text of [
      'Drop-in (First Local)',
      'Carol (Daughter)',
      drop.reason,
      drop.whatMattersNow,
      'Brenda came to the drop-in',
      'What happens next',
      drop.whatHappensNext,
    ])
      assert.ok(shows(second.body, text), text);
    assert.match(
      second.body,
      /value="change" name="action"[^>]*>\s*Change what you wrote/,
      'a way back to change them',
    );
    assert.deepEqual(await contactsAbout(t.db, person.id), [], 'nothing saved yet');
    assert.equal((await contactDraft(worker.id, person.id))?.narrative, drop.narrative, 'kept as a draft meanwhile');

    const saved = await agent.post(url, {
      ...formInputs(second.body, url),
      resolutionKind: 'information_advice',
      resolutionDetail: 'Gave her the number for the Care and Repair scheme',
      ...dayParts('checkBackOn', t.clock.now(), 7),
      action: 'save',
    });
    assert.equal(
      saved.statusCode,
      303,
      errorSummary(saved.body)
        .map((e) => e.text)
        .join('; '),
    );
    const c = (await contactRow(t.db, contactIdFrom(saved.headers.location)))!;
    assert.deepEqual(
      [
        c.channel,
        c.contactName,
        c.contactRelationship,
        c.contactReach,
        c.reason,
        c.whatMattersNow,
        c.urgency,
        c.outcome,
        c.resolutionKind,
        c.resolutionDetail,
        c.checkBackOn,
        c.whatHappensNext,
        c.passedToTeamId,
      ],
      [
        'drop_in',
        'Carol',
        'Daughter',
        '07700 900123',
        drop.reason,
        drop.whatMattersNow,
        'none',
        'resolved',
        'information_advice',
        'Gave her the number for the Care and Repair scheme',
        isoDay(t.clock.now(), 7),
        drop.whatHappensNext,
        null,
      ],
    );
    const [talk] = await t.db.select().from(conversations).where(eq(conversations.id, c.conversationId!));
    assert.equal(talk.narrative.replace(/\r\n/g, '\n'), drop.narrative, 'the conversation, as typed on the first page');
    assert.equal(await contactDraft(worker.id, person.id), null, 'the draft is done with');
  });

  test('without JavaScript, “pass it on” asks only where it goes; its problems are shown there keeping everything, and “Change” goes back with everything', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { givenName: 'Olwen', postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;

    const second = await firstPageSent(agent, person.id, { ...drop, outcome: 'passed' });
    assert.equal(second.statusCode, 200);
    assert.ok(texts(second.body, 'h2.govuk-heading-m').includes('Pass it on with its story'));
    assert.deepEqual(controls(second.body), passedControls, 'only where it goes');
    assert.ok(
      texts(second.body, '.hearth-route')[0].startsWith(
        'It goes to North Locality, the locality team for their postcode',
      ),
    );
    assert.deepEqual(texts(second.body, '.hearth-route strong'), ['North Locality']);
    assert.ok(checked(second.body, 'teamChoice', 'suggested'));

    // Another team, without saying which or why: explained on the second page, nothing lost.
    const refused = await agent.post(url, {
      ...formInputs(second.body, url),
      teamChoice: 'other',
      teamId: '',
      routingReason: '',
      action: 'save',
    });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [
      { field: 'teamId', text: 'Select the team to pass it to' },
      { field: 'routingReason', text: 'Say why it goes to this team rather than the one suggested' },
    ]);
    assert.deepEqual(controls(refused.body), passedControls, 'still the second page');
    assert.ok(checked(refused.body, 'teamChoice', 'other'));
    const carried = hiddenFields(refused.body);
    for (const [k, v] of Object.entries({ ...drop, outcome: 'passed', step: 'second' })) assert.equal(carried[k], v, k);
    assert.equal((await contactDraft(worker.id, person.id))?.teamChoice, 'other', 'kept as a draft');
    assert.deepEqual(await contactsAbout(t.db, person.id), []);

    // A draft saved from the second page stays on it.
    const draft = await agent.post(url, {
      ...formInputs(refused.body, url),
      teamId: fd.riverside.id,
      routingReason: 'She is moving to Riverside',
      action: 'draft',
    });
    assert.equal(draft.statusCode, 200);
    assert.match(draft.body, /Draft saved/);
    assert.deepEqual(controls(draft.body), passedControls);
    assert.equal(textareaValue(draft.body, 'routingReason'), 'She is moving to Riverside');
    assert.ok(selected(draft.body, fd.riverside.id));

    // Back to the first page: everything from both pages is there.
    const first = await agent.post(url, { ...formInputs(draft.body, url), teamId: fd.riverside.id, action: 'change' });
    assert.equal(first.statusCode, 200);
    assert.equal(inputValue(first.body, 'step'), 'first', 'the first page again');
    for (const k of ['reason', 'whatMattersNow', 'whatHappensNext', 'routingReason'])
      assert.equal(
        textareaValue(first.body, k),
        (drop as Record<string, string>)[k] ?? 'She is moving to Riverside',
        k,
      );
    assert.equal(textareaValue(first.body, 'narrative')?.replace(/\r\n/g, '\n'), drop.narrative);
    for (const k of ['contactName', 'contactRelationship', 'contactReach'])
      assert.equal(inputValue(first.body, k), (drop as Record<string, string>)[k], k);
    assert.ok(checked(first.body, 'channel', 'drop_in'));
    assert.ok(checked(first.body, 'outcome', 'passed'));
    assert.ok(checked(first.body, 'teamChoice', 'other'));
    assert.ok(selected(first.body, fd.riverside.id));

    // Changed, and on again: the second page has what was chosen there, and saves it all.
    const again = await agent.post(url, {
      ...formInputs(first.body, url),
      teamId: fd.riverside.id,
      contactName: 'Carol Jones',
      action: 'save',
    });
    assert.equal(again.statusCode, 200);
    assert.equal(hiddenFields(again.body).contactName, 'Carol Jones');
    assert.ok(checked(again.body, 'teamChoice', 'other'));
    const saved = await agent.post(url, { ...formInputs(again.body, url), teamId: fd.riverside.id, action: 'save' });
    assert.equal(
      saved.statusCode,
      303,
      errorSummary(saved.body)
        .map((e) => e.text)
        .join('; '),
    );
    const c = (await contactRow(t.db, contactIdFrom(saved.headers.location)))!;
    assert.deepEqual(
      [
        c.channel,
        c.contactName,
        c.reason,
        c.outcome,
        c.passedToTeamId,
        c.routing,
        c.routingReason,
        c.whatHappensNext,
        c.resolutionKind,
      ],
      [
        'drop_in',
        'Carol Jones',
        drop.reason,
        'passed',
        fd.riverside.id,
        'manual',
        'She is moving to Riverside',
        drop.whatHappensNext,
        null,
      ],
    );
  });

  test('without JavaScript, the first page’s own problems are shown on it, not the outcome’s questions still to come', async () => {
    const { agent, worker } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const res = await firstPageSent(agent, person.id, { ...drop, reason: '', outcome: 'resolved' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummary(res.body), [{ field: 'reason', text: 'Say why they got in touch' }]);
    assert.equal(inputValue(res.body, 'step'), 'first');
    assert.equal(textareaValue(res.body, 'narrative')?.replace(/\r\n/g, '\n'), drop.narrative);
    assert.equal((await contactDraft(worker.id, person.id))?.narrative, drop.narrative);

    const crisis = await firstPageSent(agent, person.id, { ...drop, urgency: 'crisis', outcome: 'resolved' });
    assert.equal(crisis.statusCode, 400);
    assert.deepEqual(errorSummary(crisis.body), [
      { field: 'outcome', text: 'A crisis or a concern about abuse or neglect is always passed to the locality team' },
    ]);
    assert.deepEqual(await contactsAbout(t.db, person.id), []);
  });

  test('“I will stay with them” has no more questions: saved in one step, with or without JavaScript', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const res = await firstPageSent(agent, person.id, { ...drop, outcome: 'stayed' });
    assert.equal(
      res.statusCode,
      303,
      errorSummary(res.body)
        .map((e) => e.text)
        .join('; '),
    );
    const c = (await contactRow(t.db, contactIdFrom(res.headers.location)))!;
    assert.deepEqual([c.outcome, c.contactName, c.passedToTeamId, c.resolutionKind], ['stayed', 'Carol', null, null]);
  });

  test('with JavaScript, the one page saves in one step, whichever outcome; its problems come back on the one page', async () => {
    const { agent } = await signedIn(t.app, t.db, { role: 'front_door', teamId: fd.firstContact.id });
    const person = await newPerson(t.db, { postcode: 'NB7 1AA' });
    const url = `/people/${person.id}/contacts`;
    await agent.get(`${url}/new`);
    // The page script takes the "step" field away: the form says nothing about pages.
    const resolved = {
      ...contactForm(drop),
      outcome: 'resolved',
      resolutionKind: 'information_advice',
      resolutionDetail: 'Told her about Care and Repair',
    };
    const refused = await agent.post(url, { ...resolved, resolutionDetail: '' });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [
      { field: 'resolutionDetail', text: 'Say what information was given' },
    ]);
    assert.ok(
      firstPage(refused.body).resolved.includes('class="govuk-radios__conditional" id="conditional-outcome"'),
      'revealed, with its problem',
    );
    assert.ok(checked(refused.body, 'resolutionKind', 'information_advice'));

    const one = await agent.post(url, resolved);
    assert.equal(one.statusCode, 303);
    const c = (await contactRow(t.db, contactIdFrom(one.headers.location)))!;
    assert.deepEqual(
      [c.outcome, c.resolutionKind, c.resolutionDetail, c.contactName],
      ['resolved', 'information_advice', 'Told her about Care and Repair', 'Carol'],
    );

    const passed = await agent.post(
      url,
      contactForm({ ...drop, teamChoice: 'other', teamId: fd.hillside.id, routingReason: 'Her daughter lives there' }),
    );
    assert.equal(passed.statusCode, 303);
    const p = (await contactRow(t.db, contactIdFrom(passed.headers.location)))!;
    assert.deepEqual(
      [p.outcome, p.passedToTeamId, p.routingReason],
      ['passed', fd.hillside.id, 'Her daughter lives there'],
    );
  });
});
