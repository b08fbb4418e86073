import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tableCounts, type TestApp } from './helpers';
import { gbkCsv, importSetup, refused, xlsx } from './import-fixtures';
import { decodeCsv, parseCsv } from '../../src/main/services/customers/import/parse';
import { withBulkTriggers } from '../../src/main/services/customers/import/triggers';
import { reportCube } from '../../src/main/services/reports/cube';
import { indexPendingSearchRows, pendingSearchCount } from '../../src/main/services/customers/search-index';
import { applyChanges } from '../../src/main/services/sync/apply';
import { formatHlc } from '../../src/shared/hlc';

const CODE_A = '91110000802100433B';
const CODE_B = '91350100M000100Y43';





const HEADER = '客户名称,统一社会信用代码,客户类型,区域,地址,第一责任人,阶段';

describe('customer import', () => {
  it('rows that match and change nothing are counted as unchanged, not written, and not in the batch', async () => {
    const { app, leader } = await importSetup();
    const sqlite = app.runtime.store.sqlite;
    const file = (address: string) =>
      gbkCsv([HEADER, `呼和浩特金桥电力有限公司,${CODE_A},企业,赛罕区,${address},,签约`, `包头北辰物流有限公司,${CODE_B},,,昆都仑区,,`]);
    await app.call('customers.import.commit', { kind: 'customers', fileName: 'a.csv', base64: file('大学东街1号') }, leader.token);
    const outbox = () => (sqlite.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
    const before = outbox();
    const input = { kind: 'customers' as const, fileName: 'b.csv', base64: file('大学东街2号') };
    expect(await app.call('customers.import.preview', input, leader.token)).toMatchObject({ toCreate: 0, toUpdate: 1, unchanged: 1 });
    const batch = await app.call('customers.import.commit', input, leader.token);
    expect(batch).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const trail = sqlite.prepare('SELECT before FROM customer_import_rows WHERE batch_id = ?').all(batch.id) as { before: string }[];
    expect(trail.map((r) => JSON.parse(r.before))).toEqual([{ address: '大学东街1号' }]);
    // One customer row, its trail row, and the batch itself went to HQ; nothing for the unchanged one.
    expect(outbox() - before).toBe(3);

    // Bills: a period sent again with the same amounts is unchanged; a corrected amount is an update.
    const bills = (paid: string) => gbkCsv(['统一社会信用代码,账期,应收金额,实收金额', `${CODE_A},2026-09,1200.00,1200.00`, `${CODE_A},2026-10,1500.00,${paid}`]);
    await app.call('customers.import.commit', { kind: 'bills', fileName: 'bills.csv', base64: bills('0') }, leader.token);
    const fixed = await app.call('customers.import.commit', { kind: 'bills', fileName: 'bills2.csv', base64: bills('1500.00') }, leader.token);
    expect(fixed).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('stages an import sets are in the stage history with the file; undo moves them back and says so', async () => {
    const { app, leader } = await importSetup();
    const c = await app.call('customers.create', { name: '包头北辰物流有限公司', creditCode: CODE_B }, leader.token);
    const file = gbkCsv([HEADER, `呼和浩特金桥电力有限公司,${CODE_A},企业,赛罕区,,,意向`, `包头北辰物流有限公司,${CODE_B},,,新址,,签约`]);
    const batch = await app.call('customers.import.commit', { kind: 'customers', fileName: '客户.csv', base64: file }, leader.token);
    const history = async (id: string) =>
      (await app.call('customers.get', { id }, leader.token)).stageHistory.map((h) => [h.fromStage, h.toStage, h.note, h.byName]);
    expect(await history(c.id)).toEqual([
      ['new', 'signed', '客户.csv', '测试gaojianguo'],
      [null, 'new', '', '测试gaojianguo'],
    ]);
    const created = (await app.call('customers.list', { query: '金桥电力' }, leader.token)).rows[0]!;
    expect(await history(created.id)).toEqual([[null, 'intent', '客户.csv', '测试gaojianguo']]);
    // The same file again changes nothing: it succeeds as such, and the history stays.
    const again = await app.call('customers.import.commit', { kind: 'customers', fileName: '再次.csv', base64: file }, leader.token);
    expect(again).toMatchObject({ id: null, nothingToChange: true, unchanged: 2 });
    expect(await history(c.id)).toHaveLength(2);

    await app.call('customers.import.undo', { id: batch.id!, reason: '导错了' }, leader.token);
    expect((await history(c.id))[0]).toEqual(['signed', 'new', '导错了', '测试gaojianguo']);
    expect((await app.call('customers.get', { id: c.id }, leader.token)).customer.stage).toBe('new');
  });

  it('keeps the search index right when an import changes searchable text, changes only other fields, and is undone', async () => {
    const { app, leader } = await importSetup();
    await app.call(
      'customers.create',
      { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A, address: '新华大街甲一号' },
      leader.token,
    );
    const find = async (query: string) =>
      (await app.call('customers.list', { query }, leader.token)).rows.map((r) => r.name);
    const moved = await app.call(
      'customers.import.commit',
      {
        kind: 'customers',
        fileName: '迁址.csv',
        base64: gbkCsv([HEADER, `呼和浩特金桥电力有限公司,${CODE_A},,,锡林南路乙二号,,`]),
      },
      leader.token,
    );
    expect(await find('锡林南路')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await find('新华大街')).toEqual([]);
    // Only the stage: the full-text row is left as it is, and still finds the customer.
    await app.call(
      'customers.import.commit',
      {
        kind: 'customers',
        fileName: '阶段.csv',
        base64: gbkCsv([HEADER, `呼和浩特金桥电力有限公司,${CODE_A},,,,,签约`]),
      },
      leader.token,
    );
    expect(await find('锡林南路')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await find('金桥电力')).toEqual(['呼和浩特金桥电力有限公司']);
    await app.call('customers.import.undo', { id: moved.id! }, leader.token);
    expect(await find('新华大街')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await find('锡林南路')).toEqual([]);
  });

  it('an update by import moves the column clocks, so an older change from HQ does not overwrite it', async () => {
    const { app, leader } = await importSetup();
    const created = await app.call(
      'customers.create',
      { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A, address: '旧址' },
      leader.token,
    );
    const sqlite = app.runtime.store.sqlite;
    expect(
      sqlite
        .prepare("SELECT count(*) AS n FROM sync_row_clocks WHERE table_name = 'customers' AND row_id = ?")
        .get(created.id),
    ).toEqual({ n: 1 });
    const editedAtHq = app.clock.now().getTime() + 5 * 60_000;
    app.clock.advanceMinutes(10);
    await app.call(
      'customers.import.commit',
      {
        kind: 'customers',
        fileName: '迁址.csv',
        base64: gbkCsv([HEADER, `呼和浩特金桥电力有限公司,${CODE_A},,,新址,,`]),
      },
      leader.token,
    );
    const hlc = formatHlc({ wall: editedAtHq, counter: 0, node: 'hq' });
    sqlite.transaction(() =>
      applyChanges(sqlite, [
        {
          table: 'customers',
          rowId: created.id,
          cols: { address: '总部的旧改动' },
          clocks: { address: hlc },
        },
      ]),
    )();
    expect((await app.call('customers.get', { id: created.id }, leader.token)).customer.address).toBe('新址');
  });

  it('reads GBK CSV (as Chinese Excel saves it), reports row-level errors in a dry run and writes nothing', async () => {
    const { app, leader } = await importSetup();
    const bad = gbkCsv([
      HEADER,
      ' 呼和浩特金桥电力有限公司 ,９１１１００００８０２１００４３３Ｂ,企业,赛罕区,"呼和浩特市赛罕区大学东街1号,A座",测试wangqiang,签约',
      '包头北辰物流有限公司,91350100M000100Y44,集团,,,,意向',
      ',,企业,,,,',
      '乌海祥泰煤业有限公司,,工厂,,,不存在的人,',
      '呼和浩特金桥电力(有限公司),,企业,,,,',
    ]);
    const before = tableCounts(app.runtime);
    const preview = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: '客户.csv', base64: bad },
      leader.token,
    );
    expect(preview.encoding).toBe('gb18030');
    expect(preview.mapping).toMatchObject({
      客户名称: 'name',
      统一社会信用代码: 'creditCode',
      第一责任人: 'owner',
      阶段: 'stage',
    });
    expect(preview.totalRows).toBe(5);
    expect(preview.issues).toEqual([
      { row: 3, column: '统一社会信用代码', message: '统一社会信用代码“91350100M000100Y44”校验不通过' },
      { row: 4, column: '客户名称', message: '必填项为空' },
      { row: 5, column: '客户类型', message: '无法识别的值“工厂”' },
      { row: 6, column: '客户名称', message: '与第 2 行重复' },
    ]);
    expect(preview.sample[0]).toMatchObject({
      name: '呼和浩特金桥电力有限公司',
      creditCode: CODE_A,
      address: '呼和浩特市赛罕区大学东街1号,A座',
    });
    const err = await refused(
      app,
      'customers.import.commit',
      { kind: 'customers', fileName: '客户.csv', base64: bad },
      leader.token,
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('4 处错误');
    expect(tableCounts(app.runtime)).toEqual(before);

    const en = await app.api.call(
      'customers.import.preview',
      { kind: 'customers', fileName: '客户.csv', base64: bad },
      { token: leader.token, locale: 'en' },
    );
    expect(en.ok && (en.data as { issues: unknown[] }).issues[1]).toEqual({
      row: 4,
      column: '客户名称',
      message: 'required value is empty',
    });
  });

  it('after fixing the file everything imports as one batch, owners logged; undo removes the batch', async () => {
    const { app, leader, am } = await importSetup();
    const good = gbkCsv([
      HEADER,
      '呼和浩特金桥电力有限公司,911100008021004 33B,企业,赛罕区,大学东街1号,测试wangqiang,签约',
      '包头北辰物流有限公司,91350100M000100Y43,集团,,,,意向',
    ]);
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: '客户.csv', base64: good },
      leader.token,
    );
    expect(batch).toMatchObject({ created: 2, updated: 0, undone: false, byName: '测试gaojianguo' });
    const list = await app.call('customers.list', { sort: 'name', dir: 'asc' }, leader.token);
    expect(list.rows.map((r) => [r.name, r.ownerName, r.stage, r.isKey])).toEqual([
      ['包头北辰物流有限公司', null, 'intent', true],
      ['呼和浩特金桥电力有限公司', '测试wangqiang', 'signed', false],
    ]);
    const mine = await app.call('customers.list', { owner: 'me' }, am.token);
    const view = await app.call('customers.get', { id: mine.rows[0]!.id }, am.token);
    expect(view.ownership[0]).toMatchObject({ kind: 'import', toOwnerId: am.userId, reason: '客户.csv' });

    const undone = await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expect(undone.undone).toBe(true);
    expect((await app.call('customers.list', {}, leader.token)).total).toBe(0);
    expect((await app.api.call('customers.import.undo', { id: batch.id! }, { token: leader.token })).ok).toBe(
      false,
    );
    // The names are free again: a re-import creates them anew.
    const again = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: '客户.csv', base64: good },
      leader.token,
    );
    expect(again.created).toBe(2);
  });

  it('rows matching an existing customer by credit code (else name) update it instead of duplicating; undo restores', async () => {
    const { app, leader } = await importSetup();
    const c = await app.call(
      'customers.create',
      { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A, region: '新城区', address: '旧地址' },
      leader.token,
    );
    const other = await app.call(
      'customers.create',
      { name: '包头北辰物流有限公司', region: '回民区' },
      leader.token,
    );
    const file = await xlsx([
      ['客户名称', '统一社会信用代码', '区域', '地址'],
      ['金桥电力（改名）', CODE_A, '赛罕区', ''],
      ['包头 北辰物流有限公司', CODE_B, '', '新地址'],
    ]);
    const preview = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: 'x.xlsx', base64: file },
      leader.token,
    );
    expect(preview).toMatchObject({ encoding: 'xlsx', toCreate: 0, toUpdate: 2, issueCount: 0 });
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: 'x.xlsx', base64: file },
      leader.token,
    );
    expect(batch).toMatchObject({ created: 0, updated: 2 });
    const a = (await app.call('customers.get', { id: c.id }, leader.token)).customer;
    expect(a).toMatchObject({ name: '金桥电力（改名）', region: '赛罕区', address: '旧地址' });
    const b = (await app.call('customers.get', { id: other.id }, leader.token)).customer;
    expect(b).toMatchObject({ creditCode: CODE_B, address: '新地址', region: '回民区' });
    expect((await app.call('customers.list', {}, leader.token)).total).toBe(2);

    await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expect((await app.call('customers.get', { id: c.id }, leader.token)).customer).toMatchObject({
      name: '呼和浩特金桥电力有限公司',
      region: '新城区',
    });
    expect((await app.call('customers.get', { id: other.id }, leader.token)).customer).toMatchObject({
      creditCode: '',
      address: '',
    });
  });

  it("an account manager's import cannot touch another manager's customer: the row says who owns it", async () => {
    const { app, leader, am } = await importSetup();
    const other = await app.signIn('account_manager', 'lina');
    await app.call('customers.create', { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A }, other.token);
    void leader;
    const file = gbkCsv(['客户名称,统一社会信用代码', `金桥电力,${CODE_A}`, '新客户甲,']);
    const preview = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: 'a.csv', base64: file },
      am.token,
    );
    expect(preview.issues).toEqual([
      { row: 2, column: '客户名称', message: '客户已存在，第一责任人：测试lina' },
    ]);
    expect(preview.toCreate).toBe(1);
  });

  it('imports key people and bills (amounts with separators and full-width digits) and refreshes spend and arrears', async () => {
    const { app, am } = await importSetup();
    const c = await app.call(
      'customers.create',
      { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A },
      am.token,
    );
    const people = await xlsx([
      ['客户名称', '姓名', '职务', '手机', '决策角色', '生日', '主要联系人'],
      ['呼和浩特金桥电力有限公司', '张建国', '总经理', '139 1234 5678', '决策者', '1970/5/6', '是'],
      ['呼和浩特金桥电力有限公司', '李红', '信息中心主任', '138-0000-1111', '影响者', '', '否'],
      ['不存在的客户', '王五', '', '', '', '', ''],
    ]);
    const p = await app.call(
      'customers.import.preview',
      { kind: 'contacts', fileName: 'p.xlsx', base64: people },
      am.token,
    );
    expect(p.issues).toEqual([{ row: 4, column: '客户名称', message: '找不到客户“不存在的客户”' }]);
    const fixed = await xlsx([
      ['客户名称', '姓名', '职务', '手机', '决策角色', '生日', '主要联系人'],
      ['呼和浩特金桥电力有限公司', '张建国', '总经理', '139 1234 5678', '决策者', '1970/5/6', '是'],
      ['呼和浩特金桥电力有限公司', '李红', '信息中心主任', '138-0000-1111', '影响者', '', '否'],
    ]);
    await app.call(
      'customers.import.commit',
      { kind: 'contacts', fileName: 'p.xlsx', base64: fixed },
      am.token,
    );
    const bills = gbkCsv([
      '统一社会信用代码,账期,应收金额(元),实收金额(元),缴费日期',
      `${CODE_A},2025-12,"4,000.00","4,000.00",2026-01-10`,
      `${CODE_A},2026年1月,３５００,3500,2026/2/11`,
      `${CODE_A},202602,"2,000",0,`,
    ]);
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'bills', fileName: 'b.csv', base64: bills },
      am.token,
    );
    expect(batch.created).toBe(3);
    const view = await app.call('customers.get', { id: c.id }, am.token);
    expect(view.contacts.map((x) => [x.name, x.mobile, x.decisionRole, x.birthday, x.isPrimary])).toEqual([
      ['张建国', '13912345678', 'decision_maker', '1970-05-06', true],
      ['李红', '13800001111', 'influencer', null, false],
    ]);
    expect(view.bills!.map((b) => [b.period, b.billedFen, b.paidFen])).toEqual([
      ['2026-02', 200_000, 0],
      ['2026-01', 350_000, 350_000],
      ['2025-12', 400_000, 400_000],
    ]);
    expect(view.customer).toMatchObject({ monthlySpendFen: 316_667, arrearsFen: 200_000, isKey: true });
    // Search finds the imported key person.
    expect((await app.call('customers.list', { query: '张建国' }, am.token)).total).toBe(1);
    // Undoing the bills batch clears the caches again.
    await app.call('customers.import.undo', { id: batch.id! }, am.token);
    expect((await app.call('customers.get', { id: c.id }, am.token)).customer).toMatchObject({
      monthlySpendFen: 0,
      arrearsFen: 0,
    });
  });

  it('a bills import keeps the report cube and the bill triggers exact, and its caches do not count as an edit of the customer', async () => {
    const { app, leader } = await importSetup();
    const sqlite = app.runtime.store.sqlite;
    const a = await app.call('customers.create', { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A }, leader.token);
    const b = await app.call('customers.create', { name: '包头北辰物流有限公司', creditCode: CODE_B }, leader.token);
    const billTriggers = () => sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'customer_bills' ORDER BY name").all();
    const before = billTriggers();
    expect(before.length).toBeGreaterThan(0);
    const cube = reportCube(sqlite);
    const changesBefore = (sqlite.prepare('SELECT coalesce(max(seq), 0) AS s FROM report_changes').get() as { s: number }).s;
    const updatedAt = (id: string) => (sqlite.prepare('SELECT updated_at AS u FROM customers WHERE id = ?').get(id) as { u: string }).u;
    const stamps = [updatedAt(a.id), updatedAt(b.id)];
    app.clock.ms += 60_000;
    const bills = gbkCsv([
      '统一社会信用代码,账期,应收金额,实收金额',
      `${CODE_A},2026-09,1000,1000`,
      `${CODE_A},2026-10,2000,0`,
      `${CODE_B},2026-10,3000,3000`,
    ]);
    const batch = await app.call('customers.import.commit', { kind: 'bills', fileName: 'b.csv', base64: bills }, leader.token);
    expect(billTriggers()).toEqual(before);
    // One report change per customer, not per bill.
    expect(sqlite.prepare('SELECT customer_id AS id FROM report_changes WHERE seq > ? ORDER BY customer_id').all(changesBefore)).toEqual(
      [{ id: a.id }, { id: b.id }].sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
    const billed = (period: string) => {
      const c = reportCube(sqlite);
      const month = c.billed.get(period)!;
      return [a.id, b.id].map((id) => month[c.index.get(id)!]);
    };
    expect(reportCube(sqlite)).toBe(cube);
    expect(billed('2026-10')).toEqual([200_000, 300_000]);
    expect(billed('2026-09')).toEqual([100_000, 0]);
    const got = await app.call('customers.get', { id: a.id }, leader.token);
    expect(got.customer).toMatchObject({ monthlySpendFen: 150_000, arrearsFen: 200_000 });
    // A few customers' caches are written in the import's own transaction, not queued.
    expect(batch.cachesQueued).toBe(0);
    expect(sqlite.prepare('SELECT monthly_spend_fen AS spend, arrears_fen AS arrears FROM customers WHERE id = ?').get(a.id)).toEqual({ spend: 150_000, arrears: 200_000 });
    expect([updatedAt(a.id), updatedAt(b.id)]).toEqual(stamps);

    await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expect(billTriggers()).toEqual(before);
    expect(billed('2026-10')).toEqual([0, 0]);
    expect((await app.call('customers.get', { id: b.id }, leader.token)).customer).toMatchObject({ monthlySpendFen: 0, arrearsFen: 0 });
  });

  it('a missing required column is reported once, on the header row', async () => {
    const { app, leader } = await importSetup();
    const file = gbkCsv(['统一社会信用代码,区域', `${CODE_A},赛罕区`]);
    const preview = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: 'a.csv', base64: file },
      leader.token,
    );
    expect(preview.issues).toEqual([{ row: 1, column: '', message: '缺少必需的列“客户名称”' }]);
  });

  it('a user mapping can point an unknown header at a field', async () => {
    const { app, leader } = await importSetup();
    const file = gbkCsv(['单位全称', `金桥电力`]);
    const preview = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: 'a.csv', base64: file, mapping: { 单位全称: 'name' } },
      leader.token,
    );
    expect(preview).toMatchObject({ toCreate: 1, issueCount: 0 });
  });
});

