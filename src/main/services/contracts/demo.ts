import type { Role } from '../../../shared/roles';
import type { Actor, ServiceContext } from '../context';
import { shanghaiToday } from '../customers/dates';
import { demoSeeders } from '../demo/seed';
import type { DemoRandom } from '../demo/random';
import { createContract, extendContract, renewContract, signContract, terminateContract } from './flow';
import { runContractReminders } from './reminders';
import { addDays } from './status';

/**
 * Demo contracts (issue #13, point 6): each account manager's first key customers get a contract in
 * every state — in force, expiring within the reminder window, renewed (with its successor), expired,
 * tacitly extended, a draft and a terminated one — played through the real services with a simulated
 * clock, so numbers, timelines and the renewal reminders are what the app itself would have written.
 */

const DAY = 86_400_000;
const PER_MANAGER = 8;

const TITLES = [
  '互联网专线接入服务合同',
  '数字电路租用合同',
  '云专线及IDC托管服务合同',
  '集团V网移动办公服务协议',
  '视频监控项目建设及维护合同',
  '政企宽带融合套餐协议',
  'SD-WAN组网服务合同',
  '5G专网建设服务合同',
];
const PAYMENT = ['按月付费，每月20日前缴清', '按季度预付', '按年一次性付清', '首付30%，验收合格后付清余款'];
const RENEWAL = ['期满前30日双方无书面异议的，自动顺延一年', '期满前60日双方协商续签', '到期自动终止，续约另行签订'];

interface Person {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  region: string;
}

/** Plays the demo contracts through the flow; runs in the demo seed's transaction. */
export function seedDemoContracts(ctx: ServiceContext, random: DemoRandom): void {
  const realNow = ctx.now().getTime();
  const managers = ctx.store.sqlite
    .prepare("SELECT id, username, display_name AS displayName, role, region FROM users WHERE role = 'account_manager' AND deleted = 0 AND active = 1 ORDER BY username")
    .all() as Person[];
  const customersOf = ctx.store.sqlite.prepare(
    `SELECT id FROM customers WHERE owner_id = ? AND deleted = 0 AND created_at <= ?
     ORDER BY is_key DESC, monthly_spend_fen DESC, name LIMIT ${PER_MANAGER}`,
  );
  // The simulated clock: each step happens `daysAgo` before the seed's now, in office hours (10:00 Shanghai).
  const at = (manager: Person, daysAgo: number): ServiceContext => {
    const day = shanghaiToday(new Date(realNow - daysAgo * DAY));
    const actor: Actor = { ...manager, sessionTokenHash: null };
    return { ...ctx, actor, now: () => new Date(Date.parse(`${day}T02:00:00Z`)) };
  };
  const dayOf = (daysAgo: number) => shanghaiToday(new Date(realNow - daysAgo * DAY));
  const terms = () => ({
    title: random.pick(TITLES),
    amountFen: random.int(5, 300) * 1_000_000,
    paymentTerms: random.pick(PAYMENT),
    renewalTerms: random.pick(RENEWAL),
    notes: '',
  });
  /** A contract signed `signedAgo` days ago for a term of `years`, its end shifted to `endIn` days from now. */
  const signed = (m: Person, customerId: string, signedAgo: number, endIn: number) => {
    const c = at(m, signedAgo);
    const start = addDays(dayOf(signedAgo), 7);
    return createContract(c, { customerId, ...terms(), signed: true, signDate: dayOf(signedAgo), startDate: start, endDate: dayOf(-endIn), ownerId: undefined });
  };

  for (const m of managers) {
    const customers = customersOf.all(m.id, new Date(realNow - 1200 * DAY).toISOString()) as { id: string }[];
    customers.forEach(({ id }, i) => {
      switch (i % PER_MANAGER) {
        case 0: // in force for two more years
          signed(m, id, random.int(120, 300), random.int(400, 900));
          break;
        case 1: // expiring within the reminder window
        case 4:
          signed(m, id, random.int(700, 1000), random.int(5, 55));
          break;
        case 2: {
          // renewed: the old term ran out last quarter; the successor runs two more years
          const old = signed(m, id, random.int(1000, 1090), -random.int(60, 90));
          const renewedAgo = random.int(95, 120);
          renewContract(at(m, renewedAgo), {
            id: old.id,
            amountFen: Math.round(old.amountFen * 1.1),
            signDate: dayOf(renewedAgo),
            startDate: addDays(old.endDate!, 1),
            endDate: dayOf(-random.int(500, 700)),
            notes: '',
          });
          break;
        }
        case 3: // expired, not renewed yet
          signed(m, id, random.int(800, 1000), -random.int(10, 150));
          break;
        case 5: {
          // tacitly extended by a year after its first end passed
          const k = signed(m, id, random.int(700, 760), -random.int(20, 40));
          extendContract(at(m, 15), { id: k.id, endDate: addDays(k.endDate!, 365), note: '客户无异议，按合同约定自动顺延一年' });
          break;
        }
        case 6: {
          // a draft under negotiation, signed soon or still open
          const c = at(m, random.int(3, 20));
          const draft = createContract(c, { customerId: id, ...terms(), signed: false, signDate: null, startDate: null, endDate: null, ownerId: undefined });
          if (random.chance(0.4)) signContract(at(m, 1), { id: draft.id, signDate: dayOf(1), startDate: dayOf(-7), endDate: dayOf(-(7 + 3 * 365)) });
          break;
        }
        case 7: {
          const k = signed(m, id, random.int(300, 500), random.int(300, 600));
          terminateContract(at(m, random.int(30, 90)), { id: k.id, reason: '客户业务调整，双方协商一致提前解除' });
          break;
        }
      }
    });
  }
  // The reminders the background pass would have sent by now (owner, customer owner, leaders).
  runContractReminders({ ...ctx, actor: null });
}

demoSeeders.push((ctx, random) => seedDemoContracts(ctx, random));
