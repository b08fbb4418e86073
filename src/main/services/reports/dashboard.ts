import type { Dashboard, DashboardKpi, DashboardTicket } from '../../../shared/contract/reports';
import type { TicketRow } from '../../../shared/contract/tickets';
import { requireActor, type ServiceContext } from '../context';
import { addMonths, shanghaiMonth } from '../customers/dates';
import { listWarnings } from '../customers/warnings';
import { queueCounts, queuePage } from '../tickets/queue';
import { ticketKpiGroups } from '../tickets/kpis';
import { reportCube } from './cube';
import { monthOrderFigures } from './green-kpis/figures';
import { visitCompliance } from '../visits/compliance';

const LIST_SIZE = 8;

/** The customer list filtered as the figure counts (the list keeps its filters in ?f=<json>). */
export function customerListRoute(filter: Record<string, unknown>): string {
  return `/customers?f=${encodeURIComponent(JSON.stringify(filter))}`;
}

function toDashTicket(r: TicketRow): DashboardTicket {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind,
    customerName: r.customerName,
    priority: r.priority,
    status: r.status,
    dueAt: r.dueAt,
    slaState: r.slaState,
    remainingMinutes: r.remainingMinutes,
  };
}

/** Last day of a month YYYY-MM. */
function lastDay(month: string): string {
  return new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function accountManager(ctx: ServiceContext, actorId: string): Dashboard {
  const sqlite = ctx.store.sqlite;
  const counts = sqlite
    .prepare('SELECT count(*) AS n, coalesce(sum(is_key), 0) AS k FROM customers WHERE deleted = 0 AND owner_id = ?')
    .get(actorId) as { n: number; k: number };
  const warnings = listWarnings(ctx, { includeAcknowledged: false, page: 1, pageSize: LIST_SIZE });
  const tickets = queuePage(ctx, { view: 'open', page: 1, pageSize: LIST_SIZE });
  return {
    kind: 'account_manager',
    customers: counts.n,
    keyCustomers: counts.k,
    openWarnings: warnings.total,
    warnings: warnings.rows.map((w) => ({
      id: w.id,
      customerId: w.customerId,
      customerName: w.customerName,
      kind: w.kind,
      message: w.message,
      amountFen: w.amountFen,
      raisedAt: w.raisedAt,
    })),
    openTickets: tickets.total,
    tickets: tickets.rows.map(toDashTicket),
  };
}

function serviceDesk(ctx: ServiceContext): Dashboard {
  const q = queueCounts(ctx);
  // About to breach: warning time passed, due time not yet; most urgent first.
  const dueSoon = queuePage(ctx, { view: 'warning', page: 1, pageSize: LIST_SIZE });
  return {
    kind: 'service_desk',
    queue: { open: q.open, unassigned: q.unassigned, mine: q.mine, warning: q.warning, breached: q.breached, waiting: q.waiting },
    dueSoon: dueSoon.rows.map(toDashTicket),
  };
}

function leader(ctx: ServiceContext): Dashboard {
  const sqlite = ctx.store.sqlite;
  const now = ctx.now();
  const month = shanghaiMonth(now);
  const prevMonth = addMonths(month, -1);
  // Revenue compares the last billed month with the one before (the current month is not billed yet).
  const billed = addMonths(month, -1);
  // A month's billed revenue from the report cube (a million bills per month would be seconds of SQL).
  const cube = reportCube(sqlite);
  const revenue = (period: string) => (cube.billed.get(period) ?? new Float64Array(0)).reduce((a, b) => a + b, 0);
  // New key customers of a Shanghai month from the trigger-kept rollup (migration 0014), not a scan of customers.
  const newKey = (m: string) =>
    (sqlite.prepare('SELECT coalesce(sum(customers), 0) AS n FROM report_new_customers WHERE month = ?').get(m) as { n: number }).n;
  const keyCustomers = (sqlite.prepare('SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1').get() as { n: number }).n;
  const arrears = (sqlite.prepare('SELECT coalesce(sum(arrears_fen), 0) AS s FROM customers WHERE deleted = 0 AND arrears_fen > 0').get() as { s: number }).s;
  const kpiOf = (m: string) => ticketKpiGroups(ctx, { from: `${m}-01`, to: lastDay(m) }, ['month'], { median: false }).month.total;
  const cur = kpiOf(month);
  const prev = kpiOf(prevMonth);
  const q = queueCounts(ctx);
  const complianceOf = (m: string) => {
    const rate = visitCompliance(ctx, m).total.rate;
    return rate === null ? null : rate / 100;
  };
  const kpis: DashboardKpi[] = [
    { key: 'keyCustomers', value: keyCustomers, previous: null, format: 'int', period: month, route: customerListRoute({ isKey: true }) },
    { key: 'newKeyCustomers', value: newKey(month), previous: newKey(prevMonth), format: 'int', period: month, route: `/reports/new-customers-plan?from=${month}&to=${month}` },
    { key: 'revenue', value: revenue(billed), previous: revenue(addMonths(billed, -1)), format: 'fen', period: billed, route: `/reports/revenue-ranking?from=${billed}&to=${billed}` },
    { key: 'arrears', value: arrears, previous: null, format: 'fen', period: month, route: customerListRoute({ arrears: true, sort: 'arrears' }) },
    { key: 'complaints', value: cur.complaints, previous: prev.complaints, format: 'int', period: month, route: `/reports/complaint-archive?from=${month}&to=${month}` },
    { key: 'faultTime', value: cur.avgFaultResolutionMinutes, previous: prev.avgFaultResolutionMinutes, format: 'duration', period: month, route: `/reports/ticket-kpis?from=${prevMonth}&to=${month}` },
    { key: 'resolutionOnTime', value: cur.resolutionOnTimeRate, previous: prev.resolutionOnTimeRate, format: 'percent', period: month, route: `/reports/ticket-kpis?from=${prevMonth}&to=${month}` },
    { key: 'breached', value: q.breached, previous: null, format: 'int', period: month, route: '/red?view=breached' },
    // The green channel's end-to-end on-time rate (its queues have their own tiles on the home page).
    { key: 'orderOnTime', value: monthOrderFigures(sqlite, month).orderOnTimeRate, previous: monthOrderFigures(sqlite, prevMonth).orderOnTimeRate, format: 'percent', period: month, route: `/reports/green-kpis?from=${prevMonth}&to=${month}` },
    // The yellow channel's visit compliance of the branch (visits/compliance.ts, as the report prints it).
    { key: 'visitCompliance', value: complianceOf(month), previous: complianceOf(prevMonth), format: 'percent', period: month, route: `/reports/visit-compliance?month=${month}` },
  ];
  // The worst breaches: the open tickets longest past their due time (due order puts them first).
  const worst = queuePage(ctx, { view: 'breached', page: 1, pageSize: LIST_SIZE });
  return { kind: 'leader', kpis, worstBreaches: worst.rows.map(toDashTicket) };
}

/** reports.dashboard: the home page figures for the caller's role. */
export function dashboard(ctx: ServiceContext): Dashboard {
  const actor = requireActor(ctx);
  switch (actor.role) {
    case 'account_manager':
      return accountManager(ctx, actor.id);
    case 'service_desk':
      return serviceDesk(ctx);
    case 'leader':
    case 'admin':
      return leader(ctx);
    default:
      return { kind: 'none' };
  }
}
