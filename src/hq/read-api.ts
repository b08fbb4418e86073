import type { WireValue } from '../shared/sync-wire';
import type { HqDb } from './db';
import { HqError } from './errors';

/**
 * HQ's consolidated read side: the rows of every synced table across branches (customers first,
 * tickets and later modules as soon as branches push them), with filters and paging. Generic over
 * tables because HQ keeps rows as JSON.
 */
export async function listTables(db: HqDb): Promise<{ table: string; rows: number; branches: number }[]> {
  const rows = await db.query<{ table_name: string; n: number; b: number }>(
    `SELECT table_name, count(*)::float8 AS n, count(DISTINCT branch_id)::float8 AS b
     FROM hq_rows WHERE NOT deleted GROUP BY table_name ORDER BY table_name`,
  );
  return rows.map((r) => ({ table: r.table_name, rows: Number(r.n), branches: Number(r.b) }));
}

export interface RowQuery {
  branchCode?: string;
  /** Substring search over all column values. */
  q?: string;
  /** Column equality filters, e.g. { type: 'group', grade: 'A' }. */
  where?: Record<string, string>;
  includeDeleted?: boolean;
  page: number;
  pageSize: number;
}

/** One page of a table's rows across branches, newest change first, each with its branch code. */
export async function listRows(db: HqDb, table: string, query: RowQuery) {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(table)) throw new HqError('BAD_REQUEST', 'bad table name');
  const params: unknown[] = [table];
  const where = ['h.table_name = $1'];
  if (!query.includeDeleted) where.push('NOT h.deleted');
  if (query.branchCode) {
    params.push(query.branchCode.toUpperCase());
    where.push(`b.code = $${params.length}`);
  }
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`h.cols::text ILIKE $${params.length}`);
  }
  for (const [col, value] of Object.entries(query.where ?? {})) {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(col)) throw new HqError('BAD_REQUEST', `bad column name: ${col}`);
    params.push(col, value);
    where.push(`h.cols ->> $${params.length - 1} = $${params.length}`);
  }
  const from = `FROM hq_rows h LEFT JOIN branches b ON b.branch_id = h.branch_id WHERE ${where.join(' AND ')}`;
  const total = Number(
    (await db.query<{ n: number }>(`SELECT count(*)::float8 AS n ${from}`, params))[0]?.n ?? 0,
  );
  params.push(query.pageSize, (query.page - 1) * query.pageSize);
  const rows = await db.query<{
    row_id: string;
    code: string | null;
    shared: boolean;
    cols: Record<string, WireValue>;
    changed_at: string;
  }>(
    `SELECT h.row_id, b.code, h.shared, h.cols, h.changed_at ${from}
     ORDER BY h.changed_at DESC, h.row_id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    rows: rows.map((r) => ({
      id: r.row_id,
      branchCode: r.code,
      shared: r.shared,
      changedAt: r.changed_at,
      cols: r.cols,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** What the status page shows: branches and devices, last contact, backlog both ways, refusals. */
export async function hqStatus(db: HqDb) {
  const devices = await db.query<{
    id: string;
    branch_code: string;
    branch_name: string;
    name: string;
    revoked_at: string | null;
    last_contact_at: string | null;
    pending: number;
    pushed_count: number;
    to_deliver: number;
  }>(
    `SELECT d.id, d.branch_code, b.name AS branch_name, d.name, d.revoked_at, d.last_contact_at, d.pending,
       d.pushed_count::float8 AS pushed_count,
       (SELECT count(*)::float8 FROM change_log c WHERE c.seq > d.pull_cursor
          AND (c.origin IS NULL OR c.origin <> coalesce(d.client_id, ''))
          AND (c.branch_id = b.branch_id OR c.shared OR c.published)) AS to_deliver
     FROM devices d JOIN branches b ON b.code = d.branch_code ORDER BY d.branch_code, d.created_at`,
  );
  const rejections = await db.query<{
    at: string;
    branch_code: string;
    table_name: string;
    row_id: string;
    code: string;
    mutation_id: string;
  }>(
    'SELECT at, branch_code, table_name, row_id, code, mutation_id FROM rejections ORDER BY id DESC LIMIT 50',
  );
  const refusals = await db.query<{
    at: string;
    outcome: string;
    branch_code: string | null;
    detail: string;
    remote: string | null;
  }>(
    "SELECT at, outcome, branch_code, detail, remote FROM access_log WHERE outcome <> 'ok' ORDER BY id DESC LIMIT 50",
  );
  const seq = Number(
    (await db.query<{ n: number | null }>('SELECT max(seq)::float8 AS n FROM change_log'))[0]?.n ?? 0,
  );
  return { devices, rejections, refusals, changeLogSeq: seq, tables: await listTables(db) };
}
