import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, isoTime, pageInput, pageOf, requiredText, text } from './common';
import { CONTRACT_DISPLAY_STATUSES, CONTRACT_STATUSES } from './order-common';

/**
 * Contracts (合同管理) of the green channel (DOMAIN.md module 3, issue #13 point 6): number per branch,
 * customer, amount in fen, sign date, term (start and end), payment and renewal terms, scanned attachments.
 * Stored status: 草稿 → 已签订 → 已续签 (a successor took over) / 已终止. What is shown (履行中 / 即将到期 /
 * 已到期) is derived from the dates and the reminder setting when read, so it never goes stale. Renewal
 * reminders go out N days (setting, default 60) before the current term's end to the owner and the leaders.
 *
 * Data scope (enforced by the services; out of scope answers NOT_FOUND):
 * - admin, leader, service_desk: every contract of the branch (the service desk reads only).
 * - account_manager: contracts of the customers they are 第一责任人 of; they draft, sign, renew, extend
 *   and terminate them.
 */

/** A local date yyyy-MM-dd (Asia/Shanghai) that exists on the calendar. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.format' })
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, { error: 'date.format' });

/** The most a contract may be worth: ¥10,000,000,000.00. */
export const MAX_CONTRACT_FEN = 1_000_000_000_000;
const amountFen = z.number().int().min(0).max(MAX_CONTRACT_FEN);

/** Days before a term's end the renewal reminder goes out (setting). */
export const DEFAULT_REMINDER_DAYS = 60;
const reminderDays = z.number().int().min(1).max(365);

/** What a caller may do to a contract now (the server checks again). */
export const CONTRACT_ACTIONS = ['update', 'sign', 'renew', 'extend', 'terminate', 'attach'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

/** Timeline kinds of a contract (green_events.kind; titles from `green.event.contract.<kind>`). */
export const CONTRACT_EVENT_KINDS = ['created', 'updated', 'signed', 'renewed', 'extended', 'terminated', 'reminder', 'attachment'] as const;

/** Sort orders of contracts.list ('-' = descending). */
export const CONTRACT_SORTS = ['endDate', '-endDate', 'amountFen', '-amountFen', 'createdAt', '-createdAt', 'number', '-number'] as const;

export const contractStatusSchema = z.enum(CONTRACT_STATUSES);
export const contractDisplayStatusSchema = z.enum(CONTRACT_DISPLAY_STATUSES);

/** A list row: the contract's terms as shown, with its derived status and days to the end. */
export const contractRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  title: z.string(),
  amountFen: z.number().int(),
  signDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  originalEndDate: z.string().nullable(),
  status: contractStatusSchema,
  displayStatus: contractDisplayStatusSchema,
  /** Days from today (Asia/Shanghai) to the end date; negative once past; null without an end. */
  daysLeft: z.number().int().nullable(),
  predecessorId: z.string().nullable(),
  successorId: z.string().nullable(),
  createdAt: isoTime,
});
export type ContractRow = z.infer<typeof contractRowSchema>;

const chainLinkSchema = z.object({
  id: z.string(),
  number: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  amountFen: z.number().int(),
  displayStatus: contractDisplayStatusSchema,
});

const attachmentSchema = z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), createdAt: isoTime });

export const contractDetailSchema = contractRowSchema.extend({
  paymentTerms: z.string(),
  renewalTerms: z.string(),
  notes: z.string(),
  remindedEndDate: z.string().nullable(),
  terminatedAt: isoTime.nullable(),
  terminateReason: z.string().nullable(),
  reminderDays: z.number().int(),
  /** The renewal chain this contract belongs to, oldest first (itself included). */
  chain: z.array(chainLinkSchema),
  /** Work orders linked to this contract (work_orders.contract_id). */
  orders: z.array(
    z.object({ id: z.string(), number: z.string(), businessTypeName: z.string(), status: z.string(), createdAt: isoTime }),
  ),
  attachments: z.array(attachmentSchema),
  events: z.array(
    z.object({ id: z.string(), at: isoTime, kind: z.string(), title: z.string(), actorName: z.string().nullable(), note: z.string() }),
  ),
  actions: z.array(z.enum(CONTRACT_ACTIONS)),
});
export type ContractDetail = z.infer<typeof contractDetailSchema>;

