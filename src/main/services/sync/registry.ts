import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as schema from '../../db/schema';

/** A synced table as sync sees it: its SQL name and the SQL names of its columns. */
export interface SyncedTable {
  name: string;
  columns: Set<string>;
  /** Columns that must have a value when a row is first inserted (NOT NULL without a default). */
  required: string[];
}

let registry: Map<string, SyncedTable> | null = null;

/**
 * Every table of the Drizzle schema that carries the syncColumns() base columns, found at run time so
 * a module added later is synced without touching sync.
 */
export function syncedTables(): Map<string, SyncedTable> {
  if (registry) return registry;
  const found = new Map<string, SyncedTable>();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const columns = getTableColumns(value) as Record<string, SQLiteColumn>;
    if (!columns.updatedHlc || !columns.deleted || !columns.branchId || !columns.id) continue;
    const all = Object.values(columns);
    found.set(getTableName(value), {
      name: getTableName(value),
      columns: new Set(all.map((c) => c.name)),
      required: all.filter((c) => c.notNull && !c.hasDefault).map((c) => c.name),
    });
  }
  registry = found;
  return found;
}
