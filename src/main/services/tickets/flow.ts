import { and, eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { Grade } from '../../../shared/contract/customer-common';
import { transitionActionSchema, type TransitionInput } from '../../../shared/contract/tickets';
import {
  allowedActions,
  DISSATISFIED_MAX,
  TRANSITIONS,
  type Priority,
  type TicketStatus,
} from '../../../shared/contract/ticket-common';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { customerContacts, customers, serviceInstances, ticketCategories, tickets, users } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { notifyUsers } from '../notifications';
import { businessMinutesBetweenPaused } from '../sla';
import { updateRow, insertRow, type Patch, type Row } from '../write';
import { calendarById, ensureTicketDefaults, matrixPriority, policyFor, readMatrix } from './config';
import { parsePauses, schedule, type StoredPause } from './clocks';
import { appendTicketEvent, label } from './events';
import { nextTicketNumber } from '../numbering';
import { loadTicket, ticketDetail } from './read';
import { assertCanSee, customerOwner, roleMayAct, ticketScope, type TicketScope } from './scope';

/** The red-channel flow: opening tickets, the allowed transitions, priority changes and notes. */

type TicketRowT = Row<typeof tickets>;

/** Recomputes the stored SLA schedule after a change; resets the escalation level when the clock changes. */
function withSchedule(ctx: ServiceContext, t: TicketRowT, patch: Patch<typeof tickets>): Patch<typeof tickets> {
  const merged = { ...t, ...patch } as TicketRowT;
  const s = schedule(calendarById(ctx, merged.calendarId).compiled, merged);
  const clockChanged = s.slaClock !== t.slaClock || s.nextDueAt !== t.nextDueAt;
  return { ...patch, ...s, ...(clockChanged && patch.slaLevel === undefined ? { slaLevel: 0 } : {}) };
}

/** The SLA policy columns a ticket snapshots (so later policy edits do not move open tickets silently). */
function policyColumns(ctx: ServiceContext, priority: Priority, grade: string | null) {
  const policy = policyFor(ctx, priority, grade);
  const cal = calendarById(ctx, policy.calendarId);
  return {
    policyId: policy.id,
    policyName: policy.name,
    calendarId: policy.calendarId,
    calendarName: cal.name,
    responseMinutes: policy.responseMinutes,
    resolutionMinutes: policy.resolutionMinutes,
    replyMinutes: policy.replyMinutes,
    warnRatio: policy.warnRatio,
  };
}

function assertAssignee(ctx: ServiceContext, assigneeId: string | null): string | null {
  if (!assigneeId) return null;
  const u = ctx.db.select({ displayName: users.displayName, active: users.active, deleted: users.deleted }).from(users).where(eq(users.id, assigneeId)).get();
  if (!u || !u.active || u.deleted) throw new AppError('VALIDATION', 'tickets.badAssignee');
  return u.displayName;
}

/** Tells the account manager about P1/P2 faults and every complaint on their customers. */
function notifyAccountManager(ctx: ServiceContext, t: TicketRowT, customerName: string): void {
  const important = t.kind === 'complaint' || t.priority === 'P1' || t.priority === 'P2';
  if (!important) return;
  const owner = customerOwner(ctx, t.customerId);
  if (!owner || owner === ctx.actor?.id) return;
  notifyUsers(ctx, [owner], {
    kind: 'customer_ticket',
    messageKey: t.kind === 'complaint' ? 'tickets.notify.customerComplaint' : 'tickets.notify.customerFault',
    params: { number: t.number, customer: customerName, priority: t.priority, title: t.title },
    route: `/red/${t.id}`,
    ticketId: t.id,
  });
}

/** Opens a ticket and returns the ticket page. */
export function createTicket(ctx: ServiceContext, input: ParsedInputOf<'tickets.create'>) {
  const scope = ticketScope(ctx);
  return ticketDetail(ctx, scope, openTicket(ctx, scope, input).id);
}

/** Opens a ticket: validates references, takes the matrix priority (or an override with a reason), computes due times. */
export function openTicket(ctx: ServiceContext, scope: TicketScope, input: ParsedInputOf<'tickets.create'>): TicketRowT {
  ensureTicketDefaults(ctx);
  const customer = ctx.db
    .select({ id: customers.id, name: customers.name, grade: customers.grade, ownerId: customers.ownerId, deleted: customers.deleted })
    .from(customers)
    .where(eq(customers.id, input.customerId))
    .get();
  if (!customer || customer.deleted) throw new AppError('VALIDATION', 'tickets.unknownCustomer');
  if (scope.actor.role === 'account_manager' && customer.ownerId !== scope.actor.id) {
    throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  }
  if (input.contactId) {
    const c = ctx.db.select({ customerId: customerContacts.customerId }).from(customerContacts).where(eq(customerContacts.id, input.contactId)).get();
    if (!c || c.customerId !== customer.id) throw new AppError('VALIDATION', 'tickets.contactNotOfCustomer');
  }
  if (input.serviceInstanceId) {
    const s = ctx.db.select({ customerId: serviceInstances.customerId }).from(serviceInstances).where(eq(serviceInstances.id, input.serviceInstanceId)).get();
    if (!s || s.customerId !== customer.id) throw new AppError('VALIDATION', 'tickets.serviceNotOfCustomer');
  }
  if (input.visitId) {
    const v = ctx.store.sqlite.prepare('SELECT customer_id AS customerId FROM visits WHERE id = ? AND deleted = 0').get(input.visitId) as
      | { customerId: string }
      | undefined;
    if (v?.customerId !== customer.id) throw new AppError('VALIDATION', 'visits.ticketVisitMismatch');
  }
  if (input.categoryId) {
    const k = ctx.db.select({ kind: ticketCategories.kind, active: ticketCategories.active }).from(ticketCategories).where(eq(ticketCategories.id, input.categoryId)).get();
    if (!k || !k.active || (k.kind && k.kind !== input.kind)) throw new AppError('VALIDATION', 'tickets.badCategory');
  }
  const grade = customer.grade as Grade | null;
  const derived = matrixPriority(readMatrix(ctx), input.impact, grade);
  const priority = input.priority ?? derived;
  const overridden = priority !== derived;
  if (overridden && !input.priorityReason?.trim()) throw new AppError('VALIDATION', 'tickets.priorityReasonRequired');
  const assigneeName = assertAssignee(ctx, input.assigneeId ?? null);
  const dispatch = !!input.assigneeDept;
  if (input.assigneeId && !dispatch) throw new AppError('VALIDATION', 'tickets.deptRequired');

  const now = isoNow(ctx);
  const base = {
    number: nextTicketNumber(ctx),
    kind: input.kind,
    customerId: customer.id,
    customerGrade: grade,
    contactId: input.contactId,
    serviceInstanceId: input.serviceInstanceId,
    channel: input.channel,
    categoryId: input.categoryId,
    visitId: input.visitId ?? null,
    title: input.title,
    description: input.description,
    impact: input.impact,
    priority,
    priorityReason: overridden ? input.priorityReason!.trim() : null,
    status: (dispatch ? 'dispatched' : 'new') as TicketStatus,
    isOpen: 1,
    assigneeDept: input.assigneeDept || null,
    assigneeId: input.assigneeId ?? null,
    createdById: scope.actor.id,
    ...policyColumns(ctx, priority, grade),
    resolutionStartAt: now,
    pauses: '[]',
    respondedAt: dispatch ? now : null,
  };
  const facts = { ...base, createdAt: now, resolvedAt: null, repliedAt: null };
  const s = schedule(calendarById(ctx, base.calendarId).compiled, facts);
  const responseOnTime = dispatch ? true : null;
  const t = insertRow(ctx, tickets, { ...base, ...s, responseOnTime });
  appendTicketEvent(ctx, t, 'created', {
    to: 'new',
    note: input.description,
    data: { kind: t.kind, channel: t.channel, priority, derivedPriority: derived, impact: t.impact, reason: t.priorityReason },
  });
  if (dispatch) {
    appendTicketEvent(ctx, t, 'assign', { from: 'new', to: 'dispatched', data: { dept: t.assigneeDept, assignee: assigneeName } });
    if (t.assigneeId && t.assigneeId !== scope.actor.id) notifyAssigned(ctx, t, customer.name);
  }
  notifyAccountManager(ctx, t, customer.name);
  return t;
}

function notifyAssigned(ctx: ServiceContext, t: TicketRowT, customerName: string) {
  notifyUsers(ctx, [t.assigneeId], {
    kind: 'assigned',
    messageKey: 'tickets.notify.assigned',
    params: { number: t.number, customer: customerName, priority: t.priority, title: t.title },
    route: `/red/${t.id}`,
    ticketId: t.id,
  });
}

function refuse(ctx: ServiceContext, t: TicketRowT, action: TransitionInput['action']): never {
  const allowed = allowedActions(t.status).map((a) => label('tickets.action', a, ctx.locale));
  throw new AppError('CONFLICT', 'tickets.transitionRefused', {
    number: t.number,
    status: label('tickets.status', t.status, ctx.locale),
    action: label('tickets.action', action, ctx.locale),
    allowed: allowed.length ? allowed.join(ctx.locale === 'en' ? ', ' : '、') : translate('tickets.noActions', ctx.locale),
  });
}

/** Applies one flow action to a ticket the caller can see; refuses actions the status or role does not allow. */
export function applyTransition(ctx: ServiceContext, scope: TicketScope, input: TransitionInput): TicketRowT {
  const t = loadTicket(ctx, input.id);
  assertCanSee(ctx, scope, t);
  const rule = TRANSITIONS[input.action];
  if (!rule.from.includes(t.status)) refuse(ctx, t, input.action);
  if (!roleMayAct(scope, input.action)) throw new AppError('FORBIDDEN', 'tickets.actionForbidden');

  const now = isoNow(ctx);
  const nowMs = ctx.now().getTime();
  const to = rule.to ?? t.status;
  const patch: Patch<typeof tickets> = {};
  const data: Record<string, unknown> = {};
  const pauses = JSON.parse(t.pauses) as StoredPause[];

  switch (input.action) {
    case 'assign': {
      const name = assertAssignee(ctx, input.assigneeId);
      Object.assign(patch, { assigneeDept: input.dept, assigneeId: input.assigneeId });
      Object.assign(data, { dept: input.dept, assignee: name });
      if (t.status === 'new') {
        patch.status = 'dispatched';
        if (!t.respondedAt) {
          patch.respondedAt = now;
          patch.responseOnTime = !t.responseDueAt || now <= t.responseDueAt;
        }
      }
      break;
    }
    case 'start':
      patch.status = 'in_progress';
      if (!t.respondedAt) {
        patch.respondedAt = now;
        patch.responseOnTime = !t.responseDueAt || now <= t.responseDueAt;
      }
      break;
    case 'wait':
      patch.status = 'waiting';
      patch.pauses = JSON.stringify([...pauses, { from: now, to: null }]);
      break;
    case 'resume':
      patch.status = 'in_progress';
      patch.pauses = JSON.stringify(pauses.map((p) => (p.to === null ? { ...p, to: now } : p)));
      break;
    case 'resolve': {
      Object.assign(patch, {
        status: 'resolved',
        resolvedAt: now,
        resolution: input.resolution,
        responsibleDept: input.responsibleDept,
        cause: input.cause,
        ourFault: input.ourFault,
      });
      if (!t.firstResolvedAt) {
        const cal = calendarById(ctx, t.calendarId).compiled;
        patch.firstResolvedAt = now;
        patch.resolutionOnTime = !t.resolutionDueAt || now <= t.resolutionDueAt;
        patch.resolutionBusinessMinutes =
          Math.round(businessMinutesBetweenPaused(cal, Date.parse(t.createdAt), nowMs, parsePauses(t.pauses)) * 10) / 10;
      }
      Object.assign(data, { dept: input.responsibleDept, cause: input.cause, ourFault: input.ourFault });
      break;
    }
    case 'reply':
      Object.assign(patch, { status: 'replied', repliedAt: now, replyMethod: input.method, replyContent: input.content });
      if (t.reworkCount === 0 || t.replyOnTime === null) patch.replyOnTime = !t.replyDueAt || now <= t.replyDueAt;
      Object.assign(data, { method: input.method, content: input.content });
      break;
    case 'visit':
      Object.assign(patch, { status: 'visited', visitedAt: now, satisfaction: input.satisfaction, satisfactionComment: input.comment });
      Object.assign(data, { score: input.satisfaction, comment: input.comment });
      break;
    case 'archive':
      if (t.satisfaction !== null && t.satisfaction <= DISSATISFIED_MAX && !['leader', 'admin'].includes(scope.actor.role)) {
        throw new AppError('CONFLICT', 'tickets.archiveDissatisfied', { number: t.number });
      }
      Object.assign(patch, { status: 'archived', archivedAt: now, isOpen: 0 });
      break;
    case 'rework':
      // Back to work: the resolution and reply clocks restart now; the first resolution stays for KPIs.
      Object.assign(patch, {
        status: 'in_progress',
        reworkCount: t.reworkCount + 1,
        resolvedAt: null,
        repliedAt: null,
        visitedAt: null,
        satisfaction: null,
        satisfactionComment: '',
        resolutionStartAt: now,
      });
      Object.assign(data, { count: t.reworkCount + 1, previousScore: t.satisfaction });
      break;
    case 'cancel':
      Object.assign(patch, { status: 'cancelled', cancelledAt: now, cancelReason: input.note, isOpen: 0 });
      break;
  }
  const next = updateRow(ctx, tickets, t.id, withSchedule(ctx, t, patch)).row;
  appendTicketEvent(ctx, t, input.action, { from: t.status, to: next.status === t.status ? null : to, note: input.note, data });
  if (input.action === 'assign' && next.assigneeId && next.assigneeId !== t.assigneeId && next.assigneeId !== ctx.actor?.id) {
    notifyAssigned(ctx, next, customerName(ctx, t.customerId));
  }
  return next;
}

function customerName(ctx: ServiceContext, id: string): string {
  return ctx.db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)).get()?.name ?? '';
}

