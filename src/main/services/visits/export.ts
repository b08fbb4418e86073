import type { ParsedInputOf } from '../../../shared/contract';
import { translate } from '../../../shared/messages';
import type { ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { GRADE_TEXT, tx, translator } from '../reports/text';
import { listVisits } from './read';
import { overdueFilter, overdueRows } from './overdue';

/** The most rows one export writes. */
export const MAX_VISIT_EXPORT_ROWS = 200_000;

/** visits.list.export: the visit list (same filters, order and scope as visits.list) as an .xlsx in the caller's language. */
export async function exportVisits(ctx: ServiceContext, input: ParsedInputOf<'visits.list.export'>) {
  const page = listVisits(ctx, { ...input, page: 1, pageSize: MAX_VISIT_EXPORT_ROWS });
  const locale = ctx.locale;
  const t = translator(locale);
  const yes = translate('visits.yes', locale);
  const title = t(tx('走访记录', 'Visits'));
  const buffer = await listWorkbook(
    title,
    [
      { key: 'number', label: t(tx('走访编号', 'Number')), format: 'text', width: 24 },
      { key: 'visitDate', label: t(tx('走访日期', 'Date')), format: 'text', width: 12 },
      { key: 'startTime', label: t(tx('时间', 'Time')), format: 'text', width: 8 },
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 32 },
      { key: 'grade', label: t(tx('客户级别', 'Grade')), format: 'text', width: 10 },
      { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
      { key: 'kind', label: t(tx('走访方式', 'Kind')), format: 'text', width: 10 },
      { key: 'status', label: t(tx('状态', 'Status')), format: 'text', width: 10 },
      { key: 'dueDate', label: t(tx('应访日期', 'Due')), format: 'text', width: 12 },
      { key: 'onTime', label: t(tx('按期', 'On time')), format: 'text', width: 8 },
      { key: 'lateEntry', label: t(tx('补录', 'Late entry')), format: 'text', width: 8 },
      { key: 'purpose', label: t(tx('走访目的', 'Purpose')), format: 'text', width: 30 },
      { key: 'outcome', label: t(tx('走访成果', 'Outcome')), format: 'text', width: 30 },
      { key: 'nextStep', label: t(tx('下一步', 'Next step')), format: 'text', width: 24 },
      { key: 'nextStepDate', label: t(tx('下一步日期', 'Next step by')), format: 'text', width: 12 },
    ],
    page.rows.map((r) => ({
      number: r.number,
      visitDate: r.visitDate,
      startTime: r.startTime ?? '',
      customer: r.customerName,
      grade: r.customerGrade ? t(GRADE_TEXT[r.customerGrade]) : '',
      owner: r.ownerName ?? '—',
      kind: translate(`visits.kind.${r.kind}`, locale),
      status: translate(`visits.status.${r.status}`, locale),
      dueDate: r.dueDate ?? '',
      onTime: r.onTime === null ? '' : r.onTime ? yes : translate('visits.no', locale),
      lateEntry: r.lateEntry ? yes : '',
      purpose: r.purpose,
      outcome: r.outcome,
      nextStep: r.nextStep,
      nextStepDate: r.nextStepDate ?? '',
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: page.rows.length };
}

/** visits.overdue.export: the overdue list with the same filters and scope, as an .xlsx. */
export async function exportOverdue(ctx: ServiceContext, input: ParsedInputOf<'visits.overdue.export'>) {
  const { rows } = overdueRows(ctx, overdueFilter(ctx, input), { limit: MAX_VISIT_EXPORT_ROWS, offset: 0 });
  const locale = ctx.locale;
  const t = translator(locale);
  const title = t(tx('逾期未访客户', 'Overdue visits'));
  const buffer = await listWorkbook(
    title,
    [
      { key: 'customer', label: t(tx('客户', 'Customer')), format: 'text', width: 32 },
      { key: 'grade', label: t(tx('客户级别', 'Grade')), format: 'text', width: 10 },
      { key: 'owner', label: t(tx('客户经理', 'Account manager')), format: 'text', width: 10 },
      { key: 'lastVisitDate', label: t(tx('上次走访', 'Last visit')), format: 'text', width: 12 },
      { key: 'dueDate', label: t(tx('应访日期', 'Due')), format: 'text', width: 12 },
      { key: 'daysOverdue', label: t(tx('逾期天数', 'Days overdue')), format: 'int', width: 10 },
      { key: 'plannedDate', label: t(tx('已计划日期', 'Planned for')), format: 'text', width: 12 },
    ],
    rows.map((r) => ({
      customer: r.customerName,
      grade: r.grade ? t(GRADE_TEXT[r.grade]) : '',
      owner: r.ownerName ?? '—',
      lastVisitDate: r.lastVisitDate ?? '',
      dueDate: r.dueDate,
      daysOverdue: r.daysOverdue,
      plannedDate: r.plannedDate ?? '',
    })),
    { locale, creator: ctx.actor?.displayName ?? '', created: ctx.now() },
  );
  return { fileName: datedXlsxName(title, ctx.now()), base64: buffer.toString('base64'), rowCount: rows.length };
}
