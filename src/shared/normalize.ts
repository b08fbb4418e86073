/**
 * Normalisation of what spreadsheet users really type (issue #3, import): surrounding spaces,
 * full-width digits and letters, thousands separators, spaces in phone numbers, and the company-name
 * key the duplicate guard compares.
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

/** A phone number without spaces, dots or dashes between digit groups; keeps a leading +. */
export function normalizePhone(value: string | null | undefined): string {
  const s = toHalfWidth(cleanText(value)).replace(/[\s.\-()]/g, '');
  return s;
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
