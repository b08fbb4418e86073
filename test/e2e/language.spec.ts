import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from './servers';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

test('the language switches between zh-CN and English, everywhere, and is remembered', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  const shell = new ShellPage(page);

  await shell.switchLanguage('English');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const en = new LoginPage(page, { username: 'Username', password: 'Password', submit: 'Sign in' });
  // Server messages follow the UI language too.
  await en.signIn('admin', 'wrong-password-1');
  await expect(en.error).toContainText('Wrong username or password.');
  await en.signIn('admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome, 系统管理员' })).toBeVisible();
  await expect(shell.navLink('Green channel')).toBeVisible();
  await expect(shell.navLink('绿色通道')).toHaveCount(0);
  await expect(shell.header.getByText('Administrator')).toBeVisible();

  await page.reload();
  await expect(shell.navLink('Green channel')).toBeVisible();

  await shell.open('Users');
  await expect(page.getByRole('columnheader', { name: 'Last sign-in' })).toBeVisible();

  await shell.switchLanguage('中文');
  await expect(shell.pageHeading('用户')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '最近登录' })).toBeVisible();
  await expect(shell.navLink('绿色通道')).toBeVisible();
});
