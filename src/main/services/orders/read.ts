import { eq, sql } from 'drizzle-orm';
import {
  ACTIVATION_STAGE_KEY,
  type OrderAction,
  type OrderDetail,
  type OrderRow,
  type StageAttempt,
  type TemplateStage,
} from '../../../shared/contract/orders';
import { AppError } from '../../../shared/errors';
import { orderStages, workOrders } from '../../db/schema';
import type { ServiceContext } from '../context';
import { listGreenAttachments } from '../green/attachments';
import { greenEventsOf, greenEventTitle } from '../green/events';
import { businessMinutesBetween, type CompiledCalendar } from '../sla';
import { prepared } from '../tickets/read';
import { seededName } from '../tickets/seeded';
import type { Row } from '../write';
import { orderCalendar, returnReasonName } from './config';
import { assertCanSeeOrder, isOrderOwner, mayWorkStage, type OrderScope } from './scope';

/** Read model of work orders: list/queue rows and the order page, clocks evaluated at `now`. */

export type OrderRowT = Row<typeof workOrders>;
export type StageRowT = Row<typeof orderStages>;

/** Columns of a row view; `o` work_orders, `c` customers, `ow` owner, `h` holder, `cs` the open attempt. */
export const ORDER_ROW_SELECT = `
  o.id, o.number, o.customer_id AS customerId, c.name AS customerName, o.owner_id AS ownerId, ow.display_name AS ownerName,
  o.business_type AS businessType, o.business_type_name AS businessTypeName, o.status,
  o.current_stage_id AS currentStageId, o.current_seq AS currentSeq, o.current_stage_name AS currentStageName,
  o.current_dept AS currentDept, o.current_holder_id AS currentHolderId, h.display_name AS currentHolderName,
  COALESCE(cs.entered_at, CASE WHEN o.status = 'returned' THEN
    (SELECT max(r.completed_at) FROM order_stages r WHERE r.order_id = o.id AND r.status = 'returned') END) AS stageSince,
  o.stage_due_at AS stageDueAt, o.stage_warn_at AS stageWarnAt, json_array_length(o.stage_plan) AS stageCount,
  o.return_count AS returnCount, o.breach_count AS breachCount, o.expected_date AS expectedDate,
  o.created_at AS createdAt, o.closed_at AS closedAt, o.calendar_id AS calendarId, o.on_time AS onTime,
  cs.limit_minutes AS currentLimit`;

export const ORDER_ROW_JOINS = `
  LEFT JOIN customers c ON c.id = o.customer_id
  LEFT JOIN users ow ON ow.id = o.owner_id
  LEFT JOIN users h ON h.id = o.current_holder_id
  LEFT JOIN order_stages cs ON cs.id = o.current_stage_id`;

export type RawOrderRow = Omit<OrderRow, 'slaState' | 'remainingMinutes' | 'customerName'> & {
  customerName: string | null;
  calendarId: string | null;
  onTime: number | null;
  currentLimit: number | null;
};

const round = (x: number) => Math.round(x * 10) / 10;

/** The state of an open attempt from its stored times (the same comparisons the queue views make). */
export function openState(now: string, warnAt: string | null, dueAt: string | null): 'ok' | 'warning' | 'breached' {
  if (dueAt && dueAt <= now) return 'breached';
  if (warnAt && warnAt <= now) return 'warning';
  return 'ok';
}

/** A list/queue row from the raw columns, with the open attempt's state and business minutes left. */
export function toOrderRow(ctx: ServiceContext, r: RawOrderRow, now: Date, calendars: Map<string | null, CompiledCalendar> = new Map()): OrderRow {
  let slaState: OrderRow['slaState'] = 'none';
  let remainingMinutes: number | null = null;
  const nowIso = now.toISOString();
  if (r.currentStageId && r.stageSince && r.currentLimit !== null) {
    let cal = calendars.get(r.calendarId);
    if (!cal) {
      cal = orderCalendar(ctx, r.calendarId).compiled;
      calendars.set(r.calendarId, cal);
    }
    slaState = openState(nowIso, r.stageWarnAt, r.stageDueAt);
    remainingMinutes = round(r.currentLimit - businessMinutesBetween(cal, Date.parse(r.stageSince), now.getTime()));
  } else if (r.status === 'closed' && r.onTime !== null) {
    slaState = r.onTime ? 'met' : 'missed';
  }
  const name = (n: string | null) => (n === null ? null : seededName(n, ctx.locale));
  return {
    id: r.id,
    number: r.number,
    customerId: r.customerId,
    customerName: r.customerName ?? '',
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    businessType: r.businessType,
    businessTypeName: seededName(r.businessTypeName, ctx.locale),
    status: r.status,
    currentStageId: r.currentStageId,
    currentSeq: r.currentSeq,
    currentStageName: name(r.currentStageName),
    currentDept: r.currentDept,
    currentHolderId: r.currentHolderId,
    currentHolderName: r.currentHolderName,
    stageSince: r.stageSince,
    stageDueAt: r.stageDueAt,
    stageWarnAt: r.stageWarnAt,
    slaState,
    remainingMinutes,
    stageCount: r.stageCount,
    returnCount: r.returnCount,
    breachCount: r.breachCount,
    expectedDate: r.expectedDate,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
  };
}

