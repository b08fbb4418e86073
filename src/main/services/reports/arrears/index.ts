import { z } from 'zod';
import { daysBetween } from '../../customers/dates';
import { BILL, ON_TIME, PAID, dayNumber, reportCube } from '../cube';
import {
  PARAM,
  RANGE_ERROR,
  customerFilterShape,
  customerFilterSql,
  describeFilters,
  limitValue,
  monthRangeShape,
  monthsBetween,
  rangeText,
  validRange,
} from '../params';
import { GRADE_ORDER, gradeLabel, tx, type Text } from '../text';
import { defineReport } from '../types';

const schema = z.object({ ...monthRangeShape, ...customerFilterShape, limit: limitValue.default(200) }).refine(validRange, RANGE_ERROR);

/** Aging buckets of unpaid amounts by days past the due date. */
export const AGING: { key: string; label: Text; min: number; max: number }[] = [
  { key: 'notDue', label: tx('未到期', 'Not yet due'), min: -Infinity, max: 0 },
  { key: 'd30', label: tx('逾期 1–30 天', '1–30 days'), min: 1, max: 30 },
  { key: 'd90', label: tx('逾期 31–90 天', '31–90 days'), min: 31, max: 90 },
  { key: 'd180', label: tx('逾期 91–180 天', '91–180 days'), min: 91, max: 180 },
  { key: 'over', label: tx('逾期 180 天以上', 'Over 180 days'), min: 181, max: Infinity },
];

/** The aging bucket of an unpaid bill, by whole days from its due date to today. */
export function agingBucket(dueDate: string, today: string): string {
  const days = daysBetween(dueDate, today);
  return AGING.find((a) => days >= a.min && days <= a.max)!.key;
}

interface Unpaid {
  id: string;
  name: string;
  grade: string | null;
  owner: string | null;
  outstanding: number;
  dueDate: string;
  period: string;
}

/**
 * 欠费与缴费及时率: what is unpaid today by customer and by age, and how punctually the bills of a
 * period were paid (in full by the due date), by grade.
 */
