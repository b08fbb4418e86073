import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface ShellArgs {
  /** `--data-dir DIR`: absolute, or null for Electron's userData folder. */
  dataDir: string | null;
  /** `--demo`: build the demo branch when the data directory is empty. */
  demo: boolean;
}

/**
 * Reads our options from the Electron command line. Chromium switches and the app path also appear
 * there (and differ between `electron .` and a packaged exe), so unknown arguments are ignored.
 */
export function parseShellArgs(argv: readonly string[], cwd: string): ShellArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
    strict: false,
    allowPositionals: true,
  });
  const dataDir =
    typeof values['data-dir'] === 'string' && values['data-dir'] !== ''
      ? resolve(cwd, values['data-dir'])
      : null;
  return { dataDir, demo: values.demo === true };
}
