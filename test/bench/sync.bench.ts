import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migratedPgliteImage, openHqDb, type HqDb } from '../../src/hq/db';
import { registerDevice } from '../../src/hq/devices';
import { createHqServer } from '../../src/hq/server';
import { customers } from '../../src/main/db/schema';
import { openRuntime } from '../../src/main/runtime';
import type { Runtime, ServiceContext } from '../../src/main/services/context';
import { runSync, type SyncEnv } from '../../src/main/services/sync/engine';
import { writeSyncState } from '../../src/main/services/sync/state';
import { updateRow } from '../../src/main/services/write';
import { uuidv7 } from '../../src/shared/uuid';
import { measureOnce, writeResults, type Measurement } from './harness';

/**
 * HQ sync speed (issue #6): the initial upload of 100,000 rows, an incremental sync of 1,000 changes,
 * and 50 branches syncing at once against one HQ on a real PostgreSQL (KAM_TEST_PG_URL or DATABASE_URL;
 * skipped without one). Everything runs over real HTTP on loopback.
 */
const INITIAL_ROWS = Number(process.env.KAM_BENCH_SYNC_ROWS ?? 100_000);
const PG_URL = process.env.KAM_TEST_PG_URL || process.env.DATABASE_URL || null;

interface Hq {
  url: string;
  db: HqDb;
  close(): Promise<void>;
}

