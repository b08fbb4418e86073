import type { Db } from '../../db/open';
import { cachedStatement } from '../../db/sql';

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
  // Raw SQL prepared once per connection: every write of the write path comes through here.
  cachedStatement(
    db.$client,
    `INSERT INTO sync_row_clocks (table_name, row_id, clocks) VALUES (?, ?, ?)
     ON CONFLICT (table_name, row_id) DO UPDATE SET clocks = json_patch(sync_row_clocks.clocks, excluded.clocks)`,
  ).run(tableName, rowId, clocks);
}
