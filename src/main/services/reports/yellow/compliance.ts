import { z } from 'zod';
import { visitCompliance, type ComplianceRow } from '../../visits/compliance';
import { PARAM, describeFilters, lastMonth, monthValue, optionalText } from '../params';
import { POOL_TEXT, gradeLabel, tx, type Translate } from '../text';
import { defineReport, type ParamDef, type ReportTable } from '../types';
import { Y } from './text';

const schema = z.object({ month: monthValue, manager: optionalText.default(null) });

const MONTH: ParamDef = {
  key: 'month',
  kind: 'month',
  label: Y.month,
  required: true,
  defaultValue: lastMonth,
};

const L = {
  due: tx('应访客户', 'Due'),
  onTime: tx('按时走访', 'On time'),
  late: tx('逾期走访', 'Late'),
  open: tx('未走访', 'Not visited'),
  rate: tx('达标率', 'Compliance'),
};

interface Figures {
  due: number;
  onTime: number;
  late: number;
  open: number;
  /** A ratio, as the report's percent cells are. */
  rate: number | null;
}

/** The figure columns after the label column(s). */
function figureColumns(t: Translate): ReportTable['columns'] {
  return [
    { key: 'due', label: t(L.due), format: 'int', width: 9 },
    { key: 'onTime', label: t(L.onTime), format: 'int', width: 9 },
    { key: 'late', label: t(L.late), format: 'int', width: 9 },
    { key: 'open', label: t(L.open), format: 'int', width: 9 },
    { key: 'rate', label: t(L.rate), format: 'percent', width: 9 },
  ];
}

/** The report's percent cells are ratios; the compliance function gives percent with one decimal. */
function figures(r: ComplianceRow): Figures {
  return {
    due: r.due,
    onTime: r.onTime,
    late: r.late,
    open: r.due - r.onTime - r.late,
    rate: r.rate === null ? null : r.rate / 100,
  };
}

/**
 * 走访达标率: visit compliance for a month by account manager, grade and both — the figures of
 * visits.compliance (services/visits/compliance.ts), the one definition of "due" and "on time".
 */
export const visitComplianceReport = defineReport({
  id: 'visit-compliance',
  group: 'customers',
  orientation: 'portrait',
  title: tx('走访达标率', 'Visit compliance'),
  description: tx(
    '按客户经理和客户等级统计当月应访客户、按时走访、逾期走访和达标率',
    'Customers due for a visit in the month, visited on time, late or not at all, and the compliance rate by account manager and grade',
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [MONTH, PARAM.manager],
  schema,
  run(rc, p) {
    const { t } = rc;
    const c = visitCompliance(rc.ctx, p.month, { ownerId: p.manager });
    const owner = (r: ComplianceRow) => (r.ownerId === null ? t(POOL_TEXT) : (r.ownerName ?? r.ownerId));
    const totals = { group: t(Y.total), grade: null, ...figures(c.total) };
    const managers = c.byOwner.map((r) => ({ group: owner(r), ...figures(r) }));
    // One manager's (an account manager's own) detail would repeat the grade table.
    const detail: ReportTable[] =
      c.byOwner.length > 1
        ? [
            {
              id: 'detail',
              title: t(tx('按客户经理和等级', 'By account manager and grade')),
              columns: [
                { key: 'group', label: t(Y.manager), format: 'text', width: 12 },
                { key: 'grade', label: t(Y.grade), format: 'text', width: 8 },
                ...figureColumns(t),
              ],
              rows: c.byOwnerGrade.map((r) => ({
                group: owner(r),
                grade: gradeLabel(t, r.grade),
                ...figures(r),
              })),
              totals,
              note: null,
            },
          ]
        : [];
    return {
      params: [{ label: t(Y.month), value: p.month }, ...describeFilters(rc, { manager: p.manager })],
      // Four figures fill the summary's row; 未走访 is in every table.
      summary: [
        { label: t(L.rate), value: figures(c.total).rate, format: 'percent' },
        { label: t(L.due), value: c.total.due, format: 'int' },
        { label: t(L.onTime), value: c.total.onTime, format: 'int' },
        { label: t(L.late), value: c.total.late, format: 'int' },
      ],
      charts:
        managers.length > 1
          ? [
              {
                id: 'managers',
                kind: 'bar',
                title: t(
                  tx('各客户经理应访、按时走访与达标率', 'Due, on time and compliance by account manager'),
                ),
                categories: managers.map((m) => String(m.group)),
                series: [
                  { name: t(L.due), data: managers.map((m) => m.due as number), line: false, format: 'int' },
                  {
                    name: t(L.onTime),
                    data: managers.map((m) => m.onTime as number),
                    line: false,
                    format: 'int',
                  },
                  {
                    name: t(L.rate),
                    data: managers.map((m) => m.rate as number | null),
                    line: true,
                    format: 'percent',
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
          columns: [{ key: 'group', label: t(Y.manager), format: 'text', width: 14 }, ...figureColumns(t)],
          rows: managers,
          totals,
          note: t(
            tx(
              '应访客户：走访计划或记录的到期日在本月的客户，以及到期日在本月且已过、仍未安排走访的客户；按时走访：在到期日前（含当日）完成走访；达标率 = 按时走访 ÷ 应访客户。',
              'Due: customers whose planned or recorded visit falls due in the month, and those whose due date in the month has passed without any visit planned. On time: visited by the due date. Compliance = on time / due.',
            ),
          ),
        },
        {
          id: 'grades',
          title: t(tx('按客户等级', 'By customer grade')),
          columns: [{ key: 'group', label: t(Y.grade), format: 'text', width: 14 }, ...figureColumns(t)],
          rows: c.byGrade.map((r) => ({ group: gradeLabel(t, r.grade), ...figures(r) })),
          totals,
          note: t(tx('等级为客户当前的等级。', "Grades are the customers' current grades.")),
        },
        ...detail,
      ],
      fileSuffix: p.month,
    };
  },
});
