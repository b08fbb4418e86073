import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../src/main/bootstrap';
import type { ServiceContext } from '../../src/main/services/context';
import { createUserWithPassword } from '../../src/main/services/auth';
import { hashPassword } from '../../src/main/services/auth/password';
import { measure, writeResults } from './harness';

/**
 * API call overhead: the same queries through api.call (session check, role check, zod input and
 * output validation, transaction) and as raw prepared SQL on the same connection.
 */
async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kam-bench-api-'));
  const { api } = startApp({ dataDir, transport: 'test', adminPassword: 'Bench12345' });
  const runtime = api.runtime;
  const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor: null, method: 'bench.seed', locale: 'zh-CN' };
  const hash = hashPassword('Bench12345');
  const roles = ['account_manager', 'service_desk', 'staff', 'leader'] as const;
  runtime.store.sqlite.transaction(() => {
    for (let i = 0; i < 5000; i++) {
      createUserWithPassword(
        ctx,
        {
          username: `user${i}`,
          displayName: `用户${i}`,
          role: roles[i % roles.length]!,
          password: 'x',
          department: `部门${i % 12}`,
          region: `区域${i % 9}`,
        },
        hash,
      );
    }
  })();
  const login = await api.call('auth.login', { username: 'admin', password: 'Bench12345' });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.data as { token: string }).token;

  const raw = runtime.store.sqlite.prepare(
    `SELECT u.*, c.last_login_at, c.locked_until FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id
     WHERE u.deleted = 0 AND u.role = ? ORDER BY u.role, u.username LIMIT ? OFFSET ?`,
  );
  const rawCount = runtime.store.sqlite.prepare('SELECT count(*) AS n FROM users WHERE deleted = 0 AND role = ?');

  const measurements = [];
  const page = (i: number) => 1 + (i % 20);
  const viaApi = await measure(
    'users.list page of 50 via API',
    async (i) => {
      const r = await api.call('users.list', { role: 'account_manager', page: page(i), pageSize: 50 }, { token });
      if (!r.ok) throw new Error(r.error.message);
    },
    { iterations: 1000, warmup: 100 },
  );
  const viaSql = await measure(
    'users.list page of 50 raw SQL',
    (i) => {
      rawCount.get('account_manager');
      raw.all('account_manager', 50, (page(i) - 1) * 50);
    },
    { iterations: 1000, warmup: 100 },
  );
  viaApi.note = `overhead ${(viaApi.p50 - viaSql.p50).toFixed(3)} ms at p50 (${(viaApi.p50 / viaSql.p50).toFixed(2)}x)`;
  measurements.push(viaApi, viaSql);

  const me = await measure(
    'auth.me via API',
    async () => {
      const r = await api.call('auth.me', {}, { token });
      if (!r.ok) throw new Error(r.error.message);
    },
    { iterations: 2000, warmup: 200 },
  );
  const meRaw = runtime.store.sqlite.prepare('SELECT * FROM users WHERE id = ?');
  const userId = (login.data as { user: { id: string } }).user.id;
  const meSql = await measure('auth.me raw SQL', () => meRaw.get(userId), { iterations: 2000, warmup: 200 });
  me.note = `overhead ${(me.p50 - meSql.p50).toFixed(3)} ms at p50`;
  measurements.push(me, meSql);

  const invalid = await measure(
    'users.create rejected by validation',
    async () => {
      const r = await api.call('users.create', { username: '' }, { token });
      if (r.ok) throw new Error('expected VALIDATION');
    },
    { iterations: 1000, warmup: 100 },
  );
  measurements.push(invalid);

  writeResults('api', measurements, { users: 5001 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
