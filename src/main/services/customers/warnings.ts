import type { ParsedInputOf } from '../../../shared/contract';
import type { WARNING_KINDS } from '../../../shared/contract/customer-evaluation';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { customerWarnings } from '../../db/schema';
import { allColumnsJsonSql, outboxFromSelect, patchColumnClocks, uuidv7Sql } from '../bulk';
import { isoNow, requireActor, type ServiceContext } from '../context';
import { appendAudit, getRow, updateRow } from '../write';
import { addMonths, shanghaiMonth, shanghaiToday } from './dates';
import { isManagerRole } from './scope';
import { getCustomerSettings } from './settings';
import { userNames } from './records';
import { ensureVisitRules } from '../visits/rules';

/**
 * Churn warnings (流失预警): spend in the last complete month more than X% below the average of the
 * three months before it, and bills unpaid more than N days after their due date. A refresh raises
 * new warnings, updates the numbers of open ones and resolves those whose cause went away.
 */

/** Rounds a non-negative SQL value y as Math.round(y) does (floor(y + 0.5) differs only just below 0.5). */
const roundSql = (y: string) => `(CASE WHEN ${y} < 0.5 THEN 0 ELSE CAST(${y} + 0.5 AS INTEGER) END)`;

/**
 * Fills temp.warn_found with the warnings the bills call for today (spend drop: last complete month vs
 * the average of the three before it, from the covering bills index of migration 0015; arrears: from the
 * partial index of unpaid bills). Returns how many.
 */
function detectWarnings(ctx: ServiceContext): number {
  const sqlite = ctx.store.sqlite;
  const settings = getCustomerSettings(ctx);
  const month = addMonths(shanghaiMonth(ctx.now()), -1);
  const today = shanghaiToday(ctx.now());
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - settings.warnArrearsDays * 86_400_000).toISOString().slice(0, 10);
  sqlite.exec(`DROP TABLE IF EXISTS temp.warn_found;
    CREATE TEMP TABLE warn_found (customer_id TEXT NOT NULL, kind TEXT NOT NULL, value REAL NOT NULL,
      amount_fen INTEGER NOT NULL, period TEXT NOT NULL, open_id TEXT)`);
  // The same arithmetic as the JS it replaces: avg3 = sum / 3.0, percent = (avg3 - last) / avg3 * 100.
  const drop = sqlite
    .prepare(
      `INSERT INTO temp.warn_found (customer_id, kind, value, amount_fen, period)
       SELECT d.customer_id, 'spend_drop', ${roundSql('d.pct')}, d.last, @month FROM (
         SELECT s.customer_id, s.last, (s.avg3 - s.last) / s.avg3 * 100 AS pct FROM (
           SELECT customer_id, sum(CASE WHEN period = @month THEN billed_fen ELSE 0 END) AS last,
             sum(CASE WHEN period < @month THEN billed_fen ELSE 0 END) / 3.0 AS avg3
           FROM customer_bills WHERE deleted = 0 AND period IN (@m3, @m2, @m1, @month) GROUP BY customer_id) s
         JOIN customers c ON c.id = s.customer_id AND c.deleted = 0
         WHERE s.avg3 > 0) d
       WHERE d.pct > @threshold`,
    )
    .run({ month, m1: addMonths(month, -1), m2: addMonths(month, -2), m3: addMonths(month, -3), threshold: settings.warnSpendDropPercent }).changes;
  // Days overdue as daysBetween() counts them: due dates are whole days, so the julianday difference is exact.
  const arrears = sqlite
    .prepare(
      `INSERT INTO temp.warn_found (customer_id, kind, value, amount_fen, period)
       SELECT a.customer_id, 'arrears', CAST(round(julianday(@today) - julianday(a.oldest)) AS INTEGER), a.owed, a.period FROM (
         SELECT b.customer_id, min(b.due_date) AS oldest, min(b.period) AS period, sum(b.billed_fen - b.paid_fen) AS owed
         FROM customer_bills b JOIN customers c ON c.id = b.customer_id AND c.deleted = 0
         WHERE b.deleted = 0 AND b.paid_fen < b.billed_fen AND b.due_date < @cutoff
         GROUP BY b.customer_id) a`,
    )
    .run({ today, cutoff }).changes;
  // Not visited within the grade's interval (yellow channel): the derived due dates, kept by triggers and
  // first brought in line with the rules in force; value = days overdue, period = the due date.
  ensureVisitRules(ctx);
  const noVisit = sqlite
    .prepare(
      `INSERT INTO temp.warn_found (customer_id, kind, value, amount_fen, period)
       SELECT d.customer_id, 'no_visit', CAST(julianday(@today) - julianday(d.due_date) AS INTEGER), 0, d.due_date
       FROM customer_visit_due d JOIN customers c ON c.id = d.customer_id AND c.deleted = 0
       WHERE d.due_date IS NOT NULL AND d.due_date < @today`,
    )
    .run({ today }).changes;
  return drop + arrears + noVisit;
}

/**
 * Brings the warnings table in line with what the bills call for: raises new warnings, updates the
 * numbers of open ones and resolves those whose cause went away. Set-based (issue #3: it runs after
 * every evaluation over a million customers): each kind of change is one statement plus its outbox rows.
 */
