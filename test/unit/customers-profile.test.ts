import { describe, expect, it } from 'vitest';
import { makeTestApp, tableCounts, TEST_PASSWORD, type TestApp } from './helpers';
import type { InputOf } from '../../src/shared/contract';

const CODE_A = '91110000802100433B';
const CODE_B = '91350100M000100Y43';

async function setup() {
  const app = makeTestApp();
  const leader = await app.signIn('leader', 'gaojianguo');
  const am1 = await app.signIn('account_manager', 'wangqiang');
  const am2 = await app.signIn('account_manager', 'lina');
  return { app, leader, am1, am2 };
}

function newCustomer(app: TestApp, token: string, input: Partial<InputOf<'customers.create'>> = {}) {
  return app.call('customers.create', { name: '呼和浩特金桥电力有限公司', creditCode: CODE_A, industry: '能源', ...input }, token);
}

async function failure(app: TestApp, method: Parameters<TestApp['api']['call']>[0], input: unknown, token: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const r = await app.api.call(method, input, { token, locale });
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
}

describe('customer profile', () => {
  it('an account manager who creates a customer becomes its 第一责任人, logged with the stage', async () => {
    const { app, am1 } = await setup();
    const c = await newCustomer(app, am1.token, { ownerId: null });
    expect(c.ownerId).toBe(am1.userId);
    expect(c.stage).toBe('new');
    const view = await app.call('customers.get', { id: c.id }, am1.token);
    expect(view.ownership).toMatchObject([{ kind: 'create', toOwnerId: am1.userId }]);
    expect(view.stageHistory).toMatchObject([{ fromStage: null, toStage: 'new' }]);
    expect(view.timeline.map((e) => e.source)).toEqual(expect.arrayContaining(['ownership', 'stage', 'audit']));
  });

  it('the duplicate guard stops a second copy by credit code and by normalised name, naming the owner', async () => {
    const { app, am1, am2 } = await setup();
    await newCustomer(app, am1.token);
    const before = tableCounts(app.runtime);
    const byCode = await failure(app, 'customers.create', { name: '另一个名字', creditCode: CODE_A }, am2.token);
    expect(byCode.code).toBe('CONFLICT');
    expect(byCode.message).toContain('已存在，第一责任人：测试wangqiang');
    const byName = await failure(app, 'customers.create', { name: ' 呼和浩特 金桥电力（有限公司）' .replace('（有限公司）', '有限公司'), creditCode: '' }, am2.token, 'en');
    expect(byName.message).toContain('already exists, owned by 测试wangqiang');
    expect(tableCounts(app.runtime)).toEqual(before);
    const check = await app.call('customers.checkDuplicate', { name: '呼和浩特金桥电力有限公司' }, am2.token);
    expect(check).toMatchObject({ duplicate: true, customerId: null });
    const own = await app.call('customers.checkDuplicate', { name: '呼和浩特金桥电力有限公司' }, am1.token);
    expect(own.customerId).not.toBeNull();
  });

  it('renaming into another customer\'s name is refused too', async () => {
    const { app, am1 } = await setup();
    await newCustomer(app, am1.token);
    const other = await newCustomer(app, am1.token, { name: '包头北辰物流有限公司', creditCode: CODE_B });
    const err = await failure(app, 'customers.update', { id: other.id, name: '呼和浩特金桥电力有限公司' }, am1.token);
    expect(err.code).toBe('CONFLICT');
  });

  it('a leader transfers a customer with a reason; the log keeps who, when, from, to and why', async () => {
    const { app, leader, am1, am2 } = await setup();
    const c = await newCustomer(app, am1.token);
    const noReason = await failure(app, 'customers.transfer', { ids: [c.id], toOwnerId: am2.userId, reason: '  ' }, leader.token);
    expect(noReason.code).toBe('VALIDATION');
    const amTries = await failure(app, 'customers.transfer', { ids: [c.id], toOwnerId: am2.userId, reason: '调岗' }, am1.token);
    expect(amTries.code).toBe('FORBIDDEN');
    app.clock.advanceMinutes(5);
    expect(await app.call('customers.transfer', { ids: [c.id], toOwnerId: am2.userId, reason: '王强调岗' }, leader.token)).toEqual({ changed: 1 });
    const log = await app.call('customers.ownershipLog', { customerId: c.id }, leader.token);
    expect(log.rows[0]).toMatchObject({
      kind: 'transfer',
      fromOwnerId: am1.userId,
      fromOwnerName: '测试wangqiang',
      toOwnerId: am2.userId,
      byName: '测试gaojianguo',
      reason: '王强调岗',
      at: '2026-03-02T01:35:00.000Z',
    });
    // The former owner no longer sees it at all.
    expect((await failure(app, 'customers.get', { id: c.id }, am1.token)).code).toBe('NOT_FOUND');
    const view = await app.call('customers.get', { id: c.id }, am2.token);
    expect(view.timeline[0]).toMatchObject({ source: 'ownership', kind: 'transfer', detail: '王强调岗' });
    expect(view.timeline[0]!.title).toBe('移交：测试wangqiang → 测试lina');
  });

  it('leaders release to the pool; managers claim within the monthly limit', async () => {
    const { app, leader, am1, am2 } = await setup();
    await app.call('customers.settings.update', { claimLimitPerMonth: 2 }, leader.token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await newCustomer(app, leader.token, { name: `公海客户${i}`, creditCode: '', ownerId: null })).id);
    }
    const pool = await app.call('customers.list', { owner: 'pool' }, am1.token);
    expect(pool.total).toBe(3);
    expect(await app.call('customers.claim', { ids: [ids[0]!, ids[1]!] }, am1.token)).toEqual({ changed: 2, claimedThisMonth: 2, limit: 2 });
    const over = await failure(app, 'customers.claim', { ids: [ids[2]!] }, am1.token);
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toContain('上限');
    // Someone else's customer cannot be claimed (and does not even show).
    expect((await failure(app, 'customers.claim', { ids: [ids[0]!] }, am2.token)).code).toBe('NOT_FOUND');
    expect(await app.call('customers.claim', { ids: [ids[2]!] }, am2.token)).toMatchObject({ changed: 1 });
    expect(await app.call('customers.release', { ids: [ids[0]!], reason: '长期未跟进' }, leader.token)).toEqual({ changed: 1 });
    const log = await app.call('customers.ownershipLog', { customerId: ids[0]! }, leader.token);
    expect(log.rows.map((r) => r.kind)).toEqual(['release', 'claim', 'create']);
    // A month later the limit starts again.
    app.clock.ms = Date.parse('2026-04-01T00:00:00Z');
    const again = await app.call('auth.login', { username: 'wangqiang', password: TEST_PASSWORD });
    expect(await app.call('customers.claim', { ids: [ids[0]!] }, again.token)).toMatchObject({ claimedThisMonth: 1 });
  });

  it('an account manager cannot edit a pool customer before claiming it', async () => {
    const { app, leader, am1 } = await setup();
    const c = await newCustomer(app, leader.token, { ownerId: null });
    const err = await failure(app, 'customers.update', { id: c.id, notes: 'x' }, am1.token);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('认领');
  });

  it('stage changes are kept in the history', async () => {
    const { app, am1 } = await setup();
    const c = await newCustomer(app, am1.token);
    await app.call('customers.setStage', { id: c.id, stage: 'intent', note: '已报价' }, am1.token);
    await app.call('customers.setStage', { id: c.id, stage: 'signed' }, am1.token);
    const view = await app.call('customers.get', { id: c.id }, am1.token);
    expect(view.stageHistory.map((s) => [s.fromStage, s.toStage])).toEqual([
      ['intent', 'signed'],
      ['new', 'intent'],
      [null, 'new'],
    ]);
  });

  it('sections: key people, services, bills with arrears and spend, credit, projects, resources', async () => {
    const { app, am1 } = await setup();
    const c = await newCustomer(app, am1.token);
    const p1 = await app.call('customers.contacts.save', { customerId: c.id, name: '张总', mobile: '139 1234 5678', isPrimary: true, decisionRole: 'decision_maker' }, am1.token);
    expect(p1.mobile).toBe('13912345678');
    const p2 = await app.call('customers.contacts.save', { customerId: c.id, name: '李主任', isPrimary: true }, am1.token);
    const svc = await app.call('customers.services.save', { customerId: c.id, product: '互联网专线', serviceNo: 'HH-0001', bandwidth: '100M', monthlyFeeFen: 350_000, status: 'active' }, am1.token);
    await app.call('customers.resources.save', { customerId: c.id, kind: 'circuit', identifier: 'HHHT-1234-01', serviceId: svc.id }, am1.token);
    for (const [period, billed, paid] of [['2025-12', 400_000, 400_000], ['2026-01', 350_000, 350_000], ['2026-02', 200_000, 0]] as const) {
      await app.call('customers.bills.save', { customerId: c.id, period, billedFen: billed, paidFen: paid, paidDate: paid ? `${period}-25` : null }, am1.token);
    }
    const clash = await failure(app, 'customers.bills.save', { customerId: c.id, period: '2026-02', billedFen: 1 }, am1.token);
    expect(clash.code).toBe('CONFLICT');
    const over = await failure(app, 'customers.bills.save', { customerId: c.id, period: '2026-03', billedFen: 1, paidFen: 2 }, am1.token);
    expect(over.code).toBe('VALIDATION');
    await app.call('customers.credit.save', { customerId: c.id, rating: 'AA', limitFen: 1_000_000, at: '2026-01-01' }, am1.token);
    await app.call('customers.projects.save', { customerId: c.id, name: '视频监控项目', status: 'in_progress', amountFen: 5_000_000 }, am1.token);

    const view = await app.call('customers.get', { id: c.id }, am1.token);
    expect(view.contacts.map((p) => [p.name, p.isPrimary])).toEqual([['李主任', true], ['张总', false]]);
    expect(view.contacts.find((p) => p.id === p2.id)?.isPrimary).toBe(true);
    expect(view.customer.monthlySpendFen).toBe(316_667); // (4000 + 3500 + 2000) / 3 元
    expect(view.customer.arrearsFen).toBe(200_000);
    expect(view.customer.isKey).toBe(true);
    expect(view.customer.keyReasons).toEqual(['spend']);
    expect(view.bills?.[0]).toMatchObject({ period: '2026-02', dueDate: '2026-03-20', arrearsFen: 200_000, onTime: null });
    expect(view.billSummary).toMatchObject({ billedFen: 950_000, paidFen: 750_000, arrearsFen: 200_000 });
    expect(view.resources[0]).toMatchObject({ serviceId: svc.id });
    expect(view.credit).toHaveLength(1);
    expect(view.projects).toHaveLength(1);

    // Deleting the open bill clears the arrears and the key flag follows the spend.
    await app.call('customers.bills.delete', { customerId: c.id, id: view.bills![0]!.id }, am1.token);
    const after = await app.call('customers.get', { id: c.id }, am1.token);
    expect(after.customer.arrearsFen).toBe(0);
    expect(after.customer.monthlySpendFen).toBe(375_000);

    // The spend counts each period's live bill once: a deleted bill beside its period's new one does not.
    await app.call('customers.bills.save', { customerId: c.id, period: '2025-11', billedFen: 100_000, paidFen: 100_000 }, am1.token);
    await app.call('customers.bills.save', { customerId: c.id, period: '2026-02', billedFen: 500_000, paidFen: 0 }, am1.token);
    const again = await app.call('customers.get', { id: c.id }, am1.token);
    expect(again.customer.monthlySpendFen).toBe(416_667); // (5000 + 3500 + 4000) / 3 元
    expect(again.customer.arrearsFen).toBe(500_000);
  });

  it('a section row of another customer answers NOT_FOUND', async () => {
    const { app, am1 } = await setup();
    const a = await newCustomer(app, am1.token);
    const b = await newCustomer(app, am1.token, { name: '包头北辰物流有限公司', creditCode: CODE_B });
    const p = await app.call('customers.contacts.save', { customerId: a.id, name: '张总' }, am1.token);
    expect((await failure(app, 'customers.contacts.save', { customerId: b.id, id: p.id, name: 'x' }, am1.token)).code).toBe('NOT_FOUND');
    expect((await failure(app, 'customers.contacts.delete', { customerId: b.id, id: p.id }, am1.token)).code).toBe('NOT_FOUND');
  });

  it('groups: parent chain, children and spend rolled up over any depth; cycles refused', async () => {
    const { app, leader } = await setup();
    const top = await newCustomer(app, leader.token, { name: '内蒙古能源集团', creditCode: '', type: 'group' });
    const mid = await newCustomer(app, leader.token, { name: '呼和浩特能源公司', creditCode: '', parentId: top.id });
    const leaf = await newCustomer(app, leader.token, { name: '赛罕区能源站', creditCode: '', parentId: mid.id });
    await app.call('customers.bills.save', { customerId: leaf.id, period: '2026-01', billedFen: 90_000 }, leader.token);
    await app.call('customers.bills.save', { customerId: mid.id, period: '2026-01', billedFen: 10_000 }, leader.token);
    const view = await app.call('customers.get', { id: top.id }, leader.token);
    expect(view.group).toMatchObject({ ancestors: [], descendantCount: 2, rolledUpSpendFen: 100_000 });
    expect(view.group.children.map((c) => c.name)).toEqual(['呼和浩特能源公司']);
    const leafView = await app.call('customers.get', { id: leaf.id }, leader.token);
    expect(leafView.group.ancestors.map((a) => a.name)).toEqual(['内蒙古能源集团', '呼和浩特能源公司']);
    expect((await failure(app, 'customers.update', { id: top.id, parentId: leaf.id }, leader.token)).code).toBe('VALIDATION');
  });

  it('search finds by name (3+ chars via FTS, 2 chars via LIKE), credit code and key-person phone', async () => {
    const { app, am1 } = await setup();
    const c = await newCustomer(app, am1.token);
    await newCustomer(app, am1.token, { name: '包头北辰物流有限公司', creditCode: CODE_B });
    await app.call('customers.contacts.save', { customerId: c.id, name: '张建国', mobile: '13912345678' }, am1.token);
    const names = async (query: string) => (await app.call('customers.list', { query }, am1.token)).rows.map((r) => r.name);
    expect(await names('金桥电力')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('北辰')).toEqual(['包头北辰物流有限公司']);
    expect(await names('2100433')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('1234567')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('张建国')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('有限公司 物流')).toEqual(['包头北辰物流有限公司']);
    expect(await names('%')).toEqual([]);
    expect(await names('"')).toEqual([]);
    const hits = await app.call('search.global', { query: '金桥' }, am1.token);
    expect(hits.filter((h) => h.kind === 'customer').map((h) => h.route)).toEqual([`/customers/${c.id}`]);
  });

  it('changing the key rule recomputes every flag', async () => {
    const { app, leader } = await setup();
    const c = await newCustomer(app, leader.token, { type: 'gov' });
    expect(c.isKey).toBe(true);
    await app.call('customers.settings.update', { keyTypes: ['group'] }, leader.token);
    expect((await app.call('customers.get', { id: c.id }, leader.token)).customer.isKey).toBe(false);
    const bad = await failure(app, 'customers.settings.update', { gradeRules: { ...(await app.call('customers.settings.get', {}, leader.token)).gradeRules, weights: { amount: 50, payment: 50, onTime: 50, share: 0, growth: 0 } } }, leader.token);
    expect(bad.code).toBe('VALIDATION');
  });

  it('saved views are private unless a leader shares them', async () => {
    const { app, leader, am1, am2 } = await setup();
    const v = await app.call('customers.views.save', { name: '我的重点', filters: { isKey: true, sort: 'monthlySpend', dir: 'desc' } }, am1.token);
    expect(v).toMatchObject({ mine: true, shared: false, filters: { isKey: true, sort: 'monthlySpend' } });
    expect(await app.call('customers.views.list', {}, am2.token)).toEqual([]);
    expect((await failure(app, 'customers.views.save', { name: '共享', filters: {}, shared: true }, am1.token)).code).toBe('FORBIDDEN');
    await app.call('customers.views.save', { name: '欠费客户', filters: { arrears: true }, shared: true }, leader.token);
    expect((await app.call('customers.views.list', {}, am2.token)).map((x) => x.name)).toEqual(['欠费客户']);
    expect((await failure(app, 'customers.views.delete', { id: v.id }, am2.token)).code).toBe('FORBIDDEN');
  });
});

