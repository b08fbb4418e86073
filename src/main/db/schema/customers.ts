import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';
import {
  CUSTOMER_SIZES,
  CUSTOMER_STAGES,
  CUSTOMER_TYPES,
  GRADES,
  SENSITIVITIES,
} from '../../../shared/contract/customer-common';
import {
  CREDIT_RATINGS,
  DECISION_ROLES,
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  SERVICE_STATUSES,
} from '../../../shared/contract/customer-sections';
import { IMPORT_KINDS } from '../../../shared/contract/customer-import';
import { PERIOD_TYPES, WARNING_KINDS } from '../../../shared/contract/customer-evaluation';
import { BIRTHDAY_CALENDARS } from '../../../shared/contract/visit-common';

// List filters only ever look at live rows, so the list indexes are partial (deleted = 0): smaller,
// and a count over the live set can be answered from them.
const live = sql`deleted = 0`;

/** Key-customer profiles (DOMAIN.md module 1). Spend, arrears and the key flag are caches kept by the service. */
export const customers = sqliteTable(
  'customers',
  {
    ...syncColumns(),
    name: text('name').notNull(),
    /** companyNameKey(name): what the duplicate guard compares. */
    nameKey: text('name_key').notNull(),
    shortName: text('short_name').notNull().default(''),
    creditCode: text('credit_code').notNull().default(''),
    industry: text('industry').notNull().default(''),
    type: text('type', { enum: CUSTOMER_TYPES }).notNull().default('enterprise'),
    region: text('region').notNull().default(''),
    address: text('address').notNull().default(''),
    size: text('size', { enum: CUSTOMER_SIZES }),
    parentId: text('parent_id'),
    sensitivity: text('sensitivity', { enum: SENSITIVITIES }),
    /** JSON array of strings. */
    tags: text('tags').notNull().default('[]'),
    notes: text('notes').notNull().default(''),
    /** 第一责任人; null = in the pool (公海). Changed only through the ownership service (logged). */
    ownerId: text('owner_id'),
    stage: text('stage', { enum: CUSTOMER_STAGES }).notNull().default('new'),
    grade: text('grade', { enum: GRADES }),
    gradePeriod: text('grade_period'),
    designatedStrategic: integer('designated_strategic', { mode: 'boolean' }).notNull().default(false),
    /** Average billed over the last 3 billed periods, fen. */
    monthlySpendFen: integer('monthly_spend_fen').notNull().default(0),
    /** Σ max(0, billed − paid) over all bills, fen. */
    arrearsFen: integer('arrears_fen').notNull().default(0),
    isKey: integer('is_key', { mode: 'boolean' }).notNull().default(false),
    /** 成立日期, local yyyy-MM-dd: its anniversary is a courtesy occasion (yellow channel). */
    foundedOn: text('founded_on'),
  },
  (t) => [
    index('customers_owner_updated').on(t.ownerId, t.updatedAt).where(live),
    // Grade rides along in the "last edited" index instead of leading one of its own (migration 0018):
    // an evaluation run rewrites most grades, and here the entry stays where it is.
    index('customers_updated').on(t.updatedAt, t.grade).where(live),
    index('customers_created').on(t.createdAt).where(live),
    index('customers_name').on(t.name).where(live),
    index('customers_name_key').on(t.nameKey),
    index('customers_credit_code').on(t.creditCode),
    index('customers_parent').on(t.parentId),
    index('customers_stage').on(t.stage, t.updatedAt).where(live),
    index('customers_industry').on(t.industry, t.updatedAt).where(live),
    index('customers_region').on(t.region, t.updatedAt).where(live),
    index('customers_type').on(t.type, t.updatedAt).where(live),
    index('customers_key').on(t.isKey, t.updatedAt).where(live),
    index('customers_spend').on(t.monthlySpendFen).where(live),
    index('customers_arrears').on(t.arrearsFen).where(live),
    // Founding anniversaries (yellow channel's courtesy care), read as month-day ranges.
    index('customers_founded_md').on(sql`substr(founded_on, 6, 5)`).where(sql`deleted = 0 AND founded_on IS NOT NULL`),
  ],
);

