import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import { randomFillSync } from 'node:crypto';
import { isoNow, type ServiceContext } from './context';
import { appendAudit, type NewRow, type Patch, type SyncTable } from './write';
import { SYNC_COLUMN_KEYS } from '../db/schema/base';

/**
 * The write path for many rows at once (demo seeding, imports, evaluation runs): same rules as
 * write.ts — every row written with a fresh HLC and its columns appended to sync_outbox — but with
 * prepared statements reused across rows and one summary audit record per call instead of one per
 * row. Callers run inside one transaction.
 */

// RFC 9562 UUIDv7 like shared/uuid.ts, but drawing random bytes from a pool: one getRandomValues
// call per id dominated seeding time for hundreds of thousands of rows.
const pool = Buffer.alloc(16 * 4096);
let poolAt = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUIDv7 for `ms`, from pooled randomness. */
export function bulkUuidv7(ms: number): string {
  if (poolAt + 10 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = new Array<number>(16);
  let ts = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  for (let i = 6; i < 16; i++) b[i] = pool[poolAt++]!;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.map((x) => HEX[x]!);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
}

interface Prepared {
  outbox: Statement;
  byKey: Map<string, Statement>;
}

const cache = new WeakMap<object, Prepared>();

function prepared(ctx: ServiceContext): Prepared {
  let p = cache.get(ctx.store.sqlite);
  if (!p) {
    p = {
      outbox: ctx.store.sqlite.prepare(
        'INSERT INTO sync_outbox (mutation_id, table_name, row_id, cols, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      byKey: new Map(),
    };
    cache.set(ctx.store.sqlite, p);
  }
  return p;
}

function statement(ctx: ServiceContext, key: string, sql: string): Statement {
  const p = prepared(ctx);
  let s = p.byKey.get(key);
  if (!s) {
    s = ctx.store.sqlite.prepare(sql);
    p.byKey.set(key, s);
  }
  return s;
}

function toDriver(column: SQLiteColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return column.mapToDriverValue(value);
}

function columnDefault(column: SQLiteColumn): unknown {
  const c = column as SQLiteColumn & { default?: unknown };
  return c.hasDefault && c.default !== undefined && typeof c.default !== 'object' ? toDriver(column, c.default) : null;
}

export interface BulkAudit {
  /** What the summary audit record says happened, e.g. {batch: id, kind: 'import'}. */
  summary?: Record<string, unknown>;
  /** Skip the summary record (the caller writes its own). */
  skip?: boolean;
}

/** Inserts many rows of a synced table (row + outbox each, one summary audit); returns their ids. */
export function bulkInsert<T extends SyncTable>(
  ctx: ServiceContext,
  table: T,
  rows: NewRow<T>[],
  audit: BulkAudit = {},
): string[] {
  if (rows.length === 0) return [];
  const name = getTableName(table);
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
  const insert = statement(
    ctx,
    `insert:${name}`,
    `INSERT INTO "${name}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const outbox = prepared(ctx).outbox;
  const now = isoNow(ctx);
  const ms = ctx.now().getTime();
  const ids: string[] = [];
  for (const values of rows) {
    const hlc = ctx.clock.tick();
    const full: Record<string, unknown> = {
      ...(values as Record<string, unknown>),
      id: (values as { id?: string }).id ?? bulkUuidv7(ms),
      branchId: ctx.branchId,
      // Demo seeding backdates when a customer was first filed; everything else is created now.
      createdAt: (values as { createdAt?: string }).createdAt ?? now,
      updatedAt: now,
      updatedHlc: hlc,
      deleted: false,
    };
    const params: unknown[] = [];
    const cols: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = key in full && full[key] !== undefined ? toDriver(column, full[key]) : columnDefault(column);
      params.push(value);
      cols[column.name] = value;
    }
    insert.run(params);
    outbox.run(bulkUuidv7(ms), name, full.id, JSON.stringify(cols), hlc, now);
    ids.push(full.id as string);
  }
  if (!audit.skip) {
    appendAudit(ctx, { entity: name, entityId: `bulk:${ids.length}`, action: 'create', after: { count: ids.length, ...audit.summary } });
  }
  return ids;
}

/**
 * Inserts many rows of a synced table with set-based statements: the rows go to SQLite as one JSON
 * array, and the table and outbox are written by one INSERT … SELECT each, all stamped with one HLC (one
 * logical instant, as the other set-based writes below). For log-like rows written by the thousand
 * (an import's undo trail and ownership log) and an import's new rows: per row, bulkInsert's objects and
 * statements cost ~15 µs and much of an import's memory. Returns the new ids, in the order of `rows`.
 */
export function bulkInsertSet<T extends SyncTable>(ctx: ServiceContext, table: T, rows: NewRow<T>[], audit: BulkAudit = {}): string[] {
  if (rows.length === 0) return [];
  const sqlite = ctx.store.sqlite;
  const name = getTableName(table);
  const own = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).filter(([key]) => !BASE_KEYS.has(key));
  const hlc = ctx.clock.tick();
  const now = isoNow(ctx);
  const ms = ctx.now().getTime();
  const ids: string[] = [];
  // A chunk at a time: one JSON text for 100,000 rows, and SQLite's parse of it, cost 100 MB.
  for (let start = 0; start < rows.length; start += SET_CHUNK) {
    const chunk = rows.slice(start, start + SET_CHUNK);
    const data = JSON.stringify(
      chunk.map((values) => {
        const v = values as Record<string, unknown>;
        return own.map(([key, column]) => (key in v && v[key] !== undefined ? toDriver(column, v[key]) : columnDefault(column)));
      }),
    );
    const before = (sqlite.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM "${name}"`).get() as { m: number }).m;
    sqlite
      .prepare(
        `INSERT INTO "${name}" (id, branch_id, created_at, updated_at, updated_hlc, deleted, ${own.map(([, c]) => `"${c.name}"`).join(', ')})
         SELECT ${uuidv7Sql(ms, chunk.length)}, ?, ?, ?, ?, 0, ${own.map((_, i) => `j.value ->> ${i}`).join(', ')}
         FROM json_each(?) j ORDER BY j.key`,
      )
      .run(ctx.branchId, now, now, hlc, data);
    outboxFromSelect(ctx, name, `SELECT r.id AS row_id, ${allColumnsJsonSql(table, 'r')} AS cols FROM "${name}" r WHERE r.rowid > ?`, [before], hlc, chunk.length);
    for (const id of sqlite.prepare(`SELECT id FROM "${name}" WHERE rowid > ? ORDER BY rowid`).pluck().all(before) as string[]) ids.push(id);
  }
  if (!audit.skip) {
    appendAudit(ctx, { entity: name, entityId: `bulk:${rows.length}`, action: 'create', after: { count: rows.length, ...audit.summary } });
  }
  return ids;
}

