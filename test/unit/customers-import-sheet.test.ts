import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tableCounts, type TestApp } from './helpers';
import { gbkCsv, importSetup, refused, xlsx } from './import-fixtures';
import { FIELDS } from '../../src/main/services/customers/import/fields';
import { looksGarbled } from '../../src/main/services/customers/import/parse';
import { indexPendingSearchRows } from '../../src/main/services/customers/search-index';

/**
 * Issue #21, class 6: one import sheet as branches keep it — customer, main contact and spend in one row;
 * ignored columns named; garbled files refused as such; the same file again a calm success; row numbers
 * as Excel shows them.
 */

const CODE_A = '91110000802100433B';
const CODE_B = '91350100M000100Y43';
const CODE_C = '91150602MA0N4XK91F';

const utf8Csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8').toString('base64');




/** Customers found by a search, after the background indexer caught up. */
async function found(app: TestApp, token: string, query: string): Promise<string[]> {
  while (indexPendingSearchRows(app.runtime.store.sqlite, 1_000) > 0);
  return (await app.call('customers.list', { query, sort: 'name', dir: 'asc' }, token)).rows.map((r) => r.name);
}

/** Each customer's key people's search text. */
const peopleText = (app: TestApp) =>
  app.runtime.store.sqlite.prepare('SELECT m.customer_id AS id, x.people_text AS people FROM customer_search_map m JOIN customer_search_text x ON x.seq = m.seq ORDER BY 1').all();

/** The identical-input guard of create methods answers a repeat within seconds with the first result: move past it. */
const later = (app: TestApp) => app.clock.advanceMinutes(1);

