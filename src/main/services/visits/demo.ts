import type { Role } from '../../../shared/roles';
import type { VisitKind } from '../../../shared/contract/visit-common';
import { notifications } from '../../db/schema';
import { bulkUpdate } from '../bulk';
import type { Actor, ServiceContext } from '../context';
import { addDays } from '../contracts/status';
import { addMonths, shanghaiToday } from '../customers/dates';
import { refreshWarnings } from '../customers/warnings';
import { demoSeeders } from '../demo/seed';
import type { DemoRandom } from '../demo/random';
import { dropVisit, recordVisit } from './flow';
import { generatePlans, monthBounds, reviewPlan, submitPlan } from './plans';
import { runVisitReminders } from './reminders';

/**
 * Demo visits (issue #14): a year of the yellow channel played through the real services with a
 * simulated clock — each month the leader generates every account manager's plan, the managers submit
 * it and the leader reviews it, most planned visits are recorded on their day (some late, a few 补录
 * days afterwards, some by phone), some are dropped, a few are missed; next steps are reminded as the
 * minute job would have. Deterministic (the seed's random source), Chinese text.
 */

const DAY = 86_400_000;

interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  region: string;
}

const PURPOSES = ['年度合作回顾', '了解专线使用情况', '推介 5G 专网方案', '商谈续约事宜', '走访了解信息化需求', '节前走访慰问', '回访故障处理满意度', '介绍云专线新产品'];
const NEEDS = ['新建分支机构需开通专线', '视频会议带宽不足，考虑扩容', '计划上云，希望提供云专线方案', '对故障响应速度有意见', '', '', ''];
const COMPETITORS = ['联通近期上门推介低价专线', '移动报价比我方低 15%', '', '', '', ''];
const OUTCOMES = ['客户认可我方服务，合作稳定', '客户有意扩容，待报方案', '已解答客户疑问', '客户同意试点新产品', '客户提出降价诉求，需内部研究', '确认续约意向'];
const NEXT_STEPS = ['报送扩容方案', '安排技术人员现场勘查', '提交续约报价', '邀请参加年度客户座谈会', '跟进故障整改情况'];
const DROP_REASONS = ['客户临时出差', '客户单位搬迁中，改下月拜访', '客户领导行程冲突', '已电话沟通，无需上门'];

function actorOf(u: DemoUser): Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, region: u.region, sessionTokenHash: null };
}

