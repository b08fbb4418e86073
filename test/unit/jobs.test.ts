import { describe, expect, it, vi } from 'vitest';
import { runBackgroundJobsOnce, startBackgroundJobs } from '../../src/main/jobs';
import { pendingSearchCount } from '../../src/main/services/customers/search-index';
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
