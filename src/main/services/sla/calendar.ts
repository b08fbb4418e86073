/**
 * Business calendars for service-level clocks (red channel tickets, green channel work orders).
 *
 * A calendar is plain data (storable as JSON, editable in settings): opening hours per weekday, which
 * may be split (08:30–12:00 and 13:30–17:30), holidays, and make-up working days (调休) that fall on a
 * weekend. `compileCalendar` turns it into sorted arrays of absolute open intervals with a running
 * total of open time, so every question ("due time after N business minutes", "business minutes
 * between two instants") is two binary searches — hundreds of thousands of answers per second.
 *
 * Local time is the calendar's fixed UTC offset: Asia/Shanghai has had no daylight saving since 1991,
 * so a fixed +08:00 is exact and avoids a time-zone database in the hot path.
 */

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;

/** Opening hours of one day: [start, end) in minutes after local midnight, ascending, not overlapping. */
export type DayHours = ReadonlyArray<readonly [number, number]>;

export interface CalendarDefinition {
  /** 'business' follows the hours below; '24x7' is always open (holidays and hours are ignored). */
  kind: 'business' | '24x7';
  /** Minutes east of UTC for local dates and hours; 480 for Asia/Shanghai. */
  utcOffsetMinutes: number;
  /** Index 0 = Sunday … 6 = Saturday (JavaScript's getDay convention). */
  weekly: readonly [DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours];
  /** Local dates (YYYY-MM-DD) that are closed although their weekday has hours. */
  holidays: readonly string[];
  /** Local dates (YYYY-MM-DD) that are open although their weekday has none (调休 make-up days). */
  workdays: readonly string[];
  /** Hours of a make-up working day; defaults to Monday's hours. */
  workdayHours?: DayHours;
}

export const SHANGHAI_OFFSET_MINUTES = 480;

/** The usual office day of a Chinese branch: 08:30–12:00 and 13:30–17:30. */
export const OFFICE_HOURS: DayHours = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

/** A Monday–Friday office calendar in Asia/Shanghai, with the given holidays and make-up days. */
export function officeCalendar(
  holidays: readonly string[] = [],
  workdays: readonly string[] = [],
  hours: DayHours = OFFICE_HOURS,
): CalendarDefinition {
  return {
    kind: 'business',
    utcOffsetMinutes: SHANGHAI_OFFSET_MINUTES,
    weekly: [[], hours, hours, hours, hours, hours, []],
    holidays,
    workdays,
  };
}

/** The always-open calendar (network operations, P1 faults). */
export const CALENDAR_24X7: CalendarDefinition = {
  kind: '24x7',
  utcOffsetMinutes: SHANGHAI_OFFSET_MINUTES,
  weekly: [[], [], [], [], [], [], []],
  holidays: [],
  workdays: [],
};

/** Problems that make a calendar definition unusable, as message keys; empty when it is fine. */
export function validateCalendar(def: CalendarDefinition): string[] {
  const problems: string[] = [];
  const checkDay = (day: DayHours) => {
    let last = -1;
    for (const [start, end] of day) {
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > MINUTES_PER_DAY || start >= end) {
        problems.push('sla.calendar.badHours');
        return;
      }
      if (start < last) {
        problems.push('sla.calendar.overlappingHours');
        return;
      }
      last = end;
    }
  };
  def.weekly.forEach(checkDay);
  if (def.workdayHours) checkDay(def.workdayHours);
  for (const d of [...def.holidays, ...def.workdays]) if (!isLocalDate(d)) problems.push('sla.calendar.badDate');
  if (def.kind === 'business') {
    const anyHours = def.weekly.some((d) => d.length > 0) || (def.workdays.length > 0 && workdayHoursOf(def).length > 0);
    if (!anyHours) problems.push('sla.calendar.neverOpen');
  }
  return [...new Set(problems)];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 of a YYYY-MM-DD local date. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function workdayHoursOf(def: CalendarDefinition): DayHours {
  return def.workdayHours ?? def.weekly[1];
}

