import { and, eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import { OWNER_DEPARTMENT, type BusinessType, type OrdersConfig, type TemplateStage } from '../../../shared/contract/orders';
import { AppError } from '../../../shared/errors';
import { settings, slaCalendars } from '../../db/schema';
import type { ServiceContext } from '../context';
import type { CompiledCalendar } from '../sla';
import { calendarById, departments, ensureTicketDefaults } from '../tickets/config';
import { seededName, storedSeededName } from '../tickets/seeded';
import { insertRow, updateRow } from '../write';

/**
 * Green-channel order configuration, stored as one settings row (JSON) like the red channel's priority
 * matrix: business types with their current stage template, return reasons, the calendar the stage
 * clocks run on and the warning ratio. A changed template gets the next version; an order keeps the
 * snapshot it started with (work_orders.stage_plan), so edits apply to new orders only.
 */

export const ORDERS_SETTING_KEY = 'orders.config';

interface StoredConfig {
  businessTypes: BusinessType[];
  returnReasons: { code: string; name: string; active: boolean }[];
  calendarId: string | null;
  warnRatio: number;
}

const DAY = 450; // one office day (08:30–12:00, 13:30–17:30) in business minutes

const s = (key: string, name: string, department: string, days: number, required = true): TemplateStage => ({
  key,
  name,
  department,
  limitMinutes: Math.round(days * DAY),
  required,
});

const REQUIREMENT = s('requirement', '需求确认', OWNER_DEPARTMENT, 1);
const ACCEPTANCE = s('acceptance', '业务受理', '客户响应中心', 0.5);
const RESOURCE = s('resource', '资源确认', '网络运维部', 2);
const CONTRACT = s('contract', '合同签订', OWNER_DEPARTMENT, 3, false);
const ENGINEERING = s('engineering', '工程实施', '工程建设部', 5);
const ACTIVATION = s('activation', '业务开通', '网络运维部', 2);
const SIGNOFF = s('signoff', '客户签收', OWNER_DEPARTMENT, 2);

const type = (key: string, name: string, stages: TemplateStage[]): BusinessType => ({ key, name, active: true, template: { version: 1, stages } });

/** The business types a branch starts with (editable by a leader). */
export const DEFAULT_BUSINESS_TYPES: BusinessType[] = [
  type('install', '新装', [REQUIREMENT, ACCEPTANCE, RESOURCE, CONTRACT, ENGINEERING, ACTIVATION, SIGNOFF]),
  type('upgrade', '扩容/提速', [REQUIREMENT, ACCEPTANCE, RESOURCE, { ...CONTRACT }, { ...ENGINEERING, limitMinutes: 3 * DAY, required: false }, ACTIVATION, SIGNOFF]),
  type('relocate', '移机', [REQUIREMENT, ACCEPTANCE, RESOURCE, ENGINEERING, ACTIVATION, SIGNOFF]),
  type('change', '变更', [REQUIREMENT, ACCEPTANCE, { ...ACTIVATION, limitMinutes: DAY }, SIGNOFF]),
  type('terminate', '拆机', [REQUIREMENT, ACCEPTANCE, s('teardown', '拆机停机', '网络运维部', 2), SIGNOFF]),
];

/** 异常返单 reasons a branch starts with (editable). */
export const DEFAULT_RETURN_REASONS = [
  { code: 'no_resource', name: '资源不足', active: true },
  { code: 'incomplete_info', name: '客户资料不全', active: true },
  { code: 'wrong_address', name: '地址错误', active: true },
  { code: 'customer_change', name: '客户变更需求', active: true },
  { code: 'not_ready', name: '客户现场不具备条件', active: true },
  { code: 'other', name: '其他', active: true },
];

function readStored(ctx: ServiceContext): { id: string | null; value: StoredConfig } {
  const row = ctx.db
    .select({ id: settings.id, value: settings.value, deleted: settings.deleted })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, ORDERS_SETTING_KEY)))
    .get();
  const defaults: StoredConfig = { businessTypes: DEFAULT_BUSINESS_TYPES, returnReasons: DEFAULT_RETURN_REASONS, calendarId: null, warnRatio: 0.8 };
  if (!row || row.deleted) return { id: row?.id ?? null, value: defaults };
  return { id: row.id, value: { ...defaults, ...(JSON.parse(row.value) as Partial<StoredConfig>) } };
}

/**
 * The calendar stage clocks run on: the one chosen in the settings, else the red channel's office
 * calendar (the first business-hours calendar), so both channels count the same working time and 调休.
 */
export function orderCalendarId(ctx: ServiceContext, chosen: string | null = readStored(ctx).value.calendarId): string | null {
  ensureTicketDefaults(ctx);
  const rows = ctx.db.select({ id: slaCalendars.id, definition: slaCalendars.definition }).from(slaCalendars).where(eq(slaCalendars.deleted, false)).all();
  if (chosen && rows.some((r) => r.id === chosen)) return chosen;
  const business = rows.find((r) => (JSON.parse(r.definition) as { kind: string }).kind === 'business');
  return (business ?? rows[0])?.id ?? null;
}

