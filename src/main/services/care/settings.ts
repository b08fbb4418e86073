import { and, eq } from 'drizzle-orm';
import { careSettingsSchema, DEFAULT_CARE_SETTINGS, type CareHoliday, type CareSettings } from '../../../shared/contract/care';
import type { Locale } from '../../../shared/locale';
import { isMessageKey, translate } from '../../../shared/messages';
import { settings } from '../../db/schema';
import type { ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

/** The courtesy-care settings: a synced settings row, like the contracts' reminder days. */

export const CARE_SETTING_KEY = 'care.settings';

/** The branch's care settings, or the defaults when none were saved (or the saved ones no longer parse). */
export function careSettings(ctx: Pick<ServiceContext, 'db' | 'branchId'>): CareSettings {
  const row = ctx.db
    .select({ value: settings.value, deleted: settings.deleted })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, CARE_SETTING_KEY)))
    .get();
  if (!row || row.deleted) return DEFAULT_CARE_SETTINGS;
  const parsed = careSettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_CARE_SETTINGS;
}

/** care.settings.save: through the write path. */
export function saveCareSettings(ctx: ServiceContext, input: CareSettings): CareSettings {
  const existing = ctx.db
    .select({ id: settings.id })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, CARE_SETTING_KEY)))
    .get();
  const value = JSON.stringify(input);
  if (existing) updateRow(ctx, settings, existing.id, { value });
  else insertRow(ctx, settings, { key: CARE_SETTING_KEY, value });
  return careSettings(ctx);
}

/** A holiday's name in the caller's language: built-in keys are translated, a branch's own holiday shows its name. */
export function holidayName(holiday: Pick<CareHoliday, 'key' | 'name'>, locale: Locale): string {
  const key = `care.holiday.${holiday.key}`;
  return isMessageKey(key) ? translate(key, locale) : holiday.name || holiday.key;
}
