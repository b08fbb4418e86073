import { expect, type Locator, type Page } from '@playwright/test';

export interface SetupValues {
  branchCode: string;
  branchName: string;
  username: string;
  displayName: string;
  password: string;
  confirm?: string;
  demo?: boolean;
}

/** The first-run screen: branch and first administrator. */
export class SetupPage {
  readonly heading: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: '首次使用：初始化系统' });
    this.submit = page.getByRole('button', { name: '完成初始化' });
  }

  async expectShown() {
    await expect(this.heading).toBeVisible();
  }

  field(label: string): Locator {
    // Required fields end their label with an asterisk.
    return this.page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
  }

  async fill(values: SetupValues) {
    await this.page.getByRole('textbox', { name: '分公司编码' }).fill(values.branchCode);
    await this.page.getByRole('textbox', { name: '分公司名称' }).fill(values.branchName);
    await this.page.getByRole('textbox', { name: '用户名' }).fill(values.username);
    await this.page.getByRole('textbox', { name: '姓名' }).fill(values.displayName);
    await this.field('密码').fill(values.password);
    await this.field('确认密码').fill(values.confirm ?? values.password);
    if (values.demo) await this.page.getByRole('checkbox', { name: /加载演示数据/ }).check();
  }
}
