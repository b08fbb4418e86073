import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';
import { ADMIN_PASSWORD } from './servers';
import { apiToken, createUserViaApi, rpc } from './helpers';

const USER_PASSWORD = 'Lock2026pass';

test.describe('signing in', () => {
  test.beforeAll(async ({ request }) => {
    const admin = await apiToken(request, 'admin', ADMIN_PASSWORD);
    for (const username of ['wrongpw', 'lockme', 'changepw', 'unlockme']) {
      // A failed test restarts the worker and runs this again: users made the first time are fine.
      await createUserViaApi(
        request,
        admin,
        {
          username,
          displayName: `测试${username}`,
          role: 'staff',
          password: USER_PASSWORD,
        },
        { existingIsFine: true },
      );
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
    await expect(login.error).toContainText('用户名或密码错误，再错 4 次账号将锁定 15分钟。');
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

    // The next call the app makes is refused. That may be a home-page query still on its way (on a busy
    // machine the nav is gone before a click could land), so move on by address rather than by a link.
    await page.goto('/#/admin/users');
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

  test('a user changes their own password in the dialog and signs in with the new one', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn('changepw', USER_PASSWORD);
    const shell = new ShellPage(page);
    await shell.userMenu().click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('当前密码').fill('not-my-password1');
    await dialog.getByLabel('新密码', { exact: true }).fill('Changed2026pw');
    await dialog.getByLabel('确认新密码').fill('Changed2026pw');
    await page.keyboard.press('Enter');
    await expect(dialog.getByText('当前密码不正确。')).toBeVisible();
    await dialog.getByLabel('当前密码').fill(USER_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('密码已修改。其他设备上的登录已失效。')).toBeVisible();

    await shell.signOut();
    await login.signIn('changepw', USER_PASSWORD);
    await expect(login.error).toContainText('用户名或密码错误');
    await login.signIn('changepw', 'Changed2026pw');
    await expect(shell.nav).toBeVisible();
  });

  test('an administrator resets the password of a locked account, which unlocks it', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    for (let left = 4; left >= 0; left--) {
      await login.signIn('unlockme', `wrong-${left}-pass`);
      // Each answer arrives before the next try (the button is busy while a sign-in is under way).
      await expect(login.error).toContainText(left > 0 ? `再错 ${left} 次` : '账号已锁定');
    }

    await login.signIn('admin', ADMIN_PASSWORD);
    const shell = new ShellPage(page);
    await shell.open('用户');
    const row = page.getByRole('row').filter({ hasText: 'unlockme' });
    await expect(row).toContainText('已锁定');
    await row.getByRole('button', { name: '测试unlockme 的操作' }).click();
    await page.getByRole('menuitem', { name: '重置密码' }).click();
    const dialog = page.getByRole('dialog', { name: '重置密码：测试unlockme' });
    await dialog.getByLabel('新密码', { exact: true }).fill('Unlocked2026pw');
    await dialog.getByLabel('确认新密码').fill('Unlocked2026pw');
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('正常');

    await shell.signOut();
    await login.signIn('unlockme', 'Unlocked2026pw');
    await expect(shell.nav).toBeVisible();
  });
});
