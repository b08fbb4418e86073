import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../shared/locale';
import { zhCN } from './zh-CN';
import { en } from './en';

const STORAGE_KEY = 'kam.locale';

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function applyLocale(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  // The desktop app's menu and native dialogs follow the UI language.
  window.kamShell?.setLocale(locale).catch(() => undefined);
}

const initial = storedLocale();
applyLocale(initial);

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: DEFAULT_LOCALE,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;

/** The UI language, also sent to the server so its messages come back in it. */
export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language and remembers it for the next start. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, still switched.
  }
  applyLocale(locale);
  await i18next.changeLanguage(locale);
}
