import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../search/registry';
import { scopeToken } from '../search/tokens';
import type { ContractScope } from './scope';

/**
 * The caller's scope tokens for contracts, mirroring scope.ts: undefined sees every contract, an
 * account manager those of customers they are 第一责任人 of; null sees none.
 */
export function contractSearchScope(scope: ContractScope): string[] | undefined | null {
  if (scope.all) return undefined;
  return scope.actor.role === 'account_manager' ? [scopeToken('o', scope.actor.id)] : null;
}

/**
 * Contracts in the search index (issue #18): number, title and customer name. The one scope token is
 * the customer's owner — scope.ts reads a contract through its customer only (its own owner_id does
 * not widen who sees it), so a contract moves with a customer transfer.
 */
export const contractSearchSource: SearchSource = {
  module: 'contract',
  fields: ['number', 'title', 'customer'],
  pinyinFields: [],
  allIdsSql: 'SELECT id FROM contracts WHERE deleted = 0',
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord> {
    const rows = sqlite
      .prepare(
        `SELECT k.id, k.number, k.title, c.name AS customer, c.owner_id AS customerOwnerId
         FROM json_each(?) j CROSS JOIN contracts k ON k.id = j.value
         LEFT JOIN customers c ON c.id = k.customer_id AND c.deleted = 0
         WHERE k.deleted = 0`,
      )
      .all(JSON.stringify(ids)) as { id: string; number: string; title: string; customer: string | null; customerOwnerId: string | null }[];
    return new Map(
      rows.map((r) => [
        r.id,
        { fields: [r.number, r.title, r.customer ?? ''], scope: r.customerOwnerId ? [scopeToken('o', r.customerOwnerId)] : [] },
      ]),
    );
  },
};
