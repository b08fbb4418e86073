import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../src/main/ipc';
import type { AppLocation } from '../../src/main/shell/security';
import { METHOD_NAMES } from '../../src/shared/contract';
import type { RpcResult } from '../../src/shared/errors';
import { IPC_CHANNELS } from '../../src/shared/ipc';
import { makeTestApp, tableCounts, TEST_PASSWORD, type TestApp } from './helpers';
import { frameEvent, ipcMain, type FakeEvent } from './shell-fake-electron';

vi.mock('electron', async () => (await import('./shell-fake-electron')).fakeElectron);

const location: AppLocation = { rendererDir: '/opt/kam-desk/out/renderer', devServerUrl: null };
const APP_PAGE = 'file:///opt/kam-desk/out/renderer/index.html#/customers';

let app: TestApp;
let unregister: () => void;

function rpc(event: FakeEvent, request: unknown): Promise<RpcResult<unknown>> {
  return ipcMain.invoke(IPC_CHANNELS.rpc, event, request) as Promise<RpcResult<unknown>>;
}

beforeEach(() => {
  ipcMain.reset();
  app = makeTestApp();
  unregister = registerIpc({ api: app.api, location, log: () => {} });
});

afterEach(() => {
  unregister();
  app.runtime.store.sqlite.close();
});

describe('the IPC transport', () => {
  it('registers one invoke channel for the API and the method-list channel the preload reads', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNELS.rpc]);
    expect([...ipcMain.listeners.keys()]).toEqual([IPC_CHANNELS.methods]);
  });

  it('reaches every contract method (none answers "unknown method")', async () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
    const unreachable: string[] = [];
    for (const method of METHOD_NAMES) {
      const result = await rpc(frameEvent(APP_PAGE), { method, input: null, meta: { locale: 'en' } });
      if (!result.ok && result.error.message.startsWith('Unknown API method')) unreachable.push(method);
    }
    expect(unreachable).toEqual([]);
    // The same probe does detect a method the contract lacks.
    const bogus = await rpc(frameEvent(APP_PAGE), {
      method: 'customers.teleport',
      input: {},
      meta: { locale: 'en' },
    });
    expect(bogus).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown API method: customers.teleport' },
    });
  });

  it('tells the preload exactly the contract method names, and a foreign page none', () => {
    expect(ipcMain.sendSync(IPC_CHANNELS.methods, frameEvent(APP_PAGE))).toEqual(METHOD_NAMES);
    expect(ipcMain.sendSync(IPC_CHANNELS.methods, frameEvent('https://evil.example/'))).toEqual([]);
  });

  it('answers auth.status from the app page and refuses users.list without a session', async () => {
    const status = await rpc(frameEvent(APP_PAGE), { method: 'auth.status', input: {} });
    expect(status).toMatchObject({ ok: true, data: { setupRequired: true } });

    const users = await rpc(frameEvent(APP_PAGE), {
      method: 'users.list',
      input: {},
      meta: { locale: 'en' },
    });
    expect(users).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Please sign in first.' },
    });
  });

  it('passes the session token and language through to the API', async () => {
    const { token } = await app.signIn('admin', 'chenjing');
    const users = await rpc(frameEvent(APP_PAGE), { method: 'users.list', input: {}, meta: { token } });
    expect(users.ok).toBe(true);

    const zh = await rpc(frameEvent(APP_PAGE), {
      method: 'users.list',
      input: {},
      meta: { locale: 'zh-CN' },
    });
    expect(zh).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } });
  });

  it('refuses a call from a foreign page before it reaches the API (nothing is written)', async () => {
    await app.signIn('admin', 'chenjing');
    const before = tableCounts(app.runtime);
    const login = {
      method: 'auth.login',
      input: { username: 'chenjing', password: TEST_PASSWORD },
      meta: { locale: 'en' },
    };

    for (const event of [
      frameEvent('https://evil.example/login'),
      frameEvent('file:///home/user/Downloads/phish.html'),
      frameEvent('file:///opt/kam-desk/out/renderer-evil/index.html'),
      frameEvent(APP_PAGE, { iframe: true }),
      frameEvent(null),
    ]) {
      const result = await rpc(event, login);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(tableCounts(app.runtime)).toEqual(before);

    // The same request from the app page does sign in (and writes a session).
    expect(await rpc(frameEvent(APP_PAGE), login)).toMatchObject({ ok: true });
  });

  it('accepts the dev server only when one is configured', async () => {
    const status = { method: 'auth.status', input: {} };
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await rpc(frameEvent('http://localhost:5173/#/login'), status)).toMatchObject(forbidden);

    unregister();
    unregister = registerIpc({
      api: app.api,
      location: { ...location, devServerUrl: 'http://localhost:5173' },
      log: () => {},
    });
    expect(await rpc(frameEvent('http://localhost:5173/#/login'), status)).toMatchObject({ ok: true });
    expect(await rpc(frameEvent('http://localhost:5174/'), status)).toMatchObject(forbidden);
    expect(await rpc(frameEvent('https://localhost:5173/'), status)).toMatchObject(forbidden);
  });

  it('answers VALIDATION to a malformed envelope', async () => {
    for (const bad of [
      'auth.status',
      null,
      { method: 42 },
      { method: 'auth.status', meta: { locale: 'fr' } },
    ]) {
      const result = await rpc(frameEvent(APP_PAGE), bad);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('answers VALIDATION in English to malformed input from an English page', async () => {
    const result = await rpc(frameEvent(APP_PAGE), {
      method: 'auth.login',
      input: { username: 7 },
      meta: { locale: 'en' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message.startsWith('Please check: ')).toBe(true);
  });

  it('removes its channels when unregistered', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listeners.size).toBe(0);
    unregister = () => {};
  });
});