/** An instant at a Shanghai day and hour. */
function at(day: string, hour: number): number {
  return Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/** Plays a year of visit plans and records; runs in the demo seed's transaction. */
export function seedDemoVisits(ctx: ServiceContext, random: DemoRandom, options: { months?: number } = {}): void {
  const sqlite = ctx.store.sqlite;
  const people = sqlite
    .prepare("SELECT id, username, display_name AS displayName, role, region FROM users WHERE deleted = 0 AND active = 1 AND role IN ('account_manager', 'leader') ORDER BY username")
    .all() as DemoUser[];
  const byId = new Map(people.map((u) => [u.id, u]));
  const leader = people.find((u) => u.role === 'leader');
  const managers = people.filter((u) => u.role === 'account_manager');
  if (!leader || managers.length === 0) return;
  const contacts = new Map<string, string[]>();
  for (const r of sqlite.prepare('SELECT customer_id AS c, id FROM customer_contacts WHERE deleted = 0 ORDER BY id').all() as { c: string; id: string }[]) {
    const list = contacts.get(r.c);
    if (list) list.push(r.id);
    else contacts.set(r.c, [r.id]);
  }

  const realNow = ctx.now().getTime();
  const today = shanghaiToday(ctx.now());
  let simNow = realNow;
  const as = (u: DemoUser): ServiceContext => ({ ...ctx, now: () => new Date(simNow), actor: actorOf(u) });
  const thisMonth = today.slice(0, 7);

  for (let back = (options.months ?? 12) - 1; back >= 0; back--) {
    const month = addMonths(thisMonth, -back);
    const { first, last } = monthBounds(month);
    simNow = at(first, 8);
    generatePlans(as(leader), managers.map((m) => m.id), month);
    for (const m of managers) {
      simNow = at(first, 9);
      submitPlan(as(m), { month });
    }
    if (back > 0) {
      simNow = at(addDays(first, 2), 10);
      const plans = sqlite.prepare("SELECT id FROM visit_plans WHERE month = ? AND status = 'submitted' AND deleted = 0 ORDER BY id").pluck().all(month) as string[];
      for (const id of plans) reviewPlan(as(leader), { planId: id, note: random.chance(0.3) ? '重点客户请安排领导陪同走访' : '' });
    }

    const items = sqlite
      .prepare(
        `SELECT v.id, v.customer_id AS customerId, v.owner_id AS ownerId, v.visit_date AS visitDate FROM visits v
         WHERE v.status = 'planned' AND v.deleted = 0 AND v.visit_date >= ? AND v.visit_date <= ? ORDER BY v.visit_date, v.number`,
      )
      .all(first, last) as { id: string; customerId: string; ownerId: string; visitDate: string }[];
    for (const item of items) {
      const owner = byId.get(item.ownerId);
      if (!owner || item.visitDate >= today) continue;
      const r = random.next();
      if (r < 0.05) {
        // Dropped the working day before.
        simNow = at(addDays(item.visitDate, -1), 17);
        dropVisit(as(owner), { id: item.id, reason: random.pick(DROP_REASONS) });
        continue;
      }
      if (r < 0.08) continue; // missed: still planned, its day passed
      // Most on the planned day; some a few days later (late when past the due date).
      const day = r < 0.85 ? item.visitDate : addDays(item.visitDate, random.int(1, 9));
      const lateEntry = random.chance(0.04);
      const writtenOn = lateEntry ? addDays(day, random.int(8, 20)) : day;
      if (day >= today || writtenOn > today) continue;
      simNow = Math.min(at(writtenOn, lateEntry ? 16 : 18), realNow - 60_000);
      const kindRoll = random.next();
      const kind: VisitKind = kindRoll < 0.06 ? 'phone' : kindRoll < 0.16 ? 'inbound' : kindRoll < 0.2 ? 'executive' : 'onsite';
      const met = contacts.get(item.customerId) ?? [];
      const withNext = random.chance(0.3);
      recordVisit(as(owner), {
        id: item.id,
        kind,
        visitDate: day,
        startTime: `${String(random.int(9, 16)).padStart(2, '0')}:${random.pick(['00', '30'])}`,
        durationMinutes: random.pick([30, 60, 60, 90, 120]),
        participantIds: kind === 'executive' ? [leader.id] : [],
        contactIds: met.length ? [random.pick(met)] : [],
        purpose: random.pick(PURPOSES),
        needs: random.pick(NEEDS),
        competitor: random.pick(COMPETITORS),
        complaints: '',
        outcome: random.pick(OUTCOMES),
        nextStep: withNext ? random.pick(NEXT_STEPS) : '',
        nextStepDate: withNext ? addDays(day, random.int(3, 14)) : null,
      });
    }
    // The minute job's next-step reminders, as they went out during the month.
    simNow = Math.min(at(last, 20), realNow);
    runVisitReminders({ ...ctx, now: () => new Date(simNow), actor: null });
  }

  simNow = realNow;
  // Next month's plans are drafts already (the leader generates them before the month starts).
  generatePlans(as(leader), managers.map((m) => m.id), addMonths(thisMonth, 1));
  // Visit notifications older than a week were read long ago.
  const weekAgo = new Date(realNow - 7 * DAY).toISOString();
  const old = sqlite
    .prepare("SELECT id FROM notifications WHERE created_at < ? AND read_at IS NULL AND message_key LIKE 'visits.%' ORDER BY id")
    .all(weekAgo) as { id: string }[];
  bulkUpdate(ctx, notifications, old.map((n) => ({ id: n.id, patch: { readAt: weekAgo } })), { summary: { demo: true } });
  // The churn warnings as of today: the visits cleared most 走访逾期 warnings the customer seed raised.
  refreshWarnings({ ...ctx, actor: null });
}

demoSeeders.push((ctx, random) => seedDemoVisits(ctx, random));
