import type Database from 'better-sqlite3';
import { halfWidthAlnum } from '../../../shared/normalize';
import type { SearchMatch } from '../../../shared/contract/system';
import { cachedStatement } from '../../db/sql';
import { fieldColumn, type SearchRecord, type SearchSource } from './registry';
import { catchUpSearch } from './store';
import { isHan, isPinyinTerm, pinyinTokens, pinyinTokensMatch, readingsOf, runsOf, searchForm, searchTerms, termExpression, VALUE_SEPARATOR } from './tokens';

/**
 * Reading the search index: a module's matches for a search box as SQL (for the module's own list
 * query to join), with the caller's scope inside the index query, and what each hit matched.
 */

/**
 * The FTS5 expression for `query` over one module's rows, limited to records carrying one of `scope`'s
 * tokens (undefined: every record). Null when the query holds no searchable term.
 */
export function matchExpression(source: SearchSource, query: string, scope?: readonly string[]): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  const columns = source.fields.map((_, i) => fieldColumn(i));
  const parts = [`module : "m${source.module}"`];
  if (scope) parts.push(scope.length ? `scope : (${scope.map((t) => `"${t}"`).join(' OR ')})` : `scope : "none"`);
  for (const t of terms) parts.push(termExpression(t, columns, source.pinyinFields.length ? 'py' : undefined));
  return parts.join(' AND ');
}

/** Whether a record's current text matches every term of `query` the way the index does (for queued records). */
export function recordMatches(source: SearchSource, record: SearchRecord, query: string, scope?: readonly string[]): boolean {
  if (scope && !record.scope.some((t) => scope.includes(t))) return false;
  const forms = record.fields.map(searchForm);
  let py: Set<string> | null = null;
  return searchTerms(query).every((term) => {
    if (runsOf(term).every((run) => forms.some((f) => f.includes(run)))) return true;
    if (!isPinyinTerm(term) || source.pinyinFields.length === 0) return false;
    py ??= new Set(pinyinTokens(source.pinyinFields.map((i) => record.fields[i] ?? '')).split(' '));
    return pinyinTokensMatch(py, term);
  });
}

/**
 * SELECT of the record id of every record of `source` matching `query` in `scope` (see
 * matchExpression), with its parameters; null when the query holds no searchable term. Indexes a short
 * queue first; records of a long queue (an import being indexed) are tested on their current text.
 * `limit` caps the index matches (for "more than N" counts).
 */
export function matchSql(
  sqlite: Database.Database,
  source: SearchSource,
  query: string,
  scope?: readonly string[],
  limit?: number,
): { sql: string; params: unknown[] } | null {
  const expr = matchExpression(source, query, scope);
  if (expr === null) return null;
  const waiting = catchUpSearch(sqlite);
  const fts = `SELECT d.record_id FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?${limit ? ` LIMIT ${Math.floor(limit)}` : ''}) f
    CROSS JOIN search_docs d ON d.doc = f.rowid`;
  if (!waiting) return { sql: fts, params: [expr] };
  const queued = (
    cachedStatement(sqlite, 'SELECT record_id AS id FROM search_queue WHERE module = ?').all(source.module) as { id: string }[]
  ).map((r) => r.id);
  const found: string[] = [];
  for (const [id, record] of source.read(sqlite, queued)) if (recordMatches(source, record, query, scope)) found.push(id);
  return {
    sql: `SELECT record_id FROM (${fts}) WHERE record_id NOT IN (SELECT record_id FROM search_queue WHERE module = ?)
      UNION ALL SELECT value FROM json_each(?)`,
    params: [expr, source.module, JSON.stringify(found)],
  };
}

/** How many index rows match an expression, up to `cap`: the rowids alone, no record looked up. */
function countIndexRows(sqlite: Database.Database, expr: string, cap: number): number {
  return (
    cachedStatement(sqlite, 'SELECT count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?)').get(
      expr,
      Math.floor(cap),
    ) as { n: number }
  ).n;
}

