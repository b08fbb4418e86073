import type Database from 'better-sqlite3';
import { cachedStatement } from '../../db/sql';
import { startQueueWorker } from '../queue-worker';
import { fieldColumn, FIELD_SLOTS, type SearchSource } from './registry';
import { SEARCH_SOURCES, searchSource } from './sources';
import { fieldTokens, pinyinTokens, TOKENIZER_VERSION } from './tokens';

/**
 * Writing the search index (migration 0027): records queued by the triggers (or by a bulk write) are
 * read through their module's SearchSource, tokenized and written to search_fts, a slice per
 * transaction. A search first indexes a short queue itself (CATCH_UP_LIMIT), so a record is found the
 * moment its write commits; a longer one (an import) is worked off by the background worker, and
 * searches match the records still queued by a scan of their current text (query.ts).
 */

/** local_meta key of the tokenization version the index was built with. */
const VERSION_KEY = 'search.tokenizer';

/** Records indexed per background transaction (~50 ms of work). */
export const SEARCH_SLICE = 2_000;

/** The longest queue a search indexes before it runs; beyond it the queued records are scanned. */
export const CATCH_UP_LIMIT = 500;

const checked = new WeakSet<Database.Database>();

/**
 * Queues every record for indexing when the index was built by another tokenization version (or
 * never), and records the current one. Cheap after the first call per connection.
 */
export function ensureSearchVersion(sqlite: Database.Database): void {
  if (checked.has(sqlite)) return;
  const row = sqlite.prepare('SELECT value FROM local_meta WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined;
  if (row?.value !== String(TOKENIZER_VERSION)) rebuildSearchIndex(sqlite);
  checked.add(sqlite);
}

/** Empties the index and queues every live record of every module (the admin's rebuild, a new tokenizer). */
export function rebuildSearchIndex(sqlite: Database.Database): { queued: number } {
  return sqlite.transaction(() => {
    // 'delete-all' drops a contentless index's segments at once; DELETE FROM would delete row by row.
    sqlite.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_docs; DELETE FROM search_queue");
    let queued = 0;
    for (const s of SEARCH_SOURCES) {
      queued += sqlite
        .prepare(`INSERT OR IGNORE INTO search_queue (module, record_id) SELECT ?, id FROM (${s.allIdsSql})`)
        .run(s.module).changes;
    }
    sqlite
      .prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(VERSION_KEY, String(TOKENIZER_VERSION));
    return { queued };
  })();
}

/** The index row text of a record: one value per search_fts column. */
function rowValues(source: SearchSource, fields: string[], scope: string[]): unknown[] {
  const slots = Array.from({ length: FIELD_SLOTS }, (_, i) => (i < fields.length ? fieldTokens(fields[i]!) : null));
  const py = source.pinyinFields.length ? pinyinTokens(source.pinyinFields.map((i) => fields[i] ?? '')) : null;
  return [`m${source.module}`, scope.join(' '), ...slots, py];
}

/** Rewrites the index rows of `ids` of one module from their current text (dropping deleted ones). */
export function indexRecords(sqlite: Database.Database, source: SearchSource, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const records = source.read(sqlite, ids);
  const findDoc = cachedStatement(sqlite, 'SELECT doc FROM search_docs WHERE module = ? AND record_id = ?');
  const dropFts = cachedStatement(sqlite, 'DELETE FROM search_fts WHERE rowid = ?');
  const dropDoc = cachedStatement(sqlite, 'DELETE FROM search_docs WHERE doc = ?');
  const addDoc = cachedStatement(sqlite, 'INSERT INTO search_docs (module, record_id) VALUES (?, ?)');
  const cols = ['rowid', 'module', 'scope', ...Array.from({ length: FIELD_SLOTS }, (_, i) => fieldColumn(i)), 'py'];
  const addFts = cachedStatement(sqlite, `INSERT INTO search_fts (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  for (const id of ids) {
    const existing = findDoc.get(source.module, id) as { doc: number } | undefined;
    const record = records.get(id);
    let doc = existing?.doc;
    if (doc !== undefined) dropFts.run(doc);
    if (!record) {
      if (doc !== undefined) dropDoc.run(doc);
      continue;
    }
    if (doc === undefined) doc = Number(addDoc.run(source.module, id).lastInsertRowid);
    addFts.run(doc, ...rowValues(source, record.fields, record.scope));
  }
}

/**
 * Indexes up to `limit` queued records (oldest module order) and takes them off the queue, in one
 * transaction. Returns how many it indexed (0: the queue is empty).
 */
export function indexQueued(sqlite: Database.Database, limit = SEARCH_SLICE): number {
  return sqlite.transaction(() => {
    const rows = cachedStatement(sqlite, 'SELECT module, record_id AS id FROM search_queue LIMIT ?').all(limit) as {
      module: string;
      id: string;
    }[];
    if (rows.length === 0) return 0;
    const byModule = new Map<string, string[]>();
    for (const r of rows) {
      const ids = byModule.get(r.module);
      if (ids) ids.push(r.id);
      else byModule.set(r.module, [r.id]);
    }
    for (const [module, ids] of byModule) indexRecords(sqlite, searchSource(module), ids);
    const drop = cachedStatement(sqlite, 'DELETE FROM search_queue WHERE module = ? AND record_id = ?');
    for (const r of rows) drop.run(r.module, r.id);
    return rows.length;
  })();
}

/** How many records wait for the index. */
export function searchQueueLength(sqlite: Database.Database, cap = Number.MAX_SAFE_INTEGER): number {
  return (
    cachedStatement(sqlite, 'SELECT count(*) AS n FROM (SELECT 1 FROM search_queue LIMIT ?)').get(cap) as { n: number }
  ).n;
}

/**
 * Before a search: the index built by this tokenizer, and a short queue indexed now. Returns whether
 * records still wait (the search then scans them, and the UI may say the index is catching up).
 */
export function catchUpSearch(sqlite: Database.Database): boolean {
  ensureSearchVersion(sqlite);
  const waiting = searchQueueLength(sqlite, CATCH_UP_LIMIT + 1);
  if (waiting === 0) return false;
  if (waiting <= CATCH_UP_LIMIT) {
    indexQueued(sqlite, CATCH_UP_LIMIT);
    return false;
  }
  return true;
}

/** Works the search queue in the background while the app is open (queue-worker.ts). Returns a stop function. */
export function startSearchQueueWorker(
  sqlite: Database.Database,
  options: { idleMs?: number; log?: (message: string) => void } = {},
): () => void {
  return startQueueWorker(
    'search-words',
    () => {
      if (!sqlite.open) return null;
      ensureSearchVersion(sqlite);
      return indexQueued(sqlite);
    },
    options,
  );
}
