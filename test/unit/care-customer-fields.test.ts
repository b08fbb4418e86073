import { beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './helpers';
import { addCustomer, callError } from './tickets-fixtures';

// The customer fields courtesy care reads: 成立日期 on the customer, the birthday's calendar on a key person.

let app: TestApp;
let manager: { token: string; userId: string };

beforeEach(async () => {
  app = makeTestApp({ file: false });
  manager = await app.signIn('account_manager');
});

describe('customer fields of courtesy care', () => {
  it('keeps a customer founding date through create, update and the 360 record', async () => {
    const created = await app.call('customers.create', { name: '呼和浩特成立日期测试有限公司', foundedOn: '1998-06-18' }, manager.token);
    expect(created.foundedOn).toBe('1998-06-18');
    const updated = await app.call('customers.update', { id: created.id, foundedOn: '1999-01-01' }, manager.token);
    expect(updated.foundedOn).toBe('1999-01-01');
    expect((await app.call('customers.update', { id: created.id, notes: '备注' }, manager.token)).foundedOn).toBe('1999-01-01');
    const bad = await callError(app, 'customers.update', { id: created.id, foundedOn: '1999-02-30' }, manager.token);
    expect(bad.message).toContain('成立日期');
  });

  it('stores a lunar birthday as its lunar date and checks lunar month and day', async () => {
    const customer = addCustomer(app, { ownerId: manager.userId });
    const lunar = await app.call(
      'customers.contacts.save',
      { customerId: customer.id, name: '农历生日', birthday: '1970-08-30', birthdayCalendar: 'lunar' },
      manager.token,
    );
    expect(lunar).toMatchObject({ birthday: '1970-08-30', birthdayCalendar: 'lunar' });
    // An edit of another field leaves the calendar as it was.
    expect((await app.call('customers.contacts.save', { customerId: customer.id, id: lunar.id, title: '总经理' }, manager.token)).birthdayCalendar).toBe('lunar');
    const solar = await app.call('customers.contacts.save', { customerId: customer.id, name: '公历生日', birthday: '1984-02-29' }, manager.token);
    expect(solar.birthdayCalendar).toBe('solar');
    const day31 = await callError(app, 'customers.contacts.save', { customerId: customer.id, name: 'x', birthday: '1970-08-31', birthdayCalendar: 'lunar' }, manager.token);
    expect(day31.message).toContain('生日');
    expect(day31.message).toContain('农历');
    const feb30 = await callError(app, 'customers.contacts.save', { customerId: customer.id, name: 'x', birthday: '1970-02-30', birthdayCalendar: 'solar' }, manager.token);
    expect(feb30.message).toContain('生日');
  });
});
