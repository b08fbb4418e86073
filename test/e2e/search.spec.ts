import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './servers';
import { CustomerListPage } from './pages/CustomerListPage';
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
  await page.getByRole('button', { name: /^王强/ }).click();
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

const SLOW = 30_000;

test('the customer list and Ctrl+K find 银行, a surname, pinyin and a circuit id, highlighted', async ({ page }) => {
  // The search box is debounced; on a busy 2-core CI machine the answer can take seconds to show.
  await signIn(page, 'gaojianguo', DEMO_PASSWORD);
  const list = new CustomerListPage(page);
  await list.goto();
  const marked = (text: string) => list.table.locator('mark', { hasText: text }).first();
  await list.searchFor('银行');
  await expect(marked('银行')).toBeVisible({ timeout: SLOW });
  await list.searchFor('王');
  // A surname matches key people: the row says so and marks it.
  await expect(list.table.getByText(/^关键人：王/).first()).toBeVisible({ timeout: SLOW });
  await list.searchFor('nmg');
  await expect(marked('内蒙古')).toBeVisible({ timeout: SLOW });
  await list.searchFor('HH12');
  await expect(list.table.getByText(/^业务号码：HH12/).first()).toBeVisible({ timeout: SLOW });

  // Ctrl+K, keyboard only: grouped results, the first one opened with Enter.
  await list.search.fill('');
  await page.keyboard.press('Control+k');
  const search = page.getByPlaceholder('搜索页面、用户……');
  for (const query of ['银行', 'nmg', 'HH12']) {
    await search.fill(query);
    await expect(page.getByRole('dialog').locator('mark').first()).toBeVisible({ timeout: SLOW });
  }
  await search.fill('银行');
  await expect(page.getByRole('button', { name: /银行/ }).first()).toBeVisible({ timeout: SLOW });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/customers\/[0-9a-f-]{36}$/, { timeout: SLOW });
});
