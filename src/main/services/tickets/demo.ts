import { and, eq, lt } from 'drizzle-orm';
import type { Role } from '../../../shared/roles';
import type { TicketImpact, TicketKind } from '../../../shared/contract/ticket-common';
import { notifications, ticketCategories } from '../../db/schema';
import { bulkUpdate } from '../bulk';
import type { Actor, ServiceContext } from '../context';
import { demoSeeders } from '../demo/seed';
import type { DemoRandom } from '../demo/random';
import { addBusinessMinutes, compileCalendar, CN_2026_HOLIDAYS_ICS, officeCalendar, parseHolidayIcs } from '../sla';
import { ensureTicketDefaults } from './config';
import { applyTransition, openTicket } from './flow';
import { ticketScope, type TicketScope } from './scope';

/**
 * Demo tickets (issue #4, point 7): a year of faults and complaints played through the real flow with
 * a simulated clock, so numbers, due times, timelines, notifications and KPIs are what the app itself
 * would have produced. Tickets of the last days stay open at every stage, filling the queue views.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Category {
  id: string;
  name: string;
  kind: TicketKind | null;
}

const TITLES: Record<string, string[]> = {
  线路中断: ['专线中断，业务全部无法访问', '光缆被挖断，总部与分支互联中断', '专线闪断频繁'],
  '网速慢/丢包': ['互联网专线网速慢', '视频会议卡顿丢包严重', '晚高峰延迟高'],
  设备故障: ['光猫/路由器故障灯常亮', '机房交换机端口故障', '终端设备无法上电'],
  '语音/号码故障': ['总机号码无法呼入', '固话无拨号音', '中继线部分通道不可用'],
  割接影响: ['夜间割接后业务未恢复', '割接未提前通知造成中断'],
  计费争议: ['本月账单金额异常偏高', '已退订业务仍在计费', '优惠未按合同执行'],
  服务态度: ['装维人员服务态度差', '客服热线多次转接无人处理'],
  装机开通超时: ['新装专线超过承诺时限未开通', '扩容申请迟迟未办理'],
  故障处理不满意: ['同一故障反复发生，处理不彻底', '故障处理超时未给说法'],
  宣传不实: ['实际带宽与宣传不符'],
  其他: ['咨询业务办理进度'],
};

const CAUSES: Record<string, { cause: string; dept: string; ourFault: boolean }[]> = {
  fault: [
    { cause: '光缆外力破坏', dept: '网络运维部', ourFault: false },
    { cause: '光模块老化', dept: '网络运维部', ourFault: true },
    { cause: '客户端设备配置错误', dept: '网络运维部', ourFault: false },
    { cause: '局端设备板卡故障', dept: '网络运维部', ourFault: true },
    { cause: '割接方案疏漏', dept: '工程建设部', ourFault: true },
  ],
  complaint: [
    { cause: '计费数据错误', dept: '计费账务中心', ourFault: true },
    { cause: '客户对资费理解有误', dept: '计费账务中心', ourFault: false },
    { cause: '装维人员服务不规范', dept: '客户响应中心', ourFault: true },
    { cause: '施工资源不足延误开通', dept: '工程建设部', ourFault: true },
  ],
};

/** Department a category goes to and its handling staff. */
function deptFor(category: string, kind: TicketKind): string {
  if (category === '计费争议' || category === '宣传不实') return '计费账务中心';
  if (category === '装机开通超时' || category === '割接影响') return '工程建设部';
  if (category === '服务态度') return '客户响应中心';
  return kind === 'fault' ? '网络运维部' : '客户响应中心';
}

function actorOf(row: { id: string; username: string; displayName: string; role: Role; region: string }): Actor {
  return { ...row, sessionTokenHash: null };
}

