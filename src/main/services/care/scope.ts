import { AppError } from '../../../shared/errors';
import { requireActor, type Actor, type ServiceContext } from '../context';

/**
 * Who sees and does which courtesy care: leaders and admins the branch (they approve, set budgets and run
 * events), the service desk reads the branch; an account manager sees the care of their own customers and
 * the courtesies they recorded, and spends their own budget. Out of scope answers NOT_FOUND.
 */

export interface CareScope {
  actor: Actor;
  /** Sees the whole branch. */
  all: boolean;
  /** Leader or admin: approves, sets budgets, edits any event. */
  manager: boolean;
}

export function careScope(ctx: ServiceContext): CareScope {
  const actor = requireActor(ctx);
  const manager = actor.role === 'admin' || actor.role === 'leader';
  return { actor, all: manager || actor.role === 'service_desk', manager };
}

/** SQL over care_records aliased `r` limiting rows to the scope. */
export function recordScopeSql(scope: CareScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  return {
    where: '(r.owner_id = ? OR r.customer_id IN (SELECT id FROM customers WHERE owner_id = ? AND deleted = 0))',
    params: [scope.actor.id, scope.actor.id],
  };
}

/** SQL over care_event_guests aliased `g` limiting an account manager to the guests of their customers and those they invited. */
export function guestScopeSql(scope: CareScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  return {
    where: '(g.invited_by_id = ? OR g.customer_id IN (SELECT id FROM customers WHERE owner_id = ? AND deleted = 0))',
    params: [scope.actor.id, scope.actor.id],
  };
}

/** The customer's 第一责任人 (null in the pool); NOT_FOUND for a missing or deleted customer. */
export function customerOwner(ctx: ServiceContext, customerId: string): { ownerId: string | null; name: string } {
  const row = ctx.store.sqlite
    .prepare('SELECT owner_id AS ownerId, name FROM customers WHERE id = ? AND deleted = 0')
    .get(customerId) as { ownerId: string | null; name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return row;
}

/** True when the caller sees this customer's care. */
export function canSeeCustomerCare(ctx: ServiceContext, scope: CareScope, customerId: string): boolean {
  if (scope.all) return true;
  const row = ctx.store.sqlite.prepare('SELECT owner_id AS ownerId FROM customers WHERE id = ? AND deleted = 0').get(customerId) as
    | { ownerId: string | null }
    | undefined;
  return row?.ownerId === scope.actor.id;
}