/** A calendar ready for fast queries. Build with compileCalendar; reuse it (compiling costs ~1 ms/year). */
export interface CompiledCalendar {
  readonly definition: CalendarDefinition;
  readonly alwaysOpen: boolean;
  /** Open intervals [starts[i], ends[i]) in epoch ms, sorted; cum[i] = open ms before interval i. */
  starts: Float64Array;
  ends: Float64Array;
  cum: Float64Array;
  /** Local years currently expanded into intervals, inclusive. */
  fromYear: number;
  toYear: number;
  /** Epoch ms covered by the arrays: [coverFrom, coverTo). */
  coverFrom: number;
  coverTo: number;
}

/** How far a calendar may be expanded; beyond it a query is a bug (or a calendar that never opens). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2200;

function yearStartMs(year: number, offsetMs: number): number {
  return Date.UTC(year, 0, 1) - offsetMs;
}

function expand(cal: CompiledCalendar, fromYear: number, toYear: number): void {
  const def = cal.definition;
  const offsetMs = def.utcOffsetMinutes * MINUTE_MS;
  const holidays = new Set(def.holidays.map(dayNumber));
  const workdays = new Set(def.workdays.map(dayNumber));
  const workHours = workdayHoursOf(def);
  const firstDay = Date.UTC(fromYear, 0, 1) / DAY_MS;
  const lastDay = Date.UTC(toYear + 1, 0, 1) / DAY_MS;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = firstDay; day < lastDay; day++) {
    let hours: DayHours;
    if (workdays.has(day)) hours = workHours;
    else if (holidays.has(day)) hours = [];
    else hours = def.weekly[(((day + 4) % 7) + 7) % 7] as DayHours; // 1970-01-01 was a Thursday
    const midnight = day * DAY_MS - offsetMs;
    for (const [s, e] of hours) {
      const start = midnight + s * MINUTE_MS;
      const end = midnight + e * MINUTE_MS;
      // Hours ending at 24:00 and the next day opening at 00:00 make one interval (overnight shifts).
      if (ends.length > 0 && ends[ends.length - 1] === start) ends[ends.length - 1] = end;
      else {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  const cum = new Float64Array(starts.length);
  let total = 0;
  for (let i = 0; i < starts.length; i++) {
    cum[i] = total;
    total += ends[i]! - starts[i]!;
  }
  cal.starts = Float64Array.from(starts);
  cal.ends = Float64Array.from(ends);
  cal.cum = cum;
  cal.fromYear = fromYear;
  cal.toYear = toYear;
  cal.coverFrom = yearStartMs(fromYear, offsetMs);
  cal.coverTo = yearStartMs(toYear + 1, offsetMs);
}

/**
 * Precomputes the open intervals of a calendar, by default for the years its holidays mention (none
 * when it mentions none); queries outside that range widen it automatically. It reads no clock: a
 * compiled calendar is shared by every caller, and the first query says which years matter.
 */
export function compileCalendar(def: CalendarDefinition, years?: { from: number; to: number }): CompiledCalendar {
  const problems = validateCalendar(def);
  if (problems.length > 0) throw new Error(`invalid calendar: ${problems.join(', ')}`);
  const mentioned = [...def.holidays, ...def.workdays].map((d) => Number(d.slice(0, 4)));
  // An empty range (from > to) until a query widens it: cover() takes min/max with the query's year.
  const from = years?.from ?? (mentioned.length ? Math.min(...mentioned) : Infinity);
  const to = years?.to ?? (mentioned.length ? Math.max(...mentioned) : -Infinity);
  const cal: CompiledCalendar = {
    definition: def,
    alwaysOpen: def.kind === '24x7',
    starts: new Float64Array(0),
    ends: new Float64Array(0),
    cum: new Float64Array(0),
    fromYear: from,
    toYear: to,
    coverFrom: 0,
    coverTo: 0,
  };
  if (!cal.alwaysOpen && from <= to) expand(cal, from, to);
  return cal;
}

