import { useEffect } from 'react';
import { Alert, Button, Group, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract/auth';
import { ROLES, type Role } from '../../../../shared/roles';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

interface Values {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  employeeNo: string;
  department: string;
  phone: string;
  region: string;
}

const EMPTY: Values = {
  username: '',
  password: '',
  displayName: '',
  role: 'account_manager',
  employeeNo: '',
  department: '',
  phone: '',
  region: '',
};

/** Create or edit a user; the server's validation messages land on the fields they concern. */
export function UserFormModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isCreate = editing?.mode === 'create';
  const branch = useQuery({
    queryKey: ['settings.getBranch'],
    queryFn: () => call('settings.getBranch', {}),
  });
  const form = useForm<Values & { formError: string }>({
    initialValues: { ...EMPTY, formError: '' },
    validate: {
      username: (v) => (!isCreate || v.trim() ? null : t('common.required')),
      password: (v) => (!isCreate || v.length >= 8 ? null : t('setup.passwordRule')),
      displayName: (v) => (v.trim() ? null : t('common.required')),
    },
  });

  useEffect(() => {
    if (!editing) return;
    const u = editing.mode === 'edit' ? editing.user : null;
    form.setValues({
      ...EMPTY,
      formError: '',
      ...(u && {
        displayName: u.displayName,
        role: u.role,
        employeeNo: u.employeeNo,
        department: u.department,
        phone: u.phone,
        region: u.region,
      }),
    });
    form.resetDirty();
    form.clearErrors();
    save.renewKey();
    // The form object is stable across renders; only a newly opened dialog should reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  const save = useSubmitOnce({
    mutationFn: (
      { formError: _f, username, password, ...profile }: Values & { formError: string },
      idempotencyKey,
    ) =>
      editing?.mode === 'edit'
        ? call('users.update', { id: editing.user.id, ...profile })
        : call('users.create', { username: username.trim(), password, ...profile }, { idempotencyKey }),
    onSuccess: (user) => {
      notifySuccess(
        isCreate
          ? t('users.created', { name: user.displayName })
          : t('users.saved', { name: user.displayName }),
      );
      void queryClient.invalidateQueries({ queryKey: ['users.list'] });
      void queryClient.invalidateQueries({ queryKey: ['users.options'] });
      onClose();
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else form.setFieldError('formError', errorMessage(e));
    },
  });

  const regions = branch.data?.regions ?? [];
  const currentRegion = form.values.region;
  const regionOptions =
    currentRegion && !regions.includes(currentRegion) ? [currentRegion, ...regions] : regions;

  return (
    <GuardedModal
      opened={!!editing}
      dirty={!!editing && form.isDirty()}
      onClose={onClose}
      size="lg"
      title={
        isCreate
          ? t('users.create')
          : t('users.editTitle', { name: editing?.mode === 'edit' ? editing.user.displayName : '' })
      }
    >
      <form noValidate onSubmit={form.onSubmit((values) => save.submit(values))}>
        <Stack gap="sm">
          {form.errors.formError && (
            <Alert color="red" role="alert">
              {form.errors.formError}
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="sm">
            {isCreate ? (
              <TextInput
                label={t('users.fields.username')}
                description={t('users.usernameHint')}
                required
                data-autofocus
                autoComplete="off"
                maxLength={32}
                {...form.getInputProps('username')}
              />
            ) : (
              <TextInput
                label={t('users.fields.username')}
                value={editing?.mode === 'edit' ? editing.user.username : ''}
                description={t('users.usernameFixed')}
                readOnly
                disabled
              />
            )}
            <TextInput
              label={t('users.fields.displayName')}
              required
              description={t('users.displayNameHint')}
              maxLength={50}
              {...form.getInputProps('displayName')}
            />
            {isCreate && (
              <PasswordInput
                label={t('users.initialPassword')}
                description={t('setup.passwordRule')}
                required
                autoComplete="new-password"
                maxLength={128}
                {...form.getInputProps('password')}
              />
            )}
            <Select
              label={t('users.fields.role')}
              required
              allowDeselect={false}
              description={t('users.roleHint')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              {...form.getInputProps('role')}
            />
            <TextInput
              label={t('users.fields.employeeNo')}
              maxLength={32}
              {...form.getInputProps('employeeNo')}
            />
            <TextInput
              label={t('users.fields.department')}
              maxLength={100}
              {...form.getInputProps('department')}
            />
            <TextInput label={t('users.fields.phone')} maxLength={32} {...form.getInputProps('phone')} />
            <Select
              label={t('users.fields.region')}
              placeholder={regions.length ? t('users.noRegion') : t('users.noRegionsConfigured')}
              clearable
              data={regionOptions}
              value={form.values.region || null}
              onChange={(v) => form.setFieldValue('region', v ?? '')}
              error={form.errors.region}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <CancelButton />
            <Button type="submit" loading={save.isPending}>
              {isCreate ? t('users.createSubmit') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
