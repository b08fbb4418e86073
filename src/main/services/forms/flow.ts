import { eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { FormAction } from '../../../shared/contract/forms';
import type { FormStatus } from '../../../shared/contract/order-common';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { customers, requestForms } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { appendGreenEvent } from '../green/events';
import { notifyUsers, type NotificationInput } from '../notifications';
import { nextDocumentNumber } from '../numbering';
import { departments } from '../tickets/config';
import { insertRow, updateRow, type Patch } from '../write';
import { businessMinutes, stepClock } from './clock';
import { CENTRE_DEPT, centreUsers, firstApprover, formCalendar, person, readFormSettings, usersOf } from './config';
import { approvingFor, assertCanSee, formScope, type FormRowT, type FormScope } from './scope';

/**
 * The request-form flow: 草稿 → (important: 待审批 → 同意 / 驳回 / 退回修改) → 响应中心受理 → 已转办 →
 * 已答复 → 已确认关闭, or re-opened back to the answering department; 撤回 while nobody works on it.
 * Every step writes the form, its timeline line (green_events) and its notifications in the call's
 * transaction, and starts the next step's clock.
 */

/** The statuses each action may start from. */
export const FORM_TRANSITIONS: Record<FormAction, readonly FormStatus[]> = {
  update: ['draft', 'sent_back'],
  submit: ['draft', 'sent_back'],
  approve: ['pending_approval'],
  reject: ['pending_approval'],
  sendBack: ['pending_approval'],
  route: ['at_centre'],
  answer: ['routed'],
  confirm: ['answered'],
  reopen: ['answered'],
  withdraw: ['draft', 'sent_back', 'pending_approval', 'at_centre'],
};

/** Who may take an action on a form he can see (besides its status allowing it). */
export function mayAct(ctx: ServiceContext, scope: FormScope, f: FormRowT, action: FormAction): boolean {
  switch (action) {
    case 'approve':
    case 'reject':
    case 'sendBack':
      return approvingFor(ctx, scope, f) !== null;
    case 'route':
      return scope.centre;
    case 'answer':
      return !!scope.department && scope.department === f.routedDept;
    default:
      return f.drafterId === scope.actor.id;
  }
}

/** The actions the caller may take on a form now. */
export function formActions(ctx: ServiceContext, scope: FormScope, f: FormRowT): FormAction[] {
  return (Object.keys(FORM_TRANSITIONS) as FormAction[]).filter((a) => FORM_TRANSITIONS[a].includes(f.status) && mayAct(ctx, scope, f, a));
}

/** The form row, or NOT_FOUND. */
export function loadForm(ctx: ServiceContext, id: string): FormRowT {
  const f = ctx.db.select().from(requestForms).where(eq(requestForms.id, id)).get();
  if (!f || f.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return f;
}

const list = (ctx: ServiceContext, items: string[]) => items.join(ctx.locale === 'en' ? ', ' : '、');

function refuse(ctx: ServiceContext, scope: FormScope, f: FormRowT, action: FormAction): never {
  const allowed = formActions(ctx, scope, f).map((a) => translate(`forms.action.${a}`, ctx.locale));
  throw new AppError('CONFLICT', 'forms.transitionRefused', {
    number: f.number,
    status: translate(`forms.status.${f.status}`, ctx.locale),
    action: translate(`forms.action.${action}`, ctx.locale),
    allowed: allowed.length ? list(ctx, allowed) : translate('forms.noActions', ctx.locale),
  });
}

const NOT_ALLOWED: Partial<Record<FormAction, string>> = {
  approve: 'forms.notApprover',
  reject: 'forms.notApprover',
  sendBack: 'forms.notApprover',
  route: 'forms.notCentre',
  answer: 'forms.notRoutedDept',
};

/** Loads a form the caller can see and checks the action is allowed in its status and for the caller. */
function begin(ctx: ServiceContext, id: string, action: FormAction): { scope: FormScope; f: FormRowT } {
  const scope = formScope(ctx);
  const f = loadForm(ctx, id);
  assertCanSee(ctx, scope, f);
  if (!FORM_TRANSITIONS[action].includes(f.status)) refuse(ctx, scope, f, action);
  if (!mayAct(ctx, scope, f, action)) throw new AppError('FORBIDDEN', NOT_ALLOWED[action] ?? 'forms.notDrafter', { number: f.number });
  return { scope, f };
}

function customerName(ctx: ServiceContext, id: string): string {
  return ctx.db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)).get()?.name ?? '';
}

