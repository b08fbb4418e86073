import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ReportDocument, ReportTable } from '../../../../shared/contract/reports';
import { formatDateTime } from '../../lib/format';
import { chartSvg } from './chart';
import { columnPercents } from './columns';
import { formatCell, isNumeric } from './format';
import { paginate, type Fragment, type Measures, type Page } from './paginate';
import './report.css';

/** Content box of an A4 page inside 12 mm / 15 mm margins, in mm. */
const CONTENT_MM = { portrait: { w: 180, h: 273 }, landscape: { w: 267, h: 186 } } as const;
const PX_PER_MM = 96 / 25.4;
/** Rounding of borders and sub-pixel heights: keep a little room on every page. */
const SAFETY_PX = 4;
/** A header cell's side paddings and border (report.css: 4 px each side, 0.75 px borders), rounded up. */
const HEADER_PADDING_PX = 10;

let measureCanvas: CanvasRenderingContext2D | null = null;
/** Width of one header word as report.css draws it (bold 11 px in the report font). */
function headerWordWidth(word: string): number {
  measureCanvas ??= document.createElement('canvas').getContext('2d');
  if (!measureCanvas) return 0;
  measureCanvas.font = `700 11px 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif`;
  return Math.ceil(measureCanvas.measureText(word).width);
}

function outerHeight(el: Element | null): number {
  if (!el) return 0;
  const style = getComputedStyle(el);
  return el.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
}

function measure(root: HTMLElement, doc: ReportDocument): Measures {
  const q = (name: string) => root.querySelector(`[data-m="${name}"]`);
  return {
    page: CONTENT_MM[doc.orientation].h * PX_PER_MM - SAFETY_PX,
    letterhead: outerHeight(q('letterhead')),
    runningHeader: outerHeight(q('running')),
    footer: outerHeight(q('footer')),
    summary: doc.summary.length ? outerHeight(q('summary')) : 0,
    charts: [...root.querySelectorAll('[data-m="chart"]')].map(outerHeight),
    tables: [...root.querySelectorAll('[data-m="table"]')].map((table) => ({
      title: outerHeight(table.querySelector('[data-m="title"]')),
      header: outerHeight(table.querySelector('thead tr')),
      rows: [...table.querySelectorAll('tbody tr:not(.totals)')].map(outerHeight),
      totals: outerHeight(table.querySelector('tbody tr.totals')),
    })),
  };
}

function Letterhead({ doc }: { doc: ReportDocument }) {
  const { i18n } = useTranslation();
  const colon = i18n.language === 'en' ? ': ' : '：';
  return (
    <div className="kam-letterhead" data-m="letterhead">
      <div className="kam-letterhead-branch">{doc.branchName}</div>
      <div className="kam-letterhead-title" role="heading" aria-level={1}>
        {doc.title}
      </div>
      <div className="kam-letterhead-params">
        {doc.params.map((p) => (
          <span key={p.label}>
            {p.label}
            {colon}
            {p.value}
          </span>
        ))}
      </div>
      {doc.scopeNote && <div className="kam-letterhead-scope">{doc.scopeNote}</div>}
      <div className="kam-letterhead-rule" />
    </div>
  );
}

function RunningHeader({ doc }: { doc: ReportDocument }) {
  const { t } = useTranslation();
  return (
    <div className="kam-running-header" data-m="running">
      <span>
        {doc.branchName} · {doc.title}
      </span>
      <span>{t('reports.continued')}</span>
    </div>
  );
}

function Footer({ doc, page, pages }: { doc: ReportDocument; page: number; pages: number }) {
  const { t } = useTranslation();
  return (
    <div className="kam-page-footer" data-m="footer">
      <span>
        {t('reports.printedBy', { name: doc.printedBy })}
        <span className="kam-footer-gap" />
        {t('reports.printedAt', { at: formatDateTime(doc.printedAt) })}
      </span>
      <span className="kam-page-number">{t('reports.pageOf', { page, pages })}</span>
    </div>
  );
}

function Summary({ doc }: { doc: ReportDocument }) {
  return (
    <div className="kam-summary" data-m="summary">
      {doc.summary.map((s) => (
        <div className="kam-figure" key={s.label}>
          <div className="kam-figure-label">{s.label}</div>
          <div className="kam-figure-value">{formatCell(s.value, s.format)}</div>
        </div>
      ))}
    </div>
  );
}

