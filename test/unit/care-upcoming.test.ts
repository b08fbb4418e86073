import { Solar, LunarYear } from 'lunar-typescript';
import { beforeEach, describe, expect, it } from 'vitest';
import { customerContacts, customers } from '../../src/main/db/schema';
import { insertRow, updateRow } from '../../src/main/services/write';
import { DEFAULT_CARE_SETTINGS, type UpcomingRow } from '../../src/shared/contract/care';
import { makeTestApp, TEST_PASSWORD, type TestApp } from './helpers';
import { setShanghaiTime } from './contracts-fixtures';
import { addCustomer } from './tickets-fixtures';

// care.upcoming against a plain scan written here from the calendar library directly: every key person and
// customer is checked day by day over the window, so the index-driven month-day ranges must agree with it.

let app: TestApp;
let manager: { token: string; userId: string };
let otherManager: { token: string; userId: string };
let leader: { token: string; userId: string };

interface Person {
  id: string;
  customerId: string;
  ownerId: string;
  birthday: string;
  calendar: 'solar' | 'lunar';
}
interface Firm {
  id: string;
  ownerId: string;
  foundedOn: string;
}
let people: Person[] = [];
let firms: Firm[] = [];

/** A small deterministic generator (tests must not depend on Math.random). */
function seeded(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

beforeEach(async () => {
  app = makeTestApp({ file: false });
  manager = await app.signIn('account_manager');
  otherManager = await app.signIn('account_manager');
  leader = await app.signIn('leader');
  const rand = seeded(14);
  people = [];
  firms = [];
  const ctx = app.ctx();
  app.runtime.store.sqlite.transaction(() => {
    for (let i = 0; i < 40; i++) {
      const ownerId = i % 2 === 0 ? manager.userId : otherManager.userId;
      const c = addCustomer(app, { ownerId });
      // addCustomer's own contact has no birthday: it must never be listed.
      const foundedOn = `${1990 + rand(30)}-${pad(1 + rand(12))}-${pad(1 + rand(28))}`;
      updateRow(ctx, customers, c.id, { foundedOn: i === 0 ? '2000-02-29' : foundedOn });
      firms.push({ id: c.id, ownerId, foundedOn: i === 0 ? '2000-02-29' : foundedOn });
      for (let k = 0; k < 8; k++) {
        const lunar = rand(3) === 0;
        const month = 1 + rand(12);
        const day = lunar ? 1 + rand(30) : 1 + rand(28);
        const year = rand(10) === 0 ? 1900 : 1950 + rand(50);
        const birthday = `${year}-${pad(month)}-${pad(day)}`;
        const p = insertRow(ctx, customerContacts, { customerId: c.id, name: `关键人${i}-${k}`, birthday, birthdayCalendar: lunar ? 'lunar' : 'solar' });
        people.push({ id: p.id, customerId: c.id, ownerId, birthday, calendar: lunar ? 'lunar' : 'solar' });
      }
    }
    // The edges: Feb 29 births, lunar day 30 births, a deleted key person.
    const edge = addCustomer(app, { ownerId: manager.userId });
    for (const [birthday, calendar] of [
      ['1984-02-29', 'solar'],
      ['1970-12-30', 'lunar'],
      ['1971-11-30', 'lunar'],
      ['1966-01-30', 'lunar'],
      ['1980-12-31', 'solar'],
      ['1981-01-01', 'solar'],
    ] as const) {
      const p = insertRow(ctx, customerContacts, { customerId: edge.id, name: `边界${birthday}`, birthday, birthdayCalendar: calendar });
      people.push({ id: p.id, customerId: edge.id, ownerId: manager.userId, birthday, calendar });
    }
    const gone = insertRow(ctx, customerContacts, { customerId: edge.id, name: '已删除', birthday: '1980-03-03' });
    updateRow(ctx, customerContacts, gone.id, { deleted: true } as never);
  })();
});

/** The expected rows by a day-by-day scan: first occurrence of each person/customer/holiday in [today, today + days]. */
function plainScan(today: string, days: number, ownerId: string | null): Omit<UpcomingRow, 'ownerName' | 'customerName' | 'contactName' | 'contactTitle' | 'lunarLabel' | 'holidayName' | 'cared'>[] {
  const out: ReturnType<typeof plainScan> = [];
  const seenPeople = new Set<string>();
  const seenFirms = new Set<string>();
  const seenHolidays = new Set<string>();
  for (let i = 0; i <= days; i++) {
    const date = addDays(today, i);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const md = date.slice(5);
    const lunar = Solar.fromYmd(y, m, d).getLunar();
    const lMonth = lunar.getMonth();
    const lDay = lunar.getDay();
    const lDays = lMonth > 0 ? LunarYear.fromYear(lunar.getYear()).getMonth(lMonth)!.getDayCount() : 0;
    const solarHit = (bmd: string) => bmd === md || (bmd === '02-29' && md === '02-28' && !leap(y));
    const lunarHit = (bm: number, bd: number) => lMonth > 0 && bm === lMonth && (bd === lDay || (bd === 30 && lDay === 29 && lDays === 29));
    const base = { date, daysAway: i };
    for (const h of DEFAULT_CARE_SETTINGS.holidays) {
      if (!h.enabled || seenHolidays.has(h.key)) continue;
      const [hm, hd] = h.monthDay.split('-').map(Number) as [number, number];
      if (h.calendar === 'solar' ? h.monthDay === md : lMonth === hm && lDay === hd) {
        seenHolidays.add(h.key);
        out.push({ ...base, occasion: 'holiday', customerId: null, ownerId: null, contactId: null, lunar: h.calendar === 'lunar', years: null, holidayKey: h.key });
      }
    }
    for (const f of firms) {
      if (seenFirms.has(f.id) || (ownerId && f.ownerId !== ownerId) || !solarHit(f.foundedOn.slice(5))) continue;
      seenFirms.add(f.id);
      out.push({ ...base, occasion: 'founding', customerId: f.id, ownerId: f.ownerId, contactId: null, lunar: false, years: y - Number(f.foundedOn.slice(0, 4)), holidayKey: null });
    }
    for (const p of people) {
      if (seenPeople.has(p.id) || (ownerId && p.ownerId !== ownerId)) continue;
      const [by, bm, bd] = p.birthday.split('-').map(Number) as [number, number, number];
      const hit = p.calendar === 'solar' ? solarHit(p.birthday.slice(5)) : lunarHit(bm, bd);
      if (!hit) continue;
      seenPeople.add(p.id);
      const years = by > 1900 ? (p.calendar === 'lunar' ? lunar.getYear() : y) - by : null;
      out.push({ ...base, occasion: 'birthday', customerId: p.customerId, ownerId: p.ownerId, contactId: p.id, lunar: p.calendar === 'lunar', years, holidayKey: null });
    }
  }
  return out;
}

async function allPages(token: string, days: number, pageSize = 13) {
  const rows: UpcomingRow[] = [];
  let total = -1;
  for (let page = 1; page < 500; page++) {
    const r = await app.call('care.upcoming', { days, page, pageSize }, token);
    total = r.total;
    rows.push(...r.rows);
    if (r.rows.length < pageSize) break;
  }
  return { rows, total };
}

const keyOf = (r: { occasion: string; contactId: string | null; customerId: string | null; holidayKey: string | null }) =>
  `${r.occasion}:${r.contactId ?? r.customerId ?? r.holidayKey}`;
const shape = (r: ReturnType<typeof plainScan>[number] | UpcomingRow) => ({
  key: keyOf(r),
  date: r.date,
  daysAway: r.daysAway,
  years: r.years,
  lunar: r.lunar,
  ownerId: r.ownerId,
});

/** Moves the clock to 09:00 of a Shanghai day and signs everyone in again (a jump in time ends sessions). */
async function at(today: string) {
  setShanghaiTime(app, today, '09:00');
  for (const who of [manager, otherManager, leader]) {
    const { username } = app.runtime.store.sqlite.prepare('SELECT username FROM users WHERE id = ?').get(who.userId) as { username: string };
    who.token = (await app.call('auth.login', { username, password: TEST_PASSWORD })).token;
  }
}

const WINDOWS: [string, number][] = [
  ['2026-03-02', 30],
  ['2026-12-20', 30], // over the year end
  ['2027-02-10', 30], // Feb 28 of a non-leap year carries the Feb 29 birthdays
  ['2028-02-20', 15], // a leap year: Feb 29 on its own day
  ['2027-01-20', 45], // lunar 2026's last month has 29 days: day-30 birthdays on the 29th
  ['2026-03-02', 366], // a whole year: each occasion once, at its first date
];

describe('care.upcoming', () => {
  it('lists for a leader exactly what a day-by-day scan finds, soonest first, paged', async () => {
    for (const [today, days] of WINDOWS) {
      await at(today);
      const expected = plainScan(today, days, null);
      const got = await allPages(leader.token, days);
      expect(got.total, `${today}+${days}`).toBe(expected.length);
      expect(got.rows.map(shape).sort((a, b) => a.key.localeCompare(b.key)), `${today}+${days}`).toEqual(
        expected.map(shape).sort((a, b) => a.key.localeCompare(b.key)),
      );
      const dates = got.rows.map((r) => r.date);
      expect(dates, 'soonest first').toEqual([...dates].sort());
    }
  });

  it('shows an account manager only their own customers (and the holidays)', async () => {
    for (const [today, days] of WINDOWS.slice(0, 3)) {
      await at(today);
      const expected = plainScan(today, days, manager.userId);
      const got = await allPages(manager.token, days, 50);
      expect(got.rows.map(shape).sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.map(shape).sort((a, b) => a.key.localeCompare(b.key)));
      expect(got.total).toBe(expected.length);
      // Another manager's id asked for gives nothing rather than their customers.
      expect((await app.call('care.upcoming', { days, ownerId: otherManager.userId }, manager.token)).total).toBe(0);
    }
    // A leader narrowed to one manager sees what that manager sees.
    await at('2026-03-02');
    const mine = await app.call('care.upcoming', { days: 30, pageSize: 200 }, manager.token);
    const forLeader = await app.call('care.upcoming', { days: 30, pageSize: 200, ownerId: manager.userId }, leader.token);
    expect(forLeader.rows.map(keyOf).sort()).toEqual(mine.rows.map(keyOf).sort());
  });

  it('names the occasion: lunar label, holiday name, and marks what was already cared for', async () => {
    await at('2026-09-10');
    const rows = (await app.call('care.upcoming', { days: 30, pageSize: 200 }, leader.token)).rows;
    const midAutumn = rows.find((r) => r.holidayKey === 'mid_autumn')!;
    expect(midAutumn).toMatchObject({ date: '2026-09-25', holidayName: '中秋节', lunar: true, lunarLabel: '农历八月十五' });
    const lunarBirthday = rows.find((r) => r.occasion === 'birthday' && r.lunar)!;
    expect(lunarBirthday.lunarLabel).toMatch(/^农历.+月.+$/);
    const en = (await app.call('care.upcoming', { days: 30, pageSize: 200 }, leader.token, 'en')).rows;
    expect(en.find((r) => r.holidayKey === 'mid_autumn')!.holidayName).toBe('Mid-Autumn Festival');

    const target = rows.find((r) => r.occasion === 'birthday' && r.ownerId === manager.userId)!;
    expect(target.cared).toBe(false);
    await app.call(
      'care.records.create',
      { customerId: target.customerId!, contactId: target.contactId, occasion: 'birthday', occasionDate: target.date, kind: 'greeting' },
      manager.token,
    );
    const after = (await app.call('care.upcoming', { days: 30, pageSize: 200 }, leader.token)).rows;
    expect(after.find((r) => r.contactId === target.contactId)!.cared).toBe(true);
    expect(after.filter((r) => r.cared)).toHaveLength(1);
  });

  it('filters by occasion and by customer', async () => {
    await at('2026-03-02');
    const expected = plainScan('2026-03-02', 30, null);
    const birthdays = await app.call('care.upcoming', { days: 30, occasion: 'birthday', pageSize: 200 }, leader.token);
    expect(birthdays.total).toBe(expected.filter((r) => r.occasion === 'birthday').length);
    const customerId = expected.find((r) => r.occasion === 'birthday')!.customerId!;
    const one = await app.call('care.upcoming', { days: 30, customerId, pageSize: 200 }, leader.token);
    expect(one.rows.map(keyOf).sort()).toEqual(expected.filter((r) => r.customerId === customerId).map(keyOf).sort());
  });

  it('follows a transfer, a deleted customer and edited birthdays (contact_birthdays recounted from the rows)', async () => {
    await at('2026-03-02');
    const ctx = app.ctx();
    const moved = firms[1]!; // otherManager's
    const gone = firms[2]!; // manager's
    const edited = people.find((p) => p.customerId === firms[4]!.id)!;
    app.runtime.store.sqlite.transaction(() => {
      updateRow(ctx, customers, moved.id, { ownerId: manager.userId });
      updateRow(ctx, customers, gone.id, { deleted: true } as never);
      updateRow(ctx, customerContacts, edited.id, { birthday: '1975-03-10', birthdayCalendar: 'lunar' });
    })();
    moved.ownerId = manager.userId;
    for (const p of people) if (p.customerId === moved.id) p.ownerId = manager.userId;
    firms = firms.filter((f) => f.id !== gone.id);
    people = people.filter((p) => p.customerId !== gone.id);
    Object.assign(edited, { birthday: '1975-03-10', calendar: 'lunar' });

    // The derived table equals the rows it is kept from, recomputed here without its view.
    const sqlite = app.runtime.store.sqlite;
    const derived = sqlite.prepare('SELECT contact_id, customer_id, owner_id, calendar, md FROM contact_birthdays ORDER BY contact_id').all();
    const recount = sqlite
      .prepare(
        `SELECT k.id AS contact_id, k.customer_id, c.owner_id, k.birthday_calendar AS calendar, substr(k.birthday, 6, 5) AS md
         FROM customer_contacts k, customers c WHERE c.id = k.customer_id AND c.deleted = 0 AND k.deleted = 0 AND k.birthday IS NOT NULL
         ORDER BY k.id`,
      )
      .all();
    expect(derived).toEqual(recount);

    for (const [who, ownerId] of [[leader, null], [manager, manager.userId], [otherManager, otherManager.userId]] as const) {
      const expected = plainScan('2026-03-02', 60, ownerId);
      const got = await allPages(who.token, 60, 50);
      expect(got.total).toBe(expected.length);
      expect(got.rows.map(shape).sort((a, b) => a.key.localeCompare(b.key))).toEqual(expected.map(shape).sort((a, b) => a.key.localeCompare(b.key)));
    }
  });
});
