import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog, WebContents } from 'electron';
import type { Locale } from '../../shared/locale';
import type { PdfOptions, PdfResult, PrintOptions } from '../../shared/shell-bridge';
import { shellText } from './menu-messages';

/**
 * Printing for reports: managers print A4 pages through the system dialog or save them as PDF. The
 * page's own print CSS (letterhead, page numbers) decides the look; these helpers only drive Chromium.
 */

/** Opens the system print dialog; resolves false when the user cancels or printing fails. */
export function printPage(
  contents: Pick<WebContents, 'print'>,
  options: PrintOptions = {},
): Promise<boolean> {
  return new Promise((resolvePrinted) => {
    contents.print(
      { silent: false, printBackground: true, landscape: options.landscape === true },
      (success) => resolvePrinted(success),
    );
  });
}

/** A file name without characters Windows refuses, ending in .pdf. */
export function pdfFileName(suggested: string | undefined): string {
  const cleaned = [...(suggested ?? '')].map((ch) =>
    ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch,
  );
  const base = cleaned.join('').trim() || 'KAM-Desk';
  return base.toLowerCase().endsWith('.pdf') ? base : `${base}.pdf`;
}

/** Renders the page to an A4 PDF and saves it where the user chooses. */
export async function savePageAsPdf(
  window: BrowserWindow,
  dialog: Pick<Dialog, 'showSaveDialog'>,
  locale: Locale,
  defaultDir: string,
  options: PdfOptions = {},
): Promise<PdfResult> {
  const choice = await dialog.showSaveDialog(window, {
    title: shellText(locale, 'pdf.saveTitle'),
    defaultPath: join(defaultDir, pdfFileName(options.suggestedName)),
    filters: [{ name: shellText(locale, 'pdf.filterName'), extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { path: null };
  const pdf = await window.webContents.printToPDF({
    pageSize: 'A4',
    landscape: options.landscape === true,
    printBackground: true,
  });
  await writeFile(choice.filePath, pdf);
  return { path: choice.filePath };
}
