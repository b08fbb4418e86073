import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ParsedInputOf } from '../../../shared/contract';
import { LIST_COUNT_CAP, type CustomerListRow } from '../../../shared/contract/customers';
import { customerFilterSchema } from '../../../shared/contract/customer-common';
import type { z } from 'zod';
import type Database from 'better-sqlite3';
import { customers } from '../../db/schema';
import { cachedStatement, escapeLike } from '../../db/sql';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { canSeeFinance, readScopeSql } from './scope';
import { matchSeqs, ownTextSql, pendingMatchSql, searchPending } from './search-index';
import { pendingCacheCount, toListRow, userNames, type CustomerRow } from './records';
import { customerSearchSource, ownerScopeToken } from './search-source';
import { countMatches, describeMatch, matchesDensely, matchSql, probeSql } from '../search/query';
import { catchUpSearch } from '../search/store';
import { isPinyinTerm, searchForm } from '../search/tokens';

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

/**
 * How the search box's full-text condition is evaluated.
 * - `drive`: the FTS matches drive the query — each match is looked up in customers. Cheap when few
 *   customers match (a name, a person, a phone number), ruinous when tens of thousands do ("呼和浩特"
 *   matches 8 % of a 1M-customer branch, and looking all of them up to sort took seconds).
 * - `probe`: the list walks its usual index in sort order and tests each customer against the set of
 *   matching FTS rows, built once; with many matches a page is found after a few hundred rows.
 * - `hits`: for an account manager, the matches in their scope, gathered once per call into
 *   temp.kam_search_hits by searchMode(), drive the query (count and page then reuse them).
 * `bounded:N`: drive over the first N matches only (for counting "more than 1,000" cheaply).
 * `words`: the query goes to the words index (services/search, issue #18) instead: its matches, with the
 *   caller's scope inside the index query, drive (few) or are probed walking the list (`probe`, many:
 *   each row's index rowid tested against the matching rowids, so no match is looked up).
 */
export type SearchMode = 'drive' | 'probe' | 'hits' | { bounded: number } | WordsMode;

/** A search answered by the words index: its condition on a customer row, and how many records it matched (capped). */
export interface WordsMode {
  words: { sql: string; params: unknown[] };
  probe: boolean;
  matches: number;
}

function isWords(mode: SearchMode): mode is WordsMode {
  return typeof mode === 'object' && 'words' in mode;
}

/**
 * Above this many words-index matches the list is walked in its order and each row probed. Driving
 * costs ~5 µs a match (looked up and sorted); a walk finds a page of 50 after ~50·rows/matches rows at
 * ~1 µs: the two meet near √(10·rows) matches — 1,000 on a 100,000-customer branch, 3,200 on a million.
 */
function wordsDriveLimit(sqlite: Database.Database): number {
  return Math.min(5_000, Math.max(500, Math.round(Math.sqrt(10 * customerRows(sqlite)))));
}

/**
 * The share of customers above which a walk asks the index about each row (~40 µs) rather than
 * gathering every match once (~0.15 µs each): the costs meet at √(13,000/rows) — a third of a
 * 100,000-customer branch, a ninth of a million.
 */
function denseShare(sqlite: Database.Database): number {
  return Math.min(0.5, Math.sqrt(13_000 / Math.max(customerRows(sqlite), 1)));
}

/** About how many customers there are (their highest rowid: one index step). */
function customerRows(sqlite: Database.Database): number {
  return (
    cachedStatement(sqlite, 'SELECT coalesce(max(rowid), 0) AS n FROM customers').get() as { n: number }
  ).n;
}

/**
 * Whether the words index answers a query: unless every term is 3+ characters with Chinese in it,
 * which the trigram index (migration 0021) answers as before. The words index alone holds 1–2
 * character terms, pinyin ("nmgdl") and service numbers, and joins digits typed with spaces.
 */
export function routesToWords(query: string | undefined): boolean {
  if (!query) return false;
  const terms = query.trim().split(/\s+/).filter(Boolean);
  return terms.some((t) => [...t].length < 3 || !/\p{Script=Han}/u.test(t) || isPinyinTerm(searchForm(t)));
}

