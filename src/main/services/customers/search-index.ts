import type Database from 'better-sqlite3';
import { cachedStatement, escapeLike } from '../../db/sql';
import { startQueueWorker } from '../queue-worker';

/**
 * The customers' full-text index and the queue of customers whose search rows are behind
 * (customer_search_pending, migration 0023).
 *
 * Per-row writes keep customers_fts and customer_search_text current through the 0021/0022 triggers. A
 * bulk write (an import, an import's undo) instead queues the customers in its transaction (with their
 * key people's text when it wrote key people); re-tokenizing 100,000 customers' trigrams and rewriting
 * their texts was 4–5 s of a 100,000-row import, and `indexPendingSearchRows` now does it in the
 * background, a slice per transaction. Searches stay right meanwhile: a queued customer is matched by
 * LIKE over its current row, and its stale (or missing) full-text rows and own text are ignored.
 */

/** Bits of customer_search_pending.parts: the customer's own row (seq * 2), its key people's (seq * 2 + 1). */
export const OWN_PART = 1;
export const PEOPLE_PART = 2;

/** Whether any customer waits for its full-text rows (decides the shape of a search's SQL). */
export function searchPending(sqlite: Database.Database): boolean {
  return cachedStatement(sqlite, 'SELECT 1 FROM customer_search_pending LIMIT 1').get() !== undefined;
}

/** How many customers wait for their full-text rows. */
export function pendingSearchCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM customer_search_pending').get() as { n: number }).n;
}

/** SQL of the own search text of the customer row aliased `c`, as the 0021/0022 triggers write it. */
export function ownTextSql(c: string): string {
  return `${c}.name || ' ' || ${c}.short_name || ' ' || ${c}.credit_code || ' ' || ${c}.address`;
}

/**
 * SELECT of the search-map seq (or, with `select` 'customer', the customer id) of every queued customer
 * whose current text passes `test` — SQL over `own` (its own text) and `x.people_text` — for the
 * searches to use instead of the customer's full-text rows and customer_search_text.own_text.
 */
export function pendingMatchSql(test: (own: string) => string, select: 'seq' | 'customer' = 'seq'): string {
  return `SELECT ${select === 'seq' ? 'p.seq' : 'pm.customer_id'} FROM customer_search_pending p
    CROSS JOIN customer_search_map pm ON pm.seq = p.seq CROSS JOIN customers pc ON pc.id = pm.customer_id
    LEFT JOIN customer_search_text x ON x.seq = p.seq
    WHERE pc.deleted = 0 AND ${test(`(${ownTextSql('pc')})`)}`;
}

/** An FTS5 phrase for one search term (double quotes doubled so user text stays literal). */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * SELECT of the search-map seq of every customer matching all `terms` (each of 3+ characters), and its
 * parameters in order. A customer has two full-text rows (migration 0021): its own text at rowid
 * seq * 2 and its key people at seq * 2 + 1, so a term matches the customer when either row does, and
 * several terms are matched one by one and intersected (one row need not hold them all). A single term
 * may yield a seq twice. With `pending`, queued customers are left out of the full-text matches and
 * tested with LIKE over their current text instead (the same substring test the trigram index makes).
 */
export function matchSeqs(terms: string[], pending: boolean): { sql: string; params: string[] } {
  const fts = terms
    .map(() => 'SELECT rowid >> 1 AS seq FROM customers_fts WHERE customers_fts MATCH ?')
    .join(' INTERSECT ');
  const phrases = terms.map(ftsPhrase);
  if (!pending) return { sql: fts, params: phrases };
  const likes = terms.map((t) => `%${escapeLike(t)}%`);
  return {
    sql: `SELECT seq FROM (${fts}) WHERE seq NOT IN (SELECT seq FROM customer_search_pending)
      UNION ALL ${pendingMatchSql((own) => terms.map(() => `(${own} LIKE ? ESCAPE '\\' OR x.people_text LIKE ? ESCAPE '\\')`).join(' AND '))}`,
    params: [...phrases, ...likes.flatMap((l) => [l, l])],
  };
}

