import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { customerContacts, customers, serviceInstances } from '../../src/main/db/schema';
import { bulkInsert } from '../../src/main/services/bulk';
import { DemoRandom } from '../../src/main/services/demo/random';
import { CATCH_UP_LIMIT, ensureSearchVersion, indexQueued, rebuildSearchIndex, searchQueueLength } from '../../src/main/services/search/store';
import { matchesDensely, probeSql } from '../../src/main/services/search/query';
import { customerSearchSource, ownerScopeToken } from '../../src/main/services/customers/search-source';
import { companyNameKey } from '../../src/shared/normalize';
import { makeTestApp } from './helpers';

/**
 * The words index (issue #18) against a plain reading of the rows: for every term length, both scopes
 * and every field, the customer list returns exactly the customers a scan of their text finds.
 */

const PLACES = ['呼和浩特', '内蒙古', '包头', '重庆', '长沙'];
const CHARS = '金桥恒达北辰草原华远瑞丰鸿运正元天骄祥泰宏图安泰银河海峰'.split('');
const KINDS = ['乳业', '电力', '银行', '医院', '中学', '物流', '网络科技'];
const SURNAMES = '王李张刘陈杨黄赵吴周欧阳'.split('');

interface Person {
  name: string;
  mobile: string;
}
interface Seeded {
  id: string;
  name: string;
  shortName: string;
  creditCode: string;
  address: string;
  ownerId: string | null;
  people: Person[];
  services: string[];
  deleted: boolean;
}

/** The plain scan: typed text folded, lower case, digit groups joined; every part of every term in some field or as pinyin. */
function fold(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/(\d)[\s-]+(?=\d)/g, '$1');
}
function pinyinForms(name: string): string[] {
  const han = [...name].filter((c) => /[\p{L}\p{N}]/u.test(c)).join('');
  const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
  const forms = [syllables.map((s) => s[0]).join(''), syllables.join('')];
  // Every other reading of each polyphonic character, one at a time.
  [...han].forEach((c, i) => {
    for (const r of pinyin(c, { toneType: 'none', type: 'array', multiple: true, v: true })) {
      const alt = syllables.map((s, k) => (k === i ? r : s));
      forms.push(alt.map((s) => s[0]).join(''), alt.join(''));
    }
  });
  return forms;
}
function scanMatches(c: Seeded, query: string): boolean {
  const fields = [c.name, c.shortName, c.creditCode, c.address, ...c.people.flatMap((p) => [p.name, p.mobile]), ...c.services].map(fold);
  return fold(query)
    .trim()
    .split(/\s+/)
    .every((term) => {
      const parts = term.split(/[^\p{L}\p{N}]+/u).flatMap((p) => p.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []);
      if (parts.every((p) => fields.some((f) => f.includes(p)))) return true;
      return /^[a-z]{2,}$/.test(term) && [c.name, c.shortName].some((n) => n && pinyinForms(n).some((f) => f.startsWith(term)));
    });
}

