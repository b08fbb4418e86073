import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { DEMO_PASSWORD } from './servers';

const OUT = 'test-results/forms';

/** The request forms' pages: the list with its queue tabs, the editor, one form and its print preview. */
class RequestFormPages {
  constructor(readonly page: Page) {}
  async openList() {
    await this.page.goto('/#/green/forms');
    await expect(this.page.getByRole('heading', { name: '联系单', level: 2 })).toBeVisible();
  }
  async tab(name: RegExp) {
    await this.page.getByRole('tab', { name }).click();
  }
  async openForm(number: string) {
    await this.page.getByRole('cell', { name: number }).click();
    await expect(this.page.getByRole('heading', { name: number, level: 2 })).toBeVisible();
  }
  /** Takes an action from the form page; actions that ask for text fill the dialog first. */
  async act(action: string, fields: Record<string, string> = {}, select?: { label: string; option: string }) {
    await this.page.getByRole('button', { name: action, exact: true }).first().click();
    const dialog = this.page.getByRole('dialog');
    if (select) {
      await dialog.getByLabel(select.label).click();
      await this.page.getByRole('option', { name: select.option, exact: true }).click();
    }
    for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  status(text: string) {
    return this.page.locator('.mantine-Badge-root', { hasText: text }).first();
  }
}

test('an account manager drafts an important 资源确认单; the leader approves, the centre routes, the department answers, the drafter confirms; the print shows the approval', async ({ page }) => {
  const forms = new RequestFormPages(page);
  const title = `E2E 资源确认 ${Date.now()}`;

  // 王强 drafts an important resource confirmation for one of his customers.
  let shell = await signIn(page, 'wangqiang', DEMO_PASSWORD);
  await forms.openList();
  await page.getByRole('button', { name: /新建联系单/ }).click();
  await page.getByPlaceholder('输入客户名称或信用代码查找').pressSequentially('公司', { delay: 30 });
  await page.getByRole('option').first().click();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('联系内容').fill('客户新园区需新装 200M 互联网专线，请确认光缆纤芯与局端端口资源。');
  await page.getByLabel(/重要/).check();
  await page.getByRole('button', { name: /提交审批/ }).click();
  const heading = page.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText(/HHHT-ZY-/);
  const number = (await heading.textContent())!.trim();
  await expect(forms.status('待审批')).toBeVisible();
  await shell.signOut();

  // 高建国 (the department's leader) finds it in his approvals and approves.
  shell = await signIn(page, 'gaojianguo', DEMO_PASSWORD);
  await forms.openList();
  await forms.tab(/待我审批/);
  await forms.openForm(number);
  await forms.act('同意', { 意见: '同意，请尽快确认资源' });
  await expect(forms.status('响应中心受理')).toBeVisible();
  await shell.signOut();

  // 胡芳 (客户响应中心) routes it to her own centre and answers it.
  shell = await signIn(page, 'hufang', DEMO_PASSWORD);
  await forms.openList();
  await forms.tab(/响应中心待转办/);
  await forms.openForm(number);
  await forms.act('转办', {}, { label: '答复部门', option: '客户响应中心' });
  await expect(forms.status('已转办')).toBeVisible();
  await forms.act('答复', { 答复内容: '经核实，园区东侧光交箱有空余纤芯，局端端口充足，可以开通。' });
  await expect(forms.status('已答复')).toBeVisible();
  await shell.signOut();

  // 王强 confirms it closed; the printed form shows the approval with its approver and time.
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  await forms.openList();
  await forms.tab(/我的待办/);
  await forms.openForm(number);
  await forms.act('确认关闭');
  await expect(forms.status('已确认关闭')).toBeVisible();
  await expect(page.getByText('审批同意')).toBeVisible();

  await page.getByRole('button', { name: '打印预览' }).click();
  const preview = page.getByRole('region', { name: '报表预览' });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByRole('heading', { name: '资源确认单' }).first()).toBeVisible();
  await expect(preview.getByRole('table', { name: '审批意见' })).toContainText('高建国');
  await expect(preview.getByRole('table', { name: '流转与答复' })).toContainText('客户响应中心 答复');
  mkdirSync(OUT, { recursive: true });
  const pdf = join(OUT, 'resource-form.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('资源确认单');
  expect(text).toContain(number);
  expect(text).toContain('审批同意');
  expect(text).toContain('高建国');
  expect(text).toContain('第1页');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, 'resource-form')]);
});
