import type { Locale } from '../../../../shared/locale';
import { translate } from '../../../../shared/messages';
import {
  cleanText,
  companyNameKey,
  normalizeCreditCode,
  normalizeDate,
  normalizePeriod,
  parsePhone,
  parseYuanToFen,
} from '../../../../shared/normalize';
import { isValidCreditCode } from '../../../../shared/credit-code';

/**
 * The columns each import kind understands, the Chinese (and English) headers that map to them
 * automatically, and the per-cell parsing that turns what Excel users type into clean values.
 */

export type ImportKind = 'customers' | 'contacts' | 'bills';

export interface FieldDef {
  field: string;
  zh: string;
  en: string;
  required?: boolean;
  /** Header spellings that map here (compared after removing spaces, brackets and case). */
  aliases: string[];
  parse: Parser;
  max?: number;
}

type Parsed = { ok: true; value: unknown } | { ok: false; key: string; params?: Record<string, string | number> };
type Parser = (raw: string) => Parsed;

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (key: string, value: string): Parsed => ({ ok: false, key, params: { value } });

const text: Parser = (raw) => ok(cleanText(raw));
/** A phone column: empty, or a mainland mobile / landline with area code (parsePhone), stored canonical. */
const phone: Parser = (raw) => {
  if (cleanText(raw) === '') return ok('');
  const parsed = parsePhone(raw);
  return parsed ? ok(parsed.value) : bad('import.badPhone', raw);
};
const money: Parser = (raw) => {
  if (cleanText(raw) === '') return ok(null);
  const fen = parseYuanToFen(raw);
  return fen === null || fen < 0 ? bad('import.badNumber', raw) : ok(fen);
};
const date: Parser = (raw) => {
  if (cleanText(raw) === '') return ok(null);
  const d = normalizeDate(raw);
  return d ? ok(d) : bad('import.badDate', raw);
};
const period: Parser = (raw) => {
  const p = normalizePeriod(raw);
  return p ? ok(p) : bad('import.badPeriod', raw);
};
const creditCode: Parser = (raw) => {
  const code = normalizeCreditCode(raw);
  return code === '' || isValidCreditCode(code) ? ok(code) : bad('import.badCreditCode', raw);
};
const yesNo: Parser = (raw) => {
  const v = cleanText(raw).toLowerCase();
  if (['', '否', 'n', 'no', '0', 'false', '×'].includes(v)) return ok(false);
  if (['是', 'y', 'yes', '1', 'true', '√', '✓'].includes(v)) return ok(true);
  return bad('import.badEnum', raw);
};
const qq: Parser = (raw) => {
  const v = cleanText(raw).replace(/\s/g, '');
  return /^\d*$/.test(v) ? ok(v) : bad('import.badEnum', raw);
};

/** A parser for an enum from its codes and the words people type for each. */
function oneOf(words: Record<string, string[]>, optional = true): Parser {
  const lookup = new Map<string, string>();
  for (const [code, list] of Object.entries(words)) for (const w of [code, ...list]) lookup.set(w.toLowerCase(), code);
  return (raw) => {
    const v = cleanText(raw).toLowerCase();
    if (v === '') return optional ? ok(null) : bad('import.badEnum', raw);
    const code = lookup.get(v);
    return code ? ok(code) : bad('import.badEnum', raw);
  };
}

const customerRef: FieldDef[] = [
  { field: 'customerCreditCode', zh: '客户统一社会信用代码', en: 'Customer credit code', aliases: ['统一社会信用代码', '信用代码', '社会信用代码', 'creditcode', '客户信用代码'], parse: creditCode },
  { field: 'customerName', zh: '客户名称', en: 'Customer name', aliases: ['客户名称', '客户', '单位名称', '公司名称', 'customer', 'customername'], parse: text, max: 100 },
];

/**
 * The customer sheet's main-contact and spend columns: the contact becomes the customer's primary key
 * person, the spend its monthly spend while no bills say otherwise (import/index.ts).
 */
