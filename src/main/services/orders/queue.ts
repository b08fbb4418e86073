import type { ParsedInputOf } from '../../../shared/contract';
import { ORDER_COUNT_CAP, ORDER_QUEUE_VIEWS, type OrderQueueView, type OrderRow } from '../../../shared/contract/orders';
import { SHANGHAI_OFFSET_MS } from '../../../shared/time';
import type { ServiceContext } from '../context';
import type { CompiledCalendar } from '../sla';
import { prepared } from '../tickets/read';
import { ORDER_ROW_JOINS, ORDER_ROW_SELECT, toOrderRow, type RawOrderRow } from './read';
import { orderScope, orderScopeSql, type OrderScope } from './scope';

/**
 * Order queues and lists. Every queue view reads the open set (is_open = 1) through one of the
 * partial indexes of work_orders in due order (due_sort: the open attempt's due time; orders with no
 * running clock sort last), so a page costs an index range scan of pageSize rows whatever the archive.
 * Counts stop at ORDER_COUNT_CAP.
 */

interface Where {
  where: string;
  params: unknown[];
  /** The tables the page's rowids are read from (default work_orders alone) and their order. */
  from?: string;
  orderBy?: string;
}

/**
 * The department a view reads: the 'department' view the caller's own (leaders, admins and the service
 * desk may pick another); the other views every department for those who see all, unless they pick one.
 */
export function queueDepartment(scope: OrderScope, view: OrderQueueView, requested: string | undefined): string | null {
  if (requested && scope.all) return requested;
  if (view !== 'department' && scope.all) return null;
  return scope.department || null;
}

/**
 * The condition of a queue view. Each form keeps to one index: department → open_dept_due,
 * mine (account manager) → open_owner_due, breached → open_due, warning → open_warn, returned → open_status_due.
 */
export function viewSql(view: OrderQueueView, scope: OrderScope, nowIso: string, department: string | null): Where {
  const parts = ['o.is_open = 1'];
  const params: unknown[] = [];
  // Outside the department view the caller's own share: an account manager's orders, staff their department's.
  const limitToCaller = () => {
    if (scope.actor.role === 'account_manager') {
      parts.push('o.owner_id = ?');
      params.push(scope.actor.id);
    } else if (!scope.all || department) {
      parts.push('o.current_dept = ?');
      params.push((scope.all ? department : scope.department) || '\u0000');
    }
  };
  switch (view) {
    case 'department':
      parts.push('o.current_dept = ?');
      params.push(department ?? '\u0000');
      break;
    case 'mine':
      if (scope.actor.role === 'account_manager') {
        parts.push('o.owner_id = ?');
        params.push(scope.actor.id);
      } else {
        // The stages the caller holds, read through order_stages_open_holder_due in due order
        // (an open attempt's due_at is its order's due_sort).
        return {
          where: 's.holder_id = ? AND s.is_open = 1 AND o.is_open = 1 AND o.current_stage_id = s.id',
          params: [scope.actor.id],
          from: 'order_stages s JOIN work_orders o ON o.id = s.order_id',
          orderBy: 's.due_at, s.rowid',
        };
      }
      break;
    case 'warning':
      parts.push('o.stage_warn_at <= ? AND o.due_sort > ?');
      params.push(nowIso, nowIso);
      limitToCaller();
      break;
    case 'breached':
      parts.push('o.due_sort <= ?');
      params.push(nowIso);
      limitToCaller();
      break;
    case 'returned':
      parts.push("o.status = 'returned'");
      limitToCaller();
      break;
  }
  return { where: parts.join(' AND '), params };
}

function countUpTo(ctx: ServiceContext, w: Where): number {
  return (prepared(ctx, `SELECT count(*) AS n FROM (SELECT 1 FROM ${w.from ?? 'work_orders o'} WHERE ${w.where} LIMIT ?)`).get(...w.params, ORDER_COUNT_CAP + 1) as { n: number }).n;
}

/**
 * One page of rows: the page's rowids come from the index alone, then only those rows are joined
 * (sorting joined rows would read every match in full).
 */
function pageRows(ctx: ServiceContext, w: Where, orderBy: string, page: number, pageSize: number): OrderRow[] {
  const rows = prepared(
    ctx,
    `SELECT ${ORDER_ROW_SELECT} FROM (SELECT o.rowid AS pageRow FROM ${w.from ?? 'work_orders o'} WHERE ${w.where}
       ORDER BY ${w.orderBy ?? orderBy} LIMIT ? OFFSET ?) p JOIN work_orders o ON o.rowid = p.pageRow ${ORDER_ROW_JOINS} ORDER BY ${orderBy}`,
  ).all(...w.params, pageSize, (page - 1) * pageSize) as RawOrderRow[];
  const now = ctx.now();
  const calendars = new Map<string | null, CompiledCalendar>();
  return rows.map((r) => toOrderRow(ctx, r, now, calendars));
}

