import type { Role } from '../../../shared/roles';
import { SHANGHAI_OFFSET_MS } from '../../../shared/time';
import { customerContacts, customers, notifications } from '../../db/schema';
import { bulkUpdate } from '../bulk';
import type { Actor, ServiceContext } from '../context';
import { addDays } from '../contracts/status';
import { shanghaiToday } from '../customers/dates';
import { demoSeeders } from '../demo/seed';
import type { DemoRandom } from '../demo/random';
import { setBudget } from './budgets';
import { createEvent, inviteGuests, updateEvent, updateGuest } from './events';
import { lunarOccurrenceInYear, solarOccurrenceInYear, solarToLunar } from './lunar';
import { createRecord, decideRecord } from './records';
import { DEFAULT_CARE_SETTINGS } from '../../../shared/contract/care';

/**
 * Demo courtesy care (issue #14 point 5): founding dates for the demo customers, some key people's
 * birthdays on the lunar calendar (one of 王强's within the next days, so a new user sees an upcoming
 * birthday), budgets, a year of greetings and gifts played through the real services with a simulated
 * clock (the larger ones approved or rejected by a leader, the last ones still pending), last year-end's
 * 座谈会 with its guests and a planned 高层拜访.
 */

const DAY = 86_400_000;
/** Key people per account manager whose birthdays were celebrated (the demo keeps the year small). */
const PEOPLE_PER_MANAGER = 12;
const CUSTOMERS_PER_MANAGER = 6;

interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  region: string;
  department: string;
}

const GIFTS = ['定制茶叶礼盒', '生日蛋糕及鲜花', '高端保温杯套装', '文房四宝礼盒', '内蒙古特产礼盒（奶制品）', '定制台历及贺卡'];
const GREETINGS = ['电话祝福', '发送祝福短信', '手写贺卡', '微信视频问候'];

function actorOf(u: DemoUser): Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, region: u.region, sessionTokenHash: null };
}

/** 10:00 in Shanghai of a local day, as epoch ms. */
function morningOf(day: string): number {
  return Date.parse(`${day}T10:00:00Z`) - SHANGHAI_OFFSET_MS;
}

