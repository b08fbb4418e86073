import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';
import {
  CARE_EVENT_KINDS,
  CARE_EVENT_STATUSES,
  CARE_KINDS,
  CARE_OCCASIONS,
  CARE_STATUSES,
  GUEST_STATUSES,
  PLAN_STATUSES,
  VISIT_KINDS,
  VISIT_SOURCES,
  VISIT_STATUSES,
} from '../../../shared/contract/visit-common';

// Yellow channel (DOMAIN.md module 4): visit plans by grade, visit records, courtesy care (友情服务).
// References are plain id columns without foreign keys, as in the red and green channels: sync pages
// may bring a row before the row it points to. Visit rules and care settings are settings rows (JSON).

const live = sql`deleted = 0`;

/** One account manager's visit plan for a month (走访计划): generated from the rules, edited, submitted. */
export const visitPlans = sqliteTable(
  'visit_plans',
  {
    ...syncColumns(),
    ownerId: text('owner_id').notNull(),
    /** yyyy-MM (Asia/Shanghai). */
    month: text('month').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull(),
    submittedAt: text('submitted_at'),
    reviewedById: text('reviewed_by_id'),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note').notNull().default(''),
  },
  (t) => [index('visit_plans_owner_month').on(t.ownerId, t.month).where(live), index('visit_plans_month').on(t.month, t.status).where(live)],
);

/**
 * A visit, planned or done: a plan item is the same row the record later completes. visit_date is the
 * planned day while planned and the day it took place once done, so one index serves the calendars.
 */
export const visits = sqliteTable(
  'visits',
  {
    ...syncColumns(),
    /** Branch code + ZF + month + device code + sequence, like ticket numbers. */
    number: text('number').notNull(),
    customerId: text('customer_id').notNull(),
    /** The account manager whose visit it is (the customer's 第一责任人 when it was planned or recorded). */
    ownerId: text('owner_id').notNull(),
    planId: text('plan_id'),
    source: text('source', { enum: VISIT_SOURCES }).notNull(),
    kind: text('kind', { enum: VISIT_KINDS }).notNull(),
    status: text('status', { enum: VISIT_STATUSES }).notNull(),
    /** Local yyyy-MM-dd: planned day while planned, the visit's day once done. */
    visitDate: text('visit_date').notNull(),
    /** Local HH:mm start, or null for a day without a set time. */
    startTime: text('start_time'),
    durationMinutes: integer('duration_minutes'),
    /** The customer's visit due date when planned or recorded (the grade's interval); null when none applies. */
    dueDate: text('due_date'),
    /** Done by the due date (or no due date); null while not done. */
    onTime: integer('on_time', { mode: 'boolean' }),
    /** JSON array of user ids: our participants besides the owner. */
    participants: text('participants').notNull().default('[]'),
    /** JSON array of customer_contacts ids: the customer's key people met. */
    contactsMet: text('contacts_met').notNull().default('[]'),
    purpose: text('purpose').notNull().default(''),
    /** What was learned: needs, competitor moves, complaints. */
    needs: text('needs').notNull().default(''),
    competitor: text('competitor').notNull().default(''),
    complaints: text('complaints').notNull().default(''),
    outcome: text('outcome').notNull().default(''),
    nextStep: text('next_step').notNull().default(''),
    /** Local yyyy-MM-dd of the next step; it becomes a reminder to the owner. */
    nextStepDate: text('next_step_date'),
    nextStepRemindedAt: text('next_step_reminded_at'),
    dropReason: text('drop_reason').notNull().default(''),
    /** When the record was written; 补录 when more than LATE_ENTRY_DAYS after visit_date. */
    recordedAt: text('recorded_at'),
    lateEntry: integer('late_entry', { mode: 'boolean' }).notNull().default(false),
    recordedById: text('recorded_by_id'),
    /** The forum or executive visit (care_events) this visit belongs to, when it does. */
    eventId: text('event_id'),
  },
  (t) => [
    index('visits_owner_date').on(t.ownerId, t.visitDate).where(live),
    index('visits_date').on(t.visitDate, t.ownerId, t.status).where(live),
    index('visits_customer_date').on(t.customerId, t.status, t.visitDate).where(live),
    index('visits_plan').on(t.planId).where(live),
    index('visits_next_step').on(t.nextStepDate).where(sql`deleted = 0 AND next_step_reminded_at IS NULL AND next_step_date IS NOT NULL`),
    index('visits_number').on(t.number),
    // Visit compliance of a month reads the visits due in it (covering: no row reads).
    index('visits_due').on(t.dueDate, t.customerId, t.ownerId, t.status, t.onTime).where(live),
  ],
);

