import type { SlaClockName, TicketStatus } from '../../../shared/contract/ticket-common';
import { addBusinessMinutesPaused, evaluateSla, type CompiledCalendar, type Pause, type SlaState } from '../sla';

/**
 * A ticket's three SLA clocks on its calendar: first response (opening → dispatch or start),
 * resolution and reply to the customer (both from opening, restarted at a rework). 待客户 spells are
 * pauses. The running clock is the first not yet done; its due and warning times drive the queue.
 */

export interface StoredPause {
  from: string;
  to: string | null;
}

export interface ClockFacts {
  status: TicketStatus;
  createdAt: string;
  resolutionStartAt: string;
  pauses: string;
  responseMinutes: number;
  resolutionMinutes: number;
  replyMinutes: number;
  warnRatio: number;
  respondedAt: string | null;
  resolvedAt: string | null;
  repliedAt: string | null;
}

export function parsePauses(json: string): Pause[] {
  return (JSON.parse(json) as StoredPause[]).map((p) => ({ from: Date.parse(p.from), to: p.to === null ? null : Date.parse(p.to) }));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Which clock runs now, or null when none does (answered, archived or cancelled). */
export function runningClock(t: Pick<ClockFacts, 'status' | 'respondedAt' | 'resolvedAt' | 'repliedAt'>): SlaClockName | null {
  if (t.status === 'archived' || t.status === 'cancelled') return null;
  if (!t.respondedAt) return 'response';
  if (!t.resolvedAt) return 'resolution';
  if (!t.repliedAt) return 'reply';
  return null;
}

function clockSpec(t: ClockFacts, clock: SlaClockName): { start: number; minutes: number; doneAt: string | null } {
  switch (clock) {
    case 'response':
      return { start: Date.parse(t.createdAt), minutes: t.responseMinutes, doneAt: t.respondedAt };
    case 'resolution':
      return { start: Date.parse(t.resolutionStartAt), minutes: t.resolutionMinutes, doneAt: t.resolvedAt };
    case 'reply':
      return { start: Date.parse(t.resolutionStartAt), minutes: t.replyMinutes, doneAt: t.repliedAt };
  }
}

/**
 * The pauses that count for a clock: a clock that is done stopped at its done time, so a 待客户 spell
 * that began later (e.g. after the first response) must not move its due time or leave it undefined.
 */
export function pausesFor(pauses: Pause[], doneAt: string | null): Pause[] {
  if (!doneAt) return pauses;
  const done = Date.parse(doneAt);
  return pauses.filter((p) => p.from < done).map((p) => ({ from: p.from, to: p.to === null || p.to > done ? done : p.to }));
}

/** The stored schedule columns for a ticket: every clock's due time and the running clock's due/warn. */
export function schedule(cal: CompiledCalendar, t: ClockFacts) {
  const pauses = parsePauses(t.pauses);
  const due = (clock: SlaClockName) => {
    const spec = clockSpec(t, clock);
    return addBusinessMinutesPaused(cal, spec.start, spec.minutes, pausesFor(pauses, spec.doneAt));
  };
  const clock = runningClock(t);
  let nextDueAt: string | null = null;
  let nextWarnAt: string | null = null;
  if (clock) {
    const spec = clockSpec(t, clock);
    nextDueAt = iso(addBusinessMinutesPaused(cal, spec.start, spec.minutes, pauses));
    nextWarnAt = iso(addBusinessMinutesPaused(cal, spec.start, spec.minutes * t.warnRatio, pauses));
  }
  return {
    responseDueAt: iso(due('response')),
    resolutionDueAt: iso(due('resolution')),
    replyDueAt: iso(due('reply')),
    slaClock: clock,
    nextDueAt,
    nextWarnAt,
    dueSort: nextDueAt ?? `~${t.createdAt}`,
  };
}

export interface ClockView {
  clock: SlaClockName;
  targetMinutes: number;
  dueAt: string | null;
  warnAt: string | null;
  doneAt: string | null;
  usedMinutes: number;
  remainingMinutes: number;
  state: SlaState;
}

/** One clock evaluated at `now` for display. */
export function viewClock(cal: CompiledCalendar, t: ClockFacts, clock: SlaClockName, now: number): ClockView {
  const spec = clockSpec(t, clock);
  const done = spec.doneAt ? Date.parse(spec.doneAt) : null;
  const r = evaluateSla(cal, {
    start: spec.start,
    targetMinutes: spec.minutes,
    warnRatio: t.warnRatio,
    pauses: pausesFor(parsePauses(t.pauses), spec.doneAt),
    now,
    doneAt: done,
  });
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    clock,
    targetMinutes: spec.minutes,
    dueAt: iso(r.dueAt),
    warnAt: iso(r.warnAt),
    doneAt: spec.doneAt,
    usedMinutes: round(r.usedMinutes),
    remainingMinutes: round(r.remainingMinutes),
    state: r.state,
  };
}
