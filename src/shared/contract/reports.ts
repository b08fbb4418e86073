import { z } from 'zod';
import { method } from './define';
import { idSchema, requiredText } from './common';
import { periodSchema } from './customer-common';

/**
 * Reports and decision support (DOMAIN.md module 9, issue #5). A report is generic on the wire: the
 * main process answers with a document (letterhead facts, parameters, summary figures, charts and
 * tables, labels already in the caller's language) and the renderer lays it out on A4 pages. The
 * report list comes from the registry, so adding a report means adding one folder under
 * src/main/services/reports/ and nothing here.
 */

/** The kinds of parameter a report form can ask for; the renderer has one widget per kind. */
export const PARAM_KINDS = ['month', 'region', 'industry', 'grade', 'manager', 'evaluationRun', 'limit'] as const;
export type ParamKind = (typeof PARAM_KINDS)[number];

/** How a value is shown on paper and in Excel: fen as ¥1,234.56, ratios as 12.3 %, hours with one decimal. */
/** 'duration' is a number of minutes, shown as 2天3小时 / 2 d 3 h (src/shared/duration.ts); the label says business or elapsed. */
export const CELL_FORMATS = ['text', 'int', 'fen', 'percent', 'decimal', 'duration', 'date', 'datetime'] as const;
export type CellFormat = (typeof CELL_FORMATS)[number];

export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const paramSpecSchema = z.object({
  key: z.string(),
  kind: z.enum(PARAM_KINDS),
  label: z.string(),
  required: z.boolean(),
  /** What the form starts with (a month like '2026-10', a number, or null for "all"). */
  defaultValue: z.union([z.string(), z.number(), z.null()]),
});
export type ParamSpec = z.infer<typeof paramSpecSchema>;

export const reportInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** customers | finance | service: how the list groups them. */
  group: z.enum(['customers', 'finance', 'service']),
  orientation: z.enum(ORIENTATIONS),
  params: z.array(paramSpecSchema),
});
export type ReportInfo = z.infer<typeof reportInfoSchema>;

const option = z.object({ value: z.string(), label: z.string() });

export const cellSchema = z.union([z.string(), z.number(), z.null()]);
export type Cell = z.infer<typeof cellSchema>;

export const columnSchema = z.object({
  key: z.string(),
  label: z.string(),
  format: z.enum(CELL_FORMATS),
  /** Width in characters: Excel's column width, and the column's share of the printed table. */
  width: z.number(),
});
export type ReportColumn = z.infer<typeof columnSchema>;

export const tableSchema = z.object({
  id: z.string(),
  title: z.string(),
  columns: z.array(columnSchema),
  rows: z.array(z.record(z.string(), cellSchema)),
  /** A totals row printed after the last row (same keys as the columns), or null. */
  totals: z.record(z.string(), cellSchema).nullable(),
  /** E.g. "前 100 名，共 8,432 户": said under the title when rows were limited. */
  note: z.string().nullable(),
});
export type ReportTable = z.infer<typeof tableSchema>;

export const chartSchema = z.object({
  id: z.string(),
  /** bar, line, pie, or pareto (bars plus a cumulative-share line on a second axis). */
  kind: z.enum(['bar', 'line', 'pie', 'pareto']),
  title: z.string(),
  categories: z.array(z.string()),
  series: z.array(
    z.object({
      name: z.string(),
      data: z.array(z.number().nullable()),
      /** For a mixed chart: draw this series as a line on the right-hand axis. */
      line: z.boolean().default(false),
      format: z.enum(CELL_FORMATS),
    }),
  ),
  /** Height on paper in CSS pixels (the width is the page's). */
  height: z.number().int(),
});
export type ReportChart = z.infer<typeof chartSchema>;

export const summaryItemSchema = z.object({
  label: z.string(),
  value: cellSchema,
  format: z.enum(CELL_FORMATS),
});
export type SummaryItem = z.infer<typeof summaryItemSchema>;

/** Everything a printed report shows, in the caller's language, with raw values to format at the edge. */
export const reportDocumentSchema = z.object({
  reportId: z.string(),
  title: z.string(),
  orientation: z.enum(ORIENTATIONS),
  branchName: z.string(),
  printedBy: z.string(),
  printedAt: z.string(),
  /** The parameters as read on paper, e.g. {label: '统计期间', value: '2026-01 至 2026-10'}. */
  params: z.array(z.object({ label: z.string(), value: z.string() })),
  /**
   * The values the report ran with, by parameter key: defaults filled in and the caller's scope
   * applied (an account manager's own id as manager, whoever he asked for), so the form can echo them.
   */
  applied: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** Printed under the parameters when the scope replaced what was asked ("按您的权限范围显示：王强"); else null. */
  scopeNote: z.string().nullable(),
  summary: z.array(summaryItemSchema),
  charts: z.array(chartSchema),
  tables: z.array(tableSchema),
  /** File name without extension for PDF and Excel, e.g. '收入排名-2026-01至2026-10'. */
  fileBase: z.string(),
});
export type ReportDocument = z.infer<typeof reportDocumentSchema>;

