import { beforeAll, describe, expect, it } from 'vitest';
import { customerBills, customers } from '../../src/main/db/schema';
import { ALL_GRADES, BILL, ON_TIME, PAID, REBUILD_ABOVE, reportCube, startReportCubeWarmup } from '../../src/main/services/reports/cube';
import { bulkInsert } from '../../src/main/services/bulk';
import { applyChanges } from '../../src/main/services/sync/apply';
import { deleteRow, insertRow, updateRow } from '../../src/main/services/write';
import { formatHlc } from '../../src/shared/hlc';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';

/**
 * "New key customers vs plan" and the leader's home read report_new_customers (migration 0014), kept by
 * triggers on customers. After every kind of customer write — a new customer, a change of owner, a
 * customer that stops or starts being a key customer, a tombstone, a hard delete, a change applied from
 * headquarters — the rollup must equal the counts recomputed from the customers table.
 */

let app: TestApp;
let am1: string;
let am2: string;

/** The rollup's non-empty counts. */
function rollup(): Record<string, number> {
  const rows = app.runtime.store.sqlite.prepare('SELECT month, owner_id AS owner, customers AS n FROM report_new_customers').all() as {
    month: string;
    owner: string;
    n: number;
  }[];
  return Object.fromEntries(rows.filter((r) => r.n !== 0).map((r) => [`${r.month}|${r.owner}`, r.n]));
}

/** The same counts straight from customers, independently of the triggers. */
function recomputed(): Record<string, number> {
  const rows = app.runtime.store.sqlite
    .prepare(
      `SELECT substr(strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+8 hours'), 1, 7) || '|' || coalesce(owner_id, '') AS k, count(*) AS n
       FROM customers WHERE deleted = 0 AND is_key = 1 GROUP BY 1`,
    )
    .all() as { k: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

const expectInStep = () => expect(rollup()).toEqual(recomputed());

beforeAll(async () => {
  app = makeTestApp();
  am1 = (await app.signIn('account_manager')).userId;
  am2 = (await app.signIn('staff')).userId;
});

describe('the new-key-customer rollup', () => {
  it('follows new customers, owner changes, key flags, tombstones and hard deletes', () => {
    expectInStep();
    const a = addCustomer(app, { ownerId: am1, isKey: true });
    const b = addCustomer(app, { ownerId: am1, isKey: false });
    const c = addCustomer(app, { ownerId: null, isKey: true });
    expectInStep();
    expect(rollup()).toEqual({ [`2026-03|${am1}`]: 1, '2026-03|': 1 });
    const ctx = app.ctx();
    const write = <T>(fn: () => T) => app.runtime.store.sqlite.transaction(fn)();
    write(() => updateRow(ctx, customers, a.id, { ownerId: am2 }));
    expectInStep();
    write(() => updateRow(ctx, customers, b.id, { isKey: true }));
    write(() => updateRow(ctx, customers, c.id, { ownerId: am1 }));
    expectInStep();
    expect(rollup()).toEqual({ [`2026-03|${am1}`]: 2, [`2026-03|${am2}`]: 1 });
    write(() => updateRow(ctx, customers, b.id, { isKey: false }));
    write(() => deleteRow(ctx, customers, c.id));
    expectInStep();
    app.runtime.store.sqlite.prepare('DELETE FROM customers WHERE id = ?').run(a.id);
    expectInStep();
    expect(rollup()).toEqual({});
  });

  it('takes in a customer moved to another month and owner by headquarters', () => {
    const d = addCustomer(app, { ownerId: am1, isKey: true });
    const sqlite = app.runtime.store.sqlite;
    const hlc = formatHlc({ wall: app.clock.now().getTime() + 60_000, counter: 0, node: 'hq' });
    // 2026-01-31 17:00 UTC is already February in Shanghai.
    const result = sqlite.transaction(() =>
      applyChanges(sqlite, [
        { table: 'customers', rowId: d.id, cols: { created_at: '2026-01-31T17:00:00.000Z', owner_id: am2 }, clocks: { created_at: hlc, owner_id: hlc } },
      ]),
    )();
    expect(result).toMatchObject({ applied: 1, failed: 0 });
    expectInStep();
    expect(rollup()[`2026-02|${am2}`]).toBe(1);
  });

  it('counts the key customers an import creates, with the per-row trigger suspended, and takes them back on undo', async () => {
    const leader = await app.signIn('leader');
    const csv = ['客户名称,客户类型,客户经理', '导入党政军客户甲,党政军,', '导入集团客户乙,集团,', '导入企业客户丙,企业,']
      .join('\r\n');
    const before = rollup();
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: '导入.csv', base64: Buffer.from(csv, 'utf8').toString('base64') },
      leader.token,
    );
    expect(batch.created).toBe(3);
    expectInStep();
    // Two of the three are key customers by type (党政军, 集团), filed this month without an owner.
    expect((rollup()['2026-03|'] ?? 0) - (before['2026-03|'] ?? 0)).toBe(2);
    const triggers = app.runtime.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'report_new_customers_insert'").all();
    expect(triggers).toHaveLength(1);
    await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expectInStep();
    expect(rollup()).toEqual(before);
  });

  it("feeds the report and the leader's home with the counts SQL gives", async () => {
    const leader = await app.signIn('leader');
    for (let i = 0; i < 3; i++) addCustomer(app, { ownerId: am1, isKey: true });
    const r = await app.call('reports.run', { reportId: 'new-customers-plan', params: { from: '2026-02', to: '2026-03' } }, leader.token);
    const actual = r.summary.find((s) => s.label === '实际新增（户）')?.value;
    const sql = app.runtime.store.sqlite
      .prepare(
        `SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 AND owner_id IS NOT NULL
           AND created_at >= '2026-01-31T16:00:00.000Z' AND created_at < '2026-03-31T16:00:00.000Z'`,
      )
      .get() as { n: number };
    expect(actual).toBe(sql.n);
    expect(sql.n).toBe(4);
    const d = await app.call('reports.dashboard', {}, leader.token);
    if (d.kind !== 'leader') throw new Error(d.kind);
    expect(d.kpis.find((k) => k.key === 'newKeyCustomers')).toMatchObject({ value: 3, previous: 1 });
  });
});

