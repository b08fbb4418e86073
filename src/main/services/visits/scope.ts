import { MANAGERS } from '../../../shared/roles';
import { AppError } from '../../../shared/errors';
import { cachedStatement } from '../../db/sql';
import { requireActor, type Actor, type ServiceContext } from '../context';

/**
 * Who sees and works which visit (contract visits.ts): leaders and admins the branch, and they review
 * plans; the service desk reads every visit; an account manager their own visits and plans and the
 * visits to the customers they are 第一责任人 of. Out of scope is NOT_FOUND, as elsewhere.
 */

export interface VisitScope {
  actor: Actor;
  /** Sees every visit of the branch. */
  all: boolean;
  /** Leader or admin: works every visit and plan. */
  manager: boolean;
  /** May write visits at all (each write is further limited by scope). */
  writer: boolean;
}

/** The caller's scope. */
export function visitScope(ctx: ServiceContext): VisitScope {
  const actor = requireActor(ctx);
  const manager = MANAGERS.includes(actor.role);
  return { actor, all: manager || actor.role === 'service_desk', manager, writer: manager || actor.role === 'account_manager' };
}

export interface CustomerRef {
  id: string;
  name: string;
  ownerId: string | null;
  grade: string | null;
  address: string;
}

/** A live customer, or null. */
export function findCustomer(ctx: ServiceContext, id: string): CustomerRef | null {
  return (
    (cachedStatement(ctx.store.sqlite, 'SELECT id, name, owner_id AS ownerId, grade, address FROM customers WHERE id = ? AND deleted = 0').get(id) as
      | CustomerRef
      | undefined) ?? null
  );
}

/** True when the caller may see visits of this customer (every visit of it, whoever made it). */
export function canSeeCustomerVisits(scope: VisitScope, customer: { ownerId: string | null }): boolean {
  return scope.all || (scope.actor.role === 'account_manager' && customer.ownerId === scope.actor.id);
}

/** The customer if the caller may see its visits, else NOT_FOUND. */
export function visibleCustomer(ctx: ServiceContext, scope: VisitScope, id: string): CustomerRef {
  const c = findCustomer(ctx, id);
  if (!c || !canSeeCustomerVisits(scope, c)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return c;
}

/** True when the caller may see the visit. */
export function canSeeVisit(ctx: ServiceContext, scope: VisitScope, v: { ownerId: string; customerId: string }): boolean {
  if (scope.all) return true;
  if (scope.actor.role !== 'account_manager') return false;
  if (v.ownerId === scope.actor.id) return true;
  return findCustomer(ctx, v.customerId)?.ownerId === scope.actor.id;
}

/** Hides visits out of scope as NOT_FOUND; refuses readers a write. */
export function assertCanSeeVisit(ctx: ServiceContext, scope: VisitScope, v: { ownerId: string; customerId: string }, write = false): void {
  if (!canSeeVisit(ctx, scope, v)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  if (write && !scope.writer) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
}

/** SQL over visits aliased `v` limiting rows to the scope. */
export function visitScopeSql(scope: VisitScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  if (scope.actor.role === 'account_manager') {
    return {
      where: '(v.owner_id = ? OR v.customer_id IN (SELECT id FROM customers WHERE owner_id = ? AND deleted = 0))',
      params: [scope.actor.id, scope.actor.id],
    };
  }
  return { where: '0 = 1', params: [] };
}

/**
 * The account manager whose plan, calendar or overdue list is asked for: the caller's own by default;
 * an account manager may ask only for their own (another's is NOT_FOUND); a leader for anyone's.
 */
export function ownerFor(ctx: ServiceContext, scope: VisitScope, ownerId: string | undefined): { id: string; name: string } {
  const id = ownerId ?? scope.actor.id;
  if (!scope.manager && id !== scope.actor.id) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  const u = cachedStatement(ctx.store.sqlite, 'SELECT id, display_name AS name FROM users WHERE id = ? AND deleted = 0').get(id) as
    | { id: string; name: string }
    | undefined;
  if (!u) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  return u;
}
