import type { ParsedInputOf } from '../../../shared/contract';
import { reportsContract } from '../../../shared/contract/reports';
import type { ServiceContext } from '../context';
import type { HandlerMap } from '../index';
import { dashboard } from './dashboard';
import { runReport } from './document';
import { reportWorkbook, xlsxFileName } from './excel';
import { listReports } from './list';
import { listTargets, saveTarget } from './targets';

type ReportMethods = keyof typeof reportsContract;

/** reports.export: runs the report in a read transaction, then builds the workbook outside it. */
async function exportReport(ctx: ServiceContext, input: ParsedInputOf<'reports.export'>) {
  const doc = ctx.store.sqlite.transaction(() => runReport(ctx, input.reportId, input.params))();
  const buffer = await reportWorkbook(doc, ctx.locale);
  return { fileName: xlsxFileName(doc.fileBase), base64: buffer.toString('base64') };
}

/** Reports and dashboards (issue #5). */
export const reportsHandlers: Pick<HandlerMap, ReportMethods> = {
  'reports.list': (ctx: ServiceContext) => listReports(ctx),
  'reports.run': (ctx: ServiceContext, input: ParsedInputOf<'reports.run'>) => runReport(ctx, input.reportId, input.params),
  'reports.export': { ownTransaction: true, handler: exportReport },
  'reports.dashboard': (ctx: ServiceContext) => dashboard(ctx),
  'reports.targets.list': listTargets,
  'reports.targets.save': saveTarget,
};
