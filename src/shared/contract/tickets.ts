import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, isoTime, pageInput, pageOf, requiredText, text } from './common';
import { GRADES, gradeSchema } from './customer-common';
import {
  INTAKE_CHANNELS,
  KPI_GROUPS,
  PRIORITIES,
  QUEUE_VIEWS,
  REPLY_METHODS,
  SLA_CLOCKS,
  TICKET_ACTIONS,
  TICKET_EVENT_KINDS,
  TICKET_IMPACTS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from './ticket-common';

export * from './ticket-common';

/**
 * Red channel (DOMAIN.md module 5): faults and complaints, their flow, SLA clocks in business time,
 * the service-desk queue, phone intake and KPIs. Data scope (enforced by the services):
 * - service_desk, leader, admin: every ticket; leaders and the service desk reassign.
 * - account_manager: tickets of the customers they are 第一责任人 of (others are NOT_FOUND); may open
 *   tickets for them (客户经理代报), add notes, answer the customer and record the 回访.
 * - staff (handling departments): tickets assigned to them or to their department; may start, wait,
 *   resume, resolve and add notes.
 */

/** The largest exact count a queue view reports (see `totalCapped`). */
export const QUEUE_COUNT_CAP = 10_000;

export const ticketKindSchema = z.enum(TICKET_KINDS);
export const prioritySchema = z.enum(PRIORITIES);
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export const impactSchema = z.enum(TICKET_IMPACTS);
export const channelSchema = z.enum(INTAKE_CHANNELS);
export const slaStateSchema = z.enum(['ok', 'warning', 'breached', 'paused', 'met', 'missed', 'none']);

/** One SLA clock of a ticket as shown: target, due, time left (business minutes) and state. */
export const slaClockViewSchema = z.object({
  clock: z.enum(SLA_CLOCKS),
  targetMinutes: z.number(),
  dueAt: isoTime.nullable(),
  warnAt: isoTime.nullable(),
  doneAt: isoTime.nullable(),
  usedMinutes: z.number(),
  remainingMinutes: z.number(),
  state: slaStateSchema,
});

/** A queue row: enough for the service desk to pick the next ticket. */
export const ticketRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: ticketKindSchema,
  title: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerGrade: z.string().nullable(),
  priority: prioritySchema,
  status: ticketStatusSchema,
  channel: channelSchema,
  categoryName: z.string().nullable(),
  assigneeDept: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: isoTime,
  slaClock: z.enum(SLA_CLOCKS).nullable(),
  /** Due time of the running clock (null while paused or when no clock runs). */
  dueAt: isoTime.nullable(),
  warnAt: isoTime.nullable(),
  slaState: slaStateSchema,
  /** Business minutes left on the running clock at `now` of the answer (negative when breached). */
  remainingMinutes: z.number().nullable(),
  reworkCount: z.number().int(),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

export const ticketEventSchema = z.object({
  id: z.string(),
  at: isoTime,
  kind: z.enum(TICKET_EVENT_KINDS),
  fromStatus: ticketStatusSchema.nullable(),
  toStatus: ticketStatusSchema.nullable(),
  actorName: z.string().nullable(),
  note: z.string(),
  /** One line in the caller's language. */
  title: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const ticketDetailSchema = ticketRowSchema.extend({
  description: z.string(),
  impact: impactSchema,
  priorityReason: z.string().nullable(),
  categoryId: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  serviceInstanceId: z.string().nullable(),
  serviceNo: z.string().nullable(),
  serviceProduct: z.string().nullable(),
  customerOwnerName: z.string().nullable(),
  createdByName: z.string().nullable(),
  policyName: z.string(),
  calendarName: z.string(),
  clocks: z.array(slaClockViewSchema),
  paused: z.boolean(),
  resolution: z.string(),
  responsibleDept: z.string().nullable(),
  cause: z.string(),
  ourFault: z.boolean().nullable(),
  resolvedAt: isoTime.nullable(),
  replyMethod: z.string().nullable(),
  replyContent: z.string(),
  repliedAt: isoTime.nullable(),
  satisfaction: z.number().int().nullable(),
  satisfactionComment: z.string(),
  visitedAt: isoTime.nullable(),
  archivedAt: isoTime.nullable(),
  cancelReason: z.string().nullable(),
  events: z.array(ticketEventSchema),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), createdAt: isoTime })),
  /** The actions the caller may take now (the server checks again). */
  actions: z.array(z.enum(TICKET_ACTIONS)),
  can: z.object({ setPriority: z.boolean(), note: z.boolean() }),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

const gradeOrNone = z.union([gradeSchema, z.literal('none')]);
/** impact → grade (or 'none' for an ungraded customer) → priority. */
export const priorityMatrixSchema = z.record(z.enum(TICKET_IMPACTS), z.record(gradeOrNone, prioritySchema));
export type PriorityMatrix = Record<(typeof TICKET_IMPACTS)[number], Record<(typeof GRADES)[number] | 'none', (typeof PRIORITIES)[number]>>;

const minutesSchema = z.number().int().min(1).max(60 * 24 * 365);
const dayHoursSchema = z.array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)])).max(6);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.format' });

