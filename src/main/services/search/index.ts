/**
 * One search for the whole app (issue #18): a words index (search_fts, migration 0027) that every
 * module registers its searchable text with; the customer list and Ctrl+K (search.global) read it.
 *
 * How a module registers (work orders, contracts, visits, agents, market articles…):
 * 1. Write a SearchSource in the module's folder (see customers/search-source.ts, tickets/search-source.ts):
 *    a one-word `module` key, up to six `fields` in display order, which of them get pinyin, `read`
 *    (current text and scope tokens of records by id; deleted ones left out) and `allIdsSql`.
 * 2. Add it to SEARCH_SOURCES in sources.ts.
 * 3. Queue its records on every write: AFTER INSERT/UPDATE triggers that insert (module, id) into
 *    search_queue — in a new migration, like 0027 does for customers and tickets. Bulk writes that drop
 *    triggers queue their records themselves (customers/import/triggers.ts).
 * 4. For Ctrl+K, add the module to MODULES in global.ts: the caller's scope tokens and how a hit reads.
 * Changing how text is cut (tokens.ts) means bumping TOKENIZER_VERSION: the index is rebuilt.
 */
export { SEARCH_SOURCES, searchSource } from './sources';
export { catchUpSearch, ensureSearchVersion, indexQueued, rebuildSearchIndex, startSearchQueueWorker } from './store';
export { countMatches, describeMatch, matchExpression, matchSql, topMatches } from './query';
export { globalSearchHits } from './global';
