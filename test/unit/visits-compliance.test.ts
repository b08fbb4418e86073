import { beforeAll, describe, expect, it } from 'vitest';
import { customers, visits } from '../../src/main/db/schema';
import { deleteRow, insertRow, updateRow } from '../../src/main/services/write';
import type { Grade } from '../../src/shared/contract/customer-common';
import { GRADES } from '../../src/shared/contract/customer-common';
import type { VisitKind } from '../../src/shared/contract/visit-common';
import { TEST_PASSWORD, makeTestApp, type TestApp } from './helpers';
import { addCustomer, callError } from './tickets-fixtures';

/**
 * Visit compliance (走访达标率) for a month: the visits.compliance figures against an independent count
 * written here with plain loops over the rows, for several months, owners and grades — including
 * customers overdue without any visit row and a customer handed over between managers.
 */

let app: TestApp;
let leader: string;
let ams: { token: string; userId: string }[];
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
const TODAY = '2026-03-10';

/** A deterministic stream of numbers in [0, 1). */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const setDay = (day: string) => (app.clock.ms = Date.parse(`${day}T02:00:00.000Z`));
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let seq = 0;
function addVisit(v: {
  customerId: string;
  ownerId: string;
  status: 'planned' | 'done' | 'dropped';
  visitDate: string;
  dueDate: string | null;
  kind?: VisitKind;
}) {
  const ctx = app.ctx();
  return app.runtime.store.sqlite.transaction(() =>
    insertRow(ctx, visits, {
      number: `T-ZF-${++seq}`,
      customerId: v.customerId,
      ownerId: v.ownerId,
      source: 'recorded',
      kind: v.kind ?? 'onsite',
      status: v.status,
      visitDate: v.visitDate,
      dueDate: v.dueDate,
      onTime: v.status === 'done' ? v.dueDate === null || v.visitDate <= v.dueDate : null,
      dropReason: v.status === 'dropped' ? '客户出差' : '',
    }),
  )();
}

interface Expected {
  ownerId: string | null;
  grade: Grade | null;
  due: number;
  onTime: number;
  late: number;
}

/** The definition, counted with loops over the tables: one entry per (owner, grade). */
function expected(month: string, onlyOwner: string | null, today = TODAY): Map<string, Expected> {
  const sqlite = app.runtime.store.sqlite;
  const vs = sqlite
    .prepare('SELECT customer_id, owner_id, status, on_time, due_date, deleted FROM visits')
    .all() as {
    customer_id: string;
    owner_id: string;
    status: string;
    on_time: number | null;
    due_date: string | null;
    deleted: number;
  }[];
  const dues = sqlite.prepare('SELECT customer_id, owner_id, due_date FROM customer_visit_due').all() as {
    customer_id: string;
    owner_id: string | null;
    due_date: string | null;
  }[];
  const cs = new Map(
    (
      sqlite.prepare('SELECT id, grade, deleted FROM customers').all() as {
        id: string;
        grade: Grade | null;
        deleted: number;
      }[]
    ).map((c) => [c.id, c]),
  );
  const inMonth = (d: string | null) => d !== null && d.slice(0, 7) === month;
  const state = new Map<string, { s: number; owner: string | null }>();
  for (const v of vs) {
    if (v.deleted || !inMonth(v.due_date)) continue;
    const s = v.status === 'done' ? (v.on_time ? 2 : 1) : 0;
    const cur = state.get(v.customer_id);
    if (!cur || s > cur.s) state.set(v.customer_id, { s, owner: v.owner_id });
  }
  for (const d of dues) {
    if (inMonth(d.due_date) && d.due_date! < today && !state.has(d.customer_id))
      state.set(d.customer_id, { s: 0, owner: d.owner_id });
  }
  const out = new Map<string, Expected>();
  for (const [customerId, { s, owner }] of state) {
    const c = cs.get(customerId)!;
    if (c.deleted) continue;
    if (onlyOwner !== null && owner !== onlyOwner) continue;
    const key = `${owner}|${c.grade}`;
    const e = out.get(key) ?? { ownerId: owner, grade: c.grade, due: 0, onTime: 0, late: 0 };
    e.due++;
    if (s === 2) e.onTime++;
    if (s === 1) e.late++;
    out.set(key, e);
  }
  return out;
}