/** Plays a year (or `days`) of tickets through the flow; runs in the demo seed's transaction. */
export function seedDemoTickets(ctx: ServiceContext, random: DemoRandom, options: { days?: number } = {}): void {
  const users = ctx.store.sqlite
    .prepare('SELECT id, username, display_name AS displayName, role, region, department FROM users WHERE deleted = 0 AND active = 1 ORDER BY username')
    .all() as { id: string; username: string; displayName: string; role: Role; region: string; department: string }[];
  const desk = users.filter((u) => u.role === 'service_desk');
  const staffOf = (dept: string) => users.filter((u) => u.department === dept && (u.role === 'staff' || u.role === 'service_desk'));
  const customers = ctx.store.sqlite
    .prepare(
      `SELECT c.id, c.owner_id AS ownerId, c.is_key AS isKey, c.created_at AS createdAt,
         (SELECT s.id FROM service_instances s WHERE s.customer_id = c.id AND s.deleted = 0 LIMIT 1) AS serviceId,
         (SELECT p.id FROM customer_contacts p WHERE p.customer_id = c.id AND p.deleted = 0 ORDER BY p.is_primary DESC LIMIT 1) AS contactId
       FROM customers c WHERE c.deleted = 0 ORDER BY c.is_key DESC, c.monthly_spend_fen DESC`,
    )
    .all() as { id: string; ownerId: string | null; isKey: number; createdAt: string; serviceId: string | null; contactId: string | null }[];
  if (desk.length === 0 || customers.length === 0) return;
  // Key customers call most: draw from the first (key, highest-spend) part of the list more often.
  // A customer calls only after it was filed (demo customers are filed over the years).
  const pickCustomer = (at: number) => {
    const when = new Date(at).toISOString();
    for (let tries = 1; ; tries++) {
      const c = customers[Math.floor(customers.length * random.next() ** 2.2)]!;
      if (c.createdAt <= when || tries === 50) return c;
    }
  };

  const realNow = ctx.now().getTime();
  let simNow = realNow;
  const at = (actor: { id: string; username: string; displayName: string; role: Role; region: string }): ServiceContext => ({
    ...ctx,
    now: () => new Date(simNow),
    actor: actorOf(actor),
  });
  const scopes = new Map<string, TicketScope>();
  const scopeOf = (c: ServiceContext) => {
    const id = c.actor!.id;
    let scope = scopes.get(id);
    if (!scope) scopes.set(id, (scope = ticketScope(c)));
    return scope;
  };
  ensureTicketDefaults(at(desk[0]!));
  const categories = ctx.db.select().from(ticketCategories).where(eq(ticketCategories.deleted, false)).all() as Category[];
  const leaves = (kind: TicketKind) => categories.filter((c) => c.kind === kind && !['故障类', '投诉类'].includes(c.name));
  const schedule = parseHolidayIcs(CN_2026_HOLIDAYS_ICS);
  const office = compileCalendar(officeCalendar(schedule.holidays, schedule.workdays));
  const after = (from: number, businessMinutes: number) => addBusinessMinutes(office, from, businessMinutes);

  const start = realNow - (options.days ?? 365) * DAY;
  let t = start;
  while (t < realNow) {
    // About two tickets per working day, opened in office hours (some outages out of hours). Every step
    // goes through the write path, so the volume is what keeps first-run seeding to a few seconds.
    // The last few days are busier, so the queue has work in every view when the demo opens.
    const recent = t > realNow - 4 * DAY;
    t = after(t, recent ? random.int(15, 50) : random.int(60, 400));
    if (t >= realNow) break;
    const kind: TicketKind = random.chance(0.68) ? 'fault' : 'complaint';
    const roll = random.next();
    const impact: TicketImpact =
      kind === 'complaint'
        ? roll < 0.15 ? 'major' : roll < 0.8 ? 'minor' : 'consult'
        : roll < 0.1 ? 'outage' : roll < 0.35 ? 'major' : roll < 0.85 ? 'minor' : 'consult';
    const category = random.pick(leaves(kind));
    const customer = pickCustomer(t);
    const deskUser = random.pick(desk);
    simNow = impact === 'outage' && random.chance(0.3) ? t - random.int(60, 600) * MINUTE : t;
    const channel = customer.ownerId && random.chance(0.15) ? 'account_manager' : random.pick(['phone', 'phone', 'phone', 'walk_in', 'email'] as const);
    const opened = openTicket(at(deskUser), scopeOf(at(deskUser)), {
      kind,
      customerId: customer.id,
      contactId: customer.contactId,
      serviceInstanceId: kind === 'fault' ? customer.serviceId : null,
      channel,
      categoryId: category.id,
      title: random.pick(TITLES[category.name] ?? ['客户反映问题']),
      description: kind === 'fault' ? '客户来电报障，已初步核实。' : '客户来电投诉，情绪较激动，要求尽快答复。',
      impact,
    });
    // Some recent tickets wait untouched (unassigned, then breaching) or stall after dispatch.
    if (recent && random.chance(0.25)) continue;
    playFlow(opened.id, opened.priority, kind, category.name, recent && random.chance(0.3));
  }

  function playFlow(id: string, priority: string, kind: TicketKind, categoryName: string, stallAfterAssign: boolean) {
    const deskUser = random.pick(desk);
    const dept = deptFor(categoryName, kind);
    const handlers = staffOf(dept);
    const handler = handlers.length ? random.pick(handlers) : deskUser;
    const urgent = priority === 'P1' || priority === 'P2';
    // Each step happens some business minutes after the last; a step in the future is not taken.
    const step = (minutes: number, actor: typeof deskUser, run: (c: ServiceContext) => void): boolean => {
      const next = urgent ? simNow + minutes * MINUTE : after(simNow, minutes);
      if (next >= realNow) return false;
      simNow = next;
      run(at(actor));
      return true;
    };
    const act = (c: ServiceContext, input: Parameters<typeof applyTransition>[2]) => applyTransition(c, scopeOf(c), input);
    if (random.chance(0.02)) {
      step(random.int(5, 30), deskUser, (c) => act(c, { id, action: 'cancel', note: '客户重复报障，已合并处理' }));
      return;
    }
    const late = random.chance(0.12);
    if (!step(random.int(urgent ? 3 : 10, urgent ? 25 : 90), deskUser, (c) => act(c, { id, action: 'assign', dept, assigneeId: handler.id, note: '' }))) return;
    if (stallAfterAssign) return;
    if (!step(random.int(5, 60), handler, (c) => act(c, { id, action: 'start', note: '' }))) return;
    if (random.chance(0.18)) {
      if (!step(random.int(20, 120), handler, (c) => act(c, { id, action: 'wait', note: '等待客户配合（开通机房、提供账号或现场确认）' }))) return;
      if (!step(random.int(60, 900), handler, (c) => act(c, { id, action: 'resume', note: '客户已配合' }))) return;
    }
    let rounds = 0;
    for (;;) {
      const found = random.pick(CAUSES[kind]!);
      const work = late ? random.int(urgent ? 300 : 1500, urgent ? 900 : 3000) : random.int(urgent ? 30 : 90, urgent ? 220 : 1200);
      const resolve = (c: ServiceContext) =>
        act(c, { id, action: 'resolve', resolution: '已处理完毕，业务恢复正常', responsibleDept: found.dept, cause: found.cause, ourFault: found.ourFault, note: '' });
      if (!step(work, handler, resolve)) return;
      const replyMethod = random.pick(['phone', 'phone', 'visit', 'sms', 'wechat'] as const);
      if (!step(random.int(15, 240), deskUser, (c) => act(c, { id, action: 'reply', method: replyMethod, content: `已向客户说明：${found.cause}，并告知处理结果`, note: '' }))) return;
      const r = random.next();
      const score = rounds > 0 ? random.int(4, 5) : r < 0.5 ? 5 : r < 0.8 ? 4 : r < 0.9 ? 3 : r < 0.97 ? 2 : 1;
      const visitor = random.pick(desk);
      if (!step(random.int(240, 1800), visitor, (c) => act(c, { id, action: 'visit', satisfaction: score, comment: score <= 2 ? '问题仍未彻底解决' : '满意', note: '' }))) return;
      if (score > 2 || rounds > 0) break;
      rounds++;
      if (!step(random.int(10, 120), deskUser, (c) => act(c, { id, action: 'rework', note: '回访不满意，返工处理' }))) return;
    }
    step(random.int(30, 600), deskUser, (c) => act(c, { id, action: 'archive', note: '' }));
  }

  // Notifications older than a week were read long ago.
  const weekAgo = new Date(realNow - 7 * DAY).toISOString();
  const old = ctx.db.select({ id: notifications.id }).from(notifications).where(and(lt(notifications.createdAt, weekAgo))).all();
  bulkUpdate(
    ctx,
    notifications,
    old.map((n) => ({ id: n.id, patch: { readAt: weekAgo } })),
    { summary: { demo: true } },
  );
}

demoSeeders.push((ctx, random) => seedDemoTickets(ctx, random));
