import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { DEMO_PASSWORD } from './servers';

const OUT = 'test-results/reports';
const SHOTS = 'test-results/screenshots'; // docs/screenshots holds copies picked for the README

/** The report list and one report's page: conditions, toolbar, A4 preview. */
class ReportPage {
  constructor(readonly page: Page) {}
  async open(title: string) {
    await this.page.getByRole('link', { name: '报表', exact: true }).click();
    await this.page.getByRole('link', { name: new RegExp(title) }).click();
    await expect(this.page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  }
  month(label: string): Locator {
    return this.page.getByLabel(label);
  }
  async setMonths(from: string, to: string) {
    await this.month('起始月份').fill(from);
    await this.month('截止月份').fill(to);
  }
  async run() {
    await this.page.getByRole('button', { name: '生成报表' }).click();
  }
  get preview(): Locator {
    return this.page.getByRole('region', { name: '报表预览' });
  }
  /** Waits for the paginated preview and returns its page count. */
  async pages(): Promise<number> {
    await expect(this.preview).toBeVisible({ timeout: 30_000 });
    return Number(await this.preview.getAttribute('data-pages'));
  }
  /** Prints the preview to an A4 PDF the way Chromium prints it (print CSS, @page size). */
  async pdf(name: string): Promise<string> {
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, `${name}.pdf`);
    await this.page.pdf({ path, preferCSSPageSize: true, printBackground: true });
    return path;
  }
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** The text of one PDF page without whitespace (pdftotext drops or adds spaces between CJK glyphs). */
function pdfText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** PNGs of every page (pdftoppm -png -r 80), kept with the test artifacts. */
function pngs(path: string, name: string, keep: number): string[] {
  const prefix = join(OUT, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', path, prefix]);
  const files = readdirSync(OUT)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort();
  mkdirSync(SHOTS, { recursive: true });
  files.slice(0, keep).forEach((f, i) => copyFileSync(join(OUT, f), join(SHOTS, `report-${name}-${i + 1}.png`)));
  return files;
}

/** The current month in Shanghai, as the leader would pick "this month". */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}
function monthsAgo(n: number): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
}

