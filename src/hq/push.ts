import {
  HQ_PUBLISHED_TABLES,
  MAX_CLOCK_AHEAD_MS,
  SHARED_ROW_RULES,
  type PushRequest,
  type PushResponse,
  type RejectionCode,
  type WireMutation,
  type WireRow,
  type WireValue,
  packClocks,
  unpackClocks,
} from '../shared/sync-wire';
import { parseHlc } from '../shared/hlc';
import type { HqDb, Sql } from './db';
import type { Device } from './devices';
import { logAccess } from './devices';

/** HQ's merged state of one row: JSON columns and the HLC that last won each column. */
export interface RowState {
  table: string;
  rowId: string;
  branchId: string | null;
  shared: boolean;
  published: boolean;
  deleted: boolean;
  cols: Record<string, WireValue>;
  clocks: Record<string, string>;
}

/** One entry for change_log: the columns that won, with their clocks. */
export interface ChangeEntry {
  table: string;
  rowId: string;
  branchId: string | null;
  shared: boolean;
  published: boolean;
  origin: string | null;
  schemaVersion: number;
  cols: Record<string, WireValue>;
  clocks: Record<string, string>;
}

const PUBLISHED = new Set<string>(HQ_PUBLISHED_TABLES);
// Pushes (and publishes) run one at a time under this lock, so change_log sequences commit in order and a pull never skips one.
export const PUSH_LOCK = 727002;

const key = (table: string, rowId: string) => `${table}\u0000${rowId}`;

export function isShared(table: string, cols: Record<string, WireValue>): boolean {
  const rule = SHARED_ROW_RULES[table];
  return rule !== undefined && cols[rule.column] === rule.value;
}

/** Per-column last-writer-wins: returns the columns this mutation wins, and applies them to `state`. */
export function mergeColumns(
  state: RowState,
  cols: Record<string, WireValue>,
  clockOf: (col: string) => string,
): { cols: Record<string, WireValue>; clocks: Record<string, string> } | null {
  const won: Record<string, WireValue> = {};
  const wonClocks: Record<string, string> = {};
  let any = false;
  for (const [col, value] of Object.entries(cols)) {
    const incoming = clockOf(col);
    const current = state.clocks[col];
    // Fixed-width HLC strings order by plain comparison; the node id at the end breaks ties.
    if (current !== undefined && incoming <= current) continue;
    state.cols[col] = value;
    state.clocks[col] = incoming;
    won[col] = value;
    wonClocks[col] = incoming;
    any = true;
  }
  if (!any) return null;
  state.deleted = state.cols.deleted === 1;
  return { cols: won, clocks: wonClocks };
}

function ownershipProblem(
  state: RowState | undefined,
  m: WireMutation,
  device: Device,
): RejectionCode | null {
  if (PUBLISHED.has(m.table)) return 'READ_ONLY_TABLE';
  const presented = m.cols.branch_id;
  const owner = state?.branchId ?? (typeof presented === 'string' ? presented : null);
  if (!owner) return 'UNKNOWN_ROW';
  // A row never changes owner through sync.
  if (presented !== undefined && presented !== owner) return 'NOT_OWNER';
  if (owner === device.branchId) return null;
  if (!state?.shared) return 'NOT_OWNER';
  // Another branch may edit a shared row but not take it out of sharing.
  const rule = SHARED_ROW_RULES[m.table];
  if (rule && rule.column in m.cols && m.cols[rule.column] !== rule.value) return 'NOT_OWNER';
  return null;
}

export function toWireRow(state: RowState): WireRow {
  return {
    table: state.table,
    rowId: state.rowId,
    cols: { ...state.cols },
    clocks: packClocks(state.clocks),
  };
}

interface DbRow {
  table_name: string;
  row_id: string;
  branch_id: string | null;
  shared: boolean;
  published: boolean;
  deleted: boolean;
  cols: Record<string, WireValue>;
  clocks: Record<string, string>;
}

