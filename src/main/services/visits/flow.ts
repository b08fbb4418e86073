import type { ParsedInputOf } from '../../../shared/contract';
import type { VisitDetail } from '../../../shared/contract/visits';
import { LATE_ENTRY_DAYS, type VisitStatus } from '../../../shared/contract/visit-common';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { SHANGHAI_OFFSET_MS } from '../../../shared/time';
import { customerWarnings, visitAttachments, visits } from '../../db/schema';
import { cachedStatement } from '../../db/sql';
import { decodeAttachment, readAttachmentBytes, writeAttachmentBytes } from '../attachment-files';
import { isoNow, type ServiceContext } from '../context';
import { daysBetween, shanghaiToday } from '../customers/dates';
import { nextDocumentNumber } from '../numbering';
import { deleteRow, insertRow, updateRow, type Patch } from '../write';
import { ensurePlan, monthBounds } from './plans';
import { loadVisit, visitDetail, type VisitRecord } from './read';
import { ensureVisitRules } from './rules';
import { assertCanSeeVisit, visibleCustomer, visitScope, type CustomerRef, type VisitScope } from './scope';

/**
 * Writing visits: a plan item is added, moved or dropped while planned; recording completes it (or
 * writes a new visit) with the due date read before the write, 补录 when written more than
 * LATE_ENTRY_DAYS after the visit, and on_time against that due date.
 */

type VisitAction = 'record' | 'update' | 'move' | 'drop';

const ALLOWED: Record<VisitStatus, readonly VisitAction[]> = {
  planned: ['record', 'move', 'drop'],
  done: ['update'],
  dropped: [],
};

/** Refuses an action the visit's status does not allow, saying what is allowed instead. */
function assertAllowed(ctx: ServiceContext, v: VisitRecord, action: VisitAction): void {
  if (ALLOWED[v.status].includes(action)) return;
  const say = (key: string) => translate(key, ctx.locale);
  const allowed = ALLOWED[v.status].map((a) => say(`visits.action.${a}`));
  throw new AppError('CONFLICT', 'visits.notAllowed', {
    number: v.number,
    status: say(`visits.status.${v.status}`),
    action: say(`visits.action.${action}`),
    allowed: allowed.length ? allowed.join(ctx.locale === 'en' ? ', ' : '、') : say('visits.nothingAllowed'),
  });
}

/**
 * Whose visit a new one for `customer` is: an account manager visits only their own customers (another's
 * is NOT_FOUND); a leader's goes to the customer's 第一责任人, or to the leader when it has none.
 */
function ownerOfNewVisit(scope: VisitScope, customer: CustomerRef): string {
  if (!scope.writer) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
  if (scope.actor.role === 'account_manager') {
    if (customer.ownerId !== scope.actor.id) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
    return scope.actor.id;
  }
  return customer.ownerId ?? scope.actor.id;
}

/** The customer's due date now (null: none applies), read before a write changes it. */
export function currentDueDate(ctx: ServiceContext, customerId: string): string | null {
  ensureVisitRules(ctx);
  return (cachedStatement(ctx.store.sqlite, 'SELECT due_date FROM customer_visit_due WHERE customer_id = ?').pluck().get(customerId) as
    | string
    | null
    | undefined) ?? null;
}

