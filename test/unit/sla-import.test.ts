import { describe, expect, it } from 'vitest';
import { CN_2026_HOLIDAYS_ICS, parseHolidayCsv, parseHolidayIcs } from '../../src/main/services/sla';

describe('importing the official holiday schedule', () => {
  it('reads the 2026 iCalendar: holidays with exclusive DTEND, 补班 events as make-up working days', () => {
    const s = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
    expect(s.errors).toEqual([]);
    expect(s.holidays).toContain('2026-10-01');
    expect(s.holidays).toContain('2026-10-07');
    expect(s.holidays).not.toContain('2026-10-08');
    expect(s.holidays.filter((d) => d.startsWith('2026-02'))).toHaveLength(9); // 春节 02-15..02-23
    expect(s.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(s.names['2026-10-10']).toBe('国庆节补班');
  });

  it('reads folded lines, date-time values and SUMMARY with 上班 as a working day', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20270101T000000',
      'DTEND:20270102T000000',
      'SUMMARY:元',
      ' 旦',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270109',
      'SUMMARY:调休上班',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20270210T090000',
      'DTEND:20270211T120000',
      'SUMMARY:Spring Festival',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const s = parseHolidayIcs(ics);
    expect(s.holidays).toEqual(['2027-01-01', '2027-02-10', '2027-02-11']);
    expect(s.workdays).toEqual(['2027-01-09']);
    expect(s.names['2027-01-01']).toBe('元旦');
  });

  it('reads the CSV branches keep: header, ranges, 休/班, Chinese commas, and reports bad rows', () => {
    const csv = [
      '日期,类型,名称',
      '2026-10-01~2026-10-07,休,国庆节',
      '2026/9/20,班,国庆节补班',
      '2026-10-10，补班，国庆节补班',
      '2026-06-19,2026-06-21,holiday,Dragon Boat',
      '2026-02-30,休,bad date',
      '2026-05-01,放风筝,unknown kind',
    ].join('\n');
    const s = parseHolidayCsv(csv);
    expect(s.holidays).toEqual([
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(s.workdays).toEqual(['2026-09-20', '2026-10-10']);
    expect(s.errors.map((e) => [e.line, e.key])).toEqual([
      [6, 'sla.import.badDate'],
      [7, 'sla.import.badKind'],
    ]);
  });

  it('a make-up day listed also as a holiday stays a working day', () => {
    const s = parseHolidayCsv('2026-10-01~2026-10-10,休,国庆\n2026-10-10,班,补班');
    expect(s.workdays).toEqual(['2026-10-10']);
    expect(s.holidays).not.toContain('2026-10-10');
  });
});
