import { z } from 'zod';
import { method } from './define';
import { exportedListSchema, idSchema, isoTime, pageInput, pageOf, requiredText, text } from './common';
import { localDateSchema } from './contracts';
import { timeOfDaySchema } from './visits';
import {
  BIRTHDAY_CALENDARS,
  CARE_EVENT_KINDS,
  CARE_EVENT_STATUSES,
  CARE_KINDS,
  CARE_OCCASIONS,
  CARE_STATUSES,
  GUEST_STATUSES,
} from './visit-common';

/**
 * Courtesy care (友情服务) of the yellow channel (issue #14 point 5): upcoming birthdays of key people (solar
 * or lunar, shown on this year's solar date), founding anniversaries and holidays N days ahead; greetings and
 * gifts recorded with their cost, approved by a leader above a limit, against each account manager's yearly
 * budget; forums (座谈会) and executive visits (高层拜访) as events with invited customers and follow-ups.
 *
 * Scope: account managers see and record care for their own customers and spend their own budget; leaders
 * and admins see the branch, approve, set budgets and run events; the service desk reads.
 */

const readers = ['admin', 'leader', 'service_desk', 'account_manager'] as const;
const writers = ['admin', 'leader', 'account_manager'] as const;
const managers = ['admin', 'leader'] as const;

/** The most one courtesy may cost: ¥1,000,000.00. */
export const MAX_CARE_FEN = 100_000_000;
const costFen = z.number().int().min(0).max(MAX_CARE_FEN);

export const careOccasionSchema = z.enum(CARE_OCCASIONS);
export const careKindSchema = z.enum(CARE_KINDS);
export const careStatusSchema = z.enum(CARE_STATUSES);
export const birthdayCalendarSchema = z.enum(BIRTHDAY_CALENDARS);

/** A holiday of the care calendar: on a solar or lunar month-day each year. Built-in keys have translated names. */
export const careHolidaySchema = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,40}$/),
  /** Shown for keys without a translation (a branch's own holiday). */
  name: text(40).default(''),
  calendar: birthdayCalendarSchema,
  /** MM-dd on that calendar. */
  monthDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30|31)$/, { error: 'date.format' }),
  enabled: z.boolean().default(true),
});
export type CareHoliday = z.infer<typeof careHolidaySchema>;

export const DEFAULT_CARE_HOLIDAYS: CareHoliday[] = [
  { key: 'new_year', name: '', calendar: 'solar', monthDay: '01-01', enabled: true },
  { key: 'spring_festival', name: '', calendar: 'lunar', monthDay: '01-01', enabled: true },
  { key: 'lantern', name: '', calendar: 'lunar', monthDay: '01-15', enabled: true },
  { key: 'womens_day', name: '', calendar: 'solar', monthDay: '03-08', enabled: true },
  { key: 'dragon_boat', name: '', calendar: 'lunar', monthDay: '05-05', enabled: true },
  { key: 'mid_autumn', name: '', calendar: 'lunar', monthDay: '08-15', enabled: true },
  { key: 'national_day', name: '', calendar: 'solar', monthDay: '10-01', enabled: true },
  { key: 'double_ninth', name: '', calendar: 'lunar', monthDay: '09-09', enabled: false },
];

export const careSettingsSchema = z.object({
  /** How many days ahead the upcoming list looks (default 15). */
  lookaheadDays: z.number().int().min(1).max(90),
  /** A courtesy costing more than this (fen) needs a leader's approval (default ¥500). */
  approvalLimitFen: costFen,
  holidays: z.array(careHolidaySchema).max(40),
});
export type CareSettings = z.infer<typeof careSettingsSchema>;

export const DEFAULT_CARE_SETTINGS: CareSettings = { lookaheadDays: 15, approvalLimitFen: 50_000, holidays: DEFAULT_CARE_HOLIDAYS };

