import { and, eq } from 'drizzle-orm';
import type { CustomerSettings } from '../../../shared/contract/customer-evaluation';
import type { CustomerType } from '../../../shared/contract/customer-common';
import { settings } from '../../db/schema';
import type { ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

const SETTINGS_KEY = 'customers';

/** Defaults (issue #3): key customer at ≥ 3,000 元/month, or 党政军/集团/战略, or designated strategic. */
export const DEFAULT_CUSTOMER_SETTINGS: CustomerSettings = {
  keySpendThresholdFen: 300_000,
  keyTypes: ['gov', 'group', 'strategic'],
  keyIncludesDesignated: true,
  claimLimitPerMonth: 20,
  gradeRules: {
    weights: { amount: 40, payment: 15, onTime: 20, share: 15, growth: 10 },
    amountTargetFen: 5_000_000,
    shareTarget: 0.01,
    minScore: { strategic: 85, key: 70, vip: 55, quality: 40 },
    designatedIsStrategic: true,
  },
  warnSpendDropPercent: 30,
  warnArrearsDays: 60,
};

/** The customer-module settings with defaults for anything not yet saved. */
export function getCustomerSettings(ctx: Pick<ServiceContext, 'db' | 'branchId'>): CustomerSettings {
  const row = ctx.db
    .select({ value: settings.value, deleted: settings.deleted })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, SETTINGS_KEY)))
    .get();
  if (!row || row.deleted) return DEFAULT_CUSTOMER_SETTINGS;
  return { ...DEFAULT_CUSTOMER_SETTINGS, ...(JSON.parse(row.value) as Partial<CustomerSettings>) };
}

/** Saves the merged settings as one synced settings row. */
export function saveCustomerSettings(ctx: ServiceContext, patch: Partial<CustomerSettings>): CustomerSettings {
  const next = { ...getCustomerSettings(ctx), ...patch };
  const json = JSON.stringify(next);
  const existing = ctx.db
    .select({ id: settings.id })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, SETTINGS_KEY)))
    .get();
  if (existing) updateRow(ctx, settings, existing.id, { value: json });
  else insertRow(ctx, settings, { key: SETTINGS_KEY, value: json });
  return next;
}

export type KeyReason = 'spend' | 'type' | 'designated';

/** Why a customer is a key customer under the rule (empty = not key). */
export function keyReasons(
  rule: Pick<CustomerSettings, 'keySpendThresholdFen' | 'keyTypes' | 'keyIncludesDesignated'>,
  c: { monthlySpendFen: number; type: CustomerType; designatedStrategic: boolean },
): KeyReason[] {
  const out: KeyReason[] = [];
  if (c.monthlySpendFen >= rule.keySpendThresholdFen && c.monthlySpendFen > 0) out.push('spend');
  if (rule.keyTypes.includes(c.type)) out.push('type');
  if (rule.keyIncludesDesignated && c.designatedStrategic) out.push('designated');
  return out;
}

/** Re-derives every customer's key flag after the rule changed; writes only the flags that flip. */
export function recomputeKeyFlags(ctx: ServiceContext, rule: CustomerSettings, bulkUpdateFlags: (changes: { id: string; patch: { isKey: boolean } }[]) => void): number {
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT id, type, designated_strategic AS designated, monthly_spend_fen AS spend, is_key AS isKey FROM customers WHERE deleted = 0`,
    )
    .all() as { id: string; type: CustomerType; designated: number; spend: number; isKey: number }[];
  const changes: { id: string; patch: { isKey: boolean } }[] = [];
  for (const r of rows) {
    const isKey = keyReasons(rule, { monthlySpendFen: r.spend, type: r.type, designatedStrategic: r.designated === 1 }).length > 0;
    if (isKey !== (r.isKey === 1)) changes.push({ id: r.id, patch: { isKey } });
  }
  bulkUpdateFlags(changes);
  return changes.length;
}
