import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { call, fieldErrors } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';

/** Changing one's own password; the server checks the current one. */
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
  const change = useSubmitOnce({
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
    <GuardedModal
      opened={opened}
      dirty={opened && form.isDirty()}
      onClose={close}
      title={t('changePassword.title')}
    >
      <form noValidate onSubmit={form.onSubmit((values) => change.submit(values))}>
        <Stack gap="sm">
          <PasswordInput
            label={t('changePassword.current')}
            autoComplete="current-password"
            data-autofocus
            maxLength={128}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('changePassword.new')}
            description={t('setup.passwordRule')}
            autoComplete="new-password"
            maxLength={128}
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('changePassword.confirm')}
            autoComplete="new-password"
            maxLength={128}
            {...form.getInputProps('confirm')}
          />
          <Group justify="flex-end" mt="xs">
            <CancelButton />
            <Button type="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
