import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD } from './servers';
import { apiToken, rpc, signIn } from './helpers';
import { CustomerPage } from './pages/CustomerPage';
import { GreenListPage, NewOrderPage, OrderPage } from './pages/GreenPages';

// Runs against the demo branch. 王强 (wangqiang, account manager) opens a 新装 order for one of his
// customers; 胡芳 (hufang, 客户响应中心) takes 业务受理; 郑凯 (zhengkai, 网络运维部) 资源确认 and 业务开通;
// 冯雪 (fengxue, 工程建设部) 工程实施, which she first returns to the account manager with 地址错误.
const SHOTS = 'test-results/screenshots';
// A whole order's life through a busy 2-core machine with four signed-in people.
test.describe.configure({ timeout: 420_000 });
const run = Date.now().toString(36).slice(-5).toUpperCase();

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await expect(page.locator('.mantine-datatable-loader-fetching, .mantine-Loader-root')).toHaveCount(0, { timeout: 30_000 });
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A second person at their own computer: a separate browser context, signed in through the UI. */
async function otherUser(browser: Browser, testInfo: TestInfo, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, username, DEMO_PASSWORD);
  return page;
}

/** Opens the order as this person and takes its open stage (受理) then completes it with a result. */
async function acceptAndComplete(order: OrderPage, id: string, stage: string, result: string) {
  await order.goto(id);
  await expect(order.nowAt(stage)).toBeVisible();
  await order.accept();
  await order.run('完成', async () => {
    await order.field('处理结果').fill(result);
  });
  await expect(order.nowAt(stage)).toBeHidden({ timeout: 30_000 });
}

