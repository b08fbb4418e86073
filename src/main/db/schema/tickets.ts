import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';
import {
  INTAKE_CHANNELS,
  NOTIFICATION_KINDS,
  PRIORITIES,
  SLA_CLOCKS,
  TICKET_EVENT_KINDS,
  TICKET_IMPACTS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '../../../shared/contract/ticket-common';

// Red channel (DOMAIN.md module 5). Customer, contact and service references are plain id columns
// without foreign keys, like the customers module's own tables: sync pages may bring a ticket before
// the customer row it points to, and a tombstoned customer must not orphan-delete its tickets.

const open = sql`is_open = 1`;

/** The editable category tree (线路中断, 网速慢, 计费争议, 服务态度 …). */
export const ticketCategories = sqliteTable(
  'ticket_categories',
  {
    ...syncColumns(),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    /** Which ticket kind offers it; null = both. */
    kind: text('kind', { enum: TICKET_KINDS }),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('ticket_categories_parent').on(t.parentId, t.sortOrder)],
);

/** Business calendars (services/sla): the definition is the CalendarDefinition JSON. */
export const slaCalendars = sqliteTable('sla_calendars', {
  ...syncColumns(),
  name: text('name').notNull(),
  definition: text('definition').notNull(),
});

/** Response, resolution and reply targets in business minutes per priority × customer grade. */
export const slaPolicies = sqliteTable(
  'sla_policies',
  {
    ...syncColumns(),
    name: text('name').notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    /** A customer grade, or '*' for any grade without its own row. */
    grade: text('grade').notNull(),
    calendarId: text('calendar_id').notNull(),
    responseMinutes: integer('response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    replyMinutes: integer('reply_minutes').notNull(),
    /** Share of a target used when the warning goes out, e.g. 0.8. */
    warnRatio: real('warn_ratio').notNull().default(0.8),
  },
  (t) => [index('sla_policies_priority_grade').on(t.priority, t.grade)],
);

/** A fault (故障) or complaint (投诉) and its whole flow, with the SLA clocks it runs on. */
export const tickets = sqliteTable(
  'tickets',
  {
    ...syncColumns(),
    /** Branch code + device code + monthly sequence, e.g. HHHT-2611-3F2A-0042 (never a global counter). */
    number: text('number').notNull(),
    kind: text('kind', { enum: TICKET_KINDS }).notNull(),
    customerId: text('customer_id').notNull(),
    /** Grade of the customer when the ticket was opened: policies and KPIs use this snapshot. */
    customerGrade: text('customer_grade'),
    contactId: text('contact_id'),
    serviceInstanceId: text('service_instance_id'),
    channel: text('channel', { enum: INTAKE_CHANNELS }).notNull(),
    /** The yellow-channel visit the ticket came from, when it did. */
    visitId: text('visit_id'),
    categoryId: text('category_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    impact: text('impact', { enum: TICKET_IMPACTS }).notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    /** Set when someone overrode the matrix's priority. */
    priorityReason: text('priority_reason'),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    /** 1 until archived or cancelled: every queue view reads the open set only. */
    isOpen: integer('is_open').notNull().default(1),
    assigneeDept: text('assignee_dept'),
    assigneeId: text('assignee_id'),
    createdById: text('created_by_id'),

    policyId: text('policy_id'),
    policyName: text('policy_name').notNull().default(''),
    calendarId: text('calendar_id'),
    calendarName: text('calendar_name').notNull().default(''),
    responseMinutes: integer('response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    replyMinutes: integer('reply_minutes').notNull(),
    warnRatio: real('warn_ratio').notNull(),
    /** Clock starts: response/reply from opening; resolution restarts at a rework. */
    resolutionStartAt: text('resolution_start_at').notNull(),
    /** JSON [{from, to|null}] of 待客户 spells, ISO UTC. */
    pauses: text('pauses').notNull().default('[]'),
    responseDueAt: text('response_due_at'),
    resolutionDueAt: text('resolution_due_at'),
    replyDueAt: text('reply_due_at'),
    /** The clock running now, its due and warning times (null while paused or when none runs). */
    slaClock: text('sla_clock', { enum: SLA_CLOCKS }),
    nextDueAt: text('next_due_at'),
    nextWarnAt: text('next_warn_at'),
    /** Queue order: next_due_at, or '~' + created_at when no clock runs, so paused tickets sort last. */
    dueSort: text('due_sort').notNull(),
    /** Escalation already sent for the running clock: 0 none, 1 warning, 2 breach. */
    slaLevel: integer('sla_level').notNull().default(0),

    respondedAt: text('responded_at'),
    responseOnTime: integer('response_on_time', { mode: 'boolean' }),
    resolvedAt: text('resolved_at'),
    /** First resolution: KPIs measure it, a rework does not rewrite it. */
    firstResolvedAt: text('first_resolved_at'),
    resolutionOnTime: integer('resolution_on_time', { mode: 'boolean' }),
    /** Business minutes from opening to first resolution, pauses excluded. */
    resolutionBusinessMinutes: real('resolution_business_minutes'),
    resolution: text('resolution').notNull().default(''),
    responsibleDept: text('responsible_dept'),
    cause: text('cause').notNull().default(''),
    ourFault: integer('our_fault', { mode: 'boolean' }),
    repliedAt: text('replied_at'),
    replyOnTime: integer('reply_on_time', { mode: 'boolean' }),
    replyMethod: text('reply_method'),
    replyContent: text('reply_content').notNull().default(''),
    visitedAt: text('visited_at'),
    satisfaction: integer('satisfaction'),
    satisfactionComment: text('satisfaction_comment').notNull().default(''),
    reworkCount: integer('rework_count').notNull().default(0),
    archivedAt: text('archived_at'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('tickets_number').on(t.branchId, t.number),
    // Queue views: the open set in due order, overall, per assignee, per status (partial indexes).
    // Trailing columns let the kind/priority filters and the warning test run on the index alone.
    index('tickets_open_due_v2').on(t.dueSort, t.nextWarnAt, t.priority, t.kind).where(open),
    index('tickets_open_assignee_due_v2').on(t.assigneeId, t.dueSort, t.priority, t.kind).where(open),
    index('tickets_open_status_due_v2').on(t.status, t.dueSort, t.priority, t.kind).where(open),
    index('tickets_open_customer_due_v2').on(t.customerId, t.dueSort, t.priority, t.kind).where(open),
    index('tickets_open_warn_v2').on(t.nextWarnAt, t.dueSort, t.priority, t.kind).where(open),
    // "P1 only" on any view: the priority's own slice of the open set, in due order.
    index('tickets_open_priority_due').on(t.priority, t.dueSort, t.nextWarnAt, t.kind).where(open),
    index('tickets_customer').on(t.customerId, t.createdAt),
    index('tickets_service_open').on(t.serviceInstanceId, t.isOpen),
    index('tickets_created').on(t.createdAt),
  ],
);

/** The ticket's timeline: every transition, assignment, note and escalation (actor, time). */
export const ticketEvents = sqliteTable(
  'ticket_events',
  {
    ...syncColumns(),
    ticketId: text('ticket_id').notNull(),
    /** Denormalised so the customer's 360 timeline reads one index. */
    customerId: text('customer_id').notNull(),
    at: text('at').notNull(),
    kind: text('kind', { enum: TICKET_EVENT_KINDS }).notNull(),
    fromStatus: text('from_status', { enum: TICKET_STATUSES }),
    toStatus: text('to_status', { enum: TICKET_STATUSES }),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    note: text('note').notNull().default(''),
    /** JSON of the facts of the event (assignee, priorities, satisfaction …). */
    data: text('data').notNull().default('{}'),
  },
  (t) => [index('ticket_events_ticket').on(t.ticketId, t.at), index('ticket_events_customer').on(t.customerId, t.at)],
);

/** Files attached to a ticket; the bytes live under <data dir>/attachments/tickets/. */
export const ticketAttachments = sqliteTable(
  'ticket_attachments',
  {
    ...syncColumns(),
    ticketId: text('ticket_id').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    mimeType: text('mime_type').notNull().default('application/octet-stream'),
  },
  (t) => [index('ticket_attachments_ticket').on(t.ticketId)],
);

/** In-app notifications for one user (escalations, faults and complaints on an account manager's customers). */
export const notifications = sqliteTable(
  'notifications',
  {
    ...syncColumns(),
    userId: text('user_id').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** A message key in src/shared/messages.ts and its params, so each reader sees their language. */
    messageKey: text('message_key').notNull(),
    params: text('params').notNull().default('{}'),
    /** Renderer route to open, e.g. /tickets/<id>. */
    route: text('route'),
    ticketId: text('ticket_id'),
    readAt: text('read_at'),
  },
  (t) => [index('notifications_user').on(t.userId, t.readAt, t.createdAt)],
);
