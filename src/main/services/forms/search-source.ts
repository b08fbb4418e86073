import type Database from 'better-sqlite3';
import type { ServiceContext } from '../context';
import type { SearchRecord, SearchSource } from '../search/registry';
import { scopeToken } from '../search/tokens';
import { activeLeaders } from './config';
import type { FormScope } from './scope';

/** Index token of forms sent to the response centre. */
const SENT_TOKEN = 'sent';

/**
 * The caller's scope tokens for request forms, mirroring canSeeForm in scope.ts: undefined sees every
 * form; otherwise the forms they drafted, those sent to the centre (the centre), those routed to their
 * department, and pending approvals awaiting them, a leader they stand in for today, or a leader of the
 * drafter's department they stand in for. Never null: everyone sees the forms they drafted.
 */
export function formSearchScope(ctx: ServiceContext, scope: FormScope): string[] | undefined {
  if (scope.all) return undefined;
  const me = scope.actor.id;
  const tokens = [scopeToken('u', me), scopeToken('p', me)];
  if (scope.centre) tokens.push(SENT_TOKEN);
  if (scope.department) tokens.push(scopeToken('d', scope.department));
  if (scope.deputyFor.length) {
    for (const id of scope.deputyFor) tokens.push(scopeToken('p', id));
    for (const l of activeLeaders(ctx)) if (scope.deputyFor.includes(l.id) && l.department) tokens.push(scopeToken('l', l.department));
  }
  return [...new Set(tokens)];
}

/**
 * Request forms in the search index (issue #18): number, title and customer name. Scope tokens mirror
 * canSeeForm: the drafter, sent to the centre, the routed department, and while pending approval the
 * awaited approver and the drafter's department (whose leaders' deputies approve).
 */
export const formSearchSource: SearchSource = {
  module: 'form',
  fields: ['number', 'title', 'customer'],
  pinyinFields: [],
  allIdsSql: 'SELECT id FROM request_forms WHERE deleted = 0',
  read(sqlite: Database.Database, ids: readonly string[]): Map<string, SearchRecord> {
    const rows = sqlite
      .prepare(
        `SELECT f.id, f.number, f.title, c.name AS customer, f.drafter_id AS drafterId, f.drafter_dept AS drafterDept,
           f.status, f.approver_id AS approverId, f.routed_dept AS routedDept, f.sent_at AS sentAt
         FROM json_each(?) j CROSS JOIN request_forms f ON f.id = j.value
         LEFT JOIN customers c ON c.id = f.customer_id AND c.deleted = 0
         WHERE f.deleted = 0`,
      )
      .all(JSON.stringify(ids)) as {
      id: string;
      number: string;
      title: string;
      customer: string | null;
      drafterId: string;
      drafterDept: string;
      status: string;
      approverId: string | null;
      routedDept: string | null;
      sentAt: string | null;
    }[];
    return new Map(
      rows.map((r) => {
        const scope = [scopeToken('u', r.drafterId)];
        if (r.sentAt) scope.push(SENT_TOKEN);
        if (r.routedDept) scope.push(scopeToken('d', r.routedDept));
        if (r.status === 'pending_approval') {
          if (r.approverId) scope.push(scopeToken('p', r.approverId));
          if (r.drafterDept) scope.push(scopeToken('l', r.drafterDept));
        }
        return [r.id, { fields: [r.number, r.title, r.customer ?? ''], scope }];
      }),
    );
  },
};
