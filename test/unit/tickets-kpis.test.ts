import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/main/db/schema';
import { DemoRandom } from '../../src/main/services/demo/random';
import { seedDemoTickets } from '../../src/main/services/tickets/demo';
import { ticketKpis } from '../../src/main/services/tickets';
import {
  addBusinessMinutesPaused,
  businessMinutesBetweenPaused,
  compileCalendar,
  type CalendarDefinition,
  type Pause,
} from '../../src/main/services/sla';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';

/**
 * KPIs checked against figures recomputed independently: from the timeline events (not the stored
 * KPI columns) with the SLA engine, and counts with plain SQL.
 */

let app: TestApp;
let leaderToken: string;
const range = { from: '2025-09-01', to: '2026-03-02' };

interface Recomputed {
  month: string;
  kind: string;
  minutes: number | null;
  responseOnTime: boolean | null;
  resolutionOnTime: boolean | null;
  reworked: boolean;
  resolved: boolean;
  score: number | null;
}

beforeAll(async () => {
  app = makeTestApp();
  const leader = await app.signIn('leader');
  leaderToken = leader.token;
  await app.signIn('service_desk');
  const staff = await app.signIn('staff');
  app.runtime.store.db.update(users).set({ department: '网络运维部' }).where(eq(users.id, staff.userId)).run();
  const manager = await app.signIn('account_manager');
  const grades = ['strategic', 'key', 'vip', 'quality', 'normal', null] as const;
  for (let i = 0; i < 40; i++) addCustomer(app, { ownerId: manager.userId, grade: grades[i % grades.length]!, isKey: i % 4 !== 3 });
  app.runtime.store.sqlite.transaction(() => seedDemoTickets({ ...app.ctx(), method: 'demo.seed' }, new DemoRandom(7), { days: 180 }))();
}, 300_000);

