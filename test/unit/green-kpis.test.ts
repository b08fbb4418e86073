import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { contracts, orderStages, requestForms, workOrders } from '../../src/main/db/schema';
import { insertRow, updateRow } from '../../src/main/services/write';
import type { ReportDocument } from '../../src/shared/contract/reports';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';
import { all, figure, one, runReport, table } from './reports-helpers';

/**
 * The green-channel KPI report against figures computed independently: plain SQL over the rows (with
 * strftime for the Shanghai month, where the report compares month bounds as text) and, for one
 * account manager, values worked out by hand. Rows are written through the write path.
 */

let app: TestApp;
let leader: string;
let am1: { token: string; userId: string };
let am2: { token: string; userId: string };

// The test clock stands at 2026-03-02 09:30 Shanghai; the data covers 2025-12 … 2026-02.
const FROM = '2025-12';
const TO = '2026-02';
const TYPES = [
  ['install', '新装'],
  ['upgrade', '扩容/提速'],
  ['relocate', '移机'],
] as const;
const STAGES = [
  ['requirement', '需求确认', '大客户发展中心', 240],
  ['resource', '资源确认', '资源管理中心', 960],
  ['engineering', '工程实施', '工程建设部', 2880],
  ['signoff', '客户签收', '大客户发展中心', 480],
] as const;
const DEPTS = ['网络运维部', '资源管理中心', null] as const;

let seed = 11;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;
const START = Date.parse('2025-11-25T00:00:00Z');

interface OrderSpec {
  owner: string | null;
  type: (typeof TYPES)[number];
  status: 'closed' | 'cancelled' | 'in_progress' | 'returned';
  closedAt: string | null;
  minutes: number | null;
  onTime: boolean | null;
  returns: number;
  customerId: string;
}

function addOrder(o: OrderSpec, createdAt: string) {
  const ctx = app.ctx();
  return insertRow(ctx, workOrders, {
    number: `GD-${Math.floor(rnd() * 1e9)}`,
    customerId: o.customerId,
    ownerId: o.owner,
    businessType: o.type[0],
    businessTypeName: o.type[1],
    templateVersion: 1,
    stagePlan: JSON.stringify(STAGES.map(([key, name, department, limitMinutes]) => ({ key, name, department, limitMinutes, required: true }))),
    status: o.status,
    isOpen: o.status === 'closed' || o.status === 'cancelled' ? 0 : 1,
    dueSort: `~${createdAt}`,
    returnCount: o.returns,
    businessMinutes: o.minutes,
    onTime: o.onTime,
    closedAt: o.closedAt,
    cancelledAt: o.status === 'cancelled' ? createdAt : null,
  });
}

function addStage(
  order: { id: string; customerId: string; businessType: string; ownerId: string | null },
  seq: number,
  s: { status: 'done' | 'returned' | 'skipped' | 'waiting' | 'accepted'; enteredAt: string; completedAt: string | null; minutes: number | null; onTime: boolean | null; dueAt?: string | null; holderId?: string | null },
  attempt = 1,
) {
  const [key, name, department, limit] = STAGES[seq]!;
  const open = s.status === 'waiting' || s.status === 'accepted';
  return insertRow(app.ctx(), orderStages, {
    orderId: order.id,
    customerId: order.customerId,
    businessType: order.businessType,
    ownerId: order.ownerId,
    seq,
    stageKey: key,
    name,
    department,
    limitMinutes: limit,
    attempt,
    status: s.status,
    isOpen: open ? 1 : 0,
    enteredAt: s.enteredAt,
    completedAt: s.completedAt,
    businessMinutes: s.minutes,
    onTime: s.onTime,
    dueAt: s.dueAt ?? null,
    holderId: s.holderId ?? null,
    returnReason: s.status === 'returned' ? 'address' : null,
  });
}

