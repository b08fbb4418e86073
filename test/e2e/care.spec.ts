import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { Solar } from 'lunar-typescript';
import { DEMO_PASSWORD } from './servers';
import { apiToken, rpc, signIn } from './helpers';
import { CarePages } from './pages/CarePages';
import { CustomerPage } from './pages/CustomerPage';
import { ShellPage } from './pages/ShellPage';

// Runs against the demo branch (approval limit ¥500). 王强 (wangqiang, account manager) gives a key person of
// his customer a lunar birthday a few days away, sees it on 近期关怀 with its 农历 date, records an ¥800 gift
// (above the limit, so it waits); 高建国 (gaojianguo, leader) finds it from his home tile and approves it;
// 王强 sees it approved and his budget spent, and the customer's timeline shows the gift.
const SHOTS = 'test-results/screenshots';
// Two people's whole afternoon through a busy 2-core machine.
test.describe.configure({ timeout: 600_000 });
const run = Date.now().toString(36).slice(-5).toUpperCase();

async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await expect(page.locator('.mantine-datatable-loader-fetching, .mantine-Loader-root')).toHaveCount(0, { timeout: 30_000 });
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A second person at their own computer: a separate browser context, signed in through the UI. */
async function otherUser(browser: Browser, testInfo: TestInfo, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, username, DEMO_PASSWORD);
  return page;
}

/** A Shanghai date `days` from now, yyyy-MM-dd (the demo server runs on the real clock). */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A day 3–8 days away whose lunar date is an ordinary one (not in a leap month, not the 30th), and that
 * lunar date as a 1980 birthday (the form takes the LUNAR yyyy-MM-dd).
 */
function lunarBirthdaySoon(): { days: number; solar: string; lunarBirthday: string } {
  for (let days = 3; days <= 8; days++) {
    const solar = shanghaiDate(days);
    const [y, m, d] = solar.split('-').map(Number) as [number, number, number];
    const lunar = Solar.fromYmd(y, m, d).getLunar();
    if (lunar.getMonth() > 0 && lunar.getDay() < 30) {
      const md = `${String(lunar.getMonth()).padStart(2, '0')}-${String(lunar.getDay()).padStart(2, '0')}`;
      return { days, solar, lunarBirthday: `1980-${md}` };
    }
  }
  throw new Error('no ordinary lunar day within 3–8 days');
}

const yuan = (fen: number) => `¥${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100)}`;

