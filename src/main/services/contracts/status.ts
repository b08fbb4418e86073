import type { ContractDisplayStatus, ContractStatus } from '../../../shared/contract/order-common';
import type { ServiceContext } from '../context';
import { daysBetween, shanghaiToday } from '../customers/dates';

/**
 * A contract's shown status (草稿 / 已签订 / 履行中 / 即将到期 / 已到期 / 已续签 / 已终止), derived from its stored
 * status, its term and the reminder setting at read time: nothing has to flip a stored column at midnight.
 * The TypeScript rule (`displayStatusOf`) and the SQL filter (`displayStatusSql`) say the same thing; a test
 * holds them together.
 */

/** A local date yyyy-MM-dd moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in Asia/Shanghai and the last end date that counts as expiring (today + reminder days). */
export interface StatusDay {
  today: string;
  horizon: string;
  reminderDays: number;
}

export function statusDay(ctx: Pick<ServiceContext, 'now'>, reminderDays: number): StatusDay {
  const today = shanghaiToday(ctx.now());
  return { today, horizon: addDays(today, reminderDays), reminderDays };
}

interface Term {
  status: ContractStatus;
  startDate: string | null;
  endDate: string | null;
}

/** The shown status of a contract on `day`. */
export function displayStatusOf(c: Term, day: StatusDay): ContractDisplayStatus {
  if (c.status !== 'signed') return c.status;
  if (c.endDate && c.endDate < day.today) return 'expired';
  if (c.endDate && c.endDate <= day.horizon) return 'expiring';
  if (c.startDate && c.startDate > day.today) return 'signed';
  return 'active';
}

/** Days from today to the end (negative once past), or null without an end. */
export function daysLeftOf(c: Pick<Term, 'endDate'>, day: StatusDay): number | null {
  return c.endDate ? daysBetween(day.today, c.endDate) : null;
}

/** A condition on contracts aliased `k` that holds exactly for the contracts shown with `status` on `day`. */
export function displayStatusSql(status: ContractDisplayStatus, day: StatusDay): { where: string; params: string[] } {
  switch (status) {
    case 'draft':
    case 'renewed':
    case 'terminated':
      return { where: 'k.status = ?', params: [status] };
    case 'expired':
      return { where: "k.status = 'signed' AND k.end_date < ?", params: [day.today] };
    case 'expiring':
      return { where: "k.status = 'signed' AND k.end_date >= ? AND k.end_date <= ?", params: [day.today, day.horizon] };
    case 'signed':
      return { where: "k.status = 'signed' AND k.start_date > ? AND (k.end_date IS NULL OR k.end_date > ?)", params: [day.today, day.horizon] };
    case 'active':
      return {
        where: "k.status = 'signed' AND (k.start_date IS NULL OR k.start_date <= ?) AND (k.end_date IS NULL OR k.end_date > ?)",
        params: [day.today, day.horizon],
      };
  }
}
