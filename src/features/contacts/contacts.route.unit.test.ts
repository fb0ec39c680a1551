// Where a contact goes, decided without a database: chooseRoute over the facts routeFor looks up,
// the teams' hours, what counts as urgent, and a team chosen by hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig, withinTeamHours } from '../../config.js';
import { FormRefused } from '../../platform/forms.js';
import { contactForm } from './contacts.forms.js';
import { chooseRoute, isUrgent, manualRoute, type RouteFacts } from './contacts.service.js';

const north = { teamId: 't-north', teamName: 'North Locality', prefix: 'NB7' };
const outOfHours = { id: 't-ooh', name: 'Out of Hours' };
const firstContact = { id: 't-fc', name: 'First Contact' };
const named = { id: 'w-ana', name: 'Ana Silva', teamId: 't-riverside', teamName: 'Riverside Locality' };
const facts = (f: Partial<RouteFacts> = {}): RouteFacts => ({
  urgentOutOfHours: false,
  teamHoursLabel: 'Mon-Fri 09:00-17:00',
  postcode: 'NB7 1AA',
  locality: north,
  named: null,
  outOfHours,
  firstContact,
  ...f,
});

describe('chooseRoute', () => {
  test('a person with a named worker: straight to them, in their team, whatever the postcode says', () => {
    assert.deepEqual(chooseRoute(facts({ named })), {
      teamId: 't-riverside',
      teamName: 'Riverside Locality',
      workerId: 'w-ana',
      workerName: 'Ana Silva',
      routing: 'named_worker',
      reason: null,
    });
    const teamless = chooseRoute(facts({ named: { ...named, teamId: null, teamName: null } }));
    assert.deepEqual([teamless.teamId, teamless.workerId, teamless.routing], [null, 'w-ana', 'named_worker']);
  });

  test('no named worker: the locality team that covers the postcode, saying which prefix', () => {
    assert.deepEqual(chooseRoute(facts()), {
      teamId: 't-north',
      teamName: 'North Locality',
      workerId: null,
      workerName: null,
      routing: 'postcode',
      reason: 'NB7 1AA is in NB7',
    });
  });

  test('a postcode the map does not cover, or none: First Contact decides', () => {
    assert.deepEqual(chooseRoute(facts({ postcode: 'ZZ1 1ZZ', locality: null })), {
      teamId: 't-fc',
      teamName: 'First Contact',
      workerId: null,
      workerName: null,
      routing: 'first_contact',
      reason: 'ZZ1 1ZZ is not on the postcode map',
    });
    const none = chooseRoute(facts({ postcode: null, locality: null }));
    assert.deepEqual([none.teamId, none.routing, none.reason], ['t-fc', 'first_contact', 'No postcode known']);
    // No First Contact team set up: no team, which the form refuses ("choose one").
    const nowhere = chooseRoute(facts({ locality: null, firstContact: null }));
    assert.deepEqual([nowhere.teamId, nowhere.workerId, nowhere.routing], [null, null, 'first_contact']);
  });

  test('urgent outside the teams’ hours: Out of Hours, before the named worker and the locality team', () => {
    for (const f of [facts({ urgentOutOfHours: true }), facts({ urgentOutOfHours: true, named })])
      assert.deepEqual(chooseRoute(f), {
        teamId: 't-ooh',
        teamName: 'Out of Hours',
        workerId: null,
        workerName: null,
        routing: 'out_of_hours',
        reason: 'Urgent, outside North Locality’s hours (Mon-Fri 09:00-17:00)',
      });
    const noLocality = chooseRoute(facts({ urgentOutOfHours: true, locality: null }));
    assert.equal(noLocality.reason, 'Urgent, outside the locality team’s hours (Mon-Fri 09:00-17:00)');
  });

  test('urgent outside the hours with no Out of Hours team: routed as any other contact', () => {
    assert.equal(chooseRoute(facts({ urgentOutOfHours: true, outOfHours: null })).routing, 'postcode');
    assert.equal(chooseRoute(facts({ urgentOutOfHours: true, outOfHours: null, named })).routing, 'named_worker');
  });
});