test('a leader prints the monthly red-channel KPI report, the revenue ranking and the roster to PDF and exports the roster to Excel', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'gaojianguo', DEMO_PASSWORD);

  // The home page is the leader's dashboard; each figure opens the list behind it.
  await expect(page.getByRole('link', { name: /^大客户数/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '超时最严重的工单' })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'report-home-leader.png') });

  const reports = new ReportPage(page);

  // 1. The red-channel KPIs of this month.
  await reports.open('红色通道服务指标');
  await reports.setMonths(thisMonth(), thisMonth());
  await reports.run();
  await expect(reports.preview.getByText(`统计期间：${thisMonth()}`, { exact: true })).toBeVisible();
  const kpiPages = await reports.pages();
  await expect(reports.preview.getByText(`第 1 页 / 共 ${kpiPages} 页`)).toBeVisible();
  await expect(reports.preview.getByRole('heading', { name: '红色通道服务指标' })).toBeVisible();
  // "Save as PDF" in browser mode opens the print dialog; the test records the call.
  // (Typed through globalThis: the test is compiled without the DOM library.)
  type Printable = { print: () => void; printed: number };
  await page.evaluate(() => {
    const w = globalThis as unknown as Printable;
    w.printed = 0;
    w.print = () => {
      w.printed += 1;
    };
  });
  await page.getByRole('button', { name: '保存为 PDF' }).click();
  await page.getByRole('button', { name: '打印' }).click();
  expect(await page.evaluate(() => (globalThis as unknown as Printable).printed)).toBe(2);
  await page.screenshot({ path: join(SHOTS, 'report-ticket-kpis-screen.png') });
  const kpiPdf = await reports.pdf('ticket-kpis');
  expect(pdfPages(kpiPdf)).toBe(kpiPages);
  const kpiText = pdfText(kpiPdf, 1);
  expect(kpiText).toContain('红色通道服务指标');
  expect(kpiText).toContain('呼和浩特分公司');
  expect(kpiText).toContain(`第1页/共${kpiPages}页`);
  pngs(kpiPdf, 'ticket-kpis', 2);

  // 2. The revenue ranking of the last six months: several pages, headers repeated.
  await page.getByRole('link', { name: '返回报表列表' }).click();
  await reports.open('客户收入排名与集中度');
  await reports.setMonths(monthsAgo(6), monthsAgo(1));
  await page.getByLabel('明细行数').fill('150');
  await reports.run();
  await expect(reports.preview.getByText(`统计期间：${monthsAgo(6)} 至 ${monthsAgo(1)}`)).toBeVisible();
  const revenuePages = await reports.pages();
  expect(revenuePages).toBeGreaterThan(2);
  const revenuePdf = await reports.pdf('revenue-ranking');
  expect(pdfPages(revenuePdf)).toBe(revenuePages);
  for (let p = 1; p <= revenuePages; p++) {
    const text = pdfText(revenuePdf, p);
    expect(text, `page ${p}`).toContain(`第${p}页/共${revenuePages}页`);
    expect(text, `page ${p}`).toContain('制表人：高建国');
  }
  // The ranking continues onto page 3 under a repeated header row.
  const page3 = pdfText(revenuePdf, 3);
  expect(page3).toContain('（续）');
  expect(page3).toContain('排名客户名称');
  pngs(revenuePdf, 'revenue-ranking', 3);

  // 3. The roster to Excel, read back with Chinese headers and 元 with two decimals.
  await page.getByRole('link', { name: '返回报表列表' }).click();
  await reports.open('大客户名录');
  const rosterPages = await reports.pages();
  // Printed too: the roster reads the customers table since migration 0017 (no covering index).
  const rosterPdf = await reports.pdf('key-customer-roster');
  expect(pdfPages(rosterPdf)).toBe(rosterPages);
  expect(pdfText(rosterPdf, 1)).toContain('大客户名录');
  expect(pdfText(rosterPdf, rosterPages)).toContain(`第${rosterPages}页/共${rosterPages}页`);
  pngs(rosterPdf, 'key-customer-roster', 2);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('大客户名录.xlsx');
  mkdirSync(OUT, { recursive: true });
  const xlsx = join(OUT, file.suggestedFilename());
  await file.saveAs(xlsx);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx);
  expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '按等级', '按行业', '按区域', '大客户明细']);
  const roster = book.getWorksheet('大客户明细')!;
  expect(roster.getCell('A1').value).toBe('呼和浩特分公司 大客户发展中心');
  expect(roster.getCell('A2').value).toBe('大客户名录');
  // Letterhead rows, the note ("前 200 户，共 … 户"), then the header row.
  let headerRow = 1;
  while (headerRow < 12 && roster.getCell(headerRow, 1).value !== '序号') headerRow++;
  const header = roster.getRow(headerRow).values as unknown[];
  expect(header.slice(1)).toEqual(['序号', '客户名称', '等级', '客户类型', '行业', '区域', '客户经理', '月均消费（元）', '欠费（元）']);
  const first = roster.getRow(headerRow + 1);
  expect(typeof first.getCell(2).value).toBe('string');
  expect(first.getCell(8).numFmt).toBe('#,##0.00');
  expect(typeof first.getCell(8).value).toBe('number');
  expect(roster.getColumn(2).width).toBeGreaterThanOrEqual(30);
});

test('an account manager sees only their own customers in a report and their own figures at home', async ({ page }) => {
  await signIn(page, 'wangqiang', DEMO_PASSWORD);
  await expect(page.getByRole('link', { name: /^我的客户/ })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'report-home-account-manager.png') });
  const reports = new ReportPage(page);
  await reports.open('大客户名录');
  await reports.pages();
  // The manager condition is fixed to themselves, and every roster row is theirs.
  await expect(reports.preview.getByText('客户经理：王强')).toBeVisible();
  const owners = await reports.preview.getByRole('table', { name: '大客户明细' }).first().locator('tbody tr td:nth-child(7)').allTextContents();
  expect(owners.length).toBeGreaterThan(0);
  expect(new Set(owners)).toEqual(new Set(['王强']));
  // The red-channel KPI report is for leaders.
  await page.getByRole('link', { name: '返回报表列表' }).click();
  await expect(page.getByRole('link', { name: /红色通道服务指标/ })).toHaveCount(0);
});

test('the service desk home shows the queue and what is about to breach', async ({ page }) => {
  await signIn(page, 'hufang', DEMO_PASSWORD);
  // The red channel's tile (the green channel's "即将超时的环节" sits beside it).
  await expect(page.getByRole('link', { name: /^即将超时 \d+$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '即将超时的工单' })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'report-home-service-desk.png') });
});
