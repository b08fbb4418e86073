import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { customerWarnings } from '../../db/schema';
import { bulkInsert, bulkUpdate } from '../bulk';
import { isoNow, requireActor, type ServiceContext } from '../context';
import { getRow, updateRow } from '../write';
import { addMonths, daysBetween, shanghaiMonth, shanghaiToday } from './dates';
import { isManagerRole } from './scope';
import { getCustomerSettings } from './settings';
import { userNames } from './records';

/**
 * Churn warnings (流失预警): spend in the last complete month more than X% below the average of the
 * three months before it, and bills unpaid more than N days after their due date. A refresh raises
 * new warnings, updates the numbers of open ones and resolves those whose cause went away.
 */

interface Found {
  customerId: string;
  kind: 'spend_drop' | 'arrears';
  value: number;
  amountFen: number;
  period: string;
}

/** The warnings the bills call for today (pure read). */
export function detectWarnings(ctx: ServiceContext): Found[] {
  const settings = getCustomerSettings(ctx);
  const month = addMonths(shanghaiMonth(ctx.now()), -1);
  const today = shanghaiToday(ctx.now());
  const drop = ctx.store.sqlite
    .prepare(
      `SELECT b.customer_id AS customerId,
         sum(CASE WHEN b.period = ? THEN b.billed_fen ELSE 0 END) AS last,
         sum(CASE WHEN b.period < ? THEN b.billed_fen ELSE 0 END) / 3.0 AS avg3
       FROM customer_bills b JOIN customers c ON c.id = b.customer_id AND c.deleted = 0
       WHERE b.deleted = 0 AND b.period BETWEEN ? AND ?
       GROUP BY b.customer_id`,
    )
    .all(month, month, addMonths(month, -3), month) as { customerId: string; last: number; avg3: number }[];
  const found: Found[] = [];
  for (const d of drop) {
    if (d.avg3 <= 0) continue;
    const percent = ((d.avg3 - d.last) / d.avg3) * 100;
    if (percent > settings.warnSpendDropPercent) {
      found.push({ customerId: d.customerId, kind: 'spend_drop', value: Math.round(percent), amountFen: d.last, period: month });
    }
  }
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - settings.warnArrearsDays * 86_400_000).toISOString().slice(0, 10);
  const arrears = ctx.store.sqlite
    .prepare(
      `SELECT b.customer_id AS customerId, min(b.due_date) AS oldest, min(b.period) AS period, sum(b.billed_fen - b.paid_fen) AS owed
       FROM customer_bills b JOIN customers c ON c.id = b.customer_id AND c.deleted = 0
       WHERE b.deleted = 0 AND b.paid_fen < b.billed_fen AND b.due_date < ?
       GROUP BY b.customer_id`,
    )
    .all(cutoff) as { customerId: string; oldest: string; period: string; owed: number }[];
  for (const a of arrears) {
    found.push({ customerId: a.customerId, kind: 'arrears', value: daysBetween(a.oldest, today), amountFen: a.owed, period: a.period });
  }
  return found;
}

/** Brings the warnings table in line with detectWarnings(). */
export function refreshWarnings(ctx: ServiceContext): { open: number; raised: number; cleared: number } {
  const found = detectWarnings(ctx);
  const open = ctx.store.sqlite
    .prepare(
      `SELECT id, customer_id AS customerId, kind, value, amount_fen AS amountFen, period FROM customer_warnings
       WHERE resolved_at IS NULL AND deleted = 0`,
    )
    .all() as (Found & { id: string })[];
  const byKey = new Map(open.map((w) => [`${w.customerId}:${w.kind}`, w]));
  const now = isoNow(ctx);
  const raise: Found[] = [];
  const updates: { id: string; patch: Partial<Found> & { resolvedAt?: string } }[] = [];
  for (const f of found) {
    const key = `${f.customerId}:${f.kind}`;
    const existing = byKey.get(key);
    byKey.delete(key);
    if (!existing) raise.push(f);
    else if (existing.value !== f.value || existing.amountFen !== f.amountFen || existing.period !== f.period) {
      updates.push({ id: existing.id, patch: { value: f.value, amountFen: f.amountFen, period: f.period } });
    }
  }
  for (const gone of byKey.values()) updates.push({ id: gone.id, patch: { resolvedAt: now } });
  bulkInsert(
    ctx,
    customerWarnings,
    raise.map((f) => ({ ...f, raisedAt: now, acknowledged: false, resolvedAt: null })),
    { summary: { refresh: true } },
  );
  bulkUpdate(ctx, customerWarnings, updates, { summary: { refresh: true } });
  return { open: found.length, raised: raise.length, cleared: byKey.size };
}

/** customers.warnings.list: account managers see warnings on their own customers, others the branch. */
export function listWarnings(ctx: ServiceContext, input: ParsedInputOf<'customers.warnings.list'>) {
  const actor = requireActor(ctx);
  const where = ['w.deleted = 0', 'w.resolved_at IS NULL', 'c.deleted = 0'];
  const params: unknown[] = [];
  if (actor.role === 'account_manager') {
    where.push('c.owner_id = ?');
    params.push(actor.id);
  }
  if (input.kind) {
    where.push('w.kind = ?');
    params.push(input.kind);
  }
  if (!input.includeAcknowledged) where.push('w.acknowledged = 0');
  const base = `FROM customer_warnings w JOIN customers c ON c.id = w.customer_id WHERE ${where.join(' AND ')}`;
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT w.id, w.customer_id AS customerId, c.name AS customerName, c.owner_id AS ownerId, w.kind, w.value,
       w.amount_fen AS amountFen, w.period, w.raised_at AS raisedAt, w.acknowledged ${base}
       ORDER BY w.kind, w.amount_fen DESC, w.id LIMIT ? OFFSET ?`,
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as {
    id: string;
    customerId: string;
    customerName: string;
    ownerId: string | null;
    kind: 'spend_drop' | 'arrears';
    value: number;
    amountFen: number;
    period: string;
    raisedAt: string;
    acknowledged: number;
  }[];
  const names = userNames(ctx, rows.map((r) => r.ownerId));
  return {
    rows: rows.map(({ period, ...r }) => ({
      ...r,
      ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
      message: translate(`warning.${r.kind}`, ctx.locale, { value: r.value, period }),
      acknowledged: r.acknowledged === 1,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** customers.warnings.acknowledge: the owner or a leader marks a warning seen. */
export function acknowledgeWarning(ctx: ServiceContext, input: ParsedInputOf<'customers.warnings.acknowledge'>) {
  const actor = requireActor(ctx);
  const warning = getRow(ctx, customerWarnings, input.id);
  if (!isManagerRole(actor.role)) {
    const owner = ctx.store.sqlite.prepare('SELECT owner_id AS o FROM customers WHERE id = ?').get(warning.customerId) as
      | { o: string | null }
      | undefined;
    if (owner?.o !== actor.id) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  }
  updateRow(ctx, customerWarnings, input.id, { acknowledged: true });
  return { ok: true as const };
}
