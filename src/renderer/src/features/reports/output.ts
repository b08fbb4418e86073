import type { Orientation } from '../../../../shared/contract/reports';
import type { KamShell } from '../../../../shared/shell-bridge';

type ShellWindow = Window & { kamShell?: KamShell };

/** The desktop shell's print helpers, or null in browser mode. */
function shell(): KamShell | null {
  return (window as ShellWindow).kamShell ?? null;
}

/**
 * Prints the report: the desktop app opens the system print dialog (printer chooser) through the
 * shell; a browser opens its own print dialog. Resolves false when printing did not happen.
 */
export async function printReport(orientation: Orientation): Promise<boolean> {
  const desktop = shell();
  if (desktop) return desktop.print({ landscape: orientation === 'landscape' });
  window.print();
  return true;
}

/**
 * Saves the report as PDF: the desktop app renders A4 pages and asks where to save (null path when
 * cancelled); a browser offers "Save as PDF" in its print dialog, so it opens that.
 */
export async function saveReportPdf(orientation: Orientation, suggestedName: string): Promise<{ path: string | null; desktop: boolean }> {
  const desktop = shell();
  if (desktop) {
    const result = await desktop.printToPdf({ landscape: orientation === 'landscape', suggestedName });
    return { path: result.path, desktop: true };
  }
  window.print();
  return { path: null, desktop: false };
}

/** Offers a base64 file (the .xlsx export) as a download with its name. */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
