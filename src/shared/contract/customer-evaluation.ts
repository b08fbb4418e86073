import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, okOutput, pageInput, pageOf, requiredText } from './common';
import { customerFilterSchema, customerTypeSchema, gradeSchema } from './customer-common';

/**
 * Classification and evaluation (DOMAIN.md module 2): the customer-module settings (key-customer
 * rule, pool claim limit, grade rules, warning thresholds), evaluation runs with their results,
 * churn warnings and saved list views.
 */

export const PERIOD_TYPES = ['month', 'quarter', 'year'] as const;
export const WARNING_KINDS = ['spend_drop', 'arrears', 'no_visit'] as const;

/**
 * Score = Σ weight × factor (factors 0..1, weights sum to 100):
 * amount = min(1, average monthly billed / amountTargetFen); payment = paid / billed;
 * onTime = bills paid in full by the due date / bills; share = min(1, revenue share / shareTarget);
 * growth = clamp(0.5 + growth vs previous period, 0, 1).
 * The grade is the first of strategic, key, vip, quality whose minimum the score reaches, else normal.
 */
export const gradeRulesSchema = z
  .object({
    weights: z.object({
      amount: z.number().min(0).max(100),
      payment: z.number().min(0).max(100),
      onTime: z.number().min(0).max(100),
      share: z.number().min(0).max(100),
      growth: z.number().min(0).max(100),
    }),
    amountTargetFen: z.number().int().min(1),
    shareTarget: z.number().min(0.000001).max(1),
    minScore: z.object({
      strategic: z.number().min(0).max(100),
      key: z.number().min(0).max(100),
      vip: z.number().min(0).max(100),
      quality: z.number().min(0).max(100),
    }),
    /** Customers flagged "designated strategic" always get the strategic grade. */
    designatedIsStrategic: z.boolean(),
  })
  .refine((r) => Math.abs(Object.values(r.weights).reduce((a, b) => a + b, 0) - 100) < 0.001, {
    error: 'customers.weightsSum',
  })
  .refine((r) => r.minScore.strategic >= r.minScore.key && r.minScore.key >= r.minScore.vip && r.minScore.vip >= r.minScore.quality, {
    error: 'customers.thresholdOrder',
  });
export type GradeRules = z.infer<typeof gradeRulesSchema>;

export const customerSettingsSchema = z.object({
  /** Key-customer rule: average monthly spend ≥ threshold (fen, default 300,000 = 3,000 元) ... */
  keySpendThresholdFen: z.number().int().min(0),
  /** ... or one of these types ... */
  keyTypes: z.array(customerTypeSchema),
  /** ... or designated strategic (when true). */
  keyIncludesDesignated: z.boolean(),
  /** How many pool customers one account manager may claim per calendar month. */
  claimLimitPerMonth: z.number().int().min(0).max(10000),
  gradeRules: gradeRulesSchema,
  /** Warn when last month's billed is more than this % below the previous 3 months' average. */
  warnSpendDropPercent: z.number().min(1).max(100),
  /** Warn when a bill is unpaid this many days after its due date. */
  warnArrearsDays: z.number().int().min(0).max(3650),
});
export type CustomerSettings = z.infer<typeof customerSettingsSchema>;

export const evaluationResultSchema = z.object({
  id: z.string(),
  runId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  period: z.string(),
  billCount: z.number().int(),
  billedFen: z.number().int(),
  paidFen: z.number().int(),
  /** 0..1; null without bills. */
  onTimeRatio: z.number().nullable(),
  /** Share of the branch's billed revenue in the period, 0..1. */
  revenueShare: z.number(),
  /** vs the previous period of the same length; null when that was 0. */
  growth: z.number().nullable(),
  score: z.number(),
  grade: gradeSchema,
  previousGrade: gradeSchema.nullable(),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

export const evaluationRunSchema = z.object({
  id: z.string(),
  periodType: z.enum(PERIOD_TYPES),
  /** '2026-10', '2026-Q3' or '2026'. */
  period: z.string(),
  ranAt: z.string(),
  ranByName: z.string().nullable(),
  customerCount: z.number().int(),
  /** How many customers per grade. */
  gradeCounts: z.record(z.string(), z.number().int()),
  branchBilledFen: z.number().int(),
});

export const warningSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  kind: z.enum(WARNING_KINDS),
  /** One line in the caller's language, e.g. "月消费较前三月均值下降 45%". */
  message: z.string(),
  /** spend_drop: drop in percent; arrears: days overdue. */
  value: z.number(),
  /** spend_drop: last month billed; arrears: overdue amount. */
  amountFen: z.number().int(),
  raisedAt: z.string(),
  acknowledged: z.boolean(),
});

