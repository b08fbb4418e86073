import { describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../../src/main/services/auth';
import { hashPassword } from '../../src/main/services/auth/password';
import { DemoRandom } from '../../src/main/services/demo/random';
import { DEMO_USERS } from '../../src/main/services/demo/seed';
import { seedDemoOrders } from '../../src/main/services/orders/demo';
import { makeTestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';

// One hash for every demo user, as the demo seed does: hashing is deliberately slow.
const HASH = hashPassword('Demo@2026');

/** The demo branch's people and a few of their customers, then `days` of orders played through the flow. */
function seeded(days: number) {
  const app = makeTestApp({ file: false });
  const ctx = app.ctx();
  const ids = app.runtime.store.sqlite.transaction(() =>
    DEMO_USERS.map((u) => createUserWithPassword(ctx, { ...u, password: 'Demo@2026' }, HASH).id),
  )();
  const managers = DEMO_USERS.map((u, i) => (u.role === 'account_manager' ? ids[i]! : null)).filter((id): id is string => !!id);
  // Customers filed in March; the orders are played up to 23 November.
  for (let i = 0; i < 12; i++) addCustomer(app, { ownerId: managers[i % managers.length]! });
  app.clock.ms = Date.parse('2026-11-23T03:00:00.000Z');
  app.runtime.store.sqlite.transaction(() => seedDemoOrders({ ...ctx, method: 'demo.seed' }, new DemoRandom(7), { days }))();
  const q = <T>(sql: string) => app.runtime.store.sqlite.prepare(sql).all() as T[];
  return { app, q };
}

describe('demo work orders', () => {
  it('play months of orders through the flow: archived, returned and open at several stages, with services activated', () => {
    const { app, q } = seeded(120);
    const byStatus = Object.fromEntries(q<{ status: string; n: number }>('SELECT status, count(*) AS n FROM work_orders GROUP BY status').map((r) => [r.status, r.n]));
    expect(byStatus.closed).toBeGreaterThan(20);
    expect(byStatus.in_progress).toBeGreaterThan(3);
    const openStages = q<{ s: string }>('SELECT DISTINCT current_stage_name AS s FROM work_orders WHERE is_open = 1 AND current_stage_name IS NOT NULL');
    expect(openStages.length).toBeGreaterThanOrEqual(3);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM order_stages WHERE status = 'returned'")[0]!.n).toBeGreaterThan(0);
    // Every closed order went through 业务开通 (or 拆机) and signed off; its services are on the customer.
    expect(q<{ n: number }>("SELECT count(*) AS n FROM work_orders WHERE status = 'closed' AND business_minutes IS NULL")[0]!.n).toBe(0);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM service_instances WHERE service_no LIKE 'ZX-0471-7%'")[0]!.n).toBeGreaterThan(10);
    // The order rows mirror their open attempt.
    const mismatched = q<{ n: number }>(
      `SELECT count(*) AS n FROM work_orders o LEFT JOIN order_stages s ON s.id = o.current_stage_id
       WHERE o.is_open = 1 AND o.status = 'in_progress' AND (s.is_open IS NOT 1 OR s.due_at IS NOT o.due_sort OR s.department IS NOT o.current_dept)`,
    );
    expect(mismatched[0]!.n).toBe(0);
    // Every event reads as a sentence (no missing message keys).
    const kinds = q<{ kind: string }>("SELECT DISTINCT kind FROM green_events WHERE entity = 'order'").map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'stage_entered', 'accepted', 'completed', 'activated', 'signed_off', 'returned']));
    app.runtime.store.sqlite.close();
  }, 120_000);

  it('is the same on every machine', () => {
    const a = seeded(30);
    const b = seeded(30);
    const rows = (s: typeof a) => s.q<{ number: string; status: string }>('SELECT number, status, current_stage_name FROM work_orders ORDER BY created_at');
    expect(rows(a).map((r) => r.status)).toEqual(rows(b).map((r) => r.status));
    expect(rows(a).length).toBeGreaterThan(5);
    a.app.runtime.store.sqlite.close();
    b.app.runtime.store.sqlite.close();
  }, 120_000);
});
