import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, fieldErrors } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('common.required')),
      newPassword: (v) => (v.length >= 8 ? null : t('setup.passwordRule')),
      confirm: (v, values) => (v === values.newPassword ? null : t('setup.passwordMismatch')),
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: typeof form.values) =>
      call('auth.changePassword', { currentPassword, newPassword }),
    onSuccess: () => {
      notifySuccess(t('changePassword.done'));
      close();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      // Wrong current password comes back without a field path.
      else if (e instanceof Error) form.setFieldError('currentPassword', e.message);
      else notifyError(e);
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('changePassword.title')}
    >
      <form noValidate onSubmit={form.onSubmit((values) => change.mutate(values))}>
        <Stack gap="sm">
          <PasswordInput
            label={t('changePassword.current')}
            autoComplete="current-password"
            data-autofocus
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('changePassword.new')}
            description={t('setup.passwordRule')}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('changePassword.confirm')}
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
