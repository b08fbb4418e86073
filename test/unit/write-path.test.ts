import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeTestApp, tableCounts } from './helpers';
import { auditLog, syncOutbox, users } from '../../src/main/db/schema';
import { insertRow } from '../../src/main/services/write';

describe('the one write path', () => {
  it('creating a user writes the row, an outbox mutation with every column and an audit record together', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('admin');
    const before = tableCounts(app.runtime);
    const created = await app.call(
      'users.create',
      { username: 'wangwu', password: 'Abcd1234', displayName: '王五', role: 'account_manager', region: '新城区' },
      token,
    );
    const after = tableCounts(app.runtime);
    expect(after.users).toBe(before.users! + 1);
    expect(after.sync_outbox).toBe(before.sync_outbox! + 1);

    const db = app.runtime.store.db;
    const outbox = db.select().from(syncOutbox).where(eq(syncOutbox.rowId, created.id)).all();
    expect(outbox).toHaveLength(1);
    const cols = JSON.parse(outbox[0]!.cols) as Record<string, unknown>;
    expect(cols).toMatchObject({ username: 'wangwu', display_name: '王五', region: '新城区', deleted: 0, active: 1 });
    const row = db.select().from(users).where(eq(users.id, created.id)).get()!;
    expect(outbox[0]!.hlc).toBe(row.updatedHlc);

    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, created.id)).all();
    expect(audit.map((a) => [a.action, a.method])).toEqual([['create', 'users.create']]);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ username: 'wangwu' });
    expect(audit[0]!.after).not.toContain('password');
  });

  it('an update sends and audits only the columns that changed, with a later HLC', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('admin');
    const u = await app.call('users.create', { username: 'zhaoliu', password: 'Abcd1234', displayName: '赵六', role: 'staff' }, token);
    const first = app.runtime.store.db.select().from(users).where(eq(users.id, u.id)).get()!;
    app.clock.advanceMinutes(1);
    await app.call('users.update', { id: u.id, displayName: '赵六', phone: '138 0000 0000' }, token);

    const outbox = app.runtime.store.db.select().from(syncOutbox).where(eq(syncOutbox.rowId, u.id)).all();
    expect(outbox).toHaveLength(2);
    const cols = JSON.parse(outbox[1]!.cols) as Record<string, unknown>;
    expect(Object.keys(cols).sort()).toEqual(['phone', 'updated_at', 'updated_hlc']);
    expect(outbox[1]!.hlc > first.updatedHlc).toBe(true);

    const audit = app.runtime.store.db.select().from(auditLog).where(eq(auditLog.entityId, u.id)).all();
    const update = audit.find((a) => a.action === 'update')!;
    expect(JSON.parse(update.before!)).toEqual({ phone: '' });
    // Stored as the normaliser writes a mobile: 11 digits.
    expect(JSON.parse(update.after!)).toEqual({ phone: '13800000000' });
  });

  it('a patch that changes nothing writes nothing', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('admin');
    const u = await app.call('users.create', { username: 'sunqi', password: 'Abcd1234', displayName: '孙七', role: 'staff' }, token);
    const before = tableCounts(app.runtime);
    await app.call('users.update', { id: u.id, displayName: '孙七' }, token);
    expect(tableCounts(app.runtime)).toEqual(before);
  });

  it('a failure half-way through a transaction rolls back the row, the outbox and the audit record', async () => {
    const app = makeTestApp();
    await app.signIn('admin');
    const before = tableCounts(app.runtime);
    const ctx = app.ctx();
    expect(() =>
      app.runtime.store.sqlite.transaction(() => {
        insertRow(ctx, users, { username: 'ghost', displayName: '幽灵', role: 'staff' });
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(tableCounts(app.runtime)).toEqual(before);
  });

  it('a refused call (username taken) changes nothing', async () => {
    const app = makeTestApp();
    const { token } = await app.signIn('admin', 'boss');
    const before = tableCounts(app.runtime);
    const result = await app.api.call(
      'users.create',
      { username: 'boss', password: 'Abcd1234', displayName: '重复', role: 'staff' },
      { token },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('CONFLICT');
    expect(!result.ok && result.error.message).toContain('boss');
    expect(tableCounts(app.runtime)).toEqual(before);
  });
});
