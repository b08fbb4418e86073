import { z } from 'zod';
import { ROLES } from '../roles';
import { normalizeTyped, parsePhone } from '../normalize';

export const roleSchema = z.enum(ROLES);
export const idSchema = z.string().min(1).max(64);
export const empty = z.object({}).strict();
export const okOutput = z.object({ ok: z.literal(true) });

/**
 * Typed text, normalised as users type it (full-width digits and letters, ideographic spaces: normalizeTyped)
 * and trimmed; the max length is the limit the form's input shows.
 */
export const text = (max = 200) => z.string().overwrite(normalizeTyped).max(max);
export const requiredText = (max = 200) => z.string().overwrite(normalizeTyped).min(1).max(max);

/** A mobile number (11 digits, 1[3-9]) as typed, stored as its 11 digits; empty allowed. */
export const mobileSchema = z
  .string()
  .max(32)
  .overwrite((v) => {
    const parsed = parsePhone(v);
    return parsed?.kind === 'mobile' ? parsed.value : normalizeTyped(v);
  })
  .refine((v) => v === '' || parsePhone(v)?.kind === 'mobile', { error: 'phone.mobile' });

/** A mobile, a landline with area code (and extension) or a 400/800/95xxx number, stored canonical; empty allowed. */
export const phoneSchema = z
  .string()
  .max(32)
  .overwrite((v) => parsePhone(v)?.value ?? normalizeTyped(v))
  .refine((v) => v === '' || parsePhone(v) !== null, { error: 'phone.any' });

export const pageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
};

export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** What every list export returns: an .xlsx as base64 and how many rows it holds. */
export const exportedListSchema = z.object({ fileName: z.string(), base64: z.string(), rowCount: z.number().int() });

/** ISO-8601 timestamp in UTC, as stored. */
export const isoTime = z.string();
