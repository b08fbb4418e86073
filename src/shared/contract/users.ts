import { z } from 'zod';
import { method } from './define';
import { idSchema, pageInput, pageOf, phoneSchema, roleSchema, text, requiredText } from './common';
import { passwordSchema, userSchema, usernameSchema } from './auth';

export { phoneSchema };

const profileFields = {
  displayName: requiredText(50),
  employeeNo: text(32),
  department: text(100),
  phone: phoneSchema,
  region: text(100),
  role: roleSchema,
};

export const userOptionSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: roleSchema,
  region: z.string(),
  department: z.string(),
});

export const usersContract = {
  'users.list': method({
    summary: 'Lists users with a search box over name, username, employee no. and phone.',
    access: ['admin', 'leader'],
    input: z
      .object({
        query: text(100).optional(),
        role: roleSchema.optional(),
        active: z.boolean().optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(userSchema),
  }),
  'users.options': method({
    summary: 'Active users for pickers (e.g. choosing an account manager).',
    access: 'authenticated',
    input: z.object({ role: roleSchema.optional() }).strict(),
    output: z.array(userOptionSchema),
  }),
  'users.create': method({
    creates: true,
    summary: 'Creates a user with an initial password.',
    access: ['admin'],
    input: z
      .object({
        username: usernameSchema,
        password: passwordSchema,
        ...profileFields,
        employeeNo: profileFields.employeeNo.default(''),
        department: profileFields.department.default(''),
        phone: profileFields.phone.default(''),
        region: profileFields.region.default(''),
      })
      .strict(),
    output: userSchema,
  }),
  'users.update': method({
    summary: "Edits a user's profile, role or active flag; deactivating ends their sessions.",
    access: ['admin'],
    input: z
      .object({
        id: idSchema,
        displayName: profileFields.displayName.optional(),
        employeeNo: profileFields.employeeNo.optional(),
        department: profileFields.department.optional(),
        phone: profileFields.phone.optional(),
        region: profileFields.region.optional(),
        role: roleSchema.optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: userSchema,
  }),
  'users.resetPassword': method({
    summary: "Sets a new password for a user and clears a lockout.",
    access: ['admin'],
    input: z.object({ id: idSchema, password: passwordSchema }).strict(),
    output: userSchema,
  }),
} as const;
