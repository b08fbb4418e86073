import { sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { syncRowClocks } from '../../db/schema';

/**
 * Records which HLC last set each written column of a row (called by the write path for local edits and
 * by pull for remote ones), so that a pull never overwrites a newer local column.
 */
export function recordColumnClocks(
  db: Db,
  tableName: string,
  rowId: string,
  columns: string[],
  hlc: string,
): void {
  const clocks = JSON.stringify(Object.fromEntries(columns.map((c) => [c, hlc])));
  db.insert(syncRowClocks)
    .values({ tableName, rowId, clocks })
    .onConflictDoUpdate({
      target: [syncRowClocks.tableName, syncRowClocks.rowId],
      set: { clocks: sql`json_patch(${syncRowClocks.clocks}, excluded.clocks)` },
    })
    .run();
}
