import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './helpers';
import type { MethodName } from '../../src/shared/contract';

/**
 * Data scope (issue #3, point 4) as a role × method matrix: account managers see their own customers
 * and the pool (another manager's customer is NOT_FOUND by every route), leaders and admins the
 * branch, the service desk everything but finance, staff read-only.
 */

type Who = 'admin' | 'leader' | 'owner' | 'otherManager' | 'serviceDesk' | 'staff';
const WHO: Who[] = ['admin', 'leader', 'owner', 'otherManager', 'serviceDesk', 'staff'];
type Outcome = 'ok' | 'NOT_FOUND' | 'FORBIDDEN';

let app: TestApp;
const tokens = {} as Record<Who, string>;
const ids = {} as Record<Who, string>;
let customerId: string;
const NAME = '鄂尔多斯天骄能源有限公司';
let billYear = 0;

async function freshCustomer(name: string): Promise<string> {
  return (await app.call('customers.create', { name }, tokens.owner)).id;
}

beforeAll(async () => {
  app = makeTestApp();
  const roles: Record<Who, Parameters<TestApp['signIn']>[0]> = {
    admin: 'admin',
    leader: 'leader',
    owner: 'account_manager',
    otherManager: 'account_manager',
    serviceDesk: 'service_desk',
    staff: 'staff',
  };
  for (const who of WHO) {
    const s = await app.signIn(roles[who], who.toLowerCase());
    tokens[who] = s.token;
    ids[who] = s.userId;
  }
  customerId = await freshCustomer(NAME);
  await app.call('customers.contacts.save', { customerId, name: '赵局长', mobile: '13800001111' }, tokens.owner);
  await app.call('customers.bills.save', { customerId, period: '2026-01', billedFen: 500_000, paidFen: 100_000 }, tokens.owner);
  await app.call('customers.credit.save', { customerId, rating: 'A', limitFen: 100, at: '2026-01-01' }, tokens.owner);
}, 120_000);

async function outcome(method: MethodName, input: unknown, who: Who): Promise<Outcome> {
  const r = await app.api.call(method, input, { token: tokens[who] });
  if (r.ok) return 'ok';
  if (r.error.code === 'NOT_FOUND' || r.error.code === 'FORBIDDEN') return r.error.code;
  throw new Error(`${method} as ${who}: ${r.error.code} ${r.error.message}`);
}

const READ: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'ok', otherManager: 'NOT_FOUND', serviceDesk: 'ok', staff: 'ok' };
const WRITE: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'ok', otherManager: 'NOT_FOUND', serviceDesk: 'FORBIDDEN', staff: 'FORBIDDEN' };
const LEADERS: Record<Who, Outcome> = { admin: 'ok', leader: 'ok', owner: 'FORBIDDEN', otherManager: 'FORBIDDEN', serviceDesk: 'FORBIDDEN', staff: 'FORBIDDEN' };
const LOG: Record<Who, Outcome> = { ...WRITE };

const matrix: { method: MethodName; input: () => Promise<unknown> | unknown; expected: Record<Who, Outcome> }[] = [
  { method: 'customers.get', input: () => ({ id: customerId }), expected: READ },
  { method: 'customers.update', input: () => ({ id: customerId, notes: '更新' }), expected: WRITE },
  { method: 'customers.setStage', input: async () => ({ id: await freshCustomer(`阶段客户${Math.random()}`), stage: 'intent' }), expected: WRITE },
  { method: 'customers.contacts.save', input: () => ({ customerId, name: `联系人${Math.random()}` }), expected: WRITE },
  { method: 'customers.services.save', input: () => ({ customerId, product: '互联网专线', serviceNo: `S${Math.random()}` }), expected: WRITE },
  { method: 'customers.bills.save', input: () => ({ customerId, period: `${2000 + ++billYear}-01`, billedFen: 1 }), expected: WRITE },
  { method: 'customers.credit.save', input: () => ({ customerId, rating: 'AA', at: '2026-02-01' }), expected: WRITE },
  { method: 'customers.projects.save', input: () => ({ customerId, name: '项目' }), expected: WRITE },
  { method: 'customers.resources.save', input: () => ({ customerId, kind: 'port', identifier: 'P-1' }), expected: WRITE },
  { method: 'customers.ownershipLog', input: () => ({ customerId }), expected: LOG },
  { method: 'customers.transfer', input: async () => ({ ids: [await freshCustomer(`移交客户${Math.random()}`)], toOwnerId: ids.otherManager, reason: '调整' }), expected: LEADERS },
  { method: 'customers.release', input: async () => ({ ids: [await freshCustomer(`释放客户${Math.random()}`)], reason: '调整' }), expected: LEADERS },
  { method: 'customers.delete', input: async () => ({ id: await freshCustomer(`删除客户${Math.random()}`), reason: '重复建档' }), expected: LEADERS },
  { method: 'customers.evaluate', input: () => ({ periodType: 'month', period: '2026-01' }), expected: LEADERS },
  { method: 'customers.settings.update', input: () => ({ warnArrearsDays: 30 }), expected: LEADERS },
];

