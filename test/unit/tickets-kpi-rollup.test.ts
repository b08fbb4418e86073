import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tickets, users } from '../../src/main/db/schema';
import { ticketKpis } from '../../src/main/services/tickets';
import { applyChanges } from '../../src/main/services/sync/apply';
import { deleteRow } from '../../src/main/services/write';
import { formatHlc } from '../../src/shared/hlc';
import { KPI_GROUPS } from '../../src/shared/contract/ticket-common';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer, type TestCustomer } from './tickets-fixtures';

/**
 * The red-channel KPIs read a per-day rollup (ticket_kpi_days, migration 0013) kept by triggers. After
 * every kind of write — a ticket moving through the flow, a rework, a cancellation, a tombstone, a hard
 * delete, a change applied from headquarters — the rollup must equal the same figures recomputed from the
 * tickets themselves, and the KPIs must equal the plain SQL aggregation over tickets.
 */

let app: TestApp;
let desk: { token: string; userId: string };
let manager: { token: string; userId: string };
let engineer: { token: string; userId: string };
let customer: TestCustomer;
let other: TestCustomer;

const ROLLUP_COLUMNS = 'tickets, resolved, reworked, minutes_sum, minutes_n, resp_ok, resp_n, res_ok, res_n, sat_sum, sat_n';

/** The rollup's rows that hold tickets, keyed by their group. */
function rollup(): Record<string, number[]> {
  const db = app.runtime.store.sqlite;
  const rows = db
    .prepare(`SELECT day || '|' || kind || '|' || category_id || '|' || dept || '|' || grade AS k, ${ROLLUP_COLUMNS} FROM ticket_kpi_days`)
    .raw()
    .all() as [string, ...number[]][];
  const out: Record<string, number[]> = {};
  for (const [k, ...values] of rows) {
    // A group whose last ticket left keeps a row of zeros; it must hold nothing else.
    if (values[0] === 0) expect(values.every((v) => v === 0), `empty group ${k}`).toBe(true);
    else out[k] = values;
  }
  return out;
}

/** The same groups recomputed from the tickets table, independently of the triggers. */
function recomputed(): Record<string, number[]> {
  const rows = app.runtime.store.sqlite
    .prepare(
      `SELECT date(created_at, '+8 hours') || '|' || kind || '|' || coalesce(category_id, '') || '|' || coalesce(assignee_dept, '') || '|' ||
         coalesce(customer_grade, 'none') AS k,
         count(*), count(first_resolved_at), sum(rework_count > 0 AND first_resolved_at IS NOT NULL),
         coalesce(sum(CASE WHEN kind = 'fault' THEN resolution_business_minutes END), 0),
         count(CASE WHEN kind = 'fault' THEN resolution_business_minutes END),
         count(CASE WHEN response_on_time = 1 THEN 1 END), count(response_on_time),
         count(CASE WHEN resolution_on_time = 1 THEN 1 END), count(resolution_on_time),
         coalesce(sum(satisfaction), 0), count(satisfaction)
       FROM tickets WHERE deleted = 0 AND status <> 'cancelled' GROUP BY 1`,
    )
    .raw()
    .all() as [string, ...number[]][];
  return Object.fromEntries(rows.map(([k, ...values]) => [k, values]));
}

function expectRollupInStep(): void {
  expect(rollup()).toEqual(recomputed());
}

const range = { from: '2026-02-01', to: '2026-03-31' };

