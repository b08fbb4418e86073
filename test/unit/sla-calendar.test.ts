import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addBusinessMinutesPaused,
  businessMinutesBetween,
  businessMinutesBetweenPaused,
  CALENDAR_24X7,
  CN_2026_HOLIDAYS_ICS,
  compileCalendar,
  evaluateSla,
  isOpenAt,
  nextOpen,
  officeCalendar,
  parseHolidayIcs,
  validateCalendar,
  type CalendarDefinition,
} from '../../src/main/services/sla';

/** An Asia/Shanghai wall-clock time as epoch ms. */
const sh = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
/** Epoch ms back to Asia/Shanghai wall-clock text. */
const local = (ms: number | null) =>
  ms === null ? null : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const schedule = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
const office = compileCalendar(officeCalendar(schedule.holidays, schedule.workdays));

describe('business calendar (08:30–12:00, 13:30–17:30, Asia/Shanghai)', () => {
  it('counts only opening hours within a day, skipping lunch', () => {
    expect(local(addBusinessMinutes(office, sh('2026-03-02 09:00'), 60))).toBe('2026-03-02 10:00');
    expect(local(addBusinessMinutes(office, sh('2026-03-02 11:30'), 60))).toBe('2026-03-02 14:00');
    expect(businessMinutesBetween(office, sh('2026-03-02 08:00'), sh('2026-03-02 18:00'))).toBe(450);
  });

  it('a ticket raised at lunch starts its clock when the afternoon opens', () => {
    expect(local(addBusinessMinutes(office, sh('2026-03-02 12:10'), 30))).toBe('2026-03-02 14:00');
    expect(local(nextOpen(office, sh('2026-03-02 12:10')))).toBe('2026-03-02 13:30');
  });

  it('an overnight span continues the next morning', () => {
    expect(local(addBusinessMinutes(office, sh('2026-03-03 17:00'), 60))).toBe('2026-03-04 09:00');
    expect(local(addBusinessMinutes(office, sh('2026-03-03 22:00'), 60))).toBe('2026-03-04 09:30');
  });

  it('a weekend span continues on Monday', () => {
    // Friday 2026-03-06 17:00 + 2 h → Monday 2026-03-09 10:00.
    expect(local(addBusinessMinutes(office, sh('2026-03-06 17:00'), 120))).toBe('2026-03-09 10:00');
    expect(businessMinutesBetween(office, sh('2026-03-06 17:00'), sh('2026-03-09 10:00'))).toBe(120);
    expect(isOpenAt(office, sh('2026-03-07 10:00'))).toBe(false);
  });

  it('skips a holiday week: the National Day break (10-01 to 10-07)', () => {
    // Wednesday 2026-09-30 17:00 + 60 min → the next working day is Thursday 10-08 at 09:00.
    expect(local(addBusinessMinutes(office, sh('2026-09-30 17:00'), 60))).toBe('2026-10-08 09:00');
    expect(businessMinutesBetween(office, sh('2026-10-01 00:00'), sh('2026-10-08 00:00'))).toBe(0);
  });

  it('counts a make-up working day on a weekend (调休 Saturday 2026-10-10)', () => {
    // Friday 10-09 17:00 + 60 min → Saturday 10-10 09:00, because Saturday is a make-up working day.
    expect(local(addBusinessMinutes(office, sh('2026-10-09 17:00'), 60))).toBe('2026-10-10 09:00');
    expect(isOpenAt(office, sh('2026-10-10 10:00'))).toBe(true);
    // An ordinary Saturday stays closed.
    expect(isOpenAt(office, sh('2026-10-17 10:00'))).toBe(false);
    // The Sunday make-up day before National Day (2026-09-20) is open; the Sunday after is not.
    expect(businessMinutesBetween(office, sh('2026-09-20 00:00'), sh('2026-09-21 00:00'))).toBe(450);
    expect(businessMinutesBetween(office, sh('2026-09-27 00:00'), sh('2026-09-28 00:00'))).toBe(0);
  });

  it('a make-up day can have its own hours', () => {
    const def: CalendarDefinition = { ...officeCalendar([], ['2026-10-10']), workdayHours: [[540, 720]] };
    const cal = compileCalendar(def);
    expect(businessMinutesBetween(cal, sh('2026-10-10 00:00'), sh('2026-10-11 00:00'))).toBe(180);
  });

  it('joins hours across midnight into one overnight shift', () => {
    const night: CalendarDefinition = {
      kind: 'business',
      utcOffsetMinutes: 480,
      weekly: [[], [[1320, 1440]], [[0, 360], [1320, 1440]], [[0, 360]], [], [], []],
      holidays: [],
      workdays: [],
    };
    const cal = compileCalendar(night);
    // Monday 22:00 + 4 h → Tuesday 02:00.
    expect(local(addBusinessMinutes(cal, sh('2026-03-02 22:00'), 240))).toBe('2026-03-03 02:00');
    expect(local(addBusinessMinutes(cal, sh('2026-03-03 05:00'), 120))).toBe('2026-03-03 23:00');
  });

  it('works beyond the precomputed years (widens on demand, both ways)', () => {
    const cal = compileCalendar(officeCalendar(), { from: 2026, to: 2026 });
    expect(local(addBusinessMinutes(cal, sh('2026-12-31 17:00'), 60))).toBe('2027-01-01 09:00');
    expect(businessMinutesBetween(cal, sh('2020-03-02 09:00'), sh('2020-03-02 10:00'))).toBe(60);
  });

  it('the 7×24 calendar is plain elapsed time', () => {
    const cal = compileCalendar(CALENDAR_24X7);
    expect(local(addBusinessMinutes(cal, sh('2026-10-01 23:30'), 60))).toBe('2026-10-02 00:30');
    expect(businessMinutesBetween(cal, sh('2026-10-01 00:00'), sh('2026-10-02 00:00'))).toBe(1440);
  });

  it('refuses a calendar that never opens or has overlapping hours', () => {
    expect(validateCalendar({ ...officeCalendar(), weekly: [[], [], [], [], [], [], []] })).toContain(
      'sla.calendar.neverOpen',
    );
    expect(
      validateCalendar({ ...officeCalendar(), weekly: [[], [[500, 700], [600, 800]], [], [], [], [], []] }),
    ).toContain('sla.calendar.overlappingHours');
    expect(() => compileCalendar({ ...officeCalendar(), holidays: ['2026-02-30'] })).toThrow();
  });
});

