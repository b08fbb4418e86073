import { z } from 'zod';
import { requiredText, text } from './common';
import { isValidCreditCode } from '../credit-code';

/** Enums and field schemas shared by every customer contract file. */

export const CUSTOMER_TYPES = ['gov', 'group', 'enterprise', 'strategic'] as const;
export const CUSTOMER_STAGES = ['new', 'target', 'potential', 'intent', 'signed', 'churned'] as const;
export const SENSITIVITIES = ['price', 'service', 'tech'] as const;
/** Head-count bands: <20, 20–99, 100–999, 1,000–9,999, ≥10,000. */
export const CUSTOMER_SIZES = ['micro', 'small', 'medium', 'large', 'huge'] as const;
export const LIST_SORTS = ['name', 'updatedAt', 'createdAt', 'monthlySpend', 'arrears', 'grade', 'stage'] as const;
/** Why a customer counts as a key customer under the current rule. */
export const KEY_REASONS = ['spend', 'type', 'designated'] as const;

export const customerTypeSchema = z.enum(CUSTOMER_TYPES);
export const customerStageSchema = z.enum(CUSTOMER_STAGES);
export const sensitivitySchema = z.enum(SENSITIVITIES);
export const customerSizeSchema = z.enum(CUSTOMER_SIZES);

/** 统一社会信用代码: empty, or 18 characters passing the GB 32100 check character. */
export const creditCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => s === '' || isValidCreditCode(s), { error: 'customers.creditCode' });

/** A local calendar date YYYY-MM-DD (Asia/Shanghai), or null. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.format' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: 'date.format' });
/** A bill period YYYY-MM. */
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'period.format' });
export const fenSchema = z.number().int().min(0).max(1e13);
export const tagsSchema = z.array(requiredText(20)).max(20);

export const GRADES = ['strategic', 'key', 'vip', 'quality', 'normal'] as const;
export const gradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof gradeSchema>;

/** List filters; also what a saved view stores and what export takes. */
export const customerFilterSchema = z
  .object({
    /** The search box: FTS5 trigram for 3+ characters, LIKE for 1–2. */
    query: text(100).optional(),
    grade: z.array(z.union([gradeSchema, z.literal('none')])).max(6).optional(),
    stage: z.array(customerStageSchema).max(6).optional(),
    type: z.array(customerTypeSchema).max(4).optional(),
    industry: z.array(text(50)).max(50).optional(),
    region: z.array(text(50)).max(50).optional(),
    /** A user id, 'me', or 'pool' (unowned). */
    owner: text(64).optional(),
    isKey: z.boolean().optional(),
    /** true: only customers with unpaid bills; false: only without. */
    arrears: z.boolean().optional(),
    sort: z.enum(LIST_SORTS).default('updatedAt'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type CustomerFilter = z.input<typeof customerFilterSchema>;
export type CustomerType = z.infer<typeof customerTypeSchema>;
export type CustomerStage = z.infer<typeof customerStageSchema>;
