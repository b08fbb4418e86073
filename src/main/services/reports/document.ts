import type { ReportDocument } from '../../../shared/contract/reports';
import { AppError } from '../../../shared/errors';
import { requireActor, isoNow, type ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { catchUpCaches } from '../customers/records';
import { getBranchSettings } from '../settings/branch';
import { findReport } from './registry';
import { applyReportScope, appliedValues, scopeNote } from './scope';
import { translator } from './text';
import type { ReportContext, ReportDefinition } from './types';

/** The context a report query runs in, for the signed-in caller. */
export function reportContext(ctx: ServiceContext): ReportContext {
  const actor = requireActor(ctx);
  const now = ctx.now();
  return { ctx, actor, locale: ctx.locale, t: translator(ctx.locale), sqlite: ctx.store.sqlite, now, today: shanghaiToday(now) };
}

/** The report, or NOT_FOUND; FORBIDDEN when the caller's role may not run it. */
export function requireReport(rc: ReportContext, id: string): ReportDefinition {
  const def = findReport(id);
  if (!def) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
  if (!def.roles.includes(rc.actor.role)) throw new AppError('FORBIDDEN', 'error.FORBIDDEN');
  return def;
}

/** Runs a report and wraps its body with the letterhead facts (branch, title, printed by / at). */
export function runReport(ctx: ServiceContext, reportId: string, raw: Record<string, unknown>): ReportDocument {
  const rc = reportContext(ctx);
  const def = requireReport(rc, reportId);
  // A ZodError here becomes a VALIDATION answer naming the field, like any contract input.
  // Omitted fields take the form's defaults, so a link or a script may name only what it changes.
  const defaults = Object.fromEntries(def.params.map((p) => [p.key, p.defaultValue(rc.now)]));
  const asked = def.schema.parse({ ...defaults, ...raw }) as Record<string, unknown>;
  // The report runs with, prints and returns the parameters after the caller's scope: an account
  // manager who asks for another manager gets his own figures under his own name, and a note saying so.
  const { params, replaced } = applyReportScope(rc, def.params, asked);
  // Customers a big bills import left to the background refresh get their figures before the report reads them.
  catchUpCaches(ctx);
  const body = def.run(rc, params);
  const title = rc.t(def.title);
  return {
    reportId: def.id,
    title,
    orientation: def.orientation,
    branchName: getBranchSettings(ctx).branchName,
    printedBy: rc.actor.displayName,
    printedAt: isoNow(ctx),
    params: body.params,
    applied: appliedValues(def.params, params),
    scopeNote: scopeNote(rc, def.params, replaced),
    summary: body.summary,
    charts: body.charts,
    tables: body.tables,
    fileBase: body.fileSuffix ? `${title}-${body.fileSuffix}` : title,
  };
}
