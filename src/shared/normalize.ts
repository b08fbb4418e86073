/**
 * The one normaliser of what Chinese users really type, in forms and in spreadsheets (issues #3 and #21):
 * surrounding and ideographic spaces, full-width digits and letters, thousands separators, phone numbers
 * with spaces, brackets and extensions, and the company-name key the duplicate guard compares. The contract's
 * text schemas, the import parsers and the search boxes all go through here.
 */

/** Full-width ASCII (！..～) and the ideographic space → their half-width forms. */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Full-width digits and Latin letters → half-width; Chinese punctuation such as （） stays as typed. */
export function halfWidthAlnum(value: string): string {
  return value
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Trimmed, half-width digits/letters, inner runs of white space (incl. no-break spaces) collapsed to one. */
export function cleanText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return halfWidthAlnum(String(value))
    .replace(/[\s\u00a0\u200b\ufeff]+/g, ' ')
    .trim();
}

/**
 * A money amount in 元 as typed ("12,500.5", "¥ 3 000", "１２３.４５", "(100)" is rejected) → fen,
 * or null when it is not a number. Rounds half away from zero at the fen.
 */
export function parseYuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  const s = toHalfWidth(cleanText(typeof value === 'number' ? value.toFixed(6) : value)).replace(/[¥￥,，\s]|元$/g, '').replace(/^RMB/i, '');
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  const negative = s.startsWith('-');
  const [whole = '0', frac = ''] = s.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number((frac + '000').slice(0, 2)) + (Number(frac[2] ?? '0') >= 5 ? 1 : 0);
  return negative ? -cents : cents;
}

/**
 * Typed text as stored: full-width digits and letters half-width, ideographic and no-break spaces as plain
 * spaces, zero-width characters gone, trimmed. Line breaks and Chinese punctuation stay as typed, so it is
 * safe for names and for multi-line notes alike.
 */
export function normalizeTyped(value: string): string {
  return halfWidthAlnum(value)
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .trim();
}

export type PhoneKind = 'mobile' | 'landline' | 'service';

/**
 * A mainland phone number as typed — "139 0471 1234", "+86 13904711234", "（0471）6661234 转 801",
 * "0471-6661234-801", "400 810 8888" — in one canonical form: mobiles as 11 digits, landlines as
 * area code-number[-extension], 400/800 numbers as 400-xxx-xxxx, 95xxx service numbers as digits.
 * Null when it is none of these (e.g. a landline without its area code, or a 10-digit mobile).
 */
export function parsePhone(value: string | null | undefined): { kind: PhoneKind; value: string } | null {
  let s = toHalfWidth(cleanText(value)).replace(/[－—–]/g, '-');
  if (s === '') return null;
  let ext = '';
  const extMatch = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(s);
  if (extMatch) {
    ext = extMatch[1]!;
    s = s.slice(0, extMatch.index);
  }
  if (/[^\d\s+\-().]/.test(s)) return null;
  let digits = s.replace(/[\s\-().]/g, '');
  if (/^(\+86|0086)/.test(digits)) digits = digits.replace(/^(\+86|0086)/, '');
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  if (digits.includes('+')) return null;
  if (/^1[3-9]\d{9}$/.test(digits) && !ext) return { kind: 'mobile', value: digits };
  if (/^[48]00\d{7}$/.test(digits) && !ext) {
    return { kind: 'service', value: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` };
  }
  if (/^9\d{4,7}$/.test(digits) && !ext) return { kind: 'service', value: digits };
  // Area codes: 010 and 02x have three digits, the others four; the local number has 7 or 8.
  const area = /^(010|02\d)(\d{8})$/.exec(digits) ?? /^(0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (area) return { kind: 'landline', value: `${area[1]}-${area[2]}${ext ? `-${ext}` : ''}` };
  // "0471-6661234-801": an extension after the last dash.
  const dashed = /^(.*\d)\s*-\s*(\d{1,6})$/.exec(s);
  if (!ext && dashed) {
    const head = parsePhone(dashed[1]);
    if (head?.kind === 'landline' && !head.value.slice(5).includes('-')) return { kind: 'landline', value: `${head.value}-${dashed[2]}` };
  }
  return null;
}

/** A phone number in its canonical form when it is one (parsePhone), otherwise without spaces, dots or dashes. */
export function normalizePhone(value: string | null | undefined): string {
  const parsed = parsePhone(value);
  if (parsed) return parsed.value;
  return toHalfWidth(cleanText(value)).replace(/[\s.\-()]/g, '');
}

/** 统一社会信用代码 as typed → upper case without spaces. */
export function normalizeCreditCode(value: string | null | undefined): string {
  return cleanText(value).replace(/\s/g, '').toUpperCase();
}

/**
 * The duplicate-guard key of a company name: half-width, no white space or punctuation, brackets
 * unified, lower case — so "内蒙古 伊利（集团）" and "内蒙古伊利(集团)" are the same customer.
 */
export function companyNameKey(name: string): string {
  return cleanText(name)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·•．.,，、'"“”‘’\-—_()（）[\]【】{}<>《》]/g, '');
}

/**
 * A date as typed (2026-1-5, 2026/01/05, 2026.1.5, 2026年1月5日, an Excel serial number) → YYYY-MM-DD,
 * or null when it is not a real date.
 */
export function normalizeDate(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number' || /^\d{5}(\.\d+)?$/.test(toHalfWidth(cleanText(String(value))))) {
    // Excel's day serial (1900 system): day 25569 is 1970-01-01.
    const serial = Number(value);
    if (!Number.isFinite(serial) || serial < 1) return null;
    return new Date(Math.round((serial - 25569) * 86_400_000)).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(toHalfWidth(cleanText(value)));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A bill period as typed (2026-1, 2026/01, 202601, 2026年1月) → YYYY-MM, or null. */
export function normalizePeriod(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 7);
  const s = toHalfWidth(cleanText(String(value)));
  // An Excel date serial (the cell was typed as a date): take its month.
  if (typeof value === 'number' || /^\d{5}(\.\d+)?$/.test(s)) return normalizeDate(s)?.slice(0, 7) ?? null;
  const m = /^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?$/.exec(s);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}