/** Loads HQ's state of the given rows in one query. */
export async function loadRows(tx: Sql, keys: { t: string; r: string }[]): Promise<Map<string, RowState>> {
  const out = new Map<string, RowState>();
  if (keys.length === 0) return out;
  const rows = await tx.query<DbRow>(
    `SELECT h.table_name, h.row_id, h.branch_id, h.shared, h.published, h.deleted, h.cols, h.clocks
     FROM hq_rows h JOIN json_to_recordset($1::json) AS k(t text, r text) ON h.table_name = k.t AND h.row_id = k.r`,
    [JSON.stringify(keys)],
  );
  for (const row of rows) {
    out.set(key(row.table_name, row.row_id), {
      table: row.table_name,
      rowId: row.row_id,
      branchId: row.branch_id,
      shared: row.shared,
      published: row.published,
      deleted: row.deleted,
      cols: row.cols,
      clocks: unpackClocks(row.clocks, Object.keys(row.cols)),
    });
  }
  return out;
}

/** Writes merged rows and their change_log entries (in order) in a few bulk statements. */
export async function writeChanges(
  tx: Sql,
  rows: RowState[],
  entries: ChangeEntry[],
  at: string,
): Promise<void> {
  if (rows.length > 0) {
    await tx.query(
      `INSERT INTO hq_rows (table_name, row_id, branch_id, shared, published, deleted, cols, clocks, changed_at)
       SELECT x.table_name, x.row_id, x.branch_id, x.shared, x.published, x.deleted, x.cols, x.clocks, $2
       FROM json_to_recordset($1::json) AS x(table_name text, row_id text, branch_id text, shared boolean,
         published boolean, deleted boolean, cols json, clocks json)
       ON CONFLICT (table_name, row_id) DO UPDATE SET branch_id = excluded.branch_id, shared = excluded.shared,
         published = excluded.published, deleted = excluded.deleted, cols = excluded.cols, clocks = excluded.clocks,
         changed_at = excluded.changed_at`,
      [
        JSON.stringify(
          rows.map((s) => ({
            table_name: s.table,
            row_id: s.rowId,
            branch_id: s.branchId,
            shared: s.shared,
            published: s.published,
            deleted: s.deleted,
            cols: s.cols,
            clocks: packClocks(s.clocks),
          })),
        ),
        at,
      ],
    );
  }
  if (entries.length > 0) {
    await tx.query(
      `INSERT INTO change_log (table_name, row_id, branch_id, shared, published, origin, schema_version, cols, clocks, at)
       SELECT e.v ->> 'table_name', e.v ->> 'row_id', e.v ->> 'branch_id', (e.v ->> 'shared')::boolean,
         (e.v ->> 'published')::boolean, e.v ->> 'origin', (e.v ->> 'schema_version')::integer, e.v -> 'cols', e.v -> 'clocks', $2
       FROM json_array_elements($1::json) WITH ORDINALITY AS e(v, n)
       ORDER BY e.n`,
      [
        JSON.stringify(
          entries.map((e) => ({
            table_name: e.table,
            row_id: e.rowId,
            branch_id: e.branchId,
            shared: e.shared,
            published: e.published,
            origin: e.origin,
            schema_version: e.schemaVersion,
            cols: e.cols,
            clocks: packClocks(e.clocks),
          })),
        ),
        at,
      ],
    );
  }
}

/**
 * Applies a branch's push in one serializable transaction: skips mutation ids already applied,
 * holds back clocks too far ahead, refuses rows the branch does not own and tables HQ publishes,
 * merges the rest column by column (LWW by HLC) and logs the winners to change_log.
 */
