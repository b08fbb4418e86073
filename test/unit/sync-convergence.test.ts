import { afterEach, describe, expect, it, vi } from 'vitest';
import { hqRow, makeBranch, PG_URL, startTestHq, syncAll, syncedView, type TestHq } from './sync-harness';

// Real HQ stores and HTTP on a shared 2-core machine: generous limits (these are not timing tests).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const engines = PG_URL ? (['pglite', 'pg'] as const) : (['pglite'] as const);
const COLS = ['id', 'branch_id', 'name', 'type', 'notes', 'address', 'region', 'deleted', 'updated_hlc'];

describe.each(engines)('branches and headquarters converge (%s)', (engine) => {
  let hq: TestHq | null = null;
  afterEach(async () => {
    await hq?.close();
    hq = null;
  });

  it('two branches editing the same group customer end with the same row everywhere', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const c = await makeBranch(hq, 'WH');
    const id = a.createCustomer({ name: '内蒙古能源集团', type: 'group', notes: '初始' });
    await syncAll([a, b, c]);
    expect(b.customer(id)?.name).toBe('内蒙古能源集团');

    // Concurrent edits: the same column in all three, plus a column only one of them touches.
    a.updateCustomer(id, { notes: 'A 的备注', region: '新城区' });
    b.app.clock.advanceMinutes(1);
    b.updateCustomer(id, { notes: 'B 的备注', address: '包头市昆都仑区' });
    c.app.clock.advanceMinutes(2);
    c.updateCustomer(id, { address: '乌海市海勃湾区' });
    // Sync in an order where the latest writer is not the last to push.
    await c.sync();
    await b.sync();
    await a.sync();
    await syncAll([a, b, c]);

    const expected = syncedView(a.customer(id), COLS);
    expect(expected).toMatchObject({ notes: 'B 的备注', address: '乌海市海勃湾区', region: '新城区' });
    expect(syncedView(b.customer(id), COLS)).toEqual(expected);
    expect(syncedView(c.customer(id), COLS)).toEqual(expected);
    expect(syncedView(await hqRow(hq, 'customers', id), COLS)).toEqual(expected);
  });

  it('a deleted group customer is deleted at every branch and at HQ, and nothing is duplicated', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const ids = [1, 2, 3].map((n) => a.createCustomer({ name: `集团客户${n}`, type: 'group' }));
    await syncAll([a, b]);
    b.deleteCustomer(ids[1]!);
    await syncAll([a, b]);

    expect(a.customer(ids[1]!)?.deleted).toBe(1);
    expect((await hqRow(hq, 'customers', ids[1]!))?.deleted).toBe(1);
    expect(a.rows('customers')).toHaveLength(3);
    expect(b.rows('customers')).toHaveLength(3);
    const hqCount = await hq.db.query<{ n: number }>(
      "SELECT count(*)::float8 AS n FROM hq_rows WHERE table_name = 'customers'",
    );
    expect(Number(hqCount[0]!.n)).toBe(3);
    // Every outbox entry was applied exactly once at HQ.
    const outbox = a.rows('sync_outbox').length + b.rows('sync_outbox').length;
    const applied = await hq.db.query<{ n: number }>('SELECT count(*)::float8 AS n FROM applied_mutations');
    expect(Number(applied[0]!.n)).toBe(outbox);
  });

  it("a branch's own customers and staff stay out of other branches but reach HQ", async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    const privateId = a.createCustomer({ name: '呼和浩特某医院', type: 'enterprise' });
    const userId = a.createUser('zhangsan');
    await syncAll([a, b]);
    expect(b.customer(privateId)).toBeUndefined();
    expect(b.rows('users').find((u) => u.id === userId)).toBeUndefined();
    expect((await hqRow(hq, 'customers', privateId))?.name).toBe('呼和浩特某医院');
    expect((await hqRow(hq, 'users', userId))?.username).toBe('zhangsan');

    // Turning it into a group customer shares the whole row, not only the changed column.
    a.updateCustomer(privateId, { type: 'group' });
    await syncAll([a, b]);
    expect(b.customer(privateId)).toMatchObject({
      name: '呼和浩特某医院',
      type: 'group',
      branch_id: a.app.runtime.branchId,
    });
  });

  it('a second device of the same branch receives the rows the first one wrote', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const id = a.createCustomer({ name: '某政府机关', type: 'gov' });
    a.createUser('lisi');
    await a.sync();
    const a2 = await makeBranch(hq, 'HHHT');
    // The second device works in the same branch database identity as the first.
    a2.env.branchId = a.app.runtime.branchId;
    const result = await a2.sync();
    expect(result.ok).toBe(true);
    expect(a2.customer(id)?.name).toBe('某政府机关');
    expect(a2.rows('users').some((u) => u.username === 'lisi')).toBe(true);
  });
});
