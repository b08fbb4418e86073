import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';
import { ADMIN_PASSWORD } from './servers';
import { apiToken, createUserViaApi, rpc } from './helpers';

const USER_PASSWORD = 'Lock2026pass';

test.describe('signing in', () => {
  test.beforeAll(async ({ request }) => {
    const admin = await apiToken(request, 'admin', ADMIN_PASSWORD);
    for (const username of ['wrongpw', 'lockme']) {
      await createUserViaApi(request, admin, {
        username,
        displayName: `测试${username}`,
        role: 'staff',
        password: USER_PASSWORD,
      });
    }
  });

  test('admin signs in and sees the shell with every module', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('admin', ADMIN_PASSWORD);
    const shell = new ShellPage(page);
    await expect(page.getByRole('heading', { name: '您好，系统管理员' })).toBeVisible();
    for (const name of [
      '首页',
      '客户',
      '绿色通道',
      '黄色通道',
      '红色通道',
      '渠道代理',
      '客户经理',
      '市场信息',
      '报表',
      '用户',
      '分公司设置',
      '审计日志',
      '关于与数据',
    ]) {
      await expect(shell.navLink(name)).toBeVisible();
    }
  });

  test('a wrong password is refused with the number of attempts left', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('wrongpw', 'not-the-password1');
    await expect(login.error).toContainText('用户名或密码错误，再错 4 次账号将锁定 15 分钟。');
    await expect(login.password).toHaveValue('');
    await login.signIn('nobody', 'whatever123');
    await expect(login.error).toHaveText('用户名或密码错误。');
  });

  test('five wrong passwords lock the account, even against the right password', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    for (let left = 4; left >= 1; left--) {
      await login.signIn('lockme', `wrong-${left}-pass`);
      await expect(login.error).toContainText(`再错 ${left} 次`);
    }
    await login.signIn('lockme', 'wrong-0-pass');
    await expect(login.error).toContainText('账号已锁定');
    await login.signIn('lockme', USER_PASSWORD);
    await expect(login.error).toContainText('账号已锁定');
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });

  test('a session ended on the server sends the user back to sign in with the reason', async ({
    page,
    request,
  }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('admin', ADMIN_PASSWORD);
    const shell = new ShellPage(page);
    await expect(shell.nav).toBeVisible();

    const stored = await page.evaluate(() =>
      (
        globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
      ).sessionStorage.getItem('kam.session'),
    );
    const token = (JSON.parse(stored ?? '{}') as { token?: string }).token;
    expect(token).toBeTruthy();
    const { body } = await rpc(request, 'auth.logout', {}, token);
    expect(body.ok).toBe(true);

    await shell.navLink('用户').click();
    await expect(login.username).toBeVisible();
    await expect(login.notice).toHaveText('请先登录。');
  });

  test('signing out returns to the login page', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('admin', ADMIN_PASSWORD);
    const shell = new ShellPage(page);
    await expect(shell.nav).toBeVisible();
    await shell.signOut();
    await expect(login.username).toBeVisible();
    await page.goto('/#/admin/users');
    await expect(login.username).toBeVisible();
  });
});
