import { getTableColumns, getTableName, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { uuidv7 } from '../../shared/uuid';
import { AppError } from '../../shared/errors';
import { cachedStatement } from '../db/sql';
import type { SYNC_COLUMN_KEYS } from '../db/schema/base';
import { isoNow, type ServiceContext } from './context';
import { recordColumnClocks } from './sync/clocks';

/**
 * The one write path for synced tables (ARCHITECTURE.md, data rules). Each function writes the row,
 * appends the changed columns with a fresh HLC to sync_outbox and appends an audit record. Callers run
 * inside the API server's transaction, so the three writes commit or roll back together.
 */

export type SyncTable = SQLiteTable & {
  id: SQLiteColumn;
  branchId: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  updatedHlc: SQLiteColumn;
  deleted: SQLiteColumn;
};

type BaseKey = (typeof SYNC_COLUMN_KEYS)[number];
export type NewRow<T extends SyncTable> = Omit<InferInsertModel<T>, BaseKey> & { id?: string };
export type Row<T extends SyncTable> = InferSelectModel<T>;
export type Patch<T extends SyncTable> = Partial<Omit<InferInsertModel<T>, BaseKey>>;

type AuditAction = 'create' | 'update' | 'delete' | 'login' | 'login_failed' | 'logout' | 'other';

/** Appends one audit record. Secrets never reach here: callers pass only what may be shown. */
export function appendAudit(
  ctx: ServiceContext,
  entry: {
    entity: string;
    entityId: string;
    action: AuditAction;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
): void {
  // Raw SQL prepared once per connection (as in appendOutbox): the query builder cost more than the insert.
  cachedStatement(
    ctx.store.sqlite,
    `INSERT INTO audit_log (at, actor_id, actor_name, method, entity, entity_id, action, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    isoNow(ctx),
    ctx.actor?.id ?? null,
    ctx.actor?.displayName ?? null,
    ctx.method,
    entry.entity,
    entry.entityId,
    entry.action,
    entry.before ? JSON.stringify(entry.before) : null,
    entry.after ? JSON.stringify(entry.after) : null,
  );
}

/** Column values as SQLite stores them, keyed by column name: the wire form of a mutation. */
function driverValues(table: SyncTable, row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const column = columns[key];
    if (!column) continue;
    const value = row[key];
    out[column.name] = value === null || value === undefined ? null : column.mapToDriverValue(value);
  }
  return out;
}

function appendOutbox(ctx: ServiceContext, table: SyncTable, rowId: string, cols: Record<string, unknown>, hlc: string) {
  cachedStatement(
    ctx.store.sqlite,
    'INSERT INTO sync_outbox (mutation_id, table_name, row_id, cols, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(uuidv7(ctx.now().getTime()), getTableName(table), rowId, JSON.stringify(cols), hlc, isoNow(ctx));
  // Per-column clocks let a later pull keep this edit when HQ sends an older value of the same column.
  recordColumnClocks(ctx.db, getTableName(table), rowId, Object.keys(cols), hlc);
}

/** Inserts a row of a synced table through the write path and returns it. */
export function insertRow<T extends SyncTable>(ctx: ServiceContext, table: T, values: NewRow<T>): Row<T> {
  const now = isoNow(ctx);
  const hlc = ctx.clock.tick();
  const full = {
    ...values,
    id: values.id ?? uuidv7(ctx.now().getTime()),
    branchId: ctx.branchId,
    createdAt: now,
    updatedAt: now,
    updatedHlc: hlc,
    deleted: false,
  } as InferInsertModel<T>;
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const given = full as Record<string, unknown>;
  // Columns left out take their SQL defaults, as drizzle's insert would give them.
  const stored = driverValues(table, given, Object.keys(given).filter((k) => columns[k] && given[k] !== undefined));
  const names = Object.keys(stored);
  cachedStatement(
    ctx.store.sqlite,
    `INSERT INTO "${getTableName(table)}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  ).run(...Object.values(stored));
  const row = rowReader(ctx, table)(given.id as string) as Row<T>;
  const record = row as Record<string, unknown>;
  appendOutbox(ctx, table, record.id as string, driverValues(table, record, Object.keys(record)), hlc);
  appendAudit(ctx, { entity: getTableName(table), entityId: record.id as string, action: 'create', after: record });
  return row;
}

/** Reads a live (not deleted) row by id, or throws NOT_FOUND. */
export function getRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string): Row<T> {
  const row = rowReader(ctx, table)(id) as (Row<T> & { deleted: boolean }) | undefined;
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

type RowReader = (id: string) => Record<string, unknown> | undefined;
const readers = new WeakMap<object, Map<string, RowReader>>();

/**
 * Reads a row by id into the shape drizzle's select gives (property names, each value through its
 * column's mapFromDriverValue), from a statement prepared once per table and connection. Building the
 * query through drizzle on every call cost ~50 µs: most of an import of 100,000 updates.
 */
function rowReader(ctx: ServiceContext, table: SyncTable): RowReader {
  let byTable = readers.get(ctx.store.sqlite);
  if (!byTable) readers.set(ctx.store.sqlite, (byTable = new Map()));
  const name = getTableName(table);
  let read = byTable.get(name);
  if (!read) {
    const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
    const select = ctx.store.sqlite
      .prepare(`SELECT ${columns.map(([, c]) => `"${c.name}"`).join(', ')} FROM "${name}" WHERE id = ?`)
      .raw();
    read = (id) => {
      const raw = select.get(id) as unknown[] | undefined;
      if (!raw) return undefined;
      const row: Record<string, unknown> = {};
      columns.forEach(([key, column], i) => {
        const v = raw[i];
        row[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
      });
      return row;
    };
    byTable.set(name, read);
  }
  return read;
}

/**
 * UPDATE of a row's columns (property names → values) by id, from a statement prepared once per table,
 * column set and connection: like the reads, building the statement through drizzle on every write cost
 * more than the write itself (half the demo seed's time was spent preparing statements).
 */
function writeColumns(ctx: ServiceContext, table: SyncTable, id: string, set: Record<string, unknown>): void {
  const values = driverValues(table, set, Object.keys(set));
  const names = Object.keys(values);
  cachedStatement(
    ctx.store.sqlite,
    `UPDATE "${getTableName(table)}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`,
  ).run(...Object.values(values), id);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies a patch to a synced row. Only columns whose value really changes are written, sent and
 * audited; a patch that changes nothing writes nothing and returns the row as it is.
 */
export function updateRow<T extends SyncTable>(
  ctx: ServiceContext,
  table: T,
  id: string,
  patch: Patch<T>,
): { row: Row<T>; changed: string[] } {
  const before = getRow(ctx, table, id) as Record<string, unknown>;
  const changed = Object.entries(patch)
    .filter(([key, value]) => value !== undefined && !sameValue(before[key], value))
    .map(([key]) => key);
  if (changed.length === 0) return { row: before as Row<T>, changed };

  const hlc = ctx.clock.tick();
  const set: Record<string, unknown> = { updatedAt: isoNow(ctx), updatedHlc: hlc };
  for (const key of changed) set[key] = (patch as Record<string, unknown>)[key];
  writeColumns(ctx, table, id, set);
  const after = rowReader(ctx, table)(id)!;

  appendOutbox(ctx, table, id, driverValues(table, after, [...changed, 'updatedAt', 'updatedHlc']), hlc);
  appendAudit(ctx, {
    entity: getTableName(table),
    entityId: id,
    action: 'update',
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  return { row: after as Row<T>, changed };
}

/** Marks a synced row deleted (a tombstone: synced rows are never hard-deleted). */
export function deleteRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string): void {
  const before = getRow(ctx, table, id) as Record<string, unknown>;
  const hlc = ctx.clock.tick();
  const set = { deleted: true, updatedAt: isoNow(ctx), updatedHlc: hlc };
  writeColumns(ctx, table, id, set);
  appendOutbox(ctx, table, id, driverValues(table, set, Object.keys(set)), hlc);
  appendAudit(ctx, { entity: getTableName(table), entityId: id, action: 'delete', before });
}
