import { beforeAll, describe, expect, it } from 'vitest';
import { all, demoApp, demoSignIn, figure, one, runReport, table } from './reports-helpers';

/** What each role's reports cover: an account manager's report is about their own customers only. */

const app = demoApp();
const { sqlite } = app;
let am: { token: string; userId: string };
let desk: string;

beforeAll(async () => {
  am = await demoSignIn(app, 'wangqiang');
  desk = (await demoSignIn(app, 'hufang')).token;
}, 120_000);

describe('report scope', () => {
  it("an account manager's roster has only the customers they are responsible for", async () => {
    const doc = await runReport(app, am.token, 'customer-roster', { limit: 5000 });
    const mine = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 AND owner_id = ?', am.userId).n;
    const branch = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1').n;
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(branch);
    expect(figure(doc, '大客户数')).toBe(mine);
    expect(new Set(table(doc, 'roster').rows.map((r) => r.owner))).toEqual(new Set(['王强']));
    expect(doc.params).toContainEqual({ label: '客户经理', value: '王强' });
  });

  it('asking for another manager does not widen it: the report stays on his own customers', async () => {
    const other = one<{ id: string }>(sqlite, "SELECT id FROM users WHERE username = 'lina'").id;
    const doc = await runReport(app, am.token, 'customer-roster', { manager: other, limit: 5000 });
    const mine = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM customers WHERE deleted = 0 AND is_key = 1 AND owner_id = ?', am.userId).n;
    expect(figure(doc, '大客户数')).toBe(mine);
  });

  it("an account manager's revenue ranking sums only their customers' bills", async () => {
    const doc = await runReport(app, am.token, 'revenue-ranking', { from: '2025-09', to: '2026-02' });
    const mine = one<{ s: number }>(
      sqlite,
      `SELECT sum(b.billed_fen) AS s FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND c.deleted = 0 AND c.owner_id = ? AND b.period BETWEEN '2025-09' AND '2026-02'`,
      am.userId,
    );
    expect(figure(doc, '本期收入（元）')).toBe(mine.s);
    const names = new Set(all<{ name: string }>(sqlite, 'SELECT name FROM customers WHERE owner_id = ?', am.userId).map((r) => r.name));
    expect(table(doc, 'ranking').rows.every((r) => names.has(String(r.name)))).toBe(true);
  });

  it("an account manager's arrears report lists only their debtors", async () => {
    const doc = await runReport(app, am.token, 'arrears', { from: '2025-09', to: '2026-02', limit: 5000 });
    const mine = one<{ s: number | null }>(
      sqlite,
      `SELECT sum(b.billed_fen - b.paid_fen) AS s FROM customer_bills b JOIN customers c ON c.id = b.customer_id
       WHERE b.deleted = 0 AND c.deleted = 0 AND c.owner_id = ? AND b.paid_fen < b.billed_fen`,
      am.userId,
    );
    expect(figure(doc, '欠费合计（元）')).toBe(mine.s ?? 0);
  });

  it('the report list and choices follow the role', async () => {
    const list = await app.call('reports.list', {}, am.token);
    const ids = list.reports.map((r) => r.id);
    expect(ids).toContain('customer-roster');
    expect(ids).not.toContain('ticket-kpis');
    expect(list.options.managers).toEqual([{ value: am.userId, label: '王强' }]);
    const deskList = await app.call('reports.list', {}, desk);
    expect(deskList.reports.map((r) => r.id)).toEqual(['complaint-archive']);
  });

  it('a role outside a report is refused, not given an empty report', async () => {
    const kpis = await app.api.call('reports.run', { reportId: 'ticket-kpis', params: {} }, { token: am.token });
    expect(!kpis.ok && kpis.error.code).toBe('FORBIDDEN');
    // The service desk sees no finance.
    const revenue = await app.api.call('reports.run', { reportId: 'revenue-ranking', params: {} }, { token: desk });
    expect(!revenue.ok && revenue.error.code).toBe('FORBIDDEN');
    const exported = await app.api.call('reports.export', { reportId: 'arrears', params: {} }, { token: desk });
    expect(!exported.ok && exported.error.code).toBe('FORBIDDEN');
  });

  it('only leaders set plans, and an account manager reads only their own', async () => {
    const denied = await app.api.call('reports.targets.save', { managerId: am.userId, period: '2026-03', newKeyCustomers: 3 }, { token: am.token });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    const leader = (await demoSignIn(app, 'gaojianguo')).token;
    const other = one<{ id: string }>(sqlite, "SELECT id FROM users WHERE username = 'lina'").id;
    await app.call('reports.targets.save', { managerId: am.userId, period: '2026-03', newKeyCustomers: 3 }, leader);
    await app.call('reports.targets.save', { managerId: other, period: '2026-03', newKeyCustomers: 4 }, leader);
    const mine = await app.call('reports.targets.list', { year: '2026' }, am.token);
    expect(mine.rows).toEqual([{ managerId: am.userId, managerName: '王强', period: '2026-03', newKeyCustomers: 3 }]);
    // The plan went through the write path: audited and queued for headquarters.
    const audited = one<{ n: number }>(sqlite, "SELECT count(*) AS n FROM audit_log WHERE entity = 'report_targets'").n;
    expect(audited).toBe(2);
  });
});

