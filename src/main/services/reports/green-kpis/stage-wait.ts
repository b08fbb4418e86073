import { z } from 'zod';
import { businessMinutesBetween } from '../../sla';
import { calendarById } from '../../tickets/config';
import { seededName } from '../../tickets/seeded';
import { PARAM, describeFilters, optionalText } from '../params';
import { tx } from '../text';
import { defineReport, type ReportTable } from '../types';

const schema = z.object({ manager: optionalText.default(null) });

/** How many of the longest waits the detail table lists. */
const LONGEST = 20;

/** An open attempt (or an order back with its account manager) and how long it has waited. */
interface Waiting {
  orderId: string;
  number: string;
  customerId: string;
  typeName: string;
  stageKey: string;
  stageName: string;
  department: string;
  holderId: string | null;
  since: string;
  dueAt: string | null;
  accepted: boolean;
  minutes: number;
}

interface Agg {
  key: string;
  label: string;
  open: number;
  accepted: number;
  overdue: number;
  minutesSum: number;
  maxMinutes: number;
}

/**
 * 工单环节停留: where the open orders wait now — each open stage attempt by stage and department, with
 * the business time it has waited on its order's calendar (as its clock runs), the overdue ones, and
 * the orders returned to their account manager; then the longest waits.
 */
export const greenStageWaitReport = defineReport({
  id: 'green-stage-wait',
  group: 'service',
  orientation: 'landscape',
  title: tx('工单环节停留分析', 'Where orders wait'),
  description: tx(
    '在途工单当前停留的环节与部门：停留工单数、已受理、超时数、平均及最长停留时间（工作时间），以及停留最久的工单',
    'Open orders by the stage and department holding them: how many, accepted, overdue, average and longest wait in business time, and the longest waits',
  ),
  roles: ['admin', 'leader', 'account_manager'],
  params: [PARAM.manager],
  schema,
  run(rc, p) {
    const { t, sqlite } = rc;
    const owner = p.manager;
    const ownerSql = owner === 'pool' ? ' AND s.owner_id IS NULL' : owner ? ' AND s.owner_id = ?' : '';
    const ownerParams = owner && owner !== 'pool' ? [owner] : [];
    const open = sqlite
      .prepare(
        `SELECT s.order_id AS orderId, w.number, w.customer_id AS customerId, w.business_type_name AS typeName, s.stage_key AS stageKey,
           s.name AS stageName, s.department, s.holder_id AS holderId, s.entered_at AS since, s.due_at AS dueAt,
           s.status = 'accepted' AS accepted, w.calendar_id AS calendarId
         FROM order_stages s JOIN work_orders w ON w.id = s.order_id
         WHERE s.is_open = 1 AND s.deleted = 0 AND w.is_open = 1${ownerSql}`,
      )
      .all(...ownerParams) as (Omit<Waiting, 'minutes' | 'accepted'> & { accepted: number; calendarId: string | null })[];
    // An order returned to its account manager has no open stage: it waits from its latest return.
    const returnedOwner = ownerSql.replace('s.owner_id', 'w.owner_id');
    const returned = sqlite
      .prepare(
        `SELECT w.id AS orderId, w.number, w.customer_id AS customerId, w.business_type_name AS typeName, w.owner_id AS holderId,
           w.calendar_id AS calendarId,
           (SELECT max(s.completed_at) FROM order_stages s WHERE s.order_id = w.id AND s.status = 'returned') AS since
         FROM work_orders w WHERE w.is_open = 1 AND w.status = 'returned' AND w.deleted = 0${returnedOwner}`,
      )
      .all(...ownerParams) as { orderId: string; number: string; customerId: string; typeName: string; holderId: string | null; calendarId: string | null; since: string | null }[];

    const nowMs = rc.now.getTime();
    const calendars = new Map<string | null, ReturnType<typeof calendarById>['compiled']>();
    const waited = (calendarId: string | null, since: string) => {
      let cal = calendars.get(calendarId);
      if (!cal) calendars.set(calendarId, (cal = calendarById(rc.ctx, calendarId).compiled));
      return Math.max(0, businessMinutesBetween(cal, Date.parse(since), nowMs));
    };
    const backLabel = t(tx('退回客户经理', 'Back with the account manager'));
    const amLabel = t(tx('客户经理', 'Account manager'));
    const all: Waiting[] = open.map((r) => ({
      ...r,
      typeName: seededName(r.typeName, rc.locale),
      stageName: seededName(r.stageName, rc.locale),
      accepted: r.accepted === 1,
      minutes: waited(r.calendarId, r.since),
    }));
    for (const r of returned) {
      if (!r.since) continue;
      all.push({ ...r, typeName: seededName(r.typeName, rc.locale), stageKey: '', stageName: backLabel, department: amLabel, since: r.since, dueAt: null, accepted: false, minutes: waited(r.calendarId, r.since) });
    }

    const nowIso = rc.now.toISOString();
    const groups = (keyOf: (w: Waiting) => string, labelOf: (w: Waiting) => string): Agg[] => {
      const map = new Map<string, Agg>();
      for (const w of all) {
        const key = keyOf(w);
        let a = map.get(key);
        if (!a) map.set(key, (a = { key, label: labelOf(w), open: 0, accepted: 0, overdue: 0, minutesSum: 0, maxMinutes: 0 }));
        a.open++;
        if (w.accepted) a.accepted++;
        if (w.dueAt && w.dueAt < nowIso) a.overdue++;
        a.minutesSum += w.minutes;
        a.maxMinutes = Math.max(a.maxMinutes, w.minutes);
      }
      // Where most time is lost first.
      return [...map.values()].sort((a, b) => b.minutesSum - a.minutesSum || (a.key < b.key ? -1 : 1));
    };
    const byStage = groups((w) => w.stageKey || '~back', (w) => w.stageName);
    const byDept = groups((w) => w.department, (w) => w.department);
    const total: Agg = { key: '', label: t(tx('合计', 'Total')), open: 0, accepted: 0, overdue: 0, minutesSum: 0, maxMinutes: 0 };
    for (const a of byStage) {
      total.open += a.open;
      total.accepted += a.accepted;
      total.overdue += a.overdue;
      total.minutesSum += a.minutesSum;
      total.maxMinutes = Math.max(total.maxMinutes, a.maxMinutes);
    }
    const round1 = (x: number) => Math.round(x * 10) / 10;
    const aggRow = (a: Agg) => ({
      group: a.label,
      open: a.open,
      accepted: a.accepted,
      overdue: a.overdue,
      avgMinutes: a.open ? round1(a.minutesSum / a.open) : null,
      maxMinutes: a.open ? round1(a.maxMinutes) : null,
    });
    const aggColumns = (first: string): ReportTable['columns'] => [
      { key: 'group', label: first, format: 'text', width: 16 },
      { key: 'open', label: t(tx('停留工单', 'Waiting')), format: 'int', width: 10 },
      { key: 'accepted', label: t(tx('其中已受理', 'Of which accepted')), format: 'int', width: 10 },
      { key: 'overdue', label: t(tx('其中已超时', 'Of which overdue')), format: 'int', width: 10 },
      { key: 'avgMinutes', label: t(tx('平均停留（工作时间）', 'Avg wait (business)')), format: 'duration', width: 14 },
      { key: 'maxMinutes', label: t(tx('最长停留', 'Longest wait')), format: 'duration', width: 12 },
    ];

    const longest = [...all].sort((a, b) => b.minutes - a.minutes || (a.number < b.number ? -1 : 1)).slice(0, LONGEST);
    const names = (table: 'customers' | 'users', ids: (string | null)[]) => {
      const list = [...new Set(ids.filter((id): id is string => !!id))];
      if (list.length === 0) return new Map<string, string>();
      const column = table === 'users' ? 'display_name' : 'name';
      const rows = sqlite.prepare(`SELECT id, ${column} AS name FROM ${table} WHERE id IN (${list.map(() => '?').join(', ')})`).all(...list) as { id: string; name: string }[];
      return new Map(rows.map((r) => [r.id, r.name]));
    };
    const customerNames = names('customers', longest.map((w) => w.customerId));
    const holderNames = names('users', longest.map((w) => w.holderId));

    return {
      params: [{ label: t(tx('统计时点', 'As of')), value: rc.today }, ...describeFilters(rc, { manager: p.manager })],
      summary: [
        { label: t(tx('在途停留工单', 'Open orders waiting')), value: total.open, format: 'int' },
        { label: t(tx('其中已超时', 'Of which overdue')), value: total.overdue, format: 'int' },
        { label: t(tx('其中退回客户经理', 'Of which back with the account manager')), value: byStage.find((a) => a.key === '~back')?.open ?? 0, format: 'int' },
        { label: t(tx('平均停留（工作时间）', 'Avg wait (business time)')), value: total.open ? round1(total.minutesSum / total.open) : null, format: 'duration' },
      ],
      charts: [
        {
          id: 'stages',
          kind: 'bar',
          title: t(tx('各环节停留工单与平均停留（小时）', 'Orders waiting and average wait (hours) by stage')),
          categories: byStage.map((a) => a.label),
          series: [
            { name: t(tx('停留工单', 'Waiting')), data: byStage.map((a) => a.open), line: false, format: 'int' },
            { name: t(tx('平均停留（小时）', 'Avg wait (h)')), data: byStage.map((a) => Math.round((a.minutesSum / a.open / 60) * 10) / 10), line: true, format: 'decimal' },
          ],
          height: 220,
        },
      ],
      tables: [
        { id: 'stages', title: t(tx('按环节', 'By stage')), columns: aggColumns(t(tx('环节', 'Stage'))), rows: byStage.map(aggRow), totals: aggRow(total), note: null },
        { id: 'departments', title: t(tx('按部门', 'By department')), columns: aggColumns(t(tx('部门', 'Department'))), rows: byDept.map(aggRow), totals: aggRow(total), note: null },
        {
          id: 'longest',
          title: t(tx('停留最久的工单', 'Longest waits')),
          columns: [
            { key: 'number', label: t(tx('工单号', 'Order')), format: 'text', width: 20 },
            { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 22 },
            { key: 'type', label: t(tx('业务类型', 'Business type')), format: 'text', width: 10 },
            { key: 'stage', label: t(tx('当前环节', 'Stage')), format: 'text', width: 12 },
            { key: 'department', label: t(tx('部门', 'Department')), format: 'text', width: 12 },
            { key: 'holder', label: t(tx('处理人', 'Held by')), format: 'text', width: 10 },
            { key: 'since', label: t(tx('进入时间', 'Since')), format: 'datetime', width: 16 },
            { key: 'minutes', label: t(tx('已停留（工作时间）', 'Waited (business)')), format: 'duration', width: 12 },
          ],
          rows: longest.map((w) => ({
            number: w.number,
            customer: customerNames.get(w.customerId) ?? '',
            type: w.typeName,
            stage: w.stageName,
            department: w.department,
            holder: w.holderId ? (holderNames.get(w.holderId) ?? '') : '',
            since: w.since,
            minutes: round1(w.minutes),
          })),
          totals: null,
          note: all.length > LONGEST ? t(tx(`前 ${LONGEST} 个，共 ${all.length} 个`, `Top ${LONGEST} of ${all.length}`)) : null,
        },
      ],
      fileSuffix: rc.today,
    };
  },
});
