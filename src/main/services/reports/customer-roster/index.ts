import { z } from 'zod';
import type { ReportTable } from '../../../../shared/contract/reports';
import { PARAM, customerFilterShape, customerFilterSql, describeFilters, limitValue } from '../params';
import { GRADE_ORDER, gradeLabel, tx, typeLabel } from '../text';
import { defineReport } from '../types';

const schema = z.object({ ...customerFilterShape, limit: limitValue.default(200) });

interface Group {
  grade: string | null;
  industry: string;
  region: string;
  n: number;
  spend: number;
  arrears: number;
}

/**
 * 大客户名录: key customers (the key-customer rule's flag) by grade, industry and region, with the
 * roster itself ordered by grade then monthly spend.
 */
export const customerRoster = defineReport({
  id: 'customer-roster',
  group: 'customers',
  orientation: 'landscape',
  title: tx('大客户名录', 'Key-customer roster'),
  description: tx(
    '按等级、行业、区域统计的大客户数量、月均消费和欠费，附客户明细',
    'Key customers by grade, industry and region with monthly spend and arrears, and the roster',
  ),
  roles: ['admin', 'leader', 'account_manager', 'staff'],
  params: [PARAM.region, PARAM.industry, PARAM.grade, PARAM.manager, PARAM.limit],
  schema,
  run(rc, p) {
    const { t } = rc;
    const where = customerFilterSql(rc, p);
    const cond = `c.is_key = 1 AND ${where.sql}`;
    // One grouped pass feeds all three breakdowns (a few hundred groups at most). With an owner (an
    // account manager's few thousand) the owner index finds the rows; over the branch it is a table scan.
    const byOwner = rc.actor.role === 'account_manager' || !!p.manager;
    const groups = rc.sqlite
      .prepare(
        `SELECT c.grade AS grade, c.industry AS industry, c.region AS region, count(*) AS n,
                sum(c.monthly_spend_fen) AS spend, sum(c.arrears_fen) AS arrears
         FROM customers c WHERE ${cond} GROUP BY c.grade, c.industry, c.region`,
      )
      .all(...where.params) as Group[];
    // The list: the top of each grade by spend in turn, walking report_customers_key_spend (spend, grade)
    // and testing the grade from the index, so only the rows printed are read, however many key
    // customers there are. Left to itself the planner sorts every key customer of the grade.
    const spendHint = byOwner ? '' : 'INDEXED BY report_customers_key_spend';
    type RosterRow = { name: string; grade: string | null; industry: string; region: string; type: string; owner: string | null; spend: number; arrears: number };
    const perGrade = rc.sqlite.prepare(
      `SELECT c.name AS name, c.grade AS grade, c.industry AS industry, c.region AS region, c.type AS type,
              u.display_name AS owner, c.monthly_spend_fen AS spend, c.arrears_fen AS arrears
       FROM customers c ${spendHint} LEFT JOIN users u ON u.id = c.owner_id
       WHERE ${cond} AND c.grade IS ? ORDER BY c.monthly_spend_fen DESC, c.name LIMIT ?`,
    );
    const rows: RosterRow[] = [];
    for (const grade of GRADE_ORDER) {
      if (rows.length >= p.limit) break;
      rows.push(...(perGrade.all(...where.params, grade, p.limit - rows.length) as RosterRow[]));
    }

    const total = groups.reduce((a, g) => ({ n: a.n + g.n, spend: a.spend + g.spend, arrears: a.arrears + g.arrears }), { n: 0, spend: 0, arrears: 0 });
    const by = (key: 'grade' | 'industry' | 'region') => {
      const map = new Map<string | null, { n: number; spend: number; arrears: number }>();
      for (const g of groups) {
        const k = g[key];
        const cur = map.get(k) ?? { n: 0, spend: 0, arrears: 0 };
        map.set(k, { n: cur.n + g.n, spend: cur.spend + g.spend, arrears: cur.arrears + g.arrears });
      }
      return map;
    };
    const byGrade = by('grade');
    const gradeKeys = GRADE_ORDER.filter((g) => byGrade.has(g));
    const byIndustry = [...by('industry').entries()].sort((a, b) => b[1].n - a[1].n);
    const byRegion = [...by('region').entries()].sort((a, b) => b[1].n - a[1].n);

    const breakdownColumns = (label: string): ReportTable['columns'] => [
      { key: 'group', label, format: 'text', width: 16 },
      { key: 'n', label: t(tx('客户数', 'Customers')), format: 'int', width: 10 },
      { key: 'share', label: t(tx('占比', 'Share')), format: 'percent', width: 10 },
      { key: 'spend', label: t(tx('月均消费（元）', 'Monthly spend (¥)')), format: 'fen', width: 18 },
      { key: 'arrears', label: t(tx('欠费（元）', 'Arrears (¥)')), format: 'fen', width: 16 },
    ];
    const breakdownRows = (entries: [string | null, { n: number; spend: number; arrears: number }][], name: (k: string | null) => string) =>
      entries.map(([k, v]) => ({ group: name(k), n: v.n, share: total.n ? v.n / total.n : null, spend: v.spend, arrears: v.arrears }));
    const totalsRow = { group: t(tx('合计', 'Total')), n: total.n, share: total.n ? 1 : null, spend: total.spend, arrears: total.arrears };

    return {
      params: describeFilters(rc, p),
      summary: [
        { label: t(tx('大客户数', 'Key customers')), value: total.n, format: 'int' },
        { label: t(tx('月均消费合计（元）', 'Monthly spend, total (¥)')), value: total.spend, format: 'fen' },
        { label: t(tx('欠费合计（元）', 'Arrears, total (¥)')), value: total.arrears, format: 'fen' },
        { label: t(tx('战略及重点客户', 'Strategic and key')), value: (byGrade.get('strategic')?.n ?? 0) + (byGrade.get('key')?.n ?? 0), format: 'int' },
      ],
      charts: [
        {
          id: 'by-grade',
          kind: 'bar',
          title: t(tx('各等级大客户数', 'Key customers by grade')),
          categories: gradeKeys.map((g) => gradeLabel(t, g)),
          series: [{ name: t(tx('客户数', 'Customers')), data: gradeKeys.map((g) => byGrade.get(g)?.n ?? 0), line: false, format: 'int' }],
          height: 220,
        },
        {
          id: 'by-industry',
          kind: 'pie',
          title: t(tx('行业分布', 'By industry')),
          categories: byIndustry.map(([k]) => k || t(tx('未填', 'Blank'))),
          series: [{ name: t(tx('客户数', 'Customers')), data: byIndustry.map(([, v]) => v.n), line: false, format: 'int' }],
          height: 240,
        },
      ],
      tables: [
        {
          id: 'grade',
          title: t(tx('按等级', 'By grade')),
          columns: breakdownColumns(t(tx('等级', 'Grade'))),
          rows: breakdownRows(gradeKeys.map((g) => [g, byGrade.get(g)!]), (k) => gradeLabel(t, k)),
          totals: totalsRow,
          note: null,
        },
        {
          id: 'industry',
          title: t(tx('按行业', 'By industry')),
          columns: breakdownColumns(t(tx('行业', 'Industry'))),
          rows: breakdownRows(byIndustry, (k) => k || t(tx('未填', 'Blank'))),
          totals: totalsRow,
          note: null,
        },
        {
          id: 'region',
          title: t(tx('按区域', 'By region')),
          columns: breakdownColumns(t(tx('区域', 'Region'))),
          rows: breakdownRows(byRegion, (k) => k || t(tx('未填', 'Blank'))),
          totals: totalsRow,
          note: null,
        },
        {
          id: 'roster',
          title: t(tx('大客户明细', 'Roster')),
          columns: [
            { key: 'no', label: t(tx('序号', 'No.')), format: 'int', width: 6 },
            { key: 'name', label: t(tx('客户名称', 'Customer')), format: 'text', width: 34 },
            { key: 'grade', label: t(tx('等级', 'Grade')), format: 'text', width: 8 },
            { key: 'type', label: t(tx('客户类型', 'Type')), format: 'text', width: 10 },
            { key: 'industry', label: t(tx('行业', 'Industry')), format: 'text', width: 12 },
            { key: 'region', label: t(tx('区域', 'Region')), format: 'text', width: 12 },
            { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
            { key: 'spend', label: t(tx('月均消费（元）', 'Monthly spend (¥)')), format: 'fen', width: 16 },
            { key: 'arrears', label: t(tx('欠费（元）', 'Arrears (¥)')), format: 'fen', width: 14 },
          ],
          rows: rows.map((r, i) => ({
            no: i + 1,
            name: r.name,
            grade: gradeLabel(t, r.grade),
            type: typeLabel(t, r.type),
            industry: r.industry,
            region: r.region,
            owner: r.owner ?? t(tx('未分配', 'Unassigned')),
            spend: r.spend,
            arrears: r.arrears,
          })),
          totals: null,
          note:
            rows.length < total.n
              ? t(tx(`按等级和月均消费排序，列出前 ${rows.length} 户，共 ${total.n} 户`, `Top ${rows.length} of ${total.n} by grade and monthly spend`))
              : null,
        },
      ],
      fileSuffix: '',
    };
  },
});
