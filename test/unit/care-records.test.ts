import { beforeEach, describe, expect, it } from 'vitest';
import { runCareReminders } from '../../src/main/services/care';
import { customerTimeline } from '../../src/main/services/customers/timeline';
import { METHOD_NAMES } from '../../src/shared/contract';
import { makeTestApp, tableCounts, TEST_PASSWORD, type TestApp } from './helpers';
import { setShanghaiTime } from './contracts-fixtures';
import { addCustomer, callError } from './tickets-fixtures';

// The test clock starts on 2026-03-02 (Asia/Shanghai). Approval limit: ¥500.00 (50,000 fen).

let app: TestApp;
let manager: { token: string; userId: string };
let otherManager: { token: string; userId: string };
let leader: { token: string; userId: string };
let desk: { token: string; userId: string };
let staff: { token: string; userId: string };
let customer: ReturnType<typeof addCustomer>;
let otherCustomer: ReturnType<typeof addCustomer>;

beforeEach(async () => {
  app = makeTestApp({ file: false });
  manager = await app.signIn('account_manager');
  otherManager = await app.signIn('account_manager');
  leader = await app.signIn('leader');
  desk = await app.signIn('service_desk');
  staff = await app.signIn('staff');
  customer = addCustomer(app, { ownerId: manager.userId });
  otherCustomer = addCustomer(app, { ownerId: otherManager.userId });
});

const notificationsOf = (userId: string) =>
  app.runtime.store.sqlite.prepare('SELECT kind, message_key AS messageKey, params FROM notifications WHERE user_id = ? ORDER BY rowid').all(userId) as {
    kind: string;
    messageKey: string;
    params: string;
  }[];

const gift = (costFen: number, occasionDate = '2026-03-05', customerId = customer.id) => ({
  customerId,
  contactId: null,
  occasion: 'holiday' as const,
  holidayKey: 'womens_day',
  occasionDate,
  kind: 'gift' as const,
  description: '鲜花',
  costFen,
});