/** Parameter values as the form sends them; each report validates its own with its params schema. */
export const reportParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

const runInput = z.object({ reportId: requiredText(64), params: reportParamsSchema.default({}) }).strict();

const dashTicket = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  kind: z.string(),
  customerName: z.string(),
  priority: z.string(),
  status: z.string(),
  /** Due time of the running SLA clock (null when none runs). */
  dueAt: z.string().nullable(),
  slaState: z.string(),
  /** Business minutes left on the running clock (negative when breached). */
  remainingMinutes: z.number().nullable(),
});
export type DashboardTicket = z.infer<typeof dashTicket>;

const kpi = z.object({
  key: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  format: z.enum(CELL_FORMATS),
  /** The month the value is about, YYYY-MM. */
  period: z.string(),
  /** A renderer route with the list behind the figure. */
  route: z.string(),
});
export type DashboardKpi = z.infer<typeof kpi>;

export const dashboardSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('account_manager'),
    keyCustomers: z.number().int(),
    customers: z.number().int(),
    openWarnings: z.number().int(),
    warnings: z.array(
      z.object({
        id: z.string(),
        customerId: z.string(),
        customerName: z.string(),
        kind: z.string(),
        /** One line in the caller's language, from the customers module. */
        message: z.string(),
        amountFen: z.number().int(),
        raisedAt: z.string(),
      }),
    ),
    openTickets: z.number().int(),
    tickets: z.array(dashTicket),
  }),
  z.object({
    kind: z.literal('service_desk'),
    queue: z.object({
      open: z.number().int(),
      unassigned: z.number().int(),
      mine: z.number().int(),
      warning: z.number().int(),
      breached: z.number().int(),
      waiting: z.number().int(),
    }),
    dueSoon: z.array(dashTicket),
  }),
  z.object({
    kind: z.literal('leader'),
    kpis: z.array(kpi),
    worstBreaches: z.array(dashTicket),
  }),
  z.object({ kind: z.literal('none') }),
]);
export type Dashboard = z.infer<typeof dashboardSchema>;

export const targetRowSchema = z.object({
  managerId: z.string(),
  managerName: z.string(),
  period: z.string(),
  newKeyCustomers: z.number().int(),
});

export const reportsContract = {
  'reports.list': method({
    summary: 'The reports the caller may run, their parameter forms and the choices for each parameter.',
    access: ['admin', 'leader', 'account_manager', 'service_desk', 'staff'],
    input: z.object({}).strict(),
    output: z.object({
      reports: z.array(reportInfoSchema),
      options: z.object({
        regions: z.array(option),
        industries: z.array(option),
        grades: z.array(option),
        /** Account managers the caller may report on (an account manager: only themselves). */
        managers: z.array(option),
        evaluationRuns: z.array(option),
      }),
    }),
  }),
  'reports.run': method({
    summary: "Runs a report with its parameters over the caller's scope and returns the printable document.",
    access: ['admin', 'leader', 'account_manager', 'service_desk', 'staff'],
    input: runInput,
    output: reportDocumentSchema,
  }),
  'reports.export': method({
    summary: 'The same report as an .xlsx workbook (Chinese headers, 元 with two decimals), base64.',
    access: ['admin', 'leader', 'account_manager', 'service_desk', 'staff'],
    input: runInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
  }),
  'reports.dashboard': method({
    summary: "The home page figures for the caller's role, each with the route of the list behind it.",
    access: 'authenticated',
    input: z.object({}).strict(),
    output: dashboardSchema,
  }),
  'reports.targets.list': method({
    summary: 'Plan figures (new key customers per account manager and month) for a year.',
    access: ['admin', 'leader', 'account_manager'],
    input: z.object({ year: z.string().regex(/^\d{4}$/, { error: 'period.format' }) }).strict(),
    output: z.object({ rows: z.array(targetRowSchema) }),
  }),
  'reports.targets.save': method({
    creates: true,
    summary: "Sets an account manager's plan of new key customers for a month (0 clears it).",
    access: ['admin', 'leader'],
    input: z
      .object({ managerId: idSchema, period: periodSchema, newKeyCustomers: z.number().int().min(0).max(100000) })
      .strict(),
    output: targetRowSchema,
  }),
} as const;
