import { eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import { OWNER_DEPARTMENT, type OrderAction } from '../../../shared/contract/orders';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { formatShanghaiTime } from '../../../shared/time';
import { customers, orderStages, serviceInstances, users, workOrders } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { appendGreenEvent } from '../green/events';
import { notifyUsers } from '../notifications';
import { nextDocumentNumber } from '../numbering';
import { addBusinessMinutes, businessMinutesBetween } from '../sla';
import { seededName } from '../tickets/seeded';
import { insertRow, updateRow, type Patch } from '../write';
import { businessTypeOf, orderCalendar, orderCalendarId, ordersSettings } from './config';
import {
  attemptsOf,
  isActivation,
  loadOrder,
  loadStage,
  orderActions,
  orderDetail,
  planOf,
  returnedFromSeq,
  type OrderRowT,
  type StageRowT,
} from './read';
import { assertCanSeeOrder, isOrderOwner, mayWorkStage, orderScope, type OrderScope } from './scope';

/**
 * The work-order flow: opening an order, entering, accepting, completing, skipping and returning
 * stages (异常返单), resubmitting, signing off and cancelling. Each pass through a stage is its own
 * attempt row with its own due and warning times on the order's calendar; the order row mirrors the
 * open attempt (current_* columns, due_sort) so every queue view reads one partial index.
 */

const round = (x: number) => Math.round(x * 10) / 10;

function customerName(ctx: ServiceContext, id: string): string {
  return ctx.db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)).get()?.name ?? '';
}

/** Active users of a department who work its stages (its leaders hear of breaches, not of every arrival). */
export function departmentPeople(ctx: ServiceContext, department: string): string[] {
  return ctx.db
    .select({ id: users.id, role: users.role, active: users.active, deleted: users.deleted })
    .from(users)
    .where(eq(users.department, department))
    .all()
    .filter((u) => u.active && !u.deleted && u.role !== 'leader')
    .map((u) => u.id);
}

/** Who a stage of this department is waiting on: the owner for 客户经理 stages, else the department's people. */
function stagePeople(ctx: ServiceContext, o: OrderRowT, department: string): string[] {
  return department === OWNER_DEPARTMENT ? [o.ownerId ?? ''] : departmentPeople(ctx, department);
}

/** The order columns that mirror where the order is now (none open: due_sort '~' + now sorts last). */
function notRunning(ctx: ServiceContext): Patch<typeof workOrders> {
  return {
    currentStageId: null,
    currentSeq: null,
    currentStageName: null,
    currentDept: null,
    currentHolderId: null,
    stageDueAt: null,
    stageWarnAt: null,
    dueSort: `~${isoNow(ctx)}`,
  };
}

/**
 * Opens a new attempt of stage `seq` now: due and warning times on the order's calendar, the holder
 * preset for the owner's stages; mirrors it on the order, notes it and tells the people it waits on.
 */
function enterStage(ctx: ServiceContext, o: OrderRowT, seq: number, patch: Patch<typeof workOrders> = {}): OrderRowT {
  const plan = planOf(o)[seq]!;
  const nowMs = ctx.now().getTime();
  const cal = orderCalendar(ctx, o.calendarId).compiled;
  const { warnRatio } = ordersSettings(ctx);
  const previous = (ctx.store.sqlite.prepare('SELECT max(attempt) AS n FROM order_stages WHERE order_id = ? AND seq = ?').get(o.id, seq) as { n: number | null }).n ?? 0;
  const holderId = plan.department === OWNER_DEPARTMENT ? o.ownerId : null;
  const dueAt = new Date(addBusinessMinutes(cal, nowMs, plan.limitMinutes)).toISOString();
  const warnAt = new Date(addBusinessMinutes(cal, nowMs, plan.limitMinutes * warnRatio)).toISOString();
  const stage = insertRow(ctx, orderStages, {
    orderId: o.id,
    customerId: o.customerId,
    businessType: o.businessType,
    ownerId: o.ownerId,
    seq,
    stageKey: plan.key,
    name: plan.name,
    department: plan.department,
    limitMinutes: plan.limitMinutes,
    required: plan.required,
    attempt: previous + 1,
    status: 'waiting',
    isOpen: 1,
    enteredAt: isoNow(ctx),
    holderId,
    dueAt,
    warnAt,
  });
  const next = updateRow(ctx, workOrders, o.id, {
    ...patch,
    status: 'in_progress',
    currentStageId: stage.id,
    currentSeq: seq,
    currentStageName: plan.name,
    currentDept: plan.department,
    currentHolderId: holderId,
    stageDueAt: dueAt,
    stageWarnAt: warnAt,
    dueSort: dueAt,
  }).row;
  appendGreenEvent(ctx, 'order', next, 'stage_entered', { data: { stage: plan.name, dept: plan.department, attempt: stage.attempt, due: formatShanghaiTime(dueAt) } });
  const customer = customerName(ctx, o.customerId);
  notifyUsers(
    ctx,
    stagePeople(ctx, next, plan.department).filter((id) => id !== ctx.actor?.id),
    {
      kind: 'order_stage',
      messageKey: 'orders.notify.stage',
      params: { number: o.number, customer, stage: plan.name, due: formatShanghaiTime(dueAt) },
      route: `/green/orders/${o.id}`,
    },
  );
  return next;
}