// Every action loads its order and stage first: prepared drizzle queries skip building the SQL each time.
function buildLoaders(ctx: ServiceContext) {
  return {
    order: ctx.db.select().from(workOrders).where(eq(workOrders.id, sql.placeholder('id'))).prepare(),
    stage: ctx.db.select().from(orderStages).where(eq(orderStages.id, sql.placeholder('id'))).prepare(),
  };
}
const loaders = new WeakMap<object, ReturnType<typeof buildLoaders>>();
function loadersOf(ctx: ServiceContext) {
  let l = loaders.get(ctx.store.sqlite);
  if (!l) loaders.set(ctx.store.sqlite, (l = buildLoaders(ctx)));
  return l;
}

/** Loads an order row (any scope), or NOT_FOUND. */
export function loadOrder(ctx: ServiceContext, id: string): OrderRowT {
  const row = loadersOf(ctx).order.get({ id });
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

/** Loads a stage attempt (any scope), or NOT_FOUND. */
export function loadStage(ctx: ServiceContext, id: string): StageRowT {
  const row = loadersOf(ctx).stage.get({ id });
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

/** The order's stage plan snapshot. */
export function planOf(o: Pick<OrderRowT, 'stagePlan'>): TemplateStage[] {
  return JSON.parse(o.stagePlan) as TemplateStage[];
}

/** Every attempt of an order, by seq then attempt. */
export function attemptsOf(ctx: ServiceContext, orderId: string): StageRowT[] {
  return prepared(
    ctx,
    `SELECT id, order_id AS orderId, seq, attempt, stage_key AS stageKey, name, department, limit_minutes AS limitMinutes,
       required, status, is_open AS isOpen, entered_at AS enteredAt, accepted_at AS acceptedAt, holder_id AS holderId,
       completed_at AS completedAt, result, due_at AS dueAt, warn_at AS warnAt, sla_level AS slaLevel, on_time AS onTime,
       business_minutes AS businessMinutes, return_reason AS returnReason, return_note AS returnNote, return_to_seq AS returnToSeq
     FROM order_stages WHERE order_id = ? AND deleted = 0 ORDER BY seq, attempt`,
  ).all(orderId) as StageRowT[];
}

/** The stage a returned order was handed back from (its last return to the account manager). */
export function returnedFromSeq(attempts: StageRowT[]): number | null {
  const back = attempts.filter((a) => a.status === 'returned' && a.returnToSeq === -1);
  back.sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  return back.length ? back[back.length - 1]!.seq : null;
}

/** The actions the caller may take on an order now. */
export function orderActions(scope: OrderScope, o: OrderRowT, current: StageRowT | null, canSee: boolean): OrderAction[] {
  const out: OrderAction[] = [];
  if (!canSee) return out;
  const open = o.isOpen === 1;
  if (open && current && current.isOpen === 1 && mayWorkStage(scope, o, current.department)) {
    const last = current.seq === planOf(o).length - 1;
    if (current.status === 'waiting') out.push('accept');
    out.push(last ? 'signoff' : 'complete');
    if (!current.required) out.push('skip');
    out.push('return');
  }
  if (open && o.status === 'returned' && isOrderOwner(scope, o)) out.push('resubmit');
  if (open && isOrderOwner(scope, o)) out.push('update', 'cancel');
  out.push('attach');
  return out;
}

function attemptView(ctx: ServiceContext, cal: CompiledCalendar, a: StageRowT, now: Date, names: (id: string | null) => string | null): StageAttempt {
  const nowIso = now.toISOString();
  const end = a.completedAt ?? nowIso;
  const used = a.businessMinutes ?? businessMinutesBetween(cal, Date.parse(a.enteredAt), Date.parse(end));
  let slaState: StageAttempt['slaState'];
  if (a.isOpen === 1) slaState = openState(nowIso, a.warnAt, a.dueAt);
  else if (a.status === 'skipped' || a.status === 'cancelled') slaState = 'none';
  else slaState = used <= a.limitMinutes ? 'met' : 'missed';
  return {
    id: a.id,
    seq: a.seq,
    attempt: a.attempt,
    stageKey: a.stageKey,
    name: seededName(a.name, ctx.locale),
    department: a.department,
    status: a.status,
    enteredAt: a.enteredAt,
    acceptedAt: a.acceptedAt,
    completedAt: a.completedAt,
    holderId: a.holderId,
    holderName: names(a.holderId),
    limitMinutes: a.limitMinutes,
    businessMinutes: round(used),
    dueAt: a.dueAt,
    warnAt: a.warnAt,
    slaState,
    result: a.result,
    returnReason: a.returnReason,
    returnReasonName: returnReasonName(ctx, a.returnReason),
    returnNote: a.returnNote,
    returnToSeq: a.returnToSeq,
  };
}

/** The order page: row, plan with every attempt, timeline, attachments and the caller's actions. */
export function orderDetail(ctx: ServiceContext, scope: OrderScope, id: string): OrderDetail {
  const o = loadOrder(ctx, id);
  assertCanSeeOrder(ctx, scope, o);
  const now = ctx.now();
  const raw = prepared(ctx, `SELECT ${ORDER_ROW_SELECT} FROM work_orders o ${ORDER_ROW_JOINS} WHERE o.id = ?`).get(id) as RawOrderRow;
  const row = toOrderRow(ctx, raw, now);
  const cal = orderCalendar(ctx, o.calendarId);
  const nameCache = new Map<string, string | null>();
  const names = (userId: string | null) => {
    if (!userId) return null;
    if (!nameCache.has(userId)) {
      nameCache.set(userId, (prepared(ctx, 'SELECT display_name AS n FROM users WHERE id = ?').get(userId) as { n: string } | undefined)?.n ?? null);
    }
    return nameCache.get(userId)!;
  };
  const attempts = attemptsOf(ctx, id);
  const current = attempts.find((a) => a.id === o.currentStageId && a.isOpen === 1) ?? null;
  const stages = planOf(o).map((st, seq) => {
    const mine = attempts.filter((a) => a.seq === seq);
    const last = mine[mine.length - 1];
    let state: OrderDetail['stages'][number]['state'] = 'pending';
    if (last) {
      if (last.isOpen === 1) state = 'open';
      else if (last.status === 'done') state = 'done';
      else if (last.status === 'skipped') state = 'skipped';
      else if (last.status === 'returned') state = 'returned';
      else state = 'cancelled';
    }
    return {
      ...st,
      name: seededName(st.name, ctx.locale),
      seq,
      state,
      attempts: mine.map((a) => attemptView(ctx, cal.compiled, a, now, names)),
      returns: mine.filter((a) => a.status === 'returned').length,
    };
  });
  const end = o.closedAt ?? o.cancelledAt ?? now.toISOString();
  const contract = o.contractId
    ? (prepared(ctx, 'SELECT number FROM contracts WHERE id = ?').get(o.contractId) as { number: string } | undefined)
    : undefined;
  const events = greenEventsOf(ctx, id).map((e) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    actorName: e.actorName,
    note: e.note,
    title: greenEventTitle(e, ctx.locale),
    data: JSON.parse(e.data) as Record<string, unknown>,
  }));
  return {
    ...row,
    products: JSON.parse(o.products) as OrderDetail['products'],
    siteAddress: o.siteAddress,
    notes: o.notes,
    contractId: o.contractId,
    contractNumber: contract?.number ?? null,
    visitId: o.visitId,
    createdById: o.createdById,
    createdByName: names(o.createdById),
    templateVersion: o.templateVersion,
    calendarName: seededName(cal.name, ctx.locale),
    planMinutes: o.planMinutes,
    businessMinutes: round(o.businessMinutes ?? businessMinutesBetween(cal.compiled, Date.parse(o.createdAt), Date.parse(end))),
    onTime: o.onTime,
    activatedAt: o.activatedAt,
    cancelledAt: o.cancelledAt,
    cancelReason: o.cancelReason,
    returnedFromSeq: o.status === 'returned' ? returnedFromSeq(attempts) : null,
    stages,
    events,
    attachments: listGreenAttachments(ctx, id),
    actions: orderActions(scope, o, current, true),
  };
}

/** Whether a stage key writes services at completion. */
export const isActivation = (stageKey: string) => stageKey === ACTIVATION_STAGE_KEY;
