import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { formatDuration } from '../../../shared/duration';
import { formatShanghaiTime } from '../../../shared/time';
import { currentLocale } from '../i18n';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The branch's clock: every time on screen is Asia/Shanghai, whatever the PC's zone. */
export const DISPLAY_TZ = 'Asia/Shanghai';

/** 2026-11-23 14:05 in Asia/Shanghai (the notation the server's messages and documents use too); an em dash for no value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatShanghaiTime(iso);
}

/** 2026-11-23 14:05:09 in Asia/Shanghai, for the audit log where seconds matter. */
export function formatDateTimeSeconds(iso: string): string {
  return formatShanghaiTime(iso, { seconds: true });
}

/** A span of minutes in the UI language: 2天3小时 / 2 d 3 h, as everywhere (src/shared/duration.ts). */
export function formatMinutes(minutes: number): string {
  return formatDuration(minutes, currentLocale());
}

/** Start of a Shanghai calendar day as ISO UTC (for date-range filters). */
export function shanghaiDayStart(date: string): string {
  return dayjs.tz(date, DISPLAY_TZ).startOf('day').toISOString();
}

/** End of a Shanghai calendar day as ISO UTC. */
export function shanghaiDayEnd(date: string): string {
  return dayjs.tz(date, DISPLAY_TZ).endOf('day').toISOString();
}

/** 1.5 MB style sizes for the About page. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
