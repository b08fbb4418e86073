import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { DEMO_PASSWORD } from './servers';

// 高建国 (gaojianguo, leader) prints last month's visit compliance report (走访达标率) of the demo branch
// to an A4 PDF; its pages are turned into PNGs (pdftoppm) and attached to the run to be looked at.
const OUT = 'test-results/reports';

/** The yellow-channel report's page: conditions and the A4 preview. */
class YellowReportPage {
  constructor(readonly page: Page) {}
  async open(title: string) {
    await this.page.getByRole('link', { name: '报表', exact: true }).click();
    await this.page.getByRole('link', { name: new RegExp(title) }).click();
    await expect(this.page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  }
  get preview(): Locator {
    return this.page.getByRole('region', { name: '报表预览' });
  }
  async pages(): Promise<number> {
    await expect(this.preview).toBeVisible({ timeout: 30_000 });
    return Number(await this.preview.getAttribute('data-pages'));
  }
  async pdf(name: string): Promise<string> {
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, `${name}.pdf`);
    await this.page.pdf({ path, preferCSSPageSize: true, printBackground: true });
    return path;
  }
}

/** The month before this one in Shanghai: the report's default. */
function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

test('a leader prints the visit compliance report by account manager and grade', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, 'gaojianguo', DEMO_PASSWORD);
  const report = new YellowReportPage(page);
  await report.open('走访达标率');
  await expect(page.getByLabel('统计月份')).toHaveValue(lastMonth());
  await page.getByRole('button', { name: '生成报表' }).click();
  await expect(report.preview.getByText(`统计月份：${lastMonth()}`, { exact: true })).toBeVisible();
  const pages = await report.pages();
  await expect(report.preview.getByRole('heading', { name: '走访达标率' })).toBeVisible();
  await expect(report.preview.getByRole('table', { name: '按客户经理', exact: true })).toBeVisible();
  await expect(report.preview.getByText(`第 1 页 / 共 ${pages} 页`)).toBeVisible();

  const pdf = await report.pdf('visit-compliance');
  const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, '');
  expect(text).toContain('走访达标率');
  expect(text).toContain('应访客户');
  expect(text).toContain('制表人：高建国');
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUT, 'visit-compliance')]);
  const pngs = readdirSync(OUT)
    .filter((f) => f.startsWith('visit-compliance-') && f.endsWith('.png'))
    .sort();
  expect(pngs.length).toBe(pages);
  for (const f of pngs) await testInfo.attach(f, { path: join(OUT, f), contentType: 'image/png' });
});
