import type { Statement } from 'better-sqlite3';
import { and, asc, eq } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { Grade } from '../../../shared/contract/customer-common';
import { GRADES } from '../../../shared/contract/customer-common';
import type { CalendarDefinitionData, PriorityMatrix } from '../../../shared/contract/tickets';
import { TICKET_IMPACTS, type Priority, type TicketImpact, type TicketKind } from '../../../shared/contract/ticket-common';
import { AppError } from '../../../shared/errors';
import { settings, slaCalendars, slaPolicies, ticketCategories, users } from '../../db/schema';
import type { ServiceContext } from '../context';
import {
  CALENDAR_24X7,
  CN_2026_HOLIDAYS_ICS,
  compileCalendar,
  officeCalendar,
  parseHolidayCsv,
  parseHolidayIcs,
  validateCalendar,
  type CalendarDefinition,
  type CompiledCalendar,
} from '../sla';
import { insertRow, updateRow, type Row } from '../write';
import { translate } from '../../../shared/messages';
import type { Locale } from '../../../shared/locale';
import { seededName, storedSeededName } from './seeded';

/** Red-channel configuration: category tree, calendars, SLA policies and the priority matrix. */

export const MATRIX_SETTING_KEY = 'tickets.priorityMatrix';

const g = (strategic: Priority, key: Priority, vip: Priority, quality: Priority, normal: Priority, none: Priority) => ({
  strategic,
  key,
  vip,
  quality,
  normal,
  none,
});

/** Impact × grade → priority as a branch starts with (editable). */
export const DEFAULT_MATRIX: PriorityMatrix = {
  outage: g('P1', 'P1', 'P1', 'P2', 'P2', 'P2'),
  major: g('P1', 'P2', 'P2', 'P2', 'P3', 'P3'),
  minor: g('P2', 'P3', 'P3', 'P3', 'P3', 'P4'),
  consult: g('P3', 'P4', 'P4', 'P4', 'P4', 'P4'),
};

/** Departments tickets are dispatched to when the user list names none. */
export const DEFAULT_DEPARTMENTS = ['客户响应中心', '网络运维部', '计费账务中心', '工程建设部', '大客户发展中心'];

const DEFAULT_CATEGORIES: { name: string; kind: TicketKind | null; children: string[] }[] = [
  { name: '故障类', kind: 'fault', children: ['线路中断', '网速慢/丢包', '设备故障', '语音/号码故障', '割接影响'] },
  { name: '投诉类', kind: 'complaint', children: ['计费争议', '服务态度', '装机开通超时', '故障处理不满意', '宣传不实'] },
  { name: '其他', kind: null, children: [] },
];

/** Creates the default calendars, policies and categories the first time the red channel is used. */
export function ensureTicketDefaults(ctx: ServiceContext): void {
  const any = ctx.db.select({ id: slaCalendars.id }).from(slaCalendars).limit(1).get();
  if (any) return;
  const schedule = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
  const office = insertRow(ctx, slaCalendars, {
    name: '工作日历（08:30–12:00，13:30–17:30）',
    definition: JSON.stringify(officeCalendar(schedule.holidays, schedule.workdays)),
  });
  const always = insertRow(ctx, slaCalendars, { name: '7×24', definition: JSON.stringify(CALENDAR_24X7) });
  const policies: [string, Priority, string, string, number, number, number][] = [
    ['P1 紧急', 'P1', '*', always.id, 15, 240, 360],
    ['P2 高', 'P2', '*', office.id, 30, 480, 720],
    ['P2 高（战略客户 7×24）', 'P2', 'strategic', always.id, 15, 360, 480],
    ['P3 中', 'P3', '*', office.id, 60, 1350, 1800],
    ['P4 低', 'P4', '*', office.id, 240, 2250, 2700],
  ];
  for (const [name, priority, grade, calendarId, responseMinutes, resolutionMinutes, replyMinutes] of policies) {
    insertRow(ctx, slaPolicies, { name, priority, grade, calendarId, responseMinutes, resolutionMinutes, replyMinutes, warnRatio: 0.8 });
  }
  DEFAULT_CATEGORIES.forEach((c, i) => {
    const parent = insertRow(ctx, ticketCategories, { parentId: null, name: c.name, kind: c.kind, sortOrder: i * 10, active: true });
    c.children.forEach((name, j) =>
      insertRow(ctx, ticketCategories, { parentId: parent.id, name, kind: c.kind, sortOrder: j * 10, active: true }),
    );
  });
}

/** The priority matrix (stored in settings; the default until someone edits it). */
export function readMatrix(ctx: ServiceContext): PriorityMatrix {
  const row = ctx.db
    .select({ value: settings.value, deleted: settings.deleted })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, MATRIX_SETTING_KEY)))
    .get();
  if (!row || row.deleted) return DEFAULT_MATRIX;
  return { ...DEFAULT_MATRIX, ...(JSON.parse(row.value) as Partial<PriorityMatrix>) };
}