/** Key people at the customer (内部重要员工): decision makers, contacts, birthdays, phones, IM. */
export const customerContacts = sqliteTable(
  'customer_contacts',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
    department: text('department').notNull().default(''),
    decisionRole: text('decision_role', { enum: DECISION_ROLES }),
    mobile: text('mobile').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    wechat: text('wechat').notNull().default(''),
    qq: text('qq').notNull().default(''),
    /** yyyy-MM-dd on the calendar below; a lunar birthday's month and day are lunar ones (闰月 counts as the month). */
    birthday: text('birthday'),
    birthdayCalendar: text('birthday_calendar', { enum: BIRTHDAY_CALENDARS }).notNull().default('solar'),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes').notNull().default(''),
  },
  // Upcoming birthdays are read from contact_birthdays (migration 0031), kept by triggers.
  (t) => [index('customer_contacts_customer').on(t.customerId), index('customer_contacts_mobile').on(t.mobile)],
);

/** Subscribed products and service instances (营业业务资料). */
export const serviceInstances = sqliteTable(
  'service_instances',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    product: text('product').notNull(),
    serviceNo: text('service_no').notNull(),
    bandwidth: text('bandwidth').notNull().default(''),
    address: text('address').notNull().default(''),
    startDate: text('start_date'),
    monthlyFeeFen: integer('monthly_fee_fen').notNull().default(0),
    status: text('status', { enum: SERVICE_STATUSES }).notNull().default('active'),
  },
  (t) => [index('service_instances_customer').on(t.customerId), index('service_instances_no').on(t.serviceNo)],
);

/** Monthly bills and payments (计费帐务资料); one live bill per customer and period. */
export const customerBills = sqliteTable(
  'customer_bills',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    period: text('period').notNull(),
    billedFen: integer('billed_fen').notNull(),
    paidFen: integer('paid_fen').notNull().default(0),
    paidDate: text('paid_date'),
    dueDate: text('due_date').notNull(),
  },
  (t) => [
    index('customer_bills_customer_period').on(t.customerId, t.period),
    index('customer_bills_period').on(t.period, t.customerId),
  ],
);

/** Credit ratings and limits with history (信用资料). */
export const customerCredit = sqliteTable(
  'customer_credit',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    rating: text('rating', { enum: CREDIT_RATINGS }).notNull(),
    limitFen: integer('limit_fen').notNull().default(0),
    note: text('note').notNull().default(''),
    at: text('at').notNull(),
  },
  (t) => [index('customer_credit_customer').on(t.customerId, t.at)],
);

/** Projects and engineering works (项目工程资料). */
export const customerProjects = sqliteTable(
  'customer_projects',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('planning'),
    amountFen: integer('amount_fen').notNull().default(0),
    startDate: text('start_date'),
    endDate: text('end_date'),
    manager: text('manager').notNull().default(''),
    notes: text('notes').notNull().default(''),
  },
  (t) => [index('customer_projects_customer').on(t.customerId)],
);

/** Occupied network resources (资源占用资料). */
export const customerResources = sqliteTable(
  'customer_resources',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    identifier: text('identifier').notNull(),
    detail: text('detail').notNull().default(''),
    serviceId: text('service_id'),
  },
  (t) => [index('customer_resources_customer').on(t.customerId), index('customer_resources_identifier').on(t.identifier)],
);

/** Every change of 第一责任人: written by the ownership service only, never edited. */
export const customerOwnershipLog = sqliteTable(
  'customer_ownership_log',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    kind: text('kind', { enum: ['create', 'transfer', 'release', 'claim', 'import'] }).notNull(),
    fromOwnerId: text('from_owner_id'),
    toOwnerId: text('to_owner_id'),
    byId: text('by_id'),
    byName: text('by_name'),
    reason: text('reason').notNull().default(''),
    at: text('at').notNull(),
  },
  (t) => [
    index('customer_ownership_customer').on(t.customerId, t.at),
    index('customer_ownership_at').on(t.at),
    index('customer_ownership_claims').on(t.byId, t.kind, t.at),
  ],
);

