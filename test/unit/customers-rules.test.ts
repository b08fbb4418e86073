import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, isValidCreditCode } from '../../src/shared/credit-code';
import {
  cleanText,
  companyNameKey,
  normalizeCreditCode,
  normalizeDate,
  normalizePeriod,
  normalizePhone,
  parseYuanToFen,
  toHalfWidth,
} from '../../src/shared/normalize';
import { gradeOf, periodMonths, scoreOf, type Metrics } from '../../src/main/services/customers/evaluation';
import { DEFAULT_CUSTOMER_SETTINGS, keyReasons } from '../../src/main/services/customers/settings';
import { creditCodeSchema } from '../../src/shared/contract/customer-common';

describe('统一社会信用代码 check character (GB 32100)', () => {
  it('accepts published codes of real companies', () => {
    // Printed on public business licences.
    for (const code of ['91110000802100433B', '91350100M000100Y43', '91440300708461136T', '911100001000080343']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('computes the check character by the weights 3^i mod 31 (worked example)', () => {
    // 9·1 + 1·3 + 1·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + A(10)·29 + 0·25 + 1·13 + 2·8 + 3·24 + 4·10 + 5·30 + X(29)·28
    const first17 = '91150100MA012345X';
    const sum = [...first17].reduce((acc, ch, i) => acc + CREDIT_CODE_ALPHABET.indexOf(ch) * [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28][i]!, 0);
    const expected = CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
    expect(creditCodeCheckChar(first17)).toBe(expected);
    expect(isValidCreditCode(first17 + expected)).toBe(true);
  });

  it('rejects a wrong check character, wrong length and letters outside the alphabet (I O S V Z)', () => {
    const good = '91110000802100433B';
    expect(isValidCreditCode('91110000802100433C')).toBe(false);
    expect(isValidCreditCode(good.slice(0, 17))).toBe(false);
    expect(isValidCreditCode(`${good}0`)).toBe(false);
    expect(isValidCreditCode('9111000080210043IB')).toBe(false);
    expect(isValidCreditCode('91110000802100433b')).toBe(false);
    expect(creditCodeCheckChar('9111000080210043O')).toBeNull();
  });

  it('every single-character change of a valid code is caught', () => {
    const good = '91350100M000100Y43';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < 17; i++) {
      for (const ch of CREDIT_CODE_ALPHABET) {
        if (ch === good[i]) continue;
        tried++;
        if (!isValidCreditCode(good.slice(0, i) + ch + good.slice(i + 1))) caught++;
      }
    }
    expect(caught).toBe(tried);
  });

  it('the contract field upper-cases, trims and allows empty', () => {
    expect(creditCodeSchema.parse(' 91110000802100433b ')).toBe('91110000802100433B');
    expect(creditCodeSchema.parse('')).toBe('');
    expect(creditCodeSchema.safeParse('91110000802100433C').success).toBe(false);
  });
});

describe('import normalisation', () => {
  it('turns full-width digits and letters half-width and trims/collapses spaces', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）')).toBe('ABC123()');
    expect(cleanText('  内蒙古\u3000伊利  集团（股份） １２３ＡＢ \u00a0')).toBe('内蒙古 伊利 集团（股份） 123AB');
    expect(cleanText(null)).toBe('');
  });

  it('parses amounts in 元 to fen with thousands separators, currency signs and full-width digits', () => {
    expect(parseYuanToFen('12,500.50')).toBe(1_250_050);
    expect(parseYuanToFen('￥3 000')).toBe(300_000);
    expect(parseYuanToFen('１２３.４５')).toBe(12_345);
    expect(parseYuanToFen('1，234元')).toBe(123_400);
    expect(parseYuanToFen('0.005')).toBe(1);
    expect(parseYuanToFen('0.004')).toBe(0);
    expect(parseYuanToFen(1.005)).toBe(101);
    expect(parseYuanToFen('12.5.3')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('')).toBeNull();
  });

  it('writes phone numbers in one form: mobiles as 11 digits, landlines as area code-number', () => {
    expect(normalizePhone(' 139 1234 5678 ')).toBe('13912345678');
    expect(normalizePhone('0471-1234567')).toBe('0471-1234567');
    expect(normalizePhone('（0471）1234567')).toBe('0471-1234567');
    expect(normalizePhone('04711234567')).toBe('0471-1234567');
    expect(normalizePhone('+86 139-1234-5678')).toBe('13912345678');
  });

  it('normalises credit codes typed with spaces and lower case', () => {
    expect(normalizeCreditCode(' 9111 0000 8021 0043 3b')).toBe('91110000802100433B');
  });

  it('gives the same duplicate key to names differing only in spaces, brackets, width and case', () => {
    const key = companyNameKey('内蒙古伊利实业集团(股份)有限公司');
    expect(companyNameKey(' 内蒙古 伊利实业集团（股份）有限公司 ')).toBe(key);
    expect(companyNameKey('内蒙古伊利实业集团【股份】有限公司')).toBe(key);
    expect(companyNameKey('ABC科技有限公司')).toBe(companyNameKey('ａｂｃ 科技有限公司'));
    expect(companyNameKey('内蒙古蒙牛乳业有限公司')).not.toBe(key);
  });

  it('reads dates and periods in the forms Excel users type', () => {
    expect(normalizeDate('2026-1-5')).toBe('2026-01-05');
    expect(normalizeDate('2026/01/05')).toBe('2026-01-05');
    expect(normalizeDate('2026年1月5日')).toBe('2026-01-05');
    expect(normalizeDate('46027')).toBe('2026-01-05'); // Excel serial
    expect(normalizeDate('2026-02-30')).toBeNull();
    expect(normalizeDate('yesterday')).toBeNull();
    expect(normalizePeriod('2026-1')).toBe('2026-01');
    expect(normalizePeriod('202601')).toBe('2026-01');
    expect(normalizePeriod('2026年12月')).toBe('2026-12');
    expect(normalizePeriod('46027')).toBe('2026-01');
    expect(normalizePeriod('2026-13')).toBeNull();
  });
});

describe('grade rules', () => {
  const rules = DEFAULT_CUSTOMER_SETTINGS.gradeRules;
  const base: Metrics = {
    billCount: 3,
    billedFen: 15_000_000,
    paidFen: 15_000_000,
    onTimeRatio: 1,
    revenueShare: 0.01,
    growth: 0.5,
    months: 3,
    designatedStrategic: false,
  };

  it('a customer at every target scores 100 and is strategic', () => {
    expect(scoreOf(base, rules)).toBe(100);
    expect(gradeOf(100, false, rules)).toBe('strategic');
  });

  it('weights each factor as documented', () => {
    // Half the amount target, everything else full: 100 - 40/2 = 80.
    expect(scoreOf({ ...base, billedFen: 7_500_000, paidFen: 7_500_000 }, rules)).toBe(80);
    // Nothing paid on time and half paid: 100 - 20 (on time) - 15/2 (payment) = 72.5.
    expect(scoreOf({ ...base, paidFen: 7_500_000, onTimeRatio: 0 }, rules)).toBe(72.5);
    // No previous period: growth counts half (5 of 10).
    expect(scoreOf({ ...base, growth: null }, rules)).toBe(95);
    // Spend halved vs the previous period: growth factor 0.
    expect(scoreOf({ ...base, growth: -0.5 }, rules)).toBe(90);
  });

  it('maps scores to grades at the configured minimums, and designated strategic overrides', () => {
    expect(gradeOf(85, false, rules)).toBe('strategic');
    expect(gradeOf(84.9, false, rules)).toBe('key');
    expect(gradeOf(70, false, rules)).toBe('key');
    expect(gradeOf(55, false, rules)).toBe('vip');
    expect(gradeOf(40, false, rules)).toBe('quality');
    expect(gradeOf(39.9, false, rules)).toBe('normal');
    expect(gradeOf(10, true, rules)).toBe('strategic');
    expect(gradeOf(10, true, { ...rules, designatedIsStrategic: false })).toBe('normal');
  });

  it('periods map to their months', () => {
    expect(periodMonths('month', '2026-02')).toEqual({ first: '2026-02', last: '2026-02', months: 1 });
    expect(periodMonths('quarter', '2026-Q4')).toEqual({ first: '2026-10', last: '2026-12', months: 3 });
    expect(periodMonths('year', '2025')).toEqual({ first: '2025-01', last: '2025-12', months: 12 });
  });
});

describe('key-customer rule', () => {
  const rule = DEFAULT_CUSTOMER_SETTINGS;
  it('is key by spend ≥ 3,000 元, by type (党政军/集团/战略) or by designation', () => {
    expect(keyReasons(rule, { monthlySpendFen: 300_000, type: 'enterprise', designatedStrategic: false })).toEqual(['spend']);
    expect(keyReasons(rule, { monthlySpendFen: 299_999, type: 'enterprise', designatedStrategic: false })).toEqual([]);
    expect(keyReasons(rule, { monthlySpendFen: 0, type: 'gov', designatedStrategic: false })).toEqual(['type']);
    expect(keyReasons(rule, { monthlySpendFen: 0, type: 'enterprise', designatedStrategic: true })).toEqual(['designated']);
    expect(keyReasons({ ...rule, keyIncludesDesignated: false, keyTypes: [] }, { monthlySpendFen: 0, type: 'gov', designatedStrategic: true })).toEqual([]);
  });
});