/** An upcoming occasion: a key person's birthday, a customer's founding anniversary, or a holiday. */
export const upcomingRowSchema = z.object({
  occasion: z.enum(['birthday', 'founding', 'holiday']),
  /** This year's (or next year's) solar date, yyyy-MM-dd. */
  date: z.string(),
  daysAway: z.number().int(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  /** The birthday is kept on the lunar calendar; lunarLabel reads like 农历八月十五. */
  lunar: z.boolean(),
  lunarLabel: z.string().nullable(),
  /** Birthday: the age reached (when the birth year is known); founding: years since. */
  years: z.number().int().nullable(),
  holidayKey: z.string().nullable(),
  holidayName: z.string().nullable(),
  /** A care record for this occasion already exists (this year). */
  cared: z.boolean(),
});
export type UpcomingRow = z.infer<typeof upcomingRowSchema>;

export const careRecordRowSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  occasion: careOccasionSchema,
  holidayKey: z.string().nullable(),
  occasionDate: z.string(),
  kind: careKindSchema,
  description: z.string(),
  costFen: z.number().int(),
  status: careStatusSchema,
  decidedByName: z.string().nullable(),
  decidedAt: isoTime.nullable(),
  decisionNote: z.string(),
  eventId: z.string().nullable(),
  createdAt: isoTime,
});
export type CareRecordRow = z.infer<typeof careRecordRowSchema>;

const recordFilters = {
  ownerId: idSchema.optional(),
  customerId: idSchema.optional(),
  status: careStatusSchema.optional(),
  occasion: careOccasionSchema.optional(),
  kind: careKindSchema.optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
};

export const budgetRowSchema = z.object({
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  year: z.number().int(),
  budgetFen: z.number().int(),
  /** Recorded and approved courtesies of the year. */
  spentFen: z.number().int(),
  pendingFen: z.number().int(),
  remainingFen: z.number().int(),
});

export const guestRowSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  status: z.enum(GUEST_STATUSES),
  followUp: z.string(),
  followUpDate: z.string().nullable(),
  followUpDone: z.boolean(),
});

export const careEventRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(CARE_EVENT_KINDS),
  title: z.string(),
  startsAt: isoTime,
  endsAt: isoTime.nullable(),
  location: z.string(),
  organizerId: z.string(),
  organizerName: z.string().nullable(),
  status: z.enum(CARE_EVENT_STATUSES),
  guests: z.number().int(),
  attended: z.number().int(),
  costFen: z.number().int(),
});

export const careEventDetailSchema = careEventRowSchema.extend({
  notes: z.string(),
  summary: z.string(),
  guestList: z.array(guestRowSchema),
  createdAt: isoTime,
});

const eventFields = {
  kind: z.enum(CARE_EVENT_KINDS),
  title: requiredText(200),
  date: localDateSchema,
  startTime: timeOfDaySchema,
  endTime: timeOfDaySchema.nullable().default(null),
  location: text(200).default(''),
  notes: text(4000).default(''),
  costFen: costFen.default(0),
};

