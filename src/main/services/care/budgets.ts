import type { ParsedInputOf } from '../../../shared/contract';
import type { budgetRowSchema } from '../../../shared/contract/care';
import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import { careBudgets } from '../../db/schema';
import type { ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';
import { careScope } from './scope';

/** Yearly gift budgets per account manager, and what is spent (recorded + approved) and pending against them. */

export type BudgetRow = z.infer<typeof budgetRowSchema>;

/**
 * Each active account manager's budget for `year` (0 when none is set) with the year's spending: courtesies
 * whose occasion_date is in the year, recorded or approved (spent) and pending. One owner when `ownerId` is
 * given (any user with a budget or spending, even no longer an active account manager). The report of care
 * spending vs budget reads this too.
 */
export function budgetRows(ctx: Pick<ServiceContext, 'store'>, year: number, ownerId?: string): BudgetRow[] {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const people = ownerId
    ? `SELECT id, display_name FROM users WHERE id = ?`
    : `SELECT id, display_name FROM users WHERE role = 'account_manager' AND active = 1 AND deleted = 0`;
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT p.id AS ownerId, p.display_name AS ownerName,
         coalesce((SELECT b.budget_fen FROM care_budgets b WHERE b.owner_id = p.id AND b.year = ? AND b.deleted = 0
                   ORDER BY b.updated_hlc DESC LIMIT 1), 0) AS budgetFen,
         coalesce((SELECT sum(r.cost_fen) FROM care_records r WHERE r.owner_id = p.id AND r.occasion_date BETWEEN ? AND ?
                   AND r.deleted = 0 AND r.status IN ('recorded', 'approved')), 0) AS spentFen,
         coalesce((SELECT sum(r.cost_fen) FROM care_records r WHERE r.owner_id = p.id AND r.occasion_date BETWEEN ? AND ?
                   AND r.deleted = 0 AND r.status = 'pending'), 0) AS pendingFen
       FROM (${people}) p ORDER BY p.display_name, p.id`,
    )
    .all(year, from, to, from, to, ...(ownerId ? [ownerId] : [])) as Omit<BudgetRow, 'year' | 'remainingFen'>[];
  return rows.map((r) => ({ ...r, year, remainingFen: r.budgetFen - r.spentFen - r.pendingFen }));
}

/** care.budgets.list: a leader sees every active account manager, an account manager their own row. */
export function listBudgets(ctx: ServiceContext, input: ParsedInputOf<'care.budgets.list'>) {
  const scope = careScope(ctx);
  return { rows: scope.manager ? budgetRows(ctx, input.year) : budgetRows(ctx, input.year, scope.actor.id) };
}

/** care.budgets.set: one row per account manager and year, created or changed through the write path. */
export function setBudget(ctx: ServiceContext, input: ParsedInputOf<'care.budgets.set'>): BudgetRow {
  const person = ctx.store.sqlite.prepare('SELECT role, active, deleted FROM users WHERE id = ?').get(input.ownerId) as
    | { role: string; active: number; deleted: number }
    | undefined;
  if (!person || person.deleted || !person.active || person.role !== 'account_manager') {
    throw new AppError('VALIDATION', 'care.notAccountManager');
  }
  const existing = ctx.store.sqlite
    .prepare('SELECT id FROM care_budgets WHERE owner_id = ? AND year = ? AND deleted = 0 ORDER BY updated_hlc DESC LIMIT 1')
    .get(input.ownerId, input.year) as { id: string } | undefined;
  if (existing) updateRow(ctx, careBudgets, existing.id, { budgetFen: input.budgetFen });
  else insertRow(ctx, careBudgets, { ownerId: input.ownerId, year: input.year, budgetFen: input.budgetFen });
  return budgetRows(ctx, input.year, input.ownerId)[0]!;
}
