import type { ParsedInputOf } from '../../../shared/contract';
import { QUEUE_COUNT_CAP, type TicketRow } from '../../../shared/contract/tickets';
import { QUEUE_VIEWS, type QueueView } from '../../../shared/contract/ticket-common';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { CompiledCalendar } from '../sla';
import { prepared, ROW_FROM, ROW_JOINS, ROW_SELECT, toRow, type RawRow } from './read';
import { canSeeTicket, scopeSql, ticketScope, type TicketScope } from './scope';

/**
 * The service-desk queue. Every view reads the open set (is_open = 1) through a partial index in
 * due order (due_sort: the running clock's due time, paused tickets last), so a page costs an index
 * range scan of pageSize rows whatever the size of the archive.
 */

function viewSql(view: QueueView, scope: TicketScope, nowIso: string): { where: string; params: unknown[] } {
  const s = scopeSql(scope);
  const parts = ['t.is_open = 1', s.where];
  const params: unknown[] = [...s.params];
  switch (view) {
    case 'mine':
      parts.push('t.assignee_id = ?');
      params.push(scope.actor.id);
      break;
    case 'unassigned':
      parts.push('t.assignee_id IS NULL');
      break;
    case 'warning':
      // Warning time passed, due time not yet (due_sort > now also excludes paused tickets: they have no warn time).
      parts.push('t.next_warn_at <= ? AND t.due_sort > ?');
      params.push(nowIso, nowIso);
      break;
    case 'breached':
      parts.push('t.due_sort <= ?');
      params.push(nowIso);
      break;
    case 'waiting':
      parts.push("t.status = 'waiting'");
      break;
    case 'open':
      break;
  }
  return { where: parts.join(' AND '), params };
}

/**
 * Rows matching a view, counted up to one past the cap: a queue of 60,000 breached tickets is shown
 * as "10,000+", and the count never costs more than reading 10,000 index entries.
 */
function countUpTo(ctx: ServiceContext, where: string, params: unknown[]): number {
  return (prepared(ctx, `SELECT count(*) AS n FROM (SELECT 1 FROM tickets t WHERE ${where} LIMIT ?)`).get(...params, QUEUE_COUNT_CAP + 1) as { n: number }).n;
}

/** One page of a queue view, most urgent first. */
export function queuePage(ctx: ServiceContext, input: ParsedInputOf<'tickets.queue'>) {
  const scope = ticketScope(ctx);
  const now = ctx.now();
  const nowIso = now.toISOString();
  const v = viewSql(input.view, scope, nowIso);
  let where = v.where;
  const params = [...v.params];
  if (input.kind) {
    where += ' AND t.kind = ?';
    params.push(input.kind);
  }
  if (input.priority) {
    where += ' AND t.priority = ?';
    params.push(input.priority);
  }
  // The page's rowids come from the index alone (every index holds the rowid); only those 50 rows are
  // then read and joined. Sorting joined rows would read every match in full, e.g. a manager's 5,000.
  const rows = prepared(
    ctx,
    `SELECT ${ROW_SELECT} FROM (SELECT t.rowid AS pageRow, t.due_sort AS pageDue FROM tickets t WHERE ${where}
       ORDER BY t.due_sort LIMIT ? OFFSET ?) p JOIN tickets t ON t.rowid = p.pageRow ${ROW_JOINS} ORDER BY p.pageDue, t.rowid`,
  ).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as RawRow[];
  const counted = countUpTo(ctx, where, params);
  const calendars = new Map<string | null, CompiledCalendar>();
  return {
    rows: rows.map((r) => toRow(ctx, r, now.getTime(), calendars)),
    total: Math.min(counted, QUEUE_COUNT_CAP),
    totalCapped: counted > QUEUE_COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
    now: nowIso,
  };
}

/** How many tickets each view holds now. */
export function queueCounts(ctx: ServiceContext): Record<QueueView, number> {
  const scope = ticketScope(ctx);
  const nowIso = ctx.now().toISOString();
  const out = {} as Record<QueueView, number>;
  for (const view of QUEUE_VIEWS) {
    const v = viewSql(view, scope, nowIso);
    out[view] = Math.min(countUpTo(ctx, v.where, v.params), QUEUE_COUNT_CAP);
  }
  return out;
}

/** A customer's tickets, newest first, limited to what the caller may see. */
export function customerTickets(ctx: ServiceContext, customerId: string, opts: { openOnly?: boolean; limit: number; offset?: number }) {
  const scope = ticketScope(ctx);
  const now = ctx.now().getTime();
  const rows = prepared(
    ctx,
    `SELECT ${ROW_SELECT} FROM ${ROW_FROM}
     WHERE t.customer_id = ? AND t.deleted = 0 ${opts.openOnly ? 'AND t.is_open = 1' : ''}
     ORDER BY t.created_at DESC LIMIT ? OFFSET ?`,
  ).all(customerId, opts.limit, opts.offset ?? 0) as RawRow[];
  return rows.filter((r) => canSeeTicket(ctx, scope, r)).map((r) => toRow(ctx, r, now));
}

export const queueHandlers = {
  'tickets.queue': (ctx: ServiceContext, input: ParsedInputOf<'tickets.queue'>) => queuePage(ctx, input),
  'tickets.queueCounts': (ctx: ServiceContext) => queueCounts(ctx),
  'tickets.forCustomer': (ctx: ServiceContext, input: ParsedInputOf<'tickets.forCustomer'>) => {
    const scope = ticketScope(ctx);
    if (scope.actor.role === 'account_manager') {
      const owner = ctx.store.sqlite.prepare('SELECT owner_id AS o FROM customers WHERE id = ?').get(input.customerId) as { o: string | null } | undefined;
      if (owner?.o !== scope.actor.id) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
    }
    const rows: TicketRow[] = customerTickets(ctx, input.customerId, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
    const total = (prepared(ctx, 'SELECT count(*) AS n FROM tickets WHERE customer_id = ? AND deleted = 0').get(input.customerId) as { n: number }).n;
    return { rows, total: scope.all || scope.actor.role === 'account_manager' ? total : rows.length, page: input.page, pageSize: input.pageSize };
  },
};
