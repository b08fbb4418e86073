import { beforeAll, describe, expect, it } from 'vitest';
import { all, demoApp, demoSignIn, figure, one, runReport, table } from './reports-helpers';

/**
 * Every report's figures against an independent SQL computation on the demo branch: the test
 * recomputes each number its own way (window functions, julianday, plain sums) rather than calling
 * the report code.
 */

const app = demoApp();
const { sqlite } = app;
let leader: string;

beforeAll(async () => {
  leader = (await demoSignIn(app, 'gaojianguo')).token;
}, 120_000);

// The test clock stands at 2026-03-02 (Shanghai); the demo bills run to 2026-02.
const FROM = '2025-09';
const TO = '2026-02';

describe('key-customer roster', () => {
  it('counts key customers, their spend and arrears per grade as the customer table holds them', async () => {
    const doc = await runReport(app, leader, 'customer-roster', { limit: 5000 });
    const expected = one<{ n: number; spend: number; arrears: number }>(
      sqlite,
      'SELECT count(*) AS n, sum(monthly_spend_fen) AS spend, sum(arrears_fen) AS arrears FROM customers WHERE deleted = 0 AND is_key = 1',
    );
    expect(expected.n).toBeGreaterThan(100);
    expect(figure(doc, '大客户数')).toBe(expected.n);
    expect(figure(doc, '月均消费合计（元）')).toBe(expected.spend);
    expect(figure(doc, '欠费合计（元）')).toBe(expected.arrears);

    const byGrade = all<{ grade: string | null; n: number; spend: number }>(
      sqlite,
      'SELECT grade, count(*) AS n, sum(monthly_spend_fen) AS spend FROM customers WHERE deleted = 0 AND is_key = 1 GROUP BY grade',
    );
    const gradeName: Record<string, string> = { strategic: '战略', key: '重点', vip: 'VIP', quality: '优质', normal: '普通' };
    const rows = table(doc, 'grade').rows;
    expect(rows).toHaveLength(byGrade.length);
    for (const g of byGrade) {
      const row = rows.find((r) => r.group === (g.grade ? gradeName[g.grade] : '未分级'));
      expect(row, String(g.grade)).toMatchObject({ n: g.n, spend: g.spend });
    }
    expect(table(doc, 'grade').totals).toMatchObject({ n: expected.n, spend: expected.spend });
    expect(table(doc, 'roster').rows).toHaveLength(expected.n);
  });

  it('filters by region and industry', async () => {
    const { region, industry } = one<{ region: string; industry: string }>(
      sqlite,
      'SELECT region, industry FROM customers WHERE deleted = 0 AND is_key = 1 GROUP BY region, industry ORDER BY count(*) DESC LIMIT 1',
    );
    const doc = await runReport(app, leader, 'customer-roster', { region, industry });
    const n = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 AND region = ? AND industry = ?', region, industry).n;
    expect(figure(doc, '大客户数')).toBe(n);
    expect(doc.params).toContainEqual({ label: '区域', value: region });
    expect(table(doc, 'roster').rows.every((r) => r.region === region && r.industry === industry)).toBe(true);
  });
});