export const calendarDefinitionSchema = z.object({
  kind: z.enum(['business', '24x7']),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  weekly: z.tuple([dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema]),
  holidays: z.array(localDate).max(2000),
  workdays: z.array(localDate).max(1000),
  workdayHours: dayHoursSchema.optional(),
});

export type CalendarDefinitionData = z.infer<typeof calendarDefinitionSchema>;

export const slaCalendarSchema = z.object({ id: z.string(), name: z.string(), definition: calendarDefinitionSchema });
export const slaPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  priority: prioritySchema,
  grade: z.string(),
  calendarId: z.string(),
  responseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(),
  replyMinutes: z.number().int(),
  warnRatio: z.number(),
});
export const ticketCategorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: ticketKindSchema.nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});

/** Each action with exactly the fields it needs (services parse the method input with it). */
export const transitionActionSchema = z.discriminatedUnion('action', [
  z.object({ id: idSchema, action: z.literal('assign'), dept: requiredText(100), assigneeId: idSchema.nullable().default(null), note: text(1000).default('') }),
  z.object({ id: idSchema, action: z.literal('start'), note: text(1000).default('') }),
  z.object({ id: idSchema, action: z.literal('wait'), note: requiredText(1000) }),
  z.object({ id: idSchema, action: z.literal('resume'), note: text(1000).default('') }),
  z
    .object({
      id: idSchema,
      action: z.literal('resolve'),
      resolution: requiredText(2000),
      responsibleDept: requiredText(100),
      cause: requiredText(500),
      ourFault: z.boolean(),
      note: text(1000).default(''),
    }),
  z.object({ id: idSchema, action: z.literal('reply'), method: z.enum(REPLY_METHODS), content: requiredText(2000), note: text(1000).default('') }),
  z
    .object({ id: idSchema, action: z.literal('visit'), satisfaction: z.number().int().min(1).max(5), comment: text(1000).default(''), note: text(1000).default('') }),
  z.object({ id: idSchema, action: z.literal('archive'), note: text(1000).default('') }),
  z.object({ id: idSchema, action: z.literal('rework'), note: requiredText(1000) }),
  z.object({ id: idSchema, action: z.literal('cancel'), note: requiredText(1000) }),
]);
export type TransitionInput = z.output<typeof transitionActionSchema>;

/** What each action must carry (the rest is optional or ignored). */
const REQUIRED_FIELDS: Record<(typeof TICKET_ACTIONS)[number], readonly ('note' | 'dept' | 'resolution' | 'responsibleDept' | 'cause' | 'ourFault' | 'method' | 'content' | 'satisfaction')[]> = {
  assign: ['dept'],
  start: [],
  wait: ['note'],
  resume: [],
  resolve: ['resolution', 'responsibleDept', 'cause', 'ourFault'],
  reply: ['method', 'content'],
  visit: ['satisfaction'],
  archive: [],
  rework: ['note'],
  cancel: ['note'],
};

