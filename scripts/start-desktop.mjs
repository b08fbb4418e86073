// `npm start`: the desktop app. The work is in scripts/desktop/start.ts (TypeScript, run with tsx like
// the browser transport), which fetches the Electron build of better-sqlite3 into .native/ and then
// starts electron-vite. See README "Desktop app / 桌面版".
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'scripts/desktop/start.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
child.on('close', (code) => process.exit(code ?? 1));
