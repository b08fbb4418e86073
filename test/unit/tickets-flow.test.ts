import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/main/db/schema';
import { ticketTimelineForCustomer } from '../../src/main/services/tickets';
import { makeTestApp, tableCounts, type TestApp } from './helpers';
import { addCustomer, callError, local, type TestCustomer } from './tickets-fixtures';

let app: TestApp;
let desk: { token: string; userId: string };
let manager: { token: string; userId: string };
let engineer: { token: string; userId: string };
let leader: { token: string; userId: string };
let customer: TestCustomer;

function setDepartment(userId: string, department: string) {
  app.runtime.store.db.update(users).set({ department }).where(eq(users.id, userId)).run();
}

beforeEach(async () => {
  app = makeTestApp();
  desk = await app.signIn('service_desk');
  manager = await app.signIn('account_manager');
  engineer = await app.signIn('staff');
  leader = await app.signIn('leader');
  setDepartment(engineer.userId, '网络运维部');
  setDepartment(leader.userId, '网络运维部');
  customer = addCustomer(app, { ownerId: manager.userId, grade: 'key' });
});

async function openComplaint(extra: Record<string, unknown> = {}) {
  return app.call(
    'tickets.create',
    {
      kind: 'complaint',
      customerId: customer.id,
      contactId: customer.contactId,
      serviceInstanceId: customer.serviceId,
      channel: 'phone',
      title: '专线频繁中断，客户要求赔偿',
      description: '客户来电：本周三次中断',
      impact: 'minor',
      ...extra,
    },
    desk.token,
  );
}

