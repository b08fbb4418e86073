import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';
import type { Locale } from '../../src/shared/locale';

/**
 * Every list exports what its page lists (issue #21, class 11): the ticket queue's views and the churn
 * warnings, with the list's filters, in the caller's scope and language.
 */

let app: TestApp;
const who = {} as Record<'leader' | 'desk' | 'am1' | 'am2', { token: string; userId: string }>;

async function sheetOf(method: 'tickets.queue.export' | 'customers.warnings.export', input: object, token: string, locale: Locale = 'zh-CN') {
  const file = (await app.call(method, input as never, token, locale)) as { fileName: string; base64: string; rowCount: number };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows = (sheet.getRows(2, Math.max(0, sheet.rowCount - 1)) ?? []).map((r) => (r.values as unknown[]).slice(1));
  return { file, header: (sheet.getRow(1).values as unknown[]).slice(1), rows };
}

beforeAll(async () => {
  app = makeTestApp();
  who.leader = await app.signIn('leader', 'leader1');
  who.desk = await app.signIn('service_desk', 'desk1');
  who.am1 = await app.signIn('account_manager', 'am1');
  who.am2 = await app.signIn('account_manager', 'am2');
  // Two customers each, with a ticket on every one; one of am1's is dispatched to a department (no one yet).
  for (const owner of ['am1', 'am2'] as const) {
    for (const n of [1, 2]) {
      const c = addCustomer(app, { name: `${owner}的客户${n}`, ownerId: who[owner].userId });
      const ticket = await app.call('tickets.create', { kind: n === 1 ? 'fault' : 'complaint', customerId: c.id, title: `${owner}客户${n}的问题`, impact: 'minor' }, who.desk.token);
      if (owner === 'am1' && n === 1) await app.call('tickets.transition', { id: ticket.id, action: 'assign', dept: '网络部', assigneeId: null }, who.desk.token);
      app.clock.advanceMinutes(1);
      // Bills until January and none in February: the sharpest spend drop there is.
      for (const period of ['2025-11', '2025-12', '2026-01']) {
        await app.call('customers.bills.save', { customerId: c.id, period, billedFen: 100_000 * n, paidFen: 100_000 * n, paidDate: `${period}-28` }, who[owner].token);
      }
    }
  }
  await app.call('customers.warnings.refresh', {}, who.leader.token);
}, 120_000);

describe('ticket queue export', () => {
  it("holds exactly what an account manager's queue view lists: his customers' tickets, never another manager's", async () => {
    const queue = await app.call('tickets.queue', { view: 'open', pageSize: 200 }, who.am1.token);
    const { header, rows } = await sheetOf('tickets.queue.export', { view: 'open' }, who.am1.token);
    expect(header).toEqual(['工单号', '级别', '类型', '客户', '问题', '状态', '处理人', '时限', '到期时间', '受理时间']);
    expect(rows.map((r) => r[0])).toEqual(queue.rows.map((t) => t.number));
    expect(rows.map((r) => r[3]).sort()).toEqual(['am1的客户1', 'am1的客户2']);
    expect(rows.find((r) => r[3] === 'am1的客户1')!.slice(1, 7)).toEqual(['P3', '故障', 'am1的客户1', 'am1客户1的问题', '已派单', '网络部']);
  });

  it('holds exactly what the service desk lists in a view, across every customer', async () => {
    const queue = await app.call('tickets.queue', { view: 'unassigned', pageSize: 200 }, who.desk.token);
    expect(queue.rows).toHaveLength(4);
    const { rows, file } = await sheetOf('tickets.queue.export', { view: 'unassigned' }, who.desk.token);
    expect(rows.map((r) => r[0])).toEqual(queue.rows.map((t) => t.number));
    expect(file.fileName).toMatch(/^工单 待派单-\d{8}\.xlsx$/);
    const en = await sheetOf('tickets.queue.export', { view: 'unassigned' }, who.desk.token, 'en');
    expect(en.header.slice(0, 4)).toEqual(['Number', 'Pri.', 'Kind', 'Customer']);
    expect(en.rows.map((r) => r[5]).sort()).toEqual(['Dispatched', 'New', 'New', 'New']);
  });
});

describe('churn warnings export', () => {
  it("holds an account manager's customers' warnings only, as his list does", async () => {
    const { header, rows } = await sheetOf('customers.warnings.export', {}, who.am1.token);
    expect(header).toEqual(['预警类型', '客户名称', '情况', '金额(元)', '第一责任人', '发现时间', '已知悉']);
    expect(rows.map((r) => r[1]).sort()).toEqual(['am1的客户1', 'am1的客户2']);
    const list = await app.call('customers.warnings.list', {}, who.am1.token);
    expect(rows.map((r) => r[1])).toEqual(list.rows.map((w) => w.customerName));
    expect(rows[0]!.slice(0, 2)).toEqual(['消费下降', list.rows[0]!.customerName]);
    expect(rows[0]![4]).toBe('测试am1');
  });

  it("holds the whole branch for a leader, with the list's filters", async () => {
    const all = await sheetOf('customers.warnings.export', { kind: 'spend_drop' }, who.leader.token);
    expect(all.rows).toHaveLength(4);
    const none = await sheetOf('customers.warnings.export', { kind: 'arrears' }, who.leader.token);
    expect(none.rows).toEqual([]);
  });
});
