import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, isoTime, pageInput, pageOf, requiredText, text } from './common';
import { ORDER_STATUSES, STAGE_STATUSES } from './order-common';

/**
 * Green channel work orders (业务工单, DOMAIN.md module 3): an account manager opens an order for a customer;
 * it passes the stages of its business type's template, each stage in the queue of its department with
 * a time limit in business minutes on the branch calendar (the red channel's SLA engine). Every pass
 * through a stage is an attempt with its own times; 异常返单 ends an attempt 'returned' and opens a new
 * attempt of an earlier stage (or hands the order back to the account manager).
 *
 * Data scope (enforced by the services; out of scope answers NOT_FOUND):
 * - admin, leader, service_desk: every order. Leaders and admins act on every stage.
 * - account_manager: orders they own or of customers they are 第一责任人 of; they open orders for their
 *   customers, work the stages of department 客户经理 (需求确认, 合同签订, 客户签收) of orders they own,
 *   fix returned orders (resubmit), sign off, cancel and edit their open orders.
 * - staff and service_desk: work the stages whose department is their users.department; staff see the
 *   orders that have (or had) an attempt in their department.
 */

/** The department name that means "the order's owner (account manager)" in a stage template. */
export const OWNER_DEPARTMENT = '客户经理';

/** The stage key whose completion writes the activated services onto the customer (业务开通). */
export const ACTIVATION_STAGE_KEY = 'activation';

/** The queue views of orders.queue. */
export const ORDER_QUEUE_VIEWS = ['department', 'mine', 'warning', 'breached', 'returned'] as const;
export type OrderQueueView = (typeof ORDER_QUEUE_VIEWS)[number];

/** What a caller may do to an order now (the server checks again). Stage actions act on `currentStageId`. */
export const ORDER_ACTIONS = ['accept', 'complete', 'skip', 'return', 'resubmit', 'signoff', 'cancel', 'update', 'attach'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Timeline kinds of an order (green_events.kind; titles from `green.event.order.<kind>`). */
export const ORDER_EVENT_KINDS = [
  'created',
  'stage_entered',
  'accepted',
  'completed',
  'skipped',
  'returned',
  'resubmitted',
  'activated',
  'signed_off',
  'cancelled',
  'updated',
  'sla_warning',
  'sla_breach',
  'attachment',
] as const;

export const ORDER_SORTS = ['created', 'due', 'number'] as const;

/** The largest exact count a queue or list reports (above it `totalCapped` is true: show "10,000+"). */
export const ORDER_COUNT_CAP = 10_000;

export const orderStatusSchema = z.enum(ORDER_STATUSES);
export const stageStatusSchema = z.enum(STAGE_STATUSES);
/** A stage attempt's clock: running ok / warning / breached, finished met / missed, or none (skipped, cancelled). */
export const orderSlaStateSchema = z.enum(['ok', 'warning', 'breached', 'met', 'missed', 'none']);

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.format' });
const limitMinutes = z.number().int().min(1).max(60 * 24 * 365);
const codeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'orders.badCode' });

/** One stage of a template (and of an order's stage_plan snapshot). */
export const templateStageSchema = z.object({
  key: codeSchema,
  name: requiredText(40),
  /** A department of users.department, or 客户经理 (OWNER_DEPARTMENT) = the order's owner. */
  department: requiredText(100),
  limitMinutes,
  /** false = skippable (跳过 with a reason). */
  required: z.boolean().default(true),
});
export type TemplateStage = z.output<typeof templateStageSchema>;

export const businessTypeSchema = z.object({
  key: codeSchema,
  name: requiredText(40),
  /** Inactive types stay on their orders but cannot be chosen for new ones. */
  active: z.boolean(),
  template: z.object({ version: z.number().int(), stages: z.array(templateStageSchema) }),
});
export type BusinessType = z.output<typeof businessTypeSchema>;

export const returnReasonSchema = z.object({ code: codeSchema, name: requiredText(40), active: z.boolean().default(true) });

export const ordersConfigSchema = z.object({
  businessTypes: z.array(businessTypeSchema),
  returnReasons: z.array(returnReasonSchema),
  /** Departments a stage can go to: active users' departments, those used in templates, and 客户经理. */
  departments: z.array(z.string()),
  /** The business calendar the stage clocks run on (one of the red channel's calendars). */
  calendarId: z.string().nullable(),
  calendarName: z.string(),
  calendars: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Share of a stage's limit after which it warns (0.8 = at 80 %). */
  warnRatio: z.number(),
});
export type OrdersConfig = z.output<typeof ordersConfigSchema>;

