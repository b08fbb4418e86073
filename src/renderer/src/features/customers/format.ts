/** Money and ratio formatting for the customer module: amounts are integer fen, shown as ¥12,500.00. */

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ¥12,500.00 from fen; an em dash when the caller may not see it (null). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `¥${yuan.format(fen / 100)}`;
}

/** Fen → a yuan number for an input box (12500.5). */
export function fenToYuan(fen: number | null | undefined): number | '' {
  if (fen === null || fen === undefined) return '';
  return fen / 100;
}

/** A yuan amount typed by the user → integer fen (rounded to the fen, never float drift). */
export function yuanToFen(value: number | string | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[,，\s]/g, ''));
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

/** 0.873 → 87.3%; an em dash for null. */
export function formatRatio(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** Growth as +12.0% / −8.5%. */
export function formatGrowth(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  const s = (ratio * 100).toFixed(1);
  return ratio > 0 ? `+${s}%` : `${s.replace('-', '−')}%`;
}
