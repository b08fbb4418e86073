import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBackgroundJobsOnce } from '../../src/main/jobs';
import { orderScope } from '../../src/main/services/orders/scope';
import { queueDepartment, viewSql } from '../../src/main/services/orders/queue';
import { ORDER_QUEUE_VIEWS } from '../../src/shared/contract/orders';
import { local } from './tickets-fixtures';
import { openInstall, ordersWorld, passStage, type OrdersWorld } from './orders-fixtures';

let w: OrdersWorld;

beforeEach(async () => {
  w = await ordersWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

/** The default templates with the 新装 first stage's limit changed. */
async function withInstallFirstLimit(minutes: number) {
  const config = await w.app.call('orders.config.get', {}, w.leader.token);
  return w.app.call(
    'orders.config.save',
    {
      businessTypes: config.businessTypes.map((b) => ({
        key: b.key,
        name: b.name,
        active: b.active,
        stages: b.template.stages.map((s, i) => (b.key === 'install' && i === 0 ? { ...s, limitMinutes: minutes } : s)),
      })),
      returnReasons: config.returnReasons,
    },
    w.leader.token,
  );
}

function notified(userId: string, kind: string): number {
  return (w.app.runtime.store.sqlite.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = ?').get(userId, kind) as { n: number }).n;
}

describe('stage clocks', () => {
  it('agree with the red channel\'s calendar over a 调休 weekend', async () => {
    await withInstallFirstLimit(1350);
    const desk = await w.app.signIn('service_desk');
    // Friday 2026-02-27 16:30 Shanghai; Saturday 02-28 is a 春节补班 working day, Sunday is off.
    w.app.clock.ms = Date.parse('2026-02-27T08:30:00.000Z');
    const order = await openInstall(w);
    const ticket = await w.app.call('tickets.create', { kind: 'fault', customerId: w.customer.id, title: '网速慢', impact: 'minor' }, desk.token);
    expect(ticket.policyName).toBe('P3 中'); // resolution in 1350 business minutes on the office calendar
    expect(order.calendarName).toBe(ticket.calendarName);
    expect(order.stageDueAt).toBe(ticket.clocks[1]!.dueAt);
    // Fri 60 + Sat (补班) 450 + Mon 450 + Tue 390 minutes.
    expect(local(order.stageDueAt)).toBe('2026-03-03 16:30');
  });

  it('gives a changed template to new orders only; a running order keeps the version it started with', async () => {
    const before = await openInstall(w);
    const saved = await withInstallFirstLimit(900);
    expect(saved.businessTypes.find((b) => b.key === 'install')!.template.version).toBe(2);
    expect(saved.businessTypes.find((b) => b.key === 'change')!.template.version).toBe(1);
    const after = await openInstall(w);
    expect(after.templateVersion).toBe(2);
    expect(after.stages[0]!.limitMinutes).toBe(900);
    const running = await w.app.call('orders.get', { id: before.id }, w.manager.token);
    expect(running.templateVersion).toBe(1);
    expect(running.stages[0]!.limitMinutes).toBe(450);
    expect(running.stageDueAt).toBe(before.stageDueAt);
  });
});

describe('escalation', () => {
  it('tells the department at the warning and its leader at the breach, once each', async () => {
    let o = await openInstall(w);
    o = await passStage(w, o);
    expect(o.currentDept).toBe('客户响应中心');
    const leader = await w.app.signIn('leader');
    w.app.runtime.store.sqlite.prepare("UPDATE users SET department = '客户响应中心' WHERE id = ?").run(leader.userId);

    w.app.clock.ms = Date.parse(o.stageWarnAt!) + 60_000;
    expect(runBackgroundJobsOnce(w.app.runtime)).toBeDefined();
    runBackgroundJobsOnce(w.app.runtime);
    expect(notified(w.centre.userId, 'sla_warning')).toBe(1);
    expect(notified(leader.userId, 'sla_warning')).toBe(0);

    w.app.clock.ms = Date.parse(o.stageDueAt!) + 60_000;
    runBackgroundJobsOnce(w.app.runtime);
    runBackgroundJobsOnce(w.app.runtime);
    expect(notified(leader.userId, 'sla_breach')).toBe(1);
    // The other department's leader is not bothered.
    expect(notified(w.leader.userId, 'sla_breach')).toBe(0);
    const events = (w.app.runtime.store.sqlite.prepare("SELECT kind FROM green_events WHERE entity_id = ? AND kind LIKE 'sla_%'").all(o.id) as { kind: string }[]).map((e) => e.kind);
    expect(events).toEqual(['sla_warning', 'sla_breach']);
    const row = w.app.runtime.store.sqlite.prepare('SELECT breach_count AS n FROM work_orders WHERE id = ?').get(o.id) as { n: number };
    expect(row.n).toBe(1);
  });
});

describe('queues', () => {
  it('show each order where it waits: the department, the owner, about to breach, breached, returned', async () => {
    let o = await openInstall(w);
    o = await passStage(w, o);
    const dept = await w.app.call('orders.queue', { view: 'department' }, w.centre.token);
    expect(dept.department).toBe('客户响应中心');
    expect(dept.rows.map((r) => [r.number, r.currentStageName, r.slaState])).toEqual([[o.number, '业务受理', 'ok']]);
    expect((await w.app.call('orders.queue', { view: 'department' }, w.network.token)).total).toBe(0);
    const mine = await w.app.call('orders.queue', { view: 'mine' }, w.manager.token);
    expect(mine.rows[0]!.stageSince).toBe(o.stages[1]!.attempts[0]!.enteredAt);
    expect(mine.rows[0]!.currentDept).toBe('客户响应中心');

    w.app.clock.ms = Date.parse(o.stageWarnAt!) + 60_000;
    // Hours later: a colleague of the centre signs in (the first session idled out).
    const centre = await w.app.signIn('staff');
    w.app.runtime.store.sqlite.prepare("UPDATE users SET department = '客户响应中心' WHERE id = ?").run(centre.userId);
    expect(await w.app.call('orders.queue.counts', {}, centre.token)).toEqual({ department: 1, mine: 0, warning: 1, breached: 0, returned: 0 });
    w.app.clock.ms = Date.parse(o.stageDueAt!) + 60_000;
    const breached = await w.app.call('orders.queue', { view: 'breached' }, centre.token);
    expect(breached.rows.map((r) => r.slaState)).toEqual(['breached']);
    expect(breached.rows[0]!.remainingMinutes!).toBeLessThan(0);
  });

  it('read each view through a partial index in due order, never sorting the matches (ties on the due time aside)', async () => {
    const actor = { id: w.manager.userId, username: 'm', displayName: 'm', role: 'account_manager' as const, region: '', sessionTokenHash: null };
    const contexts = [
      { ...w.app.ctx(), actor },
      { ...w.app.ctx(), actor: { ...actor, id: w.leader.userId, role: 'leader' as const } },
      { ...w.app.ctx(), actor: { ...actor, id: w.engineer.userId, role: 'staff' as const } },
    ];
    for (const c of contexts) {
      const scope = orderScope(c);
      for (const view of ORDER_QUEUE_VIEWS) {
        const v = viewSql(view, scope, '2026-03-02T00:00:00.000Z', queueDepartment(scope, view, undefined));
        const plan = (w.app.runtime.store.sqlite
          .prepare(`EXPLAIN QUERY PLAN SELECT o.rowid FROM ${v.from ?? 'work_orders o'} WHERE ${v.where} ORDER BY ${v.orderBy ?? 'o.due_sort, o.rowid'} LIMIT 50`)
          .all(...v.params) as { detail: string }[]).map((p) => p.detail).join(' | ');
        expect(plan, `${c.actor.role} ${view}: ${plan}`).toMatch(/work_orders_open_|order_stages_open_holder_due/);
        expect(plan, `${c.actor.role} ${view}: ${plan}`).not.toMatch(/TEMP B-TREE FOR ORDER BY|SCAN o\b(?! USING)/);
      }
    }
  });
});
