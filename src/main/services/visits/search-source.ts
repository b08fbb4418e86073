import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../search/registry';
import { scopeToken } from '../search/tokens';

/**
 * Visits in the search index (issue #18 point 5): number, customer name, purpose, what was learned
 * (needs, competitor moves, complaints) and the outcome with its next step. Scope tokens: the visit's
 * owner and its customer's owner (account managers see the visits of their customers).
 */
export const visitSearchSource: SearchSource = {
  module: 'visit',
  fields: ['number', 'customer', 'purpose', 'learned', 'outcome'],
  pinyinFields: [],
  allIdsSql: 'SELECT id FROM visits WHERE deleted = 0',
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord> {
    const rows = sqlite
      .prepare(
        `SELECT v.id, v.number, v.purpose, v.needs, v.competitor, v.complaints, v.outcome, v.next_step AS nextStep,
           v.owner_id AS ownerId, c.name AS customer, c.owner_id AS customerOwnerId
         FROM json_each(?) j CROSS JOIN visits v ON v.id = j.value
         LEFT JOIN customers c ON c.id = v.customer_id AND c.deleted = 0
         WHERE v.deleted = 0`,
      )
      .all(JSON.stringify(ids)) as {
      id: string;
      number: string;
      purpose: string;
      needs: string;
      competitor: string;
      complaints: string;
      outcome: string;
      nextStep: string;
      ownerId: string;
      customer: string | null;
      customerOwnerId: string | null;
    }[];
    return new Map(
      rows.map((r) => {
        const scope = new Set<string>([scopeToken('o', r.ownerId)]);
        if (r.customerOwnerId) scope.add(scopeToken('o', r.customerOwnerId));
        const learned = [r.needs, r.competitor, r.complaints].filter(Boolean).join('\n');
        const outcome = [r.outcome, r.nextStep].filter(Boolean).join('\n');
        return [r.id, { fields: [r.number, r.customer ?? '', r.purpose, learned, outcome], scope: [...scope] }];
      }),
    );
  },
};
