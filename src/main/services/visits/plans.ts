import type { ParsedInputOf } from '../../../shared/contract';
import type { Grade } from '../../../shared/contract/customer-common';
import type { VisitPlan } from '../../../shared/contract/visits';
import type { PlanStatus } from '../../../shared/contract/visit-common';
import { AppError } from '../../../shared/errors';
import { SHANGHAI_OFFSET_MS } from '../../../shared/time';
import { visitPlans, visits } from '../../db/schema';
import { cachedStatement } from '../../db/sql';
import { bulkInsertSet } from '../bulk';
import { isoNow, type ServiceContext } from '../context';
import { addDays } from '../contracts/status';
import { shanghaiToday } from '../customers/dates';
import { notifyUsers } from '../notifications';
import { nextDocumentNumber } from '../numbering';
import { orderCalendarId } from '../orders/config';
import { withTriggersSuspended } from '../customers/import/triggers';
import { businessMsBetween } from '../sla';
import { calendarById } from '../tickets/config';
import { leaders } from '../tickets/escalation';
import { insertRow, updateRow, type NewRow } from '../write';
import { selectVisitRows } from './read';
import { ensureVisitRules } from './rules';
import { ownerFor, visitScope, type VisitScope } from './scope';

/**
 * Monthly visit plans (走访计划): generated from the rules — every customer of the owner due by the
 * month's end (overdue ones too) that the month does not hold yet gets one planned visit on a working
 * day of the branch calendar before its due date — topped up, added to by hand, submitted to the
 * leaders and reviewed. Generation is set-based so a whole branch's month is written in seconds.
 */

/** About this many planned visits per person and working day before the next day is used. */
export const PLANNED_PER_DAY = 4;
/** unplannedDue lists at most this many customers (a plan page shows them to be added). */
const UNPLANNED_SHOWN = 1000;

/** First and last day of a yyyy-MM. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/**
 * A test for "is this local day a working day" on the branch's office calendar (the SLA engine's, the
 * one the green channel's stage clocks run on, with its 调休): a day with any open time.
 */
export function workingDayTest(ctx: ServiceContext): (date: string) => boolean {
  const cal = calendarById(ctx, orderCalendarId(ctx)).compiled;
  return (date) => {
    const start = Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
    return businessMsBetween(cal, start, start + 86_400_000) > 0;
  };
}

/** The owner's plan row of a month, if any. */
export function findPlan(ctx: ServiceContext, ownerId: string, month: string) {
  return cachedStatement(
    ctx.store.sqlite,
    `SELECT id, owner_id AS ownerId, month, status, submitted_at AS submittedAt, reviewed_at AS reviewedAt,
       reviewed_by_id AS reviewedById, review_note AS reviewNote
     FROM visit_plans WHERE owner_id = ? AND month = ? AND deleted = 0 ORDER BY created_at LIMIT 1`,
  ).get(ownerId, month) as
    | { id: string; ownerId: string; month: string; status: PlanStatus; submittedAt: string | null; reviewedAt: string | null; reviewedById: string | null; reviewNote: string }
    | undefined;
}

/** The owner's plan of a month, created as a draft the first time it is needed. */
export function ensurePlan(ctx: ServiceContext, ownerId: string, month: string): { id: string } {
  return findPlan(ctx, ownerId, month) ?? insertRow(ctx, visitPlans, { ownerId, month, status: 'draft', reviewNote: '' });
}

interface DueCustomer {
  customerId: string;
  ownerId: string;
  customerName: string;
  grade: string | null;
  dueDate: string;
}

/**
 * Customers due by the month's end that the month does not hold: no planned (or dropped) visit of
 * theirs in the month. `owner` null: every active account manager's.
 */
function dueUnplanned(ctx: ServiceContext, owner: string | null, month: string, limit = -1): DueCustomer[] {
  const { first, last } = monthBounds(month);
  const ownerClause = owner
    ? 'd.owner_id = @owner'
    : "d.owner_id IN (SELECT id FROM users WHERE role = 'account_manager' AND active = 1 AND deleted = 0)";
  return cachedStatement(
    ctx.store.sqlite,
    `SELECT d.customer_id AS customerId, d.owner_id AS ownerId, c.name AS customerName, d.grade, d.due_date AS dueDate
     FROM customer_visit_due d CROSS JOIN customers c ON c.id = d.customer_id
     WHERE ${ownerClause} AND d.due_date IS NOT NULL AND d.due_date <= @last
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = d.customer_id AND v.status IN ('planned', 'dropped')
         AND v.visit_date >= @first AND v.visit_date <= @last AND v.deleted = 0)
     ORDER BY d.due_date, d.customer_id LIMIT @limit`,
  ).all({ owner, first, last, limit }) as DueCustomer[];
}

