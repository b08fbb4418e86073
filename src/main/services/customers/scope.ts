import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { requireActor, type Actor, type ServiceContext } from '../context';

/**
 * Data scope of the customer module (issue #3, point 4), in one place so lists, the 360 view,
 * export, search and every write ask the same question.
 */

/** Roles that may change customer data at all (each write is further limited by ownership). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'leader', 'account_manager'];

export function isManagerRole(role: Role): boolean {
  return role === 'admin' || role === 'leader';
}

/** Whether the actor may see bills, credit, evaluations, spend and arrears. */
export function canSeeFinance(actor: Actor): boolean {
  return actor.role !== 'service_desk';
}

/**
 * A SQL condition (over alias `c`) limiting customers to what the actor may read, with its
 * parameters. Account managers: their own customers and the pool; everyone else: the branch.
 */
export function readScopeSql(actor: Actor, alias = 'c'): { sql: string; params: unknown[] } {
  if (actor.role === 'account_manager') return { sql: `(${alias}.owner_id = ? OR ${alias}.owner_id IS NULL)`, params: [actor.id] };
  return { sql: '1 = 1', params: [] };
}

export interface ScopedCustomer {
  id: string;
  ownerId: string | null;
  deleted: boolean | number;
}

/** Whether the actor may read this customer. */
export function canRead(actor: Actor, c: Pick<ScopedCustomer, 'ownerId'>): boolean {
  return actor.role !== 'account_manager' || c.ownerId === null || c.ownerId === actor.id;
}

/** Whether the actor may change this customer's data (basic data and sections). */
export function canWrite(actor: Actor, c: Pick<ScopedCustomer, 'ownerId'>): boolean {
  if (isManagerRole(actor.role)) return true;
  return actor.role === 'account_manager' && c.ownerId === actor.id;
}

/**
 * Loads a customer's id/owner for a read; NOT_FOUND when missing or outside the actor's scope, so
 * another manager's customer is indistinguishable from one that does not exist.
 */
export function requireReadable(ctx: ServiceContext, id: string): ScopedCustomer & { actor: Actor } {
  const actor = requireActor(ctx);
  const row = ctx.store.sqlite
    .prepare('SELECT id, owner_id AS ownerId, deleted FROM customers WHERE id = ?')
    .get(id) as ScopedCustomer | undefined;
  if (!row || row.deleted || !canRead(actor, row)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return { ...row, actor };
}

/** As requireReadable, then FORBIDDEN unless the actor may write (a pool customer must be claimed first). */
export function requireWritable(ctx: ServiceContext, id: string): ScopedCustomer & { actor: Actor } {
  const row = requireReadable(ctx, id);
  if (!canWrite(row.actor, row)) {
    if (!WRITER_ROLES.includes(row.actor.role)) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
    throw new AppError('FORBIDDEN', 'customers.notYours');
  }
  return row;
}

/** FORBIDDEN for callers who may not see finance sections (service desk). */
export function requireFinance(actor: Actor): void {
  if (!canSeeFinance(actor)) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
}
