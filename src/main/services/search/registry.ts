import type Database from 'better-sqlite3';

/** What a module's record gives the index: its fields' text (in the module's field order) and scope tokens. */
export interface SearchRecord {
  fields: string[];
  /** scopeToken()s of who may see it (an owner, an assignee…); empty: no scope token. */
  scope: string[];
}

/** A module's registration with the search index (see index.ts for how to add one). */
export interface SearchSource {
  /** The module key in the index and in results: one lower-case word. */
  module: string;
  /** Field names, at most FIELD_SLOTS, in the order `read` returns their text. */
  fields: readonly string[];
  /** Indexes into `fields` whose pinyin (initials and full, as prefixes) is searchable too. */
  pinyinFields: readonly number[];
  /** The current text of records by id; a deleted or missing record is left out. */
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord>;
  /** SELECT of the id of every live record, for a rebuild. */
  allIdsSql: string;
}

/** Field columns of search_fts (f0…f5, migration 0027). */
export const FIELD_SLOTS = 6;

/** The column of field slot `i`. */
export function fieldColumn(i: number): string {
  return `f${i}`;
}