const CUSTOMER_EXTRAS: FieldDef[] = [
  { field: 'contactName', zh: '联系人', en: 'Contact', aliases: ['联系人', '主要联系人', '联系人姓名', '客户联系人', '关键人', 'contact', 'contactname'], parse: text, max: 50 },
  { field: 'contactTitle', zh: '联系人职务', en: 'Contact title', aliases: ['职务', '职位', '联系人职务', 'title', 'contacttitle'], parse: text, max: 50 },
  {
    field: 'contactMobile',
    zh: '联系人手机',
    en: 'Contact mobile',
    aliases: ['手机', '手机号', '手机号码', '联系电话', '联系人手机', '联系人电话', '移动电话', 'mobile', 'contactmobile'],
    parse: phone,
  },
  { field: 'monthlySpend', zh: '月均消费(元)', en: 'Monthly spend (yuan)', aliases: ['月消费', '月均消费', '月消费额', '月均消费额', '月消费元', 'monthlyspend'], parse: money },
];

/** The fields of the customer sheet that do not write customer columns themselves. */
export const CUSTOMER_EXTRA_FIELDS: ReadonlySet<string> = new Set(CUSTOMER_EXTRAS.map((d) => d.field));

export const FIELDS: Record<ImportKind, FieldDef[]> = {
  customers: [
    { field: 'name', zh: '客户名称', en: 'Name', required: true, aliases: ['客户名称', '名称', '客户', '单位名称', '公司名称', '企业名称', 'name', 'customername'], parse: text, max: 100 },
    { field: 'shortName', zh: '简称', en: 'Short name', aliases: ['简称', '客户简称', 'shortname'], parse: text, max: 50 },
    { field: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', aliases: ['统一社会信用代码', '信用代码', '社会信用代码', 'creditcode'], parse: creditCode },
    { field: 'industry', zh: '行业', en: 'Industry', aliases: ['行业', '所属行业', 'industry'], parse: text, max: 50 },
    {
      field: 'type',
      zh: '客户类型',
      en: 'Type',
      aliases: ['客户类型', '类型', 'type'],
      parse: oneOf({ gov: ['党政军', '政府', '党政', '政府客户'], group: ['集团', '集团客户'], enterprise: ['企业', '企业客户', '商业'], strategic: ['战略', '战略客户'] }),
    },
    { field: 'region', zh: '区域', en: 'Region', aliases: ['区域', '所属区域', '地区', '区县', 'region'], parse: text, max: 50 },
    { field: 'address', zh: '地址', en: 'Address', aliases: ['地址', '详细地址', '办公地址', '客户地址', 'address'], parse: text, max: 200 },
    {
      field: 'size',
      zh: '规模',
      en: 'Size',
      aliases: ['规模', '企业规模', '人员规模', 'size'],
      parse: oneOf({ micro: ['微型', '20人以下'], small: ['小型', '20-99人'], medium: ['中型', '100-999人'], large: ['大型', '1000-9999人'], huge: ['特大型', '10000人以上'] }),
    },
    { field: 'parent', zh: '上级集团', en: 'Parent group', aliases: ['上级集团', '集团', '上级单位', '所属集团', 'parent'], parse: text, max: 100 },
    {
      field: 'sensitivity',
      zh: '客户细分',
      en: 'Sensitivity',
      aliases: ['客户细分', '敏感类型', '敏感度', 'sensitivity'],
      parse: oneOf({ price: ['价格敏感', '价格'], service: ['服务敏感', '服务'], tech: ['技术敏感', '技术'] }),
    },
    { field: 'tags', zh: '标签', en: 'Tags', aliases: ['标签', 'tags'], parse: (raw) => ok(cleanText(raw).split(/[,，;；、\s]+/).filter(Boolean).slice(0, 20)) },
    { field: 'notes', zh: '备注', en: 'Notes', aliases: ['备注', '说明', 'notes'], parse: text, max: 2000 },
    { field: 'owner', zh: '第一责任人', en: 'Owner', aliases: ['第一责任人', '客户经理', '负责人', '责任人', 'owner'], parse: text, max: 50 },
    {
      field: 'stage',
      zh: '客户阶段',
      en: 'Stage',
      aliases: ['客户阶段', '阶段', 'stage'],
      parse: oneOf({ new: ['新客户', '新'], target: ['目标', '目标客户'], potential: ['潜在', '潜在客户'], intent: ['意向', '意向客户'], signed: ['签约', '已签约', '签约客户'], churned: ['流失', '已流失'] }),
    },
    { field: 'designatedStrategic', zh: '指定战略客户', en: 'Designated strategic', aliases: ['指定战略客户', '指定战略', 'designatedstrategic'], parse: yesNo },
    { field: 'foundedOn', zh: '成立日期', en: 'Founded on', aliases: ['成立日期', '成立时间', '注册日期', 'foundedon'], parse: date },
    // A branch's customer sheet also carries the main contact and the monthly spend in the same row.
    ...CUSTOMER_EXTRAS,
  ],
  contacts: [
    ...customerRef,
    { field: 'name', zh: '姓名', en: 'Name', required: true, aliases: ['姓名', '联系人', '关键人', '联系人姓名', 'name', 'contactname'], parse: text, max: 50 },
    { field: 'title', zh: '职务', en: 'Title', aliases: ['职务', '职位', 'title'], parse: text, max: 50 },
    { field: 'department', zh: '部门', en: 'Department', aliases: ['部门', 'department'], parse: text, max: 100 },
    {
      field: 'decisionRole',
      zh: '决策角色',
      en: 'Decision role',
      aliases: ['决策角色', '角色', 'decisionrole', 'role'],
      parse: oneOf({ decision_maker: ['决策者', '决策人'], influencer: ['影响者', '影响人'], user: ['使用者', '使用人', '用户'] }),
    },
    { field: 'mobile', zh: '手机', en: 'Mobile', aliases: ['手机', '手机号', '手机号码', '移动电话', 'mobile'], parse: phone },
    { field: 'phone', zh: '电话', en: 'Phone', aliases: ['电话', '座机', '办公电话', '固定电话', 'phone'], parse: phone },
    {
      field: 'email',
      zh: '电子邮箱',
      en: 'E-mail',
      aliases: ['电子邮箱', '邮箱', 'email', 'e-mail'],
      parse: (raw) => {
        const v = cleanText(raw);
        return v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? ok(v) : bad('import.badEnum', raw);
      },
    },
    { field: 'wechat', zh: '微信', en: 'WeChat', aliases: ['微信', '微信号', 'wechat'], parse: text, max: 50 },
    { field: 'qq', zh: 'QQ', en: 'QQ', aliases: ['qq', 'qq号'], parse: qq },
    { field: 'birthday', zh: '生日', en: 'Birthday', aliases: ['生日', '出生日期', 'birthday'], parse: date },
    { field: 'isPrimary', zh: '主要联系人', en: 'Primary', aliases: ['主要联系人', '首要联系人', '是否主要联系人', 'primary'], parse: yesNo },
    { field: 'notes', zh: '备注', en: 'Notes', aliases: ['备注', 'notes'], parse: text, max: 500 },
  ],
  bills: [
    ...customerRef,
    { field: 'period', zh: '账期', en: 'Period', required: true, aliases: ['账期', '账单月份', '月份', '计费月份', 'period'], parse: period },
    { field: 'billedFen', zh: '应收金额(元)', en: 'Billed (yuan)', required: true, aliases: ['应收金额元', '应收金额', '账单金额', '出账金额', '应收', 'billed'], parse: money },
    { field: 'paidFen', zh: '实收金额(元)', en: 'Paid (yuan)', aliases: ['实收金额元', '实收金额', '已缴金额', '缴费金额', '实收', 'paid'], parse: money },
    { field: 'paidDate', zh: '缴费日期', en: 'Paid on', aliases: ['缴费日期', '实收日期', '付款日期', 'paiddate'], parse: date },
    { field: 'dueDate', zh: '应缴日期', en: 'Due date', aliases: ['应缴日期', '到期日', '缴费期限', '最后缴费日', 'duedate'], parse: date },
  ],
};

/** Fields read as amounts in yuan and kept in fen: the preview shows them in yuan again, as typed. */
const YUAN_FIELDS: ReadonlySet<string> = new Set(
  Object.values(FIELDS)
    .flat()
    .filter((d) => d.parse === money)
    .map((d) => d.field),
);

/** A parsed value as the preview's sample shows it (amounts in yuan with two decimals, lists comma-joined). */
export function sampleText(field: string, value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'number' && YUAN_FIELDS.has(field)) return (value / 100).toFixed(2);
  return String(value ?? '');
}

