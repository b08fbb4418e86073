import { join } from 'node:path';
import { createApi, type Api } from '../../src/main/api';
import { DB_FILE_NAME, openRuntime } from '../../src/main/runtime';
import { LIST_SELECT } from '../../src/main/services/customers/list';
import { DemoRandom } from '../../src/main/services/demo/random';
import { measure, warmFileCache, writeResults, type Measurement } from './harness';
import { BENCH_PASSWORD, ensureBenchDb } from './gen-customers';

/**
 * Customer module benchmark (issue #3, "Speed"): 1,000,000 customers with key people and 12,000,000
 * bills. List pages through the API vs the same raw SQL, search (3+ and 2 characters), the 360 view
 * (the 100,000-row .xlsx import and the evaluation run have their own suites: customers-import and
 * customers-eval).
 * Writes that would change the cached data set run inside a transaction that is rolled back. Starts
 * from the data set in the OS file cache (warmFileCache).
 */

const CUSTOMERS = Number(process.env.KAM_BENCH_CUSTOMERS ?? 1_000_000);
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

async function main() {
  const db = ensureBenchDb(CUSTOMERS);
  warmFileCache(join(db.dataDir, DB_FILE_NAME));
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
  // A list page is the app's most repeated call: measured once its code is compiled (V8 optimises a
  // function after some hundreds of calls; with 10 warm-up calls the API's p95 was its compile pauses).
  const LIST_WARMUP = 200;

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
      warmup: LIST_WARMUP,
      target: { p95Ms: 30 },
    });
    const count = sqlite.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${lc.where.replace(/\+c\./g, 'c.')} LIMIT 1001)`);
    // The columns a list row shows, as the API reads them.
    const page = sqlite.prepare(
      `SELECT ${LIST_SELECT} FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE ${lc.where} ORDER BY ${lc.order} LIMIT ? OFFSET ?`,
    );
    const rawM = await measure(
      `list raw SQL: ${lc.name}`,
      (i) => {
        const input = lc.input(i) as { page?: number };
        count.get();
        page.all(50, ((input.page ?? 1) - 1) * 50);
      },
      { iterations, warmup: LIST_WARMUP },
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

  // (The evaluation run has its own suite: customers-eval.bench.ts.)
  if (READ_ONLY) {
    writeResults('customers-read', out, { customers: CUSTOMERS, bills: db.bills, keyPeople: CUSTOMERS * 2 });
    return;
  }

  writeResults('customers', out, {
    customers: CUSTOMERS,
    bills: db.bills,
    keyPeople: CUSTOMERS * 2,
    ...(db.generatedMs !== null ? { generationSeconds: Math.round(db.generatedMs / 1000) } : {}),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
