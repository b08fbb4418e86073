import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers';
import { seedDemoBranch } from '../../src/main/services/demo/seed';

describe('demo visits', () => {
  it('a new demo branch has a year of visit plans and records played through the services', async () => {
    const app = makeTestApp();
    app.clock.ms = Date.parse('2026-12-07T03:00:00.000Z');
    app.runtime.store.sqlite.transaction(() => seedDemoBranch(app.ctx()))();
    const q = (sql: string) => (app.runtime.store.sqlite.prepare(sql).get() as { n: number }).n;
    expect(q("SELECT count(*) AS n FROM visits WHERE status = 'done'")).toBeGreaterThan(500);
    expect(q("SELECT count(*) AS n FROM visits WHERE status = 'dropped'")).toBeGreaterThan(10);
    expect(q("SELECT count(*) AS n FROM visits WHERE status = 'planned' AND visit_date >= '2026-12-07'")).toBeGreaterThan(10);
    expect(q('SELECT count(*) AS n FROM visits WHERE late_entry = 1')).toBeGreaterThan(5);
    expect(q("SELECT count(*) AS n FROM visits WHERE status = 'done' AND on_time = 0")).toBeGreaterThan(5);
    expect(q('SELECT count(DISTINCT month) AS n FROM visit_plans')).toBe(13);
    expect(q("SELECT count(*) AS n FROM visit_plans WHERE status = 'reviewed'")).toBeGreaterThan(50);
    expect(q("SELECT count(*) AS n FROM notifications WHERE kind = 'visit_next_step'")).toBeGreaterThan(10);
    // The derived due dates hold what the view says after a year of writes.
    expect(
      q(`SELECT count(*) AS n FROM customer_visit_due d JOIN customer_visit_due_v v ON v.customer_id = d.customer_id
         WHERE d.due_date IS NOT v.due_date OR d.last_visit_date IS NOT v.last_visit_date`),
    ).toBe(0);

    const s = await app.call('auth.login', { username: 'wangqiang', password: 'Demo@2026' });
    const plan = await app.call('visits.plan.get', { month: '2026-12' }, s.token);
    expect(plan.items.length).toBeGreaterThan(0);
    const list = await app.call('visits.list', { status: 'done' }, s.token);
    expect(list.total).toBeGreaterThan(20);
    const detail = await app.call('visits.get', { id: list.rows[0]!.id }, s.token);
    expect(detail.purpose).not.toBe('');
    expect(detail.recordedByName).toBe('王强');
    app.runtime.store.sqlite.close();
  }, 600_000); // generous: the machine is shared; speed is measured in the benchmark, not here
});
