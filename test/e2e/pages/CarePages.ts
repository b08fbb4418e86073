import { expect, type Locator, type Page } from '@playwright/test';

/** The courtesy-care pages under /yellow/care (zh-CN labels unless given): sections, tables, dialogs. */
export class CarePages {
  readonly main: Locator;
  readonly dialog: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.dialog = page.getByRole('dialog');
    this.table = this.main.getByRole('table').first();
  }

  async goto(path: '' | '/records' | '/records?status=pending' | '/budgets' | '/events' | `/events/${string}` | `?${string}`) {
    await this.page.goto(`/#/yellow/care${path}`);
    await expect(this.main.getByRole('heading', { level: 2 })).toBeVisible({ timeout: 30_000 });
  }

  /** A row of the page's table by a text it holds. */
  row(text: string | RegExp): Locator {
    return this.main.getByRole('row').filter({ hasText: text });
  }

  /** A labelled input of the open dialog. */
  field(label: string | RegExp): Locator {
    return this.dialog.getByLabel(label).first();
  }

  /** Picks an option of a Select in the open dialog. */
  async choose(label: string | RegExp, option: string | RegExp) {
    await this.dialog.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** Saves the open dialog and waits for it to close. */
  async save(name: string | RegExp = '保存') {
    await this.dialog.getByRole('button', { name }).click();
    await expect(this.dialog).toBeHidden({ timeout: 30_000 });
  }
}
