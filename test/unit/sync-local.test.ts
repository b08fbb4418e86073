import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { localMeta } from '../../src/main/db/schema';
import { readSyncState, writeSyncState } from '../../src/main/services/sync/state';
import { formatHlc } from '../../src/shared/hlc';
import { applyChanges } from '../../src/main/services/sync/apply';
import { runSync } from '../../src/main/services/sync/engine';
import { configureSync, syncStatus } from '../../src/main/services/sync';
import { syncedTables } from '../../src/main/services/sync/registry';
import { nextDelayMs, stopBackgroundSync } from '../../src/main/services/sync/scheduler';
import { makeBranch } from './sync-harness';

const hlcAt = (iso: string, node: string) => formatHlc({ wall: Date.parse(iso), counter: 0, node });

describe('sync on the branch', () => {
  it('finds every synced table from the schema, including tables added by later modules', () => {
    const names = [...syncedTables().keys()];
    expect(names).toEqual(expect.arrayContaining(['users', 'settings', 'customers', 'customer_contacts']));
    expect(names).not.toContain('sync_outbox');
    expect(names).not.toContain('sessions');
  });

  it('a pulled older value never overwrites an unsent newer local edit, but a newer one wins', async () => {
    const a = await makeBranch(null, 'HHHT');
    const id = a.createCustomer({ name: '本地客户', type: 'group', notes: '原备注', address: '原地址' });
    a.app.clock.advanceMinutes(5);
    a.updateCustomer(id, { notes: '本地新备注' });
    const sqlite = a.env.store.sqlite;
    const older = hlcAt('2026-03-02T01:32:00.000Z', 'zzzz');
    const newer = hlcAt('2026-03-02T01:40:00.000Z', 'zzzz');
    const result = sqlite.transaction(() =>
      applyChanges(sqlite, [
        {
          table: 'customers',
          rowId: id,
          cols: { notes: '总部旧备注', address: '总部新地址' },
          clocks: { notes: older, address: older },
        },
      ]),
    )();
    expect(result).toMatchObject({ applied: 1, failed: 0 });
    // notes was edited locally after `older`; address was not, so HQ's later address wins.
    expect(a.customer(id)).toMatchObject({ notes: '本地新备注', address: '总部新地址' });
    sqlite.transaction(() =>
      applyChanges(sqlite, [
        { table: 'customers', rowId: id, cols: { notes: '总部更新' }, clocks: { notes: newer } },
      ]),
    )();
    expect(a.customer(id)?.notes).toBe('总部更新');
    // Applied changes are never queued back to HQ.
    expect(a.rows('sync_outbox')).toHaveLength(2);
  });

  it('a partial row for a row this device never had is reported, and the rest of the page applies', async () => {
    const a = await makeBranch(null, 'HHHT');
    const sqlite = a.env.store.sqlite;
    const h = hlcAt('2026-03-02T01:32:00.000Z', 'zzzz');
    const full = {
      id: 'u-1',
      branch_id: 'b',
      created_at: 'x',
      updated_at: 'x',
      updated_hlc: h,
      deleted: 0,
      username: 'wang',
      display_name: '王',
      role: 'admin',
    };
    const result = sqlite.transaction(() =>
      applyChanges(sqlite, [
        { table: 'users', rowId: 'u-0', cols: { phone: '1' }, clocks: { phone: h } },
        {
          table: 'users',
          rowId: 'u-1',
          cols: full,
          clocks: Object.fromEntries(Object.keys(full).map((k) => [k, h])),
        },
        { table: 'no_such_table', rowId: 'x', cols: { a: 1 }, clocks: { a: h } },
      ]),
    )();
    expect(result).toMatchObject({ applied: 1, failed: 1, skipped: 1 });
    expect(a.rows('users').map((u) => u.username)).toEqual(['wang']);
  });

  it('status explains an unconfigured sync in the caller language, and configuring clears it', async () => {
    const a = await makeBranch(null, 'HHHT');
    const ctx = { ...a.app.ctx(), locale: 'en' as const };
    configureSync(ctx, { hqUrl: '', intervalMinutes: 5 });
    await runSync(a.env);
    const status = syncStatus(ctx);
    expect(status.configured).toBe(false);
    expect(status.lastError?.code).toBe('NOT_CONFIGURED');
    expect(status.lastError?.message).toContain('Sync settings');
    expect(syncStatus({ ...ctx, locale: 'zh-CN' }).lastError?.message).toContain('同步设置');
    const after = configureSync(ctx, {
      hqUrl: 'http://127.0.0.1:9',
      deviceToken: 'kamd_x',
      intervalMinutes: 10,
    });
    expect(after).toMatchObject({ configured: true, hasToken: true, intervalMinutes: 10, lastError: null });
    // The token is never written to the audit log.
    expect(JSON.stringify(a.rows('audit_log'))).not.toContain('kamd_x');
    stopBackgroundSync(a.env.store);
  });

  it('backs off exponentially after failures, capped at 30 minutes, and returns to the interval', () => {
    expect(nextDelayMs(300, 0)).toBe(300_000);
    expect([1, 2, 3, 4].map((n) => nextDelayMs(300, n))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(nextDelayMs(300, 40)).toBe(30 * 60_000);
  });
});

describe('after an update that adds synced tables', () => {
  it('reads the headquarters log again from the start', async () => {
    const b = await makeBranch(null, 'HHHT');
    const db = b.env.store.db;
    writeSyncState(db, { hqUrl: 'http://127.0.0.1:9', deviceToken: 'kamd_x', pullCursor: 42 });
    // A previous version knew fewer tables.
    db.insert(localMeta).values({ key: 'sync_tables', value: 'settings,users' }).run();
    b.env.fetch = async (url) => {
      if (url.includes('/sync/hello'))
        return Response.json({ branchCode: 'HHHT', deviceName: 'x', protocolVersion: 1, serverTime: '' });
      if (url.includes('/sync/pull')) {
        expect(url).toContain('cursor=0&');
        return Response.json({
          changes: [],
          cursor: 50,
          hasMore: false,
          updateRequired: false,
          serverTime: '',
        });
      }
      return Response.json({ accepted: [], rejected: [], held: [], lastAppliedId: null, serverTime: '' });
    };
    expect(await runSync(b.env)).toMatchObject({ ok: true });
    expect(readSyncState(db).pullCursor).toBe(50);
    expect(db.select().from(localMeta).where(eq(localMeta.key, 'sync_tables')).get()?.value).toContain(
      'customers',
    );
  });
});
