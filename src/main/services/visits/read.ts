import type { ParsedInputOf } from '../../../shared/contract';
import type { Grade } from '../../../shared/contract/customer-common';
import type { VisitDetail, VisitRow } from '../../../shared/contract/visits';
import type { VisitKind, VisitSource, VisitStatus } from '../../../shared/contract/visit-common';
import { AppError } from '../../../shared/errors';
import { cachedStatement, escapeLike } from '../../db/sql';
import type { ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { assertCanSeeVisit, visitScope, visitScopeSql, type VisitScope } from './scope';

/** Reading visits: the row lists and calendars show, the whole detail, and the filtered list. */

/** The columns of a visit row (visits v, customers c, users u). */
export const VISIT_ROW_SQL = `SELECT v.id, v.number, v.customer_id AS customerId, coalesce(c.name, '') AS customerName, c.grade AS customerGrade,
  v.owner_id AS ownerId, u.display_name AS ownerName, v.plan_id AS planId, v.source, v.kind, v.status, v.visit_date AS visitDate,
  v.start_time AS startTime, v.duration_minutes AS durationMinutes, v.due_date AS dueDate, v.on_time AS onTime, v.purpose,
  v.outcome, v.next_step AS nextStep, v.next_step_date AS nextStepDate, v.late_entry AS lateEntry`;
export const VISIT_JOINS = 'LEFT JOIN customers c ON c.id = v.customer_id LEFT JOIN users u ON u.id = v.owner_id';

export interface RawVisitRow {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  customerGrade: string | null;
  ownerId: string;
  ownerName: string | null;
  planId: string | null;
  source: string;
  kind: string;
  status: string;
  visitDate: string;
  startTime: string | null;
  durationMinutes: number | null;
  dueDate: string | null;
  onTime: number | null;
  purpose: string;
  outcome: string;
  nextStep: string;
  nextStepDate: string | null;
  lateEntry: number;
}

/** A raw row as the contract's VisitRow; `today` (Shanghai) decides "missed". */
export function toVisitRow(r: RawVisitRow, today: string): VisitRow {
  return {
    ...r,
    customerGrade: r.customerGrade as Grade | null,
    source: r.source as VisitSource,
    kind: r.kind as VisitKind,
    status: r.status as VisitStatus,
    onTime: r.onTime === null ? null : r.onTime === 1,
    lateEntry: r.lateEntry === 1,
    missed: r.status === 'planned' && r.visitDate < today,
  };
}

/** Visit rows by a WHERE over `v` (and c, u), in the given order. */
export function selectVisitRows(ctx: ServiceContext, where: string, params: unknown[], tail = 'ORDER BY v.visit_date, v.start_time, v.number'): VisitRow[] {
  const today = shanghaiToday(ctx.now());
  const rows = cachedStatement(ctx.store.sqlite, `${VISIT_ROW_SQL} FROM visits v ${VISIT_JOINS} WHERE ${where} ${tail}`).all(...params) as RawVisitRow[];
  return rows.map((r) => toVisitRow(r, today));
}

export interface VisitRecord {
  id: string;
  number: string;
  customerId: string;
  ownerId: string;
  planId: string | null;
  status: VisitStatus;
  kind: VisitKind;
  visitDate: string;
  startTime: string | null;
  recordedById: string | null;
  recordedAt: string | null;
  dueDate: string | null;
  lateEntry: boolean;
}

/** The fields the services decide on, of a live visit, or NOT_FOUND. */
export function loadVisit(ctx: ServiceContext, id: string): VisitRecord {
  const v = cachedStatement(
    ctx.store.sqlite,
    `SELECT id, number, customer_id AS customerId, owner_id AS ownerId, plan_id AS planId, status, kind, visit_date AS visitDate,
       start_time AS startTime, recorded_by_id AS recordedById, recorded_at AS recordedAt, due_date AS dueDate, late_entry AS lateEntry
     FROM visits WHERE id = ? AND deleted = 0`,
  ).get(id) as (Omit<VisitRecord, 'lateEntry'> & { lateEntry: number }) | undefined;
  if (!v) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return { ...v, lateEntry: v.lateEntry === 1 };
}

/** What the caller may do with a visit they can see. */
function actionsFor(scope: VisitScope, status: VisitStatus): VisitDetail['actions'] {
  if (!scope.writer) return [];
  if (status === 'planned') return ['record', 'move', 'drop', 'attach'];
  if (status === 'done') return ['update', 'attach'];
  return ['attach'];
}

/** visits.get: one visit, whole, for a caller who may see it. */
export function visitDetail(ctx: ServiceContext, id: string, scope: VisitScope = visitScope(ctx)): VisitDetail {
  const sqlite = ctx.store.sqlite;
  const v = loadVisit(ctx, id);
  assertCanSeeVisit(ctx, scope, v);
  const row = selectVisitRows(ctx, 'v.id = ?', [id])[0]!;
  const extra = cachedStatement(
    sqlite,
    `SELECT v.participants, v.contacts_met AS contactsMet, v.needs, v.competitor, v.complaints, v.drop_reason AS dropReason,
       v.recorded_at AS recordedAt, r.display_name AS recordedByName, v.event_id AS eventId, v.created_at AS createdAt, v.updated_at AS updatedAt
     FROM visits v LEFT JOIN users r ON r.id = v.recorded_by_id WHERE v.id = ?`,
  ).get(id) as {
    participants: string;
    contactsMet: string;
    needs: string;
    competitor: string;
    complaints: string;
    dropReason: string;
    recordedAt: string | null;
    recordedByName: string | null;
    eventId: string | null;
    createdAt: string;
    updatedAt: string;
  };
  const { participants: participantsJson, contactsMet: contactsJson, ...rest } = extra;
  const participants = cachedStatement(
    sqlite,
    'SELECT u.id, u.display_name AS name FROM json_each(?) j JOIN users u ON u.id = j.value ORDER BY j.key',
  ).all(participantsJson) as { id: string; name: string }[];
  const contactsMet = cachedStatement(
    sqlite,
    'SELECT p.id, p.name, p.title FROM json_each(?) j JOIN customer_contacts p ON p.id = j.value ORDER BY j.key',
  ).all(contactsJson) as { id: string; name: string; title: string }[];
  const attachments = cachedStatement(
    sqlite,
    `SELECT id, file_name AS fileName, size, created_at AS createdAt FROM visit_attachments
     WHERE visit_id = ? AND deleted = 0 ORDER BY created_at, id`,
  ).all(id) as { id: string; fileName: string; size: number; createdAt: string }[];
  const orders = cachedStatement(sqlite, 'SELECT id, number FROM work_orders WHERE visit_id = ? AND deleted = 0 ORDER BY number').all(id) as {
    id: string;
    number: string;
  }[];
  const tickets = cachedStatement(sqlite, 'SELECT id, number FROM tickets WHERE visit_id = ? AND deleted = 0 ORDER BY number').all(id) as {
    id: string;
    number: string;
  }[];
  return { ...row, ...rest, participants, contactsMet, attachments, orders, tickets, actions: actionsFor(scope, v.status) };
}

type ListFilters = Omit<ParsedInputOf<'visits.list'>, 'page' | 'pageSize'>;

const SORTS: Record<ListFilters['sort'], string> = {
  visitDate: 'v.visit_date, v.start_time, v.number',
  '-visitDate': 'v.visit_date DESC, v.start_time DESC, v.number DESC',
  customer: 'c.name, v.visit_date DESC, v.number',
  '-customer': 'c.name DESC, v.visit_date DESC, v.number',
};

/** The WHERE of visits.list and its export: the filters within the caller's scope. */
function listWhere(scope: VisitScope, input: ListFilters): { where: string; params: unknown[] } {
  const s = visitScopeSql(scope);
  const where = ['v.deleted = 0', s.where];
  const params = [...s.params];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (input.ownerId) add('v.owner_id = ?', input.ownerId);
  if (input.customerId) add('v.customer_id = ?', input.customerId);
  if (input.kind) add('v.kind = ?', input.kind);
  if (input.status) add('v.status = ?', input.status);
  if (input.from) add('v.visit_date >= ?', input.from);
  if (input.to) add('v.visit_date <= ?', input.to);
  if (input.lateEntry !== undefined) add('v.late_entry = ?', input.lateEntry ? 1 : 0);
  if (input.q) {
    const like = `%${escapeLike(input.q)}%`;
    add(
      "(v.number LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\' OR v.purpose LIKE ? ESCAPE '\\' OR v.outcome LIKE ? ESCAPE '\\')",
      like,
      like,
      like,
      like,
    );
  }
  return { where: where.join(' AND '), params };
}

/** visits.list: visits in the caller's scope, filtered, sorted and paged. */
export function listVisits(ctx: ServiceContext, input: ParsedInputOf<'visits.list'>) {
  const scope = visitScope(ctx);
  const { where, params } = listWhere(scope, input);
  const total = (
    cachedStatement(ctx.store.sqlite, `SELECT count(*) AS n FROM visits v LEFT JOIN customers c ON c.id = v.customer_id WHERE ${where}`).get(
      ...params,
    ) as { n: number }
  ).n;
  const rows = selectVisitRows(ctx, where, [...params, input.pageSize, (input.page - 1) * input.pageSize], `ORDER BY ${SORTS[input.sort]} LIMIT ? OFFSET ?`);
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
