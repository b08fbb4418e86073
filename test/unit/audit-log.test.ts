import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './helpers';
import { runBackgroundJobsOnce } from '../../src/main/jobs';
import { getTableColumns, getTableName } from 'drizzle-orm';
import {
  customerBills,
  customerContacts,
  customerCredit,
  customerProjects,
  customerResources,
  customers,
  serviceInstances,
  tickets,
  users,
} from '../../src/main/db/schema';
import { insertRow } from '../../src/main/services/write';
import {
  AUDIT_ENTITY_TEXT,
  AUDIT_FIELD_TEXT,
  AUDIT_HIDDEN_FIELDS,
  auditFieldText,
  auditActionText,
  auditEntityText,
  auditSummaryText,
} from '../../src/shared/audit-text';
import type { InputOf } from '../../src/shared/contract';
import type { AuditEntry } from '../../src/shared/contract/audit';
import type { Locale } from '../../src/shared/locale';
import { customersZhCN } from '../../src/renderer/src/features/customers/i18n/zh-CN';
import { customersEn } from '../../src/renderer/src/features/customers/i18n/en';
import { ticketsEn, ticketsZhCN } from '../../src/renderer/src/features/tickets/i18n';

/**
 * The audit log in the users' words (issue #21, class 10): people's changes by default, automatic jobs
 * apart, an import as one line, tables, actions and fields as the screens call them, and an export
 * that holds what the page lists — for those who may read the log, and no one else.
 */

let app: TestApp;
let admin: string;
let leader: string;
const HEADER = '客户名称,统一社会信用代码,客户类型,区域,地址,第一责任人,阶段';

beforeAll(async () => {
  app = makeTestApp();
  admin = (await app.signIn('admin', 'admin1')).token;
  leader = (await app.signIn('leader', 'leader1')).token;
  // A person's change…
  const created = await app.call('customers.create', { name: '呼和浩特金桥电力有限公司' }, leader);
  await app.call('customers.update', { id: created.id, address: '赛罕区大学东街1号' }, leader);
  // …an import of three customers (one batch line among people's changes, its row writes among the jobs')…
  const csv = Buffer.from(
    [HEADER, '包头北辰物流有限公司,,,,,,', '鄂尔多斯天骄能源有限公司,,,,,,', '乌海黄河化工有限公司,,,,,,'].join('\r\n') + '\r\n',
  ).toString('base64');
  await app.call('customers.import.commit', { kind: 'customers', fileName: '客户清单.csv', base64: csv }, leader);
  // …and writes no one made: a job's context has no actor (jobs.ts), and the escalation pass is one.
  const ctx = { ...app.ctx(), method: 'system.caches' };
  app.runtime.store.sqlite.transaction(() => insertRow(ctx, customers, { name: '后台写入的客户', nameKey: '后台写入的客户' }))();
  runBackgroundJobsOnce(app.runtime);
}, 60_000);

const list = (input: InputOf<'audit.list'> = {}, token = admin) => app.call('audit.list', { pageSize: 200, ...input }, token);

function texts(rows: AuditEntry[], locale: Locale) {
  return rows.map((r) => [auditActionText(r, locale), auditEntityText(r, locale), auditSummaryText(r, locale)]);
}

