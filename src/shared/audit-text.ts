import type { Locale } from './locale';
import { formatShanghaiTime } from './time';

/**
 * The audit log in the users' words (issue #21, class 10): what a table, an action and a column are
 * called on the screens, in both languages. Shared because the audit page and its .xlsx export (made
 * in the main process) must say the same thing. Field labels are the forms' labels; a unit test
 * (audit-log.test.ts) holds them equal to the customers, tickets and users i18n so they cannot drift.
 */

type Text = Record<Locale, string>;
const tx = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/** Tables as people call them. A table not listed here is shown by its name. */
export const AUDIT_ENTITY_TEXT: Record<string, Text> = {
  customers: tx('客户', 'Customer'),
  customer_contacts: tx('关键人', 'Key person'),
  service_instances: tx('业务实例', 'Service'),
  customer_bills: tx('账单', 'Bill'),
  customer_credit: tx('信用记录', 'Credit record'),
  customer_projects: tx('项目工程', 'Project'),
  customer_resources: tx('资源占用', 'Resource'),
  customer_ownership_log: tx('客户归属', 'Customer ownership'),
  customer_stage_history: tx('客户阶段', 'Customer stage'),
  customer_evaluation_runs: tx('评价分级', 'Evaluation run'),
  customer_evaluation_scores: tx('评价得分', 'Evaluation scores'),
  customer_warnings: tx('流失预警', 'Churn warning'),
  customer_views: tx('常用筛选', 'Saved view'),
  customer_import_batches: tx('导入', 'Import'),
  customer_import_rows: tx('导入明细', 'Import rows'),
  tickets: tx('工单', 'Ticket'),
  ticket_events: tx('工单处理记录', 'Ticket history'),
  ticket_attachments: tx('工单附件', 'Ticket attachment'),
  ticket_categories: tx('工单分类', 'Ticket category'),
  sla_policies: tx('服务时限', 'SLA policy'),
  sla_calendars: tx('工作日历', 'Business calendar'),
  notifications: tx('通知', 'Notification'),
  work_orders: tx('业务工单', 'Work order'),
  order_stages: tx('工单环节', 'Work order stage'),
  request_forms: tx('联系单', 'Request form'),
  leader_deputies: tx('审批代理', 'Approval deputy'),
  contracts: tx('合同', 'Contract'),
  green_events: tx('绿色通道记录', 'Green channel history'),
  green_attachments: tx('绿色通道附件', 'Green channel attachment'),
  visit_plans: tx('走访计划', 'Visit plan'),
  visits: tx('走访', 'Visit'),
  visit_attachments: tx('走访附件', 'Visit attachment'),
  care_records: tx('友情服务', 'Courtesy care'),
  care_budgets: tx('礼品预算', 'Gift budget'),
  care_events: tx('座谈会/高层拜访', 'Forum / executive visit'),
  care_event_guests: tx('活动邀请', 'Event guest'),
  users: tx('用户', 'User'),
  settings: tx('分公司设置', 'Branch settings'),
  sync_state: tx('同步设置', 'Sync settings'),
  report_targets: tx('考核目标', 'Targets'),
  /** Not a table: sign-in, failed sign-in and sign-out rows (entity users) are shown as this. */
  login: tx('登录', 'Sign-in'),
};

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'other'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_TEXT: Record<AuditAction | 'import', Text> = {
  create: tx('新建', 'Created'),
  update: tx('修改', 'Changed'),
  delete: tx('删除', 'Deleted'),
  login: tx('登录', 'Signed in'),
  login_failed: tx('登录失败', 'Sign-in failed'),
  logout: tx('退出', 'Signed out'),
  other: tx('其他', 'Other'),
  import: tx('导入', 'Imported'),
};

const contact = {
  name: tx('姓名', 'Name'),
  title: tx('职务', 'Title'),
  department: tx('部门', 'Department'),
  decisionRole: tx('决策角色', 'Decision role'),
  mobile: tx('手机', 'Mobile'),
  phone: tx('座机', 'Landline'),
  email: tx('电子邮箱', 'E-mail'),
  wechat: tx('微信', 'WeChat'),
  qq: tx('QQ', 'QQ'),
  birthday: tx('生日', 'Birthday'),
  birthdayCalendar: tx('生日历法', 'Birthday calendar'),
  isPrimary: tx('主要联系人', 'Primary contact'),
};