describe('revenue ranking', () => {
  it('sums billed revenue per period, compares with the previous period and ranks customers', async () => {
    const doc = await runReport(app, leader, 'revenue-ranking', { from: FROM, to: TO, limit: 50 });
    const cur = one<{ s: number; n: number }>(
      sqlite,
      'SELECT sum(billed_fen) AS s, count(DISTINCT customer_id) AS n FROM customer_bills WHERE deleted = 0 AND period BETWEEN ? AND ? AND billed_fen > 0',
      FROM,
      TO,
    );
    const prev = one<{ s: number }>(sqlite, 'SELECT sum(billed_fen) AS s FROM customer_bills WHERE deleted = 0 AND period BETWEEN ? AND ?', '2025-03', '2025-08');
    expect(figure(doc, '本期收入（元）')).toBe(cur.s);
    expect(figure(doc, '上期收入（元）')).toBe(prev.s);
    expect(figure(doc, '收入增长率')).toBeCloseTo((cur.s - prev.s) / prev.s, 10);
    expect(figure(doc, '有收入客户数')).toBe(cur.n);

    const top = all<{ name: string; s: number }>(
      sqlite,
      `SELECT c.name AS name, sum(b.billed_fen) AS s FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND b.period BETWEEN ? AND ? GROUP BY b.customer_id ORDER BY s DESC, c.name LIMIT 3`,
      FROM,
      TO,
    );
    const ranking = table(doc, 'ranking').rows;
    expect(ranking).toHaveLength(50);
    expect(ranking.slice(0, 3).map((r) => [r.rank, r.name, r.cur])).toEqual(top.map((t, i) => [i + 1, t.name, t.s]));
  });

  it('reports the Pareto share of the top 20 % of customers', async () => {
    const doc = await runReport(app, leader, 'revenue-ranking', { from: FROM, to: TO });
    // Independent: rank with a window function, keep ranks within ceil(20 % of n).
    const share = one<{ share: number; k: number }>(
      sqlite,
      `WITH r AS (SELECT customer_id, sum(billed_fen) AS s FROM customer_bills WHERE deleted = 0 AND period BETWEEN ? AND ? GROUP BY customer_id HAVING s > 0),
            ranked AS (SELECT s, row_number() OVER (ORDER BY s DESC) AS rn, count(*) OVER () AS n FROM r)
       SELECT CAST(sum(CASE WHEN rn <= CAST((n * 2 + 9) / 10 AS INTEGER) THEN s ELSE 0 END) AS REAL) / sum(s) AS share,
              max(CAST((n * 2 + 9) / 10 AS INTEGER)) AS k
       FROM ranked`,
      FROM,
      TO,
    );
    const item = doc.summary.find((s) => s.label.startsWith('前 20% 客户'));
    expect(item?.label).toContain(`${share.k} 户`);
    expect(item?.value).toBeCloseTo(share.share, 10);
    const pareto = doc.charts.find((c) => c.id === 'pareto')!;
    expect(pareto.series[1]!.data[9]).toBeCloseTo(1, 10);
    expect(pareto.series[1]!.data[1]).toBeCloseTo(share.share, 2);
  });

  it('gives revenue and growth by grade that add up to the total', async () => {
    const doc = await runReport(app, leader, 'revenue-ranking', { from: FROM, to: TO });
    const rows = all<{ grade: string | null; s: number }>(
      sqlite,
      `SELECT c.grade AS grade, sum(b.billed_fen) AS s FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND b.period BETWEEN ? AND ? GROUP BY c.grade`,
      FROM,
      TO,
    );
    const byGrade = table(doc, 'by-grade');
    expect(byGrade.rows.map((r) => r.cur).sort()).toEqual(rows.map((r) => r.s).sort());
    expect(byGrade.totals?.cur).toBe(figure(doc, '本期收入（元）'));
  });
});

describe('new key customers vs plan', () => {
  it('counts key customers created in the period per manager against the plan', async () => {
    const managers = all<{ id: string; name: string }>(
      sqlite,
      "SELECT id, display_name AS name FROM users WHERE role = 'account_manager' ORDER BY username LIMIT 2",
    );
    await app.call('reports.targets.save', { managerId: managers[0]!.id, period: '2026-03', newKeyCustomers: 40 }, leader);
    await app.call('reports.targets.save', { managerId: managers[1]!.id, period: '2026-03', newKeyCustomers: 10 }, leader);
    await app.call('reports.targets.save', { managerId: managers[1]!.id, period: '2026-02', newKeyCustomers: 5 }, leader);
    // Saving again replaces the plan rather than adding to it.
    await app.call('reports.targets.save', { managerId: managers[0]!.id, period: '2026-03', newKeyCustomers: 30 }, leader);

    const doc = await runReport(app, leader, 'new-customers-plan', { from: '2026-02', to: '2026-03' });
    // Demo customers are filed over the years; some in February 2026, the last billed month.
    const actual = all<{ owner: string; n: number }>(
      sqlite,
      `SELECT owner_id AS owner, count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 AND owner_id IS NOT NULL
         AND created_at >= '2026-01-31T16:00:00.000Z' AND created_at < '2026-03-31T16:00:00.000Z' GROUP BY owner_id`,
    );
    const total = actual.reduce((a, r) => a + r.n, 0);
    expect(total).toBeGreaterThan(0);
    expect(figure(doc, '计划新增（户）')).toBe(45);
    expect(figure(doc, '实际新增（户）')).toBe(total);
    expect(figure(doc, '完成率')).toBeCloseTo(total / 45, 10);
    const rows = table(doc, 'managers').rows;
    const first = rows.find((r) => r.group === managers[0]!.name)!;
    expect(first).toMatchObject({ plan: 30, actual: actual.find((a) => a.owner === managers[0]!.id)?.n ?? 0 });
    const months = table(doc, 'months').rows;
    expect(months.map((m) => [m.group, m.plan])).toEqual([
      ['2026-02', 5],
      ['2026-03', 40],
    ]);
    const perMonth = all<{ month: string; n: number }>(
      sqlite,
      `SELECT strftime('%Y-%m', created_at, '+8 hours') AS month, count(*) AS n FROM customers
       WHERE deleted = 0 AND is_key = 1 AND owner_id IS NOT NULL AND created_at >= '2026-01-31T16:00:00.000Z' AND created_at < '2026-03-31T16:00:00.000Z'
       GROUP BY 1`,
    );
    expect(months.map((m) => m.actual)).toEqual(['2026-02', '2026-03'].map((m) => perMonth.find((p) => p.month === m)?.n ?? 0));
  });
});

