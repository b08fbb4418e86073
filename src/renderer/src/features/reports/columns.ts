/** One printed table column as the preview needs it: its header, its relative width from the report and its texts. */
export interface PrintColumn {
  label: string;
  width: number;
  /** The column's cell texts (words only; numbers never wrap and need not be given). */
  cells?: readonly string[];
}

// Where a header may wrap: between words of Latin text, and between any two Chinese characters.
const UNBREAKABLE = /[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+/g;

/** The pieces of a header that a line break cannot split ("Monthly", "spend", "(¥)", "月", "均" …). */
export function headerWords(label: string): string[] {
  return label.match(UNBREAKABLE) ?? [];
}

/**
 * Column widths in percent for a printed table: the report's proportions, except that no column is
 * narrower than the longest word of its header (plus the cell padding), so an English header wraps only
 * between words ("Monthly / spend (¥)", never "Arre / ars"). Columns that need more take it from the rest,
 * in proportion. Cell words count too while they fit in the page width (then only the headers do).
 */
export function columnPercents(
  columns: readonly PrintColumn[],
  tableWidthPx: number,
  wordWidthPx: (word: string) => number,
  paddingPx: number,
): number[] {
  const longest = (texts: readonly string[]) => {
    const words = new Set(texts.flatMap(headerWords));
    return Math.max(0, ...[...words].map(wordWidthPx)) + paddingPx;
  };
  const headerMinPx = columns.map((c) => longest([c.label]));
  const cellMinPx = columns.map((c, i) => Math.max(headerMinPx[i]!, longest(c.cells ?? [])));
  const fits = cellMinPx.reduce((a, b) => a + b, 0) <= tableWidthPx;
  return spread(columns, tableWidthPx, fits ? cellMinPx : headerMinPx);
}

function spread(columns: readonly PrintColumn[], tableWidthPx: number, minPx: number[]): number[] {
  const atMinimum = new Set<number>();
  for (;;) {
    const reservedPx = [...atMinimum].reduce((sum, i) => sum + minPx[i]!, 0);
    const freeWeight = columns.reduce((sum, c, i) => (atMinimum.has(i) ? sum : sum + c.width), 0);
    const px = columns.map((c, i) =>
      atMinimum.has(i) ? minPx[i]! : ((tableWidthPx - reservedPx) * c.width) / (freeWeight || 1),
    );
    const tooNarrow = px.flatMap((w, i) => (!atMinimum.has(i) && w < minPx[i]! ? [i] : []));
    if (tooNarrow.length === 0 || atMinimum.size + tooNarrow.length === columns.length) {
      return px.map((w) => (w / tableWidthPx) * 100);
    }
    tooNarrow.forEach((i) => atMinimum.add(i));
  }
}
