/**
 * Times as the branch reads them. Storage is UTC (ISO-8601 or epoch ms); every time a person reads —
 * on screen, in a printed or exported document, in a server message — is Asia/Shanghai wall time.
 * Shanghai has had no daylight saving since 1991, so a fixed +08:00 is exact and needs no zone database.
 */

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function epochMs(at: string | number | Date): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return Date.parse(at);
  return at.getTime();
}

/**
 * 2026-11-23 14:05 (or 14:05:09 with seconds) in Asia/Shanghai for an instant; a value that is not a
 * time comes back as it was, so a bad stored value is visible rather than hidden.
 */
export function formatShanghaiTime(at: string | number | Date, options: { seconds?: boolean } = {}): string {
  const ms = epochMs(at);
  if (!Number.isFinite(ms)) return String(at);
  return new Date(ms + SHANGHAI_OFFSET_MS)
    .toISOString()
    .slice(0, options.seconds ? 19 : 16)
    .replace('T', ' ');
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads a time a person typed: an ISO-8601 instant with its zone (2027-03-01T01:00:00Z), or a wall time
 * without one read as Asia/Shanghai (2027-03-01 09:00, 2027-03-01T09:00:30, or 2027-03-01 = midnight).
 * Returns epoch ms, or null when the text is not a real time (2027-02-30, 25:00, "tomorrow").
 */
export function parseShanghaiTime(text: string): number | null {
  const value = text.trim();
  if (WITH_ZONE.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  const m = WALL_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as number[];
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(utc);
  // Date.UTC rolls 2027-02-30 over into March: a wall time is real only if it survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d) return null;
  if (h! > 23 || mi! > 59 || s! > 59) return null;
  return utc - SHANGHAI_OFFSET_MS;
}
