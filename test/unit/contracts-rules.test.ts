import { beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_DISPLAY_STATUSES } from '../../src/shared/contract/order-common';
import { makeTestApp, tableCounts, type TestApp } from './helpers';
import { addCustomer, callError } from './tickets-fixtures';
import { signedInput } from './contracts-fixtures';

// The test clock starts on 2026-03-02 (Asia/Shanghai); the reminder window is 60 days: up to 2026-05-01.

let app: TestApp;
let manager: { token: string; userId: string };
let otherManager: { token: string; userId: string };
let leader: { token: string; userId: string };
let desk: { token: string; userId: string };
let customerId: string;
let otherCustomerId: string;

beforeEach(async () => {
  app = makeTestApp({ file: false });
  manager = await app.signIn('account_manager');
  otherManager = await app.signIn('account_manager');
  leader = await app.signIn('leader');
  desk = await app.signIn('service_desk');
  customerId = addCustomer(app, { ownerId: manager.userId }).id;
  otherCustomerId = addCustomer(app, { ownerId: otherManager.userId }).id;
});

describe('the shown status', () => {
  it('is derived from the dates and the reminder setting, and the list filter agrees with it', async () => {
    const make = (start: string, end: string) => app.call('contracts.create', signedInput(customerId, { start, end }), manager.token);
    const expiringLast = await make('2025-05-01', '2026-05-01'); // exactly 60 days ahead
    const activeFirst = await make('2025-05-02', '2026-05-02'); // 61 days ahead
    const endsToday = await make('2025-03-02', '2026-03-02');
    const expired = await make('2025-03-01', '2026-03-01');
    const notStarted = await make('2026-04-01', '2028-03-31');
    const draft = await app.call('contracts.create', { customerId, title: '待签合同', amountFen: 0 }, manager.token);
    const renewedOld = await make('2024-06-01', '2026-04-30');
    await app.call('contracts.renew', { id: renewedOld.id, amountFen: 1, signDate: '2026-03-01', startDate: '2026-05-01', endDate: '2028-04-30' }, manager.token);
    const stopped = await make('2025-01-01', '2027-01-01');
    await app.call('contracts.terminate', { id: stopped.id, reason: '客户注销' }, manager.token);

    const statusOf = async (id: string) => (await app.call('contracts.get', { id }, manager.token)).displayStatus;
    expect(await statusOf(expiringLast.id)).toBe('expiring');
    expect(await statusOf(activeFirst.id)).toBe('active');
    expect(await statusOf(endsToday.id)).toBe('expiring');
    expect(await statusOf(expired.id)).toBe('expired');
    expect(await statusOf(notStarted.id)).toBe('signed');
    expect(await statusOf(draft.id)).toBe('draft');
    expect(await statusOf(renewedOld.id)).toBe('renewed');
    expect(await statusOf(stopped.id)).toBe('terminated');
    expect((await app.call('contracts.get', { id: expiringLast.id }, manager.token)).daysLeft).toBe(60);

    // Every contract appears under exactly the status filter it shows.
    const all = await app.call('contracts.list', { pageSize: 200 }, manager.token);
    for (const status of CONTRACT_DISPLAY_STATUSES) {
      const page = await app.call('contracts.list', { displayStatus: status, pageSize: 200 }, manager.token);
      expect(page.rows.map((r) => r.id).sort(), status).toEqual(all.rows.filter((r) => r.displayStatus === status).map((r) => r.id).sort());
    }

    // A shorter reminder window moves the line: 30 days ahead is the last expiring day.
    await app.call('contracts.settings.save', { reminderDays: 30 }, leader.token);
    expect(await statusOf(expiringLast.id)).toBe('active');
  });
});

