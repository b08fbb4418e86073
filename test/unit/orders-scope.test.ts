import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCustomer, callError } from './tickets-fixtures';
import { openInstall, ordersWorld, passStage, person, type OrdersWorld } from './orders-fixtures';

let w: OrdersWorld;

beforeEach(async () => {
  w = await ordersWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

describe('who sees and works an order', () => {
  it('an account manager sees his customers\' orders and not another manager\'s', async () => {
    const o = await openInstall(w);
    expect((await w.app.call('orders.list', {}, w.manager.token)).rows.map((r) => r.id)).toEqual([o.id]);
    expect((await w.app.call('orders.list', {}, w.otherManager.token)).total).toBe(0);
    expect((await callError(w.app, 'orders.get', { id: o.id }, w.otherManager.token)).code).toBe('NOT_FOUND');
    expect((await callError(w.app, 'orders.cancel', { id: o.id, reason: '试试' }, w.otherManager.token)).code).toBe('NOT_FOUND');
    const export_ = await w.app.call('orders.export', {}, w.otherManager.token);
    expect(export_.rowCount).toBe(0);
    // Nor may he open an order for a customer he is not 第一责任人 of.
    const err = await callError(w.app, 'orders.create', { customerId: w.customer.id, businessType: 'install', products: [{ product: '专线', quantity: 1 }] }, w.otherManager.token);
    expect(err.code).toBe('NOT_FOUND');
  });

  it('staff see the orders that reached their department and act only on its stages', async () => {
    let o = await openInstall(w);
    o = await passStage(w, o);
    // At 业务受理 (客户响应中心): the network department has had nothing to do with it yet.
    expect((await callError(w.app, 'orders.get', { id: o.id }, w.network.token)).code).toBe('NOT_FOUND');
    expect((await callError(w.app, 'orders.stage.accept', { stageId: o.currentStageId }, w.network.token)).code).toBe('NOT_FOUND');
    expect((await w.app.call('orders.list', {}, w.network.token)).total).toBe(0);
    o = await passStage(w, o);
    expect((await w.app.call('orders.get', { id: o.id }, w.network.token)).actions).toContain('complete');
    o = await passStage(w, o);
    // At 合同签订 (the account manager's): the network engineer still sees it, but cannot act.
    const seen = await w.app.call('orders.get', { id: o.id }, w.network.token);
    expect(seen.actions).toEqual(['attach']);
    const refused = await callError(w.app, 'orders.stage.complete', { stageId: o.currentStageId, result: '代签' }, w.network.token);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('合同签订');
    expect((await w.app.call('orders.list', {}, w.network.token)).total).toBe(1);
    // Nor may staff cancel or edit an order.
    expect((await callError(w.app, 'orders.update', { id: o.id, notes: '改' }, w.network.token)).code).toBe('FORBIDDEN');
  });

  it('the service desk works the stages of its own department; a leader works any stage', async () => {
    const desk = await person(w.app, 'service_desk', '客户响应中心');
    let o = await openInstall(w);
    o = await passStage(w, o);
    o = await w.app.call('orders.stage.accept', { stageId: o.currentStageId! }, desk.token);
    expect(o.currentHolderId).toBe(desk.userId);
    o = await w.app.call('orders.stage.complete', { stageId: o.currentStageId!, result: '已受理' }, desk.token);
    expect((await callError(w.app, 'orders.stage.complete', { stageId: o.currentStageId, result: 'x' }, desk.token)).code).toBe('FORBIDDEN');
    o = await w.app.call('orders.stage.complete', { stageId: o.currentStageId!, result: '资源已确认（领导代办）' }, w.leader.token);
    expect(o.currentStageName).toBe('合同签订');
  });

  it('a customer\'s 360 section lists its orders, open first', async () => {
    const closedOne = await openInstall(w);
    await w.app.call('orders.cancel', { id: closedOne.id, reason: '重复下单' }, w.manager.token);
    const open = await openInstall(w);
    addCustomer(w.app, { ownerId: w.manager.userId });
    const page = await w.app.call('orders.forCustomer', { customerId: w.customer.id }, w.manager.token);
    expect(page.rows.map((r) => r.id)).toEqual([open.id, closedOne.id]);
    expect((await w.app.call('orders.forCustomer', { customerId: w.customer.id }, w.otherManager.token)).total).toBe(0);
  });
});
