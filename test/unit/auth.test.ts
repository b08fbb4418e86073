import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTestApp, tableCounts, TEST_PASSWORD } from './helpers';

describe('first run', () => {
  it('an empty data directory needs setup; setup creates the admin, signs in and is refused the second time', async () => {
    const app = makeTestApp();
    expect((await app.call('auth.status', {})).setupRequired).toBe(true);
    const session = await app.call('auth.setup', {
      username: 'root',
      displayName: '管理员',
      password: 'Setup1234',
      branchCode: 'BT01',
      branchName: '包头分公司',
      demo: false,
    });
    expect(session.user.role).toBe('admin');
    const status = await app.call('auth.status', {});
    expect(status).toMatchObject({ setupRequired: false, branchCode: 'BT01', branchName: '包头分公司' });
    const again = await app.api.call('auth.setup', {
      username: 'root2',
      displayName: '另一个',
      password: 'Setup1234',
      branchCode: 'BT01',
      branchName: 'x',
    });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error.code).toBe('CONFLICT');
  });

  it('setup with the demo choice builds the demo branch with staff in every role', async () => {
    const app = makeTestApp();
    const session = await app.call('auth.setup', {
      username: 'root',
      displayName: '管理员',
      password: 'Setup1234',
      branchCode: 'HH01',
      branchName: '演示分公司',
      demo: true,
    });
    const list = await app.call('users.list', { pageSize: 200 }, session.token);
    const roles = new Set(list.rows.map((u) => u.role));
    expect([...roles].sort()).toEqual(['account_manager', 'admin', 'leader', 'service_desk', 'staff']);
    expect(list.total).toBeGreaterThanOrEqual(20);
    expect((await app.call('auth.status', {})).branchName).toBe('演示分公司');
  }, 300_000); // the whole demo branch (customers, bills, a year of tickets) is built here
});

