import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../search/registry';
import { scopeToken } from '../search/tokens';

/** The scope token of a customer's owner, or of the pool. */
export function ownerScopeToken(ownerId: string | null): string {
  return ownerId ? scopeToken('o', ownerId) : 'pool';
}

/**
 * Customers in the search index (issue #18): name, short name, credit code, address, key people (name,
 * mobile, phone) and service numbers, each value on a line of its own (VALUE_SEPARATOR, so digits of
 * two numbers never join); scope: the owner or the pool, so an account manager's search asks the index
 * for their own customers and the pool only.
 */
export const customerSearchSource: SearchSource = {
  module: 'customer',
  fields: ['name', 'shortName', 'creditCode', 'address', 'keyPerson', 'serviceNo'],
  pinyinFields: [0, 1],
  allIdsSql: 'SELECT id FROM customers WHERE deleted = 0',
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord> {
    const rows = sqlite
      .prepare(
        `SELECT c.id, c.name, c.short_name AS shortName, c.credit_code AS creditCode, c.address, c.owner_id AS ownerId,
           (SELECT group_concat(p.name || char(10) || p.mobile || char(10) || p.phone, char(10)) FROM customer_contacts p
             WHERE p.customer_id = c.id AND p.deleted = 0) AS people,
           (SELECT group_concat(s.service_no, char(10)) FROM service_instances s WHERE s.customer_id = c.id AND s.deleted = 0) AS services
         FROM json_each(?) t CROSS JOIN customers c ON c.id = t.value WHERE c.deleted = 0`,
      )
      .all(JSON.stringify(ids)) as {
      id: string;
      name: string;
      shortName: string;
      creditCode: string;
      address: string;
      ownerId: string | null;
      people: string | null;
      services: string | null;
    }[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          fields: [r.name, r.shortName, r.creditCode, r.address, r.people ?? '', r.services ?? ''],
          scope: [ownerScopeToken(r.ownerId)],
        },
      ]),
    );
  },
};
