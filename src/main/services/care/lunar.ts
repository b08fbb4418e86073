import { Lunar, LunarMonth, LunarUtil, LunarYear, Solar } from 'lunar-typescript';
import { addDays } from '../contracts/status';
import type { Locale } from '../../../shared/locale';

/**
 * The lunar (农历) calendar of courtesy care, on 6tail's lunar-typescript (the one calendar library of
 * the app). A lunar birthday is stored as the LUNAR yyyy-MM-dd (month 1–12, day 1–30, no leap marker):
 * it is celebrated each year in the regular month of that number, on day 30 only where the month has
 * 30 days (else on day 29).
 */

/** Days in the regular lunar month `month` of lunar year `year`. */
export function lunarMonthDays(year: number, month: number): number {
  return LunarYear.fromYear(year).getMonth(month)?.getDayCount() ?? 29;
}

/** The solar yyyy-MM-dd of lunar year/month/day (regular month; day 30 of a 29-day month falls on the 29th). */
export function lunarToSolar(lunarYear: number, month: number, day: number): string {
  const d = Math.min(day, lunarMonthDays(lunarYear, month));
  return Lunar.fromYmd(lunarYear, month, d).getSolar().toYmd();
}

/** The solar date in solar year `year` of a yearly lunar month-day (the lunar years ending and starting in it are both tried; the first in the year wins). */
export function lunarOccurrenceInYear(year: number, month: number, day: number): string {
  for (const ly of [year - 1, year]) {
    const solar = lunarToSolar(ly, month, day);
    if (solar.startsWith(`${year}-`)) return solar;
  }
  // A month-day the solar year misses (none do for regular months, which recur every lunar year): the next one.
  return lunarToSolar(year, month, day);
}

/** The date in solar year `year` of a solar month-day; Feb 29 falls on Feb 28 in non-leap years. */
export function solarOccurrenceInYear(year: number, monthDay: string): string {
  if (monthDay === '02-29' && !isLeapYear(year)) return `${year}-02-28`;
  return `${year}-${monthDay}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** What a solar day is on the lunar calendar: year, month (negative in a leap month), day and the month's length. */
export interface LunarDay {
  year: number;
  month: number;
  day: number;
  monthDays: number;
}

/** The lunar date of a solar yyyy-MM-dd. */
export function solarToLunar(date: string): LunarDay {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lunar = Solar.fromYmd(y, m, d).getLunar();
  const month = lunar.getMonth();
  return { year: lunar.getYear(), month, day: lunar.getDay(), monthDays: LunarYear.fromYear(lunar.getYear()).getMonth(month)?.getDayCount() ?? 30 };
}

/**
 * The lunar month-days (MM-dd) celebrated on a solar day: none in a leap month (its birthdays are kept in
 * the regular month), and day 30 along with day 29 when the month has only 29 days.
 */
export function lunarMonthDaysOn(date: string): { monthDays: string[]; lunarYear: number } {
  const [day] = lunarMonthDaysBetween(date, date);
  return { monthDays: day!.monthDays, lunarYear: day!.lunarYear };
}

/**
 * The lunar month-days celebrated on each solar day from `start` to `end` (see lunarMonthDaysOn), computed by
 * stepping whole lunar months: one library conversion per window instead of one per day (a conversion costs
 * about 0.4 ms, too much for the upcoming list's 30-day window).
 */
export function lunarMonthDaysBetween(start: string, end: string): { date: string; monthDays: string[]; lunarYear: number }[] {
  const first = solarToLunar(start);
  let month = LunarMonth.fromYm(first.year, first.month);
  let monthStart = addDays(start, 1 - first.day);
  const out: { date: string; monthDays: string[]; lunarYear: number }[] = [];
  while (month && monthStart <= end) {
    const count = month.getDayCount();
    const m = month.getMonth();
    const md = (day: number) => `${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    for (let day = 1; day <= count; day++) {
      const date = addDays(monthStart, day - 1);
      if (date < start || date > end) continue;
      const monthDays = m < 0 ? [] : day === 29 && count === 29 ? [md(29), md(30)] : [md(day)];
      out.push({ date, monthDays, lunarYear: month.getYear() });
    }
    monthStart = addDays(monthStart, count);
    month = month.next(1);
  }
  return out;
}

/** 农历八月十五 / "lunar 8/15" for a lunar MM-dd (or yyyy-MM-dd). */
export function lunarLabel(monthDay: string, locale: Locale): string {
  const [m, d] = monthDay.slice(-5).split('-').map(Number) as [number, number];
  if (locale === 'en') return `lunar ${m}/${d}`;
  return `农历${LunarUtil.MONTH[m]}月${LunarUtil.DAY[d]}`;
}
