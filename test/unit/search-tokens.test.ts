import { describe, expect, it } from 'vitest';
import { fieldTokens, pinyinTokens, searchForm } from '../../src/main/services/search/tokens';
import { describeMatch } from '../../src/main/services/search/query';
import { customerSearchSource } from '../../src/main/services/customers/search-source';
import { makeTestApp } from './helpers';

/** How text becomes words-index tokens (services/search/tokens.ts), seen through Ctrl+K. */

describe('words index tokens', () => {
  it('Chinese gives bigrams and characters, Latin and digits trigrams, their last two and characters', () => {
    // "ab" is too short for trigrams: it is found as a run's last two characters, "12" as a trigram's prefix.
    expect(fieldTokens('银行ＡＢ 12-34')).toBe('银行 行 ab 123 234 34 银 行 a b 1 2 3 4');
    expect(searchForm('１３９ ０４７１－1234')).toBe('13904711234');
    expect(pinyinTokens(['重庆']).split(' ')).toEqual(expect.arrayContaining(['cq', 'chongqing', 'zq', 'zhongqing']));
  });

  it('a pinyin hit highlights the characters the pinyin covers, in any of their readings', () => {
    const record = { fields: ['重庆银行', '', '', '', '', ''], scope: [] };
    const covered = (query: string) => describeMatch(customerSearchSource, record, query)?.ranges;
    expect(covered('cqyh')).toEqual([[0, 4]]);
    expect(covered('zqy')).toEqual([[0, 3]]);
    expect(covered('chongqingyin')).toEqual([[0, 3]]);
    expect(covered('zhongqingyinh')).toEqual([[0, 4]]);
    expect(covered('chongqingxy')).toBeUndefined();
  });

  it('a phrase never runs on from one run of text into the next', async () => {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    await app.call('customers.create', { name: '草原乳业', address: '金桥 桥电路' }, leader.token);
    const titles = async (query: string) => (await app.call('search.global', { query }, leader.token)).map((h) => h.title);
    expect(await titles('桥电路')).toEqual(['草原乳业']);
    expect(await titles('金桥')).toEqual(['草原乳业']);
    expect(await titles('金桥电')).toEqual([]);
  });

  it("digits typed with spaces are one number, but two of a key person's numbers never join", async () => {
    const app = makeTestApp();
    const leader = await app.signIn('leader');
    const c = await app.call('customers.create', { name: '草原乳业' }, leader.token);
    await app.call('customers.contacts.save', { customerId: c.id, name: '王平', mobile: '13579103578', phone: '0471-6033674' }, leader.token);
    const hits = async (query: string) => (await app.call('search.global', { query }, leader.token)).map((h) => h.match?.text);
    expect(await hits('135 7910 3578')).toEqual(['13579103578']);
    expect(await hits('04716033')).toEqual(['0471-6033674']);
    expect(await hits('３５７８')).toEqual(['13579103578']);
    expect(await hits('78047')).toEqual([]);
  });
});
