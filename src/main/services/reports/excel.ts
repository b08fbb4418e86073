import ExcelJS from 'exceljs';
import type { CellFormat, ReportColumn, ReportDocument } from '../../../shared/contract/reports';
import type { Locale } from '../../../shared/locale';
import { formatDuration } from '../../../shared/duration';
import { formatShanghaiTime } from '../../../shared/time';
import { tx, translator } from './text';

/** Excel number formats per cell format: 元 with two decimals and thousands separators, ratios as %. */
const NUM_FMT: Partial<Record<CellFormat, string>> = {
  int: '#,##0',
  fen: '#,##0.00',
  percent: '0.0%',
  decimal: '#,##0.00',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF9AA5B1' } },
  bottom: { style: 'thin', color: { argb: 'FF9AA5B1' } },
  left: { style: 'thin', color: { argb: 'FF9AA5B1' } },
  right: { style: 'thin', color: { argb: 'FF9AA5B1' } },
};
const FONT = 'Microsoft YaHei';

/**
 * A stored value as Excel should hold it: fen become 元 (a number, formatted), times become Shanghai
 * text and durations the text the screen shows (2天3小时), in the document's language.
 */
function excelValue(value: string | number | null, format: CellFormat, locale: Locale): ExcelJS.CellValue {
  if (value === null) return null;
  if (format === 'fen' && typeof value === 'number') return value / 100;
  if (format === 'datetime' && typeof value === 'string') return formatShanghaiTime(value);
  if (format === 'duration' && typeof value === 'number') return formatDuration(value, locale);
  return value;
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
    doc.params.map((p) => `${p.label}${locale === 'en' ? ': ' : '：'}${p.value}`).join('    '),
    ...(doc.scopeNote ? [doc.scopeNote] : []),
    t(tx(`制表人：${doc.printedBy}    制表时间：${formatShanghaiTime(doc.printedAt)}`, `Printed by ${doc.printedBy} at ${formatShanghaiTime(doc.printedAt)}`)),
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

function addTable(
  sheet: ExcelJS.Worksheet,
  locale: Locale,
  columns: ReportColumn[],
  rows: Record<string, string | number | null>[],
  totals: Record<string, string | number | null> | null,
) {
  const header = sheet.addRow(columns.map((c) => c.label));
  header.eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const write = (data: Record<string, string | number | null>, bold: boolean) => {
    const row = sheet.addRow(columns.map((c) => excelValue(data[c.key] ?? null, c.format, locale)));
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
      locale,
      [
        { key: 'label', label: t(tx('指标', 'Figure')), format: 'text', width: 28 },
        { key: 'value', label: t(tx('数值', 'Value')), format: 'text', width: 20 },
      ],
      [],
      null,
    );
    for (const item of doc.summary) {
      const row = sheet.addRow([item.label, excelValue(item.value, item.format, locale)]);
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
    const headerRow = addTable(sheet, locale, table.columns, table.rows, table.totals);
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

/**
 * A list exported as the screen shows it (queue, warnings, audit log): one sheet with the report
 * tables' bold header row — frozen and filterable — number formats and widths, and no letterhead,
 * so the sheet can be sorted and filtered as it is.
 */
export async function listWorkbook(
  sheetTitle: string,
  columns: ReportColumn[],
  rows: Record<string, string | number | null>[],
  meta: { locale: Locale; creator: string; created: Date },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = meta.creator;
  book.created = meta.created;
  const sheet = book.addWorksheet(sheetName(sheetTitle, new Set()));
  const headerRow = addTable(sheet, meta.locale, columns, rows, null);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A file name Windows accepts. */
export function xlsxFileName(base: string): string {
  return `${[...base].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('')}.xlsx`;
}

/** `name-20261123.xlsx`, dated by the Shanghai day of `now`, as the customer export names its file. */
export function datedXlsxName(base: string, now: Date): string {
  return xlsxFileName(`${base}-${formatShanghaiTime(now).slice(0, 10).replace(/-/g, '')}`);
}