/** Pipeline stage changes (新客户 → … → 签约/流失). */
export const customerStageHistory = sqliteTable(
  'customer_stage_history',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    fromStage: text('from_stage', { enum: CUSTOMER_STAGES }),
    toStage: text('to_stage', { enum: CUSTOMER_STAGES }).notNull(),
    byId: text('by_id'),
    byName: text('by_name'),
    note: text('note').notNull().default(''),
    at: text('at').notNull(),
  },
  (t) => [index('customer_stage_customer').on(t.customerId, t.at)],
);

/** One evaluation run over a period with the rules it used. */
export const customerEvaluationRuns = sqliteTable(
  'customer_evaluation_runs',
  {
    ...syncColumns(),
    periodType: text('period_type', { enum: PERIOD_TYPES }).notNull(),
    period: text('period').notNull(),
    ranAt: text('ran_at').notNull(),
    ranById: text('ran_by_id'),
    ranByName: text('ran_by_name'),
    customerCount: integer('customer_count').notNull(),
    /** JSON {grade: count}. */
    gradeCounts: text('grade_counts').notNull(),
    branchBilledFen: integer('branch_billed_fen').notNull(),
    /** JSON of the grade rules used. */
    rules: text('rules').notNull(),
  },
  (t) => [index('customer_evaluation_runs_at').on(t.ranAt)],
);

/**
 * Per customer per evaluation run: the metrics, score and grade (migration 0016). Local to this device
 * and never synced: a run's figures are derived from synced bills by the synced rules, the run itself
 * (customer_evaluation_runs: period, rules, grade counts) and every grade it changed (customers.grade)
 * are synced, and a million result rows a month each sent to HQ cost more than the run itself. Keyed
 * by run then customer (WITHOUT ROWID), so a run's rows append and one customer's history is one seek
 * per run; the period and time come from the run.
 */
export const customerEvaluationScores = sqliteTable(
  'customer_evaluation_scores',
  {
    runId: text('run_id').notNull(),
    customerId: text('customer_id').notNull(),
    billCount: integer('bill_count').notNull(),
    billedFen: integer('billed_fen').notNull(),
    paidFen: integer('paid_fen').notNull(),
    onTimeRatio: real('on_time_ratio'),
    revenueShare: real('revenue_share').notNull(),
    growth: real('growth'),
    score: real('score').notNull(),
    grade: text('grade', { enum: GRADES }).notNull(),
    previousGrade: text('previous_grade', { enum: GRADES }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.customerId] }), index('customer_evaluation_scores_run_score').on(t.runId, t.score)],
);

/** Churn warnings; open while resolved_at is null. */
export const customerWarnings = sqliteTable(
  'customer_warnings',
  {
    ...syncColumns(),
    customerId: text('customer_id').notNull(),
    kind: text('kind', { enum: WARNING_KINDS }).notNull(),
    /** spend_drop: percent; arrears: days overdue. */
    value: real('value').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** The bill period the warning is about. */
    period: text('period').notNull().default(''),
    raisedAt: text('raised_at').notNull(),
    acknowledged: integer('acknowledged', { mode: 'boolean' }).notNull().default(false),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('customer_warnings_open').on(t.resolvedAt, t.kind), index('customer_warnings_customer').on(t.customerId)],
);

/** Saved list views (filters), private or shared with the branch. */
export const customerViews = sqliteTable(
  'customer_views',
  {
    ...syncColumns(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    /** JSON of the list filters. */
    filters: text('filters').notNull(),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_views_user').on(t.userId)],
);

/** One import of a file; undo reverses exactly the rows it lists. */
export const customerImportBatches = sqliteTable(
  'customer_import_batches',
  {
    ...syncColumns(),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    byId: text('by_id'),
    byName: text('by_name'),
    at: text('at').notNull(),
    created: integer('created').notNull(),
    updated: integer('updated').notNull(),
    undoneAt: text('undone_at'),
  },
  (t) => [index('customer_import_batches_at').on(t.at)],
);

/** Which rows a batch created or updated (with the values before, to restore on undo). */
export const customerImportRows = sqliteTable(
  'customer_import_rows',
  {
    ...syncColumns(),
    batchId: text('batch_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    action: text('action', { enum: ['create', 'update'] }).notNull(),
    /** JSON of the changed columns before the import (update only). */
    before: text('before'),
  },
  (t) => [index('customer_import_rows_batch').on(t.batchId)],
);
