import { parseYuanToFen } from '../../../../shared/normalize';

/** Why a typed amount is refused: an i18n key under forms.money. */
export type MoneyProblem = 'forms.money.negative' | 'forms.money.invalid';

/** The largest amount the contract takes (fenSchema: 1e13 fen). */
const MAX_FEN = 1e13;

/**
 * A yuan amount as typed → integer fen, or why it is refused. Never turns a bad amount into 0: a
 * negative is refused unless the field explicitly allows it (a credit note), anything that is not a
 * number with at most two decimals is refused. Empty is `fen: null` (the caller decides: 0 or required).
 */
export function parseMoney(
  text: string | number | null | undefined,
  { allowNegative = false }: { allowNegative?: boolean } = {},
): { fen: number | null; problem: null } | { fen: null; problem: MoneyProblem } {
  const raw = text === null || text === undefined ? '' : String(text).trim();
  if (raw === '') return { fen: null, problem: null };
  // At most two decimals: 12.345 is a typing slip, not an amount to round silently.
  if (/[.．]\d{3,}\s*元?$/.test(raw)) return { fen: null, problem: 'forms.money.invalid' };
  const fen = parseYuanToFen(raw);
  if (fen === null || Math.abs(fen) > MAX_FEN) return { fen: null, problem: 'forms.money.invalid' };
  if (fen < 0 && !allowNegative) return { fen: null, problem: 'forms.money.negative' };
  return { fen, problem: null };
}

/** Typed yuan → fen; null for a malformed or refused amount, so a caller cannot save 0 by accident. */
export function yuanToFen(
  text: string | number | null | undefined,
  options?: { allowNegative?: boolean },
): number | null {
  const parsed = parseMoney(text, options);
  return parsed.problem ? null : (parsed.fen ?? 0);
}

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Fen → the text a money input shows (12,500.50); '' for no value. */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return grouped.format(fen / 100);
}
