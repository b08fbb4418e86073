import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { GradeRules } from '../../src/shared/contract/customer-evaluation';
import { createMetricsTable, gradeOf, scoreMetricsTable, scoreOf, type Metrics } from '../../src/main/services/customers/evaluation';
import { DEFAULT_CUSTOMER_SETTINGS } from '../../src/main/services/customers/settings';
import { runWarningsJobOnce } from '../../src/main/jobs';
import { makeTestApp } from './helpers';

type Bill = [period: string, billedYuan: number, paidYuan: number, paidDate: string | null];

/** Customers with bills over 2025-07 … 2026-02 (the test clock stands at 2026-03-02). */
const CUSTOMERS: { name: string; designated?: boolean; bills: Bill[] }[] = [
  {
    name: '大户甲',
    bills: [
      ['2025-07', 40000, 40000, '2025-08-10'], ['2025-08', 40000, 40000, '2025-09-10'], ['2025-09', 40000, 40000, '2025-10-10'],
      ['2025-10', 60000, 60000, '2025-11-10'], ['2025-11', 60000, 60000, '2025-12-10'], ['2025-12', 60000, 60000, '2026-01-10'],
    ],
  },
  {
    name: '迟缴乙',
    bills: [
      ['2025-09', 5000, 5000, '2025-10-10'],
      ['2025-10', 5000, 5000, '2025-12-25'], ['2025-11', 5000, 2000, null], ['2025-12', 5000, 5000, '2026-01-15'],
    ],
  },
  { name: '新客丙', bills: [['2025-12', 800, 800, null]] },
  { name: '指定丁', designated: true, bills: [['2025-10', 100, 100, '2025-11-01']] },
  { name: '下滑戊', bills: [['2025-11', 1000, 1000, '2025-12-01'], ['2025-12', 1000, 1000, '2026-01-01'], ['2026-01', 1000, 1000, '2026-02-01'], ['2026-02', 400, 0, null]] },
];

async function setup() {
  const app = makeTestApp();
  const leader = await app.signIn('leader', 'leader1');
  const am = await app.signIn('account_manager', 'am1');
  const am2 = await app.signIn('account_manager', 'am2');
  const ids: Record<string, string> = {};
  for (const [i, c] of CUSTOMERS.entries()) {
    const owner = i % 2 === 0 ? am : am2;
    const created = await app.call('customers.create', { name: c.name, designatedStrategic: c.designated ?? false }, owner.token);
    ids[c.name] = created.id;
    for (const [period, billed, paid, paidDate] of c.bills) {
      await app.call('customers.bills.save', { customerId: created.id, period, billedFen: billed * 100, paidFen: paid * 100, paidDate }, owner.token);
    }
  }
  return { app, leader, am, am2, ids };
}

// An independent computation of the documented formula in SQL, with the default rules.
const INDEPENDENT = `
WITH cur AS (
  SELECT customer_id, count(*) AS n, sum(billed_fen) AS billed, sum(paid_fen) AS paid,
    sum(paid_fen >= billed_fen AND (paid_date IS NULL OR paid_date <= due_date)) AS on_time,
    sum(paid_fen >= billed_fen OR due_date < '2026-03-02') AS judged
  FROM customer_bills WHERE deleted = 0 AND period >= '2025-10' AND period <= '2025-12' GROUP BY customer_id),
prev AS (SELECT customer_id, sum(billed_fen) AS billed FROM customer_bills WHERE deleted = 0 AND period >= '2025-07' AND period <= '2025-09' GROUP BY customer_id),
total AS (SELECT sum(billed) AS t FROM cur)
SELECT c.name, cur.n, cur.billed, cur.paid,
  CASE WHEN cur.judged > 0 THEN cur.on_time * 1.0 / cur.judged END AS on_time_ratio,
  cur.billed * 1.0 / total.t AS share,
  CASE WHEN prev.billed > 0 THEN (cur.billed - prev.billed) * 1.0 / prev.billed END AS growth,
  round(
    40 * min(1.0, cur.billed / 3.0 / 5000000)
    + 15 * min(1.0, cur.paid * 1.0 / cur.billed)
    + 20 * coalesce(cur.on_time * 1.0 / nullif(cur.judged, 0), 1)
    + 15 * min(1.0, (cur.billed * 1.0 / total.t) / 0.01)
    + 10 * CASE WHEN prev.billed > 0 THEN max(0.0, min(1.0, 0.5 + (cur.billed - prev.billed) * 1.0 / prev.billed)) ELSE 0.5 END, 1) AS score
FROM cur JOIN customers c ON c.id = cur.customer_id CROSS JOIN total LEFT JOIN prev ON prev.customer_id = cur.customer_id
ORDER BY c.name`;

