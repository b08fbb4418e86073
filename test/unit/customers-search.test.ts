import { describe, expect, it } from 'vitest';
import { customers } from '../../src/main/db/schema';
import { bulkInsert } from '../../src/main/services/bulk';
import {
  filterWhere,
  mapScopeOf,
  SCOPED_PREFILTER_LIMIT,
  SEARCH_DRIVE_LIMIT,
  searchMode,
} from '../../src/main/services/customers/list';
import { withBulkTriggers } from '../../src/main/services/customers/import/triggers';
import {
  indexPendingSearchRows,
  pendingSearchCount,
  searchPending,
} from '../../src/main/services/customers/search-index';
import type { Actor } from '../../src/main/services/context';
import { companyNameKey } from '../../src/shared/normalize';
import { makeTestApp } from './helpers';

/**
 * The search box over a branch where one word matches thousands of customers: the broad search walks the
 * list and probes the match set, the narrow one drives from the matches; both must give exactly what a
 * plain reading of the rows gives, in order, with the right total.
 */

const PLACES = ['呼和浩特', '包头', '鄂尔多斯'];
const CORES = ['金桥', '北辰', '润凯', '银河', '草原'];
const KINDS = ['电力有限公司', '物流有限公司', '乳业集团有限公司'];

interface Seeded {
  id: string;
  name: string;
  address: string;
  ownerId: string | null;
  region: string;
  deleted: boolean;
}

async function seedBranch() {
  const app = makeTestApp();
  const leader = await app.signIn('leader');
  const am = await app.signIn('account_manager');
  const other = await app.signIn('account_manager');
  const rows: Seeded[] = [];
  // 3,500 customers, every address in 内蒙古: that word alone matches more than SEARCH_DRIVE_LIMIT of
  // them, and more than the bounded count looks at (3,003), so every counting path is taken.
  for (let i = 0; i < 3500; i++) {
    const name = `${PLACES[i % 3]}${CORES[i % 5]}${i}号${KINDS[(i % 7) % 3]}`;
    const region = ['赛罕区', '新城区', '回民区'][(i % 4) % 3]!;
    rows.push({
      id: '',
      name,
      address: `内蒙古${region}${i}号`,
      ownerId: i % 10 === 0 ? null : i % 3 === 1 ? am.userId : other.userId,
      region,
      deleted: false,
    });
  }
  const ctx = app.ctx();
  const sqlite = app.runtime.store.sqlite;
  sqlite.transaction(() => {
    const ids = bulkInsert(
      ctx,
      customers,
      rows.map((r, i) => ({
        name: r.name,
        nameKey: companyNameKey(r.name),
        shortName: '',
        creditCode: '',
        industry: '能源',
        type: 'enterprise' as const,
        region: r.region,
        address: r.address,
        ownerId: r.ownerId,
        stage: i % 50 === 0 ? ('intent' as const) : ('signed' as const),
        notes: `${i}`,
      })),
    );
    ids.forEach((id, i) => (rows[i]!.id = id));
    // Distinct update times so every sort order is fully determined, and some customers deleted.
    const touch = sqlite.prepare('UPDATE customers SET updated_at = ?, deleted = ? WHERE id = ?');
    rows.forEach((r, i) => {
      r.deleted = i % 97 === 5;
      touch.run(
        new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 3500) * 60_000).toISOString(),
        r.deleted ? 1 : 0,
        r.id,
      );
    });
  })();
  const updatedAt = new Map(
    (
      sqlite.prepare('SELECT id, updated_at AS u, rowid AS r FROM customers').all() as {
        id: string;
        u: string;
        r: number;
      }[]
    ).map((x) => [x.id, [x.u, x.r] as const]),
  );
  return { app, leader, am, rows, updatedAt };
}

