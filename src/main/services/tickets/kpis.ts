import type { ParsedInputOf } from '../../../shared/contract';
import type { TicketKpiRow } from '../../../shared/contract/tickets';
import type { KpiGroup } from '../../../shared/contract/ticket-common';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { prepared } from './read';

/**
 * Red-channel KPIs for the reports module. Tickets are counted by the Asia/Shanghai date they were
 * opened; cancelled tickets (duplicates, mistaken reports) are left out of every figure.
 * - complaint rate: complaints per 100 key customers per month of the range;
 * - fault resolution: business minutes from opening to the first resolution, pauses excluded;
 * - on-time rates: first response / first resolution within the ticket's SLA;
 * - rework rate: resolved tickets reworked at least once; satisfaction: the latest 回访 score.
 */

const GROUP_SQL: Record<KpiGroup, string> = {
  month: "strftime('%Y-%m', t.created_at, '+8 hours')",
  category: "coalesce(k.name, '')",
  department: "coalesce(t.assignee_dept, '')",
  grade: "coalesce(t.customer_grade, 'none')",
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

interface Agg {
  key: string;
  tickets: number;
  faults: number;
  complaints: number;
  faultsResolved: number;
  avgMinutes: number | null;
  respOk: number;
  respN: number;
  resOk: number;
  resN: number;
  reworked: number;
  resolved: number;
  avgSat: number | null;
}

/** KPIs grouped by month, category, department or grade over a range of dates. */
export function ticketKpis(ctx: ServiceContext, input: ParsedInputOf<'tickets.kpis'>) {
  const [start, end] = bounds(input.from, input.to);
  const group = GROUP_SQL[input.groupBy];
  const aggSql = `
    SELECT KEY AS key, count(*) AS tickets,
      sum(t.kind = 'fault') AS faults, sum(t.kind = 'complaint') AS complaints,
      sum(t.kind = 'fault' AND t.first_resolved_at IS NOT NULL) AS faultsResolved,
      avg(CASE WHEN t.kind = 'fault' THEN t.resolution_business_minutes END) AS avgMinutes,
      sum(t.response_on_time = 1) AS respOk, sum(t.response_on_time IS NOT NULL) AS respN,
      sum(t.resolution_on_time = 1) AS resOk, sum(t.resolution_on_time IS NOT NULL) AS resN,
      sum(t.rework_count > 0 AND t.first_resolved_at IS NOT NULL) AS reworked,
      sum(t.first_resolved_at IS NOT NULL) AS resolved,
      avg(t.satisfaction) AS avgSat
    FROM tickets t LEFT JOIN ticket_categories k ON k.id = t.category_id
    WHERE t.deleted = 0 AND t.status <> 'cancelled' AND t.created_at >= ? AND t.created_at < ?`;
  const grouped = prepared(ctx, `${aggSql.replace('KEY', group)} GROUP BY 1 ORDER BY 1`).all(start, end) as Agg[];
  const total = prepared(ctx, aggSql.replace('KEY', "'total'")).get(start, end) as Agg;
  const minutes = prepared(
    ctx,
    `SELECT ${group} AS key, t.resolution_business_minutes AS m
     FROM tickets t LEFT JOIN ticket_categories k ON k.id = t.category_id
     WHERE t.deleted = 0 AND t.status <> 'cancelled' AND t.kind = 'fault' AND t.resolution_business_minutes IS NOT NULL
       AND t.created_at >= ? AND t.created_at < ?`,
  ).all(start, end) as { key: string; m: number }[];
  const byKey = new Map<string, number[]>();
  for (const r of minutes) {
    const list = byKey.get(r.key) ?? [];
    list.push(r.m);
    byKey.set(r.key, list);
  }
  const keyCustomers = (prepared(ctx, 'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1').get() as { n: number }).n;
  const keyByGrade = new Map(
    (
      prepared(ctx, "SELECT coalesce(grade, 'none') AS g, count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 GROUP BY 1").all() as {
        g: string;
        n: number;
      }[]
    ).map((r) => [r.g, r.n]),
  );
  const months = monthsIn(input.from, input.to);

  const shape = (a: Agg, medianValues: number[], customersBase: number, monthCount: number): TicketKpiRow => ({
    key: a.key,
    label: a.key === 'total' ? translate('tickets.kpi.total', ctx.locale) : a.key,
    tickets: a.tickets,
    faults: a.faults ?? 0,
    complaints: a.complaints ?? 0,
    complaintRate: customersBase > 0 ? Math.round(((a.complaints ?? 0) / customersBase / monthCount) * 100 * 100) / 100 : null,
    faultsResolved: a.faultsResolved ?? 0,
    avgFaultResolutionMinutes: round1(a.avgMinutes),
    medianFaultResolutionMinutes: round1(median(medianValues)),
    responseOnTimeRate: ratio(a.respOk ?? 0, a.respN ?? 0),
    resolutionOnTimeRate: ratio(a.resOk ?? 0, a.resN ?? 0),
    reworkRate: ratio(a.reworked ?? 0, a.resolved ?? 0),
    avgSatisfaction: a.avgSat === null ? null : Math.round(a.avgSat * 100) / 100,
  });
  const rows = grouped.map((a) => {
    const base = input.groupBy === 'grade' ? (keyByGrade.get(a.key) ?? 0) : keyCustomers;
    const row = shape(a, byKey.get(a.key) ?? [], base, input.groupBy === 'month' ? 1 : months);
    if (row.key === '' || row.key === 'none') row.label = translate('tickets.kpi.none', ctx.locale);
    else if (input.groupBy === 'grade') row.label = translate(`grade.${row.key}`, ctx.locale);
    return row;
  });
  const allMinutes = minutes.map((r) => r.m);
  const totalRow = total.tickets ? shape(total, allMinutes, keyCustomers, months) : shape({ ...total, key: 'total' }, [], keyCustomers, months);
  return { rows, total: totalRow, keyCustomers };
}

export const kpiHandlers = {
  'tickets.kpis': (ctx: ServiceContext, input: ParsedInputOf<'tickets.kpis'>) => ticketKpis(ctx, input),
};
