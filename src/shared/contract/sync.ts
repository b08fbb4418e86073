import { z } from 'zod';
import { method } from './define';
import { empty, isoTime } from './common';

export const SYNC_ERROR_CODES = [
  'NOT_CONFIGURED',
  'NETWORK',
  'UNAUTHORIZED',
  'UPDATE_REQUIRED',
  'BRANCH_MISMATCH',
  'BAD_REQUEST',
  'BAD_RESPONSE',
  'NOT_FOUND',
  'INTERNAL',
  'CLOCK_AHEAD',
  'APPLY',
] as const;
export type SyncErrorCodeName = (typeof SYNC_ERROR_CODES)[number];

export const syncStatusSchema = z.object({
  configured: z.boolean(),
  hqUrl: z.string(),
  hasToken: z.boolean(),
  intervalMinutes: z.number().int(),
  /** Branch code HQ registered this device under, once it has answered. */
  hqBranchCode: z.string().nullable(),
  running: z.boolean(),
  phase: z.enum(['idle', 'push', 'pull']),
  progressPushed: z.number().int(),
  progressPulled: z.number().int(),
  pendingCount: z.number().int(),
  heldCount: z.number().int(),
  rejectedCount: z.number().int(),
  lastAttemptAt: isoTime.nullable(),
  lastSuccessAt: isoTime.nullable(),
  nextRunAt: isoTime.nullable(),
  /** The last problem, explained in the caller's language with what to do next. */
  lastError: z
    .object({ code: z.enum(SYNC_ERROR_CODES), message: z.string(), at: isoTime.nullable() })
    .nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncContract = {
  'sync.status': method({
    summary: 'Headquarters sync state: last success, pending outbox, last error, progress of a running sync.',
    access: 'authenticated',
    input: empty,
    output: syncStatusSchema,
  }),
  'sync.configure': method({
    summary: 'Sets the headquarters address, this device token and the sync interval (administrators only).',
    access: ['admin'],
    input: z
      .object({
        hqUrl: z
          .string()
          .trim()
          .max(500)
          .refine((u) => u === '' || /^https?:\/\/\S+$/.test(u), { error: 'url.format' }),
        /** Omitted keeps the stored token; an empty string removes it. */
        deviceToken: z.string().trim().max(200).optional(),
        intervalMinutes: z.number().int().min(1).max(1440),
      })
      .strict(),
    output: syncStatusSchema,
  }),
  'sync.now': method({
    summary: 'Syncs with headquarters now (push, then pull) and returns the resulting status.',
    access: 'authenticated',
    input: empty,
    output: syncStatusSchema,
  }),
  'sync.rejections': method({
    summary: 'Recent local changes headquarters refused, newest first (administrators only).',
    access: ['admin'],
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(
      z.object({
        mutationId: z.string(),
        tableName: z.string(),
        rowId: z.string(),
        code: z.string(),
        at: isoTime,
      }),
    ),
  }),
} as const;
