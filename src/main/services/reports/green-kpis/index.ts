import { z } from 'zod';
import { ordersSettings } from '../../orders/config';
import { seededName } from '../../tickets/seeded';
import { PARAM, RANGE_ERROR, describeFilters, monthRangeShape, optionalText, rangeText, validRange } from '../params';
import { tx, type Translate } from '../text';
import { defineReport, type ReportContext, type ReportTable } from '../types';
import { figuresOf, greenKpis, type GreenLabels, type GreenSums } from './figures';

const schema = z.object({ ...monthRangeShape, manager: optionalText.default(null) }).refine(validRange, RANGE_ERROR);

const L = {
  orders: tx('完成工单', 'Orders closed'),
  orderAvg: tx('平均工单历时', 'Avg order time'),
  orderOnTime: tx('工单按时率', 'Orders on time'),
  returnRate: tx('异常返单率', 'Orders returned'),
  returnsPer100: tx('每百单返单', 'Returns per 100'),
  attempts: tx('环节办理', 'Stage passes'),
  attemptsReturned: tx('返单次数', 'Returns'),
  attemptReturnRate: tx('返单占比', 'Returned share'),
  stageAvg: tx('环节平均历时', 'Avg stage time'),
  stageLimit: tx('平均完工时限', 'Avg time limit'),
  stageOnTime: tx('环节按时率', 'Stages on time'),
  forms: tx('资源确认', 'Resource checks'),
  formAvg: tx('资源确认平均历时', 'Avg resource check'),
  formOnTime: tx('资源确认按时率', 'Resource on time'),
};

type Row = Record<string, string | number | null>;

/** Names in the reader's language; business types and stage order from the branch's order settings. */
function greenLabels(rc: ReportContext): GreenLabels {
  const { t, locale } = rc;
  const settings = ordersSettings(rc.ctx);
  const typeNames = new Map(settings.businessTypes.map((b) => [b.key, b.name]));
  // Stage names by key from the templates (the stage rows are read from an index without their names).
  const stageNames = new Map(settings.businessTypes.flatMap((b) => b.template.stages.map((st) => [st.key, st.name] as const)));
  // Stage order from the longest template (steps of 1000); a stage only a shorter template has goes just after
  // the stage before it there.
  const rank = new Map<string, number>();
  const templates = settings.businessTypes.map((b) => b.template.stages).sort((x, y) => y.length - x.length);
  templates.forEach((stages, i) => {
    let before = 0;
    for (const st of stages) {
      if (!rank.has(st.key)) rank.set(st.key, before + (i === 0 ? 1000 : 1));
      before = rank.get(st.key)!;
    }
  });
  return {
    noOrder: t(tx('未关联工单', 'No order')),
    noDepartment: t(tx('未转办', 'Not routed')),
    type: (key) => seededName(typeNames.get(key) ?? key, locale),
    stage: (key) => seededName(stageNames.get(key) ?? key, locale),
    stageRank: (key) => rank.get(key) ?? Number.MAX_SAFE_INTEGER,
  };
}

/** The columns of a breakdown: order figures where the group has orders, stage and resource figures always. */
function columns(t: Translate, first: string, kind: 'orders' | 'stages' | 'stage'): ReportTable['columns'] {
  const c = (key: string, label: (typeof L)[keyof typeof L], format: ReportTable['columns'][number]['format'], width: number) => ({
    key,
    label: t(label),
    format,
    width,
  });
  const head = [{ key: 'group', label: first, format: 'text' as const, width: 12 }];
  const order = [
    c('orders', L.orders, 'int', 7),
    c('orderAvg', L.orderAvg, 'duration', 9),
    c('orderOnTime', L.orderOnTime, 'percent', 7),
    c('returnRate', L.returnRate, 'percent', 7),
    c('returnsPer100', L.returnsPer100, 'decimal', 7),
  ];
  const stage = [c('attempts', L.attempts, 'int', 7), c('stageAvg', L.stageAvg, 'duration', 9), c('stageOnTime', L.stageOnTime, 'percent', 7)];
  const returned = [c('attemptsReturned', L.attemptsReturned, 'int', 7), c('attemptReturnRate', L.attemptReturnRate, 'percent', 7)];
  const form = [c('forms', L.forms, 'int', 7), c('formAvg', L.formAvg, 'duration', 9), c('formOnTime', L.formOnTime, 'percent', 7)];
  if (kind === 'orders') return [...head, ...order, ...stage, ...form];
  if (kind === 'stages') return [...head, ...stage, ...returned, ...form];
  return [...head, c('stageLimit', L.stageLimit, 'duration', 9), ...stage, ...returned];
}