function sumBy(cells: Map<string, Expected>, key: (e: Expected) => string) {
  const out = new Map<string, { due: number; onTime: number; late: number }>();
  for (const e of cells.values()) {
    const k = key(e);
    const g = out.get(k) ?? { due: 0, onTime: 0, late: 0 };
    g.due += e.due;
    g.onTime += e.onTime;
    g.late += e.late;
    out.set(k, g);
  }
  return out;
}

/** A new session: moving the test clock by months ends the idle sessions. */
async function login(username: string): Promise<string> {
  return (await app.call('auth.login', { username, password: TEST_PASSWORD })).token;
}

const rateOf = (g: { due: number; onTime: number }) =>
  g.due === 0 ? null : Math.round((g.onTime / g.due) * 1000) / 10;

beforeAll(async () => {
  app = makeTestApp();
  leader = (await app.signIn('leader', 'zc_leader')).token;
  ams = [
    await app.signIn('account_manager', 'zc_am1'),
    await app.signIn('account_manager', 'zc_am2'),
    await app.signIn('account_manager', 'zc_am3'),
  ];
  const next = rng(20260310);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const ctx = app.ctx();
  const sqlite = app.runtime.store.sqlite;

  // Customers created over a year, so those never visited fall due (and overdue) in different months.
  const made: { id: string; ownerId: string | null; grade: Grade }[] = [];
  for (let i = 0; i < 60; i++) {
    setDay(addDays('2025-03-01', Math.floor(next() * 330)));
    const ownerId = i % 15 === 14 ? null : pick(ams).userId;
    const grade = pick(GRADES);
    made.push({ id: addCustomer(app, { ownerId, grade }).id, ownerId, grade });
  }
  // Visit rows with due dates across the months: planned, done on time, done late, dropped; some
  // customers with two rows in a month; a few done visits without a due date.
  for (const c of made) {
    if (c.ownerId === null || next() < 0.25) continue;
    const rows = 1 + Math.floor(next() * 3);
    for (let r = 0; r < rows; r++) {
      const month = pick(MONTHS);
      const dueDate = `${month}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const status = pick(['planned', 'done', 'done', 'done', 'dropped'] as const);
      const visitDate = addDays(dueDate, Math.floor(next() * 30) - 18);
      setDay(status === 'done' ? addDays(visitDate, 1) : addDays(dueDate, -20));
      addVisit({
        customerId: c.id,
        ownerId: c.ownerId,
        status,
        visitDate,
        dueDate: next() < 0.05 ? null : dueDate,
      });
    }
  }
  setDay(TODAY);
  const [a, b] = [ams[0]!, ams[1]!];
  // Handed over: the first manager's on-time visit decides the state, so the month stays his.
  const handed = addCustomer(app, { ownerId: a.userId, grade: 'strategic' });
  addVisit({
    customerId: handed.id,
    ownerId: a.userId,
    status: 'done',
    visitDate: '2026-01-08',
    dueDate: '2026-01-20',
  });
  addVisit({
    customerId: handed.id,
    ownerId: b.userId,
    status: 'planned',
    visitDate: '2026-01-25',
    dueDate: '2026-01-28',
  });
  // Overdue without any visit row: created in December, a strategic customer fell due in January.
  setDay('2025-12-05');
  addCustomer(app, { ownerId: b.userId, grade: 'strategic', name: '从未走访科技有限公司' });
  // A deleted customer's visits are nobody's figures; a regraded one counts under its current grade.
  setDay(TODAY);
  const gone = addCustomer(app, { ownerId: a.userId, grade: 'key' });
  addVisit({
    customerId: gone.id,
    ownerId: a.userId,
    status: 'done',
    visitDate: '2026-02-03',
    dueDate: '2026-02-10',
  });
  const regraded = addCustomer(app, { ownerId: a.userId, grade: 'key' });
  addVisit({
    customerId: regraded.id,
    ownerId: a.userId,
    status: 'done',
    visitDate: '2026-02-12',
    dueDate: '2026-02-10',
  });
  sqlite.transaction(() => {
    deleteRow(ctx, customers, gone.id);
    updateRow(ctx, customers, regraded.id, { grade: 'vip' });
  })();
  setDay(TODAY);
  leader = await login('zc_leader');
  for (const [i, am] of ams.entries()) am.token = await login(`zc_am${i + 1}`);
}, 120_000);

describe('visit compliance', () => {
  it('counts due, on time and late per account manager, grade and both as the definition does, for every month', async () => {
    let sawMissed = false;
    for (const month of MONTHS) {
      const cells = expected(month, null);
      const byOwner = sumBy(cells, (e) => String(e.ownerId));
      const byGrade = sumBy(cells, (e) => String(e.grade));
      const owner = await app.call('visits.compliance', { month, by: 'owner' }, leader);
      const grade = await app.call('visits.compliance', { month, by: 'grade' }, leader);
      const both = await app.call('visits.compliance', { month, by: 'ownerGrade' }, leader);
      expect(owner.month).toBe(month);
      expect(
        new Map(owner.rows.map((r) => [String(r.ownerId), { due: r.due, onTime: r.onTime, late: r.late }])),
      ).toEqual(byOwner);
      expect(
        new Map(grade.rows.map((r) => [String(r.grade), { due: r.due, onTime: r.onTime, late: r.late }])),
      ).toEqual(byGrade);
      expect(
        new Map(
          both.rows.map((r) => [
            `${r.ownerId}|${r.grade}`,
            { ownerId: r.ownerId, grade: r.grade, due: r.due, onTime: r.onTime, late: r.late },
          ]),
        ),
      ).toEqual(cells);
      for (const r of [...owner.rows, ...grade.rows, ...both.rows]) expect(r.rate).toBe(rateOf(r));
      const total = [...cells.values()].reduce(
        (t, e) => ({ due: t.due + e.due, onTime: t.onTime + e.onTime, late: t.late + e.late }),
        { due: 0, onTime: 0, late: 0 },
      );
      for (const res of [owner, grade, both]) {
        expect(res.total).toEqual({
          ownerId: null,
          ownerName: null,
          grade: null,
          ...total,
          rate: rateOf(total),
        });
      }
      expect(total.due).toBeGreaterThan(0);
      if (month < '2026-03') expect(total.onTime + total.late).toBeLessThan(total.due);
      sawMissed ||= [...cells.values()].some((e) => e.ownerId === null);
    }
    // The pool's customers are due too (only visit-less overdue ones can be ownerless).
    expect(sawMissed).toBe(true);
  });

  it('counts a customer overdue without any visit row as due and not visited, and one not yet past as not due', async () => {
    const b = ams[1]!;
    const sqlite = app.runtime.store.sqlite;
    const never = sqlite
      .prepare(
        "SELECT d.due_date AS due FROM customer_visit_due d JOIN customers c ON c.id = d.customer_id WHERE c.name = '从未走访科技有限公司'",
      )
      .get() as { due: string };
    expect(never.due).toBe('2026-01-05');
    const jan = await app.call('visits.compliance', { month: '2026-01', by: 'ownerGrade' }, b.token);
    const before = jan.rows.find((r) => r.grade === 'strategic')!;
    expect(before.due - before.onTime - before.late).toBeGreaterThanOrEqual(1);
    // A strategic customer created today falls due on 2026-04-10: not due in March, nor yet in April.
    addCustomer(app, { ownerId: b.userId, grade: 'strategic' });
    const dueOf = (today: string) =>
      sumBy(expected('2026-04', b.userId, today), () => 'all').get('all')?.due ?? 0;
    const april = await app.call('visits.compliance', { month: '2026-04', by: 'owner' }, b.token);
    expect(april.total.due).toBe(dueOf(TODAY));
    expect(april.total).toMatchObject({ onTime: 0, late: 0 });
    app.clock.ms = Date.parse('2026-04-11T02:00:00.000Z');
    const later = await app.call(
      'visits.compliance',
      { month: '2026-04', by: 'owner' },
      await login('zc_am2'),
    );
    expect(later.total.due).toBe(dueOf('2026-04-11'));
    expect(later.total.due).toBeGreaterThanOrEqual(april.total.due + 1);
    setDay(TODAY);
    b.token = await login('zc_am2');
  });

  it('credits a handed-over customer to the manager whose visit decided it, and uses the current grade', async () => {
    const [a, b] = [ams[0]!, ams[1]!];
    const jan = await app.call('visits.compliance', { month: '2026-01', by: 'ownerGrade' }, leader);
    const janA = jan.rows.find((r) => r.ownerId === a.userId && r.grade === 'strategic')!;
    expect(janA.onTime).toBeGreaterThanOrEqual(1);
    const exp = expected('2026-01', null);
    expect(exp.get(`${a.userId}|strategic`)!.onTime).toBe(janA.onTime);
    const feb = expected('2026-02', null);
    const febVip = (
      await app.call('visits.compliance', { month: '2026-02', by: 'ownerGrade' }, leader)
    ).rows.find((r) => r.ownerId === a.userId && r.grade === 'vip');
    expect(febVip?.late).toBe(feb.get(`${a.userId}|vip`)!.late);
    expect(feb.get(`${a.userId}|vip`)!.late).toBeGreaterThanOrEqual(1);
    expect(b.userId).not.toBe(a.userId);
  });

  it('shows an account manager only his own row, and a leader every manager with names', async () => {
    for (const am of ams) {
      const mine = await app.call('visits.compliance', { month: '2026-02', by: 'owner' }, am.token);
      const exp = sumBy(expected('2026-02', am.userId), () => 'all').get('all') ?? {
        due: 0,
        onTime: 0,
        late: 0,
      };
      expect(mine.rows.every((r) => r.ownerId === am.userId)).toBe(true);
      expect(mine.rows.length).toBeLessThanOrEqual(1);
      expect({ due: mine.total.due, onTime: mine.total.onTime, late: mine.total.late }).toEqual(exp);
    }
    const all = await app.call('visits.compliance', { month: '2026-02', by: 'owner' }, leader);
    expect(all.rows.filter((r) => r.ownerId !== null).map((r) => r.ownerName)).toEqual(
      [...all.rows.filter((r) => r.ownerId !== null).map((r) => r.ownerName!)].sort((x, y) =>
        x.localeCompare(y, 'zh-CN'),
      ),
    );
    expect(all.rows.find((r) => r.ownerId === ams[0]!.userId)?.ownerName).toBe('测试zc_am1');
  });

  it('answers nothing due with a null rate, and refuses the service desk and a malformed month', async () => {
    const empty = await app.call('visits.compliance', { month: '2024-01', by: 'owner' }, leader);
    expect(empty).toEqual({
      month: '2024-01',
      rows: [],
      total: { ownerId: null, ownerName: null, grade: null, due: 0, onTime: 0, late: 0, rate: null },
    });
    const desk = await app.signIn('service_desk', 'zc_desk');
    expect((await callError(app, 'visits.compliance', { month: '2026-02' }, desk.token)).code).toBe(
      'FORBIDDEN',
    );
    expect((await callError(app, 'visits.compliance', { month: '2026-13' }, leader)).code).toBe('VALIDATION');
  });
});
