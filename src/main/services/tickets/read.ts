import type Database from 'better-sqlite3';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TicketDetail, TicketRow } from '../../../shared/contract/tickets';
import { SLA_CLOCKS, TRANSITIONS, type SlaClockName, type TicketAction } from '../../../shared/contract/ticket-common';
import { AppError } from '../../../shared/errors';
import { customerContacts, serviceInstances, ticketAttachments, ticketEvents, tickets, users } from '../../db/schema';
import type { ServiceContext } from '../context';
import type { CompiledCalendar } from '../sla';
import { calendarById } from './config';
import { seededName } from './seeded';
import { runningClock, viewClock, type ClockFacts } from './clocks';
import { eventTitle } from './events';
import { assertCanSee, roleMayAct, type TicketScope } from './scope';

/** Read model of tickets: queue rows and the ticket page, with SLA clocks evaluated at `now`. */

/** Columns every row view needs, aliased to camelCase; `t` tickets, `c` customers, `u` assignee, `k` category. */
export const ROW_SELECT = `
  t.id, t.number, t.kind, t.title, t.customer_id AS customerId, c.name AS customerName,
  t.customer_grade AS customerGrade, t.priority, t.status, t.channel, k.name AS categoryName,
  t.assignee_dept AS assigneeDept, t.assignee_id AS assigneeId, u.display_name AS assigneeName,
  t.created_at AS createdAt, t.sla_clock AS slaClock, t.next_due_at AS dueAt, t.next_warn_at AS warnAt,
  t.rework_count AS reworkCount, t.calendar_id AS calendarId, t.resolution_start_at AS resolutionStartAt,
  t.pauses, t.response_minutes AS responseMinutes, t.resolution_minutes AS resolutionMinutes,
  t.reply_minutes AS replyMinutes, t.warn_ratio AS warnRatio, t.responded_at AS respondedAt,
  t.resolved_at AS resolvedAt, t.replied_at AS repliedAt`;

export const ROW_JOINS = `
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN users u ON u.id = t.assignee_id
  LEFT JOIN ticket_categories k ON k.id = t.category_id`;
export const ROW_FROM = `tickets t ${ROW_JOINS}`;

export type RawRow = Omit<TicketRow, 'slaState' | 'remainingMinutes' | 'customerName'> &
  ClockFacts & { customerName: string | null; calendarId: string | null; slaClock: SlaClockName | null };

// Prepared statements per connection: the queue runs the same few queries all day.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A cached prepared statement on the store's connection. */
export function prepared(ctx: ServiceContext, sql: string): Database.Statement {
  let map = statements.get(ctx.store.sqlite);
  if (!map) {
    map = new Map();
    statements.set(ctx.store.sqlite, map);
  }
  let stmt = map.get(sql);
  if (!stmt) {
    stmt = ctx.store.sqlite.prepare(sql);
    map.set(sql, stmt);
  }
  return stmt;
}

/** A queue row from the raw columns, with the running clock's state and business minutes left. */
export function toRow(ctx: ServiceContext, r: RawRow, now: number, calendars?: Map<string | null, CompiledCalendar>): TicketRow {
  let slaState: TicketRow['slaState'] = 'none';
  let remainingMinutes: number | null = null;
  if (r.slaClock) {
    // A page has rows on two or three calendars: look each up once per page, not once per row.
    let cal = calendars?.get(r.calendarId);
    if (!cal) {
      cal = calendarById(ctx, r.calendarId).compiled;
      calendars?.set(r.calendarId, cal);
    }
    const view = viewClock(cal, r, r.slaClock, now);
    slaState = view.state;
    remainingMinutes = view.remainingMinutes;
  }
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    title: r.title,
    customerId: r.customerId,
    customerName: r.customerName ?? '',
    customerGrade: r.customerGrade,
    priority: r.priority,
    status: r.status,
    channel: r.channel,
    categoryName: r.categoryName === null ? null : seededName(r.categoryName, ctx.locale),
    assigneeDept: r.assigneeDept,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    createdAt: r.createdAt,
    slaClock: r.slaClock,
    dueAt: r.dueAt,
    warnAt: r.warnAt,
    slaState,
    remainingMinutes,
    reworkCount: r.reworkCount,
  };
}