describe('customer list filters and sorts', () => {
  it('every filter and sort returns exactly the matching rows in order', async () => {
    const { app, leader, am1 } = await setup();
    const specs = [
      { name: '甲', type: 'gov', region: '赛罕区', industry: '党政军', spend: 500_000, paid: 0 },
      { name: '乙', type: 'enterprise', region: '赛罕区', industry: '金融', spend: 100_000, paid: 100_000 },
      { name: '丙', type: 'enterprise', region: '新城区', industry: '金融', spend: 900_000, paid: 900_000 },
      { name: '丁', type: 'group', region: '新城区', industry: '能源', spend: 0, paid: 0 },
    ] as const;
    const ids: Record<string, string> = {};
    for (const s of specs) {
      const c = await app.call('customers.create', { name: `${s.name}公司`, type: s.type, region: s.region, industry: s.industry, ownerId: s.name === '甲' ? am1.userId : null }, leader.token);
      ids[s.name] = c.id;
      if (s.spend) await app.call('customers.bills.save', { customerId: c.id, period: '2026-01', billedFen: s.spend, paidFen: s.paid }, leader.token);
    }
    await app.call('customers.setStage', { id: ids['丙']!, stage: 'signed' }, leader.token);
    const names = async (input: Record<string, unknown>, token = leader.token) =>
      (await app.call('customers.list', input as never, token)).rows.map((r) => r.name.slice(0, 1)).join('');
    expect(await names({ sort: 'monthlySpend', dir: 'desc' })).toBe('丙甲乙丁');
    expect(await names({ sort: 'monthlySpend', dir: 'asc', region: ['赛罕区'] })).toBe('乙甲');
    expect(await names({ sort: 'arrears', dir: 'desc', arrears: true })).toBe('甲');
    expect(await names({ sort: 'monthlySpend', arrears: false, isKey: true })).toBe('丙丁');
    expect(await names({ sort: 'name', dir: 'asc', type: ['enterprise', 'group'] })).toBe('丁丙乙');
    expect(await names({ sort: 'monthlySpend', industry: ['金融'], stage: ['signed'] })).toBe('丙');
    expect(await names({ sort: 'createdAt', dir: 'asc', owner: 'pool' })).toBe('乙丙丁');
    expect(await names({ owner: am1.userId })).toBe('甲');
    expect(await names({ owner: 'me', sort: 'name', dir: 'asc' }, am1.token)).toBe('甲');
    expect(await names({ sort: 'name', dir: 'asc' }, am1.token)).toBe('丁丙乙甲'); // own + pool
    const page = await app.call('customers.list', { sort: 'monthlySpend', pageSize: 3, page: 2 }, leader.token);
    expect(page).toMatchObject({ total: 4, totalCapped: false, page: 2 });
    expect(page.rows.map((r) => r.name.slice(0, 1))).toEqual(['丁']);
  });
});
