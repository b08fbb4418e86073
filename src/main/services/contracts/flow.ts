import type { ParsedInputOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { contracts } from '../../db/schema';
import { isoNow, type ServiceContext } from '../context';
import { requireWritable } from '../customers/scope';
import { addGreenAttachment, findGreenAttachment } from '../green/attachments';
import { appendGreenEvent } from '../green/events';
import { nextDocumentNumber } from '../numbering';
import { insertRow, updateRow } from '../write';
import { contractDetail, loadContract, type ContractRecord } from './read';
import { assertAllowed, assertCanSee, contractScope, type ContractScope } from './scope';
import { reminderDays } from './settings';
import { displayStatusOf, statusDay } from './status';

/**
 * The life of a contract: drafted (or recorded signed), signed, renewed into a successor, tacitly
 * extended, terminated. Every step writes through the write path and appends a line to the green
 * timeline (so the customer's 360 shows it) in the call's transaction.
 */

/** The contract's owner: leaders may name an active account manager or leader; otherwise the customer's 第一责任人. */
function ownerFor(ctx: ServiceContext, scope: ContractScope, requested: string | null | undefined, customerOwnerId: string | null): string | null {
  if (scope.actor.role === 'account_manager') return scope.actor.id;
  if (requested === undefined) return customerOwnerId;
  if (requested === null) return null;
  const user = ctx.store.sqlite
    .prepare("SELECT id FROM users WHERE id = ? AND deleted = 0 AND active = 1 AND role IN ('account_manager', 'leader')")
    .get(requested) as { id: string } | undefined;
  if (!user) throw new AppError('VALIDATION', 'contracts.ownerInvalid');
  return user.id;
}

/** The contract the caller may change with `action`, and its shown status now. */
function forAction(ctx: ServiceContext, id: string, action: Parameters<typeof assertAllowed>[4]) {
  const scope = contractScope(ctx);
  const c = loadContract(ctx, id);
  assertCanSee(ctx, scope, c);
  const status = displayStatusOf(c, statusDay(ctx, reminderDays(ctx)));
  assertAllowed(ctx, scope, c, status, action);
  return { scope, c };
}

const recordOf = (c: Pick<ContractRecord, 'id' | 'customerId' | 'number'>) => ({ id: c.id, customerId: c.customerId, number: c.number });

/** contracts.create: a draft, or a contract recorded as signed with its term. */
export function createContract(ctx: ServiceContext, input: ParsedInputOf<'contracts.create'>) {
  const scope = contractScope(ctx);
  const customer = requireWritable(ctx, input.customerId);
  const row = insertRow(ctx, contracts, {
    number: nextDocumentNumber(ctx, 'contracts', 'HT'),
    customerId: customer.id,
    ownerId: ownerFor(ctx, scope, input.ownerId, customer.ownerId),
    title: input.title,
    amountFen: input.amountFen,
    signDate: input.signDate,
    startDate: input.startDate,
    endDate: input.endDate,
    paymentTerms: input.paymentTerms,
    renewalTerms: input.renewalTerms,
    notes: input.notes,
    status: input.signed ? 'signed' : 'draft',
  });
  appendGreenEvent(ctx, 'contract', recordOf(row), 'created', { data: { title: row.title } });
  if (input.signed) appendGreenEvent(ctx, 'contract', recordOf(row), 'signed', { data: { start: row.startDate, end: row.endDate } });
  return contractDetail(ctx, row.id, scope);
}

/** contracts.update: every field of a draft; of a signed contract all but its dates. */
export function updateContract(ctx: ServiceContext, input: ParsedInputOf<'contracts.update'>) {
  const { scope, c } = forAction(ctx, input.id, 'update');
  const { id: _id, ownerId, ...fields } = input;
  const datesChange = (['signDate', 'startDate', 'endDate'] as const).some((k) => fields[k] !== undefined && fields[k] !== c[k]);
  if (c.status !== 'draft' && datesChange) throw new AppError('CONFLICT', 'contracts.datesFixed');
  const start = fields.startDate !== undefined ? fields.startDate : c.startDate;
  const end = fields.endDate !== undefined ? fields.endDate : c.endDate;
  if (start && end && end < start) throw new AppError('VALIDATION', 'contracts.endBeforeStart');
  const patch: Partial<ContractRecord> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
  if (ownerId !== undefined && scope.actor.role !== 'account_manager') patch.ownerId = ownerFor(ctx, scope, ownerId, null);
  updateRow(ctx, contracts, c.id, patch);
  appendGreenEvent(ctx, 'contract', recordOf(c), 'updated');
  return contractDetail(ctx, c.id, scope);
}

/** contracts.sign: a draft gets its sign date and term. */
export function signContract(ctx: ServiceContext, input: ParsedInputOf<'contracts.sign'>) {
  const { scope, c } = forAction(ctx, input.id, 'sign');
  updateRow(ctx, contracts, c.id, { status: 'signed', signDate: input.signDate, startDate: input.startDate, endDate: input.endDate });
  appendGreenEvent(ctx, 'contract', recordOf(c), 'signed', { data: { start: input.startDate, end: input.endDate } });
  return contractDetail(ctx, c.id, scope);
}

/**
 * contracts.renew: the signed successor with the new term, linked both ways; the old contract becomes
 * 已续签 and leaves the reminders (only signed contracts are reminded), the successor is reminded before
 * its own end.
 */
export function renewContract(ctx: ServiceContext, input: ParsedInputOf<'contracts.renew'>) {
  const { scope, c } = forAction(ctx, input.id, 'renew');
  if (c.endDate && input.endDate <= c.endDate) throw new AppError('VALIDATION', 'contracts.renewNotLater', { end: c.endDate });
  const next = insertRow(ctx, contracts, {
    number: nextDocumentNumber(ctx, 'contracts', 'HT'),
    customerId: c.customerId,
    ownerId: c.ownerId,
    title: input.title || c.title,
    amountFen: input.amountFen,
    signDate: input.signDate,
    startDate: input.startDate,
    endDate: input.endDate,
    paymentTerms: input.paymentTerms ?? c.paymentTerms,
    renewalTerms: input.renewalTerms ?? c.renewalTerms,
    notes: input.notes,
    status: 'signed',
    predecessorId: c.id,
  });
  updateRow(ctx, contracts, c.id, { status: 'renewed', successorId: next.id });
  appendGreenEvent(ctx, 'contract', recordOf(c), 'renewed', { data: { successor: next.number, start: input.startDate, end: input.endDate } });
  appendGreenEvent(ctx, 'contract', recordOf(next), 'renewal', { data: { predecessor: c.number } });
  appendGreenEvent(ctx, 'contract', recordOf(next), 'signed', { data: { start: input.startDate, end: input.endDate } });
  return contractDetail(ctx, next.id, scope);
}

/**
 * contracts.extend (顺延): the current term's end moves; the first original end is kept. The reminder was
 * sent for the old end (reminded_end_date), so the new end gets a reminder of its own N days before it.
 */
export function extendContract(ctx: ServiceContext, input: ParsedInputOf<'contracts.extend'>) {
  const { scope, c } = forAction(ctx, input.id, 'extend');
  if (c.endDate && input.endDate <= c.endDate) throw new AppError('VALIDATION', 'contracts.extendNotLater', { end: c.endDate });
  updateRow(ctx, contracts, c.id, { endDate: input.endDate, originalEndDate: c.originalEndDate ?? c.endDate });
  appendGreenEvent(ctx, 'contract', recordOf(c), 'extended', { note: input.note, data: { from: c.endDate ?? '—', to: input.endDate } });
  return contractDetail(ctx, c.id, scope);
}

/** contracts.terminate: ends a draft or signed contract early, with the reason. */
export function terminateContract(ctx: ServiceContext, input: ParsedInputOf<'contracts.terminate'>) {
  const { scope, c } = forAction(ctx, input.id, 'terminate');
  updateRow(ctx, contracts, c.id, { status: 'terminated', terminatedAt: isoNow(ctx), terminateReason: input.reason });
  appendGreenEvent(ctx, 'contract', recordOf(c), 'terminated', { note: input.reason });
  return contractDetail(ctx, c.id, scope);
}

/** contracts.attachments.add: a scanned contract or annex for a contract the caller may change. */
export function addContractAttachment(ctx: ServiceContext, input: ParsedInputOf<'contracts.attachments.add'>) {
  const { c } = forAction(ctx, input.contractId, 'attach');
  return addGreenAttachment(ctx, 'contract', recordOf(c), input);
}

/** contracts.attachments.get: the bytes of an attachment of a contract the caller can see. */
export function getContractAttachment(ctx: ServiceContext, id: string) {
  const scope = contractScope(ctx);
  const found = findGreenAttachment(ctx, id);
  if (found.row.entity !== 'contract') throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  assertCanSee(ctx, scope, loadContract(ctx, found.row.entityId));
  return found.read();
}
