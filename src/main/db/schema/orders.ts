import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';
import {
  CONTRACT_STATUSES,
  FORM_KINDS,
  FORM_STATUSES,
  GREEN_ENTITIES,
  ORDER_STATUSES,
  STAGE_STATUSES,
} from '../../../shared/contract/order-common';

// Green channel (DOMAIN.md module 3): work orders with staged time limits, request forms, contracts.
// Customer, user and order references are plain id columns without foreign keys, as in the red channel:
// sync pages may bring a row before the row it points to. Business types, stage templates and return
// reasons are settings (JSON); an order keeps a snapshot of the template it started with (stage_plan).

const open = sql`is_open = 1`;
const live = sql`deleted = 0`;

/** A work order (业务工单) for a customer, passing through the stages of its template. */
export const workOrders = sqliteTable(
  'work_orders',
  {
    ...syncColumns(),
    /** Branch code + kind + month + device code + sequence, like ticket numbers. */
    number: text('number').notNull(),
    customerId: text('customer_id').notNull(),
    /** The account manager the order belongs to (receives returns, signs it off). */
    ownerId: text('owner_id'),
    createdById: text('created_by_id'),
    /** Business type key (新装, 扩容/提速 …) and its name when the order was opened. */
    businessType: text('business_type').notNull(),
    businessTypeName: text('business_type_name').notNull(),
    templateVersion: integer('template_version').notNull(),
    /** JSON snapshot of the template's stages: [{key, name, department, limitMinutes, required}]. */
    stagePlan: text('stage_plan').notNull(),
    /** JSON [{product, quantity, note}]. */
    products: text('products').notNull().default('[]'),
    siteAddress: text('site_address').notNull().default(''),
    /** Expected activation date, local yyyy-MM-dd. */
    expectedDate: text('expected_date'),
    contractId: text('contract_id'),
    /** The yellow-channel visit the order came from, when it did. */
    visitId: text('visit_id'),
    notes: text('notes').notNull().default(''),
    calendarId: text('calendar_id'),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    /** 1 until closed or cancelled: queue views read the open set only. */
    isOpen: integer('is_open').notNull().default(1),
    /** Where the order is now: the open attempt, its stage, department and holder. */
    currentStageId: text('current_stage_id'),
    currentSeq: integer('current_seq'),
    currentStageName: text('current_stage_name'),
    currentDept: text('current_dept'),
    currentHolderId: text('current_holder_id'),
    /** Due and warning times of the open attempt; due_sort is due_at, or '~' + updated_at when none runs. */
    stageDueAt: text('stage_due_at'),
    stageWarnAt: text('stage_warn_at'),
    dueSort: text('due_sort').notNull(),
    returnCount: integer('return_count').notNull().default(0),
    breachCount: integer('breach_count').notNull().default(0),
    /** End to end: the plan's total limit, business minutes from opening to 客户签收, and whether within the plan. */
    planMinutes: integer('plan_minutes').notNull().default(0),
    businessMinutes: real('business_minutes'),
    onTime: integer('on_time', { mode: 'boolean' }),
    activatedAt: text('activated_at'),
    closedAt: text('closed_at'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('work_orders_number').on(t.branchId, t.number),
    index('work_orders_open_dept_due').on(t.currentDept, t.dueSort).where(open),
    index('work_orders_open_owner_due').on(t.ownerId, t.dueSort).where(open),
    index('work_orders_open_status_due').on(t.status, t.dueSort).where(open),
    index('work_orders_open_due').on(t.dueSort, t.stageWarnAt).where(open),
    index('work_orders_open_warn').on(t.stageWarnAt, t.dueSort).where(open),
    index('work_orders_customer').on(t.customerId, t.createdAt),
    index('work_orders_owner_created').on(t.ownerId, t.createdAt),
    index('work_orders_contract').on(t.contractId).where(sql`contract_id IS NOT NULL`),
    index('work_orders_created').on(t.createdAt),
    index('work_orders_closed').on(t.closedAt, t.businessType),
  ],
);

/**
 * One pass (attempt) through one stage of an order, with its own times: a breach in a first attempt stays
 * counted after a return and redo. Business type and owner are copied so the KPIs read one table.
 */
export const orderStages = sqliteTable(
  'order_stages',
  {
    ...syncColumns(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    businessType: text('business_type').notNull(),
    ownerId: text('owner_id'),
    /** Position in the order's stage plan (0-based), the stage key and name, and the attempt number (1, 2 …). */
    seq: integer('seq').notNull(),
    stageKey: text('stage_key').notNull(),
    name: text('name').notNull(),
    department: text('department').notNull(),
    limitMinutes: integer('limit_minutes').notNull(),
    required: integer('required', { mode: 'boolean' }).notNull().default(true),
    attempt: integer('attempt').notNull().default(1),
    status: text('status', { enum: STAGE_STATUSES }).notNull(),
    isOpen: integer('is_open').notNull().default(1),
    enteredAt: text('entered_at').notNull(),
    acceptedAt: text('accepted_at'),
    /** Who holds the stage (accepted it, or was assigned it). */
    holderId: text('holder_id'),
    completedAt: text('completed_at'),
    result: text('result').notNull().default(''),
    dueAt: text('due_at'),
    warnAt: text('warn_at'),
    /** Escalation sent for this attempt: 0 none, 1 warning, 2 breach. */
    slaLevel: integer('sla_level').notNull().default(0),
    onTime: integer('on_time', { mode: 'boolean' }),
    /** Business minutes from entering to leaving the stage (done, returned or skipped). */
    businessMinutes: real('business_minutes'),
    /** 异常返单 out of this attempt: reason code, text, and where it went (a seq, or -1 = the account manager). */
    returnReason: text('return_reason'),
    returnNote: text('return_note'),
    returnToSeq: integer('return_to_seq'),
  },
  (t) => [
    index('order_stages_order').on(t.orderId, t.seq, t.attempt),
    index('order_stages_open_dept_due').on(t.department, t.dueAt).where(open),
    index('order_stages_open_holder_due').on(t.holderId, t.dueAt).where(open),
    index('order_stages_open_warn').on(t.warnAt, t.dueAt).where(open),
    index('order_stages_completed').on(t.completedAt, t.businessType, t.department),
    index('order_stages_entered').on(t.enteredAt),
  ],
);

/** A request form: 资源确认单 or 业务联系单, with approval, routing, answer and confirmation. */
export const requestForms = sqliteTable(
  'request_forms',
  {
    ...syncColumns(),
    number: text('number').notNull(),
    kind: text('kind', { enum: FORM_KINDS }).notNull(),
    customerId: text('customer_id').notNull(),
    orderId: text('order_id'),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    /** Important forms go through the department leader's approval first. */
    important: integer('important', { mode: 'boolean' }).notNull().default(false),
    drafterId: text('drafter_id').notNull(),
    drafterDept: text('drafter_dept').notNull().default(''),
    status: text('status', { enum: FORM_STATUSES }).notNull(),
    isOpen: integer('is_open').notNull().default(1),
    /** The leader whose approval is awaited now, and how many times the approval has escalated. */
    approverId: text('approver_id'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    approvedById: text('approved_by_id'),
    /** Set when a deputy approved on a leader's behalf. */
    approvedForId: text('approved_for_id'),
    approvedAt: text('approved_at'),
    approvalComment: text('approval_comment'),
    /** The department the response centre routed it to, and who answered. */
    routedDept: text('routed_dept'),
    answer: text('answer').notNull().default(''),
    answeredById: text('answered_by_id'),
    answeredAt: text('answered_at'),
    closedAt: text('closed_at'),
    /** Sent to the centre (after approval when important); business minutes from sending to the answer, on time or not. */
    sentAt: text('sent_at'),
    businessMinutes: real('business_minutes'),
    onTime: integer('on_time', { mode: 'boolean' }),
    reopenCount: integer('reopen_count').notNull().default(0),
    calendarId: text('calendar_id'),
    /** The current step's clock: start, limit, due and warning times, escalation sent (0/1/2). */
    stepStartedAt: text('step_started_at'),
    stepLimitMinutes: integer('step_limit_minutes'),
    dueAt: text('due_at'),
    warnAt: text('warn_at'),
    dueSort: text('due_sort').notNull(),
    slaLevel: integer('sla_level').notNull().default(0),
  },
  (t) => [
    uniqueIndex('request_forms_number').on(t.branchId, t.number),
    index('request_forms_open_status_due').on(t.status, t.dueSort).where(open),
    index('request_forms_open_approver_due').on(t.approverId, t.dueSort).where(open),
    index('request_forms_open_dept_due').on(t.routedDept, t.dueSort).where(open),
    index('request_forms_open_drafter_due').on(t.drafterId, t.dueSort).where(open),
    index('request_forms_open_warn').on(t.warnAt, t.dueSort).where(open),
    index('request_forms_customer').on(t.customerId, t.createdAt),
    index('request_forms_order').on(t.orderId).where(sql`order_id IS NOT NULL`),
    index('request_forms_created').on(t.createdAt),
    index('request_forms_answered').on(t.answeredAt, t.kind),
  ],
);

/** A leader's deputy for a span of dates (local yyyy-MM-dd, inclusive) while the leader is away. */
export const leaderDeputies = sqliteTable(
  'leader_deputies',
  {
    ...syncColumns(),
    leaderId: text('leader_id').notNull(),
    deputyId: text('deputy_id').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('leader_deputies_leader').on(t.leaderId, t.fromDate).where(live), index('leader_deputies_deputy').on(t.deputyId, t.fromDate).where(live)],
);

/** A contract (合同) with its term; renewing creates the successor, linked both ways. */
export const contracts = sqliteTable(
  'contracts',
  {
    ...syncColumns(),
    number: text('number').notNull(),
    customerId: text('customer_id').notNull(),
    ownerId: text('owner_id'),
    title: text('title').notNull(),
    amountFen: integer('amount_fen').notNull().default(0),
    /** Local dates yyyy-MM-dd. end_date is the current term's end (moved by a tacit extension). */
    signDate: text('sign_date'),
    startDate: text('start_date'),
    endDate: text('end_date'),
    originalEndDate: text('original_end_date'),
    paymentTerms: text('payment_terms').notNull().default(''),
    renewalTerms: text('renewal_terms').notNull().default(''),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull(),
    predecessorId: text('predecessor_id'),
    successorId: text('successor_id'),
    /** The term end the renewal reminder was sent for: a new end (renewal, extension) gets its own reminder. */
    remindedEndDate: text('reminded_end_date'),
    terminatedAt: text('terminated_at'),
    terminateReason: text('terminate_reason'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    uniqueIndex('contracts_number').on(t.branchId, t.number),
    index('contracts_customer').on(t.customerId, t.endDate).where(live),
    index('contracts_status_end').on(t.status, t.endDate).where(live),
    index('contracts_owner_status_end').on(t.ownerId, t.status, t.endDate).where(live),
    index('contracts_predecessor').on(t.predecessorId).where(sql`predecessor_id IS NOT NULL`),
  ],
);

/** The green channel's timeline: every step of orders, forms and contracts (actor, deputy, time). */
export const greenEvents = sqliteTable(
  'green_events',
  {
    ...syncColumns(),
    entity: text('entity', { enum: GREEN_ENTITIES }).notNull(),
    entityId: text('entity_id').notNull(),
    /** Denormalised so the customer's 360 timeline reads one index. */
    customerId: text('customer_id').notNull(),
    at: text('at').notNull(),
    kind: text('kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    /** When a deputy acted for a leader: the leader (the audit keeps both). */
    onBehalfOfId: text('on_behalf_of_id'),
    onBehalfOfName: text('on_behalf_of_name'),
    note: text('note').notNull().default(''),
    /** JSON of the event's facts (stage, reason code, approver …). */
    data: text('data').notNull().default('{}'),
  },
  (t) => [index('green_events_entity').on(t.entityId, t.at), index('green_events_customer').on(t.customerId, t.at)],
);

/** Files attached to an order, form or contract; the bytes live under <data dir>/attachments/<entity>/. */
export const greenAttachments = sqliteTable(
  'green_attachments',
  {
    ...syncColumns(),
    entity: text('entity', { enum: GREEN_ENTITIES }).notNull(),
    entityId: text('entity_id').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    mimeType: text('mime_type').notNull().default('application/octet-stream'),
  },
  (t) => [index('green_attachments_entity').on(t.entityId)],
);
