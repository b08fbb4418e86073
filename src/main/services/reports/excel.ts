import ExcelJS from 'exceljs';
import type { CellFormat, ReportColumn, ReportDocument } from '../../../shared/contract/reports';
import type { Locale } from '../../../shared/locale';
import { tx, translator } from './text';

/** Excel number formats per cell format: 元 with two decimals and thousands separators, ratios as %. */
const NUM_FMT: Partial<Record<CellFormat, string>> = {
  int: '#,##0',
  fen: '#,##0.00',
  percent: '0.0%',
  decimal: '#,##0.00',
  hours: '#,##0.0',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF9AA5B1' } },
  bottom: { style: 'thin', color: { argb: 'FF9AA5B1' } },
  left: { style: 'thin', color: { argb: 'FF9AA5B1' } },
  right: { style: 'thin', color: { argb: 'FF9AA5B1' } },
};
const FONT = 'Microsoft YaHei';

/** A stored value as Excel should hold it: fen become 元 (a number, formatted), times become Shanghai text. */
function excelValue(value: string | number | null, format: CellFormat): ExcelJS.CellValue {
  if (value === null) return null;
  if (format === 'fen' && typeof value === 'number') return value / 100;
  if (format === 'datetime' && typeof value === 'string') return shanghaiText(value);
  return value;
}

function shanghaiText(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Excel refuses []:*?/\ in sheet names and more than 31 characters; names must also be unique. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

function headerBlock(sheet: ExcelJS.Worksheet, doc: ReportDocument, locale: Locale, width: number): number {
  const t = translator(locale);
  const lines = [
    doc.branchName,
    doc.title,
    doc.params.map((p) => `${p.label}：${p.value}`).join('    '),
    t(tx(`制表人：${doc.printedBy}    制表时间：${shanghaiText(doc.printedAt)}`, `Printed by ${doc.printedBy} at ${shanghaiText(doc.printedAt)}`)),
  ];
  lines.forEach((text, i) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, Math.max(1, width));
    row.getCell(1).font = { name: FONT, bold: i <= 1, size: i === 1 ? 14 : 10 };
    row.getCell(1).alignment = { horizontal: i <= 1 ? 'center' : 'left' };
  });
  sheet.addRow([]);
  return lines.length + 1;
}

function addTable(sheet: ExcelJS.Worksheet, columns: ReportColumn[], rows: Record<string, string | number | null>[], totals: Record<string, string | number | null> | null) {
  const header = sheet.addRow(columns.map((c) => c.label));
  header.eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const write = (data: Record<string, string | number | null>, bold: boolean) => {
    const row = sheet.addRow(columns.map((c) => excelValue(data[c.key] ?? null, c.format)));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const fmt = NUM_FMT[c.format];
      if (fmt) cell.numFmt = fmt;
      cell.font = { name: FONT, bold };
      cell.border = THIN;
    });
  };
  for (const r of rows) write(r, false);
  if (totals) write(totals, true);
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(c.width, [...c.label].length * 2 + 2);
  });
  return header.number;
}

/**
 * The report as an .xlsx: a summary sheet (letterhead, parameters, figures) when it has figures,
 * then one sheet per table with the letterhead, bold Chinese headers, frozen header row, number
 * formats and column widths.
 */
export async function reportWorkbook(doc: ReportDocument, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const book = new ExcelJS.Workbook();
  book.creator = doc.printedBy;
  book.created = new Date(doc.printedAt);
  const taken = new Set<string>();

  if (doc.summary.length > 0) {
    const sheet = book.addWorksheet(sheetName(t(tx('汇总', 'Summary')), taken));
    headerBlock(sheet, doc, locale, 2);
    addTable(
      sheet,
      [
        { key: 'label', label: t(tx('指标', 'Figure')), format: 'text', width: 28 },
        { key: 'value', label: t(tx('数值', 'Value')), format: 'text', width: 20 },
      ],
      [],
      null,
    );
    for (const item of doc.summary) {
      const row = sheet.addRow([item.label, excelValue(item.value, item.format)]);
      const fmt = NUM_FMT[item.format];
      if (fmt) row.getCell(2).numFmt = fmt;
      row.eachCell((cell) => {
        cell.font = { name: FONT };
        cell.border = THIN;
      });
    }
  }

  for (const table of doc.tables) {
    const sheet = book.addWorksheet(sheetName(table.title, taken));
    headerBlock(sheet, doc, locale, table.columns.length);
    if (table.note) sheet.addRow([table.note]).getCell(1).font = { name: FONT, italic: true, size: 9 };
    const headerRow = addTable(sheet, table.columns, table.rows, table.totals);
    sheet.views = [{ state: 'frozen', ySplit: headerRow }];
    sheet.pageSetup = {
      paperSize: 9,
      orientation: doc.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A file name Windows accepts. */
export function xlsxFileName(base: string): string {
  return `${[...base].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('')}.xlsx`;
}
