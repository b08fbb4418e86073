import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, SYNC_HEADERS, pushResponse } from '../../src/shared/sync-wire';
import { revokeDevice } from '../../src/hq/devices';
import { callHq } from '../../src/main/services/sync/transport';
import { readSyncState, writeSyncState } from '../../src/main/services/sync/state';
import {
  hqRow,
  makeBranch,
  PG_URL,
  startTestHq,
  syncAll,
  syncedView,
  type TestBranch,
  type TestHq,
} from './sync-harness';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const engines = PG_URL ? (['pglite', 'pg'] as const) : (['pglite'] as const);
const COLS = ['id', 'name', 'type', 'notes', 'address', 'region', 'deleted', 'updated_hlc'];

async function hqCount(hq: TestHq, sql: string): Promise<number> {
  return Number((await hq.db.query<{ n: number }>(sql))[0]!.n);
}

/** The same rows with the same synced values at every branch and at HQ. */
async function expectConverged(hq: TestHq, branches: TestBranch[], ids: string[]) {
  for (const id of ids) {
    const reference = syncedView(await hqRow(hq, 'customers', id), COLS);
    expect(reference).toBeDefined();
    for (const b of branches) expect(syncedView(b.customer(id), COLS)).toEqual(reference);
  }
}

describe.each(engines)('sync survives faults (%s)', (engine) => {
  let hq: TestHq | null = null;
  afterEach(async () => {
    await hq?.close();
    hq = null;
  });

  it('a connection dropped after HQ committed a push or a pull loses and doubles nothing', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const ids = [1, 2, 3, 4].map((n) => a.createCustomer({ name: `集团${n}`, type: 'group' }));

    a.net.dropAfterServer = /\/sync\/push/;
    const dropped = await a.sync();
    expect(dropped).toMatchObject({ ok: false, errorCode: 'NETWORK' });
    // HQ applied the push, but the branch never heard so: its outbox still holds everything.
    expect(
      await hqCount(hq, "SELECT count(*)::float8 AS n FROM hq_rows WHERE table_name = 'customers'"),
    ).toBe(4);
    expect(a.rows('sync_outbox').filter((m) => m.sent_at === null)).toHaveLength(4);
    expect((await a.sync()).ok).toBe(true);
    expect(a.rows('sync_outbox').filter((m) => m.sent_at === null)).toHaveLength(0);

    b.net.dropAfterServer = /\/sync\/pull/;
    expect((await b.sync()).errorCode).toBe('NETWORK');
    expect(readSyncState(b.env.store.db).pullCursor).toBe(0);
    expect((await b.sync()).ok).toBe(true);

    await expectConverged(hq, [a, b], ids);
    expect(b.rows('customers')).toHaveLength(4);
    expect(await hqCount(hq, 'SELECT count(*)::float8 AS n FROM applied_mutations')).toBe(4);
    expect(await hqCount(hq, 'SELECT count(*)::float8 AS n FROM change_log WHERE origin IS NOT NULL')).toBe(
      4,
    );
  });

  it('the same push delivered twice is applied once', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    await a.sync(); // binds the branch
    const hqEndpoint = {
      url: hq.url,
      token: readSyncState(a.env.store.db).deviceToken,
      clientId: a.env.nodeId,
      branchId: a.env.branchId,
      schemaVersion: a.env.store.schemaVersion,
      fetch: (url: string, init: RequestInit) => fetch(url, init),
    };
    const id = a.createCustomer({ name: '重复推送测试', type: 'group' });
    const m = a.rows('sync_outbox').at(-1)!;
    const body = {
      clientId: a.env.nodeId,
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: a.env.store.schemaVersion,
      pending: 1,
      mutations: [
        { id: m.mutation_id, table: 'customers', rowId: id, cols: JSON.parse(String(m.cols)), hlc: m.hlc },
      ],
    };
    const first = await callHq(hqEndpoint, 'POST', '/sync/push', body, pushResponse);
    const second = await callHq(hqEndpoint, 'POST', '/sync/push', body, pushResponse);
    expect(first.accepted).toEqual([m.mutation_id]);
    expect(second.accepted).toEqual([m.mutation_id]);
    expect(
      await hqCount(
        hq,
        `SELECT count(*)::float8 AS n FROM change_log WHERE row_id = '${id}' AND origin IS NOT NULL`,
      ),
    ).toBe(1);
  });

  it('HQ restarted in the middle of a sync ends converged', async () => {
    if (engine === 'pglite') {
      await hq?.close();
      hq = await startTestHq('pglite', { onDisk: true });
    } else {
      hq = await startTestHq(engine);
    }
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const ids = [1, 2, 3].map((n) => a.createCustomer({ name: `重启${n}`, type: 'group' }));
    const server = hq;
    // HQ goes down right after it committed the push, before the branch got the answer.
    const realFetch = a.env.fetch!;
    a.env.fetch = async (url, init) => {
      const response = await realFetch(url, init);
      if (url.includes('/sync/push')) {
        await server.restart();
        throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    };
    expect((await a.sync()).errorCode).toBe('NETWORK');
    a.env.fetch = realFetch;
    await syncAll([a, b]);
    await expectConverged(hq, [a, b], ids);
    expect(await hqCount(hq, 'SELECT count(*)::float8 AS n FROM applied_mutations')).toBe(3);
  });

  it('a clock 10 minutes ahead is accepted; one a day ahead is held back, then converges', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const fast = await makeBranch(hq, 'BT');
    const veryFast = await makeBranch(hq, 'WH');
    const id = a.createCustomer({ name: '时钟测试集团', type: 'group' });
    await syncAll([a, fast, veryFast]);

    fast.app.clock.advanceMinutes(10);
    fast.updateCustomer(id, { notes: '快十分钟' });
    veryFast.app.clock.advanceMinutes(24 * 60);
    veryFast.updateCustomer(id, { address: '快一天' });
    const mine = veryFast.createCustomer({ name: '快一天新建', type: 'group' });

    expect((await fast.sync()).ok).toBe(true);
    const held = await veryFast.sync();
    expect(held).toMatchObject({ ok: true, errorCode: 'CLOCK_AHEAD', held: 2 });
    // Nothing is lost: the held changes stay in the outbox and the status explains the clock.
    expect(veryFast.rows('sync_outbox').filter((m) => m.sent_at === null)).toHaveLength(2);
    expect(await hqRow(hq, 'customers', mine)).toBeUndefined();

    // Time catches up (the computer clock was corrected and a day passed, or HQ's clock moved on).
    hq.clock.advanceMinutes(24 * 60);
    for (const b of [a, fast]) b.app.clock.advanceMinutes(24 * 60);
    await syncAll([veryFast, a, fast]);
    await expectConverged(hq, [a, fast, veryFast], [id, mine]);
    expect(a.customer(id)).toMatchObject({ notes: '快十分钟', address: '快一天' });
    expect(readSyncState(veryFast.env.store.db).lastErrorCode).toBeNull();
  });

  it('a week offline of edits on both sides converges with nothing lost', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const shared = [1, 2, 3, 4, 5].map((n) => a.createCustomer({ name: `共享${n}`, type: 'group' }));
    await syncAll([a, b]);

    b.net.mode = 'down';
    const made: string[] = [];
    for (let day = 1; day <= 7; day++) {
      for (const x of [a, b, hq.clock]) ('app' in x ? x.app.clock : x).advanceMinutes(24 * 60);
      b.updateCustomer(shared[day % 5]!, { notes: `B 第${day}天` });
      made.push(b.createCustomer({ name: `离线新建${day}`, type: 'group' }));
      a.updateCustomer(shared[(day + 2) % 5]!, { region: `A 第${day}天` });
      expect((await b.sync()).errorCode).toBe('NETWORK');
      expect((await a.sync()).ok).toBe(true);
    }
    b.net.mode = 'up';
    await syncAll([a, b]);
    await expectConverged(hq, [a, b], [...shared, ...made]);
    expect(a.rows('customers')).toHaveLength(12);
    expect(b.rows('customers')).toHaveLength(12);
  });

  it('a branch whose cursor is ahead of HQ (HQ restored from an older backup) receives everything again', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const ids = [1, 2].map((n) => a.createCustomer({ name: `恢复${n}`, type: 'group' }));
    await a.sync();
    writeSyncState(b.env.store.db, { pullCursor: 1_000_000 });
    expect((await b.sync()).ok).toBe(true);
    await expectConverged(hq, [a, b], ids);
  });

  it('a wrong or revoked token is refused and logged', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    a.createCustomer({ name: '令牌测试', type: 'group' });
    const token = readSyncState(a.env.store.db).deviceToken;

    a.env.store.db
      .update((await import('../../src/main/db/schema')).syncState)
      .set({ deviceToken: 'kamd_wrong' })
      .run();
    expect((await a.sync()).errorCode).toBe('UNAUTHORIZED');

    a.env.store.db
      .update((await import('../../src/main/db/schema')).syncState)
      .set({ deviceToken: token })
      .run();
    expect((await a.sync()).ok).toBe(true);
    const device = (
      await hq.db.query<{ id: string }>("SELECT id FROM devices WHERE branch_code = 'HHHT'")
    )[0]!;
    await revokeDevice(hq.db, device.id);
    a.createCustomer({ name: '吊销后', type: 'group' });
    expect((await a.sync()).errorCode).toBe('UNAUTHORIZED');
    expect(a.rows('sync_outbox').filter((m) => m.sent_at === null)).toHaveLength(1);

    const log = await hq.db.query<{ detail: string }>(
      "SELECT detail FROM access_log WHERE outcome = 'refused' ORDER BY id",
    );
    expect(log.map((l) => l.detail)).toEqual(['unknown token', 'revoked token']);
  });

  it("a branch writing another branch's rows is refused, logged and set back to HQ's version", async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const id = a.createCustomer({ name: '曾经共享', type: 'group', notes: 'A 原值' });
    await syncAll([a, b]);
    // A takes the customer out of sharing; B, still offline on it, edits it.
    a.updateCustomer(id, { type: 'enterprise' });
    await a.sync();
    b.updateCustomer(id, { notes: 'B 越权修改' });
    const result = await b.sync();
    expect(result).toMatchObject({ ok: true, rejected: 1 });
    expect(b.rows('sync_rejections')).toMatchObject([{ row_id: id, code: 'NOT_OWNER' }]);
    expect(b.customer(id)?.notes).toBe('A 原值');
    expect((await hqRow(hq, 'customers', id))?.notes).toBe('A 原值');
    const log = await hq.db.query<{ outcome: string; branch_code: string }>(
      "SELECT outcome, branch_code FROM access_log WHERE outcome = 'refused-write'",
    );
    expect(log).toEqual([{ outcome: 'refused-write', branch_code: 'BT' }]);
    const rejections = await hq.db.query<{ code: string }>('SELECT code FROM rejections');
    expect(rejections).toEqual([{ code: 'NOT_OWNER' }]);

    // Later edits of B's own rows are not blocked by the refused one.
    const own = b.createCustomer({ name: 'B 自己的客户', type: 'enterprise' });
    expect((await b.sync()).ok).toBe(true);
    expect((await hqRow(hq, 'customers', own))?.name).toBe('B 自己的客户');
  });

  it('tables HQ publishes are read-only at branches and flow down to all of them', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    await a.sync();
    const token = readSyncState(a.env.store.db).deviceToken;
    const res = await fetch(`${hq.url}/sync/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION),
        [SYNC_HEADERS.schema]: String(a.env.store.schemaVersion),
        [SYNC_HEADERS.client]: a.env.nodeId,
        [SYNC_HEADERS.branch]: a.env.branchId,
      },
      body: JSON.stringify({
        clientId: a.env.nodeId,
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: a.env.store.schemaVersion,
        mutations: [
          {
            id: 'm-products-1',
            table: 'products',
            rowId: 'p1',
            cols: { branch_id: a.env.branchId, name: '专线' },
            hlc: '001772415000000:00000:abc',
          },
        ],
      }),
    });
    const answer = pushResponse.parse(await res.json());
    expect(answer.rejected).toMatchObject([{ id: 'm-products-1', code: 'READ_ONLY_TABLE' }]);

    const published = await fetch(`${hq.url}/admin/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hq.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ table: 'products', rows: [{ id: 'p1', cols: { name: '互联网专线' } }] }),
    });
    expect(await published.json()).toEqual({ changed: 1 });
    const pull = await fetch(`${hq.url}/sync/pull?cursor=0`, {
      headers: {
        authorization: `Bearer ${token}`,
        [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION),
        [SYNC_HEADERS.schema]: String(a.env.store.schemaVersion),
        [SYNC_HEADERS.client]: a.env.nodeId,
        [SYNC_HEADERS.branch]: a.env.branchId,
      },
    });
    const page = (await pull.json()) as { changes: { table: string; cols: Record<string, unknown> }[] };
    expect(page.changes).toMatchObject([
      { table: 'products', cols: { name: '互联网专线', branch_id: 'HQ' } },
    ]);
  });

  it('an old protocol or schema is told to update instead of syncing', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const token = readSyncState(a.env.store.db).deviceToken;
    const old = {
      url: hq.url,
      token,
      clientId: 'x',
      branchId: a.env.branchId,
      schemaVersion: 0,
      fetch: (u: string, i: RequestInit) =>
        fetch(u, {
          ...i,
          headers: { ...(i.headers as Record<string, string>), [SYNC_HEADERS.protocol]: '0' },
        }),
    };
    await expect(callHq(old, 'GET', '/sync/hello', undefined, pushResponse)).rejects.toMatchObject({
      code: 'UPDATE_REQUIRED',
    });

    // A branch on a newer schema writes a shared row; a branch on an older schema must update before pulling it.
    const b = await makeBranch(hq, 'BT');
    a.createCustomer({ name: '新版本写入', type: 'group' });
    await a.sync();
    const realVersion = b.env.store.schemaVersion;
    b.env.store.schemaVersion = realVersion - 1;
    const result = await b.sync();
    expect(result).toMatchObject({ ok: true, errorCode: 'UPDATE_REQUIRED', pulled: 0 });
    expect(b.rows('customers')).toHaveLength(0);
    b.env.store.schemaVersion = realVersion;
    expect(await b.sync()).toMatchObject({ ok: true, errorCode: null, pulled: 1 });
  });
});