/** The matrix's priority for an impact and a customer grade. */
export function matrixPriority(matrix: PriorityMatrix, impact: TicketImpact, grade: Grade | null): Priority {
  return matrix[impact][grade ?? 'none'];
}

// Compiled calendars are cached per row version: compiling is cheap but not free, and the queue
// evaluates a clock for every row it shows.
const compiledCache = new Map<string, { updatedHlc: string; compiled: CompiledCalendar; name: string }>();
const fallback = compileCalendar(CALENDAR_24X7);

const versionStatements = new WeakMap<object, Statement>();
function calendarVersion(ctx: ServiceContext): Statement {
  let stmt = versionStatements.get(ctx.store.sqlite);
  if (!stmt) {
    stmt = ctx.store.sqlite.prepare('SELECT updated_hlc AS updatedHlc FROM sla_calendars WHERE id = ?');
    versionStatements.set(ctx.store.sqlite, stmt);
  }
  return stmt;
}

/** The compiled calendar of a calendar row (7×24 when the row is missing). */
export function calendarById(ctx: ServiceContext, id: string | null): { compiled: CompiledCalendar; name: string } {
  if (!id) return { compiled: fallback, name: '7×24' };
  const key = `${ctx.store.file}:${id}`;
  const cached = compiledCache.get(key);
  // Only the version is read on a cache hit: the queue asks for a calendar on every row it shows.
  const version = calendarVersion(ctx).get(id) as { updatedHlc: string } | undefined;
  if (!version) return { compiled: fallback, name: '7×24' };
  if (cached && cached.updatedHlc === version.updatedHlc) return cached;
  const row = ctx.db.select().from(slaCalendars).where(eq(slaCalendars.id, id)).get()!;
  const entry = { updatedHlc: row.updatedHlc, compiled: compileCalendar(JSON.parse(row.definition) as CalendarDefinition), name: row.name };
  compiledCache.set(key, entry);
  return entry;
}

export type SlaPolicyRow = Row<typeof slaPolicies>;

/** The policy for a priority and grade: the grade's own row, else the '*' row; NOT_FOUND-like error if none. */
export function policyFor(ctx: ServiceContext, priority: Priority, grade: string | null): SlaPolicyRow {
  const rows = ctx.db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.priority, priority), eq(slaPolicies.deleted, false)))
    .all();
  const exact = grade ? rows.find((r) => r.grade === grade) : undefined;
  const any = rows.find((r) => r.grade === '*');
  const policy = exact ?? any;
  if (!policy) throw new AppError('CONFLICT', 'tickets.noPolicy', { priority });
  return policy;
}

/** Departments to dispatch to: those of active users plus the defaults. */
export function departments(ctx: ServiceContext): string[] {
  const rows = ctx.db
    .selectDistinct({ department: users.department })
    .from(users)
    .where(and(eq(users.active, true), eq(users.deleted, false)))
    .all();
  const names = new Set(DEFAULT_DEPARTMENTS);
  for (const r of rows) if (r.department && r.department !== '系统管理') names.add(r.department);
  return [...names];
}

// Names go out in the reader's language while they are the seeded defaults (seeded.ts), and come back to the seeded text.
function calendarOut(row: Row<typeof slaCalendars>, locale: Locale) {
  return { id: row.id, name: seededName(row.name, locale), definition: JSON.parse(row.definition) as CalendarDefinitionData };
}

function categoryOut(row: Row<typeof ticketCategories>, locale: Locale) {
  return { id: row.id, parentId: row.parentId, name: seededName(row.name, locale), kind: row.kind, sortOrder: row.sortOrder, active: row.active };
}

function policyOut(row: SlaPolicyRow, locale: Locale) {
  const { id, name, priority, grade, calendarId, responseMinutes, resolutionMinutes, replyMinutes, warnRatio } = row;
  return { id, name: seededName(name, locale), priority, grade, calendarId, responseMinutes, resolutionMinutes, replyMinutes, warnRatio };
}

/** Everything the intake form and the settings page need. */
export function ticketConfig(ctx: ServiceContext) {
  ensureTicketDefaults(ctx);
  const assignees = ctx.db
    .select({ id: users.id, displayName: users.displayName, department: users.department, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), eq(users.deleted, false)))
    .orderBy(asc(users.department), asc(users.displayName))
    .all()
    .filter((u) => u.role !== 'admin');
  return {
    categories: ctx.db
      .select()
      .from(ticketCategories)
      .where(eq(ticketCategories.deleted, false))
      .orderBy(asc(ticketCategories.sortOrder))
      .all()
      .map((r) => categoryOut(r, ctx.locale)),
    calendars: ctx.db
      .select()
      .from(slaCalendars)
      .where(eq(slaCalendars.deleted, false))
      .all()
      .map((r) => calendarOut(r, ctx.locale)),
    policies: ctx.db
      .select()
      .from(slaPolicies)
      .where(eq(slaPolicies.deleted, false))
      .orderBy(asc(slaPolicies.priority), asc(slaPolicies.grade))
      .all()
      .map((r) => policyOut(r, ctx.locale)),
    matrix: readMatrix(ctx),
    departments: departments(ctx),
    assignees,
  };
}

