import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { careBudgets, careRecords, visits } from '../../src/main/db/schema';
import { insertRow } from '../../src/main/services/write';
import type { Grade } from '../../src/shared/contract/customer-common';
import { GRADES } from '../../src/shared/contract/customer-common';
import { CARE_STATUSES, VISIT_KINDS } from '../../src/shared/contract/visit-common';
import { TEST_PASSWORD, makeTestApp, type TestApp } from './helpers';
import { all, figure, runReport, table } from './reports-helpers';
import { addCustomer } from './tickets-fixtures';

/**
 * The yellow channel's reports (走访达标率, 走访量统计, 逾期未访重点客户, 关怀费用与预算): their figures
 * against SQL written here over the tables, for a leader and within an account manager's scope.
 */

let app: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const TODAY = '2026-03-10';

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
const sqlite = () => app.runtime.store.sqlite;

beforeAll(async () => {
  app = makeTestApp();
  for (const [name, role] of [
    ['yr_leader', 'leader'],
    ['yr_am1', 'account_manager'],
    ['yr_am2', 'account_manager'],
    ['yr_desk', 'service_desk'],
  ] as const) {
    ids[name] = (await app.signIn(role, name)).userId;
  }
  const next = rng(7_140_014);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const ctx = app.ctx();
  const owners = [ids.yr_am1!, ids.yr_am2!, null];
  let n = 0;
  for (let i = 0; i < 45; i++) {
    setDay(addDays('2025-02-01', Math.floor(next() * 300)));
    const ownerId = pick(owners);
    const grade: Grade = pick(GRADES);
    const c = addCustomer(app, { ownerId, grade });
    if (ownerId === null) continue;
    // A year of visits: mostly done (some entered late), some planned or dropped, due dates around them.
    for (let v = 0; v < 1 + Math.floor(next() * 4); v++) {
      const visitDate = addDays('2025-09-01', Math.floor(next() * 220));
      const status = pick(['done', 'done', 'done', 'planned', 'dropped'] as const);
      const dueDate = next() < 0.1 ? null : addDays(visitDate, Math.floor(next() * 30) - 10);
      const enteredLate = status === 'done' && next() < 0.2;
      setDay(status === 'done' ? addDays(visitDate, enteredLate ? 9 : 1) : addDays(visitDate, -15));
      sqlite().transaction(() =>
        insertRow(ctx, visits, {
          number: `YR-ZF-${++n}`,
          customerId: c.id,
          ownerId,
          source: 'recorded',
          kind: pick(VISIT_KINDS),
          status,
          visitDate,
          dueDate,
          onTime: status === 'done' ? dueDate === null || visitDate <= dueDate : null,
          lateEntry: enteredLate,
          dropReason: status === 'dropped' ? '客户改期' : '',
        }),
      )();
    }
    // Courtesies of 2025 and 2026 in every status.
    for (let r = 0; r < Math.floor(next() * 3); r++) {
      const occasionDate = addDays('2025-11-01', Math.floor(next() * 150));
      setDay(occasionDate);
      sqlite().transaction(() =>
        insertRow(ctx, careRecords, {
          customerId: c.id,
          ownerId,
          occasion: pick(['birthday', 'holiday', 'founding'] as const),
          occasionDate,
          kind: pick(['gift', 'banquet', 'greeting'] as const),
          costFen: 10_000 * (1 + Math.floor(next() * 80)),
          status: pick(CARE_STATUSES),
        }),
      )();
    }
  }
  setDay(TODAY);
  sqlite().transaction(() => {
    insertRow(ctx, careBudgets, { ownerId: ids.yr_am1!, year: 2026, budgetFen: 3_000_000 });
    insertRow(ctx, careBudgets, { ownerId: ids.yr_am2!, year: 2026, budgetFen: 500_000 });
    insertRow(ctx, careBudgets, { ownerId: ids.yr_am1!, year: 2025, budgetFen: 2_000_000 });
  })();
  for (const name of Object.keys(ids))
    tokens[name] = (await app.call('auth.login', { username: name, password: TEST_PASSWORD })).token;
}, 120_000);

