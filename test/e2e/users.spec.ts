import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from './servers';
import { signIn } from './helpers';
import { UsersPage } from './pages/UsersPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { LoginPage } from './pages/LoginPage';
import { DiscardQuestion } from './pages/FormGuard';

test.describe('user administration', () => {
  test('admin creates a user, the new user signs in, and the audit log shows the creation', async ({
    page,
  }) => {
    const shell = await signIn(page, 'admin', ADMIN_PASSWORD);
    await shell.open('用户');
    const users = new UsersPage(page);

    // The server's validation lands on the field it concerns.
    await users.openCreate();
    await users.fillNewUser({
      username: 'bad name',
      displayName: '钱多多',
      password: 'Qian2026pw',
      role: '客户经理',
    });
    await users.submitCreate();
    await expect(users.dialog.getByText('用户名只能包含字母、数字、下划线、点和连字符')).toBeVisible();

    await users.dialog.getByRole('textbox', { name: '用户名' }).fill('qianduoduo');
    await users.dialog.getByRole('textbox', { name: '部门' }).fill('政企行业部');
    await users.submitCreate();
    await expect(users.dialog).toBeHidden();
    await expect(page.getByText('已创建用户 钱多多')).toBeVisible();
    await expect(users.row('qianduoduo')).toContainText('客户经理');
    await expect(users.row('qianduoduo')).toContainText('正常');

    // Same username again: a conflict, explained in the form.
    await users.openCreate();
    await users.fillNewUser({
      username: 'qianduoduo',
      displayName: '重名',
      password: 'Qian2026pw',
      role: '支撑人员',
    });
    await users.submitCreate();
    await expect(users.dialog.getByRole('alert')).toContainText('用户名“qianduoduo”已被使用');
    // What was typed is not thrown away silently: Esc asks first.
    await page.keyboard.press('Escape');
    await new DiscardQuestion(page).discard.click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await shell.signOut();
    const login = new LoginPage(page);
    await login.signIn('qianduoduo', 'Qian2026pw');
    await expect(page.getByRole('heading', { name: '您好，钱多多' })).toBeVisible();
    // An account manager has no user administration.
    await expect(shell.navLink('用户')).toHaveCount(0);
    await page.goto('/#/admin/users');
    await expect(page.getByText('没有访问权限')).toBeVisible();
    await shell.signOut();

    await login.signIn('admin', ADMIN_PASSWORD);
    await shell.open('审计日志');
    const audit = new AuditLogPage(page);
    await audit.choose('对象', '用户');
    await audit.choose('操作', '新建');
    // Other specs create users on this server too; exactly one creation concerns 钱多多.
    const row = audit.rows().filter({ hasText: '钱多多' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('系统管理员');
    await expect(row).toContainText('新建');
    await expect(row).toContainText('用户');
    await row.click();
    // Fields and values as the user form says them, not column names and codes.
    await expect(audit.diff()).toContainText('用户名');
    await expect(audit.diff()).toContainText('qianduoduo');
    await expect(audit.diff()).toContainText('客户经理');
    await expect(audit.diff()).not.toContainText('account_manager');

    // The export holds the filtered list, with the page's columns.
    const download = await audit.exportLog();
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{8}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['时间', '操作人', '操作', '对象', '内容', '记录编号']);
    const lines: string[] = [];
    sheet.eachRow((r, i) => i > 1 && lines.push((r.values as unknown[]).slice(2, 6).join(' ')));
    expect(lines.filter((l) => l.includes('钱多多'))).toEqual(['系统管理员 新建 用户 钱多多']);
  });

  test('admin deactivates a user, who can then no longer sign in', async ({ page }) => {
    const shell = await signIn(page, 'admin', ADMIN_PASSWORD);
    await shell.open('用户');
    const users = new UsersPage(page);
    await users.openCreate();
    await users.fillNewUser({
      username: 'sunli',
      displayName: '孙丽',
      password: 'Sunli2026pw',
      role: '服务台坐席',
    });
    await users.submitCreate();
    await expect(users.dialog).toBeHidden();

    await users.row('sunli').getByRole('button', { name: '孙丽 的操作' }).click();
    await page.getByRole('menuitem', { name: '停用' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await expect(users.row('sunli')).toContainText('已停用');

    await shell.signOut();
    const login = new LoginPage(page);
    await login.signIn('sunli', 'Sunli2026pw');
    await expect(login.error).toHaveText('该账号已停用，请联系管理员。');
  });
});