function Chart({ title, svg }: { title: string; svg: string }) {
  return (
    <div className="kam-chart" data-m="chart">
      <div className="kam-block-title">{title}</div>
      {/* The SVG comes from ECharts' own renderer over our data, not from user-supplied markup. */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </div>
  );
}

function TableBlock({ table, widthPx, from, to, title, totals }: { table: ReportTable; widthPx: number; from: number; to: number; title: boolean; totals: boolean }) {
  const { t } = useTranslation();
  const percents = useMemo(() => {
    const columns = table.columns.map((c) => ({
      ...c,
      cells: isNumeric(c.format) ? [] : table.rows.map((row) => formatCell(row[c.key] ?? null, c.format)),
    }));
    return columnPercents(columns, widthPx, headerWordWidth, HEADER_PADDING_PX);
  }, [table, widthPx]);
  return (
    <div data-m="table">
      {title && (
        <div className="kam-block-title" data-m="title">
          {table.title}
          {table.note && <span className="kam-block-note">{table.note}</span>}
        </div>
      )}
      <table className="kam-table" aria-label={table.title}>
        <colgroup>
          {table.columns.map((c, i) => (
            <col key={c.key} style={{ width: `${percents[i]}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.slice(from, to).map((row, i) => (
            <tr key={from + i}>
              {table.columns.map((c) => (
                <td key={c.key} className={isNumeric(c.format) ? 'num' : undefined}>
                  {formatCell(row[c.key] ?? null, c.format)}
                </td>
              ))}
            </tr>
          ))}
          {table.rows.length === 0 && title && (
            <tr>
              <td colSpan={table.columns.length}>{t('reports.empty')}</td>
            </tr>
          )}
          {totals && table.totals && (
            <tr className="totals">
              {table.columns.map((c) => (
                <td key={c.key} className={isNumeric(c.format) ? 'num' : undefined}>
                  {formatCell(table.totals?.[c.key] ?? null, c.format)}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function FragmentView({ doc, svgs, fragment }: { doc: ReportDocument; svgs: string[]; fragment: Fragment }) {
  if (fragment.kind === 'summary') return <Summary doc={doc} />;
  if (fragment.kind === 'chart') return <Chart title={doc.charts[fragment.index]!.title} svg={svgs[fragment.index]!} />;
  return <TableBlock table={doc.tables[fragment.index]!} widthPx={CONTENT_MM[doc.orientation].w * PX_PER_MM} from={fragment.from} to={fragment.to} title={fragment.title} totals={fragment.totals} />;
}

function Pages({ doc, svgs, pages }: { doc: ReportDocument; svgs: string[]; pages: Page[] }) {
  return pages.map((page, i) => (
    <section key={i} className={`kam-page ${doc.orientation}`} aria-label={`${doc.title} ${i + 1}/${pages.length}`}>
      <div className="kam-page-box">
        {i === 0 ? <Letterhead doc={doc} /> : <RunningHeader doc={doc} />}
        <div className="kam-page-body">
          {page.fragments.map((f, j) => (
            <FragmentView key={j} doc={doc} svgs={svgs} fragment={f} />
          ))}
        </div>
        <Footer doc={doc} page={i + 1} pages={pages.length} />
      </div>
    </section>
  ));
}

/** Everything once, at the page's content width, so each block and row can be measured. */
function Measurer({ doc, svgs, children }: { doc: ReportDocument; svgs: string[]; children?: ReactNode }) {
  return (
    <div className="kam-report kam-measure" style={{ width: `${CONTENT_MM[doc.orientation].w}mm` }} aria-hidden>
      <Letterhead doc={doc} />
      <RunningHeader doc={doc} />
      <Footer doc={doc} page={99} pages={99} />
      {doc.summary.length > 0 && <Summary doc={doc} />}
      {doc.charts.map((c, i) => (
        <Chart key={c.id} title={c.title} svg={svgs[i]!} />
      ))}
      {doc.tables.map((table) => (
        <TableBlock key={table.id} table={table} widthPx={CONTENT_MM[doc.orientation].w * PX_PER_MM} from={0} to={table.rows.length} title totals />
      ))}
      {children}
    </div>
  );
}

/**
 * The report on A4 sheets: measured, split into pages (see paginate.ts), shown on screen and, for
 * printing, mirrored into a body-level container that print CSS shows alone. Mount it with a key
 * per document so a new document is measured afresh.
 */
export function ReportPreview({ doc, onPages }: { doc: ReportDocument; onPages?: (count: number) => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const widthPx = Math.floor(CONTENT_MM[doc.orientation].w * PX_PER_MM);
  const svgs = useMemo(() => doc.charts.map((c) => chartSvg(c, widthPx, zh)), [doc, widthPx, zh]);
  const measureRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Page[] | null>(null);

  useLayoutEffect(() => {
    let cancelled = false;
    // Fonts change line heights: measure once the CJK font is in.
    void document.fonts.ready.then(() => {
      if (cancelled || !measureRef.current) return;
      const laid = paginate(measure(measureRef.current, doc));
      setPages(laid);
      onPages?.(laid.length);
    });
    return () => {
      cancelled = true;
    };
    // onPages is a notification only; re-measuring for a new callback identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, svgs]);

  useEffect(() => {
    document.body.classList.add('kam-report-printing');
    return () => document.body.classList.remove('kam-report-printing');
  }, []);

  if (!pages) {
    return (
      <div ref={measureRef} style={{ position: 'relative' }} aria-busy>
        <Measurer doc={doc} svgs={svgs} />
        <div>{t('reports.paginating')}</div>
      </div>
    );
  }
  return (
    <>
      <div className="kam-desk kam-report" role="region" aria-label={t('reports.previewLabel')} data-pages={pages.length}>
        <Pages doc={doc} svgs={svgs} pages={pages} />
      </div>
      {createPortal(
        <div className="kam-print-portal kam-report">
          <style>{`@page { size: A4 ${doc.orientation}; margin: 12mm 15mm; }`}</style>
          <Pages doc={doc} svgs={svgs} pages={pages} />
        </div>,
        document.body,
      )}
    </>
  );
}