describe('audit log', () => {
  it("lists people's changes by default and keeps automatic jobs apart", async () => {
    const people = await list();
    expect(people.rows.every((r) => r.actorId !== null && !r.automatic)).toBe(true);
    expect(people.rows.map((r) => r.actorName)).not.toContain(null);
    expect(texts(people.rows, 'zh-CN').map((r) => r.join(' '))).not.toContainEqual(expect.stringContaining('后台写入的客户'));
    // The import is one line, "导入 3 条", not a line per customer or per table it wrote.
    const imports = people.rows.filter((r) => auditActionText(r, 'zh-CN') === '导入');
    expect(imports).toHaveLength(1);
    expect(auditEntityText(imports[0]!, 'zh-CN')).toBe('客户');
    expect(auditSummaryText(imports[0]!, 'zh-CN')).toBe('3 条（新建 3，更新 0） · 客户清单.csv');
    expect(people.rows.some((r) => r.entityId.startsWith('bulk:'))).toBe(false);

    const jobs = await list({ origin: 'jobs' });
    expect(jobs.rows.every((r) => r.automatic)).toBe(true);
    expect(jobs.rows.some((r) => r.actorId === null && auditSummaryText(r, 'zh-CN') === '后台写入的客户')).toBe(true);
    // The import's row writes, grouped by the write path into one record per table.
    expect(jobs.rows.some((r) => r.entity === 'customers' && r.entityId === 'bulk:3')).toBe(true);

    const all = await list({ origin: 'all' });
    expect(all.total).toBe(people.total + jobs.total);
  });

  it('names tables, actions and changed fields in words, in both languages', async () => {
    const people = (await list()).rows;
    const update = people.find((r) => r.action === 'update' && r.entity === 'customers')!;
    expect(texts([update], 'zh-CN')[0]).toEqual(['修改', '客户', '呼和浩特金桥电力有限公司 · 地址']);
    expect(texts([update], 'en')[0]).toEqual(['Changed', 'Customer', '呼和浩特金桥电力有限公司 · Address']);
    const login = people.find((r) => r.action === 'login')!;
    expect(texts([login], 'zh-CN')[0]!.slice(0, 2)).toEqual(['登录', '登录']);
    expect(texts([login], 'en')[0]!.slice(0, 2)).toEqual(['Signed in', 'Sign-in']);
    // No line says a table or a method name.
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [action, entity, summary] of texts((await list({ origin: 'all' })).rows, locale)) {
        expect(`${action} ${entity} ${summary}`).not.toMatch(/[a-z]+_[a-z_]+|[a-z]+\.[a-z]+/);
      }
    }
  });

  it('has a name for every table the write path audits, so a new table is not shown by its SQL name', () => {
    const tables = (
      app.runtime.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%updated_hlc%'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !AUDIT_ENTITY_TEXT[t])).toEqual([]);
  });

  it('labels every column of the records people edit in forms, so no diff shows a column name', () => {
    const edited = { customers, customerContacts, serviceInstances, customerBills, customerCredit, customerProjects, customerResources, tickets, users };
    const unlabelled = Object.values(edited).flatMap((table) =>
      Object.keys(getTableColumns(table))
        .filter((k) => !AUDIT_HIDDEN_FIELDS.has(k) && auditFieldText(getTableName(table), k, 'zh-CN') === k)
        .map((k) => `${getTableName(table)}.${k}`),
    );
    expect(unlabelled).toEqual([]);
  });

  it("labels fields as the customers, key-people and tickets screens do", () => {
    const pick = (labels: Record<string, Record<Locale, string>>, keys: string[], locale: Locale) =>
      Object.fromEntries(keys.map((k) => [k, labels[k]![locale]]));
    const customerKeys = ['name', 'shortName', 'creditCode', 'industry', 'type', 'region', 'address', 'tags', 'stage', 'grade'] as const;
    expect(pick(AUDIT_FIELD_TEXT.customers!, [...customerKeys], 'zh-CN')).toEqual(Object.fromEntries(customerKeys.map((k) => [k, customersZhCN.fields[k]])));
    expect(pick(AUDIT_FIELD_TEXT.customers!, [...customerKeys], 'en')).toEqual(Object.fromEntries(customerKeys.map((k) => [k, customersEn.fields[k]])));
    const contactKeys = ['name', 'title', 'department', 'mobile', 'email', 'birthday'] as const;
    const contactForm = { title: 'jobTitle' } as Record<string, string>;
    for (const [locale, form] of [['zh-CN', customersZhCN], ['en', customersEn]] as const) {
      expect(pick(AUDIT_FIELD_TEXT.customer_contacts!, [...contactKeys], locale)).toEqual(
        Object.fromEntries(contactKeys.map((k) => [k, (form.sections.contacts as Record<string, string>)[contactForm[k] ?? k]])),
      );
    }
    const ticketKeys = ['number', 'priority', 'kind', 'title', 'status'] as const;
    expect(pick(AUDIT_FIELD_TEXT.tickets!, [...ticketKeys], 'zh-CN')).toEqual(Object.fromEntries(ticketKeys.map((k) => [k, ticketsZhCN[`col.${k}`]])));
    expect(pick(AUDIT_FIELD_TEXT.tickets!, [...ticketKeys], 'en')).toEqual(Object.fromEntries(ticketKeys.map((k) => [k, ticketsEn[`col.${k}`]])));
  });

  it('exports exactly the filtered list, in the caller\'s language', async () => {
    for (const [locale, header] of [
      ['zh-CN', ['时间', '操作人', '操作', '对象', '内容', '记录编号']],
      ['en', ['Time', 'By', 'Action', 'Object', 'Details', 'Record']],
    ] as const) {
      const filter = { origin: 'people' as const, entity: 'customers' };
      const file = await app.call('audit.export', filter, leader, locale);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...header]);
      const shown = await list(filter);
      const rows = sheet.getRows(2, sheet.rowCount - 1) ?? [];
      expect(rows.map((r) => (r.values as unknown[]).slice(3, 6))).toEqual(texts(shown.rows, locale));
      expect(file.rowCount).toBe(shown.total);
    }
  });

  it('may be read and exported by admins and leaders only', async () => {
    expect((await app.api.call('audit.export', {}, { token: admin })).ok).toBe(true);
    for (const role of ['account_manager', 'service_desk', 'staff'] as const) {
      const { token } = await app.signIn(role);
      for (const method of ['audit.list', 'audit.export'] as const) {
        const r = await app.api.call(method, {}, { token });
        expect(r.ok ? 'ok' : r.error.code, `${method} as ${role}`).toBe('FORBIDDEN');
      }
    }
  });
});
