import type { Actor } from '../context';
import { readScopeSql } from '../customers/scope';
import { tx } from './text';
import type { ParamDef, ReportContext } from './types';

/**
 * Which customers a report covers. An account manager's report covers the customers they are
 * 第一责任人 of — not the unowned pool the customer list also shows them, which is nobody's result.
 * Everyone else gets the customer module's read scope (the branch).
 */
export function reportScopeSql(actor: Actor, alias = 'c'): { sql: string; params: unknown[] } {
  if (actor.role === 'account_manager') return { sql: `${alias}.owner_id = ?`, params: [actor.id] };
  return readScopeSql(actor, alias);
}

type ParamValue = string | number | null;

/**
 * The parameters a report really runs with under the caller's scope, and the keys whose explicit
 * choice the scope replaced. An account manager's reports are about his own customers (see
 * reportScopeSql), so any manager he names — another manager, the pool — becomes himself: the
 * printed parameters then name him and the figures are his, never another name over zeros. An empty
 * choice ("all") also becomes himself without a note, since all he may see is his own.
 */
export function applyReportScope<P extends Record<string, unknown>>(
  rc: ReportContext,
  defs: readonly ParamDef[],
  asked: P,
): { params: P; replaced: string[] } {
  const params: Record<string, unknown> = { ...asked };
  const replaced: string[] = [];
  if (rc.actor.role === 'account_manager') {
    for (const def of defs) {
      if (def.kind !== 'manager' || asked[def.key] === rc.actor.id) continue;
      if (asked[def.key] !== null && asked[def.key] !== undefined) replaced.push(def.key);
      params[def.key] = rc.actor.id;
    }
  }
  return { params: params as P, replaced };
}

/** The parameter values by key as the report ran with them (what the form echoes). */
export function appliedValues(
  defs: readonly ParamDef[],
  params: Record<string, unknown>,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const def of defs) {
    const v = params[def.key];
    out[def.key] = typeof v === 'string' || typeof v === 'number' ? v : null;
  }
  return out;
}

/** "按您的权限范围显示：王强": what the scope put in place of the caller's choice, or null when nothing was replaced. */
export function scopeNote(
  rc: ReportContext,
  defs: readonly ParamDef[],
  replaced: readonly string[],
): string | null {
  // Only the manager is ever replaced today (by the caller himself); a new scoped kind names its value here.
  const shown = defs
    .filter((d) => replaced.includes(d.key) && d.kind === 'manager')
    .map(() => rc.actor.displayName);
  if (shown.length === 0) return null;
  const text = [...new Set(shown)].join(rc.locale === 'en' ? ', ' : '，');
  return rc.t(tx(`按您的权限范围显示：${text}`, `Shown within your access: ${text}`));
}