/** The triggers of the customer tables as SQLite holds them (name → SQL). */
function triggers(app: TestApp): Record<string, string> {
  const rows = app.runtime.store.sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('customers', 'customer_contacts') ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.sql]));
}

/**
 * The search rows of all customers: their search texts and which full-text rows exist (own text at
 * seq * 2, key people at seq * 2 + 1), keyed by customer id.
 */
function searchRows(
  app: TestApp,
): Record<string, { own: string | null; people: string | null; rows: string | null }> {
  const rows = app.runtime.store.sqlite
    .prepare(
      `SELECT m.customer_id AS id, x.own_text AS own, x.people_text AS people,
        (SELECT group_concat(f.rowid - m.seq * 2) FROM customers_fts f WHERE f.rowid BETWEEN m.seq * 2 AND m.seq * 2 + 1) AS rows
      FROM customer_search_map m LEFT JOIN customer_search_text x ON x.seq = m.seq
      WHERE x.own_text IS NOT NULL OR x.people_text IS NOT NULL
        OR EXISTS (SELECT 1 FROM customers_fts f WHERE f.rowid BETWEEN m.seq * 2 AND m.seq * 2 + 1) ORDER BY m.customer_id`,
    )
    .all() as { id: string; own: string | null; people: string | null; rows: string | null }[];
  return Object.fromEntries(rows.map(({ id, ...rest }) => [id, rest]));
}