export const productLineSchema = z.object({
  product: requiredText(100),
  quantity: z.number().int().min(1).max(100_000).default(1),
  note: text(200).default(''),
});

/** A service put into operation at 业务开通 (written to the customer's service_instances). */
export const activatedServiceSchema = z.object({
  /** An existing service of the customer to update (扩容/提速, 移机); leave out to add a new one. */
  serviceInstanceId: idSchema.optional(),
  product: requiredText(100),
  serviceNo: requiredText(64),
  bandwidth: text(50).default(''),
  address: text(200).default(''),
  monthlyFeeFen: z.number().int().min(0).max(100_000_000_00),
  startDate: localDate,
});

/** A list / queue row: where the order is, who holds it, since when, and its clock. */
export const orderRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  businessType: z.string(),
  businessTypeName: z.string(),
  status: orderStatusSchema,
  /** The open stage attempt (null when returned to the account manager, closed or cancelled). */
  currentStageId: z.string().nullable(),
  currentSeq: z.number().int().nullable(),
  currentStageName: z.string().nullable(),
  currentDept: z.string().nullable(),
  currentHolderId: z.string().nullable(),
  currentHolderName: z.string().nullable(),
  /** When the order entered its current stage (or was returned to the account manager). */
  stageSince: isoTime.nullable(),
  stageDueAt: isoTime.nullable(),
  stageWarnAt: isoTime.nullable(),
  slaState: orderSlaStateSchema,
  /** Business minutes left on the open attempt at `now` (negative when breached). */
  remainingMinutes: z.number().nullable(),
  stageCount: z.number().int(),
  returnCount: z.number().int(),
  breachCount: z.number().int(),
  expectedDate: z.string().nullable(),
  createdAt: isoTime,
  closedAt: isoTime.nullable(),
});
export type OrderRow = z.infer<typeof orderRowSchema>;

/** One pass (attempt) through a stage, planned vs actual. */
export const stageAttemptSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  attempt: z.number().int(),
  stageKey: z.string(),
  name: z.string(),
  department: z.string(),
  status: stageStatusSchema,
  enteredAt: isoTime,
  acceptedAt: isoTime.nullable(),
  completedAt: isoTime.nullable(),
  holderId: z.string().nullable(),
  holderName: z.string().nullable(),
  /** Planned limit vs business minutes used (up to now while open). */
  limitMinutes: z.number().int(),
  businessMinutes: z.number(),
  dueAt: isoTime.nullable(),
  warnAt: isoTime.nullable(),
  slaState: orderSlaStateSchema,
  result: z.string(),
  returnReason: z.string().nullable(),
  returnReasonName: z.string().nullable(),
  returnNote: z.string().nullable(),
  /** Where the return went: a seq, or -1 = the account manager. */
  returnToSeq: z.number().int().nullable(),
});
export type StageAttempt = z.infer<typeof stageAttemptSchema>;

/** A stage of the order's plan with all its attempts (oldest first). */
export const planStageSchema = templateStageSchema.extend({
  seq: z.number().int(),
  /** pending (not reached), open, done, skipped, returned (last attempt returned, not redone yet), cancelled. */
  state: z.enum(['pending', 'open', 'done', 'skipped', 'returned', 'cancelled']),
  attempts: z.array(stageAttemptSchema),
  /** 异常返单 out of this stage. */
  returns: z.number().int(),
});

export const orderEventSchema = z.object({
  id: z.string(),
  at: isoTime,
  kind: z.string(),
  actorName: z.string().nullable(),
  note: z.string(),
  /** One line in the caller's language. */
  title: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const orderAttachmentSchema = z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), createdAt: isoTime });

