import { z } from 'zod';
import { method } from './define';
import { idSchema, okOutput, pageInput, pageOf, requiredText, text } from './common';
import { searchMatchSchema } from './system';
import { localDateSchema } from './contracts';
import {
  KEY_REASONS,
  customerFilterSchema,
  creditCodeSchema,
  customerSizeSchema,
  customerStageSchema,
  customerTypeSchema,
  gradeSchema,
  sensitivitySchema,
  tagsSchema,
} from './customer-common';
import {
  billSchema,
  contactSchema,
  creditRecordSchema,
  customerSectionsContract,
  projectSchema,
  resourceSchema,
  serviceInstanceSchema,
} from './customer-sections';
import { customerEvaluationContract, evaluationResultSchema } from './customer-evaluation';
import { customerImportContract } from './customer-import';

export * from './customer-common';

/**
 * Key-customer profiles (DOMAIN.md module 1): the customer record, list and search, the 360 view,
 * ownership (第一责任人, transfer, 公海 pool) and the pipeline stage. Sections (key people, services,
 * bills, ...) live in customer-sections.ts, evaluation/warnings/settings/views in
 * customer-evaluation.ts, import/export in customer-import.ts.
 *
 * Data scope (enforced by the services, not only by `access`):
 * - account_manager: own customers + the pool (owner null); another manager's customer is NOT_FOUND.
 *   May write only own customers; creates are owned by the creator.
 * - leader, admin: the whole branch, every write, transfer and release.
 * - service_desk: every customer, read-only, without bills, credit, evaluations, spend and arrears
 *   (those fields come back null and `can.seeFinance` is false).
 * - staff: every customer, read-only, all sections.
 */

const customerFields = {
  name: requiredText(100),
  shortName: text(50),
  creditCode: creditCodeSchema,
  industry: text(50),
  type: customerTypeSchema,
  region: text(50),
  address: text(200),
  size: customerSizeSchema.nullable(),
  parentId: idSchema.nullable(),
  sensitivity: sensitivitySchema.nullable(),
  tags: tagsSchema,
  notes: text(2000),
  designatedStrategic: z.boolean(),
  /** 成立日期 (local yyyy-MM-dd): the founding anniversary of courtesy care. */
  foundedOn: localDateSchema.nullable(),
};

/** One row of the customer list. Money is fen; null where the caller may not see finance. */
export const customerListRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  creditCode: z.string(),
  industry: z.string(),
  type: customerTypeSchema,
  region: z.string(),
  ownerId: z.string().nullable(),
  /** Display name of the 第一责任人; null = in the pool (公海). */
  ownerName: z.string().nullable(),
  stage: customerStageSchema,
  grade: gradeSchema.nullable(),
  isKey: z.boolean(),
  monthlySpendFen: z.number().int().nullable(),
  arrearsFen: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type CustomerListRow = z.infer<typeof customerListRowSchema>;
/** A list row as customers.list returns it: with what the search box matched, when there is one. */
export const customerListItemSchema = customerListRowSchema.extend({ match: searchMatchSchema.nullable().optional() });
export type CustomerListItem = z.infer<typeof customerListItemSchema>;

/** The customer's own record as the 360 view and every write return it. */
export const customerSchema = customerListRowSchema.extend({
  address: z.string(),
  size: customerSizeSchema.nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  sensitivity: sensitivitySchema.nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  designatedStrategic: z.boolean(),
  keyReasons: z.array(z.enum(KEY_REASONS)),
  /** Period of the evaluation that set `grade`, e.g. '2026-Q3'. */
  gradePeriod: z.string().nullable(),
  foundedOn: z.string().nullable(),
  createdAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;


export const timelineEventSchema = z.object({
  /** ISO UTC. */
  at: z.string(),
  /** Which module wrote it: 'ownership', 'stage', 'evaluation', 'audit', later 'ticket', 'visit', ... */
  source: z.string(),
  /** Machine kind inside the source, e.g. 'transfer', 'claim', 'update'. */
  kind: z.string(),
  /** One line already in the caller's language. */
  title: z.string(),
  detail: z.string(),
  actorName: z.string().nullable(),
  /** Optional link for the renderer, e.g. '/tickets/abc'. */
  route: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const ownershipEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['create', 'transfer', 'release', 'claim', 'import']),
  fromOwnerId: z.string().nullable(),
  fromOwnerName: z.string().nullable(),
  toOwnerId: z.string().nullable(),
  toOwnerName: z.string().nullable(),
  byName: z.string().nullable(),
  reason: z.string(),
});

export const stageEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  fromStage: customerStageSchema.nullable(),
  toStage: customerStageSchema,
  byName: z.string().nullable(),
  note: z.string(),
});

