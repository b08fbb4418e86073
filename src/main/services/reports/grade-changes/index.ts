import { z } from 'zod';
import { GRADES } from '../../../../shared/contract/customer-common';
import { customerFilterShape, customerFilterSql, describeFilters, optionalText, PARAM } from '../params';
import { GRADE_ORDER, gradeLabel, gradeOrderSql, tx } from '../text';
import { defineReport } from '../types';

const schema = z.object({ run: optionalText.default(null), ...customerFilterShape });

/** Rank of a grade: 0 strategic … 4 normal; null (not graded before) ranks below normal. */
function rank(grade: string | null): number {
  const i = (GRADES as readonly string[]).indexOf(grade ?? '');
  return i < 0 ? GRADES.length : i;
}

/** up, down, new (no grade before) or same. */
export function direction(previous: string | null, grade: string): 'up' | 'down' | 'new' | 'same' {
  if (previous === null) return 'new';
  if (previous === grade) return 'same';
  return rank(grade) < rank(previous) ? 'up' : 'down';
}

/**
 * 客户等级变动: the result of one evaluation run (the latest by default) against each customer's
 * previous grade — upgrades, downgrades and first grades, with the figures behind them.
 */
export const gradeChanges = defineReport({
  id: 'grade-changes',
  group: 'customers',
  orientation: 'landscape',
  title: tx('客户等级变动', 'Grade changes'),
  description: tx('一次评价分级的结果与上次等级对比：升级、降级、首次定级客户及评分依据', 'One evaluation run against the previous grades: upgrades, downgrades, first grades and their figures'),
  roles: ['admin', 'leader', 'account_manager', 'staff'],
  params: [
    { key: 'run', kind: 'evaluationRun', label: tx('评价批次', 'Evaluation run'), required: false, defaultValue: () => null },
    PARAM.region,
    PARAM.industry,
    PARAM.manager,
  ],
  schema,
  run(rc, p) {
    const { t } = rc;
    const run = (
      p.run
        ? rc.sqlite.prepare('SELECT id, period, ran_at AS ranAt FROM customer_evaluation_runs WHERE id = ? AND deleted = 0').get(p.run)
        : rc.sqlite.prepare('SELECT id, period, ran_at AS ranAt FROM customer_evaluation_runs WHERE deleted = 0 ORDER BY ran_at DESC LIMIT 1').get()
    ) as { id: string; period: string; ranAt: string } | undefined;
    const where = customerFilterSql(rc, { ...p, grade: null });
    const results = run
      ? (rc.sqlite
          .prepare(
            `SELECT c.name AS name, u.display_name AS owner, r.previous_grade AS previous, r.grade AS grade, r.score AS score,
                    r.billed_fen AS billed, r.on_time_ratio AS onTime, r.growth AS growth, r.revenue_share AS share
             FROM customer_evaluation_scores r JOIN customers c ON c.id = r.customer_id
             LEFT JOIN users u ON u.id = c.owner_id
             WHERE r.run_id = ? AND ${where.sql}
             ORDER BY ${gradeOrderSql('r.grade')}, r.score DESC`,
          )
          .all(run.id, ...where.params) as {
          name: string;
          owner: string | null;
          previous: string | null;
          grade: string;
          score: number;
          billed: number;
          onTime: number | null;
          growth: number | null;
          share: number;
        }[])
      : [];
    const counts = { up: 0, down: 0, new: 0, same: 0 };
    const before = new Map<string | null, number>();
    const after = new Map<string | null, number>();
    for (const r of results) {
      counts[direction(r.previous, r.grade)] += 1;
      before.set(r.previous, (before.get(r.previous) ?? 0) + 1);
      after.set(r.grade, (after.get(r.grade) ?? 0) + 1);
    }
    const changed = results
      .map((r) => ({ ...r, dir: direction(r.previous, r.grade) }))
      .filter((r) => r.dir !== 'same')
      .sort((a, b) => ['up', 'down', 'new'].indexOf(a.dir) - ['up', 'down', 'new'].indexOf(b.dir) || b.score - a.score);
    const dirText = { up: tx('升级', 'Up'), down: tx('降级', 'Down'), new: tx('首次定级', 'First grade'), same: tx('不变', 'Same') };
    const grades = GRADE_ORDER.filter((g) => before.has(g) || after.has(g));

    return {
      params: [
        { label: t(tx('评价批次', 'Evaluation run')), value: run ? `${run.period}（${run.ranAt.slice(0, 10)}）` : t(tx('尚无评价', 'No run yet')) },
        ...describeFilters(rc, { region: p.region, industry: p.industry, manager: p.manager }),
      ],
      summary: [
        { label: t(tx('参评客户', 'Customers evaluated')), value: results.length, format: 'int' },
        { label: t(dirText.up), value: counts.up, format: 'int' },
        { label: t(dirText.down), value: counts.down, format: 'int' },
        { label: t(dirText.new), value: counts.new, format: 'int' },
        { label: t(dirText.same), value: counts.same, format: 'int' },
      ],
      charts: [
        {
          id: 'grades',
          kind: 'bar',
          title: t(tx('各等级客户数：评价前与评价后', 'Customers per grade: before and after')),
          categories: grades.map((g) => gradeLabel(t, g)),
          series: [
            { name: t(tx('评价前', 'Before')), data: grades.map((g) => before.get(g) ?? 0), line: false, format: 'int' },
            { name: t(tx('评价后', 'After')), data: grades.map((g) => after.get(g) ?? 0), line: false, format: 'int' },
          ],
          height: 220,
        },
      ],
      tables: [
        {
          id: 'changes',
          title: t(tx('等级变动客户', 'Customers whose grade changed')),
          columns: [
            { key: 'no', label: t(tx('序号', 'No.')), format: 'int', width: 6 },
            { key: 'name', label: t(tx('客户名称', 'Customer')), format: 'text', width: 32 },
            { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
            { key: 'dir', label: t(tx('变动', 'Change')), format: 'text', width: 10 },
            { key: 'previous', label: t(tx('原等级', 'Before')), format: 'text', width: 8 },
            { key: 'grade', label: t(tx('新等级', 'After')), format: 'text', width: 8 },
            { key: 'score', label: t(tx('评分', 'Score')), format: 'decimal', width: 8 },
            { key: 'billed', label: t(tx('期间出账（元）', 'Billed (¥)')), format: 'fen', width: 16 },
            { key: 'onTime', label: t(tx('按期缴费率', 'Paid on time')), format: 'percent', width: 10 },
            { key: 'growth', label: t(tx('增长率', 'Growth')), format: 'percent', width: 9 },
          ],
          rows: changed.map((r, i) => ({
            no: i + 1,
            name: r.name,
            owner: r.owner ?? t(tx('未分配', 'Unassigned')),
            dir: t(dirText[r.dir]),
            previous: r.previous ? gradeLabel(t, r.previous) : '—',
            grade: gradeLabel(t, r.grade),
            score: r.score,
            billed: r.billed,
            onTime: r.onTime,
            growth: r.growth,
          })),
          totals: null,
          note: null,
        },
      ],
      fileSuffix: run?.period ?? '',
    };
  },
});
