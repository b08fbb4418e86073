import { expect, type Locator, type Page } from '@playwright/test';

/** The customer import wizard (/customers/import), zh-CN labels. */
export class CustomerImportPage {
  readonly fileInput: Locator;
  readonly issues: Locator;
  readonly commitButton: Locator;
  readonly batches: Locator;
  readonly done: Locator;
  /** The calm answer to a file that matches what is recorded. */
  readonly nothingChanged: Locator;

  constructor(readonly page: Page) {
    this.fileInput = page.locator('input[type="file"]');
    this.issues = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '问题', exact: true }) });
    this.commitButton = page.getByRole('button', { name: /^导入 \d+ 行$/ });
    this.batches = page.getByRole('main').getByRole('table').last();
    this.done = page.getByRole('alert', { name: '导入完成' });
    this.nothingChanged = page.getByRole('alert', { name: '没有需要更改的内容' });
  }

  async goto() {
    await this.page.goto('/#/customers/import');
    await expect(this.page.getByText('第一步：选择导入内容和文件')).toBeVisible();
  }

  async chooseKind(label: '客户资料' | '关键人' | '账单') {
    await this.page.getByText(label, { exact: true }).click();
  }

  /** Picks a file from memory (the browser reads it and the server detects its encoding). */
  async chooseFile(name: string, bytes: Buffer) {
    await this.fileInput.setInputFiles({
      name,
      mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
      buffer: bytes,
    });
  }

  issueRow(row: number, column: string): Locator {
    return this.issues
      .getByRole('row')
      .filter({ hasText: column })
      .filter({ has: this.page.getByRole('cell', { name: String(row), exact: true }) });
  }

  batchRow(fileName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: fileName });
  }
}
