import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignDays } from '../../src/main/services/visits/plans';
import { callError } from './tickets-fixtures';
import { customerFiledOn, setToday, visitsWorld, type VisitsWorld } from './visits-fixtures';

/** Monthly visit plans (issue #14): who is due, on which working day, topped up idempotently, submitted and reviewed. */

let w: VisitsWorld;
beforeEach(async () => {
  w = await visitsWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('generating a month\'s plan', () => {
  it('plans every due customer of the owner once, overdue ones first, on working days before the due date', async () => {
    // Today is Monday 2026-03-02.
    const overdue = customerFiledOn(w.app, '2026-01-20', { ownerId: w.manager.userId, grade: 'strategic' }); // due 02-20
    const dueSunday = customerFiledOn(w.app, '2026-01-29', { ownerId: w.manager.userId, grade: 'key' }); // due 03-29, a Sunday
    customerFiledOn(w.app, '2026-01-05', { ownerId: w.manager.userId, grade: 'vip' }); // due 04-05: not this month
    customerFiledOn(w.app, '2025-01-05', { ownerId: w.manager.userId, grade: 'normal' }); // never due
    customerFiledOn(w.app, '2026-01-20', { ownerId: w.otherManager.userId, grade: 'strategic' }); // someone else's

    const before = await w.app.call('visits.plan.get', { month: '2026-03' }, w.manager.token);
    expect(before.id).toBeNull();
    expect(before.unplannedDue.map((u) => u.customerId)).toEqual([overdue.id, dueSunday.id]);

    const plan = await w.app.call('visits.plan.generate', { month: '2026-03' }, w.manager.token);
    expect(plan.status).toBe('draft');
    expect(plan.unplannedDue).toEqual([]);
    const byCustomer = new Map(plan.items.map((i) => [i.customerId, i]));
    expect(plan.items).toHaveLength(2);
    expect(byCustomer.get(overdue.id)).toMatchObject({ visitDate: '2026-03-02', dueDate: '2026-02-20', status: 'planned', source: 'generated', kind: 'onsite' });
    // Due on a Sunday: planned for the Friday before.
    expect(byCustomer.get(dueSunday.id)).toMatchObject({ visitDate: '2026-03-27', dueDate: '2026-03-29' });
    for (const i of plan.items) expect(i.number).toMatch(/-ZF-2603-[0-9A-F]{4}-\d{4}$/);

    const again = await w.app.call('visits.plan.generate', { month: '2026-03' }, w.manager.token);
    expect(again.items.map((i) => i.id).sort()).toEqual(plan.items.map((i) => i.id).sort());
    expect(again.id).toBe(plan.id);
  });

  it('uses the branch calendar\'s holidays and 调休 workdays', async () => {
    const qingming = customerFiledOn(w.app, '2026-02-06', { ownerId: w.manager.userId, grade: 'key' }); // due Mon 04-06, 清明 holiday
    const labour = customerFiledOn(w.app, '2026-03-10', { ownerId: w.manager.userId, grade: 'key' }); // due Sun 05-10; Sat 05-09 is a 调休 workday
    const april = await w.app.call('visits.plan.generate', { month: '2026-04' }, w.manager.token);
    expect(april.items.map((i) => [i.customerId, i.visitDate])).toEqual([[qingming.id, '2026-04-03']]);
    const may = await w.app.call('visits.plan.generate', { month: '2026-05' }, w.manager.token);
    expect(may.items.find((i) => i.customerId === labour.id)?.visitDate).toBe('2026-05-09');
  });

  it('spreads visits so no day holds more than four while earlier working days are free', async () => {
    for (let i = 0; i < 10; i++) customerFiledOn(w.app, '2026-01-25', { ownerId: w.manager.userId, grade: 'key' }); // all due Wed 03-25
    const plan = await w.app.call('visits.plan.generate', { month: '2026-03' }, w.manager.token);
    const perDay = new Map<string, number>();
    for (const i of plan.items) perDay.set(i.visitDate, (perDay.get(i.visitDate) ?? 0) + 1);
    expect(Object.fromEntries(perDay)).toEqual({ '2026-03-25': 4, '2026-03-24': 4, '2026-03-23': 2 });
    for (const d of perDay.keys()) expect([0, 6]).not.toContain(weekday(d));
    // When every allowed day is full the least loaded one takes more.
    expect(assignDays(['2026-03-03', '2026-03-03'], ['2026-03-02', '2026-03-03'], new Map([['2026-03-02', 4], ['2026-03-03', 5]]), '2026-03-02')).toEqual([
      '2026-03-02',
      '2026-03-03',
    ]);
  });

  it('does not plan a month that is over, and a dropped visit is not planned again', async () => {
    const c = customerFiledOn(w.app, '2026-01-20', { ownerId: w.manager.userId, grade: 'strategic' });
    expect((await callError(w.app, 'visits.plan.generate', { month: '2026-02' }, w.manager.token)).message).toContain('2026-02');
    const plan = await w.app.call('visits.plan.generate', { month: '2026-03' }, w.manager.token);
    await w.app.call('visits.drop', { id: plan.items[0]!.id, reason: '客户搬迁，本月不便拜访' }, w.manager.token);
    const again = await w.app.call('visits.plan.generate', { month: '2026-03' }, w.manager.token);
    expect(again.items.map((i) => [i.customerId, i.status])).toEqual([[c.id, 'dropped']]);
    expect(again.counts).toEqual({ planned: 0, done: 0, dropped: 1 });
  });

  it('a leader generates every account manager\'s month at once', async () => {
    customerFiledOn(w.app, '2026-01-20', { ownerId: w.manager.userId, grade: 'strategic' });
    customerFiledOn(w.app, '2026-01-21', { ownerId: w.otherManager.userId, grade: 'strategic' });
    customerFiledOn(w.app, '2026-01-22', { ownerId: w.otherManager.userId, grade: 'key' });
    expect(await w.app.call('visits.plan.generateAll', { month: '2026-03' }, w.leader.token)).toEqual({ plans: 2, items: 3 });
    expect(await w.app.call('visits.plan.generateAll', { month: '2026-03' }, w.leader.token)).toEqual({ plans: 2, items: 0 });
    const list = await w.app.call('visits.plans.list', { month: '2026-03' }, w.leader.token);
    const rows = new Map(list.rows.map((r) => [r.ownerId, r]));
    expect(rows.get(w.manager.userId)).toMatchObject({ status: 'draft', planned: 1, done: 0, dueUnplanned: 0 });
    expect(rows.get(w.otherManager.userId)).toMatchObject({ planned: 2 });
  });
});

describe('a plan by hand, submitted and reviewed', () => {
  it('is added to, submitted to the leaders and reviewed with a note to its owner', async () => {
    const c = customerFiledOn(w.app, '2026-02-25', { ownerId: w.manager.userId, grade: 'key' });
    const added = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-12', startTime: '14:30', purpose: '商谈专线扩容' }, w.manager.token);
    expect(added).toMatchObject({ status: 'planned', source: 'added', dueDate: '2026-04-25', startTime: '14:30', actions: ['record', 'move', 'drop', 'attach'] });
    expect((await callError(w.app, 'visits.plan.add', { customerId: c.id, visitDate: '2026-03-01' }, w.manager.token)).message).toContain('2026-03-01');

    const notes = (token: string) => w.app.call('notifications.list', {}, token);
    expect((await callError(w.app, 'visits.plan.review', { planId: added.planId! }, w.leader.token)).code).toBe('CONFLICT');
    const submitted = await w.app.call('visits.plan.submit', { month: '2026-03' }, w.manager.token);
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).not.toBeNull();
    expect((await notes(w.leader.token)).rows[0]!.message).toMatch(/提交了 2026-03 走访计划（1 项）/);

    const reviewed = await w.app.call('visits.plan.review', { planId: submitted.id!, note: '重点客户请安排领导陪同' }, w.leader.token);
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewNote: '重点客户请安排领导陪同' });
    expect(reviewed.reviewedByName).not.toBeNull();
    expect((await notes(w.manager.token)).rows[0]!.message).toContain('重点客户请安排领导陪同');
    expect((await callError(w.app, 'visits.plan.review', { planId: submitted.id! }, w.manager.token)).code).toBe('FORBIDDEN');
  });

  it('moving a plan item to another month moves it to that month\'s plan', async () => {
    const c = customerFiledOn(w.app, '2026-02-25', { ownerId: w.manager.userId, grade: 'key' });
    const added = await w.app.call('visits.plan.add', { customerId: c.id, visitDate: '2026-03-30' }, w.manager.token);
    const moved = await w.app.call('visits.move', { id: added.id, visitDate: '2026-04-02', startTime: '10:00' }, w.manager.token);
    expect(moved.planId).not.toBe(added.planId);
    const april = await w.app.call('visits.plan.get', { month: '2026-04' }, w.manager.token);
    expect(april.items.map((i) => i.id)).toEqual([added.id]);
    expect(moved.missed).toBe(false);
    setToday(w.app, '2026-04-03');
    const leader = await w.app.signIn('leader');
    expect((await w.app.call('visits.get', { id: added.id }, leader.token)).missed).toBe(true);
  });
});
