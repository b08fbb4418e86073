import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

/** "已恢复未保存的草稿（2026-11-23 14:05）[丢弃草稿]" above a form whose draft was restored. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: string; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" icon={<IconHistory size={16} />} py={6} role="status">
      <Group gap="xs">
        <Text size="sm">{t('forms.draft.restored', { time: formatDateTime(savedAt) })}</Text>
        <Anchor component="button" type="button" size="sm" onClick={onDiscard}>
          {t('forms.draft.discard')}
        </Anchor>
      </Group>
    </Alert>
  );
}