describe('pause and resume (待客户)', () => {
  it('a pause moves the due time by the business time it covered', () => {
    const start = sh('2026-03-02 09:00');
    // 60 min used by 10:00, paused until 14:00, the other 180 min run 14:00–17:00.
    const pauses = [{ from: sh('2026-03-02 10:00'), to: sh('2026-03-02 14:00') }];
    const due = addBusinessMinutesPaused(office, start, 240, pauses);
    expect(local(due)).toBe('2026-03-02 17:00');
    expect(businessMinutesBetweenPaused(office, start, due!, pauses)).toBe(240);
  });

  it('while still paused there is no due time, and the used time stops growing', () => {
    const start = sh('2026-03-02 09:00');
    const pauses = [{ from: sh('2026-03-02 10:00'), to: null }];
    expect(addBusinessMinutesPaused(office, start, 240, pauses)).toBeNull();
    expect(businessMinutesBetweenPaused(office, start, sh('2026-03-04 10:00'), pauses)).toBe(60);
    const clock = evaluateSla(office, { start, targetMinutes: 240, warnRatio: 0.8, pauses, now: sh('2026-03-04 10:00') });
    expect(clock.state).toBe('paused');
    expect(clock.remainingMinutes).toBe(180);
  });

  it('a target reached before a later pause is not moved by it', () => {
    const start = sh('2026-03-02 09:00');
    const pauses = [{ from: sh('2026-03-02 15:00'), to: sh('2026-03-03 15:00') }];
    expect(local(addBusinessMinutesPaused(office, start, 60, pauses))).toBe('2026-03-02 10:00');
  });

  it('overlapping and repeated pauses count once', () => {
    const start = sh('2026-03-02 09:00');
    const pauses = [
      { from: sh('2026-03-02 10:00'), to: sh('2026-03-02 11:00') },
      { from: sh('2026-03-02 10:30'), to: sh('2026-03-02 11:30') },
      { from: sh('2026-03-02 10:30'), to: sh('2026-03-02 11:30') },
    ];
    expect(local(addBusinessMinutesPaused(office, start, 120, pauses))).toBe('2026-03-02 14:00');
  });
});

describe('SLA states and priority change', () => {
  const start = sh('2026-03-02 09:00');

  it('warns at 80 % used and breaches at 100 %', () => {
    const at = (now: string) =>
      evaluateSla(office, { start, targetMinutes: 100, warnRatio: 0.8, pauses: [], now: sh(now) }).state;
    expect(at('2026-03-02 10:19')).toBe('ok');
    expect(at('2026-03-02 10:20')).toBe('warning');
    expect(at('2026-03-02 10:40')).toBe('breached');
    const clock = evaluateSla(office, { start, targetMinutes: 100, warnRatio: 0.8, pauses: [], now: sh('2026-03-02 09:30') });
    expect(local(clock.warnAt)).toBe('2026-03-02 10:20');
    expect(local(clock.dueAt)).toBe('2026-03-02 10:40');
  });

  it('records whether a finished target was met or missed', () => {
    const base = { start, targetMinutes: 60, warnRatio: 0.8, pauses: [], now: sh('2026-03-05 09:00') };
    expect(evaluateSla(office, { ...base, doneAt: sh('2026-03-02 09:59') }).state).toBe('met');
    expect(evaluateSla(office, { ...base, doneAt: sh('2026-03-02 10:01') }).state).toBe('missed');
  });

  it('raising the priority recomputes the due time from the original start, keeping time used', () => {
    // P3 (16 business hours) raised to P2 (4 business hours) at 10:00 on day one.
    const p3 = evaluateSla(office, { start, targetMinutes: 960, warnRatio: 0.8, pauses: [], now: sh('2026-03-02 10:00') });
    expect(local(p3.dueAt)).toBe('2026-03-04 10:00');
    const p2 = evaluateSla(office, { start, targetMinutes: 240, warnRatio: 0.8, pauses: [], now: sh('2026-03-02 10:00') });
    expect(local(p2.dueAt)).toBe('2026-03-02 14:30');
    expect(p2.remainingMinutes).toBe(180);
    // Lowered later than its new target: it is breached at once rather than given fresh time.
    const late = evaluateSla(office, { start, targetMinutes: 60, warnRatio: 0.8, pauses: [], now: sh('2026-03-02 10:30') });
    expect(late.state).toBe('breached');
  });
});
