import { z } from 'zod';
import { role } from '../../db/schema/index.js';
import { optionalText } from '../../platform/forms.js';
import { passwordRule } from './passwords.js';

const password = z
  .string()
  .min(passwordRule.min, `Password must be ${passwordRule.min} characters or more`)
  .max(passwordRule.max, `Password must be ${passwordRule.max} characters or fewer`);

const base = {
  name: z.string().trim().min(1, 'Enter the worker’s full name').max(200, 'Name must be 200 characters or fewer'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address')
    .pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.org' }))
    .transform((e) => e.toLowerCase()),
  jobTitle: optionalText(200, 'Job title'),
  phone: optionalText(40, 'Phone number'),
  role: z.enum(role.enumValues, { message: 'Select a role' }),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  teamId: z
    .union([z.literal(''), z.uuid({ message: 'Select a team' })])
    .optional()
    .transform((v) => v || null),
};

export const newWorkerForm = z.object({ ...base, password });

export const editWorkerForm = z.object({
  ...base,
  version: z.coerce.number().int().positive(),
  // Blank keeps the current password.
  password: z
    .union([z.literal(''), password])
    .optional()
    .transform((v) => v || null),
});

export type NewWorkerInput = z.output<typeof newWorkerForm>;
export type EditWorkerInput = z.output<typeof editWorkerForm>;
