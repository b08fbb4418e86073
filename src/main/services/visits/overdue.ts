import type { ParsedInputOf } from '../../../shared/contract';
import type { Grade } from '../../../shared/contract/customer-common';
import { cachedStatement } from '../../db/sql';
import type { ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { ensureVisitRules } from './rules';
import { ownerFor, visitScope } from './scope';

/**
 * Overdue customers: not visited within their grade's interval (customer_visit_due.due_date before
 * today), most overdue first, read from the due-date indexes. The overdue report reuses overdueRows.
 */

export interface OverdueFilter {
  /** Only this account manager's customers; undefined: the branch. */
  ownerId?: string;
  grade?: Grade;
}

export interface OverdueRow {
  customerId: string;
  customerName: string;
  grade: Grade | null;
  ownerId: string | null;
  ownerName: string | null;
  lastVisitDate: string | null;
  dueDate: string;
  daysOverdue: number;
  plannedDate: string | null;
}

/** The overdue customers of a filter, most overdue first, a page at a time (limit -1: all), and how many in all. */
export function overdueRows(ctx: ServiceContext, filter: OverdueFilter, page: { limit: number; offset: number }): { rows: OverdueRow[]; total: number } {
  ensureVisitRules(ctx);
  const today = shanghaiToday(ctx.now());
  const where = ['d.due_date IS NOT NULL', 'd.due_date < @today'];
  if (filter.ownerId) where.push('d.owner_id = @owner');
  if (filter.grade) where.push('d.grade = @grade');
  const params = { today, owner: filter.ownerId ?? null, grade: filter.grade ?? null };
  const sqlite = ctx.store.sqlite;
  const total = cachedStatement(sqlite, `SELECT count(*) FROM customer_visit_due d WHERE ${where.join(' AND ')}`).pluck().get(params) as number;
  const rows = cachedStatement(
    sqlite,
    `SELECT d.customer_id AS customerId, coalesce(c.name, '') AS customerName, d.grade, d.owner_id AS ownerId, u.display_name AS ownerName,
       d.last_visit_date AS lastVisitDate, d.due_date AS dueDate, CAST(julianday(@today) - julianday(d.due_date) AS INTEGER) AS daysOverdue,
       (SELECT min(v.visit_date) FROM visits v WHERE v.customer_id = d.customer_id AND v.status = 'planned' AND v.deleted = 0
          AND v.visit_date >= @today) AS plannedDate
     FROM (SELECT * FROM customer_visit_due d WHERE ${where.join(' AND ')} ORDER BY d.due_date, d.customer_id LIMIT @limit OFFSET @offset) d
     LEFT JOIN customers c ON c.id = d.customer_id LEFT JOIN users u ON u.id = d.owner_id
     ORDER BY d.due_date, d.customer_id`,
  ).all({ ...params, limit: page.limit, offset: page.offset }) as (Omit<OverdueRow, 'grade'> & { grade: string | null })[];
  return { rows: rows.map((r) => ({ ...r, grade: r.grade as Grade | null })), total };
}

/** The caller's filter: an account manager's own customers; a leader's the branch or one manager's. */
export function overdueFilter(ctx: ServiceContext, input: { ownerId?: string; grade?: Grade }): OverdueFilter {
  const scope = visitScope(ctx);
  const ownerId = scope.manager ? (input.ownerId ? ownerFor(ctx, scope, input.ownerId).id : undefined) : ownerFor(ctx, scope, input.ownerId).id;
  return { ownerId, grade: input.grade };
}

/** visits.overdue */
export function listOverdue(ctx: ServiceContext, input: ParsedInputOf<'visits.overdue'>) {
  const { rows, total } = overdueRows(ctx, overdueFilter(ctx, input), { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
