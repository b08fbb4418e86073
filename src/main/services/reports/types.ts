import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Locale } from '../../../shared/locale';
import type { Role } from '../../../shared/roles';
import type {
  Orientation,
  ParamKind,
  ReportChart,
  ReportDocument,
  ReportTable,
  SummaryItem,
} from '../../../shared/contract/reports';
import type { Actor, ServiceContext } from '../context';
import type { Text, Translate } from './text';

/** One field of a report's parameter form. */
export interface ParamDef {
  key: string;
  kind: ParamKind;
  label: Text;
  required: boolean;
  /** The form's starting value, from the clock (e.g. last month) or null for "all". */
  defaultValue: (now: Date) => string | number | null;
}

/** What a report's query needs: who asks, in which language, on which store, at what time. */
export interface ReportContext {
  ctx: ServiceContext;
  actor: Actor;
  locale: Locale;
  t: Translate;
  sqlite: Database;
  now: Date;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
}

/** What a report's query produces; the framework adds the letterhead facts. */
export type ReportBody = Pick<ReportDocument, 'params' | 'summary' | 'charts' | 'tables'> & {
  /** Appended to the title for file names, e.g. '2026-01至2026-10'. */
  fileSuffix: string;
};

/**
 * One report: its folder exports this. The registry lists them; nothing else needs to change to
 * add one.
 */
export interface ReportDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  group: 'customers' | 'finance' | 'service';
  orientation: Orientation;
  title: Text;
  description: Text;
  /** Who may run it (the data inside is further limited by reportScopeSql). */
  roles: readonly Role[];
  params: ParamDef[];
  /** Validates the form's values; its output is what `run` receives. */
  schema: S;
  run(rc: ReportContext, params: z.output<S>): ReportBody;
}

/** Keeps the params schema's type flowing into `run` while the registry holds definitions of any schema. */
export function defineReport<S extends z.ZodType>(def: ReportDefinition<S>): ReportDefinition {
  return def as unknown as ReportDefinition;
}

export type { ReportChart, ReportTable, SummaryItem };
