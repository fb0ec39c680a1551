import type { OrganisationKind, Role, TeamKind } from '../db/schema/index.js';

export const roleLabels: Record<Role, string> = {
  front_door: 'Front-door worker',
  practitioner: 'Practitioner',
  team_manager: 'Team manager',
  quality: 'Quality and practice development',
  partner: 'Partner practitioner',
  admin: 'Administrator',
};

export const teamKindLabels: Record<TeamKind, string> = {
  locality: 'Locality team',
  first_contact: 'First Contact',
  hospital: 'Hospital',
  out_of_hours: 'Out of Hours',
  preparation_for_adulthood: 'Preparation for Adulthood',
  partner: 'Partner organisation team',
  other: 'Other central team',
};

export const organisationKindLabels: Record<OrganisationKind, string> = {
  council: 'Council',
  nhs: 'NHS body',
  housing: 'Housing provider',
  voluntary: 'Voluntary organisation',
};

/** Options for a GOV.UK radios or select macro, from a label table. */
export function optionsFrom<K extends string>(labels: Record<K, string>, selected?: string) {
  return (Object.keys(labels) as K[]).map((value) => ({
    value,
    text: labels[value],
    checked: value === selected,
    selected: value === selected,
  }));
}
