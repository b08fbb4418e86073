import { eq } from 'drizzle-orm';
import type { Customer, CustomerListRow } from '../../../shared/contract/customers';
import type { CustomerSettings } from '../../../shared/contract/customer-evaluation';
import { customers } from '../../db/schema';
import { cachedStatement } from '../../db/sql';
import type { Actor, ServiceContext } from '../context';
import { bulkUpdate, type BulkAudit } from '../bulk';
import { appendAudit } from '../write';
import { canSeeFinance } from './scope';
import { getCustomerSettings, keyReasons } from './settings';

export type CustomerRow = typeof customers.$inferSelect;

/** Display names of users by id (for owners and actors), one query. */
export function userNames(ctx: ServiceContext, ids: Iterable<string | null | undefined>): Map<string, string> {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))];
  const out = new Map<string, string>();
  if (unique.length === 0) return out;
  const rows = cachedStatement(ctx.store.sqlite, 'SELECT id, display_name AS name FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(unique)) as { id: string; name: string }[];
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

/** The list shape of a customer row; finance fields null when the actor may not see them. */
export function toListRow(row: CustomerRow, ownerName: string | null, actor: Actor): CustomerListRow {
  const finance = canSeeFinance(actor);
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    creditCode: row.creditCode,
    industry: row.industry,
    type: row.type,
    region: row.region,
    ownerId: row.ownerId,
    ownerName,
    stage: row.stage,
    grade: row.grade,
    isKey: row.isKey,
    monthlySpendFen: finance ? row.monthlySpendFen : null,
    arrearsFen: finance ? row.arrearsFen : null,
    updatedAt: row.updatedAt,
  };
}

/** The full record shape of a customer as the 360 view and writes return it. */
export function toCustomer(ctx: ServiceContext, stored: CustomerRow, actor: Actor, rule?: CustomerSettings): Customer {
  const settings = rule ?? getCustomerSettings(ctx);
  // Queued for the caches' background refresh (a big bills import): its figures computed from its bills now.
  const row = cachesPending(ctx, stored.id) ? withFreshCaches(ctx, stored, settings) : stored;
  const names = userNames(ctx, [row.ownerId]);
  const parent = row.parentId
    ? (ctx.store.sqlite.prepare('SELECT name FROM customers WHERE id = ?').get(row.parentId) as { name: string } | undefined)
    : undefined;
  return {
    ...toListRow(row, row.ownerId ? (names.get(row.ownerId) ?? null) : null, actor),
    address: row.address,
    size: row.size,
    parentId: row.parentId,
    parentName: parent?.name ?? null,
    sensitivity: row.sensitivity,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    designatedStrategic: row.designatedStrategic,
    keyReasons: keyReasons(settings, row),
    gradePeriod: row.gradePeriod,
    foundedOn: row.foundedOn,
    createdAt: row.createdAt,
  };
}

/** Reads a customer row (live or not). */
export function loadCustomerRow(ctx: ServiceContext, id: string): CustomerRow | undefined {
  return ctx.db.select().from(customers).where(eq(customers.id, id)).get();
}

/**
 * SQL of customer `c`'s spend in fen: the average billed of its last 3 live bills (one live bill per
 * period). Read from two indexes and not from the bill rows, which lie all over a 12-million-row table
 * (3 random row reads per customer were 1.9 s of a 100,000-bill import warm, 3.8 s cold): the
 * periods from customer_bills_customer_period, each live bill's amount from the covering
 * customer_bills_eval. Grouped by period, so a deleted bill beside a live one of its period counts once.
 */
const SPEND_SQL = `(SELECT coalesce(avg(billed), 0) FROM (
    SELECT (SELECT e.billed_fen FROM customer_bills e INDEXED BY customer_bills_eval
            WHERE e.deleted = 0 AND e.period = b.period AND e.customer_id = c.id) AS billed
    FROM customer_bills b INDEXED BY customer_bills_customer_period
    WHERE b.customer_id = c.id AND EXISTS (SELECT 1 FROM customer_bills e INDEXED BY customer_bills_eval
      WHERE e.deleted = 0 AND e.period = b.period AND e.customer_id = c.id)
    GROUP BY b.period ORDER BY b.period DESC LIMIT 3))`;

