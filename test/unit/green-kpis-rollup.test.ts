import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStages, requestForms, workOrders } from '../../src/main/db/schema';
import { writeSettings } from '../../src/main/services/settings/branch';
import { applyChanges } from '../../src/main/services/sync/apply';
import { deleteRow } from '../../src/main/services/write';
import { formatHlc } from '../../src/shared/hlc';
import { advance, openInstall, ordersWorld, passStage, person, type Order, type OrdersWorld, type Person } from './orders-fixtures';
import { all, figure, one, runReport, table } from './reports-helpers';

/**
 * The green-channel KPI report reads a per-month rollup (green_kpi_months, migration 0028) kept by
 * triggers. After every kind of write — an order opened, a stage accepted, completed, returned or
 * skipped, an order signed off or cancelled, a 资源确认单 answered, re-opened and answered again, rows
 * changed or first sent by headquarters (a form before its order), a tombstone and a hard delete — the
 * rollup must equal the same sums recomputed from the orders, attempts and forms themselves.
 */

let w: OrdersWorld;
let desk: Person;

const SUMS = 'n, returned, returns, minutes_sum, minutes_n, ok, ok_n, limit_sum';

/** The rollup's rows that hold something, keyed by their group. */
function rollup(): Record<string, number[]> {
  const rows = w.app.runtime.store.sqlite
    .prepare(`SELECT month || '|' || kind || '|' || business_type || '|' || department || '|' || stage_key || '|' || owner_id AS k, ${SUMS} FROM green_kpi_months`)
    .raw()
    .all() as [string, ...number[]][];
  const out: Record<string, number[]> = {};
  for (const [k, ...values] of rows) {
    // A group whose last row left keeps a row of zeros; it must hold nothing else.
    if (values[0] === 0) expect(values.every((v) => v === 0), `empty group ${k}`).toBe(true);
    else out[k] = values;
  }
  return out;
}

/** The same groups recomputed from the base tables, independently of the triggers. */
function recomputed(): Record<string, number[]> {
  const month = (col: string) => `strftime('%Y-%m', ${col}, '+8 hours')`;
  const rows = w.app.runtime.store.sqlite
    .prepare(
      `SELECT ${month('completed_at')} || '|stage|' || business_type || '|' || department || '|' || stage_key || '|' || coalesce(owner_id, '') AS k,
         count(*), count(CASE WHEN status = 'returned' THEN 1 END), 0, coalesce(sum(business_minutes), 0), count(business_minutes),
         count(CASE WHEN on_time = 1 THEN 1 END), count(on_time), sum(limit_minutes)
       FROM order_stages WHERE deleted = 0 AND status IN ('done', 'returned') AND completed_at IS NOT NULL GROUP BY 1
       UNION ALL
       SELECT ${month('closed_at')} || '|order|' || business_type || '|||' || coalesce(owner_id, '') AS k,
         count(*), count(CASE WHEN return_count > 0 THEN 1 END), sum(return_count), coalesce(sum(business_minutes), 0), count(business_minutes),
         count(CASE WHEN on_time = 1 THEN 1 END), count(on_time), 0
       FROM work_orders WHERE deleted = 0 AND status = 'closed' AND closed_at IS NOT NULL GROUP BY 1
       UNION ALL
       SELECT ${month('f.answered_at')} || '|form|' || coalesce(o.business_type, '') || '|' || coalesce(f.routed_dept, '') || '||' || f.drafter_id AS k,
         count(*), 0, 0, coalesce(sum(f.business_minutes), 0), count(f.business_minutes),
         count(CASE WHEN f.on_time = 1 THEN 1 END), count(f.on_time), 0
       FROM request_forms f LEFT JOIN work_orders o ON o.id = f.order_id
       WHERE f.deleted = 0 AND f.kind = 'resource' AND f.answered_at IS NOT NULL GROUP BY 1`,
    )
    .raw()
    .all() as [string, ...number[]][];
  return Object.fromEntries(rows.map(([k, ...values]) => [k, values]));
}

function expectRollupInStep(): void {
  expect(rollup()).toEqual(recomputed());
}