/** Notifies users about a form (the actor is never told about his own step). */
function notify(ctx: ServiceContext, f: FormRowT, userIds: (string | null | undefined)[], kind: NotificationInput['kind'], key: string, extra: Record<string, string> = {}) {
  const others = userIds.filter((id) => id && id !== ctx.actor?.id);
  notifyUsers(ctx, others, {
    kind,
    messageKey: key,
    params: { number: f.number, title: f.title, customer: customerName(ctx, f.customerId), ...extra },
    route: `/green/forms/${f.id}`,
  });
}

function checkCustomerAndOrder(ctx: ServiceContext, scope: FormScope, customerId: string, orderId: string | null) {
  const c = ctx.db.select({ ownerId: customers.ownerId, deleted: customers.deleted }).from(customers).where(eq(customers.id, customerId)).get();
  if (!c || c.deleted) throw new AppError('VALIDATION', 'forms.unknownCustomer');
  if (scope.actor.role === 'account_manager' && c.ownerId !== scope.actor.id) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  if (orderId) {
    const o = ctx.store.sqlite.prepare('SELECT customer_id AS customerId FROM work_orders WHERE id = ? AND deleted = 0').get(orderId) as
      | { customerId: string }
      | undefined;
    if (!o) throw new AppError('VALIDATION', 'forms.unknownOrder');
    if (o.customerId !== customerId) throw new AppError('VALIDATION', 'forms.orderNotOfCustomer');
  }
}

/** Drafts a form (and sends it when asked). */
export function createForm(ctx: ServiceContext, input: ParsedInputOf<'forms.create'>): FormRowT {
  const scope = formScope(ctx);
  checkCustomerAndOrder(ctx, scope, input.customerId, input.orderId);
  const s = readFormSettings(ctx);
  const f = insertRow(ctx, requestForms, {
    number: nextDocumentNumber(ctx, 'request_forms', input.kind === 'resource' ? 'ZY' : 'LX'),
    kind: input.kind,
    customerId: input.customerId,
    orderId: input.orderId,
    title: input.title,
    content: input.content,
    important: input.important,
    drafterId: scope.actor.id,
    drafterDept: scope.department,
    status: 'draft',
    isOpen: 1,
    ...stepClock(ctx, 'draft', s),
  });
  appendGreenEvent(ctx, 'form', f, 'created', { data: { title: f.title } });
  return input.submit ? submitForm(ctx, f.id) : f;
}

/** Edits a draft or a form sent back. */
export function updateForm(ctx: ServiceContext, input: ParsedInputOf<'forms.update'>): FormRowT {
  const { f } = begin(ctx, input.id, 'update');
  const { row, changed } = updateRow(ctx, requestForms, f.id, { title: input.title, content: input.content, important: input.important });
  if (changed.length) appendGreenEvent(ctx, 'form', row, 'updated');
  return row;
}

/** Sends a draft: important forms to the leader of the drafter's department, others to the response centre. */
export function submitForm(ctx: ServiceContext, id: string): FormRowT {
  const { f } = begin(ctx, id, 'submit');
  const s = readFormSettings(ctx);
  if (f.important) {
    const approver = firstApprover(ctx, f.drafterDept, s);
    if (!approver) throw new AppError('CONFLICT', 'forms.noLeader', { dept: f.drafterDept || '—' });
    const row = updateRow(ctx, requestForms, f.id, {
      status: 'pending_approval',
      approverId: approver.id,
      escalationLevel: 0,
      ...stepClock(ctx, 'pending_approval', s),
    }).row;
    appendGreenEvent(ctx, 'form', row, 'submitted', { data: { approver: approver.displayName } });
    notifyApprover(ctx, row, approver.id, 'forms.notify.approval');
    return row;
  }
  return sendToCentre(ctx, f, {});
}