describe('what is urgent, and when the teams are working', () => {
  const { teamHours } = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(64) });

  test('a crisis and a concern about abuse or neglect are urgent; nothing else is', () => {
    assert.equal(isUrgent('crisis'), true);
    assert.equal(isUrgent('abuse_or_neglect'), true);
    assert.equal(isUrgent('none'), false);
  });

  test('the teams’ hours are Monday to Friday, 09:00 to 17:00 in UK time, by default', () => {
    assert.equal(teamHours.label, 'Mon-Fri 09:00-17:00');
    const within = (iso: string) => withinTeamHours(teamHours, new Date(iso));
    assert.equal(within('2026-11-26T09:00:00Z'), true, 'a Thursday at 09:00 GMT');
    assert.equal(within('2026-11-26T16:59:00Z'), true, 'a Thursday at 16:59 GMT');
    assert.equal(within('2026-11-26T17:00:00Z'), false, 'a Thursday at 17:00 GMT');
    assert.equal(within('2026-11-26T08:59:00Z'), false, 'a Thursday at 08:59 GMT');
    assert.equal(within('2026-11-28T10:00:00Z'), false, 'a Saturday morning');
    assert.equal(within('2026-11-29T10:00:00Z'), false, 'a Sunday morning');
    assert.equal(within('2026-07-02T08:30:00Z'), true, 'a summer Thursday at 09:30 BST');
    assert.equal(within('2026-07-02T16:30:00Z'), false, 'a summer Thursday at 17:30 BST');
    const weekends = loadConfig({
      NODE_ENV: 'test',
      SESSION_SECRET: 'x'.repeat(64),
      TEAM_HOURS: 'Sat-Mon 22:00-23:30',
    });
    assert.deepEqual(weekends.teamHours.days, [6, 0, 1], 'days wrap round the week');
    assert.equal(withinTeamHours(weekends.teamHours, new Date('2026-11-29T23:00:00Z')), true, 'Sunday 23:00');
    assert.equal(withinTeamHours(weekends.teamHours, new Date('2026-11-26T23:00:00Z')), false, 'Thursday 23:00');
  });

  test('so a crisis, or abuse or neglect, out of hours goes to Out of Hours; in hours, or not urgent, to its team', () => {
    const route = (urgency: 'none' | 'crisis' | 'abuse_or_neglect', iso: string) =>
      chooseRoute(facts({ urgentOutOfHours: isUrgent(urgency) && !withinTeamHours(teamHours, new Date(iso)) })).routing;
    assert.equal(route('crisis', '2026-11-28T10:00:00Z'), 'out_of_hours');
    assert.equal(route('abuse_or_neglect', '2026-11-26T22:00:00Z'), 'out_of_hours');
    assert.equal(route('crisis', '2026-11-26T10:00:00Z'), 'postcode');
    assert.equal(route('abuse_or_neglect', '2026-11-26T10:00:00Z'), 'postcode');
    assert.equal(route('none', '2026-11-28T10:00:00Z'), 'postcode');
  });

  test('an urgent contact is never resolved at the front door: the form refuses it', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const form = {
      channel: 'phone',
      reason: 'Fell at home',
      whatHappensNext: 'We will call back today',
      outcome: 'resolved',
      resolutionKind: 'information_advice',
      resolutionDetail: 'Falls advice',
    };
    for (const urgency of ['crisis', 'abuse_or_neglect']) {
      const r = contactForm(now).safeParse({ ...form, urgency });
      assert.equal(r.success, false, urgency);
      assert.deepEqual(
        r.error?.issues.map((i) => [i.path.join('.'), i.message]),
        [['outcome', 'A crisis or a concern about abuse or neglect is always passed to the locality team']],
      );
    }
    assert.equal(contactForm(now).safeParse({ ...form, urgency: 'none' }).success, true);
  });
});

describe('a team chosen by hand', () => {
  const team = { id: 't-riverside', name: 'Riverside Locality', active: true, kind: 'locality' as const };

  test('an active team of the council’s own: the contact goes there, with the reason given', () => {
    assert.deepEqual(manualRoute(team, 'Moving to Riverside next week'), {
      teamId: 't-riverside',
      teamName: 'Riverside Locality',
      workerId: null,
      workerName: null,
      routing: 'manual',
      reason: 'Moving to Riverside next week',
    });
    assert.equal(manualRoute({ ...team, kind: 'out_of_hours' }, null).routing, 'manual');
  });

  test('no such team, an inactive one, a partner’s or "other": refused, on the team field', () => {
    const refused = [
      null,
      undefined,
      { ...team, active: false },
      { ...team, kind: 'partner' as const },
      { ...team, kind: 'other' as const },
    ];
    for (const t of refused)
      assert.throws(
        () => manualRoute(t, 'reason'),
        (err: unknown) =>
          err instanceof FormRefused && err.field === 'teamId' && err.message === 'Select an active team to pass it to',
      );
  });
});