/**
 * Ends the open attempt (done, skipped, returned or cancelled) with its business minutes and whether
 * it met its limit. Returns 1 when it ended late without the escalation pass having counted its breach.
 */
function endAttempt(ctx: ServiceContext, o: OrderRowT, stage: StageRowT, patch: Patch<typeof orderStages>): number {
  const now = isoNow(ctx);
  const cal = orderCalendar(ctx, o.calendarId).compiled;
  const minutes = round(businessMinutesBetween(cal, Date.parse(stage.enteredAt), ctx.now().getTime()));
  const late = !!stage.dueAt && now > stage.dueAt;
  updateRow(ctx, orderStages, stage.id, {
    isOpen: 0,
    completedAt: now,
    businessMinutes: minutes,
    onTime: minutes <= stage.limitMinutes,
    holderId: stage.holderId ?? ctx.actor?.id ?? null,
    acceptedAt: stage.acceptedAt ?? (patch.status === 'done' ? now : null),
    ...patch,
  });
  return late && stage.slaLevel < 2 ? 1 : 0;
}

function actionLabel(ctx: ServiceContext, a: OrderAction) {
  return translate(`orders.action.${a}`, ctx.locale);
}

/** Refuses an action the order's state or the caller does not allow, saying what is allowed now. */
function refuse(ctx: ServiceContext, scope: OrderScope, o: OrderRowT, action: OrderAction, stage: StageRowT | null = null): never {
  const current = o.currentStageId ? loadStage(ctx, o.currentStageId) : null;
  const allowed = orderActions(scope, o, current, true).filter((a) => a !== 'attach');
  const where = stage ? `${seededName(stage.name, ctx.locale)} · ${translate(`orders.stageStatus.${stage.status}`, ctx.locale)}` : translate(`orders.status.${o.status}`, ctx.locale);
  throw new AppError('CONFLICT', 'orders.actionRefused', {
    number: o.number,
    state: where,
    action: actionLabel(ctx, action),
    allowed: allowed.length ? allowed.map((a) => actionLabel(ctx, a)).join(ctx.locale === 'en' ? ', ' : '、') : translate('orders.noActions', ctx.locale),
  });
}

/** The open attempt named by a stage action, checked for scope, state and who may work it. */
function workableStage(ctx: ServiceContext, scope: OrderScope, stageId: string, action: OrderAction) {
  const stage = loadStage(ctx, stageId);
  const o = loadOrder(ctx, stage.orderId);
  assertCanSeeOrder(ctx, scope, o);
  if (stage.isOpen !== 1 || o.isOpen !== 1 || o.currentStageId !== stage.id) refuse(ctx, scope, o, action, stage);
  if (!mayWorkStage(scope, o, stage.department)) {
    throw new AppError('FORBIDDEN', 'orders.notYourStage', { stage: seededName(stage.name, ctx.locale), dept: stage.department });
  }
  return { stage, o };
}

function assertContract(ctx: ServiceContext, contractId: string | null | undefined, customerId: string): void {
  if (!contractId) return;
  const c = ctx.store.sqlite.prepare('SELECT customer_id AS customerId, deleted FROM contracts WHERE id = ?').get(contractId) as
    | { customerId: string; deleted: number }
    | undefined;
  if (!c || c.deleted || c.customerId !== customerId) throw new AppError('VALIDATION', 'orders.badContract');
}

