import type { Locale } from '../../../shared/locale';

/**
 * The red channel's seeded reference names (categories, calendars, SLA policies) in the reader's
 * language. ensureTicketDefaults stores them in zh-CN, the branch's language, and that stored text is
 * their stable code: a row whose name is still the seeded one reads in English for an English reader,
 * a name a user has changed is the user's own text and reads as typed. Databases seeded before this
 * (same texts) read the same way, and no column is needed. Tickets copy their policy and calendar
 * names, so those copies are translated the same way.
 */
const SEEDED_EN: Readonly<Record<string, string>> = {
  // ticket categories
  故障类: 'Faults',
  线路中断: 'Line outage',
  '网速慢/丢包': 'Slow speed / packet loss',
  设备故障: 'Equipment fault',
  '语音/号码故障': 'Voice / number fault',
  割接影响: 'Cutover impact',
  投诉类: 'Complaints',
  计费争议: 'Billing dispute',
  服务态度: 'Staff attitude',
  装机开通超时: 'Late installation',
  故障处理不满意: 'Unhappy with fault handling',
  宣传不实: 'Misleading promotion',
  其他: 'Other',
  // calendars
  '工作日历（08:30–12:00，13:30–17:30）': 'Office hours (08:30–12:00, 13:30–17:30)',
  // SLA policies
  'P1 紧急': 'P1 Urgent',
  'P2 高': 'P2 High',
  'P2 高（战略客户 7×24）': 'P2 High (strategic customers, 24×7)',
  'P3 中': 'P3 Medium',
  'P4 低': 'P4 Low',
  // green channel: business types, template stages and return reasons (services/orders/config.ts)
  新装: 'New installation',
  '扩容/提速': 'Upgrade / speed-up',
  移机: 'Relocation',
  变更: 'Change',
  拆机: 'Termination',
  需求确认: 'Requirements',
  业务受理: 'Intake',
  资源确认: 'Resource check',
  合同签订: 'Contract',
  工程实施: 'Engineering',
  业务开通: 'Activation',
  客户签收: 'Customer sign-off',
  拆机停机: 'Disconnection',
  资源不足: 'No resources',
  客户资料不全: 'Customer details incomplete',
  地址错误: 'Wrong address',
  客户变更需求: 'Customer changed the request',
  客户现场不具备条件: 'Site not ready',
};

const SEEDED_ZH = new Map(Object.entries(SEEDED_EN).map(([zh, en]) => [en, zh]));

/** A stored category / calendar / policy name as the reader reads it: translated while it is still the seeded default. */
export function seededName(name: string, locale: Locale): string {
  return locale === 'en' ? (SEEDED_EN[name] ?? name) : name;
}

/** The name to store: a seeded default saved back unchanged in English keeps its seeded text, so it stays translatable. */
export function storedSeededName(name: string, locale: Locale): string {
  return locale === 'en' ? (SEEDED_ZH.get(name) ?? name) : name;
}
