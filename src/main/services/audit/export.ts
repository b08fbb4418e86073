import type { ParsedInputOf } from '../../../shared/contract';
import { auditActionText, auditEntityText, auditSummaryText } from '../../../shared/audit-text';
import { formatShanghaiTime } from '../../../shared/time';
import { requireActor, type ServiceContext } from '../context';
import { datedXlsxName, listWorkbook } from '../reports/excel';
import { tx, translator } from '../reports/text';
import { auditRows } from './log';

/** The most rows one export writes: a year of a busy branch's people's changes. */
export const MAX_AUDIT_EXPORT_ROWS = 100_000;

/** audit.export: the filtered audit log as the page lists it — time, who, action, object, content — in the caller's language. */
export async function exportAudit(ctx: ServiceContext, input: ParsedInputOf<'audit.export'>) {
  const actor = requireActor(ctx);
  const locale = ctx.locale;
  const t = translator(locale);
  const rows = auditRows(ctx, input, MAX_AUDIT_EXPORT_ROWS);
  const system = t(tx('系统', 'System'));
  const buffer = await listWorkbook(
    t(tx('审计日志', 'Audit log')),
    [
      { key: 'at', label: t(tx('时间', 'Time')), format: 'text', width: 20 },
      { key: 'actor', label: t(tx('操作人', 'By')), format: 'text', width: 12 },
      { key: 'action', label: t(tx('操作', 'Action')), format: 'text', width: 10 },
      { key: 'entity', label: t(tx('对象', 'Object')), format: 'text', width: 14 },
      { key: 'summary', label: t(tx('内容', 'Details')), format: 'text', width: 60 },
      { key: 'record', label: t(tx('记录编号', 'Record')), format: 'text', width: 38 },
    ],
    rows.map((r) => ({
      at: formatShanghaiTime(r.at, { seconds: true }),
      actor: r.actorName ?? system,
      action: auditActionText(r, locale),
      entity: auditEntityText(r, locale),
      summary: auditSummaryText(r, locale),
      record: r.entityId,
    })),
    { locale, creator: actor.displayName, created: ctx.now() },
  );
  return { fileName: datedXlsxName(t(tx('审计日志', 'audit-log')), ctx.now()), base64: buffer.toString('base64'), rowCount: rows.length };
}
