import { beforeEach, describe, expect, it } from 'vitest';
import { runBackgroundJobsOnce } from '../../src/main/jobs';
import { makeTestApp, TEST_PASSWORD, type TestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';
import { setDepartment, setShanghaiTime, signedInput } from './contracts-fixtures';

let app: TestApp;
let manager: { token: string; userId: string };
let leader: { token: string; userId: string };
let otherLeader: { token: string; userId: string };
let customerId: string;

beforeEach(async () => {
  app = makeTestApp({ file: false });
  manager = await app.signIn('account_manager', 'wangqiang');
  leader = await app.signIn('leader', 'gaojianguo');
  otherLeader = await app.signIn('leader', 'zhaomin');
  sessions.clear();
  usernames.set(manager.token, 'wangqiang').set(leader.token, 'gaojianguo').set(otherLeader.token, 'zhaomin');
  setDepartment(app, manager.userId, '大客户发展中心');
  setDepartment(app, leader.userId, '大客户发展中心');
  setDepartment(app, otherLeader.userId, '客户响应中心');
  customerId = addCustomer(app, { ownerId: manager.userId }).id;
});

const usernames = new Map<string, string>();

/** A fresh session of a user: moving the clock by months ends idle sessions. */
const sessions = new Map<string, { ms: number; token: string }>();
async function tokenOf(user: { token: string }) {
  const kept = sessions.get(user.token);
  if (kept && Math.abs(app.clock.ms - kept.ms) < 3_600_000) return kept.token;
  const session = await app.call('auth.login', { username: usernames.get(user.token)!, password: TEST_PASSWORD });
  sessions.set(user.token, { ms: app.clock.ms, token: session.token });
  return session.token;
}

/** The renewal notifications a user sees. */
async function renewalNotices(user: { token: string }) {
  const page = await app.call('notifications.list', { pageSize: 50 }, await tokenOf(user));
  return page.rows.filter((n) => n.kind === 'contract_renewal');
}

/** One background pass at a Shanghai date and time (the app's clock set there first). */
function passAt(date: string, time = '00:00') {
  setShanghaiTime(app, date, time);
  runBackgroundJobsOnce(app.runtime);
}

describe('renewal reminders', () => {
  it('go out exactly 60 days before the end, to the owner and the leader of the owner\'s department, once', async () => {
    const k = await app.call('contracts.create', signedInput(customerId, { start: '2025-07-01', end: '2026-06-30' }), await tokenOf(manager));

    passAt('2026-04-30', '23:59'); // 61 days before the end
    expect(await renewalNotices(manager)).toHaveLength(0);
    expect(await renewalNotices(leader)).toHaveLength(0);

    passAt('2026-05-01'); // 60 days before
    const toOwner = await renewalNotices(manager);
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]!.message).toContain(k.number);
    expect(toOwner[0]!.message).toContain('2026-06-30');
    expect(toOwner[0]!.route).toBe(`/green/contracts/${k.id}`);
    expect(await renewalNotices(leader)).toHaveLength(1);
    // The leader of another department is not this contract's leader.
    expect(await renewalNotices(otherLeader)).toHaveLength(0);

    // Every later pass of the same term sends nothing more.
    passAt('2026-05-01', '00:01');
    passAt('2026-06-15');
    expect(await renewalNotices(manager)).toHaveLength(1);
    expect(await renewalNotices(leader)).toHaveLength(1);
    const detail = await app.call('contracts.get', { id: k.id }, await tokenOf(manager));
    expect(detail.remindedEndDate).toBe('2026-06-30');
    expect(detail.events.filter((e) => e.kind === 'reminder')).toHaveLength(1);
  });

  it('after a tacit extension count from the new end, never from the original one', async () => {
    const k = await app.call('contracts.create', signedInput(customerId, { start: '2025-07-01', end: '2026-06-30' }), await tokenOf(manager));
    passAt('2026-05-01');
    expect(await renewalNotices(manager)).toHaveLength(1);

    setShanghaiTime(app, '2026-06-20', '10:00');
    const extended = await app.call('contracts.extend', { id: k.id, endDate: '2027-06-30', note: '自动顺延一年' }, await tokenOf(manager));
    expect(extended.endDate).toBe('2027-06-30');
    expect(extended.originalEndDate).toBe('2026-06-30');
    expect(extended.displayStatus).toBe('active');

    // Passing the original end and the day 60 days before the original end's anniversary: nothing.
    passAt('2026-06-30');
    passAt('2027-04-30', '23:59');
    expect(await renewalNotices(manager)).toHaveLength(1);

    passAt('2027-05-01'); // 60 days before the new end
    const notices = await renewalNotices(manager);
    expect(notices).toHaveLength(2);
    expect(notices[0]!.message).toContain('2027-06-30');
    expect(await renewalNotices(leader)).toHaveLength(2);

    // A second extension keeps the first original end.
    const again = await app.call('contracts.extend', { id: k.id, endDate: '2028-06-30' }, await tokenOf(manager));
    expect(again.originalEndDate).toBe('2026-06-30');
  });

  it('after a renewal go out for the successor\'s end only, and the reminder days are a setting', async () => {
    await app.call('contracts.settings.save', { reminderDays: 30 }, await tokenOf(leader));
    const k = await app.call('contracts.create', signedInput(customerId, { start: '2025-07-01', end: '2026-06-30' }), await tokenOf(manager));

    passAt('2026-05-01'); // 60 days before: too early with a 30-day setting
    expect(await renewalNotices(manager)).toHaveLength(0);
    passAt('2026-05-31'); // 30 days before
    expect(await renewalNotices(manager)).toHaveLength(1);

    setShanghaiTime(app, '2026-06-10', '10:00');
    const next = await app.call(
      'contracts.renew',
      { id: k.id, amountFen: 13_000_000, signDate: '2026-06-10', startDate: '2026-07-01', endDate: '2027-06-30' },
      await tokenOf(manager),
    );
    passAt('2027-05-30', '23:59');
    expect(await renewalNotices(manager)).toHaveLength(1);
    passAt('2027-05-31');
    const notices = await renewalNotices(manager);
    expect(notices).toHaveLength(2);
    expect(notices[0]!.message).toContain(next.number);
    expect(notices.filter((n) => n.message.includes(k.number))).toHaveLength(1);
  });

  it('leave drafts, terminated contracts and ends already past alone', async () => {
    const draft = await app.call('contracts.create', { customerId, title: '草稿合同', amountFen: 100, endDate: '2026-06-30' }, await tokenOf(manager));
    const ended = await app.call('contracts.create', signedInput(customerId, { start: '2025-01-01', end: '2026-03-01' }), await tokenOf(manager));
    const stopped = await app.call('contracts.create', signedInput(customerId, { start: '2025-07-01', end: '2026-06-30' }), await tokenOf(manager));
    await app.call('contracts.terminate', { id: stopped.id, reason: '客户业务调整' }, await tokenOf(manager));
    passAt('2026-05-15');
    expect(await renewalNotices(manager)).toHaveLength(0);
    expect(draft.displayStatus).toBe('draft');
    expect((await app.call('contracts.get', { id: ended.id }, await tokenOf(manager))).displayStatus).toBe('expired');
  });
});