describe('customer data scope: role × method', () => {
  for (const row of matrix) {
    it(`${row.method}: ${WHO.map((w) => `${w}=${row.expected[w]}`).join(', ')}`, async () => {
      const actual = {} as Record<Who, Outcome>;
      for (const who of WHO) actual[who] = await outcome(row.method, await row.input(), who);
      expect(actual).toEqual(row.expected);
    });
  }

  const visible: Record<Who, boolean> = { admin: true, leader: true, owner: true, otherManager: false, serviceDesk: true, staff: true };

  it('the list, search box, lookup and Ctrl+K search show the customer exactly to those who may read it', async () => {
    for (const who of WHO) {
      const list = await app.call('customers.list', { query: '天骄能源' }, tokens[who]);
      const lookup = await app.call('customers.lookup', { query: '天骄' }, tokens[who]);
      const hits = await app.call('search.global', { query: '天骄能源' }, tokens[who]);
      const byPerson = await app.call('customers.list', { query: '13800001111' }, tokens[who]);
      const seen = [list.rows, lookup, hits.filter((h) => h.kind === 'customer'), byPerson.rows].map((rows) => rows.some((r) => r.id === customerId));
      expect([who, seen]).toEqual([who, [visible[who], visible[who], visible[who], visible[who]]]);
    }
  });

  it('export obeys the same scope, and leaves money columns out for the service desk', async () => {
    for (const who of WHO) {
      const file = await app.call('customers.export', { query: '天骄能源' }, tokens[who]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const names = sheet.getColumn(1).values.slice(2);
      expect([who, names.includes(NAME)]).toEqual([who, visible[who]]);
      expect([who, header.includes('欠费(元)')]).toEqual([who, who !== 'serviceDesk']);
    }
  });

  it('the service desk gets basic data, key people and services but no bills, credit, evaluations or spend', async () => {
    const view = await app.call('customers.get', { id: customerId }, tokens.serviceDesk);
    expect(view.contacts.length).toBeGreaterThan(0);
    expect(view).toMatchObject({ bills: null, billSummary: null, credit: null, evaluations: null });
    expect(view.customer).toMatchObject({ monthlySpendFen: null, arrearsFen: null });
    expect(view.can).toMatchObject({ seeFinance: false, edit: false });
    expect(view.timeline.some((e) => e.kind.startsWith('customer_bills') || e.kind.startsWith('customer_credit'))).toBe(false);
    const list = await app.call('customers.list', { query: '天骄能源', arrears: true, sort: 'arrears' }, tokens.serviceDesk);
    expect(list.rows[0]).toMatchObject({ id: customerId, arrearsFen: null });
    const full = await app.call('customers.get', { id: customerId }, tokens.staff);
    expect(full.bills?.length).toBeGreaterThan(0);
    expect(full.can.edit).toBe(false);
  });

  it('another manager cannot reach the customer by guessing section row ids either', async () => {
    const view = await app.call('customers.get', { id: customerId }, tokens.owner);
    const contact = view.contacts[0]!;
    expect(await outcome('customers.contacts.delete', { customerId, id: contact.id }, 'otherManager')).toBe('NOT_FOUND');
    expect(await outcome('customers.claim', { ids: [customerId] }, 'otherManager')).toBe('NOT_FOUND');
  });
});
