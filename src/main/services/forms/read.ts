import type { ParsedInputOf } from '../../../shared/contract';
import { FORM_QUEUE_VIEWS, type FormDetail, type FormQueueView, type FormRow } from '../../../shared/contract/forms';
import { AppError } from '../../../shared/errors';
import { parseShanghaiTime } from '../../../shared/time';
import { isoNow, type ServiceContext } from '../context';
import { greenEventsOf, greenEventTitle } from '../green/events';
import { departments } from '../tickets/config';
import { slaState, stepOf } from './clock';
import { formCalendar, person } from './config';
import { formActions, loadForm } from './flow';
import { assertCanSee, formScope, scopeSql, type FormRowT, type FormScope } from './scope';

/** Reading forms: one form with its trail, the filtered list, and the queue views with their counts. */

const ROW_SELECT = `f.id, f.number, f.kind, f.title, f.customer_id AS customerId, c.name AS customerName, f.order_id AS orderId,
  f.important, f.status, f.drafter_id AS drafterId, d.display_name AS drafterName, f.drafter_dept AS drafterDept,
  f.approver_id AS approverId, a.display_name AS approverName, f.escalation_level AS escalationLevel,
  f.routed_dept AS routedDept, f.due_at AS dueAt, f.warn_at AS warnAt, f.sent_at AS sentAt, f.answered_at AS answeredAt,
  f.business_minutes AS businessMinutes, f.on_time AS onTime, f.reopen_count AS reopenCount,
  f.created_at AS createdAt, f.updated_at AS updatedAt`;
const ROW_JOINS = `LEFT JOIN customers c ON c.id = f.customer_id LEFT JOIN users d ON d.id = f.drafter_id
  LEFT JOIN users a ON a.id = f.approver_id`;

type RawRow = Omit<FormRow, 'important' | 'onTime' | 'step' | 'slaState' | 'customerName' | 'drafterName'> & {
  important: number;
  onTime: number | null;
  warnAt: string | null;
  customerName: string | null;
  drafterName: string | null;
};

function toRow(r: RawRow, nowIso: string): FormRow {
  const { warnAt, ...rest } = r;
  return {
    ...rest,
    customerName: r.customerName ?? '',
    drafterName: r.drafterName ?? '',
    important: r.important === 1,
    onTime: r.onTime === null ? null : r.onTime === 1,
    step: stepOf(r.status),
    slaState: slaState({ dueAt: r.dueAt, warnAt }, nowIso),
  };
}

/** One form as its page shows it, for a caller who can see it. */
export function formDetail(ctx: ServiceContext, scope: FormScope, f: FormRowT): FormDetail {
  const nowIso = isoNow(ctx);
  const raw = ctx.store.sqlite.prepare(`SELECT ${ROW_SELECT} FROM request_forms f ${ROW_JOINS} WHERE f.id = ?`).get(f.id) as RawRow;
  const order = f.orderId
    ? (ctx.store.sqlite.prepare('SELECT number FROM work_orders WHERE id = ?').get(f.orderId) as { number: string } | undefined)
    : undefined;
  const name = (id: string | null) => person(ctx, id)?.displayName ?? null;
  return {
    ...toRow(raw, nowIso),
    content: f.content,
    orderNumber: order?.number ?? null,
    approvedByName: name(f.approvedById),
    approvedForName: name(f.approvedForId),
    approvedAt: f.approvedAt,
    approvalComment: f.approvalComment,
    answer: f.answer,
    answeredByName: name(f.answeredById),
    closedAt: f.closedAt,
    stepStartedAt: f.stepStartedAt,
    stepLimitMinutes: f.stepLimitMinutes,
    warnAt: f.warnAt,
    calendarName: formCalendar(ctx).name,
    events: greenEventsOf(ctx, f.id).map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      actorName: e.actorName,
      onBehalfOfName: e.onBehalfOfName,
      note: e.note,
      title: greenEventTitle(e, ctx.locale),
    })),
    actions: formActions(ctx, scope, f),
    departments: scope.centre ? departments(ctx) : [],
  };
}

/** forms.get: the form if the caller may see it. */
export function getForm(ctx: ServiceContext, id: string): FormDetail {
  const scope = formScope(ctx);
  const f = loadForm(ctx, id);
  assertCanSee(ctx, scope, f);
  return formDetail(ctx, scope, f);
}

/** The UTC instant a Shanghai day starts; a date that does not exist (2026-02-30) is a VALIDATION error. */
function dayStart(date: string): number {
  const ms = parseShanghaiTime(date);
  if (ms === null) throw new AppError('VALIDATION', 'date.format');
  return ms;
}

