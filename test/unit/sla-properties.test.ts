import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addBusinessMinutesPaused,
  businessMinutesBetween,
  businessMinutesBetweenPaused,
  CALENDAR_24X7,
  CN_2026_HOLIDAYS_ICS,
  compileCalendar,
  officeCalendar,
  parseHolidayIcs,
  type Pause,
} from '../../src/main/services/sla';

const schedule = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
const calendars = {
  office: compileCalendar(officeCalendar(schedule.holidays, schedule.workdays)),
  '24x7': compileCalendar(CALENDAR_24X7),
};

const YEAR_START = Date.parse('2025-12-20T00:00:00+08:00');
const YEAR_END = Date.parse('2027-01-10T00:00:00+08:00');
// Starts anywhere in 2026 to the millisecond; minutes up to four working weeks.
const instant = fc.integer({ min: YEAR_START, max: YEAR_END });
const minutes = fc.integer({ min: 0, max: 4 * 5 * 450 });
const pauseList = fc
  .array(fc.tuple(fc.integer({ min: YEAR_START, max: YEAR_END }), fc.integer({ min: 1, max: 5 * 1440 * 60_000 })), {
    maxLength: 4,
  })
  .map((xs): Pause[] => xs.map(([from, len]) => ({ from, to: from + len })));

describe.each(Object.entries(calendars))('SLA properties on the %s calendar', (_name, cal) => {
  it('a due time never precedes its start', () => {
    fc.assert(fc.property(instant, minutes, (start, m) => addBusinessMinutes(cal, start, m) >= start));
  });

  it('more minutes never give an earlier due time', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (start, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return addBusinessMinutes(cal, start, lo) <= addBusinessMinutes(cal, start, hi);
      }),
    );
  });

  it('a later start never gives an earlier due time', () => {
    fc.assert(
      fc.property(instant, instant, minutes, (s1, s2, m) => {
        const [a, b] = s1 <= s2 ? [s1, s2] : [s2, s1];
        return addBusinessMinutes(cal, a, m) <= addBusinessMinutes(cal, b, m);
      }),
    );
  });

  it('businessMinutesBetween(start, addBusinessMinutes(start, m)) is m', () => {
    fc.assert(
      fc.property(instant, minutes, (start, m) => {
        expect(businessMinutesBetween(cal, start, addBusinessMinutes(cal, start, m))).toBe(m);
      }),
    );
  });

  it('business minutes add up over consecutive spans', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const whole = businessMinutesBetween(cal, a, c);
        const parts = businessMinutesBetween(cal, a, b) + businessMinutesBetween(cal, b, c);
        return Math.abs(whole - parts) < 1e-9;
      }),
    );
  });

  it('with pauses, the time used up to the due time is exactly the target and the due time is not earlier', () => {
    fc.assert(
      fc.property(instant, minutes, pauseList, (start, m, pauses) => {
        const due = addBusinessMinutesPaused(cal, start, m, pauses);
        expect(due).not.toBeNull();
        expect(due!).toBeGreaterThanOrEqual(addBusinessMinutes(cal, start, m));
        expect(businessMinutesBetweenPaused(cal, start, due!, pauses)).toBeCloseTo(m, 9);
      }),
    );
  });
});
