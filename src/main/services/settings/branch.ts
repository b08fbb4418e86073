import { and, eq } from 'drizzle-orm';
import type { BranchSettings } from '../../../shared/contract/settings';
import type { ParsedInputOf } from '../../../shared/contract';
import { settings } from '../../db/schema';
import type { Db } from '../../db/open';
import type { Statement } from 'better-sqlite3';
import type { ServiceContext } from '../context';
import { insertRow, updateRow } from '../write';

export const DEFAULT_REGIONS = ['城区', '郊区'];
export const DEFAULT_INDUSTRIES = [
  '党政军',
  '金融',
  '教育',
  '医疗卫生',
  '交通物流',
  '能源',
  '制造业',
  '互联网',
  '商贸零售',
  '农牧业',
  '文旅',
  '其他',
];

const DEFAULTS: BranchSettings = {
  branchCode: 'KAM',
  branchName: '大客户发展中心',
  regions: DEFAULT_REGIONS,
  industries: DEFAULT_INDUSTRIES,
  sessionIdleMinutes: 120,
  updateUrl: '',
};

type Key = keyof BranchSettings;

/** Reads one setting, falling back to its default. */
export function readSetting<K extends Key>(db: Db, branchId: string, key: K): BranchSettings[K] {
  const row = settingStatement(db).get(branchId, key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as BranchSettings[K]) : DEFAULTS[key];
}

// Read on every API call (session idle time), so prepared once per connection.
const statements = new WeakMap<Db, Statement>();
function settingStatement(db: Db): Statement {
  let statement = statements.get(db);
  if (!statement) {
    statement = db.$client.prepare('SELECT value FROM settings WHERE branch_id = ? AND key = ? AND deleted = 0');
    statements.set(db, statement);
  }
  return statement;
}

/** The branch settings with defaults filled in. */
export function getBranchSettings(ctx: Pick<ServiceContext, 'db' | 'branchId'>): BranchSettings {
  const rows = ctx.db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(and(eq(settings.branchId, ctx.branchId), eq(settings.deleted, false)))
    .all();
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const row of rows) if (row.key in DEFAULTS) out[row.key] = JSON.parse(row.value);
  return out as unknown as BranchSettings;
}

/** Writes settings through the write path: one synced row per key. */
export function writeSettings(ctx: ServiceContext, patch: Partial<BranchSettings>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const existing = ctx.db
      .select({ id: settings.id })
      .from(settings)
      .where(and(eq(settings.branchId, ctx.branchId), eq(settings.key, key)))
      .get();
    const json = JSON.stringify(value);
    if (existing) updateRow(ctx, settings, existing.id, { value: json });
    else insertRow(ctx, settings, { key, value: json });
  }
}

export const settingsHandlers = {
  'settings.getBranch': (ctx: ServiceContext) => getBranchSettings(ctx),
  'settings.updateBranch': (ctx: ServiceContext, input: ParsedInputOf<'settings.updateBranch'>) => {
    writeSettings(ctx, input);
    return getBranchSettings(ctx);
  },
};
