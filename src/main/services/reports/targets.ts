import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { reportTargets } from '../../db/schema';
import { requireActor, type ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

/** reports.targets.list: the plan of a year; an account manager sees only their own. */
export function listTargets(ctx: ServiceContext, input: ParsedInputOf<'reports.targets.list'>) {
  const actor = requireActor(ctx);
  const own = actor.role === 'account_manager';
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT t.manager_id AS managerId, coalesce(u.display_name, t.manager_id) AS managerName, t.period AS period, t.target AS newKeyCustomers
       FROM report_targets t LEFT JOIN users u ON u.id = t.manager_id
       WHERE t.deleted = 0 AND t.metric = 'new_key_customers' AND t.period BETWEEN ? AND ?${own ? ' AND t.manager_id = ?' : ''}
       ORDER BY managerName, t.period`,
    )
    .all(`${input.year}-01`, `${input.year}-12`, ...(own ? [actor.id] : [])) as {
    managerId: string;
    managerName: string;
    period: string;
    newKeyCustomers: number;
  }[];
  return { rows };
}

/** reports.targets.save: sets one manager's plan for one month through the write path (audited, synced). */
export function saveTarget(ctx: ServiceContext, input: ParsedInputOf<'reports.targets.save'>) {
  const manager = ctx.store.sqlite
    .prepare("SELECT id, display_name AS name FROM users WHERE id = ? AND deleted = 0 AND role = 'account_manager'")
    .get(input.managerId) as { id: string; name: string } | undefined;
  if (!manager) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  const existing = ctx.store.sqlite
    .prepare("SELECT id FROM report_targets WHERE deleted = 0 AND metric = 'new_key_customers' AND period = ? AND manager_id = ?")
    .get(input.period, input.managerId) as { id: string } | undefined;
  if (existing) updateRow(ctx, reportTargets, existing.id, { target: input.newKeyCustomers });
  else insertRow(ctx, reportTargets, { period: input.period, managerId: input.managerId, metric: 'new_key_customers', target: input.newKeyCustomers });
  return { managerId: manager.id, managerName: manager.name, period: input.period, newKeyCustomers: input.newKeyCustomers };
}