/** The terms every form of a contract carries; a refinement checks the term's order. */
const termFields = {
  signDate: localDateSchema.nullable().default(null),
  startDate: localDateSchema.nullable().default(null),
  endDate: localDateSchema.nullable().default(null),
};

interface Term {
  signed?: boolean;
  signDate?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

/** The end must not come before the start; signing (`requireAll`) needs all three dates. */
function checkTerm(requireAll: (v: Term) => boolean) {
  return (value: Term, ctx: z.RefinementCtx) => {
    if (requireAll(value)) {
      for (const field of ['signDate', 'startDate', 'endDate'] as const) {
        if (!value[field]) ctx.addIssue({ code: 'custom', message: 'contracts.termRequired', path: [field] });
      }
    }
    if (value.startDate && value.endDate && value.endDate < value.startDate) {
      ctx.addIssue({ code: 'custom', message: 'contracts.endBeforeStart', path: ['endDate'] });
    }
  };
}

/** Filters of the contract list; its export takes the same. */
const listFilters = {
  /** Number, title or customer name (substring). */
  query: text(100).default(''),
  displayStatus: contractDisplayStatusSchema.optional(),
  customerId: idSchema.optional(),
  ownerId: idSchema.optional(),
  endFrom: localDateSchema.optional(),
  endTo: localDateSchema.optional(),
  amountMinFen: amountFen.optional(),
  amountMaxFen: amountFen.optional(),
  sort: z.enum(CONTRACT_SORTS).default('endDate'),
};

const readers = ['admin', 'leader', 'service_desk', 'account_manager'] as const;
const writers = ['admin', 'leader', 'account_manager'] as const;
const managers = ['admin', 'leader'] as const;

export const contractsContract = {
  'contracts.create': method({
    creates: true,
    summary: 'Drafts a contract for a customer, or records it signed at once (sign date, start and end required).',
    access: writers,
    input: z
      .object({
        customerId: idSchema,
        title: requiredText(200),
        amountFen,
        signed: z.boolean().default(false),
        ...termFields,
        paymentTerms: text(2000).default(''),
        renewalTerms: text(2000).default(''),
        notes: text(2000).default(''),
        /** Leaders may name the owner; otherwise the customer's 第一责任人 (or the account manager creating it). */
        ownerId: idSchema.nullable().optional(),
      })
      .strict()
      .superRefine(checkTerm((v) => !!v.signed)),
    output: contractDetailSchema,
  }),
  'contracts.update': method({
    summary: 'Edits a contract: every field of a draft; title, amount, terms and notes of a signed one (dates move by renewal or extension).',
    access: writers,
    input: z
      .object({
        id: idSchema,
        title: requiredText(200).optional(),
        amountFen: amountFen.optional(),
        signDate: localDateSchema.nullable().optional(),
        startDate: localDateSchema.nullable().optional(),
        endDate: localDateSchema.nullable().optional(),
        paymentTerms: text(2000).optional(),
        renewalTerms: text(2000).optional(),
        notes: text(2000).optional(),
        ownerId: idSchema.nullable().optional(),
      })
      .strict()
      .superRefine(checkTerm(() => false)),
    output: contractDetailSchema,
  }),
  'contracts.sign': method({
    summary: 'Signs a draft: sign date, start and end of the term.',
    access: writers,
    input: z
      .object({ id: idSchema, signDate: localDateSchema, startDate: localDateSchema, endDate: localDateSchema })
      .strict()
      .superRefine(checkTerm(() => true)),
    output: contractDetailSchema,
  }),
  'contracts.renew': method({
    creates: true,
    summary: 'Renews a signed contract: creates the signed successor with the new term, linked both ways; the old one becomes 已续签.',
    access: writers,
    input: z
      .object({
        id: idSchema,
        title: text(200).optional(),
        amountFen,
        signDate: localDateSchema,
        startDate: localDateSchema,
        endDate: localDateSchema,
        paymentTerms: text(2000).optional(),
        renewalTerms: text(2000).optional(),
        notes: text(2000).default(''),
      })
      .strict()
      .superRefine(checkTerm(() => true)),
    output: contractDetailSchema,
  }),
  'contracts.extend': method({
    summary: 'Tacit extension (顺延): moves the current term\'s end to a later date; the original end is kept and the reminder counts from the new end.',
    access: writers,
    input: z.object({ id: idSchema, endDate: localDateSchema, note: text(500).default('') }).strict(),
    output: contractDetailSchema,
  }),
  'contracts.terminate': method({
    summary: 'Terminates a draft or signed contract with a reason.',
    access: writers,
    input: z.object({ id: idSchema, reason: requiredText(500) }).strict(),
    output: contractDetailSchema,
  }),
  'contracts.get': method({
    summary: 'One contract with its renewal chain, linked work orders, attachments, timeline and the actions the caller may take.',
    access: readers,
    input: z.object({ id: idSchema }).strict(),
    output: contractDetailSchema,
  }),
  'contracts.list': method({
    summary: 'Contracts in the caller\'s scope, filtered (shown status incl. 即将到期, customer, owner, end dates, amount), sorted and paged.',
    access: readers,
    input: z.object({ ...listFilters, ...pageInput }).strict(),
    output: pageOf(contractRowSchema).extend({ today: z.string(), reminderDays: z.number().int() }),
  }),
  'contracts.list.export': method({
    summary: 'The contract list with the same filters, order and scope as contracts.list, as an .xlsx in the caller\'s language.',
    access: readers,
    input: z.object(listFilters).strict(),
    output: exportedListSchema,
  }),
  'contracts.expiring': method({
    summary: 'Signed contracts whose term ends within N days (default: the reminder setting), soonest first, in the caller\'s scope.',
    access: readers,
    input: z.object({ days: reminderDays.optional(), ownerId: idSchema.optional(), ...pageInput }).strict(),
    output: pageOf(contractRowSchema).extend({ today: z.string(), days: z.number().int() }),
  }),
  'contracts.summary': method({
    summary: 'A customer\'s contract value roll-up for the 360 page (total signed, in force, next end) and its contracts, open and expiring first.',
    access: readers,
    input: z.object({ customerId: idSchema }).strict(),
    output: z.object({
      /** Every contract ever signed (in force, expired, renewed or terminated after signing). */
      totalSignedFen: z.number().int(),
      signedCount: z.number().int(),
      /** Signed contracts whose term runs today. */
      activeFen: z.number().int(),
      activeCount: z.number().int(),
      expiringCount: z.number().int(),
      /** The soonest end of a signed contract still running. */
      nextEndDate: z.string().nullable(),
      contracts: z.array(contractRowSchema),
    }),
  }),
  'contracts.attachments.add': method({
    creates: true,
    summary: 'Attaches a file (scanned contract; base64, up to 10 MB) to a contract.',
    access: writers,
    input: z
      .object({
        contractId: idSchema,
        fileName: requiredText(200),
        mimeType: text(100).default('application/octet-stream'),
        base64: z.string().max(14_000_000),
      })
      .strict(),
    output: attachmentSchema,
  }),
  'contracts.attachments.get': method({
    summary: 'The content of a contract attachment (base64).',
    access: readers,
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
  'contracts.settings.get': method({
    summary: 'The contract settings: how many days before a term\'s end the renewal reminder goes out.',
    access: readers,
    input: z.object({}).strict(),
    output: z.object({ reminderDays: z.number().int() }),
  }),
  'contracts.settings.save': method({
    summary: 'Saves the contract settings (renewal reminder days before the end).',
    access: managers,
    input: z.object({ reminderDays }).strict(),
    output: z.object({ reminderDays: z.number().int() }),
  }),
} as const;
