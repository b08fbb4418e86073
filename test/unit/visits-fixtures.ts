import { eq } from 'drizzle-orm';
import { customers, users } from '../../src/main/db/schema';
import { updateRow } from '../../src/main/services/write';
import type { Grade } from '../../src/shared/contract/customer-common';
import type { InputOf, OutputOf } from '../../src/shared/contract';
import type { Role } from '../../src/shared/roles';
import { makeTestApp, TEST_PASSWORD, type TestApp } from './helpers';
import { addCustomer, type TestCustomer } from './tickets-fixtures';

/** Test data for the yellow-channel tests: people of every role, customers filed on a chosen day, a settable Shanghai clock. */

export interface Person {
  token: string;
  userId: string;
}

export interface VisitsWorld {
  app: TestApp;
  manager: Person;
  otherManager: Person;
  leader: Person;
  admin: Person;
  desk: Person;
  staff: Person;
}

async function person(app: TestApp, role: Role, department: string): Promise<Person> {
  const p = await app.signIn(role);
  app.runtime.store.db.update(users).set({ department }).where(eq(users.id, p.userId)).run();
  return p;
}

/** A fresh app with two account managers, a leader, an admin, a service-desk agent and a staff member. */
export async function visitsWorld(): Promise<VisitsWorld> {
  const app = makeTestApp();
  return {
    app,
    manager: await person(app, 'account_manager', '大客户发展中心'),
    otherManager: await person(app, 'account_manager', '大客户发展中心'),
    leader: await person(app, 'leader', '大客户发展中心'),
    admin: await person(app, 'admin', ''),
    desk: await person(app, 'service_desk', '客户响应中心'),
    staff: await person(app, 'staff', '网络运维部'),
  };
}

/** Signs an existing user in again (after the clock moved past the idle timeout); returns the token. */
export async function relogin(w: VisitsWorld, userId: string): Promise<string> {
  const username = w.app.runtime.store.sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck().get(userId) as string;
  return (await w.app.call('auth.login', { username, password: TEST_PASSWORD })).token;
}

/** Sets the app's clock to a Shanghai day and time. */
export function setToday(app: TestApp, day: string, time = '09:30'): void {
  app.clock.ms = Date.parse(`${day}T${time}:00+08:00`);
}

/** A customer filed on a given Shanghai day (its created day starts the first interval). */
export function customerFiledOn(app: TestApp, day: string, opts: { ownerId?: string | null; grade?: Grade | null; name?: string } = {}): TestCustomer {
  const saved = app.clock.ms;
  setToday(app, day, '10:00');
  try {
    return addCustomer(app, opts);
  } finally {
    app.clock.ms = saved;
  }
}

/** Changes a customer's grade (as an evaluation run does) through the write path. */
export function setGrade(app: TestApp, customerId: string, grade: Grade | null): void {
  app.runtime.store.sqlite.transaction(() => updateRow(app.ctx(), customers, customerId, { grade }))();
}

/** A customer's row of the derived table. */
export function dueRow(app: TestApp, customerId: string) {
  return app.runtime.store.sqlite
    .prepare('SELECT owner_id AS ownerId, grade, last_visit_date AS lastVisitDate, due_date AS dueDate FROM customer_visit_due WHERE customer_id = ?')
    .get(customerId) as { ownerId: string | null; grade: string | null; lastVisitDate: string | null; dueDate: string | null } | undefined;
}

/** Records a visit for a customer with sensible defaults. */
export function record(w: VisitsWorld, token: string, input: Partial<InputOf<'visits.record'>> & { visitDate: string }): Promise<OutputOf<'visits.record'>> {
  return w.app.call('visits.record', { kind: 'onsite', purpose: '了解专线使用情况', ...input }, token);
}

/** yyyy-MM-dd + n months as SQLite's date(x, '+n months') counts them (overflowing days roll into the next month). */
function plusMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + n, d)).toISOString().slice(0, 10);
}

/**
 * Every live customer's due row recomputed here, independently of the view and the triggers: the
 * last done visit of a kind its grade's rule counts, else the day it was filed, plus the rule's months.
 */
export async function recomputedDue(w: VisitsWorld) {
  const { rules } = await w.app.call('visits.rules.get', {}, w.leader.token);
  const sqlite = w.app.runtime.store.sqlite;
  const live = sqlite.prepare('SELECT id, owner_id AS ownerId, grade, created_at AS createdAt FROM customers WHERE deleted = 0 ORDER BY id').all() as {
    id: string;
    ownerId: string | null;
    grade: string | null;
    createdAt: string;
  }[];
  const done = sqlite.prepare("SELECT customer_id AS customerId, kind, visit_date AS visitDate FROM visits WHERE status = 'done' AND deleted = 0").all() as {
    customerId: string;
    kind: string;
    visitDate: string;
  }[];
  return live.map((c) => {
    const rule = rules.find((r) => r.grade === c.grade);
    const kinds = rule?.kinds ?? ['onsite', 'inbound', 'forum', 'executive'];
    const dates = done.filter((v) => v.customerId === c.id && (kinds as string[]).includes(v.kind)).map((v) => v.visitDate).sort();
    const last = dates.length ? dates[dates.length - 1]! : null;
    const filed = new Date(Date.parse(c.createdAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const months = rule?.months ?? null;
    return { customerId: c.id, ownerId: c.ownerId, grade: c.grade, lastVisitDate: last, dueDate: months === null ? null : plusMonths(last ?? filed, months) };
  });
}

/** The derived table as stored, in the same order. */
export function storedDue(app: TestApp) {
  return app.runtime.store.sqlite
    .prepare('SELECT customer_id AS customerId, owner_id AS ownerId, grade, last_visit_date AS lastVisitDate, due_date AS dueDate FROM customer_visit_due ORDER BY customer_id')
    .all();
}