/** The KPIs by every grouping against the plain SQL aggregation over tickets (the pre-rollup computation). */
function expectKpisMatchSql(): void {
  const db = app.runtime.store.sqlite;
  const groupSql = {
    month: "strftime('%Y-%m', t.created_at, '+8 hours')",
    category: "coalesce(k.name, '')",
    department: "coalesce(t.assignee_dept, '')",
    grade: "coalesce(t.customer_grade, 'none')",
  } as const;
  const start = new Date(Date.parse(`${range.from}T00:00:00+08:00`)).toISOString();
  const end = new Date(Date.parse(`${range.to}T00:00:00+08:00`) + 86_400_000).toISOString();
  for (const groupBy of KPI_GROUPS) {
    const sql = db
      .prepare(
        `SELECT ${groupSql[groupBy]} AS key, count(*) AS tickets, sum(t.kind = 'complaint') AS complaints,
           sum(t.kind = 'fault' AND t.first_resolved_at IS NOT NULL) AS faultsResolved,
           avg(CASE WHEN t.kind = 'fault' THEN t.resolution_business_minutes END) AS avgMinutes,
           avg(t.response_on_time) AS resp, avg(t.resolution_on_time) AS res, avg(t.satisfaction) AS sat
         FROM tickets t LEFT JOIN ticket_categories k ON k.id = t.category_id
         WHERE t.deleted = 0 AND t.status <> 'cancelled' AND t.created_at >= ? AND t.created_at < ?
         GROUP BY 1 ORDER BY 1`,
      )
      .all(start, end) as { key: string; tickets: number; complaints: number; faultsResolved: number; avgMinutes: number | null; resp: number | null; res: number | null; sat: number | null }[];
    const kpis = ticketKpis(app.ctx(), { ...range, groupBy });
    expect(kpis.rows.map((r) => r.key)).toEqual(sql.map((r) => r.key));
    kpis.rows.forEach((row, i) => {
      const s = sql[i]!;
      expect(row.tickets).toBe(s.tickets);
      expect(row.complaints).toBe(s.complaints);
      expect(row.faultsResolved).toBe(s.faultsResolved);
      expect(row.avgFaultResolutionMinutes).toBe(s.avgMinutes === null ? null : Math.round(s.avgMinutes * 10) / 10);
      expect(row.responseOnTimeRate).toBe(s.resp === null ? null : Math.round(s.resp * 10000) / 10000);
      expect(row.resolutionOnTimeRate).toBe(s.res === null ? null : Math.round(s.res * 10000) / 10000);
      expect(row.avgSatisfaction).toBe(s.sat === null ? null : Math.round(s.sat * 100) / 100);
    });
    expect(kpis.total.tickets).toBe(sql.reduce((a, r) => a + r.tickets, 0));
  }
}

beforeAll(async () => {
  app = makeTestApp();
  desk = await app.signIn('service_desk');
  manager = await app.signIn('account_manager');
  engineer = await app.signIn('staff');
  app.runtime.store.db.update(users).set({ department: '网络运维部' }).where(eq(users.id, engineer.userId)).run();
  customer = addCustomer(app, { ownerId: manager.userId, grade: 'key' });
  other = addCustomer(app, { ownerId: manager.userId, grade: 'vip' });
});

async function open(kind: 'fault' | 'complaint', who: TestCustomer = customer) {
  return app.call(
    'tickets.create',
    { kind, customerId: who.id, contactId: who.contactId, serviceInstanceId: who.serviceId, channel: 'phone', title: '专线中断', description: '客户来电', impact: 'major' },
    desk.token,
  );
}

type TransitionInput = Omit<Parameters<typeof app.call<'tickets.transition'>>[1], 'id'>;
const transition = (id: string, input: TransitionInput, token: string) => app.call('tickets.transition', { id, ...input }, token);