/** Rows per statement in bulkInsertSet. */
const SET_CHUNK = 5_000;

/** The base columns every synced table has (written by the write path itself). */
const BASE_KEYS: ReadonlySet<string> = new Set(SYNC_COLUMN_KEYS);

/**
 * Applies many patches (id → changed columns) with outbox rows; callers pass only real changes. All
 * rows are stamped with one HLC, as the set-based writes below are (one logical instant of one
 * transaction; per-column last-writer-wins only compares clocks of the same row), so the column
 * clocks of rows that keep them are moved set-based, once per distinct set of columns.
 */
export function bulkUpdate<T extends SyncTable>(
  ctx: ServiceContext,
  table: T,
  patches: { id: string; patch: Patch<T> }[],
  audit: BulkAudit = {},
  /** false: leave updated_at (derived columns such as a customer's bill caches are not an edit of the row). */
  touch = true,
): number {
  if (patches.length === 0) return 0;
  const name = getTableName(table);
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const { outbox } = prepared(ctx);
  const now = isoNow(ctx);
  const ms = ctx.now().getTime();
  const hlc = ctx.clock.tick();
  // One shape per distinct set of columns written: its statement, column names and rows (the clock
  // patch is the same for all of them). Per row only the parameters and the outbox JSON are made: at
  // 100,000 rows, building the SQL text and objects again for each row was most of an import's garbage.
  const shapes = new Map<string, { all: string[]; names: string[]; update: Statement; ids: string[] }>();
  let count = 0;
  for (const { id, patch } of patches) {
    const values = patch as Record<string, unknown>;
    let signature = '';
    for (const k in values) if (values[k] !== undefined && columns[k]) signature += signature ? `,${k}` : k;
    if (!signature) continue;
    let shape = shapes.get(signature);
    if (!shape) {
      const all = [...signature.split(','), ...(touch ? ['updatedAt'] : []), 'updatedHlc'];
      const names = all.map((k) => columns[k]!.name);
      const update = statement(ctx, `update:${name}:${all.join(',')}`, `UPDATE "${name}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`);
      shapes.set(signature, (shape = { all, names, update, ids: [] }));
    }
    const params: unknown[] = new Array(shape.all.length + 1);
    let cols = '{';
    for (let i = 0; i < shape.all.length; i++) {
      const key = shape.all[i]!;
      const v = toDriver(columns[key]!, key === 'updatedAt' ? now : key === 'updatedHlc' ? hlc : values[key]);
      params[i] = v;
      cols += `${i ? ',' : ''}${JSON.stringify(shape.names[i])}:${JSON.stringify(v)}`;
    }
    params[shape.all.length] = id;
    shape.update.run(params);
    outbox.run(bulkUuidv7(ms), name, id, `${cols}}`, hlc, now);
    shape.ids.push(id);
    count++;
  }
  for (const shape of shapes.values()) {
    for (let i = 0; i < shape.ids.length; i += SET_CHUNK) {
      patchColumnClocks(ctx, name, 'SELECT value FROM json_each(?)', [JSON.stringify(shape.ids.slice(i, i + SET_CHUNK))], shape.names, hlc);
    }
  }
  if (!audit.skip && count > 0) {
    appendAudit(ctx, { entity: name, entityId: `bulk:${count}`, action: 'update', after: { count, ...audit.summary } });
  }
  return count;
}

