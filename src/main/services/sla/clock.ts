import { addBusinessMs, businessMsBetween, MINUTE_MS, type CompiledCalendar } from './calendar';

/**
 * Service-level clocks with pauses: a ticket waiting on the customer (待客户) stops its clock. A pause
 * is [from, to) in epoch ms; `to` null means "still paused", which leaves the due time undefined.
 */
export interface Pause {
  from: number;
  to: number | null;
}

/** Sorted, merged pauses; empty ones dropped. */
export function normalizePauses(pauses: readonly Pause[]): Pause[] {
  const sorted = pauses
    .filter((p) => p.to === null || p.to > p.from)
    .map((p) => ({ ...p }))
    .sort((a, b) => a.from - b.from);
  const out: Pause[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && (last.to === null || p.from <= last.to)) {
      if (last.to !== null) last.to = p.to === null ? null : Math.max(last.to, p.to);
    } else out.push(p);
  }
  return out;
}

/**
 * The instant by which `ms` of open, unpaused time has passed after `start`; null while an open-ended
 * pause stops the clock before the target is reached.
 */
export function addBusinessMsPaused(
  cal: CompiledCalendar,
  start: number,
  ms: number,
  pauses: readonly Pause[],
): number | null {
  let cursor = start;
  let remaining = ms;
  for (const p of normalizePauses(pauses)) {
    if (p.to !== null && p.to <= cursor) continue;
    if (p.from > cursor) {
      const candidate = addBusinessMs(cal, cursor, remaining);
      if (candidate <= p.from) return candidate;
      remaining -= businessMsBetween(cal, cursor, p.from);
    }
    if (p.to === null) return null;
    cursor = Math.max(cursor, p.to);
  }
  return addBusinessMs(cal, cursor, remaining);
}

/** Open, unpaused ms between a and b (a ≤ b); a pause still running counts up to b. */
export function businessMsBetweenPaused(cal: CompiledCalendar, a: number, b: number, pauses: readonly Pause[]): number {
  if (b <= a) return 0;
  let total = businessMsBetween(cal, a, b);
  for (const p of normalizePauses(pauses)) {
    const from = Math.max(a, p.from);
    const to = Math.min(b, p.to ?? b);
    if (to > from) total -= businessMsBetween(cal, from, to);
  }
  return total;
}

/** Due time in business minutes with pauses (epoch ms, or null while paused). */
export function addBusinessMinutesPaused(
  cal: CompiledCalendar,
  start: number,
  minutes: number,
  pauses: readonly Pause[],
): number | null {
  return addBusinessMsPaused(cal, start, Math.round(minutes * MINUTE_MS), pauses);
}

/** Business minutes elapsed between a and b with pauses excluded. */
export function businessMinutesBetweenPaused(
  cal: CompiledCalendar,
  a: number,
  b: number,
  pauses: readonly Pause[],
): number {
  return businessMsBetweenPaused(cal, a, b, pauses) / MINUTE_MS;
}

export type SlaState = 'ok' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';

/** One SLA target's computed times: what a ticket stores and shows. */
export interface SlaClock {
  targetMinutes: number;
  /** When the target falls due / the warning threshold is crossed (null while paused). */
  dueAt: number | null;
  warnAt: number | null;
  /** Business minutes used so far (up to `now`, or up to `doneAt` when met). */
  usedMinutes: number;
  remainingMinutes: number;
  state: SlaState;
}

/**
 * Evaluates one SLA target at `now`: due and warning times from the start with pauses excluded, the
 * business minutes used and left, and the state. `doneAt` is when the target was achieved, if it was.
 */
export function evaluateSla(
  cal: CompiledCalendar,
  args: { start: number; targetMinutes: number; warnRatio: number; pauses: readonly Pause[]; now: number; doneAt?: number | null },
): SlaClock {
  const { start, targetMinutes, warnRatio, pauses, now } = args;
  const targetMs = Math.round(targetMinutes * MINUTE_MS);
  const dueAt = addBusinessMsPaused(cal, start, targetMs, pauses);
  const warnAt = addBusinessMsPaused(cal, start, Math.round(targetMs * warnRatio), pauses);
  const end = args.doneAt ?? now;
  const used = businessMsBetweenPaused(cal, start, end, pauses) / MINUTE_MS;
  const remaining = targetMinutes - used;
  let state: SlaState;
  if (args.doneAt != null) state = used <= targetMinutes ? 'met' : 'missed';
  else if (used >= targetMinutes) state = 'breached';
  else if (pauses.some((p) => p.to === null && p.from <= now)) state = 'paused';
  else if (used >= targetMinutes * warnRatio) state = 'warning';
  else state = 'ok';
  return { targetMinutes, dueAt, warnAt, usedMinutes: used, remainingMinutes: remaining, state };
}
