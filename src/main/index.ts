import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, Notification, session, shell } from 'electron';
import type { AppInfo } from '../shared/shell-bridge';
import { DEFAULT_LOCALE, type Locale } from '../shared/locale';
import type { Api } from './api';
import { startApp } from './bootstrap';
import { clockFromOption } from './clock';
import { startBackgroundJobs } from './jobs';
import { registerIpc } from './ipc';
import { closeRuntime } from './runtime';
import { readSetting } from './services/settings/branch';
import { parseShellArgs } from './shell/args';
import { createShellLog } from './shell/log';
import { menuTemplate } from './shell/menu';
import { shellText } from './shell/menu-messages';
import { isAbiMismatch, resolveNativeBinding } from './shell/native-binding';
import { printPage, savePageAsPdf } from './shell/printing';
import type { AppLocation } from './shell/security';
import { registerShellIpc } from './shell/shell-ipc';
import { createUpdateChecker, type UpdaterLike } from './shell/updater';
import { createMainWindow, hardenContents, hardenSession, type WindowOptions } from './shell/window';
import { confirmDiscard, guardUnload } from './shell/unload';
import { CONTENT_SECURITY_POLICY } from './csp';

/*
 * Electron lifecycle only (ARCHITECTURE.md): single instance, the locked-down window, menu, updater and
 * printing wiring. Everything the app does goes through the API server (src/main/api.ts) over IPC.
 */

const mainDir = dirname(fileURLToPath(import.meta.url));
const location: AppLocation = {
  rendererDir: join(mainDir, '../renderer'),
  // The dev server is trusted only in development; a packaged app ignores the variable.
  devServerUrl: app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null),
};

const args = parseShellArgs(process.argv.slice(1), process.cwd());
// The single-instance lock is per userData folder, so a separate --data-dir is a separate instance.
// Unpackaged runs (npm start) default to their own folder: a development build with newer migrations
// must never upgrade the database of an installed copy on the same PC.
const defaultDataDir = app.isPackaged
  ? app.getPath('userData')
  : join(app.getPath('appData'), 'KAM Desk Dev');
app.setPath('userData', args.dataDir ?? defaultDataDir);
const dataDir = app.getPath('userData');
const log = createShellLog(join(dataDir, 'logs', 'main.log'));

const windowOptions: WindowOptions = {
  location,
  preloadPath: join(mainDir, '../preload/index.cjs'),
  iconPath: [join(app.getAppPath(), 'resources', 'icon.png')].find((path) => existsSync(path)),
  basePolicy: CONTENT_SECURITY_POLICY,
  log,
};

let mainWindow: BrowserWindow | null = null;
let api: Api | null = null;
let locale: Locale = DEFAULT_LOCALE;

const updates = createUpdateChecker({
  // electron-updater is CommonJS: take its default export under ESM.
  loadUpdater: async () => (await import('electron-updater')).default.autoUpdater as UpdaterLike,
  log,
  notifyDownloaded: (version) => {
    const title = shellText(locale, 'update.readyTitle');
    const body = shellText(locale, 'update.readyBody', { version });
    log(`[updater] ${body}`);
    if (Notification.isSupported()) new Notification({ title, body }).show();
  },
});

function currentUpdateUrl(): string {
  if (!api) return '';
  return readSetting(api.runtime.store.db, api.runtime.branchId, 'updateUrl');
}

async function checkForUpdatesFromMenu(): Promise<void> {
  const outcome = await updates.check(app.isPackaged, currentUpdateUrl());
  let message: string;
  if (!outcome.active) {
    message = shellText(locale, outcome.reason === 'not-packaged' ? 'update.notPackaged' : 'update.noUrl');
  } else if ('failed' in outcome) {
    message = shellText(locale, 'update.failed', { message: outcome.failed });
  } else if (outcome.latest) {
    message = shellText(locale, 'update.downloading', { version: outcome.latest });
  } else {
    message = shellText(locale, 'update.upToDate', { version: app.getVersion() });
  }
  const options = {
    type: 'info' as const,
    title: 'KAM Desk',
    message,
    buttons: [shellText(locale, 'dialog.ok')],
  };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function appInfo(): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    platform: process.platform,
    arch: process.arch,
    packaged: app.isPackaged,
    dataDir,
  };
}

