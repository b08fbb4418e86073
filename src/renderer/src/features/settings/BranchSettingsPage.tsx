import { useEffect } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BranchSettings } from '../../../../shared/contract/settings';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { useHasRole } from '../../app/auth/useSession';
import { PageHeader } from '../../components/PageHeader';
import { notifyError, notifySuccess } from '../../components/notify';
import { useDirtyGuard } from '../../components/forms/unsaved';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';

/** Branch code and name, the region and industry lists every module picks from, session and update settings. */
export function BranchSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canEdit = useHasRole(['admin']);
  const settings = useQuery({
    queryKey: ['settings.getBranch'],
    queryFn: () => call('settings.getBranch', {}),
  });
  const form = useForm<BranchSettings>({
    initialValues: {
      branchCode: '',
      branchName: '',
      regions: [],
      industries: [],
      sessionIdleMinutes: 30,
      updateUrl: '',
    },
    validate: {
      branchCode: (v) => (/^[A-Z0-9]{2,10}$/.test(v.trim()) ? null : t('setup.branchCodeFormat')),
      branchName: (v) => (v.trim() ? null : t('common.required')),
    },
  });

  useEffect(() => {
    if (settings.data) {
      form.setValues(settings.data);
      form.resetDirty(settings.data);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings.data]);

  useDirtyGuard(canEdit && form.isDirty());
  const save = useSubmitOnce({
    mutationFn: (values: BranchSettings) => call('settings.updateBranch', values),
    onSuccess: (data) => {
      queryClient.setQueryData(['settings.getBranch'], data);
      form.resetDirty(data);
      void queryClient.invalidateQueries({ queryKey: ['auth.status'] });
      notifySuccess(t('branch.saved'));
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else notifyError(e);
    },
  });

  if (settings.isPending) return <Skeleton h={320} />;
  if (settings.isError) return <Alert color="red">{errorMessage(settings.error)}</Alert>;

  return (
    <Stack gap={0} maw={900}>
      <PageHeader title={t('nav.branch')} description={t('branch.description')} />
      {!canEdit && (
        <Alert color="gray" icon={<IconLock size={18} />} mb="md">
          {t('branch.readOnly')}
        </Alert>
      )}
      <form noValidate onSubmit={form.onSubmit((values) => save.submit(values))}>
        <Paper withBorder p="md">
          <Stack gap="md">
            <SimpleGrid cols={2} spacing="md">
              <TextInput
                label={t('setup.branchCode')}
                description={t('branch.codeHint')}
                readOnly={!canEdit}
                maxLength={10}
                {...form.getInputProps('branchCode')}
                onChange={(e) => form.setFieldValue('branchCode', e.currentTarget.value.toUpperCase())}
              />
              <TextInput
                label={t('setup.branchName')}
                description={t('setup.branchNameHint')}
                readOnly={!canEdit}
                maxLength={100}
                {...form.getInputProps('branchName')}
              />
            </SimpleGrid>
            <TagsInput
              label={t('branch.regions')}
              description={t('branch.regionsHint')}
              placeholder={canEdit ? t('branch.tagPlaceholder') : undefined}
              readOnly={!canEdit}
              clearable={canEdit}
              splitChars={[',', '，', ';', '；']}
              {...form.getInputProps('regions')}
            />
            <TagsInput
              label={t('branch.industries')}
              description={t('branch.industriesHint')}
              placeholder={canEdit ? t('branch.tagPlaceholder') : undefined}
              readOnly={!canEdit}
              clearable={canEdit}
              splitChars={[',', '，', ';', '；']}
              {...form.getInputProps('industries')}
            />
            <SimpleGrid cols={2} spacing="md">
              <NumberInput
                label={t('branch.idleMinutes')}
                description={t('branch.idleMinutesHint')}
                min={5}
                max={720}
                allowDecimal={false}
                readOnly={!canEdit}
                {...form.getInputProps('sessionIdleMinutes')}
              />
              <TextInput
                label={t('branch.updateUrl')}
                description={t('branch.updateUrlHint')}
                placeholder="http://update.example.internal/kam-desk/"
                readOnly={!canEdit}
                maxLength={500}
                {...form.getInputProps('updateUrl')}
              />
            </SimpleGrid>
            {canEdit && (
              <Group justify="flex-end">
                <Button
                  variant="default"
                  disabled={!form.isDirty()}
                  onClick={() => settings.data && form.setValues(settings.data)}
                >
                  {t('common.revert')}
                </Button>
                <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                  {t('common.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      </form>
    </Stack>
  );
}
