import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, errorMessage } from '../../api/client';
import { sessionStore } from '../../api/session';
import { useAuthStatus, useSessionState } from './useSession';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { session, notice } = useSessionState();
  const status = useAuthStatus();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('login.usernameRequired')),
      password: (v) => (v ? null : t('login.passwordRequired')),
    },
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const login = useMutation({
    mutationFn: (values: typeof form.values) => call('auth.login', values),
    onSuccess: (result) => {
      sessionStore.signIn({ token: result.token, user: result.user });
      navigate(from === '/login' ? '/' : from, { replace: true });
    },
    onError: (e) => {
      setError(errorMessage(e));
      form.setFieldValue('password', '');
    },
  });

  if (session) return <Navigate to={from} replace />;

  const branch = status.data?.branchName;
  return (
    <AuthLayout title={t('login.title')} subtitle={branch || undefined}>
      <form
        onSubmit={form.onSubmit((values) => {
          setError(null);
          sessionStore.clearNotice();
          login.mutate(values);
        })}
        noValidate
      >
        <Stack gap="sm">
          {notice && !error && (
            <Alert color="yellow" icon={<IconInfoCircle size={18} />} role="status">
              {notice}
            </Alert>
          )}
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            autoComplete="username"
            autoFocus
            data-autofocus
            maxLength={64}
            {...form.getInputProps('username')}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            maxLength={128}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
