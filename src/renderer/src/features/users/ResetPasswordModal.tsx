import { useEffect } from 'react';
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract/auth';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';

/** An administrator sets a new password for a user; this also clears a lockout. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= 8 ? null : t('setup.passwordRule')),
      confirm: (v, values) => (v === values.password ? null : t('setup.passwordMismatch')),
    },
  });
  useEffect(() => {
    if (user) form.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user]);
  const reset = useSubmitOnce({
    mutationFn: (password: string) => call('users.resetPassword', { id: user?.id ?? '', password }),
    onSuccess: (u) => {
      notifySuccess(t('users.passwordReset', { name: u.displayName }));
      void queryClient.invalidateQueries({ queryKey: ['users.list'] });
      onClose();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      form.setFieldError('password', fields.password ?? errorMessage(e));
    },
  });
  return (
    <GuardedModal
      opened={!!user}
      dirty={!!user && form.isDirty()}
      onClose={onClose}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
    >
      <form noValidate onSubmit={form.onSubmit((v) => reset.submit(v.password))}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('users.resetPasswordHint')}
          </Text>
          <PasswordInput
            label={t('changePassword.new')}
            description={t('setup.passwordRule')}
            autoComplete="new-password"
            data-autofocus
            maxLength={128}
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('changePassword.confirm')}
            autoComplete="new-password"
            maxLength={128}
            {...form.getInputProps('confirm')}
          />
          <Group justify="flex-end" mt="xs">
            <CancelButton />
            <Button type="submit" loading={reset.isPending}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
