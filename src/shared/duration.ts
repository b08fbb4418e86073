import type { Locale } from './locale';

/**
 * One notation for a span of time, wherever one is shown (SLA countdowns, KPIs, reports, messages):
 * the two largest units, as the branch reads them — 2天3小时, 1小时5分钟, 45分钟, 不到1分钟 — and in
 * English the compact 2 d 3 h, 1 h 5 min, 45 min, under 1 min. It takes minutes and knows nothing of
 * calendars: whether they are business or elapsed minutes is the caller's to say (in the label).
 */

const UNITS: Record<Locale, { day: string; hour: string; minute: string; under: string; join: string }> = {
  'zh-CN': { day: '天', hour: '小时', minute: '分钟', under: '不到1分钟', join: '' },
  en: { day: ' d', hour: ' h', minute: ' min', under: 'under 1 min', join: ' ' },
};

const MINUTES_PER_DAY = 1440;

/**
 * A span of minutes as text, without its sign (the caller says "left" or "over"): whole minutes, cut
 * (not rounded) so a countdown never promises time that is not there; days drop the minutes.
 */
export function formatDuration(minutes: number, locale: Locale): string {
  const u = UNITS[locale];
  const abs = Math.abs(minutes);
  if (!Number.isFinite(abs)) return '—';
  if (abs > 0 && abs < 1) return u.under;
  const total = Math.floor(abs);
  const days = Math.floor(total / MINUTES_PER_DAY);
  const hours = Math.floor((total % MINUTES_PER_DAY) / 60);
  const mins = total % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(`${days}${u.day}`);
    if (hours > 0) parts.push(`${hours}${u.hour}`);
  } else if (hours > 0) {
    parts.push(`${hours}${u.hour}`);
    if (mins > 0) parts.push(`${mins}${u.minute}`);
  } else {
    parts.push(`${mins}${u.minute}`);
  }
  return parts.join(u.join);
}
