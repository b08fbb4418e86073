/**
 * Green-channel benchmark (issue #13): a branch with 1,000,000 work orders (about 5,000,000 stage
 * attempts, 50,000 open) and 200,000 contracts (test/bench/gen-orders.ts, generated once into
 * .data/bench/orders-v<VERSION>-<n>/). Through the API (session, role check, zod validation, one
 * transaction, clocks evaluated per row) for a leader, an account manager and a staff member:
 * every queue view p95 ≤ 20 ms, the order page ≤ 20 ms, the expiring-contracts list ≤ 20 ms and the
 * green-channel KPI report over 12 months ≤ 2 s. Reads only (sign-in writes its session).
 * Run: npm run bench -- orders   (or node --import tsx test/bench/orders.bench.ts)
 */
import { createApi, type Api } from '../../src/main/api';
import { closeRuntime, openRuntime } from '../../src/main/runtime';
import { ORDER_QUEUE_VIEWS } from '../../src/shared/contract/orders';
import { measure, measureOnce, warmFileCache, writeResults, type Measurement } from './harness';
import { BENCH_NOW, BENCH_PASSWORD, ensureOrdersBenchDb } from './gen-orders';

const REPORT_ITERATIONS = Number(process.env.KAM_BENCH_ITERATIONS ?? 5);

async function signIn(api: Api, username: string): Promise<string> {
  const r = await api.call('auth.login', { username, password: BENCH_PASSWORD });
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { token: string }).token;
}

