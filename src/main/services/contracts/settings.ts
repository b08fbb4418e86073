import { and, eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import { DEFAULT_REMINDER_DAYS } from '../../../shared/contract/contracts';
import { settings } from '../../db/schema';
import type { ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

/** The contract settings (a synced settings row, like the red channel's priority matrix). */

export const REMINDER_SETTING_KEY = 'contracts.reminderDays';

/** Days before a term's end the renewal reminder goes out (default 60). */
export function reminderDays(ctx: Pick<ServiceContext, 'db' | 'branchId'>): number {
  const row = ctx.db
    .select({ value: settings.value, deleted: settings.deleted })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, REMINDER_SETTING_KEY)))
    .get();
  const value = row && !row.deleted ? (JSON.parse(row.value) as unknown) : null;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_REMINDER_DAYS;
}

/** Saves the reminder days through the write path. */
export function saveContractSettings(ctx: ServiceContext, input: ParsedInputOf<'contracts.settings.save'>) {
  const existing = ctx.db
    .select({ id: settings.id })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, REMINDER_SETTING_KEY)))
    .get();
  const value = JSON.stringify(input.reminderDays);
  if (existing) updateRow(ctx, settings, existing.id, { value });
  else insertRow(ctx, settings, { key: REMINDER_SETTING_KEY, value });
  return { reminderDays: reminderDays(ctx) };
}
