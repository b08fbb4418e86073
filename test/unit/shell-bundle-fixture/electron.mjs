// A stand-in 'electron' module for running the BUILT main bundle (out/main/index.js) under plain Node:
// it records what the lifecycle sets up and prints one JSON report when the window loads its page.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

const base = process.env.KAM_FAKE_BASE;
const paths = new Map([
  ['appData', base],
  ['userData', join(base, 'KAM Desk')],
  ['documents', base],
]);
const report = { sandbox: false, cspHook: false, channels: [], menu: [], windows: [], errors: [] };

class App extends EventEmitter {
  isPackaged = false;
  getPath(name) {
    return paths.get(name);
  }
  setPath(name, path) {
    paths.set(name, path);
  }
  getAppPath() {
    return process.env.KAM_APP_ROOT;
  }
  getName() {
    return 'KAM Desk';
  }
  getVersion() {
    return '0.1.0';
  }
  requestSingleInstanceLock() {
    return true;
  }
  enableSandbox() {
    report.sandbox = true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {}
  exit(code) {
    report.exit = code;
    finish();
  }
}

function finish() {
  report.dataDir = paths.get('userData');
  console.log(`KAM-REPORT ${JSON.stringify(report)}`);
  process.exit(0);
}

export const app = new App();
export const ipcMain = {
  handle: (channel) => report.channels.push(channel),
  on: (channel) => report.channels.push(channel),
  removeHandler() {},
  removeAllListeners() {},
};
class WebContents extends EventEmitter {
  setWindowOpenHandler() {}
}
export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [];
  }
  static fromWebContents() {
    return null;
  }
  constructor(options) {
    super();
    this.webContents = new WebContents();
    report.windows.push(options.webPreferences);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadFile(path) {
    report.loaded = path;
    setTimeout(finish, 50);
    return Promise.resolve();
  }
  loadURL(url) {
    report.loaded = url;
    setTimeout(finish, 50);
    return Promise.resolve();
  }
}
export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived() {
        report.cspHook = true;
      },
    },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
  },
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (template) => {
    report.menu = template.map((item) => item.label);
  },
};
export const dialog = {
  showErrorBox: (title, body) => report.errors.push(`${title}: ${body}`),
  showMessageBox: async () => ({ response: 0 }),
};
export class Notification {
  static isSupported() {
    return false;
  }
}
export const shell = { openExternal: async () => {}, openPath: async () => '' };
export default { app, ipcMain, BrowserWindow, session, Menu, dialog, Notification, shell };