describe('a phone complaint through the whole flow', () => {
  it('is opened with a branch number, a matrix priority and due times in business hours', async () => {
    const t = await openComplaint();
    expect(t.number).toMatch(/^KAM-2603-[0-9A-F]{4}-0001$/);
    expect(t.status).toBe('new');
    expect(t.priority).toBe('P3'); // minor impact × key customer
    expect(t.policyName).toBe('P3 中');
    expect(t.calendarName).toContain('工作日历');
    // Opened Monday 2026-03-02 09:30 Asia/Shanghai; P3: respond in 60, resolve in 1350 business minutes.
    expect(local(t.clocks[0]!.dueAt)).toBe('2026-03-02 10:30');
    expect(local(t.clocks[1]!.dueAt)).toBe('2026-03-05 09:30');
    expect(t.slaClock).toBe('response');
    expect(t.actions).toEqual(['assign', 'cancel']);
    const second = await openComplaint();
    expect(second.number).toMatch(/-0002$/);
  });

  it('goes 新建 → 已派单 → 处理中 → 待客户 → 已解决 → 已答复 → 回访 (dissatisfied) → 返工 → … → 已归档, all on the timeline', async () => {
    let t = await openComplaint();
    app.clock.advanceMinutes(20);
    t = await app.call('tickets.transition', { id: t.id, action: 'assign', dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    expect(t.status).toBe('dispatched');
    expect(t.clocks[0]!.state).toBe('met');
    t = await app.call('tickets.transition', { id: t.id, action: 'start' }, engineer.token);
    expect(t.status).toBe('in_progress');
    const dueBefore = t.clocks[1]!.dueAt!;

    // Waiting on the customer stops the clock: no due time while paused, and the queue says so.
    t = await app.call('tickets.transition', { id: t.id, action: 'wait', note: '等待客户提供机房钥匙' }, engineer.token);
    expect(t.status).toBe('waiting');
    expect(t.paused).toBe(true);
    expect(t.dueAt).toBeNull();
    const waiting = await app.call('tickets.queue', { view: 'waiting' }, desk.token);
    expect(waiting.rows.map((r) => r.id)).toEqual([t.id]);
    app.clock.advanceMinutes(100); // 09:50 → 11:30 (sessions idle out after 120 minutes)
    await app.call('tickets.get', { id: t.id }, desk.token);
    await app.call('tickets.get', { id: t.id }, manager.token);
    await app.call('tickets.get', { id: t.id }, engineer.token);
    app.clock.advanceMinutes(80); // → 12:50: 130 business minutes paused, the lunch break does not count
    t = await app.call('tickets.transition', { id: t.id, action: 'resume' }, engineer.token);
    expect(local(dueBefore)).toBe('2026-03-05 09:30');
    expect(local(t.clocks[1]!.dueAt)).toBe('2026-03-05 11:40');

    // The response clock finished before the pause: its due time stays put and is not undefined.
    expect(local(t.clocks[0]!.dueAt)).toBe('2026-03-02 10:30');
    expect(t.clocks[0]!.state).toBe('met');
    t = await app.call(
      'tickets.transition',
      { id: t.id, action: 'resolve', resolution: '更换光模块', responsibleDept: '网络运维部', cause: '光模块老化', ourFault: true },
      engineer.token,
    );
    expect(t.status).toBe('resolved');
    expect(t.slaClock).toBe('reply');
    t = await app.call('tickets.transition', { id: t.id, action: 'reply', method: 'phone', content: '已致电客户说明原因并致歉' }, desk.token);
    t = await app.call('tickets.transition', { id: t.id, action: 'visit', satisfaction: 2, comment: '仍有丢包' }, manager.token);
    expect(t.status).toBe('visited');

    // Dissatisfied: the service desk may not archive it, only rework it.
    const refused = await callError(app, 'tickets.transition', { id: t.id, action: 'archive' }, desk.token);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('不满意');
    t = await app.call('tickets.transition', { id: t.id, action: 'rework', note: '客户反映仍有丢包' }, manager.token);
    expect(t.status).toBe('in_progress');
    expect(t.reworkCount).toBe(1);
    expect(t.satisfaction).toBeNull();

    t = await app.call(
      'tickets.transition',
      { id: t.id, action: 'resolve', resolution: '更换整条尾纤', responsibleDept: '网络运维部', cause: '尾纤弯折', ourFault: true },
      engineer.token,
    );
    t = await app.call('tickets.transition', { id: t.id, action: 'reply', method: 'visit', content: '上门回复' }, desk.token);
    t = await app.call('tickets.transition', { id: t.id, action: 'visit', satisfaction: 5, comment: '满意' }, desk.token);
    t = await app.call('tickets.transition', { id: t.id, action: 'archive' }, desk.token);
    expect(t.status).toBe('archived');
    expect(t.actions).toEqual([]);
    expect(t.slaClock).toBeNull();

    expect(t.events.map((e) => e.kind)).toEqual([
      'created',
      'assign',
      'start',
      'wait',
      'resume',
      'resolve',
      'reply',
      'visit',
      'rework',
      'resolve',
      'reply',
      'visit',
      'archive',
    ]);
    expect(t.events.every((e) => e.at && e.title)).toBe(true);
    expect(t.events[1]!.actorName).toContain('servicedesk');
    expect(t.events[5]!.title).toBe('已解决：光模块老化（责任部门：网络运维部，我方责任）');

    // The customer's 360 timeline shows the same steps, newest first, linking to the ticket.
    const timeline = ticketTimelineForCustomer({ db: app.runtime.store.db, locale: 'zh-CN' }, customer.id);
    expect(timeline).toHaveLength(13);
    expect(timeline[0]!.title).toContain(t.number);
    expect(timeline[0]!.route).toBe(`/red/${t.id}`);
    expect(timeline.at(-1)!.kind).toBe('created');

    // The archived ticket left every open queue.
    const open = await app.call('tickets.queue', { view: 'open' }, desk.token);
    expect(open.total).toBe(0);
  });

  it('tells the account manager about every complaint and about P1/P2 faults on their customers, not about P3 faults', async () => {
    await openComplaint();
    app.clock.advanceMinutes(1);
    await app.call('tickets.create', { kind: 'fault', customerId: customer.id, title: '网速慢', impact: 'minor' }, desk.token);
    app.clock.advanceMinutes(1);
    await app.call('tickets.create', { kind: 'fault', customerId: customer.id, title: '全阻', impact: 'outage' }, desk.token);
    const list = await app.call('notifications.list', {}, manager.token);
    expect(list.unread).toBe(2);
    expect(list.rows.map((n) => n.message)).toEqual([
      expect.stringContaining('报障'),
      expect.stringContaining('新投诉'),
    ]);
    const en = await app.call('notifications.list', {}, manager.token, 'en');
    expect(en.rows[0]!.message).toMatch(/^Fault .* \(P1\) reported by your customer/);
    await app.call('notifications.markRead', { all: true }, manager.token);
    expect((await app.call('notifications.list', { unreadOnly: true }, manager.token)).total).toBe(0);
    // Nobody else reads them.
    expect((await app.call('notifications.list', {}, desk.token)).total).toBe(0);
  });

  it('notifies the assignee and keeps the ticket number unique per device when numbers reach five digits', async () => {
    const t = await openComplaint();
    await app.call('tickets.transition', { id: t.id, action: 'assign', dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    const mine = await app.call('notifications.list', {}, engineer.token);
    expect(mine.rows[0]!.message).toContain(t.number);
    app.runtime.store.sqlite.prepare('UPDATE tickets SET number = ? WHERE id = ?').run(t.number.replace(/0001$/, '9999'), t.id);
    const next = await openComplaint();
    expect(next.number).toMatch(/-10000$/);
    const after = await openComplaint();
    expect(after.number).toMatch(/-10001$/);
  });
});

describe('transitions that are not allowed are refused with a clear message', () => {
  it('refuses start on a new ticket, naming what is possible, in both languages, writing nothing', async () => {
    const t = await openComplaint();
    const before = tableCounts(app.runtime);
    const zh = await callError(app, 'tickets.transition', { id: t.id, action: 'start' }, desk.token);
    expect(zh.code).toBe('CONFLICT');
    expect(zh.message).toBe(`工单 ${t.number} 当前状态为“新建”，不能执行“开始处理”。当前可执行：派单、取消。`);
    const en = await callError(app, 'tickets.transition', { id: t.id, action: 'resolve', resolution: 'x', responsibleDept: 'y', cause: 'z', ourFault: false }, desk.token, 'en');
    expect(en.message).toBe(`Ticket ${t.number} is "New", so "Resolve" is not possible. Possible now: Assign, Cancel.`);
    expect(tableCounts(app.runtime)).toEqual(before);
  });

  it('refuses anything on a cancelled ticket and requires reasons', async () => {
    const t = await openComplaint();
    expect((await callError(app, 'tickets.transition', { id: t.id, action: 'cancel', note: '' }, desk.token)).code).toBe('VALIDATION');
    await app.call('tickets.transition', { id: t.id, action: 'cancel', note: '客户重复报障' }, desk.token);
    const e = await callError(app, 'tickets.transition', { id: t.id, action: 'assign', dept: '网络运维部' }, desk.token);
    expect(e.message).toContain('无（工单已关闭）');
    expect((await callError(app, 'tickets.setPriority', { id: t.id, priority: 'P1', reason: '升级' }, desk.token)).code).toBe('CONFLICT');
  });

  it('an action without the facts it needs is a validation error naming the field', async () => {
    const t = await openComplaint();
    const e = await callError(app, 'tickets.transition', { id: t.id, action: 'assign' }, desk.token);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('“部门”：此操作必须填写该项');
  });

  it('an override of the matrix priority needs a reason', async () => {
    const e = await callError(
      app,
      'tickets.create',
      { kind: 'fault', customerId: customer.id, title: '网速慢', impact: 'minor', priority: 'P1' },
      desk.token,
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('调整原因');
    const t = await app.call(
      'tickets.create',
      { kind: 'fault', customerId: customer.id, title: '网速慢', impact: 'minor', priority: 'P1', priorityReason: '客户正在进行重要直播' },
      desk.token,
    );
    expect(t.priority).toBe('P1');
    expect(t.priorityReason).toBe('客户正在进行重要直播');
  });
});

describe('scope', () => {
  it('an account manager sees only their customers\' tickets; another manager gets NOT_FOUND', async () => {
    const t = await openComplaint();
    const other = await app.signIn('account_manager');
    expect((await callError(app, 'tickets.get', { id: t.id }, other.token)).code).toBe('NOT_FOUND');
    expect((await app.call('tickets.queue', { view: 'open' }, other.token)).total).toBe(0);
    expect((await app.call('tickets.get', { id: t.id }, manager.token)).id).toBe(t.id);
    expect((await app.call('tickets.queue', { view: 'open' }, manager.token)).total).toBe(1);
    // The owner may answer the customer but not dispatch.
    expect((await callError(app, 'tickets.transition', { id: t.id, action: 'assign', dept: '网络运维部' }, manager.token)).code).toBe('FORBIDDEN');
    // And may not open a ticket for someone else's customer.
    const foreign = addCustomer(app, { ownerId: other.userId });
    expect((await callError(app, 'tickets.create', { kind: 'fault', customerId: foreign.id, title: 'x', impact: 'minor' }, manager.token)).code).toBe(
      'NOT_FOUND',
    );
  });

  it('handling staff see what is assigned to them or their department, and may work it but not reassign it', async () => {
    const t = await openComplaint();
    expect((await callError(app, 'tickets.get', { id: t.id }, engineer.token)).code).toBe('NOT_FOUND');
    await app.call('tickets.transition', { id: t.id, action: 'assign', dept: '网络运维部', assigneeId: null }, desk.token);
    const seen = await app.call('tickets.get', { id: t.id }, engineer.token);
    expect(seen.actions).toEqual(['start']);
    expect((await app.call('tickets.queue', { view: 'open' }, engineer.token)).total).toBe(1);
    expect((await callError(app, 'tickets.transition', { id: t.id, action: 'cancel', note: 'x' }, engineer.token)).code).toBe('FORBIDDEN');
  });

  it('leaders and the service desk see every ticket; staff may not open tickets', async () => {
    const t = await openComplaint();
    expect((await app.call('tickets.get', { id: t.id }, leader.token)).id).toBe(t.id);
    const e = await callError(app, 'tickets.create', { kind: 'fault', customerId: customer.id, title: 'x', impact: 'minor' }, engineer.token);
    expect(e.code).toBe('FORBIDDEN');
  });
});

describe('bulk assign', () => {
  it('assigns what it can and lists the rest with the reason', async () => {
    const a = await openComplaint();
    const b = await openComplaint();
    await app.call('tickets.transition', { id: b.id, action: 'cancel', note: '重复' }, desk.token);
    const r = await app.call('tickets.bulkAssign', { ids: [a.id, b.id], dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    expect(r.changed).toBe(1);
    expect(r.refused).toEqual([{ id: b.id, number: b.number, message: expect.stringContaining('已取消') }]);
    expect((await app.call('tickets.queue', { view: 'mine' }, engineer.token)).rows.map((x) => x.id)).toEqual([a.id]);
  });
});
