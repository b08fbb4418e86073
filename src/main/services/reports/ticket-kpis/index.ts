import { z } from 'zod';
import type { TicketKpiRow } from '../../../../shared/contract/tickets';
import { addMonths } from '../../customers/dates';
import { ticketKpiGroups } from '../../tickets/kpis';
import { PARAM, RANGE_ERROR, monthRangeShape, rangeText, validRange } from '../params';
import { GRADE_ORDER, tx } from '../text';
import { defineReport, type ReportTable } from '../types';

const schema = z.object({ ...monthRangeShape }).refine(validRange, RANGE_ERROR);

/** The last calendar day of a month YYYY-MM. */
function lastDay(month: string): string {
  return new Date(Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const gradeRank = (key: string) => {
  const i = GRADE_ORDER.indexOf(key === 'none' || key === '' ? null : key);
  return i < 0 ? GRADE_ORDER.length : i;
};

/**
 * 红色通道服务指标: the red channel's KPIs (the tickets module's own computation) for a period, with
 * the monthly trend and breakdowns by category and customer grade.
 */
export const ticketKpiReport = defineReport({
  id: 'ticket-kpis',
  group: 'service',
  orientation: 'portrait',
  title: tx('红色通道服务指标', 'Red-channel service KPIs'),
  description: tx(
    '故障与投诉量、投诉率、平均故障处理时长、响应及解决及时率、返工率、满意度，逐月趋势及按类别、等级分析',
    'Faults and complaints, complaint rate, fault resolution time, on-time rates, rework and satisfaction, monthly trend and breakdowns',
  ),
  roles: ['admin', 'leader'],
  params: [PARAM.from(), PARAM.to()],
  schema,
  run(rc, p) {
    const { t } = rc;
    const range = { from: `${p.from}-01`, to: lastDay(p.to) };
    // One read of the KPI rollup for all three breakdowns; the report shows no median, so no ticket is read.
    const kpis = ticketKpiGroups(rc.ctx, range, ['month', 'category', 'grade'], { median: false });
    const monthly = kpis.month;
    const byCategory = kpis.category;
    const byGrade = kpis.grade;
    const total = monthly.total;

    const columns = (first: string): ReportTable['columns'] => [
      { key: 'group', label: first, format: 'text', width: 14 },
      { key: 'faults', label: t(tx('故障', 'Faults')), format: 'int', width: 8 },
      { key: 'complaints', label: t(tx('投诉', 'Complaints')), format: 'int', width: 8 },
      { key: 'complaintRate', label: t(tx('投诉率（每百户月）', 'Complaints per 100')), format: 'decimal', width: 10 },
      { key: 'avgMinutes', label: t(tx('平均故障历时（工作时间）', 'Avg fault time (business)')), format: 'duration', width: 12 },
      { key: 'response', label: t(tx('响应及时率', 'Response on time')), format: 'percent', width: 10 },
      { key: 'resolution', label: t(tx('解决及时率', 'Resolved on time')), format: 'percent', width: 10 },
      { key: 'rework', label: t(tx('返工率', 'Rework')), format: 'percent', width: 8 },
      { key: 'satisfaction', label: t(tx('满意度', 'Satisfaction')), format: 'decimal', width: 8 },
    ];
    const row = (r: TicketKpiRow, label: string) => ({
      group: label,
      faults: r.faults,
      complaints: r.complaints,
      complaintRate: r.complaintRate,
      avgMinutes: r.avgFaultResolutionMinutes,
      response: r.responseOnTimeRate,
      resolution: r.resolutionOnTimeRate,
      rework: r.reworkRate,
      satisfaction: r.avgSatisfaction,
    });
    const totals = row(total, t(tx('合计', 'Total')));
    // Every month of the range appears in the trend, also months without tickets.
    const months: string[] = [];
    for (let m = p.from; m <= p.to; m = addMonths(m, 1)) months.push(m);
    const monthRow = new Map(monthly.rows.map((r) => [r.key, r]));

    return {
      params: [
        { label: t(tx('统计期间', 'Period')), value: rangeText(rc, p.from, p.to) },
        { label: t(tx('大客户数（投诉率基数）', 'Key customers (rate base)')), value: String(monthly.keyCustomers) },
      ],
      summary: [
        { label: t(tx('受理工单', 'Tickets')), value: total.tickets, format: 'int' },
        { label: t(tx('故障', 'Faults')), value: total.faults, format: 'int' },
        { label: t(tx('投诉', 'Complaints')), value: total.complaints, format: 'int' },
        { label: t(tx('投诉率（每百户每月）', 'Complaints per 100 key customers per month')), value: total.complaintRate, format: 'decimal' },
        { label: t(tx('平均故障处理时长（工作时间）', 'Avg fault resolution (business time)')), value: total.avgFaultResolutionMinutes, format: 'duration' },
        { label: t(tx('响应及时率', 'Response on time')), value: total.responseOnTimeRate, format: 'percent' },
        { label: t(tx('解决及时率', 'Resolved on time')), value: total.resolutionOnTimeRate, format: 'percent' },
        { label: t(tx('返工率', 'Rework rate')), value: total.reworkRate, format: 'percent' },
        { label: t(tx('平均满意度（5 分制）', 'Avg satisfaction (of 5)')), value: total.avgSatisfaction, format: 'decimal' },
      ],
      charts: [
        {
          id: 'trend',
          kind: 'bar',
          title: t(tx('逐月故障、投诉量与解决及时率', 'Faults, complaints and on-time resolution by month')),
          categories: months,
          series: [
            { name: t(tx('故障', 'Faults')), data: months.map((m) => monthRow.get(m)?.faults ?? 0), line: false, format: 'int' },
            { name: t(tx('投诉', 'Complaints')), data: months.map((m) => monthRow.get(m)?.complaints ?? 0), line: false, format: 'int' },
            { name: t(tx('解决及时率', 'Resolved on time')), data: months.map((m) => monthRow.get(m)?.resolutionOnTimeRate ?? null), line: true, format: 'percent' },
          ],
          height: 240,
        },
      ],
      tables: [
        {
          id: 'months',
          title: t(tx('逐月指标', 'By month')),
          columns: columns(t(tx('月份', 'Month'))),
          rows: months.map((m) => {
            const r = monthRow.get(m);
            return r ? row(r, m) : { group: m, faults: 0, complaints: 0, complaintRate: 0, avgMinutes: null, response: null, resolution: null, rework: null, satisfaction: null };
          }),
          totals,
          note: null,
        },
        {
          id: 'categories',
          title: t(tx('按类别', 'By category')),
          columns: columns(t(tx('类别', 'Category'))),
          rows: byCategory.rows.map((r) => row(r, r.label)),
          totals,
          note: null,
        },
        {
          id: 'grades',
          title: t(tx('按客户等级', 'By customer grade')),
          columns: columns(t(tx('等级', 'Grade'))),
          // Grades in their own order (strategic first), 'none' last, not alphabetically.
          rows: [...byGrade.rows]
            .sort((a, b) => gradeRank(a.key) - gradeRank(b.key))
            .map((r) => row(r, r.label)),
          totals,
          note: null,
        },
      ],
      fileSuffix: p.from === p.to ? p.from : `${p.from}_${p.to}`,
    };
  },
});
