import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron-ABI build of better-sqlite3 lives in development (STACK.md "Native ABI").
 * node_modules keeps the Node build for tests and the browser transport; `npm start`
 * (scripts/desktop/start.ts) downloads the Electron prebuild into `.native/` and passes its path in
 * KAM_SQLITE_BINDING. A packaged app needs none of this: electron-builder rebuilds node_modules for
 * Electron.
 */

export const NATIVE_BINDING_ENV = 'KAM_SQLITE_BINDING';
export const NATIVE_DIR = '.native';

export interface NativeTarget {
  /** NODE_MODULE_VERSION, e.g. '145' for Electron 41. */
  abi: string;
  platform: string;
  arch: string;
}

/** `.native/electron-v145-win32-x64`: one folder per ABI and platform, so several can sit side by side. */
export function nativeFolder(root: string, target: NativeTarget): string {
  return join(root, NATIVE_DIR, `electron-v${target.abi}-${target.platform}-${target.arch}`);
}

/** The better_sqlite3.node that Electron of this ABI loads in development. */
export function nativeBindingPath(root: string, target: NativeTarget): string {
  return join(nativeFolder(root, target), 'better_sqlite3.node');
}

export interface ResolveOptions {
  packaged: boolean;
  /** The app folder (app.getAppPath()): the project root in development. */
  appRoot: string;
  target: NativeTarget;
  env: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
}

export type BindingChoice =
  | { kind: 'default'; reason: 'packaged' | 'not-found' }
  | { kind: 'binding'; path: string; source: 'env' | 'native-folder' };

/**
 * Picks the binary for `new Database(file, { nativeBinding })`: the env var when set (it must exist),
 * else the `.native` folder for this Electron, else better-sqlite3's own lookup (right when packaged;
 * in development it fails with a NODE_MODULE_VERSION message that the lifecycle explains to the user).
 */
export function resolveNativeBinding(options: ResolveOptions): BindingChoice {
  const exists = options.exists ?? existsSync;
  if (options.packaged) return { kind: 'default', reason: 'packaged' };
  const fromEnv = options.env[NATIVE_BINDING_ENV]?.trim();
  if (fromEnv) {
    if (!exists(fromEnv)) throw new Error(`${NATIVE_BINDING_ENV} points to a missing file: ${fromEnv}`);
    return { kind: 'binding', path: fromEnv, source: 'env' };
  }
  const local = nativeBindingPath(options.appRoot, options.target);
  if (exists(local)) return { kind: 'binding', path: local, source: 'native-folder' };
  return { kind: 'default', reason: 'not-found' };
}

/** True when better-sqlite3's binary is missing or was built for another Node/Electron ABI. */
export function isAbiMismatch(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version|not a valid Win32 application|invalid ELF header|Could not locate the bindings file/i.test(
    message,
  );
}
