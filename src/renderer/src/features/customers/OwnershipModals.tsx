import { useEffect, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, errorMessage, fieldErrors } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { CancelButton, GuardedModal } from '../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../components/forms/LimitedTextarea';
import { useSubmitOnce } from '../../components/forms/useSubmitOnce';
import { useAccountManagers, useInvalidateCustomers } from './hooks';

export interface OwnershipTarget {
  ids: string[];
  /** Shown in the dialog: one name, or "3 customers". */
  label: string;
  /** The current 第一责任人 (single customer), excluded from the choice. */
  currentOwnerId?: string | null;
}

/**
 * Transfer (leader/admin) or release to the pool (公海). Both need a reason, which goes into the
 * ownership log; the server refuses anyone else.
 */
export function OwnershipModal({
  mode,
  target,
  onClose,
}: {
  mode: 'transfer' | 'release';
  target: OwnershipTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const managers = useAccountManagers();
  const [toOwnerId, setToOwnerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!target) return;
    setToOwnerId(null);
    setReason('');
    setErrors({});
  }, [target]);

  const run = useSubmitOnce({
    mutationFn: () =>
      mode === 'transfer'
        ? call('customers.transfer', { ids: target!.ids, toOwnerId: toOwnerId!, reason: reason.trim() })
        : call('customers.release', { ids: target!.ids, reason: reason.trim() }),
    onSuccess: (r) => {
      notifySuccess(
        t(mode === 'transfer' ? 'customers.ownership.transferred' : 'customers.ownership.released', {
          count: r.changed,
        }),
      );
      void invalidate();
      onClose();
    },
    onError: (e) => {
      const f = fieldErrors(e);
      setErrors(Object.keys(f).length ? f : { form: errorMessage(e) });
    },
  });

  const submit = () => {
    const next: Record<string, string> = {};
    if (mode === 'transfer' && !toOwnerId) next.toOwnerId = t('common.required');
    if (!reason.trim()) next.reason = t('customers.ownership.reasonRequired');
    setErrors(next);
    if (Object.keys(next).length === 0) run.submit();
  };

  const options = (managers.data ?? [])
    .filter((u) => u.id !== target?.currentOwnerId)
    .map((u) => ({ value: u.id, label: u.region ? `${u.displayName}（${u.region}）` : u.displayName }));

  return (
    <GuardedModal
      opened={!!target}
      dirty={!!target && (toOwnerId !== null || reason.trim() !== '')}
      onClose={onClose}
      title={t(
        mode === 'transfer' ? 'customers.ownership.transferTitle' : 'customers.ownership.releaseTitle',
      )}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{target?.label}</Text>
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          {mode === 'transfer' && (
            <Select
              label={t('customers.ownership.toOwner')}
              required
              searchable
              data-autofocus
              data={options}
              value={toOwnerId}
              onChange={setToOwnerId}
              error={errors.toOwnerId}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <LimitedTextarea
            label={t('customers.ownership.reason')}
            required
            maxLength={500}
            data-autofocus={mode === 'release' ? true : undefined}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" color={mode === 'release' ? 'orange' : undefined} loading={run.isPending}>
              {t(mode === 'transfer' ? 'customers.ownership.transfer' : 'customers.ownership.release')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
