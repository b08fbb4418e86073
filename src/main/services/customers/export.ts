import ExcelJS from 'exceljs';
import type { ParsedInputOf } from '../../../shared/contract';
import { EXPORT_COLUMNS } from '../../../shared/contract/customer-import';
import { translate } from '../../../shared/messages';
import { formatShanghaiTime } from '../../../shared/time';
import { requireActor, type ServiceContext } from '../context';
import { FIELDS, type ImportKind } from './import/fields';
import { listRows, selectCustomers } from './list';
import { catchUpCaches } from './records';
import { shanghaiToday } from './dates';
import { canSeeFinance } from './scope';

/** Export of the customer list (same filters, sort and scope as the screen) and import templates. */

export const MAX_EXPORT_ROWS = 200_000;
type Column = (typeof EXPORT_COLUMNS)[number];

const LABELS: Record<Column, { zh: string; en: string; width: number }> = {
  name: { zh: '客户名称', en: 'Name', width: 36 },
  shortName: { zh: '简称', en: 'Short name', width: 14 },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code', width: 22 },
  industry: { zh: '行业', en: 'Industry', width: 12 },
  type: { zh: '客户类型', en: 'Type', width: 10 },
  region: { zh: '区域', en: 'Region', width: 12 },
  address: { zh: '地址', en: 'Address', width: 36 },
  owner: { zh: '第一责任人', en: 'Owner', width: 12 },
  stage: { zh: '客户阶段', en: 'Stage', width: 10 },
  grade: { zh: '客户等级', en: 'Grade', width: 10 },
  isKey: { zh: '大客户', en: 'Key customer', width: 8 },
  monthlySpend: { zh: '月均消费(元)', en: 'Monthly spend (yuan)', width: 16 },
  arrears: { zh: '欠费(元)', en: 'Arrears (yuan)', width: 14 },
  updatedAt: { zh: '更新时间', en: 'Updated', width: 18 },
};
const MONEY: ReadonlySet<Column> = new Set(['monthlySpend', 'arrears']);

async function toBase64(workbook: ExcelJS.Workbook): Promise<string> {
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer).toString('base64');
}

/** customers.export: the filtered list as .xlsx; money columns are left out without finance scope. */
export async function exportCustomers(ctx: ServiceContext, input: ParsedInputOf<'customers.export'>) {
  const actor = requireActor(ctx);
  const { columns: wanted, ...filter } = input;
  const finance = canSeeFinance(actor);
  const columns = (wanted ?? [...EXPORT_COLUMNS]).filter((c) => finance || !MONEY.has(c));
  catchUpCaches(ctx);
  const full = selectCustomers(ctx, actor, filter, MAX_EXPORT_ROWS);
  const rows = listRows(ctx, actor, full);
  const en = ctx.locale === 'en';

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KAM Desk';
  const sheet = workbook.addWorksheet(en ? 'Customers' : '客户清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: en ? LABELS[c].en : LABELS[c].zh,
    key: c,
    width: LABELS[c].width,
    style: MONEY.has(c) ? { numFmt: '#,##0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const yes = en ? 'Yes' : '是';
  rows.forEach((r, i) => {
    const values: Record<Column, string | number | null> = {
      name: r.name,
      shortName: r.shortName,
      creditCode: r.creditCode,
      industry: r.industry,
      type: translate(`type.${r.type}`, ctx.locale),
      region: r.region,
      address: full[i]!.address,
      owner: r.ownerName ?? translate('customers.poolOwner', ctx.locale),
      stage: translate(`stage.${r.stage}`, ctx.locale),
      grade: r.grade ? translate(`grade.${r.grade}`, ctx.locale) : '',
      isKey: r.isKey ? yes : '',
      monthlySpend: r.monthlySpendFen === null ? null : r.monthlySpendFen / 100,
      arrears: r.arrearsFen === null ? null : r.arrearsFen / 100,
      updatedAt: formatShanghaiTime(r.updatedAt),
    };
    sheet.addRow(Object.fromEntries(columns.map((c) => [c, values[c]])));
  });
  const stamp = shanghaiToday(ctx.now()).replace(/-/g, '');
  return { fileName: `${en ? 'customers' : '客户清单'}-${stamp}.xlsx`, base64: await toBase64(workbook), rowCount: rows.length };
}

/** customers.import.template: an empty sheet with the Chinese (or English) headers of one import kind. */
export async function importTemplate(ctx: ServiceContext, input: { kind: ImportKind }) {
  requireActor(ctx);
  const en = ctx.locale === 'en';
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(en ? 'Import' : '导入');
  sheet.columns = FIELDS[input.kind].map((d) => ({ header: en ? d.en : d.zh, key: d.field, width: 18 }));
  sheet.getRow(1).font = { bold: true };
  const names = { customers: ['customers', '客户导入模板'], contacts: ['key-people', '关键人导入模板'], bills: ['bills', '账单导入模板'] }[input.kind];
  return { fileName: `${en ? names[0] : names[1]}.xlsx`, base64: await toBase64(workbook) };
}
