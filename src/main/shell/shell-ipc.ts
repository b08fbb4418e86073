import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { IPC_CHANNELS } from '../../shared/ipc';
import { LOCALES, type Locale } from '../../shared/locale';
import type { AppInfo, PdfOptions, PdfResult, PrintOptions } from '../../shared/shell-bridge';
import type { AppLocation } from './security';
import { isTrustedSender } from './sender';

/** What `window.kamShell` reaches; the lifecycle supplies the Electron side of each. */
export interface ShellHandlers {
  setLocale(locale: Locale): void;
  print(event: IpcMainInvokeEvent, options: PrintOptions): Promise<boolean>;
  printToPdf(event: IpcMainInvokeEvent, options: PdfOptions): Promise<PdfResult>;
  appInfo(): AppInfo;
}

const printSchema = z.object({ landscape: z.boolean().optional() }).strict();
const pdfSchema = printSchema.extend({ suggestedName: z.string().max(200).optional() }).strict();
const localeSchema = z.enum(LOCALES);

class ShellCallRefused extends Error {}

function guard(location: AppLocation, event: IpcMainInvokeEvent): void {
  if (!isTrustedSender(event, location))
    throw new ShellCallRefused('KAM Desk: refused a shell call from a foreign page');
}

/** Registers the `kam-shell:*` channels, each checking the sender and its argument. Returns an unregister. */
export function registerShellIpc(location: AppLocation, handlers: ShellHandlers): () => void {
  ipcMain.handle(IPC_CHANNELS.shellSetLocale, (event, raw: unknown) => {
    guard(location, event);
    handlers.setLocale(localeSchema.parse(raw));
  });
  ipcMain.handle(IPC_CHANNELS.shellPrint, (event, raw: unknown) => {
    guard(location, event);
    return handlers.print(event, printSchema.parse(raw ?? {}));
  });
  ipcMain.handle(IPC_CHANNELS.shellPrintToPdf, (event, raw: unknown) => {
    guard(location, event);
    return handlers.printToPdf(event, pdfSchema.parse(raw ?? {}));
  });
  ipcMain.handle(IPC_CHANNELS.shellAppInfo, (event) => {
    guard(location, event);
    return handlers.appInfo();
  });
  return () => {
    for (const channel of [
      IPC_CHANNELS.shellSetLocale,
      IPC_CHANNELS.shellPrint,
      IPC_CHANNELS.shellPrintToPdf,
      IPC_CHANNELS.shellAppInfo,
    ]) {
      ipcMain.removeHandler(channel);
    }
  };
}
