export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Picks our locale from a tag such as 'en-US' or an Accept-Language header; zh-CN otherwise. */
export function pickLocale(tag: string | null | undefined): Locale {
  if (!tag) return DEFAULT_LOCALE;
  const first = tag.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}
