import { z } from 'zod';
import { addMonths } from '../../customers/dates';
import {
  PARAM,
  RANGE_ERROR,
  customerFilterShape,
  describeFilters,
  limitValue,
  monthCount,
  monthsBetween,
  monthRangeShape,
  rangeText,
  validRange,
} from '../params';
import { reportCube } from '../cube';
import { GRADE_ORDER, gradeLabel, tx } from '../text';
import { defineReport } from '../types';

const schema = z.object({ ...monthRangeShape, ...customerFilterShape, limit: limitValue.default(100) }).refine(validRange, RANGE_ERROR);

interface Revenue {
  /** Index in the report cube. */
  i: number;
  grade: string | null;
  industry: string;
  cur: number;
  prev: number;
}

/** Growth as a ratio, or null when there was nothing to grow from. */
export function growth(cur: number, prev: number): number | null {
  return prev > 0 ? (cur - prev) / prev : null;
}

/**
 * Pareto concentration: the share of revenue taken by the top 20 % of customers (ceil, at least
 * one) among those with revenue in the period, plus revenue share per customer decile.
 */
export function pareto(revenuesDesc: ArrayLike<number>): { topCount: number; topShare: number | null; deciles: number[] } {
  const n = revenuesDesc.length;
  const sumOf = (from: number, to: number) => {
    let s = 0;
    for (let k = from; k < to; k++) s += revenuesDesc[k]!;
    return s;
  };
  const total = sumOf(0, n);
  const topCount = n === 0 ? 0 : Math.max(1, Math.ceil(n * 0.2));
  const top = sumOf(0, topCount);
  const deciles: number[] = [];
  for (let d = 0; d < 10; d++) {
    deciles.push(total > 0 ? sumOf(Math.floor((n * d) / 10), Math.floor((n * (d + 1)) / 10)) / total : 0);
  }
  return { topCount, topShare: total > 0 ? top / total : null, deciles };
}

/**
 * 收入排名: billed revenue per customer over a period of months, ranked, with growth vs the
 * previous period of the same length, concentration (top 20 %) and revenue by grade and industry.
 */
