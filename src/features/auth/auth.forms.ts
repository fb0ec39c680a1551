import { z } from 'zod';

export const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(320, 'Enter a correct email address and password'),
  password: z.string().min(1, 'Enter your password').max(1000, 'Enter a correct email address and password'),
  next: z.string().optional(),
});
