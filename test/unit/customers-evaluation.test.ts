import { describe, expect, it } from 'vitest';
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