function recompute(): Recomputed[] {
  const db = app.runtime.store.sqlite;
  const tickets = db
    .prepare(
      `SELECT t.id, t.kind, t.created_at AS createdAt, t.response_due_at AS responseDueAt, t.resolution_minutes AS resolutionMinutes,
         c.definition, strftime('%Y-%m', t.created_at, '+8 hours') AS month
       FROM tickets t JOIN sla_calendars c ON c.id = t.calendar_id WHERE t.status <> 'cancelled'`,
    )
    .all() as { id: string; kind: string; createdAt: string; responseDueAt: string; resolutionMinutes: number; definition: string; month: string }[];
  const events = db.prepare('SELECT kind, at, data FROM ticket_events WHERE ticket_id = ? ORDER BY at, updated_hlc');
  return tickets.map((t) => {
    const evs = events.all(t.id) as { kind: string; at: string; data: string }[];
    const cal = compileCalendar(JSON.parse(t.definition) as CalendarDefinition);
    const firstResolve = evs.find((e) => e.kind === 'resolve');
    const pauses: Pause[] = [];
    for (const e of evs) {
      if (firstResolve && e.at > firstResolve.at) break;
      if (e.kind === 'wait') pauses.push({ from: Date.parse(e.at), to: null });
      if (e.kind === 'resume') pauses[pauses.length - 1]!.to = Date.parse(e.at);
    }
    const created = Date.parse(t.createdAt);
    const response = evs.find((e) => e.kind === 'assign' || e.kind === 'start');
    const visits = evs.filter((e) => e.kind === 'visit');
    const lastVisit = visits.at(-1);
    const lastRework = evs.filter((e) => e.kind === 'rework').at(-1);
    const score = lastVisit && (!lastRework || lastVisit.at > lastRework.at) ? (JSON.parse(lastVisit.data) as { score: number }).score : null;
    return {
      month: t.month,
      kind: t.kind,
      minutes: firstResolve ? businessMinutesBetweenPaused(cal, created, Date.parse(firstResolve.at), pauses) : null,
      responseOnTime: response ? response.at <= t.responseDueAt : null,
      resolutionOnTime: firstResolve ? Date.parse(firstResolve.at) <= addBusinessMinutesPaused(cal, created, t.resolutionMinutes, pauses)! : null,
      reworked: evs.some((e) => e.kind === 'rework'),
      resolved: !!firstResolve,
      score,
    };
  });
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const rate = (xs: (boolean | null)[]) => {
  const known = xs.filter((x): x is boolean => x !== null);
  return known.length ? known.filter(Boolean).length / known.length : null;
};
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

describe('red-channel KPIs', () => {
  it('the demo year is there to measure', () => {
    const n = (app.runtime.store.sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    expect(n).toBeGreaterThan(150);
  });

  it('by month match the figures recomputed from the timelines with the SLA engine', async () => {
    const kpis = await app.call('tickets.kpis', { ...range, groupBy: 'month' }, leaderToken);
    const all = recompute();
    const keyCustomers = (app.runtime.store.sqlite.prepare('SELECT count(*) AS n FROM customers WHERE is_key = 1 AND deleted = 0').get() as { n: number }).n;
    expect(kpis.keyCustomers).toBe(keyCustomers);
    expect(kpis.rows.length).toBeGreaterThanOrEqual(6);
    for (const row of kpis.rows) {
      const month = all.filter((r) => r.month === row.key);
      const faults = month.filter((r) => r.kind === 'fault');
      const complaints = month.filter((r) => r.kind === 'complaint').length;
      const faultMinutes = faults.map((r) => r.minutes).filter((m): m is number => m !== null);
      expect(row.tickets).toBe(month.length);
      expect(row.complaints).toBe(complaints);
      expect(row.complaintRate).toBeCloseTo((complaints / keyCustomers) * 100, 2);
      expect(row.faultsResolved).toBe(faultMinutes.length);
      if (faultMinutes.length) {
        expect(row.avgFaultResolutionMinutes!).toBeCloseTo(avg(faultMinutes)!, 0);
        expect(row.medianFaultResolutionMinutes!).toBeCloseTo(median(faultMinutes)!, 0);
      }
      expect(row.responseOnTimeRate!).toBeCloseTo(rate(month.map((r) => r.responseOnTime))!, 3);
      expect(row.resolutionOnTimeRate ?? 0).toBeCloseTo(rate(month.map((r) => r.resolutionOnTime)) ?? 0, 3);
      const resolved = month.filter((r) => r.resolved);
      expect(row.reworkRate ?? 0).toBeCloseTo(resolved.length ? resolved.filter((r) => r.reworked).length / resolved.length : 0, 3);
      const scores = month.map((r) => r.score).filter((s): s is number => s !== null);
      expect(row.avgSatisfaction ?? 0).toBeCloseTo(avg(scores) ?? 0, 2);
    }
  });

  it('every grouping adds up to the same total, and grades are labelled in the caller\'s language', async () => {
    const ctx = { ...app.ctx(), locale: 'zh-CN' as const };
    const total = ticketKpis(ctx, { ...range, groupBy: 'month' }).total;
    for (const groupBy of ['category', 'department', 'grade'] as const) {
      const k = ticketKpis(ctx, { ...range, groupBy });
      expect(k.rows.reduce((s, r) => s + r.tickets, 0)).toBe(total.tickets);
      expect(k.rows.reduce((s, r) => s + r.complaints, 0)).toBe(total.complaints);
      expect(k.total.tickets).toBe(total.tickets);
    }
    const byGrade = ticketKpis(ctx, { ...range, groupBy: 'grade' });
    expect(byGrade.rows.map((r) => r.label)).toEqual(expect.arrayContaining(['战略', '重点']));
    const counted = app.runtime.store.sqlite
      .prepare("SELECT count(*) AS n FROM tickets WHERE status <> 'cancelled' AND kind = 'complaint' AND customer_grade = 'strategic'")
      .get() as { n: number };
    expect(byGrade.rows.find((r) => r.key === 'strategic')!.complaints).toBe(counted.n);
  });

  it('only leaders and administrators read KPIs', async () => {
    const desk = await app.signIn('service_desk');
    const r = await app.api.call('tickets.kpis', range, { token: desk.token });
    expect(r.ok).toBe(false);
  });
});