/** Opens an order from its business type's current template and enters the first stage. */
export function openOrder(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.create'>): OrderRowT {
  const customer = ctx.db
    .select({ id: customers.id, ownerId: customers.ownerId, deleted: customers.deleted })
    .from(customers)
    .where(eq(customers.id, input.customerId))
    .get();
  if (!customer || customer.deleted) throw new AppError('VALIDATION', 'tickets.unknownCustomer');
  if (scope.actor.role === 'account_manager' && customer.ownerId !== scope.actor.id) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  const type = businessTypeOf(ctx, input.businessType);
  if (!type.active) throw new AppError('VALIDATION', 'orders.inactiveBusinessType', { type: type.name });
  assertContract(ctx, input.contractId, customer.id);
  let ownerId = scope.actor.role === 'account_manager' ? scope.actor.id : (customer.ownerId ?? scope.actor.id);
  if (input.ownerId && scope.manager) {
    const u = ctx.db.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, input.ownerId)).get();
    if (!u || !u.active) throw new AppError('VALIDATION', 'orders.badOwner');
    ownerId = input.ownerId;
  }
  const stages = type.template.stages;
  const o = insertRow(ctx, workOrders, {
    number: nextDocumentNumber(ctx, 'work_orders', 'GD'),
    customerId: customer.id,
    ownerId,
    createdById: scope.actor.id,
    businessType: type.key,
    businessTypeName: type.name,
    templateVersion: type.template.version,
    stagePlan: JSON.stringify(stages),
    products: JSON.stringify(input.products),
    siteAddress: input.siteAddress,
    expectedDate: input.expectedDate,
    contractId: input.contractId,
    visitId: input.visitId,
    notes: input.notes,
    calendarId: orderCalendarId(ctx),
    status: 'in_progress',
    isOpen: 1,
    dueSort: `~${isoNow(ctx)}`,
    planMinutes: stages.reduce((sum, st) => sum + st.limitMinutes, 0),
  });
  appendGreenEvent(ctx, 'order', o, 'created', {
    note: input.notes,
    data: { type: type.name, products: input.products.map((p) => `${p.product}×${p.quantity}`).join('、'), version: type.template.version },
  });
  return enterStage(ctx, o, 0);
}

/** Moves on after stage `seq` ended: the next stage, or closing the order after the last. */
function advance(ctx: ServiceContext, o: OrderRowT, seq: number, breached: number, note: string): OrderRowT {
  const patch: Patch<typeof workOrders> = { breachCount: o.breachCount + breached };
  if (seq + 1 < planOf(o).length) return enterStage(ctx, o, seq + 1, patch);
  // The last stage is 客户签收: the order is closed and archived with its end-to-end time.
  const cal = orderCalendar(ctx, o.calendarId).compiled;
  const minutes = round(businessMinutesBetween(cal, Date.parse(o.createdAt), ctx.now().getTime()));
  const closed = updateRow(ctx, workOrders, o.id, {
    ...patch,
    ...notRunning(ctx),
    status: 'closed',
    isOpen: 0,
    closedAt: isoNow(ctx),
    businessMinutes: minutes,
    onTime: minutes <= o.planMinutes,
  }).row;
  appendGreenEvent(ctx, 'order', closed, 'signed_off', { note, data: { minutes, plan: o.planMinutes } });
  return closed;
}

/** Writes the services put into operation onto the customer's business data (new rows, or updates of its own). */
function activateServices(ctx: ServiceContext, o: OrderRowT, services: NonNullable<ParsedInputOf<'orders.stage.complete'>['services']>): void {
  for (const s of services) {
    const { serviceInstanceId, ...fields } = s;
    if (serviceInstanceId) {
      const own = ctx.db.select({ customerId: serviceInstances.customerId }).from(serviceInstances).where(eq(serviceInstances.id, serviceInstanceId)).get();
      if (!own || own.customerId !== o.customerId) throw new AppError('VALIDATION', 'tickets.serviceNotOfCustomer');
      updateRow(ctx, serviceInstances, serviceInstanceId, { ...fields, status: 'active' });
    } else {
      insertRow(ctx, serviceInstances, { ...fields, customerId: o.customerId, status: 'active' });
    }
  }
  appendGreenEvent(ctx, 'order', o, 'activated', {
    data: { count: services.length, services: services.map((s) => `${s.product} ${s.serviceNo}`).join('、') },
  });
}

/** orders.stage.accept: the caller holds the stage. */
export function acceptStage(ctx: ServiceContext, scope: OrderScope, stageId: string): OrderRowT {
  const { stage, o } = workableStage(ctx, scope, stageId, 'accept');
  if (stage.status !== 'waiting') refuse(ctx, scope, o, 'accept', stage);
  updateRow(ctx, orderStages, stage.id, { status: 'accepted', acceptedAt: isoNow(ctx), holderId: scope.actor.id });
  const next = updateRow(ctx, workOrders, o.id, { currentHolderId: scope.actor.id }).row;
  appendGreenEvent(ctx, 'order', next, 'accepted', { data: { stage: stage.name } });
  return next;
}

