import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createApi, type Api } from '../../src/main/api';
import { DB_FILE_NAME, openRuntime, closeRuntime } from '../../src/main/runtime';
import { bulkUuidv7 } from '../../src/main/services/bulk';
import { DemoRandom } from '../../src/main/services/demo/random';
import { ensureSearchVersion, indexQueued } from '../../src/main/services/search/store';
import { measure, warmFileCache, writeResults, type Measurement } from './harness';
import { BENCH_PASSWORD, ensureBenchDb } from './gen-customers';

/**
 * The one search of issue #18 at branch scale: the customer benchmark's data set (gen-customers.ts:
 * customers with 2 key people each) plus, added once and kept in the cached file, a service number
 * per customer and as many tickets as customers. Measures the customer list's search (1, 2, 3 and 6
 * characters, rare and common, pinyin initials, a service-number fragment) for a leader and an
 * account manager, Ctrl+K across modules, the index's size beside the trigram index, and the index
 * work of 100,000 customers as an import queues them. KAM_BENCH_SEARCH_CUSTOMERS sets the size
 * (default 1,000,000).
 */

const CUSTOMERS = Number(process.env.KAM_BENCH_SEARCH_CUSTOMERS ?? 1_000_000);
const ITERATIONS = Number(process.env.KAM_BENCH_ITERATIONS ?? 100);
const EXTRAS_KEY = 'bench.search.extras.v1';
const log = (s: string) => console.log(`[search.bench] ${s}`);

const TICKET_TITLES = ['专线中断', '网速慢', '账单争议', '固话无拨号音', '宽带频繁掉线', '服务态度投诉', '开通进度催办', '光猫故障'];

/** Service numbers, tickets and the words index, written once into the cached data set. */
function ensureExtras(file: string) {
  const db = new Database(file);
  db.pragma('busy_timeout = 600000');
  const done = db.prepare('SELECT value FROM local_meta WHERE key = ?').get(EXTRAS_KEY);
  if (done) {
    db.close();
    return;
  }
  db.pragma('synchronous = OFF');
  const t0 = performance.now();
  const branchId = (db.prepare('SELECT branch_id AS b FROM customers LIMIT 1').get() as { b: string }).b;
  const random = new DemoRandom(18);
  const ids = (db.prepare('SELECT id, owner_id AS o FROM customers ORDER BY rowid').all() as { id: string; o: string | null }[]);
  const insService = db.prepare(
    `INSERT INTO service_instances (id, branch_id, created_at, updated_at, updated_hlc, deleted, customer_id, product, service_no)
     VALUES (?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '0', 0, ?, '互联网专线', ?)`,
  );
  const insTicket = db.prepare(
    `INSERT INTO tickets (id, branch_id, created_at, updated_at, updated_hlc, deleted, number, kind, customer_id, channel, title, description,
       impact, priority, status, is_open, response_minutes, resolution_minutes, reply_minutes, warn_ratio, resolution_start_at, due_sort)
     VALUES (?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '0', 0, ?, 'fault', ?, 'phone', ?, ?, 'minor', 'P3', 'archived', 0, 60, 480, 1440, 0.8, '2026-01-01T00:00:00.000Z', '9')`,
  );
  const batch = 20_000;
  for (let start = 0; start < ids.length; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(ids.length, start + batch); i++) {
        const c = ids[i]!;
        insService.run(bulkUuidv7(Date.parse('2026-01-01') + i), branchId, c.id, `CTN${String(random.int(0, 99_999_999)).padStart(8, '0')}`);
        const title = random.pick(TICKET_TITLES);
        insTicket.run(
          bulkUuidv7(Date.parse('2026-02-01') + i),
          branchId,
          `HHHT-2601-B0B0-${String(i).padStart(7, '0')}`,
          ids[random.int(0, ids.length - 1)]!.id,
          title,
          `客户来电反映${title}，电路编号 CTN${String(random.int(0, 99_999_999)).padStart(8, '0')}，请尽快处理。`,
        );
      }
    })();
  }
  log(`service numbers and tickets written in ${Math.round((performance.now() - t0) / 1000)} s`);
  db.prepare('INSERT INTO local_meta (key, value) VALUES (?, ?)').run(EXTRAS_KEY, '1');
  db.close();
}

/**
 * The words index brought up to date in the cached file, as the app does after an upgrade or a
 * rebuild (every record queued, then indexed a slice at a time). Returns the time taken, or null when
 * it was current.
 */
function ensureWordsIndex(file: string): number | null {
  const db = new Database(file);
  db.pragma('busy_timeout = 600000');
  db.pragma('synchronous = OFF');
  const t1 = performance.now();
  ensureSearchVersion(db);
  let n = 0;
  for (let k; (k = indexQueued(db, 10_000)) > 0; ) {
    n += k;
    if (n % 200_000 < 10_000) log(`  indexed ${n}`);
  }
  db.close();
  return n > 0 ? performance.now() - t1 : null;
}

async function signIn(api: Api, username: string): Promise<string> {
  const r = await api.call('auth.login', { username, password: BENCH_PASSWORD });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { token: string }).token;
}

