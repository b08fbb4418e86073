import { describe, expect, it } from 'vitest';
import {
  lunarLabel,
  lunarMonthDaysBetween,
  lunarMonthDaysOn,
  lunarOccurrenceInYear,
  lunarToSolar,
  solarOccurrenceInYear,
  solarToLunar,
} from '../../src/main/services/care/lunar';

// Known dates, checked against the State Council's holiday notices (春节, 中秋节 public holidays; for 2026 also
// the SLA calendar's cn-2026 data: 春节 from 2026-02-15 with 初一 on 02-17, 中秋节 2026-09-25).
const SPRING_FESTIVAL: Record<number, string> = { 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03' };
const MID_AUTUMN: Record<number, string> = { 2026: '2026-09-25', 2027: '2027-09-15', 2028: '2028-10-03', 2029: '2029-09-22', 2030: '2030-09-12' };

describe('the lunar calendar of courtesy care', () => {
  it('puts 春节 and 中秋 of 2026–2030 on their known solar dates', () => {
    for (let year = 2026; year <= 2030; year++) {
      expect(lunarOccurrenceInYear(year, 1, 1), `春节 ${year}`).toBe(SPRING_FESTIVAL[year]);
      expect(lunarOccurrenceInYear(year, 8, 15), `中秋 ${year}`).toBe(MID_AUTUMN[year]);
      expect(solarToLunar(SPRING_FESTIVAL[year]!)).toMatchObject({ year, month: 1, day: 1 });
    }
  });

  it('finds a lunar month-day late in the lunar year in the solar year it falls in', () => {
    // 腊月廿三 of lunar 2026 is in January 2027; of lunar 2025 in January/February 2026.
    expect(lunarOccurrenceInYear(2027, 12, 23)).toBe(lunarToSolar(2026, 12, 23));
    expect(lunarOccurrenceInYear(2027, 12, 23).startsWith('2027-')).toBe(true);
    expect(lunarOccurrenceInYear(2026, 12, 23)).toBe(lunarToSolar(2025, 12, 23));
  });

  it('keeps day 30 on the 29th in a year whose month has only 29 days', () => {
    // 2026's twelfth lunar month has 29 days, 2029's has 30.
    expect(lunarToSolar(2026, 12, 30)).toBe(lunarToSolar(2026, 12, 29));
    expect(lunarToSolar(2029, 12, 30)).not.toBe(lunarToSolar(2029, 12, 29));
    const lastOf2026 = lunarToSolar(2026, 12, 29);
    expect(lunarMonthDaysOn(lastOf2026).monthDays).toEqual(['12-29', '12-30']);
    expect(lunarMonthDaysOn(lunarToSolar(2029, 12, 29)).monthDays).toEqual(['12-29']);
  });

  it('keeps a birthday of a leap month in the regular month: leap-month days celebrate nothing', () => {
    // 2028 has a leap fifth month: its days are not the regular fifth month's.
    const regular = lunarToSolar(2028, 5, 10);
    expect(lunarMonthDaysOn(regular).monthDays).toEqual(['05-10']);
    const inLeap = solarToLunar('2028-07-01');
    expect(inLeap.month).toBe(-5);
    expect(lunarMonthDaysOn('2028-07-01').monthDays).toEqual([]);
    expect(lunarOccurrenceInYear(2028, 5, 10)).toBe(regular);
  });

  it('puts a solar Feb 29 birthday on Feb 28 in non-leap years', () => {
    expect(solarOccurrenceInYear(2027, '02-29')).toBe('2027-02-28');
    expect(solarOccurrenceInYear(2028, '02-29')).toBe('2028-02-29');
    expect(solarOccurrenceInYear(2100, '02-29')).toBe('2100-02-28');
  });

  it('labels a lunar date', () => {
    expect(lunarLabel('08-15', 'zh-CN')).toBe('农历八月十五');
    expect(lunarLabel('1975-01-30', 'zh-CN')).toBe('农历正月三十');
    expect(lunarLabel('12-08', 'zh-CN')).toBe('农历腊月初八');
    expect(lunarLabel('08-15', 'en')).toBe('lunar 8/15');
  });

  it('steps whole lunar months over 2026–2030 to the same lunar days as converting each day', () => {
    const days = lunarMonthDaysBetween('2026-01-01', '2030-12-31');
    expect(days).toHaveLength(1826);
    for (const d of days) {
      const l = solarToLunar(d.date);
      const expected = l.month < 0 ? [] : [`${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`];
      if (l.month > 0 && l.day === 29 && l.monthDays === 29) expected.push(`${String(l.month).padStart(2, '0')}-30`);
      expect(d.monthDays, d.date).toEqual(expected);
      expect(d.lunarYear, d.date).toBe(l.year);
    }
  });
});
