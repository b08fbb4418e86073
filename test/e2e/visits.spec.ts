import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD } from './servers';
import { apiToken, rpc, signIn } from './helpers';
import { CustomerPage } from './pages/CustomerPage';
import { NewOrderPage, OrderPage } from './pages/GreenPages';
import { ShellPage } from './pages/ShellPage';
import { PlanPage, VisitCalendarPage, VisitFormPage, VisitListPage, VisitPage, YELLOW_LABELS } from './pages/VisitPages';

// Runs against the demo branch. 王强 (wangqiang, account manager) plans next month's visits, reschedules one on
// the calendar by dragging it, records a visit with a key person and a next step and turns its need into a work
// order; 高建国 (gaojianguo, leader) looks at the team calendar and the overdue customers.
const SHOTS = 'test-results/screenshots';
test.describe.configure({ timeout: 420_000 });
const run = Date.now().toString(36).slice(-5).toUpperCase();

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await expect(page.locator('.mantine-datatable-loader-fetching, .mantine-Loader-root')).toHaveCount(0, { timeout: 30_000 });
  const path = `${SHOTS}/${name}.png`;
  // The pointer off every control, so no tooltip covers the page.
  await page.mouse.move(2, 760);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function otherUser(browser: Browser, testInfo: TestInfo, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, username, DEMO_PASSWORD);
  return page;
}

/** Local dates the way the app computes them (Asia/Shanghai). */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