/** The Shanghai day of an ISO instant. */
function localDay(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function assertNotFuture(ctx: ServiceContext, visitDate: string): void {
  if (visitDate > shanghaiToday(ctx.now())) throw new AppError('VALIDATION', 'visits.futureVisit', { date: visitDate });
}

/** Checks that every id is a live key person of the customer, and every participant an active user. */
function assertPeople(ctx: ServiceContext, customer: { id: string; name: string }, contactIds: readonly string[] | undefined, participantIds: readonly string[] | undefined): void {
  const sqlite = ctx.store.sqlite;
  if (contactIds?.length) {
    const ids = [...new Set(contactIds)];
    const found = cachedStatement(
      sqlite,
      'SELECT count(*) FROM json_each(?) j JOIN customer_contacts p ON p.id = j.value AND p.customer_id = ? AND p.deleted = 0',
    ).pluck().get(JSON.stringify(ids), customer.id) as number;
    if (found !== ids.length) throw new AppError('VALIDATION', 'visits.contactNotOfCustomer', { customer: customer.name });
  }
  if (participantIds?.length) {
    const ids = [...new Set(participantIds)];
    const found = cachedStatement(
      sqlite,
      'SELECT count(*) FROM json_each(?) j JOIN users u ON u.id = j.value AND u.active = 1 AND u.deleted = 0',
    ).pluck().get(JSON.stringify(ids)) as number;
    if (found !== ids.length) throw new AppError('VALIDATION', 'visits.badParticipant');
  }
}

function customerOf(ctx: ServiceContext, scope: VisitScope, customerId: string): CustomerRef {
  return visibleCustomer(ctx, scope, customerId);
}

/** visits.plan.add: a visit added to the owner's plan of the visit's month (created if needed). */
export function addPlannedVisit(ctx: ServiceContext, input: ParsedInputOf<'visits.plan.add'>): VisitDetail {
  const scope = visitScope(ctx);
  const customer = customerOf(ctx, scope, input.customerId);
  const ownerId = ownerOfNewVisit(scope, customer);
  if (input.visitDate < shanghaiToday(ctx.now())) throw new AppError('VALIDATION', 'visits.pastPlan', { date: input.visitDate });
  const plan = ensurePlan(ctx, ownerId, input.visitDate.slice(0, 7));
  const row = insertRow(ctx, visits, {
    number: nextDocumentNumber(ctx, 'visits', 'ZF'),
    customerId: customer.id,
    ownerId,
    planId: plan.id,
    source: 'added',
    kind: input.kind,
    status: 'planned',
    visitDate: input.visitDate,
    startTime: input.startTime,
    dueDate: currentDueDate(ctx, customer.id),
    purpose: input.purpose,
  });
  return visitDetail(ctx, row.id, scope);
}

/** visits.move: a planned visit to another day (and time); into another month's plan when the month changes. */
export function moveVisit(ctx: ServiceContext, input: ParsedInputOf<'visits.move'>): VisitDetail {
  const scope = visitScope(ctx);
  const v = loadVisit(ctx, input.id);
  assertCanSeeVisit(ctx, scope, v, true);
  assertAllowed(ctx, v, 'move');
  if (input.visitDate < shanghaiToday(ctx.now())) throw new AppError('VALIDATION', 'visits.pastPlan', { date: input.visitDate });
  const patch: Patch<typeof visits> = { visitDate: input.visitDate };
  if (input.startTime !== undefined) patch.startTime = input.startTime;
  if (v.planId && input.visitDate.slice(0, 7) !== v.visitDate.slice(0, 7)) patch.planId = ensurePlan(ctx, v.ownerId, input.visitDate.slice(0, 7)).id;
  updateRow(ctx, visits, v.id, patch);
  return visitDetail(ctx, v.id, scope);
}

/** visits.drop: a planned visit will not take place, with the reason. */
export function dropVisit(ctx: ServiceContext, input: ParsedInputOf<'visits.drop'>): VisitDetail {
  const scope = visitScope(ctx);
  const v = loadVisit(ctx, input.id);
  assertCanSeeVisit(ctx, scope, v, true);
  assertAllowed(ctx, v, 'drop');
  updateRow(ctx, visits, v.id, { status: 'dropped', dropReason: input.reason });
  return visitDetail(ctx, v.id, scope);
}

type RecordInput = ParsedInputOf<'visits.record'>;

/** The record's columns from the form. */
function recordColumns(input: RecordInput) {
  return {
    kind: input.kind,
    visitDate: input.visitDate,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    participants: JSON.stringify([...new Set(input.participantIds)]),
    contactsMet: JSON.stringify([...new Set(input.contactIds)]),
    purpose: input.purpose,
    needs: input.needs,
    competitor: input.competitor,
    complaints: input.complaints,
    outcome: input.outcome,
    nextStep: input.nextStep,
    nextStepDate: input.nextStepDate,
    nextStepRemindedAt: null,
  };
}

/**
 * visits.record: completes a planned visit (id), or records one for a customer — completing the owner's
 * planned visit of that customer in the same month when there is one, else writing a new row.
 */
export function recordVisit(ctx: ServiceContext, input: RecordInput): VisitDetail {
  const scope = visitScope(ctx);
  let planned: VisitRecord | null = null;
  let customer: CustomerRef;
  let ownerId: string;
  if (input.id) {
    planned = loadVisit(ctx, input.id);
    assertCanSeeVisit(ctx, scope, planned, true);
    assertAllowed(ctx, planned, 'record');
    customer = visibleCustomerOrAny(ctx, planned.customerId);
    ownerId = planned.ownerId;
  } else {
    customer = customerOf(ctx, scope, input.customerId!);
    ownerId = ownerOfNewVisit(scope, customer);
    const { first, last } = monthBounds(input.visitDate.slice(0, 7));
    const sameMonth = cachedStatement(
      ctx.store.sqlite,
      `SELECT id FROM visits WHERE owner_id = ? AND customer_id = ? AND status = 'planned' AND deleted = 0
         AND visit_date >= ? AND visit_date <= ? ORDER BY visit_date, number LIMIT 1`,
    ).pluck().get(ownerId, customer.id, first, last) as string | undefined;
    if (sameMonth) planned = loadVisit(ctx, sameMonth);
  }
  assertNotFuture(ctx, input.visitDate);
  assertPeople(ctx, customer, input.contactIds, input.participantIds);

  const now = isoNow(ctx);
  const dueDate = currentDueDate(ctx, customer.id);
  const record = {
    ...recordColumns(input),
    status: 'done' as const,
    dueDate,
    onTime: dueDate === null || input.visitDate <= dueDate,
    recordedAt: now,
    recordedById: scope.actor.id,
    lateEntry: daysBetween(input.visitDate, localDay(now)) > LATE_ENTRY_DAYS,
  };
  let id: string;
  if (planned) {
    updateRow(ctx, visits, planned.id, record);
    id = planned.id;
  } else {
    id = insertRow(ctx, visits, {
      ...record,
      number: nextDocumentNumber(ctx, 'visits', 'ZF'),
      customerId: customer.id,
      ownerId,
      planId: null,
      source: 'recorded',
    }).id;
  }
  resolveVisitWarnings(ctx, customer.id);
  return visitDetail(ctx, id, scope);
}

/**
 * The customer's open 走访逾期 churn warning ends with the visit that brings its due date back into the
 * future, at once rather than at the next daily refresh (which would clear it too).
 */
function resolveVisitWarnings(ctx: ServiceContext, customerId: string): void {
  const sqlite = ctx.store.sqlite;
  const due = cachedStatement(sqlite, 'SELECT due_date FROM customer_visit_due WHERE customer_id = ?').pluck().get(customerId) as string | null | undefined;
  if (due && due < shanghaiToday(ctx.now())) return;
  const open = cachedStatement(
    sqlite,
    "SELECT id FROM customer_warnings WHERE customer_id = ? AND kind = 'no_visit' AND resolved_at IS NULL AND deleted = 0",
  ).pluck().all(customerId) as string[];
  for (const warningId of open) updateRow(ctx, customerWarnings, warningId, { resolvedAt: isoNow(ctx) });
}

/** A visit's customer (live or not: a recorded visit stays recordable when its customer was transferred). */
function visibleCustomerOrAny(ctx: ServiceContext, customerId: string): CustomerRef {
  const c = cachedStatement(ctx.store.sqlite, 'SELECT id, name, owner_id AS ownerId, grade, address FROM customers WHERE id = ?').get(customerId) as
    | CustomerRef
    | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return c;
}

/** visits.update: corrects a recorded visit; 补录 and on time follow a changed visit day. */
export function updateVisit(ctx: ServiceContext, input: ParsedInputOf<'visits.update'>): VisitDetail {
  const scope = visitScope(ctx);
  const v = loadVisit(ctx, input.id);
  assertCanSeeVisit(ctx, scope, v, true);
  assertAllowed(ctx, v, 'update');
  const customer = visibleCustomerOrAny(ctx, v.customerId);
  if (input.visitDate !== undefined) assertNotFuture(ctx, input.visitDate);
  assertPeople(ctx, customer, input.contactIds, input.participantIds);
  const patch: Patch<typeof visits> = {
    kind: input.kind,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    purpose: input.purpose,
    needs: input.needs,
    competitor: input.competitor,
    complaints: input.complaints,
    outcome: input.outcome,
    nextStep: input.nextStep,
  };
  if (input.participantIds) patch.participants = JSON.stringify([...new Set(input.participantIds)]);
  if (input.contactIds) patch.contactsMet = JSON.stringify([...new Set(input.contactIds)]);
  if (input.nextStepDate !== undefined) {
    patch.nextStepDate = input.nextStepDate;
    // A new next-step day is reminded again.
    const current = cachedStatement(ctx.store.sqlite, 'SELECT next_step_date FROM visits WHERE id = ?').pluck().get(v.id) as string | null;
    if (current !== input.nextStepDate) patch.nextStepRemindedAt = null;
  }
  if (input.visitDate !== undefined && input.visitDate !== v.visitDate) {
    patch.visitDate = input.visitDate;
    patch.onTime = v.dueDate === null || input.visitDate <= v.dueDate;
    patch.lateEntry = daysBetween(input.visitDate, localDay(v.recordedAt ?? isoNow(ctx))) > LATE_ENTRY_DAYS;
  }
  updateRow(ctx, visits, v.id, patch);
  return visitDetail(ctx, v.id, scope);
}

/**
 * visits.remove: deletes a visit added by mistake — a planned (or dropped) one, or a record by its
 * writer on the day it was written; a leader or admin any.
 */
export function removeVisit(ctx: ServiceContext, input: ParsedInputOf<'visits.remove'>) {
  const scope = visitScope(ctx);
  const v = loadVisit(ctx, input.id);
  assertCanSeeVisit(ctx, scope, v, true);
  if (!scope.manager && v.status === 'done') {
    const sameDay = v.recordedAt !== null && localDay(v.recordedAt) === shanghaiToday(ctx.now());
    if (v.recordedById !== scope.actor.id || !sameDay) throw new AppError('CONFLICT', 'visits.removeRecorded', { number: v.number });
  }
  deleteRow(ctx, visits, v.id);
  return { ok: true as const };
}

/** visits.attachments.add: a file or photo for a visit the caller may change. */
export function addVisitAttachment(ctx: ServiceContext, input: ParsedInputOf<'visits.attachments.add'>) {
  const scope = visitScope(ctx);
  const v = loadVisit(ctx, input.visitId);
  assertCanSeeVisit(ctx, scope, v, true);
  const { bytes, sha256 } = decodeAttachment(input.base64);
  const row = insertRow(ctx, visitAttachments, {
    visitId: v.id,
    fileName: input.fileName,
    mimeType: input.mimeType,
    size: bytes.length,
    sha256,
    uploadedById: scope.actor.id,
  });
  writeAttachmentBytes(ctx, 'visits', row.id, bytes);
  return { id: row.id, fileName: row.fileName, size: row.size, createdAt: row.createdAt };
}

/** visits.attachments.get: an attachment's bytes, for a caller who may see its visit. */
export function getVisitAttachment(ctx: ServiceContext, input: ParsedInputOf<'visits.attachments.get'>) {
  const scope = visitScope(ctx);
  const a = cachedStatement(
    ctx.store.sqlite,
    'SELECT id, visit_id AS visitId, file_name AS fileName, mime_type AS mimeType FROM visit_attachments WHERE id = ? AND deleted = 0',
  ).get(input.id) as { id: string; visitId: string; fileName: string; mimeType: string } | undefined;
  if (!a) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  assertCanSeeVisit(ctx, scope, loadVisit(ctx, a.visitId));
  return { fileName: a.fileName, mimeType: a.mimeType, base64: readAttachmentBytes(ctx, 'visits', a.id).toString('base64') };
}