/** Column labels per table, as the forms label them; `*` applies to every table. */
export const AUDIT_FIELD_TEXT: Record<string, Record<string, Text>> = {
  '*': {
    customerId: tx('客户', 'Customer'),
    notes: tx('备注', 'Notes'),
    note: tx('说明', 'Note'),
    status: tx('状态', 'Status'),
    deleted: tx('已删除', 'Deleted'),
    passwordReset: tx('重置密码', 'Password reset'),
    passwordChanged: tx('修改密码', 'Password changed'),
    failedCount: tx('连续失败次数', 'Failed attempts'),
    lockedUntil: tx('锁定至', 'Locked until'),
  },
  customers: {
    name: tx('客户名称', 'Customer'),
    shortName: tx('简称', 'Short name'),
    foundedOn: tx('成立日期', 'Founded on'),
    creditCode: tx('统一社会信用代码', 'Credit code'),
    industry: tx('行业', 'Industry'),
    type: tx('客户类型', 'Type'),
    region: tx('区域', 'Region'),
    address: tx('地址', 'Address'),
    size: tx('规模', 'Size'),
    parentId: tx('上级集团', 'Parent group'),
    sensitivity: tx('敏感类型', 'Sensitivity'),
    tags: tx('标签', 'Tags'),
    designatedStrategic: tx('指定为战略客户', 'Designated strategic'),
    ownerId: tx('第一责任人', 'Owner'),
    stage: tx('阶段', 'Stage'),
    grade: tx('等级', 'Grade'),
    gradePeriod: tx('评级周期', 'Grade period'),
    monthlySpendFen: tx('月均消费', 'Monthly spend'),
    arrearsFen: tx('欠费', 'Arrears'),
    isKey: tx('大客户', 'Key'),
  },
  customer_contacts: contact,
  service_instances: {
    product: tx('产品', 'Product'),
    serviceNo: tx('业务号码 / 电路编号', 'Service no. / circuit'),
    bandwidth: tx('带宽', 'Bandwidth'),
    address: tx('地址', 'Address'),
    startDate: tx('开通日期', 'Start date'),
    monthlyFeeFen: tx('月租费', 'Monthly fee'),
  },
  customer_bills: {
    period: tx('账期', 'Period'),
    billedFen: tx('应收', 'Billed'),
    paidFen: tx('实收', 'Paid'),
    paidDate: tx('缴费日期', 'Paid on'),
    dueDate: tx('应缴日期', 'Due date'),
  },
  customer_credit: {
    rating: tx('信用等级', 'Rating'),
    limitFen: tx('信用额度', 'Credit limit'),
    at: tx('评定日期', 'Rated on'),
  },
  customer_projects: {
    name: tx('项目名称', 'Project'),
    amountFen: tx('金额', 'Amount'),
    manager: tx('项目经理', 'Project manager'),
    startDate: tx('开始日期', 'Start'),
    endDate: tx('结束日期', 'End'),
  },
  customer_resources: {
    kind: tx('资源类型', 'Kind'),
    identifier: tx('资源编号', 'Identifier'),
    serviceId: tx('所属业务', 'Service'),
    detail: tx('说明', 'Details'),
  },
  customer_warnings: {
    acknowledged: tx('已知悉', 'Acknowledged'),
    kind: tx('预警类型', 'Kind'),
    amountFen: tx('金额', 'Amount'),
  },
  customer_import_batches: {
    kind: tx('导入内容', 'Import of'),
    fileName: tx('文件', 'File'),
    created: tx('新建', 'Created'),
    updated: tx('更新', 'Updated'),
    undoneAt: tx('撤销时间', 'Undone at'),
  },
  tickets: {
    number: tx('工单号', 'Number'),
    kind: tx('类型', 'Kind'),
    priority: tx('级别', 'Pri.'),
    title: tx('问题', 'Problem'),
    status: tx('状态', 'Status'),
    assigneeId: tx('处理人', 'Assignee'),
    assigneeDept: tx('处理部门', 'Department'),
    resolution: tx('处理结果', 'Resolution'),
    responsibleDept: tx('责任部门', 'Responsible department'),
    cause: tx('原因', 'Cause'),
    ourFault: tx('我方责任', 'Our fault'),
    replyMethod: tx('答复方式', 'Reply method'),
    replyContent: tx('答复内容', 'Reply'),
    satisfactionComment: tx('客户意见', 'Customer comment'),
    cancelReason: tx('取消原因', 'Cancellation reason'),
    customerGrade: tx('客户等级', 'Customer grade'),
    contactId: tx('报告人', 'Reported by'),
    serviceInstanceId: tx('涉及业务', 'Service'),
    channel: tx('受理渠道', 'Channel'),
    visitId: tx('来源走访', 'From visit'),
    categoryId: tx('分类', 'Category'),
    description: tx('问题描述', 'Description'),
    impact: tx('影响程度', 'Impact'),
    priorityReason: tx('调整原因', 'Why this priority'),
    createdById: tx('受理人', 'Opened by'),
    policyId: tx('服务时限', 'SLA policy'),
    policyName: tx('服务时限', 'SLA policy'),
    calendarId: tx('工作日历', 'Business calendar'),
    calendarName: tx('工作日历', 'Business calendar'),
    responseMinutes: tx('响应时限（分钟）', 'Response time (minutes)'),
    resolutionMinutes: tx('解决时限（分钟）', 'Resolution time (minutes)'),
    replyMinutes: tx('答复时限（分钟）', 'Reply time (minutes)'),
    warnRatio: tx('预警比例', 'Warning at'),
    resolutionStartAt: tx('解决计时开始', 'Resolution clock started'),
    pauses: tx('计时暂停记录', 'Clock pauses'),
    responseDueAt: tx('响应时限', 'Response due'),
    resolutionDueAt: tx('解决时限', 'Resolution due'),
    replyDueAt: tx('答复时限', 'Reply due'),
    slaClock: tx('当前计时', 'Running clock'),
    nextDueAt: tx('时限', 'Due'),
    nextWarnAt: tx('预警时间', 'Warning time'),
    slaLevel: tx('升级级别', 'Escalation level'),
    respondedAt: tx('响应时间', 'Responded'),
    responseOnTime: tx('按时响应', 'Responded on time'),
    resolvedAt: tx('解决时间', 'Resolved'),
    firstResolvedAt: tx('首次解决时间', 'First resolved'),
    resolutionOnTime: tx('按时解决', 'Resolved on time'),
    resolutionBusinessMinutes: tx('解决用时（工作分钟）', 'Resolution (business minutes)'),
    repliedAt: tx('答复时间', 'Replied'),
    replyOnTime: tx('按时答复', 'Replied on time'),
    visitedAt: tx('回访时间', 'Followed up'),
    satisfaction: tx('满意度', 'Satisfaction'),
    reworkCount: tx('返工次数', 'Reworks'),
    archivedAt: tx('归档时间', 'Archived'),
    cancelledAt: tx('取消时间', 'Cancelled'),
  },
  users: {
    username: tx('用户名', 'Username'),
    displayName: tx('姓名', 'Name'),
    role: tx('角色', 'Role'),
    department: tx('部门', 'Department'),
    region: tx('区域', 'Region'),
    employeeNo: tx('工号', 'Employee no.'),
    phone: tx('电话', 'Phone'),
    active: tx('启用', 'Active'),
  },
  sync_state: {
    hqUrl: tx('总部地址', 'HQ address'),
    intervalMinutes: tx('同步间隔（分钟）', 'Interval (minutes)'),
    hasToken: tx('已设置设备令牌', 'Device token set'),
  },
};

