import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoApp, demoSignIn, runReport, table } from './reports-helpers';

/** The .xlsx export holds the same data as the printed report, as a spreadsheet should. */

const app = demoApp();
let leader: string;
beforeAll(async () => {
  leader = (await demoSignIn(app, 'gaojianguo')).token;
}, 120_000);

async function workbook(reportId: string, params: Record<string, string | number | null>, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const result = await app.api.call('reports.export', { reportId, params }, { token: leader, locale });
  if (!result.ok) throw new Error(result.error.message);
  const file = result.data as { fileName: string; base64: string };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return { file, book };
}

function headerRow(sheet: ExcelJS.Worksheet, first: string): number {
  for (let r = 1; r <= 12; r++) if (sheet.getCell(r, 1).value === first) return r;
  throw new Error(`no header ${first} in ${sheet.name}`);
}

describe('Excel export', () => {
  it('writes the revenue ranking with Chinese headers, amounts in 元 with two decimals and percentages', async () => {
    const params = { from: '2025-09', to: '2026-02', limit: 30 };
    const { file, book } = await workbook('revenue-ranking', params);
    expect(file.fileName).toBe('客户收入排名与集中度-2025-09_2026-02.xlsx');
    const doc = await runReport(app, leader, 'revenue-ranking', params);
    const sheet = book.getWorksheet('客户收入排名')!;
    expect(sheet.getCell('A1').value).toBe('呼和浩特分公司 大客户发展中心');
    expect(String(sheet.getCell('A3').value)).toContain('统计期间：2025-09 至 2026-02');
    const h = headerRow(sheet, '排名');
    expect((sheet.getRow(h).values as unknown[]).slice(1, 4)).toEqual(['排名', '客户名称', '等级']);
    const ranking = table(doc, 'ranking').rows;
    expect(sheet.rowCount).toBe(h + ranking.length);
    const first = sheet.getRow(h + 1);
    expect(first.getCell(2).value).toBe(ranking[0]!.name);
    // Fen on paper are 元 in the sheet: a number Excel can sum, formatted #,##0.00.
    expect(first.getCell(6).value).toBe((ranking[0]!.cur as number) / 100);
    expect(first.getCell(6).numFmt).toBe('#,##0.00');
    expect(first.getCell(9).numFmt).toBe('0.0%');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
    // The summary sheet carries the figures.
    const summary = book.getWorksheet('汇总')!;
    const values = summary.getColumn(1).values as unknown[];
    expect(values).toContain('本期收入（元）');
  });

  it('writes English headers for an English caller', async () => {
    const { book } = await workbook('customer-roster', { limit: 20 }, 'en');
    const sheet = book.getWorksheet('Roster')!;
    const h = headerRow(sheet, 'No.');
    expect((sheet.getRow(h).values as unknown[]).slice(1, 3)).toEqual(['No.', 'Customer']);
  });
});
