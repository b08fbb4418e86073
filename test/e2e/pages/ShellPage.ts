import { expect, type Locator, type Page } from '@playwright/test';

/** The signed-in frame: header, navigation, page heading. */
export class ShellPage {
  readonly nav: Locator;
  readonly header: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation');
    // Dialogs have a banner of their own; the app's header comes first.
    this.header = page.getByRole('banner').first();
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** Opens a module from the navigation and waits for its page heading. */
  async open(name: string) {
    await this.navLink(name).click();
    // Generous: a module's first load on a busy 2-core CI machine can be slow; this checks arrival, not speed.
    await expect(this.pageHeading(name)).toBeVisible({ timeout: 30_000 });
  }

  pageHeading(name: string): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2, name, exact: true });
  }

  userMenu(): Locator {
    return this.header.getByRole('button', { name: /用户菜单|User menu/ });
  }

  async signOut(label = '退出登录') {
    await this.userMenu().click();
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  async switchLanguage(label: '中文' | 'English') {
    await this.page.getByText(label, { exact: true }).click();
  }
}
