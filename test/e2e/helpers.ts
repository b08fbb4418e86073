import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

export interface RpcAnswer<T = unknown> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** POST /rpc/<method> the way any HTTP client would: a JSON body and an optional bearer token. */
export async function rpc<T = unknown>(
  request: APIRequestContext,
  method: string,
  input: unknown,
  token?: string,
): Promise<{ status: number; body: RpcAnswer<T> }> {
  const response = await request.post(`/rpc/${method}`, {
    data: input,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status(), body: (await response.json()) as RpcAnswer<T> };
}

export async function apiToken(
  request: APIRequestContext,
  username: string,
  password: string,
): Promise<string> {
  const { body } = await rpc<{ token: string }>(request, 'auth.login', { username, password });
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.data!.token;
}

/** Creates a user through the API as admin (test set-up, not the behaviour under test). */
export async function createUserViaApi(
  request: APIRequestContext,
  adminToken: string,
  user: { username: string; displayName: string; role: string; password: string },
  { existingIsFine = false } = {},
) {
  const { body } = await rpc(request, 'users.create', user, adminToken);
  if (existingIsFine && body.error?.code === 'CONFLICT') return;
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
}

/** Signs in through the UI and waits for the shell. */
export async function signIn(page: Page, username: string, password: string): Promise<ShellPage> {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username, password);
  const shell = new ShellPage(page);
  await expect(shell.nav).toBeVisible();
  return shell;
}
