import type { Grade } from '../../src/shared/contract/customer-common';
import { customerContacts, customerResources, customers, serviceInstances } from '../../src/main/db/schema';
import { insertRow } from '../../src/main/services/write';
import type { TestApp } from './helpers';

/** Test data for the red-channel tests: customers with a service, a circuit and a contact, written through the write path. */

export interface TestCustomer {
  id: string;
  serviceId: string;
  contactId: string;
  serviceNo: string;
  circuit: string;
}

let seq = 0;

export function addCustomer(
  app: TestApp,
  opts: { name?: string; ownerId?: string | null; grade?: Grade | null; isKey?: boolean; creditCode?: string } = {},
): TestCustomer {
  seq++;
  const ctx = app.ctx();
  return app.runtime.store.sqlite.transaction(() => {
    const name = opts.name ?? `测试客户${seq}有限公司`;
    const c = insertRow(ctx, customers, {
      name,
      nameKey: name,
      creditCode: opts.creditCode ?? '',
      ownerId: opts.ownerId ?? null,
      grade: opts.grade === undefined ? 'key' : opts.grade,
      isKey: opts.isKey ?? true,
    });
    const serviceNo = `0471-${String(6000000 + seq)}`;
    const s = insertRow(ctx, serviceInstances, { customerId: c.id, product: '数字电路专线', serviceNo, status: 'active' });
    const circuit = `HHHT-SDH-${String(1000 + seq)}`;
    insertRow(ctx, customerResources, { customerId: c.id, kind: 'circuit', identifier: circuit, serviceId: s.id });
    const p = insertRow(ctx, customerContacts, { customerId: c.id, name: `联系人${seq}`, mobile: `1390471${String(seq).padStart(4, '0')}` });
    return { id: c.id, serviceId: s.id, contactId: p.id, serviceNo, circuit };
  })();
}

/** Calls a method expecting a failure; returns the wire error. */
export async function callError(app: TestApp, method: string, input: unknown, token: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const result = await app.api.call(method, input, { token, locale });
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

/** Asia/Shanghai wall-clock text of an ISO instant. */
export const local = (iso: string | null) =>
  iso === null ? null : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