describe('the report cube built in the background', () => {
  /** Billed fen and flags per period and customer, straight from the bills. */
  function fromSql(sqlite: TestApp['runtime']['store']['sqlite']) {
    return sqlite
      .prepare(
        `SELECT customer_id AS id, period, sum(billed_fen) AS fen, max(paid_fen >= billed_fen) AS paid,
           max(paid_fen >= billed_fen AND (paid_date IS NULL OR paid_date <= due_date)) AS onTime
         FROM customer_bills WHERE deleted = 0 GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as { id: string; period: string; fen: number; paid: number; onTime: number }[];
  }

  function fromCube(sqlite: TestApp['runtime']['store']['sqlite']) {
    const cube = reportCube(sqlite);
    const out: { id: string; period: string; fen: number; paid: number; onTime: number }[] = [];
    for (const [period, billed] of cube.billed) {
      const flags = cube.flags.get(period)!;
      cube.ids.forEach((id, i) => {
        if (flags[i]! & BILL) out.push({ id, period, fen: billed[i]!, paid: flags[i]! & PAID ? 1 : 0, onTime: flags[i]! & ON_TIME ? 1 : 0 });
      });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.period < b.period ? -1 : 1));
  }

  it("takes in an evaluation run's grades by re-reading those customers' rows, without a rebuild", async () => {
    const evalApp = makeTestApp();
    const leader = await evalApp.signIn('leader');
    const sqlite = evalApp.runtime.store.sqlite;
    const ctx = evalApp.ctx();
    sqlite.transaction(() => {
      for (let i = 0; i < 8; i++) {
        const c = insertRow(ctx, customers, { name: `评估客户${i}`, nameKey: `评估客户${i}`, isKey: true, grade: 'normal' });
        insertRow(ctx, customerBills, { customerId: c.id, period: '2026-02', billedFen: 1_000_000 * (i + 1), paidFen: 1_000_000 * (i + 1), dueDate: '2026-03-25' });
      }
    })();
    const cube = reportCube(sqlite);
    const bills = fromCube(sqlite);
    await evalApp.call('customers.evaluate', { periodType: 'month', period: '2026-02' }, leader.token);
    const logged = sqlite.prepare('SELECT DISTINCT attrs_only AS a FROM report_changes').all() as { a: number }[];
    expect(logged).toEqual([{ a: 1 }]);
    // The same cube object, brought up to date: grades as in the table, bills untouched.
    expect(reportCube(sqlite)).toBe(cube);
    const grades = new Map((sqlite.prepare('SELECT id, grade FROM customers').all() as { id: string; grade: string }[]).map((r) => [r.id, r.grade]));
    expect([...grades.values()].some((g) => g !== 'normal')).toBe(true);
    cube.ids.forEach((id, i) => expect(cube.grade[i]).toBe(grades.get(id)));
    expect(fromCube(sqlite)).toEqual(bills);
  });

  it('takes in a run that changes more grades than it would re-read one by one from a single log entry', async () => {
    const evalApp = makeTestApp();
    const leader = await evalApp.signIn('leader');
    const sqlite = evalApp.runtime.store.sqlite;
    const ctx = evalApp.ctx();
    const n = REBUILD_ABOVE + 50;
    sqlite.transaction(() => {
      const ids = bulkInsert(
        ctx,
        customers,
        Array.from({ length: n }, (_, i) => ({ name: `评估大客户${i}`, nameKey: `评估大客户${i}`, isKey: true, grade: 'normal' as const })),
      );
      bulkInsert(
        ctx,
        customerBills,
        ids.map((id, i) => ({ customerId: id, period: '2026-02', billedFen: 10_000 * ((i % 400) + 1), paidFen: 10_000 * ((i % 400) + 1), dueDate: '2026-03-25' })),
      );
    })();
    const cube = reportCube(sqlite);
    await evalApp.call('customers.evaluate', { periodType: 'month', period: '2026-02' }, leader.token);
    const changed = (sqlite.prepare("SELECT count(*) AS n FROM customers WHERE grade <> 'normal'").get() as { n: number }).n;
    expect(changed).toBeGreaterThan(REBUILD_ABOVE);
    expect(sqlite.prepare('SELECT customer_id AS id, attrs_only AS a FROM report_changes').all()).toEqual([{ id: ALL_GRADES, a: 1 }]);
    expect(reportCube(sqlite)).toBe(cube);
    const grades = new Map((sqlite.prepare('SELECT id, grade FROM customers').all() as { id: string; grade: string }[]).map((r) => [r.id, r.grade]));
    cube.ids.forEach((id, i) => expect(cube.grade[i]).toBe(grades.get(id)));
  }, 60_000);

  it('ends equal to the bills, with writes made between its slices, and a report mid-way finishes it', async () => {
    const warm = makeTestApp();
    const owner = (await warm.signIn('account_manager')).userId;
    const ctx = warm.ctx();
    const sqlite = warm.runtime.store.sqlite;
    const ids: string[] = [];
    const billIds: string[] = [];
    sqlite.transaction(() => {
      for (let i = 0; i < 6; i++) {
        const c = insertRow(ctx, customers, { name: `预热客户${i}`, nameKey: `预热客户${i}`, ownerId: owner, isKey: true, grade: 'key' });
        ids.push(c.id);
        for (const period of ['2026-01', '2026-02']) {
          const paid = i % 3 === 0 ? 0 : 10_000 + i;
          const b = insertRow(ctx, customerBills, { customerId: c.id, period, billedFen: 10_000 + i, paidFen: paid, paidDate: i % 3 === 2 ? '2026-04-01' : null, dueDate: `${period}-25` });
          billIds.push(b.id);
        }
      }
    })();
    let finished = false;
    const done = new Promise<void>((resolve) =>
      startReportCubeWarmup(sqlite, {
        sliceRows: 2,
        onDone: () => {
          finished = true;
          resolve();
        },
      }),
    );
    // Let the customers and the first bills be read, then write: a bill already read changes, a new bill
    // and a new customer arrive.
    for (let i = 0; i < 6; i++) await new Promise((r) => setImmediate(r));
    expect(finished).toBe(false);
    sqlite.transaction(() => {
      updateRow(ctx, customerBills, billIds[0]!, { billedFen: 55_555, paidFen: 55_555 });
      const c = insertRow(ctx, customers, { name: '预热新客户', nameKey: '预热新客户', ownerId: owner, isKey: true });
      insertRow(ctx, customerBills, { customerId: c.id, period: '2026-02', billedFen: 777, dueDate: '2026-02-25' });
    })();
    await done;
    expect(fromCube(sqlite)).toEqual(fromSql(sqlite));

    // A second store: a report asked for before the background build is through completes it.
    const early = makeTestApp();
    const earlyCtx = early.ctx();
    early.runtime.store.sqlite.transaction(() => {
      for (let i = 0; i < 5; i++) {
        const c = insertRow(earlyCtx, customers, { name: `早客户${i}`, nameKey: `早客户${i}`, isKey: true });
        insertRow(earlyCtx, customerBills, { customerId: c.id, period: '2026-02', billedFen: 100 * (i + 1), dueDate: '2026-02-25' });
      }
    })();
    let earlyDone = false;
    startReportCubeWarmup(early.runtime.store.sqlite, { sliceRows: 1, onDone: () => (earlyDone = true) });
    await new Promise((r) => setImmediate(r));
    expect(fromCube(early.runtime.store.sqlite)).toEqual(fromSql(early.runtime.store.sqlite));
    // The background build stops once the report has finished it.
    await new Promise((r) => setTimeout(r, 20));
    expect(earlyDone).toBe(false);
  });
});