describe('customer search over many matches', () => {
  it('chooses to probe for a broad search and to drive for a narrow one', async () => {
    const { app } = await seedBranch();
    expect(searchMode(app.ctx(), '内蒙古')).toBe('probe');
    expect(searchMode(app.ctx(), '呼和浩特')).toBe('drive');
    expect(searchMode(app.ctx(), '1234号')).toBe('drive');
    // A 2-character term goes to the words index (services/search, issue #18): 700 matches of 3,500
    // customers are walked, ~230 driven.
    expect(searchMode(app.ctx(), '北辰')).toMatchObject({ probe: true });
    expect(searchMode(app.ctx(), '北辰 鄂尔')).toMatchObject({ probe: false });
    expect(SEARCH_DRIVE_LIMIT).toBeLessThan(3500);
  });

  it("an account manager's search is decided by the matches in their scope, which the search map knows", async () => {
    const { app, am, rows } = await seedBranch();
    const mine = { ownerId: am.userId };
    // 3,500 match 内蒙古, ~1,450 of them the manager's own or in the pool: gathered once, they drive.
    expect(searchMode(app.ctx(), '内蒙古', mine)).toBe('hits');
    expect(searchMode(app.ctx(), '北辰', mine)).toMatchObject({ probe: false });
    expect(SCOPED_PREFILTER_LIMIT).toBeGreaterThan(3500);
    const sqlite = app.runtime.store.sqlite;
    const mapOwners = () =>
      new Map(
        (
          sqlite.prepare('SELECT customer_id AS id, owner_id AS o FROM customer_search_map').all() as {
            id: string;
            o: string | null;
          }[]
        ).map((r) => [r.id, r.o]),
      );
    const owners = () =>
      new Map(
        (
          sqlite.prepare('SELECT id, owner_id AS o FROM customers').all() as {
            id: string;
            o: string | null;
          }[]
        ).map((r) => [r.id, r.o]),
      );
    expect(mapOwners()).toEqual(owners());
    // Every way an owner changes reaches the map: a transfer, a release to the pool, a claim.
    const leader = await app.signIn('leader');
    const theirs = rows
      .filter((r) => !r.deleted && r.ownerId !== am.userId && r.ownerId !== null)
      .slice(0, 1);
    await app.call(
      'customers.transfer',
      { ids: [theirs[0]!.id], toOwnerId: am.userId, reason: '调整' },
      leader.token,
    );
    const own = rows.find((r) => !r.deleted && r.ownerId === am.userId)!;
    await app.call('customers.release', { ids: [own.id], reason: '释放' }, leader.token);
    const pool = rows.find((r) => !r.deleted && r.ownerId === null)!;
    expect(await app.call('customers.claim', { ids: [pool.id] }, am.token)).toMatchObject({ changed: 1 });
    expect(mapOwners()).toEqual(owners());
    const found = await app.call('customers.list', { query: theirs[0]!.address, pageSize: 5 }, am.token);
    expect(found.rows.map((r) => r.name)).toEqual([theirs[0]!.name]);
  });

  it('broad and narrow searches give exactly the matching rows, in order, with the total, for a leader and an account manager', async () => {
    const { app, leader, am, rows, updatedAt } = await seedBranch();
    const byNewest = (a: Seeded, b: Seeded) => {
      const [ua, ra] = updatedAt.get(a.id)!;
      const [ub, rb] = updatedAt.get(b.id)!;
      return ua === ub ? rb - ra : ua < ub ? 1 : -1;
    };
    const cases: {
      query: string;
      token: string;
      visible: (r: Seeded) => boolean;
      extra?: Record<string, unknown>;
      keep?: (r: Seeded) => boolean;
    }[] = [
      { query: '内蒙古', token: leader.token, visible: () => true },
      { query: '内蒙古', token: am.token, visible: (r) => r.ownerId === am.userId || r.ownerId === null },
      { query: '呼和浩特', token: leader.token, visible: () => true },
      { query: '内蒙古 金桥', token: leader.token, visible: () => true },
      { query: '有限公司 赛罕', token: leader.token, visible: () => true },
      {
        query: '内蒙古',
        token: leader.token,
        visible: () => true,
        extra: { region: ['回民区'] },
        keep: (r) => r.region === '回民区',
      },
      { query: '1234号', token: leader.token, visible: () => true },
      {
        query: '呼和浩特 金桥',
        token: am.token,
        visible: (r) => r.ownerId === am.userId || r.ownerId === null,
      },
      // A short term alone: the LIKE scan, pre-filtered at the search map too.
      { query: '北辰', token: am.token, visible: (r) => r.ownerId === am.userId || r.ownerId === null },
      // So few pass the filter that counting walks the list.
      {
        query: '内蒙古',
        token: leader.token,
        visible: () => true,
        extra: { stage: ['intent'] },
        keep: (r) => rows.indexOf(r) % 50 === 0,
      },
    ];
    for (const c of cases) {
      const terms = c.query.split(' ');
      const expected = rows
        .filter((r) => !r.deleted && c.visible(r) && (c.keep?.(r) ?? true))
        .filter((r) => terms.every((t) => r.name.includes(t) || r.address.includes(t)))
        .sort(byNewest);
      expect(expected.length, c.query).toBeGreaterThan(0);
      for (const page of [1, 3]) {
        const got = await app.call(
          'customers.list',
          { query: c.query, page, pageSize: 20, ...c.extra },
          c.token,
        );
        expect(
          got.rows.map((r) => r.name),
          `${c.query} page ${page}`,
        ).toEqual(expected.slice((page - 1) * 20, page * 20).map((r) => r.name));
        expect(got.total, c.query).toBe(Math.min(expected.length, 1000));
        expect(got.totalCapped, c.query).toBe(expected.length > 1000);
      }
      const byName = await app.call(
        'customers.list',
        { query: c.query, sort: 'name', dir: 'asc', pageSize: 10, ...c.extra },
        c.token,
      );
      expect(byName.rows.map((r) => r.name)).toEqual(
        expected
          .map((r) => r.name)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .slice(0, 10),
      );
    }
  });

  it('the probe and drive conditions select the same customers, also while an import waits for the indexer', async () => {
    const { app, rows } = await seedBranch();
    const sqlite = app.runtime.store.sqlite;
    const leader: Actor = { id: 'x', username: 'x', displayName: 'x', role: 'leader' } as Actor;
    const am = rows.find((r) => r.ownerId !== null)!.ownerId!;
    const manager: Actor = { id: am, username: 'am', displayName: 'am', role: 'account_manager' } as Actor;
    expect(mapScopeOf(manager)).toEqual({ ownerId: am });
    expect(mapScopeOf(leader)).toBeUndefined();
    const check = () => {
      for (const actor of [leader, manager]) checkActor(actor);
    };
    const checkActor = (actor: Actor) => {
      const visible = (r: Seeded) => actor.role === 'leader' || r.ownerId === am || r.ownerId === null;
      // Terms of 1–2 characters go by LIKE: alone ('河北', '回民 河北') or narrowing a long one ('内蒙古 回民', '回民区 河北').
      for (const query of [
        '内蒙古',
        '鄂尔多斯 电力',
        '包头 北辰 12',
        '内蒙古 回民',
        '河北省 回民',
        '河北',
        '回民 河北',
        '回民区 河北',
      ]) {
        const pick = (mode: 'drive' | 'probe' | 'hits') => {
          const where = filterWhere(
            actor,
            { query, sort: 'updatedAt', dir: 'desc' },
            mode,
            searchPending(sqlite),
          );
          return (
            sqlite
              .prepare(`SELECT c.id FROM customers c WHERE ${where.sql} ORDER BY c.id`)
              .all(...where.params) as { id: string }[]
          ).map((r) => r.id);
        };
        const drive = pick('drive');
        expect(pick('probe')).toEqual(drive);
        // The manager's broad search gathers its in-scope matches first; they select the same rows.
        if (actor === manager && searchMode(app.ctx(), query, mapScopeOf(actor)) === 'hits')
          expect(pick('hits')).toEqual(drive);
        expect(drive.length).toBe(
          rows.filter(
            (r) =>
              !r.deleted &&
              visible(r) &&
              query.split(' ').every((t) => r.name.includes(t) || r.address.includes(t)),
          ).length,
        );
      }
    };
    check();
    // A bulk write (as an import makes) moves every seventh customer to 河北省: their full-text rows
    // are queued, and until the indexer runs every mode must still see the new addresses, not the old.
    sqlite.transaction(() =>
      withBulkTriggers(app.ctx(), ['customers'], () => {
        const moved = rows.filter((_, i) => i % 7 === 0);
        const move = sqlite.prepare(
          `UPDATE customers SET address = replace(address, '内蒙古', '河北省') WHERE id = ?`,
        );
        for (const r of moved) {
          move.run(r.id);
          r.address = r.address.replace('内蒙古', '河北省');
        }
        return { result: undefined, customerIds: moved.map((r) => r.id) };
      }),
    )();
    expect(pendingSearchCount(sqlite)).toBe(500);
    check();
    while (indexPendingSearchRows(sqlite) > 0);
    expect(searchPending(sqlite)).toBe(false);
    check();
  });
});

