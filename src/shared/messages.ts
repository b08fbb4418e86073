import type { Locale } from './locale';
import { contractsMessages } from './messages-contracts';
import { formsMessages } from './messages-forms';
import { ordersMessages } from './messages-orders';
import { searchMessages } from './messages-search';
import { visitsMessages } from './messages-visits';
import { careMessages } from './messages-care';

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
  'error.idempotencyKey': {
    'zh-CN': '请求编号（Idempotency-Key）格式不对：应为 8–100 位字母、数字或 _ . : -。',
    en: 'The request key (Idempotency-Key) must be 8–100 letters, digits or _ . : -.',
  },
  'error.idempotencyKeyReused': {
    'zh-CN': '这个请求编号已用于另一项操作，请刷新页面后重新提交。',
    en: 'This request key was already used for another action; reload the page and submit again.',
  },
  'error.badJson': { 'zh-CN': '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  'error.sessionExpired': {
    'zh-CN': '登录已过期（长时间未操作），请重新登录。',
    en: 'Your session has expired after a period of inactivity; please sign in again.',
  },
  // auth
  'auth.badCredentials': { 'zh-CN': '用户名或密码错误。', en: 'Wrong username or password.' },
  'auth.badCredentialsLeft': {
    'zh-CN': '用户名或密码错误，再错 {left} 次账号将锁定 {duration}。',
    en: 'Wrong username or password. {left} more failures will lock the account for {duration}.',
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
  // validation issues in the user's words (src/shared/validation.ts)
  'valid.summary': { 'zh-CN': '请检查：{details}', en: 'Please check: {details}' },
  'valid.labelled': { 'zh-CN': '“{label}”：{text}', en: '{label}: {text}' },
  'valid.thisField': { 'zh-CN': '此项', en: 'This field' },
  'valid.required': { 'zh-CN': '请填写“{label}”', en: 'Fill in "{label}"' },
  'valid.tooLong': {
    'zh-CN': '“{label}”最多 {max} 个字，请删减',
    en: '"{label}" can have at most {max} characters; shorten it',
  },
  'valid.tooShort': { 'zh-CN': '“{label}”至少要 {min} 个字', en: '"{label}" needs at least {min} characters' },
  'valid.tooMany': { 'zh-CN': '“{label}”最多选 {max} 项', en: 'Choose at most {max} for "{label}"' },
  'valid.tooFew': { 'zh-CN': '“{label}”至少选 {min} 项', en: 'Choose at least {min} for "{label}"' },
  'valid.negative': { 'zh-CN': '“{label}”不能为负数', en: '"{label}" cannot be negative' },
  'valid.numberTooBig': { 'zh-CN': '“{label}”不能大于 {max}', en: '"{label}" cannot be more than {max}' },
  'valid.numberTooSmall': { 'zh-CN': '“{label}”不能小于 {min}', en: '"{label}" cannot be less than {min}' },
  'valid.number': { 'zh-CN': '“{label}”应填数字', en: '"{label}" must be a number' },
  'valid.wholeNumber': { 'zh-CN': '“{label}”应为整数', en: '"{label}" must be a whole number' },
  'valid.moneyNegative': {
    'zh-CN': '“{label}”不能为负数；退款或冲销请另行登记，不要填负数',
    en: '"{label}" cannot be negative; record refunds or credits separately instead of a negative amount',
  },
  'valid.moneyTooBig': { 'zh-CN': '“{label}”不能超过 {max}', en: '"{label}" cannot exceed {max}' },
  'valid.moneyTooSmall': { 'zh-CN': '“{label}”不能少于 {min}', en: '"{label}" cannot be less than {min}' },
  'valid.moneyNumber': {
    'zh-CN': '“{label}”应为金额，如 12500.50（最多两位小数）',
    en: '"{label}" must be an amount such as 12500.50 (at most two decimals)',
  },
  'valid.wrongType': { 'zh-CN': '“{label}”的内容不对，请重新填写', en: '"{label}" has the wrong kind of value; enter it again' },
  'valid.choose': { 'zh-CN': '请从列表中选择“{label}”', en: 'Choose "{label}" from the list' },
  'valid.format': { 'zh-CN': '“{label}”的格式不对，请检查', en: '"{label}" is not in the right format; check it' },
  'valid.email': { 'zh-CN': '“{label}”应为邮箱地址，如 name@example.com', en: '"{label}" must be an email address such as name@example.com' },
  'valid.unknownFields': {
    'zh-CN': '提交的内容里有本页面不认识的项（{fields}），请刷新页面后重试',
    en: 'The submitted form has items this page does not know ({fields}); reload the page and try again',
  },
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
  'phone.mobile': {
    'zh-CN': '手机号应为 11 位、以 13–19 开头，如 139 0471 1234',
    en: 'a mobile number has 11 digits starting with 13–19, e.g. 139 0471 1234',
  },
  'phone.any': {
    'zh-CN': '请填写 11 位手机号，或带区号的座机号（如 0471-6661234，分机可写“转 801”）',
    en: 'enter an 11-digit mobile, or a landline with its area code (e.g. 0471-6661234, extension as "ext 801")',
  },
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
  'warning.no_visit': { 'zh-CN': '超过走访周期 {value} 天未走访', en: 'Not visited for {value} days past the grade\'s visit interval' },
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
  'import.garbled': {
    'zh-CN': '文件内容像是乱码，可能是编码不对：请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后重新导入。',
    en: 'The file\'s text looks garbled, probably the wrong encoding: in Excel, save it as "CSV UTF-8" or .xlsx and import it again.',
  },
  'import.tooManyRows': { 'zh-CN': '单次最多导入 {max} 行，请拆分文件。', en: 'At most {max} rows per import; split the file.' },
  'import.required': { 'zh-CN': '必填项为空', en: 'required value is empty' },
  'import.missingColumn': { 'zh-CN': '缺少必需的列“{field}”', en: 'the required column "{field}" is missing' },
  'import.badEnum': { 'zh-CN': '无法识别的值“{value}”', en: 'unrecognised value "{value}"' },
  'import.badNumber': { 'zh-CN': '“{value}”不是有效金额', en: '"{value}" is not a valid amount' },
  'import.badDate': { 'zh-CN': '“{value}”不是有效日期', en: '"{value}" is not a valid date' },
  'import.badPeriod': { 'zh-CN': '“{value}”不是有效账期（应为 YYYY-MM）', en: '"{value}" is not a valid period (YYYY-MM)' },
  'import.badCreditCode': { 'zh-CN': '统一社会信用代码“{value}”校验不通过', en: 'the credit code "{value}" fails its check' },
  'import.badPhone': {
    'zh-CN': '电话号码“{value}”不对：应为 11 位手机号，或带区号的座机号（如 0471-6661234）',
    en: 'the phone number "{value}" is not valid: use an 11-digit mobile or a landline with area code (e.g. 0471-6661234)',
  },
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
  // headquarters sync (issue #6)
  'sync.error.NOT_CONFIGURED': {
    'zh-CN': '尚未设置总部同步：请管理员在“同步设置”中填写总部地址和设备令牌。',
    en: 'Headquarters sync is not set up: an administrator should enter the HQ address and device token in Sync settings.',
  },
  'sync.error.NETWORK': {
    'zh-CN': '无法连接总部服务器。请检查网络和总部地址；数据已保存在本机，恢复连接后会自动同步。',
    en: 'Cannot reach the headquarters server. Check the network and the HQ address; your data is kept here and syncs automatically once connected.',
  },
  'sync.error.UNAUTHORIZED': {
    'zh-CN': '总部拒绝了本设备的令牌（令牌错误或已吊销）。请向总部索取新的设备令牌并在“同步设置”中填写。',
    en: 'Headquarters refused this device token (wrong or revoked). Ask HQ for a new device token and enter it in Sync settings.',
  },
  'sync.error.UPDATE_REQUIRED': {
    'zh-CN': '总部需要更新版本的 KAM Desk 才能继续同步，请升级本软件。数据已保存在本机，不会丢失。',
    en: 'Headquarters needs a newer KAM Desk to continue syncing; please update the app. Your data is kept here and nothing is lost.',
  },
  'sync.error.BRANCH_MISMATCH': {
    'zh-CN': '该设备令牌登记的分公司已绑定到另一个数据库。请确认令牌属于本分公司，或请总部为本机登记新设备。',
    en: 'The branch this token is registered for is bound to another database. Check the token belongs to this branch, or ask HQ to register this computer.',
  },
  'sync.error.BAD_REQUEST': {
    'zh-CN': '总部拒绝了同步请求。请升级本软件，若仍失败请联系总部管理员。',
    en: 'Headquarters rejected the sync request. Update the app, and contact the HQ administrator if it persists.',
  },
  'sync.error.BAD_RESPONSE': {
    'zh-CN': '总部返回了无法识别的数据，可能地址填错或版本不匹配。请检查总部地址。',
    en: 'Headquarters answered with data this app cannot read; the address may be wrong or the versions differ. Check the HQ address.',
  },
  'sync.error.NOT_FOUND': {
    'zh-CN': '该地址没有总部同步服务，请检查总部地址。',
    en: 'There is no HQ sync service at this address; check the HQ address.',
  },
  'sync.error.INTERNAL': {
    'zh-CN': '总部服务器出错，本次同步未完成。稍后会自动重试；若持续失败请联系总部管理员。',
    en: 'The headquarters server failed and this sync did not finish. It retries automatically; contact the HQ administrator if it keeps failing.',
  },
  'sync.error.CLOCK_AHEAD': {
    'zh-CN': '本机时间比总部快太多，{pending} 条修改暂缓上传。请校正电脑的日期和时间，修改会在之后自动上传。',
    en: "This computer's clock is too far ahead of headquarters; {pending} changes are held back. Correct the computer's date and time; they upload automatically afterwards.",
  },
  'sync.error.APPLY': {
    'zh-CN': '部分从总部收到的记录无法写入本机，其余已同步。请联系管理员查看日志。',
    en: 'Some records received from headquarters could not be stored here; the rest synced. Ask an administrator to check the log.',
  },
  // red channel: SLA engine and tickets (issue #4)
  'sla.calendar.badHours': {
    'zh-CN': '工作时段有误：每段须在 00:00–24:00 之间且开始早于结束',
    en: 'bad working hours: each span must lie within 00:00–24:00 and start before it ends',
  },
  'sla.calendar.overlappingHours': { 'zh-CN': '同一天的工作时段有重叠或未按时间排序', en: 'the working hours of a day overlap or are out of order' },
  'sla.calendar.badDate': { 'zh-CN': '节假日或调休日期无效（应为 YYYY-MM-DD）', en: 'a holiday or make-up day is not a valid YYYY-MM-DD date' },
  'sla.calendar.neverOpen': { 'zh-CN': '该日历没有任何工作时间，无法计算时限', en: 'the calendar has no working hours, so no due time can be computed' },
  'sla.import.badDate': { 'zh-CN': '无法识别的日期，应为 2026-10-01 或 2026/10/1', en: 'unreadable date; write 2026-10-01 or 2026/10/1' },
  'sla.import.badRange': { 'zh-CN': '日期范围的结束早于开始', en: 'the range ends before it starts' },
  'sla.import.badKind': {
    'zh-CN': '无法识别类型：放假请写“休”，调休上班请写“班”',
    en: 'unknown kind: write "holiday" (休) or "workday" (班)',
  },
  'tickets.noPolicy': {
    'zh-CN': '没有适用于 {priority} 的服务时限策略，请管理员在“时限策略”中添加。',
    en: 'No SLA policy applies to {priority}; an administrator should add one under SLA policies.',
  },
  'tickets.badParentCategory': { 'zh-CN': '上级分类不存在或不能是自身。', en: 'The parent category does not exist or is the category itself.' },
  'tickets.unknownCalendar': { 'zh-CN': '所选工作日历不存在。', en: 'The chosen calendar does not exist.' },
  'tickets.policyOrder': { 'zh-CN': '解决时限不能短于响应时限。', en: 'The resolution target cannot be shorter than the response target.' },
  'tickets.policyExists': {
    'zh-CN': '{priority} × {grade} 的策略已存在，请直接修改它。',
    en: 'A policy for {priority} × {grade} already exists; edit that one.',
  },
  'tickets.matrixIncomplete': { 'zh-CN': '优先级矩阵须填满每种影响程度和客户等级。', en: 'The priority matrix must cover every impact and grade.' },
  'tickets.badAssignee': { 'zh-CN': '处理人不存在或已停用，请重新选择。', en: 'The assignee does not exist or is deactivated; choose another.' },
  'tickets.unknownCustomer': { 'zh-CN': '找不到该客户，请重新查找。', en: 'Customer not found; search again.' },
  'tickets.contactNotOfCustomer': { 'zh-CN': '所选联系人不属于该客户。', en: 'The chosen contact does not belong to this customer.' },
  'tickets.serviceNotOfCustomer': { 'zh-CN': '所选业务不属于该客户。', en: 'The chosen service does not belong to this customer.' },
  'tickets.badCategory': { 'zh-CN': '分类不存在、已停用或不适用于该工单类型。', en: 'The category does not exist, is inactive or does not fit this kind of ticket.' },
  'tickets.priorityReasonRequired': {
    'zh-CN': '优先级与矩阵计算结果不同，请填写调整原因。',
    en: 'The priority differs from the matrix; give a reason for the override.',
  },
  'tickets.deptRequired': { 'zh-CN': '指定处理人时须同时选择处理部门。', en: 'Choose a department along with the assignee.' },
  'tickets.transitionRefused': {
    'zh-CN': '工单 {number} 当前状态为“{status}”，不能执行“{action}”。当前可执行：{allowed}。',
    en: 'Ticket {number} is "{status}", so "{action}" is not possible. Possible now: {allowed}.',
  },
  'tickets.noActions': { 'zh-CN': '无（工单已关闭）', en: 'nothing (the ticket is closed)' },
  'tickets.actionForbidden': {
    'zh-CN': '您的角色不能对该工单执行此操作，请联系客户响应中心。',
    en: 'Your role cannot do this on the ticket; ask the service desk.',
  },
  'tickets.archiveDissatisfied': {
    'zh-CN': '客户对工单 {number} 不满意，请先返工；如需直接归档请由部门负责人操作。',
    en: 'The customer is dissatisfied with ticket {number}: rework it first, or have a leader archive it.',
  },
  'tickets.closed': { 'zh-CN': '工单 {number} 已关闭，不能再修改。', en: 'Ticket {number} is closed and cannot be changed.' },
  'tickets.noDataDir': { 'zh-CN': '当前没有数据目录，无法保存附件。', en: 'There is no data directory to store attachments in.' },
  'tickets.attachmentSize': { 'zh-CN': '附件须在 1 字节到 10 MB 之间。', en: 'An attachment must be between 1 byte and 10 MB.' },
  'tickets.attachmentMissing': {
    'zh-CN': '附件文件不在本机（可能在录入它的电脑上）。',
    en: 'The attachment file is not on this computer (it may be on the one that took it).',
  },
  'tickets.notify.customerComplaint': {
    'zh-CN': '您的客户“{customer}”有新投诉 {number}（{priority}）：{title}',
    en: 'New complaint {number} ({priority}) from your customer {customer}: {title}',
  },
  'tickets.notify.customerFault': {
    'zh-CN': '您的客户“{customer}”报障 {number}（{priority}）：{title}',
    en: 'Fault {number} ({priority}) reported by your customer {customer}: {title}',
  },
  'tickets.notify.assigned': {
    'zh-CN': '工单 {number}（{priority}，{customer}）已派给您：{title}',
    en: 'Ticket {number} ({priority}, {customer}) was assigned to you: {title}',
  },
  'tickets.notify.warning.response': {
    'zh-CN': '工单 {number}（{customer}）响应时限即将到期：{due}',
    en: 'Ticket {number} ({customer}) is close to its response deadline: {due}',
  },
  'tickets.notify.warning.resolution': {
    'zh-CN': '工单 {number}（{customer}）解决时限即将到期：{due}',
    en: 'Ticket {number} ({customer}) is close to its resolution deadline: {due}',
  },
  'tickets.notify.warning.reply': {
    'zh-CN': '工单 {number}（{customer}）答复时限即将到期：{due}',
    en: 'Ticket {number} ({customer}) is close to its reply deadline: {due}',
  },
  'tickets.notify.breach.response': {
    'zh-CN': '工单 {number}（{customer}，{priority}）响应已超时（时限 {due}），请督办。',
    en: 'Ticket {number} ({customer}, {priority}) missed its response deadline ({due}); please follow up.',
  },
  'tickets.notify.breach.resolution': {
    'zh-CN': '工单 {number}（{customer}，{priority}）解决已超时（时限 {due}），请督办。',
    en: 'Ticket {number} ({customer}, {priority}) missed its resolution deadline ({due}); please follow up.',
  },
  'tickets.notify.breach.reply': {
    'zh-CN': '工单 {number}（{customer}，{priority}）答复客户已超时（时限 {due}），请督办。',
    en: 'Ticket {number} ({customer}, {priority}) missed its reply deadline ({due}); please follow up.',
  },
  'tickets.kpi.none': { 'zh-CN': '（未指定）', en: '(not set)' },
  'tickets.kpi.total': { 'zh-CN': '合计', en: 'Total' },
  'tickets.kind.fault': { 'zh-CN': '故障', en: 'fault' },
  'tickets.kind.complaint': { 'zh-CN': '投诉', en: 'complaint' },
  'tickets.channel.phone': { 'zh-CN': '电话', en: 'phone' },
  'tickets.channel.walk_in': { 'zh-CN': '来访', en: 'walk-in' },
  'tickets.channel.email': { 'zh-CN': '邮件', en: 'e-mail' },
  'tickets.channel.account_manager': { 'zh-CN': '客户经理代报', en: 'via account manager' },
  'tickets.status.new': { 'zh-CN': '新建', en: 'New' },
  'tickets.status.dispatched': { 'zh-CN': '已派单', en: 'Dispatched' },
  'tickets.status.in_progress': { 'zh-CN': '处理中', en: 'In progress' },
  'tickets.status.waiting': { 'zh-CN': '待客户', en: 'Waiting on customer' },
  'tickets.status.resolved': { 'zh-CN': '已解决', en: 'Resolved' },
  'tickets.status.replied': { 'zh-CN': '已答复', en: 'Replied' },
  'tickets.status.visited': { 'zh-CN': '已回访', en: 'Followed up' },
  'tickets.status.archived': { 'zh-CN': '已归档', en: 'Archived' },
  'tickets.status.cancelled': { 'zh-CN': '已取消', en: 'Cancelled' },
  'tickets.action.assign': { 'zh-CN': '派单', en: 'Assign' },
  'tickets.action.start': { 'zh-CN': '开始处理', en: 'Start' },
  'tickets.action.wait': { 'zh-CN': '待客户', en: 'Wait on customer' },
  'tickets.action.resume': { 'zh-CN': '恢复处理', en: 'Resume' },
  'tickets.action.resolve': { 'zh-CN': '解决', en: 'Resolve' },
  'tickets.action.reply': { 'zh-CN': '答复客户', en: 'Reply to customer' },
  'tickets.action.visit': { 'zh-CN': '回访', en: 'Follow-up visit' },
  'tickets.action.archive': { 'zh-CN': '归档', en: 'Archive' },
  'tickets.action.rework': { 'zh-CN': '返工', en: 'Rework' },
  'tickets.action.cancel': { 'zh-CN': '取消', en: 'Cancel' },
  'tickets.clock.response': { 'zh-CN': '响应', en: 'response' },
  'tickets.clock.resolution': { 'zh-CN': '解决', en: 'resolution' },
  'tickets.clock.reply': { 'zh-CN': '答复', en: 'reply' },
  'tickets.replyMethod.phone': { 'zh-CN': '电话', en: 'phone' },
  'tickets.replyMethod.visit': { 'zh-CN': '上门', en: 'in person' },
  'tickets.replyMethod.email': { 'zh-CN': '邮件', en: 'e-mail' },
  'tickets.replyMethod.sms': { 'zh-CN': '短信', en: 'SMS' },
  'tickets.replyMethod.wechat': { 'zh-CN': '微信', en: 'WeChat' },
  'tickets.ourFault.yes': { 'zh-CN': '我方责任', en: 'our fault' },
  'tickets.ourFault.no': { 'zh-CN': '非我方责任', en: 'not our fault' },
  'tickets.event.created': { 'zh-CN': '受理{kind}（{priority}，{channel}）', en: 'Opened {kind} ({priority}, {channel})' },
  'tickets.event.assign': { 'zh-CN': '派单：{dept} {assignee}', en: 'Assigned to {dept} {assignee}' },
  'tickets.event.start': { 'zh-CN': '开始处理', en: 'Work started' },
  'tickets.event.wait': { 'zh-CN': '等待客户，计时暂停', en: 'Waiting on the customer; clock paused' },
  'tickets.event.resume': { 'zh-CN': '恢复处理，计时继续', en: 'Work resumed; clock running' },
  'tickets.event.resolve': {
    'zh-CN': '已解决：{cause}（责任部门：{dept}，{fault}）',
    en: 'Resolved: {cause} (responsible: {dept}, {fault})',
  },
  'tickets.event.reply': { 'zh-CN': '已答复客户（{method}）', en: 'Customer answered ({method})' },
  'tickets.event.visit': { 'zh-CN': '回访：满意度 {score}/5', en: 'Follow-up: satisfaction {score}/5' },
  'tickets.event.archive': { 'zh-CN': '已归档（投诉档案）', en: 'Archived (complaint archive)' },
  'tickets.event.rework': { 'zh-CN': '返工（第 {count} 次）', en: 'Rework (#{count})' },
  'tickets.event.cancel': { 'zh-CN': '已取消', en: 'Cancelled' },
  'tickets.event.priority': { 'zh-CN': '优先级 {from} → {to}，时限已重算', en: 'Priority {from} → {to}; due times recomputed' },
  'tickets.event.note': { 'zh-CN': '备注', en: 'Note' },
  'tickets.event.sla_warning': { 'zh-CN': '{clock}时限即将到期，已提醒负责人', en: 'The {clock} deadline is near; leaders told' },
  'tickets.event.sla_breach': { 'zh-CN': '{clock}已超时，已升级至分公司领导', en: 'The {clock} deadline was missed; escalated to branch leaders' },
  'tickets.event.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
  'tickets.fieldRequired': { 'zh-CN': '此操作必须填写该项', en: 'this action needs this field' },
  // Modules keep their messages in files of their own.
  ...ordersMessages,
  ...formsMessages,
  ...contractsMessages,
  ...searchMessages,
  ...visitsMessages,
  ...careMessages,
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
