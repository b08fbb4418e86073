/**
 * Money and ratio formatting for the customer module: amounts are integer fen, shown as ¥12,500.00.
 * Typed amounts are read by components/forms/money.ts (one parser for every amount input).
 */

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** ¥12,500.00 from fen; an em dash when the caller may not see it (null). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return `¥${yuan.format(fen / 100)}`;
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
