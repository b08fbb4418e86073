import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isAbiMismatch,
  NATIVE_BINDING_ENV,
  nativeBindingPath,
  resolveNativeBinding,
  type NativeTarget,
} from '../../src/main/shell/native-binding';
import { closeRuntime, openRuntime } from '../../src/main/runtime';
import {
  betterSqliteVersion,
  ensureElectronSqlite,
  haveElectronSqlite,
  nativeDownloadsDir,
  prebuildAssetName,
  prebuildAssetUrl,
  prebuildEnv,
  readElectronTarget,
  type ElectronTarget,
} from '../../scripts/desktop/electron-sqlite';
import { parseStartArgs } from '../../scripts/desktop/start';

const root = resolve(import.meta.dirname, '..', '..');
const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const require = createRequire(join(root, 'node_modules', 'better-sqlite3', 'package.json'));

/**
 * The installed Electron (ABI 145). The "prebuild" tarballs served in these tests hold this Node's own
 * build instead, so the fetched file can really be loaded here.
 */
const hereTarget: ElectronTarget = readElectronTarget(root);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kam-native-'));
}

/** A release tarball laid out like better-sqlite3's (build/Release/better_sqlite3.node). */
function makeTarball(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const src = tempDir();
  mkdirSync(join(src, 'build', 'Release'), { recursive: true });
  copyFileSync(nodeBuild, join(src, 'build', 'Release', 'better_sqlite3.node'));
  const file = join(dir, name);
  const tar = spawnSync('tar', ['-czf', file, '-C', src, 'build/Release/better_sqlite3.node']);
  if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr)}`);
  return file;
}

/** An environment with no network detours and its own npm cache, so nothing is reused between tests. */
function isolatedEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: cache, npm_config_cache: cache };
  return env;
}

let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((done) => server!.close(done));
  server = null;
});

describe('where the Electron build of better-sqlite3 lives', () => {
  const target: NativeTarget = { abi: '145', platform: 'win32', arch: 'x64' };

  it('has one folder per ABI, platform and architecture under .native', () => {
    expect(nativeBindingPath('/p', target)).toBe(
      join('/p', '.native', 'electron-v145-win32-x64', 'better_sqlite3.node'),
    );
  });

  it('is not needed by a packaged app (electron-builder rebuilt node_modules)', () => {
    const choice = resolveNativeBinding({
      packaged: true,
      appRoot: '/p',
      target,
      env: { [NATIVE_BINDING_ENV]: '/x' },
    });
    expect(choice).toEqual({ kind: 'default', reason: 'packaged' });
  });

  it('follows KAM_SQLITE_BINDING from npm start, and says so when it points nowhere', () => {
    const exists = (path: string) => path === '/bin/ok.node';
    expect(
      resolveNativeBinding({
        packaged: false,
        appRoot: '/p',
        target,
        env: { [NATIVE_BINDING_ENV]: '/bin/ok.node' },
        exists,
      }),
    ).toEqual({ kind: 'binding', path: '/bin/ok.node', source: 'env' });
    expect(() =>
      resolveNativeBinding({
        packaged: false,
        appRoot: '/p',
        target,
        env: { [NATIVE_BINDING_ENV]: '/bin/gone.node' },
        exists,
      }),
    ).toThrow(/KAM_SQLITE_BINDING points to a missing file/);
  });

  it('falls back to the .native folder (plain `electron .`), then to better-sqlite3 itself', () => {
    const local = nativeBindingPath('/p', target);
    expect(
      resolveNativeBinding({ packaged: false, appRoot: '/p', target, env: {}, exists: (p) => p === local }),
    ).toEqual({
      kind: 'binding',
      path: local,
      source: 'native-folder',
    });
    expect(
      resolveNativeBinding({ packaged: false, appRoot: '/p', target, env: {}, exists: () => false }),
    ).toEqual({
      kind: 'default',
      reason: 'not-found',
    });
  });

  it('recognises the ABI-mismatch error so the user is told to run npm start', () => {
    const error = new Error(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 145.",
    );
    expect(isAbiMismatch(error)).toBe(true);
    expect(
      isAbiMismatch(new Error('Could not locate the bindings file. Tried: → build/better_sqlite3.node')),
    ).toBe(true);
    expect(isAbiMismatch(new Error('SQLITE_CANTOPEN: unable to open database file'))).toBe(false);
  });
});

describe('the installed Electron, read without its binary', () => {
  it('is 41.7.1 with ABI 145, as node-abi (prebuild-install) also says', () => {
    const target = readElectronTarget(root, 'win32', 'x64');
    expect(target).toEqual({ version: '41.7.1', abi: '145', platform: 'win32', arch: 'x64' });
    const nodeAbi = require(require.resolve('node-abi')) as { getAbi(v: string, r: string): string };
    expect(nodeAbi.getAbi(target.version, 'electron')).toBe(target.abi);
  });

  it('names the same release asset prebuild-install downloads', () => {
    const version = betterSqliteVersion(root);
    const target: NativeTarget = { abi: '145', platform: 'win32', arch: 'x64' };
    const util = require(require.resolve('prebuild-install/util')) as {
      getDownloadUrl(opts: Record<string, unknown>): string;
    };
    const pkg = JSON.parse(
      readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'),
    ) as object;
    const theirs = util.getDownloadUrl({
      pkg,
      runtime: 'electron',
      abi: '145',
      platform: 'win32',
      arch: 'x64',
      'tag-prefix': 'v',
    });
    expect(prebuildAssetUrl(version, target)).toBe(theirs);
    expect(prebuildAssetName(version, target)).toBe(
      `better-sqlite3-v${version}-electron-v145-win32-x64.tar.gz`,
    );
  });

  it('keeps npm settings for prebuild-install but drops the ones that would skip or redirect the download', () => {
    const env = prebuildEnv(
      { HTTPS_PROXY: 'http://proxy:8080', npm_config_build_from_source: 'true', npm_config_runtime: 'node' },
      '/p/.native/downloads',
    );
    expect(env).toEqual({
      HTTPS_PROXY: 'http://proxy:8080',
      npm_config_better_sqlite3_local_prebuilds: '/p/.native/downloads',
    });
  });
});

describe('fetching the Electron build into .native (npm start)', () => {
  it('uses a tarball dropped into .native/downloads, and the app then opens its database with it', async () => {
    const nativeRoot = tempDir();
    const cache = tempDir();
    const version = betterSqliteVersion(root);
    makeTarball(nativeDownloadsDir(nativeRoot), prebuildAssetName(version, hereTarget));

    const fetched = await ensureElectronSqlite({
      root,
      nativeRoot,
      target: hereTarget,
      env: isolatedEnv(cache),
      log: () => {},
    });
    expect(fetched).toBe(nativeBindingPath(nativeRoot, hereTarget));
    expect(readFileSync(fetched).equals(readFileSync(nodeBuild))).toBe(true);
    expect(haveElectronSqlite(nativeRoot, hereTarget, version)).toBe(true);
    // No staging folder is left behind.
    expect(readdirSync(join(nativeRoot, '.native')).sort()).toEqual([
      'downloads',
      `electron-v${hereTarget.abi}-${hereTarget.platform}-${hereTarget.arch}`,
    ]);

    // What main does with it: find the same file and open the store through `nativeBinding`.
    const choice = resolveNativeBinding({
      packaged: false,
      appRoot: nativeRoot,
      target: hereTarget,
      env: {},
    });
    expect(choice).toEqual({ kind: 'binding', path: fetched, source: 'native-folder' });
    const runtime = openRuntime({ dataDir: tempDir(), transport: 'ipc', nativeBinding: fetched });
    expect(runtime.store.schemaVersion).toBeGreaterThan(0);
    closeRuntime(runtime);
  });

  it('downloads from KAM_SQLITE_PREBUILD_URL (an intranet server) and does not download twice', async () => {
    const nativeRoot = tempDir();
    const served = makeTarball(tempDir(), 'better-sqlite3-electron.tar.gz');
    let requests = 0;
    server = createServer((req, res) => {
      requests += 1;
      if (req.url !== '/mirror/better-sqlite3-electron.tar.gz') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/gzip' }).end(readFileSync(served));
    });
    await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror/better-sqlite3-electron.tar.gz`;
    const options = {
      root,
      nativeRoot,
      target: hereTarget,
      downloadUrl: url,
      env: isolatedEnv(tempDir()),
      log: () => {},
    };

    const fetched = await ensureElectronSqlite(options);
    expect(existsSync(fetched)).toBe(true);
    expect(requests).toBe(1);
    await ensureElectronSqlite(options);
    expect(requests).toBe(1);
    // After a better-sqlite3 upgrade (another version stamp) it installs again, from npm's cache.
    writeFileSync(join(fetched, '..', 'better-sqlite3.version'), '1.0.0\n');
    expect(haveElectronSqlite(nativeRoot, hereTarget, betterSqliteVersion(root))).toBe(false);
    await ensureElectronSqlite(options);
    expect(haveElectronSqlite(nativeRoot, hereTarget, betterSqliteVersion(root))).toBe(true);
    expect(requests).toBe(1);
  });

  it('fails with the asset name and leaves nothing half-written when the download is refused', async () => {
    const nativeRoot = tempDir();
    server = createServer((_req, res) => void res.writeHead(404).end());
    await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/missing.tar.gz`;
    await expect(
      ensureElectronSqlite({
        root,
        nativeRoot,
        target: hereTarget,
        downloadUrl: url,
        env: isolatedEnv(tempDir()),
        log: () => {},
      }),
    ).rejects.toThrow(`could not fetch ${prebuildAssetName(betterSqliteVersion(root), hereTarget)}`);
    expect(existsSync(nativeBindingPath(nativeRoot, hereTarget))).toBe(false);
    expect(readdirSync(join(nativeRoot, '.native'))).toEqual([]);
  });
});

describe('npm start arguments', () => {
  it('keeps its own flags and passes the rest to the app', () => {
    expect(parseStartArgs(['--dev', '--demo', '--data-dir', 'D:\\kam'])).toEqual({
      dev: true,
      fetchOnly: false,
      forceFetch: false,
      appArgs: ['--demo', '--data-dir', 'D:\\kam'],
    });
  });
});
