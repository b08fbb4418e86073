import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/main/services/sync/apply';
import { formatHlc } from '../../src/shared/hlc';
import { gbkCsv, importSetup } from './import-fixtures';
import { makeTestApp } from './helpers';
import { addCustomer } from './tickets-fixtures';

/**
 * Honest freshness of the words index (issue #18): a record is found the moment its write commits —
 * an import and its undo, a change pulled from headquarters — and Ctrl+K shows every registered module
 * in the caller's scope, best hits first.
 */

const HEADER = '客户名称,统一社会信用代码,客户类型,区域,地址,第一责任人,阶段';

describe('the words index after bulk and synced writes', () => {
  it('an import is found at once, its undo takes it out again', async () => {
    const { app, leader } = await importSetup();
    const names = async (query: string) =>
      (await app.call('customers.list', { query, sort: 'name', dir: 'asc' }, leader.token)).rows.map((r) => r.name);
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: 'a.csv', base64: gbkCsv([HEADER, '呼和浩特金桥银行有限公司,91110000802100433B,企业,赛罕区,大学东街1号,,签约']) },
      leader.token,
    );
    expect(await names('银行')).toEqual(['呼和浩特金桥银行有限公司']);
    expect(await names('hhht')).toEqual(['呼和浩特金桥银行有限公司']);
    await app.call('customers.import.undo', { id: batch.id!, reason: '导错' }, leader.token);
    expect(await names('银行')).toEqual([]);
  });

  it('a change pulled from headquarters is found at once', async () => {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    const c = await app.call('customers.create', { name: '包头北辰物流有限公司' }, leader.token);
    const sqlite = app.runtime.store.sqlite;
    app.clock.advanceMinutes(5);
    const hlc = formatHlc({ wall: app.clock.now().getTime(), counter: 0, node: 'hq' });
    sqlite.transaction(() =>
      applyChanges(sqlite, [{ table: 'customers', rowId: c.id, cols: { short_name: '北辰医院' }, clocks: { short_name: hlc } }]),
    )();
    const r = await app.call('customers.list', { query: '医院' }, leader.token);
    expect(r.rows.map((x) => x.name)).toEqual(['包头北辰物流有限公司']);
    expect(r.rows[0]!.match).toMatchObject({ field: 'shortName', text: '北辰医院', ranges: [[2, 4]] });
  });
});

describe('Ctrl+K across modules', () => {
  it('groups customers and tickets, exact names first, each in the caller’s scope', async () => {
    const app = makeTestApp();
    const desk = await app.signIn('service_desk');
    const mine = await app.signIn('account_manager');
    const theirs = await app.signIn('account_manager');
    const a = addCustomer(app, { name: '金桥电力', ownerId: mine.userId });
    addCustomer(app, { name: '呼和浩特金桥电力有限公司', ownerId: theirs.userId });
    addCustomer(app, { name: '金桥电力物流', ownerId: null });
    await app.call(
      'tickets.create',
      { kind: 'fault', customerId: a.id, title: '金桥电力专线中断', description: '电路编号 CTN-0471-8888', impact: 'minor' },
      desk.token,
    );
    const hits = (token: string, query: string) => app.call('search.global', { query }, token);
    const forDesk = await hits(desk.token, '金桥电力');
    expect(forDesk.filter((h) => h.kind === 'customer').map((h) => h.title)).toEqual([
      '金桥电力',
      '金桥电力物流',
      '呼和浩特金桥电力有限公司',
    ]);
    expect(forDesk.find((h) => h.kind === 'ticket')).toMatchObject({ title: '金桥电力专线中断', groupTotal: 1 });
    expect(forDesk[0]!.match).toMatchObject({ field: 'name', ranges: [[0, 4]] });
    // The account manager: their own customer, the pool, their customer's ticket; not the other's.
    const forMine = await hits(mine.token, 'jqdl');
    expect(forMine.filter((h) => h.kind === 'customer').map((h) => h.title)).toEqual(['金桥电力', '金桥电力物流']);
    expect(forMine[0]!.match).toMatchObject({ pinyin: true, ranges: [[0, 4]] });
    expect((await hits(mine.token, '8888')).map((h) => h.kind)).toEqual(['ticket']);
    expect(await hits(theirs.token, '8888')).toEqual([]);
    // A transfer moves the ticket's scope with the customer.
    const leader = await app.signIn('leader');
    await app.call('customers.transfer', { ids: [a.id], toOwnerId: theirs.userId, reason: '调整' }, leader.token);
    expect((await hits(theirs.token, '8888')).map((h) => h.kind)).toEqual(['ticket']);
    expect(await hits(mine.token, '8888')).toEqual([]);
  });
});