describe('renewal', () => {
  it('creates the signed successor linked both ways, and the chain reads oldest first', async () => {
    const first = await app.call('contracts.create', signedInput(customerId, { start: '2024-04-01', end: '2026-03-31' }), manager.token);
    const second = await app.call(
      'contracts.renew',
      { id: first.id, amountFen: 15_000_000, signDate: '2026-03-02', startDate: '2026-04-01', endDate: '2027-03-31' },
      manager.token,
    );
    expect(second.number).not.toBe(first.number);
    expect(second.number).toMatch(/^KAM-HT-2603-[0-9A-F]{4}-0002$/);
    expect(second.predecessorId).toBe(first.id);
    expect(second.status).toBe('signed');
    expect(second.title).toBe(first.title);
    expect(second.paymentTerms).toBe(first.paymentTerms);
    const old = await app.call('contracts.get', { id: first.id }, manager.token);
    expect(old.status).toBe('renewed');
    expect(old.successorId).toBe(second.id);
    expect(old.actions).toEqual(['attach']);
    expect(old.events.map((e) => e.kind)).toEqual(['created', 'signed', 'renewed']);

    const third = await app.call(
      'contracts.renew',
      { id: second.id, amountFen: 16_000_000, signDate: '2026-03-02', startDate: '2027-04-01', endDate: '2028-03-31' },
      manager.token,
    );
    const middle = await app.call('contracts.get', { id: second.id }, manager.token);
    expect(middle.chain.map((l) => l.id)).toEqual([first.id, second.id, third.id]);
    expect(middle.chain.map((l) => l.displayStatus)).toEqual(['renewed', 'renewed', 'signed']);
    expect(third.events.map((e) => e.title)).toContain(`由合同 ${second.number} 续签而来`);

    // A renewed contract cannot be renewed again: the answer says what its status allows.
    const again = await callError(app, 'contracts.renew', { id: first.id, amountFen: 1, signDate: '2026-03-02', startDate: '2028-04-01', endDate: '2029-03-31' }, manager.token);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('已续签');
    expect(again.message).toContain('上传附件');
    // A renewal must end after the term it renews.
    const short = await callError(app, 'contracts.renew', { id: third.id, amountFen: 1, signDate: '2026-03-02', startDate: '2026-04-01', endDate: '2028-03-31' }, manager.token);
    expect(short.code).toBe('VALIDATION');
    expect(short.message).toContain('2028-03-31');
  });

  it('shows on the customer 360 timeline', async () => {
    const k = await app.call('contracts.create', signedInput(customerId, { start: '2024-04-01', end: '2026-03-31' }), manager.token);
    await app.call('contracts.renew', { id: k.id, amountFen: 1, signDate: '2026-03-02', startDate: '2026-04-01', endDate: '2027-03-31' }, manager.token);
    const view = await app.call('customers.get', { id: customerId }, manager.token);
    const lines = view.timeline.filter((e) => e.source === 'contract').map((e) => e.title);
    expect(lines.some((l) => l.startsWith(k.number) && l.includes('续签为合同'))).toBe(true);
  });
});

describe('scope', () => {
  it('an account manager sees and works only the contracts of their own customers', async () => {
    const mine = await app.call('contracts.create', signedInput(customerId, { start: '2025-04-01', end: '2026-04-15' }), manager.token);
    const theirs = await app.call('contracts.create', signedInput(otherCustomerId, { start: '2025-04-01', end: '2026-04-15' }), otherManager.token);
    expect(mine.ownerId).toBe(manager.userId);

    expect((await app.call('contracts.list', {}, manager.token)).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await app.call('contracts.expiring', {}, manager.token)).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await callError(app, 'contracts.get', { id: theirs.id }, manager.token)).code).toBe('NOT_FOUND');
    expect((await callError(app, 'contracts.terminate', { id: theirs.id, reason: '越权' }, manager.token)).code).toBe('NOT_FOUND');
    // Another manager's customer cannot be given a contract either.
    expect((await callError(app, 'contracts.create', signedInput(otherCustomerId, { start: '2025-04-01', end: '2026-04-15' }), manager.token)).code).toBe('NOT_FOUND');
    const exported = await app.call('contracts.list.export', {}, manager.token);
    expect(exported.rowCount).toBe(1);

    // Leaders and the service desk see the branch; the service desk only reads.
    expect((await app.call('contracts.list', {}, leader.token)).total).toBe(2);
    expect((await app.call('contracts.expiring', {}, desk.token)).total).toBe(2);
    expect((await app.call('contracts.list.export', {}, desk.token)).rowCount).toBe(2);
    expect((await app.call('contracts.get', { id: theirs.id }, desk.token)).actions).toEqual([]);
    expect((await callError(app, 'contracts.extend', { id: theirs.id, endDate: '2027-04-15' }, desk.token)).code).toBe('FORBIDDEN');
  });
});

