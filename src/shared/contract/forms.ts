import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, isoTime, okOutput, pageInput, pageOf, requiredText, text } from './common';
import { FORM_KINDS, FORM_STATUSES } from './order-common';
import { reportDocumentSchema } from './reports';

/**
 * Request forms of the green channel (issue #13 point 5): 资源确认单 and 业务联系单 drafted by an account
 * manager, approved by the department leader when important (or the leader's deputy for the day; an
 * approval left unanswered escalates), routed by the response centre to the department that answers,
 * and confirmed closed or re-opened by the drafter. Data scope (enforced by the services):
 * - admin, leader: every form; a leader approves the forms of his department's drafters (and what
 *   escalated to him), a deputy those of the leaders he stands in for today.
 * - the response centre (department 客户响应中心, or the service_desk role): every form sent to it.
 * - account_manager: the forms he drafted. staff: the forms routed to his department.
 */

export const FORM_STEPS = ['approval', 'centre', 'answer', 'confirm'] as const;
export type FormStep = (typeof FORM_STEPS)[number];

/** Where a form waits for whom, as the queue tabs show it. */
export const FORM_QUEUE_VIEWS = ['approvals', 'centre', 'department', 'mine'] as const;
export type FormQueueView = (typeof FORM_QUEUE_VIEWS)[number];

