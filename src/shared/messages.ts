import type { Locale } from './locale';

/**
 * Messages the main process sends to users (errors and validation), in both languages.
 * Keys are referenced by AppError and by zod `error` options in the contract.
 */
export const messages: Record<string, Record<Locale, string>> = {
  // transport / API
  'error.VALIDATION': { 'zh-CN': '输入有误：{details}', en: 'Invalid input: {details}' },
  'error.UNAUTHENTICATED': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'error.FORBIDDEN': {
    'zh-CN': '您的角色无权执行此操作，如需权限请联系管理员。',
    en: 'Your role may not do this. Ask an administrator if you need access.',
  },
  'error.NOT_FOUND': { 'zh-CN': '找不到该记录，可能已被删除。', en: 'Record not found; it may have been deleted.' },
  'error.CONFLICT': { 'zh-CN': '操作冲突，请刷新后重试。', en: 'Conflict; refresh and try again.' },
  'error.INTERNAL': {
    'zh-CN': '系统内部错误，数据未作更改。请重试，若仍失败请联系管理员。',
    en: 'Internal error; nothing was changed. Try again, and contact an administrator if it persists.',
  },
  'error.unknownMethod': { 'zh-CN': '未知的接口方法：{method}', en: 'Unknown API method: {method}' },
  'error.badJson': { 'zh-CN': '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  'error.sessionExpired': {
    'zh-CN': '登录已过期（长时间未操作），请重新登录。',
    en: 'Your session has expired after a period of inactivity; please sign in again.',
  },
  // auth
  'auth.badCredentials': { 'zh-CN': '用户名或密码错误。', en: 'Wrong username or password.' },
  'auth.badCredentialsLeft': {
    'zh-CN': '用户名或密码错误，再错 {left} 次账号将锁定 15 分钟。',
    en: 'Wrong username or password. {left} more failures will lock the account for 15 minutes.',
  },
  'auth.locked': {
    'zh-CN': '连续登录失败次数过多，账号已锁定，请于 {until} 后再试或联系管理员解锁。',
    en: 'Too many failed sign-ins; the account is locked until {until}. Try later or ask an administrator.',
  },
  'auth.inactive': {
    'zh-CN': '该账号已停用，请联系管理员。',
    en: 'This account is deactivated; contact an administrator.',
  },
  'auth.setupDone': {
    'zh-CN': '系统已完成初始化，请直接登录。',
    en: 'Setup has already been done; please sign in.',
  },
  'auth.wrongCurrentPassword': { 'zh-CN': '当前密码不正确。', en: 'The current password is wrong.' },
  'auth.samePassword': {
    'zh-CN': '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  // users
  'users.usernameTaken': {
    'zh-CN': '用户名“{username}”已被使用，请换一个。',
    en: 'The username "{username}" is taken; choose another.',
  },
  'users.lastAdmin': {
    'zh-CN': '不能停用或降级最后一位系统管理员。',
    en: 'The last active administrator cannot be deactivated or given another role.',
  },
  'users.notFound': { 'zh-CN': '找不到该用户。', en: 'User not found.' },
  // validation keys used by zod schemas
  'password.letters': { 'zh-CN': '密码须包含字母', en: 'the password must contain a letter' },
  'password.digits': { 'zh-CN': '密码须包含数字', en: 'the password must contain a digit' },
  'username.chars': {
    'zh-CN': '用户名只能包含字母、数字、下划线、点和连字符',
    en: 'usernames may contain only letters, digits, _ . and -',
  },
  'branchCode.format': {
    'zh-CN': '分公司编码须为 2–10 位大写字母或数字',
    en: 'the branch code must be 2–10 capital letters or digits',
  },
  'phone.format': { 'zh-CN': '电话号码只能包含数字、空格、+、-、括号', en: 'a phone number may contain only digits, spaces, + - ( )' },
  'list.duplicates': { 'zh-CN': '列表中有重复项', en: 'the list has duplicates' },
  'url.format': { 'zh-CN': '地址须以 http:// 或 https:// 开头', en: 'the address must start with http:// or https://' },
  // customers (issue #3)
  'customers.creditCode': {
    'zh-CN': '统一社会信用代码应为 18 位且校验位正确，请核对',
    en: 'the unified social credit code must have 18 characters and a correct check character',
  },
  'date.format': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'dates must look like YYYY-MM-DD' },
  'period.format': { 'zh-CN': '账期格式应为 YYYY-MM', en: 'a bill period must look like YYYY-MM' },
  'email.format': { 'zh-CN': '电子邮箱格式不正确', en: 'the e-mail address is not valid' },
  'qq.format': { 'zh-CN': 'QQ 号只能包含数字', en: 'a QQ number may contain only digits' },
  'customers.weightsSum': { 'zh-CN': '各项权重之和须为 100', en: 'the weights must add up to 100' },
  'customers.thresholdOrder': {
    'zh-CN': '等级分数线须满足 战略 ≥ 重点 ≥ VIP ≥ 优质',
    en: 'grade minimums must satisfy strategic ≥ key ≥ VIP ≥ quality',
  },
  'customers.periodFormat': {
    'zh-CN': '评价期间格式应为 2026-10（月）、2026-Q3（季）或 2026（年）',
    en: 'the period must look like 2026-10 (month), 2026-Q3 (quarter) or 2026 (year)',
  },
  'import.fileType': { 'zh-CN': '只支持 .xlsx 或 .csv 文件', en: 'only .xlsx and .csv files can be imported' },
  'customers.duplicate': {
    'zh-CN': '客户“{name}”已存在，第一责任人：{owner}。请勿重复建档，如需接手请联系部门负责人。',
    en: 'Customer "{name}" already exists, owned by {owner}. Do not create a second copy; ask your leader to transfer it.',
  },
  'customers.poolOwner': { 'zh-CN': '公海（无人负责）', en: 'the pool (unowned)' },
  'customers.notYours': {
    'zh-CN': '该客户不在您的负责范围内，只能查看；如需修改请先认领或联系部门负责人。',
    en: 'This customer is not yours, so you can only view it; claim it or ask your leader first.',
  },
  'customers.parentCycle': {
    'zh-CN': '上级集团不能是该客户本身或其下级单位。',
    en: 'The parent group cannot be the customer itself or one of its subsidiaries.',
  },
  'customers.parentNotFound': { 'zh-CN': '找不到所选的上级集团客户。', en: 'The chosen parent group customer was not found.' },
  'customers.ownerInvalid': {
    'zh-CN': '第一责任人须为在职的客户经理。',
    en: 'The first-responsible person must be an active account manager.',
  },
  'customers.notInPool': {
    'zh-CN': '客户“{name}”已有第一责任人，不能认领。',
    en: 'Customer "{name}" already has an owner and cannot be claimed.',
  },
  'customers.claimLimit': {
    'zh-CN': '本月认领已达上限（{limit} 个，已认领 {used} 个），请下月再认领或联系部门负责人分配。',
    en: 'Monthly claim limit reached ({used} of {limit}); claim again next month or ask your leader to assign.',
  },
  'customers.sameOwner': { 'zh-CN': '客户已归属该客户经理，无需移交。', en: 'The customer already belongs to that manager.' },
  'customers.alreadyPool': { 'zh-CN': '客户“{name}”已在公海中。', en: 'Customer "{name}" is already in the pool.' },
  'customers.sameStage': { 'zh-CN': '客户已处于该阶段。', en: 'The customer is already at that stage.' },
  'customers.requiredField': { 'zh-CN': '新增时必须填写“{field}”。', en: '"{field}" is required when adding.' },
  'customers.billPeriodTaken': {
    'zh-CN': '该客户 {period} 的账单已存在，请修改原账单。',
    en: 'A bill for {period} already exists for this customer; edit that bill instead.',
  },
  'customers.paidOverBilled': { 'zh-CN': '实收金额不能大于应收金额。', en: 'The paid amount cannot exceed the billed amount.' },
  'customers.serviceNotFound': { 'zh-CN': '所选业务实例不属于该客户。', en: 'The chosen service instance does not belong to this customer.' },
  'customers.viewNotYours': { 'zh-CN': '只能修改或删除自己的视图。', en: 'You can change or delete only your own views.' },
  'customers.viewShareLeader': { 'zh-CN': '只有部门负责人或管理员可以共享视图。', en: 'Only leaders and administrators can share views.' },
  'customers.warningNotYours': { 'zh-CN': '该预警不属于您的客户。', en: 'This warning is not about one of your customers.' },
  'customers.noBills': { 'zh-CN': '该期间没有任何账单，无法评价。', en: 'There are no bills in that period to evaluate.' },
  // customers: timeline titles
  'timeline.create': { 'zh-CN': '建档，第一责任人：{to}', en: 'Profile created, owner: {to}' },
  'timeline.transfer': { 'zh-CN': '移交：{from} → {to}', en: 'Transferred: {from} → {to}' },
  'timeline.release': { 'zh-CN': '释放到公海（原负责人：{from}）', en: 'Released to the pool (was {from})' },
  'timeline.claim': { 'zh-CN': '从公海认领：{to}', en: 'Claimed from the pool by {to}' },
  'timeline.import': { 'zh-CN': '导入建档，第一责任人：{to}', en: 'Created by import, owner: {to}' },
  'timeline.stage': { 'zh-CN': '阶段：{from} → {to}', en: 'Stage: {from} → {to}' },
  'timeline.evaluation': { 'zh-CN': '{period} 评价：{score} 分，等级 {grade}', en: '{period} evaluation: score {score}, grade {grade}' },
  'timeline.auditCreate': { 'zh-CN': '新增{entity}', en: 'Added {entity}' },
  'timeline.auditUpdate': { 'zh-CN': '修改{entity}：{fields}', en: 'Edited {entity}: {fields}' },
  'timeline.auditDelete': { 'zh-CN': '删除{entity}', en: 'Removed {entity}' },
  'entity.customers': { 'zh-CN': '客户资料', en: 'customer profile' },
  'entity.customer_contacts': { 'zh-CN': '关键人', en: 'key person' },
  'entity.service_instances': { 'zh-CN': '业务实例', en: 'service instance' },
  'entity.customer_bills': { 'zh-CN': '账单', en: 'bill' },
  'entity.customer_credit': { 'zh-CN': '信用记录', en: 'credit record' },
  'entity.customer_projects': { 'zh-CN': '项目', en: 'project' },
  'entity.customer_resources': { 'zh-CN': '占用资源', en: 'occupied resource' },
  'stage.new': { 'zh-CN': '新客户', en: 'new' },
  'stage.target': { 'zh-CN': '目标', en: 'target' },
  'stage.potential': { 'zh-CN': '潜在', en: 'potential' },
  'stage.intent': { 'zh-CN': '意向', en: 'intent' },
  'stage.signed': { 'zh-CN': '签约', en: 'signed' },
  'stage.churned': { 'zh-CN': '流失', en: 'churned' },
  'grade.strategic': { 'zh-CN': '战略', en: 'strategic' },
  'grade.key': { 'zh-CN': '重点', en: 'key' },
  'grade.vip': { 'zh-CN': 'VIP', en: 'VIP' },
  'grade.quality': { 'zh-CN': '优质', en: 'quality' },
  'grade.normal': { 'zh-CN': '普通', en: 'normal' },
  'type.gov': { 'zh-CN': '党政军', en: 'government' },
  'type.group': { 'zh-CN': '集团', en: 'group' },
  'type.enterprise': { 'zh-CN': '企业', en: 'enterprise' },
  'type.strategic': { 'zh-CN': '战略客户', en: 'strategic' },
  'warning.spend_drop': {
    'zh-CN': '{period} 消费较前三月均值下降 {value}%',
    en: 'Spend in {period} fell {value}% below the previous 3-month average',
  },
  'warning.arrears': { 'zh-CN': '欠费已逾期 {value} 天', en: 'Arrears overdue by {value} days' },
  // customers: import
  'import.errorsFound': {
    'zh-CN': '导入文件有 {count} 处错误，未写入任何数据。请先预览并修正后再导入。',
    en: 'The file has {count} errors; nothing was imported. Run the preview and fix them first.',
  },
  'import.unreadable': {
    'zh-CN': '无法读取该文件，请确认是 Excel (.xlsx) 或 CSV 文件。',
    en: 'The file cannot be read; make sure it is an Excel (.xlsx) or CSV file.',
  },
  'import.empty': { 'zh-CN': '文件中没有数据行。', en: 'The file has no data rows.' },
  'import.tooManyRows': { 'zh-CN': '单次最多导入 {max} 行，请拆分文件。', en: 'At most {max} rows per import; split the file.' },
  'import.required': { 'zh-CN': '必填项为空', en: 'required value is empty' },
  'import.missingColumn': { 'zh-CN': '缺少必需的列“{field}”', en: 'the required column "{field}" is missing' },
  'import.badEnum': { 'zh-CN': '无法识别的值“{value}”', en: 'unrecognised value "{value}"' },
  'import.badNumber': { 'zh-CN': '“{value}”不是有效金额', en: '"{value}" is not a valid amount' },
  'import.badDate': { 'zh-CN': '“{value}”不是有效日期', en: '"{value}" is not a valid date' },
  'import.badPeriod': { 'zh-CN': '“{value}”不是有效账期（应为 YYYY-MM）', en: '"{value}" is not a valid period (YYYY-MM)' },
  'import.badCreditCode': { 'zh-CN': '统一社会信用代码“{value}”校验不通过', en: 'the credit code "{value}" fails its check' },
  'import.badPhone': { 'zh-CN': '电话号码“{value}”格式不正确', en: 'the phone number "{value}" is not valid' },
  'import.tooLong': { 'zh-CN': '内容过长（最多 {max} 字）', en: 'too long (at most {max} characters)' },
  'import.duplicateInFile': { 'zh-CN': '与第 {row} 行重复', en: 'duplicates row {row}' },
  'import.customerNotFound': { 'zh-CN': '找不到客户“{value}”', en: 'customer "{value}" not found' },
  'import.ownedByOther': {
    'zh-CN': '客户已存在，第一责任人：{owner}',
    en: 'the customer already exists, owned by {owner}',
  },
  'import.ownerNotFound': { 'zh-CN': '找不到客户经理“{value}”', en: 'account manager "{value}" not found' },
  'import.paidOverBilled': { 'zh-CN': '实收金额大于应收金额', en: 'paid is more than billed' },
  'import.alreadyUndone': { 'zh-CN': '该批次已撤销。', en: 'This batch has already been undone.' },
  'import.notYourBatch': { 'zh-CN': '只能撤销自己导入的批次。', en: 'You can undo only your own imports.' },
};

/** Renders a message in a locale, filling {param} placeholders; unknown keys come back unchanged. */
export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = messages[key];
  const template = entry ? entry[locale] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isMessageKey(key: string): boolean {
  return Object.hasOwn(messages, key);
}