function row(label: string, s: GreenSums): Row {
  const f = figuresOf(s);
  return {
    group: label,
    orders: f.orders,
    orderAvg: f.orderAvgMinutes,
    orderOnTime: f.orderOnTimeRate,
    returnRate: f.returnRate,
    returnsPer100: f.returnsPer100,
    attempts: f.attempts,
    attemptsReturned: f.attemptsReturned,
    attemptReturnRate: f.attemptReturnRate,
    stageAvg: f.stageAvgMinutes,
    stageLimit: f.stageAvgLimitMinutes,
    stageOnTime: f.stageOnTimeRate,
    forms: f.forms,
    formAvg: f.formAvgMinutes,
    formOnTime: f.formOnTimeRate,
  };
}

/**
 * 绿色通道指标 (seed 004): order execution time and on-time rate end to end and per stage,
 * resource-confirmation time and on-time rate, the exception-return rate and contracts expiring, by
 * month, business type, department and stage. Figures in green-kpis/figures.ts.
 */
export const greenKpiReport = defineReport({
  id: 'green-kpis',
  group: 'service',
  orientation: 'landscape',
  title: tx('绿色通道指标', 'Green channel KPIs'),
  description: tx(
    '工单端到端及各环节平均历时与按时率、资源确认平均历时与按时率、异常返单率、合同逐月到期，按月份、业务类型、部门和环节分析',
    'Order time and on-time rate end to end and per stage, resource confirmation time and on-time rate, exception returns and contracts expiring, by month, business type, department and stage',
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [PARAM.from(), PARAM.to(), PARAM.manager],
  schema,
  run(rc, p) {
    const { t } = rc;
    const k = greenKpis(rc, p, p.manager, greenLabels(rc));
    const total = figuresOf(k.total);
    const totals = (kind: 'orders' | 'stages' | 'stage') => {
      const r = row(t(tx('合计', 'Total')), k.total);
      // A department or stage total has no order figures: orders cross departments.
      if (kind !== 'orders') for (const key of ['orders', 'orderAvg', 'orderOnTime', 'returnRate', 'returnsPer100']) r[key] = null;
      if (kind === 'stage') for (const key of ['forms', 'formAvg', 'formOnTime']) r[key] = null;
      return r;
    };
    const contractTotals = k.contracts.reduce((a, c) => ({ expiring: a.expiring + c.expiring, renewed: a.renewed + c.renewed, amountFen: a.amountFen + c.amountFen }), {
      expiring: 0,
      renewed: 0,
      amountFen: 0,
    });
    const durationNote = t(
      tx('历时均为工作时间（按服务日历，含调休）；按时率 = 在完工时限内完成的比例。', 'Times are business time on the service calendar; on time = within the time limit.'),
    );

    return {
      params: [{ label: t(tx('统计期间', 'Period')), value: rangeText(rc, p.from, p.to) }, ...describeFilters(rc, { manager: p.manager })],
      summary: [
        { label: t(tx('完成工单（客户签收）', 'Orders closed (signed off)')), value: total.orders, format: 'int' },
        { label: t(tx('工单平均历时（端到端，工作时间）', 'Avg order time (end to end, business)')), value: total.orderAvgMinutes, format: 'duration' },
        { label: t(tx('工单按时完成率（端到端）', 'Orders on time (end to end)')), value: total.orderOnTimeRate, format: 'percent' },
        { label: t(tx('环节办理次数', 'Stage passes')), value: total.attempts, format: 'int' },
        { label: t(tx('环节平均历时（工作时间）', 'Avg stage time (business)')), value: total.stageAvgMinutes, format: 'duration' },
        { label: t(tx('环节按时率', 'Stages on time')), value: total.stageOnTimeRate, format: 'percent' },
        { label: t(tx('资源确认单答复', 'Resource confirmations answered')), value: total.forms, format: 'int' },
        { label: t(tx('资源确认平均历时（工作时间）', 'Avg resource confirmation (business)')), value: total.formAvgMinutes, format: 'duration' },
        { label: t(tx('资源确认按时率', 'Resource confirmations on time')), value: total.formOnTimeRate, format: 'percent' },
        { label: t(tx('异常返单率', 'Orders returned at least once')), value: total.returnRate, format: 'percent' },
        { label: t(tx('每百单返单次数', 'Returns per 100 orders')), value: total.returnsPer100, format: 'decimal' },
        { label: t(tx('到期合同', 'Contracts expiring')), value: contractTotals.expiring, format: 'int' },
      ],
      charts: [
        {
          id: 'trend',
          kind: 'bar',
          title: t(tx('逐月完成工单与按时率', 'Orders closed and on-time rates by month')),
          categories: k.months,
          series: [
            { name: t(L.orders), data: k.months.map((m) => k.byMonth.get(m)!.orders), line: false, format: 'int' },
            { name: t(L.orderOnTime), data: k.months.map((m) => figuresOf(k.byMonth.get(m)!).orderOnTimeRate), line: true, format: 'percent' },
            { name: t(L.stageOnTime), data: k.months.map((m) => figuresOf(k.byMonth.get(m)!).stageOnTimeRate), line: true, format: 'percent' },
          ],
          height: 220,
        },
      ],
      tables: [
        {
          id: 'months',
          title: t(tx('逐月指标', 'By month')),
          columns: columns(t, t(tx('月份', 'Month')), 'orders'),
          rows: k.months.map((m) => row(m, k.byMonth.get(m)!)),
          totals: totals('orders'),
          note: durationNote,
        },
        {
          id: 'types',
          title: t(tx('按业务类型', 'By business type')),
          columns: columns(t, t(tx('业务类型', 'Business type')), 'orders'),
          rows: k.byType.map((g) => row(g.label, g.sums)),
          totals: totals('orders'),
          note: null,
        },
        {
          id: 'departments',
          title: t(tx('按部门', 'By department')),
          columns: columns(t, t(tx('部门', 'Department')), 'stages'),
          rows: k.byDepartment.map((g) => row(g.label, g.sums)),
          totals: totals('stages'),
          note: t(tx('环节按办理部门，资源确认按转办的答复部门统计。', 'Stages by the department working them, resource confirmations by the answering department.')),
        },
        {
          id: 'stages',
          title: t(tx('按环节', 'By stage')),
          columns: columns(t, t(tx('环节', 'Stage')), 'stage'),
          rows: k.byStage.map((g) => row(g.label, g.sums)),
          totals: totals('stage'),
          note: t(tx('每次经过环节单独计时：返单后重办的环节各算一次。', 'Each pass through a stage is timed on its own: a stage redone after a return counts again.')),
        },
        {
          id: 'contracts',
          title: t(tx('合同逐月到期', 'Contracts expiring by month')),
          columns: [
            { key: 'group', label: t(tx('到期月份', 'Month')), format: 'text', width: 12 },
            { key: 'expiring', label: t(tx('到期合同', 'Expiring')), format: 'int', width: 10 },
            { key: 'renewed', label: t(tx('其中已续签', 'Of which renewed')), format: 'int', width: 10 },
            { key: 'amountFen', label: t(tx('合同金额（元）', 'Amount (¥)')), format: 'fen', width: 16 },
          ],
          rows: k.contracts.map((c) => ({ group: c.month, expiring: c.expiring, renewed: c.renewed, amountFen: c.amountFen })),
          totals: { group: t(tx('合计', 'Total')), ...contractTotals },
          note: null,
        },
      ],
      fileSuffix: p.from === p.to ? p.from : `${p.from}_${p.to}`,
    };
  },
});

export { greenStageWaitReport } from './stage-wait';
