import { z } from 'zod';
import { organisationKind, teamKind } from '../../db/schema/index.js';
import { optionalEmail, optionalText } from '../../platform/forms.js';

export const teamForm = z.object({
  name: z.string().trim().min(1, 'Enter the team’s name').max(200, 'Name must be 200 characters or fewer'),
  kind: z.enum(teamKind.enumValues, { message: 'Select what kind of team it is' }),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  email: optionalEmail('team@example.org'),
  phone: optionalText(40, 'Phone number'),
});

export const editTeamForm = teamForm.extend({ version: z.coerce.number().int().positive() });

export const organisationForm = z.object({
  name: z.string().trim().min(1, 'Enter the organisation’s name').max(200, 'Name must be 200 characters or fewer'),
  kind: z.enum(organisationKind.enumValues, { message: 'Select what kind of organisation it is' }),
});

/** A postcode area ("LS"), district ("LS6", "EC1A") or sector ("LS6 2"). */
export function normalisePrefix(input: string): string | null {
  const p = input.trim().toUpperCase().replace(/\s+/g, ' ');
  return /^[A-Z]{1,2}(\d[A-Z\d]?( \d)?)?$/.test(p) ? p : null;
}

export const postcodeAreaForm = z.object({
  prefix: z
    .string()
    .trim()
    .min(1, 'Enter a postcode area, district or sector, like LS, LS6 or LS6 2')
    .transform((v, c) => {
      const p = normalisePrefix(v);
      if (!p) {
        c.addIssue({
          code: 'custom',
          message: 'Enter a postcode area, district or sector in the correct format, like LS, LS6 or LS6 2',
        });
        return z.NEVER;
      }
      return p;
    }),
  teamId: z.uuid({ message: 'Select the locality team that covers it' }),
});

export type TeamInput = z.output<typeof teamForm>;
export type EditTeamInput = z.output<typeof editTeamForm>;
