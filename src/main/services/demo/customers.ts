import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from '../../../shared/credit-code';
import { companyNameKey } from '../../../shared/normalize';
import type { CustomerStage, CustomerType } from '../../../shared/contract/customer-common';
import {
  customerBills,
  customerContacts,
  customerCredit,
  customerOwnershipLog,
  customerProjects,
  customerResources,
  customers,
  customerStageHistory,
  serviceInstances,
} from '../../db/schema';
import { bulkInsert, bulkUpdate, bulkUuidv7 as uuidv7 } from '../bulk';
import type { ServiceContext } from '../context';
import { addMonths, shanghaiMonth } from '../customers/dates';
import { runEvaluation } from '../customers/evaluation';
import { refreshWarnings } from '../customers/warnings';
import { billCaches } from '../customers/records';
import { getCustomerSettings, keyReasons } from '../customers/settings';
import type { NewRow } from '../write';
import { DEMO_BRANCH, demoSeeders } from './seed';
import type { DemoRandom } from './random';

/**
 * Demo customers (issue #3, point 8): 3,000 customers with key people, service instances, 24 months
 * of bills, credit, projects and resources, owners spread over the demo account managers, group
 * hierarchies, a few churn signals; then one evaluation run and a warnings refresh so grades and warnings show at once.
 */

export const DEMO_CUSTOMER_COUNT = 3000;

const PLACES = ['呼和浩特', '内蒙古', '青城', '塞北', '敕勒川', '大青山', '昭君', '金川', '如意', '白塔', '托克托', '和林'];
const CORES = ['金桥', '恒达', '北辰', '草原', '华远', '瑞丰', '鸿运', '正元', '天骄', '祥泰', '宏图', '安泰', '众诚', '盛世', '万通', '嘉禾', '新源', '博远', '兴业', '德润', '广源', '聚力', '康明', '银河'];
const KINDS: { word: string; industry: string; suffix: string[] }[] = [
  { word: '乳业', industry: '乳业', suffix: ['有限公司', '股份有限公司'] },
  { word: '电力', industry: '能源', suffix: ['有限公司', '工程有限公司'] },
  { word: '煤业', industry: '能源', suffix: ['有限责任公司'] },
  { word: '物流', industry: '交通物流', suffix: ['有限公司'] },
  { word: '运输', industry: '交通物流', suffix: ['有限公司'] },
  { word: '银行', industry: '金融', suffix: ['股份有限公司分行', '支行'] },
  { word: '保险', industry: '金融', suffix: ['分公司'] },
  { word: '医院', industry: '医疗卫生', suffix: [''] },
  { word: '中学', industry: '教育', suffix: [''] },
  { word: '职业技术学院', industry: '教育', suffix: [''] },
  { word: '制造', industry: '制造业', suffix: ['有限公司'] },
  { word: '机械', industry: '制造业', suffix: ['有限公司'] },
  { word: '网络科技', industry: '互联网', suffix: ['有限公司'] },
  { word: '商贸', industry: '商贸零售', suffix: ['有限公司'] },
  { word: '超市', industry: '商贸零售', suffix: ['连锁有限公司'] },
  { word: '农牧', industry: '农牧业', suffix: ['合作社', '有限公司'] },
  { word: '文化旅游', industry: '文旅', suffix: ['有限公司'] },
  { word: '酒店', industry: '文旅', suffix: ['管理有限公司'] },
];
const GOV = ['市财政局', '市教育局', '市公安局', '区人民政府', '市卫生健康委员会', '市税务局', '市交通运输局', '市自然资源局', '武警支队', '市人民检察院', '市中级人民法院', '市住房和城乡建设局'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉宇浩凯健俊帆鑫波斌宁琳晨欣怡婷雪梅海峰建国志红'.split('');
const TITLES = ['总经理', '副总经理', '信息中心主任', '办公室主任', '财务总监', 'IT经理', '采购经理', '网络管理员', '局长', '副局长', '科长', '院长'];
const DEPTS = ['总经理办公室', '信息中心', '财务部', '采购部', '行政部', '网络部', '办公室'];
const PRODUCTS = [
  { product: '互联网专线', fee: [80_000, 2_000_000], bw: ['50M', '100M', '200M', '500M', '1000M'] },
  { product: '数字电路', fee: [50_000, 600_000], bw: ['2M', '10M', '100M'] },
  { product: 'MPLS VPN', fee: [100_000, 1_500_000], bw: ['20M', '50M', '100M'] },
  { product: '固定电话', fee: [5_000, 60_000], bw: [''] },
  { product: '云主机', fee: [30_000, 800_000], bw: [''] },
  { product: 'IDC机柜', fee: [300_000, 1_200_000], bw: ['100M', '1000M'] },
  { product: '移动集团套餐', fee: [20_000, 500_000], bw: [''] },
];
const STREETS = ['新华大街', '中山西路', '大学东街', '鄂尔多斯大街', '成吉思汗大街', '锡林郭勒南路', '如意和大街', '海拉尔东路', '呼伦贝尔北路', '兴安南路'];

function creditCode(random: DemoRandom, gov: boolean): string {
  let body = gov ? '11150100' : '91150100';
  for (let i = 0; i < 9; i++) body += random.pick(CREDIT_CODE_ALPHABET.split(''));
  return body + creditCodeCheckChar(body)!;
}

function personName(random: DemoRandom): string {
  return random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.6) ? random.pick(GIVEN) : '');
}