function addForm(f: { drafter: string; kind: 'resource' | 'contact'; orderId: string | null; customerId: string; answeredAt: string | null; minutes: number | null; onTime: boolean | null; dept: string | null }) {
  return insertRow(app.ctx(), requestForms, {
    number: `ZY-${Math.floor(rnd() * 1e9)}`,
    kind: f.kind,
    customerId: f.customerId,
    orderId: f.orderId,
    title: '资源确认',
    drafterId: f.drafter,
    status: f.answeredAt ? 'answered' : 'at_centre',
    isOpen: 1,
    routedDept: f.dept,
    answeredAt: f.answeredAt,
    businessMinutes: f.minutes,
    onTime: f.onTime,
    dueSort: '~',
  });
}

function addContract(c: { owner: string | null; status: 'draft' | 'signed' | 'renewed' | 'terminated'; endDate: string; amountFen: number; customerId: string }) {
  return insertRow(app.ctx(), contracts, {
    number: `HT-${Math.floor(rnd() * 1e9)}`,
    customerId: c.customerId,
    ownerId: c.owner,
    title: '专线合同',
    amountFen: c.amountFen,
    endDate: c.endDate,
    status: c.status,
  });
}

beforeAll(async () => {
  app = makeTestApp();
  leader = (await app.signIn('leader')).token;
  am1 = await app.signIn('account_manager');
  am2 = await app.signIn('account_manager');
  const owners = [am1.userId, am1.userId, null];
  const customers = Array.from({ length: 6 }, (_, i) => addCustomer(app, { ownerId: i < 4 ? am1.userId : null }).id);
  const amCustomer = addCustomer(app, { ownerId: am2.userId }).id;
  const sqlite = app.runtime.store.sqlite;
  sqlite.transaction(() => {
    // A hundred orders of am1 and the pool over three months, with their stages, forms and contracts.
    for (let i = 0; i < 100; i++) {
      const created = START + Math.floor(rnd() * 90 * DAY);
      const r = rnd();
      const status = r < 0.7 ? 'closed' : r < 0.78 ? 'cancelled' : r < 0.93 ? 'in_progress' : 'returned';
      const returns = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0;
      const closed = status === 'closed' ? iso(created + Math.floor(rnd() * 10 * DAY)) : null;
      const minutes = closed ? 60 * Math.floor(1 + rnd() * 100) : null;
      const order = addOrder(
        { owner: pick(owners), type: pick(TYPES), status, closedAt: closed, minutes, onTime: closed ? rnd() < 0.7 : null, returns, customerId: pick(customers) },
        iso(created),
      );
      let at = created;
      const last = status === 'closed' ? STAGES.length : Math.floor(rnd() * STAGES.length);
      for (let seq = 0; seq < last; seq++) {
        const took = Math.floor(rnd() * 3 * DAY);
        const kind = rnd() < 0.1 ? 'returned' : rnd() < 0.05 ? 'skipped' : 'done';
        addStage(order, seq, { status: kind, enteredAt: iso(at), completedAt: iso(at + took), minutes: kind === 'skipped' ? 0 : 30 * Math.floor(1 + rnd() * 60), onTime: kind === 'skipped' ? null : rnd() < 0.8 });
        if (kind === 'returned') addStage(order, seq, { status: 'done', enteredAt: iso(at + took), completedAt: iso(at + took + DAY), minutes: 120, onTime: true }, 2);
        at += took + DAY;
      }
      if (status === 'in_progress') {
        const open = addStage(order, last, { status: rnd() < 0.5 ? 'accepted' : 'waiting', enteredAt: iso(at), completedAt: null, minutes: null, onTime: null, dueAt: iso(at + 2 * DAY), holderId: am1.userId });
        // The order mirrors its open attempt, as the flow keeps it (the queue views read these columns).
        updateRow(app.ctx(), workOrders, order.id, { currentStageId: open.id, currentSeq: last, currentDept: open.department, stageDueAt: open.dueAt, dueSort: open.dueAt! });
      }
      if (status === 'returned') {
        // Returned to the account manager out of the stage it had reached.
        addStage(order, last, { status: 'returned', enteredAt: iso(at - DAY), completedAt: iso(at), minutes: 60, onTime: true });
      }
      if (rnd() < 0.6) {
        const answered = rnd() < 0.8 ? iso(created + Math.floor(rnd() * 5 * DAY)) : null;
        addForm({ drafter: order.ownerId ?? am1.userId, kind: rnd() < 0.8 ? 'resource' : 'contact', orderId: rnd() < 0.8 ? order.id : null, customerId: order.customerId, answeredAt: answered, minutes: answered ? 15 * Math.floor(1 + rnd() * 40) : null, onTime: answered ? rnd() < 0.75 : null, dept: pick(DEPTS) });
      }
    }
    for (let i = 0; i < 40; i++) {
      const end = iso(START + Math.floor(rnd() * 120 * DAY)).slice(0, 10);
      addContract({ owner: pick(owners), status: pick(['signed', 'signed', 'renewed', 'draft', 'terminated'] as const), endDate: end, amountFen: 100 * Math.floor(rnd() * 1e6), customerId: pick(customers) });
    }
    // An order closed at 00:30 on 1 February in Shanghai (16:30 UTC the day before) belongs to February.
    addOrder({ owner: null, type: TYPES[0], status: 'closed', closedAt: '2026-01-31T16:30:00.000Z', minutes: 480, onTime: true, returns: 0, customerId: customers[5]! }, '2026-01-20T02:00:00.000Z');

    // am2's small book, worked out by hand below.
    const a = addOrder({ owner: am2.userId, type: TYPES[1], status: 'closed', closedAt: '2026-01-10T03:00:00.000Z', minutes: 600, onTime: true, returns: 0, customerId: amCustomer }, '2026-01-05T02:00:00.000Z');
    const b = addOrder({ owner: am2.userId, type: TYPES[1], status: 'closed', closedAt: '2026-02-10T03:00:00.000Z', minutes: 1200, onTime: false, returns: 2, customerId: amCustomer }, '2026-02-01T02:00:00.000Z');
    addStage(a, 0, { status: 'done', enteredAt: '2026-01-05T02:00:00.000Z', completedAt: '2026-01-06T02:00:00.000Z', minutes: 300, onTime: true });
    addStage(b, 2, { status: 'returned', enteredAt: '2026-02-02T02:00:00.000Z', completedAt: '2026-02-03T02:00:00.000Z', minutes: 900, onTime: false });
    addStage(b, 2, { status: 'done', enteredAt: '2026-02-04T02:00:00.000Z', completedAt: '2026-02-05T02:00:00.000Z', minutes: 100, onTime: true }, 2);
    const c = addOrder({ owner: am2.userId, type: TYPES[2], status: 'in_progress', closedAt: null, minutes: null, onTime: null, returns: 0, customerId: amCustomer }, '2026-02-26T02:00:00.000Z');
    // Entered 2026-02-28 01:30 UTC, two days before the clock: 2,880 minutes on the 7×24 calendar (no calendar set).
    addStage(c, 1, { status: 'waiting', enteredAt: '2026-02-28T01:30:00.000Z', completedAt: null, minutes: null, onTime: null, dueAt: '2026-03-01T01:30:00.000Z' });
    addForm({ drafter: am2.userId, kind: 'resource', orderId: b.id, customerId: amCustomer, answeredAt: '2026-02-02T05:00:00.000Z', minutes: 90, onTime: true, dept: '资源管理中心' });
    addForm({ drafter: am2.userId, kind: 'resource', orderId: null, customerId: amCustomer, answeredAt: '2026-01-20T05:00:00.000Z', minutes: 210, onTime: false, dept: '网络运维部' });
    addContract({ owner: am2.userId, status: 'signed', endDate: '2026-02-28', amountFen: 1_200_000, customerId: amCustomer });
    addContract({ owner: am2.userId, status: 'renewed', endDate: '2026-01-31', amountFen: 800_000, customerId: amCustomer });
    addContract({ owner: am2.userId, status: 'draft', endDate: '2026-01-15', amountFen: 500_000, customerId: amCustomer });
  })();
}, 60_000);