/** Changes the priority with a reason and recomputes every due time from the ticket's original start. */
export function setPriority(ctx: ServiceContext, input: ParsedInputOf<'tickets.setPriority'>) {
  const scope = ticketScope(ctx);
  const t = loadTicket(ctx, input.id);
  assertCanSee(ctx, scope, t);
  if (t.isOpen !== 1) throw new AppError('CONFLICT', 'tickets.closed', { number: t.number });
  if (t.priority === input.priority) return ticketDetail(ctx, scope, t.id);
  const patch: Patch<typeof tickets> = {
    priority: input.priority,
    priorityReason: input.reason,
    ...policyColumns(ctx, input.priority, t.customerGrade),
  };
  const next = updateRow(ctx, tickets, t.id, withSchedule(ctx, t, patch)).row;
  appendTicketEvent(ctx, t, 'priority', { note: input.reason, data: { from: t.priority, to: input.priority, policy: next.policyName } });
  const wasImportant = t.priority === 'P1' || t.priority === 'P2';
  if (!wasImportant && next.kind === 'fault') notifyAccountManager(ctx, next, customerName(ctx, t.customerId));
  return ticketDetail(ctx, scope, t.id);
}

/** Adds a note to the timeline of a ticket the caller can see. */
export function addNote(ctx: ServiceContext, input: ParsedInputOf<'tickets.addNote'>) {
  const scope = ticketScope(ctx);
  const t = loadTicket(ctx, input.id);
  assertCanSee(ctx, scope, t);
  appendTicketEvent(ctx, t, 'note', { note: input.note });
  return ticketDetail(ctx, scope, t.id);
}

