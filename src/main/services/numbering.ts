import { eq } from 'drizzle-orm';
import { SHANGHAI_OFFSET_MS } from '../../shared/time';
import { localMeta } from '../db/schema';
import type { ServiceContext } from './context';
import { getBranchSettings } from './settings/branch';

/**
 * Document numbers (tickets, work orders, request forms, contracts): <branch code>-[<kind>-]<yyMM>-<device
 * code>-<sequence>, e.g. HHHT-2611-3F2A-0042 for a ticket, HHHT-GD-2611-3F2A-0007 for a work order.
 * Several devices of one branch work offline and sync later, so a branch-wide counter would collide;
 * each device numbers its own tickets under its own device code (4 hex characters from its node id,
 * kept in local_meta so an administrator can change it if two devices ever share one). The sequence is
 * the highest number this device already holds for the month + 1, read from the unique number index,
 * so a restored backup or a re-synced device continues after what it sees and never reuses a number.
 */

const DEVICE_KEY = 'tickets.device_code';

/** This device's code in ticket numbers. */
export function deviceCode(ctx: ServiceContext): string {
  const row = ctx.db.select().from(localMeta).where(eq(localMeta.key, DEVICE_KEY)).get();
  if (row) return row.value;
  const code = ctx.nodeId.slice(-4).toUpperCase();
  ctx.db.insert(localMeta).values({ key: DEVICE_KEY, value: code }).run();
  return code;
}

/** yyMM of an instant in Asia/Shanghai. */
function monthCode(now: Date): string {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return `${String(local.getUTCFullYear()).slice(2)}${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The tables with document numbers, and the kind code each puts after the branch code ('' for tickets). */
export type NumberedTable = 'tickets' | 'work_orders' | 'request_forms' | 'contracts' | 'care_events' | 'visits';

/**
 * Allocates the next number of `table` for this branch and device; `kind` (e.g. 'GD' 工单, 'HT' 合同) keeps
 * each kind's sequence apart and tells a number's kind at a glance.
 */
export function nextDocumentNumber(ctx: ServiceContext, table: NumberedTable, kind = ''): string {
  const { branchCode } = getBranchSettings(ctx);
  const prefix = `${branchCode}-${kind ? `${kind}-` : ''}${monthCode(ctx.now())}-${deviceCode(ctx)}-`;
  // Longest then greatest: '10000' must count as after '9999'.
  const last = ctx.store.sqlite
    .prepare(
      `SELECT number FROM ${table} WHERE branch_id = ? AND number >= ? AND number < ?
       ORDER BY length(number) DESC, number DESC LIMIT 1`,
    )
    .get(ctx.branchId, prefix, `${prefix}~`) as { number: string } | undefined;
  const seq = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(seq).padStart(4, '0')}`;
}

/** Allocates the next ticket number for this branch and device. */
export function nextTicketNumber(ctx: ServiceContext): string {
  return nextDocumentNumber(ctx, 'tickets');
}