/** SQL of customer `c`'s arrears in fen: what is unpaid of each live bill, from the covering index report_bills_unpaid. */
const ARREARS_SQL = `(SELECT coalesce(sum(billed_fen - paid_fen), 0) FROM customer_bills b
    WHERE b.customer_id = c.id AND b.deleted = 0 AND b.paid_fen < b.billed_fen)`;

/** Spend (average of the last 3 billed periods) and arrears from the bills, in fen. */
export function billCaches(ctx: ServiceContext, customerId: string): { monthlySpendFen: number; arrearsFen: number } {
  const r = cachedStatement(ctx.store.sqlite, `SELECT ${SPEND_SQL} AS spend, ${ARREARS_SQL} AS arrears FROM (SELECT ? AS id) c`).get(customerId) as {
    spend: number;
    arrears: number;
  };
  return { monthlySpendFen: Math.round(r.spend), arrearsFen: r.arrears };
}

/** Customers whose caches are computed per statement in refreshCustomerCachesBulk. */
const CACHE_CHUNK = 5_000;

/**
 * refreshCustomerCaches for many customers at once (a bills import, its undo): spend and arrears computed
 * in SQL for a chunk of customers per statement, the key flag by the same rule, and only what changed
 * written, in one bulkUpdate. One customer at a time this was 78 s of a 100,000-bill import on a branch
 * of a million customers. Returns how many customers changed.
 */
export function refreshCustomerCachesBulk(
  ctx: ServiceContext,
  customerIds: Iterable<string>,
  audit: BulkAudit = {},
): number {
  // In id order: customers and their bills are then read and written in index order, not at random.
  const ids = [...new Set(customerIds)].sort();
  const rule = getCustomerSettings(ctx);
  const read = cachedStatement(
    ctx.store.sqlite,
    `SELECT c.id, c.type, c.designated_strategic AS designated, c.monthly_spend_fen AS spendBefore,
       c.arrears_fen AS arrearsBefore, c.is_key AS keyBefore, ${SPEND_SQL} AS spend, ${ARREARS_SQL} AS arrears
     FROM json_each(?) t CROSS JOIN customers c ON c.id = t.value`,
  );
  let count = 0;
  // Written a chunk at a time, so 100,000 customers' changes are never held at once.
  for (let i = 0; i < ids.length; i += CACHE_CHUNK) {
    const changes: { id: string; patch: Partial<Pick<CustomerRow, 'monthlySpendFen' | 'arrearsFen' | 'isKey'>> }[] = [];
    const rows = read.all(JSON.stringify(ids.slice(i, i + CACHE_CHUNK))) as {
      id: string;
      type: CustomerRow['type'];
      designated: number;
      spendBefore: number;
      arrearsBefore: number;
      keyBefore: number;
      spend: number;
      arrears: number;
    }[];
    for (const r of rows) {
      const monthlySpendFen = Math.round(r.spend);
      const isKey = keyReasons(rule, { monthlySpendFen, type: r.type, designatedStrategic: r.designated === 1 }).length > 0;
      const patch: (typeof changes)[number]['patch'] = {};
      if (monthlySpendFen !== r.spendBefore) patch.monthlySpendFen = monthlySpendFen;
      if (r.arrears !== r.arrearsBefore) patch.arrearsFen = r.arrears;
      if (isKey !== (r.keyBefore === 1)) patch.isKey = isKey;
      if (Object.keys(patch).length) changes.push({ id: r.id, patch });
    }
    count += bulkUpdate(ctx, customers, changes, { skip: true }, false);
  }
  if (!audit.skip && count > 0) {
    appendAudit(ctx, { entity: 'customers', entityId: `bulk:${count}`, action: 'update', after: { count, ...audit.summary } });
  }
  return count;
}