describe('evaluation runs', () => {
  it('computes bill count, billed, paid, on-time ratio, share, growth and score exactly as an independent SQL computation', async () => {
    const { app, leader, am } = await setup();
    const run = await app.call('customers.evaluate', { periodType: 'quarter', period: '2025-Q4' }, leader.token);
    expect(run).toMatchObject({ period: '2025-Q4', customerCount: 5, branchBilledFen: (180000 + 15000 + 800 + 100 + 2000) * 100 });

    const expected = app.runtime.store.sqlite.prepare(INDEPENDENT).all() as {
      name: string; n: number; billed: number; paid: number; on_time_ratio: number | null; share: number; growth: number | null; score: number;
    }[];
    const results = await app.call('customers.evaluations.results', { runId: run.id, pageSize: 50 }, leader.token);
    const byName = new Map(results.rows.map((r) => [r.customerName, r]));
    expect(results.total).toBe(expected.length);
    for (const e of expected) {
      const r = byName.get(e.name)!;
      expect(r).toMatchObject({ billCount: e.n, billedFen: e.billed, paidFen: e.paid });
      expect(r.onTimeRatio).toBeCloseTo(e.on_time_ratio ?? NaN, 9);
      expect(r.revenueShare).toBeCloseTo(e.share, 9);
      if (e.growth === null) expect(r.growth).toBeNull();
      else expect(r.growth).toBeCloseTo(e.growth, 9);
      expect(r.score).toBeCloseTo(e.score, 6);
    }
    // Spot values a person can check by hand.
    expect(byName.get('大户甲')).toMatchObject({ billCount: 3, billedFen: 18_000_000, onTimeRatio: 1, growth: 0.5 });
    expect(byName.get('迟缴乙')).toMatchObject({ billCount: 3, paidFen: 1_200_000 });
    expect(byName.get('迟缴乙')!.onTimeRatio).toBeCloseTo(1 / 3, 9); // Oct paid late, Nov open and overdue, Dec on time
    expect(byName.get('新客丙')!.growth).toBeNull();
    expect(byName.get('指定丁')!.grade).toBe('strategic'); // designated, whatever the score
    expect(byName.get('下滑戊')).toMatchObject({ billCount: 2, growth: null }); // no bill in the quarter before

    // The grade lands on the customer, with history and in the timeline.
    const view = await app.call('customers.get', { id: byName.get('大户甲')!.customerId }, am.token);
    expect(view.customer).toMatchObject({ grade: byName.get('大户甲')!.grade, gradePeriod: '2025-Q4' });
    expect(view.evaluations).toHaveLength(1);
    expect(view.timeline.some((e) => e.source === 'evaluation')).toBe(true);

    // Account managers see results only for their own customers (and the pool).
    const mine = await app.call('customers.evaluations.results', { runId: run.id }, am.token);
    expect(mine.rows.map((r) => r.customerName).sort()).toEqual(['下滑戊', '大户甲', '新客丙']);

    // A second run keeps the history and records the previous grade.
    const second = await app.call('customers.evaluate', { periodType: 'quarter', period: '2025-Q4' }, leader.token);
    const again = await app.call('customers.evaluations.results', { runId: second.id }, leader.token);
    expect(again.rows.every((r) => r.previousGrade === byName.get(r.customerName)!.grade)).toBe(true);
    expect((await app.call('customers.evaluations.runs', {}, leader.token)).total).toBe(2);
  }, 60_000);

  it('edited grade rules change the grades; a period with no bills is refused', async () => {
    const { app, leader } = await setup();
    const settings = await app.call('customers.settings.get', {}, leader.token);
    await app.call('customers.settings.update', { gradeRules: { ...settings.gradeRules, minScore: { strategic: 1, key: 1, vip: 1, quality: 1 } } }, leader.token);
    const run = await app.call('customers.evaluate', { periodType: 'month', period: '2025-12' }, leader.token);
    expect(run.gradeCounts).toEqual({ strategic: 4 }); // the four customers billed in December
    const none = await app.api.call('customers.evaluate', { periodType: 'year', period: '2019' }, { token: leader.token });
    expect(none.ok ? null : none.error.code).toBe('CONFLICT');
    const badPeriod = await app.api.call('customers.evaluate', { periodType: 'quarter', period: '2025-13' }, { token: leader.token });
    expect(badPeriod.ok ? null : badPeriod.error.code).toBe('VALIDATION');
  }, 60_000);
});

