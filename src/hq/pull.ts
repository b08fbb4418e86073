import { HybridClock } from '../shared/hlc';
import { HQ_PUBLISHED_TABLES, type PullResponse, type WireValue } from '../shared/sync-wire';
import type { HqDb } from './db';
import type { Device } from './devices';
import { HqError } from './errors';
import { loadRows, mergeColumns, PUSH_LOCK, writeChanges, type ChangeEntry, type RowState } from './push';

export const MAX_PULL_LIMIT = 5000;

/**
 * One page of changes for a branch, in server sequence order: its own rows (written by its other
 * devices), shared rows and HQ-published tables, minus what this client pushed itself. A change written
 * by a newer schema stops the page and asks the branch to update first.
 */
export async function pullChanges(
  db: HqDb,
  device: Device,
  input: { cursor: number; limit: number; clientId: string; schemaVersion: number },
  now: Date,
): Promise<PullResponse> {
  const limit = Math.min(Math.max(1, input.limit), MAX_PULL_LIMIT);
  // Read the high-water mark first: pushes commit in sequence order, so everything up to it is final.
  const top = Number(
    (await db.query<{ top: number | null }>('SELECT max(seq)::float8 AS top FROM change_log'))[0]?.top ?? 0,
  );
  // A cursor beyond the log means HQ's store was restored from an older backup: send everything again
  // (applying is idempotent under last-writer-wins) rather than nothing forever.
  const from = input.cursor > top ? 0 : input.cursor;
  const rows = await db.query<{
    seq: number;
    table_name: string;
    row_id: string;
    cols: Record<string, WireValue>;
    clocks: Record<string, string>;
    schema_version: number;
  }>(
    `SELECT seq::float8 AS seq, table_name, row_id, cols, clocks, schema_version FROM change_log
     WHERE seq > $1 AND seq <= $2 AND (origin IS NULL OR origin <> $3)
       AND (branch_id = $4 OR shared OR published)
     ORDER BY seq LIMIT $5`,
    [from, top, input.clientId, device.branchId ?? '', limit + 1],
  );
  const changes: PullResponse['changes'] = [];
  let updateRequired = false;
  for (const row of rows.slice(0, limit)) {
    if (row.schema_version > input.schemaVersion) {
      updateRequired = true;
      break;
    }
    changes.push({
      seq: Number(row.seq),
      table: row.table_name,
      rowId: row.row_id,
      cols: row.cols,
      clocks: row.clocks,
    });
  }
  const hasMore = !updateRequired && rows.length > limit;
  // With nothing more to give, the cursor jumps to the high-water mark so other branches' changes are not rescanned.
  const cursor =
    updateRequired || hasMore ? (changes.at(-1)?.seq ?? input.cursor) : Math.max(input.cursor, top);
  await db.query('UPDATE devices SET last_contact_at = $2, pull_cursor = $3 WHERE id = $1', [
    device.id,
    now.toISOString(),
    cursor,
  ]);
  return { changes, cursor, hasMore, updateRequired, serverTime: now.toISOString() };
}

const hqClock = new HybridClock('hq');

/**
 * Publishes rows of an HQ-owned table (branch list, industries, products, ...) to every branch.
 * Each row is merged like a push so re-publishing the same values writes no new change.
 */
export async function publishRows(
  db: HqDb,
  table: string,
  rows: { id: string; cols: Record<string, WireValue> }[],
  now: Date,
): Promise<{ changed: number }> {
  if (!(HQ_PUBLISHED_TABLES as readonly string[]).includes(table)) {
    throw new HqError(
      'BAD_REQUEST',
      `only these tables are published by HQ: ${HQ_PUBLISHED_TABLES.join(', ')}`,
    );
  }
  const at = now.toISOString();
  return db.serializable(
    async (tx) => {
      const states = await loadRows(
        tx,
        rows.map((r) => ({ t: table, r: r.id })),
      );
      const entries: ChangeEntry[] = [];
      const dirty: RowState[] = [];
      for (const row of rows) {
        const state = states.get(`${table}\u0000${row.id}`) ?? {
          table,
          rowId: row.id,
          branchId: null,
          shared: false,
          published: true,
          deleted: false,
          cols: {},
          clocks: {},
        };
        const changedCols = Object.fromEntries(
          Object.entries(row.cols).filter(([col, v]) => state.cols[col] !== v),
        );
        const full =
          state.clocks.id === undefined
            ? { id: row.id, branch_id: 'HQ', created_at: at, deleted: 0, ...changedCols }
            : changedCols;
        if (Object.keys(full).length === 0) continue;
        const hlc = hqClock.tick();
        const won = mergeColumns(state, { ...full, updated_at: at, updated_hlc: hlc }, () => hlc);
        if (!won) continue;
        dirty.push(state);
        entries.push({
          table,
          rowId: row.id,
          branchId: null,
          shared: false,
          published: true,
          origin: null,
          schemaVersion: 0,
          ...won,
        });
      }
      await writeChanges(tx, dirty, entries, at);
      return { changed: entries.length };
    },
    { lock: PUSH_LOCK },
  );
}
