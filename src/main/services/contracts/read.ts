import { eq } from 'drizzle-orm';
import type { ContractDetail, ContractRow } from '../../../shared/contract/contracts';
import type { ContractStatus } from '../../../shared/contract/order-common';
import { AppError } from '../../../shared/errors';
import { contracts } from '../../db/schema';
import type { ServiceContext } from '../context';
import { listGreenAttachments } from '../green/attachments';
import { greenEventsOf, greenEventTitle } from '../green/events';
import type { Row } from '../write';
import { actionsFor, assertCanSee, contractScope, type ContractScope } from './scope';
import { reminderDays } from './settings';
import { daysLeftOf, displayStatusOf, statusDay, type StatusDay } from './status';

/** Reading contracts: one row by id, list rows with customer and owner names, and the detail page. */

export type ContractRecord = Row<typeof contracts>;

/** The stored contract, or NOT_FOUND. */
export function loadContract(ctx: ServiceContext, id: string): ContractRecord {
  const row = ctx.db.select().from(contracts).where(eq(contracts.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

/** The columns of a list row over contracts `k`, customers `c` and users `u` (see ROW_FROM). */
export const ROW_COLUMNS = `k.id, k.number, k.customer_id AS customerId, COALESCE(c.name, '') AS customerName,
  k.owner_id AS ownerId, u.display_name AS ownerName, k.title, k.amount_fen AS amountFen, k.sign_date AS signDate,
  k.start_date AS startDate, k.end_date AS endDate, k.original_end_date AS originalEndDate, k.status,
  k.predecessor_id AS predecessorId, k.successor_id AS successorId, k.created_at AS createdAt`;
export const ROW_FROM = 'contracts k LEFT JOIN customers c ON c.id = k.customer_id LEFT JOIN users u ON u.id = k.owner_id';

export type RawRow = Omit<ContractRow, 'displayStatus' | 'daysLeft'>;

/** A raw SQL row with its shown status and days left on `day`. */
export function toRow(raw: RawRow, day: StatusDay): ContractRow {
  return { ...raw, status: raw.status as ContractStatus, displayStatus: displayStatusOf(raw, day), daysLeft: daysLeftOf(raw, day) };
}

/** One contract as a list row. */
export function contractRow(ctx: ServiceContext, id: string, day: StatusDay): ContractRow {
  const raw = ctx.store.sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM ${ROW_FROM} WHERE k.id = ?`).get(id) as RawRow | undefined;
  if (!raw) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return toRow(raw, day);
}

/** The renewal chain through a contract, oldest first (bounded: a chain of 100 renewals is 100 years+). */
function renewalChain(ctx: ServiceContext, c: ContractRecord, day: StatusDay): ContractDetail['chain'] {
  const byId = ctx.store.sqlite.prepare(
    'SELECT id, number, status, start_date AS startDate, end_date AS endDate, amount_fen AS amountFen, predecessor_id AS predecessorId, successor_id AS successorId FROM contracts WHERE id = ? AND deleted = 0',
  );
  type Link = { id: string; number: string; status: ContractStatus; startDate: string | null; endDate: string | null; amountFen: number; predecessorId: string | null; successorId: string | null };
  const self = byId.get(c.id) as Link;
  const before: Link[] = [];
  const after: Link[] = [];
  const seen = new Set([c.id]);
  for (let id = self.predecessorId; id && !seen.has(id) && before.length < 100; ) {
    const link = byId.get(id) as Link | undefined;
    if (!link) break;
    seen.add(id);
    before.unshift(link);
    id = link.predecessorId;
  }
  for (let id = self.successorId; id && !seen.has(id) && after.length < 100; ) {
    const link = byId.get(id) as Link | undefined;
    if (!link) break;
    seen.add(id);
    after.push(link);
    id = link.successorId;
  }
  return [...before, self, ...after].map((l) => ({
    id: l.id,
    number: l.number,
    startDate: l.startDate,
    endDate: l.endDate,
    amountFen: l.amountFen,
    displayStatus: displayStatusOf(l, day),
  }));
}

/** The detail page of a contract the caller can see. */
export function contractDetail(ctx: ServiceContext, id: string, scope: ContractScope = contractScope(ctx)): ContractDetail {
  const c = loadContract(ctx, id);
  assertCanSee(ctx, scope, c);
  const days = reminderDays(ctx);
  const day = statusDay(ctx, days);
  const row = contractRow(ctx, id, day);
  const orders = ctx.store.sqlite
    .prepare(
      `SELECT id, number, business_type_name AS businessTypeName, status, created_at AS createdAt
       FROM work_orders WHERE contract_id = ? AND deleted = 0 ORDER BY created_at`,
    )
    .all(id) as ContractDetail['orders'];
  return {
    ...row,
    paymentTerms: c.paymentTerms,
    renewalTerms: c.renewalTerms,
    notes: c.notes,
    remindedEndDate: c.remindedEndDate,
    terminatedAt: c.terminatedAt,
    terminateReason: c.terminateReason,
    reminderDays: days,
    chain: renewalChain(ctx, c, day),
    orders,
    attachments: listGreenAttachments(ctx, id),
    events: greenEventsOf(ctx, id).map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      title: greenEventTitle(e, ctx.locale),
      actorName: e.actorName,
      note: e.note,
    })),
    actions: actionsFor(scope, row.displayStatus),
  };
}
