import { z } from 'zod';
import type { Grade } from '../../../../shared/contract/customer-common';
import { overdueRows, type OverdueRow } from '../../visits/overdue';
import { PARAM, describeFilters, limitValue, optionalGrade, optionalText } from '../params';
import { gradeLabel, tx, type Text } from '../text';
import { defineReport } from '../types';
import { Y } from './text';

const schema = z.object({
  grade: optionalGrade.default(null),
  manager: optionalText.default(null),
  limit: limitValue.default(200),
});

/** The grades this report is about: 战略, 重点 and VIP customers. */
const KEY_GRADES = ['strategic', 'key', 'vip'] as const satisfies readonly Grade[];

const OF_GRADE: Record<(typeof KEY_GRADES)[number], Text> = {
  strategic: tx('其中战略客户', 'Of which strategic'),
  key: tx('其中重点客户', 'Of which key'),
  vip: tx('其中VIP客户', 'Of which VIP'),
};

const L = {
  overdue: tx('逾期未访客户', 'Overdue customers'),
  maxDays: tx('最长逾期天数', 'Most days overdue'),
  planned: tx('已安排走访', 'Visit planned'),
};

/**
 * 逾期重点客户: strategic, key and VIP customers not visited within their grade's interval, most overdue
 * first — the overdue list of the visits module (visits/overdue.ts overdueRows), one read per grade.
 */
export const overdueKeyReport = defineReport({
  id: 'visit-overdue-key',
  group: 'customers',
  orientation: 'landscape',
  title: tx('逾期未访重点客户', 'Overdue key customers'),
  description: tx(
    '战略、重点和VIP客户中超过等级走访周期仍未走访的客户，逾期最久的在前，含上次走访、应访日期和已安排的走访',
    'Strategic, key and VIP customers not visited within their grade’s interval, most overdue first, with the last visit, due date and any planned visit',
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [PARAM.grade, PARAM.manager, PARAM.limit],
  schema,
  run(rc, p) {
    const { t } = rc;
    const manager = rc.actor.role === 'account_manager' ? rc.actor.id : p.manager;
    const grades = KEY_GRADES.filter((g) => p.grade === null || p.grade === g);
    // The pool has no owner id to filter on: its rows are the branch's without an owner.
    const pool = manager === 'pool';
    const perGrade = grades.map((grade) => {
      const found = overdueRows(
        rc.ctx,
        { ownerId: manager && !pool ? manager : undefined, grade },
        { limit: pool ? -1 : p.limit, offset: 0 },
      );
      if (!pool) return { grade, ...found };
      const rows = found.rows.filter((r) => r.ownerId === null);
      return { grade, rows: rows.slice(0, p.limit), total: rows.length };
    });
    // Most overdue first across the grades: each grade's list is already in due-date order.
    const merged: OverdueRow[] = perGrade
      .flatMap((g) => g.rows)
      .sort((a, b) =>
        a.dueDate === b.dueDate ? a.customerId.localeCompare(b.customerId) : a.dueDate < b.dueDate ? -1 : 1,
      )
      .slice(0, p.limit);
    const total = perGrade.reduce((n, g) => n + g.total, 0);
    const planned = merged.filter((r) => r.plannedDate !== null).length;
    const notKey = p.grade !== null && !grades.length;

    return {
      params: [
        ...describeFilters(rc, { grade: p.grade, manager: p.manager }),
        { label: t(tx('截至日期', 'As of')), value: rc.today },
      ],
      summary: [
        { label: t(L.overdue), value: total, format: 'int' },
        ...perGrade.map((g) => ({ label: t(OF_GRADE[g.grade]), value: g.total, format: 'int' as const })),
        { label: t(L.maxDays), value: merged[0]?.daysOverdue ?? null, format: 'int' },
      ],
      charts: [],
      tables: [
        {
          id: 'overdue',
          title: t(tx('逾期未访客户明细', 'Overdue customers')),
          columns: [
            { key: 'no', label: t(tx('序号', 'No.')), format: 'int', width: 5 },
            { key: 'customer', label: t(Y.customer), format: 'text', width: 26 },
            { key: 'grade', label: t(Y.grade), format: 'text', width: 7 },
            { key: 'owner', label: t(Y.manager), format: 'text', width: 10 },
            { key: 'lastVisit', label: t(tx('上次走访', 'Last visit')), format: 'date', width: 11 },
            { key: 'dueDate', label: t(tx('应访日期', 'Due')), format: 'date', width: 11 },
            { key: 'daysOverdue', label: t(tx('逾期天数', 'Days overdue')), format: 'int', width: 8 },
            { key: 'planned', label: t(tx('已安排走访日期', 'Planned visit')), format: 'date', width: 11 },
          ],
          rows: merged.map((r, i) => ({
            no: i + 1,
            customer: r.customerName,
            grade: gradeLabel(t, r.grade),
            owner: r.ownerName ?? t(tx('未分配', 'Unassigned')),
            lastVisit: r.lastVisitDate ?? t(tx('从未走访', 'Never')),
            dueDate: r.dueDate,
            daysOverdue: r.daysOverdue,
            planned: r.plannedDate,
          })),
          totals: null,
          note: notKey
            ? t(
                tx(
                  '本报表只列战略、重点和VIP客户。',
                  'This report lists strategic, key and VIP customers only.',
                ),
              )
            : merged.length < total
              ? t(
                  tx(
                    `逾期最久的前 ${merged.length} 户，共 ${total} 户；其中 ${planned} 户已安排走访`,
                    `The ${merged.length} most overdue of ${total}; ${planned} of them have a visit planned`,
                  ),
                )
              : t(
                  tx(
                    `共 ${total} 户，其中 ${planned} 户已安排走访`,
                    `${total} in all; ${planned} have a visit planned`,
                  ),
                ),
        },
      ],
      fileSuffix: rc.today,
    };
  },
});
