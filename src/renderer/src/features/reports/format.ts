import type { Cell, CellFormat } from '../../../../shared/contract/reports';
import { formatDateTime, formatMinutes } from '../../lib/format';

const grouped = (digits: number) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const INT = grouped(0);
const TWO = grouped(2);
const ONE = grouped(1);

/** A report value as printed: fen as 12,500.00 (the header says 元), ratios as 12.3%, an em dash for none. */
export function formatCell(value: Cell, format: CellFormat): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') return format === 'datetime' ? formatDateTime(value) : value;
  switch (format) {
    case 'fen':
      return TWO.format(value / 100);
    case 'percent':
      return `${ONE.format(value * 100)}%`;
    case 'int':
      return INT.format(value);
    case 'decimal':
      return TWO.format(value);
    case 'duration':
      return formatMinutes(value);
    default:
      return String(value);
  }
}

/** Whether a column is numeric (right-aligned, tabular figures). */
export function isNumeric(format: CellFormat): boolean {
  return format === 'int' || format === 'fen' || format === 'percent' || format === 'decimal' || format === 'duration';
}

/** Short axis labels: 1.2万 / 3.4亿 in Chinese, 12K / 3.4M in English, for chart axes. */
export function axisLabel(value: number, format: CellFormat, zh: boolean): string {
  if (format === 'percent') return `${Math.round(value * 100)}%`;
  const n = format === 'fen' ? value / 100 : value;
  const abs = Math.abs(n);
  if (zh) {
    if (abs >= 1e8) return `${+(n / 1e8).toFixed(1)}亿`;
    if (abs >= 1e4) return `${+(n / 1e4).toFixed(1)}万`;
  } else {
    if (abs >= 1e9) return `${+(n / 1e9).toFixed(1)}B`;
    if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
    if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}K`;
  }
  return String(+n.toFixed(2));
}
