import { and, eq } from 'drizzle-orm';
import type { FormSettings } from '../../../shared/contract/forms';
import { AppError } from '../../../shared/errors';
import { settings, slaCalendars } from '../../db/schema';
import type { ServiceContext } from '../context';
import type { CompiledCalendar } from '../sla';
import { calendarById, ensureTicketDefaults } from '../tickets/config';
import { insertRow, updateRow } from '../write';

/**
 * Request-form settings (one synced settings row): each step's time limit in business minutes, the
 * approval escalation after N business hours and who the next leader is. The clocks run on the branch
 * calendar the red channel uses (its office-hours calendar unless the setting names another), through
 * the SLA engine: one calendar for the whole branch.
 */

export const FORMS_SETTING_KEY = 'forms.settings';

/** The response centre's department: it routes every form sent to it. */
export const CENTRE_DEPT = '客户响应中心';

export const DEFAULT_FORM_SETTINGS: FormSettings = {
  // 1 working day to approve, 2 hours for the centre to route, 3 working days to answer, 2 to confirm.
  limits: { approval: 450, centre: 120, answer: 1350, confirm: 900 },
  escalationHours: 4,
  escalationChain: [],
  warnRatio: 0.8,
  calendarId: null,
};

/** The saved settings over the defaults. */
export function readFormSettings(ctx: ServiceContext): FormSettings {
  const row = ctx.db
    .select({ value: settings.value, deleted: settings.deleted })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, FORMS_SETTING_KEY)))
    .get();
  if (!row || row.deleted) return DEFAULT_FORM_SETTINGS;
  const saved = JSON.parse(row.value) as Partial<FormSettings>;
  return { ...DEFAULT_FORM_SETTINGS, ...saved, limits: { ...DEFAULT_FORM_SETTINGS.limits, ...saved.limits } };
}

/** Saves the settings; the calendar and every leader of the chain must exist. */
export function saveFormSettings(ctx: ServiceContext, next: FormSettings): FormSettings {
  if (next.calendarId) {
    const cal = ctx.db.select({ id: slaCalendars.id }).from(slaCalendars).where(eq(slaCalendars.id, next.calendarId)).get();
    if (!cal) throw new AppError('VALIDATION', 'forms.unknownCalendar');
  }
  const leaders = new Set(activeLeaders(ctx).map((l) => l.id));
  if (next.escalationChain.some((id) => !leaders.has(id))) throw new AppError('VALIDATION', 'forms.chainNotLeader');
  const existing = ctx.db
    .select({ id: settings.id })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, FORMS_SETTING_KEY)))
    .get();
  const value = JSON.stringify(next);
  if (existing) updateRow(ctx, settings, existing.id, { value });
  else insertRow(ctx, settings, { key: FORMS_SETTING_KEY, value });
  return readFormSettings(ctx);
}

/**
 * The calendar form clocks run on: the one the settings name, else the red channel's office-hours
 * calendar (the first business calendar of the branch), created with the red channel's defaults.
 */
export function formCalendar(ctx: ServiceContext, s: FormSettings = readFormSettings(ctx)): { id: string | null; compiled: CompiledCalendar; name: string } {
  if (s.calendarId) return { id: s.calendarId, ...calendarById(ctx, s.calendarId) };
  ensureTicketDefaults(ctx);
  const rows = ctx.store.sqlite
    .prepare('SELECT id, definition FROM sla_calendars WHERE deleted = 0 ORDER BY created_at, rowid')
    .all() as { id: string; definition: string }[];
  const office = rows.find((r) => (JSON.parse(r.definition) as { kind: string }).kind === 'business') ?? rows[0];
  const id = office?.id ?? null;
  return { id, ...calendarById(ctx, id) };
}

export interface PersonRow {
  id: string;
  displayName: string;
  department: string;
  role: string;
  username: string;
}

/** Active leaders of the branch, by user name (a stable order for the default escalation chain). */
export function activeLeaders(ctx: ServiceContext): PersonRow[] {
  return ctx.store.sqlite
    .prepare(
      `SELECT id, display_name AS displayName, department, role, username FROM users
       WHERE role = 'leader' AND active = 1 AND deleted = 0 ORDER BY username`,
    )
    .all() as PersonRow[];
}

/** A user by id (active or not), or undefined. */
export function person(ctx: ServiceContext, id: string | null | undefined): PersonRow | undefined {
  if (!id) return undefined;
  return ctx.store.sqlite
    .prepare('SELECT id, display_name AS displayName, department, role, username FROM users WHERE id = ?')
    .get(id) as PersonRow | undefined;
}

/** The department of a user ('' when none). */
export function departmentOf(ctx: ServiceContext, userId: string): string {
  return person(ctx, userId)?.department ?? '';
}

/** Leaders of a department. */
export function leadersOf(ctx: ServiceContext, department: string): PersonRow[] {
  return activeLeaders(ctx).filter((l) => l.department === department);
}

/**
 * The leader an important form goes to: the first leader of the drafter's department; a department
 * without a leader goes to the first of the escalation chain.
 */
export function firstApprover(ctx: ServiceContext, drafterDept: string, s: FormSettings): PersonRow | undefined {
  return leadersOf(ctx, drafterDept)[0] ?? escalationChain(ctx, drafterDept, s)[0];
}

/**
 * "The next leader" of an approval, in order: the chain the settings name, else the other leaders of
 * the drafter's department (a second head of the department), then the branch's other leaders.
 */
export function escalationChain(ctx: ServiceContext, drafterDept: string, s: FormSettings): PersonRow[] {
  const leaders = activeLeaders(ctx);
  if (s.escalationChain.length) {
    return s.escalationChain.map((id) => leaders.find((l) => l.id === id)).filter((l): l is PersonRow => !!l);
  }
  return [...leaders.filter((l) => l.department === drafterDept), ...leaders.filter((l) => l.department !== drafterDept)];
}

/** The leader after `current` in the chain, skipping leaders already asked; undefined at the end of it. */
export function nextLeader(ctx: ServiceContext, drafterDept: string, s: FormSettings, asked: Set<string>): PersonRow | undefined {
  return escalationChain(ctx, drafterDept, s).find((l) => !asked.has(l.id));
}

/** Users of the response centre: its department, and the service desk wherever it sits. */
export function centreUsers(ctx: ServiceContext): PersonRow[] {
  return ctx.store.sqlite
    .prepare(
      `SELECT id, display_name AS displayName, department, role, username FROM users
       WHERE active = 1 AND deleted = 0 AND (department = ? OR role = 'service_desk') ORDER BY username`,
    )
    .all(CENTRE_DEPT) as PersonRow[];
}

/** Active users of a department. */
export function usersOf(ctx: ServiceContext, department: string): PersonRow[] {
  return ctx.store.sqlite
    .prepare(
      `SELECT id, display_name AS displayName, department, role, username FROM users
       WHERE active = 1 AND deleted = 0 AND department = ? ORDER BY username`,
    )
    .all(department) as PersonRow[];
}
