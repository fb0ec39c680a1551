import { and, count, isNull, lt, sql } from 'drizzle-orm';
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import {
  localityPostcodes,
  notifications,
  organisations,
  teams,
  workers,
  type Role,
  type TeamKind,
} from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { hashPassword } from '../workers/passwords.js';
import { seedDemoContacts, type DemoSettings } from './demo.contacts.js';

export type { DemoSettings } from './demo.contacts.js';
import { demoActors, demoConfig } from './demo.context.js';
import { seedDemoDirectory } from './demo.directory.js';
import { seedDemoPeople } from './demo.people.js';
import { seedDemoTaps } from './demo.tap.js';

export const demoPassword = 'hearth-demo-password';

/**
 * A fictional city: Northbridge, postcodes NB1 to NB14. Seven locality teams cover two
 * districts each; the central teams and three partner organisations sit beside them.
 */
export const demoLocalities: Array<[string, string[]]> = [
  ['North locality team', ['NB1', 'NB2']],
  ['North East locality team', ['NB3', 'NB4']],
  ['East locality team', ['NB5', 'NB6']],
  ['South East locality team', ['NB7', 'NB8']],
  ['South locality team', ['NB9', 'NB10']],
  ['West locality team', ['NB11', 'NB12']],
  ['Central locality team', ['NB13', 'NB14']],
];

/** Partner organisations' teams: [team, organisation]. */
export const demoPartnerTeams: Array<[string, string]> = [
  ['Tenancy support', 'Northbridge Homes'],
  ['District nursing', 'Northbridge Community Health NHS Trust'],
  ['Occupational therapy', 'Northbridge Community Health NHS Trust'],
  ['Community connectors', 'Northbridge Voluntary Action'],
];

export const demoCentralTeams: Array<[string, TeamKind]> = [
  ['First Contact', 'first_contact'],
  ['Hospital team', 'hospital'],
  ['Out of Hours', 'out_of_hours'],
  ['Preparation for Adulthood', 'preparation_for_adulthood'],
  ['Quality and Practice Development', 'other'],
  ['Business Support', 'other'],
];

interface DemoWorker {
  name: string;
  email: string;
  role: Role;
  jobTitle: string;
  organisation: string;
  team: string;
}

const council = 'council';
export const demoWorkers: DemoWorker[] = [
  {
    name: 'Sam Okafor',
    email: 'admin@northbridge.example',
    role: 'admin',
    jobTitle: 'Systems administrator',
    organisation: council,
    team: 'Business Support',
  },
  {
    name: 'Priya Shah',
    email: 'frontdoor@northbridge.example',
    role: 'front_door',
    jobTitle: 'First Contact officer',
    organisation: council,
    team: 'First Contact',
  },
  {
    name: 'Tom Davies',
    email: 'practitioner@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Social worker',
    organisation: council,
    team: 'North East locality team',
  },
  {
    name: 'Grace Mensah',
    email: 'manager@northbridge.example',
    role: 'team_manager',
    jobTitle: 'Team manager',
    organisation: council,
    team: 'North East locality team',
  },
  {
    name: 'Helen Wright',
    email: 'quality@northbridge.example',
    role: 'quality',
    jobTitle: 'Practice development lead',
    organisation: council,
    team: 'Quality and Practice Development',
  },
  {
    name: 'Jamal Hussain',
    email: 'housing@northbridge.example',
    role: 'partner',
    jobTitle: 'Housing officer',
    organisation: 'Northbridge Homes',
    team: 'Tenancy support',
  },
  {
    name: 'Ruth Evans',
    email: 'nurse@northbridge.example',
    role: 'partner',
    jobTitle: 'District nurse',
    organisation: 'Northbridge Community Health NHS Trust',
    team: 'District nursing',
  },
  {
    name: 'Kofi Boateng',
    email: 'community@northbridge.example',
    role: 'partner',
    jobTitle: 'Community support worker',
    organisation: 'Northbridge Voluntary Action',
    team: 'Community connectors',
  },
  {
    name: 'Aisha Begum',
    email: 'aisha.begum@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Care manager',
    organisation: council,
    team: 'North East locality team',
  },
  {
    name: 'Daniel Kowalski',
    email: 'daniel.kowalski@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Occupational therapist',
    organisation: council,
    team: 'South East locality team',
  },
  {
    name: 'Siobhan Murphy',
    email: 'siobhan.murphy@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Community support worker',
    organisation: council,
    team: 'West locality team',
  },
  {
    name: 'Wei Chen',
    email: 'wei.chen@northbridge.example',
    role: 'team_manager',
    jobTitle: 'Team manager',
    organisation: council,
    team: 'South East locality team',
  },
  {
    name: 'Marcus Reid',
    email: 'marcus.reid@northbridge.example',
    role: 'front_door',
    jobTitle: 'First Local drop-in worker',
    organisation: council,
    team: 'First Contact',
  },
  {
    name: 'Fatima Noor',
    email: 'fatima.noor@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Social worker',
    organisation: council,
    team: 'Hospital team',
  },
  // Someone in every team that contacts can be passed to, so none waits where no one can take it.
  {
    name: 'Owen Price',
    email: 'owen.price@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Social worker',
    organisation: council,
    team: 'North locality team',
  },
  {
    name: 'Maryam Ali',
    email: 'maryam.ali@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Care manager',
    organisation: council,
    team: 'East locality team',
  },
  {
    name: 'Gareth Hughes',
    email: 'gareth.hughes@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Community support worker',
    organisation: council,
    team: 'South locality team',
  },
  {
    name: 'Chloe Martin',
    email: 'chloe.martin@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Social worker',
    organisation: council,
    team: 'Central locality team',
  },
  {
    name: 'Sunita Patel',
    email: 'sunita.patel@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Out of hours social worker',
    organisation: council,
    team: 'Out of Hours',
  },
  {
    name: 'Ben Carter',
    email: 'ben.carter@northbridge.example',
    role: 'practitioner',
    jobTitle: 'Transitions worker',
    organisation: council,
    team: 'Preparation for Adulthood',
  },
];

