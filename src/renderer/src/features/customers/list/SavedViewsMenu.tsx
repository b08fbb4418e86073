import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconBookmark, IconBookmarkPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '../../../../../shared/contract/customer-common';
import { call, errorMessage, fieldErrors } from '../../../api/client';
import { useHasRole } from '../../../app/auth/useSession';
import { notifyError, notifySuccess } from '../../../components/notify';
import { CancelButton, GuardedModal } from '../../../components/forms/GuardedModal';
import { useSubmitOnce } from '../../../components/forms/useSubmitOnce';
import { compactFilters } from './filters';

/** Saved list views: apply one, save the current filters under a name, delete your own. */
export function SavedViewsMenu({
  filters,
  onApply,
}: {
  filters: CustomerFilter;
  onApply: (f: CustomerFilter) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canShare = useHasRole(['admin', 'leader']);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const views = useQuery({
    queryKey: ['customers.views.list'],
    queryFn: () => call('customers.views.list', {}),
  });

  const save = useSubmitOnce({
    mutationFn: (_: void, idempotencyKey) =>
      call(
        'customers.views.save',
        { name: name.trim(), filters: compactFilters(filters), shared },
        { idempotencyKey },
      ),
    onSuccess: (view) => {
      notifySuccess(t('customers.views.saved', { name: view.name }));
      setSaving(false);
      void queryClient.invalidateQueries({ queryKey: ['customers.views.list'] });
    },
    onError: (e) => setError(fieldErrors(e).name ?? errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('customers.views.delete', { id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['customers.views.list'] }),
    onError: (e) => notifyError(e),
  });

  const list = views.data ?? [];
  return (
    <>
      <Menu position="bottom-end" withinPortal width={280}>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconBookmark size={14} />}>
            {t('customers.views.title')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {list.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={6}>
              {t('customers.views.empty')}
            </Text>
          )}
          {list.map((v) => (
            <Menu.Item
              key={v.id}
              onClick={() => onApply(v.filters)}
              rightSection={
                (v.mine || canShare) && (
                  <ActionIcon
                    component="span"
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('customers.views.delete', { name: v.name })}
                    onClick={(e) => {
                      e.stopPropagation();
                      remove.mutate(v.id);
                    }}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                )
              }
            >
              {v.name}
              {v.shared && (
                <Text span size="xs" c="dimmed" ml={6}>
                  {t('customers.views.sharedTag')}
                </Text>
              )}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconBookmarkPlus size={14} />}
            onClick={() => {
              setName('');
              setShared(false);
              setError(null);
              save.renewKey();
              setSaving(true);
            }}
          >
            {t('customers.views.saveCurrent')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <GuardedModal
        opened={saving}
        dirty={saving && name.trim() !== ''}
        onClose={() => setSaving(false)}
        title={t('customers.views.saveCurrent')}
        size="sm"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) setError(t('common.required'));
            else save.submit();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('customers.views.name')}
              data-autofocus
              maxLength={50}
              value={name}
              error={error}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(null);
              }}
            />
            {canShare && (
              <Checkbox
                label={t('customers.views.shared')}
                checked={shared}
                onChange={(e) => setShared(e.currentTarget.checked)}
              />
            )}
            <Group justify="flex-end">
              <CancelButton />
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </GuardedModal>
    </>
  );
}