function yearOf(cal: CompiledCalendar, ms: number): number {
  return new Date(ms + cal.definition.utcOffsetMinutes * MINUTE_MS).getUTCFullYear();
}

/** Widens the expanded range so that `ms` (and a margin year after it) is covered. */
function cover(cal: CompiledCalendar, ms: number): void {
  if (ms >= cal.coverFrom && ms < cal.coverTo) return;
  const year = yearOf(cal, ms);
  if (!Number.isFinite(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`calendar query outside ${MIN_YEAR}–${MAX_YEAR}: ${new Date(ms).toISOString()}`);
  }
  expand(cal, Math.min(cal.fromYear, year), Math.max(cal.toYear, year + 1));
}

/** Index of the last interval starting at or before t, or -1. */
function intervalAt(cal: CompiledCalendar, t: number): number {
  const starts = cal.starts;
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Open ms from the start of the expanded range up to t. */
function openBefore(cal: CompiledCalendar, t: number): number {
  cover(cal, t);
  const i = intervalAt(cal, t);
  if (i < 0) return 0;
  return cal.cum[i]! + Math.min(t, cal.ends[i]!) - cal.starts[i]!;
}

/** The instant by which `ms` of open time has passed after `start` (ms ≥ 0). */
export function addBusinessMs(cal: CompiledCalendar, start: number, ms: number): number {
  if (ms <= 0) return start;
  if (cal.alwaysOpen) return start + ms;
  let target = openBefore(cal, start) + ms;
  for (;;) {
    const n = cal.starts.length;
    const total = n === 0 ? 0 : cal.cum[n - 1]! + cal.ends[n - 1]! - cal.starts[n - 1]!;
    if (target <= total && n > 0) break;
    // Not enough open time in the expanded years: widen by one year and retry (offsets shift with it).
    const before = cal.fromYear;
    cover(cal, cal.coverTo);
    if (cal.fromYear !== before) throw new Error('calendar expanded backwards unexpectedly');
    target = openBefore(cal, start) + ms;
  }
  // First interval whose running total reaches the target: its end-of-interval total ≥ target.
  const { starts, ends, cum } = cal;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! + ends[mid]! - starts[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return starts[lo]! + (target - cum[lo]!);
}

/** Open ms between two instants (negative when b is before a). */
export function businessMsBetween(cal: CompiledCalendar, a: number, b: number): number {
  if (cal.alwaysOpen) return b - a;
  if (b < a) return -businessMsBetween(cal, b, a);
  cover(cal, a);
  cover(cal, b);
  return openBefore(cal, b) - openBefore(cal, a);
}

/** The due time `minutes` business minutes after `start` (epoch ms in, epoch ms out). */
export function addBusinessMinutes(cal: CompiledCalendar, start: number, minutes: number): number {
  return addBusinessMs(cal, start, Math.round(minutes * MINUTE_MS));
}

/** Business minutes between two instants (fractional when they are not on whole minutes). */
export function businessMinutesBetween(cal: CompiledCalendar, a: number, b: number): number {
  return businessMsBetween(cal, a, b) / MINUTE_MS;
}

/** True when the calendar is open at instant t. */
export function isOpenAt(cal: CompiledCalendar, t: number): boolean {
  if (cal.alwaysOpen) return true;
  cover(cal, t);
  const i = intervalAt(cal, t);
  return i >= 0 && t < cal.ends[i]!;
}

/** The first open instant at or after t. */
export function nextOpen(cal: CompiledCalendar, t: number): number {
  if (cal.alwaysOpen || isOpenAt(cal, t)) return t;
  // The instant after t where one more open millisecond has passed, minus that millisecond.
  return addBusinessMs(cal, t, 1) - 1;
}
