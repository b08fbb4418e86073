import type { Statement } from 'better-sqlite3';
import type { ContractAction } from '../../../shared/contract/contracts';
import type { ContractDisplayStatus } from '../../../shared/contract/order-common';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { requireActor, type Actor, type ServiceContext } from '../context';

/**
 * Who sees and changes which contract: leaders, admins and the service desk see every contract of the
 * branch (the service desk only reads); an account manager sees and works the contracts of the customers
 * they are 第一责任人 of. Out of scope is NOT_FOUND, as for customers and tickets.
 */

export interface ContractScope {
  actor: Actor;
  /** Sees every contract. */
  all: boolean;
  /** May change contracts at all (each change is further limited by scope). */
  writer: boolean;
}

export function contractScope(ctx: ServiceContext): ContractScope {
  const actor = requireActor(ctx);
  return {
    actor,
    all: actor.role === 'admin' || actor.role === 'leader' || actor.role === 'service_desk',
    writer: actor.role === 'admin' || actor.role === 'leader' || actor.role === 'account_manager',
  };
}

const ownerStatements = new WeakMap<object, Statement>();

/** The 第一责任人 of a customer (null when in the pool or unknown). */
function customerOwnerId(ctx: ServiceContext, customerId: string): string | null {
  let stmt = ownerStatements.get(ctx.store.sqlite);
  if (!stmt) {
    stmt = ctx.store.sqlite.prepare('SELECT owner_id AS ownerId FROM customers WHERE id = ? AND deleted = 0');
    ownerStatements.set(ctx.store.sqlite, stmt);
  }
  return (stmt.get(customerId) as { ownerId: string | null } | undefined)?.ownerId ?? null;
}

/** True when the caller may see contracts of this customer. */
export function canSeeCustomerContracts(ctx: ServiceContext, scope: ContractScope, customerId: string): boolean {
  return scope.all || (scope.actor.role === 'account_manager' && customerOwnerId(ctx, customerId) === scope.actor.id);
}

/** Hides contracts out of scope as NOT_FOUND. */
export function assertCanSee(ctx: ServiceContext, scope: ContractScope, c: { customerId: string }): void {
  if (!canSeeCustomerContracts(ctx, scope, c.customerId)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
}

/** SQL over contracts aliased `k` limiting rows to the scope (account managers read through their customers). */
export function scopeSql(scope: ContractScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  if (scope.actor.role === 'account_manager') {
    return { where: 'k.customer_id IN (SELECT id FROM customers WHERE owner_id = ? AND deleted = 0)', params: [scope.actor.id] };
  }
  return { where: '0 = 1', params: [] };
}

/** What a contract's shown status allows, before the caller's role is considered. */
const ALLOWED: Record<ContractDisplayStatus, readonly ContractAction[]> = {
  draft: ['update', 'sign', 'terminate', 'attach'],
  signed: ['update', 'renew', 'extend', 'terminate', 'attach'],
  active: ['update', 'renew', 'extend', 'terminate', 'attach'],
  expiring: ['update', 'renew', 'extend', 'terminate', 'attach'],
  expired: ['update', 'renew', 'extend', 'terminate', 'attach'],
  renewed: ['attach'],
  terminated: ['attach'],
};

/** The actions the caller may take on a contract they can see. */
export function actionsFor(scope: ContractScope, status: ContractDisplayStatus): ContractAction[] {
  return scope.writer ? [...ALLOWED[status]] : [];
}

/** Refuses an action the contract's status does not allow, saying what is allowed instead. */
export function assertAllowed(
  ctx: ServiceContext,
  scope: ContractScope,
  c: { number: string },
  status: ContractDisplayStatus,
  action: ContractAction,
): void {
  if (!scope.writer) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
  if (ALLOWED[status].includes(action)) return;
  const say = (key: string) => translate(key, ctx.locale);
  const allowed = ALLOWED[status].map((a) => say(`contracts.action.${a}`));
  throw new AppError('CONFLICT', 'contracts.notAllowed', {
    number: c.number,
    status: say(`contracts.status.${status}`),
    action: say(`contracts.action.${action}`),
    allowed: allowed.length ? allowed.join(ctx.locale === 'en' ? ', ' : '、') : say('contracts.nothingAllowed'),
  });
}
