import { expect, type Locator, type Page } from '@playwright/test';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: string;
  department?: string;
}

/** Users admin page (zh-CN). */
export class UsersPage {
  readonly createButton: Locator;
  readonly search: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.createButton = page.getByRole('button', { name: '新建用户' });
    this.search = page.getByRole('textbox', { name: '搜索用户' });
    this.dialog = page.getByRole('dialog');
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async openCreate() {
    await this.createButton.click();
    await expect(this.dialog).toBeVisible();
  }

  async fillNewUser(user: NewUser) {
    await this.dialog.getByRole('textbox', { name: '用户名' }).fill(user.username);
    await this.dialog.getByRole('textbox', { name: '姓名' }).fill(user.displayName);
    await this.dialog.getByLabel(/^初始密码\s*\*?$/).fill(user.password);
    await this.dialog.getByRole('combobox', { name: '角色' }).click();
    await this.page.getByRole('option', { name: user.role, exact: true }).click();
    if (user.department) await this.dialog.getByRole('textbox', { name: '部门' }).fill(user.department);
  }

  async submitCreate() {
    await this.dialog.getByRole('button', { name: '创建' }).click();
  }
}
