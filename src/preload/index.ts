import { contextBridge, ipcRenderer } from 'electron';
import type { CallMeta, KamBridge } from '../shared/bridge';
import { IPC_CHANNELS, type RpcRequest } from '../shared/ipc';
import type { Locale } from '../shared/locale';
import type { KamShell, PdfOptions, PrintOptions } from '../shared/shell-bridge';

/**
 * The sandboxed preload: exposes `window.kam` (exactly the API contract, one function per method) and
 * `window.kamShell` (desktop helpers). It holds no method list of its own: the main process answers
 * with the contract's names, so a method added to the contract appears here with no edit, and the
 * bundle stays free of zod. Nothing else from Electron reaches the page.
 */

/** The contract's method names, asked once from the main process (it refuses pages that are not ours). */
export function contractMethodNames(): string[] {
  const names: unknown = ipcRenderer.sendSync(IPC_CHANNELS.methods);
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
    throw new Error('KAM Desk: the main process did not answer with the API method list');
  }
  return names;
}

/** Builds `window.kam`: every method sends one `kam:rpc` invoke carrying its name, input and meta. */
export function buildBridge(names: readonly string[]): KamBridge {
  const bridge: Record<string, (input: unknown, meta?: CallMeta) => Promise<unknown>> = {};
  for (const method of names) {
    bridge[method] = (input: unknown, meta?: CallMeta) => {
      const request: RpcRequest = { method, input, meta };
      return ipcRenderer.invoke(IPC_CHANNELS.rpc, request);
    };
  }
  // The names come from the contract itself (main process), which is what KamBridge is derived from.
  return bridge as unknown as KamBridge;
}

export function buildShell(): KamShell {
  return {
    setLocale: (locale: Locale) => ipcRenderer.invoke(IPC_CHANNELS.shellSetLocale, locale),
    print: (options?: PrintOptions) => ipcRenderer.invoke(IPC_CHANNELS.shellPrint, options ?? {}),
    printToPdf: (options?: PdfOptions) => ipcRenderer.invoke(IPC_CHANNELS.shellPrintToPdf, options ?? {}),
    appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.shellAppInfo),
  };
}

contextBridge.exposeInMainWorld('kam', buildBridge(contractMethodNames()));
contextBridge.exposeInMainWorld('kamShell', buildShell());