test('an account manager plans next month, drags a visit to another day, records a visit and turns its need into a work order; the leader sees the team', async ({
  page,
  browser,
  request,
}, testInfo) => {
  const today = shanghaiToday();
  const month = nextMonth(today);

  // Set-up through the API (not the behaviour under test): one of 王强's customers with key people, away from
  // the customers other journeys use.
  const amToken = await apiToken(request, 'wangqiang', DEMO_PASSWORD);
  const customers = await rpc<{ rows: { id: string; name: string }[] }>(request, 'customers.list', { pageSize: 30, owner: 'me', sort: 'monthlySpend', dir: 'desc' }, amToken);
  expect(customers.body.ok, JSON.stringify(customers.body.error)).toBe(true);
  let customer: { id: string; name: string; contact: string } | null = null;
  for (const row of customers.body.data!.rows.slice(8)) {
    const got = await rpc<{ contacts: { name: string }[] }>(request, 'customers.get', { id: row.id }, amToken);
    const contact = got.body.data?.contacts[0];
    if (contact) {
      customer = { id: row.id, name: row.name, contact: contact.name };
      break;
    }
  }
  expect(customer, 'a customer of 王强 with key people').not.toBeNull();

  // --- 王强 generates next month's plan from the rules and submits it.
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  const plan = new PlanPage(page);
  await plan.goto(month);
  await expect(plan.tab('走访计划')).toHaveAttribute('aria-selected', 'true');
  await plan.generate.click();
  await expect(plan.items).toBeVisible({ timeout: 60_000 });
  expect(await plan.items.getByRole('row').count()).toBeGreaterThan(1);
  await plan.submit.click();
  await expect(plan.main.getByText('已提交').first()).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'visits-plan-zh-CN');

  // --- The calendar of that month: a planned visit dragged to another working day is rescheduled.
  const calendar = new VisitCalendarPage(page);
  await calendar.goto(`date=${month}-01`);
  const chip = calendar.plannedChips().first();
  await expect(chip).toBeVisible({ timeout: 30_000 });
  const visitId = (await chip.getAttribute('data-visit-id'))!;
  const from = (await calendar.dayOf(visitId).getAttribute('data-date'))!;
  const to = [1, 2, 3, 4, -1, -2, -3, -4].map((step) => addDays(from, step)).find((d) => d.startsWith(month) && isWeekday(d))!;
  await shoot(page, testInfo, 'visits-calendar-zh-CN');
  await calendar.drag(visitId, to);
  await expect(calendar.day(from).locator(`[data-visit-id="${visitId}"]`)).toHaveCount(0, { timeout: 30_000 });
  const moved = await rpc<{ visitDate: string; customerName: string }>(request, 'visits.get', { id: visitId }, amToken);
  expect(moved.body.data?.visitDate).toBe(to);

  // The day's list (a busy day shows only its first chips) holds it, with 改期 for the keyboard.
  await calendar.day(to).getByRole('button', { name: `${to} 的走访` }).click();
  const dayList = page.getByRole('region', { name: `${to} 的走访` });
  await expect(dayList.getByRole('link', { name: moved.body.data!.customerName })).toBeVisible();
  await dayList.getByRole('button', { name: '改期' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('新日期')).toHaveValue(/\d{4}-\d{2}-\d{2}/);
  await shoot(page, testInfo, 'visits-move-dialog-zh-CN');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // --- A visit recorded from the customer's page: a key person met, a need, a next step with its date.
  const profile = new CustomerPage(page);
  await profile.goto(customer!.id);
  await expect(profile.heading).toContainText(customer!.name, { timeout: 30_000 });
  const card = page.getByRole('region', { name: '客户走访' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.scrollIntoViewIfNeeded();
  await shoot(page, testInfo, 'visits-customer-card-zh-CN');
  await card.getByRole('link', { name: '记录走访' }).click();
  const form = new VisitFormPage(page);
  await expect(form.formHeading).toBeVisible({ timeout: 30_000 });
  await expect(form.customer).toHaveValue(customer!.name, { timeout: 30_000 });
  // Saving without a purpose says so in place and sends nothing.
  await form.save.click();
  await expect(form.main.getByText('必填').first()).toBeVisible();
  expect(page.url()).toContain('/yellow/visits/new');
  await form.pickContact(new RegExp(customer!.contact));
  await form.field(/^走访目的/).fill(`季度走访 ${run}`);
  const need = `新增 200M 互联网专线一条 ${run}`;
  await form.field('客户需求').fill(need);
  await form.field('走访成果').fill('客户认可方案，待报价');
  await form.field('下一步').fill('发送报价单');
  await form.field('下一步日期').fill(addDays(today, 3));
  await shoot(page, testInfo, 'visits-new-zh-CN');
  await form.save.click();

  const visit = new VisitPage(page);
  await expect(visit.number).toHaveText(/ZF/, { timeout: 30_000 });
  const recordedId = page.url().split('/').pop()!;
  await expect(page.getByRole('main')).toContainText(customer!.contact);
  await expect(page.getByRole('main')).toContainText(need);
  await expect(page.getByRole('main').getByText('已完成').first()).toBeVisible();

  // --- Its need becomes a work order in the green channel, prefilled and linked back to the visit.
  await visit.action(YELLOW_LABELS.toOrder).click();
  const orderForm = new NewOrderPage(page);
  await expect(orderForm.heading).toBeVisible({ timeout: 30_000 });
  await expect(orderForm.customer).toHaveValue(customer!.name, { timeout: 30_000 });
  await expect(page.getByRole('main').getByRole('textbox', { name: '备注' })).toHaveValue(new RegExp(need));
  await orderForm.pickBusinessType('新装');
  await orderForm.product(1).fill(`互联网专线 200M ${run}`);
  await page.keyboard.press('Control+Enter');
  const order = new OrderPage(page);
  await expect(order.number).toHaveText(/-GD-/, { timeout: 30_000 });
  const orderNumber = (await order.number.textContent())!.trim();
  await page.getByRole('main').getByRole('link', { name: '查看走访' }).click();
  await expect(visit.number).toHaveText(/ZF/, { timeout: 30_000 });
  expect(page.url()).toContain(recordedId);
  await expect(visit.linked).toContainText(orderNumber, { timeout: 30_000 });
  await shoot(page, testInfo, 'visits-visit-zh-CN');

  // 转为投诉/故障工单 opens the red channel's intake on the same customer with the visit's text.
  await visit.action(YELLOW_LABELS.toTicket).click();
  await expect(page.getByRole('main').getByRole('textbox', { name: /客户名称、业务号码/ })).toHaveValue(customer!.name, { timeout: 30_000 });
  await expect(page.getByRole('main').getByRole('textbox', { name: '详细描述' })).toHaveValue(new RegExp(need));
  await shoot(page, testInfo, 'visits-ticket-intake-zh-CN');
  await page.goBack();
  await expect(visit.number).toHaveText(/ZF/, { timeout: 30_000 });

  // The list holds it; the overdue list is his own.
  const list = new VisitListPage(page);
  await list.goto('/yellow/visits');
  await list.main.getByRole('textbox', { name: '客户名称、编号或内容' }).fill(customer!.name);
  await expect(list.row(customer!.name).first()).toContainText('已完成', { timeout: 30_000 });
  await shoot(page, testInfo, 'visits-list-zh-CN');
  await list.goto('/yellow/overdue');
  await expect(list.table.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, 'visits-overdue-zh-CN');
  await page.goto('/#/');
  const todayTile = page.getByRole('link', { name: /今日走访/ });
  await expect(todayTile).toBeVisible({ timeout: 30_000 });
  await todayTile.scrollIntoViewIfNeeded();
  await shoot(page, testInfo, 'visits-home-manager-zh-CN');

  // --- 高建国 (leader): the team calendar with counts per person, the plans to review and the overdue list.
  const lead = await otherUser(browser, testInfo, 'gaojianguo');
  const teamCal = new VisitCalendarPage(lead);
  await teamCal.goto(`date=${month}-01`);
  await teamCal.whose('团队');
  // Each day counts per person (the first few; the day's list has everyone).
  await expect(teamCal.day(to)).toContainText(/计划 \d+ · 完成 \d+/, { timeout: 30_000 });
  await teamCal.day(to).getByRole('button', { name: `${to} 的走访` }).click();
  await expect(lead.getByRole('region', { name: `${to} 的走访` })).toContainText('王强');
  await shoot(lead, testInfo, 'visits-team-calendar-zh-CN');
  const leadPlan = new PlanPage(lead);
  await leadPlan.goto(month);
  const overview = lead.getByRole('table', { name: `${month} 各客户经理的计划` });
  await expect(overview.getByRole('row').filter({ hasText: '王强' })).toContainText('已提交', { timeout: 30_000 });
  await overview.getByRole('row').filter({ hasText: '王强' }).getByRole('button', { name: /查看/ }).click();
  await lead.getByRole('main').getByRole('button', { name: '审阅', exact: true }).click();
  await lead.getByRole('dialog').getByLabel('审阅意见（可选）').fill('计划合理');
  await lead.getByRole('dialog').getByRole('button', { name: '标记为已审阅' }).click();
  await expect(lead.getByRole('main').getByText('计划合理')).toBeVisible({ timeout: 30_000 });
  await shoot(lead, testInfo, 'visits-plan-review-zh-CN');
  const overdue = new VisitListPage(lead);
  await overdue.goto('/yellow/overdue');
  await expect(overdue.table.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(overdue.main.getByText(/共 \d+ 家客户逾期未访/)).toBeVisible();
  await shoot(lead, testInfo, 'visits-team-overdue-zh-CN');
  await overdue.goto('/yellow/settings');
  await expect(overdue.main.getByRole('table', { name: '走访规则' })).toBeVisible({ timeout: 30_000 });
  await shoot(lead, testInfo, 'visits-settings-zh-CN');
  await lead.goto('/#/');
  await expect(lead.getByRole('link', { name: /团队逾期客户/ })).toBeVisible({ timeout: 30_000 });
  await lead.getByRole('link', { name: /团队逾期客户/ }).scrollIntoViewIfNeeded();
  await shoot(lead, testInfo, 'visits-home-leader-zh-CN');

  // --- The same pages in English.
  await new ShellPage(page).switchLanguage('English');
  await calendar.page.goto(`/#/yellow?date=${month}-01`);
  await expect(page.getByRole('main').getByRole('heading', { level: 2, name: 'Yellow channel' })).toBeVisible({ timeout: 30_000 });
  for (const [path, name] of [
    [`/yellow?date=${month}-01`, 'calendar'],
    [`/yellow/plan?month=${month}`, 'plan'],
    ['/yellow/visits', 'list'],
    ['/yellow/overdue', 'overdue'],
    [`/yellow/visits/new?customerId=${customer!.id}`, 'new'],
    [`/yellow/visits/${recordedId}`, 'visit'],
  ] as const) {
    await page.goto(`/#${path}`);
    await expect(page.getByRole('tab', { name: 'Calendar' })).toBeVisible({ timeout: 30_000 });
    await shoot(page, testInfo, `visits-${name}-en`);
  }
  await profile.goto(customer!.id);
  await expect(page.getByRole('region', { name: 'Visits' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('region', { name: 'Visits' }).scrollIntoViewIfNeeded();
  await shoot(page, testInfo, 'visits-customer-card-en');
  await new ShellPage(lead).switchLanguage('English');
  await teamCal.page.goto(`/#/yellow?date=${month}-01&owner=team`);
  await expect(lead.getByRole('tab', { name: 'Calendar' })).toBeVisible({ timeout: 30_000 });
  await shoot(lead, testInfo, 'visits-team-calendar-en');
  await lead.goto('/#/yellow/settings');
  await expect(lead.getByRole('table', { name: 'Visit rules' })).toBeVisible({ timeout: 30_000 });
  await shoot(lead, testInfo, 'visits-settings-en');

  await lead.context().close();
});
