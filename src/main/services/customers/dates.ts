/** Calendar helpers in Asia/Shanghai (UTC+8, no DST), where bills and due dates live. */

import { SHANGHAI_OFFSET_MS } from '../../../shared/time';

/** Today's date in Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The current month in Shanghai as YYYY-MM. */
export function shanghaiMonth(now: Date): string {
  return shanghaiToday(now).slice(0, 7);
}

/** YYYY-MM shifted by n months. */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Default due date of a bill: the 20th of the month after its period. */
export function defaultDueDate(period: string): string {
  return `${addMonths(period, 1)}-20`;
}

/** Whole days from date a to date b (YYYY-MM-DD), positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Start of the Shanghai month containing `now`, as an ISO UTC instant. */
export function shanghaiMonthStartIso(now: Date): string {
  return new Date(Date.parse(`${shanghaiMonth(now)}-01T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

/** Paid in full by the due date → true; open past due → false; open and not yet due → null. */
export function billOnTime(
  bill: { billedFen: number; paidFen: number; paidDate: string | null; dueDate: string },
  today: string,
): boolean | null {
  if (bill.paidFen >= bill.billedFen) return bill.paidDate === null || bill.paidDate <= bill.dueDate;
  return today > bill.dueDate ? false : null;
}
