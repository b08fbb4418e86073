import { z } from 'zod';
import { budgetRows, type BudgetRow } from '../../care/budgets';
import { PARAM, describeFilters, monthValue, optionalText } from '../params';
import { shanghaiMonth } from '../../customers/dates';
import { tx } from '../text';
import { defineReport, type ParamDef } from '../types';
import { Y } from './text';

const schema = z.object({ year: monthValue, manager: optionalText.default(null) });

// The report framework's forms have no year field: the month field picks the year, and the report prints the year.
const YEAR: ParamDef = {
  key: 'year',
  kind: 'month',
  label: tx('年度（选该年任一月份）', 'Year (any month of it)'),
  required: true,
  defaultValue: (now) => shanghaiMonth(now),
};

const L = {
  budget: tx('年度预算（元）', 'Budget (¥)'),
  spent: tx('已支出（元）', 'Spent (¥)'),
  pending: tx('待审批（元）', 'Awaiting approval (¥)'),
  remaining: tx('剩余（元）', 'Remaining (¥)'),
  used: tx('预算使用率', 'Budget used'),
};

/** Spent (and awaiting approval) over the budget as a ratio; null without a budget. */
const usedShare = (r: Pick<BudgetRow, 'budgetFen' | 'spentFen' | 'pendingFen'>) =>
  r.budgetFen > 0 ? (r.spentFen + r.pendingFen) / r.budgetFen : null;

/**
 * 关怀费用与预算: each account manager's courtesy (友情服务) spending in a year against his gift budget —
 * the care module's budget figures (care/budgets.ts budgetRows): spent = recorded and approved, plus what
 * awaits the leader's approval.
 */
export const careBudgetReport = defineReport({
  id: 'care-budget',
  group: 'finance',
  orientation: 'portrait',
  title: tx('关怀费用与预算', 'Care spending vs budget'),
  description: tx(
    '各客户经理年度礼品预算、已支出、待审批和剩余金额及预算使用率',
    "Each account manager's yearly gift budget, spent, awaiting approval, remaining and the share used",
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [YEAR, PARAM.manager],
  schema,
  run(rc, p) {
    const { t } = rc;
    const year = Number(p.year.slice(0, 4));
    const manager = rc.actor.role === 'account_manager' ? rc.actor.id : p.manager;
    // Managers in pinyin order, as the other yellow-channel reports list them.
    const rows = budgetRows(rc.ctx, year, manager ?? undefined).sort((a, b) =>
      (a.ownerName ?? '').localeCompare(b.ownerName ?? '', 'zh-CN'),
    );
    const sum = (k: 'budgetFen' | 'spentFen' | 'pendingFen' | 'remainingFen') =>
      rows.reduce((s, r) => s + r[k], 0);
    const total = {
      budgetFen: sum('budgetFen'),
      spentFen: sum('spentFen'),
      pendingFen: sum('pendingFen'),
      remainingFen: sum('remainingFen'),
    };
    const over = rows.filter((r) => r.remainingFen < 0).length;
    const cells = (r: Omit<BudgetRow, 'ownerId' | 'ownerName' | 'year'>) => ({
      budget: r.budgetFen,
      spent: r.spentFen,
      pending: r.pendingFen,
      remaining: r.remainingFen,
      used: usedShare(r),
    });
    return {
      params: [
        { label: t(tx('年度', 'Year')), value: String(year) },
        ...describeFilters(rc, { manager: p.manager }),
      ],
      summary: [
        { label: t(L.budget), value: total.budgetFen, format: 'fen' },
        { label: t(L.spent), value: total.spentFen, format: 'fen' },
        { label: t(L.pending), value: total.pendingFen, format: 'fen' },
        { label: t(L.remaining), value: total.remainingFen, format: 'fen' },
        { label: t(L.used), value: usedShare(total), format: 'percent' },
        { label: t(tx('超出预算人数', 'Over budget')), value: over, format: 'int' },
      ],
      charts:
        rows.length > 1
          ? [
              {
                id: 'managers',
                kind: 'bar',
                title: t(tx('各客户经理预算与支出（元）', 'Budget and spending by account manager (¥)')),
                categories: rows.map((r) => r.ownerName ?? r.ownerId),
                series: [
                  {
                    name: t(tx('年度预算', 'Budget')),
                    data: rows.map((r) => r.budgetFen),
                    line: false,
                    format: 'fen',
                  },
                  {
                    name: t(tx('已支出', 'Spent')),
                    data: rows.map((r) => r.spentFen),
                    line: false,
                    format: 'fen',
                  },
                  {
                    name: t(tx('待审批', 'Awaiting approval')),
                    data: rows.map((r) => r.pendingFen),
                    line: false,
                    format: 'fen',
                  },
                ],
                height: 220,
              },
            ]
          : [],
      tables: [
        {
          id: 'managers',
          title: t(tx('按客户经理', 'By account manager')),
          columns: [
            { key: 'group', label: t(Y.manager), format: 'text', width: 12 },
            { key: 'budget', label: t(L.budget), format: 'fen', width: 13 },
            { key: 'spent', label: t(L.spent), format: 'fen', width: 13 },
            { key: 'pending', label: t(L.pending), format: 'fen', width: 13 },
            { key: 'remaining', label: t(L.remaining), format: 'fen', width: 13 },
            { key: 'used', label: t(L.used), format: 'percent', width: 10 },
          ],
          rows: rows.map((r) => ({ group: r.ownerName ?? r.ownerId, ...cells(r) })),
          totals: { group: t(Y.total), ...cells(total) },
          note: t(
            tx(
              '按关怀事由日期归入年度；已支出 = 已记录和已批准的关怀费用，已驳回的不计；使用率 =（已支出 + 待审批）÷ 年度预算。',
              'Courtesies count in the year of their occasion. Spent = recorded and approved (rejected ones do not count); used = (spent + awaiting approval) / budget.',
            ),
          ),
        },
      ],
      fileSuffix: String(year),
    };
  },
});