/** Attachments and photos of a visit; bytes in the shared attachment store (services/attachment-files.ts). */
export const visitAttachments = sqliteTable(
  'visit_attachments',
  {
    ...syncColumns(),
    visitId: text('visit_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: text('uploaded_by_id'),
  },
  (t) => [index('visit_attachments_visit').on(t.visitId)],
);

/** A courtesy (友情服务) given to a customer or one of its key people: greeting, gift, banquet … */
export const careRecords = sqliteTable(
  'care_records',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    contactId: text('contact_id'),
    /** The account manager whose budget it is spent from. */
    ownerId: text('owner_id').notNull(),
    occasion: text('occasion', { enum: CARE_OCCASIONS }).notNull(),
    /** Holiday key (spring_festival, mid_autumn …) when occasion = holiday. */
    holidayKey: text('holiday_key'),
    /** Local yyyy-MM-dd of the occasion (the birthday this year, the holiday …). */
    occasionDate: text('occasion_date').notNull(),
    kind: text('kind', { enum: CARE_KINDS }).notNull(),
    description: text('description').notNull().default(''),
    costFen: integer('cost_fen').notNull().default(0),
    status: text('status', { enum: CARE_STATUSES }).notNull(),
    decidedById: text('decided_by_id'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note').notNull().default(''),
    eventId: text('event_id'),
  },
  (t) => [
    index('care_records_owner_date').on(t.ownerId, t.occasionDate).where(live),
    index('care_records_customer').on(t.customerId, t.occasionDate).where(live),
    index('care_records_contact').on(t.contactId, t.occasionDate).where(live),
    index('care_records_pending').on(t.status, t.createdAt).where(sql`deleted = 0 AND status = 'pending'`),
  ],
);

/** An account manager's yearly gift budget (fen). */
export const careBudgets = sqliteTable(
  'care_budgets',
  {
    ...syncColumns(),
    ownerId: text('owner_id').notNull(),
    year: integer('year').notNull(),
    budgetFen: integer('budget_fen').notNull(),
  },
  (t) => [index('care_budgets_owner_year').on(t.ownerId, t.year).where(live)],
);

/** 座谈会 and 高层拜访: events with invited customers, attendance and follow-ups. */
export const careEvents = sqliteTable(
  'care_events',
  {
    ...syncColumns(),
    number: text('number').notNull(),
    kind: text('kind', { enum: CARE_EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    /** ISO instants. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at'),
    location: text('location').notNull().default(''),
    organizerId: text('organizer_id').notNull(),
    status: text('status', { enum: CARE_EVENT_STATUSES }).notNull(),
    notes: text('notes').notNull().default(''),
    /** What came of it, written after it was held. */
    summary: text('summary').notNull().default(''),
    costFen: integer('cost_fen').notNull().default(0),
  },
  (t) => [index('care_events_starts').on(t.startsAt).where(live)],
);

/** A customer (and optionally one key person) invited to an event, with attendance and the follow-up. */
export const careEventGuests = sqliteTable(
  'care_event_guests',
  {
    ...syncColumns(),
    eventId: text('event_id').notNull(),
    customerId: text('customer_id').notNull(),
    contactId: text('contact_id'),
    invitedById: text('invited_by_id'),
    status: text('status', { enum: GUEST_STATUSES }).notNull(),
    followUp: text('follow_up').notNull().default(''),
    followUpDate: text('follow_up_date'),
    followUpDone: integer('follow_up_done', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('care_event_guests_event').on(t.eventId).where(live), index('care_event_guests_customer').on(t.customerId).where(live)],
);

/**
 * Derived, local to this device, never synced (migration 0029's triggers keep it from visits and
 * customers; visit_rule_cache holds the rules they read): per customer with a grade, the last counted
 * visit and the next due date. The overdue lists and the churn warning read it.
 */
export const customerVisitDue = sqliteTable(
  'customer_visit_due',
  {
    customerId: text('customer_id').primaryKey(),
    ownerId: text('owner_id'),
    grade: text('grade'),
    lastVisitDate: text('last_visit_date'),
    /** Null when the grade has no interval (普通) or the customer has no grade. */
    dueDate: text('due_date'),
  },
  (t) => [
    index('customer_visit_due_owner').on(t.ownerId, t.dueDate).where(sql`due_date IS NOT NULL`),
    index('customer_visit_due_date').on(t.dueDate).where(sql`due_date IS NOT NULL`),
  ],
);

/** Local copy of the visit rules the customer_visit_due triggers read: interval and counted kinds per grade. */
export const visitRuleCache = sqliteTable('visit_rule_cache', {
  grade: text('grade').primaryKey(),
  /** Months between visits; null = no interval (not tracked). */
  months: integer('months'),
  /** JSON array of visit kinds that count. */
  kinds: text('kinds').notNull(),
});
