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
  sender: { id: number };
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
