import { expect, type Locator, type Page } from '@playwright/test';

/** The contract form (/green/contracts/new, /green/contracts/:id/edit). */
export class ContractFormPage {
  readonly heading: Locator;
  readonly title: Locator;
  readonly amount: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: /登记合同|New contract|修改合同|Edit contract/ });
    this.title = page.getByRole('textbox', { name: /合同名称|Contract title/ });
    this.amount = page.getByRole('textbox', { name: /合同金额|Amount/ });
    this.save = page.getByRole('button', { name: /保存|Save/ });
  }
}

/** One contract's page: terms, chain, attachments, timeline and the action buttons with their dialog. */
export class ContractPage {
  readonly status: Locator;
  readonly timeline: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('main').locator('.mantine-Badge-root').first();
    this.timeline = page.getByRole('main').locator('.mantine-Timeline-root');
    this.dialog = page.getByRole('dialog');
  }

  action(name: RegExp): Locator {
    return this.page.getByRole('main').getByRole('button', { name });
  }

  dateField(name: RegExp): Locator {
    return this.dialog.getByLabel(name);
  }

  async goto(id: string) {
    await this.page.goto(`/#/green/contracts/${id}`);
    await expect(this.timeline).toBeVisible({ timeout: 30_000 });
  }
}
