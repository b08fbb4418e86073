import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A yes/no question before an action that changes someone's access. Enter confirms, Esc cancels. */
export function ConfirmModal(props: {
  opened: boolean;
  title: string;
  message: string;
  danger?: boolean;
  loading?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size="sm"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm();
        }}
      >
        <Text size="sm">{props.message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color={props.danger ? 'red' : undefined}
            loading={props.loading}
            data-autofocus
          >
            {t('common.confirm')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
