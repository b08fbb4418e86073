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