export const arrearsReport = defineReport({
  id: 'arrears',
  group: 'finance',
  orientation: 'landscape',
  title: tx('欠费与缴费及时率', 'Arrears and payment timeliness'),
  description: tx(
    '截至今天的欠费账龄与欠费客户明细；统计期间账单的按期缴清率（按等级）',
    'Unpaid amounts today by age and customer; share of bills of the period paid in full by the due date, by grade',
  ),
  roles: ['admin', 'leader', 'account_manager', 'staff'],
  params: [PARAM.from(tx('账期自', 'Bills from')), PARAM.to(tx('账期至', 'Bills to')), PARAM.region, PARAM.industry, PARAM.grade, PARAM.manager, PARAM.limit],
  schema,
  run(rc, p) {
    const { t, today } = rc;
    const where = customerFilterSql(rc, p);
    // customers.arrears_fen is kept by the bill service (Σ unpaid); its index finds debtors fast,
    // and their unpaid bills come by customer.
    const unpaid = rc.sqlite
      .prepare(
        `SELECT c.id AS id, c.name AS name, c.grade AS grade, u.display_name AS owner,
                b.billed_fen - b.paid_fen AS outstanding, b.due_date AS dueDate, b.period AS period
         FROM customers c
         JOIN customer_bills b ON b.customer_id = c.id AND b.deleted = 0 AND b.paid_fen < b.billed_fen
         LEFT JOIN users u ON u.id = c.owner_id
         WHERE c.arrears_fen > 0 AND ${where.sql}`,
      )
      .all(...where.params) as Unpaid[];

    const aging = new Map(AGING.map((a) => [a.key, 0]));
    const debtors = new Map<string, { name: string; grade: string | null; owner: string | null; total: number; overdue: number; oldestDue: string; bills: number }>();
    for (const u of unpaid) {
      const bucket = agingBucket(u.dueDate, today);
      aging.set(bucket, aging.get(bucket)! + u.outstanding);
      const d = debtors.get(u.id) ?? { name: u.name, grade: u.grade, owner: u.owner, total: 0, overdue: 0, oldestDue: u.dueDate, bills: 0 };
      d.total += u.outstanding;
      if (bucket !== 'notDue') d.overdue += u.outstanding;
      if (u.dueDate < d.oldestDue) d.oldestDue = u.dueDate;
      d.bills += 1;
      debtors.set(u.id, d);
    }
    const list = [...debtors.values()].sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
    const totalUnpaid = list.reduce((a, d) => a + d.total, 0);
    const totalOverdue = list.reduce((a, d) => a + d.overdue, 0);

    // Timeliness over the period's bills that have fallen due by today, from the report cube (a
    // million customers' bills would be seconds of SQL). Collected = billed − what is still unpaid.
    const cube = reportCube(rc.sqlite);
    const todayDay = dayNumber(today);
    const own = rc.actor.role === 'account_manager' ? rc.actor.id : null;
    const gradeWanted = p.grade === 'none' ? null : p.grade;
    const ownerWanted = p.manager === 'pool' ? null : p.manager;
    type Timely = { bills: number; onTime: number; late: number; open: number; billed: number; paid: number };
    const byGrade = new Map<string | null, Timely>();
    const periods = monthsBetween(p.from, p.to);
    for (const period of periods) {
      const billed = cube.billed.get(period);
      const flags = cube.flags.get(period);
      const due = cube.due.get(period);
      if (!billed || !flags || !due) continue;
      const n = Math.min(flags.length, cube.ids.length);
      for (let i = 0; i < n; i++) {
        const f = flags[i]!;
        if (!(f & BILL) || due[i]! >= todayDay || cube.live[i] !== 1) continue;
        if (own !== null && cube.owner[i] !== own) continue;
        if (p.region && cube.region[i] !== p.region) continue;
        if (p.industry && cube.industry[i] !== p.industry) continue;
        if (p.grade && cube.grade[i] !== gradeWanted) continue;
        if (p.manager && cube.owner[i] !== ownerWanted) continue;
        const g = cube.grade[i] ?? null;
        let r = byGrade.get(g);
        if (!r) byGrade.set(g, (r = { bills: 0, onTime: 0, late: 0, open: 0, billed: 0, paid: 0 }));
        r.bills += 1;
        if (f & ON_TIME) r.onTime += 1;
        else if (f & PAID) r.late += 1;
        else r.open += 1;
        r.billed += billed[i]!;
        r.paid += billed[i]!;
      }
    }
    // Take off what is still owed on those bills (the unpaid list above has them all).
    const inRange = new Set(periods);
    for (const u of unpaid) {
      if (!inRange.has(u.period) || u.dueDate >= today) continue;
      const r = byGrade.get(u.grade ?? null);
      if (r) r.paid -= u.outstanding;
    }
    const tTotal = [...byGrade.values()].reduce(
      (a, r) => ({ bills: a.bills + r.bills, onTime: a.onTime + r.onTime, late: a.late + r.late, open: a.open + r.open, billed: a.billed + r.billed, paid: a.paid + r.paid }),
      { bills: 0, onTime: 0, late: 0, open: 0, billed: 0, paid: 0 },
    );
    const timelyRow = (group: string, r: typeof tTotal) => ({
      group,
      bills: r.bills,
      onTime: r.onTime,
      late: r.late,
      open: r.open,
      rate: r.bills ? r.onTime / r.bills : null,
      billed: r.billed,
      collected: r.billed ? r.paid / r.billed : null,
    });

    return {
      params: [
        { label: t(tx('欠费截至', 'Arrears as of')), value: today },
        { label: t(tx('及时率账期', 'Timeliness bills')), value: rangeText(rc, p.from, p.to) },
        ...describeFilters(rc, p),
      ],
      summary: [
        { label: t(tx('欠费合计（元）', 'Unpaid, total (¥)')), value: totalUnpaid, format: 'fen' },
        { label: t(tx('其中逾期（元）', 'Of which overdue (¥)')), value: totalOverdue, format: 'fen' },
        { label: t(tx('欠费客户数', 'Customers owing')), value: list.length, format: 'int' },
        { label: t(tx('按期缴清率', 'Paid on time')), value: tTotal.bills ? tTotal.onTime / tTotal.bills : null, format: 'percent' },
        { label: t(tx('收缴率', 'Collected')), value: tTotal.billed ? tTotal.paid / tTotal.billed : null, format: 'percent' },
      ],
      charts: [
        {
          id: 'aging',
          kind: 'bar',
          title: t(tx('欠费账龄分布（元）', 'Unpaid by age (¥)')),
          categories: AGING.map((a) => t(a.label)),
          series: [{ name: t(tx('欠费金额', 'Unpaid')), data: AGING.map((a) => aging.get(a.key)!), line: false, format: 'fen' }],
          height: 210,
        },
      ],
      tables: [
        {
          id: 'aging',
          title: t(tx('欠费账龄', 'Aging')),
          columns: [
            { key: 'bucket', label: t(tx('账龄', 'Age')), format: 'text', width: 18 },
            { key: 'amount', label: t(tx('欠费金额（元）', 'Unpaid (¥)')), format: 'fen', width: 18 },
            { key: 'share', label: t(tx('占比', 'Share')), format: 'percent', width: 10 },
          ],
          rows: AGING.map((a) => ({ bucket: t(a.label), amount: aging.get(a.key)!, share: totalUnpaid ? aging.get(a.key)! / totalUnpaid : null })),
          totals: { bucket: t(tx('合计', 'Total')), amount: totalUnpaid, share: totalUnpaid ? 1 : null },
          note: null,
        },
        {
          id: 'timeliness',
          title: t(tx('按期缴费情况（按等级）', 'Payment timeliness by grade')),
          columns: [
            { key: 'group', label: t(tx('等级', 'Grade')), format: 'text', width: 10 },
            { key: 'bills', label: t(tx('到期账单数', 'Bills due')), format: 'int', width: 12 },
            { key: 'onTime', label: t(tx('按期缴清', 'On time')), format: 'int', width: 10 },
            { key: 'late', label: t(tx('逾期缴清', 'Paid late')), format: 'int', width: 10 },
            { key: 'open', label: t(tx('尚未缴清', 'Still open')), format: 'int', width: 10 },
            { key: 'rate', label: t(tx('按期缴清率', 'On-time rate')), format: 'percent', width: 12 },
            { key: 'billed', label: t(tx('出账金额（元）', 'Billed (¥)')), format: 'fen', width: 18 },
            { key: 'collected', label: t(tx('收缴率', 'Collected')), format: 'percent', width: 10 },
          ],
          rows: GRADE_ORDER.filter((g) => byGrade.has(g)).map((g) => timelyRow(gradeLabel(t, g), byGrade.get(g)!)),
          totals: timelyRow(t(tx('合计', 'Total')), tTotal),
          note: null,
        },
        {
          id: 'debtors',
          title: t(tx('欠费客户明细', 'Customers owing')),
          columns: [
            { key: 'no', label: t(tx('序号', 'No.')), format: 'int', width: 6 },
            { key: 'name', label: t(tx('客户名称', 'Customer')), format: 'text', width: 34 },
            { key: 'grade', label: t(tx('等级', 'Grade')), format: 'text', width: 8 },
            { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
            { key: 'bills', label: t(tx('未缴账单', 'Unpaid bills')), format: 'int', width: 10 },
            { key: 'total', label: t(tx('欠费（元）', 'Unpaid (¥)')), format: 'fen', width: 16 },
            { key: 'overdue', label: t(tx('其中逾期（元）', 'Overdue (¥)')), format: 'fen', width: 16 },
            { key: 'days', label: t(tx('最长逾期天数', 'Longest overdue (days)')), format: 'int', width: 12 },
          ],
          rows: list.slice(0, p.limit).map((d, i) => ({
            no: i + 1,
            name: d.name,
            grade: gradeLabel(t, d.grade),
            owner: d.owner ?? t(tx('未分配', 'Unassigned')),
            bills: d.bills,
            total: d.total,
            overdue: d.overdue,
            days: Math.max(0, daysBetween(d.oldestDue, today)),
          })),
          totals: null,
          note:
            list.length > p.limit
              ? t(tx(`按欠费金额列出前 ${p.limit} 户，共 ${list.length} 户`, `Top ${p.limit} of ${list.length} by amount`))
              : null,
        },
      ],
      fileSuffix: today,
    };
  },
});
