import { z } from 'zod';
import { method } from './define';
import { empty, requiredText } from './common';

export const branchSettingsSchema = z.object({
  branchCode: z.string(),
  branchName: z.string(),
  regions: z.array(z.string()),
  industries: z.array(z.string()),
  sessionIdleMinutes: z.number().int(),
  updateUrl: z.string(),
});
export type BranchSettings = z.infer<typeof branchSettingsSchema>;

const listOfNames = z
  .array(requiredText(50))
  .max(200)
  .refine((xs) => new Set(xs).size === xs.length, { error: 'list.duplicates' });

export const settingsContract = {
  'settings.getBranch': method({
    summary: 'Branch code and name, regions, industries and session settings.',
    access: 'authenticated',
    input: empty,
    output: branchSettingsSchema,
  }),
  'settings.updateBranch': method({
    summary: 'Edits the branch settings (administrators only).',
    access: ['admin'],
    input: z
      .object({
        branchCode: z
          .string()
          .trim()
          .regex(/^[A-Z0-9]{2,10}$/, { error: 'branchCode.format' })
          .optional(),
        branchName: requiredText(100).optional(),
        regions: listOfNames.optional(),
        industries: listOfNames.optional(),
        sessionIdleMinutes: z.number().int().min(5).max(720).optional(),
        updateUrl: z
          .string()
          .trim()
          .max(500)
          .refine((u) => u === '' || /^https?:\/\/\S+$/.test(u), { error: 'url.format' })
          .optional(),
      })
      .strict(),
    output: branchSettingsSchema,
  }),
} as const;
