import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The customer list (/customers), zh-CN labels. */
export class CustomerListPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly createButton: Locator;
  readonly exportButton: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 2, name: '客户', exact: true });
    this.search = page.getByRole('textbox', { name: '搜索客户' });
    this.createButton = page.getByRole('button', { name: '新建客户' });
    this.exportButton = page.getByRole('button', { name: '导出 Excel' });
    this.table = page.getByRole('main').getByRole('table');
  }

  async goto(path = '/#/customers') {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  /** Types into the search box and waits until the list shows what the server found. */
  async searchFor(text: string) {
    await this.search.fill(text);
    await expect(this.page.locator('.mantine-datatable-loader-fetching')).toHaveCount(0, { timeout: 30_000 });
  }

  async openCustomer(name: string) {
    await this.page.getByRole('link', { name, exact: true }).click();
  }

  async openCreate(): Promise<CustomerFormDialog> {
    await this.createButton.click();
    const dialog = new CustomerFormDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  async exportList(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.exportButton.click();
    return download;
  }
}

/** The create / edit customer dialog with its duplicate guard. */
export class CustomerFormDialog {
  readonly root: Locator;
  readonly name: Locator;
  readonly creditCode: Locator;
  readonly address: Locator;
  readonly duplicateWarning: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog');
    this.name = this.root.getByRole('textbox', { name: '客户名称' });
    this.creditCode = this.root.getByRole('textbox', { name: '统一社会信用代码' });
    this.address = this.root.getByRole('textbox', { name: '地址' });
    this.duplicateWarning = this.root.getByRole('alert').filter({ hasText: '已存在' });
    this.submit = this.root.getByRole('button', { name: '建档' });
  }

  async pick(label: string, option: string) {
    await this.root.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
}
