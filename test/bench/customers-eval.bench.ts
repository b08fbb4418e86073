import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createApi, type Api } from '../../src/main/api';
import { defaultMigrationsFolder } from '../../src/main/db/open';
import { DB_FILE_NAME, openRuntime } from '../../src/main/runtime';
import { discardWrites, measureOnce, warmFileCache, writeResults } from './harness';
import { reportCube } from '../../src/main/services/reports/cube';
import { BENCH_PASSWORD, ensureBenchDb } from './gen-customers';

/**
 * Customer evaluation run benchmark (issue #3, "Speed"): customers.evaluate for month 2026-10 over the
 * 1,000,000-customer / 12,000,000-bill data set — metrics, score, grade, results with history, grade
 * changes, outbox rows and the commit — through the API, as the app runs it. The runs happen in a child
 * process on the data set itself, from the OS file cache (warmFileCache), with checkpoints off; what
 * they wrote is thrown away afterwards with the WAL (discardWrites), so the data set stays as generated.
 * KAM_BENCH_DATA_DIR points at another data set.
 */

const CUSTOMERS = Number(process.env.KAM_BENCH_CUSTOMERS ?? 1_000_000);

function dataDir(): { dir: string; bills: number } {
  const dir = process.env.KAM_BENCH_DATA_DIR;
  if (!dir) {
    const db = ensureBenchDb(CUSTOMERS);
    return { dir: db.dataDir, bills: db.bills };
  }
  // As ensureBenchDb does: apply newer migrations without the app's 7 GB pre-migration backup.
  const db = new Database(join(dir, DB_FILE_NAME));
  db.pragma('busy_timeout = 600000');
  migrate(drizzle(db), { migrationsFolder: defaultMigrationsFolder() });
  db.close();
  return { dir, bills: CUSTOMERS * 12 };
}

async function ok(api: Api, method: string, input: unknown, token?: string): Promise<unknown> {
  const r = await api.call(method, input, token ? { token } : {});
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}

async function main() {
  if (process.argv[2] === '--child') {
    await measureRuns(process.argv[3]!, Number(process.argv[4]));
    // Not closed: the last connection to close would checkpoint the runs into the data set.
    process.exit(0);
  }
  const { dir, bills } = dataDir();
  warmFileCache(join(dir, DB_FILE_NAME));
  discardWrites(dir, () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', dir, String(bills)], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`evaluation child failed (${child.status ?? child.signal})`);
  });
}

async function measureRuns(dir: string, bills: number) {
  const runtime = openRuntime({ dataDir: dir, transport: 'test', now: () => new Date('2026-11-23T02:00:00Z') });
  runtime.store.checkpointer?.stop();
  runtime.store.sqlite.pragma('wal_autocheckpoint = 0');
  const api = createApi(runtime);
  const sqlite = runtime.store.sqlite;
  const leader = ((await ok(api, 'auth.login', { username: 'leader', password: BENCH_PASSWORD })) as { token: string }).token;
  const load = loadavg()[0]!.toFixed(2);
  console.log(`[customers-eval.bench] evaluation over ${CUSTOMERS} customers (load average ${load})`);
  // The report cube as a running app has it (built in the background after start), so the report after
  // the runs shows what taking in a run's grade changes costs.
  const built = performance.now();
  reportCube(sqlite);
  console.log(`[customers-eval.bench] report cube built in ${Math.round(performance.now() - built)} ms`);
  let run: { customerCount: number; gradeCounts: Record<string, number> } = { customerCount: 0, gradeCounts: {} };
  // The first run meets grades drawn at random by the generator, so most of them change; the next
  // month's run meets the grades the first one gave, which is what a branch sees month after month.
  const first = await measureOnce(
    'evaluation run, month 2026-09, first run (1M customers billed; ~70 % of grades change)',
    async () => {
      await ok(api, 'customers.evaluate', { periodType: 'month', period: '2026-09' }, leader);
    },
    { totalMs: 20_000 },
  );
  const gradeChanges = () =>
    (sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox WHERE sent_at IS NULL AND table_name = 'customers'`).get() as { n: number }).n;
  const changedBefore = gradeChanges();
  const m = await measureOnce(
    'evaluation run, month 2026-10 after 2026-09 (month over month), incl. results, grades, outbox',
    async () => {
      run = (await ok(api, 'customers.evaluate', { periodType: 'month', period: '2026-10' }, leader)) as typeof run;
    },
    { totalMs: 20_000 },
  );
  first.note = `load average ${load} at start; ${changedBefore} customer rows changed grade`;
  const changedMonthly = gradeChanges() - changedBefore;
  // The churn warnings a run asks for are refreshed by the next background pass, on their own.
  const warnings = await measureOnce(
    'churn warnings refresh after the runs (background job; spend drop over 4 months of bills, arrears)',
    async () => {
      await ok(api, 'customers.warnings.refresh', {}, leader);
    },
    { totalMs: 20_000 },
  );
  const report = await measureOnce(
    'first report after the two runs (revenue ranking, 2026-10): the cube takes in every grade change',
    async () => {
      await ok(api, 'reports.run', { reportId: 'revenue-ranking', params: { from: '2026-10', to: '2026-10' } }, leader);
    },
    { totalMs: 2_000 },
  );
  const counts = {
    outbox: (sqlite.prepare('SELECT count(*) AS n FROM sync_outbox WHERE sent_at IS NULL').get() as { n: number }).n,
    warnings: (sqlite.prepare('SELECT count(*) AS n FROM customer_warnings WHERE resolved_at IS NULL AND deleted = 0').get() as { n: number }).n,
  };
  m.note = `${changedMonthly} customer rows changed grade; outbox rows after both runs ${counts.outbox}, open warnings ${counts.warnings}`;
  console.log(`[customers-eval.bench] ${Math.round(m.p50)} ms, ${run.customerCount} customers, ${JSON.stringify(run.gradeCounts)}`);
  report.note = `${changedBefore + changedMonthly} grade changes logged since the cube was built`;
  warnings.note = 'first refresh on this data set: raises every warning';
  writeResults('customers-eval', [first, m, warnings, report], {
    customers: CUSTOMERS,
    bills,
    evaluatedCustomers: run.customerCount,
    outboxRows: counts.outbox,
    openWarnings: counts.warnings,
    loadAverage: load,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
