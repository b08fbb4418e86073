import { MANAGERS } from '../../../shared/roles';
import { OWNER_DEPARTMENT } from '../../../shared/contract/orders';
import { AppError } from '../../../shared/errors';
import { requireActor, type Actor, type ServiceContext } from '../context';
import { customerOwner } from '../tickets/scope';
import { prepared } from '../tickets/read';

/**
 * Who sees and works which order. Leaders, admins and the service desk see every order; account
 * managers the orders they own or of customers they are 第一责任人 of; staff the orders that are, or
 * were, in a stage of their department (they are the ones asked about them later). A stage is worked
 * by the people of its department (users.department), by the order's owner when its department is
 * 客户经理, and by leaders and admins.
 */

export interface OrderScope {
  actor: Actor;
  /** Sees every order. */
  all: boolean;
  /** Acts on every stage and every order (leaders, admins). */
  manager: boolean;
  department: string;
}

/** The caller's scope (department read once per call). */
export function orderScope(ctx: ServiceContext): OrderScope {
  const actor = requireActor(ctx);
  const manager = MANAGERS.includes(actor.role);
  const department = (prepared(ctx, 'SELECT department FROM users WHERE id = ?').get(actor.id) as { department: string } | undefined)?.department ?? '';
  return { actor, all: manager || actor.role === 'service_desk', manager, department };
}

interface ScopedOrder {
  id: string;
  customerId: string;
  ownerId: string | null;
  currentDept: string | null;
}

/** True when the caller may see the order. */
export function canSeeOrder(ctx: ServiceContext, scope: OrderScope, o: ScopedOrder): boolean {
  if (scope.all) return true;
  if (scope.actor.role === 'account_manager') return o.ownerId === scope.actor.id || customerOwner(ctx, o.customerId) === scope.actor.id;
  if (!scope.department) return false;
  if (o.currentDept === scope.department) return true;
  return !!prepared(ctx, 'SELECT 1 FROM order_stages WHERE order_id = ? AND department = ? AND deleted = 0 LIMIT 1').get(o.id, scope.department);
}

/** Hides orders out of scope as NOT_FOUND, like the customers and tickets modules do. */
export function assertCanSeeOrder(ctx: ServiceContext, scope: OrderScope, o: ScopedOrder): void {
  if (!canSeeOrder(ctx, scope, o)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
}

/** Whether the caller works a stage of this department on this order. */
export function mayWorkStage(scope: OrderScope, order: { ownerId: string | null }, department: string): boolean {
  if (scope.manager) return true;
  if (department === OWNER_DEPARTMENT) return order.ownerId === scope.actor.id;
  return !!scope.department && scope.department === department;
}

/** Whether the caller speaks for the order as its account manager (edit, resubmit, sign off, cancel). */
export function isOrderOwner(scope: OrderScope, order: { ownerId: string | null }): boolean {
  return scope.manager || (scope.actor.role === 'account_manager' && order.ownerId === scope.actor.id);
}

/**
 * SQL limiting `o` (work_orders) to what the caller sees, for lists. Staff read through their
 * department's attempts (order_stages_order index per order).
 */
export function orderScopeSql(scope: OrderScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  if (scope.actor.role === 'account_manager') {
    return {
      where: '(o.owner_id = ? OR o.customer_id IN (SELECT id FROM customers WHERE owner_id = ? AND deleted = 0))',
      params: [scope.actor.id, scope.actor.id],
    };
  }
  if (!scope.department) return { where: '0 = 1', params: [] };
  return {
    where: '(o.current_dept = ? OR EXISTS (SELECT 1 FROM order_stages s WHERE s.order_id = o.id AND s.department = ? AND s.deleted = 0))',
    params: [scope.department, scope.department],
  };
}