test('an account manager opens an order that passes every department, is returned once with 地址错误, activated onto the customer and signed off', async ({
  page,
  browser,
  request,
}, testInfo) => {
  // Set-up through the API (not the behaviour under test): one of 王强's customers, not his biggest
  // spender (the red channel's journey uses that one meanwhile).
  const amToken = await apiToken(request, 'wangqiang', DEMO_PASSWORD);
  const customers = await rpc<{ rows: { id: string; name: string }[] }>(
    request,
    'customers.list',
    { pageSize: 5, owner: 'me', sort: 'monthlySpend', dir: 'desc' },
    amToken,
  );
  expect(customers.body.ok, JSON.stringify(customers.body.error)).toBe(true);
  const customer = customers.body.data!.rows[3]!;
  const product = `互联网专线 ${run}`;
  const serviceNo = `ZX-${run}`;

  // --- 王强 opens the order from the customer's page.
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  const profile = new CustomerPage(page);
  await profile.goto(customer.id);
  await expect(profile.heading).toContainText(customer.name, { timeout: 30_000 });
  await page.getByRole('main').getByRole('link', { name: /为该客户开单/ }).click();
  const form = new NewOrderPage(page);
  await expect(form.heading).toBeVisible({ timeout: 30_000 });
  await expect(form.customer).toHaveValue(customer.name, { timeout: 30_000 });
  // Submitting without the business type and product says which fields are missing, and sends nothing.
  await form.submit.click();
  await expect(page.getByRole('main').getByText('必填').first()).toBeVisible();
  expect(page.url()).toContain('/green/orders/new');

  await form.pickBusinessType('新装');
  // The template's stages and limits show before anything is sent.
  await expect(form.stages.getByRole('row')).toHaveCount(7);
  await expect(form.stages).toContainText('工程实施');
  await form.product(1).fill(product);
  await form.siteAddress.fill('呼和浩特市赛罕区大学东街 1 号（地址待核）');
  await shoot(page, testInfo, 'green-new-order-zh-CN');
  await page.keyboard.press('Control+Enter');

  const order = new OrderPage(page);
  await expect(order.number).toHaveText(/-GD-/, { timeout: 30_000 });
  const id = order.id();
  const number = (await order.number.textContent())!.trim();
  await expect(order.nowAt('需求确认')).toBeVisible();
  await expect(order.track.getByRole('row')).toHaveCount(8);

  // 需求确认 is the account manager's own stage.
  await order.accept();
  await order.run('完成', async () => {
    await order.field('处理结果').fill('客户需求：100M 互联网专线一条');
  });
  await expect(order.nowAt('业务受理')).toBeVisible({ timeout: 30_000 });

  // --- 胡芳 (客户响应中心) finds it in her department's queue and takes it.
  const desk = await otherUser(browser, testInfo, 'hufang');
  const deskQueue = new GreenListPage(desk);
  await deskQueue.goto('/green/queue');
  await expect(deskQueue.tab(/我部门待办/)).toHaveAttribute('aria-selected', 'true');
  await expect(deskQueue.row(number)).toBeVisible({ timeout: 30_000 });
  await shoot(desk, testInfo, 'green-queue-zh-CN');
  await acceptAndComplete(new OrderPage(desk), id, '业务受理', '资料齐全，已受理');

  // --- 郑凯 (网络运维部) confirms the resources.
  const ops = await otherUser(browser, testInfo, 'zhengkai');
  const opsOrder = new OrderPage(ops);
  await acceptAndComplete(opsOrder, id, '资源确认', '端口与光缆资源充足');

  // --- 王强: the contract stage is skippable; the framework agreement covers it.
  await order.goto(id);
  await expect(order.nowAt('合同签订')).toBeVisible();
  await order.run('跳过', async () => {
    await order.field('跳过原因').fill('已有框架协议');
  });
  await expect(order.nowAt('工程实施')).toBeVisible({ timeout: 30_000 });

  // --- 冯雪 (工程建设部) finds the address wrong and returns the order to the account manager.
  const eng = await otherUser(browser, testInfo, 'fengxue');
  const engOrder = new OrderPage(eng);
  await engOrder.goto(id);
  await expect(engOrder.nowAt('工程实施')).toBeVisible();
  await engOrder.accept();
  await engOrder.run('异常返单', async () => {
    await engOrder.pick('返回到', /^客户经理/);
    await engOrder.pick('返单原因', '地址错误');
    await engOrder.field('具体说明').fill('现场无此门牌号');
  });
  await expect(engOrder.page.getByRole('main').getByText('退回客户经理').first()).toBeVisible({ timeout: 30_000 });
  await expect(engOrder.stageRows('engineering').first()).toContainText('地址错误');

  // --- 王强 sees it returned to him, fixes the address and resubmits to 工程实施.
  const mine = new GreenListPage(page);
  await mine.goto('/green/queue');
  await mine.tab(/退回/).click();
  await expect(mine.row(number)).toBeVisible({ timeout: 30_000 });
  await mine.row(number).getByRole('link', { name: number }).click();
  await expect(order.number).toHaveText(number, { timeout: 30_000 });
  await order.run('重新提交', async () => {
    await order.field('装机地址').fill('呼和浩特市赛罕区大学东街 165 号');
    await order.field('修改说明').fill('已与客户核实门牌号');
  });
  await expect(order.nowAt('工程实施')).toBeVisible({ timeout: 30_000 });

  // --- 冯雪 builds it: the stage now has two attempts, the first returned with its reason.
  await acceptAndComplete(engOrder, id, '工程实施', '光缆入户，设备安装完毕');
  await expect(engOrder.stageRows('engineering')).toHaveCount(2);
  await expect(engOrder.stageRows('engineering').first()).toContainText('已退回');

  // --- 郑凯 activates the service: it is written onto the customer.
  await opsOrder.goto(id);
  await expect(opsOrder.nowAt('业务开通')).toBeVisible();
  await opsOrder.accept();
  await opsOrder.run('完成', async () => {
    await expect(opsOrder.dialog.getByRole('textbox', { name: '产品 1', exact: true })).toHaveValue(product);
    await opsOrder.field('业务号码 / 电路编号 1').fill(serviceNo);
    await opsOrder.field('带宽 1').fill('100M');
    await opsOrder.field('月费 1').fill('1200');
    await opsOrder.field('处理结果').fill('已开通');
    await shoot(ops, testInfo, 'green-activation-zh-CN');
  });
  await expect(opsOrder.nowAt('客户签收')).toBeVisible({ timeout: 30_000 });

  // --- 王强: 客户签收 closes and archives the order.
  await order.goto(id);
  await order.run('客户签收', async () => {
    await order.field('签收说明').fill('客户已签字确认');
  });
  await expect(order.page.getByRole('main').getByText('已归档').first()).toBeVisible({ timeout: 30_000 });
  await expect(order.timeline).toContainText('地址错误');
  await shoot(page, testInfo, 'green-order-zh-CN');

  // The order list shows it archived with its one return.
  const list = new GreenListPage(page);
  await list.goto('/green');
  await expect(list.row(number)).toContainText('已归档', { timeout: 30_000 });
  await shoot(page, testInfo, 'green-list-zh-CN');

  // The customer's profile: the service from 业务开通, and every step on the timeline.
  await profile.goto(customer.id);
  await expect(profile.heading).toContainText(customer.name, { timeout: 30_000 });
  await profile.tab(/业务实例/).click();
  await expect(profile.row(serviceNo)).toContainText('100M');
  await profile.tab('服务记录').click();
  const timeline = page.getByRole('tabpanel');
  for (const step of ['异常返单', '重新提交', '业务开通', '客户签收']) {
    await expect(timeline.getByText(new RegExp(`${number}.*${step}`)).first()).toBeVisible({ timeout: 30_000 });
  }
  await shoot(page, testInfo, 'green-customer-timeline-zh-CN');

  await Promise.all([desk.context().close(), ops.context().close(), eng.context().close()]);
});