/**
 * tickets.transition takes one flat object (every method input is an object schema); the refinement
 * holds it to the per-action shape above, so a resolve without a cause is a VALIDATION error.
 */
const transitionInput = z
  .object({
    id: idSchema,
    action: z.enum(TICKET_ACTIONS),
    note: text(1000).optional(),
    dept: text(100).optional(),
    assigneeId: idSchema.nullable().optional(),
    resolution: text(2000).optional(),
    responsibleDept: text(100).optional(),
    cause: text(500).optional(),
    ourFault: z.boolean().optional(),
    method: z.enum(REPLY_METHODS).optional(),
    content: text(2000).optional(),
    satisfaction: z.number().int().min(1).max(5).optional(),
    comment: text(1000).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    for (const field of REQUIRED_FIELDS[value.action]) {
      const v = value[field];
      if (v === undefined || v === null || v === '') ctx.addIssue({ code: 'custom', message: 'tickets.fieldRequired', path: [field] });
    }
  });


const kpiRowSchema = z.object({
  /** Month YYYY-MM, category name, department, grade code ('' / 'none' = not set), or 'total'. */
  key: z.string(),
  /** The key as shown, in the caller's language. */
  label: z.string(),
  tickets: z.number().int(),
  faults: z.number().int(),
  complaints: z.number().int(),
  /** Complaints per 100 key customers per month. */
  complaintRate: z.number().nullable(),
  faultsResolved: z.number().int(),
  avgFaultResolutionMinutes: z.number().nullable(),
  medianFaultResolutionMinutes: z.number().nullable(),
  responseOnTimeRate: z.number().nullable(),
  resolutionOnTimeRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  avgSatisfaction: z.number().nullable(),
});
export type TicketKpiRow = z.infer<typeof kpiRowSchema>;

const desk = ['admin', 'leader', 'service_desk'] as const;
const managers = ['admin', 'leader'] as const;

/** A queue view's filters; its export takes the same. */
const queueFilters = {
  view: z.enum(QUEUE_VIEWS).default('open'),
  kind: ticketKindSchema.optional(),
  priority: prioritySchema.optional(),
};

