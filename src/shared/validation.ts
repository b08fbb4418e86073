import type { z } from 'zod';
import { fieldLabel } from './field-labels';
import type { Locale } from './locale';
import { isMessageKey, translate } from './messages';

/**
 * Validation issues in the user's words (issue #21): every zod issue becomes a sentence that names the field
 * as the form labels it and says what to do — never raw validator text such as "数值过大：期望 string <=100 字符"
 * or "出现未知的键(key)". Messages the contract names by key (e.g. 'phone.mobile') are translated as they are.
 */

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const isMoney = (path: readonly PropertyKey[]) => {
  const last = path[path.length - 1];
  return typeof last === 'string' && /Fen$/.test(last);
};

/** ¥12,500.00 from fen, for limits in messages. */
function yuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * One issue as a sentence in the caller's language. `input` is the raw call input (to tell "missing" from
 * "wrong"). A message the contract names by key ("a mobile number has 11 digits…") is prefixed with the
 * field's label when `labelled` (the summary above a form); under the field itself it stands alone.
 */
export function issueMessage(issue: Issue, method: string, input: unknown, locale: Locale, labelled = true): string {
  if (isMessageKey(issue.message)) {
    const label = labelled ? fieldLabel(method, issue.path, locale) : null;
    const text = translate(issue.message, locale);
    return label ? translate('valid.labelled', locale, { label, text }) : text;
  }
  const label = fieldLabel(method, issue.path, locale) ?? translate('valid.thisField', locale);
  const p = { label };
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return translate('valid.tooLong', locale, { ...p, max });
      if (issue.origin === 'array' || issue.origin === 'set') return translate('valid.tooMany', locale, { ...p, max });
      if (isMoney(issue.path)) return translate('valid.moneyTooBig', locale, { ...p, max: yuan(max) });
      return translate('valid.numberTooBig', locale, { ...p, max });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? translate('valid.required', locale, p) : translate('valid.tooShort', locale, { ...p, min });
      }
      if (issue.origin === 'array' || issue.origin === 'set') return translate('valid.tooFew', locale, { ...p, min });
      if (min === 0 && isMoney(issue.path)) return translate('valid.moneyNegative', locale, p);
      if (min === 0) return translate('valid.negative', locale, p);
      if (isMoney(issue.path)) return translate('valid.moneyTooSmall', locale, { ...p, min: yuan(min) });
      return translate('valid.numberTooSmall', locale, { ...p, min });
    }
    case 'invalid_type': {
      const given = valueAt(input, issue.path);
      if (given === undefined || given === null || given === '') return translate('valid.required', locale, p);
      if (issue.expected === 'int' && typeof given === 'number') {
        return translate(isMoney(issue.path) ? 'valid.moneyNumber' : 'valid.wholeNumber', locale, p);
      }
      if (issue.expected === 'number' || issue.expected === 'int') {
        return translate(isMoney(issue.path) ? 'valid.moneyNumber' : 'valid.number', locale, p);
      }
      return translate('valid.wrongType', locale, p);
    }
    case 'invalid_value':
      return translate('valid.choose', locale, p);
    case 'invalid_format':
      return translate(issue.format === 'email' ? 'valid.email' : 'valid.format', locale, p);
    case 'unrecognized_keys':
      return translate('valid.unknownFields', locale, { fields: issue.keys.join('、') });
    case 'not_multiple_of':
      return translate(isMoney(issue.path) ? 'valid.moneyNumber' : 'valid.wholeNumber', locale, p);
    default:
      return translate('valid.format', locale, p);
  }
}