function checkCalendar(def: CalendarDefinition) {
  const problems = validateCalendar(def);
  if (problems.length > 0) throw new AppError('VALIDATION', problems[0]!);
}

export const configHandlers = {
  'tickets.config': (ctx: ServiceContext) => ticketConfig(ctx),
  'tickets.categories.save': (ctx: ServiceContext, input: ParsedInputOf<'tickets.categories.save'>) => {
    const { id, ...rest } = input;
    const values = { ...rest, name: storedSeededName(rest.name, ctx.locale) };
    if (values.parentId) {
      const parent = ctx.db.select().from(ticketCategories).where(eq(ticketCategories.id, values.parentId)).get();
      if (!parent || parent.deleted || parent.id === id) throw new AppError('VALIDATION', 'tickets.badParentCategory');
    }
    const row = id ? updateRow(ctx, ticketCategories, id, values).row : insertRow(ctx, ticketCategories, values);
    return categoryOut(row, ctx.locale);
  },
  'tickets.calendars.save': (ctx: ServiceContext, input: ParsedInputOf<'tickets.calendars.save'>) => {
    checkCalendar(input.definition);
    const values = { name: storedSeededName(input.name, ctx.locale), definition: JSON.stringify(input.definition) };
    const row = input.id ? updateRow(ctx, slaCalendars, input.id, values).row : insertRow(ctx, slaCalendars, values);
    return calendarOut(row, ctx.locale);
  },
  'tickets.calendars.import': (ctx: ServiceContext, input: ParsedInputOf<'tickets.calendars.import'>) => {
    const row = ctx.db.select().from(slaCalendars).where(eq(slaCalendars.id, input.calendarId)).get();
    if (!row || row.deleted) throw new AppError('NOT_FOUND', 'error.NOT_FOUND');
    const parsed = input.format === 'csv' ? parseHolidayCsv(input.text) : parseHolidayIcs(input.text);
    const errors = parsed.errors.map((e) => ({ line: e.line, text: e.text, message: translate(e.key, ctx.locale) }));
    // Nothing half-imported: a file with unreadable lines is refused as a whole.
    const applied = !input.dryRun && errors.length === 0;
    if (applied) {
      const def = JSON.parse(row.definition) as CalendarDefinition;
      // The imported years replace what the calendar had for those years; other years stay.
      const years = new Set([...parsed.holidays, ...parsed.workdays].map((d) => d.slice(0, 4)));
      const keep = (d: string) => !years.has(d.slice(0, 4));
      const next: CalendarDefinition = {
        ...def,
        holidays: [...def.holidays.filter(keep), ...parsed.holidays].sort(),
        workdays: [...def.workdays.filter(keep), ...parsed.workdays].sort(),
      };
      checkCalendar(next);
      updateRow(ctx, slaCalendars, row.id, { definition: JSON.stringify(next) });
    }
    return { holidays: parsed.holidays, workdays: parsed.workdays, errors, applied };
  },
  'tickets.policies.save': (ctx: ServiceContext, input: ParsedInputOf<'tickets.policies.save'>) => {
    const cal = ctx.db.select({ id: slaCalendars.id }).from(slaCalendars).where(eq(slaCalendars.id, input.calendarId)).get();
    if (!cal) throw new AppError('VALIDATION', 'tickets.unknownCalendar');
    if (input.resolutionMinutes < input.responseMinutes) throw new AppError('VALIDATION', 'tickets.policyOrder');
    const { id, ...rest } = input;
    const values = { ...rest, name: storedSeededName(rest.name, ctx.locale) };
    const clash = ctx.db
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(and(eq(slaPolicies.priority, values.priority), eq(slaPolicies.grade, values.grade), eq(slaPolicies.deleted, false)))
      .all()
      .find((r) => r.id !== id);
    if (clash) throw new AppError('CONFLICT', 'tickets.policyExists', { priority: values.priority, grade: values.grade });
    const row = id ? updateRow(ctx, slaPolicies, id, values).row : insertRow(ctx, slaPolicies, values);
    return policyOut(row, ctx.locale);
  },
  'tickets.matrix.save': (ctx: ServiceContext, input: ParsedInputOf<'tickets.matrix.save'>) => {
    for (const impact of TICKET_IMPACTS) {
      for (const grade of [...GRADES, 'none'] as const) {
        if (!input.matrix[impact]?.[grade]) throw new AppError('VALIDATION', 'tickets.matrixIncomplete');
      }
    }
    const existing = ctx.db
      .select({ id: settings.id })
      .from(settings)
      .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, MATRIX_SETTING_KEY)))
      .get();
    const value = JSON.stringify(input.matrix);
    if (existing) updateRow(ctx, settings, existing.id, { value });
    else insertRow(ctx, settings, { key: MATRIX_SETTING_KEY, value });
    return readMatrix(ctx);
  },
};
