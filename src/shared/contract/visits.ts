import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, isoTime, okOutput, pageInput, pageOf, requiredText, text } from './common';
import { gradeSchema } from './customer-common';
import { localDateSchema } from './contracts';
import { PLAN_STATUSES, VISIT_KINDS, VISIT_SOURCES, VISIT_STATUSES } from './visit-common';

/**
 * Yellow channel (黄色通道, DOMAIN.md module 4, issue #14): visit rules by grade, monthly visit plans, visit
 * records, overdue and compliance, and each person's plan as an iCalendar file.
 *
 * A visit is one row from plan to record: a plan item (已计划) is completed by its record (已完成) or dropped
 * with a reason (已取消). visitDate is the planned day while planned and the day it took place once done.
 * A customer's next due date = its last counted visit (or the day it was created) + its grade's interval.
 *
 * Data scope (enforced by the services; out of scope answers NOT_FOUND):
 * - admin, leader: every visit, plan and customer of the branch; leaders review plans.
 * - account_manager: their own visits and plans, and visits to the customers they are 第一责任人 of.
 * - service_desk: reads visits (the customer 360 page), writes none.
 */

const readers = ['admin', 'leader', 'service_desk', 'account_manager'] as const;
const writers = ['admin', 'leader', 'account_manager'] as const;
const managers = ['admin', 'leader'] as const;

export const visitKindSchema = z.enum(VISIT_KINDS);
export const visitStatusSchema = z.enum(VISIT_STATUSES);
export const planStatusSchema = z.enum(PLAN_STATUSES);
/** yyyy-MM. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month.format' });
/** HH:mm, 24 hours. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'time.format' });

/** One grade's rule: months between visits (null: no interval, not tracked) and the kinds that count. */
export const visitRuleSchema = z.object({
  grade: gradeSchema,
  months: z.number().int().min(1).max(24).nullable(),
  kinds: z.array(visitKindSchema).min(1).max(VISIT_KINDS.length),
});
export type VisitRule = z.infer<typeof visitRuleSchema>;

/** The defaults: 战略 monthly, 重点 every 2 months, VIP quarterly, 优质 half-yearly, 普通 none; phone does not count. */
export const DEFAULT_VISIT_RULES: VisitRule[] = [
  { grade: 'strategic', months: 1, kinds: ['onsite', 'inbound', 'forum', 'executive'] },
  { grade: 'key', months: 2, kinds: ['onsite', 'inbound', 'forum', 'executive'] },
  { grade: 'vip', months: 3, kinds: ['onsite', 'inbound', 'forum', 'executive'] },
  { grade: 'quality', months: 6, kinds: ['onsite', 'inbound', 'forum', 'executive'] },
  { grade: 'normal', months: null, kinds: ['onsite', 'inbound', 'forum', 'executive'] },
];

/** A visit as lists and calendars show it. */
export const visitRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerGrade: gradeSchema.nullable(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  planId: z.string().nullable(),
  source: z.enum(VISIT_SOURCES),
  kind: visitKindSchema,
  status: visitStatusSchema,
  visitDate: z.string(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  onTime: z.boolean().nullable(),
  purpose: z.string(),
  outcome: z.string(),
  nextStep: z.string(),
  nextStepDate: z.string().nullable(),
  lateEntry: z.boolean(),
  /** Planned, not done, and its day has passed. */
  missed: z.boolean(),
});
export type VisitRow = z.infer<typeof visitRowSchema>;

const personSchema = z.object({ id: z.string(), name: z.string() });
const attachmentSchema = z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), createdAt: isoTime });

