import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ticketCategories } from '../../src/main/db/schema';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer, type TestCustomer } from './tickets-fixtures';

/**
 * The red channel's seeded categories, calendars and SLA policies read in the reader's language while
 * they keep their seeded names (issue #21, class 9); a name a user typed reads as typed.
 */

const CJK = /[\u4e00-\u9fff]/;

let app: TestApp;
let desk: { token: string; userId: string };
let admin: { token: string; userId: string };
let leader: { token: string; userId: string };
let customer: TestCustomer;

beforeEach(async () => {
  app = makeTestApp();
  desk = await app.signIn('service_desk');
  admin = await app.signIn('admin');
  leader = await app.signIn('leader');
  customer = addCustomer(app, { grade: 'key' });
});

const config = (locale: 'zh-CN' | 'en') => app.call('tickets.config', {}, admin.token, locale);

async function openFault(categoryId: string) {
  return app.call(
    'tickets.create',
    {
      kind: 'fault',
      customerId: customer.id,
      contactId: customer.contactId,
      serviceInstanceId: customer.serviceId,
      categoryId,
      channel: 'phone',
      title: '专线中断',
      description: '客户来电',
      impact: 'minor',
    },
    desk.token,
  );
}

describe('seeded red-channel names', () => {
  it('read in Chinese for a Chinese reader and in English for an English reader, from the same rows', async () => {
    const zh = await config('zh-CN');
    const en = await config('en');
    expect(zh.categories.map((c) => c.name)).toContain('线路中断');
    expect(zh.policies.map((p) => p.name)).toContain('P3 中');
    expect(zh.calendars.some((c) => c.name.startsWith('工作日历'))).toBe(true);
    expect(en.categories.map((c) => c.name)).toContain('Line outage');
    expect(en.policies.map((p) => p.name)).toContain('P3 Medium');
    const names = [...en.categories, ...en.calendars, ...en.policies].map((x) => x.name);
    expect(names.filter((n) => CJK.test(n))).toEqual([]);
  });

  it("a ticket's category, policy and calendar read in the reader's language, also in the queue and the KPIs", async () => {
    const line = (await config('zh-CN')).categories.find((c) => c.name === '线路中断')!;
    const opened = await openFault(line.id);
    expect(opened).toMatchObject({ categoryName: '线路中断', policyName: 'P3 中' });
    const en = await app.call('tickets.get', { id: opened.id }, desk.token, 'en');
    expect(en).toMatchObject({
      categoryName: 'Line outage',
      policyName: 'P3 Medium',
      calendarName: 'Office hours (08:30–12:00, 13:30–17:30)',
    });
    const queue = await app.call('tickets.queue', { view: 'open' }, desk.token, 'en');
    expect(queue.rows.find((r) => r.id === opened.id)?.categoryName).toBe('Line outage');
    const kpis = await app.call(
      'tickets.kpis',
      { from: '2026-03-01', to: '2026-03-31', groupBy: 'category' },
      leader.token,
      'en',
    );
    expect(kpis.rows.map((r) => r.label)).toContain('Line outage');
  });

  it('a name a user changed reads as typed in both languages', async () => {
    const line = (await config('zh-CN')).categories.find((c) => c.name === '线路中断')!;
    await app.call('tickets.categories.save', { ...line, name: '光缆中断' }, admin.token);
    expect((await config('en')).categories.find((c) => c.id === line.id)?.name).toBe('光缆中断');
  });

  it('a seeded name saved back unchanged from the English form keeps its seeded text and stays translatable', async () => {
    const line = (await config('en')).categories.find((c) => c.name === 'Line outage')!;
    await app.call('tickets.categories.save', { ...line, sortOrder: 5 }, admin.token, 'en');
    const stored = app.runtime.store.db
      .select({ name: ticketCategories.name })
      .from(ticketCategories)
      .where(eq(ticketCategories.id, line.id))
      .get();
    expect(stored?.name).toBe('线路中断');
    expect((await config('zh-CN')).categories.find((c) => c.id === line.id)?.name).toBe('线路中断');
  });
});
