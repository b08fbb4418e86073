import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerShellIpc, type ShellHandlers } from '../../src/main/shell/shell-ipc';
import { IPC_CHANNELS } from '../../src/shared/ipc';
import type { AppInfo } from '../../src/shared/shell-bridge';
import { frameEvent, ipcMain } from './shell-fake-electron';

vi.mock('electron', async () => (await import('./shell-fake-electron')).fakeElectron);

const APP_PAGE = 'file:///opt/kam-desk/out/renderer/index.html#/reports';
const info: AppInfo = {
  name: 'KAM Desk',
  version: '0.1.0',
  electron: '41.7.1',
  chrome: '146.0.0.0',
  platform: 'win32',
  arch: 'x64',
  packaged: true,
  dataDir: 'C:\\Users\\li\\AppData\\Roaming\\KAM Desk',
};

let handlers: { [K in keyof ShellHandlers]: ReturnType<typeof vi.fn> };

beforeEach(() => {
  ipcMain.reset();
  handlers = {
    setLocale: vi.fn(),
    print: vi.fn(async () => true),
    printToPdf: vi.fn(async () => ({ path: '/tmp/report.pdf' })),
    appInfo: vi.fn(() => info),
  };
  registerShellIpc({ rendererDir: '/opt/kam-desk/out/renderer' }, handlers as unknown as ShellHandlers);
});

describe('window.kamShell in the main process', () => {
  it('switches the menu language for the app page', async () => {
    await ipcMain.invoke(IPC_CHANNELS.shellSetLocale, frameEvent(APP_PAGE), 'en');
    expect(handlers.setLocale).toHaveBeenCalledWith('en');
  });

  it('refuses a language it does not have', async () => {
    await expect(ipcMain.invoke(IPC_CHANNELS.shellSetLocale, frameEvent(APP_PAGE), 'fr')).rejects.toThrow();
    expect(handlers.setLocale).not.toHaveBeenCalled();
  });

  it('prints and saves PDFs with checked options only', async () => {
    expect(await ipcMain.invoke(IPC_CHANNELS.shellPrint, frameEvent(APP_PAGE), { landscape: true })).toBe(
      true,
    );
    expect(handlers.print.mock.calls[0]?.[1]).toEqual({ landscape: true });
    expect(
      await ipcMain.invoke(IPC_CHANNELS.shellPrintToPdf, frameEvent(APP_PAGE), { suggestedName: '月报' }),
    ).toEqual({ path: '/tmp/report.pdf' });
    await expect(
      ipcMain.invoke(IPC_CHANNELS.shellPrintToPdf, frameEvent(APP_PAGE), {
        silent: true,
        deviceName: 'evil',
      }),
    ).rejects.toThrow();
    expect(handlers.printToPdf).toHaveBeenCalledTimes(1);
  });

  it('answers app info', async () => {
    expect(await ipcMain.invoke(IPC_CHANNELS.shellAppInfo, frameEvent(APP_PAGE))).toEqual(info);
  });

  it('refuses every shell call from a page that is not the app', async () => {
    const foreign = frameEvent('https://evil.example/');
    await expect(ipcMain.invoke(IPC_CHANNELS.shellSetLocale, foreign, 'en')).rejects.toThrow(/refused/);
    await expect(ipcMain.invoke(IPC_CHANNELS.shellPrint, foreign, {})).rejects.toThrow(/refused/);
    await expect(ipcMain.invoke(IPC_CHANNELS.shellPrintToPdf, foreign, {})).rejects.toThrow(/refused/);
    await expect(ipcMain.invoke(IPC_CHANNELS.shellAppInfo, foreign)).rejects.toThrow(/refused/);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });
});
