import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../src/main/shell/args';

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