const MONTH = (col: string) => `strftime('%Y-%m', ${col}, '+8 hours')`;
const RANGE = (col: string) => `${MONTH(col)} BETWEEN '${FROM}' AND '${TO}'`;

/** Averages print to one decimal: within half a tenth of the exact mean. */
function expectMinutes(actual: unknown, exact: number) {
  expect(Math.abs((actual as number) - exact)).toBeLessThanOrEqual(0.0501);
}

interface Expected {
  orders: number;
  avg: number | null;
  ok: number | null;
  returned: number | null;
  per100: number | null;
}

/** The order columns of a report row against SQL over the orders of the range (cancelled excluded). */
function expectOrders(row: Record<string, unknown>, e: Expected) {
  expect(row.orders).toBe(e.orders);
  if (e.avg === null) expect(row.orderAvg).toBeNull();
  else expectMinutes(row.orderAvg, e.avg);
  expect(row.orderOnTime).toBeCloseTo(e.ok ?? NaN, 10);
  expect(row.returnRate).toBeCloseTo(e.returned ?? NaN, 10);
  expect(row.returnsPer100).toBeCloseTo(e.per100 ?? NaN, 2);
}

const ORDER_SQL = `count(*) AS orders, avg(business_minutes) AS avg, avg(on_time) AS ok, avg(return_count > 0) AS returned, 100.0 * sum(return_count) / count(*) AS per100`;
const STAGE_SQL = `count(*) AS attempts, avg(business_minutes) AS avg, avg(on_time) AS ok, sum(status = 'returned') AS returns`;
const FORM_SQL = `count(*) AS forms, avg(f.business_minutes) AS avg, avg(f.on_time) AS ok`;