export const revenueRanking = defineReport({
  id: 'revenue-ranking',
  group: 'finance',
  orientation: 'landscape',
  title: tx('客户收入排名与集中度', 'Revenue ranking and concentration'),
  description: tx(
    '统计期间出账收入排名、较上期增长、前 20% 客户收入占比（帕累托），以及按等级、行业的收入与增长',
    'Billed revenue ranking, growth vs the previous period, top-20 % share (Pareto), revenue by grade and industry',
  ),
  roles: ['admin', 'leader', 'account_manager', 'staff'],
  params: [PARAM.from(), PARAM.to(), PARAM.region, PARAM.industry, PARAM.grade, PARAM.manager, { ...PARAM.limit, defaultValue: () => 100 }],
  schema,
  run(rc, p) {
    const { t } = rc;
    const months = monthCount(p.from, p.to);
    const prevFrom = addMonths(p.from, -months);
    const prevTo = addMonths(p.from, -1);
    // Sums come from the report cube (cube.ts): a million customers' bills in memory, refreshed on change.
    const cube = reportCube(rc.sqlite);
    const monthArrays = (a: string, b: string) => monthsBetween(a, b).flatMap((m) => cube.billed.get(m) ?? []);
    const curMonths = monthArrays(p.from, p.to);
    const prevMonths = monthArrays(prevFrom, prevTo);
    const own = rc.actor.role === 'account_manager' ? rc.actor.id : null;
    const grade = p.grade === 'none' ? null : p.grade;
    const owner = p.manager === 'pool' ? null : p.manager;
    const n = cube.ids.length;
    const cur = new Float64Array(n);
    const prev = new Float64Array(n);
    for (const month of curMonths) for (let i = 0; i < Math.min(n, month.length); i++) cur[i] = cur[i]! + month[i]!;
    for (const month of prevMonths) for (let i = 0; i < Math.min(n, month.length); i++) prev[i] = prev[i]! + month[i]!;
    // Customers in scope with revenue in either period, as cube indexes.
    const rows: Revenue[] = [];
    const earningValues = new Float64Array(n);
    let earningCount = 0;
    for (let i = 0; i < n; i++) {
      if (cube.live[i] !== 1 || (cur[i] === 0 && prev[i] === 0)) continue;
      if (own !== null && cube.owner[i] !== own) continue;
      if (p.region && cube.region[i] !== p.region) continue;
      if (p.industry && cube.industry[i] !== p.industry) continue;
      if (p.grade && cube.grade[i] !== grade) continue;
      if (p.manager && cube.owner[i] !== owner) continue;
      rows.push({ i, cur: cur[i]!, prev: prev[i]!, grade: cube.grade[i]!, industry: cube.industry[i]! });
      if (cur[i]! > 0) earningValues[earningCount++] = cur[i]!;
    }
    // Native numeric sort of the revenues (ascending), read from the top for the Pareto figures.
    const revenues = earningValues.subarray(0, earningCount).sort().reverse();
    const total = revenues.reduce((a, b) => a + b, 0);
    const prevTotal = rows.reduce((a, r) => a + r.prev, 0);
    const conc = pareto(revenues);
    // The ranked rows: only candidates at or above the limit-th revenue are sorted (ties by name).
    const threshold = revenues.length ? revenues[Math.min(p.limit, revenues.length) - 1]! : Infinity;
    const current = rows
      .filter((r) => r.cur > 0 && r.cur >= threshold)
      .sort((a, b) => b.cur - a.cur || (cube.name[a.i]! < cube.name[b.i]! ? -1 : cube.name[a.i]! > cube.name[b.i]! ? 1 : 0))
      .slice(0, p.limit);
    const names = new Map(
      (rc.sqlite.prepare('SELECT id, display_name AS name FROM users').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]),
    );

    const group = (key: 'grade' | 'industry') => {
      const map = new Map<string | null, { cur: number; prev: number; n: number }>();
      for (const r of rows) {
        let g = map.get(r[key]);
        if (!g) map.set(r[key], (g = { cur: 0, prev: 0, n: 0 }));
        g.cur += r.cur;
        g.prev += r.prev;
        if (r.cur > 0) g.n += 1;
      }
      return map;
    };
    const byGrade = group('grade');
    const byIndustry = [...group('industry').entries()].sort((a, b) => b[1].cur - a[1].cur);
    const groupColumns = (label: string) => [
      { key: 'group', label, format: 'text' as const, width: 16 },
      { key: 'n', label: t(tx('有收入客户数', 'Customers billed')), format: 'int' as const, width: 12 },
      { key: 'cur', label: t(tx('本期收入（元）', 'This period (¥)')), format: 'fen' as const, width: 18 },
      { key: 'prev', label: t(tx('上期收入（元）', 'Previous period (¥)')), format: 'fen' as const, width: 18 },
      { key: 'growth', label: t(tx('增长率', 'Growth')), format: 'percent' as const, width: 10 },
      { key: 'share', label: t(tx('收入占比', 'Share')), format: 'percent' as const, width: 10 },
    ];
    const groupRow = (name: string, v: { cur: number; prev: number; n: number }) => ({
      group: name,
      n: v.n,
      cur: v.cur,
      prev: v.prev,
      growth: growth(v.cur, v.prev),
      share: total > 0 ? v.cur / total : null,
    });
    const totals = groupRow(t(tx('合计', 'Total')), { cur: total, prev: prevTotal, n: earningCount });

    let cumulative = 0;
    const ranked = current.map((r, i) => {
      cumulative += r.cur;
      const ownerId = cube.owner[r.i];
      return {
        rank: i + 1,
        name: cube.name[r.i]!,
        grade: gradeLabel(t, r.grade),
        industry: r.industry,
        owner: (ownerId && names.get(ownerId)) ?? t(tx('未分配', 'Unassigned')),
        cur: r.cur,
        prev: r.prev,
        growth: growth(r.cur, r.prev),
        share: total > 0 ? r.cur / total : null,
        cumulative: total > 0 ? cumulative / total : null,
      };
    });

    const period = rangeText(rc, p.from, p.to);
    return {
      params: [
        { label: t(tx('统计期间', 'Period')), value: period },
        { label: t(tx('对比期间', 'Compared with')), value: rangeText(rc, prevFrom, prevTo) },
        ...describeFilters(rc, p),
      ],
      summary: [
        { label: t(tx('本期收入（元）', 'Revenue this period (¥)')), value: total, format: 'fen' },
        { label: t(tx('上期收入（元）', 'Previous period (¥)')), value: prevTotal, format: 'fen' },
        { label: t(tx('收入增长率', 'Growth')), value: growth(total, prevTotal), format: 'percent' },
        { label: t(tx('有收入客户数', 'Customers billed')), value: earningCount, format: 'int' },
        { label: t(tx(`前 20% 客户（${conc.topCount} 户）收入占比`, `Top 20 % (${conc.topCount}) share`)), value: conc.topShare, format: 'percent' },
      ],
      charts: [
        {
          id: 'pareto',
          kind: 'pareto',
          title: t(tx('收入集中度（按客户十分位）', 'Concentration by customer decile')),
          categories: conc.deciles.map((_, d) => t(tx(`前${(d + 1) * 10}%`, `Top ${(d + 1) * 10}%`))),
          series: [
            { name: t(tx('该十分位收入占比', 'Decile share')), data: conc.deciles, line: false, format: 'percent' },
            {
              name: t(tx('累计占比', 'Cumulative share')),
              data: conc.deciles.map((_, d) => conc.deciles.slice(0, d + 1).reduce((a, b) => a + b, 0)),
              line: true,
              format: 'percent',
            },
          ],
          height: 230,
        },
        {
          id: 'grade',
          kind: 'bar',
          title: t(tx('各等级收入：本期与上期', 'Revenue by grade: this and previous period')),
          categories: GRADE_ORDER.filter((g) => byGrade.has(g)).map((g) => gradeLabel(t, g)),
          series: [
            { name: t(tx('本期', 'This period')), data: GRADE_ORDER.filter((g) => byGrade.has(g)).map((g) => byGrade.get(g)!.cur), line: false, format: 'fen' },
            { name: t(tx('上期', 'Previous')), data: GRADE_ORDER.filter((g) => byGrade.has(g)).map((g) => byGrade.get(g)!.prev), line: false, format: 'fen' },
          ],
          height: 220,
        },
      ],
      tables: [
        {
          id: 'ranking',
          title: t(tx('客户收入排名', 'Ranking')),
          columns: [
            { key: 'rank', label: t(tx('排名', 'Rank')), format: 'int', width: 6 },
            { key: 'name', label: t(tx('客户名称', 'Customer')), format: 'text', width: 32 },
            { key: 'grade', label: t(tx('等级', 'Grade')), format: 'text', width: 8 },
            { key: 'industry', label: t(tx('行业', 'Industry')), format: 'text', width: 10 },
            { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
            { key: 'cur', label: t(tx('本期收入（元）', 'This period (¥)')), format: 'fen', width: 16 },
            { key: 'prev', label: t(tx('上期收入（元）', 'Previous (¥)')), format: 'fen', width: 16 },
            { key: 'growth', label: t(tx('增长率', 'Growth')), format: 'percent', width: 9 },
            { key: 'share', label: t(tx('占比', 'Share')), format: 'percent', width: 8 },
            { key: 'cumulative', label: t(tx('累计占比', 'Cumulative')), format: 'percent', width: 9 },
          ],
          rows: ranked,
          totals: null,
          note:
            ranked.length < earningCount
              ? t(tx(`列出前 ${ranked.length} 名，共 ${earningCount} 户有收入`, `Top ${ranked.length} of ${earningCount} customers billed`))
              : null,
        },
        {
          id: 'by-grade',
          title: t(tx('按等级收入与增长', 'Revenue and growth by grade')),
          columns: groupColumns(t(tx('等级', 'Grade'))),
          rows: GRADE_ORDER.filter((g) => byGrade.has(g)).map((g) => groupRow(gradeLabel(t, g), byGrade.get(g)!)),
          totals,
          note: null,
        },
        {
          id: 'by-industry',
          title: t(tx('按行业收入与增长', 'Revenue and growth by industry')),
          columns: groupColumns(t(tx('行业', 'Industry'))),
          rows: byIndustry.map(([k, v]) => groupRow(k || t(tx('未填', 'Blank')), v)),
          totals,
          note: null,
        },
      ],
      fileSuffix: p.from === p.to ? p.from : `${p.from}_${p.to}`,
    };
  },
});