describe('churn warnings', () => {
  it('are refreshed by the background job once a Shanghai day, and again when an evaluation run or a bill change asks', async () => {
    const { app, leader, ids } = await setup();
    const first = runWarningsJobOnce(app.runtime);
    expect(first!.raised).toBeGreaterThan(0);
    expect((await app.call('customers.warnings.list', {}, leader.token)).total).toBe(first!.open);
    expect(runWarningsJobOnce(app.runtime)).toBeNull();
    // An evaluation run no longer waits for the warnings: it asks the next pass for them.
    await app.call('customers.evaluate', { periodType: 'month', period: '2025-12' }, leader.token);
    expect(runWarningsJobOnce(app.runtime)).toEqual({ open: first!.open, raised: 0, cleared: 0 });
    expect(runWarningsJobOnce(app.runtime)).toBeNull();
    // Paying the overdue bills clears the arrears warning at the next pass.
    const bills = await app.call('customers.get', { id: ids['迟缴乙']! }, leader.token);
    for (const bill of (bills.bills ?? []).filter((b) => b.arrearsFen > 0)) {
      await app.call('customers.bills.save', { id: bill.id, customerId: ids['迟缴乙']!, period: bill.period, billedFen: bill.billedFen, paidFen: bill.billedFen, paidDate: '2026-03-01' }, leader.token);
    }
    expect(runWarningsJobOnce(app.runtime)).toMatchObject({ cleared: 1 });
    expect(runWarningsJobOnce(app.runtime)).toBeNull();
    // A new day in Shanghai: arrears have aged, so the warnings are looked at again.
    app.clock.ms += 86_400_000;
    expect(runWarningsJobOnce(app.runtime)).not.toBeNull();
  }, 60_000);

  it('flags a spend drop beyond the threshold and arrears older than N days, for the owner and the leader', async () => {
    const { app, leader, am, am2, ids } = await setup();
    const r = await app.call('customers.warnings.refresh', {}, leader.token);
    expect(r.raised).toBe(r.open);
    const all = await app.call('customers.warnings.list', {}, leader.token);
    const found = all.rows.map((w) => [w.customerName, w.kind, w.value, w.amountFen]).sort();
    expect(found).toEqual([
      // Feb 400 vs (1000+1000+1000)/3 → 60 % drop.
      ['下滑戊', 'spend_drop', 60, 40_000],
      // Billed before, nothing in February: the sharpest drop there is.
      ['大户甲', 'spend_drop', 100, 0],
      ['新客丙', 'spend_drop', 100, 0],
      ['迟缴乙', 'spend_drop', 100, 0],
      // Nov bill due 2025-12-20, 3,000 元 open on 2026-03-02: 72 days overdue.
      ['迟缴乙', 'arrears', 72, 300_000],
    ].sort());
    expect(all.rows.find((w) => w.kind === 'arrears')!.message).toBe('欠费已逾期 72 天');
    // The owner of 迟缴乙 (am2) sees it; am does not.
    expect((await app.call('customers.warnings.list', {}, am2.token)).rows.map((w) => [w.customerName, w.kind]).sort()).toEqual([
      ['迟缴乙', 'arrears'],
      ['迟缴乙', 'spend_drop'],
    ]);
    expect((await app.call('customers.warnings.list', {}, am.token)).rows.map((w) => w.customerName).sort()).toEqual(['下滑戊', '大户甲', '新客丙']);
    // One customer's warnings (the 360 page), still within the caller's scope.
    const one = await app.call('customers.warnings.list', { customerId: ids['迟缴乙']! }, leader.token);
    expect(one.rows.map((w) => w.kind).sort()).toEqual(['arrears', 'spend_drop']);
    expect(one.total).toBe(2);
    expect((await app.call('customers.warnings.list', { customerId: ids['迟缴乙']! }, am.token)).rows).toEqual([]);

    // Paying the bill clears the arrears warning on the next refresh; acknowledged ones stay out of the default list.
    const view = await app.call('customers.get', { id: ids['迟缴乙']! }, am2.token);
    const open = view.bills!.find((b) => b.period === '2025-11')!;
    await app.call('customers.bills.save', { customerId: ids['迟缴乙']!, id: open.id, paidFen: 500_000, paidDate: '2026-03-01' }, am2.token);
    expect(await app.call('customers.warnings.refresh', {}, leader.token)).toMatchObject({ open: 4, raised: 0, cleared: 1 });
    const drop = (await app.call('customers.warnings.list', {}, am.token)).rows[0]!;
    await app.call('customers.warnings.acknowledge', { id: drop.id }, am.token);
    expect((await app.call('customers.warnings.list', {}, am.token)).total).toBe(2);
    expect((await app.call('customers.warnings.list', { includeAcknowledged: true }, am.token)).total).toBe(3);
    const denied = await app.api.call('customers.warnings.acknowledge', { id: drop.id }, { token: am2.token });
    expect(denied.ok ? null : denied.error.code).toBe('NOT_FOUND');
  }, 60_000);
});

