import type { Role } from '../../../shared/roles';
import { OWNER_DEPARTMENT } from '../../../shared/contract/orders';
import { notifications } from '../../db/schema';
import { bulkUpdate } from '../bulk';
import type { Actor, ServiceContext } from '../context';
import { demoSeeders } from '../demo/seed';
import type { DemoRandom } from '../demo/random';
import { addBusinessMinutes } from '../sla';
import { orderCalendar, orderCalendarId, ordersSettings } from './config';
import { runOrderEscalation } from './escalation';
import { acceptStage, cancelOrder, completeStage, openOrder, resubmitOrder, returnStage } from './flow';
import { isActivation, planOf, type OrderRowT } from './read';
import { orderScope, type OrderScope } from './scope';

/**
 * Demo work orders (issue #13): a year of orders played through the real flow with a simulated clock,
 * so numbers, stage attempts, due times, returns, timelines, notifications and service instances are
 * what the app itself would have produced. Orders of the last days stay open at every stage.
 */

const DAY = 86_400_000;

interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  region: string;
  department: string;
}

const PRODUCTS: Record<string, { product: string; bandwidth: string; feeFen: number }[]> = {
  install: [
    { product: '互联网专线', bandwidth: '100M', feeFen: 380_000 },
    { product: '互联网专线', bandwidth: '500M', feeFen: 1_200_000 },
    { product: '数字电路专线', bandwidth: '10M', feeFen: 260_000 },
    { product: '云专线', bandwidth: '200M', feeFen: 650_000 },
    { product: '5G 专网', bandwidth: '1G', feeFen: 2_000_000 },
    { product: '固话中继', bandwidth: '30B+D', feeFen: 150_000 },
  ],
  upgrade: [
    { product: '互联网专线', bandwidth: '1G', feeFen: 2_500_000 },
    { product: '云专线', bandwidth: '500M', feeFen: 1_100_000 },
  ],
  relocate: [{ product: '互联网专线', bandwidth: '200M', feeFen: 680_000 }],
  change: [{ product: '固话中继', bandwidth: '60B+D', feeFen: 280_000 }],
  terminate: [{ product: '数字电路专线', bandwidth: '2M', feeFen: 0 }],
};

const RESULTS: Record<string, string[]> = {
  requirement: ['已与客户确认带宽、接入方式与开通时间', '客户需求已确认，资料齐全'],
  acceptance: ['资料审核通过，已受理', '已录入系统并派发'],
  resource: ['端口、光缆资源已确认可用', '需新建光缆 300 米，资源已预占'],
  contract: ['合同已签订并归档', '按框架合同执行'],
  engineering: ['光缆敷设、设备安装完成', '施工完毕，现场测试正常'],
  activation: ['数据制作完成，业务已开通', '已开通并完成联调测试'],
  teardown: ['已停机并回收设备'],
  signoff: ['客户已在开通单上签字确认', '客户验收合格'],
};

function actorOf(u: DemoUser): Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, region: u.region, sessionTokenHash: null };
}