export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: customerFilterSchema,
  /** Visible to everyone in the branch (leaders/admins may share). */
  shared: z.boolean(),
  mine: z.boolean(),
  updatedAt: z.string(),
});

const periodInput = z
  .object({ periodType: z.enum(PERIOD_TYPES), period: z.string() })
  .refine(
    (p) =>
      (p.periodType === 'month' && /^\d{4}-(0[1-9]|1[0-2])$/.test(p.period)) ||
      (p.periodType === 'quarter' && /^\d{4}-Q[1-4]$/.test(p.period)) ||
      (p.periodType === 'year' && /^\d{4}$/.test(p.period)),
    { error: 'customers.periodFormat' },
  );

/** The churn warnings list's filters; its export takes the same. */
const warningFilters = {
  kind: z.enum(WARNING_KINDS).optional(),
  /** One customer's warnings (the 360 page). */
  customerId: idSchema.optional(),
  includeAcknowledged: z.boolean().default(false),
};

export const customerEvaluationContract = {
  'customers.settings.get': method({
    summary: 'The customer-module settings with defaults filled in.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: customerSettingsSchema,
  }),
  'customers.settings.update': method({
    summary: 'Edits the key-customer rule, claim limit, grade rules or warning thresholds; recomputes key flags.',
    access: ['admin', 'leader'],
    input: customerSettingsSchema.partial().strict(),
    output: customerSettingsSchema,
  }),
  'customers.evaluate': method({
    summary: 'Runs the evaluation for a month/quarter/year: metrics → score → grade per customer, stored with history.',
    access: ['admin', 'leader'],
    input: periodInput,
    output: evaluationRunSchema,
  }),
  'customers.evaluations.runs': method({
    summary: 'Evaluation runs, newest first.',
    access: ['admin', 'leader', 'account_manager', 'staff'],
    input: z.object({ ...pageInput }).strict(),
    output: pageOf(evaluationRunSchema),
  }),
  'customers.evaluations.results': method({
    summary: 'Results of one run for customers in scope, best score first.',
    access: ['admin', 'leader', 'account_manager', 'staff'],
    input: z.object({ runId: idSchema, grade: gradeSchema.optional(), ...pageInput }).strict(),
    output: pageOf(evaluationResultSchema),
  }),
  'customers.warnings.list': method({
    summary: 'Open churn warnings: the owner sees their customers, leaders the branch.',
    access: ['admin', 'leader', 'account_manager', 'staff'],
    input: z.object({ ...warningFilters, ...pageInput }).strict(),
    output: pageOf(warningSchema),
  }),
  'customers.warnings.export': method({
    summary: 'The churn warnings with the same filters and scope as customers.warnings.list, as an .xlsx in the caller\'s language.',
    access: ['admin', 'leader', 'account_manager', 'staff'],
    input: z.object(warningFilters).strict(),
    output: exportedListSchema,
  }),
  'customers.warnings.refresh': method({
    summary: 'Recomputes the warnings from the bills now (the app also does it once a day, and within a minute of an evaluation run or a bill change).',
    access: ['admin', 'leader'],
    input: z.object({}).strict(),
    output: z.object({ open: z.number().int(), raised: z.number().int(), cleared: z.number().int() }),
  }),
  'customers.warnings.acknowledge': method({
    summary: 'Marks a warning as seen (it stays until the cause goes away).',
    access: ['admin', 'leader', 'account_manager'],
    input: z.object({ id: idSchema }).strict(),
    output: okOutput,
  }),
  'customers.views.list': method({
    summary: "The caller's saved list views plus shared ones.",
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.array(savedViewSchema),
  }),
  'customers.views.save': method({
    creates: true,
    summary: 'Saves (no id) or renames/updates a list view.',
    access: 'authenticated',
    input: z
      .object({ id: idSchema.optional(), name: requiredText(50), filters: customerFilterSchema, shared: z.boolean().default(false) })
      .strict(),
    output: savedViewSchema,
  }),
  'customers.views.delete': method({
    summary: 'Deletes one of the caller\'s views (leaders/admins may delete shared ones).',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: okOutput,
  }),
} as const;
