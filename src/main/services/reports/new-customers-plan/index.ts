import { z } from 'zod';
import { PARAM, RANGE_ERROR, monthRangeShape, monthsBetween, optionalText, rangeText, validRange, describeFilters } from '../params';
import { reportScopeSql } from '../scope';
import { tx } from '../text';
import { defineReport } from '../types';

const schema = z.object({ ...monthRangeShape, manager: optionalText.default(null) }).refine(validRange, RANGE_ERROR);

/**
 * 新增大客户与计划对比: key customers created in the period, credited to their 第一责任人, against
 * the plan in report_targets (per manager and month), by manager and by month.
 */
export const newCustomersPlan = defineReport({
  id: 'new-customers-plan',
  group: 'customers',
  orientation: 'portrait',
  title: tx('新增大客户完成情况', 'New key customers vs plan'),
  description: tx(
    '统计期间新建且符合大客户认定的客户数，按客户经理和月份与计划对比',
    'Key customers created in the period per account manager and month, against the plan',
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [PARAM.from(), PARAM.to(), PARAM.manager],
  schema,
  run(rc, p) {
    const { t } = rc;
    // Counted per Shanghai month and 第一责任人 by triggers (report_new_customers, migration 0014): a year of a
    // million-customer branch is a few thousand rollup rows instead of a sort of half a million customers.
    // The rollup's owner_id column takes the report scope's customer alias ('r.owner_id = ?' for a manager).
    const scope = reportScopeSql(rc.actor, 'r');
    const managerCond = p.manager ? ' AND r.owner_id = ?' : '';
    const managerParams = p.manager ? [p.manager] : [];
    const actual = rc.sqlite
      .prepare(
        `SELECT r.owner_id AS managerId, r.month AS month, sum(r.customers) AS n
         FROM report_new_customers r
         WHERE r.month >= ? AND r.month <= ? AND r.owner_id <> '' AND ${scope.sql}${managerCond}
         GROUP BY r.owner_id, r.month HAVING sum(r.customers) > 0`,
      )
      .all(p.from, p.to, ...scope.params, ...managerParams) as { managerId: string; month: string; n: number }[];
    const targetScope = rc.actor.role === 'account_manager' ? ' AND t.manager_id = ?' : '';
    const targetScopeParams = rc.actor.role === 'account_manager' ? [rc.actor.id] : [];
    const plan = rc.sqlite
      .prepare(
        `SELECT t.manager_id AS managerId, t.period AS month, sum(t.target) AS n
         FROM report_targets t
         WHERE t.deleted = 0 AND t.metric = 'new_key_customers' AND t.period BETWEEN ? AND ?${targetScope}${p.manager ? ' AND t.manager_id = ?' : ''}
         GROUP BY t.manager_id, t.period`,
      )
      .all(p.from, p.to, ...targetScopeParams, ...managerParams) as { managerId: string; month: string; n: number }[];

    const ids = new Set([...actual.map((a) => a.managerId), ...plan.map((a) => a.managerId)]);
    const names = new Map<string, string>();
    if (ids.size) {
      const list = [...ids];
      for (const u of rc.sqlite
        .prepare(`SELECT id, display_name AS name FROM users WHERE id IN (${list.map(() => '?').join(',')})`)
        .all(...list) as { id: string; name: string }[])
        names.set(u.id, u.name);
    }
    const byManager = new Map<string, { plan: number; actual: number }>();
    const byMonth = new Map<string, { plan: number; actual: number }>(monthsBetween(p.from, p.to).map((m) => [m, { plan: 0, actual: 0 }]));
    for (const a of actual) {
      const m = byManager.get(a.managerId) ?? { plan: 0, actual: 0 };
      byManager.set(a.managerId, { ...m, actual: m.actual + a.n });
      const mm = byMonth.get(a.month);
      if (mm) mm.actual += a.n;
    }
    for (const a of plan) {
      const m = byManager.get(a.managerId) ?? { plan: 0, actual: 0 };
      byManager.set(a.managerId, { ...m, plan: m.plan + a.n });
      const mm = byMonth.get(a.month);
      if (mm) mm.plan += a.n;
    }
    const rate = (v: { plan: number; actual: number }) => (v.plan > 0 ? v.actual / v.plan : null);
    const managers = [...byManager.entries()]
      .map(([id, v]) => ({ name: names.get(id) ?? id, ...v }))
      .sort((a, b) => (rate(b) ?? -1) - (rate(a) ?? -1) || b.actual - a.actual || (a.name < b.name ? -1 : 1));
    const total = managers.reduce((a, m) => ({ plan: a.plan + m.plan, actual: a.actual + m.actual }), { plan: 0, actual: 0 });
    const columns = (first: string) => [
      { key: 'group', label: first, format: 'text' as const, width: 14 },
      { key: 'plan', label: t(tx('计划（户）', 'Plan')), format: 'int' as const, width: 10 },
      { key: 'actual', label: t(tx('完成（户）', 'Actual')), format: 'int' as const, width: 10 },
      { key: 'rate', label: t(tx('完成率', 'Achieved')), format: 'percent' as const, width: 10 },
      { key: 'gap', label: t(tx('差额（户）', 'Gap')), format: 'int' as const, width: 10 },
    ];
    const row = (group: string, v: { plan: number; actual: number }) => ({ group, plan: v.plan, actual: v.actual, rate: rate(v), gap: v.actual - v.plan });
    const totals = row(t(tx('合计', 'Total')), total);

    return {
      params: [{ label: t(tx('统计期间', 'Period')), value: rangeText(rc, p.from, p.to) }, ...describeFilters(rc, { manager: p.manager })],
      summary: [
        { label: t(tx('计划新增（户）', 'Plan')), value: total.plan, format: 'int' },
        { label: t(tx('实际新增（户）', 'Actual')), value: total.actual, format: 'int' },
        { label: t(tx('完成率', 'Achieved')), value: rate(total), format: 'percent' },
        { label: t(tx('达成计划的客户经理', 'Managers on plan')), value: managers.filter((m) => m.plan > 0 && m.actual >= m.plan).length, format: 'int' },
      ],
      charts: [
        {
          id: 'managers',
          kind: 'bar',
          title: t(tx('各客户经理计划与完成', 'Plan and actual by account manager')),
          categories: managers.map((m) => m.name),
          series: [
            { name: t(tx('计划', 'Plan')), data: managers.map((m) => m.plan), line: false, format: 'int' },
            { name: t(tx('完成', 'Actual')), data: managers.map((m) => m.actual), line: false, format: 'int' },
          ],
          height: 240,
        },
        {
          id: 'months',
          kind: 'line',
          title: t(tx('逐月计划与完成', 'Plan and actual by month')),
          categories: [...byMonth.keys()],
          series: [
            { name: t(tx('计划', 'Plan')), data: [...byMonth.values()].map((v) => v.plan), line: true, format: 'int' },
            { name: t(tx('完成', 'Actual')), data: [...byMonth.values()].map((v) => v.actual), line: true, format: 'int' },
          ],
          height: 200,
        },
      ],
      tables: [
        {
          id: 'managers',
          title: t(tx('按客户经理', 'By account manager')),
          columns: columns(t(tx('客户经理', 'Account manager'))),
          rows: managers.map((m) => row(m.name, m)),
          totals,
          note: null,
        },
        {
          id: 'months',
          title: t(tx('按月份', 'By month')),
          columns: columns(t(tx('月份', 'Month'))),
          rows: [...byMonth.entries()].map(([m, v]) => row(m, v)),
          totals,
          note: null,
        },
      ],
      fileSuffix: p.from === p.to ? p.from : `${p.from}_${p.to}`,
    };
  },
});
