import { contracts } from '../../db/schema';
import type { ServiceContext } from '../context';
import { appendGreenEvent } from '../green/events';
import { notifyUsers } from '../notifications';
import { leaders } from '../tickets/escalation';
import { updateRow } from '../write';
import { reminderDays } from './settings';
import { addDays, daysLeftOf, statusDay } from './status';

/**
 * Renewal reminders: N days (setting) before a signed contract's current end, its owner, the customer's
 * 第一责任人 and the leaders of the owner's department are notified, once per term end. reminded_end_date
 * holds the end the reminder went out for, so a tacit extension (end_date moves) or a renewal (a
 * successor with its own end) is reminded again from the NEW end, never from the original one.
 * Idempotent: the background pass calls it every minute.
 */
export function runContractReminders(ctx: ServiceContext): { reminded: number } {
  const day = statusDay(ctx, reminderDays(ctx));
  // Ends from today to today + N: an end already past is overdue, not a renewal reminder any more.
  const due = ctx.store.sqlite
    .prepare(
      `SELECT k.id, k.number, k.title, k.customer_id AS customerId, k.owner_id AS ownerId, k.end_date AS endDate,
         c.name AS customerName, c.owner_id AS customerOwnerId, u.department AS ownerDept
       FROM contracts k LEFT JOIN customers c ON c.id = k.customer_id LEFT JOIN users u ON u.id = k.owner_id
       WHERE k.status = 'signed' AND k.deleted = 0 AND k.end_date >= ? AND k.end_date <= ?
         AND (k.reminded_end_date IS NULL OR k.reminded_end_date <> k.end_date)
       ORDER BY k.end_date, k.number`,
    )
    .all(day.today, addDays(day.today, day.reminderDays)) as {
    id: string;
    number: string;
    title: string;
    customerId: string;
    ownerId: string | null;
    endDate: string;
    customerName: string | null;
    customerOwnerId: string | null;
    ownerDept: string | null;
  }[];
  for (const k of due) {
    const days = daysLeftOf(k, day) ?? 0;
    notifyUsers(ctx, [k.ownerId, k.customerOwnerId, ...leaders(ctx, k.ownerDept)], {
      kind: 'contract_renewal',
      messageKey: 'contracts.notify.renewal',
      params: { number: k.number, title: k.title, customer: k.customerName ?? '', end: k.endDate, days },
      route: `/green/contracts/${k.id}`,
    });
    updateRow(ctx, contracts, k.id, { remindedEndDate: k.endDate });
    appendGreenEvent(ctx, 'contract', k, 'reminder', { data: { end: k.endDate, days } });
  }
  return { reminded: due.length };
}
