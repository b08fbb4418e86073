import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD } from './servers';
import { apiToken, rpc, signIn } from './helpers';
import { ContractFormPage, ContractPage } from './pages/ContractPages';
import { ShellPage } from './pages/ShellPage';

// Runs against the demo branch: 王强 (wangqiang, account manager) records and signs a contract for his
// customer ending 60 days from today; the background pass (every minute) sends the renewal reminder to
// him and to his department's leader 高建国 (gaojianguo).
const SHOTS = 'test-results/screenshots';
test.describe.configure({ timeout: 300_000 });
const run = Date.now().toString(36).slice(-5).toUpperCase();

async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await expect(page.locator('.mantine-datatable-loader-fetching, .mantine-Loader-root')).toHaveCount(0, { timeout: 30_000 });
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A Shanghai date `days` from now, yyyy-MM-dd (the demo server runs on the real clock). */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('a contract signed with an end 60 days away is reminded to its owner and the leader', async ({ page, request }, testInfo) => {
  // Set-up through the API (not the behaviour under test): one of 王强's customers.
  const amToken = await apiToken(request, 'wangqiang', DEMO_PASSWORD);
  const customers = await rpc<{ rows: { id: string; name: string }[] }>(
    request,
    'customers.list',
    { pageSize: 1, owner: 'me', sort: 'monthlySpend', dir: 'desc' },
    amToken,
  );
  expect(customers.body.ok, JSON.stringify(customers.body.error)).toBe(true);
  const customer = customers.body.data!.rows[0]!;
  const title = `互联网专线续约合同 ${run}`;
  const end = shanghaiDate(60);

  // --- 王强 opens his customer and records the contract from its contracts card.
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  await page.goto(`/#/customers/${customer.id}`);
  const card = page.getByRole('region', { name: '合同', exact: true });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByRole('link', { name: '登记合同' }).click();
  const form = new ContractFormPage(page);
  await expect(form.heading).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: '客户' })).toHaveValue(customer.name);
  // Saving without a title says so under the field, and nothing is created.
  await form.amount.fill('120000');
  await form.save.click();
  await expect(page.getByText('请填写此项').first()).toBeVisible();
  await form.title.fill(title);
  await form.save.click();

  // --- The draft's page: 签订 with the sign date, start and the end 60 days away.
  const contract = new ContractPage(page);
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible({ timeout: 30_000 });
  await expect(contract.status).toHaveText('草稿');
  const id = page.url().split('/').pop()!;
  await contract.action(/签订/).click();
  await expect(contract.dialog).toBeVisible();
  await contract.dateField(/签订日期/).fill(shanghaiDate(0));
  await contract.dateField(/开始日期/).fill(shanghaiDate(0));
  await contract.dateField(/结束日期/).fill(end);
  await contract.dialog.getByRole('button', { name: '确定' }).click();
  await expect(contract.dialog).toBeHidden();
  await expect(contract.status).toHaveText('即将到期');
  await expect(contract.timeline).toContainText(`合同签订，期限 ${shanghaiDate(0)} 至 ${end}`);
  const detail = await rpc<{ number: string }>(request, 'contracts.get', { id }, amToken);
  const number = detail.body.data!.number;

  // --- Within a minute the background pass reminds the owner and the leader (the app's notifications).
  const leaderToken = await apiToken(request, 'gaojianguo', DEMO_PASSWORD);
  const reminded = async (token: string) => {
    const notes = await rpc<{ rows: { kind: string; message: string; route: string | null }[] }>(request, 'notifications.list', { pageSize: 100 }, token);
    return notes.body.data!.rows.filter((n) => n.kind === 'contract_renewal' && n.message.includes(number));
  };
  await expect.poll(async () => (await reminded(amToken)).length, { timeout: 100_000, intervals: [5_000] }).toBe(1);
  const [toOwner] = await reminded(amToken);
  expect(toOwner!.message).toContain(end);
  expect(toOwner!.message).toContain('60 天');
  expect(toOwner!.route).toBe(`/green/contracts/${id}`);
  expect(await reminded(leaderToken)).toHaveLength(1);

  // The contract's own timeline says so, and the expiring list and the home tile show it.
  await page.reload();
  await expect(contract.timeline).toContainText('到期提醒已发给负责人和领导', { timeout: 30_000 });
  await shoot(page, testInfo, 'contracts-detail-zh-CN', true);
  await page.goto('/#/green/contracts/expiring');
  await expect(page.getByRole('link', { name: number, exact: true })).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'contracts-expiring-zh-CN');
  await page.goto('/#/green/contracts');
  await expect(page.getByRole('main').getByRole('heading', { level: 2, name: '合同管理' })).toBeVisible();
  await shoot(page, testInfo, 'contracts-list-zh-CN');
  await page.goto(`/#/customers/${customer.id}`);
  await expect(page.getByRole('link', { name: number, exact: true })).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'contracts-customer-card-zh-CN');
  await page.goto('/#/');
  await expect(page.getByRole('heading', { name: /即将到期的合同（60 天内）/ })).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'contracts-home-tile-zh-CN', true);

  // The owner sees the reminder under the header's bell; opening it leads to the contract.
  await page.getByRole('button', { name: /^通知（\d+ 条未读）$/ }).click();
  const reminder = page.getByRole('dialog').getByRole('button', { name: new RegExp(number) });
  await expect(reminder).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'notifications-zh-CN');
  await reminder.click();
  await expect(page).toHaveURL(new RegExp(`/green/contracts/${id}$`));

  // --- The same pages in English.
  const shell = new ShellPage(page);
  await shell.switchLanguage('English');
  await page.goto('/#/green/contracts');
  await expect(page.getByRole('main').getByRole('heading', { level: 2, name: 'Contracts' })).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'contracts-list-en');
  await contract.goto(id);
  await expect(contract.status).toHaveText('Expiring');
  await shoot(page, testInfo, 'contracts-detail-en', true);
  await page.goto(`/#/green/contracts/${id}/edit`);
  await expect(new ContractFormPage(page).heading).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'contracts-form-en');
  await shell.switchLanguage('中文');
});
