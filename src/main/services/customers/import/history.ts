import type { ReportColumn } from '../../../../shared/contract/reports';
import { requireActor, type ServiceContext } from '../../context';
import { datedXlsxName, listWorkbook } from '../../reports/excel';
import { translator, tx } from '../../reports/text';
import { batchesInScope } from './index';

/** More batches than a branch makes in years; the export stops there. */
const MAX_EXPORTED_BATCHES = 100_000;

const KIND_TEXT = {
  customers: tx('客户资料', 'Customers'),
  contacts: tx('关键人', 'Key people'),
  bills: tx('账单', 'Bills'),
};

/**
 * customers.import.batchesExport: the import history the caller may see (as customers.import.batches),
 * written as every exported list is (reports/excel.ts listWorkbook): one filterable sheet with the
 * screen's columns.
 */
export async function exportBatches(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const t = translator(ctx.locale);
  // Read in one transaction (a consistent list); the workbook is built outside it, as reports.export does.
  const { rows } = ctx.store.sqlite.transaction(() => batchesInScope(ctx, actor, MAX_EXPORTED_BATCHES))();
  const title = t(tx('导入记录', 'Import history'));
  const columns: ReportColumn[] = [
    { key: 'at', label: t(tx('导入时间', 'Imported at')), format: 'datetime', width: 17 },
    { key: 'kind', label: t(tx('导入内容', 'Kind')), format: 'text', width: 10 },
    { key: 'fileName', label: t(tx('文件', 'File')), format: 'text', width: 36 },
    { key: 'byName', label: t(tx('导入人', 'By')), format: 'text', width: 12 },
    { key: 'created', label: t(tx('新增', 'Created')), format: 'int', width: 9 },
    { key: 'updated', label: t(tx('更新', 'Updated')), format: 'int', width: 9 },
    { key: 'contactsCreated', label: t(tx('新增关键人', 'Key people created')), format: 'int', width: 11 },
    { key: 'contactsUpdated', label: t(tx('更新关键人', 'Key people updated')), format: 'int', width: 11 },
    { key: 'undoneAt', label: t(tx('撤销时间', 'Undone at')), format: 'datetime', width: 17 },
  ];
  const data = rows.map((b) => ({
    at: b.at,
    kind: t(KIND_TEXT[b.kind]),
    fileName: b.fileName,
    byName: b.byName,
    created: b.created,
    updated: b.updated,
    contactsCreated: b.contacts.created,
    contactsUpdated: b.contacts.updated,
    undoneAt: b.undoneAt,
  }));
  const buffer = await listWorkbook(title, columns, data, { locale: ctx.locale, creator: actor.displayName, created: ctx.now() });
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: rows.length };
}