/** Tells the approver (and whoever stands in for him today) that a form waits for approval. */
export function notifyApprover(ctx: ServiceContext, f: FormRowT, approverId: string, key: string, extra: Record<string, string> = {}) {
  const today = shanghaiToday(ctx.now());
  const deputies = ctx.store.sqlite
    .prepare('SELECT deputy_id AS id FROM leader_deputies WHERE leader_id = ? AND deleted = 0 AND from_date <= ? AND to_date >= ?')
    .all(approverId, today, today) as { id: string }[];
  const drafter = person(ctx, f.drafterId)?.displayName ?? '';
  notify(ctx, f, [approverId, ...deputies.map((d) => d.id)], 'form_approval', key, { drafter, ...extra });
}

function sendToCentre(ctx: ServiceContext, f: FormRowT, patch: Patch<typeof requestForms>): FormRowT {
  const now = isoNow(ctx);
  const row = updateRow(ctx, requestForms, f.id, {
    ...patch,
    status: 'at_centre',
    sentAt: now,
    ...stepClock(ctx, 'at_centre', readFormSettings(ctx)),
  }).row;
  appendGreenEvent(ctx, 'form', row, 'sent');
  return row;
}

/** Approval by the leader or his deputy for today: both are kept (approved_by / approved_for, the event's on-behalf-of). */
export function approveForm(ctx: ServiceContext, input: ParsedInputOf<'forms.approve'>): FormRowT {
  const { scope, f } = begin(ctx, input.id, 'approve');
  const forWhom = approvingFor(ctx, scope, f)!;
  const leader = 'leaderId' in forWhom ? person(ctx, forWhom.leaderId) : undefined;
  const onBehalfOf = leader ? { id: leader.id, name: leader.displayName } : null;
  appendGreenEvent(ctx, 'form', f, 'approved', { note: input.comment, onBehalfOf });
  const row = sendToCentre(ctx, f, {
    approvedById: scope.actor.id,
    approvedForId: leader?.id ?? null,
    approvedAt: isoNow(ctx),
    approvalComment: input.comment,
  });
  notify(ctx, row, [row.drafterId], 'form_approval', 'forms.notify.approved');
  return row;
}

/** Rejection (closes the form) or sending back for changes, with the approver's comment. */
export function decline(ctx: ServiceContext, input: ParsedInputOf<'forms.reject'>, action: 'reject' | 'sendBack'): FormRowT {
  const { scope, f } = begin(ctx, input.id, action);
  const forWhom = approvingFor(ctx, scope, f)!;
  const leader = 'leaderId' in forWhom ? person(ctx, forWhom.leaderId) : undefined;
  const reject = action === 'reject';
  const status: FormStatus = reject ? 'rejected' : 'sent_back';
  const row = updateRow(ctx, requestForms, f.id, {
    status,
    isOpen: reject ? 0 : 1,
    closedAt: reject ? isoNow(ctx) : null,
    approvalComment: input.comment,
    ...stepClock(ctx, status, readFormSettings(ctx)),
  }).row;
  appendGreenEvent(ctx, 'form', row, reject ? 'rejected' : 'sent_back', {
    note: input.comment,
    onBehalfOf: leader ? { id: leader.id, name: leader.displayName } : null,
  });
  notify(ctx, row, [row.drafterId], 'form_approval', reject ? 'forms.notify.rejected' : 'forms.notify.sentBack', { comment: input.comment });
  return row;
}

/** The response centre routes the form to the department that answers it. */
export function routeForm(ctx: ServiceContext, input: ParsedInputOf<'forms.route'>): FormRowT {
  const { f } = begin(ctx, input.id, 'route');
  if (!departments(ctx).includes(input.dept)) throw new AppError('VALIDATION', 'forms.unknownDept', { dept: input.dept });
  const row = updateRow(ctx, requestForms, f.id, { status: 'routed', routedDept: input.dept, ...stepClock(ctx, 'routed', readFormSettings(ctx)) }).row;
  appendGreenEvent(ctx, 'form', row, 'routed', { note: input.comment, data: { dept: input.dept } });
  notify(ctx, row, usersOf(ctx, input.dept).map((u) => u.id), 'assigned', 'forms.notify.routed', { dept: input.dept });
  return row;
}

