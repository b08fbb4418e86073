import { useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { shiftDate, todayShanghai } from '../contracts/ContractActionModal';
import { downloadBase64 } from '../customers/download';

export { shiftDate, todayShanghai };

/** After any visit write every visit query may be stale (and the customer page shows visits too). */
export function useInvalidateVisits() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) => typeof q.queryKey[0] === 'string' && (q.queryKey[0].startsWith('visits.') || q.queryKey[0].startsWith('customers.')),
    });
}

/** Whether the caller sees the branch's visits (a leader or admin) rather than only their own. */
export function useIsVisitLeader(): boolean {
  return useHasRole(['admin', 'leader']);
}

/** The account managers, for a leader's "whose calendar / plan / overdue list" pickers. */
export function useAccountManagers(enabled = true) {
  return useQuery({
    queryKey: ['users.options', 'account_manager'],
    queryFn: () => call('users.options', { role: 'account_manager' }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** yyyy-MM of a local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `delta` months from yyyy-MM. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last day of a month (yyyy-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: shiftDate(`${shiftMonth(month, 1)}-01`, -1) };
}

/** Monday = 0 … Sunday = 6 of a local date (the week starts on Monday in China). */
export function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Whole days from `a` to `b` (local dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The days a calendar shows: the month's weeks from Monday to Sunday, or the one week holding `date`. */
export function calendarDays(view: 'month' | 'week', date: string): string[] {
  const first = view === 'month' ? `${monthOf(date)}-01` : date;
  const start = shiftDate(first, -weekday(first));
  const last = view === 'month' ? monthRange(monthOf(date)).to : date;
  const end = shiftDate(last, 6 - weekday(last));
  const days: string[] = [];
  for (let d = start; d <= end; d = shiftDate(d, 1)) days.push(d);
  return days;
}

/** Downloads a text file (the .ics the server wrote) through the same path as every other download. */
export function downloadText(fileName: string, content: string, mime: string) {
  const bytes = new TextEncoder().encode(content);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  downloadBase64(fileName, btoa(binary), mime);
}