describe('one import sheet as branches keep it', () => {
  it('imports the customer, its main contact and monthly spend from one row; the same file again adds no second contact; undo takes back both', async () => {
    const { app, leader } = await importSetup();
    // B exists with a primary contact of another name; C exists and has bills, so its spend is theirs.
    const b = await app.call('customers.create', { name: '包头北辰物流有限公司', creditCode: CODE_B }, leader.token);
    await app.call('customers.contacts.save', { customerId: b.id, name: '李四', isPrimary: true, mobile: '13900000001' }, leader.token);
    const c = await app.call('customers.create', { name: '鄂尔多斯东胜煤业有限公司', creditCode: CODE_C }, leader.token);
    await app.call('customers.bills.save', { customerId: c.id, period: '2026-01', billedFen: 120_000, paidFen: 120_000 }, leader.token);
    const header = '客户名称,统一社会信用代码,联系人,职务,手机,月消费(元)';
    const sheet = (mobile: string) =>
      gbkCsv([
        header,
        `呼和浩特金桥电力有限公司,${CODE_A},王建国,信息中心主任,${mobile},"5,000.00"`,
        `包头北辰物流有限公司,${CODE_B},张三,总经理,13900000002,800`,
        `鄂尔多斯东胜煤业有限公司,${CODE_C},赵六,,,9000`,
      ]);
    const input = { kind: 'customers' as const, fileName: '客户清单.csv', base64: sheet('139 0471 1234') };

    const preview = await app.call('customers.import.preview', input, leader.token);
    expect(preview).toMatchObject({
      issueCount: 0,
      toCreate: 1,
      // B's spend (no bills yet) changes; C's spend column is not used: C has bills.
      toUpdate: 1,
      contacts: { toCreate: 3, toUpdate: 1 },
      spendFromBills: 1,
      ignored: [],
    });
    // Amounts are shown as typed, in yuan; the mobile as it will be stored.
    expect(preview.sample[0]).toMatchObject({ contactName: '王建国', contactMobile: '13904711234', monthlySpend: '5000.00' });
    const batch = await app.call('customers.import.commit', input, leader.token);
    expect(batch).toMatchObject({ created: 1, updated: 1, contacts: { created: 3, updated: 1 }, nothingToChange: false });

    const a = (await app.call('customers.list', { query: '金桥电力' }, leader.token)).rows[0]!;
    const view = async (id: string) => app.call('customers.get', { id }, leader.token);
    const people = async (id: string) => (await view(id)).contacts.map((p) => [p.name, p.title, p.mobile, p.isPrimary]);
    expect(await people(a.id)).toEqual([['王建国', '信息中心主任', '13904711234', true]]);
    // 5,000 yuan a month is over the 3,000 of the key rule: a key customer from the first day.
    expect((await view(a.id)).customer).toMatchObject({ monthlySpendFen: 500_000, isKey: true });
    expect(await people(b.id)).toEqual([
      ['张三', '总经理', '13900000002', true],
      ['李四', '', '13900000001', false],
    ]);
    expect((await view(b.id)).customer.monthlySpendFen).toBe(80_000);
    expect((await view(c.id)).customer.monthlySpendFen).toBe(120_000);
    expect(await people(c.id)).toEqual([['赵六', '', '', true]]);
    // The contacts were written with the search triggers suspended: search finds them all the same.
    expect(await found(app, leader.token, '王建国')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await found(app, leader.token, '张三')).toEqual(['包头北辰物流有限公司']);
    const bulk = peopleText(app);
    app.runtime.store.sqlite.exec('UPDATE customer_contacts SET name = name');
    expect(peopleText(app)).toEqual(bulk);

    // The same file again: nothing to change, no batch, no second contact.
    later(app);
    const again = await app.call('customers.import.commit', { ...input, fileName: '客户清单-再次.csv' }, leader.token);
    expect(again).toMatchObject({ id: null, nothingToChange: true, unchanged: 3, contacts: { created: 0, updated: 0 } });
    // A new mobile updates the contact of that name.
    later(app);
    const moved = await app.call('customers.import.commit', { ...input, fileName: '新手机.csv', base64: sheet('13804711234') }, leader.token);
    expect(moved).toMatchObject({ created: 0, updated: 0, contacts: { created: 0, updated: 1 } });
    expect(await people(a.id)).toEqual([['王建国', '信息中心主任', '13804711234', true]]);
    expect(
      (await app.call('customers.import.batches', { page: 1, pageSize: 10 }, leader.token)).rows.map((r) => [r.fileName, r.contacts]),
    ).toEqual([
      ['新手机.csv', { created: 0, updated: 1 }],
      ['客户清单.csv', { created: 3, updated: 1 }],
    ]);

    await app.call('customers.import.undo', { id: moved.id! }, leader.token);
    await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expect((await app.call('customers.list', { query: '金桥电力' }, leader.token)).total).toBe(0);
    expect(await people(b.id)).toEqual([['李四', '', '13900000001', true]]);
    expect((await view(b.id)).customer.monthlySpendFen).toBe(0);
    expect(await people(c.id)).toEqual([]);
    expect(await found(app, leader.token, '张三')).toEqual([]);
    expect(await found(app, leader.token, '李四')).toEqual(['包头北辰物流有限公司']);
  });

  it('lists the columns that map to nothing in the preview, unnamed ones with data by their letter', async () => {
    const { app, leader } = await importSetup();
    const preview = await app.call(
      'customers.import.preview',
      {
        kind: 'customers',
        fileName: 'a.csv',
        base64: utf8Csv(['序号,客户名称,备注2,,区域', '1,呼和浩特金桥电力有限公司,老客户,手写的,赛罕区', '2,包头北辰物流有限公司,,,']),
      },
      leader.token,
    );
    expect(preview.ignored).toEqual([
      { header: '序号', column: 'A' },
      { header: '备注2', column: 'C' },
      { header: '', column: 'D' },
    ]);
    expect(preview).toMatchObject({ issueCount: 0, toCreate: 2 });
    // A mobile without a contact name column is not dropped either: the preview asks for the name column.
    const noName = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: 'b.csv', base64: utf8Csv(['客户名称,手机', '呼和浩特金桥电力有限公司,13904711234']) },
      leader.token,
    );
    expect(noName.issues).toEqual([{ row: 1, column: '', message: '缺少必需的列“联系人”' }]);
  });

  it('a garbled file (wrong encoding) is refused with a message that says so, and nothing is written', async () => {
    const { app, leader } = await importSetup();
    const lines = ['客户名称,统一社会信用代码,区域', `呼和浩特金桥电力有限公司,${CODE_A},赛罕区`];
    const text = lines.join('\r\n') + '\r\n';
    // A UTF-8 file opened as GBK and saved again as GBK: decodes cleanly, and reads 瀹㈡埛鍚嶇О.
    const gbkMojibake = iconv.encode(iconv.decode(Buffer.from(text, 'utf8'), 'gbk'), 'gbk').toString('base64');
    // A UTF-8 file read as Windows-1252 and saved as UTF-8, twice: Ã¥Â®Â¢Ã¦Ë†Â·…
    const twice = (t: string) => iconv.decode(Buffer.from(iconv.decode(Buffer.from(t, 'utf8'), 'win1252'), 'utf8'), 'win1252');
    const latinMojibake = Buffer.from(twice(text), 'utf8').toString('base64');
    expect(twice('客')).toBe('Ã¥Â®Â¢');
    // Bytes lost on the way: replacement characters in the header.
    const replaced = Buffer.from(text.replace('客户名称', '\ufffd\ufffd名称'), 'utf8').toString('base64');
    const before = tableCounts(app.runtime);
    for (const base64 of [gbkMojibake, latinMojibake, replaced]) {
      for (const method of ['customers.import.preview', 'customers.import.commit'] as const) {
        expect(await refused(app, method, { kind: 'customers', fileName: '客户.csv', base64 }, leader.token)).toMatchObject({
          code: 'VALIDATION',
          message: '文件内容像是乱码，可能是编码不对：请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后重新导入。',
        });
      }
    }
    expect(tableCounts(app.runtime)).toEqual(before);
    // The same sheet saved properly, in GBK as Chinese Excel does, imports.
    const ok = await app.call('customers.import.preview', { kind: 'customers', fileName: '客户.csv', base64: gbkCsv(lines) }, leader.token);
    expect(ok).toMatchObject({ encoding: 'gb18030', issueCount: 0, toCreate: 1 });
  });

  it('no header an import knows, nor Chinese or accented text, is taken for garbled', () => {
    const headers = Object.values(FIELDS).flatMap((defs) => defs.flatMap((d) => [d.zh, d.en, ...d.aliases]));
    expect(looksGarbled(headers)).toBe(false);
    for (const h of headers) expect(looksGarbled([h]), h).toBe(false);
    expect(looksGarbled(['Café Zürich', '客户名称', '迈克尔·乔丹', '①号楼'])).toBe(false);
  });

  it('re-importing an identical file succeeds with nothing to change and writes no batch', async () => {
    const { app, leader } = await importSetup();
    const input = { kind: 'customers' as const, fileName: '客户.csv', base64: utf8Csv(['客户名称,区域', '呼和浩特金桥电力有限公司,赛罕区']) };
    await app.call('customers.import.commit', input, leader.token);
    later(app);
    const before = tableCounts(app.runtime);
    expect(await app.call('customers.import.preview', input, leader.token)).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: 1, issueCount: 0 });
    const again = await app.call('customers.import.commit', input, leader.token);
    expect(again).toMatchObject({ id: null, nothingToChange: true, created: 0, updated: 0, unchanged: 1 });
    const after = tableCounts(app.runtime);
    expect(after.customer_import_batches).toBe(before.customer_import_batches);
    expect(after.customers).toBe(before.customers);
    expect((await app.call('customers.import.batches', { page: 1, pageSize: 10 }, leader.token)).total).toBe(1);
  });

  it('row numbers in errors are the ones Excel shows: blank rows counted, title rows above the header too', async () => {
    const { app, leader } = await importSetup();
    // CSV: header row 1, a blank line (row 3), the bad code in Excel's row 4.
    const csv = await app.call(
      'customers.import.preview',
      {
        kind: 'customers',
        fileName: 'a.csv',
        base64: utf8Csv(['客户名称,统一社会信用代码', `呼和浩特金桥电力有限公司,${CODE_A}`, '', '包头北辰物流有限公司,91350100M000100Y44']),
      },
      leader.token,
    );
    expect(csv.issues.map((i) => [i.row, i.column])).toEqual([[4, '统一社会信用代码']]);
    expect(csv).toMatchObject({ headerRow: 1, totalRows: 2 });
    // .xlsx: a title in row 1, a blank row 2, the header in row 3; the empty name is in row 5.
    const book = await app.call(
      'customers.import.preview',
      {
        kind: 'customers',
        fileName: 'b.xlsx',
        base64: await xlsx([['和林格尔支局 客户清单（2026 年 11 月）'], [], ['客户名称', '区域'], ['呼和浩特金桥电力有限公司', '赛罕区'], [null, '和林格尔县']]),
      },
      leader.token,
    );
    expect(book.issues.map((i) => [i.row, i.column])).toEqual([[5, '客户名称']]);
    expect(book).toMatchObject({ headerRow: 3, headers: ['客户名称', '区域'], totalRows: 2 });
    // A missing required column is reported on the header's row.
    const missing = await app.call(
      'customers.import.preview',
      { kind: 'contacts', fileName: 'c.xlsx', base64: await xlsx([['关键人清单'], ['客户名称', '职务'], ['呼和浩特金桥电力有限公司', '主任']]) },
      leader.token,
    );
    expect(missing.issues.map((i) => i.row)).toEqual([2]);
  });

  it('exports the import history as .xlsx in the caller\'s scope', async () => {
    const { app, leader, am } = await importSetup();
    const file = (name: string) => utf8Csv(['客户名称', name]);
    await app.call('customers.import.commit', { kind: 'customers', fileName: '王强的客户.csv', base64: file('呼和浩特金桥电力有限公司') }, am.token);
    later(app);
    const mine = await app.call('customers.import.commit', { kind: 'customers', fileName: '分公司客户.csv', base64: file('包头北辰物流有限公司') }, leader.token);
    await app.call('customers.import.undo', { id: mine.id! }, leader.token);

    const read = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const all = await app.call('customers.import.batchesExport', {}, leader.token);
    expect(all).toMatchObject({ rowCount: 2, fileName: '导入记录-20260302.xlsx' });
    const rows = await read(all.base64);
    expect(rows[0]).toEqual(['导入时间', '导入内容', '文件', '导入人', '新增', '更新', '新增关键人', '更新关键人', '撤销时间']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[8] === undefined ? '' : '已撤销'])).toEqual([
      ['客户资料', '分公司客户.csv', '测试gaojianguo', 1, '已撤销'],
      ['客户资料', '王强的客户.csv', '测试wangqiang', 1, ''],
    ]);
    expect(rows[1]![0]).toBe('2026-03-02 09:31');
    // An account manager's export has his own imports only, as his list does.
    const own = await app.call('customers.import.batchesExport', {}, am.token);
    expect((await read(own.base64)).slice(1).map((r) => r[2])).toEqual(['王强的客户.csv']);
    const en = await app.call('customers.import.batchesExport', {}, leader.token, 'en');
    expect(en.fileName).toBe('Import history-20260302.xlsx');
    expect((await read(en.base64))[0]![0]).toBe('Imported at');
  });
});
