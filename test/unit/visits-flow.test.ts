import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVisitReminders } from '../../src/main/services/visits';
import { tableCounts } from './helpers';
import { addCustomer, callError } from './tickets-fixtures';
import { customerFiledOn, record, relogin, setToday, visitsWorld, type VisitsWorld } from './visits-fixtures';

/** Visits from plan to record (issue #14): completing, 补录, on time, moving, dropping, correcting, removing. */

let w: VisitsWorld;
beforeEach(async () => {
  w = await visitsWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

describe('recording a visit', () => {
  it('completes the planned visit it was planned as, with the due date read before the write and on time', async () => {
    const c = customerFiledOn(w.app, '2026-01-20', { ownerId: w.manager.userId, grade: 'key' }); // due 03-20
    const planned = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-02' }, w.manager.token);
    const done = await record(w, w.manager.token, {
      id: planned.id,
      visitDate: '2026-03-02',
      startTime: '10:00',
      durationMinutes: 90,
      contactIds: [c.contactId],
      participantIds: [w.leader.userId],
      outcome: '客户有意扩容至 500M',
      nextStep: '报送扩容方案',
      nextStepDate: '2026-03-06',
    });
    expect(done).toMatchObject({ id: planned.id, status: 'done', dueDate: '2026-03-20', onTime: true, lateEntry: false, source: 'added' });
    expect(done.contactsMet).toEqual([{ id: c.contactId, name: expect.any(String), title: '' }]);
    expect(done.participants.map((p) => p.id)).toEqual([w.leader.userId]);
    expect(done.recordedAt).toBe(new Date(w.app.clock.ms).toISOString());
    expect(done.actions).toEqual(['update', 'attach']);
  });

  it('for a customer with a visit planned that month completes that one instead of adding a row', async () => {
    const c = customerFiledOn(w.app, '2026-01-20', { ownerId: w.manager.userId, grade: 'key' });
    const planned = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-20' }, w.manager.token);
    const count = () => w.app.runtime.store.sqlite.prepare('SELECT count(*) FROM visits').pluck().get() as number;
    const before = count();
    const done = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-01' });
    expect(done.id).toBe(planned.id);
    expect(count()).toBe(before);
    const other = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-02-27' });
    expect(other).toMatchObject({ source: 'recorded', planId: null });
    expect(count()).toBe(before + 1);
  });

  it('is 补录 when written more than 7 days after the visit, and late when after the due date', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' }); // due 03-10
    setToday(w.app, '2026-03-18');
    const manager = { token: await relogin(w, w.manager.userId) };
    const seven = await record(w, manager.token, { customerId: c.id, kind: 'phone', visitDate: '2026-03-11' });
    expect(seven).toMatchObject({ lateEntry: false, dueDate: '2026-03-10', onTime: false });
    const eight = await record(w, manager.token, { customerId: c.id, visitDate: '2026-03-10' });
    expect(eight).toMatchObject({ lateEntry: true, dueDate: '2026-03-10', onTime: true });
    const list = await w.app.call('visits.list', { lateEntry: true }, manager.token);
    expect(list.rows.map((r) => r.id)).toEqual([eight.id]);
  });

  it('refuses key people of another customer and a day still ahead, naming the field, and writes nothing', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    const other = addCustomer(w.app, { ownerId: w.manager.userId });
    const before = tableCounts(w.app.runtime);
    const wrong = await callError(w.app, 'visits.record', { customerId: c.id, kind: 'onsite', visitDate: '2026-03-01', purpose: '回访', contactIds: [other.contactId] }, w.manager.token);
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toContain('会见的客户关键人');
    const future = await callError(w.app, 'visits.record', { customerId: c.id, kind: 'onsite', visitDate: '2026-03-03', purpose: '回访' }, w.manager.token);
    expect(future.message).toContain('2026-03-03');
    const empty = await callError(w.app, 'visits.record', { customerId: c.id, kind: 'onsite', visitDate: '2026-03-01', purpose: '' }, w.manager.token, 'en');
    expect(empty.message).toContain('Purpose');
    const both = await callError(w.app, 'visits.record', { kind: 'onsite', visitDate: '2026-03-01', purpose: '回访' }, w.manager.token);
    expect(both.message).toContain('客户');
    expect(tableCounts(w.app.runtime)).toEqual(before);
  });
});