/** The compiled calendar of an order (its snapshot calendar id). */
export function orderCalendar(ctx: ServiceContext, calendarId: string | null): { compiled: CompiledCalendar; name: string } {
  return calendarById(ctx, calendarId);
}

/** The stored configuration as the services use it (names as stored). */
export function ordersSettings(ctx: ServiceContext): StoredConfig {
  return readStored(ctx).value;
}

/** A business type by key (active or not), or VALIDATION. */
export function businessTypeOf(ctx: ServiceContext, key: string): BusinessType {
  const t = ordersSettings(ctx).businessTypes.find((b) => b.key === key);
  if (!t) throw new AppError('VALIDATION', 'orders.unknownBusinessType', { type: key });
  return t;
}

/** A return reason's name by code in the reader's language (the code itself if unknown). */
export function returnReasonName(ctx: ServiceContext, code: string | null): string | null {
  if (!code) return null;
  const r = ordersSettings(ctx).returnReasons.find((x) => x.code === code);
  return r ? seededName(r.name, ctx.locale) : code;
}

/** Everything the order forms and the settings page need, names in the reader's language. */
export function ordersConfig(ctx: ServiceContext): OrdersConfig {
  const stored = ordersSettings(ctx);
  const calendarId = orderCalendarId(ctx, stored.calendarId);
  const calendars = ctx.db.select({ id: slaCalendars.id, name: slaCalendars.name }).from(slaCalendars).where(eq(slaCalendars.deleted, false)).all();
  const depts = new Set(departments(ctx));
  for (const b of stored.businessTypes) for (const st of b.template.stages) depts.add(st.department);
  depts.delete(OWNER_DEPARTMENT);
  const name = (n: string) => seededName(n, ctx.locale);
  return {
    businessTypes: stored.businessTypes.map((b) => ({
      ...b,
      name: name(b.name),
      template: { version: b.template.version, stages: b.template.stages.map((st) => ({ ...st, name: name(st.name) })) },
    })),
    returnReasons: stored.returnReasons.map((r) => ({ ...r, name: name(r.name) })),
    departments: [OWNER_DEPARTMENT, ...depts],
    calendarId,
    calendarName: name(calendars.find((c) => c.id === calendarId)?.name ?? '7×24'),
    calendars: calendars.map((c) => ({ id: c.id, name: name(c.name) })),
    warnRatio: stored.warnRatio,
  };
}

function assertUnique(keys: string[], key: string): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new AppError('VALIDATION', key, { code: k });
    seen.add(k);
  }
}

/** orders.config.save: validates and stores; a template whose stages changed gets version + 1. */
export function saveOrdersConfig(ctx: ServiceContext, input: ParsedInputOf<'orders.config.save'>): OrdersConfig {
  const { id, value: before } = readStored(ctx);
  assertUnique(input.businessTypes.map((b) => b.key), 'orders.duplicateCode');
  assertUnique(input.returnReasons.map((r) => r.code), 'orders.duplicateCode');
  const stored = (n: string) => storedSeededName(n, ctx.locale);
  const businessTypes: BusinessType[] = input.businessTypes.map((b) => {
    assertUnique(b.stages.map((st) => st.key), 'orders.duplicateCode');
    const stages = b.stages.map((st) => ({ ...st, name: stored(st.name) }));
    const previous = before.businessTypes.find((p) => p.key === b.key);
    const same = previous && JSON.stringify(previous.template.stages) === JSON.stringify(stages);
    const version = previous ? previous.template.version + (same ? 0 : 1) : 1;
    return { key: b.key, name: stored(b.name), active: b.active, template: { version, stages } };
  });
  // A type that running orders use may be retired (inactive) but not removed: its orders still name it.
  for (const p of before.businessTypes) {
    if (!businessTypes.some((b) => b.key === p.key)) businessTypes.push({ ...p, active: false });
  }
  if (!businessTypes.some((b) => b.active)) throw new AppError('VALIDATION', 'orders.noActiveType');
  const calendarId = input.calendarId === undefined ? before.calendarId : input.calendarId;
  if (calendarId && orderCalendarId(ctx, calendarId) !== calendarId) throw new AppError('VALIDATION', 'tickets.unknownCalendar');
  const next: StoredConfig = {
    businessTypes,
    returnReasons: input.returnReasons.map((r) => ({ ...r, name: stored(r.name) })),
    calendarId,
    warnRatio: input.warnRatio ?? before.warnRatio,
  };
  const value = JSON.stringify(next);
  if (id) updateRow(ctx, settings, id, { value });
  else insertRow(ctx, settings, { key: ORDERS_SETTING_KEY, value });
  return ordersConfig(ctx);
}