const YEAR = 365 * 86_400_000;

/**
 * Loads the demo organisations, teams, workers, postcode map and people into an empty
 * database. Returns false if it was not empty. Every date is relative to `now`, and contacts
 * follow `settings` (Hearth's defaults unless the caller passes the ones it runs with).
 */
export async function seedDemoData(
  db: Db,
  organisationName: string,
  now = new Date(),
  settings: DemoSettings = loadConfig({ SESSION_SECRET: 'only the defaults are read, never this' }),
): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(organisations);
  if (n > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  // Northbridge set Hearth up three years ago, before anything in the demo happened.
  const setUp = new Date(now.getTime() - 3 * YEAR);

  await db.transaction(async (tx) => {
    const orgs = await tx
      .insert(organisations)
      .values(
        [
          { name: organisationName, kind: 'council' as const },
          { name: 'Northbridge Homes', kind: 'housing' as const },
          { name: 'Northbridge Community Health NHS Trust', kind: 'nhs' as const },
          { name: 'Northbridge Voluntary Action', kind: 'voluntary' as const },
        ].map((o) => ({ ...o, createdAt: setUp })),
      )
      .returning();
    const orgId = (name: string) => orgs.find((o) => o.name === (name === council ? organisationName : name))!.id;

    const teamRows = await tx
      .insert(teams)
      .values(
        [
          ...demoLocalities.map(([name]) => ({ name, kind: 'locality' as const, organisationId: orgId(council) })),
          ...demoCentralTeams.map(([name, kind]) => ({ name, kind, organisationId: orgId(council) })),
          ...demoPartnerTeams.map(([name, organisation]) => ({
            name,
            kind: 'partner' as const,
            organisationId: orgId(organisation),
          })),
        ].map((t) => ({ ...t, createdAt: setUp, updatedAt: setUp })),
      )
      .returning();
    const teamId = (name: string) => teamRows.find((t) => t.name === name)!.id;

    await tx
      .insert(localityPostcodes)
      .values(
        demoLocalities.flatMap(([name, prefixes]) =>
          prefixes.map((prefix) => ({ prefix, teamId: teamId(name), createdAt: setUp })),
        ),
      );

    await tx.insert(workers).values(
      demoWorkers.map((w) => ({
        name: w.name,
        email: w.email,
        role: w.role,
        jobTitle: w.jobTitle,
        phone: '01632 960' + String(100 + demoWorkers.indexOf(w)),
        organisationId: orgId(w.organisation),
        teamId: teamId(w.team),
        passwordHash,
        createdAt: setUp,
        updatedAt: setUp,
      })),
    );
    const actors = await demoActors(tx, demoConfig(settings));
    const loaded = await seedDemoPeople(tx, now, actors);
    const contacted = await seedDemoContacts(tx, now, settings);
    const teamsAround = await seedDemoTaps(tx, now, actors);
    await actors.flush();
    const directory = await seedDemoDirectory(tx, now);
    // The workers have read what they were told more than a week ago, the next day (a worker
    // reads them one by one, which is no part of the story): their home pages show what is new.
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    await tx
      .update(notifications)
      .set({ readAt: sql`${notifications.createdAt} + interval '1 day'` })
      .where(and(isNull(notifications.readAt), lt(notifications.createdAt, weekAgo)));
    await writeAudit(
      tx,
      { workerId: null, requestId: null },
      {
        action: 'create',
        entity: 'demo_data',
        details: {
          workers: demoWorkers.length,
          ...loaded,
          contacts: contacted.contacts,
          teamsAroundThePerson: teamsAround.taps,
          resources: directory.resources,
        },
      },
    );
  });
  return true;
}
