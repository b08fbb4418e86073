import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';
import { IPC_CHANNELS } from '../../src/shared/ipc';
import type { RpcResult } from '../../src/shared/errors';
import {
  app,
  dialogState,
  fakeShell,
  FakeBrowserWindow,
  frameEvent,
  ipcMain,
  menuState,
  session,
  type FakeWebContents,
} from './shell-fake-electron';

vi.mock('electron', async () => (await import('./shell-fake-electron')).fakeElectron);

/*
 * src/main/index.ts run against a simulated Electron: what the lifecycle wires up when the app starts.
 * Our own code (API, store, IPC, security rules) is real; only Electron's objects are stand-ins.
 */

const root = resolve(import.meta.dirname, '..', '..');
// Run from source, the lifecycle's "built renderer" is src/renderer (out/renderer once bundled).
const APP_PAGE = pathToFileURL(join(root, 'src', 'renderer', 'index.html')).href;
const savedArgv = process.argv;
let appData: string;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((tick) => setImmediate(tick));
}

/** Loads the lifecycle as Electron would start it, then fires "ready". */
async function launch(args: string[] = []): Promise<void> {
  process.argv = ['/opt/electron/electron', '.', ...args];
  vi.resetModules();
  await import('../../src/main/index');
  app.becomeReady();
  await settle();
}

function mainWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.windows).toHaveLength(1);
  return FakeBrowserWindow.windows[0]!;
}

function contents(): FakeWebContents {
  return mainWindow().webContents;
}

function rpc(method: string, input: unknown = {}): Promise<RpcResult<unknown>> {
  return ipcMain.invoke(IPC_CHANNELS.rpc, frameEvent(APP_PAGE), { method, input }) as Promise<
    RpcResult<unknown>
  >;
}

beforeAll(async () => {
  // Resolve the mock once now: after vi.resetModules() its factory would build a second set of fakes.
  await import('electron');
});

beforeEach(() => {
  app.reset();
  ipcMain.reset();
  FakeBrowserWindow.windows = [];
  menuState.template = null;
  dialogState.errors.length = 0;
  dialogState.syncAnswer = 1;
  fakeShell.opened.length = 0;
  appData = mkdtempSync(join(tmpdir(), 'kam-appdata-'));
  app.setPath('appData', appData);
  app.setPath('userData', join(appData, 'KAM Desk'));
  app.setPath('documents', appData);
  app.appPath = root;
});

afterEach(() => {
  app.emit('will-quit');
  process.argv = savedArgv;
});

describe('starting the desktop app', () => {
  it('opens one sandboxed, isolated window on the built renderer with the CommonJS preload', async () => {
    await launch();
    const { webPreferences } = mainWindow().options as { webPreferences: Record<string, unknown> };
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(String(webPreferences.preload)).toBe(join(root, 'src', 'preload', 'index.cjs'));
    expect(mainWindow().loaded).toBe(`file:${join(root, 'src', 'renderer', 'index.html')}`);
    expect(app.sandboxed).toBe(true);
  });

  it('serves the API over IPC from its own data folder, apart from an installed copy', async () => {
    await launch();
    expect(await rpc('auth.status')).toMatchObject({ ok: true, data: { setupRequired: true } });
    expect(await rpc('users.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(existsSync(join(appData, 'KAM Desk Dev', 'kam-desk.db'))).toBe(true);
    expect(existsSync(join(appData, 'KAM Desk Dev', 'logs', 'main.log'))).toBe(true);
    expect(existsSync(join(appData, 'KAM Desk', 'kam-desk.db'))).toBe(false);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [
        IPC_CHANNELS.rpc,
        IPC_CHANNELS.shellAppInfo,
        IPC_CHANNELS.shellPrint,
        IPC_CHANNELS.shellPrintToPdf,
        IPC_CHANNELS.shellSetLocale,
      ].sort(),
    );
  });

  it('uses --data-dir, and creates the first admin from KAM_ADMIN_PASSWORD', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kam-desk-data-'));
    vi.stubEnv('KAM_ADMIN_PASSWORD', 'Admin12345');
    await launch(['--data-dir', dataDir]);
    vi.unstubAllEnvs();
    expect(existsSync(join(dataDir, 'kam-desk.db'))).toBe(true);
    expect(await rpc('auth.status')).toMatchObject({ ok: true, data: { setupRequired: false } });
    expect(await rpc('auth.login', { username: 'admin', password: 'Admin12345' })).toMatchObject({
      ok: true,
    });
  });

  it('explains a start-up failure in a dialog and exits instead of showing a broken window', async () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'kam-bad-')), 'file');
    writeFileSync(notADirectory, 'x');
    await launch(['--data-dir', notADirectory]);
    expect(dialogState.errors).toHaveLength(1);
    expect(dialogState.errors[0]![0]).toBe('KAM Desk 启动失败');
    expect(app.exitCode).toBe(1);
    expect(FakeBrowserWindow.windows).toHaveLength(0);
  });
});