async function startHq(db: HqDb): Promise<Hq> {
  const app = createHqServer({ db, adminToken: 'bench' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

async function freshPgDatabase(url: string): Promise<string> {
  const pg = (await import('pg')).default;
  const name = `kam_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

interface Branch {
  runtime: Runtime;
  env: SyncEnv;
  ctx: ServiceContext;
}

async function makeBranch(hq: Hq, code: string): Promise<Branch> {
  const runtime = openRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'kam-bench-sync-')), transport: 'test' });
  const { token } = await registerDevice(hq.db, { branchCode: code, deviceName: `${code}-PC` });
  writeSyncState(runtime.store.db, { hqUrl: hq.url, deviceToken: token });
  const env: SyncEnv = {
    store: runtime.store,
    clock: runtime.clock,
    nodeId: runtime.nodeId,
    branchId: runtime.branchId,
    now: runtime.now,
  };
  const ctx: ServiceContext = {
    ...runtime,
    db: runtime.store.db,
    actor: null,
    method: 'bench.sync',
    locale: 'zh-CN',
  };
  return { runtime, env, ctx };
}

/**
 * Writes customers with their outbox entries and column clocks as the write path would, but in bulk
 * statements: the benchmark measures the upload, not 100,000 audited local saves.
 */
function addCustomers(b: Branch, n: number, prefix: string, shareEvery = 0): string[] {
  const sqlite = b.runtime.store.sqlite;
  const insertCustomer = sqlite.prepare(
    `INSERT INTO customers (id, branch_id, created_at, updated_at, updated_hlc, deleted, name, name_key, type, region, notes)
     VALUES (@id, @branch_id, @created_at, @updated_at, @updated_hlc, @deleted, @name, @name_key, @type, @region, @notes)`,
  );
  const insertOutbox = sqlite.prepare(
    'INSERT INTO sync_outbox (mutation_id, table_name, row_id, cols, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertClocks = sqlite.prepare(
    'INSERT INTO sync_row_clocks (table_name, row_id, clocks) VALUES (?, ?, ?)',
  );
  const ids: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const now = new Date().toISOString();
      const hlc = b.runtime.clock.tick();
      const name = `${prefix}客户${i}`;
      const row = {
        id: uuidv7(),
        branch_id: b.runtime.branchId,
        created_at: now,
        updated_at: now,
        updated_hlc: hlc,
        deleted: 0,
        name,
        name_key: name,
        type: shareEvery > 0 && i % shareEvery === 0 ? 'group' : 'enterprise',
        region: '新城区',
        notes: `备注 ${i}`,
      };
      insertCustomer.run(row);
      insertOutbox.run(uuidv7(), 'customers', row.id, JSON.stringify(row), hlc, now);
      insertClocks.run(
        'customers',
        row.id,
        JSON.stringify(Object.fromEntries(Object.keys(row).map((k) => [k, hlc]))),
      );
      ids.push(row.id);
    }
  })();
  return ids;
}

function editCustomers(b: Branch, ids: string[], tag: string): void {
  b.runtime.store.sqlite.transaction(() => {
    for (const id of ids) updateRow(b.ctx, customers, id, { notes: `${tag} ${id.slice(-6)}` });
  })();
}

async function loopbackSuite(
  measurements: Measurement[],
  facts: Record<string, string | number>,
  engine: 'PGlite' | 'PostgreSQL',
) {
  const db =
    engine === 'PGlite'
      ? await openHqDb({ dataDir: null, image: await migratedPgliteImage() })
      : await openHqDb({ dataDir: null, databaseUrl: await freshPgDatabase(PG_URL!) });
  const hq = await startHq(db);
  const branch = await makeBranch(hq, 'HHHT');
  const t0 = performance.now();
  const ids = addCustomers(branch, INITIAL_ROWS, '初始');
  facts[`${engine}: setup, rows and outbox written (s)`] = Math.round(performance.now() - t0) / 1000;

  let result = { ok: false, errorCode: null, pushed: 0 } as Awaited<ReturnType<typeof runSync>>;
  measurements.push(
    await measureOnce(
      `initial upload of ${INITIAL_ROWS} rows (${engine} HQ)`,
      async () => {
        result = await runSync(branch.env);
      },
      { totalMs: 30_000 },
    ),
  );
  if (!result.ok) throw new Error(`initial upload failed: ${result.errorCode}`);
  facts[`${engine}: initial upload, mutations pushed`] = result.pushed;

  editCustomers(branch, ids.slice(0, 1000), '增量');
  measurements.push(
    await measureOnce(
      `incremental sync of 1,000 changes (${engine} HQ)`,
      async () => {
        result = await runSync(branch.env);
      },
      { totalMs: 2_000 },
    ),
  );
  if (!result.ok || result.pushed !== 1000)
    throw new Error(`incremental sync failed: ${JSON.stringify(result)}`);
  await hq.close();
  branch.runtime.store.sqlite.close();
}

async function fiftyBranches(measurements: Measurement[], facts: Record<string, string | number>) {
  if (!PG_URL) {
    facts['50 branches'] = 'skipped: set KAM_TEST_PG_URL (scripts/ci-postgres.sh) to run against PostgreSQL';
    return;
  }
  const hq = await startHq(await openHqDb({ dataDir: null, databaseUrl: await freshPgDatabase(PG_URL) }));
  const branches: Branch[] = [];
  const owned: string[][] = [];
  for (let i = 0; i < 50; i++) {
    const b = await makeBranch(hq, `B${String(i).padStart(2, '0')}`);
    owned.push(addCustomers(b, 400, `分公司${i}`, 20));
    branches.push(b);
  }
  // Round 1: everyone uploads at once (400 rows each, 20 of them shared group customers).
  let total = 0;
  let errors = 0;
  const t0 = performance.now();
  const first = await Promise.all(branches.map((b) => runSync(b.env)));
  const t1 = performance.now();
  const codes: string[] = [];
  for (const r of first) {
    total += r.pushed;
    if (!r.ok) {
      errors++;
      codes.push(String(r.errorCode));
    }
  }
  // Round 2: everyone edits 100 own rows and syncs at once, also pulling the others' shared customers.
  branches.forEach((b, i) => editCustomers(b, owned[i]!.slice(0, 100), '第二轮'));
  const t2 = performance.now();
  const second = await Promise.all(branches.map((b) => runSync(b.env)));
  const t3 = performance.now();
  let pushed2 = 0;
  let pulled2 = 0;
  for (const r of second) {
    pushed2 += r.pushed;
    pulled2 += r.pulled;
    if (!r.ok) {
      errors++;
      codes.push(String(r.errorCode));
    }
  }
  const ms = (x: number) => Math.round(x * 1000) / 1000;
  measurements.push({
    name: '50 branches upload 400 rows each at once (PostgreSQL HQ)',
    n: 1,
    p50: ms(t1 - t0),
    p95: ms(t1 - t0),
    mean: ms(t1 - t0),
    max: ms(t1 - t0),
    target: 'no errors',
    met: errors === 0,
  });
  measurements.push({
    name: '50 branches sync 100 edits each at once (PostgreSQL HQ)',
    n: 1,
    p50: ms(t3 - t2),
    p95: ms(t3 - t2),
    mean: ms(t3 - t2),
    max: ms(t3 - t2),
    target: 'no errors',
    met: errors === 0,
  });
  facts['50 branches: errors'] = errors === 0 ? 0 : `${errors} (${[...new Set(codes)].join(', ')})`;
  facts['50 branches: round 1 mutations'] = total;
  facts['50 branches: round 1 HQ throughput (mutations/s)'] = Math.round(total / ((t1 - t0) / 1000));
  facts['50 branches: round 2 mutations'] = pushed2;
  facts['50 branches: round 2 HQ throughput (mutations/s)'] = Math.round(pushed2 / ((t3 - t2) / 1000));
  facts['50 branches: round 2 shared changes pulled (all branches)'] = pulled2;
  await hq.close();
  for (const b of branches) b.runtime.store.sqlite.close();
}

const measurements: Measurement[] = [];
// The machine is shared: the load average says how much of it these numbers had.
const facts: Record<string, string | number> = { 'load average at start': loadavg()[0]!.toFixed(1) };
await loopbackSuite(measurements, facts, 'PGlite');
if (PG_URL) await loopbackSuite(measurements, facts, 'PostgreSQL');
await fiftyBranches(measurements, facts);
facts['load average at end'] = loadavg()[0]!.toFixed(1);
facts['note'] =
  '50-branch figures are end to end: all 50 branch clients (SQLite, apply) and HQ run in this one Node thread';
writeResults('sync', measurements, facts);