describe('the red-channel KPI rollup', () => {
  it('follows a fault through the flow, a dissatisfied visit and a rework, step by step', async () => {
    expectRollupInStep();
    const t = await open('fault');
    expectRollupInStep();
    expect(Object.values(rollup()).reduce((a, v) => a + v[0]!, 0)).toBe(1);
    app.clock.advanceMinutes(15);
    await transition(t.id, { action: 'assign', dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    expectRollupInStep();
    await transition(t.id, { action: 'start' }, engineer.token);
    app.clock.advanceMinutes(90);
    await transition(t.id, { action: 'resolve', resolution: '更换光模块', responsibleDept: '网络运维部', cause: '光模块老化', ourFault: true }, engineer.token);
    expectRollupInStep();
    await transition(t.id, { action: 'reply', method: 'phone', content: '已回复' }, desk.token);
    await transition(t.id, { action: 'visit', satisfaction: 2, comment: '仍有丢包' }, manager.token);
    expectRollupInStep();
    let k = ticketKpis(app.ctx(), { ...range, groupBy: 'month' }).total;
    expect(k.avgSatisfaction).toBe(2);
    expect(k.reworkRate).toBe(0);

    await transition(t.id, { action: 'rework', note: '客户反映仍有丢包' }, manager.token);
    expectRollupInStep();
    k = ticketKpis(app.ctx(), { ...range, groupBy: 'month' }).total;
    // The rework clears the score and counts the resolved ticket as reworked; the first resolution stays.
    expect(k.avgSatisfaction).toBeNull();
    expect(k.reworkRate).toBe(1);
    expect(k.faultsResolved).toBe(1);
    app.clock.advanceMinutes(30);
    await transition(t.id, { action: 'resolve', resolution: '更换尾纤', responsibleDept: '网络运维部', cause: '尾纤弯折', ourFault: true }, engineer.token);
    await transition(t.id, { action: 'reply', method: 'visit', content: '上门回复' }, desk.token);
    await transition(t.id, { action: 'visit', satisfaction: 5, comment: '满意' }, desk.token);
    await transition(t.id, { action: 'archive' }, desk.token);
    expectRollupInStep();
    expectKpisMatchSql();
    expect(ticketKpis(app.ctx(), { ...range, groupBy: 'month' }).total.avgSatisfaction).toBe(5);
  });

  it('drops a cancelled ticket and a tombstoned one, and a hard-deleted row', async () => {
    const before = ticketKpis(app.ctx(), { ...range, groupBy: 'month' }).total;
    const c = await open('complaint');
    const f = await open('fault', other);
    const g = await open('fault', other);
    expect(ticketKpis(app.ctx(), { ...range, groupBy: 'month' }).total.tickets).toBe(before.tickets + 3);
    await transition(c.id, { action: 'cancel', note: '重复报障' }, desk.token);
    expectRollupInStep();
    const ctx = app.ctx();
    app.runtime.store.sqlite.transaction(() => deleteRow(ctx, tickets, f.id))();
    expectRollupInStep();
    app.runtime.store.sqlite.prepare('DELETE FROM tickets WHERE id = ?').run(g.id);
    expectRollupInStep();
    const after = ticketKpis(app.ctx(), { ...range, groupBy: 'month' }).total;
    expect(after.tickets).toBe(before.tickets);
    expect(after.complaints).toBe(before.complaints);
    expectKpisMatchSql();
  });

  it('takes in changes applied from headquarters: a moved ticket, a regraded one, a new one', async () => {
    const t = await open('complaint', other);
    await transition(t.id, { action: 'assign', dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    const sqlite = app.runtime.store.sqlite;
    const hlc = formatHlc({ wall: app.clock.now().getTime() + 60_000, counter: 0, node: 'hq' });
    const category = (sqlite.prepare("SELECT id FROM ticket_categories WHERE deleted = 0 AND (kind IS NULL OR kind = 'complaint') LIMIT 1").get() as { id: string }).id;
    // A whole row this device never had (another branch's ticket published by HQ), copied from ours.
    const row = sqlite.prepare('SELECT * FROM tickets WHERE id = ?').get(t.id) as Record<string, string | number | null>;
    const newId = '01900000-0000-7000-8000-00000000abcd';
    const { id: _ours, ...copied } = row;
    const cols = { ...copied, number: 'HQ-0001', created_at: '2026-02-27T17:30:00.000Z', satisfaction: 4 };
    const result = sqlite.transaction(() =>
      applyChanges(sqlite, [
        { table: 'tickets', rowId: t.id, cols: { category_id: category, customer_grade: 'strategic', response_on_time: 0 }, clocks: { category_id: hlc, customer_grade: hlc, response_on_time: hlc } },
        { table: 'tickets', rowId: newId, cols, clocks: Object.fromEntries(Object.keys(cols).map((c) => [c, hlc])) },
      ]),
    )();
    expect(result).toMatchObject({ applied: 2, failed: 0 });
    expectRollupInStep();
    // Opened 2026-02-28 01:30 Asia/Shanghai: counted in February, although it is still the 27th in UTC.
    const feb = ticketKpis(app.ctx(), { from: '2026-02-28', to: '2026-02-28', groupBy: 'grade' });
    expect(feb.total.tickets).toBe(1);
    expect(feb.total.avgSatisfaction).toBe(4);
    expectKpisMatchSql();
    // Sessions idle out while the test clock runs on: the leader signs in now.
    const leader = await app.signIn('leader');
    const leaderView = await app.call('tickets.kpis', { ...range, groupBy: 'grade' }, leader.token);
    // The regraded ticket moved from vip to strategic (the HQ copy kept vip, as it was read before the change).
    expect(leaderView.rows.find((r) => r.key === 'strategic')?.complaints).toBe(1);
  });
});
