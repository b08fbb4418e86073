import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeBranch, startTestHq, syncAll, type TestHq } from './sync-harness';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

async function admin(hq: TestHq, path: string, init: RequestInit = {}) {
  const res = await fetch(`${hq.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${hq.adminToken}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });
  return {
    status: res.status,
    body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
  };
}

describe('headquarters administration and consolidated reading', () => {
  let hq: TestHq | null = null;
  afterEach(async () => {
    await hq?.close();
    hq = null;
  });

  it('registers a device over the admin API with a token shown once and stored only as a hash', async () => {
    hq = await startTestHq('pglite');
    const denied = await fetch(`${hq.url}/admin/devices`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(denied.status).toBe(401);
    const created = await admin(hq, '/admin/devices', {
      method: 'POST',
      body: JSON.stringify({ branchCode: 'hhht', deviceName: '前台电脑' }),
    });
    expect(created.status).toBe(200);
    const { deviceId, token } = created.body as { deviceId: string; token: string };
    expect(token).toMatch(/^kamd_/);
    const stored = await hq.db.query<{ token_hash: string; branch_code: string }>(
      'SELECT token_hash, branch_code FROM devices WHERE id = $1',
      [deviceId],
    );
    expect(stored[0]!.branch_code).toBe('HHHT');
    expect(stored[0]!.token_hash).not.toContain(token);
    const revoked = await admin(hq, `/admin/devices/${deviceId}/revoke`, { method: 'POST', body: '{}' });
    expect(revoked.body).toEqual({ ok: true });
    const again = await admin(hq, `/admin/devices/${deviceId}/revoke`, { method: 'POST', body: '{}' });
    expect(again.status).toBe(404);
  });

  it('lists customers across branches with branch, text and column filters and paging', async () => {
    hq = await startTestHq('pglite');
    const a = await makeBranch(hq, 'HHHT');
    const b = await makeBranch(hq, 'BT');
    a.createCustomer({ name: '呼市能源集团', type: 'group' });
    a.createCustomer({ name: '呼市第一医院', type: 'enterprise' });
    const gone = a.createCustomer({ name: '呼市已删除', type: 'enterprise' });
    a.deleteCustomer(gone);
    b.createCustomer({ name: '包头钢铁集团', type: 'group' });
    b.createCustomer({ name: '包头某学校', type: 'gov' });
    await syncAll([a, b]);

    const tables = await admin(hq, '/api/tables');
    expect(
      (tables.body as { tables: { table: string; rows: number; branches: number }[] }).tables,
    ).toContainEqual({ table: 'customers', rows: 4, branches: 2 });

    type Page = { rows: { branchCode: string; cols: { name: string } }[]; total: number };
    const all = (await admin(hq, '/api/rows/customers?pageSize=3')).body as Page;
    expect(all.total).toBe(4);
    expect(all.rows).toHaveLength(3);
    const bt = (await admin(hq, '/api/rows/customers?branch=bt')).body as Page;
    expect(bt.rows.map((r) => r.cols.name).sort()).toEqual(['包头某学校', '包头钢铁集团']);
    const groups = (await admin(hq, '/api/rows/customers?col.type=group')).body as Page;
    expect(groups.rows.map((r) => [r.branchCode, r.cols.name]).sort()).toEqual([
      ['BT', '包头钢铁集团'],
      ['HHHT', '呼市能源集团'],
    ]);
    const search = (await admin(hq, `/api/rows/customers?q=${encodeURIComponent('医院')}`)).body as Page;
    expect(search.rows.map((r) => r.cols.name)).toEqual(['呼市第一医院']);
    const withDeleted = (await admin(hq, '/api/rows/customers?includeDeleted=1')).body as Page;
    expect(withDeleted.total).toBe(5);
  });

  it('shows branches, last contact, backlog and refusals on the status page', async () => {
    hq = await startTestHq('pglite');
    const a = await makeBranch(hq, 'HHHT');
    a.createCustomer({ name: '状态页测试', type: 'enterprise' });
    await a.sync();
    await fetch(`${hq.url}/sync/hello`, {
      headers: { 'x-kam-protocol': '1', authorization: 'Bearer kamd_bad' },
    });
    const page = await fetch(`${hq.url}/?token=${hq.adminToken}`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('HHHT');
    expect(html).toContain('customers');
    expect(html).toContain('unknown token');
    expect((await fetch(`${hq.url}/`)).status).toBe(401);
  });
});