/** Compliance per owner for a month, counted here with per-customer subqueries. */
function complianceSql(month: string) {
  return all<{ owner: string | null; due: number; onTime: number; late: number }>(
    sqlite(),
    `WITH inm AS (SELECT * FROM visits WHERE deleted = 0 AND substr(due_date, 1, 7) = @month),
     cust AS (
       SELECT c.id,
         CASE WHEN EXISTS (SELECT 1 FROM inm WHERE customer_id = c.id AND status = 'done' AND on_time = 1) THEN 'ok'
              WHEN EXISTS (SELECT 1 FROM inm WHERE customer_id = c.id AND status = 'done') THEN 'late'
              WHEN EXISTS (SELECT 1 FROM inm WHERE customer_id = c.id) THEN 'open'
              WHEN EXISTS (SELECT 1 FROM customer_visit_due d WHERE d.customer_id = c.id AND substr(d.due_date, 1, 7) = @month AND d.due_date < @today) THEN 'open'
         END AS state,
         coalesce((SELECT owner_id FROM inm WHERE customer_id = c.id LIMIT 1), (SELECT owner_id FROM customer_visit_due d WHERE d.customer_id = c.id)) AS owner
       FROM customers c WHERE c.deleted = 0)
     SELECT owner, count(*) AS due, sum(state = 'ok') AS onTime, sum(state = 'late') AS late FROM cust WHERE state IS NOT NULL GROUP BY owner`,
    { month, today: TODAY },
  );
}

const nameOf = (id: string | null) =>
  id === null ? '公海（未分配）' : `测试${Object.entries(ids).find(([, v]) => v === id)![0]}`;

describe('走访达标率 (visit compliance report)', () => {
  it("gives a leader every manager's due, on time, late, not visited and rate, as SQL counts them", async () => {
    for (const month of ['2025-12', '2026-01', '2026-02', '2026-03']) {
      const doc = await runReport(app, tokens.yr_leader!, 'visit-compliance', { month });
      const expected = complianceSql(month);
      const sum = (k: 'due' | 'onTime' | 'late') => expected.reduce((s, r) => s + r[k], 0);
      expect(figure(doc, '应访客户')).toBe(sum('due'));
      expect(figure(doc, '按时走访')).toBe(sum('onTime'));
      expect(figure(doc, '逾期走访')).toBe(sum('late'));
      expect(figure(doc, '达标率')).toBeCloseTo(sum('onTime') / sum('due'), 3);
      expect(sum('due')).toBeGreaterThan(0);
      const managers = table(doc, 'managers');
      expect(new Map(managers.rows.map((r) => [r.group, [r.due, r.onTime, r.late]]))).toEqual(
        new Map(expected.map((r) => [nameOf(r.owner), [r.due, r.onTime, r.late]])),
      );
      expect(managers.totals).toMatchObject({
        group: '合计',
        due: sum('due'),
        onTime: sum('onTime'),
        late: sum('late'),
        open: sum('due') - sum('onTime') - sum('late'),
      });
      const grades = table(doc, 'grades');
      expect(grades.rows.reduce((s, r) => s + (r.due as number), 0)).toBe(sum('due'));
      expect(table(doc, 'detail').rows.reduce((s, r) => s + (r.onTime as number), 0)).toBe(sum('onTime'));
      expect(doc.params).toContainEqual({ label: '统计月份', value: month });
    }
  });

  it("gives an account manager his own figures only, under his name, even when he asks for another's", async () => {
    const doc = await runReport(app, tokens.yr_am1!, 'visit-compliance', {
      month: '2026-02',
      manager: ids.yr_am2!,
    });
    const mine = complianceSql('2026-02').find((r) => r.owner === ids.yr_am1)!;
    expect(figure(doc, '应访客户')).toBe(mine.due);
    expect(table(doc, 'managers').rows.map((r) => r.group)).toEqual(['测试yr_am1']);
    expect(doc.params).toContainEqual({ label: '客户经理', value: '测试yr_am1' });
    expect(doc.scopeNote).toBe('按您的权限范围显示：测试yr_am1');
  });

  it('speaks English to an English reader', async () => {
    const doc = await app.call(
      'reports.run',
      { reportId: 'visit-compliance', params: { month: '2026-02' } },
      tokens.yr_leader!,
      'en',
    );
    expect(doc.title).toBe('Visit compliance');
    expect(doc.summary.map((s) => s.label)).toEqual(['Compliance', 'Due', 'On time', 'Late']);
    expect(table(doc, 'grades').rows.every((r) => /^[A-Za-z]+$/.test(String(r.group)))).toBe(true);
  });
});