describe('set-based scoring', () => {
  it('scores and grades in SQL exactly as the scoreOf/gradeOf rules do, for demo-like and edge-case customers', () => {
    const sqlite = new Database(':memory:');
    createMetricsTable(sqlite);
    // Deterministic demo-like metrics: monthly bills from 0 to ~2M yuan, partial payments, late bills,
    // no previous period, a zero previous period, designated strategic customers.
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const insert = sqlite.prepare(
      `INSERT INTO temp.eval_metrics (customer_id, n, billed, paid, on_time, judged, prev, grade, designated, on_time_ratio, growth)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'normal', ?, CASE WHEN ? > 0 THEN CAST(? AS REAL) / ? END, CASE WHEN ? <> 0 THEN CAST(? - ? AS REAL) / ? END)`,
    );
    const months = 3;
    for (let i = 0; i < 5000; i++) {
      const n = 1 + Math.floor(rand() * months);
      const billed = i % 97 === 0 ? 0 : Math.floor(rand() ** 3 * 200_000_000);
      const paid = Math.floor(billed * Math.min(1, rand() * 1.2));
      const judged = i % 11 === 0 ? 0 : n;
      const onTime = Math.floor(rand() * (judged + 1));
      const prev = i % 13 === 0 ? null : i % 17 === 0 ? 0 : Math.floor(rand() ** 2 * 150_000_000);
      const designated = i % 50 === 0 ? 1 : 0;
      insert.run(`c${i}`, n, billed, paid, onTime, judged, prev, designated, judged, onTime, judged, prev, billed, prev, prev);
    }
    const total = (sqlite.prepare('SELECT sum(billed) AS t FROM temp.eval_metrics').get() as { t: number }).t;
    const rules: GradeRules[] = [
      DEFAULT_CUSTOMER_SETTINGS.gradeRules,
      {
        ...DEFAULT_CUSTOMER_SETTINGS.gradeRules,
        weights: { amount: 12.5, payment: 33.3, onTime: 20.2, share: 17, growth: 17 },
        amountTargetFen: 3_333_333,
        shareTarget: 0.0003,
        minScore: { strategic: 80.1, key: 60.05, vip: 40, quality: 20.3 },
        designatedIsStrategic: false,
      },
    ];
    for (const r of rules) {
      scoreMetricsTable(sqlite, r, months, total);
      const rows = sqlite.prepare('SELECT * FROM temp.eval_metrics').all() as {
        n: number; billed: number; paid: number; on_time: number; judged: number; prev: number | null; designated: number;
        on_time_ratio: number | null; revenue_share: number; growth: number | null; score: number; new_grade: string;
      }[];
      expect(rows).toHaveLength(5000);
      const grades = new Set<string>();
      for (const row of rows) {
        const m: Metrics = {
          billCount: row.n,
          billedFen: row.billed,
          paidFen: row.paid,
          onTimeRatio: row.judged > 0 ? row.on_time / row.judged : null,
          revenueShare: total > 0 ? row.billed / total : 0,
          growth: row.prev ? (row.billed - row.prev) / row.prev : null,
          months,
          designatedStrategic: row.designated === 1,
        };
        expect([row.on_time_ratio, row.revenue_share, row.growth]).toEqual([m.onTimeRatio, m.revenueShare, m.growth]);
        const score = scoreOf(m, r);
        expect(row.score).toBe(score);
        expect(row.new_grade).toBe(gradeOf(score, m.designatedStrategic, r));
        grades.add(row.new_grade);
      }
      expect(grades.size).toBeGreaterThanOrEqual(3); // the data spans several grades, so the comparison means something
    }
    sqlite.close();
  });

  it('sends every changed grade to HQ through the outbox and keeps the per-customer results local', async () => {
    const { app, leader } = await setup();
    const sqlite = app.runtime.store.sqlite;
    const run = await app.call('customers.evaluate', { periodType: 'quarter', period: '2025-Q4' }, leader.token);
    const results = sqlite.prepare('SELECT * FROM customer_evaluation_scores WHERE run_id = ?').all(run.id) as Record<string, unknown>[];
    expect(results).toHaveLength(run.customerCount);
    const outbox = sqlite.prepare('SELECT table_name, row_id, cols, mutation_id FROM sync_outbox').all() as { table_name: string; row_id: string; cols: string; mutation_id: string }[];
    // The run itself goes to HQ; its per-customer rows are local history (migration 0016).
    expect(outbox.filter((o) => o.table_name === 'customer_evaluation_runs' && o.row_id === run.id)).toHaveLength(1);
    expect(outbox.some((o) => o.table_name.startsWith('customer_evaluation_s'))).toBe(false);
    let changed = 0;
    for (const r of results) {
      const customer = sqlite.prepare('SELECT grade, updated_hlc FROM customers WHERE id = ?').get(r.customer_id) as { grade: string; updated_hlc: string };
      expect(customer.grade).toBe(r.grade);
      const change = outbox.filter((o) => o.table_name === 'customers' && o.row_id === r.customer_id).map((o) => JSON.parse(o.cols) as Record<string, unknown>);
      const sent = change.filter((c) => c.grade_period === '2025-Q4');
      if (r.grade !== r.previous_grade) {
        changed++;
        expect(sent).toEqual([{ grade: r.grade, grade_period: '2025-Q4', updated_hlc: customer.updated_hlc }]);
      } else expect(sent).toEqual([]);
    }
    expect(changed).toBeGreaterThan(0);
    // The cube hears of every changed customer although the per-row report trigger was suspended.
    const logged = new Set((sqlite.prepare('SELECT customer_id AS id FROM report_changes').all() as { id: string }[]).map((x) => x.id));
    for (const r of results) if (r.grade !== r.previous_grade) expect(logged.has(r.customer_id as string)).toBe(true);
    const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'report_customers_update'").all();
    expect(triggers).toHaveLength(1);
    expect(new Set(outbox.map((o) => o.mutation_id)).size).toBe(outbox.length);
    expect(outbox.every((o) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(o.mutation_id))).toBe(true);
  }, 60_000);
});
