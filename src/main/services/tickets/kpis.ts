import type { ParsedInputOf } from '../../../shared/contract';
import type { TicketKpiRow } from '../../../shared/contract/tickets';
import type { KpiGroup } from '../../../shared/contract/ticket-common';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { prepared } from './read';
import { seededName } from './seeded';

/**
 * Red-channel KPIs for the reports module. Tickets are counted by the Asia/Shanghai date they were
 * opened; cancelled tickets (duplicates, mistaken reports) are left out of every figure.
 * - complaint rate: complaints per 100 key customers per month of the range;
 * - fault resolution: business minutes from opening to the first resolution, pauses excluded;
 * - on-time rates: first response / first resolution within the ticket's SLA;
 * - rework rate: resolved tickets reworked at least once; satisfaction: the latest 回访 score.
 */

/** Which rollup column each grouping reads; category names are joined at read time, so a renamed category regroups at once. */
const GROUP_OF: Record<KpiGroup, (r: RollupRow) => string> = {
  month: (r) => r.day.slice(0, 7),
  category: (r) => r.category,
  department: (r) => r.dept,
  grade: (r) => r.grade,
};

/** UTC bounds of a range of Asia/Shanghai dates (inclusive). */
function bounds(from: string, to: string): [string, string] {
  const start = new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString();
  const end = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString();
  return [start, end];
}

function monthsIn(from: string, to: string): number {
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return Math.max(1, (ty - fy) * 12 + (tm - fm) + 1);
}

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10000) / 10000 : null);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The additive KPI inputs a rollup row holds and a breakdown sums. */
interface KpiSums {
  tickets: number;
  resolved: number;
  reworked: number;
  minutesSum: number;
  minutesN: number;
  respOk: number;
  respN: number;
  resOk: number;
  resN: number;
  satSum: number;
  satN: number;
}

/** One row of ticket_kpi_days (migration 0013) with its category's name. */
interface RollupRow extends KpiSums {
  day: string;
  kind: string;
  category: string;
  dept: string;
  grade: string;
}

interface Agg extends KpiSums {
  key: string;
  faults: number;
  complaints: number;
  faultsResolved: number;
}

function emptyAgg(key: string): Agg {
  return { key, tickets: 0, faults: 0, complaints: 0, faultsResolved: 0, minutesSum: 0, minutesN: 0, respOk: 0, respN: 0, resOk: 0, resN: 0, reworked: 0, resolved: 0, satSum: 0, satN: 0 };
}

function add(a: Agg, r: RollupRow): void {
  a.tickets += r.tickets;
  if (r.kind === 'fault') {
    a.faults += r.tickets;
    a.faultsResolved += r.resolved;
  } else if (r.kind === 'complaint') a.complaints += r.tickets;
  a.minutesSum += r.minutesSum;
  a.minutesN += r.minutesN;
  a.respOk += r.respOk;
  a.respN += r.respN;
  a.resOk += r.resOk;
  a.resN += r.resN;
  a.reworked += r.reworked;
  a.resolved += r.resolved;
  a.satSum += r.satSum;
  a.satN += r.satN;
}

/** The rollup rows of a range of Asia/Shanghai dates: a few thousand per year, whatever the number of tickets. */
function rollupRows(ctx: ServiceContext, from: string, to: string): RollupRow[] {
  return prepared(
    ctx,
    `SELECT d.day, d.kind, coalesce(k.name, '') AS category, d.dept, d.grade, d.tickets, d.resolved, d.reworked,
       d.minutes_sum AS minutesSum, d.minutes_n AS minutesN, d.resp_ok AS respOk, d.resp_n AS respN,
       d.res_ok AS resOk, d.res_n AS resN, d.sat_sum AS satSum, d.sat_n AS satN
     FROM ticket_kpi_days d LEFT JOIN ticket_categories k ON k.id = d.category_id
     WHERE d.day >= ? AND d.day <= ? AND d.tickets > 0`,
  ).all(from, to) as RollupRow[];
}

/** Resolution minutes of the range's resolved faults with each grouping's key: only the median needs single tickets. */
function faultMinutes(ctx: ServiceContext, from: string, to: string): { month: string; category: string; department: string; grade: string; m: number }[] {
  const [start, end] = bounds(from, to);
  return prepared(
    ctx,
    `SELECT strftime('%Y-%m', t.created_at, '+8 hours') AS month, coalesce(k.name, '') AS category,
       coalesce(t.assignee_dept, '') AS department, coalesce(t.customer_grade, 'none') AS grade, t.resolution_business_minutes AS m
     FROM tickets t LEFT JOIN ticket_categories k ON k.id = t.category_id
     WHERE t.deleted = 0 AND t.status <> 'cancelled' AND t.kind = 'fault' AND t.resolution_business_minutes IS NOT NULL
       AND t.created_at >= ? AND t.created_at < ?`,
  ).all(start, end) as { month: string; category: string; department: string; grade: string; m: number }[];
}