describe('courtesies and their approval', () => {
  it('records up to the limit at once; above it waits for a leader, who is told, and the manager hears the decision', async () => {
    const atLimit = await app.call('care.records.create', gift(50_000), manager.token);
    expect(atLimit.status).toBe('recorded');
    expect(notificationsOf(leader.userId)).toHaveLength(0);

    const above = await app.call('care.records.create', gift(50_001), manager.token);
    expect(above).toMatchObject({ status: 'pending', ownerId: manager.userId, costFen: 50_001 });
    expect(notificationsOf(leader.userId)).toEqual([expect.objectContaining({ kind: 'care_approval', messageKey: 'care.notify.approval' })]);

    const decided = await app.call('care.records.decide', { id: above.id, approve: true, note: '同意' }, leader.token);
    expect(decided).toMatchObject({ status: 'approved', decisionNote: '同意', decidedByName: expect.stringContaining('测试') });
    expect(notificationsOf(manager.userId)).toEqual([expect.objectContaining({ kind: 'care_decided', messageKey: 'care.notify.approved' })]);

    // A raised limit lets the same cost through without approval.
    const settings = await app.call('care.settings.get', {}, manager.token);
    await app.call('care.settings.save', { ...settings, approvalLimitFen: 100_000 }, leader.token);
    expect((await app.call('care.records.create', gift(60_000), manager.token)).status).toBe('recorded');
  });

  it('refuses to decide one not pending, saying its status, and writes nothing', async () => {
    const recorded = await app.call('care.records.create', gift(100), manager.token);
    const before = tableCounts(app.runtime);
    const error = await callError(app, 'care.records.decide', { id: recorded.id, approve: true }, leader.token);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('已记录');
    const pending = await app.call('care.records.create', gift(90_000), manager.token);
    await app.call('care.records.decide', { id: pending.id, approve: false, note: '超标' }, leader.token);
    const again = await callError(app, 'care.records.decide', { id: pending.id, approve: true }, leader.token);
    expect(again.message).toContain('已驳回');
    const counts = tableCounts(app.runtime);
    expect(counts.care_records).toBe(before.care_records! + 1);
    // A rejection needs a reason, named as the field.
    const other = await app.call('care.records.create', gift(90_000), manager.token);
    const noNote = await callError(app, 'care.records.decide', { id: other.id, approve: false }, leader.token);
    expect(noNote.message).toContain('审批意见');
    expect((await app.call('care.records.list', { status: 'pending' }, leader.token)).rows.map((r) => r.id)).toEqual([other.id]);
  });

  it('keeps the key person to the customer and an account manager to their own customers', async () => {
    const wrongContact = await callError(app, 'care.records.create', { ...gift(100), contactId: otherCustomer.contactId }, manager.token);
    expect(wrongContact.code).toBe('VALIDATION');
    expect(wrongContact.message).toContain('关键人');
    expect((await callError(app, 'care.records.create', gift(100, '2026-03-05', otherCustomer.id), manager.token)).code).toBe('NOT_FOUND');
    // A leader's courtesy for a customer is spent from the customer's owner's budget.
    const byLeader = await app.call('care.records.create', gift(100, '2026-03-05', otherCustomer.id), leader.token);
    expect(byLeader.ownerId).toBe(otherManager.userId);
    expect((await app.call('care.records.list', {}, manager.token)).rows).toHaveLength(0);
    expect((await app.call('care.records.list', {}, otherManager.token)).rows.map((r) => r.id)).toEqual([byLeader.id]);
    expect((await app.call('care.records.list', {}, desk.token)).total).toBe(1);
  });

  it('withdraws an undecided courtesy but not a decided one', async () => {
    const pending = await app.call('care.records.create', gift(90_000), manager.token);
    const decided = await app.call('care.records.create', gift(90_000), manager.token);
    await app.call('care.records.decide', { id: decided.id, approve: true }, leader.token);
    expect((await callError(app, 'care.records.remove', { id: pending.id }, otherManager.token)).code).toBe('NOT_FOUND');
    await app.call('care.records.remove', { id: pending.id }, manager.token);
    expect((await callError(app, 'care.records.remove', { id: decided.id }, manager.token)).code).toBe('CONFLICT');
    expect((await app.call('care.records.list', {}, manager.token)).rows.map((r) => r.id)).toEqual([decided.id]);
  });

  it('exports the list in the caller scope', async () => {
    await app.call('care.records.create', gift(12_345), manager.token);
    await app.call('care.records.create', gift(100, '2026-03-05', otherCustomer.id), otherManager.token);
    expect((await app.call('care.records.export', {}, manager.token)).rowCount).toBe(1);
    const all = await app.call('care.records.export', {}, leader.token);
    expect(all.rowCount).toBe(2);
    expect(all.fileName).toMatch(/\.xlsx$/);
  });
});