async function main() {
  const measurements: Measurement[] = [];
  let generated: number | null = null;
  const bench = ensureOrdersBenchDb();
  if (bench.generatedMs !== null) generated = bench.generatedMs;
  // The data set as a branch works on it all day: in the OS file cache.
  warmFileCache(bench.file);
  const runtime = openRuntime({ dataDir: bench.dataDir, transport: 'test', now: () => BENCH_NOW });
  const api = createApi(runtime);
  const sqlite = runtime.store.sqlite;
  const call = async (method: string, input: Record<string, unknown>, token: string) => {
    const r = await api.call(method as never, input as never, { token });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.data as { rows?: unknown[]; total?: number };
  };

  // A staff member of the department holding the most open stages, and an account manager with an average book.
  const dept = (sqlite.prepare("SELECT current_dept AS d FROM work_orders WHERE is_open = 1 AND current_dept <> '客户经理' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").get() as { d: string }).d;
  const staffName = (sqlite.prepare("SELECT username FROM users WHERE department = ? AND role = 'staff' ORDER BY username LIMIT 1").get(dept) as { username: string }).username;
  const tokens = { leader: await signIn(api, 'leader'), 'account manager': await signIn(api, 'am7'), [`staff (${dept})`]: await signIn(api, staffName) };

  const counts = sqlite
    .prepare(
      `SELECT count(*) AS orders, total(is_open) AS open, total(is_open = 1 AND due_sort <= ?) AS breached,
         total(is_open = 1 AND stage_warn_at <= ? AND due_sort > ?) AS warning, total(is_open = 1 AND status = 'returned') AS returned,
         total(return_count > 0) AS withReturns FROM work_orders`,
    )
    .get(BENCH_NOW.toISOString(), BENCH_NOW.toISOString(), BENCH_NOW.toISOString()) as Record<string, number>;
  const stages = (sqlite.prepare('SELECT count(*) AS n FROM order_stages').get() as { n: number }).n;
  const contracts = (sqlite.prepare('SELECT count(*) AS n FROM contracts').get() as { n: number }).n;
  const forms = (sqlite.prepare('SELECT count(*) AS n FROM request_forms').get() as { n: number }).n;

  const target = { p95Ms: 20 };
  for (const [who, token] of Object.entries(tokens)) {
    for (const view of ORDER_QUEUE_VIEWS) {
      // A leader belongs to no stage department: his department view is the busiest department's.
      const input = view === 'department' && who === 'leader' ? { view, department: dept } : { view };
      const first = await call('orders.queue', input, token);
      measurements.push(
        await measure(`orders.queue '${view}', ${who} (${first.total} rows)`, () => call('orders.queue', input, token), { iterations: 200, warmup: 20, target }),
      );
    }
  }
  measurements.push(
    await measure(`orders.queue 'department' page 20, staff (${dept})`, () => call('orders.queue', { view: 'department', page: 20 }, tokens[`staff (${dept})`]!), {
      iterations: 200,
      warmup: 20,
      target,
    }),
  );
  measurements.push(await measure('orders.queue.counts, leader', () => call('orders.queue.counts', {}, tokens.leader), { iterations: 200, warmup: 20, target }));

  const open = sqlite.prepare('SELECT id FROM work_orders WHERE is_open = 1 AND rowid % 7 = 0 LIMIT 200').all() as { id: string }[];
  const closed = sqlite.prepare("SELECT id FROM work_orders WHERE status = 'closed' AND rowid % 997 = 0 LIMIT 200").all() as { id: string }[];
  measurements.push(await measure('orders.get, open order, leader', (i) => call('orders.get', { id: open[i % open.length]!.id }, tokens.leader), { iterations: 300, warmup: 20, target }));
  measurements.push(await measure('orders.get, archived order, leader', (i) => call('orders.get', { id: closed[i % closed.length]!.id }, tokens.leader), { iterations: 300, warmup: 20, target }));
  const mine = sqlite.prepare('SELECT w.id FROM work_orders w JOIN users u ON u.id = w.owner_id WHERE u.username = ? AND w.is_open = 1 LIMIT 100').all('am7') as { id: string }[];
  measurements.push(await measure('orders.get, own open order, account manager', (i) => call('orders.get', { id: mine[i % mine.length]!.id }, tokens['account manager']), { iterations: 300, warmup: 20, target }));

  for (const who of ['leader', 'account manager'] as const) {
    const first = await call('contracts.expiring', {}, tokens[who]);
    measurements.push(await measure(`contracts.expiring, ${who} (${first.total} rows)`, () => call('contracts.expiring', {}, tokens[who]), { iterations: 200, warmup: 20, target }));
  }

  // The leader's home page now carries the green-channel tiles (this and last month's on-time rate, orders past due).
  measurements.push(await measure('reports.dashboard (with the green-channel tiles), leader', () => call('reports.dashboard', {}, tokens.leader), { iterations: 50, warmup: 5 }));

  const reportTarget = { p95Ms: 2000 };
  const twelve = { from: '2025-11', to: '2026-10' };
  for (const who of ['leader', 'account manager'] as const) {
    measurements.push(
      await measure(`reports.run green-kpis 2025-11..2026-10, ${who}`, () => call('reports.run', { reportId: 'green-kpis', params: twelve }, tokens[who]), {
        iterations: REPORT_ITERATIONS,
        warmup: 1,
        target: reportTarget,
      }),
    );
  }
  measurements.push(
    await measure('reports.run green-stage-wait (50,000 open orders), leader', () => call('reports.run', { reportId: 'green-stage-wait', params: {} }, tokens.leader), {
      iterations: REPORT_ITERATIONS,
      warmup: 1,
      target: reportTarget,
    }),
  );
  measurements.push(await measureOnce('reports.export green-kpis 12 months (.xlsx), leader', () => call('reports.export', { reportId: 'green-kpis', params: twelve }, tokens.leader), { totalMs: 2000 }));

  closeRuntime(runtime);
  writeResults('orders', measurements, {
    orders: counts.orders!,
    open: counts.open!,
    openBreached: counts.breached!,
    openWarning: counts.warning!,
    openReturnedToManager: counts.returned!,
    ordersWithReturns: counts.withReturns!,
    stageAttempts: stages,
    contracts,
    requestForms: forms,
    ...(generated !== null ? { generatedMs: generated } : {}),
    dbFile: bench.file.replace(`${process.cwd()}/`, ''),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