export const orderDetailSchema = orderRowSchema.extend({
  products: z.array(z.object({ product: z.string(), quantity: z.number().int(), note: z.string() })),
  siteAddress: z.string(),
  notes: z.string(),
  contractId: z.string().nullable(),
  contractNumber: z.string().nullable(),
  visitId: z.string().nullable(),
  createdById: z.string().nullable(),
  createdByName: z.string().nullable(),
  templateVersion: z.number().int(),
  calendarName: z.string(),
  /** End to end: the plan's total limit, business minutes used (to now while open, to sign-off when closed), on time. */
  planMinutes: z.number().int(),
  businessMinutes: z.number(),
  onTime: z.boolean().nullable(),
  activatedAt: isoTime.nullable(),
  cancelledAt: isoTime.nullable(),
  cancelReason: z.string().nullable(),
  /** While returned to the account manager: the stage it was returned from (resubmit goes back there or to the next). */
  returnedFromSeq: z.number().int().nullable(),
  stages: z.array(planStageSchema),
  events: z.array(orderEventSchema),
  attachments: z.array(orderAttachmentSchema),
  actions: z.array(z.enum(ORDER_ACTIONS)),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

/** Filters of orders.list; orders.export takes the same. */
const listFilters = {
  status: orderStatusSchema.optional(),
  /** Open (in progress or returned) / closed or cancelled; combined with status when both are given. */
  open: z.boolean().optional(),
  businessType: text(40).optional(),
  customerId: idSchema.optional(),
  ownerId: idSchema.optional(),
  /** The department of the open stage. */
  department: text(100).optional(),
  /** Order number (or its tail) or customer name. */
  q: text(100).optional(),
  /** Opened on or after / on or before (Asia/Shanghai dates). */
  createdFrom: localDate.optional(),
  createdTo: localDate.optional(),
  sort: z.enum(ORDER_SORTS).default('created'),
  dir: z.enum(['asc', 'desc']).default('desc'),
};

const editableFields = {
  products: z.array(productLineSchema).min(1).max(50).optional(),
  siteAddress: text(200).optional(),
  expectedDate: localDate.nullable().optional(),
  contractId: idSchema.nullable().optional(),
  notes: text(2000).optional(),
};

const managers = ['admin', 'leader'] as const;
const owners = ['admin', 'leader', 'account_manager'] as const;
const everyRole = ['admin', 'leader', 'account_manager', 'service_desk', 'staff'] as const;
const detailInput = z.object({ id: idSchema }).strict();

export const ordersContract = {
  'orders.config.get': method({
    summary: 'Business types with their current stage templates, return reasons, departments and the stage calendar.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: ordersConfigSchema,
  }),
  'orders.config.save': method({
    summary: 'Saves business types, stage templates and return reasons; a changed template gets the next version (running orders keep theirs).',
    access: managers,
    input: z
      .object({
        businessTypes: z
          .array(
            z.object({
              key: codeSchema,
              name: requiredText(40),
              active: z.boolean().default(true),
              stages: z.array(templateStageSchema).min(1).max(20),
            }),
          )
          .min(1)
          .max(50),
        returnReasons: z.array(returnReasonSchema).min(1).max(50),
        calendarId: idSchema.nullable().optional(),
        warnRatio: z.number().min(0.1).max(0.99).optional(),
      })
      .strict(),
    output: ordersConfigSchema,
  }),
  'orders.create': method({
    creates: true,
    summary: 'Opens a work order for a customer from its business type\'s template: number, first stage and its due time.',
    access: owners,
    input: z
      .object({
        customerId: idSchema,
        businessType: requiredText(40),
        products: z.array(productLineSchema).min(1).max(50),
        siteAddress: text(200).default(''),
        expectedDate: localDate.nullable().default(null),
        contractId: idSchema.nullable().default(null),
        visitId: idSchema.nullable().default(null),
        notes: text(2000).default(''),
        /** Leaders and admins may open for another account manager; default: the customer's 第一责任人 (or the caller). */
        ownerId: idSchema.nullable().optional(),
      })
      .strict(),
    output: orderDetailSchema,
  }),
  'orders.get': method({
    summary: 'One order: its stage plan with every attempt (planned vs actual), timeline, attachments and the caller\'s actions.',
    access: 'authenticated',
    input: detailInput,
    output: orderDetailSchema,
  }),
  'orders.list': method({
    summary: 'Orders in the caller\'s scope with filters, sort and paging.',
    access: 'authenticated',
    input: z.object({ ...listFilters, ...pageInput }).strict(),
    output: pageOf(orderRowSchema).extend({ now: isoTime, totalCapped: z.boolean() }),
  }),
  'orders.export': method({
    summary: 'orders.list\'s filters, order and scope as an .xlsx in the caller\'s language.',
    access: 'authenticated',
    input: z.object(listFilters).strict(),
    output: exportedListSchema,
  }),
  'orders.queue': method({
    summary: 'A queue view (my department\'s stages, my orders, about to breach, breached, returned) in due order.',
    access: 'authenticated',
    input: z
      .object({
        view: z.enum(ORDER_QUEUE_VIEWS).default('department'),
        /** Leaders and admins may look at another department's queue (view 'department'). */
        department: text(100).optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(orderRowSchema).extend({ now: isoTime, totalCapped: z.boolean(), department: z.string().nullable() }),
  }),
  'orders.queue.counts': method({
    summary: 'How many orders each queue view holds now (up to 10,000 each), for badges and dashboard tiles.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.record(z.enum(ORDER_QUEUE_VIEWS), z.number().int()),
  }),
  'orders.forCustomer': method({
    summary: 'A customer\'s orders for the 360 page, open first, then newest.',
    access: 'authenticated',
    input: z.object({ customerId: idSchema, ...pageInput }).strict(),
    output: pageOf(orderRowSchema),
  }),
  'orders.stage.accept': method({
    summary: 'Takes a waiting stage: the caller becomes its holder.',
    access: everyRole,
    input: z.object({ stageId: idSchema }).strict(),
    output: orderDetailSchema,
  }),
  'orders.stage.complete': method({
    summary: 'Records a stage\'s result and moves the order to the next stage; 业务开通 writes the activated services onto the customer.',
    access: everyRole,
    input: z
      .object({
        stageId: idSchema,
        result: text(2000).default(''),
        /** Required on the 业务开通 stage (key 'activation'). */
        services: z.array(activatedServiceSchema).max(50).optional(),
      })
      .strict(),
    output: orderDetailSchema,
  }),
  'orders.stage.skip': method({
    summary: 'Passes over a skippable stage with a reason.',
    access: everyRole,
    input: z.object({ stageId: idSchema, reason: requiredText(500) }).strict(),
    output: orderDetailSchema,
  }),
  'orders.stage.return': method({
    summary: '异常返单: returns the order from a stage to an earlier stage or to the account manager, with a reason code and text.',
    access: everyRole,
    input: z
      .object({
        stageId: idSchema,
        /** An earlier stage's seq; or toAccountManager: true. */
        toSeq: z.number().int().min(0).optional(),
        toAccountManager: z.boolean().optional(),
        reasonCode: requiredText(40),
        note: text(1000).default(''),
      })
      .strict()
      .superRefine((v, issue) => {
        if ((v.toSeq === undefined) === !v.toAccountManager) {
          issue.addIssue({ code: 'custom', message: 'orders.returnTarget', path: ['toSeq'] });
        }
      }),
    output: orderDetailSchema,
  }),
  'orders.resubmit': method({
    summary: 'The account manager sends a returned order back, after fixing it, to the stage it was returned from or the next one.',
    access: owners,
    input: z
      .object({
        id: idSchema,
        note: requiredText(1000),
        resume: z.enum(['returned', 'next']).default('returned'),
        ...editableFields,
      })
      .strict(),
    output: orderDetailSchema,
  }),
  'orders.signoff': method({
    summary: '客户签收: the owner completes the last stage; the order is closed and archived with its end-to-end time.',
    access: owners,
    input: z.object({ id: idSchema, note: text(1000).default('') }).strict(),
    output: orderDetailSchema,
  }),
  'orders.cancel': method({
    summary: 'Cancels an open order with a reason.',
    access: owners,
    input: z.object({ id: idSchema, reason: requiredText(500) }).strict(),
    output: orderDetailSchema,
  }),
  'orders.update': method({
    summary: 'Edits an open order\'s products, site address, expected date, contract link or notes.',
    access: owners,
    input: z.object({ id: idSchema, ...editableFields }).strict(),
    output: orderDetailSchema,
  }),
  'orders.runEscalation': method({
    summary: 'Sends due stage warnings and breach escalations (idempotent; the app runs it every minute).',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.object({ warned: z.number().int(), breached: z.number().int() }),
  }),
  'orders.attachments.add': method({
    creates: true,
    summary: 'Attaches a file (base64, up to 10 MB) to an order the caller can see.',
    access: everyRole,
    input: z
      .object({
        orderId: idSchema,
        fileName: requiredText(200),
        mimeType: text(100).default('application/octet-stream'),
        base64: z.string().max(14_000_000),
      })
      .strict(),
    output: orderAttachmentSchema,
  }),
  'orders.attachments.get': method({
    summary: 'The content of an order\'s attachment (base64).',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
} as const;
