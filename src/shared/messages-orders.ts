import type { Locale } from './locale';

/** Server messages of the orders module (errors, notifications, timeline lines), merged into messages.ts. */
export const ordersMessages: Record<string, Record<Locale, string>> = {
  'green.event.onBehalfOf': { 'zh-CN': '（代 {name} 审批）', en: ' (for {name})' },
  'green.event.order.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
  'green.event.form.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
  'green.event.contract.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },

  // work orders: timeline lines (green_events kind → title; data as parameters)
  'green.event.order.created': { 'zh-CN': '客户经理下单：{type}（{products}）', en: 'Order opened: {type} ({products})' },
  'green.event.order.stage_entered': {
    'zh-CN': '进入环节“{stage}”（{dept}，第 {attempt} 次），时限至 {due}',
    en: 'Entered stage "{stage}" ({dept}, pass {attempt}), due {due}',
  },
  'green.event.order.accepted': { 'zh-CN': '受理环节“{stage}”', en: 'Took stage "{stage}"' },
  'green.event.order.completed': { 'zh-CN': '完成环节“{stage}”', en: 'Completed stage "{stage}"' },
  'green.event.order.skipped': { 'zh-CN': '跳过环节“{stage}”', en: 'Skipped stage "{stage}"' },
  'green.event.order.returned': {
    'zh-CN': '异常返单：从“{stage}”退回“{to}”，原因：{reason}',
    en: 'Returned from "{stage}" to "{to}", reason: {reason}',
  },
  'green.event.order.resubmitted': { 'zh-CN': '客户经理修改后重新提交至“{to}”', en: 'Fixed and resubmitted to "{to}"' },
  'green.event.order.activated': { 'zh-CN': '业务开通 {count} 项：{services}', en: '{count} service(s) activated: {services}' },
  'green.event.order.signed_off': {
    'zh-CN': '客户签收，工单归档（全程用时 {minutes}，计划 {plan}）',
    en: 'Signed off and archived ({minutes} of business time end to end, plan {plan})',
  },
  'green.event.order.cancelled': { 'zh-CN': '工单已取消', en: 'Order cancelled' },
  'green.event.order.updated': { 'zh-CN': '修改工单（{fields}）', en: 'Order edited ({fields})' },
  'green.event.order.sla_warning': { 'zh-CN': '环节“{stage}”即将超时（时限 {due}）', en: 'Stage "{stage}" about to breach (due {due})' },
  'green.event.order.sla_breach': { 'zh-CN': '环节“{stage}”已超时（时限 {due}），已升级至部门领导', en: 'Stage "{stage}" breached (due {due}), escalated to the leader' },

  // work orders: statuses and actions as named in messages
  'orders.status.in_progress': { 'zh-CN': '在途', en: 'In progress' },
  'orders.status.returned': { 'zh-CN': '退回客户经理', en: 'Returned to account manager' },
  'orders.status.closed': { 'zh-CN': '已归档', en: 'Archived' },
  'orders.status.cancelled': { 'zh-CN': '已取消', en: 'Cancelled' },
  'orders.stageStatus.waiting': { 'zh-CN': '待受理', en: 'Waiting' },
  'orders.stageStatus.accepted': { 'zh-CN': '处理中', en: 'In hand' },
  'orders.stageStatus.done': { 'zh-CN': '已完成', en: 'Done' },
  'orders.stageStatus.returned': { 'zh-CN': '已退回', en: 'Returned' },
  'orders.stageStatus.skipped': { 'zh-CN': '已跳过', en: 'Skipped' },
  'orders.stageStatus.cancelled': { 'zh-CN': '已取消', en: 'Cancelled' },
  'orders.action.accept': { 'zh-CN': '受理', en: 'take' },
  'orders.action.complete': { 'zh-CN': '完成环节', en: 'complete the stage' },
  'orders.action.skip': { 'zh-CN': '跳过环节', en: 'skip the stage' },
  'orders.action.return': { 'zh-CN': '异常返单', en: 'return' },
  'orders.action.resubmit': { 'zh-CN': '重新提交', en: 'resubmit' },
  'orders.action.signoff': { 'zh-CN': '客户签收', en: 'sign off' },
  'orders.action.cancel': { 'zh-CN': '取消工单', en: 'cancel' },
  'orders.action.update': { 'zh-CN': '修改工单', en: 'edit' },
  'orders.action.attach': { 'zh-CN': '上传附件', en: 'attach a file' },

  // work orders: errors
  'orders.actionRefused': {
    'zh-CN': '工单 {number} 当前为“{state}”，不能{action}。现在可以：{allowed}。',
    en: 'Order {number} is "{state}"; you cannot {action} it now. Allowed now: {allowed}.',
  },
  'orders.noActions': { 'zh-CN': '无（请刷新查看工单最新状态）', en: 'nothing (refresh to see the order as it is now)' },
  'orders.notYourStage': {
    'zh-CN': '环节“{stage}”由{dept}处理，您不能操作。',
    en: 'The stage "{stage}" is worked by {dept}; you cannot act on it.',
  },
  'orders.ownerOnly': { 'zh-CN': '只有该工单的客户经理或领导可以这样做。', en: 'Only the order\'s account manager or a leader can do this.' },
  'orders.badCode': {
    'zh-CN': '编码只能用小写英文字母、数字和下划线，以字母开头',
    en: 'codes use lower-case letters, digits and underscores, starting with a letter',
  },
  'orders.duplicateCode': { 'zh-CN': '编码“{code}”重复，请改用另一个编码。', en: 'The code "{code}" is used twice; choose another.' },
  'orders.noActiveType': { 'zh-CN': '至少保留一个启用的业务类型。', en: 'Keep at least one business type active.' },
  'orders.unknownBusinessType': { 'zh-CN': '找不到业务类型“{type}”，请重新选择。', en: 'Unknown business type "{type}"; choose again.' },
  'orders.inactiveBusinessType': { 'zh-CN': '业务类型“{type}”已停用，请选择其他类型。', en: 'The business type "{type}" is retired; choose another.' },
  'orders.badContract': { 'zh-CN': '关联合同不属于该客户，请重新选择合同。', en: 'The linked contract is not this customer\'s; choose another.' },
  'orders.badOwner': { 'zh-CN': '所选客户经理不存在或已停用。', en: 'The chosen account manager does not exist or is inactive.' },
  'orders.servicesRequired': {
    'zh-CN': '业务开通须填写开通的业务（产品、业务号码/电路编号、带宽、地址、月租费、起租日期）。',
    en: 'Activation needs the services put into operation (product, service number / circuit, bandwidth, address, monthly fee, start date).',
  },
  'orders.stageRequired': { 'zh-CN': '环节“{stage}”为必经环节，不能跳过。', en: 'The stage "{stage}" is required and cannot be skipped.' },
  'orders.unknownReason': { 'zh-CN': '请选择返单原因。', en: 'Choose a reason for the return.' },
  'orders.returnTarget': {
    'zh-CN': '请选择退回到哪个环节，或退回客户经理（二选一）',
    en: 'choose the stage to return to, or the account manager (one of the two)',
  },
  'orders.returnEarlier': {
    'zh-CN': '只能退回到“{stage}”之前的环节。',
    en: 'An order can only be returned to a stage before "{stage}".',
  },

  // work orders: notifications
  'orders.notify.stage': {
    'zh-CN': '工单 {number}（{customer}）到达“{stage}”，请在 {due} 前处理',
    en: 'Order {number} ({customer}) reached "{stage}"; due {due}',
  },
  'orders.notify.returned': {
    'zh-CN': '工单 {number}（{customer}）在“{stage}”被退回“{to}”：{reason}',
    en: 'Order {number} ({customer}) was returned from "{stage}" to "{to}": {reason}',
  },
  'orders.notify.returnedToOwner': {
    'zh-CN': '工单 {number}（{customer}）在“{stage}”被退回给您：{reason}，请修改后重新提交',
    en: 'Order {number} ({customer}) was returned to you from "{stage}": {reason}. Fix it and resubmit.',
  },
  'orders.notify.cancelled': { 'zh-CN': '工单 {number}（{customer}）已取消：{reason}', en: 'Order {number} ({customer}) was cancelled: {reason}' },
  'orders.notify.warning': {
    'zh-CN': '工单 {number}（{customer}）环节“{stage}”即将超时（{due}）',
    en: 'Order {number} ({customer}): stage "{stage}" is about to breach ({due})',
  },
  'orders.notify.breach': {
    'zh-CN': '工单 {number}（{customer}）环节“{stage}”已超时（{due}）',
    en: 'Order {number} ({customer}): stage "{stage}" breached ({due})',
  },
};
