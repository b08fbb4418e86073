import type { ParsedInputOf } from '../../../shared/contract';
import type { CareRecordRow } from '../../../shared/contract/care';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { careRecords } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { requireWritable } from '../customers/scope';
import { notifyUsers } from '../notifications';
import { leaders } from '../tickets/escalation';
import { deleteRow, getRow, insertRow, updateRow } from '../write';
import { careScope, recordScopeSql, type CareScope } from './scope';
import { careSettings } from './settings';

/** Courtesies (care_records): recorded, or waiting for a leader above the approval limit; decided; withdrawn; listed. */

export const RECORD_COLUMNS = `r.id, r.customer_id AS customerId, c.name AS customerName, r.contact_id AS contactId,
  cc.name AS contactName, r.owner_id AS ownerId, u.display_name AS ownerName, r.occasion, r.holiday_key AS holidayKey,
  r.occasion_date AS occasionDate, r.kind, r.description, r.cost_fen AS costFen, r.status, d.display_name AS decidedByName,
  r.decided_at AS decidedAt, r.decision_note AS decisionNote, r.event_id AS eventId, r.created_at AS createdAt`;
export const RECORD_FROM = `care_records r LEFT JOIN customers c ON c.id = r.customer_id
  LEFT JOIN customer_contacts cc ON cc.id = r.contact_id LEFT JOIN users u ON u.id = r.owner_id
  LEFT JOIN users d ON d.id = r.decided_by_id`;

type RawRecord = Omit<CareRecordRow, 'customerName'> & { customerName: string | null };

function toRecord(r: RawRecord): CareRecordRow {
  return { ...r, customerName: r.customerName ?? '' };
}

/** One record as the list shows it (no scope check). */
function recordRow(ctx: ServiceContext, id: string): CareRecordRow {
  const raw = ctx.store.sqlite.prepare(`SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE r.id = ?`).get(id) as RawRecord;
  return toRecord(raw);
}

/** A live record the caller can see, or NOT_FOUND. */
function visibleRecord(ctx: ServiceContext, scope: CareScope, id: string) {
  const s = recordScopeSql(scope);
  const found = ctx.store.sqlite.prepare(`SELECT r.id FROM care_records r WHERE r.id = ? AND r.deleted = 0 AND ${s.where}`).get(id, ...s.params);
  if (!found) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return getRow(ctx, careRecords, id);
}