test('an account manager records a gift above the limit for a lunar birthday, the leader approves it, the budget and the timeline show it', async ({
  page,
  browser,
  request,
}, testInfo) => {
  // Set-up through the API (not the behaviour under test): one of 王强's customers and his budget so far.
  const amToken = await apiToken(request, 'wangqiang', DEMO_PASSWORD);
  const customers = await rpc<{ rows: { id: string; name: string }[] }>(request, 'customers.list', { pageSize: 10, owner: 'me', sort: 'monthlySpend', dir: 'desc' }, amToken);
  expect(customers.body.ok, JSON.stringify(customers.body.error)).toBe(true);
  const customer = customers.body.data!.rows[7]!;
  const year = Number(shanghaiDate(0).slice(0, 4));
  const spentOf = async () => {
    const budgets = await rpc<{ rows: { ownerName: string; spentFen: number }[] }>(request, 'care.budgets.list', { year }, amToken);
    expect(budgets.body.ok, JSON.stringify(budgets.body.error)).toBe(true);
    return budgets.body.data!.rows[0]?.spentFen ?? 0;
  };
  const spentBefore = await spentOf();
  const person = `关怀${run}`;
  const gift = `生日礼品 ${run}`;
  const soon = lunarBirthdaySoon();

  // --- 王强 adds the key person with a lunar (农历) birthday on the customer's page.
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  const profile = new CustomerPage(page);
  await profile.goto(customer.id);
  await expect(profile.heading).toContainText(customer.name, { timeout: 30_000 });
  await profile.tab(/关键人/).click();
  await page.getByRole('button', { name: '添加关键人' }).click();
  await expect(profile.dialog).toBeVisible();
  await profile.field('姓名').fill(person);
  await profile.dialog.getByText('农历', { exact: true }).click();
  // A lunar birthday is typed as text: its day may be 30 in any month.
  await profile.field('生日').fill(soon.lunarBirthday);
  await shoot(page, testInfo, 'care-key-person-lunar-zh-CN');
  await profile.dialog.getByRole('button', { name: '保存' }).click();
  await expect(profile.dialog).toBeHidden({ timeout: 30_000 });
  await expect(profile.row(person)).toContainText(soon.lunarBirthday);
  await expect(profile.row(person)).toContainText('农历');

  // --- 近期关怀 shows the birthday on this year's solar date, N days away, with its lunar date.
  const care = new CarePages(page);
  await care.goto('?occasion=birthday&days=15');
  const upcoming = care.row(person);
  await expect(upcoming).toBeVisible({ timeout: 30_000 });
  await expect(upcoming).toContainText(soon.solar);
  await expect(upcoming).toContainText(`${soon.days} 天后`);
  await expect(upcoming).toContainText('农历');
  await shoot(page, testInfo, 'care-upcoming-zh-CN');

  // --- 记录关怀 from the row: the customer, key person, occasion and date come prefilled.
  await upcoming.getByRole('button', { name: `记录关怀 ${person}` }).click();
  await expect(care.dialog).toBeVisible();
  await expect(care.dialog.getByRole('combobox', { name: '客户' })).toHaveValue(customer.name);
  await expect(care.dialog.getByRole('combobox', { name: '关键人' })).toHaveValue(person);
  await expect(care.dialog.getByLabel(/^日期/)).toHaveValue(soon.solar);
  await care.dialog.getByRole('textbox', { name: '内容' }).fill(gift);
  // A negative cost is refused in place, nothing is sent.
  await care.dialog.getByRole('textbox', { name: '费用（元）' }).fill('-5');
  await care.dialog.getByRole('button', { name: '保存' }).click();
  await expect(care.dialog.getByText('金额不能为负数')).toBeVisible();
  await care.dialog.getByRole('textbox', { name: '费用（元）' }).fill('800');
  await expect(care.dialog.getByText('费用超过审批额度 ¥500.00，提交后需领导审批。')).toBeVisible();
  await shoot(page, testInfo, 'care-record-form-zh-CN');
  await care.save();
  await expect(upcoming).toContainText('已关怀', { timeout: 30_000 });

  // --- 关怀记录: the gift waits for approval.
  await care.goto('/records');
  const record = care.row(gift);
  await expect(record).toContainText('待审批', { timeout: 30_000 });
  await expect(record).toContainText('¥800.00');
  await shoot(page, testInfo, 'care-records-zh-CN');

  // --- 高建国 opens 待审批礼品 from his home page; a rejection needs a reason; he approves.
  const leader = await otherUser(browser, testInfo, 'gaojianguo');
  await leader.getByRole('link', { name: /^待审批礼品 \d+$/ }).click();
  const leaderCare = new CarePages(leader);
  await expect(leader).toHaveURL(/\/yellow\/care\/records\?status=pending/);
  const pending = leaderCare.row(gift);
  await expect(pending).toBeVisible({ timeout: 30_000 });
  await shoot(leader, testInfo, 'care-approval-zh-CN');
  await pending.getByRole('button', { name: `驳回 ${customer.name}` }).click();
  await leaderCare.dialog.getByRole('button', { name: '驳回' }).click();
  await expect(leaderCare.dialog.getByText('驳回时请写明原因')).toBeVisible();
  await leader.keyboard.press('Escape');
  await expect(leaderCare.dialog).toBeHidden();
  await pending.getByRole('button', { name: `批准 ${customer.name}` }).click();
  await leaderCare.dialog.getByRole('textbox', { name: '审批意见' }).fill('同意，注意控制预算');
  await leaderCare.save('批准');
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
  await leaderCare.goto('/budgets');
  await expect(leaderCare.row('王强')).toBeVisible({ timeout: 30_000 });
  await shoot(leader, testInfo, 'care-budgets-leader-zh-CN');
  await leader.goto('/#/yellow/settings');
  await expect(leader.getByRole('button', { name: '保存友情服务设置' })).toBeVisible({ timeout: 30_000 });
  await shoot(leader, testInfo, 'care-settings-zh-CN', true);

  // --- 高建国 plans an executive visit and invites the customer with its new key person, who confirms.
  await leaderCare.goto('/events');
  await leader.getByRole('button', { name: '新建活动' }).click();
  await expect(leaderCare.dialog).toBeVisible();
  await leaderCare.choose(/^类型/, '高层拜访');
  await leaderCare.dialog.getByRole('textbox', { name: /^主题/ }).fill(`高层拜访 ${run}`);
  await leaderCare.dialog.getByLabel(/^日期/).fill(shanghaiDate(10));
  await leaderCare.dialog.getByRole('textbox', { name: '地点' }).fill('客户总部');
  await leaderCare.save();
  await expect(leader.getByRole('heading', { name: `高层拜访 ${run}` })).toBeVisible({ timeout: 30_000 });
  await expect(leader.getByText('还没有邀请客户')).toBeVisible();
  await leader.getByRole('button', { name: '邀请客户' }).click();
  await leaderCare.dialog.getByRole('combobox', { name: '客户' }).fill(customer.name);
  await leader.getByRole('option', { name: customer.name }).first().click();
  await leaderCare.choose('关键人（可选）', person);
  await leaderCare.dialog.getByRole('button', { name: '加入名单' }).click();
  await leaderCare.save('发出邀请（1 家）');
  const guest = leader.getByRole('table', { name: '邀请客户' }).getByRole('row').filter({ hasText: person });
  await expect(guest).toContainText(customer.name, { timeout: 30_000 });
  const reply = guest.getByRole('combobox', { name: `回复/出席 ${customer.name} ${person}` });
  await expect(reply).toHaveValue('已邀请');
  await reply.click();
  await leader.getByRole('option', { name: '已确认' }).click();
  await expect(reply).toHaveValue('已确认', { timeout: 30_000 });
  await shoot(leader, testInfo, 'care-event-zh-CN', true);
  const eventUrl = leader.url();

  // --- 王强 sees it approved (his list is still open: he reloads it), and his budget's spent grew by the gift.
  await page.reload();
  await expect(care.row(gift)).toContainText('已批准', { timeout: 30_000 });
  const spentAfter = await spentOf();
  expect(spentAfter).toBeGreaterThanOrEqual(spentBefore + 80_000);
  await care.goto('/budgets');
  await expect(care.row('王强')).toContainText(yuan(spentAfter), { timeout: 30_000 });
  await shoot(page, testInfo, 'care-budgets-zh-CN');

  // --- The customer's page: the care card and the 360 timeline show the approved gift.
  await profile.goto(customer.id);
  const card = page.getByRole('region', { name: '友情服务' });
  await expect(card).toContainText(gift, { timeout: 30_000 });
  await expect(card).toContainText('已批准');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, testInfo, 'care-customer-card-zh-CN');
  await profile.tab('服务记录').click();
  const timeline = page.getByRole('tabpanel');
  await expect(timeline.getByText(`友情服务：${person}生日礼品（¥800.00）`).first()).toBeVisible({ timeout: 30_000 });
  await expect(timeline.getByText('友情服务礼品（¥800.00）已批准').first()).toBeVisible();
  await shoot(page, testInfo, 'care-customer-timeline-zh-CN');

  // --- 王强's list of forums and executive visits.
  await care.goto('/events');
  await expect(care.row(`高层拜访 ${run}`)).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'care-events-zh-CN');
  await page.goto('/#/');
  await expect(page.getByRole('link', { name: /^近期生日\/纪念日 \d+$/ })).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'care-home-zh-CN', true);

  // --- The same pages in English.
  const shell = new ShellPage(page);
  await shell.switchLanguage('English');
  await care.goto('?occasion=birthday&days=15');
  await expect(care.row(person)).toContainText(`In ${soon.days} days`, { timeout: 30_000 });
  await expect(care.row(person)).toContainText('lunar');
  await expect(care.row(person)).toContainText('Cared');
  await shoot(page, testInfo, 'care-upcoming-en');
  await care.goto('/records');
  await care.main.getByRole('button', { name: 'Record care' }).click();
  await expect(care.dialog.getByRole('heading', { name: 'Record care' })).toBeVisible();
  await care.dialog.getByRole('textbox', { name: 'Cost (yuan)' }).fill('600');
  await expect(care.dialog.getByText(/above the approval limit of ¥500\.00/)).toBeVisible();
  await shoot(page, testInfo, 'care-record-form-en');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(care.dialog).toHaveCount(0);
  await expect(care.row(gift)).toContainText('Approved', { timeout: 30_000 });
  await shoot(page, testInfo, 'care-records-en');
  await care.goto('/budgets');
  await expect(care.row('王强')).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'care-budgets-en');
  await care.goto('/events');
  await expect(care.row(`高层拜访 ${run}`)).toContainText('Executive visit', { timeout: 30_000 });
  await shoot(page, testInfo, 'care-events-en');
  await profile.goto(customer.id);
  await expect(page.getByRole('region', { name: 'Courtesy care' })).toContainText(gift, { timeout: 30_000 });
  await page.getByRole('region', { name: 'Courtesy care' }).scrollIntoViewIfNeeded();
  await shoot(page, testInfo, 'care-customer-card-en');
  await shell.switchLanguage('中文');

  const leaderShell = new ShellPage(leader);
  await leaderShell.switchLanguage('English');
  await leaderCare.goto('/records?status=pending');
  await expect(leader.getByRole('radio', { name: 'Awaiting my approval' })).toBeChecked({ timeout: 30_000 });
  await shoot(leader, testInfo, 'care-approval-en');
  await leader.goto('/#/yellow/settings');
  await expect(leader.getByRole('button', { name: 'Save care settings' })).toBeVisible({ timeout: 30_000 });
  await shoot(leader, testInfo, 'care-settings-en', true);
  await leader.goto(eventUrl);
  await expect(leader.getByRole('table', { name: 'Invited customers' }).getByRole('combobox', { name: /^Reply \/ attendance/ })).toHaveValue('Confirmed', { timeout: 30_000 });
  await shoot(leader, testInfo, 'care-event-en', true);
  await leaderShell.switchLanguage('中文');
  await leader.context().close();
});
