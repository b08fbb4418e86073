/**
 * A stand-in for the parts of the 'electron' module the IPC transport and the preload use. Electron
 * cannot launch in CI, so ipcMain, ipcRenderer and contextBridge are simulated: ipcRenderer calls are
 * delivered to whatever our real code registered on ipcMain, with a sender frame the test chooses.
 */

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export interface FakeEvent {
  senderFrame: FakeFrame | null;
  sender: unknown;
  returnValue?: unknown;
}

type Handler = (event: FakeEvent, ...args: unknown[]) => unknown;
type Listener = (event: FakeEvent, ...args: unknown[]) => void;

/** An IPC event from a top-level page at `url` (null: the frame is gone), or from an iframe in it. */
export function frameEvent(url: string | null, options: { iframe?: boolean } = {}): FakeEvent {
  if (url === null) return { senderFrame: null, sender: { id: 1 } };
  const top: FakeFrame = { url, parent: null };
  return { senderFrame: options.iframe ? { url, parent: top } : top, sender: { id: 1 } };
}

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Listener[]>();

  handle(channel: string, handler: Handler): void {
    // Electron refuses a second handler on one channel; so does the fake, to catch double registration.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeAllListeners(channel?: string): this {
    if (channel) this.listeners.delete(channel);
    else this.listeners.clear();
    return this;
  }
  /** What ipcRenderer.invoke does: runs the channel's handler; rejects when there is none. */
  async invoke(channel: string, event: FakeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  /** What ipcRenderer.sendSync does: runs the listeners and returns event.returnValue. */
  sendSync(channel: string, event: FakeEvent, ...args: unknown[]): unknown {
    const delivered: FakeEvent = { ...event, returnValue: undefined };
    for (const listener of this.listeners.get(channel) ?? []) listener(delivered, ...args);
    return delivered.returnValue;
  }
  reset(): void {
    this.handlers.clear();
    this.listeners.clear();
  }
}

export const ipcMain = new FakeIpcMain();

/** The page the fake renderer is showing; ipcRenderer calls carry it as their sender frame. */
export const renderer = {
  url: 'file:///opt/kam-desk/out/renderer/index.html',
  invokeCalls: [] as { channel: string; args: unknown[] }[],
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    renderer.invokeCalls.push({ channel, args });
    return ipcMain.invoke(channel, frameEvent(renderer.url), ...args);
  },
  sendSync(channel: string, ...args: unknown[]): unknown {
    return ipcMain.sendSync(channel, frameEvent(renderer.url), ...args);
  },
};

/** What the page would see as `window.<key>`. */
export const exposed = new Map<string, unknown>();

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    exposed.set(key, api);
  },
};

export const fakeElectron = { ipcMain, ipcRenderer, contextBridge };

/* ---- The lifecycle side (app, session, windows, menu, dialogs), for src/main/index.ts ---- */

type AnyListener = (...args: unknown[]) => unknown;

/** A tiny event emitter that records listeners by name, like Electron's objects. */
class Emitter {
  readonly listeners = new Map<string, AnyListener[]>();
  on(event: string, listener: AnyListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: AnyListener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  printed: unknown[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  print(options: unknown, callback: (success: boolean) => void): void {
    this.printed.push(options);
    callback(true);
  }
}

export class FakeBrowserWindow extends Emitter {
  static windows: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.windows;
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.windows.find((window) => window.webContents === contents) ?? null;
  }
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  minimized = false;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(path: string): Promise<void> {
    this.loaded = `file:${path}`;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {}
  focus(): void {
    this.focused += 1;
  }
}

export const fakeShell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
  async openPath(): Promise<string> {
    return '';
  },
};

export const session = {
  defaultSession: {
    headersHook: null as null | ((details: unknown, callback: (response: unknown) => void) => void),
    permissionRequest: null as null | ((...args: unknown[]) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    webRequest: {
      onHeadersReceived(hook: (details: unknown, callback: (response: unknown) => void) => void) {
        session.defaultSession.headersHook = hook;
      },
    },
    setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
      session.defaultSession.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      session.defaultSession.permissionCheck = handler;
    },
  },
};

export const menuState = { template: null as unknown[] | null };
export const Menu = {
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] }) {
    menuState.template = menu.template;
  },
};

export const dialogState = { errors: [] as string[][], messages: [] as unknown[], syncAnswer: 1 };
export const dialog = {
  showErrorBox(title: string, body: string) {
    dialogState.errors.push([title, body]);
  },
  async showMessageBox(...args: unknown[]) {
    dialogState.messages.push(args.at(-1));
    return { response: 0 };
  },
  async showSaveDialog() {
    return { canceled: true };
  },
  showMessageBoxSync(...args: unknown[]) {
    dialogState.messages.push(args.at(-1));
    return dialogState.syncAnswer;
  },
};

export class Notification {
  static isSupported(): boolean {
    return false;
  }
  show(): void {}
}

class FakeApp extends Emitter {
  isPackaged = false;
  paths = new Map<string, string>();
  appPath = '';
  lockAvailable = true;
  sandboxed = false;
  exitCode: number | null = null;
  quitCalls = 0;
  private readyResolve: (() => void) | null = null;
  private readyPromise: Promise<void> = new Promise((done) => (this.readyResolve = done));
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getName(): string {
    return 'KAM Desk';
  }
  getVersion(): string {
    return '0.1.0';
  }
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** The test says when Electron is ready. */
  becomeReady(): void {
    this.readyResolve?.();
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  reset(): void {
    this.listeners.clear();
    this.paths.clear();
    this.isPackaged = false;
    this.lockAvailable = true;
    this.sandboxed = false;
    this.exitCode = null;
    this.quitCalls = 0;
    this.readyPromise = new Promise((done) => (this.readyResolve = done));
  }
}

export const app = new FakeApp();

Object.assign(fakeElectron, {
  app,
  session,
  BrowserWindow: FakeBrowserWindow,
  Menu,
  dialog,
  Notification,
  shell: fakeShell,
});