/**
 * Picks each customer's day: the latest working day on or before its due date (not before `lower`)
 * that has fewer than PLANNED_PER_DAY visits; overdue customers the first such day from `lower`; when
 * every allowed day is full, the least loaded one. `load` (date → planned visits) is updated.
 */
export function assignDays(dueDates: string[], days: string[], load: Map<string, number>, lower: string): string[] {
  const used = (d: string) => load.get(d) ?? 0;
  return dueDates.map((due) => {
    if (days.length === 0) return lower;
    let latest = -1;
    for (let i = days.length - 1; i >= 0; i--) {
      if (days[i]! <= due) {
        latest = i;
        break;
      }
    }
    let pick: string | undefined;
    if (latest < 0) {
      // Already overdue (or due before the first working day): as soon as possible, spread forward.
      pick = days.find((d) => used(d) < PLANNED_PER_DAY) ?? days.reduce((a, b) => (used(b) < used(a) ? b : a));
    } else {
      for (let i = latest; i >= 0 && !pick; i--) if (used(days[i]!) < PLANNED_PER_DAY) pick = days[i];
      if (!pick) {
        pick = days[latest]!;
        for (let i = latest; i >= 0; i--) if (used(days[i]!) < used(pick)) pick = days[i]!;
      }
    }
    load.set(pick, used(pick) + 1);
    return pick;
  });
}

/**
 * Generates (tops up) the month's plans of `owners`: one planned visit per due, unplanned customer, in
 * set-based writes. Idempotent: a second run finds nothing left to plan. Returns plans touched and items.
 */
export function generatePlans(ctx: ServiceContext, owners: string[] | null, month: string): { plans: number; items: number } {
  ensureVisitRules(ctx);
  const { first, last } = monthBounds(month);
  const today = shanghaiToday(ctx.now());
  const lower = today > first ? today : first;
  if (lower > last) throw new AppError('VALIDATION', 'visits.plan.pastMonth', { month });
  const isWorking = workingDayTest(ctx);
  const days: string[] = [];
  for (let d = lower; d <= last; d = addDays(d, 1)) if (isWorking(d)) days.push(d);

  const due = owners && owners.length === 1 ? dueUnplanned(ctx, owners[0]!, month) : dueUnplanned(ctx, null, month);
  const wanted = owners ? new Set(owners) : null;
  const byOwner = new Map<string, DueCustomer[]>();
  for (const c of due) {
    if (wanted && !wanted.has(c.ownerId)) continue;
    let list = byOwner.get(c.ownerId);
    if (!list) byOwner.set(c.ownerId, (list = []));
    list.push(c);
  }
  // Days already holding planned visits count towards the spread.
  const loads = new Map<string, Map<string, number>>();
  const existing = cachedStatement(
    ctx.store.sqlite,
    `SELECT owner_id AS ownerId, visit_date AS date, count(*) AS n FROM visits
     WHERE visit_date >= ? AND visit_date <= ? AND status = 'planned' AND deleted = 0 GROUP BY visit_date, owner_id`,
  ).all(first, last) as { ownerId: string; date: string; n: number }[];
  for (const e of existing) {
    if (!byOwner.has(e.ownerId)) continue;
    let m = loads.get(e.ownerId);
    if (!m) loads.set(e.ownerId, (m = new Map()));
    m.set(e.date, e.n);
  }

  const touched = new Set<string>(owners ?? []);
  for (const o of byOwner.keys()) touched.add(o);
  const planIds = new Map<string, string>();
  for (const o of touched) planIds.set(o, ensurePlan(ctx, o, month).id);

  const rows: NewRow<typeof visits>[] = [];
  if (due.length > 0) {
    const firstNumber = nextDocumentNumber(ctx, 'visits', 'ZF');
    const cut = firstNumber.lastIndexOf('-') + 1;
    const prefix = firstNumber.slice(0, cut);
    let seq = Number(firstNumber.slice(cut));
    for (const [ownerId, list] of byOwner) {
      const dates = assignDays(list.map((c) => c.dueDate), days, loads.get(ownerId) ?? new Map(), lower);
      list.forEach((c, i) => {
        rows.push({
          number: `${prefix}${String(seq++).padStart(4, '0')}`,
          customerId: c.customerId,
          ownerId,
          planId: planIds.get(ownerId)!,
          source: 'generated',
          kind: 'onsite',
          status: 'planned',
          visitDate: dates[i]!,
          startTime: null,
          durationMinutes: null,
          dueDate: c.dueDate,
          onTime: null,
        });
      });
    }
  }
  // The per-row triggers on visits are suspended for the bulk insert (any trigger on the table makes
  // SQLite keep a statement journal per row): planned rows never move a due date, and the search queue
  // is written set-based instead.
  if (rows.length === 0) return { plans: touched.size, items: 0 };
  withTriggersSuspended(ctx, ['search_visits_insert', 'visit_due_visits_insert'], () => {
    const ids = bulkInsertSet(ctx, visits, rows, { summary: { generated: month } });
    const queue = cachedStatement(ctx.store.sqlite, "INSERT OR IGNORE INTO search_queue (module, record_id) SELECT 'visit', value FROM json_each(?)");
    for (let i = 0; i < ids.length; i += 5_000) queue.run(JSON.stringify(ids.slice(i, i + 5_000)));
  });
  return { plans: touched.size, items: rows.length };
}

