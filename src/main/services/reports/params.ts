import { z } from 'zod';
import { gradeSchema, periodSchema } from '../../../shared/contract/customer-common';
import { addMonths, shanghaiMonth } from '../customers/dates';
import { reportScopeSql } from './scope';
import { ALL_TEXT, POOL_TEXT, gradeLabel, tx } from './text';
import type { ParamDef, ReportContext } from './types';

/** '' from an emptied select means "all". */
const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

export const optionalText = z.preprocess(blankToNull, z.string().trim().max(64).nullable());
export const optionalGrade = z.preprocess(blankToNull, z.union([gradeSchema, z.literal('none')]).nullable());
export const monthValue = periodSchema;
export const limitValue = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? 200 : typeof v === 'string' ? Number(v) : v),
  z.number().int().min(10).max(5000),
);

/** The last complete month in Shanghai: reports default to it, since the current month is not billed yet. */
export function lastMonth(now: Date): string {
  return addMonths(shanghaiMonth(now), -1);
}

/** Inclusive months from..to, e.g. ['2026-01', '2026-02']. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 240; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Number of months from..to inclusive. */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** The Shanghai month [from, to] as ISO UTC bounds [start, end) for created_at comparisons. */
export function monthRangeIso(from: string, to: string): { start: string; end: string } {
  const shift = (month: string) => new Date(Date.parse(`${month}-01T00:00:00Z`) - 8 * 3_600_000).toISOString();
  return { start: shift(from), end: shift(addMonths(to, 1)) };
}

export const PARAM = {
  from: (label = tx('起始月份', 'From month')): ParamDef => ({
    key: 'from',
    kind: 'month',
    label,
    required: true,
    defaultValue: (now) => `${lastMonth(now).slice(0, 4)}-01`,
  }),
  to: (label = tx('截止月份', 'To month')): ParamDef => ({
    key: 'to',
    kind: 'month',
    label,
    required: true,
    defaultValue: (now) => lastMonth(now),
  }),
  region: { key: 'region', kind: 'region', label: tx('区域', 'Region'), required: false, defaultValue: () => null } as ParamDef,
  industry: { key: 'industry', kind: 'industry', label: tx('行业', 'Industry'), required: false, defaultValue: () => null } as ParamDef,
  grade: { key: 'grade', kind: 'grade', label: tx('客户等级', 'Grade'), required: false, defaultValue: () => null } as ParamDef,
  manager: { key: 'manager', kind: 'manager', label: tx('客户经理', 'Account manager'), required: false, defaultValue: () => null } as ParamDef,
  limit: { key: 'limit', kind: 'limit', label: tx('明细行数', 'Detail rows'), required: true, defaultValue: () => 200 } as ParamDef,
};

/** The customer filters most reports share. */
export const customerFilterShape = {
  region: optionalText.default(null),
  industry: optionalText.default(null),
  grade: optionalGrade.default(null),
  manager: optionalText.default(null),
};

export const monthRangeShape = { from: monthValue, to: monthValue };

/** Refinement for from ≤ to (and at most 10 years), with a message the form can show. */
export function validRange(p: { from: string; to: string }): boolean {
  return p.from <= p.to && monthCount(p.from, p.to) <= 120;
}
export const RANGE_ERROR = { error: 'period.format', path: ['to'] };

export interface CustomerFilterValues {
  region: string | null;
  industry: string | null;
  grade: string | null;
  manager: string | null;
}

/**
 * The WHERE conditions over customers `alias` for the shared filters plus the caller's scope;
 * 'pool' as manager means unowned customers.
 */
export function customerFilterSql(rc: ReportContext, p: Partial<CustomerFilterValues>, alias = 'c'): { sql: string; params: unknown[] } {
  const scope = reportScopeSql(rc.actor, alias);
  const parts = [`${alias}.deleted = 0`, scope.sql];
  const params: unknown[] = [...scope.params];
  if (p.region) {
    parts.push(`${alias}.region = ?`);
    params.push(p.region);
  }
  if (p.industry) {
    parts.push(`${alias}.industry = ?`);
    params.push(p.industry);
  }
  if (p.grade === 'none') parts.push(`${alias}.grade IS NULL`);
  else if (p.grade) {
    parts.push(`${alias}.grade = ?`);
    params.push(p.grade);
  }
  if (p.manager === 'pool') parts.push(`${alias}.owner_id IS NULL`);
  else if (p.manager) {
    parts.push(`${alias}.owner_id = ?`);
    params.push(p.manager);
  }
  return { sql: parts.join(' AND '), params };
}

/** The shared filters as printed under the title ("区域：全部" …). */
export function describeFilters(rc: ReportContext, p: Partial<CustomerFilterValues>): { label: string; value: string }[] {
  const { t } = rc;
  const all = t(ALL_TEXT);
  const out: { label: string; value: string }[] = [];
  if ('region' in p) out.push({ label: t(PARAM.region.label), value: p.region ?? all });
  if ('industry' in p) out.push({ label: t(PARAM.industry.label), value: p.industry ?? all });
  if ('grade' in p) out.push({ label: t(PARAM.grade.label), value: p.grade ? gradeLabel(t, p.grade === 'none' ? null : p.grade) : all });
  if ('manager' in p) {
    // The value is the applied one (runReport puts an account manager's own id here), so paper and figures agree.
    let value = all;
    if (p.manager === 'pool') value = t(POOL_TEXT);
    else if (p.manager) value = userName(rc, p.manager) ?? p.manager;
    out.push({ label: t(PARAM.manager.label), value });
  }
  return out;
}

/** A user's display name, or null. */
export function userName(rc: ReportContext, id: string): string | null {
  const row = rc.sqlite.prepare('SELECT display_name AS name FROM users WHERE id = ?').get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

/** '2026-01 至 2026-10' (or just the month when from = to). */
export function rangeText(rc: ReportContext, from: string, to: string): string {
  if (from === to) return from;
  return rc.t(tx(`${from} 至 ${to}`, `${from} to ${to}`));
}