describe('arrears and payment timeliness', () => {
  it('sums unpaid bills by age and customer, and the on-time share of the period', async () => {
    const doc = await runReport(app, leader, 'arrears', { from: FROM, to: TO, limit: 5000 });
    const unpaid = one<{ s: number; n: number }>(
      sqlite,
      `SELECT sum(b.billed_fen - b.paid_fen) AS s, count(DISTINCT b.customer_id) AS n FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND c.deleted = 0 AND b.paid_fen < b.billed_fen`,
    );
    expect(unpaid.s).toBeGreaterThan(0);
    expect(figure(doc, '欠费合计（元）')).toBe(unpaid.s);
    expect(figure(doc, '欠费客户数')).toBe(unpaid.n);
    // Aging by julianday against 2026-03-02.
    const aging = all<{ bucket: string; s: number }>(
      sqlite,
      `SELECT CASE WHEN d <= 0 THEN '未到期' WHEN d <= 30 THEN '逾期 1–30 天' WHEN d <= 90 THEN '逾期 31–90 天' WHEN d <= 180 THEN '逾期 91–180 天' ELSE '逾期 180 天以上' END AS bucket,
              sum(amount) AS s
       FROM (SELECT julianday('2026-03-02') - julianday(due_date) AS d, billed_fen - paid_fen AS amount FROM customer_bills WHERE deleted = 0 AND paid_fen < billed_fen)
       GROUP BY bucket`,
    );
    const agingRows = table(doc, 'aging').rows;
    for (const a of aging) expect(agingRows.find((r) => r.bucket === a.bucket)?.amount, a.bucket).toBe(a.s);
    expect(figure(doc, '其中逾期（元）')).toBe(aging.filter((a) => a.bucket !== '未到期').reduce((x, a) => x + a.s, 0));

    const timely = one<{ bills: number; onTime: number }>(
      sqlite,
      `SELECT count(*) AS bills, sum(paid_fen >= billed_fen AND (paid_date IS NULL OR paid_date <= due_date)) AS onTime
       FROM customer_bills WHERE deleted = 0 AND period BETWEEN ? AND ? AND due_date < '2026-03-02'`,
      FROM,
      TO,
    );
    expect(table(doc, 'timeliness').totals).toMatchObject({ bills: timely.bills, onTime: timely.onTime });
    expect(figure(doc, '按期缴清率')).toBeCloseTo(timely.onTime / timely.bills, 10);

    const biggest = one<{ name: string; s: number }>(
      sqlite,
      `SELECT c.name AS name, sum(b.billed_fen - b.paid_fen) AS s FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND b.paid_fen < b.billed_fen GROUP BY c.id ORDER BY s DESC, c.name LIMIT 1`,
    );
    expect(table(doc, 'debtors').rows[0]).toMatchObject({ name: biggest.name, total: biggest.s });
  });
});

describe('grade changes', () => {
  it('reports the latest evaluation run against the previous grades', async () => {
    const doc = await runReport(app, leader, 'grade-changes');
    const run = one<{ id: string; period: string }>(sqlite, 'SELECT id, period FROM customer_evaluation_runs ORDER BY ran_at DESC LIMIT 1');
    const counts = one<{ n: number; fresh: number; same: number }>(
      sqlite,
      `SELECT count(*) AS n, coalesce(sum(r.previous_grade IS NULL), 0) AS fresh, coalesce(sum(r.previous_grade = r.grade), 0) AS same
       FROM customer_evaluation_scores r JOIN customers c ON c.id = r.customer_id WHERE r.run_id = ? AND c.deleted = 0`,
      run.id,
    );
    expect(doc.params[0]!.value).toContain(run.period);
    expect(figure(doc, '参评客户')).toBe(counts.n);
    expect(figure(doc, '首次定级')).toBe(counts.fresh);
    expect(figure(doc, '不变')).toBe(counts.same);
    expect(table(doc, 'changes').rows).toHaveLength(counts.n - counts.same);
  });

  it('shows upgrades and downgrades after a second run', async () => {
    app.clock.advanceMinutes(60);
    await app.call('customers.evaluate', { periodType: 'quarter', period: '2026-Q1' }, leader);
    const doc = await runReport(app, leader, 'grade-changes');
    const order = "CASE %s WHEN 'strategic' THEN 0 WHEN 'key' THEN 1 WHEN 'vip' THEN 2 WHEN 'quality' THEN 3 ELSE 4 END";
    const run = one<{ id: string }>(sqlite, 'SELECT id FROM customer_evaluation_runs ORDER BY ran_at DESC LIMIT 1');
    const moves = one<{ up: number; down: number }>(
      sqlite,
      `SELECT sum(${order.replace('%s', 'grade')} < ${order.replace('%s', 'previous_grade')}) AS up,
              sum(${order.replace('%s', 'grade')} > ${order.replace('%s', 'previous_grade')}) AS down
       FROM customer_evaluation_scores WHERE run_id = ? AND previous_grade IS NOT NULL`,
      run.id,
    );
    expect(figure(doc, '升级')).toBe(moves.up);
    expect(figure(doc, '降级')).toBe(moves.down);
    expect(moves.up + moves.down).toBeGreaterThan(0);
  });
});

