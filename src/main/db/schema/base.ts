import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * The sync-ready base columns every synced domain table carries (ARCHITECTURE.md, data rules):
 * UUIDv7 id, owning branch, times in ISO-8601 UTC, the HLC of the last write and a tombstone.
 */
export const syncColumns = () => ({
  id: text('id').primaryKey(),
  branchId: text('branch_id').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedHlc: text('updated_hlc').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

/** Names of the base columns, which services never set themselves. */
export const SYNC_COLUMN_KEYS = ['id', 'branchId', 'createdAt', 'updatedAt', 'updatedHlc', 'deleted'] as const;