describe('budgets', () => {
  it('shows spent (recorded + approved) and pending of the year, matching the records by SQL', async () => {
    await app.call('care.budgets.set', { ownerId: manager.userId, year: 2026, budgetFen: 800_000 }, leader.token);
    await app.call('care.budgets.set', { ownerId: manager.userId, year: 2026, budgetFen: 900_000 }, leader.token);
    await app.call('care.records.create', gift(30_000), manager.token);
    const approved = await app.call('care.records.create', gift(70_000), manager.token);
    await app.call('care.records.decide', { id: approved.id, approve: true }, leader.token);
    const rejected = await app.call('care.records.create', gift(80_000), manager.token);
    await app.call('care.records.decide', { id: rejected.id, approve: false, note: '超标' }, leader.token);
    await app.call('care.records.create', gift(55_000), manager.token);
    await app.call('care.records.create', gift(20_000, '2025-12-30'), manager.token); // last year's

    const sum = (statuses: string) =>
      (
        app.runtime.store.sqlite
          .prepare(
            `SELECT coalesce(sum(cost_fen), 0) AS n FROM care_records WHERE owner_id = ? AND deleted = 0 AND occasion_date LIKE '2026-%' AND status IN (${statuses})`,
          )
          .get(manager.userId) as { n: number }
      ).n;
    const mine = await app.call('care.budgets.list', { year: 2026 }, manager.token);
    expect(mine.rows).toEqual([
      {
        ownerId: manager.userId,
        ownerName: expect.any(String),
        year: 2026,
        budgetFen: 900_000,
        spentFen: sum("'recorded', 'approved'"),
        pendingFen: sum("'pending'"),
        remainingFen: 900_000 - sum("'recorded', 'approved', 'pending'"),
      },
    ]);
    expect(mine.rows[0]!.spentFen).toBe(100_000);
    expect(mine.rows[0]!.pendingFen).toBe(55_000);
    const team = await app.call('care.budgets.list', { year: 2026 }, leader.token);
    expect(team.rows.map((r) => r.ownerId).sort()).toEqual([manager.userId, otherManager.userId].sort());
    expect(team.rows.find((r) => r.ownerId === otherManager.userId)!.budgetFen).toBe(0);
    expect((await app.call('care.budgets.list', { year: 2025 }, manager.token)).rows[0]!.spentFen).toBe(20_000);
    expect(app.runtime.store.sqlite.prepare('SELECT count(*) AS n FROM care_budgets').get()).toEqual({ n: 1 });
    expect((await callError(app, 'care.budgets.set', { ownerId: leader.userId, year: 2026, budgetFen: 1 }, leader.token)).message).toContain('客户经理');
  });
});

describe('events', () => {
  it('plans a forum, invites each customer once, records attendance and holds it with a summary', async () => {
    const event = await app.call(
      'care.events.create',
      { kind: 'forum', title: '重点客户座谈会', date: '2026-03-20', startTime: '14:00', endTime: '17:00', location: '会议厅' },
      leader.token,
    );
    expect(event.number).toMatch(/-HD-2603-/);
    expect(event).toMatchObject({ status: 'planned', startsAt: '2026-03-20T06:00:00.000Z', endsAt: '2026-03-20T09:00:00.000Z' });
    await app.call('care.events.invite', { eventId: event.id, guests: [{ customerId: customer.id, contactId: customer.contactId }] }, manager.token);
    const twice = await app.call(
      'care.events.invite',
      { eventId: event.id, guests: [{ customerId: customer.id, contactId: null }, { customerId: otherCustomer.id, contactId: null }] },
      leader.token,
    );
    expect(twice.guestList).toHaveLength(2);
    expect((await callError(app, 'care.events.invite', { eventId: event.id, guests: [{ customerId: otherCustomer.id, contactId: null }] }, manager.token)).code).toBe(
      'NOT_FOUND',
    );
    // The manager sees only their own customer's guest on the leader's event.
    const seen = await app.call('care.events.get', { id: event.id }, manager.token);
    expect(seen.guestList.map((g) => g.customerId)).toEqual([customer.id]);
    const guest = seen.guestList[0]!;
    await app.call('care.events.guest', { id: guest.id, status: 'attended', followUp: '报价扩容', followUpDate: '2026-03-25' }, manager.token);

    const noSummary = await callError(app, 'care.events.update', { id: event.id, status: 'held' }, leader.token);
    expect(noSummary.message).toContain('纪要');
    expect((await callError(app, 'care.events.update', { id: event.id, title: '改名' }, manager.token)).code).toBe('FORBIDDEN');
    const held = await app.call('care.events.update', { id: event.id, status: 'held', summary: '到会 1 家' }, leader.token);
    expect(held).toMatchObject({ status: 'held', guests: 2, attended: 1 });
    expect((await callError(app, 'care.events.invite', { eventId: event.id, guests: [{ customerId: customer.id, contactId: null }] }, leader.token)).code).toBe(
      'CONFLICT',
    );
    expect((await app.call('care.events.list', { year: 2026 }, desk.token)).rows.map((r) => r.id)).toEqual([event.id]);

    // The follow-up reminds the inviting manager on its day, once.
    const ctx = () => ({ ...app.ctx(), method: 'system.careReminders' });
    setShanghaiTime(app, '2026-03-24', '09:00');
    app.runtime.store.sqlite.transaction(() => runCareReminders(ctx()))();
    expect(notificationsOf(manager.userId).filter((n) => n.kind === 'care_followup')).toHaveLength(0);
    setShanghaiTime(app, '2026-03-25', '09:00');
    expect(app.runtime.store.sqlite.transaction(() => runCareReminders(ctx()))().followUps).toBe(1);
    app.runtime.store.sqlite.transaction(() => runCareReminders(ctx()))();
    expect(notificationsOf(manager.userId).filter((n) => n.kind === 'care_followup')).toHaveLength(1);

    // The customer's 360 care section and timeline show the invitation and the attendance.
    const { username } = app.runtime.store.sqlite.prepare('SELECT username FROM users WHERE id = ?').get(manager.userId) as { username: string };
    const token = (await app.call('auth.login', { username, password: TEST_PASSWORD })).token;
    const section = await app.call('care.customer', { customerId: customer.id }, token);
    expect(section.events).toEqual([expect.objectContaining({ id: event.id, guestStatus: 'attended' })]);
    const timeline = customerTimeline({ ...app.ctx(), locale: 'zh-CN' }, customer.id, { id: manager.userId, username, displayName: 'x', role: 'account_manager', region: '', sessionTokenHash: null });
    expect(timeline.filter((e) => e.source === 'care').map((e) => e.title)).toEqual(['出席座谈会“重点客户座谈会”', '受邀参加座谈会“重点客户座谈会”']);
  });
});

