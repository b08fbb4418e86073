import { beforeEach, describe, expect, it } from 'vitest';
import { buildWebServer } from '../../src/main/web';
import { contract, METHOD_NAMES } from '../../src/shared/contract';
import { normalizeTyped, parsePhone } from '../../src/shared/normalize';
import { makeTestApp, tableCounts, type TestApp } from './helpers';
import { addCustomer, callError, type TestCustomer } from './tickets-fixtures';

/** Issue #21: the classes of everyday defects, each with a test that catches the next occurrence. */

let app: TestApp;
let manager: { token: string; userId: string };
let desk: { token: string; userId: string };
let customer: TestCustomer;

beforeEach(async () => {
  app = makeTestApp({ file: false });
  manager = await app.signIn('account_manager');
  desk = await app.signIn('service_desk');
  customer = addCustomer(app, { ownerId: manager.userId });
});

const count = (table: string) =>
  (app.runtime.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted = 0`).get() as { n: number }).n;

const complaint = () => ({
  kind: 'complaint' as const,
  customerId: customer.id,
  contactId: customer.contactId,
  serviceInstanceId: customer.serviceId,
  channel: 'phone' as const,
  title: '专线中断',
  description: '客户来电：专线中断半小时',
  impact: 'minor' as const,
});

describe('nothing doubled: a create sent twice with one idempotency key makes one record', () => {
  it('a ticket submitted twice (double click, Enter twice) is one ticket with one number', async () => {
    const before = count('tickets');
    const meta = { token: desk.token, locale: 'zh-CN' as const, idempotencyKey: 'intake-6b1f0c5e-0001' };
    const [a, b] = await Promise.all([app.api.call('tickets.create', complaint(), meta), app.api.call('tickets.create', complaint(), meta)]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect((b.data as { id: string }).id).toBe((a.data as { id: string }).id);
    expect(count('tickets')).toBe(before + 1);
    // A new intent (a new key) is a new ticket.
    const c = await app.api.call('tickets.create', complaint(), { ...meta, idempotencyKey: 'intake-6b1f0c5e-0002' });
    expect(c.ok).toBe(true);
    expect(count('tickets')).toBe(before + 2);
  });

  it('a customer created twice over HTTP with the Idempotency-Key header is one customer', async () => {
    const server = buildWebServer({ api: app.api, port: 0 });
    try {
      const send = () =>
        server.inject({
          method: 'POST',
          url: '/rpc/customers.create',
          headers: { authorization: `Bearer ${manager.token}`, 'idempotency-key': 'form-customer-000001', host: '127.0.0.1' },
          payload: { name: '内蒙古测试能源有限公司', type: 'enterprise' },
        });
      const first = await send();
      const second = await send();
      expect(first.statusCode).toBe(200);
      expect(second.json()).toEqual(first.json());
      expect((app.runtime.store.sqlite.prepare("SELECT count(*) AS n FROM customers WHERE name = '内蒙古测试能源有限公司'").get() as { n: number }).n).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('a key reused for another action is refused, and a malformed key is refused, with nothing written', async () => {
    const meta = { token: manager.token, locale: 'zh-CN' as const, idempotencyKey: 'reused-key-000001' };
    expect((await app.api.call('customers.contacts.save', { customerId: customer.id, name: '赵敏' }, meta)).ok).toBe(true);
    const counts = tableCounts(app.runtime);
    const reused = await app.api.call('customers.create', { name: '另一家公司' }, meta);
    expect(reused.ok ? null : reused.error.code).toBe('CONFLICT');
    const bad = await app.api.call('customers.create', { name: '另一家公司' }, { ...meta, idempotencyKey: 'x' });
    expect(bad.ok ? null : bad.error.message).toContain('请求编号');
    expect(tableCounts(app.runtime)).toEqual(counts);
  });

  it('every create method in the contract is marked so that forms send a key', () => {
    const creators = METHOD_NAMES.filter((m) => /\.(create|add|addNote)$/.test(m));
    expect(creators.length).toBeGreaterThan(3);
    for (const m of creators) expect({ m, creates: contract[m].creates }).toEqual({ m, creates: true });
  });
});

describe('nothing silently changed: a negative or malformed amount is refused, never saved as 0', () => {
  it('a negative bill is refused with a message naming the field, and nothing is written', async () => {
    const counts = tableCounts(app.runtime);
    const error = await callError(app, 'customers.bills.save', { customerId: customer.id, period: '2026-02', billedFen: -1_000_000, paidFen: 0 }, manager.token);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('“应收金额”不能为负数');
    const en = await callError(app, 'customers.bills.save', { customerId: customer.id, period: '2026-02', billedFen: 'abc' }, manager.token, 'en');
    expect(en.message).toContain('"Billed amount" must be an amount');
    expect(tableCounts(app.runtime)).toEqual(counts);
  });
});

describe('input as Chinese users type it: one normaliser', () => {
  it('parses mobiles, landlines with area code and extension, full width and spaces included', () => {
    expect(parsePhone('１３９０４７１１２３４')).toEqual({ kind: 'mobile', value: '13904711234' });
    expect(parsePhone('139 0471 1234')).toEqual({ kind: 'mobile', value: '13904711234' });
    expect(parsePhone('+86 139-0471-1234')).toEqual({ kind: 'mobile', value: '13904711234' });
    expect(parsePhone('（0471）6661234 转 801')).toEqual({ kind: 'landline', value: '0471-6661234-801' });
    expect(parsePhone('0471-6661234-801')).toEqual({ kind: 'landline', value: '0471-6661234-801' });
    expect(parsePhone('010 8888 6666')).toEqual({ kind: 'landline', value: '010-88886666' });
    expect(parsePhone('400 810 8888')).toEqual({ kind: 'service', value: '400-810-8888' });
    for (const bad of ['6661234', '1390471123', '12345678901', '139047112345', 'abc']) expect(parsePhone(bad)).toBeNull();
    expect(normalizeTyped('\u3000ＡＢＣ（集团）１２３\u00a0 ')).toBe('ABC（集团）123');
  });

  it('a key person typed with a full-width mobile is stored as 11 digits and found by the intake box as typed', async () => {
    const saved = await app.call(
      'customers.contacts.save',
      { customerId: customer.id, name: '\u3000钱进\u3000', mobile: '１３９ ０４７１ ５５６６', phone: '（0471）6661234 转 801' },
      manager.token,
    );
    expect(saved).toMatchObject({ name: '钱进', mobile: '13904715566', phone: '0471-6661234-801' });
    for (const query of ['139 0471 5566', '１３９０４７１５５６６', '0471 6661234-801']) {
      const hits = await app.call('tickets.intakeLookup', { query }, desk.token);
      expect(hits.find((h) => h.matchedBy === 'contact')?.customerId).toBe(customer.id);
    }
  });

  it('a mobile that is not a mainland mobile says what to fix, in both languages', async () => {
    const zh = await callError(app, 'customers.contacts.save', { customerId: customer.id, name: '孙立', mobile: '1390471123' }, manager.token);
    expect(zh.message).toContain('手机号应为 11 位');
    const en = await callError(app, 'customers.contacts.save', { customerId: customer.id, name: '孙立', phone: '6661234' }, manager.token, 'en');
    expect(en.message).toContain('landline with its area code');
  });
});

describe('messages in the user\'s words: no raw validator text reaches a user', () => {
  const RAW = /Invalid input|expected|received|Unrecognized|Too (big|small)|期望|未知的键|无效输入|数值过|字符串|\bkey\(/i;

  it('every method answers malformed input with sentences in zh-CN and en', async () => {
    const admin = await app.signIn('admin');
    const leader = await app.signIn('leader');
    const tokens: Record<string, string> = { admin: admin.token, leader: leader.token, account_manager: manager.token, service_desk: desk.token };
    let checked = 0;
    for (const method of METHOD_NAMES) {
      const access = contract[method].access;
      const token = access === 'public' || access === 'authenticated' ? admin.token : tokens[access.find((r) => tokens[r]) ?? 'admin'];
      for (const input of [{ __unknownField: 1 }, { name: 12, id: 5, customerId: [], period: 'x', billedFen: -1, query: 'x'.repeat(5000) }]) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const r = await app.api.call(method, input, { token, locale });
          if (r.ok || r.error.code !== 'VALIDATION') continue;
          checked++;
          expect({ method, message: r.error.message }).not.toMatchObject({ message: expect.stringMatching(RAW) });
          for (const issue of r.error.issues ?? []) expect({ method, issue: issue.message }).not.toMatchObject({ issue: expect.stringMatching(RAW) });
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a too-long name names the field and its limit', async () => {
    const zh = await callError(app, 'customers.create', { name: '长'.repeat(101) }, manager.token);
    expect(zh.issues).toEqual([{ path: 'name', message: '“客户名称”最多 100 个字，请删减' }]);
  });
});

describe('stored times agree', () => {
  it('a ticket\'s createdAt and the start of its resolution clock are the same instant even while the clock runs', async () => {
    // A clock that moves 1 ms each time it is read, like a real one during a call.
    let ms = Date.parse('2026-03-02T01:30:00.000Z');
    app.runtime.now = () => new Date(ms++);
    const t = await app.call('tickets.create', complaint(), desk.token);
    const row = app.runtime.store.sqlite.prepare('SELECT created_at AS createdAt, resolution_start_at AS start FROM tickets WHERE id = ?').get(t.id) as {
      createdAt: string;
      start: string;
    };
    expect(row.start).toBe(row.createdAt);
  });
});
