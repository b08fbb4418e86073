import { sql, type SQL } from 'drizzle-orm';
import type { Database, Statement } from 'better-sqlite3';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%query%'` with the user's % and _ taken literally. */
export function contains(column: SQLiteColumn, query: string): SQL {
  return sql`${column} LIKE ${`%${escapeLike(query)}%`} ESCAPE '\\'`;
}

const statements = new WeakMap<Database, Map<string, Statement>>();
/** How many distinct statements a connection keeps prepared (lists build a few hundred shapes at most). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A statement prepared once per connection and SQL text. Preparing a list query costs tens of µs, a
 * noticeable part of a list page that takes under a millisecond; a filter combination's SQL repeats.
 */
export function cachedStatement(sqlite: Database, text: string): Statement {
  let byText = statements.get(sqlite);
  if (!byText) statements.set(sqlite, (byText = new Map()));
  let statement = byText.get(text);
  if (!statement) {
    if (byText.size >= STATEMENT_CACHE_SIZE) byText.clear();
    statement = sqlite.prepare(text);
    byText.set(text, statement);
  }
  return statement;
}