/** orders.stage.complete: records the result (and on 业务开通 the services) and moves on. */
export function completeStage(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.stage.complete'>): OrderRowT {
  const { stage, o } = workableStage(ctx, scope, input.stageId, 'complete');
  let current = o;
  if (isActivation(stage.stageKey)) {
    if (!input.services?.length) throw new AppError('VALIDATION', 'orders.servicesRequired');
    activateServices(ctx, o, input.services);
    current = updateRow(ctx, workOrders, o.id, { activatedAt: isoNow(ctx) }).row;
  }
  const breached = endAttempt(ctx, o, stage, { status: 'done', result: input.result });
  appendGreenEvent(ctx, 'order', current, 'completed', { note: input.result, data: { stage: stage.name } });
  return advance(ctx, current, stage.seq, breached, input.result);
}

/** orders.stage.skip: passes over a stage the template marks skippable. */
export function skipStage(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.stage.skip'>): OrderRowT {
  const { stage, o } = workableStage(ctx, scope, input.stageId, 'skip');
  if (stage.required) throw new AppError('CONFLICT', 'orders.stageRequired', { stage: seededName(stage.name, ctx.locale) });
  const breached = endAttempt(ctx, o, stage, { status: 'skipped', result: input.reason });
  appendGreenEvent(ctx, 'order', o, 'skipped', { note: input.reason, data: { stage: stage.name } });
  return advance(ctx, o, stage.seq, breached, input.reason);
}

/**
 * orders.stage.return (异常返单): the attempt ends 'returned' with the reason; a new attempt of the
 * earlier stage opens now, or the order goes back to its account manager (status returned, no clock).
 */
export function returnStage(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.stage.return'>): OrderRowT {
  const { stage, o } = workableStage(ctx, scope, input.stageId, 'return');
  const reason = ordersSettings(ctx).returnReasons.find((r) => r.code === input.reasonCode && r.active);
  if (!reason) throw new AppError('VALIDATION', 'orders.unknownReason');
  const toOwner = input.toAccountManager === true;
  if (!toOwner && (input.toSeq === undefined || input.toSeq >= stage.seq)) {
    throw new AppError('VALIDATION', 'orders.returnEarlier', { stage: seededName(stage.name, ctx.locale) });
  }
  const breached = endAttempt(ctx, o, stage, {
    status: 'returned',
    returnReason: reason.code,
    returnNote: input.note,
    returnToSeq: toOwner ? -1 : input.toSeq!,
  });
  const plan = planOf(o);
  const target = toOwner ? OWNER_DEPARTMENT : plan[input.toSeq!]!.name;
  appendGreenEvent(ctx, 'order', o, 'returned', { note: input.note, data: { stage: stage.name, to: target, reason: reason.name } });
  const patch: Patch<typeof workOrders> = { breachCount: o.breachCount + breached, returnCount: o.returnCount + 1 };
  const next = toOwner
    ? updateRow(ctx, workOrders, o.id, { ...patch, ...notRunning(ctx), status: 'returned', currentHolderId: o.ownerId }).row
    : enterStage(ctx, o, input.toSeq!, patch);
  if (o.ownerId && o.ownerId !== scope.actor.id) {
    notifyUsers(ctx, [o.ownerId], {
      kind: 'order_returned',
      messageKey: toOwner ? 'orders.notify.returnedToOwner' : 'orders.notify.returned',
      params: { number: o.number, customer: customerName(ctx, o.customerId), stage: stage.name, to: target, reason: reason.name },
      route: `/green/orders/${o.id}`,
    });
  }
  return next;
}

function editPatch(ctx: ServiceContext, o: OrderRowT, input: ParsedInputOf<'orders.update'>) {
  assertContract(ctx, input.contractId, o.customerId);
  const patch: Patch<typeof workOrders> = {};
  if (input.products) patch.products = JSON.stringify(input.products);
  if (input.siteAddress !== undefined) patch.siteAddress = input.siteAddress;
  if (input.expectedDate !== undefined) patch.expectedDate = input.expectedDate;
  if (input.contractId !== undefined) patch.contractId = input.contractId;
  if (input.notes !== undefined) patch.notes = input.notes;
  const fields = Object.keys(patch).filter((k) => JSON.stringify((o as Record<string, unknown>)[k]) !== JSON.stringify(patch[k as keyof typeof patch]));
  return { patch, fields };
}

