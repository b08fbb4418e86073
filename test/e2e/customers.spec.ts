import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../src/shared/credit-code';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './servers';
import { apiToken, rpc, signIn } from './helpers';
import { CustomerListPage } from './pages/CustomerListPage';
import { CustomerPage } from './pages/CustomerPage';
import { CustomerImportPage } from './pages/CustomerImportPage';
import { ShellPage } from './pages/ShellPage';

// Runs against the demo branch: 王强 (wangqiang) and 李娜 (lina) are account managers, 高建国
// (gaojianguo) a department leader, 胡芳 (hufang) on the service desk.
const SHOTS = 'test-results/screenshots';
// Whole journeys through a busy 2-core machine (several servers, other suites) take longer than one page.
test.describe.configure({ timeout: 180_000 });
const run = Date.now().toString(36).slice(-5).toUpperCase();

/** A fresh, valid 统一社会信用代码 (GB 32100 check character) for this run. */
function creditCode(seed: number): string {
  let body = '91150100';
  let n = seed + Date.now();
  for (let i = 0; i < 9; i++) {
    body += CREDIT_CODE_ALPHABET[n % 31];
    n = Math.floor(n / 31) + 7 * (i + 1);
  }
  return body + creditCodeCheckChar(body);
}

/** Set-up through the API (not the behaviour under test): a customer owned by `owner`. */
async function createCustomer(request: APIRequestContext, owner: string, name: string): Promise<string> {
  const token = await apiToken(request, owner, DEMO_PASSWORD);
  const { body } = await rpc<{ id: string }>(
    request,
    'customers.create',
    { name, creditCode: creditCode(name.length) },
    token,
  );
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.data!.id;
}