/** What the caller may do with a form now (the server checks again). */
export const FORM_ACTIONS = ['update', 'submit', 'approve', 'reject', 'sendBack', 'route', 'answer', 'confirm', 'reopen', 'withdraw'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

export const FORM_SLA_STATES = ['ok', 'warning', 'breached', 'none'] as const;

export const formKindSchema = z.enum(FORM_KINDS);
export const formStatusSchema = z.enum(FORM_STATUSES);

export const formRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: formKindSchema,
  title: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  orderId: z.string().nullable(),
  important: z.boolean(),
  status: formStatusSchema,
  drafterId: z.string(),
  drafterName: z.string(),
  drafterDept: z.string(),
  approverId: z.string().nullable(),
  approverName: z.string().nullable(),
  escalationLevel: z.number().int(),
  routedDept: z.string().nullable(),
  /** The step whose clock runs now, its due time and state at the answer's `now`. */
  step: z.enum(FORM_STEPS).nullable(),
  dueAt: isoTime.nullable(),
  slaState: z.enum(FORM_SLA_STATES),
  sentAt: isoTime.nullable(),
  answeredAt: isoTime.nullable(),
  businessMinutes: z.number().nullable(),
  onTime: z.boolean().nullable(),
  reopenCount: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type FormRow = z.infer<typeof formRowSchema>;

export const formEventSchema = z.object({
  id: z.string(),
  at: isoTime,
  kind: z.string(),
  actorName: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  note: z.string(),
  /** One line in the caller's language. */
  title: z.string(),
});

export const formDetailSchema = formRowSchema.extend({
  content: z.string(),
  orderNumber: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedForName: z.string().nullable(),
  approvedAt: isoTime.nullable(),
  approvalComment: z.string().nullable(),
  answer: z.string(),
  answeredByName: z.string().nullable(),
  closedAt: isoTime.nullable(),
  stepStartedAt: isoTime.nullable(),
  stepLimitMinutes: z.number().int().nullable(),
  warnAt: isoTime.nullable(),
  calendarName: z.string(),
  events: z.array(formEventSchema),
  actions: z.array(z.enum(FORM_ACTIONS)),
  /** Departments the centre may route to (for the route action). */
  departments: z.array(z.string()),
});
export type FormDetail = z.infer<typeof formDetailSchema>;

const minutes = z.number().int().min(1).max(60 * 24 * 60);

export const formSettingsSchema = z.object({
  /** Time limit of each step in business minutes on the branch calendar. */
  limits: z.object({ approval: minutes, centre: minutes, answer: minutes, confirm: minutes }),
  /** An approval unanswered this many business hours escalates to the next leader. */
  escalationHours: z.number().min(0.5).max(240),
  /**
   * Who is "the next leader", in order (user ids of leaders). Empty: the other leaders of the drafter's
   * department, then the branch's other leaders, by name.
   */
  escalationChain: z.array(idSchema).max(20),
  /** Share of a step's limit after which the holder is warned. */
  warnRatio: z.number().min(0.1).max(0.99),
  calendarId: idSchema.nullable(),
});
export type FormSettings = z.infer<typeof formSettingsSchema>;

export const deputySchema = z.object({
  id: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  deputyId: z.string(),
  deputyName: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  note: z.string(),
});

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.format' });
const drafters = ['admin', 'leader', 'account_manager'] as const;
const everyone = ['admin', 'leader', 'account_manager', 'service_desk', 'staff'] as const;

const listFilters = {
  kind: formKindSchema.optional(),
  status: formStatusSchema.optional(),
  /** Open forms only (not closed, rejected or withdrawn). */
  openOnly: z.boolean().default(false),
  /** Forms whose running step is past its due time. */
  overdue: z.boolean().default(false),
  customerId: idSchema.optional(),
  routedDept: text(100).optional(),
  /** Number, title or customer name contains this. */
  query: text(100).optional(),
  /** Created on or after / before (local dates, inclusive). */
  from: localDate.optional(),
  to: localDate.optional(),
};

const formFields = {
  title: requiredText(200),
  content: requiredText(4000),
  important: z.boolean().default(false),
};

const withComment = z.object({ id: idSchema, comment: requiredText(1000) }).strict();

export const formsContract = {
  'forms.create': method({
    creates: true,
    summary: 'Drafts a 资源确认单 or 业务联系单 for a customer (optionally from a work order); submit sends it.',
    access: drafters,
    input: z
      .object({ kind: formKindSchema, customerId: idSchema, orderId: idSchema.nullable().default(null), ...formFields, submit: z.boolean().default(false) })
      .strict(),
    output: formDetailSchema,
  }),
  'forms.update': method({
    summary: 'Edits a draft or a form sent back for changes (drafter only).',
    access: drafters,
    input: z.object({ id: idSchema, ...formFields }).strict(),
    output: formDetailSchema,
  }),
  'forms.submit': method({
    summary: 'Sends a draft: an important form to the department leader for approval, any other to the response centre.',
    access: drafters,
    input: z.object({ id: idSchema }).strict(),
    output: formDetailSchema,
  }),
  'forms.approve': method({
    summary: 'The leader (or his deputy for today) approves; the form goes to the response centre.',
    access: everyone,
    input: z.object({ id: idSchema, comment: text(1000).default('') }).strict(),
    output: formDetailSchema,
  }),
  'forms.reject': method({
    summary: 'The leader (or deputy) rejects the form with a comment; it is closed.',
    access: everyone,
    input: withComment,
    output: formDetailSchema,
  }),
  'forms.sendBack': method({
    summary: 'The leader (or deputy) sends the form back to the drafter for changes, with a comment.',
    access: everyone,
    input: withComment,
    output: formDetailSchema,
  }),
  'forms.route': method({
    summary: 'The response centre routes the form to the department that answers it.',
    access: everyone,
    input: z.object({ id: idSchema, dept: requiredText(100), comment: text(1000).default('') }).strict(),
    output: formDetailSchema,
  }),
  'forms.answer': method({
    summary: 'A user of the routed department answers; the answer goes back to the drafter.',
    access: everyone,
    input: z.object({ id: idSchema, answer: requiredText(4000) }).strict(),
    output: formDetailSchema,
  }),
  'forms.confirm': method({
    summary: 'The drafter confirms the answer and closes the form.',
    access: drafters,
    input: z.object({ id: idSchema, comment: text(1000).default('') }).strict(),
    output: formDetailSchema,
  }),
  'forms.reopen': method({
    summary: 'The drafter re-opens an answered form with a reason; it goes back to the routed department.',
    access: drafters,
    input: z.object({ id: idSchema, reason: requiredText(1000) }).strict(),
    output: formDetailSchema,
  }),
  'forms.withdraw': method({
    summary: 'The drafter withdraws a form that no department works on yet.',
    access: drafters,
    input: z.object({ id: idSchema, reason: text(1000).default('') }).strict(),
    output: formDetailSchema,
  }),
  'forms.get': method({
    summary: 'One form with its approval, routing and answer trail and the actions the caller may take.',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: formDetailSchema,
  }),
  'forms.list': method({
    summary: 'Forms in the caller\'s scope with filters, newest first.',
    access: 'authenticated',
    input: z.object({ ...listFilters, ...pageInput }).strict(),
    output: pageOf(formRowSchema),
  }),
  'forms.list.export': method({
    summary: 'forms.list with the same filters and scope as an .xlsx in the caller\'s language.',
    access: 'authenticated',
    input: z.object(listFilters).strict(),
    output: exportedListSchema,
  }),
  'forms.queue': method({
    summary: 'Forms waiting on the caller (my approvals, the centre, my department, mine to fix or confirm), most urgent first, with every view\'s count.',
    access: 'authenticated',
    input: z.object({ view: z.enum(FORM_QUEUE_VIEWS), ...pageInput }).strict(),
    output: pageOf(formRowSchema).extend({ now: isoTime, counts: z.record(z.enum(FORM_QUEUE_VIEWS), z.number().int()) }),
  }),
  'forms.queueCounts': method({
    summary: 'How many forms wait in each of the caller\'s queue views (for the home tile and badges).',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.record(z.enum(FORM_QUEUE_VIEWS), z.number().int()),
  }),
  'forms.print': method({
    summary: 'The form as an A4 document like the paper 联系单 (letterhead, number, parties, content, approvals, routing, answer, signatures).',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: reportDocumentSchema,
  }),
  'forms.deputies.list': method({
    summary: 'Deputies named by the caller (a leader), or every leader\'s (admin), and whom the caller stands in for.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.object({ named: z.array(deputySchema), standingInFor: z.array(deputySchema), candidates: z.array(z.object({ id: z.string(), displayName: z.string(), department: z.string() })) }),
  }),
  'forms.deputies.set': method({
    creates: true,
    summary: 'A leader names a deputy for a span of dates (inclusive) while away.',
    access: ['admin', 'leader'],
    input: z
      .object({ leaderId: idSchema.optional(), deputyId: idSchema, fromDate: localDate, toDate: localDate, note: text(200).default('') })
      .strict(),
    output: deputySchema,
  }),
  'forms.deputies.remove': method({
    summary: 'Removes a deputy span.',
    access: ['admin', 'leader'],
    input: z.object({ id: idSchema }).strict(),
    output: okOutput,
  }),
  'forms.settings.get': method({
    summary: 'Time limits of each step, the approval escalation after N business hours and the escalation chain.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: formSettingsSchema.extend({ leaders: z.array(z.object({ id: z.string(), displayName: z.string(), department: z.string() })) }),
  }),
  'forms.settings.save': method({
    summary: 'Saves the forms settings (new steps run on them; running clocks keep their limit).',
    access: ['admin', 'leader'],
    input: formSettingsSchema.strict(),
    output: formSettingsSchema,
  }),
  'forms.runEscalation': method({
    summary: 'Escalates stalled approvals and sends due step warnings and breaches (idempotent; the app runs it every minute).',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.object({ escalated: z.number().int(), warned: z.number().int(), breached: z.number().int() }),
  }),
} as const;
