import { expect, test } from '@playwright/test';
import { SetupPage } from './pages/SetupPage';
import { ShellPage } from './pages/ShellPage';
import { LoginPage } from './pages/LoginPage';

test.describe('first run on an empty data directory', () => {
  test('the setup screen creates the first administrator and lands in the app', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.expectShown();
    // Even asking for the login page leads back to setup while no user exists.
    await page.goto('/#/login');
    await setup.expectShown();
    await page.screenshot({ path: 'test-results/screenshots/zh-CN-setup.png' });
    await testInfo.attach('setup (zh-CN)', {
      path: 'test-results/screenshots/zh-CN-setup.png',
      contentType: 'image/png',
    });

    await setup.fill({
      branchCode: 'BT',
      branchName: '包头分公司 大客户中心',
      username: 'chief',
      displayName: '李主任',
      password: 'Chief2026pw',
      confirm: 'Mismatch2026',
    });
    await setup.submit.click();
    await expect(page.getByText('两次输入的密码不一致')).toBeVisible();

    await setup.field('确认密码').fill('Chief2026pw');
    await setup.submit.click();

    const shell = new ShellPage(page);
    await expect(page.getByRole('heading', { name: '您好，李主任' })).toBeVisible();
    await expect(shell.header.getByText('包头分公司 大客户中心')).toBeVisible();
    await expect(shell.header.getByText('系统管理员')).toBeVisible();

    // A reload keeps the session (sessionStorage); setup is not offered again.
    await page.reload();
    await expect(page.getByRole('heading', { name: '您好，李主任' })).toBeVisible();
    await page.goto('/#/setup');
    await expect(page.getByRole('heading', { name: '您好，李主任' })).toBeVisible();

    await shell.signOut();
    const login = new LoginPage(page);
    await expect(login.username).toBeVisible();
    await expect(page.getByText('包头分公司 大客户中心')).toBeVisible();
    await login.signIn('chief', 'Chief2026pw');
    await expect(page.getByRole('heading', { name: '您好，李主任' })).toBeVisible();
  });
});
