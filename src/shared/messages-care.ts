import type { Locale } from './locale';

/** Server messages of the care module (errors, notifications, timeline lines), merged into messages.ts. */
export const careMessages: Record<string, Record<Locale, string>> = {
  // Built-in holidays of the care calendar (a branch's own holiday shows its own name).
  'care.holiday.new_year': { 'zh-CN': '元旦', en: "New Year's Day" },
  'care.holiday.spring_festival': { 'zh-CN': '春节', en: 'Spring Festival' },
  'care.holiday.lantern': { 'zh-CN': '元宵节', en: 'Lantern Festival' },
  'care.holiday.womens_day': { 'zh-CN': '妇女节', en: "Women's Day" },
  'care.holiday.dragon_boat': { 'zh-CN': '端午节', en: 'Dragon Boat Festival' },
  'care.holiday.mid_autumn': { 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' },
  'care.holiday.national_day': { 'zh-CN': '国庆节', en: 'National Day' },
  'care.holiday.double_ninth': { 'zh-CN': '重阳节', en: 'Double Ninth Festival' },

  'care.occasion.birthday': { 'zh-CN': '生日', en: 'Birthday' },
  'care.occasion.founding': { 'zh-CN': '成立纪念日', en: 'Founding anniversary' },
  'care.occasion.holiday': { 'zh-CN': '节日', en: 'Holiday' },
  'care.occasion.forum': { 'zh-CN': '座谈会', en: 'Forum' },
  'care.occasion.executive': { 'zh-CN': '高层拜访', en: 'Executive visit' },
  'care.occasion.other': { 'zh-CN': '其他', en: 'Other' },
  'care.kind.greeting': { 'zh-CN': '问候', en: 'Greeting' },
  'care.kind.gift': { 'zh-CN': '礼品', en: 'Gift' },
  'care.kind.banquet': { 'zh-CN': '宴请', en: 'Banquet' },
  'care.kind.flowers': { 'zh-CN': '鲜花/蛋糕', en: 'Flowers/cake' },
  'care.kind.other': { 'zh-CN': '其他', en: 'Other' },
  'care.status.recorded': { 'zh-CN': '已记录', en: 'Recorded' },
  'care.status.pending': { 'zh-CN': '待审批', en: 'Pending approval' },
  'care.status.approved': { 'zh-CN': '已批准', en: 'Approved' },
  'care.status.rejected': { 'zh-CN': '已驳回', en: 'Rejected' },
  'care.eventKind.forum': { 'zh-CN': '座谈会', en: 'forum' },
  'care.eventKind.executive': { 'zh-CN': '高层拜访', en: 'executive visit' },
  'care.eventStatus.planned': { 'zh-CN': '计划中', en: 'planned' },
  'care.eventStatus.held': { 'zh-CN': '已举办', en: 'held' },
  'care.eventStatus.cancelled': { 'zh-CN': '已取消', en: 'cancelled' },

  // Errors: what went wrong and what to do.
  'care.rejectNote': { 'zh-CN': '驳回时请写明原因，客户经理会看到。', en: 'Say why you reject it; the account manager will see it.' },
  'care.contactNotOfCustomer': {
    'zh-CN': '所选关键人不属于这个客户，请从该客户的关键人中选择。',
    en: "The key person chosen is not one of this customer's; pick one of the customer's key people.",
  },
  'care.holidayKeyRequired': { 'zh-CN': '节日问候请选择是哪个节日。', en: 'For a holiday courtesy, choose the holiday.' },
  'care.notPending': {
    'zh-CN': '这条友情服务的状态是“{status}”，只有待审批的才能审批。',
    en: 'This courtesy is "{status}"; only one pending approval can be approved or rejected.',
  },
  'care.alreadyDecided': {
    'zh-CN': '这条友情服务已{status}，不能撤回；如有出入请联系审批的领导。',
    en: 'This courtesy was already {status} and cannot be withdrawn; talk to the leader who decided it.',
  },
  'care.notYourRecord': { 'zh-CN': '只能撤回自己名下的友情服务记录。', en: 'You can only withdraw courtesies recorded under your name.' },
  'care.notAccountManager': {
    'zh-CN': '预算只能设给在岗的客户经理，请重新选择。',
    en: 'Budgets are set for active account managers only; choose one.',
  },
  'care.endBeforeStart': { 'zh-CN': '结束时间须晚于开始时间。', en: 'The end time must be after the start time.' },
  'care.summaryRequired': {
    'zh-CN': '标记为已举办时请填写活动纪要（出席情况、客户反馈、后续安排）。',
    en: 'To mark it held, write a summary (who came, what customers said, what follows).',
  },
  'care.eventClosed': {
    'zh-CN': '活动“{title}”{status}，不能再修改或邀请客户。',
    en: 'The event "{title}" is {status}; it can no longer be changed or have guests invited.',
  },
  'care.notYourEvent': {
    'zh-CN': '只有活动的组织者或领导可以修改这个活动。',
    en: "Only the event's organiser or a leader can change this event.",
  },
  'care.lunarBirthday': {
    'zh-CN': '农历生日的月份应为 1–12、日应为 1–30（闰月按正常月份填写）。',
    en: 'A lunar birthday has a month 1–12 and a day 1–30 (a leap month is entered as the regular month).',
  },

  // Notifications.
  'care.notify.approval': {
    'zh-CN': '{owner}为“{customer}”申请的友情服务（{amount}）超过审批限额 {limit}，待您审批。',
    en: '{owner} recorded a courtesy for "{customer}" ({amount}) above the approval limit of {limit}; it waits for your approval.',
  },
  'care.notify.approved': {
    'zh-CN': '您为“{customer}”申请的友情服务（{amount}）已由{by}批准。{note}',
    en: 'Your courtesy for "{customer}" ({amount}) was approved by {by}. {note}',
  },
  'care.notify.rejected': {
    'zh-CN': '您为“{customer}”申请的友情服务（{amount}）被{by}驳回：{note}',
    en: 'Your courtesy for "{customer}" ({amount}) was rejected by {by}: {note}',
  },
  'care.notify.followUp': {
    'zh-CN': '跟进提醒（{date}）：“{event}”的来宾“{customer}”——{followUp}',
    en: 'Follow-up due ({date}): guest "{customer}" of "{event}" — {followUp}',
  },
  'care.notify.birthdays': {
    'zh-CN': '未来 {days} 天有 {count} 位关键人过生日：{names}',
    en: '{count} key people have birthdays in the next {days} days: {names}',
  },

  // Customer 360 timeline.
  'care.timeline.record': { 'zh-CN': '友情服务：{occasion}{kind}（{amount}）', en: 'Courtesy: {occasion} {kind} ({amount})' },
  'care.timeline.recordFor': {
    'zh-CN': '友情服务：{contact}{occasion}{kind}（{amount}）',
    en: 'Courtesy for {contact}: {occasion} {kind} ({amount})',
  },
  'care.timeline.approved': { 'zh-CN': '友情服务{kind}（{amount}）已批准', en: 'Courtesy {kind} ({amount}) approved' },
  'care.timeline.rejected': { 'zh-CN': '友情服务{kind}（{amount}）被驳回', en: 'Courtesy {kind} ({amount}) rejected' },
  'care.timeline.invited': { 'zh-CN': '受邀参加{event}“{title}”', en: 'Invited to the {event} "{title}"' },
  'care.timeline.attended': { 'zh-CN': '出席{event}“{title}”', en: 'Attended the {event} "{title}"' },
  'care.timeline.absent': { 'zh-CN': '未出席{event}“{title}”', en: 'Did not attend the {event} "{title}"' },
};