/** The plan page's view of an owner's month. */
export function planView(ctx: ServiceContext, owner: { id: string; name: string }, month: string): VisitPlan {
  ensureVisitRules(ctx);
  const plan = findPlan(ctx, owner.id, month);
  const items = plan ? selectVisitRows(ctx, 'v.plan_id = ? AND v.deleted = 0', [plan.id]) : [];
  const reviewer = plan?.reviewedById
    ? ((cachedStatement(ctx.store.sqlite, 'SELECT display_name FROM users WHERE id = ?').pluck().get(plan.reviewedById) as string | undefined) ?? null)
    : null;
  const unplanned = dueUnplanned(ctx, owner.id, month, UNPLANNED_SHOWN);
  const count = (s: string) => items.filter((i) => i.status === s).length;
  return {
    id: plan?.id ?? null,
    ownerId: owner.id,
    ownerName: owner.name,
    month,
    status: plan?.status ?? null,
    submittedAt: plan?.submittedAt ?? null,
    reviewedAt: plan?.reviewedAt ?? null,
    reviewedByName: reviewer,
    reviewNote: plan?.reviewNote ?? '',
    items,
    unplannedDue: unplanned.map((c) => ({ customerId: c.customerId, customerName: c.customerName, grade: c.grade as Grade | null, dueDate: c.dueDate })),
    counts: { planned: count('planned'), done: count('done'), dropped: count('dropped') },
  };
}

/** visits.plan.get */
export function getPlan(ctx: ServiceContext, input: ParsedInputOf<'visits.plan.get'>): VisitPlan {
  const owner = ownerFor(ctx, visitScope(ctx), input.ownerId);
  return planView(ctx, owner, input.month);
}

/** visits.plan.generate: one owner's month (the caller's by default). */
export function generatePlan(ctx: ServiceContext, input: ParsedInputOf<'visits.plan.generate'>): VisitPlan {
  const owner = ownerFor(ctx, visitScope(ctx), input.ownerId);
  generatePlans(ctx, [owner.id], input.month);
  return planView(ctx, owner, input.month);
}

/** visits.plan.generateAll: every active account manager's month (a leader). */
export function generateAllPlans(ctx: ServiceContext, input: ParsedInputOf<'visits.plan.generateAll'>) {
  const managers = cachedStatement(
    ctx.store.sqlite,
    "SELECT id FROM users WHERE role = 'account_manager' AND active = 1 AND deleted = 0 ORDER BY id",
  ).pluck().all() as string[];
  return generatePlans(ctx, managers, input.month);
}

/** visits.plan.submit: the owner (or a leader for them) hands the month's plan to the leaders. */
export function submitPlan(ctx: ServiceContext, input: ParsedInputOf<'visits.plan.submit'>): VisitPlan {
  const owner = ownerFor(ctx, visitScope(ctx), input.ownerId);
  const plan = ensurePlan(ctx, owner.id, input.month);
  updateRow(ctx, visitPlans, plan.id, { status: 'submitted', submittedAt: isoNow(ctx) });
  const view = planView(ctx, owner, input.month);
  const dept = cachedStatement(ctx.store.sqlite, 'SELECT department FROM users WHERE id = ?').pluck().get(owner.id) as string | null;
  notifyUsers(
    ctx,
    leaders(ctx, dept).filter((id) => id !== ctx.actor?.id),
    {
      kind: 'visit_plan',
      messageKey: 'visits.notify.planSubmitted',
      params: { owner: owner.name, month: input.month, count: view.items.length },
      route: planRoute(owner.id, input.month),
    },
  );
  return view;
}