describe('changing a visit', () => {
  it('moves and drops only planned visits, saying what is allowed', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    const planned = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-10' }, w.manager.token);
    const moved = await w.app.call('visits.move', { id: planned.id, visitDate: '2026-03-12', startTime: '15:00' }, w.manager.token);
    expect(moved).toMatchObject({ visitDate: '2026-03-12', startTime: '15:00' });
    expect((await callError(w.app, 'visits.move', { id: planned.id, visitDate: '2026-02-27' }, w.manager.token)).code).toBe('VALIDATION');
    const dropped = await w.app.call('visits.drop', { id: planned.id, reason: '客户临时出差' }, w.manager.token);
    expect(dropped).toMatchObject({ status: 'dropped', dropReason: '客户临时出差', actions: ['attach'] });
    const refused = await callError(w.app, 'visits.move', { id: planned.id, visitDate: '2026-03-13' }, w.manager.token);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('已取消');

    const done = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02' });
    const noDrop = await callError(w.app, 'visits.drop', { id: done.id, reason: '误操作' }, w.manager.token);
    expect(noDrop.message).toContain('修改');
  });

  it('corrects a record; a changed day recomputes 补录 and on time', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' }); // due 03-10
    const done = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02' });
    const updated = await w.app.call('visits.update', { id: done.id, visitDate: '2026-02-20', outcome: '已签订扩容意向书', kind: 'inbound' }, w.manager.token);
    expect(updated).toMatchObject({ visitDate: '2026-02-20', outcome: '已签订扩容意向书', kind: 'inbound', lateEntry: true, onTime: true });
    const planned = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-20' }, w.manager.token);
    expect((await callError(w.app, 'visits.update', { id: planned.id, outcome: 'x' }, w.manager.token)).code).toBe('CONFLICT');
  });

  it('is removed by its account manager while planned or on the day it was recorded; later only by a leader', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    const planned = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-10' }, w.manager.token);
    await w.app.call('visits.remove', { id: planned.id }, w.manager.token);
    expect((await callError(w.app, 'visits.get', { id: planned.id }, w.manager.token)).code).toBe('NOT_FOUND');
    const today = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02' });
    await w.app.call('visits.remove', { id: today.id }, w.manager.token);
    const old = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-01' });
    // Recorded by the leader: not the manager's to delete, even the same day.
    const byLeader = await record(w, w.leader.token, { customerId: c.id, visitDate: '2026-02-28' });
    expect(byLeader.ownerId).toBe(w.manager.userId);
    expect((await callError(w.app, 'visits.remove', { id: byLeader.id }, w.manager.token)).code).toBe('CONFLICT');
    w.app.clock.advanceMinutes(24 * 60);
    const manager = await relogin(w, w.manager.userId);
    const refused = await callError(w.app, 'visits.remove', { id: old.id }, manager);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(old.number);
    await w.app.call('visits.remove', { id: old.id }, await relogin(w, w.leader.userId));
  });
});

describe('what a visit leads to', () => {
  it('tickets and work orders opened from a visit show on it, with its attachments', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    const v = await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02', needs: '分支机构需新装专线；现网偶有丢包' });
    const ticket = await w.app.call('tickets.create', { kind: 'fault', customerId: c.id, title: '现网偶有丢包', impact: 'minor', visitId: v.id }, w.manager.token);
    const order = await w.app.call('orders.create', { customerId: c.id, businessType: 'install', products: [{ product: '互联网专线 100M', quantity: 1 }], visitId: v.id }, w.manager.token);
    const other = addCustomer(w.app, { ownerId: w.manager.userId });
    const mismatch = await callError(w.app, 'tickets.create', { kind: 'fault', customerId: other.id, title: '丢包', impact: 'minor', visitId: v.id }, w.manager.token);
    expect(mismatch.code).toBe('VALIDATION');
    const file = await w.app.call('visits.attachments.add', { visitId: v.id, fileName: '现场照片.jpg', mimeType: 'image/jpeg', base64: Buffer.from('jpeg').toString('base64') }, w.manager.token);
    const detail = await w.app.call('visits.get', { id: v.id }, w.desk.token);
    expect(detail.tickets).toEqual([{ id: ticket.id, number: ticket.number }]);
    expect(detail.orders).toEqual([{ id: order.id, number: order.number }]);
    expect(detail.attachments.map((a) => a.fileName)).toEqual(['现场照片.jpg']);
    expect(detail.actions).toEqual([]);
    expect((await w.app.call('visits.attachments.get', { id: file.id }, w.leader.token)).base64).toBe(Buffer.from('jpeg').toString('base64'));
    expect((await callError(w.app, 'visits.attachments.get', { id: file.id }, w.otherManager.token)).code).toBe('NOT_FOUND');
  });

  it('a next step is reminded to the owner once, on its day', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key', name: '内蒙古伊泰煤炭股份有限公司' });
    await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02', nextStep: '报送扩容方案', nextStepDate: '2026-03-04' });
    const run = () => w.app.runtime.store.sqlite.transaction(() => runVisitReminders({ ...w.app.ctx(), method: 'system.visitReminders' }))();
    setToday(w.app, '2026-03-03');
    expect(run().reminded).toBe(0);
    setToday(w.app, '2026-03-04', '08:00');
    expect(run().reminded).toBe(1);
    expect(run().reminded).toBe(0);
    const mine = w.app.runtime.store.sqlite.prepare("SELECT user_id, params FROM notifications WHERE kind = 'visit_next_step'").all() as { user_id: string; params: string }[];
    expect(mine).toHaveLength(1);
    expect(mine[0]!.user_id).toBe(w.manager.userId);
    expect(JSON.parse(mine[0]!.params)).toMatchObject({ customer: '内蒙古伊泰煤炭股份有限公司', step: '报送扩容方案' });
  });

  it('done and dropped visits are on the customer 360 timeline, in the viewer\'s language', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02', startTime: '10:00', purpose: '年度合作回顾' });
    const planned = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-20' }, w.manager.token);
    await w.app.call('visits.drop', { id: planned.id, reason: '客户搬迁' }, w.manager.token);
    const zh = (await w.app.call('customers.get', { id: c.id }, w.manager.token)).timeline;
    const visits = zh.filter((e) => e.source === 'visit');
    expect(visits.map((e) => e.kind).sort()).toEqual(['done', 'dropped']);
    expect(visits.find((e) => e.kind === 'done')).toMatchObject({ title: expect.stringContaining('客户走访'), at: '2026-03-02T02:00:00.000Z' });
    const en = (await w.app.call('customers.get', { id: c.id }, w.manager.token, 'en')).timeline;
    expect(en.find((e) => e.source === 'visit' && e.kind === 'done')?.title).toContain('On-site visit');
  });
});
