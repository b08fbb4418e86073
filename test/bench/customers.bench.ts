import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createApi, type Api } from '../../src/main/api';
import { openRuntime } from '../../src/main/runtime';
import { DemoRandom } from '../../src/main/services/demo/random';
import { measure, measureOnce, writeResults, type Measurement } from './harness';
import { BENCH_PASSWORD, ensureBenchDb } from './gen-customers';

/**
 * Customer module benchmark (issue #3, "Speed"): 1,000,000 customers with key people and 12,000,000
 * bills. List pages through the API vs the same raw SQL, search (3+ and 2 characters), the 360 view,
 * an evaluation run and a 100,000-row .xlsx import (time and peak RSS, in a child process).
 * Writes that would change the cached data set run inside a transaction that is rolled back.
 */

const CUSTOMERS = Number(process.env.KAM_BENCH_CUSTOMERS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.KAM_BENCH_IMPORT_ROWS ?? 100_000);
/** KAM_BENCH_READ_ONLY=1: list, search and 360 only (suite customers-read), for a quick look. */
const READ_ONLY = process.env.KAM_BENCH_READ_ONLY === '1';

async function signIn(api: Api, username: string): Promise<string> {
  const r = await api.call('auth.login', { username, password: BENCH_PASSWORD });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { token: string }).token;
}

async function ok(api: Api, method: string, input: unknown, token: string): Promise<unknown> {
  const r = await api.call(method, input, { token });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}

/** Writes an .xlsx of new customers with the Chinese headers, streamed to keep the generator small. */
async function writeImportFile(file: string, rows: number): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = writer.addWorksheet('客户');
  sheet.addRow(['客户名称', '统一社会信用代码', '客户类型', '行业', '区域', '地址', '客户阶段', '备注']).commit();
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([`导入测试客户${i}号有限公司`, '', i % 10 === 0 ? '党政军' : '企业', '制造业', '赛罕区', `呼和浩特市赛罕区导入路${i}号`, '意向', ''])
      .commit();
  }
  sheet.commit();
  await writer.commit();
}

/** Child process: one import through the API in a rolled-back transaction; prints time and peak RSS. */
async function importOnly(dataDir: string, file: string) {
  const runtime = openRuntime({ dataDir, transport: 'test' });
  const api = createApi(runtime);
  const token = await signIn(api, 'leader');
  const base64 = readFileSync(file).toString('base64');
  const rssBefore = process.memoryUsage().rss;
  runtime.store.sqlite.exec('BEGIN');
  const t0 = performance.now();
  const batch = (await ok(api, 'customers.import.commit', { kind: 'customers', fileName: 'bench.xlsx', base64 }, token)) as { created: number };
  const ms = performance.now() - t0;
  runtime.store.sqlite.exec('ROLLBACK');
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, created: batch.created, maxRssMb, rssBeforeMb: rssBefore / 1048576 }));
}

