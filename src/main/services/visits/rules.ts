import type { ParsedInputOf } from '../../../shared/contract';
import { GRADES, type Grade } from '../../../shared/contract/customer-common';
import { DEFAULT_VISIT_RULES, type VisitRule } from '../../../shared/contract/visits';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/messages';
import { settings } from '../../db/schema';
import { cachedStatement } from '../../db/sql';
import type { ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

/**
 * The visit rules (months between visits and the kinds that count, per grade): a synced settings row,
 * default DEFAULT_VISIT_RULES. The customer_visit_due triggers of migration 0030 read a LOCAL copy
 * (visit_rule_cache); local_meta keeps the JSON that copy was built from, so rules that arrive by sync
 * take effect the next time due dates are read (ensureVisitRules), not only when saved here.
 */

export const VISIT_RULES_SETTING_KEY = 'visits.rules';
const CACHE_META_KEY = 'visits.rules.cache';

type RulesCtx = Pick<ServiceContext, 'store' | 'branchId'>;

/** Every grade's rule in GRADES order: the stored one, else the default. */
function normalize(stored: readonly VisitRule[]): VisitRule[] {
  const byGrade = new Map<Grade, VisitRule>(DEFAULT_VISIT_RULES.map((r) => [r.grade, r]));
  for (const r of stored) byGrade.set(r.grade, r);
  return GRADES.map((g) => {
    const r = byGrade.get(g)!;
    return { grade: g, months: r.months, kinds: [...new Set(r.kinds)].sort() };
  });
}

function storedRow(ctx: RulesCtx): { id: string; value: string; deleted: number } | undefined {
  return cachedStatement(ctx.store.sqlite, 'SELECT id, value, deleted FROM settings WHERE branch_id = ? AND key = ?').get(
    ctx.branchId,
    VISIT_RULES_SETTING_KEY,
  ) as { id: string; value: string; deleted: number } | undefined;
}

/** The rules in force (the settings row, or the defaults). */
export function readVisitRules(ctx: RulesCtx): VisitRule[] {
  const row = storedRow(ctx);
  if (!row || row.deleted) return normalize([]);
  try {
    const value = JSON.parse(row.value) as unknown;
    return normalize(Array.isArray(value) ? (value as VisitRule[]) : []);
  } catch {
    return normalize([]);
  }
}

/** The rule of one grade (null grade: none). */
export function ruleOf(rules: readonly VisitRule[], grade: string | null): VisitRule | null {
  return rules.find((r) => r.grade === grade) ?? null;
}

/**
 * Rebuilds visit_rule_cache from `rules` and recomputes every live customer's due date from the view
 * (the one definition of a due date), set-based; rows of customers no longer live are deleted.
 */
function rebuildDueDates(ctx: RulesCtx, rules: readonly VisitRule[], json: string): void {
  const sqlite = ctx.store.sqlite;
  sqlite.prepare('DELETE FROM visit_rule_cache').run();
  const insert = sqlite.prepare('INSERT INTO visit_rule_cache (grade, months, kinds) VALUES (?, ?, ?)');
  for (const r of rules) insert.run(r.grade, r.months, JSON.stringify(r.kinds));
  sqlite.prepare('DELETE FROM customer_visit_due WHERE customer_id NOT IN (SELECT id FROM customers WHERE deleted = 0)').run();
  sqlite
    .prepare(
      `INSERT OR REPLACE INTO customer_visit_due (customer_id, owner_id, grade, last_visit_date, due_date)
       SELECT customer_id, owner_id, grade, last_visit_date, due_date FROM customer_visit_due_v`,
    )
    .run();
  sqlite
    .prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(CACHE_META_KEY, json);
}

/**
 * Makes the local due dates follow the rules in force: when the settings row (saved here or pulled by
 * sync) differs from what visit_rule_cache was built from, rebuilds it. Cheap when nothing changed (two
 * indexed reads); call it before reading due dates. Without a local_meta entry the cache holds the
 * migration's defaults.
 */
export function ensureVisitRules(ctx: RulesCtx): void {
  const rules = readVisitRules(ctx);
  const json = JSON.stringify(rules);
  const built = cachedStatement(ctx.store.sqlite, 'SELECT value FROM local_meta WHERE key = ?').pluck().get(CACHE_META_KEY) as
    | string
    | undefined;
  if ((built ?? JSON.stringify(normalize([]))) === json) return;
  rebuildDueDates(ctx, rules, json);
}

/** visits.rules.save: stores the rules (a leader) and recomputes every due date in the same transaction. */
export function saveVisitRules(ctx: ServiceContext, input: ParsedInputOf<'visits.rules.save'>): { rules: VisitRule[] } {
  const seen = new Set<string>();
  for (const r of input.rules) {
    if (seen.has(r.grade)) throw new AppError('VALIDATION', 'visits.rules.duplicateGrade', { grade: translate(`grade.${r.grade}`, ctx.locale) });
    seen.add(r.grade);
  }
  const rules = normalize([...readVisitRules(ctx), ...input.rules]);
  const value = JSON.stringify(rules);
  const existing = storedRow(ctx);
  if (existing) updateRow(ctx, settings, existing.id, { value });
  else insertRow(ctx, settings, { key: VISIT_RULES_SETTING_KEY, value });
  ensureVisitRules(ctx);
  return { rules };
}
