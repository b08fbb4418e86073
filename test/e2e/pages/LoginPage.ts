import { expect, type Locator, type Page } from '@playwright/test';

/** The sign-in screen (zh-CN labels unless the test switched the language). */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly notice: Locator;

  constructor(
    readonly page: Page,
    labels = { username: '用户名', password: '密码', submit: '登录' },
  ) {
    this.username = page.getByRole('textbox', { name: labels.username });
    this.password = page.getByLabel(labels.password, { exact: true });
    this.submit = page.getByRole('button', { name: labels.submit, exact: true });
    this.error = page.getByRole('alert');
    this.notice = page.getByRole('status').filter({ hasText: /./ });
  }

  async goto() {
    await this.page.goto('/#/login');
    await expect(this.username).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
