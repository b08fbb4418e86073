import { afterEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../src/shared/contract';
import { createContract, extendContract } from '../../src/main/services/contracts/flow';
import { recordVisit } from '../../src/main/services/visits/flow';
import type { ServiceContext } from '../../src/main/services/context';
import { hqRow, makeBranch, PG_URL, startTestHq, syncAll, syncedView, type TestBranch, type TestHq } from './sync-harness';

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

  it('a contract and its timeline written on one device reach HQ and the branch\'s other device, and its edit comes back', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const customerId = a.createCustomer({ name: '内蒙古某能源集团', type: 'enterprise' });
    const contractId = asAdmin(a, (ctx) =>
      createContract(
        ctx,
        contract['contracts.create'].input.parse({
          customerId,
          title: '专线租用合同',
          amountFen: 36_000_000,
          signed: true,
          signDate: '2026-03-01',
          startDate: '2026-03-01',
          endDate: '2027-02-28',
        }),
      ).id,
    );
    await a.sync();
    const a2 = await makeBranch(hq, 'HHHT');
    a2.env.branchId = a.app.runtime.branchId;
    await a2.sync();
    expect(a2.rows('contracts').find((c) => c.id === contractId)).toMatchObject({ title: '专线租用合同', end_date: '2027-02-28' });
    expect(a2.rows('green_events').filter((e) => e.entity_id === contractId).map((e) => e.kind)).toEqual(['created', 'signed']);
    expect((await hqRow(hq, 'contracts', contractId))?.amount_fen).toBe(36_000_000);

    // A tacit extension on the second device reaches the first through HQ.
    asAdmin(a2, (ctx) => extendContract(ctx, contract['contracts.extend'].input.parse({ id: contractId, endDate: '2028-02-29' })));
    await syncAll([a2, a]);
    expect(a.rows('contracts').find((c) => c.id === contractId)).toMatchObject({ end_date: '2028-02-29', original_end_date: '2027-02-28' });
    expect((await hqRow(hq, 'contracts', contractId))?.end_date).toBe('2028-02-29');
  });

  it('a visit recorded on one device reaches the other, whose local due date follows it', async () => {
    hq = await startTestHq(engine);
    const a = await makeBranch(hq, 'HHHT');
    const customerId = a.createCustomer({ name: '呼和浩特某银行', type: 'enterprise', grade: 'strategic' });
    await a.sync();
    const a2 = await makeBranch(hq, 'HHHT');
    a2.env.branchId = a.app.runtime.branchId;
    await a2.sync();
    const dueOn = (b: TestBranch) =>
      b.app.runtime.store.sqlite.prepare('SELECT last_visit_date AS last, due_date AS due FROM customer_visit_due WHERE customer_id = ?').get(customerId);
    expect(dueOn(a2)).toMatchObject({ last: null });

    const today = a.app.clock.now().toISOString().slice(0, 10);
    const visitId = asAdmin(a, (ctx) =>
      recordVisit(
        ctx,
        contract['visits.record'].input.parse({ customerId, kind: 'onsite', visitDate: today, purpose: '季度走访', nextStep: '报送扩容方案' }),
      ).id,
    );
    await syncAll([a, a2]);
    expect(a2.rows('visits').find((v) => v.id === visitId)).toMatchObject({ status: 'done', purpose: '季度走访', next_step: '报送扩容方案' });
    expect((await hqRow(hq, 'visits', visitId))?.kind).toBe('onsite');
    // customer_visit_due is local and never synced: the other device's triggers derive the same row.
    expect(dueOn(a2)).toEqual(dueOn(a));
    expect(dueOn(a2)).toMatchObject({ last: today });
  });
});

/** Runs a service call as a branch administrator, in one transaction like the API does. */
function asAdmin<T>(b: TestBranch, fn: (ctx: ServiceContext) => T): T {
  const actor = { id: 'admin-of-' + b.code, username: 'admin', displayName: '管理员', role: 'admin' as const, region: '', sessionTokenHash: null };
  return b.app.runtime.store.sqlite.transaction(() => fn({ ...b.app.ctx(), actor }))();
}