/** Bookkeeping columns every synced row has: the audit page's `at` and record number already say them. */
// dueSort and isOpen are a ticket's sort and index keys, derived from the times and status shown.
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set(['id', 'branchId', 'createdAt', 'updatedAt', 'updatedHlc', 'nameKey', 'dueSort', 'isOpen']);

/** Value labels for enum columns, where one word says more than the stored code. */
const VALUE_TEXT: Record<string, Record<string, Text>> = {
  role: {
    admin: tx('系统管理员', 'Administrator'),
    leader: tx('部门负责人', 'Department leader'),
    account_manager: tx('客户经理', 'Account manager'),
    service_desk: tx('服务台坐席', 'Service desk'),
    staff: tx('支撑人员', 'Support staff'),
  },
  stage: {
    new: tx('新客户', 'New'),
    target: tx('目标', 'Target'),
    potential: tx('潜在', 'Potential'),
    intent: tx('意向', 'Intent'),
    signed: tx('签约', 'Signed'),
    churned: tx('流失', 'Churned'),
  },
  grade: {
    strategic: tx('战略', 'Strategic'),
    key: tx('重点', 'Key'),
    vip: tx('VIP', 'VIP'),
    quality: tx('优质', 'Quality'),
    normal: tx('普通', 'Normal'),
  },
};

export type AuditEntity = string;

/** What the audit page and the export need of one record. */
export interface AuditRecordLike {
  entity: string;
  entityId: string;
  action: AuditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The record's current name, looked up by the service (an update's record holds only what changed). */
  name?: string | null;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('zh-CN');

const isLogin = (action: AuditAction) => action === 'login' || action === 'login_failed' || action === 'logout';
const isImport = (r: AuditRecordLike) => r.entity === 'customer_import_batches' && r.action === 'create';

/** How many rows a summary record stands for (`bulk:1234`), or null for a single row. */
export function auditBulkCount(entityId: string): number | null {
  return entityId.startsWith('bulk:') ? Number(entityId.slice(5)) || 0 : null;
}