export async function applyPush(
  db: HqDb,
  device: Device,
  req: PushRequest,
  now: Date,
): Promise<PushResponse> {
  const at = now.toISOString();
  const limit = now.getTime() + MAX_CLOCK_AHEAD_MS;
  const refusals: { id: string; table: string; rowId: string; code: RejectionCode }[] = [];

  const response = await db.serializable(
    async (tx) => {
      const ids = JSON.stringify(req.mutations.map((m) => m.id));
      const done = new Set(
        (
          await tx.query<{ id: string }>(
            'SELECT id FROM applied_mutations WHERE id IN (SELECT json_array_elements_text($1::json))',
            [ids],
          )
        ).map((r) => r.id),
      );
      const refusedBefore = new Map(
        (
          await tx.query<{ mutation_id: string; code: RejectionCode }>(
            'SELECT mutation_id, code FROM rejections WHERE mutation_id IN (SELECT json_array_elements_text($1::json))',
            [ids],
          )
        ).map((r) => [r.mutation_id, r.code]),
      );
      const wanted = new Map<string, { t: string; r: string }>();
      for (const m of req.mutations)
        if (!done.has(m.id)) wanted.set(key(m.table, m.rowId), { t: m.table, r: m.rowId });
      const states = await loadRows(tx, [...wanted.values()]);

      const accepted: string[] = [];
      const rejected: PushResponse['rejected'] = [];
      const held: PushResponse['held'] = [];
      const applied: string[] = [];
      const dirty = new Map<string, RowState>();
      const entries: ChangeEntry[] = [];
      let lastAppliedId: string | null = null;

      for (const m of req.mutations) {
        if (done.has(m.id)) {
          accepted.push(m.id);
          continue;
        }
        const k = key(m.table, m.rowId);
        const before = refusedBefore.get(m.id);
        if (before) {
          // The same refused mutation delivered again gets the same answer, not a silent accept.
          const s = states.get(k);
          rejected.push({ id: m.id, code: before, current: s ? toWireRow(s) : null });
          continue;
        }
        if (parseHlc(m.hlc).wall > limit) {
          held.push({ id: m.id, code: 'CLOCK_AHEAD' });
          continue;
        }
        let state = states.get(k);
        const problem = ownershipProblem(state, m, device);
        if (problem) {
          rejected.push({ id: m.id, code: problem, current: state ? toWireRow(state) : null });
          refusals.push({ id: m.id, table: m.table, rowId: m.rowId, code: problem });
          continue;
        }
        if (!state) {
          state = {
            table: m.table,
            rowId: m.rowId,
            branchId: m.cols.branch_id as string,
            shared: false,
            published: false,
            deleted: false,
            cols: {},
            clocks: {},
          };
          states.set(k, state);
        }
        const wasShared = state.shared;
        const won = mergeColumns(state, m.cols, () => m.hlc);
        state.shared = isShared(m.table, state.cols);
        if (won) {
          dirty.set(k, state);
          entries.push({
            table: m.table,
            rowId: m.rowId,
            branchId: state.branchId,
            shared: state.shared,
            published: false,
            origin: req.clientId,
            schemaVersion: req.schemaVersion,
            ...won,
          });
        }
        const coversRow = won !== null && Object.keys(state.cols).every((c) => c in won.cols);
        if (!wasShared && state.shared && !coversRow) {
          // A row that just became shared reaches the other branches whole, not only its changed columns.
          entries.push({
            ...entries[entries.length - 1]!,
            origin: null,
            cols: { ...state.cols },
            clocks: { ...state.clocks },
          });
          dirty.set(k, state);
        }
        accepted.push(m.id);
        applied.push(m.id);
        lastAppliedId = m.id;
      }

      await writeChanges(tx, [...dirty.values()], entries, at);
      if (applied.length > 0) {
        await tx.query(
          'INSERT INTO applied_mutations (id, device_id, at) SELECT json_array_elements_text($1::json), $2, $3',
          [JSON.stringify(applied), device.id, at],
        );
      }
      if (refusals.length > 0) {
        await tx.query(
          `INSERT INTO rejections (mutation_id, device_id, branch_code, table_name, row_id, code, at)
         SELECT x.id, $2, $3, x.t, x.r, x.c, $4 FROM json_to_recordset($1::json) AS x(id text, t text, r text, c text)`,
          [
            JSON.stringify(refusals.map((r) => ({ id: r.id, t: r.table, r: r.rowId, c: r.code }))),
            device.id,
            device.branchCode,
            at,
          ],
        );
      }
      await tx.query(
        `UPDATE devices SET last_contact_at = $2, client_id = $3, pending = $4, schema_version = $5,
       pushed_count = pushed_count + $6 WHERE id = $1`,
        [
          device.id,
          at,
          req.clientId,
          Math.max(0, req.pending - accepted.length - rejected.length),
          req.schemaVersion,
          applied.length,
        ],
      );
      return { accepted, rejected, held, lastAppliedId, serverTime: at };
    },
    { lock: PUSH_LOCK },
  );

  const foreign = refusals.filter((r) => r.code === 'NOT_OWNER');
  if (foreign.length > 0) {
    await logAccess(
      db,
      {
        outcome: 'refused-write',
        detail: `${foreign.length} write(s) to rows of another branch, e.g. ${foreign[0]!.table}/${foreign[0]!.rowId}`,
        deviceId: device.id,
        branchCode: device.branchCode,
      },
      now,
    );
  }
  return response;
}
