import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { migratedPgliteImage, openHqDb, type HqDb } from '../../src/hq/db';
import { registerDevice } from '../../src/hq/devices';
import { createHqServer } from '../../src/hq/server';
import { customers, users } from '../../src/main/db/schema';
import { runSync, type SyncEnv, type SyncRunResult } from '../../src/main/services/sync/engine';
import { writeSyncState } from '../../src/main/services/sync/state';
import type { FetchLike } from '../../src/main/services/sync/transport';
import { insertRow, updateRow, deleteRow } from '../../src/main/services/write';
import { openRuntime } from '../../src/main/runtime';
import type { Runtime, ServiceContext } from '../../src/main/services/context';

/** A controllable clock (like helpers.ts's, kept here so these tests load only the sync code they test). */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-02T01:30:00.000Z')) {}
  now = () => new Date(this.ms);
  advanceMinutes(minutes: number) {
    this.ms += minutes * 60_000;
  }
}

/** A branch installation: its runtime on a real SQLite file and its clock. */
export interface TestApp {
  runtime: Runtime;
  clock: TestClock;
  ctx(): ServiceContext;
}

function makeTestApp(): TestApp {
  const clock = new TestClock();
  const runtime = openRuntime({
    dataDir: mkdtempSync(join(tmpdir(), 'kam-branch-')),
    transport: 'test',
    now: clock.now,
  });
  return {
    runtime,
    clock,
    ctx: () => ({ ...runtime, db: runtime.store.db, actor: null, method: 'test.sync', locale: 'zh-CN' }),
  };
}

/**
 * Simulated headquarters and branches in one process: a real HQ server on loopback (PGlite, or the
 * PostgreSQL in KAM_TEST_PG_URL), real branch apps on SQLite, real HTTP between them. Only the network
 * is ours to break: each branch's fetch goes through a switch the test can flip.
 */
export const PG_URL = process.env.KAM_TEST_PG_URL || null;

