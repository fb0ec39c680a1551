/** The demo workers the demo people and contacts are written by, looked up by email. */
export const staffEmails = {
  tom: 'practitioner@northbridge.example',
  aisha: 'aisha.begum@northbridge.example',
  grace: 'manager@northbridge.example',
  daniel: 'daniel.kowalski@northbridge.example',
  wei: 'wei.chen@northbridge.example',
  siobhan: 'siobhan.murphy@northbridge.example',
  fatima: 'fatima.noor@northbridge.example',
  priya: 'frontdoor@northbridge.example',
  marcus: 'marcus.reid@northbridge.example',
  sunita: 'sunita.patel@northbridge.example',
} as const;
export type StaffKey = keyof typeof staffEmails;

export interface Staff {
  key: StaffKey;
  id: string;
  name: string;
  jobTitle: string;
  phone: string;
  teamId: string | null;
  role: string;
}

interface WorkerRow {
  id: string;
  email: string;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  teamId: string | null;
  role: string;
}

/** Each demo worker by key, from the workers loaded already; a missing one is an error. */
export function demoStaffFrom(rows: WorkerRow[]): Record<StaffKey, Staff> {
  const staff = {} as Record<StaffKey, Staff>;
  for (const [key, email] of Object.entries(staffEmails) as Array<[StaffKey, string]>) {
    const w = rows.find((r) => r.email === email);
    if (!w) throw new Error(`Demo worker ${email} is missing: load the demo workers first`);
    staff[key] = {
      key,
      id: w.id,
      name: w.name,
      jobTitle: w.jobTitle ?? '',
      phone: w.phone ?? '',
      teamId: w.teamId,
      role: w.role,
    };
  }
  return staff;
}
