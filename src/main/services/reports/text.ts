import type { Locale } from '../../../shared/locale';
import { GRADES, CUSTOMER_TYPES } from '../../../shared/contract/customer-common';

/**
 * Report labels live with each report in both languages, so adding a report needs no edit to a
 * shared message file, and the Excel export (made in the main process) gets the same Chinese headers.
 */
export interface Text {
  'zh-CN': string;
  en: string;
}

/** A label in both UI languages. */
export function tx(zh: string, en: string): Text {
  return { 'zh-CN': zh, en };
}

export type Translate = (text: Text) => string;

/** The label picker for one caller's language. */
export function translator(locale: Locale): Translate {
  return (text) => text[locale];
}

export const GRADE_TEXT: Record<(typeof GRADES)[number], Text> = {
  strategic: tx('战略', 'Strategic'),
  key: tx('重点', 'Key'),
  vip: tx('VIP', 'VIP'),
  quality: tx('优质', 'Quality'),
  normal: tx('普通', 'Normal'),
};

export const TYPE_TEXT: Record<(typeof CUSTOMER_TYPES)[number], Text> = {
  gov: tx('党政军', 'Government'),
  group: tx('集团', 'Group'),
  enterprise: tx('企业', 'Enterprise'),
  strategic: tx('战略客户', 'Strategic'),
};

export const NONE_TEXT = tx('未分级', 'Ungraded');
export const ALL_TEXT = tx('全部', 'All');
export const POOL_TEXT = tx('公海（未分配）', 'Pool (unassigned)');

/** The grade's name, or 未分级 for null / unknown. */
export function gradeLabel(t: Translate, grade: string | null): string {
  return grade && grade in GRADE_TEXT ? t(GRADE_TEXT[grade as keyof typeof GRADE_TEXT]) : t(NONE_TEXT);
}

/** The customer type's name. */
export function typeLabel(t: Translate, type: string): string {
  return type in TYPE_TEXT ? t(TYPE_TEXT[type as keyof typeof TYPE_TEXT]) : type;
}

/** SQL ordering grades strategic → normal, ungraded last (column expression over `col`). */
export function gradeOrderSql(col: string): string {
  return `CASE ${col} WHEN 'strategic' THEN 1 WHEN 'key' THEN 2 WHEN 'vip' THEN 3 WHEN 'quality' THEN 4 WHEN 'normal' THEN 5 ELSE 6 END`;
}

/** Grades in display order, ungraded (null) last. */
export const GRADE_ORDER: (string | null)[] = [...GRADES, null];