export function refreshWarnings(ctx: ServiceContext): { open: number; raised: number; cleared: number } {
  const sqlite = ctx.store.sqlite;
  const found = detectWarnings(ctx);
  markRefreshed(ctx, shanghaiToday(ctx.now()));
  const now = isoNow(ctx);
  const ms = ctx.now().getTime();
  const hlc = ctx.clock.tick();
  // An open warning of the same customer and kind is the one a found warning continues.
  sqlite.exec(`UPDATE temp.warn_found SET open_id = (SELECT w.id FROM customer_warnings w
    WHERE w.customer_id = warn_found.customer_id AND w.kind = warn_found.kind AND w.resolved_at IS NULL AND w.deleted = 0
    ORDER BY w.id DESC LIMIT 1)`);

  const differs = 'w.value IS NOT f.value OR w.amount_fen IS NOT f.amount_fen OR w.period IS NOT f.period';
  const changedIds = `SELECT f.open_id FROM temp.warn_found f JOIN customer_warnings w ON w.id = f.open_id WHERE ${differs}`;
  const updated = outboxFromSelect(
    ctx,
    'customer_warnings',
    `SELECT f.open_id AS row_id, json_object('value', f.value, 'amount_fen', f.amount_fen, 'period', f.period, 'updated_at', ?, 'updated_hlc', ?) AS cols
     FROM temp.warn_found f JOIN customer_warnings w ON w.id = f.open_id WHERE ${differs}`,
    [now, hlc],
    hlc,
    found,
  );
  if (updated > 0) {
    patchColumnClocks(ctx, 'customer_warnings', changedIds, [], ['value', 'amount_fen', 'period', 'updated_at', 'updated_hlc'], hlc);
    sqlite
      .prepare(
        `UPDATE customer_warnings AS w SET value = f.value, amount_fen = f.amount_fen, period = f.period, updated_at = ?, updated_hlc = ?
         FROM temp.warn_found f WHERE w.id = f.open_id AND (${differs})`,
      )
      .run(now, hlc);
  }

  const goneIds = `SELECT w.id FROM customer_warnings w WHERE w.resolved_at IS NULL AND w.deleted = 0
    AND w.id NOT IN (SELECT open_id FROM temp.warn_found WHERE open_id IS NOT NULL)`;
  const openCount = (sqlite.prepare('SELECT count(*) AS n FROM customer_warnings WHERE resolved_at IS NULL AND deleted = 0').get() as { n: number }).n;
  const cleared = outboxFromSelect(
    ctx,
    'customer_warnings',
    `SELECT g.id AS row_id, json_object('resolved_at', ?, 'updated_at', ?, 'updated_hlc', ?) AS cols FROM (${goneIds}) g`,
    [now, now, hlc],
    hlc,
    openCount,
  );
  if (cleared > 0) {
    patchColumnClocks(ctx, 'customer_warnings', goneIds, [], ['resolved_at', 'updated_at', 'updated_hlc'], hlc);
    sqlite.prepare(`UPDATE customer_warnings SET resolved_at = ?, updated_at = ?, updated_hlc = ? WHERE id IN (${goneIds})`).run(now, now, hlc);
  }

  const before = (sqlite.prepare('SELECT coalesce(max(rowid), 0) AS m FROM customer_warnings').get() as { m: number }).m;
  const raised = sqlite
    .prepare(
      `INSERT INTO customer_warnings (id, branch_id, created_at, updated_at, updated_hlc, deleted, customer_id, kind, value,
         amount_fen, period, raised_at, acknowledged, resolved_at)
       SELECT ${uuidv7Sql(ms, found)}, ?, ?, ?, ?, 0, customer_id, kind, value, amount_fen, period, ?, 0, NULL
       FROM temp.warn_found WHERE open_id IS NULL`,
    )
    .run(ctx.branchId, now, now, hlc, now).changes;
  outboxFromSelect(
    ctx,
    'customer_warnings',
    `SELECT w.id AS row_id, ${allColumnsJsonSql(customerWarnings, 'w')} AS cols FROM customer_warnings w WHERE w.rowid > ?`,
    [before],
    hlc,
    raised,
  );
  sqlite.exec('DROP TABLE temp.warn_found');
  if (raised > 0) appendAudit(ctx, { entity: 'customer_warnings', entityId: `bulk:${raised}`, action: 'create', after: { count: raised, refresh: true } });
  if (updated + cleared > 0) {
    appendAudit(ctx, { entity: 'customer_warnings', entityId: `bulk:${updated + cleared}`, action: 'update', after: { count: updated + cleared, refresh: true } });
  }
  return { open: found, raised, cleared };
}

/** local_meta key: the Shanghai day (YYYY-MM-DD) of the last warnings refresh; '' when one is due. */
const REFRESHED_KEY = 'warnings_refreshed_on';

function markRefreshed(ctx: ServiceContext, day: string): void {
  ctx.store.sqlite
    .prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(REFRESHED_KEY, day);
}

/**
 * Asks for a refresh at the next background pass: the bills or the rules behind the warnings changed
 * in a way the day's refresh has not seen (an evaluation run, a bills import).
 */
export function warningsDue(ctx: ServiceContext): void {
  markRefreshed(ctx, '');
}

/**
 * The background job's part (jobs.ts): refreshes the warnings when no refresh has run this Shanghai day
 * — arrears age and "last complete month" move with the calendar — or one was asked for. Returns the
 * refresh's result, or null when none was due. A branch of a million customers takes ~2 s, on its own,
 * not inside the evaluation run or import that asked for it.
 */
export function refreshWarningsIfDue(ctx: ServiceContext): { open: number; raised: number; cleared: number } | null {
  const row = ctx.store.sqlite.prepare('SELECT value FROM local_meta WHERE key = ?').get(REFRESHED_KEY) as { value: string } | undefined;
  if (row?.value === shanghaiToday(ctx.now())) return null;
  return refreshWarnings(ctx);
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
  if (input.customerId) {
    where.push('w.customer_id = ?');
    params.push(input.customerId);
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
    kind: (typeof WARNING_KINDS)[number];
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
