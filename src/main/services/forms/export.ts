import type { ParsedInputOf } from '../../../shared/contract';
import { formatDuration } from '../../../shared/duration';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { translator, tx } from '../reports/text';
import { listForms } from './read';

/** The most forms one export writes (a branch drafts a few thousand a year). */
export const MAX_FORM_EXPORT_ROWS = 50_000;

/** forms.list.export: the list with the same filters and scope (read by the same function) as an .xlsx. */
export async function exportForms(ctx: ServiceContext, input: ParsedInputOf<'forms.list.export'>) {
  const page = listForms(ctx, { ...input, page: 1, pageSize: MAX_FORM_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const title = t(tx('资源确认单与业务联系单', 'Request forms'));
  const buffer = await listWorkbook(
    title,
    [
      { key: 'number', label: t(tx('编号', 'Number')), format: 'text', width: 24 },
      { key: 'kind', label: t(tx('类型', 'Kind')), format: 'text', width: 12 },
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 30 },
      { key: 'title', label: t(tx('标题', 'Title')), format: 'text', width: 36 },
      { key: 'important', label: t(tx('重要', 'Important')), format: 'text', width: 6 },
      { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 12 },
      { key: 'drafter', label: t(tx('拟稿人', 'Drafted by')), format: 'text', width: 10 },
      { key: 'approver', label: t(tx('审批人', 'Approver')), format: 'text', width: 10 },
      { key: 'dept', label: t(tx('答复部门', 'Answering dept')), format: 'text', width: 14 },
      { key: 'createdAt', label: t(tx('拟稿时间', 'Drafted')), format: 'datetime', width: 17 },
      { key: 'dueAt', label: t(tx('本环节时限', 'Step due')), format: 'datetime', width: 17 },
      { key: 'answeredAt', label: t(tx('答复时间', 'Answered')), format: 'datetime', width: 17 },
      { key: 'minutes', label: t(tx('响应用时（工作时间）', 'Time to answer (business)')), format: 'text', width: 16 },
      { key: 'onTime', label: t(tx('按时', 'On time')), format: 'text', width: 6 },
    ],
    page.rows.map((r) => ({
      number: r.number,
      kind: translate(`forms.kind.${r.kind}`, locale),
      customer: r.customerName,
      title: r.title,
      important: r.important ? t(tx('是', 'Yes')) : '',
      status: translate(`forms.status.${r.status}`, locale),
      drafter: r.drafterName,
      approver: r.approverName ?? '',
      dept: r.routedDept ?? '',
      createdAt: r.createdAt,
      dueAt: r.dueAt,
      answeredAt: r.answeredAt,
      minutes: r.businessMinutes === null ? '' : formatDuration(r.businessMinutes, locale),
      onTime: r.onTime === null ? '' : r.onTime ? t(tx('是', 'Yes')) : t(tx('否', 'No')),
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: page.rows.length };
}
