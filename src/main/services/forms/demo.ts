import type { Role } from '../../../shared/roles';
import type { Actor, ServiceContext } from '../context';
import { demoSeeders } from '../demo/seed';
import type { DemoRandom } from '../demo/random';
import { addBusinessMinutes } from '../sla';
import { insertRow } from '../write';
import { leaderDeputies } from '../../db/schema';
import { shanghaiToday } from '../customers/dates';
import { formCalendar } from './config';
import { runFormEscalation } from './escalation';
import { answerForm, approveForm, confirmForm, createForm, decline, loadForm, reopenForm, routeForm, submitForm, updateForm } from './flow';

/**
 * Demo request forms (issue #13 point 5): a year of 资源确认单 and 业务联系单 played through the real
 * flow with a simulated clock — drafts by the account managers, approvals (some by a deputy, some
 * escalated after stalling), routing by the response centre, answers by the departments, confirmations
 * and a few re-opens — so numbers, clocks, timelines, notifications and the KPI columns are what the app
 * itself produces. Forms of the last days stay open at every step.
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

const RESOURCE_TOPICS: readonly (readonly [string, string])[] = [
  ['新装互联网专线资源确认', '客户新办公点需新装 {bw} 互联网专线，请确认光缆纤芯、局端端口及上联带宽资源。'],
  ['专线扩容资源确认', '客户现有专线拟由 {bw0} 扩容至 {bw}，请确认局端设备端口及上联带宽是否满足。'],
  ['数据专线（SDH）资源确认', '客户总部与分支机构间需新建 {bw} 数据专线，请确认两端接入资源与传输电路。'],
  ['移机资源确认', '客户办公地点搬迁，请确认新址光缆覆盖及端口资源，预计下月初移机。'],
  ['IDC 机柜资源确认', '客户需租用 2 个标准机柜及 {bw} 出口带宽，请确认机房空间、电力与带宽资源。'],
] as const;

const CONTACT_TOPICS: readonly (readonly [string, string])[] = [
  ['账单调整业务联系', '客户反映本月账单含已退订业务费用，请核实并出具调账意见。'],
  ['协议资费执行联系', '客户合同约定的优惠资费未在账单中体现，请核实资费配置。'],
  ['割接配合联系', '下周夜间网络割接，请提前通知客户并确认割接窗口。'],
  ['开通进度协调', '客户催问专线开通进度，请工程建设部反馈施工排期。'],
] as const;

const ANSWERS: Record<string, string[]> = {
  网络运维部: ['经核实，局端端口与上联带宽资源充足，可以开通。', '光缆纤芯不足，需新敷设约 300 米引入光缆，预计 10 个工作日。', '局端设备板卡已满，需扩容板卡后开通，约 5 个工作日。'],
  工程建设部: ['已列入本周施工计划，预计 3 个工作日内完成。', '需客户协调物业开通弱电井，协调完成后 2 个工作日施工。'],
  计费账务中心: ['已核实，次月账单冲减多收费用。', '优惠资费已重新配置，下个账期生效。'],
};

const DEPT_OF_KIND = { resource: ['网络运维部', '网络运维部', '工程建设部'], contact: ['计费账务中心', '工程建设部', '网络运维部'] } as const;

function actorOf(u: DemoUser): Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, region: u.region, sessionTokenHash: null };
}

/** Plays a year (or `days`) of request forms through the flow; runs in the demo seed's transaction. */
export function seedDemoForms(ctx: ServiceContext, random: DemoRandom, options: { days?: number } = {}): void {
  const people = ctx.store.sqlite
    .prepare('SELECT id, username, display_name AS displayName, role, region, department FROM users WHERE deleted = 0 AND active = 1 ORDER BY username')
    .all() as DemoUser[];
  const byName = (username: string) => people.find((p) => p.username === username);
  const managers = people.filter((p) => p.role === 'account_manager');
  const desk = people.filter((p) => p.role === 'service_desk');
  const ofDept = (dept: string) => people.filter((p) => p.department === dept && p.role !== 'leader');
  const leaders = people.filter((p) => p.role === 'leader');
  if (!managers.length || !desk.length || !leaders.length) return;
  const customersOf = new Map<string, string[]>();
  for (const m of managers) {
    const ids = ctx.store.sqlite
      .prepare('SELECT id FROM customers WHERE owner_id = ? AND deleted = 0 ORDER BY is_key DESC, monthly_spend_fen DESC LIMIT 40')
      .all(m.id) as { id: string }[];
    if (ids.length) customersOf.set(m.id, ids.map((r) => r.id));
  }
  const drafters = managers.filter((m) => customersOf.has(m.id));
  if (!drafters.length) return;

  const realNow = ctx.now().getTime();
  let simNow = realNow;
  const at = (u: DemoUser | null): ServiceContext => ({ ...ctx, now: () => new Date(simNow), actor: u ? actorOf(u) : null });
  const cal = formCalendar(at(desk[0]!)).compiled;
  const after = (from: number, minutes: number) => addBusinessMinutes(cal, from, minutes);
  const start = realNow - (options.days ?? 365) * DAY;

  // 高建国 was away for a week in the spring: 赵敏 approved for him (the record keeps both).
  const away = byName('gaojianguo');
  const deputy = byName('zhaomin');
  const awayFrom = shanghaiToday(new Date(realNow - 200 * DAY));
  const awayTo = shanghaiToday(new Date(realNow - 194 * DAY));
  if (away && deputy) {
    simNow = realNow - 205 * DAY;
    insertRow(at(away), leaderDeputies, { leaderId: away.id, deputyId: deputy.id, fromDate: awayFrom, toDate: awayTo, note: '外出参加省公司培训' });
  }

  let t = start;
  while (t < realNow) {
    const recent = t > realNow - 5 * DAY;
    t = after(t, recent ? random.int(40, 150) : random.int(400, 1300));
    if (t >= realNow) break;
    simNow = t;
    const drafter = random.pick(drafters);
    const kind = random.chance(0.6) ? 'resource' : 'contact';
    const topic = random.pick(kind === 'resource' ? RESOURCE_TOPICS : CONTACT_TOPICS);
    const bw = random.pick(['50M', '100M', '200M', '500M', '1000M']);
    const important = kind === 'resource' ? random.chance(0.55) : random.chance(0.2);
    const created = createForm(at(drafter), {
      kind,
      customerId: random.pick(customersOf.get(drafter.id)!),
      orderId: null,
      title: topic[0],
      content: topic[1].replace('{bw}', bw).replace('{bw0}', '20M'),
      important,
      submit: false,
    });
    play(created.id, drafter, kind, recent);
  }

  function play(id: string, drafter: DemoUser, kind: 'resource' | 'contact', recent: boolean) {
    // Each step some business minutes after the last; a step that would fall in the future is not taken.
    const step = (minutes: number, actor: DemoUser | null, run: (c: ServiceContext) => void): boolean => {
      const next = after(simNow, minutes);
      if (next >= realNow) return false;
      simNow = next;
      run(at(actor));
      return true;
    };
    if (recent && random.chance(0.15)) return; // still a draft
    if (!step(random.int(5, 60), drafter, (c) => submitForm(c, id))) return;
    let f = loadForm(ctx, id);
    if (f.status === 'pending_approval') {
      if (random.chance(0.12)) {
        // The approver is out: after the escalation time the next leader is asked.
        if (!step(random.int(250, 300), null, (c) => runFormEscalation(c))) return;
        f = loadForm(ctx, id);
      }
      // Whoever is asked when the step happens: the approver, or his deputy on the dates he is away.
      const signer = (): DemoUser => {
        const asked = people.find((p) => p.id === loadForm(ctx, id).approverId) ?? leaders[0]!;
        const date = shanghaiToday(new Date(simNow));
        return deputy && away && asked.id === away.id && date >= awayFrom && date <= awayTo ? deputy : asked;
      };
      const decide = (minutes: number, run: (c: ServiceContext) => void): boolean => {
        const next = after(simNow, minutes);
        if (next >= realNow) return false;
        simNow = next;
        run(at(signer()));
        return true;
      };
      if (recent && random.chance(0.3)) return; // waiting for approval
      if (random.chance(0.1)) {
        if (!decide(random.int(30, 300), (c) => decline(c, { id, comment: '请补充客户机房位置及联系人' }, 'sendBack'))) return;
        if (!step(random.int(30, 400), drafter, (c) => updateForm(c, { id, title: f.title, content: `${f.content}机房位于客户办公楼负一层弱电间，联系人电话已补充。`, important: true }))) return;
        if (!step(random.int(5, 30), drafter, (c) => submitForm(c, id))) return;
      }
      if (random.chance(0.04)) {
        decide(random.int(30, 300), (c) => decline(c, { id, comment: '该客户存在欠费，暂缓办理' }, 'reject'));
        return;
      }
      if (!decide(random.int(20, random.chance(0.15) ? 900 : 400), (c) => approveForm(c, { id, comment: random.pick(['同意', '同意，请抓紧办理', '同意，请响应中心优先处理']) }))) return;
    }
    if (recent && random.chance(0.2)) return; // at the centre
    const dept = random.pick(DEPT_OF_KIND[kind]);
    if (!step(random.int(5, random.chance(0.1) ? 240 : 100), random.pick(desk), (c) => routeForm(c, { id, dept, comment: '' }))) return;
    const answerers = ofDept(dept);
    if (!answerers.length || (recent && random.chance(0.3))) return; // with the department
    const late = random.chance(0.15);
    if (!step(late ? random.int(1400, 2600) : random.int(60, 1200), random.pick(answerers), (c) => answerForm(c, { id, answer: random.pick(ANSWERS[dept]!) }))) return;
    if (recent && random.chance(0.4)) return; // answered, waiting for the drafter
    if (random.chance(0.06)) {
      if (!step(random.int(30, 300), drafter, (c) => reopenForm(c, { id, reason: '答复未说明预计完成时间，请补充' }))) return;
      if (!step(random.int(60, 600), random.pick(answerers), (c) => answerForm(c, { id, answer: `${random.pick(ANSWERS[dept]!)}预计 5 个工作日内完成。` }))) return;
    }
    step(random.int(30, 700), drafter, (c) => confirmForm(c, { id, comment: '' }));
  }
}

demoSeeders.push((ctx, random) => seedDemoForms(ctx, random));