/** Plays a year (or `days`) of work orders through the flow; runs in the demo seed's transaction. */
export function seedDemoOrders(ctx: ServiceContext, random: DemoRandom, options: { days?: number } = {}): void {
  const people = ctx.store.sqlite
    .prepare('SELECT id, username, display_name AS displayName, role, region, department FROM users WHERE deleted = 0 AND active = 1 ORDER BY username')
    .all() as DemoUser[];
  const byId = new Map(people.map((u) => [u.id, u]));
  const workersOf = (dept: string) => people.filter((u) => u.department === dept && (u.role === 'staff' || u.role === 'service_desk'));
  const leaders = people.filter((u) => u.role === 'leader');
  const customers = ctx.store.sqlite
    .prepare(
      `SELECT id, owner_id AS ownerId, address, created_at AS createdAt FROM customers
       WHERE deleted = 0 AND owner_id IS NOT NULL ORDER BY is_key DESC, monthly_spend_fen DESC LIMIT 400`,
    )
    .all() as { id: string; ownerId: string; address: string; createdAt: string }[];
  if (customers.length === 0 || leaders.length === 0) return;

  const realNow = ctx.now().getTime();
  let simNow = realNow;
  const at = (u: DemoUser): ServiceContext => ({ ...ctx, now: () => new Date(simNow), actor: actorOf(u) });
  const scopes = new Map<string, OrderScope>();
  const scopeOf = (c: ServiceContext) => {
    let scope = scopes.get(c.actor!.id);
    if (!scope) scopes.set(c.actor!.id, (scope = orderScope(c)));
    return scope;
  };
  const act = <T>(u: DemoUser, run: (c: ServiceContext, s: OrderScope) => T): T => {
    const c = at(u);
    return run(c, scopeOf(c));
  };
  const cal = orderCalendar(ctx, orderCalendarId(ctx)).compiled;
  const after = (from: number, minutes: number) => addBusinessMinutes(cal, from, minutes);
  const types = ordersSettings(ctx).businessTypes.filter((b) => b.active);
  let serviceSeq = 0;

  const start = realNow - (options.days ?? 365) * DAY;
  let t = start;
  while (t < realNow) {
    // About one order per working day; the last fortnight is busier so every stage holds open orders.
    const recent = t > realNow - 14 * DAY;
    t = after(t, recent ? random.int(60, 200) : random.int(300, 900));
    if (t >= realNow) break;
    simNow = t;
    const when = new Date(t).toISOString();
    const customer = customers[Math.floor(customers.length * random.next() ** 1.6)]!;
    if (customer.createdAt > when) continue;
    const owner = byId.get(customer.ownerId);
    if (!owner || owner.role !== 'account_manager') continue;
    const r = random.next();
    const type = r < 0.5 ? types[0]! : r < 0.72 ? (types[1] ?? types[0]!) : r < 0.84 ? (types[2] ?? types[0]!) : r < 0.94 ? (types[3] ?? types[0]!) : (types[4] ?? types[0]!);
    const product = random.pick(PRODUCTS[type.key] ?? PRODUCTS.install!);
    const order = act(owner, (c, s) =>
      openOrder(c, s, {
        customerId: customer.id,
        businessType: type.key,
        products: [{ product: `${product.product} ${product.bandwidth}`, quantity: random.chance(0.85) ? 1 : random.int(2, 4), note: '' }],
        siteAddress: customer.address,
        expectedDate: new Date(t + random.int(15, 40) * DAY + 8 * 3_600_000).toISOString().slice(0, 10),
        contractId: null,
        visitId: null,
        notes: random.pick(['客户新建分支机构', '客户业务扩展需要', '按客户来函办理', '']),
      }),
    );
    play(order, owner, product, recent);
  }

  /** Works an order stage by stage; a step that would fall after the real now is not taken. */
  function play(first: OrderRowT, owner: DemoUser, product: { product: string; bandwidth: string; feeFen: number }, recent: boolean) {
    let o = first;
    let returned = false;
    const cancel = random.chance(0.03);
    const step = (minutes: number, run: () => OrderRowT): boolean => {
      const next = after(simNow, Math.max(1, Math.round(minutes)));
      if (next >= realNow) return false;
      simNow = next;
      o = run();
      return true;
    };
    for (let guard = 0; guard < 20 && o.isOpen === 1; guard++) {
      if (o.status === 'returned') {
        if (!step(random.int(60, 600), () => act(owner, (c, s) => resubmitOrder(c, s, { id: o.id, note: '已与客户核实并更正资料', resume: 'returned' })))) return;
        continue;
      }
      const plan = planOf(o)[o.currentSeq!]!;
      const worker = plan.department === OWNER_DEPARTMENT ? owner : pickWorker(plan.department);
      if (cancel && o.currentSeq! >= 2) {
        step(random.int(30, 300), () => act(owner, (c, s) => cancelOrder(c, s, { id: o.id, reason: '客户取消需求' })));
        return;
      }
      if (plan.department !== OWNER_DEPARTMENT && !step(random.int(5, 90), () => act(worker, (c, s) => acceptStage(c, s, o.currentStageId!)))) return;
      const late = random.chance(0.07);
      const work = plan.limitMinutes * (late ? 1.05 + random.next() * 0.8 : 0.15 + random.next() * 0.7);
      // 异常返单 now and then, at the stages where it happens in practice.
      if (!returned && (plan.key === 'engineering' || plan.key === 'resource') && random.chance(recent ? 0.3 : 0.1)) {
        returned = true;
        const toOwner = plan.key === 'engineering';
        const reasonCode = toOwner ? random.pick(['wrong_address', 'not_ready', 'incomplete_info']) : 'no_resource';
        if (!step(work * 0.6, () =>
          act(worker, (c, s) =>
            returnStage(c, s, {
              stageId: o.currentStageId!,
              toAccountManager: toOwner || undefined,
              toSeq: toOwner ? undefined : Math.max(0, o.currentSeq! - 1),
              reasonCode,
              note: toOwner ? '现场核实与工单信息不符，请客户经理核实后重新提交' : '端口资源不足，需重新确认接入方案',
            }),
          ),
        )) return;
        continue;
      }
      const services = isActivation(plan.key)
        ? [{
            product: product.product,
            serviceNo: `ZX-0471-${String(70000 + ++serviceSeq)}`,
            bandwidth: product.bandwidth,
            address: o.siteAddress,
            monthlyFeeFen: product.feeFen,
            startDate: new Date(simNow + 8 * 3_600_000).toISOString().slice(0, 10),
          }]
        : undefined;
      const result = random.pick(RESULTS[plan.key] ?? ['已处理']);
      if (!step(work, () => act(worker, (c, s) => completeStage(c, s, { stageId: o.currentStageId!, result, services })))) return;
    }
  }

  function pickWorker(dept: string): DemoUser {
    const staff = workersOf(dept);
    if (staff.length) return random.pick(staff);
    return leaders.find((l) => l.department === dept) ?? leaders[0]!;
  }

  // What is late now has been escalated by the app's minute job, as it would have been.
  simNow = realNow;
  runOrderEscalation({ ...ctx, actor: null });
  // Order notifications older than a week were read long ago (as the tickets' seeder does for its own).
  const weekAgo = new Date(realNow - 7 * DAY).toISOString();
  const old = ctx.store.sqlite
    .prepare("SELECT id FROM notifications WHERE created_at < ? AND read_at IS NULL AND message_key LIKE 'orders.%'")
    .all(weekAgo) as { id: string }[];
  bulkUpdate(ctx, notifications, old.map((n) => ({ id: n.id, patch: { readAt: weekAgo } })), { summary: { demo: true } });
}

demoSeeders.push((ctx, random) => seedDemoOrders(ctx, random));