describe("a customer's own text and its key people are two search rows (migration 0021)", () => {
  async function branch() {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    const a = await app.call(
      'customers.create',
      { name: '呼和浩特金桥电力有限公司', address: '赛罕区大学东街1号' },
      leader.token,
    );
    const b = await app.call(
      'customers.create',
      { name: '包头北辰物流有限公司', address: '昆都仑区钢铁大街9号' },
      leader.token,
    );
    const ouyang = await app.call(
      'customers.contacts.save',
      { customerId: a.id, name: '欧阳建国', mobile: '139 1234 5678' },
      leader.token,
    );
    await app.call(
      'customers.contacts.save',
      { customerId: b.id, name: '李明华', mobile: '138 7654 3210' },
      leader.token,
    );
    const names = async (query: string) =>
      (await app.call('customers.list', { query, sort: 'name', dir: 'asc' }, leader.token)).rows.map(
        (r) => r.name,
      );
    return { app, leader, a, b, ouyang, names };
  }

  it('a search of several terms matches a customer when each term is in its own text or its key people', async () => {
    const { app, leader, names } = await branch();
    expect(await names('金桥电力 欧阳建国')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('欧阳建国 大学东街')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('金桥电力 李明华')).toEqual([]);
    // A short term (LIKE) is looked for in both rows of a customer the long terms found.
    expect(await names('金桥电力 欧阳')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('北辰物流 欧阳')).toEqual([]);
    expect(await names('欧阳')).toEqual(['呼和浩特金桥电力有限公司']);
    // Phone digits are in the key people's row.
    expect(await names('7654321')).toEqual(['包头北辰物流有限公司']);
    // A customer matched by both of its rows is one customer, in the rows and in the total.
    const c = await app.call('customers.create', { name: '欧阳建国商贸有限公司' }, leader.token);
    await app.call(
      'customers.contacts.save',
      { customerId: c.id, name: '欧阳建国', mobile: '137 0000 1111' },
      leader.token,
    );
    const both = await app.call(
      'customers.list',
      { query: '欧阳建国', sort: 'name', dir: 'asc' },
      leader.token,
    );
    expect(both.rows.map((r) => r.name)).toEqual(['呼和浩特金桥电力有限公司', '欧阳建国商贸有限公司']);
    expect(both.total).toBe(2);
  });

  it('editing key people re-indexes only their row; deleting the customer takes both rows out of search', async () => {
    const { app, leader, a, ouyang, names } = await branch();
    const sqlite = app.runtime.store.sqlite;
    const ownRow = () =>
      sqlite
        .prepare(
          `SELECT x.own_text, (SELECT count(*) FROM customers_fts f WHERE f.rowid = m.seq * 2) AS n FROM customer_search_map m JOIN customer_search_text x ON x.seq = m.seq WHERE m.customer_id = ?`,
        )
        .get(a.id);
    const own = ownRow();
    await app.call(
      'customers.contacts.save',
      { id: ouyang.id, customerId: a.id, name: '欧阳振华', mobile: '139 1234 5678' },
      leader.token,
    );
    expect(await names('欧阳建国')).toEqual([]);
    expect(await names('欧阳振华')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(ownRow()).toEqual(own);
    // The index keeps no text, so nothing but the triggers guards against a row written twice.
    const indexed = () =>
      (sqlite.prepare('SELECT count(*) AS n FROM customers_fts').get() as { n: number }).n;
    expect(indexed()).toBe(4);
    await app.call('customers.update', { id: a.id, address: '赛罕区新华大街2号' }, leader.token);
    expect(await names('新华大街')).toEqual(['呼和浩特金桥电力有限公司']);
    expect(await names('大学东街')).toEqual([]);
    expect(indexed()).toBe(4);
    await app.call('customers.delete', { id: a.id, reason: '合并' }, leader.token);
    expect(indexed()).toBe(2);
    expect(await names('欧阳振华')).toEqual([]);
    expect(await names('欧阳')).toEqual([]);
    const rows = sqlite
      .prepare(
        `SELECT count(*) AS n FROM customers_fts f JOIN customer_search_map m ON m.seq = f.rowid >> 1 WHERE m.customer_id = ?`,
      )
      .get(a.id);
    expect(rows).toEqual({ n: 0 });
  });
});