/**
 * Runs the background indexer (search-index.ts) until the queue is empty, as the app's job does after
 * a bulk write, and checks that the write had queued something.
 */
function indexQueued(app: TestApp): void {
  const sqlite = app.runtime.store.sqlite;
  expect(pendingSearchCount(sqlite)).toBeGreaterThan(0);
  while (indexPendingSearchRows(sqlite, 1_000) > 0);
  expect(pendingSearchCount(sqlite)).toBe(0);
}

async function names(app: TestApp, token: string, query: string): Promise<string[]> {
  return (await app.call('customers.list', { query, sort: 'name', dir: 'asc' }, token)).rows.map(
    (r) => r.name,
  );
}

describe('bulk import keeps search, reports and triggers exact', () => {
  it('imported customers are found by search; the search rows equal what the per-row triggers write', async () => {
    const { app, leader } = await importSetup();
    const before = triggers(app);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['customers_fts_insert', 'customers_fts_update', 'report_customers_insert']),
    );
    await app.call('customers.create', { name: '包头北辰物流有限公司', region: '回民区' }, leader.token);
    const file = await xlsx([
      ['客户名称', '统一社会信用代码', '简称', '地址'],
      ['呼和浩特金桥电力有限公司', CODE_A, '金桥电力', '赛罕区大学东街1号'],
      ['包头北辰物流有限公司', CODE_B, '', '昆都仑区钢铁大街9号'],
      ['鄂尔多斯恒达煤业有限公司', '', '', '东胜区鄂托克西街'],
    ]);
    const changesBefore = (
      app.runtime.store.sqlite.prepare('SELECT count(*) AS n FROM report_changes').get() as { n: number }
    ).n;
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: 'x.xlsx', base64: file },
      leader.token,
    );
    expect(batch).toMatchObject({ created: 2, updated: 1 });
    expect(triggers(app)).toEqual(before);

    expect(await names(app, leader.token, '金桥电')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names(app, leader.token, '钢铁大街')).toEqual(['包头北辰物流有限公司']);
    expect(await names(app, leader.token, CODE_A.slice(2, 10))).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names(app, leader.token, '恒达煤')).toEqual(['鄂尔多斯恒达煤业有限公司']);
    // A queued customer edited by hand: its trigger re-indexes it at once, the indexer again later.
    await app.call(
      'customers.update',
      {
        id: (await app.call('customers.list', { query: '北辰物流' }, leader.token)).rows[0]!.id,
        address: '青山区幸福路',
      },
      leader.token,
    );
    expect(await names(app, leader.token, '钢铁大街')).toEqual([]);
    expect(await names(app, leader.token, '幸福路')).toEqual(['包头北辰物流有限公司']);

    // Once it ran, re-running the triggers over every customer must change nothing: the bulk path and
    // the indexer wrote the same rows.
    indexQueued(app);
    expect(await names(app, leader.token, '金桥电')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names(app, leader.token, '幸福路')).toEqual(['包头北辰物流有限公司']);
    const bulk = searchRows(app);
    expect(Object.keys(bulk)).toHaveLength(3);
    app.runtime.store.sqlite.exec('UPDATE customers SET name = name');
    expect(searchRows(app)).toEqual(bulk);
    // The report cube hears of every customer the import created or changed.
    const logged = app.runtime.store.sqlite
      .prepare('SELECT DISTINCT customer_id AS id FROM report_changes WHERE seq > ?')
      .all(changesBefore) as { id: string }[];
    const all = app.runtime.store.sqlite.prepare('SELECT id FROM customers').all() as { id: string }[];
    expect(new Set(logged.map((r) => r.id))).toEqual(new Set(all.map((r) => r.id)));
  });

  it("sends the import's undo trail and ownership log to HQ: one outbox row per row, with every column", async () => {
    const { app, leader, am } = await importSetup();
    await app.call('customers.create', { name: '包头北辰物流有限公司', creditCode: CODE_B }, leader.token);
    const good = gbkCsv([
      HEADER,
      `呼和浩特金桥电力有限公司,${CODE_A},企业,赛罕区,,测试wangqiang,签约`,
      `包头北辰物流有限公司,${CODE_B},,,新址,,`,
    ]);
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: '客户.csv', base64: good },
      leader.token,
    );
    const sqlite = app.runtime.store.sqlite;
    const trail = sqlite
      .prepare('SELECT * FROM customer_import_rows WHERE batch_id = ? ORDER BY action')
      .all(batch.id) as Record<string, unknown>[];
    expect(trail.map((r) => [r.action, r.table_name])).toEqual([
      ['create', 'customers'],
      ['update', 'customers'],
    ]);
    expect(JSON.parse(trail[1]!.before as string)).toEqual({ address: '' });
    const log = sqlite.prepare("SELECT * FROM customer_ownership_log WHERE kind = 'import'").all() as Record<
      string,
      unknown
    >[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      to_owner_id: am.userId,
      reason: '客户.csv',
      deleted: 0,
      branch_id: app.runtime.branchId,
    });
    const outbox = sqlite
      .prepare('SELECT table_name, row_id, cols, hlc, mutation_id FROM sync_outbox')
      .all() as { table_name: string; row_id: string; cols: string; hlc: string; mutation_id: string }[];
    for (const [table, rows] of [
      ['customer_import_rows', trail],
      ['customer_ownership_log', log],
    ] as const) {
      for (const row of rows) {
        const sent = outbox.filter((o) => o.table_name === table && o.row_id === row.id);
        expect(sent).toHaveLength(1);
        expect(JSON.parse(sent[0]!.cols)).toEqual(row);
        expect(sent[0]!.hlc).toBe(row.updated_hlc);
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    }
    expect(new Set(outbox.map((o) => o.mutation_id)).size).toBe(outbox.length);
  });

  it('an import larger than one re-indexing chunk (5,000 customers) indexes every customer, and re-indexes them all on update', async () => {
    const { app, leader } = await importSetup();
    const n = 5_100;
    const csv = (street: string) =>
      Buffer.from(
        [
          '客户名称,地址',
          ...Array.from({ length: n }, (_, i) => `批量客户${i}号有限公司,${street}${i}号`),
        ].join('\r\n'),
        'utf8',
      ).toString('base64');
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: 'a.csv', base64: csv('建设路') },
      leader.token,
    );
    expect(await names(app, leader.token, '建设路5099号')).toEqual(['批量客户5099号有限公司']);
    indexQueued(app);
    const first = searchRows(app);
    expect(Object.keys(first)).toHaveLength(n);
    // The trail and ownership log are written a chunk of 5,000 at a time too: all there, all sent.
    const sqlite = app.runtime.store.sqlite;
    const count = (sql: string, ...params: unknown[]) =>
      (sqlite.prepare(sql).get(...params) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM customer_import_rows WHERE batch_id = ?', batch.id)).toBe(n);
    expect(count("SELECT count(DISTINCT id) AS n FROM customer_ownership_log WHERE kind = 'import'")).toBe(n);
    expect(
      count("SELECT count(DISTINCT row_id) AS n FROM sync_outbox WHERE table_name = 'customer_import_rows'"),
    ).toBe(n);
    expect(
      count(
        "SELECT count(DISTINCT row_id) AS n FROM sync_outbox WHERE table_name = 'customer_ownership_log'",
      ),
    ).toBe(n);
    await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: 'b.csv', base64: csv('迁址大道') },
      leader.token,
    );
    // Queued: the full-text rows still hold the old address, and searches go by the text instead.
    expect(await names(app, leader.token, '迁址大道5099号')).toEqual(['批量客户5099号有限公司']);
    expect(await names(app, leader.token, '建设路5099号')).toEqual([]);
    // 迁址大道50号, 500–509号, 5000–5099号: 111, counted and found whether a term hits the name or the address.
    expect((await app.call('customers.list', { query: '批量客户 迁址大道50' }, leader.token)).total).toBe(
      111,
    );
    indexQueued(app);
    // Indexed: the new address is found through the full-text rows, and nothing of the old one is left.
    expect(await names(app, leader.token, '迁址大道5099号')).toEqual(['批量客户5099号有限公司']);
    expect(await names(app, leader.token, '建设路')).toEqual([]);
    const second = searchRows(app);
    expect(Object.keys(second)).toHaveLength(n);
    expect(Object.values(second).filter((r) => r.own!.includes(' 迁址大道') && r.rows === '0')).toHaveLength(
      n,
    );
    // Exactly what the per-row triggers would write.
    app.runtime.store.sqlite.exec('UPDATE customers SET name = name');
    expect(searchRows(app)).toEqual(second);
    expect(await names(app, leader.token, '迁址大道5099号')).toEqual(['批量客户5099号有限公司']);
  }, 60_000);

  it('undo takes the batch out of search and puts the old names back; triggers stay in place', async () => {
    const { app, leader } = await importSetup();
    const before = triggers(app);
    const old = await app.call(
      'customers.create',
      { name: '包头北辰物流有限公司', creditCode: CODE_B },
      leader.token,
    );
    const file = await xlsx([
      ['客户名称', '统一社会信用代码'],
      ['北辰现代物流集团', CODE_B],
      ['呼和浩特金桥电力有限公司', CODE_A],
    ]);
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'customers', fileName: 'x.xlsx', base64: file },
      leader.token,
    );
    expect(await names(app, leader.token, '现代物流')).toEqual(['北辰现代物流集团']);
    expect(await names(app, leader.token, '北辰物流')).toEqual([]);

    await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expect(triggers(app)).toEqual(before);
    expect(await names(app, leader.token, '金桥电')).toEqual([]);
    expect(await names(app, leader.token, '现代物流')).toEqual([]);
    expect(await names(app, leader.token, '北辰物流')).toEqual(['包头北辰物流有限公司']);
    indexQueued(app);
    expect(await names(app, leader.token, '现代物流')).toEqual([]);
    expect(await names(app, leader.token, '北辰物流')).toEqual(['包头北辰物流有限公司']);
    expect(searchRows(app)).toEqual({
      [old.id]: { own: `包头北辰物流有限公司  ${CODE_B} `, people: null, rows: '0' },
    });
    const bulk = searchRows(app);
    app.runtime.store.sqlite.exec('UPDATE customers SET name = name');
    expect(searchRows(app)).toEqual(bulk);
  });

  it('imported key people make their customer findable by name and mobile, and undo removes them again', async () => {
    const { app, leader } = await importSetup();
    const c = await app.call(
      'customers.create',
      { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A },
      leader.token,
    );
    const people = await xlsx([
      ['客户名称', '姓名', '手机'],
      ['呼和浩特金桥电力有限公司', '欧阳建国', '139 1234 5678'],
    ]);
    const batch = await app.call(
      'customers.import.commit',
      { kind: 'contacts', fileName: 'p.xlsx', base64: people },
      leader.token,
    );
    expect(await names(app, leader.token, '欧阳建国')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names(app, leader.token, '912345')).toEqual(['呼和浩特金桥电力有限公司']);
    indexQueued(app);
    expect(await names(app, leader.token, '欧阳建国')).toEqual(['呼和浩特金桥电力有限公司']);
    const bulk = searchRows(app);
    app.runtime.store.sqlite.exec('UPDATE customer_contacts SET name = name');
    expect(searchRows(app)).toEqual(bulk);

    await app.call('customers.import.undo', { id: batch.id! }, leader.token);
    expect(await names(app, leader.token, '欧阳建国')).toEqual([]);
    indexQueued(app);
    expect(await names(app, leader.token, '欧阳建国')).toEqual([]);
    expect(searchRows(app)).toEqual({
      [c.id]: { own: `呼和浩特金桥电力有限公司  ${CODE_A} `, people: null, rows: '0' },
    });
  });

  it('a write that fails half-way leaves the triggers and the search index as they were', async () => {
    const { app, leader } = await importSetup();
    await app.call('customers.create', { name: '包头北辰物流有限公司' }, leader.token);
    const before = triggers(app);
    const search = searchRows(app);
    const sqlite = app.runtime.store.sqlite;
    expect(() =>
      sqlite.transaction(() =>
        withBulkTriggers(app.ctx(), ['customers', 'customer_contacts'], () => {
          sqlite.exec(`UPDATE customers SET name = '改名后的客户'`);
          throw new Error('disk full');
        }),
      )(),
    ).toThrow('disk full');
    expect(triggers(app)).toEqual(before);
    expect(searchRows(app)).toEqual(search);
    // Caught inside a longer transaction: the triggers are back at once, before the error reaches the caller.
    sqlite.transaction(() => {
      expect(() =>
        withBulkTriggers(app.ctx(), ['customers'], () => {
          throw new Error('bad row');
        }),
      ).toThrow('bad row');
      expect(triggers(app)).toEqual(before);
    })();
    // A file with a bad row fails validation before any write: nothing changes either.
    const bad = await xlsx([
      ['客户名称', '客户类型'],
      ['新客户甲', '工厂'],
    ]);
    expect(
      (
        await refused(
          app,
          'customers.import.commit',
          { kind: 'customers', fileName: 'b.xlsx', base64: bad },
          leader.token,
        )
      ).code,
    ).toBe('VALIDATION');
    expect(triggers(app)).toEqual(before);
    expect(() => withBulkTriggers(app.ctx(), ['customers'], () => ({ result: 1, customerIds: [] }))).toThrow(
      'needs a transaction',
    );
  });
});

describe('xlsx reading', () => {
  it('a large sheet full of Chinese text reads without garbled characters', async () => {
    const { app, leader } = await importSetup();
    const rows: (string | number)[][] = [['客户名称', '客户类型', '地址', '备注']];
    for (let i = 0; i < 4000; i++)
      rows.push([
        `内蒙古草原第${i}号乳业有限公司`,
        '企业',
        `呼和浩特市赛罕区大学东街${i}号`,
        '重点跟进，注意回访',
      ]);
    const preview = await app.call(
      'customers.import.preview',
      { kind: 'customers', fileName: 'big.xlsx', base64: await xlsx(rows) },
      leader.token,
    );
    expect(preview).toMatchObject({ totalRows: 4000, toCreate: 4000, issueCount: 0 });
  }, 60_000);
});

describe('CSV decoding', () => {
  it('detects UTF-8 with and without BOM, and GBK/GB18030', () => {
    const text = '客户名称,地址\n金桥,"大学东街 ""1"" 号"\n';
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])).text).toBe(
      text,
    );
    expect(decodeCsv(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(parseCsv(text)).toEqual([
      ['客户名称', '地址'],
      ['金桥', '大学东街 "1" 号'],
    ]);
  });
});