/** The scope tokens of the words index for an account manager's search (own customers and the pool). */
function wordScope(scope: MapScope | undefined): string[] | undefined {
  return scope ? [ownerScopeToken(scope.ownerId), ownerScopeToken(null)] : undefined;
}

/** Where searchMode() leaves an account manager's in-scope matches for a 'hits' search. */
const HITS = 'temp.kam_search_hits';

/** Above this many FTS matches a search walks the list instead of looking every match up. */
export const SEARCH_DRIVE_LIMIT = 2_000;

/**
 * For a caller who sees only some customers: above this many FTS matches the search walks the list;
 * below it, the matches in the caller's scope (filtered at the search map, ~1 µs each) decide.
 */
export const SCOPED_PREFILTER_LIMIT = 20_000;

/** The owner whose customers (and the pool) a search may return, checked at the search map. */
export interface MapScope {
  ownerId: string;
}

/** The search map pre-filter for an actor who sees only their own customers and the pool. */
export function mapScopeOf(actor: Actor): MapScope | undefined {
  return actor.role === 'account_manager' ? { ownerId: actor.id } : undefined;
}

/** The search box split into full-text terms (3+ characters) and short terms. */
function searchTerms(query: string): { long: string[]; short: string[] } {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  return { long: terms.filter((t) => [...t].length >= 3), short: terms.filter((t) => [...t].length < 3) };
}

/**
 * The search-box condition: terms of 3+ characters go to the FTS5 trigram index; shorter terms
 * (trigrams cannot index them) fall back to LIKE over the same text, kept in customer_search_text — as
 * a filter on each candidate when a long term narrows the search, as a scan of the texts when they stand alone.
 * `pending`: customers wait for the background indexer (search-index.ts), so matchSeqs tests them by LIKE.
 */
