import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../src/shared/ipc';

/*
 * The built main bundle, as Electron would load it (Node's ESM loader), with 'electron' replaced by a
 * recorder. Catches what tests of the sources cannot: bundling mistakes and ESM/CommonJS import
 * interop of externalised packages, which would crash the desktop app at start-up.
 */

const root = resolve(import.meta.dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'index.js');

interface Report {
  sandbox: boolean;
  cspHook: boolean;
  channels: string[];
  menu: string[];
  windows: Record<string, unknown>[];
  errors: string[];
  loaded?: string;
  exit?: number;
  dataDir: string;
}

function runBundle(args: string[] = []): Report {
  const base = mkdtempSync(join(tmpdir(), 'kam-bundle-'));
  const run = spawnSync(
    process.execPath,
    ['--import', join(import.meta.dirname, 'shell-bundle-fixture', 'register.mjs'), bundle, ...args],
    {
      cwd: root,
      env: { ...process.env, KAM_FAKE_BASE: base, KAM_APP_ROOT: root },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('KAM-REPORT '));
  if (!line)
    throw new Error(`the bundle printed no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('KAM-REPORT '.length)) as Report;
}

beforeAll(() => {
  // `npm test` builds before the unit tests; a lone run of this file builds the bundle itself.
  if (existsSync(bundle)) return;
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}, 180_000);

describe('the built desktop main process', () => {
  it('starts: hardens the session, registers IPC, builds the menu and opens the locked-down window', () => {
    const report = runBundle();
    expect(report.errors).toEqual([]);
    expect(report.sandbox).toBe(true);
    expect(report.cspHook).toBe(true);
    expect(report.channels).toEqual(
      expect.arrayContaining([IPC_CHANNELS.rpc, IPC_CHANNELS.methods, IPC_CHANNELS.shellSetLocale]),
    );
    expect(report.menu).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]).toMatchObject({
      preload: join(root, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(report.loaded).toBe(join(root, 'out', 'renderer', 'index.html'));
    expect(existsSync(join(report.dataDir, 'kam-desk.db'))).toBe(true);
  }, 90_000);

  it('honours --data-dir', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kam-bundle-data-'));
    const report = runBundle(['--data-dir', dataDir]);
    expect(report.dataDir).toBe(dataDir);
    expect(existsSync(join(dataDir, 'kam-desk.db'))).toBe(true);
  }, 90_000);
});
