import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../search/registry';
import { scopeToken } from '../search/tokens';
import type { OrderScope } from './scope';

/** The index scope token of a department that has (had) a stage of an order. */
export function orderDeptToken(department: string): string {
  return scopeToken('d', department);
}

/**
 * The caller's scope tokens for orders, mirroring scope.ts: undefined sees every order, an account
 * manager the orders they own or of customers they own, staff the orders their department has (had) a
 * stage in; null sees none.
 */
export function orderSearchScope(scope: OrderScope): string[] | undefined | null {
  if (scope.all) return undefined;
  if (scope.actor.role === 'account_manager') return [scopeToken('o', scope.actor.id)];
  return scope.department ? [orderDeptToken(scope.department)] : null;
}

/**
 * Work orders in the search index (issue #18): number, customer name, business type, site address and
 * notes. Scope tokens mirror scope.ts: the order's owner and its customer's owner (account managers),
 * the current department and every department with a live stage attempt (staff).
 */
export const orderSearchSource: SearchSource = {
  module: 'order',
  fields: ['number', 'customer', 'businessType', 'siteAddress', 'notes'],
  pinyinFields: [],
  allIdsSql: 'SELECT id FROM work_orders WHERE deleted = 0',
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord> {
    const rows = sqlite
      .prepare(
        `SELECT o.id, o.number, o.business_type_name AS businessType, o.site_address AS siteAddress, o.notes,
           o.owner_id AS ownerId, o.current_dept AS currentDept, c.name AS customer, c.owner_id AS customerOwnerId,
           (SELECT group_concat(d.department, char(10)) FROM (SELECT DISTINCT s.department FROM order_stages s
             WHERE s.order_id = o.id AND s.deleted = 0) d) AS depts
         FROM json_each(?) j CROSS JOIN work_orders o ON o.id = j.value
         LEFT JOIN customers c ON c.id = o.customer_id AND c.deleted = 0
         WHERE o.deleted = 0`,
      )
      .all(JSON.stringify(ids)) as {
      id: string;
      number: string;
      businessType: string;
      siteAddress: string;
      notes: string;
      ownerId: string | null;
      currentDept: string | null;
      customer: string | null;
      customerOwnerId: string | null;
      depts: string | null;
    }[];
    return new Map(
      rows.map((r) => {
        const scope = new Set<string>();
        if (r.ownerId) scope.add(scopeToken('o', r.ownerId));
        if (r.customerOwnerId) scope.add(scopeToken('o', r.customerOwnerId));
        if (r.currentDept) scope.add(orderDeptToken(r.currentDept));
        for (const d of r.depts ? r.depts.split('\n') : []) if (d) scope.add(orderDeptToken(d));
        return [r.id, { fields: [r.number, r.customer ?? '', r.businessType, r.siteAddress, r.notes], scope: [...scope] }];
      }),
    );
  },
};