function headerKey(h: string): string {
  return cleanText(h).toLowerCase().replace(/[\s()（）[\]【】:：*＊_-]/g, '');
}

/** Header → field by the alias lists; an explicit mapping wins ('' = ignore the column). */
export function autoMap(kind: ImportKind, headers: string[], given: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  const fields = FIELDS[kind];
  for (const h of headers) {
    if (h in given) {
      const f = given[h]!;
      if (f && fields.some((d) => d.field === f) && !used.has(f)) {
        out[h] = f;
        used.add(f);
      } else out[h] = '';
      continue;
    }
  }
  for (const h of headers) {
    if (h in out) continue;
    const key = headerKey(h);
    const match = fields.find((d) => !used.has(d.field) && (headerKey(d.zh) === key || headerKey(d.en) === key || d.aliases.some((a) => headerKey(a) === key)));
    out[h] = match?.field ?? '';
    if (match) used.add(match.field);
  }
  return out;
}

export interface RowIssue {
  row: number;
  column: string;
  message: string;
}

/** A parser for the data rows of one sheet: `(cells, rowNumber, issues) → record`. */
export type RowParser = (cells: string[], rowNumber: number, issues: RowIssue[]) => Record<string, unknown>;

/**
 * Resolves the mapping once per sheet (column → field definition, required columns present) so that
 * each of up to 200,000 rows only parses its cells. Issues are in the caller's language.
 */
