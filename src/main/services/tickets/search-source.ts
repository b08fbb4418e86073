import type Database from 'better-sqlite3';
import type { SearchRecord, SearchSource } from '../search/registry';
import { scopeToken } from '../search/tokens';

/**
 * Tickets in the search index (issue #18): number, title, description. Scope tokens mirror
 * tickets/scope.ts: the customer's owner (account managers), the assignee and the handling department
 * (staff); the service desk and leaders see all.
 */
export const ticketSearchSource: SearchSource = {
  module: 'ticket',
  fields: ['number', 'title', 'description'],
  pinyinFields: [],
  allIdsSql: 'SELECT id FROM tickets WHERE deleted = 0',
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord> {
    const rows = sqlite
      .prepare(
        `SELECT t.id, t.number, t.title, t.description, t.assignee_id AS assigneeId, t.assignee_dept AS assigneeDept,
           (SELECT c.owner_id FROM customers c WHERE c.id = t.customer_id AND c.deleted = 0) AS ownerId
         FROM json_each(?) j CROSS JOIN tickets t ON t.id = j.value WHERE t.deleted = 0`,
      )
      .all(JSON.stringify(ids)) as {
      id: string;
      number: string;
      title: string;
      description: string;
      assigneeId: string | null;
      assigneeDept: string | null;
      ownerId: string | null;
    }[];
    return new Map(
      rows.map((r) => {
        const scope: string[] = [];
        if (r.ownerId) scope.push(scopeToken('o', r.ownerId));
        if (r.assigneeId) scope.push(scopeToken('a', r.assigneeId));
        if (r.assigneeDept) scope.push(scopeToken('d', r.assigneeDept));
        return [r.id, { fields: [r.number, r.title, r.description], scope }];
      }),
    );
  },
};