describe('signing in', () => {
  it('a wrong password says how many attempts are left; the fifth locks the account for 15 minutes', async () => {
    const app = makeTestApp();
    await app.signIn('staff', 'lisi');
    for (let i = 1; i <= 4; i++) {
      const r = await app.api.call('auth.login', { username: 'lisi', password: 'wrong-1' });
      expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
      expect(!r.ok && r.error.message).toContain(String(5 - i));
    }
    const fifth = await app.api.call('auth.login', { username: 'lisi', password: 'wrong-1' }, { locale: 'en' });
    expect(!fifth.ok && fifth.error.message).toMatch(/locked/);
    // Even the right password is refused while locked.
    const locked = await app.api.call('auth.login', { username: 'lisi', password: TEST_PASSWORD });
    expect(!locked.ok && locked.error.message).toContain('锁定');
    app.clock.advanceMinutes(14);
    expect((await app.api.call('auth.login', { username: 'lisi', password: TEST_PASSWORD })).ok).toBe(false);
    app.clock.advanceMinutes(2);
    expect((await app.api.call('auth.login', { username: 'lisi', password: TEST_PASSWORD })).ok).toBe(true);
  });

  it('failed sign-ins are audited and an unknown user gets the same message as a wrong password', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('admin', 'boss');
    const unknown = await app.api.call('auth.login', { username: 'nobody', password: 'whatever1' });
    expect(!unknown.ok && unknown.error.message).toBe('用户名或密码错误。');
    await app.api.call('auth.login', { username: 'boss', password: 'wrong' });
    const audit = await app.call('audit.list', { action: 'login_failed' }, token);
    expect(audit.total).toBe(1);
  });

  it('a session expires after the idle time set for the branch', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('admin');
    await app.call('settings.updateBranch', { sessionIdleMinutes: 30 }, token);
    app.clock.advanceMinutes(29);
    expect((await app.api.call('auth.me', {}, { token })).ok).toBe(true);
    app.clock.advanceMinutes(31);
    const r = await app.api.call('auth.me', {}, { token });
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
    expect(!r.ok && r.error.message).toContain('过期');
  });

  it('signing out ends the session', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('leader');
    await app.call('auth.logout', {}, token);
    const r = await app.api.call('auth.me', {}, { token });
    expect(!r.ok && r.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('passwords and accounts', () => {
  it('changing the password needs the current one, keeps this session and ends the others', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('account_manager', 'wangqiang');
    const other = await app.call('auth.login', { username: 'wangqiang', password: TEST_PASSWORD });
    const wrong = await app.api.call('auth.changePassword', { currentPassword: 'nope', newPassword: 'Newpass123' }, { token });
    expect(!wrong.ok && wrong.error.message).toBe('当前密码不正确。');
    await app.call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'Newpass123' }, token);
    expect((await app.api.call('auth.me', {}, { token })).ok).toBe(true);
    expect((await app.api.call('auth.me', {}, { token: other.token })).ok).toBe(false);
    expect((await app.api.call('auth.login', { username: 'wangqiang', password: TEST_PASSWORD })).ok).toBe(false);
    expect((await app.api.call('auth.login', { username: 'wangqiang', password: 'Newpass123' })).ok).toBe(true);
  });

  it('a weak new password is refused with the rule in the user language', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('staff');
    const r = await app.api.call('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh' }, { token, locale: 'en' });
    expect(!r.ok && r.error.code).toBe('VALIDATION');
    expect(!r.ok && r.error.issues?.[0]).toEqual({ path: 'newPassword', message: 'the password must contain a digit' });
  });

  it('deactivating a user ends their sessions and stops sign-in', async () => {
    const app = makeTestApp();
    const admin = await app.signIn('admin');
    const staff = await app.signIn('staff', 'zhengkai');
    await app.call('users.update', { id: staff.userId, active: false }, admin.token);
    expect((await app.api.call('auth.me', {}, { token: staff.token })).ok).toBe(false);
    const r = await app.api.call('auth.login', { username: 'zhengkai', password: TEST_PASSWORD });
    expect(!r.ok && r.error.message).toContain('停用');
  });

  it('the last active administrator cannot be deactivated or demoted', async () => {
    const app = makeTestApp();
    const admin = await app.signIn('admin');
    const before = tableCounts(app.runtime);
    const r = await app.api.call('users.update', { id: admin.userId, role: 'staff' }, { token: admin.token });
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(tableCounts(app.runtime)).toEqual(before);
  });

  it('an administrator resets a password, which clears a lockout', async () => {
    const app = makeTestApp();
    const admin = await app.signIn('admin');
    const u = await app.signIn('service_desk', 'hufang');
    for (let i = 0; i < 5; i++) await app.api.call('auth.login', { username: 'hufang', password: 'bad' });
    const listed = await app.call('users.list', { query: 'hufang' }, admin.token);
    expect(listed.rows[0]?.lockedUntil).not.toBeNull();
    const reset = await app.call('users.resetPassword', { id: u.userId, password: 'Fresh1234' }, admin.token);
    expect(reset.lockedUntil).toBeNull();
    expect((await app.api.call('auth.login', { username: 'hufang', password: 'Fresh1234' })).ok).toBe(true);
  });
});

describe('backups', () => {
  it('an administrator backs up the live database into the backups folder; the copy opens with the same users', async () => {
    const app = makeTestApp();
    const admin = await app.signIn('admin', 'boss');
    await app.signIn('staff', 'someone');
    const backup = await app.call('system.backup', {}, admin.token);
    expect(backup.path).toContain('backups');
    expect(backup.bytes).toBeGreaterThan(0);
    const copy = new Database(backup.path, { readonly: true });
    const names = (copy.prepare('SELECT username FROM users ORDER BY username').all() as { username: string }[]).map((r) => r.username);
    expect(names).toEqual(['boss', 'someone']);
    copy.close();
  });

  it('only administrators may back up', async () => {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    const r = await app.api.call('system.backup', {}, { token: leader.token });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});