describe('reminders, 360 and timeline of courtesies', () => {
  it('tells each manager once a day of key people with birthdays in the next 7 days', async () => {
    app.runtime.store.sqlite.prepare("UPDATE customer_contacts SET birthday = '1980-03-06' WHERE id = ?").run(customer.contactId);
    const ctx = () => ({ ...app.ctx(), method: 'system.careReminders' });
    expect(app.runtime.store.sqlite.transaction(() => runCareReminders(ctx()))().digests).toBe(1);
    expect(app.runtime.store.sqlite.transaction(() => runCareReminders(ctx()))().digests).toBe(0);
    const digest = notificationsOf(manager.userId).filter((n) => n.kind === 'care_birthdays');
    expect(digest).toHaveLength(1);
    expect(JSON.parse(digest[0]!.params)).toMatchObject({ count: 1, days: 7 });
    expect(notificationsOf(otherManager.userId)).toHaveLength(0);
  });

  it('shows the customer its occasions and courtesies, and the timeline in the viewer language', async () => {
    app.runtime.store.sqlite.prepare("UPDATE customer_contacts SET birthday = '1980-03-06' WHERE id = ?").run(customer.contactId);
    const record = await app.call(
      'care.records.create',
      { customerId: customer.id, contactId: customer.contactId, occasion: 'birthday', occasionDate: '2026-03-06', kind: 'flowers', costFen: 30_000 },
      manager.token,
    );
    const section = await app.call('care.customer', { customerId: customer.id }, manager.token);
    expect(section.upcoming).toEqual([expect.objectContaining({ contactId: customer.contactId, date: '2026-03-06', years: 46, cared: true })]);
    expect(section.records.map((r) => r.id)).toEqual([record.id]);
    expect((await callError(app, 'care.customer', { customerId: otherCustomer.id }, manager.token)).code).toBe('NOT_FOUND');
    const viewer = { id: leader.userId, username: 'l', displayName: 'l', role: 'leader' as const, region: '', sessionTokenHash: null };
    const zh = customerTimeline({ ...app.ctx(), locale: 'zh-CN' }, customer.id, viewer).filter((e) => e.source === 'care');
    const { name } = app.runtime.store.sqlite.prepare('SELECT name FROM customer_contacts WHERE id = ?').get(customer.contactId) as { name: string };
    expect(zh.map((e) => e.title)).toEqual([`友情服务：${name}生日鲜花/蛋糕（¥300.00）`]);
    const en = customerTimeline({ ...app.ctx(), locale: 'en' }, customer.id, viewer).filter((e) => e.source === 'care');
    expect(en[0]!.title).toMatch(/^Courtesy for .+: Birthday Flowers\/cake \(¥300\.00\)$/);
  });
});

