import { z } from 'zod';
import { LATE_ENTRY_DAYS, type VisitKind } from '../../../../shared/contract/visit-common';
import { addMonths } from '../../customers/dates';
import {
  PARAM,
  RANGE_ERROR,
  describeFilters,
  monthRangeShape,
  monthsBetween,
  optionalText,
  rangeText,
  validRange,
} from '../params';
import { tx, type Translate } from '../text';
import { defineReport, type ReportContext, type ReportTable } from '../types';
import { VISIT_KIND_ORDER, VISIT_KIND_TEXT, Y } from './text';

const schema = z
  .object({ ...monthRangeShape, manager: optionalText.default(null) })
  .refine(validRange, RANGE_ERROR);

const L = {
  visits: tx('完成走访', 'Visits done'),
  customers: tx('走访客户数', 'Customers visited'),
  lateEntries: tx('其中补录', 'Of which entered late'),
};

type Row = Record<string, string | number | null>;

interface Count {
  month: string;
  ownerId: string;
  ownerName: string | null;
  kind: VisitKind;
  n: number;
  lateEntries: number;
}

/** WHERE over done visits `v` in [from, to] for the manager asked (an account manager: always himself). */
function visitWhere(
  rc: ReportContext,
  p: { from: string; to: string; manager: string | null },
): { sql: string; params: unknown[] } {
  const parts = ['v.deleted = 0', "v.status = 'done'", 'v.visit_date >= ?', 'v.visit_date < ?'];
  const params: unknown[] = [`${p.from}-01`, `${addMonths(p.to, 1)}-01`];
  const manager = rc.actor.role === 'account_manager' ? rc.actor.id : p.manager;
  if (manager === 'pool') {
    // The pool's visits: those to customers nobody is responsible for now.
    parts.push('EXISTS (SELECT 1 FROM customers c WHERE c.id = v.customer_id AND c.owner_id IS NULL)');
  } else if (manager) {
    parts.push('v.owner_id = ?');
    params.push(manager);
  }
  return { sql: parts.join(' AND '), params };
}

function kindColumns(t: Translate, first: ReportTable['columns'][number]): ReportTable['columns'] {
  return [
    first,
    ...VISIT_KIND_ORDER.map((k) => ({
      key: k,
      label: t(VISIT_KIND_TEXT[k]),
      format: 'int' as const,
      width: 8,
    })),
    { key: 'total', label: t(Y.total), format: 'int', width: 8 },
    { key: 'lateEntries', label: t(L.lateEntries), format: 'int', width: 8 },
  ];
}

/** Visits counted for one row: per kind, in all, and entered late. */
interface Tally {
  group: string;
  kinds: Record<VisitKind, number>;
  total: number;
  lateEntries: number;
}

function tally(group: string): Tally {
  return {
    group,
    kinds: Object.fromEntries(VISIT_KIND_ORDER.map((k) => [k, 0])) as Record<VisitKind, number>,
    total: 0,
    lateEntries: 0,
  };
}

function add(row: Tally, c: Count): void {
  row.kinds[c.kind] += c.n;
  row.total += c.n;
  row.lateEntries += c.lateEntries;
}

function toRow(r: Tally): Row {
  return { group: r.group, ...r.kinds, total: r.total, lateEntries: r.lateEntries };
}

/**
 * 走访量统计: done visits per month by kind (走访, 来访, 电话, 座谈会, 高层拜访) and per account manager,
 * with the records entered late (补录). A visit counts in the month it took place.
 */
export const visitVolumeReport = defineReport({
  id: 'visit-volume',
  group: 'customers',
  orientation: 'landscape',
  title: tx('走访量统计', 'Visits by month and kind'),
  description: tx(
    '逐月完成的客户走访、来访、电话、座谈会和高层拜访次数，按客户经理分列，含补录记录数',
    'Visits done each month by kind (on site, inbound, phone, forum, executive), per account manager, with late entries',
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [PARAM.from(), PARAM.to(), PARAM.manager],
  schema,
  run(rc, p) {
    const { t } = rc;
    const where = visitWhere(rc, p);
    // The visits_date index (visit_date, owner_id, status) serves the range.
    const counts = rc.sqlite
      .prepare(
        `SELECT substr(v.visit_date, 1, 7) AS month, v.owner_id AS ownerId, u.display_name AS ownerName, v.kind,
           count(*) AS n, sum(v.late_entry) AS lateEntries
         FROM visits v LEFT JOIN users u ON u.id = v.owner_id
         WHERE ${where.sql}
         GROUP BY month, v.owner_id, v.kind`,
      )
      .all(...where.params) as Count[];
    const customers = (
      rc.sqlite
        .prepare(`SELECT count(DISTINCT v.customer_id) AS n FROM visits v WHERE ${where.sql}`)
        .get(...where.params) as { n: number }
    ).n;

    const months = monthsBetween(p.from, p.to);
    const byMonth = new Map(months.map((m) => [m, tally(m)]));
    const byOwner = new Map<string, Tally>();
    const totals = tally(t(Y.total));
    for (const c of counts) {
      add(byMonth.get(c.month)!, c);
      const owner = byOwner.get(c.ownerId) ?? tally(c.ownerName ?? c.ownerId);
      add(owner, c);
      byOwner.set(c.ownerId, owner);
      add(totals, c);
    }
    const managerRows = [...byOwner.values()]
      .sort((a, b) => a.group.localeCompare(b.group, 'zh-CN'))
      .map(toRow);
    const monthRows = months.map((m) => byMonth.get(m)!);

    return {
      params: [
        { label: t(Y.period), value: rangeText(rc, p.from, p.to) },
        ...describeFilters(rc, { manager: p.manager }),
      ],
      summary: [
        { label: t(L.visits), value: totals.total, format: 'int' },
        ...VISIT_KIND_ORDER.map((k) => ({
          label: t(VISIT_KIND_TEXT[k]),
          value: totals.kinds[k],
          format: 'int' as const,
        })),
        { label: t(L.customers), value: customers, format: 'int' },
        { label: t(L.lateEntries), value: totals.lateEntries, format: 'int' },
      ],
      charts: [
        {
          id: 'months',
          kind: 'bar',
          title: t(tx('逐月完成走访（按方式）', 'Visits done by month and kind')),
          categories: months,
          series: VISIT_KIND_ORDER.map((k) => ({
            name: t(VISIT_KIND_TEXT[k]),
            data: monthRows.map((r) => r.kinds[k]),
            line: false,
            format: 'int',
          })),
          height: 220,
        },
      ],
      tables: [
        {
          id: 'months',
          title: t(tx('逐月', 'By month')),
          columns: kindColumns(t, { key: 'group', label: t(tx('月份', 'Month')), format: 'text', width: 10 }),
          rows: monthRows.map(toRow),
          totals: toRow(totals),
          note: t(
            tx(
              `只计已完成的走访，按走访发生的日期归月；补录：走访后超过 ${LATE_ENTRY_DAYS} 天才填写的记录。`,
              `Only visits done, in the month they took place. Entered late: recorded more than ${LATE_ENTRY_DAYS} days after the visit.`,
            ),
          ),
        },
        {
          id: 'managers',
          title: t(tx('按客户经理', 'By account manager')),
          columns: kindColumns(t, { key: 'group', label: t(Y.manager), format: 'text', width: 12 }),
          rows: managerRows,
          totals: toRow(totals),
          note: null,
        },
      ],
      fileSuffix: p.from === p.to ? p.from : `${p.from}_${p.to}`,
    };
  },
});