export interface TicketKpiResult {
  rows: TicketKpiRow[];
  total: TicketKpiRow;
  keyCustomers: number;
}

/**
 * KPIs over a range of dates for several groupings at once, from one read of the per-day rollup
 * (ticket_kpi_days). The median needs every resolution time and so reads tickets; reports, which do
 * not show it, pass median: false and get null.
 */
export function ticketKpiGroups<G extends KpiGroup>(
  ctx: ServiceContext,
  range: { from: string; to: string },
  groups: readonly G[],
  options: { median: boolean },
): Record<G, TicketKpiResult> {
  const rollup = rollupRows(ctx, range.from, range.to);
  const minutes = options.median ? faultMinutes(ctx, range.from, range.to) : [];
  const keyCustomers = (prepared(ctx, 'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1').get() as { n: number }).n;
  const keyByGrade = groups.includes('grade' as G)
    ? new Map(
        (
          prepared(ctx, "SELECT coalesce(grade, 'none') AS g, count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 GROUP BY 1").all() as {
            g: string;
            n: number;
          }[]
        ).map((r) => [r.g, r.n]),
      )
    : new Map<string, number>();
  const months = monthsIn(range.from, range.to);
  const total = emptyAgg('total');
  for (const r of rollup) add(total, r);

  const shape = (a: Agg, medianValues: number[] | null, customersBase: number, monthCount: number): TicketKpiRow => ({
    key: a.key,
    label: a.key === 'total' ? translate('tickets.kpi.total', ctx.locale) : a.key,
    tickets: a.tickets,
    faults: a.faults,
    complaints: a.complaints,
    complaintRate: customersBase > 0 ? Math.round((a.complaints / customersBase / monthCount) * 100 * 100) / 100 : null,
    faultsResolved: a.faultsResolved,
    avgFaultResolutionMinutes: round1(a.minutesN > 0 ? a.minutesSum / a.minutesN : null),
    medianFaultResolutionMinutes: medianValues ? round1(median(medianValues)) : null,
    responseOnTimeRate: ratio(a.respOk, a.respN),
    resolutionOnTimeRate: ratio(a.resOk, a.resN),
    reworkRate: ratio(a.reworked, a.resolved),
    avgSatisfaction: a.satN > 0 ? Math.round((a.satSum / a.satN) * 100) / 100 : null,
  });
  const totalRow = shape(total, options.median ? minutes.map((r) => r.m) : null, keyCustomers, months);

  const out = {} as Record<G, TicketKpiResult>;
  for (const groupBy of groups) {
    const keyOf = GROUP_OF[groupBy];
    const byKey = new Map<string, Agg>();
    for (const r of rollup) {
      const key = keyOf(r);
      let a = byKey.get(key);
      if (!a) byKey.set(key, (a = emptyAgg(key)));
      add(a, r);
    }
    const minutesByKey = new Map<string, number[]>();
    for (const r of minutes) {
      const key = r[groupBy];
      const list = minutesByKey.get(key) ?? [];
      list.push(r.m);
      minutesByKey.set(key, list);
    }
    // Keys in SQLite's BINARY order (code point order), as the SQL grouping always listed them.
    const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = keys.map((key) => {
      const a = byKey.get(key)!;
      const base = groupBy === 'grade' ? (keyByGrade.get(key) ?? 0) : keyCustomers;
      const row = shape(a, options.median ? (minutesByKey.get(key) ?? []) : null, base, groupBy === 'month' ? 1 : months);
      if (row.key === '' || row.key === 'none') row.label = translate('tickets.kpi.none', ctx.locale);
      else if (groupBy === 'grade') row.label = translate(`grade.${row.key}`, ctx.locale);
      else if (groupBy === 'category') row.label = seededName(row.key, ctx.locale);
      return row;
    });
    out[groupBy] = { rows, total: totalRow, keyCustomers };
  }
  return out;
}

/** KPIs grouped by month, category, department or grade over a range of dates (with the median). */
export function ticketKpis(ctx: ServiceContext, input: ParsedInputOf<'tickets.kpis'>): TicketKpiResult {
  return ticketKpiGroups(ctx, input, [input.groupBy], { median: true })[input.groupBy];
}

export const kpiHandlers = {
  'tickets.kpis': (ctx: ServiceContext, input: ParsedInputOf<'tickets.kpis'>) => ticketKpis(ctx, input),
};
