import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshWarnings } from '../../src/main/services/customers/warnings';
import { gbkCsv } from './import-fixtures';
import { callError } from './tickets-fixtures';
import { customerFiledOn, dueRow, recomputedDue, record, setGrade, storedDue, visitsWorld, type VisitsWorld } from './visits-fixtures';

/**
 * Visit rules and due dates (issue #14): due = last counted visit (or the day the customer was filed) +
 * its grade's months; customer_visit_due is derived, kept by triggers and the services, and recounted
 * here after every kind of write.
 */

let w: VisitsWorld;
beforeEach(async () => {
  w = await visitsWorld();
});
afterEach(() => w.app.runtime.store.sqlite.close());

describe('due dates', () => {
  it('run from the filing day by the grade\'s interval; a phone call does not count, a visit on site does', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    expect(dueRow(w.app, c.id)).toEqual({ ownerId: w.manager.userId, grade: 'key', lastVisitDate: null, dueDate: '2026-03-10' });
    await record(w, w.manager.token, { customerId: c.id, kind: 'phone', visitDate: '2026-03-01' });
    expect(dueRow(w.app, c.id)?.dueDate).toBe('2026-03-10');
    await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-02' });
    expect(dueRow(w.app, c.id)).toMatchObject({ lastVisitDate: '2026-03-02', dueDate: '2026-05-02' });
  });

  it('follow a grade change: strategic monthly, 普通 not tracked', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'vip' });
    expect(dueRow(w.app, c.id)?.dueDate).toBe('2026-04-10');
    setGrade(w.app, c.id, 'strategic');
    expect(dueRow(w.app, c.id)?.dueDate).toBe('2026-02-10');
    setGrade(w.app, c.id, 'normal');
    expect(dueRow(w.app, c.id)?.dueDate).toBeNull();
  });

  it('are recomputed for every customer when a leader saves the rules (and phone may be made to count)', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    const d = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'quality' });
    await record(w, w.manager.token, { customerId: c.id, kind: 'phone', visitDate: '2026-02-20' });
    expect((await callError(w.app, 'visits.rules.save', { rules: [{ grade: 'key', months: 1, kinds: ['phone'] }] }, w.manager.token)).code).toBe(
      'FORBIDDEN',
    );
    const saved = await w.app.call('visits.rules.save', { rules: [{ grade: 'key', months: 1, kinds: ['onsite', 'phone'] }] }, w.leader.token);
    expect(saved.rules.find((r) => r.grade === 'key')).toEqual({ grade: 'key', months: 1, kinds: ['onsite', 'phone'] });
    expect(saved.rules).toHaveLength(5);
    expect(dueRow(w.app, c.id)).toMatchObject({ lastVisitDate: '2026-02-20', dueDate: '2026-03-20' });
    expect(dueRow(w.app, d.id)?.dueDate).toBe('2026-07-10');
    expect((await w.app.call('visits.rules.get', {}, w.desk.token)).rules).toEqual(saved.rules);
    const dup = await callError(w.app, 'visits.rules.save', { rules: [{ grade: 'vip', months: 2, kinds: ['onsite'] }, { grade: 'vip', months: 3, kinds: ['onsite'] }] }, w.leader.token);
    expect(dup.message).toContain('VIP');
  });

  it('follow rules that arrive by sync before the due dates are read', async () => {
    const c = customerFiledOn(w.app, '2026-01-10', { ownerId: w.manager.userId, grade: 'key' });
    await w.app.call('visits.rules.save', { rules: [{ grade: 'key', months: 2, kinds: ['onsite'] }] }, w.leader.token);
    // HQ's newer rules as a pull writes them: the settings row only, no service call.
    const rules = (await w.app.call('visits.rules.get', {}, w.leader.token)).rules.map((r) => (r.grade === 'key' ? { ...r, months: 6 } : r));
    w.app.runtime.store.sqlite.prepare("UPDATE settings SET value = ? WHERE key = 'visits.rules'").run(JSON.stringify(rules));
    expect(dueRow(w.app, c.id)?.dueDate).toBe('2026-03-10');
    await w.app.call('visits.overdue', {}, w.manager.token);
    expect(dueRow(w.app, c.id)?.dueDate).toBe('2026-07-10');
  });
});

