import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../src/main/ipc';
import { METHOD_NAMES } from '../../src/shared/contract';
import type { KamBridge } from '../../src/shared/bridge';
import { IPC_CHANNELS } from '../../src/shared/ipc';
import type { KamShell } from '../../src/shared/shell-bridge';
import { makeTestApp, type TestApp } from './helpers';
import { exposed, ipcMain, renderer } from './shell-fake-electron';

vi.mock('electron', async () => (await import('./shell-fake-electron')).fakeElectron);

const APP_PAGE = 'file:///opt/kam-desk/out/renderer/index.html';

let app: TestApp;
let unregister: () => void;

/** Loads the preload afresh, as a new window would, against whatever main registered. */
async function loadPreload(): Promise<void> {
  vi.resetModules();
  exposed.clear();
  await import('../../src/preload/index');
}

beforeEach(() => {
  ipcMain.reset();
  renderer.url = APP_PAGE;
  renderer.invokeCalls.length = 0;
  app = makeTestApp();
  unregister = registerIpc({
    api: app.api,
    location: { rendererDir: '/opt/kam-desk/out/renderer' },
    log: () => {},
  });
});

afterEach(() => {
  unregister();
  app.runtime.store.sqlite.close();
});

describe('the preload', () => {
  it('exposes exactly two objects: window.kam and window.kamShell', async () => {
    await loadPreload();
    expect([...exposed.keys()].sort()).toEqual(['kam', 'kamShell']);
  });

  it('exposes as window.kam exactly the contract methods, each a function', async () => {
    await loadPreload();
    const kam = exposed.get('kam') as Record<string, unknown>;
    expect(Object.keys(kam).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof kam[name]).toBe('function');
  });

  it('sends each method over the rpc channel under its own name, with input and meta', async () => {
    await loadPreload();
    const kam = exposed.get('kam') as Record<string, (input: unknown, meta?: unknown) => Promise<unknown>>;
    for (const name of METHOD_NAMES) {
      renderer.invokeCalls.length = 0;
      await kam[name]!({ probe: name }, { locale: 'en' });
      expect(renderer.invokeCalls).toEqual([
        {
          channel: IPC_CHANNELS.rpc,
          args: [{ method: name, input: { probe: name }, meta: { locale: 'en' } }],
        },
      ]);
    }
  });

  it('reaches the real API through main: auth.status answers, users.list needs a session', async () => {
    await loadPreload();
    const kam = exposed.get('kam') as KamBridge;
    expect(await kam['auth.status']({})).toMatchObject({ ok: true, data: { setupRequired: true } });
    expect(await kam['users.list']({}, { locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    const { token } = await app.signIn('admin', 'chenjing');
    expect(await kam['users.list']({}, { token })).toMatchObject({ ok: true });
  });

  it('exposes window.kamShell with its four helpers, each on its own channel', async () => {
    await loadPreload();
    const shell = exposed.get('kamShell') as KamShell;
    expect(Object.keys(shell).sort()).toEqual(['appInfo', 'print', 'printToPdf', 'setLocale']);
    const channels: Record<keyof KamShell, string> = {
      setLocale: IPC_CHANNELS.shellSetLocale,
      print: IPC_CHANNELS.shellPrint,
      printToPdf: IPC_CHANNELS.shellPrintToPdf,
      appInfo: IPC_CHANNELS.shellAppInfo,
    };
    // No shell handlers are registered in this test, so each call is rejected after being sent.
    await expect(shell.setLocale('en')).rejects.toThrow(/No handler/);
    await expect(shell.print({ landscape: true })).rejects.toThrow(/No handler/);
    await expect(shell.printToPdf()).rejects.toThrow(/No handler/);
    await expect(shell.appInfo()).rejects.toThrow(/No handler/);
    expect(renderer.invokeCalls.map((call) => call.channel)).toEqual([
      channels.setLocale,
      channels.print,
      channels.printToPdf,
      channels.appInfo,
    ]);
    expect(renderer.invokeCalls[0]!.args).toEqual(['en']);
    expect(renderer.invokeCalls[1]!.args).toEqual([{ landscape: true }]);
  });

  it('gives a page that is not the app an empty window.kam', async () => {
    renderer.url = 'https://evil.example/';
    await loadPreload();
    expect(Object.keys(exposed.get('kam') as object)).toEqual([]);
  });

  it('fails loudly when the main process does not answer with the method list', async () => {
    unregister();
    unregister = () => {};
    await expect(loadPreload()).rejects.toThrow(/did not answer with the API method list/);
  });
});

describe('the preload bundle', () => {
  it('is one CommonJS file that requires only electron and carries no zod', async () => {
    const { build } = await import('vite');
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      root: resolve(import.meta.dirname, '..', '..'),
      build: {
        write: false,
        minify: false,
        lib: { entry: 'src/preload/index.ts', formats: ['cjs'], fileName: 'index' },
        rollupOptions: { external: ['electron'] },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) =>
      'output' in result ? result.output.filter((item) => item.type === 'chunk') : [],
    );
    expect(chunks).toHaveLength(1);
    const code = chunks[0]!.code;
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    // zod's runtime (it would arrive with the contract's schemas) must not be bundled into the page.
    expect(code).not.toMatch(/ZodError|safeParse/);
    expect(code).toContain('kam:rpc');
  }, 60_000);
});