describe('who may call which care method', () => {
  it('follows the contract roles: the service desk reads, staff get nothing, only leaders decide and set budgets', async () => {
    const care = METHOD_NAMES.filter((m) => m.startsWith('care.'));
    expect(care).toHaveLength(17);
    const pending = await app.call('care.records.create', gift(90_000), manager.token);
    const inputs: Record<string, unknown> = {
      'care.settings.get': {},
      'care.settings.save': await app.call('care.settings.get', {}, leader.token),
      'care.upcoming': {},
      'care.records.create': gift(100),
      'care.records.decide': { id: pending.id, approve: true },
      'care.records.remove': { id: pending.id },
      'care.records.list': {},
      'care.records.export': {},
      'care.budgets.list': { year: 2026 },
      'care.budgets.set': { ownerId: manager.userId, year: 2026, budgetFen: 1 },
      'care.events.create': { kind: 'executive', title: '走访', date: '2026-03-10', startTime: '09:00' },
      'care.events.update': { id: '00000000-0000-7000-8000-000000000000' },
      'care.events.get': { id: '00000000-0000-7000-8000-000000000000' },
      'care.events.list': {},
      'care.events.invite': { eventId: '00000000-0000-7000-8000-000000000000', guests: [{ customerId: customer.id }] },
      'care.events.guest': { id: '00000000-0000-7000-8000-000000000000' },
      'care.customer': { customerId: customer.id },
    };
    const writes = new Set(['care.settings.save', 'care.records.create', 'care.records.decide', 'care.records.remove', 'care.budgets.set', 'care.events.create', 'care.events.update', 'care.events.invite', 'care.events.guest']);
    const managerOnly = new Set(['care.settings.save', 'care.records.decide', 'care.budgets.set']);
    for (const method of care) {
      expect(inputs[method], method).toBeDefined();
      const forbidden = async (token: string) => {
        const result = await app.api.call(method as never, inputs[method] as never, { token });
        return !result.ok && result.error.code === 'FORBIDDEN';
      };
      expect(await forbidden(staff.token), `${method} staff`).toBe(true);
      expect(await forbidden(desk.token), `${method} desk`).toBe(writes.has(method) || method === 'care.budgets.list');
      expect(await forbidden(otherManager.token), `${method} manager`).toBe(managerOnly.has(method));
    }
  });

  it('names the field of a bad input in Chinese', async () => {
    const bad = await callError(app, 'care.records.create', { ...gift(-1), occasionDate: '2026-02-30' }, manager.token);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toContain('费用');
    expect(bad.message).toContain('日期');
    const event = await callError(app, 'care.events.create', { kind: 'forum', title: '', date: '2026-03-10', startTime: '25:00' }, leader.token);
    expect(event.message).toContain('活动名称');
    expect(event.message).toContain('开始时间');
    const limit = await callError(app, 'care.settings.save', { lookaheadDays: 0, approvalLimitFen: 1, holidays: [] }, leader.token);
    expect(limit.message).toContain('提前提醒天数');
  });
});
