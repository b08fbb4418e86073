import { describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../../src/main/services/auth';
import { formatDuration } from '../../src/shared/duration';
import { formatShanghaiTime, parseShanghaiTime } from '../../src/shared/time';
import { makeTestApp, TEST_PASSWORD } from './helpers';

describe('durations read as the branch reads them', () => {
  // minutes → [zh-CN, en]
  const cases: [number, string, string][] = [
    [0, '0分钟', '0 min'],
    [0.4, '不到1分钟', 'under 1 min'],
    [1, '1分钟', '1 min'],
    [45, '45分钟', '45 min'],
    [59, '59分钟', '59 min'],
    [59.9, '59分钟', '59 min'],
    [60, '1小时', '1 h'],
    [65, '1小时5分钟', '1 h 5 min'],
    [1439, '23小时59分钟', '23 h 59 min'],
    [1440, '1天', '1 d'],
    [1441, '1天', '1 d'],
    [1500, '1天1小时', '1 d 1 h'],
    [2 * 1440 + 3 * 60, '2天3小时', '2 d 3 h'],
    [3 * 1440, '3天', '3 d'],
    [60 * 1440 + 5, '60天', '60 d'],
  ];
  it.each(cases)('%s minutes are %s / %s', (minutes, zh, en) => {
    expect(formatDuration(minutes, 'zh-CN')).toBe(zh);
    expect(formatDuration(minutes, 'en')).toBe(en);
  });

  it('leaves the sign to the caller ("over" or "left"): an overdue span reads like a remaining one', () => {
    expect(formatDuration(-65, 'zh-CN')).toBe('1小时5分钟');
    expect(formatDuration(-0.5, 'en')).toBe('under 1 min');
  });
});

describe('times read in Asia/Shanghai', () => {
  it('formats an instant as Shanghai wall time, with seconds on request', () => {
    expect(formatShanghaiTime('2026-12-07T02:15:00.000Z')).toBe('2026-12-07 10:15');
    expect(formatShanghaiTime('2026-12-31T16:30:09Z', { seconds: true })).toBe('2027-01-01 00:30:09');
    expect(formatShanghaiTime(Date.parse('2026-12-07T02:15:00Z'))).toBe('2026-12-07 10:15');
    expect(formatShanghaiTime('not a time')).toBe('not a time');
  });

  it('reads a typed time: with a zone as given, without one as Shanghai wall time; refuses what is not a time', () => {
    expect(parseShanghaiTime('2027-03-01T01:00:00Z')).toBe(Date.parse('2027-03-01T01:00:00Z'));
    expect(parseShanghaiTime('2027-03-01T09:00:00+08:00')).toBe(Date.parse('2027-03-01T01:00:00Z'));
    expect(parseShanghaiTime('2027-03-01 09:00')).toBe(Date.parse('2027-03-01T01:00:00Z'));
    expect(parseShanghaiTime('2027-03-01')).toBe(Date.parse('2027-02-28T16:00:00Z'));
    for (const bad of ['2027-02-30', '2027-03-01 25:00', '2027-3-1', 'tomorrow', '']) expect(parseShanghaiTime(bad)).toBeNull();
  });
});

describe('server messages give times in Shanghai', () => {
  it('a locked account is told the Shanghai wall time it unlocks at, in either language, never a UTC or ISO time', async () => {
    const app = makeTestApp({ file: false });
    app.clock.ms = Date.parse('2026-12-07T02:00:00Z'); // 10:00 in Shanghai
    app.runtime.store.sqlite.transaction(() =>
      createUserWithPassword(app.ctx(), { username: 'lisi', displayName: '李四', role: 'staff', password: TEST_PASSWORD }),
    )();
    const attempt = (password: string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
      app.api.call('auth.login', { username: 'lisi', password }, { locale });
    const first = await attempt('Wrong1234');
    // The lockout's length is in the shared notation too.
    expect(!first.ok && first.error.message).toContain('锁定 15分钟');
    for (let i = 0; i < 3; i++) await attempt('Wrong1234');
    const fifth = await attempt('Wrong1234');
    expect(!fifth.ok && fifth.error.message).toContain('2026-12-07 10:15');
    const again = await attempt(TEST_PASSWORD, 'en');
    const message = !again.ok ? again.error.message : '';
    expect(message).toContain('locked until 2026-12-07 10:15');
    expect(message).not.toMatch(/02:15|\d{2}T\d{2}|Z\b/);
    app.runtime.store.sqlite.close();
  });
});
