import { eq } from 'drizzle-orm';
import { MANAGERS } from '../../../shared/roles';
import type { TicketAction } from '../../../shared/contract/ticket-common';
import { AppError } from '../../../shared/errors';
import type { Statement } from 'better-sqlite3';
import { customers } from '../../db/schema';
import { requireActor, type Actor, type ServiceContext } from '../context';

/**
 * Who sees and works which ticket (DOMAIN.md: the service desk works any ticket, account managers
 * their customers' tickets, leaders all; handling departments what is assigned to them).
 */

export interface TicketScope {
  actor: Actor;
  /** Sees every ticket. */
  all: boolean;
  /** Works every ticket and every action (service desk, leaders, admins). */
  desk: boolean;
  department: string;
}

const departmentStatements = new WeakMap<object, Statement>();

export function ticketScope(ctx: ServiceContext): TicketScope {
  const actor = requireActor(ctx);
  const all = actor.role === 'service_desk' || MANAGERS.includes(actor.role);
  // Every ticket call asks this; a cached statement keeps it off drizzle's query builder.
  let stmt = departmentStatements.get(ctx.store.sqlite);
  if (!stmt) {
    stmt = ctx.store.sqlite.prepare('SELECT department FROM users WHERE id = ?');
    departmentStatements.set(ctx.store.sqlite, stmt);
  }
  const department = (stmt.get(actor.id) as { department: string } | undefined)?.department ?? '';
  return { actor, all, desk: all, department };
}

interface ScopedTicket {
  customerId: string;
  assigneeId: string | null;
  assigneeDept: string | null;
}

/** The 第一责任人 of a customer (null when in the pool or unknown). */
export function customerOwner(ctx: ServiceContext, customerId: string): string | null {
  return ctx.db.select({ ownerId: customers.ownerId }).from(customers).where(eq(customers.id, customerId)).get()?.ownerId ?? null;
}

/** True when the caller may see the ticket. */
export function canSeeTicket(ctx: ServiceContext, scope: TicketScope, t: ScopedTicket): boolean {
  if (scope.all) return true;
  if (scope.actor.role === 'account_manager') return customerOwner(ctx, t.customerId) === scope.actor.id;
  if (scope.actor.role === 'staff') {
    return t.assigneeId === scope.actor.id || (!!scope.department && t.assigneeDept === scope.department);
  }
  return false;
}

/** Hides tickets out of scope as NOT_FOUND, like the customers module does. */
export function assertCanSee(ctx: ServiceContext, scope: TicketScope, t: ScopedTicket): void {
  if (!canSeeTicket(ctx, scope, t)) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
}

const AM_ACTIONS: readonly TicketAction[] = ['reply', 'visit', 'rework'];
const STAFF_ACTIONS: readonly TicketAction[] = ['start', 'wait', 'resume', 'resolve'];

/** Whether the caller's role may take an action on a ticket they can see. */
export function roleMayAct(scope: TicketScope, action: TicketAction): boolean {
  if (scope.desk) return true;
  if (scope.actor.role === 'account_manager') return AM_ACTIONS.includes(action);
  if (scope.actor.role === 'staff') return STAFF_ACTIONS.includes(action);
  return false;
}

/**
 * SQL for the queue: a condition on `t` (tickets) and its parameters that limits rows to the scope.
 * Account managers read through their customers (index tickets_open_customer_due).
 */
export function scopeSql(scope: TicketScope): { where: string; params: unknown[] } {
  if (scope.all) return { where: '1 = 1', params: [] };
  if (scope.actor.role === 'account_manager') {
    return {
      where: 't.customer_id IN (SELECT id FROM customers WHERE owner_id = ? AND deleted = 0)',
      params: [scope.actor.id],
    };
  }
  if (scope.actor.role === 'staff') {
    return { where: '(t.assignee_id = ? OR t.assignee_dept = ?)', params: [scope.actor.id, scope.department || '\u0000'] };
  }
  return { where: '0 = 1', params: [] };
}
