import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ADMIN_PASSWORD } from './servers';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

const SHOTS = 'test-results/screenshots';

/**
 * Every navigation entry, in both languages. Modules are being built one by one: a page that is not
 * built yet must say so plainly and list what it will cover, instead of showing anything resembling data.
 */
const MODULES = [
  { key: 'home', zh: '首页', en: 'Home', heading: { zh: '您好，系统管理员', en: 'Welcome, 系统管理员' } },
  { key: 'customers', zh: '客户', en: 'Customers' },
  { key: 'green', zh: '绿色通道', en: 'Green channel' },
  { key: 'yellow', zh: '黄色通道', en: 'Yellow channel' },
  { key: 'red', zh: '红色通道', en: 'Red channel' },
  { key: 'agents', zh: '渠道代理', en: 'Channel agents' },
  { key: 'managers', zh: '客户经理', en: 'Account managers' },
  { key: 'market', zh: '市场信息', en: 'Market information' },
  { key: 'reports', zh: '报表', en: 'Reports' },
  { key: 'users', zh: '用户', en: 'Users' },
  { key: 'branch', zh: '分公司设置', en: 'Branch settings' },
  { key: 'audit', zh: '审计日志', en: 'Audit log' },
  { key: 'sync', zh: '总部同步', en: 'HQ sync' },
  { key: 'about', zh: '关于与数据', en: 'About & data' },
] as const;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const locale of ['zh', 'en'] as const) {
  const tag = locale === 'zh' ? 'zh-CN' : 'en';
  test(`every module page opens from the navigation (${tag}), with a screenshot of each`, async ({
    page,
  }, testInfo) => {
    await page.goto('/#/login');
    const shell = new ShellPage(page);
    if (locale === 'en') await shell.switchLanguage('English');
    const login =
      locale === 'zh'
        ? new LoginPage(page)
        : new LoginPage(page, { username: 'Username', password: 'Password', submit: 'Sign in' });
    await expect(login.username).toBeVisible();
    await shoot(page, testInfo, `${tag}-login`);
    await login.signIn('admin', ADMIN_PASSWORD);
    await expect(shell.nav).toBeVisible();

    for (const module of MODULES) {
      await shell.navLink(module[locale]).click();
      const heading = 'heading' in module ? module.heading[locale] : module[locale];
      // Arrival, not speed: the first load of a big list on a busy machine can take a while.
      await expect(shell.pageHeading(heading)).toBeVisible({ timeout: 30_000 });
      const notYet = page.getByText(locale === 'zh' ? '本模块尚未开放' : 'This module is not available yet');
      if ((await notYet.count()) > 0) {
        testInfo.annotations.push({ type: 'pending module', description: module.key });
        await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
      }
      // Lists have loaded before the picture is taken.
      await page.waitForLoadState('networkidle');
      await shoot(page, testInfo, `${tag}-${module.key}`);
    }
  });
}