// Every flow action loads its ticket first: a prepared drizzle query skips building the SQL each time.
function buildLoadTicket(ctx: ServiceContext) {
  return ctx.db.select().from(tickets).where(eq(tickets.id, sql.placeholder('id'))).prepare();
}
const loadTicketQueries = new WeakMap<object, ReturnType<typeof buildLoadTicket>>();
function loadTicketQuery(ctx: ServiceContext) {
  let query = loadTicketQueries.get(ctx.store.sqlite);
  if (!query) {
    query = buildLoadTicket(ctx);
    loadTicketQueries.set(ctx.store.sqlite, query);
  }
  return query;
}

/** Loads a ticket row (any scope), or NOT_FOUND. */
export function loadTicket(ctx: ServiceContext, id: string) {
  const row = loadTicketQuery(ctx).get({ id });
  if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

/** The actions the caller may take on a ticket now. */
export function actionsFor(scope: TicketScope, status: TicketDetail['status']): TicketAction[] {
  return (Object.keys(TRANSITIONS) as TicketAction[]).filter((a) => TRANSITIONS[a].from.includes(status) && roleMayAct(scope, a));
}

/** The ticket page: record, clocks, timeline, attachments and the caller's actions. */
export function ticketDetail(ctx: ServiceContext, scope: TicketScope, id: string): TicketDetail {
  const t = loadTicket(ctx, id);
  assertCanSee(ctx, scope, t);
  const now = ctx.now().getTime();
  const raw = prepared(ctx, `SELECT ${ROW_SELECT} FROM ${ROW_FROM} WHERE t.id = ?`).get(id) as RawRow;
  const row = toRow(ctx, raw, now);
  const cal = calendarById(ctx, t.calendarId).compiled;
  const running = runningClock(t);
  const clocks = SLA_CLOCKS.map((clock) => {
    const v = viewClock(cal, t, clock, now);
    // A clock that has not started or was never reached on a closed ticket says so.
    if (!v.doneAt && clock !== running) return { ...v, state: 'none' as const };
    return v;
  });
  const contact = t.contactId
    ? ctx.db.select({ name: customerContacts.name, mobile: customerContacts.mobile, phone: customerContacts.phone }).from(customerContacts).where(eq(customerContacts.id, t.contactId)).get()
    : undefined;
  const service = t.serviceInstanceId
    ? ctx.db.select({ serviceNo: serviceInstances.serviceNo, product: serviceInstances.product }).from(serviceInstances).where(eq(serviceInstances.id, t.serviceInstanceId)).get()
    : undefined;
  const nameOf = (userId: string | null) =>
    userId ? (ctx.db.select({ n: users.displayName }).from(users).where(eq(users.id, userId)).get()?.n ?? null) : null;
  const ownerRow = ctx.store.sqlite.prepare('SELECT owner_id AS ownerId FROM customers WHERE id = ?').get(t.customerId) as
    | { ownerId: string | null }
    | undefined;
  const events = ctx.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.deleted, false)))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.updatedHlc)) // the HLC orders events written in the same millisecond
    .all()
    .map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      note: e.note,
      title: eventTitle(e, ctx.locale),
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));
  const attachments = ctx.db
    .select({ id: ticketAttachments.id, fileName: ticketAttachments.fileName, size: ticketAttachments.size, createdAt: ticketAttachments.createdAt })
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.ticketId, id), eq(ticketAttachments.deleted, false)))
    .all();
  return {
    ...row,
    description: t.description,
    impact: t.impact,
    priorityReason: t.priorityReason,
    categoryId: t.categoryId,
    contactId: t.contactId,
    contactName: contact?.name ?? null,
    contactPhone: contact ? contact.mobile || contact.phone : null,
    serviceInstanceId: t.serviceInstanceId,
    serviceNo: service?.serviceNo ?? null,
    serviceProduct: service?.product ?? null,
    customerOwnerName: nameOf(ownerRow?.ownerId ?? null),
    createdByName: nameOf(t.createdById),
    policyName: seededName(t.policyName, ctx.locale),
    calendarName: seededName(t.calendarName, ctx.locale),
    clocks,
    paused: t.status === 'waiting',
    resolution: t.resolution,
    responsibleDept: t.responsibleDept,
    cause: t.cause,
    ourFault: t.ourFault,
    resolvedAt: t.resolvedAt,
    replyMethod: t.replyMethod,
    replyContent: t.replyContent,
    repliedAt: t.repliedAt,
    satisfaction: t.satisfaction,
    satisfactionComment: t.satisfactionComment,
    visitedAt: t.visitedAt,
    archivedAt: t.archivedAt,
    cancelReason: t.cancelReason,
    events,
    attachments,
    actions: actionsFor(scope, t.status),
    can: { setPriority: scope.desk && t.isOpen === 1, note: true },
  };
}
