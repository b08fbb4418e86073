import { describe, expect, it, vi } from 'vitest';
import { runBackgroundJobsOnce, startBackgroundJobs } from '../../src/main/jobs';
import { pendingSearchCount } from '../../src/main/services/customers/search-index';
import { CACHE_INLINE_MAX, pendingCacheCount } from '../../src/main/services/customers/records';
import { makeTestApp, TEST_PASSWORD } from './helpers';
import { addCustomer } from './tickets-fixtures';

describe('background jobs of the main process', () => {
  it('escalate a breached ticket with nobody on the red-channel page, once', async () => {
    const app = makeTestApp();
    const desk = await app.signIn('service_desk');
    await app.signIn('leader', 'branchlead');
    const customer = addCustomer(app);
    expect(runBackgroundJobsOnce(app.runtime)).toEqual({ warned: 0, breached: 0 });
    const t = await app.call(
      'tickets.create',
      { kind: 'fault', customerId: customer.id, title: '专线中断', impact: 'minor' },
      desk.token,
    );
    const detail = await app.call('tickets.get', { id: t.id }, desk.token);
    const due = Math.max(...detail.clocks.map((c) => (c.dueAt ? Date.parse(c.dueAt) : 0)));
    app.clock.ms = due + 60_000;
    const pass = runBackgroundJobsOnce(app.runtime);
    expect(pass.breached).toBe(1);
    // Signed in again now: the earlier session has idled out while the clock ran.
    const leader = await app.call('auth.login', { username: 'branchlead', password: TEST_PASSWORD });
    const notes = await app.call('notifications.list', {}, leader.token);
    expect(notes.rows.some((n) => n.message.includes(t.number))).toBe(true);
    expect(runBackgroundJobsOnce(app.runtime).breached).toBe(0);
  });
});

describe('the search indexer', () => {
  it("works an import's queue off in the background, while the ticket intake box finds the customers already", async () => {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    const desk = await app.signIn('service_desk');
    const sqlite = app.runtime.store.sqlite;
    const rows = Array.from({ length: 4_500 }, (_, i) => `草原${i}号乳业有限公司,锡林郭勒大街${i}号`);
    const base64 = Buffer.from(['客户名称,地址', ...rows].join('\r\n'), 'utf8').toString('base64');
    await app.call('customers.import.commit', { kind: 'customers', fileName: 'a.csv', base64 }, leader.token);
    expect(pendingSearchCount(sqlite)).toBe(4_500);
    const intake = async (query: string) =>
      (await app.call('tickets.intakeLookup', { query }, desk.token)).map((h) => h.customerName);
    expect(await intake('草原4499号')).toEqual(['草原4499号乳业有限公司']);

    const stop = startBackgroundJobs(app.runtime, () => undefined);
    try {
      // More than one slice: the indexer goes on by itself until the queue is empty.
      await vi.waitFor(() => expect(pendingSearchCount(sqlite)).toBe(0), { timeout: 30_000, interval: 50 });
    } finally {
      stop();
    }
    expect(await intake('草原4499号')).toEqual(['草原4499号乳业有限公司']);
    const fts = sqlite
      .prepare(`SELECT count(*) AS n FROM customers_fts WHERE customers_fts MATCH '"锡林郭勒大街"'`)
      .get() as { n: number };
    expect(fts.n).toBe(4_500);
  });
});

describe("the bill caches' background refresh", () => {
  const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
  const count = CACHE_INLINE_MAX + 10;
  const names = Array.from({ length: count }, (_, i) => `敕勒川${i}号牧业有限公司`);

  /** More customers than a bills import refreshes itself, each with a month's bill: 1,000.00 元 unpaid for every other one, 4,000.00 元 paid for the rest. */
  async function importBills() {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    await app.call('customers.import.commit', { kind: 'customers', fileName: 'c.csv', base64: csv(['客户名称', ...names]) }, leader.token);
    const bills = names.map((n, i) => (i % 2 ? `${n},2026-10,1000,0` : `${n},2026-10,4000,4000`));
    const commit = await app.call('customers.import.commit', { kind: 'bills', fileName: 'b.csv', base64: csv(['客户名称,账期,应收金额,实收金额', ...bills]) }, leader.token);
    return { app, leader, commit };
  }

  it('a bills import of more customers than it refreshes itself queues them; the 360 page is right meanwhile, the job catches up', async () => {
    const { app, leader, commit } = await importBills();
    expect(commit.cachesQueued).toBe(count);
    expect(pendingCacheCount(app.ctx())).toBe(count);

    const find = async (i: number) => (await app.call('customers.list', { query: names[i]! }, leader.token)).rows[0]!;
    const [paid, unpaid] = [await find(0), await find(1)];
    // The list says how many customers' figures are still being refreshed.
    expect((await app.call('customers.list', { pageSize: 10 }, leader.token)).cachesRefreshing).toBe(count);
    // The list reads the cached columns: still the figures from before the import.
    expect([paid.monthlySpendFen, paid.isKey, unpaid.arrearsFen]).toEqual([0, false, 0]);
    // The 360 page computes a queued customer's figures from its bills.
    const view = await app.call('customers.get', { id: unpaid.id }, leader.token);
    expect([view.customer.monthlySpendFen, view.customer.arrearsFen]).toEqual([100_000, 100_000]);
    const key = await app.call('customers.get', { id: paid.id }, leader.token);
    expect([key.customer.monthlySpendFen, key.customer.isKey, key.customer.keyReasons]).toEqual([400_000, true, ['spend']]);

    const stop = startBackgroundJobs(app.runtime, () => undefined);
    try {
      // More than one slice: the job goes on by itself until the queue is empty.
      await vi.waitFor(() => expect(pendingCacheCount(app.ctx())).toBe(0), { timeout: 30_000, interval: 50 });
    } finally {
      stop();
    }
    const [paidAfter, unpaidAfter] = [await find(0), await find(1)];
    expect((await app.call('customers.list', { pageSize: 10 }, leader.token)).cachesRefreshing).toBe(0);
    expect([paidAfter.monthlySpendFen, paidAfter.isKey, paidAfter.arrearsFen]).toEqual([400_000, true, 0]);
    expect([unpaidAfter.monthlySpendFen, unpaidAfter.isKey, unpaidAfter.arrearsFen]).toEqual([100_000, false, 100_000]);
    const sqlite = app.runtime.store.sqlite;
    const cached = sqlite.prepare('SELECT count(*) AS n, sum(arrears_fen > 0) AS owing, sum(is_key) AS key FROM customers WHERE deleted = 0').get();
    expect(cached).toEqual({ n: count, owing: count / 2, key: count / 2 });
  });

  it('a report run while customers are queued refreshes them first: its figures are never behind the bills', async () => {
    const { app, leader } = await importBills();
    const report = await app.call('reports.run', { reportId: 'arrears', params: {} }, leader.token);
    const owing = report.summary.find((item) => item.label === '欠费客户数');
    expect(owing?.value).toBe(count / 2);
    expect(pendingCacheCount(app.ctx())).toBe(0);
  });

  it('an export while customers are queued refreshes them first: the file is never behind the bills', async () => {
    const { app, leader } = await importBills();
    const file = await app.call('customers.export', { arrears: true }, leader.token);
    expect(file.rowCount).toBe(count / 2);
    expect(pendingCacheCount(app.ctx())).toBe(0);
  });
});
