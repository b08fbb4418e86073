import type { Locale } from './locale';

/** Server messages of the orders module (errors, notifications, timeline lines), merged into messages.ts. */
export const ordersMessages: Record<string, Record<Locale, string>> = {
  'green.event.onBehalfOf': { 'zh-CN': '（代 {name} 审批）', en: ' (for {name})' },
  'green.event.order.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
  'green.event.form.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
  'green.event.contract.attachment': { 'zh-CN': '上传附件：{file}', en: 'Attached {file}' },
};