/** Assigns many tickets; tickets whose status does not allow it are listed, not fatal. */
export function bulkAssign(ctx: ServiceContext, input: ParsedInputOf<'tickets.bulkAssign'>) {
  const scope = ticketScope(ctx);
  assertAssignee(ctx, input.assigneeId);
  let changed = 0;
  const refused: { id: string; number: string; message: string }[] = [];
  for (const id of new Set(input.ids)) {
    try {
      applyTransition(ctx, scope, { id, action: 'assign', dept: input.dept, assigneeId: input.assigneeId, note: '' });
      changed++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const number = ctx.db.select({ n: tickets.number }).from(tickets).where(and(eq(tickets.id, id))).get()?.n ?? id;
      refused.push({ id, number, message: translate(error.key, ctx.locale, error.params) });
    }
  }
  return { changed, refused };
}

export const flowHandlers = {
  'tickets.create': (ctx: ServiceContext, input: ParsedInputOf<'tickets.create'>) => createTicket(ctx, input),
  'tickets.get': (ctx: ServiceContext, input: ParsedInputOf<'tickets.get'>) => ticketDetail(ctx, ticketScope(ctx), input.id),
  'tickets.transition': (ctx: ServiceContext, input: ParsedInputOf<'tickets.transition'>) => {
    const scope = ticketScope(ctx);
    // The API validated the input against the per-action shape; this parse only narrows its type.
    const t = applyTransition(ctx, scope, transitionActionSchema.parse(input));
    return ticketDetail(ctx, scope, t.id);
  },
  'tickets.setPriority': (ctx: ServiceContext, input: ParsedInputOf<'tickets.setPriority'>) => setPriority(ctx, input),
  'tickets.addNote': (ctx: ServiceContext, input: ParsedInputOf<'tickets.addNote'>) => addNote(ctx, input),
  'tickets.bulkAssign': (ctx: ServiceContext, input: ParsedInputOf<'tickets.bulkAssign'>) => bulkAssign(ctx, input),
};
