import type { ParsedInputOf } from '../../../shared/contract';
import type { VisitRow } from '../../../shared/contract/visits';
import { translate } from '../../../shared/messages';
import { cachedStatement } from '../../db/sql';
import type { ServiceContext } from '../context';
import { addMonths, shanghaiToday } from '../customers/dates';
import { monthBounds } from './plans';
import { selectVisitRows } from './read';
import { ownerFor, visitScope } from './scope';

/**
 * A person's visits as an iCalendar file (RFC 5545) for their phone or Outlook calendar, written by this
 * small serializer: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT
 * values escaped, times in Asia/Shanghai (a VTIMEZONE of +0800 without daylight saving). UIDs are the
 * visit ids, so a re-imported file updates the events it added before; SEQUENCE counts the visit's
 * changes (its audited updates), so calendars take the newer version.
 */

const TZID = 'Asia/Shanghai';
/** A timed visit without a duration is shown as an hour. */
const DEFAULT_MINUTES = 60;

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeIcsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line to at most 75 octets per physical line (RFC 5545 3.1). */
export function foldIcsLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      // A continuation line starts with one space, which counts.
      limit = 74;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: string) => date.replace(/-/g, '');

/** Local date + HH:mm + minutes → the local DATE-TIME text (may run past midnight). */
function localDateTime(date: string, time: string, plusMinutes = 0): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const ms = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m + plusMinutes) * 60_000;
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function utcStamp(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

interface IcsVisit extends VisitRow {
  address: string;
  sequence: number;
}

/** The VCALENDAR text of the given visits. */
export function visitsIcs(visits: IcsVisit[], options: { name: string; stamp: Date; locale: ServiceContext['locale'] }): string {
  const say = (key: string, params?: Record<string, string | number>) => translate(key, options.locale, params);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//KAM Desk//Visits//${options.locale === 'en' ? 'EN' : 'ZH'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(say('visits.ics.calendarName', { name: options.name }))}`,
    `X-WR-TIMEZONE:${TZID}`,
    'BEGIN:VTIMEZONE',
    `TZID:${TZID}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const stamp = utcStamp(options.stamp);
  for (const v of visits) {
    lines.push('BEGIN:VEVENT', `UID:visit-${v.id}@kam-desk`, `DTSTAMP:${stamp}`, `SEQUENCE:${v.sequence}`);
    if (v.startTime) {
      lines.push(`DTSTART;TZID=${TZID}:${localDateTime(v.visitDate, v.startTime)}`);
      lines.push(`DTEND;TZID=${TZID}:${localDateTime(v.visitDate, v.startTime, v.durationMinutes ?? DEFAULT_MINUTES)}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${compactDate(v.visitDate)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(v.visitDate))}`);
    }
    lines.push(`SUMMARY:${escapeIcsText(`${say(`visits.kind.${v.kind}`)} · ${v.customerName}`)}`);
    if (v.address) lines.push(`LOCATION:${escapeIcsText(v.address)}`);
    const description = [
      v.purpose ? say('visits.ics.purpose', { text: v.purpose }) : '',
      v.outcome ? say('visits.ics.outcome', { text: v.outcome }) : '',
      v.nextStep ? say('visits.ics.nextStep', { text: v.nextStep }) : '',
      say('visits.ics.number', { number: v.number }),
    ].filter(Boolean);
    lines.push(`DESCRIPTION:${escapeIcsText(description.join('\n'))}`);
    lines.push(`STATUS:${v.status === 'dropped' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}

/** visits.ics: the person's visits from 3 months back to 6 months ahead. */
export function exportIcs(ctx: ServiceContext, input: ParsedInputOf<'visits.ics'>) {
  const owner = ownerFor(ctx, visitScope(ctx), input.ownerId);
  const month = shanghaiToday(ctx.now()).slice(0, 7);
  const from = monthBounds(addMonths(month, -3)).first;
  const to = monthBounds(addMonths(month, 6)).last;
  const rows = selectVisitRows(ctx, 'v.owner_id = ? AND v.visit_date >= ? AND v.visit_date <= ? AND v.deleted = 0', [owner.id, from, to]);
  const ids = JSON.stringify(rows.map((r) => r.id));
  const sequences = new Map(
    (
      cachedStatement(
        ctx.store.sqlite,
        `SELECT j.value AS id, (SELECT count(*) FROM audit_log a WHERE a.entity = 'visits' AND a.entity_id = j.value AND a.action = 'update') AS n
         FROM json_each(?) j`,
      ).all(ids) as { id: string; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  const addresses = new Map(
    (
      cachedStatement(ctx.store.sqlite, 'SELECT DISTINCT c.id, c.address FROM json_each(?) j JOIN visits v ON v.id = j.value JOIN customers c ON c.id = v.customer_id').all(
        ids,
      ) as { id: string; address: string }[]
    ).map((r) => [r.id, r.address]),
  );
  const content = visitsIcs(
    rows.map((r) => ({ ...r, address: addresses.get(r.customerId) ?? '', sequence: sequences.get(r.id) ?? 0 })),
    { name: owner.name, stamp: ctx.now(), locale: ctx.locale },
  );
  return { fileName: `${translate('visits.ics.fileName', ctx.locale, { name: owner.name })}.ics`, content, events: rows.length };
}