/** One visit, whole: the record, who took part, whom we met, what came of it. */
export const visitDetailSchema = visitRowSchema.extend({
  participants: z.array(personSchema),
  contactsMet: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  needs: z.string(),
  competitor: z.string(),
  complaints: z.string(),
  dropReason: z.string(),
  recordedAt: isoTime.nullable(),
  recordedByName: z.string().nullable(),
  eventId: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  /** Work orders and tickets opened from this visit. */
  orders: z.array(z.object({ id: z.string(), number: z.string() })),
  tickets: z.array(z.object({ id: z.string(), number: z.string() })),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** What the caller may do now (the server checks again). */
  actions: z.array(z.enum(['record', 'update', 'move', 'drop', 'attach'])),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;

/** The record fields, shared by visits.record (completing a plan item or a new visit) and visits.update. */
const recordFields = {
  kind: visitKindSchema,
  visitDate: localDateSchema,
  startTime: timeOfDaySchema.nullable().default(null),
  durationMinutes: z.number().int().min(1).max(24 * 60).nullable().default(null),
  /** Our participants besides the owner (user ids). */
  participantIds: z.array(idSchema).max(20).default([]),
  /** The customer's key people met (customer_contacts ids of this customer). */
  contactIds: z.array(idSchema).max(50).default([]),
  purpose: requiredText(500),
  needs: text(4000).default(''),
  competitor: text(4000).default(''),
  complaints: text(4000).default(''),
  outcome: text(4000).default(''),
  nextStep: text(1000).default(''),
  nextStepDate: localDateSchema.nullable().default(null),
};

const listFilters = {
  ownerId: idSchema.optional(),
  customerId: idSchema.optional(),
  kind: visitKindSchema.optional(),
  status: visitStatusSchema.optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  lateEntry: z.boolean().optional(),
  q: text(100).optional(),
  sort: z.enum(['visitDate', '-visitDate', 'customer', '-customer']).default('-visitDate'),
};

/** One account manager's plan for a month, with its items. */
export const visitPlanSchema = z.object({
  id: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  month: z.string(),
  status: planStatusSchema.nullable(),
  submittedAt: isoTime.nullable(),
  reviewedAt: isoTime.nullable(),
  reviewedByName: z.string().nullable(),
  reviewNote: z.string(),
  items: z.array(visitRowSchema),
  /** Customers due in the month (by the rules) that the plan does not hold. */
  unplannedDue: z.array(z.object({ customerId: z.string(), customerName: z.string(), grade: gradeSchema.nullable(), dueDate: z.string() })),
  counts: z.object({ planned: z.number().int(), done: z.number().int(), dropped: z.number().int() }),
});
export type VisitPlan = z.infer<typeof visitPlanSchema>;

/** An overdue customer: not visited within its grade's interval. */
export const overdueRowSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  grade: gradeSchema.nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  lastVisitDate: z.string().nullable(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  /** The next planned visit, when one is planned. */
  plannedDate: z.string().nullable(),
});

/** A day of the calendar: one person's visits, or the team's counts per person with the visits. */
export const calendarSchema = z.object({
  from: z.string(),
  to: z.string(),
  visits: z.array(visitRowSchema),
  /** Team calendar only: per person and day, how many planned and done (the visits list is then the first 500). */
  perPerson: z.array(z.object({ ownerId: z.string(), ownerName: z.string().nullable(), date: z.string(), planned: z.number().int(), done: z.number().int() })),
  truncated: z.boolean(),
});

/** The customer 360 page's visit summary. */
export const customerVisitSummarySchema = z.object({
  grade: gradeSchema.nullable(),
  intervalMonths: z.number().int().nullable(),
  lastVisitDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  next: visitRowSchema.nullable(),
  recent: z.array(visitRowSchema),
});

export const complianceRowSchema = z.object({
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  grade: gradeSchema.nullable(),
  due: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** onTime / due in percent (one decimal), null when nothing was due. */
  rate: z.number().nullable(),
});

export const visitsContract = {
  'visits.rules.get': method({
    summary: 'The visit rules by grade: months between visits and which kinds count.',
    access: readers,
    input: z.object({}).strict(),
    output: z.object({ rules: z.array(visitRuleSchema) }),
  }),
  'visits.rules.save': method({
    summary: 'Saves the visit rules (a leader); every customer\'s due date is recomputed.',
    access: managers,
    input: z.object({ rules: z.array(visitRuleSchema).min(1).max(5) }).strict(),
    output: z.object({ rules: z.array(visitRuleSchema) }),
  }),
  'visits.plan.get': method({
    summary: 'An account manager\'s plan for a month (default: the caller\'s), with its items and the due customers it does not hold.',
    access: writers,
    input: z.object({ ownerId: idSchema.optional(), month: monthSchema }).strict(),
    output: visitPlanSchema,
  }),
  'visits.plan.generate': method({
    summary: 'Generates (or tops up) a month\'s plan from the rules: every customer of the owner due by the month\'s end, on a working day before its due date.',
    access: writers,
    input: z.object({ ownerId: idSchema.optional(), month: monthSchema }).strict(),
    output: visitPlanSchema,
  }),
  'visits.plan.generateAll': method({
    summary: 'Generates the month\'s plan for every account manager (a leader); returns how many plans and items were written.',
    access: managers,
    input: z.object({ month: monthSchema }).strict(),
    output: z.object({ plans: z.number().int(), items: z.number().int() }),
  }),
  'visits.plan.add': method({
    creates: true,
    summary: 'Adds a visit to a plan: a customer, a day, optionally a time and kind.',
    access: writers,
    input: z
      .object({
        customerId: idSchema,
        visitDate: localDateSchema,
        startTime: timeOfDaySchema.nullable().default(null),
        kind: visitKindSchema.default('onsite'),
        purpose: text(500).default(''),
      })
      .strict(),
    output: visitDetailSchema,
  }),
  'visits.plan.submit': method({
    summary: 'Submits a month\'s plan to the leader (it stays editable; the leader sees it).',
    access: writers,
    input: z.object({ ownerId: idSchema.optional(), month: monthSchema }).strict(),
    output: visitPlanSchema,
  }),
  'visits.plan.review': method({
    summary: 'A leader marks a submitted plan as reviewed, with an optional note to its owner.',
    access: managers,
    input: z.object({ planId: idSchema, note: text(1000).default('') }).strict(),
    output: visitPlanSchema,
  }),
  'visits.plans.list': method({
    summary: 'Every account manager\'s plan for a month with its counts (a leader\'s overview).',
    access: managers,
    input: z.object({ month: monthSchema }).strict(),
    output: z.object({
      rows: z.array(
        z.object({
          ownerId: z.string(),
          ownerName: z.string().nullable(),
          planId: z.string().nullable(),
          status: planStatusSchema.nullable(),
          submittedAt: isoTime.nullable(),
          planned: z.number().int(),
          done: z.number().int(),
          dropped: z.number().int(),
          dueUnplanned: z.number().int(),
        }),
      ),
    }),
  }),
  'visits.move': method({
    summary: 'Reschedules a planned visit to another day (and time): the calendar\'s drag and drop.',
    access: writers,
    input: z.object({ id: idSchema, visitDate: localDateSchema, startTime: timeOfDaySchema.nullable().optional() }).strict(),
    output: visitDetailSchema,
  }),
  'visits.drop': method({
    summary: 'Drops a planned visit with a reason.',
    access: writers,
    input: z.object({ id: idSchema, reason: requiredText(500) }).strict(),
    output: visitDetailSchema,
  }),
  'visits.record': method({
    creates: true,
    summary: 'Records a visit: completes a planned one (id) or writes a new one for a customer; written more than 7 days after the visit it is marked 补录; a next step with a date becomes a reminder.',
    access: writers,
    input: z
      .object({ id: idSchema.optional(), customerId: idSchema.optional(), ...recordFields })
      .strict()
      .refine((v) => !!v.id !== !!v.customerId, { error: 'visits.recordTarget', path: ['customerId'] }),
    output: visitDetailSchema,
  }),
  'visits.update': method({
    summary: 'Corrects a recorded visit\'s fields.',
    access: writers,
    input: z
      .object({
        id: idSchema,
        kind: visitKindSchema.optional(),
        visitDate: localDateSchema.optional(),
        startTime: timeOfDaySchema.nullable().optional(),
        durationMinutes: z.number().int().min(1).max(24 * 60).nullable().optional(),
        participantIds: z.array(idSchema).max(20).optional(),
        contactIds: z.array(idSchema).max(50).optional(),
        purpose: requiredText(500).optional(),
        needs: text(4000).optional(),
        competitor: text(4000).optional(),
        complaints: text(4000).optional(),
        outcome: text(4000).optional(),
        nextStep: text(1000).optional(),
        nextStepDate: localDateSchema.nullable().optional(),
      })
      .strict(),
    output: visitDetailSchema,
  }),
  'visits.get': method({
    summary: 'One visit, whole, with what the caller may do now.',
    access: readers,
    input: z.object({ id: idSchema }).strict(),
    output: visitDetailSchema,
  }),
  'visits.list': method({
    summary: 'Visits, filtered and paged, in the caller\'s scope.',
    access: readers,
    input: z.object({ ...listFilters, ...pageInput }).strict(),
    output: pageOf(visitRowSchema),
  }),
  'visits.list.export': method({
    summary: 'The visit list with the same filters, order and scope as visits.list, as an .xlsx in the caller\'s language.',
    access: readers,
    input: z.object(listFilters).strict(),
    output: exportedListSchema,
  }),
  'visits.calendar': method({
    summary: 'Planned and done visits between two days: one person\'s (default: the caller), or the team\'s (a leader) with counts per person and day.',
    access: writers,
    input: z
      .object({ from: localDateSchema, to: localDateSchema, ownerId: idSchema.optional(), team: z.boolean().default(false) })
      .strict()
      .refine((v) => v.from <= v.to, { error: 'visits.rangeOrder', path: ['to'] }),
    output: calendarSchema,
  }),
  'visits.overdue': method({
    summary: 'Customers not visited within their grade\'s interval, most overdue first: an account manager\'s own, or the branch\'s (a leader, optionally one manager\'s).',
    access: writers,
    input: z.object({ ownerId: idSchema.optional(), grade: gradeSchema.optional(), ...pageInput }).strict(),
    output: pageOf(overdueRowSchema),
  }),
  'visits.overdue.export': method({
    summary: 'The overdue list with the same filters and scope, as an .xlsx.',
    access: writers,
    input: z.object({ ownerId: idSchema.optional(), grade: gradeSchema.optional() }).strict(),
    output: exportedListSchema,
  }),
  'visits.compliance': method({
    summary: 'Visit compliance for a month: visits due in it and done by their due date, per account manager and grade.',
    access: writers,
    input: z.object({ month: monthSchema, by: z.enum(['owner', 'grade', 'ownerGrade']).default('owner') }).strict(),
    output: z.object({ month: z.string(), rows: z.array(complianceRowSchema), total: complianceRowSchema }),
  }),
  'visits.customer': method({
    summary: 'The customer 360 page\'s visit section: grade interval, last visit, due date, the next planned visit and recent ones.',
    access: readers,
    input: z.object({ customerId: idSchema }).strict(),
    output: customerVisitSummarySchema,
  }),
  'visits.ics': method({
    summary: 'A person\'s visits (default: the caller\'s; 3 months back to 6 ahead) as an iCalendar file with stable UIDs, in Asia/Shanghai time.',
    access: writers,
    input: z.object({ ownerId: idSchema.optional() }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), events: z.number().int() }),
  }),
  'visits.attachments.add': method({
    creates: true,
    summary: 'Attaches a file or photo (base64, up to 10 MB) to a visit.',
    access: writers,
    input: z
      .object({
        visitId: idSchema,
        fileName: requiredText(200),
        mimeType: text(100).default('application/octet-stream'),
        base64: z.string().max(14_000_000),
      })
      .strict(),
    output: attachmentSchema,
  }),
  'visits.attachments.get': method({
    summary: 'One attachment\'s bytes (base64).',
    access: readers,
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
  'visits.remove': method({
    summary: 'Deletes a visit added by mistake (a planned one, or a record by its writer the same day; a leader always).',
    access: writers,
    input: z.object({ id: idSchema }).strict(),
    output: okOutput,
  }),
};