describe('red channel', () => {
  it('takes its KPIs from the tickets module for every month of the period', async () => {
    const doc = await runReport(app, leader, 'ticket-kpis', { from: '2025-12', to: '2026-03' });
    const counts = one<{ faults: number; complaints: number }>(
      sqlite,
      `SELECT coalesce(sum(kind = 'fault'), 0) AS faults, coalesce(sum(kind = 'complaint'), 0) AS complaints FROM tickets
       WHERE deleted = 0 AND status <> 'cancelled' AND created_at >= '2025-11-30T16:00:00.000Z' AND created_at < '2026-03-31T16:00:00.000Z'`,
    );
    expect(figure(doc, '故障')).toBe(counts.faults);
    expect(figure(doc, '投诉')).toBe(counts.complaints);
    expect(table(doc, 'months').rows.map((r) => r.group)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(doc.charts[0]!.categories).toHaveLength(4);
  });

  it('lists every complaint of the period in the archive', async () => {
    const doc = await runReport(app, leader, 'complaint-archive', { from: '2025-12', to: '2026-03' });
    const numbers = all<{ number: string }>(
      sqlite,
      `SELECT number FROM tickets WHERE deleted = 0 AND kind = 'complaint' AND status <> 'cancelled'
       AND created_at >= '2025-11-30T16:00:00.000Z' AND created_at < '2026-03-31T16:00:00.000Z' ORDER BY created_at, number`,
    );
    expect(table(doc, 'complaints').rows.map((r) => r.number)).toEqual(numbers.map((n) => n.number));
    expect(figure(doc, '投诉件数')).toBe(numbers.length);
  });
});

describe('parameters', () => {
  it('refuses a period that ends before it starts, naming the field', async () => {
    const result = await app.api.call('reports.run', { reportId: 'revenue-ranking', params: { from: '2026-02', to: '2025-01' } }, { token: leader });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.issues?.[0]?.path).toBe('to');
    }
  });

  it('answers NOT_FOUND for a report that does not exist', async () => {
    const result = await app.api.call('reports.run', { reportId: 'no-such-report', params: {} }, { token: leader });
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
  });
});

describe('freshness', () => {
  it('a bill saved after a report shows in the next one, and a moved customer leaves its manager’s report', async () => {
    const before = await runReport(app, leader, 'revenue-ranking', { from: '2026-03', to: '2026-03' });
    expect(figure(before, '本期收入（元）')).toBe(0);
    const customer = one<{ id: string; name: string; owner: string }>(
      sqlite,
      'SELECT id, name, owner_id AS owner FROM customers WHERE deleted = 0 AND owner_id IS NOT NULL ORDER BY name LIMIT 1',
    );
    await app.call(
      'customers.bills.save',
      { customerId: customer.id, period: '2026-03', billedFen: 123_456, paidFen: 0, paidDate: null, dueDate: null },
      leader,
    );
    const after = await runReport(app, leader, 'revenue-ranking', { from: '2026-03', to: '2026-03' });
    expect(figure(after, '本期收入（元）')).toBe(123_456);
    expect(table(after, 'ranking').rows[0]).toMatchObject({ rank: 1, name: customer.name, cur: 123_456 });

    const other = one<{ id: string }>(sqlite, "SELECT id FROM users WHERE role = 'account_manager' AND id <> ? LIMIT 1", customer.owner);
    await app.call('customers.transfer', { ids: [customer.id], toOwnerId: other.id, reason: '调整分工' }, leader);
    const owner = one<{ username: string }>(sqlite, 'SELECT username FROM users WHERE id = ?', customer.owner).username;
    const previousOwner = await demoSignIn(app, owner);
    const mine = await runReport(app, previousOwner.token, 'revenue-ranking', { from: '2026-03', to: '2026-03' });
    expect(figure(mine, '本期收入（元）')).toBe(0);
  });
});
