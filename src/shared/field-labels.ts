import type { Locale } from './locale';

/**
 * Input fields as the forms label them, for validation messages in the user's words (issue #21): "“手机”应为
 * 11 位…" rather than "mobile: Invalid input". Keyed by the field's name in the contract; a few names mean
 * different things in different methods and are keyed `<method prefix>:<field>` (the longest prefix wins).
 */
type Label = Record<Locale, string>;
const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

const LABELS: Record<string, Label> = {
  // people and accounts
  username: l('用户名', 'Username'),
  password: l('密码', 'Password'),
  currentPassword: l('当前密码', 'Current password'),
  newPassword: l('新密码', 'New password'),
  displayName: l('姓名', 'Name'),
  employeeNo: l('工号', 'Employee no.'),
  department: l('部门', 'Department'),
  dept: l('部门', 'Department'),
  role: l('角色', 'Role'),
  region: l('区域', 'Region'),
  regions: l('区域', 'Regions'),
  phone: l('电话', 'Phone'),
  mobile: l('手机', 'Mobile'),
  email: l('电子邮箱', 'Email'),
  wechat: l('微信', 'WeChat'),
  qq: l('QQ', 'QQ'),
  birthday: l('生日', 'Birthday'),
  title: l('职务', 'Title'),
  decisionRole: l('决策角色', 'Decision role'),
  isPrimary: l('主要联系人', 'Primary contact'),
  // customers
  name: l('名称', 'Name'),
  shortName: l('简称', 'Short name'),
  creditCode: l('统一社会信用代码', 'Unified social credit code'),
  industry: l('行业', 'Industry'),
  type: l('类型', 'Type'),
  address: l('地址', 'Address'),
  size: l('规模', 'Size'),
  parentId: l('上级单位', 'Parent organisation'),
  sensitivity: l('敏感类型', 'Sensitivity'),
  tags: l('标签', 'Tags'),
  notes: l('备注', 'Notes'),
  note: l('备注', 'Note'),
  ownerId: l('客户经理', 'Account manager'),
  toOwnerId: l('接收的客户经理', 'New account manager'),
  stage: l('客户阶段', 'Stage'),
  grade: l('客户级别', 'Grade'),
  reason: l('原因', 'Reason'),
  // service instances, bills, credit, projects, resources
  product: l('产品', 'Product'),
  serviceNo: l('业务号码', 'Service number'),
  bandwidth: l('带宽', 'Bandwidth'),
  monthlyFeeFen: l('月租费', 'Monthly fee'),
  startDate: l('开始日期', 'Start date'),
  endDate: l('结束日期', 'End date'),
  status: l('状态', 'Status'),
  period: l('账期', 'Bill period'),
  billedFen: l('应收金额', 'Billed amount'),
  paidFen: l('实收金额', 'Paid amount'),
  paidDate: l('缴费日期', 'Payment date'),
  amountFen: l('金额', 'Amount'),
  amount: l('金额', 'Amount'),
  limitFen: l('信用额度', 'Credit limit'),
  rating: l('信用等级', 'Credit rating'),
  at: l('日期', 'Date'),
  kind: l('类别', 'Kind'),
  identifier: l('资源编号', 'Resource identifier'),
  serviceId: l('所属业务', 'Service'),
  dueDate: l('截止日期', 'Due date'),
  keySpendThresholdFen: l('重点客户消费门槛', 'Key-customer spend threshold'),
  amountTargetFen: l('收入目标', 'Revenue target'),
  // tickets
  customerId: l('客户', 'Customer'),
  contactId: l('联系人', 'Contact'),
  serviceInstanceId: l('业务', 'Service'),
  channel: l('受理渠道', 'Channel'),
  description: l('问题描述', 'Description'),
  impact: l('影响程度', 'Impact'),
  priority: l('优先级', 'Priority'),
  priorityReason: l('调整优先级的原因', 'Reason for the priority'),
  categoryId: l('类别', 'Category'),
  assigneeId: l('处理人', 'Assignee'),
  assigneeDept: l('处理部门', 'Department'),
  responsibleDept: l('责任部门', 'Responsible department'),
  resolution: l('处理结果', 'Resolution'),
  cause: l('原因', 'Cause'),
  content: l('内容', 'Content'),
  comment: l('意见', 'Comment'),
  satisfaction: l('满意度', 'Satisfaction'),
  method: l('方式', 'Method'),
  text: l('内容', 'Text'),
  fileName: l('文件名', 'File name'),
  responseMinutes: l('响应时限', 'Response time limit'),
  resolutionMinutes: l('解决时限', 'Resolution time limit'),
  replyMinutes: l('回复时限', 'Reply time limit'),
  calendarId: l('工作日历', 'Business calendar'),
  holidays: l('节假日', 'Holidays'),
  workdays: l('调休上班日', 'Make-up workdays'),
  // settings and sync
  branchCode: l('分公司编码', 'Branch code'),
  branchName: l('分公司名称', 'Branch name'),
  hqUrl: l('总部地址', 'HQ address'),
  deviceToken: l('设备令牌', 'Device token'),
  intervalMinutes: l('同步间隔', 'Sync interval'),
  updateUrl: l('更新服务器地址', 'Update server address'),
  sessionIdleMinutes: l('空闲自动退出时间', 'Idle sign-out time'),
  query: l('搜索内容', 'Search text'),
  from: l('开始日期', 'From'),
  to: l('结束日期', 'To'),
  year: l('年份', 'Year'),
};

const METHOD_LABELS: Record<string, Label> = {
  'customers.contacts:name': l('姓名', 'Name'),
  'customers.create:name': l('客户名称', 'Customer name'),
  'customers.update:name': l('客户名称', 'Customer name'),
  'customers.projects:name': l('项目名称', 'Project name'),
  'customers.views:name': l('视图名称', 'View name'),
  'tickets.create:title': l('标题', 'Title'),
  'tickets.categories:name': l('类别名称', 'Category name'),
  'tickets.calendars:name': l('日历名称', 'Calendar name'),
  'tickets.policies:name': l('时限策略名称', 'Policy name'),
  'tickets.transition:note': l('说明', 'Note'),
};

/** The label of a field (the last named segment of an issue's path) in a method's form, or null if unknown. */
export function fieldLabel(method: string, path: readonly PropertyKey[], locale: Locale): string | null {
  const names = path.filter((p): p is string => typeof p === 'string');
  const field = names[names.length - 1];
  if (!field) return null;
  const parts = method.split('.');
  for (let n = parts.length; n > 0; n--) {
    const specific = METHOD_LABELS[`${parts.slice(0, n).join('.')}:${field}`];
    if (specific) return specific[locale];
  }
  return LABELS[field]?.[locale] ?? null;
}
