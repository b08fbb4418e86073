import type Database from 'better-sqlite3';
import { unpackClocks, type WireValue } from '../../../shared/sync-wire';
import { syncedTables } from './registry';

/** A change as it arrives from HQ (a pull entry, or HQ's row after a refusal). */
export interface IncomingChange {
  table: string;
  rowId: string;
  cols: Record<string, WireValue>;
  clocks: Record<string, string>;
}

export interface ApplyResult {
  applied: number;
  /** Nothing newer than what this device holds, or a table this version does not have. */
  skipped: number;
  /** Could not be written (e.g. a partial row for a row this device never had); see `failures`. */
  failed: number;
  failures: string[];
  maxHlc: string | null;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let map = cache.get(sqlite);
  if (!map) cache.set(sqlite, (map = new Map()));
  let stmt = map.get(text);
  if (!stmt) map.set(text, (stmt = sqlite.prepare(text)));
  return stmt;
}

/**
 * Applies HQ changes with per-column last-writer-wins: a column is written only when HQ's clock for it
 * is later than this device's (so unsent local edits survive). `force` adopts HQ's values regardless,
 * for the columns of a change HQ refused. Runs inside the caller's transaction; rows are written with
 * plain SQL so table triggers (FTS) stay in step, and sync itself never re-queues them in the outbox.
 */
export function applyChanges(
  sqlite: Database.Database,
  changes: IncomingChange[],
  force?: Set<string>,
): ApplyResult {
  const tables = syncedTables();
  const result: ApplyResult = { applied: 0, skipped: 0, failed: 0, failures: [], maxHlc: null };
  const readClocks = prepared(
    sqlite,
    'SELECT clocks FROM sync_row_clocks WHERE table_name = ? AND row_id = ?',
  );
  const writeClocks = prepared(
    sqlite,
    `INSERT INTO sync_row_clocks (table_name, row_id, clocks) VALUES (?, ?, ?)
     ON CONFLICT (table_name, row_id) DO UPDATE SET clocks = json_patch(clocks, excluded.clocks)`,
  );

  for (const change of changes) {
    const table = tables.get(change.table);
    if (!table) {
      result.skipped++;
      continue;
    }
    const existing = prepared(sqlite, `SELECT updated_hlc FROM "${table.name}" WHERE id = ?`).get(
      change.rowId,
    ) as { updated_hlc: string } | undefined;
    const clockRow = readClocks.get(change.table, change.rowId) as { clocks: string } | undefined;
    const local: Record<string, string> = clockRow
      ? (JSON.parse(clockRow.clocks) as Record<string, string>)
      : {};
    const fallback = clockRow ? undefined : existing?.updated_hlc;

    const cols: string[] = [];
    const values: WireValue[] = [];
    const won: Record<string, string> = {};
    const clocks = unpackClocks(change.clocks, Object.keys(change.cols));
    for (const [col, value] of Object.entries(change.cols)) {
      const incoming = clocks[col];
      if (!incoming || !table.columns.has(col) || col === 'id') continue;
      const mine = local[col] ?? fallback;
      if (!force?.has(col) && mine !== undefined && incoming <= mine) continue;
      cols.push(col);
      values.push(value);
      won[col] = incoming;
      if (result.maxHlc === null || incoming > result.maxHlc) result.maxHlc = incoming;
    }
    if (cols.length === 0) {
      result.skipped++;
      continue;
    }
    try {
      if (existing) {
        prepared(
          sqlite,
          `UPDATE "${table.name}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
        ).run(...values, change.rowId);
      } else {
        const missing = table.required.filter((c) => c !== 'id' && !cols.includes(c));
        if (missing.length > 0) throw new Error(`partial row, missing ${missing.join(', ')}`);
        prepared(
          sqlite,
          `INSERT INTO "${table.name}" ("id", ${cols.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
        ).run(change.rowId, ...values);
      }
      writeClocks.run(change.table, change.rowId, JSON.stringify(won));
      result.applied++;
    } catch (error) {
      // One bad row must not stop the page: it is counted and named in the sync status instead.
      result.failed++;
      if (result.failures.length < 20) {
        result.failures.push(
          `${change.table}/${change.rowId}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  return result;
}