function expectStages(row: Record<string, unknown>, e: { attempts: number; avg: number; ok: number; returns: number }) {
  expect(row.attempts).toBe(e.attempts);
  expectMinutes(row.stageAvg, e.avg);
  expect(row.stageOnTime).toBeCloseTo(e.ok, 10);
  if ('attemptsReturned' in row) expect(row.attemptsReturned).toBe(e.returns);
}

function expectForms(row: Record<string, unknown>, e: { forms: number; avg: number | null; ok: number | null } | undefined) {
  expect(row.forms).toBe(e?.forms ?? 0);
  if (!e || e.avg === null) expect(row.formAvg).toBeNull();
  else expectMinutes(row.formAvg, e.avg);
}

describe('green-channel KPI report', () => {
  let doc: ReportDocument;
  beforeAll(async () => {
    doc = await runReport(app, leader, 'green-kpis', { from: FROM, to: TO });
  });

  it('totals for the period equal plain SQL over orders, stage attempts, resource forms and contracts', () => {
    const sqlite = app.runtime.store.sqlite;
    const o = one<Expected>(sqlite, `SELECT ${ORDER_SQL} FROM work_orders WHERE status = 'closed' AND ${RANGE('closed_at')}`);
    expect(o.orders).toBeGreaterThan(50);
    expect(figure(doc, '完成工单（客户签收）')).toBe(o.orders);
    expectMinutes(figure(doc, '工单平均历时（端到端，工作时间）'), o.avg!);
    expect(figure(doc, '工单按时完成率（端到端）')).toBeCloseTo(o.ok!, 10);
    expect(figure(doc, '异常返单率')).toBeCloseTo(o.returned!, 10);
    expect(figure(doc, '每百单返单次数')).toBeCloseTo(o.per100!, 2);
    const s = one<{ attempts: number; avg: number; ok: number }>(sqlite, `SELECT ${STAGE_SQL} FROM order_stages WHERE status IN ('done', 'returned') AND ${RANGE('completed_at')}`);
    expect(figure(doc, '环节办理次数')).toBe(s.attempts);
    expectMinutes(figure(doc, '环节平均历时（工作时间）'), s.avg);
    expect(figure(doc, '环节按时率')).toBeCloseTo(s.ok, 10);
    const f = one<{ forms: number; avg: number; ok: number }>(sqlite, `SELECT ${FORM_SQL} FROM request_forms f WHERE f.kind = 'resource' AND ${RANGE('f.answered_at')}`);
    expect(f.forms).toBeGreaterThan(10);
    expect(figure(doc, '资源确认单答复')).toBe(f.forms);
    expectMinutes(figure(doc, '资源确认平均历时（工作时间）'), f.avg);
    expect(figure(doc, '资源确认按时率')).toBeCloseTo(f.ok, 10);
    const c = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM contracts WHERE status IN ('signed', 'renewed') AND substr(end_date, 1, 7) BETWEEN ? AND ?`, FROM, TO);
    expect(figure(doc, '到期合同')).toBe(c.n);
  });

  it('by month: every figure equals SQL grouped by the Shanghai month (an order signed off at 00:30 on 1 February counts in February)', () => {
    const sqlite = app.runtime.store.sqlite;
    const rows = table(doc, 'months').rows;
    expect(rows.map((r) => r.group)).toEqual(['2025-12', '2026-01', '2026-02']);
    for (const row of rows) {
      const m = row.group as string;
      expectOrders(row, one<Expected>(sqlite, `SELECT ${ORDER_SQL} FROM work_orders WHERE status = 'closed' AND ${MONTH('closed_at')} = ?`, m));
      expectStages(row, one(sqlite, `SELECT ${STAGE_SQL} FROM order_stages WHERE status IN ('done', 'returned') AND ${MONTH('completed_at')} = ?`, m));
      expectForms(row, one(sqlite, `SELECT ${FORM_SQL} FROM request_forms f WHERE f.kind = 'resource' AND ${MONTH('f.answered_at')} = ?`, m));
    }
    const feb = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM work_orders WHERE status = 'closed' AND closed_at >= '2026-01-31T16:00:00.000Z' AND closed_at < '2026-02-28T16:00:00.000Z'`);
    expect(rows[2]!.orders).toBe(feb.n);
  });

  it('by business type, department and stage: every figure equals SQL grouped the same way', () => {
    const sqlite = app.runtime.store.sqlite;
    const types = table(doc, 'types').rows;
    for (const [key, name] of TYPES) {
      const row = types.find((r) => r.group === name)!;
      expectOrders(row, one<Expected>(sqlite, `SELECT ${ORDER_SQL} FROM work_orders WHERE status = 'closed' AND business_type = ? AND ${RANGE('closed_at')}`, key));
      expectStages(row, one(sqlite, `SELECT ${STAGE_SQL} FROM order_stages WHERE status IN ('done', 'returned') AND business_type = ? AND ${RANGE('completed_at')}`, key));
      expectForms(row, one(sqlite, `SELECT ${FORM_SQL} FROM request_forms f JOIN work_orders w ON w.id = f.order_id WHERE f.kind = 'resource' AND w.business_type = ? AND ${RANGE('f.answered_at')}`, key));
    }
    // Forms drafted without an order have their own row, so the rows add up to the total.
    const noOrder = types.find((r) => r.group === '未关联工单')!;
    expectForms(noOrder, one(sqlite, `SELECT ${FORM_SQL} FROM request_forms f WHERE f.kind = 'resource' AND f.order_id IS NULL AND ${RANGE('f.answered_at')}`));
    expect(types).toHaveLength(TYPES.length + 1);

    const depts = table(doc, 'departments').rows;
    const stageDepts = all<{ department: string }>(sqlite, `SELECT DISTINCT department FROM order_stages WHERE status IN ('done', 'returned') AND ${RANGE('completed_at')}`);
    expect(stageDepts.length).toBeGreaterThanOrEqual(3);
    for (const { department } of stageDepts) {
      const row = depts.find((r) => r.group === department)!;
      expectStages(row, one(sqlite, `SELECT ${STAGE_SQL} FROM order_stages WHERE status IN ('done', 'returned') AND department = ? AND ${RANGE('completed_at')}`, department));
    }
    for (const dept of DEPTS) {
      const row = depts.find((r) => r.group === (dept ?? '未转办'))!;
      expectForms(row, one(sqlite, `SELECT ${FORM_SQL} FROM request_forms f WHERE f.kind = 'resource' AND f.routed_dept IS ? AND ${RANGE('f.answered_at')}`, dept));
    }

    const stages = table(doc, 'stages').rows;
    expect(stages.map((r) => r.group)).toEqual(STAGES.map((s) => s[1]));
    for (const [key, name, , limit] of STAGES) {
      const row = stages.find((r) => r.group === name)!;
      const e = one<{ attempts: number; avg: number; ok: number; returns: number }>(
        sqlite,
        `SELECT ${STAGE_SQL} FROM order_stages WHERE status IN ('done', 'returned') AND stage_key = ? AND ${RANGE('completed_at')}`,
        key,
      );
      expectStages(row, e);
      expect(row.stageLimit).toBe(limit);
      expect(row.attemptReturnRate).toBeCloseTo(e.returns / e.attempts, 10);
    }
  });

  it('counts signed and renewed contracts by the month their term ends', () => {
    const sqlite = app.runtime.store.sqlite;
    const rows = table(doc, 'contracts').rows;
    for (const row of rows) {
      const e = one<{ n: number; renewed: number; amount: number }>(
        sqlite,
        `SELECT count(*) AS n, total(status = 'renewed') AS renewed, total(amount_fen) AS amount FROM contracts WHERE status IN ('signed', 'renewed') AND substr(end_date, 1, 7) = ?`,
        row.group,
      );
      expect(row).toMatchObject({ expiring: e.n, renewed: e.renewed, amountFen: e.amount });
    }
    expect(rows.reduce((a, r) => a + (r.expiring as number), 0)).toBeGreaterThan(5);
  });

  it("an account manager's report holds only their own orders, forms and contracts (worked out by hand)", async () => {
    const mine = await runReport(app, am2.token, 'green-kpis', { from: FROM, to: TO });
    // Two orders signed off: 600 min on time without a return, 1,200 min late with two returns.
    expect(figure(mine, '完成工单（客户签收）')).toBe(2);
    expect(figure(mine, '工单平均历时（端到端，工作时间）')).toBe(900);
    expect(figure(mine, '工单按时完成率（端到端）')).toBe(0.5);
    expect(figure(mine, '异常返单率')).toBe(0.5);
    expect(figure(mine, '每百单返单次数')).toBe(100);
    // Three stage passes (300 on time; 900 late and returned; the redo 100 on time).
    expect(figure(mine, '环节办理次数')).toBe(3);
    expect(figure(mine, '环节平均历时（工作时间）')).toBe(433.3);
    expect(figure(mine, '环节按时率')).toBeCloseTo(2 / 3, 10);
    expect(figure(mine, '资源确认单答复')).toBe(2);
    expect(figure(mine, '资源确认平均历时（工作时间）')).toBe(150);
    expect(figure(mine, '资源确认按时率')).toBe(0.5);
    // The signed contract ending in February and the renewed one ending in January; the draft is not counted.
    expect(figure(mine, '到期合同')).toBe(2);
    expect(table(mine, 'contracts').rows).toEqual([
      { group: '2025-12', expiring: 0, renewed: 0, amountFen: 0 },
      { group: '2026-01', expiring: 1, renewed: 1, amountFen: 800_000 },
      { group: '2026-02', expiring: 1, renewed: 0, amountFen: 1_200_000 },
    ]);
    const stages = table(mine, 'stages').rows;
    expect(stages.find((r) => r.group === '工程实施')).toMatchObject({ attempts: 2, attemptsReturned: 1, attemptReturnRate: 0.5, stageAvg: 500, stageOnTime: 0.5 });
    expect(mine.params).toContainEqual({ label: '客户经理', value: '测试accountmanager3' });

    // Asking for another manager's figures gives his own, with a note saying so.
    const other = await runReport(app, am2.token, 'green-kpis', { from: FROM, to: TO, manager: am1.userId });
    expect(figure(other, '完成工单（客户签收）')).toBe(2);
    expect(other.scopeNote).toBe('按您的权限范围显示：测试accountmanager3');
  });

  it("a leader can narrow the report to one account manager's orders", async () => {
    const sqlite = app.runtime.store.sqlite;
    const one1 = await runReport(app, leader, 'green-kpis', { from: FROM, to: TO, manager: am1.userId });
    const o = one<Expected>(sqlite, `SELECT ${ORDER_SQL} FROM work_orders WHERE status = 'closed' AND owner_id = ? AND ${RANGE('closed_at')}`, am1.userId);
    expect(figure(one1, '完成工单（客户签收）')).toBe(o.orders);
    const pool = await runReport(app, leader, 'green-kpis', { from: FROM, to: TO, manager: 'pool' });
    const p = one<Expected>(sqlite, `SELECT ${ORDER_SQL} FROM work_orders WHERE status = 'closed' AND owner_id IS NULL AND ${RANGE('closed_at')}`);
    expect(figure(pool, '完成工单（客户签收）')).toBe(p.orders);
    expect(o.orders + p.orders + 2).toBe(figure(doc, '完成工单（客户签收）'));
  });

  it('exports to Excel with a sheet per table and English labels for an English reader', async () => {
    const out = await app.call('reports.export', { reportId: 'green-kpis', params: { from: FROM, to: TO } }, leader, 'en');
    expect(out.fileName).toBe('Green channel KPIs-2025-12_2026-02.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'By month', 'By business type', 'By department', 'By stage', 'Contracts expiring by month']);
  });

  it('staff cannot run it', async () => {
    const staff = await app.signIn('staff');
    const r = await app.api.call('reports.run', { reportId: 'green-kpis', params: {} }, { token: staff.token });
    expect(r.ok).toBe(false);
  });
});

