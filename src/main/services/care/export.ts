import type { ParsedInputOf } from '../../../shared/contract';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { tx, translator } from '../reports/text';
import { listRecords } from './records';

/** The most courtesies one export writes. */
export const MAX_CARE_EXPORT_ROWS = 200_000;

/** care.records.export: the courtesy list (same filters, order and scope as care.records.list) as an .xlsx in the caller's language. */
export async function exportRecords(ctx: ServiceContext, input: ParsedInputOf<'care.records.export'>) {
  const page = listRecords(ctx, { ...input, page: 1, pageSize: MAX_CARE_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const title = t(tx('友情服务', 'Courtesy care'));
  const say = (key: string) => translate(key, locale);
  const buffer = await listWorkbook(
    title,
    [
      { key: 'occasionDate', label: t(tx('日期', 'Date')), format: 'text', width: 12 },
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 32 },
      { key: 'contact', label: t(tx('关键人', 'Key person')), format: 'text', width: 12 },
      { key: 'occasion', label: t(tx('事由', 'Occasion')), format: 'text', width: 12 },
      { key: 'kind', label: t(tx('方式', 'Kind')), format: 'text', width: 10 },
      { key: 'description', label: t(tx('内容', 'Description')), format: 'text', width: 36 },
      { key: 'costFen', label: t(tx('费用（元）', 'Cost (CNY)')), format: 'fen', width: 14 },
      { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 10 },
      { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
      { key: 'decidedBy', label: t(tx('审批人', 'Decided by')), format: 'text', width: 10 },
      { key: 'decisionNote', label: t(tx('审批意见', 'Decision note')), format: 'text', width: 24 },
    ],
    page.rows.map((r) => ({
      occasionDate: r.occasionDate,
      customer: r.customerName,
      contact: r.contactName ?? '',
      occasion: say(`care.occasion.${r.occasion}`),
      kind: say(`care.kind.${r.kind}`),
      description: r.description,
      costFen: r.costFen,
      status: say(`care.status.${r.status}`),
      owner: r.ownerName ?? '—',
      decidedBy: r.decidedByName ?? '',
      decisionNote: r.decisionNote,
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: page.rows.length };
}