/** Seeds the care data; runs in the demo seed's transaction. */
export function seedDemoCare(ctx: ServiceContext, random: DemoRandom): void {
  const sql = ctx.store.sqlite;
  const people = sql
    .prepare('SELECT id, username, display_name AS displayName, role, region, department FROM users WHERE deleted = 0 AND active = 1 ORDER BY username')
    .all() as DemoUser[];
  const managers = people.filter((u) => u.role === 'account_manager');
  const leader = people.find((u) => u.username === 'gaojianguo') ?? people.find((u) => u.role === 'leader');
  if (!leader || managers.length === 0) return;
  const realNow = ctx.now().getTime();
  const today = shanghaiToday(ctx.now());
  const year = Number(today.slice(0, 4));
  let simNow = realNow;
  const as = (u: DemoUser): ServiceContext => ({ ...ctx, now: () => new Date(simNow), actor: actorOf(u) });

  // Founding dates: 1950s state enterprises to start-ups of the last years.
  const all = sql.prepare('SELECT id FROM customers WHERE deleted = 0 ORDER BY created_at, id').all() as { id: string }[];
  bulkUpdate(
    ctx,
    customers,
    all.map((c) => ({
      id: c.id,
      patch: { foundedOn: `${random.int(1952, year - 2)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` },
    })),
    { summary: { demo: true } },
  );

  // About one key person in six keeps the birthday on the lunar calendar (the month-day read as lunar).
  const withBirthday = sql
    .prepare('SELECT id FROM customer_contacts WHERE deleted = 0 AND birthday IS NOT NULL ORDER BY created_at, id')
    .all() as { id: string }[];
  bulkUpdate(
    ctx,
    customerContacts,
    withBirthday.filter(() => random.chance(0.16)).map((c) => ({ id: c.id, patch: { birthdayCalendar: 'lunar' as const } })),
    { summary: { demo: true } },
  );

  // 王强's first key person has a lunar birthday a few days ahead: the upcoming list is never empty.
  const wang = managers.find((m) => m.username === 'wangqiang') ?? managers[0]!;
  const wangContact = sql
    .prepare(
      `SELECT cc.id FROM customers c JOIN customer_contacts cc ON cc.customer_id = c.id AND cc.deleted = 0
       WHERE c.owner_id = ? AND c.deleted = 0 ORDER BY c.is_key DESC, c.monthly_spend_fen DESC, cc.is_primary DESC, cc.id LIMIT 1`,
    )
    .get(wang.id) as { id: string } | undefined;
  if (wangContact) {
    let day = addDays(today, 4);
    while (solarToLunar(day).month < 0 || solarToLunar(day).day > 28) day = addDays(day, 1);
    const l = solarToLunar(day);
    const birthday = `1975-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
    bulkUpdate(ctx, customerContacts, [{ id: wangContact.id, patch: { birthday, birthdayCalendar: 'lunar' } }], { summary: { demo: true } });
  }

  // Budgets of last year and this year.
  for (const m of managers) {
    for (const y of [year - 1, year]) {
      simNow = morningOf(`${y}-01-05`) < realNow ? morningOf(`${y}-01-05`) : realNow;
      setBudget(as(leader), { ownerId: m.id, year: y, budgetFen: random.int(6, 15) * 100_000 });
    }
  }

  // A year of courtesies: birthdays of each manager's key people, 春节 and 中秋 gifts to key customers.
  const since = addDays(today, -365);
  const pendingAfter = addDays(today, -10);
  const limit = DEFAULT_CARE_SETTINGS.approvalLimitFen;
  const plays: { day: string; owner: DemoUser; run: (c: ServiceContext) => { id: string; status: string } }[] = [];
  for (const m of managers) {
    const contacts = sql
      .prepare(
        `SELECT cc.id, cc.customer_id AS customerId, cc.birthday, cc.birthday_calendar AS calendar FROM customers c
         JOIN customer_contacts cc ON cc.customer_id = c.id AND cc.deleted = 0 AND cc.birthday IS NOT NULL
         WHERE c.owner_id = ? AND c.deleted = 0 ORDER BY c.is_key DESC, c.monthly_spend_fen DESC, cc.id LIMIT ?`,
      )
      .all(m.id, PEOPLE_PER_MANAGER) as { id: string; customerId: string; birthday: string; calendar: 'solar' | 'lunar' }[];
    for (const p of contacts) {
      const [, mm, dd] = p.birthday.split('-').map(Number) as [number, number, number];
      const dayOf = (y: number) => (p.calendar === 'lunar' ? lunarOccurrenceInYear(y, mm, dd) : solarOccurrenceInYear(y, p.birthday.slice(5)));
      const day = [year, year - 1].map(dayOf).find((d) => d >= since && d < today);
      if (!day) continue;
      const gift = random.chance(0.45);
      const costFen = gift ? random.int(15, 90) * 1_000 : 0;
      plays.push({
        day,
        owner: m,
        run: (c) =>
          createRecord(c, {
            customerId: p.customerId,
            contactId: p.id,
            occasion: 'birthday',
            holidayKey: null,
            occasionDate: day,
            kind: gift ? 'gift' : 'greeting',
            description: gift ? random.pick(GIFTS) : random.pick(GREETINGS),
            costFen,
            eventId: null,
          }),
      });
    }
    const keyCustomers = sql
      .prepare('SELECT id FROM customers WHERE owner_id = ? AND deleted = 0 ORDER BY is_key DESC, monthly_spend_fen DESC, id LIMIT ?')
      .all(m.id, CUSTOMERS_PER_MANAGER) as { id: string }[];
    for (const holiday of DEFAULT_CARE_SETTINGS.holidays.filter((h) => h.key === 'spring_festival' || h.key === 'mid_autumn')) {
      const [mm, dd] = holiday.monthDay.split('-').map(Number) as [number, number];
      const day = [year, year - 1].map((y) => lunarOccurrenceInYear(y, mm, dd)).find((d) => d >= since && d < today);
      if (!day) continue;
      for (const c of keyCustomers) {
        const costFen = random.int(20, 80) * 1_000;
        plays.push({
          day: addDays(day, -random.int(1, 5)),
          owner: m,
          run: (cx) =>
            createRecord(cx, {
              customerId: c.id,
              contactId: null,
              occasion: 'holiday',
              holidayKey: holiday.key,
              occasionDate: day,
              kind: 'gift',
              description: holiday.key === 'mid_autumn' ? '中秋月饼礼盒' : '春节慰问礼品（年货礼盒）',
              costFen,
              eventId: null,
            }),
        });
      }
    }
  }
  plays.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const p of plays) {
    simNow = morningOf(p.day) - DAY;
    const record = p.run(as(p.owner));
    // The leader decides the next day, except for the last days' requests, still waiting now.
    if (record.status === 'pending' && p.day < pendingAfter) {
      simNow += DAY + random.int(1, 6) * 3_600_000;
      const approve = random.chance(0.85);
      decideRecord(as(leader), { id: record.id, approve, note: approve ? '同意，注意控制标准' : '超出标准，请改为电话或贺卡问候' });
    }
  }
  // One courtesy above the limit waits for approval today whatever the random year held.
  const wangCustomer = sql.prepare('SELECT id FROM customers WHERE owner_id = ? AND deleted = 0 ORDER BY is_key DESC, monthly_spend_fen DESC, id LIMIT 1').get(wang.id) as
    | { id: string }
    | undefined;
  if (wangCustomer) {
    // Its 20th founding anniversary is in three days.
    const anniversary = addDays(today, 3);
    bulkUpdate(ctx, customers, [{ id: wangCustomer.id, patch: { foundedOn: `${Number(anniversary.slice(0, 4)) - 20}${anniversary.slice(4)}` } }], { summary: { demo: true } });
    simNow = realNow - 2 * 3_600_000;
    createRecord(as(wang), {
      customerId: wangCustomer.id,
      contactId: null,
      occasion: 'founding',
      holidayKey: null,
      occasionDate: anniversary,
      kind: 'flowers',
      description: '成立纪念日花篮及贺信',
      costFen: limit + 30_000,
      eventId: null,
    });
  }

  // Last year-end's forum for key customers, held, with attendance and follow-ups.
  const forumDay = `${year - 1}-12-18`;
  const guests = sql
    .prepare(
      `SELECT c.id AS customerId, (SELECT cc.id FROM customer_contacts cc WHERE cc.customer_id = c.id AND cc.deleted = 0
         ORDER BY cc.is_primary DESC, cc.id LIMIT 1) AS contactId
       FROM customers c WHERE c.deleted = 0 AND c.owner_id IS NOT NULL ORDER BY c.is_key DESC, c.monthly_spend_fen DESC, c.id LIMIT 14`,
    )
    .all() as { customerId: string; contactId: string | null }[];
  simNow = morningOf(addDays(forumDay, -30));
  const forum = createEvent(as(leader), {
    kind: 'forum',
    title: `${year - 1}年度重点客户座谈会`,
    date: forumDay,
    startTime: '14:00',
    endTime: '17:30',
    location: '呼和浩特 内蒙古饭店 三楼会议厅',
    notes: '邀请重点客户分管领导及信息化负责人，介绍5G专网、算力网络新产品，听取服务意见。',
    costFen: 1_850_000,
  });
  simNow = morningOf(addDays(forumDay, -25));
  const invited = inviteGuests(as(leader), { eventId: forum.id, guests });
  simNow = morningOf(addDays(forumDay, 1));
  invited.guestList.forEach((g, i) => {
    const status = i === 3 ? 'declined' : i % 6 === 5 ? 'absent' : 'attended';
    const followUp = status === 'attended' && i % 3 === 0 ? random.pick(['落实专线扩容需求，提供报价', '安排技术交流，介绍算力网络方案', '回访服务意见，跟进故障处理时效']) : '';
    updateGuest(as(leader), {
      id: g.id,
      status,
      followUp,
      followUpDate: followUp ? addDays(forumDay, 7 + i) : null,
      followUpDone: followUp !== '',
    });
  });
  updateEvent(as(leader), {
    id: forum.id,
    status: 'held',
    summary: '到会客户代表11家。客户普遍关注专线稳定性和故障响应时效，3家客户提出带宽扩容需求，已分配客户经理跟进。',
  });

  // A planned executive visit to 王强's customers next week.
  if (wangCustomer) {
    simNow = realNow - DAY;
    const visit = createEvent(as(leader), {
      kind: 'executive',
      title: '分公司领导走访重点客户',
      date: addDays(today, 6),
      startTime: '09:30',
      endTime: '11:30',
      location: '客户办公地',
      notes: '高建国总带队，客户经理王强陪同，沟通明年合作规划。',
      costFen: 0,
    });
    inviteGuests(as(wang), { eventId: visit.id, guests: [{ customerId: wangCustomer.id, contactId: null }] });
  }

  simNow = realNow;
  // Care notifications older than a week were read long ago.
  const weekAgo = new Date(realNow - 7 * DAY).toISOString();
  const old = sql
    .prepare("SELECT id FROM notifications WHERE created_at < ? AND read_at IS NULL AND message_key LIKE 'care.%'")
    .all(weekAgo) as { id: string }[];
  bulkUpdate(ctx, notifications, old.map((n) => ({ id: n.id, patch: { readAt: weekAgo } })), { summary: { demo: true } });
}

demoSeeders.push((ctx, random) => seedDemoCare(ctx, random));
