import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBackgroundJobsOnce } from '../../src/main/jobs';
import { callError } from './tickets-fixtures';
import { advance, openInstall, ordersWorld, passStage, type Order, type OrdersWorld } from './orders-fixtures';

let w: OrdersWorld;

beforeEach(async () => {
  w = await ordersWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

async function toStage(name: string): Promise<Order> {
  let o = await openInstall(w);
  while (o.currentStageName !== name) o = await passStage(w, o);
  return o;
}

describe('异常返单', () => {
  it('returns from 工程实施 with 地址错误; the fixed order passes, each attempt keeps its own times and the first breach stays counted', async () => {
    let o = await toStage('工程实施');
    o = await w.app.call('orders.stage.accept', { stageId: o.currentStageId! }, w.engineer.token);
    expect(o.currentHolderName).toContain('staff');
    // Attempt 1 runs past its limit (2250 business minutes = 5 office days) before the site turns out wrong.
    await advance(w, 8 * 24 * 60);
    runBackgroundJobsOnce(w.app.runtime);
    o = await w.app.call('orders.get', { id: o.id }, w.engineer.token);
    expect(o.slaState).toBe('breached');
    expect(o.breachCount).toBe(1);
    o = await w.app.call(
      'orders.stage.return',
      { stageId: o.currentStageId!, toAccountManager: true, reasonCode: 'wrong_address', note: '现场门牌号不存在' },
      w.engineer.token,
    );
    // The engineer may still see the order he worked on, but no longer act on it.
    expect(o.status).toBe('returned');
    expect(o.currentStageId).toBeNull();
    expect(o.actions).toEqual(['attach']);

    const mine = await w.app.call('orders.queue', { view: 'returned' }, w.manager.token);
    expect(mine.rows.map((r) => r.id)).toEqual([o.id]);
    const notes = await w.app.call('notifications.list', { unreadOnly: true }, w.manager.token);
    expect(notes.rows.find((n) => n.kind === 'order_returned')?.message).toContain('地址错误');

    o = await w.app.call('orders.get', { id: o.id }, w.manager.token);
    expect(o.returnedFromSeq).toBe(4);
    expect(o.actions).toContain('resubmit');
    await advance(w, 30);
    o = await w.app.call('orders.resubmit', { id: o.id, note: '已与客户核实新地址', siteAddress: '呼和浩特市新城区新华大街 11 号' }, w.manager.token);
    expect(o.status).toBe('in_progress');
    expect(o.currentStageName).toBe('工程实施');
    expect(o.siteAddress).toBe('呼和浩特市新城区新华大街 11 号');
    o = await passStage(w, o, 30);
    expect(o.currentStageName).toBe('业务开通');

    const engineering = o.stages[4]!;
    expect(engineering.returns).toBe(1);
    expect(engineering.attempts.map((a) => [a.attempt, a.status, a.slaState])).toEqual([
      [1, 'returned', 'missed'],
      [2, 'done', 'met'],
    ]);
    const [first, second] = engineering.attempts;
    expect(first!.returnReasonName).toBe('地址错误');
    expect(first!.returnToSeq).toBe(-1);
    expect(first!.businessMinutes).toBeGreaterThan(2250);
    expect(second!.enteredAt > first!.completedAt!).toBe(true);
    expect(second!.businessMinutes).toBe(30); // Tuesday 11:20 → 11:50, before the lunch break
    // Redoing the stage on time does not wash out the first attempt's breach.
    expect(o.breachCount).toBe(1);
    expect(o.returnCount).toBe(1);
    expect(o.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['sla_breach', 'returned', 'resubmitted']));
    expect(o.events.find((e) => e.kind === 'returned')!.title).toBe('异常返单：从“工程实施”退回“客户经理”，原因：地址错误');
  });

  it('counts a breach once when the late attempt is returned before the escalation pass saw it', async () => {
    let o = await toStage('工程实施');
    await advance(w, 8 * 24 * 60);
    o = await w.app.call('orders.stage.return', { stageId: o.currentStageId!, toSeq: 2, reasonCode: 'no_resource', note: '端口不足' }, w.engineer.token);
    expect(o.breachCount).toBe(1);
    runBackgroundJobsOnce(w.app.runtime);
    o = await w.app.call('orders.get', { id: o.id }, w.manager.token);
    expect(o.breachCount).toBe(1);
  });

  it('returns to an earlier stage as a new attempt there, and the order then passes the stages again', async () => {
    let o = await toStage('业务开通');
    o = await w.app.call('orders.stage.return', { stageId: o.currentStageId!, toSeq: 2, reasonCode: 'no_resource', note: '端口已被占用' }, w.network.token);
    expect(o.status).toBe('in_progress');
    expect(o.currentStageName).toBe('资源确认');
    expect(o.stages[2]!.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(o.stages[5]!.state).toBe('returned');
    for (const name of ['合同签订', '工程实施', '业务开通']) {
      o = await passStage(w, o);
      expect(o.currentStageName).toBe(name);
    }
    expect(o.stages[3]!.attempts).toHaveLength(2);
    expect(o.returnCount).toBe(1);
  });

  it('refuses a return to a later stage or with an unknown reason', async () => {
    const o = await toStage('资源确认');
    const later = await callError(w.app, 'orders.stage.return', { stageId: o.currentStageId, toSeq: 4, reasonCode: 'no_resource' }, w.network.token);
    expect(later.code).toBe('VALIDATION');
    expect(later.message).toContain('资源确认');
    const both = await callError(w.app, 'orders.stage.return', { stageId: o.currentStageId, reasonCode: 'no_resource' }, w.network.token);
    expect(both.message).toContain('退回客户经理');
    const reason = await callError(w.app, 'orders.stage.return', { stageId: o.currentStageId, toSeq: 0, reasonCode: 'bored' }, w.network.token);
    expect(reason.message).toContain('返单原因');
  });
});
