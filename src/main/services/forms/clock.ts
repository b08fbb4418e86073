import type { FormSettings, FormStep } from '../../../shared/contract/forms';
import type { FormStatus } from '../../../shared/contract/order-common';
import { isoNow, type ServiceContext } from '../context';
import { addBusinessMinutes, businessMinutesBetween, type CompiledCalendar } from '../sla';
import { formCalendar } from './config';

/**
 * Each step of a form runs a clock on the branch calendar (SLA engine): 待审批 (approval), 响应中心受理
 * (centre), 已转办 (answer), 已答复 (the drafter's confirmation). The approval step's warning time is
 * the escalation point (N business hours), so one partial index finds both escalations and warnings.
 * Drafts, forms sent back and closed forms run no clock; they sort after every running one.
 */

/** The step whose clock runs in a status, or null. */
export function stepOf(status: FormStatus): FormStep | null {
  switch (status) {
    case 'pending_approval':
      return 'approval';
    case 'at_centre':
      return 'centre';
    case 'routed':
      return 'answer';
    case 'answered':
      return 'confirm';
    default:
      return null;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The clock columns of request_forms. */
export interface StepClockColumns {
  stepStartedAt: string | null;
  stepLimitMinutes: number | null;
  dueAt: string | null;
  warnAt: string | null;
  dueSort: string;
  slaLevel: number;
  calendarId: string | null;
}

/** The clock columns for entering `status` now: a fresh step clock, or none. */
export function stepClock(ctx: ServiceContext, status: FormStatus, s: FormSettings, cal = formCalendar(ctx, s)): StepClockColumns {
  const step = stepOf(status);
  const now = isoNow(ctx);
  if (!step) return { stepStartedAt: null, stepLimitMinutes: null, dueAt: null, warnAt: null, dueSort: `~${now}`, slaLevel: 0, calendarId: cal.id };
  const start = ctx.now().getTime();
  const limit = s.limits[step];
  const warnMinutes = step === 'approval' ? s.escalationHours * 60 : limit * s.warnRatio;
  const dueAt = iso(addBusinessMinutes(cal.compiled, start, limit));
  return {
    stepStartedAt: now,
    stepLimitMinutes: limit,
    dueAt,
    warnAt: iso(addBusinessMinutes(cal.compiled, start, warnMinutes)),
    dueSort: dueAt,
    slaLevel: 0,
    calendarId: cal.id,
  };
}

/** Business minutes between two instants on a calendar, to one decimal. */
export function businessMinutes(cal: CompiledCalendar, from: string, to: string): number {
  return Math.round(businessMinutesBetween(cal, Date.parse(from), Date.parse(to)) * 10) / 10;
}

/** A running step's state at `nowIso`. */
export function slaState(f: { dueAt: string | null; warnAt: string | null }, nowIso: string): 'ok' | 'warning' | 'breached' | 'none' {
  if (!f.dueAt) return 'none';
  if (f.dueAt <= nowIso) return 'breached';
  if (f.warnAt && f.warnAt <= nowIso) return 'warning';
  return 'ok';
}