/** The list's WHERE over `f` (scope + filters). */
function listWhere(scope: FormScope, input: ParsedInputOf<'forms.list.export'>, nowIso: string): { where: string; params: unknown[] } {
  const s = scopeSql(scope);
  const parts = ['f.deleted = 0', s.where];
  const params = [...s.params];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (input.kind) add('f.kind = ?', input.kind);
  if (input.status) add('f.status = ?', input.status);
  if (input.openOnly) add('f.is_open = 1');
  if (input.overdue) add('f.is_open = 1 AND f.due_sort <= ?', nowIso);
  if (input.customerId) add('f.customer_id = ?', input.customerId);
  if (input.routedDept) add('f.routed_dept = ?', input.routedDept);
  if (input.query) {
    const like = `%${input.query.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    add("(f.number LIKE ? ESCAPE '\\' OR f.title LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')", like, like, like);
  }
  // Local dates → UTC instants of the Shanghai day's start (inclusive `to`: before the next day's start).
  if (input.from) add('f.created_at >= ?', new Date(dayStart(input.from)).toISOString());
  if (input.to) add('f.created_at < ?', new Date(dayStart(input.to) + 86_400_000).toISOString());
  return { where: parts.join(' AND '), params };
}

/** forms.list: a page of forms in scope, newest first. */
export function listForms(ctx: ServiceContext, input: ParsedInputOf<'forms.list'>) {
  const scope = formScope(ctx);
  const nowIso = isoNow(ctx);
  const { where, params } = listWhere(scope, input, nowIso);
  const rows = ctx.store.sqlite
    .prepare(`SELECT ${ROW_SELECT} FROM request_forms f ${ROW_JOINS} WHERE ${where} ORDER BY f.created_at DESC, f.rowid DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as RawRow[];
  const total = (
    ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM request_forms f LEFT JOIN customers c ON c.id = f.customer_id WHERE ${where}`).get(...params) as {
      n: number;
    }
  ).n;
  return { rows: rows.map((r) => toRow(r, nowIso)), total, page: input.page, pageSize: input.pageSize };
}

/** The WHERE of a queue view: what waits on the caller (open forms only, read through the partial indexes). */
function viewWhere(scope: FormScope, view: FormQueueView): { where: string; params: unknown[] } | null {
  const me = scope.actor.id;
  switch (view) {
    case 'approvals': {
      const ids = [me, ...scope.deputyFor];
      return { where: `f.is_open = 1 AND f.status = 'pending_approval' AND f.approver_id IN (${ids.map(() => '?').join(', ')})`, params: ids };
    }
    case 'centre':
      return scope.centre ? { where: "f.is_open = 1 AND f.status = 'at_centre'", params: [] } : null;
    case 'department':
      return scope.department ? { where: "f.is_open = 1 AND f.status = 'routed' AND f.routed_dept = ?", params: [scope.department] } : null;
    case 'mine':
      return { where: "f.is_open = 1 AND f.drafter_id = ? AND f.status IN ('draft', 'sent_back', 'answered')", params: [me] };
  }
}

/** forms.queue: one view's page, most urgent first, with every view's count. */
export function formQueue(ctx: ServiceContext, input: ParsedInputOf<'forms.queue'>) {
  const scope = formScope(ctx);
  const nowIso = isoNow(ctx);
  const v = viewWhere(scope, input.view);
  const rows = v
    ? (ctx.store.sqlite
        .prepare(`SELECT ${ROW_SELECT} FROM request_forms f ${ROW_JOINS} WHERE ${v.where} ORDER BY f.due_sort, f.rowid LIMIT ? OFFSET ?`)
        .all(...v.params, input.pageSize, (input.page - 1) * input.pageSize) as RawRow[])
    : [];
  const counts = queueCountsFor(ctx, scope);
  return { rows: rows.map((r) => toRow(r, nowIso)), total: counts[input.view], page: input.page, pageSize: input.pageSize, now: nowIso, counts };
}

function queueCountsFor(ctx: ServiceContext, scope: FormScope): Record<FormQueueView, number> {
  const out = {} as Record<FormQueueView, number>;
  for (const view of FORM_QUEUE_VIEWS) {
    const v = viewWhere(scope, view);
    out[view] = v ? (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM request_forms f WHERE ${v.where}`).get(...v.params) as { n: number }).n : 0;
  }
  return out;
}

/** forms.queueCounts: how many forms wait in each of the caller's views. */
export function formQueueCounts(ctx: ServiceContext): Record<FormQueueView, number> {
  return queueCountsFor(ctx, formScope(ctx));
}