export const customer360Schema = z.object({
  customer: customerSchema,
  contacts: z.array(contactSchema),
  services: z.array(serviceInstanceSchema),
  /** null when the caller may not see finance (service desk). Newest period first. */
  bills: z.array(billSchema).nullable(),
  billSummary: z
    .object({ billedFen: z.number().int(), paidFen: z.number().int(), arrearsFen: z.number().int(), onTimeRatio: z.number().nullable() })
    .nullable(),
  credit: z.array(creditRecordSchema).nullable(),
  projects: z.array(projectSchema),
  resources: z.array(resourceSchema),
  evaluations: z.array(evaluationResultSchema).nullable(),
  ownership: z.array(ownershipEntrySchema),
  stageHistory: z.array(stageEntrySchema),
  group: z.object({
    /** Root first, excluding the customer itself. */
    ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
    children: z.array(z.object({ id: z.string(), name: z.string(), isKey: z.boolean(), monthlySpendFen: z.number().int().nullable() })),
    /** Own + all descendants' monthly spend; null without finance scope. */
    rolledUpSpendFen: z.number().int().nullable(),
    descendantCount: z.number().int(),
  }),
  /** Newest first; other modules add their events through the timeline source hook. */
  timeline: z.array(timelineEventSchema),
  /** What the caller may do here, so the UI can hide buttons (the server checks again). */
  can: z.object({
    edit: z.boolean(),
    transfer: z.boolean(),
    release: z.boolean(),
    claim: z.boolean(),
    seeFinance: z.boolean(),
    delete: z.boolean(),
  }),
});
export type Customer360 = z.infer<typeof customer360Schema>;

/** The largest exact total customers.list reports (see `totalCapped`). */
export const LIST_COUNT_CAP = 1_000;

const ownerChange = { ids: z.array(idSchema).min(1).max(500), reason: requiredText(500) };