/**
 * Customers whose caches a bulk bills write refreshes in its own transaction; for more it queues them
 * for the background refresher. A branch's monthly bills for its key customers stay consistent the
 * moment they commit; an import of 100,000 customers' bills leaves their refresh (3–5 s of the
 * import's 13–16 s, most of it writing 100,000 customer rows and their spend, arrears and key indexes)
 * to the background, a slice per transaction.
 */
export const CACHE_INLINE_MAX = 5_000;

/**
 * After the bills of many customers changed (a bills import, its undo): refreshes their caches now,
 * or, for more than `inlineMax` customers, queues them (customer_cache_pending, migration 0024) for
 * refreshPendingCaches. Returns how many were queued.
 */
export function billsChanged(ctx: ServiceContext, customerIds: Iterable<string>, audit: BulkAudit = {}, inlineMax = CACHE_INLINE_MAX): number {
  const ids = [...new Set(customerIds)];
  if (ids.length <= inlineMax) {
    refreshCustomerCachesBulk(ctx, ids, audit);
    return 0;
  }
  const queue = ctx.store.sqlite.prepare('INSERT INTO customer_cache_pending (customer_id) SELECT value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING');
  for (let i = 0; i < ids.length; i += CACHE_CHUNK) queue.run(JSON.stringify(ids.slice(i, i + CACHE_CHUNK)));
  if (!audit.skip) {
    appendAudit(ctx, { entity: 'customers', entityId: `bulk:${ids.length}`, action: 'update', after: { cachesQueued: ids.length, ...audit.summary } });
  }
  return ids.length;
}

/** Whether a customer waits for the caches' background refresh. */
export function cachesPending(ctx: ServiceContext, customerId: string): boolean {
  return cachedStatement(ctx.store.sqlite, 'SELECT 1 FROM customer_cache_pending WHERE customer_id = ?').get(customerId) !== undefined;
}

/** How many customers wait for the caches' background refresh. */
export function pendingCacheCount(ctx: ServiceContext): number {
  return (cachedStatement(ctx.store.sqlite, 'SELECT count(*) AS n FROM customer_cache_pending').get() as { n: number }).n;
}

/** A customer row with its spend, arrears and key flag as its bills make them now. */
function withFreshCaches(ctx: ServiceContext, row: CustomerRow, rule: CustomerSettings): CustomerRow {
  const caches = billCaches(ctx, row.id);
  return { ...row, ...caches, isKey: keyReasons(rule, { ...row, ...caches }).length > 0 };
}

/** Customers per background refresh transaction: ~0.15 s of work, so requests wait at most that long between slices. */
const REFRESH_SLICE = 2_000;

/**
 * Refreshes the caches of up to `slice` queued customers and takes them off the queue, in one
 * transaction. Returns how many it took (0: the queue is empty).
 */
export function refreshPendingCaches(ctx: ServiceContext, slice = REFRESH_SLICE): number {
  const sqlite = ctx.store.sqlite;
  return sqlite.transaction(() => {
    const ids = cachedStatement(sqlite, 'SELECT customer_id FROM customer_cache_pending ORDER BY customer_id LIMIT ?').pluck().all(slice) as string[];
    if (ids.length === 0) return 0;
    refreshCustomerCachesBulk(ctx, ids, { skip: true });
    cachedStatement(sqlite, 'DELETE FROM customer_cache_pending WHERE customer_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    return ids.length;
  })();
}

/**
 * Refreshes every queued customer now (a report or an export about to read the cached figures: what
 * is printed or exported is never behind the bills). One lookup when nothing waits.
 */
export function catchUpCaches(ctx: ServiceContext): void {
  while (refreshPendingCaches(ctx) > 0);
}

/**
 * Recomputes the cached spend, arrears and key flag of one customer after its bills changed; writes
 * only what changed. Derived values: the bill's own write is the edit (and is audited), so the
 * customer's updated_at stays, as in a bills import.
 */
export function refreshCustomerCaches(ctx: ServiceContext, customerId: string): void {
  refreshCustomerCachesBulk(ctx, [customerId], { skip: true });
}
