import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Local bookkeeping of headquarters sync (never synced itself): the device's HQ settings and progress,
 * the per-column clocks that make pulls last-writer-wins, and the mutations HQ refused.
 */

/** One row (id = 1): where HQ is, this device's token, the interval, the pull cursor and the last outcome. */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  hqUrl: text('hq_url').notNull().default(''),
  deviceToken: text('device_token').notNull().default(''),
  intervalSeconds: integer('interval_seconds').notNull().default(300),
  pullCursor: integer('pull_cursor').notNull().default(0),
  hqBranchCode: text('hq_branch_code'),
  lastAttemptAt: text('last_attempt_at'),
  lastSuccessAt: text('last_success_at'),
  lastErrorCode: text('last_error_code'),
  lastErrorAt: text('last_error_at'),
  failures: integer('failures').notNull().default(0),
  heldCount: integer('held_count').notNull().default(0),
});

/** The HLC that last set each column of a synced row, as JSON {column: hlc}; written locally and by pulls. */
export const syncRowClocks = sqliteTable(
  'sync_row_clocks',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    clocks: text('clocks').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId] })],
);

/** Mutations HQ refused for good (not this branch's row, read-only table): shown to the administrator. */
export const syncRejections = sqliteTable('sync_rejections', {
  mutationId: text('mutation_id').primaryKey(),
  tableName: text('table_name').notNull(),
  rowId: text('row_id').notNull(),
  code: text('code').notNull(),
  at: text('at').notNull(),
});