async function listNames(request: APIRequestContext, user: string, query: string): Promise<string[]> {
  const token = await apiToken(request, user, user === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
  const { body } = await rpc<{ rows: { name: string }[] }>(
    request,
    'customers.list',
    { query, pageSize: 50 },
    token,
  );
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.data!.rows.map((r) => r.name);
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await expect(page.locator('.mantine-datatable-loader-fetching, .mantine-Loader-root')).toHaveCount(0, {
    timeout: 30_000,
  });
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('an account manager creates a customer with key people and a service, and the duplicate guard stops a second copy', async ({
  page,
}) => {
  const name = `青城测试云数据有限公司${run}`;
  const code = creditCode(1);
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  const list = new CustomerListPage(page);
  await list.goto();

  const form = await list.openCreate();
  await form.name.fill(name);
  // A mistyped check character is caught before anything is sent.
  const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  await form.creditCode.fill(wrong);
  await form.address.click();
  await expect(form.root.getByText('统一社会信用代码校验位不正确')).toBeVisible();
  await form.creditCode.fill(code);
  await form.address.fill('呼和浩特市新城区测试路 1 号');
  await form.pick('客户类型', '企业');
  await form.submit.click();

  const customer = new CustomerPage(page);
  await expect(customer.heading).toHaveText(name, { timeout: 30_000 });
  await expect(customer.header.getByText('王强')).toBeVisible();

  await customer.addRow(/关键人/, '添加关键人', {
    姓名: '赵立新',
    职务: '信息中心主任',
    手机: '139 0471 2233',
  });
  await expect(customer.row('赵立新')).toContainText('信息中心主任');
  await customer.addRow(/业务实例/, '添加业务', {
    产品: '互联网专线',
    '业务号码 / 电路编号': `NM-HH-${run}`,
    月租费: '1200',
  });
  await expect(customer.row('互联网专线')).toContainText('¥1,200.00');
  await expect(customer.tab(/关键人/)).toContainText('1');

  // A second copy: same name (the server normalises it) and, separately, the same credit code.
  await list.goto();
  const again = await list.openCreate();
  await again.name.fill(` ${name} `);
  await expect(again.duplicateWarning).toContainText('第一责任人：王强');
  await expect(again.submit).toBeDisabled();
  await again.name.fill('完全不同的名称测试有限公司');
  await again.creditCode.fill(code.toLowerCase());
  await expect(again.duplicateWarning).toContainText('第一责任人：王强');
  await again.duplicateWarning.getByRole('link', { name: '打开已有客户' }).click();
  await expect(customer.heading).toHaveText(name, { timeout: 30_000 });
  expect(await listNames(page.request, 'wangqiang', name)).toEqual([name]);
});

test('a leader transfers a customer with a reason and the ownership log shows it', async ({
  page,
  request,
}) => {
  const name = `塞北测试物流有限公司${run}`;
  const id = await createCustomer(request, 'wangqiang', name);
  await signIn(page, 'gaojianguo', DEMO_PASSWORD);
  const customer = new CustomerPage(page);
  await customer.goto(id);
  await expect(customer.heading).toHaveText(name, { timeout: 30_000 });
  await customer.transferTo('李娜', '王强调岗，客户移交李娜跟进');
  await expect(customer.header.getByText('李娜')).toBeVisible();
  await customer.tab('责任人与阶段').click();
  const entry = customer.row('王强调岗，客户移交李娜跟进');
  await expect(entry).toContainText('移交');
  await expect(entry).toContainText('王强');
  await expect(entry).toContainText('李娜');
  await expect(entry).toContainText('高建国');
});

test("an account manager cannot reach another manager's customer by page, search, export or API", async ({
  page,
  request,
}) => {
  const name = `金川测试矿业有限公司${run}`;
  const id = await createCustomer(request, 'lina', name);
  await signIn(page, 'wangqiang', DEMO_PASSWORD);

  const customer = new CustomerPage(page);
  await customer.goto(id);
  await expect(customer.notFound).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);

  const list = new CustomerListPage(page);
  await list.goto();
  await list.searchFor(name);
  await expect(page.getByText('没有符合条件的客户')).toBeVisible();
  await expect(list.row(name)).toHaveCount(0);

  // The export of the (unfiltered) list holds his own customers but never hers.
  await list.search.fill('');
  const download = await list.exportList();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const cells: string[] = [];
  book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
  expect(cells.length).toBeGreaterThan(10);
  expect(cells).not.toContain(name);

  const token = await apiToken(request, 'wangqiang', DEMO_PASSWORD);
  const { body } = await rpc(request, 'customers.get', { id }, token);
  expect(body.error?.code).toBe('NOT_FOUND');
});

test('a service-desk operator sees key people and services but no bills or credit', async ({
  page,
  request,
}) => {
  const id = await createCustomer(request, 'wangqiang', `托克托测试电力有限公司${run}`);
  await signIn(page, 'hufang', DEMO_PASSWORD);
  const customer = new CustomerPage(page);
  await customer.goto(id);
  await expect(customer.tab(/关键人/)).toBeVisible();
  await expect(customer.tab(/业务实例/)).toBeVisible();
  await expect(customer.tab(/账单缴费/)).toHaveCount(0);
  await expect(customer.tab('信用')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '编辑资料' })).toHaveCount(0);
});

