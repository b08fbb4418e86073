import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/locale';
import { currentLocale, setLocale } from '../i18n';

/** 中文 / English switch; the choice is remembered on this PC. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = i18n.language === 'en' ? 'en' : currentLocale();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('shell.language')}
      value={value}
      onChange={(v) => void setLocale(v as Locale)}
      data={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
