import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { greenTimelineForCustomer } from '../../src/main/services/green/events';
import { tableCounts } from './helpers';
import { callError } from './tickets-fixtures';
import { openInstall, ordersWorld, passStage, SERVICES, workerOf, type OrdersWorld } from './orders-fixtures';

let w: OrdersWorld;

beforeEach(async () => {
  w = await ordersWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

describe('a 新装 order through every stage', () => {
  it('is opened with a GD number, the template snapshot and the first stage due in business time', async () => {
    const o = await openInstall(w);
    expect(o.number).toMatch(/^KAM-GD-2603-[0-9A-F]{4}-0001$/);
    expect(o.status).toBe('in_progress');
    expect(o.stages.map((s) => s.name)).toEqual(['需求确认', '业务受理', '资源确认', '合同签订', '工程实施', '业务开通', '客户签收']);
    expect(o.templateVersion).toBe(1);
    expect(o.currentStageName).toBe('需求确认');
    expect(o.currentDept).toBe('客户经理');
    // The owner holds his own stage from the start.
    expect(o.currentHolderId).toBe(w.manager.userId);
    expect(o.stages[0]!.attempts).toHaveLength(1);
    // Opened Monday 2026-03-02 09:30 Shanghai: 450 business minutes later is Tuesday 09:30.
    expect(o.stageDueAt).toBe('2026-03-03T01:30:00.000Z');
    expect(o.planMinutes).toBe(o.stages.reduce((s, x) => s + x.limitMinutes, 0));
    expect(o.actions).toEqual(expect.arrayContaining(['accept', 'complete', 'return', 'update', 'cancel', 'attach']));
    expect(o.events.map((e) => e.kind)).toEqual(['created', 'stage_entered']);
  });

  it('passes every stage, writes the activated services on the customer and is archived at sign-off', async () => {
    let o = await openInstall(w);
    for (let i = 0; i < 6; i++) o = await passStage(w, o, 20);
    expect(o.currentStageName).toBe('客户签收');
    expect(o.activatedAt).not.toBeNull();
    const services = w.app.runtime.store.sqlite
      .prepare("SELECT product, service_no AS serviceNo, bandwidth, monthly_fee_fen AS fee, start_date AS startDate FROM service_instances WHERE customer_id = ? AND service_no = 'ZX-0471-88001'")
      .all(w.customer.id);
    expect(services).toEqual([{ product: SERVICES[0]!.product, serviceNo: 'ZX-0471-88001', bandwidth: '100M', fee: 380_000, startDate: '2026-03-20' }]);
    // The network engineer who activated it cannot sign off; the owner can.
    expect(o.actions).toEqual(['attach']);
    expect((await w.app.call('orders.get', { id: o.id }, w.manager.token)).actions).toContain('signoff');
    w.app.clock.advanceMinutes(20);
    o = await w.app.call('orders.signoff', { id: o.id, note: '客户已签字确认' }, w.manager.token);
    expect(o.status).toBe('closed');
    expect(o.currentStageId).toBeNull();
    // 7 stages × 20 minutes from Monday 09:30, all before the lunch break.
    expect(o.businessMinutes).toBe(140);
    expect(o.onTime).toBe(true);
    expect(o.slaState).toBe('met');
    expect(o.stages.every((s) => s.state === 'done' && s.attempts[0]!.slaState === 'met')).toBe(true);
    expect(o.actions).toEqual(['attach']);
    const timeline = greenTimelineForCustomer({ ...w.app.ctx(), locale: 'zh-CN' }, w.customer.id);
    expect(timeline.map((e) => e.kind)).toContain('signed_off');
    expect(timeline.find((e) => e.kind === 'activated')!.title).toContain('ZX-0471-88001');
  });

  it('refuses 业务开通 without the services, naming what to fill in, and writes nothing', async () => {
    let o = await openInstall(w);
    for (let i = 0; i < 5; i++) o = await passStage(w, o);
    expect(o.currentStageName).toBe('业务开通');
    const before = tableCounts(w.app.runtime);
    const err = await callError(w.app, 'orders.stage.complete', { stageId: o.currentStageId, result: '已开通' }, w.network.token);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('业务号码');
    expect(tableCounts(w.app.runtime)).toEqual(before);
  });

  it('lets a skippable stage be skipped with a reason and refuses skipping a required one', async () => {
    let o = await openInstall(w);
    o = await passStage(w, o);
    const err = await callError(w.app, 'orders.stage.skip', { stageId: o.currentStageId, reason: '不需要' }, w.centre.token);
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('业务受理');
    o = await passStage(w, o);
    o = await passStage(w, o);
    expect(o.currentStageName).toBe('合同签订');
    o = await w.app.call('orders.stage.skip', { stageId: o.currentStageId!, reason: '框架合同已覆盖' }, w.manager.token);
    expect(o.stages[3]!.state).toBe('skipped');
    expect(o.currentStageName).toBe('工程实施');
  });

  it('says what is allowed when a stage action no longer applies', async () => {
    const o = await openInstall(w);
    const first = o.currentStageId!;
    await passStage(w, o);
    const err = await callError(w.app, 'orders.stage.accept', { stageId: first }, w.manager.token);
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('需求确认');
    expect(err.message).toContain('现在可以');
  });

  it('cancels an open order with a reason, ending the open attempt', async () => {
    let o = await openInstall(w);
    o = await passStage(w, o);
    o = await w.app.call('orders.cancel', { id: o.id, reason: '客户取消需求' }, w.manager.token);
    expect(o.status).toBe('cancelled');
    expect(o.cancelReason).toBe('客户取消需求');
    expect(o.stages[1]!.attempts[0]!.status).toBe('cancelled');
    const counts = await w.app.call('orders.queue.counts', {}, w.centre.token);
    expect(counts.department).toBe(0);
    const err = await callError(w.app, 'orders.cancel', { id: o.id, reason: '再取消' }, w.manager.token);
    expect(err.code).toBe('CONFLICT');
  });

  it('creates once for a repeated idempotency key', async () => {
    const input = { customerId: w.customer.id, businessType: 'install', products: [{ product: '互联网专线', quantity: 1 }] };
    const first = await w.app.api.call('orders.create', input, { token: w.manager.token, idempotencyKey: 'order-key-0001' });
    const again = await w.app.api.call('orders.create', input, { token: w.manager.token, idempotencyKey: 'order-key-0001' });
    expect(first.ok && again.ok).toBe(true);
    if (first.ok && again.ok) expect((again.data as { id: string }).id).toBe((first.data as { id: string }).id);
    expect((w.app.runtime.store.sqlite.prepare('SELECT count(*) AS n FROM work_orders').get() as { n: number }).n).toBe(1);
  });

  it('names the field of bad input and writes nothing', async () => {
    const before = tableCounts(w.app.runtime);
    const err = await callError(
      w.app,
      'orders.create',
      { customerId: w.customer.id, businessType: 'install', products: [{ product: '专线', quantity: 0 }], expectedDate: '3月31日' },
      w.manager.token,
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('数量');
    expect(err.message).toContain('期望开通日期');
    expect(tableCounts(w.app.runtime)).toEqual(before);
  });

  it('tells the next department when the order reaches it', async () => {
    let o = await openInstall(w);
    o = await passStage(w, o);
    const n = await w.app.call('notifications.list', { unreadOnly: true }, w.centre.token);
    expect(n.rows.map((r) => r.kind)).toContain('order_stage');
    expect(workerOf(w, o.stages[o.currentSeq!]!.key)).toBe(w.centre);
  });
});
