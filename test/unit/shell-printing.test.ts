import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, Dialog, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { pdfFileName, printPage, savePageAsPdf } from '../../src/main/shell/printing';

/** Stand-ins for Electron's window and save dialog (Electron cannot run here). */
function fakes(choice: { canceled: boolean; filePath?: string }) {
  const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 test'));
  const window = { webContents: { printToPDF } } as unknown as BrowserWindow;
  const showSaveDialog = vi.fn(async () => choice);
  const dialog = { showSaveDialog } as unknown as Pick<Dialog, 'showSaveDialog'>;
  return { window, dialog, printToPDF, showSaveDialog };
}

describe('printing reports', () => {
  it('keeps Chinese file names and replaces what Windows refuses', () => {
    expect(pdfFileName('客户收入月报 2026-11')).toBe('客户收入月报 2026-11.pdf');
    expect(pdfFileName('A/B:C*?"<>|\u0007.PDF')).toBe('A_B_C_______.PDF');
    expect(pdfFileName(undefined)).toBe('KAM-Desk.pdf');
    expect(pdfFileName('   ')).toBe('KAM-Desk.pdf');
  });

  it('saves an A4 PDF where the user chose, with a Chinese dialog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-pdf-'));
    const target = join(dir, '月报.pdf');
    const { window, dialog, printToPDF, showSaveDialog } = fakes({ canceled: false, filePath: target });
    expect(
      await savePageAsPdf(window, dialog, 'zh-CN', dir, { suggestedName: '月报', landscape: true }),
    ).toEqual({
      path: target,
    });
    expect(showSaveDialog).toHaveBeenCalledWith(window, {
      title: '保存为 PDF',
      defaultPath: join(dir, '月报.pdf'),
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
    });
    expect(printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', landscape: true, printBackground: true });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 test');
  });

  it('renders nothing when the user cancels the dialog', async () => {
    const { window, dialog, printToPDF } = fakes({ canceled: true });
    expect(await savePageAsPdf(window, dialog, 'en', tmpdir())).toEqual({ path: null });
    expect(printToPDF).not.toHaveBeenCalled();
  });

  it('reports whether the system print dialog printed', async () => {
    const contents = {
      print: vi.fn((_options: unknown, done: (success: boolean) => void) => done(false)),
    } as unknown as Pick<WebContents, 'print'>;
    expect(await printPage(contents)).toBe(false);
  });
});