/** Rollup totals of a kind (n, returned, returns) over every group. */
function totals(kind: 'order' | 'stage' | 'form'): { n: number; returned: number } {
  return one(w.app.runtime.store.sqlite, 'SELECT total(n) AS n, total(returned) AS returned FROM green_kpi_months WHERE kind = ?', kind);
}

beforeAll(async () => {
  w = await ordersWorld();
  desk = await person(w.app, 'service_desk', '客户响应中心');
  // The tests move the clock by hours: sessions must outlast it.
  w.app.runtime.store.sqlite.transaction(() => writeSettings(w.app.ctx(), { sessionIdleMinutes: 60 * 24 * 30 }))();
});
afterAll(() => w.app.runtime.store.sqlite.close());

/** A 资源确认单 sent to the response centre, routed to 网络运维部 and answered. */
async function answeredForm(orderId: string | null) {
  let f = await w.app.call(
    'forms.create',
    { kind: 'resource', customerId: w.customer.id, orderId, title: '资源确认', content: '请确认光缆及端口资源。', important: false, submit: true },
    w.manager.token,
  );
  f = await w.app.call('forms.route', { id: f.id, dept: '网络运维部' }, desk.token);
  expectRollupInStep();
  await advance(w, 45);
  f = await w.app.call('forms.answer', { id: f.id, answer: '端口资源充足' }, w.network.token);
  expectRollupInStep();
  return f;
}