/**
 * Queues the search-map seqs of the customers in the JSON array bound to `idsJson` for `part` (a bulk
 * write calls this for the customers it wrote; for PEOPLE_PART it has written their people_text).
 */
export function queueSearchRows(sqlite: Database.Database, idsJson: string, part: number): void {
  sqlite
    .prepare(
      `INSERT INTO customer_search_pending (seq, parts)
       SELECT m.seq, ? FROM json_each(?) t CROSS JOIN customer_search_map m ON m.customer_id = t.value WHERE true
       ON CONFLICT (seq) DO UPDATE SET parts = parts | excluded.parts`,
    )
    .run(part, idsJson);
}

/** Customers re-indexed per background transaction: about 0.1 s of work, so the app stays responsive. */
export const INDEX_SLICE = 2_000;

/**
 * Rewrites the own text and the full-text rows of up to `slice` queued customers from their current
 * rows, exactly as the 0021/0022 triggers would have, and takes them off the queue, in one transaction.
 * Returns how many customers it indexed (0: the queue is empty).
 */
export function indexPendingSearchRows(sqlite: Database.Database, slice = INDEX_SLICE): number {
  return sqlite.transaction(() => {
    const rows = sqlite
      .prepare('SELECT seq, parts FROM customer_search_pending ORDER BY seq LIMIT ?')
      .all(slice) as { seq: number; parts: number }[];
    if (rows.length === 0) return 0;
    const own = JSON.stringify(rows.filter((r) => r.parts & OWN_PART).map((r) => r.seq));
    const people = JSON.stringify(rows.filter((r) => r.parts & PEOPLE_PART).map((r) => r.seq));
    // Only rows that exist are deleted: a contentless index cannot tell, and a new customer has none.
    const drop = (part: 0 | 1) =>
      `DELETE FROM customers_fts WHERE rowid IN (
         SELECT t.value * 2 + ${part} FROM json_each(?) t WHERE EXISTS (SELECT 1 FROM customers_fts f WHERE f.rowid = t.value * 2 + ${part}))`;
    sqlite
      .prepare(
        `INSERT INTO customer_search_text (seq, own_text)
         SELECT m.seq, CASE WHEN c.deleted = 0 THEN ${ownTextSql('c')} END
         FROM json_each(?) t CROSS JOIN customer_search_map m ON m.seq = t.value CROSS JOIN customers c ON c.id = m.customer_id
         WHERE true ON CONFLICT (seq) DO UPDATE SET own_text = excluded.own_text`,
      )
      .run(own);
    sqlite.prepare(drop(0)).run(own);
    sqlite
      .prepare(
        `INSERT INTO customers_fts (rowid, name, short_name, credit_code, address)
         SELECT m.seq * 2, c.name, c.short_name, c.credit_code, c.address
         FROM json_each(?) t CROSS JOIN customer_search_map m ON m.seq = t.value CROSS JOIN customers c ON c.id = m.customer_id
         WHERE c.deleted = 0 ORDER BY m.seq`,
      )
      .run(own);
    sqlite.prepare(drop(1)).run(people);
    sqlite
      .prepare(
        `INSERT INTO customers_fts (rowid, people)
         SELECT x.seq * 2 + 1, x.people_text FROM json_each(?) t CROSS JOIN customer_search_text x ON x.seq = t.value
         WHERE x.people_text IS NOT NULL ORDER BY x.seq`,
      )
      .run(people);
    sqlite
      .prepare('DELETE FROM customer_search_pending WHERE seq IN (SELECT value FROM json_each(?))')
      .run(JSON.stringify(rows.map((r) => r.seq)));
    return rows.length;
  })();
}

/**
 * Works the queue in the background while the app is open (queue-worker.ts): a slice per turn of the
 * event loop while customers wait. Returns a stop function.
 */
export function startSearchIndexer(sqlite: Database.Database, options: { idleMs?: number; log?: (message: string) => void } = {}): () => void {
  return startQueueWorker('search', () => (sqlite.open ? indexPendingSearchRows(sqlite) : null), options);
}
