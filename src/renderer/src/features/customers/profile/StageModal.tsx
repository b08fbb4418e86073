import { useEffect, useState } from 'react';
import { Button, Group, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_STAGES, type CustomerStage } from '../../../../../shared/contract/customer-common';
import type { Customer } from '../../../../../shared/contract/customers';
import { call, errorMessage } from '../../../api/client';
import { notifySuccess } from '../../../components/notify';
import { CancelButton, GuardedModal } from '../../../components/forms/GuardedModal';
import { LimitedTextarea } from '../../../components/forms/LimitedTextarea';
import { useSubmitOnce } from '../../../components/forms/useSubmitOnce';
import { useInvalidateCustomers } from '../hooks';

/** Moves the customer along the pipeline; the note goes into the stage history. */
export function StageModal({
  customer,
  opened,
  onClose,
}: {
  customer: Customer;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCustomers();
  const [stage, setStage] = useState<CustomerStage>(customer.stage);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    setStage(customer.stage);
    setNote('');
    setError(null);
  }, [opened, customer.stage]);
  const run = useSubmitOnce({
    mutationFn: () => call('customers.setStage', { id: customer.id, stage, note: note.trim() }),
    onSuccess: (c) => {
      notifySuccess(t('customers.stageChange.done', { stage: t(`customers.stage.${c.stage}`) }));
      void invalidate();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <GuardedModal
      opened={opened}
      dirty={opened && (stage !== customer.stage || note.trim() !== '')}
      onClose={onClose}
      title={t('customers.stageChange.title')}
      size="sm"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.submit();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t('customers.fields.stage')}
            data-autofocus
            allowDeselect={false}
            data={CUSTOMER_STAGES.map((s) => ({ value: s, label: t(`customers.stage.${s}`) }))}
            value={stage}
            onChange={(v) => v && setStage(v as CustomerStage)}
            error={error}
          />
          <LimitedTextarea
            label={t('customers.stageChange.note')}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <CancelButton />
            <Button type="submit" loading={run.isPending} disabled={stage === customer.stage}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </GuardedModal>
  );
}
