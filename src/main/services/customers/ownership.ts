import { and, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { CustomerStage } from '../../../shared/contract/customer-common';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { customerOwnershipLog, customers, customerStageHistory, users } from '../../db/schema';
import { isoNow, requireActor, type ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';
import { shanghaiMonthStartIso } from './dates';
import { loadCustomerRow, toCustomer, userNames, type CustomerRow } from './records';
import { canRead, requireReadable, requireWritable } from './scope';
import { getCustomerSettings } from './settings';

type OwnershipKind = 'create' | 'transfer' | 'release' | 'claim' | 'import';

/**
 * THE way a customer's 第一责任人 changes: writes owner_id and the ownership log together. Nothing
 * else writes owner_id (creates, imports and bulk moves all come through here).
 */
export function setOwner(
  ctx: ServiceContext,
  customerId: string,
  toOwnerId: string | null,
  kind: OwnershipKind,
  reason: string,
  fromOwnerId: string | null = null,
  /** The row was just inserted with this owner (create, import): only the log entry is written. */
  alreadyWritten = false,
): void {
  if (!alreadyWritten) updateRow(ctx, customers, customerId, { ownerId: toOwnerId });
  insertRow(ctx, customerOwnershipLog, {
    customerId,
    kind,
    fromOwnerId,
    toOwnerId,
    byId: ctx.actor?.id ?? null,
    byName: ctx.actor?.displayName ?? null,
    reason,
    at: isoNow(ctx),
  });
}

/** Records a stage change in the history (the customer row is written by the caller). */
export function logStage(ctx: ServiceContext, customerId: string, from: CustomerStage | null, to: CustomerStage, note: string): void {
  insertRow(ctx, customerStageHistory, {
    customerId,
    fromStage: from,
    toStage: to,
    byId: ctx.actor?.id ?? null,
    byName: ctx.actor?.displayName ?? null,
    note,
    at: isoNow(ctx),
  });
}

/** An active account manager or leader who can be 第一责任人, or VALIDATION. */
export function requireOwnerCandidate(ctx: ServiceContext, userId: string): void {
  const u = ctx.db
    .select({ role: users.role, active: users.active, deleted: users.deleted })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!u || u.deleted || !u.active || (u.role !== 'account_manager' && u.role !== 'leader')) {
    throw new AppError('VALIDATION', 'customers.ownerInvalid');
  }
}

function liveCustomers(ctx: ServiceContext, ids: string[]): CustomerRow[] {
  const rows = ctx.db.select().from(customers).where(inArray(customers.id, ids)).all();
  const found = rows.filter((r) => !r.deleted);
  if (found.length !== new Set(ids).size) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return found;
}

/** customers.transfer: leader/admin moves customers to another manager, logged with the reason. */
export function transferCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.transfer'>) {
  requireActor(ctx);
  requireOwnerCandidate(ctx, input.toOwnerId);
  const rows = liveCustomers(ctx, input.ids);
  let changed = 0;
  for (const row of rows) {
    if (row.ownerId === input.toOwnerId) {
      if (rows.length === 1) throw new AppError('CONFLICT', 'customers.sameOwner');
      continue;
    }
    setOwner(ctx, row.id, input.toOwnerId, 'transfer', input.reason, row.ownerId);
    changed++;
  }
  return { changed };
}

/** customers.release: leader/admin puts customers into the pool (公海), logged with the reason. */
export function releaseCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.release'>) {
  requireActor(ctx);
  const rows = liveCustomers(ctx, input.ids);
  let changed = 0;
  for (const row of rows) {
    if (row.ownerId === null) {
      if (rows.length === 1) throw new AppError('CONFLICT', 'customers.alreadyPool', { name: row.name });
      continue;
    }
    setOwner(ctx, row.id, null, 'release', input.reason, row.ownerId);
    changed++;
  }
  return { changed };
}

/** How many pool customers a manager has claimed this (Shanghai) month. */
export function claimsThisMonth(ctx: ServiceContext, userId: string): number {
  return (
    ctx.db
      .select({ n: count() })
      .from(customerOwnershipLog)
      .where(
        and(
          eq(customerOwnershipLog.byId, userId),
          eq(customerOwnershipLog.kind, 'claim'),
          gte(customerOwnershipLog.at, shanghaiMonthStartIso(ctx.now())),
          eq(customerOwnershipLog.deleted, false),
        ),
      )
      .get()?.n ?? 0
  );
}

