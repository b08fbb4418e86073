import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  NATIVE_DIR,
  nativeBindingPath,
  nativeFolder,
  type NativeTarget,
} from '../../src/main/shell/native-binding';

/**
 * Gets the Electron-ABI build of better-sqlite3 into `.native/` without touching node_modules, whose
 * Node build the tests and the browser transport keep using (STACK.md "Native ABI"). The download is
 * done by better-sqlite3's own installer, prebuild-install (proxy settings, npm cache, mirrors), run in
 * a staging folder that holds only a copy of better-sqlite3's package.json.
 */

export interface ElectronTarget extends NativeTarget {
  /** The installed Electron version, e.g. '41.7.1'. */
  version: string;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * The installed Electron's version and ABI, read from its npm package (no binary needed): the package
 * ships `abi_version`; older ones do not, then node-abi (prebuild-install's own table) answers.
 */
export function readElectronTarget(
  root: string,
  platform: string = process.platform,
  arch: string = process.arch,
): ElectronTarget {
  const electronDir = join(root, 'node_modules', 'electron');
  const version = String(readJson(join(electronDir, 'package.json')).version);
  const abiFile = join(electronDir, 'abi_version');
  let abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : '';
  if (!/^\d+$/.test(abi)) {
    const require = createRequire(join(root, 'node_modules', 'better-sqlite3', 'package.json'));
    const nodeAbi = require(require.resolve('node-abi')) as {
      getAbi(target: string, runtime: string): string;
    };
    abi = nodeAbi.getAbi(version, 'electron');
  }
  return { version, abi, platform, arch };
}

/** better-sqlite3's installed version: the Electron binary must come from the same release as its JS. */
export function betterSqliteVersion(root: string): string {
  return String(readJson(join(root, 'node_modules', 'better-sqlite3', 'package.json')).version);
}

/** The release asset prebuild-install fetches, e.g. better-sqlite3-v12.11.1-electron-v145-win32-x64.tar.gz. */
export function prebuildAssetName(sqliteVersion: string, target: NativeTarget, libc = ''): string {
  return `better-sqlite3-v${sqliteVersion}-electron-v${target.abi}-${target.platform}${libc}-${target.arch}.tar.gz`;
}

/** Where a user can fetch the asset by hand when the script cannot (documented in the README). */
export function prebuildAssetUrl(sqliteVersion: string, target: NativeTarget): string {
  return `https://github.com/WiseLibs/better-sqlite3/releases/download/v${sqliteVersion}/${prebuildAssetName(sqliteVersion, target)}`;
}

const STAMP = 'better-sqlite3.version';

/** Where a hand-downloaded release tarball can be dropped (`.native/downloads/<asset>.tar.gz`). */
export function nativeDownloadsDir(nativeRoot: string): string {
  return join(nativeRoot, NATIVE_DIR, 'downloads');
}

/** True when `.native/` already holds the binary for this Electron ABI and this better-sqlite3 release. */
export function haveElectronSqlite(root: string, target: NativeTarget, sqliteVersion: string): boolean {
  const binary = nativeBindingPath(root, target);
  const stamp = join(nativeFolder(root, target), STAMP);
  return (
    existsSync(binary) &&
    statSync(binary).size > 0 &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === sqliteVersion
  );
}

/**
 * The environment for prebuild-install: npm's settings (proxy, cache, mirror host) pass through, but
 * not the ones that would make it skip the download or fetch for another runtime.
 */
export function prebuildEnv(env: NodeJS.ProcessEnv, downloadsDir: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  const drop = new Set([
    'npm_config_build_from_source',
    'npm_config_runtime',
    'npm_config_target',
    'npm_config_arch',
    'npm_config_platform',
    'npm_config_disturl',
    'npm_package_resolved',
    'npm_package_from',
  ]);
  for (const [key, value] of Object.entries(env)) if (!drop.has(key.toLowerCase())) out[key] = value;
  // A tarball put into .native/downloads by hand (no internet on the PC) is used before any download.
  out.npm_config_better_sqlite3_local_prebuilds ??= downloadsDir;
  return out;
}

export interface FetchOptions {
  /** The project root (node_modules). */
  root: string;
  /** Where `.native/` goes; the project root unless a test says otherwise. */
  nativeRoot?: string;
  target: ElectronTarget;
  /** Re-download even when `.native/` looks complete. */
  force?: boolean;
  /** A full URL for the tarball (prebuild-install --download), e.g. an intranet mirror. */
  downloadUrl?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolveCode, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolveCode(code ?? 1));
  });
}

/**
 * Makes sure `.native/electron-v<abi>-<platform>-<arch>/better_sqlite3.node` exists for the installed
 * Electron and better-sqlite3, downloading it if needed; returns its path.
 */
export async function ensureElectronSqlite(options: FetchOptions): Promise<string> {
  const { root, target } = options;
  const nativeRoot = options.nativeRoot ?? root;
  const log = options.log ?? ((line: string) => console.log(line));
  const sqliteVersion = betterSqliteVersion(root);
  const binary = nativeBindingPath(nativeRoot, target);
  if (!options.force && haveElectronSqlite(nativeRoot, target, sqliteVersion)) return binary;

  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  const require = createRequire(join(sqliteDir, 'package.json'));
  const prebuildBin = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');

  mkdirSync(join(nativeRoot, NATIVE_DIR), { recursive: true });
  const staging = mkdtempSync(join(nativeRoot, NATIVE_DIR, 'staging-'));
  try {
    copyFileSync(join(sqliteDir, 'package.json'), join(staging, 'package.json'));
    log(
      `Fetching better-sqlite3 ${sqliteVersion} for Electron ${target.version} (ABI ${target.abi}, ${target.platform}-${target.arch}) / 下载适用于 Electron 的 better-sqlite3…`,
    );
    const args = [
      prebuildBin,
      '--runtime',
      'electron',
      '--target',
      target.version,
      '--platform',
      target.platform,
      '--arch',
      target.arch,
      '--verbose',
      ...(options.downloadUrl ? ['--download', options.downloadUrl] : []),
    ];
    const code = await run(
      process.execPath,
      args,
      staging,
      prebuildEnv(options.env ?? process.env, nativeDownloadsDir(nativeRoot)),
    );
    const fetched = join(staging, 'build', 'Release', 'better_sqlite3.node');
    if (code !== 0 || !existsSync(fetched)) {
      throw new Error(
        `prebuild-install could not fetch ${prebuildAssetName(sqliteVersion, target)} (exit code ${code})`,
      );
    }
    const folder = nativeFolder(nativeRoot, target);
    mkdirSync(folder, { recursive: true });
    // Rename into place so an interrupted download never leaves a half-written binary behind.
    renameSync(fetched, binary);
    writeFileSync(join(folder, STAMP), `${sqliteVersion}\n`);
    return binary;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