describe('the derived due table', () => {
  it('equals a recomputation without the view after every kind of write', async () => {
    const sqlite = w.app.runtime.store.sqlite;
    const a = customerFiledOn(w.app, '2025-12-01', { ownerId: w.manager.userId, grade: 'strategic', name: '呼和浩特金桥电力有限公司' });
    const b = customerFiledOn(w.app, '2025-11-15', { ownerId: w.manager.userId, grade: 'key' });
    const gone = customerFiledOn(w.app, '2025-10-01', { ownerId: w.otherManager.userId, grade: 'vip' });
    const check = async (step: string) => expect(storedDue(w.app), step).toEqual(await recomputedDue(w));
    await check('start');

    const v = await record(w, w.manager.token, { customerId: a.id, visitDate: '2026-02-10' });
    await record(w, w.manager.token, { customerId: b.id, visitDate: '2026-02-01' });
    const later = await record(w, w.manager.token, { customerId: b.id, visitDate: '2026-02-25' });
    await check('record');
    await w.app.call('visits.update', { id: later.id, kind: 'phone' }, w.manager.token);
    await check('update kind');
    await w.app.call('visits.update', { id: v.id, visitDate: '2026-02-27' }, w.manager.token);
    await check('update date');
    await w.app.call('visits.remove', { id: v.id }, w.leader.token);
    await check('remove');
    setGrade(w.app, b.id, 'vip');
    await check('grade');
    await w.app.call('customers.transfer', { ids: [b.id], toOwnerId: w.otherManager.userId, reason: '区域调整' }, w.leader.token);
    await check('owner');
    await w.app.call('customers.delete', { id: gone.id, reason: '重复建档' }, w.leader.token);
    await check('delete');
    expect(sqlite.prepare('SELECT count(*) AS n FROM customer_visit_due WHERE customer_id = ?').get(gone.id)).toEqual({ n: 0 });

    // An import creates customers and moves owners with the per-row triggers suspended.
    const otherName = sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck().get(w.otherManager.userId) as string;
    const csv = gbkCsv(['客户名称,统一社会信用代码,第一责任人', `呼和浩特金桥电力有限公司,,${otherName}`, '包头北辰物流有限公司,91350100M000100Y43,']);
    const batch = await w.app.call('customers.import.commit', { kind: 'customers', fileName: 'a.csv', base64: csv }, w.leader.token);
    expect(batch.created).toBe(1);
    expect(dueRow(w.app, a.id)?.ownerId).toBe(w.otherManager.userId);
    await check('import');

    await w.app.call('visits.rules.save', { rules: [{ grade: 'strategic', months: 3, kinds: ['onsite', 'phone'] }] }, w.leader.token);
    await check('rules');
  });
});

describe('the churn warning 走访逾期', () => {
  it('is raised for a customer past its due date and cleared by a visit', async () => {
    const c = customerFiledOn(w.app, '2025-12-20', { ownerId: w.manager.userId, grade: 'key' });
    customerFiledOn(w.app, '2026-02-20', { ownerId: w.manager.userId, grade: 'key' });
    const refresh = () => w.app.runtime.store.sqlite.transaction(() => refreshWarnings(w.app.ctx()))();
    refresh();
    const open = await w.app.call('customers.warnings.list', { kind: 'no_visit' }, w.manager.token);
    expect(open.rows).toHaveLength(1);
    // Due 2026-02-20, today 2026-03-02.
    expect(open.rows[0]).toMatchObject({ customerId: c.id, kind: 'no_visit', value: 10, amountFen: 0, message: '超过走访周期 10 天未走访' });
    // A phone call does not count towards the interval: the warning stays.
    await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-02-27', kind: 'phone' });
    expect((await w.app.call('customers.warnings.list', { kind: 'no_visit' }, w.manager.token)).rows).toHaveLength(1);
    // The visit ends it at once, not at the next daily refresh, and the refresh does not raise it again.
    await record(w, w.manager.token, { customerId: c.id, visitDate: '2026-03-01' });
    expect((await w.app.call('customers.warnings.list', { kind: 'no_visit' }, w.manager.token)).rows).toHaveLength(0);
    expect(refresh()).toMatchObject({ raised: 0, cleared: 0 });
    expect((await w.app.call('customers.warnings.list', { kind: 'no_visit' }, w.manager.token)).rows).toHaveLength(0);
  });
});
