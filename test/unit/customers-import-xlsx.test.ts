import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { readXlsxRows } from '../../src/main/services/customers/import/xlsx';

/**
 * The import's own .xlsx reader (streamed from the zip, so a 100,000-row sheet fits the memory target):
 * what Excel users' files contain must come out exactly as typed, whichever way the file stores it.
 */

async function workbook(fill: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('客户'), wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A file with inline strings (no shared-string table), as exceljs's streaming writer and some exporters make. */
async function inlineWorkbook(rows: string[][]): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'kam-xlsx-'));
  try {
    const file = join(dir, 'inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = writer.addWorksheet('客户');
    for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
    await writer.commit();
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const chinese = (i: number) => [`内蒙古草原第${i}号乳业有限公司`, `呼和浩特市赛罕区大学东街${i}号“甲”座 & <B> 区`, '重点跟进，注意回访😀'];

describe('xlsx reader', () => {
  it('Chinese text split across many inflate chunks comes out ungarbled (shared and inline strings)', async () => {
    const rows = [['客户名称', '地址', '备注'], ...Array.from({ length: 300 }, (_, i) => chinese(i))];
    const shared = await workbook((sheet) => rows.forEach((r) => sheet.addRow(r)));
    const inline = await inlineWorkbook(rows);
    // 97-byte chunks: nearly every chunk boundary falls inside a 3- or 4-byte UTF-8 character.
    expect(await readXlsxRows(shared, 1000, 97)).toEqual(rows);
    expect(await readXlsxRows(inline, 1000, 97)).toEqual(rows);
    expect(await readXlsxRows(inline, 1000)).toEqual(rows);
  });

  it('cells read as the user sees them: numbers, dates, formulas, rich text, booleans, blanks keep their row', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['名称', '金额', '日期', '公式', '富文本', '布尔']);
      sheet.addRow(['金桥', 12500.5, new Date(Date.UTC(2026, 10, 23)), { formula: 'B2*2', result: 25001 }, { richText: [{ text: '内蒙古' }, { text: '伊利', font: { bold: true } }] }, true]);
      sheet.getCell('A4').value = '第四行';
      sheet.getCell('C4').value = 13912345678;
      sheet.getCell('D4').value = { formula: 'A4', result: '第四行' };
    });
    expect(await readXlsxRows(file, 100)).toEqual([
      ['名称', '金额', '日期', '公式', '富文本', '布尔'],
      ['金桥', '12500.5', '2026-11-23', '25001', '内蒙古伊利', 'true'],
      [],
      ['第四行', '', '13912345678', '第四行'],
    ]);
  });

  it('a sheet longer than the limit is refused with a message, not read to the end', async () => {
    const file = await inlineWorkbook([['客户名称'], ...Array.from({ length: 30 }, (_, i) => [`客户${i}`])]);
    await expect(readXlsxRows(file, 29)).rejects.toMatchObject({ code: 'VALIDATION', key: 'import.tooManyRows' });
    expect(await readXlsxRows(file, 30)).toHaveLength(31);
  });

  it('a file that is not an .xlsx is unreadable, not a crash', async () => {
    const error = await readXlsxRows(Buffer.from('客户名称,地址\n金桥,大学东街\n'), 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ key: 'import.unreadable' });
  });
});
