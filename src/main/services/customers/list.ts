import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ParsedInputOf } from '../../../shared/contract';
import { LIST_COUNT_CAP, type CustomerListRow } from '../../../shared/contract/customers';
import { customerFilterSchema } from '../../../shared/contract/customer-common';
import type { SearchHit } from '../../../shared/contract/system';
import type { z } from 'zod';
import { customers } from '../../db/schema';
import { escapeLike } from '../../db/sql';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { canSeeFinance, readScopeSql } from './scope';
import { toListRow, userNames, type CustomerRow } from './records';

export type CustomerFilterInput = z.output<typeof customerFilterSchema>;

const columns = Object.entries(getTableColumns(customers) as Record<string, SQLiteColumn>);
/** `c.name_key AS nameKey, ...`: raw SQL that reads back in the drizzle row shape. */
export const CUSTOMER_SELECT = columns.map(([key, col]) => `c.${col.name} AS ${key}`).join(', ');

/** A raw row selected with CUSTOMER_SELECT → the typed drizzle row (booleans, enums). */
export function fromRaw(raw: Record<string, unknown>): CustomerRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of columns) {
    const v = raw[key];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as CustomerRow;
}

const SORT_SQL: Record<CustomerFilterInput['sort'], string> = {
  name: 'c.name',
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at',
  monthlySpend: 'c.monthly_spend_fen',
  arrears: 'c.arrears_fen',
  grade: `CASE c.grade WHEN 'strategic' THEN 1 WHEN 'key' THEN 2 WHEN 'vip' THEN 3 WHEN 'quality' THEN 4 WHEN 'normal' THEN 5 ELSE 6 END`,
  stage: `CASE c.stage WHEN 'new' THEN 1 WHEN 'target' THEN 2 WHEN 'potential' THEN 3 WHEN 'intent' THEN 4 WHEN 'signed' THEN 5 ELSE 6 END`,
};

/** An FTS5 phrase for one search term (double quotes doubled so user text stays literal). */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The search-box condition: terms of 3+ characters go to the FTS5 trigram index; shorter terms
 * (trigrams cannot index them) fall back to LIKE over the same indexed text.
 */
