import { isLocalDate } from './calendar';

/**
 * Importing the yearly official holiday schedule (国务院办公厅 放假安排) into a business calendar.
 *
 * CSV (as branches keep it in Excel; UTF-8, decode GBK before calling): one row per date or range,
 *   日期,类型,名称            date,kind,name
 *   2026-10-01~2026-10-07,休,国庆节
 *   2026-10-10,班,国庆节补班
 * Dates are YYYY-MM-DD or YYYY/M/D; a range is `from~to` (inclusive) or two columns when the second
 * column is itself a date. The kind column says which it is: 补班 / 上班 / 班 / workday / work → make-up
 * working day; 休 / 假 / 放假 / 休息 / 节假日 / holiday / off → holiday. A header row is skipped.
 *
 * iCalendar (the yearly schedule as calendar apps publish it): each VEVENT's DTSTART..DTEND is a run
 * of days. Convention: a SUMMARY containing 补班 or 上班 marks make-up working days; every other event
 * is a holiday. All-day events (VALUE=DATE) have an exclusive DTEND as RFC 5545 says; a date-time
 * DTEND at exactly midnight is exclusive too, any other date-time DTEND includes its day. A VEVENT
 * without DTEND is one day.
 */

export interface HolidayImport {
  holidays: string[];
  workdays: string[];
  /** Names per date, for showing the schedule ("国庆节"). */
  names: Record<string, string>;
  /** Lines that could not be read: 1-based line number and a message key (sla.import.*). */
  errors: { line: number; key: string; text: string }[];
}

const WORK_WORDS = ['补班', '上班', '班', 'workday', 'work', 'makeup', 'make-up'];
const HOLIDAY_WORDS = ['休', '假', '放假', '休息', '节假日', '假日', 'holiday', 'off', 'rest'];

function normDate(raw: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

function* daysBetween(from: string, to: string): Generator<string> {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start; t <= end; t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

/** Builds the result, letting a make-up working day win over a holiday on the same date. */
function collect(entries: { date: string; work: boolean; name: string }[], errors: HolidayImport['errors']): HolidayImport {
  const work = new Set<string>();
  const off = new Set<string>();
  const names: Record<string, string> = {};
  for (const e of entries) {
    (e.work ? work : off).add(e.date);
    if (e.name) names[e.date] = e.name;
  }
  for (const d of work) off.delete(d);
  return { holidays: [...off].sort(), workdays: [...work].sort(), names, errors };
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\t' || ch === '，') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function kindOf(word: string): 'work' | 'off' | null {
  const w = word.trim().toLowerCase();
  if (!w) return null;
  if (WORK_WORDS.includes(w) || w.includes('补班') || w.includes('上班')) return 'work';
  if (HOLIDAY_WORDS.includes(w) || w.includes('放假') || w.includes('休')) return 'off';
  return null;
}

/** Reads a holiday schedule from CSV text (see the file comment for the format). */
export function parseHolidayCsv(text: string): HolidayImport {
  const entries: { date: string; work: boolean; name: string }[] = [];
  const errors: HolidayImport['errors'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = splitCsvLine(line);
    const [first = '', rawSecond = '', rawThird = '', fourth = ''] = cells;
    let second = rawSecond;
    let third = rawThird;
    let from: string | null;
    let to: string | null;
    if (first.includes('~')) {
      const [a = '', b = ''] = first.split('~');
      from = normDate(a);
      to = normDate(b);
    } else {
      from = normDate(first);
      to = normDate(second);
      if (to) {
        // Two date columns: a range, the kind and name move one column right.
        second = third;
        third = fourth;
      } else to = from;
    }
    if (!from || !to) {
      if (index === 0 || entries.length === 0) return; // a header row (日期,类型,名称)
      errors.push({ line: index + 1, key: 'sla.import.badDate', text: line });
      return;
    }
    if (to < from) {
      errors.push({ line: index + 1, key: 'sla.import.badRange', text: line });
      return;
    }
    let kind = kindOf(second);
    let name = third;
    if (!kind && third) {
      // Columns may be name,kind instead of kind,name.
      kind = kindOf(third);
      name = second;
    }
    if (!kind) {
      errors.push({ line: index + 1, key: 'sla.import.badKind', text: line });
      return;
    }
    for (const date of daysBetween(from, to)) entries.push({ date, work: kind === 'work', name });
  });
  return collect(entries, errors);
}

function unfold(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

function icalUnescape(v: string): string {
  return v.replace(/\\([,;\\nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Reads an iCalendar value: 20261001 or 20261001T000000(Z). */
function icalDate(value: string): { date: string; midnight: boolean } | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isLocalDate(date)) return null;
  const midnight = m[4] === undefined || (m[4] === '00' && m[5] === '00' && m[6] === '00');
  return { date, midnight };
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Reads a holiday schedule from an iCalendar VEVENT list (see the file comment for the convention). */
export function parseHolidayIcs(text: string): HolidayImport {
  const entries: { date: string; work: boolean; name: string }[] = [];
  const errors: HolidayImport['errors'] = [];
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  let event: { line: number; start?: string; end?: { date: string; midnight: boolean } | null; summary: string } | null =
    null;
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const name = line.slice(0, colon).split(';')[0]!.toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'BEGIN' && value.toUpperCase() === 'VEVENT') event = { line: index + 1, summary: '' };
    else if (!event) return;
    else if (name === 'DTSTART') {
      const d = icalDate(value);
      if (d) event.start = d.date;
    } else if (name === 'DTEND') event.end = icalDate(value);
    else if (name === 'SUMMARY') event.summary = icalUnescape(value).trim();
    else if (name === 'END' && value.toUpperCase() === 'VEVENT') {
      const e = event;
      event = null;
      if (!e.start) {
        errors.push({ line: e.line, key: 'sla.import.badDate', text: e.summary });
        return;
      }
      let last = e.start;
      if (e.end) last = e.end.midnight ? previousDay(e.end.date) : e.end.date;
      if (last < e.start) last = e.start; // DTEND equal to DTSTART: one day
      const work = e.summary.includes('补班') || e.summary.includes('上班');
      for (const date of daysBetween(e.start, last)) entries.push({ date, work, name: e.summary });
    }
  });
  return collect(entries, errors);
}