/** The object column: 客户, 关键人, 登录 …; an import batch by what it imported. */
export function auditEntityText(r: AuditRecordLike, locale: Locale): string {
  if (isLogin(r.action)) return AUDIT_ENTITY_TEXT.login![locale];
  if (isImport(r)) {
    const kind = { customers: 'customers', contacts: 'customer_contacts', bills: 'customer_bills' }[String(r.after?.kind)];
    if (kind) return AUDIT_ENTITY_TEXT[kind]![locale];
  }
  return AUDIT_ENTITY_TEXT[r.entity]?.[locale] ?? r.entity;
}

/** The action column: 新建 / 修改 / 删除 / 登录 / 登录失败 / 退出, and 导入 for an import batch. */
export function auditActionText(r: AuditRecordLike, locale: Locale): string {
  return AUDIT_ACTION_TEXT[isImport(r) ? 'import' : r.action][locale];
}

/** A column's label as the form says it, or the column name when no form shows it. */
export function auditFieldText(entity: string, field: string, locale: Locale): string {
  return (AUDIT_FIELD_TEXT[entity]?.[field] ?? AUDIT_FIELD_TEXT['*']![field])?.[locale] ?? field;
}

/** A stored value as people read it: Shanghai times, ¥ amounts from fen, yes/no, enum words. */
export function auditValueText(field: string, value: unknown, locale: Locale): string {
  if (value === undefined) return '';
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return locale === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否';
  if (typeof value === 'number' && field.endsWith('Fen')) return `¥${yuan.format(value / 100)}`;
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return formatShanghaiTime(value, { seconds: true });
    const word = VALUE_TEXT[field]?.[value];
    return word ? word[locale] : value;
  }
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** The fields a record shows in its before/after table, in the record's own order, bookkeeping left out. */
export function auditFields(r: AuditRecordLike): string[] {
  const keys = new Set([...Object.keys(r.before ?? {}), ...Object.keys(r.after ?? {})]);
  return [...keys].filter((k) => !AUDIT_HIDDEN_FIELDS.has(k));
}

function count(n: number, locale: Locale): string {
  return locale === 'en' ? `${whole.format(n)} rows` : `${whole.format(n)} 条`;
}

/**
 * The content column in a sentence: an import as "1,234 条（新建 1,200，更新 34）· 文件名", a batch
 * write as "批量 1,234 条", a change as the record's name and the labels of what changed.
 */
export function auditSummaryText(r: AuditRecordLike, locale: Locale): string {
  const en = locale === 'en';
  const after = r.after ?? {};
  const before = r.before ?? {};
  if (isImport(r)) {
    const created = Number(after.created ?? 0);
    const updated = Number(after.updated ?? 0);
    const detail = en ? `(${whole.format(created)} new, ${whole.format(updated)} updated)` : `（新建 ${whole.format(created)}，更新 ${whole.format(updated)}）`;
    return `${count(created + updated, locale)}${en ? ' ' : ''}${detail} · ${String(after.fileName ?? '')}`;
  }
  const bulk = auditBulkCount(r.entityId);
  if (bulk !== null) {
    const why = after.undoBatch ? (en ? 'import undone' : '撤销导入') : after.batchId ? (en ? 'import' : '导入') : after.runId ? (en ? 'evaluation run' : '评价分级') : after.refresh ? (en ? 'automatic refresh' : '自动刷新') : '';
    return `${en ? 'Batch of ' : '批量 '}${count(bulk, locale)}${why ? ` · ${why}` : ''}`;
  }
  if (r.action === 'login_failed') {
    const failed = after.failedCount;
    const locked = typeof after.lockedUntil === 'string' ? formatShanghaiTime(after.lockedUntil) : null;
    const tries = typeof failed === 'number' ? (en ? `attempt ${failed}` : `第 ${failed} 次`) : '';
    return [tries, locked ? (en ? `locked until ${locked}` : `锁定至 ${locked}`) : ''].filter(Boolean).join(' · ');
  }
  const nameOf = (row: Record<string, unknown>) => row.displayName ?? row.name ?? row.number ?? row.title ?? row.fileName ?? row.period ?? row.hqUrl;
  const name = r.name ?? nameOf(after) ?? nameOf(before);
  const changed =
    r.action === 'update' || r.action === 'other'
      ? auditFields(r)
          .filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]))
          .map((k) => auditFieldText(r.entity, k, locale))
      : [];
  return [typeof name === 'string' || typeof name === 'number' ? String(name) : null, changed.join(en ? ', ' : '、') || null]
    .filter(Boolean)
    .join(' · ');
}
