import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/main/db/schema';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer, callError, local, type TestCustomer } from './tickets-fixtures';

// One app for the file: each test opens its own tickets, and the clock only moves forward.
let app: TestApp;
let desk: { token: string; userId: string };
let leader: { token: string; userId: string };
let opsLeader: { token: string; userId: string };
let engineer: { token: string; userId: string };
let manager: { token: string; userId: string };
let customer: TestCustomer;
let strategic: TestCustomer;

beforeAll(async () => {
  app = makeTestApp();
  desk = await app.signIn('service_desk');
  leader = await app.signIn('leader');
  opsLeader = await app.signIn('leader');
  engineer = await app.signIn('staff');
  manager = await app.signIn('account_manager');
  for (const [id, dept] of [
    [engineer.userId, '网络运维部'],
    [opsLeader.userId, '网络运维部'],
    [leader.userId, '大客户发展中心'],
  ] as const) {
    app.runtime.store.db.update(users).set({ department: dept }).where(eq(users.id, id)).run();
  }
  customer = addCustomer(app, { ownerId: manager.userId, grade: 'key', name: '呼和浩特金桥乳业有限公司', creditCode: '91150100MA0N1X2Y3K' });
  strategic = addCustomer(app, { ownerId: manager.userId, grade: 'strategic' });
});

/** Keeps every session alive across clock jumps (sessions idle out after 120 minutes). */
async function touch() {
  for (const s of [desk, leader, opsLeader, engineer, manager]) await app.call('auth.me', {}, s.token);
}

async function advance(minutes: number) {
  for (let left = minutes; left > 0; left -= 100) {
    app.clock.advanceMinutes(Math.min(100, left));
    await touch();
  }
}

describe('SLA due times', () => {
  it('uses the policy of the priority and grade: a strategic customer\'s P2 runs on the 7×24 calendar', async () => {
    // Monday 2026-03-02 09:30 Asia/Shanghai; major impact: P2 for both key and strategic customers.
    const key = await app.call('tickets.create', { kind: 'fault', customerId: customer.id, title: '网速慢', impact: 'major' }, desk.token);
    expect(key.priority).toBe('P2');
    expect(key.policyName).toBe('P2 高');
    expect(local(key.clocks[1]!.dueAt)).toBe('2026-03-03 10:00'); // 480 business minutes: Mon 390 + Tue 90 from 08:30
    const s = await app.call('tickets.create', { kind: 'fault', customerId: strategic.id, title: '网速慢', impact: 'minor' }, desk.token);
    expect(s.priority).toBe('P2');
    expect(s.policyName).toContain('战略');
    expect(s.calendarName).toBe('7×24');
    expect(local(s.clocks[1]!.dueAt)).toBe('2026-03-02 15:30'); // 360 minutes around the clock
  });

  it('recomputes every due time when the priority changes, from the original start', async () => {
    const t = await app.call('tickets.create', { kind: 'fault', customerId: customer.id, title: '专线中断', impact: 'minor' }, desk.token);
    expect(t.priority).toBe('P3');
    const openedAt = Date.parse(t.createdAt);
    await advance(30);
    const raised = await app.call('tickets.setPriority', { id: t.id, priority: 'P1', reason: '客户核心业务中断' }, desk.token);
    expect(raised.priority).toBe('P1');
    expect(raised.calendarName).toBe('7×24');
    expect(Date.parse(raised.clocks[0]!.dueAt!) - openedAt).toBe(15 * 60_000);
    expect(Date.parse(raised.clocks[1]!.dueAt!) - openedAt).toBe(240 * 60_000);
    // 30 minutes in, the 15-minute response target is already missed.
    expect(raised.slaState).toBe('breached');
    expect(raised.events.at(-1)!.title).toBe('优先级 P3 → P1，时限已重算');
    // Raising a fault to P1 tells the account manager.
    const notes = await app.call('notifications.list', {}, manager.token);
    expect(notes.rows[0]!.message).toContain('P1');
  });
});

