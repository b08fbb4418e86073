import type { ParsedInputOf } from '../../../shared/contract';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { tx, translator } from '../reports/text';
import { listContracts } from './list';

/** The most contracts one export writes (a branch holds far fewer live ones). */
export const MAX_CONTRACT_EXPORT_ROWS = 200_000;

/**
 * contracts.list.export: the contract list (same filters, order and scope as contracts.list — read by the
 * same function) as an .xlsx with the list's columns in the caller's language, amounts in 元.
 */
export async function exportContracts(ctx: ServiceContext, input: ParsedInputOf<'contracts.list.export'>) {
  const page = listContracts(ctx, { ...input, page: 1, pageSize: MAX_CONTRACT_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const title = input.displayStatus
    ? `${t(tx('合同', 'Contracts'))} ${translate(`contracts.status.${input.displayStatus}`, locale)}`
    : t(tx('合同', 'Contracts'));
  const buffer = await listWorkbook(
    title,
    [
      { key: 'number', label: t(tx('合同编号', 'Number')), format: 'text', width: 24 },
      { key: 'title', label: t(tx('合同名称', 'Title')), format: 'text', width: 36 },
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 32 },
      { key: 'owner', label: t(tx('负责人', 'Owner')), format: 'text', width: 10 },
      { key: 'amountFen', label: t(tx('合同金额（元）', 'Amount (CNY)')), format: 'fen', width: 16 },
      { key: 'signDate', label: t(tx('签订日期', 'Signed')), format: 'text', width: 12 },
      { key: 'startDate', label: t(tx('开始日期', 'Start')), format: 'text', width: 12 },
      { key: 'endDate', label: t(tx('结束日期', 'End')), format: 'text', width: 12 },
      { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 10 },
      { key: 'daysLeft', label: t(tx('剩余天数', 'Days left')), format: 'int', width: 10 },
    ],
    page.rows.map((r) => ({
      number: r.number,
      title: r.title,
      customer: r.customerName,
      owner: r.ownerName ?? '—',
      amountFen: r.amountFen,
      signDate: r.signDate,
      startDate: r.startDate,
      endDate: r.endDate,
      status: translate(`contracts.status.${r.displayStatus}`, locale),
      daysLeft: r.status === 'signed' ? r.daysLeft : null,
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: page.rows.length };
}
