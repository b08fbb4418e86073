import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Discard unsaved changes?" — Keep editing has the focus, so Enter or Esc never loses work. */
export function DiscardChangesModal({
  opened,
  onKeep,
  onDiscard,
}: {
  opened: boolean;
  onKeep: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onKeep}
      title={t('forms.discard.title')}
      size="sm"
      zIndex={400}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Text size="sm">{t('forms.discard.message')}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" color="red" onClick={onDiscard}>
          {t('forms.discard.confirm')}
        </Button>
        <Button onClick={onKeep} data-autofocus>
          {t('forms.discard.keep')}
        </Button>
      </Group>
    </Modal>
  );
}