/** How many records of a module match, counted up to `cap` (the index alone: every match is live and in scope). */
export function countMatches(
  sqlite: Database.Database,
  source: SearchSource,
  query: string,
  scope: readonly string[] | undefined,
  cap: number,
): number {
  const expr = matchExpression(source, query, scope);
  if (expr === null) return 0;
  // With nothing queued every index row is one live record in scope: its rowids are the count.
  if (!catchUpSearch(sqlite)) return countIndexRows(sqlite, expr, cap);
  const m = matchSql(sqlite, source, query, scope, cap)!;
  return (cachedStatement(sqlite, `SELECT count(*) AS n FROM (${m.sql})`).get(...m.params) as { n: number }).n;
}

/**
 * A condition on one row of a module's own table (its id in `idColumn`) that holds when the record
 * matches `query` in `scope`, for a list that walks its rows in its own order and stops after a page:
 * the row's index rowid tested against the set of matching rowids, which SQLite builds once from the
 * index alone (no record looked up per match). Null when the query holds no searchable term. While
 * records wait for the index, their id is tested against matchSql's ids instead.
 */
export function probeSql(
  sqlite: Database.Database,
  source: SearchSource,
  query: string,
  scope: readonly string[] | undefined,
  idColumn: string,
  dense = false,
): { sql: string; params: unknown[] } | null {
  const expr = matchExpression(source, query, scope);
  if (expr === null) return null;
  if (catchUpSearch(sqlite)) {
    const m = matchSql(sqlite, source, query, scope)!;
    return { sql: `+${idColumn} IN (${m.sql})`, params: m.params };
  }
  // A term most records hold (公 in 公司): the index asked about each row walked (~40 µs a row, a page
  // within ~100 rows) instead of gathering the set of every match (~0.15 µs a match, 80,000 of them).
  // `rowid = NULL` would not constrain FTS5 at all: a row without a doc asks for rowid 0, never used.
  if (dense) {
    return {
      sql: `EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid =
        coalesce((SELECT d.doc FROM search_docs d WHERE d.module = ? AND d.record_id = ${idColumn}), 0))`,
      params: [expr, source.module],
    };
  }
  return {
    sql: `(SELECT d.doc FROM search_docs d WHERE d.module = ? AND d.record_id = ${idColumn})
      IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)`,
    params: [source.module, expr],
  };
}

/** Matches looked at to estimate how densely a query matches (matchesDensely). */
const DENSITY_SAMPLE = 500;

/**
 * Whether at least `density` of a module's records match `query` in `scope`, estimated over its
 * oldest records: the index's first `sample` matches lie among its first sample/density records. False while records wait for the index (probeSql then tests their ids).
 */
export function matchesDensely(
  sqlite: Database.Database,
  source: SearchSource,
  query: string,
  scope: readonly string[] | undefined,
  density: number,
  sample = DENSITY_SAMPLE,
): boolean {
  const expr = matchExpression(source, query, scope);
  if (expr === null || catchUpSearch(sqlite)) return false;
  const first = cachedStatement(
    sqlite,
    'SELECT max(rowid) AS last, count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?)',
  ).get(expr, sample) as { last: number | null; n: number };
  if (first.n < sample) return false;
  // `+module`: walk the docs in rowid order rather than by the (module, record_id) index.
  const bound = cachedStatement(sqlite, 'SELECT doc FROM search_docs WHERE +module = ? ORDER BY doc LIMIT 1 OFFSET ?').get(
    source.module,
    Math.ceil(sample / density) - 1,
  ) as { doc: number } | undefined;
  return bound !== undefined && first.last! <= bound.doc;
}

/** Matches ranked per query: the newest this many, so a broad term (every tenth record) ranks a bounded set. */
export const RANK_WINDOW = 2_000;

/**
 * Ranked record ids of a module's best matches: by bm25 over the index (name-like fields weigh most),
 * among the newest RANK_WINDOW matches — ranking every match of a broad term costs time in proportion
 * to the branch, and the first screen of Ctrl+K does not need it.
 */