test('importing a GBK .csv with bad rows shows the errors and writes nothing; the fixed file imports everything, and again changes nothing; undo removes the batch', async ({
  page,
}) => {
  const names = [1, 2, 3].map((i) => `和林格尔测试导入${run}第${i}公司`);
  const header = '客户名称,统一社会信用代码,行业,区域,地址\r\n';
  const good = (i: number, code: string) =>
    `${names[i]},${code},能源,和林格尔县,和林格尔县城关镇 ${i + 1} 号\r\n`;
  const codes = [creditCode(11), creditCode(12), creditCode(13)];
  const badCode = codes[1]!.slice(0, 17) + (codes[1]![17] === '0' ? '1' : '0');
  const badFile =
    header +
    good(0, codes[0]!) +
    `${names[1]},${badCode},能源,和林格尔县,地址二\r\n` +
    `,${codes[2]},能源,和林格尔县,地址三\r\n`;
  const fixedFile = header + good(0, codes[0]!) + good(1, codes[1]!) + good(2, codes[2]!);
  const gbk = (text: string) => iconv.encode(text, 'gbk');

  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  const wizard = new CustomerImportPage(page);
  await wizard.goto();
  await wizard.chooseKind('客户资料');
  await wizard.chooseFile(`导入测试${run}.csv`, gbk(badFile));

  await expect(page.getByText('编码：gb18030')).toBeVisible();
  await expect(page.getByText('发现 2 处错误，本次不会导入任何数据')).toBeVisible();
  await expect(wizard.issueRow(3, '统一社会信用代码')).toContainText('校验不通过');
  await expect(wizard.issueRow(4, '客户名称')).toContainText('必填');
  await expect(wizard.commitButton).toBeDisabled();
  expect(await listNames(page.request, 'wangqiang', `测试导入${run}`)).toEqual([]);

  await wizard.chooseFile(`导入测试${run}-修正.csv`, gbk(fixedFile));
  await expect(page.getByText('试运行通过：3 行全部可以导入。')).toBeVisible();
  await wizard.commitButton.click();
  await expect(wizard.done).toContainText('新增 3 条');
  expect((await listNames(page.request, 'wangqiang', `测试导入${run}`)).sort()).toEqual([...names].sort());

  // The same file again is a calm success: nothing to change, nothing written, no history entry.
  await wizard.chooseFile(`导入测试${run}-再次.csv`, gbk(fixedFile));
  await expect(page.getByText('没有需要更改的内容：3 行与系统中的数据一致。', { exact: false })).toBeVisible();
  await wizard.commitButton.click();
  await expect(wizard.nothingChanged).toContainText('文件中的 3 行与系统中的数据一致，未作任何改动。');
  await expect(wizard.batchRow(`导入测试${run}-再次.csv`)).toHaveCount(0);

  const batch = wizard.batchRow(`导入测试${run}-修正.csv`);
  await batch.getByRole('button', { name: '撤销导入' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(batch).toContainText('已撤销');
  expect(await listNames(page.request, 'wangqiang', `测试导入${run}`)).toEqual([]);
});

for (const locale of ['zh-CN', 'en'] as const) {
  test(`screenshots of every customer page (${locale})`, async ({ page }, testInfo) => {
    const shell = await signIn(page, 'gaojianguo', DEMO_PASSWORD);
    if (locale === 'en') await shell.switchLanguage('English');
    const shot = (name: string) => shoot(page, testInfo, `customers-${name}-${locale}`);
    const list = new CustomerListPage(page);
    // The biggest spenders first, so the pictures show the demo branch's living customers.
    await page.goto(
      `/#/customers?f=${encodeURIComponent(JSON.stringify({ sort: 'monthlySpend', dir: 'desc' }))}`,
    );
    // The demo branch's list (thousands of customers) is on screen before the picture is taken.
    await expect(page.getByRole('row').nth(5)).toBeVisible({ timeout: 30_000 });
    await shot('list');
    const first = page.getByRole('main').getByRole('row').nth(1).getByRole('link');
    await first.click();
    const customer = new CustomerPage(page);
    await expect(customer.heading).toBeVisible();
    await shot('360');
    for (const [tab, file] of [
      [locale === 'zh-CN' ? /关键人/ : /Key people/, '360-contacts'],
      [locale === 'zh-CN' ? /账单缴费/ : /Bills/, '360-bills'],
      [locale === 'zh-CN' ? '责任人与阶段' : 'Owner & stage', '360-ownership'],
    ] as const) {
      await customer.tab(tab).click();
      await expect(customer.tab(tab)).toHaveAttribute('aria-selected', 'true');
      await shot(file);
    }
    await page.getByRole('button', { name: locale === 'zh-CN' ? '编辑资料' : 'Edit', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot('form');
    await page.keyboard.press('Escape');
    for (const path of ['pool', 'warnings', 'evaluation', 'import', 'settings']) {
      await page.goto(`/#/customers/${path}`);
      await expect(list.tab(locale === 'zh-CN' ? '客户列表' : 'Customers')).toBeVisible();
      await page.waitForLoadState('networkidle');
      await shot(path);
    }
    await expect(new ShellPage(page).nav).toBeVisible();
  });
}
