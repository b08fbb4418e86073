import { describe, expect, it } from 'vitest';
import { BLOCK_GAP, paginate, type Measures } from '../../src/renderer/src/features/reports/paginate';

/** A report of `rows` table rows of 20 px under a 30 px header on pages of 500 px. */
function measures(rows: number, extra: Partial<Measures> = {}): Measures {
  return {
    page: 500,
    letterhead: 80,
    runningHeader: 20,
    footer: 20,
    summary: 0,
    charts: [],
    tables: [{ title: 20, header: 30, rows: Array.from({ length: rows }, () => 20), totals: 0 }],
    ...extra,
  };
}

describe('A4 pagination', () => {
  it('puts a short report on one page', () => {
    const pages = paginate(measures(5));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.fragments).toEqual([{ kind: 'table', index: 0, from: 0, to: 5, title: true, totals: false }]);
  });

  it('breaks a long table between rows and continues it on the next page under its header', () => {
    // Page 1: 500 − 80 − 20 = 400 px: title 20 + header 30 + 17 rows (340) = 390.
    // Later pages: 500 − 20 − 20 = 460 px: header 30 + 21 rows (420) = 450.
    const pages = paginate(measures(50));
    const tables = pages.map((p) => p.fragments[0]);
    expect(tables).toEqual([
      { kind: 'table', index: 0, from: 0, to: 17, title: true, totals: false },
      { kind: 'table', index: 0, from: 17, to: 38, title: false, totals: false },
      { kind: 'table', index: 0, from: 38, to: 50, title: false, totals: false },
    ]);
  });

  it('never splits a row and covers every row exactly once', () => {
    const rows = Array.from({ length: 120 }, (_, i) => 14 + ((i * 7) % 30));
    const pages = paginate({ ...measures(0), tables: [{ title: 22, header: 36, rows, totals: 18 }] });
    const covered: number[] = [];
    pages.forEach((page, i) => {
      let used = i === 0 ? 80 + 20 : 20 + 20;
      for (const f of page.fragments) {
        if (f.kind !== 'table') continue;
        used += (f.title ? 22 : 0) + 36 + rows.slice(f.from, f.to).reduce((a, b) => a + b, 0) + (f.totals ? 18 : 0);
        for (let r = f.from; r < f.to; r++) covered.push(r);
      }
      expect(used, `page ${i + 1}`).toBeLessThanOrEqual(500);
    });
    expect(covered).toEqual(rows.map((_, i) => i));
    expect(pages.at(-1)!.fragments.at(-1)).toMatchObject({ totals: true, to: 120 });
  });

  it('keeps a table title with its header and first row', () => {
    // Summary and a chart leave 40 px: too little for title + header + one row (70 px).
    const pages = paginate(measures(3, { summary: 100, charts: [240 - BLOCK_GAP * 1] }));
    expect(pages).toHaveLength(2);
    expect(pages[0]!.fragments.map((f) => f.kind)).toEqual(['summary', 'chart']);
    expect(pages[1]!.fragments[0]).toMatchObject({ kind: 'table', title: true, from: 0, to: 3 });
  });

  it('brings the last row along with the totals row rather than leaving totals alone', () => {
    // 17 rows fill page 1 exactly; with a totals row the 17th row moves to page 2 with it.
    const pages = paginate({ ...measures(0), tables: [{ title: 20, header: 30, rows: Array.from({ length: 17 }, () => 20), totals: 20 }] });
    expect(pages).toHaveLength(2);
    expect(pages[1]!.fragments[0]).toMatchObject({ from: 16, to: 17, totals: true });
  });
});