/** customers.claim: an account manager takes pool customers, within the monthly claim limit. */
export function claimCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.claim'>) {
  const actor = requireActor(ctx);
  const ids = [...new Set(input.ids)];
  const rows = ids.map((id) => {
    const row = loadCustomerRow(ctx, id);
    if (!row || row.deleted || !canRead(actor, row)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
    if (row.ownerId !== null) throw new AppError('CONFLICT', 'customers.notInPool', { name: row.name });
    return row;
  });
  const limit = getCustomerSettings(ctx).claimLimitPerMonth;
  const used = claimsThisMonth(ctx, actor.id);
  if (used + rows.length > limit) throw new AppError('CONFLICT', 'customers.claimLimit', { limit, used });
  for (const row of rows) setOwner(ctx, row.id, actor.id, 'claim', '', null);
  return { changed: rows.length, claimedThisMonth: used + rows.length, limit };
}

/** customers.setStage: moves the pipeline stage and records it in the history. */
export function setCustomerStage(ctx: ServiceContext, input: ParsedInputOf<'customers.setStage'>) {
  const { actor } = requireWritable(ctx, input.id);
  const row = loadCustomerRow(ctx, input.id)!;
  if (row.stage === input.stage) throw new AppError('CONFLICT', 'customers.sameStage');
  const updated = updateRow(ctx, customers, input.id, { stage: input.stage }).row;
  logStage(ctx, input.id, row.stage, input.stage, input.note);
  return toCustomer(ctx, updated, actor);
}

/** customers.ownershipLog: the log for one customer or every customer in scope, newest first. */
export function ownershipLogPage(ctx: ServiceContext, input: ParsedInputOf<'customers.ownershipLog'>) {
  const actor = requireActor(ctx);
  if (input.customerId) requireReadable(ctx, input.customerId);
  // An account manager sees moves into or out of their own hands (and their customers' history).
  const scope =
    actor.role === 'account_manager'
      ? `AND (l.from_owner_id = ? OR l.to_owner_id = ? OR c.owner_id = ?)`
      : '';
  const scopeParams = actor.role === 'account_manager' ? [actor.id, actor.id, actor.id] : [];
  const byCustomer = input.customerId ? 'AND l.customer_id = ?' : '';
  const params = [...(input.customerId ? [input.customerId] : []), ...scopeParams];
  const base = `FROM customer_ownership_log l JOIN customers c ON c.id = l.customer_id WHERE l.deleted = 0 ${byCustomer} ${scope}`;
  const total = (ctx.store.sqlite.prepare(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT l.id, l.at, l.kind, l.from_owner_id AS fromOwnerId, l.to_owner_id AS toOwnerId, l.by_name AS byName, l.reason,
       l.customer_id AS customerId, c.name AS customerName ${base} ORDER BY l.at DESC, l.rowid DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as {
    id: string;
    at: string;
    kind: OwnershipKind;
    fromOwnerId: string | null;
    toOwnerId: string | null;
    byName: string | null;
    reason: string;
    customerId: string;
    customerName: string;
  }[];
  const names = userNames(ctx, rows.flatMap((r) => [r.fromOwnerId, r.toOwnerId]));
  return {
    rows: rows.map((r) => ({
      ...r,
      fromOwnerName: r.fromOwnerId ? (names.get(r.fromOwnerId) ?? null) : null,
      toOwnerName: r.toOwnerId ? (names.get(r.toOwnerId) ?? null) : null,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Ownership entries of one customer for the 360 view. */
export function ownershipOf(ctx: ServiceContext, customerId: string) {
  const rows = ctx.db
    .select()
    .from(customerOwnershipLog)
    .where(and(eq(customerOwnershipLog.customerId, customerId), eq(customerOwnershipLog.deleted, false)))
    // rowid: entries written in the same millisecond keep the order they happened in.
    .orderBy(desc(customerOwnershipLog.at), desc(sql`rowid`))
    .all();
  const names = userNames(ctx, rows.flatMap((r) => [r.fromOwnerId, r.toOwnerId]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    fromOwnerId: r.fromOwnerId,
    fromOwnerName: r.fromOwnerId ? (names.get(r.fromOwnerId) ?? null) : null,
    toOwnerId: r.toOwnerId,
    toOwnerName: r.toOwnerId ? (names.get(r.toOwnerId) ?? null) : null,
    byName: r.byName,
    reason: r.reason,
  }));
}

/** The owner's display name for duplicate messages ("已存在，第一责任人：…"). */
export function ownerLabel(ctx: ServiceContext, ownerId: string | null): string {
  if (!ownerId) return translate('customers.poolOwner', ctx.locale);
  return userNames(ctx, [ownerId]).get(ownerId) ?? '?';
}
