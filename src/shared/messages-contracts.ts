import type { Locale } from './locale';

/** Server messages of the contracts module (errors, notifications, timeline lines), merged into messages.ts. */
export const contractsMessages: Record<string, Record<Locale, string>> = {
  'contracts.termRequired': { 'zh-CN': '签订合同须填写此日期', en: 'a signed contract needs this date' },
  'contracts.endBeforeStart': { 'zh-CN': '结束日期不能早于开始日期', en: 'the end date cannot be before the start date' },
  'contracts.notAllowed': {
    'zh-CN': '合同 {number} 当前为“{status}”，不能{action}。此状态下可以：{allowed}。',
    en: 'Contract {number} is "{status}": you cannot {action} it. Allowed now: {allowed}.',
  },
  'contracts.nothingAllowed': { 'zh-CN': '无', en: 'nothing' },
  'contracts.datesFixed': {
    'zh-CN': '已签订合同的日期不能直接修改：到期后请“续签”，默认延续请“顺延”。',
    en: 'The dates of a signed contract cannot be edited: renew it, or extend it for a tacit extension.',
  },
  'contracts.extendNotLater': {
    'zh-CN': '顺延后的结束日期须晚于当前结束日期 {end}。',
    en: 'The new end date must be after the current end date {end}.',
  },
  'contracts.renewNotLater': {
    'zh-CN': '续签合同的结束日期须晚于原合同的结束日期 {end}。',
    en: 'The renewal must end after the current contract\'s end date {end}.',
  },
  'contracts.ownerInvalid': {
    'zh-CN': '负责人须为在职的客户经理或领导，请重新选择。',
    en: 'The owner must be an active account manager or leader; choose another.',
  },
  'contracts.notify.renewal': {
    'zh-CN': '合同 {number}「{title}」（{customer}）将于 {end} 到期，还有 {days} 天，请及时洽谈续签。',
    en: 'Contract {number} "{title}" ({customer}) ends on {end}, in {days} days: time to talk about renewal.',
  },
  'contracts.status.draft': { 'zh-CN': '草稿', en: 'Draft' },
  'contracts.status.signed': { 'zh-CN': '已签订', en: 'Signed' },
  'contracts.status.active': { 'zh-CN': '履行中', en: 'In force' },
  'contracts.status.expiring': { 'zh-CN': '即将到期', en: 'Expiring' },
  'contracts.status.expired': { 'zh-CN': '已到期', en: 'Expired' },
  'contracts.status.renewed': { 'zh-CN': '已续签', en: 'Renewed' },
  'contracts.status.terminated': { 'zh-CN': '已终止', en: 'Terminated' },
  'contracts.action.update': { 'zh-CN': '修改', en: 'edit' },
  'contracts.action.sign': { 'zh-CN': '签订', en: 'sign' },
  'contracts.action.renew': { 'zh-CN': '续签', en: 'renew' },
  'contracts.action.extend': { 'zh-CN': '顺延', en: 'extend' },
  'contracts.action.terminate': { 'zh-CN': '终止', en: 'terminate' },
  'contracts.action.attach': { 'zh-CN': '上传附件', en: 'attach files to' },
  'green.event.contract.created': { 'zh-CN': '登记合同「{title}」', en: 'Contract "{title}" recorded' },
  'green.event.contract.updated': { 'zh-CN': '修改合同信息', en: 'Contract details edited' },
  'green.event.contract.signed': { 'zh-CN': '合同签订，期限 {start} 至 {end}', en: 'Signed; term {start} to {end}' },
  'green.event.contract.renewed': {
    'zh-CN': '续签为合同 {successor}，新期限 {start} 至 {end}',
    en: 'Renewed as contract {successor}; new term {start} to {end}',
  },
  'green.event.contract.renewal': { 'zh-CN': '由合同 {predecessor} 续签而来', en: 'Renewal of contract {predecessor}' },
  'green.event.contract.extended': { 'zh-CN': '顺延：结束日期 {from} → {to}', en: 'Extended: end date {from} → {to}' },
  'green.event.contract.terminated': { 'zh-CN': '合同终止', en: 'Contract terminated' },
  'green.event.contract.reminder': {
    'zh-CN': '到期提醒已发给负责人和领导（{end} 到期，提前 {days} 天）',
    en: 'Renewal reminder sent to the owner and leaders (ends {end}, {days} days ahead)',
  },
  'green.event.contract.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
};