function applyMenu(): void {
  const template = menuTemplate({
    locale,
    platform: process.platform,
    developer: !app.isPackaged,
    actions: {
      print: () => {
        if (mainWindow) void printPage(mainWindow.webContents);
      },
      checkForUpdates: () =>
        void checkForUpdatesFromMenu().catch((error: unknown) => log('[updater] menu check', error)),
      openDataDir: () => void shell.openPath(dataDir),
      about: () => {
        const info = appInfo();
        const options = {
          type: 'info' as const,
          title: shellText(locale, 'dialog.aboutTitle'),
          message: `KAM Desk ${info.version}`,
          detail: shellText(locale, 'dialog.aboutDetail', {
            version: info.version,
            electron: info.electron,
            dataDir: info.dataDir,
          }),
          buttons: [shellText(locale, 'dialog.ok')],
        };
        void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
      },
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Opens the store (with the Electron-ABI better-sqlite3 in development) and the API; null after telling the user why not. */
function startApi(): Api | null {
  try {
    const binding = resolveNativeBinding({
      packaged: app.isPackaged,
      appRoot: app.getAppPath(),
      target: { abi: process.versions.modules, platform: process.platform, arch: process.arch },
      env: process.env,
    });
    log(
      `[store] data: ${dataDir}; better-sqlite3: ${binding.kind === 'binding' ? binding.path : `default (${binding.reason})`}`,
    );
    const boot = startApp({
      dataDir,
      transport: 'ipc',
      demo: args.demo,
      adminPassword: process.env.KAM_ADMIN_PASSWORD || undefined,
      // KAM_CLOCK (README, browser mode): a demo or acceptance run at a chosen date; a bad value stops here.
      now: clockFromOption(process.env.KAM_CLOCK, 'KAM_CLOCK'),
      nativeBinding: binding.kind === 'binding' ? binding.path : undefined,
    });
    if (boot.created !== 'nothing') log(`[store] first run: created ${boot.created}`);
    startBackgroundJobs(boot.api.runtime, (message) => log(message));
    return boot.api;
  } catch (error) {
    log('[store] start-up failed', error);
    const message = error instanceof Error ? error.message : String(error);
    const [title, body] = isAbiMismatch(error)
      ? [shellText(locale, 'native.title'), shellText(locale, 'native.body', { message })]
      : [shellText(locale, 'startup.title'), shellText(locale, 'startup.body', { message, dataDir })];
    dialog.showErrorBox(title, body);
    return null;
  }
}

function openWindow(): void {
  const window = createMainWindow(windowOptions);
  mainWindow = window;
  guardUnload(window.webContents, () => confirmDiscard(dialog, window, locale));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  const load = location.devServerUrl
    ? window.loadURL(location.devServerUrl)
    : window.loadFile(join(location.rendererDir, 'index.html'));
  load.catch((error: unknown) => log('[window] load failed', error));
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession, windowOptions);
  api = startApi();
  if (!api) {
    app.exit(1);
    return;
  }
  const runningApi = api;
  registerIpc({ api: runningApi, location, log });
  registerShellIpc(location, {
    setLocale: (next) => {
      locale = next;
      applyMenu();
    },
    print: (event, options) => printPage(event.sender, options),
    printToPdf: async (event, options) => {
      const window = BrowserWindow.fromWebContents(event.sender);
      if (!window) return { path: null };
      return savePageAsPdf(window, dialog, locale, app.getPath('documents'), options);
    },
    appInfo,
  });
  applyMenu();
  openWindow();
  app.on('will-quit', () => closeRuntime(runningApi.runtime));
  // A background check; it logs failures and only ever installs on quit.
  void updates.check(app.isPackaged, currentUpdateUrl());
}

if (!app.requestSingleInstanceLock()) {
  // Another KAM Desk owns this data folder; it will focus its window (second-instance below).
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, windowOptions));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (api && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      log('[app] start-up failed', error);
      app.exit(1);
    });
}