export function searchSql(
  query: string,
  mode: SearchMode = 'drive',
  scope?: MapScope,
  pending = false,
): { sql: string; params: unknown[] } | null {
  if (isWords(mode)) return mode.words;
  const { long, short } = searchTerms(query);
  if (long.length === 0 && short.length === 0) return null;
  const parts: string[] = [];
  const params: unknown[] = [];
  // Matches outside an account manager's scope are dropped at the search map, before the customer row
  // is looked up (the row's own scope check still decides).
  const inScopeOf = (map: string) => (scope ? ` AND (${map}.owner_id = ? OR ${map}.owner_id IS NULL)` : '');
  const inScope = inScopeOf('m');
  const scopeParams = scope ? [scope.ownerId] : [];
  if (long.length) {
    const { sql: seqs, params: seqParams } = matchSeqs(long, pending);
    if (mode === 'hits') {
      parts.push(`c.id IN (SELECT customer_id FROM ${HITS})`);
    } else if (mode === 'probe') {
      parts.push(`(SELECT m.seq FROM customer_search_map m WHERE m.customer_id = c.id) IN (${seqs})`);
    } else if (mode === 'drive') {
      parts.push(
        `c.id IN (SELECT m.customer_id FROM (${seqs}) h JOIN customer_search_map m ON m.seq = h.seq WHERE 1${inScope})`,
      );
    } else {
      parts.push(
        `c.id IN (SELECT m.customer_id FROM (SELECT seq FROM (${seqs}) LIMIT ${Math.floor(mode.bounded)}) h
          JOIN customer_search_map m ON m.seq = h.seq WHERE 1${inScope})`,
      );
    }
    if (mode !== 'hits') params.push(...seqParams);
    if (mode !== 'probe' && mode !== 'hits') params.push(...scopeParams);
  }
  const test = (own: string) => `(${own} LIKE ? ESCAPE '\\' OR x.people_text LIKE ? ESCAPE '\\')`;
  for (const term of short) {
    const like = `%${escapeLike(term)}%`;
    if (long.length) {
      // A candidate the long terms found: its own text from its row (current even while it is queued
      // for the indexer), its key people's from the text table.
      parts.push(
        `(${ownTextSql('c')} LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM customer_search_map m CROSS JOIN customer_search_text x
          ON x.seq = m.seq WHERE m.customer_id = c.id AND x.people_text LIKE ? ESCAPE '\\'))`,
      );
      params.push(like, like);
      continue;
    }
    // Alone: a scan of the texts, whose own text lags for customers queued for the indexer — those
    // are tested on their rows instead.
    let sql = `SELECT m.customer_id FROM customer_search_text x JOIN customer_search_map m ON m.seq = x.seq WHERE ${test('x.own_text')}${inScope}`;
    params.push(like, like, ...scopeParams);
    if (pending) {
      sql += ` AND x.seq NOT IN (SELECT seq FROM customer_search_pending) UNION ALL ${pendingMatchSql(test, 'customer')}${inScopeOf('pm')}`;
      params.push(like, like, ...scopeParams);
    }
    parts.push(`c.id IN (${sql})`);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Full-text matches of the query's 3+ character terms, counted up to `cap` (null: no such terms). A
 * customer whose own text and key people both match counts twice, as in `bounded` (which looks at the
 * first N matches): the two agree, so "every match was looked at" stays exact, and the search modes'
 * thresholds only need the size.
 */
function ftsMatches(
  ctx: ServiceContext,
  query: string | undefined,
  cap: number,
  pending: boolean,
): number | null {
  const long = query ? searchTerms(query).long : [];
  if (long.length === 0) return null;
  const seqs = matchSeqs(long, pending);
  return (
    cachedStatement(
      ctx.store.sqlite,
      `SELECT count(*) AS n FROM (SELECT seq FROM (${seqs.sql}) LIMIT ?)`,
    ).get(...seqs.params, cap) as { n: number }
  ).n;
}

/** The cheaper way to evaluate a search: drive from few matches, probe when there are many. */
export function searchMode(
  ctx: ServiceContext,
  query: string | undefined,
  scope?: MapScope,
  pending = searchPending(ctx.store.sqlite),
): SearchMode {
  if (routesToWords(query)) {
    const sqlite = ctx.store.sqlite;
    const tokens = wordScope(scope);
    const limit = wordsDriveLimit(sqlite);
    // Counted past LIST_COUNT_CAP too: the list's total comes from this count.
    const matches = countMatches(
      sqlite,
      customerSearchSource,
      query!,
      tokens,
      Math.max(limit, LIST_COUNT_CAP) + 1,
    );
    const probe = matches > limit;
    const drive = probe ? null : matchSql(sqlite, customerSearchSource, query!, tokens);
    const words = probe
      ? probeSql(
          sqlite,
          customerSearchSource,
          query!,
          tokens,
          'c.id',
          matchesDensely(sqlite, customerSearchSource, query!, tokens, denseShare(sqlite)),
        )
      : drive && { sql: `c.id IN (${drive.sql})`, params: drive.params };
    if (words) return { words, probe, matches };
  }
  if (!scope) {
    const n = ftsMatches(ctx, query, SEARCH_DRIVE_LIMIT + 1, pending);
    return n !== null && n > SEARCH_DRIVE_LIMIT ? 'probe' : 'drive';
  }
  const n = ftsMatches(ctx, query, SCOPED_PREFILTER_LIMIT + 1, pending);
  if (n === null || n <= SEARCH_DRIVE_LIMIT) return 'drive';
  if (n > SCOPED_PREFILTER_LIMIT) return 'probe';
  // An account manager sees a slice of the branch: what counts is how many matches are in it. They are
  // gathered once (filtered at the search map) and, when few, drive both the count and the page.
  const sqlite = ctx.store.sqlite;
  const seqs = matchSeqs(searchTerms(query!).long, pending);
  sqlite.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${HITS.slice('temp.'.length)} (customer_id TEXT PRIMARY KEY) WITHOUT ROWID`,
  );
  sqlite.exec(`DELETE FROM ${HITS}`);
  const inScope = sqlite
    .prepare(
      `INSERT INTO ${HITS} (customer_id)
       SELECT m.customer_id FROM (SELECT DISTINCT seq FROM (${seqs.sql})) h
       JOIN customer_search_map m ON m.seq = h.seq WHERE m.owner_id = ? OR m.owner_id IS NULL LIMIT ?`,
    )
    .run(...seqs.params, scope.ownerId, SEARCH_DRIVE_LIMIT + 1).changes;
  return inScope > SEARCH_DRIVE_LIMIT ? 'probe' : 'hits';
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
const INDEXED_SORTS: ReadonlySet<CustomerFilterInput['sort']> = new Set([
  'name',
  'createdAt',
  'monthlySpend',
  'arrears',
]);

/** WHERE clause (over alias c) for a filter in the actor's scope. */
export function filterWhere(
  actor: Actor,
  filter: CustomerFilterInput,
  mode: SearchMode = 'drive',
  pending = false,
): { sql: string; params: unknown[] } {
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
    const search = searchSql(filter.query, mode, mapScopeOf(actor), pending);
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
  const sort =
    !finance && (filter.sort === 'monthlySpend' || filter.sort === 'arrears') ? 'updatedAt' : filter.sort;
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
  mode: SearchMode = searchMode(ctx, filter.query, mapScopeOf(actor)),
): CustomerRow[] {
  const where = filterWhere(actor, filter, mode, searchPending(ctx.store.sqlite));
  const raw = cachedStatement(
    ctx.store.sqlite,
    `SELECT ${CUSTOMER_SELECT} FROM customers c WHERE ${where.sql} ORDER BY ${orderBy(actor, filter)} LIMIT ? OFFSET ?`,
  ).all(...where.params, limit, offset) as Record<string, unknown>[];
  return raw.map(fromRaw);
}

/** The customer columns a list row shows (CustomerListRow without ownerName). */
const LIST_KEYS = [
  'id',
  'name',
  'shortName',
  'creditCode',
  'industry',
  'type',
  'region',
  'ownerId',
  'stage',
  'grade',
  'isKey',
  'monthlySpendFen',
  'arrearsFen',
  'updatedAt',
] as const;
const LIST_COLUMNS = LIST_KEYS.map((key) => [key, columns.find(([k]) => k === key)![1]] as const);
export const LIST_SELECT = `${LIST_COLUMNS.map(([key, col]) => `c.${col.name} AS ${key}`).join(', ')}, u.display_name AS ownerName`;

/**
 * One page of list rows for a filter in scope: only the columns a row shows, with the owner's name
 * joined, as one statement (the list page is the app's most frequent read; reading every column and
 * the names in a second query cost a third of its time over the bare query).
 */
function selectListRows(
  ctx: ServiceContext,
  actor: Actor,
  filter: CustomerFilterInput,
  limit: number,
  offset: number,
  mode: SearchMode,
  pending: boolean,
): CustomerListRow[] {
  const where = filterWhere(actor, filter, mode, pending);
  const raw = cachedStatement(
    ctx.store.sqlite,
    `SELECT ${LIST_SELECT} FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE ${where.sql} ORDER BY ${orderBy(actor, filter)} LIMIT ? OFFSET ?`,
  ).all(...where.params, limit, offset) as Record<string, unknown>[];
  const finance = canSeeFinance(actor);
  return raw.map((r) => {
    const row: Record<string, unknown> = {
      ownerName: r.ownerId ? ((r.ownerName as string | null) ?? null) : null,
    };
    for (const [key, col] of LIST_COLUMNS) {
      const v = r[key];
      row[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
    }
    if (!finance) {
      row.monthlySpendFen = null;
      row.arrearsFen = null;
    }
    return row as CustomerListRow;
  });
}

/** Rows with owner names resolved, in the list shape. */
export function listRows(ctx: ServiceContext, actor: Actor, rows: CustomerRow[]): CustomerListRow[] {
  const names = userNames(
    ctx,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => toListRow(r, r.ownerId ? (names.get(r.ownerId) ?? null) : null, actor));
}

/**
 * How many customers a filter matches, exactly up to LIST_COUNT_CAP (more reads as "1,000+"). A broad
 * search is first counted over a bounded slice of its matches, which settles "1,000+" in a few
 * thousand lookups; only a broad search narrowed hard by other filters is counted by walking.
 */
function countCustomers(
  ctx: ServiceContext,
  actor: Actor,
  filter: CustomerFilterInput,
  mode: SearchMode,
  pending: boolean,
): number {
  // The count needs no order, so it keeps every filter index usable (see INDEXED_SORTS).
  const unordered = { ...filter, sort: 'updatedAt' as const };
  // Every words-index match is a live customer in the caller's scope: with no other filter the index's
  // count is the list's.
  if (isWords(mode)) {
    const { query: _query, sort: _sort, dir: _dir, ...others } = filter;
    if (Object.values(others).every((v) => v === undefined || (Array.isArray(v) && v.length === 0)))
      return Math.min(mode.matches, LIST_COUNT_CAP + 1);
  }
  const count = (mode: SearchMode) => {
    const where = filterWhere(actor, unordered, mode, pending);
    return (
      cachedStatement(
        ctx.store.sqlite,
        `SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${where.sql} LIMIT ?)`,
      ).get(...where.params, LIST_COUNT_CAP + 1) as { n: number }
    ).n;
  };
  if (mode === 'drive' || mode === 'hits' || isWords(mode)) return count(mode);
  const first = 3 * (LIST_COUNT_CAP + 1);
  const found = count({ bounded: first });
  if (found > LIST_COUNT_CAP) return found;
  // Every match was looked at: the count is exact.
  if ((ftsMatches(ctx, filter.query, first + 1, pending) ?? 0) <= first) return found;
  // Scope or filters pass few of the matches (an account manager sees a tenth of the branch): look
  // at as many more matches as that pass rate says the cap needs, while that stays cheaper than walking.
  const needed = Math.ceil((first * (LIST_COUNT_CAP + 1) * 1.25) / Math.max(found, 1));
  if (needed <= MAX_BOUNDED_COUNT) {
    const more = count({ bounded: needed });
    if (more > LIST_COUNT_CAP || (ftsMatches(ctx, filter.query, needed + 1, pending) ?? 0) <= needed)
      return more;
  }
  return count('probe');
}

/** The most FTS matches a count looks up one by one before walking the list instead. */
const MAX_BOUNDED_COUNT = 40_000;

/** customers.list: one page of the list in the caller's scope, with the total. */
export function listCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.list'>) {
  const actor = requireActor(ctx);
  const { page, pageSize, ...filter } = input;
  const pending = searchPending(ctx.store.sqlite);
  const mode = searchMode(ctx, filter.query, mapScopeOf(actor), pending);
  const counted = countCustomers(ctx, actor, filter, mode, pending);
  const rows = selectListRows(ctx, actor, filter, pageSize, (page - 1) * pageSize, mode, pending);
  const totalCapped = counted > LIST_COUNT_CAP;
  return {
    rows: filter.query ? withMatches(ctx, rows, filter.query) : rows,
    total: Math.min(counted, LIST_COUNT_CAP),
    totalCapped,
    page,
    pageSize,
    cachesRefreshing: pendingCacheCount(ctx),
    searchCatchingUp: filter.query ? catchUpSearch(ctx.store.sqlite) || pending : undefined,
  };
}

/** List rows with what each matched of the search box (field and parts to highlight). */
function withMatches(ctx: ServiceContext, rows: CustomerListRow[], query: string) {
  const records = customerSearchSource.read(
    ctx.store.sqlite,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const record = records.get(r.id);
    return { ...r, match: record ? describeMatch(customerSearchSource, record, query) : null };
  });
}

/** customers.lookup: a short list by name/code for pickers. */
export function lookupCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.lookup'>) {
  const actor = requireActor(ctx);
  const rows = selectCustomers(
    ctx,
    actor,
    { query: input.query || undefined, sort: 'name', dir: 'asc' },
    input.limit,
  );
  const names = userNames(
    ctx,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    creditCode: r.creditCode,
    ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
  }));
}