async function main() {
  const bench = ensureBenchDb(CUSTOMERS);
  const file = join(bench.dataDir, DB_FILE_NAME);
  ensureExtras(file);
  const built = ensureWordsIndex(file);
  warmFileCache(file);
  const runtime = openRuntime({ dataDir: bench.dataDir, transport: 'test', now: () => new Date('2026-11-23T02:00:00Z') });
  const api = createApi(runtime);
  const sqlite = runtime.store.sqlite;
  const leader = await signIn(api, 'leader');
  const am = await signIn(api, 'am7');
  const out: Measurement[] = [];
  const random = new DemoRandom(7);

  // Terms drawn from the data: rare ones from random customers, common ones fixed.
  const sample = sqlite
    .prepare(
      `SELECT c.name, c.address, (SELECT p.name FROM customer_contacts p WHERE p.customer_id = c.id LIMIT 1) AS person,
         (SELECT s.service_no FROM service_instances s WHERE s.customer_id = c.id LIMIT 1) AS service
       FROM customers c WHERE c.rowid IN (${Array.from({ length: 200 }, () => random.int(1, CUSTOMERS)).join(',')})`,
    )
    .all() as { name: string; address: string; person: string; service: string | null }[];
  const slice = (s: string, at: number, n: number) => [...s].slice(at, at + n).join('');
  const cases: [string, string[]][] = [
    ['1 char, common (银)', ['银', '电', '张', '公']],
    ['1 char, rare (a surname)', ['龙', '侯', '雷', '段']],
    ['2 chars, common (银行, 医院)', ['银行', '医院', '电力', '物流']],
    ['2 chars, rare (a person)', sample.map((s) => slice(s.person, 0, 2))],
    ['3 chars (name part)', sample.map((s) => slice(s.name, 2, 3))],
    ['6 chars (name part)', sample.map((s) => slice(s.name, 1, 6))],
    ['pinyin initials (nmg, hhht + 2)', ['nmg', 'hhht', 'btjq', 'eeds']],
    ['service-number fragment', sample.filter((s) => s.service).map((s) => s.service!.slice(4, 10))],
  ];
  for (const [who, token] of [
    ['leader', leader],
    ['account manager', am],
  ] as const) {
    for (const [name, terms] of cases) {
      log(`${who}: ${name}`);
      out.push(
        await measure(`list search, ${who}: ${name}`, async (i) => {
          const r = await api.call('customers.list', { query: terms[i % terms.length], pageSize: 50 }, { token });
          if (!r.ok) throw new Error(r.error.message);
        }, { iterations: ITERATIONS, warmup: 10, target: { p95Ms: 20 } }),
      );
    }
    out.push(
      await measure(`Ctrl+K across modules, ${who}`, async (i) => {
        const r = await api.call('search.global', { query: ['银行', 'nmg', '专线中断', cases[7]![1][i % 50] ?? '123'][i % 4] }, { token });
        if (!r.ok) throw new Error(r.error.message);
      }, { iterations: ITERATIONS, warmup: 10, target: { p95Ms: 30 } }),
    );
  }

  // Index sizes (pages of each structure, dbstat).
  const size = (like: string) =>
    (sqlite.prepare(`SELECT coalesce(sum(pgsize), 0) AS b FROM dbstat WHERE name LIKE ?`).get(like) as { b: number }).b;
  const words = size('search_fts%') + size('search_docs%');
  const trigram = size('customers_fts%') + size('customer_search_%');
  const customersOnly = (
    sqlite.prepare(`SELECT count(*) AS n FROM search_docs WHERE module = 'customer'`).get() as { n: number }
  ).n;

  // The index work of a 100,000-row import: the customers it queues, indexed slice by slice; rolled back.
  const importRows = Math.min(100_000, CUSTOMERS);
  let importMs: number;
  sqlite.exec('BEGIN');
  try {
    sqlite
      .prepare(`INSERT OR IGNORE INTO search_queue (module, record_id) SELECT 'customer', id FROM customers WHERE rowid <= ?`)
      .run(importRows);
    const t0 = performance.now();
    while (indexQueued(sqlite) > 0);
    importMs = performance.now() - t0;
  } finally {
    sqlite.exec('ROLLBACK');
  }
  out.push({ name: `index work of a ${importRows.toLocaleString('en')}-row import`, n: 1, p50: importMs, p95: importMs, mean: importMs, max: importMs, target: 'total <= 3000 ms', met: importMs <= 3000 });
  writeResults('search', out, {
    customers: CUSTOMERS,
    keyPeople: CUSTOMERS * 2,
    tickets: CUSTOMERS,
    indexedCustomers: customersOnly,
    wordsIndexMB: Math.round(words / 1e5) / 10,
    trigramIndexMB: Math.round(trigram / 1e5) / 10,
    wordsToTrigram: Math.round((words / Math.max(trigram, 1)) * 100) / 100,
    ...(built !== null ? { fullBuildSeconds: Math.round(built / 1000) } : {}),
  });
  closeRuntime(runtime);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
