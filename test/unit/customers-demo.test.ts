import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers';
import { seedDemoBranch } from '../../src/main/services/demo/seed';
import { DEMO_CUSTOMER_COUNT } from '../../src/main/services/demo/customers';

describe('demo customers', () => {
  it('a new demo branch has thousands of customers with key people, services, 24 months of bills, grades and warnings — all through the outbox', async () => {
    const app = makeTestApp();
    app.runtime.store.sqlite.transaction(() => seedDemoBranch(app.ctx()))();
    const q = (sql: string) => (app.runtime.store.sqlite.prepare(sql).get() as { n: number }).n;
    expect(q('SELECT count(*) AS n FROM customers')).toBe(DEMO_CUSTOMER_COUNT);
    expect(q('SELECT count(*) AS n FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_contacts p WHERE p.customer_id = c.id)')).toBe(0);
    expect(q('SELECT max(n) AS n FROM (SELECT count(*) AS n FROM customer_bills GROUP BY customer_id)')).toBe(24);
    expect(q('SELECT count(DISTINCT owner_id) AS n FROM customers')).toBe(10);
    expect(q('SELECT count(*) AS n FROM customers WHERE owner_id IS NULL')).toBeGreaterThan(100);
    expect(q('SELECT count(*) AS n FROM customers WHERE grade IS NOT NULL')).toBeGreaterThan(1000);
    expect(q('SELECT count(*) AS n FROM customer_warnings')).toBeGreaterThan(0);
    expect(q(`SELECT count(*) AS n FROM sync_outbox WHERE table_name = 'customer_bills'`)).toBe(q('SELECT count(*) AS n FROM customer_bills'));
    expect(q('SELECT count(*) AS n FROM customer_ownership_log')).toBe(DEMO_CUSTOMER_COUNT);

    const s = await app.call('auth.login', { username: 'wangqiang', password: 'Demo@2026' });
    const mine = await app.call('customers.list', { owner: 'me' }, s.token);
    expect(mine.total).toBeGreaterThan(100);
    const view = await app.call('customers.get', { id: mine.rows[0]!.id }, s.token);
    expect(view.contacts.length).toBeGreaterThan(0);
  }, 600_000); // generous: the machine is shared; speed is measured in the benchmark, not here
});