describe('role dashboards', () => {
  it("an account manager's home counts their customers, warnings and open tickets", async () => {
    const d = await app.call('reports.dashboard', {}, am.token);
    if (d.kind !== 'account_manager') throw new Error(d.kind);
    const counts = one<{ n: number; k: number }>(sqlite, 'SELECT count(*) AS n, sum(is_key) AS k FROM customers WHERE deleted = 0 AND owner_id = ?', am.userId);
    const warnings = one<{ n: number }>(
      sqlite,
      `SELECT count(*) AS n FROM customer_warnings w JOIN customers c ON c.id = w.customer_id
       WHERE w.deleted = 0 AND w.resolved_at IS NULL AND w.acknowledged = 0 AND c.deleted = 0 AND c.owner_id = ?`,
      am.userId,
    );
    const tickets = one<{ n: number }>(
      sqlite,
      'SELECT count(*) AS n FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.is_open = 1 AND t.deleted = 0 AND c.owner_id = ?',
      am.userId,
    );
    expect(d).toMatchObject({ customers: counts.n, keyCustomers: counts.k, openWarnings: warnings.n, openTickets: tickets.n });
    expect(d.warnings.length).toBe(Math.min(8, warnings.n));
  });

  it("the service desk's home counts the queue", async () => {
    const d = await app.call('reports.dashboard', {}, desk);
    if (d.kind !== 'service_desk') throw new Error(d.kind);
    const open = one<{ n: number }>(sqlite, 'SELECT count(*) AS n FROM tickets WHERE is_open = 1 AND deleted = 0').n;
    expect(d.queue.open).toBe(open);
    expect(d.dueSoon.every((t) => t.slaState === 'warning')).toBe(true);
  });

  it("a leader's home compares last month's billed revenue with the month before", async () => {
    const leader = (await demoSignIn(app, 'gaojianguo')).token;
    const d = await app.call('reports.dashboard', {}, leader);
    if (d.kind !== 'leader') throw new Error(d.kind);
    const revenue = d.kpis.find((k) => k.key === 'revenue')!;
    const feb = one<{ s: number }>(sqlite, "SELECT sum(billed_fen) AS s FROM customer_bills WHERE deleted = 0 AND period = '2026-02'").s;
    const jan = one<{ s: number }>(sqlite, "SELECT sum(billed_fen) AS s FROM customer_bills WHERE deleted = 0 AND period = '2026-01'").s;
    expect(revenue).toMatchObject({ value: feb, previous: jan, period: '2026-02' });
    expect(d.kpis.every((k) => k.route.startsWith('/'))).toBe(true);
  });
});