export const careContract = {
  'care.settings.get': method({
    summary: 'The courtesy-care settings: days ahead, the approval limit and the holidays.',
    access: readers,
    input: z.object({}).strict(),
    output: careSettingsSchema,
  }),
  'care.settings.save': method({
    summary: 'Saves the courtesy-care settings (a leader).',
    access: managers,
    input: careSettingsSchema.strict(),
    output: careSettingsSchema,
  }),
  'care.upcoming': method({
    summary: 'Birthdays of key people (lunar ones on this year\'s solar date), founding anniversaries and holidays in the next N days (default: the setting), soonest first, in the caller\'s scope.',
    access: readers,
    input: z
      .object({
        days: z.number().int().min(1).max(366).optional(),
        ownerId: idSchema.optional(),
        customerId: idSchema.optional(),
        occasion: z.enum(['birthday', 'founding', 'holiday']).optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(upcomingRowSchema),
  }),
  'care.records.create': method({
    creates: true,
    summary: 'Records a greeting or gift for a customer or key person; above the approval limit it waits for a leader.',
    access: writers,
    input: z
      .object({
        customerId: idSchema,
        contactId: idSchema.nullable().default(null),
        occasion: careOccasionSchema,
        holidayKey: z.string().max(40).nullable().default(null),
        occasionDate: localDateSchema,
        kind: careKindSchema,
        description: text(1000).default(''),
        costFen: costFen.default(0),
        eventId: idSchema.nullable().default(null),
      })
      .strict(),
    output: careRecordRowSchema,
  }),
  'care.records.decide': method({
    summary: 'A leader approves or rejects a courtesy waiting for approval, with a note; the account manager is told.',
    access: managers,
    input: z
      .object({ id: idSchema, approve: z.boolean(), note: text(500).default('') })
      .strict()
      .refine((v) => v.approve || v.note.length > 0, { error: 'care.rejectNote', path: ['note'] }),
    output: careRecordRowSchema,
  }),
  'care.records.remove': method({
    summary: 'Withdraws a courtesy recorded by mistake (not one a leader already decided).',
    access: writers,
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'care.records.list': method({
    summary: 'Courtesies recorded, filtered and paged, newest first, in the caller\'s scope.',
    access: readers,
    input: z.object({ ...recordFilters, ...pageInput }).strict(),
    output: pageOf(careRecordRowSchema),
  }),
  'care.records.export': method({
    summary: 'The courtesy list with the same filters and scope, as an .xlsx.',
    access: readers,
    input: z.object(recordFilters).strict(),
    output: exportedListSchema,
  }),
  'care.budgets.list': method({
    summary: 'Each account manager\'s gift budget for a year with what is spent and pending (an account manager: their own).',
    access: writers,
    input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    output: z.object({ rows: z.array(budgetRowSchema) }),
  }),
  'care.budgets.set': method({
    summary: 'Sets an account manager\'s gift budget for a year (a leader).',
    access: managers,
    input: z.object({ ownerId: idSchema, year: z.number().int().min(2000).max(2100), budgetFen: costFen }).strict(),
    output: budgetRowSchema,
  }),
  'care.events.create': method({
    creates: true,
    summary: 'Plans a forum (座谈会) or an executive visit (高层拜访).',
    access: writers,
    input: z.object(eventFields).strict(),
    output: careEventDetailSchema,
  }),
  'care.events.update': method({
    summary: 'Edits an event; marks it held with a summary, or cancels it.',
    access: writers,
    input: z
      .object({
        id: idSchema,
        title: requiredText(200).optional(),
        date: localDateSchema.optional(),
        startTime: timeOfDaySchema.optional(),
        endTime: timeOfDaySchema.nullable().optional(),
        location: text(200).optional(),
        notes: text(4000).optional(),
        costFen: costFen.optional(),
        status: z.enum(CARE_EVENT_STATUSES).optional(),
        summary: text(4000).optional(),
      })
      .strict(),
    output: careEventDetailSchema,
  }),
  'care.events.get': method({
    summary: 'One event with its guests.',
    access: readers,
    input: z.object({ id: idSchema }).strict(),
    output: careEventDetailSchema,
  }),
  'care.events.list': method({
    summary: 'Events, newest first, optionally of one kind, status or year.',
    access: readers,
    input: z
      .object({
        kind: z.enum(CARE_EVENT_KINDS).optional(),
        status: z.enum(CARE_EVENT_STATUSES).optional(),
        year: z.number().int().min(2000).max(2100).optional(),
        ...pageInput,
      })
      .strict(),
    output: pageOf(careEventRowSchema),
  }),
  'care.events.invite': method({
    creates: true,
    summary: 'Invites customers (and optionally one key person each) to an event; a customer already invited is left as it is.',
    access: writers,
    input: z
      .object({
        eventId: idSchema,
        guests: z.array(z.object({ customerId: idSchema, contactId: idSchema.nullable().default(null) })).min(1).max(200),
      })
      .strict(),
    output: careEventDetailSchema,
  }),
  'care.events.guest': method({
    summary: 'Updates one guest: reply, attendance, the follow-up and its date, follow-up done.',
    access: writers,
    input: z
      .object({
        id: idSchema,
        status: z.enum(GUEST_STATUSES).optional(),
        followUp: text(1000).optional(),
        followUpDate: localDateSchema.nullable().optional(),
        followUpDone: z.boolean().optional(),
      })
      .strict(),
    output: careEventDetailSchema,
  }),
  'care.customer': method({
    summary: 'The customer 360 page\'s care section: its upcoming occasions, recent courtesies and events it was invited to.',
    access: readers,
    input: z.object({ customerId: idSchema }).strict(),
    output: z.object({
      upcoming: z.array(upcomingRowSchema),
      records: z.array(careRecordRowSchema),
      events: z.array(careEventRowSchema.extend({ guestStatus: z.enum(GUEST_STATUSES) })),
    }),
  }),
};