export const ticketsContract = {
  'tickets.config': method({
    summary: 'Categories, calendars, SLA policies, the priority matrix and the departments tickets go to.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.object({
      categories: z.array(ticketCategorySchema),
      calendars: z.array(slaCalendarSchema),
      policies: z.array(slaPolicySchema),
      matrix: priorityMatrixSchema,
      departments: z.array(z.string()),
      assignees: z.array(z.object({ id: z.string(), displayName: z.string(), department: z.string(), role: z.string() })),
    }),
  }),
  'tickets.categories.save': method({
    creates: true,
    summary: 'Adds or edits a category of the tree (no id = add).',
    access: managers,
    input: z
      .object({
        id: idSchema.optional(),
        parentId: idSchema.nullable().default(null),
        name: requiredText(50),
        kind: ticketKindSchema.nullable().default(null),
        sortOrder: z.number().int().min(0).max(9999).default(0),
        active: z.boolean().default(true),
      })
      .strict(),
    output: ticketCategorySchema,
  }),
  'tickets.calendars.save': method({
    creates: true,
    summary: 'Adds or edits a business calendar (hours per weekday, holidays, make-up working days).',
    access: managers,
    input: z.object({ id: idSchema.optional(), name: requiredText(50), definition: calendarDefinitionSchema }).strict(),
    output: slaCalendarSchema,
  }),
  'tickets.calendars.import': method({
    summary: 'Imports the yearly holiday schedule (CSV or iCalendar) into a calendar; dryRun shows what would change.',
    access: managers,
    input: z
      .object({
        calendarId: idSchema,
        format: z.enum(['csv', 'ics']),
        text: z.string().max(2_000_000),
        dryRun: z.boolean().default(true),
      })
      .strict(),
    output: z.object({
      holidays: z.array(z.string()),
      workdays: z.array(z.string()),
      errors: z.array(z.object({ line: z.number().int(), message: z.string(), text: z.string() })),
      applied: z.boolean(),
    }),
  }),
  'tickets.policies.save': method({
    creates: true,
    summary: 'Adds or edits an SLA policy for a priority and customer grade (\'*\' = any grade).',
    access: managers,
    input: z
      .object({
        id: idSchema.optional(),
        name: requiredText(50),
        priority: prioritySchema,
        grade: z.union([gradeSchema, z.literal('*')]),
        calendarId: idSchema,
        responseMinutes: minutesSchema,
        resolutionMinutes: minutesSchema,
        replyMinutes: minutesSchema,
        warnRatio: z.number().min(0.1).max(0.99).default(0.8),
      })
      .strict(),
    output: slaPolicySchema,
  }),
  'tickets.matrix.save': method({
    summary: 'Replaces the impact × customer grade → priority matrix.',
    access: managers,
    input: z.object({ matrix: priorityMatrixSchema }).strict(),
    output: priorityMatrixSchema,
  }),
  'tickets.create': method({
    creates: true,
    summary: 'Opens a fault or complaint: number, priority from the matrix (or overridden), SLA due times.',
    access: ['admin', 'leader', 'service_desk', 'account_manager'],
    input: z
      .object({
        kind: ticketKindSchema,
        customerId: idSchema,
        contactId: idSchema.nullable().default(null),
        serviceInstanceId: idSchema.nullable().default(null),
        channel: channelSchema.default('phone'),
        categoryId: idSchema.nullable().default(null),
        title: requiredText(200),
        description: text(4000).default(''),
        impact: impactSchema,
        /** Leave out to take the matrix's priority; an override needs a reason. */
        priority: prioritySchema.optional(),
        priorityReason: text(500).optional(),
        assigneeDept: text(100).optional(),
        assigneeId: idSchema.nullable().optional(),
        /** The visit (of the same customer) whose need the ticket follows up. */
        visitId: idSchema.nullable().optional(),
      })
      .strict(),
    output: ticketDetailSchema,
  }),
  'tickets.get': method({
    summary: 'One ticket with its clocks, timeline, attachments and the actions the caller may take.',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: ticketDetailSchema,
  }),
  'tickets.transition': method({
    summary: 'Moves a ticket along the flow (assign, start, wait, resume, resolve, reply, visit, archive, rework, cancel).',
    access: ['admin', 'leader', 'service_desk', 'account_manager', 'staff'],
    input: transitionInput,
    output: ticketDetailSchema,
  }),
  'tickets.setPriority': method({
    summary: 'Changes the priority with a reason; the SLA due times are recomputed.',
    access: desk,
    input: z.object({ id: idSchema, priority: prioritySchema, reason: requiredText(500) }).strict(),
    output: ticketDetailSchema,
  }),
  'tickets.addNote': method({
    creates: true,
    summary: 'Adds a note to the ticket timeline.',
    access: ['admin', 'leader', 'service_desk', 'account_manager', 'staff'],
    input: z.object({ id: idSchema, note: requiredText(2000) }).strict(),
    output: ticketDetailSchema,
  }),
  'tickets.bulkAssign': method({
    summary: 'Assigns several tickets to a department and person at once.',
    access: desk,
    input: z
      .object({ ids: z.array(idSchema).min(1).max(200), dept: requiredText(100), assigneeId: idSchema.nullable().default(null) })
      .strict(),
    output: z.object({ changed: z.number().int(), refused: z.array(z.object({ id: z.string(), number: z.string(), message: z.string() })) }),
  }),
  'tickets.queue': method({
    summary: 'A queue view (mine, unassigned, about to breach, breached, waiting on customer, all open) in due order.',
    access: 'authenticated',
    input: z.object({ ...queueFilters, ...pageInput }).strict(),
    // Counting stops at QUEUE_COUNT_CAP: above it `totalCapped` is true and the UI shows "10,000+".
    output: pageOf(ticketRowSchema).extend({ now: isoTime, totalCapped: z.boolean() }),
  }),
  'tickets.queue.export': method({
    summary: 'A queue view with the same filters, order and scope as tickets.queue, as an .xlsx with the queue\'s columns in the caller\'s language.',
    access: 'authenticated',
    input: z.object(queueFilters).strict(),
    output: exportedListSchema,
  }),
  'tickets.queueCounts': method({
    summary: 'How many tickets each queue view holds now (up to 10,000 each), for the badges.',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.record(z.enum(QUEUE_VIEWS), z.number().int()),
  }),
  'tickets.intakeLookup': method({
    summary: 'Phone intake: finds customers by name, service number, circuit id or credit code, with their tickets.',
    access: ['admin', 'leader', 'service_desk', 'account_manager'],
    input: z.object({ query: requiredText(100), limit: z.number().int().min(1).max(20).default(8) }).strict(),
    output: z.array(
      z.object({
        customerId: z.string(),
        customerName: z.string(),
        grade: z.string().nullable(),
        ownerName: z.string().nullable(),
        matchedBy: z.enum(['name', 'serviceNo', 'circuit', 'creditCode', 'contact']),
        matchedText: z.string(),
        /** The service the query named (service number or circuit), if any. */
        serviceInstanceId: z.string().nullable(),
      }),
    ),
  }),
  'tickets.customerContext': method({
    summary: 'For intake: a customer\'s contacts, services, open and recent tickets, and likely duplicates.',
    access: ['admin', 'leader', 'service_desk', 'account_manager'],
    input: z.object({ customerId: idSchema, serviceInstanceId: idSchema.nullable().default(null) }).strict(),
    output: z.object({
      customerId: z.string(),
      customerName: z.string(),
      grade: z.string().nullable(),
      ownerName: z.string().nullable(),
      contacts: z.array(z.object({ id: z.string(), name: z.string(), mobile: z.string(), title: z.string() })),
      services: z.array(z.object({ id: z.string(), product: z.string(), serviceNo: z.string(), status: z.string(), openTicketNumber: z.string().nullable() })),
      openTickets: z.array(ticketRowSchema),
      recentTickets: z.array(ticketRowSchema),
      /** An open ticket on the same service: probably the same fault reported again. */
      duplicate: ticketRowSchema.nullable(),
    }),
  }),
  'tickets.forCustomer': method({
    summary: 'A customer\'s tickets, newest first.',
    access: 'authenticated',
    input: z.object({ customerId: idSchema, ...pageInput }).strict(),
    output: pageOf(ticketRowSchema),
  }),
  'tickets.kpis': method({
    summary: 'Red-channel KPIs by month, category, department or grade over a date range (Asia/Shanghai dates).',
    access: managers,
    input: z.object({ from: localDate, to: localDate, groupBy: z.enum(KPI_GROUPS).default('month') }).strict(),
    output: z.object({ rows: z.array(kpiRowSchema), total: kpiRowSchema, keyCustomers: z.number().int() }),
  }),
  'tickets.runEscalation': method({
    summary: 'Sends due SLA warnings and breach escalations (idempotent; the app calls it every minute).',
    access: 'authenticated',
    input: z.object({}).strict(),
    output: z.object({ warned: z.number().int(), breached: z.number().int() }),
  }),
  'tickets.attachments.add': method({
    creates: true,
    summary: 'Attaches a file (base64, up to 10 MB) to a ticket; stored in the data directory.',
    access: ['admin', 'leader', 'service_desk', 'account_manager', 'staff'],
    input: z
      .object({
        ticketId: idSchema,
        fileName: requiredText(200),
        mimeType: text(100).default('application/octet-stream'),
        base64: z.string().max(14_000_000),
      })
      .strict(),
    output: z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), createdAt: isoTime }),
  }),
  'tickets.attachments.get': method({
    summary: 'The content of an attachment (base64).',
    access: 'authenticated',
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
} as const;
