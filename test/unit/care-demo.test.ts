import { describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../../src/main/services/auth';
import { hashPassword } from '../../src/main/services/auth/password';
import { seedDemoCare } from '../../src/main/services/care/demo';
import { customerContacts } from '../../src/main/db/schema';
import { DemoRandom } from '../../src/main/services/demo/random';
import { DEMO_USERS } from '../../src/main/services/demo/seed';
import { insertRow } from '../../src/main/services/write';
import { makeTestApp, TEST_PASSWORD } from './helpers';
import { addCustomer } from './tickets-fixtures';

const HASH = hashPassword(TEST_PASSWORD);

describe('demo courtesy care', () => {
  it('plays a year of courtesies, budgets and events through the services, and 王强 sees an upcoming birthday', async () => {
    const app = makeTestApp({ file: false });
    const ctx = app.ctx();
    const ids = app.runtime.store.sqlite.transaction(() => DEMO_USERS.map((u) => createUserWithPassword(ctx, { ...u, password: TEST_PASSWORD }, HASH).id))();
    const managers = DEMO_USERS.map((u, i) => (u.role === 'account_manager' ? ids[i]! : null)).filter((id): id is string => !!id);
    app.runtime.store.sqlite.transaction(() => {
      for (let i = 0; i < 40; i++) {
        const c = addCustomer(app, { ownerId: managers[i % managers.length]! });
        insertRow(ctx, customerContacts, { customerId: c.id, name: `关键人${i}`, birthday: `19${60 + (i % 30)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}` });
      }
    })();
    app.clock.ms = Date.parse('2026-11-23T03:00:00.000Z');
    app.runtime.store.sqlite.transaction(() => seedDemoCare({ ...ctx, method: 'demo.seed' }, new DemoRandom(7)))();
    const n = (sql: string) => (app.runtime.store.sqlite.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM care_budgets')).toBe(managers.length * 2);
    expect(n('SELECT count(*) AS n FROM care_records')).toBeGreaterThan(40);
    expect(n("SELECT count(*) AS n FROM care_records WHERE status = 'pending'")).toBeGreaterThan(0);
    expect(n("SELECT count(*) AS n FROM care_records WHERE status = 'approved'")).toBeGreaterThan(0);
    expect(n("SELECT count(*) AS n FROM customer_contacts WHERE birthday_calendar = 'lunar'")).toBeGreaterThan(0);
    expect(n("SELECT count(*) AS n FROM customers WHERE founded_on IS NULL")).toBe(0);
    expect(n("SELECT count(*) AS n FROM care_events WHERE kind = 'forum' AND status = 'held' AND starts_at LIKE '2025-12-18%'")).toBe(1);
    expect(n("SELECT count(*) AS n FROM care_event_guests WHERE status = 'attended'")).toBeGreaterThan(5);
    expect(n("SELECT count(*) AS n FROM care_events WHERE kind = 'executive' AND status = 'planned'")).toBe(1);

    const wang = await app.call('auth.login', { username: 'wangqiang', password: TEST_PASSWORD });
    const upcoming = await app.call('care.upcoming', { days: 15, occasion: 'birthday' }, wang.token);
    expect(upcoming.rows.some((r) => r.lunar)).toBe(true);
  });
});