describe('the running window', () => {
  it('never opens new windows: web links go to the system browser, anything else is dropped', async () => {
    await launch();
    expect(contents().windowOpenHandler!({ url: 'https://www.10086.cn/' })).toEqual({ action: 'deny' });
    expect(contents().windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await settle();
    expect(fakeShell.opened).toEqual(['https://www.10086.cn/']);
  });

  it('blocks navigation away from the app and <webview>, but not its own routes', async () => {
    await launch();
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents().emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://phishing.example/')).toBe(true);
    expect(navigate(`${APP_PAGE}#/customers`)).toBe(false);
    const webview = { preventDefault: vi.fn() };
    contents().emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('asks before a page with unsaved changes is closed or reloaded, and keeps it by default', async () => {
    await launch();
    const refuseUnload = () => {
      const event = { preventDefault: vi.fn() };
      contents().emit('will-prevent-unload', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    dialogState.syncAnswer = 1;
    expect(refuseUnload()).toBe(false);
    expect(dialogState.messages.at(-1)).toMatchObject({ title: '放弃未保存的修改？', defaultId: 1 });
    dialogState.syncAnswer = 0;
    expect(refuseUnload()).toBe(true);
  });

  it('sets the CSP on every response and refuses permission requests', async () => {
    await launch();
    const responses: unknown[] = [];
    session.defaultSession.headersHook!({ responseHeaders: { 'content-type': ['text/html'] } }, (r) =>
      responses.push(r),
    );
    expect(responses).toEqual([
      {
        responseHeaders: {
          'content-type': ['text/html'],
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        },
      },
    ]);
    const answers: boolean[] = [];
    session.defaultSession.permissionRequest!({}, 'media', (allowed: boolean) => answers.push(allowed), {
      requestingUrl: APP_PAGE,
    });
    expect(answers).toEqual([false]);
    expect(
      session.defaultSession.permissionCheck!({}, 'geolocation', 'file:///', { requestingUrl: APP_PAGE }),
    ).toBe(false);
  });

  it('focuses the existing window when KAM Desk is launched a second time', async () => {
    await launch();
    mainWindow().minimized = true;
    app.emit('second-instance');
    expect(mainWindow().minimized).toBe(false);
    expect(mainWindow().focused).toBe(1);
  });

  it('quits at once when another instance holds the lock, opening nothing', async () => {
    app.lockAvailable = false;
    await launch();
    expect(app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.windows).toHaveLength(0);
  });

  it('shows the menu in Chinese and switches it to English when the page asks', async () => {
    await launch();
    const labels = () => (menuState.template as { label?: string }[]).map((item) => item.label);
    expect(labels()).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    await ipcMain.invoke(IPC_CHANNELS.shellSetLocale, frameEvent(APP_PAGE), 'en');
    expect(labels()).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('reports app info and prints through the page that asked', async () => {
    await launch();
    expect(await ipcMain.invoke(IPC_CHANNELS.shellAppInfo, frameEvent(APP_PAGE))).toMatchObject({
      name: 'KAM Desk',
      packaged: false,
      dataDir: join(appData, 'KAM Desk Dev'),
    });
    const event = { ...frameEvent(APP_PAGE), sender: contents() };
    expect(await ipcMain.invoke(IPC_CHANNELS.shellPrint, event, { landscape: true })).toBe(true);
    expect(contents().printed).toEqual([{ silent: false, printBackground: true, landscape: true }]);
  });
});
