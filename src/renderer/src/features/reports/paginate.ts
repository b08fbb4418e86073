/**
 * Splits a report into A4 pages from measured heights (CSS px), the way a printed document breaks:
 * the first page carries the full letterhead, later pages a running header; a table's title stays
 * with its header row and at least one row; every page a table continues on repeats the header
 * row; a row is never split. The same result drives the screen preview and the printed pages, so
 * what the manager sees is what the PDF holds.
 */

export interface TableMeasure {
  /** Title line (and note) above the table. */
  title: number;
  header: number;
  rows: number[];
  /** 0 when the table has no totals row. */
  totals: number;
}

export interface Measures {
  /** Height of a page's content box (between the page margins). */
  page: number;
  /** Full letterhead on page 1, running header on later pages, footer on every page. */
  letterhead: number;
  runningHeader: number;
  footer: number;
  /** Summary figures (0 when none) and each chart block, in order. */
  summary: number;
  charts: number[];
  tables: TableMeasure[];
}

export type Fragment =
  | { kind: 'summary' }
  | { kind: 'chart'; index: number }
  /** Rows [from, to) of a table; `title` on its first fragment, `totals` on its last. */
  | { kind: 'table'; index: number; from: number; to: number; title: boolean; totals: boolean };

export interface Page {
  fragments: Fragment[];
}

/** Gap between blocks, px (also used by the page CSS). */
export const BLOCK_GAP = 10;

/** Lays the measured blocks onto pages; always at least one page. */
export function paginate(m: Measures): Page[] {
  const pages: Page[] = [];
  let current: Page = { fragments: [] };
  let used = 0;
  let capacity = m.page - m.letterhead - m.footer;

  const newPage = () => {
    pages.push(current);
    current = { fragments: [] };
    used = 0;
    capacity = m.page - m.runningHeader - m.footer;
  };
  /** Room for a block of height h on this page (a block taller than an empty page goes alone). */
  const fits = (h: number) => used + h <= capacity || used === 0;
  const gap = () => (used === 0 ? 0 : BLOCK_GAP);

  if (m.summary > 0) {
    if (!fits(gap() + m.summary)) newPage();
    used += gap() + m.summary;
    current.fragments.push({ kind: 'summary' });
  }
  m.charts.forEach((h, index) => {
    if (!fits(gap() + h)) newPage();
    used += gap() + h;
    current.fragments.push({ kind: 'chart', index });
  });
  m.tables.forEach((t, index) => {
    const firstRow = t.rows[0] ?? t.totals;
    // Keep the title with the header and the first row.
    if (!fits(gap() + t.title + t.header + firstRow)) newPage();
    used += gap() + t.title + t.header;
    let fragment: Extract<Fragment, { kind: 'table' }> = { kind: 'table', index, from: 0, to: 0, title: true, totals: false };
    current.fragments.push(fragment);
    t.rows.forEach((h, row) => {
      // The totals row must not be left alone on a page: the last row brings it along.
      const need = h + (row === t.rows.length - 1 ? t.totals : 0);
      if (used + need > capacity && fragment.to > fragment.from) {
        newPage();
        used = t.header;
        fragment = { kind: 'table', index, from: row, to: row, title: false, totals: false };
        current.fragments.push(fragment);
      }
      used += h;
      fragment.to = row + 1;
    });
    if (t.totals > 0) {
      used += t.totals;
      fragment.totals = true;
    }
  });
  pages.push(current);
  return pages;
}
