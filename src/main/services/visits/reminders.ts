import { visits } from '../../db/schema';
import { cachedStatement } from '../../db/sql';
import { isoNow, type ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { notifyUsers } from '../notifications';
import { updateRow } from '../write';

/**
 * Next-step reminders: on (or after) a recorded visit's next-step day its owner is notified, once
 * (next_step_reminded_at; a changed next-step day is reminded again). Idempotent: the background pass
 * calls it every minute, reading the partial index of unreminded next steps.
 */
export function runVisitReminders(ctx: ServiceContext): { reminded: number } {
  const due = cachedStatement(
    ctx.store.sqlite,
    `SELECT v.id, v.owner_id AS ownerId, v.next_step AS nextStep, v.next_step_date AS nextStepDate, coalesce(c.name, '') AS customer
     FROM visits v LEFT JOIN customers c ON c.id = v.customer_id
     WHERE v.deleted = 0 AND v.next_step_reminded_at IS NULL AND v.next_step_date IS NOT NULL AND v.next_step_date <= ?
       AND v.status = 'done'
     ORDER BY v.next_step_date, v.id`,
  ).all(shanghaiToday(ctx.now())) as { id: string; ownerId: string; nextStep: string; nextStepDate: string; customer: string }[];
  const now = isoNow(ctx);
  for (const v of due) {
    notifyUsers(ctx, [v.ownerId], {
      kind: 'visit_next_step',
      messageKey: 'visits.notify.nextStep',
      params: { customer: v.customer, step: v.nextStep, date: v.nextStepDate },
      route: `/yellow/visits/${v.id}`,
    });
    updateRow(ctx, visits, v.id, { nextStepRemindedAt: now });
  }
  return { reminded: due.length };
}