describe('the green-channel KPI rollup', () => {
  let signed: Order;
  let cancelled: Order;

  it('follows an order through accept, complete, return, skip and sign-off, and a cancelled one', async () => {
    expectRollupInStep();
    let o = await openInstall(w);
    expectRollupInStep();
    expect(totals('stage').n).toBe(0);
    o = await w.app.call('orders.stage.accept', { stageId: o.currentStageId! }, w.manager.token);
    expectRollupInStep();
    o = await passStage(w, o);
    expectRollupInStep();
    expect(totals('stage').n).toBe(1);
    o = await passStage(w, o);
    o = await passStage(w, o);
    expect(o.currentStageName).toBe('合同签订');
    // Back to 资源确认 from 合同签订: the returned attempt counts, the redo will count again.
    o = await w.app.call('orders.stage.return', { stageId: o.currentStageId!, toSeq: 2, reasonCode: 'no_resource', note: '端口不足' }, w.manager.token);
    expectRollupInStep();
    expect(totals('stage')).toEqual({ n: 4, returned: 1 });
    o = await passStage(w, o);
    // A skipped stage is left out of every figure.
    o = await w.app.call('orders.stage.skip', { stageId: o.currentStageId!, reason: '框架合同已覆盖' }, w.manager.token);
    expectRollupInStep();
    expect(totals('stage').n).toBe(5);
    while (o.currentStageName !== '客户签收') o = await passStage(w, o);
    expect(totals('order').n).toBe(0);
    await advance(w, 20);
    signed = await w.app.call('orders.signoff', { id: o.id, note: '客户已签字确认' }, w.manager.token);
    expect(signed.status).toBe('closed');
    expectRollupInStep();
    expect(totals('order')).toEqual({ n: 1, returned: 1 });

    cancelled = await openInstall(w);
    cancelled = await passStage(w, cancelled);
    cancelled = await w.app.call('orders.cancel', { id: cancelled.id, reason: '客户取消需求' }, w.manager.token);
    expectRollupInStep();
    expect(totals('order').n).toBe(1);
  });

  it('counts a 资源确认单 when answered, keeps it when re-opened and moves it when answered again', async () => {
    const linked = await answeredForm(signed.id);
    const alone = await answeredForm(null);
    expect(totals('form').n).toBe(2);
    const before = rollup();
    await w.app.call('forms.reopen', { id: linked.id, reason: '未说明预计开通时间' }, w.manager.token);
    expectRollupInStep();
    expect(rollup()).toEqual(before);
    await advance(w, 200);
    const again = await w.app.call('forms.answer', { id: linked.id, answer: '可以开通，预计 3 个工作日' }, w.network.token);
    expect(again.businessMinutes).not.toBe(linked.businessMinutes);
    expectRollupInStep();
    expect(totals('form').n).toBe(2);
    // The one with an order is grouped under its business type, the other under ''.
    const types = w.app.runtime.store.sqlite.prepare("SELECT business_type AS t FROM green_kpi_months WHERE kind = 'form' AND n > 0 ORDER BY 1").all();
    expect(types).toEqual([{ t: '' }, { t: 'install' }]);
    expect(alone.orderId).toBeNull();
  });

  it('takes in changes applied from headquarters: moved and retyped rows, and a form that arrives before its order', async () => {
    const sqlite = w.app.runtime.store.sqlite;
    // HQ's clocks run ahead of this device's, each change later than the one before.
    let counter = 0;
    const clocksOf = (cols: Record<string, unknown>) => {
      const hlc = formatHlc({ wall: w.app.clock.now().getTime() + 86_400_000, counter: counter++, node: 'hq' });
      return Object.fromEntries(Object.keys(cols).map((c) => [c, hlc]));
    };
    const apply = (changes: Parameters<typeof applyChanges>[1]) => {
      expect(sqlite.transaction(() => applyChanges(sqlite, changes))()).toMatchObject({ applied: changes.length, failed: 0 });
      expectRollupInStep();
    };
    const stage = sqlite.prepare("SELECT id FROM order_stages WHERE order_id = ? AND status = 'done' ORDER BY seq LIMIT 1").get(signed.id) as { id: string };
    const form = sqlite.prepare('SELECT * FROM request_forms WHERE order_id = ?').get(signed.id) as Record<string, unknown>;
    // An attempt moved to the previous month and another department; the order retyped (its form follows it).
    const stageCols = { completed_at: '2026-02-27T17:30:00.000Z', department: '网络运维部', on_time: 0 };
    const orderCols = { business_type: 'upgrade', return_count: 3, owner_id: w.otherManager.userId };
    apply([
      { table: 'order_stages', rowId: stage.id, cols: stageCols, clocks: clocksOf(stageCols) },
      { table: 'work_orders', rowId: signed.id, cols: orderCols, clocks: clocksOf(orderCols) },
    ]);
    expect(one(sqlite, "SELECT business_type AS t FROM green_kpi_months WHERE kind = 'form' AND business_type <> '' AND n > 0")).toEqual({ t: 'upgrade' });

    // Another branch's order and its form, published by HQ: the form comes first, its order on a later page.
    const order = sqlite.prepare('SELECT * FROM work_orders WHERE id = ?').get(signed.id) as Record<string, unknown>;
    const newOrder = '01900000-0000-7000-8000-00000000beef';
    const { id: _o, ...orderRow } = order;
    const hqOrder = { ...orderRow, number: 'HQ-GD-0001', business_type: 'relocate', closed_at: '2026-01-15T02:00:00.000Z' };
    const { id: _f, ...formRow } = form;
    const hqForm = { ...formRow, number: 'HQ-ZY-0001', order_id: newOrder, routed_dept: '资源管理中心' };
    apply([{ table: 'request_forms', rowId: '01900000-0000-7000-8000-00000000f00d', cols: hqForm, clocks: clocksOf(hqForm) }]);
    expect(one(sqlite, "SELECT total(n) AS n FROM green_kpi_months WHERE kind = 'form' AND business_type = '' AND department = '资源管理中心'")).toEqual({ n: 1 });
    apply([{ table: 'work_orders', rowId: newOrder, cols: hqOrder, clocks: clocksOf(hqOrder) }]);
    expect(one(sqlite, "SELECT total(n) AS n FROM green_kpi_months WHERE kind = 'form' AND business_type = 'relocate'")).toEqual({ n: 1 });
    expect(totals('order').n).toBe(2);

    // HQ cancels the signed order and re-opens the form (no answer yet): both leave the figures.
    const cancelCols = { status: 'cancelled' };
    const unanswered = { answered_at: null, business_minutes: null, on_time: null };
    apply([
      { table: 'work_orders', rowId: newOrder, cols: cancelCols, clocks: clocksOf(cancelCols) },
      { table: 'request_forms', rowId: form.id as string, cols: unanswered, clocks: clocksOf(unanswered) },
    ]);
    expect(totals('order').n).toBe(1);
  });

  it('drops tombstoned rows and hard-deleted ones', async () => {
    const sqlite = w.app.runtime.store.sqlite;
    const ctx = w.app.ctx();
    // The returned attempt (异常返单): its return leaves the figures with it.
    const stage = sqlite.prepare("SELECT id FROM order_stages WHERE order_id = ? AND status = 'returned'").get(signed.id) as { id: string };
    const form = sqlite.prepare("SELECT id FROM request_forms WHERE order_id IS NULL AND kind = 'resource'").get() as { id: string };
    const returnedBefore = totals('stage').returned;
    sqlite.transaction(() => {
      deleteRow(ctx, orderStages, stage.id);
      deleteRow(ctx, requestForms, form.id);
    })();
    expectRollupInStep();
    expect(totals('stage').returned).toBe(returnedBefore - 1);
    sqlite.transaction(() => deleteRow(ctx, workOrders, signed.id))();
    expectRollupInStep();
    expect(totals('order').n).toBe(0);
    // Hard deletes (not a write path of the app, but the rollup must not drift): an attempt, and the HQ order with its form.
    sqlite.prepare("DELETE FROM order_stages WHERE id = (SELECT id FROM order_stages WHERE status = 'done' AND deleted = 0 LIMIT 1)").run();
    expectRollupInStep();
    sqlite.prepare("DELETE FROM work_orders WHERE number = 'HQ-GD-0001'").run();
    expectRollupInStep();
    expect(one(sqlite, "SELECT total(n) AS n FROM green_kpi_months WHERE kind = 'form' AND business_type = ''")).toEqual({ n: 1 });
  });

  it('the report reads the rollup: its totals equal plain SQL, and groups whose rows all left are not printed', async () => {
    const sqlite = w.app.runtime.store.sqlite;
    const doc = await runReport(w.app, w.leader.token, 'green-kpis', { from: '2026-01', to: '2026-03' });
    const range = (col: string) => `strftime('%Y-%m', ${col}, '+8 hours') BETWEEN '2026-01' AND '2026-03'`;
    const s = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM order_stages WHERE deleted = 0 AND status IN ('done', 'returned') AND ${range('completed_at')}`);
    expect(s.n).toBeGreaterThan(5);
    expect(figure(doc, '环节办理次数')).toBe(s.n);
    const f = one<{ n: number }>(sqlite, `SELECT count(*) AS n FROM request_forms WHERE deleted = 0 AND kind = 'resource' AND ${range('answered_at')}`);
    expect(f.n).toBe(1);
    expect(figure(doc, '资源确认单答复')).toBe(f.n);
    expect(figure(doc, '完成工单（客户签收）')).toBe(0);
    // Groups whose rows all left (the retyped order's 扩容/提速, the HQ order's 移机) are not printed.
    const types = all<{ t: string }>(
      sqlite,
      `SELECT business_type AS t FROM order_stages WHERE deleted = 0 AND status IN ('done', 'returned') AND ${range('completed_at')}
       UNION SELECT business_type FROM work_orders WHERE deleted = 0 AND status = 'closed' AND ${range('closed_at')}
       UNION SELECT coalesce(o.business_type, '') FROM request_forms f LEFT JOIN work_orders o ON o.id = f.order_id
         WHERE f.deleted = 0 AND f.kind = 'resource' AND ${range('f.answered_at')}`,
    );
    expect(types.map((r) => r.t).sort()).toEqual(['', 'install']);
    expect(table(doc, 'types').rows.map((r) => r.group)).toEqual(['新装', '未关联工单']);
    for (const id of ['types', 'departments', 'stages']) {
      for (const row of table(doc, id).rows) expect(Number(row.orders ?? 0) + Number(row.attempts ?? 0) + Number(row.forms ?? 0), `${id} ${row.group}`).toBeGreaterThan(0);
    }
  });
});
