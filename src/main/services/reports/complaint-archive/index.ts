import { z } from 'zod';
import { seededName } from '../../tickets/seeded';
import { PARAM, RANGE_ERROR, customerFilterShape, customerFilterSql, describeFilters, monthRangeIso, monthRangeShape, rangeText, validRange } from '../params';
import { gradeLabel, tx, type Text } from '../text';
import { defineReport } from '../types';

const schema = z.object({ ...monthRangeShape, ...customerFilterShape }).refine(validRange, RANGE_ERROR);

const STATUS_TEXT: Record<string, Text> = {
  new: tx('新建', 'New'),
  dispatched: tx('已派单', 'Dispatched'),
  in_progress: tx('处理中', 'In progress'),
  waiting: tx('待客户', 'Waiting'),
  resolved: tx('已解决', 'Resolved'),
  replied: tx('已答复', 'Replied'),
  visited: tx('已回访', 'Visited'),
  archived: tx('已归档', 'Archived'),
  cancelled: tx('已取消', 'Cancelled'),
};

interface Complaint {
  number: string;
  createdAt: string;
  customer: string;
  grade: string | null;
  category: string | null;
  title: string;
  dept: string | null;
  cause: string;
  ourFault: number | null;
  replyContent: string;
  satisfaction: number | null;
  status: string;
}

/**
 * 投诉档案: every complaint opened in a period (cancelled ones left out, as in the KPIs), with
 * responsibility, cause, the reply and the customer's satisfaction — the paper archive of record.
 */
export const complaintArchive = defineReport({
  id: 'complaint-archive',
  group: 'service',
  orientation: 'landscape',
  title: tx('投诉档案', 'Complaint archive'),
  description: tx('统计期间受理的全部投诉：责任判定、原因、答复与满意度', 'Every complaint of the period: responsibility, cause, reply and satisfaction'),
  roles: ['admin', 'leader', 'service_desk', 'account_manager'],
  params: [PARAM.from(), PARAM.to(), PARAM.region, PARAM.industry, PARAM.grade, PARAM.manager],
  schema,
  run(rc, p) {
    const { t } = rc;
    const { start, end } = monthRangeIso(p.from, p.to);
    const where = customerFilterSql(rc, p);
    const rows = rc.sqlite
      .prepare(
        `SELECT t.number AS number, t.created_at AS createdAt, c.name AS customer, t.customer_grade AS grade, k.name AS category,
                t.title AS title, t.responsible_dept AS dept, t.cause AS cause, t.our_fault AS ourFault,
                t.reply_content AS replyContent, t.satisfaction AS satisfaction, t.status AS status
         FROM tickets t JOIN customers c ON c.id = t.customer_id
         LEFT JOIN ticket_categories k ON k.id = t.category_id
         WHERE t.deleted = 0 AND t.kind = 'complaint' AND t.status <> 'cancelled'
           AND t.created_at >= ? AND t.created_at < ? AND ${where.sql}
         ORDER BY t.created_at, t.number`,
      )
      .all(start, end, ...where.params) as Complaint[];
    const ourFault = rows.filter((r) => r.ourFault === 1).length;
    const rated = rows.filter((r) => r.satisfaction !== null);
    const closed = rows.filter((r) => r.status === 'archived').length;
    const byCategory = new Map<string, number>();
    // A category still named as seeded reads in the reader's language (tickets/seeded.ts).
    for (const r of rows) r.category = r.category === null ? null : seededName(r.category, rc.locale);
    for (const r of rows) byCategory.set(r.category ?? '', (byCategory.get(r.category ?? '') ?? 0) + 1);
    const cats = [...byCategory.entries()].sort((a, b) => b[1] - a[1]);
    const yesNo = (v: number | null) => (v === null ? '—' : v ? t(tx('是', 'Yes')) : t(tx('否', 'No')));

    return {
      params: [{ label: t(tx('受理期间', 'Opened')), value: rangeText(rc, p.from, p.to) }, ...describeFilters(rc, p)],
      summary: [
        { label: t(tx('投诉件数', 'Complaints')), value: rows.length, format: 'int' },
        { label: t(tx('我方责任', 'Our fault')), value: ourFault, format: 'int' },
        { label: t(tx('已归档', 'Archived')), value: closed, format: 'int' },
        {
          label: t(tx('平均满意度（5 分制）', 'Avg satisfaction (of 5)')),
          value: rated.length ? Math.round((rated.reduce((a, r) => a + r.satisfaction!, 0) / rated.length) * 100) / 100 : null,
          format: 'decimal',
        },
      ],
      charts: cats.length
        ? [
            {
              id: 'categories',
              kind: 'bar',
              title: t(tx('投诉类别分布', 'Complaints by category')),
              categories: cats.map(([k]) => k || t(tx('未分类', 'Uncategorised'))),
              series: [{ name: t(tx('件数', 'Complaints')), data: cats.map(([, n]) => n), line: false, format: 'int' }],
              height: 200,
            },
          ]
        : [],
      tables: [
        {
          id: 'complaints',
          title: t(tx('投诉明细', 'Complaints')),
          columns: [
            { key: 'number', label: t(tx('工单号', 'Ticket')), format: 'text', width: 18 },
            { key: 'createdAt', label: t(tx('受理时间', 'Opened')), format: 'datetime', width: 16 },
            { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 24 },
            { key: 'grade', label: t(tx('等级', 'Grade')), format: 'text', width: 6 },
            { key: 'category', label: t(tx('类别', 'Category')), format: 'text', width: 10 },
            { key: 'title', label: t(tx('投诉内容', 'Complaint')), format: 'text', width: 28 },
            { key: 'dept', label: t(tx('责任部门', 'Responsible')), format: 'text', width: 10 },
            { key: 'cause', label: t(tx('原因', 'Cause')), format: 'text', width: 22 },
            { key: 'ourFault', label: t(tx('我方责任', 'Our fault')), format: 'text', width: 6 },
            { key: 'satisfaction', label: t(tx('满意度', 'Satisfaction')), format: 'int', width: 6 },
            { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 8 },
          ],
          rows: rows.map((r) => ({
            number: r.number,
            createdAt: r.createdAt,
            customer: r.customer,
            grade: r.grade ? gradeLabel(t, r.grade) : '—',
            category: r.category ?? '',
            title: r.title,
            dept: r.dept ?? '',
            cause: r.cause,
            ourFault: yesNo(r.ourFault),
            satisfaction: r.satisfaction,
            status: STATUS_TEXT[r.status] ? t(STATUS_TEXT[r.status]!) : r.status,
          })),
          totals: null,
          note: null,
        },
      ],
      fileSuffix: p.from === p.to ? p.from : `${p.from}_${p.to}`,
    };
  },
});