function ownedOpenOrder(ctx: ServiceContext, scope: OrderScope, id: string, action: OrderAction): OrderRowT {
  const o = loadOrder(ctx, id);
  assertCanSeeOrder(ctx, scope, o);
  if (!isOrderOwner(scope, o)) throw new AppError('FORBIDDEN', 'orders.ownerOnly');
  if (o.isOpen !== 1) refuse(ctx, scope, o, action);
  return o;
}

/** orders.update: edits an open order's details. */
export function updateOrder(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.update'>): OrderRowT {
  const o = ownedOpenOrder(ctx, scope, input.id, 'update');
  const { patch, fields } = editPatch(ctx, o, input);
  if (fields.length === 0) return o;
  const next = updateRow(ctx, workOrders, o.id, patch).row;
  appendGreenEvent(ctx, 'order', next, 'updated', { data: { fields: fields.join(',') } });
  return next;
}

/** orders.resubmit: the fixed order goes back to the stage it was returned from (or on to the next). */
export function resubmitOrder(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.resubmit'>): OrderRowT {
  const o = ownedOpenOrder(ctx, scope, input.id, 'resubmit');
  if (o.status !== 'returned') refuse(ctx, scope, o, 'resubmit');
  const { id: _id, note, resume, ...edits } = input;
  const { patch } = editPatch(ctx, o, { id: o.id, ...edits });
  const from = returnedFromSeq(attemptsOf(ctx, o.id)) ?? 0;
  const plan = planOf(o);
  let target = from;
  if (resume === 'next') {
    // Passing over the stage it came back from is skipping it: only a skippable stage may be passed over.
    if (plan[from]!.required) throw new AppError('CONFLICT', 'orders.stageRequired', { stage: seededName(plan[from]!.name, ctx.locale) });
    target = Math.min(from + 1, plan.length - 1);
  }
  appendGreenEvent(ctx, 'order', o, 'resubmitted', { note, data: { to: plan[target]!.name } });
  return enterStage(ctx, o, target, patch);
}

/** orders.signoff: the owner completes the last stage (客户签收), closing the order. */
export function signoffOrder(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.signoff'>): OrderRowT {
  const o = loadOrder(ctx, input.id);
  assertCanSeeOrder(ctx, scope, o);
  if (o.isOpen !== 1 || !o.currentStageId || o.currentSeq !== planOf(o).length - 1) refuse(ctx, scope, o, 'signoff');
  return completeStage(ctx, scope, { stageId: o.currentStageId, result: input.note });
}

/** orders.cancel: ends the open attempt and the order, with a reason. */
export function cancelOrder(ctx: ServiceContext, scope: OrderScope, input: ParsedInputOf<'orders.cancel'>): OrderRowT {
  const o = ownedOpenOrder(ctx, scope, input.id, 'cancel');
  let breached = 0;
  const holder = o.currentHolderId;
  if (o.currentStageId) {
    const stage = loadStage(ctx, o.currentStageId);
    if (stage.isOpen === 1) breached = endAttempt(ctx, o, stage, { status: 'cancelled', result: input.reason, holderId: stage.holderId });
  }
  const next = updateRow(ctx, workOrders, o.id, {
    ...notRunning(ctx),
    status: 'cancelled',
    isOpen: 0,
    cancelledAt: isoNow(ctx),
    cancelReason: input.reason,
    breachCount: o.breachCount + breached,
  }).row;
  appendGreenEvent(ctx, 'order', next, 'cancelled', { note: input.reason });
  if (holder && holder !== scope.actor.id) {
    notifyUsers(ctx, [holder], {
      kind: 'order_stage',
      messageKey: 'orders.notify.cancelled',
      params: { number: o.number, customer: customerName(ctx, o.customerId), reason: input.reason },
      route: `/green/orders/${o.id}`,
    });
  }
  return next;
}

/** Runs a flow step for the caller and answers with the order page. */
function step<I>(run: (ctx: ServiceContext, scope: OrderScope, input: I) => OrderRowT) {
  return (ctx: ServiceContext, input: I) => {
    const scope = orderScope(ctx);
    return orderDetail(ctx, scope, run(ctx, scope, input).id);
  };
}

export const flowHandlers = {
  'orders.create': step(openOrder),
  'orders.stage.accept': step((ctx, scope, input: ParsedInputOf<'orders.stage.accept'>) => acceptStage(ctx, scope, input.stageId)),
  'orders.stage.complete': step(completeStage),
  'orders.stage.skip': step(skipStage),
  'orders.stage.return': step(returnStage),
  'orders.resubmit': step(resubmitOrder),
  'orders.signoff': step(signoffOrder),
  'orders.cancel': step(cancelOrder),
  'orders.update': step(updateOrder),
};
