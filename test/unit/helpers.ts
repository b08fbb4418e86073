import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, type Api } from '../../src/main/api';
import { openRuntime } from '../../src/main/runtime';
import type { Runtime, ServiceContext } from '../../src/main/services/context';
import { createUserWithPassword } from '../../src/main/services/auth';
import type { MethodName, InputOf, OutputOf } from '../../src/shared/contract';
import type { Locale } from '../../src/shared/locale';
import type { Role } from '../../src/shared/roles';

export const TEST_PASSWORD = 'Test1234';

/** A controllable clock for tests: starts at a fixed instant, moves only when told. */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-02T01:30:00.000Z')) {}
  now = () => new Date(this.ms);
  advanceMinutes(minutes: number) {
    this.ms += minutes * 60_000;
  }
}

export interface TestApp {
  api: Api;
  runtime: Runtime;
  clock: TestClock;
  /** Calls a method and returns data, or throws with the wire error (for the happy path). */
  call<M extends MethodName>(method: M, input: InputOf<M>, token?: string | null, locale?: Locale): Promise<OutputOf<M>>;
  /** Creates a user of a role (through the write path) and signs them in; returns the token. */
  signIn(role: Role, username?: string): Promise<{ token: string; userId: string }>;
  ctx(): ServiceContext;
}

/** A fresh app on a real SQLite store: a temp file by default, or ':memory:'. */
export function makeTestApp(options: { file?: boolean } = {}): TestApp {
  const clock = new TestClock();
  const dataDir = options.file === false ? null : mkdtempSync(join(tmpdir(), 'kam-test-'));
  const runtime = openRuntime({ dataDir, transport: 'test', now: clock.now });
  const api = createApi(runtime);
  const ctx = (): ServiceContext => ({ ...runtime, db: runtime.store.db, actor: null, method: 'test.setup', locale: 'zh-CN' });

  async function call<M extends MethodName>(method: M, input: InputOf<M>, token?: string | null, locale?: Locale) {
    const result = await api.call(method, input, { token, locale });
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.data as OutputOf<M>;
  }

  let counter = 0;
  async function signIn(role: Role, username = `${role.replace('_', '')}${++counter}`) {
    const row = runtime.store.sqlite.transaction(() =>
      createUserWithPassword(ctx(), { username, displayName: `测试${username}`, role, password: TEST_PASSWORD }),
    )();
    const session = await call('auth.login', { username, password: TEST_PASSWORD });
    return { token: session.token, userId: row.id };
  }

  return { api, runtime, clock, call, signIn, ctx };
}

/** Row counts of every table, to prove that a refused call wrote nothing. */
export function tableCounts(runtime: Runtime): Record<string, number> {
  const tables = runtime.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (runtime.store.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}
