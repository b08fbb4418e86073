import type { ParsedInputOf } from '../../../shared/contract';
import type { TicketRow } from '../../../shared/contract/tickets';
import { formatDuration } from '../../../shared/duration';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { tx, translator, type Text } from '../reports/text';
import { queuePage } from './queue';

/** The most tickets one export writes; a queue view holds the open tickets, far fewer on any branch. */
export const MAX_QUEUE_EXPORT_ROWS = 50_000;

const VIEW_TEXT: Record<ParsedInputOf<'tickets.queue'>['view'], Text> = {
  mine: tx('我的', 'Mine'),
  unassigned: tx('待派单', 'Unassigned'),
  warning: tx('即将超时', 'About to breach'),
  breached: tx('已超时', 'Breached'),
  waiting: tx('待客户', 'Waiting on customer'),
  open: tx('全部未结', 'All open'),
};
const KIND_TEXT = { fault: tx('故障', 'Fault'), complaint: tx('投诉', 'Complaint') };

/** The 时限 column as the queue's countdown reads at `now`: 剩 2天3小时, 超 45分钟, 计时暂停. */
function dueText(row: TicketRow, nowMs: number, t: (text: Text) => string, locale: ServiceContext['locale']): string {
  if (row.slaState === 'paused' || (!row.dueAt && row.slaState !== 'none')) return t(tx('计时暂停', 'Clock paused'));
  if (!row.dueAt) return '—';
  const left = Date.parse(row.dueAt) - nowMs;
  const time = formatDuration(left / 60_000, locale);
  return left <= 0 ? t(tx(`超 ${time}`, `${time} over`)) : t(tx(`剩 ${time}`, `${time} left`));
}

/**
 * tickets.queue.export: one queue view (same view, filters, order and scope as tickets.queue — it is
 * read by the same function) as an .xlsx with the queue's columns in the caller's language.
 */
export async function exportQueue(ctx: ServiceContext, input: ParsedInputOf<'tickets.queue.export'>) {
  const page = queuePage(ctx, { ...input, page: 1, pageSize: MAX_QUEUE_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const nowMs = Date.parse(page.now);
  const title = `${t(tx('工单', 'Tickets'))} ${t(VIEW_TEXT[input.view])}`;
  const buffer = await listWorkbook(
    title,
    [
      { key: 'number', label: t(tx('工单号', 'Number')), format: 'text', width: 22 },
      { key: 'priority', label: t(tx('级别', 'Pri.')), format: 'text', width: 6 },
      { key: 'kind', label: t(tx('类型', 'Kind')), format: 'text', width: 8 },
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 32 },
      { key: 'title', label: t(tx('问题', 'Problem')), format: 'text', width: 40 },
      { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 12 },
      { key: 'assignee', label: t(tx('处理人', 'Assignee')), format: 'text', width: 12 },
      { key: 'due', label: t(tx('时限', 'Due')), format: 'text', width: 14 },
      { key: 'dueAt', label: t(tx('到期时间', 'Due at')), format: 'datetime', width: 17 },
      { key: 'createdAt', label: t(tx('受理时间', 'Opened')), format: 'datetime', width: 17 },
    ],
    page.rows.map((r) => ({
      number: r.number,
      priority: r.priority,
      kind: t(KIND_TEXT[r.kind]),
      customer: r.customerName,
      title: r.title,
      status: translate(`tickets.status.${r.status}`, locale),
      assignee: r.assigneeName ?? r.assigneeDept ?? '—',
      due: dueText(r, nowMs, t, locale),
      dueAt: r.dueAt,
      createdAt: r.createdAt,
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: page.rows.length };
}
