import type { Actor } from '../context';
import { readScopeSql } from '../customers/scope';

/**
 * Which customers a report covers. An account manager's report covers the customers they are
 * 第一责任人 of — not the unowned pool the customer list also shows them, which is nobody's result.
 * Everyone else gets the customer module's read scope (the branch).
 */
export function reportScopeSql(actor: Actor, alias = 'c'): { sql: string; params: unknown[] } {
  if (actor.role === 'account_manager') return { sql: `${alias}.owner_id = ?`, params: [actor.id] };
  return readScopeSql(actor, alias);
}
