import { expect, type Locator, type Page } from '@playwright/test';

/** The customer 360 page (/customers/:id), zh-CN labels. */
export class CustomerPage {
  readonly heading: Locator;
  readonly header: Locator;
  readonly notFound: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 2 });
    this.header = page.getByRole('main').locator('.mantine-Paper-root').first();
    this.notFound = page.getByText('找不到该客户');
    this.dialog = page.getByRole('dialog');
  }

  async goto(id: string) {
    await this.page.goto(`/#/customers/${id}`);
  }

  /** The customer id from the current URL. */
  id(): string {
    const match = /#\/customers\/([^/?]+)/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on a customer page: ${this.page.url()}`);
    return match[1];
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  row(text: string): Locator {
    return this.page.getByRole('tabpanel').getByRole('row').filter({ hasText: text });
  }

  field(label: string): Locator {
    return this.dialog.getByRole('textbox', { name: label, exact: true });
  }

  /** Opens a section tab, presses its "add" button and fills the dialog's text fields by label. */
  async addRow(tab: RegExp, addLabel: string, values: Record<string, string>) {
    await this.tab(tab).click();
    await this.page.getByRole('button', { name: addLabel }).click();
    await expect(this.dialog).toBeVisible();
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** A leader moves the customer to another account manager, with a reason. */
  async transferTo(owner: string, reason: string) {
    await this.page.getByRole('button', { name: '更多操作' }).click();
    await this.page.getByRole('menuitem', { name: '移交客户' }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('combobox', { name: '新的第一责任人' }).click();
    await this.page.getByRole('option', { name: new RegExp(`^${owner}`) }).click();
    await this.dialog.getByRole('textbox', { name: '原因' }).fill(reason);
    await this.dialog.getByRole('button', { name: '移交客户' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