describe('input', () => {
  it('a bad input names the field in the user\'s words and writes nothing', async () => {
    const before = tableCounts(app.runtime);
    const missing = await callError(app, 'contracts.create', { ...signedInput(customerId, { start: '2026-03-01', end: '2027-02-28' }), endDate: null }, manager.token);
    expect(missing.code).toBe('VALIDATION');
    expect(missing.issues?.map((i) => i.path)).toEqual(['endDate']);
    expect(missing.message).toContain('合同结束日期');
    const backwards = await callError(app, 'contracts.create', signedInput(customerId, { start: '2026-03-01', end: '2025-02-28' }), manager.token, 'en');
    expect(backwards.issues?.[0]?.path).toBe('endDate');
    expect(backwards.message).toContain('Term end');
    const badDate = await callError(app, 'contracts.sign', { id: 'x', signDate: '2026-02-30', startDate: '2026-03-01', endDate: '2027-02-28' }, manager.token);
    expect(badDate.issues?.[0]?.path).toBe('signDate');
    expect(badDate.message).toContain('签订日期');
    const money = await callError(app, 'contracts.create', { customerId, title: '金额错误', amountFen: -5 }, manager.token);
    expect(money.message).toContain('合同金额');
    expect(tableCounts(app.runtime)).toEqual(before);
  });

  it('the dates of a signed contract move only by renewal or extension', async () => {
    const k = await app.call('contracts.create', signedInput(customerId, { start: '2025-04-01', end: '2027-03-31' }), manager.token);
    const refused = await callError(app, 'contracts.update', { id: k.id, endDate: '2028-03-31' }, manager.token);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('顺延');
    const edited = await app.call('contracts.update', { id: k.id, amountFen: 99_900, notes: '补充协议已签' }, manager.token);
    expect(edited.amountFen).toBe(99_900);
    expect(edited.endDate).toBe('2027-03-31');
  });

  it('one create intent sent twice makes one contract', async () => {
    const input = signedInput(customerId, { start: '2025-04-01', end: '2027-03-31' });
    const key = '01890a5d-ac96-774b-bcce-b302099a8057';
    const first = await app.api.call('contracts.create', input, { token: manager.token, idempotencyKey: key });
    const second = await app.api.call('contracts.create', input, { token: manager.token, idempotencyKey: key });
    expect(first.ok && second.ok).toBe(true);
    const idOf = (r: typeof first) => (r.ok ? (r.data as { id: string }).id : null);
    expect(idOf(second)).toBe(idOf(first));
    expect((await app.call('contracts.list', {}, manager.token)).total).toBe(1);
  });
});

describe('the customer 360 roll-up', () => {
  it('equals an independent SQL sum over the customer\'s contracts', async () => {
    const mk = (start: string, end: string, amountFen: number) =>
      app.call('contracts.create', signedInput(customerId, { start, end, amountFen }), manager.token);
    await mk('2025-01-01', '2027-12-31', 30_000_000); // in force
    await mk('2025-06-01', '2026-04-10', 8_800_000); // expiring
    await mk('2023-01-01', '2025-12-31', 5_000_000); // expired
    const renewed = await mk('2024-01-01', '2026-03-31', 12_000_000);
    await app.call('contracts.renew', { id: renewed.id, amountFen: 13_500_000, signDate: '2026-03-02', startDate: '2026-04-01', endDate: '2028-03-31' }, manager.token);
    const stopped = await mk('2025-01-01', '2027-01-01', 2_000_000);
    await app.call('contracts.terminate', { id: stopped.id, reason: '客户注销' }, manager.token);
    await app.call('contracts.create', { customerId, title: '草稿', amountFen: 777_777 }, manager.token);
    await app.call('contracts.create', signedInput(otherCustomerId, { start: '2025-01-01', end: '2027-12-31', amountFen: 1 }), otherManager.token);

    const s = await app.call('contracts.summary', { customerId }, manager.token);
    const sql = app.runtime.store.sqlite;
    const today = '2026-03-02';
    const one = <T>(q: string, ...p: unknown[]) => sql.prepare(q).get(...p) as T;
    const signed = one<{ n: number; fen: number }>(
      `SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM contracts WHERE customer_id = ? AND deleted = 0 AND sign_date IS NOT NULL AND status <> 'draft'`,
      customerId,
    );
    const running = one<{ n: number; fen: number }>(
      `SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM contracts
       WHERE customer_id = ? AND deleted = 0 AND status = 'signed' AND start_date <= ? AND end_date >= ?`,
      customerId,
      today,
      today,
    );
    const next = one<{ d: string | null }>(`SELECT min(end_date) AS d FROM contracts WHERE customer_id = ? AND deleted = 0 AND status = 'signed' AND end_date >= ?`, customerId, today);
    expect(s.totalSignedFen).toBe(signed.fen);
    expect(s.signedCount).toBe(signed.n);
    expect(s.activeFen).toBe(running.fen);
    expect(s.activeCount).toBe(running.n);
    expect(s.nextEndDate).toBe(next.d);
    expect(s.totalSignedFen).toBe(30_000_000 + 8_800_000 + 5_000_000 + 12_000_000 + 13_500_000 + 2_000_000);
    expect(s.expiringCount).toBe(1);
    // Open and expiring first.
    expect(s.contracts[0]!.displayStatus).toBe('expiring');
    expect(s.contracts.at(-1)!.displayStatus).toBe('terminated');
    // Another manager's customer is not theirs to total.
    expect((await callError(app, 'contracts.summary', { customerId: otherCustomerId }, manager.token)).code).toBe('NOT_FOUND');
  });
});
