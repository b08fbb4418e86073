import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD } from './servers';
import { rpc } from './helpers';

test.describe('browser transport, as any HTTP client sees it', () => {
  test('POST /rpc/auth.login with a JSON body signs in and the token opens other methods', async ({
    request,
  }) => {
    const login = await rpc<{ token: string; user: { username: string; role: string } }>(
      request,
      'auth.login',
      {
        username: 'admin',
        password: ADMIN_PASSWORD,
      },
    );
    expect(login.status).toBe(200);
    expect(login.body.ok).toBe(true);
    expect(login.body.data?.user).toMatchObject({ username: 'admin', role: 'admin' });

    const me = await rpc<{ username: string }>(request, 'auth.me', {}, login.body.data?.token);
    expect(me.body).toMatchObject({ ok: true, data: { username: 'admin' } });
  });

  test('a method other than login answers UNAUTHENTICATED without a session', async ({ request }) => {
    const answer = await rpc(request, 'users.list', {});
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const forged = await rpc(request, 'auth.me', {}, 'not-a-real-token');
    expect(forged.body.error?.code).toBe('UNAUTHENTICATED');
  });

  test('malformed input answers VALIDATION with the field and the X-Kam-Locale language', async ({
    request,
  }) => {
    const response = await request.post('/rpc/auth.login', {
      data: { username: 'admin' },
      headers: { 'x-kam-locale': 'en' },
    });
    expect(response.status()).toBe(400);
    const body = (await response.json()) as {
      ok: boolean;
      error: { code: string; message: string; issues: { path: string }[] };
    };
    expect(body.error.code).toBe('VALIDATION');
    // In the user's words, naming the field as the sign-in form labels it.
    expect(body.error.message).toBe('Please check: Fill in "Password"');
    expect(body.error.issues.map((i) => i.path)).toContain('password');
  });
});
