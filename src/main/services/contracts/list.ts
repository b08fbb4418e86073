import type { ParsedInputOf } from '../../../shared/contract';
import type { ContractRow } from '../../../shared/contract/contracts';
import type { ServiceContext } from '../context';
import { requireReadable } from '../customers/scope';
import { ROW_COLUMNS, ROW_FROM, toRow, type RawRow } from './read';
import { canSeeCustomerContracts, contractScope, scopeSql } from './scope';
import { reminderDays } from './settings';
import { addDays, displayStatusSql, statusDay, type StatusDay } from './status';

/** The contract list (filters, sort, paging), the expiring list and a customer's value roll-up. */

type ListFilters = ParsedInputOf<'contracts.list.export'>;

const ORDER_BY: Record<ListFilters['sort'], string> = {
  endDate: 'k.end_date IS NULL, k.end_date, k.number',
  '-endDate': 'k.end_date IS NULL, k.end_date DESC, k.number DESC',
  amountFen: 'k.amount_fen, k.number',
  '-amountFen': 'k.amount_fen DESC, k.number DESC',
  createdAt: 'k.created_at, k.id',
  '-createdAt': 'k.created_at DESC, k.id DESC',
  number: 'k.number',
  '-number': 'k.number DESC',
};

/** The WHERE clause of the list's filters in the caller's scope. */
function listWhere(ctx: ServiceContext, input: ListFilters, day: StatusDay): { where: string; params: unknown[] } {
  const scope = scopeSql(contractScope(ctx));
  const parts = ['k.deleted = 0', scope.where];
  const params: unknown[] = [...scope.params];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (input.displayStatus) {
    const s = displayStatusSql(input.displayStatus, day);
    add(s.where, ...s.params);
  }
  if (input.customerId) add('k.customer_id = ?', input.customerId);
  if (input.ownerId) add('k.owner_id = ?', input.ownerId);
  if (input.endFrom) add('k.end_date >= ?', input.endFrom);
  if (input.endTo) add('k.end_date <= ?', input.endTo);
  if (input.amountMinFen !== undefined) add('k.amount_fen >= ?', input.amountMinFen);
  if (input.amountMaxFen !== undefined) add('k.amount_fen <= ?', input.amountMaxFen);
  if (input.query) {
    const like = `%${input.query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    add("(k.number LIKE ? ESCAPE '\\' OR k.title LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')", like, like, like);
  }
  return { where: parts.join(' AND '), params };
}

/** contracts.list: one page of the filtered contracts, and the day the shown statuses were derived on. */
export function listContracts(ctx: ServiceContext, input: ParsedInputOf<'contracts.list'>) {
  const days = reminderDays(ctx);
  const day = statusDay(ctx, days);
  const { where, params } = listWhere(ctx, input, day);
  const raws = ctx.store.sqlite
    .prepare(`SELECT ${ROW_COLUMNS} FROM ${ROW_FROM} WHERE ${where} ORDER BY ${ORDER_BY[input.sort]} LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as RawRow[];
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM ${ROW_FROM} WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows: raws.map((r) => toRow(r, day)), total, page: input.page, pageSize: input.pageSize, today: day.today, reminderDays: days };
}

/**
 * contracts.expiring: signed contracts ending between today and today + N days, soonest first. Read on
 * the index contracts_status_end (or contracts_owner_status_end for one owner, contracts_customer for an
 * account manager's customers): a range scan however many contracts the branch holds.
 */
export function expiringContracts(ctx: ServiceContext, input: ParsedInputOf<'contracts.expiring'>) {
  const days = input.days ?? reminderDays(ctx);
  const day = statusDay(ctx, reminderDays(ctx));
  const horizon = addDays(day.today, days);
  const contractsScope = contractScope(ctx);
  const scope = scopeSql(contractsScope);
  const owner = input.ownerId ? ' AND k.owner_id = ?' : '';
  const where = `k.status = 'signed' AND k.end_date >= ? AND k.end_date <= ? AND k.deleted = 0${owner} AND ${scope.where}`;
  const params = [day.today, horizon, ...(input.ownerId ? [input.ownerId] : []), ...scope.params];
  // Without an owner or customer condition the planner skip-scans contracts_owner_status_end and sorts
  // every expiring contract (measured 27.8 ms p95 at 200,000 contracts); the status/end index reads them
  // in order (0.7 ms).
  const contractsTable = contractsScope.all && !input.ownerId ? 'contracts k INDEXED BY contracts_status_end' : 'contracts k';
  const from = ROW_FROM.replace(/^contracts k /, `${contractsTable} `);
  const raws = ctx.store.sqlite
    .prepare(`SELECT ${ROW_COLUMNS} FROM ${from} WHERE ${where} ORDER BY k.end_date, k.number LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as RawRow[];
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM ${contractsTable} WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows: raws.map((r) => toRow(r, day)), total, page: input.page, pageSize: input.pageSize, today: day.today, days };
}

/** Open first: expiring, expired (not yet renewed), in force, signed ahead, drafts; then renewed and terminated. */
const SUMMARY_ORDER: Record<ContractRow['displayStatus'], number> = {
  expiring: 0,
  expired: 1,
  active: 2,
  signed: 3,
  draft: 4,
  renewed: 5,
  terminated: 6,
};

/** contracts.summary: a customer's contract value for the 360 page, and its contracts open and expiring first. */
export function contractSummary(ctx: ServiceContext, input: ParsedInputOf<'contracts.summary'>) {
  requireReadable(ctx, input.customerId);
  const scope = contractScope(ctx);
  const day = statusDay(ctx, reminderDays(ctx));
  const empty = { totalSignedFen: 0, signedCount: 0, activeFen: 0, activeCount: 0, expiringCount: 0, nextEndDate: null, contracts: [] };
  // A pool customer's contracts belong to no account manager yet: theirs to see once claimed.
  if (!canSeeCustomerContracts(ctx, scope, input.customerId)) return empty;
  const raws = ctx.store.sqlite
    .prepare(`SELECT ${ROW_COLUMNS} FROM ${ROW_FROM} WHERE k.customer_id = ? AND k.deleted = 0 ORDER BY k.end_date DESC, k.number DESC`)
    .all(input.customerId) as RawRow[];
  const rows = raws.map((r) => toRow(r, day));
  const signed = rows.filter((r) => r.signDate !== null && r.status !== 'draft');
  const running = rows.filter(
    (r) => r.status === 'signed' && (!r.startDate || r.startDate <= day.today) && (!r.endDate || r.endDate >= day.today),
  );
  const upcoming = rows.filter((r) => r.status === 'signed' && r.endDate !== null && r.endDate >= day.today).map((r) => r.endDate!);
  return {
    totalSignedFen: signed.reduce((sum, r) => sum + r.amountFen, 0),
    signedCount: signed.length,
    activeFen: running.reduce((sum, r) => sum + r.amountFen, 0),
    activeCount: running.length,
    expiringCount: rows.filter((r) => r.displayStatus === 'expiring').length,
    nextEndDate: upcoming.length ? upcoming.sort()[0]! : null,
    contracts: [...rows].sort((a, b) => SUMMARY_ORDER[a.displayStatus] - SUMMARY_ORDER[b.displayStatus]),
  };
}