/** ¥1,234.50 for a message. */
export function yuanText(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * care.records.create: an account manager for their own customers (a leader for any); the key person must
 * be the customer's. Above the approval limit the courtesy waits for a leader, and the leaders are told.
 */
export function createRecord(ctx: ServiceContext, input: ParsedInputOf<'care.records.create'>): CareRecordRow {
  const customer = requireWritable(ctx, input.customerId);
  const actor = customer.actor;
  if (input.contactId) {
    const contact = ctx.store.sqlite
      .prepare('SELECT customer_id AS customerId FROM customer_contacts WHERE id = ? AND deleted = 0')
      .get(input.contactId) as { customerId: string } | undefined;
    if (!contact || contact.customerId !== input.customerId) throw new AppError('VALIDATION', 'care.contactNotOfCustomer');
  }
  if (input.occasion === 'holiday' && !input.holidayKey) throw new AppError('VALIDATION', 'care.holidayKeyRequired');
  if (input.eventId) {
    const event = ctx.store.sqlite.prepare('SELECT 1 FROM care_events WHERE id = ? AND deleted = 0').get(input.eventId);
    if (!event) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  }
  const limit = careSettings(ctx).approvalLimitFen;
  const pending = input.costFen > limit;
  const ownerId = customer.ownerId ?? actor.id;
  const row = insertRow(ctx, careRecords, {
    customerId: input.customerId,
    contactId: input.contactId,
    ownerId,
    occasion: input.occasion,
    holidayKey: input.occasion === 'holiday' ? input.holidayKey : null,
    occasionDate: input.occasionDate,
    kind: input.kind,
    description: input.description,
    costFen: input.costFen,
    status: pending ? 'pending' : 'recorded',
    decidedById: null,
    decidedAt: null,
    decisionNote: '',
    eventId: input.eventId,
  });
  const out = recordRow(ctx, row.id);
  if (pending) {
    const department = ctx.store.sqlite.prepare('SELECT department FROM users WHERE id = ?').get(ownerId) as { department: string } | undefined;
    notifyUsers(ctx, leaders(ctx, department?.department ?? null), {
      kind: 'care_approval',
      messageKey: 'care.notify.approval',
      params: { owner: out.ownerName ?? '', customer: out.customerName, amount: yuanText(out.costFen), limit: yuanText(limit) },
      route: '/yellow/care/records?status=pending',
    });
  }
  return out;
}

/** care.records.decide: a leader approves or rejects a pending courtesy; the account manager is told. */
export function decideRecord(ctx: ServiceContext, input: ParsedInputOf<'care.records.decide'>): CareRecordRow {
  const scope = careScope(ctx);
  const before = visibleRecord(ctx, scope, input.id);
  if (before.status !== 'pending') {
    throw new AppError('CONFLICT', 'care.notPending', { status: translate(`care.status.${before.status}`, ctx.locale) });
  }
  updateRow(ctx, careRecords, input.id, {
    status: input.approve ? 'approved' : 'rejected',
    decidedById: scope.actor.id,
    decidedAt: isoNow(ctx),
    decisionNote: input.note,
  });
  const out = recordRow(ctx, input.id);
  notifyUsers(ctx, [out.ownerId], {
    kind: 'care_decided',
    messageKey: input.approve ? 'care.notify.approved' : 'care.notify.rejected',
    params: { customer: out.customerName, amount: yuanText(out.costFen), by: scope.actor.displayName, note: input.note },
    route: '/yellow/care/records',
  });
  return out;
}

/** care.records.remove: withdraws a courtesy not yet decided (an account manager: their own). */
export function removeRecord(ctx: ServiceContext, input: ParsedInputOf<'care.records.remove'>) {
  const scope = careScope(ctx);
  const row = visibleRecord(ctx, scope, input.id);
  if (!scope.manager && row.ownerId !== scope.actor.id) throw new AppError('FORBIDDEN', 'care.notYourRecord');
  if (row.status === 'approved' || row.status === 'rejected') {
    throw new AppError('CONFLICT', 'care.alreadyDecided', { status: translate(`care.status.${row.status}`, ctx.locale) });
  }
  deleteRow(ctx, careRecords, input.id);
  return { ok: true as const };
}

type RecordFilters = ParsedInputOf<'care.records.export'>;

/** WHERE of the list's filters in the caller's scope. */
function listWhere(scope: CareScope, input: RecordFilters): { where: string; params: unknown[] } {
  const s = recordScopeSql(scope);
  const parts = ['r.deleted = 0', s.where];
  const params: unknown[] = [...s.params];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (input.ownerId) add('r.owner_id = ?', input.ownerId);
  if (input.customerId) add('r.customer_id = ?', input.customerId);
  if (input.status) add('r.status = ?', input.status);
  if (input.occasion) add('r.occasion = ?', input.occasion);
  if (input.kind) add('r.kind = ?', input.kind);
  if (input.from) add('r.occasion_date >= ?', input.from);
  if (input.to) add('r.occasion_date <= ?', input.to);
  return { where: parts.join(' AND '), params };
}

/** care.records.list: newest occasion first, in the caller's scope. */
export function listRecords(ctx: ServiceContext, input: ParsedInputOf<'care.records.list'>) {
  const { where, params } = listWhere(careScope(ctx), input);
  const rows = ctx.store.sqlite
    .prepare(`SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE ${where} ORDER BY r.occasion_date DESC, r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as RawRecord[];
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM care_records r WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows: rows.map(toRecord), total, page: input.page, pageSize: input.pageSize };
}

/** A customer's last courtesies (the 360 section). */
export function customerRecords(ctx: ServiceContext, customerId: string, limit: number): CareRecordRow[] {
  const rows = ctx.store.sqlite
    .prepare(`SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE r.customer_id = ? AND r.deleted = 0 ORDER BY r.occasion_date DESC, r.created_at DESC LIMIT ?`)
    .all(customerId, limit) as RawRecord[];
  return rows.map(toRecord);
}
