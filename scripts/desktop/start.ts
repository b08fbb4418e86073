import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { NATIVE_BINDING_ENV } from '../../src/main/shell/native-binding';
import {
  betterSqliteVersion,
  ensureElectronSqlite,
  nativeDownloadsDir,
  prebuildAssetUrl,
  readElectronTarget,
} from './electron-sqlite';

/**
 * `npm start [-- --dev] [-- --demo --data-dir DIR]`: the desktop app on a developer's or a user's PC.
 * 1. makes sure the Electron-ABI better-sqlite3 is in `.native/` (downloaded once),
 * 2. runs electron-vite (`preview`: build, then launch; `--dev`: dev server with hot reload) with
 *    KAM_SQLITE_BINDING pointing at it, so node_modules keeps the Node build for the tests.
 */

const root = resolve(import.meta.dirname, '..', '..');

export interface StartArgs {
  dev: boolean;
  fetchOnly: boolean;
  forceFetch: boolean;
  /** Everything else goes to the app: --demo, --data-dir DIR. */
  appArgs: string[];
}

/** Splits our own flags from the ones meant for the app. */
export function parseStartArgs(argv: readonly string[]): StartArgs {
  const own = new Set(['--dev', '--fetch-only', '--force-fetch']);
  return {
    dev: argv.includes('--dev'),
    fetchOnly: argv.includes('--fetch-only'),
    forceFetch: argv.includes('--force-fetch'),
    appArgs: argv.filter((arg) => !own.has(arg)),
  };
}

function electronBinaryInstalled(): boolean {
  return existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
}

async function main(): Promise<number> {
  const args = parseStartArgs(process.argv.slice(2));
  const target = readElectronTarget(root);

  let binding: string;
  try {
    binding = await ensureElectronSqlite({
      root,
      target,
      force: args.forceFetch,
      downloadUrl: process.env.KAM_SQLITE_PREBUILD_URL || undefined,
    });
  } catch (error) {
    const url = prebuildAssetUrl(betterSqliteVersion(root), target);
    const downloads = nativeDownloadsDir(root);
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    console.error(
      [
        '',
        '无法下载适用于 Electron 的 better-sqlite3。可以：',
        '  · 设置代理（HTTPS_PROXY）或镜像（npm_config_better_sqlite3_binary_host=https://registry.npmmirror.com/-/binary/better-sqlite3）后重试；',
        `  · 或手动下载 ${url}，放入 ${downloads}${sep} 后重试（或放到内网服务器上，设置 KAM_SQLITE_PREBUILD_URL 为其完整地址）。`,
        '',
        'Could not download better-sqlite3 for Electron. Either:',
        '  · set a proxy (HTTPS_PROXY) or a mirror (npm_config_better_sqlite3_binary_host=…) and retry;',
        `  · or download ${url} yourself into ${downloads}${sep} and retry (or serve it on your intranet and set KAM_SQLITE_PREBUILD_URL to its full URL).`,
      ].join('\n'),
    );
    return 1;
  }
  console.log(`better-sqlite3 for Electron ${target.version}: ${binding}`);
  if (args.fetchOnly) return 0;

  if (!electronBinaryInstalled()) {
    console.error(
      'Electron 本体未安装（可能设置了 ELECTRON_SKIP_BINARY_DOWNLOAD）：请不带该变量重新运行 npm install。\n' +
        'The Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): run `npm install` again without it.',
    );
    return 1;
  }

  const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const viteArgs = [
    electronVite,
    args.dev ? 'dev' : 'preview',
    ...(args.appArgs.length ? ['--', ...args.appArgs] : []),
  ];
  return new Promise((resolveCode) => {
    const child = spawn(process.execPath, viteArgs, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, [NATIVE_BINDING_ENV]: binding },
    });
    child.on('error', (error) => {
      console.error(error);
      resolveCode(1);
    });
    child.on('close', (code) => resolveCode(code ?? 1));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
