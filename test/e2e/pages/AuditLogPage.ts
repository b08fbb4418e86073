import { expect, type Locator, type Page } from '@playwright/test';

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
}
