import type { ParsedInputOf } from '../../../shared/contract';
import type { Grade } from '../../../shared/contract/customer-common';
import { AppError } from '../../../shared/errors';
import { cachedStatement } from '../../db/sql';
import type { ServiceContext } from '../context';
import { daysBetween, shanghaiToday } from '../customers/dates';
import { selectVisitRows } from './read';
import { ensureVisitRules, readVisitRules, ruleOf } from './rules';
import { ownerFor, visibleCustomer, visitScope } from './scope';

/** The calendar (one person's or the team's) and the customer 360 page's visit section. */

/** The team calendar lists at most this many visits (the counts per person and day cover them all). */
export const TEAM_CALENDAR_VISITS = 500;
/** The longest range a calendar call may ask for. */
const MAX_CALENDAR_DAYS = 366;

/** visits.calendar: planned and done visits between two days, from the owner/date indexes. */
export function visitCalendar(ctx: ServiceContext, input: ParsedInputOf<'visits.calendar'>) {
  const scope = visitScope(ctx);
  if (daysBetween(input.from, input.to) > MAX_CALENDAR_DAYS) throw new AppError('VALIDATION', 'visits.rangeTooLong', { days: MAX_CALENDAR_DAYS });
  if (!input.team) {
    const owner = ownerFor(ctx, scope, input.ownerId);
    const visits = selectVisitRows(
      ctx,
      "v.owner_id = ? AND v.visit_date >= ? AND v.visit_date <= ? AND v.deleted = 0 AND v.status IN ('planned', 'done')",
      [owner.id, input.from, input.to],
    );
    return { from: input.from, to: input.to, visits, perPerson: [], truncated: false };
  }
  if (!scope.manager) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
  const perPerson = cachedStatement(
    ctx.store.sqlite,
    `SELECT p.ownerId, u.display_name AS ownerName, p.date, p.planned, p.done FROM (
       SELECT owner_id AS ownerId, visit_date AS date, sum(status = 'planned') AS planned, sum(status = 'done') AS done
       FROM visits WHERE visit_date >= ? AND visit_date <= ? AND deleted = 0 AND status IN ('planned', 'done')
       GROUP BY visit_date, owner_id) p
     LEFT JOIN users u ON u.id = p.ownerId ORDER BY p.date, u.display_name, p.ownerId`,
  ).all(input.from, input.to) as { ownerId: string; ownerName: string | null; date: string; planned: number; done: number }[];
  const rows = selectVisitRows(
    ctx,
    "v.visit_date >= ? AND v.visit_date <= ? AND v.deleted = 0 AND v.status IN ('planned', 'done')",
    [input.from, input.to, TEAM_CALENDAR_VISITS + 1],
    'ORDER BY v.visit_date, v.owner_id, v.start_time, v.number LIMIT ?',
  );
  return {
    from: input.from,
    to: input.to,
    visits: rows.slice(0, TEAM_CALENDAR_VISITS),
    perPerson,
    truncated: rows.length > TEAM_CALENDAR_VISITS,
  };
}

/** How many recent visits the customer section shows. */
const RECENT_VISITS = 5;

/** visits.customer: interval, last visit, due date, the next planned visit and the recent ones. */
export function customerVisitSummary(ctx: ServiceContext, input: ParsedInputOf<'visits.customer'>) {
  const scope = visitScope(ctx);
  const customer = visibleCustomer(ctx, scope, input.customerId);
  ensureVisitRules(ctx);
  const today = shanghaiToday(ctx.now());
  const due = cachedStatement(ctx.store.sqlite, 'SELECT last_visit_date AS lastVisitDate, due_date AS dueDate FROM customer_visit_due WHERE customer_id = ?').get(
    customer.id,
  ) as { lastVisitDate: string | null; dueDate: string | null } | undefined;
  const next = selectVisitRows(
    ctx,
    "v.customer_id = ? AND v.status = 'planned' AND v.deleted = 0 AND v.visit_date >= ?",
    [customer.id, today],
    'ORDER BY v.visit_date, v.start_time, v.number LIMIT 1',
  )[0];
  const recent = selectVisitRows(
    ctx,
    "v.customer_id = ? AND v.status IN ('done', 'dropped') AND v.deleted = 0",
    [customer.id, RECENT_VISITS],
    'ORDER BY v.visit_date DESC, v.start_time DESC, v.number DESC LIMIT ?',
  );
  const dueDate = due?.dueDate ?? null;
  return {
    grade: customer.grade as Grade | null,
    intervalMonths: ruleOf(readVisitRules(ctx), customer.grade)?.months ?? null,
    lastVisitDate: due?.lastVisitDate ?? null,
    dueDate,
    overdue: dueDate !== null && dueDate < today,
    next: next ?? null,
    recent,
  };
}