export function searchSql(query: string): { sql: string; params: unknown[] } | null {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return null;
  const parts: string[] = [];
  const params: unknown[] = [];
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  if (long.length) {
    parts.push(
      'c.id IN (SELECT m.customer_id FROM customers_fts f JOIN customer_search_map m ON m.seq = f.rowid WHERE customers_fts MATCH ?)',
    );
    params.push(long.map(ftsPhrase).join(' '));
  }
  for (const term of short) {
    const like = `%${escapeLike(term)}%`;
    parts.push(
      `c.id IN (SELECT m.customer_id FROM customers_fts f JOIN customer_search_map m ON m.seq = f.rowid WHERE
        f.name LIKE ? ESCAPE '\\' OR f.short_name LIKE ? ESCAPE '\\' OR f.credit_code LIKE ? ESCAPE '\\'
        OR f.address LIKE ? ESCAPE '\\' OR f.people LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like, like);
  }
  return { sql: parts.join(' AND '), params };
}

function inList(column: string, values: readonly string[], where: string[], params: unknown[]) {
  if (values.length === 0) return;
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

// Sorts served by an index of their own. With such a sort, filters on low-cardinality columns are
// written as `+c.col` so SQLite walks the sort index and stops after one page, instead of fetching
// every row of (say) one region through its index and sorting them all: without statistics the
// planner takes any equality as selective, which for is_key or grade it is not.
const INDEXED_SORTS: ReadonlySet<CustomerFilterInput['sort']> = new Set(['name', 'createdAt', 'monthlySpend', 'arrears']);

/** WHERE clause (over alias c) for a filter in the actor's scope. */
export function filterWhere(actor: Actor, filter: CustomerFilterInput): { sql: string; params: unknown[] } {
  const p = INDEXED_SORTS.has(filter.sort) ? '+' : '';
  const where = ['c.deleted = 0'];
  const params: unknown[] = [];
  const scope = readScopeSql(actor);
  where.push(scope.sql);
  params.push(...scope.params);
  if (filter.grade?.length) {
    const grades = filter.grade.filter((g) => g !== 'none');
    const none = filter.grade.includes('none');
    const parts: string[] = [];
    if (grades.length) {
      parts.push(`${p}c.grade IN (${grades.map(() => '?').join(', ')})`);
      params.push(...grades);
    }
    if (none) parts.push(`${p}c.grade IS NULL`);
    where.push(`(${parts.join(' OR ')})`);
  }
  inList(`${p}c.stage`, filter.stage ?? [], where, params);
  inList(`${p}c.type`, filter.type ?? [], where, params);
  inList(`${p}c.industry`, filter.industry ?? [], where, params);
  inList(`${p}c.region`, filter.region ?? [], where, params);
  if (filter.owner === 'pool') where.push('c.owner_id IS NULL');
  else if (filter.owner) {
    where.push('c.owner_id = ?');
    params.push(filter.owner === 'me' ? actor.id : filter.owner);
  }
  if (filter.isKey !== undefined) {
    where.push(`${p}c.is_key = ?`);
    params.push(filter.isKey ? 1 : 0);
  }
  // Filtering by arrears would reveal finance to the service desk, so it is ignored for them.
  if (filter.arrears !== undefined && canSeeFinance(actor)) {
    const col = filter.sort === 'arrears' ? 'c.arrears_fen' : `${p}c.arrears_fen`;
    where.push(filter.arrears ? `${col} > 0` : `${col} = 0`);
  }
  if (filter.query) {
    const search = searchSql(filter.query);
    if (search) {
      where.push(search.sql);
      params.push(...search.params);
    }
  }
  return { sql: where.join(' AND '), params };
}

/** ORDER BY for a filter; a unique last key keeps paging stable. */
export function orderBy(actor: Actor, filter: CustomerFilterInput): string {
  const finance = canSeeFinance(actor);
  const sort = !finance && (filter.sort === 'monthlySpend' || filter.sort === 'arrears') ? 'updatedAt' : filter.sort;
  const dir = filter.dir === 'asc' ? 'ASC' : 'DESC';
  // rowid breaks ties: every list index already ends in it, so no extra sort step is needed.
  return `${SORT_SQL[sort]} ${dir}, c.rowid ${dir}`;
}

/** Customer rows for a filter in scope, sorted, limited (export and lookups use this too). */
export function selectCustomers(
  ctx: ServiceContext,
  actor: Actor,
  filter: CustomerFilterInput,
  limit: number,
  offset = 0,
): CustomerRow[] {
  const where = filterWhere(actor, filter);
  const raw = ctx.store.sqlite
    .prepare(`SELECT ${CUSTOMER_SELECT} FROM customers c WHERE ${where.sql} ORDER BY ${orderBy(actor, filter)} LIMIT ? OFFSET ?`)
    .all(...where.params, limit, offset) as Record<string, unknown>[];
  return raw.map(fromRaw);
}

/** Rows with owner names resolved, in the list shape. */
export function listRows(ctx: ServiceContext, actor: Actor, rows: CustomerRow[]): CustomerListRow[] {
  const names = userNames(ctx, rows.map((r) => r.ownerId));
  return rows.map((r) => toListRow(r, r.ownerId ? (names.get(r.ownerId) ?? null) : null, actor));
}

/** customers.list: one page of the list in the caller's scope, with the total. */
export function listCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.list'>) {
  const actor = requireActor(ctx);
  const { page, pageSize, ...filter } = input;
  // The count needs no order, so it keeps every filter index usable (see INDEXED_SORTS).
  const where = filterWhere(actor, { ...filter, sort: 'updatedAt' });
  const counted = (
    ctx.store.sqlite
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${where.sql} LIMIT ?)`)
      .get(...where.params, LIST_COUNT_CAP + 1) as { n: number }
  ).n;
  const rows = selectCustomers(ctx, actor, filter, pageSize, (page - 1) * pageSize);
  const totalCapped = counted > LIST_COUNT_CAP;
  return { rows: listRows(ctx, actor, rows), total: Math.min(counted, LIST_COUNT_CAP), totalCapped, page, pageSize };
}

/** customers.lookup: a short list by name/code for pickers. */
export function lookupCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.lookup'>) {
  const actor = requireActor(ctx);
  const rows = selectCustomers(ctx, actor, { query: input.query || undefined, sort: 'name', dir: 'asc' }, input.limit);
  const names = userNames(ctx, rows.map((r) => r.ownerId));
  return rows.map((r) => ({ id: r.id, name: r.name, creditCode: r.creditCode, ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null }));
}

/** Customer hits for the Ctrl+K search (search.global), in the caller's scope. */
export function customerSearchHits(ctx: ServiceContext, actor: Actor, query: string, limit = 8): SearchHit[] {
  const rows = selectCustomers(ctx, actor, { query, sort: 'updatedAt', dir: 'desc' }, limit);
  const names = userNames(ctx, rows.map((r) => r.ownerId));
  return rows.map((r) => ({
    kind: 'customer' as const,
    id: r.id,
    title: r.name,
    subtitle: [r.creditCode, r.region, r.ownerId ? names.get(r.ownerId) : null].filter(Boolean).join(' · '),
    route: `/customers/${r.id}`,
  }));
}