export function topMatches(
  sqlite: Database.Database,
  source: SearchSource,
  query: string,
  scope: readonly string[] | undefined,
  limit: number,
): string[] {
  const expr = matchExpression(source, query, scope);
  if (expr === null) return [];
  catchUpSearch(sqlite);
  // Weights per column: module, scope, then the fields (earlier fields weigh more), then pinyin.
  const weights = [0, 0, ...Array.from({ length: 6 }, (_, i) => Math.max(1, 6 - i)), 3];
  return (
    cachedStatement(
      sqlite,
      `SELECT d.record_id AS id FROM (SELECT rowid, score FROM (SELECT rowid, bm25(search_fts, ${weights.join(', ')}) AS score
         FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score LIMIT ?) f
         CROSS JOIN search_docs d ON d.doc = f.rowid ORDER BY f.score`,
    ).all(expr, RANK_WINDOW, limit) as { id: string }[]
  ).map((r) => r.id);
}

/** A run as a pattern over typed text: case-insensitive, spaces or dashes allowed between digits. */
function runPattern(run: string): RegExp {
  const chars = [...run];
  const body = chars
    .map((c, i) => {
      const escaped = c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return /\d/.test(c) && /\d/.test(chars[i + 1] ?? '') ? `${escaped}[ \\t\\-\\u2013\\u2014\\uff0d]*` : escaped;
    })
    .join('');
  return new RegExp(body, 'giu');
}

/** [start, end) ranges of `runs` (strings, or their runPattern()s) in `value`, merged and sorted. */
export function highlightRanges(value: string, runs: readonly (string | RegExp)[]): [number, number][] {
  const folded = halfWidthAlnum(value);
  const ranges: [number, number][] = [];
  for (const run of runs) {
    for (const m of folded.matchAll(typeof run === 'string' ? runPattern(run) : run)) ranges.push([m.index, m.index + m[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/**
 * How many leading characters of `name` a pinyin term covers (initials or full pinyin), 0 for none.
 * Any reading of each character is tried (each remembered, readingsOf): this only places the
 * highlight of a record the index matched, and asking pinyin-pro for a name's reading in context was
 * most of the time of a list page found by pinyin.
 */
function pinyinCovered(name: string, term: string): number {
  const options = [...searchForm(name)]
    .filter((c) => /[\p{L}\p{N}]/u.test(c))
    .map((c) => (isHan(c) ? readingsOf(c).map((r) => r.toLowerCase()) : [c]));
  if (term.length <= options.length && [...term].every((t, i) => options[i]!.some((r) => r[0] === t))) return term.length;
  const walk = (i: number, at: number): number => {
    if (at >= term.length) return i;
    if (i >= options.length) return 0;
    const rest = term.slice(at);
    for (const r of options[i]!) {
      if (r.startsWith(rest)) return i + 1;
      if (rest.startsWith(r)) {
        const n = walk(i + 1, at + r.length);
        if (n > 0) return n;
      }
    }
    return 0;
  };
  return walk(0, 0);
}

/**
 * What a record matched: the first field (in the module's order) holding a term, with the matched parts
 * of its text, or a pinyin field with the characters the pinyin covers. Null when nothing shows.
 */
export function describeMatch(source: SearchSource, record: SearchRecord, query: string): SearchMatch | null {
  const terms = searchTerms(query);
  // Compiled once per record, not per value (a list page describes 50 records of up to ~10 values).
  const runs = terms.flatMap(runsOf).map(runPattern);
  for (let i = 0; i < record.fields.length; i++) {
    // A field of several values (key people) shows the value that matched.
    for (const value of (record.fields[i] ?? '').split(VALUE_SEPARATOR)) {
      const ranges = highlightRanges(value, runs);
      if (ranges.length) return { field: source.fields[i]!, text: value, ranges };
    }
  }
  for (const i of source.pinyinFields) {
    const value = record.fields[i] ?? '';
    for (const term of terms) {
      const n = isPinyinTerm(term) ? pinyinCovered(value, term) : 0;
      if (n > 0) {
        const end = [...value].slice(0, n).join('').length;
        return { field: source.fields[i]!, text: value, ranges: [[0, end]], pinyin: true };
      }
    }
  }
  return null;
}

/** 0: a field equals the query (the name-like fields first), 1: starts with it, 2: otherwise. */
export function exactness(record: SearchRecord, query: string, fields: readonly number[]): number {
  const q = searchForm(query).replace(/\s+/g, '');
  const forms = fields.map((i) => searchForm(record.fields[i] ?? '').replace(/\s+/g, ''));
  if (forms.some((f) => f === q)) return 0;
  if (forms.some((f) => f.startsWith(q))) return 1;
  return 2;
}