function mobile(random: DemoRandom): string {
  return `1${random.pick(['33', '35', '38', '39', '53', '58', '80', '86', '89'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** Adds the demo customers; runs inside the demo seed's transaction. */
export function seedDemoCustomers(ctx: ServiceContext, random: DemoRandom): void {
  const managers = ctx.store.sqlite
    .prepare(`SELECT id FROM users WHERE role = 'account_manager' AND deleted = 0 ORDER BY username`)
    .all() as { id: string }[];
  const leader = ctx.store.sqlite.prepare(`SELECT id, display_name AS name FROM users WHERE role = 'leader' ORDER BY username LIMIT 1`).get() as
    | { id: string; name: string }
    | undefined;
  const rule = getCustomerSettings(ctx);
  const lastMonth = addMonths(shanghaiMonth(ctx.now()), -1);
  const months = Array.from({ length: 24 }, (_, i) => addMonths(lastMonth, i - 23));
  const today = ctx.now().toISOString().slice(0, 10);
  const ms = ctx.now().getTime();

  const names = new Set<string>();
  const rows: NewRow<typeof customers>[] = [];
  const groupIds: string[] = [];
  const contacts: NewRow<typeof customerContacts>[] = [];
  const services: NewRow<typeof serviceInstances>[] = [];
  const bills: NewRow<typeof customerBills>[] = [];
  const credit: NewRow<typeof customerCredit>[] = [];
  const projects: NewRow<typeof customerProjects>[] = [];
  const resources: NewRow<typeof customerResources>[] = [];
  const ownership: NewRow<typeof customerOwnershipLog>[] = [];
  const stages: NewRow<typeof customerStageHistory>[] = [];
  const firstBill = new Map<string, number>();

  for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
    const roll = random.next();
    const type: CustomerType = roll < 0.1 ? 'gov' : roll < 0.14 ? 'group' : roll < 0.17 ? 'strategic' : 'enterprise';
    let name: string;
    let industry: string;
    if (type === 'gov') {
      name = `${random.pick(['呼和浩特', '包头', '乌兰察布', '鄂尔多斯'])}${random.pick(GOV)}`;
      industry = '党政军';
    } else {
      const kind = random.pick(KINDS);
      name = `${random.pick(PLACES)}${random.pick(CORES)}${kind.word}${random.pick(kind.suffix)}`;
      if (type === 'group') name = name.replace(/(有限公司|股份有限公司|有限责任公司)?$/, '集团有限公司');
      industry = kind.industry;
    }
    // Names repeat in a generated set; a branch number keeps them apart (as real branches do).
    let unique = name;
    for (let n = 2; names.has(companyNameKey(unique)); n++) unique = `${name}（第${n}分公司）`;
    names.add(companyNameKey(unique));
    const id = uuidv7(ms);
    const ownerId = random.chance(0.1) || managers.length === 0 ? null : random.pick(managers).id;
    const stage: CustomerStage = random.pick(['new', 'target', 'potential', 'intent', 'signed', 'signed', 'signed', 'signed', 'churned']);
    const parentId = type !== 'group' && groupIds.length && random.chance(0.08) ? random.pick(groupIds) : null;
    if (type === 'group') groupIds.push(id);
    const region = random.pick(DEMO_BRANCH.regions);
    // When the customer was filed: prospects within the last two years; most billed customers years
    // ago, one in seven during the two billed years (billed from then on), so every month has new
    // customers — and new key customers — as a real branch does.
    const billed = stage !== 'new' && stage !== 'target' && stage !== 'potential';
    const filedMonth = !billed || random.chance(0.15) ? random.int(0, months.length - 1) : null;
    const filedAt = (
      filedMonth === null
        ? new Date(Date.UTC(random.int(2012, Number(months[0]!.slice(0, 4)) - 1), random.int(0, 11), random.int(1, 28), random.int(0, 9)))
        : new Date(Date.parse(`${months[filedMonth]}-${String(random.int(1, 28)).padStart(2, '0')}T0${random.int(0, 9)}:00:00Z`))
    ).toISOString();
    firstBill.set(id, billed && filedMonth !== null ? filedMonth : 0);
    const row: NewRow<typeof customers> & { createdAt: string } = {
      id,
      name: unique,
      nameKey: companyNameKey(unique),
      shortName: unique.replace(/^(呼和浩特|内蒙古)/, '').slice(0, 6),
      creditCode: random.chance(0.9) ? creditCode(random, type === 'gov') : '',
      industry,
      type,
      region,
      address: `呼和浩特市${region}${random.pick(STREETS)}${random.int(1, 399)}号`,
      size: random.pick(['micro', 'small', 'medium', 'large', 'huge'] as const),
      parentId,
      sensitivity: random.chance(0.7) ? random.pick(['price', 'service', 'tech'] as const) : null,
      tags: JSON.stringify(random.chance(0.3) ? [random.pick(['重点跟进', '续约期', '竞争对手接触', '高层关系好', '新开业务'])] : []),
      notes: '',
      ownerId,
      stage,
      designatedStrategic: type === 'strategic' && random.chance(0.5),
      createdAt: filedAt,
    };
    rows.push(row);
    ownership.push({ customerId: id, kind: 'create', fromOwnerId: null, toOwnerId: ownerId, byId: leader?.id ?? null, byName: leader?.name ?? null, reason: '', at: filedAt });
    stages.push({ customerId: id, fromStage: null, toStage: stage, byId: leader?.id ?? null, byName: leader?.name ?? null, note: '', at: filedAt });

    for (let k = 0, n = random.int(1, 4); k < n; k++) {
      contacts.push({
        customerId: id,
        name: personName(random),
        title: random.pick(TITLES),
        department: random.pick(DEPTS),
        decisionRole: k === 0 ? 'decision_maker' : random.pick(['influencer', 'user'] as const),
        mobile: mobile(random),
        phone: random.chance(0.5) ? `0471-${random.int(2_000_000, 6_999_999)}` : '',
        email: random.chance(0.4) ? `contact${i}${k}@example.cn` : '',
        wechat: random.chance(0.5) ? `wx_${i}_${k}` : '',
        qq: random.chance(0.3) ? String(random.int(100_000, 999_999_999)) : '',
        birthday: random.chance(0.7) ? `19${random.int(60, 95)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` : null,
        isPrimary: k === 0,
        notes: '',
      });
    }
    if (stage === 'new' || stage === 'target' || stage === 'potential') continue;
    // Spend tiers: most small, some key-sized, a few very large.
    const tier = random.next();
    const base = tier < 0.55 ? random.int(20_000, 250_000) : tier < 0.9 ? random.int(250_000, 2_000_000) : random.int(2_000_000, 20_000_000);
    const serviceCount = random.int(1, 3);
    for (let k = 0; k < serviceCount; k++) {
      const p = random.pick(PRODUCTS);
      const serviceId = uuidv7(ms);
      const no = `${p.product === '固定电话' ? '0471' : 'HH'}${String(random.int(10_000_000, 99_999_999))}`;
      services.push({
        id: serviceId,
        customerId: id,
        product: p.product,
        serviceNo: no,
        bandwidth: random.pick(p.bw),
        address: `呼和浩特市${region}${random.pick(STREETS)}`,
        startDate: `${random.int(2015, 2025)}-${String(random.int(1, 12)).padStart(2, '0')}-01`,
        monthlyFeeFen: Math.round(base / serviceCount / 100) * 100,
        status: stage === 'churned' ? 'terminated' : 'active',
      });
      if (random.chance(0.5)) {
        resources.push({
          customerId: id,
          kind: p.product === '固定电话' ? 'number' : random.pick(['circuit', 'line', 'ip_block', 'port'] as const),
          identifier: p.product === '固定电话' ? no : `${random.pick(['HHHT', 'SH', 'XC'])}-${random.int(1000, 9999)}-${random.int(10, 99)}`,
          detail: random.pick(['汇聚机房 A3', '接入点 POP-12', '202.99.224.0/29', 'OLT-05 PON 3/1']),
          serviceId,
        });
      }
    }
    const declining = stage === 'churned' || random.chance(0.04);
    const payer = random.next();
    for (let m = firstBill.get(id)!; m < months.length; m++) {
      const period = months[m]!;
      const dropFactor = declining && m >= 20 ? 0.3 : 1;
      const billed = Math.round(base * (0.85 + random.next() * 0.3) * dropFactor);
      const dueDate = `${addMonths(period, 1)}-20`;
      let paid = billed;
      let paidDate: string | null = `${addMonths(period, 1)}-${String(random.int(1, 19)).padStart(2, '0')}`;
      if (payer > 0.9 && m >= months.length - 4) {
        paid = 0; // a bad payer: the last months are open
        paidDate = null;
      } else if (payer > 0.8 && random.chance(0.3)) paidDate = `${addMonths(period, 2)}-0${random.int(1, 9)}`; // late
      if (dueDate > today && paid === billed && paidDate && paidDate > today) {
        paid = 0;
        paidDate = null;
      }
      bills.push({ customerId: id, period, billedFen: billed, paidFen: paid, paidDate, dueDate });
    }
    credit.push({ customerId: id, rating: payer > 0.9 ? 'B' : payer > 0.8 ? 'A' : random.pick(['AA', 'AAA'] as const), limitFen: base * 3, note: '', at: `${months[12]}-01` });
    if (random.chance(0.15)) {
      projects.push({
        customerId: id,
        name: `${random.pick(['视频监控', '智慧校园', '园区网络改造', '专线扩容', '数据中心迁移', '应急指挥'])}项目`,
        status: random.pick(['planning', 'in_progress', 'done'] as const),
        amountFen: random.int(50, 800) * 1_000_000,
        startDate: `${months[random.int(0, 20)]}-01`,
        endDate: null,
        manager: personName(random),
        notes: '',
      });
    }
  }

  const summary = { demo: true };
  bulkInsert(ctx, customers, rows, { summary });
  bulkInsert(ctx, customerContacts, contacts, { summary });
  bulkInsert(ctx, serviceInstances, services, { summary });
  bulkInsert(ctx, customerBills, bills, { summary });
  bulkInsert(ctx, customerCredit, credit, { summary });
  bulkInsert(ctx, customerProjects, projects, { summary });
  bulkInsert(ctx, customerResources, resources, { summary });
  bulkInsert(ctx, customerOwnershipLog, ownership, { summary });
  bulkInsert(ctx, customerStageHistory, stages, { summary });

  const caches = rows.map((r) => {
    const c = billCaches(ctx, r.id!);
    const isKey = keyReasons(rule, { ...c, type: r.type!, designatedStrategic: r.designatedStrategic ?? false }).length > 0;
    return { id: r.id!, patch: { ...c, isKey } };
  });
  bulkUpdate(ctx, customers, caches, { summary });
  const quarterOf = (period: string) => `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5)) - 1) / 3) + 1}`;
  runEvaluation(ctx, { periodType: 'quarter', period: quarterOf(addMonths(lastMonth, -2)) });
  refreshWarnings(ctx);
}

demoSeeders.push(seedDemoCustomers);
