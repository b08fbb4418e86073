import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './base';

/**
 * Plan figures for the "new key customers vs plan" report (issue #5): one row per account manager,
 * month and metric. A simple table until the account-manager module (业务计划) owns plans.
 */
export const reportTargets = sqliteTable(
  'report_targets',
  {
    ...syncColumns(),
    /** YYYY-MM. */
    period: text('period').notNull(),
    managerId: text('manager_id').notNull(),
    /** What is planned; 'new_key_customers' for now. */
    metric: text('metric').notNull().default('new_key_customers'),
    target: integer('target').notNull(),
  },
  (t) => [index('report_targets_period').on(t.period, t.managerId, t.metric)],
);
