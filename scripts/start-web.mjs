// Builds the renderer if it is missing (or when --build is given), then starts the browser transport.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const rest = args.filter((a) => a !== '--build');

if (forceBuild || !existsSync(join(root, 'out/renderer/index.html'))) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/web-cli.ts'), ...rest], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(server.status ?? 0);
