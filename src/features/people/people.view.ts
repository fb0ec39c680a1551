import type { Person } from '../../db/schema/index.js';
import { formatNhsNumber } from './identity.js';
import { communicationNeedLabels } from './people.forms.js';

function age(dateOfBirth: string, on: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  let years = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) years--;
  return years;
}

/** How a person is shown on every page about them: the name they like, and how to communicate with them. */
export function personView(
  p: Pick<
    Person,
    'id' | 'givenName' | 'familyName' | 'preferredName' | 'dateOfBirth' | 'dateOfDeath' | 'nhsNumber' | 'postcode'
  > &
    Partial<Person>,
  now: Date,
) {
  const known = p.preferredName && p.preferredName !== p.givenName ? p.preferredName : p.givenName;
  return {
    ...p,
    displayName: `${known} ${p.familyName}`,
    legalName: `${p.givenName} ${p.familyName}`,
    knownAs: p.preferredName && p.preferredName !== p.givenName ? p.preferredName : null,
    age: p.dateOfBirth ? age(p.dateOfBirth, p.dateOfDeath ? new Date(p.dateOfDeath) : now) : null,
    nhsNumberShown: formatNhsNumber(p.nhsNumber),
    /** The first line of the address, to tell apart people of the same name at one postcode. */
    addressLine: p.address ? p.address.split(/[,\n]/)[0].trim() : null,
    needs: (p.communicationNeeds ?? []).map((n) => communicationNeedLabels[n] ?? n),
    hasNeeds: Boolean((p.communicationNeeds?.length ?? 0) > 0 || p.communicationNotes || p.interpreterNeeded),
  };
}
