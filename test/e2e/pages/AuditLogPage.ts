import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The audit-log viewer (zh-CN). */
export class AuditLogPage {
  constructor(readonly page: Page) {}

  filter(label: string): Locator {
    return this.page.getByRole('combobox', { name: label, exact: true });
  }

  async choose(label: string, option: string) {
    await this.filter(label).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await expect(this.filter(label)).toHaveValue(option);
  }

  rows(): Locator {
    return this.page.getByRole('main').locator('tbody > tr');
  }

  diff(): Locator {
    return this.page.getByRole('table', { name: '修改前后对比' });
  }

  /** Clicks 导出 Excel; resolves with the file the browser downloads. */
  async exportLog(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '导出 Excel' }).click();
    return download;
  }
}