async function main() {
  if (process.argv[2] === '--import-only') return importOnly(process.argv[3]!, process.argv[4]!);
  const db = ensureBenchDb(CUSTOMERS);
  const runtime = openRuntime({ dataDir: db.dataDir, transport: 'test', now: () => new Date('2026-11-23T02:00:00Z') });
  const api = createApi(runtime);
  const sqlite = runtime.store.sqlite;
  const leader = await signIn(api, 'leader');
  const am = await signIn(api, 'am7');
  const desk = await signIn(api, 'desk');
  const amId = (sqlite.prepare(`SELECT id FROM users WHERE username = 'am7'`).get() as { id: string }).id;
  const random = new DemoRandom(7);
  const out: Measurement[] = [];
  const iterations = Number(process.env.KAM_BENCH_ITERATIONS ?? 100);

  // --- list pages: the API against the same query as raw SQL -------------------------------------
  const listCases: { name: string; token: string; input: (i: number) => Record<string, unknown>; where: string; order: string; params: (i: number) => unknown[] }[] = [
    {
      name: 'leader, no filter, newest first',
      token: leader,
      input: (i) => ({ page: 1 + (i % 5), pageSize: 50 }),
      where: 'c.deleted = 0',
      order: 'c.updated_at DESC, c.rowid DESC',
      params: () => [],
    },
    {
      name: 'leader, grade=key + region, by monthly spend',
      token: leader,
      input: (i) => ({ grade: ['key'], region: ['赛罕区'], sort: 'monthlySpend', dir: 'desc', page: 1 + (i % 3), pageSize: 50 }),
      where: `c.deleted = 0 AND +c.grade IN ('key') AND +c.region IN ('赛罕区')`,
      order: 'c.monthly_spend_fen DESC, c.rowid DESC',
      params: () => [],
    },
    {
      name: 'leader, key customers in arrears, by arrears',
      token: leader,
      input: () => ({ isKey: true, arrears: true, sort: 'arrears', dir: 'desc', pageSize: 50 }),
      where: 'c.deleted = 0 AND +c.is_key = 1 AND c.arrears_fen > 0',
      order: 'c.arrears_fen DESC, c.rowid DESC',
      params: () => [],
    },
    {
      name: 'account manager, own + pool, stage=signed',
      token: am,
      input: (i) => ({ stage: ['signed'], page: 1 + (i % 3), pageSize: 50 }),
      where: `c.deleted = 0 AND (c.owner_id = '${amId}' OR c.owner_id IS NULL) AND c.stage IN ('signed')`,
      order: 'c.updated_at DESC, c.rowid DESC',
      params: () => [],
    },
  ];
  const log = (s: string) => console.log(`[customers.bench] ${s}`);
  for (const lc of listCases) {
    log(lc.name);
    const apiM = await measure(`list via API: ${lc.name}`, async (i) => ok(api, 'customers.list', lc.input(i), lc.token), {
      iterations,
      warmup: 10,
      target: { p95Ms: 30 },
    });
    const count = sqlite.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${lc.where.replace(/\+c\./g, 'c.')} LIMIT 1001)`);
    const page = sqlite.prepare(
      `SELECT c.*, u.display_name FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE ${lc.where} ORDER BY ${lc.order} LIMIT ? OFFSET ?`,
    );
    const rawM = await measure(
      `list raw SQL: ${lc.name}`,
      (i) => {
        const input = lc.input(i) as { page?: number };
        count.get();
        page.all(50, ((input.page ?? 1) - 1) * 50);
      },
      { iterations, warmup: 10 },
    );
    const ratio = apiM.p95 / rawM.p95;
    apiM.note = `${ratio.toFixed(2)}x raw SQL at p95 (target <= 1.5x)`;
    apiM.met = apiM.p95 <= 30 && ratio <= 1.5;
    out.push(apiM, rawM);
  }

  log('search');
  // --- search ------------------------------------------------------------------------------------
  const sample = sqlite
    .prepare(`SELECT c.name, (SELECT p.name FROM customer_contacts p WHERE p.customer_id = c.id LIMIT 1) AS person,
      (SELECT p.mobile FROM customer_contacts p WHERE p.customer_id = c.id LIMIT 1) AS mobile
      FROM customers c WHERE c.rowid IN (${Array.from({ length: 300 }, () => random.int(1, CUSTOMERS)).join(',')})`)
    .all() as { name: string; person: string; mobile: string }[];
  const long = sample.map((s, i) => {
    const kind = i % 3;
    if (kind === 0) return [...s.name].slice(-8, -4).join(''); // e.g. 'X Y 乳业' style name middle
    if (kind === 1) return s.person;
    return s.mobile.slice(3, 9);
  }).filter((q) => [...q].length >= 3);
  const short = sample.map((s) => [...s.name].slice(4, 6).join(''));
  out.push(
    await measure('search 3+ chars via API (names, key people, phone digits)', async (i) => ok(api, 'customers.list', { query: long[i % long.length], pageSize: 50 }, leader), {
      iterations,
      warmup: 10,
      target: { p95Ms: 50 },
    }),
  );
  out.push(
    await measure('search 2 chars via API (LIKE fallback)', async (i) => ok(api, 'customers.list', { query: short[i % short.length], pageSize: 50 }, leader), {
      iterations: READ_ONLY ? 5 : 20,
      warmup: 1,
    }),
  );
  out.push(
    await measure('search 3+ chars as account manager (scoped)', async (i) => ok(api, 'customers.list', { query: long[i % long.length], pageSize: 50 }, am), {
      iterations,
      warmup: 10,
      target: { p95Ms: 50 },
    }),
  );

  log('360');
  // --- customer 360 ------------------------------------------------------------------------------
  const ids = (sqlite.prepare(`SELECT id FROM customers WHERE rowid IN (${Array.from({ length: 500 }, () => random.int(1, CUSTOMERS)).join(',')})`).all() as { id: string }[]).map((r) => r.id);
  out.push(await measure('customer 360 via API (leader)', async (i) => ok(api, 'customers.get', { id: ids[i % ids.length] }, leader), { iterations, warmup: 10, target: { p95Ms: 50 } }));
  out.push(await measure('customer 360 via API (service desk, finance stripped)', async (i) => ok(api, 'customers.get', { id: ids[(i + 7) % ids.length] }, desk), { iterations: 100, warmup: 5, target: { p95Ms: 50 } }));

  // --- evaluation run (rolled back so the cached data set stays as generated) ---------------------
  if (READ_ONLY) {
    writeResults('customers-read', out, { customers: CUSTOMERS, bills: db.bills, keyPeople: CUSTOMERS * 2 });
    return;
  }
  log('evaluation');
  sqlite.exec('BEGIN');
  let evaluated = 0;
  out.push(
    await measureOnce(
      'evaluation run, month 2026-10 (1M customers billed), incl. results, grades, outbox, warnings',
      async () => {
        evaluated = ((await ok(api, 'customers.evaluate', { periodType: 'month', period: '2026-10' }, leader)) as { customerCount: number }).customerCount;
      },
      { totalMs: 20_000 },
    ),
  );
  sqlite.exec('ROLLBACK');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  // --- import of a 100,000-row .xlsx in a child process (peak RSS of that process) -----------------
  log('import');
  const dir = mkdtempSync(join(tmpdir(), 'kam-bench-import-'));
  const file = join(dir, 'import.xlsx');
  await writeImportFile(file, IMPORT_ROWS);
  runtime.store.sqlite.close();
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'customers.bench.ts'), '--import-only', db.dataDir, file], {
    encoding: 'utf8',
    maxBuffer: 10 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; created: number; maxRssMb: number; rssBeforeMb: number };
  rmSync(dir, { recursive: true, force: true });
  const ms = Math.round(result.ms);
  out.push({
    name: `import ${IMPORT_ROWS} rows .xlsx via API (parse, plan, write, rolled back)`,
    n: 1,
    p50: ms,
    p95: ms,
    mean: ms,
    max: ms,
    target: 'total <= 15000 ms, peak RSS <= 500 MB',
    met: ms <= 15_000 && result.maxRssMb <= 500,
    note: `peak RSS ${Math.round(result.maxRssMb)} MB (process incl. open store; ${Math.round(result.rssBeforeMb)} MB before the call); created ${result.created}`,
  });

  writeResults('customers', out, {
    customers: CUSTOMERS,
    bills: db.bills,
    keyPeople: CUSTOMERS * 2,
    evaluatedCustomers: evaluated,
    importRows: IMPORT_ROWS,
    ...(db.generatedMs !== null ? { generationSeconds: Math.round(db.generatedMs / 1000) } : {}),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
