import type { ParsedInputOf } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { tx, translator } from '../reports/text';
import { listWarnings } from './warnings';

/** The most warnings one export writes (a branch of a million customers has a few tens of thousands open). */
export const MAX_WARNINGS_EXPORT_ROWS = 200_000;

const KIND_TEXT = { spend_drop: tx('消费下降', 'Spend drop'), arrears: tx('欠费', 'Arrears'), no_visit: tx('走访逾期', 'Not visited') };

/**
 * customers.warnings.export: the churn warnings with the list's filters and scope — read by the list's
 * own function, so an account manager's file holds his customers' warnings and no one else's.
 */
export async function exportWarnings(ctx: ServiceContext, input: ParsedInputOf<'customers.warnings.export'>) {
  const list = listWarnings(ctx, { ...input, page: 1, pageSize: MAX_WARNINGS_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const title = t(tx('流失预警', 'Churn warnings'));
  const buffer = await listWorkbook(
    title,
    [
      { key: 'kind', label: t(tx('预警类型', 'Kind')), format: 'text', width: 10 },
      { key: 'customer', label: t(tx('客户名称', 'Customer')), format: 'text', width: 36 },
      { key: 'message', label: t(tx('情况', 'What happened')), format: 'text', width: 40 },
      { key: 'amount', label: t(tx('金额(元)', 'Amount (yuan)')), format: 'fen', width: 14 },
      { key: 'owner', label: t(tx('第一责任人', 'Owner')), format: 'text', width: 12 },
      { key: 'raisedAt', label: t(tx('发现时间', 'Raised')), format: 'datetime', width: 17 },
      { key: 'acknowledged', label: t(tx('已知悉', 'Acknowledged')), format: 'text', width: 8 },
    ],
    list.rows.map((w) => ({
      kind: t(KIND_TEXT[w.kind]),
      customer: w.customerName,
      message: w.message,
      amount: w.amountFen,
      owner: w.ownerName ?? t(tx('公海', 'Pool')),
      raisedAt: w.raisedAt,
      acknowledged: w.acknowledged ? t(tx('是', 'Yes')) : '',
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: list.rows.length };
}