// --- set-based writes (INSERT … SELECT): evaluation runs and warning refreshes over a million rows ---
//
// Row by row, a million rows cost a million statements, and inside an enclosing savepoint (a caller
// that wraps the API call in its own transaction) each statement's journal work grows with the
// transaction, so the run turned quadratic. These helpers write the outbox from SQL instead: one
// statement per table. Every row written by one set-based statement shares one HLC: it is one logical
// instant of one transaction, and per-column last-writer-wins only ever compares clocks of the same row.

// Ids written by set-based statements in this process continue one counter, so they sort in writing
// order and a million of them append to the primary-key and mutation-id indexes instead of landing at
// random places in them (random inserts into a growing index were a third of a 1M evaluation run).
let setCounter = Math.floor(Math.random() * 2 ** 20);

/**
 * SQL expression for a fresh UUIDv7 at `ms` per row of an INSERT … SELECT (RFC 9562 method 2: a 30-bit
 * counter from `row_number() OVER ()` in rand_a and the top of rand_b, then 44 random bits); reserve
 * `rows` counter values for it.
 */
export function uuidv7Sql(ms: number, rows: number): string {
  const t = Math.trunc(ms).toString(16).padStart(12, '0').slice(-12);
  const base = setCounter;
  setCounter = (setCounter + rows + 1) % 2 ** 30;
  const c = `((row_number() OVER () + ${base}) % 1073741824)`;
  return `printf('${t.slice(0, 8)}-${t.slice(8)}-7%03x-%04x-%x%s', (${c} >> 18) & 4095, 32768 | ((${c} >> 4) & 16383), ${c} & 15,
    substr(lower(hex(randomblob(6))), 1, 11))`;
}

/** SQL json_object(...) of every column of `table` read from alias `alias`: the wire form bulkInsert sends. */
export function allColumnsJsonSql<T extends SyncTable>(table: T, alias: string): string {
  const columns = Object.values(getTableColumns(table) as Record<string, SQLiteColumn>);
  return `json_object(${columns.map((c) => `'${c.name}', ${alias}."${c.name}"`).join(', ')})`;
}

/**
 * Appends sync_outbox rows from a SELECT yielding (row_id, cols) — cols a JSON object of column name →
 * driver value — all stamped with `hlc`; returns how many.
 */
export function outboxFromSelect(
  ctx: ServiceContext,
  tableName: string,
  select: string,
  params: unknown[],
  hlc: string,
  /** At most how many rows the select yields (counter values reserved for their mutation ids). */
  maxRows: number,
): number {
  const ms = ctx.now().getTime();
  return ctx.store.sqlite
    .prepare(
      `INSERT INTO sync_outbox (mutation_id, table_name, row_id, cols, hlc, created_at)
       SELECT ${uuidv7Sql(ms, maxRows)}, ?, s.row_id, s.cols, ?, ? FROM (${select}) s`,
    )
    .run(tableName, hlc, isoNow(ctx), ...params).changes;
}

/**
 * Records `hlc` as the clock of `columns` for rows that already keep per-column clocks (rows without a
 * clock record fall back to their updated_hlc, which the caller sets to `hlc`), as write.ts does for one
 * row: otherwise a later pull would compare HQ's change with the column's older clock.
 */
export function patchColumnClocks(
  ctx: ServiceContext,
  tableName: string,
  rowIdsSelect: string,
  params: unknown[],
  columns: string[],
  hlc: string,
): void {
  ctx.store.sqlite
    .prepare(
      `UPDATE sync_row_clocks SET clocks = json_patch(clocks, ?)
       WHERE table_name = ? AND row_id IN (${rowIdsSelect})`,
    )
    .run(JSON.stringify(Object.fromEntries(columns.map((c) => [c, hlc]))), tableName, ...params);
}