describe('escalation', () => {
  it('warns the assignee and the department leaders at 80 %, escalates to the branch leaders at breach, once each', async () => {
    const t = await app.call('tickets.create', { kind: 'fault', customerId: customer.id, title: '设备故障', impact: 'minor' }, desk.token);
    await app.call('tickets.transition', { id: t.id, action: 'assign', dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    await app.call('tickets.transition', { id: t.id, action: 'start' }, engineer.token);
    await app.call('tickets.runEscalation', {}, desk.token);
    const before = (await app.call('notifications.list', {}, opsLeader.token)).total;
    // P3 resolution: 1350 business minutes; warning at 1080. Three working days later it is past both.
    const detail = await app.call('tickets.get', { id: t.id }, desk.token);
    const warnAt = Date.parse(detail.clocks[1]!.warnAt!);
    await advance(Math.ceil((warnAt - app.clock.ms) / 60_000) + 1);
    const first = await app.call('tickets.runEscalation', {}, desk.token);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    const warned = await app.call('notifications.list', {}, opsLeader.token);
    expect(warned.total).toBeGreaterThan(before);
    expect(warned.rows.some((n) => n.message.includes(t.number) && n.message.includes('即将到期'))).toBe(true);
    // The other leader (another department) is not told at warning level.
    expect((await app.call('notifications.list', {}, leader.token)).rows.some((n) => n.message.includes(t.number))).toBe(false);
    expect((await app.call('tickets.runEscalation', {}, desk.token)).warned).toBe(0);

    const due = Date.parse(detail.clocks[1]!.dueAt!);
    await advance(Math.ceil((due - app.clock.ms) / 60_000) + 1);
    const second = await app.call('tickets.runEscalation', {}, desk.token);
    expect(second.breached).toBeGreaterThanOrEqual(1);
    const toLeader = await app.call('notifications.list', {}, leader.token);
    expect(toLeader.rows.some((n) => n.message.includes(t.number) && n.message.includes('已超时'))).toBe(true);
    const after = await app.call('tickets.get', { id: t.id }, desk.token);
    expect(after.events.map((e) => e.kind)).toContain('sla_warning');
    expect(after.events.map((e) => e.kind)).toContain('sla_breach');
    expect(after.slaState).toBe('breached');
    expect((await app.call('tickets.runEscalation', {}, desk.token)).breached).toBe(0);
  });
});

describe('queue views', () => {
  it('sorts each view by due time and puts tickets in the right views', async () => {
    const c = addCustomer(app, { ownerId: manager.userId, grade: 'normal' });
    const make = (impact: 'outage' | 'major' | 'minor' | 'consult', title: string) =>
      app.call('tickets.create', { kind: 'fault', customerId: c.id, title, impact }, desk.token);
    const p4 = await make('consult', 'p4');
    const p2 = await make('outage', 'p2');
    const p3 = await make('minor', 'p3');
    const open = await app.call('tickets.queue', { view: 'open', pageSize: 200 }, desk.token);
    const dues = open.rows.map((r) => r.dueAt ?? '~');
    expect([...dues].sort()).toEqual(dues);
    const mineIds = (v: { rows: { id: string }[] }) => v.rows.map((r) => r.id);
    const unassigned = await app.call('tickets.queue', { view: 'unassigned', pageSize: 200 }, desk.token);
    expect(mineIds(unassigned)).toEqual(expect.arrayContaining([p4.id, p2.id, p3.id]));
    const idx = (id: string) => mineIds(unassigned).indexOf(id);
    expect(idx(p2.id)).toBeLessThan(idx(p3.id));
    expect(idx(p3.id)).toBeLessThan(idx(p4.id));

    await app.call('tickets.transition', { id: p3.id, action: 'assign', dept: '网络运维部', assigneeId: engineer.userId }, desk.token);
    await app.call('tickets.transition', { id: p3.id, action: 'start' }, engineer.token);
    await app.call('tickets.transition', { id: p3.id, action: 'wait', note: '等客户' }, engineer.token);
    expect(mineIds(await app.call('tickets.queue', { view: 'waiting' }, desk.token))).toContain(p3.id);
    expect(mineIds(await app.call('tickets.queue', { view: 'mine' }, engineer.token))).toContain(p3.id);
    expect(mineIds(await app.call('tickets.queue', { view: 'mine' }, engineer.token))).not.toContain(p2.id);
    // A paused ticket has no due time and sorts after every running one.
    const waitingRow = (await app.call('tickets.queue', { view: 'open', pageSize: 200 }, desk.token)).rows.at(-1)!;
    expect(waitingRow.id).toBe(p3.id);
    expect(waitingRow.slaState).toBe('paused');

    // P2 outage: response due in 30 business minutes, warning at 24.
    await advance(25);
    const warning = await app.call('tickets.queue', { view: 'warning' }, desk.token);
    expect(mineIds(warning)).toContain(p2.id);
    expect(warning.rows.find((r) => r.id === p2.id)!.slaState).toBe('warning');
    await advance(10);
    const breached = await app.call('tickets.queue', { view: 'breached', pageSize: 200 }, desk.token);
    expect(mineIds(breached)).toContain(p2.id);
    expect(mineIds(breached)).not.toContain(p3.id);
    expect(breached.rows.find((r) => r.id === p2.id)!.remainingMinutes).toBeLessThan(0);
    const counts = await app.call('tickets.queueCounts', {}, desk.token);
    expect(counts.breached).toBe(breached.total);
    expect(counts.waiting).toBe(1);
    expect(counts.open).toBe((await app.call('tickets.queue', { view: 'open' }, desk.token)).total);
  });
});

describe('phone intake', () => {
  it('finds the customer by name, service number, circuit id, credit code or contact phone', async () => {
    const by = async (query: string) => (await app.call('tickets.intakeLookup', { query }, desk.token))[0];
    expect((await by('金桥乳业'))!.customerId).toBe(customer.id);
    expect((await by('金桥'))!.customerId).toBe(customer.id); // two characters: LIKE fallback
    const service = await by(customer.serviceNo);
    expect(service).toMatchObject({ customerId: customer.id, matchedBy: 'serviceNo', serviceInstanceId: customer.serviceId });
    expect(await by(customer.circuit)).toMatchObject({ customerId: customer.id, matchedBy: 'circuit', serviceInstanceId: customer.serviceId });
    expect(await by('91150100ma0n1x2y3k')).toMatchObject({ customerId: customer.id, matchedBy: 'creditCode' });
    expect(await app.call('tickets.intakeLookup', { query: '不存在的客户名称' }, desk.token)).toEqual([]);
  });

  it('shows the customer\'s open and recent tickets and flags an open ticket on the same service as a duplicate', async () => {
    const c = addCustomer(app, { ownerId: manager.userId });
    const clean = await app.call('tickets.customerContext', { customerId: c.id, serviceInstanceId: c.serviceId }, desk.token);
    expect(clean.duplicate).toBeNull();
    expect(clean.services[0]!.openTicketNumber).toBeNull();
    const first = await app.call(
      'tickets.create',
      { kind: 'fault', customerId: c.id, serviceInstanceId: c.serviceId, title: '专线中断', impact: 'outage' },
      desk.token,
    );
    const ctx = await app.call('tickets.customerContext', { customerId: c.id, serviceInstanceId: c.serviceId }, desk.token);
    expect(ctx.duplicate?.id).toBe(first.id);
    expect(ctx.services[0]!.openTicketNumber).toBe(first.number);
    expect(ctx.openTickets.map((t) => t.id)).toEqual([first.id]);
    expect(ctx.contacts[0]!.id).toBe(c.contactId);
    // Another manager's customer is out of an account manager's intake scope.
    const other = await app.signIn('account_manager');
    expect((await callError(app, 'tickets.customerContext', { customerId: c.id }, other.token)).code).toBe('NOT_FOUND');
    expect(await app.call('tickets.intakeLookup', { query: c.serviceNo }, other.token)).toEqual([]);
  });
});

describe('calendar settings', () => {
  it('imports a year\'s schedule from CSV after a dry run, and refuses a file with unreadable lines as a whole', async () => {
    const config = await app.call('tickets.config', {}, leader.token);
    const office = config.calendars.find((c) => c.definition.kind === 'business')!;
    const csv = '日期,类型,名称\n2027-01-01~2027-01-03,休,元旦\n2027-01-04,班,元旦补班\n';
    const dry = await app.call('tickets.calendars.import', { calendarId: office.id, format: 'csv', text: csv, dryRun: true }, leader.token);
    expect(dry).toMatchObject({ holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-01-04'], applied: false });
    const bad = await app.call('tickets.calendars.import', { calendarId: office.id, format: 'csv', text: `${csv}2027-13-01,休,坏\n`, dryRun: false }, leader.token);
    expect(bad.applied).toBe(false);
    expect(bad.errors[0]).toMatchObject({ line: 4, message: expect.stringContaining('无法识别的日期') });
    const done = await app.call('tickets.calendars.import', { calendarId: office.id, format: 'csv', text: csv, dryRun: false }, leader.token);
    expect(done.applied).toBe(true);
    const after = (await app.call('tickets.config', {}, leader.token)).calendars.find((c) => c.id === office.id)!;
    expect(after.definition.holidays).toContain('2027-01-02');
    expect(after.definition.holidays).toContain('2026-10-01'); // other years kept
    expect(after.definition.workdays).toContain('2027-01-04');
    expect((await callError(app, 'tickets.calendars.import', { calendarId: office.id, format: 'csv', text: csv }, desk.token)).code).toBe('FORBIDDEN');
  });
});

describe('attachments', () => {
  it('stores a file in the data directory, lists it on the ticket and returns it to those who can see the ticket', async () => {
    const t = await app.call('tickets.create', { kind: 'complaint', customerId: customer.id, title: '账单争议', impact: 'minor' }, desk.token);
    const content = Buffer.from('客户提供的账单截图（示例）').toString('base64');
    const added = await app.call('tickets.attachments.add', { ticketId: t.id, fileName: '账单.png', mimeType: 'image/png', base64: content }, desk.token);
    expect(added.size).toBe(Buffer.from(content, 'base64').length);
    const page = await app.call('tickets.get', { id: t.id }, desk.token);
    expect(page.attachments.map((a) => a.fileName)).toEqual(['账单.png']);
    expect(page.events.at(-1)!.title).toBe('上传附件：账单.png');
    expect((await app.call('tickets.attachments.get', { id: added.id }, manager.token)).base64).toBe(content);
    const other = await app.signIn('account_manager');
    expect((await callError(app, 'tickets.attachments.get', { id: added.id }, other.token)).code).toBe('NOT_FOUND');
    expect((await callError(app, 'tickets.attachments.add', { ticketId: t.id, fileName: 'empty.txt', base64: '' }, desk.token)).code).toBe('VALIDATION');
  });
});
