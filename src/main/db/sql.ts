import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%query%'` with the user's % and _ taken literally. */
export function contains(column: SQLiteColumn, query: string): SQL {
  return sql`${column} LIKE ${`%${escapeLike(query)}%`} ESCAPE '\\'`;
}