describe("the leader's dashboard", () => {
  it("shows this month's end-to-end on-time rate against last month's", async () => {
    const sqlite = app.runtime.store.sqlite;
    const d = await app.call('reports.dashboard', {}, leader);
    if (d.kind !== 'leader') throw new Error(d.kind);
    const rate = (month: string) =>
      one<{ ok: number | null }>(sqlite, `SELECT avg(on_time) AS ok FROM work_orders WHERE status = 'closed' AND ${MONTH('closed_at')} = ?`, month).ok;
    expect(rate('2026-02')).not.toBeNull();
    const tile = d.kpis.find((k) => k.key === 'orderOnTime')!;
    expect(tile.previous).toBeCloseTo(rate('2026-02')!, 10);
    if (rate('2026-03') === null) expect(tile.value).toBeNull();
    else expect(tile.value).toBeCloseTo(rate('2026-03')!, 10);
    expect(tile.route).toBe('/reports/green-kpis?from=2026-02&to=2026-03');
  });
});

describe('where orders wait (time in stage)', () => {
  it('counts the open attempts by stage and department as SQL does, returned orders with their account manager', async () => {
    const sqlite = app.runtime.store.sqlite;
    const doc = await runReport(app, leader, 'green-stage-wait', {});
    const byStage = all<{ name: string; n: number; accepted: number; overdue: number }>(
      sqlite,
      `SELECT s.name, count(*) AS n, total(s.status = 'accepted') AS accepted, total(s.due_at < '2026-03-02T01:30:00.000Z') AS overdue
       FROM order_stages s JOIN work_orders w ON w.id = s.order_id WHERE s.is_open = 1 AND w.is_open = 1 GROUP BY s.name`,
    );
    const rows = table(doc, 'stages').rows;
    for (const e of byStage) expect(rows.find((r) => r.group === e.name), e.name).toMatchObject({ open: e.n, accepted: e.accepted, overdue: e.overdue });
    const returned = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM work_orders WHERE status = 'returned' AND is_open = 1`).n;
    expect(returned).toBeGreaterThan(0);
    expect(rows.find((r) => r.group === '退回客户经理')).toMatchObject({ open: returned });
    expect(figure(doc, '在途停留工单')).toBe(byStage.reduce((a, e) => a + e.n, 0) + returned);
    expect(table(doc, 'departments').totals).toMatchObject({ open: figure(doc, '在途停留工单') });
  });

  it("an account manager sees their own waiting order, with the business time it has waited", async () => {
    const doc = await runReport(app, am2.token, 'green-stage-wait', {});
    expect(table(doc, 'stages').rows).toEqual([
      { group: '资源确认', open: 1, accepted: 0, overdue: 1, avgMinutes: 2880, maxMinutes: 2880 },
    ]);
    expect(table(doc, 'longest').rows).toHaveLength(1);
    expect(table(doc, 'longest').rows[0]).toMatchObject({ stage: '资源确认', department: '资源管理中心', minutes: 2880 });
  });
});