export function rowParser(kind: ImportKind, headers: string[], mapping: Record<string, string>, locale: Locale): RowParser {
  const defs = new Map(FIELDS[kind].map((d) => [d.field, d]));
  const columns = headers.flatMap((h, i) => (mapping[h] ? [{ index: i, header: h, def: defs.get(mapping[h])! }] : []));
  const required = FIELDS[kind].flatMap((def) => {
    if (!def.required) return [];
    const header = headers.find((h) => mapping[h] === def.field);
    return header ? [{ field: def.field, header }] : [];
  });
  return (cells, rowNumber, issues) => {
    const out: Record<string, unknown> = {};
    const before = issues.length;
    for (const { index, header, def } of columns) {
      const parsed = def.parse(cells[index] ?? '');
      if (!parsed.ok) {
        issues.push({ row: rowNumber, column: header, message: translate(parsed.key, locale, parsed.params) });
        continue;
      }
      if (def.max && typeof parsed.value === 'string' && parsed.value.length > def.max && [...parsed.value].length > def.max) {
        issues.push({ row: rowNumber, column: header, message: translate('import.tooLong', locale, { max: def.max }) });
        continue;
      }
      out[def.field] = parsed.value;
    }
    for (const { field, header } of required) {
      const v = out[field];
      if (v === undefined || v === null || v === '') {
        let reported = false;
        for (let i = before; i < issues.length; i++) if (issues[i]!.row === rowNumber && issues[i]!.column === header) reported = true;
        if (!reported) issues.push({ row: rowNumber, column: header, message: translate('import.required', locale) });
      }
    }
    return out;
  };
}

/** Parses one data row by the mapping; issues are in the caller's language. */
export function parseRow(
  kind: ImportKind,
  headers: string[],
  mapping: Record<string, string>,
  cells: string[],
  rowNumber: number,
  locale: Locale,
  issues: RowIssue[],
): Record<string, unknown> {
  return rowParser(kind, headers, mapping, locale)(cells, rowNumber, issues);
}

export { companyNameKey };