async function seedBranch(count = 300) {
  const app = makeTestApp();
  const leader = await app.signIn('leader');
  const am = await app.signIn('account_manager');
  const other = await app.signIn('account_manager');
  const random = new DemoRandom(18);
  const rows: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const place = random.pick(PLACES);
    const core = random.pick(CHARS) + random.pick(CHARS);
    const name = `${place}${core}${random.pick(KINDS)}有限公司${i}`;
    rows.push({
      id: '',
      name,
      shortName: i % 3 === 0 ? `${core}${random.pick(KINDS)}` : '',
      creditCode: `91150${String(100000 + i * 7919).slice(0, 6)}MA${String.fromCharCode(65 + (i % 26))}${i % 10}`,
      address: `${place}赛罕区${random.pick(CHARS)}${random.pick(CHARS)}路${random.int(1, 99)}号`,
      ownerId: i % 5 === 0 ? null : i % 2 ? am.userId : other.userId,
      people: Array.from({ length: 2 }, () => ({
        name: random.pick(SURNAMES) + random.pick(CHARS) + random.pick(CHARS),
        mobile: `139${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      })),
      services: i % 2 ? [`CTN-0471-${String(random.int(0, 99_999_999)).padStart(8, '0')}`] : [],
      deleted: i % 41 === 7,
    });
  }
  const ctx = app.ctx();
  const sqlite = app.runtime.store.sqlite;
  sqlite.transaction(() => {
    const ids = bulkInsert(
      ctx,
      customers,
      rows.map((r) => ({
        name: r.name,
        nameKey: companyNameKey(r.name),
        shortName: r.shortName,
        creditCode: r.creditCode,
        address: r.address,
        ownerId: r.ownerId,
      })),
    );
    ids.forEach((id, i) => (rows[i]!.id = id));
    const drop = sqlite.prepare('UPDATE customers SET deleted = 1 WHERE id = ?');
    for (const r of rows) if (r.deleted) drop.run(r.id);
    bulkInsert(
      ctx,
      customerContacts,
      rows.flatMap((r) => r.people.map((p) => ({ customerId: r.id, name: p.name, mobile: p.mobile }))),
    );
    bulkInsert(
      ctx,
      serviceInstances,
      rows.flatMap((r) => r.services.map((s) => ({ customerId: r.id, product: '专线', serviceNo: s }))),
    );
  })();
  return { app, leader, am, rows };
}

async function listIds(app: ReturnType<typeof makeTestApp>, token: string, query: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r = await app.call('customers.list', { query, sort: 'name', dir: 'asc', page, pageSize: 200 }, token);
    ids.push(...r.rows.map((x) => x.id));
    if (r.rows.length < 200) return ids.sort();
  }
}

/** Search terms drawn from the data: 1, 2, 3 and 6 characters of every field, pinyin, typed variants. */
function queriesFrom(rows: Seeded[]): string[] {
  const random = new DemoRandom(7);
  const pieces = (s: string, n: number) => {
    const chars = [...s];
    const at = random.int(0, Math.max(0, chars.length - n));
    return chars.slice(at, at + n).join('');
  };
  const qs = new Set<string>(['银行', '银', '欧阳', '王', 'nmg', 'nmgd', 'neimeng', 'zqyh', 'cqyh', 'zs', 'cs', 'ctn', '0471']);
  for (const r of rows.slice(0, 40)) {
    for (const n of [1, 2, 3, 6]) {
      qs.add(pieces(r.name, n));
      qs.add(pieces(r.address, n));
      qs.add(pieces(r.people[0]!.name, Math.min(n, 3)));
    }
    qs.add(pieces(r.creditCode, 2));
    qs.add(pieces(r.creditCode, 5).toLowerCase());
    const m = r.people[1]!.mobile;
    qs.add(`${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`); // typed with spaces
    qs.add(m.slice(4, 6).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))); // full-width
    if (r.services[0]) qs.add(r.services[0].slice(9, 14));
    if (r.shortName) qs.add(`${pieces(r.shortName, 2)} ${pieces(r.address, 1)}`);
  }
  for (const r of rows.slice(0, 6)) {
    qs.add(r.people[0]!.mobile.slice(-2)); // two digits at a number's end: no trigram starts there
    // Full pinyin longer than the prefixes indexed as tokens of their own.
    const full = pinyin(r.name.replace(/\d+$/, ''), { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
    qs.add(full.slice(0, 15));
    qs.add(`${full.slice(0, 13)}x`);
  }
  // A term mixing Chinese and digits ("公司4") is a substring for the trigram index but two parts for
  // the words index; such terms are left out here (see the lead's note in the report).
  return [...qs].filter((q) => q.trim() && !q.split(/\s+/).some((t) => /\p{Script=Han}/u.test(t) && /[^\p{Script=Han}]/u.test(t)));
}

describe('the words index answers like a plain scan', () => {
  it('every term length, field and typed form, for a leader and for an account manager', async () => {
    const { app, leader, am, rows } = await seedBranch();
    const live = rows.filter((r) => !r.deleted);
    for (const query of queriesFrom(rows)) {
      const all = live.filter((r) => scanMatches(r, query)).map((r) => r.id).sort();
      expect(await listIds(app, leader.token, query), `leader: ${query}`).toEqual(all);
      const mine = live
        .filter((r) => (r.ownerId === am.userId || r.ownerId === null) && scanMatches(r, query))
        .map((r) => r.id)
        .sort();
      expect(await listIds(app, am.token, query), `account manager: ${query}`).toEqual(mine);
    }
    // The polyphonic case is really exercised: 重庆 reads chongqing, and zhongqing is indexed too.
    expect(live.some((r) => scanMatches(r, 'zqyh'))).toBe(true);
  });

  it('the probe a broad search walks the list with selects the same customers as the scan, also while records wait', async () => {
    const { app, am, rows } = await seedBranch(CATCH_UP_LIMIT + 100);
    const sqlite = app.runtime.store.sqlite;
    const probed = (query: string, scope?: string[], dense = false) => {
      const probe = probeSql(sqlite, customerSearchSource, query, scope, 'c.id', dense)!;
      return (
        sqlite.prepare(`SELECT c.id FROM customers c WHERE c.deleted = 0 AND ${probe.sql}`).all(...probe.params) as { id: string }[]
      )
        .map((r) => r.id)
        .sort();
    };
    const mine = [ownerScopeToken(am.userId), ownerScopeToken(null)];
    const check = () => {
      for (const query of ['银行', '银', '公', 'nmg', 'ctn', '王', '呼和 路']) {
        const live = rows.filter((r) => !r.deleted && scanMatches(r, query));
        expect(probed(query), `leader: ${query}`).toEqual(live.map((r) => r.id).sort());
        expect(probed(query, undefined, true), `leader, row by row: ${query}`).toEqual(live.map((r) => r.id).sort());
        const scoped = live.filter((r) => r.ownerId === am.userId || r.ownerId === null);
        expect(probed(query, mine), `account manager: ${query}`).toEqual(scoped.map((r) => r.id).sort());
        expect(probed(query, mine, true), `account manager, row by row: ${query}`).toEqual(scoped.map((r) => r.id).sort());
      }
    };
    ensureSearchVersion(sqlite);
    while (indexQueued(sqlite) > 0);
    check();
    // Every name holds 公 (有限公司), one in five 呼和 (呼和浩特): only the first is asked about row by row.
    expect(matchesDensely(sqlite, customerSearchSource, '公', undefined, 0.5, 100)).toBe(true);
    expect(matchesDensely(sqlite, customerSearchSource, '呼和', undefined, 0.5, 100)).toBe(false);
    // A queue longer than a search indexes itself: the queued records are tested on their text.
    expect(rebuildSearchIndex(sqlite).queued).toBeGreaterThan(CATCH_UP_LIMIT);
    check();
  });

  it('a short term is answered by the index, with the matched field and parts to highlight', async () => {
    const { app, leader, rows } = await seedBranch(60);
    const bank = rows.find((r) => !r.deleted && r.name.includes('银行'))!;
    const r = await app.call('customers.list', { query: '银行', pageSize: 200 }, leader.token);
    const row = r.rows.find((x) => x.id === bank.id)!;
    expect(row.match?.field).toBe('name');
    const [start, end] = row.match!.ranges[0]!;
    expect(bank.name.slice(start, end)).toBe('银行');
    const person = rows.find((x) => !x.deleted)!.people[0]!;
    const spaced = `${person.mobile.slice(0, 3)} ${person.mobile.slice(3, 7)} ${person.mobile.slice(7)}`;
    const byPhone = await app.call('customers.list', { query: spaced }, leader.token);
    expect(byPhone.rows[0]?.match?.field).toBe('keyPerson');
  });
});

describe('the words index is fresh after every kind of write', () => {
  it('create, update, delete through the API; a bulk write; a rebuild', async () => {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    const names = async (query: string) =>
      (await app.call('customers.list', { query, sort: 'name', dir: 'asc' }, leader.token)).rows.map((r) => r.name);
    const c = await app.call('customers.create', { name: '内蒙古电力集团有限公司', address: '赛罕区' }, leader.token);
    expect(await names('电力')).toEqual(['内蒙古电力集团有限公司']);
    expect(await names('nmgdl')).toEqual(['内蒙古电力集团有限公司']);
    await app.call('customers.update', { id: c.id, name: '内蒙古能源集团有限公司' }, leader.token);
    expect(await names('电力')).toEqual([]);
    expect(await names('能源')).toEqual(['内蒙古能源集团有限公司']);
    await app.call('customers.contacts.save', { customerId: c.id, name: '欧阳建国', mobile: '139 1234 5678' }, leader.token);
    expect(await names('欧阳')).toEqual(['内蒙古能源集团有限公司']);
    expect(await names('5678')).toEqual(['内蒙古能源集团有限公司']);
    await app.call('customers.delete', { id: c.id, reason: '合并' }, leader.token);
    expect(await names('能源')).toEqual([]);
    // A bulk write of more records than a search indexes itself: found before the worker runs.
    const sqlite = app.runtime.store.sqlite;
    sqlite.transaction(() =>
      bulkInsert(
        app.ctx(),
        customers,
        Array.from({ length: 800 }, (_, i) => ({ name: `批量医院${i}`, nameKey: `批量医院${i}` })),
      ),
    )();
    expect(searchQueueLength(sqlite)).toBe(800);
    const r = await app.call('customers.list', { query: '医院' }, leader.token);
    expect(r.total).toBe(800);
    expect(r.searchCatchingUp).toBe(true);
    while (indexQueued(sqlite) > 0);
    expect((await app.call('customers.list', { query: '医院' }, leader.token)).total).toBe(800);
    // A rebuild queues everything again; searches stay right meanwhile.
    expect(rebuildSearchIndex(sqlite).queued).toBe(800);
    expect((await app.call('customers.list', { query: '医院' }, leader.token)).total).toBe(800);
  });
});
