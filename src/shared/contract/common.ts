import { z } from 'zod';
import { ROLES } from '../roles';

export const roleSchema = z.enum(ROLES);
export const idSchema = z.string().min(1).max(64);
export const empty = z.object({}).strict();
export const okOutput = z.object({ ok: z.literal(true) });

/** Trimmed text; an optional max length keeps payloads sane. */
export const text = (max = 200) => z.string().trim().max(max);
export const requiredText = (max = 200) => z.string().trim().min(1).max(max);

export const pageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
};

export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** ISO-8601 timestamp in UTC, as stored. */
export const isoTime = z.string();