export interface TestHq {
  url: string;
  db: HqDb;
  clock: TestClock;
  adminToken: string;
  register(branchCode: string, deviceName?: string): Promise<string>;
  /** Stops the server and its store and opens them again on the same data (HQ restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function freshPgDatabase(url: string): Promise<string> {
  const name = `kam_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let image: Promise<Blob> | null = null;

/** Starts an HQ on a random loopback port; `engine` picks PGlite (in a data dir) or the test PostgreSQL. */
export async function startTestHq(
  engine: 'pglite' | 'pg' = 'pglite',
  options: { onDisk?: boolean } = {},
): Promise<TestHq> {
  const clock = new TestClock();
  // In memory unless the test restarts HQ and needs the data to survive on disk.
  const dataDir = engine === 'pglite' && options.onDisk ? mkdtempSync(join(tmpdir(), 'kam-hq-')) : null;
  const databaseUrl = engine === 'pg' ? await freshPgDatabase(PG_URL!) : null;
  const adminToken = 'test-admin-token';
  image ??= migratedPgliteImage();
  let db = await openHqDb({ dataDir, databaseUrl, image: engine === 'pglite' ? await image : undefined });
  let app: FastifyInstance = createHqServer({ db, adminToken, now: clock.now });
  let url = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = new URL(url).port;
  const hq: TestHq = {
    get url() {
      return url;
    },
    get db() {
      return db;
    },
    clock,
    adminToken,
    async register(branchCode, deviceName = `${branchCode}-PC`) {
      return (await registerDevice(db, { branchCode, deviceName }, clock.now())).token;
    },
    async restart() {
      await app.close();
      await db.close();
      if (engine === 'pglite' && !dataDir)
        throw new Error('restart needs startTestHq(engine, { onDisk: true })');
      db = await openHqDb({ dataDir, databaseUrl });
      app = createHqServer({ db, adminToken, now: clock.now });
      url = await app.listen({ port: Number(port), host: '127.0.0.1' });
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
  return hq;
}

export interface TestBranch {
  app: TestApp;
  code: string;
  /** Network switch: 'up', 'down' (every call fails), or a one-shot fault. */
  net: { mode: 'up' | 'down'; dropAfterServer: RegExp | null; calls: string[] };
  sync(): Promise<SyncRunResult>;
  env: SyncEnv;
  createCustomer(values: Partial<typeof customers.$inferInsert> & { name: string }): string;
  updateCustomer(id: string, patch: Partial<typeof customers.$inferInsert>): void;
  deleteCustomer(id: string): void;
  customer(id: string): Record<string, unknown> | undefined;
  createUser(username: string): string;
  updateUser(id: string, patch: Partial<typeof users.$inferInsert>): void;
  rows(table: string): Record<string, unknown>[];
}

/** A branch app configured against an HQ, with a fetch the test controls. */
export async function makeBranch(hq: TestHq | null, code: string): Promise<TestBranch> {
  const app = makeTestApp();
  const token = hq ? await hq.register(code) : '';
  const net: TestBranch['net'] = { mode: 'up', dropAfterServer: null, calls: [] };
  const fetchImpl: FetchLike = async (url, init) => {
    net.calls.push(url);
    if (net.mode === 'down') throw new TypeError('fetch failed: network down');
    const response = await fetch(url, init);
    if (net.dropAfterServer && net.dropAfterServer.test(url)) {
      // The server has done its work; the answer is lost on the way back (one shot).
      net.dropAfterServer = null;
      await response.arrayBuffer();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
  const rt = app.runtime;
  const env: SyncEnv = {
    store: rt.store,
    clock: rt.clock,
    nodeId: rt.nodeId,
    branchId: rt.branchId,
    now: rt.now,
    fetch: fetchImpl,
  };
  if (hq) writeSyncState(rt.store.db, { hqUrl: hq.url, deviceToken: token });
  const tx = <T>(fn: () => T): T => rt.store.sqlite.transaction(fn)();
  const branch: TestBranch = {
    app,
    code,
    net,
    env,
    async sync() {
      // HQ may have restarted on the same port; the URL is re-read each run like the app does.
      if (hq) writeSyncState(rt.store.db, { hqUrl: hq.url });
      return runSync(env);
    },
    createCustomer(values) {
      return tx(() => insertRow(app.ctx(), customers, { nameKey: values.name, ...values }).id);
    },
    updateCustomer(id, patch) {
      tx(() => updateRow(app.ctx(), customers, id, patch as never));
    },
    deleteCustomer(id) {
      tx(() => deleteRow(app.ctx(), customers, id));
    },
    customer(id) {
      return rt.store.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(id) as
        Record<string, unknown> | undefined;
    },
    createUser(username) {
      return tx(
        () => insertRow(app.ctx(), users, { username, displayName: username, role: 'account_manager' }).id,
      );
    },
    updateUser(id, patch) {
      tx(() => updateRow(app.ctx(), users, id, patch as never));
    },
    rows(table) {
      return rt.store.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<
        string,
        unknown
      >[];
    },
  };
  return branch;
}

/** Syncs every branch twice in turn, which is enough for all of them to have seen everyone's changes. */
export async function syncAll(branches: TestBranch[]): Promise<SyncRunResult[]> {
  const results: SyncRunResult[] = [];
  for (let round = 0; round < 2; round++) for (const b of branches) results.push(await b.sync());
  return results;
}

/** HQ's merged columns of a row. */
export async function hqRow(
  hq: TestHq,
  table: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const rows = await hq.db.query<{ cols: Record<string, unknown> }>(
    'SELECT cols FROM hq_rows WHERE table_name = $1 AND row_id = $2',
    [table, id],
  );
  return rows[0]?.cols;
}

/** The columns sync is about, without the local-only noise, for comparing one row across nodes. */
export function syncedView(
  row: Record<string, unknown> | undefined,
  cols: string[],
): Record<string, unknown> | undefined {
  if (!row) return undefined;
  return Object.fromEntries(cols.map((c) => [c, row[c] === true ? 1 : row[c] === false ? 0 : row[c]]));
}