describe('走访量统计 (visits per month by kind)', () => {
  const counts = (from: string, to: string, owner: string | null) =>
    all<{ month: string; kind: string; owner: string; n: number; late: number }>(
      sqlite(),
      `SELECT substr(visit_date, 1, 7) AS month, kind, owner_id AS owner, count(*) AS n, sum(late_entry) AS late FROM visits
       WHERE deleted = 0 AND status = 'done' AND substr(visit_date, 1, 7) BETWEEN ? AND ? AND (? IS NULL OR owner_id = ?)
       GROUP BY 1, 2, 3`,
      from,
      to,
      owner,
      owner,
    );

  it('counts done visits per month and kind, per manager, with the late entries', async () => {
    const doc = await runReport(app, tokens.yr_leader!, 'visit-volume', { from: '2025-09', to: '2026-03' });
    const rows = counts('2025-09', '2026-03', null);
    const months = table(doc, 'months');
    expect(months.rows.map((r) => r.group)).toEqual([
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    for (const r of months.rows) {
      for (const kind of VISIT_KINDS) {
        expect(r[kind]).toBe(
          rows.filter((x) => x.month === r.group && x.kind === kind).reduce((s, x) => s + x.n, 0),
        );
      }
      expect(r.lateEntries).toBe(rows.filter((x) => x.month === r.group).reduce((s, x) => s + x.late, 0));
    }
    const total = rows.reduce((s, x) => s + x.n, 0);
    expect(total).toBeGreaterThan(20);
    expect(figure(doc, '完成走访')).toBe(total);
    expect(figure(doc, '客户走访')).toBe(
      rows.filter((x) => x.kind === 'onsite').reduce((s, x) => s + x.n, 0),
    );
    const customers = all<{ n: number }>(
      sqlite(),
      "SELECT count(DISTINCT customer_id) AS n FROM visits WHERE deleted = 0 AND status = 'done' AND visit_date BETWEEN '2025-09-01' AND '2026-03-31'",
    )[0]!.n;
    expect(figure(doc, '走访客户数')).toBe(customers);
    const managers = table(doc, 'managers');
    expect(new Map(managers.rows.map((r) => [r.group, r.total]))).toEqual(
      new Map(
        [ids.yr_am1!, ids.yr_am2!].map((id) => [
          nameOf(id),
          rows.filter((x) => x.owner === id).reduce((s, x) => s + x.n, 0),
        ]),
      ),
    );
    expect(months.totals).toMatchObject({ total, group: '合计' });
  });

  it('keeps an account manager to his own visits', async () => {
    const doc = await runReport(app, tokens.yr_am2!, 'visit-volume', {
      from: '2026-01',
      to: '2026-03',
      manager: null,
    });
    const mine = counts('2026-01', '2026-03', ids.yr_am2!).reduce((s, x) => s + x.n, 0);
    expect(figure(doc, '完成走访')).toBe(mine);
    expect(table(doc, 'managers').rows.map((r) => r.group)).toEqual(['测试yr_am2']);
  });
});

describe('逾期未访重点客户 (overdue key customers)', () => {
  const overdue = (owner: string | null, grades: readonly string[] = ['strategic', 'key', 'vip']) =>
    all<{ name: string; due: string; days: number }>(
      sqlite(),
      `SELECT c.name, d.due_date AS due, CAST(julianday(?) - julianday(d.due_date) AS INTEGER) AS days
       FROM customer_visit_due d JOIN customers c ON c.id = d.customer_id
       WHERE c.deleted = 0 AND d.due_date < ? AND c.grade IN (SELECT value FROM json_each(?)) AND (? IS NULL OR c.owner_id = ?)
       ORDER BY d.due_date, d.customer_id`,
      TODAY,
      TODAY,
      JSON.stringify(grades),
      owner,
      owner,
    );

  it('lists strategic, key and VIP customers past their due date, most overdue first', async () => {
    const doc = await runReport(app, tokens.yr_leader!, 'visit-overdue-key', {});
    const expected = overdue(null);
    expect(expected.length).toBeGreaterThan(3);
    const t = table(doc, 'overdue');
    expect(t.rows.map((r) => [r.customer, r.dueDate, r.daysOverdue])).toEqual(
      expected.map((e) => [e.name, e.due, e.days]),
    );
    expect(figure(doc, '逾期未访客户')).toBe(expected.length);
    expect(figure(doc, '其中重点客户')).toBe(overdue(null, ['key']).length);
    expect(figure(doc, '最长逾期天数')).toBe(expected[0]!.days);
  });

  it('takes one grade, a limit, and an account manager only sees his own customers', async () => {
    const vip = await runReport(app, tokens.yr_leader!, 'visit-overdue-key', { grade: 'vip' });
    expect(table(vip, 'overdue').rows.map((r) => r.customer)).toEqual(
      overdue(null, ['vip']).map((e) => e.name),
    );
    const limited = await runReport(app, tokens.yr_leader!, 'visit-overdue-key', { limit: 10 });
    expect(table(limited, 'overdue').rows).toHaveLength(Math.min(10, overdue(null).length));
    const quality = await runReport(app, tokens.yr_leader!, 'visit-overdue-key', { grade: 'quality' });
    expect(table(quality, 'overdue').rows).toEqual([]);
    expect(table(quality, 'overdue').note).toBe('本报表只列战略、重点和VIP客户。');
    const mine = await runReport(app, tokens.yr_am1!, 'visit-overdue-key', {});
    expect(table(mine, 'overdue').rows.map((r) => r.customer)).toEqual(
      overdue(ids.yr_am1!).map((e) => e.name),
    );
    expect(new Set(table(mine, 'overdue').rows.map((r) => r.owner))).toEqual(new Set(['测试yr_am1']));
  });
});

describe('关怀费用与预算 (care spending vs budget)', () => {
  const spending = (year: string, owner: string) =>
    all<{ status: string; s: number }>(
      sqlite(),
      `SELECT status, sum(cost_fen) AS s FROM care_records WHERE deleted = 0 AND owner_id = ? AND substr(occasion_date, 1, 4) = ? GROUP BY status`,
      owner,
      year,
    ).reduce<Record<string, number>>((o, r) => ({ ...o, [r.status]: r.s }), {});

  it("sets each manager's spending of the year against his budget", async () => {
    const doc = await runReport(app, tokens.yr_leader!, 'care-budget', { year: '2026-03' });
    expect(doc.params[0]).toEqual({ label: '年度', value: '2026' });
    const rows = table(doc, 'managers').rows;
    for (const [id, budget] of [
      [ids.yr_am1!, 3_000_000],
      [ids.yr_am2!, 500_000],
    ] as const) {
      const s = spending('2026', id);
      const spent = (s.recorded ?? 0) + (s.approved ?? 0);
      const pending = s.pending ?? 0;
      const row = rows.find((r) => r.group === nameOf(id))!;
      expect(row).toMatchObject({ budget, spent, pending, remaining: budget - spent - pending });
      expect(row.used).toBeCloseTo((spent + pending) / budget, 6);
    }
    const totalSpent = rows.reduce((s, r) => s + (r.spent as number), 0);
    expect(totalSpent).toBeGreaterThan(0);
    expect(figure(doc, '已支出（元）')).toBe(totalSpent);
    expect(figure(doc, '年度预算（元）')).toBe(3_500_000);
    const last = await runReport(app, tokens.yr_leader!, 'care-budget', { year: '2025-07' });
    const s2025 = spending('2025', ids.yr_am1!);
    expect(table(last, 'managers').rows.find((r) => r.group === '测试yr_am1')).toMatchObject({
      budget: 2_000_000,
      spent: (s2025.recorded ?? 0) + (s2025.approved ?? 0),
    });
  });

  it('shows an account manager only his own budget', async () => {
    const doc = await runReport(app, tokens.yr_am2!, 'care-budget', {
      year: '2026-01',
      manager: ids.yr_am1!,
    });
    expect(table(doc, 'managers').rows.map((r) => r.group)).toEqual(['测试yr_am2']);
    expect(figure(doc, '年度预算（元）')).toBe(500_000);
  });
});

describe("the leader's home", () => {
  it("shows the branch's visit compliance of this month and the last, as the report counts it", async () => {
    const d = await app.call('reports.dashboard', {}, tokens.yr_leader!);
    if (d.kind !== 'leader') throw new Error(d.kind);
    const tile = d.kpis.find((k) => k.key === 'visitCompliance')!;
    const rate = (month: string) => {
      const rows = complianceSql(month);
      const due = rows.reduce((s, r) => s + r.due, 0);
      return Math.round((rows.reduce((s, r) => s + r.onTime, 0) / due) * 1000) / 1000;
    };
    expect(tile).toMatchObject({
      format: 'percent',
      period: '2026-03',
      route: '/reports/visit-compliance?month=2026-03',
    });
    expect(tile.value).toBeCloseTo(rate('2026-03'), 6);
    expect(tile.previous).toBeCloseTo(rate('2026-02'), 6);
  });
});

describe('the yellow reports in the list and in Excel', () => {
  const REPORT_IDS = ['visit-compliance', 'visit-volume', 'visit-overdue-key', 'care-budget'];

  it('are offered to leaders and account managers, not to the service desk', async () => {
    for (const who of ['yr_leader', 'yr_am1']) {
      const list = await app.call('reports.list', {}, tokens[who]!);
      expect(list.reports.map((r) => r.id)).toEqual(expect.arrayContaining(REPORT_IDS));
    }
    const desk = await app.call('reports.list', {}, tokens.yr_desk!);
    expect(desk.reports.map((r) => r.id).filter((id) => REPORT_IDS.includes(id))).toEqual([]);
  });

  it('export to .xlsx with the printed tables, in both languages', async () => {
    for (const reportId of REPORT_IDS) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const out = await app.call('reports.export', { reportId, params: {} }, tokens.yr_leader!, locale);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
        expect(book.worksheets.length).toBeGreaterThan(0);
        expect(out.fileName).toMatch(/\.xlsx$/);
      }
    }
  });
});