/** Where a plan opens in the renderer. */
function planRoute(ownerId: string, month: string): string {
  return `/yellow/plan?ownerId=${ownerId}&month=${month}`;
}

/** visits.plan.review: a leader marks a submitted plan reviewed, with a note to its owner. */
export function reviewPlan(ctx: ServiceContext, input: ParsedInputOf<'visits.plan.review'>): VisitPlan {
  const scope: VisitScope = visitScope(ctx);
  const plan = cachedStatement(ctx.store.sqlite, 'SELECT owner_id AS ownerId, month, status FROM visit_plans WHERE id = ? AND deleted = 0').get(
    input.planId,
  ) as { ownerId: string; month: string; status: PlanStatus } | undefined;
  if (!plan) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  if (plan.status !== 'submitted') throw new AppError('CONFLICT', 'visits.plan.notSubmitted', { month: plan.month });
  updateRow(ctx, visitPlans, input.planId, { status: 'reviewed', reviewedById: scope.actor.id, reviewedAt: isoNow(ctx), reviewNote: input.note });
  const owner = ownerFor(ctx, scope, plan.ownerId);
  notifyUsers(ctx, [plan.ownerId], {
    kind: 'visit_plan',
    messageKey: input.note ? 'visits.notify.planReviewedNote' : 'visits.notify.planReviewed',
    params: { month: plan.month, reviewer: scope.actor.displayName, note: input.note },
    route: planRoute(plan.ownerId, plan.month),
  });
  return planView(ctx, owner, plan.month);
}

/** visits.plans.list: every account manager's plan of a month with its counts and the due customers it lacks. */
export function listPlans(ctx: ServiceContext, input: ParsedInputOf<'visits.plans.list'>) {
  ensureVisitRules(ctx);
  const sqlite = ctx.store.sqlite;
  const { first, last } = monthBounds(input.month);
  const managers = cachedStatement(
    sqlite,
    "SELECT id, display_name AS name FROM users WHERE role = 'account_manager' AND active = 1 AND deleted = 0 ORDER BY display_name, id",
  ).all() as { id: string; name: string }[];
  const plans = cachedStatement(
    sqlite,
    `SELECT p.id, p.owner_id AS ownerId, p.status, p.submitted_at AS submittedAt,
       (SELECT count(*) FROM visits v WHERE v.plan_id = p.id AND v.status = 'planned' AND v.deleted = 0) AS planned,
       (SELECT count(*) FROM visits v WHERE v.plan_id = p.id AND v.status = 'done' AND v.deleted = 0) AS done,
       (SELECT count(*) FROM visits v WHERE v.plan_id = p.id AND v.status = 'dropped' AND v.deleted = 0) AS dropped
     FROM visit_plans p WHERE p.month = ? AND p.deleted = 0`,
  ).all(input.month) as { id: string; ownerId: string; status: PlanStatus; submittedAt: string | null; planned: number; done: number; dropped: number }[];
  const byOwner = new Map(plans.map((p) => [p.ownerId, p]));
  const unplanned = new Map(
    (
      cachedStatement(
        sqlite,
        `SELECT d.owner_id AS ownerId, count(*) AS n FROM customer_visit_due d
         WHERE d.due_date IS NOT NULL AND d.due_date <= @last AND d.owner_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = d.customer_id AND v.status IN ('planned', 'dropped')
             AND v.visit_date >= @first AND v.visit_date <= @last AND v.deleted = 0)
         GROUP BY d.owner_id`,
      ).all({ first, last }) as { ownerId: string; n: number }[]
    ).map((r) => [r.ownerId, r.n]),
  );
  return {
    rows: managers.map((m) => {
      const p = byOwner.get(m.id);
      return {
        ownerId: m.id,
        ownerName: m.name,
        planId: p?.id ?? null,
        status: p?.status ?? null,
        submittedAt: p?.submittedAt ?? null,
        planned: p?.planned ?? 0,
        done: p?.done ?? 0,
        dropped: p?.dropped ?? 0,
        dueUnplanned: unplanned.get(m.id) ?? 0,
      };
    }),
  };
}
