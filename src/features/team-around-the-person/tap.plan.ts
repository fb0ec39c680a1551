import { statusLabels } from './tap.forms.js';

interface PlanMember {
  name: string;
  role: string | null;
  organisation: string | null;
  phone: string | null;
  email: string | null;
  kind: string;
}
interface PlanAction {
  what: string;
  ownerName: string;
  dueOn: string;
  howWeKnow: string;
  status: keyof typeof statusLabels;
  completedOn: string | null;
}

const longDate = (d: Date | string) =>
  new Date(d).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
const longDateTime = (d: Date) =>
  `${longDate(d)} at ${d.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' })}`;

/**
 * The plan as plain text for the person to keep: short lines, no jargon, who to ring.
 * Plain text opens on any phone or computer, reads aloud well, and prints in any size.
 */
export function plainTextPlan(
  plan: {
    person: { displayName: string; knownAs: string | null; givenName: string };
    members: PlanMember[];
    actions: PlanAction[];
    nextMeeting: { startsAt: Date; place: string } | null;
  },
  now: Date,
): string {
  const name = plan.person.knownAs ?? plan.person.givenName;
  const lines: string[] = [];
  lines.push(`Our plan with ${plan.person.displayName}`, `Written on ${longDate(now)}`, '');
  lines.push('WHO IS IN YOUR TEAM', '');
  for (const m of plan.members.filter((x) => x.kind !== 'person')) {
    lines.push(`- ${m.name}${m.role ? `, ${m.role}` : ''}${m.organisation ? `, ${m.organisation}` : ''}`);
    if (m.phone) lines.push(`  Phone: ${m.phone}`);
    if (m.email) lines.push(`  Email: ${m.email}`);
  }
  lines.push('', 'WHAT WE WILL DO', '');
  const open = plan.actions.filter((a) => a.status === 'open');
  const done = plan.actions.filter((a) => a.status === 'done');
  if (!open.length) lines.push('Nothing is waiting to be done.');
  for (const a of open) {
    lines.push(
      `- ${a.what}`,
      `  Who: ${a.ownerName}`,
      `  By: ${longDate(a.dueOn)}`,
      `  How we will know it worked: ${a.howWeKnow}`,
      '',
    );
  }
  if (done.length) {
    lines.push('', 'WHAT HAS BEEN DONE', '');
    for (const a of done)
      lines.push(`- ${a.what} (${a.ownerName}${a.completedOn ? `, ${longDate(a.completedOn)}` : ''})`);
  }
  lines.push('', 'NEXT MEETING', '');
  lines.push(
    plan.nextMeeting ? `${longDateTime(plan.nextMeeting.startsAt)}, ${plan.nextMeeting.place}` : 'Not arranged yet.',
  );
  lines.push(
    '',
    `${name}, this is your plan. If something is wrong or you want to change it, tell anyone in your team.`,
    '',
  );
  return lines.join('\n');
}