/**
 * A user of the routed department answers. The resource-confirmation time is sent_at → the (latest)
 * answer in business minutes; on time when within the centre's and the answering limits together.
 */
export function answerForm(ctx: ServiceContext, input: ParsedInputOf<'forms.answer'>): FormRowT {
  const { scope, f } = begin(ctx, input.id, 'answer');
  const s = readFormSettings(ctx);
  const cal = formCalendar(ctx, s);
  const now = isoNow(ctx);
  const minutes = businessMinutes(cal.compiled, f.sentAt ?? f.createdAt, now);
  const row = updateRow(ctx, requestForms, f.id, {
    status: 'answered',
    answer: input.answer,
    answeredById: scope.actor.id,
    answeredAt: now,
    businessMinutes: minutes,
    onTime: minutes <= s.limits.centre + s.limits.answer,
    ...stepClock(ctx, 'answered', s, cal),
  }).row;
  appendGreenEvent(ctx, 'form', row, 'answered', { note: input.answer, data: { dept: f.routedDept ?? '' } });
  notify(ctx, row, [row.drafterId], 'form_answered', 'forms.notify.answered', { dept: f.routedDept ?? '' });
  return row;
}

/** The drafter confirms the answer: the form is closed. */
export function confirmForm(ctx: ServiceContext, input: ParsedInputOf<'forms.confirm'>): FormRowT {
  const { f } = begin(ctx, input.id, 'confirm');
  const row = updateRow(ctx, requestForms, f.id, { status: 'closed', isOpen: 0, closedAt: isoNow(ctx), ...stepClock(ctx, 'closed', readFormSettings(ctx)) }).row;
  appendGreenEvent(ctx, 'form', row, 'confirmed', { note: input.comment });
  return row;
}

/** The drafter re-opens an answered form with a reason: back to the department that answered. */
export function reopenForm(ctx: ServiceContext, input: ParsedInputOf<'forms.reopen'>): FormRowT {
  const { f } = begin(ctx, input.id, 'reopen');
  const count = f.reopenCount + 1;
  const row = updateRow(ctx, requestForms, f.id, { status: 'routed', reopenCount: count, ...stepClock(ctx, 'routed', readFormSettings(ctx)) }).row;
  appendGreenEvent(ctx, 'form', row, 'reopened', { note: input.reason, data: { count } });
  notify(ctx, row, usersOf(ctx, f.routedDept ?? '').map((u) => u.id), 'assigned', 'forms.notify.reopened', { reason: input.reason });
  return row;
}

/** The drafter withdraws a form nobody works on yet. */
export function withdrawForm(ctx: ServiceContext, input: ParsedInputOf<'forms.withdraw'>): FormRowT {
  const { f } = begin(ctx, input.id, 'withdraw');
  const row = updateRow(ctx, requestForms, f.id, { status: 'withdrawn', isOpen: 0, closedAt: isoNow(ctx), ...stepClock(ctx, 'withdrawn', readFormSettings(ctx)) }).row;
  appendGreenEvent(ctx, 'form', row, 'withdrawn', { note: input.reason });
  return row;
}

/** Users who hold a form's running step (for SLA warnings): approver, the centre, the routed department, the drafter. */
export function stepHolders(ctx: ServiceContext, f: FormRowT): { users: string[]; dept: string } {
  switch (f.status) {
    case 'pending_approval':
      return { users: [f.approverId ?? ''], dept: f.drafterDept };
    case 'at_centre':
      return { users: centreUsers(ctx).map((u) => u.id), dept: CENTRE_DEPT };
    case 'routed':
      return { users: usersOf(ctx, f.routedDept ?? '').map((u) => u.id), dept: f.routedDept ?? '' };
    default:
      return { users: [f.drafterId], dept: f.drafterDept };
  }
}
