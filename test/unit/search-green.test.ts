import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../src/shared/contract/system';
import { signedInput } from './contracts-fixtures';
import { openInstall, ordersWorld, passStage, person, type OrdersWorld, type Person } from './orders-fixtures';
import { addCustomer, callError } from './tickets-fixtures';

/**
 * The green channel in Ctrl+K (issue #18, MODULES.md "found by the header's Ctrl+K search"): work
 * orders, contracts and request forms are found by a number fragment and by a word of their title or
 * customer right after the write commits, in their own group, and only by those whose own page would
 * show them.
 */

async function world(): Promise<OrdersWorld> {
  const w = await ordersWorld();
  w.customer = addCustomer(w.app, { name: '鄂尔多斯伊泰煤炭集团', ownerId: w.manager.userId });
  return w;
}

/** The ids Ctrl+K shows `who` in the group of `kind`. */
async function found(w: OrdersWorld, who: Person, query: string, kind: SearchHit['kind']): Promise<string[]> {
  const hits = await w.app.call('search.global', { query }, who.token);
  return hits.filter((h) => h.kind === kind).map((h) => h.id);
}

/** The number's last two parts ("…-1A2B-0001"), a fragment people type. */
const fragment = (number: string) => number.split('-').slice(-2).join('-');

describe('Ctrl+K finds the green channel', () => {
  it('work orders: by number and customer, for their account manager and the departments they passed through', async () => {
    const w = await world();
    let order = await openInstall(w, { notes: '新建数据中心机房' });
    expect(await found(w, w.manager, fragment(order.number), 'order')).toEqual([order.id]);
    expect(await found(w, w.manager, '伊泰', 'order')).toEqual([order.id]);
    expect(await found(w, w.manager, '数据中心', 'order')).toEqual([order.id]);
    const [hit] = (await w.app.call('search.global', { query: '伊泰' }, w.manager.token)).filter((h) => h.kind === 'order');
    expect(hit).toMatchObject({ route: `/green/orders/${order.id}`, title: '鄂尔多斯伊泰煤炭集团', match: { field: 'customer' } });
    expect(hit!.subtitle).toContain(order.number);
    // Another account manager, and a department the order has not reached, see nothing (orders.get: NOT_FOUND).
    expect(await found(w, w.otherManager, '伊泰', 'order')).toEqual([]);
    expect(await callError(w.app, 'orders.get', { id: order.id }, w.otherManager.token)).toMatchObject({ code: 'NOT_FOUND' });
    // Stage by stage (需求确认 by the account manager, then 客户响应中心, then 网络运维部 …) each department
    // finds the order once it reaches them, and keeps finding it after it moves on.
    expect(await found(w, w.centre, '伊泰', 'order')).toEqual([]);
    order = await passStage(w, order);
    expect(order.currentDept).toBe('客户响应中心');
    expect(await found(w, w.centre, '伊泰', 'order')).toEqual([order.id]);
    expect(await found(w, w.network, '伊泰', 'order')).toEqual([]);
    order = await passStage(w, order);
    expect(await found(w, w.network, '伊泰', 'order')).toEqual([order.id]);
    order = await passStage(w, order);
    expect(order.currentDept).not.toBe('网络运维部');
    expect(await found(w, w.network, '伊泰', 'order')).toEqual([order.id]);
    expect(await found(w, w.centre, '伊泰', 'order')).toEqual([order.id]);
    expect(await found(w, w.engineer, '伊泰', 'order')).toEqual([]);
    // A cancelled order stays on record (its page still opens), so it is still found.
    await w.app.call('orders.cancel', { id: order.id, reason: '客户暂缓建设' }, w.manager.token);
    expect(await found(w, w.manager, fragment(order.number), 'order')).toEqual([order.id]);
    // A transfer of the customer gives the new owner its orders (the order's own owner keeps it too).
    await w.app.call('customers.transfer', { ids: [w.customer.id], toOwnerId: w.otherManager.userId, reason: '调整' }, w.leader.token);
    expect(await found(w, w.otherManager, '伊泰', 'order')).toEqual([order.id]);
    expect(await found(w, w.manager, '伊泰', 'order')).toEqual([order.id]);
  });

  it('contracts: by number, title and customer, for the customer’s account manager; terminated ones stay found', async () => {
    const w = await world();
    const k = await w.app.call(
      'contracts.create',
      signedInput(w.customer.id, { start: '2026-03-01', end: '2027-02-28', title: '伊泰园区专线租用合同' }),
      w.manager.token,
    );
    expect(await found(w, w.manager, fragment(k.number), 'contract')).toEqual([k.id]);
    expect(await found(w, w.manager, '专线租用', 'contract')).toEqual([k.id]);
    expect(await found(w, w.manager, '鄂尔多斯', 'contract')).toEqual([k.id]);
    const [hit] = (await w.app.call('search.global', { query: '专线租用' }, w.manager.token)).filter((h) => h.kind === 'contract');
    expect(hit).toMatchObject({ title: '伊泰园区专线租用合同', route: `/green/contracts/${k.id}` });
    expect(await found(w, w.otherManager, '专线租用', 'contract')).toEqual([]);
    expect(await found(w, w.network, '专线租用', 'contract')).toEqual([]);
    expect(await found(w, w.centre, '专线租用', 'contract')).toEqual([]);
    await w.app.call('contracts.terminate', { id: k.id, reason: '客户搬迁' }, w.manager.token);
    expect(await found(w, w.manager, '专线租用', 'contract')).toEqual([k.id]);
    // Contracts are seen through their customer: a transfer moves them, a rename is found at once.
    await w.app.call('customers.transfer', { ids: [w.customer.id], toOwnerId: w.otherManager.userId, reason: '调整' }, w.leader.token);
    expect(await found(w, w.otherManager, '专线租用', 'contract')).toEqual([k.id]);
    expect(await found(w, w.manager, '专线租用', 'contract')).toEqual([]);
    await w.app.call('customers.update', { id: w.customer.id, name: '准格尔旗能源有限公司' }, w.leader.token);
    expect(await found(w, w.otherManager, '准格尔', 'contract')).toEqual([k.id]);
    expect(await found(w, w.otherManager, '鄂尔多斯', 'contract')).toEqual([]);
  });

  it('request forms: by number, title and customer, for the drafter and the centre it was sent to; withdrawn ones stay with the drafter', async () => {
    const w = await world();
    const f = await w.app.call(
      'forms.create',
      { kind: 'resource', customerId: w.customer.id, title: '新园区光缆资源确认', content: '请确认光缆及端口资源。', important: false },
      w.manager.token,
    );
    expect(f.status).toBe('draft');
    expect(await found(w, w.manager, fragment(f.number), 'form')).toEqual([f.id]);
    expect(await found(w, w.manager, '光缆资源', 'form')).toEqual([f.id]);
    expect(await found(w, w.manager, '伊泰', 'form')).toEqual([f.id]);
    const [hit] = (await w.app.call('search.global', { query: '光缆资源' }, w.manager.token)).filter((h) => h.kind === 'form');
    expect(hit).toMatchObject({ title: '新园区光缆资源确认', route: `/green/forms/${f.id}` });
    // A draft is the drafter's alone; sent, the response centre finds it too.
    expect(await found(w, w.centre, '光缆资源', 'form')).toEqual([]);
    await w.app.call('forms.submit', { id: f.id }, w.manager.token);
    expect(await found(w, w.centre, '光缆资源', 'form')).toEqual([f.id]);
    expect(await found(w, w.otherManager, '光缆资源', 'form')).toEqual([]);
    expect(await found(w, w.network, '光缆资源', 'form')).toEqual([]);
    await w.app.call('forms.withdraw', { id: f.id, reason: '需求变更' }, w.manager.token);
    expect(await found(w, w.manager, '光缆资源', 'form')).toEqual([f.id]);
    expect(await w.app.call('forms.get', { id: f.id }, w.manager.token)).toMatchObject({ status: 'withdrawn' });
  });

  it('request forms awaiting approval: found by the approver’s deputy of the day, then by the department they are routed to', async () => {
    const w = await world();
    const head = await person(w.app, 'leader', '大客户发展中心');
    await w.app.call('forms.deputies.set', { deputyId: w.otherManager.userId, fromDate: '2026-03-02', toDate: '2026-03-02' }, head.token);
    const f = await w.app.call(
      'forms.create',
      { kind: 'contact', customerId: w.customer.id, title: '伊泰专线割接协调', content: '请协调夜间割接窗口。', important: true, submit: true },
      w.manager.token,
    );
    expect(f).toMatchObject({ status: 'pending_approval', approverId: head.userId });
    expect(await found(w, w.otherManager, '割接协调', 'form')).toEqual([f.id]);
    expect(await found(w, w.centre, '割接协调', 'form')).toEqual([]);
    await w.app.call('forms.approve', { id: f.id, comment: '同意' }, head.token);
    expect(await found(w, w.otherManager, '割接协调', 'form')).toEqual([]);
    expect(await found(w, w.centre, '割接协调', 'form')).toEqual([f.id]);
    expect(await found(w, w.network, '割接协调', 'form')).toEqual([]);
    await w.app.call('forms.route', { id: f.id, dept: '网络运维部' }, w.centre.token);
    expect(await found(w, w.network, fragment(f.number), 'form')).toEqual([f.id]);
  });
});
