import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The branch's clock: every time on screen is Asia/Shanghai, whatever the PC's zone. */
export const DISPLAY_TZ = 'Asia/Shanghai';

/** 2026-11-23 14:05 in Asia/Shanghai; an em dash for no value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm') : iso;
}

/** 2026-11-23 14:05:09 in Asia/Shanghai, for the audit log where seconds matter. */
export function formatDateTimeSeconds(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm:ss') : iso;
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
