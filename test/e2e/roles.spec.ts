import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './servers';
import { signIn } from './helpers';

test.describe('what each role sees', () => {
  test('a department leader reads users and the audit log but cannot edit them', async ({ page }) => {
    const shell = await signIn(page, 'gaojianguo', DEMO_PASSWORD);
    await expect(shell.header.getByText('部门负责人')).toBeVisible();
    await shell.open('用户');
    await expect(page.getByRole('row').filter({ hasText: 'wangqiang' })).toBeVisible();
    await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /的操作$/ })).toHaveCount(0);
    await shell.open('分公司设置');
    await expect(page.getByText('只有系统管理员可以修改分公司设置。')).toBeVisible();
    await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
    await shell.open('审计日志');
    await expect(shell.navLink('总部同步')).toHaveCount(0);
  });

  test('a service-desk operator sees the modules but no administration', async ({ page }) => {
    const shell = await signIn(page, 'hufang', DEMO_PASSWORD);
    await expect(page.getByRole('heading', { name: '您好，胡芳' })).toBeVisible();
    await expect(shell.navLink('红色通道')).toBeVisible();
    for (const name of ['用户', '分公司设置', '审计日志']) await expect(shell.navLink(name)).toHaveCount(0);
    await shell.open('关于与数据');
    await expect(page.getByText('只有系统管理员可以备份数据。')).toBeVisible();
  });
});