/** orders.queue: one view, most urgent first. */
export function orderQueue(ctx: ServiceContext, input: ParsedInputOf<'orders.queue'>) {
  const scope = orderScope(ctx);
  const nowIso = ctx.now().toISOString();
  const department = queueDepartment(scope, input.view, input.department);
  const w = viewSql(input.view, scope, nowIso, department);
  const counted = countUpTo(ctx, w);
  return {
    rows: pageRows(ctx, w, 'o.due_sort, o.rowid', input.page, input.pageSize),
    total: Math.min(counted, ORDER_COUNT_CAP),
    totalCapped: counted > ORDER_COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
    now: nowIso,
    department,
  };
}

/** orders.queue.counts: how many orders each view holds now (for badges and dashboard tiles). */
export function orderQueueCounts(ctx: ServiceContext): Record<OrderQueueView, number> {
  const scope = orderScope(ctx);
  const nowIso = ctx.now().toISOString();
  const out = {} as Record<OrderQueueView, number>;
  for (const view of ORDER_QUEUE_VIEWS) {
    out[view] = Math.min(countUpTo(ctx, viewSql(view, scope, nowIso, queueDepartment(scope, view, undefined))), ORDER_COUNT_CAP);
  }
  return out;
}

/** The UTC instant a Shanghai local date starts. */
function shanghaiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

const SORT_SQL = { created: 'o.created_at', due: 'o.due_sort', number: 'o.number' } as const;

type ListFilters = Omit<ParsedInputOf<'orders.list'>, 'page' | 'pageSize'>;

/** The WHERE of orders.list (and its export) for the caller's scope. */
export function listWhere(scope: OrderScope, f: ListFilters): Where {
  const s = orderScopeSql(scope);
  const parts = ['o.deleted = 0', s.where];
  const params: unknown[] = [...s.params];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (f.open !== undefined) add('o.is_open = ?', f.open ? 1 : 0);
  if (f.status) add('o.status = ?', f.status);
  if (f.businessType) add('o.business_type = ?', f.businessType);
  if (f.customerId) add('o.customer_id = ?', f.customerId);
  if (f.ownerId) add('o.owner_id = ?', f.ownerId);
  if (f.department) add('o.current_dept = ?', f.department);
  if (f.createdFrom) add('o.created_at >= ?', shanghaiDayStart(f.createdFrom));
  if (f.createdTo) add('o.created_at < ?', new Date(Date.parse(shanghaiDayStart(f.createdTo)) + 86_400_000).toISOString());
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      "(o.number LIKE ? ESCAPE '\\' OR o.customer_id IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\' AND deleted = 0))",
      like,
      like,
    );
  }
  return { where: parts.join(' AND '), params };
}

/** The ORDER BY of a list sort (rowid breaks ties so pages never overlap). */
export function listOrderBy(f: Pick<ListFilters, 'sort' | 'dir'>): string {
  const dir = f.dir === 'asc' ? 'ASC' : 'DESC';
  return `${SORT_SQL[f.sort]} ${dir}, o.rowid ${dir}`;
}

/** orders.list: orders in scope with filters, sort and paging. */
export function orderList(ctx: ServiceContext, input: ParsedInputOf<'orders.list'>) {
  const scope = orderScope(ctx);
  const w = listWhere(scope, input);
  const counted = countUpTo(ctx, w);
  return {
    rows: pageRows(ctx, w, listOrderBy(input), input.page, input.pageSize),
    total: Math.min(counted, ORDER_COUNT_CAP),
    totalCapped: counted > ORDER_COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
    now: ctx.now().toISOString(),
  };
}

/** orders.forCustomer: a customer's orders in the caller's scope, open first, then newest. */
export function customerOrders(ctx: ServiceContext, input: ParsedInputOf<'orders.forCustomer'>) {
  const scope = orderScope(ctx);
  const w = listWhere(scope, { customerId: input.customerId, sort: 'created', dir: 'desc' });
  const total = (prepared(ctx, `SELECT count(*) AS n FROM work_orders o WHERE ${w.where}`).get(...w.params) as { n: number }).n;
  return {
    rows: pageRows(ctx, w, 'o.is_open DESC, o.created_at DESC, o.rowid DESC', input.page, input.pageSize),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export const queueHandlers = {
  'orders.queue': (ctx: ServiceContext, input: ParsedInputOf<'orders.queue'>) => orderQueue(ctx, input),
  'orders.queue.counts': (ctx: ServiceContext) => orderQueueCounts(ctx),
  'orders.list': (ctx: ServiceContext, input: ParsedInputOf<'orders.list'>) => orderList(ctx, input),
  'orders.forCustomer': (ctx: ServiceContext, input: ParsedInputOf<'orders.forCustomer'>) => customerOrders(ctx, input),
};
