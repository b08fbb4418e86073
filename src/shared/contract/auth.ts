import { z } from 'zod';
import { method } from './define';
import { empty, okOutput, requiredText, roleSchema, text } from './common';

export const passwordSchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/[A-Za-z]/, { error: 'password.letters' })
  .regex(/[0-9]/, { error: 'password.digits' });

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'username.chars' });

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  employeeNo: z.string(),
  department: z.string(),
  phone: z.string(),
  region: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  user: userSchema,
  idleMinutes: z.number().int(),
});

export const authContract = {
  'auth.status': method({
    summary: 'Whether the first-run setup is still needed, and the branch name for the login screen.',
    access: 'public',
    input: empty,
    output: z.object({
      setupRequired: z.boolean(),
      branchCode: z.string(),
      branchName: z.string(),
      version: z.string(),
    }),
  }),
  'auth.setup': method({
    summary: 'First run only: creates the first administrator (and optionally the demo branch) and signs in.',
    access: 'public',
    input: z
      .object({
        username: usernameSchema,
        displayName: requiredText(50),
        password: passwordSchema,
        branchCode: z.string().trim().regex(/^[A-Z0-9]{2,10}$/, { error: 'branchCode.format' }),
        branchName: requiredText(100),
        demo: z.boolean().default(false),
      })
      .strict(),
    output: sessionSchema,
  }),
  'auth.login': method({
    summary: 'Signs in with username and password; five failures lock the account for 15 minutes.',
    access: 'public',
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) }).strict(),
    output: sessionSchema,
  }),
  'auth.logout': method({
    summary: 'Ends the current session.',
    access: 'authenticated',
    input: empty,
    output: okOutput,
  }),
  'auth.me': method({
    summary: 'The signed-in user.',
    access: 'authenticated',
    input: empty,
    output: userSchema,
  }),
  'auth.changePassword': method({
    summary: "Changes the signed-in user's password after checking the current one.",
    access: 'authenticated',
    input: z.object({ currentPassword: z.string().min(1).max(128), newPassword: passwordSchema }).strict(),
    output: okOutput,
  }),
} as const;

export const userInputFields = {
  displayName: requiredText(50),
  employeeNo: text(32).default(''),
  department: text(100).default(''),
  phone: text(32).default(''),
  region: text(100).default(''),
  role: roleSchema,
};
