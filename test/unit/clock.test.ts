import type { OutputOf } from '../../src/shared/contract';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { clockFromOption, runningClock } from '../../src/main/clock';
import { closeRuntime, openRuntime } from '../../src/main/runtime';
import { makeTestApp, TEST_PASSWORD } from './helpers';
import { addCustomer } from './tickets-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the settable clock (--clock / KAM_CLOCK)', () => {
  it('starts at the given time and runs on at real speed', () => {
    let elapsed = 1_000;
    const now = runningClock(Date.parse('2027-03-01T01:00:00Z'), () => elapsed);
    expect(now().toISOString()).toBe('2027-03-01T01:00:00.000Z');
    elapsed += 90_000;
    expect(now().toISOString()).toBe('2027-03-01T01:01:30.000Z');
  });

  it('reads Shanghai wall time or an ISO time, and refuses anything else with a message that says what to write', () => {
    expect(clockFromOption(undefined, 'KAM_CLOCK')).toBeUndefined();
    expect(clockFromOption('  ', 'KAM_CLOCK')).toBeUndefined();
    expect(Math.abs(clockFromOption('2027-03-01 09:00', '--clock')!().getTime() - Date.parse('2027-03-01T01:00:00Z'))).toBeLessThan(1_000);
    expect(() => clockFromOption('2027-02-30', '--clock')).toThrow(/--clock "2027-02-30" is not a time: give an ISO time .*'YYYY-MM-DD HH:mm' read as Asia\/Shanghai/);
    expect(() => clockFromOption('next week', 'KAM_CLOCK')).toThrow(/KAM_CLOCK "next week" is not a time/);
  });

  it('a runtime opened with it reports and stamps times from the start, and its time runs on', async () => {
    const runtime = openRuntime({ dataDir: null, transport: 'test', now: clockFromOption('2027-03-01 09:00', 'KAM_CLOCK') });
    try {
      const api = createApi(runtime);
      const setup = await api.call('auth.setup', {
        username: 'root',
        displayName: '管理员',
        password: 'Setup1234',
        branchCode: 'HH01',
        branchName: '演示分公司',
        demo: false,
      });
      if (!setup.ok) throw new Error(setup.error.message);
      const session = setup.data as OutputOf<'auth.setup'>;
      const info = await api.call('system.info', {}, { token: session.token });
      if (!info.ok) throw new Error(info.error.message);
      const first = Date.parse((info.data as OutputOf<'system.info'>).now);
      expect(first - Date.parse('2027-03-01T01:00:00Z')).toBeGreaterThanOrEqual(0);
      expect(first - Date.parse('2027-03-01T01:00:00Z')).toBeLessThan(5_000);
      // What is written is stamped by the same clock.
      expect(session.user.createdAt.slice(0, 10)).toBe('2027-03-01');
      await sleep(30);
      const later = await api.call('system.info', {}, { token: session.token });
      expect(later.ok && Date.parse((later.data as OutputOf<'system.info'>).now) - first).toBeGreaterThanOrEqual(25);
    } finally {
      closeRuntime(runtime);
    }
  });

  it('a ticket opened today is breached when the app is started again with the clock two days on', async () => {
    const app = makeTestApp();
    const desk = await app.signIn('service_desk', 'desk1');
    const customer = addCustomer(app);
    const t = await app.call('tickets.create', { kind: 'fault', customerId: customer.id, title: '专线中断', impact: 'minor' }, desk.token);
    const before = await app.call('tickets.queue', { view: 'breached' }, desk.token);
    expect(before.rows.map((r) => r.id)).not.toContain(t.id);
    const dataDir = app.runtime.dataDir!;
    closeRuntime(app.runtime);

    // The same data folder, started as `--clock` two days after the ticket was opened.
    const later = openRuntime({ dataDir, transport: 'test', now: runningClock(app.clock.ms + 2 * 86_400_000) });
    try {
      const api = createApi(later);
      const login = await api.call('auth.login', { username: 'desk1', password: TEST_PASSWORD });
      if (!login.ok) throw new Error(login.error.message);
      const after = await api.call('tickets.queue', { view: 'breached' }, { token: (login.data as OutputOf<'auth.login'>).token });
      if (!after.ok) throw new Error(after.error.message);
      expect((after.data as OutputOf<'tickets.queue'>).rows.find((r) => r.id === t.id)?.slaState).toBe('breached');
    } finally {
      closeRuntime(later);
    }
  });

  it('browser mode takes --clock and KAM_CLOCK; a bad value stops it with a message, before any data is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kam-clock-'));
    const dataDir = join(dir, 'data');
    const start = (args: string[], env: Record<string, string> = {}) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/main/web-cli.ts', '--data-dir', dataDir, '--port', '5309', ...args], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const refused = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = start(args, env);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    try {
      const flag = await refused(['--clock', '2027-02-30 09:00']);
      expect(flag.code).toBe(2);
      expect(flag.stderr).toContain('--clock "2027-02-30 09:00" is not a time');
      expect(flag.stderr).toContain('Usage:');
      const env = await refused([], { KAM_CLOCK: 'soon' });
      expect(env.code).toBe(2);
      expect(env.stderr).toContain('KAM_CLOCK "soon" is not a time');
      expect(readdirSync(dir)).toEqual([]);

      // A good value: the server says what time it runs at, and the API answers in that time.
      const server = start([], { KAM_CLOCK: '2027-03-01 09:00', KAM_ADMIN_PASSWORD: 'Admin12345' });
      try {
        const banner = await new Promise<string>((resolve, reject) => {
          let out = '';
          server.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('Clock set')) resolve(out);
          });
          server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
        });
        expect(banner).toMatch(/the app's time is 2027-03-01 09:00:\d\d \(Asia\/Shanghai\)/);
        const rpc = async (method: string, body: unknown, token?: string) => {
          const res = await fetch(`http://127.0.0.1:5309/rpc/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify(body),
          });
          return ((await res.json()) as { data: Record<string, unknown> }).data;
        };
        const session = await rpc('auth.login', { username: 'admin', password: 'Admin12345' });
        const info = await rpc('system.info', {}, session.token as string);
        expect(String(info.now).slice(0, 13)).toBe('2027-03-01T01');
      } finally {
        if (server.exitCode === null) {
          server.kill('SIGTERM');
          await new Promise((resolve) => server.once('exit', resolve));
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Every file under a folder, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one clock', () => {
  // Wall-clock reads that are not business time, each with its reason. Anything else reads the runtime's now.
  const ALLOWED: Record<string, string> = {
    'src/main/runtime.ts': "the runtime's default clock itself",
    'src/main/db/open.ts': 'backup file names are stamped with the real time of the file (also before a runtime exists)',
    'src/main/shell/log.ts': 'the log file records when things really happened',
  };
  const HIDDEN_CLOCK = /new Date\(\s*\)|Date\.now\(|\buuidv7\(\s*\)/;

  it('no service or main-process code reads the wall clock for business time (new Date(), Date.now(), uuidv7())', () => {
    const root = process.cwd();
    const offenders = sourceFiles(join(root, 'src/main'))
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => !file.includes('/migrations/') && !(file in ALLOWED))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => HIDDEN_CLOCK.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'))
          .map(({ at, line }) => `${at}  ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
