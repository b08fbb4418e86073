import type { Locale } from './locale';

/** Server messages of the visits module (errors, notifications, timeline lines), merged into messages.ts. */
export const visitsMessages: Record<string, Record<Locale, string>> = {
  // input formats the contract names by key
  'month.format': { 'zh-CN': '月份格式应为 YYYY-MM', en: 'months must look like YYYY-MM' },
  'time.format': { 'zh-CN': '时间格式应为 HH:mm（24 小时制）', en: 'times must look like HH:mm (24-hour clock)' },
  'visits.recordTarget': {
    'zh-CN': '请选择要完成的计划走访，或选择客户登记一次新的走访（二者选一）',
    en: 'Choose the planned visit to complete, or a customer to record a new visit for (one of the two)',
  },
  'visits.rangeOrder': { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'visits.rangeTooLong': { 'zh-CN': '日历一次最多查看 {days} 天，请缩小日期范围', en: 'The calendar shows at most {days} days at a time; narrow the range' },
  // rules
  'visits.rules.duplicateGrade': {
    'zh-CN': '“{grade}”级别的走访规则填写了两次，请每个级别只保留一条',
    en: 'The visit rule for "{grade}" is given twice; keep one rule per grade',
  },
  // plans
  'visits.plan.pastMonth': {
    'zh-CN': '{month} 已经过去，不能再生成走访计划；请选择本月或以后的月份',
    en: '{month} is over and cannot be planned any more; choose this month or a later one',
  },
  'visits.plan.notSubmitted': {
    'zh-CN': '{month} 的走访计划尚未提交（或已审阅），不能审阅；请等客户经理提交后再审阅',
    en: 'The {month} visit plan has not been submitted (or is already reviewed); review it once the account manager submits it',
  },
  'visits.pastPlan': {
    'zh-CN': '计划走访日期 {date} 已经过去；请选择今天或以后的日期，已发生的走访请直接登记',
    en: 'The planned day {date} has passed; choose today or later, or record a visit that already took place',
  },
  // records
  'visits.futureVisit': {
    'zh-CN': '走访日期 {date} 还没到，不能登记为已完成；请改为计划走访，或更正走访日期',
    en: 'The visit day {date} is still ahead and cannot be recorded as done; plan it instead, or correct the date',
  },
  'visits.contactNotOfCustomer': {
    'zh-CN': '“会见的客户关键人”中有不属于{customer}的人员，请只选择该客户的关键人',
    en: '"Key people met" lists someone who is not a key person of {customer}; choose only that customer\'s key people',
  },
  'visits.badParticipant': {
    'zh-CN': '“我方参加人员”中有已停用或不存在的用户，请重新选择',
    en: '"Our participants" lists a user who is inactive or does not exist; choose again',
  },
  'visits.notAllowed': {
    'zh-CN': '走访 {number} 当前为“{status}”，不能{action}。此状态下可以：{allowed}。',
    en: 'Visit {number} is {status} and cannot be {action}. Allowed now: {allowed}.',
  },
  'visits.nothingAllowed': { 'zh-CN': '无', en: 'nothing' },
  'visits.removeRecorded': {
    'zh-CN': '走访 {number} 已登记完成，只有登记人当天或领导可以删除；如需更正请编辑记录',
    en: 'Visit {number} is recorded; only its writer on the same day, or a leader, may delete it. Edit the record to correct it',
  },
  'visits.ticketVisitMismatch': {
    'zh-CN': '所选走访不属于该客户，请从该客户的走访中打开工单',
    en: 'The chosen visit is not one of this customer\'s; open the ticket from one of its visits',
  },
  'visits.action.record': { 'zh-CN': '登记', en: 'recorded' },
  'visits.action.update': { 'zh-CN': '修改', en: 'edited' },
  'visits.action.move': { 'zh-CN': '改期', en: 'rescheduled' },
  'visits.action.drop': { 'zh-CN': '取消', en: 'dropped' },
  'visits.status.planned': { 'zh-CN': '已计划', en: 'planned' },
  'visits.status.done': { 'zh-CN': '已完成', en: 'done' },
  'visits.status.dropped': { 'zh-CN': '已取消', en: 'dropped' },
  'visits.kind.onsite': { 'zh-CN': '客户走访', en: 'On-site visit' },
  'visits.kind.inbound': { 'zh-CN': '客户来访', en: 'Customer visit to us' },
  'visits.kind.phone': { 'zh-CN': '电话拜访', en: 'Phone call' },
  'visits.kind.forum': { 'zh-CN': '座谈会', en: 'Forum' },
  'visits.kind.executive': { 'zh-CN': '高层拜访', en: 'Executive visit' },
  'visits.yes': { 'zh-CN': '是', en: 'Yes' },
  'visits.no': { 'zh-CN': '否', en: 'No' },
  // notifications
  'visits.notify.planSubmitted': {
    'zh-CN': '{owner} 提交了 {month} 走访计划（{count} 项），请审阅。',
    en: '{owner} submitted the {month} visit plan ({count} visits) for review.',
  },
  'visits.notify.planReviewed': { 'zh-CN': '{reviewer} 已审阅您的 {month} 走访计划。', en: '{reviewer} reviewed your {month} visit plan.' },
  'visits.notify.planReviewedNote': {
    'zh-CN': '{reviewer} 已审阅您的 {month} 走访计划：{note}',
    en: '{reviewer} reviewed your {month} visit plan: {note}',
  },
  'visits.notify.nextStep': {
    'zh-CN': '走访跟进提醒：{customer}「{step}」计划于 {date} 完成。',
    en: 'Visit follow-up: {customer} — "{step}" is due {date}.',
  },
  // customer 360 timeline
  'visits.timeline.done': { 'zh-CN': '{kind}（{number}）：{purpose}', en: '{kind} ({number}): {purpose}' },
  'visits.timeline.dropped': { 'zh-CN': '取消计划走访（{number}，原定 {date}）', en: 'Planned visit dropped ({number}, was {date})' },
  // iCalendar export
  'visits.ics.calendarName': { 'zh-CN': '走访计划-{name}', en: 'Visits-{name}' },
  'visits.ics.fileName': { 'zh-CN': '走访计划-{name}', en: 'Visits-{name}' },
  'visits.ics.purpose': { 'zh-CN': '目的：{text}', en: 'Purpose: {text}' },
  'visits.ics.outcome': { 'zh-CN': '成果：{text}', en: 'Outcome: {text}' },
  'visits.ics.nextStep': { 'zh-CN': '下一步：{text}', en: 'Next step: {text}' },
  'visits.ics.number': { 'zh-CN': '走访编号：{number}', en: 'Visit no. {number}' },
};
