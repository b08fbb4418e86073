/** Enums of the red channel (faults and complaints), shared by the schema, services and renderer. */

export const TICKET_KINDS = ['fault', 'complaint'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** 电话 / 来访 / 邮件 / 客户经理代报. */
export const INTAKE_CHANNELS = ['phone', 'walk_in', 'email', 'account_manager'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** 业务全阻 / 严重影响 / 部分影响 / 咨询或轻微. */
export const TICKET_IMPACTS = ['outage', 'major', 'minor', 'consult'] as const;
export type TicketImpact = (typeof TICKET_IMPACTS)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** 新建 → 已派单 → 处理中 ⇄ 待客户 → 已解决 → 已答复 → 回访 → 已归档; 已取消. */
export const TICKET_STATUSES = [
  'new',
  'dispatched',
  'in_progress',
  'waiting',
  'resolved',
  'replied',
  'visited',
  'archived',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const CLOSED_STATUSES: readonly TicketStatus[] = ['archived', 'cancelled'];

export const SLA_CLOCKS = ['response', 'resolution', 'reply'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];

export const TICKET_ACTIONS = [
  'assign',
  'start',
  'wait',
  'resume',
  'resolve',
  'reply',
  'visit',
  'archive',
  'rework',
  'cancel',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * The flow: which statuses an action may start from and where it leads (null = stays). Anything not
 * listed is refused with a message naming the allowed actions.
 */
export const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus | null }> = {
  // Assigning a new ticket dispatches it; reassigning later keeps the status.
  assign: { from: ['new', 'dispatched', 'in_progress', 'waiting'], to: null },
  start: { from: ['dispatched'], to: 'in_progress' },
  wait: { from: ['in_progress'], to: 'waiting' },
  resume: { from: ['waiting'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  reply: { from: ['resolved'], to: 'replied' },
  visit: { from: ['replied'], to: 'visited' },
  archive: { from: ['visited'], to: 'archived' },
  rework: { from: ['resolved', 'replied', 'visited'], to: 'in_progress' },
  cancel: { from: ['new', 'dispatched', 'in_progress', 'waiting'], to: 'cancelled' },
};

/** The actions allowed from a status, in flow order. */
export function allowedActions(status: TicketStatus): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

export const TICKET_EVENT_KINDS = [
  'created',
  ...TICKET_ACTIONS,
  'priority',
  'note',
  'sla_warning',
  'sla_breach',
  'attachment',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** How the customer was answered (答复方式). */
export const REPLY_METHODS = ['phone', 'visit', 'email', 'sms', 'wechat'] as const;

export const NOTIFICATION_KINDS = [
  'sla_warning',
  'sla_breach',
  'customer_ticket',
  'assigned',
  // Green channel: a stage or form waiting on someone, an order returned, an answer back, a renewal due.
  'order_stage',
  'order_returned',
  'form_approval',
  'form_answered',
  'contract_renewal',
  // Yellow channel: a visit plan submitted or reviewed, a visit's next step due.
  'visit_plan',
  'visit_next_step',
  // Yellow channel's courtesy care: a gift waiting for approval, its decision, a guest follow-up due, birthdays ahead.
  'care_approval',
  'care_decided',
  'care_followup',
  'care_birthdays',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The service-desk queue views. */
export const QUEUE_VIEWS = ['mine', 'unassigned', 'warning', 'breached', 'waiting', 'open'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** A satisfaction score at or below this is "dissatisfied": rework, or a leader archives it. */
export const DISSATISFIED_MAX = 2;

export const KPI_GROUPS = ['month', 'category', 'department', 'grade'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];
