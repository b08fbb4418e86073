import type { ParsedInputOf } from '../../../shared/contract';
import type { OrderRow } from '../../../shared/contract/orders';
import { formatDuration } from '../../../shared/duration';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { tx, translator, type Text } from '../reports/text';
import { orderList } from './queue';

/** The most orders one export writes (a filtered list; the whole archive is the KPI report's job). */
export const MAX_ORDER_EXPORT_ROWS = 50_000;

/** The 时限 column as the list's countdown reads at `now`: 剩 2天3小时, 超 45分钟. */
function dueText(row: OrderRow, nowMs: number, t: (text: Text) => string, locale: ServiceContext['locale']): string {
  if (!row.stageDueAt) return '—';
  const left = Date.parse(row.stageDueAt) - nowMs;
  const time = formatDuration(left / 60_000, locale);
  return left <= 0 ? t(tx(`超 ${time}`, `${time} over`)) : t(tx(`剩 ${time}`, `${time} left`));
}

/**
 * orders.export: orders.list's filters, order and scope (read by the same function) as an .xlsx with
 * the list's columns in the caller's language.
 */
export async function exportOrders(ctx: ServiceContext, input: ParsedInputOf<'orders.export'>) {
  const page = orderList(ctx, { ...input, page: 1, pageSize: MAX_ORDER_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const nowMs = Date.parse(page.now);
  const title = t(tx('业务工单', 'Work orders'));
  const buffer = await listWorkbook(
    title,
    [
      { key: 'number', label: t(tx('工单号', 'Number')), format: 'text', width: 24 },
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 32 },
      { key: 'type', label: t(tx('业务类型', 'Business type')), format: 'text', width: 12 },
      { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 10 },
      { key: 'stage', label: t(tx('当前环节', 'Current stage')), format: 'text', width: 12 },
      { key: 'dept', label: t(tx('责任部门', 'Department')), format: 'text', width: 14 },
      { key: 'holder', label: t(tx('处理人', 'Holder')), format: 'text', width: 10 },
      { key: 'due', label: t(tx('时限', 'Due')), format: 'text', width: 14 },
      { key: 'dueAt', label: t(tx('环节到期', 'Stage due')), format: 'datetime', width: 17 },
      { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
      { key: 'returns', label: t(tx('返单次数', 'Returns')), format: 'int', width: 8 },
      { key: 'breaches', label: t(tx('超时次数', 'Breaches')), format: 'int', width: 8 },
      { key: 'createdAt', label: t(tx('下单时间', 'Opened')), format: 'datetime', width: 17 },
      { key: 'closedAt', label: t(tx('归档时间', 'Archived')), format: 'datetime', width: 17 },
    ],
    page.rows.map((r) => ({
      number: r.number,
      customer: r.customerName,
      type: r.businessTypeName,
      status: translate(`orders.status.${r.status}`, locale),
      stage: r.currentStageName ?? '—',
      dept: r.currentDept ?? '—',
      holder: r.currentHolderName ?? '—',
      due: dueText(r, nowMs, t, locale),
      dueAt: r.stageDueAt,
      owner: r.ownerName ?? '—',
      returns: r.returnCount,
      breaches: r.breachCount,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: page.rows.length };
}