export const customersCoreContract = {
  'customers.list': method({
    summary: 'The customer list in the caller\'s data scope: filters, search box, sort and paging.',
    access: 'authenticated',
    input: customerFilterSchema.extend(pageInput).strict(),
    // Counting a million rows on every page costs more than the page itself: `total` is exact up to
    // LIST_COUNT_CAP; above it `totalCapped` is true and the UI shows "1,000+". `cachesRefreshing`: how many
    // customers' spend, arrears and key flag the background refresh has still to update after a big
    // bills import (their rows show the figures from before it until then).
    // With a search box, each row says what matched (`match`, for highlighting); `searchCatchingUp`: the
    // search index is still taking in a big import (results are complete, only slower).
    output: pageOf(customerListItemSchema).extend({
      totalCapped: z.boolean(),
      cachesRefreshing: z.number().int(),
      searchCatchingUp: z.boolean().optional(),
    }),
  }),
  'customers.lookup': method({
    summary: 'A few customers matching a name/code for pickers (parent group, ticket intake).',
    access: 'authenticated',
    input: z.object({ query: text(100), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), creditCode: z.string(), ownerName: z.string().nullable() })),
  }),
  'customers.get': method({
    summary: 'The customer 360 view: record, every section the caller may see, group tree and one timeline.',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: customer360Schema,
  }),
  'customers.checkDuplicate': method({
    summary: 'Whether a customer with this credit code or normalised name already exists (for the form).',
    access: ['admin', 'leader', 'account_manager'],
    input: z.object({ name: text(100).default(''), creditCode: creditCodeSchema.default(''), excludeId: idSchema.optional() }).strict(),
    output: z.object({
      duplicate: z.boolean(),
      /** Shown as "已存在，第一责任人：…" in the caller's language. */
      message: z.string().nullable(),
      /** Only when the caller may open it. */
      customerId: z.string().nullable(),
    }),
  }),
  'customers.create': method({
    creates: true,
    summary: 'Creates a customer (duplicate guard); an account manager becomes its 第一责任人.',
    access: ['admin', 'leader', 'account_manager'],
    input: z
      .object({
        ...customerFields,
        shortName: customerFields.shortName.default(''),
        creditCode: customerFields.creditCode.default(''),
        industry: customerFields.industry.default(''),
        type: customerFields.type.default('enterprise'),
        region: customerFields.region.default(''),
        address: customerFields.address.default(''),
        size: customerFields.size.default(null),
        parentId: customerFields.parentId.default(null),
        sensitivity: customerFields.sensitivity.default(null),
        tags: customerFields.tags.default([]),
        notes: customerFields.notes.default(''),
        designatedStrategic: customerFields.designatedStrategic.default(false),
        foundedOn: customerFields.foundedOn.default(null),
        stage: customerStageSchema.default('new'),
        /** Leaders/admins may pick an owner (null = pool); ignored for account managers. */
        ownerId: idSchema.nullable().optional(),
      })
      .strict(),
    output: customerSchema,
  }),
  'customers.update': method({
    summary: 'Edits basic data (not owner or stage: those have their own logged methods).',
    access: ['admin', 'leader', 'account_manager'],
    input: z
      .object({
        id: idSchema,
        name: customerFields.name.optional(),
        shortName: customerFields.shortName.optional(),
        creditCode: customerFields.creditCode.optional(),
        industry: customerFields.industry.optional(),
        type: customerFields.type.optional(),
        region: customerFields.region.optional(),
        address: customerFields.address.optional(),
        size: customerFields.size.optional(),
        parentId: customerFields.parentId.optional(),
        sensitivity: customerFields.sensitivity.optional(),
        tags: customerFields.tags.optional(),
        notes: customerFields.notes.optional(),
        designatedStrategic: customerFields.designatedStrategic.optional(),
        foundedOn: customerFields.foundedOn.optional(),
      })
      .strict(),
    output: customerSchema,
  }),
  'customers.delete': method({
    summary: 'Removes a customer (tombstone) with a reason; leaders and admins only.',
    access: ['admin', 'leader'],
    input: z.object({ id: idSchema, reason: requiredText(500) }).strict(),
    output: okOutput,
  }),
  'customers.transfer': method({
    summary: 'Moves customers to another account manager (leader/admin), with a reason, logged.',
    access: ['admin', 'leader'],
    input: z.object({ ...ownerChange, toOwnerId: idSchema }).strict(),
    output: z.object({ changed: z.number().int() }),
  }),
  'customers.release': method({
    summary: 'Releases customers to the pool (公海) with a reason, logged (leader/admin).',
    access: ['admin', 'leader'],
    input: z.object(ownerChange).strict(),
    output: z.object({ changed: z.number().int() }),
  }),
  'customers.claim': method({
    summary: 'An account manager claims pool customers, within the monthly claim limit; logged.',
    access: ['account_manager'],
    input: z.object({ ids: z.array(idSchema).min(1).max(100) }).strict(),
    output: z.object({ changed: z.number().int(), claimedThisMonth: z.number().int(), limit: z.number().int() }),
  }),
  'customers.setStage': method({
    summary: 'Moves the customer to a pipeline stage; kept in the stage history.',
    access: ['admin', 'leader', 'account_manager'],
    input: z.object({ id: idSchema, stage: customerStageSchema, note: text(500).default('') }).strict(),
    output: customerSchema,
  }),
  'customers.ownershipLog': method({
    summary: 'The ownership log across customers in scope (who moved what, when, why), newest first.',
    access: ['admin', 'leader', 'account_manager'],
    input: z.object({ customerId: idSchema.optional(), ...pageInput }).strict(),
    output: pageOf(ownershipEntrySchema.extend({ customerId: z.string(), customerName: z.string() })),
  }),
} as const;

/** Every customer-module method. */
export const customersContract = {
  ...customersCoreContract,
  ...customerSectionsContract,
  ...customerEvaluationContract,
  ...customerImportContract,
} as const;
