import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { sessionStore } from '../../api/session';
import { AuthLayout } from './AuthLayout';

/** First run: names the branch and creates the first administrator (optionally with demo data). */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      branchCode: '',
      branchName: '',
      username: 'admin',
      displayName: '',
      password: '',
      confirm: '',
      demo: false,
    },
    validate: {
      branchCode: (v) => (/^[A-Z0-9]{2,10}$/.test(v.trim()) ? null : t('setup.branchCodeFormat')),
      branchName: (v) => (v.trim() ? null : t('common.required')),
      username: (v) => (v.trim() ? null : t('common.required')),
      displayName: (v) => (v.trim() ? null : t('common.required')),
      password: (v) => (v.length >= 8 ? null : t('setup.passwordRule')),
      confirm: (v, values) => (v === values.password ? null : t('setup.passwordMismatch')),
    },
  });

  const setup = useMutation({
    mutationFn: ({ confirm: _confirm, ...input }: typeof form.values) => call('auth.setup', input),
    onSuccess: async (result) => {
      sessionStore.signIn({ token: result.token, user: result.user });
      await queryClient.invalidateQueries({ queryKey: ['auth.status'] });
      navigate('/', { replace: true });
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      form.setErrors(fields);
      setError(Object.keys(fields).length ? null : errorMessage(e));
    },
  });

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} width={560}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setError(null);
          setup.mutate({ ...values, branchCode: values.branchCode.trim().toUpperCase() });
        })}
      >
        <Stack gap="sm">
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          )}
          <Text fw={600} size="sm">
            {t('setup.branchSection')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('setup.branchCode')}
              description={t('setup.branchCodeHint')}
              required
              autoFocus
              maxLength={10}
              {...form.getInputProps('branchCode')}
              onChange={(e) => form.setFieldValue('branchCode', e.currentTarget.value.toUpperCase())}
            />
            <TextInput
              label={t('setup.branchName')}
              description={t('setup.branchNameHint')}
              required
              maxLength={100}
              {...form.getInputProps('branchName')}
            />
          </SimpleGrid>
          <Divider my={4} />
          <Text fw={600} size="sm">
            {t('setup.adminSection')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('setup.username')}
              required
              autoComplete="username"
              maxLength={32}
              {...form.getInputProps('username')}
            />
            <TextInput
              label={t('setup.displayName')}
              required
              maxLength={50}
              {...form.getInputProps('displayName')}
            />
            <PasswordInput
              label={t('setup.password')}
              description={t('setup.passwordRule')}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label={t('setup.confirm')}
              required
              autoComplete="new-password"
              description={t('setup.confirmHint')}
              {...form.getInputProps('confirm')}
            />
          </SimpleGrid>
          <Checkbox
            mt="xs"
            label={t('setup.demo')}
            description={t('setup.demoHint')}
            {...form.getInputProps('demo', { type: 'checkbox' })}
          />
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={setup.isPending}>
              {t('setup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
