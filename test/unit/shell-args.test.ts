import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../src/main/shell/args';
import { pdfFileName } from '../../src/main/shell/printing';

describe('the desktop command line', () => {
  it('uses Electron userData unless --data-dir is given', () => {
    expect(parseShellArgs(['.'], '/home/li')).toEqual({ dataDir: null, demo: false });
    expect(parseShellArgs(['.', '--data-dir', 'kam-data', '--demo'], '/home/li')).toEqual({
      dataDir: resolve('/home/li', 'kam-data'),
      demo: true,
    });
    expect(parseShellArgs(['--data-dir=/srv/kam'], '/home/li').dataDir).toBe(resolve('/srv/kam'));
  });

  it('ignores Chromium switches and the app path Electron puts on the command line', () => {
    const argv = [
      'out/main/index.js',
      '--no-sandbox',
      '--remote-debugging-port=9222',
      '--inspect=5858',
      '--demo',
    ];
    expect(parseShellArgs(argv, '/work')).toEqual({ dataDir: null, demo: true });
  });
});

describe('PDF file names', () => {
  it('keeps Chinese names and replaces what Windows refuses', () => {
    expect(pdfFileName('客户收入月报 2026-11')).toBe('客户收入月报 2026-11.pdf');
    expect(pdfFileName('A/B:C*?"<>|\u0007.PDF')).toBe('A_B_C_______.PDF');
    expect(pdfFileName(undefined)).toBe('KAM-Desk.pdf');
    expect(pdfFileName('   ')).toBe('KAM-Desk.pdf');
  });
});
