import type { ParsedInputOf } from '../../../shared/contract';
import { AUDIT_COUNT_CAP, type AuditEntry } from '../../../shared/contract/audit';
import type { ServiceContext } from '../context';

/** Reading the audit log: the filters of the audit page and its export, people's changes apart from automatic jobs'. */

export type AuditFilter = Omit<ParsedInputOf<'audit.list'>, 'page' | 'pageSize'>;

/**
 * Rows an automatic job wrote: no one signed in (background jobs run without an actor), a job's own
 * method (jobs.ts names its contexts system.*, the demo seeding demo.seed), or one of the summary
 * records of the row-level writes of an import, an evaluation run or a warnings refresh — the import
 * batch and the run are listed among people's changes as one line each, so their rows are not.
 */
const JOB_ROW_SQL = `(a.method LIKE 'system.%' OR a.method LIKE 'demo.%'
  OR (a.entity_id LIKE 'bulk:%' AND (json_extract(a.after, '$.batchId') IS NOT NULL
    OR json_extract(a.after, '$.runId') IS NOT NULL OR json_extract(a.after, '$.refresh') IS NOT NULL)))`;
const AUTOMATIC_SQL = `(a.actor_id IS NULL OR ${JOB_ROW_SQL})`;
// Spelt with "actor_id IS NOT NULL" on its own, so that people's rows are read through the actor index
// (audit_actor) and a log of a million job rows is not read row by row to count a few thousand.
const PEOPLE_SQL = `a.actor_id IS NOT NULL AND NOT ${JOB_ROW_SQL}`;

/** The WHERE clause of a filter on audit_log `a`, with its parameters. */
function auditWhere(filter: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.origin === 'people') parts.push(PEOPLE_SQL);
  if (filter.origin === 'jobs') parts.push(AUTOMATIC_SQL);
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(`a.${column} = ?`);
    params.push(value);
  };
  eq('actor_id', filter.actorId);
  eq('entity', filter.entity);
  eq('entity_id', filter.entityId);
  eq('action', filter.action);
  eq('method', filter.method);
  if (filter.from) {
    parts.push('a.at >= ?');
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    parts.push('a.at <= ?');
    params.push(new Date(filter.to).toISOString());
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface RawEntry extends Omit<AuditEntry, 'before' | 'after' | 'automatic' | 'name'> {
  before: string | null;
  after: string | null;
  automatic: number;
}

function parseJson(value: string | null): Record<string, unknown> | null {
  return value ? (JSON.parse(value) as Record<string, unknown>) : null;
}

/**
 * What a record is called, for the content column: an update's audit record holds only the changed
 * columns, so "地址" alone would not say whose address. Child rows are named by their customer or ticket.
 */
const byCustomer = `(SELECT c.name FROM customers c WHERE c.id = x.customer_id)`;
const byTicket = `(SELECT k.number FROM tickets k WHERE k.id = x.ticket_id)`;
const NAME_SQL: Record<string, string> = {
  customers: 'x.name',
  users: 'x.display_name',
  tickets: "x.number || ' ' || x.title",
  customer_contacts: `${byCustomer} || ' · ' || x.name`,
  service_instances: `${byCustomer} || ' · ' || x.service_no`,
  customer_bills: `${byCustomer} || ' · ' || x.period`,
  customer_credit: byCustomer,
  customer_projects: `${byCustomer} || ' · ' || x.name`,
  customer_resources: `${byCustomer} || ' · ' || x.identifier`,
  customer_warnings: byCustomer,
  ticket_events: byTicket,
  ticket_attachments: `${byTicket} || ' · ' || x.file_name`,
};

/** Fills in the names of the records the rows are about, one query per table and 500 ids. */
function nameRows(ctx: ServiceContext, rows: AuditEntry[]): void {
  const ids = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!NAME_SQL[r.entity] || r.entityId.startsWith('bulk:')) continue;
    let set = ids.get(r.entity);
    if (!set) ids.set(r.entity, (set = new Set()));
    set.add(r.entityId);
  }
  const names = new Map<string, string>();
  for (const [entity, set] of ids) {
    const all = [...set];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const found = ctx.store.sqlite
        .prepare(`SELECT x.id AS id, ${NAME_SQL[entity]} AS name FROM ${entity} x WHERE x.id IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as { id: string; name: string | null }[];
      for (const f of found) if (f.name) names.set(`${entity}\0${f.id}`, f.name);
    }
  }
  for (const r of rows) r.name = names.get(`${r.entity}\0${r.entityId}`) ?? null;
}

/** Audit records matching a filter, newest first (the rowid order, read backwards without a sort). */
export function auditRows(ctx: ServiceContext, filter: AuditFilter, limit: number, offset = 0): AuditEntry[] {
  const where = auditWhere(filter);
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT a.id, a.at, a.actor_id AS actorId, a.actor_name AS actorName, a.method, a.entity, a.entity_id AS entityId,
         a.action, a.before, a.after, ${AUTOMATIC_SQL} AS automatic
       FROM audit_log a ${where.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...where.params, limit, offset) as RawEntry[];
  const entries = rows.map((r) => ({ ...r, before: parseJson(r.before), after: parseJson(r.after), automatic: r.automatic === 1, name: null }));
  nameRows(ctx, entries);
  return entries;
}

/** How many audit records match a filter, counted up to one past AUDIT_COUNT_CAP. */
export function auditCount(ctx: ServiceContext, filter: AuditFilter): { total: number; totalCapped: boolean } {
  const where = auditWhere(filter);
  const n = (
    ctx.store.sqlite
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM audit_log a ${where.sql} LIMIT ?)`)
      .get(...where.params, AUDIT_COUNT_CAP + 1) as { n: number }
  ).n;
  return { total: Math.min(n, AUDIT_COUNT_CAP), totalCapped: n > AUDIT_COUNT_CAP };
}
