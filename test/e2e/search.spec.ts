import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from './servers';
import { signIn } from './helpers';

test('Ctrl+K finds pages and people and goes there', async ({ page }) => {
  const shell = await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.keyboard.press('Control+k');
  const search = page.getByPlaceholder('搜索页面、用户……');
  await expect(search).toBeVisible();
  await search.fill('审计');
  await page.getByRole('button', { name: '审计日志' }).click();
  await expect(shell.pageHeading('审计日志')).toBeVisible();

  // From inside a filter box too.
  await page.getByRole('combobox', { name: '操作人' }).focus();
  await page.keyboard.press('Control+k');
  await expect(search).toBeVisible();
  await search.fill('王强');
  await page.getByRole('button', { name: /王强/ }).click();
  await expect(page.getByRole('dialog', { name: '编辑用户：王强' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('the admin backs up the database from the About page', async ({ page }) => {
  const shell = await signIn(page, 'admin', ADMIN_PASSWORD);
  await shell.open('关于与数据');
  await expect(page.getByText('浏览器模式')).toBeVisible();
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/^备份完成：.*backups/)).toBeVisible();
});
